"""Engine-specific code, all in one place: connecting, creating tables, sessions, and what "atomic" means.

Everything else in ``ecer.storage`` is plain Ibis and runs unchanged on every engine here. The store
does every operation inside ``engine.reading()`` or ``engine.writing()`` (a session); ``engine.con``
is the Ibis backend of the calling thread's session.

* ``DuckDBEngine`` — an embedded DuckDB file (or ``:memory:``). DuckDB lets one process open a file
  read-write, or any number of processes open it read-only, and inside one process every connection
  to a file must use the same mode. So a file store holds nothing between operations: a read opens
  the file read-only (or takes a cursor of the connection its process already has open), a load
  opens it read-write for its transaction only, and the connection closes with the process's last
  session (see ``_Shared``). Loads run inside a real transaction on their own cursor (``BEGIN`` …
  ``COMMIT``/``ROLLBACK``), so a failed load leaves every table as it was, and reads of the same
  process go on (on cursors of the read-write connection) while it runs. A file another process
  holds is retried with back-off up to the engine's ``wait`` (``$ECER_STORE_WAIT``, 30 s) and then
  raises ``E_STORE_BUSY``. A file that does not exist reads as an empty store; the first load
  creates it.
* ``SparkEngine`` — Ibis' PySpark backend on a SparkSession (local mode by default). Tables are
  Parquet, created as external tables under ``path`` (so a new session re-attaches them) or as
  managed tables of the session's catalog. Spark has no multi-statement transactions on Parquet:
  each ``INSERT`` is one job, committed whole or not at all by the output committer, but a load
  writes two tables, so ``transaction()`` is a no-op and the store hides half-written loads by
  reading only rows whose ``load_id`` is committed in ``loads`` (docs/storage.md, "Known gaps").
  Sessions of one Spark store run one at a time (Ibis' PySpark backend switches the session's
  current database while it resolves a table).

pyspark is imported lazily: the package works without the ``spark`` extra.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import polars as pl
from ibis.backends import BaseBackend
from ibis.common.exceptions import TableNotFound

from ecer.findings import FindingsError, Location, make
from ecer.storage.locks import Waiter, WriterFlag, default_wait


class Engine:
    """What the store needs from an engine. Subclasses fill in the engine-specific parts."""

    name: str = "?"
    database: str | None = None
    #: True when ``transaction()`` gives all-or-nothing over several statements.
    transactional: bool = False
    _con: BaseBackend

    @property
    def con(self) -> BaseBackend:
        """The Ibis backend the calling thread's statements run on."""
        return self._con

    def prepare(self, schemas: Mapping[str, ibis.Schema]) -> None:
        """Make sure every table exists (engines may defer this to the first write)."""
        for name, schema in schemas.items():
            if not self.table_exists(name):
                self.create_table(name, schema)

    def table_exists(self, name: str) -> bool:
        return name in self.con.list_tables(database=self.database)

    def create_table(self, name: str, schema: ibis.Schema) -> None:
        self.con.create_table(name, schema=schema, database=self.database)

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name, database=self.database)

    def insert(self, name: str, expr: ibis.Table) -> None:
        """One ``INSERT INTO name SELECT …`` statement."""
        self.con.insert(name, expr, database=self.database)

    def insert_frame(self, name: str, frame: pl.DataFrame) -> None:
        """Append the rows of a small frame whose columns and types are the table's (the load log's row)."""
        self.insert(name, ibis.memtable(frame.to_arrow()))

    #: True when :meth:`read_parquet` reads local Parquet files inside the session (``Store.load`` of parts).
    reads_parquet: bool = False

    def read_parquet(self, paths: list[str]) -> ibis.Table:
        """Local Parquet files as a table of the calling session (engines with ``reads_parquet``)."""
        raise NotImplementedError(f"{self.name} does not read Parquet parts here")

    def fetch(self, expr: ibis.Table) -> pl.DataFrame:
        """The rows of ``expr`` as a polars frame (the store casts them to the table's types)."""
        return expr.to_polars()

    def read_memo(self) -> dict[str, Any] | None:
        """A dict that lives as long as the calling thread's read session (``reading()``, not inside
        ``writing()``), for what the store reads once per session; None when the engine keeps none."""
        return None

    def load_mark(self, loads: str) -> tuple[int, str]:
        """The number of committed loads in the load log ``loads`` and the time of the last (ISO), read in the
        calling session: every committed load, by any process, changes it (``Store.version``)."""
        t = self.table(loads)
        c = t.filter(t.status == "committed")  # the metrics must name the filtered relation (Ibis integrity rule)
        row = c.aggregate(n=c.count(), last=c.loaded_at.max()).to_polars().row(0)
        return int(row[0] or 0), "" if row[1] is None else row[1].isoformat()

    def committed_mark(self, loads: str) -> tuple[int, str]:
        """:meth:`load_mark` in a read session of its own (``Store.version``); engines may answer from a memo
        that every committed load invalidates."""
        with self.reading():
            return self.load_mark(loads)

    def known_mark(self, loads: str) -> tuple[int, str] | None:
        """The load mark when it is known without a statement (a memo still valid), else ``None``."""
        return None

    def add_columns(self, name: str, columns: Mapping[str, tuple[dt.DataType, object]]) -> None:
        """Add columns a table written by an older release lacks (``{column: (type, default)}``); existing rows get
        the default. Called inside a write session."""
        for col, (typ, default) in columns.items():
            lit = "NULL" if default is None else ("'" + str(default).replace("'", "''") + "'"
                                                  if isinstance(default, str) else str(default))
            self.con.raw_sql(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {_sql_type(typ)} DEFAULT {lit}')

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A read session: every statement of one store read runs inside it."""
        yield

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """A write session: one load, all or nothing where the engine can (``transactional``)."""
        with self.transaction():
            yield

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    def close(self) -> None:
        self.con.disconnect()


def _busy(file: str, detail: str) -> FindingsError:
    return FindingsError([make("E_STORE_BUSY", location=Location(file=file), detail=detail)])


_HOLDER = re.compile(r"lock is held in (.+?) \(PID (\d+)\)")


def _busy_reason(exc: Exception) -> str:
    """DuckDB's lock error in a few words: which process holds the file."""
    text = str(exc)
    found = _HOLDER.search(text)
    if found:
        return f"the file is locked by PID {found.group(2)} ({found.group(1)})"
    if "different configuration" in text:
        return "this process already has the file open in the other mode (read-only / read-write)"
    return text.split(". ")[0]


def _is_busy(exc: Exception) -> bool:
    """DuckDB's words for "another process holds the file" / "this process has it open another way"."""
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text or "different configuration" in text


def _connect(file: Path, *, read_only: bool, waiter: Waiter, flag: WriterFlag | None) -> Any:
    """``duckdb.connect(file)``, retried with back-off while another process holds the file."""
    import duckdb

    if not read_only:
        file.parent.mkdir(parents=True, exist_ok=True)
    while True:
        reason = flag.held_elsewhere() if flag is not None else None
        if reason is None:
            try:
                return duckdb.connect(str(file), read_only=read_only)
            except duckdb.Error as exc:
                if not _is_busy(exc):
                    raise
                reason = _busy_reason(exc)
        waiter.other_process(reason)
        if waiter.expired():
            raise _busy(str(file), f"{reason} — still in use after waiting {waiter.seconds:g} s")
        waiter.sleep()


class _Shared:
    """One process's connection to one DuckDB file (or to one in-memory database), shared by its sessions.

    Every session takes a cursor of it. For a file the connection is opened by the first session and
    closed by the last, so between operations the process holds nothing. It is read-only unless a load
    is running: a load waits until the read-only sessions of this process have finished (new ones wait
    behind it, so readers cannot starve it), takes the writer's flag (``<file>.lock``), opens the file
    read-write and lets readers in again on cursors of that connection (they see the last committed
    data while the load's transaction runs). When the load ends, its connection closes as soon as the
    reads already running on it finish (new reads wait, then open read-only again), which checkpoints
    the file and frees it for other processes. A read-only connection also stops taking new sessions
    when another process raises the writer's flag. An in-memory database stays open (read-write) for
    the engine's life; its loads still run one at a time.
    """

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.cond = threading.Condition()
        self.con: Any = None
        self.mode: str | None = None  # "ro" | "rw"
        self.users = 0
        self.opening = False
        self.draining = False
        self.writer = False
        self.writers_waiting = 0
        self.external: str | None = None
        #: Bumped when a load of this process starts and when it ends (``DuckDBEngine.change_stamp``).
        self.generation = 0
        #: (change stamp, load mark, monotonic time read) of the last load-log read (``DuckDBEngine.committed_mark``).
        self.mark_memo: tuple[Any, tuple[int, str], float] | None = None
        self.flag = WriterFlag(file) if file is not None else None
        self.permanent = file is None
        if file is None:
            import duckdb

            self.con = duckdb.connect(":memory:")
            self.mode = "rw"

    @property
    def label(self) -> str:
        return ":memory:" if self.file is None else str(self.file)

    # --- entering ----------------------------------------------------------------------------
    def enter_read(self, waiter: Waiter) -> Any:
        with self.cond:
            while True:
                if self.con is not None:
                    if self._may_join(waiter):
                        return self._join()
                elif not self.opening and not self.writers_waiting:
                    self.opening = True
                    break
                self._wait(waiter, self.external or "a load in this process is still running")
        assert self.file is not None
        try:
            con = _connect(self.file, read_only=True, waiter=waiter, flag=self.flag)
        except BaseException:
            with self.cond:
                self.opening = False
                self.cond.notify_all()
            raise
        with self.cond:
            self._publish(con, "ro")
            return self._join()

    def enter_write(self, waiter: Waiter) -> Any:
        with self.cond:
            self.writers_waiting += 1
            try:
                while True:
                    if not self.writer and not self.opening:
                        if self.con is None:
                            self.opening = self.writer = True
                            break
                        if self.mode == "rw":  # in-memory, or a finished load's connection still in use
                            self.writer, self.draining = True, False
                            self.generation += 1
                            return self._join()
                        self.draining = True  # let the read-only sessions finish; then it closes
                    busy_with = ("another load in this process is still running" if self.writer or self.opening
                                 else "reads in this process are still running")
                    self._wait(waiter, busy_with)
            except BaseException:  # gave up: a read-only connection still in use may take readers again
                if self.writers_waiting == 1 and self.mode == "ro" and self.external is None:
                    self.draining = False
                    self.cond.notify_all()
                raise
            finally:
                self.writers_waiting -= 1
        assert self.file is not None and self.flag is not None
        try:
            while not self.flag.try_acquire():
                reason = self.flag.held_elsewhere() or "another process is loading into it"
                waiter.other_process(reason)
                if waiter.expired():
                    raise _busy(self.label, f"{reason} — still in use after waiting {waiter.seconds:g} s")
                waiter.sleep()
            con = _connect(self.file, read_only=False, waiter=waiter, flag=None)
        except BaseException:
            with self.cond:
                self.opening = self.writer = False
                self.flag.release()
                self.cond.notify_all()
            raise
        with self.cond:
            self.generation += 1
            self._publish(con, "rw")
            return self._join()

    def _may_join(self, waiter: Waiter) -> bool:
        if self.draining:
            return False
        if self.mode == "rw":
            return self.writer or self.permanent
        if self.writers_waiting:
            return False
        other = self.flag.held_elsewhere() if self.flag is not None else None
        if other is not None:  # a writer in another process waits for this connection to close
            self.draining, self.external = True, other
            waiter.other_process(other)
            return False
        return True

    def _wait(self, waiter: Waiter, busy_with: str) -> None:
        remaining = waiter.remaining()
        if remaining <= 0:
            raise _busy(self.label, f"{busy_with} — still in use after waiting {waiter.seconds:g} s")
        self.cond.wait(remaining)

    def _publish(self, con: Any, mode: str) -> None:
        self.con, self.mode, self.opening, self.draining = con, mode, False, False
        self.cond.notify_all()

    def _join(self) -> Any:
        self.users += 1
        return self.con.cursor()

    # --- leaving -----------------------------------------------------------------------------
    def leave(self, cursor: Any, *, wrote: bool) -> None:
        with contextlib.suppress(Exception):
            cursor.close()
        with self.cond:
            if wrote:
                self.generation += 1
                self.writer = False
                if not self.permanent:
                    self.draining = True
            self.users -= 1
            if self.users == 0 and not self.permanent:
                try:
                    self.con.close()  # the last session: free the file (a read-write close checkpoints)
                finally:
                    self.con, self.mode, self.draining, self.external = None, None, False, None
                    if self.flag is not None:
                        self.flag.release()
            self.cond.notify_all()

    def close(self) -> None:
        if self.permanent and self.con is not None:
            self.con.close()
            self.con = None


_SHARED: weakref.WeakValueDictionary[str, _Shared] = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


def _shared_for(file: Path) -> _Shared:
    """The one ``_Shared`` of this process for ``file`` (every Store on the file uses it)."""
    key = str(file.resolve())
    with _SHARED_LOCK:
        shared = _SHARED.get(key)
        if shared is None:
            shared = _Shared(Path(key))
            _SHARED[key] = shared
        return shared


@dataclass
class _Session:
    backend: BaseBackend
    mode: str  # "read" | "write"
    #: What a read session has already asked the store (``Engine.read_memo``); a write session keeps none.
    memo: dict[str, Any] = field(default_factory=dict)


class DuckDBEngine(Engine):
    """DuckDB file (``path``) or in-memory database (``path=None``).

    wait : seconds an operation waits for a file another process holds (default ``$ECER_STORE_WAIT``
        or 30) before ``E_STORE_BUSY``.
    on_wait : called once with a bilingual notice when an operation starts waiting for another process
        (default: a warning on the ``ecer.storage`` log).
    """

    name = "duckdb"
    transactional = True
    reads_parquet = True

    def __init__(self, path: str | Path | None, *, wait: float | None = None,
                 on_wait: Any = None) -> None:
        self.file = None if path is None else Path(path)
        self.path = ":memory:" if path is None else str(path)
        self.wait = default_wait() if wait is None else float(wait)
        self.on_wait = on_wait
        self._schemas: dict[str, ibis.Schema] = {}
        self._local = threading.local()
        self._shared = _Shared(None) if self.file is None else _shared_for(self.file)

    @property
    def con(self) -> BaseBackend:
        session: _Session | None = getattr(self._local, "session", None)
        if session is None:
            raise RuntimeError("a DuckDB store statement ran outside engine.reading()/engine.writing()")
        return session.backend

    def read_memo(self) -> dict[str, Any] | None:
        session: _Session | None = getattr(self._local, "session", None)
        return session.memo if session is not None and session.mode == "read" else None

    def prepare(self, schemas: Mapping[str, ibis.Schema]) -> None:
        """Remember the tables; a file gets the missing ones at its first load, memory at once."""
        self._schemas = dict(schemas)
        if self.file is None:
            with self.writing():
                pass

    def fetch(self, expr: ibis.Table) -> pl.DataFrame:
        """DuckDB hands the result to polars through Arrow itself: ibis's ``to_polars`` also imports pandas for
        its type converter (0.6 s at a process's first read), which a polars result does not need."""
        return self.con._to_duckdb_relation(expr).pl()

    def insert(self, name: str, expr: ibis.Table) -> None:
        """As :meth:`Engine.insert`, without DuckDB keeping the rows in the order of the ``SELECT``: no read of the
        store depends on the order rows were written in (a read orders by the key, or joins on it), and keeping it
        made DuckDB read the Parquet parts of a load nearly one row group after another (1 M rows in 10 parts:
        insert ≈ 1.7 s with the order kept, ≈ 1.2 s without; benchmarks/README.md, 2026-12-03).
        ``preserve_insertion_order`` is a setting of the whole database (DuckDB has no per-statement one): it is
        switched off for this statement only — loads are one at a time (the writer's flag) — and restored after it,
        also when the insert fails."""
        con = self.con
        con.raw_sql("SET preserve_insertion_order = false")
        try:
            super().insert(name, expr)
        finally:
            con.raw_sql("RESET preserve_insertion_order")

    def insert_frame(self, name: str, frame: pl.DataFrame) -> None:
        """As :meth:`Engine.insert_frame`, as one ``INSERT … VALUES`` of literals (written by sqlglot, which quotes
        them) on the session's cursor: the first ``ibis.memtable`` of a process, DuckDB's ``register`` of Arrow data
        and its parameterised ``executemany`` all import pandas (≈ 0.4 s of CPU, once per ``ecer load``). For a few
        rows of text, numbers, booleans and timestamps; any other value takes :meth:`Engine.insert_frame`."""
        import sqlglot.expressions as sge

        def literal(v: Any) -> sge.Expression:
            if v is None:
                return sge.Null()
            if isinstance(v, bool):
                return sge.Boolean(this=v)
            if isinstance(v, int) or (isinstance(v, float) and math.isfinite(v)):
                return sge.Literal.number(repr(v))
            if isinstance(v, str):
                return sge.Literal.string(v)
            if isinstance(v, datetime):
                return sge.cast(sge.Literal.string(v.isoformat()), "TIMESTAMPTZ" if v.tzinfo else "TIMESTAMP")
            raise TypeError(type(v))

        try:
            rows = [sge.Tuple(expressions=[literal(v) for v in row]) for row in frame.rows()]
        except TypeError:
            super().insert_frame(name, frame)
            return
        if not rows:
            return
        cols = ", ".join(sge.to_identifier(c, quoted=True).sql("duckdb") for c in frame.columns)
        values = ", ".join(r.sql("duckdb") for r in rows)
        self.con.raw_sql(f"INSERT INTO {sge.to_identifier(name, quoted=True).sql('duckdb')} ({cols}) VALUES {values}")

    def read_parquet(self, paths: list[str]) -> ibis.Table:
        """A temporary view over ``read_parquet`` on the session's cursor (gone with the connection; DuckDB reads the
        files in the statements that use it, in parallel and without holding them)."""
        return self.con.read_parquet(paths)

    def table(self, name: str) -> ibis.Table:
        try:
            return self.con.table(name)
        except TableNotFound:
            if name not in self._schemas:
                raise
            # A file not written yet, or written before this table existed: the table is empty.
            return ibis.memtable(self._schemas[name].to_pyarrow().empty_table())

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        if getattr(self._local, "session", None) is not None:  # inside a session already: share it
            yield
            return
        if self.file is not None and not self.file.exists():
            yield from self._empty_session()
            return
        cursor = self._shared.enter_read(Waiter(self.wait, self.on_wait))
        try:
            self._local.session = _Session(ibis.duckdb.from_connection(cursor), "read")
            yield
        finally:
            self._local.session = None
            self._shared.leave(cursor, wrote=False)

    def _empty_session(self) -> Iterator[None]:
        """A file that does not exist yet reads as a store with every table empty (nothing is created)."""
        backend = ibis.duckdb.connect()
        try:
            self._local.session = _Session(backend, "read")
            yield
        finally:
            self._local.session = None
            backend.disconnect()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        session: _Session | None = getattr(self._local, "session", None)
        if session is not None:
            if session.mode != "write":
                raise RuntimeError("a store load cannot start inside a read session of the same thread")
            yield
            return
        cursor = self._shared.enter_write(Waiter(self.wait, self.on_wait))
        try:
            backend = ibis.duckdb.from_connection(cursor)
            self._local.session = _Session(backend, "write")
            present = set(backend.list_tables())
            for name, schema in self._schemas.items():
                if name not in present:
                    backend.create_table(name, schema=schema)
            cursor.begin()
            try:
                yield
            except BaseException:
                cursor.rollback()
                raise
            cursor.commit()
        finally:
            self._local.session = None
            self._shared.leave(cursor, wrote=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.writing():
            yield

    def load_mark(self, loads: str) -> tuple[int, str]:
        """As :meth:`Engine.load_mark`, in one plain statement on the session's cursor (≈ 0.5 ms on an open
        connection; no Ibis expression to compile). A file without the table yet has had no load."""
        import duckdb

        try:
            row = self.con.raw_sql(
                f"SELECT count(*), CAST(max(loaded_at) AS VARCHAR) FROM \"{loads}\" WHERE status = 'committed'"
            ).fetchone()
        except duckdb.CatalogException:
            return 0, ""
        return int(row[0] or 0), row[1] or ""

    def change_stamp(self) -> tuple[Any, ...] | None:
        """What changes whenever a load commits to this store, read without opening it; ``None`` while another
        process holds the writer's flag (a load is running there: the caller reads the log itself, waiting for it).

        The stamp is this process's load counter (``_Shared.generation``, bumped when a load starts and ends) and,
        for a file, ``stat()`` of the file and of its write-ahead log ``<file>.wal`` (inode, size, modification and
        change times in ns). A load by another process commits by writing the log (which appears or grows) and
        checkpoints into the file when it closes, so both cannot be as they were: the stamp differs.
        """
        shared = self._shared
        if self.file is None:
            return (shared.generation,)
        if shared.flag is not None and shared.flag.held_elsewhere() is not None:
            return None
        return (shared.generation, _stat(self.file), _stat(self.file.with_name(self.file.name + ".wal")))

    def known_mark(self, loads: str) -> tuple[int, str] | None:
        """The memoised mark of :meth:`committed_mark` while it is still valid (a few ``stat`` calls, no statement,
        never waits: safe on an event loop), else ``None``."""
        stamp = self.change_stamp()
        memo = self._shared.mark_memo
        if stamp is not None and memo is not None and memo[0] == stamp \
                and time.monotonic() - memo[2] < MARK_RECHECK_SECONDS:
            return memo[1]
        return None

    def committed_mark(self, loads: str) -> tuple[int, str]:
        """:meth:`Engine.committed_mark` without opening the file while nothing changed: the mark is kept with the
        :meth:`change_stamp` taken *before* it was read, and given again while the stamp is the same, for at most
        ``MARK_RECHECK_SECONDS`` (then read again, a guard against a file system whose times are too coarse to
        tell two writes apart). A load committed while the mark was read changes the stamp, so it is read again
        on the next call; a load still running in another process (its writer's flag is up) is waited for."""
        stamp = self.change_stamp()
        memo = self._shared.mark_memo
        now = time.monotonic()
        if stamp is not None and memo is not None and memo[0] == stamp and now - memo[2] < MARK_RECHECK_SECONDS:
            return memo[1]
        with self.reading():
            mark = self.load_mark(loads)
        if stamp is not None:
            self._shared.mark_memo = (stamp, mark, now)
        return mark

    def close(self) -> None:
        if self.file is None:
            self._shared.close()


#: Longest time a memoised load mark is given without reading the load log again (``DuckDBEngine.committed_mark``).
MARK_RECHECK_SECONDS = 10.0


def _stat(path: Path) -> tuple[int, int, int, int] | None:
    """``(inode, size, mtime ns, ctime ns)`` of ``path``, ``None`` when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _sql_type(t: dt.DataType) -> str:
    """DuckDB DDL type of the four types the store uses."""
    for test, name in ((t.is_timestamp, "TIMESTAMPTZ"), (t.is_string, "VARCHAR"), (t.is_float64, "DOUBLE"),
                       (t.is_int64, "BIGINT")):
        if test():
            return name
    raise TypeError(f"no DuckDB DDL type for {t}")  # pragma: no cover


def _spark_type(t: dt.DataType) -> str:
    """Spark DDL type of the four types the store uses."""
    for test, name in ((t.is_timestamp, "TIMESTAMP"), (t.is_string, "STRING"), (t.is_float64, "DOUBLE"),
                       (t.is_int64, "BIGINT")):
        if test():
            return name
    raise TypeError(f"no Spark DDL type for {t}")  # pragma: no cover


def prepare_java_env() -> str | None:
    """Make sure Spark finds Java and this interpreter; return JAVA_HOME or ``None`` without Java.

    Sets ``JAVA_HOME`` from the ``java`` on PATH when unset (on Debian
    ``/usr/lib/jvm/java-17-openjdk-amd64``) and ``PYSPARK_PYTHON`` to the running interpreter, so
    Spark's Python workers use the same virtualenv.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if os.environ.get("JAVA_HOME") and Path(os.environ["JAVA_HOME"], "bin", "java").exists():
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    if java is None:
        return None
    home = str(Path(java).resolve().parent.parent)
    os.environ["JAVA_HOME"] = home
    return home


def spark_unavailable_reason() -> str | None:
    """Why Spark cannot run here (``None`` when it can): the extra missing, or no Java."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (install the extra: uv sync --extra spark)"
    if prepare_java_env() is None:
        return "no Java runtime found (install openjdk-17-jre-headless or set JAVA_HOME)"
    return None


def local_spark_session(warehouse: str | Path | None = None, app: str = "ecer") -> Any:
    """A small local SparkSession: local[1], no UI, 2 shuffle partitions, UTC, Arrow transfers."""
    reason = spark_unavailable_reason()
    if reason:
        raise RuntimeError(f"cannot start Spark: {reason}")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master("local[1]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
    )
    if warehouse is not None:
        builder = builder.config("spark.sql.warehouse.dir", str(Path(warehouse).resolve()))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(Engine):
    name = "spark"
    transactional = False

    def __init__(self, session: Any = None, *, path: str | Path | None = None,
                 database: str | None = None) -> None:
        if session is None:
            session = local_spark_session()
        # Timestamps are stored as Spark TIMESTAMP (instant) and shown in the session zone: use UTC.
        session.conf.set("spark.sql.session.timeZone", "UTC")
        session.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
        self.session = session
        self.location = Path(path).resolve() if path is not None else None
        if database:
            session.sql(f"CREATE DATABASE IF NOT EXISTS `{database}`")
        self.database = database
        self._con = ibis.pyspark.connect(session)
        self._lock = threading.RLock()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._lock:  # one store call at a time: Ibis switches the session's current database
            yield

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._lock, self.transaction():
            yield

    def add_columns(self, name: str, columns: Mapping[str, tuple[dt.DataType, object]]) -> None:
        """Spark adds nullable columns (old rows read null; readers fill the documented default)."""
        qualified = f"`{self.database}`.`{name}`" if self.database else f"`{name}`"
        cols = ", ".join(f"`{c}` {_spark_type(typ)}" for c, (typ, _) in columns.items())
        self.session.sql(f"ALTER TABLE {qualified} ADD COLUMNS ({cols})")

    def create_table(self, name: str, schema: ibis.Schema) -> None:
        if self.location is None:
            super().create_table(name, schema)
            return
        # External Parquet table at a fixed place: a later session re-attaches the same files.
        cols = ", ".join(f"`{c}` {_spark_type(t)}" for c, t in schema.items())
        qualified = f"`{self.database}`.`{name}`" if self.database else f"`{name}`"
        where = (self.location / name).as_posix().replace("'", "\\'")
        self.session.sql(f"CREATE TABLE IF NOT EXISTS {qualified} ({cols}) USING parquet LOCATION '{where}'")

    def close(self) -> None:
        # The session may be shared (tests, notebooks): leave it running; its owner stops it.
        pass
