"""Validation of a reference table on load: columns, sources, confidence, numbers and units.

A table arrives as all-text columns (``None`` for an empty cell). :func:`validate` returns the
findings (``E_HEADER_MISSING``, ``E_HEADER_UNKNOWN``, ``E_REQUIRED``, ``E_NOT_NUMBER``,
``E_VALUE_INVALID``), each with file, row (as a spreadsheet shows it: the header is row 1) and
column; :func:`cast` then turns the text into the manifest's types.

>>> import polars as pl
>>> from ecer.refdata.manifest import Manifest
>>> m = Manifest.model_validate({"name": "t", "title_zh": "表", "title_en": "t", "edition": "1",
...     "doc_no": "d", "columns": [{"name": "value", "type": "float", "unit": "@unit"},
...                                {"name": "unit", "type": "str"}]})
>>> df = pl.DataFrame({"value": ["1.5", "x"], "unit": ["kgce/t", "kgce/t"], "doc_no": ["d", "d"],
...                    "clause": ["c", "c"], "source": ["s", None], "confidence": ["high", "sure"]})
>>> sorted(f.code for f in validate(df, m, "t.csv"))
['E_NOT_NUMBER', 'E_REQUIRED', 'E_VALUE_INVALID']
"""

from __future__ import annotations

import re

import polars as pl

from ecer.findings import Finding, Location, make
from ecer.refdata.manifest import (
    CONFIDENCE_ORDER,
    OPTIONAL_STANDARD_COLUMNS,
    ROW_UNIT,
    STANDARD_COLUMNS,
    ColumnSpec,
    Manifest,
)
from ecer.units import alias, parse_unit

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_POLARS: dict[str, pl.DataType] = {"str": pl.Utf8(), "int": pl.Int64(), "float": pl.Float64(), "bool": pl.Boolean()}


def _invalid(value: object, detail: str, fix_zh: str, fix_en: str, loc: Location) -> Finding:
    return make("E_VALUE_INVALID", location=loc, value=value, detail=detail, fix_zh=fix_zh, fix_en=fix_en)


def _header(df: pl.DataFrame, m: Manifest, file: str) -> list[Finding]:
    expected = m.column_names()
    out = [make("E_HEADER_MISSING", location=Location(file=file, row=1, column=c), column=c, template=m.name)
           for c in expected if c not in df.columns]
    allowed = set(expected) | set(OPTIONAL_STANDARD_COLUMNS)
    out += [make("E_HEADER_UNKNOWN", location=Location(file=file, row=1, column=c), column=c,
                 expected=", ".join(expected)) for c in df.columns if c not in allowed]
    return out


def _number_ok(text: str, kind: str) -> bool:
    try:
        v = float(text)
    except ValueError:
        return False
    return kind == "float" or v == int(v)


def _unit_ok(label: str) -> bool:
    if alias(label) is not None:  # one of ECER's unit labels: it parses (tests/test_units.py), no registry needed
        return True
    try:
        parse_unit(label)
    except ValueError:
        return False
    return True


def _value_problems(spec: ColumnSpec, value: str) -> tuple[bool, bool, bool, bool]:
    """What is wrong with a non-empty cell by itself: (not a number, not a boolean, not allowed, not the pattern)."""
    return (spec.type in ("int", "float") and not _number_ok(value, spec.type),
            spec.type == "bool" and value.lower() not in _TRUE | _FALSE,
            spec.allowed is not None and value not in spec.allowed,
            spec.pattern is not None and not re.match(spec.pattern, value))


def _clean(df: pl.DataFrame, specs: list[ColumnSpec]) -> bool:
    """True when no cell of ``df`` has a finding of :func:`_cell` or of its row's unit: the checks of one value are
    made once per distinct value of a column, the empty cells and the rows without a unit counted in the engine.
    (The catalog's tables are read by every process that uses them: thousands of rows, few distinct values in most
    columns; a table with a finding is checked again cell by cell, for the findings' rows.)"""
    units = df.get_column("unit") if "unit" in df.columns else None
    no_unit = pl.lit(True) if units is None else (pl.col("unit").is_null() | (pl.col("unit") == ""))
    for spec in specs:
        col = df.get_column(spec.name)
        if col.null_count() and (spec.required or spec.name in STANDARD_COLUMNS):
            return False
        if spec.unit == ROW_UNIT and df.select((pl.col(spec.name).is_not_null() & no_unit).any()).item():
            return False
        if any(any(_value_problems(spec, v)) for v in col.drop_nulls().unique().to_list()):
            return False
    return units is None or all(_unit_ok(u) for u in units.drop_nulls().unique().to_list() if u)


