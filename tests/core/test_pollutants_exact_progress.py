"""Progress against percentage targets and key-project quantities (ecer.core.pollutants.progress) compared whole:
every column of hand-worked rows, the grades exactly at the year's share 1/n, the options ``reduction_column`` and
``plan_years``, and each finding's code, location and entire evidence (mutation testing)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.pollutants.progress import (
    PERCENT_COLUMNS,
    QUANTITY_COLUMNS,
    percentage_progress,
    quantity_progress,
)
from ecer.core.targets.barometer import Thresholds
from ecer.findings import FindingsError, Location

TARGETS_WHAT = "减排目标 / targets"
LEDGER_WHAT = "排放台账 / emission ledger"
QUOTA_WHAT = "重点工程减排量 / key-project reductions"


def _rows_close(actual: list[tuple], expected: list[tuple]) -> None:
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected, strict=True):
        assert len(a) == len(e)
        for x, y in zip(a, e, strict=True):
            if isinstance(y, float):
                assert x == pytest.approx(y, abs=1e-6), (a, e)
            else:
                assert x == y, (a, e)


def _ledger(region: str, pollutant: str, levels: list[float], base_year: int = 2020) -> pl.DataFrame:
    """Ledger rows of the years after ``base_year``: levels[0] is the base-year emissions."""
    n = len(levels) - 1
    return pl.DataFrame(
        {
            "region_code": [region] * n,
            "pollutant": [pollutant] * n,
            "year": list(range(base_year + 1, base_year + 1 + n)),
            "base_year": [base_year] * n,
            "base_emissions": [levels[0]] * n,
            "emissions_prev": levels[:-1],
            "emissions": levels[1:],
        }
    )


# T = 19 % over n = 2 years: R_1 = 1 − 0.81^(1/2) = 1 − 0.9 = 0.1, R_2 = 0.19, clipped at 0.19 after 2022
TARGET_19 = pl.DataFrame(
    {"pollutant": ["COD"], "target_reduction": [0.19], "base_year": [2020], "target_year": [2022]}
)


def test_a_percentage_target_over_two_years_is_tracked_column_for_column() -> None:
    out, findings = percentage_progress(_ledger("A", "COD", [1000.0, 880.0, 820.0, 830.0]), TARGET_19)
    assert findings == []
    assert out.columns == PERCENT_COLUMNS
    expected = [
        # 2021: ΔE = 880/1000 − 1 = −0.12, D = 0.12 ≥ R_1 = 0.1 → on pace, p = 1.2, the fall 0.12 ≥ 0.1 → 三级 green
        (
            "A",
            "COD",
            2021,
            2020,
            2022,
            1,
            1000.0,
            1000.0,
            880.0,
            0.19,
            -0.12,
            0.12,
            0.1,
            0.1,
            1.2,
            True,
            None,
            3,
            "green",
        ),
        # 2022 (the target year): ΔE = 820/880 − 1 = −0.0681818 < 0.1 → 二级 yellow; D = 0.18 < 0.19 → not met,
        # p = 0.18/0.19 = 0.947368
        (
            "A",
            "COD",
            2022,
            2020,
            2022,
            2,
            1000.0,
            880.0,
            820.0,
            0.19,
            -0.0681818,
            0.18,
            0.1,
            0.19,
            0.947368,
            False,
            False,
            2,
            "yellow",
        ),
        # 2023, after the plan: ΔE = 830/820 − 1 = 0.0121951, D = 0.17, p = 0.17/0.19 = 0.894737; not graded
        (
            "A",
            "COD",
            2023,
            2020,
            2022,
            3,
            1000.0,
            820.0,
            830.0,
            0.19,
            0.0121951,
            0.17,
            0.1,
            0.19,
            0.894737,
            False,
            None,
            None,
            "grey",
        ),
    ]
    _rows_close(out.rows(), expected)
    assert out.schema["grade"] == pl.Int8 and out.schema["years_elapsed"] == pl.Int64


def test_a_percentage_target_met_exactly_at_its_target_year() -> None:
    # D_2022 = 1 − 810/1000 = 0.19 = T → met (D + ε ≥ T); a fall 810/900 − 1 = −0.1 = R_1 exactly → green
    out, _ = percentage_progress(_ledger("A", "COD", [1000.0, 900.0, 810.0]), TARGET_19)
    assert out.select("year", "target_met", "on_pace", "grade").rows() == [
        (2021, None, True, 3),
        (2022, True, True, 3),
    ]


def test_a_national_target_applies_to_every_region_and_region_targets_to_their_own() -> None:
    led = pl.concat([_ledger("B", "COD", [500.0, 450.0]), _ledger("A", "COD", [1000.0, 950.0])])
    out, findings = percentage_progress(led, TARGET_19)
    # A: −5 % < 10 % → yellow; B: −10 % ≥ 10 % → green
    assert findings == []
    _rows_close(out.select("region_code", "change_yoy", "grade").rows(), [("A", -0.05, 2), ("B", -0.1, 3)])
    # a target for B only (T = 5 %, n = 1: R_1 = 0.05): A is not compared and is named
    tg = pl.DataFrame(
        {
            "region_code": ["B"],
            "pollutant": ["COD"],
            "target_reduction": [0.05],
            "base_year": [2020],
            "target_year": [2021],
        }
    )
    out, findings = percentage_progress(led, tg)
    _rows_close(
        out.select("region_code", "required_annual", "reduction_cumulative", "target_met", "grade").rows(),
        [("B", 0.05, 0.1, True, 3)],
    )
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "I_POLLUTANT_NO_TARGET",
            "info",
            {"what": "百分比目标 / percentage target", "count": 1, "series": "A COD"},
        )
    ]


def test_series_without_a_percentage_target_are_counted_and_named_in_order() -> None:
    # NOx of B and of A have no target (COD only), nor has A COD with base year 2015 (the target's is 2020)
    led = pl.concat(
        [
            _ledger("B", "NOx", [10.0, 9.0]),
            _ledger("A", "COD", [1000.0, 950.0], base_year=2015),
            _ledger("A", "NOx", [10.0, 9.0]),
            _ledger("A", "COD", [1000.0, 950.0]),
        ]
    )
    out, findings = percentage_progress(led, TARGET_19)
    assert out.select("region_code", "pollutant", "year").rows() == [("A", "COD", 2021)]
    (f,) = findings
    assert f.evidence == {
        "what": "百分比目标 / percentage target",
        "count": 3,
        "series": "A COD, A NOx, B NOx",
    }
    assert f.message_zh == "3 个地区污染物序列没有百分比目标，未作比较：A COD, A NOx, B NOx"


def test_a_ledger_row_of_the_base_year_is_replaced_by_the_base_emissions() -> None:
    # the ledger repeats 2020 with 990 t; the level of 2020 is base_emissions = 1000: D_2021 = 1 − 900/1000 = 0.1
    led = pl.concat(
        [
            _ledger("A", "COD", [1000.0, 990.0]).with_columns(year=pl.lit(2020, pl.Int64)),
            _ledger("A", "COD", [1000.0, 900.0]),
        ]
    )
    out, _ = percentage_progress(led, TARGET_19)
    _rows_close(
        out.select("year", "years_elapsed", "reduction_cumulative", "change_yoy").rows(),
        [(2020, 0, 0.0, None), (2021, 1, 0.1, -0.1)],
    )


def test_the_percentage_thresholds_are_passed_to_the_grades() -> None:
    # a fall of 9.99 % against R_1 = 10 %: yellow by default, green when the tolerance is 10⁻³
    led = _ledger("A", "COD", [1000.0, 900.1])
    assert percentage_progress(led, TARGET_19)[0]["grade"].to_list() == [2]
    loose = Thresholds(tolerance=1e-3)
    out, _ = percentage_progress(led, TARGET_19, thresholds=loose)
    assert out["grade"].to_list() == [3] and out["on_pace"].to_list() == [True]


def test_no_comparable_series_gives_the_percentage_columns_typed_and_empty() -> None:
    out, findings = percentage_progress(_ledger("A", "NOx", [10.0, 9.0]), TARGET_19)
    assert out.height == 0 and out.columns == PERCENT_COLUMNS
    assert out.schema["grade"] == pl.Int8 and out.schema["color"] == pl.String
    assert [f.evidence["series"] for f in findings] == ["A NOx"]


def test_missing_target_columns_are_each_named() -> None:
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger("A", "COD", [1.0, 1.0]), TARGET_19.drop("base_year", "target_year"))
    assert [(f.code, f.location, f.evidence) for f in e.value.findings] == [
        (
            "E_POLLUTANT_COLUMN_MISSING",
            Location(column=c),
            {
                "what": TARGETS_WHAT,
                "column": c,
                "expected": "pollutant, target_reduction, base_year, target_year",
            },
        )
        for c in ("base_year", "target_year")
    ]


def test_a_target_that_cannot_be_tracked_names_its_region_and_an_empty_target_year() -> None:
    tg = pl.DataFrame(
        {
            "region_code": ["A", "B", "C"],
            "pollutant": ["COD", "COD", "COD"],
            "target_reduction": [math.nan, -0.999, 0.1],
            "base_year": [2020, 2020, 2020],
            "target_year": [2025, None, 2019],
        }
    )
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger("A", "COD", [1.0, 1.0]), tg)
    year_detail = "须为晚于基年 2020 的年份 / must be a year after the base year 2020"
    fs = e.value.findings
    # NaN is not above −1 (refused); −0.999 is (accepted); a missing target year is shown as "—"
    assert [(f.code, f.location) for f in fs] == [
        ("E_POLLUTANT_VALUE_INVALID", Location(row=1, column="target_reduction")),
        ("E_POLLUTANT_VALUE_INVALID", Location(row=2, column="target_year")),
        ("E_POLLUTANT_VALUE_INVALID", Location(row=3, column="target_year")),
    ]
    assert math.isnan(fs[0].evidence["value"])
    assert {k: v for k, v in fs[0].evidence.items() if k != "value"} == {
        "what": TARGETS_WHAT,
        "record": "A COD 2020",
        "column": "target_reduction",
        "detail": "须为大于 −1 的比例 / must be a fraction above −1",
    }
    assert [f.evidence for f in fs[1:]] == [
        {
            "what": TARGETS_WHAT,
            "record": "B COD 2020",
            "column": "target_year",
            "value": "—",
            "detail": year_detail,
        },
        {
            "what": TARGETS_WHAT,
            "record": "C COD 2020",
            "column": "target_year",
            "value": 2019,
            "detail": year_detail,
        },
    ]


def test_a_refused_target_is_located_on_its_row_of_the_table_given() -> None:
    # row 1 has no percentage (not a percentage target, left out); row 2 has T = −2: it is row 2 of the table
    tg = pl.DataFrame(
        {
            "pollutant": ["COD", "COD"],
            "target_reduction": [None, -2.0],
            "base_year": [2020, 2020],
            "target_year": [2022, 2022],
        }
    )
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger("A", "COD", [1.0, 1.0]), tg)
    assert [f.location for f in e.value.findings] == [Location(row=2, column="target_reduction")]


# --- key-project quantities --------------------------------------------------------------------------------------------


def _reductions(
    region: str, values: list[float], *, column: str = "reduction_total", first: int = 2021
) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame(
        {
            "region_code": [region] * n,
            "pollutant": ["COD"] * n,
            "year": list(range(first, first + n)),
            "base_year": [2020] * n,
            column: values,
        }
    )


def _quota(region: str, assigned: float, target_year: int = 2025, base_year: int = 2020) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "region_code": [region],
            "pollutant": ["COD"],
            "assigned": [assigned],
            "base_year": [base_year],
            "target_year": [target_year],
        }
    )


def test_a_key_project_quantity_is_tracked_column_for_column() -> None:
    # Q = 1000 t, n = 5: required Q·min(t, 5)/5 = 200, 400, 600, 800, 1000, 1000; the year's share is graded
    # against 1/5 = 0.2. The ledger is given in reverse order: the cumulative sums follow the years.
    led = _reductions("A", [300.0, 100.0, -50.0, 200.0, 250.0, 80.0]).reverse()
    out, findings = quantity_progress(led, _quota("A", 1000.0))
    assert findings == [] and out.columns == QUANTITY_COLUMNS
    expected = [
        # A = 300 → remaining 700, share 0.3, p = 300/200 = 1.5, 0.3 ≥ 0.2 on pace; −300/1000 = −0.3, a cut ≥ 0.2 → 3
        (
            "A",
            "COD",
            2021,
            2020,
            2025,
            1,
            1000.0,
            300.0,
            300.0,
            200.0,
            700.0,
            0.3,
            1.5,
            True,
            None,
            3,
            "green",
        ),
        # A = 400 = 400 required: p = 1, on pace exactly; the year's 100 t = 0.1 < 0.2 → 二级
        (
            "A",
            "COD",
            2022,
            2020,
            2025,
            2,
            1000.0,
            100.0,
            400.0,
            400.0,
            600.0,
            0.4,
            1.0,
            True,
            None,
            2,
            "yellow",
        ),
        # −50 t: the year's net reductions negative → 一级 red; A = 350, p = 350/600 = 0.583333
        (
            "A",
            "COD",
            2023,
            2020,
            2025,
            3,
            1000.0,
            -50.0,
            350.0,
            600.0,
            650.0,
            0.35,
            0.583333,
            False,
            None,
            1,
            "red",
        ),
        # 200 t = Q/5 exactly: 三级; A = 550, p = 550/800 = 0.6875
        (
            "A",
            "COD",
            2024,
            2020,
            2025,
            4,
            1000.0,
            200.0,
            550.0,
            800.0,
            450.0,
            0.55,
            0.6875,
            False,
            None,
            3,
            "green",
        ),
        # the target year: A = 800 < Q → not met; p = 0.8
        (
            "A",
            "COD",
            2025,
            2020,
            2025,
            5,
            1000.0,
            250.0,
            800.0,
            1000.0,
            200.0,
            0.8,
            0.8,
            False,
            False,
            3,
            "green",
        ),
        # after the plan: nothing achieved is counted, nothing graded; the requirement stays at Q
        (
            "A",
            "COD",
            2026,
            2020,
            2025,
            6,
            1000.0,
            80.0,
            None,
            1000.0,
            None,
            None,
            None,
            None,
            None,
            None,
            "grey",
        ),
    ]
    _rows_close(out.rows(), expected)
    assert out.schema["years_elapsed"] == pl.Int64 and out.schema["grade"] == pl.Int8


def test_a_quantity_met_exactly_at_the_target_year_and_a_base_year_row_is_not_graded() -> None:
    # Q = 600, n = 3 (plan_years), target 2023: 200 t a year = Q/3 → green each year, A_2023 = 600 = Q → met
    led = pl.concat([_reductions("A", [0.0], first=2020), _reductions("A", [200.0, 200.0, 200.0])])
    out, _ = quantity_progress(led, _quota("A", 600.0, target_year=2023), plan_years=3)
    _rows_close(
        out.select(
            "year", "years_elapsed", "achieved_cumulative", "required_cumulative", "progress_ratio"
        ).rows(),
        [
            (2020, 0, None, 0.0, None),
            (2021, 1, 200.0, 200.0, 1.0),
            (2022, 2, 400.0, 400.0, 1.0),
            (2023, 3, 600.0, 600.0, 1.0),
        ],
    )
    assert out.select("on_pace", "target_met", "grade", "color").rows() == [
        (None, None, None, "grey"),
        (True, None, 3, "green"),
        (True, None, 3, "green"),
        (True, True, 3, "green"),
    ]


def test_the_plan_length_sets_the_pace_and_the_years_share() -> None:
    # Q = 1000, 250 t in the first year: with n = 4 the pace is 250 (on pace, the share 0.25 = 1/4 → green);
    # with the default n = 5 the pace is 200 (p = 1.25) and 0.25 ≥ 0.2 → green; with n = 2 the pace is 500
    # (p = 0.5, behind) and 0.25 < 0.5 → yellow
    led = _reductions("A", [250.0])
    rows = {
        n: quantity_progress(led, _quota("A", 1000.0), plan_years=n)[0]
        .select("required_cumulative", "progress_ratio", "on_pace", "grade")
        .row(0)
        for n in (2, 4, 5)
    }
    assert rows == {2: (500.0, 0.5, False, 2), 4: (250.0, 1.0, True, 3), 5: (200.0, 1.25, True, 3)}


def test_the_reduction_column_can_be_a_key_project_column() -> None:
    led = _reductions("A", [999.0]).with_columns(key_projects=pl.lit(120.0))
    out, _ = quantity_progress(led, _quota("A", 1000.0), reduction_column="key_projects")
    # 120 t of key projects, not the 999 t total: share 0.12 < 0.2 → yellow, p = 120/200 = 0.6
    assert out.select("reduction_year", "achieved_cumulative", "progress_ratio", "grade").rows() == [
        (120.0, 120.0, 0.6, 2)
    ]


def test_the_quantity_thresholds_are_passed_to_the_grades() -> None:
    # a year's net rise of 5 t of Q = 1000 (share −0.005): red by default, yellow when rises count above 1 %
    led = _reductions("A", [-5.0])
    assert quantity_progress(led, _quota("A", 1000.0))[0]["grade"].to_list() == [1]
    out, _ = quantity_progress(led, _quota("A", 1000.0), thresholds=Thresholds(intensity_rise=0.01))
    assert out["grade"].to_list() == [2]


def test_two_regions_accumulate_apart_and_are_sorted_by_region() -> None:
    led = pl.concat([_reductions("B", [10.0, 20.0]), _reductions("A", [30.0, 40.0])])
    q = pl.concat([_quota("B", 100.0), _quota("A", 1000.0)])
    out, _ = quantity_progress(led, q)
    assert out.select("region_code", "year", "achieved_cumulative", "remaining").rows() == [
        ("A", 2021, 30.0, 970.0),
        ("A", 2022, 70.0, 930.0),
        ("B", 2021, 10.0, 90.0),
        ("B", 2022, 30.0, 70.0),
    ]


def test_series_without_an_assignment_are_named_also_when_the_base_year_differs() -> None:
    led = pl.concat([_reductions("B", [1.0]), _reductions("A", [1.0]), _reductions("C", [1.0])])
    q = pl.concat([_quota("A", 100.0, base_year=2015), _quota("C", 100.0)])
    out, findings = quantity_progress(led, q)
    assert out["region_code"].to_list() == ["C"]
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "I_POLLUTANT_NO_TARGET",
            "info",
            {"what": "重点工程减排量 / key-project reduction", "count": 2, "series": "A COD, B COD"},
        )
    ]


def test_assignments_not_above_zero_are_each_refused_with_their_record() -> None:
    q = pl.concat([_quota("A", -5.0), _quota("B", 1.0), _quota("C", 0.0)]).vstack(
        _quota("D", 1.0).with_columns(assigned=pl.lit(None, pl.Float64))
    )
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions("A", [1.0]), q)
    assert [(f.code, f.location, f.evidence) for f in e.value.findings] == [
        (
            "E_POLLUTANT_VALUE_INVALID",
            Location(column="assigned"),
            {
                "what": QUOTA_WHAT,
                "record": f"{r} COD",
                "column": "assigned",
                "value": v,
                "detail": "须大于 0 / must be > 0",
            },
        )
        for r, v in (("A", -5.0), ("C", 0.0), ("D", None))
    ]


def test_an_assignment_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(FindingsError):
        quantity_progress(_reductions("A", [1.0]), _quota("A", math.nan))


def test_missing_columns_of_the_ledger_and_of_the_assignments_are_named() -> None:
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions("A", [1.0]).drop("base_year"), _quota("A", 1.0))
    assert [f.evidence for f in e.value.findings] == [
        {
            "what": LEDGER_WHAT,
            "column": "base_year",
            "expected": "region_code, pollutant, year, base_year, reduction_total",
        }
    ]
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions("A", [1.0]), _quota("A", 1.0).drop("assigned", "target_year"))
    assert [(f.location, f.evidence) for f in e.value.findings] == [
        (
            Location(column=c),
            {
                "what": QUOTA_WHAT,
                "column": c,
                "expected": "region_code, pollutant, assigned, base_year, target_year",
            },
        )
        for c in ("assigned", "target_year")
    ]
