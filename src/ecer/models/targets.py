"""Dual-control targets of a region for a five-year plan, and its annual targets."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

TARGET_COLUMNS = [
    "region_code",
    "plan",
    "base_year",
    "target_year",
    "intensity_reduction_basic",
    "intensity_reduction_incentive",
    "gdp_growth_plan",
    "total_increment_cap",
    "source",
]
ANNUAL_TARGET_COLUMNS = ["region_code", "year", "intensity_reduction", "source"]

# Five-year plans: name → (base year, target year). A period of year y belongs to the plan with base < y ≤ target;
# the base year of one plan is the target year of the one before (2020 closes the 13th, opens the 14th).
PLANS: dict[str, tuple[int, int]] = {"12th": (2010, 2015), "13th": (2015, 2020), "14th": (2020, 2025),
                                      "15th": (2025, 2030)}


def plan_of_year(year: int) -> str | None:
    """The five-year plan a year belongs to (its years after the base year).

    >>> plan_of_year(2020), plan_of_year(2021), plan_of_year(2025), plan_of_year(2031)
    ('13th', '14th', '14th', None)
    """
    for name, (base, target) in PLANS.items():
        if base < year <= target:
            return name
    return None


class RegionTarget(BaseModel):
    """Five-year dual-control targets (发改环资〔2021〕1310号 第(四)条: basic and incentive targets).

    intensity_reduction_basic, intensity_reduction_incentive : fractions (0.135 = 13.5 %) [1]
    gdp_growth_plan : planned yearly GDP growth [1/yr], used to derive the allowed total growth
    total_increment_cap : five-year cap on the increment of assessed total consumption [tce], optional
    """

    model_config = ConfigDict(frozen=True)

    region_code: str
    plan: str = "14th"
    base_year: int = 2020
    target_year: int = 2025
    intensity_reduction_basic: float = Field(ge=0, lt=1)
    intensity_reduction_incentive: float | None = Field(None, ge=0, lt=1)
    gdp_growth_plan: float | None = None
    total_increment_cap: float | None = Field(None, ge=0)
    source: str = ""


class AnnualTarget(BaseModel):
    """A province's own annual intensity target, filed with NDRC (1310号 第(四)条)."""

    model_config = ConfigDict(frozen=True)

    region_code: str
    year: int
    intensity_reduction: float
    source: str = ""
