"""`/api/history/{table}` and `ecer history`: a correction adds a version; both versions keep who and why."""

from __future__ import annotations

import json

import polars as pl
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ecer.api.app import create_app
from ecer.cli.main import app
from ecer.storage import Store
from tests.handcase import ENERGY, REGIONS


def _store(path):
    with Store.open(path) as st:
        st.load("regions", REGIONS, file="regions.csv", who="alice", why="setup")
        st.load("energy", ENERGY, file="energy.csv", who="alice", why="first release")
        fix = ENERGY.filter((pl.col("region_code") == "110000") & (pl.col("period") == "2021")).with_columns(
            total_energy=pl.lit(10650.0))
        st.load("energy", fix, file="fix.csv", who="bob", why="revised bulletin")


def test_api_history_shows_both_versions(tmp_path):
    _store(tmp_path / "s.duckdb")
    with TestClient(create_app(tmp_path / "s.duckdb")) as client:
        rows = client.get("/api/history/energy", params={"region_code": "110000", "period": "2021"}).json()
        bad = client.get("/api/history/nope")
    assert [(r["version"], r["total_energy"], r["changed_by"], r["reason"]) for r in rows] == [
        (1, 10600.0, "alice", "first release"), (2, 10650.0, "bob", "revised bulletin")]
    assert bad.status_code == 404 and bad.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"


def test_cli_history(tmp_path):
    _store(tmp_path / "s.duckdb")
    res = CliRunner().invoke(app, ["history", "energy", "--region", "110000", "--period", "2021",
                                   "--store", str(tmp_path / "s.duckdb"), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert [r["changed_by"] for r in json.loads(res.stdout)["rows"]] == ["alice", "bob"]
