r"""Energy dual-control formulas, one small function each, with units and sources.

Each is written once over polars expressions (:func:`ecer.core.vector.elementwise`): the assessment pipeline calls
these very functions with columns, the doctests with numbers. Conventions: energies in tce, GDP in 10⁸ CNY at
constant prices of one base year, energy intensity in tce per 10⁴ CNY; rates are fractions (0.135 = 13.5 %).
No rounding: rounding is for rendering.

The progress formulas every target mechanism shares (changes, cumulative reduction, even pace) are in
:mod:`ecer.core.targets.progress`.
"""

from __future__ import annotations

import polars as pl

from ecer.core.vector import Num, elementwise


@elementwise
def energy_intensity(energy: Num, gdp: Num) -> pl.Expr:
    r"""Energy consumption per unit of GDP (单位GDP能耗).

    .. math:: I = \frac{E}{G \cdot 10^4}

    energy : E [tce]; gdp : G [10⁸ CNY]. Returns I [tce / 10⁴ CNY].

    Reference: 国发〔2021〕33号 二、主要目标 (单位国内生产总值能源消耗).

    >>> round(energy_intensity(49.8e8, 1015986), 4)  # China 2020 (NBS communiqué): ≈ 0.49 tce per 10⁴ CNY
    0.4902
    >>> energy_intensity(9100, 10.6)  # tests/handcase.py, 北京 2021
    0.08584905660377358
    """
    return energy / (gdp * 1e4)  # type: ignore[operator, return-value]


@elementwise
def energy_for_intensity(total: Num, feedstock: Num, separately_listed: Num, nonfossil: Num) -> pl.Expr:
    r"""Energy counted in the intensity check after the exclusions of the rule edition.

    .. math:: E^{int} = E - F - S - N

    total : E [tce]; feedstock : F, 原料用能 left out (国发〔2021〕33号 四(一); 发改环资〔2022〕803号: base and target
    year alike) [tce]; separately_listed : S, 能耗单列 projects (发改环资〔2021〕1310号 第(六)条) [tce]; nonfossil : N,
    non-fossil energy left out of total and intensity (发改环资〔2024〕113号: renewables, nuclear …) [tce]. A
    deduction the edition does not make is passed as 0. Returns E^int [tce].

    >>> energy_for_intensity(10600, 1200, 300, 0)  # tests/handcase.py, 北京 2021 under the 2022 edition
    9100.0
    """
    return total - feedstock - separately_listed - nonfossil  # type: ignore[operator, return-value]


@elementwise
def energy_for_total(intensity_energy: Num, renewable_deduction: Num) -> pl.Expr:
    r"""Energy counted in the total check: the intensity energy less new renewable electricity.

    .. math:: E^{tot} = E^{int} - \Delta R \cdot k

    intensity_energy : E^int [tce]; renewable_deduction : ΔR·k, the new renewable electricity in standard coal
    (国发〔2021〕33号 四(一); 发改运行〔2022〕1258号: 在…能源消费总量考核时予以扣除，但仍纳入能耗强度考核) [tce].

    >>> energy_for_total(9100, 1229)
    7871.0
    """
    return intensity_energy - renewable_deduction  # type: ignore[operator, return-value]


@elementwise
def renewable_increment(r_t: Num, r_ref: Num) -> pl.Expr:
    r"""Renewable electricity counted as new over a reference period, never negative.

    .. math:: \Delta R_t = \max(0, R_t - R_{ref})

    r_t, r_ref : renewable electricity consumption of the period and of the reference period [MWh]: the same
    period a year earlier (1258号 as written: "每年较上一年新增") or of the 2020 base (the cumulative reading).
    Returns ΔR_t [MWh]; null when the reference is missing (never taken as zero).

    Reference: 发改运行〔2022〕1258号 (以各地区2020年可再生能源电力消费量为基数，“十四五”期间每年较上一年新增的
    可再生能源电力消费量 … 予以扣除). A fall is not added back: exclusions never increase counted energy.

    >>> renewable_increment(120.0, 100.0), renewable_increment(90.0, 100.0), renewable_increment(90.0, None)
    (20.0, 0.0, None)
    """
    return pl.when(r_ref.is_not_null()).then(  # type: ignore[union-attr]
        pl.max_horizontal(r_t - r_ref, pl.lit(0.0)))  # type: ignore[operator]


