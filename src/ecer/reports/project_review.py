"""Printable review report of one two-high (两高) project (issue 7 §5–§7): sentences first, absolute figures beside
every rate, Chinese words for every code (sector, status, disposition, finding), the checks with their evidence, the
suggested disposition with its reasons, the region's path to the plan's target year with and without the project (an
inline SVG chart and the year table) and the append-only decision history. HTML (no JavaScript, no network) and PDF
(WeasyPrint, as :mod:`ecer.reports.pdf_report`).

Units: energy in tce (吨标准煤); intensity in tce/万元; shares as %.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
import polars as pl

from ecer.findings import FindingsError, make
from ecer.models.projects import DISPOSITIONS, REPLACEMENT_KINDS, SECTORS, STATUSES
from ecer.reports.svg_charts import FONT

_T = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="{{ L.html_lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: {{ L.page_counter|safe }}; font-size: 8pt; } }
body { font-family: {{ font }}; font-size: 10.5pt; line-height: 1.55; color: #222; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border: 1px solid #bbb; padding: 2pt 4pt; }
th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
.lead { font-size: 11pt; background: #f5f5f0; padding: 6pt; } .code { font-family: monospace; color: #555; }
.ev { font-size: 8.5pt; color: #555; } .note { font-size: 8.5pt; color: #555; }
</style></head><body>
<h1>{{ title }}</h1>
<p class="note">{{ L.as_of }} {{ meta.as_of }}{{ L.sep }}{{ L.bench_edition }} {{ meta.benchmark_edition }}{{ L.sep }}{{ L.rules_edition }} {{ meta.rules_edition }}</p>
<p class="lead">{{ lead }}</p>
<h2>{{ L.h_project }}</h2>
<table>{% for k, v in facts %}<tr><th style="width:35%">{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<h2>{{ L.h_disposition }}</h2>
<p>{{ L.suggested }}<strong>{{ disposition }}</strong>{{ L.stop }}{% if not reasons %}{{ L.no_reasons }}{% endif %}</p>
{% if reasons %}<ol>{% for r in reasons %}<li>{{ r.disposition }}{{ L.colon }}{{ r.message }}{{ L.open }}{{ r.code_label }}{{ L.semi }}{{ r.doc_no }} {{ r.clause }}{{ L.close }}</li>{% endfor %}</ol>{% endif %}
<h2>{{ L.h_checks }}</h2>
{% if not findings %}<p>{{ L.no_findings }}</p>{% endif %}
<ol>{% for f in findings %}<li><strong>{{ f.level }}</strong> {{ f.message }} <span class="code">{{ f.code }}</span>
{% if f.fix %}<br>{{ L.fix }}{{ f.fix }}{% endif %}{% if f.evidence %}<div class="ev">{{ L.basis }}{{ f.evidence }}</div>{% endif %}</li>{% endfor %}</ol>
<h2>{{ L.h_region }}</h2>
{% if path %}
<p>{{ path.sentence }}</p>
{{ path.svg|safe }}
{% if not path.rows %}<p class="note">{{ L.no_rows }}</p>{% else %}
<table><tr><th>{{ L.c_year }}</th><th>{{ L.c_ew }}</th><th>{{ L.c_e }}</th><th>{{ L.c_iw }}</th><th>{{ L.c_i }}</th></tr>
{% for r in path.rows %}<tr><td>{{ r.year }}</td><td class="num">{{ r.ew }}</td><td class="num">{{ r.e }}</td><td class="num">{{ r.iw }}</td><td class="num">{{ r.i }}</td></tr>{% endfor %}</table>{% endif %}
{% if path.rule %}<p>{{ path.rule_sentence }}</p>{% endif %}
{% else %}<p>{{ L.no_path }}{{ no_path }}</p>{% endif %}
<h2>{{ L.h_decisions }}</h2>
{% if not decisions %}<p>{{ L.no_decisions }}</p>{% else %}
<table><tr><th>{{ L.d_when }}</th><th>{{ L.d_decision }}</th><th>{{ L.d_by }}</th><th>{{ L.d_reason }}</th><th>{{ L.d_previous }}</th><th>{{ L.d_suggested }}</th></tr>
{% for d in decisions %}<tr><td>{{ d.when }}</td><td>{{ d.decision }}</td><td>{{ d.by }}</td><td>{{ d.reason }}</td><td>{{ d.previous }}</td><td>{{ d.suggested }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>"""
)

