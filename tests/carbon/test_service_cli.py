"""The carbon_energy template through the check, the store and `ecer carbon check/load/progress`, with values worked
by hand.

Hand case, region 130000 (GDP 36 000 亿元 in 2020 and 38 340 in 2021, constant 2020 prices, +6.5 %):
  2020: 烟煤 1 万吨 = 10 000 t × 1.74174957 tCO2/t = 17 417.4957 t; electricity 100 000 MWh × 0.58 (a factor the
        user supplies, the 2018 factor not being shipped) = 58 000 t; total 75 417.4957 t
        intensity 75 417.4957 / (36 000 × 10⁴) = 0.000209493 tCO2/万元
  2021: 烟煤 1 万吨 again 17 417.4957 t; electricity 0.9 亿kWh = 9·10⁷ kWh = 90 000 MWh × 0.58 = 52 200 t; 风电 0; 烟煤 feedstock 0.1 万吨 (not
        counted); total 69 617.4957 t; intensity 69 617.4957 / 383 400 000 = 0.000181579
  reduction 2021 = 1 − 0.000181579 / 0.000209493 = 1 − (69 617.4957 × 36 000) / (75 417.4957 × 38 340)
                 = 1 − 2 506 229 845 / 2 891 506 785 = 0.133244 ≥ R_1 3.89 % → 三级 (green)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.ingest.templates import TEMPLATES
from ecer.services import carbon as sc
from ecer.services.loading import check_file, load_frame
from ecer.storage import Store

runner = CliRunner()
HEAD = {c.name: c.header for c in TEMPLATES["carbon_energy"].columns}
ROWS = [
    {"region_code": "130000", "year": "2020", "carrier": "烟煤", "quantity": "1", "unit": "万吨"},
    {"region_code": "130000", "year": "2020", "carrier": "电力", "quantity": "100000", "unit": "MWh",
     "emission_factor": "0.58"},
    {"region_code": "130000", "year": "2021", "carrier": "烟煤", "quantity": "1", "unit": "万吨"},
    {"region_code": "130000", "year": "2021", "carrier": "烟煤", "use": "原料用能", "quantity": "0.1", "unit": "万吨"},
    {"region_code": "130000", "year": "2021", "carrier": "电力", "quantity": "0.9", "unit": "亿千瓦时",
     "emission_factor": "0.58"},
    {"region_code": "130000", "year": "2021", "carrier": "风电", "quantity": "5", "unit": "亿千瓦时"},
]


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    cols = ["region_code", "year", "carrier", "use", "quantity", "unit", "ncv", "emission_factor"]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([HEAD[c] for c in cols])
        for r in rows:
            w.writerow([r.get(c, "fuel" if c == "use" else "") for c in cols])
    return path


def energy_store() -> Store:
    import polars as pl

    st = Store.memory()
    r = check_file(_energy_file(), "energy")
    assert r.frame is not None, [f.text() for f in r.findings]
    load_frame(st, "energy", r.frame, file="energy.csv", who="t", why="t")
    assert st.current("energy").select(pl.col("gdp_constant")).to_series().to_list() == [36000.0, 38340.0]
    return st


def _energy_file() -> Path:
    import tempfile

    d = Path(tempfile.mkdtemp())
    e = TEMPLATES["energy"]
    p = d / "energy.csv"
    with p.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([e.column(c).header for c in ("region_code", "period", "total_energy", "gdp_constant",
                                                 "price_base_year", "data_origin")])
        w.writerow(["130000", "2020", "32000", "36000", "2020", "synthetic"])
        w.writerow(["130000", "2021", "32500", "38340", "2020", "synthetic"])
    return p


def test_empty_use_cell_is_an_error_not_a_default(tmp_path: Path) -> None:
    p = write(tmp_path / "u.csv", ROWS[:1])
    text = p.read_text(encoding="utf-8-sig").replace(",fuel,", ",,")
    p.write_text(text, encoding="utf-8-sig")
    res = sc.check_carbon_file(p)
    assert res.frame is None or res.errors
    assert {f.code for f in res.errors} == {"E_REQUIRED"}


def test_check_reports_accounting_errors_and_blocks(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", [*ROWS, {"region_code": "130000", "year": "2021", "carrier": "天然气",
                                               "quantity": "1", "unit": "万立方米"}])
    res = sc.check_carbon_file(bad)
    assert res.frame is None and "E_CARBON_FACTOR_RANGE" in {f.code for f in res.findings}
    assert all(f.location is not None and f.location.file == "bad.csv" for f in res.findings if f.code.startswith(
        "E_CARBON"))
    out = runner.invoke(app, ["carbon", "check", str(bad)])
    assert out.exit_code == 1 and "E_CARBON_FACTOR_RANGE" in out.output
    good = write(tmp_path / "good.csv", ROWS)
    out = runner.invoke(app, ["carbon", "check", str(good)])
    assert out.exit_code == 0 and "I_CARBON_FEEDSTOCK_EXCLUDED" in out.output


def test_load_and_progress_by_hand(tmp_path: Path) -> None:
    st = energy_store()
    outcome = sc.load_carbon(st, write(tmp_path / "c.csv", ROWS), who="t", why="t")
    assert outcome.receipts[0].rows == 6
    res = sc.carbon_progress(st)
    tot = {r["year"]: r for r in res.totals.iter_rows(named=True)}
    assert tot[2020]["co2"] == pytest.approx(75_417.4957, abs=1e-3)
    assert tot[2021]["co2"] == pytest.approx(69_617.4957, abs=1e-3)
    assert tot[2021]["co2_feedstock_excluded"] == pytest.approx(1_741.74957, abs=1e-4)
    p = res.progress.filter(res.progress["year"] == 2021).row(0, named=True)
    assert p["achieved_cumulative"] == pytest.approx(0.133244, abs=1e-6) and p["grade"] == 3
    assert res.meta["grid_year_lag"] == 2 and res.meta["target"]["size"] == 0.18


def test_cli_progress_and_truthful_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["load", "energy", str(_energy_file()), "--store", str(db), "--why", "t"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["carbon", "load", str(write(tmp_path / "c.csv", ROWS)), "--store", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["carbon", "progress", "--store", str(db), "-f", "json"])
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout[r.stdout.index("{"):])
    assert [row["grade"] for row in body["rows"]] == [None, 3]
    # the same-year convention needs the 2020 and 2021 factors — not needed here: the user supplied 0.58
    r = runner.invoke(app, ["carbon", "progress", "--store", str(db), "--grid-lag", "-1"])
    assert r.exit_code == 2 and "E_UNKNOWN_NAME" in r.output
    r = runner.invoke(app, ["carbon", "progress", "--store", str(db), "--region", "110000"])
    assert r.exit_code == 1 and "E_NO_DATA" in r.output
    r = runner.invoke(app, ["carbon", "progress", "--store", str(db), "--view", "side", "-f", "csv"])
    assert r.exit_code == 0 and "energy_intensity" in r.output
