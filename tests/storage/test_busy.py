"""DuckDB allows one writing process per file: a second process gets E_STORE_BUSY, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ecer.findings import FindingsError
from ecer.storage import Store

HOLDER = """
import sys
from ecer.storage import Store
s = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()  # hold the file until the test closes our stdin
s.close()
"""


def test_locked_file_raises_store_busy(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready", holder.stderr
        with pytest.raises(FindingsError) as err:
            Store.open(path)
        (f,) = err.value.findings
        assert f.code == "E_STORE_BUSY" and f.level == "error"
        assert f.location is not None and f.location.file == str(path)
        assert str(path) in f.message_en and "lock" in f.message_en.lower()
        assert "ecer serve" in f.fix_zh and "ecer serve" in f.fix_en
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store.open(path) as s:  # released: opens again
        assert s.counts()["loads"] == 0


def test_default_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECER_STORE", str(tmp_path / "sub" / "env.duckdb"))
    with Store.open() as s:
        assert s.table_names()[-1] == "loads"
    assert (tmp_path / "sub" / "env.duckdb").exists()
    monkeypatch.delenv("ECER_STORE")
    monkeypatch.chdir(tmp_path)
    with Store.open():
        pass
    assert (tmp_path / "ecer.duckdb").exists()
