"""Values exactly at a threshold, options carried to an older edition, and the fields a test had not read yet
(issue 5 §3.2–3.3; the survivors of the mutation sample of seed 20261218, docs/mutation.md).

Every expected value is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.dual_control.editions import CARRIED_OPTIONS, edition_for_period
from ecer.core.projects.rules import rules_from_frame
from ecer.core.targets.barometer import Thresholds, total_grade
from ecer.core.targets.progress import growth_within
from ecer.core.targets.tracking import level_target
from ecer.core.transfer import classify, match_project
from ecer.models.rules import RuleEdition
from ecer.periods import Period
from tests.core.test_transfer_details import MACRO, ROWS, RULES

EXACT = Thresholds(tolerance=0.0)  # no rounding allowance: the comparison itself decides at the boundary


def test_a_total_growing_exactly_as_allowed_is_on_pace() -> None:
    # "up to the allowed growth 三级": 4 % against 4 % allowed is 三级 (green), not 二级, even with no tolerance;
    # 4 % + the 1-point margin exactly is still 二级, above it 一级
    assert total_grade(0.04, 0.04, thresholds=EXACT) == 3
    assert total_grade(0.05, 0.04, thresholds=Thresholds(tolerance=0.0, total_red_margin=0.01)) == 2
    assert total_grade(0.0500001, 0.04, thresholds=EXACT) == 1


def test_a_growth_equal_to_the_allowed_one_is_within_it() -> None:
    # g ≤ g_a + ε with ε = 0: equal is within, a hair above is not
    assert growth_within(0.0476, 0.0476, 0.0) is True
    assert growth_within(0.0476001, 0.0476, 0.0) is False


def _edition(name: str, day: str, **kw: object) -> RuleEdition:
    return RuleEdition(edition=name, name_zh=name, name_en=name, effective_from=day, feedstock="none",
                       renewable_electricity="none", **kw)


def test_the_chosen_editions_open_choices_carry_to_the_edition_of_an_earlier_period() -> None:
    # 2024 is chosen with every open choice away from its default; 2021 (a year) falls under the 2021 edition, which
    # must take the three choices of the chosen one, and nothing else of it
    old = _edition("2021", "2021-12-28")
    chosen = _edition("2024", "2024-02-02", separately_listed_remove_value_added=True,
                      renewable_increment_reading="base_year", incentive_exemption_pro_rata=True)
    got = edition_for_period(Period.parse("2021"), chosen, [old, chosen])
    assert got.edition == "2021" and got.effective_from == "2021-12-28"
    assert CARRIED_OPTIONS == ("separately_listed_remove_value_added", "renewable_increment_reading",
                               "incentive_exemption_pro_rata")
    assert (got.separately_listed_remove_value_added, got.renewable_increment_reading,
            got.incentive_exemption_pro_rata) == (True, "base_year", True)
    assert (old.separately_listed_remove_value_added, old.renewable_increment_reading,
            old.incentive_exemption_pro_rata) == (False, "previous_year", False)  # the table's edition is unchanged


def test_a_level_target_keeps_the_thresholds_it_is_given_and_names_a_bad_base() -> None:
    th = Thresholds(intensity_rise=0.002, total_red_margin=0.02)
    t = level_target(86, 80, base_year=2020, target_year=2025, thresholds=th, label="份额 / share", source="S")
    assert t.thresholds == th and (t.label, t.source) == ("份额 / share", "S")
    assert t.size == pytest.approx(86 / 80 - 1, rel=1e-12)  # 0.075
    with pytest.raises(ValueError, match=r"the base value must be > 0 to set a path to a level, got 0"):
        level_target(86, 0, base_year=2020, target_year=2025)


def test_a_null_cell_of_the_rules_table_is_empty_text_not_none() -> None:
    frame = pl.DataFrame({"rule_id": ["r1"], "kind": ["check"], "subject": ["energy_review"], "condition": [None],
                          "value": [None], "quote": ["坚决遏制"], "doc_no": ["环环评〔2021〕45号"], "clause": ["一"],
                          "confidence": ["A"]}, schema_overrides={"condition": pl.String, "value": pl.String})
    rule = rules_from_frame(frame, "2021").rules[0]
    assert (rule.condition, rule.value) == ("", "")  # not "None"
    assert rule.statuses == () and rule.quote == "坚决遏制"


LABOUR = [{"part_id": "labour", "condition": "labour_transport", "part_zh": "劳动力丰富", "part_en": "ample labour",
           "indicator_code": "labour_force", "comparison": "at_least_median", "clause": "二、推进产业国内梯度转移"}]


def test_matching_measures_a_condition_against_the_candidates_median() -> None:
    # labour-intensive (17) may move west provided 劳动力丰富; labour_force 5 and 3 in two 甘肃 regions: the median of
    # the two candidates is (5 + 3) / 2 = 4, so 620100 meets it (5 ≥ 4) and 620200 does not (3 < 4)
    r = match_project(classify("1721", ROWS), {}, ["620100", "620200"], MACRO, RULES, {}, measures=LABOUR,
                      condition_values={"labour_force": {"620100": 5.0, "620200": 3.0}})
    rows = r.frame.to_dicts()
    assert [(x["region_code"], x["conditions_ok"], x["candidate"]) for x in rows] == [
        ("620100", True, True), ("620200", False, False)]
    assert rows[0]["reasons_zh"].endswith("劳动力丰富：labour_force = 5，不低于候选地区中位数 4（2 个地区；"
                                          "指导意见未给出阈值，按候选地区中位数比较），满足（工信部联政法〔2021〕215号 二）")
    assert "ample labour: labour_force = 3, below the candidates' median 4 (2 regions;" in rows[1]["reasons_en"]
    assert [x["to_verify_zh"] for x in rows] == ["", ""]  # measured, so nothing is left to verify
