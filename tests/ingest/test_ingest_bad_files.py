"""One small file per bad-input class: the exact code, row and column, and both messages naming the value.

Rows are spreadsheet rows (the header is row 1 unless a title row is above it).
"""

from __future__ import annotations

import pytest

from ecer.ingest import check_file
from ecer.ingest.templates import TEMPLATES

E = {c.name: c.header for c in TEMPLATES["energy"].columns}
R = {c.name: c.header for c in TEMPLATES["regions"].columns}
T = {c.name: c.header for c in TEMPLATES["targets"].columns}

# file, template, code, row, column, text both messages must contain ("" = nothing to name)
CASES = [
    ("region_malformed.csv", "energy", "E_REGION_MALFORMED", 3, E["region_code"], "11000"),
    ("region_unknown.csv", "energy", "E_REGION_UNKNOWN", 2, E["region_code"], "990000"),
    # 330104 杭州市江干区, retired in 2021: the message names its successors 330102 上城区 and 330114 钱塘区
    ("region_retired.csv", "energy", "E_REGION_RETIRED", 2, E["region_code"], "330114"),
    ("duplicate_key.csv", "energy", "E_DUPLICATE_KEY", 4, E["period"], "110000"),
    ("not_number.csv", "energy", "E_NOT_NUMBER", 2, E["total_energy"], "12万"),
    ("negative.csv", "energy", "E_NEGATIVE", 3, E["gdp_constant"], "-1.5"),
    ("feedstock_above_total.csv", "energy", "E_FEEDSTOCK_ABOVE_TOTAL", 2, E["feedstock_energy"], "12.3456"),
    # 8 + 5 万tce = 130 000 tce of exclusions against 12 万tce = 120 000 tce
    ("exclusions_above_total.csv", "energy", "E_EXCLUSIONS_ABOVE_TOTAL", 2, E["total_energy"], "130000 tce"),
    ("price_base_mixed.csv", "energy", "E_PRICE_BASE_MIXED", 3, E["price_base_year"], "2015"),
    ("price_base_malformed.csv", "energy", "E_PRICE_BASE_MALFORMED", 2, E["price_base_year"], "20"),
    ("period_malformed.csv", "energy", "E_PERIOD_MALFORMED", 2, E["period"], "2021-13"),
    ("required_empty.csv", "energy", "E_REQUIRED", 2, E["gdp_constant"], ""),
    ("value_invalid.csv", "energy", "E_VALUE_INVALID", 2, E["data_origin"], "官方数据"),
    ("missing_column.csv", "energy", "E_HEADER_MISSING", None, E["gdp_constant"], "gdp_constant"),
    ("unknown_column.csv", "energy", "E_HEADER_UNKNOWN", None, "备注 / note", "备注 / note"),
    ("duplicate_column.csv", "energy", "E_HEADER_DUPLICATE", None, E["total_energy"], "total_energy"),
    ("unlabelled_data.csv", "energy", "E_HEADER_UNKNOWN", None, "#12", "#12"),
    ("unit_mismatch.csv", "energy", "E_UNIT_MISMATCH", None, "能源消费总量（亿元）", "亿元"),
    ("unit_unknown.csv", "energy", "E_UNIT_MISMATCH", None, "能源消费总量（万桶）", "万桶"),
    ("unit_calorific.csv", "energy", "E_UNIT_MISMATCH", None, "可再生能源电力消费量（万tce）", "万tce"),
    ("unit_missing.csv", "energy", "E_UNIT_MISSING", None, "能源消费总量", "能源消费总量"),
    ("header_only.csv", "energy", "E_FILE_EMPTY", None, None, ""),
    ("empty.csv", None, "E_FILE_EMPTY", None, None, ""),
    ("not_a_table.csv", None, "E_HEADER_NOT_FOUND", None, None, ""),
    ("bad_encoding.csv", None, "E_FILE_FORMAT", None, None, "GBK"),
    ("corrupt.xlsx", None, "E_FILE_FORMAT", None, None, "Excel"),
    ("region_parent.csv", "regions", "E_REGION_PARENT", 3, R["parent_code"], "140000"),
    ("level_invalid.csv", "regions", "E_VALUE_INVALID", 2, R["level"], "省会"),
    ("targets_percent_over.csv", "targets", "E_VALUE_INVALID", 2, T["intensity_reduction_basic"], "135"),
    ("targets_years.csv", "targets", "E_VALUE_INVALID", 2, T["target_year"], "2020"),
]


