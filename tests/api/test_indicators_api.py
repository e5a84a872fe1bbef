"""``/api/indicators/catalog|progress|report``: the straw-use hand case of tests/indicators/test_service_cli.py (80 %
in 2020, 82 % in 2021 against ≥ 86 % by 2025: 81.16554 % required in 2021 → 达标) over HTTP; truthful status codes
(unknown region 404, unknown indicator 404, malformed region 422, a year before the base 422, no data 404)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.storage import Store
from tests.indicators.test_service_cli import GOOD, write


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from ecer.services.indicators import load_indicators

    folder = tmp_path_factory.mktemp("indapi")
    db = folder / "i.duckdb"
    with Store.open(db) as store:
        load_indicators(store, write(folder / "v.csv", GOOD), who="t", why="hand case")
    with TestClient(create_app(db)) as c:
        yield c


def test_catalog(client: TestClient) -> None:
    rows = {r["code"]: r for r in client.get("/api/indicators/catalog").json()["rows"]}
    assert len(rows) == 40 and rows["nev_share"]["target"] == 20 and rows["nev_share"]["target_zh"] == "2025年达到20%左右"
    assert rows["green_building"]["kind"] == "qualitative" and rows["green_building"]["target"] is None


def test_progress_by_hand(client: TestClient) -> None:
    res = client.get("/api/indicators/progress", params={"indicator": "straw_use"})
    assert res.status_code == 200, res.text
    (row,) = res.json()["rows"]
    assert row["year"] == 2021 and row["status"] == "met" and row["status_zh"] == "达标"
    assert row["required_to_date"] == pytest.approx(81.16554, abs=1e-4) and row["gap"] == pytest.approx(4.0)
    assert [r["year"] for r in res.json()["years"]] == [2020, 2021]


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"region_code": "999999"}, 404, "E_REGION_UNKNOWN"),
    ({"indicator": "nope"}, 404, "E_INDICATOR_UNKNOWN"),
    ({"region_code": "12"}, 422, None),
    ({"year": 2019}, 422, None),  # before the base year 2020: the schema says so
    ({"year": 3000}, 422, None),
    ({"region_code": "120000"}, 404, "E_INDICATOR_NO_DATA"),
])
def test_truthful_status(client: TestClient, params: dict[str, object], status: int, code: str | None) -> None:
    for url in ("/api/indicators/progress", "/api/indicators/report.html"):
        res = client.get(url, params=params)
        assert res.status_code == status, (url, params, res.text)
        if code:
            assert code in [f["code"] for f in res.json()["findings"]]


def test_reports(client: TestClient, tmp_path: Path) -> None:
    html = client.get("/api/indicators/report.html")
    assert html.status_code == 200 and "秸秆综合利用率" in html.text and "达标" in html.text
    x = client.get("/api/indicators/report.xlsx", params={"lang": "en"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert client.get("/api/indicators/report.doc").status_code == 404
