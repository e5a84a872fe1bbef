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
