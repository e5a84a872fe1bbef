"""``ecer benchmark`` on a small hand-made store (issue 7 §6). Levels: 电石 通用 under 2021, benchmark 805 and
baseline 940 kgce/t (发改产业〔2021〕1609号, quoted in 发改产业〔2022〕200号 附件6). Worked by hand:

* D1 at 805 exactly → 标杆 (at the level counts as reaching it); 30 万t/a.
* D2 at 900 → between; 50 万t/a.
* D3 at 1000 → below baseline, upgradable → retrofit list; saving to baseline (1000 − 940) kgce/t × 200 000 t =
  12 000 000 kgce = 12 000 tce a year. 20 万t/a.
* D4 at 950 → below baseline, not upgradable → exit list; 10 万t/a.

Share at benchmark = 30 / (30 + 50 + 20 + 10) = 27.27…% < 30 % goal; below baseline 30 万t/a, deadline 2025-12-31.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import fastexcel
import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.services.loading import load_files
from ecer.storage import Store

HUAWEI = "914403001922038216"  # valid GB 32100 check character
ENT = (
    ["统一社会信用代码", "企业名称", "地区代码", "行业代码", "重点用能单位"],
    [[HUAWEI, "甲电石", "440300", "2619", "是"]],
)
UNITS = (
    ["装置编号", "企业统一社会信用代码", "重点领域", "细分类别", "产能", "产能单位", "投产年份", "可改造"],
    [
        ["D1", HUAWEI, "电石", "通用", 30, "万t/a", 2012, "是"],
        ["D2", HUAWEI, "电石", "通用", 50, "万t/a", 2012, "是"],
        ["D3", HUAWEI, "电石", "通用", 20, "万t/a", 2012, "是"],
        ["D4", HUAWEI, "电石", "通用", 10, "万t/a", 2012, "否"],
    ],
)
PERF = (
    ["装置编号", "期间", "产量", "单位产品能耗"],
    [
        ["D1", "2023", 300000, 805],
        ["D2", "2023", 500000, 900],
        ["D3", "2023", 200000, 1000],
        ["D4", "2023", 100000, 950],
    ],
)
runner = CliRunner()


def _csv(path: Path, spec: tuple[list[str], list[list[object]]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(spec[0])
        w.writerows(spec[1])
    return path


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("bench")
    path = d / "s.duckdb"
    with Store.open(path) as st:
        load_files(
            st,
            "enterprises",
            [_csv(d / "e.csv", ENT)],
            who="t",
            with_files=[
                ("production_units", _csv(d / "u.csv", UNITS)),
                ("unit_performance", _csv(d / "p.csv", PERF)),
            ],
        )
    return str(path)


def _json(args: list[str]) -> dict:
    r = runner.invoke(app, ["benchmark", *args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_classify_at_benchmark_exactly_and_below_baseline(store_file: str) -> None:
    rows = {r["unit_id"]: r for r in _json(["classify", "--edition", "2021", "--store", store_file])["rows"]}
    assert {k: v["level_class"] for k, v in rows.items()} == {
        "D1": "benchmark",
        "D2": "between",
        "D3": "below_baseline",
        "D4": "below_baseline",
    }
    assert rows["D3"]["saving_to_baseline_tce"] == pytest.approx(12000.0)
    assert rows["D1"]["gap_to_benchmark"] == pytest.approx(0.0)


def test_shares_against_the_goal(store_file: str) -> None:
    out = _json(["shares", "--edition", "2021", "--store", store_file, "--year", "2023"])
    assert out["edition"] == "2021"
    (row,) = out["rows"]
    assert row["capacity_at_benchmark"] == pytest.approx(30.0)
    assert row["capacity_classified"] == pytest.approx(110.0)
    assert row["share_at_benchmark_pct"] == pytest.approx(100 * 30 / 110)
    assert row["meets_goal"] is False
    assert row["capacity_below_baseline"] == pytest.approx(30.0)


def test_lists_retrofit_and_exit(store_file: str) -> None:
    rows = _json(["lists", "--edition", "2021", "--store", store_file])["rows"]
    assert sorted((r["list"], r["unit_id"]) for r in rows) == [("改造 retrofit", "D3"), ("淘汰 exit", "D4")]
    retro = next(r for r in rows if r["unit_id"] == "D3")
    assert retro["deadline"] == "2025-12-31"
    assert retro["technology_paths"]  # the 电石 guide (200号 附件6) names mature techniques


@pytest.mark.parametrize(
    ("args", "code", "finding"),
    [
        (["--edition", "1999"], 2, "E_UNKNOWN_NAME"),
        (["--edition", "2021", "--region", "990000"], 2, "E_REGION_UNKNOWN"),
        (["--edition", "2021", "--region", "44"], 2, "E_REGION_MALFORMED"),
        (["--edition", "2021", "--field", "不存在"], 2, "E_UNKNOWN_NAME"),
        (["--edition", "2021", "--year", "1990"], 1, "E_NO_DATA"),
        (
            ["--edition", "2023"],
            1,
            "W_BENCHMARK_NO_LEVEL",
        ),  # 2023 ships no rows: the gap, not an empty success
    ],
)
def test_exit_codes_never_zero_on_problems(store_file: str, args: list[str], code: int, finding: str) -> None:
    r = runner.invoke(app, ["benchmark", "shares", *args, "--store", store_file])
    assert r.exit_code == code, r.output
    assert finding in r.stderr


def test_no_store_is_a_data_problem(tmp_path: Path) -> None:
    r = runner.invoke(app, ["benchmark", "classify", "--store", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "E_NO_DATA" in r.stderr


def test_report_writes_xlsx_html_pdf(store_file: str, tmp_path: Path) -> None:
    r = runner.invoke(
        app, ["benchmark", "report", "--edition", "2021", "--store", store_file, "-o", str(tmp_path)]
    )
    assert r.exit_code in (0, 1), r.output  # 1 only without a CJK font for the PDF
    xlsx = fastexcel.read_excel(tmp_path / "benchmark_worklists.xlsx")
    assert xlsx.sheet_names == [
        "概况",
        "标杆产能占比",
        "基准以下产能",
        "改造清单",
        "淘汰清单",
        "能效对标分类",
        "发现",
        "代码说明",
    ]
    retro = xlsx.load_sheet_by_name("改造清单").to_polars()
    assert retro["装置编号"].to_list() == ["D3"] and retro["对标结果"].to_list() == ["基准水平以下"]
    summary = xlsx.load_sheet_by_name("概况", header_row=None).to_polars()[:, 0].to_list()
    assert any("标杆水平 30 万t/a，占 27.3%" in s for s in summary)
    html = (tmp_path / "benchmark_report.html").read_text(encoding="utf-8")
    assert "改造清单" in html and "D4" in html
    if r.exit_code == 0:
        assert (tmp_path / "benchmark_report.pdf").read_bytes()[:4] == b"%PDF"


def test_share_table_shows_one_decimal_json_keeps_the_value(store_file: str) -> None:
    """30 / 110 = 27.2727…% → "27.3" in the table (one decimal, as ``ecer projects review`` shows shares); the goal
    30 → "30.0"; json keeps 27.272727… (test_shares_against_the_goal)."""
    r = runner.invoke(
        app,
        ["benchmark", "shares", "--edition", "2021", "--store", store_file, "--year", "2023"],
        terminal_width=200,
    )
    assert r.exit_code == 0, r.output
    assert "27.3" in r.stdout and "27.2727" not in r.stdout and "30.0" in r.stdout
