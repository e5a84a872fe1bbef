"""Whole rows of the dual-control assessment table (ecer.core.dual_control.assess): every measure, change, target,
grade and verdict of a region-year worked out by hand from the input — the annual assessment on planned GDP growth,
the five-year assessment on an increment cap with the incentive target, a filed annual target, the base-year
reading of new renewable electricity. Units: tce, 10⁸ CNY (2020 prices), MWh; rates as fractions; intensity
I = E / (G·10⁴) tce/10⁴ CNY. Even pace of T = 13.5 %: R_t = 1 − 0.865^(t/5); of T_inc = 16 %: 1 − 0.84^(t/5)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from ecer.core.dual_control import ASSESSMENT_COLUMNS
from tests.core.cases import energy, run, target, targets

R1, R2 = 1 - 0.865**0.2, 1 - 0.865**0.4
INC2 = 1 - 0.84**0.4
K = 0.1229  # calorific value of electricity, tce/MWh


def _rows(path: tuple[tuple[str, float, float, float], ...], region: str = "110000") -> pl.DataFrame:
    return energy(
        [
            {
                "region_code": region,
                "period": p,
                "total_energy": e,
                "gdp_constant": g,
                "renewable_electricity": r,
            }
            for p, e, g, r in path
        ]
    )


def _approx(expected: dict[str, Any]) -> dict[str, Any]:
    return {
        k: pytest.approx(v, rel=1e-9, abs=1e-12) if isinstance(v, float) else v for k, v in expected.items()
    }


# 2020–2022: E 10000, 10176, 10243.2 tce; G 1.00, 1.06, 1.10; renewables R 1000, 2000, 4000 MWh (calorific).
# I: 10000 / 10⁴ = 1.0; 10176 / 10600 = 0.96 (−4 %); 10243.2 / 11000 = 0.9312 (−3 % on 2021, −6.88 % on 2020).
_ANNUAL = (
    ("2020", 10000.0, 1.00, 1000.0),
    ("2021", 10176.0, 1.06, 2000.0),
    ("2022", 10243.2, 1.10, 4000.0),
)


def test_an_annual_year_on_planned_gdp_growth_is_worked_out_column_by_column() -> None:
    """2022 in the 14th plan (t = 2 of n = 5), T 13.5 %, T_inc 16 %, GDP plan 6 %, the 2022 edition (new renewable
    electricity over the previous year leaves the total only).

    New renewables 4000 − 2000 = 2000 MWh × 0.1229 = 245.8 tce: E_tot = 10243.2 − 245.8 = 9997.4 against E₂₀₂₁ =
    10176: −1.75511 %. The chain since 2020: (2000 − 1000) + (4000 − 2000) = 3000 MWh = 368.7 tce; cumulative
    growth (10243.2 − 368.7) / 10000 − 1 = −1.255 %. GDP +10 %/1.06 − 1 = +3.77358 % (below the plan: no raise),
    cumulative +10 %. Allowed: 1.06 × (1 − R1) − 1 a year, 1.06² × (1 − R2) − 1 in two years; energy allowed
    10176 × (1 + allowed). Progress 6.88 % / R2 = 1.22073. Every test met: grades 3 (green), verdicts "met"."""
    out, _ = run(_rows(_ANNUAL), targets(target("110000", 0.135, incentive=0.16, gdp_growth=0.06)))
    row = out[("110000", "2022")]
    assert list(row) == ASSESSMENT_COLUMNS
    allowed = 1.06 * (1 - R1) - 1
    assert row == _approx(
        {
            "region_code": "110000",
            "name_zh": "北京市",
            "name_en": "",
            "level": "province",
            "parent_code": None,
            "period": "2022",
            "period_kind": "Y",
            "year": 2022,
            "plan": "14th",
            "plan_status": "in_plan",
            "rule_edition": "2022",
            "total_energy": 10243.2,
            "feedstock_energy": 0.0,
            "feedstock_deduction": 0.0,
            "renewable_electricity": 4000.0,
            "electricity_basis": "calorific",
            "electricity_factor": K,
            "electricity_factor_rate": "calorific",
            "electricity_factor_source": "GB/T 2589 当量值 0.1229 kgce/kWh",
            "renewable_electricity_tce": 4000 * K,
            "renewable_increment": 2000.0,
            "renewable_deduction_total": 2000 * K,
            "renewable_deduction_cumulative": 3000 * K,
            "nonfossil_deduction": 0.0,
            "separately_listed_energy": 0.0,
            "separately_listed_deduction": 0.0,
            "energy_for_intensity": 10243.2,
            "energy_for_total": 10243.2 - 2000 * K,
            "energy_for_total_prev": 10176.0,
            "gdp": 1.10,
            "price_base_year": 2020,
            "intensity": 0.9312,
            "intensity_prev": 0.96,
            "intensity_base": 1.0,
            "intensity_change_yoy": 0.9312 / 0.96 - 1,
            "energy_growth_yoy": (10243.2 - 2000 * K) / 10176 - 1,
            "gdp_growth_yoy": 1.10 / 1.06 - 1,
            "intensity_reduction_cumulative": 1 - 0.9312,
            "energy_growth_cumulative": (10243.2 - 3000 * K) / 10000 - 1,
            "gdp_growth_cumulative": 1.10 / 1.00 - 1,
            "five_year_target": 0.135,
            "incentive_target": 0.16,
            "gdp_growth_plan": 0.06,
            "total_increment_cap": None,
            "target_source": "hand case",
            "target_status": "own",
            "target_note": None,
            "required_reduction_annual": R1,
            "annual_target_source": "even_pace",
            "required_reduction_cumulative": R2,
            "incentive_required_cumulative": INC2,
            "progress_ratio": (1 - 0.9312) / R2,
            "allowed_energy_growth_plan": allowed,
            "allowed_energy_growth": allowed,
            "allowed_growth_basis": "gdp_plan",
            "allowed_energy_growth_cumulative": 1.06**2 * (1 - R2) - 1,
            "energy_allowed": 10176 * (1 + allowed),
            "intensity_grade": 3,
            "intensity_color": "green",
            "total_grade": 3,
            "total_color": "green",
            "assessment_scope": "annual",
            "intensity_annual_met": True,
            "intensity_progress_met": True,
            "intensity_assessment": "met",
            "incentive_reached": True,
            "total_exempt": False,
            "total_annual_met": True,
            "total_progress_met": True,
            "total_assessment": "met",
            "data_origin": "user",
        }
    )


def test_the_base_year_reading_counts_new_renewables_against_2020() -> None:
    """The same 2022 with the base-year reading of 1258号: new renewables 4000 − 1000 = 3000 MWh = 368.7 tce off
    2022; 2021 likewise loses (2000 − 1000) × 0.1229 = 122.9 tce: E_tot 9874.5 against 10053.1 → −1.77657 %."""
    out, _ = run(
        _rows(_ANNUAL),
        targets(target("110000", 0.135, incentive=0.16, gdp_growth=0.06)),
        renewable_increment_reading="base_year",
    )
    row = out[("110000", "2022")]
    got = {
        k: row[k]
        for k in (
            "renewable_increment",
            "renewable_deduction_total",
            "renewable_deduction_cumulative",
            "energy_for_total",
            "energy_for_total_prev",
            "energy_growth_yoy",
            "energy_allowed",
        )
    }
    allowed = 1.06 * (1 - R1) - 1
    assert got == _approx(
        {
            "renewable_increment": 3000.0,
            "renewable_deduction_total": 3000 * K,
            "renewable_deduction_cumulative": 3000 * K,
            "energy_for_total": 10243.2 - 3000 * K,
            "energy_for_total_prev": 10176 - 1000 * K,
            "energy_growth_yoy": (10243.2 - 3000 * K) / (10176 - 1000 * K) - 1,
            "energy_allowed": (10176 - 1000 * K) * (1 + allowed),
        }
    )


def test_a_filed_annual_target_replaces_the_even_pace_and_names_its_source() -> None:
    """A filed 2022 target of 2.5 % (no source column): required 2.5 %, source "filed annual target"; the
    allowance follows it: 1.06 × 0.975 − 1 = +3.35 %. 2021 keeps the even pace R1."""
    annual = pl.DataFrame({"region_code": ["110000"], "year": [2022], "intensity_reduction": [0.025]})
    out, _ = run(_rows(_ANNUAL), targets(target("110000", 0.135, gdp_growth=0.06)), annual=annual)
    r22, r21 = out[("110000", "2022")], out[("110000", "2021")]
    assert (r22["required_reduction_annual"], r22["annual_target_source"]) == (0.025, "filed annual target")
    assert r22["allowed_energy_growth"] == pytest.approx(1.06 * 0.975 - 1, rel=1e-12)
    assert r21["required_reduction_annual"] == pytest.approx(R1, rel=1e-12)
    assert r21["annual_target_source"] == "even_pace"
