"""The findings of the dual-control assessment (ecer.core.dual_control.assess), compared whole: code, level, the
entire evidence dict and both messages, in the order they are listed — W_MISSING_COMPARISON, W_PRICE_BASE_DIFFERS,
W_ELECTRICITY_BASIS_DIFFERS, E_ELECTRICITY_FACTOR_MISSING, W_ELECTRICITY_SUPPLY_RATE, I_BASE_YEAR,
E_PERIOD_OUTSIDE_PLAN, I_RENEWABLE_READINGS_DIFFER and the cap of 50 findings a kind. Units: tce, 10⁸ CNY, MWh.
Every expected value is read off the input by hand (comments) and the catalog's templates (ecer.findings)."""

from __future__ import annotations

from typing import Any

from tests.core import cases
from tests.core.cases import energy, run, target, targets


def _facts(findings: list[Any], code: str) -> list[tuple[str, dict[str, Any], str, str]]:
    return [(f.level, f.evidence, f.message_zh, f.message_en) for f in findings if f.code == code]


# --- W_MISSING_COMPARISON ----------------------------------------------------------------------------------------


def _missing_case() -> list[Any]:
    """Third quarters. 北京 110000 (target, no GDP plan) and 河北 130000 (target, GDP plan 6 %) have 2021Q3 and
    2022Q3 only; 天津 120000 has 2020Q3–2022Q3 and no target. Intensity 1000 / (10 × 10⁴) = 0.01 is plausible."""
    rows = [
        {"region_code": c, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0}
        for c in ("130000", "110000")
        for p in ("2021Q3", "2022Q3")
    ]
    rows += [
        {"region_code": "120000", "period": p, "total_energy": 1000.0, "gdp_constant": 10.0}
        for p in ("2020Q3", "2021Q3", "2022Q3")
    ]
    _, findings = run(
        energy(rows), targets(target("110000", 0.135), target("130000", 0.135, gdp_growth=0.06))
    )
    return findings


def test_missing_comparisons_name_the_quarter_a_year_earlier_and_the_base_quarter_in_region_order() -> None:
    """2021Q3 has no 2020Q3 to compare with (a year earlier); 2022Q3 has its year-on-year change (2021Q3) but not
    the plan's base quarter 2020Q3 (14th plan: base 2020). Regions in code order (110000 before 130000) though
    the data list 130000 first; 天津 without a target is never "in plan", so none of these name it."""
    yoy, cum = "同比变化 / year-on-year change", "累计降低率与进度 / cumulative reduction and progress"
    got = [f for f in _missing_case() if f.code == "W_MISSING_COMPARISON" and "assessed_period" in f.evidence]
    assert [(f.level, f.evidence, f.message_zh, f.message_en) for f in got] == [
        (
            "warning",
            {"region": "110000", "period": "2020Q3", "assessed_period": "2021Q3", "what": yoy},
            "地区 110000 缺少对比期 2020Q3 的数据，无法计算同比变化",
            "region 110000 has no data for 2020Q3; cannot compute year-on-year change",
        ),
        (
            "warning",
            {"region": "130000", "period": "2020Q3", "assessed_period": "2021Q3", "what": yoy},
            "地区 130000 缺少对比期 2020Q3 的数据，无法计算同比变化",
            "region 130000 has no data for 2020Q3; cannot compute year-on-year change",
        ),
        (
            "warning",
            {"region": "110000", "period": "2020Q3", "assessed_period": "2022Q3", "what": cum},
            "地区 110000 缺少对比期 2020Q3 的数据，无法计算累计降低率与进度",
            "region 110000 has no data for 2020Q3; cannot compute cumulative reduction and progress",
        ),
        (
            "warning",
            {"region": "130000", "period": "2020Q3", "assessed_period": "2022Q3", "what": cum},
            "地区 130000 缺少对比期 2020Q3 的数据，无法计算累计降低率与进度",
            "region 130000 has no data for 2020Q3; cannot compute cumulative reduction and progress",
        ),
    ]


