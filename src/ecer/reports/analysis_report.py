"""Reports of an LMDI decomposition (因素分解报告) and of a target allocation (目标分解方案): XLSX, printable HTML and
PDF. Both open with sentences (absolute figures beside rates), then the tables, an inline SVG chart (a waterfall of
the effects; bars of the regions' basic and incentive targets) and the method with its sources.

Input: the plain dicts of :func:`ecer.services.analysis.LmdiRun.to_dict` and
:func:`ecer.services.analysis.allocation_dict`. Text cells of the XLSX go through ``write_string`` after formula
neutralisation; the HTML is autoescaped (Jinja2).
"""

from __future__ import annotations

import logging
import math
import re
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import xlsxwriter

from ecer.findings import FindingsError, make
from ecer.reports.svg_charts import FONT, short_name
from ecer.safe_cells import FORMULA_START

_FORMULA = re.compile(FORMULA_START)
LMDI_SOURCES = [
    ("Ang B.W. (2005) The LMDI approach to decomposition analysis: a practical guide. Energy Policy 33:867-871",
     "加法与乘法 LMDI-I 公式及二者关系 / additive and multiplicative LMDI-I and their link"),
    ("Ang B.W. (2015) LMDI decomposition approach: a guide for implementation. Energy Policy 86:233-238",
     "模型选择、时间序列（链式与定基） / model choice, chained and fixed-base series"),
    ("Ang B.W., Zhang F.Q., Choi K.-H. (1998) Energy 23(6):489-495, Table 2",
     "零值的解析极限 / analytical limits for zero values"),
    ("Ang B.W., Liu N. (2007) Energy Policy 35:238-246; 35:739-742", "零值与负值 / zero and negative values"),
]
ALLOCATION_SOURCES = [
    ("国发〔2021〕33号", "全国单位 GDP 能耗降低 13.5% / national intensity cut of 13.5 % (14th FYP)"),
    ("发改环资〔2021〕1310号", ("以能源产出率为重要依据；基本目标和激励目标 / energy productivity as the main basis; basic "
     "and incentive targets")),
    ("Lins M.P.E. et al. (2003) EJOR 148:312-322", "零和收益 DEA / zero-sum-gains DEA"),
    ("Saaty T.L. (1980) The Analytic Hierarchy Process", "AHP 与随机一致性指标 RI / AHP and the random index RI"),
]


def _safe(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def _num(x: float, digits: int = 6) -> str:
    """Thousands separated, no exponent below 10¹⁵: whole numbers from 1000 up, else ``digits`` significant."""
    if abs(x) >= 1e15:
        return f"{x:.3e}"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:,.{digits}g}"


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


# ------------------------------------------------------------------------------------------------------- LMDI text


def lmdi_sentences(d: dict[str, Any], lang: str = "zh") -> list[str]:
    """The summary: the change, each effect with its share of the change, the check, the basis, the data used."""
    zh = lang == "zh"
    unit = d["unit"]
    out = []
    if d["form"] == "additive":
        change = d["vt"] - d["v0"]
        rate = change / d["v0"] if d["v0"] else None
        rate_txt = f"（{_pct(rate)}）" if zh and rate is not None else (f" ({_pct(rate)})" if rate is not None else "")
        out.append(f"{d['subject']}{d['identity_zh']}由 {d['start']} 年的 {_num(d['v0'])} {unit} 变为 {d['end']} 年的 "
                   f"{_num(d['vt'])} {unit}，变化 {_num(change)} {unit}{rate_txt}。" if zh else
                   f"{d['subject_en']}: the aggregate moved from {_num(d['v0'])} {unit} in {d['start']} to "
                   f"{_num(d['vt'])} {unit} in {d['end']}, a change of {_num(change)} {unit}{rate_txt}.")
        for e in d["effects"]:
            share = e["value"] / change if change else None
            share_txt = (f"，占变化的 {_pct(share)}" if zh else f", {_pct(share)} of the change") if share is not None else ""
            out.append(f"{e['label_zh']}：{_num(e['value'])} {unit}{share_txt}。" if zh else
                       f"{e['label_en']}: {_num(e['value'])} {unit}{share_txt}.")
    else:
        ratio = d["vt"] / d["v0"]
        out.append(f"{d['subject']}{d['identity_zh']}由 {_num(d['v0'])} {unit} 变为 {_num(d['vt'])} {unit}，为基期的 "
                   f"{_num(ratio)} 倍。" if zh else f"{d['subject_en']}: {_num(d['v0'])} → {_num(d['vt'])} {unit}, "
                   f"{_num(ratio)} times the base.")
        for e in d["effects"]:
            out.append(f"{e['label_zh']}：{_num(e['value'])} 倍。" if zh else f"{e['label_en']}: ×{_num(e['value'])}.")
    out.append(d["check"]["text_zh" if zh else "text_en"] + ("。" if zh else "."))
    out.append((f"模型 {d['model']}（{'加法' if d['form'] == 'additive' else '乘法'}），{d['basis_zh']}。") if zh else
               f"Model {d['model']} ({d['form']}), {d['basis_en']}.")
    if d.get("data_zh"):
        out.append(f"数据：{d['data_zh']}。" if zh else f"Data: {d['data_en']}.")
    return out


