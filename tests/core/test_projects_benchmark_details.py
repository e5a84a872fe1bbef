"""Details of the two-high project checks and the benchmark classification that the fresh mutation sample of
`core/` (docs/mutation.md, seed 20261212) found untested. Every expected value is worked out from the input by
hand (in the docstring); benchmark rows are those of tests/projects/test_checks.py (发改产业〔2021〕1609号)."""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.core.benchmark.classify import classification_findings
from ecer.core.benchmark.formulas import NO_LEVEL
from ecer.core.projects import Headroom, RegionPosition
from ecer.core.projects.checks import check_energy_consistency, check_region
from ecer.core.projects.headroom import remaining_headroom
from ecer.core.projects.plausibility import consistency
from ecer.core.projects.review import project_path
from ecer.core.projects.rules import TABLE, load_rules, rules_from_frame
from tests.projects.conftest import project
from tests.projects.test_checks import GREEN, LEVELS, RULES, _run


def test_a_project_being_built_without_an_eia_is_reported() -> None:
    """Under construction since 2022-03-01 with its energy review (能审1号, 2022-01-05) but no EIA number or date:
    W_PROJECT_EIA_MISSING names the project P and its status."""
    found, _ = _run(
        project(
            status="under_construction",
            energy_review_no="能审1号",
            energy_review_date="2022-01-05",
            construction_start="2022-03-01",
        )
    )
    eia = [f for f in found if f.code == "W_PROJECT_EIA_MISSING"]
    assert len(eia) == 1
    assert (
        eia[0].message_en
        == "project P (under_construction) has no EIA approval (环评): without it a project may not be built"
    )


def test_a_missing_capacity_replacement_names_the_field_it_is_required_for() -> None:
    """The planned cement-clinker line of tests/projects/conftest.py without a replacement plan: the rule is the
    one for 水泥熟料 (reduction replacement, 减量置换), and the message names that field."""
    found, _ = _run(project(capacity_replacement_plan=""))
    f = next(f for f in found if f.code == "W_PROJECT_CAPACITY_REPLACEMENT_MISSING")
    assert f.evidence["subject"] == "水泥熟料"
    assert f.message_zh == "项目 P：水泥熟料 新建项目须实施产能减量置换，未填产能置换方案"


def test_without_a_base_year_total_the_headroom_cannot_be_stated() -> None:
    """E₀ = 0: neither the cap's growth ΔE/E₀ nor E₀(1 + g₅) means anything — no headroom (None), whichever basis."""
    assert (
        remaining_headroom(0.0, 100.0, increment_cap=500.0, gdp_growth_plan=None, intensity_target=None)
        is None
    )
    assert (
        remaining_headroom(0.0, 100.0, increment_cap=None, gdp_growth_plan=0.05, intensity_target=0.135)
        is None
    )


def test_the_path_reduction_is_measured_from_the_base_year_intensity() -> None:
    """The doctest's region: E₀ 2000 tce, G₀ 2.0 亿元 → I₀ = 2000/(2.0 × 10⁴) = 0.1 tce/万元. No own growth, GDP
    2.04 × 1.05⁴ = 2.47963275 亿元 in 2025; without the project E = 2100 → I = 2100/24796.3275; with it (100 tce from
    2024, full from 2025) E = 2200. Reductions 1 − I/I₀."""
    r = project_path(
        region_code="130000",
        latest_year=2021,
        latest_energy=2100.0,
        base_energy=2000.0,
        latest_gdp=2.04,
        base_gdp=2.0,
        gdp_growth=0.05,
        intensity_target=0.135,
        base_year=2020,
        target_year=2025,
        allowed_target_energy=2500.0,
        project_tce=100.0,
        replaced_tce=0.0,
        start_year=2024,
        ramp_up=[0.5, 1.0],
        region_growth=0.0,
    )
    g = 2.04 * 1.05**4 * 1e4
    assert r.summary["reduction_without"] == pytest.approx(1 - (2100 / g) / 0.1, abs=1e-12)
    assert r.summary["reduction_with"] == pytest.approx(1 - (2200 / g) / 0.1, abs=1e-12)


