"""Assessment results the report tests render, made by the real service from small files.

* :func:`handcase` — the hand-worked case (tests/handcase.py) for 2021 under the 2022 rules (recomputed), whose
  absolute figures are worked by hand: 北京 energy for the total check 7871 tce = 0.7871 万tce, for intensity 9100 tce.
* :func:`levels` — the hand case grown by a national row and a city (唐山市 under 河北省) over 2020–2022, under the
  rules in force per period: 2021 falls under the 2021 edition (国发〔2021〕33号), 2022 under the 2022 edition
  (1258号 + 803号). National figures are the provinces' sums; 唐山 is a third of 河北.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ecer.ingest import write_frame
from ecer.services import dual_control
from tests.handcase import ENERGY, REGIONS, TARGETS


def write_files(folder: Path) -> Path:
    """The hand case as template files (as tests/test_handcase_layers.py writes them)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_frame(REGIONS, "regions", folder / "regions.csv")
    write_frame(ENERGY, "energy", folder / "energy.csv")
    write_frame(TARGETS, "targets", folder / "targets.csv")
    return folder


def handcase(folder: Path) -> dual_control.AssessmentResult:
    return dual_control.assess(data_dir=write_files(folder), period="2021", edition="2022",
                               options={"recompute_earlier_years": True})


def _grow(frame: pl.DataFrame) -> pl.DataFrame:
    """The 2021 rows again as 2022, energy +2 %, GDP +5 % (renewables +10 %)."""
    y22 = frame.filter(pl.col("period") == "2021").with_columns(
        period=pl.lit("2022"), total_energy=pl.col("total_energy") * 1.02,
        feedstock_energy=pl.col("feedstock_energy") * 1.02, renewable_electricity=pl.col("renewable_electricity") * 1.1,
        separately_listed_energy=pl.col("separately_listed_energy") * 1.02, gdp_constant=pl.col("gdp_constant") * 1.05)
    return pl.concat([frame, y22])


def levels(folder: Path) -> dual_control.AssessmentResult:
    folder.mkdir(parents=True, exist_ok=True)
    energy = _grow(ENERGY)
    sums = energy.group_by("period", maintain_order=True).agg(
        pl.col(c).sum() for c in ("total_energy", "feedstock_energy", "renewable_electricity", "other_nonfossil_energy",
                                  "separately_listed_energy", "separately_listed_value_added", "gdp_constant"))
    national = sums.with_columns(region_code=pl.lit("100000"), price_base_year=pl.lit(2020, pl.Int64),
                                 electricity_basis=pl.lit("calorific"), electricity_coal_rate=pl.lit(None, pl.Float64),
                                 data_origin=pl.lit("synthetic"))
    city = energy.filter(pl.col("region_code") == "130000").with_columns(
        region_code=pl.lit("130200"), data_origin=pl.lit("synthetic"),
        **{c: pl.col(c) / 3 for c in ("total_energy", "gdp_constant")})
    energy = pl.concat([energy.with_columns(data_origin=pl.lit("synthetic")), national.select(energy.columns),
                        city.select(energy.columns)], how="vertical_relaxed")
    regions = pl.concat([REGIONS, pl.DataFrame(
        {"region_code": ["100000", "130200"], "name_zh": ["全国", "唐山市"], "name_en": ["China", "Tangshan"],
         "level": ["national", "city"], "parent_code": [None, "130000"]}, schema_overrides={"parent_code": pl.String})])
    regions = regions.with_columns(level=pl.when(pl.col("region_code") == "100000").then(pl.lit("national"))
                                   .otherwise(pl.col("level")))
    write_frame(regions, "regions", folder / "regions.csv")
    write_frame(energy, "energy", folder / "energy.csv")
    write_frame(TARGETS, "targets", folder / "targets.csv")
    return dual_control.assess(data_dir=folder)
