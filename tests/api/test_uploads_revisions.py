"""Uploads decide as `ecer load` does (issue 5 §2.2–2.4): warnings come back with the receipt, an upload that would
change stored values answers 409 with every change and loads nothing until it is confirmed, implausible values are
422 unless accepted; templates download from the API."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.storage import Store
from tests import handcase

HEAD = "地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年,电力折标口径\n"


def _client(tmp_path: Path) -> tuple[TestClient, Path]:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as st:
        st.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="setup")
        st.load("energy", handcase.ENERGY, file="energy.csv", who="t", why="setup")
    return TestClient(create_app(path)), path


def _post(client: TestClient, text: str, **fields: str):
    return client.post("/api/uploads/energy", files={"file": ("e.csv", text.encode("utf-8"), "text/csv")},
                       data={"who": "alice", **fields})


def test_revision_needs_confirmation_and_keeps_history(tmp_path: Path) -> None:
    """北京 2021 is stored as 10600 tce (1.06 万tce); the upload says 1.1 万tce: 409 listing old → new, nothing
    loaded; with revise=true it loads, and the history keeps both versions."""
    client, path = _client(tmp_path)
    with client:
        r = _post(client, HEAD + "110000,2021,1.1,10.6,2020,calorific\n")
        assert r.status_code == 409, r.text
        body = r.json()
        assert body["findings"][0]["code"] == "E_REVISION_UNCONFIRMED"
        assert body["changed_rows"] == 1 and body["new_rows"] == 0
        change = next(c for c in body["changes"] if c["column"] == "total_energy")
        assert (float(change["old"]), float(change["new"]), change["unit"]) == (10600.0, 11000.0, "tce")
        with Store.open(path) as st:
            assert st.current("energy", region_code="110000", period="2021")["total_energy"].item() == 10600.0
        ok = _post(client, HEAD + "110000,2021,1.1,10.6,2020,calorific\n", revise="true")
        assert ok.status_code == 200, ok.text
        assert ok.json()["receipt"]["revised_keys"] == 1
        assert "I_REVISION_APPLIED" in [f["code"] for f in ok.json()["findings"]]
        hist = client.get("/api/history/energy", params={"region_code": "110000", "period": "2021"}).json()
        assert [h["total_energy"] for h in hist] == [10600.0, 11000.0]
        assert [h["changed_by"] for h in hist] == ["t", "alice"]


def test_implausible_value_is_refused_then_accepted_as_a_warning(tmp_path: Path) -> None:
    """10600 tce stored for 北京 2021; 2022 typed in tce under the 万tce header: 106 000 000 tce, 10⁴ times → 422."""
    client, _ = _client(tmp_path)
    with client:
        r = _post(client, HEAD + "110000,2022,10600,11.2,2020,calorific\n")
        assert r.status_code == 422
        codes = [(f["code"], f["evidence"].get("kind")) for f in r.json()["findings"]]
        assert ("E_IMPLAUSIBLE_VALUE", "unit_slip") in codes
        ok = _post(client, HEAD + "110000,2022,10600,11.2,2020,calorific\n", accept_implausible="true")
        assert ok.status_code == 200
        assert ("W_IMPLAUSIBLE_VALUE", "unit_slip") in [(f["code"], f["evidence"].get("kind"))
                                                        for f in ok.json()["findings"]]


def test_warnings_come_back_with_the_receipt(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    with client:
        r = _post(client, HEAD + "110000,2022,1.1,11.2,2020,calorific\n\n\n")
        assert r.status_code == 200
        assert "W_BLANK_ROWS_SKIPPED" in [f["code"] for f in r.json()["findings"]]
        assert r.json()["new_rows"] == 1 and r.json()["receipt"]["new_keys"] == 1


def test_template_downloads(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    with client:
        names = [t["name"] for t in client.get("/api/templates").json()]
        assert names == ["energy", "regions", "targets", "annual_targets", "electricity_factors", "enterprises",
                         "production_units", "unit_performance", "projects", "carbon_energy", "pollutant_emissions",
                         "pollutant_measures", "pollutant_increments", "pollutant_targets", "transfer_indicators",
                         "transfer_projects", "indicator_values", "sector_energy"]
        x = client.get("/api/templates/energy.xlsx")
        assert x.status_code == 200 and "attachment" in x.headers["content-disposition"]
        wb = openpyxl.load_workbook(io.BytesIO(x.content))
        assert "数据" in wb.sheetnames and wb["数据"]["A1"].value.startswith("地区代码")
        c = client.get("/api/templates/electricity_factors.csv")
        assert c.status_code == 200 and c.content.startswith(b"\xef\xbb\xbf")
        assert client.get("/api/templates/nope.xlsx").status_code == 404
        assert client.get("/api/templates/energy.pdf").status_code == 404


def test_changes_say_what_the_upload_page_shows(tmp_path: Path) -> None:
    """Each change names its key fields, region, column and display unit (万吨标准煤: 10600 tce is 1.06); the columns the
    file leaves out (原料用能, 可再生能源电力 …) keep their stored values and are no changes."""
    client, _ = _client(tmp_path)
    with client:
        r = _post(client, HEAD + "110000,2021,1.1,10.6,2020,calorific\n")
        assert r.status_code == 409
        body = r.json()
        assert body["key_labels"]["period"] == {"zh": "期间", "en": "period"}
        by_column = {c["column"]: c for c in body["changes"]}
        total = by_column["total_energy"]
        assert total["key_values"] == {"region_code": "110000", "period": "2021"}
        assert (total["region_name_zh"], total["region_name_en"]) == ("北京市", "Beijing")
        assert (total["column_zh"], total["display_unit_zh"], total["display_unit_en"]) == ("能源消费总量", "万吨标准煤", "万tce")
        assert (total["old_display"], total["new_display"], total["in_file"]) == (1.06, 1.1, True)
        assert set(by_column) == {"total_energy"}  # feedstock 1200 tce and renewables 20000 MWh stay as stored
        ok = _post(client, HEAD + "110000,2021,1.1,10.6,2020,calorific\n", revise="true")
        assert {c["column"] for c in ok.json()["changes"]} == set(by_column)
        assert ok.json()["changes"][0]["old_display"] == 1.06
