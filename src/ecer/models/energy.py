"""Regional energy data: the canonical columns and their units (DESIGN.md §3)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Canonical column → unit (as a ecer.units label). Units are fixed inside ECER; readers convert.
ENERGY_UNITS: dict[str, str] = {
    "total_energy": "tce",
    "feedstock_energy": "tce",
    "renewable_electricity": "MWh",
    "other_nonfossil_energy": "tce",
    "separately_listed_energy": "tce",
    "separately_listed_value_added": "yi_CNY",
    "gdp_constant": "yi_CNY",
}

# How a row's totals carry primary electricity (一次电力), and so how its renewable and non-fossil electricity is
# deducted: coal_equivalent = 等价值 / 发电煤耗计算法, as NBS energy statistics (the default); calorific = 当量值.
ELECTRICITY_BASES = ("coal_equivalent", "calorific")
DEFAULT_ELECTRICITY_BASIS = "coal_equivalent"

ENERGY_COLUMNS = [
    "region_code",
    "period",
    "total_energy",
    "feedstock_energy",
    "renewable_electricity",
    "other_nonfossil_energy",
    "separately_listed_energy",
    "separately_listed_value_added",
    "gdp_constant",
    "price_base_year",
    "electricity_basis",
    "electricity_coal_rate",
    "data_origin",
]

# Optional numeric columns default to zero when a file leaves them out entirely (never per cell:
# an empty cell in a present column is an error, so nothing a user typed is silently replaced).
OPTIONAL_ZERO = [
    "feedstock_energy",
    "renewable_electricity",
    "other_nonfossil_energy",
    "separately_listed_energy",
    "separately_listed_value_added",
]


class EnergyRecord(BaseModel):
    """One region-period of energy data.

    total_energy, feedstock_energy, other_nonfossil_energy, separately_listed_energy [tce];
    renewable_electricity [MWh]; gdp_constant, separately_listed_value_added [10⁸ CNY at the prices
    of ``price_base_year``]; electricity_basis: how total_energy carries primary electricity (等价值 by
    default, as NBS statistics); electricity_coal_rate [gce/kWh]: the year's coal rate of that basis, if the
    user supplies it (else the factor table's or the catalog's national value is used).
    """

    model_config = ConfigDict(frozen=True)

    region_code: str
    period: str
    total_energy: float = Field(ge=0)
    feedstock_energy: float = Field(0.0, ge=0)
    renewable_electricity: float = Field(0.0, ge=0)
    other_nonfossil_energy: float = Field(0.0, ge=0)
    separately_listed_energy: float = Field(0.0, ge=0)
    separately_listed_value_added: float = Field(0.0, ge=0)
    gdp_constant: float = Field(gt=0)
    price_base_year: int
    electricity_basis: Literal["coal_equivalent", "calorific"] = "coal_equivalent"
    electricity_coal_rate: float | None = Field(None, gt=0)  # the year's 发电煤耗 [gce/kWh], when supplied
    data_origin: str = "user"

    @model_validator(mode="after")
    def _feedstock_within_total(self) -> EnergyRecord:
        if self.feedstock_energy > self.total_energy:
            raise ValueError("feedstock_energy exceeds total_energy")
        return self
