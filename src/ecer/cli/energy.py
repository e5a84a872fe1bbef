"""``ecer energy``: comprehensive energy in standard coal from physical quantities (GB/T 2589).

Each argument is ``CARRIER=VALUE UNIT`` (``原煤=1000t``, ``电力=500MWh``, ``气田天然气=2万m3``). A malformed
argument — no carrier, no number, no unit — is reported in both languages and exits 2 (bad usage, see
:func:`ecer.cli.common.exit_for`); an input the tables cannot convert exits 1.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from ecer.cli.common import console, exit_for, print_findings, render_frame

if TYPE_CHECKING:
    from ecer.findings import Finding

app = typer.Typer(no_args_is_help=True)
NUMBER = re.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _malformed(item: str, zh: str, en: str) -> Finding:
    from ecer.findings import make

    return make("E_QUANTITY_MALFORMED", item=item, problem_zh=zh, problem_en=en)


def parse_quantity(item: str) -> tuple[str, float, str]:
    """``"原煤=1000t"`` → ``("原煤", 1000.0, "t")``; raises ``FindingsError`` (E_QUANTITY_MALFORMED) otherwise.

    >>> from ecer.findings import FindingsError
    >>> parse_quantity("天然气 = 2 万m3")
    ('天然气', 2.0, '万m3')
    >>> parse_quantity("原煤=1,000t")
    ('原煤', 1000.0, 't')
    >>> try:
    ...     parse_quantity("原煤=1000")
    ... except FindingsError as exc:
    ...     print(exc.findings[0].message_en)
    cannot read '原煤=1000': the unit is missing after 1000
    """
    from ecer.findings import FindingsError

    carrier, sep, rest = item.partition("=")
    carrier, rest = carrier.strip(), rest.strip()
    if not sep:
        raise FindingsError([_malformed(item, "缺少“=”", "there is no '='")])
    if not carrier:
        raise FindingsError([_malformed(item, "“=”前缺少能源品种", "the carrier is missing before '='")])
    if not rest:
        raise FindingsError([_malformed(item, "“=”后缺少数值和单位", "the value and unit are missing after '='")])
    m = NUMBER.match(rest)
    if not m:
        raise FindingsError([_malformed(item, f"“{rest}”不以数值开头", f"'{rest}' does not start with a number")])
    number, unit = m.group(0), rest[m.end():].strip()
    if not unit:
        raise FindingsError([_malformed(item, f"{number} 后缺少单位（如 t、万m3、MWh）",
                                        f"the unit is missing after {number}")])
    return carrier, float(number.replace(",", "")), unit


@app.command("convert")
def convert(
    items: Annotated[list[str], typer.Argument(help="CARRIER=VALUE UNIT, e.g. 原煤=1000t 气田天然气=2万m3 电力=500MWh")],
    electricity: Annotated[str | None, typer.Option(
        help="calorific (当量值, default) | coal_equivalent (等价值, needs --year or --coal-rate)")] = None,
    year: Annotated[int | None, typer.Option(help="year of the 等价值")] = None,
    coal_rate: Annotated[float | None, typer.Option(
        help="the year's coal rate [gce/kWh] to use for 等价值 (e.g. your province's 发电煤耗)")] = None,
    coal_rate_basis: Annotated[str, typer.Option(help="generation (发电煤耗) | supply (供电煤耗)")] = "generation",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
) -> None:
    """折标准煤：按 GB/T 2589 系数计算综合能源消费量 / Comprehensive energy in tce (GB/T 2589 coefficients).

    天然气 must be named by kind (油田天然气 or 气田天然气: GB/T 2589-2008 gives two coefficients).
    """
    import polars as pl

    from ecer import refdata
    from ecer.findings import FindingsError, make
    from ecer.services.energy import comprehensive_energy

    quantities: dict[str, tuple[float, str]] = {}
    problems: list[Finding] = []
    for item in items:
        try:
            carrier, value, unit = parse_quantity(item)
        except FindingsError as exc:
            problems += exc.findings
            continue
        quantities[carrier] = (value, unit)
    try:
        if problems:
            raise FindingsError(problems)
        supplied = None
        if coal_rate is not None:
            if electricity == "calorific":
                raise FindingsError([make("E_VALUE_INVALID", value="--coal-rate",
                                          detail="发电煤耗是等价值口径的系数 / a coal rate is a coal-equivalent factor",
                                          fix_zh="去掉 --electricity calorific", fix_en="drop --electricity calorific")])
            supplied = refdata.supplied_electricity_factor(coal_rate, year=year, rate=coal_rate_basis,
                                                           source="user: --coal-rate")
        method = electricity or ("coal_equivalent" if supplied else "calorific")
        total, lines = comprehensive_energy(quantities, electricity_method=method, year=year,
                                            electricity_factor=supplied)
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
