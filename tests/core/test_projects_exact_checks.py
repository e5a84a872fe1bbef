"""The project-level checks of ``ecer.core.projects.checks`` (benchmark, energy consistency, approvals, capacity
replacement, the catalog look-up and the disposition), each finding compared whole: code, the entire evidence
dict, both messages, worked out by hand.

Catalog rows (发改产业〔2021〕1609号, refdata/benchmark_levels/2021): 水泥熟料 通用 可比熟料综合能耗 benchmark 100,
baseline 117 kgce/t; 炼钢 转炉工序 −30 / −10 kgce/t; 炼油 通用 7.5 / 8.5 kgoe/(t·能量因数). Rules:
refdata/two_high_rules (deadline dl_baseline_2021 2025-12-31; energy ratio window 0.5–2, energy-factor window 1–30).
The project is the planned cement-clinker line of tests/projects/conftest.py: 1 000 吨/年, design 98 kgce/t,
100 tce/yr."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from ecer import refdata
from ecer.core.projects.checks import (
    Disposition,
    benchmark_row,
    check_approvals,
    check_benchmark,
    check_capacity_replacement,
    check_energy_consistency,
    check_project,
    suggest_disposition,
)
from ecer.core.projects.rules import load_rules
from tests.core.test_projects_exact_region import POS, cite, rules_with, rules_without, share_ev
from tests.projects.conftest import project

RULES = load_rules()
LEVELS = refdata.load("benchmark_levels", "2021").frame
AS_OF = "2026-12-01"
UNKNOWN = {
    "project": "P",
    "fix_zh": "按能效标杆水平表填写领域、子类、设计值及其单位",
    "fix_en": "give the benchmark table's field, sub-category, the design value and its unit",
}


def codes(found) -> list[str]:
    return [f.code for f in found]


def cement(design: str, gap: str, gap_pct: str) -> dict[str, Any]:
    """The benchmark evidence of the cement-clinker line for a design value (all as shown)."""
    return {
        "project": "P",
        "indicator": "可比熟料综合能耗",
        "design": design,
        "unit": "kgce/t",
        "field": "水泥熟料",
        "sub_category": "通用",
        "benchmark": "100",
        "baseline": "117",
        "edition": "2021",
        "direction": "lower_is_better",
        "gap": gap,
        "gap_pct": gap_pct,
    }


# --- benchmark_row ----------------------------------------------------------------------------------------------

CATALOG = pl.DataFrame(
    {
        "field": [
            "煤制甲醇",
            "煤制甲醇",
            "煤制甲醇",
            "煤制乙二醇",
            "水泥熟料",
            "玻璃",
            "玻璃",
            "玻璃纤维",
            "卫生陶瓷",
            "卫生陶瓷",
        ],
        "sub_category": [
            "褐煤原料",
            "烟煤原料",
            "无烟煤原料",
            "通用",
            "通用",
            "浮法",
            "通用",
            "通用",
            "通用",
            "通用",
        ],
        "indicator": [f"i{k}" for k in range(10)],
    }
)


def row(k: int) -> dict[str, Any]:
    return {"field": CATALOG["field"][k], "sub_category": CATALOG["sub_category"][k], "indicator": f"i{k}"}


def test_the_catalog_row_is_found_by_exact_field_or_the_one_field_it_starts() -> None:
    assert benchmark_row(CATALOG, "煤制乙二醇", "") == (row(3), "")
    assert benchmark_row(CATALOG, "水泥", "") == (row(4), "")  # only 水泥熟料 starts with 水泥
    assert benchmark_row(CATALOG, "玻璃", "浮法") == (
        row(5),
        "",
    )  # exact 玻璃, though 玻璃纤维 starts with it too
    assert benchmark_row(CATALOG, "煤制甲醇", "烟煤原料") == (row(1), "")


def test_a_field_matching_several_or_none_is_named() -> None:
    assert benchmark_row(CATALOG, "煤制", "") == (
        None,
        "领域“煤制”对应多个领域 / field '煤制' matches several fields",
    )
    assert benchmark_row(CATALOG, "钢", "") == (None, "目录中没有领域“钢” / the catalog has no field '钢'")


def test_a_sub_category_not_in_the_field_lists_the_valid_ones() -> None:
    assert benchmark_row(CATALOG, "煤制甲醇", "焦炉气") == (
        None,
        (
            "领域下没有子类“焦炉气”（可选：褐煤原料, 烟煤原料, 无烟煤原料） / no sub-category '焦炉气' (valid: 褐煤原料, "
            "烟煤原料, 无烟煤原料)"
        ),
    )


def test_without_a_sub_category_the_fields_only_row_or_its_general_row_is_taken() -> None:
    assert benchmark_row(CATALOG, "玻璃", "") == (row(6), "")  # 浮法 and 通用: the 通用 row
    need = "须填写子类（可选：褐煤原料, 烟煤原料, 无烟煤原料） / a sub-category is needed (valid: 褐煤原料, 烟煤原料, 无烟煤原料)"
    assert benchmark_row(CATALOG, "煤制甲醇", "") == (None, need)
    assert benchmark_row(CATALOG, "煤制甲", "") == (None, need)  # the one field it starts: still three rows


def test_two_general_rows_are_ambiguous() -> None:
    assert benchmark_row(CATALOG, "卫生陶瓷", "") == (
        None,
        "须填写子类（可选：通用, 通用） / a sub-category is needed (valid: 通用, 通用)",
    )
    assert benchmark_row(CATALOG, "卫生陶瓷", "通用") == (
        None,
        "领域和子类对应多项指标 / the field and sub-category have several indicators",
    )


# --- check_benchmark --------------------------------------------------------------------------------------------


def test_a_design_better_than_the_benchmark_reaches_it() -> None:
    """98 < 100 (lower is better): gap 98 − 100 = −2, −2 / 100 = −2.0 %."""
    (f,) = check_benchmark(project(), LEVELS, "2021", RULES, AS_OF)
    assert f.code == "I_PROJECT_AT_BENCHMARK"
    assert f.evidence == cement("98", "-2", "-2.0%")
    assert (
        f.message_zh
        == "项目 P：设计可比熟料综合能耗 98 kgce/t 达到水泥熟料能效标杆水平 100 kgce/t（2021 年版）"
    )


def test_a_design_exactly_at_the_benchmark_reaches_it() -> None:
    (f,) = check_benchmark(project(design_unit_energy=100.0), LEVELS, "2021", RULES, AS_OF)
    assert (f.code, f.evidence) == ("I_PROJECT_AT_BENCHMARK", cement("100", "0", "0.0%"))


def test_a_planned_design_just_worse_than_the_benchmark_is_to_be_rectified() -> None:
    """100.5 > 100: gap 0.5, 0.5 %; planned → d_below_benchmark_new (1609号 二)."""
    (f,) = check_benchmark(project(design_unit_energy=100.5), LEVELS, "2021", RULES, AS_OF)
    assert f.code == "W_PROJECT_BELOW_BENCHMARK"
    assert f.evidence == {**cement("100.5", "0.5", "0.5%"), **cite("d_below_benchmark_new")}
    assert f.message_zh == (
        "项目 P：设计可比熟料综合能耗 100.5 kgce/t 未达到水泥熟料能效标杆水平 100 kgce/t（差距 0.5 kgce/t，0.5%；2021 年版）"
    )
    assert f.message_en == (
        "project P: design 可比熟料综合能耗 100.5 kgce/t does not reach the 水泥熟料 benchmark level 100 kgce/t "
        "(gap 0.5 kgce/t, 0.5%; 2021 edition)"
    )


def test_a_built_design_at_the_baseline_is_below_benchmark_with_no_rule_to_cite() -> None:
    """117 = baseline: not worse than it; built projects below benchmark have no disposition rule."""
    (f,) = check_benchmark(project(status="built", design_unit_energy=117.0), LEVELS, "2021", RULES, AS_OF)
    assert (f.code, f.evidence) == ("W_PROJECT_BELOW_BENCHMARK", cement("117", "17", "17.0%"))


def test_a_new_design_worse_than_the_baseline_cites_the_new_project_rule() -> None:
    """117.5 > 117: below baseline; planned and under construction → d_below_baseline_new (1310号 (十二)), whatever
    the date."""
    for status in ("planned", "under_construction"):
        p = project(status=status, design_unit_energy=117.5)
        (f,) = check_benchmark(p, LEVELS, "2021", RULES, "2026-01-01")
        assert f.code == "W_PROJECT_BELOW_BASELINE"
        assert f.evidence == {**cement("117.5", "17.5", "17.5%"), **cite("d_below_baseline_new")}
    assert (
        f.message_zh
        == "项目 P：可比熟料综合能耗 117.5 kgce/t 劣于水泥熟料能效基准水平 117 kgce/t（2021 年版）"
    )
    assert f.message_en == (
        "project P: 可比熟料综合能耗 117.5 kgce/t is worse than the 水泥熟料 baseline level 117 kgce/t (2021 edition)"
    )


def test_a_built_design_worse_than_the_baseline_exits_only_after_the_deadline_day() -> None:
    """On the deadline 2025-12-31 itself: still W_PROJECT_BELOW_BASELINE (d_below_baseline_built); the day after:
    …_PAST_DEADLINE, citing d_below_baseline_past_deadline and naming the deadline."""
    p = project(status="built", design_unit_energy=117.5)
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, "2025-12-31")
    assert f.code == "W_PROJECT_BELOW_BASELINE"
    assert f.evidence == {**cement("117.5", "17.5", "17.5%"), **cite("d_below_baseline_built")}
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, "2026-01-01")
    assert f.code == "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE"
    assert f.evidence == {
        **cement("117.5", "17.5", "17.5%"),
        "deadline": "2025-12-31",
        **cite("d_below_baseline_past_deadline"),
    }
    assert (
        f.message_zh
        == "项目 P：可比熟料综合能耗 117.5 kgce/t 劣于基准水平 117 kgce/t，改造期限 2025-12-31 已过"
    )


def test_without_its_disposition_rule_the_passed_deadline_cites_the_deadline_rule() -> None:
    p = project(status="built", design_unit_energy=117.5)
    (f,) = check_benchmark(p, LEVELS, "2021", rules_without("d_below_baseline_past_deadline"), "2026-01-01")
    assert f.evidence == {
        **cement("117.5", "17.5", "17.5%"),
        "deadline": "2025-12-31",
        **cite("dl_baseline_2021"),
    }


def test_the_gap_percent_of_a_negative_benchmark_is_taken_of_its_size() -> None:
    """转炉工序 benchmark −30, design −20: gap −20 − (−30) = 10, 10 / |−30| = 33.3 %."""
    p = project(benchmark_field="炼钢", benchmark_sub_category="转炉工序", design_unit_energy=-20.0)
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, AS_OF)
    assert (f.evidence["gap"], f.evidence["gap_pct"]) == ("10", "33.3%")


def test_a_higher_is_better_gap_is_benchmark_minus_design() -> None:
    """benchmark 80, baseline 60, higher is better; design 70: gap 80 − 70 = 10, 10 / 80 = 12.5 %."""
    levels = LEVELS.filter(pl.col("field") == "水泥熟料").with_columns(
        benchmark_value=pl.lit(80.0), baseline_value=pl.lit(60.0), direction=pl.lit("higher_is_better")
    )
    (f,) = check_benchmark(project(design_unit_energy=70.0), levels, "2021", RULES, AS_OF)
    assert (f.code, f.evidence["gap"], f.evidence["gap_pct"]) == ("W_PROJECT_BELOW_BENCHMARK", "10", "12.5%")


def test_a_zero_benchmark_has_no_gap_percent_and_a_missing_direction_is_lower_is_better() -> None:
    """benchmark 0, baseline 5, no direction column: design 3 is 3 worse than 0 (lower is better), no percent."""
    levels = (
        LEVELS.filter(pl.col("field") == "水泥熟料")
        .with_columns(benchmark_value=pl.lit(0.0), baseline_value=pl.lit(5.0))
        .drop("direction")
    )
    (f,) = check_benchmark(project(design_unit_energy=3.0), levels, "2021", RULES, AS_OF)
    assert f.code == "W_PROJECT_BELOW_BENCHMARK"
    assert {k: f.evidence[k] for k in ("benchmark", "baseline", "gap", "gap_pct", "direction")} == {
        "benchmark": "0",
        "baseline": "5",
        "gap": "3",
        "gap_pct": "—",
        "direction": "lower_is_better",
    }
    nulls = levels.with_columns(direction=pl.lit(None, dtype=pl.String))
    (f,) = check_benchmark(project(design_unit_energy=3.0), nulls, "2021", RULES, AS_OF)
    assert f.evidence["direction"] == "lower_is_better"


def test_a_row_without_a_sub_category_shows_an_empty_one() -> None:
    levels = LEVELS.filter(pl.col("field") == "水泥熟料").with_columns(
        sub_category=pl.lit(None, dtype=pl.String)
    )
    (f,) = check_benchmark(project(), levels, "2021", RULES, AS_OF)
    assert f.evidence["sub_category"] == ""


def test_no_benchmark_field_means_no_benchmark_check() -> None:
    for field in (None, "", "   "):
        assert check_benchmark(project(benchmark_field=field), LEVELS, "2021", RULES, AS_OF) == []


def test_the_field_sub_category_and_unit_are_read_without_their_spaces_and_case() -> None:
    p = project(
        benchmark_field=" 水泥熟料 ", benchmark_sub_category=" 通用 ", design_unit_energy_unit=" KGCE / T "
    )
    (f,) = check_benchmark(p, LEVELS, "2021", RULES, AS_OF)
    assert (f.code, f.evidence) == ("I_PROJECT_AT_BENCHMARK", cement("98", "-2", "-2.0%"))


def test_an_unknown_field_is_said_with_the_fix() -> None:
    (f,) = check_benchmark(project(benchmark_field="钢铁冶炼"), LEVELS, "2021", RULES, AS_OF)
    assert f.code == "W_PROJECT_BENCHMARK_UNKNOWN"
    assert f.evidence == {
        **UNKNOWN,
        "detail": "目录中没有领域“钢铁冶炼” / the catalog has no field '钢铁冶炼'",
    }
    assert f.message_zh == "项目 P：无法对照能效标杆水平：目录中没有领域“钢铁冶炼”"
    assert (
        f.message_en
        == "project P: cannot be compared with the benchmark level: the catalog has no field '钢铁冶炼'"
    )
    assert (f.fix_zh, f.fix_en) == (UNKNOWN["fix_zh"], UNKNOWN["fix_en"])


def test_a_missing_design_value_is_said() -> None:
    (f,) = check_benchmark(project(design_unit_energy=None), LEVELS, "2021", RULES, AS_OF)
    assert f.evidence == {**UNKNOWN, "detail": "未填设计单位产品能耗 / no design unit-product energy given"}
    assert f.message_zh == "项目 P：无法对照能效标杆水平：未填设计单位产品能耗"


def test_a_design_value_in_another_unit_is_said_with_both_units() -> None:
    (f,) = check_benchmark(project(design_unit_energy_unit="kgce/tce"), LEVELS, "2021", RULES, AS_OF)
    assert f.evidence == {
        **UNKNOWN,
        "detail": "设计值单位“kgce/tce”与标杆表单位 kgce/t 不同 / the design value's unit 'kgce/tce' is not the "
        "table's kgce/t",
    }
    (f,) = check_benchmark(project(design_unit_energy_unit=None), LEVELS, "2021", RULES, AS_OF)
    assert f.evidence["detail"].startswith("设计值单位“”与标杆表单位 kgce/t 不同")


# --- check_energy_consistency -----------------------------------------------------------------------------------


def inconsistent(**over: Any) -> dict[str, Any]:
    """The evidence of the cement line's inconsistent annual energy, 1 000 t × 98 kgce/t × 0.001 tce/kgce = 98 tce
    expected (the float entries ratio_value and expected_tce are compared apart)."""
    ev = {
        "project": "P",
        "capacity": "1,000",
        "capacity_unit": "吨/年",
        "indicator": "可比熟料综合能耗",
        "design": "98",
        "unit": "kgce/t",
        "expected": "98",
        "low": "0.5",
        "high": "2",
        "basis_zh": "",
        "basis_en": "",
        "slip_power": None,
        "suggest_zh": "",
        "suggest_en": "",
        "cause_zh": "口径不一：设计值、产能或年综合能耗有误，或年综合能耗包括了指标范围以外的装置",
        "cause_en": "the figures disagree: the design value, the capacity or the annual energy is wrong, or the annual "
        "energy covers plant outside the indicator's boundary",
        **cite("th_energy_ratio_low"),
    }
    ev.update(over)
    return ev


def split(f) -> tuple[dict[str, Any], float, float]:
    ev = dict(f.evidence)
    return ev, ev.pop("ratio_value"), ev.pop("expected_tce")


def test_an_annual_energy_far_below_capacity_times_design_is_inconsistent() -> None:
    """30 tce against 98 expected: ratio 30 / 98 = 0.306 < 0.5; no power of ten brings it into 0.5–2."""
    (f,) = check_energy_consistency(project(annual_energy=30.0), LEVELS, RULES)
    assert f.code == "W_PROJECT_ENERGY_INCONSISTENT"
    ev, ratio, expected = split(f)
    assert ev == inconsistent(annual="30", ratio="0.306")
    assert (ratio, expected) == (pytest.approx(30 / 98), pytest.approx(98.0))
    assert f.message_zh == (
        "项目 P：年综合能耗 30 tce 与产能 1,000 吨/年 × 设计可比熟料综合能耗 98 kgce/t 推算的 98 tce/年不符（比值 0.306，"
        "合理区间 0.5–2）：口径不一：设计值、产能或年综合能耗有误，或年综合能耗包括了指标范围以外的装置"
    )
    assert f.message_en == (
        "project P: the annual energy of 30 tce does not match capacity 1,000 吨/年 × design 可比熟料综合能耗 98 kgce/t "
        "= 98 tce/yr (ratio 0.306, plausible 0.5–2): the figures disagree: the design value, the capacity or the "
        "annual energy is wrong, or the annual energy covers plant outside the indicator's boundary"
    )
    assert f.fix_zh == "核对年综合能耗（吨标准煤，当量值）、产能及其单位和设计单位产品能耗"


@pytest.mark.parametrize(
    ("annual", "shown", "ratio", "power", "cause_zh", "cause_en"),
    [
        # 98 000 / 98 = 10³: the annual energy in kgce
        (
            98_000.0,
            "98,000",
            "1e+03",
            3,
            "年综合能耗疑为按“千克标准煤”填写（应为吨标准煤）",
            "the annual energy looks given in kgce instead of tce",
        ),
        # 980 000 / 98 = 10⁴
        (
            980_000.0,
            "980,000",
            "1e+04",
            4,
            "产能疑为按“万吨”填写而单位写成“吨”，或年综合能耗单位有误（大了 10⁴ 倍）",
            "the capacity looks given in 万吨 under a tonne unit, or the annual energy is 10⁴ times too large",
        ),
        # 0.098 / 98 = 10⁻³
        (
            0.098,
            "0.098",
            "0.001",
            -3,
            "设计单位产品能耗或产能疑有千倍之误（如 kgce 与 tce、吨与千吨混用）",
            "the design unit energy or the capacity looks 10³ times off (kgce vs tce, t vs kt)",
        ),
        # 0.0098 / 98 = 10⁻⁴: 万tce given as tce
        (
            0.0098,
            "0.0098",
            "0.0001",
            -4,
            "年综合能耗疑为按“万吨标准煤”填写（应为吨标准煤），或产能按“吨”填写而单位写成“万吨”",
            (
                "the annual energy looks given in 万tce (10⁴ tce) instead of tce, or the capacity in tonnes under a 万吨 "
                "unit"
            ),
        ),
    ],
)
def test_a_unit_slip_is_named_with_the_corrected_annual_energy(
    annual, shown, ratio, power, cause_zh, cause_en
):
    """Each slip divided out: annual / 10^k = 98 tce, inside the window."""
    (f,) = check_energy_consistency(project(annual_energy=annual), LEVELS, RULES)
    ev, _, _ = split(f)
    assert ev == inconsistent(
        annual=shown,
        ratio=ratio,
        slip_power=power,
        cause_zh=cause_zh,
        cause_en=cause_en,
        suggest_zh="；若为单位之误，年综合能耗应约为 98 tce",
        suggest_en="; if it is a unit slip, the annual energy would be about 98 tce",
    )
    assert f.fix_zh.endswith("设计单位产品能耗；若为单位之误，年综合能耗应约为 98 tce")
    assert f.fix_en.endswith(
        "the design unit energy; if it is a unit slip, the annual energy would be about 98 tce"
    )


def test_the_ratio_window_is_closed_at_both_ends() -> None:
    """49 / 98 = 0.5 and 196 / 98 = 2: consistent; 48.5 / 98 = 0.495 and 197 / 98 = 2.01: not."""
    for annual, n in ((49.0, 0), (196.0, 0), (48.5, 1), (197.0, 1)):
        assert len(check_energy_consistency(project(annual_energy=annual), LEVELS, RULES)) == n, annual


def test_the_window_comes_from_the_rules_thresholds() -> None:
    """energy_ratio_low 0.25 and energy_ratio_high 1.0: 30 tce (0.306) is now plausible, 100 tce (1.02) not."""
    custom = rules_with({"th_energy_ratio_low": "0.25", "th_energy_ratio_high": "1.0"})
    assert check_energy_consistency(project(annual_energy=30.0), LEVELS, custom) == []
    (f,) = check_energy_consistency(project(annual_energy=100.0), LEVELS, custom)
    assert (f.evidence["low"], f.evidence["high"], f.evidence["ratio"]) == ("0.25", "1", "1.02")


REFINERY = {
    "benchmark_field": "炼油",
    "benchmark_sub_category": "通用",
    "capacity": 100.0,
    "capacity_unit": "万吨/年",
    "design_unit_energy": 8.0,
    "design_unit_energy_unit": "kgoe/(t·能量因数)",
}


def test_a_refinery_is_judged_on_the_implied_energy_factor() -> None:
    """100 万吨/年 × 8 kgoe/(t·F) = 8 × 10⁶ kgoe × 41.816 / 29.307 6 (GB/T 2589: kgoe and kgce in MJ) = 11 414 610.8
    kgce → 11 414.6108 tce per unit of F; 5 707.32 tce implies F = 0.500 001, outside 1–30, and no power of ten
    helps (0.5 × 10³ = 500 > 30)."""
    (f,) = check_energy_consistency(project(annual_energy=5_707.32, **REFINERY), LEVELS, RULES)
    ev, ratio, expected = split(f)
    assert ev == inconsistent(
        annual="5,707.32",
        capacity="100",
        capacity_unit="万吨/年",
        indicator="单位能量因数能耗",
        design="8",
        unit="kgoe/(t·能量因数)",
        expected="11,414.6108",
        ratio="0.5",
        low="1",
        high="30",
        basis_zh="，能量因数口径：比值即隐含的能量因数",
        basis_en="; energy-factor basis: the ratio is the implied energy factor",
        cause_zh="隐含的能量因数不合理：核对能量因数口径的设计值、产能和年综合能耗",
        cause_en="the implied energy factor is implausible: check the design value on the energy-factor basis, the "
        "capacity and the annual energy",
    )
    assert (ratio, expected) == (pytest.approx(0.5, rel=1e-5), pytest.approx(11_414.6108))
    assert "（比值 0.5，合理区间 1–30，能量因数口径：比值即隐含的能量因数）" in f.message_zh
    assert (
        "(ratio 0.5, plausible 1–30; energy-factor basis: the ratio is the implied energy factor)"
        in f.message_en
    )


def test_the_energy_factor_window_comes_from_its_own_thresholds() -> None:
    """energy_factor_low 0.4, energy_factor_high 0.6: F = 0.5 plausible; F = 1.0 (11 414.64 tce) not."""
    custom = rules_with({"th_energy_factor_low": "0.4", "th_energy_factor_high": "0.6"})
    assert check_energy_consistency(project(annual_energy=5_707.32, **REFINERY), LEVELS, custom) == []
    (f,) = check_energy_consistency(project(annual_energy=11_414.64, **REFINERY), LEVELS, custom)
    assert (f.evidence["low"], f.evidence["high"]) == ("0.4", "0.6")


def test_a_capacity_unit_that_cannot_be_compared_is_noted_not_judged() -> None:
    (f,) = check_energy_consistency(project(capacity_unit="吨"), LEVELS, RULES)
    assert f.code == "I_PROJECT_ENERGY_UNCHECKED"
    detail = "产能单位“吨”须为“数量/年”或“数量/日” / capacity unit '吨' must be amount per year or day"
    assert f.evidence == {"project": "P", "detail": detail, "unit": "kgce/t"}
    assert (
        f.message_zh
        == "项目 P：年综合能耗未能与产能 × 设计单位产品能耗核对：产能单位“吨”须为“数量/年”或“数量/日”"
    )
    assert f.message_en == (
        "project P: the annual energy could not be checked against capacity × design unit energy: capacity unit "
        "'吨' must be amount per year or day"
    )
    assert f.fix_zh == "产能单位写成与指标单位（kgce/t）分母相同的数量每年或每日，如 万吨/年、t/d"
    (f,) = check_energy_consistency(project(capacity_unit=None), LEVELS, RULES)
    assert f.evidence["detail"].startswith("产能单位“”须为")
    (f,) = check_energy_consistency(project(capacity_unit=" 吨/年 ", annual_energy=30.0), LEVELS, RULES)
    assert f.evidence["capacity_unit"] == "吨/年"


def test_nothing_is_checked_without_every_figure_or_a_matching_row() -> None:
    for over in (
        {"annual_energy": None},
        {"capacity": None},
        {"design_unit_energy": None},
        {"benchmark_field": None},
        {"benchmark_field": "  "},
        {"benchmark_field": "钢铁冶炼"},
        {"design_unit_energy_unit": "kgce/tce"},
        {"design_unit_energy_unit": None},
    ):
        assert check_energy_consistency(project(**{"annual_energy": 30.0, **over}), LEVELS, RULES) == [], over


def test_the_energy_check_reads_field_sub_category_and_unit_without_spaces_or_case() -> None:
    p = project(
        annual_energy=30.0,
        benchmark_field=" 水泥熟料 ",
        benchmark_sub_category=" 通用 ",
        design_unit_energy_unit=" KGCE / T ",
    )
    assert codes(check_energy_consistency(p, LEVELS, RULES)) == ["W_PROJECT_ENERGY_INCONSISTENT"]


# --- check_approvals --------------------------------------------------------------------------------------------


def test_a_planned_project_without_anything_only_awaits_its_energy_review() -> None:
    (f,) = check_approvals(project(), RULES, AS_OF)
    assert f.code == "I_PROJECT_ENERGY_REVIEW_PENDING"
    assert f.evidence == {
        "project": "P",
        "status": "planned",
        "status_zh": "拟建",
        "severity": "pending",
        **cite("d_no_energy_review_planned"),
    }
    assert f.message_zh == "项目 P（拟建）尚无节能审查意见：须在开工前取得"


def test_a_project_being_built_without_approvals_or_dates_gets_three_findings() -> None:
    found = check_approvals(project(status="under_construction"), RULES, AS_OF)
    assert codes(found) == [
        "W_PROJECT_ENERGY_REVIEW_MISSING",
        "W_PROJECT_EIA_MISSING",
        "I_PROJECT_DATES_INCOMPLETE",
    ]
    ev = {"project": "P", "status": "under_construction", "status_zh": "在建"}
    assert found[0].evidence == {**ev, "severity": "serious", **cite("d_no_energy_review_built")}
    assert found[0].message_zh == (
        "项目 P（在建）没有节能审查意见：未经节能审查不得开工建设，已建成的不得投入生产、使用（严重）"
    )
    assert found[1].evidence == {**ev, **cite("d_no_eia_built")}
    assert found[1].message_zh == "项目 P（在建）没有环评批复：环评未经批准不得开工建设"
    assert found[2].evidence == ev
    assert found[2].message_zh == "项目 P（在建）未填开工日期，无法核对审批顺序"
    assert found[2].message_en == (
        "project P (under_construction) has no construction start: the order of approvals cannot be checked"
    )


def test_a_number_or_a_date_is_enough_for_an_approval() -> None:
    for review, eia in (
        ({"energy_review_no": "能审1号"}, {"eia_no": "环审1号"}),
        ({"energy_review_date": "2022-01-05"}, {"eia_date": "2022-01-10"}),
    ):
        p = project(status="built", construction_start="2022-03-01", **review, **eia)
        assert check_approvals(p, RULES, AS_OF) == []


def order_ev(**extra: Any) -> dict[str, Any]:
    return {"project": "P", **extra, **cite("d_review_after_start")}


def test_every_approval_and_date_out_of_order_is_a_finding_of_its_own() -> None:
    """Started 2022-03-01; energy review 2022-05-01 and EIA 2022-04-01 after it; operation 2022-02-01 before it;
    checked on 2022-04-15, before the review's date: four findings, in that order."""
    p = project(
        status="under_construction",
        energy_review_date="2022-05-01",
        eia_date="2022-04-01",
        construction_start="2022-03-01",
        operation_start="2022-02-01",
    )
    found = check_approvals(p, RULES, "2022-04-15")
    assert codes(found) == ["W_PROJECT_APPROVAL_ORDER"] * 4
    assert [f.evidence for f in found] == [
        order_ev(
            what_zh="节能审查日期 2022-05-01 晚于开工日期 2022-03-01（未批先建）",
            what_en="the energy review of 2022-05-01 is dated after construction started on 2022-03-01 (built "
            "before approval)",
            date="2022-05-01",
            construction_start="2022-03-01",
            which="energy_review_date",
        ),
        order_ev(
            what_zh="环评批复日期 2022-04-01 晚于开工日期 2022-03-01（未批先建）",
            what_en="the EIA approval of 2022-04-01 is dated after construction started on 2022-03-01 (built "
            "before approval)",
            date="2022-04-01",
            construction_start="2022-03-01",
            which="eia_date",
        ),
        order_ev(
            what_zh="投产日期 2022-02-01 早于开工日期 2022-03-01",
            what_en="operation (2022-02-01) starts before construction (2022-03-01)",
            operation_start="2022-02-01",
            construction_start="2022-03-01",
        ),
        order_ev(
            what_zh="energy_review_date 2022-05-01 晚于核查日期 2022-04-15",
            what_en="energy_review_date 2022-05-01 is after the check date 2022-04-15",
            energy_review_date="2022-05-01",
        ),
    ]
    assert found[0].message_zh == "项目 P：节能审查日期 2022-05-01 晚于开工日期 2022-03-01（未批先建）"
    assert found[2].message_en == "project P: operation (2022-02-01) starts before construction (2022-03-01)"
    assert found[0].fix_zh == "核对审批和开工日期；先建后批的按规定整改"


