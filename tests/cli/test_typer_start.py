"""``ecer.cli._typer_start``: an option nobody gave skips typer's pydantic coercion, and nothing else changes.

Each probe runs in a fresh interpreter, once with the wrapper installed and once without, and must print the same
thing; the values expected are what the declarations say (a default of None stays None, a missing required
option is usage error 2, a given "3" for an int option is 3)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = r'''
import json, sys
import typer
from typing import Annotated, Optional
from typer.testing import CliRunner
if sys.argv[1] == "patched":
    from ecer.cli import _typer_start
    assert _typer_start.install() and _typer_start.install()  # twice is once
seen = []
app = typer.Typer()
@app.command()
def run(
    need: Annotated[int, typer.Option()],
    name: Annotated[Optional[str], typer.Option(callback=lambda v: seen.append(("cb", v)) or v)] = None,
    many: Annotated[Optional[list[int]], typer.Option()] = None,
    flag: Annotated[bool, typer.Option("--flag")] = False,
) -> None:
    print(json.dumps({"need": need, "name": name, "many": many, "flag": flag, "seen": seen}))
out = []
for args in (["--need", "3"], ["--need", "3", "--name", "x", "--many", "1", "--many", "2", "--flag"], [],
             ["--need", "three"], ["--help"]):
    seen.clear()
    r = CliRunner().invoke(app, args)
    out.append([args, r.exit_code, r.output])
print(json.dumps({"runs": out, "pydantic": "pydantic" in sys.modules}))
'''


def _probe(mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_wrapper_changes_no_outcome() -> None:
    plain, patched = _probe("plain"), _probe("patched")
    assert patched["runs"] == plain["runs"]
    runs = {tuple(a): (code, text) for a, code, text in patched["runs"]}
    # not given: None passed through the callback, the list option None, the flag False
    assert json.loads(runs[("--need", "3")][1]) == {"need": 3, "name": None, "many": None, "flag": False,
                                                     "seen": [["cb", None]]}
    assert json.loads(runs[("--need", "3", "--name", "x", "--many", "1", "--many", "2", "--flag")][1]) == {
        "need": 3, "name": "x", "many": [1, 2], "flag": True, "seen": [["cb", "x"]]}
    assert runs[()][0] == 2 and "--need" in runs[()][1]  # the required option still missing
    assert runs[("--need", "three")][0] == 2  # a given value still coerced (and refused)


def test_help_alone_imports_no_pydantic() -> None:
    code = ("import sys\nimport typer\nfrom typer.testing import CliRunner\nfrom ecer.cli import _typer_start\n"
            "_typer_start.install()\napp = typer.Typer()\n@app.command()\ndef run(x: int = 1) -> None: ...\n"
            "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0\nprint('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
