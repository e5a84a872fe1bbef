"""Every error is a findings JSON body with a code; never a stack trace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services import dual_control


def test_unknown_catalog_name_is_404_finding(client: TestClient) -> None:
    r = client.get("/api/catalog/no_such_table")
    assert r.status_code == 404
    (f,) = r.json()["findings"]
    assert f["code"] == "E_UNKNOWN_NAME"
    assert "no_such_table" in f["message_zh"] and "no_such_table" in f["message_en"]
    assert "targets_gf2021_33" in f["message_en"]  # the valid names are listed


def test_unknown_route_is_a_finding(client: TestClient) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404
    assert r.json()["findings"][0]["code"] == "E_HTTP"


def test_wrong_method_is_a_finding(client: TestClient) -> None:
    r = client.delete("/api/regions")
    assert r.status_code == 405 and r.json()["findings"][0]["code"] == "E_HTTP"
    assert r.headers["allow"] == "GET"


def test_allow_names_every_method_of_a_path_with_two_routes(client: TestClient) -> None:
    # /api/analysis/allocation has a GET route (query) and a POST route (JSON body): Starlette alone says "GET"
    r = client.delete("/api/analysis/allocation", params={"target": 0.1})
    assert r.status_code == 405 and r.headers["allow"] == "GET, POST"


def test_a_json_false_is_not_a_number_in_a_body(client: TestClient) -> None:
    r = client.post("/api/analysis/allocation", json={"target": 0.1, "gap": False})
    assert r.status_code == 422
    (f,) = r.json()["findings"]
    assert f["code"] == "E_VALUE_INVALID" and f["location"]["column"] == "gap"
    r = client.post("/api/analysis/allocation", content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert r.status_code in (400, 422) and r.json()["findings"][0]["code"] in ("E_HTTP", "E_VALUE_INVALID")


def test_request_validation_error_is_a_finding(store_path: Path) -> None:
    app = create_app(store_path)

    @app.get("/_typed")
    def typed(n: int) -> int:
        return n

    r = TestClient(app).get("/_typed", params={"n": "abc"})
    assert r.status_code == 422
    (f,) = r.json()["findings"]
    assert f["code"] == "E_VALUE_INVALID" and f["location"]["column"] == "n" and "abc" in f["message_en"]


def test_unexpected_error_is_a_generic_500_finding(make_client: Callable[..., TestClient],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(store: object) -> list[str]:
        raise RuntimeError("secret internal detail /etc/db")

    monkeypatch.setattr(dual_control, "list_periods", boom)
    client = make_client(raise_server_exceptions=False)
    r = client.get("/api/periods")
    assert r.status_code == 500
    (f,) = r.json()["findings"]
    assert f["code"] == "E_INTERNAL" and f["message_zh"] and f["message_en"]
    assert "secret" not in r.text and "Traceback" not in r.text
