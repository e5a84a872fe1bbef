"""Rule editions: switches and clauses as the texts rule them (POLICY_RULES a–c)."""

from __future__ import annotations

import pytest

from ecer import refdata
from ecer.findings import FindingsError
from ecer.models import RuleEdition


def test_editions() -> None:
    # in the order they took effect: 13th-FYP practice, 1310号, 33号, 1258号 + 803号, 113号
    assert refdata.rule_editions() == ["2016", "2021-09", "2021", "2022", "2024"]
    assert [refdata.rule_edition(e).effective_from for e in refdata.rule_editions()] == [
        "2016-12-20", "2021-09-11", "2021-12-28", "2022-11-16", "2024-02-02"]


def test_before_33_no_exclusions() -> None:
    """The 2021 H1 barometer (Aug 2021) predates 33号: no feedstock or renewable exclusion; 1310号 (Sept 2021) adds
    the separately listed exemption, the incentive exemption and five-year progress counting as annual."""
    old = refdata.rule_edition("2016")
    assert (old.feedstock, old.renewable_electricity, old.other_nonfossil) == ("none", "none", "none")
    assert not old.separately_listed_excluded and not old.incentive_exempts_total
    assert not old.five_year_progress_counts_as_annual and (old.plan_base_year, old.plan_target_year) == (2015, 2020)
    r1310 = refdata.rule_edition("2021-09")
    assert (r1310.feedstock, r1310.renewable_electricity) == ("none", "none")
    assert r1310.separately_listed_excluded and r1310.incentive_exempts_total
    assert r1310.five_year_progress_counts_as_annual and r1310.supersedes == "2016"
    assert "第(六)条" in r1310.clauses["separately_listed_excluded"].clause


def test_2021_gf33() -> None:
    r = refdata.rule_edition("2021")
    assert isinstance(r, RuleEdition)
    assert r.renewable_electricity == "increment_total_only"
    assert r.feedstock == "exclude_total_and_intensity"
    assert r.other_nonfossil == "none" and r.supersedes == "2021-09"
    assert "新增可再生能源电力消费量不纳入地方能源消费总量考核" in r.clauses["renewable_electricity"].quote
    assert r.clauses["feedstock"].doc_no == "国发〔2021〕33号"


def test_2022_total_only_still_in_intensity() -> None:
    r = refdata.rule_edition("2022")
    assert r.renewable_electricity == "increment_total_only" and r.renewable_base_year == 2020
    assert "仍纳入能耗强度考核" in r.clauses["renewable_electricity"].quote
    assert "1258" in r.clauses["renewable_electricity"].doc_no
    assert "基年和目标年度" in r.clauses["feedstock"].quote and "803" in r.clauses["feedstock"].doc_no
    assert "绿证" in r.clauses["renewable_evidence"].quote
    assert r.supersedes == "2021"


def test_2024_all_nonfossil_out() -> None:
    r = refdata.rule_edition("2024")
    assert r.renewable_electricity == "all_total_and_intensity"
    assert r.other_nonfossil == "exclude_total_and_intensity"
    assert r.recompute_earlier_years is False
    assert "核电" in r.clauses["renewable_electricity"].quote
    assert "发改环资〔2024〕113号" in r.clauses["renewable_electricity"].doc_no
    assert r.effective_from == "2024-02-02" and r.supersedes == "2022"
    opts = refdata.rule_options("2024")
    assert opts["recompute_earlier_years"]["default"] is False and opts["recompute_earlier_years"]["zh"]


@pytest.mark.parametrize("edition", ["2021", "2022", "2024"])
def test_common_switches(edition: str) -> None:
    r = refdata.rule_edition(edition)
    assert r.separately_listed_excluded and not r.separately_listed_remove_value_added
    assert r.incentive_exempts_total and r.five_year_progress_counts_as_annual
    assert "第(六)条" in r.clauses["separately_listed_excluded"].clause
    assert "第(九)条" in r.clauses["incentive_exempts_total"].clause
    assert "第(十三)条" in r.clauses["five_year_progress_counts_as_annual"].clause
    assert "津发改双碳〔2022〕93号" in r.clauses["separately_listed_remove_value_added"].doc_no
    for c in r.clauses.values():
        assert c.doc_no and c.clause and c.quote and c.source


def test_1258_reading_is_an_explicit_option() -> None:
    r = refdata.rule_edition("2022")
    assert r.renewable_increment_reading == "previous_year"  # the text: 每年较上一年新增
    assert "每年较上一年新增" in r.clauses["renewable_increment_reading"].quote
    assert refdata.rule_edition("2022", renewable_increment_reading="base_year").renewable_increment_reading == "base_year"
    assert refdata.rule_options("2022")["renewable_increment_reading"]["default"] == "previous_year"
    assert refdata.rule_edition("2022").incentive_exemption_pro_rata is False  # 第(九)条: five-year assessment only


def test_overrides_are_explicit() -> None:
    r = refdata.rule_edition("2024", recompute_earlier_years=True, separately_listed_remove_value_added=True)
    assert r.recompute_earlier_years and r.separately_listed_remove_value_added
    assert refdata.rule_edition("2024").recompute_earlier_years is False  # the default is not changed


def test_bad_override_and_unknown_edition() -> None:
    with pytest.raises(FindingsError) as exc:
        refdata.rule_edition("2024", recompute=True)
    assert exc.value.findings[0].code == "E_UNKNOWN_NAME" and "recompute_earlier_years" in exc.value.findings[0].message_en
    with pytest.raises(FindingsError) as exc:
        refdata.rule_edition("2022", renewable_increment_reading="magic")
    assert exc.value.findings[0].code == "E_VALUE_INVALID"
    with pytest.raises(FindingsError) as exc:
        refdata.rule_edition("2030")
    assert "2016, 2021, 2021-09, 2022, 2024" in exc.value.findings[0].message_en


def test_rules_table_view() -> None:
    df = refdata.load("dual_control_rules", "2024").data
    row = df.filter(df["switch"] == "other_nonfossil").row(0, named=True)
    assert row["value"] == "exclude_total_and_intensity" and row["confidence"] == "medium"
