"""The early-warning barometer (预警晴雨表): three grades for an intensity and for a total.

The barometer warns; it does not assess. A period is graded against its progress requirement only:

* 一级 (red): 能耗强度不降反升 — the intensity rose;
* 二级 (yellow): 降低率未达到进度要求 — it fell less than required;
* 三级 (green): the rest (on pace).

Source: 发改办环资〔2021〕629号 (as reposted, POLICY_RULES.md §h); 发改环资〔2021〕1310号 第(十五)条; colours as
provinces use them (江西 526号 (八), 河南 豫政办〔2021〕65号). What counts as meeting the annual target — five-year
progress (1310号 第(十三)条), the incentive exemption (第(九)条) — belongs to the assessment
(:mod:`ecer.core.targets.assessment`), never to these grades.

The criterion for the total's grades was never published, so its margin is a setting.
"""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from ecer.core.vector import Num, elementwise

COLORS = {1: "red", 2: "yellow", 3: "green"}


class Thresholds(BaseModel):
    """Configurable thresholds of the barometer.

    intensity_rise : a change above this counts as a rise (一级) [1]; 0 by the 2021 notice.
    total_red_margin : growth more than this above the allowed growth is 一级 (red), up to it 二级 [1].
        Not published by NDRC; default 0.01 (one percentage point) is our assumption [C].
    tolerance : rounding tolerance for comparisons [1].
    """

    model_config = ConfigDict(frozen=True)

    intensity_rise: float = 0.0
    total_red_margin: float = Field(0.01, ge=0)
    tolerance: float = 1e-9


DEFAULT_THRESHOLDS = Thresholds()


@elementwise
def intensity_grade(change: Num, required_reduction: Num, *, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pl.Expr:
    """Grade the change of an intensity over the same period a year earlier.

    change : signed change ΔI [1]; required_reduction : the period's required reduction R [1] (the year's annual
    target, or the even pace of the five-year target). Returns 1, 2, 3, or None when there is no change to grade
    (or nothing to compare a fall with).

    >>> intensity_grade(0.004, 0.03), intensity_grade(-0.01, 0.03), intensity_grade(-0.035, 0.03)
    (1, 2, 3)
    >>> intensity_grade(-0.03, 0.03), intensity_grade(0.0, 0.03), intensity_grade(None, 0.03)
    (3, 2, None)
    """
    tol = thresholds.tolerance
    return (
        pl.when(change.is_null() | change.is_nan()).then(None)  # type: ignore[union-attr]
        .when(change > thresholds.intensity_rise + tol).then(1)  # type: ignore[operator]
        .when(required_reduction.is_null()).then(None)  # type: ignore[union-attr]
        .when(-change + tol < required_reduction).then(2)  # type: ignore[operator]
        .otherwise(3).cast(pl.Int8)
    )


@elementwise
def total_grade(energy_growth: Num, allowed_growth: Num, *, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pl.Expr:
    """Grade the growth of the assessed total against the allowed growth.

    energy_growth, allowed_growth : [1]. Up to the allowed growth 三级; up to ``total_red_margin`` above it
    二级; beyond 一级. Returns 1, 2, 3 or None when either is missing.

    >>> total_grade(0.05, 0.03), total_grade(0.035, 0.03), total_grade(0.02, 0.03), total_grade(0.04, 0.03)
    (1, 2, 3, 2)
    >>> total_grade(0.0476, 0.0476), total_grade(None, 0.03)
    (3, None)
    """
    tol, margin = thresholds.tolerance, thresholds.total_red_margin
    return (
        pl.when(energy_growth.is_null() | allowed_growth.is_null()  # type: ignore[union-attr]
                | energy_growth.is_nan() | allowed_growth.is_nan()).then(None)  # type: ignore[union-attr]
        .when(energy_growth <= allowed_growth + tol).then(3)  # type: ignore[operator]
        .when(energy_growth <= allowed_growth + margin + tol).then(2)  # type: ignore[operator]
        .otherwise(1).cast(pl.Int8)
    )


def color_of(grade: pl.Expr) -> pl.Expr:
    """The colour of a grade column: red, yellow, green; grey when ungraded."""
    return grade.replace_strict(COLORS, default="grey", return_dtype=pl.String)
