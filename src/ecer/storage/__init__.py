"""Storage adapter: one portable, append-only store written with Ibis (DuckDB default, Spark scale-out).

Public API: ``Store`` (``open``/``at``/``memory``/``spark``, ``load``, ``current``, ``history``, ``as_of``, ``reading``,
``snapshot``, ``loads``, ``table_names``, ``counts``), ``LoadReceipt``, ``TABLES`` (table specs).
See docs/storage.md.
"""

from ecer.storage.schemas import ALL_TABLES, BOOKKEEPING, TABLES, TableSpec
from ecer.storage.store import LoadReceipt, Store

__all__ = ["ALL_TABLES", "BOOKKEEPING", "TABLES", "LoadReceipt", "Store", "TableSpec"]
