"""A million-row energy frame loads through Arrow in one INSERT (timings: docs/storage.md; no asserts)."""

from __future__ import annotations

import polars as pl

from ecer.storage import Store

N = 1_000_000


def _big(total: float) -> pl.DataFrame:
    i = pl.int_range(N, eager=True)
    return pl.DataFrame({
        "region_code": (100000 + i // 1000).cast(pl.String),  # 1 000 codes × 1 000 periods
        "period": (1950 + i % 1000 // 12).cast(pl.String) + "-" + (i % 12 + 1).cast(pl.String).str.zfill(2),
    }).with_columns(
        pl.col("period") + pl.when(i % 1000 >= 996).then(pl.lit("YTD")).otherwise(pl.lit("")),
        total_energy=pl.lit(total), feedstock_energy=pl.lit(0.0), renewable_electricity=pl.lit(0.0),
        other_nonfossil_energy=pl.lit(0.0), separately_listed_energy=pl.lit(0.0),
        separately_listed_value_added=pl.lit(0.0), gdp_constant=pl.lit(1.0), price_base_year=pl.lit(2020),
        data_origin=pl.lit("synthetic"),
    )


def test_million_rows_twice(duck: Store) -> None:
    frame = _big(1.0)
    assert frame.select(pl.struct("region_code", "period").is_unique().all()).item()
    first = duck.load("energy", frame, file="big.parquet", who="bench", why="bulk")
    second = duck.load("energy", _big(2.0), file="big2.parquet", who="bench", why="bulk again")
    assert (first.new_keys, second.revised_keys) == (N, N)
    assert duck.counts()["energy"] == 2 * N
    cur = duck.current("energy", bookkeeping=True)
    assert cur.height == N
    assert cur["version"].unique().to_list() == [2]
    assert cur["total_energy"].sum() == 2.0 * N
