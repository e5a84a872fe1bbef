"""Exact outputs of the one progress machinery (ecer.core.targets.tracking): whole frames, whole findings.

Every column of :func:`track`, :func:`track_changes` and :func:`track_amounts` is compared for every row (before the
base year, the base year, plan years, after the target year), every finding in full (code, level, both messages,
evidence, location), and every option (thresholds, tolerance, value/change column names, several key columns).

Hand numbers are chosen so that the even pace is exact:
  decrease T = 19 %, n = 2: (1 − 0.19)^(1/2) = 0.9 → R_1 = 10 %, R_2 = 19 %; R_3 capped at R_2 = 19 %
  (uncapped it would be 1 − 0.81^1.5 = 1 − 0.729 = 27.1 %); R_{−1} = 1 − 0.81^(−1/2) = 1 − 1/0.9 = −0.111111
  increase T = 21 %, n = 2: 1.21^(1/2) = 1.1 → R_1 = 10 %, R_2 = 21 %
  amount Q = 600, n = 3: Q/n = 200 a year → R_t = 200 t
"""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from pydantic import ValidationError

from ecer.core.targets.barometer import Thresholds
from ecer.core.targets.tracking import (
    TRACK_COLUMNS,
    Target,
    level_target,
    track,
    track_amounts,
    track_changes,
)
from ecer.findings import FindingsError, Location, make

LABEL = "碳排放强度 / CO2 intensity"
DOWN = Target(size=0.19, base_year=2020, target_year=2022, label=LABEL)
UP = Target(size=0.21, base_year=2020, target_year=2022, direction="increase", label="份额 / share")
AMOUNT = Target(
    size=600,
    base_year=2020,
    target_year=2023,
    direction="increase",
    path="even_linear",
    label="改造产能 / capacity retrofitted",
)

SCHEMA = {
    "year": pl.Int64,
    "base_year": pl.Int64,
    "target_year": pl.Int64,
    "years_elapsed": pl.Int64,
    "value": pl.Float64,
    "value_prev": pl.Float64,
    "value_base": pl.Float64,
    "change_yoy": pl.Float64,
    "achieved_yoy": pl.Float64,
    "achieved_cumulative": pl.Float64,
    "required_annual": pl.Float64,
    "required_cumulative": pl.Float64,
    "progress_ratio": pl.Float64,
    "on_pace": pl.Boolean,
    "target_met": pl.Boolean,
    "grade": pl.Int8,
    "color": pl.String,
}


def expected(key: dict[str, list[object]], **columns: list[object]) -> pl.DataFrame:
    """The expected output: the key columns, then TRACK_COLUMNS with their types."""
    key_schema = {k: pl.String for k in key}
    return pl.DataFrame({**key, **columns}, schema={**key_schema, **{c: SCHEMA[c] for c in TRACK_COLUMNS}})


def series(r: list[str], year: list[int], values: list[float], column: str = "value") -> pl.DataFrame:
    """One row a (key r, year, ``column``) of the three lists."""
    return pl.DataFrame({"r": r, "year": year, column: values})


def same(got: pl.DataFrame, want: pl.DataFrame) -> None:
    assert got.columns == want.columns
    assert_frame_equal(got, want, check_exact=False, abs_tol=1e-9, rel_tol=0)


# --- track: levels ----------------------------------------------------------------------------------------------


