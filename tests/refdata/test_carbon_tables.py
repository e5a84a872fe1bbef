"""The carbon reference tables: values as the official texts print them, each with its source; editions added, never
overwritten (grid factors 2023 → 2026)."""

from __future__ import annotations

import polars as pl

from ecer import refdata


def test_co2_intensity_target_is_read_from_its_quote() -> None:
    t = refdata.load("carbon_targets_national")
    r = t.data.row(0, named=True)
    assert (r["indicator"], r["reduction"], r["unit"], r["base_year"], r["target_year"]) == (
        "co2_intensity", 18.0, "percent", 2020, 2025)
    assert "单位国内生产总值二氧化碳排放比2020年下降18%" in r["quote"]
    assert r["doc_no"] == "国发〔2021〕23号" and r["clause"] == "二、主要目标" and r["confidence"] == "high"


def test_fuel_parameters_as_printed() -> None:
    df = refdata.load("carbon_fuel_factors").data
    assert df.height == 29 and df["fuel"].is_unique().all()
    row = {r["fuel"]: r for r in df.iter_rows(named=True)}
    # 鲁环发〔2022〕4号 表2-3, rows read from the text layer
    assert (row["烟煤"]["ncv"], row["烟煤"]["carbon_content"], row["烟煤"]["oxidation"]) == (19.57, 26.1, 93.0)
    assert (row["无烟煤"]["ncv"], row["无烟煤"]["carbon_content"], row["无烟煤"]["oxidation"]) == (26.7, 27.4, 94.0)
    assert (row["柴油"]["ncv"], row["柴油"]["carbon_content"]) == (42.652, 20.2)
    assert (row["高炉煤气"]["ncv"], row["高炉煤气"]["carbon_content"], row["高炉煤气"]["unit"]) == (33.0, 70.8,
                                                                                                  "GJ/wan_m3")
    gas = row["天然气"]
    assert gas["ncv"] is None and (gas["ncv_min"], gas["ncv_max"]) == (322.38, 389.31)
    # the attribution of each value follows the table's notes 2 and 3
    assert "IPCC" in row["无烟煤"]["ncv_attribution"] and "能源统计年鉴" in row["柴油"]["ncv_attribution"]
    assert "IPCC" in row["高炉煤气"]["cc_attribution"] and "省级温室气体清单" in row["烟煤"]["cc_attribution"]
    assert df.filter(pl.col("confidence") == "medium")["fuel"].sort().to_list() == sorted(
        ["煤泥", "液化天然气", "重油催化裂解煤气", "重油热裂解煤气", "焦炭制气", "压力气化煤气"])


def test_heat_factor() -> None:
    r = refdata.load("carbon_indirect_factors").data.row(0, named=True)
    assert (r["carrier"], r["value"], r["unit"]) == ("热力", 0.11, "t/GJ") and "GB/T 32151.5" in r["doc_no"]


def test_grid_factor_edition_added_not_overwritten() -> None:
    old = refdata.load("grid_co2_factors", "2023").data
    new = refdata.load("grid_co2_factors", "2026").data
    assert refdata.editions("grid_co2_factors")[-2:] == ["2023", "2026"]
    assert old.join(new, on=old.columns, how="anti", nulls_equal=True).height == 0  # every 2023-edition row kept as is
    added = new.join(old, on=["year", "scope", "region"], how="anti").sort("scope", "region")
    assert added.select("scope", "region", "value").rows() == [
        ("national_fossil", "全国", 0.8273), ("national_residual", "全国", 0.6096),
        ("regional_grid_average", "南方", 0.4042), ("regional_grid_average", "西南", 0.2472)]
