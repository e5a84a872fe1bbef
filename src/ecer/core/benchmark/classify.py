"""Classify production units against an edition of the benchmark table (标杆 / 之间 / 基准以下).

The input contract (what the store's unit-performance query produces), one row per unit and year:

========== ======= ==========================================================================================
column     type    meaning
========== ======= ==========================================================================================
unit_id    str     production unit (生产单元/装置)
enterprise str     enterprise (企业)
region     str     6-digit region code (GB/T 2260)
field      str     key field, as in ``benchmark_levels.field``
sub_category str   product or process, as in ``benchmark_levels.sub_category``
year       int     year of the performance
capacity   float   capacity (产能), in ``capacity_unit``
capacity_unit str  unit of the capacity (e.g. 万吨/年)
output     float   the year's output in the indicator's *denominator* unit (t, m², 重量箱, t·能量因数)
unit_energy float  the unit-product energy in the indicator's unit and on its basis (可比熟料综合能耗 ...)
upgradable bool    False when the unit cannot be retrofitted in time (exit list); missing = True
========== ======= ==========================================================================================

``levels`` is one edition of ``benchmark_levels`` (``ecer.refdata.load("benchmark_levels", E).data``, or a user
edition imported with ``ecer catalog import``). Every input row comes out, in input order: a unit whose field and
sub-category have no level in the edition is classed ``no_level`` (a W_BENCHMARK_NO_LEVEL finding, see
:func:`classification_findings`), one without a value ``no_value``; nothing is dropped.
"""

from __future__ import annotations

import pint
import polars as pl

from ecer.core.benchmark.formulas import (
    CLASS_ZH,
    LOWER_IS_BETTER,
    NO_LEVEL,
    NO_VALUE,
    classify_value,
    gap_percent,
    gap_to_level,
    saving_if_at_level,
)
from ecer.findings import Finding, FindingsError, Location, make
from ecer.units import Q_, parse_unit, ureg

PERFORMANCE_COLUMNS: dict[str, pl.DataType] = {
    "unit_id": pl.Utf8(),
    "enterprise": pl.Utf8(),
    "region": pl.Utf8(),
    "field": pl.Utf8(),
    "sub_category": pl.Utf8(),
    "year": pl.Int64(),
    "capacity": pl.Float64(),
    "capacity_unit": pl.Utf8(),
    "output": pl.Float64(),
    "unit_energy": pl.Float64(),
}
LEVEL_COLUMNS = (
    "field",
    "sub_category",
    "indicator",
    "unit",
    "benchmark_value",
    "baseline_value",
    "direction",
)
_OPTIONAL_LEVEL_COLUMNS = ("reference_standard", "deadline", "deadline_group")
_SHOWN_UNITS = 10


def tce_factor(unit: str) -> float | None:
    r"""tce per (indicator unit × its denominator unit): what turns a saving in the indicator's unit times an
    output in the denominator unit into tonnes of coal equivalent.

    .. math:: f = [\,1\ \text{unit} \times 1\ \text{denominator}\,]_{\text{tce}}

    kgce/t → 0.001 (kgce → tce); kgoe/t → 41 816 / 29 307 / 1000 (GB/T 2589 calorific values of oil and coal
    equivalent); kWh/t → 3 600 / 29 307 / 1000 (electricity at its calorific value, 当量值 — 0.12284 kgce/kWh, the
    unrounded form of the published 0.1229; a coal-equivalent 等价值 reading needs the year's factor and is not a
    unit conversion). None when the numerator is not an energy. Conversions by pint (:mod:`ecer.units`).

    >>> tce_factor("kgce/t"), round(tce_factor("kgoe/t"), 8), round(tce_factor("kWh/t") * 1000, 5)
    (0.001, 0.00142683, 0.12284)
    >>> tce_factor("t/t") is None
    True
    """
    u = parse_unit(unit)
    denominator = Q_(1.0, "dimensionless")
    for name, exp in u._units.items():  # pint exposes a unit's factors only here
        power = float(exp)  # type: ignore[arg-type]
        if power < 0:
            denominator = denominator * Q_(1.0, ureg.Unit(name)) ** (-power)
    try:
        return float((Q_(1.0, u) * denominator).to("tce").magnitude)
    except pint.DimensionalityError:
        return None


