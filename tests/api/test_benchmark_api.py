"""``/api/benchmark/...`` on the hand-made store of ``tests/cli/test_benchmark_cli.py`` (电石 2021: benchmark 805,
baseline 940 kgce/t; D1 805 exactly → 标杆, D3 1000 → below baseline, retrofit; D4 950, not upgradable → exit;
share 30 / 110 万t/a)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.services.loading import load_files
from ecer.storage import Store
from tests.cli.test_benchmark_cli import ENT, PERF, UNITS, _csv


@pytest.fixture
def client(make_client: Callable[..., TestClient], store_path: Path, tmp_path: Path) -> TestClient:
    with Store.open(store_path) as st:
        load_files(
            st,
            "enterprises",
            [_csv(tmp_path / "e.csv", ENT)],
            who="t",
            with_files=[
                ("production_units", _csv(tmp_path / "u.csv", UNITS)),
                ("unit_performance", _csv(tmp_path / "p.csv", PERF)),
            ],
        )
    return make_client()


def test_units_shares_lists(client: TestClient) -> None:
    units = client.get("/api/benchmark/units", params={"edition": "2021"})
    assert units.status_code == 200, units.text
    body = units.json()
    assert body["edition"] == "2021"
    assert {r["unit_id"]: r["level_class"] for r in body["rows"]} == {
        "D1": "benchmark",
        "D2": "between",
        "D3": "below_baseline",
        "D4": "below_baseline",
    }
    (share,) = client.get("/api/benchmark/shares", params={"edition": "2021", "year": 2023}).json()["rows"]
    assert share["share_at_benchmark_pct"] == pytest.approx(100 * 30 / 110)
    lists = client.get("/api/benchmark/lists", params={"edition": "2021", "region": "440300"}).json()
    assert [r["unit_id"] for r in lists["retrofit"]] == ["D3"]
    assert [r["unit_id"] for r in lists["exit"]] == ["D4"]
    assert lists["below_baseline"][0]["capacity_below_baseline"] == pytest.approx(30.0)


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"edition": "1999"}, 404, "E_UNKNOWN_NAME"),
        ({"edition": "2021", "region": "990000"}, 404, "E_REGION_UNKNOWN"),
        ({"edition": "2023"}, 404, "W_BENCHMARK_NO_LEVEL"),
        ({"edition": "2021", "year": 1990}, 404, "E_NO_DATA"),
        ({"edition": "21x"}, 422, None),
        ({"edition": "2021", "region": "44"}, 422, None),
    ],
)
def test_errors(client: TestClient, params: dict[str, object], status: int, code: str | None) -> None:
    r = client.get("/api/benchmark/shares", params=params)
    assert r.status_code == status, r.text
    codes = [f["code"] for f in r.json()["findings"]]
    assert codes and (code is None or code in codes)
