"""The region side of a two-high project check (``ecer.core.projects.checks.check_region``), every finding compared
whole: code, the entire evidence dict and both messages, worked out by hand.

The region used: assessed with base-year energy E₀ 1 000, latest E_Y 1 200 and allowed target-year total 1 700 tce,
so 1 700 − 1 200 = 500 tce remain of the 14th plan's increment; its latest graded period is 2023 and its headroom is
stated as of 2022 (two different years, so each text shows which one it takes). The project is the planned
cement-clinker line of tests/projects/conftest.py (100 tce/yr). Thresholds from refdata/two_high_rules: window
guidance 50 000 tce (th_window_guidance), headroom share warning 30 % and suspension 100 % (ECER [C])."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.projects import Headroom, RegionPosition
from ecer.core.projects.checks import check_region
from ecer.core.projects.rules import load_rules, rules_from_frame
from tests.projects.conftest import project

RULES = load_rules()
RAW = refdata.load("two_high_rules").frame
H = Headroom(1000.0, 1200.0, 1700.0, 0.7, "increment_cap")  # remaining 1700 − 1200 = 500 tce
POS = RegionPosition(
    "120000",
    period="2023",
    intensity_grade=3,
    progress_met=True,
    headroom=H,
    headroom_period="2022",
    plan="14th",
)
YELLOW = replace(POS, intensity_grade=2)
RED = replace(POS, intensity_grade=1)
BEHIND = replace(POS, progress_met=False)


def cite(rule_id: str) -> dict[str, Any]:
    """What a finding citing ``rule_id`` carries, read straight from the shipped table's row."""
    r = RAW.filter(pl.col("rule_id") == rule_id).row(0, named=True)
    return {
        "rule": rule_id,
        "doc_no": r["doc_no"],
        "clause": r["clause"],
        "quote": r["quote"],
        "confidence": r["confidence"],
    }


def rules_without(*rule_ids: str):
    return rules_from_frame(RAW.filter(~pl.col("rule_id").is_in(list(rule_ids))), "test")


def rules_with(texts: dict[str, str], column: str = "value"):
    """The catalog's rules with ``column`` of each rule in ``texts`` (rule_id → new text) replaced."""
    (first, text), *rest = texts.items()
    chain = pl.when(pl.col("rule_id") == first).then(pl.lit(text))
    for rule_id, text in rest:
        chain = chain.when(pl.col("rule_id") == rule_id).then(pl.lit(text))
    return rules_from_frame(RAW.with_columns(chain.otherwise(pl.col(column)).alias(column)), "test")


def share_ev(**over: Any) -> dict[str, Any]:
    """The I_PROJECT_HEADROOM_SHARE evidence of the 100 tce project in POS: 100 / 500 = 20.0 %."""
    ev = {
        "project": "P",
        "region": "120000",
        "project_tce": "100",
        "gross_tce": "100",
        "replaced_tce": "0",
        "headroom": "500",
        "base_energy": "1,000",
        "latest_energy": "1,200",
        "allowed_target_energy": "1,700",
        "basis": "increment_cap",
        "period": "2022",
        "plan": "14th",
        "plan_zh": "“十四五”",
        "share": "20.0%",
        "share_value": 0.2,
    }
    ev.update(over)
    return ev


def codes(found) -> list[str]:
    return [f.code for f in found]


def by_code(found, code: str):
    (f,) = [f for f in found if f.code == code]
    return f


# --- the headroom share -------------------------------------------------------------------------------------------


def test_the_headroom_share_of_a_planned_project_is_stated_whole() -> None:
    """100 tce of the 500 remaining = 20.0 %; nothing else to say in a green region on track."""
    (f,) = check_region(project(), POS, RULES)
    assert f.code == "I_PROJECT_HEADROOM_SHARE"
    assert f.level == "info"
    assert f.evidence == share_ev()
    assert (
        f.message_zh
        == "项目 P：年能耗 100 tce 占地区 120000 “十四五”剩余用能增量 500 tce 的 20.0%（截至 2022）"
    )
    assert f.message_en == (
        "project P: its 100 tce/yr is 20.0% of region 120000's remaining 14th increment 500 tce (as of 2022)"
    )


