r"""The transfer index, matching and library through the templates, the store, the service and `ecer transfer`.

Hand case (tests/transfer/conftest.py), 3 provinces, 2 indicators, year 2023:
  market (benefit) = (3, 4, 0) for 河南 410000, 四川 510000, 北京 110000; wage (cost) = (1, 2, 2).
  Entropy: market z = (0.75, 1, 0), p = (3/7, 4/7, 0),
           e = −(3/7·ln 3/7 + 4/7·ln 4/7)/ln 3 = (0.363128 + 0.319781)/1.098612 = 0.62161, d = 0.37839;
           wage z = (1, 0, 0), p = (1, 0, 0), e = 0, d = 1.  w = (0.37839, 1)/1.37839 = (0.27452, 0.72548).
  TOPSIS, vector: r_market = (0.6, 0.8, 0), r_wage = (1/3, 2/3, 2/3).
    河南: D⁺ = 0.2·w₁ = 0.054903, D⁻ = √((0.6 w₁)² + (w₂/3)²) = √(0.027129 + 0.058481) = 0.292592, C = 0.84200
    四川: D⁺ = w₂/3 = 0.241828, D⁻ = 0.8 w₁ = 0.219612, C = 0.219612/0.461440 = 0.47593
    北京: D⁻ = 0, C = 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.findings import FindingsError
from ecer.services import transfer as st
from ecer.storage import Store
from tests.ci import cannot_run
from tests.transfer.conftest import INDICATOR_ROWS, PROJECT_ROWS, write

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    with Store.open(path) as s:
        st.load_transfer(s, "transfer_indicators", write(tmp_path / "i.csv", "transfer_indicators", INDICATOR_ROWS))
        st.load_transfer(s, "transfer_projects", write(tmp_path / "p.csv", "transfer_projects", PROJECT_ROWS))
    return path


def test_rank_hand_case(db: Path) -> None:
    with Store.open(db) as s:
        r = st.rank(s)
    assert r.year == 2023 and r.frame["region_code"].to_list() == ["410000", "510000", "110000"]
    w = dict(r.weights.select("indicator_code", "weight").iter_rows())
    assert w["market"] == pytest.approx(0.27452, abs=1e-5) and w["wage"] == pytest.approx(0.72548, abs=1e-5)
    assert r.frame["closeness"].to_list() == pytest.approx([0.84200, 0.47593, 0.0], abs=1e-5)
    assert r.frame["name_zh"].to_list() == ["河南省", "四川省", "北京市"]
    assert r.frame["macro_region_zh"].to_list() == ["中部", "西部", "东部"]
    assert "special:old_revolutionary" not in r.frame.columns   # an attribute is not scored
    assert r.data_origin == ["synthetic"]


def test_equal_weights_and_minmax(db: Path) -> None:
    # equal weights ½, min-max: z_market = (0.75, 1, 0), z_wage = (1, 0, 0) → C = (⅚, ½, 0) (tests/core hand case)
    with Store.open(db) as s:
        r = st.rank(s, normalisation="minmax", weighting="equal")
    assert r.frame["closeness"].to_list() == pytest.approx([5 / 6, 0.5, 0.0])


def test_match_labour_project_with_reasons_and_sharing(db: Path) -> None:
    with Store.open(db) as s:
        m = st.match(s, "P-LAB")
    rows = {r["region_code"]: r for r in m.frame.to_dicts()}
    assert m.classification.industry_class == "labour_intensive"
    assert rows["410000"]["candidate"] and rows["510000"]["candidate"] and not rows["110000"]["candidate"]
    assert m.frame["region_code"].to_list()[:2] == ["410000", "510000"]
    assert "中西部劳动力丰富" in rows["410000"]["reasons_zh"] and "labour" in rows["410000"]["reasons_en"]
    # the stated destination 北京 is outside the direction: said as a warning
    assert "W_TRANSFER_DIRECTION_UNMET" in [f.code for f in m.findings]
    # no energy data in the store: the dual-control constraint is not applied, and the findings say so
    na = [f for f in m.findings if f.code == "I_TRANSFER_CONSTRAINT_NOT_APPLIED"]
    assert any("能耗双控剩余空间" in f.message_zh and "库中没有" in f.message_zh for f in na)
    assert m.sharing is not None
    assert m.sharing.select("year", "origin", "destination").rows() == [
        (2024, 300.0, 200.0), (2025, 200.0, 300.0), (2026, 200.0, 300.0)]


def test_headroom_loaded_as_indicator_is_applied(db: Path, tmp_path: Path) -> None:
    # 四川 has 40 000 tce left, 河南 60 000: the 50 000 tce project fits 河南 … but 河南 is central: energy-intensive
    # industry goes west only, so no region is a candidate; 四川 fails on headroom, 北京 on direction
    rows = [{"region_code": r, "year": 2023, "indicator_code": "dual_control_headroom", "value": v, "unit": "tce",
             "direction": "benefit", "source": "user (synthetic)"} for r, v in (("410000", 60000), ("510000", 40000),
                                                                                   ("110000", 90000))]
    with Store.open(db) as s:
        st.load_transfer(s, "transfer_indicators", write(tmp_path / "h.csv", "transfer_indicators", rows))
        m = st.match(s, "P-ENE", regions=["410000", "510000", "110000"])
    got = {r["region_code"]: r for r in m.frame.to_dicts()}
    assert not any(r["candidate"] for r in got.values())
    assert got["510000"]["direction_ok"] and not got["510000"]["constraints_ok"]
    assert "需 50,000.0 tce，仅剩 40,000.0 tce" in got["510000"]["reasons_zh"]
    assert not got["410000"]["direction_ok"] and got["410000"]["constraints_ok"]
    assert "dual_control" in m.headroom_sources and "indicator" in m.headroom_sources["dual_control"]


def test_two_high_never_matched(db: Path) -> None:
    with Store.open(db) as s:
        m = st.match(s, "P-2H")
    assert m.classification.industry_class == "two_high"
    assert not m.frame["candidate"].any()
    assert all(r == "two_high_never_by_transfer" for r in m.frame["rule_id"].to_list())


def test_library_keeps_history_and_needs_confirmation(db: Path, tmp_path: Path) -> None:
    changed = [dict(PROJECT_ROWS[0], status="在建")]
    f = write(tmp_path / "p2.csv", "transfer_projects", changed)
    with Store.open(db) as s:
        with pytest.raises(FindingsError) as e:
            st.load_transfer(s, "transfer_projects", f)
        assert "E_REVISION_UNCONFIRMED" in [x.code for x in e.value.findings]
        st.load_transfer(s, "transfer_projects", f, revise=True, why="开工")
        h = st.project_history(s, "P-LAB")
    assert h["version"].to_list() == [1, 2] and h["status"].to_list() == ["signed", "under_construction"]


def test_file_checks(tmp_path: Path) -> None:
    bad = [dict(INDICATOR_ROWS[0]), dict(INDICATOR_ROWS[1], direction="cost"),
           dict(INDICATOR_ROWS[6], indicator_code="special:capital")]
    r = st.check_transfer_file(write(tmp_path / "b.csv", "transfer_indicators", bad), "transfer_indicators")
    codes = [f.code for f in r.errors]
    assert codes.count("E_TRANSFER_VALUE_INVALID") == 1 and "E_TRANSFER_UNKNOWN" in codes and r.frame is None
    row = next(f for f in r.errors if f.code == "E_TRANSFER_VALUE_INVALID")
    assert row.location is not None and row.location.row == 3 and row.location.file == "b.csv"
    p = [dict(PROJECT_ROWS[0], tax_share_origin="2024:60%")]  # 2025, 2026 uncovered
    r = st.check_transfer_file(write(tmp_path / "p.csv", "transfer_projects", p), "transfer_projects")
    assert [f.code for f in r.errors] == ["E_TRANSFER_SHARE_INVALID"] and "2025, 2026" in r.errors[0].message_zh


def test_cli_exit_codes(db: Path, tmp_path: Path) -> None:
    s = ["--store", str(db)]
    res = runner.invoke(app, ["transfer", "rank", *s, "-f", "json"])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout[res.stdout.index("{"):])
    assert body["weights"][0]["indicator_code"] == "market"
    assert runner.invoke(app, ["transfer", "rank", *s, "-n", "zscore"]).exit_code == 2
    assert runner.invoke(app, ["transfer", "rank", *s, "--year", "1999"]).exit_code == 1
    assert runner.invoke(app, ["transfer", "match", "P-LAB", *s]).exit_code == 0
    assert runner.invoke(app, ["transfer", "match", "P-2H", *s]).exit_code == 1     # no candidate
    assert runner.invoke(app, ["transfer", "match", "NOPE", *s]).exit_code == 1
    assert runner.invoke(app, ["transfer", "share", "P-ENE", *s]).exit_code == 1    # no agreement
    assert runner.invoke(app, ["transfer", "share", "P-LAB", *s]).exit_code == 0
    assert runner.invoke(app, ["transfer", "history", "P-LAB", *s]).exit_code == 0
    empty = tmp_path / "empty.duckdb"
    Store.open(empty).close()
    assert runner.invoke(app, ["transfer", "rank", "--store", str(empty)]).exit_code == 1
    assert runner.invoke(app, ["transfer", "load", "nonsense", str(tmp_path / "x.csv"), *s]).exit_code == 2


def test_reports_read_as_documents(db: Path, tmp_path: Path) -> None:
    import openpyxl

    s = ["--store", str(db)]
    for suffix in ("html", "xlsx"):
        res = runner.invoke(app, ["transfer", "report", "-o", str(tmp_path / f"r.{suffix}"), "--project", "P-LAB", *s])
        assert res.exit_code == 0, res.output
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" in text and "指标雷达图" in text and "河南省" in text and "0.8420" in text
    assert "模拟数据" in text
    for word in ("None", "nan", "True", "False"):
        assert word not in text
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["概要", "排序", "雷达图", "指标与权重", "项目匹配", "分享安排"]
    cells = [str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert not any(c in ("None", "nan", "True", "False") for c in cells)
    assert runner.invoke(app, ["transfer", "report", "-o", str(tmp_path / "r.docx"), *s]).exit_code == 2


def test_pdf_report_prints_the_chinese_title_with_an_embedded_font(db: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from ecer.reports import pdf_report

    if pdf_report.cjk_font() is None or any(shutil.which(t) is None for t in ("pdftotext", "pdffonts")):
        cannot_run("no CJK font or poppler-utils: apt-get install fonts-noto-cjk poppler-utils")
    pdf = tmp_path / "r.pdf"
    res = runner.invoke(app, ["transfer", "report", "-o", str(pdf), "--project", "P-LAB", "--store", str(db)])
    assert res.exit_code == 0, res.output
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # the title, the hand case's first region with its closeness C = 0.84200 (module docstring), the page footer
    assert "区域承接产业转移评价报告" in text and "河南省" in text and "0.8420" in text and "第 1 页，共" in text
    assert "工信部联政法〔2021〕215号" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb = yes


def test_pdf_refused_without_a_cjk_font(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecer.reports import pdf_report

    monkeypatch.setattr(pdf_report, "cjk_font", lambda: None)
    res = runner.invoke(app, ["transfer", "report", "-o", str(tmp_path / "r.pdf"), "--store", str(db)])
    assert res.exit_code != 0 and "E_PDF_NO_CJK_FONT" in res.output
    assert not (tmp_path / "r.pdf").exists()


def test_labour_condition_measured_against_the_candidates_median(db: Path, tmp_path: Path) -> None:
    # labour_force [万人] (hand case): 河南 5 000, 四川 3 000, 重庆 2 000, 北京 1 000 → median of the four candidates
    # (3 000 + 2 000)/2 = 2 500. P-LAB is labour-intensive (direction 中部、西部, 215号 二): 河南 and 四川 meet
    # 劳动力丰富, 重庆 (west) does not and is no candidate; 区位交通便利 has no indicator loaded: still to verify.
    rows = [{"region_code": r, "year": 2023, "indicator_code": "labour_force", "name_zh": "从业人员", "value": v,
             "unit": "万人", "direction": "benefit", "source": "hand case (synthetic)"}
            for r, v in (("410000", 5000), ("510000", 3000), ("500000", 2000), ("110000", 1000))]
    regions = ["410000", "510000", "500000", "110000"]
    with Store.open(db) as s:
        before = {r["region_code"]: r for r in st.match(s, "P-LAB", regions=regions).frame.to_dicts()}
        st.load_transfer(s, "transfer_indicators", write(tmp_path / "l.csv", "transfer_indicators", rows))
        m = st.match(s, "P-LAB", regions=regions)
    # before: no labour indicator, the condition is to verify and names the indicator; candidates unchanged
    assert before["500000"]["candidate"] and before["500000"]["conditions_ok"] is None
    assert "劳动力丰富：未导入指标 labour_force，待核实（工信部联政法〔2021〕215号 二）" in before["500000"]["to_verify_zh"]
    got = {r["region_code"]: r for r in m.frame.to_dicts()}
    assert got["410000"]["candidate"] and got["410000"]["conditions_ok"] is True
    assert ("劳动力丰富：labour_force = 5,000 万人，不低于候选地区中位数 2,500 万人（4 个地区；指导意见未给出阈值，按候选地区中位数"
            "比较），满足（工信部联政法〔2021〕215号 二）") in got["410000"]["reasons_zh"]
    assert got["510000"]["candidate"] and "3,000 万人，不低于候选地区中位数 2,500 万人" in got["510000"]["reasons_zh"]
    assert got["500000"]["direction_ok"] and got["500000"]["conditions_ok"] is False and not got["500000"]["candidate"]
    assert "2,000 万人，低于候选地区中位数 2,500 万人" in got["500000"]["reasons_zh"]
    assert "below the candidates' median 2,500 (4 regions" in got["500000"]["reasons_en"]
    assert "区位交通便利：未导入指标 transport_access，待核实" in got["410000"]["to_verify_zh"]
    assert "labour_force" not in got["410000"]["to_verify_zh"]
    # 北京 is east: outside the direction, its condition is not evaluated
    assert not got["110000"]["direction_ok"] and got["110000"]["conditions_ok"] is None


def test_central_city_flag_loaded_as_an_attribute(db: Path, tmp_path: Path) -> None:
    # a technology-intensive project (3911, 计算机制造: class 39) may go to central, western and north-eastern central
    # cities (215号 二); central_city loaded as an attribute: 四川 1 (met), 河南 0 (not met, so no candidate)
    rows = [{"region_code": r, "year": 2023, "indicator_code": "central_city", "name_zh": "中心城市", "value": v,
             "unit": "1", "direction": "attribute", "source": "hand case (synthetic)"}
            for r, v in (("510000", 1), ("410000", 0))]
    project = {"project_id": "P-TEC", "industry_code": "3911", "energy_tce": None}
    with Store.open(db) as s:
        st.load_transfer(s, "transfer_indicators", write(tmp_path / "c.csv", "transfer_indicators", rows))
        r = st.rank(s)
        m = st.match(s, project)
    assert "central_city" not in r.frame.columns   # an attribute is not scored
    got = {x["region_code"]: x for x in m.frame.to_dicts()}
    assert got["510000"]["candidate"] and got["510000"]["conditions_ok"] is True
    assert "中心城市、省域副中心城市：central_city = 1（1 = 是），满足（工信部联政法〔2021〕215号 二）" in got["510000"]["reasons_zh"]
    assert got["410000"]["direction_ok"] and got["410000"]["conditions_ok"] is False and not got["410000"]["candidate"]
    assert "central_city = 0（1 = 是），不满足" in got["410000"]["reasons_zh"]
    assert not got["110000"]["direction_ok"]
