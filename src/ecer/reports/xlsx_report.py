"""Excel report of a dual-control assessment (xlsxwriter), from the same report model as the HTML and PDF.

Sheets (Chinese / English): 概要 Summary (the document: facts, data note, sentences, counts by level, the periods
at a glance, assumptions, sign-off), 结果-… Results by level (intensity and total tables, absolute figures beside
rates), 目标 Targets, 规则 Rules (sentences with document, clause and the quoted words), 问题清单 Findings, 图表 Chart
(a native chart), 数据 Data (every row and column of the assessment, codes in words, numbers in the shown units).

Numbers are written as numbers with formats (−0.031 shows as −3.10%, energies in 万tce, GDP in 亿元). Every text
cell is written with ``write_string`` (and the workbook has ``strings_to_formulas`` off), so a name or message
that starts with = + - @ is text, never a formula Excel would evaluate.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ecer.reports.columns import cell_value, spec
from ecer.reports.content import Report, build_report, chart_rows, report_period
from ecer.reports.labels import COLORS, ResultLike, excel_format, magnitude_decimals
from ecer.reports.tables import Col, Mark, Table, region_name

SHEETS = {"zh": {"summary": "概要", "targets": "目标", "rules": "规则", "findings": "问题清单", "chart": "图表",
                 "data": "数据", "results": "结果-"},
          "en": {"summary": "Summary", "targets": "Targets", "rules": "Rules", "findings": "Findings",
                 "chart": "Chart", "data": "Data", "results": "Results-"}}
_FONT = "Microsoft YaHei"
_SUMMARY_SPAN = 12  # columns a sentence spans on the summary sheet


class _Formats:
    """The workbook's cell formats, made once each."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        base = {"font_name": _FONT, "font_size": 10}
        self.base = base
        self.title = wb.add_format({**base, "bold": True, "font_size": 16})
        self.h2 = wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#2b5797", "bottom": 2,
                                 "bottom_color": "#2b5797"})
        self.caption = wb.add_format({**base, "bold": True})
        self.text = wb.add_format({**base, "valign": "top"})
        self.wrap = wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.key = wb.add_format({**base, "font_color": "#555555", "valign": "top"})
        self.note = wb.add_format({**base, "bold": True, "text_wrap": True, "font_color": "#b00000",
                                   "bg_color": "#fff3cd", "valign": "top"})
        self._cache: dict[Any, Any] = {}

    def head(self, color: str | None = None) -> Any:
        key = ("head", color)
        if key not in self._cache:
            bg, fg = COLORS[color] if color else ("#dfe7f1", "#1a1a1a")
            self._cache[key] = self.wb.add_format({**self.base, "bold": True, "bg_color": bg, "font_color": fg,
                                                   "border": 1, "text_wrap": True, "align": "center",
                                                   "valign": "vcenter"})
        return self._cache[key]

    def number(self, kind: str, decimals: int | None) -> Any:
        key = ("num", kind, decimals)
        if key not in self._cache:
            self._cache[key] = self.wb.add_format({**self.base, "num_format": excel_format(kind, decimals)})  # type: ignore[arg-type]
        return self._cache[key]

    def mark(self, color: str) -> Any:
        key = ("mark", color)
        if key not in self._cache:
            bg, fg = COLORS.get(color, COLORS["grey"])
            self._cache[key] = self.wb.add_format({**self.base, "bg_color": bg, "font_color": fg, "bold": True,
                                                   "align": "center"})
        return self._cache[key]


