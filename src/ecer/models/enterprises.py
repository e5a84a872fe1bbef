"""Enterprises, their production units and the units' performance: canonical columns (issue 7 §1).

* ``enterprises``: one row per unified social credit code (统一社会信用代码, GB 32100-2015).
* ``production_units``: one row per production unit (装置/生产线), in one benchmark field and sub-category.
* ``unit_performance``: one row per unit and period (a year ``2023`` or a month ``2023-07``): output and the
  unit-product energy in the indicator's own unit — reported, or computed from the energy used by carrier
  (GB/T 2589: Σ quantity × coefficient ÷ output).

Flags are stored as the text ``yes`` / ``no`` (the store's types are text and numbers); ``performance_frame``
turns ``upgradable`` into a bool.
"""

from __future__ import annotations

ENTERPRISE_COLUMNS = [
    "credit_code",
    "name",
    "region_code",
    "industry_code",
    "key_energy_user",
]

PRODUCTION_UNIT_COLUMNS = [
    "unit_id",
    "credit_code",
    "unit_name",
    "field",
    "sub_category",
    "capacity",
    "capacity_unit",
    "start_year",
    "upgradable",
]

#: Energy carriers of the performance template: column → (coal_coefficients energy name, canonical unit).
#: Electricity is taken at its calorific value (当量值, 0.1229 kgce/kWh, GB/T 2589), as the unit-product energy
#: limit standards behind the benchmark levels count it.
CARRIERS: dict[str, tuple[str, str]] = {
    "raw_coal": ("原煤", "t"),
    "washed_coal": ("洗精煤", "t"),
    "coke": ("焦炭", "t"),
    "fuel_oil": ("燃料油", "t"),
    "diesel": ("柴油", "t"),
    "natural_gas": ("气田天然气", "m3"),
    "electricity": ("电力 (当量值)", "MWh"),
    "heat": ("热力", "GJ"),
}

UNIT_PERFORMANCE_COLUMNS = [
    "unit_id",
    "period",
    "output",
    "output_unit",
    "unit_energy",
    "unit_energy_unit",
    *CARRIERS,
    "other_energy",
    "comprehensive_energy",
    "energy_source",
]

#: ``energy_source``: where ``unit_energy`` comes from.
ENERGY_SOURCES = ("reported", "carriers")