def test_a_decreasing_series_before_during_and_after_the_plan_column_by_column() -> None:
    # levels 1.25 (2019), 1.0 (2020 base), 0.92, 0.828, 0.7452: changes −20 %, −8 %, −10 %, −10 %
    # achieved to date: 1 − 0.92 = 8 %, 1 − 0.828 = 17.2 %, 1 − 0.7452 = 25.48 %; none before the base year
    # progress 0.08/0.10 = 0.8, 0.172/0.19 = 0.9052632, 0.2548/0.19 (capped pace) = 1.3410526
    # grades in plan only (2021, 2022): −8 % < 10 % → 2 yellow; −10 % = R_1 → 3 green (on the pace is on pace)
    # target met at 2022 only: 17.2 % < 19 % → False
    df = series(["A"] * 5, [2023, 2019, 2020, 2021, 2022], [0.7452, 1.25, 1.0, 0.92, 0.828], column="level")
    out, findings = track(df, DOWN, key=["r"], value="level")
    assert findings == []
    same(
        out,
        expected(
            {"r": ["A"] * 5},
            year=[2019, 2020, 2021, 2022, 2023],
            base_year=[2020] * 5,
            target_year=[2022] * 5,
            years_elapsed=[-1, 0, 1, 2, 3],
            value=[1.25, 1.0, 0.92, 0.828, 0.7452],
            value_prev=[None, 1.25, 1.0, 0.92, 0.828],
            value_base=[1.0] * 5,
            change_yoy=[None, -0.2, -0.08, -0.1, -0.1],
            achieved_yoy=[None, 0.2, 0.08, 0.1, 0.1],
            achieved_cumulative=[None, 0.0, 0.08, 0.172, 0.2548],
            required_annual=[0.1] * 5,
            required_cumulative=[-1 / 9, 0.0, 0.1, 0.19, 0.19],
            progress_ratio=[None, None, 0.8, 0.172 / 0.19, 0.2548 / 0.19],
            on_pace=[None, None, False, False, True],
            target_met=[None, None, None, False, None],
            grade=[None, None, 2, 3, None],
            color=["grey", "grey", "yellow", "green", "grey"],
        ),
    )


def test_a_rising_share_uses_the_growth_pace_and_the_mirrored_grades() -> None:
    # share 50 → 54 (+8 % < R_1 10 % → 2) → 60.5 (+12.04 % ≥ 10 % → 3) → 57.475 (−5 %, after the target year)
    # achieved x/x₀ − 1: 8 %, 21 % (= T → target met), 14.95 %; the year's rise 0.08, 0.1204, −0.05
    # progress 0.08/0.10 = 0.8, 0.21/0.21 = 1, 0.1495/0.21 = 0.7119048
    df = pl.DataFrame({"r": ["S"] * 4, "year": [2020, 2021, 2022, 2023], "value": [50.0, 54.0, 60.5, 57.475]})
    out, findings = track(df, UP, key=["r"])
    assert findings == []
    same(
        out,
        expected(
            {"r": ["S"] * 4},
            year=[2020, 2021, 2022, 2023],
            base_year=[2020] * 4,
            target_year=[2022] * 4,
            years_elapsed=[0, 1, 2, 3],
            value=[50.0, 54.0, 60.5, 57.475],
            value_prev=[None, 50.0, 54.0, 60.5],
            value_base=[50.0] * 4,
            change_yoy=[None, 0.08, 60.5 / 54 - 1, -0.05],
            achieved_yoy=[None, 0.08, 60.5 / 54 - 1, -0.05],
            achieved_cumulative=[0.0, 0.08, 0.21, 0.1495],
            required_annual=[0.1] * 4,
            required_cumulative=[0.0, 0.1, 0.21, 0.21],
            progress_ratio=[None, 0.8, 1.0, 0.1495 / 0.21],
            on_pace=[None, False, True, False],
            target_met=[None, None, True, None],
            grade=[None, 2, 3, None],
            color=["grey", "yellow", "green", "grey"],
        ),
    )


def test_a_rising_share_that_falls_is_red_and_a_decreasing_one_that_rises_is_red() -> None:
    # share 50 → 49 (−2 %): 一级 for a share that must rise; intensity 1.0 → 1.03 (+3 %): 一级 (不降反升)
    share, _ = track(
        pl.DataFrame({"r": ["S", "S"], "year": [2020, 2021], "value": [50.0, 49.0]}), UP, key=["r"]
    )
    assert share.select("change_yoy", "achieved_yoy", "achieved_cumulative", "grade", "color").row(1) == (
        pytest.approx(-0.02),
        pytest.approx(-0.02),
        pytest.approx(-0.02),
        1,
        "red",
    )
    down, _ = track(
        pl.DataFrame({"r": ["A", "A"], "year": [2020, 2021], "value": [1.0, 1.03]}), DOWN, key=["r"]
    )
    # achieved: a reduction 1 − 1.03 = −3 %; progress −0.03/0.10 = −0.3
    assert down.select("change_yoy", "achieved_yoy", "achieved_cumulative", "progress_ratio", "grade").row(
        1
    ) == (pytest.approx(0.03), pytest.approx(-0.03), pytest.approx(-0.03), pytest.approx(-0.3), 1)


