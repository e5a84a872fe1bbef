"""Shares of capacity at benchmark and below baseline, by field, region and year, against the > 30 % goal.

Goal: 国发〔2021〕33号 三(一) and 发改产业〔2021〕1464号 附件1/2 一、行动目标 — "到2025年……达到标杆水平的产能比例
超过30%" (steel, electrolytic aluminium, cement, flat glass, refining, ethylene, synthetic ammonia, calcium carbide).
"超过" is read strictly: a share of exactly 30 % does not meet the goal. The per-sector 2025 targets of the guides
(发改产业〔2022〕200号 三、工作目标, table ``retrofit_capacity_shares_2022``) differ by sector (15 % for ammonia, 50 % for
PX ...): pass them as ``targets`` (:func:`guide_targets`) and each share is also compared with its guide's target.
"""

from __future__ import annotations

import polars as pl

from ecer.core.benchmark.formulas import BELOW_BASELINE, BENCHMARK, BETWEEN, CLASSES
from ecer.findings import Finding, make

GOAL_PCT = 30.0
"""国发〔2021〕33号 三(一): share of capacity at benchmark above 30 % by 2025."""
GROUP = ("edition", "field", "region", "year", "capacity_unit")


def _cap(cls: str) -> pl.Expr:
    return pl.col("capacity").filter(pl.col("level_class") == cls).sum()


def guide_targets(shares_table: pl.DataFrame) -> pl.DataFrame:
    r"""Field → the 2025 target share at benchmark of its 200号 guide, from ``retrofit_capacity_shares_2022``.

    Only rows that cover whole fields (``benchmark_sub_category`` empty) give a field's target: the steel guide's
    converter target (转炉工序) does not cover electric-arc furnaces, so 炼钢 has none at field level. The wording
    decides the comparison: "超过30" is strict (>), "30" (达到) and "30以上" (以上 includes the number) are ≥.
    Columns: field, guide_target_pct [%], guide_target_strict (bool), guide_target_text, guide_annex.

    >>> t = pl.DataFrame({"benchmark_fields": ["煤制焦炭", "磷酸一铵;磷酸二铵"], "benchmark_sub_category": [None, None],
    ...     "target_share_at_benchmark_2025": ["超过30", "30"], "annex_no": [15, 9]})
    >>> guide_targets(t).select("field", "guide_target_pct", "guide_target_strict").rows()
    [('煤制焦炭', 30.0, True), ('磷酸一铵', 30.0, False), ('磷酸二铵', 30.0, False)]
    """
    text = pl.col("target_share_at_benchmark_2025")
    whole = shares_table.filter(
        pl.col("benchmark_sub_category").is_null() | (pl.col("benchmark_sub_category").cast(pl.Utf8) == "")
    )
    return (
        whole.select(
            pl.col("benchmark_fields").str.split(";").alias("field"),
            text.str.extract(r"(\d+(?:\.\d+)?)").cast(pl.Float64).alias("guide_target_pct"),
            text.str.contains("超过").alias("guide_target_strict"),
            text.alias("guide_target_text"),
            pl.col("annex_no").cast(pl.Int64).alias("guide_annex"),
        )
        .explode("field")
        .with_columns(pl.col("field").str.strip_chars())
    )