def test_approvals_on_the_day_construction_starts_and_operation_the_same_day_are_in_order() -> None:
    p = project(
        status="built",
        energy_review_date="2022-03-01",
        eia_date="2022-03-01",
        construction_start="2022-03-01",
        operation_start="2022-03-01",
    )
    assert check_approvals(p, RULES, "2022-03-01") == []


def test_the_eia_and_start_after_the_check_date_are_named() -> None:
    """Checked 2022-02-01: EIA 2022-02-02 and start 2022-02-03 are both in the future (the EIA also follows
    nothing: it is before the start)."""
    p = project(
        status="under_construction",
        energy_review_date="2022-01-05",
        eia_date="2022-02-02",
        construction_start="2022-02-03",
    )
    found = check_approvals(p, RULES, "2022-02-01")
    assert [f.evidence["what_en"] for f in found] == [
        "eia_date 2022-02-02 is after the check date 2022-02-01",
        "construction_start 2022-02-03 is after the check date 2022-02-01",
    ]
    assert found[1].evidence == order_ev(
        what_zh="construction_start 2022-02-03 晚于核查日期 2022-02-01",
        what_en="construction_start 2022-02-03 is after the check date 2022-02-01",
        construction_start="2022-02-03",
    )


def test_a_planned_project_that_has_started_by_the_check_date_is_named_without_a_rule() -> None:
    """Planned, started on the check date itself: the status is wrong. No disposition rule covers a planned
    project's approval order, so the finding cites none."""
    found = check_approvals(project(energy_review_no="能审1号", construction_start=AS_OF), RULES, AS_OF)
    assert codes(found) == ["W_PROJECT_APPROVAL_ORDER"]
    assert found[0].evidence == {
        "project": "P",
        "what_zh": f"状态为拟建，但已于 {AS_OF} 开工",
        "what_en": f"status is planned but construction started on {AS_OF}",
        "construction_start": AS_OF,
    }
    assert check_approvals(project(energy_review_no="能审1号", construction_start="2026-11-30"), RULES, AS_OF)
    assert check_approvals(project(energy_review_no="能审1号"), RULES, AS_OF) == []