def test_the_target_year_is_met_exactly_at_the_target_and_missed_just_below_it() -> None:
    # T = 19 %: 1.0 → 0.9 → 0.81 gives exactly 19 % (met); 0.9 → 0.8101 gives 18.99 % (missed)
    df = series(["A"] * 3 + ["B"] * 3, [2020, 2021, 2022] * 2, [1.0, 0.9, 0.81, 1.0, 0.9, 0.8101])
    out, _ = track(df, DOWN, key=["r"])
    assert out["target_met"].to_list() == [None, None, True, None, None, False]
    assert out["on_pace"].to_list() == [None, True, True, None, True, False]
    assert out["grade"].to_list() == [None, 3, 3, None, 3, 2]  # 0.8101/0.9 − 1 = −9.99 % < 10 % → 2


def test_custom_thresholds_change_the_grades_the_pace_and_the_target_met() -> None:
    # tolerance 0.025: 17.2 % + 2.5 % ≥ 19 % → target met and on pace; 8 % + 2.5 % ≥ 10 % → on pace, and the fall
    # of 8 % counts as the required 10 % (−Δ + tol = 0.105 is not < 0.10) → 3;
    # intensity_rise 0.05: series B's +3 % is not a rise above 5 % + tol, so it is graded as a fall short of the
    # pace (−0.03 + 0.025 < 0.10) → 2, not 1
    th = Thresholds(intensity_rise=0.05, tolerance=0.025)
    t = Target(size=0.19, base_year=2020, target_year=2022, thresholds=th)
    df = series(["A"] * 3 + ["B"] * 2, [2020, 2021, 2022, 2020, 2021], [1.0, 0.92, 0.828, 1.0, 1.03])
    out, _ = track(df, t, key=["r"])
    assert out["on_pace"].to_list() == [None, True, True, None, False]
    assert out["target_met"].to_list() == [None, None, True, None, None]
    assert out["grade"].to_list() == [None, 3, 3, None, 2]
    # with the default thresholds the same series are graded 2, 3 and 1 and the target is missed
    out0, _ = track(df, DOWN, key=["r"])
    assert out0["grade"].to_list() == [None, 2, 3, None, 1]
    assert out0["target_met"].to_list() == [None, None, False, None, None]


def test_integer_levels_and_years_come_out_as_floats_and_int64() -> None:
    df = pl.DataFrame(
        {"r": ["A", "A"], "year": [2020, 2021], "value": [100, 92]},
        schema={"r": pl.String, "year": pl.Int32, "value": pl.Int32},
    )
    out, _ = track(df, DOWN, key=["r"])
    assert out.schema == pl.Schema({"r": pl.String, **SCHEMA})
    assert out.select("value", "value_prev", "value_base", "achieved_cumulative").row(1) == (
        92.0,
        100.0,
        100.0,
        pytest.approx(0.08),
    )


def test_series_with_two_key_columns_are_tracked_apart_and_named_with_both_keys() -> None:
    # (A, 1): base 1.0 → 0.95 (−5 %); (A, 2): no base year → E_TARGET_BASE_MISSING "A 2"; rows kept, progress null
    df = pl.DataFrame(
        {
            "region": ["A", "A", "A"],
            "sector": [2, 1, 1],
            "year": [2021, 2021, 2020],
            "value": [3.0, 0.95, 1.0],
        }
    )
    out, findings = track(df, DOWN, key=["region", "sector"])
    assert out.columns == ["region", "sector", *TRACK_COLUMNS]
    assert out.select("sector", "year", "achieved_cumulative", "progress_ratio").rows() == [
        (1, 2020, 0.0, None),
        (1, 2021, pytest.approx(0.05), pytest.approx(0.5)),
        (2, 2021, None, None),
    ]
    assert findings == [
        make("E_TARGET_BASE_MISSING", what=LABEL, record="A 2", base_year=2020),
        make("W_TARGET_YEAR_GAP", what=LABEL, record="A 2", year=2021),
    ]