def test_a_region_without_growth_plan_or_cap_and_a_region_without_targets_are_named_once_each() -> None:
    """北京 has no GDP plan nor cap: its total cannot be graded (named once, not per period); 河北 has a GDP plan,
    so it is not named; 天津 has no 14th-plan target at all."""
    got = [
        f for f in _missing_case() if f.code == "W_MISSING_COMPARISON" and "assessed_period" not in f.evidence
    ]
    assert [(f.level, f.evidence, f.message_zh, f.message_en) for f in got] == [
        (
            "warning",
            {
                "region": "110000",
                "period": "GDP 增速预期或增量上限 / planned GDP growth or increment cap",
                "what": "总量预警 / the total's grade",
            },
            "地区 110000 缺少对比期 GDP 增速预期或增量上限 的数据，无法计算总量预警",
            "region 110000 has no data for planned GDP growth or increment cap; cannot compute the total's grade",
        ),
        (
            "warning",
            {
                "region": "120000",
                "period": "14th 目标 / 14th targets",
                "what": "进度与预警等级 / progress and grades",
            },
            "地区 120000 缺少对比期 14th 目标 的数据，无法计算进度与预警等级",
            "region 120000 has no data for 14th targets; cannot compute progress and grades",
        ),
    ]


def test_a_comparison_on_another_price_base_is_a_price_base_finding_not_a_missing_comparison() -> None:
    """2020 at 2020 prices, 2021 at 2015 prices: 2021's intensity change is unknown because the bases differ (one
    W_PRICE_BASE_DIFFERS naming 2021 and its base 2015), not because 2020 is missing."""
    rows = [
        {
            "region_code": "110000",
            "period": p,
            "total_energy": 1000.0,
            "gdp_constant": 10.0,
            "price_base_year": b,
        }
        for p, b in (("2020", 2020), ("2021", 2015))
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135, gdp_growth=0.06)))
    assert _facts(findings, "W_MISSING_COMPARISON") == []
    assert _facts(findings, "W_PRICE_BASE_DIFFERS") == [
        (
            "warning",
            {"region": "110000", "period": "2021", "base": 2015},
            "地区 110000 期间 2021 的 GDP 为 2015 年价，对比期的价格基年不同，未计算强度变化",
            (
                "region 110000, period 2021: GDP is at 2015 prices but the comparison period is on another price base; "
                "the intensity change is not computed"
            ),
        )
    ]


def test_price_base_findings_are_listed_by_region_then_period() -> None:
    """天津 (given first) and 北京, each 2020 at 2020 prices and 2021, 2022 at 2015 prices: both later years differ
    from the base year 2020 → four findings, 110000 first, each region's periods in order."""
    rows = [
        {"region_code": c, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0, "price_base_year": b}
        for c in ("120000", "110000")
        for p, b in (("2022", 2015), ("2020", 2020), ("2021", 2015))
    ]
    tg = targets(target("110000", 0.135, gdp_growth=0.06), target("120000", 0.135, gdp_growth=0.06))
    _, findings = run(energy(rows), tg)
    assert [
        (f.evidence["region"], f.evidence["period"], f.evidence["base"])
        for f in findings
        if f.code == "W_PRICE_BASE_DIFFERS"
    ] == [
        ("110000", "2021", 2015),
        ("110000", "2022", 2015),
        ("120000", "2021", 2015),
        ("120000", "2022", 2015),
    ]


# --- W_ELECTRICITY_BASIS_DIFFERS ---------------------------------------------------------------------------------


