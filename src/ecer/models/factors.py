"""Electricity coal-equivalent factors a user supplies (a provincial statistics bureau's yearly 发电煤耗).

NBS energy statistics carry primary electricity at its coal-equivalent value (发电煤耗计算法): the year's
coal rate of thermal generation [gce/kWh]. Provincial bureaus publish their own; ECER ships the national
values it can source (catalog ``electricity_conversion``). A factor row for region ``100000`` applies to
every region of that year that has none of its own.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ELECTRICITY_FACTOR_COLUMNS = ["region_code", "year", "coal_rate", "rate", "source"]
FACTOR_UNITS = {"coal_rate": "gce/kWh"}


class ElectricityFactor(BaseModel):
    """One region-year's coal rate for converting electricity at the coal-equivalent value (等价值).

    coal_rate [gce/kWh]; rate: ``generation`` (发电煤耗, what NBS's 发电煤耗计算法 uses) or ``supply`` (供电煤耗).
    """

    model_config = ConfigDict(frozen=True)

    region_code: str
    year: int
    coal_rate: float = Field(gt=0)
    rate: Literal["generation", "supply"] = "generation"
    source: str = ""
