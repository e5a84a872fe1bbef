"""Row checks of the enterprises, production_units and unit_performance templates (issue 7 §1).

What needs only the file and the catalog is checked here: credit codes (GB 32100-2015 check character), GB/T
4754-2017 industry codes, benchmark field and sub-category, the capacity unit, the period kind, duplicate keys and
a performance row that gives no energy at all. What needs the store (the enterprise of a unit, the unit of a
performance row, the basis warning) is checked in ``ecer.services.benchmark_data``.

>>> str(compound_unit("万t/a").units), round(float(compound_unit("万t/a").magnitude))
('metric_ton / year', 10000)
>>> compound_unit("重量箱/a") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import polars as pl

from ecer import units
from ecer.core.identifiers import CREDIT_CODE_CHARACTERS, credit_code_check_character, credit_code_problem
from ecer.ingest.collector import Collector
from ecer.ingest.templates import TemplateSpec
from ecer.ingest.validate import ROW, Typed
from ecer.models.enterprises import CARRIERS
from ecer.periods import Period
from ecer.refdata.unit_catalog import canonical_field, field_names, industry_code_problem, sub_categories
from ecer.units import parse_unit

if TYPE_CHECKING:
    import pint

UNIT_TEMPLATE_NAMES = ("enterprises", "production_units", "unit_performance")
_PREFIX = {"万": 1e4, "亿": 1e8, "千": 1e3}


def _side(text: str) -> pint.Quantity | None:
    import pint  # imported with the registry, at its first use (``ecer.units``)

    t = text.strip()
    if not t:
        return None
    try:
        return units.Q_(1, parse_unit(t))
    except (ValueError, pint.PintError):
        pass
    if t[0] in _PREFIX and len(t) > 1:
        rest = _side(t[1:])
        return None if rest is None else rest * _PREFIX[t[0]]
    return None


def compound_unit(label: str) -> pint.Quantity | None:
    """A unit label such as ``万t/a`` or ``t/d`` as one pint quantity (``万`` = 10⁴, ``亿`` = 10⁸ before a unit on either
    side of one ``/``), or None when a side does not parse."""
    label = label.replace("年", "a").replace("天", "d").replace("日", "d")
    parts = label.split("/")
    if len(parts) > 2:
        return None
    num = _side(parts[0])
    if num is None:
        return None
    if len(parts) == 1:
        return num
    den = _side(parts[1])
    return None if den is None else num / den


def credit_reason_zh(code: str) -> str:
    """The reason of :func:`ecer.core.identifiers.credit_code_problem` in Chinese (same checks, same order)."""
    if len(code) != 18:
        return f"统一社会信用代码为 18 位，此代码为 {len(code)} 位"
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_CHARACTERS:
            return (
                f"第 {position} 位“{char}”不是 GB 32100-2015 允许的字符（数字和大写字母，不含 I、O、Z、S、V）"
            )
    return f"第 18 位校验码为“{code[17]}”，按 GB 32100-2015 由前 17 位算得应为“{credit_code_check_character(code[:17])}”"


def _header(t: Typed, name: str) -> str:
    return t.mapped[name].header


def _rows_where(t: Typed, name: str, values: set[str]) -> Iterator[tuple[int, str]]:
    f = t.frame.filter(pl.col(name).is_in(list(values))).select(ROW, name)
    yield from f.iter_rows()


def check_credit_codes(t: Typed, col: Collector) -> None:
    """E_CREDIT_CODE_INVALID on every cell whose code fails GB 32100-2015 (length, characters, check character)."""
    if "credit_code" not in t.mapped:
        return
    bad = {
        c: p
        for c in t.frame["credit_code"].drop_nulls().unique().to_list()
        if (p := credit_code_problem(c)) is not None
    }
    if not bad:
        return
    rows = list(_rows_where(t, "credit_code", set(bad)))
    col.add_many(
        "E_CREDIT_CODE_INVALID",
        len(rows),
        (
            {
                "row": r,
                "column": _header(t, "credit_code"),
                "value": v,
                "reason": bad[v],
                "reason_zh": credit_reason_zh(v),
                "field": "credit_code",
            }
            for r, v in rows
        ),
    )


_INDUSTRY_ZH = {
    "malformed": "行业代码为 2、3 或 4 位数字（大类、中类、小类），不带门类字母",
    "unknown": "GB/T 4754-2017 中没有这个代码",
    "unverified": "参考表只列出该大类，未列其中类、小类，无法核对",
}


def check_industry_codes(t: Typed, col: Collector) -> None:
    """E_INDUSTRY_CODE_INVALID (malformed, or not in a division listed completely); W_INDUSTRY_CODE_UNVERIFIED."""
    if "industry_code" not in t.mapped:
        return
    problems = {
        c: p
        for c in t.frame["industry_code"].drop_nulls().unique().to_list()
        if (p := industry_code_problem(c)) is not None
    }
    for level, code in (("error", "E_INDUSTRY_CODE_INVALID"), ("warning", "W_INDUSTRY_CODE_UNVERIFIED")):
        chosen = {c: p for c, p in problems.items() if (p[0] == "unverified") == (level == "warning")}
        if not chosen:
            continue
        rows = list(_rows_where(t, "industry_code", set(chosen)))
        col.add_many(
            code,
            len(rows),
            (
                {
                    "row": r,
                    "column": _header(t, "industry_code"),
                    "value": v,
                    "reason": chosen[v][1],
                    "reason_zh": _INDUSTRY_ZH[chosen[v][0]],
                    "field": "industry_code",
                }
                for r, v in rows
            ),
        )


def check_fields(t: Typed, col: Collector) -> pl.Series | None:
    """Benchmark field (catalog name, or the name without its bracketed note) and sub-category. Returns the
    fields as the catalog names them (to replace the column), or None when the column is absent."""
    if "field" not in t.mapped:
        return None
    names = sorted(field_names())
    canon = {v: canonical_field(v) for v in t.frame["field"].drop_nulls().unique().to_list()}
    unknown = {v for v, c in canon.items() if c is None}
    if unknown:
        rows = list(_rows_where(t, "field", unknown))
        col.add_many(
            "E_BENCHMARK_FIELD_UNKNOWN",
            len(rows),
            (
                {
                    "row": r,
                    "column": _header(t, "field"),
                    "value": v,
                    "valid": "、".join(names),
                    "field_name": "field",
                }
                for r, v in rows
            ),
        )
    fields = t.frame["field"].replace_strict(
        {k: v for k, v in canon.items() if v is not None}, default=None, return_dtype=pl.String
    )
    if "sub_category" in t.mapped:
        pairs = pl.DataFrame({ROW: t.frame[ROW], "f": fields, "s": t.frame["sub_category"]}).drop_nulls()
        for (f, s), grp in pairs.group_by(["f", "s"], maintain_order=True):
            valid = sub_categories(str(f))
            if valid and s in valid:
                continue
            code = "E_SUB_CATEGORY_UNKNOWN" if valid else "W_FIELD_WITHOUT_LEVELS"
            rows = grp[ROW].to_list()
            col.add_many(
                code,
                len(rows),
                (
                    {
                        "row": r,
                        "column": _header(t, "sub_category"),
                        "value": s,
                        "field": f,
                        "valid": "、".join(valid),
                    }
                    for r in rows
                ),
            )
    return fields


def check_capacity_units(t: Typed, col: Collector) -> None:
    """E_UNIT_INVALID where the capacity unit does not parse (``万t/a``, ``t/d``, ``万m2/a`` do)."""
    if "capacity_unit" not in t.mapped:
        return
    bad = {u for u in t.frame["capacity_unit"].drop_nulls().unique().to_list() if compound_unit(u) is None}
    if bad:
        rows = list(_rows_where(t, "capacity_unit", bad))
        col.add_many(
            "E_UNIT_INVALID",
            len(rows),
            (
                {
                    "row": r,
                    "column": _header(t, "capacity_unit"),
                    "value": v,
                    "expected": "万t/a、t/d、万m2/a、MW",
                }
                for r, v in rows
            ),
        )


def check_periods(t: Typed, col: Collector) -> None:
    """unit_performance: a year or a month only."""
    if "period" not in t.mapped:
        return
    bad = {
        p for p in t.frame["period"].drop_nulls().unique().to_list() if Period.parse(p).kind not in ("Y", "M")
    }
    if bad:
        rows = list(_rows_where(t, "period", bad))
        col.add_many(
            "E_VALUE_INVALID",
            len(rows),
            (
                {
                    "row": r,
                    "column": _header(t, "period"),
                    "value": v,
                    "detail": "装置能效数据按年或按月填报 / unit performance is by year or by month",
                    "fix_zh": "填写年份 2023 或月份 2023-07",
                    "fix_en": "enter a year (2023) or a month (2023-07)",
                }
                for r, v in rows
            ),
        )


def check_energy_given(t: Typed, col: Collector) -> None:
    """unit_performance: a row needs the unit energy or at least one carrier; output must be above zero."""
    f = t.frame
    given = [c for c in ("unit_energy", *CARRIERS, "other_energy") if c in t.mapped]
    none = f.select(
        pl.all_horizontal([pl.col(f"raw__{c}").is_null() for c in given])
        if given
        else pl.repeat(True, f.height)
    ).to_series()
    missing = f.filter(none)
    if missing.height:
        col.add_many(
            "E_UNIT_ENERGY_MISSING",
            missing.height,
            (
                {
                    "row": r[ROW],
                    "column": t.mapped["unit_id"].header if "unit_id" in t.mapped else None,
                    "unit": r.get("unit_id"),
                    "period": r.get("period"),
                }
                for r in missing.iter_rows(named=True)
            ),
        )
    if "output" in t.mapped:
        zero = f.filter(pl.col("output") == 0)
        if zero.height:
            col.add_many(
                "E_VALUE_INVALID",
                zero.height,
                (
                    {
                        "row": r[ROW],
                        "column": _header(t, "output"),
                        "value": r["raw__output"],
                        "detail": "产量须大于 0 / the output must be above zero",
                        "fix_zh": "填写该期产量；停产期不填此行",
                        "fix_en": "enter the output; leave out periods without output",
                    }
                    for r in zero.iter_rows(named=True)
                ),
            )


def check_duplicates(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """E_DUPLICATE_RECORD on every row whose key already appeared on an earlier row."""
    key = [k for k in template.key if k in t.mapped]
    if len(key) != len(template.key):
        return
    f = t.frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    dup = f.filter(pl.struct(key).is_duplicated())
    if dup.is_empty():
        return
    groups = dup.group_by(key, maintain_order=True).agg(pl.col(ROW).sort().alias("rows"))
    total = int(groups["rows"].list.len().sum() - groups.height)

    def items() -> Iterator[dict[str, Any]]:
        for g in groups.iter_rows(named=True):
            shown = ", ".join(f"{k}={g[k]}" for k in key)
            for r in g["rows"][1:]:
                yield {
                    "row": r,
                    "column": t.mapped[key[-1]].header,
                    "key": shown,
                    "other_row": g["rows"][0],
                    "rows": g["rows"],
                }

    col.add_many("E_DUPLICATE_RECORD", total, items())


def check_unit_rows(t: Typed, template: TemplateSpec, col: Collector) -> None:
    """The row checks of one of ``UNIT_TEMPLATE_NAMES``; a recognised short field name becomes the catalog's."""
    check_duplicates(t, template, col)
    check_credit_codes(t, col)
    if template.name == "enterprises":
        check_industry_codes(t, col)
    elif template.name == "production_units":
        fields = check_fields(t, col)
        if fields is not None:
            t.frame = t.frame.with_columns(fields.alias("field"))
        check_capacity_units(t, col)
        if "upgradable" in t.mapped:  # an empty cell is the documented default, yes (可改造)
            t.frame = t.frame.with_columns(pl.col("upgradable").fill_null("yes"))
    elif template.name == "unit_performance":
        check_periods(t, col)
        check_energy_given(t, col)
