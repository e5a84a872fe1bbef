"""Exit codes and HTTP status tell the truth (issue 5 §2.5): every CLI command and API route that takes a region or a
period, asked for an unknown region, a malformed one, a period without data or outside every plan, answers non-zero
(CLI) or 404/422 (API) with the finding that says why — never exit 0 or 200.

CLI exit codes (README): 0 success, 1 data problem, 2 bad usage (unknown name, malformed argument), 3 store busy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ecer.cli.main import app
from tests.test_handcase_layers import write_files

runner = CliRunner()
UNKNOWN = "990000"  # well formed, in no catalog
NO_DATA = "2023"  # the hand case has 2020 and 2021 only


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("data") / "d")


@pytest.fixture(scope="module")
def store(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    for name in ("regions", "energy", "targets"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(path)])
        assert res.exit_code == 0, res.output
    return path


def _codes(text: str) -> set[str]:
    import re

    return set(re.findall(r"\[([EWI]_[A-Z_]+)\]", text))


CLI_CASES = [
    # (args after the command, expected exit, expected code)
    (["--region", UNKNOWN], 2, "E_REGION_UNKNOWN"),
    (["--region", "11"], 2, "E_REGION_MALFORMED"),
    (["--period", NO_DATA], 1, "E_NO_DATA"),
    (["--period", "2021H3"], 2, "E_PERIOD_MALFORMED"),
]


@pytest.mark.parametrize(("args", "exit_code", "code"), CLI_CASES, ids=[c[2] for c in CLI_CASES])
@pytest.mark.parametrize("command", [["dual-control", "assess"], ["dual-control", "report", "-o", "r.xlsx"]],
                         ids=["assess", "report"])
def test_dual_control_commands(command: list[str], args: list[str], exit_code: int, code: str, store: Path,
                               tmp_path: Path) -> None:
    cmd = [*command[:-1], str(tmp_path / command[-1])] if command[-1].endswith(".xlsx") else command
    res = runner.invoke(app, [*cmd, *args, "--store", str(store)])
    assert res.exit_code == exit_code, res.output
    assert code in _codes(res.output)
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize(("args", "exit_code", "code"), [
    (["--region", UNKNOWN], 2, "E_REGION_UNKNOWN"), (["--region", "110000", "--period", NO_DATA], 1, "E_NO_DATA"),
    (["--period", "2021-13"], 2, "E_PERIOD_MALFORMED"), (["--region", "x"], 2, "E_REGION_MALFORMED")])
def test_history(args: list[str], exit_code: int, code: str, store: Path) -> None:
    res = runner.invoke(app, ["history", "energy", *args, "--store", str(store)])
    assert res.exit_code == exit_code and code in _codes(res.output), res.output


def test_assess_from_files_too(folder: Path) -> None:
    res = runner.invoke(app, ["dual-control", "assess", "--region", UNKNOWN, "--data", str(folder)])
    assert res.exit_code == 2 and "E_REGION_UNKNOWN" in _codes(res.output)
    res = runner.invoke(app, ["dual-control", "assess", "--period", NO_DATA, "--data", str(folder)])
    assert res.exit_code == 1 and "E_NO_DATA" in _codes(res.output)


def test_period_outside_every_plan(tmp_path: Path) -> None:
    energy = tmp_path / "d" / "energy.csv"
    energy.parent.mkdir()
    energy.write_text("地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年,电力折标口径\n"
                      "110000,2030,1,1,2020,calorific\n110000,2031,1,1.1,2020,calorific\n", encoding="utf-8")
    res = runner.invoke(app, ["dual-control", "assess", "--period", "2031", "--data", str(energy.parent)])
    assert res.exit_code == 1 and "E_PERIOD_OUTSIDE_PLAN" in _codes(res.output), res.output


def test_files_with_bad_regions_or_periods_are_data_errors(tmp_path: Path, store: Path) -> None:
    """A malformed period or an unknown region *in a file* is a data error (exit 1), not a usage error."""
    head = "地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年\n"
    for name, row, code in (("p.csv", "110000,2021-13,1,1,2020", "E_PERIOD_MALFORMED"),
                            ("r.csv", f"{UNKNOWN},2021,1,1,2020", "E_REGION_UNKNOWN")):
        f = tmp_path / name
        f.write_text(head + row + "\n", encoding="utf-8")
        for cmd in (["check", str(f)], ["load", "energy", str(f), "--store", str(store)]):
            res = runner.invoke(app, cmd)
            assert res.exit_code == 1 and code in _codes(res.output), (cmd, res.output)


def test_catalog_and_template_names() -> None:
    assert runner.invoke(app, ["catalog", "show", "nope"]).exit_code == 2
    assert runner.invoke(app, ["catalog", "show", "regions", "--edition", "1999"]).exit_code == 2
    assert runner.invoke(app, ["template", "nope"]).exit_code == 2
    res = runner.invoke(app, ["dual-control", "assess", "--rules", "1999", "--data", "."])
    assert res.exit_code == 2 and "E_UNKNOWN_NAME" in _codes(res.output)


def test_a_clean_run_is_exit_0(store: Path) -> None:
    res = runner.invoke(app, ["dual-control", "assess", "--period", "2021", "--rules", "2022", "-f", "json",
                              "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["rows"]


# --- the API ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(store: Path):
    from ecer.api.app import create_app

    with TestClient(create_app(store)) as c:
        yield c


API_ROUTES = ["/api/assessments", "/api/reports/assessment.xlsx", "/api/reports/assessment.html",
              "/api/reports/assessment.pdf"]
API_CASES = [({"region": UNKNOWN}, 404, "E_REGION_UNKNOWN"), ({"region": "11"}, 422, "E_REGION_MALFORMED"),
             ({"period": NO_DATA}, 404, "E_NO_DATA"), ({"period": "2021H3"}, 422, "E_PERIOD_MALFORMED"),
             ({"edition": "1999"}, 404, "E_UNKNOWN_NAME")]


@pytest.mark.parametrize(("query", "status", "code"), API_CASES, ids=[c[2] for c in API_CASES])
@pytest.mark.parametrize("route", API_ROUTES)
def test_api_routes(client: TestClient, route: str, query: dict[str, str], status: int, code: str) -> None:
    r = client.get(route, params=query)
    assert r.status_code == status, r.text[:300]
    assert code in [f["code"] for f in r.json()["findings"]]


@pytest.mark.parametrize(("query", "status", "code"), [
    ({"region_code": UNKNOWN}, 404, "E_REGION_UNKNOWN"), ({"region_code": "110000", "period": NO_DATA}, 404, "E_NO_DATA"),
    ({"period": "2021-13"}, 422, "E_PERIOD_MALFORMED")])
def test_api_history(client: TestClient, query: dict[str, str], status: int, code: str) -> None:
    r = client.get("/api/history/energy", params=query)
    assert r.status_code == status and code in [f["code"] for f in r.json()["findings"]], r.text[:300]


def test_api_unknown_names(client: TestClient) -> None:
    for route in ("/api/history/nope", "/api/catalog/nope", "/api/reports/assessment.docx", "/api/nope"):
        r = client.get(route)
        assert r.status_code == 404 and r.json()["findings"], route