def test_a_planned_project_starting_after_the_check_date_is_only_dated_in_the_future() -> None:
    found = check_approvals(
        project(energy_review_no="能审1号", construction_start="2026-12-02"), RULES, AS_OF
    )
    assert [f.evidence["what_en"] for f in found] == [
        "construction_start 2026-12-02 is after the check date 2026-12-01"
    ]


# --- check_capacity_replacement ---------------------------------------------------------------------------------


def test_a_new_cement_line_without_a_replacement_plan_needs_a_reduction() -> None:
    (f,) = check_capacity_replacement(project(capacity_replacement_plan=""), RULES)
    assert f.code == "W_PROJECT_CAPACITY_REPLACEMENT_MISSING"
    assert f.evidence == {
        "project": "P",
        "subject": "水泥熟料",
        "kind": "reduction",
        "kind_zh": "减量",
        "capacity": 1000.0,
        **cite("d_capacity_missing"),
        "requirement": "cr_cement",
        "requirement_quote": "严格落实有关产能置换政策",
    }
    assert f.message_zh == "项目 P：水泥熟料 新建项目须实施产能减量置换，未填产能置换方案"
    assert (
        f.message_en
        == "project P: a new 水泥熟料 project needs capacity replacement (reduction); no plan is given"
    )


def test_a_steel_project_is_named_by_its_sector_and_a_carbide_one_by_its_field() -> None:
    (f,) = check_capacity_replacement(
        project(
            status="under_construction",
            sector="steel",
            benchmark_field="炼钢",
            capacity_replacement_plan="   ",
            capacity=None,
        ),
        RULES,
    )
    assert (
        f.evidence["subject"],
        f.evidence["kind_zh"],
        f.evidence["requirement"],
        f.evidence["capacity"],
    ) == (
        "钢铁",
        "减量",
        "cr_steel",
        None,
    )
    (f,) = check_capacity_replacement(
        project(sector="chemical", benchmark_field="电石", capacity_replacement_plan=None), RULES
    )
    assert (f.evidence["kind"], f.evidence["kind_zh"], f.evidence["requirement"]) == (
        "equal_or_reduction",
        "等量或减量",
        "cr_carbide",
    )
    (f,) = check_capacity_replacement(
        project(
            sector="chemical",
            benchmark_field="合成氨",
            benchmark_sub_category="尿素联产",
            capacity_replacement_plan=None,
        ),
        RULES,
    )
    assert f.evidence["requirement"] == "cr_urea"


