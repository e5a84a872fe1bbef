"""Requests per second and latencies (p50/p95/p99) of a real ``ecer serve`` with 1, 10 and 100 clients at once (a
measurement, not a test).

Run: ``.venv/bin/python benchmarks/server_concurrency.py [--seconds 15] [--clients 1,10,100] [--routes
assessment,overview,mix] [--src DIR] [--client async|threads] [--json [FILE]]``; ``--url URL --json`` drives a
server already running (the suite's load test, ``tests/api/test_load.py``, runs it so, as a second process).
It builds the demo store in a temporary folder, starts ``ecer serve`` on it (``--src`` runs another
checkout's ``src`` folder, e.g. the code before a change), and lets N clients loop over one route
for the given time. A client that gets no answer within ``--timeout`` seconds counts as stuck; the
server is then killed (a server that ignores SIGTERM is reported).

The load generator is a closed loop: each of the N clients has its own keep-alive connection and sends its next
request as soon as the last is answered. ``--client async`` (the default) runs all N clients as coroutines in one
asyncio process (on uvloop when installed), each speaking HTTP/1.1 through ``h11`` (the parser uvicorn and httpx are built on); ``--client
threads`` runs N threads with an ``httpx.Client`` each (the generator used before 2026-12-02). On the project's
2-core machine the client shares the cores with the server, so what the client costs per request is taken from
the server: 100 httpx threads took ≈ 2 ms of CPU per request, more than the server itself, and the measured
latency was the client's. The coroutine client costs a fraction of that; both report their own CPU time and the
server's (``client_cpu_s``, ``server_cpu_s``), so a run shows which side was the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import h11
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


def run_threads(url: str, route: str, clients: int, seconds: float, timeout: float) -> dict[str, float]:
    """N threads, an ``httpx.Client`` each, loop over ``route`` (or the ``mix``) for ``seconds``; latencies of the
    answered requests [ms]."""
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


def _targets(route: str) -> list[str]:
    """The request targets (path and query, encoded as httpx encodes ``params``) a client cycles through."""
    out = []
    for name in MIX if route == "mix" else [route]:
        path, params = ROUTES[name]
        out.append(path + ("?" + urlencode(params) if params else ""))
    return out


class _Conn:
    """One keep-alive HTTP/1.1 connection, spoken through ``h11``."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.h11 = h11.Connection(h11.CLIENT)

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.h11 = h11.Connection(h11.CLIENT)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, target: str) -> int:
        """Send ``GET target`` and read the whole answer; its status."""
        if self.writer is None or self.h11.our_state is h11.MUST_CLOSE:
            self.close()
            await self.open()
        elif self.h11.our_state is h11.DONE:
            self.h11.start_next_cycle()
        assert self.reader is not None and self.writer is not None
        conn = self.h11
        self.writer.write(conn.send(h11.Request(method="GET", target=target, headers=[
            ("Host", f"{self.host}:{self.port}"), ("Accept", "*/*"), ("User-Agent", "ecer-bench")])))
        self.writer.write(conn.send(h11.EndOfMessage()))
        status = 0
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                data = await self.reader.read(262144)
                conn.receive_data(data)  # b"": the server closed, h11 raises on the next event if incomplete
                continue
            if isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.EndOfMessage):
                return status
            elif isinstance(event, h11.ConnectionClosed):
                raise ConnectionError("the server closed the connection")


