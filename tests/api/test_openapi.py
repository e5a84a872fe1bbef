"""Swagger documents the real error body: ``{"findings": [...]}`` for every error response, never FastAPI's
HTTPValidationError."""

from __future__ import annotations

from fastapi.testclient import TestClient

FINDINGS_REF = "#/components/schemas/FindingsBody"


def test_every_error_response_is_the_findings_body(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    errors = [(path, method, status, response)
              for path, ops in schema["paths"].items() for method, op in ops.items()
              for status, response in op["responses"].items() if status[0] in "45"]
    assert errors
    for path, method, status, response in errors:
        assert response["content"]["application/json"]["schema"] == {"$ref": FINDINGS_REF}, (path, method, status)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert "HTTPValidationError" not in str(schema["paths"])


def test_every_api_route_documents_404_422_and_503(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert {"404", "422", "503"} <= set(op["responses"]), (path, method)
    uploads = schema["paths"]["/api/uploads/{template}"]["post"]["responses"]
    assert uploads["413"]["content"]["application/json"]["schema"] == {"$ref": FINDINGS_REF}


def test_findings_body_schema(client: TestClient) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    body = components["FindingsBody"]
    assert body["required"] == ["findings"]
    assert body["properties"]["findings"]["items"] == {"$ref": "#/components/schemas/FindingModel"}
    finding = components["FindingModel"]
    assert {"code", "level", "message_zh", "message_en"} <= set(finding["required"])
    assert finding["properties"]["level"]["enum"] == ["error", "warning", "info"]


def test_period_detail_is_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    op = schema["paths"]["/api/periods"]["get"]
    assert [p["name"] for p in op["parameters"]] == ["detail"]
    assert "PeriodInfo" in str(op["responses"]["200"])
    assert {"kind", "base_year"} <= set(schema["components"]["schemas"]["PeriodInfo"]["properties"])
