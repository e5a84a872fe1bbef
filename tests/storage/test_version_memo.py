"""``Store.version()`` on a DuckDB file reads the load log only when something may have changed: a load by this
process, or the file or its write-ahead log changed on disk (a load by another process). Asking again while nothing
changed opens nothing; every load — here or in another process — is seen by the next call."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ecer.storage import Store
from ecer.storage import engines as eng
from tests import handcase
from tests.storage.holding import holding

LOAD_IN_ANOTHER_PROCESS = textwrap.dedent("""
    import sys
    from ecer.storage import Store
    from tests import handcase
    Store.open(sys.argv[1]).load("regions", handcase.REGIONS, file="r.csv", who="other", why=sys.argv[2])
""")


def _opens(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every ``duckdb.connect`` of the store from now on, as its ``read_only`` flag."""
    seen: list[bool] = []
    real = eng._connect

    def counting(file: Path, **kw: object) -> object:
        seen.append(bool(kw["read_only"]))
        return real(file, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(eng, "_connect", counting)
    return seen


def _load_elsewhere(path: Path, why: str) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", LOAD_IN_ANOTHER_PROCESS, str(path), why],
        check=True,
        cwd=root,
        capture_output=True,
        timeout=120,
    )


def test_an_unchanged_file_is_not_opened_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v.duckdb"
    store = Store.open(path)
    store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
    first = store.version()
    opens = _opens(monkeypatch)
    assert [store.version() for _ in range(20)] == [first] * 20
    assert opens == []  # answered from the memo: no connection at all


def test_a_load_in_this_process_is_seen_at_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "v.duckdb")
    seen = [store.version()]
    for i in range(3):
        store.load("regions", handcase.REGIONS, file="r.csv", who="t", why=str(i))
        seen.append(store.version())
    assert [v.split("@")[0] for v in seen] == ["0", "1", "2", "3"]


def test_a_load_by_another_process_is_seen_by_the_next_call(tmp_path: Path) -> None:
    path = tmp_path / "v.duckdb"
    store = Store.open(path)
    store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
    assert store.version().startswith("1@") and store.version().startswith("1@")  # memoised
    for n in (2, 3):
        _load_elsewhere(path, f"load {n}")
        assert store.version().startswith(f"{n}@"), "a load by another process was missed"


def test_a_memo_is_not_trusted_while_another_process_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the writer's flag up elsewhere the stamp is unknown, so the log is read (and waited for)."""
    path = tmp_path / "v.duckdb"
    store = Store.open(path, wait=0.3)
    store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
    store.version()
    with holding(path, "flag"):
        assert store.engine.change_stamp() is None  # type: ignore[attr-defined]
        with pytest.raises(Exception, match="E_STORE_BUSY|in use"):
            store.version()  # it waited for the load (0.3 s here) instead of answering from the memo
    assert store.version().startswith("1@")


def test_the_memo_is_read_again_after_the_recheck_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "v.duckdb")
    store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
    store.version()
    opens = _opens(monkeypatch)
    monkeypatch.setattr(eng, "MARK_RECHECK_SECONDS", 0.0)
    store.version()
    assert opens == [True]  # one read-only open: the guard against coarse file times


def test_a_memory_store_counts_its_own_loads() -> None:
    with Store.memory() as store:
        assert store.version() == "0@"
        store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="1")
        assert store.version().startswith("1@")
        store.load("regions", handcase.REGIONS, file="r.csv", who="t", why="2")
        assert store.version().startswith("2@")
