"""``/api/reports/assessment.{xlsx|html|pdf}``: the assessment report as a download (Excel, PDF) or a printable
page (HTML) — the same report ``ecer dual-control report`` writes."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from ecer.api.deps import CacheDep, StoreDep
from ecer.api.params import enum
from ecer.api.routers.assessments import AssessQueryDep
from ecer.findings import FindingsError, make
from ecer.reports import write_report

router = APIRouter(prefix="/api/reports", tags=["reports"])
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@router.get("/assessment.{fmt}", summary="Assessment report / 评估报告", response_class=Response)
def assessment_report(
    store: StoreDep,
    cache: CacheDep,
    q: AssessQueryDep,
    fmt: str = PathParam(description="xlsx | html | pdf", json_schema_extra=enum(list(MEDIA))),
    lang: Literal["zh", "en"] = Query("zh", description="zh | en"),
) -> Response:
    """Excel with charts, printable HTML (inline SVG) or PDF; the same status codes as /api/assessments."""
    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt,
                                  valid=", ".join(MEDIA))])
    result = q.result(store, cache)  # the same cached assessment as /api/assessments
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"  # a fixed name: nothing from the request becomes a path
        write_report(result, path, lang=lang)
        body = path.read_bytes()
    name = f"ecer-dual-control-{q.period or 'all'}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
