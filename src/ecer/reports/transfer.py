"""The regional industrial-transfer report (区域承接产业转移评价报告, issue 9 §4): XLSX, printable HTML and PDF.

Input: a ranking (``ecer.services.transfer.Ranking``: the year, the normalisation, the ranked regions with their
indicator values, the weights) and optionally a project match (``ecer.services.transfer.Match``). Content:

* 概要 — sentences: how many regions were ranked on how many indicators, the method (entropy weights, TOPSIS with
  the named normalisation), the first three regions with their closeness, the heaviest indicator and its weight;
  the data's nature (synthetic data is said so);
* 排序 — the ranking table and a bar chart of the closeness (inline SVG in the HTML, a native chart in the XLSX);
* 指标雷达图 — the first region's indicators as min-max scores z ∈ [0, 1] (1 = the best region on that indicator)
  beside the average of all ranked regions (SVG radar; XLSX radar chart);
* 指标与权重 — each indicator's code, Chinese name, unit, direction, entropy and weight;
* 项目匹配 — when a project is given: its class under 工信部联政法〔2021〕215号, every region with candidate / not, the
  reasons and the conditions still to verify; the constraints not applied and why; the sharing schedule by year.

Text cells of the XLSX start-with-formula characters are neutralised (:data:`ecer.safe_cells.FORMULA_START`); the
HTML escapes every value. The PDF is the printable HTML rendered by WeasyPrint (A4, page numbers in the footer, the
CJK font embedded as a subset), as the other PDF reports (:mod:`ecer.reports.pdf_report`); without a CJK font on the
machine it is refused with ``E_PDF_NO_CJK_FONT``. Numbers: closeness to 4 decimals, weights as percentages, amounts with thousands
separators; an empty value is written as “—”, never None or nan.
"""

from __future__ import annotations

import html
import logging
import math
import re
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from ecer.core.transfer.constraints import constraint_label
from ecer.core.transfer.index import minmax_scores
from ecer.findings import FindingsError, make
from ecer.safe_cells import FORMULA_START

_FORMULA = re.compile(FORMULA_START)
DIRECTION_ZH = {"benefit": "效益型（越大越优）", "cost": "成本型（越小越优）"}
NORM_ZH = {"vector": "向量归一化", "minmax": "极差（min-max）归一化"}
KIND_ZH = {"output_value": "产值（万元）", "tax": "税收（万元）", "land": "用地指标（公顷）"}
CLASS_ZH = {"labour_intensive": "劳动密集型产业", "technology_intensive": "技术密集型产业", "energy_intensive": "高载能行业",
            "producer_services": "生产性服务业", "two_high": "“两高”项目", "unclassified": "未分类行业"}


def _safe(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def _num(v: Any, d: int = 2) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:,.{d}f}"


def _indicator_codes(ranking: Any) -> list[str]:
    return ranking.weights["indicator_code"].to_list()


def radar_scores(ranking: Any, region: str | None = None) -> tuple[str, list[str], list[float], list[float]]:
    """The radar of one region (default the first): indicator names, its min-max scores z ∈ [0, 1] (direction
    applied; a constant indicator scores 1 everywhere) and the mean score of all ranked regions."""
    frame: pl.DataFrame = ranking.frame
    codes = _indicator_codes(ranking)
    region = region or frame["region_code"][0]
    idx = frame["region_code"].to_list().index(region)
    dirs = dict(ranking.weights.select("indicator_code", "direction").iter_rows())
    names = dict(ranking.weights.select("indicator_code", "name_zh").iter_rows())
    own, mean = [], []
    for c in codes:
        z = minmax_scores([float(x) for x in frame[c].to_list()], dirs[c]) or [1.0] * frame.height
        own.append(z[idx])
        mean.append(sum(z) / len(z))
    return region, [names.get(c) or c for c in codes], own, mean


