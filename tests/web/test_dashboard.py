"""The dashboard in a real headless chromium: map, language switch, upload errors, region page.

Screenshots go to /tmp/ecer_web_*.png (look at them when changing the pages).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.csv_files import BAD_ENERGY

pytestmark = pytest.mark.browser

MAP_READY = "() => window.ECER_MAP && window.ECER_MAP.getOption().series[0].data.length >= 31"


def _only_local(page: Any, base_url: str) -> None:
    outside = [u for u in page.requests if not u.startswith((base_url, "data:"))]
    assert outside == []


def test_overview_map_colours_every_province(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function(MAP_READY, timeout=20_000)
    # ECharts completes the series with the map's areas that have no data (台湾, 香港, 澳门, 南海诸岛)
    data = page.evaluate("() => window.ECER_MAP.getOption().series[0].data.filter((d) => d.code)")
    assert len(data) == 31 and len({d["name"] for d in data}) == 31
    # every province drawn: the SVG map has a path per area (34 areas incl. HK, Macao, Taiwan).
    assert page.locator("#map svg path").count() >= 34
    colours = {d["color"]: d["itemStyle"]["areaColor"] for d in data}
    assert colours["red"] == "#d9363e" and colours["green"] == "#2e9d57" and colours["yellow"] == "#f2b705"
    assert page.locator("#province-table tbody tr").count() == 31
    assert "部分为合成数据" in page.locator("#synthetic-banner").inner_text()
    assert page.locator("h1").inner_text() == "能耗双控总览"
    # toggle to the total check: the exempt provinces (every fifth) turn blue
    page.click("#map-total")
    data = page.evaluate("() => window.ECER_MAP.getOption().series[0].data.filter((d) => d.code)")
    # the fake exempts index 0, 5, …, 30 in code order; index 0 is the nation (not on the map) → 6 provinces
    assert sum(d["color"] == "exempt" for d in data) == 6
    page.screenshot(path="/tmp/ecer_web_overview_zh.png", full_page=True)
    _only_local(page, base_url)


def test_language_switch_sticks(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function(MAP_READY, timeout=20_000)
    page.click("#lang-toggle")
    page.wait_for_url("**lang=en**")
    page.wait_for_function(MAP_READY, timeout=20_000)
    assert page.locator("h1").inner_text() == "Energy dual-control overview"
    assert page.evaluate("() => localStorage.getItem('ecer.lang')") == "en"
    assert "Beijing" in page.locator("#province-table").inner_text()
    page.screenshot(path="/tmp/ecer_web_overview_en.png", full_page=True)
    page.goto(base_url + "/upload")  # no ?lang: the stored choice applies
    assert page.locator("h1").inner_text() == "Upload data"
    page.click("#lang-toggle")
    page.wait_for_url("**lang=zh**")
    assert page.locator("h1").inner_text() == "数据上传"


def test_bad_upload_shows_its_row_error(page: Any, base_url: str) -> None:
    page.goto(base_url + "/upload")
    page.wait_for_selector("#template option[value=energy]", state="attached")
    page.select_option("#template", "energy")
    page.set_input_files("#file", files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": BAD_ENERGY}])
    page.click("#upload-submit")
    row = page.locator("#findings tbody tr", has_text="E_NOT_NUMBER")
    row.wait_for(timeout=15_000)
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "bad.csv" and cells[2] == "3" and "total_energy" in cells[3]
    assert "十二" in cells[5] and cells[6]
    assert "未导入" in page.locator("#upload-result").inner_text()
    page.screenshot(path="/tmp/ecer_web_upload_error.png", full_page=True)
    _only_local(page, base_url)


def test_region_page_shows_series_and_exclusions(page: Any, base_url: str) -> None:
    page.goto(base_url + "/region/110000?period=2021")
    page.wait_for_selector("#exclusions tbody tr")
    text = page.locator("#exclusions").inner_text()
    assert "原料用能" in text and "国家重大项目能耗单列" in text and "0.3 万吨标准煤" in text  # 3000 tce
    assert "北京市" in page.locator("#region-title").inner_text()
    assert page.locator("#period").input_value() == "2021"
    page.wait_for_function("() => document.querySelector('#yoy-chart canvas') !== null")
    page.screenshot(path="/tmp/ecer_web_region_zh.png", full_page=True)
    _only_local(page, base_url)
