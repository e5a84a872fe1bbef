"""Carbon progress: what its refusals and notes name, and the side view's edges, by hand (issue 5 §3.3, mutation).

Findings' texts are read off their templates in ``ecer.findings`` (E_CARBON_COLUMN_MISSING, E_CARBON_GDP_MISSING,
I_TARGET_MISSING); the formulas are those of ``ecer.core.carbon.progress`` (C_t = E_t / (G_t · 10⁴) [tCO2/万元],
国发〔2021〕23号 二).
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.carbon.progress import PROGRESS_COLUMNS, SIDE_COLUMNS, carbon_progress, energy_and_carbon
from ecer.core.targets.tracking import Target
from ecer.findings import FindingsError, Location

T18 = Target(size=0.18, base_year=2020, target_year=2025)
T135 = Target(size=0.135, base_year=2020, target_year=2025)


def test_every_missing_column_is_named_and_located() -> None:
    with pytest.raises(FindingsError) as e:
        carbon_progress(pl.DataFrame({"region_code": ["A"]}), pl.DataFrame(), T18)
    f = e.value.findings
    assert [x.code for x in f] == ["E_CARBON_COLUMN_MISSING"] * 2
    assert [x.location for x in f] == [Location(column="year"), Location(column="co2")]
    assert [x.evidence for x in f] == [
        {"what": "碳排放 / CO2 totals", "column": c, "expected": "region_code, year, co2"} for c in ("year", "co2")]
    assert f[1].message_en == "CO2 totals: column 'co2' is missing (needed: region_code, year, co2)"
    assert f[1].message_zh == "碳排放缺少列“co2”（需要：region_code, year, co2）"
    # the GDP table is checked too, under its own name
    with pytest.raises(FindingsError) as e:
        carbon_progress(pl.DataFrame({"region_code": ["A"], "year": [2020], "co2": [1.0]}),
                        pl.DataFrame({"region_code": ["A"], "year": [2020]}), T18)
    assert [(x.location, x.evidence) for x in e.value.findings] == [
        (Location(column="gdp"), {"what": "地区生产总值 / GDP", "column": "gdp", "expected": "region_code, year, gdp"})]
    # energy in the side view
    with pytest.raises(FindingsError) as e:
        energy_and_carbon(pl.DataFrame({"region_code": ["A"], "year": [2020]}), pl.DataFrame(), pl.DataFrame(),
                          energy_target=T135, carbon_target=T18)
    assert [x.evidence["what"] for x in e.value.findings] == ["能源消费 / energy"]


TOT = pl.DataFrame({"region_code": ["B", "A", "A", "B", "A"], "year": [2021, 2022, 2021, 2020, 2020],
                    "co2": [5e5, 1e6, None, 4e5, 1e6]})
GDP = pl.DataFrame({"region_code": ["A", "B", "B"], "year": [2020, 2021, 2020], "gdp": [100.0, 0.0, 50.0]})


def test_a_missing_or_zero_gdp_is_named_in_region_and_year_order() -> None:
    # A 2022: a CO2 total without GDP; B 2021: GDP 0 (not > 0); A 2021: no CO2, so no intensity is wanted
    out, findings = carbon_progress(TOT, GDP, T18)
    gdp_missing = [f for f in findings if f.code == "E_CARBON_GDP_MISSING"]
    assert [f.evidence for f in gdp_missing] == [{"record": "A 2022"}, {"record": "B 2021"}]
    assert gdp_missing[0].message_en == "A 2022: no constant-price GDP, so no CO2 intensity"
    # intensities: A 2020 1e6 / (100 × 10⁴) = 1.0; B 2020 4e5 / (50 × 10⁴) = 0.8; none without a positive GDP
    assert out.columns == PROGRESS_COLUMNS
    assert out.select("region_code", "year", "intensity").rows() == [
        ("A", 2020, 1.0), ("A", 2021, None), ("A", 2022, None), ("B", 2020, 0.8), ("B", 2021, None)]
    assert out["gdp"].to_list() == [100.0, None, None, 50.0, 0.0]


def test_regions_without_a_target_are_counted_and_listed() -> None:
    _, findings = carbon_progress(TOT, GDP, {"A": T18, "Z": T18})  # Z has no data: nothing to say about it
    note = [f for f in findings if f.code == "I_TARGET_MISSING"]
    assert [f.evidence for f in note] == [{"what": "目标 / target", "count": 1, "series": "B"}]
    # no region has a target: an empty table with the columns, and both regions named
    out, findings = carbon_progress(TOT, GDP, {"Z": T18})
    assert out.height == 0 and out.columns == PROGRESS_COLUMNS
    assert [f.evidence for f in findings if f.code == "I_TARGET_MISSING"] == [
        {"what": "目标 / target", "count": 2, "series": "A, B"}]


def test_the_co2_change_compares_with_the_year_before_only() -> None:
    # A: 2020 1.0e6, 2022 1.1e6 (no 2021): no yearly change in 2022; 2023 1.21e6 → +10 % on 2022
    tot = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2022, 2023], "co2": [1.0e6, 1.1e6, 1.21e6]})
    gdp = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2022, 2023], "gdp": [100.0, 110.0, 121.0]})
    out, _ = carbon_progress(tot, gdp, T18)
    ch = out["co2_change_yoy"].to_list()
    assert ch[0] is None and ch[1] is None and ch[2] == pytest.approx(0.10)


def test_the_side_view_names_a_missing_gdp_once_and_not_when_the_intensity_is_given() -> None:
    # A 2021 has energy and CO2 but no GDP: one E_CARBON_GDP_MISSING for the pair, not one per side
    energy = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], "energy": [5e5, 5e5]})
    co = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], "co2": [1e6, 1e6]})
    gdp = pl.DataFrame({"region_code": ["A"], "year": [2020], "gdp": [100.0]})
    _, findings = energy_and_carbon(energy, co, gdp, energy_target=T135, carbon_target=T18)
    assert [f.evidence for f in findings if f.code == "E_CARBON_GDP_MISSING"] == [{"record": "A 2021"}]
    # the assessment's own intensity given: the energy side does not need GDP, the carbon side still does
    given = energy.with_columns(energy_intensity=pl.Series([0.5, 0.5]))
    _, findings = energy_and_carbon(given, co, gdp, energy_target=T135, carbon_target=T18)
    assert [f.evidence for f in findings if f.code == "E_CARBON_GDP_MISSING"] == [{"record": "A 2021"}]
    _, findings = energy_and_carbon(given, co.head(1), gdp, energy_target=T135, carbon_target=T18)
    assert [f for f in findings if f.code == "E_CARBON_GDP_MISSING"] == []


def test_the_side_view_joins_years_either_side_has() -> None:
    # energy 2020 only (0 tce: intensity 0, no carbon content); CO2 2020 and 2021 (GDP 100 and 105)
    energy = pl.DataFrame({"region_code": ["A"], "year": [2020], "energy": [0.0]})
    co = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], "co2": [1e6, 1.0185e6]})
    gdp = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], "gdp": [100.0, 105.0]})
    out, _ = energy_and_carbon(energy, co, gdp, energy_target=T135, carbon_target=T18)
    assert out.columns == SIDE_COLUMNS
    # 2021: the GDP comes from the carbon side (105); intensity 1.0185e6 / 1.05e6 = 0.97; no energy, no content
    assert out.select("year", "gdp", "energy", "energy_intensity", "carbon_intensity", "co2_per_tce").rows() == [
        (2020, 100.0, 0.0, 0.0, 1.0, None), (2021, 105.0, None, None, pytest.approx(0.97), None)]
    assert out["carbon_change_yoy"].to_list()[1] == pytest.approx(-0.03)


def test_the_carbon_content_of_less_than_one_tce() -> None:
    # 0.5 tce with 1.2 tCO2: k = 1.2 / 0.5 = 2.4 tCO2/tce (any energy above 0 has a content, not only above 1)
    energy = pl.DataFrame({"region_code": ["A"], "year": [2020], "energy": [0.5]})
    co = pl.DataFrame({"region_code": ["A"], "year": [2020], "co2": [1.2]})
    gdp = pl.DataFrame({"region_code": ["A"], "year": [2020], "gdp": [1.0]})
    out, _ = energy_and_carbon(energy, co, gdp, energy_target=T135, carbon_target=T18)
    assert out["co2_per_tce"].to_list() == [pytest.approx(2.4)]
