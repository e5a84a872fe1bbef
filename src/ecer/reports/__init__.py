"""Reports of assessments: Excel (xlsxwriter, native charts) and printable HTML (Jinja2, inline SVG).

``write_xlsx(result, path, lang="zh")`` and ``write_html(result, path, lang="zh")`` take an assessment
result with ``.table`` (polars, the assessment columns), ``.findings``, ``.edition`` and ``.meta``.
"""

from ecer.reports.html_report import render_html, write_html
from ecer.reports.xlsx_report import write_xlsx

__all__ = ["render_html", "write_html", "write_xlsx"]
