"""Targets carried down the region tree: a region without its own target takes its parent's, up the chain
county → city → province → nation, and says where it came from."""

from __future__ import annotations

import polars as pl

from ecer.models.region import NATIONAL_CODE

INHERITABLE = ["intensity_reduction_basic", "intensity_reduction_incentive", "gdp_growth_plan"]
TARGET_VALUES = [*INHERITABLE, "total_increment_cap"]


def resolve_targets(tree: pl.DataFrame, targets: pl.DataFrame | None) -> pl.DataFrame:
    """One target row per region and plan.

    tree : ``region_code, parent_code`` of every region known (a province's parent is the nation, 100000, when
    empty); targets : rows in ``ecer.models.TARGET_COLUMNS`` (fractions). Returns ``region_code, plan,
    intensity_reduction_basic, intensity_reduction_incentive, gdp_growth_plan, total_increment_cap,
    target_source, target_status``. ``target_status`` is ``own`` or ``inherited``; ``target_source`` the target
    row's ``source`` text, or ``parent CODE; <the parent's source>`` (so a county shows the whole chain). Increment
    caps are absolute and are never inherited.

    >>> tree = pl.DataFrame({"region_code": ["130000", "130100"], "parent_code": [None, "130000"]})
    >>> t = pl.DataFrame({"region_code": ["130000"], "plan": ["14th"], "intensity_reduction_basic": [0.15],
    ...     "intensity_reduction_incentive": [None], "gdp_growth_plan": [None], "total_increment_cap": [100.0],
    ...     "source": ["plan"]})
    >>> r = resolve_targets(tree, t).sort("region_code")
    >>> r["target_source"].to_list(), r["total_increment_cap"].to_list(), r["target_status"].to_list()
    (['plan', 'parent 130000; plan'], [100.0, None], ['own', 'inherited'])
    """
    out_cols = ["region_code", "plan", *TARGET_VALUES, "target_source", "target_status"]
    if targets is None or targets.is_empty():
        return pl.DataFrame(schema={c: (pl.String if c in ("region_code", "plan", "target_source", "target_status")
                                        else pl.Float64) for c in out_cols})
    src = pl.col("source") if "source" in targets.columns else pl.lit(None, pl.String)
    own = targets.with_columns(
        [pl.col(c).cast(pl.Float64) for c in TARGET_VALUES],
        target_source=pl.coalesce(pl.when(src.str.len_chars() > 0).then(src), pl.lit("own")),
        target_status=pl.lit("own"))
    own = own.select(out_cols).unique(["region_code", "plan"], keep="last")
    parent = pl.when(pl.col("parent_code").is_not_null()).then(pl.col("parent_code")).when(
        pl.col("region_code").str.ends_with("0000") & (pl.col("region_code") != NATIONAL_CODE)).then(
        pl.lit(NATIONAL_CODE))
    # Targets of regions that are not in the tree (the nation, a province above the cities loaded) still pass down.
    codes = pl.concat([tree.select("region_code", pl.col("parent_code").cast(pl.String)),
                       own.select("region_code").unique().join(tree.select("region_code"), on="region_code",
                                                               how="anti")
                       .with_columns(parent_code=pl.lit(None, pl.String))]).unique("region_code", keep="first")
    nodes = codes.select("region_code", parent.alias("_parent"))
    parts = []
    for plan in own.get_column("plan").unique().sort().to_list():
        out = nodes.with_columns(plan=pl.lit(plan)).join(own.filter(pl.col("plan") == plan),
                                                          on=["region_code", "plan"], how="left")
        for _ in range(4):  # county → city → province → nation
            have = out.filter(pl.col("intensity_reduction_basic").is_not_null()).select(
                pl.col("region_code").alias("_parent"), *[pl.col(c).alias(f"_p_{c}") for c in INHERITABLE],
                pl.col("target_source").alias("_p_source"))
            step = out.join(have, on="_parent", how="left")
            take = pl.col("intensity_reduction_basic").is_null() & pl.col("_p_intensity_reduction_basic").is_not_null()
            out = step.with_columns(
                [pl.when(take).then(pl.col(f"_p_{c}")).otherwise(pl.col(c)).alias(c) for c in INHERITABLE]
                + [pl.when(take).then(pl.concat_str(pl.lit("parent "), pl.col("_parent"), pl.lit("; "),
                                                    pl.col("_p_source"))).otherwise(pl.col("target_source"))
                   .alias("target_source"),
                   pl.when(take).then(pl.lit("inherited")).otherwise(pl.col("target_status")).alias("target_status")]
            ).drop([f"_p_{c}" for c in INHERITABLE] + ["_p_source"])
        parts.append(out.filter(pl.col("intensity_reduction_basic").is_not_null()).select(out_cols))
    return pl.concat(parts, how="vertical_relaxed")
