r"""Reduction accounting by type, new increments and the emission balance of total-emission control (总量减排核算).

One small function per formula, each written once over polars expressions (:func:`ecer.core.vector.elementwise`):
the ledger (:mod:`ecer.core.pollutants.ledger`) calls them with columns, the doctests with numbers. Units: masses in
tonnes [t], volumes in m³, concentrations in mg/L (= g/m³), efficiencies and rates as fractions (0.8 = 80 %),
populations in persons, per-capita coefficients in g/(person·d). The pint versions
(:func:`sewage_plant_removal_q`) take quantities in any unit and return tonnes.

Source of the method: 《"十二五"主要污染物总量减排核算细则》 (MEP, 2011), as summarised in METHODS §3.2 — the
balance E_t = E_{t−1} + ΔE_new − ΔE_cut with ΔE_cut = R_engineering + R_structural + R_management. Items marked
[M] there (the sewage-plant and efficiency formulas, the per-capita increment) are from domain memory and must be
checked against the 细则 text; the structural rule and the management start month are [V]. The 14th-FYP
accounting guide (国发〔2021〕33号 四(二): "制定核算技术指南") was not available.
"""

from __future__ import annotations

import pint
import polars as pl

from ecer.core.vector import Num, elementwise
from ecer.units import Q_, Quantity

MG_PER_L_TIMES_M3_IN_T: float = float((Q_(1.0, "mg/L") * Q_(1.0, "m**3")).to("t").magnitude)
"""1 mg/L × 1 m³ in tonnes (= 10⁻⁶), derived with pint rather than typed in."""
G_IN_T: float = float(Q_(1.0, "g").to("t").magnitude)
"""1 g in tonnes (= 10⁻⁶)."""
MONTHS_PER_YEAR = 12


# --- engineering reductions (工程减排) -------------------------------------------------------------------------------


@elementwise
def sewage_removal(volume: Num, c_in: Num, c_out: Num) -> pl.Expr:
    r"""Pollutant removed by a sewage plant over a period.

    .. math:: M = V \cdot (C_{in} - C_{out}) \cdot 10^{-6}

    volume : V, sewage treated in the period [m³]; c_in, c_out : C_in, C_out, mean influent and effluent
    concentrations of the pollutant (COD or NH3-N) [mg/L]. Returns M [t] (10⁻⁶ = 1 mg/L·m³ in t, from pint).

    Reference: METHODS §3.2, 工程减排, sewage plants R = Q·(C_in − C_out)·10⁻⁶ [M] (十二五 核算细则).

    >>> round(sewage_removal(10_000 * 365, 250, 50), 9)  # 10⁴ m³/d all year, COD 250 → 50 mg/L
    730.0
    """
    return volume * (c_in - c_out) * MG_PER_L_TIMES_M3_IN_T  # type: ignore[operator, return-value]


def sewage_plant_removal_q(
    flow: Quantity, c_in: Quantity, c_out: Quantity, period: Quantity | None = None
) -> Quantity:
    r""":func:`sewage_removal` on pint quantities in any unit: the flow as a volume, or as a rate with its period.

    .. math:: M = Q \cdot t \cdot (C_{in} - C_{out})

    flow : Q, a volume [m³, 万m3 …] or a volume rate [m³/d, 万m3/d …]; c_in, c_out : concentrations [mg/L, g/m³ …];
    period : t [d, a …], required with a rate and refused with a volume. Returns M as a quantity in [t]. A unit of
    the wrong dimension raises ``ValueError`` naming it.

    Reference: as :func:`sewage_removal`.

    >>> m = sewage_plant_removal_q(Q_(1, "wan_m3/day"), Q_(250, "mg/L"), Q_(50, "mg/L"), Q_(365, "day"))
    >>> round(float(m.magnitude), 9), str(m.units)
    (730.0, 'metric_ton')
    >>> round(float(sewage_plant_removal_q(Q_(3.65, "yi_m3"), Q_(0.025, "g/L"), Q_(5, "mg/L")).magnitude), 9)  # 3.65·10⁸ m³ × 20 g/m³
    7300.0
    """
    volume = flow if period is None else flow * period
    try:
        removed = (volume * (c_in - c_out)).to("t")
    except pint.DimensionalityError as exc:
        raise ValueError(
            f"sewage removal needs a volume (or a volume rate with its period) and two concentrations "
            f"(mass per volume); got flow {flow.units}, period {None if period is None else period.units}, "
            f"c_in {c_in.units}, c_out {c_out.units}"
        ) from exc
    return removed


