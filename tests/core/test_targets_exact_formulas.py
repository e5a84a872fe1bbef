"""The formulas under every target (ecer.core.targets.progress, .barometer, .assessment): values at, and just either
side of, each threshold; every default and option; every combination of the assessment's outcomes.

Hand values: 0.81^(1/2) = 0.9; 1.21^(1/2) = 1.1; 0.9^(1/5)… avoided — the default n = 5 is checked with T such
that (1 − T)^(1/5) is exact: 1 − 0.67232 = 0.8^5 → R_1 = 1 − 0.8 = 0.2; 1.48832 = 1.08^5 → growth R_1 = 0.08.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.targets import progress as pg
from ecer.core.targets.assessment import intensity_outcome, total_exempt, total_outcome
from ecer.core.targets.barometer import COLORS, Thresholds, intensity_grade, total_grade

# --- progress -----------------------------------------------------------------------------------------------------


def test_changes_and_reductions_by_hand() -> None:
    assert pg.relative_change(30.0, 20.0) == pytest.approx(0.5)  # 30/20 − 1
    assert pg.relative_change(15.0, 20.0) == pytest.approx(-0.25)
    assert pg.cumulative_reduction(15.0, 20.0) == pytest.approx(0.25)  # 1 − 15/20
    assert pg.cumulative_reduction(30.0, 20.0) == pytest.approx(-0.5)


def test_the_even_paces_with_the_default_five_years_and_with_two() -> None:
    # 1 − (1 − 0.67232)^(1/5) = 1 − 0.8 = 0.2; t = 2: 1 − 0.64 = 0.36
    assert pg.even_pace_requirement(1 - 0.8**5, 1) == pytest.approx(0.2)
    assert pg.even_pace_requirement(1 - 0.8**5, 2) == pytest.approx(0.36)
    assert pg.even_pace_requirement(0.19, 1, 2) == pytest.approx(0.1)
    # (1 + 0.4693280768)^(1/5) − 1 = 1.08 − 1; t = 3 of 5: 1.08³ − 1 = 0.259712
    assert pg.even_pace_growth(1.08**5 - 1, 1) == pytest.approx(0.08)
    assert pg.even_pace_growth(1.08**5 - 1, 3) == pytest.approx(0.259712)
    assert pg.even_pace_growth(0.21, 1, 2) == pytest.approx(0.1)
    # linear: 600 × 2 / 5 = 240 by default; 600 × 2 / 3 = 400
    assert pg.even_linear_requirement(600, 2) == pytest.approx(240.0)
    assert pg.even_linear_requirement(600, 2, 3) == pytest.approx(400.0)


def test_progress_ratio_only_when_something_is_required() -> None:
    assert pg.progress_ratio(0.03, 0.04) == pytest.approx(0.75)
    assert pg.progress_ratio(-0.01, 0.04) == pytest.approx(-0.25)
    assert pg.progress_ratio(0.03, 0.0) is None
    assert pg.progress_ratio(0.03, -0.02) is None


def test_target_met_and_growth_within_at_the_edge_and_with_a_tolerance() -> None:
    assert pg.target_met(0.04, 0.04) is True
    assert pg.target_met(0.04 - 1e-8, 0.04) is False  # beyond the default tolerance 1e-9
    assert pg.target_met(0.04 - 5e-10, 0.04) is True  # within it
    assert pg.target_met(0.03, 0.04, 0.01) is True and pg.target_met(0.029, 0.04, 0.01) is False
    assert pg.target_met(0.03, None) is None
    assert pg.growth_within(0.05, 0.05) is True
    assert pg.growth_within(0.05 + 1e-8, 0.05) is False
    assert pg.growth_within(0.05 + 5e-10, 0.05) is True
    assert pg.growth_within(0.06, 0.05, 0.01) is True and pg.growth_within(0.061, 0.05, 0.01) is False
    assert pg.growth_within(None, 0.05) is None


def test_chained_reductions_by_hand() -> None:
    # 1 − (1 − 0.1)(1 − 0.2)(1 + 0.05) = 1 − 0.9 × 0.8 × 1.05 = 1 − 0.756 = 0.244
    assert pg.chain_reductions([0.1, 0.2, -0.05]) == pytest.approx(0.244)
    assert pg.chain_reductions([]) == 0.0


# --- barometer ----------------------------------------------------------------------------------------------------


def test_intensity_grades_at_and_around_each_edge() -> None:
    # red above a rise of 0 (+tol), yellow for a fall short of R = 3 %, green from exactly 3 %
    assert [intensity_grade(c, 0.03) for c in (0.001, 1e-10, 0.0, -0.0299, -0.03, -0.05)] == [
        1,
        2,
        2,
        2,
        3,
        3,
    ]
    assert intensity_grade(None, 0.03) is None
    assert intensity_grade(float("nan"), 0.03) is None
    assert intensity_grade(0.01, None) == 1  # a rise is red whatever the requirement
    assert intensity_grade(-0.01, None) is None  # a fall with nothing to compare it with


def test_intensity_grade_thresholds_are_settings() -> None:
    th = Thresholds(intensity_rise=0.02, tolerance=0.005)
    # a rise is red only above 2 % + 0.5 %; a fall counts as on pace from R − 0.5 %
    assert [intensity_grade(c, 0.03, thresholds=th) for c in (0.026, 0.024, -0.024, -0.026)] == [1, 2, 2, 3]


def test_total_grades_at_and_around_each_edge() -> None:
    # allowed 3 %, margin 1 point: ≤ 3 % green, ≤ 4 % yellow, above red
    assert [total_grade(g, 0.03) for g in (0.03, 0.0301, 0.04, 0.0401)] == [3, 2, 2, 1]
    assert total_grade(None, 0.03) is None and total_grade(0.03, None) is None
    assert total_grade(float("nan"), 0.03) is None and total_grade(0.03, float("nan")) is None
    th = Thresholds(total_red_margin=0.02, tolerance=0.001)
    assert [total_grade(g, 0.03, thresholds=th) for g in (0.031, 0.032, 0.051, 0.052)] == [3, 2, 2, 1]


def test_thresholds_defaults_and_colours() -> None:
    assert Thresholds().model_dump() == {"intensity_rise": 0.0, "total_red_margin": 0.01, "tolerance": 1e-9}
    assert COLORS == {1: "red", 2: "yellow", 3: "green"}


# --- assessment ---------------------------------------------------------------------------------------------------


def flag(x: bool | None) -> pl.Expr:
    """A boolean that may be null (a bare None would be read as a float)."""
    return pl.lit(x, pl.Boolean)


def value(e: pl.Expr) -> object:
    return pl.select(e).item()


@pytest.mark.parametrize(
    ("annual", "progress", "counts", "want"),
    [
        (True, False, True, "met"),
        (True, None, False, "met"),
        (False, True, True, "met_by_progress"),
        (None, True, True, "met_by_progress"),
        (False, True, False, "not_met"),
        (False, False, True, "not_met"),
        (False, None, True, "not_met"),
        (None, False, True, None),
        (None, True, False, None),
        (None, None, True, None),
    ],
)
def test_intensity_outcome_in_a_plan_year(
    annual: bool | None, progress: bool | None, counts: bool, want: str | None
) -> None:
    assert (
        value(intensity_outcome(flag(annual), flag(progress), progress_counts=counts, five_year=False))
        == want
    )


@pytest.mark.parametrize(
    ("annual", "progress", "want"),
    [(True, True, "met"), (False, True, "met"), (True, False, "not_met"), (True, None, None)],
)
def test_intensity_outcome_in_the_five_year_assessment(
    annual: bool, progress: bool | None, want: str | None
) -> None:
    assert (
        value(intensity_outcome(flag(annual), flag(progress), progress_counts=False, five_year=True)) == want
    )


def test_total_exemption_and_outcome() -> None:
    assert total_exempt(True, exemption_ruled=True, five_year=True, pro_rata=False) is True
    assert total_exempt(True, exemption_ruled=False, five_year=True, pro_rata=True) is False
    assert total_exempt(False, exemption_ruled=True, five_year=True, pro_rata=True) is False
    assert value(total_exempt(flag(None), exemption_ruled=True, five_year=True, pro_rata=True)) is False
    assert total_exempt(True, exemption_ruled=True, five_year=False, pro_rata=False) is False
    assert total_exempt(True, exemption_ruled=True, five_year=False, pro_rata=True) is True
    assert total_outcome(True, True, exempt=True, progress_counts=True, five_year=False) == "exempt"
    assert (
        total_outcome(False, True, exempt=False, progress_counts=True, five_year=False) == "met_by_progress"
    )
    assert total_outcome(False, True, exempt=False, progress_counts=False, five_year=False) == "not_met"
    assert total_outcome(False, True, exempt=False, progress_counts=False, five_year=True) == "met"


def test_grade_edges_are_exact_with_binary_exact_thresholds() -> None:
    # quarters are exact in binary, so the edges meet exactly: rise 0.5 + tol 0.25 = 0.75
    th = Thresholds(intensity_rise=0.5, total_red_margin=0.25, tolerance=0.25)
    assert intensity_grade(0.75, 1.0, thresholds=th) == 2  # a change of exactly rise + tol is not a rise
    assert intensity_grade(0.875, 1.0, thresholds=th) == 1
    assert intensity_grade(-0.75, 1.0, thresholds=th) == 3  # −Δ + tol = 1.0 is not short of R = 1.0
    assert intensity_grade(-0.625, 1.0, thresholds=th) == 2
    assert total_grade(1.0, 0.5, thresholds=th) == 2  # exactly allowed + margin + tol = 1.0: still 二级
    assert total_grade(1.125, 0.5, thresholds=th) == 1
    assert total_grade(0.75, 0.5, thresholds=th) == 3  # exactly allowed + tol: 三级
