"""The hand-worked case (tests/handcase.py, worked in its docstring) through every layer.

The same numbers come out of the pure core, the services from files (``--data``), the CLI (from files
and from a DuckDB store it loaded), the REST API, and the store on DuckDB and on Spark.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.ingest import write_frame
from ecer.services import dual_control
from tests.handcase import ENERGY, EXPECTED, REGIONS, TARGETS

OPTIONS = {"recompute_earlier_years": True}


def _check(rows: list[dict]) -> None:
    by_region = {r["region_code"]: r for r in rows if r["period"] == "2021"}
    for region, expected in EXPECTED.items():
        for col, value in expected.items():
            got = by_region[region][col]
            if isinstance(value, float):
                tol = 1e-6 if value.is_integer() else (5e-6 if abs(value) < 1 else 5e-5)
                assert got == pytest.approx(value, abs=tol), (region, col)
            else:
                assert got == value, (region, col)
        assert by_region[region]["rule_edition"] == "2022"


def write_files(folder: Path) -> Path:
    """The hand case as template files, headed in canonical units (tce, MWh, 亿元, %)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_frame(REGIONS, "regions", folder / "regions.csv")
    write_frame(ENERGY, "energy", folder / "energy.csv")
    write_frame(TARGETS, "targets", folder / "targets.csv")
    return folder


def test_services_from_files(tmp_path):
    result = dual_control.assess(data_dir=write_files(tmp_path / "d"), period="2021", edition="2022", options=OPTIONS)
    assert not [f for f in result.findings if f.level == "error"]
    _check(result.table.to_dicts())


def test_cli_from_files_and_from_store(tmp_path):
    folder = write_files(tmp_path / "d")
    runner = CliRunner()
    args = ["dual-control", "assess", "--period", "2021", "--rules", "2022", "--recompute-earlier-years",
            "--format", "json"]
    out = runner.invoke(app, [*args, "--data", str(folder)])
    assert out.exit_code == 0, out.output
    _check(json.loads(out.stdout)["rows"])

    store = tmp_path / "s.duckdb"
    for name in ("regions", "energy", "targets"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(store), "--why", "hand case"])
        assert res.exit_code == 0, res.output
    out = runner.invoke(app, [*args, "--store", str(store)])
    assert out.exit_code == 0, out.output
    _check(json.loads(out.stdout)["rows"])


def test_api(tmp_path):
    from ecer.api.app import create_app
    from ecer.services.loading import load_file
    from ecer.storage import Store

    folder = write_files(tmp_path / "d")
    path = tmp_path / "api.duckdb"
    with Store.open(path) as st:
        for name in ("regions", "energy", "targets"):
            load_file(st, name, folder / f"{name}.csv", who="test", why="hand case")
    with TestClient(create_app(path)) as client:
        r = client.get("/api/assessments", params={"period": "2021", "edition": "2022", "recompute_earlier_years": True})
    assert r.status_code == 200, r.text
    _check(r.json()["rows"])


@pytest.mark.spark
def test_store_on_spark_gives_the_same_numbers(spark_store):
    for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
        spark_store.load(name, frame, file=f"{name}.csv", who="test", why="hand case")
    result = dual_control.assess(store=spark_store, period="2021", edition="2022", options=OPTIONS)
    _check(result.table.to_dicts())
    from ecer.storage import Store

    with Store.memory() as duck:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            duck.load(name, frame, file=f"{name}.csv", who="test", why="hand case")
        other = dual_control.assess(store=duck, period="2021", edition="2022", options=OPTIONS)
    cols = [c for c in result.table.columns if result.table.schema[c].is_numeric()]
    assert result.table.select(cols).equals(other.table.select(cols))


@pytest.mark.spark
def test_cli_on_a_spark_store(tmp_path, spark_store):
    """`--store spark:/path` runs the same CLI on Spark (external Parquet tables under the path)."""
    folder = write_files(tmp_path / "d")
    runner = CliRunner()
    location = f"spark:{tmp_path / 'spark-cli'}"
    for name in ("regions", "energy", "targets"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", location])
        assert res.exit_code == 0, res.output
    out = runner.invoke(app, ["dual-control", "assess", "--period", "2021", "--rules", "2022",
                              "--recompute-earlier-years", "-f", "json", "--store", location])
    assert out.exit_code == 0, out.output
    _check(json.loads(out.stdout)["rows"])
