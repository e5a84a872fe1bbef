"""Provincial 14th-FYP energy-intensity targets, edition 2021: values typed by hand from the sources quoted below."""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata

TABLE = "provincial_intensity_targets_14th"
ED = "2021"  # the first edition (20 provinces); the 2026 edition is tested in test_provincial_targets_14th_2026.py


def _rows() -> dict[str, dict[str, object]]:
    df = refdata.load(TABLE, ED).data
    return {r["region_zh"]: r for r in df.iter_rows(named=True)}


def test_table_loads_without_errors() -> None:
    table = refdata.load(TABLE, "2021")
    assert table.edition == "2021"
    assert not [f for f in table.findings if f.code.startswith("E_")]
    assert table.data.height == 20  # 20 provinces sourced, 11 listed as gaps


def test_codes_are_provinces_and_unique() -> None:
    df = refdata.load(TABLE, ED).data
    provinces = refdata.regions().filter(pl.col("level") == "province")
    short = dict(zip(provinces["region_code"], provinces["short_name_zh"], strict=True))
    assert df["region_code"].n_unique() == df.height
    for code, name in zip(df["region_code"], df["region_zh"], strict=True):
        assert short.get(code) == name, (code, name)


# Golden values, each typed from its source (quotes in the comments).
@pytest.mark.parametrize(("region", "basic", "incentive"), [
    # 天津市“十四五”节能减排工作实施方案 二：“全市单位地区生产总值能源消耗比2020年下降14.5%”
    ("天津", 14.5, None),
    # 辽宁省“十四五”生态环境保护规划 主要指标表 row 14: [15]
    ("辽宁", 15.0, None),
    # 甘政发〔2022〕41号 二：“比2020年累积下降12.5%，“十四五”期间年均下降2.6%”
    ("甘肃", 12.5, None),
    # 福建省“十四五”节能减排综合工作实施方案 二：“比2020年下降14%”
    ("福建", 14.0, None),
    # 江西（赣府字〔2022〕31号）：“比2020年下降14%，力争达到14.5%”
    ("江西", 14.0, 14.5),
    # 安徽省“十四五”节能减排实施方案 二：14 (力争14.5)
    ("安徽", 14.0, 14.5),
    # 内蒙古自治区“十四五”节能减排综合工作实施方案 二：“全区单位地区生产总值能源消耗比2020年下降15%”
    ("内蒙古", 15.0, None),
    # 海南 琼府〔2023〕8号 二：“全省万元国内生产总值能耗比2020年下降13%”
    ("海南", 13.0, None),
])
def test_golden_targets(region: str, basic: float, incentive: float | None) -> None:
    row = _rows()[region]
    assert row["basic_target_pct"] == basic
    assert row["incentive_target_pct"] == incentive


def test_value_text_states_the_basic_number() -> None:
    # The stored wording must contain the number stored as the basic target ("14.0" may read "14.0%" or "14%").
    for name, row in _rows().items():
        basic = float(row["basic_target_pct"])  # type: ignore[arg-type]
        spelled = {f"{basic:g}", f"{basic:.1f}"}
        assert any(s in str(row["value_text"]) for s in spelled), name


def test_incentive_not_below_basic() -> None:
    df = refdata.load(TABLE, ED).data.filter(pl.col("incentive_target_pct").is_not_null())
    assert df.height == 2  # only 安徽 and 江西 state a number
    assert (df["incentive_target_pct"] >= df["basic_target_pct"]).all()


def test_targets_in_plausible_band_around_national() -> None:
    # 国发〔2021〕33号: national 13.5 %; every provincial basic target read lies between 12.5 (甘肃) and 15.
    df = refdata.load(TABLE, ED).data
    assert df["basic_target_pct"].min() == 12.5
    assert df["basic_target_pct"].max() == 15.0


def test_high_rows_only() -> None:
    high = refdata.load(TABLE, ED, min_confidence="high").data
    assert sorted(high["region_zh"]) == sorted(["天津", "辽宁", "黑龙江", "上海", "浙江", "安徽", "福建", "江西", "甘肃"])
    every_row = refdata.load(TABLE, ED).data
    assert every_row.filter(pl.col("confidence") == "medium").height == 11


def test_gaps_name_every_missing_province() -> None:
    df = refdata.load(TABLE, ED).data
    gaps = " ".join(refdata.load(TABLE, ED).manifest.gaps)
    provinces = refdata.regions().filter(pl.col("level") == "province")
    missing = set(provinces["region_code"]) - set(df["region_code"])
    assert len(missing) == 11
    for code in missing:
        assert code in gaps, code


def test_every_row_cites_a_page() -> None:
    for name, row in _rows().items():
        src = str(row["source"])
        assert "http" in src or "Dual-carbon-policies@" in src, name
