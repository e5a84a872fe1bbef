"""Benchmark classification, gaps, savings, shares and work lists, with cases worked by hand."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecer import refdata
from ecer.core.benchmark import (
    below_baseline_capacity,
    capacity_shares,
    class_rank,
    classification_findings,
    classify_units,
    classify_value,
    exit_list,
    guide_targets,
    retrofit_list,
    share_findings,
    tce_factor,
    technology_paths,
)
from ecer.findings import FindingsError

LEVELS_2021 = refdata.load("benchmark_levels", "2021").data


def _perf(rows: list[dict[str, object]]) -> pl.DataFrame:
    base = {
        "enterprise": "甲公司",
        "region": "370000",
        "year": 2024,
        "capacity": 100.0,
        "capacity_unit": "万吨/年",
        "output": 1000.0,
    }
    return pl.DataFrame([{**base, **r} for r in rows])


def _one(field: str, sub: str, value: float | None, **kw: object) -> dict[str, object]:
    return classify_units(
        _perf([{"unit_id": "u1", "field": field, "sub_category": sub, "unit_energy": value, **kw}]),
        LEVELS_2021,
        "2021",
    ).row(0, named=True)


# --- exact boundaries (cement clinker, 2021: 标杆 100, 基准 117 kgce/t, 200号 附件11) ---------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (99.9, "benchmark"),
        (100.0, "benchmark"),  # equal to 标杆: "达到标杆水平" → at benchmark
        (100.1, "between"),
        (117.0, "between"),  # equal to 基准: has reached the baseline, not "低于基准水平"
        (117.1, "below_baseline"),
    ],
)
def test_cement_boundaries(value: float, expected: str) -> None:
    assert _one("水泥熟料", "通用", value)["level_class"] == expected


# --- a negative indicator (converter steelmaking, 2021: 标杆 −30, 基准 −10 kgce/t, 200号 附件14) ------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-35.0, "benchmark"),  # more energy recovered than the benchmark
        (-30.0, "benchmark"),  # exactly −30
        (-29.0, "between"),
        (-10.0, "between"),  # exactly the baseline −10: not below it
        (-9.0, "below_baseline"),  # recovers less than the baseline requires
        (5.0, "below_baseline"),  # a net consumer
    ],
)
def test_converter_negative_levels(value: float, expected: str) -> None:
    assert _one("炼钢", "转炉工序", value)["level_class"] == expected


def test_converter_gap_and_saving_by_hand() -> None:
    # value −20 kgce/t, output 2 000 000 t/a.
    # gap to benchmark: −20 − (−30) = 10 kgce/t; 10 / |−30| = 33.33 %.
    # gap to baseline: −20 − (−10) = −10 kgce/t (already better): saving 0.
    # saving to benchmark: 10 kgce/t × 2 000 000 t = 20 000 000 kgce = 20 000 tce.
    r = _one("炼钢", "转炉工序", -20.0, output=2_000_000.0)
    assert r["gap_to_benchmark"] == pytest.approx(10.0)
    assert r["gap_to_benchmark_pct"] == pytest.approx(100 / 3)
    assert r["gap_to_baseline"] == pytest.approx(-10.0)
    assert r["saving_to_benchmark_tce"] == pytest.approx(20_000.0)
    assert r["saving_to_baseline_tce"] == 0.0


def test_saving_in_tce_for_ammonia_by_hand() -> None:
    # 合成氨 (优质无烟块煤), 2021: 标杆 1100, 基准 1350 kgce/t (200号 附件5).
    # A unit at 1400 kgce/t making 300 000 t/a:
    #   to baseline: (1400 − 1350) × 300 000 = 15 000 000 kgce = 15 000 tce
    #   to benchmark: (1400 − 1100) × 300 000 = 90 000 000 kgce = 90 000 tce
    #   gap to baseline 50 kgce/t = 50 / 1350 = 3.7037 %
    r = _one("合成氨", "优质无烟块煤", 1400.0, output=300_000.0)
    assert r["level_class"] == "below_baseline"
    assert r["saving_to_baseline_tce"] == pytest.approx(15_000.0)
    assert r["saving_to_benchmark_tce"] == pytest.approx(90_000.0)
    assert r["gap_to_baseline_pct"] == pytest.approx(50 / 1350 * 100)
    assert r["deadline"] == "2025-12-31" and r["indicator"] == "单位产品能耗"


def test_saving_of_electricity_indicator_uses_calorific_value() -> None:
    # 电解铝 铝液交流电耗, 2021: 标杆 13000, 基准 13350 kWh/t (200号 附件17).
    # A potline at 13500 kWh/t making 100 000 t: to baseline 150 kWh/t × 100 000 t = 15 000 000 kWh;
    # at 3 600 kJ/kWh ÷ 29 307 kJ/kgce: 15e6 × 3600 / 29307 kgce = 1 842 563.2 kgce = 1842.56 tce.
    r = _one("电解铝", "通用", 13500.0, output=100_000.0)
    assert r["saving_to_baseline"] == pytest.approx(15_000_000.0)
    assert r["saving_to_baseline_tce"] == pytest.approx(15e6 * 3600 / 29307 / 1000)


def test_tce_factor_by_hand() -> None:
    assert tce_factor("kgce/t") == pytest.approx(0.001)
    assert tce_factor("kgoe/t") == pytest.approx(41816 / 29307 / 1000)  # GB/T 2589: 10 000 vs 7 000 kcal
    assert tce_factor("kgce/m2") == pytest.approx(0.001)
    assert tce_factor("kgce/重量箱") == pytest.approx(0.001)
    assert tce_factor("t/t") is None


def test_higher_is_better_mirrors_the_boundaries() -> None:
    # A synthetic indicator where higher is better (e.g. an efficiency in %): 标杆 90, 基准 80.
    assert classify_value(90.0, 90.0, 80.0, False) == "benchmark"
    assert classify_value(80.0, 90.0, 80.0, False) == "between"
    assert classify_value(79.9, 90.0, 80.0, False) == "below_baseline"


# --- nothing dropped: gaps and missing values -----------------------------------------------------------------------


def test_a_unit_without_a_level_is_kept_and_reported() -> None:
    perf = _perf(
        [
            {"unit_id": "a", "field": "水泥熟料", "sub_category": "通用", "unit_energy": 105.0},
            {"unit_id": "b", "field": "尿素", "sub_category": "通用", "unit_energy": 900.0},  # added in 2023
            {"unit_id": "c", "field": "水泥熟料", "sub_category": "通用", "unit_energy": None},
        ]
    )
    out = classify_units(perf, LEVELS_2021, "2021")
    assert out["unit_id"].to_list() == ["a", "b", "c"]
    assert out["level_class"].to_list() == ["between", "no_level", "no_value"]
    assert set(out["edition"]) == {"2021"}
    codes = [f.code for f in classification_findings(out)]
    assert codes == ["W_BENCHMARK_NO_LEVEL", "W_BENCHMARK_NO_VALUE"]
    gap = classification_findings(out)[0]
    assert "尿素" in gap.message_zh and "2021" in gap.message_en and "ecer catalog import" in gap.fix_en


def test_shipped_2023_edition_classifies_nothing_and_says_why() -> None:
    # No 2023 value ships: every unit is a gap under 2023, never classified with 2021 values.
    levels = refdata.load("benchmark_levels", "2023").data
    out = classify_units(
        _perf([{"unit_id": "a", "field": "水泥熟料", "sub_category": "通用", "unit_energy": 105.0}]),
        levels,
        "2023",
    )
    assert out["level_class"].to_list() == ["no_level"] and out["benchmark_value"].to_list() == [None]


def test_missing_input_column_is_a_finding() -> None:
    with pytest.raises(FindingsError) as exc:
        classify_units(pl.DataFrame({"unit_id": ["a"]}), LEVELS_2021, "2021")
    assert {f.code for f in exc.value.findings} == {"E_HEADER_MISSING"}
    assert "unit_energy" in {f.evidence["column"] for f in exc.value.findings}


# --- shares ---------------------------------------------------------------------------------------------------------


def test_capacity_share_by_hand() -> None:
    # 电石 in one region, 2024: capacities 40 (805 → 标杆), 25 (900 → between), 35 (950 → 基准以下: > 940),
    # plus a unit with no value (10, unclassified). Classified capacity 40 + 25 + 35 = 100:
    # share at benchmark 40 / 100 = 40 % > 30 % → meets the goal; below baseline 35 %.
    perf = _perf(
        [
            {"unit_id": "a", "field": "电石", "sub_category": "通用", "unit_energy": 805.0, "capacity": 40.0},
            {"unit_id": "b", "field": "电石", "sub_category": "通用", "unit_energy": 900.0, "capacity": 25.0},
            {"unit_id": "c", "field": "电石", "sub_category": "通用", "unit_energy": 950.0, "capacity": 35.0},
            {"unit_id": "d", "field": "电石", "sub_category": "通用", "unit_energy": None, "capacity": 10.0},
        ]
    )
    shares = capacity_shares(classify_units(perf, LEVELS_2021, "2021"))
    r = shares.row(0, named=True)
    assert shares.height == 1
    assert r["capacity_classified"] == 100.0 and r["capacity_unclassified"] == 10.0
    assert r["share_at_benchmark_pct"] == pytest.approx(40.0)
    assert r["share_below_baseline_pct"] == pytest.approx(35.0)
    assert r["meets_goal"] is True and r["deadline"] == "2025-12-31"


def test_share_of_exactly_thirty_percent_does_not_meet_the_goal() -> None:
    # "超过30%": 30 of 100 is not above 30 %.
    perf = _perf(
        [
            {"unit_id": "a", "field": "电石", "sub_category": "通用", "unit_energy": 800.0, "capacity": 30.0},
            {"unit_id": "b", "field": "电石", "sub_category": "通用", "unit_energy": 900.0, "capacity": 70.0},
        ]
    )
    r = capacity_shares(classify_units(perf, LEVELS_2021, "2021")).row(0, named=True)
    assert r["share_at_benchmark_pct"] == pytest.approx(30.0) and r["meets_goal"] is False


def test_mixed_capacity_units_are_not_added() -> None:
    perf = _perf(
        [
            {
                "unit_id": "a",
                "field": "电石",
                "sub_category": "通用",
                "unit_energy": 800.0,
                "capacity_unit": "万吨/年",
            },
            {
                "unit_id": "b",
                "field": "电石",
                "sub_category": "通用",
                "unit_energy": 900.0,
                "capacity_unit": "吨/年",
            },
        ]
    )
    classified = classify_units(perf, LEVELS_2021, "2021")
    assert capacity_shares(classified).height == 2
    assert [f.code for f in share_findings(classified)] == ["W_BENCHMARK_CAPACITY_UNITS_MIXED"]


# --- work lists -----------------------------------------------------------------------------------------------------


def test_retrofit_and_exit_lists() -> None:
    perf = _perf(
        [
            {
                "unit_id": "bf1",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 450.0,
                "upgradable": True,
            },
            {
                "unit_id": "bf2",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 460.0,
                "upgradable": False,
            },
            {
                "unit_id": "bf3",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 400.0,
                "upgradable": False,
            },
        ]
    )
    classified = classify_units(perf, LEVELS_2021, "2021")
    tech = refdata.load("retrofit_technologies_2022").data
    fields = refdata.load("benchmark_fields").data
    retro = retrofit_list(classified, tech, fields)
    assert retro["unit_id"].to_list() == ["bf1"]
    row = retro.row(0, named=True)
    # the steel guide (200号 附件14) 二(二) names 转炉一次烟气干法除尘 among its mature techniques
    assert "转炉一次烟气干法除尘" in row["technology_paths"] and row["technology_count"] > 10
    assert row["deadline"] == "2025-12-31"
    # bf3 (400, between) is marked not upgradable but is not below baseline: not on the exit list
    assert exit_list(classified)["unit_id"].to_list() == ["bf2"]


# --- property: improving never worsens the class --------------------------------------------------------------------

_levels = st.tuples(st.floats(-1e4, 1e4, allow_nan=False), st.floats(0, 1e4, allow_nan=False))
_value = st.floats(-2e4, 2e4, allow_nan=False)


@given(_levels, _value, st.floats(0, 1e4, allow_nan=False), st.booleans())
def test_improving_never_moves_to_a_worse_class(
    levels: tuple[float, float], value: float, step: float, lower_is_better: bool
) -> None:
    benchmark, spread = levels
    baseline = benchmark + spread if lower_is_better else benchmark - spread
    better = value - step if lower_is_better else value + step
    before = class_rank(classify_value(value, benchmark, baseline, lower_is_better))
    after = class_rank(classify_value(better, benchmark, baseline, lower_is_better))
    assert before is not None and after is not None
    assert after <= before


@given(
    st.sampled_from(LEVELS_2021.select("field", "sub_category", "benchmark_value", "baseline_value").rows()),
    st.floats(-0.5, 1.5, allow_nan=False),
    st.floats(0, 0.5, allow_nan=False),
)
def test_improving_a_unit_never_worsens_it_on_shipped_levels(
    row: tuple[str, str, float, float], t: float, step: float
) -> None:
    field, sub, benchmark, baseline = row
    value = benchmark + t * (baseline - benchmark) * 2
    better = value - step * abs(baseline - benchmark)
    perf = _perf(
        [
            {"unit_id": "x", "field": field, "sub_category": sub, "unit_energy": value},
            {"unit_id": "y", "field": field, "sub_category": sub, "unit_energy": better},
        ]
    )
    ranks = [class_rank(c) for c in classify_units(perf, LEVELS_2021, "2021")["level_class"]]
    assert ranks[1] <= ranks[0]  # type: ignore[operator]


def test_shares_against_the_guides_own_targets() -> None:
    # 200号 三、工作目标: ammonia 15 % at benchmark by 2025 (附件5), coking "超过30%" (附件15), converter only (附件14).
    targets = guide_targets(refdata.load("retrofit_capacity_shares_2022").data)
    by_field = {r["field"]: r for r in targets.iter_rows(named=True)}
    assert by_field["合成氨"]["guide_target_pct"] == 15.0 and by_field["合成氨"]["guide_target_text"] == "15"
    assert by_field["煤制焦炭"]["guide_target_strict"] is True
    assert "炼钢" not in by_field  # the converter target does not cover electric-arc furnaces
    assert {"建筑陶瓷", "卫生陶瓷", "磷酸一铵", "磷酸二铵"} <= set(by_field)
    # Ammonia: 15 of 100 at benchmark (1000 ≤ 1000, natural gas) = 15 %: meets "达到15%" (≥) but not the > 30 % goal.
    perf = _perf(
        [
            {
                "unit_id": "a",
                "field": "合成氨",
                "sub_category": "天然气",
                "unit_energy": 1000.0,
                "capacity": 15.0,
            },
            {
                "unit_id": "b",
                "field": "合成氨",
                "sub_category": "天然气",
                "unit_energy": 1100.0,
                "capacity": 85.0,
            },
        ]
    )
    r = capacity_shares(classify_units(perf, LEVELS_2021, "2021"), targets=targets).row(0, named=True)
    assert r["share_at_benchmark_pct"] == pytest.approx(15.0)
    assert r["meets_guide_target"] is True and r["meets_goal"] is False


def test_below_baseline_capacity_with_deadline_by_hand() -> None:
    # 炼铁 (2021: 基准 435): bf1 450 (100, upgradable) and bf2 460 (60, not upgradable) are below baseline, bf3 400
    # is not: 160 below baseline by end-2025, 60 of it marked not upgradable.
    perf = _perf(
        [
            {
                "unit_id": "bf1",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 450.0,
                "capacity": 100.0,
            },
            {
                "unit_id": "bf2",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 460.0,
                "capacity": 60.0,
                "upgradable": False,
            },
            {
                "unit_id": "bf3",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 400.0,
                "capacity": 80.0,
            },
        ]
    )
    r = below_baseline_capacity(classify_units(perf, LEVELS_2021, "2021")).row(0, named=True)
    assert (r["capacity_below_baseline"], r["capacity_not_upgradable"], r["units"]) == (160.0, 60.0, 2)
    assert r["deadline"] == "2025-12-31"


def test_fields_added_in_2023_have_no_guide_paths() -> None:
    paths = technology_paths(
        refdata.load("retrofit_technologies_2022").data, refdata.load("benchmark_fields").data
    )
    by_field = {r["field"]: r for r in paths.iter_rows(named=True)}
    assert by_field["尿素"]["technology_paths"] is None and by_field["尿素"]["guide_annex"] is None
    assert by_field["水泥熟料"]["technology_count"] > 0 and by_field["水泥熟料"]["guide_annex"] == 11


def test_refining_saving_uses_the_oil_equivalent() -> None:
    # 炼油 2021: 基准 8.5 kgoe/(t·能量因数). A refinery at 9.0 with 5 000 000 t·能量因数:
    # 0.5 × 5e6 = 2.5e6 kgoe; × 41 816 / 29 307 = 3 567 066 kgce = 3 567.07 tce.
    r = _one("炼油", "通用", 9.0, output=5_000_000.0)
    assert r["saving_to_baseline"] == pytest.approx(2.5e6)
    assert r["saving_to_baseline_tce"] == pytest.approx(2.5e6 * 41816 / 29307 / 1000)


# --- mutation sample 20261213 (docs/mutation.md) ------------------------------------------------------------------


def test_mixed_capacity_units_are_named_with_field_region_and_year() -> None:
    # two 电石 units of 370000 in 2024, one in 万吨/年 and one in 吨/年 (units sorted: 万 U+4E07 before 吨 U+5428)
    perf = _perf(
        [
            {
                "unit_id": "a",
                "field": "电石",
                "sub_category": "通用",
                "unit_energy": 800.0,
                "capacity_unit": "万吨/年",
            },
            {
                "unit_id": "b",
                "field": "电石",
                "sub_category": "通用",
                "unit_energy": 900.0,
                "capacity_unit": "吨/年",
            },
        ]
    )
    (f,) = share_findings(classify_units(perf, LEVELS_2021, "2021"))
    assert f.message_en == (
        "电石, 370000, 2024: capacities are in different units (万吨/年, 吨/年); shares are computed per unit"
    )


def test_a_unit_without_output_comes_last_in_the_retrofit_list() -> None:
    # bf1 and bf2 are both below the blast-furnace baseline with the same deadline; bf1 has no output, so no
    # saving can be computed (null): it is listed after bf2, whose saving is known
    perf = _perf(
        [
            {
                "unit_id": "bf1",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 450.0,
                "output": None,
            },
            {"unit_id": "bf2", "field": "炼铁", "sub_category": "高炉工序", "unit_energy": 460.0},
        ]
    )
    classified = classify_units(perf, LEVELS_2021, "2021")
    retro = retrofit_list(
        classified, refdata.load("retrofit_technologies_2022").data, refdata.load("benchmark_fields").data
    )
    assert retro["unit_id"].to_list() == ["bf2", "bf1"]
    assert retro["saving_to_baseline_tce"][1] is None


def test_the_exit_list_puts_the_larger_capacity_first_within_a_deadline() -> None:
    # two blast furnaces below baseline, both not upgradable, same deadline: 300 万吨/年 before 100 万吨/年
    perf = _perf(
        [
            {
                "unit_id": "small",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 460.0,
                "upgradable": False,
                "capacity": 100.0,
            },
            {
                "unit_id": "large",
                "field": "炼铁",
                "sub_category": "高炉工序",
                "unit_energy": 470.0,
                "upgradable": False,
                "capacity": 300.0,
            },
        ]
    )
    assert exit_list(classify_units(perf, LEVELS_2021, "2021"))["unit_id"].to_list() == ["large", "small"]
