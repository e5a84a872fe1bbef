"""``/api/assessments``: dual-control assessment — the barometer (预警) and the assessment (考核) — by period, region
and edition. The query parameters both this route and the report downloads take are declared once
(:class:`AssessQuery`).

Results are cached per store version and normalised parameters (``ecer.api.cache``): the answer's JSON bytes and
the :class:`~ecer.services.dual_control.AssessmentResult` the reports use. A load by any process changes the
version, so the next request computes afresh. A cached answer whose store version is known without reading the
store (``Store.known_version``: nothing changed on disk) is sent from the event loop; anything else — reading the
version, the CPU-bound polars work of a miss — runs on the thread pool, never on the event loop.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ecer.api.cache import MISSING, ResultCache
from ecer.api.deps import CacheDep, StoreDep, cached, cached_now
from ecer.api.errors import FindingModel
from ecer.api.params import PERIOD_HELP, PERIOD_PATTERN, REGION_HELP, REGION_PATTERN, enum, rule_editions
from ecer.api.serialize import frame_records, jsonable
from ecer.periods import Period
from ecer.services import dual_control
from ecer.services.dual_control import DEFAULT_EDITION, AssessmentResult
from ecer.storage import Store

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


@dataclass
class AssessQuery:
    """Query parameters of an assessment (also used by ``/api/reports``)."""

    period: str | None = Query(None, pattern=PERIOD_PATTERN,
                               description=f"{PERIOD_HELP}; all plan periods if omitted")
    region: str | None = Query(None, pattern=REGION_PATTERN, description=f"{REGION_HELP}; all if omitted")
    edition: str | None = Query(None, json_schema_extra=enum(rule_editions()),
                                description=f"rule edition (see /api/editions); {DEFAULT_EDITION} if omitted")
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

    def key(self) -> tuple[object, ...]:
        """The parameters, normalised: ``2021q3`` and ``2021Q3`` (or no edition and the default) are one entry."""
        try:
            period = str(Period.parse(self.period)) if self.period is not None else None
        except ValueError:
            period = self.period
        return (period, self.region, self.edition or DEFAULT_EDITION, self.recompute_earlier_years,
                self.remove_listed_value_added, self.renewable_reading, self.incentive_pro_rata,
                self.total_red_margin)

    def run(self, store: Any) -> AssessmentResult:
        """Compute the assessment (no cache)."""
        options = {"recompute_earlier_years": self.recompute_earlier_years,
                   "separately_listed_remove_value_added": self.remove_listed_value_added,
                   "renewable_increment_reading": self.renewable_reading,
                   "incentive_exemption_pro_rata": self.incentive_pro_rata,
                   "total_red_margin": self.total_red_margin}
        return dual_control.assess(store=store, period=self.period, region=self.region, edition=self.edition,
                                   options=options)

    def result(self, store: Store, cache: ResultCache) -> AssessmentResult:
        """The assessment, from the cache when this store version was already assessed with these parameters."""
        return cached(store, cache, "assessment", self.key(), lambda: self.run(store))


async def _assess_query(**params: Any) -> AssessQuery:
    return AssessQuery(**params)


# The same parameters as ``Depends(AssessQuery)``, built by a coroutine: FastAPI runs a class dependency on its thread
# pool (a hop per request for a few assignments); a coroutine with the class's signature runs on the event loop.
_assess_query.__signature__ = inspect.signature(AssessQuery)  # type: ignore[attr-defined]
AssessQueryDep = Annotated[AssessQuery, Depends(_assess_query)]


class AssessmentBody(BaseModel):
    """The assessment: rows (``ecer.core.dual_control.ASSESSMENT_COLUMNS``), findings, edition and metadata."""

    edition: dict[str, Any] = Field(description="the rule edition asked for, with its options and clauses")
    meta: dict[str, Any] = Field(description="source, units, periods, data origin, thresholds, edition_by_period, "
                                             "edition_names, errors")
    findings: list[FindingModel]
    rows: list[dict[str, Any]] = Field(description="one per region × period; fractions, tce, 10⁸ CNY "
                                                   "(meta.units names each column's unit)")


def body_bytes(result: AssessmentResult) -> bytes:
    """The JSON answer of an assessment (strict JSON: NaN and infinities are null)."""
    payload = {
        "edition": jsonable(result.edition),
        "meta": jsonable(result.meta),
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "rows": frame_records(result.table),
    }
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


@router.get("", summary="Dual-control assessment / 能耗双控评估", response_model=AssessmentBody)
async def assess(store: StoreDep, cache: CacheDep, q: AssessQueryDep) -> Response:
    """Rows (one per region × period; fractions, tce, 10⁸ CNY — ``meta.units`` names each column's unit), the
    findings that explain them, the rule edition asked for and the editions applied per period
    (``meta.edition_by_period``). A malformed period or region is 422, a region nobody knows or no data 404.
    Answers are cached per store version; every load (by any process) is seen by the next request."""
    key = q.key()
    body = cached_now(store, cache, "assessment.json", key)  # a hit: answered here, no thread hop
    if body is MISSING:  # read the version, compute on a miss: on the thread pool, never on the event loop
        body = await run_in_threadpool(
            cached, store, cache, "assessment.json", key, lambda: body_bytes(q.result(store, cache)))
    return Response(body, media_type="application/json")
