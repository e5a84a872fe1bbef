"""``/api/projects``: the two-high (两高) project inventory with checks and suggested dispositions (read-only; decisions
are recorded with ``ecer projects decide``)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Path, Query

from ecer.api.deps import StoreDep
from ecer.api.params import REGION_HELP, REGION_PATTERN
from ecer.api.serialize import frame_records, jsonable
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
