"""Shared CLI helpers: the console, printing findings in both languages, exit codes, output formats."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

if TYPE_CHECKING:  # the CLI starts without polars or pydantic; commands import them when they run
    import polars as pl

    from ecer.findings import Finding

console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, soft_wrap=True)

STORE_HELP = ("store: a DuckDB file, or spark: / spark:/path/to/tables for Spark "
              "(default $ECER_STORE or ./ecer.duckdb)")


def store_location(option: str | None) -> str:
    """The store the user named (--store, else $ECER_STORE, else ./ecer.duckdb)."""
    return option or os.environ.get("ECER_STORE", "ecer.duckdb")


def existing_store_location(option: str | None) -> str:
    """Like :func:`store_location`, but a DuckDB file must already exist (reading never creates one)."""
    from ecer.findings import FindingsError, make

    loc = store_location(option)
    if not loc.startswith("spark:"):
        path = loc.removeprefix("duckdb:")
        if path != ":memory:" and not Path(path).exists():
            raise FindingsError([make("E_NO_DATA", detail=f"数据库 {path} 不存在 / store {path} does not exist")])
    return loc


def open_store(location: str) -> Any:
    """The store at ``location`` for a command: a busy DuckDB file is waited for (``$ECER_STORE_WAIT``
    seconds, default 30), saying so once on stderr, before ``E_STORE_BUSY`` (exit 3)."""
    from ecer.storage import Store

    def waiting(text: str) -> None:
        err_console.print(text, style="yellow", markup=False, highlight=False)

    return Store.at(location, on_wait=waiting)


# Codes that are bad usage when they point at a command-line argument (no file in their location); in a file the
# same codes are data errors.
USAGE_CODES = {"E_UNKNOWN_NAME", "E_PERIOD_MALFORMED", "E_REGION_MALFORMED", "E_REGION_UNKNOWN", "E_QUANTITY_MALFORMED",
               "E_CARRIER_AMBIGUOUS", "E_PROJECT_UNKNOWN", "E_DECISION_INVALID", "E_INDICATOR_UNKNOWN"}
STORE_CODES = {"E_STORE_BUSY"}
EXIT_CODES = {0: "成功 / success", 1: "数据问题：输入文件有错、没有数据、期间不在规划内、缺少折标系数 / data problem: "
              "input errors, no data, period outside the plan, a missing factor",
              2: "用法错误：未知名称、参数格式错误 / bad usage: unknown name, malformed argument",
              3: "数据库被占用 / the store is busy"}


def exit_for(findings: list[Finding]) -> int:
    """The exit code for the errors among ``findings`` (``EXIT_CODES``): 3 store busy; 2 when every error is bad
    usage of an argument; else 1.

    >>> from ecer.findings import Location, make
    >>> exit_for([make("E_PERIOD_MALFORMED", value="2021-13")])
    2
    >>> exit_for([make("E_PERIOD_MALFORMED", value="2021-13", location=Location(file="e.csv", row=3))])
    1
    >>> exit_for([make("E_NO_DATA", detail="x")]), exit_for([make("E_STORE_BUSY", detail="x")])
    (1, 3)
    """
    errors = [f for f in findings if f.level == "error"]
    codes = {f.code for f in errors}
    if codes & STORE_CODES:
        return 3
    if errors and all(f.code in USAGE_CODES and not (f.location and f.location.file) for f in errors):
        return 2
    return 1


def print_findings(findings: list[Finding], lang: str = "both", *, limit: int = 200) -> None:
    """Print findings to stderr, Chinese then English, with location and fix."""
    style = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for f in findings[:limit]:
        langs = ["zh", "en"] if lang == "both" else [lang]
        for i, lg in enumerate(langs):
            prefix = f"[{style[f.level]}]{f.level.upper():7}[/]" if i == 0 else " " * 7
            err_console.print(f"{prefix} {f.text(lg)}", markup=True, highlight=False)
    if len(findings) > limit:
        err_console.print(f"… {len(findings) - limit} more / 另有 {len(findings) - limit} 条")


def render_frame(frame: pl.DataFrame, fmt: str, *, title: str = "", columns: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> str | None:
    """Render a frame as json or csv text, or print it as a rich table (returns None)."""
    from rich.table import Table

    if fmt == "json":
        return json.dumps({**(extra or {}), "rows": frame.to_dicts()}, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        from ecer.safe_cells import safe_csv

        return safe_csv(frame)
    shown = frame.select([c for c in (columns or {c: c for c in frame.columns}) if c in frame.columns])
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in shown.columns:
        right = shown.schema[c].is_numeric() or c.endswith("_pct")  # percentages shown as fixed-decimal text
        table.add_column((columns or {}).get(c, c), justify="right" if right else "left")
    for row in shown.iter_rows():
        table.add_row(*["" if v is None else _fmt(v) for v in row])
    console.print(table)
    return None


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        text = f"{v:,.4f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    return str(v)
