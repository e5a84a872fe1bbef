"""Results are cached per (store version, parameters): identical requests compute once, every load — an upload
to this server, a load by another process — is seen by the next request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.api.cache import ResultCache
from ecer.findings import FindingsError, make
from ecer.services import dual_control
from ecer.storage import Store
from tests import handcase
from tests.api.csv_files import ENERGY_HEADER, csv_bytes
from tests.api.live import ecer

ASSESS = {"period": "2021", "edition": "2022", "region": "110000"}


# --- the cache itself ---------------------------------------------------------------------------------------------
def test_identical_misses_compute_once_and_the_others_wait() -> None:
    cache, calls = ResultCache(), []
    start = threading.Barrier(8)
    got: list[int] = []

    def compute() -> int:
        calls.append(1)
        time.sleep(0.3)
        return 42

    def ask() -> None:
        start.wait(10)
        got.append(cache.get(("v1", "a"), compute))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert got == [42] * 8 and len(calls) == 1
    assert cache.stats()["misses"] == 1 and cache.stats()["hits"] + cache.stats()["waits"] == 7


def test_findings_are_cached_but_a_busy_store_and_other_errors_are_not() -> None:
    cache, calls = ResultCache(), []

    def fail(code: str) -> Callable[[], int]:
        def compute() -> int:
            calls.append(code)
            raise FindingsError([make(code, detail="x")]) if code.startswith("E_") else RuntimeError(code)
        return compute

    for _ in range(2):
        with pytest.raises(FindingsError):
            cache.get(("v1", "no-data"), fail("E_NO_DATA"))
        with pytest.raises(FindingsError):
            cache.get(("v1", "busy"), fail("E_STORE_BUSY"))
        with pytest.raises(RuntimeError):
            cache.get(("v1", "bug"), fail("bug"))
    assert calls == ["E_NO_DATA", "E_STORE_BUSY", "bug", "E_STORE_BUSY", "bug"]


def test_bounded_by_entries_and_bytes_least_recently_used_first() -> None:
    cache = ResultCache(max_entries=2, max_bytes=1000)
    for k in ("a", "b"):
        cache.get(("v", k), lambda: b"x" * 10)
    cache.get(("v", "a"), lambda: b"?")  # a is now the most recent
    cache.get(("v", "c"), lambda: b"x" * 10)
    assert cache.get(("v", "a"), lambda: b"recomputed") == b"x" * 10
    assert cache.get(("v", "b"), lambda: b"recomputed") == b"recomputed"
    assert cache.get(("v", "big"), lambda: b"x" * 2000) == b"x" * 2000  # returned, not kept
    assert ("v", "big") not in cache._entries and cache.stats()["bytes"] <= 1000


def test_a_new_version_drops_the_old_entries() -> None:
    cache = ResultCache()
    cache.get(("1@t1", "a"), lambda: 1)
    cache.get(("1@t1", "b"), lambda: 1)
    assert cache.get(("2@t2", "a"), lambda: 2) == 2 and len(cache) == 1


# --- the store version ----------------------------------------------------------------------------------------------
def test_store_version_changes_with_every_load(tmp_path: Path) -> None:
    path = tmp_path / "v.duckdb"
    first = Store.open(path)
    assert first.version() == "0@"  # no file yet: nothing loaded, nothing created
    first.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
    v1 = first.version()
    other = Store.open(path)  # another Store on the file (as another process would be)
    other.load("regions", handcase.REGIONS, file="r.csv", who="t", why="2")  # the same rows: still a load
    assert first.version() != v1 and first.version() == other.version()
    assert first.version().startswith("2@")


# --- the API --------------------------------------------------------------------------------------------------------
@pytest.fixture
def seeded(store_path: Path) -> Path:
    with Store.open(store_path) as s:
        for name, frame in (("regions", handcase.REGIONS), ("energy", handcase.ENERGY),
                            ("targets", handcase.TARGETS)):
            s.load(name, frame, file=f"{name}.csv", who="t", why="seed")
    return store_path


def _count_assessments(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = dual_control.assess

    def counting(**kw: object) -> dual_control.AssessmentResult:
        calls.append(1)
        return real(**kw)  # type: ignore[arg-type]

    monkeypatch.setattr(dual_control, "assess", counting)
    return calls


def test_repeated_assessments_compute_once_and_a_load_is_seen(seeded: Path, make_client: Callable[..., TestClient],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_assessments(monkeypatch)
    client = make_client()
    first = client.get("/api/assessments", params=ASSESS)
    assert first.status_code == 200
    for params in (ASSESS, {**ASSESS, "period": "2021"}, {"region": "110000", "period": "2021", "edition": "2022"}):
        again = client.get("/api/assessments", params=params)
        assert again.content == first.content
    assert len(calls) == 1
    assert client.get("/api/reports/assessment.html", params=ASSESS).status_code == 200
    assert len(calls) == 1  # the report uses the same cached result

    # an upload through this server: a new version, a new answer
    bj = handcase.ENERGY.filter((handcase.ENERGY["region_code"] == "110000") & (handcase.ENERGY["period"] == "2021"))
    upload = csv_bytes(ENERGY_HEADER, f"110000,2021,0.915,{bj['gdp_constant'][0]},2020")
    r = client.post("/api/uploads/energy", files={"file": ("fix.csv", upload, "text/csv")},
                    data={"revise": "true"})
    assert r.status_code == 200, r.text
    after = client.get("/api/assessments", params=ASSESS).json()
    assert len(calls) == 2
    assert after["rows"][0]["total_energy"] == pytest.approx(9150)
    assert after["rows"][0]["total_energy"] != first.json()["rows"][0]["total_energy"]


def test_a_load_by_another_process_is_seen_by_the_next_request(seeded: Path, tmp_path: Path,
                                                               make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    before = client.get("/api/assessments", params=ASSESS).json()["rows"][0]["total_energy"]
    periods = client.get("/api/periods").json()
    bj = handcase.ENERGY.filter((handcase.ENERGY["region_code"] == "110000") & (handcase.ENERGY["period"] == "2021"))
    fix = tmp_path / "fix.csv"
    fix.write_bytes(csv_bytes(ENERGY_HEADER, f"110000,2021,0.915,{bj['gdp_constant'][0]},2020",
                              f"110000,2021-07,0.1,{bj['gdp_constant'][0] / 12},2020"))
    loaded = ecer("load", "energy", str(fix), "--store", str(seeded), "--revise", "--accept-implausible",
                  "--why", "beside the server")
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    after = client.get("/api/assessments", params=ASSESS).json()["rows"][0]["total_energy"]
    assert before != after == pytest.approx(9150)
    assert "2021-07" in client.get("/api/periods").json() and "2021-07" not in periods
