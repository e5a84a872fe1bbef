"""The Excel report: a summary that reads as a document, results by level with Chinese headers and units, numbers
as numbers with formats, the findings, the rules with their clauses, the chart, every row in a data sheet, and no
text Excel would evaluate as a formula."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from ecer.findings import Finding
from ecer.reports import write_xlsx
from ecer.services.dual_control import AssessmentResult
from tests.reports.text import RAW, words

SHEETS = ["概要", "结果-全国和省级地区", "结果-地级市", "目标", "规则", "问题清单", "图表", "数据"]


@pytest.fixture(scope="module")
def book(levels_result: AssessmentResult, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    return openpyxl.load_workbook(write_xlsx(levels_result, tmp_path_factory.mktemp("x") / "报告.xlsx"))


def _strings(ws) -> list[str]:  # type: ignore[no-untyped-def]
    return [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def _find(ws, text: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return next((c.row, c.column) for row in ws.iter_rows() for c in row if c.value == text)


def test_sheets_and_summary_document(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEETS
    texts = _strings(book["概要"])
    assert texts[0] == "能耗双控目标完成情况评估报告"
    assert any(t.startswith("本报告评估2022年能耗双控目标完成情况，范围为全国、3 个省（自治区、直辖市）、1 个地级市") for t in texts)
    assert any(t.startswith("数据说明：本报告使用的数据含模拟数据") for t in texts)
    assert "八、计算方法与假设" in texts and "签发：" in texts
    ws = book["概要"]
    r, c = _find(ws, "省（自治区、直辖市）")
    counts = [ws.cell(r, c + j).value for j in range(1, 10)]
    assert counts == [3, 0, 3, 0, 0, 0, 1, 2, 0] and ws.cell(r, c + 1).number_format == "0"


def test_results_numbers_with_formats(handcase_result: AssessmentResult, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_xlsx(handcase_result, tmp_path / "h.xlsx"))["结果-全国和省级地区"]
    r, _ = _find(ws, "全国和省级地区：能源消费总量（2021年，按 2022 版规则核算）")
    heads = [c.value for c in ws[r + 1]]
    row = next(i for i in range(r + 2, ws.max_row + 1) if ws.cell(i, 1).value == "北京市")
    cell = ws.cell(row, heads.index("总量考核能耗（万吨标准煤）") + 1)
    assert cell.value == pytest.approx(0.7871) and cell.number_format == "#,##0.0000"
    growth = ws.cell(row, heads.index("同比增速") + 1)
    assert growth.value == pytest.approx(-0.125444, abs=1e-6) and growth.number_format == "0.00%"
    grade = ws.cell(row, heads.index("总量预警") + 1)
    assert grade.value == "三级 绿" and grade.fill.fgColor.rgb.endswith("2E9D4F")


def test_rules_findings_chart_and_data(book: openpyxl.Workbook, levels_result: AssessmentResult) -> None:
    rules = book["规则"]
    assert [c.value for c in rules[1]] == ["规则版本", "适用期间", "规则", "依据（文件和条款）", "原文", "出处"]
    texts = _strings(rules)
    assert any(t.startswith("2022 年按 2022 版规则（发改运行〔2022〕1258号") for t in texts)
    assert "原料用能不纳入全国及地方能耗双控考核" in texts  # the 2021 edition's quoted words
    findings = book["问题清单"]
    assert [c.value for c in findings[2]][:3] == ["警告", "W_MISSING_COMPARISON", "全国"]
    assert [c.value for c in book["图表"]["A"][2:5]] == ["北京市", "天津市", "河北省"]
    data = book["数据"]
    assert data.max_row == levels_result.table.height + 1
    heads = [c.value for c in data[1]]
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in heads)  # every header in Chinese, with its unit
    row = [c.value for c in data[3]]  # 北京市 2021
    values = dict(zip(heads, row, strict=True))
    assert values["地区"] == "北京市" and values["级别"] == "省" and values["期间"] == "2021年"
    assert values["期间类型"] == "年" and values["核算规则"] == "2021 版" and values["强度预警颜色"] == "绿"
    assert values["总量免予考核"] == "否" and values["电力折标口径"] == "当量值"
    assert isinstance(values["总量考核能耗（万吨标准煤）"], float)


def test_no_codes_in_any_sheet(book: openpyxl.Workbook) -> None:
    for name in book.sheetnames:
        ws = book[name]
        skip = {5, 6} if name == "规则" else set()  # the quoted words and their source are the documents' own
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.column not in skip:
                    assert not RAW & words(c.value), (name, c.coordinate, c.value)
                assert not isinstance(c.value, bool), (name, c.coordinate)


def test_no_formulas_from_text(levels_result: AssessmentResult, tmp_path: Path) -> None:
    """Text that starts with = + - @ tab or CR is written as a string, never as a formula."""
    nasty = ["=HYPERLINK(\"http://example.com\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    table = levels_result.table.with_columns(
        name_zh=pl.when(pl.col("region_code") == "130200").then(pl.lit(nasty[0])).otherwise(pl.col("name_zh")))
    findings = [Finding(code="W_TEST", level="warning", message_zh=m, message_en=m, fix_zh=m, fix_en=m)
                for m in nasty]
    result = dataclasses.replace(levels_result, table=table, findings=findings)
    path = write_xlsx(result, tmp_path / "x.xlsx")
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode("utf-8"), n
    wb = openpyxl.load_workbook(path)
    seen = [c for name in wb.sheetnames for row in wb[name].iter_rows() for c in row
            if isinstance(c.value, str) and c.value.lstrip("\t\r")[:1] in "=+-@" and c.value in nasty]
    assert len(seen) > len(nasty) and all(c.data_type == "s" for c in seen)


def test_english(levels_result: AssessmentResult, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_xlsx(levels_result, tmp_path / "r.xlsx", lang="en"))
    assert wb.sheetnames == ["Summary", "Results-China and provinces", "Results-cities", "Targets", "Rules",
                             "Findings", "Chart", "Data"]
    assert "Energy for the total check [10⁴ tce]" in [c.value for c in wb["Data"][1]]
