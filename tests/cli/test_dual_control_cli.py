"""`ecer dual-control assess|report`: formats, exit codes and reports on the hand-worked case."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from tests.ci import cannot_run
from tests.test_handcase_layers import write_files

runner = CliRunner()
BASE = ["--period", "2021", "--rules", "2022", "--recompute-earlier-years"]


def test_table_and_csv_formats(tmp_path):
    folder = write_files(tmp_path / "d")
    table = runner.invoke(app, ["dual-control", "assess", *BASE, "--data", str(folder)])
    assert table.exit_code == 0, table.output
    assert "北京市" in table.output and "三级 绿" in table.output and "一级 红" in table.output
    assert "-4.61%" in table.output  # 北京 ΔI = −4.6122 % (tests/handcase.py)
    csv = runner.invoke(app, ["dual-control", "assess", *BASE, "--data", str(folder), "--format", "csv"])
    header, *rows = csv.stdout.strip().splitlines()
    assert header.startswith("region_code,") and len(rows) == 3


def test_exit_codes(tmp_path):
    folder = write_files(tmp_path / "d")
    unknown = runner.invoke(app, ["dual-control", "assess", "--rules", "1999", "--data", str(folder)])
    assert unknown.exit_code == 2 and "1999" in unknown.output
    bad_period = runner.invoke(app, ["dual-control", "assess", "--period", "2021H3", "--data", str(folder)])
    assert bad_period.exit_code == 2
    missing = runner.invoke(app, ["dual-control", "assess", "--store", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "none.duckdb" in missing.output
    fmt = runner.invoke(app, ["dual-control", "assess", "--format", "xml", "--data", str(folder)])
    assert fmt.exit_code == 2


def test_report_xlsx_and_html(tmp_path):
    folder = write_files(tmp_path / "d")
    for name in ("r.xlsx", "r.html"):
        res = runner.invoke(app, ["dual-control", "report", "-o", str(tmp_path / name), *BASE, "--data", str(folder)])
        assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert len(wb.sheetnames) >= 3
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "北京市" in html and "-4.61%" in html
    assert "0.7871" in html  # 北京's energy for the total check, 7871 tce, beside its growth
    assert wb.sheetnames[0] == "概要" and "数据" in wb.sheetnames


@pytest.mark.browser
def test_report_pdf(tmp_path):
    from ecer.reports.pdf_report import cjk_font

    if cjk_font() is None:
        cannot_run("no CJK font on this machine: apt-get install fonts-noto-cjk")
    folder = write_files(tmp_path / "d")
    res = runner.invoke(app, ["dual-control", "report", "-o", str(tmp_path / "r.pdf"), *BASE, "--data", str(folder)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_report_pdf_without_cjk_font(tmp_path, monkeypatch):
    from ecer.reports import pdf_report

    monkeypatch.setattr(pdf_report, "cjk_font", lambda: None)
    folder = write_files(tmp_path / "d")
    res = runner.invoke(app, ["dual-control", "report", "-o", str(tmp_path / "r.pdf"), *BASE, "--data", str(folder)])
    assert res.exit_code == 1 and "E_PDF_NO_CJK_FONT" in res.output and not (tmp_path / "r.pdf").exists()


def test_json_carries_edition_and_meta(tmp_path):
    out = runner.invoke(app, ["dual-control", "assess", *BASE, "--data", str(write_files(tmp_path / "d")), "-f", "json"])
    doc = json.loads(out.stdout)
    assert doc["edition"] == "2022" and doc["meta"]["periods"] == ["2021"]
