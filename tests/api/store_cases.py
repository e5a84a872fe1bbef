"""Stores for the period-list, findings and dashboard tests: the hand case of ``tests/handcase.py`` plus rows that make
the findings a page must show.

* 2019 for 北京: the 13th plan has no targets here, so 2019 cannot be assessed (E_PERIOD_OUTSIDE_PLAN) and no
  picker offers it; 2020 is the 14th plan's base year.
* the twelve months of 2021 for 北京, adding up to 10 % more than its annual row → W_PERIOD_SUM_DIFFERS for
  region 110000, period 2021 (the annual row is used).
* 河北 (130000) without 2020 → W_MISSING_COMPARISON for region 130000, naming the missing period 2020.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ecer.storage import Store
from tests import handcase

MONTHS_SCALE = 1.1  # the months add up to 110 % of the annual figures


def warning_energy() -> pl.DataFrame:
    energy = handcase.ENERGY.filter(~((pl.col("region_code") == "130000") & (pl.col("period") == "2020")))
    beijing_2021 = handcase.ENERGY.filter((pl.col("region_code") == "110000") & (pl.col("period") == "2021"))
    flows = ["total_energy", "feedstock_energy", "renewable_electricity", "separately_listed_energy", "gdp_constant"]
    months = pl.concat([
        beijing_2021.with_columns(pl.lit(f"2021-{m:02d}").alias("period"),
                                  *[(pl.col(c) * MONTHS_SCALE / 12).alias(c) for c in flows])
        for m in range(1, 13)
    ])
    y2019 = handcase.ENERGY.filter((pl.col("region_code") == "110000") & (pl.col("period") == "2020")).with_columns(
        pl.lit("2019").alias("period"), pl.col("gdp_constant") * 0.95)
    return pl.concat([energy, months, y2019])


def load_warning_case(path: Path, *, targets: pl.DataFrame | None = None) -> None:
    """Write the warning case into a DuckDB store at ``path``."""
    with Store.open(path) as store:
        store.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="warning case")
        store.load("energy", warning_energy(), file="energy.csv", who="t", why="warning case")
        store.load("targets", handcase.TARGETS if targets is None else targets, file="targets.csv", who="t",
                   why="warning case")