def run_async(url: str, route: str, clients: int, seconds: float, timeout: float) -> dict[str, float]:
    """N coroutine clients in this process, a keep-alive connection each, loop over ``route`` (or the ``mix``) for
    ``seconds``; latencies of the answered requests [ms]."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    targets = _targets(route)
    ok, failed, stuck = [0] * clients, [0] * clients, [0] * clients
    latencies: list[list[float]] = [[] for _ in range(clients)]

    async def client(i: int, conn: _Conn, end: float) -> None:
        n = i
        while time.monotonic() < end:
            target = targets[n % len(targets)]
            n += 1
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(target), timeout)
            except TimeoutError:
                stuck[i] += 1
                conn.close()
                return
            except (OSError, h11.ProtocolError):
                failed[i] += 1
                conn.close()
                continue
            latencies[i].append((time.perf_counter() - t0) * 1000)
            if status == 200:
                ok[i] += 1
            else:
                failed[i] += 1
        conn.close()

    async def main() -> tuple[float, int]:
        conns = [_Conn(host, port) for _ in range(clients)]
        await asyncio.gather(*(c.open() for c in conns))  # the clock starts once every client is connected
        t0 = time.monotonic()
        tasks = [asyncio.ensure_future(client(i, c, t0 + seconds)) for i, c in enumerate(conns)]
        _, pending = await asyncio.wait(tasks, timeout=seconds + timeout + 60)
        took = time.monotonic() - t0
        for t in pending:
            t.cancel()
        return took, len(pending)

    try:  # uvloop (an ECER dependency where it builds) makes the client cheaper still; asyncio's loop else
        import uvloop

        loop_factory: Callable[[], asyncio.AbstractEventLoop] | None = uvloop.new_event_loop
    except ImportError:
        loop_factory = None
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        took, alive = runner.run(main())
    lat = [x for per in latencies for x in per]
    return {"ok": sum(ok), "failed": sum(failed), "stuck": sum(stuck), "rps": sum(ok) / max(took, 1e-9),
            "p50": _pct(lat, 0.50), "p95": _pct(lat, 0.95), "p99": _pct(lat, 0.99), "alive": alive}


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of this process, or of process ``pid`` (from /proc) [s]."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size (VmHWM) of process ``pid`` so far [MB]; NaN where /proc does not tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run(url: str, route: str, clients: int, seconds: float, timeout: float, client: str = "async",
        server_pid: int | None = None) -> dict[str, float]:
    """N clients (``client``: ``async`` or ``threads``) loop over ``route`` for ``seconds``: counts, requests/s,
    latency percentiles [ms], and the CPU seconds the client and (when ``server_pid`` is known) the server used."""
    c0, s0 = cpu_seconds(), cpu_seconds(server_pid) if server_pid else None
    res = (run_async if client == "async" else run_threads)(url, route, clients, seconds, timeout)
    res["client_cpu_s"] = cpu_seconds() - c0
    if server_pid and s0 is not None:
        res["server_cpu_s"] = cpu_seconds(server_pid) - s0
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", default="1,10,100")
    ap.add_argument("--routes", default="assessment,overview,mix")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--src", default=None, help="run the server from this src folder (PYTHONPATH)")
    ap.add_argument("--url", default=None, help="use this running server (no demo store, no server started)")
    ap.add_argument("--client", choices=["async", "threads"], default="async",
                    help="the load generator: coroutines over h11 in one process (default) or httpx threads")
    ap.add_argument("--json", nargs="?", const="-", default=None, metavar="FILE",
                    help="alone: one JSON line per run instead of the table; with FILE: the table, and the runs "
                         "as a JSON list in FILE (for benchmarks/results.py)")
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    if args.url:
        for route in args.routes.split(","):
            for n in (int(x) for x in args.clients.split(",")):
                res = run(args.url, route, n, args.seconds, args.timeout, args.client)
                rows.append({"route": route, "clients": n, "client": args.client, **res})
                if args.json == "-":
                    print(json.dumps(rows[-1]), flush=True)
        _write_json(args.json, rows)
        return
    from ecer.services.demo import build_store

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.duckdb"
        build_store(store).close()
        if args.json != "-":
            print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; client: {args.client}; "
                  f"{args.seconds:g} s per run; CPU seconds of the client and the server during each run")
            print(f"| route | clients | requests/s | p50 ms | p95 ms | p99 ms | ok | errors | stuck | client CPU s "
                  f"| server CPU s | server ({args.src or 'this checkout'}) |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for route in args.routes.split(","):
            for n in (int(x) for x in args.clients.split(",")):
                proc, url = _serve(store, args.src)
                try:
                    for name in (MIX if route == "mix" else [route]):  # warm up (first use of the store, cache)
                        path, params = ROUTES[name]
                        httpx.get(f"{url}{path}", params=params, timeout=120)
                    res = run(url, route, n, args.seconds, args.timeout, args.client, proc.pid)
                    res["server_rss_mb"] = peak_rss_mb(proc.pid)
                finally:
                    stop = _stop(proc)
                rows.append({"route": route, "clients": n, "client": args.client, "seconds": args.seconds, **res,
                             "stop": stop, "load_average": os.getloadavg()[0]})
                if args.json == "-":
                    print(json.dumps(rows[-1]), flush=True)
                    continue
                print(f"| {route} | {n} | {res['rps']:.1f} | {res['p50']:.0f} | {res['p95']:.0f} | {res['p99']:.0f} | "
                      f"{res['ok']:.0f} | {res['failed']:.0f} | {res['stuck']:.0f} | {res['client_cpu_s']:.1f} | "
                      f"{res.get('server_cpu_s', float('nan')):.1f} | {stop} |", flush=True)
    _write_json(args.json, rows)


def _write_json(target: str | None, rows: list[dict[str, object]]) -> None:
    """The runs as a JSON list in ``target`` (nothing for ``None`` or ``-``, the JSON-lines mode)."""
    if target and target != "-":
        Path(target).write_text(json.dumps({"script": "server_concurrency", "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
