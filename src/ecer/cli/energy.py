"""``ecer energy``: comprehensive energy in standard coal from physical quantities (GB/T 2589)."""

from __future__ import annotations

import re
from typing import Annotated

import polars as pl
import typer

from ecer.cli.common import console, exit_for, print_findings, render_frame
from ecer.findings import FindingsError, make

app = typer.Typer(no_args_is_help=True)
ITEM = re.compile(r"^\s*(?P<carrier>[^=]+?)\s*=\s*(?P<value>[-+0-9.eE,]+)\s*(?P<unit>\S.*?)\s*$")


@app.command("convert")
def convert(
    items: Annotated[list[str], typer.Argument(help="CARRIER=VALUE UNIT, e.g. 原煤=1000t 天然气=2万m3 电力=500MWh")],
    electricity: Annotated[str, typer.Option(help="calorific (当量值) | coal_equivalent (等价值, needs --year)")] = "calorific",
    year: Annotated[int | None, typer.Option(help="year of the 等价值")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
) -> None:
    """折标准煤：按 GB/T 2589 系数计算综合能源消费量 / Comprehensive energy in tce (GB/T 2589 coefficients)."""
    from ecer.services.energy import comprehensive_energy

    quantities = {}
    for item in items:
        m = ITEM.match(item)
        if not m:
            print_findings([make("E_VALUE_INVALID", value=item, detail="expected CARRIER=VALUE UNIT",
                                 fix_zh="写成 原煤=1000t 的形式", fix_en="write it as 原煤=1000t")])
            raise typer.Exit(2)
        quantities[m["carrier"]] = (float(m["value"].replace(",", "")), m["unit"])
    try:
        total, lines = comprehensive_energy(quantities, electricity_method=electricity, year=year)
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    frame = pl.DataFrame([ln.__dict__ for ln in lines]).with_columns(pl.col("tce").round(6))
    text = render_frame(frame, fmt, title=f"综合能源消费量 / comprehensive energy: {total:,.4f} tce",
                        extra={"total_tce": total})
    if text is not None:
        typer.echo(text)
    else:
        console.print(f"合计 / total: [bold]{total:,.4f} tce[/bold] = {total / 1e4:,.6f} 万tce")
