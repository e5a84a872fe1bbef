"""The upload page on a real store (issue 5 §2.2–2.4, §5), in headless chromium against uvicorn.

The store holds the hand case (``tests/handcase.py``): 北京 2021 = 10 600 tce (1.06 万吨标准煤), 天津 2021 = 5 200 tce.

* a file that changes a stored value → the page lists old → new (in 万吨标准煤) and loads nothing; "确认修改并导入"
  loads it; the result says what was new, revised and unchanged, and the history keeps both versions;
* a 万tce/tce slip → refused with the reason; "数值已核对，仍然导入" loads it with the warning shown;
* the template download beside the picker returns the template file.

Screenshots (desktop and 390 px): /tmp/ecer_web_upload_*.png.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ecer.api import web_assets
from ecer.storage import Store
from tests import handcase
from tests.ci import cannot_run
from tests.web.conftest import serving

pytestmark = pytest.mark.browser

HEAD = ("地区代码,期间,能源消费总量（万吨标准煤）,原料用能（万吨标准煤）,可再生能源电力消费量（万千瓦时）,"
        "其他非化石能源消费量（万吨标准煤）,国家重大项目能耗单列量（万吨标准煤）,单列项目增加值（亿元）,"
        "地区生产总值（亿元）,可比价基年,电力折标口径\n")
# 北京 2021 revised 1.06 → 1.1 万吨标准煤 (every other column as stored), 天津 2021 as stored, 河北 2022 new.
REVISION = (HEAD + "110000,2021,1.1,0.12,2000,0,0.03,0,10.6,2020,calorific\n"
            "120000,2021,0.52,0,0,0,0,0,5.3,2020,calorific\n"
            "130000,2022,0.22,0,0,0,0,0,2.1,2020,calorific\n").encode("utf-8")
# 天津 2022 typed in tce under the 万吨标准煤 header: 5 300 万吨标准煤, about 10⁴ times 2021's 0.52.
SLIP = (HEAD + "120000,2022,5300,0,0,0,0,0,5.6,2020,calorific\n").encode("utf-8")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("upload") / "upload.duckdb"
    with Store.open(path) as st:
        st.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="setup")
        st.load("energy", handcase.ENERGY, file="energy.csv", who="t", why="setup")
    return path


@pytest.fixture(scope="module")
def upload_url(store_path: Path) -> Iterator[str]:
    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    with serving(create_app(store_path)) as url:
        yield url


@pytest.fixture
def page(browser: Any, upload_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()


def _stored(path: Path, region: str, period: str) -> float | None:
    with Store.open(path) as st:
        rows = st.current("energy", region_code=region, period=period)
    return None if rows.is_empty() else float(rows["total_energy"].item())


def _send(page: Any, url: str, name: str, data: bytes, who: str = "", why: str = "") -> None:
    page.goto(url + "/upload")
    page.wait_for_selector("#template option[value=energy]", state="attached")
    page.select_option("#template", "energy")
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    if who:
        page.fill("#who", who)
    if why:
        page.fill("#why", why)
    page.click("#upload-submit")


def _phone_shot(page: Any, path: str) -> None:
    """The same state at 390 px: nothing wider than the screen (wide tables scroll in their box)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _cells(page: Any, table: str) -> list[list[str]]:
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('{table} tbody tr'))
        .map((tr) => Array.from(tr.cells).map((td) => td.innerText.trim()))""")


def test_a_revision_is_previewed_then_confirmed(page: Any, upload_url: str, store_path: Path) -> None:
    _send(page, upload_url, "修订.csv", REVISION, who="张三", why="2021 年数据修订")
    page.wait_for_selector("#revision:not([hidden])", timeout=15_000)
    summary = page.locator("#revision-summary").inner_text()
    assert "尚未导入任何数据" in summary
    assert "新增 1 行" in summary and "修改已有的 1 行" in summary and "1 行与库中相同" in summary
    rows = _cells(page, "#changes")
    assert len(rows) == 1  # only the total changed: every other column of the row is as stored
    region, period, item, old, arrow, new, unit, delta = rows[0]
    assert region.startswith("北京市") and "110000" in region and period == "2021"
    assert item.startswith("能源消费总量") and "total_energy" in item
    assert (old, arrow, new, unit) == ("1.06", "→", "1.1", "万吨标准煤")
    assert delta.startswith("+0.04") and "3.8%" in delta
    assert page.locator("#revise-confirm").inner_text() == "确认修改并导入"
    assert page.locator("#success").is_hidden()
    # nothing is in the store yet: neither the revision nor the new row
    assert _stored(store_path, "110000", "2021") == 10600.0
    assert _stored(store_path, "130000", "2022") is None
    page.screenshot(path="/tmp/ecer_web_upload_preview.png", full_page=True)
    _phone_shot(page, "/tmp/ecer_web_upload_preview_390.png")

    page.click("#revise-confirm")
    page.wait_for_selector("#success:not([hidden])", timeout=15_000)
    assert page.locator("#success-title").inner_text() == "导入成功"
    assert page.locator("#success-summary").inner_text() == (
        "已导入 2 行（文件 修订.csv）：新增 1 行，修改 1 行，1 行与库中相同，未重复写入。")
    assert _cells(page, "#applied")[0][3:6] == ["1.06", "→", "1.1"]
    notes = page.evaluate("""() => Array.from(document.querySelectorAll('#upload-findings li.finding'))
        .map((li) => [li.dataset.code, li.innerText])""")
    codes = [c for c, _ in notes]
    assert codes == ["I_REVISION_APPLIED", "I_ROWS_UNCHANGED"]
    assert all(text.startswith("提示") for _, text in notes) and "旧值保留在历史中" in notes[0][1]
    assert "张三" in page.locator("#success-receipt").inner_text()
    assert page.locator("#notes-title").inner_text() == "检查结果：0 条警告，2 条提示"
    assert page.locator("#revision").is_hidden()
    page.screenshot(path="/tmp/ecer_web_upload_success.png", full_page=True)
    _phone_shot(page, "/tmp/ecer_web_upload_success_390.png")

    assert _stored(store_path, "110000", "2021") == 11000.0
    assert _stored(store_path, "130000", "2022") == 2200.0
    with Store.open(store_path) as st:
        hist = st.history("energy", {"region_code": "110000", "period": "2021"})
    assert hist["total_energy"].to_list() == [10600.0, 11000.0]
    assert hist["changed_by"].to_list() == ["t", "张三"] and hist["reason"].to_list()[-1] == "2021 年数据修订"
    # the same file again: nothing to write, and the page says so
    _send(page, upload_url, "修订.csv", REVISION)
    page.wait_for_selector("#success:not([hidden])", timeout=15_000)
    assert page.locator("#success-title").inner_text() == "没有需要写入的数据"
    assert page.locator("#success-summary").inner_text() == "文件 修订.csv 的 3 行都与库中相同，未写入任何数据。"
    outside = [u for u in page.requests if not u.startswith((upload_url, "data:"))]
    assert outside == []


def test_columns_missing_from_the_file_keep_their_stored_values(page: Any, upload_url: str,
                                                               store_path: Path) -> None:
    """A file without the optional columns changes only what it says: 北京 2021 total 1.06 → 1.2 万吨标准煤 is the one
    change listed; the stored 原料用能 0.12 万吨标准煤 is kept (leaving a column out never overwrites); cancel loads
    nothing."""
    before = _stored(store_path, "110000", "2021")
    partial = "地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年,电力折标口径\n" \
              "110000,2021,1.2,10.6,2020,calorific\n"
    _send(page, upload_url, "partial.csv", partial.encode("utf-8"))
    page.wait_for_selector("#revision:not([hidden])", timeout=15_000)
    columns = page.locator("#changes tbody tr").evaluate_all("(rows) => rows.map((r) => r.dataset.column)")
    assert columns == ["total_energy"]
    page.click("#revise-cancel")
    assert page.locator("#revision").is_hidden()
    assert "没有导入任何数据" in page.locator("#upload-result").inner_text()
    assert _stored(store_path, "110000", "2021") == before


def test_an_implausible_value_is_explained_then_accepted(page: Any, upload_url: str, store_path: Path) -> None:
    _send(page, upload_url, "slip.csv", SLIP)
    page.wait_for_selector("#implausible:not([hidden])", timeout=15_000)
    box = page.locator("#implausible").inner_text()
    assert "未导入任何数据" in box
    assert "万吨标准煤与吨标准煤混用" in box and "10⁴" in box  # the finding's reason: the likely cause
    assert page.locator("#implausible-list li .region-name").first.inner_text() == "天津市"
    assert page.locator("#implausible-list li.level-error[data-code=E_IMPLAUSIBLE_VALUE]").count() >= 1
    assert page.locator("#accept-submit").is_disabled()
    assert page.locator("label.check", has=page.locator("#accept-implausible")).inner_text() == "数值已核对，仍然导入"
    assert _stored(store_path, "120000", "2022") is None
    page.screenshot(path="/tmp/ecer_web_upload_implausible.png", full_page=True)
    _phone_shot(page, "/tmp/ecer_web_upload_implausible_390.png")

    page.check("#accept-implausible")
    page.click("#accept-submit")
    page.wait_for_selector("#success:not([hidden])", timeout=15_000)
    assert page.locator("#success-summary").inner_text() == "已导入 1 行（文件 slip.csv）：新增 1 行。"
    warning = page.locator("#upload-findings li.level-warning[data-code=W_IMPLAUSIBLE_VALUE]").first
    assert warning.inner_text().startswith("警告") and "混用" in warning.inner_text()
    assert _stored(store_path, "120000", "2022") == 53_000_000.0
    page.screenshot(path="/tmp/ecer_web_upload_accepted.png", full_page=True)


def test_the_template_downloads_beside_the_picker(page: Any, upload_url: str) -> None:
    page.goto(upload_url + "/upload")
    page.wait_for_selector("#templates tbody tr")
    assert page.locator("#template-xlsx").get_attribute("href") == "/api/templates/energy.xlsx"
    with page.expect_download() as info:
        page.click("#template-xlsx")
    download = info.value
    assert download.suggested_filename == "ecer-energy.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert "数据" in wb.sheetnames and wb["数据"]["A1"].value.startswith("地区代码")
    page.select_option("#template", "targets")  # the links follow the picker
    assert page.locator("#template-csv").get_attribute("href") == "/api/templates/targets.csv"
    csv = page.request.get(upload_url + page.locator("#template-csv").get_attribute("href"))
    assert csv.status == 200 and csv.body().startswith(b"\xef\xbb\xbf")
    names = page.evaluate("() => Array.from(document.querySelectorAll('#templates tbody tr'), (tr) => tr.dataset.template)")
    assert names == ["energy", "regions", "targets", "annual_targets", "electricity_factors", "enterprises",
                         "production_units", "unit_performance", "projects", "carbon_energy", "pollutant_emissions",
                         "pollutant_measures", "pollutant_increments", "pollutant_targets", "transfer_indicators",
                         "transfer_projects", "indicator_values", "sector_energy"]
    listed = _cells(page, "#templates")
    assert listed[0][0].split("\n") == ["地区能源消费数据", "energy"]
    assert "Excel (.xlsx)" in listed[0][1] and "CSV (.csv)" in listed[0][1]
    hrefs = page.locator("#templates tbody tr[data-template=regions] a").evaluate_all("(a) => a.map((x) => x.href)")
    assert hrefs == [upload_url + "/api/templates/regions.xlsx", upload_url + "/api/templates/regions.csv"]
    page.goto(upload_url + "/upload?lang=en")
    page.wait_for_selector("#templates tbody tr")
    assert _cells(page, "#templates")[0][0].startswith("regional energy data")
    assert page.locator("#template-links").inner_text().startswith("Blank template:")


def test_accepted_then_confirmed_in_english(page: Any, upload_url: str, store_path: Path) -> None:
    """河北 2021 typed in tce (2 100 万吨标准煤 for 0.21): refused as implausible; accepted, it is a revision to
    confirm; the confirmation keeps the acceptance (both flags go with the same bytes)."""
    page.goto(upload_url + "/upload?lang=en")
    slip = (HEAD + "130000,2021,2100,0,0,0,0,0,2.04,2020,calorific\n").encode("utf-8")
    page.wait_for_selector("#template option[value=energy]", state="attached")
    page.set_input_files("#file", files=[{"name": "hebei.csv", "mimeType": "text/csv", "buffer": slip}])
    page.click("#upload-submit")
    page.wait_for_selector("#implausible:not([hidden])", timeout=15_000)
    assert "nothing was loaded" in page.locator("#implausible-title").inner_text()
    assert "万tce and tce mixed up" in page.locator("#implausible-list").inner_text()
    page.check("#accept-implausible")
    page.click("#accept-submit")
    page.wait_for_selector("#revision:not([hidden])", timeout=15_000)
    assert page.locator("#revision-summary").inner_text().startswith("Nothing has been loaded yet.")
    region, period, item, old, _, new, unit, _ = _cells(page, "#changes")[0]
    assert region.startswith("Hebei") and period == "2021" and item.startswith("total energy consumption")
    assert (old, new, unit) == ("0.21", "2,100", "万tce")
    assert page.locator("#upload-findings li.level-warning[data-code=W_IMPLAUSIBLE_VALUE]").count() >= 1
    assert _stored(store_path, "130000", "2021") == 2100.0
    page.click("#revise-confirm")
    page.wait_for_selector("#success:not([hidden])", timeout=15_000)
    assert page.locator("#success-summary").inner_text() == "Loaded 1 row from hebei.csv: 1 revised."
    assert page.locator("#success-warnings").inner_text().startswith("Warnings: 2")
    assert _cells(page, "#applied")[0][-1] == "+2,099.79 (×10,000)"  # a 10⁴ slip shows as the factor
    assert page.locator("#applied th").all_inner_texts()[1] == "Period"
    assert _stored(store_path, "130000", "2021") == 21_000_000.0
    page.screenshot(path="/tmp/ecer_web_upload_accepted_revised_en.png", full_page=True)