def test_a_basis_differing_from_both_comparison_quarters_names_each_of_them() -> None:
    """2020Q2 and 2021Q2 calorific, 2022Q2 at 300 gce/kWh: 2022Q2 differs from the quarter a year earlier (2021Q2)
    and from the plan's base quarter (2020Q2) — the year-earlier finding first; 2021Q2 differs from neither."""
    rows = cases.renewable_rows(
        "110000",
        (("2020Q2", "calorific", None), ("2021Q2", "calorific", None), ("2022Q2", "coal_equivalent", 300.0)),
    )
    _, findings = run(energy(rows), targets(target("110000", 0.135, gdp_growth=0.06)))
    ev = {"region": "110000", "period": "2022Q2", "basis": "coal_equivalent", "other_basis": "calorific"}
    assert _facts(findings, "W_ELECTRICITY_BASIS_DIFFERS") == [
        (
            "warning",
            {**ev, "other_period": "2021Q2"},
            "地区 110000 期间 2022Q2 的电力折标口径（coal_equivalent）与对比期 2021Q2（calorific）不同，比较口径不一致",
            (
                "region 110000, 2022Q2: electricity basis coal_equivalent differs from the comparison period 2021Q2 "
                "(calorific); the comparison mixes bases"
            ),
        ),
        (
            "warning",
            {**ev, "other_period": "2020Q2"},
            "地区 110000 期间 2022Q2 的电力折标口径（coal_equivalent）与对比期 2020Q2（calorific）不同，比较口径不一致",
            (
                "region 110000, 2022Q2: electricity basis coal_equivalent differs from the comparison period 2020Q2 "
                "(calorific); the comparison mixes bases"
            ),
        ),
    ]


# --- E_ELECTRICITY_FACTOR_MISSING and W_ELECTRICITY_SUPPLY_RATE -----------------------------------------------


def test_missing_factors_are_reported_for_the_assessed_year_its_previous_year_and_the_plan_base_only() -> (
    None
):
    """Ten regions, coal-equivalent basis, 100 MWh of renewables, data for 2018, 2020, 2021, 2022 and no
    coal-equivalent factor at all; 2022 assessed: the years that matter are 2022, its previous year 2021 and the
    14th plan's base year 2020 — not 2018. Exactly ten regions are all named, without a "(+n)" tail."""
    codes = [f"{11 + i}0000" for i in range(10)]  # 110000 … 200000
    rows = cases.coal_equivalent_rows(codes, ["2018", "2020", "2021", "2022"])
    _, findings = run(
        energy(rows),
        targets(target("110000", 0.135)),
        periods=["2022"],
        factors=cases.coal_equivalent_factors([]),
    )
    named = ", ".join(codes)
    assert _facts(findings, "E_ELECTRICITY_FACTOR_MISSING") == [
        (
            "error",
            {"year": y, "regions": named, "count": 10},
            f"{y} 年没有等价值（发电煤耗）折标系数，无法扣除可再生能源和非化石能源电力（地区：{named}）",
            (
                f"no coal-equivalent (等价值, 发电煤耗) electricity factor for {y}: renewable and non-fossil electricity "
                f"cannot be deducted (regions: {named})"
            ),
        )
        for y in (2020, 2021, 2022)
    ]


def test_eleven_regions_without_a_factor_name_ten_and_count_one_more() -> None:
    codes = [f"{11 + i}0000" for i in range(11)]
    rows = cases.coal_equivalent_rows(codes, ["2021"])
    _, findings = run(
        energy(rows), targets(target("110000", 0.135)), factors=cases.coal_equivalent_factors([])
    )
    got = [f.evidence for f in findings if f.code == "E_ELECTRICITY_FACTOR_MISSING"]
    assert got == [{"year": 2021, "regions": ", ".join(codes[:10]) + " … (+1)", "count": 11}]


def test_a_supply_rate_is_reported_once_a_year_in_grams_per_kwh_rounded_to_two_places() -> None:
    """Two regions, 2020–2022, the national factor of every year a supply rate 0.304567 tce/MWh = 304.567 →
    304.57 gce/kWh: one finding per assessed year (2021, 2022; the base year 2020 is not assessed), in year order."""
    rows = cases.coal_equivalent_rows(["120000", "110000"], ["2022", "2020", "2021"])
    _, findings = run(
        energy(rows),
        targets(target("110000", 0.135)),
        factors=cases.coal_equivalent_factors([2020, 2021, 2022], "supply", 0.304567),
    )
    assert _facts(findings, "W_ELECTRICITY_SUPPLY_RATE") == [
        (
            "warning",
            {"year": y, "value": 304.57, "source": f"{y} supply label"},
            (
                f"{y} 年的等价值系数用的是供电煤耗 304.57 克标准煤/千瓦时（{y} supply label）；国家统计局发电煤耗计算法用"
                "发电煤耗，二者相差数克"
            ),
            (
                f"the {y} coal-equivalent factor is a supply (供电) coal rate, 304.57 gce/kWh ({y} supply label); NBS's "
                "发电煤耗计算法 uses the generation (发电) rate, a few grams lower"
            ),
        )
        for y in (2021, 2022)
    ]
    assert _facts(findings, "E_ELECTRICITY_FACTOR_MISSING") == []


