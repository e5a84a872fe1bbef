"""Check a user's benchmark table (``ecer catalog import benchmark-levels``) and turn it into a catalog edition.

The table arrives as text cells with a header row (``services.catalog_import`` reads CSV or Excel); this module
maps the header (English column names of ``benchmark_levels`` or the Chinese headings of the official tables:
领域, 子类, 指标名称, 指标单位, 标杆水平, 基准水平, 参考标准, 来源 ...), checks every row and builds the edition's
manifest and rows. Checks, each a bilingual finding with file, row and column:

* required cells: field, sub_category, indicator, unit, benchmark_value, baseline_value, source (E_REQUIRED);
* numbers (E_NOT_NUMBER); the unit parses with pint (E_UNIT_INVALID); the field is one of ``benchmark_fields``
  (E_BENCHMARK_FIELD_UNKNOWN); direction and confidence are allowed values (E_VALUE_INVALID);
* the benchmark is better than the baseline by the direction (E_BENCHMARK_ORDER: strictly lower when lower is
  better — a table with equal levels would make the middle class empty and is refused);
* one row per field and sub-category (E_BENCHMARK_DUPLICATE).

What the edition adds, never changing a cell the user wrote: ``direction`` when empty is ``lower_is_better`` (every
indicator of the official tables is a consumption per unit of product); ``deadline`` and ``deadline_group`` come
from ``benchmark_fields``; ``clause`` when empty names the file and row; ``confidence`` when empty is ``high`` (the
user asserts the table is official; the edition's provenance says who loaded it); ``indicator_source`` and
``reference_standard_source`` say the values are as given in the imported table.
"""

from __future__ import annotations

import re

import polars as pl

from ecer.findings import Finding, Location, make
from ecer.refdata.manifest import CONFIDENCE_ORDER, Manifest
from ecer.units import parse_unit

TABLE = "benchmark_levels"
REQUIRED = ("field", "sub_category", "indicator", "unit", "benchmark_value", "baseline_value", "source")
ALIASES: dict[str, tuple[str, ...]] = {
    "industry_group": ("行业", "所属行业"),
    "field": ("领域", "重点领域", "行业领域"),
    "sub_category": ("子类", "细分领域", "产品或工艺", "产品名称", "工艺"),
    "indicator": ("指标名称", "指标"),
    "unit": ("指标单位", "单位"),
    "benchmark_value": ("标杆水平", "标杆", "能效标杆水平"),
    "baseline_value": ("基准水平", "基准", "能效基准水平"),
    "direction": ("方向",),
    "reference_standard": ("参考标准", "相关计算等参考标准", "相关计算等参考标准"),
    "correction_factor": ("修正系数",),
    "quote": ("原文",),
    "quote_source": ("原文出处",),
    "doc_no": ("文号",),
    "clause": ("条款",),
    "source": ("来源", "数据来源"),
    "confidence": ("置信度",),
    "notes": ("备注", "说明"),
}
DIRECTIONS = ("lower_is_better", "higher_is_better")
_DIRECTION_ZH = {"lower_is_better": "越低越好", "higher_is_better": "越高越好"}
_UNIT_EXAMPLES = "kgce/t, kgoe/t, kWh/t, kgce/m2, kgce/重量箱"
_NOT_REQUIRED_IN_USER = {"industry_group", "quote", "quote_source"}


def _norm(text: str) -> str:
    return re.sub(r"[\s（）()]+", "", text).casefold()


_LOOKUP = {_norm(k): k for k in ALIASES} | {_norm(a): k for k, names in ALIASES.items() for a in names}
IGNORED_HEADINGS = ("序号", "No.")
"""Row-number columns of the official tables: recognised and not stored (the row number is kept as the clause)."""
_IGNORED = {_norm(h) for h in IGNORED_HEADINGS}
MIN_HEADINGS = 4
"""A row with at least this many recognised headings is the header (title rows above it are not data)."""


