"""Use case: comprehensive energy consumption in standard coal from physical quantities (GB/T 2589).

Quantities come with their units (``"原煤": (1000, "t")``); each carrier's coefficient comes from the
``coal_coefficients`` reference table, electricity from ``electricity_conversion`` by the method asked
for (当量值 or 等价值), or from a factor the user supplies. pint does every unit conversion; the sum is
the pure core's :func:`ecer.core.energy.comprehensive_energy`. Every line names the coefficient and its
basis. A generic name with several coefficients (天然气: 油田天然气 or 气田天然气) or a range (煤泥) is an
error asking for the kind, never a silent default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from ecer import refdata
from ecer.core.energy import comprehensive_energy as core_sum
from ecer.findings import Finding, FindingsError, make
from ecer.units import Q_, parse_unit

ELECTRICITY_NAMES = {"电力", "电", "electricity"}


@dataclass(frozen=True)
class EnergyLine:
    """One carrier: quantity in its unit, coefficient applied [tce per unit], result [tce], its basis and source."""

    carrier: str
    quantity: float
    unit: str
    coefficient_tce_per_unit: float
    tce: float
    source: str
    basis: str = ""


@dataclass(frozen=True)
class Coefficient:
    """One row of ``coal_coefficients`` as the service uses it."""

    energy: str
    value: float | None
    value_min: float | None
    value_max: float | None
    unit: str
    attribution: str
    source: str  # doc_no and clause
    group: str | None = None

    @property
    def basis(self) -> str:
        return f"{self.energy} {_number(self.value)} {self.unit} ({self.attribution})"


def _number(v: float | None) -> str:
    """A coefficient as tables print it: at least four decimals (1.3300, 0.03412)."""
    if v is None:
        return ""
    text = f"{v:.4f}"
    return text if float(text) == v else f"{v:g}"


def _short(name: str) -> str:
    return name.split(" (")[0].split("（")[0]


def coefficient_table() -> list[Coefficient]:
    """The newest ``coal_coefficients`` rows other than the definition of the unit."""
    frame = refdata.load("coal_coefficients").frame.filter(pl.col("kind") != "definition")
    has = set(frame.columns)
    out = []
    for row in frame.iter_rows(named=True):
        attribution = row["attribution"] if "attribution" in has else row["doc_no"]
        out.append(Coefficient(
            energy=row["energy"], value=row["value"], value_min=row["value_min"], value_max=row["value_max"],
            unit=str(row["unit"]), attribution=str(attribution), source=f"{row['doc_no']} {row['clause']}",
            group=row.get("group") if "group" in has else None))
    return out


def coefficients() -> dict[str, Coefficient]:
    """Carrier name → coefficient, for rows with a single value.

    Names are the table's, also reachable without their bracketed note ("电力 (当量值)" → "电力")."""
    out: dict[str, Coefficient] = {}
    for c in coefficient_table():
        if c.value is not None:
            out[c.energy] = c
            out.setdefault(_short(c.energy), c)
    return out


def ambiguous_carriers() -> dict[str, Finding]:
    """Names with no single coefficient, each with the finding to show: a group (天然气) or a range (煤泥)."""
    table = coefficient_table()
    out: dict[str, Finding] = {}
    groups: dict[str, list[Coefficient]] = {}
    for c in table:
        if c.group:
            groups.setdefault(c.group, []).append(c)
    for name, kinds in groups.items():
        listed_zh = "、".join(f"{k.energy} {_number(k.value)} {k.unit}" for k in kinds)
        listed_en = ", ".join(f"{k.energy} {_number(k.value)} {k.unit}" for k in kinds)
        attributions = ", ".join(sorted({k.attribution for k in kinds}))
        example = kinds[-1].energy
        out[name] = make("E_CARRIER_AMBIGUOUS", carrier=name, kinds=[k.energy for k in kinds],
                         detail_zh=f"按品种区分：{listed_zh}（{attributions}）",
                         detail_en=f"it depends on the kind: {listed_en} ({attributions})",
                         fix_zh=f"写明品种，如 {example}=2万m3", fix_en=f"name the kind, e.g. {example}=2万m3")
    for c in table:
        if c.value is None and c.value_min is not None and c.value_max is not None:
            out[_short(c.energy)] = make(
                "E_CARRIER_AMBIGUOUS", carrier=_short(c.energy), range=[c.value_min, c.value_max],
                detail_zh=f"{c.attribution} 只给出范围 {_number(c.value_min)}–{_number(c.value_max)} {c.unit}",
                detail_en=f"{c.attribution} gives only a range, {_number(c.value_min)}-{_number(c.value_max)} {c.unit}",
                fix_zh="按实测低位发热量折算（低位发热量 ÷ 29307 kJ/kgce）后以标准煤输入",
                fix_en="convert with the measured net calorific value (NCV ÷ 29 307 kJ/kgce) and enter it in tce")
    return out


