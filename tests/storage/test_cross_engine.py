"""The same loads on DuckDB and on Spark give the same current(), history() and as_of()."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ecer.storage import Store
from tests.storage.conftest import _spark_store
from tests.storage.sample import T0, FakeClock, correction, energy, regions

pytestmark = pytest.mark.spark


def _run(store: Store) -> dict[str, pl.DataFrame]:
    store.load("regions", regions(), file="r.csv", who="alice", why="seed")
    store.load("energy", energy(), file="e.csv", who="alice", why="seed")
    store.load("energy", correction(), file="f.csv", who="bob", why="revision")
    return {
        "current": store.current("energy"),
        "regions": store.current("regions"),
        "history": store.history("energy", {"region_code": "110000"}).drop("load_id"),
        "as_of": store.as_of("energy", T0 + timedelta(hours=1), bookkeeping=True).drop("load_id"),
        "loads": store.loads().drop("load_id"),
    }


def test_duckdb_and_spark_agree(spark_session: Any, tmp_path: Path) -> None:
    with Store.memory(clock=FakeClock()) as duck:
        a = _run(duck)
    b = _run(_spark_store(spark_session, tmp_path))
    for name in a:
        assert a[name].schema == b[name].schema, name
        assert a[name].equals(b[name], null_equal=True), name
    assert a["history"].height == 3  # Beijing 2020 v1, 2021 v1, 2021 v2
