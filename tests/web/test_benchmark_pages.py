"""The benchmarking pages in headless Chromium on the real services, on the hand-made 电石 store of
``tests/cli/test_benchmark_cli.py``.

Worked by hand from the 2021 edition (发改产业〔2021〕1609号, 电石: benchmark 805, baseline 940 kgce/t): units sorted
D1 805 (标杆), D2 900, D4 950, D3 1000; capacity at benchmark 30 of 110 万t/a = 27.27 %, short of the > 30 % goal;
below baseline D3 20 + D4 10 = 30 万t/a (27.27 %), deadline 2025-12-31, 10 万t/a not upgradable (D4).
D3's yearly saving to benchmark (1000 − 805) kgce/t × 200 000 t = 39 000 tce, to baseline (1000 − 940) × 200 000 =
12 000 tce; gap to benchmark 195 kgce/t = 195 / 805 = 24.22 %."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from ecer.services.loading import load_files
from ecer.storage import Store
from tests.ci import cannot_run
from tests.cli.test_benchmark_cli import ENT, PERF, UNITS, _csv
from tests.web.conftest import serving

pytestmark = pytest.mark.browser
SHOTS = Path("out/screenshots")


@pytest.fixture(scope="module")
def bench_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    tmp = Path(tmp_path_factory.mktemp("benchweb"))
    db = tmp / "b.duckdb"
    with Store.open(db) as st:
        load_files(
            st,
            "enterprises",
            [_csv(tmp / "e.csv", ENT)],
            who="t",
            with_files=[
                ("production_units", _csv(tmp / "u.csv", UNITS)),
                ("unit_performance", _csv(tmp / "p.csv", PERF)),
            ],
        )
    with serving(create_app(db)) as url:
        yield url


def test_distribution_with_two_lines_and_unit_page(browser: Any, bench_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(bench_url + "/benchmark?edition=2021")
        assert page.locator("nav a[href^='/benchmark']").count() == 1
        page.wait_for_selector("#bench-units tbody tr[data-id='D3']")
        page.wait_for_function("document.getElementById('share-benchmark').textContent.length > 0")
        option = page.evaluate("window.ECER_BENCH_CHART.getOption()")
        (series,) = option["series"]
        lines = sorted((d["name"], d["yAxis"]) for d in series["markLine"]["data"])
        assert lines == [("baseline", 940), ("benchmark", 805)]
        assert [d["unit_id"] for d in series["data"]] == ["D1", "D2", "D4", "D3"]
        labels = page.evaluate(
            "[...document.querySelectorAll('#dist-chart svg text')].map(t => t.textContent)"
        )
        assert any("标杆水平 805" in x for x in labels), labels
        assert any("基准水平 940" in x for x in labels), labels
        share = page.locator("#share-benchmark").inner_text()
        assert share.startswith("2023 年电石（各细分类别合计"), share
        assert "30 万t/a" in share and "110 万t/a" in share and "27.27%" in share and "未达到" in share, share
        below = page.locator("#share-baseline").inner_text()
        assert "30 万t/a" in below and "2025-12-31" in below and "10 万t/a" in below, below
        map_data = page.evaluate("window.ECER_BENCH_MAP.getOption().series[0].data")
        assert [(d["code"], round(d["value"], 2)) for d in map_data if d.get("code")] == [("440000", 27.27)]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "benchmark.png"), full_page=True)

        # the 2023 edition ships without the 电石 rows: the gap message, never 2021's numbers
        page.select_option("#b-edition", "2023")
        page.wait_for_selector("#gap-card:not([hidden])")
        assert page.locator("#gap-findings li[data-code='W_BENCHMARK_NO_LEVEL']").count() == 1
        assert page.locator("#dist-card").is_hidden()

        page.goto(bench_url + "/benchmark?edition=2021")
        page.click("#bench-units tbody tr[data-id='D3'] a")
        page.wait_for_selector("#unit-years tbody tr[data-year='2023']")
        row = page.locator("#unit-years tbody tr[data-year='2023']")
        assert row.get_attribute("data-class") == "below_baseline"
        cells = row.locator("td").all_inner_texts()
        assert cells[1] == "1,000 kgce/t"
        assert cells[3] == "195 kgce/t (24.22%)"
        assert cells[5] == "39,000" and cells[6] == "12,000"
        page.wait_for_selector("#tech li.tech")
        assert page.locator("#tech li.tech").count() == 7  # 附件6 电石: seven technology paths
        page.screenshot(path=str(SHOTS / "benchmark_unit.png"), full_page=True)
        # under 2023 the unit has no level: its gap finding, no class
        page.select_option("#b-edition", "2023")
        page.wait_for_selector("#unit-findings li[data-code='W_BENCHMARK_NO_LEVEL']")
        assert page.locator("#unit-card").is_hidden()
        assert "D3" in page.locator("#unit-findings li.finding").first.inner_text()

        # English from i18n
        page.goto(bench_url + "/benchmark?edition=2021&lang=en")
        page.wait_for_function("document.getElementById('share-benchmark').textContent.length > 0")
        labels = page.evaluate(
            "[...document.querySelectorAll('#dist-chart svg text')].map(t => t.textContent)"
        )
        assert any("Benchmark 805 kgce/t" in x for x in labels), labels
        assert any("Baseline 940 kgce/t" in x for x in labels), labels
        assert "below the 30% goal" in page.locator("#share-benchmark").inner_text()
        assert not errors, errors
    finally:
        context.close()


def test_unknown_unit_is_404(bench_url: str) -> None:
    import httpx

    r = httpx.get(bench_url + "/benchmark/units/NOPE")
    assert r.status_code == 404
    assert "NOPE" in r.text
    assert httpx.get(bench_url + "/benchmark/units/D1").status_code == 200


def test_benchmark_pages_fit_a_phone(browser: Any, bench_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    try:
        for path, ready in (
            ("/benchmark?edition=2021", "#bench-units tbody tr[data-id='D1']"),
            ("/benchmark/units/D1?edition=2021", "#unit-years tbody tr"),
        ):
            page.goto(bench_url + path)
            page.wait_for_selector(ready)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, path
    finally:
        context.close()


def test_units_table_names_the_region(browser: Any, bench_url: str) -> None:
    """The units' region 440300 is 深圳市 / Shenzhen in the bundled catalog: the name in the page language, the code
    small beside it."""
    context = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(bench_url + "/benchmark?edition=2021")
        cell = page.locator("#bench-units tbody tr[data-id='D1'] td").nth(1)
        cell.locator(".region-name").wait_for()
        assert cell.locator(".region-name").inner_text() == "深圳市"
        assert cell.locator("code.code-small").inner_text() == "440300"
        page.goto(bench_url + "/benchmark?edition=2021&lang=en")
        cell = page.locator("#bench-units tbody tr[data-id='D1'] td").nth(1)
        cell.locator(".region-name").wait_for()
        assert cell.locator(".region-name").inner_text() == "Shenzhen"
    finally:
        context.close()
