"""Use case: comprehensive energy consumption in standard coal from physical quantities (GB/T 2589).

Quantities come with their units (``"原煤": (1000, "t")``); each carrier's coefficient comes from the
``coal_coefficients`` reference table, electricity from ``electricity_conversion`` by the method asked
for (当量值 or 等价值). pint does every unit conversion; the sum is the pure core's
:func:`ecer.core.energy.comprehensive_energy`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from ecer import refdata
from ecer.core.energy import comprehensive_energy as core_sum
from ecer.findings import FindingsError, make
from ecer.units import Q_, parse_unit

ELECTRICITY_NAMES = {"电力", "电", "electricity"}


@dataclass(frozen=True)
class EnergyLine:
    """One carrier: quantity in its unit, coefficient applied [tce per unit], result [tce], and its source."""

    carrier: str
    quantity: float
    unit: str
    coefficient_tce_per_unit: float
    tce: float
    source: str


def coefficients() -> dict[str, tuple[float, str, str]]:
    """Carrier name → (coefficient value, coefficient unit, source) for rows with a single value.

    Names are the table's, also reachable without their bracketed note ("电力 (当量值)" → "电力")."""
    frame = refdata.load("coal_coefficients").frame.filter(
        pl.col("value").is_not_null() & (pl.col("kind") != "definition"))
    out: dict[str, tuple[float, str, str]] = {}
    for row in frame.iter_rows(named=True):
        entry = (float(row["value"]), str(row["unit"]), f"{row['doc_no']} {row['clause']}")
        out[row["energy"]] = entry
        out.setdefault(row["energy"].split(" (")[0].split("（")[0], entry)
    return out


def comprehensive_energy(
    quantities: Mapping[str, tuple[float, str]], *, electricity_method: str = "calorific", year: int | None = None
) -> tuple[float, list[EnergyLine]]:
    """Comprehensive energy [tce] of physical quantities, with the line-by-line conversion.

    quantities : carrier → (value, unit label), e.g. {"原煤": (1000, "t"), "电力": (500, "MWh")};
    electricity_method : "calorific" (当量值, GB/T 2589) or "coal_equivalent" (等价值 of ``year``).
    Unknown carriers and units are errors naming the valid choices (never dropped).
    """
    known = coefficients()
    lines: list[EnergyLine] = []
    errors = []
    for carrier, (value, unit) in quantities.items():
        try:
            q = Q_(float(value), parse_unit(unit))
        except ValueError:
            errors.append(make("E_UNIT_INVALID", column=carrier, value=unit, expected="t, kg, m3, 万m3, MWh, kWh, GJ"))
            continue
        if carrier in ELECTRICITY_NAMES:
            if electricity_method == "coal_equivalent" and year is None:
                errors.append(make("E_VALUE_INVALID", value=carrier, detail="coal_equivalent needs a year",
                                   fix_zh="用 --year 指定年份", fix_en="give the year with --year"))
                continue
            try:
                k_tce_per_mwh = refdata.electricity_factor(year or 2020, electricity_method)
            except FindingsError as exc:
                errors += exc.findings
                continue
            coef, coef_unit = k_tce_per_mwh, "tce/MWh"
            source = f"electricity_conversion {electricity_method}" + (f" {year}" if year else "")
        elif carrier in known:
            coef, coef_unit, source = known[carrier]
        else:
            errors.append(make("E_UNKNOWN_NAME", kind="能源品种 / energy carrier", value=carrier,
                               valid=", ".join(sorted({k for k in known if "(" not in k} | {"电力"}))))
            continue
        try:
            per_unit = float((Q_(1, q.units) * Q_(coef, parse_unit_expr(coef_unit))).to("tce").magnitude)
        except Exception:  # noqa: BLE001 - pint dimensionality errors become a finding
            errors.append(make("E_UNIT_INVALID", column=carrier, value=unit, expected=coef_unit.split("/")[-1]))
            continue
        lines.append(EnergyLine(carrier, float(value), unit, per_unit, per_unit * float(value), source))
    if errors:
        raise FindingsError(errors)
    total = core_sum({ln.carrier: ln.quantity for ln in lines}, {ln.carrier: ln.coefficient_tce_per_unit for ln in lines})
    return total, lines


def parse_unit_expr(label: str) -> str:
    """A coefficient unit such as ``kgce/m3`` as a pint expression (numerator and denominator parsed)."""
    if "/" not in label:
        return str(parse_unit(label))
    num, den = label.split("/", 1)
    return f"({parse_unit(num)}) / ({parse_unit(den)})"