def summary(ranking: Any, match: Any = None) -> list[str]:
    """The report's opening sentences (Chinese)."""
    f: pl.DataFrame = ranking.frame
    w = ranking.weights.sort("weight", descending=True)
    top = "、".join(f"{r['name_zh'] or r['region_code']}（{r['closeness']:.4f}）" for r in f.head(3).iter_rows(named=True))
    method = "熵权法赋权" if ranking.weighting == "entropy" else "等权"
    out = [(f"本报告按 {ranking.year} 年 {w.height} 项指标，对 {f.height} 个地区的承接产业转移能力进行评价，{method}，"
           f"采用 TOPSIS 法（{NORM_ZH.get(ranking.normalisation, ranking.normalisation)}）计算各地区与理想解的相对贴近度"
           f"（0–1，越大越优）。"),
           f"排名前列的地区为：{top}。",
           f"权重最大的指标为“{w['name_zh'][0] or w['indicator_code'][0]}”，权重 {w['weight'][0] * 100:.1f}%。"]
    if "synthetic" in ranking.data_origin:
        out.append("注意：本报告所用指标含模拟数据（synthetic），仅供演示，不得作为决策依据。")
    if match is not None:
        n = int(match.frame["candidate"].sum())
        out.append(f"项目“{match.project.get('name') or match.project.get('project_id')}”属"
                   f"{CLASS_ZH.get(match.classification.industry_class, '')}，在 {match.frame.height} 个地区中有 {n} 个"
                   "符合《关于促进制造业有序转移的指导意见》（工信部联政法〔2021〕215号）的转移方向和已核查的约束条件。")
        if match.not_applied:
            out.append("未核查的约束：" + "；".join(f"{constraint_label(m.constraint)[0]}（{m.reason_zh}）" for m in match.not_applied) + "。")
    return out


# --- SVG ----------------------------------------------------------------------------------------------------------
def bar_svg(labels: list[str], values: list[float], *, width: int = 640) -> str:
    """Horizontal bars of the closeness C ∈ [0, 1], one row per region, best first."""
    row, left, right = 22, 120, 60
    h = row * len(labels) + 30
    span = width - left - right
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
             f'aria-label="承接产业转移评价指数排序">')]
    for x in (0.0, 0.25, 0.5, 0.75, 1.0):
        px = left + x * span
        parts.append(f'<line x1="{px:.1f}" y1="10" x2="{px:.1f}" y2="{h - 20}" stroke="#ddd"/>'
                     f'<text x="{px:.1f}" y="{h - 6}" font-size="11" text-anchor="middle">{x:.2f}</text>')
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = 12 + i * row
        parts.append(f'<text x="{left - 6}" y="{y + 13}" font-size="12" text-anchor="end">{html.escape(lab)}</text>'
                     f'<rect x="{left}" y="{y}" width="{max(0.0, v) * span:.1f}" height="{row - 6}" fill="#2f6db5"/>'
                     f'<text x="{left + max(0.0, v) * span + 4:.1f}" y="{y + 13}" font-size="11">{v:.4f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def radar_svg(names: list[str], own: list[float], mean: list[float], *, size: int = 420) -> str:
    """A radar of scores in [0, 1]: the region (filled) and the mean of all regions (dashed)."""
    cx = cy = size / 2
    r = size / 2 - 80
    n = max(len(names), 3)

    def pt(i: int, v: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * v * math.cos(a), cy + r * v * math.sin(a)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" role="img" aria-label="指标雷达图">']
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#ccc"/>')
    for i, name in enumerate(names):
        x, y = pt(i, 1.15)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{pt(i, 1)[0]:.1f}" y2="{pt(i, 1)[1]:.1f}" stroke="#ccc"/>'
                     f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle">{html.escape(name)}</text>')
    for vals, style in ((mean, 'fill="none" stroke="#999" stroke-dasharray="4 3"'),
                        (own, 'fill="#2f6db5" fill-opacity="0.3" stroke="#2f6db5"')):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, v) for i, v in enumerate(vals)))
        parts.append(f"<polygon points=\"{pts}\" {style}/>")
    parts.append("</svg>")
    return "".join(parts)


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


PRINT_CSS = ("@page{size:A4;margin:16mm 14mm;@bottom-center{content:\"第 \" counter(page) \" 页，共 \" counter(pages) "
             "\" 页\";font-size:8pt}}body{margin:0;max-width:none;font-size:10pt}table{width:100%;page-break-inside:auto}"
             "thead{display:table-header-group}tr{page-break-inside:avoid}td,th{font-size:8.5pt}svg{max-width:100%}"
             "h2{page-break-after:avoid}td:nth-child(-n+5){white-space:nowrap}")