@elementwise
def electricity_tce(electricity: Num, factor: Num) -> pl.Expr:
    r"""Electricity in standard coal.

    .. math:: E_{el} = Q \cdot k

    electricity : Q [MWh]; factor : k [tce/MWh] = the coal rate [gce/kWh] ÷ 1000 for the coal-equivalent value
    (等价值, 发电煤耗计算法, as NBS statistics carry primary electricity), or 0.1229 for the calorific value
    (当量值, GB/T 2589). Returns E_el [tce].

    >>> electricity_tce(10000, 0.1229), electricity_tce(10000, 0.3055)
    (1229.0, 3055.0)
    """
    return electricity * factor  # type: ignore[operator, return-value]


@elementwise
def allowed_growth_from_gdp(gdp_growth: Num, required_reduction: Num, years: Num = 1) -> pl.Expr:
    r"""Growth of the assessed total allowed by GDP growth and the required intensity reduction.

    .. math:: g_{E} = (1 + g_G)^{t} (1 - R) - 1

    gdp_growth : g_G, yearly GDP growth [1/yr] (planned, or actual); required_reduction : R, the required
    intensity reduction over the same span [1]; years : t [yr] (1 for a year on the previous one). Returns g_E [1].

    Reference: 国发〔2021〕33号 四(一) (根据地区生产总值增速目标和能耗强度降低基本目标确定年度能源消费总量目标).

    >>> round(allowed_growth_from_gdp(0.06, 0.03), 6), round(allowed_growth_from_gdp(0.08, 0.03), 6)
    (0.0282, 0.0476)
    """
    return (1 + gdp_growth) ** years * (1 - required_reduction) - 1  # type: ignore[operator, return-value]


@elementwise
def allowed_growth_from_cap(base_energy: Num, increment_cap: Num, years: Num = 1, plan_years: Num = 5) -> pl.Expr:
    r"""Growth over ``years`` years allowed by a five-year increment cap, at an even geometric pace.

    .. math:: g = \left(1 + \frac{\Delta E_{max}}{E_0}\right)^{t/n} - 1

    base_energy : E_0, assessed consumption of the base year [tce]; increment_cap : ΔE_max [tce]; years : t;
    plan_years : n. Returns g [1] (per year for t = 1; cumulative since the base year for t > 1).

    Reference: 国发〔2016〕74号 附件 (increment caps); even pace is an assumption [C].

    >>> round(allowed_growth_from_cap(2000.0, 500.0), 6), round(allowed_growth_from_cap(100.0, 10.0, 5), 12)
    (0.04564, 0.1)
    """
    return (1 + increment_cap / base_energy) ** (years / plan_years) - 1  # type: ignore[operator]


@elementwise
def gdp_overshoot(actual_growth: Num, planned_growth: Num) -> pl.Expr:
    r"""How far actual GDP growth exceeded the plan, as a factor on the allowed total (never below 1).

    .. math:: f = \max\left(1, \frac{1 + g_{actual}}{1 + g_{plan}}\right)

    actual_growth, planned_growth : over the same span [1]. Returns f [1]; 1 when either is missing (no
    adjustment can be shown).

    Reference: 国发〔2021〕33号 四(一): "经济增速超过预期目标的地区可相应调整能源消费总量目标".

    >>> round(gdp_overshoot(0.08, 0.06), 6), gdp_overshoot(0.04, 0.06), gdp_overshoot(0.08, None)
    (1.018868, 1.0, 1.0)
    """
    return pl.max_horizontal(pl.lit(1.0), (1 + actual_growth) / (1 + planned_growth)).fill_null(1.0)  # type: ignore[operator]


@elementwise
def adjusted_allowed_growth(allowed_plan: Num, actual_growth: Num, planned_growth: Num) -> pl.Expr:
    r"""Allowed total growth raised for GDP growth above the plan.

    .. math:: g_a = (1 + g_{a,plan}) \cdot \max\left(1, \frac{1 + g_{actual}}{1 + g_{plan}}\right) - 1

    allowed_plan : g_{a,plan}, the allowed growth the plan gives (from planned GDP growth, or from an increment
    cap) [1]; actual_growth, planned_growth : GDP growth [1]. With the allowance from planned GDP growth this is
    :math:`(1 + g_{actual})(1 - R) - 1` when actual growth exceeds the plan: the larger of the two applies.

    Reference: 国发〔2021〕33号 四(一) (经济增速超过预期目标的地区可相应调整能源消费总量目标).

    >>> round(adjusted_allowed_growth(0.0282, 0.08, 0.06), 6)  # plan 6 %, actual 8 %, R 3 % → (1.08)(0.97) − 1
    0.0476
    >>> round(adjusted_allowed_growth(0.0282, 0.05, 0.06), 12)  # below plan: the plan's allowance stands
    0.0282
    """
    return (1 + allowed_plan) * gdp_overshoot(actual_growth, planned_growth) - 1  # type: ignore[operator]
