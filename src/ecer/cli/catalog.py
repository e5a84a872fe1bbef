"""``ecer catalog``: list the reference tables and show one edition (table, JSON or CSV).

Errors print the finding in Chinese and English and exit with status 2.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # `ecer catalog list` reads the manifests only: no polars, pint or pydantic at start
    from ecer.findings import FindingsError
    from ecer.refdata import RefTable

app = typer.Typer(help="参考数据目录 / reference-data catalog", no_args_is_help=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Level(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


def _console() -> Console:
    return Console(width=200 if not sys.stdout.isatty() else None, soft_wrap=False)


def _fail(exc: FindingsError) -> None:
    for f in exc.findings:
        typer.echo(f.bilingual(), err=True)
    raise typer.Exit(2)


@app.command("list")
def list_cmd() -> None:
    """列出全部参考表 / list every reference table."""
    from ecer.refdata.index import table_infos

    infos = table_infos()
    table = Table(title="ECER 参考数据目录 / reference-data catalog")
    for col in ("表 table", "版本 editions", "行 rows", "标题 title", "文号 document"):
        table.add_column(col)
    for t in infos:
        eds = ", ".join(f"{e}*" if e in t.user_editions else e for e in t.editions)
        table.add_row(t.name, eds, str(t.rows), f"{t.title_zh}\n{t.title_en}", t.doc_no)
    con = _console()
    con.print(table)
    imported = [(t.name, e, p) for t in infos for e, p in t.user_editions.items()]
    if imported:
        from ecer.refdata.index import user_root

        con.print(f"* 用户导入的版本 / user editions (目录 folder {user_root()}):")
        for name, ed, prov in imported:
            con.print(f"  {name} {ed}: {prov}")


def _json(t: RefTable) -> str:
    payload = {"manifest": t.manifest.model_dump(), "rows": t.data.to_dicts(),
               "findings": [f.model_dump() for f in t.findings]}
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def _rich(t: RefTable) -> None:
    m = t.manifest
    con = _console()
    con.print(f"[bold]{m.name}[/bold] {m.edition} — {m.title_zh} / {m.title_en}")
    con.print(f"文号 document: {m.doc_no}  发布 issued: {m.issued or '—'}  替代 supersedes: {m.supersedes or '—'}")
    con.print(f"置信度 confidence: {m.confidence_summary}")
    for gap in m.gaps:
        con.print(f"  缺口 gap: {gap}")
    if m.provenance:
        con.print(f"来源 provenance: {m.provenance}")
    shown = [c for c in m.display if c in t.data.columns] or t.data.columns
    table = Table(show_lines=False)
    for c in shown:
        table.add_column(c, overflow="fold")
    for row in t.data.select(shown).iter_rows():
        table.add_row(*("" if v is None else str(v) for v in row))
    con.print(table)
    if len(shown) < t.data.width:
        con.print(f"其余列 other columns: {', '.join(c for c in t.data.columns if c not in shown)} (--format csv | json)")
    for f in t.findings:
        con.print(f"[yellow]{f.text('zh')}[/yellow]")


@app.command("show")
def show_cmd(
    name: Annotated[str, typer.Argument(help="表名 / table name (see `ecer catalog list`)")],
    edition: Annotated[str | None, typer.Option("--edition", "-e", help="版本 / edition (default: newest)")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table | json | csv")] = Format.table,
    min_confidence: Annotated[Level | None, typer.Option("--min-confidence", help="high | medium | low")] = None,
) -> None:
    """显示一个参考表 / show one reference table."""
    from ecer.findings import FindingsError
    from ecer.refdata import load

    try:
        t = load(name, edition, min_confidence=None if min_confidence is None else min_confidence.value)
    except FindingsError as exc:
        _fail(exc)
        return
    if fmt is Format.json:
        typer.echo(_json(t))
    elif fmt is Format.csv:
        from ecer.safe_cells import safe_csv

        typer.echo(safe_csv(t.data), nl=False)
    else:
        _rich(t)


@app.command("import")
def import_cmd(
    table: Annotated[str, typer.Argument(help="表 / table: benchmark-levels")],
    file: Annotated[str, typer.Argument(help="CSV（UTF-8/GBK）或 Excel 文件 / CSV or Excel file")],
    edition: Annotated[str, typer.Option("--edition", "-e", help="版本名 / edition name, e.g. 2023")],
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="文号（表中无“文号”列时）/ document number")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="工作表 / sheet (default: the first)")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="替换已导入的同名用户版本 / replace a user edition")] = False,
) -> None:
    """导入一整张官方表为用户版本 / import a whole official table as a user edition of the catalog.

    The table is checked cell by cell (units, benchmark better than baseline, known fields, a source on every
    row); any error refuses the whole file and nothing is written (exit 2). The edition is stored under
    $ECER_HOME/catalog (default ~/.ecer/catalog) with its provenance, shown by `ecer catalog list`.
    """
    from pathlib import Path

    from ecer.findings import make
    from ecer.services.catalog_import import TABLES, import_benchmark_levels

    if table not in TABLES:
        typer.echo(make("E_UNKNOWN_NAME", kind="可导入的表 (importable table)", value=table,
                        valid=", ".join(TABLES)).bilingual(), err=True)
        raise typer.Exit(2)
    path = Path(file)
    if not path.is_file():
        typer.echo(make("E_FILE_FORMAT", detail=f"找不到文件 / no such file: {file}").bilingual(), err=True)
        raise typer.Exit(2)
    result = import_benchmark_levels(path, edition, doc_no=doc_no, sheet=sheet, replace=replace)
    for f in result.findings:
        typer.echo(f.bilingual(), err=not result.ok)
    if not result.ok:
        raise typer.Exit(2)
