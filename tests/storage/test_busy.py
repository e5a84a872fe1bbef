"""A DuckDB file shared with other processes and threads: bounded waits, E_STORE_BUSY, no starvation.

DuckDB lets one process open a file read-write, or any number read-only. The store holds the file
only for one operation (docs/storage.md, "Sharing a store file"), so the tests here use a helper
process that holds it the way another program would (tests/storage/holding.py).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from ecer.findings import FindingsError
from ecer.storage import Store
from ecer.storage.engines import DuckDBEngine
from tests.storage.holding import holding, release
from tests.storage.sample import FakeClock, correction, energy, regions


def _seeded(path: Path) -> None:
    with Store.open(path, clock=FakeClock()) as s:
        s.load("regions", regions(), file="r.csv", who="a", why="seed")
        s.load("energy", energy(), file="e.csv", who="a", why="seed")


def _busy_finding(err: pytest.ExceptionInfo[FindingsError]):  # type: ignore[no-untyped-def]
    (f,) = err.value.findings
    assert f.code == "E_STORE_BUSY" and f.level == "error"
    return f


def test_reader_waits_then_fails_busy_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    _seeded(path)
    notes: list[str] = []
    with holding(path, "rw") as holder:
        store = Store.open(path, wait=0.6, on_wait=notes.append)
        start = time.monotonic()
        with pytest.raises(FindingsError) as err:
            store.current("energy")
        waited = time.monotonic() - start
        f = _busy_finding(err)
        assert waited >= 0.6
        assert f.location is not None and f.location.file == str(path.resolve())
        assert "lock" in f.message_en.lower() and f"PID {holder.pid}" in f.message_en
        assert "0.6 s" in f.message_en and "ECER_STORE_WAIT" in f.fix_en and "ECER_STORE_WAIT" in f.fix_zh
        # One notice, in both languages, while it waited.
        assert len(notes) == 1
        assert "数据库正被其他进程使用，等待中" in notes[0] and "the store is in use by another process, waiting" in notes[0]
        with pytest.raises(FindingsError):  # a load waits and gives up the same way
            store.load("energy", correction(), file="c.csv", who="b", why="fix")
    assert store.counts()["loads"] == 2  # released: reads again, nothing was written
    assert store.load("energy", correction(), file="c.csv", who="b", why="fix").revised_keys == 1


def test_load_waits_for_a_reading_process_then_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "read-held.duckdb"
    _seeded(path)
    notes: list[str] = []
    with holding(path, "ro") as holder:
        timer = threading.Timer(1.0, release, args=(holder,))
        timer.start()
        try:
            receipt = Store.open(path, wait=30, on_wait=notes.append).load(
                "energy", correction(), file="c.csv", who="b", why="after the reader")
        finally:
            timer.cancel()
    assert receipt.revised_keys == 1 and len(notes) == 1
    # Readers in several processes at once are fine: a reading process does not block our reads.
    with holding(path, "ro"):
        assert Store.open(path, wait=0).current("energy").height == 4


def test_reader_waits_for_the_writer_flag_of_another_process(tmp_path: Path) -> None:
    path = tmp_path / "flagged.duckdb"
    _seeded(path)
    with holding(path, "flag") as holder:
        with pytest.raises(FindingsError) as err:
            Store.open(path, wait=0.3, on_wait=lambda text: None).current("regions")
        f = _busy_finding(err)
        assert f"PID {holder.pid} is loading into it" in f.message_en


STEADY_READERS = """
import sys, threading, time
from pathlib import Path
from ecer.storage import Store
path, stop = sys.argv[1], Path(sys.argv[2])
store = Store.open(path, wait=30)
counts, errors = [0] * 4, []
def read(i):
    while not stop.exists():
        try:
            store.current("energy")
            counts[i] += 1
        except Exception as exc:
            errors.append(repr(exc))
            return
