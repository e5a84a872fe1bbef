"""Blank templates: CSV with BOM and the template headers; XLSX with 数据 and 说明; filled in, they read back."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from ecer.ingest import TEMPLATES, check_file, write_template
from ecer.ingest.headers import infer_template, parse_header
from ecer.models.energy import ENERGY_COLUMNS


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_csv_template_has_bom_and_headers(tmp_path, name):
    p = write_template(name, tmp_path / f"{name}.csv")
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(raw[3:].decode("utf-8").splitlines()))
    assert header == [c.header for c in TEMPLATES[name].columns]
    assert infer_template([header]) == name
    # every written header maps back to its own column
    assert [parse_header(h, TEMPLATES[name]).column for h in header] == [c.name for c in TEMPLATES[name].columns]


def test_energy_template_headers_follow_the_convention():
    assert TEMPLATES["energy"].column("total_energy").header == "能源消费总量（万吨标准煤）/ total_energy (万tce)"
    assert [c.name for c in TEMPLATES["energy"].columns] == ENERGY_COLUMNS


def test_xlsx_template_has_instructions_sheet(tmp_path):
    p = write_template("energy", tmp_path / "energy.xlsx")
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["数据", "说明"]
    data, notes = wb["数据"], wb["说明"]
    spec = TEMPLATES["energy"]
    assert [c.value for c in data[1]] == [c.header for c in spec.columns]
    rows = {r[0]: r for r in notes.iter_rows(min_row=2, values_only=True) if r[0] in {c.header for c in spec.columns}}
    assert len(rows) == len(spec.columns)
    total = rows[spec.column("total_energy").header]
    assert total[1] and total[2] and "万吨标准煤" in total[3] and total[4] == "必填 / required" and total[5] == "12.3456"


def test_filled_xlsx_template_reads_back(tmp_path, known):
    p = write_template("energy", tmp_path / "energy.xlsx")
    wb = openpyxl.load_workbook(p)
    ws = wb["数据"]
    ws.append(["130100", "2022-07YTD", 300, 10, 300, 0, 0, 0, 2, 2020, "等价值", 302.5, "官方"])
    wb.save(p)
    r = check_file(p, None, known)
    assert r.ok and r.template == "energy" and r.sheet == "数据" and r.source_rows == [2]
    a = r.frame.row(0, named=True)
    assert a["period"] == "2022-07YTD" and a["data_origin"] == "official"
    assert a["total_energy"] == pytest.approx(3_000_000)  # 300 万tce
    assert a["renewable_electricity"] == pytest.approx(3_000)  # 300 万kWh = 3 000 MWh


def test_unknown_template_and_suffix(tmp_path):
    with pytest.raises(KeyError, match="energy"):
        write_template("nope", tmp_path / "x.csv")
    with pytest.raises(ValueError, match=".txt"):
        write_template("energy", tmp_path / "x.txt")
