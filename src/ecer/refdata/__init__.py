"""Versioned official reference data and its loader (the catalog).

Each table lives in ``ecer/refdata/<table>/<edition>/`` as ``data.csv`` (or ``rules.toml``) with a
``manifest.toml`` (document number, title, date, superseded edition, columns with units, gaps).
Every row names its ``doc_no``, ``clause``, ``source`` and ``confidence`` (high | medium | low).

>>> from ecer.refdata import list_tables
>>> [t.name for t in list_tables()][:3]
['ahp_random_index', 'benchmark_fields', 'benchmark_level_gaps']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecer.refdata.catalog import RefTable, TableInfo, editions, list_tables, load, table_names
    from ecer.refdata.lookups import (
        ElectricityFactor,
        calorific_factor,
        coal_equivalent_factor,
        coal_equivalent_factors,
        electricity_factor,
        electricity_factor_detail,
        missing_factor_error,
        regions,
        supplied_electricity_factor,
    )
    from ecer.refdata.manifest import ColumnSpec, Manifest
    from ecer.refdata.region_changes import Retirement, region_code_changes, retirement, successor_of
    from ecer.refdata.rules import rule_edition, rule_editions, rule_options

# Names are imported when first used (PEP 562): ``ecer.refdata.index`` (what ``ecer catalog list`` reads) must not
# bring polars and pint with it.
_WHERE = {
    **dict.fromkeys(("RefTable", "TableInfo", "editions", "list_tables", "load", "table_names"), "catalog"),
    **dict.fromkeys(("ElectricityFactor", "calorific_factor", "coal_equivalent_factor", "coal_equivalent_factors",
                     "electricity_factor", "electricity_factor_detail", "missing_factor_error", "regions",
                     "supplied_electricity_factor"), "lookups"),
    **dict.fromkeys(("ColumnSpec", "Manifest"), "manifest"),
    **dict.fromkeys(("Retirement", "region_code_changes", "retirement", "successor_of"), "region_changes"),
    **dict.fromkeys(("rule_edition", "rule_editions", "rule_options"), "rules"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ColumnSpec",
    "ElectricityFactor",
    "Manifest",
    "RefTable",
    "Retirement",
    "TableInfo",
    "calorific_factor",
    "coal_equivalent_factor",
    "coal_equivalent_factors",
    "editions",
    "electricity_factor",
    "electricity_factor_detail",
    "list_tables",
    "load",
    "missing_factor_error",
    "region_code_changes",
    "regions",
    "retirement",
    "rule_edition",
    "rule_editions",
    "rule_options",
    "successor_of",
    "supplied_electricity_factor",
    "table_names",
]
