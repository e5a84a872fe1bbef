"""`ecer template` and `ecer check`: files written, findings in both languages, exit codes."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from ecer.cli.data import register

app = typer.Typer()
register(app)
runner = CliRunner()


def test_template_writes_xlsx_and_csv(tmp_path):
    r = runner.invoke(app, ["template", "energy", "-o", str(tmp_path / "e.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "e.xlsx").read_bytes()[:2] == b"PK"
    r = runner.invoke(app, ["template", "regions", "-o", str(tmp_path / "r.csv")])
    assert r.exit_code == 0 and (tmp_path / "r.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_template_unknown_name_is_usage_error(tmp_path):
    r = runner.invoke(app, ["template", "nope", "-o", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and not (tmp_path / "x.xlsx").exists()


def test_check_clean_file_exits_0(good):
    r = runner.invoke(app, ["check", str(good / "energy_utf8.csv")])
    assert r.exit_code == 0, r.output
    assert "0 个错误" in r.output and "0 errors" in r.output


def test_check_bad_file_prints_both_languages_and_exits_1(bad):
    r = runner.invoke(app, ["check", str(bad / "negative.csv"), "--template", "energy"])
    assert r.exit_code == 1
    text = r.output + r.stderr
    assert "E_NEGATIVE" in text and "第 3 行" in text and "row 3" in text and "-1.5" in text


def test_check_english_only(bad):
    r = runner.invoke(app, ["check", str(bad / "negative.csv"), "--lang", "en"])
    text = r.output + r.stderr
    assert r.exit_code == 1 and "row 3" in text and "第 3 行" not in text


def test_check_with_regions_file(good, bad):
    r = runner.invoke(app, ["check", str(bad / "region_unknown.csv"), "--regions", str(good / "regions.csv")])
    assert r.exit_code == 1 and "990000" in r.output + r.stderr
    # 120000 is not in regions.csv but is in the GB/T 2260 catalog: `check` decides as `load` does
    r = runner.invoke(app, ["check", str(good / "energy_utf8.csv"), "--regions", str(good / "regions.csv")])
    assert r.exit_code == 0, r.output


def test_check_wrong_sheet(bad):
    r = runner.invoke(app, ["check", str(bad / "wrong_sheet.xlsx"), "--sheet", "数据"])
    assert r.exit_code == 1 and "E_SHEET_MISSING" in r.output + r.stderr
