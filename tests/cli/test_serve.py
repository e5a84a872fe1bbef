"""``ecer serve``: the help shows the real defaults, and $ECER_HOST / $ECER_PORT are honoured."""

from __future__ import annotations

import re
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from ecer.cli.main import app

runner = CliRunner()


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_help_shows_the_default_port_and_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECER_PORT", raising=False)
    out = _plain(runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).output)
    assert "default: 8000" in out and "ECER_PORT" in out
    assert "default: 127.0.0.1" in out and "ECER_HOST" in out


@pytest.mark.parametrize(("env", "args", "expected"), [
    ({}, [], ("127.0.0.1", 8000)),
    ({"ECER_PORT": "9123", "ECER_HOST": "0.0.0.0"}, [], ("0.0.0.0", 9123)),
    ({"ECER_PORT": "9123"}, ["--port", "9200"], ("127.0.0.1", 9200)),
])
def test_serve_listens_where_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Any, env: dict[str, str],
                                   args: list[str], expected: tuple[str, int]) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_: seen.update(host=host, port=port))
    for k in ("ECER_PORT", "ECER_HOST"):
        monkeypatch.delenv(k, raising=False)
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "s.duckdb"), *args], env=env)
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == expected
