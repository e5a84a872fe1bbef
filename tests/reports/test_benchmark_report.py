"""The benchmarking XLSX: a unit id typed like a formula stays text (ecer.safe_cells), and the HTML escapes it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl

from ecer.reports.benchmark_report import render_benchmark_html, write_benchmark_xlsx
from ecer.services.benchmarking import benchmark_units

EVIL = '=HYPERLINK("http://x","<b>x</b>")'


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    # 电石 2021: baseline 940 kgce/t; 1000 is below baseline and upgradable → on the retrofit list
    perf = pl.DataFrame(
        {
            "unit_id": [EVIL],
            "enterprise": ["E"],
            "region": ["440300"],
            "field": ["电石"],
            "sub_category": ["通用"],
            "year": [2023],
            "capacity": [20.0],
            "capacity_unit": ["万t/a"],
            "output": [200000.0],
            "unit_energy": [1000.0],
            "upgradable": [True],
        }
    )
    result = benchmark_units(perf, "2021")
    path = write_benchmark_xlsx(result, tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    cell = wb["改造清单"]["A2"]
    assert cell.data_type == "s" and cell.value == "'" + EVIL
    html = render_benchmark_html(result)
    assert EVIL not in html and "&lt;b&gt;" in html
