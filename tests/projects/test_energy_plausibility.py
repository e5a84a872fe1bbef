"""A project's annual comprehensive energy against capacity × design unit-product energy (W_PROJECT_ENERGY_INCONSISTENT),
worked by hand, in the core and on every face: check, load, API, the project page's data and the review report.

By hand (indicator units of refdata/benchmark_levels/2021):
* 水泥熟料 kgce/t: 200 万t/a × 98 kgce/t = 2 000 000 t × 0.098 tce/t = 196 000 tce/yr; window 0.5–2 → 98 000 … 392 000.
* 炼钢 电弧炉 kgce/t (the file rows of conftest): 100 万t/a × 65 kgce/t = 65 000 tce/yr.
* 炼油 kgoe/(t·能量因数): 1 000 万t/a × 8 kgoe/t × 41 816/29 307 kJ ratio / 1 000 = 114 146.11 tce per unit of energy
  factor; a refinery with factor 10 states ≈ 1 141 461 tce/yr.
* 电解铝 kWh/t: 50 万t/a × 13 000 kWh/t = 6.5 × 10⁹ kWh × 3 600/29 307 kgce/kWh / 1 000 = 798 444.06 tce/yr.
* 600 t/d × 365 d = 219 000 t/yr.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ecer import refdata
from ecer.cli.main import app
from ecer.core.projects import load_rules
from ecer.core.projects.checks import check_energy_consistency
from ecer.core.projects.plausibility import capacity_per_year
from ecer.services import projects as sp
from ecer.services.loading import check_file
from tests.projects.conftest import file_row, project, write_projects

RULES = load_rules()
LEVELS = refdata.load("benchmark_levels", "2021").frame
CEMENT = {"capacity": 200.0, "capacity_unit": "万吨/年", "design_unit_energy": 98.0}
runner = CliRunner()


def _one(**over):
    return check_energy_consistency(project(**over), LEVELS, RULES)


def test_consistent_cement_line_has_no_finding_and_the_window_is_inclusive():
    assert _one(**CEMENT, annual_energy=196_000.0) == []
    assert _one(**CEMENT, annual_energy=392_000.0) == []  # exactly 2 × expected
    assert _one(**CEMENT, annual_energy=98_000.0) == []  # exactly 0.5 × expected
    (hi,) = _one(**CEMENT, annual_energy=392_100.0)
    (lo,) = _one(**CEMENT, annual_energy=97_900.0)
    assert hi.code == lo.code == "W_PROJECT_ENERGY_INCONSISTENT"
    assert hi.evidence["expected"] == "196,000" and hi.evidence["slip_power"] is None
    assert "口径不一" in hi.message_zh and "figures disagree" in hi.message_en


def test_wan_tce_slip_names_both_figures_the_cause_and_the_corrected_value():
    (f,) = _one(**CEMENT, annual_energy=19.6)  # 19.6 万tce written as tce
    assert f.level == "warning"
    assert f.evidence["annual"] == "19.6" and f.evidence["expected"] == "196,000"
    assert f.evidence["ratio_value"] == pytest.approx(1e-4)
    assert f.evidence["slip_power"] == -4
    assert "万吨标准煤" in f.message_zh and "万tce" in f.message_en
    assert "196,000 tce" in f.fix_zh and "196,000 tce" in f.fix_en
    assert f.evidence["rule"] == "th_energy_ratio_low"  # the tolerance is cited, an assumption [C]


def test_kgce_slip():
    (f,) = _one(**CEMENT, annual_energy=196_000_000.0)
    assert f.evidence["slip_power"] == 3 and "千克标准煤" in f.message_zh


def test_energy_factor_basis_reads_the_ratio_as_the_implied_factor():
    refinery = {
        "sector": "petrochemical",
        "benchmark_field": "炼油",
        "capacity": 1000.0,
        "capacity_unit": "万吨/年",
        "design_unit_energy": 8.0,
        "design_unit_energy_unit": "kgoe/(t·能量因数)",
    }
    assert _one(**refinery, annual_energy=1_141_461.0) == []  # factor 10
    (f,) = _one(**refinery, annual_energy=114.146)  # factor 10 stated in 万tce
    assert f.evidence["expected"] == "114,146.1084"
    assert (f.evidence["low"], f.evidence["high"]) == ("1", "30")
    assert "能量因数" in f.message_zh and f.evidence["slip_power"] == -4


def test_electricity_indicator_at_calorific_value():
    aluminium = {
        "sector": "nonferrous_smelting",
        "benchmark_field": "电解铝",
        "capacity": 50.0,
        "capacity_unit": "万吨/年",
        "design_unit_energy": 13000.0,
        "design_unit_energy_unit": "kWh/t",
    }
    assert _one(**aluminium, annual_energy=800_000.0) == []
    (f,) = _one(**aluminium, annual_energy=80.0)
    assert f.evidence["expected"] == "798,444.0577"


def test_day_rate_capacity_and_units_that_cannot_be_compared():
    assert capacity_per_year(600.0, "t/d").to("t").magnitude == 219_000.0
    # 5000 t/d clinker × 365 × 0.1 tce/t = 182 500 tce
    assert _one(capacity=5000.0, capacity_unit="t/d", design_unit_energy=100.0, annual_energy=182_500.0) == []
    (f,) = _one(capacity=100.0, capacity_unit="万千瓦", annual_energy=100.0)
    assert f.code == "I_PROJECT_ENERGY_UNCHECKED" and "万千瓦" in f.message_zh
    # the glass table is per weight box (重量箱); a capacity in t/d is another quantity: said, not guessed
    (g,) = _one(
        benchmark_field="平板玻璃",
        benchmark_sub_category="生产能力>800吨/天",
        design_unit_energy_unit="kgce/重量箱",
        design_unit_energy=8.0,
        capacity=1000.0,
        capacity_unit="t/d",
        annual_energy=100_000.0,
    )
    assert g.code == "I_PROJECT_ENERGY_UNCHECKED" and "kgce/重量箱" in g.message_en


def test_missing_figures_or_unknown_field_give_nothing_here():
    assert _one(annual_energy=None) == [] and _one(capacity=None) == []
    assert _one(benchmark_field="不存在的领域", annual_energy=1.0) == []  # check_benchmark reports the field


def test_check_and_load_report_it_at_the_row_and_column(store, tmp_path):
    rows = [file_row(project_id="OK"), file_row(project_id="SLIP", annual_energy="6.5")]  # 6.5 万tce as tce
    path = write_projects(tmp_path / "p.csv", rows)
    result = check_file(path, "projects", store=store)
    (f,) = [f for f in result.findings if f.code == "W_PROJECT_ENERGY_INCONSISTENT"]
    assert f.location.row == 3 and f.location.column.startswith("年综合能源消费量")
    assert f.evidence["project"] == "SLIP" and f.evidence["expected"] == "65,000"
    cli = runner.invoke(app, ["projects", "check", str(path)])
    assert cli.exit_code == 0, cli.output  # a warning: the file can be loaded
    file_part, per_project = cli.output.split("建议处置", 1)
    assert "第 3 行" in file_part and "65,000" in file_part  # in full at its row …
    assert (
        "see row 3 above" in per_project and "65,000" not in per_project
    )  # … and only pointed to per project
    db = tmp_path / "s.duckdb"
    loaded = runner.invoke(app, ["projects", "load", str(path), "--store", str(db), "--who", "t"])
    assert loaded.exit_code == 0, loaded.output
    assert "W_PROJECT_ENERGY_INCONSISTENT" in loaded.output and "65,000" in loaded.output
    outcome = sp.load_projects(store, path, who="t", why="t")
    assert any(f.code == "W_PROJECT_ENERGY_INCONSISTENT" for f in outcome.findings)
    by_id = {e.project["project_id"]: e for e in sp.evaluate(store, as_of="2026-12-01")}
    assert "W_PROJECT_ENERGY_INCONSISTENT" in {f.code for f in by_id["SLIP"].findings}
    assert "W_PROJECT_ENERGY_INCONSISTENT" not in {f.code for f in by_id["OK"].findings}


def test_api_and_review_report_carry_it(tmp_path):
    from fastapi.testclient import TestClient

    from ecer.api.app import create_app
    from ecer.storage import Store
    from tests.handcase import ENERGY, REGIONS, TARGETS

    db = tmp_path / "s.duckdb"
    with Store.open(db) as s:
        for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
            s.load(name, frame, file=name, who="t", why="t")
        sp.load_projects(
            s, write_projects(tmp_path / "p.csv", [file_row(annual_energy="6.5")]), who="t", why="t"
        )
        written, _ = sp.write_review_report(s, "P1", tmp_path / "r.html", as_of="2026-12-01")
    html = written.read_text(encoding="utf-8")
    assert "推算的 65,000 tce/年不符" in html and "6.5 tce" in html
    with TestClient(create_app(db)) as client:
        one = client.get("/api/projects/P1", params={"as_of": "2026-12-01"}).json()
    (f,) = [f for f in one["findings"] if f["code"] == "W_PROJECT_ENERGY_INCONSISTENT"]
    assert f["evidence"]["expected_tce"] == pytest.approx(65_000.0)
    assert "10⁴ tce" in f["message_en"]


@settings(max_examples=60, deadline=None)
@given(
    capacity=st.floats(1.0, 2000.0),
    design=st.floats(20.0, 2000.0),
    u=st.floats(0.55, 1.8),
)
def test_property_plausible_figures_pass_and_their_wan_tce_slip_is_named(capacity, design, u):
    """For any cement-style line, an annual energy u × capacity × design with u inside the window is never flagged,
    and the same figure written in 万tce (÷ 10⁴) is always flagged as that slip, with the figure before it."""
    from ecer.core.projects.plausibility import consistency

    expected = capacity * 1e4 * design / 1000  # 万t/a × kgce/t → tce/yr
    ok = consistency(capacity, "万吨/年", design, "kgce/t", u * expected, window=(0.5, 2.0))
    assert ok.consistent and ok.expected_tce == pytest.approx(expected)
    slip = consistency(capacity, "万吨/年", design, "kgce/t", u * expected / 1e4, window=(0.5, 2.0))
    assert not slip.consistent and slip.slip_power == -4
