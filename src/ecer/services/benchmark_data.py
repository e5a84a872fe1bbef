"""Use case: enterprises, production units and their performance in the store (issue 7 §1) — the checks that need
the store or the catalog's levels, the unit energy from carriers (GB/T 2589), and ``performance_frame``, the table
the benchmark classification reads.

Unit energy from carriers (GB/T 2589-2020 §4, comprehensive energy consumption)::

    E [tce] = Σ_i q_i × k_i + other_energy        q_i in the template's unit, k_i from coal_coefficients [tce per unit]
    e = E / output                                 then converted with pint to the field's indicator unit

Electricity counts at its calorific value, 0.1229 kgce/kWh (GB/T 2589 附录A 电力(当量值)).

Basis warning (W_UNIT_ENERGY_BASIS), the rule documented in docs/templates.md: with the field's levels of the newest
edition that has the row, lo = min(benchmark, baseline), hi = max(benchmark, baseline), the plausible window is
``[0.5 × lo, 2 × hi]`` when both levels are positive, else ``[lo − 2W, hi + 2W]`` with W = max(|lo|, |hi|) (the
converter's −30/−10 kgce/t: [−90, 50]). A value outside is warned about, never changed; the hint names a factor
10³ or 10⁴ (tce ↔ kgce, 万) that brings it inside, if one does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pint
import polars as pl

from ecer.findings import Finding, Location, make
from ecer.ingest.unitchecks import compound_unit
from ecer.models.enterprises import CARRIERS
from ecer.periods import Period
from ecer.refdata import unit_catalog
from ecer.services.energy import coefficients, parse_unit_expr
from ecer.units import Q_, parse_unit

PERFORMANCE_SCHEMA: dict[str, pl.DataType] = {
    "unit_id": pl.String(),
    "enterprise": pl.String(),
    "region": pl.String(),
    "field": pl.String(),
    "sub_category": pl.String(),
    "year": pl.Int64(),
    "capacity": pl.Float64(),
    "capacity_unit": pl.String(),
    "output": pl.Float64(),
    "unit_energy": pl.Float64(),
    "upgradable": pl.Boolean(),
}
DIFFER_TOLERANCE = 0.05  # reported vs computed unit energy: warn above 5 %


def carrier_factors() -> dict[str, tuple[float, str]]:
    """Template carrier column → (tce per template unit, the coefficient's basis and source), from the catalog's
    coal_coefficients (GB/T 2589 附录A).

    >>> f = carrier_factors()
    >>> round(f["raw_coal"][0], 4), round(f["electricity"][0], 4)
    (0.7143, 0.1229)
    """
    known = coefficients()
    out = {}
    for col, (energy, unit) in CARRIERS.items():
        c = known[energy]
        assert c.value is not None
        per = float((Q_(1, parse_unit(unit)) * Q_(c.value, parse_unit_expr(c.unit))).to("tce").magnitude)
        out[col] = (per, f"{c.basis}; {c.source}")
    return out


def comprehensive_tce(frame: pl.DataFrame) -> pl.Series:
    """Comprehensive energy per row [tce]: E = Σ_i q_i × k_i + other_energy (GB/T 2589-2020 §4).

    q_i in the template's carrier units (t, m3, MWh, GJ), k_i in tce per that unit from the catalog's
    coal_coefficients (GB/T 2589 附录A; electricity at its calorific value); other_energy already in tce. Null where
    the row gives no carrier at all; an empty carrier cell counts 0 when another is given.
    """
    factors = carrier_factors()
    cols = [c for c in (*CARRIERS, "other_energy") if c in frame.columns]
    terms = [pl.col(c) * factors[c][0] if c in factors else pl.col(c) for c in cols]
    any_given = pl.any_horizontal([pl.col(c).is_not_null() for c in cols]) if cols else pl.lit(False)
    total = pl.sum_horizontal([t.fill_null(0.0) for t in terms]) if cols else pl.lit(None, dtype=pl.Float64)
    return frame.select(
        pl.when(any_given).then(total).otherwise(None).alias("comprehensive_energy")
    ).to_series()


@dataclass(frozen=True)
class IndicatorUnit:
    """An indicator unit split at its first ``/``: the energy part (pint) and the denominator (pint, or a label
    such as 重量箱 or (t·能量因数) that pint does not know)."""

    label: str
    energy: pint.Quantity
    per: pint.Quantity | None
    per_label: str

    @classmethod
    def parse(cls, label: str) -> IndicatorUnit | None:
        if "/" not in label:
            return None
        num, den = label.split("/", 1)
        energy = compound_unit(num)
        if energy is None:
            return None
        return cls(label, energy, compound_unit(den.strip("()（）")), den)

    def from_tce(self, tce: float, output: float, output_unit: str) -> float | None:
        """``tce`` over ``output`` (in ``output_unit``; empty = the denominator) in this unit; None if the output unit
        does not convert."""
        energy = float((Q_(tce, "tce") / self.energy).to("dimensionless").magnitude)
        if not output_unit or output_unit == self.per_label:
            return energy / output
        if self.per is None:
            return None
        q = compound_unit(output_unit)
        if q is None:
            return None
        try:
            ratio = float((q / self.per).to("dimensionless").magnitude)
        except pint.DimensionalityError:
            return None
        return energy / (output * ratio)


def convert_value(value: float, unit: str, target: str) -> float | None:
    """``value`` in ``unit`` expressed in ``target`` (both indicator-style units); None when they do not convert."""
    if not unit or unit == target:
        return value
    a, b = IndicatorUnit.parse(unit), IndicatorUnit.parse(target)
    if a is None or b is None or a.per is None or b.per is None:
        return None
    try:
        return float((Q_(value) * a.energy / a.per / (b.energy / b.per)).to("dimensionless").magnitude)
    except pint.DimensionalityError:
        return None


def basis_window(benchmark: float, baseline: float) -> tuple[float, float]:
    """The plausible window of a unit energy (see the module docstring).

    >>> basis_window(100, 117), basis_window(-30, -10)
    ((50.0, 234.0), (-90.0, 50.0))
    """
    lo, hi = float(min(benchmark, baseline)), float(max(benchmark, baseline))
    if lo > 0:
        return 0.5 * lo, 2.0 * hi
    w = max(abs(lo), abs(hi))
    return lo - 2 * w, hi + 2 * w


def _hint(value: float, window: tuple[float, float]) -> tuple[str, str]:
    for factor, zh, en in (
        (
            1e3,
            "÷1000 后在区间内：可能把 kgce 写成了 gce，或 tce/t 与 kgce/t 混用",
            "÷1000 falls inside: perhaps gce for kgce, or tce/t mixed with kgce/t",
        ),
        (
            1e-3,
            "×1000 后在区间内：可能按 tce/t 填报（应为 kgce/t）",
            "×1000 falls inside: perhaps entered in tce/t instead of kgce/t",
        ),
        (1e4, "÷10000 后在区间内：可能是 万吨/吨 之类的单位错误", "÷10000 falls inside: a 万/1 slip"),
        (1e-4, "×10000 后在区间内：可能是 万吨/吨 之类的单位错误", "×10000 falls inside: a 万/1 slip"),
    ):
        v = value / factor
        if window[0] <= v <= window[1]:
            return zh, en
    return (
        "不像单位换算错误，可能是口径不同（如熟料与可比熟料、按产品与按能量因数、含与不含外购能源）或填错了细分类别",
        "not a unit slip: perhaps another basis (clinker vs comparable clinker, per product vs per energy factor, with or without purchased energy) or the wrong sub-category",
    )


def _n(v: float) -> str:
    return f"{v:.6g}"


def known_units(store: Any = None, extra: pl.DataFrame | None = None) -> pl.DataFrame:
    """Production units a performance file may name: the store's and ``extra``'s (the same load; they win)."""
    cols = ["unit_id", "field", "sub_category"]
    parts = []
    if extra is not None:
        parts.append(extra.select(cols))
    if store is not None:
        parts.append(store.current("production_units").select(cols))
    if not parts:
        return pl.DataFrame(schema={c: pl.String for c in cols})
    return pl.concat(parts).unique("unit_id", keep="first", maintain_order=True)


def check_enterprises(
    frame: pl.DataFrame,
    rows: list[int],
    *,
    file: str,
    header: str,
    store: Any = None,
    extra: pl.DataFrame | None = None,
) -> list[Finding]:
    """E_ENTERPRISE_UNKNOWN for each production unit whose enterprise is neither stored nor in ``extra``."""
    known: set[str] = set()
    if store is not None:
        known |= set(store.current("enterprises")["credit_code"].to_list())
    if extra is not None:
        known |= set(extra["credit_code"].to_list())
    return [
        make(
            "E_ENTERPRISE_UNKNOWN", location=Location(file=file, row=r, column=header), value=code, unit=unit
        )
        for r, code, unit in zip(
            rows, frame["credit_code"].to_list(), frame["unit_id"].to_list(), strict=True
        )
        if code not in known
    ]


def enrich_performance(
    frame: pl.DataFrame,
    rows: list[int],
    *,
    file: str,
    headers: dict[str, str],
    store: Any = None,
    extra_units: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Check a validated unit_performance frame against the units and the catalog; fill ``unit_energy`` (in the
    indicator's unit), ``unit_energy_unit``, ``comprehensive_energy`` [tce] and ``energy_source``.

    Errors: the unit is unknown; the unit energy unit or the output unit does not convert. Warnings: the reported
    and computed unit energy differ by more than 5 %; the value is outside the basis window.
    """
    units = {r["unit_id"]: r for r in known_units(store, extra_units).iter_rows(named=True)}
    indicators = {
        (r["field_key"], r["sub_category"]): r for r in unit_catalog.indicator_table().iter_rows(named=True)
    }
    tce = comprehensive_tce(frame).to_list()
    out_energy: list[float | None] = []
    out_unit: list[str] = []
    source: list[str] = []
    found: list[Finding] = []

    def loc(row: int, col: str) -> Location:
        return Location(file=file, row=row, column=headers.get(col, col))

    for i, r in enumerate(frame.iter_rows(named=True)):
        row = rows[i]
        unit = units.get(r["unit_id"])
        if unit is None:
            found.append(make("E_UNIT_UNKNOWN", location=loc(row, "unit_id"), value=r["unit_id"]))
            out_energy.append(r["unit_energy"])
            out_unit.append(r["unit_energy_unit"] or "")
            source.append("reported" if r["unit_energy"] is not None else "carriers")
            continue
        ind = indicators.get((unit_catalog.field_key(unit["field"]), unit["sub_category"]))
        target = ind["unit"] if ind else (r["unit_energy_unit"] or "kgce/t")
        parsed = IndicatorUnit.parse(target)
        computed = None
        if tce[i] is not None and parsed is not None:
            computed = parsed.from_tce(tce[i], r["output"], r["output_unit"] or "")
            if computed is None:
                found.append(
                    make(
                        "E_UNIT_INVALID",
                        location=loc(row, "output_unit"),
                        column=headers.get("output_unit", "output_unit"),
                        value=r["output_unit"],
                        expected=parsed.per_label,
                    )
                )
        reported = None
        if r["unit_energy"] is not None:
            reported = convert_value(r["unit_energy"], r["unit_energy_unit"] or "", target)
            if reported is None:
                found.append(
                    make(
                        "E_UNIT_INVALID",
                        location=loc(row, "unit_energy_unit"),
                        column=headers.get("unit_energy_unit", "unit_energy_unit"),
                        value=r["unit_energy_unit"],
                        expected=target,
                    )
                )
        value = reported if reported is not None else computed
        out_energy.append(value)
        out_unit.append(target)
        source.append("reported" if r["unit_energy"] is not None else "carriers")
        where = {"unit": r["unit_id"], "period": r["period"]}
        if (
            reported is not None
            and computed is not None
            and computed != 0
            and abs(reported - computed) > DIFFER_TOLERANCE * abs(computed)
        ):
            found.append(
                make(
                    "W_UNIT_ENERGY_DIFFERS",
                    location=loc(row, "unit_energy"),
                    **where,
                    reported=_n(reported),
                    computed=_n(computed),
                    unit_label=target,
                    diff=f"{abs(reported - computed) / abs(computed):.1%}",
                )
            )
        if value is not None and ind is not None and math.isfinite(value):
            window = basis_window(ind["benchmark_value"], ind["baseline_value"])
            if not window[0] <= value <= window[1]:
                hint_zh, hint_en = _hint(value, window)
                found.append(
                    make(
                        "W_UNIT_ENERGY_BASIS",
                        location=loc(row, "unit_energy" if reported is not None else "output"),
                        **where,
                        field=unit["field"],
                        sub_category=unit["sub_category"],
                        value=_n(value),
                        unit_label=target,
                        window=f"[{_n(window[0])}, {_n(window[1])}]",
                        benchmark=_n(ind["benchmark_value"]),
                        baseline=_n(ind["baseline_value"]),
                        edition=ind["edition"],
                        basis=ind["basis"],
                        hint_zh=hint_zh,
                        hint=hint_en,
                        source=source[-1],
                    )
                )
    enriched = frame.with_columns(
        pl.Series("unit_energy", out_energy, dtype=pl.Float64),
        pl.Series("unit_energy_unit", out_unit, dtype=pl.String),
        pl.Series("comprehensive_energy", tce, dtype=pl.Float64),
        pl.Series("energy_source", source, dtype=pl.String),
    )
    return enriched, found


def _years(perf: pl.DataFrame) -> pl.DataFrame:
    """Yearly rows as they are; months summed into a year only when all 12 are there and no yearly row exists:
    output = Σ output, unit energy = Σ(unit energy × output) / Σ output."""
    kinds = [Period.parse(p) for p in perf["period"].to_list()]
    perf = perf.with_columns(
        pl.Series("_kind", [k.kind for k in kinds]),
        pl.Series("year", [k.year for k in kinds], dtype=pl.Int64),
    )
    yearly = perf.filter(pl.col("_kind") == "Y").select("unit_id", "year", "output", "unit_energy")
    months = (
        perf.filter(pl.col("_kind") == "M")
        .group_by("unit_id", "year")
        .agg(
            pl.len().alias("_n"),
            pl.col("output").sum(),
            ((pl.col("unit_energy") * pl.col("output")).sum() / pl.col("output").sum()).alias("unit_energy"),
        )
        .filter(pl.col("_n") == 12)
        .drop("_n")
        .join(yearly.select("unit_id", "year"), on=["unit_id", "year"], how="anti")
    )
    return pl.concat([yearly, months.select(yearly.columns)])


def incomplete_years(store: Any) -> pl.DataFrame:
    """The unit-years ``performance_frame`` leaves out: monthly rows only, fewer than 12 months (unit_id, year,
    months = the months present, e.g. [1, 2, 3]) — so a report can say which units lack a full year."""
    perf = store.current("unit_performance").select("unit_id", "period")
    schema = {"unit_id": pl.String(), "year": pl.Int64(), "months": pl.List(pl.Int64())}
    if perf.is_empty():
        return pl.DataFrame(schema=schema)
    parsed = [Period.parse(p) for p in perf["period"].to_list()]
    f = perf.with_columns(
        pl.Series("kind", [p.kind for p in parsed]),
        pl.Series("year", [p.year for p in parsed], dtype=pl.Int64),
        pl.Series("month", [p.index for p in parsed], dtype=pl.Int64),
    )
    yearly = f.filter(pl.col("kind") == "Y").select("unit_id", "year")
    months = (
        f.filter(pl.col("kind") == "M")
        .group_by("unit_id", "year")
        .agg(pl.col("month").sort().alias("months"))
        .filter(pl.col("months").list.len() < 12)
        .join(yearly, on=["unit_id", "year"], how="anti")
    )
    return months.select([pl.col(c).cast(t) for c, t in schema.items()]).sort("unit_id", "year")


def performance_frame(store: Any, edition: str | None = None, year: int | None = None) -> pl.DataFrame:
    """The units' yearly performance, as the benchmark classification reads it.

    Columns (exactly): unit_id, enterprise (credit code), region (the enterprise's region code), field, sub_category,
    year, capacity, capacity_unit, output, unit_energy (in the indicator's unit), upgradable (bool). A year comes
    from a yearly row, or from 12 monthly rows (output-weighted); a year with fewer months is left out
    (:func:`incomplete_years` lists them).
    ``edition``: unit_energy is expressed in that edition's indicator unit where the edition has the unit's row
    (stored values are in the unit of the newest edition at load time). ``year``: only that year.
    """
    perf = store.current("unit_performance")
    if perf.is_empty():
        return pl.DataFrame(schema=PERFORMANCE_SCHEMA)
    units = store.current("production_units")
    ents = store.current("enterprises").select("credit_code", pl.col("region_code").alias("region"))
    stored_unit = perf.select("unit_id", "unit_energy_unit").unique("unit_id", keep="last")
    years = _years(perf)
    if year is not None:
        years = years.filter(pl.col("year") == year)
    out = years.join(
        units.select(
            "unit_id",
            pl.col("credit_code").alias("enterprise"),
            "field",
            "sub_category",
            "capacity",
            "capacity_unit",
            (pl.col("upgradable") == "yes").alias("upgradable"),
        ),
        on="unit_id",
        how="inner",
    ).join(ents, left_on="enterprise", right_on="credit_code", how="left")
    if edition is not None:
        lv = unit_catalog.levels(edition).select("field_key", "sub_category", pl.col("unit").alias("_target"))
        out = (
            out.with_columns(
                pl.col("field")
                .map_elements(unit_catalog.field_key, return_dtype=pl.String)
                .alias("field_key")
            )
            .join(stored_unit, on="unit_id", how="left")
            .join(lv, on=["field_key", "sub_category"], how="left")
        )
        converted = [
            convert_value(v, u or "", t) if (v is not None and t) else v
            for v, u, t in zip(out["unit_energy"], out["unit_energy_unit"], out["_target"], strict=True)
        ]
        out = out.with_columns(
            pl.Series(
                "unit_energy",
                [c if c is not None else v for c, v in zip(converted, out["unit_energy"], strict=True)],
                dtype=pl.Float64,
            )
        )
    return out.select([pl.col(c).cast(t) for c, t in PERFORMANCE_SCHEMA.items()]).sort("unit_id", "year")
