"""Exact outputs of benchmarking (ecer.core.benchmark): whole rows of classify_units, whole findings, whole share
frames, with levels written here (not the shipped edition) so every number is worked by hand.

Levels: 水泥熟料/通用 标杆 100, 基准 117 kgce/t (lower is better); 测试/高 标杆 50, 基准 30 (higher is better).
gap g = v − ℓ (lower) or ℓ − v (higher); g% = 100 g / |ℓ|; saving S = max(v − ℓ, 0) · Q; kgce → tce × 0.001.
"""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ecer.core.benchmark import (
    below_baseline_capacity,
    capacity_shares,
    classification_findings,
    classify_units,
    exit_list,
    guide_targets,
    retrofit_list,
    share_findings,
    technology_paths,
)
from ecer.findings import FindingsError, Location, make

LEVELS = pl.DataFrame(
    {
        "field": ["水泥熟料", "测试"],
        "sub_category": ["通用", "高"],
        "indicator": ["可比熟料综合能耗", "得率"],
        "unit": ["kgce/t", "%"],
        "benchmark_value": [100, 50],
        "baseline_value": [117, 30],
        "direction": ["lower_is_better", "higher_is_better"],
        "reference_standard": ["GB 16780", None],
        "deadline": ["2025-12-31", "2026-12-31"],
        "deadline_group": ["original", "added"],
    }
)


def perf(rows: list[dict[str, object]]) -> pl.DataFrame:
    base = {
        "enterprise": "甲",
        "region": "370000",
        "field": "水泥熟料",
        "sub_category": "通用",
        "year": 2024,
        "capacity": 100.0,
        "capacity_unit": "万吨/年",
        "output": 1000.0,
    }
    return pl.DataFrame([{**base, **r} for r in rows])


def test_each_class_with_its_gaps_and_savings_in_full() -> None:
    # u1 110: between; gaps 10 (10 %), −7 (−7/117 = −5.982906 %); savings 10 × 1000 = 10 000 kgce = 10 tce, 0
    # u2 120: below baseline; gaps 20 (20 %), 3 (3/117 = 2.564103 %); savings 20 000 kgce = 20 tce, 3 000 = 3 tce
    # u3 95: benchmark; gaps −5 (−5 %), −22 (−18.803419 %); savings 0, 0
    # u4 40 on a higher-is-better level: between; gaps 50 − 40 = 10 (20 %), 30 − 40 = −10 (−33.333 %); no saving
    # u5 no value; u6 a field without a level
    df = perf(
        [
            {"unit_id": "u1", "unit_energy": 110.0},
            {"unit_id": "u2", "unit_energy": 120.0, "upgradable": False},
            {"unit_id": "u3", "unit_energy": 95.0, "upgradable": None},
            {"unit_id": "u4", "unit_energy": 40.0, "field": "测试", "sub_category": "高"},
            {"unit_id": "u5", "unit_energy": None},
            {"unit_id": "u6", "unit_energy": 1.0, "field": "无此领域"},
        ]
    )
    out = classify_units(df, LEVELS, 2021)
    assert out.columns == [
        "enterprise",
        "region",
        "field",
        "sub_category",
        "year",
        "capacity",
        "capacity_unit",
        "output",
        "unit_id",
        "unit_energy",
        "upgradable",
        "edition",
        "indicator",
        "unit",
        "direction",
        "benchmark_value",
        "baseline_value",
        "reference_standard",
        "deadline",
        "deadline_group",
        "level_class",
        "level_class_zh",
        "gap_to_benchmark",
        "gap_to_benchmark_pct",
        "gap_to_baseline",
        "gap_to_baseline_pct",
        "saving_to_benchmark",
        "saving_to_baseline",
        "saving_to_benchmark_tce",
        "saving_to_baseline_tce",
    ]
    want = pl.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
            "upgradable": [True, False, True, True, True, True],
            "edition": ["2021"] * 6,
            "indicator": ["可比熟料综合能耗"] * 3 + ["得率", "可比熟料综合能耗", None],
            "unit": ["kgce/t"] * 3 + ["%", "kgce/t", None],
            "direction": ["lower_is_better"] * 3 + ["higher_is_better", "lower_is_better", None],
            "benchmark_value": [100.0, 100.0, 100.0, 50.0, 100.0, None],
            "baseline_value": [117.0, 117.0, 117.0, 30.0, 117.0, None],
            "reference_standard": ["GB 16780"] * 3 + [None, "GB 16780", None],
            "deadline": ["2025-12-31"] * 3 + ["2026-12-31", "2025-12-31", None],
            "deadline_group": ["original"] * 3 + ["added", "original", None],
            "level_class": ["between", "below_baseline", "benchmark", "between", "no_value", "no_level"],
            "level_class_zh": [
                "标杆与基准之间",
                "基准水平以下",
                "标杆水平",
                "标杆与基准之间",
                "无数值",
                "无对应水平（缺口）",
            ],
            "gap_to_benchmark": [10.0, 20.0, -5.0, 10.0, None, None],
            "gap_to_benchmark_pct": [10.0, 20.0, -5.0, 20.0, None, None],
            "gap_to_baseline": [-7.0, 3.0, -22.0, -10.0, None, None],
            "gap_to_baseline_pct": [-700 / 117, 300 / 117, -2200 / 117, -100 / 3, None, None],
        }
    )
    assert_frame_equal(out.select(want.columns), want, check_exact=False, abs_tol=1e-9, rel_tol=0)
    # savings (u5, without a value, in its own test below)
    savings = [
        "saving_to_benchmark",
        "saving_to_baseline",
        "saving_to_benchmark_tce",
        "saving_to_baseline_tce",
    ]
    assert out.filter(pl.col("unit_id") != "u5").select(savings).rows() == [
        (10000.0, 0.0, 10.0, 0.0),
        (20000.0, 3000.0, 20.0, 3.0),
        (0.0, 0.0, 0.0, 0.0),
        (None, None, None, None),
        (None, None, None, None),
    ]
    assert out.schema["year"] == pl.Int64 and out.schema["unit_energy"] == pl.Float64
    # u4 (higher is better) has no saving and so no W_BENCHMARK_SAVING_UNIT; u5, u6 one finding each
    assert classification_findings(out) == [
        make(
            "W_BENCHMARK_NO_LEVEL", edition="2021", field="无此领域", sub_category="通用", count=1, units="u6"
        ),
        make("W_BENCHMARK_NO_VALUE", year=2024, count=1, units="u5"),
    ]


