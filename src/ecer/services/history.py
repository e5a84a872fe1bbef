"""Use case: every version of the rows a user loaded, with who, when and why (``ecer history``, ``/api/history``).

A region nobody knows is ``E_REGION_UNKNOWN``; a malformed region or period is ``E_REGION_MALFORMED`` /
``E_PERIOD_MALFORMED``; a known region or period with no stored rows is ``E_NO_DATA`` — never an empty success.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ecer.findings import FindingsError, Location, make
from ecer.models.region import REGION_CODE_RE
from ecer.periods import Period
from ecer.services.loading import known_regions


def history(store: Any, table: str, *, region: str | None = None, period: str | None = None,
            year: int | None = None) -> pl.DataFrame:
    """All versions of the matching rows of ``table``, oldest first (``version``, ``valid_from``, ``changed_by``,
    ``reason``, ``load_id`` with the canonical columns)."""
    from ecer.storage import TABLES

    if table not in TABLES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="表 / table", value=table, valid=", ".join(TABLES))])
    columns = TABLES[table].columns
    found = []
    if region is not None and not REGION_CODE_RE.match(region):
        found.append(make("E_REGION_MALFORMED", location=Location(column="region"), value=region))
    if period is not None:
        try:
            period = str(Period.parse(period))
        except ValueError:
            found.append(make("E_PERIOD_MALFORMED", location=Location(column="period"), value=period))
    if found:
        raise FindingsError(found)
    if region is not None and region not in known_regions(store):
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region"), value=region)])
    key = {k: v for k, v in (("region_code", region), ("period", period), ("year", year))
           if v is not None and k in columns}
    frame = store.history(table, key)
    if frame.is_empty() and key:
        what = ", ".join(f"{k}={v}" for k, v in key.items())
        raise FindingsError([make("E_NO_DATA", detail=f"{table} 中没有 {what} 的数据 / no rows of {table} for {what}")])
    return frame
