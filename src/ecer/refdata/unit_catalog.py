"""What the unit templates need from the catalog: the benchmark fields, each field's sub-categories with their
indicator, basis and unit, and the GB/T 4754-2017 industry codes.

Read through the catalog API only (``ecer.refdata.load`` / ``editions``): the tables ``benchmark_fields`` and
``benchmark_levels`` belong to the benchmark work; nothing here changes them.

>>> "水泥熟料" in field_names()
True
>>> field_key("建筑陶瓷 (建筑陶瓷制品制造 3071)"), canonical_field("水泥") is None
('建筑陶瓷', True)
>>> r = indicator_table().filter(pl.col("field") == "水泥熟料").row(0, named=True)
>>> r["unit"], r["benchmark_value"], r["baseline_value"]
('kgce/t', 100.0, 117.0)
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from ecer.refdata.catalog import editions, load

_INDICATOR_SCHEMA = {
    "field": pl.String,
    "field_key": pl.String,
    "sub_category": pl.String,
    "indicator": pl.String,
    "basis": pl.String,
    "unit": pl.String,
    "benchmark_value": pl.Float64,
    "baseline_value": pl.Float64,
    "edition": pl.String,
}


def field_key(name: str) -> str:
    """A field name without its bracketed note: ``建筑陶瓷 (建筑陶瓷制品制造 3071)`` → ``建筑陶瓷``. The tables do not
    always write a field alike (benchmark_fields: 建筑陶瓷; benchmark_levels: 建筑陶瓷 (建筑陶瓷制品制造 3071)), so
    fields are matched on this key."""
    return name.split(" (")[0].split("（")[0].split("(")[0].strip()


_short = field_key


@lru_cache(maxsize=1)
def indicator_table() -> pl.DataFrame:
    """One row per (field, sub_category) of ``benchmark_levels``, from the newest edition that has it.

    ``basis``: the table's ``basis`` column where it has one, else the indicator's own name (the tables state the
    basis in the indicator's name, e.g. 单位产品综合能耗). Levels are in ``unit``.
    """
    seen: dict[tuple[str, str], dict[str, object]] = {}
    for edition in reversed(editions("benchmark_levels")):
        frame = load("benchmark_levels", edition).frame
        has_basis = "basis" in frame.columns
        for r in frame.iter_rows(named=True):
            key = (str(r["field"]), str(r["sub_category"] or "通用"))
            if key in seen or r["benchmark_value"] is None or r["baseline_value"] is None:
                continue
            basis = r.get("basis") if has_basis and r.get("basis") else r["indicator"]
            seen[key] = {
                "field": key[0],
                "field_key": field_key(key[0]),
                "sub_category": key[1],
                "indicator": r["indicator"],
                "basis": basis,
                "unit": r["unit"],
                "benchmark_value": float(r["benchmark_value"]),
                "baseline_value": float(r["baseline_value"]),
                "edition": edition,
            }
    rows = sorted(seen.values(), key=lambda d: (str(d["field"]), str(d["sub_category"])))
    return pl.DataFrame(rows, schema=_INDICATOR_SCHEMA)


def levels(edition: str) -> pl.DataFrame:
    """The (field, field_key, sub_category, unit, benchmark_value, baseline_value) rows of one edition of
    benchmark_levels."""
    frame = load("benchmark_levels", edition).frame
    return frame.select(
        "field",
        pl.col("field").map_elements(field_key, return_dtype=pl.String).alias("field_key"),
        pl.col("sub_category").fill_null("通用"),
        "unit",
        "benchmark_value",
        "baseline_value",
    )


@lru_cache(maxsize=1)
def field_names() -> frozenset[str]:
    """Every benchmark field the catalog knows: the ``benchmark_fields`` list and the fields of every edition of
    ``benchmark_levels``."""
    names = set(load("benchmark_fields").frame["field"].to_list())
    for edition in editions("benchmark_levels"):
        names |= set(load("benchmark_levels", edition).frame["field"].to_list())
    return frozenset(str(n) for n in names if n)


def canonical_field(name: str) -> str | None:
    """The catalog's name of a field written as the catalog writes it, or without its bracketed note (one match
    only); None when unknown or when the short name is ambiguous."""
    names = field_names()
    if name in names:
        return name
    hits = [n for n in names if _short(n) == name]
    if len(hits) == 1:
        return hits[0]
    return None


def sub_categories(field: str) -> list[str]:
    """The sub-categories of a field in any edition of ``benchmark_levels`` (empty: the field has no levels)."""
    t = indicator_table().filter(pl.col("field_key") == field_key(field))
    return t["sub_category"].to_list()


@lru_cache(maxsize=1)
def industry_codes() -> pl.DataFrame:
    """The GB/T 4754-2017 rows shipped (``industry_codes``): code, level, name_zh, complete, two_high_sector."""
    return load("industry_codes").frame


def industry_code_problem(code: str) -> tuple[str, str] | None:
    """Why ``code`` is not a usable GB/T 4754-2017 code: ``("malformed" | "unknown" | "unverified", reason)``, or
    None when the shipped table lists it.

    >>> industry_code_problem("3011") is None
    True
    >>> industry_code_problem("C3011")[0], industry_code_problem("3199")[0], industry_code_problem("1311")[0]
    ('malformed', 'unknown', 'unverified')
    """
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        return (
            "malformed",
            (
                "a GB/T 4754-2017 code is 2, 3 or 4 digits (division, group, class), without the "
                "section letter"
            ),
        )
    table = industry_codes()
    known = set(table["code"].to_list())
    if code in known:
        return None
    division = code[:2]
    if division not in known:
        return ("unknown", f"GB/T 4754-2017 has no division {division}")
    complete = table.filter((pl.col("code") == division) & (pl.col("complete") == "true")).height > 0
    if complete:
        return (
            "unknown",
            (f"division {division} of GB/T 4754-2017 has no {'group' if len(code) == 3 else 'class'} {code}"),
        )
    return (
        "unverified",
        (
            f"the shipped table lists division {division} but not its groups and classes; {code} "
            "could not be checked"
        ),
    )