#: The report's fixed words, Chinese edition (the default) and English edition (``lang="en"``).
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN", "page_counter": '"第 " counter(page) " 页 / 共 " counter(pages) " 页"',
        "as_of": "核查日期 / as of", "sep": "；", "bench_edition": "标杆水平版本", "rules_edition": "两高规则版本",
        "h_project": "一、项目基本情况 / The project", "h_disposition": "二、建议处置及理由 / Suggested disposition",
        "h_checks": "三、核查结果 / Checks", "h_region": "四、对地区能耗双控的影响 / Effect on the region",
        "h_decisions": "五、处置决定记录（只追加） / Decisions (append-only)", "suggested": "建议处置：", "stop": "。",
        "no_reasons": "各项核查未发现需要处置的问题。", "colon": "：", "open": "（", "semi": "；", "close": "）",
        "no_findings": "未发现问题。", "fix": "处理：", "basis": "依据：",
        "no_rows": "地区最新数据已到规划目标年，路径没有之后的年份 / the latest data reach the target year.",
        "c_year": "年份", "c_ew": "能耗（无项目，tce）", "c_e": "能耗（有项目，tce）", "c_iw": "强度（无项目，tce/万元）",
        "c_i": "强度（有项目，tce/万元）", "no_path": "无法计算地区路径：", "no_decisions": "尚无处置决定。",
        "d_when": "时间", "d_decision": "决定", "d_by": "决定人", "d_reason": "理由", "d_previous": "此前决定",
        "d_suggested": "当时建议", "none": "无 / none",
        "f_name": "项目名称 / name", "f_credit": "统一社会信用代码 / credit code", "f_region": "地区 / region",
        "f_sector": "行业 / sector", "f_status": "状态 / status", "f_capacity": "产能 / capacity",
        "f_design": "设计单位产品能耗 / design unit energy", "f_annual": "年综合能耗 / annual energy",
        "f_review": "节能审查 / energy review", "f_eia": "环评批复 / EIA", "f_replacement": "能耗替代 / energy replacement",
        "tce": "吨标准煤 (tce)",
    },
    "en": {
        "html_lang": "en", "page_counter": '"page " counter(page) " of " counter(pages)',
        "as_of": "As of", "sep": "; ", "bench_edition": "benchmark edition", "rules_edition": "two-high rules edition",
        "h_project": "1. The project", "h_disposition": "2. Suggested disposition and reasons", "h_checks": "3. Checks",
        "h_region": "4. Effect on the region's dual control", "h_decisions": "5. Decisions (append-only)",
        "suggested": "Suggested disposition: ", "stop": ". ", "no_reasons": "No check calls for a disposition.",
        "colon": ": ", "open": " (", "semi": "; ", "close": ")", "no_findings": "No findings.", "fix": "Fix: ",
        "basis": "Basis: ", "no_rows": "The region's latest data reach the plan's target year: the path has no later year.",
        "c_year": "Year", "c_ew": "Energy without the project (tce)", "c_e": "Energy with the project (tce)",
        "c_iw": "Intensity without (tce/10⁴ CNY)", "c_i": "Intensity with (tce/10⁴ CNY)",
        "no_path": "The region's path cannot be computed: ", "no_decisions": "No decision yet.", "d_when": "When",
        "d_decision": "Decision", "d_by": "By", "d_reason": "Reason", "d_previous": "Previous decision",
        "d_suggested": "Suggested then", "none": "none",
        "f_name": "Name", "f_credit": "Unified social credit code", "f_region": "Region", "f_sector": "Sector",
        "f_status": "Status", "f_capacity": "Capacity", "f_design": "Design unit-product energy",
        "f_annual": "Annual comprehensive energy", "f_review": "Energy review (节能审查)", "f_eia": "EIA approval (环评)",
        "f_replacement": "Energy replacement", "tce": "tce",
    },
}  # fmt: skip
_WORDS_EN = {
    "disposition": {"continue": "continue", "rectify": "rectify", "suspend": "suspend", "exit": "exit"},
    "sector": {
        "coal_power": "coal power", "petrochemical": "petrochemicals", "chemical": "chemicals", "steel": "steel",
        "nonferrous_smelting": "non-ferrous smelting", "building_materials": "building materials",
    },
    "status": {"planned": "planned", "under_construction": "under construction", "built": "built"},
    "replacement": {"none": "none", "equal": "equal replacement", "reduction": "reduced replacement"},
    "level": {"error": "Error", "warning": "Warning", "info": "Note"},
}  # fmt: skip
_WORDS_ZH = {
    "disposition": DISPOSITIONS, "sector": SECTORS, "status": STATUSES, "replacement": REPLACEMENT_KINDS,
    "level": {"error": "错误", "warning": "警告", "info": "提示"},
}  # fmt: skip


