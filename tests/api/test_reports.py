"""`/api/reports/assessment.{xlsx,html,pdf}`: the same reports as the CLI, as downloads."""

from __future__ import annotations

import io

import openpyxl
import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services.loading import load_file
from ecer.storage import Store
from tests.ci import cannot_run
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
    assert wb.sheetnames[:2] == ["概要", "结果-全国和省级地区"]
    assert h.status_code == 200 and "Beijing" in h.text and "<svg" in h.text
    assert bad.status_code == 404 and bad.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"
    assert period.status_code == 422 and period.json()["findings"][0]["code"] == "E_PERIOD_MALFORMED"


@pytest.mark.browser
def test_pdf_download(tmp_path):
    from ecer.reports.pdf_report import cjk_font

    if cjk_font() is None:
        cannot_run("no CJK font on this machine: apt-get install fonts-noto-cjk")
    folder = write_files(tmp_path / "d")
    with Store.open(tmp_path / "s.duckdb") as st:
        for name in ("regions", "energy", "targets"):
            load_file(st, name, folder / f"{name}.csv", who="t", why="hand case")
    with TestClient(create_app(tmp_path / "s.duckdb")) as client:
        r = client.get("/api/reports/assessment.pdf", params={"period": "2021"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and 'filename="ecer-dual-control-2021.pdf"' in r.headers["content-disposition"]


def test_pdf_without_cjk_font_is_503(tmp_path, monkeypatch):
    from ecer.reports import pdf_report

    monkeypatch.setattr(pdf_report, "cjk_font", lambda: None)
    folder = write_files(tmp_path / "d")
    with Store.open(tmp_path / "s.duckdb") as st:
        for name in ("regions", "energy", "targets"):
            load_file(st, name, folder / f"{name}.csv", who="t", why="hand case")
    with TestClient(create_app(tmp_path / "s.duckdb")) as client:
        r = client.get("/api/reports/assessment.pdf", params={"period": "2021"})
    assert r.status_code == 503 and r.json()["findings"][0]["code"] == "E_PDF_NO_CJK_FONT"
