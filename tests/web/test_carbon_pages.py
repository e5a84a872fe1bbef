r"""The carbon page and the region page's carbon view in headless Chromium on the real services: the carbon hand
case of tests/carbon/test_service_cli.py (worked in its docstring and in tests/api/test_carbon_api.py), loaded through
the template files, read by the pages over the API.

Worked by hand, 河北省 (130000): CO2 2021 = 69 617.4957 t = 6.96 万吨, −7.69 % on 2020's 75 417.4957 t
(69 617.4957 / 75 417.4957 − 1 = −0.076906); carbon intensity 69 617.4957 / (38 340 × 10⁴) = 0.000182 tCO2/万元,
cumulative reduction 13.32 % against R_1 = 3.89 % → 三级 (green). Energy: 32 500 / 38 340 = 0.8477 tce/万元, 4.64 %
below 2020's 0.8889 against the dual-control assessment's own R_1 = 1 − 0.85^{1/5} = 3.20 % (河北's published 15 %,
冀政字〔2021〕22号: the side view shows the assessment's progress as is) → 三级 (green). CO2 per tce = 0.000214 → 0.00.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from ecer.services import carbon as sc
from ecer.services.loading import load_file
from ecer.storage import Store
from tests.carbon.test_service_cli import ROWS, _energy_file, write
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser
SHOTS = Path("out/screenshots")


@pytest.fixture(scope="module")
def carbon_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    d = tmp_path_factory.mktemp("carbonweb")
    db = d / "c.duckdb"
    with Store.open(db) as st:
        load_file(st, "energy", _energy_file(), who="t", why="hand case")
        sc.load_carbon(st, write(d / "c.csv", ROWS), who="t", why="hand case")
    with serving(create_app(db)) as url:
        yield url


def _open(browser: Any, url: str, ready: str = "ready", locale: str = "zh-CN") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector(f"body[data-{ready}='1']")
    return context, page, errors


def test_carbon_page_map_table_and_assumption(browser: Any, carbon_url: str) -> None:
    context, page, errors = _open(browser, carbon_url + "/carbon")
    try:
        assert page.locator("nav a[href^='/carbon']").count() == 1
        assert page.locator("#c-year").input_value() == "2021"
        assert page.locator("#carbon-sentence").inner_text() == (
            "2021 年，1 个地区二氧化碳排放合计 6.96 万吨；碳排放强度预警：一级（红）0 个，二级（黄）0 个，三级（绿）1 个，未评级 0 个。")
        data = page.evaluate("window.ECER_CARBON_MAP.getOption().series[0].data")
        assert [(d["code"], d["grade"], d["color"]) for d in data if d.get("code")] == [("130000", 3, "green")]
        cells = page.locator("#carbon-progress tbody tr[data-region='130000'] td").all_inner_texts()
        assert cells[1:] == ["6.96", "-7.69%", "38,340.00", "0.0002", "13.32%", "3.89%", "三级（绿）"]
        assert "河北省" in cells[0]
        assert "取核算年份减 2 年的因子" in page.locator("#carbon-assumption").inner_text()
        assert "[C]" in page.locator("#carbon-assumption").inner_text()
        assert page.locator("#report-xlsx").get_attribute("href").startswith("/api/carbon/report.xlsx")
        assert page.locator("#carbon-findings li[data-code='I_CARBON_FEEDSTOCK_EXCLUDED']").count() == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "carbon.png"), full_page=True)
        page.select_option("#c-year", "2020")  # the base year: CO2 shown, not graded
        assert page.locator("#carbon-progress tbody tr td[data-grade='']").count() == 1
        assert errors == []
    finally:
        context.close()


def test_english_carbon_page(browser: Any, carbon_url: str) -> None:
    context, page, errors = _open(browser, carbon_url + "/carbon?lang=en", locale="en-US")
    try:
        assert page.locator("#carbon-sentence").inner_text().startswith("2021: 1 regions emitted 6.96 10⁴ t CO2")
        assert "Y − 2" in page.locator("#carbon-assumption").inner_text()
        assert errors == []
    finally:
        context.close()


def test_region_page_shows_carbon_beside_energy(browser: Any, carbon_url: str) -> None:
    context, page, errors = _open(browser, carbon_url + "/region/130000", ready="carbon-ready")
    try:
        assert page.locator("#side-energy p").inner_text() == "2021 年：强度 0.8477，较基年累计降低 4.64%（均衡进度要求 3.20%）"
        assert page.locator("#side-carbon p").inner_text() == "2021 年：强度 0.0002，较基年累计降低 13.32%（均衡进度要求 3.89%）"
        assert page.locator("#side-energy").get_attribute("data-grade") == "3"
        assert page.locator("#side-carbon").get_attribute("data-grade") == "3"
        row = page.locator("#carbon-side tbody tr[data-year='2021'] td").all_inner_texts()
        assert row == ["2021", "0.8477", "4.64%", "三级（绿）", "0.0002", "13.32%", "三级（绿）", "6.96", "0.00"]
        page.locator("#carbon-side-card").screenshot(path=str(SHOTS / "region_carbon.png"))
        assert [e for e in errors if "carbon" in e.lower()] == []
    finally:
        context.close()
    context, page, _ = _open(browser, carbon_url + "/region/110000", ready="carbon-ready")
    try:  # no carbon rows for 北京: the note says what to load, no empty table
        assert page.locator("#carbon-side-none").is_visible()
        assert not page.locator("#carbon-side").is_visible()
    finally:
        context.close()


def test_no_data_says_what_to_load(browser: Any, tmp_path: Path) -> None:
    from ecer.api.app import create_app

    db = tmp_path / "e.duckdb"
    Store.open(db).close()
    with serving(create_app(db)) as url:
        context, page, errors = _open(browser, url + "/carbon")
        try:
            assert page.locator("#nodata-card").is_visible()
            assert page.locator("#nodata-findings li.finding[data-code='E_NO_DATA']").count() == 1
            assert not page.locator("#map-card").is_visible()
            assert errors == []
        finally:
            context.close()