def test_missing_base_and_year_gap_findings_in_full_and_in_key_order() -> None:
    # B and A have no 2020 (base) row: one finding each, sorted by key, however many rows they have;
    # gaps: A 2021 (no 2020), B 2022 (no 2021), C 2022 (no 2021); C 2024 is after the target year: no gap
    df = series(
        ["B", "A", "A", "C", "C", "C"], [2022, 2021, 2022, 2020, 2022, 2024], [1.0, 1.0, 0.9, 1.0, 0.9, 0.8]
    )
    out, findings = track(df, DOWN, key=["r"])
    assert out.height == 6
    assert [(f.code, f.evidence) for f in findings] == [
        ("E_TARGET_BASE_MISSING", {"what": LABEL, "record": "A", "base_year": 2020}),
        ("E_TARGET_BASE_MISSING", {"what": LABEL, "record": "B", "base_year": 2020}),
        ("W_TARGET_YEAR_GAP", {"what": LABEL, "record": "A", "year": 2021}),
        ("W_TARGET_YEAR_GAP", {"what": LABEL, "record": "B", "year": 2022}),
        ("W_TARGET_YEAR_GAP", {"what": LABEL, "record": "C", "year": 2022}),
    ]
    base, gap = findings[0], findings[2]
    assert (base.level, base.message_zh, base.message_en, base.location) == (
        "error",
        "碳排放强度：A 没有基年 2020 的数值，无法计算累计进度",
        "CO2 intensity: A has no value for the base year 2020, so no cumulative progress can be computed",
        None,
    )
    assert (gap.level, gap.message_zh, gap.message_en) == (
        "warning",
        "碳排放强度：A 缺少 2021 年的上一年数值，该年的逐年变化和预警等级空缺",
        "CO2 intensity: A has no value for the year before 2021: that year's change and grade are left empty",
    )
    # C 2024: no 2023 before it, so no change; no grade outside the plan anyway
    assert out.filter(pl.col("r") == "C").select("year", "change_yoy", "achieved_cumulative").rows() == [
        (2020, None, 0.0),
        (2022, None, pytest.approx(0.1)),
        (2024, None, pytest.approx(0.2)),
    ]


def test_a_series_whose_key_is_null_still_finds_its_base_and_previous_year() -> None:
    # key values compare equal when null (a national series without a region code): 1.0 → 0.9, fell 10 %
    df = pl.DataFrame(
        {"r": [None, None], "year": [2020, 2021], "value": [1.0, 0.9]}, schema_overrides={"r": pl.String}
    )
    out, findings = track(df, DOWN, key=["r"])
    assert findings == []
    assert out.select("value_base", "value_prev", "change_yoy", "achieved_cumulative", "grade").row(1) == (
        1.0,
        1.0,
        pytest.approx(-0.1),
        pytest.approx(0.1),
        3,
    )


def test_missing_columns_are_named_one_finding_each() -> None:
    df = pl.DataFrame({"r": ["A"], "value": [1.0]})
    with pytest.raises(FindingsError) as e:
        track(df, DOWN, key=["r"], value="level")
    assert e.value.findings == [
        make(
            "E_CARBON_COLUMN_MISSING",
            location=Location(column="year"),
            what=LABEL,
            column="year",
            expected="r, year, level",
        ),
        make(
            "E_CARBON_COLUMN_MISSING",
            location=Location(column="level"),
            what=LABEL,
            column="level",
            expected="r, year, level",
        ),
    ]
    f = e.value.findings[0]
    assert (f.level, f.message_zh, f.message_en) == (
        "error",
        "碳排放强度缺少列“year”（需要：r, year, level）",
        "CO2 intensity: column 'year' is missing (needed: r, year, level)",
    )
    assert f.location == Location(column="year")


# --- track_changes: published yearly changes, chained --------------------------------------------------------------