def test_a_unit_without_a_value_has_no_saving_rather_than_a_zero_saving() -> None:
    # S = max(v − ℓ, 0) · Q is undefined without v: no value, no saving (its gaps are null, its class no_value)
    r = classify_units(perf([{"unit_id": "u5", "unit_energy": None}]), LEVELS, "2021").row(0, named=True)
    assert (r["gap_to_benchmark"], r["saving_to_benchmark"], r["saving_to_baseline_tce"]) == (
        None,
        None,
        None,
    )


def test_levels_without_the_optional_columns_give_null_references() -> None:
    lv = LEVELS.select(
        "field", "sub_category", "indicator", "unit", "benchmark_value", "baseline_value", "direction"
    )
    r = classify_units(perf([{"unit_id": "u1", "unit_energy": 117.0}]), lv, "2021").row(0, named=True)
    # 117 = 基准: reached, not below
    assert (r["reference_standard"], r["deadline"], r["deadline_group"], r["level_class"]) == (
        None,
        None,
        None,
        "between",
    )


def test_no_level_findings_count_units_once_and_show_at_most_ten() -> None:
    # 12 units (one of them in two years) without a level: count 12, the first ten ids sorted, then "… (+2)"
    ids = [f"a{i:02d}" for i in range(12, 0, -1)]
    rows = [{"unit_id": u, "field": "无此领域", "unit_energy": 1.0} for u in ids]
    rows.append({"unit_id": "a01", "field": "无此领域", "unit_energy": 1.0, "year": 2023})
    rows += [
        {"unit_id": "n2", "unit_energy": None},
        {"unit_id": "n1", "unit_energy": None},
        {"unit_id": "n3", "unit_energy": None, "year": 2023},
    ]
    fs = classification_findings(classify_units(perf(rows), LEVELS, "2021"))
    shown = "a01, a02, a03, a04, a05, a06, a07, a08, a09, a10 … (+2)"
    assert fs == [
        make(
            "W_BENCHMARK_NO_LEVEL",
            edition="2021",
            field="无此领域",
            sub_category="通用",
            count=12,
            units=shown,
        ),
        make("W_BENCHMARK_NO_VALUE", year=2024, count=2, units="n1, n2"),
        make("W_BENCHMARK_NO_VALUE", year=2023, count=1, units="n3"),
    ]
    assert fs[0].message_en == (
        "12 production units (无此领域 / 通用) have no benchmark and baseline level in the 2021 "
        f"edition and were not classified: {shown}"
    )
    assert fs[1].message_zh == "2 个生产单元 2024 年没有单位产品能耗，未分级：n1, n2"
    # exactly ten ids: no "(+…)"
    ten = [{"unit_id": f"b{i}", "field": "无此领域", "unit_energy": 1.0} for i in range(10)]
    f10 = classification_findings(classify_units(perf(ten), LEVELS, "2021"))[0]
    assert f10.evidence["units"] == "b0, b1, b2, b3, b4, b5, b6, b7, b8, b9"


