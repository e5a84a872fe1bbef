"""The inventory through the store and the CLI, with values worked by hand on the hand-case store
(tests/handcase.py: 120000 E₂₀₂₀ = 5000, E₂₀₂₁ = 5200 tce, T = 13.5 %, planned GDP growth 5 %, no cap;
130000 E₂₀₂₀ = 2000, E₂₀₂₁ = 2100 tce, increment cap 500 tce, intensity grade 1 in 2021)."""

from __future__ import annotations

import json

import fastexcel
import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.findings import FindingsError
from ecer.services import projects as sp
from ecer.services.loading import check_file
from ecer.storage import Store
from tests.handcase import ENERGY, REGIONS, TARGETS
from tests.projects.conftest import file_row, write_projects

runner = CliRunner()


def test_headroom_share_by_hand(store, tmp_path):
    rows = [
        file_row(
            project_id="T1",
            region_code="120000",
            status="拟建",
            annual_energy="100",
            construction_start="",
            eia_no="",
            eia_date="",
        ),
        file_row(
            project_id="H1",
            region_code="130000",
            status="拟建",
            annual_energy="100",
            construction_start="",
            eia_no="",
            eia_date="",
        ),
    ]
    sp.load_projects(store, write_projects(tmp_path / "p.csv", rows), who="t", why="t")
    by_id = {e.project["project_id"]: e for e in sp.evaluate(store, as_of="2026-12-01")}
    # 120000: E_allowed,2025 = 5000 × 1.05⁵ × (1 − 0.135) = 5519.9178; remaining 319.9178; 100 / 319.9178 = 31.26 %
    t1 = next(f for f in by_id["T1"].findings if f.code == "I_PROJECT_HEADROOM_SHARE")
    assert t1.evidence["headroom"] == "319.9178"
    assert t1.evidence["share_value"] == pytest.approx(100 / 319.9177578125, rel=1e-9)
    # 130000: cap 500 → allowed 2500; remaining 2500 − 2100 = 400; 100 / 400 = 25 %
    h1 = next(f for f in by_id["H1"].findings if f.code == "I_PROJECT_HEADROOM_SHARE")
    assert (h1.evidence["headroom"], h1.evidence["share"]) == ("400", "25.0%")
    # 130000's intensity rose in 2021 (grade 1, red): the planned project's energy review is suspended
    assert "W_PROJECT_REGION_RED_SUSPENDED" in {f.code for f in by_id["H1"].findings}
    assert by_id["H1"].disposition.disposition == "suspend"


def test_region_without_energy_data_is_a_finding(store, tmp_path):
    sp.load_projects(
        store, write_projects(tmp_path / "p.csv", [file_row(region_code="140000")]), who="t", why="t"
    )
    (ev,) = sp.evaluate(store, as_of="2026-12-01")
    assert "W_PROJECT_REGION_NO_DATA" in {f.code for f in ev.findings}
    assert "I_PROJECT_HEADROOM_SHARE" not in {f.code for f in ev.findings}


def test_bad_credit_code_rejected_with_row_and_reason_nothing_loaded(store, tmp_path):
    rows = [file_row(project_id="A"), file_row(project_id="B", credit_code="914403001922038217")]
    path = write_projects(tmp_path / "bad.csv", rows)
    result = check_file(path, "projects", store=store)
    (err,) = [f for f in result.findings if f.level == "error"]
    assert err.code == "E_PROJECT_CREDIT_CODE"
    assert err.location.row == 3 and err.location.file == "bad.csv"
    assert (
        "'6'" in err.message_en and "校验位错误" in err.message_zh
    )  # GB 32100 gives 6 for these 17 characters
    before = store.counts()
    with pytest.raises(FindingsError):
        sp.load_projects(store, path, who="t", why="t")
    assert store.counts() == before
    out = runner.invoke(app, ["projects", "check", str(path)])
    assert out.exit_code == 1


def test_dates_and_enums_parsed(store, tmp_path):
    path = write_projects(
        tmp_path / "p.csv", [file_row(eia_date="2022年4月1日", construction_start="2022/6/1")]
    )
    sp.load_projects(store, path, who="t", why="t")
    p = sp.get_project(store, "P1")
    assert (p["eia_date"], p["construction_start"], p["status"], p["sector"]) == (
        "2022-04-01",
        "2022-06-01",
        "under_construction",
        "steel",
    )
    bad = write_projects(tmp_path / "b.csv", [file_row(eia_date="2022-02-30")])
    found = check_file(bad, "projects").findings
    assert [(f.code, f.location.row) for f in found if f.level == "error"] == [("E_VALUE_INVALID", 2)]


