"""Shared fixtures: a Spark-backed store for the cross-layer tests (skipped with a reason without Spark;
a failure with ``CI=true``, see tests/ci.py)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ci import skip_unless_able


@pytest.fixture
def spark_store(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from ecer.storage import Store
    from ecer.storage.engines import local_spark_session, spark_unavailable_reason

    reason = spark_unavailable_reason()
    skip_unless_able(reason and f"Spark tests need the spark extra and Java: {reason}")
    session = local_spark_session(warehouse=tmp_path_factory.mktemp("spark-warehouse"), app="ecer-tests")
    store = Store.spark(session, path=tmp_path / "spark-tables", database="h_" + uuid.uuid4().hex[:10])
    yield store
    store.close()


# No test reads or writes the user catalog of whoever runs the tests (``~/.ecer/catalog``, see
# ``ecer.refdata.user_catalog``): set before any test module is collected (some parametrize over the catalog's
# editions at import), inherited by subprocesses.
_EMPTY_HOME = Path(tempfile.mkdtemp(prefix="ecer-home-"))
os.environ["ECER_HOME"] = str(_EMPTY_HOME)


@pytest.fixture(autouse=True)
def isolated_user_catalog(monkeypatch: pytest.MonkeyPatch) -> Path:
    """``ECER_HOME`` for a test: the session's empty folder (a test may point it elsewhere with monkeypatch)."""
    monkeypatch.setenv("ECER_HOME", str(_EMPTY_HOME))
    return _EMPTY_HOME