def test_missing_columns_and_duplicate_levels_stop_the_classification() -> None:
    with pytest.raises(FindingsError) as e:
        classify_units(perf([{"unit_id": "u1", "unit_energy": 1.0}]).drop("output", "region"), LEVELS, "2021")
    assert e.value.findings == [
        make("E_HEADER_MISSING", location=Location(column=c), column=c, template="benchmark performance")
        for c in ("region", "output")
    ]
    with pytest.raises(FindingsError) as e:
        classify_units(
            perf([{"unit_id": "u1", "unit_energy": 1.0}]), LEVELS.drop("direction", "unit"), "2021"
        )
    assert e.value.findings == [
        make("E_HEADER_MISSING", location=Location(column=c), column=c, template="benchmark_levels")
        for c in ("unit", "direction")
    ]
    with pytest.raises(FindingsError) as e:
        classify_units(
            perf([{"unit_id": "u1", "unit_energy": 1.0}]), pl.concat([LEVELS, LEVELS.head(1)]), "2021"
        )
    assert e.value.findings == [
        make("E_BENCHMARK_DUPLICATE", field="水泥熟料", sub_category="通用", other_row="—")
    ]


# --- shares ---------------------------------------------------------------------------------------------------------


def classified() -> pl.DataFrame:
    rows = [  # (unit, field, region, year, capacity, class, deadline)
        ("a", "电石", "150000", 2024, 30.0, "benchmark", None),
        ("b", "电石", "150000", 2024, 10.0, "benchmark", "2025-12-31"),
        ("c", "电石", "150000", 2024, 40.0, "between", "2025-12-31"),
        ("d", "电石", "150000", 2024, 20.0, "below_baseline", "2025-12-31"),
        ("e", "电石", "150000", 2024, 5.0, "no_value", "2025-12-31"),
        ("f", "电石", "150000", 2024, 7.0, "no_level", None),
        ("g", "电石", "150000", 2023, 5.0, "no_value", None),
        ("h", "焦炭", "140000", 2024, 30.0, "benchmark", "2025-12-31"),
        ("i", "焦炭", "140000", 2024, 70.0, "between", "2025-12-31"),
    ]
    return pl.DataFrame(
        rows,
        schema=["unit_id", "field", "region", "year", "capacity", "level_class", "deadline"],
        orient="row",
    ).with_columns(edition=pl.lit("2021"), capacity_unit=pl.lit("万吨/年"))


def test_capacity_shares_in_full_with_the_default_goal() -> None:
    # 电石 2024: classified 30 + 10 + 40 + 20 = 100, at benchmark 40 → 40 % > 30 %; below 20 %; unclassified 5 + 7
    # 电石 2023: nothing classified → no share, no verdict; 焦炭 2024: 30 of 100 = 30 %, not above 30 %
    out = capacity_shares(classified())
    want = pl.DataFrame(
        {
            "edition": ["2021"] * 3,
            "field": ["焦炭", "电石", "电石"],
            "region": ["140000", "150000", "150000"],
            "year": [2024, 2023, 2024],
            "capacity_unit": ["万吨/年"] * 3,
            "capacity_classified": [100.0, 0.0, 100.0],
            "capacity_at_benchmark": [30.0, 0.0, 40.0],
            "capacity_between": [70.0, 0.0, 40.0],
            "capacity_below_baseline": [0.0, 0.0, 20.0],
            "capacity_unclassified": [0.0, 5.0, 12.0],
            "units_classified": [2, 0, 4],
            "units_unclassified": [0, 1, 2],
            "deadline": ["2025-12-31", None, "2025-12-31"],
            "share_at_benchmark_pct": [30.0, None, 40.0],
            "share_below_baseline_pct": [0.0, None, 20.0],
            "goal_pct": [30.0] * 3,
            "meets_goal": [False, None, True],
        },
        schema_overrides={"units_classified": pl.UInt32, "units_unclassified": pl.UInt32},
    )
    assert_frame_equal(out, want, check_exact=False, abs_tol=1e-9, rel_tol=0, check_dtypes=False)
    assert out.schema["meets_goal"] == pl.Boolean and out.schema["deadline"] == pl.String