def _word(kind: str, key: Any, lang: str) -> str:
    table = (_WORDS_EN if lang == "en" else _WORDS_ZH)[kind]
    return table.get(key, str(key)) if key is not None else "—"


def _n(x: Any, digits: int = 0) -> str:
    return "—" if x is None else f"{float(x):,.{digits}f}"


def _pct(x: Any, digits: int = 1) -> str:
    return "—" if x is None else f"{float(x) * 100:.{digits}f}%"


def _svg(rows: list[dict[str, Any]], allowed: float | None, lang: str = "zh") -> str:
    """Energy with and without the project per year [tce], the allowed total as a dashed line (inline SVG)."""
    w, h, left, bottom, top = 640, 220, 70, 30, 20
    values = [v for r in rows for v in (r["energy_without"], r["energy_with"]) if v is not None]
    if allowed is not None:
        values.append(allowed)
    if not rows or not values:
        return ""
    lo, hi = min(0.0, min(values)), max(values) * 1.05 or 1.0
    step = (w - left - 20) / max(len(rows) - 1, 1)

    def y(v: float) -> float:
        return top + (h - top - bottom) * (1 - (v - lo) / (hi - lo))

    def line(key: str, colour: str) -> str:
        xy = [(left + i * step, y(r[key])) for i, r in enumerate(rows) if r[key] is not None]
        pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
        # a marker on every year, so a path of one year (a project starting in the target year) is still seen
        dots = "".join(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in xy)
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>{dots}'

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-size="10" font-family="{FONT}">'
    ]
    parts.append(f'<line x1="{left}" y1="{y(lo):.1f}" x2="{w - 10}" y2="{y(lo):.1f}" stroke="#888"/>')
    for frac in (0.0, 0.5, 1.0):
        v = lo + (hi - lo) * frac
        parts.append(f'<text x="{left - 4}" y="{y(v) + 3:.1f}" text-anchor="end">{v:,.0f}</text>')
    for i, r in enumerate(rows):
        parts.append(f'<text x="{left + i * step:.1f}" y="{h - 12}" text-anchor="middle">{r["year"]}</text>')
    if allowed is not None:
        parts.append(
            f'<line x1="{left}" y1="{y(allowed):.1f}" x2="{w - 10}" y2="{y(allowed):.1f}" stroke="#888" '
            'stroke-dasharray="5,4"/>'
        )
    parts += [line("energy_without", "#2f6fb0"), line("energy_with", "#c0392b")]
    legend = (
        ("— without the project", "— with the project", "- - allowed in the target year (tce)", 130, 250)
        if lang == "en"
        else ("— 无项目", "— 有项目", "- - 目标年允许能耗（tce）", 70, 140)
    )
    parts.append(
        f'<text x="{left + 5}" y="12" fill="#2f6fb0">{legend[0]}</text><text x="{left + legend[3]}" y="12" '
        f'fill="#c0392b">{legend[1]}</text><text x="{left + legend[4]}" y="12" fill="#888">{legend[2]}</text></svg>'
    )
    return "".join(parts)