def waterfall_svg(rows: list[dict[str, Any]], *, lang: str = "zh", width: int = 640, additive: bool = True) -> str:
    """A waterfall (additive: start, one floating bar per effect, end) or, multiplicative, bars of the factors
    around 1, as inline SVG."""
    height, top, bottom, left = 300, 30, 60, 60
    plot_h = height - top - bottom
    n = max(len(rows), 1)
    bar_w = (width - left - 20) / n
    if additive:
        lows = [r["base"] for r in rows] + [0.0]
        highs = [r["base"] + abs(r["value"]) if r["kind"] != "total" else r["value"] for r in rows]
    else:
        lows = [min(1.0, r["value"]) for r in rows if r["kind"] != "total"] + [1.0]
        highs = [max(1.0, r["value"]) for r in rows if r["kind"] != "total"] + [1.0]
    lo, hi = min(lows), max(highs)
    hi = hi if hi > lo else lo + 1

    def y(v: float) -> float:
        return top + plot_h * (hi - v) / (hi - lo)

    color = {"total": "#5B7DB1", "up": "#C0504D", "down": "#4F9D69"}
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{escape(FONT)}" font-size="11" role="img">'),
             (f'<line x1="{left}" y1="{y(lo if additive else 1.0):.1f}" x2="{width - 10}" '
             f'y2="{y(lo if additive else 1.0):.1f}" stroke="#888"/>')]
    shown = rows if additive else [r for r in rows if r["kind"] != "total"]
    for i, r in enumerate(shown):
        x = left + i * bar_w + bar_w * 0.15
        if additive:
            b, t = (0.0, r["value"]) if r["kind"] == "total" else (r["base"], r["base"] + abs(r["value"]))
        else:
            b, t = min(1.0, r["value"]), max(1.0, r["value"])
        label = escape(r["label_zh" if lang == "zh" else "label_en"])
        parts.append(f'<rect x="{x:.1f}" y="{y(t):.1f}" width="{bar_w * 0.7:.1f}" height="{max(y(b) - y(t), 1):.1f}" '
                     f'fill="{color[r["kind"]]}"><title>{label}: {_num(r["value"])}</title></rect>')
        parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{y(t) - 4:.1f}" text-anchor="middle">'
                     f'{escape(_num(r["value"], 4))}</text>')
        parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def allocation_svg(regions: list[dict[str, Any]], *, lang: str = "zh", width: int = 680) -> str:
    """Horizontal bars of every region's basic target with a tick at its incentive target, as inline SVG."""
    row_h, top, left = 16, 30, 90
    height = top + row_h * max(len(regions), 1) + 20
    vals = [v for r in regions for v in (r["basic_target"], r["incentive_target"])] + [0.0]
    lo, hi = min(vals), max(vals)
    hi = hi if hi > lo else lo + 0.01
    plot_w = width - left - 60

    def x(v: float) -> float:
        return left + plot_w * (v - lo) / (hi - lo)

    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{escape(FONT)}" font-size="11" role="img">')]
    for i, r in enumerate(regions):
        yy = top + i * row_h
        name = escape(short_name(str(r.get("name_zh") or r["region_code"])) if lang == "zh" else str(r["region_code"]))
        b0, b1 = sorted((x(0.0), x(r["basic_target"])))
        parts.append(f'<text x="{left - 6}" y="{yy + 11}" text-anchor="end">{name}</text>')
        parts.append(f'<rect x="{b0:.1f}" y="{yy + 2}" width="{max(b1 - b0, 1):.1f}" height="{row_h - 5}" '
                     f'fill="#5B7DB1"/>')
        parts.append(f'<line x1="{x(r["incentive_target"]):.1f}" y1="{yy}" x2="{x(r["incentive_target"]):.1f}" '
                     f'y2="{yy + row_h - 2}" stroke="#000" stroke-width="2"/>')
        parts.append(f'<text x="{max(b1, x(r["incentive_target"])) + 4:.1f}" y="{yy + 11}">'
                     f'{escape(_pct(r["basic_target"]))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def allocation_sentences(d: dict[str, Any], lang: str = "zh") -> list[str]:
    zh = lang == "zh"
    regs = d["regions"]
    e0 = math.fsum(r["energy_0"] for r in regs)
    et = math.fsum(r["energy_t"] for r in regs)
    hi = max(regs, key=lambda r: r["basic_target"])
    lo = min(regs, key=lambda r: r["basic_target"])
    name = (lambda r: str(r.get("name_zh") or r["region_code"])) if zh else (lambda r: str(r["region_code"]))
    out = [
        (f"按“{d['method_zh']}”将全国单位 GDP 能耗降低 {_pct(d['national_target'])} 的目标分解到 {len(regs)} 个地区；"
         f"各地区基本目标汇总为 {_pct(d['aggregate_basic'])}（按 1 − ΣE_T/ΣG_T ÷ ΣE_0/ΣG_0 计算，残差 "
         f"{d['residual']:.1e}），激励目标汇总为 {_pct(d['aggregate_incentive'])}。") if zh else
        (f"The national intensity cut of {_pct(d['national_target'])} was allocated among {len(regs)} regions by "
         f"{d['method_en']}; the regions' basic targets aggregate to {_pct(d['aggregate_basic'])} (1 − ΣE_T/ΣG_T ÷ "
         f"ΣE_0/ΣG_0, residual {d['residual']:.1e}), the incentive targets to {_pct(d['aggregate_incentive'])}."),
        (f"基年能耗合计 {_num(e0)} tce，按基本目标目标年能耗合计 {_num(et)} tce。") if zh else
        (f"Base-year energy totals {_num(e0)} tce; at the basic targets the target-year energy totals {_num(et)} tce."),
        (f"基本目标最高为{name(hi)} {_pct(hi['basic_target'])}，最低为{name(lo)} {_pct(lo['basic_target'])}。") if zh else
        (f"The highest basic target is {name(hi)}'s {_pct(hi['basic_target'])}, the lowest {name(lo)}'s "
         f"{_pct(lo['basic_target'])}."),
    ]
    out += [n["zh" if zh else "en"] + ("。" if zh else ".") for n in d["notes"]]
    return out


# ------------------------------------------------------------------------------------------------------------ HTML

_PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:{{ font }};margin:2em;max-width:60em} table{border-collapse:collapse;font-size:0.9em}
td,th{border:1px solid #bbb;padding:2px 6px} td.n{text-align:right} h1{font-size:1.4em} .sign{margin-top:3em}</style>
</head><body><h1>{{ title }}</h1>
{% for s in sentences %}<p>{{ s }}</p>{% endfor %}
<figure>{{ chart }}</figure>
<table><tr>{% for h in head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for c in row %}<td{% if c.n %} class="n"{% endif %}>{{ c.v }}</td>{% endfor %}</tr>
{% endfor %}</table>
<h2>{{ sources_title }}</h2><ul>{% for s, w in sources %}<li>{{ s }} — {{ w }}</li>{% endfor %}</ul>
<p class="sign">{{ sign }}</p></body></html>""")


def _lmdi_table(d: dict[str, Any], lang: str) -> tuple[list[str], list[list[dict[str, Any]]]]:
    zh = lang == "zh"
    head = ["因素" if zh else "factor", ("效应" if zh else "effect") + f" ({d['unit'] if d['form'] == 'additive' else '×'})"]
    rows = [[{"v": e["label_zh" if zh else "label_en"]}, {"v": _num(e["value"], 8), "n": True}] for e in d["effects"]]
    return head, rows


def _allocation_table(d: dict[str, Any], lang: str) -> tuple[list[str], list[list[dict[str, Any]]]]:
    zh = lang == "zh"
    head = (["地区代码", "地区", "基年能耗 (tce)", "基年 GDP (亿元)", "基本目标", "激励目标", "目标年能耗 (tce)", "依据"] if zh
            else ["code", "region", "base energy (tce)", "base GDP (10⁸ CNY)", "basic target", "incentive target",
                  "target-year energy (tce)", "reason"])
    rows = [[{"v": r["region_code"]}, {"v": r.get("name_zh") or r["region_code"]},
             {"v": _num(r["energy_0"], 8), "n": True}, {"v": _num(r["gdp_0"], 8), "n": True},
             {"v": _pct(r["basic_target"]), "n": True}, {"v": _pct(r["incentive_target"]), "n": True},
             {"v": _num(r["energy_t"], 8), "n": True}, {"v": r["reason_zh" if zh else "reason_en"]}]
            for r in d["regions"]]
    return head, rows


def render_html(kind: str, d: dict[str, Any], lang: str = "zh", *, font: str | None = None) -> str:
    zh = lang == "zh"
    if kind == "lmdi":
        title = f"{d['subject']}{d['identity_zh']}因素分解（LMDI）" if zh else f"LMDI decomposition: {d['subject_en']}"
        sentences = lmdi_sentences(d, lang)
        chart = waterfall_svg(d["waterfall"], lang=lang, additive=d["form"] == "additive")
        head, rows = _lmdi_table(d, lang)
        sources = LMDI_SOURCES
    else:
        title = "单位 GDP 能耗降低目标分解方案" if zh else "Allocation of the energy-intensity target"
        sentences = allocation_sentences(d, lang)
        chart = allocation_svg(d["regions"], lang=lang)
        head, rows = _allocation_table(d, lang)
        sources = ALLOCATION_SOURCES
    return _PAGE.render(lang=lang, title=title, sentences=sentences, chart=jinja2.utils.markupsafe.Markup(chart),
                        head=head, rows=rows, sources_title="依据与方法" if zh else "Sources and method",
                        sources=sources, font=font or FONT,
                        sign="编制单位（盖章）：__________　审核：__________　日期：__________" if zh else
                        "Prepared by: __________  Reviewed by: __________  Date: __________")


def _write_xlsx(kind: str, d: dict[str, Any], path: Path, lang: str) -> Path:
    zh = lang == "zh"
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    pct = wb.add_format({"num_format": "0.00%"})
    num = wb.add_format({"num_format": "#,##0.0000"})
    summary = wb.add_worksheet("概要" if zh else "Summary")
    summary.set_column(0, 0, 110)
    sentences = lmdi_sentences(d, lang) if kind == "lmdi" else allocation_sentences(d, lang)
    for i, s in enumerate(sentences):
        summary.write_string(i, 0, _safe(s), wrap)
    ws = wb.add_worksheet(("效应" if zh else "Effects") if kind == "lmdi" else ("分地区目标" if zh else "Targets"))
    if kind == "lmdi":
        cols = ["因素" if zh else "factor", "效应" if zh else "effect"]
        for j, c in enumerate(cols):
            ws.write_string(0, j, c, bold)
        for i, e in enumerate(d["effects"], start=1):
            ws.write_string(i, 0, _safe(e["label_zh" if zh else "label_en"]))
            ws.write_number(i, 1, e["value"], num)
        steps = wb.add_worksheet("逐期" if zh else "Steps")
        keys = ["start", "end", "v0", "vt", "total", *[e["factor"] for e in d["effects"]]]
        labels = (["起", "止", "基期总量", "末期总量", "总变化"] if zh else ["from", "to", "V0", "VT", "total"]) + [
            e["label_zh" if zh else "label_en"] for e in d["effects"]]
        for j, c in enumerate(labels):
            steps.write_string(0, j, c, bold)
        for i, st in enumerate(d["steps"], start=1):
            for j, k in enumerate(keys):
                v = st[k]
                if isinstance(v, str):
                    steps.write_string(i, j, _safe(v))
                else:
                    steps.write_number(i, j, v, num)
    else:
        head, _ = _allocation_table(d, lang)
        for j, c in enumerate(head):
            ws.write_string(0, j, c, bold)
        ws.set_column(7, 7, 80)
        for i, r in enumerate(d["regions"], start=1):
            ws.write_string(i, 0, _safe(str(r["region_code"])))
            ws.write_string(i, 1, _safe(str(r.get("name_zh") or r["region_code"])))
            ws.write_number(i, 2, r["energy_0"], num)
            ws.write_number(i, 3, r["gdp_0"], num)
            ws.write_number(i, 4, r["basic_target"], pct)
            ws.write_number(i, 5, r["incentive_target"], pct)
            ws.write_number(i, 6, r["energy_t"], num)
            ws.write_string(i, 7, _safe(r["reason_zh" if zh else "reason_en"]), wrap)
    src = wb.add_worksheet("依据与方法" if zh else "Sources")
    src.set_column(0, 1, 80)
    for i, (s, w) in enumerate(LMDI_SOURCES if kind == "lmdi" else ALLOCATION_SOURCES):
        src.write_string(i, 0, _safe(s), wrap)
        src.write_string(i, 1, _safe(w), wrap)
    wb.close()
    return path


def write_analysis_report(kind: str, d: dict[str, Any], path: str | Path, lang: str = "zh") -> Path:
    """Write an ``lmdi`` or ``allocation`` report as the suffix of ``path`` names (.xlsx, .html, .pdf)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".xlsx", ".html", ".pdf"):
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=p.suffix or str(p),
                                  valid=".xlsx, .html, .pdf")])
    p.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        return _write_xlsx(kind, d, p, lang)
    if suffix == ".html":
        p.write_text(render_html(kind, d, lang), encoding="utf-8")
        return p
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=render_html(kind, d, lang, font=font)).write_pdf(str(p))
    return p