def test_a_project_under_construction_is_new_and_gets_its_share_too() -> None:
    (f,) = check_region(project(status="under_construction"), POS, RULES)
    assert f.code == "I_PROJECT_HEADROOM_SHARE" and f.evidence == share_ev()


def test_a_built_project_has_no_region_side_below_the_window_guidance() -> None:
    assert check_region(project(status="built"), POS, RULES) == []
    assert check_region(project(status="built"), None, RULES) == []


def test_a_project_without_annual_energy_counts_as_zero() -> None:
    """annual None → 0 tce: 0 / 500 = 0.0 %."""
    (f,) = check_region(project(annual_energy=None), POS, RULES)
    assert f.evidence == share_ev(project_tce="0", gross_tce="0", share="0.0%", share_value=0.0)


def test_the_plan_is_named_in_chinese_for_the_13th_14th_and_15th_plans_only() -> None:
    for plan, plan_zh in (("13th", "“十三五”"), ("15th", "“十五五”"), ("16th", "")):
        (f,) = check_region(project(), replace(POS, plan=plan), RULES)
        assert f.evidence == share_ev(plan=plan, plan_zh=plan_zh), plan
    (f,) = check_region(project(), replace(POS, plan=None), RULES)
    assert f.evidence == share_ev(plan="", plan_zh="")
    assert f.message_zh == "项目 P：年能耗 100 tce 占地区 120000 剩余用能增量 500 tce 的 20.0%（截至 2022）"


def test_the_warning_starts_at_exactly_30_percent_of_the_remaining_increment() -> None:
    """150 / 500 = 0.3 — the threshold itself: W_PROJECT_HEADROOM_LARGE; 149 / 500 = 29.8 % — below it."""
    found = check_region(project(annual_energy=150.0), POS, RULES)
    assert codes(found) == ["I_PROJECT_HEADROOM_SHARE", "W_PROJECT_HEADROOM_LARGE"]
    ev = share_ev(project_tce="150", gross_tce="150", share="30.0%", share_value=0.3)
    assert found[0].evidence == ev
    w = found[1]
    assert w.level == "warning"
    assert w.evidence == {**ev, "threshold": "30.0%", **cite("th_headroom_warn")}
    assert w.message_zh == "项目 P：年能耗占地区 120000 剩余用能增量的 30.0%（≥ 30.0%）"
    assert w.message_en == "project P: takes 30.0% of region 120000's remaining increment (≥ 30.0%)"
    assert codes(check_region(project(annual_energy=149.0), POS, RULES)) == ["I_PROJECT_HEADROOM_SHARE"]


def test_the_headroom_is_exceeded_at_exactly_100_percent_and_cites_the_suspension() -> None:
    """500 / 500 = 1.0: W_PROJECT_HEADROOM_EXCEEDED (d_headroom_exceeded, 1310号 (十二)); 499 / 500 = 99.8 % is only
    the warning."""
    found = check_region(project(annual_energy=500.0), POS, RULES)
    assert codes(found) == ["I_PROJECT_HEADROOM_SHARE", "W_PROJECT_HEADROOM_EXCEEDED"]
    ev = share_ev(project_tce="500", gross_tce="500", share="100.0%", share_value=1.0)
    w = found[1]
    assert w.evidence == {**ev, "threshold": "100.0%", **cite("d_headroom_exceeded")}
    assert w.message_zh == "项目 P：年能耗 500 tce 超过地区 120000 剩余用能增量 500 tce（100.0%）"
    assert (
        w.message_en
        == "project P: its 500 tce/yr exceeds region 120000's remaining increment 500 tce (100.0%)"
    )
    found = check_region(project(annual_energy=499.0), POS, RULES)
    assert codes(found) == ["I_PROJECT_HEADROOM_SHARE", "W_PROJECT_HEADROOM_LARGE"]
    assert found[1].evidence["share"] == "99.8%"


