"""The emission ledger (ecer.core.pollutants.ledger.account) compared whole: every column and row of a hand-worked
ledger with its types, the boundaries of the base year, of ``through_year`` and of zero, and every finding's code,
location and entire evidence (mutation testing: fields no other test reads)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.pollutants.ledger import LEDGER_COLUMNS, LEDGER_SCHEMA, account
from ecer.findings import FindingsError, Location

MEASURE_COLUMNS = ["region_code", "pollutant", "year", "measure_id", "kind", "reduction"]
KINDS = "engineering, structural, management"
BASE_WHAT = "基年排放量 / base-year emissions"
MEASURE_WHAT = "减排措施 / reduction measures"
INC_WHAT = "新增量 / new emissions"


def _base(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"region_code": pl.Utf8, "pollutant": pl.Utf8, "year": pl.Int64, "emissions": pl.Float64},
        orient="row",
    )


def _measures(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "region_code": pl.Utf8,
            "pollutant": pl.Utf8,
            "year": pl.Int64,
            "measure_id": pl.Utf8,
            "kind": pl.Utf8,
            "reduction": pl.Float64,
        },
        orient="row",
    )


def _inc(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"region_code": pl.Utf8, "pollutant": pl.Utf8, "year": pl.Int64, "new_emissions": pl.Float64},
        orient="row",
    )


# B NOx has its own base year (2021); input rows are deliberately not in the ledger's order
BASE = _base([("B", "NOx", 2021, 500.0), ("A", "NOx", 2020, 200.0), ("A", "COD", 2020, 1000.0)])
MEASURES = _measures(
    [
        ("B", "NOx", 2022, "e2", "engineering", 40.0),
        ("A", "COD", 2022, "m1", "management", 7.0),
        ("A", "COD", 2021, "e1", "engineering", 30.0),
        ("A", "COD", 2021, "s1", "structural", 20.0),
    ]
)
# two rows for A COD 2021 add up: 11 + 4 = 15 t; B NOx 2023 (the latest row of all) sets the default last year
INCREMENTS = _inc([("A", "COD", 2021, 11.0), ("B", "NOx", 2023, 9.0), ("A", "COD", 2021, 4.0)])

# region, pollutant, year, base_year, base, prev, new, has_inc, eng, str, man, total, measures, emissions
EXPECTED = [
    # 1000 + 15 − (30 + 20) = 965
    ("A", "COD", 2021, 2020, 1000.0, 1000.0, 15.0, True, 30.0, 20.0, 0.0, 50.0, 2, 965.0),
    # 965 + 0 − 7 = 958
    ("A", "COD", 2022, 2020, 1000.0, 965.0, 0.0, False, 0.0, 0.0, 7.0, 7.0, 1, 958.0),
    ("A", "COD", 2023, 2020, 1000.0, 958.0, 0.0, False, 0.0, 0.0, 0.0, 0.0, 0, 958.0),
    ("A", "NOx", 2021, 2020, 200.0, 200.0, 0.0, False, 0.0, 0.0, 0.0, 0.0, 0, 200.0),
    ("A", "NOx", 2022, 2020, 200.0, 200.0, 0.0, False, 0.0, 0.0, 0.0, 0.0, 0, 200.0),
    ("A", "NOx", 2023, 2020, 200.0, 200.0, 0.0, False, 0.0, 0.0, 0.0, 0.0, 0, 200.0),
    # base year 2021: the ledger starts in 2022; 500 − 40 = 460, then 460 + 9 = 469
    ("B", "NOx", 2022, 2021, 500.0, 500.0, 0.0, False, 40.0, 0.0, 0.0, 40.0, 1, 460.0),
    ("B", "NOx", 2023, 2021, 500.0, 460.0, 9.0, True, 0.0, 0.0, 0.0, 0.0, 0, 469.0),
]


def test_the_whole_ledger_of_three_series_with_two_base_years_is_as_worked_by_hand() -> None:
    led, findings = account(BASE, MEASURES, INCREMENTS)
    assert findings == []
    assert led.columns == LEDGER_COLUMNS
    assert led.schema == LEDGER_SCHEMA
    assert led.rows() == EXPECTED


def test_the_default_last_year_is_the_latest_increment_when_it_is_after_every_measure() -> None:
    # measures end in 2022, the increments in 2023: through 2023; without increments through 2022
    led, _ = account(BASE, MEASURES, INCREMENTS)
    assert led["year"].max() == 2023
    led, _ = account(BASE, MEASURES)
    assert led.filter(pl.col("region_code") == "A")["year"].to_list() == [2021, 2022] * 2


def test_a_later_through_year_carries_the_last_emissions_forward() -> None:
    led, findings = account(BASE, MEASURES, INCREMENTS, through_year=2025)
    assert findings == []
    cod = led.filter(pl.col("pollutant") == "COD")
    assert cod["year"].to_list() == [2021, 2022, 2023, 2024, 2025]
    assert cod["emissions"].to_list() == [965.0, 958.0, 958.0, 958.0, 958.0]
    assert cod["emissions_prev"].to_list() == [1000.0, 965.0, 958.0, 958.0, 958.0]


def test_rows_after_through_year_are_counted_measures_and_increments_alike() -> None:
    # through 2021: after it the measures e2 (2022) and m1 (2022) and the increment of 2023 → 3 rows
    led, findings = account(BASE, MEASURES, INCREMENTS, through_year=2021)
    assert len(findings) == 1
    f = findings[0]
    assert f.code == "I_POLLUTANT_AFTER_LEDGER" and f.level == "info"
    assert f.evidence == {"count": 3, "through_year": 2021}
    assert f.message_en == "3 measure or new-emission rows are after 2021 and are not in this ledger"
    assert f.message_zh == "3 条减排措施或新增量晚于 2021 年，未列入本台账"
    # B NOx's base year is 2021: no ledger year for it; A's two series have 2021 only
    assert led.select("region_code", "pollutant", "year").rows() == [("A", "COD", 2021), ("A", "NOx", 2021)]
    # through 2022: only the 2023 increment is after it (rows of 2022 itself are in the ledger)
    _, findings = account(BASE, MEASURES, INCREMENTS, through_year=2022)
    assert [f.evidence for f in findings] == [{"count": 1, "through_year": 2022}]
    # through 2023: nothing after it
    assert account(BASE, MEASURES, INCREMENTS, through_year=2023)[1] == []


def test_an_explicit_through_year_without_any_measure_still_makes_the_ledger() -> None:
    led, findings = account(BASE, MEASURES.head(0), through_year=2021)
    assert findings == []
    assert led.select("region_code", "pollutant", "year", "emissions").rows() == [
        ("A", "COD", 2021, 1000.0),
        ("A", "NOx", 2021, 200.0),
    ]
    assert led.schema == LEDGER_SCHEMA


def test_no_base_rows_give_an_empty_typed_ledger_even_with_a_through_year() -> None:
    led, findings = account(BASE.head(0), MEASURES.head(0), through_year=2025)
    assert led.height == 0 and led.schema == LEDGER_SCHEMA and findings == []


def test_a_measure_in_the_base_year_or_before_is_reported_and_not_counted() -> None:
    m = _measures(
        [
            ("A", "COD", 2020, "old", "engineering", 999.0),  # the base year itself
            ("A", "COD", 2019, "older", "structural", 50.0),  # before it
            ("A", "COD", 2021, "new", "engineering", 5.0),  # the year after: counted
        ]
    )
    led, findings = account(BASE, m)
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "W_POLLUTANT_MEASURE_BEFORE_BASE",
            "warning",
            {"measure": "old", "record": "A COD 2020", "base_year": 2020},
        ),
        (
            "W_POLLUTANT_MEASURE_BEFORE_BASE",
            "warning",
            {"measure": "older", "record": "A COD 2019", "base_year": 2020},
        ),
    ]
    assert findings[0].message_en == (
        "reduction measure old (A COD 2020) is dated in or before the base year 2020 and is not counted"
    )
    assert findings[0].message_zh == "减排措施 old（A COD 2020）的年份不晚于基年 2020，未计入核算"
    # only the 2021 measure is counted: 1000 − 5 = 995
    cod = led.filter(pl.col("pollutant") == "COD")
    assert cod.select(
        "year", "reduction_engineering", "reduction_structural", "measures", "emissions"
    ).rows() == [(2021, 5.0, 0.0, 1, 995.0)]


def test_a_measure_not_counted_does_not_set_the_last_year() -> None:
    # the only measure is in the base year: nothing is counted, so there is no last year and no ledger row
    m = _measures([("A", "COD", 2020, "old", "engineering", 10.0)])
    led, findings = account(BASE, m)
    assert led.height == 0 and led.schema == LEDGER_SCHEMA
    assert [f.code for f in findings] == ["W_POLLUTANT_MEASURE_BEFORE_BASE"]
    # nor is it "after the ledger" when the ledger ends before it
    m = _measures(
        [("B", "NOx", 2021, "old", "engineering", 10.0), ("A", "COD", 2021, "x", "engineering", 1.0)]
    )
    _, findings = account(BASE, m, through_year=2020)
    assert [f.code for f in findings] == ["W_POLLUTANT_MEASURE_BEFORE_BASE", "I_POLLUTANT_AFTER_LEDGER"]
    assert findings[1].evidence == {"count": 1, "through_year": 2020}


def test_a_negative_reduction_is_warned_with_its_kind_in_both_languages_and_counted() -> None:
    m = _measures(
        [
            ("A", "COD", 2021, "plant", "engineering", -3.0),
            ("A", "COD", 2021, "rules", "management", -0.5),
            ("A", "COD", 2021, "zero", "structural", 0.0),  # exactly 0: not negative
        ]
    )
    led, findings = account(BASE, m)
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "W_POLLUTANT_NEGATIVE_REDUCTION",
            "warning",
            {"measure": "plant", "record": "A COD 2021", "kind": "工程减排 / engineering", "value": -3.0},
        ),
        (
            "W_POLLUTANT_NEGATIVE_REDUCTION",
            "warning",
            {"measure": "rules", "record": "A COD 2021", "kind": "管理减排 / management", "value": -0.5},
        ),
    ]
    assert (
        findings[0].message_zh
        == "减排措施 plant（A COD 2021，工程减排）的削减量为 -3.0 t（负数）：该年排放量因此增加"
    )
    assert findings[0].message_en == (
        "reduction measure plant (A COD 2021, engineering) reduces by -3.0 t, a negative amount: it raises the "
        "year's emissions"
    )
    # counted: 1000 − (−3 − 0.5 + 0) = 1003.5, three measures
    r = led.filter(pl.col("pollutant") == "COD").row(0, named=True)
    assert (r["reduction_total"], r["measures"], r["emissions"]) == (-3.5, 3, 1003.5)


def test_a_structural_measure_in_several_years_is_warned_once_per_measure_with_sorted_years() -> None:
    m = _measures(
        [
            ("B", "NOx", 2024, "kiln", "structural", 1.0),
            ("A", "COD", 2023, "mill", "structural", 2.0),
            ("A", "COD", 2021, "mill", "structural", 3.0),
            ("B", "NOx", 2022, "kiln", "structural", 4.0),
            ("A", "COD", 2022, "once", "structural", 5.0),  # one year only: fine
            ("A", "COD", 2021, "plant", "engineering", 6.0),  # engineering may count every year
            ("A", "COD", 2022, "plant", "engineering", 7.0),
        ]
    )
    _, findings = account(BASE, m)
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "W_POLLUTANT_STRUCTURAL_REPEATED",
            "warning",
            {"measure": "mill", "record": "A COD", "years": "2021, 2023"},
        ),
        (
            "W_POLLUTANT_STRUCTURAL_REPEATED",
            "warning",
            {"measure": "kiln", "record": "B NOx", "years": "2022, 2024"},
        ),
    ]
    assert findings[0].message_en == (
        "structural measure mill (A COD) is counted in 2021, 2023: a closed plant's reduction counts once, in the "
        "year of its closure"
    )


def test_emissions_below_zero_are_warned_each_year_and_exactly_zero_is_not() -> None:
    # A COD: 1000 − 1000 = 0 in 2021 (not warned), then 0 − 2.5 = −2.5 (2022) and −2.5 − 1 = −3.5 (2023)
    m = _measures(
        [
            ("A", "COD", 2021, "a", "structural", 1000.0),
            ("A", "COD", 2022, "b", "engineering", 2.5),
            ("A", "COD", 2023, "c", "engineering", 1.0),
        ]
    )
    led, findings = account(BASE, m)
    assert led.filter(pl.col("pollutant") == "COD")["emissions"].to_list() == [0.0, -2.5, -3.5]
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        ("W_POLLUTANT_EMISSIONS_NEGATIVE", "warning", {"record": "A COD 2022", "value": -2.5}),
        ("W_POLLUTANT_EMISSIONS_NEGATIVE", "warning", {"record": "A COD 2023", "value": -3.5}),
    ]
    assert (
        findings[0].message_zh == "A COD 2022：核算排放量为 -2.5 t（负数），削减量大于基年排放量与新增量之和"
    )


def test_negative_new_emissions_are_allowed_and_lower_the_emissions() -> None:
    led, findings = account(BASE, MEASURES.head(0), _inc([("A", "COD", 2021, -6.0)]))
    assert findings == []
    r = led.filter(pl.col("pollutant") == "COD").row(0, named=True)
    assert (r["new_emissions"], r["has_increment"], r["emissions"]) == (-6.0, True, 994.0)


# --- refusals: every finding's code, location and whole evidence ----------------------------------------------------


def _refused(base: pl.DataFrame, measures: pl.DataFrame, increments: pl.DataFrame | None = None) -> list:
    with pytest.raises(FindingsError) as e:
        account(base, measures, increments)
    return e.value.findings


def test_missing_columns_are_each_named_with_the_columns_expected() -> None:
    fs = _refused(BASE, MEASURES.drop("kind", "reduction"))
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_POLLUTANT_COLUMN_MISSING",
            Location(column=c),
            {"what": MEASURE_WHAT, "column": c, "expected": ", ".join(MEASURE_COLUMNS)},
        )
        for c in ("kind", "reduction")
    ]
    assert fs[0].message_en == (
        "reduction measures: column 'kind' is missing (needed: region_code, pollutant, year, measure_id, kind, "
        "reduction)"
    )
    fs = _refused(BASE, MEASURES, INCREMENTS.drop("new_emissions"))
    assert [f.evidence for f in fs] == [
        {
            "what": INC_WHAT,
            "column": "new_emissions",
            "expected": "region_code, pollutant, year, new_emissions",
        }
    ]
    fs = _refused(BASE.drop("year"), MEASURES)
    assert [f.evidence for f in fs] == [
        {"what": BASE_WHAT, "column": "year", "expected": "region_code, pollutant, year, emissions"}
    ]


def test_cells_of_the_wrong_type_in_all_three_tables_are_refused_together() -> None:
    base = pl.DataFrame(
        {
            "region_code": ["A", "A"],
            "pollutant": ["COD", "NOx"],
            "year": ["2020", "20x0"],
            "emissions": ["1", "x"],
        }
    )
    m = MEASURES.with_columns(reduction=pl.Series(["40", "7", "lots", "20"]))
    inc = INCREMENTS.with_columns(year=pl.Series(["2021", "soon", "2021"]))
    fs = _refused(base, m, inc)
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=2, column="year"),
            {
                "what": BASE_WHAT,
                "record": "A NOx 20x0",
                "column": "year",
                "value": "20x0",
                "detail": "不是整数 / not a whole number",
            },
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=2, column="emissions"),
            {
                "what": BASE_WHAT,
                "record": "A NOx 20x0",
                "column": "emissions",
                "value": "x",
                "detail": "不是数值 / not a number",
            },
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=3, column="reduction"),
            {
                "what": MEASURE_WHAT,
                "record": "A COD 2021",
                "column": "reduction",
                "value": "lots",
                "detail": "不是数值 / not a number",
            },
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=2, column="year"),
            {
                "what": INC_WHAT,
                "record": "B NOx soon",
                "column": "year",
                "value": "soon",
                "detail": "不是整数 / not a whole number",
            },
        ),
    ]
    assert fs[0].message_zh == "基年排放量：A NOx 20x0 的“year”值 20x0 无效：不是整数"
    assert (
        fs[1].message_en
        == "base-year emissions: 'emissions' of A NOx 20x0 is x, which is invalid: not a number"
    )


def test_a_duplicate_base_row_names_its_key_and_the_first_row_each_time() -> None:
    base = _base(
        [("A", "COD", 2020, 1.0), ("B", "COD", 2020, 2.0), ("A", "COD", 2020, 3.0), ("A", "COD", 2020, 4.0)]
    )
    fs = _refused(base, MEASURES.head(0))
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        ("E_DUPLICATE_RECORD", Location(row=3, column="pollutant"), {"key": "A COD", "other_row": 1}),
        ("E_DUPLICATE_RECORD", Location(row=4, column="pollutant"), {"key": "A COD", "other_row": 1}),
    ]
    assert fs[0].message_en == "A COD appears twice (also on row 1)"


def test_a_duplicate_measure_names_its_whole_key_and_the_first_row_each_time() -> None:
    m = _measures(
        [
            ("A", "COD", 2021, "e1", "engineering", 1.0),
            ("A", "COD", 2021, "e1", "structural", 1.0),  # another kind: another measure
            ("A", "COD", 2021, "e1", "engineering", 2.0),
            ("A", "COD", 2021, "e1", "engineering", 3.0),
        ]
    )
    fs = _refused(BASE, m)
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_DUPLICATE_RECORD",
            Location(row=r, column="measure_id"),
            {"key": "A COD 2021 e1 engineering", "other_row": 1},
        )
        for r in (3, 4)
    ]


def test_a_base_that_is_negative_or_not_finite_is_refused_and_zero_is_accepted() -> None:
    base = _base(
        [
            ("A", "COD", 2020, -1.0),
            ("A", "NOx", 2020, math.inf),
            ("B", "COD", 2020, None),
            ("B", "NOx", 2020, 0.0),
        ]
    )
    fs = _refused(base, MEASURES.head(0))
    detail = "须为非负有限数 / must be a finite number ≥ 0"
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=i, column="emissions"),
            {"what": BASE_WHAT, "record": rec, "column": "emissions", "value": v, "detail": detail},
        )
        for i, rec, v in ((1, "A COD 2020", -1.0), (2, "A NOx 2020", math.inf), (3, "B COD 2020", None))
    ]
    led, findings = account(base.tail(1), MEASURES.head(0), through_year=2021)
    assert led.select("region_code", "emissions").rows() == [("B", 0.0)] and findings == []


def test_an_empty_key_names_every_missing_field_in_words() -> None:
    inc = _inc(
        [(None, None, None, 1.0), (None, "COD", 2021, 1.0), ("A", None, None, 1.0), ("A", "COD", None, 2.0)]
    )
    fs = _refused(BASE, MEASURES.head(0), inc)

    def empty(line: int, record: str, zh: str, en: str, columns: list[str]) -> tuple:
        evidence = {
            "what": INC_WHAT,
            "line": line,
            "record": record,
            "fields_zh": zh,
            "fields_en": en,
            "columns": ", ".join(columns),
        }
        return ("E_POLLUTANT_KEY_EMPTY", Location(row=line, column=columns[0]), evidence)

    # a row with an empty region code or pollutant is not also called "without base"
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        empty(
            1,
            "—",
            "地区代码、污染物、年份",
            "region code, pollutant and year",
            ["region_code", "pollutant", "year"],
        ),
        empty(2, "COD 2021", "地区代码", "region code", ["region_code"]),
        empty(3, "A", "污染物、年份", "pollutant and year", ["pollutant", "year"]),
        empty(4, "A COD", "年份", "year", ["year"]),
    ]
    assert fs[0].message_en == (
        "new emissions, row 1 (—): no region code, pollutant and year; region code, pollutant and year are a "
        "record's key, and a record without its whole key cannot be counted"
    )
    assert fs[0].fix_zh == "补填该行的地区代码、污染物、年份"


def test_a_base_row_without_its_year_leaves_its_measures_without_base() -> None:
    base = _base([("A", "COD", None, 1000.0)])
    fs = _refused(base, _measures([("A", "COD", 2021, "x", "engineering", 1.0)]))
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_POLLUTANT_KEY_EMPTY",
            Location(row=1, column="year"),
            {
                "what": BASE_WHAT,
                "line": 1,
                "record": "A COD",
                "fields_zh": "年份",
                "fields_en": "year",
                "columns": "year",
            },
        ),
        (
            "E_POLLUTANT_NO_BASE",
            Location(row=1, column="region_code"),
            {"what": MEASURE_WHAT, "record": "A COD 2021"},
        ),
    ]


def test_rows_without_base_an_unknown_kind_and_non_finite_values_are_refused_in_order() -> None:
    m = _measures(
        [
            ("A", "COD", 2021, "ok", "engineering", 1.0),
            ("Z", "COD", 2021, "far", "bribery", math.nan),
        ]
    )
    inc = _inc([("A", "SO2", 2021, 1.0), ("A", "COD", 2021, -math.inf), ("A", "COD", 2020, 1.0)])
    fs = _refused(BASE, m, inc)
    nan = fs[1].evidence["value"]
    assert isinstance(nan, float) and math.isnan(nan)
    # NaN ≠ NaN: the NaN is compared as its text (the finding itself is left as it is)
    seen = [
        (f.code, f.location, {**f.evidence, "value": "nan"} if i == 1 else f.evidence)
        for i, f in enumerate(fs)
    ]
    assert seen == [
        (
            "E_POLLUTANT_NO_BASE",
            Location(row=2, column="region_code"),
            {"what": MEASURE_WHAT, "record": "Z COD 2021"},
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=2, column="reduction"),
            {
                "what": MEASURE_WHAT,
                "record": "Z COD 2021",
                "column": "reduction",
                "value": "nan",  # NaN ≠ NaN: compared as its text below
                "detail": "须为有限数 / must be a finite number",
            },
        ),
        (
            "E_UNKNOWN_NAME",
            Location(row=2, column="kind"),
            {"kind": "减排类型 / kind of reduction", "value": "bribery", "valid": KINDS},
        ),
        (
            "E_POLLUTANT_NO_BASE",
            Location(row=1, column="region_code"),
            {"what": INC_WHAT, "record": "A SO2 2021"},
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=2, column="new_emissions"),
            {
                "what": INC_WHAT,
                "record": "A COD 2021",
                "column": "new_emissions",
                "value": -math.inf,
                "detail": "须为有限数 / must be a finite number",
            },
        ),
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(row=3, column="year"),
            {
                "what": INC_WHAT,
                "record": "A COD 2020",
                "column": "year",
                "value": 2020,
                "detail": "须晚于基年 2020 / must be after the base year 2020",
            },
        ),
    ]
    assert fs[2].message_zh == "未知的减排类型“bribery”，可选：engineering, structural, management"
    assert (
        fs[2].message_en == "unknown kind of reduction 'bribery'; valid: engineering, structural, management"
    )
