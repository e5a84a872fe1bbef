"""The indicator_values template through check, load, the store and `ecer indicators check|load|progress|report`.

Hand case, region 110000, 秸秆综合利用率 (straw_use, ≥ 86 % by 2025, 国发〔2021〕33号 三(五)): 80 % in 2020, 82 % in 2021.
The even path asks 80 × (86/80)^(1/5) = 80 × 1.0145692 = 81.16554 % in 2021 (tests/core/test_indicators.py), so 82 %
is 达标 (on track), with 4 percentage points still to go (86 − 82) and (82 − 80)/(86 − 80) = 33.3 % of the way done.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.ingest.templates import TEMPLATES
from ecer.services import indicators as si

runner = CliRunner()
HEAD = {c.name: c.header for c in TEMPLATES["indicator_values"].columns}
GOOD = [
    {"region_code": "110000", "year": "2020", "indicator_code": "straw_use", "value": "80", "unit": "%"},
    {"region_code": "110000", "year": "2021", "indicator_code": "straw_use", "value": "82", "unit": ""},
    {"region_code": "110000", "year": "2021", "indicator_code": "green_building", "value": "", "unit": "",
     "note": "新建建筑全面执行绿色建筑标准"},
]


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    cols = ["region_code", "year", "indicator_code", "value", "unit", "source", "note"]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([HEAD[c] for c in cols])
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
    return path


def test_template_lists_the_columns() -> None:
    assert [c.name for c in TEMPLATES["indicator_values"].columns] == [
        "region_code", "year", "indicator_code", "value", "unit", "source", "note", "data_origin"]


def test_bad_file_is_refused_with_rows_named(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", [
        {"region_code": "110000", "year": "2021", "indicator_code": "straw", "value": "82"},
        {"region_code": "110000", "year": "2021", "indicator_code": "nev_share", "value": "20", "unit": "万辆"},
        {"region_code": "110000", "year": "2022", "indicator_code": "rural_sewage", "value": "140", "unit": "%"},
        {"region_code": "110000", "year": "2022", "indicator_code": "sewage_network", "value": "12000",
         "unit": "万公里"},
    ])
    r = si.check_indicator_file(bad)
    assert r.frame is None
    got = [(f.code, f.location.row) for f in r.findings if f.location]
    assert got == [("E_INDICATOR_UNKNOWN", 2), ("E_INDICATOR_UNIT_MISMATCH", 3), ("E_INDICATOR_VALUE_RANGE", 4),
                   ("E_INDICATOR_VALUE_RANGE", 5)]
    res = runner.invoke(app, ["indicators", "check", str(bad)])
    assert res.exit_code == 1
    store = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["indicators", "load", str(bad), "--store", str(store)])
    assert res.exit_code == 1 and "未导入任何数据" in res.output


def test_load_progress_report(tmp_path: Path) -> None:
    good = write(tmp_path / "good.csv", GOOD)
    store = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["indicators", "check", str(good)]).exit_code == 0
    res = runner.invoke(app, ["indicators", "load", str(good), "--store", store])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["indicators", "progress", "--store", store, "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["indicator_code"]: r for r in json.loads(res.stdout[res.stdout.index("{"):])["rows"]}
    straw = rows["straw_use"]
    assert straw["year"] == 2021 and straw["status_zh"] == "达标" and straw["color"] == "green"
    assert abs(straw["required_to_date"] - 81.16554) < 1e-4 and abs(straw["gap"] - 4.0) < 1e-9
    assert abs(straw["completion"] - 2 / 6) < 1e-9
    assert rows["green_building"]["status_zh"] == "无法评估" and rows["green_building"]["value"] is None
    # a revision needs --revise: 82 → 81 is a change of a stored value
    changed = write(tmp_path / "changed.csv", [{**GOOD[1], "value": "81"}])
    res = runner.invoke(app, ["indicators", "load", str(changed), "--store", store])
    assert res.exit_code != 0 and "81" in res.output
    res = runner.invoke(app, ["indicators", "load", str(changed), "--store", store, "--revise"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["indicators", "progress", "--store", store, "--indicator", "straw_use"])
    assert res.exit_code == 0 and "进度滞后" in res.output  # 81 % < 81.17 %
    html = tmp_path / "r.html"
    res = runner.invoke(app, ["indicators", "report", "-o", str(html), "--store", store])
    assert res.exit_code == 0, res.output
    text = html.read_text(encoding="utf-8")
    assert "秸秆综合利用率2021年为81%（2020年80%）" in text and "距目标还差5 个百分点" in text and "进度滞后" in text
    assert "定性目标（全面执行）" in text
    for raw in ("None", "nan", "True", "False"):
        assert f">{raw}<" not in text and f" {raw} " not in text
    xlsx = tmp_path / "r.xlsx"
    assert runner.invoke(app, ["indicators", "report", "-o", str(xlsx), "--store", store]).exit_code == 0
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[0] == "概要" and "指标进展（最新年份）"[:31].replace("（", "(").replace("）", ")") in wb.sheetnames


def test_truthful_exit_codes(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["indicators", "progress", "--store", store]).exit_code == 1  # no store
    runner.invoke(app, ["indicators", "load", str(write(tmp_path / "g.csv", GOOD)), "--store", store])
    assert runner.invoke(app, ["indicators", "progress", "--store", store, "--indicator", "nope"]).exit_code == 2
    assert runner.invoke(app, ["indicators", "progress", "--store", store, "--region", "999999"]).exit_code == 2
    assert runner.invoke(app, ["indicators", "progress", "--store", store, "--region", "12"]).exit_code == 2
    res = runner.invoke(app, ["indicators", "progress", "--store", store, "--region", "120000"])
    assert res.exit_code == 1 and "E_INDICATOR_NO_DATA" in res.output
    assert runner.invoke(app, ["indicators", "progress", "--store", store, "--year", "2019"]).exit_code == 1
    assert runner.invoke(app, ["indicators", "report", "-o", str(tmp_path / "r.doc"), "--store", store]).exit_code == 2
