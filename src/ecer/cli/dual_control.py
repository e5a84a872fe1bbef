"""``ecer dual-control``: assess energy dual control from the store or straight from files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from ecer.cli.common import (
    STORE_HELP,
    console,
    err_console,
    existing_store_location,
    exit_for,
    open_store,
    print_findings,
    render_frame,
)
from ecer.findings import FindingsError

app = typer.Typer(no_args_is_help=True)

FORMATS = ("table", "json", "csv")
COLUMNS_ZH = {
    "region_code": "代码", "name_zh": "地区", "period": "期间", "rule_edition": "规则",
    "intensity_change_yoy": "强度同比", "intensity_reduction_cumulative": "累计降低",
    "required_reduction_cumulative": "进度要求", "intensity_color": "强度预警",
    "energy_growth_yoy": "总量增速", "allowed_energy_growth": "允许增速", "total_color": "总量预警",
}
COLOR_ZH = {"red": "一级 红", "yellow": "二级 黄", "green": "三级 绿", "grey": "—", "exempt": "免考核"}


def _run(period: list[str] | None, region: str | None, rules: str | None, recompute: bool,
         remove_value_added: bool, electricity: str | None, data: Path | None, store: str | None) -> Any:
    """Run the assessment from files or the store; print findings and exit on errors."""
    from ecer.services.dual_control import assess as run

    options = {"recompute_earlier_years": recompute, "separately_listed_remove_value_added": remove_value_added,
               "electricity_method": electricity}
    try:
        if data is not None:
            return run(data_dir=data, period=period, region=region, edition=rules, options=options)
        with open_store(existing_store_location(store)) as st:
            return run(store=st, period=period, region=region, edition=rules, options=options)
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None


@app.command("assess")
def assess(
    period: Annotated[list[str] | None, typer.Option("--period", "-p", help="e.g. 2021, 2021H1, 2021Q3, 2021-07, "
                                                     "2021-07YTD (repeatable; default: every plan period)")] = None,
    region: Annotated[str | None, typer.Option(help="GB/T 2260 code, e.g. 110000")] = None,
    rules: Annotated[str | None, typer.Option("--rules", help="rule edition: 2021 | 2022 | 2024 (default 2024, "
                                              "rules in force per year)")] = None,
    recompute: Annotated[bool, typer.Option("--recompute-earlier-years/--rules-in-force",
                                            help="apply the chosen edition to earlier years too")] = False,
    remove_value_added: Annotated[bool, typer.Option("--remove-listed-value-added",
                                                     help="also remove separately listed projects' value added from GDP")] = False,
    electricity: Annotated[str | None, typer.Option(help="calorific (当量值) | coal_equivalent (等价值)")] = None,
    data: Annotated[Path | None, typer.Option("--data", help="assess straight from the files in this folder")] = None,
    store: Annotated[str | None, typer.Option("--store", help=STORE_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write to this file instead of the screen")] = None,
) -> None:
    """评估能耗双控（强度、总量、进度、预警等级）/ Assess dual control: intensity, total, progress, grades."""
    if fmt not in FORMATS:
        console.print(f"[red]--format must be one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    result = _run(period, region, rules, recompute, remove_value_added, electricity, data, store)
    warnings = [f for f in result.findings if f.level != "info"]
    if warnings:
        print_findings(warnings, limit=20)
    table = result.table
    if fmt == "table":
        table = table.with_columns(
            [pl.col(c).map_elements(lambda v: f"{v:+.2%}", return_dtype=pl.String)
             for c in ("intensity_change_yoy", "intensity_reduction_cumulative", "required_reduction_cumulative",
                       "energy_growth_yoy", "allowed_energy_growth")]
            + [pl.col(c).replace_strict(COLOR_ZH, default="—") for c in ("intensity_color", "total_color")]
        )
    text = render_frame(table, fmt, title=f"能耗双控评估 / dual-control assessment — 规则 rules {result.edition.edition}",
                        columns=COLUMNS_ZH, extra={"edition": result.edition.edition, "meta": result.meta})
    if text is not None:
        if output:
            output.write_text(text, encoding="utf-8")
            console.print(f"written {output}")
        else:
            typer.echo(text)
    if result.meta.get("synthetic"):
        err_console.print("[yellow]注意：数据部分为合成数据 / note: the data are partly synthetic[/yellow]",
                          highlight=False)


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report file: .xlsx or .html (printable)")],
    period: Annotated[list[str] | None, typer.Option("--period", "-p", help="period(s), as for assess")] = None,
    region: Annotated[str | None, typer.Option(help="GB/T 2260 code")] = None,
    rules: Annotated[str | None, typer.Option("--rules", help="rule edition")] = None,
    recompute: Annotated[bool, typer.Option("--recompute-earlier-years/--rules-in-force")] = False,
    remove_value_added: Annotated[bool, typer.Option("--remove-listed-value-added")] = False,
    electricity: Annotated[str | None, typer.Option(help="calorific | coal_equivalent")] = None,
    data: Annotated[Path | None, typer.Option("--data", help="assess straight from the files in this folder")] = None,
    store: Annotated[str | None, typer.Option("--store", help=STORE_HELP)] = None,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
) -> None:
    """输出评估报告（Excel 或可打印 HTML）/ Write the assessment report (Excel or printable HTML)."""
    from ecer.reports import write_html, write_xlsx

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".html") or lang not in ("zh", "en"):
        console.print("[red]-o must end in .xlsx or .html, --lang must be zh or en[/red]")
        raise typer.Exit(2)
    result = _run(period, region, rules, recompute, remove_value_added, electricity, data, store)
    (write_xlsx if suffix == ".xlsx" else write_html)(result, output, lang=lang)
    console.print(f"已生成 / written {output}")
