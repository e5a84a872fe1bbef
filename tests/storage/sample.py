"""Sample frames and a fake clock shared by the storage tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import polars as pl

T0 = datetime(2024, 1, 1, tzinfo=UTC)


class FakeClock:
    """Each call returns the next hour after T0: load n is stamped T0 + n hours (n = 0, 1, …)."""

    def __init__(self) -> None:
        self._n = itertools.count()

    def __call__(self) -> datetime:
        return T0 + timedelta(hours=next(self._n))


# --- the small worked case: 2 regions, 2 years ---------------------------------------------------
def regions() -> pl.DataFrame:
    return pl.DataFrame({
        "region_code": ["110000", "120000"],
        "name_zh": ["北京市", "天津市"],
        "name_en": ["Beijing", "Tianjin"],
        "level": ["province", "province"],
        "parent_code": [None, None],
    }, schema_overrides={"parent_code": pl.String})


def energy() -> pl.DataFrame:
    """Synthetic figures (round numbers, not official statistics)."""
    return pl.DataFrame({
        "region_code": ["110000", "110000", "120000", "120000"],
        "period": ["2020", "2021", "2020", "2021"],
        "total_energy": [67_000_000.0, 70_000_000.0, 80_000_000.0, 82_000_000.0],
        "feedstock_energy": [0.0, 0.0, 5_000_000.0, 5_500_000.0],
        "renewable_electricity": [1_000.0, 1_200.0, 2_000.0, 2_500.0],
        "other_nonfossil_energy": [0.0, 0.0, 0.0, 0.0],
        "separately_listed_energy": [0.0, 0.0, 0.0, 0.0],
        "separately_listed_value_added": [0.0, 0.0, 0.0, 0.0],
        "gdp_constant": [36_000.0, 39_000.0, 14_000.0, 15_000.0],
        "price_base_year": [2020, 2020, 2020, 2020],
        "data_origin": ["synthetic"] * 4,
    })


def correction() -> pl.DataFrame:
    """Beijing 2021 total energy revised from 70 000 000 to 69 500 000 tce."""
    return energy().filter((pl.col("region_code") == "110000") & (pl.col("period") == "2021")).with_columns(
        total_energy=pl.lit(69_500_000.0))