def test_decision_history_survives_a_change_and_a_reload(store, tmp_path):
    path = write_projects(tmp_path / "p.csv", [file_row()])
    sp.load_projects(store, path, who="t", why="first")
    first = sp.decide(store, "P1", decision="暂停", by="王科长", reason="未经节能审查")
    # the project file is corrected and loaded again (a revision), then a second decision
    fixed = write_projects(
        tmp_path / "p.csv",
        [file_row(energy_review_no="冀发改能审〔2022〕12号", energy_review_date="2022-03-15")],
    )
    with pytest.raises(FindingsError):  # a change without --revise loads nothing
        sp.load_projects(store, fixed, who="t", why="no confirm")
    sp.load_projects(store, fixed, who="t", why="energy review found", revise=True)
    second = sp.decide(store, "P1", decision="整改", by="李处长", reason="补办后整改")
    sp.load_projects(
        store, fixed, who="t", why="reload unchanged", revise=True
    )  # a reload writes nothing new
    hist = sp.decisions(store, "P1").to_dicts()
    assert [d["decision"] for d in hist] == ["suspend", "rectify"]
    assert hist[0]["decided_by"] == "王科长" and hist[0]["decision_reason"] == "未经节能审查"
    assert hist[0]["decision_id"] == first["decision_id"] and hist[0]["project_version"] == 1
    assert (
        hist[1]["previous_decision"] == "suspend" and hist[1]["previous_decision_id"] == first["decision_id"]
    )
    assert hist[1]["project_version"] == 2 and hist[1]["decision_id"] == second["decision_id"]
    # still suspend: 60,000 tce against 400 tce of remaining increment (130000), but no longer for the review
    (ev,) = sp.evaluate(store, "P1", as_of="2026-12-01")
    assert "W_PROJECT_ENERGY_REVIEW_MISSING" not in {f.code for f in ev.findings}
    assert [r["code"] for r in ev.disposition.reasons if r["disposition"] == "suspend"] == [
        "W_PROJECT_HEADROOM_EXCEEDED"
    ]
    assert sp.project_history(store, "P1").height == 2


