"""Carbon dual control in the services: check and load the ``carbon_energy`` template, and the CO2 accounting and
intensity progress of the stored data (issue 8 §3; docs/carbon.md).

* :func:`carbon_file_findings` — the accounting checks a file must pass before it loads (the same for ``ecer carbon
  check``, ``ecer carbon load`` and ``ecer check``/``ecer load`` with the template): unknown carriers, units that do
  not convert, bad parameters and fuels whose NCV the table gives only as a range are errors; a missing grid factor
  depends on the year convention chosen when the progress is computed, so it is reported, not blocking;
* :func:`check_carbon_file`, :func:`load_carbon` — as the other templates (atomic, revisions need ``revise``);
* :func:`carbon_progress` — each stored row's CO2, the regions' totals, the CO2-intensity progress on the GDP of the
  ``energy`` table (annual periods, 亿元 at constant prices) and, where the dual-control assessment can run, the energy
  and carbon views side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.carbon import CarbonSettings, region_emissions, region_totals
from ecer.core.carbon.factors import co2_intensity_target, energy_intensity_target
from ecer.core.carbon.progress import carbon_progress as core_progress
from ecer.core.carbon.progress import energy_and_carbon
from ecer.findings import Finding, FindingsError, Location, make

TEMPLATE = "carbon_energy"
BLOCKING = frozenset({"E_CARBON_CARRIER_UNKNOWN", "E_CARBON_UNIT_INVALID", "E_CARBON_VALUE_INVALID",
                      "E_CARBON_FACTOR_RANGE"})
"""Accounting findings that stop a file from loading: they are about the file's own rows."""


def carbon_file_findings(frame: pl.DataFrame, *, file: str | None = None,
                         settings: CarbonSettings | None = None) -> list[Finding]:
    """The accounting findings of a validated ``carbon_energy`` frame; those in :data:`BLOCKING` are errors that
    keep it from loading, the others (a grid factor missing under the default convention, a medium-confidence
    default, a net export, feedstock left out) are reported as they are. Each names the file."""
    _, found = region_emissions(frame, settings=settings or CarbonSettings())
    if file:
        found = [f.model_copy(update={"location": Location(file=file)}) for f in found]
    return found


def blocks(findings: list[Finding]) -> bool:
    return any(f.code in BLOCKING for f in findings)


def check_carbon_file(path: Path | str, *, store: Any = None) -> Any:
    """Validate a ``carbon_energy`` file (no store change): the template's checks and the accounting's."""
    from ecer.services.loading import check_file

    return check_file(path, TEMPLATE, store=store)


def load_carbon(store: Any, path: Path | str, *, who: str | None = None, why: str = "", revise: bool = False) -> Any:
    """Validate and load a ``carbon_energy`` file atomically (see ``ecer.services.loading.load_files``)."""
    from ecer.services.loading import load_files

    return load_files(store, TEMPLATE, [Path(path)], who=who, why=why, revise=revise)


@dataclass
class CarbonResult:
    """CO2 by row (``EMISSION_COLUMNS``), by region and year (``TOTAL_COLUMNS``), the intensity progress
    (``PROGRESS_COLUMNS``), the energy and carbon views side by side (``SIDE_COLUMNS``; empty when the dual-control
    assessment cannot run), the findings, and what was used (settings, target, sources)."""

    rows: pl.DataFrame
    totals: pl.DataFrame
    progress: pl.DataFrame
    side: pl.DataFrame
    findings: list[Finding]
    meta: dict[str, Any] = field(default_factory=dict)


def _gdp(store: Any) -> pl.DataFrame:
    """Constant-price GDP [亿元] by region and year from the ``energy`` table: the annual rows, and for a year stored
    only as months, the sum of its 12 months (a year with fewer months has none: ``E_CARBON_GDP_MISSING``)."""
    schema = {"region_code": pl.String, "year": pl.Int64, "gdp": pl.Float64}
    e = store.current("energy")
    if e.is_empty():
        return pl.DataFrame(schema=schema)
    e = e.select(pl.col("region_code").cast(pl.String), pl.col("period").cast(pl.String),
                 pl.col("gdp_constant").cast(pl.Float64))
    annual = e.filter(pl.col("period").str.contains(r"^\d{4}$")).select(
        "region_code", pl.col("period").cast(pl.Int64).alias("year"), pl.col("gdp_constant").alias("gdp"))
    months = (e.filter(pl.col("period").str.contains(r"^\d{4}-\d{2}$"))
              .with_columns(year=pl.col("period").str.slice(0, 4).cast(pl.Int64))
              .group_by("region_code", "year")
              .agg(gdp=pl.col("gdp_constant").sum(), n=pl.col("period").n_unique(),
                   nulls=pl.col("gdp_constant").null_count())
              .filter((pl.col("n") == 12) & (pl.col("nulls") == 0)).select("region_code", "year", "gdp"))
    return pl.concat([annual, months.join(annual, on=["region_code", "year"], how="anti")]).select(
        [pl.col(k).cast(v) for k, v in schema.items()])


