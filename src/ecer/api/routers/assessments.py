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
) -> dict[str, Any]:
    """Rows (one per region × period; fractions, tce, 10⁸ CNY), findings, the rule edition and metadata."""
    _check_query(period, region)
    result = dual_control.assess(store=store, period=period, region=region, edition=edition)
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