def test_a_goal_is_exceeded_only_strictly_and_can_be_set() -> None:
    # goal 29.5: 30 % > 29.5 → met; goal 40: 40 % is not above 40 %
    assert capacity_shares(classified(), goal_pct=29.5)["meets_goal"].to_list() == [True, None, True]
    out = capacity_shares(classified(), goal_pct=40)
    assert out["meets_goal"].to_list() == [False, None, False] and out["goal_pct"].to_list() == [40.0] * 3


def test_shares_without_a_deadline_column_have_a_null_deadline() -> None:
    assert capacity_shares(classified().drop("deadline"))["deadline"].to_list() == [None, None, None]


def test_guide_targets_read_the_wording_and_cover_whole_fields_only() -> None:
    table = pl.DataFrame(
        {
            "benchmark_fields": ["电石", "焦炭; 兰炭", "炼钢"],
            "benchmark_sub_category": ["", None, "转炉工序"],
            "target_share_at_benchmark_2025": ["40以上", "超过30.5", "30"],
            "annex_no": ["5", "15", "1"],
        }
    )
    t = guide_targets(table)
    assert t.rows() == [
        ("电石", 40.0, False, "40以上", 5),
        ("焦炭", 30.5, True, "超过30.5", 15),
        ("兰炭", 30.5, True, "超过30.5", 15),
    ]
    assert t.columns == [
        "field",
        "guide_target_pct",
        "guide_target_strict",
        "guide_target_text",
        "guide_annex",
    ]


def _carbide_and_coke_targets(texts: list[str]) -> pl.DataFrame:
    """The guide's 2025 targets ``texts`` for 电石 (annex 5) and 焦炭 (annex 15), no sub-category."""
    return guide_targets(
        pl.DataFrame(
            {
                "benchmark_fields": ["电石", "焦炭"],
                "benchmark_sub_category": [None, None],
                "target_share_at_benchmark_2025": texts,
                "annex_no": [5, 15],
            }
        )
    )


def test_shares_against_guide_targets_at_exactly_the_target() -> None:
    # 电石 40 % against "40以上" (≥): met; 焦炭 30 % against "超过30" (>): not met; a field without a target: null
    targets = _carbide_and_coke_targets(["40以上", "超过30"])
    out = capacity_shares(classified(), targets=targets)
    assert out.columns[-3:] == ["guide_target_pct", "guide_target_text", "meets_guide_target"]
    assert out.select(
        "field", "year", "guide_target_pct", "guide_target_text", "meets_guide_target"
    ).rows() == [
        ("焦炭", 2024, 30.0, "超过30", False),
        ("电石", 2023, 40.0, "40以上", None),
        ("电石", 2024, 40.0, "40以上", True),
    ]
    # 焦炭 against a non-strict 30: met; 电石 against a strict 40: not met; no target for 焦炭: null
    other = _carbide_and_coke_targets(["超过40", "30"])
    assert capacity_shares(classified(), targets=other)["meets_guide_target"].to_list() == [True, None, False]
    only = other.filter(pl.col("field") == "电石")
    assert capacity_shares(classified(), targets=only)["meets_guide_target"].to_list() == [None, None, False]


def test_mixed_capacity_units_finding_in_full() -> None:
    df = classified().with_columns(
        capacity_unit=pl.when(pl.col("unit_id") == "b")
        .then(pl.lit("吨/年"))
        .otherwise(pl.col("capacity_unit"))
    )
    assert share_findings(df) == [
        make(
            "W_BENCHMARK_CAPACITY_UNITS_MIXED",
            field="电石",
            region="150000",
            year=2024,
            units="万吨/年, 吨/年",
        )
    ]
    f = share_findings(df)[0]
    assert (f.level, f.message_en) == (
        "warning",
        "电石, 150000, 2024: capacities are in different units (万吨/年, 吨/年); shares are computed per unit",
    )
    assert share_findings(classified()) == []


def test_below_baseline_capacity_with_what_cannot_be_upgraded() -> None:
    # 电石 150000 2024: d 20 (upgradable) + j 15 (not) → 35, 15 not upgradable, 2 units; 焦炭 k 8, no deadline: last
    extra = pl.DataFrame(
        [
            ("j", "电石", "150000", 2024, 15.0, "below_baseline", "2025-12-31"),
            ("k", "焦炭", "140000", 2024, 8.0, "below_baseline", None),
        ],
        schema=["unit_id", "field", "region", "year", "capacity", "level_class", "deadline"],
        orient="row",
    ).with_columns(edition=pl.lit("2021"), capacity_unit=pl.lit("万吨/年"))
    df = pl.concat([classified(), extra]).with_columns(upgradable=~pl.col("unit_id").is_in(["j", "k"]))
    out = below_baseline_capacity(df)
    assert out.columns == [
        "edition",
        "field",
        "deadline",
        "region",
        "year",
        "capacity_unit",
        "capacity_below_baseline",
        "capacity_not_upgradable",
        "units",
    ]
    assert out.rows() == [
        ("2021", "电石", "2025-12-31", "150000", 2024, "万吨/年", 35.0, 15.0, 2),
        ("2021", "焦炭", None, "140000", 2024, "万吨/年", 8.0, 8.0, 1),
    ]


