"""Formulas of benchmarking a production unit against its field's 标杆 (benchmark) and 基准 (baseline) levels.

Each formula takes numbers or polars expressions (:func:`ecer.core.vector.elementwise`). ``lower_is_better`` is the
indicator's direction (``direction == "lower_is_better"``); every shipped indicator is a consumption per unit of
product, where lower is better, and negative values (the converter's −30 kgce/t: net energy recovered) are real
values on the same scale — never flipped by sign.

Boundaries, as the texts word them (发改产业〔2021〕1464号 附件1/2 二(一): "能效达到标杆水平和低于基准水平的企业";
发改产业〔2022〕200号 一、基本情况: "能效优于标杆水平的产能", "能效低于基准水平的产能"; 发改产业〔2021〕1609号 三:
"改造升级到基准水平以上"): a value that *reaches* the benchmark (equal to it) is at benchmark (标杆); a value equal
to the baseline has reached the baseline and is *not* below it; only a value worse than the baseline is 基准以下.

>>> classify_value(100.0, 100.0, 117.0, True), classify_value(117.0, 100.0, 117.0, True)
('benchmark', 'between')
>>> classify_value(117.5, 100.0, 117.0, True), classify_value(-30.0, -30.0, -10.0, True)
('below_baseline', 'benchmark')
"""

from __future__ import annotations

from typing import cast

import polars as pl

from ecer.core.vector import Flag, Num, elementwise

BENCHMARK = "benchmark"
BETWEEN = "between"
BELOW_BASELINE = "below_baseline"
NO_LEVEL = "no_level"
NO_VALUE = "no_value"
CLASSES: tuple[str, ...] = (BENCHMARK, BETWEEN, BELOW_BASELINE)
"""The three classes, best first (rank 0, 1, 2)."""
CLASS_ZH: dict[str, str] = {
    BENCHMARK: "标杆水平",
    BETWEEN: "标杆与基准之间",
    BELOW_BASELINE: "基准水平以下",
    NO_LEVEL: "无对应水平（缺口）",
    NO_VALUE: "无数值",
}
LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"


def _x(a: object) -> pl.Expr:
    """Inside an :func:`elementwise` formula every argument is already an expression."""
    return cast(pl.Expr, a)


@elementwise
def classify_value(value: Num, benchmark: Num, baseline: Num, lower_is_better: Flag) -> pl.Expr:
    r"""Class of a unit-product energy value against the two levels.

    value, benchmark, baseline : in the indicator's unit (e.g. kgce/t); any sign.
    lower_is_better : the indicator's direction.

    .. math::
        \text{lower is better: } c = \begin{cases} \text{benchmark} & v \le B \\
        \text{below\_baseline} & v > L \\ \text{between} & \text{otherwise} \end{cases}

    and mirrored (``≥ B``, ``< L``) when higher is better. The benchmark test comes first, so when a table gives
    equal levels a value equal to both is at benchmark. A missing value gives None.

    Source: 发改产业〔2021〕1464号 附件1/2 二(一) ("达到标杆水平", "低于基准水平"); 发改产业〔2021〕1609号 三.

    >>> classify_value(-20.0, -30.0, -10.0, True), classify_value(-5.0, -30.0, -10.0, True)
    ('between', 'below_baseline')
    >>> classify_value(None, 100.0, 117.0, True) is None
    True
    """
    v, b, s, lib = _x(value), _x(benchmark), _x(baseline), _x(lower_is_better)
    at_benchmark = pl.when(lib).then(v <= b).otherwise(v >= b)
    below = pl.when(lib).then(v > s).otherwise(v < s)
    return (
        pl.when(v.is_null() | b.is_null() | s.is_null())
        .then(pl.lit(None, dtype=pl.Utf8))
        .when(at_benchmark)
        .then(pl.lit(BENCHMARK))
        .when(below)
        .then(pl.lit(BELOW_BASELINE))
        .otherwise(pl.lit(BETWEEN))
    )


@elementwise
def gap_to_level(value: Num, level: Num, lower_is_better: Flag) -> pl.Expr:
    r"""Improvement still needed to reach a level, in the indicator's unit.

    .. math:: g = v - \ell \ \text{(lower is better)}, \qquad g = \ell - v \ \text{(higher is better)}

    Positive: the unit is worse than the level by ``g``; zero or negative: it has reached or passed it.
    Units: those of the indicator (kgce/t, kWh/t ...).

    >>> gap_to_level(120.0, 100.0, True), gap_to_level(-20.0, -30.0, True), gap_to_level(95.0, 100.0, True)
    (20.0, 10.0, -5.0)
    """
    v, lv = _x(value), _x(level)
    return pl.when(_x(lower_is_better)).then(v - lv).otherwise(lv - v)


@elementwise
def gap_percent(value: Num, level: Num, lower_is_better: Flag) -> pl.Expr:
    r"""The gap to a level as a percentage of the level's magnitude.

    .. math:: g_\% = 100 \cdot g / |\ell|

    The magnitude keeps the sign of ``g`` meaningful for negative levels (converter −30 kgce/t: a unit at −20 is
    10 kgce/t, 33.3 %, short of it). None when the level is zero.

    >>> round(gap_percent(120.0, 100.0, True), 6), round(gap_percent(-20.0, -30.0, True), 4)
    (20.0, 33.3333)
    """
    lv = _x(level)
    gap = _x(gap_to_level(value, level, lower_is_better))
    return pl.when(lv == 0).then(pl.lit(None, dtype=pl.Float64)).otherwise(gap * 100.0 / lv.abs())


@elementwise
def saving_if_at_level(value: Num, level: Num, output: Num, lower_is_better: Flag) -> pl.Expr:
    r"""Yearly saving if the unit reached a level, in the indicator's numerator unit (kgce, kgoe, kWh ...).

    .. math:: S = \max(v - \ell, 0) \cdot Q

    value, level : [numerator/denominator unit of the indicator, e.g. kgce/t]; output Q : the year's output in the
    indicator's denominator unit (t, m², 重量箱, t·能量因数). Zero when the unit is already at or better than the
    level; None without a value or a level (no saving can be worked out, never a zero). Defined for lower-is-better
    indicators (consumption per product); None otherwise.
    Multiply by :func:`ecer.core.benchmark.classify.tce_factor` for tce.

    >>> saving_if_at_level(120.0, 100.0, 1000.0, True), saving_if_at_level(95.0, 100.0, 1000.0, True)
    (20000.0, 0.0)
    """
    gap = _x(value) - _x(level)
    return (
        pl.when(_x(lower_is_better))
        .then(gap.clip(lower_bound=0.0) * _x(output))  # a null gap stays null
        .otherwise(pl.lit(None, dtype=pl.Float64))
    )


def class_rank(cls: str | None) -> int | None:
    """0 for 标杆, 1 between, 2 below baseline (higher is worse); None for no class.

    >>> [class_rank(c) for c in ("benchmark", "between", "below_baseline", None)]
    [0, 1, 2, None]
    """
    return CLASSES.index(cls) if cls in CLASSES else None
