"""The fields of the carbon-accounting findings, and the NCV's lower bound, worked by hand.

Every finding here is E_CARBON_VALUE_INVALID ("{what}: '{column}' of {record} is {value}, which is invalid: {detail}")
or E_CARBON_GRID_FACTOR_MISSING; the record is "region year carrier" and ``what`` is "能源消费 / energy use", whose
English half fills the English message. Parameters of 烟煤 (鲁环发〔2022〕4号 表2-3): 26.1 tC/TJ, oxidation 93 %.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.carbon import factors as fx
from ecer.core.carbon import region_emissions
from ecer.findings import Finding


def energy(*rows: tuple[str, int, str, str, float | None, str]) -> pl.DataFrame:
    """Rows of (region_code, year, carrier, use, quantity, unit)."""
    return pl.DataFrame(
        list(rows),
        schema={"region_code": pl.Utf8, "year": pl.Int64, "carrier": pl.Utf8, "use": pl.Utf8,
                "quantity": pl.Float64, "unit": pl.Utf8},
        orient="row",
    )


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only_invalid(findings: list[Finding], column: str, en: str, zh: str) -> Finding:
    """The one finding, an E_CARBON_VALUE_INVALID on ``column`` whose messages are ``en`` and ``zh`` exactly."""
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"]
    f = findings[0]
    assert f.evidence["column"] == column
    assert (f.message_en, f.message_zh) == (en, zh)
    return f


def test_a_missing_quantity_names_what_it_is_about() -> None:
    """A 2023 烟煤 with no quantity (null): one E_CARBON_VALUE_INVALID, what = energy use, column quantity, value
    None, detail "must be a number"; its CO2 is null."""
    rows, findings = region_emissions(energy(("A", 2023, "烟煤", "fuel", None, "t")))
    f = only_invalid(findings, "quantity",
                     "energy use: 'quantity' of A 2023 烟煤 is None, which is invalid: must be a number",
                     "能源消费：A 2023 烟煤 的“quantity”值 None 无效：须为数值")
    assert f.evidence["what"] == "能源消费 / energy use"
    assert rows["co2"].to_list() == [None]


def test_a_nan_quantity_names_what_it_is_about() -> None:
    """The same with NaN: the value is shown as nan."""
    _, findings = region_emissions(energy(("A", 2023, "烟煤", "fuel", float("nan"), "t")))
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"]
    f = findings[0]
    assert f.evidence["what"] == "能源消费 / energy use"
    assert f.message_en == "energy use: 'quantity' of A 2023 烟煤 is nan, which is invalid: must be a number"


def test_a_negative_fuel_quantity_names_the_quantity_column() -> None:
    """A 2023 烟煤 −5 t: a fuel cannot be consumed negatively (only electricity and heat may be net exports)."""
    rows, findings = region_emissions(energy(("A", 2023, "烟煤", "fuel", -5.0, "t")))
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"]
    f = findings[0]
    assert f.evidence["column"] == "quantity"
    assert f.evidence["value"] == -5.0
    assert f.message_en == (
        "energy use: 'quantity' of A 2023 烟煤 is -5.0, which is invalid: a fuel quantity cannot be negative"
    )
    assert f.message_zh == "能源消费：A 2023 烟煤 的“quantity”值 -5.0 无效：燃料消费量不能为负"
    assert rows["co2"].to_list() == [None]


def test_an_ncv_below_one_is_a_valid_positive_value() -> None:
    """The only bound on a measured NCV is > 0: 0.5 GJ/t is accepted. 1 000 t 烟煤 at 0.5 GJ/t with the table's
    carbon content and oxidation: 1 000 × 0.5 = 500 GJ; × 0.0261 tC/GJ = 13.05 tC; × 0.93 = 12.1365 tC;
    × 44/12 = 44.5005 tCO2. Emission factor 0.5 × 0.0261 × 0.93 × 44/12 = 0.0445005 tCO2/t."""
    e = energy(("A", 2023, "烟煤", "fuel", 1000.0, "t")).with_columns(ncv=pl.lit(0.5))
    rows, findings = region_emissions(e)
    assert "E_CARBON_VALUE_INVALID" not in codes(findings)
    assert findings == []
    r = rows.row(0, named=True)
    assert r["in_error"] is False
    assert r["co2"] == pytest.approx(44.5005, abs=1e-9)
    assert r["emission_factor"] == pytest.approx(0.0445005, abs=1e-12)
    assert r["factor_source"].startswith("user")


def test_an_ncv_of_zero_is_still_refused() -> None:
    """ncv 0 is not > 0: E_CARBON_VALUE_INVALID on column ncv, and the row has no CO2."""
    e = energy(("A", 2023, "烟煤", "fuel", 1000.0, "t")).with_columns(ncv=pl.lit(0.0))
    rows, findings = region_emissions(e)
    assert codes(findings) == ["E_CARBON_VALUE_INVALID"]
    assert findings[0].evidence["column"] == "ncv"
    assert rows["co2"].to_list() == [None]


def test_a_missing_grid_factor_names_the_scope_in_chinese() -> None:
    """A 2026 电力 10 MWh with Y−2 needs the 2024 national-average factor (全国平均, region 全国), not in the catalog
    (2021, 2022, 2023 are)."""
    _, findings = region_emissions(energy(("A", 2026, "电力", "fuel", 10.0, "MWh")))
    assert codes(findings) == ["E_CARBON_GRID_FACTOR_MISSING"]
    f = findings[0]
    assert f.evidence["scope"] == "national_average"
    assert f.evidence["scope_zh"] == "全国平均"
    assert f.evidence["region"] == "全国"
    assert f.message_zh == (
        "A 2026 电力：外购电力按“Y−2 / 核算年份减 2 年”应取 2024 年全国平均电网排放因子（全国），但没有该因子"
        "（已有年份：2021, 2022, 2023）"
    )


def test_without_a_heat_factor_heat_is_an_invalid_value() -> None:
    """An empty heat-factor table: A 2023 热力 1 000 GJ has no factor — E_CARBON_VALUE_INVALID on column
    emission_factor, value —, detail "no heat factor"; its CO2 is null (never 0)."""
    heat = fx.heat_factors().clear()
    rows, findings = region_emissions(energy(("A", 2023, "热力", "fuel", 1000.0, "GJ")), heat=heat)
    f = only_invalid(findings, "emission_factor",
                     "energy use: 'emission_factor' of A 2023 热力 is —, which is invalid: no heat factor",
                     "能源消费：A 2023 热力 的“emission_factor”值 — 无效：没有热力排放因子")
    assert f.evidence["detail"] == "没有热力排放因子 / no heat factor"
    assert rows["co2"].to_list() == [None] and rows["in_error"].to_list() == [True]


def test_a_heat_factor_supplied_with_the_data_needs_no_table() -> None:
    """The same row with its own factor 0.1 tCO2/GJ: 1 000 × 0.1 = 100 t, no finding."""
    heat = fx.heat_factors().clear()
    e = energy(("A", 2023, "热力", "fuel", 1000.0, "GJ")).with_columns(emission_factor=pl.lit(0.1))
    rows, findings = region_emissions(e, heat=heat)
    assert findings == [] and rows["co2"].item() == pytest.approx(100.0)