@elementwise
def removal_increase(removed_t: Num, removed_prev: Num) -> pl.Expr:
    r"""Engineering reduction of a facility in year t: what it removed beyond the previous year.

    .. math:: R_{eng} = M_t - M_{t-1}

    removed_t, removed_prev : pollutant removed by the facility in year t and t−1 [t] (0 for a new plant's first
    year before). Returns R_eng [t]; signed: a plant that removed less than the year before gives a negative
    reduction (more emissions), which the ledger reports (``W_POLLUTANT_NEGATIVE_REDUCTION``).

    Reference: METHODS §3.2, sewage plants "counted as the increase over the previous year's removal" [M].

    >>> removal_increase(730, 584), removal_increase(730, 0), removal_increase(500, 584)
    (146.0, 730.0, -84.0)
    """
    return removed_t - removed_prev  # type: ignore[operator, return-value]


@elementwise
def efficiency_raise(
    generated: Num, eta_t: Num, eta_prev: Num, run_t: Num = 1.0, run_prev: Num = 1.0
) -> pl.Expr:
    r"""Engineering reduction from raising a treatment facility's removal efficiency (or its operating rate).

    .. math:: R_{eng} = G_t \cdot (\eta_t \, r_t - \eta_{t-1} \, r_{t-1})

    generated : G_t, the pollutant generated (产生量) at the facility in year t [t] (e.g. NOx: activity × emission
    factor; coal SO2: fuel × S × 1.6); eta_t, eta_prev : removal efficiency η in years t and t−1 [1];
    run_t, run_prev : the share of the year the facility ran (投运率) [1], 1 by default. Returns R_eng [t].

    Reference: METHODS §3.2, desulfurisation/denitrification R = fuel·S·1.6·(η_t − η_{t−1}); NOx: emission factor ×
    (efficiency × operating rate) [M] (十二五 核算细则).

    >>> round(efficiency_raise(1000, 0.8, 0.5), 9)  # NOx generated 1000 t, η 50 % → 80 %
    300.0
    >>> round(efficiency_raise(1000, 0.8, 0.5, 0.9, 1.0), 9)  # ran 90 % of the year: 1000 × (0.72 − 0.50)
    220.0
    """
    return generated * (eta_t * run_t - eta_prev * run_prev)  # type: ignore[operator, return-value]


# --- structural reductions (结构减排) -------------------------------------------------------------------------------


@elementwise
def structural_reduction(prev_emissions: Num, current_emissions: Num = 0.0) -> pl.Expr:
    r"""Structural reduction of a closed or eliminated plant (or line).

    .. math:: R_{str} = E^{plant}_{t-1} - E^{plant}_t

    prev_emissions : the plant's previous-year emissions in the environmental-statistics database [t];
    current_emissions : its actual emissions in year t [t], 0 once it is closed. Returns R_str [t], counted in the
    year of the closure only (the years after start from emissions without the plant).

    Reference: METHODS §3.2, 结构减排 [V] (http://www.sfmzp.com/article-5225-6.html): "the plant's previous-year
    emissions in the environmental-statistics database − its actual current emissions".

    >>> structural_reduction(120), structural_reduction(120, 20)  # closed; a line closed, 20 t still emitted
    (120.0, 100.0)
    """
    return prev_emissions - current_emissions  # type: ignore[operator, return-value]


# --- management reductions (管理减排) -------------------------------------------------------------------------------


