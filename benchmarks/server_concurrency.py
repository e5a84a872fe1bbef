"""Requests per second and latencies (p50/p95/p99) of a real ``ecer serve`` with 1, 10 and 100 clients at once (a
measurement, not a test).

Run: ``.venv/bin/python benchmarks/server_concurrency.py [--seconds 15] [--clients 1,10,100] [--routes
assessment,overview,mix] [--src DIR]``; ``--url URL --json`` drives a server already running (the suite's load
test, ``tests/api/test_load.py``, runs it so, as a second process).
It builds the demo store in a temporary folder, starts ``ecer serve`` on it (``--src`` runs another
checkout's ``src`` folder, e.g. the code before a change), and lets N clients loop over one route
for the given time. A client that gets no answer within ``--timeout`` seconds counts as stuck; the
server is then killed (a server that ignores SIGTERM is reported).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROUTES: dict[str, tuple[str, dict[str, str] | None]] = {
    "regions": ("/api/regions", None),
    "assessment": ("/api/assessments", {"period": "2021", "region": "110000"}),
    "overview": ("/api/assessments", {"period": "2021"}),
    "page": ("/", None),
    "region_page": ("/region/110000", None),
    "upload_page": ("/upload", None),
    "periods": ("/api/periods", {"detail": "true"}),
}
# "mix": each client cycles through the dashboard pages, what they fetch, and the assessments
MIX = ["page", "periods", "overview", "region_page", "assessment", "upload_page", "regions"]


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


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(url: str, route: str, clients: int, seconds: float, timeout: float) -> dict[str, float]:
    """N clients loop over ``route`` (or the ``mix``) for ``seconds``; latencies of the answered requests [ms]."""
    names = MIX if route == "mix" else [route]
    ok, failed, stuck = [0] * clients, [0] * clients, [0] * clients
    latencies: list[list[float]] = [[] for _ in range(clients)]
    ends: list[float] = []  # the clock starts once every client is ready (making 100 clients takes seconds)
    start = threading.Barrier(clients, action=lambda: ends.append(time.monotonic() + seconds))

    def client(i: int) -> None:
        with httpx.Client(base_url=url, timeout=timeout) as c:
            start.wait()
            n = i
            while time.monotonic() < ends[0]:
                path, params = ROUTES[names[n % len(names)]]
                n += 1
                t0 = time.perf_counter()
                try:
                    r = c.get(path, params=params)
                except httpx.TimeoutException:
                    stuck[i] += 1
                    return
                except httpx.HTTPError:
                    failed[i] += 1
                    continue
                latencies[i].append((time.perf_counter() - t0) * 1000)
                if r.status_code == 200:
                    ok[i] += 1
                else:
                    failed[i] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 60)
    took = max(time.monotonic() - (ends[0] - seconds), 1e-9) if ends else float("inf")
    lat = [x for per in latencies for x in per]
    return {"ok": sum(ok), "failed": sum(failed), "stuck": sum(stuck), "rps": sum(ok) / took,
            "p50": _pct(lat, 0.50), "p95": _pct(lat, 0.95), "p99": _pct(lat, 0.99),
            "alive": sum(t.is_alive() for t in threads)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", default="1,10,100")
    ap.add_argument("--routes", default="assessment,overview,mix")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--src", default=None, help="run the server from this src folder (PYTHONPATH)")
    ap.add_argument("--url", default=None, help="use this running server (no demo store, no server started)")
    ap.add_argument("--json", action="store_true", help="print one JSON line per run instead of the table")
    args = ap.parse_args()
    if args.url:
        for route in args.routes.split(","):
            for n in (int(x) for x in args.clients.split(",")):
                res = run(args.url, route, n, args.seconds, args.timeout)
                print(json.dumps({"route": route, "clients": n, **res}), flush=True)
        return
    from ecer.services.demo import build_store

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.duckdb"
        build_store(store).close()
        print(f"| route | clients | requests/s | p50 ms | p95 ms | p99 ms | ok | errors | stuck | server "
              f"({args.src or 'this checkout'}) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for route in args.routes.split(","):
            for n in (int(x) for x in args.clients.split(",")):
                proc, url = _serve(store, args.src)
                try:
                    for name in (MIX if route == "mix" else [route]):  # warm up (first use of the store, cache)
                        path, params = ROUTES[name]
                        httpx.get(f"{url}{path}", params=params, timeout=120)
                    res = run(url, route, n, args.seconds, args.timeout)
                finally:
                    stop = _stop(proc)
                if args.json:
                    print(json.dumps({"route": route, "clients": n, **res, "stop": stop}), flush=True)
                    continue
                print(f"| {route} | {n} | {res['rps']:.1f} | {res['p50']:.0f} | {res['p95']:.0f} | {res['p99']:.0f} | "
                      f"{res['ok']:.0f} | {res['failed']:.0f} | {res['stuck']:.0f} | {stop} |", flush=True)


if __name__ == "__main__":
    main()