def test_no_replacement_is_asked_of_a_built_project_a_planned_one_or_a_field_without_the_rule() -> None:
    assert check_capacity_replacement(project(status="built", capacity_replacement_plan=""), RULES) == []
    assert check_capacity_replacement(project(), RULES) == []  # 置换方案 given
    p = project(
        sector="coal_power", benchmark_field=None, benchmark_sub_category=None, capacity_replacement_plan=""
    )
    assert check_capacity_replacement(p, RULES) == []


def test_without_its_disposition_rule_the_missing_plan_cites_the_requirement() -> None:
    (f,) = check_capacity_replacement(
        project(capacity_replacement_plan=""), rules_without("d_capacity_missing")
    )
    assert {k: f.evidence[k] for k in ("rule", "doc_no", "clause", "quote", "confidence")} == cite(
        "cr_cement"
    )


def test_a_replacement_kind_without_a_label_is_shown_as_written() -> None:
    custom = rules_with({"cr_cement": "ratio_1.5"})
    (f,) = check_capacity_replacement(project(capacity_replacement_plan=""), custom)
    assert (f.evidence["kind"], f.evidence["kind_zh"]) == ("ratio_1.5", "ratio_1.5")


def test_a_subject_that_is_no_sector_id_is_shown_as_it_is() -> None:
    """cr_cement's subject 水泥熟料 is a field, not a sector id: shown as is (SECTORS has no such key)."""
    (f,) = check_capacity_replacement(project(capacity_replacement_plan=""), RULES)
    assert f.evidence["subject"] == "水泥熟料"


