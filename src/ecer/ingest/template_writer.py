"""Write a blank template: CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX (data sheet + 说明 sheet).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "e.csv"
>>> _ = write_template("energy", p)
>>> p.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import xlsxwriter

from ecer.ingest.templates import TEMPLATES, ColumnSpec, TemplateSpec

DATA_SHEET = "数据"
HELP_SHEET = "说明"
_FIXED_DATE = dt.datetime(2024, 1, 1)  # file metadata date: the same template gives the same bytes


def _unit_text(c: ColumnSpec) -> str:
    if c.kind == "percent":
        return "%（13.5 表示 13.5% / 13.5 means 13.5 %）"
    if c.unit_zh:
        return f"{c.unit_zh} / {c.unit_en}"
    return "—"


def _required_text(c: ColumnSpec) -> str:
    if c.required and c.cell_required:
        return "必填 / required"
    if c.cell_required:
        return f"可省略整列（默认 {c.default}），列在则每格必填 / column optional (default {c.default}); if present, every cell"
    return "可空 / optional"


def write_template(name: str, path: str | Path) -> Path:
    """Write template ``name`` (a key of TEMPLATES) to ``path`` (.csv or .xlsx); returns the path."""
    try:
        spec = TEMPLATES[name]
    except KeyError:
        raise KeyError(f"unknown template {name!r}; valid: {', '.join(TEMPLATES)}") from None
    p = Path(path)
    if p.suffix.lower() == ".csv":
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow([c.header for c in spec.columns])
    elif p.suffix.lower() == ".xlsx":
        _write_xlsx(spec, p)
    else:
        raise ValueError(f"template file must end in .csv or .xlsx, not {p.suffix!r}")
    return p


def _write_xlsx(spec: TemplateSpec, path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": f"ECER {spec.title_zh} / {spec.title_en}", "created": _FIXED_DATE})
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
    text = wb.add_format({"num_format": "@"})  # codes and periods stay text: Excel must not make 2021-07 a date
    ws = wb.add_worksheet(DATA_SHEET)
    for j, c in enumerate(spec.columns):
        ws.write_string(0, j, c.header, head)
        fmt = text if c.kind in ("code", "period", "text", "enum") else None
        ws.set_column(j, j, max(14, min(len(c.header), 40)), fmt)
    ws.set_row(0, 48)
    ws.freeze_panes(1, 0)
    hs = wb.add_worksheet(HELP_SHEET)
    cols = ["表头 / header", "含义", "meaning", "单位 / unit", "是否必填 / required", "示例 / example"]
    for j, h in enumerate(cols):
        hs.write_string(0, j, h, head)
    for i, c in enumerate(spec.columns, start=1):
        for j, v in enumerate([c.header, c.meaning_zh, c.meaning_en, _unit_text(c), _required_text(c), c.example]):
            hs.write_string(i, j, v)
    notes = [
        "表头可只写中文或只写英文；单位写在括号中，可改用同量纲的十进单位（如 吨标准煤、千瓦时、万元），程序自动换算。",
        ("Headers may be Chinese or English alone; units go in brackets and may be any decimal multiple of the "
        "template's unit (tce, kWh, 万元...); values are converted."),
        "空行会被跳过并提示；列在但单元格为空视为错误；千分位 1,234.5 可以识别。",
        "Blank rows are skipped with a warning; an empty cell in a present column is an error; 1,234.5 is read.",
    ]
    notes += list(spec.notes)
    for k, note in enumerate(notes):
        hs.write_string(len(spec.columns) + 2 + k, 0, note)
    if spec.name == "unit_performance":
        _write_indicators(hs, len(spec.columns) + 3 + len(notes), head)
    hs.set_column(0, 0, 48)
    hs.set_column(1, 2, 40)
    hs.set_column(3, 5, 22)
    wb.close()


def _write_indicators(ws: xlsxwriter.worksheet.Worksheet, first: int, head: xlsxwriter.format.Format) -> None:
    """The 说明 sheet of unit_performance lists each field's indicator, basis and unit (newest edition per row), so
    the user sees the basis the value must be on."""
    from ecer.refdata.unit_catalog import indicator_table

    cols = ["领域 / field", "细分类别 / sub_category", "指标（口径）/ indicator (basis)", "单位 / unit",
            "标杆 / benchmark", "基准 / baseline", "版本 / edition"]
    for j, h in enumerate(cols):
        ws.write_string(first, j, h, head)
    for i, r in enumerate(indicator_table().iter_rows(named=True), start=first + 1):
        for j, v in enumerate([r["field"], r["sub_category"], r["basis"], r["unit"], f"{r['benchmark_value']:g}",
                               f"{r['baseline_value']:g}", r["edition"]]):
            ws.write_string(i, j, str(v))