def test_rules_are_read_from_every_row_of_the_table() -> None:
    """rules_from_frame builds one rule per row of the shipped table, every field as text (empty for a null)."""
    t = refdata.load(TABLE)
    rules = rules_from_frame(t.frame, t.edition)
    assert len(rules.rules) == t.frame.height
    assert rules.rules == load_rules().rules
    first = t.frame.row(0, named=True)
    assert rules.rules[0].rule_id == str(first["rule_id"])


def test_units_without_a_level_are_reported_in_the_order_they_appear() -> None:
    """Six field / sub-category pairs without a level, given in the order F, E, D, C, B, A (two units for E): one
    W_BENCHMARK_NO_LEVEL per pair, in that order, E counting 2."""
    fields = ["F", "E", "E", "D", "C", "B", "A"]
    classified = pl.DataFrame(
        {
            "unit_id": [f"u{i}" for i in range(len(fields))],
            "edition": ["2021"] * len(fields),
            "field": fields,
            "sub_category": ["通用"] * len(fields),
            "level_class": [NO_LEVEL] * len(fields),
            "year": [2023] * len(fields),
            "saving_to_benchmark": [None] * len(fields),
            "saving_to_benchmark_tce": [None] * len(fields),
            "unit": ["kgce/t"] * len(fields),
        },
        schema_overrides={"saving_to_benchmark": pl.Float64, "saving_to_benchmark_tce": pl.Float64},
    )
    found = [f for f in classification_findings(classified) if f.code == "W_BENCHMARK_NO_LEVEL"]
    assert [(f.evidence["field"], f.evidence["count"]) for f in found] == [
        ("F", 1),
        ("E", 2),
        ("D", 1),
        ("C", 1),
        ("B", 1),
        ("A", 1),
    ]


def test_a_design_at_the_benchmark_names_project_field_and_direction() -> None:
    """The cement-clinker line designed at 98 kgce/t against the 水泥熟料 benchmark 100 kgce/t (lower is better, as
    the catalog row says): I_PROJECT_AT_BENCHMARK names project P, the field and both values."""
    found, _ = _run(project())
    f = next(f for f in found if f.code == "I_PROJECT_AT_BENCHMARK")
    assert f.message_en == (
        "project P: design 可比熟料综合能耗 98 kgce/t reaches the 水泥熟料 benchmark level 100 kgce/t (2021 edition)"
    )
    assert (f.evidence["project"], f.evidence["field"], f.evidence["direction"]) == (
        "P",
        "水泥熟料",
        "lower_is_better",
    )


# --- mutation sample 20261213 (docs/mutation.md) ------------------------------------------------------------------

YELLOW = RegionPosition(
    "120000",
    period="2021",
    intensity_grade=2,
    progress_met=True,
    headroom=Headroom(1000.0, 1100.0, 1500.0, 0.5, "increment_cap"),
    headroom_period="2021",
    plan="14th",
)


def test_a_project_of_fifty_thousand_tce_or_more_gets_the_window_guidance_note() -> None:
    """60 000 tce/yr ≥ the rules' 50 000 tce (发改环资〔2021〕1310号 (七)): I_PROJECT_WINDOW_GUIDANCE, 60,000 as shown."""
    found = check_region(project(annual_energy=60_000.0), YELLOW, RULES)
    f = next(f for f in found if f.code == "I_PROJECT_WINDOW_GUIDANCE")
    assert f.message_en == "project P: 60,000 tce/yr ≥ 50,000 tce: NDRC window guidance applies"
    assert f.evidence["rule"] == "th_window_guidance"


def test_a_region_assessed_without_a_headroom_says_why() -> None:
    """The region was assessed (grade 3) but has no plan target: W_PROJECT_REGION_NO_DATA with the note given."""
    region = RegionPosition(
        "120000",
        period="2021",
        intensity_grade=3,
        progress_met=True,
        headroom=None,
        headroom_note="no cap / 无上限",
    )
    found = check_region(project(), region, RULES)
    f = next(f for f in found if f.code == "W_PROJECT_REGION_NO_DATA")
    assert f.evidence["detail"] == "no cap / 无上限" and f.evidence["region"] == "120000"