# --- I_BASE_YEAR and E_PERIOD_OUTSIDE_PLAN -----------------------------------------------------------------------

_THREE_YEARS = [
    {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
    for p in ("2019", "2020", "2021")
]


def test_the_base_year_without_the_previous_plans_targets_is_named_with_both_plans() -> None:
    """2020 is in the 13th plan (2016–2020) and the base year of the 14th: with only 14th-plan targets it is shown
    as the base year, with the plans' Chinese names “十四五” and “十三五”."""
    _, findings = run(energy(_THREE_YEARS), targets(target("110000", 0.135)), periods=["2020"])
    assert [
        (f.code, f.level, f.evidence, f.message_zh, f.message_en)
        for f in findings
        if f.code in ("I_BASE_YEAR", "E_PERIOD_OUTSIDE_PLAN")
    ] == [
        (
            "I_BASE_YEAR",
            "info",
            {
                "period": "2020",
                "plan": "14th",
                "plan_zh": "“十四五”",
                "previous": "13th",
                "previous_zh": "“十三五”",
            },
            "2020 是“十四五”规划的基期年，不按该规划目标评价；导入“十三五”目标后按“十三五”规划评价",
            (
                "2020 is the base year of the 14th plan and is not graded against its targets; load 13th targets to "
                "grade it against the 13th plan"
            ),
        )
    ]
    assert findings[0].fix_zh == "" and findings[0].fix_en == ""


def test_a_plan_year_without_any_region_s_targets_is_outside_the_assessable_plans() -> None:
    """2021 is in the 14th plan, but no targets are loaded: an error naming the plan; the assessable years run from
    2011 (after the 12th plan's base year 2010) to 2030 (the 15th plan's target year)."""
    _, findings = run(energy(_THREE_YEARS), None, periods=["2021"])
    assert _facts(findings, "E_PERIOD_OUTSIDE_PLAN") == [
        (
            "error",
            {
                "period": "2021",
                "first": 2011,
                "last": 2030,
                "detail_zh": "2021 年属于“十四五”规划，但没有该规划的目标",
                "detail_en": "2021 belongs to the 14th plan, which has no targets loaded",
            },
            "期间 2021 不在可评价的五年规划内：2021 年属于“十四五”规划，但没有该规划的目标",
            (
                "period 2021 is outside the plans that can be assessed: 2021 belongs to the 14th plan, which has no "
                "targets loaded"
            ),
        )
    ]
    (f,) = [f for f in findings if f.code == "E_PERIOD_OUTSIDE_PLAN"]
    assert f.fix_en == "choose a period in 2011–2030, or load that plan's targets (`ecer load targets FILE`)"
    assert f.fix_zh == "选择 2011–2030 年内的期间，或导入该规划的目标（ecer load targets 文件）"


def test_a_year_in_no_plan_names_the_first_and_last_known_plans() -> None:
    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
        for p in ("2008", "2009")
    ]
    _, findings = run(energy(rows), None, periods=["2009"])
    assert _facts(findings, "E_PERIOD_OUTSIDE_PLAN") == [
        (
            "error",
            {
                "period": "2009",
                "first": 2011,
                "last": 2030,
                "detail_zh": "2009 年不在已知的五年规划内（12th–15th）",
                "detail_en": "2009 is in none of the known plans (12th–15th)",
            },
            "期间 2009 不在可评价的五年规划内：2009 年不在已知的五年规划内（12th–15th）",
            "period 2009 is outside the plans that can be assessed: 2009 is in none of the known plans (12th–15th)",
        )
    ]