def test_without_its_disposition_rule_the_exceeded_headroom_cites_the_threshold() -> None:
    found = check_region(project(annual_energy=600.0), POS, rules_without("d_headroom_exceeded"))
    w = by_code(found, "W_PROJECT_HEADROOM_EXCEEDED")
    # 600 / 500 = 120.0 %
    assert w.evidence == {
        **share_ev(project_tce="600", gross_tce="600", share="120.0%", share_value=1.2),
        "threshold": "100.0%",
        **cite("th_headroom_suspend"),
    }


def test_a_region_already_above_its_allowed_total_has_no_share_and_any_project_exceeds_it() -> None:
    """E_Y = E_allowed = 1 700: nothing remains, the share cannot be stated ("—"), 100 tce exceeds it."""
    full = replace(POS, headroom=Headroom(1000.0, 1700.0, 1700.0, 0.7, "increment_cap"))
    found = check_region(project(), full, RULES)
    assert codes(found) == ["I_PROJECT_HEADROOM_SHARE", "W_PROJECT_HEADROOM_EXCEEDED"]
    ev = share_ev(headroom="0", latest_energy="1,700", share="—", share_value=None)
    assert found[0].evidence == ev
    assert found[1].evidence == {**ev, "threshold": "100.0%", **cite("d_headroom_exceeded")}


def test_a_fully_replaced_project_takes_nothing_and_exceeds_nothing() -> None:
    """100 tce replaced by 100 tce (equal): net 0, 0 / 500 = 0.0 %; and with no headroom left, still nothing is
    exceeded by 0 tce."""
    p = project(energy_replacement_kind="equal", energy_replacement_tce=100.0)
    (f,) = check_region(p, POS, RULES)
    assert f.evidence == share_ev(project_tce="0", replaced_tce="100", share="0.0%", share_value=0.0)
    full = replace(POS, headroom=Headroom(1000.0, 1700.0, 1700.0, 0.7, "increment_cap"))
    (f,) = check_region(p, full, RULES)
    assert f.evidence["share"] == "—"


def test_the_replacement_counts_against_the_share_only_when_a_kind_is_given() -> None:
    """equal, 40 tce: net 100 − 40 = 60 → 60 / 500 = 12.0 %; kind "none" with 40 tce written: nothing replaced."""
    (f,) = check_region(project(energy_replacement_kind="equal", energy_replacement_tce=40.0), POS, RULES)
    assert f.evidence == share_ev(project_tce="60", replaced_tce="40", share="12.0%", share_value=0.12)
    (f,) = check_region(project(energy_replacement_kind="none", energy_replacement_tce=40.0), POS, RULES)
    assert f.evidence == share_ev()
    (f,) = check_region(project(energy_replacement_kind=None, energy_replacement_tce=40.0), POS, RULES)
    assert f.evidence == share_ev()


def test_a_replacement_larger_than_the_project_leaves_a_net_of_zero() -> None:
    """equal, 130 tce for a 100 tce project: net max(100 − 130, 0) = 0; replaced shown as 100 − 0 = 100."""
    (f,) = check_region(project(energy_replacement_kind="equal", energy_replacement_tce=130.0), POS, RULES)
    assert f.evidence == share_ev(project_tce="0", replaced_tce="100", share="0.0%", share_value=0.0)


# --- window guidance ----------------------------------------------------------------------------------------------


def test_the_window_guidance_starts_at_exactly_50_000_tce() -> None:
    """A built project of 50 000 tce/yr: I_PROJECT_WINDOW_GUIDANCE (1310号 (七)) and nothing else (built);
    49 999.5 tce: nothing."""
    (f,) = check_region(project(status="built", annual_energy=50_000.0), POS, RULES)
    assert f.code == "I_PROJECT_WINDOW_GUIDANCE"
    assert f.evidence == {"project": "P", "project_tce": "50,000", **cite("th_window_guidance")}
    assert f.message_zh == "项目 P：年综合能耗 50,000 tce ≥ 5 万吨标准煤，国家发展改革委加强窗口指导"
    assert f.message_en == "project P: 50,000 tce/yr ≥ 50,000 tce: NDRC window guidance applies"
    assert check_region(project(status="built", annual_energy=49_999.5), POS, RULES) == []


