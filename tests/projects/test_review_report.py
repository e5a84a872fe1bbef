"""The project review report (HTML and PDF; ``ecer projects review PROJECT --output FILE``): sentences with the
hand-worked figures of ``test_review_path_by_hand``, Chinese words for the codes, the decision history."""

from __future__ import annotations

from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.services import projects as sp
from ecer.storage import Store
from tests import ci
from tests.handcase import ENERGY, REGIONS, TARGETS
from tests.projects.conftest import file_row, write_projects

runner = CliRunner()


def _store(tmp_path):
    db = tmp_path / "s.duckdb"
    row = file_row(
        project_id="R", status="拟建", annual_energy="100", construction_start="", eia_no="", eia_date=""
    )
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(s, write_projects(tmp_path / "p.csv", [row]), who="t", why="t")
        sp.decide(s, "R", decision="暂停", by="王", reason="先补节能审查")
        sp.decide(s, "R", decision="整改", by="李", reason="已承诺整改")
    return db


def test_review_report_html_by_hand(tmp_path):
    db = _store(tmp_path)
    out = tmp_path / "r.html"
    res = runner.invoke(
        app,
        [
            "projects",
            "review",
            "R",
            "--store",
            str(db),
            "--start-year",
            "2024",
            "--ramp-up",
            "0.5,1",
            "--region-growth",
            "0",
            "--output",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    # by hand (test_review_path_by_hand): flat region at 2100 tce, remaining increment 2500 − 2100 = 400 tce;
    # the project's 100 tce is 25.0 % of it; energy with the project 2150 (2024), 2200 (2025)
    assert "本项目净增能耗 100 吨标准煤，占地区剩余用能增量 400 吨标准煤的 25.0%" in html
    assert ">2,150<" in html and ">2,200<" in html
    # Chinese words for the codes: sector, status, decisions (append-only: both, the first named as previous)
    assert "钢铁" in html and "拟建" in html
    assert "<td>暂停</td><td>王</td><td>先补节能审查</td><td>—</td>" in html
    assert "<td>整改</td><td>李</td><td>已承诺整改</td><td>暂停</td>" in html
    # region 130000 is graded red (一级) in 2021 by hand (tests/handcase.py): 629号 suspends the review → 暂停
    assert "建议处置：<strong>暂停</strong>" in html
    assert "<svg" in html and "<td>suspend</td>" not in html and "<td>rectify</td>" not in html


def test_review_report_pdf(tmp_path):
    from ecer.reports.pdf_report import cjk_font

    if cjk_font() is None:
        ci.cannot_run("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    db = _store(tmp_path)
    out = tmp_path / "r.pdf"
    res = runner.invoke(app, ["projects", "review", "R", "--store", str(db), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000


def test_review_report_without_region_data_says_why(tmp_path):
    db = tmp_path / "e.duckdb"
    with Store.open(db) as s:
        sp.load_projects(s, write_projects(tmp_path / "p.csv", [file_row()]), who="t", why="t")
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["projects", "review", "P1", "--store", str(db), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert "无法计算地区路径" in out.read_text(encoding="utf-8")


def test_review_report_english_edition_by_hand(tmp_path):
    """``--lang en``, as the dual-control reports switch: the same figures as the Chinese edition (remaining 400 tce,
    the project's 100 tce is 25.0 %; 2,150 and 2,200 tce with the project), every fixed word and each finding's
    message in English; no Chinese heading."""
    db = _store(tmp_path)
    out = tmp_path / "r_en.html"
    args = ["projects", "review", "R", "--store", str(db), "--start-year", "2024", "--ramp-up", "0.5,1"]
    res = runner.invoke(app, [*args, "--region-growth", "0", "--output", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    from html import unescape

    html = unescape(out.read_text(encoding="utf-8"))
    assert '<html lang="en">' in html
    assert (
        "the project's net 100 tce a year takes 25.0% of the region's remaining increment of 400 tce" in html
    )
    assert ">2,150<" in html and ">2,200<" in html
    assert "Suggested disposition: <strong>suspend</strong>" in html
    assert (
        "<td>suspend</td><td>王</td><td>先补节能审查</td><td>—</td>" in html
    )  # names and reasons as entered
    assert "<td>rectify</td><td>李</td><td>已承诺整改</td><td>suspend</td>" in html
    assert "steel" in html and "planned" in html and "Hebei (130000)" in html
    assert "intensity warning" in html  # the red-grade finding's English message
    for zh in ("建议处置", "核查结果", "处置决定记录", "年综合能耗", "无项目"):
        assert zh not in html, zh
    bad = runner.invoke(app, [*args, "--output", str(out), "--lang", "fr"])
    assert bad.exit_code == 2 and "E_UNKNOWN_NAME" in bad.output