def test_a_year_in_no_plan_is_not_also_a_plan_without_targets() -> None:
    # 2009 belongs to no plan: it is E_PERIOD_OUTSIDE_PLAN alone, never "None 目标 / None targets" (a bug found here)
    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
        for p in ("2008", "2009")
    ]
    _, findings = run(energy(rows), None, periods=["2009"])
    assert [f.code for f in findings if f.code in ("W_MISSING_COMPARISON", "E_PERIOD_OUTSIDE_PLAN")] == [
        "E_PERIOD_OUTSIDE_PLAN"
    ]
    assert not [f for f in findings if "None" in f.message_zh + f.message_en]


def test_one_region_in_plan_is_enough_for_a_period_to_be_assessable() -> None:
    """北京 has a 14th-plan target, 天津 none: 2021 can be graded for 北京, so no E_PERIOD_OUTSIDE_PLAN; 天津 is
    named as a region without targets."""
    rows = [{**r, "region_code": c} for c in ("110000", "120000") for r in _THREE_YEARS]
    out, findings = run(energy(rows), targets(target("110000", 0.135, gdp_growth=0.06)), periods=["2021"])
    assert [f.code for f in findings if f.code in ("E_PERIOD_OUTSIDE_PLAN", "I_BASE_YEAR")] == []
    assert (out[("110000", "2021")]["plan_status"], out[("120000", "2021")]["plan_status"]) == (
        "in_plan",
        "no_target",
    )


# --- I_RENEWABLE_READINGS_DIFFER ---------------------------------------------------------------------------------


# Cap 561.9 tce on E₂₀₂₀ = 10000: allowed growth (1.05619)^(1/5) − 1 = +1.0994 % a year. 2023 over the previous
# year: (10900 − 1500 × 0.1229) / 10600 − 1 = 10715.65 / 10600 − 1 = +1.0910 % → "+1.09%", within → 三级; over the
# 2020 base: (10900 − 3000 × 0.1229) / (10600 − 1500 × 0.1229) − 1 = 10531.3 / 10415.65 − 1 = +1.1104 % → "+1.11%",
# above the allowance by less than the red margin → 二级.
_ZH = "地区 110000 2023：新增可再生能源电力按“较上年新增”扣除时，总量增速 +1.09%（三级 / grade 3）；按“较 2020 年累计新增”扣除时 +1.11%（二级 / grade 2）；本次采用“{}”"
_EN = (
    "region 110000, 2023: with new renewable electricity counted over the previous year the total grew +1.09% "
    "(三级 / grade 3); counted over the 2020 base +1.11% (二级 / grade 2); used: {}"
)
_EV = {
    "region": "110000",
    "period": "2023",
    "growth_previous": "+1.09%",
    "grade_previous": "三级 / grade 3",
    "growth_base": "+1.11%",
    "grade_base": "二级 / grade 2",
}


def _readings_run(**options: Any) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Any]]:
    return run(
        energy(cases.renewable_path("110000")),
        targets(target("110000", 0.135, cap=561.9)),
        periods=["2023"],
        **options,
    )


def _readings_finding(used: str, used_zh: str) -> list[tuple[str, dict[str, Any], str, str]]:
    return [("info", {**_EV, "used": used, "used_zh": used_zh}, _ZH.format(used_zh), _EN.format(used))]


def test_the_previous_year_reading_names_both_growths_and_grades_and_says_it_was_used() -> None:
    _, findings = _readings_run()
    assert _facts(findings, "I_RENEWABLE_READINGS_DIFFER") == _readings_finding(
        "over the previous year", "较上年新增"
    )


def test_the_base_year_reading_keeps_each_growth_with_its_own_reading() -> None:
    """With the base-year reading the table grades +1.11 % (二级) and the other reading is +1.09 % (三级): the
    finding still puts each growth beside its own reading and says the 2020 base was used."""
    out, findings = _readings_run(renewable_increment_reading="base_year")
    assert out[("110000", "2023")]["total_grade"] == 2
    assert _facts(findings, "I_RENEWABLE_READINGS_DIFFER") == _readings_finding(
        "over the 2020 base", "较 2020 年累计新增"
    )


# --- the cap: 50 findings of a kind ------------------------------------------------------------------------------