def test_replacement_findings_cite_their_disposition_rule_and_name_the_requirement() -> None:
    """Yellow (grade 2) region, a planned project of 100 tce: without replacement → …_MISSING citing d_energy_missing
    (1310号 (十二)); with 40 tce replaced → …_SHORT citing d_energy_short; both name the requirement er_grade2."""
    missing = next(
        f for f in check_region(project(), YELLOW, RULES) if f.code == "W_PROJECT_ENERGY_REPLACEMENT_MISSING"
    )
    assert (missing.evidence["rule"], missing.evidence["requirement"]) == ("d_energy_missing", "er_grade2")
    assert (missing.evidence["doc_no"], missing.evidence["clause"]) == ("发改环资〔2021〕1310号", "(十二)")
    short = next(
        f
        for f in check_region(
            project(energy_replacement_kind="equal", energy_replacement_tce=40.0), YELLOW, RULES
        )
        if f.code == "W_PROJECT_ENERGY_REPLACEMENT_SHORT"
    )
    assert (short.evidence["rule"], short.evidence["requirement"], short.evidence["given"]) == (
        "d_energy_short",
        "er_grade2",
        "40",
    )


def test_without_a_design_value_the_energy_is_not_checked() -> None:
    """annual 100 tce, capacity 1000 t/yr, field 水泥熟料 in kgce/t, but no design unit energy: nothing to compare."""
    assert check_energy_consistency(project(design_unit_energy=None), LEVELS, RULES) == []


def test_a_zero_capacity_cannot_be_checked_and_says_so() -> None:
    """0 t/yr × 98 kgce/t = 0 tce expected: the ratio is undefined, a ValueError naming it."""
    with pytest.raises(ValueError, match="capacity × design energy is zero"):
        consistency(0.0, "吨/年", 98.0, "kgce/t", 100.0, window=(0.5, 2.0))


def test_the_headroom_keeps_its_base_and_latest_totals() -> None:
    """E₀ 2000, E_Y 2100, cap 500: g₅ = 500/2000 = 0.25, allowed 2000 × 1.25 = 2500."""
    h = remaining_headroom(2000.0, 2100.0, increment_cap=500.0, gdp_growth_plan=None, intensity_target=None)
    assert h is not None
    assert (h.base_energy, h.latest_energy, h.allowed_target_energy, h.allowed_growth, h.basis) == (
        2000.0,
        2100.0,
        2500.0,
        0.25,
        "increment_cap",
    )


def test_the_path_lists_gdp_year_by_year() -> None:
    """GDP 2.04 亿元 in 2021 growing 5 %/yr: 2.142, 2.2491, 2.361555, 2.47963275 亿元 in 2022–2025."""
    r = project_path(
        region_code="130000",
        latest_year=2021,
        latest_energy=2100.0,
        base_energy=2000.0,
        latest_gdp=2.04,
        base_gdp=2.0,
        gdp_growth=0.05,
        intensity_target=0.135,
        base_year=2020,
        target_year=2025,
        allowed_target_energy=2500.0,
        project_tce=100.0,
        replaced_tce=0.0,
        start_year=2024,
        ramp_up=[0.5, 1.0],
        region_growth=0.0,
    )
    assert [row["gdp"] for row in r.rows] == pytest.approx([2.142, 2.2491, 2.361555, 2.47963275], abs=1e-9)


# --- mutation sample 20261215 (drawn after the tests above; docs/mutation.md) --------------------------------------


def test_the_headroom_share_names_project_region_and_remaining_increment() -> None:
    """GREEN: allowed 1500, latest 1100 → 400 tce remain (14th plan, as of 2021); the project's 100 tce/yr."""
    f = next(f for f in check_region(project(), GREEN, RULES) if f.code == "I_PROJECT_HEADROOM_SHARE")
    assert f.message_en.startswith("project P: its 100 tce/yr is ")
    assert f.message_en.endswith("of region 120000's remaining 14th increment 400 tce (as of 2021)")