def header_score(cells: list[str | None]) -> int:
    """How many cells of a row are recognised column headings.

    >>> header_score(["序号", "领域", "指标名称", "指标单位", "基准水平", "标杆水平"]), header_score(["附件", None])
    (6, 0)
    """
    return sum(1 for c in cells if c and (_norm(c) in _LOOKUP or _norm(c) in _IGNORED))


def map_header(
    header: list[str | None], file: str, header_row: int, has_data: list[bool] | None = None
) -> tuple[dict[int, str], list[Finding]]:
    """Column index → canonical column name; findings for unknown, duplicate and missing required columns, and for
    a column with data but no heading (``has_data``: which columns hold a value below the header)."""
    found: dict[int, str] = {}
    out: list[Finding] = []
    seen: dict[str, int] = {}
    expected = ", ".join(ALIASES)
    for i, cell in enumerate(header):
        if cell is None or not cell.strip():
            if has_data is not None and i < len(has_data) and has_data[i]:
                out.append(
                    make(
                        "E_HEADER_UNKNOWN",
                        location=Location(file=file, row=header_row, column=f"#{i + 1}"),
                        column=f"#{i + 1}",
                        expected=expected,
                    )
                )
            continue
        if _norm(cell) in _IGNORED:
            continue
        name = _LOOKUP.get(_norm(cell))
        loc = Location(file=file, row=header_row, column=cell)
        if name is None:
            out.append(make("E_HEADER_UNKNOWN", location=loc, column=cell, expected=expected))
        elif name in seen:
            out.append(make("E_HEADER_DUPLICATE", location=loc, column=cell))
        else:
            seen[name] = i
            found[i] = name
    for name in REQUIRED:
        if name not in seen:
            out.append(
                make(
                    "E_HEADER_MISSING",
                    location=Location(file=file, row=header_row, column=name),
                    column=name,
                    template="benchmark-levels",
                )
            )
    return found, out


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)  # as the catalog's loader reads it (no thousands separators)
    except ValueError:
        return None


def _unit_ok(label: str) -> bool:
    try:
        parse_unit(label)
    except ValueError:
        return False
    return True


def check_rows(
    rows: list[tuple[int, dict[str, str | None]]], file: str, known_fields: list[str]
) -> list[Finding]:
    """Findings for the rows (spreadsheet row number, cells by canonical column)."""
    out: list[Finding] = []
    known = set(known_fields)
    first_at: dict[tuple[str, str], int] = {}
    for n, r in rows:

        def loc(col: str, n: int = n) -> Location:
            return Location(file=file, row=n, column=col)

        for col in REQUIRED:
            if not r.get(col):
                out.append(make("E_REQUIRED", location=loc(col)))
        values: dict[str, float | None] = {}
        for col in ("benchmark_value", "baseline_value"):
            text = r.get(col)
            values[col] = _number(text)
            if text and values[col] is None:
                out.append(make("E_NOT_NUMBER", location=loc(col), value=text))
        unit = r.get("unit")
        if unit and not _unit_ok(unit):
            out.append(
                make(
                    "E_UNIT_INVALID", location=loc("unit"), value=unit, column="unit", expected=_UNIT_EXAMPLES
                )
            )
        field = r.get("field")
        if field and field not in known:
            out.append(
                make(
                    "E_BENCHMARK_FIELD_UNKNOWN",
                    location=loc("field"),
                    value=field,
                    valid="、".join(known_fields),
                )
            )
        direction = r.get("direction") or "lower_is_better"
        if direction not in DIRECTIONS:
            out.append(
                make(
                    "E_VALUE_INVALID",
                    location=loc("direction"),
                    value=direction,
                    detail=f"allowed: {DIRECTIONS}",
                    fix_zh="填写 lower_is_better（越低越好）或 higher_is_better",
                    fix_en="write lower_is_better or higher_is_better",
                )
            )
        conf = r.get("confidence")
        if conf and conf not in CONFIDENCE_ORDER:
            out.append(
                make(
                    "E_VALUE_INVALID",
                    location=loc("confidence"),
                    value=conf,
                    detail=f"allowed: {list(CONFIDENCE_ORDER)}",
                    fix_zh="填写 high、medium 或 low",
                    fix_en="write high, medium or low",
                )
            )
        b, s = values["benchmark_value"], values["baseline_value"]
        if b is not None and s is not None and direction in DIRECTIONS:
            better = b < s if direction == "lower_is_better" else b > s
            if not better:
                out.append(
                    make(
                        "E_BENCHMARK_ORDER",
                        location=loc("benchmark_value"),
                        benchmark=r.get("benchmark_value"),
                        baseline=r.get("baseline_value"),
                        direction=direction,
                        direction_zh=_DIRECTION_ZH[direction],
                    )
                )
        if field and r.get("sub_category"):
            key = (field, str(r["sub_category"]))
            if key in first_at:
                out.append(
                    make(
                        "E_BENCHMARK_DUPLICATE",
                        location=loc("sub_category"),
                        field=field,
                        sub_category=key[1],
                        other_row=first_at[key],
                    )
                )
            else:
                first_at[key] = n
    return out