def capacity_shares(
    classified: pl.DataFrame, goal_pct: float = GOAL_PCT, targets: pl.DataFrame | None = None
) -> pl.DataFrame:
    r"""Capacity at benchmark and below baseline per edition, field, region, year and capacity unit.

    .. math:: s_{标杆} = 100 \cdot \frac{\sum_{c=\text{benchmark}} K}{\sum_{c \in \{\text{benchmark, between,
              below}\}} K}, \qquad s_{基准以下} \text{ likewise}

    capacity K in ``capacity_unit`` (shares are per unit: capacities in different units are not added, see
    :func:`share_findings`); units without a class (no level in the edition, no value) are left out of the
    denominator and reported as ``capacity_unclassified``. ``meets_goal``: :math:`s_{标杆} > \text{goal}`
    (strict, "超过30%"); ``deadline`` the field's retrofit-or-exit deadline for below-baseline capacity. With
    ``targets`` (:func:`guide_targets`): ``guide_target_pct``, ``guide_target_text`` and ``meets_guide_target``
    (null for a field without a field-level guide target). Shares [%]; capacities in ``capacity_unit``.

    >>> df = pl.DataFrame({"unit_id": ["a", "b", "c"], "edition": ["2021"] * 3, "field": ["电石"] * 3, "region": ["150000"] * 3,
    ...     "year": [2024] * 3, "capacity_unit": ["万吨/年"] * 3, "capacity": [30.0, 50.0, 20.0],
    ...     "level_class": ["benchmark", "between", "below_baseline"], "deadline": ["2025-12-31"] * 3})
    >>> r = capacity_shares(df).row(0, named=True)
    >>> r["share_at_benchmark_pct"], r["share_below_baseline_pct"], r["meets_goal"]
    (30.0, 20.0, False)
    """
    classed = pl.col("level_class").is_in(list(CLASSES))
    deadline = pl.col("deadline").drop_nulls().first() if "deadline" in classified.columns else pl.lit(None)
    total = pl.col("capacity").filter(classed).sum()
    out = (
        classified.group_by(*GROUP, maintain_order=True)
        .agg(
            total.alias("capacity_classified"),
            _cap(BENCHMARK).alias("capacity_at_benchmark"),
            _cap(BETWEEN).alias("capacity_between"),
            _cap(BELOW_BASELINE).alias("capacity_below_baseline"),
            pl.col("capacity").filter(~classed).sum().alias("capacity_unclassified"),
            pl.col("unit_id").filter(classed).n_unique().alias("units_classified"),
            pl.col("unit_id").filter(~classed).n_unique().alias("units_unclassified"),
            deadline.cast(pl.Utf8).alias("deadline"),
        )
        .with_columns(
            pl.when(pl.col("capacity_classified") > 0)
            .then(pl.col("capacity_at_benchmark") * 100.0 / pl.col("capacity_classified"))
            .alias("share_at_benchmark_pct"),
            pl.when(pl.col("capacity_classified") > 0)
            .then(pl.col("capacity_below_baseline") * 100.0 / pl.col("capacity_classified"))
            .alias("share_below_baseline_pct"),
            pl.lit(float(goal_pct)).alias("goal_pct"),
        )
        .with_columns((pl.col("share_at_benchmark_pct") > pl.col("goal_pct")).alias("meets_goal"))
    )
    if targets is not None:
        share = pl.col("share_at_benchmark_pct")
        target = pl.col("guide_target_pct")
        met = (
            pl.when(target.is_null())
            .then(pl.lit(None, dtype=pl.Boolean))
            .when(pl.col("guide_target_strict"))
            .then(share > target)
            .otherwise(share >= target)
        )
        wanted = targets.select("field", "guide_target_pct", "guide_target_strict", "guide_target_text")
        out = (
            out.join(wanted, on="field", how="left")
            .with_columns(met.alias("meets_guide_target"))
            .drop("guide_target_strict")
        )
    return out.sort("edition", "field", "region", "year", "capacity_unit")


def share_findings(classified: pl.DataFrame) -> list[Finding]:
    """W_BENCHMARK_CAPACITY_UNITS_MIXED for each field, region and year whose capacities are in several units."""
    mixed = (
        classified.group_by("field", "region", "year", maintain_order=True)
        .agg(pl.col("capacity_unit").unique().sort())
        .filter(pl.col("capacity_unit").list.len() > 1)
    )
    return [
        make(
            "W_BENCHMARK_CAPACITY_UNITS_MIXED",
            field=r["field"],
            region=r["region"],
            year=r["year"],
            units=", ".join(r["capacity_unit"]),
        )
        for r in mixed.iter_rows(named=True)
    ]


def below_baseline_capacity(classified: pl.DataFrame) -> pl.DataFrame:
    """Capacity below baseline by edition, field, deadline, region, year and capacity unit: what must be
    retrofitted or exit by the deadline (1609号 三; 723号: end-2025 original fields, end-2026 added ones), with how
    much of it the users marked not upgradable (``capacity_not_upgradable``)."""
    below = classified.filter(pl.col("level_class") == BELOW_BASELINE)
    return (
        below.group_by("edition", "field", "deadline", "region", "year", "capacity_unit", maintain_order=True)
        .agg(
            pl.col("capacity").sum().alias("capacity_below_baseline"),
            pl.col("capacity").filter(~pl.col("upgradable")).sum().alias("capacity_not_upgradable"),
            pl.col("unit_id").n_unique().alias("units"),
        )
        .sort("deadline", "field", "region", "year", nulls_last=True)
    )
