"""The CLI and a running server use one store file at once; a busy store is a 503 with Retry-After.

``ecer serve`` holds the DuckDB file only for each store call (docs/storage.md, "Sharing a store
file"), so ``ecer load`` and ``ecer dual-control assess`` work beside it, even while clients keep
asking the server.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.storage import Store
from tests import handcase
from tests.api.live import ecer, ecer_serve
from tests.storage.holding import holding
from tests.test_handcase_layers import write_files

ASSESS = {"period": "2021", "edition": "2022", "recompute_earlier_years": "true"}
CLI_ASSESS = ["--period", "2021", "--rules", "2022", "--recompute-earlier-years"]


def _intensity_change(rows: list[dict]) -> dict[str, float]:
    return {r["region_code"]: r["intensity_change_yoy"] for r in rows if r["period"] == "2021"}


def test_cli_loads_and_assesses_while_the_server_answers(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "data")
    store = tmp_path / "shared.duckdb"
    with Store.open(store) as s:  # regions and targets first; the CLI loads the energy data
        s.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="seed")
        s.load("targets", handcase.TARGETS, file="targets.csv", who="t", why="seed")
    env = {"ECER_STORE_WAIT": "60", "ECER_SERVE_STORE_WAIT": "30"}
    with ecer_serve(store, env) as url:
        codes = {r["region_code"] for r in httpx.get(f"{url}/api/regions", timeout=60).json()}
        assert codes == set(handcase.REGIONS["region_code"].to_list())
        assert httpx.get(f"{url}/api/periods", timeout=60).json() == []

        stop, answers = threading.Event(), Counter[int]()

        def keep_asking() -> None:  # a client that never pauses while the CLI works
            with httpx.Client(base_url=url, timeout=60) as client:
                while not stop.is_set():
                    for route in ("/api/regions", "/api/periods"):
                        answers[client.get(route).status_code] += 1

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            loaded = ecer("load", "energy", str(folder / "energy.csv"), "--store", str(store),
                          "--why", "beside the server", env=env)
            assert loaded.returncode == 0, loaded.stderr
            assert "已导入 / loaded" in loaded.stdout
            assessed = ecer("dual-control", "assess", *CLI_ASSESS, "--store", str(store), "-f", "json", env=env)
            assert assessed.returncode == 0, assessed.stderr
        finally:
            stop.set()
            asker.join(90)
        assert not asker.is_alive()
        assert answers[200] >= 2 and set(answers) == {200}, answers

        # The server sees what the CLI loaded, and computes what the CLI computed.
        assert "2021" in httpx.get(f"{url}/api/periods", timeout=60).json()
        served = httpx.get(f"{url}/api/assessments", params=ASSESS, timeout=120)
        assert served.status_code == 200, served.text
        by_cli = _intensity_change(json.loads(assessed.stdout)["rows"])
        assert _intensity_change(served.json()["rows"]) == by_cli
        assert by_cli["110000"] == pytest.approx(-0.046122, abs=1e-6)  # the hand case: 北京 ΔI = −4.6122 %
        history = httpx.get(f"{url}/api/history/energy", params={"region_code": "110000", "period": "2021"},
                            timeout=60).json()
        assert [h["reason"] for h in history] == ["beside the server"]


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "busy.duckdb"
    with Store.open(path) as s:
        s.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="seed")
        s.load("energy", handcase.ENERGY, file="energy.csv", who="t", why="seed")
    return path


def test_busy_store_is_503_with_retry_after(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECER_SERVE_STORE_WAIT", "0.3")
    with TestClient(create_app(seeded)) as client:
        with holding(seeded, "rw"):  # another process has the file open read-write
            r = client.get("/api/regions")
            assert r.status_code == 503 and r.headers["Retry-After"] == "2"
            (f,) = r.json()["findings"]
            assert f["code"] == "E_STORE_BUSY" and "0.3 s" in f["message_en"]
            assert client.get("/api/editions").status_code == 200  # routes without the store still answer
        assert client.get("/api/regions").status_code == 200  # released: served again
        with holding(seeded, "rw"):  # held again, but nothing written: the file is as it was
            assert client.get("/api/regions").status_code == 200  # the cached answer, still true
