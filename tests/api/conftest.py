"""Fixtures for the API tests: an app over a temporary DuckDB store, and template CSV bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "api-test.duckdb"


@pytest.fixture
def make_client(store_path: Path) -> Iterator[Callable[..., TestClient]]:
    """Build a client (context-managed: the app's store closes when the test ends)."""
    clients: list[TestClient] = []

    def build(max_upload_bytes: int = 50_000_000, raise_server_exceptions: bool = True) -> TestClient:
        app = create_app(store_path, max_upload_bytes=max_upload_bytes)
        client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()
