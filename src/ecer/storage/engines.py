"""Engine-specific code, all in one place: connecting, creating tables, and what "atomic" means.

Everything else in ``ecer.storage`` is plain Ibis and runs unchanged on every engine here.

* ``DuckDBEngine`` — an embedded DuckDB file (or ``:memory:``). Loads run inside a real transaction
  on the raw connection (``BEGIN`` … ``COMMIT``/``ROLLBACK``), so a failed load leaves every table as
  it was. DuckDB allows one writing process per file: a locked file raises ``E_STORE_BUSY``.
* ``SparkEngine`` — Ibis' PySpark backend on a SparkSession (local mode by default). Tables are
  Parquet, created as external tables under ``path`` (so a new session re-attaches them) or as
  managed tables of the session's catalog. Spark has no multi-statement transactions on Parquet:
  each ``INSERT`` is one job, committed whole or not at all by the output committer, but a load
  writes two tables, so ``transaction()`` is a no-op and the store hides half-written loads by
  reading only rows whose ``load_id`` is committed in ``loads`` (docs/storage.md, "Known gaps").

pyspark is imported lazily: the package works without the ``spark`` extra.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
from ibis.backends import BaseBackend

from ecer.findings import FindingsError, Location, make


class Engine:
    """What the store needs from an engine. Subclasses fill in the engine-specific parts."""

    name: str = "?"
    con: BaseBackend
    database: str | None = None
    #: True when ``transaction()`` gives all-or-nothing over several statements.
    transactional: bool = False

    def table_exists(self, name: str) -> bool:
        return name in self.con.list_tables(database=self.database)

    def create_table(self, name: str, schema: ibis.Schema) -> None:
        self.con.create_table(name, schema=schema, database=self.database)

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name, database=self.database)

    def insert(self, name: str, expr: ibis.Table) -> None:
        """One ``INSERT INTO name SELECT …`` statement."""
        self.con.insert(name, expr, database=self.database)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    def close(self) -> None:
        self.con.disconnect()


class DuckDBEngine(Engine):
    name = "duckdb"
    transactional = True

    def __init__(self, path: str | Path | None) -> None:
        import duckdb

        target = ":memory:" if path is None else str(path)
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = ibis.duckdb.connect(target)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                busy = make("E_STORE_BUSY", location=Location(file=target), detail=str(exc))
                raise FindingsError([busy]) from exc
            raise
        self.path = target

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        raw: Any = self.con.con  # the duckdb connection Ibis runs every statement on
        raw.begin()
        try:
            yield
        except BaseException:
            raw.rollback()
            raise
        raw.commit()


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
        self.con = ibis.pyspark.connect(session)

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