def user_manifest(
    template: Manifest,
    edition: str,
    *,
    doc_no: str,
    title: tuple[str, str],
    provenance: str,
    rows: int,
    missing_fields: list[str],
) -> Manifest:
    """The manifest of a user edition: the shipped table's columns (quotes optional), origin ``user``."""
    columns = [
        c.model_copy(update={"required": False}) if c.name in _NOT_REQUIRED_IN_USER else c
        for c in template.columns
    ]
    gaps = (
        [f"fields of benchmark_fields without a level in this table: {'、'.join(missing_fields)}"]
        if missing_fields
        else []
    )
    return template.model_copy(
        update={
            "edition": edition,
            "doc_no": doc_no,
            "title_zh": title[0],
            "title_en": title[1],
            "issued": "",
            "supersedes": "",
            "source": f"user import ({provenance})",
            "origin": "user",
            "provenance": provenance,
            "confidence_summary": f"{rows} rows imported by a user; confidence as the table gives it (empty: high)",
            "gaps": gaps,
            "columns": columns,
        }
    )


def build_rows(
    rows: list[tuple[int, dict[str, str | None]]],
    file: str,
    fields: pl.DataFrame,
    doc_no: str,
    column_names: list[str],
) -> pl.DataFrame:
    """The edition's rows, all text, in the manifest's column order (validated rows only)."""
    deadline = dict(zip(fields["field"], fields["deadline"], strict=True))
    group = dict(zip(fields["field"], fields["deadline_group"], strict=True))
    out = []
    for n, r in rows:
        field = str(r["field"])
        rec: dict[str, str | None] = {c: r.get(c) for c in column_names}
        rec["direction"] = r.get("direction") or "lower_is_better"
        rec["indicator_source"] = f"as given in the imported table {file}"
        rec["reference_standard_source"] = (
            f"as given in the imported table {file}"
            if r.get("reference_standard")
            else "unknown: not in the imported table"
        )
        rec["deadline"], rec["deadline_group"] = deadline[field], group[field]
        rec["doc_no"] = r.get("doc_no") or doc_no
        rec["clause"] = r.get("clause") or f"{file} 第 {n} 行 / row {n}"
        rec["confidence"] = r.get("confidence") or "high"
        rec["notes"] = r.get("notes")
        out.append(rec)
    names = [*column_names, "notes"]
    return pl.DataFrame(out, schema=dict.fromkeys(names, pl.Utf8))


__all__ = [
    "ALIASES",
    "REQUIRED",
    "TABLE",
    "build_rows",
    "check_rows",
    "map_header",
    "user_manifest",
]