def _energy_for_intensity(store: Any, region: str | None) -> tuple[pl.DataFrame, list[Finding]]:
    from ecer.services.dual_control import assess

    try:
        res = assess(store=store, region=region)
    except FindingsError as exc:
        return pl.DataFrame(schema={"region_code": pl.String, "year": pl.Int64, "energy": pl.Float64}), exc.findings
    # the assessment's own intensities (its exclusions, its GDP), plan years and the base year (intensity_base)
    t = res.table.filter((pl.col("period_kind") == "Y") & (pl.col("plan") == "14th"))
    base_year = energy_intensity_target().base_year
    # the assessment's own progress and grades, as is (its cumulative reduction chains across the editions that
    # rebase the base year; re-tracking the levels against the first base would contradict the assessment)
    plan = t.select("region_code", pl.col("year").cast(pl.Int64), pl.col("energy_for_intensity").alias("energy"),
                    pl.col("intensity").alias("energy_intensity"),
                    pl.col("intensity_change_yoy").alias("energy_change_yoy"),
                    pl.col("intensity_reduction_cumulative").alias("energy_reduction_cumulative"),
                    pl.col("required_reduction_cumulative").alias("energy_required_cumulative"),
                    pl.col("progress_ratio").alias("energy_progress_ratio"),
                    (pl.col("intensity_reduction_cumulative") >= pl.col("required_reduction_cumulative"))
                    .alias("energy_on_pace"),
                    pl.col("intensity_grade").cast(pl.Int8).alias("energy_grade"),
                    pl.col("intensity_color").cast(pl.Utf8).alias("energy_color"))
    base = t.group_by("region_code").agg(pl.col("intensity_base").drop_nulls().first().alias("energy_intensity")
                                         ).with_columns(year=pl.lit(base_year, pl.Int64),
                                                        energy=pl.lit(None, pl.Float64),
                                                        energy_change_yoy=pl.lit(None, pl.Float64),
                                                        energy_reduction_cumulative=pl.lit(0.0),
                                                        energy_required_cumulative=pl.lit(None, pl.Float64),
                                                        energy_progress_ratio=pl.lit(None, pl.Float64),
                                                        energy_on_pace=pl.lit(None, pl.Boolean),
                                                        energy_grade=pl.lit(None, pl.Int8),
                                                        energy_color=pl.lit("grey"))
    return pl.concat([base.select(plan.columns), plan]).unique(["region_code", "year"], keep="last"), []


def carbon_progress(store: Any, *, settings: CarbonSettings | None = None, region: str | None = None,
                    with_side: bool = True) -> CarbonResult:
    """The stored ``carbon_energy`` rows accounted and tracked against the national CO2-intensity target.

    ``with_side=False``: no energy view beside the carbon one (``side`` empty), so no dual-control assessment is run (the
    transfer matching reads the progress only and assesses dual control itself, once).

    Raises ``FindingsError`` (E_NO_DATA) when the store has no carbon_energy rows (for the region)."""
    settings = settings or CarbonSettings()
    data = store.current(TEMPLATE, **({"region_code": region} if region else {}))
    if data.is_empty():
        raise FindingsError([make("E_NO_DATA", detail=(f"没有 {region} 的分品种能源消费数据 / no carbon_energy rows for "
                                                      f"{region}" if region else "没有分品种能源消费数据（carbon_energy）/ "
                                                      "no carbon_energy rows"))])
    rows, findings = region_emissions(data, settings=settings)
    totals = region_totals(rows)
    gdp = _gdp(store)
    target = co2_intensity_target()
    progress, f2 = core_progress(totals, gdp, target)
    energy, f3 = _energy_for_intensity(store, region) if with_side else (pl.DataFrame(), [])
    side = pl.DataFrame()
    f4: list[Finding] = []
    if not energy.is_empty():
        side, f4 = energy_and_carbon(energy, totals, gdp, energy_target=energy_intensity_target(),
                                     carbon_target=target)
        f4 = [f for f in f4 if f not in f2]
    meta = {"grid_year_lag": settings.grid_year_lag, "grid_scope": settings.grid_scope,
            "convention": settings.convention(), "target": target.model_dump(mode="json"),
            "pace": "even geometric pace R_t = 1 − (1 − T)^(t/n) [C]",
            "data_origin": sorted(set(data["data_origin"].drop_nulls().to_list())) if "data_origin" in data.columns
            else []}
    return CarbonResult(rows=rows, totals=totals, progress=progress, side=side,
                        findings=findings + f2 + [f for f in f3 if f.code != "E_NO_DATA"] + f4, meta=meta)
