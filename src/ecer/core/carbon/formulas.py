r"""CO2 from energy, one small function per formula, each written once over polars expressions
(:func:`ecer.core.vector.elementwise`): the accounting (:mod:`ecer.core.carbon.accounting`) calls them with columns,
the doctests with numbers. The pint versions (:func:`combustion_co2_q`) take quantities in any unit.

Units: activities in the factor's unit (t, 10⁴ m³, MWh, GJ); NCV in GJ per that unit; carbon content in tC/GJ;
oxidation as a fraction (0.93 = 93 %); CO2 in tonnes; GDP in 10⁸ CNY at constant prices.

Source of the method: IPCC 2006 Vol. 2 ch. 2 (tier 2); 《省级温室气体清单编制指南（试行）》 (2011) and the NDRC enterprise
guidelines (发改办气候〔2013〕2526号 and after), as reprinted with their default parameters by 鲁环发〔2022〕4号 附录2
(METHODS §6.2): E = AD × NCV × CC × OF × 44/12.
"""

from __future__ import annotations

import pint
import polars as pl

from ecer.core.vector import Num, elementwise
from ecer.units import Q_, Quantity

CO2_PER_C: float = 44.0 / 12.0
"""Mass of CO2 per mass of carbon, 44/12, as the guidance writes it (molar masses rounded to 44 and 12)."""
T_PER_TJ_IN_T_PER_GJ: float = float(Q_(1.0, "t/TJ").to("t/GJ").magnitude)
"""1 tC/TJ in tC/GJ (= 10⁻³), derived with pint rather than typed in."""


@elementwise
def fuel_emission_factor(ncv: Num, carbon_content: Num, oxidation: Num) -> pl.Expr:
    r"""CO2 emission factor of a fuel per unit of activity.

    .. math:: EF = NCV \cdot CC \cdot OF \cdot \tfrac{44}{12}

    ncv : NCV, net calorific value [GJ per activity unit, e.g. GJ/t, GJ/10⁴ m³]; carbon_content : CC, carbon per unit
    heat [tC/GJ]; oxidation : OF, carbon oxidation rate [1]. Returns EF [tCO2 per activity unit].

    Reference: 鲁环发〔2022〕4号 附录2 (公式 and 表2-3); IPCC 2006 Vol. 2 eq. 2.1 with the oxidation factor.

    >>> round(fuel_emission_factor(19.570, 0.0261, 0.93), 6)  # 烟煤 (表2-3): 19.570 × 0.0261 = 0.510777; × 0.93 = 0.475023; × 44/12
    1.74175
    """
    return ncv * carbon_content * oxidation * CO2_PER_C  # type: ignore[operator, return-value]


@elementwise
def combustion_co2(activity: Num, ncv: Num, carbon_content: Num, oxidation: Num) -> pl.Expr:
    r"""CO2 from burning a fossil fuel.

    .. math:: E = AD \cdot NCV \cdot CC \cdot OF \cdot \tfrac{44}{12}

    activity : AD, fuel burnt [t, 10⁴ m³ … the unit the NCV is per]; ncv [GJ per activity unit]; carbon_content
    [tC/GJ]; oxidation [1]. Returns E [tCO2].

    Reference: as :func:`fuel_emission_factor`.

    >>> round(combustion_co2(1000, 19.570, 0.0261, 0.93), 4)  # 1000 t 烟煤 → 1741.7496 tCO2
    1741.7496
    """
    return activity * fuel_emission_factor(ncv, carbon_content, oxidation)


def combustion_co2_q(activity: Quantity, ncv: Quantity, carbon_content: Quantity, oxidation: float) -> Quantity:
    r""":func:`combustion_co2` on pint quantities in any unit.

    .. math:: E = AD \cdot NCV \cdot CC \cdot OF \cdot \tfrac{44}{12}

    activity : AD [t, 万吨, m³ …]; ncv : NCV [energy per the activity's dimension: GJ/t, MJ/kg, GJ/wan_m3 …];
    carbon_content : CC, mass of carbon per energy [t/TJ, t/GJ, kg/GJ …]; oxidation : OF [1]. Returns E as a quantity
    in [t] (of CO2). A unit of the wrong dimension raises ``ValueError`` naming it.

    >>> e = combustion_co2_q(Q_(0.1, "wan_t"), Q_(19.570, "GJ/t"), Q_(26.1, "t/TJ"), 0.93)
    >>> round(float(e.magnitude), 4), str(e.units)
    (1741.7496, 'metric_ton')
    """
    try:
        carbon = (activity * ncv * carbon_content).to("t")
    except pint.DimensionalityError as exc:
        raise ValueError(
            f"combustion CO2 needs an activity, an NCV (energy per activity) and a carbon content (mass per energy); "
            f"got {activity.units}, {ncv.units}, {carbon_content.units}"
        ) from exc
    return carbon * oxidation * CO2_PER_C


@elementwise
def indirect_co2(activity: Num, factor: Num) -> pl.Expr:
    r"""CO2 of purchased electricity or heat (or any activity with a direct factor).

    .. math:: E = AD \cdot EF

    activity : AD, net purchased electricity [MWh] or heat [GJ]; factor : EF [tCO2/MWh = kgCO2/kWh, or tCO2/GJ].
    Returns E [tCO2]; negative for a net export (净调出), which provincial accounting counts as such.

    Reference: 环办气候〔2021〕9号 attachment 2 §7.1.1 ("购入使用电量乘以电网排放因子"); MEE/NBS grid factors
    (table ``grid_co2_factors``); heat 0.11 tCO2/GJ (table ``carbon_indirect_factors``: 鲁环发〔2022〕4号 表2-5, citing
    GB/T 32151.5).

    >>> round(indirect_co2(10_000, 0.5568), 6)  # 10 000 MWh × 0.5568 tCO2/MWh (2021 national average)
    5568.0
    >>> round(indirect_co2(2_000, 0.11), 6)  # 2 000 GJ of heat
    220.0
    """
    return activity * factor  # type: ignore[operator, return-value]


@elementwise
def carbon_intensity(co2: Num, gdp: Num) -> pl.Expr:
    r"""CO2 emissions per unit of GDP (单位国内生产总值二氧化碳排放).

    .. math:: C = \frac{E}{G \cdot 10^4}

    co2 : E [tCO2]; gdp : G, at constant prices of the plan's base year [10⁸ CNY]. Returns C [tCO2 / 10⁴ CNY], the
    unit the energy intensity uses (tce / 10⁴ CNY), so the two read side by side.

    Reference: 国发〔2021〕23号 二、主要目标 (单位国内生产总值二氧化碳排放比2020年下降18%).

    >>> carbon_intensity(2_000_000, 1000)  # 2 Mt over 10¹¹ CNY (10⁷ × 10⁴ CNY) = 0.2 t per 10⁴ CNY
    0.2
    """
    return co2 / (gdp * 1e4)  # type: ignore[operator, return-value]
