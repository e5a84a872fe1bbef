"""The CLI starts light: the heavy libraries are imported by the commands that need them (issue 6 §7).

A structural property checked in a fresh interpreter (``sys.modules``), never a timing."""

from __future__ import annotations

import json
import subprocess
import sys

from ecer.cli.data import TEMPLATE_NAMES
from ecer.ingest import TEMPLATES
from ecer.refdata import list_tables
from ecer.refdata.index import table_infos

HEAVY = ("polars", "ibis", "pint", "xlsxwriter", "pydantic", "pandas", "fastapi", "duckdb")


def _imported_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    probe = f"import sys\n{code}\nimport json; print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_imports_no_heavy_library() -> None:
    assert _imported_after("import ecer.cli.main") == []


def test_catalog_list_reads_the_manifests_without_polars_or_pint() -> None:
    code = ("from typer.testing import CliRunner\nfrom ecer.cli.main import app\n"
            "r = CliRunner().invoke(app, ['catalog', 'list'])\nassert r.exit_code == 0, r.output")
    # nor pydantic: typer builds its adapters only for values given (ecer.cli._typer_start)
    assert _imported_after(code) == []


def test_the_light_index_agrees_with_the_validated_catalog() -> None:
    assert table_infos() == list_tables()


def test_the_cli_names_every_template() -> None:
    assert tuple(TEMPLATES) == TEMPLATE_NAMES


def test_catalog_list_builds_the_catalog_group_alone() -> None:
    code = ("import io, contextlib, typer.main\nfrom ecer.cli.main import app\ncmd = typer.main.get_command(app)\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    cmd.main(['catalog', 'list'], standalone_mode=False)\n"
            "import json; print(json.dumps(cmd.commands.pending()))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    pending = json.loads(out.stdout.strip().splitlines()[-1])
    assert "catalog" not in pending
    assert sorted(pending) == ["analysis", "benchmark", "carbon", "dual-control", "energy", "indicators",
                               "pollutants", "projects", "transfer"]
