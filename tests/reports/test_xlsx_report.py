"""The Excel report: sheets, Chinese headers, values in display units, formats, chart, findings."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from ecer.reports import write_xlsx
from tests.reports.fake_result import FakeResult


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_xlsx(FakeResult(), tmp_path_factory.mktemp("x") / "报告.xlsx")


def _row_of(ws, name: str) -> int:  # type: ignore[no-untyped-def]
    col = [c.value for c in ws[1]].index("地区") + 1
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == name)


def test_sheets_and_chinese_headers(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["概要", "评估结果", "图表", "问题清单"]
    heads = [c.value for c in wb["评估结果"][1]]
    assert heads[:2] == ["地区代码", "地区"]
    assert "能耗强度同比变化" in heads and "能源消费总量（万吨标准煤）" in heads and "强度预警颜色" in heads
    assert len(heads) == 37  # every column of the result table


def test_known_cells(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["评估结果"]
    heads = [c.value for c in ws[1]]
    r = _row_of(ws, "北京")
    change = ws.cell(r, heads.index("能耗强度同比变化") + 1)
    assert change.value == pytest.approx(-0.031) and change.number_format == "0.00%"
    # 6.9e7 tce = 6 900 万tce
    assert ws.cell(r, heads.index("能源消费总量（万吨标准煤）") + 1).value == pytest.approx(6900.0)
    assert ws.cell(r, heads.index("强度预警颜色") + 1).value == "green"
    tibet = _row_of(ws, "西藏")
    assert ws.cell(tibet, heads.index("能耗强度同比变化") + 1).value is None  # no data stays blank


def test_grade_colours_are_conditional_formats(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["评估结果"]
    fills = set()
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            fills.add(rule.dxf.fill.bgColor.rgb[-6:].lower())
    assert {"d93b30", "f5c518", "2e9d4f"} <= fills


def test_native_chart_present(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode("utf-8")
    assert "<c:barChart>" in xml and "能耗强度同比变化" in xml
    ws = openpyxl.load_workbook(book)["图表"]
    # chart data: 4 provinces of 2021 in code order (national and the city are left out)
    assert [ws.cell(r, 1).value for r in range(3, 7)] == ["北京", "河北", "内蒙古", "西藏"]
    assert ws.cell(5, 2).value == pytest.approx(0.0455)


def test_summary_and_findings(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    summary = [c for row in wb["概要"].iter_rows(values_only=True) for c in row if c is not None]
    assert "发改环资〔2022〕803号" in summary and "2022" in summary
    assert any(str(c).startswith("原料用能（feedstock）") for c in summary)
    f = wb["问题清单"]
    assert f.cell(1, 1).value == "代码"
    assert f.cell(2, 1).value == "W_MISSING_COMPARISON" and "第 7 行" in f.cell(2, 5).value


def test_english(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_xlsx(FakeResult(), tmp_path / "r.xlsx", lang="en"))
    assert wb.sheetnames == ["Summary", "Results", "Chart", "Findings"]
    assert "Intensity change y/y" in [c.value for c in wb["Results"][1]]
