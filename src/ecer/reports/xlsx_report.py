"""Excel report of a dual-control assessment (xlsxwriter): 概要 / 评估结果 / 图表 / 问题清单.

Sheets: a summary (rule edition, clauses, options, grade counts), the results (every column, Chinese
headers, % and number formats, conditional colours for the grades), a native bar chart of the intensity
change by province, and the findings. Energies are written in 万tce (tce / 10⁴), GDP in 亿元, fractions
as numbers with a % format (−0.031 shows as −3.10%).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ecer.reports.labels import (
    COLOR_NAMES,
    COLORS,
    ResultLike,
    chart_rows,
    clause_rows,
    edition_rows,
    kind,
    label,
    meta_rows,
    report_period,
)

SHEETS = {"zh": ("概要", "评估结果", "图表", "问题清单"), "en": ("Summary", "Results", "Chart", "Findings")}
TITLE = {"zh": "能耗双控目标完成情况评估", "en": "Energy dual-control assessment"}
_FONT = "Microsoft YaHei"


def _cell(column: str, value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind(column) == "energy":
        return value / 1e4
    if kind(column) == "bool":
        return bool(value)
    return value


def write_xlsx(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write the assessment ``result`` to an .xlsx workbook at ``path``; returns the path.

    ``lang``: 'zh' (Chinese headers and sheet names, the default) or 'en'.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    zh = lang == "zh"
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    base = {"font_name": _FONT, "font_size": 10}
    f = {
        "title": wb.add_format({**base, "bold": True, "font_size": 14}),
        "head": wb.add_format({**base, "bold": True, "bg_color": "#dfe7f1", "border": 1, "text_wrap": True,
                               "valign": "vcenter"}),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True, "valign": "top"}),
        "pct": wb.add_format({**base, "num_format": "0.00%"}),
        "energy": wb.add_format({**base, "num_format": "#,##0.00"}),
        "money": wb.add_format({**base, "num_format": "#,##0.00"}),
        "intensity": wb.add_format({**base, "num_format": "0.0000"}),
        "int": wb.add_format({**base, "num_format": "0"}),
    }
    names = SHEETS["zh" if zh else "en"]
    t = result.table
    _summary(wb.add_worksheet(names[0]), result, f, lang)
    ws = wb.add_worksheet(names[1])
    _results(wb, ws, result, f, lang)
    _chart(wb, wb.add_worksheet(names[2]), result, names[1], f, lang)
    _findings(wb.add_worksheet(names[3]), result, f, lang)
    wb.set_properties({"title": TITLE[lang], "comments": f"{t.height} rows"})
    wb.close()
    return path


def _summary(ws: Worksheet, result: ResultLike, f: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 4, 50)
    ws.write(0, 0, TITLE[lang], f["title"])
    row = 2
    ws.write(row, 0, "核算规则" if zh else "Rule edition", f["head"])
    for k, v in edition_rows(result.edition, lang):
        row += 1
        ws.write(row, 0, k, f["text"])
        ws.write(row, 1, v, f["text"])
    for k, v in meta_rows(result.meta):
        row += 1
        ws.write(row, 0, k, f["text"])
        ws.write(row, 1, v, f["text"])
    row += 2
    ws.write(row, 0, "预警等级统计" if zh else "Grades", f["head"])
    counts = Counter(result.table["intensity_color"].to_list()) if "intensity_color" in result.table.columns else {}
    for color, (czh, cen) in COLOR_NAMES.items():
        if counts.get(color):
            row += 1
            ws.write(row, 0, czh if zh else cen, f["text"])
            ws.write_number(row, 1, counts[color], f["int"])
    row += 2
    heads = ("条款", "文号", "条目", "原文", "出处") if zh else ("Key", "Document", "Clause", "Quote", "Source")
    for i, h in enumerate(heads):
        ws.write(row, i, h, f["head"])
    for r in clause_rows(result.edition):
        row += 1
        for i, v in enumerate(r):
            ws.write(row, i, v, f["wrap"])


def _results(wb: xlsxwriter.Workbook, ws: Worksheet, result: ResultLike, f: dict[str, Any], lang: str) -> None:
    t = result.table
    cols = t.columns
    for j, c in enumerate(cols):
        ws.write(0, j, label(c, lang), f["head"])
        k = kind(c)
        ws.set_column(j, j, 14 if k != "text" else (22 if c == "target_source" else 10), f.get(k, f["text"]))
    ws.set_row(0, 42)
    for i, row in enumerate(t.iter_rows(), start=1):
        for j, (c, v) in enumerate(zip(cols, row, strict=True)):
            v = _cell(c, v)
            if v is None:
                ws.write_blank(i, j, None)
            elif isinstance(v, bool):
                ws.write_boolean(i, j, v)
            elif isinstance(v, (int, float)):
                ws.write_number(i, j, v, f.get(kind(c), f["text"]))
            else:
                ws.write_string(i, j, str(v))
    n = t.height
    ws.freeze_panes(1, 2 if "name_zh" in cols else 1)
    if n:
        ws.autofilter(0, 0, n, len(cols) - 1)
    fills = {c: wb.add_format({"bg_color": bg, "font_color": fg}) for c, (bg, fg) in COLORS.items()}
    for c in ("intensity_color", "total_color", "intensity_grade", "total_grade"):
        if c not in cols or not n:
            continue
        j = cols.index(c)
        if c.endswith("color"):
            for color, fmt in fills.items():
                ws.conditional_format(1, j, n, j, {"type": "cell", "criteria": "==", "value": f'"{color}"',
                                                   "format": fmt})
        else:
            for grade, color in ((1, "red"), (2, "yellow"), (3, "green")):
                ws.conditional_format(1, j, n, j, {"type": "cell", "criteria": "==", "value": grade,
                                                   "format": fills[color]})


def _chart(wb: xlsxwriter.Workbook, ws: Worksheet, result: ResultLike, results_sheet: str,
           f: dict[str, Any], lang: str) -> None:
    """A data block (region, intensity change, required reduction) and a native bar chart over it."""
    zh = lang == "zh"
    period = report_period(result)
    rows = chart_rows(result, period)
    heads = ("地区", "能耗强度同比变化", "年度降低要求") if zh else ("Region", "Intensity change y/y",
                                                                   "Required reduction")
    ws.write(0, 0, (f"{period} " if period else "") + ("各地区能耗强度同比变化" if zh else
                                                     "intensity change by region"), f["title"])
    for j, h in enumerate(heads):
        ws.write(1, j, h, f["head"])
    name_col = "name_zh" if zh else "name_en"
    for i, r in enumerate(rows.iter_rows(named=True), start=2):
        ws.write_string(i, 0, str(r.get(name_col) or r["region_code"]))
        for j, c in ((1, "intensity_change_yoy"), (2, "required_reduction_annual")):
            v = r.get(c)
            if v is None:
                ws.write_blank(i, j, None)
            else:
                ws.write_number(i, j, -v if c == "required_reduction_annual" else v, f["pct"])
    ws.set_column(0, 0, 12)
    ws.set_column(1, 2, 16)
    if rows.is_empty():
        return
    last = rows.height + 1
    sheet = ws.get_name()
    chart = wb.add_chart({"type": "column"})
    points = [{"fill": {"color": COLORS.get(str(c), COLORS["grey"])[0]}}
              for c in (rows["intensity_color"].to_list() if "intensity_color" in rows.columns else [])]
    chart.add_series({"name": heads[1], "categories": [sheet, 2, 0, last, 0], "values": [sheet, 2, 1, last, 1],
                      "points": points or None})
    chart.add_series({"name": ("年度降低要求（取负值）" if zh else "Required (negative)"), "type": "line",
                      "categories": [sheet, 2, 0, last, 0], "values": [sheet, 2, 2, last, 2],
                      "line": {"color": "#333333", "dash_type": "dash"}, "marker": {"type": "none"}})
    chart.set_title({"name": heads[1] + (f"（{period}）" if zh else f" ({period})"),
                     "name_font": {"name": _FONT, "size": 12}})
    chart.set_x_axis({"num_font": {"name": _FONT, "rotation": -45, "size": 8}, "label_position": "low"})
    chart.set_y_axis({"num_format": "0.0%", "major_gridlines": {"visible": True,
                                                                "line": {"color": "#e0e0e0"}}})
    chart.set_legend({"position": "bottom", "font": {"name": _FONT}})
    chart.set_size({"width": 1000, "height": 460})
    ws.insert_chart(1, 4, chart)


def _findings(ws: Worksheet, result: ResultLike, f: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    heads = (("代码", "级别", "说明", "处理建议", "位置", "依据数据") if zh else
             ("Code", "Level", "Message", "Fix", "Location", "Evidence"))
    for j, h in enumerate(heads):
        ws.write(0, j, h, f["head"])
    ws.set_column(0, 1, 22)
    ws.set_column(2, 3, 48)
    ws.set_column(4, 5, 30)
    for i, fd in enumerate(result.findings, start=1):
        loc = fd.location.text(lang) if fd.location else ""
        vals = (fd.code, fd.level, fd.message_zh if zh else fd.message_en, fd.fix_zh if zh else fd.fix_en,
                loc, ", ".join(f"{k}={v}" for k, v in fd.evidence.items()))
        for j, v in enumerate(vals):
            ws.write_string(i, j, str(v), f["wrap"])