def render_transfer_html(ranking: Any, match: Any = None, *, font: str | None = None, for_print: bool = False) -> str:
    """The report as one HTML string (no JavaScript, no network); ``for_print``: A4 pages with page numbers (the
    PDF); ``font``: the CJK font family to put first (the one the PDF embeds)."""
    f: pl.DataFrame = ranking.frame
    codes = _indicator_codes(ranking)
    names = dict(ranking.weights.select("indicator_code", "name_zh").iter_rows())
    units = dict(ranking.weights.select("indicator_code", "unit").iter_rows())
    region, rnames, own, mean = radar_scores(ranking)
    rname = f.filter(pl.col("region_code") == region)["name_zh"][0] or region
    family = (f"'{font}', " if font else "") + "'Noto Sans CJK SC',sans-serif"
    parts = ["<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>区域承接产业转移评价报告</title>",
             (f"<style>body{{font-family:{family};margin:2em;max-width:60em}}table{{border-collapse:"
             "collapse;margin:1em 0}td,th{border:1px solid #999;padding:3px 6px;font-size:13px}th{background:#DDEBF7}"
             + (PRINT_CSS if for_print else "") + "</style></head><body>"), "<h1>区域承接产业转移评价报告</h1>", "<h2>一、概要</h2>"]
    parts += [f"<p>{html.escape(s)}</p>" for s in summary(ranking, match)]
    parts.append("<h2>二、排序</h2>")
    parts.append(bar_svg([r or c for r, c in zip(f["name_zh"], f["region_code"], strict=True)], f["closeness"].to_list()))
    parts.append(_table(["排名", "地区代码", "地区", "四大地区", "贴近度", *[f"{names.get(c) or c}（{units.get(c)}）" for c in codes]],
                        [[str(r["rank"]), r["region_code"], r["name_zh"] or "—", r["macro_region_zh"] or "—",
                          _num(r["closeness"], 4), *[_num(r[c]) for c in codes]] for r in f.iter_rows(named=True)]))
    parts.append(f"<h2>三、指标雷达图：{html.escape(rname)}</h2><p>各指标按极差标准化得分（1 = 该指标最优地区，0 = 最差），"
                 "实线为本地区，虚线为全部地区平均。</p>")
    parts.append(radar_svg(rnames, own, mean))
    parts.append("<h2>四、指标与权重</h2>")
    parts.append(_table(["指标代码", "指标", "单位", "方向", "熵值", "权重", "来源"],
                        [[r["indicator_code"], r["name_zh"] or "—", r["unit"] or "—",
                          DIRECTION_ZH.get(r["direction"], r["direction"]),
                          _num(r["entropy"], 4), f"{r['weight'] * 100:.2f}%", r["source"] or "—"]
                         for r in ranking.weights.iter_rows(named=True)]))
    if match is not None:
        parts.append("<h2>五、项目匹配</h2>")
        parts.append(f"<p>{html.escape(match.classification.reason_zh)}</p>")
        parts.append(_table(["序号", "地区代码", "地区", "候选", "贴近度", "理由", "待核实"],
                            [[str(r["order"]), r["region_code"], r["name_zh"] or "—", "是" if r["candidate"] else "否",
                              _num(r["closeness"], 4), r["reasons_zh"], r["to_verify_zh"] or "—"]
                             for r in match.frame.iter_rows(named=True)]))
        if match.sharing is not None:
            parts.append("<h3>分享安排（转出地 / 承接地）</h3>")
            parts.append(_table(["年份", "指标", "合计", "转出地比例", "转出地", "承接地"],
                                [[str(r["year"]), KIND_ZH.get(r["kind"], r["kind"]), _num(r["total"]),
                                  f"{r['origin_share'] * 100:.1f}%", _num(r["origin"]), _num(r["destination"])]
                                 for r in match.sharing.iter_rows(named=True)]))
    parts.append("<h2>依据与方法</h2><p>工信部联政法〔2021〕215号《关于促进制造业有序转移的指导意见》 八：构建区域承接产业转移评价指数；"
                 "二至五：转移方向。四大地区按国家统计局《东西中部和东北地区划分方法》（2011）。熵权：e_j = −(1/ln m) Σ p_ij ln p_ij，"
                 "0·ln 0 = 0；TOPSIS：C_i = D⁻/(D⁺ + D⁻)。</p><p>审核人：__________　　日期：__________</p></body></html>")
    return "".join(parts)


def write_transfer_html(path: str | Path, ranking: Any, match: Any = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_transfer_html(ranking, match), encoding="utf-8")
    return path


def write_transfer_pdf(path: str | Path, ranking: Any, match: Any = None) -> Path:
    """The printable HTML as an A4 PDF (WeasyPrint, the CJK font embedded); ``FindingsError`` E_PDF_NO_CJK_FONT
    without a CJK font (nothing is written)."""
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # subsetting chatter
    HTML(string=render_transfer_html(ranking, match, font=font, for_print=True)).write_pdf(str(path))
    return path


