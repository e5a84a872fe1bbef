"""``/api/reports/assessment.{xlsx|html}``: the assessment report as a download (Excel) or a printable page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ecer.api.deps import StoreDep
from ecer.api.routers.assessments import _check_query
from ecer.findings import FindingsError, make
from ecer.reports import write_html, write_xlsx
from ecer.services import dual_control

router = APIRouter(prefix="/api/reports", tags=["reports"])
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "html": "text/html; charset=utf-8"}


@router.get("/assessment.{fmt}", summary="Assessment report / 评估报告", response_class=Response)
def assessment_report(
    store: StoreDep,
    fmt: str,
    period: str | None = Query(None, description="period; all if omitted"),
    region: str | None = Query(None, description="GB/T 2260 code; all if omitted"),
    edition: str | None = Query(None, description="rule edition"),
    lang: str = Query("zh", pattern="^(zh|en)$", description="zh | en"),
) -> Response:
    """The same report `ecer dual-control report` writes: Excel with charts, or printable HTML (inline SVG)."""
    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt, valid="xlsx, html")])
    _check_query(period, region)
    result = dual_control.assess(store=store, period=period, region=region, edition=edition)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"  # a fixed name: nothing from the request becomes a path
        (write_xlsx if fmt == "xlsx" else write_html)(result, path, lang=lang)
        body = path.read_bytes()
    name = f"ecer-dual-control-{period or 'all'}.{fmt}"
    disposition = "attachment" if fmt == "xlsx" else "inline"
    return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
