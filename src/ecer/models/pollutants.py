"""Pollutant total-emission control: the pollutants, the kinds of reduction measure, the columns of the frames the
core (:mod:`ecer.core.pollutants`) reads and writes.

Emissions and reductions are in tonnes (t) throughout the core; the official tables state 万吨 (10⁴ t), converted
with :mod:`ecer.units` where they are read.
"""

from __future__ import annotations

import polars as pl

POLLUTANTS: dict[str, tuple[str, str]] = {
    "COD": ("化学需氧量", "chemical oxygen demand"),
    "NH3-N": ("氨氮", "ammonia nitrogen"),
    "NOx": ("氮氧化物", "nitrogen oxides"),
    "VOCs": ("挥发性有机物", "volatile organic compounds"),
}
"""The four pollutants of the 14th-FYP total control (国发〔2021〕33号 二、主要目标), code → (Chinese, English)."""

MEASURE_KINDS: dict[str, tuple[str, str]] = {
    "engineering": ("工程减排", "engineering"),
    "structural": ("结构减排", "structural"),
    "management": ("管理减排", "management"),
}
"""The kinds of reduction of the 总量减排核算细则 (METHODS §3.2): ΔE_cut = R_engineering + R_structural + R_management."""

EMISSION_SCHEMA: dict[str, pl.DataType] = {
    "region_code": pl.Utf8(),
    "pollutant": pl.Utf8(),
    "year": pl.Int64(),
    "emissions": pl.Float64(),
}
"""A region's emissions of a pollutant in a year [t] (the base year's, or a reported year's)."""

INCREMENT_SCHEMA: dict[str, pl.DataType] = {
    "region_code": pl.Utf8(),
    "pollutant": pl.Utf8(),
    "year": pl.Int64(),
    "new_emissions": pl.Float64(),
}
"""New emissions (新增量) of a region, pollutant and year [t] (e.g. :func:`ecer.core.pollutants.accounting.
domestic_increment`)."""

MEASURE_SCHEMA: dict[str, pl.DataType] = {
    "region_code": pl.Utf8(),
    "pollutant": pl.Utf8(),
    "year": pl.Int64(),
    "measure_id": pl.Utf8(),
    "kind": pl.Utf8(),
    "reduction": pl.Float64(),
}
"""One reduction measure's reduction counted in a year [t], with its kind (:data:`MEASURE_KINDS`)."""


# --- the store's pollutant tables (issue 8 §1, the data path: templates → store → services) -----------------------
POLLUTANT_ALIASES: dict[str, str] = {
    "COD": "COD", "化学需氧量": "COD", "CODcr": "COD", "COD_Cr": "COD", "chemical oxygen demand": "COD",
    "NH3-N": "NH3-N", "氨氮": "NH3-N", "NH3N": "NH3-N", "NH₃-N": "NH3-N", "NH3_N": "NH3-N",
    "ammonia nitrogen": "NH3-N",
    "NOx": "NOx", "氮氧化物": "NOx", "NOₓ": "NOx", "nitrogen oxides": "NOx",
    "VOCs": "VOCs", "挥发性有机物": "VOCs", "VOC": "VOCs", "挥发性有机化合物": "VOCs",
    "volatile organic compounds": "VOCs",
}
"""Spellings a user may write for a pollutant → its code in :data:`POLLUTANTS` (matched after NFKC, case-folding
and removing spaces, as every template choice)."""

METHODS: dict[str, tuple[str, str]] = {
    "sewage_plant": ("污水处理厂", "sewage plant"),
    "efficiency_raise": ("治理设施效率提升", "treatment efficiency raise"),
    "closure": ("关停淘汰", "closure"),
    "management": ("管理减排", "management"),
    "reported": ("直接填报", "reported"),
}
"""The accounting methods of a measure (:mod:`ecer.core.pollutants.measures`), code → (Chinese, English)."""

MEASURE_INPUTS: tuple[str, ...] = (
    "volume_m3", "c_in_mg_l", "c_out_mg_l", "removed_prev_t", "generated_t", "eta", "eta_prev", "run", "run_prev",
    "prev_emissions_t", "current_emissions_t", "annual_reduction_t", "stable_year", "stable_month", "reduction_t",
)
"""The physical inputs of the methods, as :mod:`ecer.core.pollutants.measures` names them (each row fills those of
its method)."""

_NOTES = ["source", "notes", "data_origin"]
POLLUTANT_EMISSION_COLUMNS: list[str] = ["region_code", "pollutant", "year", "emissions", *_NOTES]
"""Stored regional emissions [t] (table ``pollutant_emissions``; key region, pollutant, year)."""
POLLUTANT_MEASURE_COLUMNS: list[str] = ["region_code", "pollutant", "year", "measure_id", "method", "kind",
                                        *MEASURE_INPUTS, *_NOTES]
"""Stored reduction measures with their method's inputs (table ``pollutant_measures``; key region, pollutant,
year, measure)."""
INCREMENT_INPUTS: tuple[str, ...] = ("urban_population", "urban_population_prev", "per_capita_g_d")
"""The inputs of a domestic increment (:func:`ecer.core.pollutants.accounting.domestic_increment`): urban resident
population this year and the year before [persons], per-capita generation coefficient [g/(person·d)]."""
POLLUTANT_INCREMENT_COLUMNS: list[str] = ["region_code", "pollutant", "year", "new_emissions", *INCREMENT_INPUTS,
                                          *_NOTES]
"""Stored new emissions [t] (table ``pollutant_increments``; key region, pollutant, year): given, or from the
population inputs (then ``new_emissions`` is empty and the service computes it)."""
POLLUTANT_TARGET_COLUMNS: list[str] = ["region_code", "pollutant", "base_year", "target_year", "target_reduction",
                                       "key_project_reduction", "source"]
"""Stored regional targets (table ``pollutant_targets``; key region, pollutant, base year): target_reduction [1]
(0.08 = −8 %), key_project_reduction [t]; either may be empty, not both."""
