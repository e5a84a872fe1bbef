"""The load log's row written by ``DuckDBEngine.insert_frame`` (literals written by sqlglot, not ``ibis.memtable``)
is the receipt exactly — quotes, backslashes and Chinese in the who/why/file kept as given, the time to the
microsecond — and a load of Parquet parts on DuckDB imports no pandas (issue 6 §5: the first ``memtable`` or scalar
``execute`` of a process imported it, ≈ 0.4 s of CPU per ``ecer load``)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from ecer.storage import Store
from tests.storage.sample import FakeClock, energy, regions


def test_the_log_row_is_the_receipt(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.duckdb", clock=FakeClock())
    who, why, file = "O'Brien \\ 王", "修订 'it''s' \"quoted\"; DROP TABLE x; --", "能源 o'k.csv"
    store.load("regions", regions(), file="r.csv", who="a", why="b")
    receipt = store.load("energy", energy(), file=file, who=who, why=why)
    log = store.loads()
    assert log.height == 2
    row = log.row(1, named=True)
    assert (row["load_id"], row["table"], row["file"], row["rows"], row["loaded_by"], row["reason"], row["status"]) \
        == (receipt.load_id, "energy", file, 4, who, why, "committed")
    # FakeClock: load n is stamped 2024-01-01 00:00 UTC + n hours; this is load 1
    assert row["loaded_at"] == datetime(2024, 1, 1, 1, tzinfo=UTC)
    assert store.version() == "2@2024-01-01 01:00:00+00"
    store.close()


def test_a_microsecond_survives(tmp_path: Path) -> None:
    stamp = datetime(2026, 12, 2, 6, 39, 33, 589435, tzinfo=UTC)
    store = Store.open(tmp_path / "s.duckdb", clock=lambda: stamp)
    store.load("regions", regions(), file="r.csv", who="a", why="b")
    assert store.loads().get_column("loaded_at").to_list() == [stamp]
    store.close()


def test_a_parquet_load_imports_no_pandas(tmp_path: Path) -> None:
    part = tmp_path / "part-0.parquet"
    e = energy()
    e.write_parquet(part)
    code = (
        "import sys, json\nfrom ecer.storage import Store\nfrom ecer.storage.schemas import TABLES, polars_dtype\n"
        "import polars as pl\n"
        f"store = Store.open({str(tmp_path / 's.duckdb')!r})\n"
        f"r = store.load('energy', [{str(part)!r}], file='e.csv', who='a', why='b')\n"
        "print(json.dumps({'rows': r.rows, 'new': r.new_keys, 'pandas': 'pandas' in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"rows": e.height, "new": 4, "pandas": False}  # the sample's 4 rows, all new keys
    stored = Store.open(tmp_path / "s.duckdb").current("energy")
    assert stored.height == 4 and stored.get_column("total_energy").sort().to_list() == sorted(
        pl.Series(e.get_column("total_energy")).to_list())