@elementwise
def counted_months(
    stable_year: Num, stable_month: Num, year: Num, through_month: Num = 12, lag_months: Num = 1
) -> pl.Expr:
    r"""Months of ``year`` (up to ``through_month``) in which a management reduction counts.

    Rule: a measure is counted "from the second month after stable operation" [V]. ECER reads this as: the month in
    which stable operation is reached is the first month; counting starts ``lag_months`` (1) calendar months later.
    With stable operation in month m of year y_s, counting starts in month k = m + lag_months of y_s (carried into
    the next year past December); the months counted in year Y through month M are

    .. math:: n = \min(M, \max(0, M - (k - 1) - 12 (Y - y_s)))  \quad\text{clipped to } [0, M]

    i.e. 0 before the start, M − k + 1 in the start year, M in later years. stable_year [yr], stable_month 1–12,
    year [yr], through_month M 1–12 (12 for a year, 6 for the half-year accounting), lag_months [month]
    (pass 2 for the reading "two months after"). Returns n [month].

    Reference: METHODS §3.2, 管理减排 "Counted from the second month after stable operation" [V]
    (http://www.sfmzp.com/article-5225-6.html); the reading of "second month" is ECER's [C], stated in docs/pollutants.md.

    >>> counted_months(2022, 3, 2022), counted_months(2022, 3, 2022, 6), counted_months(2022, 3, 2023)
    (9.0, 3.0, 12.0)
    >>> counted_months(2022, 12, 2022), counted_months(2022, 12, 2023, 6), counted_months(2023, 1, 2022)
    (0.0, 6.0, 0.0)
    >>> counted_months(2022, 3, 2022, lag_months=2)  # the other reading: from May
    8.0
    """
    start = stable_month + lag_months  # type: ignore[operator]
    n = through_month - (start - 1) + MONTHS_PER_YEAR * (year - stable_year)  # type: ignore[operator]
    return pl.min_horizontal(pl.max_horizontal(n, pl.lit(0.0)), through_month)


@elementwise
def management_reduction(annual_reduction: Num, months: Num) -> pl.Expr:
    r"""Management reduction counted in a period: the full-year reduction pro-rated by the months counted.

    .. math:: R_{man} = R^{year}_{man} \cdot n / 12

    annual_reduction : R^year, the reduction the measure gives over a full year of operation (removing a flue-gas
    bypass, an added catalyst layer, a higher operating rate) [t/a]; months : n from :func:`counted_months` [month].
    Returns R_man [t], the measure's effect within the period (against no measure). Pro-rating by whole months is
    ECER's reading [C] (the 细则 counts from a month, not a day). The ledger's balance needs the increment over the
    year before: :func:`management_increment`.

    Reference: METHODS §3.2, 管理减排 [V/M].

    >>> management_reduction(120, counted_months(2022, 3, 2022))  # stable in March 2022: April–December
    90.0
    >>> management_reduction(120, counted_months(2022, 3, 2022, 6))  # the 2022 half-year: April–June
    30.0
    """
    return annual_reduction * months / MONTHS_PER_YEAR  # type: ignore[operator, return-value]


@elementwise
def management_increment(
    annual_reduction: Num,
    stable_year: Num,
    stable_month: Num,
    year: Num,
    through_month: Num = 12,
    lag_months: Num = 1,
) -> pl.Expr:
    r"""Management reduction a measure adds in ``year`` over the same period of the year before — what the balance
    counts, since E_t is accounted from E_{t−1}.

    .. math:: \Delta R_{man,Y} = R^{year}_{man} \cdot (n_Y - n_{Y-1}) / 12

    with n from :func:`counted_months` (same ``through_month`` and ``lag_months``). annual_reduction : R^year [t/a].
    Returns ΔR [t]. Over the years the increments add up to R^year once (stable in month m: (12 − m)/12 in the start
    year, m/12 the year after, 0 later): counting the full-year reduction every year would count it again each year
    — the 重复计算 国发〔2021〕33号 四(二) tells the checks to look for.

    Reference: METHODS §3.2 (management from the second month after stable operation [V]; the balance [M]).

    >>> [management_increment(60, 2023, 7, y) for y in (2023, 2024, 2025)]  # Aug–Dec, then Jan–Jul, then nothing
    [25.0, 35.0, 0.0]
    """
    now = counted_months(stable_year, stable_month, year, through_month, lag_months)
    before = counted_months(stable_year, stable_month, year - 1, through_month, lag_months)  # type: ignore[operator]
    return annual_reduction * (now - before) / MONTHS_PER_YEAR


