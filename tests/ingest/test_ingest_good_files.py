"""Good files in every accepted form give the canonical numbers worked out by hand.

Hand conversions: 1 万tce = 10⁴ tce; 1 万千瓦时 = 10⁴ kWh = 10 MWh; 1 万元 = 10⁻⁴ 亿元; percent / 100.
"""

from __future__ import annotations

import pytest

from ecer.ingest import check_file
from ecer.models.energy import ENERGY_COLUMNS
from ecer.models.region import REGION_COLUMNS
from ecer.models.targets import TARGET_COLUMNS

approx = pytest.approx


def test_utf8_full_bilingual_headers(good, known):
    r = check_file(good / "energy_utf8.csv", "energy", known)
    assert r.findings == [] and r.frame is not None
    assert r.frame.columns == ENERGY_COLUMNS
    assert r.source_rows == [2, 3, 4] and r.rows_read == 3 and r.header_row == 1
    a = r.frame.row(0, named=True)
    assert (a["region_code"], a["period"]) == ("110000", "2021")
    assert a["total_energy"] == approx(123_456)  # 12.3456 万tce
    assert a["feedstock_energy"] == approx(12_000)  # 1.2 万tce
    assert a["renewable_electricity"] == approx(3_000)  # 300 万千瓦时 = 3 000 000 kWh = 3 000 MWh
    assert a["separately_listed_energy"] == approx(5_000)  # 0.5 万tce
    assert a["gdp_constant"] == approx(1.5)  # 1.5 亿元 stays 1.5 yi_CNY
    assert (a["price_base_year"], a["data_origin"]) == (2020, "user")
    b = r.frame.row(1, named=True)
    assert (b["period"], b["total_energy"], b["gdp_constant"]) == ("2021H1", approx(80_000), approx(0.8))
    c = r.frame.row(2, named=True)
    assert c["gdp_constant"] == approx(1234.5)  # "1,234.5" with a thousands separator
    assert (c["period"], c["data_origin"]) == ("2021-07", "official")


def test_bom_english_headers_other_units_and_absent_optional_columns(good, known):
    assert (good / "energy_bom.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    r = check_file(good / "energy_bom.csv")  # template inferred
    assert r.template == "energy" and r.ok
    a = r.frame.row(0, named=True)
    assert a["total_energy"] == approx(123_456)  # header in tce: unchanged
    assert a["renewable_electricity"] == approx(3_000)  # header in MWh: unchanged
    assert a["gdp_constant"] == approx(1.5)  # 15 000 万元 = 1.5 亿元
    assert a["feedstock_energy"] == 0.0 and a["separately_listed_value_added"] == 0.0  # columns absent
    assert a["data_origin"] == "user" and a["period"] == "2021Q3"
    assert r.units == {"total_energy": "tce", "renewable_electricity": "MWh", "gdp_constant": "万元"}


def test_gbk_chinese_headers_under_a_title_row(good, known):
    raw = (good / "energy_gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    r = check_file(good / "energy_gbk.csv", "energy", known)
    assert r.ok and r.header_row == 2 and r.source_rows == [3]
    assert r.frame["total_energy"].to_list() == [approx(123_456)]


def test_xlsx_title_blank_rows_formula_and_notes_sheet(good, known):
    r = check_file(good / "energy_title_blank.xlsx", "energy", known)
    assert r.sheet == "能源"  # the first sheet (说明) has no header; the second has
    assert r.header_row == 3 and r.source_rows == [4, 6, 7]
    assert [f.code for f in r.findings] == ["W_BLANK_ROWS_SKIPPED"]
    assert r.findings[0].location.row == 5 and r.findings[0].evidence["count"] == 1
    assert r.frame["region_code"].to_list() == ["110000", "120000", "130000"]  # numeric cells → text codes
    tot = r.frame["total_energy"].to_list()
    assert tot[1] == approx(80_000)  # formula cell: its cached value 8 万tce
    assert tot[2] == approx(10_000 / 3, rel=1e-14)  # 15 significant digits (Excel's own precision)


def test_regions_file(good, known):
    r = check_file(good / "regions.csv", "regions", known)
    assert r.ok and r.frame.columns == REGION_COLUMNS
    assert r.frame["level"].to_list() == ["national", "province", "province", "city"]  # 省 → province
    assert r.frame["name_en"].to_list()[3] == ""
    assert r.frame["parent_code"].to_list() == [None, None, None, "130000"]


def test_targets_percentages_become_fractions(good, known):
    r = check_file(good / "targets.xlsx")
    assert r.template == "targets" and r.ok and r.frame.columns == TARGET_COLUMNS
    a, b = r.frame.rows(named=True)
    assert a["plan"] == "14th"  # 十四五
    assert a["intensity_reduction_basic"] == approx(0.145)
    assert a["intensity_reduction_incentive"] == approx(0.16)
    assert a["gdp_growth_plan"] == approx(0.06)
    assert a["total_increment_cap"] == approx(15_000_000)  # 1 500 万tce
    assert (b["intensity_reduction_incentive"], b["total_increment_cap"]) == (None, None)


def test_ragged_csv_title_narrower_than_header():
    from ecer.ingest import read_table

    data = "能源消费表\n地区代码,期间,能源消费总量（tce）,地区生产总值（亿元）,可比价基年\n110000,2021,5,1,2020\n"
    r = read_table(data.encode(), "energy", filename="r.csv")
    assert r.ok and r.source_rows == [3] and r.frame["total_energy"][0] == 5.0
