"""``Store.load`` of Parquet parts (a big file validated in batches, ``ecer.ingest.spill``): the same rows, versions
and receipt as loading the frame itself, the same guard, and all or nothing.

On DuckDB the parts are read by the engine inside the load's transaction (``_staged_parquet``: the test checks that
path is the one taken); on Spark they are read into a frame first.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.findings import FindingsError
from ecer.storage import Store
from ecer.storage.schemas import ADDED_COLUMNS, TABLES, polars_dtype
from tests.storage.sample import FakeClock, correction, energy, regions
from tests.storage.test_atomic import _assert_same, _fail_log


def _parts(frame: pl.DataFrame, folder: Path, sizes: list[int], *, canonical: bool = True) -> list[Path]:
    """``frame`` (in the store's types unless ``canonical`` is False) as Parquet files of ``sizes`` rows each, in
    order; the columns added since the first release are left out, as the ingest's canonical frame has them."""
    frame = frame.drop(*[c for c in ADDED_COLUMNS["energy"] if c in frame.columns])
    if canonical:
        spec = TABLES["energy"]
        frame = frame.cast({c: polars_dtype(spec.types[c]) for c in frame.columns})
    paths, start = [], 0
    folder.mkdir(parents=True, exist_ok=True)
    for i, n in enumerate(sizes):
        p = folder / f"part-{i}.parquet"
        frame.slice(start, n).write_parquet(p)
        paths.append(p)
        start += n
    assert start == frame.height
    return paths


@pytest.fixture
def staged_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the engine staged the parts itself (DuckDB's path)."""
    calls: list[int] = []
    original = Store._staged_parquet

    def spy(self: Store, table: str, paths: list[str], file: str) -> object:
        calls.append(len(paths))
        return original(self, table, paths, file)

    monkeypatch.setattr(Store, "_staged_parquet", spy)
    return calls


def _data(store: Store) -> pl.DataFrame:
    return store.current("energy", bookkeeping=True).drop("load_id", "valid_from")


def test_parts_load_as_the_frame_does(make_store, tmp_path: Path, staged_calls: list[int]) -> None:
    # the reference is a DuckDB store in memory loaded with the frame (two Spark stores of one test would share their
    # table folder)
    by_frame, by_parts = Store.memory(clock=FakeClock()), make_store()
    for s in (by_frame, by_parts):
        s.load("regions", regions(), file="r.csv", who="a", why="seed")
    r1 = by_frame.load("energy", energy(), file="e.csv", who="a", why="first")
    r2 = by_parts.load("energy", _parts(energy(), tmp_path / "a", [3, 1]), file="e.csv", who="a", why="first")
    assert (r2.rows, r2.new_keys, r2.revised_keys) == (r1.rows, r1.new_keys, r1.revised_keys) == (4, 4, 0)
    # a revision of one key and a new key, as parts: version 2 for the one, 1 for the other
    more = pl.concat([correction(), energy().head(1).with_columns(period=pl.lit("2022"))])
    r1 = by_frame.load("energy", more, file="f.csv", who="b", why="fix")
    r2 = by_parts.load("energy", _parts(more, tmp_path / "b", [1, 1]), file="f.csv", who="b", why="fix")
    assert (r2.rows, r2.new_keys, r2.revised_keys) == (r1.rows, r1.new_keys, r1.revised_keys) == (2, 1, 1)
    assert _data(by_parts).equals(_data(by_frame))
    got = by_parts.current("energy").filter(pl.col("period") == "2021", pl.col("region_code") == "110000")
    assert got["total_energy"].to_list() == [69_500_000.0]
    assert by_parts.history("energy", {"region_code": "110000", "period": "2021"})["version"].to_list() == [
        1,
        2,
    ]
    if by_parts.engine.name == "duckdb":
        assert staged_calls == [2, 2]


def test_parts_not_in_the_table_types_take_the_frame_guard(
    make_store, tmp_path: Path, staged_calls: list[int]
) -> None:
    store = make_store()
    text = energy().with_columns(
        pl.col("total_energy").cast(pl.String)
    )  # numbers as text: not the table's type
    receipt = store.load(
        "energy", _parts(text, tmp_path, [4], canonical=False), file="e.csv", who="a", why="x"
    )
    assert receipt.rows == 4 and staged_calls == []
    assert store.current("energy")["total_energy"].to_list() == energy()["total_energy"].to_list()


@pytest.mark.parametrize("bad", ["duplicate", "empty_key"])
def test_bad_parts_are_refused_and_nothing_is_written(
    duck: Store, tmp_path: Path, bad: str, staged_calls: list[int]
) -> None:
    duck.load("regions", regions(), file="r.csv", who="a", why="seed")
    duck.load("energy", energy(), file="e.csv", who="a", why="seed")
    before = duck.snapshot()
    frame = energy().with_columns(period=pl.lit("2023") + pl.col("period"))
    if bad == "duplicate":  # the repeated key sits in another part than its first row
        frame = pl.concat([frame, frame.slice(1, 1)])
        code, row = "E_DUPLICATE_KEY", 6
    else:
        frame = frame.with_columns(
            pl.when(pl.int_range(pl.len()) == 2)
            .then(None)
            .otherwise(pl.col("region_code"))
            .alias("region_code")
        )
        code, row = "E_REQUIRED", 4
    paths = _parts(frame, tmp_path, [2, frame.height - 2])
    with pytest.raises(FindingsError) as err:
        duck.load("energy", paths, file="bad.csv", who="x", why="should not stick")
    assert [(f.code, f.location.row) for f in err.value.findings] == [(code, row)]
    assert staged_calls == [2]
    _assert_same(before, duck.snapshot())


def test_parts_whose_log_fails_leave_the_store_as_it_was(
    duck: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duck.load("regions", regions(), file="r.csv", who="a", why="seed")
    duck.load("energy", energy(), file="e.csv", who="a", why="seed")
    before = duck.snapshot()
    monkeypatch.setattr(Store, "_insert_log", _fail_log)
    with pytest.raises(RuntimeError, match="disk full"):
        duck.load("energy", _parts(correction(), tmp_path, [1]), file="fix.csv", who="b", why="revision")
    _assert_same(before, duck.snapshot())


def test_no_parts_is_an_empty_file(duck: Store) -> None:
    with pytest.raises(FindingsError) as err:
        duck.load("energy", [], file="none.csv", who="a", why="x")
    assert [f.code for f in err.value.findings] == ["E_FILE_EMPTY"]


def _keeps_order(store: Store) -> bool:
    with store.engine.reading():
        return bool(store.engine.con.raw_sql("SELECT current_setting('preserve_insertion_order')").fetchone()[0])


def test_the_insert_alone_runs_without_insertion_order(duck: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # DuckDB keeps a SELECT's order in an INSERT unless told not to; the store's reads never depend on it, so the
    # engine switches it off for the load's data statement only (a setting of the whole database) and restores it.
    from ecer.storage.engines import Engine

    seen: list[bool] = []
    original = Engine.insert

    def spy(self: object, name: str, expr: object) -> None:
        row = duck.engine.con.raw_sql("SELECT current_setting('preserve_insertion_order')").fetchone()
        seen.append(bool(row[0]))
        original(self, name, expr)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "insert", spy)
    duck.load("regions", regions(), file="r.csv", who="a", why="seed")
    assert seen == [False] and _keeps_order(duck)
    duck.load("energy", _parts(energy(), tmp_path, [3, 1]), file="e.csv", who="a", why="seed")
    assert seen == [False, False] and _keeps_order(duck)
    assert duck.current("energy").get_column("total_energy").to_list() == energy().get_column("total_energy").to_list()

    def broken(self: object, name: str, expr: object) -> None:
        raise RuntimeError("disk full while inserting")

    monkeypatch.setattr(Engine, "insert", broken)
    before = duck.snapshot()
    with pytest.raises(RuntimeError, match="disk full"):
        duck.load("energy", correction(), file="fix.csv", who="b", why="revision")
    assert _keeps_order(duck)  # restored although the statement failed
    _assert_same(before, duck.snapshot())