# --- new emissions (新增量) ----------------------------------------------------------------------------------------


@elementwise
def domestic_generation(population: Num, coefficient: Num, days: Num = 365) -> pl.Expr:
    r"""Pollutant generated by a resident population over a year.

    .. math:: G = P \cdot e \cdot d \cdot 10^{-6}

    population : P, urban resident population [persons]; coefficient : e, per-capita generation coefficient
    [g/(person·d)] (a local rule quotes 70 g COD/person/day); days : d [d], 365 (366 in a leap year if the rule
    says so). Returns G [t] (10⁻⁶ = 1 g in t, from pint).

    Reference: METHODS §3.2, 新增量, urban domestic COD/NH3-N [M]; coefficient 70 g/person/day
    (http://www.fsou.net/html/text/lar/170179/17017993_7.html [V]).

    >>> round(domestic_generation(1_000_000, 70), 9)  # a city of a million, COD 70 g per person and day
    25550.0
    """
    return population * coefficient * days * G_IN_T  # type: ignore[operator, return-value]


@elementwise
def domestic_increment(pop_t: Num, coef_t: Num, pop_prev: Num, coef_prev: Num, days: Num = 365) -> pl.Expr:
    r"""New urban domestic emissions of year t over year t−1 (新增量).

    .. math:: \Delta E_{new} = (P_t e_t - P_{t-1} e_{t-1}) \cdot 365 \cdot 10^{-6}

    pop_t, pop_prev : urban resident population P [persons]; coef_t, coef_prev : per-capita coefficient e
    [g/(person·d)]; days [d]. Returns ΔE_new [t]; negative when the population (or its coefficient) fell.

    Reference: METHODS §3.2, 新增量 [M].

    >>> round(domestic_increment(1_020_000, 70, 1_000_000, 70), 9)  # +20 000 residents × 70 g × 365 d
    511.0
    """
    generated_t = domestic_generation(pop_t, coef_t, days)
    generated_prev = domestic_generation(pop_prev, coef_prev, days)
    return generated_t - generated_prev


# --- the balance ---------------------------------------------------------------------------------------------------


@elementwise
def total_cut(engineering: Num, structural: Num, management: Num) -> pl.Expr:
    r"""Reductions of a year by all three kinds.

    .. math:: \Delta E_{cut} = R_{eng} + R_{str} + R_{man}

    engineering, structural, management : the year's reductions by kind [t]. Returns ΔE_cut [t].

    Reference: METHODS §3.2, balance [M].

    >>> total_cut(146, 120, 90)
    356.0
    """
    return engineering + structural + management  # type: ignore[operator, return-value]


@elementwise
def emission_balance(prev_emissions: Num, new_emissions: Num, cut: Num) -> pl.Expr:
    r"""Emissions of year t from year t−1, the new emissions and the reductions (总量减排核算 balance).

    .. math:: E_t = E_{t-1} + \Delta E_{new} - \Delta E_{cut}

    prev_emissions : E_{t−1} [t]; new_emissions : ΔE_new [t]; cut : ΔE_cut [t]. Returns E_t [t].

    Reference: METHODS §3.2, balance [M] (十二五 核算细则: 新增量, 削减量, 排放量).

    >>> emission_balance(10_000, 511, 356)
    10155.0
    """
    return prev_emissions + new_emissions - cut  # type: ignore[operator, return-value]
