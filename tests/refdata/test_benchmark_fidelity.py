"""Fidelity of the shipped benchmark levels: every row carries the official words its values were read from.

For every shipped row of every edition: its quote (the 200号 guide's sentence) contains the benchmark level and the
baseline level, each followed by the unit as the text writes it, and each after the words 标杆水平 / 基准水平.
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl
import pytest

from ecer import refdata
from ecer.refdata.catalog import load_shipped
from ecer.refdata.index import index

# The unit as the official texts write it (spaces removed): the mapping is explicit and small on purpose.
UNIT_WRITTEN: dict[str, tuple[str, ...]] = {
    "kgce/t": ("千克标准煤/吨", "千克标煤/吨"),
    "kgoe/t": ("千克标准油/吨",),
    "kgoe/(t·能量因数)": ("千克标准油/（吨·能量因数）",),
    "kWh/t": ("千瓦时/吨",),
    "kgce/m2": ("千克标准煤/平方米",),
    "kgce/重量箱": ("千克标准煤/重量箱",),
}

# How the quote names a row whose sub-category label differs from the guide's words (通用: the field's own name).
QUOTE_NAMES: dict[str, str] = {
    "锰硅合金": "锰硅铁合金",
    "石脑烃类（蒸汽裂解）": "乙烯",  # 200号 附件2 covers steam-cracking ethylene; the sentence says 乙烯
    "褐煤原料": "以褐煤为原料",
    "烟煤原料": "以烟煤为原料",
    "无烟煤原料": "以无烟煤为原料",
    "粉煤（包括无烟粉煤、烟煤）": "以粉煤为原料",
    "湿法炼锌 电锌锌锭（有浸出渣火法处理工艺）（精矿-电锌锌锭）": "湿法炼锌工艺电锌锌锭（有浸出渣火法处理工艺）（精矿-电锌锌锭）",
}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


ROWS = [
    (ed, r)
    for ed in index()["benchmark_levels"]
    for r in load_shipped("benchmark_levels", ed).data.iter_rows(named=True)
]


def _number(v: float) -> str:
    return str(int(v)) if v == int(v) else repr(v)


def _stated(quote: str, role: str, value: float, unit: str) -> bool:
    """`role` (标杆水平 / 基准水平), optionally 为, then exactly `value`, then the unit as written."""
    text = re.sub(r"\s+", "", quote)
    forms = "|".join(re.escape(f) for f in UNIT_WRITTEN[unit])
    pattern = rf"{role}(?:为)?{re.escape(_number(value))}(?:{forms})"
    return re.search(pattern, text) is not None


def _id(p: tuple[str, dict[str, object]]) -> str:
    return f"{p[0]}-{p[1]['field']}-{p[1]['sub_category']}"


@pytest.mark.parametrize("edition_row", ROWS, ids=[_id(p) for p in ROWS])
def test_both_levels_and_the_unit_are_in_the_quote(edition_row: tuple[str, dict[str, object]]) -> None:
    _, row = edition_row
    quote, unit = str(row["quote"]), str(row["unit"])
    assert unit in UNIT_WRITTEN, f"add the written form of {unit} to UNIT_WRITTEN"
    assert _stated(quote, "标杆水平", float(row["benchmark_value"]), unit), quote  # type: ignore[arg-type]
    assert _stated(quote, "基准水平", float(row["baseline_value"]), unit), quote  # type: ignore[arg-type]
    # one pair per quote: a sentence that states two sub-categories' levels is cut at the comma between them, so
    # the other pair's numbers cannot pass for this row's
    assert len(re.findall(r"标杆水平为?-?\d", re.sub(r"\s+", "", quote))) == 1, quote
    sub = str(row["sub_category"])
    name = QUOTE_NAMES.get(sub, str(row["field"]) if sub == "通用" else sub)
    assert _plain(name) in _plain(quote), f"the quote does not name {name}: {quote}"
    assert str(row["quote_source"]).startswith("发改产业〔2022〕200号 附件")
    assert row["confidence"] == "high"


def test_the_check_catches_a_wrong_value() -> None:
    quote = "水泥熟料能效标杆水平为 100 千克标准煤/吨，基准水平 117 千克标准煤/吨。"
    assert _stated(quote, "标杆水平", 100.0, "kgce/t") and _stated(quote, "基准水平", 117.0, "kgce/t")
    assert not _stated(quote, "标杆水平", 10.0, "kgce/t")  # 10 is not 100
    assert not _stated(quote, "基准水平", 100.0, "kgce/t")  # the benchmark's number is not the baseline
    assert not _stated(quote, "标杆水平", 100.0, "kgoe/t")  # wrong unit
    assert not _stated("转炉工序能效标杆水平为-30 千克标准煤/吨", "标杆水平", 30.0, "kgce/t")  # sign matters


def test_golden_values_from_the_guides() -> None:
    # Read by hand from 发改产业〔2022〕200号 (一、基本情况 of each guide) and the 1464号 tables.
    df = refdata.load("benchmark_levels", "2021").data

    def get(field: str, sub: str) -> dict[str, object]:
        return df.filter((pl.col("field") == field) & (pl.col("sub_category") == sub)).row(0, named=True)

    cement = get("水泥熟料", "通用")
    assert (cement["benchmark_value"], cement["baseline_value"], cement["unit"]) == (100.0, 117.0, "kgce/t")
    assert cement["indicator"] == "可比熟料综合能耗" and cement["reference_standard"] == "GB 16780"
    refining = get("炼油", "通用")
    assert (refining["benchmark_value"], refining["baseline_value"]) == (7.5, 8.5)
    assert refining["indicator"] == "单位能量因数能耗" and refining["unit"] == "kgoe/(t·能量因数)"
    converter = get("炼钢", "转炉工序")
    assert (converter["benchmark_value"], converter["baseline_value"]) == (-30.0, -10.0)
    assert converter["direction"] == "lower_is_better"
    for sub in ("优质无烟块煤", "非优质无烟块煤、型煤", "粉煤（包括无烟粉煤、烟煤）", "天然气"):
        assert get("合成氨", sub)["indicator"] == "单位产品能耗"
    assert get("电石", "通用")["indicator"] == "单位产品能耗"
    assert (get("电解铝", "通用")["benchmark_value"], get("电解铝", "通用")["indicator"]) == (
        13000.0,
        "铝液交流电耗",
    )
    glass = get("平板玻璃", "生产能力>800吨/天")
    assert (glass["benchmark_value"], glass["baseline_value"]) == (8.0, 12.0)
    assert "汽车用平板玻璃能耗修正系数" in str(glass["correction_factor"])


def test_direction_and_stated_sources() -> None:
    df = refdata.load("benchmark_levels", "2021").data
    # every shipped indicator is energy per unit of product: lower is better, whatever the sign
    assert set(df["direction"]) == {"lower_is_better"}
    assert (df["benchmark_value"] < df["baseline_value"]).all()
    # an indicator or standard not stated by an official text says so
    for col in ("indicator_source", "reference_standard_source"):
        assert df[col].str.contains(r"^(stated|inferred|unknown):").all()
    stated = df.filter(pl.col("indicator_source").str.starts_with("stated"))
    assert (
        stated.height == 13
    )  # 1464号: 高炉, 转炉, 电解铝, 水泥熟料, 平板玻璃 ×2, 炼油, 乙烯, 合成氨 ×4, 电石
    # only flat glass has a correction factor stated by a table
    assert set(df.filter(pl.col("correction_factor").is_not_null())["field"]) == {"平板玻璃"}


def test_deadlines_follow_the_field_list() -> None:
    fields = refdata.load("benchmark_fields").data
    by_field = dict(zip(fields["field"], fields["deadline"], strict=True))
    groups = dict(zip(fields["field"], fields["deadline_group"], strict=True))
    assert fields.filter(pl.col("deadline_group") == "original").height == 25
    assert set(fields.filter(pl.col("deadline_group") == "added_2023")["deadline"]) == {"2026-12-31"}
    assert set(fields.filter(pl.col("deadline_group") == "original")["deadline"]) == {"2025-12-31"}
    levels = refdata.load("benchmark_levels", "2021").data
    for r in levels.iter_rows(named=True):
        assert r["field"] in by_field, f"{r['field']} is not in benchmark_fields"
        assert (r["deadline"], r["deadline_group"]) == (by_field[r["field"]], groups[r["field"]])
    assert set(levels["field"]) == set(fields.filter(pl.col("first_edition") == "2021")["field"])  # all 25


def test_2023_gaps_are_listed_never_filled_from_2021() -> None:
    levels = refdata.load("benchmark_levels", "2023")
    gaps = refdata.load("benchmark_level_gaps", "2023").data
    fields = refdata.load("benchmark_fields").data
    covered = set(levels.data["field"])
    # every field of the 2023 edition without a shipped level is a listed gap
    assert set(fields["field"]) - covered == set(gaps.filter(pl.col("edition") == "2023")["field"])
    assert gaps.height == 36 and levels.data.height == 0
    added = gaps.filter(pl.col("deadline_group") == "added_2023")
    assert added.height == 11 and set(added["deadline"]) == {"2026-12-31"}
