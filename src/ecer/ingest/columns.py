"""The header row → which spreadsheet column holds which template column, in which unit.

Unit policy (documented in docs/templates.md): a header may use any unit ``ecer.units.parse_unit`` knows
that is a *decimal multiple* of the template's quantity (万tce, tce, kgce, 亿tce for energy; kWh, MWh,
万千瓦时, 亿千瓦时 for electricity; 元, 万元, 亿元 for money) and the reader converts it. A unit of
another dimension, an unknown unit, or a calorific conversion (e.g. an electricity column headed in tce,
which needs a method choice) gives E_UNIT_MISMATCH; a quantity column without a unit gives E_UNIT_MISSING.

>>> unit_factor("tce", "tce"), unit_factor("万千瓦时", "MWh"), unit_factor("%", "1")
(1.0, 10.0, 0.01)
>>> unit_factor("万tce", "MWh") is None
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ecer.ingest.collector import Collector
from ecer.ingest.headers import norm, parse_header
from ecer.ingest.templates import ColumnSpec, TemplateSpec
from ecer.units import factor, same_unit

_PERCENT = {"%", "percent", "百分比", "百分数"}


@dataclass(frozen=True)
class Mapped:
    """Spreadsheet column ``index`` (0-based) holds template column ``spec``; multiply by ``factor``."""

    index: int
    spec: ColumnSpec
    header: str
    factor: float = 1.0
    unit_label: str = ""


def unit_factor(label: str, canonical: str) -> float | None:
    """Factor from a header unit to the canonical unit, or None when not a decimal multiple of it."""
    if canonical == "1":
        return 0.01 if norm(label) in _PERCENT else None
    try:
        f = factor(label, canonical)  # ECER's labels: pint's factor without building the registry (ecer.units)
    except (ValueError, TypeError):  # unknown label; another dimension (pint's DimensionalityError is a TypeError)
        return None
    exp = math.log10(f) if f > 0 else 0.5
    return f if abs(exp - round(exp)) < 1e-9 else None


def _unit(spec: ColumnSpec, header: str, labels: tuple[str, ...], col: Collector) -> tuple[float, str] | None:
    canonical = spec.canonical_unit or "1"
    expected = "%" if spec.kind == "percent" else f"{spec.unit_zh} / {spec.unit_en}"
    if not labels:
        col.add("E_UNIT_MISSING", column=header, expected_header=spec.header, field=spec.name)
        return None
    factors = [unit_factor(lb, canonical) for lb in labels]
    if any(f is None for f in factors):
        bad = next(lb for lb, f in zip(labels, factors, strict=True) if f is None)
        col.add("E_UNIT_MISMATCH", column=header, found=bad, expected=expected, field=spec.name)
        return None
    if spec.kind != "percent" and not all(same_unit(labels[0], lb) for lb in labels[1:]):
        col.add("E_UNIT_MISMATCH", column=header, found=" / ".join(labels), expected=expected, field=spec.name)
        return None
    return float(factors[0]), labels[0]  # type: ignore[arg-type]


def map_columns(header: list[str | None], has_data: list[bool], template: TemplateSpec,
                col: Collector) -> list[Mapped]:
    """Map header cells to template columns, reporting unknown, duplicate and missing columns and units."""
    expected = "；".join(c.header for c in template.columns)
    mapped: list[Mapped] = []
    seen: dict[str, str] = {}
    for i, text in enumerate(header):
        if not text:
            if has_data[i]:
                col.add("E_HEADER_UNKNOWN", column=f"#{i + 1}", expected=expected, position=i + 1)
            continue
        h = parse_header(text, template)
        if h.column is None:
            col.add("E_HEADER_UNKNOWN", column=text, expected=expected, position=i + 1)
            continue
        if h.column in seen:
            col.add("E_HEADER_DUPLICATE", column=text, first=seen[h.column], field=h.column)
            continue
        seen[h.column] = text
        spec = template.column(h.column)
        if spec.has_unit:
            u = _unit(spec, text, h.unit_labels, col)
            if u is None:
                continue
            mapped.append(Mapped(i, spec, text, u[0], u[1]))
        else:
            mapped.append(Mapped(i, spec, text))
    for spec in template.columns:
        if spec.required and spec.name not in seen:
            col.add("E_HEADER_MISSING", column=spec.header, template=template.name, field=spec.name)
    return mapped
