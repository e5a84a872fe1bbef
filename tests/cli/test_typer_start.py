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


GROUPS_PROBE = r'''
import json, sys
import typer
from typer.testing import CliRunner
if sys.argv[1] == "patched":
    from ecer.cli import _typer_start
    assert _typer_start.install()
built = []
app = typer.Typer(no_args_is_help=True, add_completion=False)
@app.command("top")
def top(n: int = 1) -> None:
    """The root's own command."""
    print("top", n)
for name in ("alpha", "beta"):
    sub = typer.Typer(help=f"{name} group", no_args_is_help=True)
    def make(name=name):
        def run(x: str = "x") -> None:
            """Run it."""
            print(name, x)
        return run
    sub.command("run")(make())
    @sub.callback()
    def cb(name=name) -> None:
        built.append(name)
    app.add_typer(sub, name=name)
out = []
for args in (["--help"], [], ["alpha", "run", "--x", "y"], ["beta", "--help"], ["alpah", "run"], ["beta", "rn"],
             ["top", "--n", "2"]):
    r = CliRunner().invoke(app, args)
    out.append([args, r.exit_code, r.output])
cmd = typer.main.get_command(app)
pending = getattr(cmd.commands, "pending", lambda: None)()
cmd.main(["alpha", "run"], standalone_mode=False)
print(json.dumps({"runs": out, "names": list(cmd.commands), "pending": pending,
                  "after": getattr(cmd.commands, "pending", lambda: None)()}))
'''


def _groups_probe(mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", GROUPS_PROBE, mode], check=True, capture_output=True, text=True,
                         env={**__import__("os").environ, "COLUMNS": "100"})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_groups_built_when_looked_up_change_no_outcome() -> None:
    plain, patched = _groups_probe("plain"), _groups_probe("patched")
    assert patched["runs"] == plain["runs"]
    assert patched["names"] == plain["names"] == ["top", "alpha", "beta"]  # typer's order: commands, then groups
    runs = {tuple(a): (code, text) for a, code, text in patched["runs"]}
    assert runs[("alpha", "run", "--x", "y")] == (0, "alpha y\n")
    assert runs[("top", "--n", "2")] == (0, "top 2\n")
    assert "alpha group" in runs[("--help",)][1] and "beta group" in runs[("--help",)][1]
    assert runs[("alpah", "run")][0] == 2 and "alpha" in runs[("alpah", "run")][1]  # the suggestion still offered
    assert runs[("beta", "rn")][0] == 2 and "run" in runs[("beta", "rn")][1]
    # typer builds every group up front; with the wrapper a run of `alpha run` builds alpha alone
    assert plain["pending"] is None
    assert patched["pending"] == ["alpha", "beta"] and patched["after"] == ["beta"]
