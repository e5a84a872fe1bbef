"""Carbon intensity progress and the energy and carbon views side by side: cases worked by hand.

National target −18 % 2025 vs 2020 (国发〔2021〕23号 二); energy −13.5 % (国发〔2021〕33号 二). Even pace (hand):
  carbon R_1 = 1 − 0.82^0.2 = 0.0389128, R_2 = 1 − 0.82^0.4 = 0.0763115;
  energy R_1 = 1 − 0.865^0.2 = 1 − exp(0.2 × ln 0.865) = 1 − exp(−0.0290045) = 0.0285880.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.carbon.factors import co2_intensity_target, energy_intensity_target
from ecer.core.carbon.progress import PROGRESS_COLUMNS, SIDE_COLUMNS, carbon_progress, energy_and_carbon
from ecer.core.targets.tracking import Target

# A: 2020 1 000 000 tCO2 on GDP 100 亿元 → 1.0 tCO2/万元
#    2021 1 018 500 t on 105 亿元 (+5 %)    → 1 018 500 / 1 050 000 = 0.97   (−3 %)
#    2022 1 026 648 t on 110.25 亿元 (+5 %) → 1 026 648 / 1 102 500 = 0.9312 (−4 % on 0.97)
TOTALS = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2021, 2022], "co2": [1_000_000.0, 1_018_500.0,
                                                                                      1_026_648.0]})
GDP = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2021, 2022], "gdp": [100.0, 105.0, 110.25]})


def test_national_targets_from_the_catalog() -> None:
    t = co2_intensity_target()
    assert (t.size, t.base_year, t.target_year, t.direction) == (0.18, 2020, 2025, "decrease")
    assert "国发〔2021〕23号" in t.source
    assert energy_intensity_target().size == 0.135


def test_two_year_chained_carbon_intensity_by_hand() -> None:
    # cumulative 2022 = 1 − 0.97 × 0.96 = 0.0688; progress 0.0688 / 0.0763115 = 0.901568; 2021: 0.03 / 0.0389128
    # grades: 2021 −3 % < 3.89 % → 2; 2022 −4 % ≥ 3.89 % → 3. The CO2 total rose 1.85 % and then 0.8 %
    # (1 026 648 / 1 018 500 = 1.008): intensity falls while the total grows
    out, findings = carbon_progress(TOTALS, GDP, co2_intensity_target())
    assert findings == [] and out.columns == PROGRESS_COLUMNS
    assert out["intensity"].to_list() == pytest.approx([1.0, 0.97, 0.9312])
    assert out["achieved_cumulative"].to_list() == pytest.approx([0.0, 0.03, 0.0688])
    assert out["progress_ratio"].to_list()[1:] == pytest.approx([0.770955, 0.901568], abs=1e-5)
    assert out["grade"].to_list() == [None, 2, 3] and out["color"].to_list() == ["grey", "yellow", "green"]
    assert out["co2_change_yoy"].to_list()[1:] == pytest.approx([0.0185, 0.008])
    assert out["co2"].to_list() == TOTALS["co2"].to_list() and out["gdp"].to_list() == GDP["gdp"].to_list()


def test_missing_gdp_and_regional_targets() -> None:
    tot = pl.concat([TOTALS, pl.DataFrame({"region_code": ["B"], "year": [2020], "co2": [5.0e5]})])
    out, findings = carbon_progress(tot, GDP, {"A": Target(size=0.20, base_year=2020, target_year=2025)})
    assert [f.code for f in findings] == ["E_CARBON_GDP_MISSING", "I_TARGET_MISSING"]
    assert findings[0].evidence["record"] == "B 2020"
    # A against its own −20 %: R_2 = 1 − 0.8^0.4 = 1 − exp(0.4 × ln 0.8) = 1 − exp(−0.0892574)
    #   exp(−x) = 1 − x + x²/2 − x³/6 + x⁴/24 = 1 − 0.0892574 + 0.0039834 − 0.0001185 + 0.0000026 = 0.9146101
    #   R_2 = 0.0853899
    assert out.filter(pl.col("year") == 2022)["required_cumulative"].item() == pytest.approx(0.0853899, abs=1e-6)


def test_energy_and_carbon_side_by_side() -> None:
    # energy: 2020 500 000 tce / 100 亿元 = 0.5 tce/万元; 2021 505 000 / 1 050 000 = 0.4809524 (−3.8095 %)
    # energy grade 2021: 3.81 % ≥ R_1 2.8588 % → 3 (green); carbon: −3 % < 3.89 % → 2 (yellow)
    # carbon content of energy: 2020 1 000 000 / 500 000 = 2.0 tCO2/tce; 2021 1 018 500 / 505 000 = 2.0168317
    energy = pl.DataFrame({"region_code": ["A"] * 2, "year": [2020, 2021], "energy": [500_000.0, 505_000.0]})
    out, findings = energy_and_carbon(energy, TOTALS.head(2), GDP.head(2), energy_target=energy_intensity_target(),
                                      carbon_target=co2_intensity_target())
    assert findings == [] and out.columns == SIDE_COLUMNS
    r = out.filter(pl.col("year") == 2021).row(0, named=True)
    assert r["energy_intensity"] == pytest.approx(0.4809524, abs=1e-7)
    assert r["energy_reduction_cumulative"] == pytest.approx(0.0380952, abs=1e-7)
    assert r["energy_required_cumulative"] == pytest.approx(0.0285880, abs=1e-6)
    assert (r["energy_grade"], r["carbon_grade"]) == (3, 2)
    assert (r["energy_on_pace"], r["carbon_on_pace"]) == (True, False)
    assert r["carbon_intensity"] == pytest.approx(0.97) and r["co2_per_tce"] == pytest.approx(2.0168317, abs=1e-7)


def test_the_side_view_shows_the_assessments_energy_progress_as_is() -> None:
    """A rule edition that rebases the base year (the 2024 edition removes non-fossil energy from base and year
    alike): levels 0.20 (2020, old basis) → 0.17 (2024, new basis) would re-track as 1 − 0.17/0.20 = 15 %, but the
    assessment's chained reduction is 9.81 % against its requirement 11.37 %, grade 2 — the side view must say so."""
    en = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2024], "energy": [None, 6.8e5],
                       "energy_intensity": [0.20, 0.17], "energy_change_yoy": [None, -0.0285],
                       "energy_reduction_cumulative": [0.0, 0.0981], "energy_required_cumulative": [None, 0.1137],
                       "energy_progress_ratio": [None, 0.0981 / 0.1137], "energy_on_pace": [None, False],
                       "energy_grade": [None, 2], "energy_color": ["grey", "yellow"]})
    co = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2024], "co2": [1.0e6, 1.0e6]})
    gdp = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2024], "gdp": [100.0, 400.0]})
    out, _ = energy_and_carbon(en, co, gdp, energy_target=Target(size=0.135, base_year=2020, target_year=2025),
                               carbon_target=Target(size=0.18, base_year=2020, target_year=2025))
    row = out.filter(pl.col("year") == 2024).row(0, named=True)
    assert row["energy_reduction_cumulative"] == pytest.approx(0.0981)
    assert row["energy_required_cumulative"] == pytest.approx(0.1137)
    assert (row["energy_grade"], row["energy_color"], row["energy_on_pace"]) == (2, "yellow", False)
    assert row["energy_intensity"] == pytest.approx(0.17)
    # without the assessment's columns the levels are re-tracked: 1 − 0.17/0.20 = 15 %
    out2, _ = energy_and_carbon(en.select("region_code", "year", "energy", "energy_intensity"), co, gdp,
                                energy_target=Target(size=0.135, base_year=2020, target_year=2025),
                                carbon_target=Target(size=0.18, base_year=2020, target_year=2025))
    assert out2.filter(pl.col("year") == 2024)["energy_reduction_cumulative"].item() == pytest.approx(0.15)