def write_transfer_xlsx(path: str | Path, ranking: Any, match: Any = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    f4 = wb.add_format({"num_format": "0.0000"})
    pct = wb.add_format({"num_format": "0.00%"})

    def put(ws: Any, r: int, c: int, v: Any, fmt: Any = None) -> None:
        if v is None or (isinstance(v, float) and not math.isfinite(v)):
            ws.write_string(r, c, "—")
        elif isinstance(v, bool):
            ws.write_string(r, c, "是" if v else "否")
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, fmt)
        else:
            ws.write_string(r, c, _safe(str(v)), wrap)

    ws = wb.add_worksheet("概要")
    ws.set_column(0, 0, 110)
    ws.write_string(0, 0, "区域承接产业转移评价报告", head)
    for i, s in enumerate(summary(ranking, match), start=2):
        ws.write_string(i, 0, _safe(s), wrap)
    f: pl.DataFrame = ranking.frame
    codes = _indicator_codes(ranking)
    names = dict(ranking.weights.select("indicator_code", "name_zh").iter_rows())
    ws = wb.add_worksheet("排序")
    cols = ["排名", "地区代码", "地区", "四大地区", "贴近度", *[names.get(c) or c for c in codes]]
    for j, h in enumerate(cols):
        ws.write_string(0, j, h, head)
    for i, r in enumerate(f.iter_rows(named=True), start=1):
        for j, v in enumerate([r["rank"], r["region_code"], r["name_zh"], r["macro_region_zh"], r["closeness"],
                               *[r[c] for c in codes]]):
            put(ws, i, j, v, f4 if j == 4 else None)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": "贴近度", "categories": ["排序", 1, 2, f.height, 2], "values": ["排序", 1, 4, f.height, 4]})
    chart.set_title({"name": f"承接产业转移评价指数 {ranking.year}"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    ws.insert_chart(f.height + 3, 1, chart, {"x_scale": 1.5, "y_scale": 1.5})
    region, rnames, own, mean = radar_scores(ranking)
    ws = wb.add_worksheet("雷达图")
    for j, h in enumerate(["指标", f"{region} 得分", "全部地区平均"]):
        ws.write_string(0, j, h, head)
    for i, (n, a, b) in enumerate(zip(rnames, own, mean, strict=True), start=1):
        put(ws, i, 0, n)
        put(ws, i, 1, a, f4)
        put(ws, i, 2, b, f4)
    radar = wb.add_chart({"type": "radar"})
    for col, nm in ((1, f"{region}"), (2, "平均")):
        radar.add_series({"name": nm, "categories": ["雷达图", 1, 0, len(rnames), 0],
                          "values": ["雷达图", 1, col, len(rnames), col]})
    radar.set_title({"name": "指标雷达图（极差标准化得分）"})
    ws.insert_chart(len(rnames) + 3, 0, radar)
    ws = wb.add_worksheet("指标与权重")
    for j, h in enumerate(["指标代码", "指标", "单位", "方向", "熵值", "权重", "来源"]):
        ws.write_string(0, j, h, head)
    for i, r in enumerate(ranking.weights.iter_rows(named=True), start=1):
        for j, v in enumerate([r["indicator_code"], r["name_zh"], r["unit"], DIRECTION_ZH.get(r["direction"]),
                               r["entropy"], r["weight"], r["source"]]):
            put(ws, i, j, v, pct if j == 5 else (f4 if j == 4 else None))
    if match is not None:
        ws = wb.add_worksheet("项目匹配")
        ws.set_column(5, 6, 80)
        for j, h in enumerate(["序号", "地区代码", "地区", "候选", "贴近度", "理由", "待核实"]):
            ws.write_string(0, j, h, head)
        for i, r in enumerate(match.frame.iter_rows(named=True), start=1):
            for j, v in enumerate([r["order"], r["region_code"], r["name_zh"], r["candidate"], r["closeness"],
                                   r["reasons_zh"], r["to_verify_zh"] or "—"]):
                put(ws, i, j, v, f4 if j == 4 else None)
        if match.sharing is not None:
            ws = wb.add_worksheet("分享安排")
            for j, h in enumerate(["年份", "指标", "合计", "转出地比例", "转出地", "承接地"]):
                ws.write_string(0, j, h, head)
            for i, r in enumerate(match.sharing.iter_rows(named=True), start=1):
                for j, v in enumerate([r["year"], KIND_ZH.get(r["kind"], r["kind"]), r["total"], r["origin_share"],
                                       r["origin"], r["destination"]]):
                    put(ws, i, j, v, pct if j == 3 else None)
    wb.close()
    return path


def write_transfer_report(path: str | Path, ranking: Any, match: Any = None) -> Path:
    """XLSX, HTML or PDF by the file's suffix; another suffix is ``E_UNKNOWN_NAME``."""
    p = Path(path)
    writers = {".xlsx": write_transfer_xlsx, ".html": write_transfer_html, ".pdf": write_transfer_pdf}
    writer = writers.get(p.suffix.lower())
    if writer is None:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=p.suffix or p.name,
                                  valid=", ".join(writers))])
    return writer(p, ranking, match)
