"""``/api/assessments``: dual-control assessment (progress, barometer grades) by period, region, edition."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ecer.api.deps import StoreDep
from ecer.api.serialize import frame_records, jsonable
from ecer.findings import FindingsError, Location, make
from ecer.models.region import REGION_CODE_RE
from ecer.periods import Period
from ecer.services import dual_control

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


@router.get("", summary="Dual-control assessment / 能耗双控评估")
def assess(
    store: StoreDep,
    period: str | None = Query(None, description="2021, 2021H1, 2021Q3, 2021-07, 2021-07YTD; all if omitted"),
    region: str | None = Query(None, description="6-digit GB/T 2260 code; all if omitted"),
    edition: str | None = Query(None, description="rule edition (see /api/editions); the service's default if omitted"),
    recompute_earlier_years: bool = Query(False, description="apply the chosen edition to earlier years too "
                                          "(default: each year under the rules in force then)"),
    remove_listed_value_added: bool = Query(False, description="also remove separately listed projects' value "
                                            "added from GDP (津发改双碳〔2022〕93号 practice)"),
    electricity_method: str | None = Query(None, description="calorific (当量值) | coal_equivalent (等价值)"),
    total_red_margin: float | None = Query(None, ge=0, le=1, description="barometer: growth above the allowed "
                                           "growth by more than this is 一级 (fraction; default 0.01)"),
) -> dict[str, Any]:
    """Rows (one per region × period; fractions, tce, 10⁸ CNY), findings, the rule edition and metadata."""
    _check_query(period, region)
    options = {"recompute_earlier_years": recompute_earlier_years,
               "separately_listed_remove_value_added": remove_listed_value_added,
               "electricity_method": electricity_method, "total_red_margin": total_red_margin}
    result = dual_control.assess(store=store, period=period, region=region, edition=edition, options=options)
    return {
        "edition": jsonable(result.edition),
        "meta": jsonable(result.meta),
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "rows": frame_records(result.table),
    }


def _check_query(period: str | None, region: str | None) -> None:
    """Malformed period or region codes are 422 findings naming the query parameter."""
    found = []
    if period is not None:
        try:
            Period.parse(period)
        except ValueError:
            found.append(make("E_PERIOD_MALFORMED", location=Location(column="period"), value=period))
    if region is not None and not REGION_CODE_RE.match(region):
        found.append(make("E_REGION_MALFORMED", location=Location(column="region"), value=region))
    if found:
        raise FindingsError(found)
