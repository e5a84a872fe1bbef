"""A cached assessment whose store version is known without reading the store is answered on the event loop (no
thread-pool hop); a load by another process is still seen by the next request, which goes to the pool."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ecer.api.routers import assessments
from ecer.storage import Store
from tests import handcase

ASSESS = {"period": "2021", "edition": "2022", "region": "110000"}
REVISE_ELSEWHERE = textwrap.dedent("""
    import sys
    import polars as pl
    from ecer.storage import Store
    from tests import handcase
    e = handcase.ENERGY.filter((pl.col("region_code") == "110000") & (pl.col("period") == "2021"))
    Store.open(sys.argv[1]).load("energy", e.with_columns(total_energy=pl.col("total_energy") * 2),
                                 file="fix.csv", who="other", why="revised elsewhere")
""")


@pytest.fixture
def seeded(store_path: Path) -> Path:
    with Store.open(store_path) as s:
        for name, frame in (
            ("regions", handcase.REGIONS),
            ("energy", handcase.ENERGY),
            ("targets", handcase.TARGETS),
        ):
            s.load(name, frame, file=f"{name}.csv", who="t", why="seed")
    return store_path


def _pool_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = assessments.run_in_threadpool

    async def counting(func: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        calls.append(getattr(func, "__name__", "?"))
        return await real(func, *args, **kw)

    monkeypatch.setattr(assessments, "run_in_threadpool", counting)
    return calls


def test_a_hit_is_answered_without_the_pool_and_a_load_elsewhere_is_seen(
    seeded: Path, make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client()
    pool = _pool_calls(monkeypatch)
    first = client.get("/api/assessments", params=ASSESS)
    assert first.status_code == 200 and pool == ["_prepared"]  # a miss: computed on the pool
    for _ in range(5):
        again = client.get("/api/assessments", params=ASSESS)
        assert again.content == first.content
    assert pool == ["_prepared"]  # five hits, none on the pool

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", REVISE_ELSEWHERE, str(seeded)], check=True, cwd=root, timeout=120)
    after = client.get("/api/assessments", params=ASSESS)
    assert after.status_code == 200 and pool == ["_prepared", "_prepared"]  # the new version: back to the pool
    (row,) = after.json()["rows"]
    (before,) = first.json()["rows"]
    assert row["energy_for_intensity"] != before["energy_for_intensity"]  # the other process's load is in it
    assert after.headers["etag"] != first.headers["etag"]  # and the fast path sent no stale answer meanwhile


def test_a_cached_refusal_is_the_same_refusal(seeded: Path, make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    asked = {"period": "2021", "region": "150000", "edition": "2022"}  # a region without data
    first = client.get("/api/assessments", params=asked)
    second = client.get("/api/assessments", params=asked)
    assert first.status_code == second.status_code == 404
    assert first.json() == second.json()