# --- check_project and suggest_disposition ----------------------------------------------------------------------


def test_check_project_lists_approvals_benchmark_energy_capacity_and_region_in_that_order() -> None:
    p = project(annual_energy=30.0, capacity_replacement_plan="", design_unit_energy=105.0)
    # 1 000 × 105 × 0.001 = 105 tce expected; 30 / 105 = 0.286
    found = check_project(p, levels=LEVELS, edition="2021", region=POS, rules=RULES, as_of=AS_OF)
    assert codes(found) == [
        "I_PROJECT_ENERGY_REVIEW_PENDING",
        "W_PROJECT_BELOW_BENCHMARK",
        "W_PROJECT_ENERGY_INCONSISTENT",
        "W_PROJECT_CAPACITY_REPLACEMENT_MISSING",
        "I_PROJECT_HEADROOM_SHARE",
    ]
    assert found[1].evidence == {**cement("105", "5", "5.0%"), **cite("d_below_benchmark_new")}
    assert found[2].evidence["ratio"] == "0.286"
    # 30 tce of the 500 remaining: 6.0 %
    assert found[4].evidence == share_ev(project_tce="30", gross_tce="30", share="6.0%", share_value=0.06)


def reason(f, disposition: str, rule_id: str) -> dict[str, Any]:
    c = cite(rule_id)
    return {
        "code": f.code,
        "disposition": disposition,
        "rule": rule_id,
        "doc_no": c["doc_no"],
        "clause": c["clause"],
        "message_zh": f.message_zh,
        "message_en": f.message_en,
    }


