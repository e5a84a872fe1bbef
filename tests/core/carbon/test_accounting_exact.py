"""Carbon accounting (``region_emissions``, ``region_totals``) compared whole: every column of every returned row and
every field of every finding, on small factor tables made up here so that the arithmetic is done by hand.

The made-up tables (passed as ``fuels``, ``grid`` and ``heat``, as the function allows):

* fuels — 煤A t: NCV 20 GJ/t, CC 0.03 tC/GJ, OF 0.9 → EF = 20 × 0.03 × 0.9 × 44/12 = 0.54 × 44/12 = 1.98 tCO2/t;
  油C t: 40 GJ/t, 0.02, 1.0 → EF = 0.8 × 44/12 = 2.9333… tCO2/t (confidence medium, note "check C");
  油E t: 10 GJ/t, 0.03, 1.0 → EF = 0.3 × 44/12 = 1.1 tCO2/t (confidence low, no note);
  气B wan_m3: NCV only as a range 300–400 GJ/10⁴m³, CC 0.015, OF 0.99; 渣D t: no NCV at all, CC 0.02, OF 0.9;
* grid — national average 2021 0.5, 2022 0.6, 2023 0.7 tCO2/MWh; national residual 2021 0.8; 华北 2021 0.9;
  河北 (130000) 2021 0.75;
* heat — a 蒸汽 row first (0.5 tCO2/GJ, which must not be used), then 热力 0.1 tCO2/GJ.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.core.carbon import CarbonSettings, region_emissions, region_totals
from ecer.core.carbon import factors as fx
from ecer.core.carbon.accounting import DEFAULT_SETTINGS, SCOPE_ZH
from ecer.findings import Finding, FindingsError
from ecer.models.carbon import EMISSION_COLUMNS, TOTAL_COLUMNS

C = 44.0 / 12.0
NON_FOSSIL_SRC = "非化石能源不计燃烧排放 / non-fossil: no combustion CO2 (METHODS §6.2)"
USER = "user / 用户提供"
WHAT = "能源消费 / energy use"

FUELS = pl.DataFrame(
    [
        ("煤A", "solid", "t", 20.0, None, None, 0.03, 0.9, "SRC-A", "high", None),
        ("油C", "liquid", "t", 40.0, None, None, 0.02, 1.0, "SRC-C", "medium", "check C"),
        ("油E", "liquid", "t", 10.0, None, None, 0.03, 1.0, "SRC-E", "low", None),
        ("气B", "gas", "wan_m3", None, 300.0, 400.0, 0.015, 0.99, "SRC-B", "high", None),
        ("渣D", "solid", "t", None, None, None, 0.02, 0.9, "SRC-D", "high", None),
    ],
    schema={
        "carrier": pl.Utf8,
        "group": pl.Utf8,
        "activity_unit": pl.Utf8,
        "ncv": pl.Float64,
        "ncv_min": pl.Float64,
        "ncv_max": pl.Float64,
        "carbon_content": pl.Float64,
        "oxidation": pl.Float64,
        "factor_source": pl.Utf8,
        "confidence": pl.Utf8,
        "notes": pl.Utf8,
    },
    orient="row",
)
GRID = pl.DataFrame(
    [
        (2021, "national_average", "全国", "100000", 0.5, "G21"),
        (2022, "national_average", "全国", "100000", 0.6, "G22"),
        (2023, "national_average", "全国", "100000", 0.7, "G23"),
        (2021, "national_residual", "全国", "100000", 0.8, "R21"),
        (2021, "regional_grid_average", "华北", None, 0.9, "N21"),
        (2021, "provincial_average", "河北", "130000", 0.75, "P21"),
    ],
    schema={
        "year": pl.Int64,
        "scope": pl.Utf8,
        "region": pl.Utf8,
        "region_code": pl.Utf8,
        "t_per_mwh": pl.Float64,
        "factor_source": pl.Utf8,
    },
    orient="row",
).with_columns(confidence=pl.lit("high"))
HEAT = pl.DataFrame(
    {
        "carrier": ["蒸汽", "热力"],
        "activity_unit": ["GJ", "GJ"],
        "factor": [0.5, 0.1],
        "factor_source": ["S", "H"],
        "confidence": ["high", "high"],
    }
)


def energy(*rows: tuple, **extra: list) -> pl.DataFrame:
    """Rows of (region_code, year, carrier, use, quantity, unit), and optional extra columns."""
    df = pl.DataFrame(
        list(rows),
        schema={
            "region_code": pl.Utf8,
            "year": pl.Int64,
            "carrier": pl.Utf8,
            "use": pl.Utf8,
            "quantity": pl.Float64,
            "unit": pl.Utf8,
        },
        orient="row",
    )
    return df.with_columns(**{k: pl.Series(k, v) for k, v in extra.items()})


def run(e: pl.DataFrame, settings: CarbonSettings = DEFAULT_SETTINGS, **tables: pl.DataFrame):
    kw = {"fuels": FUELS, "grid": GRID, "heat": HEAT} | tables
    return region_emissions(e, settings=settings, **kw)


def row(
    region: str,
    year: int,
    carrier: str,
    use: str,
    quantity: float | None,
    unit: str,
    activity: float | None,
    activity_unit: str | None,
    method: str | None,
    ef: float | None,
    factor_unit: str | None,
    factor_year: int | None,
    source: str | None,
    co2: float | None,
    excluded: float | None,
    in_error: bool,
) -> dict:
    return dict(
        zip(
            EMISSION_COLUMNS,
            (
                region,
                year,
                carrier,
                use,
                quantity,
                unit,
                activity,
                activity_unit,
                method,
                ef,
                factor_unit,
                factor_year,
                source,
                co2,
                excluded,
                in_error,
            ),
            strict=True,
        )
    )


def invalid(record: str, column: str, value: object, detail: str) -> dict:
    return {"record": record, "what": WHAT, "column": column, "value": value, "detail": detail}


def same(actual: list[dict], expected: list[dict], rel: float = 1e-9) -> bool:
    """Row dicts equal: the same keys and values, floats to ``rel``."""
    assert len(actual) == len(expected)
    for a, b in zip(actual, expected, strict=True):
        assert a.keys() == b.keys()
        for k in a:
            want = pytest.approx(b[k], rel=rel) if isinstance(b[k], float) else b[k]
            assert (k, a[k]) == (k, want)
    return True


def one(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.code for f in findings]
    return findings[0]


# --- a clean region, every column --------------------------------------------------------------------------------


def test_a_clean_region_every_column_of_every_row_by_hand() -> None:
    e = energy(
        ("130100", 2023, "煤A", "fuel", 2.0, "万吨"),  # 20 000 t × 1.98 = 39 600 t
        ("130100", 2023, "煤A", "feedstock", 500.0, "t"),  # not counted; 500 × 1.98 = 990 t excluded
        ("130100", 2023, "电力", "fuel", 2000.0, "MWh"),  # Y−2 = 2021 factor 0.5: 1 000 t
        ("130100", 2023, "电力", "fuel", -300.0, "MWh"),  # net export: −300 × 0.5 = −150 t
        ("130100", 2023, "热力", "fuel", 3.0, "TJ"),  # 3 000 GJ × 0.1 = 300 t (not the 蒸汽 row's 0.5)
        ("130100", 2023, "风电", "fuel", 700.0, "MWh"),  # non-fossil: 0
        ("130100", 2023, "油C", "fuel", 10.0, "t"),  # 10 × 2.9333… = 29.333… t
    )
    rows, findings = run(e)
    assert rows.columns == EMISSION_COLUMNS
    assert same(
        rows.rows(named=True),
        [
            row(
                "130100",
                2023,
                "煤A",
                "fuel",
                2.0,
                "万吨",
                20_000.0,
                "t",
                "combustion",
                1.98,
                "t/t",
                None,
                "SRC-A",
                39_600.0,
                0.0,
                False,
            ),
            row(
                "130100",
                2023,
                "煤A",
                "feedstock",
                500.0,
                "t",
                500.0,
                "t",
                "feedstock_excluded",
                1.98,
                "t/t",
                None,
                "SRC-A",
                0.0,
                990.0,
                False,
            ),
            row(
                "130100",
                2023,
                "电力",
                "fuel",
                2000.0,
                "MWh",
                2000.0,
                "MWh",
                "electricity",
                0.5,
                "t/MWh",
                2021,
                "G21",
                1000.0,
                0.0,
                False,
            ),
            row(
                "130100",
                2023,
                "电力",
                "fuel",
                -300.0,
                "MWh",
                -300.0,
                "MWh",
                "electricity",
                0.5,
                "t/MWh",
                2021,
                "G21",
                -150.0,
                0.0,
                False,
            ),
            row(
                "130100",
                2023,
                "热力",
                "fuel",
                3.0,
                "TJ",
                3000.0,
                "GJ",
                "heat",
                0.1,
                "t/GJ",
                None,
                "H",
                300.0,
                0.0,
                False,
            ),
            row(
                "130100",
                2023,
                "风电",
                "fuel",
                700.0,
                "MWh",
                700.0,
                "MWh",
                "non_fossil",
                0.0,
                "—",
                None,
                NON_FOSSIL_SRC,
                0.0,
                0.0,
                False,
            ),
            row(
                "130100",
                2023,
                "油C",
                "fuel",
                10.0,
                "t",
                10.0,
                "t",
                "combustion",
                0.8 * C,
                "t/t",
                None,
                "SRC-C",
                8.0 * C,
                0.0,
                False,
            ),
        ],
        rel=1e-12,
    )
    assert [f.code for f in findings] == [
        "W_CARBON_FACTOR_UNVERIFIED",
        "I_CARBON_NET_EXPORT",
        "I_CARBON_FEEDSTOCK_EXCLUDED",
    ]
    w, x, fs = findings
    assert (w.level, w.evidence) == ("warning", {"carrier": "油C", "confidence": "medium", "note": "check C"})
    assert w.message_en == "the factor parameters used for '油C' have confidence medium: check C"
    assert (x.level, x.evidence) == (
        "info",
        {"record": "130100 2023 电力", "carrier": "电力", "value": "-300 MWh", "co2": -150.0, "co2_text": "-150.000"},
    )
    assert x.message_zh == "130100 2023 电力：净调入“电力”为负（-300 MWh），按净调出计负排放 -150.000 tCO2"
    assert (fs.level, fs.evidence) == ("info", {"count": 1, "co2": 990.0, "co2_text": "990.000"})
    assert fs.message_en == (
        "1 feedstock records carry no combustion CO2 (about 990.000 tCO2 had they been burnt): "
        "their carbon stays in the products"
    )


def test_without_a_use_column_every_row_is_fuel() -> None:
    # 煤A 3 t: 3 × 1.98 = 5.94 t; the use column is filled with "fuel"
    e = energy(("A", 2023, "煤A", "fuel", 3.0, "t")).drop("use")
    rows, findings = run(e)
    r = rows.row(0, named=True)
    assert (r["use"], r["method"], r["co2"], findings) == ("fuel", "combustion", pytest.approx(5.94), [])


def test_a_null_use_is_fuel() -> None:
    e = energy(("A", 2023, "煤A", None, 3.0, "t"))
    rows, findings = run(e)
    assert rows.select("use", "method").row(0) == ("fuel", "combustion") and findings == []
    assert rows["co2"].item() == pytest.approx(5.94)


def test_several_feedstock_rows_are_counted_and_summed_in_one_note() -> None:
    # 煤A 100 t + 油E 30 t as feedstock: 100 × 1.98 = 198; 30 × 1.1 = 33; together 231 t; count 2. 油E has low
    # confidence and no note: a warning with an empty note
    rows, findings = run(
        energy(("A", 2023, "煤A", "feedstock", 100.0, "t"), ("A", 2023, "油E", "feedstock", 30.0, "t"))
    )
    assert rows["co2_excluded"].to_list() == pytest.approx([198.0, 33.0]) and rows["co2"].to_list() == [
        0.0,
        0.0,
    ]
    assert [f.code for f in findings] == ["W_CARBON_FACTOR_UNVERIFIED", "I_CARBON_FEEDSTOCK_EXCLUDED"]
    assert findings[0].evidence == {"carrier": "油E", "confidence": "low", "note": ""}
    assert findings[1].evidence == {"count": 2, "co2": 231.0, "co2_text": "231.000"}


def test_a_feedstock_row_in_error_is_not_in_the_feedstock_note() -> None:
    # the second feedstock row has a negative quantity: it is in error, its excluded CO2 is null, and the note counts
    # only the first (100 × 1.98 = 198)
    rows, findings = run(
        energy(("A", 2023, "煤A", "feedstock", 100.0, "t"), ("A", 2023, "煤A", "feedstock", -4.0, "t"))
    )
    assert rows["co2_excluded"].to_list() == [pytest.approx(198.0), None]
    assert rows["co2"].to_list() == [0.0, None] and rows["in_error"].to_list() == [False, True]
    assert findings[-1].evidence == {"count": 1, "co2": 198.0, "co2_text": "198.000"}


def test_no_feedstock_no_feedstock_note() -> None:
    _, findings = run(energy(("A", 2023, "煤A", "fuel", 1.0, "t")))
    assert findings == []


def test_the_warning_on_an_unverified_factor_is_given_once_per_carrier_in_carrier_order() -> None:
    # two rows of 油E and one of 油C (sorted: 油C before 油E); 煤A is high confidence and not named
    _, findings = run(
        energy(
            ("A", 2023, "油E", "fuel", 1.0, "t"),
            ("A", 2023, "煤A", "fuel", 1.0, "t"),
            ("A", 2023, "油C", "fuel", 1.0, "t"),
            ("B", 2024, "油E", "fuel", 2.0, "t"),
        )
    )
    assert [(f.code, f.evidence) for f in findings] == [
        ("W_CARBON_FACTOR_UNVERIFIED", {"carrier": "油C", "confidence": "medium", "note": "check C"}),
        ("W_CARBON_FACTOR_UNVERIFIED", {"carrier": "油E", "confidence": "low", "note": ""}),
    ]


def test_all_three_measured_parameters_silence_the_unverified_warning_but_one_does_not() -> None:
    # 油C 10 t measured at 30 GJ/t, 0.02 tC/GJ, 0.9: 10 × 30 × 0.02 × 0.9 × 44/12 = 5.4 × 44/12 = 19.8 t, source user
    e = energy(("A", 2023, "油C", "fuel", 10.0, "t"), ncv=[30.0], carbon_content=[0.02], oxidation=[0.9])
    rows, findings = run(e)
    assert findings == []
    r = rows.row(0, named=True)
    assert r["co2"] == pytest.approx(19.8) and r["emission_factor"] == pytest.approx(1.98)
    assert r["factor_source"] == "user / 用户提供; SRC-C"
    # only the NCV measured (30 GJ/t), CC and OF from the table (0.02, 1.0): 10 × 30 × 0.02 × 44/12 = 22 t; warned
    for col in ("ncv", "carbon_content", "oxidation"):
        vals = {"ncv": 30.0, "carbon_content": 0.02, "oxidation": 1.0}
        e = energy(("A", 2023, "油C", "fuel", 10.0, "t"), **{col: [vals[col]]})
        rows, findings = run(e)
        assert [f.code for f in findings] == ["W_CARBON_FACTOR_UNVERIFIED"], col
        want = {"ncv": 22.0, "carbon_content": 8.0 * C, "oxidation": 8.0 * C}[col]
        assert rows["co2"].item() == pytest.approx(want), col
        assert rows["factor_source"].item() == "user / 用户提供; SRC-C", col


def test_a_carrier_outside_the_table_with_all_three_parameters_is_burnt_with_the_users_source_only() -> None:
    # 自备燃料 2 t at 25 GJ/t, 0.02 tC/GJ, 0.96: 2 × 25 × 0.02 × 0.96 × 44/12 = 0.96 × 44/12 = 3.52 t; the activity
    # stays in the row's unit (t), the source is the user's alone
    e = energy(("A", 2023, "自备燃料", "fuel", 2.0, "t"), ncv=[25.0], carbon_content=[0.02], oxidation=[0.96])
    rows, findings = run(e)
    assert findings == []
    assert same(
        rows.rows(named=True),
        [
            row(
                "A",
                2023,
                "自备燃料",
                "fuel",
                2.0,
                "t",
                2.0,
                "t",
                "combustion",
                1.76,
                "t/t",
                None,
                "user / 用户提供; ",
                3.52,
                0.0,
                False,
            )
        ],
    )


def test_a_carrier_outside_the_table_with_only_two_parameters_is_unknown() -> None:
    e = energy(("A", 2023, "自备燃料", "fuel", 2.0, "t"), ncv=[25.0], carbon_content=[0.02])
    rows, findings = run(e)
    f = one(findings)
    assert f.code == "E_CARBON_CARRIER_UNKNOWN"
    assert f.evidence == {
        "record": "A 2023 自备燃料",
        "carrier": "自备燃料",
        "known": "气B、油C、油E、渣D、煤A …",
    }
    assert rows["method"].to_list() == [None] and rows["co2"].to_list() == [None]
    assert rows["in_error"].to_list() == [True] and rows["co2_excluded"].to_list() == [None]


def test_the_unknown_carrier_finding_lists_the_first_twelve_table_names() -> None:
    # the catalog's own table: the names sorted, the first 12, joined by 、 and followed by " …"
    names = sorted(refdata.load("carbon_fuel_factors").data["fuel"].to_list())
    assert len(names) > 12
    _, findings = region_emissions(energy(("A", 2023, "石头", "fuel", 1.0, "t")))
    f = one(findings)
    assert f.evidence == {"record": "A 2023 石头", "carrier": "石头", "known": "、".join(names[:12]) + " …"}
    assert f.message_en == (
        "A 2023 石头: the carrier '石头' is neither in the emission-factor table nor a non-fossil "
        "carrier, purchased electricity or heat: its CO2 is not computed"
    )


# --- bad input, each finding whole -------------------------------------------------------------------------------


def test_an_unknown_use_is_named_with_its_value() -> None:
    rows, findings = run(energy(("A", 2023, "煤A", "burn", 1.0, "t")))
    f = one(findings)
    assert (f.code, f.level) == ("E_CARBON_VALUE_INVALID", "error")
    assert f.evidence == invalid(
        "A 2023 煤A", "use", "burn", "用途须为 fuel 或 feedstock / use must be fuel or feedstock"
    )
    assert (
        f.message_en
        == "energy use: 'use' of A 2023 煤A is burn, which is invalid: use must be fuel or feedstock"
    )
    assert rows["co2"].to_list() == [None] and rows["in_error"].to_list() == [True]


@pytest.mark.parametrize("carrier, unit", [("电力", "MWh"), ("热力", "GJ"), ("风电", "MWh")])
def test_feedstock_of_electricity_heat_or_non_fossil_is_invalid(carrier: str, unit: str) -> None:
    rows, findings = run(energy(("A", 2023, carrier, "feedstock", 10.0, unit)))
    f = one(findings)
    assert f.code == "E_CARBON_VALUE_INVALID"
    assert f.evidence == invalid(
        f"A 2023 {carrier}",
        "use",
        "feedstock",
        "原料用能只适用于化石燃料 / feedstock applies to fossil fuels only",
    )
    assert rows["co2"].to_list() == [None] and rows["in_error"].to_list() == [True]


@pytest.mark.parametrize(
    "carrier, unit, expected",
    [
        ("煤A", "MWh", "t"),
        ("电力", "t", "MWh"),
        ("热力", "t", "GJ"),
        ("煤A", "斤斤", "t"),
        ("气B", "t", "wan_m3"),
    ],
)
def test_a_unit_that_does_not_convert_names_the_unit_expected(carrier: str, unit: str, expected: str) -> None:
    e = energy(
        ("A", 2023, carrier, "fuel", 10.0, unit), ncv=[350.0]
    )  # 气B's NCV given: only the unit is wrong
    rows, findings = run(e)
    f = one(findings)
    assert f.code == "E_CARBON_UNIT_INVALID"
    assert f.evidence == {
        "record": f"A 2023 {carrier}",
        "carrier": carrier,
        "unit": unit,
        "expected": expected,
    }
    assert (
        f.message_en
        == f"A 2023 {carrier}: the unit '{unit}' of '{carrier}' cannot be converted to {expected}"
    )
    assert rows["co2"].to_list() == [None] and rows["activity"].to_list() == [None]


def test_heat_in_mwh_converts_to_gj() -> None:
    # 10 MWh = 36 GJ; × 0.1 = 3.6 t
    rows, findings = run(energy(("A", 2023, "热力", "fuel", 10.0, "MWh")))
    assert findings == [] and rows.select("activity", "activity_unit").row(0) == (pytest.approx(36.0), "GJ")
    assert rows["co2"].item() == pytest.approx(3.6)


def test_a_non_fossil_row_keeps_its_own_unit_whatever_it_is() -> None:
    rows, findings = run(energy(("A", 2023, "水电", "fuel", 3.0, "亿千瓦时")))
    assert findings == []
    assert rows.select("activity", "activity_unit", "co2").row(0) == (3.0, "亿千瓦时", 0.0)


def test_a_fuel_quantity_of_zero_is_accepted_and_a_negative_one_is_not() -> None:
    rows, findings = run(energy(("A", 2023, "煤A", "fuel", 0.0, "t")))
    assert findings == [] and rows["co2"].to_list() == [0.0]
    rows, findings = run(energy(("A", 2023, "煤A", "fuel", -0.5, "t")))
    assert one(findings).evidence == invalid(
        "A 2023 煤A", "quantity", -0.5, "燃料消费量不能为负 / a fuel quantity cannot be negative"
    )


def test_a_negative_heat_purchase_is_a_net_export() -> None:
    # −200 GJ × 0.1 = −20 t
    rows, findings = run(energy(("A", 2023, "热力", "fuel", -200.0, "GJ")))
    f = one(findings)
    assert (f.code, f.evidence) == (
        "I_CARBON_NET_EXPORT",
        {"record": "A 2023 热力", "carrier": "热力", "value": "-200 GJ", "co2": -20.0, "co2_text": "-20.000"},
    )
    assert rows["co2"].item() == pytest.approx(-20.0) and rows["in_error"].to_list() == [False]


def test_zero_purchased_electricity_is_no_net_export() -> None:
    rows, findings = run(energy(("A", 2023, "电力", "fuel", 0.0, "MWh")))
    assert findings == [] and rows["co2"].to_list() == [0.0]


def test_a_net_export_without_a_grid_factor_gets_no_export_note() -> None:
    # 2030 − 2 = 2028: no factor; the row is in error, only the missing-factor finding is given
    _, findings = run(energy(("A", 2030, "电力", "fuel", -10.0, "MWh")))
    assert one(findings).code == "E_CARBON_GRID_FACTOR_MISSING"


def test_a_net_export_note_keeps_its_co2_and_shows_it_to_three_decimals() -> None:
    # −1.23456 MWh × 0.5 = −0.61728 tCO2, shown −0.617
    _, findings = run(energy(("A", 2023, "电力", "fuel", -1.23456, "MWh")))
    f = one(findings)
    assert {k: v for k, v in f.evidence.items() if k != "co2"} == {
        "record": "A 2023 电力",
        "carrier": "电力",
        "value": "-1.23456 MWh",
        "co2_text": "-0.617",
    }
    assert f.evidence["co2"] == pytest.approx(-0.61728, rel=1e-12) and "-0.617 tCO2" in f.message_en


@pytest.mark.parametrize(
    "col, value, ok",
    [
        ("ncv", 0.001, True),
        ("ncv", 0.0, False),
        ("ncv", -1.0, False),
        ("ncv", 1000.0, True),
        ("carbon_content", 0.1, True),
        ("carbon_content", 0.1000001, False),
        ("carbon_content", 0.0, False),
        ("carbon_content", 0.0001, True),
        ("oxidation", 1.0, True),
        ("oxidation", 1.0000001, False),
        ("oxidation", 0.0, False),
        ("oxidation", 0.01, True),
    ],
)
def test_measured_parameters_are_bounded_exactly(col: str, value: float, ok: bool) -> None:
    # NCV > 0; 0 < CC ≤ 0.1 tC/GJ; 0 < OF ≤ 1. Accepted at CC 0.1: 煤A 1 t × 20 × 0.1 × 0.9 × 44/12 = 6.6 t;
    # at OF 1.0: 20 × 0.03 × 1 × 44/12 = 2.2 t; at NCV 0.001: 0.001 × 0.03 × 0.9 × 44/12 = 0.000099 t
    rows, findings = run(energy(("A", 2023, "煤A", "fuel", 1.0, "t"), **{col: [value]}))
    if ok:
        assert findings == [] and rows["in_error"].to_list() == [False]
        want = {
            ("ncv", 0.001): 0.000099,
            ("ncv", 1000.0): 99.0,
            ("carbon_content", 0.1): 6.6,
            ("carbon_content", 0.0001): 0.0066,
            ("oxidation", 1.0): 2.2,
            ("oxidation", 0.01): 0.022,
        }
        assert rows["co2"].item() == pytest.approx(want[(col, value)], rel=1e-12)
        return
    detail = {
        "ncv": "须大于 0.0 / must be > 0.0",
        "carbon_content": "须大于 0.0 且不大于 0.1 / must be > 0.0 and ≤ 0.1",
        "oxidation": "须大于 0.0 且不大于 1.0 / must be > 0.0 and ≤ 1.0",
    }[col]
    f = one(findings)
    assert f.evidence == invalid("A 2023 煤A", col, value, detail)
    assert rows["co2"].to_list() == [None]


def test_a_fuel_whose_ncv_is_only_a_range_names_the_range() -> None:
    rows, findings = run(energy(("A", 2023, "气B", "fuel", 2.0, "万立方米")))
    f = one(findings)
    assert (f.code, f.evidence) == (
        "E_CARBON_FACTOR_RANGE",
        {"record": "A 2023 气B", "carrier": "气B", "low": 300.0, "high": 400.0, "unit": "GJ/wan_m3"},
    )
    assert rows["co2"].to_list() == [None]
    # with the NCV 350 GJ/10⁴m³: 2 × 350 × 0.015 × 0.99 × 44/12 = 10.395 × 44/12 = 38.115 t
    rows, findings = run(energy(("A", 2023, "气B", "fuel", 2.0, "万立方米"), ncv=[350.0]))
    assert findings == [] and rows["co2"].item() == pytest.approx(38.115)
    assert rows["factor_source"].item() == "user / 用户提供; SRC-B"


def test_a_fuel_with_no_ncv_and_no_range_has_its_parameters_missing() -> None:
    rows, findings = run(energy(("A", 2023, "渣D", "fuel", 2.0, "t")))
    f = one(findings)
    assert (f.code, f.evidence) == (
        "E_CARBON_VALUE_INVALID",
        invalid(
            "A 2023 渣D", "ncv, carbon_content, oxidation", "—", "缺少燃料参数 / fuel parameters missing"
        ),
    )
    assert rows["co2"].to_list() == [None]
    # the NCV supplied (10 GJ/t): 2 × 10 × 0.02 × 0.9 × 44/12 = 0.36 × 44/12 = 1.32 t
    rows, findings = run(energy(("A", 2023, "渣D", "fuel", 2.0, "t"), ncv=[10.0]))
    assert findings == [] and rows["co2"].item() == pytest.approx(1.32)


@pytest.mark.parametrize("missing", ["carbon_content", "oxidation"])
def test_a_table_fuel_missing_its_carbon_content_or_oxidation_has_its_parameters_missing(
    missing: str,
) -> None:
    fuels = FUELS.with_columns(
        pl.when(pl.col("carrier") == "煤A").then(None).otherwise(pl.col(missing)).alias(missing)
    )
    _, findings = run(energy(("A", 2023, "煤A", "fuel", 2.0, "t")), fuels=fuels)
    assert one(findings).evidence["column"] == "ncv, carbon_content, oxidation"


def test_a_feedstock_row_with_a_range_ncv_is_in_error_too() -> None:
    rows, findings = run(energy(("A", 2023, "气B", "feedstock", 2.0, "万立方米")))
    assert one(findings).code == "E_CARBON_FACTOR_RANGE"
    assert rows.select("method", "co2", "co2_excluded", "in_error").row(0) == (
        "feedstock_excluded",
        None,
        None,
        True,
    )


# --- electricity: year convention and scope ----------------------------------------------------------------------


@pytest.mark.parametrize("lag, factor_year, ef", [(0, 2023, 0.7), (1, 2022, 0.6), (2, 2021, 0.5)])
def test_the_grid_factor_is_the_one_of_year_minus_lag(lag: int, factor_year: int, ef: float) -> None:
    # 100 MWh × the factor
    rows, findings = run(energy(("A", 2023, "电力", "fuel", 100.0, "MWh")), CarbonSettings(grid_year_lag=lag))
    assert findings == []
    assert rows.select("factor_year", "emission_factor", "factor_source").row(0) == (
        factor_year,
        ef,
        f"G{factor_year % 100}",
    )
    assert rows["co2"].item() == pytest.approx(100 * ef)


def test_the_national_residual_scope() -> None:
    # 2023 − 2 = 2021 residual 0.8: 100 MWh → 80 t
    rows, _ = run(
        energy(("A", 2023, "电力", "fuel", 100.0, "MWh")), CarbonSettings(grid_scope="national_residual")
    )
    assert rows.select("emission_factor", "factor_source", "co2").row(0) == (0.8, "R21", pytest.approx(80.0))


def test_the_regional_scope_takes_the_rows_grid_region() -> None:
    # 华北 2021 0.9: 100 MWh → 90 t
    e = energy(("A", 2023, "电力", "fuel", 100.0, "MWh"), grid_region=["华北"])
    rows, findings = run(e, CarbonSettings(grid_scope="regional_grid_average"))
    assert findings == [] and rows.select("emission_factor", "factor_source").row(0) == (0.9, "N21")
    assert rows["co2"].item() == pytest.approx(90.0)


def test_the_provincial_scope_takes_the_province_of_a_city_code() -> None:
    # 130682 → 130000 河北 2021 0.75: 100 MWh → 75 t
    rows, findings = run(
        energy(("130682", 2023, "电力", "fuel", 100.0, "MWh")),
        CarbonSettings(grid_scope="provincial_average"),
    )
    assert findings == [] and rows.select("emission_factor", "factor_source").row(0) == (0.75, "P21")
    assert rows["co2"].item() == pytest.approx(75.0)


def test_a_missing_grid_factor_finding_whole_for_the_default_convention() -> None:
    rows, findings = run(energy(("A", 2026, "电力", "fuel", 10.0, "MWh")))
    f = one(findings)
    assert (f.code, f.level) == ("E_CARBON_GRID_FACTOR_MISSING", "error")
    assert f.evidence == {
        "record": "A 2026 电力",
        "convention": "Y−2 / 核算年份减 2 年",
        "factor_year": 2024,
        "scope": "national_average",
        "scope_zh": "全国平均",
        "region": "全国",
        "years": "2021, 2022, 2023",
    }
    assert f.message_en == (
        "A 2026 电力: by the convention 'Y−2 / 核算年份减 2 年' purchased electricity needs the 2024 "
        "national_average grid factor (全国), which is not available (years available: 2021, "
        "2022, 2023)"
    )
    assert rows.select("factor_year", "emission_factor", "co2", "in_error").row(0) == (2024, None, None, True)


def test_a_missing_grid_factor_finding_same_year_convention_and_province() -> None:
    # lag 0: "Y / 当年因子"; 110000 北京 has no provincial factor; the scope's years are 2021 only
    _, findings = run(
        energy(("110105", 2021, "电力", "fuel", 10.0, "MWh")),
        CarbonSettings(grid_year_lag=0, grid_scope="provincial_average"),
    )
    assert one(findings).evidence == {
        "record": "110105 2021 电力",
        "convention": "Y / 当年因子",
        "factor_year": 2021,
        "scope": "provincial_average",
        "scope_zh": "省级",
        "region": "110000",
        "years": "2021",
    }


def test_a_missing_regional_factor_without_a_grid_region_names_no_region() -> None:
    _, findings = run(
        energy(("A", 2023, "电力", "fuel", 10.0, "MWh")), CarbonSettings(grid_scope="regional_grid_average")
    )
    ev = one(findings).evidence
    assert (ev["region"], ev["scope_zh"], ev["years"], ev["factor_year"]) == ("—", "区域", "2021", 2021)


def test_a_scope_with_no_factor_at_all_has_no_years() -> None:
    grid = GRID.filter(pl.col("scope") != "national_residual")
    _, findings = run(
        energy(("A", 2023, "电力", "fuel", 10.0, "MWh")),
        CarbonSettings(grid_scope="national_residual"),
        grid=grid,
    )
    ev = one(findings).evidence
    assert (ev["years"], ev["scope_zh"]) == ("—", "全国（不含市场化交易非化石电量）")


def test_the_scope_names_in_chinese() -> None:
    assert SCOPE_ZH == {
        "national_average": "全国平均",
        "national_residual": "全国（不含市场化交易非化石电量）",
        "regional_grid_average": "区域",
        "provincial_average": "省级",
    }


def test_a_factor_supplied_with_the_data_takes_the_accounting_year() -> None:
    # 电力 2023 100 MWh with its own 0.42: 42 t, factor year 2023 (not 2021), source user
    rows, findings = run(energy(("A", 2023, "电力", "fuel", 100.0, "MWh"), emission_factor=[0.42]))
    assert findings == []
    assert same(
        rows.rows(named=True),
        [
            row(
                "A",
                2023,
                "电力",
                "fuel",
                100.0,
                "MWh",
                100.0,
                "MWh",
                "electricity",
                0.42,
                "t/MWh",
                2023,
                USER,
                42.0,
                0.0,
                False,
            )
        ],
    )


def test_a_heat_factor_supplied_with_the_data_replaces_the_tables() -> None:
    # 热力 100 GJ with 0.2: 20 t; a row of the same frame without one takes the table's 0.1: 10 t
    e = energy(
        ("A", 2023, "热力", "fuel", 100.0, "GJ"),
        ("A", 2023, "热力", "fuel", 100.0, "GJ"),
        emission_factor=[0.2, None],
    )
    rows, findings = run(e)
    assert findings == []
    assert rows.select("emission_factor", "factor_source", "co2").rows() == [
        (0.2, USER, pytest.approx(20.0)),
        (0.1, "H", pytest.approx(10.0)),
    ]


def test_the_catalog_tables_are_the_default() -> None:
    # no tables given: 烟煤 1 t → 19.570 × 0.0261 × 0.93 × 44/12 = 1.74174957 t; electricity 2023 at 2021's 0.5568;
    # heat 0.11 from the catalog
    rows, findings = region_emissions(
        energy(
            ("A", 2023, "烟煤", "fuel", 1.0, "t"),
            ("A", 2023, "电力", "fuel", 1.0, "MWh"),
            ("A", 2023, "热力", "fuel", 1.0, "GJ"),
        )
    )
    assert findings == []
    assert rows["co2"].to_list() == pytest.approx([19.570 * 0.0261 * 0.93 * C, 0.5568, 0.11])
    assert rows["factor_source"].to_list()[2] == fx.heat_factors()["factor_source"].item()


def test_only_the_heat_tables_heat_row_is_used() -> None:
    # a table whose only row is 蒸汽 has no 热力 row: polars raises on row(0) of an empty frame — so give 热力 first
    heat = HEAT.reverse()
    rows, _ = run(energy(("A", 2023, "热力", "fuel", 100.0, "GJ")), heat=heat)
    assert rows.select("emission_factor", "factor_source").row(0) == (0.1, "H")


def test_an_empty_heat_table_leaves_heat_without_a_factor() -> None:
    rows, findings = run(
        energy(("A", 2023, "热力", "fuel", 100.0, "GJ"), ("A", 2023, "煤A", "fuel", 1.0, "t")),
        heat=HEAT.clear(),
    )
    f = one(findings)
    assert f.evidence == invalid("A 2023 热力", "emission_factor", "—", "没有热力排放因子 / no heat factor")
    assert rows.select("emission_factor", "factor_source", "co2", "in_error").rows() == [
        (None, "", None, True),
        (pytest.approx(1.98), "SRC-A", pytest.approx(1.98), False),
    ]


def test_missing_columns_are_each_named() -> None:
    with pytest.raises(FindingsError) as exc:
        region_emissions(pl.DataFrame({"region_code": ["A"], "carrier": ["煤A"], "unit": ["t"]}))
    fs = exc.value.findings
    assert [f.code for f in fs] == ["E_CARBON_COLUMN_MISSING"] * 2
    assert [f.evidence for f in fs] == [
        {"what": WHAT, "column": c, "expected": "region_code, year, carrier, quantity, unit"}
        for c in ("year", "quantity")
    ]
    assert [f.location.column for f in fs] == ["year", "quantity"]
    assert (
        fs[0].message_en
        == "energy use: column 'year' is missing (needed: region_code, year, carrier, quantity, unit)"
    )


def test_each_required_column_is_required() -> None:
    full = energy(("A", 2023, "煤A", "fuel", 1.0, "t"))
    for c in ("region_code", "year", "carrier", "quantity", "unit"):
        with pytest.raises(FindingsError) as exc:
            region_emissions(full.drop(c), fuels=FUELS, grid=GRID, heat=HEAT)
        assert [f.evidence["column"] for f in exc.value.findings] == [c]


def test_the_settings_convention_in_words() -> None:
    assert CarbonSettings().convention() == "Y−2 / 核算年份减 2 年"
    assert CarbonSettings(grid_year_lag=3).convention() == "Y−3 / 核算年份减 3 年"
    assert CarbonSettings(grid_year_lag=0).convention() == "Y / 当年因子"
    assert (DEFAULT_SETTINGS.grid_year_lag, DEFAULT_SETTINGS.grid_scope) == (2, "national_average")


# --- region totals -----------------------------------------------------------------------------------------------


def test_region_totals_whole_frame_with_an_error_in_one_method() -> None:
    # B 2023 (given first): coal 10 t × 1.98 = 19.8; electricity 100 MWh × 0.5 = 50; heat in error (empty heat table
    # is not used here: a negative-quantity fuel is the error) — the coal row 渣D has no parameters → combustion null
    # A 2022: coal 1 t 1.98 + feedstock 煤A 5 t (9.9 excluded) + heat 10 GJ × 0.1 = 1 + wind 0 → 2.98
    # A 2023: electricity 10 MWh × 0.5 = 5 (2023 − 2 = 2021) and heat 20 GJ = 2 → 7
    e = energy(
        ("B", 2023, "煤A", "fuel", 10.0, "t"),
        ("B", 2023, "电力", "fuel", 100.0, "MWh"),
        ("B", 2023, "渣D", "fuel", 3.0, "t"),
        ("A", 2023, "电力", "fuel", 10.0, "MWh"),
        ("A", 2023, "热力", "fuel", 20.0, "GJ"),
        ("A", 2022, "煤A", "fuel", 1.0, "t"),
        ("A", 2022, "煤A", "feedstock", 5.0, "t"),
        ("A", 2022, "热力", "fuel", 10.0, "GJ"),
        ("A", 2022, "风电", "fuel", 9.0, "MWh"),
    )
    rows, _ = run(e, CarbonSettings(grid_year_lag=1))  # 2023 − 1 = 2022: 0.6; 2022 − 1 = 2021
    t = region_totals(rows)
    assert t.columns == TOTAL_COLUMNS
    # with lag 1: B electricity 100 × 0.6 = 60; A 2023 electricity 10 × 0.6 = 6 → A 2023 total 6 + 2 = 8
    assert same(
        t.rows(named=True),
        [
            dict(zip(TOTAL_COLUMNS, ("A", 2022, 1.98, 0.0, 1.0, 2.98, 9.9, 0), strict=True)),
            dict(zip(TOTAL_COLUMNS, ("A", 2023, 0.0, 6.0, 2.0, 8.0, 0.0, 0), strict=True)),
            dict(zip(TOTAL_COLUMNS, ("B", 2023, None, 60.0, 0.0, None, 0.0, 1), strict=True)),
        ],
    )


def test_region_totals_null_only_in_the_method_in_error() -> None:
    rows = pl.DataFrame(
        {
            "region_code": ["A"] * 4,
            "year": [2023] * 4,
            "method": ["combustion", "electricity", "heat", "heat"],
            "co2": [3.0, 7.0, None, 11.0],
            "co2_excluded": [0.0, 0.0, None, 0.0],
            "in_error": [False, False, True, False],
        }
    )
    assert region_totals(rows).row(0) == ("A", 2023, 3.0, 7.0, None, None, 0.0, 1)
    rows = rows.with_columns(
        in_error=pl.Series([False, True, False, False]), co2=pl.Series([3.0, None, 5.0, 11.0])
    )
    assert region_totals(rows).row(0) == ("A", 2023, 3.0, None, 16.0, None, 0.0, 1)
    rows = rows.with_columns(in_error=pl.Series([True, True, False, False]))
    assert region_totals(rows).row(0) == ("A", 2023, None, None, 16.0, None, 0.0, 2)


def test_region_totals_sum_feedstock_only_from_feedstock_rows() -> None:
    rows = pl.DataFrame(
        {
            "region_code": ["A"] * 3,
            "year": [2023] * 3,
            "method": ["feedstock_excluded", "feedstock_excluded", "combustion"],
            "co2": [0.0, 0.0, 4.0],
            "co2_excluded": [3.0, 7.0, 100.0],
            "in_error": [False] * 3,
        }
    )
    assert region_totals(rows).row(0) == ("A", 2023, 4.0, 0.0, 0.0, 4.0, 10.0, 0)


def test_a_net_export_in_a_unit_that_does_not_convert_is_noted_without_a_co2() -> None:
    # −10 t of electricity: the unit is wrong (finding), the row is in error; the grid factor exists (2021: 0.5), so
    # the net-export note is still given, with no CO2 since there is no activity in MWh
    rows, findings = run(energy(("A", 2023, "电力", "fuel", -10.0, "t")))
    assert [(f.code, f.evidence) for f in findings] == [
        (
            "E_CARBON_UNIT_INVALID",
            {"record": "A 2023 电力", "carrier": "电力", "unit": "t", "expected": "MWh"},
        ),
        ("I_CARBON_NET_EXPORT", {"record": "A 2023 电力", "carrier": "电力", "value": "-10 t", "co2": None,
                                 "co2_text": "—"}),
    ]
    assert rows.select("activity", "co2", "in_error").row(0) == (None, None, True)


def test_the_feedstock_note_keeps_its_co2_and_shows_it_to_three_decimals() -> None:
    # 煤A 1.23456 t as feedstock: 1.23456 × 1.98 = 2.4444288 tCO2, shown 2.444
    _, findings = run(energy(("A", 2023, "煤A", "feedstock", 1.23456, "t")))
    f = one(findings)
    assert f.evidence["count"] == 1 and f.evidence["co2"] == pytest.approx(2.4444288, rel=1e-12)
    assert f.evidence["co2_text"] == "2.444" and "2.444 tCO2" in f.message_en
