"""A small fake of ``ecer.services.dual_control.assess`` for the browser tests: 31 provinces + the nation,
two years, grades spread over red / yellow / green / grey, so the pages can be checked without the core.

Grades follow the barometer rule by construction: intensity change > 0 → 1 (red); a fall smaller than the
required 2.8589 % → 2 (yellow); otherwise 3 (green); no data → grey.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer import refdata
from ecer.models.rules import RuleEdition

REQUIRED_2021 = 1 - 0.865 ** 0.2  # even geometric pace of the 13.5 % five-year target
CHANGES = [0.012, -0.015, -0.04, None]  # → red, yellow, green, grey in turn


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


def rows() -> list[dict[str, Any]]:
    regions = refdata.regions().filter(pl.col("level").is_in(["national", "province"])).sort("region_code")
    out = []
    for i, reg in enumerate(regions.iter_rows(named=True)):
        for year, t in ((2021, 1), (2022, 2)):
            required = 1 - 0.865 ** (t / 5)
            change = -0.031 if reg["level"] == "national" else CHANGES[(i + year) % 4]
            grade, color = _grade(change, REQUIRED_2021)
            total_grade, total_color = _grade(change, REQUIRED_2021) if i % 5 else (None, "exempt")
            energy = 1_000_000.0 * (i + 1)
            out.append({
                "region_code": reg["region_code"], "name_zh": reg["name_zh"], "name_en": reg["name_en"],
                "level": reg["level"], "parent_code": reg["parent_code"], "period": str(year),
                "period_kind": "Y", "year": year, "rule_edition": "2022",
                "total_energy": energy, "feedstock_energy": energy * 0.05, "renewable_electricity_tce": 12_290.0,
                "renewable_deduction_total": 1229.0, "nonfossil_deduction": 0.0,
                "separately_listed_energy": 3000.0 if reg["region_code"] == "110000" else 0.0,
                "energy_for_total": energy * 0.95 - 1229.0, "energy_for_intensity": energy * 0.95,
                "gdp": 1000.0 * (i + 1), "intensity": 0.095, "intensity_change_yoy": change,
                "energy_growth_yoy": 0.02, "gdp_growth_yoy": 0.05, "required_reduction_annual": REQUIRED_2021,
                "intensity_reduction_cumulative": None if change is None else -change * t,
                "required_reduction_cumulative": required, "progress_ratio": None, "five_year_target": 0.135,
                "incentive_target": 0.16, "incentive_reached": False, "total_exempt": total_color == "exempt",
                "allowed_energy_growth": 0.02, "intensity_grade": grade, "intensity_color": color,
                "total_grade": total_grade, "total_color": total_color, "annual_target_met": None,
                "data_origin": "partly synthetic",
            })
    return out


def assess(*, store: Any = None, period: str | None = None, region: str | None = None,
           edition: str | None = None, **_: Any) -> FakeResult:
    table = pl.DataFrame(rows(), infer_schema_length=None)
    if period:
        table = table.filter(pl.col("period") == period)
    if region:
        table = table.filter(pl.col("region_code") == region)
    return FakeResult(table=table, findings=[], edition=refdata.rule_edition(edition or "2022"),
                      meta={"data_origin": ["partly synthetic"], "synthetic": True})


def list_periods(store: Any) -> list[str]:
    return ["2021", "2022"]
