"""A hostile upload is refused with its finding, and the server keeps answering others meanwhile (issue 6 §3).

A 100 MB zip bomb (one sheet part, deflated to well under 1 MB) and a PNG named ``.csv`` are posted while other
clients ask ``/api/regions``: the bomb is 422 ``E_FILE_TOO_LARGE`` naming the
file and the ratio (the request itself is small: 413 is for a body over the upload limit), the PNG 422 ``E_FILE_FORMAT``,
every other request 200, and the store holds nothing from either. Time is bounded (client timeouts); speed is not
asserted.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from ecer.api.app import create_app
from ecer.storage import Store
from tests import handcase
from tests.api.live import serving
from tests.ingest.test_ingest_hostile import _bomb

READERS = 10


def test_bomb_and_wrong_format_refused_while_others_are_served(tmp_path: Path) -> None:
    path = tmp_path / "hostile.duckdb"
    with Store.open(path) as s:
        s.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="seed")
    bomb = _bomb(100_000_000)
    assert len(bomb) < 1_000_000
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    start = threading.Barrier(READERS + 2)

    def upload(name: str, data: bytes) -> httpx.Response:
        with httpx.Client(base_url=url, timeout=120) as client:
            start.wait(60)
            return client.post("/api/uploads/energy", files={"file": (name, data, "application/octet-stream")},
                               data={"who": "tester", "why": "hostile"})

    def read(_: int) -> int:
        with httpx.Client(base_url=url, timeout=120) as client:
            start.wait(60)
            return client.get("/api/regions").status_code

    with serving(create_app(path)) as url, ThreadPoolExecutor(READERS + 2) as pool:
        bombed = pool.submit(upload, "bomb.xlsx", bomb)
        pictured = pool.submit(upload, "picture.csv", png)
        reads = [pool.submit(read, i) for i in range(READERS)]
        assert [f.result(timeout=180) for f in reads] == [200] * READERS
        b, p = bombed.result(timeout=180), pictured.result(timeout=180)
        assert b.status_code == 422, b.text
        assert [f["code"] for f in b.json()["findings"]] == ["E_FILE_TOO_LARGE"]
        assert b.json()["findings"][0]["location"]["file"] == "bomb.xlsx"
        assert b.json()["findings"][0]["evidence"]["measure"] == "ratio"
        assert p.status_code == 422, p.text
        assert [f["code"] for f in p.json()["findings"]] == ["E_FILE_FORMAT"]
        assert httpx.get(f"{url}/", timeout=30).status_code == 200
    with Store.open(path) as s:
        assert s.counts()["energy"] == 0
