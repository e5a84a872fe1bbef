"""``/api/periods``: the periods of the store that can be assessed (``?detail=true``: with kind and base year)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.services import dual_control

router = APIRouter(prefix="/api/periods", tags=["assessments"])


class PeriodInfo(BaseModel):
    """One period that can be assessed (``ecer.services.dual_control.assessable_periods``)."""

    period: str = Field(description="label as /api/assessments accepts it: 2021, 2021H1, 2021Q3, 2021-07YTD, 2021-07")
    kind: Literal["Y", "H", "Q", "YTD", "M"] = Field(description="year, half-year, quarter, year to date, month")
    year: int
    plan: str | None = Field(description="the five-year plan the year belongs to (14th: 2021–2025)")
    graded: bool = Field(description="its plan has targets: the period is graded (barometer; years also assessed)")
    base_year: bool = Field(description="the base year of a plan with targets (2020 for the 14th): shown, not graded "
                                        "against that plan")
    base_of_plan: str | None = Field(description="the plan it is the base year of")
    plan_base_year: int | None = Field(description="base year of the period's own plan (its progress is measured "
                                                   "from the same period of that year)")
    label_zh: str = Field(description="Chinese label, e.g. 2021年1—7月")


@router.get("", summary="Periods that can be assessed / 可评估的期间", response_model=list[str] | list[PeriodInfo])
def list_periods(
    store: StoreDep,
    cache: CacheDep,
    detail: bool = Query(False, description="give each period's kind, plan and whether it is a plan's base year"),
) -> list[str] | list[PeriodInfo]:
    """Period labels (``2021``, ``2021H1``, ``2021-07``...) in order; only periods of a plan with targets and the
    base years of such plans (others would be refused with ``E_PERIOD_OUTSIDE_PLAN``)."""
    periods = cached(store, cache, "periods", (), lambda: dual_control.assessable_periods(store))
    if detail:
        return [PeriodInfo(**p) for p in periods]
    return [p["period"] for p in periods]
