"""CO2 from energy by carrier: cases worked by hand.

Formulas: METHODS §6.2 (E = AD × NCV × CC × OF × 44/12; purchased electricity × grid factor of year − 2; heat ×
0.11 tCO2/GJ). Parameters: 鲁环发〔2022〕4号 表2-3 (烟煤 19.570 GJ/t, 26.1 tC/TJ, 93 %; 天然气 15.30 tC/TJ, 99 %),
MEE/NBS national grid factors 2021 0.5568, 2022 0.5366, 2023 0.5306 kgCO2/kWh; 2023 华北 0.6361; 2022 河北 0.7252.
Every expected value is worked out in the comment beside it, independently of the code.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer.core.carbon import CarbonSettings, region_emissions, region_totals
from ecer.core.carbon import formulas as fm
from ecer.findings import FindingsError
from ecer.units import Q_


def energy(*rows: tuple) -> pl.DataFrame:
    """Rows of (region_code, year, carrier, use, quantity, unit)."""
    return pl.DataFrame(list(rows), schema=["region_code", "year", "carrier", "use", "quantity", "unit"], orient="row")


def codes(findings: list) -> list[str]:
    return [f.code for f in findings]


# --- combustion --------------------------------------------------------------------------------------------------


def test_coal_combustion_by_hand() -> None:
    # 1 万吨 烟煤 = 10 000 t
    # heat:      10 000 t × 19.570 GJ/t            = 195 700 GJ
    # carbon:    195 700 GJ × 26.1 tC/TJ (0.0261 tC/GJ) = 5 107.77 tC
    # oxidised:  5 107.77 tC × 0.93               = 4 750.2261 tC
    # CO2:       4 750.2261 × 44/12               = 17 417.4957 tCO2
    rows, findings = region_emissions(energy(("130000", 2023, "烟煤", "fuel", 1.0, "万吨")))
    r = rows.row(0, named=True)
    assert r["activity"] == pytest.approx(10_000.0) and r["activity_unit"] == "t"
    assert r["co2"] == pytest.approx(17_417.4957, abs=1e-4)
    assert r["emission_factor"] == pytest.approx(1.74174957, abs=1e-8)  # 19.570 × 0.0261 × 0.93 × 44/12 tCO2/t
    assert r["method"] == "combustion" and "鲁环发〔2022〕4号" in r["factor_source"]
    assert findings == []


def test_pint_version_with_changing_units() -> None:
    # the same 1 万吨 with the NCV in MJ/kg (19.570 MJ/kg = 19.570 GJ/t) and carbon in kg/GJ (26.1 kg/GJ = 26.1 t/TJ)
    e = fm.combustion_co2_q(Q_(1, "wan_t"), Q_(19.570, "MJ/kg"), Q_(26.1, "kg/GJ"), 0.93)
    assert float(e.to("t").magnitude) == pytest.approx(17_417.4957, abs=1e-4)
    with pytest.raises(ValueError, match="NCV"):
        fm.combustion_co2_q(Q_(1, "t"), Q_(19.570, "GJ"), Q_(26.1, "t/TJ"), 0.93)


def test_natural_gas_range_needs_the_users_ncv() -> None:
    # the table gives 322.38～389.31 GJ/10⁴Nm³: no value is picked, the row is an error and the total is null
    rows, findings = region_emissions(energy(("A", 2023, "天然气", "fuel", 1.0, "万立方米")))
    assert codes(findings) == ["E_CARBON_FACTOR_RANGE"] and rows["co2"].to_list() == [None]
    assert region_totals(rows)["co2"].to_list() == [None]
    # with the supplier's NCV 389.31 GJ/10⁴m³ on 1 亿m³ = 10 000 × 10⁴ m³:
    # 10 000 × 389.31 = 3 893 100 GJ; × 0.0153 = 59 564.43 tC; × 0.99 = 58 968.7857 tC; × 44/12 = 216 218.8809 tCO2
    e = energy(("A", 2023, "天然气", "fuel", 1.0, "亿立方米")).with_columns(ncv=pl.lit(389.31))
    rows, findings = region_emissions(e)
    assert findings == [] and rows["co2"].item() == pytest.approx(216_218.8809, abs=1e-3)
    assert rows["factor_source"].item().startswith("user")


# --- electricity and heat --------------------------------------------------------------------------------------


def test_purchased_electricity_year_minus_two() -> None:
    # 2023 net purchase 1 亿kWh = 100 000 MWh; Y−2 → the 2021 factor 0.5568 tCO2/MWh: 55 680 tCO2
    e = energy(("A", 2023, "电力", "fuel", 1.0, "亿千瓦时"))
    rows, _ = region_emissions(e)
    assert rows.select("factor_year", "emission_factor").row(0) == (2021, 0.5568)
    assert rows["co2"].item() == pytest.approx(55_680.0)
    # the same year's factor (lag 0): 100 000 × 0.5306 = 53 060; lag 1: × 0.5366 = 53 660
    assert region_emissions(e, settings=CarbonSettings(grid_year_lag=0))[0]["co2"].item() == pytest.approx(53_060.0)
    assert region_emissions(e, settings=CarbonSettings(grid_year_lag=1))[0]["co2"].item() == pytest.approx(53_660.0)


def test_regional_and_provincial_grid_factors() -> None:
    # 华北 2023 (lag 0): 100 000 MWh × 0.6361 = 63 610 t
    e = energy(("110000", 2023, "电力", "fuel", 100_000.0, "MWh")).with_columns(grid_region=pl.lit("华北"))
    rows, _ = region_emissions(e, settings=CarbonSettings(grid_year_lag=0, grid_scope="regional_grid_average"))
    assert rows["co2"].item() == pytest.approx(63_610.0)
    # 河北 (a city 130100 takes its province's factor) 2024 with Y−2 → 2022: 100 000 × 0.7252 = 72 520 t
    e = energy(("130100", 2024, "电力", "fuel", 100_000.0, "MWh"))
    rows, _ = region_emissions(e, settings=CarbonSettings(grid_scope="provincial_average"))
    assert rows["co2"].item() == pytest.approx(72_520.0)


def test_missing_grid_factor_is_a_finding_never_a_default() -> None:
    # 2026 with Y−2 needs the 2024 factor, which is not published in the catalog
    rows, findings = region_emissions(energy(("A", 2026, "电力", "fuel", 10.0, "MWh"),
                                             ("A", 2026, "烟煤", "fuel", 1.0, "t")))
    assert codes(findings) == ["E_CARBON_GRID_FACTOR_MISSING"]
    f = findings[0]
    assert f.evidence["factor_year"] == 2024 and "2021, 2022, 2023" in f.message_en and f.fix_zh
    assert rows["co2"].to_list()[0] is None and rows["in_error"].to_list() == [True, False]
    assert region_totals(rows).select("co2", "co2_electricity", "rows_in_error").row(0) == (None, None, 1)
    # a factor the user supplies with the data is used instead (source: user)
    e = energy(("A", 2026, "电力", "fuel", 10.0, "MWh")).with_columns(emission_factor=pl.lit(0.52))
    rows, findings = region_emissions(e)
    assert findings == [] and rows["co2"].item() == pytest.approx(5.2)  # 10 MWh × 0.52
    assert rows["factor_source"].item().startswith("user")


def test_net_export_counts_negative_with_a_note() -> None:
    # 内蒙古-like: net export of 20 000 MWh in 2023 at the 2021 factor: −20 000 × 0.5568 = −11 136 t
    rows, findings = region_emissions(energy(("A", 2023, "电力", "fuel", -20_000.0, "MWh")))
    assert rows["co2"].item() == pytest.approx(-11_136.0) and codes(findings) == ["I_CARBON_NET_EXPORT"]


def test_purchased_heat() -> None:
    # 5 000 GJ × 0.11 tCO2/GJ = 550 t; 1 TJ = 1 000 GJ → 110 t
    rows, _ = region_emissions(energy(("A", 2023, "热力", "fuel", 5_000.0, "GJ"), ("A", 2023, "热力", "fuel", 1.0, "TJ")))
    assert rows["co2"].to_list() == [pytest.approx(550.0), pytest.approx(110.0)]


# --- exclusions --------------------------------------------------------------------------------------------------


def test_non_fossil_energy_carries_no_co2() -> None:
    # 1000 t 烟煤 (1 741.74957 t) + wind, nuclear and hydro: the region's total is the coal alone
    rows, findings = region_emissions(energy(
        ("A", 2023, "烟煤", "fuel", 1000.0, "t"), ("A", 2023, "风电", "fuel", 5e4, "MWh"),
        ("A", 2023, "核电", "fuel", 2e4, "MWh"), ("A", 2023, "水电", "fuel", 3.0, "亿千瓦时")))
    assert rows["method"].to_list() == ["combustion", "non_fossil", "non_fossil", "non_fossil"]
    assert rows["co2"].to_list()[1:] == [0.0, 0.0, 0.0]
    assert region_totals(rows)["co2"].item() == pytest.approx(1_741.74957, abs=1e-5)
    assert findings == []


def test_feedstock_carbon_is_excluded_and_reported() -> None:
    # 烟煤 1 000 t burnt + 500 t feedstock (e.g. coal to ammonia): counted 1 741.74957 t; feedstock would have been
    # 500 × 1.74174957 = 870.874785 t, reported as excluded, never counted
    rows, findings = region_emissions(energy(("A", 2023, "烟煤", "fuel", 1000.0, "t"),
                                             ("A", 2023, "烟煤", "feedstock", 500.0, "t")))
    tot = region_totals(rows).row(0, named=True)
    assert tot["co2"] == pytest.approx(1_741.74957, abs=1e-5)
    assert tot["co2_feedstock_excluded"] == pytest.approx(870.874785, abs=1e-6)
    assert codes(findings) == ["I_CARBON_FEEDSTOCK_EXCLUDED"] and findings[0].evidence["count"] == 1


def test_feedstock_only_applies_to_fossil_fuels() -> None:
    rows, findings = region_emissions(energy(("A", 2023, "电力", "feedstock", 10.0, "MWh")))
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"] and rows["co2"].to_list() == [None]


# --- bad input ---------------------------------------------------------------------------------------------------


def test_bad_input_is_named_never_dropped() -> None:
    rows, findings = region_emissions(energy(
        ("A", 2023, "石头", "fuel", 1.0, "t"),  # unknown carrier
        ("A", 2023, "烟煤", "fuel", 1.0, "kWh"),  # a coal quantity in kWh
        ("A", 2023, "柴油", "fuel", -5.0, "t"),  # negative fuel
        ("A", 2023, "柴油", "burn", 5.0, "t"),  # unknown use
    ))
    assert rows.height == 4 and rows["co2"].to_list() == [None] * 4
    assert sorted(codes(findings)) == ["E_CARBON_CARRIER_UNKNOWN", "E_CARBON_UNIT_INVALID",
                                       "E_CARBON_VALUE_INVALID", "E_CARBON_VALUE_INVALID"]
    assert all("A 2023" in f.message_zh for f in findings)
    with pytest.raises(FindingsError) as exc:
        region_emissions(pl.DataFrame({"region_code": ["A"], "year": [2023], "carrier": ["烟煤"]}))
    assert {f.evidence["column"] for f in exc.value.findings} == {"quantity", "unit"}


def test_unverified_default_is_flagged() -> None:
    # 液化天然气 is printed with 17.2 tC/TJ (the LPG value): used, with a warning naming its confidence
    _, findings = region_emissions(energy(("A", 2023, "液化天然气", "fuel", 1.0, "t")))
    assert codes(findings) == ["W_CARBON_FACTOR_UNVERIFIED"] and findings[0].evidence["confidence"] == "medium"


def test_measured_parameters_replace_the_defaults() -> None:
    # 100 t of a coal measured at 22 GJ/t, 0.027 tC/GJ, 95 %: 100 × 22 × 0.027 × 0.95 × 44/12 = 206.91 t
    e = energy(("A", 2023, "烟煤", "fuel", 100.0, "t")).with_columns(
        ncv=pl.lit(22.0), carbon_content=pl.lit(0.027), oxidation=pl.lit(0.95))
    rows, _ = region_emissions(e)
    assert rows["co2"].item() == pytest.approx(206.91, abs=1e-9)
    bad = e.with_columns(oxidation=pl.lit(95.0))  # a percentage where a fraction is expected
    _, findings = region_emissions(bad)
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"] and findings[0].evidence["column"] == "oxidation"


def test_region_totals_by_method() -> None:
    # A 2023: coal 1 741.74957 + electricity 10 000 MWh × 0.5568 = 5 568 + heat 1 000 GJ × 0.11 = 110
    rows, _ = region_emissions(energy(("A", 2023, "烟煤", "fuel", 1000.0, "t"),
                                      ("A", 2023, "电力", "fuel", 10_000.0, "MWh"),
                                      ("A", 2023, "热力", "fuel", 1000.0, "GJ")))
    t = region_totals(rows).row(0, named=True)
    assert t["co2_combustion"] == pytest.approx(1_741.74957, abs=1e-5)
    assert t["co2_electricity"] == pytest.approx(5_568.0) and t["co2_heat"] == pytest.approx(110.0)
    assert t["co2"] == pytest.approx(7_419.74957, abs=1e-5) and t["rows_in_error"] == 0


# --- property ----------------------------------------------------------------------------------------------------

FUELS = ["烟煤", "无烟煤", "焦炭", "原油", "柴油", "汽油", "燃料油", "液化石油气", "高炉煤气"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FUELS), st.floats(0, 1e6), st.booleans()), min_size=1, max_size=8))
def test_excluding_feedstock_never_raises_counted_carbon(items: list[tuple[str, float, bool]]) -> None:
    unit = {"高炉煤气": "万立方米"}
    burnt = energy(*[("A", 2023, c, "fuel", q, unit.get(c, "t")) for c, q, _ in items])
    marked = energy(*[("A", 2023, c, "feedstock" if f else "fuel", q, unit.get(c, "t")) for c, q, f in items])
    all_burnt = region_totals(region_emissions(burnt)[0]).row(0, named=True)
    with_feedstock = region_totals(region_emissions(marked)[0]).row(0, named=True)
    assert with_feedstock["co2"] <= all_burnt["co2"] + 1e-6
    # nothing is lost: what is counted plus what feedstock left out is what burning all of it would emit
    assert with_feedstock["co2"] + with_feedstock["co2_feedstock_excluded"] == pytest.approx(all_burnt["co2"],
                                                                                              rel=1e-9, abs=1e-6)
