"""The full region catalog (regions 2024, 民政部 list at 2024-12-31) and its code-change table.

Counts are those of the source file (yescallop/areacodes data/2024.txt, the Ministry's 2024 list): 34
provincial codes of which 710000, 810000 and 820000 are left out, 333 prefecture-level and 2846 county-level
codes. No published count for 2024 was sourced (see the manifest's gaps).
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.models.region import level_of

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
LEVEL_ABOVE = {"province": "national", "city": "province", "county": "city"}


@pytest.fixture(scope="module")
def regions() -> pl.DataFrame:
    return refdata.regions()


def test_newest_edition_is_2024_and_cached(regions: pl.DataFrame) -> None:
    assert refdata.load("regions").edition == "2024"
    assert refdata.regions() is regions  # cached: one frame per process
    assert regions.columns == ["region_code", "name_zh", "name_en", "level", "parent_code", "short_name_zh"]
    assert set(refdata.load("regions").data["data_year"]) == {2024}


def test_counts_per_level(regions: pl.DataFrame) -> None:
    levels = dict(regions.group_by("level").len().iter_rows())
    assert levels == {"national": 1, "province": 31, "city": 333, "county": 2846}
    assert regions.height == 3211 and regions["region_code"].is_unique().all()


def test_taiwan_hong_kong_macao_are_left_out(regions: pl.DataFrame) -> None:
    codes = regions["region_code"]
    assert not codes.str.starts_with("71").any()
    assert not codes.str.starts_with("81").any() and not codes.str.starts_with("82").any()
    assert any("710000" in g and "810000" in g for g in refdata.load("regions").manifest.gaps)


def test_code_pattern_matches_level(regions: pl.DataFrame) -> None:
    for code, lv in regions.select("region_code", "level").iter_rows():
        assert level_of(code) == lv, code


def test_every_parent_exists_one_level_up_with_the_documented_exceptions(regions: pl.DataFrame) -> None:
    level = dict(regions.select("region_code", "level").iter_rows())
    skipped = []
    for code, lv, parent in regions.select("region_code", "level", "parent_code").iter_rows():
        if lv in ("national", "province"):
            assert parent is None, code
            continue
        assert parent in level, f"{code}: parent {parent} missing"
        assert parent[:2] == code[:2] and (lv == "city" or parent[:4] in (code[:4], code[:2] + "00"))
        if level[parent] != LEVEL_ABOVE[lv]:
            skipped.append(code)
            # a county straight under its province: a municipality's district/county, or 省直辖县级 (xx90xx)
            assert lv == "county" and level[parent] == "province", code
            assert parent in MUNICIPALITIES or code[2:4] == "90", code
            assert code[:4] + "00" not in level, code
    by_province = pl.Series(skipped).str.slice(0, 2).value_counts().sort("")
    counts = dict(by_province.iter_rows())
    assert counts == {"11": 16, "12": 16, "31": 16, "41": 1, "42": 4, "46": 15, "50": 38, "65": 12}


def test_known_chains(regions: pl.DataFrame) -> None:
    row = {r["region_code"]: r for r in regions.iter_rows(named=True)}
    assert (row["330106"]["name_zh"], row["330106"]["parent_code"]) == ("西湖区", "330100")
    assert (row["330100"]["name_zh"], row["330100"]["parent_code"], row["330100"]["name_en"]) == (
        "杭州市", "330000", "Hangzhou")
    assert (row["330000"]["name_zh"], row["330000"]["parent_code"]) == ("浙江省", None)
    assert (row["110101"]["name_zh"], row["110101"]["parent_code"]) == ("东城区", "110000")
    assert (row["429004"]["name_zh"], row["429004"]["parent_code"]) == ("仙桃市", "420000")
    assert (row["419001"]["name_zh"], row["419001"]["parent_code"]) == ("济源市", "410000")
    assert row["441900"]["level"] == "city" and not regions.filter(pl.col("parent_code") == "441900").height
    assert row["653228"]["name_zh"] == "和康县"  # set up in 2024
    zhejiang = regions.filter(pl.col("region_code").str.starts_with("33"))
    assert dict(zhejiang.group_by("level").len().iter_rows()) == {"province": 1, "city": 11, "county": 90}


def test_placeholders_are_not_rows(regions: pl.DataFrame) -> None:
    codes = set(regions["region_code"])
    assert not codes & {"110100", "120100", "310100", "500100", "500200", "419000", "429000", "469000", "659000"}


def test_2023_rows_agree_with_2024_and_keep_their_names(regions: pl.DataFrame) -> None:
    old = refdata.regions("2023")
    assert old.height == 75
    both = old.join(regions, on="region_code", how="left", suffix="_new")
    assert both.filter(pl.col("name_zh") != pl.col("name_zh_new")).is_empty()
    assert both.filter(pl.col("name_en") != pl.col("name_en_new")).is_empty()
    assert both.filter(pl.col("short_name_zh") != pl.col("short_name_zh_new")).is_empty()
    # no other English name is made up
    assert regions["name_en"].is_not_null().sum() == 75


def test_every_row_names_its_source() -> None:
    df = refdata.load("regions").data
    assert set(df["confidence"]) == {"high"}
    rest = df.filter(pl.col("region_code") != "100000")
    assert rest["source"].str.contains("民政部 2024年").all() and rest["source"].str.contains("CC0").all()


# ---- code changes -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def changes() -> pl.DataFrame:
    return refdata.region_code_changes()


def test_change_table_spans_2005_to_2024(changes: pl.DataFrame) -> None:
    assert (changes["to_year"] - changes["from_year"] == 1).all()
    assert (changes["from_year"].min(), changes["to_year"].max()) == (2005, 2024)
    assert set(changes["change"]) == {"retired", "added", "renamed", "area_ceded", "area_received"}
    derived = changes.filter(pl.col("change").is_in(["retired", "added", "renamed"]))
    assert set(derived["basis"]) == {"derived"}
    assert derived["source"].str.contains(r"民政部 \d{4}年、\d{4}年").all()


def test_a_known_merger(changes: pl.DataFrame) -> None:
    row = changes.filter((pl.col("region_code") == "330104") & (pl.col("change") == "retired")).row(0, named=True)
    assert (row["from_year"], row["to_year"], row["name_zh"]) == (2020, 2021, "江干区")
    assert (row["related_codes"], row["related_names"]) == ("330102;330114", "上城区;钱塘区")
    assert row["doc_no"] == "浙政发〔2021〕7号" and row["confidence"] == "high"
    new = changes.filter((pl.col("region_code") == "330114") & (pl.col("change") == "added")).row(0, named=True)
    assert new["related_codes"] == "330104;330109"  # 钱塘区 from 江干区 and 萧山区


def test_a_known_rename_and_a_new_county(changes: pl.DataFrame) -> None:
    ren = changes.filter((pl.col("region_code") == "130503") & (pl.col("change") == "renamed")).row(0, named=True)
    assert (ren["from_year"], ren["name_zh"], ren["new_name_zh"], ren["doc_no"]) == (
        2019, "桥西区", "信都区", "国函〔2020〕78号")
    new = changes.filter((pl.col("region_code") == "653228") & (pl.col("change") == "added")).row(0, named=True)
    assert (new["from_year"], new["related_codes"], new["confidence"]) == (2023, "653223", "medium")


def test_retired_codes_are_not_current_and_added_ones_are(changes: pl.DataFrame) -> None:
    current = set(refdata.regions()["region_code"])
    retired = set(changes.filter(pl.col("change") == "retired")["region_code"])
    assert not retired & current  # no code retired since 2005 is in use again
    last = changes.filter((pl.col("change") == "added") & (pl.col("to_year") == 2024))
    assert set(last["region_code"]) <= current


def test_successor_of() -> None:
    assert refdata.successor_of("330104") == ["330102", "330114"]   # split
    assert refdata.successor_of("330103") == ["330105"]             # 下城区 → 拱墅区
    assert refdata.successor_of("341422") == ["340281"]             # 无为县 (巢湖) → 无为县 (芜湖) → 无为市
    assert refdata.successor_of("341400") == ["340100", "340200", "340500"]  # 巢湖市 (inferred, medium)
    assert refdata.successor_of("330106") == ["330106"]             # current
    assert refdata.successor_of("990000") == []                     # unknown
    assert refdata.successor_of("330104", year=2019) == ["330102", "330114"]


def test_every_retired_code_reaches_current_codes(changes: pl.DataFrame) -> None:
    current = set(refdata.regions()["region_code"])
    for code in set(changes.filter(pl.col("change") == "retired")["region_code"]):
        succ = refdata.successor_of(code)
        assert succ and set(succ) <= current, code


def test_retirement() -> None:
    r = refdata.retirement("330104")
    assert r is not None
    assert (r.name_zh, r.last_year, r.successors, r.successor_names) == (
        "江干区", 2020, ["330102", "330114"], ["上城区", "钱塘区"])
    assert refdata.retirement("330106") is None and refdata.retirement("990000") is None