def test_a_new_project_over_the_window_guidance_gets_the_note_first() -> None:
    found = check_region(project(annual_energy=60_000.0), None, RULES)
    assert codes(found) == ["I_PROJECT_WINDOW_GUIDANCE", "W_PROJECT_REGION_NO_DATA"]


# --- no data ------------------------------------------------------------------------------------------------------


def test_a_region_not_assessed_is_said_in_both_languages() -> None:
    (f,) = check_region(project(), None, RULES)
    assert f.code == "W_PROJECT_REGION_NO_DATA"
    assert f.evidence == {"project": "P", "region": "120000", "detail": "未评估 / not assessed"}
    assert f.message_zh == "项目 P：地区 120000 没有可评估的能耗数据，无法计算剩余用能空间：未评估"
    assert f.message_en == (
        "project P: region 120000 has no energy data that can be assessed; its remaining headroom is not computed: "
        "not assessed"
    )


def test_a_region_without_data_says_why_and_stops_there() -> None:
    """no_data set: the red grade and the headroom it may also carry are not used."""
    region = replace(RED, no_data="没有能源数据 / no energy rows")
    (f,) = check_region(project(), region, RULES)
    assert f.evidence == {"project": "P", "region": "120000", "detail": "没有能源数据 / no energy rows"}
    assert f.message_zh.endswith("：没有能源数据")
    assert f.message_en.endswith(": no energy rows")


def test_an_assessed_region_without_a_plan_target_says_so() -> None:
    (f,) = check_region(project(), replace(POS, headroom=None), RULES)
    assert f.code == "W_PROJECT_REGION_NO_DATA"
    assert f.evidence == {
        "project": "P",
        "region": "120000",
        "detail": "没有五年规划目标（增量上限或 GDP 增速预期与强度目标） / no plan target (an increment cap, or "
        "planned GDP growth with an intensity target)",
    }
    assert f.message_zh.endswith("：没有五年规划目标（增量上限或 GDP 增速预期与强度目标）")
    assert f.message_en.endswith(
        ": no plan target (an increment cap, or planned GDP growth with an intensity target)"
    )
    (f,) = check_region(project(), replace(POS, headroom=None, headroom_note="无上限 / no cap"), RULES)
    assert f.evidence["detail"] == "无上限 / no cap"


# --- red grade ----------------------------------------------------------------------------------------------------


def red_finding(period: str = "2023") -> dict[str, Any]:
    return {"project": "P", "region": "120000", "period": period, "grade": 1, **cite("d_red_suspend")}


def test_a_red_region_suspends_the_review_of_a_planned_project() -> None:
    """Grade 1 in 2023 (the latest graded period, not the headroom's 2022)."""
    found = check_region(project(), RED, RULES)
    assert codes(found) == ["W_PROJECT_REGION_RED_SUSPENDED", "I_PROJECT_HEADROOM_SHARE"]
    f = found[0]
    assert f.evidence == red_finding()
    assert f.message_zh == (
        "项目 P：地区 120000 2023 能耗强度预警为一级（红色，强度不降反升），国家规划布局之外的“两高”项目节能审查暂停"
    )
    assert f.message_en == (
        "project P: region 120000 has a grade-1 (red) intensity warning in 2023 (intensity rose): energy reviews of "
        "two-high projects outside the national plan are suspended"
    )
    assert found[1].evidence == share_ev()


def test_the_red_suspension_spares_reviewed_national_major_and_started_projects() -> None:
    for p in (
        project(energy_review_no="能审1号"),
        project(energy_review_date="2022-01-05"),
        project(national_major="yes"),
        project(status="under_construction"),
    ):
        assert codes(check_region(p, RED, RULES)) == ["I_PROJECT_HEADROOM_SHARE"]
    assert (
        codes(check_region(project(national_major=None), RED, RULES))[0] == "W_PROJECT_REGION_RED_SUSPENDED"
    )
    for grade in (2, 3):
        assert "W_PROJECT_REGION_RED_SUSPENDED" not in codes(
            check_region(project(), replace(POS, intensity_grade=grade), RULES)
        )


