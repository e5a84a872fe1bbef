r"""From what a measure is (its method and physical inputs) to the reduction the ledger counts in a year.

One row per measure and accounting year, with the inputs its method needs (other input columns may be empty):

====================  ==========  ======================================================================================
method                kind        inputs → reduction counted in ``year`` [t]
====================  ==========  ======================================================================================
``sewage_plant``      engineering volume_m3, c_in_mg_l, c_out_mg_l, removed_prev_t →
                                  :func:`~.accounting.removal_increase` (:func:`~.accounting.sewage_removal`, M_{t−1})
``efficiency_raise``  engineering generated_t, eta, eta_prev [, run, run_prev = 1] → :func:`~.accounting.efficiency_raise`
``closure``           structural  prev_emissions_t [, current_emissions_t = 0] → :func:`~.accounting.structural_reduction`
``management``        management  annual_reduction_t, stable_year, stable_month →
                                  :func:`~.accounting.management_increment` (over the year before)
``reported``          given       kind, reduction_t: a reduction computed elsewhere (CEMS, material balance), as given
====================  ==========  ======================================================================================

The result has the ledger's measure columns (``ecer.models.pollutants.MEASURE_SCHEMA``) plus ``method``, so
:func:`ecer.core.pollutants.ledger.account` takes it as it is. A missing or impossible input is an error naming the
measure and the column (never a default: run rates are the only inputs with one, 1, and current emissions of a
closed plant, 0, as the formulas state).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from ecer.core.pollutants import accounting as ac
from ecer.findings import Finding, FindingsError, Location, make
from ecer.models.pollutants import MEASURE_KINDS, MEASURE_SCHEMA

WHAT = "减排措施 / reduction measures"
METHOD_KIND: dict[str, str | None] = {
    "sewage_plant": "engineering",
    "efficiency_raise": "engineering",
    "closure": "structural",
    "management": "management",
    "reported": None,  # the row's own kind
}
# method → (required inputs, optional inputs with their defaults)
INPUTS: dict[str, tuple[tuple[str, ...], dict[str, float]]] = {
    "sewage_plant": (("volume_m3", "c_in_mg_l", "c_out_mg_l", "removed_prev_t"), {}),
    "efficiency_raise": (("generated_t", "eta", "eta_prev"), {"run": 1.0, "run_prev": 1.0}),
    "closure": (("prev_emissions_t",), {"current_emissions_t": 0.0}),
    "management": (("annual_reduction_t", "stable_year", "stable_month"), {}),
    "reported": (("reduction_t",), {}),
}
_FRACTIONS = ("eta", "eta_prev", "run", "run_prev")
# the earliest stable year taken as real: the PRC's statistics start in 1949 (the templates' year range, 1949–2100);
# the latest is the row's accounting year
STABLE_YEAR_MIN = 1949
KEY_COLUMNS = ("region_code", "pollutant", "year", "measure_id", "method")


def _invalid(i: int, record: str, column: str, value: object, detail: str) -> Finding:
    return make(
        "E_POLLUTANT_VALUE_INVALID",
        location=Location(row=i, column=column),
        what=WHAT,
        record=record,
        column=column,
        value=value,
        detail=detail,
    )


def _latest(year: object) -> float:
    """The latest plausible stable year of a row: its accounting year (no year given: no upper bound here, the
    ledger refuses the row for its missing year)."""
    return float(year) if isinstance(year, (int, float)) and not isinstance(year, bool) else math.inf


def _stable_year_detail(year: object) -> str:
    until = f"核算年份 {year}" if _latest(year) != math.inf else "核算年份"
    until_en = f"the accounting year {year}" if _latest(year) != math.inf else "the accounting year"
    return (
        f"须为 {STABLE_YEAR_MIN} 年至{until}之间的整数年份（晚于核算年份的措施在该年计 0 个月，早于 {STABLE_YEAR_MIN} 年没有统计），"
        f"否则管理减排会被悄悄计为 0 或全年"
        f" / must be a whole year from {STABLE_YEAR_MIN} to {until_en} (a measure stable after its accounting year "
        f"counts 0 months in it, and there are no statistics before {STABLE_YEAR_MIN}); otherwise the management "
        "reduction would silently count as 0 or as a whole year"
    )


def _problems(i: int, r: dict[str, Any], record: str) -> list[Finding]:
    method = r["method"]
    if method not in METHOD_KIND:
        return [
            make(
                "E_UNKNOWN_NAME",
                location=Location(row=i, column="method"),
                kind="核算方法 / accounting method",
                value=method,
                valid=", ".join(METHOD_KIND),
            )
        ]
    out: list[Finding] = []
    required, optional = INPUTS[method]
    for c in (*required, *optional):
        v = r.get(c)
        if v is None and c in optional:
            continue
        if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)):
            out.append(
                _invalid(i, record, c, v, f"“{method}”须填写有限数值 / '{method}' needs a finite number")
            )
            continue
        if c in _FRACTIONS and not 0 <= float(v) <= 1:
            out.append(_invalid(i, record, c, v, "须在 0 到 1 之间 / must be between 0 and 1"))
        elif c == "stable_month" and not (float(v).is_integer() and 1 <= v <= 12):
            out.append(_invalid(i, record, c, v, "须为 1–12 的月份 / must be a month 1–12"))
        elif c == "stable_year" and not (float(v).is_integer() and STABLE_YEAR_MIN <= v <= _latest(r["year"])):
            out.append(_invalid(i, record, c, v, _stable_year_detail(r["year"])))
        elif c not in ("reduction_t", "stable_year") and float(v) < 0:
            out.append(_invalid(i, record, c, v, "为负 / negative"))
    if not out and method == "sewage_plant" and r["c_out_mg_l"] > r["c_in_mg_l"]:
        out.append(
            _invalid(
                i,
                record,
                "c_out_mg_l",
                r["c_out_mg_l"],
                f"出水浓度高于进水浓度 {r['c_in_mg_l']} / the effluent is above the influent {r['c_in_mg_l']}",
            )
        )
    if method == "reported" and r.get("kind") not in MEASURE_KINDS:
        out.append(
            make(
                "E_UNKNOWN_NAME",
                location=Location(row=i, column="kind"),
                kind="减排类型 / kind of reduction",
                value=r.get("kind"),
                valid=", ".join(MEASURE_KINDS),
            )
        )
    return out


def _reduction(r: dict[str, Any]) -> float:
    g = {k: (r.get(k) if r.get(k) is not None else d) for k, d in INPUTS[r["method"]][1].items()}
    match r["method"]:
        case "sewage_plant":
            removed = ac.sewage_removal(r["volume_m3"], r["c_in_mg_l"], r["c_out_mg_l"])
            return float(ac.removal_increase(removed, r["removed_prev_t"]))
        case "efficiency_raise":
            return float(
                ac.efficiency_raise(r["generated_t"], r["eta"], r["eta_prev"], g["run"], g["run_prev"])
            )
        case "closure":
            return float(ac.structural_reduction(r["prev_emissions_t"], g["current_emissions_t"]))
        case "management":
            return float(
                ac.management_increment(
                    r["annual_reduction_t"], r["stable_year"], r["stable_month"], r["year"]
                )
            )
        case _:
            return float(r["reduction_t"])


def measure_reductions(measures: pl.DataFrame) -> pl.DataFrame:
    r"""The reduction each measure counts in its year, by its method (module docstring for the methods and formulas).

    measures : one row per measure and year with ``KEY_COLUMNS`` and the inputs of its method (volumes [m³],
    concentrations [mg/L], masses [t], efficiencies and run rates [1], stable_year [yr] a whole year from 1949 to the
    row's ``year``, stable_month 1–12); for ``reported`` also ``kind``. Input columns no row's method needs may be absent. Returns ``MEASURE_SCHEMA`` +
    ``method``, in the input's order. Bad input raises ``FindingsError`` with every problem found.

    Reference: METHODS §3.2 via :mod:`ecer.core.pollutants.accounting`.

    >>> m = pl.DataFrame({"region_code": ["A", "A"], "pollutant": ["COD", "COD"], "year": [2023, 2024],
    ...                   "measure_id": ["WWTP", "bypass"], "method": ["sewage_plant", "management"],
    ...                   "volume_m3": [7.3e6, None], "c_in_mg_l": [280.0, None], "c_out_mg_l": [40.0, None],
    ...                   "removed_prev_t": [1259.25, None], "annual_reduction_t": [None, 60.0],
    ...                   "stable_year": [None, 2023], "stable_month": [None, 7]})
    >>> measure_reductions(m).select("measure_id", "kind", pl.col("reduction").round(9)).rows()  # 1752 − 1259.25; 60 × 7/12
    [('WWTP', 'engineering', 492.75), ('bypass', 'management', 35.0)]
    """
    needed = list(KEY_COLUMNS)  # the key, the inputs of each method the rows name, ``kind`` for ``reported``
    methods = set(measures["method"].to_list()) if "method" in measures.columns else set()
    for method in sorted(m for m in methods if m in INPUTS):
        needed += [c for c in INPUTS[method][0] if c not in needed]
    if "reported" in methods:
        needed.append("kind")
    missing = [c for c in needed if c not in measures.columns]
    if missing:
        raise FindingsError(
            [
                make(
                    "E_POLLUTANT_COLUMN_MISSING",
                    location=Location(column=c),
                    what=WHAT,
                    column=c,
                    expected=", ".join(needed),
                )
                for c in missing
            ]
        )
    errors: list[Finding] = []
    rows = list(measures.iter_rows(named=True))
    for i, r in enumerate(rows, start=1):
        errors += _problems(
            i, r, " ".join(str(r[c]) for c in ("region_code", "pollutant", "year", "measure_id"))
        )
    if errors:
        raise FindingsError(errors)
    out = [
        {
            "region_code": r["region_code"],
            "pollutant": r["pollutant"],
            "year": r["year"],
            "measure_id": r["measure_id"],
            "kind": METHOD_KIND[r["method"]] or r["kind"],
            "reduction": _reduction(r),
            "method": r["method"],
        }
        for r in rows
    ]
    return pl.DataFrame(out, schema={**MEASURE_SCHEMA, "method": pl.Utf8()})
