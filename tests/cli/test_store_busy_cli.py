"""A store another process holds: the CLI waits (saying so in both languages), then exits 3 with E_STORE_BUSY."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.storage import Store
from tests import handcase
from tests.storage.holding import holding
from tests.test_handcase_layers import write_files

runner = CliRunner()


def test_reader_and_loader_wait_then_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "held.duckdb"
    with Store.open(path) as s:
        for name, frame in (("regions", handcase.REGIONS), ("energy", handcase.ENERGY),
                            ("targets", handcase.TARGETS)):
            s.load(name, frame, file=f"{name}.csv", who="t", why="seed")
    folder = write_files(tmp_path / "d")
    monkeypatch.setenv("ECER_STORE_WAIT", "0.5")
    with holding(path, "rw") as holder:
        assessed = runner.invoke(app, ["dual-control", "assess", "--period", "2021", "--store", str(path)])
        assert assessed.exit_code == 3, assessed.output
        text = " ".join(assessed.output.split())  # rich may wrap long lines
        assert "数据库正被其他进程使用，等待中（最多 0.5 秒）" in text
        assert "the store is in use by another process, waiting (up to 0.5 s)" in text
        assert "数据库正被占用" in text and "the store is busy" in text and f"PID {holder.pid}" in text
        loaded = runner.invoke(app, ["load", "energy", str(folder / "energy.csv"), "--store", str(path)])
        assert loaded.exit_code == 3, loaded.output
        assert "nothing was loaded" in loaded.output
    monkeypatch.setenv("ECER_STORE_WAIT", "30")
    assert runner.invoke(app, ["dual-control", "assess", "--period", "2021", "--store", str(path)]).exit_code == 0
    with Store.open(path) as s:
        assert s.counts()["loads"] == 3  # the refused load wrote nothing
