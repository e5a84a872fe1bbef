"""Data survive closing and reopening the store (DuckDB file; Spark external Parquet tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecer.storage import Store
from tests.storage.sample import FakeClock, correction, energy


def test_duckdb_file_reopens(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb", clock=FakeClock()) as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
    with Store.open(tmp_path / "s.duckdb", clock=FakeClock()) as s:
        # The reopened store's clock restarts at T0, but valid_from stays after the last load.
        s.load("energy", correction(), file="f.csv", who="b", why="y")
        hist = s.history("energy", {"region_code": "110000", "period": "2021"})
    assert hist["version"].to_list() == [1, 2]
    assert hist["valid_from"][1] > hist["valid_from"][0]


@pytest.mark.spark
def test_spark_tables_reattach(spark_session: Any, tmp_path: Path) -> None:
    with Store.spark(spark_session, path=tmp_path / "tables", database="reattach_a") as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
        before = s.current("energy")
    # A new catalog entry (as a new session would have) over the same files sees the same data.
    with Store.spark(spark_session, path=tmp_path / "tables", database="reattach_b") as s:
        assert s.current("energy").equals(before)
        assert s.counts()["loads"] == 1


def test_file_without_a_newer_table_reads_it_empty_and_a_load_adds_it(tmp_path: Path) -> None:
    """A store file written before a table existed: reads see the table empty, the next load creates it."""
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store.open(path, clock=FakeClock()) as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE annual_targets")
    con.close()
    with Store.open(path, clock=FakeClock()) as s:
        assert s.current("annual_targets").height == 0 and s.counts()["energy"] == 4
        s.load("energy", correction(), file="f.csv", who="b", why="y")
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert "annual_targets" in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    finally:
        con.close()
