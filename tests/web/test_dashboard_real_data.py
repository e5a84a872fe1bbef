"""The dashboard on the real pipeline: the bundled demo data loaded into a store, assessed by the core.

(The other browser tests use a fake assessment to pin the pages' behaviour; this one proves the pages and
the real services fit together.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecer.api import web_assets
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app
    from ecer.services.demo import build_store

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_store(path).close()
    with serving(create_app(path)) as url:
        yield url


def test_overview_and_province_page_on_demo_data(browser: Any, demo_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(demo_url + "/?period=2023")
    page.wait_for_selector("#province-table tbody tr")
    assert page.locator("#province-table tbody tr").count() == 31
    assert "合成" in page.locator("body").inner_text()  # the partly-synthetic banner
    # the demo has 2019, which no plan with targets covers: not offered; 2020 offered as the base year
    values = page.evaluate("() => Array.from(document.querySelectorAll('#period option')).map((o) => o.value)")
    assert "2019" not in values and not any(v.startswith("2019") for v in values)
    assert page.locator("#period option[value='2020']").inner_text() == "2020年（基期年）"
    assert page.locator("#period option[value='2020-07YTD']").inner_text() == "2020年1—7月（基期年）"
    labels = page.evaluate("() => Array.from(document.querySelectorAll('#period optgroup')).map((g) => g.label)")
    assert labels == ["年度", "半年", "季度", "年初至今累计", "月度"]
    assert "万吨标准煤" in page.locator("#national-figures").inner_text()
    assert "2023 适用：2022 版" in page.locator("#rules-note").inner_text()
    page.goto(demo_url + "/region/440000?period=2023")
    page.wait_for_selector("#children tbody tr")
    assert page.locator("#children tbody tr").count() == 21  # 广东's 21 prefecture-level cities
    text = page.locator("#exclusions").inner_text()
    assert "广东" in page.locator("#region-title").inner_text() and "原料用能" in text
    applied = "() => document.querySelector('#detail-facts dd[data-edition]').dataset.edition"
    assert page.evaluate(applied) == "2022"  # 2023 is assessed under the rules in force: 2022
    assert "2022 版" in page.locator("#detail-facts").inner_text()
    page.check("#recompute")  # apply the chosen edition (2024) to 2023 too
    page.wait_for_function(applied + " === '2024'")
    assert "重算" in page.locator("#rules-note").inner_text()
    assert "recompute_earlier_years=true" in page.url
    page.locator("#children tbody tr a").first.click()
    page.wait_for_url("**/region/440100**")
    page.wait_for_selector("#exclusions tbody tr")
    assert "广州" in page.locator("#region-title").inner_text()
    context.close()
