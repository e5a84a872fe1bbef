"""A small fake of ``ecer.services.dual_control.assess`` for the browser tests: 31 provinces + the nation,
the base year 2020 and two plan years, grades spread over red / yellow / green / grey, so the pages can be checked
without the core. Rows carry every column of ``ecer.core.dual_control.ASSESSMENT_COLUMNS`` (unset ones null).

Grades follow the barometer rule by construction: intensity change > 0 → 1 (red); a fall smaller than the
required 2.8589 % → 2 (yellow); otherwise 3 (green); no data → grey. 2020 is the 14th plan's base year: not
graded, not assessed. The assessment (years) follows the grade: green → met, yellow → met by progress, red → not
met, grey → null. There is no "exempt" colour: the barometer never exempts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.dual_control import ASSESSMENT_COLUMNS
from ecer.models.rules import RuleEdition

REQUIRED_2021 = 1 - 0.865 ** 0.2  # even geometric pace of the 13.5 % five-year target
CHANGES = [0.012, -0.015, -0.04, None]  # → red, yellow, green, grey in turn
OUTCOME = {1: "not_met", 2: "met_by_progress", 3: "met", None: None}
NOTE_REGION = "650000"  # 新疆: shown with a target note
EDITION_BY_PERIOD = {"2020": "2016", "2021": "2021", "2022": "2022"}


@dataclass
class FakeResult:
    table: pl.DataFrame
    findings: list[Any]
    edition: RuleEdition
    meta: dict[str, Any] = field(default_factory=dict)


def _grade(change: float | None, required: float) -> tuple[int | None, str]:
    if change is None:
        return None, "grey"
    if change > 0:
        return 1, "red"
    return (2, "yellow") if -change < required else (3, "green")


def _row(reg: dict[str, Any], i: int, year: int) -> dict[str, Any]:
    base = year == 2020
    t = year - 2020
    change = -0.031 if reg["level"] == "national" else CHANGES[(i + year) % 4]
    grade, color = (None, "grey") if base else _grade(change, REQUIRED_2021)
    total_grade, total_color = (None, "grey") if base or i % 5 == 0 else _grade(change, REQUIRED_2021)
    energy = 1_000_000.0 * (i + 1) * (1 + 0.02 * t)
    e_total = energy * 0.95 - 1229.0
    row: dict[str, Any] = dict.fromkeys(ASSESSMENT_COLUMNS)
    row.update({
        "region_code": reg["region_code"], "name_zh": reg["name_zh"], "name_en": reg["name_en"],
        "level": reg["level"], "parent_code": reg["parent_code"], "period": str(year), "period_kind": "Y",
        "year": year, "plan": "13th" if base else "14th", "plan_status": "base_year" if base else "in_plan",
        "rule_edition": EDITION_BY_PERIOD[str(year)],
        "total_energy": energy, "feedstock_energy": energy * 0.05, "feedstock_deduction": 0.0 if base else energy * 0.05,
        "renewable_electricity": 100_000.0, "electricity_basis": "coal_equivalent", "electricity_factor": 0.301,
        "electricity_factor_rate": "generation", "electricity_factor_source": "fake factor 301 gce/kWh",
        "renewable_electricity_tce": 30_100.0, "renewable_deduction_total": 0.0 if base else 1229.0,
        "nonfossil_deduction": 0.0,
        "separately_listed_energy": 3000.0 if reg["region_code"] == "110000" else 0.0,
        "separately_listed_deduction": 3000.0 if reg["region_code"] == "110000" and not base else 0.0,
        "energy_for_total": e_total, "energy_for_total_prev": e_total / 1.02, "energy_for_intensity": energy * 0.95,
        "gdp": 1000.0 * (i + 1) * (1 + 0.05 * t), "price_base_year": 2020, "intensity": 0.095,
        "intensity_change_yoy": change, "energy_growth_yoy": 0.02, "gdp_growth_yoy": 0.05,
        "data_origin": "partly synthetic",
    })
    if base:
        return row
    row.update({
        "required_reduction_annual": REQUIRED_2021,
        "intensity_reduction_cumulative": None if change is None else -change * t,
        "required_reduction_cumulative": 1 - 0.865 ** (t / 5), "five_year_target": 0.135, "incentive_target": 0.16,
        "target_source": "fake target", "target_status": "own" if i % 2 else "inherited",
        "target_note": ("未公布“十四五”能耗强度目标，沿用上级目标 / no published 14th-FYP target; the parent's applies"
                        if reg["region_code"] == NOTE_REGION else None),
        "allowed_energy_growth_plan": 0.02, "allowed_energy_growth": 0.025, "allowed_growth_basis": "gdp_plan+gdp_above_plan",
        "energy_allowed": e_total / 1.02 * 1.025,
        "intensity_grade": grade, "intensity_color": color, "total_grade": total_grade, "total_color": total_color,
        "assessment_scope": "annual", "intensity_assessment": OUTCOME[grade], "total_assessment": OUTCOME[total_grade],
        "incentive_reached": False, "total_exempt": False,
    })
    return row


def rows() -> list[dict[str, Any]]:
    regions = refdata.regions().filter(pl.col("level").is_in(["national", "province"])).sort("region_code")
    return [_row(reg, i, year) for i, reg in enumerate(regions.iter_rows(named=True)) for year in (2020, 2021, 2022)]


def assess(*, store: Any = None, period: str | None = None, region: str | None = None,
           edition: str | None = None, **_: Any) -> FakeResult:
    table = pl.DataFrame(rows(), infer_schema_length=None)
    table = table.filter(pl.col("period") == period) if period else table.filter(pl.col("year") > 2020)
    if region:
        table = table.filter(pl.col("region_code") == region)
    periods = sorted(set(table.get_column("period").to_list()))
    editions = {e: refdata.rule_edition(e) for e in {EDITION_BY_PERIOD[p] for p in periods}}
    meta = {"data_origin": ["partly synthetic"], "synthetic": True, "periods": periods,
            "thresholds": {"intensity_rise": 0.0, "total_red_margin": 0.01, "tolerance": 1e-9},
            "edition_by_period": {p: EDITION_BY_PERIOD[p] for p in periods},
            "edition_names": {e: {"zh": x.name_zh, "en": x.name_en, "effective_from": x.effective_from}
                              for e, x in editions.items()}}
    return FakeResult(table=table, findings=[], edition=refdata.rule_edition(edition or "2022"), meta=meta)


def list_periods(store: Any) -> list[str]:
    """2019 has data but no plan with targets: the pages must not offer it."""
    return ["2019", "2020", "2021", "2022"]
