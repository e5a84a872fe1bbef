"""The catalog's carbon factors and targets in the core's units (NCV in GJ per activity unit, carbon content in tC/GJ,
oxidation as a fraction, grid factors in tCO2/MWh, targets as fractions), each row with its source.

* :func:`fuel_factors` — the fuel parameters (table ``carbon_fuel_factors``: 鲁环发〔2022〕4号 表2-3, attributed as
  its notes say); a fuel whose NCV the table gives as a range keeps ``ncv`` null and its range;
* :func:`heat_factors` — purchased heat (table ``carbon_indirect_factors``: 0.11 tCO2/GJ);
* :func:`grid_factors` — MEE/NBS grid factors by data year, scope and region (table ``grid_co2_factors``);
* :func:`co2_intensity_target` — the 14th-FYP national target (table ``carbon_targets_national``: −18 %, 国发〔2021〕23号);
* :func:`energy_intensity_target` — the 14th-FYP national energy-intensity target (table ``targets_gf2021_33``: −13.5 %,
  国发〔2021〕33号), for the energy and carbon views side by side.
"""

from __future__ import annotations

import polars as pl

from ecer import refdata
from ecer.core.targets.tracking import Target
from ecer.units import factor

FUEL_COLUMNS = ["carrier", "group", "activity_unit", "ncv", "ncv_min", "ncv_max", "carbon_content", "oxidation",
                "factor_source", "confidence", "notes"]
GRID_COLUMNS = ["year", "scope", "region", "region_code", "t_per_mwh", "factor_source", "confidence"]


def _per(units: pl.Series, target: str) -> pl.Series:
    return pl.Series([factor(u, target) for u in units.to_list()], dtype=pl.Float64)


def fuel_factors(edition: str | None = None) -> pl.DataFrame:
    """Fuel parameters: carrier, group, activity_unit (t or wan_m3), ncv [GJ per activity unit] (null for a range),
    ncv_min, ncv_max, carbon_content [tC/GJ], oxidation [1], factor_source (document, clause and attributions),
    confidence, notes.

    >>> f = fuel_factors().filter(pl.col("carrier") == "烟煤").row(0, named=True)
    >>> f["ncv"], round(f["carbon_content"], 6), f["oxidation"]  # 19.570 GJ/t, 26.1 tC/TJ, 93 %
    (19.57, 0.0261, 0.93)
    """
    t = refdata.load("carbon_fuel_factors", edition)
    df = t.data
    ncv_k = pl.Series([factor(u, "GJ/" + au) for u, au in zip(df["unit"], df["activity_unit"], strict=True)])
    cc_k = factor(str(t.manifest.spec("carbon_content").unit), "t/GJ")  # type: ignore[union-attr]
    ox_k = factor(str(t.manifest.spec("oxidation").unit), "dimensionless")  # type: ignore[union-attr]
    return df.with_columns(
        carrier=pl.col("fuel"),
        ncv=(pl.col("ncv") * ncv_k).round(10),
        ncv_min=(pl.col("ncv_min") * ncv_k).round(10),
        ncv_max=(pl.col("ncv_max") * ncv_k).round(10),
        carbon_content=(pl.col("carbon_content") * cc_k).round(12),
        oxidation=(pl.col("oxidation") * ox_k).round(12),
        factor_source=pl.concat_str(pl.col("doc_no"), pl.lit(" "), pl.col("clause"), pl.lit("; NCV: "),
                                    pl.col("ncv_attribution"), pl.lit("; 含碳量: "), pl.col("cc_attribution")),
    ).select(FUEL_COLUMNS)


def heat_factors(edition: str | None = None) -> pl.DataFrame:
    """Purchased-heat factor: carrier (热力), activity_unit (GJ), factor [tCO2/GJ], factor_source, confidence.

    >>> heat_factors().select("carrier", "factor").rows()
    [('热力', 0.11)]
    """
    df = refdata.load("carbon_indirect_factors", edition).data
    k = pl.Series([factor(u, "t/" + au) for u, au in zip(df["unit"], df["activity_unit"], strict=True)])
    return df.select(
        "carrier", "activity_unit", (pl.col("value") * k).round(12).alias("factor"),
        pl.concat_str(pl.col("doc_no"), pl.lit(" "), pl.col("clause")).alias("factor_source"), "confidence")


def grid_factors(edition: str | None = None) -> pl.DataFrame:
    """Grid CO2 factors: year (data year), scope, region, region_code, t_per_mwh [tCO2/MWh], factor_source, confidence.

    >>> g = grid_factors().filter((pl.col("scope") == "national_average"))
    >>> dict(zip(g["year"], g["t_per_mwh"]))
    {2021: 0.5568, 2022: 0.5366, 2023: 0.5306}
    """
    df = refdata.load("grid_co2_factors", edition).data
    return df.with_columns(
        t_per_mwh=(pl.col("value") * _per(df["unit"], "t/MWh")).round(10),
        factor_source=pl.concat_str(pl.col("doc_no"), pl.lit(" "), pl.col("clause")),
    ).select(GRID_COLUMNS).sort("year", "scope", "region")


def co2_intensity_target(edition: str | None = None) -> Target:
    """The 14th-FYP national CO2-intensity target as a :class:`~ecer.core.targets.tracking.Target`.

    >>> t = co2_intensity_target()
    >>> t.size, t.base_year, t.target_year, t.direction
    (0.18, 2020, 2025, 'decrease')
    """
    df = refdata.load("carbon_targets_national", edition).data.filter(pl.col("indicator") == "co2_intensity")
    r = df.row(0, named=True)
    return Target(size=round(r["reduction"] * factor(r["unit"], "dimensionless"), 12), base_year=r["base_year"],
                  target_year=r["target_year"], direction="decrease", label="碳排放强度 / CO2 intensity",
                  source=f"{r['doc_no']} {r['clause']}")


def energy_intensity_target(edition: str | None = None) -> Target:
    """The 14th-FYP national energy-intensity target (国发〔2021〕33号 二、主要目标: −13.5 %).

    >>> energy_intensity_target().size
    0.135
    """
    df = refdata.load("targets_gf2021_33", edition).data
    r = df.filter((pl.col("project_no") == 0) & (pl.col("indicator_cn") == "单位国内生产总值能源消耗比2020年下降")
                  ).row(0, named=True)
    unit = "percent" if r["unit"] == "%" else r["unit"]
    return Target(size=round(float(r["value"]) * factor(unit, "dimensionless"), 12), base_year=int(r["base_year"]),
                  target_year=int(r["target_year"]), direction="decrease", label="能耗强度 / energy intensity",
                  source=f"{r['doc_no']} {r['clause']}")
