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
