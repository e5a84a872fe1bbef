"""Use case: benchmark production units under one edition of the benchmark table, in one call.

Loads the edition (shipped or user, :mod:`ecer.refdata`), the field list and the retrofit guides' technologies and
targets, then runs :mod:`ecer.core.benchmark`: classes, shares (against the > 30 % goal and each guide's target),
below-baseline capacity with deadlines, the retrofit and exit lists, and every finding (gaps, missing values,
unverified reference rows). Re-running under another edition is the ``edition`` argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core import benchmark as bm
from ecer.findings import Finding, FindingsError, Location, make


@dataclass(frozen=True)
class BenchmarkResult:
    """Everything one benchmarking run produces; ``edition`` and ``levels_origin`` say what it was measured against."""

    edition: str
    levels_origin: str
    classified: pl.DataFrame
    shares: pl.DataFrame
    below_baseline: pl.DataFrame
    retrofit: pl.DataFrame
    exit: pl.DataFrame
    findings: list[Finding] = field(default_factory=list)


def benchmark_units(
    performance: pl.DataFrame, edition: str | None = None, goal_pct: float = bm.GOAL_PCT
) -> BenchmarkResult:
    """Benchmark ``performance`` (the contract of :mod:`ecer.core.benchmark.classify`) under ``edition`` (newest if
    None). ``levels_origin`` is ``shipped`` or the user edition's provenance."""
    levels = refdata.load("benchmark_levels", edition)
    m = levels.manifest
    fields = refdata.load("benchmark_fields").data
    technologies = refdata.load("retrofit_technologies_2022").data
    targets = bm.guide_targets(refdata.load("retrofit_capacity_shares_2022").data)
    classified = bm.classify_units(performance, levels.data, m.edition)
    findings = [*levels.findings, *bm.classification_findings(classified), *bm.share_findings(classified)]
    return BenchmarkResult(
        edition=m.edition,
        levels_origin="shipped" if m.origin == "shipped" else f"user: {m.provenance}",
        classified=classified,
        shares=bm.capacity_shares(classified, goal_pct, targets=targets),
        below_baseline=bm.below_baseline_capacity(classified),
        retrofit=bm.retrofit_list(classified, technologies, fields),
        exit=bm.exit_list(classified),
        findings=findings,
    )


def benchmark_store(
    store: Any,
    edition: str | None = None,
    year: int | None = None,
    region: str | None = None,
    field: str | None = None,
) -> BenchmarkResult:
    """Benchmark the units in ``store`` (:func:`ecer.services.benchmark_data.performance_frame`) under ``edition``,
    optionally only one ``year``, ``region`` (GB/T 2260 code of the enterprise) and benchmark ``field``.

    Raises ``FindingsError``: unknown edition or field (E_UNKNOWN_NAME), malformed or unknown region
    (E_REGION_MALFORMED / E_REGION_UNKNOWN), nothing to benchmark after the filters (E_NO_DATA). A run in which no
    unit could be classified (e.g. the 2023 edition without its rows) returns normally with the gap findings; the
    faces report it as a data problem (:func:`nothing_classified`).
    """
    from ecer.models.region import REGION_CODE_RE
    from ecer.services.benchmark_data import performance_frame

    levels = refdata.load("benchmark_levels", edition)  # unknown edition: FindingsError E_UNKNOWN_NAME
    if region is not None and not REGION_CODE_RE.match(region):
        raise FindingsError([make("E_REGION_MALFORMED", location=Location(column="region"), value=region)])
    if field is not None:
        known_fields = refdata.load("benchmark_fields").data["field"].to_list()
        if field not in known_fields:
            raise FindingsError(
                [
                    make(
                        "E_UNKNOWN_NAME",
                        location=Location(column="field"),
                        kind="能效标杆领域 / benchmark field",
                        value=field,
                        valid=", ".join(known_fields),
                    )
                ]
            )
    perf = performance_frame(store, levels.manifest.edition, year)
    if region is not None:
        known_regions = set(refdata.load("regions").data["region_code"].to_list()) | set(
            store.current("enterprises")["region_code"].to_list()
        )
        if region not in known_regions:
            raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region"), value=region)])
        perf = perf.filter(pl.col("region") == region)
    if field is not None:
        perf = perf.filter(pl.col("field") == field)
    if perf.is_empty():
        given = [(zh, en, v) for zh, en, v in (("年份", "year", year), ("地区", "region", region),
                                               ("领域", "field", field)) if v is not None]
        what_zh = "、".join(f"{zh} {v}" for zh, _, v in given)
        what_en = ", ".join(f"{en} {v}" for _, en, v in given)
        detail = (f"库中没有{what_zh}的装置能效数据 / no unit performance in the store for {what_en}" if given
                  else "库中没有装置能效数据 / no unit performance in the store")
        raise FindingsError([make("E_NO_DATA", detail=detail)])
    return benchmark_units(perf, levels.manifest.edition)


def nothing_classified(result: BenchmarkResult) -> bool:
    """True when not one unit got a class (every unit lacks a level or a value): not a success to report."""
    return not result.classified.filter(pl.col("level_class").is_in(list(bm.CLASSES))).height
