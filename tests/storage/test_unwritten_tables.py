"""A table no committed load has written reads empty without a statement of its own: ``Store.current`` reads the load
log once per read session (``Store._written``) and answers such a table from the schema. The answer must be exactly
what the statement gives (same columns, same types), every new read session must see the loads committed since, and a
write session asks every table."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ecer.storage import Store
from ecer.storage import queries as q
from ecer.storage.schemas import TABLES
from tests.storage import sample

NEVER_LOADED = ("annual_targets", "electricity_factors", "targets")


def _statements(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every ``engine.fetch`` of ``store`` from now on (the expressions asked)."""
    seen: list[Any] = []
    real = store.engine.fetch

    def counting(expr: Any) -> pl.DataFrame:
        seen.append(expr)
        return real(expr)

    monkeypatch.setattr(store.engine, "fetch", counting)
    return seen


def _asked(store: Store, table: str, bookkeeping: bool) -> pl.DataFrame:
    """``current`` as the statement answers it (the read the shortcut replaces)."""
    spec = TABLES[table]
    with store.reading():
        t = q.order(q.latest(store._visible(table), spec.key), spec.key, with_version=False)
        return store._fetch(t, table, bookkeeping)


def test_a_table_never_loaded_is_the_statements_empty_answer(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    for table in NEVER_LOADED:
        for bookkeeping in (False, True):
            got = store.current(table, bookkeeping=bookkeeping)
            want = _asked(store, table, bookkeeping)
            assert want.height == 0 and got.height == 0
            assert got.schema == want.schema, table  # every column, in order, with the store's polars type
    assert store.current("regions").get_column("region_code").to_list() == ["110000", "120000"]


def test_one_read_session_asks_the_load_log_once_and_no_empty_table(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    seen = _statements(store, monkeypatch)
    with store.reading():
        frames = {t: store.current(t) for t in (*NEVER_LOADED, "regions")}
    # the load log (once, for the whole session) and the regions; without the shortcut: four statements
    assert len(seen) == 2
    assert [frames[t].height for t in (*NEVER_LOADED, "regions")] == [0, 0, 0, 2]


def test_a_load_committed_after_a_read_session_is_seen_by_the_next(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    with store.reading():
        assert store.current("energy").height == 0
    store.load("energy", sample.energy(), file="e.csv", who="t", why="t")
    with store.reading():
        assert store.current("energy").height == 4  # the memo lived as long as the first session only
    assert store.current("energy").get_column("total_energy").to_list() == [67e6, 70e6, 80e6, 82e6]


def test_a_failed_load_leaves_its_table_reading_empty(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    bad = sample.energy().with_columns(region_code=pl.lit(None, pl.String))  # an empty key: refused, nothing written
    with pytest.raises(Exception):  # noqa: B017 - the store's own FindingsError; only "nothing written" matters here
        store.load("energy", bad, file="e.csv", who="t", why="t")
    assert store.current("energy").height == 0
    assert store.loads().get_column("table").to_list() == ["regions"]


def test_a_write_session_asks_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    with store.engine.writing():
        store.load("energy", sample.energy(), file="e.csv", who="t", why="t")
        seen = _statements(store, monkeypatch)
        # inside the load's transaction the new rows are visible, and nothing is answered from a memo
        assert store.current("energy").height == 4
        assert store.current("targets").height == 0
        assert len(seen) == 2


def test_reads_of_an_unchanged_store_do_not_read_the_load_log_again(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    store.current("targets")  # reads the log once
    seen = _statements(store, monkeypatch)
    assert [store.current(t).height for t in ("targets", "regions", "energy", "regions")] == [0, 2, 0, 2]
    assert len(seen) == 2  # the two reads of regions: the log's tables are kept while the load mark is the same


LOAD_ENERGY_ELSEWHERE = textwrap.dedent("""
    import sys
    from ecer.storage import Store
    from tests.storage import sample
    Store.open(sys.argv[1]).load("energy", sample.energy(), file="e.csv", who="other", why="elsewhere")
""")


def test_a_load_by_another_process_is_seen_by_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    store = Store.open(path, clock=sample.FakeClock())
    store.load("regions", sample.regions(), file="r.csv", who="t", why="t")
    assert store.current("energy").height == 0
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", LOAD_ENERGY_ELSEWHERE, str(path)], check=True, cwd=root,
                   capture_output=True, timeout=120)
    assert store.current("energy").get_column("total_energy").to_list() == [67e6, 70e6, 80e6, 82e6]
