"""Carbon dual control (碳排放双控): the carriers, their uses, and the columns of the frames the carbon core
(:mod:`ecer.core.carbon`) reads and writes.

CO2 is in tonnes (tCO2) throughout the core; activities in the unit the factor is per (t, 10⁴ m³, MWh, GJ), converted
with :mod:`ecer.units` from whatever unit the user gives; GDP in 10⁸ CNY at constant prices of one base year, as the
energy core takes it (:mod:`ecer.core.dual_control.formulas`).
"""

from __future__ import annotations

import polars as pl

ELECTRICITY = "电力"
"""Purchased electricity: a region's net import (调入 − 调出), or an enterprise's 净购入电量 [MWh]."""
HEAT = "热力"
"""Purchased heat (净购入热力) [GJ]."""

NON_FOSSIL: dict[str, tuple[str, str]] = {
    "水电": ("水力发电", "hydropower"),
    "风电": ("风力发电", "wind power"),
    "太阳能发电": ("太阳能发电", "solar power"),
    "核电": ("核能发电", "nuclear power"),
    "生物质能": ("生物质能", "biomass energy"),
    "地热能": ("地热能", "geothermal energy"),
    "一次电力": ("一次电力（非化石）", "primary (non-fossil) electricity"),
    "非化石能源": ("非化石能源（合计）", "non-fossil energy (total)"),
}
"""Non-fossil carriers: no combustion CO2 is counted for them. Rule: their fuel carbon is not fossil (IPCC 2006 Vol. 2
reports biomass CO2 as a memo item) and power without fuel has none; 《福建省2020年度碳排放配额分配实施方案》: "可再生能源、余热发电
排放因子为0"; on the energy side the 2024-02-02 NDRC/NBS/NEA notice on green certificates: "非化石能源不纳入
能源消耗总量和强度调控" (METHODS §6.1–§6.2). A user's own name for a non-fossil carrier must be one of these."""

USES: dict[str, tuple[str, str]] = {
    "fuel": ("燃料、动力用能", "fuel and power"),
    "feedstock": ("原料用能", "feedstock (non-energy use)"),
}
"""How a carrier was used. Feedstock (原料用能: coal, oil and gas made into olefins, aromatics, alcohols, ammonia …,
发改环资〔2022〕803号) keeps its carbon in the product and is accounted separately, with no combustion CO2
(METHODS §6.2: "feedstock carbon that stays in products is excluded by accounting for non-energy use separately")."""

METHODS_ZH: dict[str, str] = {
    "combustion": "化石燃料燃烧",
    "electricity": "外购电力",
    "heat": "外购热力",
    "non_fossil": "非化石能源（不计排放）",
    "feedstock_excluded": "原料用能（不计燃烧排放）",
}
"""How each row's CO2 was counted, in Chinese (reports and terminals)."""

ENERGY_SCHEMA: dict[str, pl.DataType] = {
    "region_code": pl.Utf8(),
    "year": pl.Int64(),
    "carrier": pl.Utf8(),
    "use": pl.Utf8(),
    "quantity": pl.Float64(),
    "unit": pl.Utf8(),
}
"""Energy consumed by a region in a year, by carrier and use, in the user's unit. Optional columns: ``ncv``
[GJ per the factor's activity unit], ``carbon_content`` [tC/GJ], ``oxidation`` [1] (measured values, taking the place
of the defaults), ``emission_factor`` [tCO2/MWh for 电力, tCO2/GJ for 热力] (a factor the user supplies, taking the place
of the grid or heat factor), ``grid_region`` (华北 …, for regional grid factors). ``use`` defaults to ``fuel``."""

EMISSION_COLUMNS: list[str] = [
    "region_code",
    "year",
    "carrier",
    "use",
    "quantity",
    "unit",
    "activity",
    "activity_unit",
    "method",
    "emission_factor",
    "factor_unit",
    "factor_year",
    "factor_source",
    "co2",
    "co2_excluded",
    "in_error",
]
"""One row per input row: the activity in the factor's unit, the method (:data:`METHODS_ZH`), the factor used
[tCO2 per activity unit] and its year and source, the CO2 counted [t], the CO2 left out as feedstock [t], and
whether the row could not be computed (``in_error``: its CO2 is null, never 0; a finding says why)."""

TOTAL_COLUMNS: list[str] = [
    "region_code",
    "year",
    "co2_combustion",
    "co2_electricity",
    "co2_heat",
    "co2",
    "co2_feedstock_excluded",
    "rows_in_error",
]
"""A region's CO2 in a year [t]: by method, the total, what feedstock left out, and the number of its rows that could
not be computed (the total is null when that number is not 0)."""

CARBON_ENERGY_COLUMNS: list[str] = [
    "region_code",
    "year",
    "carrier",
    "use",
    "quantity",
    "unit",
    "ncv",
    "carbon_content",
    "oxidation",
    "emission_factor",
    "grid_region",
    "data_origin",
]
"""The ``carbon_energy`` template's output and the store's ``carbon_energy`` table: one row per region, year, carrier
and use (the key), the quantity in the user's unit, and the optional measured or supplied parameters (NCV [GJ per the
factor's activity unit], carbon content [tC/GJ], oxidation [1], emission factor [tCO2/MWh or tCO2/GJ])."""
CARBON_ENERGY_FLOATS: list[str] = ["quantity", "ncv", "carbon_content", "oxidation", "emission_factor"]
