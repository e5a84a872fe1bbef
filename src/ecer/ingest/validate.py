"""Cell-level checks of the data rows under a header, all vectorised, and the canonical output frame."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ecer.ingest.cells import (
    Parsed,
    parse_codes,
    parse_dates,
    parse_enum,
    parse_numbers,
    parse_periods,
    parse_years,
)
from ecer.ingest.collector import Collector
from ecer.ingest.columns import Mapped
from ecer.ingest.templates import ColumnSpec, TemplateSpec
from ecer.refdata import Retirement, retirement

ROW = "_row"


@dataclass
class Typed:
    """Data rows after cell checks: ``frame`` has ``_row``, each mapped column's typed value (in canonical
    units) and its raw text as ``raw__<name>``; ``mapped`` by canonical name."""

    frame: pl.DataFrame
    mapped: dict[str, Mapped] = field(default_factory=dict)


def _report(col: Collector, code: str, frame: pl.DataFrame, mask: pl.Series, m: Mapped, **extra: object) -> None:
    """Count the cells where ``mask`` is true; hand the first ``cap`` (row, raw value) to the collector."""
    total = int(mask.sum())
    if not total:
        return
    sample = frame.select(ROW, pl.col(f"raw__{m.spec.name}")).filter(mask).head(col.cap)
    col.add_many(code, total, (dict(row=r, column=m.header, value=v if v is not None else "", field=m.spec.name,
                                    **extra) for r, v in sample.iter_rows()))


def _parse(spec: ColumnSpec, text: pl.Series, nums: pl.Series | None) -> Parsed:
    if spec.kind in ("number", "percent"):
        return parse_numbers(text, nums)
    if spec.kind == "code":
        return parse_codes(text)
    if spec.kind == "period":
        return parse_periods(text)
    if spec.kind == "year":
        return parse_years(text)
    if spec.kind == "enum":
        return parse_enum(text, spec.choices)
    if spec.kind == "date":
        return parse_dates(text)
    return Parsed(text, pl.Series([False] * len(text)))


def _bad_code(spec: ColumnSpec, template: TemplateSpec) -> tuple[str, dict[str, str]]:
    if spec.kind in ("number", "percent"):
        return "E_NOT_NUMBER", {}
    if spec.kind == "code":
        return "E_REGION_MALFORMED", {}
    if spec.kind == "period":
        return "E_PERIOD_MALFORMED", {}
    if spec.kind == "year" and spec.name == "price_base_year":
        return "E_PRICE_BASE_MALFORMED", {}
    if spec.kind == "year":
        return "E_VALUE_INVALID", {"detail": "不是 1949–2100 的四位年份 / not a 4-digit year 1949–2100",
                                       "fix_zh": "填写如 2020 的年份", "fix_en": "enter a year such as 2020"}
    if spec.kind == "date":
        return "E_VALUE_INVALID", {"detail": "不是有效日期 / not a valid date", "fix_zh": "按 YYYY-MM-DD 填写日期，如 2022-03-15",
                                   "fix_en": "write the date as YYYY-MM-DD, e.g. 2022-03-15"}
    spellings: dict[str, list[str]] = {}
    for k, v in spec.choices.items():
        spellings.setdefault(v, []).append(k)
    valid = ", ".join("/".join(ks) for ks in spellings.values())
    return "E_VALUE_INVALID", {"detail": f"可选：{valid} / valid: {valid}", "fix_zh": f"填写以下之一：{valid}",
                                   "fix_en": f"enter one of: {valid}"}


def check_cells(data: pl.DataFrame, nums: pl.DataFrame | None, mapped: list[Mapped], template: TemplateSpec,
                known_regions: set[str] | None, col: Collector) -> Typed:
    """Parse every mapped column; report empty required cells, bad values, negatives, unknown regions."""
    out: dict[str, pl.Series] = {ROW: data[ROW]}
    by_name: dict[str, Mapped] = {}
    for m in mapped:
        spec = m.spec
        text = data[f"c{m.index}"]
        out[f"raw__{spec.name}"] = text
        frame = pl.DataFrame(out)
        p = _parse(spec, text, nums[f"c{m.index}"] if nums is not None and spec.kind in ("number", "percent")
                   else None)
        if spec.cell_required:
            _report(col, "E_REQUIRED", frame, text.is_null(), m)
        code, extra = _bad_code(spec, template)
        _report(col, code, frame, p.bad, m, **extra)
        values = p.values
        if spec.kind in ("number", "percent"):
            if spec.nonneg:
                _report(col, "E_NEGATIVE", frame, (values < 0).fill_null(False), m)
            if spec.kind == "percent":
                _percent_checks(col, frame, values, m)
            if m.factor != 1.0:
                # A power-of-ten unit change: keep 15 significant digits so 12.3456 万tce is 123456 tce,
                # not 123455.99999999999 (binary noise of the multiplication, not the user's number).
                values = (values * m.factor).round_sig_figs(15)
        if spec.kind == "code" and known_regions is not None and template.name != "regions":
            _unknown_regions(col, frame, values, values.is_not_null() & ~values.is_in(list(known_regions)), m)
        out[spec.name] = values.alias(spec.name)
        by_name[spec.name] = m
    return Typed(pl.DataFrame(out), by_name)


def _unknown_regions(col: Collector, frame: pl.DataFrame, values: pl.Series, unknown: pl.Series, m: Mapped) -> None:
    """Unknown region codes: E_REGION_UNKNOWN, or E_REGION_RETIRED naming what a retired GB/T 2260 code became
    (``ecer.refdata.retirement``, from the catalog table ``region_code_changes``)."""
    retired: dict[str, Retirement] = {}
    for code in values.filter(unknown).unique().to_list() if unknown.any() else []:
        r = retirement(code)
        if r is not None and r.successors:
            retired[code] = r
    is_retired = unknown & values.is_in(list(retired))
    _report(col, "E_REGION_UNKNOWN", frame, unknown & ~is_retired, m)
    total = int(is_retired.sum())
    if not total:
        return
    sample = frame.select(ROW).with_columns(values.alias("_code")).filter(is_retired).head(col.cap)
    col.add_many("E_REGION_RETIRED", total, (_retired_evidence(retired[code], row, m) for row, code in sample.iter_rows()))


def _retired_evidence(r: Retirement, row: int, m: Mapped) -> dict[str, object]:
    names = ", ".join(f"{c} {n}" for c, n in zip(r.successors, r.successor_names, strict=True))
    return {"row": row, "column": m.header, "value": r.code, "field": m.spec.name, "name": r.name_zh,
            "year": r.last_year + 1, "successor_codes": ", ".join(r.successors), "successors": names}


def _percent_checks(col: Collector, frame: pl.DataFrame, values: pl.Series, m: Mapped) -> None:
    if m.spec.nonneg:
        too_big = (values >= 100).fill_null(False)
        _report(col, "E_VALUE_INVALID", frame, too_big, m, detail="降低率应小于 100% / a reduction must be below 100 %",
                fix_zh="填写百分数，如 13.5", fix_en="enter a percentage such as 13.5")
    small = ((values.abs() > 0) & (values.abs() < 1)).fill_null(False)
    total = int(small.sum())
    if total:
        sample = frame.select(ROW, pl.col(f"raw__{m.spec.name}")).filter(small).head(col.cap)
        col.add_many("W_PERCENT_LOOKS_FRACTION", total, (
            {"row": r, "column": m.header, "value": v, "as_percent": f"{float(v) * 100:g}%", "field": m.spec.name}
            for r, v in sample.iter_rows()))


def output_frame(typed: Typed, template: TemplateSpec) -> pl.DataFrame:
    """The canonical table: template output columns in order; absent optional columns get their default."""
    n = typed.frame.height
    cols = []
    for name in template.output_columns:
        spec = template.column(name)
        if name in typed.mapped:
            s = typed.frame[name]
            # an empty optional text cell (e.g. name_en) is the column's default text, "" — never a number
            cols.append(s.fill_null(spec.default) if spec.kind == "text" and spec.default is not None else s)
            continue
        dtype = {"number": pl.Float64, "percent": pl.Float64, "year": pl.Int64}.get(spec.kind, pl.String)
        cols.append(pl.Series(name, [spec.default] * n, dtype=dtype))
    return pl.DataFrame(cols)
