"""Every export is safe to open (issue 6 §4): a region named like a spreadsheet formula, or like HTML.

The hand case is loaded with 北京's Chinese name set to ``=HYPERLINK("http://evil","x")`` and 天津's to
``<script>alert(1)</script>``. Then:

* CSV (``ecer dual-control assess -f csv``, the catalog's CSV): the formula cell carries a leading ``'`` (OWASP),
  numbers such as a negative rate stay numbers;
* XLSX report: the cell is a string cell (openpyxl type ``s``), never a formula (type ``f``);
* HTML report: the script tag appears only escaped;
* JSON: the name exactly as entered (JSON is not a spreadsheet; nothing a user entered is altered there).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.ingest import write_frame
from tests.handcase import ENERGY, REGIONS, TARGETS

FORMULA = '=HYPERLINK("http://evil","x")'
SCRIPT = "<script>alert(1)</script>"
runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inject")
    regions = REGIONS.with_columns(
        name_zh=pl.when(pl.col("region_code") == "110000").then(pl.lit(FORMULA))
        .when(pl.col("region_code") == "120000").then(pl.lit(SCRIPT)).otherwise(pl.col("name_zh")))
    write_frame(regions, "regions", folder / "regions.csv")
    write_frame(ENERGY, "energy", folder / "energy.csv")
    write_frame(TARGETS, "targets", folder / "targets.csv")
    return folder


def _assess(data: Path, *args: str) -> str:
    res = runner.invoke(app, ["dual-control", "assess", "--data", str(data), "--period", "2021", "--rules", "2022",
                              *args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_csv_neutralises_the_formula_and_keeps_numbers(data: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_assess(data, "-f", "csv"))))
    names = {r["region_code"]: r["name_zh"] for r in rows}
    assert names["110000"] == "'" + FORMULA
    assert names["120000"] == SCRIPT  # starts with '<': not a formula, left as entered
    # 北京's intensity change in 2021 is −4.6122 % (tests/handcase.py): a number, not a quoted text.
    bj = next(r for r in rows if r["region_code"] == "110000")
    change = [v for k, v in bj.items() if k.startswith("intensity_change")]
    assert change and float(change[0]) == pytest.approx(-0.046122, abs=1e-6)
    assert not any(v.startswith("'") for r in rows for k, v in r.items() if k != "name_zh" and v)


def test_json_keeps_the_name_as_entered(data: Path) -> None:
    doc = json.loads(_assess(data, "-f", "json"))
    names = {r["region_code"]: r["name_zh"] for r in doc["rows"]}
    assert names["110000"] == FORMULA and names["120000"] == SCRIPT


def _report(data: Path, out: Path) -> Path:
    res = runner.invoke(app, ["dual-control", "report", "--data", str(data), "--period", "2021", "--rules", "2022",
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_xlsx_report_writes_the_name_as_text_never_a_formula(data: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_report(data, tmp_path / "r.xlsx"))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hits = [c for c in cells if FORMULA in c.value]
    assert hits, "the region name is in the workbook"
    assert all(c.data_type == "s" for c in hits)
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_html_report_escapes_the_script(data: Path, tmp_path: Path) -> None:
    html = _report(data, tmp_path / "r.html").read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_catalog_csv_is_neutralised(tmp_path: Path) -> None:
    from ecer.safe_cells import safe_csv

    text = safe_csv(pl.DataFrame({"name": ["+CMD|' /C calc'!A0", "普通"], "value": [-1.5, 2.0]}))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'+CMD|' /C calc'!A0", "-1.5"] and rows[2] == ["普通", "2.0"]
    res = runner.invoke(app, ["catalog", "show", "targets_gf2021_33", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert all(not cell.startswith(("=", "+", "@")) for row in csv.reader(io.StringIO(res.stdout)) for cell in row)
