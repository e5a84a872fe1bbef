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
