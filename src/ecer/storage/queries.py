"""The store's queries as Ibis expressions — written once, run on every engine.

* ``committed(t, loads)`` — rows whose load is committed in ``loads`` (hides a half-written load on
  engines without transactions; a no-op filter on DuckDB, where a failed load leaves nothing).
* ``latest(t, key)`` — the highest ``version`` of every key (a window ``max(version)`` per key).
* ``next_versions(staged, t, key)`` — staged rows with ``version`` = previous max for the key + 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import ibis

from ecer.storage.schemas import TS_UTC

COMMITTED = "committed"


def committed(t: ibis.Table, loads: ibis.Table) -> ibis.Table:
    """Rows of ``t`` written by a committed load."""
    ok = loads.filter(loads.status == COMMITTED).select("load_id")
    return t.semi_join(ok, "load_id")


def latest(t: ibis.Table, key: Sequence[str]) -> ibis.Table:
    """Latest version per key: ``version == max(version) over (partition by key)``."""
    top = t.version.max().over(group_by=list(key))
    return t.mutate(_top=top).filter(lambda r: r.version == r._top).drop("_top")


def up_to(t: ibis.Table, when: datetime) -> ibis.Table:
    """Rows that were valid at ``when`` (loaded at or before it)."""
    return t.filter(t.valid_from <= ibis.literal(when, type=TS_UTC))


def where(t: ibis.Table, filters: Mapping[str, Any]) -> ibis.Table:
    """Equality filters; a list/tuple/set value means "one of"."""
    for col, value in filters.items():
        if isinstance(value, (list, tuple, set, frozenset)):
            t = t.filter(t[col].isin(list(value)))
        elif value is None:
            t = t.filter(t[col].isnull())
        else:
            t = t.filter(t[col] == value)
    return t


def next_versions(staged: ibis.Table, t: ibis.Table, key: Sequence[str], *, load_id: str,
                  valid_from: datetime, changed_by: str, reason: str) -> ibis.Table:
    """The rows to insert: staged columns + bookkeeping, ``version`` = previous max + 1 (else 1)."""
    k = list(key)
    prev = t.group_by(k).aggregate(_prev=t.version.max())
    joined = staged.left_join(prev, k).select(
        *[staged[c] for c in staged.columns],
        _prev=prev._prev,
    )
    return joined.select(
        *[joined[c] for c in staged.columns],
        version=(joined._prev.fill_null(0) + 1).cast("int64"),
        load_id=ibis.literal(load_id, type="string"),
        valid_from=ibis.literal(valid_from, type=TS_UTC),
        changed_by=ibis.literal(changed_by, type="string"),
        reason=ibis.literal(reason, type="string"),
    )


def new_keys(t: ibis.Table, load_id: str) -> ibis.Table:
    """One row, one column: the number of rows load ``load_id`` wrote at version 1 (keys the table did not have
    before it). A table, for ``Engine.fetch`` (a scalar's ``execute`` on DuckDB imports pandas, ≈ 0.6 s)."""
    mine = t.filter((t.load_id == load_id) & (t.version == 1))
    return mine.count().as_table()


def order(t: ibis.Table, key: Sequence[str], *, with_version: bool) -> ibis.Table:
    cols = [*key, "version"] if with_version else list(key)
    return t.order_by(cols)

