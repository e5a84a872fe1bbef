"""Typed records (pydantic, frozen) and the canonical table schemas of ECER.

The glossary (DESIGN.md §3) is the single vocabulary: every reader maps its input columns onto
these names, every core function reads them.
"""

from ecer.models.energy import ENERGY_COLUMNS, ENERGY_UNITS, EnergyRecord
from ecer.models.factors import ELECTRICITY_FACTOR_COLUMNS
from ecer.models.region import REGION_COLUMNS, Region
from ecer.models.rules import RuleEdition
from ecer.models.targets import (
    ANNUAL_TARGET_COLUMNS,
    PLANS,
    TARGET_COLUMNS,
    AnnualTarget,
    RegionTarget,
    plan_of_year,
)

__all__ = [
    "ANNUAL_TARGET_COLUMNS",
    "ELECTRICITY_FACTOR_COLUMNS",
    "ENERGY_COLUMNS",
    "ENERGY_UNITS",
    "PLANS",
    "REGION_COLUMNS",
    "TARGET_COLUMNS",
    "AnnualTarget",
    "EnergyRecord",
    "Region",
    "RegionTarget",
    "RuleEdition",
    "plan_of_year",
]
