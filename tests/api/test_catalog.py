"""Catalog endpoints over ecer.refdata."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_catalog_lists_tables(client: TestClient) -> None:
    r = client.get("/api/catalog")
    assert r.status_code == 200
    text = r.text
    assert "targets_gf2021_33" in text and "dual_control_rules" in text


def test_show_table_returns_manifest_and_rows(client: TestClient) -> None:
    r = client.get("/api/catalog/targets_gf2021_33")
    assert r.status_code == 200, r.text
    body = r.json()
    # 国发〔2021〕33号 lists 40 key-project targets (reference table, all rows shipped).
    assert len(body["rows"]) == 40
    assert "33" in str(body["manifest"])


def test_unknown_edition_is_404(client: TestClient) -> None:
    r = client.get("/api/catalog/targets_gf2021_33", params={"edition": "1999"})
    assert r.status_code == 404
    assert r.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"
