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


def coal_equivalent_factors(years: list[int], rate: str = "generation", k: float = 0.30) -> pl.DataFrame:
    """The calorific value for every year, and a national coal-equivalent factor ``k`` tce/MWh (its rate ``rate``,
    its source "<year> <rate> label") for ``years`` only."""
    rows: dict[str, list[Any]] = {"region_code": [None], "year": [None], "basis": ["calorific"], "factor": [0.1229],
                                  "rate": ["calorific"], "source": ["GB/T 2589 当量值"]}
    for y in years:
        for key, v in zip(rows, (None, y, "coal_equivalent", k, rate, f"{y} {rate} label"), strict=True):
            rows[key].append(v)
    return pl.DataFrame(rows, schema_overrides={"region_code": pl.String, "year": pl.Int64})


def renewable_rows(region: str, bases: tuple[tuple[str, str, float | None], ...]) -> list[dict[str, Any]]:
    """One row a (period, electricity_basis, electricity_coal_rate) in ``bases``: 1000 tce, 10 × 10⁸ CNY and
    100 MWh of renewable electricity."""
    return [{"region_code": region, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0,
             "renewable_electricity": 100.0, "electricity_basis": b, "electricity_coal_rate": r} for p, b, r in bases]


def coal_equivalent_rows(codes: list[str], periods: list[str]) -> list[dict[str, Any]]:
    """Each region of ``codes`` in each of ``periods`` (region by region): 1000 tce, 10 × 10⁸ CNY and 100 MWh of
    renewable electricity on the coal-equivalent basis."""
    return [{"region_code": c, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0,
             "renewable_electricity": 100.0, "electricity_basis": "coal_equivalent"} for c in codes for p in periods]


def renewable_path(region: str = "110000") -> list[dict[str, Any]]:
    """R: 2020 1000, 2021 3000, 2022 2500, 2023 4000 MWh (calorific 0.1229 tce/MWh); E 10000, 10400, 10600, 10900;
    G 100, 105, 110, 115."""
    path = (("2020", 10000.0, 100.0, 1000.0), ("2021", 10400.0, 105.0, 3000.0), ("2022", 10600.0, 110.0, 2500.0),
            ("2023", 10900.0, 115.0, 4000.0))
    return [{"region_code": region, "period": p, "total_energy": e, "gdp_constant": g, "renewable_electricity": r}
            for p, e, g, r in path]
