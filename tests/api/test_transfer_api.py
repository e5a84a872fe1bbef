"""`/api/transfer/ranking|match|report` over the hand case of tests/transfer/test_service_cli.py, with truthful
status codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services import transfer as st
from ecer.storage import Store
from tests.transfer.conftest import INDICATOR_ROWS, PROJECT_ROWS, write


def transfer_db(folder: Path) -> Path:
    path = folder / "t.duckdb"
    with Store.open(path) as s:
        st.load_transfer(s, "transfer_indicators", write(folder / "i.csv", "transfer_indicators", INDICATOR_ROWS))
        st.load_transfer(s, "transfer_projects", write(folder / "p.csv", "transfer_projects", PROJECT_ROWS))
    return path


def test_ranking_match_report(tmp_path: Path) -> None:
    with TestClient(create_app(transfer_db(tmp_path))) as c:
        r = c.get("/api/transfer/ranking")
        assert r.status_code == 200
        body = r.json()
        assert [x["region_code"] for x in body["ranking"]] == ["410000", "510000", "110000"]
        assert [x["closeness"] for x in body["ranking"]] == pytest.approx([0.84200, 0.47593, 0.0], abs=1e-5)
        # radar: min-max scores; market (3, 4, 0) → (0.75, 1, 0); wage cost (1, 2, 2) → (1, 0, 0)
        assert body["radar"]["indicators"] == ["市场潜力", "工资指数"]
        assert body["radar"]["regions"]["410000"] == pytest.approx([0.75, 1.0])
        assert body["radar"]["mean"] == pytest.approx([1.75 / 3, 1 / 3])
        m = c.get("/api/transfer/match/P-LAB")
        assert m.status_code == 200 and m.json()["industry_class"] == "labour_intensive"
        assert m.json()["regions"][0]["region_code"] == "410000" and m.json()["sharing"][0]["origin"] == 300.0
        assert c.get("/api/transfer/match/NOPE").status_code == 404
        assert c.get("/api/transfer/ranking?normalisation=zscore").status_code == 404
        assert c.get("/api/transfer/ranking?year=2000").status_code == 404
        assert c.get("/api/transfer/ranking?year=20000").status_code == 422
        x = c.get("/api/transfer/report.xlsx?project_id=P-LAB")
        assert x.status_code == 200 and x.content[:2] == b"PK"
        h = c.get("/api/transfer/report.html")
        assert h.status_code == 200 and "<svg" in h.text
        assert c.get("/api/transfer/report.docx").status_code == 404


def test_report_pdf(tmp_path: Path) -> None:
    from ecer.reports import pdf_report
    from tests.ci import cannot_run

    if pdf_report.cjk_font() is None:
        cannot_run("no CJK font on this machine: apt-get install fonts-noto-cjk")
    with TestClient(create_app(transfer_db(tmp_path))) as c:
        r = c.get("/api/transfer/report.pdf?project_id=P-LAB")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and 'filename="transfer_2023.pdf"' in r.headers["content-disposition"]


def test_empty_store_is_404(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.duckdb")) as c:
        r = c.get("/api/transfer/ranking")
        assert r.status_code == 404 and r.json()["findings"][0]["code"] == "E_TRANSFER_NO_DATA"
