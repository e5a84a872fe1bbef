"""`/api/reports/assessment.{xlsx,html}`: the same reports as the CLI, as downloads."""

from __future__ import annotations

import io

import openpyxl
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services.loading import load_file
from ecer.storage import Store
from tests.test_handcase_layers import write_files


def test_report_downloads(tmp_path):
    folder = write_files(tmp_path / "d")
    with Store.open(tmp_path / "s.duckdb") as st:
        for name in ("regions", "energy", "targets"):
            load_file(st, name, folder / f"{name}.csv", who="t", why="hand case")
    with TestClient(create_app(tmp_path / "s.duckdb")) as client:
        x = client.get("/api/reports/assessment.xlsx", params={"period": "2021"})
        h = client.get("/api/reports/assessment.html", params={"period": "2021", "lang": "en"})
        bad = client.get("/api/reports/assessment.docx")
        period = client.get("/api/reports/assessment.html", params={"period": "2021H3"})
    assert x.status_code == 200 and "attachment" in x.headers["content-disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(x.content))
    assert "评估结果" in wb.sheetnames
    assert h.status_code == 200 and "Beijing" in h.text and "<svg" in h.text
    assert bad.status_code == 404 and bad.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"
    assert period.status_code == 422 and period.json()["findings"][0]["code"] == "E_PERIOD_MALFORMED"