def test_without_its_disposition_rule_the_red_suspension_cites_the_grade_1_rule() -> None:
    (f, _) = check_region(project(), RED, rules_without("d_red_suspend"))
    assert f.evidence == {
        "project": "P",
        "region": "120000",
        "period": "2023",
        "grade": 1,
        **cite("er_grade1"),
    }


# --- energy replacement -------------------------------------------------------------------------------------------


def yellow_ev(**over: Any) -> dict[str, Any]:
    ev = {
        "project": "P",
        "region": "120000",
        "reason_zh": "2023 能耗强度预警为二级（黄色）",
        "reason_en": "has a grade-2 (yellow) intensity warning in 2023",
        "kind": "equal",
        "kind_zh": "等量",
        "needed": "100",
        "requirement": "er_grade2",
    }
    ev.update(over)
    return ev


BEHIND_EV = {
    "reason_zh": "2022 未达到能耗强度降低基本目标进度要求",
    "reason_en": "missed the basic intensity target's progress in 2022",
    "kind": "equal_or_reduction",
    "kind_zh": "等量或减量",
    "requirement": "er_progress",
}


def test_a_yellow_region_needs_an_equal_energy_replacement() -> None:
    found = check_region(project(), YELLOW, RULES)
    assert codes(found) == ["W_PROJECT_ENERGY_REPLACEMENT_MISSING", "I_PROJECT_HEADROOM_SHARE"]
    f = found[0]
    assert f.evidence == {**yellow_ev(), **cite("d_energy_missing")}
    assert f.message_zh == (
        "项目 P：地区 120000 2023 能耗强度预警为二级（黄色），新上项目须实行能耗等量替代，未填替代方案（需 ≥ 100 tce/年）"
    )
    assert f.message_en == (
        "project P: region 120000 has a grade-2 (yellow) intensity warning in 2023; a new project needs energy "
        "replacement (equal); none is given (needs ≥ 100 tce/yr)"
    )


def test_a_region_behind_its_progress_needs_equal_or_reduced_replacement_whatever_its_grade() -> None:
    """progress missed (as of the headroom's year 2022) replaces the yellow grade's reason."""
    for region in (BEHIND, replace(BEHIND, intensity_grade=2)):
        f = check_region(project(), region, RULES)[0]
        assert f.code == "W_PROJECT_ENERGY_REPLACEMENT_MISSING"
        assert f.evidence == {**yellow_ev(**BEHIND_EV), **cite("d_energy_missing")}
        assert f.message_en == (
            "project P: region 120000 missed the basic intensity target's progress in 2022; a new project needs "
            "energy replacement (equal_or_reduction); none is given (needs ≥ 100 tce/yr)"
        )
        assert f.message_zh.startswith(
            "项目 P：地区 120000 2022 未达到能耗强度降低基本目标进度要求，新上项目须实行能耗等量或减量替代"
        )


def test_an_unknown_progress_needs_no_replacement() -> None:
    assert codes(check_region(project(), replace(POS, progress_met=None), RULES)) == [
        "I_PROJECT_HEADROOM_SHARE"
    ]


def test_a_replacement_of_a_kind_but_zero_tce_or_tce_without_a_kind_is_missing() -> None:
    for p in (
        project(energy_replacement_kind="equal", energy_replacement_tce=0.0),
        project(energy_replacement_kind="equal", energy_replacement_tce=None),
        project(energy_replacement_kind="none", energy_replacement_tce=40.0),
        project(energy_replacement_kind=None, energy_replacement_tce=40.0),
    ):
        assert codes(check_region(p, YELLOW, RULES))[0] == "W_PROJECT_ENERGY_REPLACEMENT_MISSING"


def test_a_replacement_short_of_the_project_is_said_with_both_amounts() -> None:
    """40 tce replaced of the 100 needed: SHORT (d_energy_short); the share counts the net 60 tce (12.0 %)."""
    p = project(energy_replacement_kind="equal", energy_replacement_tce=40.0)
    found = check_region(p, YELLOW, RULES)
    assert codes(found) == ["W_PROJECT_ENERGY_REPLACEMENT_SHORT", "I_PROJECT_HEADROOM_SHARE"]
    f = found[0]
    assert f.evidence == {**yellow_ev(), "given": "40", **cite("d_energy_short")}
    assert f.message_zh == "项目 P：能耗替代量 40 tce/年 少于所需 100 tce/年（等量替代）"
    assert (
        f.message_en
        == "project P: the energy replacement of 40 tce/yr is below the 100 tce/yr needed (equal)"
    )
    assert found[1].evidence == share_ev(project_tce="60", replaced_tce="40", share="12.0%", share_value=0.12)


