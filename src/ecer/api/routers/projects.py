"""``/api/projects``: the two-high (两高) project inventory with checks and suggested dispositions, and
``POST /api/projects/{id}/decisions``: an officer's decision appended exactly as ``ecer projects decide`` does
(``ecer.services.projects.decide``: append-only, the previous decision named in the new row)."""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from ecer.api.deps import StoreDep
from ecer.api.errors import FindingsBody
from ecer.api.params import REGION_HELP, REGION_PATTERN
from ecer.api.serialize import frame_records, jsonable
from ecer.findings import FindingsError, make
from ecer.models.projects import DISPOSITIONS
from ecer.services import projects as sp

router = APIRouter(prefix="/api/projects", tags=["projects"])
DATE = r"^\d{4}-\d{2}-\d{2}$"


def _summary(e: sp.ProjectEvaluation) -> dict[str, Any]:
    d = e.last_decision
    return {
        "project": jsonable(e.project),
        "suggested_disposition": e.disposition.disposition,
        "reasons": jsonable(e.disposition.reasons),
        "findings": [jsonable(f) for f in e.findings],
        "last_decision": jsonable(d) if d else None,
        "meta": jsonable(e.meta),
    }


@router.get("", summary="Two-high projects / “两高”项目清单")
def list_projects(
    store: StoreDep,
    region_code: str | None = Query(None, pattern=REGION_PATTERN, description=REGION_HELP),
    status: Literal["planned", "under_construction", "built"] | None = Query(
        None, description="planned 拟建 | under_construction 在建 | built 建成"
    ),
    as_of: str | None = Query(None, pattern=DATE, description="check date YYYY-MM-DD (default today, UTC)"),
) -> list[dict[str, Any]]:
    """Every stored project (filtered) with its checks, the suggested disposition with reasons and the last decision."""
    ids = set(sp.list_projects(store, region=region_code, status=status).get_column("project_id").to_list())
    return [_summary(e) for e in sp.evaluate(store, as_of=as_of) if e.project["project_id"] in ids]


@router.get("/{project_id}", summary="One project / 项目详情")
def show_project(
    store: StoreDep,
    project_id: str = Path(description="project id"),
    as_of: str | None = Query(None, pattern=DATE, description="check date YYYY-MM-DD (default today, UTC)"),
) -> dict[str, Any]:
    """One project: checks, suggested disposition, the whole decision history (oldest first) and the project's
    stored versions. An unknown project is 404 (E_PROJECT_UNKNOWN)."""
    (e,) = sp.evaluate(store, project_id, as_of=as_of)
    return {
        **_summary(e),
        "decisions": frame_records(sp.decisions(store, project_id)),
        "versions": frame_records(sp.project_history(store, project_id)),
    }


_DECISIONS: list[Any] = [*DISPOSITIONS, *DISPOSITIONS.values()]
_NOT_BLANK = r"\S"


class DecisionIn(BaseModel):
    """An officer's decision on a project (the fields of ``ecer projects decide``)."""

    model_config = ConfigDict(extra="forbid")
    decision: str = Field(
        description="continue 继续 | rectify 整改 | suspend 暂停 | exit 退出",
        json_schema_extra={"enum": _DECISIONS},
    )
    by: str = Field(
        min_length=1, max_length=200, pattern=_NOT_BLANK, description="who decides (name or staff id)"
    )
    reason: str = Field(
        min_length=1, max_length=4000, pattern=_NOT_BLANK, description="why (kept in the history)"
    )


_DECISION_SCHEMA = DecisionIn.model_json_schema()
_DECISION_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _DECISION_SCHEMA},
            "application/x-www-form-urlencoded": {"schema": _DECISION_SCHEMA},
        },
    }
}


async def _decision_body(request: Request) -> DecisionIn:
    """The body as JSON or as a form (the dashboard's review form posts one); anything else is 422 naming the field."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw: Any
    if kind == "application/x-www-form-urlencoded" or kind == "multipart/form-data":
        form = await request.form()
        raw = {k: v for k, v in form.items() if isinstance(v, str)}
    else:
        try:
            raw = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise FindingsError(
                [make("E_VALUE_INVALID", value="", detail=f"body: 不是 JSON / not JSON ({exc})"[:300])]
            ) from exc
    if not isinstance(raw, dict):
        raise FindingsError(
            [
                make(
                    "E_VALUE_INVALID",
                    value="",
                    detail="body: 应为对象 {decision, by, reason} / expected an object",
                )
            ]
        )
    try:
        return DecisionIn.model_validate(raw)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()]
        raise RequestValidationError(errors) from exc


@router.post(
    "/{project_id}/decisions",
    summary="Record a decision / 记录处置决定",
    status_code=201,
    openapi_extra=_DECISION_BODY,
    responses={
        404: {"model": FindingsBody, "description": "E_PROJECT_UNKNOWN: no such project"},
        422: {
            "model": FindingsBody,
            "description": "E_DECISION_INVALID / E_VALUE_INVALID: bad decision, by or reason",
        },
    },
)
async def add_decision(
    request: Request, store: StoreDep, project_id: str = Path(description="project id")
) -> dict[str, Any]:
    """Append an officer's decision (who, why, the decision) to the project's history, exactly as
    ``ecer projects decide``: nothing is overwritten, the new row names the previous decision, the suggested
    disposition at the time and the project version decided on. Returns the stored row (201)."""
    body = await _decision_body(request)
    row = await run_in_threadpool(
        sp.decide, store, project_id, decision=body.decision, by=body.by, reason=body.reason
    )
    return {"decision": jsonable(row)}


@router.get(
    "/{project_id}/review",
    summary="Region path with and without the project / 项目对地区双控的影响",
    responses={404: {"model": FindingsBody, "description": "E_PROJECT_UNKNOWN: no such project"}},
)
def review_project(
    store: StoreDep,
    project_id: str = Path(description="project id"),
    as_of_year: int | None = Query(
        None, ge=1990, le=2100, description="start from the region as of this year (default: the year before operation)"
    ),
) -> dict[str, Any]:
    """Issue 7 §7 (``ecer projects review``): the region's assessed consumption [tce] and intensity [tce/万元] per year
    to the plan's target year with and without the project, and the summary (share of the remaining increment,
    replacement needed, the rule asking for it). A region without the data the path needs answers 422
    (W_PROJECT_REGION_NO_DATA naming what is missing)."""
    path = sp.review(store, project_id, as_of_year=as_of_year)
    return {"region_code": path.region_code, "rows": jsonable(path.rows), "summary": jsonable(path.summary)}
