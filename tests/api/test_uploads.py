"""Uploads: a clean file lands in the store; row errors are 422 findings; oversize is 413; names are labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.storage import Store
from tests.api.csv_files import BAD_ENERGY, ENERGY_HEADER, GOOD_ENERGY, GOOD_REGIONS, csv_bytes


def _post(client: TestClient, template: str, name: str, data: bytes, **fields: str):
    return client.post(f"/api/uploads/{template}", files={"file": (name, data, "text/csv")}, data=fields)


def test_good_upload_lands_in_the_store(make_client: Callable[..., TestClient], store_path: Path) -> None:
    client = make_client()
    r = _post(client, "regions", "regions.csv", GOOD_REGIONS, who="tester", why="unit test")
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == 2
    r = _post(client, "energy", "能耗.csv", GOOD_ENERGY, who="tester", why="unit test")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] == 2 and body["file"] == "能耗.csv"
    assert [f for f in body["findings"] if f["level"] == "error"] == []
    codes = {row["region_code"] for row in client.get("/api/regions").json()}
    assert codes == {"110000", "120000"}
    client.__exit__(None, None, None)  # the server owns the store; close it before reading the file
    with Store.open(store_path) as store:
        energy = store.current("energy").sort("region_code")
        history = store.history("energy", {"region_code": "110000", "period": "2021"})
    # 12.3456 万tce × 10 000 = 123 456 tce; GDP stays in 10^8 CNY.
    assert energy["total_energy"].to_list() == pytest.approx([123_456.0, 80_000.0])
    assert energy["gdp_constant"].to_list() == pytest.approx([1500.5, 900.0])
    assert history["changed_by"].to_list() == ["tester"] and history["reason"].to_list() == ["unit test"]


def test_bad_upload_is_422_with_the_row_error(client: TestClient) -> None:
    r = _post(client, "energy", "bad.csv", BAD_ENERGY)
    assert r.status_code == 422
    findings = r.json()["findings"]
    bad = [f for f in findings if f["code"] == "E_NOT_NUMBER"]
    assert len(bad) == 1
    loc = bad[0]["location"]
    assert loc["file"] == "bad.csv" and loc["row"] == 3 and "total_energy" in loc["column"]
    assert "十二" in bad[0]["message_zh"] and "十二" in bad[0]["message_en"]
    assert bad[0]["fix_zh"] and bad[0]["fix_en"]
    # nothing was loaded
    assert client.get("/api/periods").json() == []


def test_oversized_upload_is_413_and_loads_nothing(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_upload_bytes=1_000)
    rows = [f"110000,{2000 + i % 20},1,1,2020" for i in range(200)]  # ~5 kB, over the 1 kB limit
    big = csv_bytes(ENERGY_HEADER, *rows)
    assert len(big) > 1_000
    r = _post(client, "energy", "big.csv", big)
    assert r.status_code == 413
    (f,) = r.json()["findings"]
    assert f["code"] == "E_FILE_TOO_LARGE" and f["evidence"]["limit"] == 1_000
    assert client.get("/api/periods").json() == []


def test_declared_length_over_the_limit_is_refused_before_reading(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_upload_bytes=1_000)
    r = client.post("/api/uploads/energy?filename=x.csv", content=b"x" * 200_000,
                    headers={"content-type": "text/csv"})
    assert r.status_code == 413
    assert r.json()["findings"][0]["evidence"]["size"] == 200_000


def test_user_file_names_never_become_paths(client: TestClient, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    r = _post(client, "energy", "../../escape/../passwd.csv", BAD_ENERGY)
    assert r.status_code == 422
    assert {f["location"]["file"] for f in r.json()["findings"] if f.get("location")} == {"passwd.csv"}
    after = sorted(p.name for p in tmp_path.rglob("*") if not p.name.startswith("api-test.duckdb"))
    assert after == [n for n in before if not n.startswith("api-test.duckdb")]
    assert not (tmp_path.parent / "escape").exists()


def test_unknown_template_is_404(client: TestClient) -> None:
    r = _post(client, "nope", "x.csv", GOOD_REGIONS)
    assert r.status_code == 404
    (f,) = r.json()["findings"]
    assert f["code"] == "E_UNKNOWN_NAME" and "energy" in f["message_en"]


def test_templates_are_listed(client: TestClient) -> None:
    assert {"energy", "regions"} <= set(client.get("/api/uploads").json())
