"""Golden values checked by hand against the official texts (numbers copied from the documents)."""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.findings import FindingsError


def _target(indicator_prefix: str) -> dict[str, object]:
    df = refdata.load("targets_gf2021_33").data
    rows = df.filter(pl.col("indicator_cn").str.starts_with(indicator_prefix))
    assert rows.height == 1, indicator_prefix
    return rows.row(0, named=True)


# 国发〔2021〕33号 二、主要目标 and 三、(一)–(十), read from the official text.
@pytest.mark.parametrize(("prefix", "value", "unit", "direction", "base_year", "text"), [
    ("单位国内生产总值能源消耗", 13.5, "%", "reduction", 2020, "13.5"),
    ("化学需氧量", 8.0, "%", "reduction", 2020, "8"),
    ("氨氮", 8.0, "%", "reduction", 2020, "8"),
    ("氮氧化物", 10.0, "%", "reduction", 2020, "10以上"),
    ("秸秆综合利用率", 86.0, "%", "at_least", None, "稳定在86以上"),
    ("新能源汽车", 20.0, "%", "about", None, "20左右"),
    ("节约型公共机构示范单位", 2000.0, "家", "at_least", None, "2000"),
    ("公共机构能效领跑者", 200.0, "家", "at_least", None, "200"),
    ("溶剂型工业涂料", 20.0, "百分点", "reduction", None, "20"),
    ("钢铁产能超低排放", 5.3, "亿吨", "at_least", None, "5.3亿吨产能"),  # the text's own unit
    ("城镇新建建筑", None, None, "qualitative", None, "全面执行"),
])
def test_gf2021_33_targets(prefix: str, value: float | None, unit: str | None, direction: str,
                           base_year: int | None, text: str) -> None:
    row = _target(prefix)
    assert row["value"] == value
    assert row["unit"] == unit
    assert row["direction"] == direction
    assert row["base_year"] == base_year
    assert row["value_text"] == text
    assert row["target_year"] == 2025 and row["doc_no"] == "国发〔2021〕33号"


def test_gf2021_33_all_rows_and_directions() -> None:
    df = refdata.load("targets_gf2021_33").data
    assert df.height == 40
    counts = dict(df.group_by("direction").len().iter_rows())
    # qualitative rows counted by hand in the text: 得到合理控制, 全面实现超低排放, 建成一批, 全面执行, 大幅提升,
    # 进一步提升, 基本淘汰, 长江 保持为优, 黄河 达到Ⅱ类, 负增长
    assert counts["qualitative"] == 10
    assert df.filter(pl.col("direction") != "qualitative")["value"].null_count() == 0


def test_pollutant_targets() -> None:
    df = refdata.load("pollutant_targets_national").data
    got = {r["pollutant"]: (r["reduction"], r["at_least"]) for r in df.iter_rows(named=True)}
    assert got == {"COD": (8.0, False), "NH3-N": (8.0, False), "NOx": (10.0, True), "VOCs": (10.0, True)}


def test_clinker_benchmark_2021() -> None:
    # 发改产业〔2021〕1464号 annex: 水泥熟料 标杆 100, 基准 117 kgce/t (GB 16780).
    df = refdata.load("benchmark_levels", "2021").data.filter(pl.col("field") == "水泥熟料")
    row = df.row(0, named=True)
    assert (row["benchmark_value"], row["baseline_value"], row["unit"]) == (100.0, 117.0, "kgce/t")


def test_electricity_calorific_value() -> None:
    df = refdata.load("electricity_conversion").data
    row = df.filter(pl.col("method") == "calorific").row(0, named=True)
    assert (row["value"], row["unit"], row["year"]) == (0.1229, "kgce/kWh", None)
    # 3600 kJ/kWh ÷ 29307 kJ/kgce = 0.12284 → 0.1229 as published; kgce/kWh = tce/MWh.
    assert refdata.electricity_factor(2021, "calorific") == pytest.approx(0.1229)
    assert abs(3600 / 29307 - refdata.electricity_factor(2024, "calorific")) < 1e-3


def test_electricity_coal_equivalent_only_for_sourced_years() -> None:
    assert refdata.electricity_factor(2020, "coal_equivalent") == pytest.approx(0.3055)  # 305.5 gce/kWh
    with pytest.raises(FindingsError) as exc:
        refdata.electricity_factor(2022, "coal_equivalent")
    f = exc.value.findings[0]
    assert f.code == "E_ELECTRICITY_FACTOR_NOT_SHIPPED" and "2022" in f.message_en and "2020" in f.message_en
    assert f.fix_zh and f.fix_en
    with pytest.raises(FindingsError):
        refdata.electricity_factor(2020, "equivalent")


def test_grid_factors() -> None:
    df = refdata.load("grid_co2_factors").data
    nat = {r["year"]: r["value"] for r in df.filter(pl.col("scope") == "national_average").iter_rows(named=True)}
    assert nat == {2021: 0.5568, 2022: 0.5366, 2023: 0.5306}
    assert df.filter((pl.col("year") == 2023) & (pl.col("region") == "华北"))["value"].item() == 0.6361
    assert df.select("year", "scope", "region").is_duplicated().sum() == 0


def test_provincial_bulletin_without_tibet() -> None:
    df = refdata.load("provincial_2020_bulletin").data
    assert df.height == 31 and "540000" not in df["region_code"].to_list()
    assert df.filter(pl.col("region_code") == "110000")["energy_intensity_change_pct"].item() == -9.18
    assert any("西藏" in g for g in refdata.load("provincial_2020_bulletin").manifest.gaps)


def test_regions_2023() -> None:
    df = refdata.regions("2023")  # the first, partial edition (the newest, 2024, is tested in test_regions_catalog)
    assert df.columns[:5] == ["region_code", "name_zh", "name_en", "level", "parent_code"]
    levels = dict(df.group_by("level").len().iter_rows())
    assert levels == {"national": 1, "province": 31, "city": 11 + 11 + 21}
    cities = df.filter(pl.col("level") == "city")
    assert set(cities["parent_code"]) == {"130000", "330000", "440000"}
    assert df.filter(pl.col("region_code") == "440300")["name_zh"].item() == "深圳市"
    assert df.filter(pl.col("region_code") == "150000")["short_name_zh"].item() == "内蒙古"
    assert df["region_code"].is_unique().all()


def test_coal_coefficients() -> None:
    df = refdata.load("coal_coefficients").data
    raw = df.filter(pl.col("energy") == "原煤").row(0, named=True)
    assert (raw["value"], raw["unit"]) == (0.7143, "kgce/kg")  # 5000 kcal/kg ÷ 7000 kcal/kgce
    assert abs(5000 / 7000 - raw["value"]) < 1e-4
    slurry = df.filter(pl.col("energy") == "煤泥").row(0, named=True)
    assert slurry["value"] is None and (slurry["value_min"], slurry["value_max"]) == (0.2857, 0.4286)