def render_project_review(
    evaluation: Any,
    decisions: list[dict[str, Any]],
    path: Any | None,
    *,
    no_path: str = "",
    font: str | None = None,
    lang: str = "zh",
) -> str:
    """The report as one HTML string. ``evaluation``: :class:`ecer.services.projects.ProjectEvaluation`;
    ``decisions``: the project's decisions oldest first; ``path``: :class:`ecer.core.projects.review.RegionPath`
    or None (then ``no_path`` says why); ``lang``: ``zh`` (the default edition, with English labels beside the
    headings) or ``en`` (the English edition: every fixed word, each finding's English message and fix; quoted
    official words stay in Chinese), as the dual-control reports switch (``ecer report --lang``)."""
    en = lang == "en"
    L = LABELS["en" if en else "zh"]
    p = evaluation.project
    disp = _word("disposition", evaluation.disposition.disposition, lang)
    n_err = sum(f.level != "info" for f in evaluation.findings)
    sector, status = _word("sector", p["sector"], lang), _word("status", p["status"], lang)
    region = _region(p["region_code"], lang)
    if en:
        lead = (
            f"{p['name']} ({p['project_id']}, {sector}, {status}) uses {_n(p.get('annual_energy'))} tce a year, in "
            f"{region}. The checks found {n_err} issue(s) needing attention; the suggested disposition is "
            f"'{disp}'."
        )
    else:
        lead = (
            f"{p['name']}（{p['project_id']}，{sector}，{status}）"
            f"年综合能耗 {_n(p.get('annual_energy'))} 吨标准煤，位于{region}。核查发现 {n_err} 个需关注的问题，"
            f"建议处置为“{disp}”。"
        )
    none = L["none"]
    facts = [
        (L["f_name"], p["name"]),
        (L["f_credit"], p.get("credit_code") or "—"),
        (L["f_region"], region),
        (L["f_sector"], sector),
        (L["f_status"], status),
        (L["f_capacity"], f"{_n(p.get('capacity'), 1)} {p.get('capacity_unit') or ''}"),
        (L["f_design"], f"{_n(p.get('design_unit_energy'), 1)} {p.get('design_unit_energy_unit') or ''}"),
        (L["f_annual"], f"{_n(p.get('annual_energy'))} {L['tce']}"),
        (L["f_review"], f"{p.get('energy_review_no') or none} {p.get('energy_review_date') or ''}"),
        (L["f_eia"], f"{p.get('eia_no') or none} {p.get('eia_date') or ''}"),
        (
            L["f_replacement"],
            (
                f"{_word('replacement', p.get('energy_replacement_kind') or 'none', lang)} "
                f"{_n(p.get('energy_replacement_tce'))} tce"
            ),
        ),
    ]
    reasons = [
        {
            "disposition": _word("disposition", r["disposition"], lang),
            "message": r["message_en"] if en else r["message_zh"],
            "code_label": r["code"],
            "doc_no": r.get("doc_no") or "",
            "clause": r.get("clause") or "",
        }
        for r in evaluation.disposition.reasons
    ]
    findings = [
        {
            "level": _word("level", f.level, lang),
            "code": f.code,
            "message": f.message_en if en else f.message_zh,
            "fix": f.fix_en if en else f.fix_zh,
            "evidence": _basis(f.evidence),
        }
        for f in evaluation.findings
    ]
    path_ctx = None
    if path is not None:
        s = path.summary
        as_of = f"（地区数据截至 {s['as_of']} 年）" if s.get("as_of") and not en else ""
        if en:
            sentence = (
                f"By {s['target_year']}, the project's net {_n(s['net_tce'])} tce a year takes "
                f"{_pct(s['share_of_remaining'])} of the region's remaining increment of "
                f"{_n(s['remaining_increment'])} tce"
                + (f" (the region as of {s['as_of']})" if s.get("as_of") else "")
                + f"; the region's cumulative intensity reduction is {_pct(s['reduction_without'], 2)} without the "
                f"project and {_pct(s['reduction_with'], 2)} with it (target {_pct(s['intensity_target'])}). To stay "
                f"within the total allowed in the target year, {_n(s.get('allowed_target_energy'))} tce, "
                f"{_n(s['replacement_to_stay_within'])} tce must be replaced."
            )
        else:
            sentence = (
                f"到 {s['target_year']} 年，本项目净增能耗 {_n(s['net_tce'])} 吨标准煤，占地区剩余用能增量 "
                f"{_n(s['remaining_increment'])} 吨标准煤的 {_pct(s['share_of_remaining'])}{as_of}；地区能耗强度累计降低"
                f"无项目时 {_pct(s['reduction_without'], 2)}，有项目时 {_pct(s['reduction_with'], 2)}（目标 "
                f"{_pct(s['intensity_target'])}）。为不超过目标年允许能耗总量 {_n(s.get('allowed_target_energy'))} 吨标准煤，"
                f"须替代 {_n(s['replacement_to_stay_within'])} 吨标准煤。"
            )
        rule = s.get("replacement_rule")
        rule_text = f"{rule['doc_no']} {rule['clause']}：{rule['quote']}" if rule else ""
        path_ctx = {
            "sentence": sentence,
            "svg": _svg(path.rows, s.get("allowed_target_energy"), lang),
            "rows": [
                {
                    "year": r["year"],
                    "ew": _n(r["energy_without"]),
                    "e": _n(r["energy_with"]),
                    "iw": _n(r["intensity_without"], 4),
                    "i": _n(r["intensity_with"], 4),
                }
                for r in path.rows
            ],
            "rule": rule_text,
            "rule_sentence": (
                f"The rules ask for an energy replacement of {_n(s.get('replacement_by_rule'))} tce ({rule_text})."
                if en
                else f"按规定须能耗替代 {_n(s.get('replacement_by_rule'))} tce（{rule_text}）。"
            ),
        }
    ds = [
        {
            "when": str(d["decided_at"])[:19],
            "decision": _word("disposition", d["decision"], lang),
            "by": d["decided_by"],
            "reason": d["decision_reason"],
            "previous": _word("disposition", d["previous_decision"], lang) if d["previous_decision"] else "—",
            "suggested": _word("disposition", d["suggested_disposition"], lang),
        }
        for d in decisions
    ]
    title = (
        f"Two-high project review: {p['name']} ({p['project_id']})"
        if en
        else f"“两高”项目审核报告：{p['name']}（{p['project_id']}） / Two-high project review"
    )
    return _T.render(
        L=L,
        title=title,
        meta=evaluation.meta,
        lead=lead,
        facts=facts,
        disposition=disp,
        reasons=reasons,
        findings=findings,
        path=path_ctx,
        no_path=no_path,
        decisions=ds,
        font=(f"'{font}', " if font else "") + FONT,
    )


