"""The ``sector_energy`` template's output and the store's ``sector_energy`` table (issue 9 §1).

One row per region, year and sector: the sector's energy consumption [tce], its value added [10⁸ CNY at the
constant prices of ``price_base_year``; empty for 居民生活, which has none], optionally its CO2 [t], and whether
the row is official, synthetic or the user's. Sector codes are the reference table ``lmdi_sectors``: the three
industries (primary, secondary, tertiary) or the GB/T 4754-2017 sections A–T, each scheme with or without
``household`` (居民生活).
"""

from __future__ import annotations

SECTOR_ENERGY_COLUMNS: list[str] = ["region_code", "year", "sector", "energy", "value_added", "price_base_year",
                                    "co2", "data_origin"]
"""Stored sector rows (table ``sector_energy``; key region_code, year, sector)."""

SECTOR_ENERGY_FLOATS: tuple[str, ...] = ("energy", "value_added", "co2")
SECTOR_TABLE = "lmdi_sectors"
"""The reference table of the sector codes."""
