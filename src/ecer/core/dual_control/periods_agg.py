"""Derive quarters, half-years, years and year-to-date periods from monthly rows.

Flows add up over time (energy, GDP at constant prices), so a period's value is the sum of its months
when *every* month is present; a period given explicitly in the input is never overridden.
"""

from __future__ import annotations

import polars as pl

from ecer.core.dual_control.exclusions import NUMERIC
from ecer.periods import Period


def derive_periods(frame: pl.DataFrame, kinds: tuple[str, ...] = ("Q", "H", "Y", "YTD")) -> pl.DataFrame:
    """Return ``frame`` plus the periods of ``kinds`` that can be built from complete months.

    >>> rows = pl.DataFrame({"region_code": ["110000"] * 3, "period": ["2021-01", "2021-02", "2021-03"],
    ...     "total_energy": [1.0, 2.0, 3.0], "feedstock_energy": 0.0, "renewable_electricity": 0.0,
    ...     "other_nonfossil_energy": 0.0, "separately_listed_energy": 0.0,
    ...     "separately_listed_value_added": 0.0, "gdp_constant": [10.0, 10.0, 10.0],
    ...     "price_base_year": 2020, "data_origin": "user"})
    >>> out = derive_periods(rows)
    >>> out.filter(pl.col("period") == "2021Q1")["total_energy"].item()
    6.0
    >>> sorted(out["period"].to_list())
    ['2021-01', '2021-01YTD', '2021-02', '2021-02YTD', '2021-03', '2021-03YTD', '2021Q1']
    """
    months = frame.filter(pl.col("period").str.contains(r"^\d{4}-\d{2}$"))
    if months.is_empty():
        return frame
    years = sorted({int(p[:4]) for p in months.get_column("period").unique().to_list()})
    targets: list[Period] = []
    for y in years:
        if "Q" in kinds:
            targets += [Period(y, "Q", i) for i in range(1, 5)]
        if "H" in kinds:
            targets += [Period(y, "H", i) for i in (1, 2)]
        if "Y" in kinds:
            targets.append(Period(y, "Y", 0))
        if "YTD" in kinds:
            targets += [Period(y, "YTD", m) for m in range(1, 13)]
    member = pl.DataFrame(
        {
            "period": [str(m) for t in targets for m in t.month_periods()],
            "_target": [str(t) for t in targets for _ in t.months],
            "_need": [len(t.months) for t in targets for _ in t.months],
        }
    )
    agg = (
        months.join(member, on="period", how="inner")
        .group_by("region_code", "_target")
        .agg(
            [pl.col(c).sum() for c in NUMERIC]
            + [
                pl.len().alias("_n"),
                pl.col("_need").first(),
                pl.col("price_base_year").n_unique().alias("_bases"),
                pl.col("price_base_year").first(),
                pl.when(pl.col("data_origin").n_unique() > 1)
                .then(pl.lit("partly synthetic"))
                .otherwise(pl.col("data_origin").first())
                .alias("data_origin"),
            ]
        )
        .filter((pl.col("_n") == pl.col("_need")) & (pl.col("_bases") == 1))
        .rename({"_target": "period"})
        .drop("_n", "_need", "_bases")
    )
    existing = frame.select("region_code", "period")
    agg = agg.join(existing, on=["region_code", "period"], how="anti")
    return pl.concat([frame, agg.select(frame.columns)], how="vertical_relaxed")