def _put(ws: Worksheet, row: int, col: int, value: Any, f: _Formats, column: Col | None = None) -> None:
    """One cell: numbers as numbers with their format, text always as a string (never a formula)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        ws.write_blank(row, col, None)
    elif isinstance(value, Mark):
        ws.write_string(row, col, value.text, f.mark(value.color))
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and (column is None or column.kind not in
                                                                               ("text", "source")):
        kind = column.kind if column is not None else "int"
        ws.write_number(row, col, value, f.number(kind, column.decimals if column is not None else None))
    else:
        ws.write_string(row, col, str(value), f.wrap if column is not None and column.kind == "source" else f.text)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _sentence(ws: Worksheet, row: int, text: str, fmt: Any, span: int = _SUMMARY_SPAN, chars: int = 130) -> int:
    """A sentence across ``span`` merged columns, wrapped, the row tall enough for it."""
    ws.merge_range(row, 0, row, span - 1, "", fmt)
    ws.write_string(row, 0, text, fmt)
    ws.set_row(row, 15 * max(1, math.ceil(_width(text) / chars)))
    return row + 1


def _table(ws: Worksheet, row: int, t: Table, f: _Formats, *, col0: int = 0) -> int:
    """A report table at ``row``: caption, header, rows; returns the row after it."""
    ws.write_string(row, col0, t.title, f.caption)
    row += 1
    for j, c in enumerate(t.columns):
        ws.write_string(row, col0 + j, c.label, f.head(c.color))
    ws.set_row(row, 30)
    for r in t.rows:
        row += 1
        for j, (v, c) in enumerate(zip(r, t.columns, strict=True)):
            _put(ws, row, col0 + j, v, f, c)
    return row + 2


def write_xlsx(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write the assessment ``result`` to an .xlsx workbook at ``path``; returns the path.

    ``lang``: 'zh' (Chinese sheets, headers and words, the default) or 'en'.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = build_report(result, lang)
    names = SHEETS["zh" if lang == "zh" else "en"]
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    f = _Formats(wb)
    _summary(wb.add_worksheet(names["summary"]), report, f)
    for t in report.results[::2]:
        ws = wb.add_worksheet((names["results"] + t.title.split("：")[0].split(": ")[0])[:31])
        tables = [x for x in report.results if x.key.split("-", 1)[-1] == t.key.split("-", 1)[-1]]
        row = 0
        for x in tables:
            row = _table(ws, row, x, f)
        _widths(ws, tables)
        ws.freeze_panes(0, 1)
    ws = wb.add_worksheet(names["targets"])
    _table(ws, 0, report.targets, f)
    _widths(ws, [report.targets])
    _rules(wb.add_worksheet(names["rules"]), report, f)
    _findings(wb.add_worksheet(names["findings"]), report, f)
    _chart(wb, wb.add_worksheet(names["chart"]), result, f, lang)
    _data(wb.add_worksheet(names["data"]), result, f, lang)
    wb.set_properties({"title": report.title, "subject": report.period_words,
                       "comments": f"ECER; {report.n_rows} rows"})
    wb.close()
    return path


def _widths(ws: Worksheet, tables: list[Table]) -> None:
    n = max(len(t.columns) for t in tables)
    for j in range(n):
        ws.set_column(j, j, max(t.columns[j].width for t in tables if j < len(t.columns)))


def _summary(ws: Worksheet, report: Report, f: _Formats) -> None:
    zh = report.lang == "zh"
    s = report.section_titles
    ws.set_column(0, 0, 22)
    ws.set_column(1, _SUMMARY_SPAN - 1, 11)
    ws.write_string(0, 0, report.title, f.title)
    row = 2
    for k, v in report.facts:
        ws.write_string(row, 0, k, f.key)
        ws.merge_range(row, 1, row, _SUMMARY_SPAN - 1, "", f.text)
        ws.write_string(row, 1, v, f.text)
        row += 1
    row = _sentence(ws, row + 1, report.origin_note, f.note) + 1
    ws.write_string(row, 0, s["summary"], f.h2)
    row += 1
    for line in report.summary:
        row = _sentence(ws, row, line, f.wrap)
    row += 1
    ws.write_string(row, 0, s["counts"], f.h2)
    row = _table(ws, row + 1, report.barometer, f)
    if report.assessment is not None:
        row = _table(ws, row, report.assessment, f)
    ws.write_string(row, 0, s["history"], f.h2)
    row = _table(ws, row + 1, report.history, f)
    ws.write_string(row, 0, s["assumptions"], f.h2)
    row += 1
    for a in report.assumptions:
        row = _sentence(ws, row, "· " + a, f.wrap)
    row += 1
    ws.write_string(row, 0, s["signoff"], f.h2)
    for label in (("编制单位：", "编制人：", "审核：", "签发：", "日期：") if zh else
                  ("Prepared by (unit):", "Prepared by:", "Reviewed by:", "Approved by:", "Date:")):
        row += 2
        ws.write_string(row, 0, label, f.key)
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _rules(ws: Worksheet, report: Report, f: _Formats) -> None:
    zh = report.lang == "zh"
    heads = (("规则版本", "适用期间", "规则", "依据（文件和条款）", "原文", "出处") if zh else
             ("Rules", "Periods governed", "Rule", "Document and clause", "Original wording (Chinese)", "Source"))
    for j, (h, w) in enumerate(zip(heads, (34, 40, 60, 36, 60, 40), strict=True)):
        ws.write_string(0, j, h, f.head())
        ws.set_column(j, j, w)
    ws.write_string(1, 0, report.rules_note, f.wrap)
    row = 2
    for b in report.editions:
        for i, sen in enumerate(b.sentences or [None]):
            vals = [b.heading, b.governs] if i == 0 else ["", ""]
            vals += [sen.text, sen.cite, sen.quote, sen.source] if sen is not None else ["", "", "", ""]
            for j, v in enumerate(vals):
                ws.write_string(row, j, v, f.wrap)
            row += 1
    ws.freeze_panes(1, 0)


def _findings(ws: Worksheet, report: Report, f: _Formats) -> None:
    zh = report.lang == "zh"
    heads = (("类别", "编号", "地区", "期间", "位置", "说明", "处理建议") if zh else
             ("Kind", "Code", "Region", "Period", "Location", "Message", "Fix"))
    for j, (h, w) in enumerate(zip(heads, (8, 28, 14, 14, 24, 80, 40), strict=True)):
        ws.write_string(0, j, h, f.head())
        ws.set_column(j, j, w)
    row = 0
    for g in report.findings:
        for it in g.items:
            row += 1
            for j, v in enumerate((g.title, it.code, it.region, it.period, it.where, it.text, it.fix)):
                ws.write_string(row, j, v, f.wrap)
    if row:
        ws.autofilter(0, 0, row, len(heads) - 1)
    ws.freeze_panes(1, 0)


def _chart(wb: Workbook, ws: Worksheet, result: ResultLike, f: _Formats, lang: str) -> None:
    """A data block (region, intensity change, required reduction) and a native column chart over it."""
    zh = lang == "zh"
    period = report_period(result)
    rows = chart_rows(result, period).to_dicts()
    from ecer.reports.wording import period_label

    words = period_label(period, lang) if period else ""
    heads = ("地区", "能耗强度同比变化", "本期降低要求（取负值）") if zh else ("Region", "Intensity change y/y",
                                                                   "Required reduction (negative)")
    ws.write_string(0, 0, f"{words}各地区能耗强度同比变化" if zh else f"{words}: intensity change by region", f.caption)
    for j, h in enumerate(heads):
        ws.write_string(1, j, h, f.head())
    pct = Col("", "pct")
    for i, r in enumerate(rows, start=2):
        ws.write_string(i, 0, region_name(r, lang))
        _put(ws, i, 1, r.get("intensity_change_yoy"), f, pct)
        req = r.get("required_reduction_annual")
        _put(ws, i, 2, -req if req is not None else None, f, pct)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 2, 16)
    if not rows:
        return
    last, sheet = len(rows) + 1, ws.get_name()
    chart = wb.add_chart({"type": "column"})
    points = [{"fill": {"color": COLORS.get(str(r.get("intensity_color") or "grey"), COLORS["grey"])[0]}}
              for r in rows]
    chart.add_series({"name": heads[1], "categories": [sheet, 2, 0, last, 0], "values": [sheet, 2, 1, last, 1],
                      "points": points})
    chart.add_series({"name": heads[2], "type": "line", "categories": [sheet, 2, 0, last, 0],
                      "values": [sheet, 2, 2, last, 2], "line": {"color": "#333333", "dash_type": "dash"},
                      "marker": {"type": "none"}})
    chart.set_title({"name": heads[1] + (f"（{words}）" if zh else f" ({words})"),
                     "name_font": {"name": _FONT, "size": 12}})
    chart.set_x_axis({"num_font": {"name": _FONT, "rotation": -45, "size": 8}, "label_position": "low"})
    chart.set_y_axis({"num_format": "0.0%", "major_gridlines": {"visible": True, "line": {"color": "#e0e0e0"}}})
    chart.set_legend({"position": "bottom", "font": {"name": _FONT}})
    chart.set_size({"width": 1000, "height": 460})
    ws.insert_chart(1, 4, chart)


def _data(ws: Worksheet, result: ResultLike, f: _Formats, lang: str) -> None:
    """Every row and column of the assessment: headers with units, codes in words, numbers in the shown units."""
    t = result.table
    names = {r["region_code"]: region_name(r, lang) for r in
             t.unique("region_code").select("region_code", "name_zh", "name_en").to_dicts()} if not t.is_empty() else {}
    for j, c in enumerate(t.columns):
        s = spec(c)
        series = t[c]
        if s.family is None and s.kind not in ("text", "source") and series.dtype.is_numeric():
            values = (series / s.scale if s.scale != 1 else series).to_list()
            col = Col(s.label(lang), s.kind, magnitude_decimals(values, s.kind))
            fmt = f.number(col.kind, col.decimals)
            for i, v in enumerate(values, start=1):
                if v is not None and not (isinstance(v, float) and math.isnan(v)):
                    ws.write_number(i, j, v, fmt)
        else:  # words: each distinct value translated once
            words = {v: cell_value(c, v, lang, names) for v in series.unique().to_list()}
            col = Col(s.label(lang), "source" if s.kind == "source" else "text")
            for i, v in enumerate(series.to_list(), start=1):
                w = words[v]
                if w is not None:
                    ws.write_string(i, j, str(w), f.text)
        ws.write_string(0, j, col.label, f.head())
        ws.set_column(j, j, 14 if col.kind != "source" else 40)
    ws.set_row(0, 42)
    ws.freeze_panes(1, 2 if "name_zh" in t.columns else 1)
    if t.height:
        ws.autofilter(0, 0, t.height, len(t.columns) - 1)
