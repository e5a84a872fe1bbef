"""What a finding of the core says, word for word, in Chinese and English (issue 5 §3.3: the mutation samples'
survivors were mostly fields of a message that no test read — the record, the value, the location).

One test per finding that no other test read the message of (found by listing, for every code the core emits, the
tests that name the code and read ``message_en`` / ``message_zh``). Each expected text is the code's template in
``ecer.findings`` filled by hand from the input: the benchmark rows are those of 发改产业〔2021〕1609号 as shipped
(水泥熟料 可比熟料综合能耗 benchmark 100, baseline 117 kgce/t; 炼钢 电弧炉冶炼（公称容量≥50吨） 单位产品能耗
61 / 72 kgce/t), the project and the region those of tests/projects/test_checks.py.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.core.projects import Headroom, RegionPosition, check_project, load_rules
from ecer.core.projects.checks import check_benchmark
from ecer.core.targets.tracking import Target, track
from ecer.findings import Finding
from tests.projects.conftest import project

RULES = load_rules()
LEVELS = refdata.load("benchmark_levels", "2021").frame
AS_OF = "2026-12-01"
GREEN = RegionPosition(
    "120000",
    period="2021",
    intensity_grade=3,
    progress_met=True,
    headroom=Headroom(1000.0, 1100.0, 1500.0, 0.5, "increment_cap"),  # remaining 1500 − 1100 = 400 tce
    headroom_period="2021",
    plan="14th",
)


def _one(found: list[Finding], code: str) -> Finding:
    (f,) = [f for f in found if f.code == code]
    return f


def _run(p: dict[str, object], region: RegionPosition = GREEN, as_of: str = AS_OF) -> list[Finding]:
    return check_project(p, levels=LEVELS, edition="2021", region=region, rules=RULES, as_of=as_of)


# --- core/projects/checks.py ----------------------------------------------------------------------------------


def test_below_benchmark_says_the_design_the_benchmark_and_the_gap() -> None:
    # 65 kgce/t against 61: gap 4 kgce/t, 4 / 61 = 6.557 % → "6.6%"
    p = project(benchmark_field="炼钢", benchmark_sub_category="电弧炉冶炼（公称容量≥50吨）", design_unit_energy=65.0)
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, AS_OF)
    assert f.message_en == (
        "project P: design 单位产品能耗 65 kgce/t does not reach the 炼钢 benchmark level 61 kgce/t (gap 4 kgce/t, "
        "6.6%; 2021 edition)"
    )
    assert f.message_zh == "项目 P：设计单位产品能耗 65 kgce/t 未达到炼钢能效标杆水平 61 kgce/t（差距 4 kgce/t，6.6%；2021 年版）"


def test_below_baseline_says_the_baseline() -> None:
    # 水泥熟料 117.5 kgce/t: worse than the baseline 117
    (f,) = check_benchmark(project(design_unit_energy=117.5), LEVELS, "2021", RULES, AS_OF)
    assert f.code == "W_PROJECT_BELOW_BASELINE"
    assert f.message_en == (
        "project P: 可比熟料综合能耗 117.5 kgce/t is worse than the 水泥熟料 baseline level 117 kgce/t (2021 edition)"
    )
    assert f.message_zh == "项目 P：可比熟料综合能耗 117.5 kgce/t 劣于水泥熟料能效基准水平 117 kgce/t（2021 年版）"


def test_below_baseline_past_the_deadline_names_the_deadline() -> None:
    # a built line at 120 kgce/t checked on 2026-01-01, after the retrofit deadline of the rules table
    built = project(status="built", design_unit_energy=120.0, energy_review_no="能审", eia_no="环审",
                    construction_start="2018-01-01", operation_start="2019-01-01")
    deadline = RULES.deadline("below_baseline_2021").value
    f = _one(_run(built, as_of="2026-01-01"), "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE")
    assert deadline < "2026-01-01"
    assert f.message_en == (
        f"project P: 可比熟料综合能耗 120 kgce/t is worse than the baseline 117 kgce/t and the retrofit deadline "
        f"{deadline} has passed"
    )
    assert f.message_zh == f"项目 P：可比熟料综合能耗 120 kgce/t 劣于基准水平 117 kgce/t，改造期限 {deadline} 已过"


def test_a_missing_energy_review_names_the_project_and_its_status() -> None:
    p = project(status="under_construction", eia_no="环审1号", eia_date="2022-01-10", construction_start="2022-03-01")
    f = _one(_run(p), "W_PROJECT_ENERGY_REVIEW_MISSING")
    assert f.message_en.startswith("project P (under_construction) has no energy review (节能审查): ")
    assert f.message_zh.startswith("项目 P（在建）没有节能审查意见：")
    planned = _one(_run(project()), "I_PROJECT_ENERGY_REVIEW_PENDING")
    assert planned.message_en == "project P (planned) has no energy review yet: it must be obtained before construction"
    assert planned.message_zh == "项目 P（拟建）尚无节能审查意见：须在开工前取得"


def test_a_project_under_construction_without_its_start_says_the_order_cannot_be_checked() -> None:
    p = project(status="under_construction", energy_review_no="能审1号", energy_review_date="2022-01-05")
    f = _one(_run(p), "I_PROJECT_DATES_INCOMPLETE")
    assert f.message_en == (
        "project P (under_construction) has no construction start: the order of approvals cannot be checked"
    )
    assert f.message_zh == "项目 P（在建）未填开工日期，无法核对审批顺序"


def test_approvals_out_of_order_say_which_dates() -> None:
    # planned, yet construction started on 2022-03-01 (before the check date 2026-12-01)
    f = _one(_run(project(construction_start="2022-03-01")), "W_PROJECT_APPROVAL_ORDER")
    assert f.message_en == "project P: status is planned but construction started on 2022-03-01"
    assert f.message_zh == "项目 P：状态为拟建，但已于 2022-03-01 开工"
    # a review dated after the check date
    later = project(energy_review_no="能审1号", energy_review_date="2027-01-01")
    g = _one(_run(later), "W_PROJECT_APPROVAL_ORDER")
    assert g.message_en == "project P: energy_review_date 2027-01-01 is after the check date 2026-12-01"
    assert g.message_zh == "项目 P：energy_review_date 2027-01-01 晚于核查日期 2026-12-01"


def test_a_red_region_names_the_region_and_the_period() -> None:
    red = RegionPosition("120000", period="2021", intensity_grade=1, progress_met=True, headroom=GREEN.headroom,
                         headroom_period="2021", plan="14th")
    f = _one(_run(project(), region=red), "W_PROJECT_REGION_RED_SUSPENDED")
    assert f.message_en.startswith(
        "project P: region 120000 has a grade-1 (red) intensity warning in 2021 (intensity rose): "
    )
    assert f.message_zh.startswith("项目 P：地区 120000 2021 能耗强度预警为一级（红色，强度不降反升）")


def test_energy_replacement_missing_and_short_name_what_is_needed() -> None:
    # grade 2 (yellow), progress met: equal replacement (er_grade2) of the project's 100 tce/yr
    yellow = RegionPosition("120000", period="2021", intensity_grade=2, progress_met=True, headroom=GREEN.headroom,
                            headroom_period="2021", plan="14th")
    f = _one(_run(project(), region=yellow), "W_PROJECT_ENERGY_REPLACEMENT_MISSING")
    assert f.message_en == (
        "project P: region 120000 has a grade-2 (yellow) intensity warning in 2021; a new project needs energy "
        "replacement (equal); none is given (needs ≥ 100 tce/yr)"
    )
    assert f.message_zh == (
        "项目 P：地区 120000 2021 能耗强度预警为二级（黄色），新上项目须实行能耗等量替代，未填替代方案（需 ≥ 100 tce/年）"
    )
    g = _one(_run(project(energy_replacement_kind="equal", energy_replacement_tce=60.0), region=yellow),
             "W_PROJECT_ENERGY_REPLACEMENT_SHORT")
    assert g.message_en == "project P: the energy replacement of 60 tce/yr is below the 100 tce/yr needed (equal)"
    assert g.message_zh == "项目 P：能耗替代量 60 tce/年 少于所需 100 tce/年（等量替代）"
    # progress missed: the 1310号 rule (equal or reduction), its reason in each language
    behind = RegionPosition("120000", period="2021", intensity_grade=3, progress_met=False, headroom=GREEN.headroom,
                            headroom_period="2021", plan="14th")
    h = _one(_run(project(), region=behind), "W_PROJECT_ENERGY_REPLACEMENT_MISSING")
    assert h.message_en.startswith(
        "project P: region 120000 missed the basic intensity target's progress in 2021; a new project needs energy "
        "replacement (equal_or_reduction)"
    )
    assert h.message_zh.startswith("项目 P：地区 120000 2021 未达到能耗强度降低基本目标进度要求，新上项目须实行能耗等量或减量替代")


def test_headroom_warnings_state_the_share_and_the_threshold() -> None:
    # 120 tce of 400 remaining = 30.0 % (the warning threshold); 400 of 400 = 100.0 % (suspend)
    warn_at = RULES.threshold("headroom_share_warning")[0]
    f = _one(_run(project(annual_energy=120.0)), "W_PROJECT_HEADROOM_LARGE")
    assert warn_at == pytest.approx(0.30)
    assert f.message_en == "project P: takes 30.0% of region 120000's remaining increment (≥ 30.0%)"
    assert f.message_zh == "项目 P：年能耗占地区 120000 剩余用能增量的 30.0%（≥ 30.0%）"
    g = _one(_run(project(annual_energy=400.0)), "W_PROJECT_HEADROOM_EXCEEDED")
    assert g.message_en == "project P: its 400 tce/yr exceeds region 120000's remaining increment 400 tce (100.0%)"
    assert g.message_zh == "项目 P：年能耗 400 tce 超过地区 120000 剩余用能增量 400 tce（100.0%）"


# --- core/targets/tracking.py ---------------------------------------------------------------------------------


def test_a_series_without_its_base_value_is_named() -> None:
    # B has no 2020 value: its rows have no progress, and the finding names it and the base year
    df = pl.DataFrame({"r": ["A", "A", "B"], "year": [2020, 2021, 2021], "value": [1.0, 0.97, 0.9]})
    out, findings = track(df, Target(size=0.18, base_year=2020, target_year=2025, label="能耗强度 / energy intensity"),
                          key=["r"])
    (f,) = [f for f in findings if f.code == "E_TARGET_BASE_MISSING"]
    assert f.message_en == (
        "energy intensity: B has no value for the base year 2020, so no cumulative progress can be computed"
    )
    assert f.message_zh == "能耗强度：B 没有基年 2020 的数值，无法计算累计进度"
    assert out.filter(pl.col("r") == "B")["achieved_cumulative"].to_list() == [None]


# --- core/dual_control/assess.py ------------------------------------------------------------------------------


def test_a_price_base_differing_names_region_period_and_base() -> None:
    # 110000: 2020 at 2020 prices, 2021 at 2015 prices → 2021's GDP cannot be compared with 2020's
    from tests.core.cases import energy, run, target, targets

    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0, "price_base_year": b}
        for p, b in (("2020", 2020), ("2021", 2015))
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    (f,) = [f for f in findings if f.code == "W_PRICE_BASE_DIFFERS"]
    assert f.message_en == (
        "region 110000, period 2021: GDP is at 2015 prices but the comparison period is on another price base; the "
        "intensity change is not computed"
    )
    assert f.message_zh == "地区 110000 期间 2021 的 GDP 为 2015 年价，对比期的价格基年不同，未计算强度变化"


# --- core/pollutants/decompose.py -----------------------------------------------------------------------------


def test_a_task_without_any_weight_names_the_method_and_the_task() -> None:
    from ecer.core.pollutants.decompose import decompose
    from ecer.findings import FindingsError

    # every base emission 0: "by base emissions" has nothing to share 68 600 t by
    cities = pl.DataFrame({"region_code": ["350100", "350200"], "base_emissions": [0.0, 0.0]})
    with pytest.raises(FindingsError) as e:
        decompose(cities, 68_600.0)
    (f,) = e.value.findings
    assert f.code == "E_DECOMPOSITION_NO_WEIGHT"
    # the default method is base_proportional, 按基数比例 / base-proportional (its labels in decompose.METHODS);
    # the task is written as a whole number of tonnes; each language names the method in its own words
    assert f.message_en == (
        "decomposition by 'base-proportional': every region's weight is 0, the task of 68600 t cannot be shared"
    )
    assert f.message_zh == "按“按基数比例”分解：所有地区的权重都为 0，任务 68600 t 无法分配"
    assert f.fix_zh == "检查基年排放量和指标；至少一个地区须有正权重"
    assert f.fix_en == "check the base emissions and indicators; at least one region needs a positive weight"


def test_a_task_above_the_base_names_the_method_in_each_language() -> None:
    from ecer.core.pollutants.decompose import decompose

    # burden-weighted, λ = 10: weights 300 000 × (1 + 10·0), 150 000 × (1 + 10·2), 50 000 × (1 + 10·2)
    # = 300 000, 3 150 000, 1 050 000 of Σ 4 500 000; a 400 000 t task gives 350200 280 000 t (> 150 000) and
    # 350300 93 333.3 t (> 50 000)
    cities = pl.DataFrame({"region_code": ["350100", "350200", "350300"],
                           "base_emissions": [300_000.0, 150_000.0, 50_000.0], "gap": [0.0, 2.0, 2.0]})
    _, found = decompose(cities, 400_000.0, "burden_weighted", gap_factor=10)
    first, second = found
    assert first.message_zh == "按“按治理任务（质量差距）加权”分解：350200 分得任务 280000 t，超过其基年排放量 150000 t"
    assert first.message_en == ("decomposition by 'burden-weighted by the quality gap': 350200 is given 280000 t, "
                                "more than its base emissions of 150000 t")
    assert second.message_zh == "按“按治理任务（质量差距）加权”分解：350300 分得任务 93333.3 t，超过其基年排放量 50000 t"
    assert second.fix_zh == "调整方法参数（如差距系数）或总任务"
    assert second.fix_en == "adjust the method's parameters (e.g. the gap factor) or the total"


# --- core/analysis/allocation.py ------------------------------------------------------------------------------


def test_an_unreachable_national_cut_names_the_method_in_each_language() -> None:
    from ecer.core.analysis import allocation as al
    from ecer.findings import FindingsError

    # two regions E0 100 / 100 tce, G0 100 / 400, GT 150 / 800; targets held within −50 %…60 %. At 60 % everywhere
    # E_T = 0.4 × (100/100 × 150 + 100/400 × 800) = 140, A = 1 − (140/950) / (200/500) = 63.16 %; at −50 %
    # E_T = 1.5 × 350 = 525, A = 1 − (525/950) / 0.4 = −38.16 %: a 99 % cut is out of reach
    two = pl.DataFrame({"region_code": ["A", "B"], "energy_0": [100.0, 100.0], "gdp_0": [100.0, 400.0],
                        "gdp_t": [150.0, 800.0]})
    with pytest.raises(FindingsError) as e:
        al.allocate_tiers(two, 0.99)
    (f,) = e.value.findings
    assert f.message_zh == ("按“按能源产出率分档”无法使全国强度降低 99.00%：各地区目标限定在 -50.00%–60.00% 之间时，"
                            "汇总降低率只能在 -38.16%–63.16% 之间")
    assert f.message_en == ("by 'tiers' the national intensity cut of 99.00% cannot be met: with regional targets held "
                            "within -50.00%–60.00% the aggregate ranges only over -38.16%–63.16%")



def test_an_eia_dated_after_the_construction_start_says_built_before_approval() -> None:
    # under construction since 2022-03-01; energy review 2022-01-05 is in order, the EIA of 2022-05-01 is not
    p = project(status="under_construction", energy_review_no="能审1号", energy_review_date="2022-01-05",
                eia_no="环审1号", eia_date="2022-05-01", construction_start="2022-03-01")
    f = _one(_run(p), "W_PROJECT_APPROVAL_ORDER")
    assert f.evidence["which"] == "eia_date" and f.evidence["date"] == "2022-05-01"
    assert f.message_en == ("project P: the EIA approval of 2022-05-01 is dated after construction started on "
                            "2022-03-01 (built before approval)")
    assert f.message_zh == "项目 P：环评批复日期 2022-05-01 晚于开工日期 2022-03-01（未批先建）"
