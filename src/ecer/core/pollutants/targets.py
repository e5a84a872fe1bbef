"""The pollutant targets of the catalog in the core's units: percentage targets as fractions, key-project reduction
quantities in tonnes (the tables state % and 万吨; the conversion goes through :mod:`ecer.units`).

* :func:`national_targets` — 国发〔2021〕33号 二、主要目标: COD −8 %, NH3-N −8 %, NOx −10 % or more, VOCs −10 % or
  more, 2025 vs 2020 (table ``pollutant_targets_national``);
* :func:`key_project_assignments` — the provinces' 十四五 重点工程减排量 (table
  ``pollutant_key_project_reductions_14th``: 8 provinces; a province not shipped has no row, never a zero);
* :func:`national_base_emissions` — 2020 national emissions (table ``pollutant_emissions_national``).
"""

from __future__ import annotations

import polars as pl

from ecer import refdata
from ecer.units import factor


def _to(unit_column: pl.Series, target: str) -> list[float]:
    return [factor(u, target) for u in unit_column.to_list()]


def national_targets(edition: str | None = None) -> pl.DataFrame:
    """National percentage targets: pollutant, target_reduction [1] (0.08 = −8 %), at_least (the text says 以上),
    base_year, target_year, doc_no, clause, source, confidence.

    >>> t = national_targets()
    >>> dict(zip(t["pollutant"], t["target_reduction"]))
    {'COD': 0.08, 'NH3-N': 0.08, 'NOx': 0.1, 'VOCs': 0.1}
    """
    df = refdata.load("pollutant_targets_national", edition).data
    return df.select(
        "pollutant",
        (pl.col("reduction") * pl.Series(_to(df["unit"], "dimensionless"))).alias("target_reduction"),
        "at_least",
        "base_year",
        "target_year",
        "doc_no",
        "clause",
        "source",
        "confidence",
    )


def key_project_assignments(edition: str | None = None, *, min_confidence: str | None = None) -> pl.DataFrame:
    """Key-project reduction quantities assigned to provinces: region_code, pollutant, assigned [t], base_year,
    target_year, doc_no, clause, source, confidence.

    >>> a = key_project_assignments()
    >>> a.filter(pl.col("region_code") == "350000").select("pollutant", "assigned").rows()  # 福建: 6.86 万吨 …
    [('COD', 68600.0), ('NH3-N', 5100.0), ('NOx', 11000.0), ('VOCs', 15200.0)]
    """
    df = refdata.load("pollutant_key_project_reductions_14th", edition, min_confidence=min_confidence).data
    return df.select(
        "region_code",
        "pollutant",
        (pl.col("reduction") * pl.Series(_to(df["unit"], "t"))).alias("assigned"),
        "base_year",
        "target_year",
        "doc_no",
        "clause",
        "source",
        "confidence",
    )


def national_base_emissions(edition: str | None = None) -> pl.DataFrame:
    """National emissions of the base year in the ledger's form: region_code, pollutant, year, emissions [t].

    >>> national_base_emissions().filter(pl.col("pollutant") == "COD").rows()
    [('100000', 'COD', 2020, 25648000.0)]
    """
    df = refdata.load("pollutant_emissions_national", edition).data
    return df.select(
        "region_code",
        "pollutant",
        "year",
        (pl.col("emissions") * pl.Series(_to(df["unit"], "t"))).alias("emissions"),
    )
