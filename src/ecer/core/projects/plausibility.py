"""Plausibility of a two-high project's annual comprehensive energy (年综合能源消费量, tce) against its capacity and
design unit-product energy, in the benchmark indicator's unit and on its basis.

.. math::
    E_{exp} = C \\cdot k_C \\cdot e \\cdot f_{tce}, \\qquad r = E / E_{exp}

C : the design capacity with its unit (万吨/年, t/a, t/d …); k_C : what turns one capacity unit into the indicator's
denominator unit per year (万吨 → 10⁴ t; a day-rate × 365, an assumption [C]: continuous operation); e : the design
unit-product energy in the indicator's unit (kgce/t, kgoe/t, kWh/t …); f_tce : tce per indicator unit × denominator
(:func:`ecer.core.benchmark.classify.tce_factor`; electricity at its calorific value, 当量值, as the template asks
for the annual energy); E : the annual energy as given [tce/yr].

Tolerance (``refdata/two_high_rules`` thresholds ``energy_ratio_low`` / ``energy_ratio_high``, ECER assumptions
[C]): r within [0.5, 2]. A project's annual energy is stated at design output, but the energy review's boundary can
include auxiliary and public facilities outside the indicator's, the capacity may be stated for another product
step (cement instead of clinker: clinker ≈ 0.7–0.8 of cement), and comparable (可比) bases correct the raw figure
by a few percent; unit slips are factors of 10³ (kgce for tce) and 10⁴ (万tce for tce, 吨 for 万吨) and fall far
outside. Basis: an indicator per energy factor (炼油 kgoe/(t·能量因数)) needs the refinery's energy factor F, which
the template does not carry; r is then the implied F and must lie in [1, 30] (thresholds ``energy_factor_low`` /
``energy_factor_high``, [C]: the energy factors of refineries are single digits to low tens).

>>> c = consistency(200.0, "万吨/年", 98.0, "kgce/t", 196_000.0, window=(0.5, 2.0))
>>> c.expected_tce, c.ratio, c.consistent
(196000.0, 1.0, True)
>>> slip = consistency(200.0, "万吨/年", 98.0, "kgce/t", 19.6, window=(0.5, 2.0))
>>> slip.consistent, slip.slip_power
(False, -4)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pint

from ecer.core.benchmark.classify import tce_factor
from ecer.units import Q_, parse_unit, ureg

DAYS_PER_YEAR = 365.0  # [C] a day-rate capacity (t/d) runs all year: kilns and furnaces run continuously
ENERGY_FACTOR = "能量因数"
_PERIODS = {"年": 1.0, "a": 1.0, "yr": 1.0, "y": 1.0, "year": 1.0, "日": DAYS_PER_YEAR, "天": DAYS_PER_YEAR,
            "d": DAYS_PER_YEAR, "day": DAYS_PER_YEAR}  # fmt: skip
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}
_AMOUNTS = {"吨": "t", "t": "t", "千克": "kg", "kg": "kg", "平方米": "m**2", "m2": "m**2", "m²": "m**2",
            "重量箱": "count", "箱": "count"}  # fmt: skip


@dataclass(frozen=True)
class Consistency:
    """The comparison: expected annual energy [tce/yr], the ratio given / expected, the window and the verdict.

    ``slip_power``: k when r / 10^k lies in the window for k = ±3 or ±4 (a unit slip), else None."""

    expected_tce: float
    ratio: float
    window: tuple[float, float]
    consistent: bool
    energy_factor_basis: bool
    slip_power: int | None


def capacity_per_year(capacity: float, unit: str) -> pint.Quantity:
    """The capacity as an amount per year (a pint quantity of t, m², count …).

    ``unit``: "<amount>/<period>", the amount with an optional 万/亿/千 prefix (吨, t, 平方米, m2, 重量箱), the period
    年 / a / yr or 日 / d (× 365, [C]). Raises ``ValueError`` naming the unit when it cannot be read.

    >>> capacity_per_year(200.0, "万吨/年").to("t").magnitude, capacity_per_year(600.0, "t/d").to("t").magnitude
    (2000000.0, 219000.0)
    >>> capacity_per_year(1.5, "万m2/a").to("m**2").magnitude
    15000.0
    """
    label = re.sub(r"\s+", "", unit or "")
    amount, sep, period = label.rpartition("/")
    if not sep or period.lower() not in _PERIODS:
        raise ValueError(
            f"产能单位“{unit}”须为“数量/年”或“数量/日” / capacity unit {unit!r} must be amount per year or day"
        )
    mult = 1.0
    if amount[:1] in _MULTIPLIERS:
        mult, amount = _MULTIPLIERS[amount[0]], amount[1:]
    base = _AMOUNTS.get(amount) or _AMOUNTS.get(amount.lower())
    try:
        u = ureg.Unit(base) if base else parse_unit(amount)
    except ValueError:
        raise ValueError(
            f"产能单位“{unit}”的数量单位无法识别 / the amount of capacity unit {unit!r} is unknown"
        ) from None
    return Q_(capacity * mult * _PERIODS[period.lower()], u)


def _denominator(indicator_unit: str) -> pint.Quantity:
    u = parse_unit(indicator_unit)
    d = Q_(1.0, "dimensionless")
    for name, exp in u._units.items():  # pint exposes a unit's factors only here
        if float(exp) < 0:  # type: ignore[arg-type]
            d = d * Q_(1.0, ureg.Unit(name)) ** (-float(exp))  # type: ignore[arg-type]
    return d


def consistency(
    capacity: float,
    capacity_unit: str,
    design: float,
    indicator_unit: str,
    annual_tce: float,
    *,
    window: tuple[float, float],
    energy_factor_window: tuple[float, float] = (1.0, 30.0),
) -> Consistency:
    """Compare the annual energy with capacity × design unit energy (formula and tolerance in the module doc).

    Raises ``ValueError`` (with a bilingual reason) when the capacity's unit cannot be read, does not match the
    indicator's denominator, or the indicator's numerator is not an energy; or when the expected energy is zero.

    >>> c = consistency(100.0, "万吨/年", 8.0, "kgoe/(t·能量因数)", 114_146.4, window=(0.5, 2.0))
    >>> round(c.ratio, 3), c.energy_factor_basis, c.consistent  # implied energy factor 10
    (10.0, True, True)
    """
    amount = capacity_per_year(capacity, capacity_unit)
    f = tce_factor(indicator_unit)
    if f is None:
        raise ValueError(
            f"指标单位 {indicator_unit} 的分子不是能量 / the numerator of {indicator_unit} is not an energy"
        )
    den = _denominator(indicator_unit)
    try:
        n = float(amount.to(den.units).magnitude) / float(den.magnitude)
    except pint.DimensionalityError:
        raise ValueError(
            f"产能单位“{capacity_unit}”与指标单位 {indicator_unit} 的分母不同量纲 / the capacity unit "
            f"'{capacity_unit}' is not an amount of the indicator's denominator ({indicator_unit})"
        ) from None
    expected = n * design * f
    if expected == 0 or not math.isfinite(expected):
        raise ValueError("按产能和设计值推算的能耗为零 / capacity × design energy is zero")
    ratio = annual_tce / expected
    ef_basis = ENERGY_FACTOR in indicator_unit
    lo, hi = energy_factor_window if ef_basis else window
    ok = lo <= ratio <= hi
    slip = None
    if not ok and ratio > 0:
        for k in (4, -4, 3, -3):
            if lo <= ratio / 10.0**k <= hi:
                slip = k
                break
    return Consistency(expected, ratio, (lo, hi), ok, ef_basis, slip)


def likely_cause(c: Consistency) -> tuple[str, str]:
    """The likely cause of an inconsistency, in Chinese and English."""
    if c.slip_power == -4:
        return (
            "年综合能耗疑为按“万吨标准煤”填写（应为吨标准煤），或产能按“吨”填写而单位写成“万吨”",
            "the annual energy looks given in 万tce (10⁴ tce) instead of tce, or the capacity in tonnes under a 万吨 unit",
        )
    if c.slip_power == 4:
        return (
            "产能疑为按“万吨”填写而单位写成“吨”，或年综合能耗单位有误（大了 10⁴ 倍）",
            "the capacity looks given in 万吨 under a tonne unit, or the annual energy is 10⁴ times too large",
        )
    if c.slip_power == 3:
        return (
            "年综合能耗疑为按“千克标准煤”填写（应为吨标准煤）",
            "the annual energy looks given in kgce instead of tce",
        )
    if c.slip_power == -3:
        return (
            "设计单位产品能耗或产能疑有千倍之误（如 kgce 与 tce、吨与千吨混用）",
            "the design unit energy or the capacity looks 10³ times off (kgce vs tce, t vs kt)",
        )
    if c.energy_factor_basis:
        return (
            "隐含的能量因数不合理：核对能量因数口径的设计值、产能和年综合能耗",
            (
                "the implied energy factor is implausible: check the design value on the energy-factor basis, the "
                "capacity and the annual energy"
            ),
        )
    return (
        "口径不一：设计值、产能或年综合能耗有误，或年综合能耗包括了指标范围以外的装置",
        (
            "the figures disagree: the design value, the capacity or the annual energy is wrong, or the annual energy "
            "covers plant outside the indicator's boundary"
        ),
    )


__all__ = ["Consistency", "capacity_per_year", "consistency", "likely_cause"]
