r"""The key-project indicator page in headless Chromium on the real services: values loaded through the template
file, read by the page over /api/indicators/progress.

Worked by hand (国发〔2021〕33号 三; n = 5, base 2020), region 110000:
  straw_use ≥ 86 %: 80 % (2020) → 82 % (2021); required 80 × (86/80)^{1/5} = 81.16554 % → 达标 (green);
      bar (82 − 80)/(86 − 80) = 33.3 %, tick at (81.16554 − 80)/6 = 19.4 %;
  energy_intensity −13.5 %: 2.7 % down by 2021 < R_1 = 1 − 0.865^{1/5} = 2.8589 % → 进度滞后 (yellow);
      bar 2.7/13.5 = 20.0 %;
  rural_sewage ≥ 40 %: 30 % (2020) → 35 % in 2025 → 未达标 (red), 5 points to go, bar 50.0 %;
  green_building 全面执行: qualitative → 无法评估 (grey), no bar.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from ecer.storage import Store
from tests.ci import cannot_run
from tests.indicators.test_service_cli import write
from tests.web.conftest import serving

pytestmark = pytest.mark.browser
SHOTS = Path("out/screenshots")
ROWS = [
    {"region_code": "110000", "year": "2020", "indicator_code": "straw_use", "value": "80", "unit": "%"},
    {"region_code": "110000", "year": "2021", "indicator_code": "straw_use", "value": "82", "unit": "%"},
    {"region_code": "110000", "year": "2021", "indicator_code": "energy_intensity", "value": "2.7", "unit": "%"},
    {"region_code": "110000", "year": "2020", "indicator_code": "rural_sewage", "value": "30", "unit": "%"},
    {"region_code": "110000", "year": "2025", "indicator_code": "rural_sewage", "value": "35", "unit": "%"},
    {"region_code": "110000", "year": "2021", "indicator_code": "green_building", "value": ""},
    {"region_code": "120000", "year": "2020", "indicator_code": "straw_use", "value": "90", "unit": "%"},
]


@pytest.fixture(scope="module")
def ind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app
    from ecer.services.indicators import load_indicators

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    folder = tmp_path_factory.mktemp("indweb")
    db = folder / "i.duckdb"
    with Store.open(db) as store:
        load_indicators(store, write(folder / "v.csv", ROWS), who="t", why="web test")
    with serving(create_app(db)) as url:
        yield url


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return context, page, errors


def _card(page: Any, code: str) -> Any:
    return page.locator(f"#ind-cards .ind-card[data-indicator='{code}']")


def test_cards_with_bars_and_status(browser: Any, ind_url: str) -> None:
    context, page, errors = _open(browser, ind_url + "/indicators")
    try:
        assert page.locator("nav a[href^='/indicators']").count() == 1
        assert page.locator("#i-region").input_value() == "110000"
        codes = page.locator("#ind-cards .ind-card").evaluate_all("(cs) => cs.map((c) => c.dataset.indicator)")
        assert codes == ["energy_intensity", "green_building", "rural_sewage", "straw_use"]  # catalogue rows 1, 13, 18, 19
        straw = _card(page, "straw_use")
        assert straw.locator("[data-role=status]").inner_text() == "达标"
        assert "badge green" in straw.locator("[data-role=status]").get_attribute("class")
        assert straw.locator(".ind-name").inner_text() == "秸秆综合利用率"
        assert straw.locator(".ind-en").inner_text() == "straw comprehensive utilisation rate"
        assert straw.locator("[data-role=value]").inner_text() == "2021 年：82%"
        assert straw.locator(".ind-fill").evaluate("(e) => e.style.width") == "33.3%"
        assert straw.locator(".ind-tick").evaluate("(e) => e.style.left") == "19.4%"
        assert "均衡进度要求 81.17%" in straw.locator(".ind-facts").inner_text()
        energy = _card(page, "energy_intensity")
        assert energy.locator("[data-role=status]").inner_text() == "进度滞后"
        assert energy.locator("[data-role=value]").inner_text() == "2021 年：比 2020 年累计下降 2.7%"
        assert energy.locator(".ind-fill").evaluate("(e) => e.style.width") == "20%"  # 20.0 % as CSS keeps it
        sewage = _card(page, "rural_sewage")
        assert sewage.locator("[data-role=status]").inner_text() == "未达标"
        assert "距目标 5 个百分点" in sewage.locator(".ind-facts").inner_text()  # 40 − 35
        green = _card(page, "green_building")
        assert green.locator("[data-role=status]").inner_text() == "无法评估" and green.locator(".ind-bar").count() == 0
        assert page.locator("#ind-sentence").inner_text() == (
            "北京市 110000 最新数值：4 项指标，达标 1 项、进度滞后 1 项、未达标 1 项、无法评估 1 项。")
        assert "region_code=110000" in page.locator("#report-html").get_attribute("href")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "indicators.png"), full_page=True)
        page.select_option("#i-region", "120000")  # 天津: base year only
        assert _card(page, "straw_use").locator("[data-role=status]").inner_text() == "基期"
        assert not errors, errors
    finally:
        context.close()


def test_english_page(browser: Any, ind_url: str) -> None:
    context, page, errors = _open(browser, ind_url + "/indicators?lang=en")
    try:
        straw = _card(page, "straw_use")
        assert straw.locator(".ind-name").inner_text() == "straw comprehensive utilisation rate"
        assert straw.locator("[data-role=status]").inner_text() == "met / on track"
        assert not errors, errors
    finally:
        context.close()


def test_no_data_says_what_to_load(browser: Any, tmp_path: Path) -> None:
    from ecer.api.app import create_app

    with serving(create_app(tmp_path / "empty.duckdb")) as url:
        context, page, errors = _open(browser, url + "/indicators")
        try:
            assert page.locator("#nodata-card").is_visible()
            li = page.locator("#nodata-findings li.finding[data-code='E_INDICATOR_NO_DATA']")
            assert "没有重点工程指标数据" in li.locator(".msg").inner_text()
            assert "ecer template indicator_values" in li.locator(".fix").inner_text()
            assert not errors, errors
        finally:
            context.close()
