r"""Progress against a five-year target: changes, cumulative reduction, the even pace, the chaining rule.

Conventions: rates are fractions (0.135 = 13.5 %); a *change* is signed (−0.03 = a 3 % fall); a *reduction* is
positive when the indicator falls (0.03 = fell 3 %). No rounding here: rounding is for rendering.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from ecer.core.vector import Num, elementwise


@elementwise
def relative_change(x_t: Num, x_0: Num) -> pl.Expr:
    r"""Signed relative change from period 0 to period t (a growth rate, or an intensity change).

    .. math:: g = x_t / x_0 - 1

    x_t, x_0 : the indicator in periods t and 0 [any unit, the same for both]. Returns g [1].

    Reference: METHODS §5.2 (dI = (1+g_E)/(1+g_GDP) − 1 is the change of E/G).

    >>> round(relative_change(210, 200), 10), round(relative_change(0.0858491, 0.09), 6)
    (0.05, -0.046121)
    """
    return x_t / x_0 - 1  # type: ignore[operator, return-value]


@elementwise
def cumulative_reduction(x_t: Num, x_0: Num) -> pl.Expr:
    r"""Reduction of an indicator from the plan's base period 0 to period t.

    .. math:: D = 1 - x_t / x_0

    x_t, x_0 : the indicator (energy or carbon intensity) [any unit, the same for both]. Returns D [1];
    positive when the indicator fell.

    Reference: 国发〔2021〕33号 二 (单位国内生产总值能源消耗比2020年下降13.5%); 发改环资〔2022〕803号 (the decline
    rate compares the target year with the base year).

    >>> round(cumulative_reduction(0.0858491, 0.09), 6)
    0.046121
    """
    return 1 - x_t / x_0  # type: ignore[operator, return-value]


@elementwise
def even_pace_requirement(target: Num, years_elapsed: Num, plan_years: Num = 5) -> pl.Expr:
    r"""Cumulative reduction required after ``years_elapsed`` years at an even geometric pace.

    .. math:: R_t = 1 - (1 - T)^{t / n}

    target : five-year reduction T [1] (0.135 for the 14th-FYP national target); years_elapsed : t [yr];
    plan_years : n [yr]. Returns R_t [1].

    Reference: 发改环资〔2021〕1310号 第(十三)条 (五年规划当期进度目标); the even geometric pace is an
    assumption [C] (METHODS §5.2, docs/decisions/0001 item 7), stated in every report.

    >>> round(even_pace_requirement(0.135, 1), 6)  # the yearly pace of −13.5 % over 5 years
    0.028589
    >>> round(even_pace_requirement(0.135, 5), 12), round(even_pace_requirement(0.16, 1), 6)
    (0.135, 0.03427)
    """
    return 1 - (1 - target) ** (years_elapsed / plan_years)  # type: ignore[operator]


@elementwise
def even_pace_growth(target: Num, years_elapsed: Num, plan_years: Num = 5) -> pl.Expr:
    r"""Cumulative rise required after ``years_elapsed`` years at an even geometric pace, for an indicator that must
    go *up* (a share, a coverage rate): the mirror of :func:`even_pace_requirement`.

    .. math:: R_t = (1 + T)^{t / n} - 1

    target : five-year rise T [1] (0.10 = up 10 % on the base year); years_elapsed : t [yr]; plan_years : n [yr].
    Returns R_t [1]. The even geometric pace is ECER's assumption [C], as for a reduction.

    >>> round(even_pace_growth(0.10, 5), 12), round(even_pace_growth(0.10, 1), 6)
    (0.1, 0.019245)
    """
    return (1 + target) ** (years_elapsed / plan_years) - 1  # type: ignore[operator]


@elementwise
def even_linear_requirement(target: Num, years_elapsed: Num, plan_years: Num = 5) -> pl.Expr:
    r"""Cumulative amount required after ``years_elapsed`` years at an even *linear* pace, for a target that is an
    amount to accumulate from the base year (capacity retrofitted, units set up, kilometres of pipe laid).

    .. math:: R_t = Q \cdot t / n

    target : the amount Q [the amount's unit, e.g. 亿吨, 家, 万公里]; years_elapsed : t [yr]; plan_years : n [yr].
    Returns R_t [the amount's unit]. An amount has no geometric pace (it starts from zero), so the even pace is linear:
    ECER's assumption [C], as for the key-project reduction quantities (METHODS §3.1), stated in every output.

    >>> even_linear_requirement(2000, 2), even_linear_requirement(5.3, 5)  # 国发〔2021〕33号 三(六), 三(一)
    (800.0, 5.3)
    """
    return target * years_elapsed / plan_years  # type: ignore[operator, return-value]


@elementwise
def progress_ratio(achieved: Num, required: Num) -> pl.Expr:
    r"""Share of the required cumulative reduction achieved (进度完成率).

    .. math:: p = D_t / R_t  \quad (R_t > 0)

    achieved : D_t [1]; required : R_t [1]. Returns p [1]; null when nothing is required yet (R_t ≤ 0).

    >>> round(progress_ratio(0.046122, 0.028589), 4), progress_ratio(0.01, 0.0)
    (1.6133, None)
    """
    return pl.when(required > 0).then(achieved / required)  # type: ignore[operator]


@elementwise
def target_met(achieved: Num, required: Num, tolerance: Num = 1e-9) -> pl.Expr:
    r"""Whether an achieved reduction meets a required one: :math:`D + \varepsilon \ge R`.

    achieved, required : reductions [1]; tolerance : ε [1] for rounding. Returns True/False, or null when
    either is missing.

    >>> target_met(0.046122, 0.028589), target_met(0.0188, 0.028589), target_met(None, 0.03)
    (True, False, None)
    """
    return pl.when(achieved.is_not_null() & required.is_not_null()).then(  # type: ignore[union-attr]
        achieved + tolerance >= required)  # type: ignore[operator]


@elementwise
def growth_within(growth: Num, allowed: Num, tolerance: Num = 1e-9) -> pl.Expr:
    r"""Whether a growth stays within the allowed growth: :math:`g \le g_a + \varepsilon`.

    growth, allowed : [1]. Returns True/False, or null when either is missing.

    >>> growth_within(0.0476, 0.0476), growth_within(0.05, 0.0476), growth_within(0.05, None)
    (True, False, None)
    """
    return pl.when(growth.is_not_null() & allowed.is_not_null()).then(  # type: ignore[union-attr]
        growth <= allowed + tolerance)  # type: ignore[operator]


def chain_reductions(reductions: Iterable[float]) -> float:
    r"""Cumulative reduction from successive yearly reductions (chaining rule).

    .. math:: D_{cum,t} = 1 - (1 - D_{cum,t-1})(1 - D_t) = 1 - \prod_t (1 - D_t)

    reductions : yearly reductions D_t [1] (positive = fell). Returns D_cum [1]. The assessment computes the
    cumulative reduction from the base year's level directly (:func:`cumulative_reduction`), which equals this
    chain of its yearly changes; use this to read published yearly rates.

    Reference: NDRC carbon/energy-intensity assessment chaining rule (METHODS §6.2).

    >>> round(chain_reductions([0.0918, 0.0453, 0.0382, 0.0399, 0.0479]), 4)  # 北京 2016–2020 ≈ 23.8 %
    0.2377
    """
    prod = 1.0
    for d in reductions:
        prod *= 1 - d
    return 1 - prod