def test_the_most_severe_disposition_wins_and_its_reasons_come_first() -> None:
    """Under construction, started, no approvals, design 105 (below benchmark): the benchmark's 整改 (rectify) is
    found first, the energy review's and EIA's 暂停 (suspend) after it; suspend wins and its reasons lead."""
    p = project(status="under_construction", construction_start="2022-03-01", design_unit_energy=105.0)
    findings = [
        *check_benchmark(p, LEVELS, "2021", RULES, AS_OF),
        *check_approvals(p, RULES, AS_OF),
    ]
    assert codes(findings) == [
        "W_PROJECT_BELOW_BENCHMARK",
        "W_PROJECT_ENERGY_REVIEW_MISSING",
        "W_PROJECT_EIA_MISSING",
    ]
    d = suggest_disposition(findings, "under_construction", RULES)
    assert d == Disposition(
        "suspend",
        [
            reason(findings[1], "suspend", "d_no_energy_review_built"),
            reason(findings[2], "suspend", "d_no_eia_built"),
            reason(findings[0], "rectify", "d_below_benchmark_new"),
        ],
    )
    assert d.label_zh == "暂停"


def test_a_built_project_past_the_deadline_exits() -> None:
    p = project(status="built", design_unit_energy=117.5)
    findings = check_benchmark(p, LEVELS, "2021", RULES, "2026-01-01")
    d = suggest_disposition(findings, "built", RULES)
    assert (d.disposition, d.label_zh) == ("exit", "退出")
    assert d.reasons == [reason(findings[0], "exit", "d_below_baseline_past_deadline")]


def test_findings_without_a_disposition_rule_leave_the_project_to_continue() -> None:
    assert suggest_disposition([], "planned", RULES) == Disposition("continue", [])
    assert Disposition("continue").label_zh == "继续"
    built = check_benchmark(project(status="built", design_unit_energy=105.0), LEVELS, "2021", RULES, AS_OF)
    assert suggest_disposition(built, "built", RULES) == Disposition("continue", [])


def test_a_continue_rule_is_a_reason_of_its_own() -> None:
    """I_PROJECT_ENERGY_REVIEW_PENDING has the rule d_no_energy_review_planned (继续): continue, with that reason."""
    (f,) = check_approvals(project(), RULES, AS_OF)
    assert suggest_disposition([f], "planned", RULES) == Disposition(
        "continue", [reason(f, "continue", "d_no_energy_review_planned")]
    )
