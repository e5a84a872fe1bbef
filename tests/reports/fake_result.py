"""A small hand-made assessment result with the columns of the dual-control assessment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.findings import Finding, Location, make
from ecer.models.rules import Clause, RuleEdition

COLUMNS = [
    "region_code", "name_zh", "name_en", "level", "parent_code", "period", "period_kind", "year", "rule_edition",
    "total_energy", "feedstock_energy", "renewable_electricity_tce", "renewable_deduction_total",
    "nonfossil_deduction", "separately_listed_energy", "energy_for_total", "energy_for_intensity", "gdp",
    "intensity", "intensity_change_yoy", "energy_growth_yoy", "gdp_growth_yoy",
    "required_reduction_annual", "intensity_reduction_cumulative", "required_reduction_cumulative",
    "progress_ratio", "five_year_target", "incentive_target", "incentive_reached", "total_exempt",
    "allowed_energy_growth", "intensity_grade", "intensity_color", "total_grade", "total_color",
    "annual_target_met", "data_origin",
]  # fmt: skip

# (code, zh, en, level, parent, energy tce, gdp 亿元, d_intensity, cumulative, grade, colour, total colour)
_ROWS = [
    ("100000", "全国", "China", "national", None, 5.25e9, 1_094_800.0, -0.027, 0.027, 2, "yellow", "green"),
    ("110000", "北京", "Beijing", "province", None, 6.9e7, 39_000.0, -0.031, 0.031, 3, "green", "green"),
    ("130000", "河北", "Hebei", "province", None, 3.3e8, 38_500.0, -0.012, 0.012, 2, "yellow", "red"),
    ("150000", "内蒙古", "Inner Mongolia", "province", None, 2.9e8, 18_500.0, 0.0455, -0.0455, 1, "red", "red"),
    ("540000", "西藏", "Tibet", "province", None, None, None, None, None, None, "grey", "grey"),
    ("130200", "唐山", "Tangshan", "city", "130000", 1.1e8, 8_000.0, 0.012, -0.012, 1, "red", "exempt"),
]


def _table() -> pl.DataFrame:
    rows = []
    for code, zh, en, level, parent, e, g, d, cum, grade, color, tcolor in _ROWS:
        rows.append({
            "region_code": code, "name_zh": zh, "name_en": en, "level": level, "parent_code": parent,
            "period": "2021", "period_kind": "Y", "year": 2021, "rule_edition": "2022",
            "total_energy": e, "feedstock_energy": e * 0.05 if e else None, "renewable_electricity_tce": None,
            "renewable_deduction_total": 0.0 if e else None, "nonfossil_deduction": 0.0 if e else None,
            "separately_listed_energy": 0.0 if e else None, "energy_for_total": e,
            "energy_for_intensity": e * 0.95 if e else None, "gdp": g,
            "intensity": e * 0.95 / (g * 1e4) if e and g else None, "intensity_change_yoy": d,
            "energy_growth_yoy": 0.05 if e else None, "gdp_growth_yoy": 0.081 if e else None,
            "required_reduction_annual": 0.0286 if e else None, "intensity_reduction_cumulative": cum,
            "required_reduction_cumulative": 0.0286 if e else None,
            "progress_ratio": cum / 0.0286 if cum is not None else None, "five_year_target": 0.135,
            "incentive_target": 0.145, "incentive_reached": False, "total_exempt": tcolor == "exempt",
            "allowed_energy_growth": 0.033 if e else None, "intensity_grade": grade, "intensity_color": color,
            "total_grade": {"red": 1, "yellow": 2, "green": 3}.get(tcolor), "total_color": tcolor,
            "annual_target_met": (grade == 3) if grade else None, "data_origin": "synthetic",
        })
    return pl.DataFrame(rows, infer_schema_length=None).select(COLUMNS)


EDITION = RuleEdition(
    edition="2022", name_zh="2022 年版（新增可再生能源不纳入总量、原料用能扣除）",
    name_en="2022 edition (renewable increments out of the total; feedstock out)", effective_from="2022-08-15",
    feedstock="exclude_total_and_intensity", renewable_electricity="increment_total_only",
    clauses={"feedstock": Clause(doc_no="发改环资〔2022〕803号", clause="二", quote="原料用能不纳入能耗双控考核",
                                 source="test fixture")},
)


@dataclass
class FakeResult:
    table: pl.DataFrame = field(default_factory=_table)
    findings: list[Finding] = field(default_factory=lambda: [
        make("W_MISSING_COMPARISON", location=Location(file="energy.csv", row=7, column="period"),
             region="540000", period="2020", what="同比变化"),
        make("W_REFDATA_UNVERIFIED", name="electricity_conversion", count=1, confidence="medium"),
    ])
    edition: RuleEdition = EDITION
    meta: dict[str, Any] = field(default_factory=lambda: {"period": "2021", "data": "fake"})
