"""``/api/assessments``: dual-control assessment — the barometer (预警) and the assessment (考核) — by period, region
and edition. The query parameters both this route and the report downloads take are declared once
(:class:`AssessQuery`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from ecer.api.deps import StoreDep
from ecer.api.serialize import frame_records, jsonable
from ecer.services import dual_control
from ecer.services.dual_control import AssessmentResult

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


@dataclass
class AssessQuery:
    """Query parameters of an assessment (also used by ``/api/reports``)."""

    period: str | None = Query(None, description="2021, 2021H1, 2021Q3, 2021-07, 2021-07YTD; all plan periods if omitted")
    region: str | None = Query(None, description="6-digit GB/T 2260 code; all if omitted")
    edition: str | None = Query(None, description="rule edition (see /api/editions); the default (2024) if omitted")
    recompute_earlier_years: bool = Query(False, description="apply the chosen edition to every year of its plan "
                                          "(default: each period under the rules in force on its last day)")
    remove_listed_value_added: bool = Query(False, description="also remove separately listed projects' value "
                                            "added from GDP (津发改双碳〔2022〕93号 practice)")
    renewable_reading: Literal["previous_year", "base_year"] | None = Query(
        None, description="new renewable electricity (1258号): previous_year (the text, default) | base_year")
    incentive_pro_rata: bool = Query(False, description="apply the incentive-target exemption of the total inside "
                                     "the plan too (1310号 第(九)条 rules it for the five-year assessment only)")
    total_red_margin: float | None = Query(None, ge=0, le=1, description="barometer: growth above the allowed "
                                           "growth by more than this is 一级 (fraction; default 0.01)")

    def run(self, store: Any) -> AssessmentResult:
        options = {"recompute_earlier_years": self.recompute_earlier_years,
                   "separately_listed_remove_value_added": self.remove_listed_value_added,
                   "renewable_increment_reading": self.renewable_reading,
                   "incentive_exemption_pro_rata": self.incentive_pro_rata,
                   "total_red_margin": self.total_red_margin}
        return dual_control.assess(store=store, period=self.period, region=self.region, edition=self.edition,
                                   options=options)


AssessQueryDep = Annotated[AssessQuery, Depends()]


@router.get("", summary="Dual-control assessment / 能耗双控评估")
def assess(store: StoreDep, q: AssessQueryDep) -> dict[str, Any]:
    """Rows (one per region × period; fractions, tce, 10⁸ CNY — ``meta.units`` names each column's unit), the
    findings that explain them, the rule edition asked for and the editions applied per period
    (``meta.edition_by_period``). A malformed period or region is 422, a region nobody knows or no data 404."""
    result = q.run(store)
    return {
        "edition": jsonable(result.edition),
        "meta": jsonable(result.meta),
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "rows": frame_records(result.table),
    }
