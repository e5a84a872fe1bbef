"""Checks across cells and rows: duplicate keys, feedstock and exclusions above the total, mixed GDP price
bases, unknown parent regions, base year after target year. Only cells that parsed are compared."""

from __future__ import annotations

import polars as pl

from ecer.ingest.collector import Collector
from ecer.ingest.templates import TemplateSpec
from ecer.ingest.unitchecks import UNIT_TEMPLATE_NAMES, check_unit_rows
from ecer.ingest.validate import ROW, Typed
from ecer.models.region import NATIONAL_CODE


def _shown(value: str | None, unit: str) -> str:
    return f"{value} {unit}".strip()


def check_duplicates(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """E_DUPLICATE_KEY on every row whose key (e.g. region, period) already appeared on an earlier row."""
    key = [k for k in template.key if k in t.mapped]
    if len(key) != len(template.key):
        return
    f = t.frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    dup = f.filter(pl.struct(key).is_duplicated())
    if dup.is_empty():
        return
    groups = dup.group_by(key, maintain_order=True).agg(pl.col(ROW).sort().alias("rows"))
    total = int(groups["rows"].list.len().sum() - groups.height)
    m = t.mapped[key[-1]]

    def items():
        for g in groups.iter_rows(named=True):
            rows = g["rows"]
            for r in rows[1:]:
                yield {"row": r, "column": m.header, "region": g[key[0]], "period": g[key[1]] if len(key) > 1 else "—",
                           "other_row": rows[0], "rows": rows}

    col.add_many("E_DUPLICATE_KEY", total, items())


def check_energy_totals(t: Typed, col: Collector) -> None:
    """Feedstock above the total; feedstock + separately listed + other non-fossil above the total (tce)."""
    if "total_energy" not in t.mapped:
        return
    total_m = t.mapped["total_energy"]
    f = t.frame
    if "feedstock_energy" in t.mapped:
        fm = t.mapped["feedstock_energy"]
        mask = (f["feedstock_energy"] > f["total_energy"]).fill_null(False)
        n = int(mask.sum())
        if n:
            s = f.filter(mask).head(col.cap)
            col.add_many("E_FEEDSTOCK_ABOVE_TOTAL", n, (
                {"row": r[ROW], "column": fm.header, "feedstock": _shown(r["raw__feedstock_energy"], fm.unit_label),
                     "total": _shown(r["raw__total_energy"], total_m.unit_label)}
                for r in s.iter_rows(named=True)))
    parts = [c for c in ("feedstock_energy", "separately_listed_energy", "other_nonfossil_energy") if c in t.mapped]
    if len(parts) < 2:
        return
    excluded = pl.sum_horizontal(pl.col(c).fill_null(0.0) for c in parts)
    feed_over = (pl.col("feedstock_energy") > pl.col("total_energy")).fill_null(False) \
        if "feedstock_energy" in parts else pl.lit(False)
    x = f.with_columns(_excl=excluded).filter((pl.col("_excl") > pl.col("total_energy")) & ~feed_over)
    if x.height:
        col.add_many("E_EXCLUSIONS_ABOVE_TOTAL", x.height, (
            {"row": r[ROW], "column": total_m.header, "excluded": f"{r['_excl']:g} tce", "total": f"{r['total_energy']:g} tce",
                 "columns": parts} for r in x.head(col.cap).iter_rows(named=True)))


def price_bases(t: Typed) -> pl.DataFrame:
    """The file's GDP price bases: ``price_base_year``, ``n`` rows, ``first`` row (summable over batches)."""
    f = t.frame.filter(pl.col("price_base_year").is_not_null())
    return f.group_by("price_base_year").agg(pl.len().cast(pl.Int64).alias("n"), pl.col(ROW).min().alias("first"))


def check_price_base(t: Typed, col: Collector, bases: pl.DataFrame | None = None) -> None:
    """All GDP in one file must be at one base year's prices. ``bases``: :func:`price_bases` of the whole file
    (batched validation); default: of ``t``."""
    if "price_base_year" not in t.mapped:
        return
    if bases is None:
        bases = price_bases(t)
    if bases.height < 2:
        return
    bases = bases.sort("first")
    found = ", ".join(str(b) for b in bases["price_base_year"])
    col.add("E_PRICE_BASE_MIXED", row=int(bases["first"][1]), column=t.mapped["price_base_year"].header,
            found=found, rows_per_base={str(b): int(n) for b, n in zip(bases["price_base_year"], bases["n"],
                                                                       strict=True)})


def check_parents(t: Typed, known_regions: set[str] | None, col: Collector) -> None:
    """regions template: a parent code must be in the file, in ``known_regions`` or be the nation."""
    if "parent_code" not in t.mapped or "region_code" not in t.mapped:
        return
    known = set(t.frame["region_code"].drop_nulls().to_list()) | set(known_regions or ()) | {NATIONAL_CODE}
    m = t.mapped["parent_code"]
    mask = (t.frame["parent_code"].is_not_null() & ~t.frame["parent_code"].is_in(list(known)))
    n = int(mask.sum())
    if n:
        s = t.frame.filter(mask).select(ROW, "parent_code").head(col.cap)
        col.add_many("E_REGION_PARENT", n, ({"row": r, "column": m.header, "value": v} for r, v in s.iter_rows()))


def check_years(t: Typed, col: Collector) -> None:
    """targets template: base year before target year."""
    if "base_year" not in t.mapped or "target_year" not in t.mapped:
        return
    mask = (t.frame["base_year"] >= t.frame["target_year"]).fill_null(False)
    n = int(mask.sum())
    if n:
        m = t.mapped["target_year"]
        s = t.frame.filter(mask).select(ROW, "base_year", "target_year").head(col.cap)
        col.add_many("E_VALUE_INVALID", n, (
            {"row": r, "column": m.header, "value": ty, "detail": f"目标年须晚于基期年 {by} / target year must be after base year {by}",
                 "fix_zh": "核对基期年和目标年", "fix_en": "check the base and target years"} for r, by, ty in s.iter_rows()))


def check_rows(t: Typed, template: TemplateSpec, known_regions: set[str] | None, col: Collector) -> None:
    if template.name in UNIT_TEMPLATE_NAMES:  # enterprises, production units, unit performance (ingest.unitchecks)
        check_unit_rows(t, template, col)
        return
    if template.name.startswith("pollutant_"):  # pollutant templates (ingest.pollutant_rows; issue 8)
        from ecer.ingest.pollutant_rows import check_pollutant_rows

        check_pollutant_rows(t, template, col)
        return
    check_duplicates(t, template, col)
    if template.name == "energy":
        check_energy_totals(t, col)
        check_price_base(t, col)
    elif template.name == "sector_energy":
        check_price_base(t, col)
    elif template.name == "regions":
        check_parents(t, known_regions, col)
    elif template.name == "targets":
        check_years(t, col)
    elif template.name == "projects":
        from ecer.ingest.project_rows import check_projects

        check_projects(t, col)


def check_rows_local(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """The row checks that look at one row at a time (one batch of a file at a time), in ``check_rows``' order."""
    if template.name == "energy":
        check_energy_totals(t, col)
    elif template.name == "targets":
        check_years(t, col)
