"""Header units, number parsing and the findings cap."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.ingest import read_table
from ecer.ingest.cells import parse_numbers, parse_periods
from ecer.ingest.columns import unit_factor
from ecer.ingest.headers import parse_header
from ecer.ingest.templates import TEMPLATES

ENERGY = TEMPLATES["energy"]
HEADER = "地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年\n"


@pytest.mark.parametrize(("label", "canonical", "expected"), [
    ("万吨标准煤", "tce", 1e4), ("kgce", "tce", 1e-3), ("亿tce", "tce", 1e8), ("万千瓦时", "MWh", 10.0),
    ("亿千瓦时", "MWh", 1e5), ("kWh", "MWh", 1e-3), ("万元", "yi_CNY", 1e-4), ("元", "yi_CNY", 1e-8),
    ("％", "1", 0.01),
])
def test_decimal_multiples_are_converted(label, canonical, expected):
    assert unit_factor(label, canonical) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("label", "canonical"), [
    ("万tce", "MWh"),  # calorific conversion: needs a method, never silent
    ("toe", "tce"),  # oil equivalent: 41 816 / 29 307, not a decimal multiple
    ("亿元", "tce"),  # another dimension
    ("万桶", "tce"),  # unknown
    ("亿元", "1"),  # percent columns take % only
])
def test_other_units_are_refused(label, canonical):
    assert unit_factor(label, canonical) is None


@pytest.mark.parametrize("text", [
    "能源消费总量（万吨标准煤）/ total_energy (万tce)", "能源消费总量(万吨标准煤)", "total_energy [万tce]",
    "Total Energy【万tce】", " TOTAL-ENERGY ( 万tce ) ",
])
def test_header_spellings(text):
    h = parse_header(text, ENERGY)
    assert h.column == "total_energy" and len(h.unit_labels) >= 1


def test_qualifier_is_not_a_unit():
    h = parse_header("地区生产总值（可比价）（亿元）", ENERGY)
    assert (h.column, h.unit_labels) == ("gdp_constant", ("亿元",))


def test_numbers_strict_thousands_and_no_text():
    p = parse_numbers(pl.Series(["1,234,567.5", "12", "1,23", "12万", " ", "1e3", "inf", None]), None)
    assert p.values.to_list()[:2] == [1234567.5, 12.0] and p.values[5] == 1000.0
    assert p.bad.to_list() == [False, False, True, True, True, False, True, False]


def test_periods_are_normalised():
    assert parse_periods(pl.Series(["2021q3", "2021h1", "2021-7"])).values.to_list() == ["2021Q3", "2021H1", None]


def test_mismatched_units_within_one_header():
    r = read_table(("地区代码,期间,能源消费总量（万吨标准煤）/ total_energy (tce),地区生产总值（亿元）,可比价基年\n"
                    "110000,2021,1,1,2020\n").encode(), "energy", filename="m.csv")
    assert [f.code for f in r.errors] == ["E_UNIT_MISMATCH"] and "tce" in r.errors[0].message_en


def test_findings_are_capped_per_code_with_a_total():
    # 5 000 rows; every 10th total is negative → 500 E_NEGATIVE (rows 2, 12, 22, ...), 200 listed
    rows = [f"{110000 + i},2021,{-1 if i % 10 == 0 else 1},1,2020" for i in range(5000)]
    r = read_table((HEADER + "\n".join(rows) + "\n").encode(), "energy", filename="big.csv")
    neg = [f for f in r.findings if f.code == "E_NEGATIVE"]
    assert len(neg) == 200 and [f.location.row for f in neg[:3]] == [2, 12, 22]
    summary = [f for f in r.findings if f.code == "W_FINDINGS_TRUNCATED"]
    assert len(summary) == 1 and summary[0].evidence == {"finding_code": "E_NEGATIVE", "total": 500, "shown": 200}
    assert r.rows_read == 5000 and r.frame is None


def test_nothing_silently_dropped_from_a_data_row():
    # a value in a column without a header is an error, not ignored
    r = read_table((HEADER + "110000,2021,1,1,2020,extra\n").encode(), "energy", filename="x.csv")
    assert [f.code for f in r.errors] == ["E_HEADER_UNKNOWN"] and r.errors[0].location.column == "#6"
