"""Render the HTML report in Debian's chromium: Chinese labels fit inside the chart, A4 print works."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ecer.reports import write_html
from ecer.services.dual_control import AssessmentResult
from tests.ci import cannot_run, import_or_skip

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def report(levels_result: AssessmentResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which(CHROMIUM):
        cannot_run("Debian chromium not installed: apt-get install -y chromium")
    # the longest official province name must still fit on the chart's left
    table = levels_result.table.with_columns(
        pl.when(pl.col("region_code") == "130000").then(pl.lit("新疆维吾尔自治区测试")).otherwise(pl.col("name_zh"))
        .alias("name_zh"))
    return write_html(dataclasses.replace(levels_result, table=table), tmp_path_factory.mktemp("b") / "r.html")


def test_chart_labels_inside_and_pdf(report: Path, tmp_path: Path) -> None:
    sync_api: Any = import_or_skip("playwright.sync_api", "playwright for Python not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1400})
            page.goto(report.as_uri())
            lefts = page.eval_on_selector_all(
                "svg text", "els => els.map(e => e.getBoundingClientRect().left - "
                            "e.ownerSVGElement.getBoundingClientRect().left)")
            assert lefts and min(lefts) >= 0
            assert page.title().startswith("能耗双控目标完成情况评估报告")
            pdf = tmp_path / "r.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            assert pdf.read_bytes().startswith(b"%PDF")
        finally:
            browser.close()
