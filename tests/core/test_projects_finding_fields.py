"""The evidence of three two-high project findings, worked by hand.

Inputs: the planned cement-clinker line of tests/projects/conftest.py (capacity 1 000 吨/年, design 98 kgce/t) and
the rows of the shipped tables — 水泥熟料 benchmark 100, baseline 117 kgce/t (发改产业〔2021〕1609号, 2021 edition);
the rules table refdata/two_high_rules/2021: deadline dl_baseline_2021 = 2025-12-31, disposition
d_below_baseline_past_deadline (建成 → 退出, 1609号 三、限期分批改造升级和淘汰), energy ratio window 0.5–2.
"""

from __future__ import annotations

from ecer.core.projects.checks import check_benchmark, check_energy_consistency, check_region
from tests.projects.conftest import project
from tests.projects.test_checks import GREEN, LEVELS, RULES


def test_a_built_project_below_baseline_past_the_deadline_cites_the_exit_rule() -> None:
    """Built, design 120 kgce/t > baseline 117 (lower is better): below baseline; checked on 2026-01-01, after the
    deadline 2025-12-31. The finding cites the disposition rule for a built project — d_below_baseline_past_deadline,
    发改产业〔2021〕1609号 三、限期分批改造升级和淘汰 — and names the deadline."""
    p = project(status="built", design_unit_energy=120.0)
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, "2026-01-01")
    assert f.code == "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE"
    assert f.evidence["deadline"] == "2025-12-31"
    assert (f.evidence["design"], f.evidence["baseline"], f.evidence["gap"]) == ("120", "117", "20")
    assert f.evidence["rule"] == "d_below_baseline_past_deadline"
    assert f.evidence["doc_no"] == "发改产业〔2021〕1609号"
    assert f.evidence["clause"] == "三、限期分批改造升级和淘汰"
    assert f.evidence["quote"] == "对于不能按期改造完毕的项目进行淘汰"
    assert f.message_en.startswith("project P: ")
    assert f.message_en.endswith(
        " 120 kgce/t is worse than the baseline 117 kgce/t and the retrofit deadline 2025-12-31 has passed"
    )


def test_an_inconsistent_annual_energy_names_the_capacity() -> None:
    """1 000 t/yr × 98 kgce/t = 98 tce/yr expected; 30 tce given: ratio 30/98 = 0.306, below 0.5 — inconsistent.
    The finding gives the capacity as 1,000 (吨/年) beside the annual 30 and the expected 98 tce."""
    (f,) = check_energy_consistency(project(annual_energy=30.0), LEVELS, RULES)
    assert f.code == "W_PROJECT_ENERGY_INCONSISTENT"
    assert f.evidence["capacity"] == "1,000"
    assert f.evidence["capacity_unit"] == "吨/年"
    assert (f.evidence["annual"], f.evidence["expected"], f.evidence["ratio"]) == ("30", "98", "0.306")
    assert f.message_en.startswith(
        "project P: the annual energy of 30 tce does not match capacity 1,000 吨/年 × design "
    )
    assert "与产能 1,000 吨/年 × 设计" in f.message_zh


def test_the_headroom_share_carries_the_regions_totals() -> None:
    """GREEN's headroom: base-year energy E₀ 1 000, latest 1 100, allowed 1 500 tce (remaining 400); the planned
    project's 100 tce/yr is 25.0 % of it."""
    f = next(f for f in check_region(project(), GREEN, RULES) if f.code == "I_PROJECT_HEADROOM_SHARE")
    assert f.evidence["base_energy"] == "1,000"
    assert (f.evidence["latest_energy"], f.evidence["allowed_target_energy"]) == ("1,100", "1,500")
    assert (f.evidence["headroom"], f.evidence["share"]) == ("400", "25.0%")
