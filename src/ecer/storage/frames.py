"""Check and coerce a polars frame to a table's canonical columns before it is loaded.

This is the store's last guard (the ingest layer checks files in detail first): wrong or missing
columns, values that do not convert to the column's type, empty keys and duplicate keys become
Findings naming the file, row, column, value and fix, and nothing is written.

Row numbers are 1-based as a spreadsheet with one header line shows them (frame row 0 = row 2).

>>> import polars as pl
>>> f = pl.DataFrame({"region_code": ["110000"], "year": ["2021"], "intensity_reduction": [0.03],
...                   "source": ["x"]})
>>> coerce_frame("annual_targets", f, file="t.csv").schema["year"]
Int64
>>> bad = f.with_columns(pl.lit("3%").alias("intensity_reduction"))
>>> try:
...     coerce_frame("annual_targets", bad, file="t.csv")
... except FindingsError as e:
...     print(e.findings[0].code, e.findings[0].location.row, e.findings[0].location.column)
E_NOT_NUMBER 2 intensity_reduction
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from ecer.findings import Finding, FindingsError, Location, make
from ecer.storage.schemas import ADDED_COLUMNS, BOOKKEEPING, TABLES, polars_dtype

MAX_PER_COLUMN = 20  # findings reported per column; the rest are counted in the last one


def _row(i: int) -> int:
    return i + 2


def check_table(table: str) -> None:
    if table not in TABLES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="表/table", value=table, valid=", ".join(TABLES))])


def check_columns(table: str, names: Iterable[str]) -> None:
    """Filter/key columns must be columns of the table (bookkeeping included)."""
    check_table(table)
    valid = [*TABLES[table].columns, *BOOKKEEPING]
    bad = [n for n in names if n not in valid]
    if bad:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="列/column", value=n, valid=", ".join(valid))
                             for n in bad])


def coerce_frame(table: str, frame: pl.DataFrame, *, file: str) -> pl.DataFrame:
    """Return ``frame`` with exactly the table's columns, in order, cast to their types.

    Raises ``FindingsError`` (nothing loaded) on an empty frame, missing or unknown columns, values
    that do not convert, empty key cells or a key that appears twice.
    """
    check_table(table)
    spec = TABLES[table]
    if frame.height == 0:
        raise FindingsError([make("E_FILE_EMPTY", location=Location(file=file))])
    findings: list[Finding] = []
    added = {c: v for c, v in ADDED_COLUMNS.get(table, {}).items() if c not in frame.columns}
    if added:
        frame = frame.with_columns([pl.lit(v, dtype=polars_dtype(spec.types[c])).alias(c) for c, v in added.items()])
    for col in spec.columns:
        if col not in frame.columns:
            findings.append(make("E_HEADER_MISSING", location=Location(file=file, column=col),
                                 column=col, template=table))
    for col in frame.columns:
        if col not in spec.columns:
            reserved = " (bookkeeping columns are set by the store)" if col in BOOKKEEPING else ""
            findings.append(make("E_HEADER_UNKNOWN", location=Location(file=file, column=col),
                                 column=col + reserved, expected=", ".join(spec.columns)))
    if findings:
        raise FindingsError(findings)

    out = frame.select(spec.columns)
    casts = []
    for col, typ in spec.types.items():
        target = polars_dtype(typ)
        src = out[col]
        if src.dtype == target:
            casts.append(src)
            continue
        if target == pl.String():
            casts.append(src.cast(pl.String))
            continue
        converted = (src.str.strip_chars() if src.dtype == pl.String else src).cast(target, strict=False)
        bad = (converted.is_null() & src.is_not_null()).arg_true()
        if target == pl.Int64() and src.dtype.is_float():
            frac = (src.is_not_null() & (src != src.round(0))).arg_true()
            bad = pl.concat([bad, frac]).unique().sort()
        for n, i in enumerate(bad.to_list()):
            if n == MAX_PER_COLUMN:
                findings.append(make("E_VALUE_INVALID", location=Location(file=file, column=col),
                                     value="…", detail=f"该列另有 {len(bad) - n} 个无效值 / {len(bad) - n} more bad values in this "
                                            "column",
                                     fix_zh="逐行改正该列", fix_en="correct the column row by row"))
                break
            value = src[i]
            loc = Location(file=file, row=_row(i), column=col)
            if target.is_numeric():
                findings.append(make("E_NOT_NUMBER", location=loc, value=value))
            else:  # pragma: no cover - every stored type is string, number or bookkeeping
                findings.append(make("E_VALUE_INVALID", location=loc, value=value, detail=str(target),
                                     fix_zh="改正该值", fix_en="correct the value"))
        casts.append(converted)
    if findings:
        raise FindingsError(findings)
    out = pl.DataFrame(casts)

    for col in spec.key:
        empty = (out[col].is_null() | (out[col].cast(pl.String).str.strip_chars() == "")).arg_true()
        for i in empty.head(MAX_PER_COLUMN).to_list():
            findings.append(make("E_REQUIRED", location=Location(file=file, row=_row(i), column=col)))
    if findings:
        raise FindingsError(findings)

    dup = out.with_row_index("_i").filter(pl.struct(list(spec.key)).is_duplicated())
    if dup.height:
        first = dup.group_by(list(spec.key), maintain_order=True).agg(pl.col("_i").min().alias("_first"))
        dup = dup.join(first, on=list(spec.key)).filter(pl.col("_i") != pl.col("_first"))
        for r in dup.head(MAX_PER_COLUMN).iter_rows(named=True):
            loc = Location(file=file, row=_row(r["_i"]), column=", ".join(spec.key))
            if table == "energy":
                findings.append(make("E_DUPLICATE_KEY", location=loc, region=r["region_code"],
                                     period=r["period"], other_row=_row(r["_first"])))
            else:
                key = ", ".join(f"{k}={r[k]}" for k in spec.key)
                findings.append(make(
                    "E_VALUE_INVALID", location=loc, value=key,
                    detail=f"key repeated (also on row {_row(r['_first'])}) / 键重复（第 {_row(r['_first'])} 行）",
                    fix_zh="每个键只保留一行", fix_en="keep one row per key"))
        raise FindingsError(findings)
    return out
