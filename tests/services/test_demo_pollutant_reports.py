"""``make demo`` writes the pollutant report (issue 8 §7 acceptance), and ``ecer pollutants report -o FILE`` writes it
from a store with truthful exit codes.

The figure checked is the real one the demo is built on: the 2020 national COD total, 2 564.8 万吨 = 25 648 000 t
(2020 中国生态环境统计年报, catalog table ``pollutant_emissions_national``), which the 31 demo provinces add up to
exactly (tests/pollutants/test_demo_pollutants.py) — so the report's 31-province sum sentence must state it.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.services.demo_pollutants import load_demo_pollutants, write_demo_pollutant_reports
from ecer.storage import Store

runner = CliRunner()
SHEETS = ["概要", "分地区进展", "重点工程减排量", "减排措施", "措施清单", "排放台账", "问题清单", "依据与方法"]


def test_the_demo_writes_the_pollutant_report(tmp_path: Path) -> None:
    store = Store.memory()
    load_demo_pollutants(store, tmp_path)
    written = write_demo_pollutant_reports(store, tmp_path, kinds=("xlsx", "html"))  # the PDF: tests/reports
    assert written == {"report_xlsx": tmp_path / "pollutant_report.xlsx",
                       "report_html": tmp_path / "pollutant_report.html"}
    assert fastexcel.read_excel(written["report_xlsx"]).sheet_names == SHEETS
    html = written["report_html"].read_text(encoding="utf-8")
    assert "2020 年（基年）排放 2,564.8000 万吨（25,648,000 吨）" in html
    assert "2021—2023" in html  # as of the last demo year, 2023
    assert "模拟（演示用合成数据）" in html  # labelled synthetic


def _run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["pollutants", "report", *args], env={"COLUMNS": "240"})
    return r.exit_code, r.output


def test_cli_report_writes_the_file_and_exit_codes_tell_the_truth(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code, out = _run("-o", str(tmp_path / "r.html"), "--as-of-year", "2023", "--store", str(db))
    assert code == 1 and "E_POLLUTANT_NO_DATA" in out  # no store: say what to load
    with Store.open(db) as st:
        load_demo_pollutants(st, tmp_path)
    code, out = _run("-o", str(tmp_path / "r.docx"), "--as-of-year", "2023", "--store", str(db))
    assert code == 2 and "E_UNKNOWN_NAME" in out and not (tmp_path / "r.docx").exists()
    code, out = _run("-o", str(tmp_path / "r.html"), "--as-of-year", "2019", "--store", str(db))
    assert code == 1 and not (tmp_path / "r.html").exists()  # a year without data
    code, out = _run("-o", str(tmp_path / "r.xlsx"), "--as-of-year", "2023", "--store", str(db), "--pollutant", "COD")
    assert code == 0, out
    assert fastexcel.read_excel(tmp_path / "r.xlsx").sheet_names == SHEETS