def _electricity(method: str, year: int | None,
                 supplied: refdata.ElectricityFactor | None) -> refdata.ElectricityFactor:
    if supplied is not None:
        return supplied
    if method == "coal_equivalent" and year is None:
        raise FindingsError([make("E_VALUE_INVALID", value="电力", detail="等价值口径须指定年份 / coal_equivalent needs a year",
                                  fix_zh="用 --year 指定年份", fix_en="give the year with --year")])
    return refdata.electricity_factor_detail(year, method)


def comprehensive_energy(
    quantities: Mapping[str, tuple[float, str]], *, electricity_method: str = "calorific", year: int | None = None,
    electricity_factor: refdata.ElectricityFactor | None = None,
) -> tuple[float, list[EnergyLine]]:
    """Comprehensive energy [tce] of physical quantities, with the line-by-line conversion.

    quantities : carrier → (value, unit label), e.g. {"原煤": (1000, "t"), "电力": (500, "MWh")};
    electricity_method : "calorific" (当量值, GB/T 2589) or "coal_equivalent" (等价值 of ``year``);
    electricity_factor : a factor the user supplies (:func:`ecer.refdata.supplied_electricity_factor`);
        it replaces the shipped one.
    Unknown carriers and units, and names with several coefficients, are errors naming the valid
    choices (never dropped, never defaulted). Each line's ``basis`` names the coefficient used.
    """
    known = coefficients()
    ambiguous = ambiguous_carriers()
    lines: list[EnergyLine] = []
    errors: list[Finding] = []
    for carrier, (value, unit) in quantities.items():
        try:
            q = Q_(float(value), parse_unit(unit))
        except ValueError:
            errors.append(make("E_UNIT_INVALID", column=carrier, value=unit, expected="t, kg, m3, 万m3, MWh, kWh, GJ"))
            continue
        if carrier in ELECTRICITY_NAMES:
            try:
                f = _electricity(electricity_method, year, electricity_factor)
            except FindingsError as exc:
                errors += exc.findings
                continue
            coef, coef_unit, source, basis = f.tce_per_mwh, "tce/MWh", f.source, f.label_en
        elif carrier in known:
            c = known[carrier]
            assert c.value is not None
            coef, coef_unit, source, basis = c.value, c.unit, c.source, c.basis
        elif carrier in ambiguous:
            errors.append(ambiguous[carrier])
            continue
        else:
            errors.append(make("E_UNKNOWN_NAME", kind="能源品种 / energy carrier", value=carrier,
                               valid=", ".join(sorted({k for k in known if "(" not in k} | {"电力"}))))
            continue
        try:
            per_unit = float((Q_(1, q.units) * Q_(coef, parse_unit_expr(coef_unit))).to("tce").magnitude)
        except Exception:  # noqa: BLE001 - pint dimensionality errors become a finding
            errors.append(make("E_UNIT_INVALID", column=carrier, value=unit, expected=coef_unit.split("/")[-1]))
            continue
        lines.append(EnergyLine(carrier, float(value), unit, per_unit, per_unit * float(value), source, basis))
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
