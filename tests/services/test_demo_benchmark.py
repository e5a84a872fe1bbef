"""The demo's benchmarking part (``make demo``): the unit population loads and the three reports are written; the
XLSX opens with its sheets and its class counts match the population's recorded truth (demo_units' truth.csv)."""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl
from rich.console import Console

from ecer.services.demo_benchmark import run_benchmark_demo

SHEETS = ["概况", "标杆产能占比", "基准以下产能", "改造清单", "淘汰清单", "能效对标分类", "发现", "代码说明"]
CLASS_ZH = {"benchmark": "标杆水平", "between": "标杆与基准之间", "below_baseline": "基准水平以下"}


def test_demo_writes_benchmark_reports(tmp_path: Path) -> None:
    reports = run_benchmark_demo(tmp_path / "demo.duckdb", tmp_path, Console(quiet=True), units=60)
    xlsx = fastexcel.read_excel(reports["xlsx"])
    assert xlsx.sheet_names == SHEETS
    classes = xlsx.load_sheet_by_name("能效对标分类").to_polars()
    truth = pl.read_csv(tmp_path / "demo_units" / "truth.csv")
    # every unit appears in each of its years with the class it was generated in
    got = classes.group_by("装置编号").agg(pl.col("对标结果").unique()).sort("装置编号")
    assert got.height == truth["unit_id"].n_unique() == 60
    want = {r["unit_id"]: CLASS_ZH[r["true_class"]] for r in truth.iter_rows(named=True)}
    assert all(v.to_list() == [want[k]] for k, v in zip(got["装置编号"], got["对标结果"], strict=True))
    html = reports["html"].read_text(encoding="utf-8")
    assert "改造清单" in html and "标杆产能占比" in html
    if "pdf" in reports:  # absent only without a CJK font (said on the console)
        assert reports["pdf"].read_bytes()[:4] == b"%PDF"
