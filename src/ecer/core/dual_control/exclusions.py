r"""Exclusions from dual-control accounting by rule edition (vectorised over a polars frame).

For one rule edition r and each region-period row (tce unless noted):

* feedstock F (原料用能) leaves total and intensity when r.feedstock = ``exclude_total_and_intensity``
  (国发〔2021〕33号 四(一); 发改环资〔2022〕803号: base and target year alike, GDP unchanged);
* separately listed national projects S (能耗单列) leave both (发改环资〔2021〕1310号 第(六)条); their value
  added V leaves GDP only when r.separately_listed_remove_value_added (a choice; 津发改双碳〔2022〕93号 does);
* renewable electricity R [MWh] converted at k [tce/MWh] (当量值 or the year's 等价值):
  - ``increment_total_only``: ΔR = max(0, R_t − R_base) leaves the *total* only (1258号, 仍纳入能耗强度考核);
  - ``all_total_and_intensity``: all of R leaves total and intensity (2024-02 green-certificate notice);
* other non-fossil N (nuclear …) leaves both under r.other_nonfossil = ``exclude_total_and_intensity`` (2024).

.. math::
    E^{int} = E - F - S - [R k + N]_{2024}, \qquad
    E^{tot} = E^{int} - [\Delta R\, k]_{2022}, \qquad
    G^{int} = G - [V]_{opt}
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ecer.models.energy import ENERGY_UNITS
from ecer.models.rules import RuleEdition
from ecer.periods import Period

NUMERIC = list(ENERGY_UNITS)  # the flow columns of the energy table (they add up over months)


def _factor_expr(factors: Mapping[int, float] | float) -> pl.Expr:
    if isinstance(factors, (int, float)):
        return pl.lit(float(factors))
    return pl.col("year").replace_strict(dict(factors), default=None, return_dtype=pl.Float64)


def with_period_columns(frame: pl.DataFrame, base_year: int) -> pl.DataFrame:
    """Add ``year``, ``period_kind``, ``prev_period`` (same period a year earlier) and ``base_period``
    (same period of the plan's base year) to a frame with a ``period`` column."""
    labels = frame.get_column("period").unique().to_list()
    parsed = {p: Period.parse(p) for p in labels}
    mapping = pl.DataFrame(
        {
            "period": labels,
            "year": [parsed[p].year for p in labels],
            "period_kind": [parsed[p].kind for p in labels],
            "prev_period": [str(parsed[p].shift_years(-1)) for p in labels],
            "base_period": [str(Period(base_year, parsed[p].kind, parsed[p].index)) for p in labels],
        },
        schema={"period": pl.String, "year": pl.Int64, "period_kind": pl.String,
                "prev_period": pl.String, "base_period": pl.String},
    )
    return frame.join(mapping, on="period", how="left")


def apply_edition(
    frame: pl.DataFrame, edition: RuleEdition, factors: Mapping[int, float] | float
) -> pl.DataFrame:
    """Energy and GDP measures of every row under one rule edition.

    frame : canonical energy rows with ``year`` and ``base_period`` (see :func:`with_period_columns`);
    factors : electricity conversion k [tce/MWh] for ``edition.electricity_method``: one value, or one
        per year (the 等价值 changes yearly).
    Returns the frame with: renewable_electricity_tce, feedstock_deduction, separately_listed_deduction,
    renewable_deduction_total, nonfossil_deduction, energy_for_intensity, energy_for_total,
    gdp_for_intensity (tce; GDP in 10⁸ CNY), and ``rule_edition``.
    A year without a factor gives null renewable tce (the caller reports it), never a silent zero.
    """
    f = frame.with_columns(renewable_electricity_tce=pl.col("renewable_electricity") * _factor_expr(factors))
    base = f.select(
        pl.col("region_code"),
        pl.col("period").alias("base_period"),
        pl.col("renewable_electricity").alias("_r_base_mwh"),
    )
    f = f.join(base, on=["region_code", "base_period"], how="left")
    zero = pl.lit(0.0)
    feed = pl.col("feedstock_energy") if edition.feedstock == "exclude_total_and_intensity" else zero
    sep = pl.col("separately_listed_energy") if edition.separately_listed_excluded else zero
    sep_va = pl.col("separately_listed_value_added") if edition.separately_listed_remove_value_added else zero
    if edition.renewable_electricity == "increment_total_only":
        increment_mwh = (
            pl.when(pl.col("_r_base_mwh").is_null())
            .then(None)  # no base-year data: unknown, reported by the caller, never taken as zero
            .otherwise(pl.max_horizontal(pl.col("renewable_electricity") - pl.col("_r_base_mwh"), zero))
        )
        ren_total = increment_mwh * _factor_expr(factors)
        ren_all = zero
    elif edition.renewable_electricity == "all_total_and_intensity":
        ren_total = zero
        ren_all = pl.col("renewable_electricity_tce")
    else:
        ren_total = zero
        ren_all = zero
    nonfossil_other = pl.col("other_nonfossil_energy") if edition.other_nonfossil == "exclude_total_and_intensity" else zero
    f = f.with_columns(
        feedstock_deduction=feed,
        separately_listed_deduction=sep,
        renewable_deduction_total=ren_total,
        nonfossil_deduction=ren_all + nonfossil_other,
        gdp_for_intensity=pl.col("gdp_constant") - sep_va,
        rule_edition=pl.lit(edition.edition),
    ).with_columns(
        energy_for_intensity=pl.col("total_energy")
        - pl.col("feedstock_deduction")
        - pl.col("separately_listed_deduction")
        - pl.col("nonfossil_deduction"),
    ).with_columns(
        energy_for_total=pl.col("energy_for_intensity") - pl.col("renewable_deduction_total"),
    )
    return f.drop("_r_base_mwh")
