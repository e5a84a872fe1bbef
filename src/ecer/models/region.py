"""Administrative regions (GB/T 2260 six-digit codes)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

RegionLevel = Literal["national", "province", "city", "county"]
REGION_CODE_RE = re.compile(r"^[0-9]{6}$")  # ASCII digits only: \d would also take １２００００
NATIONAL_CODE = "100000"  # GB/T 2260 has no national code; 100000 is the convention used by NBS/ECharts.

REGION_COLUMNS = ["region_code", "name_zh", "name_en", "level", "parent_code"]


def level_of(code: str) -> RegionLevel:
    """Level implied by a GB/T 2260 code: ``xx0000`` province, ``xxxx00`` city, otherwise county.

    >>> level_of("110000"), level_of("130100"), level_of("130102"), level_of("100000")
    ('province', 'city', 'county', 'national')
    """
    if code == NATIONAL_CODE:
        return "national"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


class Region(BaseModel):
    """One region. ``parent_code`` is empty for provinces (their parent is the nation)."""

    model_config = ConfigDict(frozen=True)

    region_code: str
    name_zh: str
    name_en: str = ""
    level: RegionLevel
    parent_code: str | None = None

    @field_validator("region_code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not REGION_CODE_RE.match(v):
            raise ValueError(f"region code {v!r} is not 6 digits (GB/T 2260)")
        return v
