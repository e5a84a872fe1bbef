"""Provincial 14th-FYP energy-intensity targets, edition 2026: one row for each of the 31 provinces.

Golden values are typed by hand from the sources quoted in the comments, not read back from the table.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from ecer import refdata

TABLE = "provincial_intensity_targets_14th"
ED = "2026"


@pytest.fixture(scope="module")
def df() -> pl.DataFrame:
    return refdata.load(TABLE, ED).data


@pytest.fixture(scope="module")
def rows(df: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {str(r["region_zh"]): r for r in df.iter_rows(named=True)}


def test_newest_edition_is_2026_and_loads_without_errors() -> None:
    table = refdata.load(TABLE)
    assert table.edition == ED
    assert refdata.editions(TABLE) == ["2021", "2026"]
    assert table.manifest.supersedes == "2021"
    assert not [f for f in table.findings if f.code.startswith("E_")]


def test_one_row_per_province(df: pl.DataFrame) -> None:
    provinces = refdata.regions().filter(pl.col("level") == "province")
    short = dict(zip(provinces["region_code"], provinces["short_name_zh"], strict=True))
    assert df.height == 31
    assert df["region_code"].n_unique() == 31
    assert set(df["region_code"]) == set(short)
    for code, name in zip(df["region_code"], df["region_zh"], strict=True):
        assert short[code] == name, (code, name)


def test_counts_by_status(df: pl.DataFrame) -> None:
    counts = dict(df.group_by("status").len().iter_rows())
    assert counts == {"published": 28, "none_published": 3}
    none = df.filter(pl.col("status") == "none_published")
    assert sorted(none["region_zh"]) == sorted(["山东", "湖北", "西藏"])


def test_published_rows_have_a_number_and_a_source(df: pl.DataFrame) -> None:
    pub = df.filter(pl.col("status") == "published")
    assert pub["basic_target_pct"].null_count() == 0
    for r in pub.iter_rows(named=True):
        src = str(r["source"])
        assert "http" in src or "Dual-carbon-policies@" in src, r["region_zh"]
        assert str(r["doc_no"]).strip() and str(r["clause"]).strip(), r["region_zh"]


def test_none_published_rows_say_where_we_looked(df: pl.DataFrame) -> None:
    none = df.filter(pl.col("status") == "none_published")
    assert none["basic_target_pct"].null_count() == none.height
    assert none["incentive_target_pct"].null_count() == none.height
    for r in none.iter_rows(named=True):
        searched = str(r["searched"] or "")
        assert len(searched) > 40 and ("Dual-carbon-policies" in searched or "pages corpus" in searched), r
    # 西藏: nothing found at all, so the row is low; 山东 and 湖北: official texts read that give no number.
    conf = dict(zip(none["region_zh"], none["confidence"], strict=True))
    assert conf == {"山东": "high", "湖北": "high", "西藏": "low"}


def test_value_text_states_the_number(df: pl.DataFrame) -> None:
    # The stored wording must contain the number stored as the basic target ("14.0" may read "14.0%" or "14%"),
    # and the incentive number when there is one.
    for r in df.filter(pl.col("status") == "published").iter_rows(named=True):
        text = str(r["value_text"])
        basic = float(r["basic_target_pct"])  # type: ignore[arg-type]
        assert any(s in text for s in (f"{basic:g}", f"{basic:.1f}")), r["region_zh"]
        if r["incentive_target_pct"] is not None:
            assert f"{float(r['incentive_target_pct']):g}" in text, r["region_zh"]  # type: ignore[arg-type]


def test_none_published_value_text_has_no_target_number(df: pl.DataFrame) -> None:
    for r in df.filter(pl.col("status") == "none_published").iter_rows(named=True):
        assert not re.search(r"\d+(\.\d+)?\s*%", str(r["value_text"])), r["region_zh"]


# Golden values, each typed from its source (the deciding words in the comment).
@pytest.mark.parametrize(("region", "basic", "incentive"), [
    # 内政发〔2022〕17号 二：“全区单位地区生产总值能源消耗比2020年下降15%” (not the 15.5 of the 2021 plans)
    ("内蒙古", 15.0, None),
    # 冀政字〔2021〕22号：“单位GDP能耗下降15%”
    ("河北", 15.0, None),
    # 豫政〔2021〕22号：“单位地区生产总值能源消耗降低15%以上”
    ("河南", 15.0, None),
    # 贵州省“十四五”国家生态文明试验区建设规划：“比2020年下降超过13%”
    ("贵州", 13.0, None),
    # 云南 绿色低碳循环发展行动计划：“单位地区生产总值能耗、单位地区生产总值用水量较2020年分别下降13.5%、15%”
    ("云南", 13.5, None),
    # 陕西 若干措施：““十四五”时期全省能耗强度下降13.5%”
    ("陕西", 13.5, None),
    # 青海 碳达峰碳中和 实施意见：“单位地区生产总值能耗相比2020年下降12.5%”
    ("青海", 12.5, None),
    # 宁政发〔2021〕39号：“单位GDP能耗下降15%” (the central plan for Ningxia says 15.5)
    ("宁夏", 15.0, None),
    # 新疆生态环境保护“十四五”规划 表2-1 第27项：14.5%
    ("新疆", 14.5, None),
    # 苏政办发〔2021〕105号：“全省单位地区生产总值能耗比2020年下降14%左右”
    ("江苏", 14.0, None),
    # 安徽省“十四五”节能减排实施方案：“下降14%，力争下降14.5%”
    ("安徽", 14.0, 14.5),
    # 赣府字〔2022〕31号：“下降14%，力争达到14.5%”
    ("江西", 14.0, 14.5),
    # 甘政发〔2022〕41号：“累积下降12.5%”
    ("甘肃", 12.5, None),
    # 天津市“十四五”节能减排工作实施方案：“下降14.5%”
    ("天津", 14.5, None),
    # 粤府〔2022〕68号：“下降14.0%” (the 2021 生态文明 plan's 14.5 is not taken)
    ("广东", 14.0, None),
    # 桂政发〔2022〕24号 解读：“下降13%” (the 2021 opinion's 13.5 is not taken)
    ("广西", 13.0, None),
])
def test_golden_targets(rows: dict[str, dict[str, object]], region: str, basic: float, incentive: float | None) -> None:
    row = rows[region]
    assert row["status"] == "published"
    assert row["basic_target_pct"] == basic
    assert row["incentive_target_pct"] == incentive


def test_inner_mongolia_choice_is_explained(rows: dict[str, dict[str, object]]) -> None:
    notes = str(rows["内蒙古"]["notes"])
    assert "15.5" in notes and "内政办发〔2021〕60号" in notes and "节能规划" in notes
    assert rows["内蒙古"]["confidence"] == "high"


def test_floor_wording_is_noted(rows: dict[str, dict[str, object]]) -> None:
    for region, word in (("河南", "以上"), ("贵州", "超过"), ("江苏", "左右")):
        assert word in str(rows[region]["value_text"]), region
        assert word in str(rows[region]["notes"]), region


def test_incentive_only_where_stated_and_not_below_basic(df: pl.DataFrame) -> None:
    inc = df.filter(pl.col("incentive_target_pct").is_not_null())
    assert sorted(inc["region_zh"]) == ["安徽", "江西"]
    assert (inc["incentive_target_pct"] >= inc["basic_target_pct"]).all()


def test_targets_in_plausible_band(df: pl.DataFrame) -> None:
    # 国发〔2021〕33号: national 13.5 %; provincial basic targets read lie between 12.5 (甘肃, 青海) and 15.
    pub = df.filter(pl.col("status") == "published")
    assert pub["basic_target_pct"].min() == 12.5
    assert pub["basic_target_pct"].max() == 15.0


def test_confidence_split(df: pl.DataFrame) -> None:
    pub = df.filter(pl.col("status") == "published")
    medium = sorted(pub.filter(pl.col("confidence") == "medium")["region_zh"])
    assert medium == sorted(["北京", "山西", "吉林", "海南", "四川", "宁夏"])
    assert pub.filter(pl.col("confidence") == "high").height == 22
    high = refdata.load(TABLE, ED, min_confidence="high").data
    assert high.height == 24  # 22 published + 山东 and 湖北 (none_published, read in the official text)


def test_every_code_not_published_is_named_in_the_gaps(df: pl.DataFrame) -> None:
    gaps = " ".join(refdata.load(TABLE, ED).manifest.gaps)
    for name in df.filter(pl.col("status") == "none_published")["region_zh"]:
        assert name in gaps, name


def test_first_edition_is_unchanged() -> None:
    old = refdata.load(TABLE, "2021").data
    assert old.height == 20 and "status" not in old.columns