@pytest.mark.parametrize(("name", "template", "code", "row", "column", "shown"), CASES, ids=[c[0] for c in CASES])
def test_bad_file(bad, known, name, template, code, row, column, shown):
    r = check_file(bad / name, template, known)
    assert r.frame is None
    assert {f.code for f in r.errors} == {code}, [f.text("en") for f in r.findings]
    f = r.errors[0]
    assert f.location is not None and f.location.file == name
    assert (f.location.row, f.location.column) == (row, column)
    assert f.message_zh and f.message_en and f.fix_zh and f.fix_en
    assert shown in f.message_zh + f.fix_zh and shown in f.message_en + f.fix_en


def test_duplicate_key_names_both_rows(bad, known):
    f = check_file(bad / "duplicate_key.csv", "energy", known).errors[0]
    assert f.evidence["other_row"] == 2 and f.evidence["rows"] == [2, 4]
    assert "2" in f.message_en and "2021" in f.message_zh


def test_wrong_sheet_names_the_sheets(bad, known):
    r = check_file(bad / "wrong_sheet.xlsx", "energy", known, sheet="数据")
    assert [f.code for f in r.findings] == ["E_SHEET_MISSING"]
    f = r.findings[0]
    assert "Sheet1" in f.message_zh and "Sheet1" in f.message_en and "数据" in f.message_en
    # without --sheet, the first sheet with the header is used
    ok = check_file(bad / "wrong_sheet.xlsx", "energy", known)
    assert ok.ok and ok.sheet == "Sheet1"


def test_percent_that_looks_like_a_fraction_is_a_warning(bad, known):
    r = check_file(bad / "targets_percent_fraction.csv", "targets", known)
    assert [f.code for f in r.findings] == ["W_PERCENT_LOOKS_FRACTION"]
    assert "13.5%" in r.findings[0].message_en and "0.135" in r.findings[0].message_zh
    assert r.frame is not None and r.frame["intensity_reduction_basic"][0] == pytest.approx(0.00135)


def test_region_unknown_only_when_known_regions_given(bad):
    assert check_file(bad / "region_unknown.csv", "energy").ok


def test_too_large_upload():
    from ecer.ingest import check_size, read_upload

    r = read_upload(b"a,b\n1,2\n", "x.csv", "energy", max_bytes=4)
    assert [f.code for f in r.findings] == ["E_FILE_TOO_LARGE"] and r.findings[0].evidence["size"] == 8
    assert check_size(51 * 1024 * 1024, filename="x.csv").code == "E_FILE_TOO_LARGE"  # default limit 50 MB


def test_unknown_template_name():
    from ecer.ingest import read_table

    r = read_table(b"a\n", "energie", filename="x.csv")
    assert [f.code for f in r.findings] == ["E_UNKNOWN_NAME"] and "energie" in r.findings[0].message_en


def test_retired_code_names_its_successors_by_code_and_name(bad, known):
    # 浙政发〔2021〕7号: 江干区 (330104) was abolished in 2021; its area went to 上城区 (330102) and the new 钱塘区
    # (330114). The finding must name both successors with their names, not only the codes (the mutant that blanks
    # the names survived the test above, which looks for the code 330114 only).
    f = check_file(bad / "region_retired.csv", "energy", known).errors[0]
    assert f.code == "E_REGION_RETIRED"
    assert f.evidence["name"] == "江干区" and f.evidence["year"] == 2021
    assert f.evidence["successor_codes"] == "330102, 330114"
    assert f.evidence["successors"] == "330102 上城区, 330114 钱塘区"
    assert "330102 上城区, 330114 钱塘区" in f.message_zh and "330102 上城区, 330114 钱塘区" in f.message_en
    assert "江干区" in f.message_zh and "2021" in f.message_en
