"""Cell-level checks of the data rows under a header, all vectorised, and the canonical output frame."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.ingest.cells import _THOUSANDS, _date, _period, _year
from ecer.ingest.collector import Collector
from ecer.ingest.columns import Mapped
from ecer.ingest.headers import norm
from ecer.ingest.templates import ColumnSpec, TemplateSpec
from ecer.models.region import REGION_CODE_RE
from ecer.refdata import Retirement, retirement

ROW = "_row"


@dataclass
class Typed:
    """Data rows after cell checks: ``frame`` has ``_row``, each mapped column's typed value (in canonical
    units) and its raw text as ``raw__<name>``; ``mapped`` by canonical name."""

    frame: pl.DataFrame
    mapped: dict[str, Mapped] = field(default_factory=dict)


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


_BY_VALUE = ("period", "year", "enum", "date")  # parsed value by value, on the distinct texts only


@dataclass
class _Site:
    """One check of one column: the cells where ``mask`` is true are reported as ``code``."""

    code: str
    m: Mapped
    mask: pl.Expr
    extra: dict[str, object] = field(default_factory=dict)
    kind: str = "cell"  # "cell": (row, raw text); "fraction": W_PERCENT_LOOKS_FRACTION; "unknown": region codes


def _value_expr(m: Mapped, text: pl.Expr, nums: pl.Expr | None, mapping: dict[str, object] | None) -> pl.Expr:
    """The typed value of one column (null where empty or bad), in the template's units before any unit factor:
    the expressions of ``ecer.ingest.cells``' parsers (numbers: the thousands-separator retry is done afterwards,
    only for the columns with cells that did not parse)."""
    kind = m.spec.kind
    if kind in ("number", "percent"):
        v = text.cast(pl.Float64, strict=False)
        if nums is not None:  # Excel: the cell's own number first; Excel booleans are not numbers
            v = nums.fill_null(v)
            v = pl.when(text.str.to_lowercase().is_in(["true", "false"]).fill_null(False)).then(None).otherwise(v)
        return v  # NaN and ±inf are nulled afterwards, only in the columns holding one (``_patch``)
    if kind == "code":
        return pl.when(text.str.contains(REGION_CODE_RE.pattern)).then(text)
    if kind in _BY_VALUE:
        dtype = pl.Int64 if kind == "year" else pl.String
        if not mapping:
            return pl.lit(None, dtype=dtype)
        return text.replace_strict(mapping, default=None, return_dtype=dtype)
    return text


def _mapping(spec: ColumnSpec, uniques: list[str]) -> dict[str, object]:
    fn = {"period": _period, "year": _year, "date": _date}.get(spec.kind)
    if fn is None:  # enum: accepted spellings matched after NFKC, case-folding, spaces removed
        keys = {norm(k): v for k, v in spec.choices.items()}
        fn = lambda u: keys.get(norm(u))
    out: dict[str, object] = {}
    for u in uniques:
        v = fn(u)
        if v is not None:
            out[u] = v
    return out


def check_cells(data: pl.DataFrame, nums: pl.DataFrame | None, mapped: list[Mapped], template: TemplateSpec,
                known_regions: set[str] | None, col: Collector) -> Typed:
    """Parse every mapped column; report empty required cells, bad values, negatives, unknown regions.

    A few polars queries for the whole frame, whatever the number of columns: the distinct texts of the columns
    parsed value by value; one select of every typed value; one of the count of every check (a mask expression per
    check and column); one of the first ``cap`` (row, raw text) of the checks that found something. The findings
    are handed to ``col`` in the order of the columns and, per column, of the checks (required, bad value,
    negative, percent range, fraction-like percent, unknown or retired region), each with its total."""
    lookups = [m for m in mapped if m.spec.kind in _BY_VALUE]
    uniques = data.select(pl.col(f"c{m.index}").drop_nulls().unique().implode().alias(f"u{i}")
                          for i, m in enumerate(lookups)).row(0) if lookups else ()
    mappings = {m.spec.name: _mapping(m.spec, list(u)) for m, u in zip(lookups, uniques, strict=True)}
    base = data.lazy()
    if nums is not None:
        base = base.with_columns(nums[f"c{m.index}"].alias(f"_num{m.index}") for m in mapped
                                 if m.spec.kind in ("number", "percent"))
    exprs: list[pl.Expr] = [pl.col(ROW)]
    sites: list[_Site] = []
    known = list(known_regions) if known_regions is not None else None
    for m in mapped:
        spec, name = m.spec, m.spec.name
        raw, value = pl.col(f"raw__{name}"), pl.col(name)
        text = pl.col(f"c{m.index}")
        number = spec.kind in ("number", "percent")
        exprs += [text.alias(f"raw__{name}"),
                  _value_expr(m, text, pl.col(f"_num{m.index}") if nums is not None and number else None,
                              mappings.get(name)).alias(name)]
        if spec.cell_required:
            sites.append(_Site("E_REQUIRED", m, raw.is_null()))
        if spec.kind != "text":
            code, extra = _bad_code(spec, template)
            sites.append(_Site(code, m, raw.is_not_null() & value.is_null(), dict(extra)))
        if number and spec.nonneg:
            sites.append(_Site("E_NEGATIVE", m, (value < 0).fill_null(False)))
        if spec.kind == "percent":
            if spec.nonneg:
                sites.append(_Site("E_VALUE_INVALID", m, (value >= 100).fill_null(False), {
                    "detail": "降低率应小于 100% / a reduction must be below 100 %", "fix_zh": "填写百分数，如 13.5",
                    "fix_en": "enter a percentage such as 13.5"}))
            sites.append(_Site("W_PERCENT_LOOKS_FRACTION", m,
                               ((value.abs() > 0) & (value.abs() < 1)).fill_null(False), kind="fraction"))
        if spec.kind == "code" and known is not None and template.name != "regions":
            sites.append(_Site("E_REGION_UNKNOWN", m, value.is_not_null() & ~value.is_in(known), kind="unknown"))
    frame = base.select(exprs).collect()
    numbers = [m.spec.name for m in mapped if m.spec.kind in ("number", "percent")]
    counts = _counts(frame, sites, numbers)
    infinite = [n for n, k in zip(numbers, counts[len(sites):], strict=True) if k]
    retry = [s.m.spec.name for s, n in zip(sites, counts[: len(sites)], strict=True) if n and s.code == "E_NOT_NUMBER"]
    if infinite or retry:  # the rare cells of ``cells.parse_numbers``: NaN/±inf are bad, thousands separators not
        frame = frame.with_columns(pl.when(pl.col(n).is_finite()).then(pl.col(n)).alias(n) for n in infinite)
        frame = frame.with_columns(_thousands(frame, n) for n in retry)
        counts = _counts(frame, sites, [])
    counts = counts[: len(sites)]
    _report_sites(frame, sites, counts, col)
    factors = [m for m in mapped if m.spec.kind in ("number", "percent") and m.factor != 1.0]
    if factors:
        # A power-of-ten unit change: keep 15 significant digits so 12.3456 万tce is 123456 tce,
        # not 123455.99999999999 (binary noise of the multiplication, not the user's number).
        frame = frame.with_columns((pl.col(m.spec.name) * m.factor).round_sig_figs(15) for m in factors)
    return Typed(frame, {m.spec.name: m for m in mapped})


def _counts(frame: pl.DataFrame, sites: list[_Site], numbers: list[str]) -> list[int]:
    """The number of cells each site finds, then per column of ``numbers`` its non-finite values (NaN, ±inf)."""
    exprs = [s.mask.sum().alias(f"n{i}") for i, s in enumerate(sites)]
    exprs += [(~pl.col(n).is_finite()).sum().alias(f"f{i}") for i, n in enumerate(numbers)]
    return [int(n or 0) for n in frame.select(exprs).row(0)] if exprs else []


def _thousands(frame: pl.DataFrame, name: str) -> pl.Series:
    text, v = frame[f"raw__{name}"], frame[name]
    sep = text.str.contains(_THOUSANDS).fill_null(False) & v.is_null()
    return v.zip_with(~sep, text.str.replace_all(",", "").cast(pl.Float64, strict=False)) if sep.any() else v


def _report_sites(frame: pl.DataFrame, sites: list[_Site], counts: list[int], col: Collector) -> None:
    """The first ``cap`` cells of every check that found something (one query), handed to ``col`` in order."""
    hit = [(s, n) for s, n in zip(sites, counts, strict=True) if n]
    if not hit:
        return
    cap = col.cap
    samples = frame.select(e for i, (s, _) in enumerate(hit) for e in (
        pl.col(ROW).filter(s.mask).head(cap).implode().alias(f"r{i}"),
        pl.col(s.m.spec.name if s.kind == "unknown" else f"raw__{s.m.spec.name}").filter(s.mask).head(cap)
        .implode().alias(f"v{i}"))).row(0)
    for i, (s, n) in enumerate(hit):
        m, rows, values = s.m, samples[2 * i], samples[2 * i + 1]
        if s.kind == "unknown":
            _unknown_regions(col, frame, s, n, m)
        elif s.kind == "fraction":
            col.add_many(s.code, n, ({"row": r, "column": m.header, "value": v, "as_percent": f"{float(v) * 100:g}%",
                                      "field": m.spec.name} for r, v in zip(rows, values, strict=True)))
        else:
            col.add_many(s.code, n, (dict(row=r, column=m.header, value=v if v is not None else "",
                                          field=m.spec.name, **s.extra) for r, v in zip(rows, values, strict=True)))


def _unknown_regions(col: Collector, frame: pl.DataFrame, site: _Site, total: int, m: Mapped) -> None:
    """Unknown region codes: E_REGION_UNKNOWN, or E_REGION_RETIRED naming what a retired GB/T 2260 code became
    (``ecer.refdata.retirement``, from the catalog table ``region_code_changes``)."""
    values = frame[m.spec.name]
    unknown = frame.select(site.mask).to_series()
    retired: dict[str, Retirement] = {}
    for code in values.filter(unknown).unique().to_list():
        r = retirement(code)
        if r is not None and r.successors:
            retired[code] = r
    is_retired = unknown & values.is_in(list(retired))
    n_retired = int(is_retired.sum())
    if total - n_retired:
        sample = frame.select(ROW, pl.col(f"raw__{m.spec.name}")).filter(unknown & ~is_retired).head(col.cap)
        col.add_many("E_REGION_UNKNOWN", total - n_retired, (
            {"row": r, "column": m.header, "value": v if v is not None else "", "field": m.spec.name}
            for r, v in sample.iter_rows()))
    if not n_retired:
        return
    sample = frame.select(ROW).with_columns(values.alias("_code")).filter(is_retired).head(col.cap)
    col.add_many("E_REGION_RETIRED", n_retired, (_retired_evidence(retired[code], row, m) for row, code in sample.iter_rows()))


def _retired_evidence(r: Retirement, row: int, m: Mapped) -> dict[str, object]:
    names = ", ".join(f"{c} {n}" for c, n in zip(r.successors, r.successor_names, strict=True))
    return {"row": row, "column": m.header, "value": r.code, "field": m.spec.name, "name": r.name_zh,
            "year": r.last_year + 1, "successor_codes": ", ".join(r.successors), "successors": names}


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
        default: Any = spec.default
        cols.append(pl.repeat(default, n, dtype=dtype, eager=True).alias(name))
    return pl.DataFrame(cols)
