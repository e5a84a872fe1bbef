"""Reports of assessments: Excel (xlsxwriter, native chart), printable HTML (Jinja2, inline SVG) and PDF (the
same HTML rendered by WeasyPrint) — documents an official signs, built from one report model
(:func:`ecer.reports.content.build_report`): sentences, absolute figures beside rates, words for every code.

``write_report(result, path, lang="zh")`` picks the writer by the file's suffix (.xlsx, .html, .pdf); each writer
takes an assessment result with ``.table`` (polars, the assessment columns), ``.findings``, ``.edition`` and
``.meta``.
"""

from __future__ import annotations

from pathlib import Path

from ecer.reports.content import Report, build_report
from ecer.reports.html_report import render_html, write_html
from ecer.reports.labels import ResultLike
from ecer.reports.pdf_report import write_pdf
from ecer.reports.xlsx_report import write_xlsx

WRITERS = {".xlsx": write_xlsx, ".html": write_html, ".pdf": write_pdf}


def write_report(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write ``result`` to ``path`` as the report its suffix names (.xlsx, .html or .pdf)."""
    path = Path(path)
    writer = WRITERS[path.suffix.lower()]
    return writer(result, path, lang=lang)


__all__ = ["WRITERS", "Report", "build_report", "render_html", "write_html", "write_pdf", "write_report",
           "write_xlsx"]
