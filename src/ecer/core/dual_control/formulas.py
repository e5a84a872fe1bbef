r"""Dual-control formulas, one small function each, with units and sources.

Conventions: energies in tce, GDP in 10⁸ CNY at constant prices of one base year, energy intensity in
tce per 10⁴ CNY; rates are fractions (0.135 = 13.5 %); a *change* is signed (−0.03 = a 3 % fall), a
*reduction* is positive when intensity falls (0.03 = fell 3 %).
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def energy_intensity(energy: float, gdp: float) -> float:
    r"""Energy consumption per unit of GDP (单位GDP能耗).

    .. math:: I = \frac{E}{G \cdot 10^4}

    energy : E [tce]; gdp : G [10⁸ CNY]. Returns I [tce / 10⁴ CNY].

    Reference: 国发〔2021〕33号 二、主要目标 (单位国内生产总值能源消耗).

    >>> energy_intensity(49.8e8, 1015986)  # China 2020 (NBS communiqué): ≈ 0.49 tce per 10⁴ CNY
    0.4902
    """
    return round(energy / (gdp * 1e4), 4) if gdp else math.nan


def intensity_change(energy_0: float, gdp_0: float, energy_t: float, gdp_t: float) -> float:
    r"""Signed change of energy intensity from period 0 to period t.

    .. math:: \Delta I = \frac{E_t / G_t}{E_0 / G_0} - 1 = \frac{1 + g_E}{1 + g_G} - 1

    energy_0, energy_t : assessed energy [tce]; gdp_0, gdp_t : constant-price GDP [10⁸ CNY].
    Returns ΔI [1]; negative when intensity fell.

    Reference: METHODS §5.2 (dI = (1+g_E)/(1+g_GDP) − 1); 发改环资〔2022〕803号 (feedstock leaves E_0 and
    E_t, GDP unchanged).

    >>> round(intensity_change(100, 100, 95, 110), 4)
    -0.1364
    """
    return (energy_t / gdp_t) / (energy_0 / gdp_0) - 1


def growth(x_0: float, x_t: float) -> float:
    r"""Growth rate :math:`g = x_t / x_0 - 1` [1].

    >>> round(growth(200, 210), 10)
    0.05
    """
    return x_t / x_0 - 1


def even_pace_requirement(target: float, years_elapsed: float, plan_years: int = 5) -> float:
    r"""Cumulative reduction required after ``years_elapsed`` years at an even geometric pace.

    .. math:: R_t = 1 - (1 - T)^{t / n}

    target : five-year reduction T [1] (0.135 for the 14th-FYP national target); years_elapsed : t [yr];
    plan_years : n [yr]. Returns R_t [1].

    Reference: 发改环资〔2021〕1310号 第(十三)条 (five-year progress); the even geometric pace is an
    assumption [C] (METHODS §5.2), stated in every report.

    >>> round(even_pace_requirement(0.135, 1), 5)  # the yearly pace of −13.5 % over 5 years
    0.02859
    >>> round(even_pace_requirement(0.135, 5), 6)
    0.135
    """
    return 1 - (1 - target) ** (years_elapsed / plan_years)


def chain_reductions(reductions: Iterable[float]) -> float:
    r"""Cumulative reduction from successive yearly reductions (chaining rule).

    .. math:: D_{cum,t} = 1 - (1 - D_{cum,t-1})(1 - D_t) = 1 - \prod_t (1 - D_t)

    reductions : yearly reductions D_t [1] (positive = fell). Returns D_cum [1].

    Reference: NDRC carbon/energy-intensity assessment chaining rule (METHODS §6.2).

    >>> round(chain_reductions([0.0918, 0.0453, 0.0382, 0.0399, 0.0479]), 4)  # 北京 2016–2020 ≈ 23.8 %
    0.2377
    """
    prod = 1.0
    for d in reductions:
        prod *= 1 - d
    return 1 - prod


def allowed_growth_from_gdp(gdp_growth_plan: float, required_reduction: float) -> float:
    r"""Allowed growth of assessed energy consumption implied by planned GDP growth and the required
    intensity reduction.

    .. math:: g_{E,allowed} = (1 + g_G)(1 - R) - 1

    gdp_growth_plan : g_G [1/yr]; required_reduction : R [1] for the same span. Returns g_E [1].

    Reference: 国发〔2021〕33号 四(一) (年度能源消费总量目标根据地区生产总值增速目标和能耗强度降低基本目标确定).

    >>> round(allowed_growth_from_gdp(0.06, 0.03), 4)
    0.0282
    """
    return (1 + gdp_growth_plan) * (1 - required_reduction) - 1


def allowed_growth_from_cap(base_energy: float, increment_cap: float, plan_years: int = 5) -> float:
    r"""Yearly growth allowed by a five-year increment cap, at an even geometric pace.

    .. math:: g = \left(1 + \frac{\Delta E_{max}}{E_0}\right)^{1/n} - 1

    base_energy : E_0, assessed consumption of the base year [tce]; increment_cap : ΔE_max [tce];
    plan_years : n. Returns g [1/yr].

    Reference: 国发〔2016〕74号 附件 (increment caps); even pace is an assumption [C].

    >>> round(allowed_growth_from_cap(100.0, 10.0), 5)
    0.01924
    """
    return (1 + increment_cap / base_energy) ** (1 / plan_years) - 1


def renewable_increment(r_t: float, r_base: float) -> float:
    r"""Renewable electricity counted as new over the base year, never negative.

    .. math:: \Delta R_t = \max(0, R_t - R_{2020})

    r_t, r_base : renewable electricity consumption of the period and of the same period of the base
    year [MWh or tce, the same for both]. Returns ΔR_t in that unit.

    Reference: 发改运行〔2022〕1258号 (以各地区2020年可再生能源电力消费量为基数 … 新增 … 予以扣除).
    A fall below the base is not added back: exclusions never increase counted energy.

    >>> renewable_increment(120.0, 100.0), renewable_increment(90.0, 100.0)
    (20.0, 0.0)
    """
    return max(0.0, r_t - r_base)