def write_project_review(
    evaluation: Any,
    decisions: list[dict[str, Any]],
    path: Any | None,
    output: str | Path,
    *,
    no_path: str = "",
    lang: str = "zh",
) -> Path:
    """Write the report to ``output``: ``.pdf`` through WeasyPrint (E_PDF_NO_CJK_FONT without a CJK font), else HTML;
    ``lang`` as :func:`render_project_review`."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".pdf":
        from ecer.reports.pdf_report import cjk_font

        font = cjk_font()
        if font is None:
            raise FindingsError([make("E_PDF_NO_CJK_FONT")])
        from weasyprint import HTML

        logging.getLogger("fontTools").setLevel(logging.WARNING)
        html = render_project_review(evaluation, decisions, path, no_path=no_path, font=font, lang=lang)
        HTML(string=html).write_pdf(str(out))
    else:
        out.write_text(
            render_project_review(evaluation, decisions, path, no_path=no_path, lang=lang), encoding="utf-8"
        )
    return out


def _basis(evidence: dict[str, Any]) -> str:
    """The official basis of a finding in words: document, clause and the quoted sentence (the figures themselves are
    in the finding's message; the raw evidence keys stay in the JSON and the work list, not in a signed report)."""
    parts = [str(evidence[k]) for k in ("doc_no", "clause") if evidence.get(k)]
    if evidence.get("quote"):
        parts.append(f"“{evidence['quote']}”")
    return " ".join(parts)


def _region(code: str, lang: str = "zh") -> str:
    """地区 name and code (e.g. 新疆维吾尔自治区（650000）; Xinjiang (650000) in English, the Chinese name where the
    catalog has no English one); the code alone when the catalog does not know it."""
    from ecer.refdata.lookups import regions

    hit = regions().filter(pl.col("region_code") == code)
    if lang == "en":
        if hit.height:
            return f"{hit['name_en'][0] or hit['name_zh'][0]} ({code})"
        return f"region {code}"
    if hit.height:
        return f"{hit['name_zh'][0]}（{code}）"
    return f"地区 {code}"
