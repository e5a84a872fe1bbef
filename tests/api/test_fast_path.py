"""The fast path (``ecer.api.fast_path``) sends exactly what the FastAPI route sends — status, every header, body,
byte for byte — and only for a request the route already answered with 200 at this store version; 304 for a
matching ``If-None-Match``; misses, unknown regions and malformed periods still go through the route."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from ecer.api import fast_path
from ecer.api.routers import assessments
from ecer.storage import Store
from tests import handcase

QUERY = "period=2021&edition=2022&region=110000"
SAME_REORDERED = (
    "region=110000&edition=2022&period=2021"  # the same parameters: the same cache entry, another raw query
)


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


@pytest.fixture
def route_calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every request the FastAPI route answers: it normalises its parameters (``AssessQuery.key``, also called again
    inside a miss's computation) and sends a prepared answer with ``Prepared.response`` (the fast path sends the
    prepared bytes itself). The list holds ``"key"`` and ``"response"`` items."""
    calls: list[object] = []
    real_key, real_response = assessments.AssessQuery.key, fast_path.Prepared.response

    def key(self: assessments.AssessQuery) -> tuple[object, ...]:
        calls.append("key")
        return real_key(self)

    def response(self: fast_path.Prepared, if_none_match: str | None = None) -> Any:
        calls.append("response")
        return real_response(self, if_none_match)

    monkeypatch.setattr(assessments.AssessQuery, "key", key)
    monkeypatch.setattr(fast_path.Prepared, "response", response)
    return calls


def _answered(calls: list[object]) -> int:
    return calls.count("response")


def _wire(r: httpx.Response) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    return r.status_code, list(r.headers.raw), r.content


def test_the_fast_path_sends_what_the_route_sent_byte_for_byte(
    seeded: Path, make_client: Callable[..., TestClient], route_calls: list[object]
) -> None:
    client = make_client()
    by_route = client.get(f"/api/assessments?{QUERY}")
    assert by_route.status_code == 200 and _answered(route_calls) == 1
    by_fast_path = client.get(f"/api/assessments?{QUERY}")
    assert _answered(route_calls) == 1  # not through the route
    assert _wire(by_fast_path) == _wire(by_route)
    headers = dict(by_route.headers)
    assert headers["content-type"] == "application/json"
    assert headers["content-length"] == str(len(by_route.content))
    assert headers["cache-control"] == "no-cache"
    assert headers["etag"].startswith('"') and headers["etag"].endswith('"') and len(headers["etag"]) == 34
    (row,) = by_route.json()["rows"]
    assert (row["region_code"], row["period"]) == ("110000", "2021")


def test_if_none_match_gets_304_from_the_route_and_from_the_fast_path_alike(
    seeded: Path, make_client: Callable[..., TestClient], route_calls: list[object]
) -> None:
    client = make_client()
    etag = client.get(f"/api/assessments?{QUERY}").headers["etag"]
    # another spelling of the same question: the route answers (from its cache), then the fast path
    route_304 = client.get(f"/api/assessments?{SAME_REORDERED}", headers={"If-None-Match": etag})
    assert _answered(route_calls) == 2
    fast_304 = client.get(f"/api/assessments?{QUERY}", headers={"If-None-Match": f'W/"other", W/{etag}'})
    assert _answered(route_calls) == 2
    assert route_304.status_code == fast_304.status_code == 304
    assert _wire(route_304) == _wire(fast_304)
    assert route_304.content == b"" and dict(route_304.headers) == {"etag": etag, "cache-control": "no-cache"}
    # a tag that is not the current one: the whole answer
    full = client.get(f"/api/assessments?{QUERY}", headers={"If-None-Match": '"stale"'})
    assert full.status_code == 200 and full.headers["etag"] == etag and full.json()["rows"]


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("period=2021&region=150000&edition=2022", 404, "E_NO_DATA"),  # a known region without data
        ("period=2021&region=999999&edition=2022", 404, "E_REGION_UNKNOWN"),
        ("period=2021-13&region=110000", 422, "E_PERIOD_MALFORMED"),
    ],
)
def test_refusals_always_go_through_the_route(
    seeded: Path,
    make_client: Callable[..., TestClient],
    route_calls: list[object],
    query: str,
    status: int,
    code: str,
) -> None:
    client = make_client()
    client.get(f"/api/assessments?{QUERY}")  # the fast path has something filed
    before = route_calls.count("key")
    first, second = (client.get(f"/api/assessments?{query}") for _ in range(2))
    assert first.status_code == second.status_code == status
    assert _wire(first) == _wire(second)
    assert code in {f["code"] for f in first.json()["findings"]}
    assert "etag" not in first.headers
    if status == 404:  # parameters FastAPI accepts reach the route every time (a 422 is refused before it)
        assert route_calls.count("key") >= before + 2


def test_a_load_through_the_server_is_seen_by_the_next_request(
    seeded: Path, make_client: Callable[..., TestClient], route_calls: list[object]
) -> None:
    client = make_client()
    first = client.get(f"/api/assessments?{QUERY}")
    store = client.app.state.store_holder.get()  # type: ignore[attr-defined]
    import polars as pl

    e = handcase.ENERGY.filter((pl.col("region_code") == "110000") & (pl.col("period") == "2021"))
    store.load(
        "energy",
        e.with_columns(total_energy=pl.col("total_energy") * 2),
        file="fix.csv",
        who="t",
        why="revised in this process",
    )
    after = client.get(f"/api/assessments?{QUERY}", headers={"If-None-Match": first.headers["etag"]})
    assert _answered(route_calls) == 2  # a new version: through the route, which computes afresh
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    assert after.json()["rows"][0]["energy_for_intensity"] != first.json()["rows"][0]["energy_for_intensity"]