def test_cli_decide_show_list_worklist(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
    rows = [
        file_row(),
        file_row(
            project_id="P2",
            name='=HYPERLINK("http://x")',
            region_code="120000",
            status="拟建",
            construction_start="",
            eia_no="",
            eia_date="",
            annual_energy="100",
        ),
    ]
    path = write_projects(tmp_path / "p.csv", rows)
    assert runner.invoke(app, ["projects", "load", str(path), "--store", str(db)]).exit_code == 0
    out = runner.invoke(
        app,
        [
            "projects",
            "decide",
            "P1",
            "--decision",
            "暂停",
            "--by",
            "王",
            "--reason",
            "无节能审查",
            "--store",
            str(db),
        ],
    )
    assert out.exit_code == 0, out.output
    bad = runner.invoke(
        app,
        ["projects", "decide", "P1", "--decision", "放行", "--by", "王", "--reason", "x", "--store", str(db)],
    )
    assert bad.exit_code == 2 and "E_DECISION_INVALID" in bad.output
    assert runner.invoke(app, ["projects", "show", "NOPE", "--store", str(db)]).exit_code == 2
    shown = json.loads(
        runner.invoke(
            app, ["projects", "show", "P1", "--store", str(db), "--format", "json", "--as-of", "2026-12-01"]
        ).stdout
    )
    assert shown["suggested_disposition"] == "suspend"
    assert [d["decision"] for d in shown["decisions"]] == ["suspend"]
    listed = json.loads(
        runner.invoke(
            app, ["projects", "list", "--store", str(db), "--status", "拟建", "--format", "json"]
        ).stdout
    )["rows"]
    assert [r["project_id"] for r in listed] == ["P2"]
    csv_text = runner.invoke(app, ["projects", "list", "--store", str(db), "--format", "csv"]).stdout
    assert "'=HYPERLINK" in csv_text
    xlsx = tmp_path / "w.xlsx"
    out = runner.invoke(
        app, ["projects", "worklist", "--output", str(xlsx), "--store", str(db), "--as-of", "2026-12-01"]
    )
    assert out.exit_code == 0, out.output
    sheet = fastexcel.read_excel(xlsx.read_bytes()).load_sheet(0, header_row=1).to_polars()
    assert sheet.columns[:2] == ["项目编号", "项目名称"]
    p1 = sheet.filter(sheet["项目编号"] == "P1").row(0, named=True)
    assert p1["建议处置"] == "暂停" and p1["最近处置决定"] == "暂停" and p1["项目状态"] == "在建"
    assert "没有节能审查意见" in p1["核查发现"]
    assert sheet.filter(sheet["项目编号"] == "P2")["项目名称"][0].startswith("'=")


def test_review_path_by_hand(store, tmp_path):
    row = file_row(
        project_id="R",
        region_code="130000",
        status="拟建",
        annual_energy="100",
        construction_start="",
        eia_no="",
        eia_date="",
    )
    sp.load_projects(store, write_projects(tmp_path / "p.csv", [row]), who="t", why="t")
    path = sp.review(store, "R", start_year=2024, ramp_up=[0.5, 1.0], region_growth=0.0)
    # flat region at 2100 tce; the project adds 50 tce in 2024, 100 in 2025; remaining 400 → share 25 %
    assert [(r["year"], r["energy_with"]) for r in path.rows] == [
        (2022, 2100.0),
        (2023, 2100.0),
        (2024, 2150.0),
        (2025, 2200.0),
    ]
    assert path.summary["share_of_remaining"] == pytest.approx(0.25)
    # intensity 2025 with: 2200 / (2.04 × 1.05⁴ × 10⁴); base 2000 / (2 × 10⁴) = 0.1
    i25 = 2200 / (2.04 * 1.05**4 * 1e4)
    assert path.summary["reduction_with"] == pytest.approx(1 - i25 / 0.1)
    out = runner.invoke(app, ["projects", "review", "R", "--store", ":memory:"])
    assert out.exit_code != 0  # an empty store has no such project
    assert (
        path.summary["as_of"] == "2021"
    )  # as of the year before operation (2023): the latest year up to it, 2021
    # asked for a year without a plan-period position (2020 is the base year): said, never silently another year
    with pytest.raises(FindingsError) as exc:
        sp.review(store, "R", start_year=2024, as_of_year=2020)
    assert exc.value.findings[0].code == "W_PROJECT_REGION_NO_DATA"


def test_cli_check_shows_the_checks_without_loading(tmp_path):
    path = write_projects(tmp_path / "p.csv", [file_row(energy_review_no="", eia_no="环审1号")])
    missing = tmp_path / "none.duckdb"
    out = runner.invoke(
        app, ["projects", "check", str(path), "--store", str(missing), "--as-of", "2026-12-01"]
    )
    assert out.exit_code == 0, out.output
    assert "W_PROJECT_ENERGY_REVIEW_MISSING" in out.output and "暂停 (suspend)" in out.output
    assert "W_PROJECT_REGION_NO_DATA" in out.output  # no store: said, not assumed
    assert not missing.exists()  # checking never creates a store


def test_region_without_base_year_says_why_no_headroom(tmp_path):
    import polars as pl

    s = Store.memory()
    s.load("regions", REGIONS, file="r", who="t", why="t")
    s.load("energy", ENERGY.filter(pl.col("period") == "2021"), file="e", who="t", why="t")
    s.load("targets", TARGETS, file="t", who="t", why="t")
    sp.load_projects(
        s, write_projects(tmp_path / "p.csv", [file_row(region_code="120000")]), who="t", why="t"
    )
    (ev,) = sp.evaluate(s, as_of="2026-12-01")
    (f,) = [f for f in ev.findings if f.code == "W_PROJECT_REGION_NO_DATA"]
    assert "base-year" in f.message_en
    with pytest.raises(FindingsError):
        sp.review(s, "P1")


def test_replacement_amount_without_kind_is_an_error(tmp_path):
    path = write_projects(tmp_path / "p.csv", [file_row(energy_replacement_tce="5000")])
    errors = [f for f in check_file(path, "projects").findings if f.level == "error"]
    assert [(f.code, f.location.row) for f in errors] == [("E_VALUE_INVALID", 2)]
    ok = write_projects(
        tmp_path / "q.csv", [file_row(energy_replacement_tce="5000", energy_replacement_kind="减量替代")]
    )
    assert not [f for f in check_file(ok, "projects").findings if f.level == "error"]
