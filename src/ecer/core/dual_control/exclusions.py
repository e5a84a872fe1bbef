r"""Exclusions from dual-control accounting by rule edition (vectorised over a polars frame).

For one rule edition r and each region-period row (tce unless noted), with k the row's electricity factor
[tce/MWh] on the basis its totals carry primary electricity (:func:`assign_electricity_factors`):

* feedstock F (原料用能) leaves total and intensity when r.feedstock = ``exclude_total_and_intensity``
  (国发〔2021〕33号 四(一); 发改环资〔2022〕803号: base and target year alike, GDP unchanged);
* separately listed national projects S (能耗单列) leave both (发改环资〔2021〕1310号 第(六)条); their value
  added V leaves GDP only when r.separately_listed_remove_value_added (a choice; 津发改双碳〔2022〕93号 does);
* renewable electricity R [MWh]:
  - ``increment_total_only``: the new renewable electricity ΔR leaves the *total* only (33号 四(一); 1258号,
    仍纳入能耗强度考核). ΔR is counted per r.renewable_increment_reading: ``previous_year`` (1258号 as written,
    "每年较上一年新增": ΔR = max(0, R_t − R_{t−1}), deducted from the year's total, which is compared with the
    previous year's consumption; over the plan the deductions add up year by year) or ``base_year`` (ΔR =
    max(0, R_t − R_2020), deducted from every year's total before comparing);
  - ``all_total_and_intensity``: all of R·k leaves total and intensity (发改环资〔2024〕113号);
* other non-fossil N (nuclear …) leaves both under r.other_nonfossil = ``exclude_total_and_intensity`` (2024).

.. math::
    E^{int} = E - F - S - [R k + N]_{2024}, \qquad
    E^{tot} = E^{int} - [\Delta R\, k]_{2021, 2022}, \qquad
    G^{int} = G - [V]_{opt}
"""

from __future__ import annotations

import polars as pl

from ecer.core.dual_control.formulas import electricity_tce, energy_for_intensity, renewable_increment
from ecer.models.rules import RuleEdition
from ecer.periods import Period

FACTOR_COLUMNS = ["region_code", "year", "basis", "factor", "rate", "source"]


def with_period_columns(frame: pl.DataFrame, base_years: dict[int, int]) -> pl.DataFrame:
    """Add ``year``, ``period_kind``, ``prev_period`` (same period a year earlier), ``base_period`` (same period of
    the base year of the plan the year belongs to; ``base_years``: year → base year) and ``_slot`` (the period
    within its year, e.g. ``H1``) to a frame with a ``period`` column."""
    labels = frame.get_column("period").unique().to_list()
    parsed = {p: Period.parse(p) for p in labels}

    def base(p: Period) -> str | None:
        b = base_years.get(p.year)
        return None if b is None else str(Period(b, p.kind, p.index))

    mapping = pl.DataFrame(
        {
            "period": labels,
            "year": [parsed[p].year for p in labels],
            "period_kind": [parsed[p].kind for p in labels],
            "prev_period": [str(parsed[p].shift_years(-1)) for p in labels],
            "base_period": [base(parsed[p]) for p in labels],
            "_slot": [f"{parsed[p].kind}{parsed[p].index}" for p in labels],
        },
        schema={"period": pl.String, "year": pl.Int64, "period_kind": pl.String,
                "prev_period": pl.String, "base_period": pl.String, "_slot": pl.String},
    )
    return frame.join(mapping, on="period", how="left")


def assign_electricity_factors(frame: pl.DataFrame, factors: pl.DataFrame) -> pl.DataFrame:
    """Give every row its electricity factor k [tce/MWh] and where it came from.

    frame : energy rows with ``year``, ``electricity_basis`` and ``electricity_coal_rate`` [gce/kWh]; factors :
    rows in ``FACTOR_COLUMNS`` — ``basis`` calorific (year and region null: 当量值) or coal_equivalent (by year;
    region null or ``100000`` for the national value, a region's own otherwise), ``factor`` [tce/MWh], ``rate``
    (generation / supply / calorific) and ``source`` (a label naming the value and its document).
    Precedence for the coal-equivalent basis: the row's own coal rate, the region's factor of the year, the
    national factor of the year. A year with none gives a null factor (the caller reports it), never a fallback
    to the calorific value. Adds ``electricity_factor``, ``electricity_factor_rate``, ``electricity_factor_source``.
    """
    cal = factors.filter(pl.col("basis") == "calorific")
    cal_k = float(cal["factor"][0]) if cal.height else None
    cal_src = str(cal["source"][0]) if cal.height else None
    ce = factors.filter(pl.col("basis") == "coal_equivalent")
    national = ce.filter(pl.col("region_code").is_null() | (pl.col("region_code") == "100000")).unique(
        "year", keep="last").select("year", pl.col("factor").alias("_kn"), pl.col("rate").alias("_rn"),
                                    pl.col("source").alias("_sn"))
    own = ce.filter(pl.col("region_code").is_not_null() & (pl.col("region_code") != "100000")).unique(
        ["region_code", "year"], keep="last").select("region_code", "year", pl.col("factor").alias("_kr"),
                                                     pl.col("rate").alias("_rr"), pl.col("source").alias("_sr"))
    f = frame.join(own, on=["region_code", "year"], how="left").join(national, on="year", how="left")
    is_cal = pl.col("electricity_basis") == "calorific"
    row_rate = pl.col("electricity_coal_rate")
    row_src = pl.concat_str(pl.lit("数据中填报的发电煤耗 / coal rate given with the data: "),
                            row_rate.round(2).cast(pl.String), pl.lit(" gce/kWh"))
    return f.with_columns(
        electricity_factor=pl.when(is_cal).then(pl.lit(cal_k, pl.Float64))
        .when(row_rate.is_not_null()).then(row_rate / 1000)
        .otherwise(pl.coalesce(pl.col("_kr"), pl.col("_kn"))),
        electricity_factor_rate=pl.when(is_cal).then(pl.lit("calorific"))
        .when(row_rate.is_not_null()).then(pl.lit("given"))
        .otherwise(pl.coalesce(pl.col("_rr"), pl.col("_rn"))),
        electricity_factor_source=pl.when(is_cal).then(pl.lit(cal_src, pl.String))
        .when(row_rate.is_not_null()).then(row_src)
        .otherwise(pl.coalesce(pl.col("_sr"), pl.col("_sn"))),
    ).drop("_kr", "_rr", "_sr", "_kn", "_rn", "_sn")


