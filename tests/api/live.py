"""Real servers for the store-sharing tests: ``ecer serve`` as a subprocess, or uvicorn in a thread."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ecer(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the ``ecer`` command line in a new process."""
    return subprocess.run([sys.executable, "-m", "ecer.cli.main", *args], check=False, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def _wait_until_up(url: str, alive: object, deadline: float) -> None:
    while True:
        try:
            if httpx.get(f"{url}/api/editions", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or not alive():  # type: ignore[operator]
            pytest.fail(f"the server at {url} did not start")
        time.sleep(0.1)


@contextmanager
def ecer_serve(store: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``ecer serve --store STORE`` on a free loopback port; yields its base URL, stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ecer.cli.main", "serve", "--store", str(store),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, lambda: proc.poll() is None, time.monotonic() + 60)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # it ignored SIGTERM: that is a failure too
            proc.kill()
            proc.wait(timeout=10)
            pytest.fail("ecer serve did not stop on SIGTERM")


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", thread.is_alive, time.monotonic() + 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        assert not thread.is_alive(), "uvicorn did not stop"
