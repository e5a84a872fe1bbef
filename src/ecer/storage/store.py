"""``Store``: the portable, append-only store of regions, energy data and targets.

>>> import polars as pl
>>> with Store.memory() as s:
...     r = s.load("regions", pl.DataFrame({"region_code": ["110000"], "name_zh": ["北京市"],
...                "name_en": ["Beijing"], "level": ["province"], "parent_code": [None]}),
...                file="regions.csv", who="doc", why="first load")
...     r.rows, r.new_keys, s.current("regions")["name_en"].to_list()
(1, 1, ['Beijing'])
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self

import ibis
import polars as pl
from pydantic import BaseModel, ConfigDict

from ecer.storage import queries as q
from ecer.storage.engines import DuckDBEngine, Engine, SparkEngine
from ecer.storage.frames import check_columns, check_table, coerce_frame
from ecer.storage.schemas import (
    ADDED_COLUMNS,
    ALL_TABLES,
    BOOKKEEPING,
    LOADS,
    TABLES,
    polars_dtype,
    schema_of,
)

DEFAULT_FILE = "ecer.duckdb"


def _parquet_matches(table: str, paths: list[str]) -> bool:
    """The parts have the table's data columns (those added since may be absent) with its types, in every file."""
    spec = TABLES[table]
    want = {c: polars_dtype(spec.types[c]) for c in spec.columns}
    optional = set(ADDED_COLUMNS.get(table, {}))
    for p in paths:
        got = dict(pl.read_parquet_schema(p))
        if set(got) - set(want) or set(want) - set(got) - optional:
            return False
        if any(got[c] != want[c] for c in got):
            return False
    return bool(paths)


class LoadReceipt(BaseModel):
    """What one committed load wrote: ``rows`` = ``new_keys`` (version 1) + ``revised_keys``."""

    model_config = ConfigDict(frozen=True)

    load_id: str
    table: str
    file: str
    rows: int
    new_keys: int
    revised_keys: int
    loaded_at: datetime
    loaded_by: str
    reason: str
    status: str
    engine: str


def _utc(when: datetime | str) -> datetime:
    """A UTC datetime from an aware/naive datetime (naive = UTC) or an ISO string."""
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


