"""Small builders for the hand-worked dual-control cases: energy rows, targets and the catalog's rule editions."""

from __future__ import annotations

from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, assess
from ecer.models.rules import RuleEdition

ENERGY_DEFAULTS: dict[str, Any] = {
    "feedstock_energy": 0.0, "renewable_electricity": 0.0, "other_nonfossil_energy": 0.0,
    "separately_listed_energy": 0.0, "separately_listed_value_added": 0.0, "price_base_year": 2020,
    "electricity_basis": "calorific", "electricity_coal_rate": None, "data_origin": "user",
}
CALORIFIC = pl.DataFrame(
    {"region_code": [None], "year": [None], "basis": ["calorific"], "factor": [0.1229], "rate": ["calorific"],
     "source": ["GB/T 2589 当量值 0.1229 kgce/kWh"]},
    schema_overrides={"region_code": pl.String, "year": pl.Int64})
REGIONS = pl.DataFrame({"region_code": ["100000", "110000", "120000", "130000", "130100"],
                        "name_zh": ["全国", "北京市", "天津市", "河北省", "石家庄市"], "name_en": [""] * 5,
                        "level": ["national", "province", "province", "province", "city"],
                        "parent_code": [None, None, None, None, "130000"]},
                       schema_overrides={"parent_code": pl.String})


def energy(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Energy rows in the canonical columns; ``rows`` give region_code, period, total_energy, gdp_constant and any
    other column that differs from ``ENERGY_DEFAULTS``."""
    full = [{**ENERGY_DEFAULTS, **r} for r in rows]
    return pl.DataFrame(full, schema_overrides={"electricity_coal_rate": pl.Float64, "price_base_year": pl.Int64})


def target(region: str, basic: float, *, incentive: float | None = None, gdp_growth: float | None = None,
           cap: float | None = None, plan: str = "14th") -> dict[str, Any]:
    base, tgt = {"13th": (2015, 2020), "14th": (2020, 2025)}[plan]
    return {"region_code": region, "plan": plan, "base_year": base, "target_year": tgt,
            "intensity_reduction_basic": basic, "intensity_reduction_incentive": incentive,
            "gdp_growth_plan": gdp_growth, "total_increment_cap": cap, "source": "hand case"}


def targets(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema_overrides={c: pl.Float64 for c in (
        "intensity_reduction_incentive", "gdp_growth_plan", "total_increment_cap")})


def editions() -> list[RuleEdition]:
    return [refdata.rule_edition(e) for e in refdata.rule_editions()]


def run(data: pl.DataFrame, tgts: pl.DataFrame | None, edition: str = "2022", *, recompute: bool = True,
        periods: list[str] | None = None, annual: pl.DataFrame | None = None, factors: pl.DataFrame | None = None,
        **options: Any) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Any]]:
    """Assess with the catalog's editions; returns ({(region, period): row}, findings)."""
    chosen = refdata.rule_edition(edition, recompute_earlier_years=recompute, **options)
    inputs = AssessmentInputs(energy=data, targets=tgts, annual_targets=annual, regions=REGIONS,
                              electricity_factors=CALORIFIC if factors is None else factors)
    table, findings = assess(inputs, chosen, editions(), periods=periods)
    return {(r["region_code"], r["period"]): r for r in table.iter_rows(named=True)}, findings