def test_published_falls_are_chained_and_graded_column_by_column() -> None:
    # changes −8 %, −10 %, −10 % (2021–2023); the 2020 row (the base year) is not a plan year and is dropped
    # chained: 8 %; 1 − 0.92 × 0.9 = 17.2 %; 1 − 0.92 × 0.9 × 0.9 = 25.48 % — as the levels above
    df = pl.DataFrame({"r": ["A"] * 4, "year": [2023, 2022, 2020, 2021], "c": [-0.1, -0.1, -0.5, -0.08]})
    out, findings = track_changes(df, DOWN, key=["r"], change="c")
    assert findings == []
    same(
        out,
        expected(
            {"r": ["A"] * 3},
            year=[2021, 2022, 2023],
            base_year=[2020] * 3,
            target_year=[2022] * 3,
            years_elapsed=[1, 2, 3],
            value=[None] * 3,
            value_prev=[None] * 3,
            value_base=[None] * 3,
            change_yoy=[-0.08, -0.1, -0.1],
            achieved_yoy=[0.08, 0.1, 0.1],
            achieved_cumulative=[0.08, 0.172, 0.2548],
            required_annual=[0.1] * 3,
            required_cumulative=[0.1, 0.19, 0.19],
            progress_ratio=[0.8, 0.172 / 0.19, 0.2548 / 0.19],
            on_pace=[False, False, True],
            target_met=[None, False, None],
            grade=[2, 3, None],
            color=["yellow", "green", "grey"],
        ),
    )


def test_published_rises_of_a_share_are_chained_per_series() -> None:
    # A: +10 %, +10 % → 1.1 × 1.1 − 1 = 21 % = T (met); grades 3, 3
    # B: −2 % (a share that fell: 1), +5 % (< 10 %: 2) → 0.98 × 1.05 − 1 = 2.9 %; progress −0.02/0.1, 0.029/0.21
    df = series(["B", "A", "B", "A"], [2022, 2022, 2021, 2021], [0.05, 0.1, -0.02, 0.1], column="change")
    out, findings = track_changes(df, UP, key=["r"])
    assert findings == []
    same(
        out,
        expected(
            {"r": ["A", "A", "B", "B"]},
            year=[2021, 2022] * 2,
            base_year=[2020] * 4,
            target_year=[2022] * 4,
            years_elapsed=[1, 2] * 2,
            value=[None] * 4,
            value_prev=[None] * 4,
            value_base=[None] * 4,
            change_yoy=[0.1, 0.1, -0.02, 0.05],
            achieved_yoy=[0.1, 0.1, -0.02, 0.05],
            achieved_cumulative=[0.1, 0.21, -0.02, 0.029],
            required_annual=[0.1] * 4,
            required_cumulative=[0.1, 0.21] * 2,
            progress_ratio=[1.0, 1.0, -0.2, 0.029 / 0.21],
            on_pace=[True, True, False, False],
            target_met=[None, True, None, False],
            grade=[3, 3, 1, 2],
            color=["green", "green", "red", "yellow"],
        ),
    )


def test_a_chain_that_starts_late_or_has_a_hole_has_no_cumulative_from_there_on() -> None:
    # A: 2021, 2022 present, 2024 after a hole (no 2023) → 2024 null; B starts at 2022 (no 2021) → all null
    df = series(
        ["A", "A", "A", "B", "B"],
        [2021, 2022, 2024, 2022, 2023],
        [-0.1, -0.1, -0.1, -0.1, -0.1],
        column="change",
    )
    out, findings = track_changes(df, DOWN, key=["r"])
    assert out.select("r", "year", "achieved_cumulative").rows() == [
        ("A", 2021, pytest.approx(0.1)),
        ("A", 2022, pytest.approx(0.19)),
        ("A", 2024, None),
        ("B", 2022, None),
        ("B", 2023, None),
    ]
    # a year without its chain is still graded on its own change (2022 of B: −10 % = R_1 → 3)
    assert out["grade"].to_list() == [3, 3, None, 3, None]
    assert out["on_pace"].to_list() == [True, True, None, None, None]  # 10 % = R_1, 19 % = R_2
    assert findings == [
        make("W_TARGET_YEAR_GAP", what=LABEL, record="A", year=2024),
        make("W_TARGET_YEAR_GAP", what=LABEL, record="B", year=2022),
        make("W_TARGET_YEAR_GAP", what=LABEL, record="B", year=2023),
    ]