def _check_performance(performance: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in PERFORMANCE_COLUMNS if c not in performance.columns]
    if missing:
        raise FindingsError(
            [
                make(
                    "E_HEADER_MISSING",
                    location=Location(column=c),
                    column=c,
                    template="benchmark performance",
                )
                for c in missing
            ]
        )
    df = performance.with_columns(pl.col(c).cast(t) for c, t in PERFORMANCE_COLUMNS.items())
    if "upgradable" not in df.columns:
        df = df.with_columns(pl.lit(True).alias("upgradable"))
    return df.with_columns(pl.col("upgradable").cast(pl.Boolean).fill_null(True))


def _check_levels(levels: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in LEVEL_COLUMNS if c not in levels.columns]
    if missing:
        raise FindingsError(
            [
                make("E_HEADER_MISSING", location=Location(column=c), column=c, template="benchmark_levels")
                for c in missing
            ]
        )
    keep = [*LEVEL_COLUMNS, *(c for c in _OPTIONAL_LEVEL_COLUMNS if c in levels.columns)]
    lv = levels.select(keep).with_columns(pl.col("benchmark_value", "baseline_value").cast(pl.Float64))
    for c in _OPTIONAL_LEVEL_COLUMNS:
        if c not in lv.columns:
            lv = lv.with_columns(pl.lit(None, dtype=pl.Utf8).alias(c))
    dup = lv.group_by("field", "sub_category").len().filter(pl.col("len") > 1)
    if dup.height:
        raise FindingsError(
            [
                make("E_BENCHMARK_DUPLICATE", field=r["field"], sub_category=r["sub_category"], other_row="—")
                for r in dup.iter_rows(named=True)
            ]
        )
    units = lv["unit"].cast(pl.Utf8).unique().to_list()
    factors = pl.DataFrame(
        {"unit": units, "_tce_factor": [tce_factor(u) for u in units]},
        schema={"unit": pl.Utf8, "_tce_factor": pl.Float64},
    )
    return lv.with_columns(pl.col("unit").cast(pl.Utf8)).join(factors, on="unit", how="left")


