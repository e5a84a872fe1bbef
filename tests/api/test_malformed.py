"""Every malformed request is a 4xx finding: a multipart body that is not well-formed (E_UPLOAD_MALFORMED), a
period or region that does not match its documented pattern (E_PERIOD_MALFORMED / E_REGION_MALFORMED, as the
services answer), a value outside a documented enum (E_UNKNOWN_NAME / E_VALUE_INVALID)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.csv_files import GOOD_ENERGY

PART = b'Content-Disposition: form-data; name="file"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\n'
BAD_BODIES = {
    "a part header without its colon": b"--B\r\nContent-Disposition form-data; name=\"file\"\r\n\r\nx\r\n--B--\r\n",
    "a control character in a header": b"--B\r\nContent-Disposition:\x00 form-data\r\n\r\nx\r\n--B--\r\n",
    "a body cut before its closing boundary": b"--B\r\n" + PART + GOOD_ENERGY,
    "no boundary where one belongs": b"hello",
    "another boundary": b"--C\r\n" + PART + GOOD_ENERGY + b"\r\n--C--\r\n",
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_malformed_multipart_body_is_a_422_finding(client: TestClient, body: bytes) -> None:
    r = client.post("/api/uploads/energy", content=body, headers={"content-type": "multipart/form-data; boundary=B"})
    assert r.status_code == 422, r.text
    assert [f["code"] for f in r.json()["findings"]] == ["E_UPLOAD_MALFORMED"]
    assert client.get("/api/periods").json() == []  # nothing loaded


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
def test_multipart_without_a_boundary_is_a_422_finding(client: TestClient, content_type: str) -> None:
    r = client.post("/api/uploads/energy", content=b"--B\r\n" + PART + b"x\r\n--B--\r\n",
                    headers={"content-type": content_type})
    assert r.status_code == 422 and r.json()["findings"][0]["code"] == "E_UPLOAD_MALFORMED"


def test_a_well_formed_upload_still_loads(client: TestClient) -> None:
    body = b"--B\r\n" + PART + GOOD_ENERGY + b"\r\n--B--\r\n"
    r = client.post("/api/uploads/energy", content=body, headers={"content-type": "multipart/form-data; boundary=B"})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(("route", "params", "status", "code"), [
    ("/api/assessments", {"period": "2021-13"}, 422, "E_PERIOD_MALFORMED"),
    ("/api/assessments", {"period": "1900"}, 422, "E_PERIOD_MALFORMED"),
    ("/api/assessments", {"region": "11000"}, 422, "E_REGION_MALFORMED"),
    ("/api/assessments", {"region": "١١٠٠٠٠"}, 422, "E_REGION_MALFORMED"),  # Arabic-Indic digits are not GB/T 2260
    ("/api/assessments", {"edition": "2099"}, 404, "E_UNKNOWN_NAME"),
    ("/api/assessments", {"renewable_reading": "both"}, 422, "E_VALUE_INVALID"),
    ("/api/reports/assessment.pdf", {"period": "2021Q5"}, 422, "E_PERIOD_MALFORMED"),
    ("/api/reports/assessment.doc", {}, 404, "E_UNKNOWN_NAME"),
    ("/api/history/energy", {"region_code": "abc"}, 422, "E_REGION_MALFORMED"),
    ("/api/history/energy", {"period": "2021H3"}, 422, "E_PERIOD_MALFORMED"),
    ("/api/regions", {"level": "planet"}, 422, "E_VALUE_INVALID"),
])
def test_parameters_outside_their_pattern_or_enum(client: TestClient, route: str, params: dict[str, str],
                                                  status: int, code: str) -> None:
    r = client.get(route, params=params)
    assert r.status_code == status, r.text
    findings = r.json()["findings"]
    assert findings[0]["code"] == code
    if code.endswith("_MALFORMED"):
        assert findings[0]["location"]["column"] in params


def test_the_document_gives_the_patterns_and_enums(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    def param(path: str, name: str) -> dict:
        method = "post" if "uploads/{" in path else "get"
        found = [p for p in schema["paths"][path][method]["parameters"] if p["name"] == name]
        return found[0]["schema"]

    def first(s: dict) -> dict:  # an optional parameter is anyOf [string with its constraint, null]
        return next((x for x in s.get("anyOf", [s]) if x.get("type") == "string"), s)

    assert "pattern" in first(param("/api/assessments", "period"))
    assert first(param("/api/assessments", "region"))["pattern"] == "^[0-9]{6}$"
    assert "2024" in first(param("/api/assessments", "edition"))["enum"]
    assert first(param("/api/reports/assessment.{fmt}", "fmt"))["enum"] == ["xlsx", "html", "pdf"]
    assert first(param("/api/templates/{name}.{fmt}", "fmt"))["enum"] == ["xlsx", "csv"]
    assert "energy" in first(param("/api/uploads/{template}", "template"))["enum"]
    assert "pattern" in first(param("/api/history/{table}", "period"))
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert {"404", "405", "422", "500", "503"} <= set(op["responses"]), (path, method)
