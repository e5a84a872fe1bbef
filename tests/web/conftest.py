"""Browser-test fixtures: a real uvicorn server on a free loopback port and Debian's headless chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ecer.api import web_assets
from ecer.services import dual_control
from tests.ci import cannot_run, import_or_skip
from tests.web import fake_assessment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over an empty temporary store, with the assessment service replaced by the fake."""

    from ecer.api.app import create_app

    if web_assets.missing_vendor_files():
        cannot_run("vendor assets missing: run scripts/build_web_assets.sh (make setup)")
    store = Path(tmp_path_factory.mktemp("web")) / "web.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dual_control, "assess", fake_assessment.assess)
        mp.setattr(dual_control, "list_periods", fake_assessment.list_periods)
        with serving(create_app(store)) as url:
            yield url


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        cannot_run("Debian chromium missing: apt-get install -y chromium")
    sync_api: Any = import_or_skip("playwright.sync_api", "playwright for Python not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page that records every request it makes (to prove nothing leaves the machine)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()