def test_no_more_than_fifty_findings_of_each_kind_are_listed_in_region_order() -> None:
    """51 regions without targets, each 2020 (calorific, 2020 prices) and 2021 (300 gce/kWh, 2015 prices):
    51 price-base differences, 51 × 2 basis differences (2021 against its previous year and against the base
    year, both 2020) and 51 regions without targets — each list stops at 50, the first 50 codes in order."""
    codes = [f"{i:06d}" for i in range(210001, 210052)]
    rows = [
        {
            "region_code": c,
            "period": p,
            "total_energy": 1000.0,
            "gdp_constant": 10.0,
            "renewable_electricity": 100.0,
            "price_base_year": b,
            "electricity_basis": basis,
            "electricity_coal_rate": rate,
        }
        for c in codes
        for p, b, basis, rate in (("2020", 2020, "calorific", None), ("2021", 2015, "coal_equivalent", 300.0))
    ]
    _, findings = run(energy(rows), None, periods=["2021"])
    first = codes[:50]
    assert [f.evidence["region"] for f in findings if f.code == "W_PRICE_BASE_DIFFERS"] == first
    basis = [f.evidence["region"] for f in findings if f.code == "W_ELECTRICITY_BASIS_DIFFERS"]
    assert basis == first + first  # the previous-year list, then the base-year list
    assert [f.evidence["region"] for f in findings if f.code == "W_MISSING_COMPARISON"] == first


def test_no_more_than_fifty_regions_are_named_for_each_missing_comparison() -> None:
    """51 regions with targets (no GDP plan), data for 2021 and 2022 only: 51 lack 2020 for 2021's change, 51 lack
    2020 for 2022's cumulative reduction, 51 lack a growth plan — fifty of each."""
    codes = [f"{i:06d}" for i in range(220001, 220052)]
    rows = [
        {"region_code": c, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0}
        for c in codes
        for p in ("2021", "2022")
    ]
    _, findings = run(energy(rows), targets(*[target(c, 0.135) for c in codes]))
    missing = [f.evidence for f in findings if f.code == "W_MISSING_COMPARISON"]
    assert [e["region"] for e in missing if e.get("assessed_period") == "2021"] == codes[:50]
    assert [e["region"] for e in missing if e.get("assessed_period") == "2022"] == codes[:50]
    assert [e["region"] for e in missing if "assessed_period" not in e] == codes[:50]
    assert len(missing) == 150


def test_a_period_in_plan_does_not_stop_the_check_of_the_periods_after_it() -> None:
    """2025 is the 14th plan's target year (targets loaded: in plan); 2026 is in the 15th plan, which has no
    targets: 2026 is still reported after 2025 has been passed over."""
    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 1.0}
        for p in ("2024", "2025", "2026")
    ]
    _, findings = run(
        energy(rows), targets(target("110000", 0.135, gdp_growth=0.06)), periods=["2025", "2026"]
    )
    assert [
        (f.evidence["period"], f.evidence["detail_en"]) for f in findings if f.code == "E_PERIOD_OUTSIDE_PLAN"
    ] == [("2026", "2026 belongs to the 15th plan, which has no targets loaded")]


def test_a_period_left_without_rows_by_the_region_filter_does_not_stop_the_check_of_the_later_ones() -> None:
    """天津 has 2021 only, 北京 2022 only, neither has targets; only 北京 is asked for: 2021 has no row in the
    answer and is passed over, 2022 (14th plan, no targets) is still reported."""
    from ecer import refdata
    from ecer.core.dual_control import AssessmentInputs, assess
    from tests.core.cases import CALORIFIC, REGIONS, editions

    rows = [
        {"region_code": c, "period": p, "total_energy": 10000.0, "gdp_constant": 1.0}
        for c, p in (("120000", "2021"), ("110000", "2022"))
    ]
    inputs = AssessmentInputs(energy=energy(rows), regions=REGIONS, electricity_factors=CALORIFIC)
    chosen = refdata.rule_edition("2022", recompute_earlier_years=True)
    table, findings = assess(inputs, chosen, editions(), periods=["2021", "2022"], region_codes=["110000"])
    assert table.get_column("period").to_list() == ["2022"]
    assert [f.evidence["period"] for f in findings if f.code == "E_PERIOD_OUTSIDE_PLAN"] == ["2022"]
