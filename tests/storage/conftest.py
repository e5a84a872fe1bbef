"""Fixtures of the cross-engine storage suite: the same tests run on DuckDB and on local Spark.

Spark tests carry ``@pytest.mark.spark`` and are skipped with the reason when pyspark or Java is
missing (with ``CI=true`` they fail instead: tests/ci.py). One SparkSession serves the whole run (start-up takes ~10 s); every test gets its own Spark
database and table directory, so tests never see each other's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.storage import Store
from ecer.storage.engines import local_spark_session, spark_unavailable_reason
from tests.ci import skip_unless_able
from tests.storage.sample import FakeClock


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory: pytest.TempPathFactory) -> Any:
    reason = spark_unavailable_reason()
    skip_unless_able(reason and f"Spark tests need the spark extra and Java: {reason}")
    return local_spark_session(warehouse=tmp_path_factory.mktemp("spark-warehouse"), app="ecer-tests")


def _spark_store(session: Any, tmp_path: Path) -> Store:
    db = "t_" + uuid.uuid4().hex[:10]
    return Store.spark(session, path=tmp_path / "spark-tables", database=db, clock=FakeClock())


@pytest.fixture(params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """A factory of fresh stores on the parametrized engine (DuckDB: a file in tmp_path)."""
    opened: list[Store] = []

    def make() -> Store:
        if request.param == "spark":
            s = _spark_store(request.getfixturevalue("spark_session"), tmp_path)
        else:
            s = Store.open(tmp_path / f"store{len(opened)}.duckdb", clock=FakeClock())
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    return make_store()


@pytest.fixture
def duck(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "duck.duckdb", clock=FakeClock()) as s:
        yield s
