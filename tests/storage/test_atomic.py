"""Atomic loads: a load that fails part-way leaves the store as it was.

Two failures are forced: the engine rejecting a value in the *last* row in the middle of the data
INSERT (validation bypassed), and the second statement of a load (the ``loads`` row) failing after
the data rows went in.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.storage import Store
from ecer.storage import store as store_module
from tests.storage.sample import correction, energy, regions


def _assert_same(before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame]) -> None:
    assert list(before) == list(after)
    for name, old in before.items():
        assert old.equals(after[name], null_equal=True), name
        # byte-for-byte: the same Arrow IPC serialisation
        assert old.write_ipc(None).getvalue() == after[name].write_ipc(None).getvalue(), name


def _seeded(store: Store) -> Store:
    store.load("regions", regions(), file="r.csv", who="a", why="seed")
    store.load("energy", energy(), file="e.csv", who="a", why="seed")
    return store


def test_engine_error_in_last_row_changes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _seeded(store)
    before = store.snapshot()
    # 4 good rows, then a total_energy the engine cannot convert, passed straight to the INSERT.
    bad = pl.concat([energy().with_columns(pl.col("total_energy").cast(pl.String)),
                     energy().head(1).with_columns(period=pl.lit("2022"), total_energy=pl.lit("abc"))])
    monkeypatch.setattr(store_module, "coerce_frame", lambda table, frame, file: frame)
    with pytest.raises(Exception):  # noqa: B017 - the engine's own conversion error
        store.load("energy", bad, file="bad.csv", who="x", why="should not stick")
    _assert_same(before, store.snapshot())


def _fail_log(self: Store, log: pl.DataFrame) -> None:
    raise RuntimeError("disk full while writing the load log")


@pytest.fixture
def failed_second_statement(store: Store, monkeypatch: pytest.MonkeyPatch):
    _seeded(store)
    before = store.snapshot()
    before_current = store.current("energy")
    monkeypatch.setattr(Store, "_insert_log", _fail_log)
    with pytest.raises(RuntimeError, match="disk full"):
        store.load("energy", correction(), file="fix.csv", who="bob", why="revision")
    monkeypatch.undo()
    return store, before, before_current


def test_failed_load_is_invisible(failed_second_statement) -> None:
    """Every engine: readers never see a half-written load."""
    store, _, before_current = failed_second_statement
    assert store.current("energy").equals(before_current)
    hist = store.history("energy", {"region_code": "110000", "period": "2021"})
    assert hist["version"].to_list() == [1]
    # The next good load still gets version 2.
    store.load("energy", correction(), file="fix.csv", who="bob", why="retry")
    assert store.history("energy", {"region_code": "110000", "period": "2021"})["version"].to_list() == [1, 2]


def test_failed_load_leaves_tables_byte_for_byte(failed_second_statement, request: pytest.FixtureRequest) -> None:
    store, before, _ = failed_second_statement
    if not store.engine.transactional:
        request.applymarker(pytest.mark.xfail(
            strict=True,
            reason="known gap: Spark/Parquet has no multi-statement transaction; the data INSERT of a "
                   "load whose `loads` row failed stays on disk (hidden from every read, see docs/storage.md)"))
    _assert_same(before, store.snapshot())
