"""Benchmarking production units against the 标杆 / 基准 levels (能效标杆水平和基准水平) of an edition.

Pure functions over polars frames and numbers: :func:`classify_units` (class, gaps, savings), then
:func:`capacity_shares`, :func:`below_baseline_capacity`, :func:`retrofit_list` and :func:`exit_list` over its result.
"""

from __future__ import annotations

from ecer.core.benchmark.classify import classification_findings, classify_units, tce_factor
from ecer.core.benchmark.formulas import (
    BELOW_BASELINE,
    BENCHMARK,
    BETWEEN,
    CLASSES,
    NO_LEVEL,
    NO_VALUE,
    class_rank,
    classify_value,
    gap_percent,
    gap_to_level,
    saving_if_at_level,
)
from ecer.core.benchmark.lists import exit_list, retrofit_list, technology_paths
from ecer.core.benchmark.shares import (
    GOAL_PCT,
    below_baseline_capacity,
    capacity_shares,
    guide_targets,
    share_findings,
)

__all__ = [
    "BELOW_BASELINE",
    "BENCHMARK",
    "BETWEEN",
    "CLASSES",
    "GOAL_PCT",
    "NO_LEVEL",
    "NO_VALUE",
    "below_baseline_capacity",
    "capacity_shares",
    "class_rank",
    "classification_findings",
    "classify_units",
    "classify_value",
    "exit_list",
    "gap_percent",
    "gap_to_level",
    "guide_targets",
    "retrofit_list",
    "saving_if_at_level",
    "share_findings",
    "tce_factor",
    "technology_paths",
]
