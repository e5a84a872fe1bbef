"""Printable HTML report of a dual-control assessment (Jinja2, print CSS for A4, inline SVG charts;
no JavaScript, no network). Open it in a browser and print, or convert it with WeasyPrint.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import polars as pl

from ecer.reports.labels import (
    COLOR_NAMES,
    COLORS,
    ORIGIN_NAMES,
    ResultLike,
    chart_rows,
    clause_rows,
    edition_rows,
    fmt_value,
    label,
    meta_rows,
    report_period,
)
from ecer.reports.svg_charts import FONT, bar_vs_required, short_name

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TITLE = {"zh": "能耗双控目标完成情况评估报告", "en": "Energy dual-control assessment report"}
GRADE_COLUMNS = ["intensity_change_yoy", "energy_growth_yoy", "gdp_growth_yoy", "required_reduction_annual",
                 "intensity_reduction_cumulative", "required_reduction_cumulative", "progress_ratio"]
_LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3}


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                              autoescape=jinja2.select_autoescape(["html", "j2"]),
                              undefined=jinja2.StrictUndefined)


def _grade_table(rows: pl.DataFrame, lang: str) -> list[dict[str, Any]]:
    name_col = "name_zh" if lang == "zh" else "name_en"
    out = []
    for r in rows.iter_rows(named=True):
        ic, tc = r.get("intensity_color") or "grey", r.get("total_color") or "grey"
        out.append({
            "name": r.get(name_col) or r["region_code"], "code": r["region_code"], "level": r.get("level"),
            "cells": [fmt_value(c, r.get(c), lang) for c in GRADE_COLUMNS],
            "intensity": (ic, fmt_value("intensity_color", ic, lang), COLORS.get(ic, COLORS["grey"])),
            "total": (tc, fmt_value("total_color", tc, lang), COLORS.get(tc, COLORS["grey"])),
            "origin": (ORIGIN_NAMES.get(r.get("data_origin") or "", r.get("data_origin") or "")
                       if lang == "zh" else (r.get("data_origin") or "")),
        })
    return out


def render_html(result: ResultLike, lang: str = "zh", *, for_print: bool = False) -> str:
    """The report as one HTML string (UTF-8 text, self-contained)."""
    zh = lang == "zh"
    period = report_period(result)
    t = result.table
    rows = t.filter(pl.col("period") == period) if period else t.head(0)
    if not rows.is_empty() and "level" in rows.columns:
        rows = rows.with_columns(pl.col("level").replace_strict(_LEVEL_ORDER, default=9).alias("_o")) \
            .sort(["_o", "region_code"]).drop("_o")
    chart = chart_rows(result, period)
    name_col = "name_zh" if zh else "name_en"
    bars = [(short_name(str(r.get(name_col) or r["region_code"])), r.get("intensity_reduction_cumulative"),
             r.get("required_reduction_cumulative"), str(r.get("intensity_color") or "grey"))
            for r in chart.iter_rows(named=True)]
    svg = bar_vs_required(
        bars, title=(f"{period} 累计能耗强度降低率与进度要求（较基期）" if zh else
                     f"{period}: cumulative intensity reduction vs required (vs base year)"),
        value_label="累计降低率" if zh else "cumulative reduction",
        required_label="进度要求" if zh else "required") if bars else ""
    counts = Counter(rows["intensity_color"].to_list()) if "intensity_color" in rows.columns else Counter()
    findings = [{"code": f.code, "level": f.level, "text": f.message_zh if zh else f.message_en,
                 "fix": f.fix_zh if zh else f.fix_en, "where": f.location.text(lang) if f.location else ""}
                for f in result.findings]
    edition = result.edition
    return _env().get_template("assessment.html.j2").render(
        lang=lang, zh=zh, title=TITLE[lang], period=period, font=FONT, today=date.today().isoformat(),
        edition_name=(getattr(edition, "name_zh", "") if zh else getattr(edition, "name_en", "")) or "",
        edition_rows=edition_rows(edition, lang), clauses=clause_rows(edition),
        meta=dict(meta_rows(result.meta)),
        counts=[(COLOR_NAMES[c][0 if zh else 1], COLORS[c], counts.get(c, 0)) for c in COLOR_NAMES
                if counts.get(c)],
        headers=[label(c, lang) for c in GRADE_COLUMNS], grade_rows=_grade_table(rows, lang), chart_svg=svg,
        findings=findings, n_rows=t.height, synthetic=any(o in ("synthetic", "partly synthetic")
                                                         for o in rows.get_column("data_origin").to_list())
        if "data_origin" in rows.columns else False,
    )


def write_html(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write the printable HTML report of ``result`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(result, lang), encoding="utf-8")
    return path
