"""Two-high (两高) project checks: pure functions over a project's row, the benchmark catalog, the region's
dual-control position and the rules of ``refdata/two_high_rules`` (国发〔2021〕33号 四(三))."""

from ecer.core.projects.checks import Disposition, RegionPosition, check_project, suggest_disposition
from ecer.core.projects.headroom import Headroom, remaining_headroom
from ecer.core.projects.rules import Rule, TwoHighRules, load_rules

__all__ = [
    "Disposition",
    "Headroom",
    "RegionPosition",
    "Rule",
    "TwoHighRules",
    "check_project",
    "load_rules",
    "remaining_headroom",
    "suggest_disposition",
]
