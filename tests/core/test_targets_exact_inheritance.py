"""Targets carried down the region tree (ecer.core.targets.inheritance.resolve_targets): whole output rows.

A region without its own target takes its parent's (county → city → province → nation), says so (``inherited``,
``parent CODE; <the parent's source>``) and never takes the parent's absolute increment cap.
"""

from __future__ import annotations

import polars as pl

from ecer.core.targets.inheritance import resolve_targets

COLUMNS = [
    "region_code",
    "plan",
    "intensity_reduction_basic",
    "intensity_reduction_incentive",
    "gdp_growth_plan",
    "total_increment_cap",
    "target_source",
    "target_status",
]
TREE = pl.DataFrame(
    {
        "region_code": ["130000", "130100", "130102", "110000"],
        "parent_code": [None, "130000", "130100", None],
    },
    schema_overrides={"parent_code": pl.String},
)


def targets(rows: list[tuple[object, ...]], *, source: bool = True) -> pl.DataFrame:
    names = [*COLUMNS[:6], "source"]  # the output's keys and target values, and the input's own source
    df = pl.DataFrame(
        rows,
        schema=names,
        orient="row",
        schema_overrides={c: pl.Float64 for c in names[2:6]} | {"source": pl.String},
    )
    return df if source else df.drop("source")


def test_no_targets_gives_an_empty_frame_with_the_output_columns() -> None:
    want = {
        c: (pl.String if c in ("region_code", "plan", "target_source", "target_status") else pl.Float64)
        for c in COLUMNS
    }
    for none in (None, targets([]).head(0)):
        out = resolve_targets(TREE, none)
        assert out.height == 0 and out.schema == pl.Schema(want)


def test_a_county_takes_the_chain_of_its_city_province_and_nation() -> None:
    # the nation (not in the tree) has 13.5 %; 河北 its own 14.5 % with a cap; 北京 (a province: parent = nation)
    # and the city/county of 河北 inherit; the increment cap 5.0 of 河北 is never passed down
    t = targets(
        [
            ("100000", "14th", 0.135, 0.14, 0.055, None, "国发33号"),
            ("130000", "14th", 0.145, 0.15, 0.06, 5.0, "冀政字"),
        ]
    )
    out = resolve_targets(TREE, t).sort("region_code")
    assert out.columns == COLUMNS
    assert out.rows() == [
        ("100000", "14th", 0.135, 0.14, 0.055, None, "国发33号", "own"),
        ("110000", "14th", 0.135, 0.14, 0.055, None, "parent 100000; 国发33号", "inherited"),
        ("130000", "14th", 0.145, 0.15, 0.06, 5.0, "冀政字", "own"),
        ("130100", "14th", 0.145, 0.15, 0.06, None, "parent 130000; 冀政字", "inherited"),
        ("130102", "14th", 0.145, 0.15, 0.06, None, "parent 130100; parent 130000; 冀政字", "inherited"),
    ]


def test_a_province_without_a_parent_code_reaches_the_nation_three_levels_down() -> None:
    # only the nation has a target: county 130102 → 130100 → 130000 → 100000 (three steps)
    out = resolve_targets(TREE, targets([("100000", "14th", 0.135, None, None, 9.0, "国")])).sort(
        "region_code"
    )
    assert out.select("region_code", "total_increment_cap", "target_source").rows() == [
        ("100000", 9.0, "国"),
        ("110000", None, "parent 100000; 国"),
        ("130000", None, "parent 100000; 国"),
        ("130100", None, "parent 130000; parent 100000; 国"),
        ("130102", None, "parent 130100; parent 130000; parent 100000; 国"),
    ]


def test_a_row_without_a_basic_target_takes_the_parents_whole_target() -> None:
    # 130100 gives only an incentive (no basic): it is not a target of its own; it takes 河北's three values
    t = targets(
        [("130000", "14th", 0.145, 0.15, None, None, "冀"), ("130100", "14th", None, 0.2, 0.07, 3.0, "市")]
    )
    out = resolve_targets(TREE, t).sort("region_code")
    assert out.rows() == [
        ("130000", "14th", 0.145, 0.15, None, None, "冀", "own"),
        ("130100", "14th", 0.145, 0.15, None, 3.0, "parent 130000; 冀", "inherited"),
        ("130102", "14th", 0.145, 0.15, None, None, "parent 130100; parent 130000; 冀", "inherited"),
    ]


def test_a_missing_or_empty_source_reads_own_and_a_repeated_row_keeps_the_last() -> None:
    t = targets(
        [
            ("130000", "14th", 0.10, None, None, None, ""),
            ("110000", "14th", 0.2, None, None, None, "a"),
            ("110000", "14th", 0.3, None, None, None, "b"),
        ]
    )
    out = resolve_targets(TREE, t).sort("region_code")
    assert out.select("region_code", "intensity_reduction_basic", "target_source").rows() == [
        ("110000", 0.3, "b"),
        ("130000", 0.10, "own"),
        ("130100", 0.10, "parent 130000; own"),
        ("130102", 0.10, "parent 130100; parent 130000; own"),
    ]
    no_source = resolve_targets(
        TREE, targets([("130000", "14th", 0.1, None, None, None, None)], source=False)
    )
    assert no_source.sort("region_code")["target_source"].to_list() == [
        "own",
        "parent 130000; own",
        "parent 130100; parent 130000; own",
    ]


def test_each_plan_is_carried_down_on_its_own() -> None:
    # 13th: only 北京; 14th: only 河北 — no plan borrows from the other
    t = targets(
        [("130000", "14th", 0.145, None, None, None, "冀"), ("110000", "13th", 0.17, None, None, None, "京")]
    )
    out = resolve_targets(TREE, t)
    assert out.sort("plan", "region_code").select("region_code", "plan", "target_status").rows() == [
        ("110000", "13th", "own"),
        ("130000", "14th", "own"),
        ("130100", "14th", "inherited"),
        ("130102", "14th", "inherited"),
    ]
    assert out["plan"].to_list()[:1] == ["13th"]  # plans in order


def test_a_region_outside_the_tree_with_a_parent_code_ending_in_zeros_is_not_the_nation() -> None:
    # 100000 itself has no parent; a city code (130100) not ending in 0000 without a parent has none either
    tree = pl.DataFrame(
        {"region_code": ["100000", "130100"], "parent_code": [None, None]},
        schema_overrides={"parent_code": pl.String},
    )
    out = resolve_targets(tree, targets([("100000", "14th", 0.135, None, None, None, "国")]))
    assert out.rows() == [("100000", "14th", 0.135, None, None, None, "国", "own")]