def test_published_changes_need_their_columns() -> None:
    with pytest.raises(FindingsError) as e:
        track_changes(pl.DataFrame({"r": ["A"], "year": [2021]}), DOWN, key=["r"])
    assert e.value.findings == [
        make(
            "E_CARBON_COLUMN_MISSING",
            location=Location(column="change"),
            what=LABEL,
            column="change",
            expected="r, year, change",
        )
    ]


# --- track_amounts: an amount accumulated at the even linear pace -------------------------------------------------


def test_an_amount_before_during_and_after_the_plan_column_by_column() -> None:
    # Q = 600 by 2023 from 2020: 200 a year. Cumulative 150, 400, 350, 700 (2021–2024); the 2020 row is added as 0.
    # increments 150 (< 200 → 2), 250 (→ 3), −50 (fell → 1), 350 (after the target year: no grade)
    # required 200, 400, 600, 600 (capped); progress 0.75, 1.0, 350/600 = 0.5833333, 700/600 = 1.1666667
    # target met at 2023: 350 < 600 → False
    df = pl.DataFrame({"r": ["A"] * 4, "year": [2024, 2021, 2022, 2023], "done": [700, 150, 400, 350]})
    out, findings = track_amounts(df, AMOUNT, key=["r"], value="done")
    assert findings == []
    same(
        out,
        expected(
            {"r": ["A"] * 5},
            year=[2020, 2021, 2022, 2023, 2024],
            base_year=[2020] * 5,
            target_year=[2023] * 5,
            years_elapsed=[0, 1, 2, 3, 4],
            value=[0.0, 150.0, 400.0, 350.0, 700.0],
            value_prev=[None, 0.0, 150.0, 400.0, 350.0],
            value_base=[0.0] * 5,
            change_yoy=[None, 150.0, 250.0, -50.0, 350.0],
            achieved_yoy=[None, 150.0, 250.0, -50.0, 350.0],
            achieved_cumulative=[0.0, 150.0, 400.0, 350.0, 700.0],
            required_annual=[200.0] * 5,
            required_cumulative=[0.0, 200.0, 400.0, 600.0, 600.0],
            progress_ratio=[None, 0.75, 1.0, 350 / 600, 700 / 600],
            on_pace=[None, False, True, False, True],
            target_met=[None, None, None, False, None],
            grade=[None, 2, 3, 1, None],
            color=["grey", "yellow", "green", "red", "grey"],
        ),
    )


def test_an_amount_keeps_a_given_base_year_value_and_years_before_it_have_no_cumulative() -> None:
    # A gives 2020 = 50 (kept, not replaced by 0) and 2019 = 10; B gives nothing for 2020 (taken as 0) and reaches
    # exactly Q = 600 at 2023 (met), after 200, 400 (on pace exactly)
    df = series(
        ["A", "A", "A", "B", "B", "B"],
        [2019, 2020, 2021, 2021, 2022, 2023],
        [10.0, 50.0, 250.0, 200.0, 400.0, 600.0],
    )
    out, findings = track_amounts(df, AMOUNT, key=["r"])
    assert findings == []
    assert out.select(
        "r", "year", "years_elapsed", "value", "change_yoy", "achieved_cumulative", "required_cumulative"
    ).rows() == [
        ("A", 2019, -1, 10.0, None, None, -200.0),
        ("A", 2020, 0, 50.0, 40.0, 50.0, 0.0),
        ("A", 2021, 1, 250.0, 200.0, 250.0, 200.0),
        ("B", 2020, 0, 0.0, None, 0.0, 0.0),
        ("B", 2021, 1, 200.0, 200.0, 200.0, 200.0),
        ("B", 2022, 2, 400.0, 200.0, 400.0, 400.0),
        ("B", 2023, 3, 600.0, 200.0, 600.0, 600.0),
    ]
    assert out["grade"].to_list() == [None, None, 3, None, 3, 3, 3]  # 200 = Q/n: on pace → 3
    assert out["on_pace"].to_list() == [None, None, True, None, True, True, True]
    assert out["target_met"].to_list() == [None, None, None, None, None, None, True]