def classify_units(performance: pl.DataFrame, levels: pl.DataFrame, edition: str) -> pl.DataFrame:
    r"""Each unit-year against its field's levels in ``edition``: class, gaps and the savings if it reached them.

    Output: the input columns, then ``edition``, the level's ``indicator``, ``unit``, ``direction``,
    ``benchmark_value``, ``baseline_value``, ``reference_standard``, ``deadline``, ``deadline_group``, and

    * ``level_class`` — ``benchmark`` (reaches 标杆), ``between``, ``below_baseline`` (worse than 基准), or
      ``no_level`` / ``no_value``; ``level_class_zh`` its Chinese label;
    * ``gap_to_benchmark``, ``gap_to_baseline`` [indicator unit]: improvement still needed (≤ 0: reached), and
      ``…_pct`` [%] of the level's magnitude (:func:`~ecer.core.benchmark.formulas.gap_percent`);
    * ``saving_to_benchmark_tce``, ``saving_to_baseline_tce`` [tce/a]:
      :math:`S = \max(v-\ell, 0)\cdot Q \cdot f` with :math:`f` = :func:`tce_factor` (zero when already better);
      ``saving_to_benchmark``, ``saving_to_baseline`` the same in the indicator's numerator unit.

    Sources: classes and boundaries :mod:`ecer.core.benchmark.formulas` (1464号, 1609号 wording); deadlines
    发改产业〔2023〕723号 (end-2025 for the original 25 fields, end-2026 for the 11 added in 2023).

    >>> perf = pl.DataFrame({"unit_id": ["k1"], "enterprise": ["E"], "region": ["370000"], "field": ["水泥熟料"],
    ...     "sub_category": ["通用"], "year": [2024], "capacity": [150.0], "capacity_unit": ["万吨/年"],
    ...     "output": [1_000_000.0], "unit_energy": [110.0]})
    >>> lv = pl.DataFrame({"field": ["水泥熟料"], "sub_category": ["通用"], "indicator": ["可比熟料综合能耗"],
    ...     "unit": ["kgce/t"], "benchmark_value": [100.0], "baseline_value": [117.0],
    ...     "direction": ["lower_is_better"]})
    >>> r = classify_units(perf, lv, "2021").row(0, named=True)
    >>> r["level_class"], r["gap_to_benchmark"], r["saving_to_benchmark_tce"], r["saving_to_baseline_tce"]
    ('between', 10.0, 10000.0, 0.0)
    """
    df = _check_performance(performance).with_row_index("_row")
    lv = _check_levels(levels).with_columns(pl.lit(True).alias("_has_level"))
    joined = df.join(lv, on=["field", "sub_category"], how="left", coalesce=True).sort("_row")
    lib = pl.col("direction") == LOWER_IS_BETTER
    v, b, s, q = pl.col("unit_energy"), pl.col("benchmark_value"), pl.col("baseline_value"), pl.col("output")
    cls = (
        pl.when(pl.col("_has_level").is_null())
        .then(pl.lit(NO_LEVEL))
        .when(v.is_null())
        .then(pl.lit(NO_VALUE))
        .otherwise(classify_value(v, b, s, lib))
    )
    out = joined.with_columns(
        pl.lit(str(edition)).alias("edition"),
        cls.alias("level_class"),
        gap_to_level(v, b, lib).alias("gap_to_benchmark"),
        gap_percent(v, b, lib).alias("gap_to_benchmark_pct"),
        gap_to_level(v, s, lib).alias("gap_to_baseline"),
        gap_percent(v, s, lib).alias("gap_to_baseline_pct"),
        saving_if_at_level(v, b, q, lib).alias("saving_to_benchmark"),
        saving_if_at_level(v, s, q, lib).alias("saving_to_baseline"),
    ).with_columns(
        pl.col("level_class").replace_strict(CLASS_ZH, return_dtype=pl.Utf8).alias("level_class_zh"),
        (pl.col("saving_to_benchmark") * pl.col("_tce_factor")).alias("saving_to_benchmark_tce"),
        (pl.col("saving_to_baseline") * pl.col("_tce_factor")).alias("saving_to_baseline_tce"),
    )
    inputs = [c for c in df.columns if c != "_row"]
    extra = [c for c in performance.columns if c not in inputs]
    level_cols = [
        "indicator",
        "unit",
        "direction",
        "benchmark_value",
        "baseline_value",
        "reference_standard",
        "deadline",
        "deadline_group",
    ]
    result = [
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
    return out.select([*inputs, *extra, "edition", *level_cols, *result])


def _ids(units: list[str]) -> str:
    shown = ", ".join(units[:_SHOWN_UNITS])
    return shown + (f" … (+{len(units) - _SHOWN_UNITS})" if len(units) > _SHOWN_UNITS else "")


def classification_findings(classified: pl.DataFrame) -> list[Finding]:
    """The findings of a classification: units without a level in the edition (W_BENCHMARK_NO_LEVEL, one per
    field and sub-category), without a value (W_BENCHMARK_NO_VALUE, one per year), and indicators whose unit
    gives no tce saving (W_BENCHMARK_SAVING_UNIT)."""
    out: list[Finding] = []
    gaps = (
        classified.filter(pl.col("level_class") == NO_LEVEL)
        .group_by("edition", "field", "sub_category", maintain_order=True)
        .agg(pl.col("unit_id").unique())
    )
    for r in gaps.iter_rows(named=True):
        out.append(
            make(
                "W_BENCHMARK_NO_LEVEL",
                edition=r["edition"],
                field=r["field"],
                sub_category=r["sub_category"],
                count=len(r["unit_id"]),
                units=_ids(sorted(r["unit_id"])),
            )
        )
    novalue = (
        classified.filter(pl.col("level_class") == NO_VALUE)
        .group_by("year", maintain_order=True)
        .agg(pl.col("unit_id").unique())
    )
    for r in novalue.iter_rows(named=True):
        out.append(
            make(
                "W_BENCHMARK_NO_VALUE",
                year=r["year"],
                count=len(r["unit_id"]),
                units=_ids(sorted(r["unit_id"])),
            )
        )
    no_tce = (
        classified.filter(
            pl.col("saving_to_benchmark").is_not_null() & pl.col("saving_to_benchmark_tce").is_null()
        )
        .select("field", "unit")
        .unique(maintain_order=True)
    )
    for r in no_tce.iter_rows(named=True):
        out.append(
            make(
                "W_BENCHMARK_SAVING_UNIT",
                field=r["field"],
                unit=r["unit"],
                output_unit=f"the denominator of {r['unit']}",
            )
        )
    return out
