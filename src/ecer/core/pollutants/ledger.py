r"""The emission ledger (总量减排核算台账): base-year emissions carried forward year by year with the new emissions and
the reductions by kind.

For each region and pollutant, from the year after its base year to ``through_year``:

.. math:: \Delta E_{cut,t} = R_{eng,t} + R_{str,t} + R_{man,t}, \qquad E_t = E_{t-1} + \Delta E_{new,t} - \Delta E_{cut,t}

with E_{base} the base-year emissions (:func:`ecer.core.pollutants.accounting.total_cut`,
:func:`~ecer.core.pollutants.accounting.emission_balance`). All masses in tonnes [t].

Principles of the 十二五 核算细则 kept here (METHODS §3.2): "遵循基数" — a measure or increment of a region and
pollutant without base emissions is an error (``E_POLLUTANT_NO_BASE``), never a row of its own; a measure dated in or
before the base year is reported (``W_POLLUTANT_MEASURE_BEFORE_BASE``) and not counted (its effect is in the base).
A year without any new-emission row counts 0 new emissions and says so (``has_increment`` false): the faces show it.

A measure's reduction in year t is what it cuts *beyond year t−1* (the balance starts from E_{t−1}): engineering —
:func:`~ecer.core.pollutants.accounting.removal_increase` or
:func:`~ecer.core.pollutants.accounting.efficiency_raise`; structural — the closed plant's previous-year emissions,
in the year of the closure only; management — :func:`~ecer.core.pollutants.accounting.management_increment`, which
adds up to the measure's full-year effect once. Entering a full-year reduction again every year counts it again
(the 重复计算 国发〔2021〕33号 四(二) warns of).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from ecer.core.pollutants.accounting import emission_balance, total_cut
from ecer.findings import Finding, FindingsError, Location, make
from ecer.models.pollutants import EMISSION_SCHEMA, INCREMENT_SCHEMA, MEASURE_KINDS, MEASURE_SCHEMA

KEY = ["region_code", "pollutant"]
LEDGER_COLUMNS = [
    "region_code",
    "pollutant",
    "year",
    "base_year",
    "base_emissions",
    "emissions_prev",
    "new_emissions",
    "has_increment",
    "reduction_engineering",
    "reduction_structural",
    "reduction_management",
    "reduction_total",
    "measures",
    "emissions",
]
LEDGER_SCHEMA = pl.Schema(
    {
        "region_code": pl.Utf8(),
        "pollutant": pl.Utf8(),
        "year": pl.Int64(),
        "base_year": pl.Int64(),
        "base_emissions": pl.Float64(),
        "emissions_prev": pl.Float64(),
        "new_emissions": pl.Float64(),
        "has_increment": pl.Boolean(),
        "reduction_engineering": pl.Float64(),
        "reduction_structural": pl.Float64(),
        "reduction_management": pl.Float64(),
        "reduction_total": pl.Float64(),
        "measures": pl.UInt32(),
        "emissions": pl.Float64(),
    }
)


def _record(row: dict[str, Any]) -> str:
    return " ".join(
        str(row[c]) for c in ("region_code", "pollutant", "year") if c in row and row[c] is not None
    )


KEY_WORDS = {"region_code": ("地区代码", "region code"), "pollutant": ("污染物", "pollutant"), "year": ("年份", "year")}


def _key_empty(i: int, r: dict[str, Any], what: str) -> Finding | None:
    """E_POLLUTANT_KEY_EMPTY naming in words the key fields (region code, pollutant, year) row ``i`` lacks, at the
    first of them; None when the key is whole."""
    missing = [c for c in KEY_WORDS if r[c] is None]
    if not missing:
        return None
    zh = "、".join(KEY_WORDS[c][0] for c in missing)
    en_words = [KEY_WORDS[c][1] for c in missing]
    en = en_words[0] if len(en_words) == 1 else ", ".join(en_words[:-1]) + " and " + en_words[-1]
    return make(
        "E_POLLUTANT_KEY_EMPTY",
        location=Location(row=i, column=missing[0]),
        what=what,
        line=i,
        record=_record(r) or "—",
        fields_zh=zh,
        fields_en=en,
        columns=", ".join(missing),
    )


def _columns_present(df: pl.DataFrame, schema: dict[str, pl.DataType], what: str) -> pl.DataFrame:
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise FindingsError(
            [
                make(
                    "E_POLLUTANT_COLUMN_MISSING",
                    location=Location(column=c),
                    what=what,
                    column=c,
                    expected=", ".join(schema),
                )
                for c in missing
            ]
        )
    return df.select(list(schema))


_KIND_OF = {"Float64": "不是数值 / not a number", "Int64": "不是整数 / not a whole number"}


def _typed(df: pl.DataFrame, schema: dict[str, pl.DataType], what: str) -> tuple[pl.DataFrame, list[Finding]]:
    """The columns of ``schema`` in its types; a cell that is not of its type is an error (never turned into null)."""
    raw = _columns_present(df, schema, what)
    typed = raw.select(pl.col(c).cast(t, strict=False) for c, t in schema.items())
    out: list[Finding] = []
    for c, t in schema.items():
        bad = raw.with_row_index("_i", 1).filter(pl.col(c).is_not_null() & typed[c].is_null())
        for r in bad.iter_rows(named=True):
            out.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=r["_i"], column=c),
                    what=what,
                    record=_record(r),
                    column=c,
                    value=r[c],
                    detail=_KIND_OF.get(str(t), f"不是 {t} / not a {t}"),
                )
            )
    return typed, out


def _finite(v: object) -> bool:
    return isinstance(v, (int, float)) and math.isfinite(float(v))


def _check_base(base: pl.DataFrame) -> list[Finding]:
    what = "基年排放量 / base-year emissions"
    out: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(base.iter_rows(named=True), start=1):
        key = (r["region_code"], r["pollutant"])
        if key in seen:
            out.append(
                make(
                    "E_DUPLICATE_RECORD",
                    location=Location(row=i, column="pollutant"),
                    key=f"{key[0]} {key[1]}",
                    other_row=seen[key],
                )
            )
        seen.setdefault(key, i)
        empty = _key_empty(i, r, what)
        if empty is not None:
            out.append(empty)
        if not _finite(r["emissions"]) or r["emissions"] < 0:
            out.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=i, column="emissions"),
                    what=what,
                    record=_record(r),
                    column="emissions",
                    value=r["emissions"],
                    detail="须为非负有限数 / must be a finite number ≥ 0",
                )
            )
    return out


def _check_rows(
    df: pl.DataFrame, value: str, what: str, bases: dict[tuple[str, str], int], kinds: bool
) -> list[Finding]:
    out: list[Finding] = []
    for i, r in enumerate(df.iter_rows(named=True), start=1):
        empty = _key_empty(i, r, what)
        if empty is not None:
            out.append(empty)
        if (r["region_code"], r["pollutant"]) not in bases and None not in (r["region_code"], r["pollutant"]):
            out.append(
                make(
                    "E_POLLUTANT_NO_BASE",
                    location=Location(row=i, column="region_code"),
                    what=what,
                    record=_record(r),
                )
            )
        if not _finite(r[value]):
            out.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=i, column=value),
                    what=what,
                    record=_record(r),
                    column=value,
                    value=r[value],
                    detail="须为有限数 / must be a finite number",
                )
            )
        if kinds and r["kind"] not in MEASURE_KINDS:
            out.append(
                make(
                    "E_UNKNOWN_NAME",
                    location=Location(row=i, column="kind"),
                    kind="减排类型 / kind of reduction",
                    value=r["kind"],
                    valid=", ".join(MEASURE_KINDS),
                )
            )
    return out


def account(
    base: pl.DataFrame,
    measures: pl.DataFrame,
    increments: pl.DataFrame | None = None,
    *,
    through_year: int | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    r"""The ledger of every region and pollutant of ``base``, year by year (module docstring for the formulas).

    base : the base-year emissions, one row per region and pollutant (``EMISSION_SCHEMA``; emissions [t] ≥ 0);
    measures : reductions counted per measure and year (``MEASURE_SCHEMA``; kind in ``MEASURE_KINDS``, reduction [t],
    from :mod:`ecer.core.pollutants.accounting`); increments : new emissions per region, pollutant and year
    (``INCREMENT_SCHEMA``, [t], may be negative); through_year : the last year (default: the last year of any
    measure or increment; with neither and no ``through_year`` the ledger has no rows).

    Returns the ledger (``LEDGER_COLUMNS``) sorted by region, pollutant and year, and the warnings
    (``W_POLLUTANT_NEGATIVE_REDUCTION``, ``W_POLLUTANT_MEASURE_BEFORE_BASE``, ``W_POLLUTANT_EMISSIONS_NEGATIVE``,
    ``W_POLLUTANT_STRUCTURAL_REPEATED``; ``I_POLLUTANT_AFTER_LEDGER`` for rows after ``through_year``). Bad
    input raises ``FindingsError`` with every problem found.

    Reference: METHODS §3.2 (十二五 核算细则: 遵循基数, 算清增量; the balance [M]); 国发〔2021〕33号 四(二) (重复计算).

    >>> base = pl.DataFrame({"region_code": ["A"], "pollutant": ["COD"], "year": [2020], "emissions": [10_000.0]})
    >>> m = pl.DataFrame({"region_code": ["A"] * 3, "pollutant": ["COD"] * 3, "year": [2021] * 3,
    ...                   "measure_id": ["plant", "closed", "bypass"],
    ...                   "kind": ["engineering", "structural", "management"], "reduction": [146.0, 120.0, 90.0]})
    >>> inc = pl.DataFrame({"region_code": ["A"], "pollutant": ["COD"], "year": [2021], "new_emissions": [511.0]})
    >>> led, _ = account(base, m, inc)
    >>> led.select("year", "reduction_total", "emissions").rows()  # 10 000 + 511 − (146 + 120 + 90)
    [(2021, 356.0, 10155.0)]
    """
    b, e1 = _typed(base, EMISSION_SCHEMA, "基年排放量 / base-year emissions")
    m, e2 = _typed(measures, MEASURE_SCHEMA, "减排措施 / reduction measures")
    inc, e3 = _typed(
        increments if increments is not None else pl.DataFrame(schema=INCREMENT_SCHEMA),
        INCREMENT_SCHEMA,
        "新增量 / new emissions",
    )
    if e1 or e2 or e3:
        raise FindingsError([*e1, *e2, *e3])
    errors = _check_base(b)
    seen: dict[tuple[object, ...], int] = {}
    for i, r in enumerate(m.iter_rows(named=True), start=1):
        key = (r["region_code"], r["pollutant"], r["year"], r["measure_id"], r["kind"])
        if key in seen:  # the same measure counted twice in a year (重复计算)
            errors.append(
                make(
                    "E_DUPLICATE_RECORD",
                    location=Location(row=i, column="measure_id"),
                    key=" ".join(str(k) for k in key),
                    other_row=seen[key],
                )
            )
        seen.setdefault(key, i)
    bases = {
        (r["region_code"], r["pollutant"]): int(r["year"])
        for r in b.iter_rows(named=True)
        if r["year"] is not None
    }
    errors += _check_rows(m, "reduction", "减排措施 / reduction measures", bases, kinds=True)
    errors += _check_rows(inc, "new_emissions", "新增量 / new emissions", bases, kinds=False)
    for i, r in enumerate(inc.iter_rows(named=True), start=1):
        by = bases.get((r["region_code"], r["pollutant"]))
        if by is not None and r["year"] is not None and r["year"] <= by:
            errors.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=i, column="year"),
                    what="新增量 / new emissions",
                    record=_record(r),
                    column="year",
                    value=r["year"],
                    detail=f"须晚于基年 {by} / must be after the base year {by}",
                )
            )
    if errors:
        raise FindingsError(errors)

    warnings: list[Finding] = []
    counted = []
    for r in m.iter_rows(named=True):
        by = bases[(r["region_code"], r["pollutant"])]
        rec = _record(r)
        if r["year"] <= by:
            warnings.append(
                make("W_POLLUTANT_MEASURE_BEFORE_BASE", measure=r["measure_id"], record=rec, base_year=by)
            )
            continue
        if r["reduction"] < 0:
            warnings.append(
                make(
                    "W_POLLUTANT_NEGATIVE_REDUCTION",
                    measure=r["measure_id"],
                    record=rec,
                    kind=" / ".join(MEASURE_KINDS[r["kind"]]),
                    value=r["reduction"],
                )
            )
        counted.append(r)
    m = pl.DataFrame(counted, schema=MEASURE_SCHEMA)
    repeated = (
        m.filter(pl.col("kind") == "structural")
        .group_by("region_code", "pollutant", "measure_id")
        .agg(pl.col("year").unique().sort())
        .filter(pl.col("year").list.len() > 1)
        .sort("region_code", "pollutant", "measure_id")
    )
    for r in repeated.iter_rows(named=True):
        warnings.append(
            make(
                "W_POLLUTANT_STRUCTURAL_REPEATED",
                measure=r["measure_id"],
                record=f"{r['region_code']} {r['pollutant']}",
                years=", ".join(str(y) for y in r["year"]),
            )
        )

    last = through_year
    if last is None:
        years = [*m["year"].to_list(), *inc["year"].to_list()]
        last = max(years) if years else None
    if last is None or b.height == 0:
        return pl.DataFrame(schema=LEDGER_SCHEMA), warnings
    later = m.filter(pl.col("year") > last).height + inc.filter(pl.col("year") > last).height
    if later:
        warnings.append(make("I_POLLUTANT_AFTER_LEDGER", count=later, through_year=last))

    grid = (
        b.rename({"year": "base_year", "emissions": "base_emissions"})
        .with_columns(year=pl.int_ranges(pl.col("base_year") + 1, pl.lit(last) + 1, dtype=pl.Int64))
        .explode("year")
        .drop_nulls("year")
    )
    new = inc.group_by([*KEY, "year"]).agg(
        new_emissions=pl.col("new_emissions").sum(), has_increment=pl.lit(True)
    )
    cuts = m.group_by([*KEY, "year"]).agg(
        *[
            pl.col("reduction").filter(pl.col("kind") == k).sum().alias(f"reduction_{k}")
            for k in MEASURE_KINDS
        ],
        measures=pl.len().cast(pl.UInt32),
    )
    led = (
        grid.join(new, on=[*KEY, "year"], how="left")
        .join(cuts, on=[*KEY, "year"], how="left")
        .with_columns(
            pl.col("new_emissions", *[f"reduction_{k}" for k in MEASURE_KINDS]).fill_null(0.0),
            pl.col("has_increment").fill_null(False),
            pl.col("measures").fill_null(0),
        )
        .sort([*KEY, "year"])
        .with_columns(
            reduction_total=total_cut(
                pl.col("reduction_engineering"),
                pl.col("reduction_structural"),
                pl.col("reduction_management"),
            )
        )
    )
    net = pl.col("new_emissions") - pl.col("reduction_total")
    led = led.with_columns(
        emissions_prev=pl.col("base_emissions") + net.cum_sum().shift(1, fill_value=0.0).over(KEY)
    )
    led = led.with_columns(
        emissions=emission_balance(
            pl.col("emissions_prev"), pl.col("new_emissions"), pl.col("reduction_total")
        )
    ).select(LEDGER_COLUMNS)
    for r in led.filter(pl.col("emissions") < 0).iter_rows(named=True):
        warnings.append(make("W_POLLUTANT_EMISSIONS_NEGATIVE", record=_record(r), value=r["emissions"]))
    return led.cast(LEDGER_SCHEMA), warnings
