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
