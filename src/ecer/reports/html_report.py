"""Printable HTML report of a dual-control assessment (Jinja2; A4 print CSS with page header, footer and page
numbers; results on landscape pages; inline SVG chart; no JavaScript, no network). Open it in a browser and print,
or render it to PDF (:mod:`ecer.reports.pdf_report`). The sections come from :func:`ecer.reports.content.build_report`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ecer.reports.content import Report, build_report
from ecer.reports.findings_text import shown_findings
from ecer.reports.labels import COLORS, NO_VALUE, ResultLike, fmt
from ecer.reports.svg_charts import FONT, bar_vs_required, short_name
from ecer.reports.tables import Col, Mark
from ecer.reports.wording import CJK

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_CJK_START = CJK.replace("—…·", "")
_CJK_RUN = re.compile(f"[{_CJK_START}][{CJK}]*(?:[\\d\\s.,:;()\\-–/%+]*[{CJK}]+)*")


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["orig"] = _orig
    return env


def _orig(text: Any, lang: str) -> Markup:
    """Escaped text; in the English report the Chinese it quotes (document numbers, titles, the data's own words)
    is marked ``lang="zh-CN"`` as original wording."""
    safe = str(escape(str(text)))
    if lang == "zh":
        return Markup(safe)
    return Markup(_CJK_RUN.sub(lambda m: f'<span class="orig" lang="zh-CN">{m.group(0)}</span>', safe))


def _cell(value: Any, col: Col, lang: str) -> dict[str, Any]:
    """A table cell as the template draws it: text, CSS class and, for grades, the fill colour."""
    if isinstance(value, Mark):
        bg, fg = COLORS.get(value.color, COLORS["grey"])
        return {"text": _orig(value.text, lang), "cls": "grade", "style": f"background:{bg};color:{fg}"}
    if value is None:
        return {"text": NO_VALUE, "cls": "num" if col.kind not in ("text", "source") else "", "style": ""}
    if isinstance(value, (int, float)) and col.kind not in ("text", "source"):
        return {"text": fmt(value, col.kind, lang, decimals=col.decimals), "cls": "num", "style": ""}
    return {"text": _orig(value, lang), "cls": "src" if col.kind == "source" else ("wrap" if col.wrap else ""),
            "style": ""}


def _head(col: Col) -> dict[str, Any]:
    if col.color:
        bg, fg = COLORS[col.color]
        return {"text": col.label, "style": f"background:{bg};color:{fg}"}
    return {"text": col.label, "style": ""}


def _table(t: Any, lang: str) -> dict[str, Any]:
    return {"key": t.key, "title": t.title, "wide": t.wide, "note": t.note,
            "heads": [_head(c) for c in t.columns],
            "rows": [{"cls": (t.row_classes[i] if i < len(t.row_classes) else ""),
                      "cells": [_cell(v, c, lang) for v, c in zip(row, t.columns, strict=True)]}
                     for i, row in enumerate(t.rows)]}


def _chart(report: Report) -> str:
    if not report.chart:
        return ""
    zh = report.lang == "zh"
    bars = [(short_name(n) if zh else n, v, r, c) for n, v, r, c in report.chart]
    return bar_vs_required(bars, title=report.chart_title, value_label="累计降低率" if zh else "cumulative reduction",
                           required_label="进度要求" if zh else "required")


def render_html(result: ResultLike, lang: str = "zh", *, for_print: bool = False, font: str | None = None) -> str:
    """The report as one self-contained HTML string. ``for_print``: the page as the PDF engine lays it out (no
    screen margins); ``font``: a CJK font family to put first (the PDF writer passes the one it found)."""
    report = build_report(result, lang)
    return render_report(report, for_print=for_print, font=font)


def render_report(report: Report, *, for_print: bool = False, font: str | None = None) -> str:
    findings = []
    for g in report.findings:
        shown, _ = shown_findings(g)
        by_code: dict[str, dict[str, Any]] = {}
        for item in g.items:
            entry = by_code.setdefault(item.code, {"code": item.code, "fix": item.fix, "entries": [], "n": 0})
            entry["n"] += 1
            if item in shown:
                entry["entries"].append(item)
        for entry in by_code.values():
            entry["more"] = entry["n"] - len(entry["entries"])
            entry["fix"] = entry["fix"] if all(i.fix == entry["fix"] for i in g.items if i.code == entry["code"]) \
                else ""
        findings.append({"title": g.title, "level": g.level, "codes": list(by_code.values()), "n": len(g.items)})
    lang = report.lang
    return _env().get_template("assessment.html.j2").render(
        r=report, lang=lang, zh=lang == "zh", s=report.section_titles, for_print=for_print,
        font=(f"'{font}', " if font else "") + FONT, chart_svg=_chart(report),
        barometer=_table(report.barometer, lang),
        assessment=_table(report.assessment, lang) if report.assessment else None,
        history=_table(report.history, lang), results=[_table(t, lang) for t in report.results],
        targets=_table(report.targets, lang), findings=findings,
    )


def write_html(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write the printable HTML report of ``result`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(result, lang), encoding="utf-8")
    return path
