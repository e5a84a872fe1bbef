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
    grade_colours = {"#d9363e", "#2e9d57", "#f2b705", "#c8c8c8"}
    assert colours["red"] == "#d9363e" and colours["green"] == "#2e9d57" and colours["yellow"] == "#f2b705"
    # hover keeps the area's grade colour and adds a neutral dark outline, distinct from every grade colour
    for d in data:
        assert d["emphasis"]["itemStyle"]["areaColor"] == d["itemStyle"]["areaColor"]
        assert d["emphasis"]["itemStyle"]["borderColor"] not in grade_colours
    series = page.evaluate("() => window.ECER_MAP.getOption().series[0].emphasis.itemStyle")
    assert series["borderColor"] not in grade_colours
    assert page.locator("#province-table tbody tr").count() == 31
    assert "部分为合成数据" in page.locator("#synthetic-banner").inner_text()
    assert page.locator("h1").inner_text() == "能耗双控总览"
    # toggle to the total check: the barometer never exempts — grey (not graded) for every fifth, no "exempt"
    page.click("#map-total")
    data = page.evaluate("() => window.ECER_MAP.getOption().series[0].data.filter((d) => d.code)")
    assert "exempt" not in {d["color"] for d in data}
    # the fake leaves index 0, 5, …, 30 ungraded in code order; index 0 is the nation (not on the map) → 6
    assert sum(d["color"] == "grey" for d in data) >= 6
    assert "允许增速" in page.locator("#map-explain").inner_text()
    assert "免予" not in page.locator("#map-legend").inner_text()
    page.screenshot(path="/tmp/ecer_web_overview_zh.png", full_page=True)
    _only_local(page, base_url)


def test_overview_shows_absolute_figures_and_both_faces(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#national-figures dd")
    figures = page.locator("#national-figures").inner_text()
    # the nation (fake, 2022): total 1 040 000 tce; for the total 1 040 000 × 0.95 − 1229 = 986 771 tce
    assert "104.00 万吨标准煤" in figures and "98.68 万吨标准煤" in figures
    allowed = 986_771 / 1.02 * 1.025 / 1e4  # energy_allowed of the fake
    assert f"{allowed:.2f} 万吨标准煤" in figures and "0.0950 吨标准煤/万元" in figures
    assert "允许增速 +2.50%" in figures
    blocks = page.locator("#national-blocks").inner_text()
    assert "预警（晴雨表）" in blocks and "考核" in blocks and "年度考核" in blocks
    # the table: barometer and assessment in two labelled column groups
    head = page.locator("#province-table thead").inner_text()
    assert "预警（晴雨表）" in head and "考核（仅年度）" in head
    table = page.locator("#province-table tbody").inner_text()
    assert "视同完成" in table and "未完成" in table and "一级预警（红）" in table
    beijing = page.locator("#province-table tbody tr", has_text="北京市").inner_text()  # no change: not graded
    assert "未评级" in beijing and "197.48" in beijing  # energy for the total [10⁴ tce], 2 decimals
    # the rules in force per period, named for the period shown
    note = page.locator("#rules-note").inner_text()
    assert "每个期间按其最后一天有效的规则版本" in note and "2022 适用：2022 版" in note


def test_period_picker_offers_only_assessable_periods(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("#period option", state="attached")
    options = page.evaluate("""() => Array.from(document.querySelectorAll('#period option'))
        .map((o) => [o.value, o.textContent, o.parentElement.label])""")
    values = [v for v, _, _ in options]
    assert values == ["2020", "2021", "2022"]  # the fake's 2019 (no plan with targets) is not offered
    assert options[0][1] == "2020年（基期年）" and options[0][2] == "年度"
    assert page.locator("#period").input_value() == "2022"  # the latest graded year, not the base year
    page.select_option("#period", "2020")
    page.wait_for_function("() => document.querySelector('#national-blocks').innerText.includes('基期年')")
    assert "基期年" in page.locator("#map-legend").inner_text()
    assert page.locator("#province-table tbody .badge.grey").count() == 0  # base year, not "not graded"


@pytest.mark.parametrize("path", ["/", "/region/110000?period=2021", "/region/110000?period=2020", "/upload",
                                  "/projects"])
def test_pages_fit_a_phone(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_function("() => !document.getElementById('status') || document.getElementById('status').hidden",
                           timeout=20_000)
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    if path == "/":
        page.screenshot(path="/tmp/ecer_web_overview_390.png", full_page=True)
    elif path.endswith("2021"):
        page.screenshot(path="/tmp/ecer_web_region_390.png", full_page=True)
    context.close()


def test_unknown_page_is_an_html_404_in_the_chosen_language(page: Any, base_url: str) -> None:
    response = page.goto(base_url + "/nope")
    assert response.status == 404 and "text/html" in response.headers["content-type"]
    assert page.locator("h1").inner_text() == "页面不存在"
    page.click("#lang-toggle")  # the choice is kept: the next unknown page comes in English
    page.wait_for_url("**lang=en**")
    response = page.goto(base_url + "/still-nope")
    assert response.status == 404 and page.locator("h1").inner_text() == "Page not found"
    api = page.goto(base_url + "/api/nope")
    assert api.status == 404 and api.json()["findings"][0]["code"] == "E_HTTP"


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
    assert "原料用能" in text and "国家重大项目能耗单列" in text and "0.30 万吨标准煤" in text  # 3000 tce
    # decimals: 10⁴ tce and 10⁸ CNY 2, intensity 4, % 2
    assert "0.0950 吨标准煤/万元" in text and "2,100.00 亿元" in text and "+5.00%" in text
    assert "北京市" in page.locator("#region-title").inner_text()
    assert page.locator("#period").input_value() == "2021"
    # barometer and assessment: two labelled blocks
    barometer, assessment = page.locator("#blocks .block.barometer"), page.locator("#blocks .block.assessment")
    assert barometer.locator("h3").inner_text() == "预警（晴雨表）" and assessment.locator("h3").inner_text() == "考核"
    assert "本期要求降低 2.86%" in barometer.inner_text() and "年度考核" in assessment.inner_text()
    facts = page.locator("#detail-facts").inner_text()
    assert "等价值" in facts and "0.3010 吨标准煤/兆瓦时" in facts and "2021 版" in facts  # edition of 2021
    page.wait_for_function("() => document.querySelector('#yoy-chart canvas') !== null")
    page.screenshot(path="/tmp/ecer_web_region_zh.png", full_page=True)
    _only_local(page, base_url)


def test_region_page_names_the_base_year_and_the_target_note(page: Any, base_url: str) -> None:
    page.goto(base_url + "/region/110000?period=2020")
    page.wait_for_function("() => document.querySelector('#blocks').innerText.includes('基期年')")
    assert page.locator("#blocks .badge.base").count() == 2 and page.locator("#blocks .badge.grey").count() == 0
    assert "基期年不考核" in page.locator("#blocks .block.assessment").inner_text()
    assert "“十四五” · 基期年" in page.locator("#detail-facts").inner_text()
    assert "2016 版" in page.locator("#detail-facts").inner_text()  # 2020 under the rules in force then
    page.goto(base_url + "/region/650000?period=2022")
    page.wait_for_selector(".target-note")
    assert "未公布“十四五”能耗强度目标" in page.locator(".target-note").inner_text()