def _cell(spec: ColumnSpec, value: str | None, row: dict[str, str | None], file: str, i: int) -> list[Finding]:
    """Findings for one cell; the location is built only when there is one (tables run to thousands of rows)."""
    if value is None:
        if spec.required or spec.name in STANDARD_COLUMNS:
            return [make("E_REQUIRED", location=Location(file=file, row=i, column=spec.name))]
        return []
    bad_number, bad_bool, bad_allowed, bad_pattern = _value_problems(spec, value)
    no_unit = spec.unit == ROW_UNIT and not row.get("unit")
    if not (bad_number or bad_bool or bad_allowed or bad_pattern or no_unit):
        return []
    loc = Location(file=file, row=i, column=spec.name)
    out: list[Finding] = []
    if bad_number:
        out.append(make("E_NOT_NUMBER", location=loc, value=value))
    if bad_bool:
        out.append(_invalid(value, "not true/false", "填写 true 或 false", "write true or false", loc))
    if bad_allowed:
        out.append(_invalid(value, f"allowed: {spec.allowed}", f"改为以下之一：{spec.allowed}",
                            f"use one of {spec.allowed}", loc))
    if bad_pattern:
        out.append(_invalid(value, f"does not match {spec.pattern}", "按格式填写", "follow the format", loc))
    if no_unit:
        out.append(_invalid(value, "a number without a unit", "在 unit 列填写单位", "fill in the unit column", loc))
    return out


def _specs(m: Manifest) -> list[ColumnSpec]:
    """The checks of every column of ``m`` (a column without a spec is required text; confidence one of its levels)."""
    specs = [m.spec(c) or ColumnSpec(name=c, required=True) for c in m.column_names()]
    conf = ColumnSpec(name="confidence", required=True, allowed=list(CONFIDENCE_ORDER))
    return [conf if s.name == "confidence" else s for s in specs]


def validate(df: pl.DataFrame, m: Manifest, file: str) -> list[Finding]:
    """All findings for one edition's table (text columns, ``None`` = empty cell)."""
    findings = _header(df, m, file)
    if findings:
        return findings
    specs = _specs(m)
    for s in specs:
        if s.unit not in (None, ROW_UNIT) and not _unit_ok(s.unit):
            findings.append(_invalid(s.unit, "unit does not parse", "在 ecer.units 中登记该单位",
                                     "register the unit in ecer.units", Location(file=file, row=1, column=s.name)))
    if _clean(df, specs):
        return findings
    for i, row in enumerate(df.iter_rows(named=True), start=2):
        for s in specs:
            findings += _cell(s, row.get(s.name), row, file, i)
        unit = row.get("unit")
        if unit and not _unit_ok(unit):
            findings.append(_invalid(unit, "unit does not parse", "改用 ecer.units 能识别的单位",
                                     "use a unit ecer.units knows", Location(file=file, row=i, column="unit")))
    return findings


def cast(df: pl.DataFrame, m: Manifest) -> pl.DataFrame:
    """Turn validated text columns into the manifest's types, in the manifest's column order."""
    exprs = []
    names = m.column_names()
    for name in names + [c for c in OPTIONAL_STANDARD_COLUMNS if c in df.columns and c not in names]:
        spec = m.spec(name)
        kind = spec.type if spec else "str"
        col = pl.col(name)
        if kind == "bool":
            exprs.append(col.str.to_lowercase().is_in(list(_TRUE)).alias(name))
        elif kind == "int":
            exprs.append(col.cast(pl.Float64).cast(pl.Int64).alias(name))
        else:
            exprs.append(col.cast(_POLARS[kind]).alias(name))
    return df.select(exprs)
