r"""The pollutant page in headless Chromium on the real services: the hand-worked case (tests/pollutant_handcase.py)
and one province, loaded through the template files, read by the page over the API.

Worked by hand: 福州市 (350100, synthetic) as in the hand case — 2022 COD +1.7507 % on 2021 → 一级 (red), NOx
−3.9683 % → 三级 (green); COD measures up to 2022: engineering 492.75 + 100 = 592.75 t, structural 350.5 t,
management 25 + 35 = 60 t, total 1 003.25 t. 福建省 (350000, synthetic figures): NOx base 2020 100 000 t, reported
engineering cuts of 3 000 t in 2021 and 1 000 t in 2022 → 97 000 t, 96 000 t; 2022: 96 000/97 000 − 1 = −1.0309 %,
less than R_1 = 1 − 0.9^{1/5} = 2.0852 % → 二级 (yellow); 2022 in tonnes 9.6000 万吨. NOx measures up to 2022:
440 + 300 + 3 000 + 1 000 = 4 740 t, all engineering.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from tests.api.test_pollutants_api import handcase_db
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser
SHOTS = Path("out/screenshots")
PROVINCE = [
    {"region_code": "350000", "pollutant": "NOx", "year": 2021, "measure_id": "P-1", "method": "reported",
     "kind": "engineering", "reduction_t": 3000.0},
    {"region_code": "350000", "pollutant": "NOx", "year": 2022, "measure_id": "P-2", "method": "reported",
     "kind": "engineering", "reduction_t": 1000.0},
    # dated in the base year: loaded, listed, not counted (W_POLLUTANT_MEASURE_BEFORE_BASE)
    {"region_code": "350100", "pollutant": "COD", "year": 2020, "measure_id": "old-plant", "method": "reported",
     "kind": "engineering", "reduction_t": 10.0},
]


def _db(folder: Path) -> Path:
    import tests.pollutants.conftest as pc

    rows = pc.emission_rows() + [{"region_code": "350000", "pollutant": "NOx", "year": 2020, "emissions": 100_000.0}]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pc, "emission_rows", lambda: rows)
        import tests.api.test_pollutants_api as api_tests

        mp.setattr(api_tests, "emission_rows", lambda: rows)
        return handcase_db(folder, extra_measures=PROVINCE)


@pytest.fixture(scope="module")
def pol_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    with serving(create_app(_db(tmp_path_factory.mktemp("polweb")))) as url:
        yield url


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1800}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return context, page, errors


def test_map_table_measures_and_findings(browser: Any, pol_url: str) -> None:
    context, page, errors = _open(browser, pol_url + "/pollutants?pollutant=NOx")
    try:
        assert page.locator("nav a[href^='/pollutants']").count() == 1
        assert page.locator("#p-pollutant").input_value() == "NOx"
        assert page.locator("#pol-sentence").inner_text() == (
            "2022 年，2 个地区的氮氧化物（NOx）：一级（红）0 个，二级（黄）1 个，三级（绿）1 个，未评级 0 个。")
        data = page.evaluate("window.ECER_POL_MAP.getOption().series[0].data")
        assert [(d["code"], d["grade"], d["color"]) for d in data if d.get("code")] == [("350000", 2, "yellow")]
        assert page.locator("#map-note").is_visible()  # 福州市 is a city: in the table, not on the map
        fj = page.locator("#pol-progress tbody tr[data-region='350000'] td").all_inner_texts()
        assert fj[1:4] == ["10.0000", "9.6000", "4,000"] and fj[4] == "4.00%", fj
        assert fj[6] == "-1.03%" and fj[7] == "二级预警（黄）", fj
        assert fj[8] == "11,000" and fj[9] == "4,000", fj  # 福建 NOx quota 1.1 万吨 from the catalog (福建 plan 二)
        fz = page.locator("#pol-progress tbody tr[data-region='350100'] td").all_inner_texts()
        assert fz[2] == "0.7260" and fz[7] == "三级（绿）" and fz[8] == "1,500" and fz[9] == "740", fz
        assert page.locator("#kinds-sentence").inner_text() == (
            "氮氧化物（NOx）截至 2022 年核算减排量合计 4,740 吨：工程减排 4,740 吨，结构减排 0 吨，管理减排 0 吨。")
        assert page.locator("#pol-measures tbody tr").count() == 4

        page.select_option("#p-pollutant", "COD")
        page.wait_for_function("document.getElementById('kinds-sentence').textContent.startsWith('化学需氧量')")
        assert page.locator("#kinds-sentence").inner_text() == (
            "化学需氧量（COD）截至 2022 年核算减排量合计 1,003.25 吨：工程减排 592.75 吨，结构减排 350.5 吨，管理减排 60 吨。")
        fz = page.locator("#pol-progress tbody tr[data-region='350100'] td").all_inner_texts()
        assert fz[1:3] == ["5.0000", "5.1552"] and fz[3] == "-1,551.75" and fz[7] == "一级预警（红）", fz
        old = page.locator("#pol-measures tbody tr[data-id='old-plant']")
        assert old.get_attribute("class") == "not-counted"
        assert old.locator("td").all_inner_texts()[5] == "10 （不晚于基年 2020，未计入）"
        assert page.locator("#pol-findings li.finding[data-code='W_POLLUTANT_MEASURE_BEFORE_BASE']").count() == 1
        methods = page.locator("#pol-measures tbody tr[data-id='mill'] td").all_inner_texts()
        assert methods[3:] == ["关停淘汰", "结构减排", "350.5"], methods
        # findings, message first and the code small after it
        li = page.locator("#pol-findings li.finding[data-code='I_POLLUTANT_NATIONAL_TARGET']")
        assert "比照国发〔2021〕33号 全国目标计算进度" in li.locator(".msg").inner_text()
        order = li.evaluate("e => [...e.children].map(c => c.className)")
        assert order.index("msg") < order.index("code-small"), order
        assert "/api/pollutants/report.xlsx?as_of_year=2022" in (page.get_attribute("#report-xlsx", "href") or "")

        page.select_option("#p-year", "2021")
        page.wait_for_function("document.getElementById('pol-sentence').textContent.startsWith('2021')")
        fz = page.locator("#pol-progress tbody tr[data-region='350100'] td").all_inner_texts()
        assert fz[2] == "5.0665" and fz[7] == "一级预警（红）", fz  # 50 664.75 t in 2021
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.select_option("#p-year", "2022")
        page.select_option("#p-pollutant", "NOx")
        page.wait_for_function("document.getElementById('pol-sentence').textContent.startsWith('2022')")
        page.screenshot(path=str(SHOTS / "pollutants.png"), full_page=True)
        assert not errors, errors
    finally:
        context.close()


def test_english_page(browser: Any, pol_url: str) -> None:
    context, page, errors = _open(browser, pol_url + "/pollutants?lang=en&pollutant=COD")
    try:
        assert page.locator("h1").inner_text() == "Pollutant total-emission control"
        assert page.locator("#pol-sentence").inner_text().startswith(
            "chemical oxygen demand (COD), 2022, 1 regions: 1 grade 1 (red)")
        li = page.locator("#pol-findings li.finding[data-code='I_POLLUTANT_NATIONAL_TARGET']")
        assert "measured against the national targets" in li.locator(".msg").inner_text()
        assert page.locator("#pol-measures tbody tr[data-id='mill'] td").all_inner_texts()[3:5] == [
            "closure", "structural"]
        assert not errors, errors
    finally:
        context.close()


def test_no_data_says_what_to_load(browser: Any, tmp_path: Path) -> None:
    from ecer.api.app import create_app

    with serving(create_app(tmp_path / "empty.duckdb")) as url:
        context, page, errors = _open(browser, url + "/pollutants")
        try:
            assert page.locator("#nodata-card").is_visible()
            li = page.locator("#nodata-findings li.finding[data-code='E_POLLUTANT_NO_DATA']")
            assert "没有污染物数据" in li.locator(".msg").inner_text()
            assert "ecer template pollutant_emissions" in li.locator(".fix").inner_text()
            assert not page.locator("#map-card").is_visible()
            assert not errors, errors
        finally:
            context.close()
