"""`ecer catalog list|show` through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from ecer.cli.catalog import app

runner = CliRunner()


def test_list() -> None:
    r = runner.invoke(app, ["list"])
    assert r.exit_code == 0, r.output
    for name in ("targets_gf2021_33", "dual_control_rules", "benchmark_levels", "regions"):
        assert name in r.output


def test_show_table() -> None:
    r = runner.invoke(app, ["show", "benchmark_levels", "--edition", "2021"])
    assert r.exit_code == 0, r.output
    assert "发改产业〔2021〕1609号" in r.output and "水泥熟料" in r.output


def test_show_json() -> None:
    r = runner.invoke(app, ["show", "targets_gf2021_33", "--format", "json"])
    assert r.exit_code == 0, r.output
    body = json.loads(r.output)
    assert body["manifest"]["doc_no"] == "国发〔2021〕33号" and len(body["rows"]) == 40
    first = body["rows"][0]
    assert first["value"] == 13.5 and first["direction"] == "reduction"


def test_show_csv_with_confidence_filter() -> None:
    r = runner.invoke(app, ["show", "coal_coefficients", "--format", "csv", "--min-confidence", "high"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert rows and {row["confidence"] for row in rows} == {"high"}
    assert any(row["energy"] == "电力 (当量值)" and row["value"] == "0.1229" for row in rows)


def test_unknown_name_exits_2_with_both_languages() -> None:
    r = runner.invoke(app, ["show", "no_such_table"])
    assert r.exit_code == 2
    assert "未知的" in r.output and "unknown" in r.output and "targets_gf2021_33" in r.output


def test_unknown_edition_exits_2() -> None:
    r = runner.invoke(app, ["show", "regions", "--edition", "1980"])
    assert r.exit_code == 2 and "E_UNKNOWN_NAME" in r.output
