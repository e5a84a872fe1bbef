"""Core checks of a two-high project, worked by hand from the official table and texts.

Benchmark rows used (发改产业〔2021〕1609号 2021 edition, as shipped in refdata/benchmark_levels/2021):
水泥熟料 通用 benchmark 100, baseline 117 kgce/t; 炼钢 电弧炉冶炼（公称容量≥50吨） 61 / 72 kgce/t;
炼钢 转炉工序 −30 / −10 kgce/t (negative: the process exports energy).
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer import refdata
from ecer.core.projects import Headroom, RegionPosition, check_project, load_rules, suggest_disposition
from ecer.core.projects.checks import check_benchmark
from ecer.models.projects import DISPOSITION_ORDER
from tests.projects.conftest import project

RULES = load_rules()
LEVELS = refdata.load("benchmark_levels", "2021").frame
AS_OF = "2026-12-01"
GREEN = RegionPosition(
    "120000",
    period="2021",
    intensity_grade=3,
    progress_met=True,
    headroom=Headroom(1000.0, 1100.0, 1500.0, 0.5, "increment_cap"),
    headroom_period="2021",
    plan="14th",
)


def _codes(findings):
    return [f.code for f in findings]


def _run(p, region=GREEN):
    found = check_project(p, levels=LEVELS, edition="2021", region=region, rules=RULES, as_of=AS_OF)
    return found, suggest_disposition(found, p["status"], RULES)


def test_missing_energy_review_under_construction_is_serious_and_suspends():
    found, disp = _run(
        project(
            status="under_construction",
            eia_no="环审1号",
            eia_date="2022-01-10",
            construction_start="2022-03-01",
        )
    )
    f = next(f for f in found if f.code == "W_PROJECT_ENERGY_REVIEW_MISSING")
    assert f.evidence["severity"] == "serious"
    assert f.evidence["doc_no"].startswith(
        "国家发展改革委令2016年第44号"
    )  # the clause travels with the finding
    assert disp.disposition == "suspend"
    assert disp.reasons[0]["code"] == "W_PROJECT_ENERGY_REVIEW_MISSING"


def test_missing_energy_review_built_suspends_planned_only_pending():
    _, disp = _run(
        project(
            status="built", eia_no="环审1号", construction_start="2020-01-01", operation_start="2021-01-01"
        )
    )
    assert disp.disposition == "suspend"
    found, disp = _run(project(status="planned"))
    assert "I_PROJECT_ENERGY_REVIEW_PENDING" in _codes(found)
    assert "W_PROJECT_ENERGY_REVIEW_MISSING" not in _codes(found)
    assert disp.disposition == "continue"


def test_all_in_order_continues():
    found, disp = _run(
        project(
            status="under_construction",
            energy_review_no="能审1号",
            energy_review_date="2022-01-05",
            eia_no="环审1号",
            eia_date="2022-01-10",
            construction_start="2022-03-01",
        )
    )
    assert [f.code for f in found if f.level == "warning"] == []
    assert disp.disposition == "continue"


def test_review_after_construction_start_is_built_before_approval():
    found, disp = _run(
        project(
            status="under_construction",
            energy_review_no="能审1号",
            energy_review_date="2022-05-01",
            eia_no="环审1号",
            eia_date="2022-01-10",
            construction_start="2022-03-01",
        )
    )
    order = [f for f in found if f.code == "W_PROJECT_APPROVAL_ORDER"]
    assert len(order) == 1 and order[0].evidence["which"] == "energy_review_date"
    assert disp.disposition == "rectify"


@pytest.mark.parametrize(
    ("field", "sub", "design", "code", "gap"),
    [
        ("水泥熟料", "", 100.0, "I_PROJECT_AT_BENCHMARK", "0"),  # exactly at benchmark
        ("水泥熟料", "", 98.0, "I_PROJECT_AT_BENCHMARK", "-2"),
        ("水泥熟料", "", 105.0, "W_PROJECT_BELOW_BENCHMARK", "5"),  # 5 / 100 = 5.0 %
        ("水泥熟料", "", 117.0, "W_PROJECT_BELOW_BENCHMARK", "17"),  # at baseline: not worse than it
        ("水泥熟料", "", 117.5, "W_PROJECT_BELOW_BASELINE", "17.5"),
        ("炼钢", "电弧炉冶炼（公称容量≥50吨）", 65.0, "W_PROJECT_BELOW_BENCHMARK", "4"),
        ("炼钢", "转炉工序", -31.0, "I_PROJECT_AT_BENCHMARK", "-1"),  # negative indicator, better than −30
        ("炼钢", "转炉工序", -20.0, "W_PROJECT_BELOW_BENCHMARK", "10"),
        ("炼钢", "转炉工序", -5.0, "W_PROJECT_BELOW_BASELINE", "25"),
    ],
)
def test_benchmark_classes_by_hand(field, sub, design, code, gap):
    p = project(benchmark_field=field, benchmark_sub_category=sub, design_unit_energy=design)
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, AS_OF)
    assert f.code == code
    assert f.evidence["gap"] == gap


def test_below_benchmark_gap_percent_and_disposition():
    p = project(
        benchmark_field="炼钢", benchmark_sub_category="电弧炉冶炼（公称容量≥50吨）", design_unit_energy=65.0
    )
    found, disp = _run(p)
    f = next(f for f in found if f.code == "W_PROJECT_BELOW_BENCHMARK")
    assert (f.evidence["benchmark"], f.evidence["baseline"], f.evidence["gap_pct"]) == (
        "61",
        "72",
        "6.6%",
    )  # 4/61
    assert f.evidence["clause"] == "二、分类推动项目提效达标"
    assert disp.disposition == "rectify"


def test_new_project_below_baseline_suspends_built_one_exits_after_deadline():
    _, disp = _run(project(design_unit_energy=120.0))
    assert disp.disposition == "suspend"
    built = project(
        status="built",
        design_unit_energy=120.0,
        energy_review_no="能审",
        eia_no="环审",
        construction_start="2018-01-01",
        operation_start="2019-01-01",
    )
    found = check_project(built, levels=LEVELS, edition="2021", region=GREEN, rules=RULES, as_of="2025-06-30")
    assert suggest_disposition(found, "built", RULES).disposition == "rectify"
    found = check_project(built, levels=LEVELS, edition="2021", region=GREEN, rules=RULES, as_of="2026-01-01")
    assert "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE" in _codes(found)
    assert suggest_disposition(found, "built", RULES).disposition == "exit"


def test_benchmark_unit_mismatch_is_said_not_guessed():
    (f,) = check_benchmark(project(design_unit_energy_unit="kgce/t熟料x"), LEVELS, "2021", RULES, AS_OF)
    assert f.code == "W_PROJECT_BENCHMARK_UNKNOWN"


def test_capacity_replacement_required_by_field():
    found, disp = _run(project(capacity_replacement_plan=""))
    f = next(f for f in found if f.code == "W_PROJECT_CAPACITY_REPLACEMENT_MISSING")
    assert f.evidence["requirement"] == "cr_cement"
    assert disp.disposition == "rectify"
    found, _ = _run(
        project(sector="chemical", industry_code="2612", benchmark_field="电石", capacity_replacement_plan="")
    )
    assert (
        next(f for f in found if f.code == "W_PROJECT_CAPACITY_REPLACEMENT_MISSING").evidence["kind"]
        == "equal_or_reduction"
    )  # 1464号: 新建电石……实施产能等量或减量置换


def test_red_grade_suspends_review_of_planned_projects_except_national_major():
    red = RegionPosition(
        "130000",
        period="2021",
        intensity_grade=1,
        progress_met=False,
        headroom=GREEN.headroom,
        headroom_period="2021",
        plan="14th",
    )
    found, disp = _run(project(), region=red)
    assert "W_PROJECT_REGION_RED_SUSPENDED" in _codes(found)
    assert disp.disposition == "suspend"
    found, _ = _run(project(national_major="yes"), region=red)
    assert "W_PROJECT_REGION_RED_SUSPENDED" not in _codes(found)
    found, _ = _run(project(energy_review_no="能审1号"), region=red)  # already reviewed: nothing to suspend
    assert "W_PROJECT_REGION_RED_SUSPENDED" not in _codes(found)


def test_region_behind_needs_equal_replacement():
    behind = RegionPosition(
        "120000",
        period="2021",
        intensity_grade=2,
        progress_met=False,
        headroom=GREEN.headroom,
        headroom_period="2021",
        plan="14th",
    )
    found, _ = _run(project(), region=behind)
    assert (
        next(f for f in found if f.code == "W_PROJECT_ENERGY_REPLACEMENT_MISSING").evidence["needed"] == "100"
    )
    found, _ = _run(project(energy_replacement_kind="equal", energy_replacement_tce=60.0), region=behind)
    assert next(f for f in found if f.code == "W_PROJECT_ENERGY_REPLACEMENT_SHORT").evidence["given"] == "60"
    found, _ = _run(project(energy_replacement_kind="equal", energy_replacement_tce=100.0), region=behind)
    assert not {"W_PROJECT_ENERGY_REPLACEMENT_SHORT", "W_PROJECT_ENERGY_REPLACEMENT_MISSING"} & set(
        _codes(found)
    )


def test_headroom_share_thresholds():
    # remaining = 1500 − 1100 = 400 tce
    found, _ = _run(project(annual_energy=100.0))
    share = next(f for f in found if f.code == "I_PROJECT_HEADROOM_SHARE")
    assert (share.evidence["headroom"], share.evidence["share"]) == ("400", "25.0%")
    assert "W_PROJECT_HEADROOM_LARGE" not in _codes(found)
    found, _ = _run(project(annual_energy=120.0))  # 30 %: the warning threshold
    assert "W_PROJECT_HEADROOM_LARGE" in _codes(found)
    found, disp = _run(project(annual_energy=400.0))  # 100 %
    assert "W_PROJECT_HEADROOM_EXCEEDED" in _codes(found) and disp.disposition == "suspend"
    found, _ = _run(
        project(annual_energy=500.0, energy_replacement_kind="equal", energy_replacement_tce=450.0)
    )
    assert (
        next(f for f in found if f.code == "I_PROJECT_HEADROOM_SHARE").evidence["share"] == "12.5%"
    )  # 50 / 400


def test_region_without_data_is_said():
    found, _ = _run(project(), region=RegionPosition("140000", no_data="no energy rows"))
    f = next(f for f in found if f.code == "W_PROJECT_REGION_NO_DATA")
    assert f.evidence["detail"] == "no energy rows"
    assert "I_PROJECT_HEADROOM_SHARE" not in _codes(found)


@settings(deadline=None)
@given(
    st.floats(min_value=50, max_value=200, allow_nan=False),
    st.floats(min_value=0, max_value=50, allow_nan=False),
    st.sampled_from(["planned", "under_construction", "built"]),
)
def test_improving_the_design_never_worsens_the_benchmark_disposition(design, better, status):
    def severity(value: float) -> int:
        p = project(status=status, design_unit_energy=value)
        found = check_benchmark(p, LEVELS, "2021", RULES, AS_OF)
        return DISPOSITION_ORDER[suggest_disposition(found, status, RULES).disposition]

    assert severity(design - better) <= severity(design)


def test_every_rule_cites_a_document_and_every_disposition_rule_is_usable():
    from ecer.findings import codes
    from ecer.models.projects import DISPOSITIONS

    registry = codes()
    for r in RULES.rules:
        assert r.doc_no and r.clause and r.quote, r.rule_id
        if r.kind == "disposition":
            assert r.subject in registry, r.rule_id  # a finding the checks can raise
            assert r.value in DISPOSITIONS.values(), r.rule_id
            assert r.statuses, r.rule_id


def test_sector_prefixes_flag_a_mismatch(tmp_path):
    from ecer.services.loading import check_file
    from tests.projects.conftest import file_row, write_projects

    found = check_file(
        write_projects(tmp_path / "p.csv", [file_row(industry_code="3011")]), "projects"
    ).findings
    (w,) = [f for f in found if f.code == "W_PROJECT_SECTOR_INDUSTRY"]  # 3011 水泥 is not 钢铁 (31)
    assert w.location.row == 2 and w.evidence["prefixes"] == "31"
    found = check_file(
        write_projects(tmp_path / "q.csv", [file_row(industry_code="31A")]), "projects"
    ).findings
    assert [f.code for f in found if f.level == "error"] == ["E_PROJECT_INDUSTRY_CODE"]


@settings(deadline=None)
@given(
    st.floats(min_value=100, max_value=1e7),
    st.floats(min_value=-0.2, max_value=0.5),
    st.floats(min_value=0, max_value=1e6),
    st.floats(min_value=0, max_value=1e6),
)
def test_headroom_share_grows_with_the_project(e0, growth, small, extra):
    from ecer.core.projects import remaining_headroom

    h = remaining_headroom(
        e0, e0 * (1 + growth), increment_cap=e0 * 0.2, gdp_growth_plan=None, intensity_target=None
    )
    assert h is not None
    assert h.remaining == pytest.approx(e0 * 1.2 - e0 * (1 + growth), rel=1e-9, abs=1e-6)
    a, b = h.share(small), h.share(small + extra)
    if h.remaining > 0:
        assert a is not None and b is not None and b >= a
    else:
        assert a is None and b is None


@settings(deadline=None)
@given(
    st.floats(min_value=0, max_value=1e5),
    st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=4),
    st.integers(min_value=2022, max_value=2026),
)
def test_the_path_with_the_project_is_never_below_the_path_without(tce, ramp, start):
    from ecer.core.projects.review import project_path

    r = project_path(
        region_code="X",
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
        project_tce=tce,
        replaced_tce=0.0,
        start_year=start,
        ramp_up=ramp,
    )
    assert all(row["energy_with"] >= row["energy_without"] for row in r.rows)
    assert r.summary["reduction_with"] <= r.summary["reduction_without"] + 1e-12


def test_a_higher_is_better_indicator_is_checked_the_right_way_round():
    """No shipped row is higher-is-better today, but the catalog's direction is data (``higher_is_better``): a
    synthetic row with benchmark 80 and baseline 60 (say an efficiency in %). By hand: design 85 is better than 80
    (gap 80 − 85 = −5), 70 is between (gap 10), 55 is worse than the baseline 60 (gap 25). Read as lower-is-better
    (the bug a mutation sample found: the check compared with "higher"), 85 would have been below baseline."""
    levels = LEVELS.filter(pl.col("field") == "水泥熟料").with_columns(
        benchmark_value=pl.lit(80.0), baseline_value=pl.lit(60.0), direction=pl.lit("higher_is_better")
    )
    for design, code, gap in [
        (85.0, "I_PROJECT_AT_BENCHMARK", "-5"),
        (80.0, "I_PROJECT_AT_BENCHMARK", "0"),
        (70.0, "W_PROJECT_BELOW_BENCHMARK", "10"),
        (60.0, "W_PROJECT_BELOW_BENCHMARK", "20"),
        (55.0, "W_PROJECT_BELOW_BASELINE", "25"),
    ]:
        (f,) = check_benchmark(project(design_unit_energy=design), levels, "2021", RULES, AS_OF)
        assert (f.code, f.evidence["gap"], f.evidence["direction"]) == (code, gap, "higher_is_better"), design