def test_an_amount_with_a_missing_year_is_named_and_its_next_year_ungraded() -> None:
    df = pl.DataFrame({"r": ["A", "A"], "year": [2021, 2023], "value": [200.0, 600.0]})
    out, findings = track_amounts(df, AMOUNT, key=["r"])
    assert findings == [
        make("W_TARGET_YEAR_GAP", what="改造产能 / capacity retrofitted", record="A", year=2023)
    ]
    assert findings[0].message_en == (
        "capacity retrofitted: A has no value for the year before 2023: that year's "
        "change and grade are left empty"
    )
    assert out["grade"].to_list() == [None, 3, None]
    assert out["target_met"].to_list() == [None, None, True]


def test_an_amount_needs_a_linear_target_and_its_columns() -> None:
    with pytest.raises(ValueError, match="track_amounts needs a target with path='even_linear'"):
        track_amounts(pl.DataFrame({"r": ["A"], "year": [2021], "value": [1.0]}), UP, key=["r"])
    with pytest.raises(FindingsError) as e:
        track_amounts(pl.DataFrame({"r": ["A"], "year": [2021]}), AMOUNT, key=["r"], value="done")
    assert e.value.findings == [
        make(
            "E_CARBON_COLUMN_MISSING",
            location=Location(column="done"),
            what="改造产能 / capacity retrofitted",
            column="done",
            expected="r, year, done",
        )
    ]


# --- Target and level_target --------------------------------------------------------------------------------------


def test_a_target_needs_its_target_year_strictly_after_its_base_year() -> None:
    with pytest.raises(ValidationError, match="target year 2020 must be after the base year 2020"):
        Target(size=0.1, base_year=2020, target_year=2020)
    assert Target(size=0.1, base_year=2020, target_year=2021).plan_years == 1


def test_a_linear_target_is_a_positive_increasing_amount() -> None:
    msg = "an even_linear target is a positive amount to accumulate"
    with pytest.raises(ValidationError, match=msg):
        Target(
            size=5.0, base_year=2020, target_year=2025, path="even_linear"
        )  # direction decrease by default
    with pytest.raises(ValidationError, match=msg):
        Target(size=-0.5, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    t = Target(size=0.001, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    assert (t.size, t.plan_years) == (0.001, 5)


def test_a_target_defaults() -> None:
    t = Target(size=0.1, base_year=2020, target_year=2025)
    assert (t.direction, t.path, t.label, t.source, t.thresholds) == (
        "decrease",
        "even_geometric",
        "指标 / indicator",
        "",
        Thresholds(),
    )


def test_a_level_to_reach_at_least_or_at_most_and_a_level_already_passed() -> None:
    th = Thresholds(tolerance=0.01)
    up = level_target(
        86, 80, base_year=2020, target_year=2025, label="秸秆 / straw", source="33号", thresholds=th
    )
    # at least 86 from 80: T = 86/80 − 1 = 7.5 %, increase
    assert up == Target(
        size=86 / 80 - 1,
        base_year=2020,
        target_year=2025,
        direction="increase",
        label="秸秆 / straw",
        source="33号",
        thresholds=th,
    )
    # at most 40 from 50: T = 1 − 40/50 = 20 %, decrease
    down = level_target(40, 50, base_year=2021, target_year=2024, at_most=True)
    assert (down.size, down.direction, down.base_year, down.target_year, down.label, down.source) == (
        pytest.approx(0.2),
        "decrease",
        2021,
        2024,
        "指标 / indicator",
        "",
    )
    assert down.thresholds == Thresholds()
    # already past the level (90 ≥ 86; a ceiling of 60 above 50) or exactly at it: nothing more to gain
    assert level_target(86, 90, base_year=2020, target_year=2025).size == 0.0
    assert level_target(60, 50, base_year=2020, target_year=2025, at_most=True).size == 0.0
    assert level_target(80, 80, base_year=2020, target_year=2025).size == 0.0


def test_a_level_needs_a_positive_base_value() -> None:
    for bad in (0.0, -5.0):
        with pytest.raises(
            ValueError, match=f"the base value must be > 0 to set a path to a level, got {bad}"
        ):
            level_target(86, bad, base_year=2020, target_year=2025)
    assert level_target(1.0, 1e-9, base_year=2020, target_year=2025).size == pytest.approx(1e9 - 1)
