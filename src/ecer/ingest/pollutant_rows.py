"""Row checks of the pollutant templates (issue 8 §1): a record given twice, a measure's method inputs (through the
core's own check, :func:`ecer.core.pollutants.measures.measure_reductions`, so a file and the ledger decide alike),
inputs a method does not use, and targets without a value or with the base year after the target year.

Every finding names the file's row and the column's header as written.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ecer.core.pollutants.measures import INPUTS, measure_reductions
from ecer.findings import FindingsError
from ecer.ingest.collector import Collector
from ecer.ingest.templates import TemplateSpec
from ecer.ingest.validate import ROW, Typed
from ecer.models.pollutants import MEASURE_INPUTS, METHODS

POLLUTANT_TEMPLATE_NAMES = ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets")


def _header(t: Typed, template: TemplateSpec, name: str) -> str:
    m = t.mapped.get(name)
    return m.header if m is not None else template.column(name).header


def check_duplicates(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """E_DUPLICATE_RECORD on every row whose key (region, pollutant, year …) appeared on an earlier row."""
    key = list(template.key)
    if not all(k in t.frame.columns for k in key):
        return
    f = t.frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    dup = f.filter(pl.struct(key).is_duplicated())
    if dup.is_empty():
        return
    header = _header(t, template, key[-1])
    for g in dup.group_by(key, maintain_order=True).agg(pl.col(ROW).sort().alias("rows")).iter_rows(named=True):
        rows = g["rows"]
        for r in rows[1:]:
            col.add("E_DUPLICATE_RECORD", row=r, column=header,
                    key=" ".join(f"{k}={g[k]}" for k in key), other_row=rows[0])


def check_measures(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """The inputs each row's method needs (finite, fractions in [0, 1], a month 1–12, effluent below influent),
    as the core checks them, at the file's row and header; W_POLLUTANT_INPUT_UNUSED for a filled input the row's
    method does not use (it would otherwise be silently left out)."""
    _fraction_like(t, col)
    f = t.frame.filter(pl.col("method").is_not_null())
    if f.is_empty():
        return
    # a cell that did not parse has its own finding already (E_NOT_NUMBER …): not said again here
    unparsed: set[tuple[int, str]] = set()
    for c in MEASURE_INPUTS:
        if c in t.mapped:
            for r in f.filter(pl.col(f"raw__{c}").is_not_null() & pl.col(c).is_null())[ROW].to_list():
                unparsed.add((r, c))
    rows = f[ROW].to_list()
    cols = ["region_code", "pollutant", "year", "measure_id", "method", "kind", *MEASURE_INPUTS]
    frame = f.select([pl.col(c) if c in f.columns else pl.lit(None).alias(c) for c in cols])
    try:
        measure_reductions(frame)
    except FindingsError as exc:
        for found in exc.findings:
            loc = found.location
            i = loc.row if loc is not None and loc.row is not None else None
            name = loc.column if loc is not None and loc.column else "method"
            row = rows[i - 1] if i is not None else None
            if row is not None and (row, name) in unparsed:
                continue
            ev: dict[str, Any] = dict(found.evidence)
            ev["column"] = _header(t, template, name) if name in template.output_columns else name
            col.add(found.code, row=row, **ev)
    for r in frame.with_columns(pl.Series(ROW, rows)).iter_rows(named=True):
        method = r["method"]
        if method not in INPUTS:
            continue
        required, optional = INPUTS[method]
        used = {*required, *optional}
        for c in MEASURE_INPUTS:
            if c not in used and c in t.mapped and r[c] is not None:
                col.add("W_POLLUTANT_INPUT_UNUSED", row=r[ROW], column=t.mapped[c].header, measure=r["measure_id"],
                        method=" / ".join(METHODS[method]), value=r[c])
        if method != "reported" and r["kind"] is not None and "kind" in t.mapped:
            col.add("W_POLLUTANT_INPUT_UNUSED", row=r[ROW], column=t.mapped["kind"].header, measure=r["measure_id"],
                    method=" / ".join(METHODS[method]), value=r["kind"])


PERCENT_INPUTS = ("eta", "eta_prev", "run", "run_prev")


def _fraction_like(t: Typed, col: Collector) -> None:
    """W_PERCENT_LOOKS_FRACTION for an efficiency or run rate below 1 % (0 < v < 1 as written): 0.8 in a column of
    percentages is 0.8 %, most likely meant as 80 % (or a cell in Excel's percent format)."""
    for c in PERCENT_INPUTS:
        if c not in t.mapped:
            continue
        m = t.mapped[c]
        hit = t.frame.filter((pl.col(c) > 0) & (pl.col(c) < 0.01))
        for r, raw in hit.select(ROW, f"raw__{c}").iter_rows():
            col.add("W_PERCENT_LOOKS_FRACTION", row=r, column=m.header, value=raw,
                    as_percent=f"{float(raw) * 100:g}%", field=c)


def check_targets(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """E_POLLUTANT_TARGET_EMPTY for a target without a percentage and without a quantity; E_VALUE_INVALID for a
    base year not before the target year."""
    f = t.frame
    pct = f["target_reduction"] if "target_reduction" in f.columns else pl.Series([None] * f.height)
    qty = f["key_project_reduction"] if "key_project_reduction" in f.columns else pl.Series([None] * f.height)
    raw_p = f["raw__target_reduction"] if "raw__target_reduction" in f.columns else pl.Series([None] * f.height)
    raw_q = f["raw__key_project_reduction"] if "raw__key_project_reduction" in f.columns \
        else pl.Series([None] * f.height)
    header = _header(t, template, "target_reduction")
    for r, region, pollutant, p, q, rp, rq in zip(f[ROW].to_list(), f["region_code"].to_list(),
                                                   f["pollutant"].to_list(), pct.to_list(), qty.to_list(),
                                                   raw_p.to_list(), raw_q.to_list(), strict=True):
        if p is None and q is None and rp is None and rq is None:
            col.add("E_POLLUTANT_TARGET_EMPTY", row=r, column=header, region=region, pollutant=pollutant)
    if "base_year" in t.mapped and "target_year" in t.mapped:
        from ecer.ingest.rowchecks import check_years

        check_years(t, col)


def check_increments(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """Each row gives its new emissions, or all the population inputs to compute them
    (``E_POLLUTANT_INCREMENT_MISSING`` naming what is missing); both given is ``W_POLLUTANT_INCREMENT_BOTH`` with
    the two figures (the given one is used)."""
    from ecer.core.pollutants.accounting import domestic_increment
    from ecer.models.pollutants import INCREMENT_INPUTS

    f = t.frame
    header = _header(t, template, "new_emissions")
    for r in f.iter_rows(named=True):
        if r.get("raw__new_emissions") is not None and r.get("new_emissions") is None:
            continue  # the cell did not parse: its own finding says so
        values = {c: r.get(c) for c in INCREMENT_INPUTS}
        unparsed = [c for c in INCREMENT_INPUTS if r.get(f"raw__{c}") is not None and values[c] is None]
        if unparsed:
            continue
        missing = [_header(t, template, c) for c in INCREMENT_INPUTS if values[c] is None]
        record = f"{r.get('region_code')} {r.get('pollutant')} {r.get('year')}"
        if r.get("new_emissions") is None:
            if missing:
                col.add("E_POLLUTANT_INCREMENT_MISSING", row=r[ROW], column=header, record=record,
                        missing="、".join(missing))
            continue
        if not missing:
            computed = float(domestic_increment(values["urban_population"], values["per_capita_g_d"],
                                                values["urban_population_prev"], values["per_capita_g_d"]))
            col.add("W_POLLUTANT_INCREMENT_BOTH", row=r[ROW], column=header, record=record,
                    given=f"{r['new_emissions']:.6g}", computed=f"{computed:.6g}")


def check_pollutant_rows(t: Typed, template: TemplateSpec, col: Collector) -> None:
    check_duplicates(t, template, col)
    if template.name == "pollutant_measures":
        check_measures(t, template, col)
    elif template.name == "pollutant_increments":
        check_increments(t, template, col)
    elif template.name == "pollutant_targets":
        check_targets(t, template, col)
