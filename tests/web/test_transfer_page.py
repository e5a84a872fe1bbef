"""The transfer page in headless Chromium over the hand case of tests/transfer/test_service_cli.py: the ranking bar
chart, the radar of a region's scores and the weights table, in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecer.api import web_assets
from tests.api.test_transfer_api import transfer_db
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tr_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    with serving(create_app(transfer_db(tmp_path_factory.mktemp("trweb")))) as url:
        yield url


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return context, page, errors


def test_ranking_radar_and_weights(browser: Any, tr_url: str) -> None:
    context, page, errors = _open(browser, tr_url + "/transfer")
    try:
        assert page.locator("nav a[href^='/transfer']").count() == 1
        assert page.locator("#tr-sentence").inner_text() == "2023 年按 2 项指标对 3 个地区排序，河南省贴近度最高（0.8420）。"
        bars = page.evaluate("window.ECER_TR_BAR.getOption().series[0].data.map(d => [d.code, d.value])")
        # best at the top: ECharts' category axis runs bottom-up, so the data is reversed
        assert [b[0] for b in bars] == ["110000", "510000", "410000"]
        assert bars[2][1] == pytest.approx(0.84200, abs=1e-5)
        radar = page.evaluate("window.ECER_TR_RADAR.getOption().series[0].data[0].value")
        assert radar == pytest.approx([0.75, 1.0])
        weights = page.locator("#tr-weights tbody tr[data-code='wage'] td").all_inner_texts()
        assert weights[2] == "成本型（越小越优）" and weights[3] == "72.5%", weights
        assert page.locator("#synthetic-banner").is_visible()
        # the normalisation picker speaks words, and the bar chart gives every region a row of its own (22 px each)
        assert page.locator("#t-norm option").all_inner_texts() == ["向量归一化", "极差（min-max）归一化"]
        assert page.evaluate("document.getElementById('rank-chart').style.height") == "300px"  # 3 regions: the floor
        page.select_option("#t-region", "510000")
        radar = page.evaluate("window.ECER_TR_RADAR.getOption().series[0].data[0].value")
        assert radar == pytest.approx([1.0, 0.0])
        assert "四川省" in page.locator("#radar-title").inner_text()
        page.select_option("#t-norm", "minmax")
        # min-max with the same weights: 河南 D⁺ = 0.25·w₁ = 0.068629, D⁻ = √((0.75 w₁)² + w₂²) = 0.754133,
        # C = 0.754133/0.822762 = 0.91659
        page.wait_for_function("window.ECER_TR_BAR.getOption().series[0].data[2].value > 0.9")
        top = page.evaluate("window.ECER_TR_BAR.getOption().series[0].data[2].value")
        assert top == pytest.approx(0.91659, abs=1e-5)
        assert "normalisation=minmax" in (page.get_attribute("#report-xlsx", "href") or "")
        assert not errors, errors
    finally:
        context.close()
    context, page, errors = _open(browser, tr_url + "/transfer?lang=en")
    try:
        assert page.locator("#tr-sentence").inner_text().startswith("3 regions ranked on 2 indicators for 2023")
        assert not errors, errors
    finally:
        context.close()


def test_no_data_shows_the_api_message(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    with serving(create_app(tmp_path_factory.mktemp("tr0") / "e.duckdb")) as url:
        context, page, errors = _open(browser, url + "/transfer")
        try:
            assert page.locator("#nodata-card").is_visible()
            assert "没有承接产业转移评价指标" in page.locator("#nodata-findings").inner_text()
            assert not errors, errors
        finally:
            context.close()
