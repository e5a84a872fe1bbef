"""What the ingest validators say, word for word, in Chinese and English, and where (issue 5 §3.3: the tests of
``ecer.ingest.validate`` and ``ecer.ingest.rowchecks`` checked the codes and rarely the message's fields — the row,
the column, the value, the fix — so a mutation of any of them survived).

Each test writes a small file (the template's own headers, one or a few rows), checks it with
``ecer.ingest.check_file`` and compares the finding's whole line in both languages (``Finding.text``: file, row,
column, message, fix) and its location with what the code's template in ``ecer.findings`` gives when filled by hand
from the file. Rows are spreadsheet rows: the header is row 1, the first data row is row 2. ``ecer.ingest.cells``
parses cells and emits no finding of its own; its parsers are ``validate.check_cells``' expressions, so the cell
codes below cover it.

Codes covered, by the validator that emits them:

* ``validate.check_cells``: E_REQUIRED, E_NOT_NUMBER, E_REGION_MALFORMED, E_PERIOD_MALFORMED,
  E_PRICE_BASE_MALFORMED, E_VALUE_INVALID (a year out of range, a date that does not exist, a choice not offered,
  a reduction of 100 % or more), E_NEGATIVE, W_PERCENT_LOOKS_FRACTION, E_REGION_UNKNOWN, E_REGION_RETIRED;
* ``rowchecks``: E_DUPLICATE_KEY, E_FEEDSTOCK_ABOVE_TOTAL, E_EXCLUSIONS_ABOVE_TOTAL, E_PRICE_BASE_MIXED,
  E_REGION_PARENT, E_VALUE_INVALID (a target year not after the base year);
* their collector (``ecer.ingest.collector``): W_FINDINGS_TRUNCATED when a check finds more cells than the cap.

The header, file and unit findings (``ecer.ingest.headers`` / ``reader``: E_HEADER_*, E_FILE_*, E_UNIT_*) are the
subject of ``test_ingest_bad_files.py`` and are not repeated here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ecer.findings import Finding
from ecer.ingest import check_file
from ecer.ingest.templates import TEMPLATES
from tests.projects.conftest import file_row, write_projects

KNOWN = {"110000", "120000", "130000", "130100"}
ENERGY = [c.header for c in TEMPLATES["energy"].columns if c.name not in ("electricity_basis", "electricity_coal_rate")]
REGIONS = [c.header for c in TEMPLATES["regions"].columns]
TARGETS = [c.header for c in TEMPLATES["targets"].columns]
# one good energy row: region, period, total 12.3456 万tce, feedstock 1.2, renewable electricity 300 万kWh, other
# non-fossil 0, separately listed 0.5, its value added 0, GDP 1.5 亿元 at 2020 prices, user data
GOOD = ["110000", "2021", "12.3456", "1.2", "300", "0", "0.5", "0", "1.5", "2020", "user"]
# the headers as the messages show them (the file's own header text)
H_REGION = "地区代码 / region_code"
H_PERIOD = "期间 / period"
H_TOTAL = "能源消费总量（万吨标准煤）/ total_energy (万tce)"
H_FEEDSTOCK = "原料用能（万吨标准煤）/ feedstock_energy (万tce)"
H_GDP = "地区生产总值（可比价）（亿元）/ gdp_constant (10^8 CNY)"
H_BASE = "可比价基年 / price_base_year"
H_ORIGIN = "数据性质 / data_origin"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _energy(tmp_path: Path, *changes: dict[int, str], name: str = "e.csv") -> Path:
    """An energy file of one row per ``changes`` (column index → text), each the good row otherwise."""
    rows = []
    for ch in changes:
        row = list(GOOD)
        for i, v in ch.items():
            row[i] = v
        rows.append(row)
    return _write(tmp_path / name, ENERGY, rows)


def _only(path: Path, template: str, code: str, cap: int = 200) -> Finding:
    r = check_file(path, template, KNOWN, cap=cap)
    found = [f for f in r.findings if f.code == code]
    assert len(found) == 1, [f.text("en") for f in r.findings]
    return found[0]


def _at(f: Finding, file: str, row: int | None, column: str | None) -> None:
    assert f.location is not None
    assert (f.location.file, f.location.sheet, f.location.row, f.location.column) == (file, None, row, column)


# --- validate.check_cells --------------------------------------------------------------------------------------


def test_an_empty_required_cell(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {8: ""}), "energy", "E_REQUIRED")
    _at(f, "e.csv", 2, H_GDP)
    assert f.text("zh") == f"[E_REQUIRED] 文件 e.csv，第 2 行，列 {H_GDP}：必填值为空。处理：填写该单元格"
    assert f.text("en") == f"[E_REQUIRED] file e.csv, row 2, column {H_GDP}: a required value is empty. Fix: fill in this cell"


def test_a_number_with_a_unit_in_it(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {}, {2: "12万"}), "energy", "E_NOT_NUMBER")
    _at(f, "e.csv", 3, H_TOTAL)
    assert f.text("zh") == (f"[E_NOT_NUMBER] 文件 e.csv，第 3 行，列 {H_TOTAL}：“12万”不是数字。处理：填写数字（不带单位、"
                            "不带千分位以外的符号）")
    assert f.text("en") == (f"[E_NOT_NUMBER] file e.csv, row 3, column {H_TOTAL}: '12万' is not a number. Fix: enter a "
                            "plain number (no unit, no text)")


def test_a_region_code_of_five_digits(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {}, {0: "11000"}), "energy", "E_REGION_MALFORMED")
    _at(f, "e.csv", 3, H_REGION)
    assert f.text("zh") == (f"[E_REGION_MALFORMED] 文件 e.csv，第 3 行，列 {H_REGION}：行政区划代码“11000”格式错误，应为 6 位数字"
                            "（GB/T 2260）。处理：填写 6 位行政区划代码，如 110000（北京市）")
    assert f.text("en") == (f"[E_REGION_MALFORMED] file e.csv, row 3, column {H_REGION}: region code '11000' is malformed: "
                            "GB/T 2260 codes are 6 digits. Fix: enter the 6-digit code, e.g. 110000 (Beijing)")


def test_a_thirteenth_month(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {1: "2021-13"}), "energy", "E_PERIOD_MALFORMED")
    _at(f, "e.csv", 2, H_PERIOD)
    assert f.text("zh") == (f"[E_PERIOD_MALFORMED] 文件 e.csv，第 2 行，列 {H_PERIOD}：期间“2021-13”格式错误。处理：使用 2021、"
                            "2021H1、2021Q3 或 2021-07 格式")
    assert f.text("en") == (f"[E_PERIOD_MALFORMED] file e.csv, row 2, column {H_PERIOD}: period '2021-13' is malformed. "
                            "Fix: use 2021, 2021H1, 2021Q3 or 2021-07")


def test_a_price_base_of_two_digits(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {9: "20"}), "energy", "E_PRICE_BASE_MALFORMED")
    _at(f, "e.csv", 2, H_BASE)
    assert f.text("zh") == (f"[E_PRICE_BASE_MALFORMED] 文件 e.csv，第 2 行，列 {H_BASE}：价格基年“20”不是四位年份。处理：填写如 "
                            "2020 的年份")
    assert f.text("en") == (f"[E_PRICE_BASE_MALFORMED] file e.csv, row 2, column {H_BASE}: price-base year '20' is not a "
                            "4-digit year. Fix: enter a year such as 2020")


def test_a_choice_not_offered_lists_the_spellings(tmp_path: Path) -> None:
    # data_origin accepts official/官方, synthetic/模拟, partly synthetic/部分模拟, user/用户 (the template's choices,
    # grouped by the value they stand for); "官方数据" is none of them
    f = _only(_energy(tmp_path, {10: "官方数据"}), "energy", "E_VALUE_INVALID")
    _at(f, "e.csv", 2, H_ORIGIN)
    valid = "official/官方, synthetic/模拟, partly synthetic/部分模拟, user/用户"
    assert f.text("zh") == (f"[E_VALUE_INVALID] 文件 e.csv，第 2 行，列 {H_ORIGIN}：值“官方数据”无效：可选：{valid}。处理：填写以下之一："
                            f"{valid}")
    assert f.text("en") == (f"[E_VALUE_INVALID] file e.csv, row 2, column {H_ORIGIN}: value '官方数据' is invalid: valid: "
                            f"{valid}. Fix: enter one of: {valid}")


def test_a_negative_gdp(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {}, {0: "120000", 8: "-1.5"}), "energy", "E_NEGATIVE")
    _at(f, "e.csv", 3, H_GDP)
    assert f.text("zh") == (f"[E_NEGATIVE] 文件 e.csv，第 3 行，列 {H_GDP}：数值 -1.5 为负，能源和经济量不能为负。处理：核对数据，"
                            "填写非负数")
    assert f.text("en") == (f"[E_NEGATIVE] file e.csv, row 3, column {H_GDP}: the value -1.5 is negative; energy and "
                            "economic quantities cannot be negative. Fix: check the data and enter a non-negative number")


def test_an_unknown_region(tmp_path: Path) -> None:
    # the known regions are 110000, 120000, 130000, 130100; 990000 is well formed but none of them
    f = _only(_energy(tmp_path, {}, {0: "990000"}), "energy", "E_REGION_UNKNOWN")
    _at(f, "e.csv", 3, H_REGION)
    assert f.text("zh") == (f"[E_REGION_UNKNOWN] 文件 e.csv，第 3 行，列 {H_REGION}：未知的行政区划代码“990000”。处理：先在地区表中"
                            "登记该地区（ecer load regions），或改正代码")
    assert f.text("en") == (f"[E_REGION_UNKNOWN] file e.csv, row 3, column {H_REGION}: unknown region code '990000'. "
                            "Fix: register the region first (`ecer load regions`) or correct the code")


def test_a_retired_region_names_its_successors(tmp_path: Path) -> None:
    # 330104 杭州市江干区 was abolished in 2021 (浙政发〔2021〕7号): its area is now 330102 上城区 and 330114 钱塘区
    # (the catalog table region_code_changes); its last year as a code is 2020, so "retired in 2021"
    f = _only(_energy(tmp_path, {0: "330104"}), "energy", "E_REGION_RETIRED")
    _at(f, "e.csv", 2, H_REGION)
    assert f.text("zh") == (f"[E_REGION_RETIRED] 文件 e.csv，第 2 行，列 {H_REGION}：行政区划代码“330104”（江干区）已于 2021 年"
                            "撤销或变更，其区域现属 330102 上城区, 330114 钱塘区。处理：改用现行代码（330102, 330114），"
                            "或在地区表中登记旧代码")
    assert f.text("en") == (f"[E_REGION_RETIRED] file e.csv, row 2, column {H_REGION}: region code '330104' (江干区) was "
                            "retired in 2021; its area is now 330102 上城区, 330114 钱塘区. Fix: use the current code "
                            "(330102, 330114), or register the old code in a regions file")


def test_targets_year_out_of_range_a_reduction_of_100_percent_and_one_that_looks_like_a_fraction(
        tmp_path: Path) -> None:
    h_base, h_basic = "基期年 / base_year", "能耗强度降低基本目标（%）/ intensity_reduction_basic (%)"
    h_incentive = "能耗强度降低激励目标（%）/ intensity_reduction_incentive (%)"
    # columns: region, plan, base year, target year, basic, incentive, GDP growth, increment cap, source
    path = _write(tmp_path / "t.csv", TARGETS, [
        ["110000", "14th", "1900", "2025", "13.5", "", "", "", "src"],  # row 2: 1900 is before 1949
        ["120000", "14th", "2020", "2025", "135", "", "", "", "src"],  # row 3: a cut of 135 %
        ["130000", "14th", "2020", "2025", "13.5", "0.145", "", "", "src"],  # row 4: 0.145 looks like 14.5 %
    ])
    r = check_file(path, "targets", KNOWN)
    year, percent = [f for f in r.findings if f.code == "E_VALUE_INVALID"]
    _at(year, "t.csv", 2, h_base)
    assert year.text("zh") == (f"[E_VALUE_INVALID] 文件 t.csv，第 2 行，列 {h_base}：值“1900”无效：不是 1949–2100 的四位年份。"
                               "处理：填写如 2020 的年份")
    assert year.text("en") == (f"[E_VALUE_INVALID] file t.csv, row 2, column {h_base}: value '1900' is invalid: not a "
                               "4-digit year 1949–2100. Fix: enter a year such as 2020")
    _at(percent, "t.csv", 3, h_basic)
    assert percent.text("zh") == (f"[E_VALUE_INVALID] 文件 t.csv，第 3 行，列 {h_basic}：值“135”无效：降低率应小于 100%。"
                                  "处理：填写百分数，如 13.5")
    assert percent.text("en") == (f"[E_VALUE_INVALID] file t.csv, row 3, column {h_basic}: value '135' is invalid: a "
                                  "reduction must be below 100 %. Fix: enter a percentage such as 13.5")
    (fraction,) = [f for f in r.findings if f.code == "W_PERCENT_LOOKS_FRACTION"]
    _at(fraction, "t.csv", 4, h_incentive)
    assert fraction.text("zh") == (f"[W_PERCENT_LOOKS_FRACTION] 文件 t.csv，第 4 行，列 {h_incentive}：百分比列中的值 0.145 "
                                   "小于 1，是否应为 14.5%？处理：本列按百分数填写（13.5 表示 13.5%），不要使用 Excel 百分比格式")
    assert fraction.text("en") == (f"[W_PERCENT_LOOKS_FRACTION] file t.csv, row 4, column {h_incentive}: the value 0.145 "
                                   "in a percent column is below 1; did you mean 14.5%? Fix: this column takes "
                                   "percentages (13.5 means 13.5 %); do not use Excel's percent format")


def test_a_date_that_does_not_exist(tmp_path: Path) -> None:
    # 30 February: the construction start of project P1 (the projects template's dates are YYYY-MM-DD)
    header = "开工日期 / construction_start"
    f = _only(write_projects(tmp_path / "p.csv", [file_row(construction_start="2022-02-30")]), "projects",
              "E_VALUE_INVALID")
    _at(f, "p.csv", 2, header)
    assert f.text("zh") == (f"[E_VALUE_INVALID] 文件 p.csv，第 2 行，列 {header}：值“2022-02-30”无效：不是有效日期。处理：按 "
                            "YYYY-MM-DD 填写日期，如 2022-03-15")
    assert f.text("en") == (f"[E_VALUE_INVALID] file p.csv, row 2, column {header}: value '2022-02-30' is invalid: not a "
                            "valid date. Fix: write the date as YYYY-MM-DD, e.g. 2022-03-15")


# --- rowchecks ---------------------------------------------------------------------------------------------------


def test_a_repeated_region_and_period_names_the_first_row(tmp_path: Path) -> None:
    # rows 2 and 4 are both 110000 2021: the later one is reported, at the key's last column (period)
    f = _only(_energy(tmp_path, {}, {0: "120000"}, {2: "13"}), "energy", "E_DUPLICATE_KEY")
    _at(f, "e.csv", 4, H_PERIOD)
    assert f.text("zh") == (f"[E_DUPLICATE_KEY] 文件 e.csv，第 4 行，列 {H_PERIOD}：地区 110000 期间 2021 重复（也出现在第 2 行）。"
                            "处理：每个地区每个期间只保留一行")
    assert f.text("en") == (f"[E_DUPLICATE_KEY] file e.csv, row 4, column {H_PERIOD}: region 110000, period 2021 appears "
                            "twice (also on row 2). Fix: keep one row per region and period")


def test_feedstock_above_the_total_shows_both_as_written(tmp_path: Path) -> None:
    # 20 万tce of feedstock against a total of 12.3456 万tce, each shown as the file wrote it, with the unit its header
    # names first (万吨标准煤, the user's own text, so in both languages)
    f = _only(_energy(tmp_path, {3: "20"}), "energy", "E_FEEDSTOCK_ABOVE_TOTAL")
    _at(f, "e.csv", 2, H_FEEDSTOCK)
    assert f.text("zh") == (f"[E_FEEDSTOCK_ABOVE_TOTAL] 文件 e.csv，第 2 行，列 {H_FEEDSTOCK}：原料用能 20 万吨标准煤 大于能源消费总量 "
                            "12.3456 万吨标准煤。处理：原料用能是能源消费总量的一部分，核对两列数值和单位")
    assert f.text("en") == (f"[E_FEEDSTOCK_ABOVE_TOTAL] file e.csv, row 2, column {H_FEEDSTOCK}: feedstock energy 20 万吨标准煤 "
                            "exceeds total energy consumption 12.3456 万吨标准煤. Fix: feedstock is part of the total: check "
                            "both values and their units")


def test_exclusions_above_the_total_are_added_in_tce(tmp_path: Path) -> None:
    # total 12 万tce = 120 000 tce; feedstock 8 + other non-fossil 0 + separately listed 5 = 13 万tce = 130 000 tce
    f = _only(_energy(tmp_path, {2: "12", 3: "8", 6: "5"}), "energy", "E_EXCLUSIONS_ABOVE_TOTAL")
    _at(f, "e.csv", 2, H_TOTAL)
    assert f.text("zh") == (f"[E_EXCLUSIONS_ABOVE_TOTAL] 文件 e.csv，第 2 行，列 {H_TOTAL}：扣除项合计 130000 tce 大于能源消费总量 "
                            "120000 tce。处理：核对原料用能、单列能耗和非化石能源的数值与单位")
    assert f.text("en") == (f"[E_EXCLUSIONS_ABOVE_TOTAL] file e.csv, row 2, column {H_TOTAL}: the exclusions add up to "
                            "130000 tce, more than total energy consumption 120000 tce. Fix: check feedstock, separately "
                            "listed and non-fossil values and their units")


def test_mixed_price_bases_point_at_the_first_row_of_the_second_base(tmp_path: Path) -> None:
    f = _only(_energy(tmp_path, {}, {0: "120000", 9: "2015"}), "energy", "E_PRICE_BASE_MIXED")
    _at(f, "e.csv", 3, H_BASE)
    assert f.text("zh") == (f"[E_PRICE_BASE_MIXED] 文件 e.csv，第 3 行，列 {H_BASE}：GDP 可比价基年不一致：本文件含 2020, 2015。"
                            "处理：把所有 GDP 换算到同一基年价格（如 2020 年价）后再导入")
    assert f.text("en") == (f"[E_PRICE_BASE_MIXED] file e.csv, row 3, column {H_BASE}: GDP is on mixed constant-price bases: "
                            "this file has 2020, 2015. Fix: restate all GDP at one base year's prices (e.g. 2020) before "
                            "loading")
    assert f.evidence["rows_per_base"] == {"2020": 1, "2015": 1}


def test_a_parent_nobody_knows(tmp_path: Path) -> None:
    header = "上级地区代码 / parent_code"
    path = _write(tmp_path / "r.csv", REGIONS, [["130000", "河北省", "Hebei", "province", ""],
                                                ["130100", "石家庄市", "Shijiazhuang", "city", "140000"]])
    f = _only(path, "regions", "E_REGION_PARENT")
    _at(f, "r.csv", 3, header)
    assert f.text("zh") == (f"[E_REGION_PARENT] 文件 r.csv，第 3 行，列 {header}：上级地区代码“140000”不存在。处理：先登记上级地区，"
                            "或改正上级代码")
    assert f.text("en") == (f"[E_REGION_PARENT] file r.csv, row 3, column {header}: parent region code '140000' does not "
                            "exist. Fix: register the parent first, or correct the parent code")


def test_a_target_year_before_the_base_year(tmp_path: Path) -> None:
    header = "目标年 / target_year"
    path = _write(tmp_path / "t.csv", TARGETS, [["110000", "14th", "2025", "2020", "13.5", "", "", "", "src"]])
    f = _only(path, "targets", "E_VALUE_INVALID")
    _at(f, "t.csv", 2, header)
    assert f.text("zh") == (f"[E_VALUE_INVALID] 文件 t.csv，第 2 行，列 {header}：值“2020”无效：目标年须晚于基期年 2025。"
                            "处理：核对基期年和目标年")
    assert f.text("en") == (f"[E_VALUE_INVALID] file t.csv, row 2, column {header}: value '2020' is invalid: target year "
                            "must be after base year 2025. Fix: check the base and target years")


# --- the collector's cap -----------------------------------------------------------------------------------------


def test_more_bad_cells_than_the_cap_are_counted_and_summarised(tmp_path: Path) -> None:
    # three negative GDP cells (rows 2–4) with a cap of 2: rows 2 and 3 are listed, the summary counts all three
    neg = {8: "-1"}
    path = _energy(tmp_path, {**neg}, {0: "120000", **neg}, {0: "130000", **neg})
    r = check_file(path, "energy", KNOWN, cap=2)
    assert [(f.code, f.location.row if f.location else None) for f in r.findings] == [
        ("E_NEGATIVE", 2), ("E_NEGATIVE", 3), ("W_FINDINGS_TRUNCATED", None)]
    f = r.findings[-1]
    _at(f, "e.csv", None, None)
    assert f.text("zh") == ("[W_FINDINGS_TRUNCATED] 文件 e.csv：E_NEGATIVE 共 3 条，只列出前 2 条。处理：改正已列出的问题后"
                            "重新检查")
    assert f.text("en") == ("[W_FINDINGS_TRUNCATED] file e.csv: E_NEGATIVE: 3 in all, only the first 2 are listed. Fix: "
                            "fix the ones listed and check again")