def test_a_region_not_assessed_names_the_project() -> None:
    """No region position at all: W_PROJECT_REGION_NO_DATA for project P, detail "not assessed"."""
    (f,) = [f for f in check_region(project(), None, RULES) if f.code == "W_PROJECT_REGION_NO_DATA"]
    assert f.message_en.startswith("project P: region 120000 has no energy data that can be assessed")
    assert f.message_en.endswith(": not assessed")


def test_a_project_without_design_energy_says_what_is_missing() -> None:
    found, _ = _run(project(design_unit_energy=None))
    f = next(f for f in found if f.code == "W_PROJECT_BENCHMARK_UNKNOWN")
    assert f.message_en == (
        "project P: cannot be compared with the benchmark level: no design unit-product energy given"
    )


def test_a_disposition_reason_names_its_rule() -> None:
    """Under construction without an energy review: suspend, for W_PROJECT_ENERGY_REVIEW_MISSING with its rule id."""
    _, disp = _run(
        project(
            status="under_construction",
            eia_no="环审1号",
            eia_date="2022-01-10",
            construction_start="2022-03-01",
        )
    )
    assert disp.reasons[0]["code"] == "W_PROJECT_ENERGY_REVIEW_MISSING"
    assert (
        disp.reasons[0]["rule"]
        == RULES.disposition("W_PROJECT_ENERGY_REVIEW_MISSING", "under_construction").rule_id
    )


def test_a_capacity_unit_with_spaces_is_read() -> None:
    """ "1.5 万 m2 / a" = 1.5 × 10⁴ m² a year, as "万m2/a"."""
    from ecer.core.projects.plausibility import capacity_per_year

    assert capacity_per_year(1.5, " 万 m2 / a ").to("m**2").magnitude == 15000.0


def test_a_path_from_the_target_year_itself_keeps_the_latest_totals() -> None:
    """latest year = target year 2025: no year left to project; the summary keeps E = 2100 and the growth given."""
    r = project_path(
        region_code="130000",
        latest_year=2025,
        latest_energy=2100.0,
        base_energy=2000.0,
        latest_gdp=2.04,
        base_gdp=2.0,
        gdp_growth=0.05,
        intensity_target=0.135,
        base_year=2020,
        target_year=2025,
        allowed_target_energy=2500.0,
        project_tce=100.0,
        replaced_tce=0.0,
        start_year=2024,
        ramp_up=[0.5, 1.0],
        region_growth=0.01,
    )
    assert r.rows == []
    assert (r.summary["energy_without"], r.summary["energy_with"], r.summary["region_growth"]) == (
        2100.0,
        2100.0,
        0.01,
    )


def test_a_refinery_is_checked_against_the_energy_factor_window() -> None:
    """炼油 (kgoe/(t·能量因数)): 100 万吨/年 × 8.0 kgoe/(t·能量因数) → the module doctest's ratio 10 for 114 146.4 tce
    (the ratio is the implied energy factor), inside the rules' energy-factor window 1–30: consistent. A tenth of
    it, 11 414.64 tce, gives a ratio of 1.0, still inside; 5 707.32 tce gives 0.5 — inside the ordinary 0.5–2 window
    but outside 1–30: inconsistent."""

    def run_with(annual: float) -> list[str]:
        p = project(
            benchmark_field="炼油",
            benchmark_sub_category="通用",
            capacity=100.0,
            capacity_unit="万吨/年",
            design_unit_energy=8.0,
            design_unit_energy_unit="kgoe/(t·能量因数)",
            annual_energy=annual,
        )
        return [f.code for f in check_energy_consistency(p, LEVELS, RULES)]

    assert run_with(114_146.4) == []
    assert run_with(11_414.64) == []
    assert run_with(5_707.32) == ["W_PROJECT_ENERGY_INCONSISTENT"]
