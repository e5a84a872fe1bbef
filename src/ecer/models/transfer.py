"""Stored columns of the regional industrial-transfer tables (issue 9 §3; 工信部联政法〔2021〕215号).

``transfer_indicators``: one value per region, year and indicator, with its unit, direction (benefit: more is
better for the receiving region; cost: less is better; attribute: a region attribute such as a special-type
membership ``special:<type_id>``, not scored) and source. ``transfer_projects``: the key-project library
(产业转移重点项目库, 215号 八 "鼓励地方建立健全产业转移重点项目库"); every load appends a version (the store keeps the
history, ``ecer transfer history``).
"""

from __future__ import annotations

TRANSFER_INDICATOR_COLUMNS: list[str] = ["region_code", "year", "indicator_code", "name_zh", "value", "unit",
                                         "direction", "source", "notes", "data_origin"]
TRANSFER_INDICATOR_FLOATS: tuple[str, ...] = ("value",)
DIRECTIONS: tuple[str, ...] = ("benefit", "cost", "attribute")

PROJECT_NEEDS: tuple[str, ...] = ("energy_tce", "co2_t", "cod_t", "nh3n_t", "nox_t", "vocs_t", "jobs", "land_ha")
"""A project's needs: annual energy [tce], annual CO2 [t], annual pollutant emissions [t], jobs [persons], land [ha]."""
PROJECT_AMOUNTS: tuple[str, ...] = ("annual_output_value", "annual_tax")
"""Expected annual output value and tax [万元] (for the sharing schedule)."""
SHARE_COLUMNS: tuple[str, ...] = ("output_share_origin", "tax_share_origin", "land_share_origin")
TRANSFER_PROJECT_COLUMNS: list[str] = [
    "project_id", "name", "industry_code", "two_high", *PROJECT_NEEDS, "origin_region", "destination_region", "status",
    "agreement_start", "agreement_end", *SHARE_COLUMNS, *PROJECT_AMOUNTS, "notes", "data_origin",
]
TRANSFER_PROJECT_FLOATS: tuple[str, ...] = (*PROJECT_NEEDS, *PROJECT_AMOUNTS)
STATUSES: dict[str, tuple[str, str]] = {
    "intended": ("意向", "intended"), "signed": ("已签约", "signed"), "under_construction": ("在建", "under construction"),
    "operating": ("已投产", "operating"), "cancelled": ("已终止", "cancelled"),
}
POLLUTANT_NEEDS: dict[str, str] = {"cod_t": "COD", "nh3n_t": "NH3-N", "nox_t": "NOx", "vocs_t": "VOCs"}
