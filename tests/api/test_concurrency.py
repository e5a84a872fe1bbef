"""Many clients at once on a real server: every request is answered, and an upload in the middle lands.

Before the store held a connection per call, one process-wide lock was held for each whole request
on the bounded thread pool, and ~45 clients asking ``/api/assessments`` together stopped the server
for good. Time is bounded here (client timeouts, joins); speed is not asserted.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from ecer.api.app import create_app
from ecer.storage import Store
from tests import handcase
from tests.api.csv_files import ENERGY_HEADER, csv_bytes
from tests.api.live import serving

CLIENTS = 50
ASSESS = {"period": "2021", "edition": "2022"}


def test_fifty_clients_and_an_upload_at_once(tmp_path: Path) -> None:
    path = tmp_path / "busy-server.duckdb"
    with Store.open(path) as s:
        for name, frame in (("regions", handcase.REGIONS), ("energy", handcase.ENERGY),
                            ("targets", handcase.TARGETS)):
            s.load(name, frame, file=f"{name}.csv", who="t", why="seed")
    # 北京 2021 total energy revised to 0.915 万tce = 9 150 tce (GDP as in the hand case).
    bj = handcase.ENERGY.filter((handcase.ENERGY["region_code"] == "110000") & (handcase.ENERGY["period"] == "2021"))
    gdp = bj["gdp_constant"][0]
    upload = csv_bytes(ENERGY_HEADER, f"110000,2021,0.915,{gdp},2020")
    start = threading.Barrier(CLIENTS + 1)

    def ask(i: int) -> tuple[str, int]:
        route = "/api/assessments" if i % 2 == 0 else "/api/regions"
        with httpx.Client(base_url=url, timeout=180) as client:
            start.wait(60)
            r = client.get(route, params=ASSESS if route == "/api/assessments" else None)
            assert r.status_code != 200 or r.json(), route
            return route, r.status_code

    def post() -> int:
        with httpx.Client(base_url=url, timeout=180) as client:
            start.wait(60)
            r = client.post("/api/uploads/energy", files={"file": ("fix.csv", upload, "text/csv")},
                            data={"who": "tester", "why": "revision under load", "revise": "true"})
            return r.status_code

    with serving(create_app(path)) as url, ThreadPoolExecutor(CLIENTS + 1) as pool:
        asked = [pool.submit(ask, i) for i in range(CLIENTS)]
        posted = pool.submit(post)
        results = [f.result(timeout=300) for f in asked]
        assert posted.result(timeout=300) == 200
        assert all(status == 200 for _, status in results), results
        assert {route for route, _ in results} == {"/api/assessments", "/api/regions"}
        # The server still answers, and serves the revision.
        history = httpx.get(f"{url}/api/history/energy", params={"region_code": "110000", "period": "2021"},
                            timeout=60).json()
        assert [h["version"] for h in history] == [1, 2]
        assert history[-1]["total_energy"] == 9_150.0 and history[-1]["changed_by"] == "tester"