def test_a_replacement_of_exactly_the_project_energy_is_enough() -> None:
    """99.5 of 100 tce is short; 100 of 100 is not."""
    p = project(energy_replacement_kind="reduction", energy_replacement_tce=99.5)
    f = check_region(p, YELLOW, RULES)[0]
    assert f.code == "W_PROJECT_ENERGY_REPLACEMENT_SHORT" and f.evidence["given"] == "99.5"
    p = project(energy_replacement_kind="reduction", energy_replacement_tce=100.0)
    assert codes(check_region(p, YELLOW, RULES)) == ["I_PROJECT_HEADROOM_SHARE"]


def test_without_their_disposition_rules_the_replacement_findings_cite_the_requirement() -> None:
    rules = rules_without("d_energy_missing", "d_energy_short")
    f = check_region(project(), YELLOW, rules)[0]
    assert f.evidence == {**yellow_ev(), **cite("er_grade2")}
    f = check_region(project(energy_replacement_kind="equal", energy_replacement_tce=40.0), YELLOW, rules)[0]
    assert f.evidence == {**yellow_ev(), "given": "40", **cite("er_grade2")}


def test_the_replacement_applies_only_to_the_statuses_its_rule_names() -> None:
    """er_grade2 narrowed to 拟建: a yellow region's project under construction needs nothing; a planned one does."""
    only_planned = rules_with({"er_grade2": "拟建"}, column="condition")
    assert codes(check_region(project(status="under_construction"), YELLOW, only_planned)) == [
        "I_PROJECT_HEADROOM_SHARE"
    ]
    assert codes(check_region(project(), YELLOW, only_planned))[0] == "W_PROJECT_ENERGY_REPLACEMENT_MISSING"


def test_without_a_grade_2_or_progress_rule_nothing_is_required() -> None:
    assert codes(check_region(project(), YELLOW, rules_without("er_grade2"))) == ["I_PROJECT_HEADROOM_SHARE"]
    assert codes(check_region(project(), BEHIND, rules_without("er_progress"))) == [
        "I_PROJECT_HEADROOM_SHARE"
    ]


def test_half_a_tonne_replaced_is_a_replacement_though_short() -> None:
    """equal, 0.5 tce of the 100 needed: more than nothing, so SHORT (given 0.5), not MISSING."""
    f = check_region(project(energy_replacement_kind="equal", energy_replacement_tce=0.5), YELLOW, RULES)[0]
    assert (f.code, f.evidence["given"]) == ("W_PROJECT_ENERGY_REPLACEMENT_SHORT", "0.5")


def test_half_a_tonne_net_exceeds_a_region_with_nothing_left() -> None:
    """100 tce with 99.5 replaced: net 0.5 tce > 0 against 0 tce remaining: exceeded."""
    full = replace(POS, headroom=Headroom(1000.0, 1700.0, 1700.0, 0.7, "increment_cap"))
    p = project(energy_replacement_kind="equal", energy_replacement_tce=99.5)
    found = check_region(p, full, RULES)
    assert codes(found) == ["I_PROJECT_HEADROOM_SHARE", "W_PROJECT_HEADROOM_EXCEEDED"]
    assert found[1].evidence["project_tce"] == "0.5"


def test_a_replacement_kind_the_labels_do_not_know_is_shown_as_written() -> None:
    """er_grade2 asking for "ratio_1.5" (no Chinese label): kind_zh falls back to the value itself."""
    custom = rules_with({"er_grade2": "ratio_1.5"})
    f = check_region(project(), YELLOW, custom)[0]
    assert f.evidence == {**yellow_ev(kind="ratio_1.5", kind_zh="ratio_1.5"), **cite("d_energy_missing")}
    assert "须实行能耗ratio_1.5替代" in f.message_zh
