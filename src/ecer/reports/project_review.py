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
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; } }
body { font-family: {{ font }}; font-size: 10.5pt; line-height: 1.55; color: #222; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border: 1px solid #bbb; padding: 2pt 4pt; }
th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
.lead { font-size: 11pt; background: #f5f5f0; padding: 6pt; } .code { font-family: monospace; color: #555; }
.ev { font-size: 8.5pt; color: #555; } .note { font-size: 8.5pt; color: #555; }
</style></head><body>
<h1>{{ title }}</h1>
<p class="note">核查日期 / as of {{ meta.as_of }}；标杆水平版本 {{ meta.benchmark_edition }}；两高规则版本 {{ meta.rules_edition }}</p>
<p class="lead">{{ lead }}</p>
<h2>一、项目基本情况 / The project</h2>
<table>{% for k, v in facts %}<tr><th style="width:35%">{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<h2>二、建议处置及理由 / Suggested disposition</h2>
<p>建议处置：<strong>{{ disposition }}</strong>。{% if not reasons %}各项核查未发现需要处置的问题。{% endif %}</p>
{% if reasons %}<ol>{% for r in reasons %}<li>{{ r.disposition }}：{{ r.message_zh }}（{{ r.code_label }}；{{ r.doc_no }} {{ r.clause }}）</li>{% endfor %}</ol>{% endif %}
<h2>三、核查结果 / Checks</h2>
{% if not findings %}<p>未发现问题。</p>{% endif %}
<ol>{% for f in findings %}<li><strong>{{ f.level }}</strong> {{ f.message_zh }} <span class="code">{{ f.code }}</span>
{% if f.fix_zh %}<br>处理：{{ f.fix_zh }}{% endif %}{% if f.evidence %}<div class="ev">依据：{{ f.evidence }}</div>{% endif %}</li>{% endfor %}</ol>
<h2>四、对地区能耗双控的影响 / Effect on the region</h2>
{% if path %}
<p>{{ path.sentence }}</p>
{{ path.svg|safe }}
{% if not path.rows %}<p class="note">地区最新数据已到规划目标年，路径没有之后的年份 / the latest data reach the target year.</p>{% else %}
<table><tr><th>年份</th><th>能耗（无项目，tce）</th><th>能耗（有项目，tce）</th><th>强度（无项目，tce/万元）</th><th>强度（有项目，tce/万元）</th></tr>
{% for r in path.rows %}<tr><td>{{ r.year }}</td><td class="num">{{ r.ew }}</td><td class="num">{{ r.e }}</td><td class="num">{{ r.iw }}</td><td class="num">{{ r.i }}</td></tr>{% endfor %}</table>{% endif %}
{% if path.rule %}<p>按规定须能耗替代 {{ path.by_rule }} tce（{{ path.rule }}）。</p>{% endif %}
{% else %}<p>无法计算地区路径：{{ no_path }}</p>{% endif %}
<h2>五、处置决定记录（只追加） / Decisions (append-only)</h2>
{% if not decisions %}<p>尚无处置决定。</p>{% else %}
<table><tr><th>时间</th><th>决定</th><th>决定人</th><th>理由</th><th>此前决定</th><th>当时建议</th></tr>
{% for d in decisions %}<tr><td>{{ d.when }}</td><td>{{ d.decision }}</td><td>{{ d.by }}</td><td>{{ d.reason }}</td><td>{{ d.previous }}</td><td>{{ d.suggested }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>"""
)

_LEVEL = {"error": "错误", "warning": "警告", "info": "提示"}


def _n(x: Any, digits: int = 0) -> str:
    return "—" if x is None else f"{float(x):,.{digits}f}"


def _pct(x: Any, digits: int = 1) -> str:
    return "—" if x is None else f"{float(x) * 100:.{digits}f}%"


def _svg(rows: list[dict[str, Any]], allowed: float | None) -> str:
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
        pts = " ".join(
            f"{left + i * step:.1f},{y(r[key]):.1f}" for i, r in enumerate(rows) if r[key] is not None
        )
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>'

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
    parts.append(
        f'<text x="{left + 5}" y="12" fill="#2f6fb0">— 无项目</text><text x="{left + 70}" y="12" fill="#c0392b">'
        f'— 有项目</text><text x="{left + 140}" y="12" fill="#888">- - 目标年允许能耗（tce）</text></svg>'
    )
    return "".join(parts)


def render_project_review(
    evaluation: Any,
    decisions: list[dict[str, Any]],
    path: Any | None,
    *,
    no_path: str = "",
    font: str | None = None,
) -> str:
    """The report as one HTML string. ``evaluation``: :class:`ecer.services.projects.ProjectEvaluation`;
    ``decisions``: the project's decisions oldest first; ``path``: :class:`ecer.core.projects.review.RegionPath`
    or None (then ``no_path`` says why)."""
    p = evaluation.project
    disp = DISPOSITIONS[evaluation.disposition.disposition]
    n_err = sum(f.level != "info" for f in evaluation.findings)
    lead = (
        f"{p['name']}（{p['project_id']}，{SECTORS.get(p['sector'], p['sector'])}，{STATUSES.get(p['status'], p['status'])}）"
        f"年综合能耗 {_n(p.get('annual_energy'))} 吨标准煤，位于{_region(p['region_code'])}。核查发现 {n_err} 个需关注的问题，"
        f"建议处置为“{disp}”。"
    )
    facts = [
        ("项目名称 / name", p["name"]),
        ("统一社会信用代码 / credit code", p.get("credit_code") or "—"),
        ("地区 / region", _region(p["region_code"])),
        ("行业 / sector", SECTORS.get(p["sector"], p["sector"])),
        ("状态 / status", STATUSES.get(p["status"], p["status"])),
        ("产能 / capacity", f"{_n(p.get('capacity'), 1)} {p.get('capacity_unit') or ''}"),
        (
            "设计单位产品能耗 / design unit energy",
            f"{_n(p.get('design_unit_energy'), 1)} {p.get('design_unit_energy_unit') or ''}",
        ),
        ("年综合能耗 / annual energy", f"{_n(p.get('annual_energy'))} 吨标准煤 (tce)"),
        (
            "节能审查 / energy review",
            f"{p.get('energy_review_no') or '无 / none'} {p.get('energy_review_date') or ''}",
        ),
        ("环评批复 / EIA", f"{p.get('eia_no') or '无 / none'} {p.get('eia_date') or ''}"),
        (
            "能耗替代 / energy replacement",
            (
                f"{REPLACEMENT_KINDS.get(p.get('energy_replacement_kind') or 'none', '—')} "
                f"{_n(p.get('energy_replacement_tce'))} tce"
            ),
        ),
    ]
    reasons = [
        {
            **r,
            "disposition": DISPOSITIONS.get(r["disposition"], r["disposition"]),
            "code_label": r["code"],
            "doc_no": r.get("doc_no") or "",
            "clause": r.get("clause") or "",
        }
        for r in evaluation.disposition.reasons
    ]
    findings = [
        {
            "level": _LEVEL.get(f.level, f.level),
            "code": f.code,
            "message_zh": f.message_zh,
            "fix_zh": f.fix_zh,
            "evidence": _basis(f.evidence),
        }
        for f in evaluation.findings
    ]
    path_ctx = None
    if path is not None:
        s = path.summary
        sentence = (
            f"到 {s['target_year']} 年，本项目净增能耗 {_n(s['net_tce'])} 吨标准煤，占地区剩余用能增量 "
            f"{_n(s['remaining_increment'])} 吨标准煤的 {_pct(s['share_of_remaining'])}；地区能耗强度累计降低"
            f"无项目时 {_pct(s['reduction_without'], 2)}，有项目时 {_pct(s['reduction_with'], 2)}（目标 "
            f"{_pct(s['intensity_target'])}）。为不超过目标年允许能耗总量 {_n(s.get('allowed_target_energy'))} 吨标准煤，"
            f"须替代 {_n(s['replacement_to_stay_within'])} 吨标准煤。"
        )
        rule = s.get("replacement_rule")
        path_ctx = {
            "sentence": sentence,
            "svg": _svg(path.rows, s.get("allowed_target_energy")),
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
            "rule": f"{rule['doc_no']} {rule['clause']}：{rule['quote']}" if rule else "",
            "by_rule": _n(s.get("replacement_by_rule")),
        }
    ds = [
        {
            "when": str(d["decided_at"])[:19],
            "decision": DISPOSITIONS.get(d["decision"], d["decision"]),
            "by": d["decided_by"],
            "reason": d["decision_reason"],
            "previous": DISPOSITIONS.get(d["previous_decision"], "—") if d["previous_decision"] else "—",
            "suggested": DISPOSITIONS.get(d["suggested_disposition"], d["suggested_disposition"]),
        }
        for d in decisions
    ]
    return _T.render(
        title=f"“两高”项目审核报告：{p['name']}（{p['project_id']}） / Two-high project review",
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
) -> Path:
    """Write the report to ``output``: ``.pdf`` through WeasyPrint (E_PDF_NO_CJK_FONT without a CJK font), else HTML."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".pdf":
        from ecer.reports.pdf_report import cjk_font

        font = cjk_font()
        if font is None:
            raise FindingsError([make("E_PDF_NO_CJK_FONT")])
        from weasyprint import HTML

        logging.getLogger("fontTools").setLevel(logging.WARNING)
        HTML(string=render_project_review(evaluation, decisions, path, no_path=no_path, font=font)).write_pdf(
            str(out)
        )
    else:
        out.write_text(render_project_review(evaluation, decisions, path, no_path=no_path), encoding="utf-8")
    return out


def _basis(evidence: dict[str, Any]) -> str:
    """The official basis of a finding in words: document, clause and the quoted sentence (the figures themselves are
    in the finding's message; the raw evidence keys stay in the JSON and the work list, not in a signed report)."""
    parts = [str(evidence[k]) for k in ("doc_no", "clause") if evidence.get(k)]
    if evidence.get("quote"):
        parts.append(f"“{evidence['quote']}”")
    return " ".join(parts)


def _region(code: str) -> str:
    """地区 name and code (e.g. 新疆维吾尔自治区（650000）); the code alone when the catalog does not know it."""
    from ecer.refdata.lookups import regions

    hit = regions().filter(pl.col("region_code") == code)
    if hit.height:
        return f"{hit['name_zh'][0]}（{code}）"
    return f"地区 {code}"
