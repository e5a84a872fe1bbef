"""The key-project indicator report (“十四五”节能减排重点工程指标进展报告, issue 8 §4-§5): XLSX, printable HTML and PDF of
:func:`ecer.core.indicators.progress` — a document an official signs.

Content (:func:`build_indicator_report`, one model for the three writers):

* 概要 — one sentence per region and indicator at its latest year: the value with its unit, the target in the text's
  words, the level required to date on the even path, what is still to go (an absolute figure beside the share of the
  way done), and the status in words; qualitative targets are named as such, never given a number;
* 指标进展 — the table of those rows, status coloured;
* 逐年数值 — every year;
* 问题清单 — every finding (message, where, fix);
* 依据与方法 — the document and clause of each target and the formulas.

Text cells of the XLSX are written with ``write_string`` after :data:`ecer.safe_cells.FORMULA_START` neutralisation;
the HTML is escaped (Jinja2 autoescape). Chinese edition by default, English with ``lang="en"``.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import polars as pl
import xlsxwriter

from ecer.core.indicators import KIND_LABELS, STATUS, Indicator
from ecer.findings import Finding, FindingsError, make
from ecer.reports.findings_text import findings_by_kind
from ecer.reports.labels import COLORS, code_label
from ecer.reports.svg_charts import FONT
from ecer.safe_cells import FORMULA_START


@dataclass
class IndicatorReportInput:
    """progress : :data:`ecer.core.indicators.PROGRESS_COLUMNS` rows (every year); indicators : those concerned;
    findings : every finding of the run; data_origin : ``synthetic`` / ``partly synthetic`` / ``user`` / ``official``;
    region_names : code → name (the catalog's by default); as_of : report date; data_source : where the data are."""

    progress: pl.DataFrame
    indicators: list[Indicator]
    findings: list[Finding] = field(default_factory=list)
    data_origin: str = "user"
    region_names: dict[str, str] = field(default_factory=dict)
    as_of: str = ""
    data_source: str = ""


@dataclass
class IndicatorReport:
    title: str
    facts: list[tuple[str, str]]
    origin_note: str
    summary: list[str]
    latest: list[dict[str, Any]]
    years: list[dict[str, Any]]
    findings: list[Any]
    sources: list[str]
    methods: list[str]
    L: dict[str, str]


LABELS = {
    "zh": {"title": "“十四五”节能减排重点工程指标进展报告", "title_en": "Key-project indicators of the 14th FYP plan",
           "html_lang": "zh", "f_asof": "报告日期", "f_source": "数据来源", "f_origin": "数据性质", "f_years": "数据年份",
           "h_summary": "概要", "h_latest": "指标进展（最新年份）", "h_years": "逐年数值", "h_findings": "问题清单",
           "h_sources": "依据与方法", "sources": "目标依据", "methods": "计算方法", "no_rows": "无", "where": "位置：",
           "fix": "处理：", "no_findings": "没有问题。", "sign": "审核人：", "date": "日期：",
           "c_region": "地区", "c_indicator": "指标", "c_year": "年份", "c_value": "数值", "c_unit": "单位",
           "c_target": "目标", "c_required": "当年进度要求", "c_gap": "距目标", "c_completion": "完成度",
           "c_status": "状态", "c_source": "依据", "c_kind": "类型",
           "page_counter": '"第 " counter(page) " 页 / 共 " counter(pages) " 页"'},
    "en": {"title": "Key-project indicators of the 14th FYP plan — progress report", "title_en": "", "html_lang": "en",
           "f_asof": "Report date", "f_source": "Data", "f_origin": "Nature of the data", "f_years": "Data years",
           "h_summary": "Summary", "h_latest": "Indicators (latest year)", "h_years": "Values by year",
           "h_findings": "Findings", "h_sources": "Sources and methods", "sources": "Targets from",
           "methods": "Methods", "no_rows": "none", "where": "Where: ", "fix": "Fix: ", "no_findings": "No findings.",
           "sign": "Reviewed by: ", "date": "Date: ", "c_region": "Region", "c_indicator": "Indicator",
           "c_year": "Year", "c_value": "Value", "c_unit": "Unit", "c_target": "Target", "c_required": "Required to date",
           "c_gap": "Still to go", "c_completion": "Done", "c_status": "Status", "c_source": "Source", "c_kind": "Kind",
           "page_counter": '"page " counter(page) " of " counter(pages)'},
}


def _zh(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def num(v: Any, unit: str = "") -> str:
    """A figure as a report writes it: up to 2 decimals, no trailing zeros, thousands separated; '—' when missing.

    >>> num(86.0, "%"), num(5.3, "亿吨"), num(1234.5678), num(None)
    ('86%', '5.3 亿吨', '1,234.57', '—')
    """
    if _missing(v):
        return "—"
    s = f"{float(v):,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return s
    return f"{s}{unit}" if unit == "%" else f"{s} {unit}"


def _pct(x: Any) -> str:
    return "—" if _missing(x) else f"{100 * float(x):.1f}%"


def _status(r: dict[str, Any], lang: str) -> str:
    return STATUS[r["status"]][0 if lang == "zh" else 1]


def _sentence(r: dict[str, Any], ind: Indicator, region: str, lang: str) -> str:
    """One region's indicator at its latest year, in words with absolute figures beside rates."""
    tz, te = ind.target_phrase()
    u = ind.unit
    y = r["year"]
    if ind.kind == "qualitative":
        return _zh(lang, f"{region}：{ind.short_zh}为定性目标（{tz}），没有可比较的数值，不作量化评估。",
                   f"{region}: {ind.name_en} is a qualitative target ({te}); there is no number to compare, so it is "
                   "not graded.")
    status = _status(r, lang)
    if r["status"] in ("na", "base"):
        if r["status"] == "base":
            why_zh, why_en = "基年数值", "the base year"
        elif ind.kind == "quantity" and r["region_code"] != "100000":
            why_zh, why_en = "目标为全国总量，未分解到地区", "the target is the whole country's, not assigned to regions"
        else:
            why_zh, why_en = "缺少基年数值或当年数值", "no base-year or current value"
        return _zh(lang, f"{region}：{ind.short_zh}{y}年为{num(r['value'], u)}；目标为{tz}；{status}（{why_zh}）。",
                   f"{region}: {ind.name_en} was {num(r['value'], u)} in {y}; the target is {te}; {status} "
                   f"({why_en}).")
    v, b = num(r["value"], u), num(r["value_base"], u)
    if ind.kind == "reduction":
        done_zh, done_en = f"比{ind.base_year}年累计下降{v}", f"down {v} on {ind.base_year}"
    elif ind.kind == "quantity":
        done_zh, done_en = f"{ind.base_year}年以来累计完成{v}", f"{v} done since {ind.base_year}"
    else:
        done_zh, done_en = f"为{v}（{ind.base_year}年{b}）", f"was {v} ({b} in {ind.base_year})"
    gap = r["gap"]
    if not _missing(gap) and gap > 1e-9:
        # a gap between two percentages is in percentage points
        gap_zh = f"距目标还差{num(gap)} 个百分点" if u == "%" else f"距目标还差{num(gap, u)}"
        gap_en = f"{num(gap)} percentage points still to go" if u == "%" else f"{num(gap, u)} still to go"
        if not _missing(r["completion"]):
            gap_zh += f"（已完成{_pct(r['completion'])}）"
            gap_en += f" ({_pct(r['completion'])} of the way done)"
    else:
        gap_zh, gap_en = "已达到目标", "the target is reached"
    return _zh(lang, f"{region}：{ind.short_zh}{y}年{done_zh}；目标为{tz}，按均衡进度{y}年应达到{num(r['required_to_date'], u)}；"
                     f"{gap_zh}；状态：{status}。",
               f"{region}: {ind.name_en} {done_en} in {y}; the target is {te}, and the even path asks for "
               f"{num(r['required_to_date'], u)} by {y}; {gap_en}; status: {status}.")


def _region_names(codes: list[str], given: dict[str, str], lang: str) -> dict[str, str]:
    from ecer.refdata.lookups import regions

    names = dict(given)
    cat = regions()
    col = "name_zh" if lang == "zh" else "name_en"
    for r in cat.filter(pl.col("region_code").is_in(codes)).iter_rows(named=True):
        names.setdefault(r["region_code"], f"{r[col]}（{r['region_code']}）" if lang == "zh"
                         else f"{r[col]} ({r['region_code']})")
    return {c: names.get(c, c) for c in codes}


def build_indicator_report(data: IndicatorReportInput, lang: str = "zh") -> IndicatorReport:
    """The report's content in one language (module docstring)."""
    L = LABELS["zh" if lang == "zh" else "en"]
    inds = {i.code: i for i in data.indicators}
    prog = data.progress.filter(pl.col("indicator_code").is_in(list(inds)))
    codes = sorted(set(prog["region_code"].to_list()))
    names = _region_names(codes, data.region_names, lang)
    order = {c: k for k, c in enumerate(inds)}
    latest = prog.sort("year").group_by(["region_code", "indicator_code"], maintain_order=True).last().to_dicts()
    latest.sort(key=lambda r: (order[r["indicator_code"]], r["region_code"]))
    summary, rows = [], []
    for r in latest:
        ind = inds[r["indicator_code"]]
        summary.append(_sentence(r, ind, names[r["region_code"]], lang))
        rows.append(_row(r, ind, names[r["region_code"]], lang))
    years = [_row(r, inds[r["indicator_code"]], names[r["region_code"]], lang)
             for r in sorted(prog.to_dicts(), key=lambda r: (order[r["indicator_code"]], r["region_code"], r["year"]))]
    counts = {k: sum(1 for r in latest if r["status"] == k) for k in STATUS}
    graded = counts["met"] + counts["behind"] + counts["missed"]
    summary.insert(0, _zh(lang, f"本报告评估 {len(inds)} 项重点工程指标、{len(codes)} 个地区的最新数值：{graded} 项可量化评估，其中达标 "
                                f"{counts['met']} 项、进度滞后 {counts['behind']} 项、未达标 {counts['missed']} 项；"
                                f"无法评估 {counts['na'] + counts['base']} 项。",
                          f"This report reviews the latest values of {len(inds)} key-project indicators in {len(codes)} "
                          f"regions: {graded} can be graded — {counts['met']} met or on track, {counts['behind']} "
                          f"behind pace, {counts['missed']} missed; {counts['na'] + counts['base']} cannot be "
                          "assessed."))
    origin = code_label("data_origin", data.data_origin, lang)
    if data.data_origin in ("synthetic", "partly synthetic"):
        origin_note = _zh(lang, f"数据说明：本报告使用的指标数值为{origin}，仅用于演示，不代表任何地区的实际情况。",
                          f"About the data: the indicator values of this report are {origin}, for demonstration only; "
                          "they describe no real region.")
    else:
        origin_note = _zh(lang, f"数据说明：指标数值为{origin}，由填报单位负责其准确性。",
                          f"About the data: the values are {origin}; the reporting body answers for them.")
    years_span = sorted(set(prog["year"].to_list()))
    facts = [(L["f_asof"], data.as_of or dt.date.today().isoformat()),
             (L["f_source"], data.data_source or _zh(lang, "ECER 数据库", "the ECER store")),
             (L["f_origin"], origin),
             (L["f_years"], f"{years_span[0]}–{years_span[-1]}" if years_span else "—")]
    sources = sorted({f"{i.doc_no} {i.clause}：{i.name_zh}（{i.target_text}）" if lang == "zh" else
                      f"{i.doc_no} {i.clause}: {i.name_en} ({i.target_text})" for i in inds.values()})
    methods = [
        _zh(lang, "达到水平类指标（比例、比率、能力）：从本地区基年数值 x₀ 到目标水平 L 的均衡几何路径，当年应达到 "
                  "min(x₀(1+R_t), L)，R_t = (L/x₀)^{t/n} − 1；已达到目标的须保持不低于 L。“左右”按达到目标值计（ECER 的假定）。",
            "Level indicators (shares, rates, capacities): the even geometric path from the region's base value x₀ to "
            "the level L, required to date min(x₀(1+R_t), L) with R_t = (L/x₀)^{t/n} − 1; a region already there must "
            "stay at L or above. '左右' (about) counts as reaching the figure (ECER's assumption)."),
        _zh(lang, "比基年下降类指标：数值为累计下降百分数 D_t，当年进度要求 R_t = 1 − (1 − T)^{t/n}（均衡几何进度，ECER 的假定）。",
            "Reductions vs the base year: the value is the cumulative fall D_t in %, required to date "
            "R_t = 1 − (1 − T)^{t/n} (even geometric pace, ECER's assumption)."),
        _zh(lang, "累计完成量类指标：基年以来累计量 A_t，当年应完成 Q·t/n（均衡线性进度，ECER 的假定）。",
            "Amounts: accumulated since the base year A_t, required to date Q·t/n (even linear pace, ECER's "
            "assumption)."),
        _zh(lang, "状态：达标 = 已达到目标，或目标年前不低于均衡进度；进度滞后 = 目标年前低于均衡进度；未达标 = 目标年（及以后）未达到目标；"
                  "无法评估 = 定性目标、缺少数值或基年数值。未写基年的目标按规划基年 2020 年计。",
            "Status: met = the target reached, or before the target year on or ahead of the even path; behind = "
            "before the target year, behind it; missed = at or after the target year, not reached; cannot be "
            "assessed = a qualitative target, or no value or base-year value. Targets without a base year are read "
            "against the plan's base year 2020."),
    ]
    return IndicatorReport(title=L["title"], facts=facts, origin_note=origin_note, summary=summary, latest=rows,
                           years=years, findings=findings_by_kind(data.findings, names, lang), sources=sources,
                           methods=methods, L=L)


def _row(r: dict[str, Any], ind: Indicator, region: str, lang: str) -> dict[str, Any]:
    tz, te = ind.target_phrase()
    kz, ke = KIND_LABELS[ind.kind]
    return {"region": region, "indicator": ind.name_zh if lang == "zh" else ind.name_en, "year": r["year"],
            "kind": kz if lang == "zh" else ke, "value": r["value"], "unit": ind.unit or "—",
            "target": tz if lang == "zh" else te, "required": r["required_to_date"], "gap": r["gap"],
            "completion": r["completion"], "status": _status(r, lang), "_color": r["color"],
            "source": ind.source}


COLUMNS = [("region", "c_region", "text"), ("indicator", "c_indicator", "text"), ("year", "c_year", "int"),
           ("kind", "c_kind", "text"), ("value", "c_value", "num"), ("unit", "c_unit", "text"),
           ("target", "c_target", "text"), ("required", "c_required", "num"), ("gap", "c_gap", "num"),
           ("completion", "c_completion", "pct"), ("status", "c_status", "status"), ("source", "c_source", "text")]


def _cell(r: dict[str, Any], key: str, kind: str) -> str:
    v = r.get(key)
    if kind == "pct":
        return _pct(v)
    if kind == "num":
        return num(v)
    if _missing(v):
        return "—"
    return str(v)


_T = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="{{ L.html_lang }}"><head><meta charset="utf-8"><title>{{ rep.title }}</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-center { content: {{ L.page_counter|safe }}; font-size: 8pt; } }
body { font-family: {{ font }}; font-size: 10pt; line-height: 1.5; color: #222; max-width: 270mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 14pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 6pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; } th { background: #eee; }
thead { display: table-header-group; } td.num { text-align: right; white-space: nowrap; }
.status { font-weight: bold; } .note { font-size: 8.5pt; color: #555; } .code { font-family: monospace; color: #555; }
.lead p { margin: 3pt 0; } .origin { background: #fff6d6; padding: 4pt; } .sign { margin-top: 18pt; }
</style></head><body>
<h1>{{ rep.title }}</h1>{% if L.title_en %}<p class="note">{{ L.title_en }}</p>{% endif %}
<table>{% for k, v in rep.facts %}<tr><th style="width:20%">{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<p class="origin">{{ rep.origin_note }}</p>
<h2>{{ L.h_summary }}</h2>
<div class="lead">{% for s in rep.summary %}<p>{{ s }}</p>{% endfor %}</div>
{% for title, rows in ((L.h_latest, rep.latest), (L.h_years, rep.years)) %}
<h2>{{ title }}</h2>
<table><thead><tr>{% for key, label, kind in columns %}<th>{{ L[label] }}</th>{% endfor %}</tr></thead><tbody>
{% for r in rows %}<tr>{% for key, label, kind in columns %}{% if kind == 'status' %}<td class="status" style="background:{{ colors[r._color][0] }};color:{{ colors[r._color][1] }}">{{ r.status }}</td>{% elif kind == 'text' %}<td>{{ cell(r, key, kind) }}</td>{% else %}<td class="num">{{ cell(r, key, kind) }}</td>{% endif %}{% endfor %}</tr>
{% else %}<tr><td colspan="{{ columns|length }}">{{ L.no_rows }}</td></tr>{% endfor %}
</tbody></table>
{% endfor %}
<h2>{{ L.h_findings }}</h2>
{% set ns = namespace(any=false) %}
{% for g in rep.findings %}{% if g.items %}{% set ns.any = true %}<h3>{{ g.title }}（{{ g.items|length }}）</h3><ol>
{% for f in g.items %}<li>{{ f.text }} <span class="code">{{ f.code }}</span>{% if f.where %}<br><span class="note">{{ L.where }}{{ f.where }}</span>{% endif %}{% if f.fix %}<br>{{ L.fix }}{{ f.fix }}{% endif %}</li>{% endfor %}</ol>{% endif %}{% endfor %}
{% if not ns.any %}<p>{{ L.no_findings }}</p>{% endif %}
<h2>{{ L.h_sources }}</h2>
<h3>{{ L.sources }}</h3><ol>{% for s in rep.sources %}<li>{{ s }}</li>{% endfor %}</ol>
<h3>{{ L.methods }}</h3><ol>{% for s in rep.methods %}<li>{{ s }}</li>{% endfor %}</ol>
<p class="sign">{{ L.sign }}____________________　　{{ L.date }}____________________</p>
</body></html>"""
)


def render_indicator_html(data: IndicatorReportInput, lang: str = "zh", *, font: str | None = None) -> str:
    """The printable report as one HTML string (no JavaScript, no network)."""
    rep = build_indicator_report(data, lang)
    return _T.render(rep=rep, L=rep.L, colors=COLORS, columns=COLUMNS, cell=_cell,
                     font=(f"'{font}', " if font else "") + FONT)


def write_indicator_html(data: IndicatorReportInput, path: str | Path, lang: str = "zh") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_indicator_html(data, lang), encoding="utf-8")
    return path


def write_indicator_pdf(data: IndicatorReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The printable HTML as an A4 PDF (WeasyPrint); ``FindingsError`` E_PDF_NO_CJK_FONT without a CJK font."""
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=render_indicator_html(data, lang, font=font)).write_pdf(str(path))
    return path


_FORMULA = re.compile(FORMULA_START)


def _safe(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def write_indicator_xlsx(data: IndicatorReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The workbook: 概要 (facts, sentences, sign-off), 指标进展 and 逐年数值 (numbers as numbers, status coloured),
    问题清单 and 依据与方法."""
    rep = build_indicator_report(data, lang)
    L = rep.L
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 14})
    fmts = {"num": wb.add_format({"num_format": "#,##0.00"}), "pct": wb.add_format({"num_format": "0.0%"}),
            "int": wb.add_format({"num_format": "0"})}
    status = {c: wb.add_format({"bg_color": fill, "font_color": ink, "bold": True}) for c, (fill, ink) in COLORS.items()}
    ws = wb.add_worksheet(L["h_summary"])
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 120)
    ws.write_string(0, 0, rep.title, bold)
    r = 2
    for k, fact in rep.facts:
        ws.write_string(r, 0, k, head)
        ws.write_string(r, 1, _safe(fact), wrap)
        r += 1
    ws.write_string(r + 1, 1, _safe(rep.origin_note), wrap)
    r += 3
    ws.write_string(r, 0, L["h_summary"], head)
    for s in rep.summary:
        ws.write_string(r, 1, _safe(s), wrap)
        r += 1
    ws.write_string(r + 1, 0, L["sign"])
    ws.write_string(r + 2, 0, L["date"])
    for title, rows in ((L["h_latest"], rep.latest), (L["h_years"], rep.years)):
        ws = wb.add_worksheet(title[:31].replace("（", "(").replace("）", ")"))
        for j, (_key, label, kind) in enumerate(COLUMNS):
            ws.write_string(0, j, L[label], head)
            ws.set_column(j, j, 26 if kind == "text" else 12)
        for i, row in enumerate(rows, start=1):
            for j, (key, _label, kind) in enumerate(COLUMNS):
                v = row.get(key)
                if kind == "status":
                    ws.write_string(i, j, str(v), status[row.get("_color", "grey")])
                elif _missing(v):
                    continue
                elif kind == "text":
                    ws.write_string(i, j, _safe(str(v)), wrap)
                else:
                    ws.write_number(i, j, float(v), fmts[kind])  # type: ignore[arg-type]
        ws.freeze_panes(1, 2)
    ws = wb.add_worksheet(L["h_findings"])
    heads = [_zh(lang, "级别", "Level"), _zh(lang, "说明", "Message"), _zh(lang, "位置", "Where"),
             _zh(lang, "处理", "Fix"), _zh(lang, "代码", "Code")]
    for j, h in enumerate(heads):
        ws.write_string(0, j, h, head)
    ws.set_column(1, 1, 90)
    i = 1
    for g in rep.findings:
        for f in g.items:
            for j, v in enumerate((g.title, f.text, f.where, f.fix, f.code)):
                ws.write_string(i, j, _safe(v or ""), wrap)
            i += 1
    if i == 1:
        ws.write_string(1, 1, L["no_findings"])
    ws = wb.add_worksheet(L["h_sources"])
    ws.set_column(1, 1, 140)
    i = 0
    for title, items in ((L["sources"], rep.sources), (L["methods"], rep.methods)):
        ws.write_string(i, 0, title, head)
        for s in items:
            ws.write_string(i, 1, _safe(s), wrap)
            i += 1
        i += 1
    wb.close()
    return path


WRITERS = {".xlsx": write_indicator_xlsx, ".html": write_indicator_html, ".pdf": write_indicator_pdf}


def write_indicator_report(data: IndicatorReportInput, path: str | Path, lang: str = "zh") -> Path:
    """Write the report to ``path`` as its suffix names (.xlsx, .html or .pdf); another suffix is E_UNKNOWN_NAME."""
    p = Path(path)
    writer = WRITERS.get(p.suffix.lower())
    if writer is None:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=p.suffix or str(p),
                                  valid=", ".join(WRITERS))])
    return writer(data, p, lang)