def _times_factor(mwh: pl.Expr) -> pl.Expr:
    """MWh × k, exactly 0 when there is no electricity (a missing factor matters only when there is some)."""
    return pl.when(mwh == 0).then(pl.lit(0.0)).otherwise(electricity_tce(mwh, pl.col("electricity_factor")))


def apply_edition(frame: pl.DataFrame, edition: RuleEdition) -> pl.DataFrame:
    """Energy and GDP measures of every row under one rule edition.

    frame : canonical energy rows with ``year``, ``prev_period``, ``base_period``, ``_slot``
    (:func:`with_period_columns`) and ``electricity_factor`` (:func:`assign_electricity_factors`).
    Returns the frame with (tce; GDP in 10⁸ CNY): ``renewable_electricity_tce``, ``feedstock_deduction``,
    ``separately_listed_deduction``, ``nonfossil_deduction``, ``energy_for_intensity``, ``gdp_for_intensity``,
    ``rule_edition`` and ``_chain_tce``: under ``increment_total_only`` the sum, over the plan's years up to the
    row's, of each year's new renewable electricity over the year before, in tce at each year's factor (1258号,
    "每年较上一年新增"; null when a year is missing, never smaller); 0 under the other treatments. The total check
    itself (either reading of 1258号) is computed by the assessment, which knows the period's base.
    """
    r = pl.col("renewable_electricity")
    # One lazy plan on polars' streaming engine (the join keeps the frame's row order): 0.35 s against 0.44 s for the
    # eager steps at 3,000 counties × 60 months (465,000 rows; benchmarks/README.md, 2026-12-03)
    f = frame.lazy().with_columns(renewable_electricity_tce=_times_factor(r))
    zero = pl.lit(0.0)
    if edition.renewable_electricity == "increment_total_only":
        lookup = frame.lazy().select("region_code", pl.col("period").alias("prev_period"),
                                     pl.col("renewable_electricity").alias("_r_prev"))
        f = f.join(lookup, on=["region_code", "prev_period"], how="left", maintain_order="left").with_columns(
            _d_tce=_times_factor(renewable_increment(r, pl.col("_r_prev"))))
        in_plan = pl.col("base_period").is_not_null() & (pl.col("period") != pl.col("base_period"))
        # One window per region, slot and plan base: a plan's rows share a base period, so no row outside the
        # plan (base period null, or the base itself) falls in a plan's window; those rows are masked below.
        win = ["region_code", "_slot", "base_period", in_plan]
        f = f.with_columns(
            pl.col("_d_tce").cum_sum().over(win, order_by="year").alias("_chain_tce"),
            pl.col("_d_tce").is_null().cum_sum().over(win, order_by="year").alias("_gaps"),
            pl.col("year").cum_count().over(win, order_by="year").alias("_seen"),
            (pl.col("year") - pl.col("base_period").str.slice(0, 4).cast(pl.Int64)).alias("_t"),
        ).with_columns(
            _chain_tce=pl.when(~in_plan).then(zero)
            .when((pl.col("_gaps") == 0) & (pl.col("_seen") == pl.col("_t"))).then(pl.col("_chain_tce")))
        f = f.drop("_r_prev", "_d_tce", "_gaps", "_seen", "_t")
    else:
        f = f.with_columns(_chain_tce=zero)
    feed = pl.col("feedstock_energy") if edition.feedstock == "exclude_total_and_intensity" else zero
    sep = pl.col("separately_listed_energy") if edition.separately_listed_excluded else zero
    sep_va = pl.col("separately_listed_value_added") if edition.separately_listed_remove_value_added else zero
    ren_all = pl.col("renewable_electricity_tce") if edition.renewable_electricity == "all_total_and_intensity" else zero
    other = pl.col("other_nonfossil_energy") if edition.other_nonfossil == "exclude_total_and_intensity" else zero
    return f.with_columns(
        feedstock_deduction=feed,
        separately_listed_deduction=sep,
        nonfossil_deduction=ren_all + other,
        gdp_for_intensity=pl.col("gdp_constant") - sep_va,
        rule_edition=pl.lit(edition.edition),
    ).with_columns(
        energy_for_intensity=energy_for_intensity(pl.col("total_energy"), pl.col("feedstock_deduction"),
                                                  pl.col("separately_listed_deduction"), pl.col("nonfossil_deduction")),
    ).collect(engine="streaming")