class Store:
    """One store on one engine. Use ``Store.open()``, ``Store.memory()`` or ``Store.spark()``.

    Every method is one short session on the engine (a DuckDB file is opened for it and let go
    after), so one ``Store`` may be shared by threads: reads run side by side, loads one at a time.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._clock = clock or (lambda: datetime.now(UTC))
        #: (load mark, tables committed loads wrote) of the last read of the load log (``_written``)
        self._written_kept: tuple[tuple[int, str], frozenset[str]] | None = None
        engine.prepare({name: schema_of(name) for name in ALL_TABLES})

    # --- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, wait: float | None = None,
             on_wait: Callable[[str], None] | None = None, **kw: Any) -> Store:
        """The DuckDB file at ``path`` (default ``$ECER_STORE`` or ``./ecer.duckdb``).

        Nothing is opened here: each operation opens the file (read-only for a read, read-write for
        a load) and closes it after. A file that does not exist reads as an empty store and is
        created by the first load. When another process holds the file, an operation retries for
        ``wait`` seconds (default ``$ECER_STORE_WAIT`` or 30), calling ``on_wait`` once with a
        bilingual notice, then raises ``FindingsError`` with ``E_STORE_BUSY``.
        """
        target = path if path is not None else os.environ.get("ECER_STORE") or DEFAULT_FILE
        return cls(DuckDBEngine(Path(target), wait=wait, on_wait=on_wait), **kw)

    @classmethod
    def at(cls, location: str | Path, *, wait: float | None = None,
           on_wait: Callable[[str], None] | None = None, **kw: Any) -> Store:
        """Open a store named by a location: ``spark:`` (local session, managed tables),
        ``spark:/data/ecer-tables`` (external Parquet tables there), ``duckdb:FILE`` or a plain file path.

        ``wait`` and ``on_wait`` apply to DuckDB files (see :meth:`open`).

        >>> Store.at("duckdb::memory:").engine.name
        'duckdb'
        """
        text = str(location)
        if text.startswith("spark:"):
            rest = text[len("spark:"):]
            return cls.spark(path=rest or None, **kw)
        text = text.removeprefix("duckdb:")
        if text == ":memory:":
            return cls.memory(**kw)
        return cls.open(text, wait=wait, on_wait=on_wait, **kw)

    @classmethod
    def memory(cls, **kw: Any) -> Store:
        """An in-memory DuckDB store (tests, one-off runs)."""
        return cls(DuckDBEngine(None), **kw)

    @classmethod
    def spark(cls, session: Any = None, *, path: str | Path | None = None, database: str | None = None,
              **kw: Any) -> Store:
        """The store on Spark: ``session`` (default: a local[1] session), tables as Parquet.

        ``path``: directory for external tables (default ``$ECER_SPARK_PATH``; without either,
        managed tables in the session's catalog). ``database``: Spark database (namespace) to use.
        """
        loc = path if path is not None else os.environ.get("ECER_SPARK_PATH")
        return cls(SparkEngine(session, path=loc, database=database), **kw)

    def close(self) -> None:
        self.engine.close()

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """One read session across several calls (they see the same committed data).

        On a DuckDB file this holds the file open (read-only) until the block ends, which keeps
        other processes from loading: keep the block short, and never load inside it.
        """
        return self.engine.reading()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------
    def load(self, table: str, frame: pl.DataFrame | Sequence[str | Path], *, file: str, who: str,
             why: str) -> LoadReceipt:
        """Append a new version of every row in ``frame`` (version = previous max for its key + 1).

        ``frame``: a polars frame, or the Parquet files of one (the parts a big file was validated into,
        ``ecer.ingest.spill``): an engine that reads Parquet itself (DuckDB) stages them in the load's transaction
        and inserts from there, so the rows are never one frame in Python; another engine reads them into a frame.

        All or nothing: on DuckDB one transaction; on Spark one INSERT per table, and a load is
        visible only once its ``loads`` row is written (see docs/storage.md). Bad input raises
        ``FindingsError`` before anything is written.
        """
        check_table(table)
        spec = TABLES[table]
        paths: list[str] | None = None
        if not isinstance(frame, pl.DataFrame):
            paths = [str(p) for p in frame]
            if not (self.engine.reads_parquet and _parquet_matches(table, paths)):
                frame, paths = (pl.read_parquet(paths) if paths else pl.DataFrame()), None
        data = coerce_frame(table, frame, file=file) if isinstance(frame, pl.DataFrame) else None
        load_id = uuid.uuid4().hex
        with self.engine.writing():
            if data is not None:
                staged = ibis.memtable(data.rechunk().to_arrow())  # one chunk: Spark Arrow path needs it
                height = data.height
            else:
                assert paths is not None
                staged, height = self._staged_parquet(table, paths, file)
            loaded_at = self._next_time()
            target = self._visible(table)
            rows = q.next_versions(staged, target, spec.key, load_id=load_id, valid_from=loaded_at,
                                   changed_by=who, reason=why)
            self._add_missing_columns(table)
            self.engine.insert(table, rows)
            # the version join ran once, in the insert: the new keys are counted on the rows it wrote
            new_keys = int(self.engine.fetch(q.new_keys(self.engine.table(table), load_id)).item())
            receipt = LoadReceipt(load_id=load_id, table=table, file=file, rows=height,
                                  new_keys=new_keys, revised_keys=height - new_keys, loaded_at=loaded_at,
                                  loaded_by=who, reason=why, status=q.COMMITTED, engine=self.engine.name)
            log = pl.DataFrame([receipt.model_dump(include=set(schema_of(LOADS)))],
                               schema={c: polars_dtype(t) for c, t in schema_of(LOADS).items()})
            self._insert_log(log)
        return receipt

    def _staged_parquet(self, table: str, paths: list[str], file: str) -> tuple[ibis.Table, int]:
        """Parquet parts with exactly the table's data columns and types, as a table of the load's session (a view
        the engine reads in the insert), after the store's guard ran in the engine: no empty key cell, no key twice
        (else the rows are read into a frame, whose guard words the findings — nothing is written)."""
        spec = TABLES[table]
        t = self.engine.read_parquet(paths)
        added = {c: v for c, v in ADDED_COLUMNS.get(table, {}).items() if c not in t.columns}
        staged = t.select(*[t[c] if c not in added else ibis.literal(added[c], type=spec.types[c]).name(c)
                            for c in spec.columns])
        key = list(spec.key)
        empty = ibis.or_(*[staged[k].isnull() | (staged[k].cast("string").strip() == "") for k in key])
        # two passes (rows and empty keys; repeated keys): a load with one group-by carrying both peaked once at 4.7 GB
        # at 10 M rows (one run on a loaded machine, benchmarks/README.md); with these two, 1.1-1.6 GB
        # engine.fetch, not ibis's to_polars: on DuckDB that imports pandas for its type converter (≈ 0.6 s per load)
        n, empties = self.engine.fetch(staged.aggregate(n=staged.count(), empty=empty.ifelse(1, 0).sum())).row(0)
        repeated = self.engine.fetch(staged.group_by(key).aggregate(_n=staged.count()).filter(lambda g: g._n > 1)
                                     .count().as_table()).item()
        if not n or (empties or 0) > 0 or int(repeated) > 0:
            coerce_frame(table, pl.read_parquet(paths), file=file)  # raises the findings of the bad rows
            raise AssertionError("the parquet guard and coerce_frame disagree")  # pragma: no cover
        return staged, int(n)

    def _add_missing_columns(self, table: str) -> None:
        """A table written by an older release gets the columns added since (``ADDED_COLUMNS``) before a load."""
        added = ADDED_COLUMNS.get(table, {})
        if not added:
            return
        present = set(self.engine.table(table).columns)
        missing = {c: (TABLES[table].types[c], v) for c, v in added.items() if c not in present}
        if missing:
            self.engine.add_columns(table, missing)

    def _insert_log(self, log: pl.DataFrame) -> None:
        # Separate method so tests can make the second statement of a load fail.
        self.engine.insert_frame(LOADS, log)

    def _next_time(self) -> datetime:
        """Now (UTC, µs), but strictly after the last load so valid_from follows version order."""
        now = _utc(self._clock())
        loads = self.engine.table(LOADS)
        last = self.engine.fetch(loads.aggregate(last=loads.loaded_at.max()))["last"][0]
        if last is not None and now <= _utc(last):
            now = _utc(last) + timedelta(microseconds=1)
        return now

    # --- reading -------------------------------------------------------------------------------
    def _table(self, name: str) -> ibis.Table:
        """A stored table; one written by an older release reads the columns added since with their defaults."""
        t = self.engine.table(name)
        missing = {c: v for c, v in ADDED_COLUMNS.get(name, {}).items() if c not in t.columns}
        if missing:
            t = t.mutate(**{c: ibis.literal(v, type=TABLES[name].types[c]) for c, v in missing.items()})
        return t

    def _visible(self, table: str) -> ibis.Table:
        return q.committed(self._table(table), self.engine.table(LOADS))

    def current(self, table: str, *, bookkeeping: bool = False, ordered: bool = True, **filters: Any) -> pl.DataFrame:
        """Latest version of every key, filtered by ``column=value`` (a list means "one of").

        In key order; ``ordered=False`` leaves the rows in the engine's order (a caller that joins them on the key
        does not need the sort: ≈ 0.3–0.6 s of CPU at 1 M stored rows on DuckDB)."""
        check_columns(table, filters)
        spec = TABLES[table]
        with self.engine.reading():
            if not self._written(table):  # no committed load wrote it: every row would be hidden
                return self._empty(table, bookkeeping)
            t = q.where(q.latest(self._visible(table), spec.key), filters)
            if ordered:
                t = q.order(t, spec.key, with_version=False)
            return self._fetch(t, table, bookkeeping)

    def _written(self, table: str) -> bool:
        """False when no committed load has written ``table``: a stored row is visible only through a committed load
        of its own table (``q.committed``; every load has its own ``load_id``), so the table reads empty without
        asking it (an assessment reads six tables, often two or three never loaded; each read is ≈ 0.07 s of Ibis
        compiling and DuckDB answering). The tables the log names are kept with the store's load mark
        (``Engine.committed_mark``, answered from a few ``stat`` calls while nothing changed) and read again when it
        moves, and are fixed for the rest of a read session (``Engine.read_memo``). Inside a write session, or on an
        engine that keeps no memo, every table is asked."""
        memo = self.engine.read_memo()
        if memo is None:
            return True
        written = memo.get("written")
        if written is None:
            mark = self.engine.committed_mark(LOADS)  # before the log's tables: a load committed after it moves it
            kept = self._written_kept
            if kept is not None and kept[0] == mark:
                written = kept[1]
            else:
                loads = self.engine.table(LOADS)
                done = loads.filter(loads.status == q.COMMITTED)
                written = frozenset(self.engine.fetch(done.select("table").distinct()).get_column("table").to_list())
                self._written_kept = (mark, written)
            memo["written"] = written
        return table in written

    def _empty(self, table: str, bookkeeping: bool) -> pl.DataFrame:
        schema = schema_of(table)
        cols = [c for c in schema.names if bookkeeping or c not in BOOKKEEPING]
        return pl.DataFrame(schema={c: polars_dtype(schema[c]) for c in cols})

    def history(self, table: str, key: dict[str, Any]) -> pl.DataFrame:
        """Every version of the rows matching ``key`` (all or part of the table key), oldest first."""
        check_columns(table, key)
        spec = TABLES[table]
        with self.engine.reading():
            t = q.where(self._visible(table), key)
            return self._fetch(q.order(t, spec.key, with_version=True), table, True)

    def as_of(self, table: str, timestamp: datetime | str, *, bookkeeping: bool = False,
              **filters: Any) -> pl.DataFrame:
        """The table as ``current()`` showed it at ``timestamp`` (naive times are UTC)."""
        check_columns(table, filters)
        spec = TABLES[table]
        with self.engine.reading():
            t = q.where(q.latest(q.up_to(self._visible(table), _utc(timestamp)), spec.key), filters)
            return self._fetch(q.order(t, spec.key, with_version=False), table, bookkeeping)

    def version(self) -> str:
        """A token that changes with every committed load into the store, by this process or any other (the
        number of committed loads and the time of the last, ``"5@2026-12-01 22:23:24.971166+00"``; ``"0@"`` for
        a store nothing was loaded into). Cheap enough to ask on every request: one aggregate over the load log
        (on DuckDB a plain statement, ≈ 0.5 ms when the process has the file open, else the ≈ 20 ms open — and
        nothing at all while the file is unchanged).
        Results computed from the store can be cached under it (``ecer.api.cache``).

        On a DuckDB file the log is read again only when the file or its write-ahead log changed (``stat``, a few
        µs) or this process loaded since the last read (``DuckDBEngine.committed_mark``), so asking costs no open
        of the file while nothing was loaded."""
        n, last = self.engine.committed_mark(LOADS)
        return f"{n}@{last}"

    def known_version(self) -> str | None:
        """:meth:`version` when it is known without reading the store (nothing changed since it was last read; a few
        ``stat`` calls, never waits), else ``None`` — for callers that must not block (the server's event loop)."""
        mark = self.engine.known_mark(LOADS)
        return None if mark is None else f"{mark[0]}@{mark[1]}"

    def loads(self) -> pl.DataFrame:
        """The load log, oldest first."""
        with self.engine.reading():
            return self._fetch(self.engine.table(LOADS).order_by(["loaded_at", "load_id"]), LOADS, True)

    def snapshot(self) -> dict[str, pl.DataFrame]:
        """Every stored row of every table (all versions, committed or not), in a fixed order."""
        out = {}
        with self.engine.reading():
            for name in ALL_TABLES:
                t = self._table(name)
                frame = self._fetch(t, name, True)
                out[name] = frame.sort(frame.columns, nulls_last=True)
        return out

    def table_names(self) -> list[str]:
        return list(ALL_TABLES)

    def counts(self) -> dict[str, int]:
        """Stored rows per table (all versions)."""
        with self.engine.reading():
            return {name: int(self.engine.table(name).count().execute()) for name in ALL_TABLES}

    def _fetch(self, expr: ibis.Table, table: str, bookkeeping: bool) -> pl.DataFrame:
        schema = schema_of(table)
        cols = [c for c in schema.names if bookkeeping or table == LOADS or c not in BOOKKEEPING]
        frame = self.engine.fetch(expr.select(cols))
        fixed = []
        for c in cols:
            want = polars_dtype(schema[c])
            s = frame[c]
            if isinstance(want, pl.Datetime) and isinstance(s.dtype, pl.Datetime) and s.dtype.time_zone is None:
                s = s.dt.cast_time_unit("us").dt.replace_time_zone("UTC")  # Spark returns naive UTC
            fixed.append(s.cast(want))
        return pl.DataFrame(fixed, schema={c: polars_dtype(schema[c]) for c in cols})
