"""A bounded load test: ``ecer serve`` on the demo store (a subprocess on 127.0.0.1), and 100 clients in a second
process looping for 20 s over the dashboard pages, what they fetch and ``/api/assessments``
(``benchmarks/server_concurrency.py --url``). No error, no timeout, and the server answers ``/`` afterwards.
Speed is never asserted (latencies are in benchmarks/README.md). Every wait has a hard limit; the server is
stopped in a ``finally``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.api.live import ecer_serve

ROOT = Path(__file__).resolve().parents[2]
CLIENTS, SECONDS = 100, 20


def test_hundred_clients_for_twenty_seconds(tmp_path: Path) -> None:
    from ecer.services.demo import build_store

    store = tmp_path / "demo.duckdb"
    build_store(store).close()
    with ecer_serve(store) as url:  # terminated (and killed if need be) when the block ends
        for path in ("/", "/api/periods", "/api/assessments?period=2021", "/api/assessments?period=2021&region=110000"):
            assert httpx.get(f"{url}{path}", timeout=120).status_code == 200  # warm: the first answers compute
        clients = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "server_concurrency.py"), "--url", url, "--json",
             "--routes", "mix", "--clients", str(CLIENTS), "--seconds", str(SECONDS), "--timeout", "30"],
            capture_output=True, text=True, timeout=SECONDS + 120, check=False)
        assert clients.returncode == 0, clients.stderr[-2000:]
        res = json.loads(clients.stdout.strip().splitlines()[-1])
        print(res)
        assert res["failed"] == 0 and res["stuck"] == 0 and res["alive"] == 0, res
        assert res["ok"] > CLIENTS
        assert httpx.get(f"{url}/", timeout=30).status_code == 200