# --- work lists -----------------------------------------------------------------------------------------------------

TECHS = pl.DataFrame(
    {
        "annex_no": [11, 11, 11, 11, 9],
        "section": ["二(二)1", "二(一)", "二(二)2", "三(二)", "二(二)"],
        "technology_cn": ["高效篦冷机", "现状", "低阻旋风预热器", "前沿技术", "余热发电"],
    }
)
FIELDS = pl.DataFrame({"field": ["水泥熟料", "电石", "尿素"], "guide_annex": ["11", "9", None]})


def test_technology_paths_keep_the_mature_techniques_of_each_guide() -> None:
    # 附件11: 二(二)1 and 二(二)2 (not 二(一), not 三(二)) joined with "；"; 尿素 (added in 2023) has no guide
    out = technology_paths(TECHS, FIELDS)
    assert out.columns == ["field", "guide_annex", "technology_paths", "technology_count"]
    assert out.rows() == [
        ("水泥熟料", 11, "高效篦冷机；低阻旋风预热器", 2),
        ("电石", 9, "余热发电", 1),
        ("尿素", None, None, None),
    ]
    assert out.schema["technology_count"] == pl.Int64


def work_units() -> pl.DataFrame:
    rows = [  # unit, field, class, upgradable, deadline, saving_to_baseline_tce, capacity
        ("r1", "水泥熟料", "below_baseline", True, "2025-12-31", 5.0, 10.0),
        ("r2", "水泥熟料", "below_baseline", True, "2025-12-31", 9.0, 10.0),
        ("r3", "电石", "below_baseline", True, "2025-12-31", 9.0, 10.0),
        ("r4", "尿素", "below_baseline", True, "2026-12-31", 50.0, 10.0),
        ("r5", "水泥熟料", "below_baseline", True, None, 99.0, 10.0),
        ("r6", "水泥熟料", "below_baseline", True, "2025-12-31", None, 10.0),
        ("r7", "水泥熟料", "between", True, "2025-12-31", 0.0, 10.0),
        ("x1", "水泥熟料", "below_baseline", False, "2025-12-31", 1.0, 20.0),
        ("x2", "电石", "below_baseline", False, "2025-12-31", 1.0, 30.0),
        ("x3", "电石", "below_baseline", False, "2024-12-31", 1.0, 5.0),
        ("x4", "电石", "between", False, "2024-12-31", 1.0, 50.0),
        ("x5", "电石", "below_baseline", False, None, 1.0, 90.0),
        ("x6", "电石", "below_baseline", False, "2025-12-31", 1.0, 20.0),
    ]
    names = [
        "unit_id",
        "field",
        "level_class",
        "upgradable",
        "deadline",
        "saving_to_baseline_tce",
        "capacity",
    ]
    return pl.DataFrame(rows, schema=names, orient="row")


def test_the_retrofit_list_is_by_deadline_then_largest_saving_then_unit() -> None:
    # 2025: r2 and r3 save 9 (tie → by id), then r1 5, then r6 (no saving) last; then 2026 r4; no deadline r5 last
    out = retrofit_list(work_units(), TECHS, FIELDS)
    assert out.select("unit_id", "technology_paths", "technology_count").rows() == [
        ("r2", "高效篦冷机；低阻旋风预热器", 2),
        ("r3", "余热发电", 1),
        ("r1", "高效篦冷机；低阻旋风预热器", 2),
        ("r6", "高效篦冷机；低阻旋风预热器", 2),
        ("r4", None, None),
        ("r5", "高效篦冷机；低阻旋风预热器", 2),
    ]


def test_the_exit_list_is_by_deadline_then_largest_capacity_then_unit() -> None:
    # not upgradable and below baseline only (x4 is between): 2024 x3; 2025 x2 30, x1 20 and x6 20 (by id); x5 last
    assert exit_list(work_units())["unit_id"].to_list() == ["x3", "x2", "x1", "x6", "x5"]
