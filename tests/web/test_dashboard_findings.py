"""The region page shows the findings of its region-period (real pipeline on the warning case of
``tests/api/store_cases.py``): 北京 2021's annual row disagrees with its months (W_PERIOD_SUM_DIFFERS), 河北 lacks
2020 (W_MISSING_COMPARISON, which names the missing period)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ecer.api import web_assets
from tests.api.store_cases import load_warning_case
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def warning_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    path = tmp_path_factory.mktemp("warning") / "warning.duckdb"
    load_warning_case(path)
    with serving(create_app(path)) as url:
        yield url


def _findings(page: Any) -> list[dict[str, str]]:
    page.wait_for_selector("#findings li")
    return page.evaluate("""() => Array.from(document.querySelectorAll('#findings li.finding'))
        .map((li) => ({code: li.dataset.code, cls: li.className, text: li.innerText}))""")


def test_a_warning_is_shown_on_its_region_page(browser: Any, warning_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(warning_url + "/region/110000?period=2021")
    found = _findings(page)
    codes = {f["code"] for f in found}
    assert codes == {"W_PERIOD_SUM_DIFFERS"}  # 河北's missing 2020 is not 北京's
    first = found[0]
    assert "level-warning" in first["cls"] and first["text"].startswith("警告")
    assert "直接填报" in first["text"] and "处理：" in first["text"]  # Chinese message and fix
    assert page.locator("#findings li.level-warning").first.evaluate("(li) => getComputedStyle(li).backgroundColor") \
        == "rgb(255, 251, 234)"
    page.screenshot(path="/tmp/ecer_web_region_findings.png", full_page=True)
    # the same page in English
    page.goto(warning_url + "/region/110000?period=2021&lang=en")
    found = _findings(page)
    assert found[0]["text"].startswith("Warning") and "given as" in found[0]["text"]
    # a missing comparison period is shown on the period it is missing for
    page.goto(warning_url + "/region/130000?period=2021&lang=zh")
    found = _findings(page)
    assert [f["code"] for f in found] == ["W_MISSING_COMPARISON"] and "2020" in found[0]["text"]
    context.close()


def test_a_period_without_findings_says_so(browser: Any, warning_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(warning_url + "/region/120000?period=2021")
    page.wait_for_selector("#findings li.empty")
    assert page.locator("#findings").inner_text() == "本期没有提示。"
    # the overview lists the period's findings, each naming its region
    page.goto(warning_url + "/?period=2021")
    page.wait_for_selector("#findings li.finding")
    text = page.locator("#findings").inner_text()
    assert "北京市" in text and "河北省" in text and "W_PERIOD_SUM_DIFFERS" in text
    context.close()
