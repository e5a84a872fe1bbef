r"""The analysis page in headless Chromium on the real services, over the hand case of tests/handcase.py.

Worked by hand. LMDI, Tianjin (120000) 2020 → 2021: E 5000 → 5200 tce, GDP 5 → 5.3; L(5200, 5000) = 200/ln 1.04;
activity = L·ln 1.06 = +297.1 tce, intensity = L·ln(1.04/1.06) = −97.1 tce; the intensity bar floats on a
transparent base at 5000 + 297.1 − 97.1 = 5200 tce.
Allocation by tiers (5 asked, 3 regions → 3 tiers, gap 1 point; every 2020 intensity is 1000 tce per 亿元 so ties
go by code): 110000 s, 120000 s + 0.01, 130000 s + 0.02 with equal GDP growth, so A = Σ E_0,i t_i / ΣE_0:
(10000 s + 5000 (s + 0.01) + 2000 (s + 0.02))/17000 = 0.135 → s = 0.135 − 90/17000 = 12.9706 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from ecer.api import web_assets
from ecer.cli.main import app
from tests.ci import cannot_run
from tests.test_handcase_layers import write_files
from tests.web.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def an_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    folder = write_files(tmp_path_factory.mktemp("an") / "d")
    store = tmp_path_factory.mktemp("anstore") / "s.duckdb"
    for name in ("regions", "energy", "targets"):
        res = CliRunner().invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(store)])
        assert res.exit_code == 0, res.output
    sectors = folder / "sectors.csv"  # Beijing only (test_structure_bar_from_sector_rows)
    sectors.write_text("地区代码,年份,部门,能源消费量（吨标准煤）,增加值（亿元）,可比价基年\n"
                       "110000,2020,第二产业,6000,4,2020\n110000,2020,第三产业,3000,6,2020\n"
                       "110000,2021,第二产业,6000,4,2020\n110000,2021,第三产业,4000,6.6,2020\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["load", "sector_energy", str(sectors), "--store", str(store)])
    assert res.exit_code == 0, res.output
    with serving(create_app(store)) as url:
        yield url


def _open(browser: Any, url: str, locale: str = "zh-CN") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return context, page, errors


def test_waterfall_and_allocation(browser: Any, an_url: str) -> None:
    context, page, errors = _open(browser, an_url + "/analysis?region=120000&start=2020&end=2021")
    try:
        assert page.locator("nav a[href^='/analysis']").count() == 1
        lv = 200 / math.log(1.04)
        series = page.evaluate("window.ECER_WATERFALL.getOption().series")
        assert series[0]["itemStyle"]["color"] == "transparent"  # the base of the floating bars
        values = [d["value"] for d in series[1]["data"]]
        assert values[0] == 5000 and values[-1] == 5200
        assert values[1] == pytest.approx(lv * math.log(1.06), rel=1e-9)
        assert values[2] == pytest.approx(-lv * math.log(1.04 / 1.06), rel=1e-9)  # shown as a height
        assert series[0]["data"][2] == pytest.approx(5200, rel=1e-9)
        assert "变化 200 tce" in page.locator("#lmdi-sentence").inner_text()
        assert "完全分解检验通过" in page.locator("#lmdi-check").inner_text()
        cells = page.locator("#alloc-table tbody tr[data-region='110000'] td").all_inner_texts()
        assert cells[2] == "12.97%" and cells[3] == "13.97%"  # basic, incentive = basic + 1 point
        assert page.locator("#alloc-table tbody tr[data-region='130000'] td").all_inner_texts()[2] == "14.97%"
        assert "13.50%" in page.locator("#alloc-sentence").inner_text()
        data = page.evaluate("window.ECER_ALLOC_MAP.getOption().series[0].data")
        codes = [d["code"] for d in data if d.get("code")]
        assert sorted(codes) == ["110000", "120000", "130000"]
        assert not errors
    finally:
        context.close()


def test_errors_are_shown_in_english(browser: Any, an_url: str) -> None:
    context, page, errors = _open(browser, an_url + "/analysis?region=990000&lang=en", locale="en-US")
    try:
        item = page.locator("#lmdi-findings li").first
        assert item.get_attribute("data-code") == "E_REGION_UNKNOWN"
        assert "unknown region code '990000'" in item.inner_text()
        assert page.locator("h1").inner_text() == "Decomposition and target allocation"
        assert not errors
    finally:
        context.close()


def test_structure_bar_from_sector_rows(browser: Any, an_url: str) -> None:
    # Beijing's stored sector rows (fixture): Q 10 → 10.6 亿元; secondary E 6000 → 6000, Q 4 → 4; tertiary
    # E 3000 → 4000, Q 6 → 6.6. L(6000, 6000) = 6000, L(4000, 3000) = 1000/ln(4/3) (Ang 2005, eq. 2);
    # structure = 6000·ln((4/10.6)/0.4) + L₃·ln((6.6/10.6)/0.6) = −349.6 + 128.8 ≈ −220.9 tce, drawn as a bar.
    context, page, errors = _open(browser, an_url + "/analysis?region=110000&start=2020&end=2021")
    try:
        l3 = 1000 / math.log(4 / 3)
        structure = 6000 * math.log(4 / 10.6 / 0.4) + l3 * math.log(6.6 / 10.6 / 0.6)
        series = page.evaluate("window.ECER_WATERFALL.getOption().series")
        values = [d["value"] for d in series[1]["data"]]
        assert len(values) == 5 and values[0] == 9000 and values[-1] == 10000
        assert values[2] == pytest.approx(-structure, rel=1e-9)  # a fall, shown as a height
        assert "产业结构效应" in page.locator("#lmdi-sentence").inner_text()
        assert "sector_energy" in page.locator("#lmdi-data").inner_text()
        assert not errors
    finally:
        context.close()
