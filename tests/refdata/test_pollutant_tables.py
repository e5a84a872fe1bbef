"""The pollutant tables of the catalog: the national targets, the provinces' key-project reductions, 2020 emissions.

Fidelity: where a row carries the official sentence (``quote``), the sentence states the row's value for the row's
pollutant — the names before 分别 are matched in order to the amounts after it, so a value read for the wrong
pollutant fails. Golden values are copied by hand from the documents each row cites (国发〔2021〕33号, the provincial plans).
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from ecer import refdata
from ecer.core.pollutants.targets import key_project_assignments, national_base_emissions, national_targets
from ecer.refdata.catalog import load_shipped
from ecer.refdata.index import index

NAMES = {"化学需氧量": "COD", "氨氮": "NH3-N", "氮氧化物": "NOx", "挥发性有机物": "VOCs"}
_NAME = "|".join(NAMES)
_AMOUNT = r"\d+(?:\.\d+)?(?:%|万吨)(?:以上)?"
_SENTENCE = re.compile(rf"((?:{_NAME})(?:、(?:{_NAME}))*)[^。；]*?分别[^0-9。；]*({_AMOUNT}(?:、{_AMOUNT})*)")


def stated(quote: str) -> dict[str, tuple[float, str, bool]]:
    """Pollutant → (amount, unit, 以上) as the sentence states them, names and amounts paired in order."""
    m = _SENTENCE.search(re.sub(r"\s+", "", quote))
    assert m, f"no '… 分别 …' sentence in {quote!r}"
    names = m.group(1).split("、")
    amounts = re.findall(r"(\d+(?:\.\d+)?)(%|万吨)(以上)?", m.group(2))
    assert len(names) == len(amounts), quote
    return {NAMES[n]: (float(v), u, bool(floor)) for n, (v, u, floor) in zip(names, amounts, strict=True)}


def test_the_parser_pairs_names_and_amounts_in_order() -> None:
    got = stated("化学需氧量、氨氮排放总量比 2020 年分别下降 8%、9%以上。")
    assert got == {"COD": (8.0, "%", False), "NH3-N": (9.0, "%", True)}


QUOTED = [
    (name, ed, r)
    for name in ("pollutant_targets_national", "pollutant_key_project_reductions_14th")
    for ed in index()[name]
    for r in load_shipped(name, ed).data.iter_rows(named=True)
    if r.get("quote")
]


@pytest.mark.parametrize(
    ("name", "edition", "row"),
    QUOTED,
    ids=[f"{n}-{e}-{r.get('region_code', '')}{r['pollutant']}" for n, e, r in QUOTED],
)
def test_the_quote_states_the_value(name: str, edition: str, row: dict[str, object]) -> None:
    value, unit, floor = stated(str(row["quote"]))[str(row["pollutant"])]
    assert value == row["reduction"]
    assert unit == row["unit"]
    if "at_least" in row:
        assert floor == row["at_least"]


def test_every_quoted_table_row_is_checked() -> None:
    # national 2026: all 4 rows quoted; key projects: 福建 and 甘肃 (4 each)
    assert sum(1 for n, _, _ in QUOTED if n == "pollutant_targets_national") == 4
    assert sorted({str(r["region_zh"]) for n, _, r in QUOTED if n != "pollutant_targets_national"}) == [
        "甘肃",
        "福建",
    ]


def test_national_2026_keeps_the_2021_values() -> None:
    cols = [
        "pollutant",
        "reduction",
        "unit",
        "value_text",
        "at_least",
        "base_year",
        "target_year",
        "doc_no",
        "clause",
    ]
    assert (
        refdata.load("pollutant_targets_national", "2026")
        .data.select(cols)
        .equals(refdata.load("pollutant_targets_national", "2021").data.select(cols))
    )
    assert refdata.editions("pollutant_targets_national") == ["2021", "2026"]


# The 8 provinces' amounts [万吨], COD / NH3-N / NOx / VOCs, copied by hand from the provinces' plans (福建, 甘肃 from
# the plan texts; the others from the reference compilation's reading of the official PDFs).
KEY_PROJECTS = {
    "110000": (1.7, 0.12, 1.38, 0.99),  # 北京 生态环境保护规划
    "120000": (1.6, 0.04, 2.08, 0.99),  # 天津 节能减排工作实施方案
    "210000": (8.92, 0.11, 7.96, 3.27),  # 辽宁 table cell [7.96/3.27/8.92/0.11] = NOx/VOCs/COD/NH3-N
    "340000": (13.67, 0.69, 8.3, 3.07),  # 安徽
    "350000": (6.86, 0.51, 1.1, 1.52),  # 福建: 分别完成6.86万吨、0.51万吨、1.1万吨、1.52万吨
    "620000": (2.27, 0.03, 1.84, 0.70),  # 甘肃: 分别达到2.27万吨、0.03万吨、1.84万吨、0.70万吨
    "630000": (0.48, 0.03, 0.55, 0.15),  # 青海
    "530000": (5.16, 0.33, 1.28, 0.83),  # 云南
}


def test_key_project_amounts_golden() -> None:
    df = refdata.load("pollutant_key_project_reductions_14th").data
    assert df.height == 32
    got = {
        code: tuple(
            df.filter((pl.col("region_code") == code) & (pl.col("pollutant") == p))["reduction"].item()
            for p in ("COD", "NH3-N", "NOx", "VOCs")
        )
        for code in KEY_PROJECTS
    }
    assert got == KEY_PROJECTS
    assert set(df["unit"]) == {"万吨"} and set(df["base_year"]) == {2020} and set(df["target_year"]) == {2025}
    assert df.filter(pl.col("confidence") != "high")["region_zh"].unique().to_list() == ["云南"]


def test_key_project_regions_are_provinces_of_the_catalog() -> None:
    names = dict(refdata.regions().select("region_code", "name_zh").iter_rows())
    for r in refdata.load("pollutant_key_project_reductions_14th").data.iter_rows(named=True):
        assert str(names[r["region_code"]]).startswith(str(r["region_zh"])), r[
            "region_code"
        ]  # 北京市, 甘肃省


def test_high_confidence_filter_leaves_yunnan_out() -> None:
    a = key_project_assignments(min_confidence="high")
    assert a.height == 28 and "530000" not in a["region_code"].to_list()


def test_core_units() -> None:
    t = national_targets()
    assert dict(zip(t["pollutant"], t["target_reduction"], strict=True)) == {
        "COD": 0.08,
        "NH3-N": 0.08,
        "NOx": 0.10,
        "VOCs": 0.10,
    }
    a = key_project_assignments()
    # 安徽 COD 13.67 万吨 = 136 700 t; 甘肃 VOCs 0.70 万吨 = 7 000 t
    assert (
        a.filter((pl.col("region_code") == "340000") & (pl.col("pollutant") == "COD"))["assigned"].item()
        == 136_700
    )
    assert (
        a.filter((pl.col("region_code") == "620000") & (pl.col("pollutant") == "VOCs"))["assigned"].item()
        == 7_000
    )
    e = national_base_emissions()
    # 2020, MEE: COD 2564.8, NH3-N 98.4, NOx 1019.7, VOCs 610.2 万吨
    got = dict(zip(e["pollutant"], e["emissions"], strict=True))
    assert got["COD"] == 25_648_000 and got["NH3-N"] == 984_000 and got["NOx"] == 10_197_000
    assert got["VOCs"] == 6_102_000 and set(e["year"]) == {2020}
