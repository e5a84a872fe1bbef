"""Requests per second of a real ``ecer serve`` with 1, 10 and 50 clients at once (a measurement, not a test).

Run: ``.venv/bin/python benchmarks/server_concurrency.py [--seconds 15] [--clients 1,10,50] [--src DIR]``.
It builds the demo store in a temporary folder, starts ``ecer serve`` on it (``--src`` runs another
checkout's ``src`` folder, e.g. the code before a change), and lets N clients loop over one route
for the given time. A client that gets no answer within ``--timeout`` seconds counts as stuck; the
server is then killed (a server that ignores SIGTERM is reported).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROUTES = {
    "regions": ("/api/regions", None),
    "assessment": ("/api/assessments", {"period": "2021", "region": "110000"}),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(store: Path, src: str | None) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    proc = subprocess.Popen([sys.executable, "-m", "ecer.cli.main", "serve", "--store", str(store), "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/editions", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def _stop(proc: subprocess.Popen[bytes]) -> str:
    proc.terminate()
    try:
        proc.wait(timeout=10)
        return "stopped on SIGTERM"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        return "IGNORED SIGTERM (killed)"


def run(url: str, route: str, clients: int, seconds: float, timeout: float) -> dict[str, float]:
    path, params = ROUTES[route]
    ok, failed, stuck = [0] * clients, [0] * clients, [0] * clients
    end = time.monotonic() + seconds
    start = threading.Barrier(clients)

    def client(i: int) -> None:
        with httpx.Client(base_url=url, timeout=timeout) as c:
            start.wait()
            while time.monotonic() < end:
                try:
                    r = c.get(path, params=params)
                except httpx.TimeoutException:
                    stuck[i] += 1
                    return
                except httpx.HTTPError:
                    failed[i] += 1
                    continue
                if r.status_code == 200:
                    ok[i] += 1
                else:
                    failed[i] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    took = time.monotonic() - t0
    return {"ok": sum(ok), "failed": sum(failed), "stuck": sum(stuck), "rps": sum(ok) / took}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", default="1,10,50")
    ap.add_argument("--routes", default="regions,assessment")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--src", default=None, help="run the server from this src folder (PYTHONPATH)")
    args = ap.parse_args()
    from ecer.services.demo import build_store

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.duckdb"
        build_store(store).close()
        print(f"| route | clients | requests/s | ok | errors | stuck | server ({args.src or 'this checkout'}) |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for route in args.routes.split(","):
            for n in (int(x) for x in args.clients.split(",")):
                proc, url = _serve(store, args.src)
                try:
                    path, params = ROUTES[route]
                    httpx.get(f"{url}{path}", params=params, timeout=120)  # warm up (first use of the store)
                    res = run(url, route, n, args.seconds, args.timeout)
                finally:
                    stop = _stop(proc)
                print(f"| {route} | {n} | {res['rps']:.1f} | {res['ok']:.0f} | {res['failed']:.0f} | "
                      f"{res['stuck']:.0f} | {stop} |", flush=True)


if __name__ == "__main__":
    main()
