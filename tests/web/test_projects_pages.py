"""The two-high project pages in headless Chromium on the real services: the inventory with its filters, one
project's checks and path, a review posted in the form and shown in the append-only history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from ecer.services import projects as sp
from ecer.storage import Store
from tests.ci import cannot_run
from tests.handcase import ENERGY, REGIONS, TARGETS
from tests.projects.conftest import file_row, write_projects
from tests.web.conftest import serving

pytestmark = pytest.mark.browser
SHOTS = Path("out/screenshots")


@pytest.fixture(scope="module")
def projects_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    tmp = Path(tmp_path_factory.mktemp("projweb"))
    db = tmp / "p.duckdb"
    rows = [
        file_row(),  # 在建, no energy review (节能审查): suspend
        file_row(
            project_id="P2",
            name="某水泥熟料线",
            sector="建材",
            industry_code="3011",
            status="拟建",
            benchmark_field="水泥熟料",
            benchmark_sub_category="",
            design_unit_energy="98",
            annual_energy="50000",
            energy_review_no="冀发改能审〔2022〕2号",
            energy_review_date="2022-03-01",
        ),
    ]
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(s, write_projects(tmp / "p.csv", rows), who="t", why="t")
    with serving(create_app(db)) as url:
        yield url


def test_inventory_filters_and_review_form(browser: Any, projects_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(projects_url + "/projects")
        page.wait_for_selector("#projects tbody tr[data-id='P1']")
        assert page.locator("#projects tbody tr").count() == 2
        assert page.locator("nav a[href^='/projects']").count() == 1
        # the status filter (拟建 = planned) keeps only P2
        page.select_option("#f-status", "planned")
        page.wait_for_function("document.querySelectorAll('#projects tbody tr').length === 1")
        assert page.locator("#projects tbody tr").get_attribute("data-id") == "P2"
        page.select_option("#f-status", "")
        page.select_option("#f-sector", "steel")
        page.wait_for_function("document.querySelectorAll('#projects tbody tr').length === 1")
        page.click("#projects tbody tr[data-id='P1'] a")

        page.wait_for_selector("#checks li.finding")
        codes = page.locator("#checks li.finding").evaluate_all("els => els.map(e => e.dataset.code)")
        assert "W_PROJECT_ENERGY_REVIEW_MISSING" in codes, codes
        assert page.get_attribute("#suggested", "data-disposition") == "suspend"
        assert page.locator("#suggested").inner_text() == "暂停"
        assert page.locator("#checks .evidence").count() >= 1  # evidence shown beside the finding
        page.wait_for_selector("#path-card[data-path]")
        assert page.locator("#history tbody td.empty").count() == 1

        page.select_option("#review-decision", "rectify")
        page.fill("#review-by", "王科长")
        page.fill("#review-reason", "限期补办节能审查")
        page.click("#review-submit")
        page.wait_for_selector("#history tbody tr[data-decision='rectify']")
        cells = page.locator("#history tbody tr").first.locator("td").all_inner_texts()
        assert cells[1:5] == ["整改", "王科长", "限期补办节能审查", "—"] and cells[5] == "暂停"
        # a second decision keeps the first (append-only) and names it as the previous one
        page.select_option("#review-decision", "continue")
        page.fill("#review-by", "李处长")
        page.fill("#review-reason", "已补办")
        page.click("#review-submit")
        page.wait_for_selector("#history tbody tr[data-decision='continue']")
        rows = page.locator("#history tbody tr")
        assert rows.count() == 2
        assert rows.nth(1).locator("td").all_inner_texts()[4] == "整改"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "project_page.png"), full_page=True)
    finally:
        context.close()


def test_project_page_shows_messages_in_the_page_language(browser: Any, projects_url: str) -> None:
    """Each check reads as its message (code small after it, the basis in words, no raw evidence keys); the inventory
    and the project page in English (``?lang=en``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(projects_url + "/projects/P1")
        li = page.locator("#checks li.finding[data-code='W_PROJECT_ENERGY_REVIEW_MISSING']")
        li.wait_for()
        assert "没有节能审查意见" in li.locator(".msg").inner_text()
        assert li.locator("code.code-small").inner_text() == "W_PROJECT_ENERGY_REVIEW_MISSING"
        # the message comes before the code; the basis is the document and clause, not key: value pairs
        order = li.evaluate("e => [...e.children].map(c => c.className)")
        assert order.index("msg") < order.index("code-small"), order
        basis = li.locator(".evidence dd").inner_text()
        assert (
            "国家发展改革委令2016年第44号" in basis and "project:" not in basis and "status_zh" not in basis
        )
        assert page.locator("#reasons li code.code-small").count() >= 1
        page.wait_for_selector("#path-card[data-path='ok']")  # 130000: remaining 400 tce as of 2021 (hand case)
        assert "400 tce）（地区数据截至 2021 年）" in page.locator("#path-summary").inner_text()

        page.goto(projects_url + "/projects?lang=en")
        page.wait_for_selector("#projects tbody tr[data-id='P1']")
        assert page.locator("h1").inner_text() == "Two-high project inventory"
        row = page.locator("#projects tbody tr[data-id='P1'] td").all_inner_texts()
        assert {"steel", "under construction", "suspend"} <= set(row), row
        page.click("#projects tbody tr[data-id='P1'] a")
        li = page.locator("#checks li.finding[data-code='W_PROJECT_ENERGY_REVIEW_MISSING']")
        li.wait_for()
        assert "has no energy review" in li.locator(".msg").inner_text()
        assert "lang=en" in page.url
        assert page.locator("#checks-card h2").inner_text() == "Checks"
        assert page.locator("#suggested").inner_text() == "suspend"
        assert not errors, errors
    finally:
        context.close()
