"""Table layouts of the store: canonical columns (from ``ecer.models``), their types and keys.

Every data table holds the model's columns plus five bookkeeping columns (``BOOKKEEPING``):
``version`` (1, 2, … per key), ``load_id`` (the load that wrote the row), ``valid_from`` (UTC time of
that load), ``changed_by`` and ``reason`` (who loaded it and why). The ``loads`` table has one row per
committed load.

>>> spec = TABLES["energy"]
>>> spec.key, spec.columns[:2]
(('region_code', 'period'), ('region_code', 'period'))
>>> sorted(TABLES)[:5]
['annual_targets', 'carbon_energy', 'electricity_factors', 'energy', 'enterprises']
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.datatypes as dt
import polars as pl

from ecer.models import (
    ANNUAL_TARGET_COLUMNS,
    ELECTRICITY_FACTOR_COLUMNS,
    ENERGY_COLUMNS,
    REGION_COLUMNS,
    TARGET_COLUMNS,
)
from ecer.models.carbon import CARBON_ENERGY_COLUMNS, CARBON_ENERGY_FLOATS
from ecer.models.energy import DEFAULT_ELECTRICITY_BASIS
from ecer.models.enterprises import (
    CARRIERS,
    ENTERPRISE_COLUMNS,
    PRODUCTION_UNIT_COLUMNS,
    UNIT_PERFORMANCE_COLUMNS,
)
from ecer.models.projects import DECISION_COLUMNS, PROJECT_COLUMNS, PROJECT_FLOATS

STR, F64, I64 = dt.string, dt.float64, dt.int64
TS_UTC = dt.Timestamp(timezone="UTC")

BOOKKEEPING: dict[str, dt.DataType] = {
    "version": I64,
    "load_id": STR,
    "valid_from": TS_UTC,
    "changed_by": STR,
    "reason": STR,
}

LOADS = "loads"
LOADS_SCHEMA = ibis.schema(
    {
        "load_id": STR,
        "table": STR,
        "file": STR,
        "rows": I64,
        "loaded_at": TS_UTC,
        "loaded_by": STR,
        "reason": STR,
        "status": STR,
    }
)


@dataclass(frozen=True)
class TableSpec:
    """One data table: its name, canonical columns with Ibis types, and the key of a record."""

    name: str
    types: dict[str, dt.DataType]
    key: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.types)

    @property
    def data_schema(self) -> ibis.Schema:
        """Canonical columns only (what ``current()`` returns)."""
        return ibis.schema(self.types)

    @property
    def schema(self) -> ibis.Schema:
        """Canonical columns plus bookkeeping (what the table stores)."""
        return ibis.schema({**self.types, **BOOKKEEPING})


def _spec(name: str, columns: list[str], key: tuple[str, ...], types: dict[str, dt.DataType]) -> TableSpec:
    # The column list comes from ecer.models; here we only add types (string unless named).
    unknown = set(types) - set(columns)
    if unknown:  # pragma: no cover - guards against drift between models and storage
        raise ValueError(f"{name}: typed columns not in the model: {sorted(unknown)}")
    return TableSpec(name, {c: types.get(c, STR) for c in columns}, key)


_ENERGY_FLOATS = [c for c in ENERGY_COLUMNS if c not in ("region_code", "period", "price_base_year",
                                                         "electricity_basis", "data_origin")]

TABLES: dict[str, TableSpec] = {
    s.name: s
    for s in [
        _spec("regions", REGION_COLUMNS, ("region_code",), {}),
        _spec("energy", ENERGY_COLUMNS, ("region_code", "period"),
              {**{c: F64 for c in _ENERGY_FLOATS}, "price_base_year": I64}),
        _spec("targets", TARGET_COLUMNS, ("region_code", "plan"),
              {"base_year": I64, "target_year": I64, "intensity_reduction_basic": F64,
               "intensity_reduction_incentive": F64, "gdp_growth_plan": F64, "total_increment_cap": F64}),
        _spec("annual_targets", ANNUAL_TARGET_COLUMNS, ("region_code", "year"),
              {"year": I64, "intensity_reduction": F64}),
        _spec("electricity_factors", ELECTRICITY_FACTOR_COLUMNS, ("region_code", "year"),
              {"year": I64, "coal_rate": F64}),
        # enterprises, production units and their performance (issue 7 §1)
        _spec("enterprises", ENTERPRISE_COLUMNS, ("credit_code",), {}),
        _spec("production_units", PRODUCTION_UNIT_COLUMNS, ("unit_id",), {"capacity": F64, "start_year": I64}),
        _spec("unit_performance", UNIT_PERFORMANCE_COLUMNS, ("unit_id", "period"),
              {c: F64 for c in ("output", "unit_energy", *CARRIERS, "other_energy", "comprehensive_energy")}),
        # two-high projects (issue 7 §5); decisions are one key each, so a decision is never revised, only followed
        _spec("projects", PROJECT_COLUMNS, ("project_id",), dict.fromkeys(PROJECT_FLOATS, F64)),
        _spec("project_decisions", DECISION_COLUMNS, ("decision_id",), {"decided_at": TS_UTC, "project_version": I64}),
        # carbon dual control (issue 8 §3): energy by carrier for CO2 accounting
        _spec("carbon_energy", CARBON_ENERGY_COLUMNS, ("region_code", "year", "carrier", "use"),
              {"year": I64, **dict.fromkeys(CARBON_ENERGY_FLOATS, F64)}),
    ]
}

ALL_TABLES: tuple[str, ...] = (*TABLES, LOADS)

# Columns added after the first release: a frame (or a stored table) without them gets these defaults, so data
# written before they existed stays readable and loadable. Nothing else is ever filled in.
ADDED_COLUMNS: dict[str, dict[str, object]] = {
    "energy": {"electricity_basis": DEFAULT_ELECTRICITY_BASIS, "electricity_coal_rate": None},
}


def polars_dtype(t: dt.DataType) -> pl.DataType:
    """The polars type every engine's output is normalised to (so engines compare equal).

    >>> polars_dtype(TS_UTC), polars_dtype(F64), polars_dtype(STR)
    (Datetime(time_unit='us', time_zone='UTC'), Float64, String)
    """
    if t.is_timestamp():
        return pl.Datetime("us", "UTC")
    if t.is_float64():
        return pl.Float64()
    if t.is_int64():
        return pl.Int64()
    if t.is_string():
        return pl.String()
    raise TypeError(f"no polars mapping for {t}")  # pragma: no cover


def schema_of(name: str) -> ibis.Schema:
    """Stored schema of a table (data tables with bookkeeping, or ``loads``)."""
    return LOADS_SCHEMA if name == LOADS else TABLES[name].schema


# --- pollutant total-emission control (issue 8 §1; wt-pol-data) ------------------------------------------------------
from ecer.models.pollutants import (
    MEASURE_INPUTS as _P_INPUTS,
)
from ecer.models.pollutants import (
    POLLUTANT_EMISSION_COLUMNS,
    POLLUTANT_INCREMENT_COLUMNS,
    POLLUTANT_MEASURE_COLUMNS,
    POLLUTANT_TARGET_COLUMNS,
)

POLLUTANT_TABLES: tuple[TableSpec, ...] = (
    _spec("pollutant_emissions", POLLUTANT_EMISSION_COLUMNS, ("region_code", "pollutant", "year"),
          {"year": I64, "emissions": F64}),
    _spec("pollutant_measures", POLLUTANT_MEASURE_COLUMNS, ("region_code", "pollutant", "year", "measure_id"),
          {"year": I64, **{c: F64 for c in _P_INPUTS if c != "stable_year"}, "stable_year": I64}),
    _spec("pollutant_increments", POLLUTANT_INCREMENT_COLUMNS, ("region_code", "pollutant", "year"),
          {"year": I64, "new_emissions": F64, "urban_population": F64, "urban_population_prev": F64,
           "per_capita_g_d": F64}),
    _spec("pollutant_targets", POLLUTANT_TARGET_COLUMNS, ("region_code", "pollutant", "base_year"),
          {"base_year": I64, "target_year": I64, "target_reduction": F64, "key_project_reduction": F64}),
)
TABLES.update({s.name: s for s in POLLUTANT_TABLES})
# The increments table first held new_emissions only; the domestic-increment inputs came after (stores written
# in between read them as empty, and their next load adds them).
ADDED_COLUMNS["pollutant_increments"] = {"urban_population": None, "urban_population_prev": None,
                                         "per_capita_g_d": None}

# --- regional industrial transfer (issue 9 §3; wt-transfer): indicators and the key-project library --------------
from ecer.models.transfer import (
    TRANSFER_INDICATOR_COLUMNS,
    TRANSFER_INDICATOR_FLOATS,
    TRANSFER_PROJECT_COLUMNS,
    TRANSFER_PROJECT_FLOATS,
)

TRANSFER_TABLES: tuple[TableSpec, ...] = (
    _spec("transfer_indicators", TRANSFER_INDICATOR_COLUMNS, ("region_code", "year", "indicator_code"),
          {"year": I64, **dict.fromkeys(TRANSFER_INDICATOR_FLOATS, F64)}),
    _spec("transfer_projects", TRANSFER_PROJECT_COLUMNS, ("project_id",),
          {"agreement_start": I64, "agreement_end": I64, **dict.fromkeys(TRANSFER_PROJECT_FLOATS, F64)}),
)
TABLES.update({s.name: s for s in TRANSFER_TABLES})
ALL_TABLES = (*TABLES, LOADS)

# --- key-project indicators of 国发〔2021〕33号 (issue 8 §4; wt-indicators) -----------------------------------------
from ecer.models.indicators import INDICATOR_VALUE_COLUMNS

TABLES["indicator_values"] = _spec("indicator_values", INDICATOR_VALUE_COLUMNS, ("region_code", "year",
                                                                                 "indicator_code"),
                                   {"year": I64, "value": F64})
ALL_TABLES = (*TABLES, LOADS)

# --- sectoral energy for LMDI (issue 9 §1; wt-sector) ---------------------------------------------------------------
from ecer.models.sectors import SECTOR_ENERGY_COLUMNS, SECTOR_ENERGY_FLOATS

TABLES["sector_energy"] = _spec("sector_energy", SECTOR_ENERGY_COLUMNS, ("region_code", "year", "sector"),
                                {"year": I64, "price_base_year": I64, **dict.fromkeys(SECTOR_ENERGY_FLOATS, F64)})
ALL_TABLES = (*TABLES, LOADS)
