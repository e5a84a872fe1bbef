"""Typed look-ups over the catalog: the region list and the electricity conversion factor.

>>> electricity_factor(2023, "calorific")   # 当量值 0.1229 kgce/kWh = 0.1229 tce/MWh
0.1229
>>> electricity_factor(2020, "coal_equivalent")   # 等价值 305.5 gce/kWh
0.3055
>>> regions().filter(pl.col("region_code") == "330100")["name_zh"].item()
'杭州市'
>>> regions().filter(pl.col("region_code") == "330106")["parent_code"].item()   # 西湖区
'330100'
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from ecer.findings import FindingsError, make
from ecer.models.region import REGION_COLUMNS
from ecer.refdata.catalog import load
from ecer.units import Q_, parse_unit

METHODS = ("calorific", "coal_equivalent")


def regions(edition: str | None = None) -> pl.DataFrame:
    """GB/T 2260 regions: ``region_code, name_zh, name_en, level, parent_code, short_name_zh``.

    The newest edition (2024, the Ministry of Civil Affairs list at 2024-12-31) has the nation (100000),
    the 31 mainland provinces and every prefecture- and county-level unit; 2023 has the nation, the
    provinces and the cities of 河北, 浙江 and 广东. ``parent_code`` is null for the nation and the
    provinces; the districts of the municipalities and the counties directly under a province have the
    province as parent. ``name_en`` and ``short_name_zh`` are null where no name is sourced. Cached:
    the same frame is returned on every call (do not modify it in place).
    """
    return _regions(None if edition is None else str(edition))


@lru_cache(maxsize=8)
def _regions(edition: str | None) -> pl.DataFrame:
    return load("regions", edition).data.select([*REGION_COLUMNS, "short_name_zh"])


def electricity_factor(year: int, method: str, *, edition: str | None = None) -> float:
    """Standard coal per unit of electricity [tce/MWh] for ``year`` by ``method``.

    ``calorific`` (当量值) = 3 600 kJ/kWh ÷ 29 307 kJ/kgce = 0.1229 kgce/kWh, any year (GB/T 2589
    Annex A). ``coal_equivalent`` (等价值 / 发电煤耗法) = that year's national average coal consumption
    per kWh [gce/kWh] ÷ 1000; only sourced years are shipped (table ``electricity_conversion``), any
    other year raises ``FindingsError`` (E_VALUE_INVALID) naming the years that are available.
    kgce/kWh and tce/MWh are numerically equal.
    """
    if method not in METHODS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="折标方法 (conversion method)", value=method,
                                  valid=", ".join(METHODS))])
    df = load("electricity_conversion", edition).data.filter(pl.col("method") == method)
    hit = df.filter(pl.col("year") == int(year))
    if hit.is_empty():
        hit = df.filter(pl.col("year").is_null())
    if hit.is_empty():
        years = sorted(int(y) for y in df["year"].drop_nulls())
        raise FindingsError([make(
            "E_VALUE_INVALID", value=year,
            detail=f"no sourced {method} (等价值) factor for {year}; sourced years: {years}",
            fix_zh=f"改用 calorific（当量值），或将 {year} 年官方发电煤耗作为新版本载入 electricity_conversion",
            fix_en=f"use calorific, or load the official {year} coal rate as a new electricity_conversion edition")])
    row = hit.row(0, named=True)
    return round(float(Q_(row["value"], parse_unit(row["unit"])).to("tce/MWh").magnitude), 10)