threads = [threading.Thread(target=read, args=(i,)) for i in range(4)]
for t in threads: t.start()
print("ready", flush=True)
for t in threads: t.join(timeout=120)
last = store.history("energy", {"region_code": "110000", "period": "2021"})["version"].to_list()
print(sum(counts), len(errors), errors[:1], last, flush=True)
"""


def test_steady_readers_in_another_process_do_not_starve_a_load(tmp_path: Path) -> None:
    """4 threads of another process read without pause; the load still gets in (the writer's flag)."""
    path = tmp_path / "steady.duckdb"
    _seeded(path)
    stop = tmp_path / "stop"
    proc = subprocess.Popen([sys.executable, "-c", STEADY_READERS, str(path), str(stop)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # the readers are going
        receipt = Store.open(path, wait=30).load("energy", correction(), file="c.csv", who="b", why="fix")
        assert receipt.revised_keys == 1
        time.sleep(0.5)  # the readers go on after the load
    finally:
        stop.touch()
        out, err = proc.communicate(timeout=120)
    line = out.strip().splitlines()[-1]
    assert line.endswith("[] [1, 2]"), (line, err)
    reads, errors = (int(x) for x in line.split(" ")[:2])
    assert reads > 0 and errors == 0, (line, err)


def test_reads_go_on_while_this_process_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process a read is not held up by a running load: it sees the last committed data."""
    path = tmp_path / "mvcc.duckdb"
    _seeded(path)
    store = Store.open(path, wait=10)
    in_load, finish = threading.Event(), threading.Event()
    original = Store._insert_log

    def slow_log(self: Store, log: pl.DataFrame) -> None:
        in_load.set()
        assert finish.wait(30)
        original(self, log)

    monkeypatch.setattr(Store, "_insert_log", slow_log)
    loader = threading.Thread(target=store.load, args=("energy", correction()),
                              kwargs={"file": "c.csv", "who": "b", "why": "slow"})
    loader.start()
    try:
        assert in_load.wait(30)
        during = store.current("energy", region_code="110000", period="2021", bookkeeping=True)
        assert during["version"].to_list() == [1] and during["total_energy"].to_list() == [70_000_000.0]
    finally:
        finish.set()
        loader.join(30)
    after = store.current("energy", region_code="110000", period="2021", bookkeeping=True)
    assert after["version"].to_list() == [2] and after["total_energy"].to_list() == [69_500_000.0]


def test_threads_share_one_store(tmp_path: Path) -> None:
    """One Store object, many threads reading and two loading: no errors, versions 1, 2, 3."""
    path = tmp_path / "threads.duckdb"
    _seeded(path)
    store = Store.open(path, wait=30)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            if i in (3, 7):
                store.load("energy", correction(), file=f"c{i}.csv", who="t", why="thread")
            else:
                assert store.current("energy").height == 4
                assert store.counts()["regions"] == 2
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert store.history("energy", {"region_code": "110000", "period": "2021"})["version"].to_list() == [1, 2, 3]


def test_memory_store_is_shared_by_threads() -> None:
    with Store.memory() as store:
        store.load("energy", energy(), file="e.csv", who="a", why="x")
        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(store.current("energy").height)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert results == [4] * 8


def test_load_inside_a_read_session_is_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "nested.duckdb")
    store.load("regions", regions(), file="r.csv", who="a", why="x")
    with store.reading():
        assert store.current("regions").height == 2 and store.counts()["regions"] == 2
        with pytest.raises(RuntimeError, match="inside a read session"):
            store.load("energy", energy(), file="e.csv", who="a", why="x")
    assert store.counts()["energy"] == 0


def test_missing_file_reads_empty_and_the_first_load_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.duckdb"
    store = Store.open(path)
    assert store.current("energy").height == 0 and store.counts() == dict.fromkeys(store.table_names(), 0)
    assert store.loads().height == 0 and not path.exists() and not path.parent.exists()
    store.load("regions", regions(), file="r.csv", who="a", why="x")
    assert path.exists() and store.counts()["regions"] == 2


def test_default_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECER_STORE", str(tmp_path / "sub" / "env.duckdb"))
    with Store.open() as s:
        assert s.table_names()[-1] == "loads"
        s.load("regions", regions(), file="r.csv", who="a", why="x")
    assert (tmp_path / "sub" / "env.duckdb").exists()
    monkeypatch.delenv("ECER_STORE")
    monkeypatch.chdir(tmp_path)
    with Store.open() as s:
        s.load("regions", regions(), file="r.csv", who="a", why="x")
    assert (tmp_path / "ecer.duckdb").exists()


def test_wait_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECER_STORE_WAIT", "0.25")
    engine = Store.open(tmp_path / "w.duckdb").engine
    assert isinstance(engine, DuckDBEngine) and engine.wait == 0.25
    monkeypatch.setenv("ECER_STORE_WAIT", "soon")
    with pytest.raises(ValueError, match="ECER_STORE_WAIT"):
        Store.open(tmp_path / "w.duckdb")
    monkeypatch.delenv("ECER_STORE_WAIT")
    assert Store.open(tmp_path / "w.duckdb", wait=2).engine.wait == 2  # type: ignore[attr-defined]


def test_a_load_that_gives_up_does_not_hold_up_later_reads(tmp_path: Path) -> None:
    """A long read session keeps a load waiting; when the load gives up, other reads go on at once."""
    path = tmp_path / "gave-up.duckdb"
    _seeded(path)
    reader, writer = Store.open(path, wait=10), Store.open(path, wait=0.3)
    with reader.reading():  # this thread holds the file read-only
        with pytest.raises(FindingsError) as err:
            writer.load("energy", correction(), file="c.csv", who="b", why="blocked")
        assert "reads in this process are still running" in err.value.findings[0].message_en
        got: list[int] = []
        other = threading.Thread(target=lambda: got.append(Store.open(path, wait=0.5).counts()["energy"]))
        other.start()
        other.join(30)
        assert got == [4]  # read beside the held session, not queued behind the load that gave up
    assert writer.counts()["loads"] == 2
