"""`ecer catalog import benchmark-levels`: a user's whole table, checked cell by cell, stored atomically as a user
edition with its provenance, and used by the classification."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from typer.testing import CliRunner

from ecer import refdata
from ecer.cli.catalog import app
from ecer.core.benchmark import classification_findings, classify_units
from ecer.refdata import user_catalog

runner = CliRunner()

HEADER = ["领域", "子类", "指标名称", "指标单位", "标杆水平", "基准水平", "参考标准", "来源"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_catalog: Path) -> Path:
    # after the session-wide isolation (conftest), a fresh user catalog per test
    monkeypatch.setenv("ECER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _complete_2023_rows() -> list[list[str]]:
    """One row per field of the 36-field list. SYNTHETIC test values (benchmark 100 + i, baseline 130 + i), not
    official levels: they only exercise the import; the official table is what a user would load."""
    fields = refdata.load("benchmark_fields").data["field"].to_list()
    return [
        [f, "通用", "单位产品能耗", "kgce/t", str(100 + i), str(130 + i), "", "用户测试表 / test table"]
        for i, f in enumerate(fields)
    ]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _perf(field: str, value: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit_id": ["u1"],
            "enterprise": ["甲"],
            "region": ["650000"],
            "field": [field],
            "sub_category": ["通用"],
            "year": [2025],
            "capacity": [50.0],
            "capacity_unit": ["万吨/年"],
            "output": [400_000.0],
            "unit_energy": [value],
        }
    )


def test_a_complete_2023_table_makes_the_gaps_classifiable(tmp_path: Path, home: Path) -> None:
    # Before: 尿素 (added in 2023) has no level in the shipped 2023 edition → a gap, never filled from 2021.
    before = classify_units(_perf("尿素", 140.0), refdata.load("benchmark_levels", "2023").data, "2023")
    assert before["level_class"].to_list() == ["no_level"]
    assert [f.code for f in classification_findings(before)] == ["W_BENCHMARK_NO_LEVEL"]

    rows = _complete_2023_rows()
    r = runner.invoke(
        app, ["import", "benchmark-levels", str(_csv(tmp_path / "t2023.csv", rows)), "--edition", "2023"]
    )
    assert r.exit_code == 0, r.output
    assert "I_CATALOG_IMPORTED" in r.output and "I_CATALOG_SHADOWS_SHIPPED" in r.output

    t = refdata.load("benchmark_levels", "2023")
    assert t.manifest.origin == "user" and "t2023.csv" in t.manifest.provenance and t.data.height == 36
    urea_row = rows[[x[0] for x in rows].index("尿素")]
    after = classify_units(_perf("尿素", 140.0), t.data, "2023").row(0, named=True)
    # 尿素's synthetic levels: benchmark 100 + i, baseline 130 + i; 140 is worse than the baseline when i < 10
    b, s = float(urea_row[4]), float(urea_row[5])
    assert (after["benchmark_value"], after["baseline_value"]) == (b, s)
    assert after["level_class"] == ("below_baseline" if 140 > s else "between" if 140 > b else "benchmark")
    assert (
        after["deadline"] == "2026-12-31" and after["deadline_group"] == "added_2023"
    )  # from benchmark_fields
    assert after["edition"] == "2023"
    # the 2021 edition is untouched
    assert refdata.load("benchmark_levels", "2021").manifest.origin == "shipped"

    listed = runner.invoke(app, ["list"])
    assert listed.exit_code == 0 and "2023*" in listed.output and "t2023.csv" in listed.output
    shown = runner.invoke(app, ["show", "benchmark_levels", "--edition", "2023", "--format", "json"])
    assert json.loads(shown.output)["manifest"]["provenance"].startswith("t2023.csv, sha256 ")


def test_bad_rows_refuse_the_file_with_row_and_column(tmp_path: Path, home: Path) -> None:
    rows = [
        ["水泥熟料", "通用", "可比熟料综合能耗", "kgce/t", "117", "100", "", "x"],  # row 2: swapped levels
        ["不存在的领域", "通用", "单位产品能耗", "kgce/t", "1", "2", "", "x"],  # row 3: unknown field
        ["电石", "通用", "单位产品能耗", "kg标准煤每吨", "805", "940", "", "x"],  # row 4: unit does not parse
        [
            "炼钢",
            "转炉工序",
            "单位产品能耗",
            "kgce/t",
            "-10",
            "-30",
            "",
            "x",
        ],  # row 5: −10 is not better than −30
        ["合成氨", "天然气", "单位产品能耗", "kgce/t", "1000", "1200", "", ""],  # row 6: no source
        [
            "合成氨",
            "天然气",
            "单位产品能耗",
            "kgce/t",
            "abc",
            "1200",
            "",
            "x",
        ],  # row 7: not a number, duplicate
    ]
    r = runner.invoke(
        app, ["import", "benchmark-levels", str(_csv(tmp_path / "bad.csv", rows)), "--edition", "2023"]
    )
    assert r.exit_code == 2
    out = r.output
    for code, row, col in [
        ("E_BENCHMARK_ORDER", 2, "benchmark_value"),
        ("E_BENCHMARK_FIELD_UNKNOWN", 3, "field"),
        ("E_UNIT_INVALID", 4, "unit"),
        ("E_BENCHMARK_ORDER", 5, "benchmark_value"),
        ("E_REQUIRED", 6, "source"),
        ("E_NOT_NUMBER", 7, "benchmark_value"),
        ("E_BENCHMARK_DUPLICATE", 7, "sub_category"),
    ]:
        assert f"[{code}] 文件 bad.csv，第 {row} 行，列 {col}" in out, (code, row)
        assert f"[{code}] file bad.csv, row {row}, column {col}" in out, (code, row)
    assert not (home / "catalog").exists()  # nothing written
    assert refdata.load("benchmark_levels", "2023").manifest.origin == "shipped"


def test_unknown_header_and_missing_column(tmp_path: Path, home: Path) -> None:
    header = ["领域", "子类", "指标名称", "指标单位", "标杆水平", "备份列"]
    r = runner.invoke(
        app,
        [
            "import",
            "benchmark-levels",
            str(_csv(tmp_path / "h.csv", [["电石"] * 6], header)),
            "--edition",
            "2023",
        ],
    )
    assert r.exit_code == 2
    assert "[E_HEADER_UNKNOWN]" in r.output and "备份列" in r.output
    assert "[E_HEADER_MISSING]" in r.output and "baseline_value" in r.output and "source" in r.output
    assert not (home / "catalog").exists()


def test_an_existing_user_edition_needs_replace(tmp_path: Path, home: Path) -> None:
    first = _csv(tmp_path / "a.csv", _complete_2023_rows()[:2])
    assert runner.invoke(app, ["import", "benchmark-levels", str(first), "-e", "2023"]).exit_code == 0
    again = _csv(tmp_path / "b.csv", _complete_2023_rows()[:3])
    r = runner.invoke(app, ["import", "benchmark-levels", str(again), "-e", "2023"])
    assert r.exit_code == 2 and "E_CATALOG_EDITION_EXISTS" in r.output and "a.csv" in r.output
    assert refdata.load("benchmark_levels", "2023").data.height == 2  # unchanged
    r = runner.invoke(app, ["import", "benchmark-levels", str(again), "-e", "2023", "--replace"])
    assert r.exit_code == 0, r.output
    t = refdata.load("benchmark_levels", "2023")
    assert t.data.height == 3 and "b.csv" in t.manifest.provenance
    leftovers = sorted(p.name for p in (home / "catalog" / "benchmark_levels").iterdir())
    assert leftovers == ["2023"]  # no temporary or old folder left behind
    # deleting the user edition brings the shipped one back
    assert user_catalog.remove_edition("benchmark_levels", "2023") is True
    assert refdata.load("benchmark_levels", "2023").manifest.origin == "shipped"
    assert user_catalog.remove_edition("benchmark_levels", "2023") is False


def test_xlsx_with_english_headers_and_a_new_edition_name(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "levels.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表1")
    head = [
        "field",
        "sub_category",
        "indicator",
        "unit",
        "benchmark_value",
        "baseline_value",
        "source",
        "doc_no",
    ]
    ws.write_row(0, 0, head)
    ws.write_row(1, 0, ["电石", "通用", "单位产品能耗", "kgce/t", 805, 940, "official table", "某文号"])
    wb.close()
    r = runner.invoke(app, ["import", "benchmark-levels", str(path), "--edition", "2025-draft"])
    assert r.exit_code == 0, r.output
    assert "I_CATALOG_SHADOWS_SHIPPED" not in r.output
    assert refdata.editions("benchmark_levels") == ["2021", "2023", "2025-draft"]
    t = refdata.load("benchmark_levels", "2025-draft")
    row = t.data.row(0, named=True)
    assert (row["benchmark_value"], row["baseline_value"], row["doc_no"]) == (805.0, 940.0, "某文号")
    assert row["clause"] == "levels.xlsx 第 2 行 / row 2" and row["direction"] == "lower_is_better"


def test_a_new_edition_without_a_document_number_is_refused(tmp_path: Path, home: Path) -> None:
    r = runner.invoke(
        app,
        [
            "import",
            "benchmark-levels",
            str(_csv(tmp_path / "n.csv", _complete_2023_rows()[:1])),
            "--edition",
            "2030",
        ],
    )
    assert r.exit_code == 2 and "E_REQUIRED" in r.output and "--doc-no" in r.output
    ok = runner.invoke(
        app,
        [
            "import",
            "benchmark-levels",
            str(tmp_path / "n.csv"),
            "--edition",
            "2030",
            "--doc-no",
            "某〔2030〕1号",
        ],
    )
    assert ok.exit_code == 0, ok.output


def test_unknown_table_and_missing_file(tmp_path: Path) -> None:
    r = runner.invoke(app, ["import", "coal-coefficients", str(tmp_path / "x.csv"), "-e", "1"])
    assert r.exit_code == 2 and "E_UNKNOWN_NAME" in r.output and "benchmark-levels" in r.output
    r = runner.invoke(app, ["import", "benchmark-levels", str(tmp_path / "missing.csv"), "-e", "1"])
    assert r.exit_code == 2 and "missing.csv" in r.output


def test_data_under_no_heading_is_refused_and_blank_rows_are_reported(tmp_path: Path, home: Path) -> None:
    rows = [["电石", "通用", "单位产品能耗", "kgce/t", "805", "940", "", "x", "漏写表头的数据"]]
    r = runner.invoke(
        app, ["import", "benchmark-levels", str(_csv(tmp_path / "n.csv", rows, [*HEADER, ""])), "-e", "2023"]
    )
    assert r.exit_code == 2 and "[E_HEADER_UNKNOWN]" in r.output and "#9" in r.output
    assert not (home / "catalog").exists()
    path = tmp_path / "blank.csv"
    path.write_text(
        ",".join(HEADER) + "\n电石,通用,单位产品能耗,kgce/t,805,940,,x\n,,,,,,,\n"
        "合成氨,天然气,单位产品能耗,kgce/t,1000,1200,,x\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["import", "benchmark-levels", str(path), "-e", "2023"])
    assert r.exit_code == 0, r.output
    assert "[W_BLANK_ROWS_SKIPPED] 文件 blank.csv，第 3 行" in r.output
    assert refdata.load("benchmark_levels", "2023").data.height == 2


def test_a_gbk_csv_with_a_thousands_separator_is_refused_at_its_cell(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(
        (",".join(HEADER) + '\n电解铝,通用,铝液交流电耗,kWh/t,"13,000",13350,,x\n').encode("gbk")
    )
    r = runner.invoke(app, ["import", "benchmark-levels", str(path), "-e", "2023"])
    assert r.exit_code == 2 and "[E_NOT_NUMBER] 文件 gbk.csv，第 2 行，列 benchmark_value" in r.output


def test_official_layout_title_rows_and_a_row_number_column(tmp_path: Path, home: Path) -> None:
    # Like the notices' attachments: a title above the header, 序号 first, 基准 before 标杆.
    path = tmp_path / "附件.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write(0, 0, "工业重点领域能效标杆水平和基准水平（2023年版）")
    head = ["序号", "领域", "子类", "指标名称", "指标单位", "基准水平", "标杆水平", "参考标准", "来源"]
    ws.write_row(2, 0, head)
    ws.write_row(3, 0, [1, "电石", "通用", "单位产品能耗", "kgce/t", 940, 805, "GB 21343", "附件表"])
    wb.close()
    r = runner.invoke(app, ["import", "benchmark-levels", str(path), "-e", "2023"])
    assert r.exit_code == 0, r.output
    assert "[I_IMPORT_ROWS_ABOVE_HEADER] 文件 附件.xlsx，第 1 行" in r.output
    row = refdata.load("benchmark_levels", "2023").data.row(0, named=True)
    assert (row["benchmark_value"], row["baseline_value"]) == (805.0, 940.0)  # by heading, not by position
    assert row["clause"] == "附件.xlsx 第 4 行 / row 4" and row["reference_standard"] == "GB 21343"
