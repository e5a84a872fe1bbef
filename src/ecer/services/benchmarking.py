"""Use case: benchmark production units under one edition of the benchmark table, in one call.

Loads the edition (shipped or user, :mod:`ecer.refdata`), the field list and the retrofit guides' technologies and
targets, then runs :mod:`ecer.core.benchmark`: classes, shares (against the > 30 % goal and each guide's target),
below-baseline capacity with deadlines, the retrofit and exit lists, and every finding (gaps, missing values,
unverified reference rows). Re-running under another edition is the ``edition`` argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ecer import refdata
from ecer.core import benchmark as bm
from ecer.findings import Finding


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
