"""``/api/projects``: the same checks and decisions as the CLI, read-only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services import projects as sp
from ecer.storage import Store
from tests.handcase import ENERGY, REGIONS, TARGETS
from tests.projects.conftest import file_row, write_projects


def test_api_lists_and_shows_projects(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(s, write_projects(tmp_path / "p.csv", [file_row()]), who="t", why="t")
        sp.decide(s, "P1", decision="暂停", by="王", reason="无节能审查")
    with TestClient(create_app(db)) as client:
        rows = client.get("/api/projects", params={"as_of": "2026-12-01"}).json()
        assert [r["project"]["project_id"] for r in rows] == ["P1"]
        assert (
            rows[0]["suggested_disposition"] == "suspend"
            and rows[0]["last_decision"]["decision"] == "suspend"
        )
        assert client.get("/api/projects", params={"status": "planned"}).json() == []
        one = client.get("/api/projects/P1").json()
        assert [d["decided_by"] for d in one["decisions"]] == ["王"] and len(one["versions"]) == 1
        missing = client.get("/api/projects/NOPE")
        assert missing.status_code == 404 and missing.json()["findings"][0]["code"] == "E_PROJECT_UNKNOWN"
        assert client.get("/api/projects", params={"region_code": "12"}).status_code == 422


def test_api_posts_decisions_append_only(tmp_path):
    """POST /api/projects/{id}/decisions appends as ``ecer projects decide``: JSON and form bodies, the previous
    decision named in the new row and kept in the history; unknown project 404, bad decision 422."""
    db = tmp_path / "s.duckdb"
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(s, write_projects(tmp_path / "p.csv", [file_row()]), who="t", why="t")
    with TestClient(create_app(db)) as client:
        first = client.post(
            "/api/projects/P1/decisions", json={"decision": "暂停", "by": "王", "reason": "无节能审查"}
        )
        assert first.status_code == 201, first.text
        assert first.json()["decision"]["decision"] == "suspend"
        assert first.json()["decision"]["previous_decision"] is None
        second = client.post(
            "/api/projects/P1/decisions",
            data={"decision": "continue", "by": "李", "reason": "已补办节能审查"},
        )
        assert second.status_code == 201, second.text
        row = second.json()["decision"]
        assert row["previous_decision"] == "suspend"
        assert row["previous_decision_id"] == first.json()["decision"]["decision_id"]
        history = client.get("/api/projects/P1").json()["decisions"]
        assert [(d["decision"], d["decided_by"]) for d in history] == [("suspend", "王"), ("continue", "李")]
        assert client.get("/api/projects/P1").json()["last_decision"]["decision"] == "continue"

        bad = client.post(
            "/api/projects/P1/decisions", json={"decision": "approve", "by": "王", "reason": "x"}
        )
        assert bad.status_code == 422 and bad.json()["findings"][0]["code"] == "E_DECISION_INVALID"
        blank = client.post(
            "/api/projects/P1/decisions", data={"decision": "exit", "by": "  ", "reason": "x"}
        )
        assert blank.status_code == 422
        missing = client.post("/api/projects/P1/decisions", json={"decision": "exit", "by": "王"})
        assert missing.status_code == 422 and missing.json()["findings"][0]["location"]["column"] == "reason"
        assert (
            client.post(
                "/api/projects/P1/decisions", content=b"[1]", headers={"content-type": "application/json"}
            ).status_code
            == 422
        )
        unknown = client.post(
            "/api/projects/NOPE/decisions", json={"decision": "exit", "by": "王", "reason": "x"}
        )
        assert unknown.status_code == 404 and unknown.json()["findings"][0]["code"] == "E_PROJECT_UNKNOWN"
        assert len(client.get("/api/projects/P1").json()["decisions"]) == 2  # refused posts stored nothing
        doc = client.get("/openapi.json").json()["paths"]["/api/projects/{project_id}/decisions"]["post"]
        assert {"404", "422", "201"} <= set(doc["responses"])
        assert set(doc["requestBody"]["content"]) == {"application/json", "application/x-www-form-urlencoded"}


def test_api_review_path(tmp_path):
    """GET /api/projects/{id}/review: region 130000 of the hand case (flat energy 2100 tce in 2021, allowed 2500 at
    the target year: 400 tce remaining); a project of 100 tce/yr takes 100 / 400 = 25 % of it."""
    db = tmp_path / "s.duckdb"
    row = file_row(
        project_id="R", status="拟建", annual_energy="100", construction_start="", eia_no="", eia_date=""
    )
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(s, write_projects(tmp_path / "p.csv", [row]), who="t", why="t")
    with TestClient(create_app(db)) as client:
        res = client.get("/api/projects/R/review")
        assert res.status_code == 200, res.text
        body = res.json()
        assert body["region_code"] == "130000"
        assert abs(body["summary"]["share_of_remaining"] - 0.25) < 1e-9
        assert abs(body["summary"]["remaining_increment"] - 400.0) < 1e-6
        assert [r["year"] for r in body["rows"]][-1] == 2025
        assert body["summary"]["as_of"] == "2021"  # the region's latest assessed year before the project runs
        early = client.get("/api/projects/R/review", params={"as_of_year": 2020})  # the base year: no plan position
        assert early.status_code == 422 and early.json()["findings"][0]["code"] == "W_PROJECT_REGION_NO_DATA"
        missing = client.get("/api/projects/NOPE/review")
        assert missing.status_code == 404 and missing.json()["findings"][0]["code"] == "E_PROJECT_UNKNOWN"
