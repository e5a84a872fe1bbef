"""The benchmarking use case: one call under an edition, with every finding."""

from __future__ import annotations

import polars as pl

from ecer.services.benchmarking import benchmark_units


def _perf() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit_id": ["c1", "c2", "n1"],
            "enterprise": ["甲水泥", "乙水泥", "丙化工"],
            "region": ["370000", "370000", "370000"],
            "field": ["水泥熟料", "水泥熟料", "尿素"],
            "sub_category": ["通用", "通用", "通用"],
            "year": [2024, 2024, 2024],
            "capacity": [200.0, 100.0, 50.0],
            "capacity_unit": ["万吨/年"] * 3,
            "output": [1.8e6, 0.9e6, 4.0e5],
            "unit_energy": [98.0, 120.0, 150.0],  # 98 ≤ 100 → 标杆; 120 > 117 → 基准以下
            "upgradable": [True, False, True],
        }
    )


def test_edition_2021_classifies_reports_gaps_and_lists() -> None:
    r = benchmark_units(_perf(), "2021")
    assert r.edition == "2021" and r.levels_origin == "shipped"
    assert r.classified["level_class"].to_list() == ["benchmark", "below_baseline", "no_level"]
    # clinker share: 200 of 300 classified = 66.7 % > 30 %; 尿素 (added in 2023) has no 2021 level
    cement = r.shares.filter(pl.col("field") == "水泥熟料").row(0, named=True)
    assert abs(cement["share_at_benchmark_pct"] - 200 / 3) < 1e-9 and cement["meets_goal"] is True
    assert cement["guide_target_text"] == "30"  # 200号 附件11 三: 到2025年 标杆水平以上产能比例达到30%
    assert [f.code for f in r.findings] == ["W_BENCHMARK_NO_LEVEL"]
    assert r.retrofit.height == 0 and r.exit["unit_id"].to_list() == ["c2"]
    # c2 to baseline: (120 − 117) kgce/t × 900 000 t = 2 700 tce/a
    assert abs(r.exit.row(0, named=True)["saving_to_baseline_tce"] - 2700.0) < 1e-9


def test_default_edition_is_the_newest_and_ships_no_2023_levels() -> None:
    r = benchmark_units(_perf())
    assert r.edition == "2023"
    assert set(r.classified["level_class"]) == {"no_level"}
    assert {f.code for f in r.findings} == {"W_BENCHMARK_NO_LEVEL"}
