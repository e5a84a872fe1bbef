"""``ecer indicators``: the key-project indicators of 国发〔2021〕33号 — the catalogue, check and load the
``indicator_values`` template, progress and status against the targets, and the report.

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): a file with errors, an empty store, no values for the
selection exit 1; an unknown indicator code, a malformed or unknown region exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ecer.cli.common import (
    STORE_HELP,
    console,
    existing_store_location,
    exit_for,
    open_store,
    print_findings,
    render_frame,
    store_location,
)

if TYPE_CHECKING:
    from ecer.findings import Finding

app = typer.Typer(no_args_is_help=True)
StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table | csv | json")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="region code (default: every region)")]
IndicatorOpt = Annotated[str | None, typer.Option("--indicator", help="indicator code (`ecer indicators catalog`)")]
YearOpt = Annotated[int | None, typer.Option("--year", help="values up to this year (default: all)")]


def _fail(findings: list[Finding]) -> None:
    print_findings(findings)
    raise typer.Exit(exit_for(findings))


def _existing(store: str | None) -> str:
    from ecer.findings import FindingsError, make

    try:
        return existing_store_location(store)
    except FindingsError:
        _fail([make("E_INDICATOR_NO_DATA", detail=f"数据库 {store_location(store)} 不存在 / the store "
                    f"{store_location(store)} does not exist")])
        raise


@app.command("catalog")
def catalog(fmt: FormatOpt = "table") -> None:
    """重点工程指标目录（国发〔2021〕33号）/ The key-project indicator catalogue: code, name, target, unit, kind."""
    import polars as pl

    from ecer.core.indicators import KIND_LABELS
    from ecer.services.indicators import indicator_catalogue

    rows = [{"indicator_code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "project": i.project_zh,
             "kind": i.kind, "kind_zh": KIND_LABELS[i.kind][0], "target": i.target, "target_text": i.target_text,
             "unit": i.unit, "base_year": i.base_year, "target_year": i.target_year, "source": i.source}
            for i in indicator_catalogue()]
    frame = pl.DataFrame(rows)
    text = render_frame(frame, fmt, title=f"重点工程指标 / key-project indicators ({frame.height})", columns={
        "indicator_code": "代码 code", "name_zh": "指标", "kind_zh": "类型 kind", "target_text": "目标 target",
        "unit": "单位 unit", "source": "依据 source"})
    if text is not None:
        typer.echo(text)


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="indicator_values file (.csv / .xlsx; `ecer template indicator_values`)")],
    store: StoreOpt = None,
) -> None:
    """校验重点工程指标数值文件（不导入）/ Validate an indicator_values file without loading it (the checks of load)."""
    from ecer.findings import FindingsError
    from ecer.services.indicators import check_indicator_file

    try:
        loc = store_location(store)
        if Path(loc.removeprefix("duckdb:")).exists() or loc.startswith("spark:"):
            with open_store(loc) as st:
                result = check_indicator_file(file, store=st)
        else:
            result = check_indicator_file(file)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    print_findings(result.findings)
    if result.errors or result.frame is None:
        console.print(f"[red]{len(result.errors)} 个错误，文件不能导入 / errors: the file cannot be loaded[/red]")
        raise typer.Exit(exit_for(result.errors) or 1)
    console.print(f"[green]通过 / ok[/green] {file.name}: {result.rows_read} 行 / rows")


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="indicator_values file")],
    store: StoreOpt = None,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept in the history)")] = "",
    revise: Annotated[bool, typer.Option("--revise", help="apply changes to stored rows")] = False,
) -> None:
    """导入重点工程指标数值（全部校验通过才导入；修改已有数据须 --revise）/ Load an indicator_values file atomically."""
    from ecer.findings import FindingsError
    from ecer.services.indicators import load_indicators

    try:
        with open_store(store_location(store)) as st:
            outcome = load_indicators(st, file, who=who, why=why, revise=revise)
    except FindingsError as exc:
        print_findings(exc.findings)
        console.print("[red]未导入任何数据 / nothing was loaded[/red]")
        raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(outcome.findings)
    for r in outcome.receipts:
        console.print(f"[green]已导入 / loaded[/green] {r.file}: {r.rows} 行 rows ({r.new_keys} 新 new, "
                      f"{r.revised_keys} 修改 revised)")


@app.command("progress")
def progress(
    store: StoreOpt = None,
    region: RegionOpt = None,
    indicator: IndicatorOpt = None,
    year: YearOpt = None,
    latest: Annotated[bool, typer.Option("--latest/--all-years", help="only each series' latest year")] = True,
    fmt: FormatOpt = "table",
) -> None:
    """重点工程指标进度和状态（达标 / 进度滞后 / 未达标 / 无法评估）/ Progress and status of the key-project indicators."""
    import polars as pl

    from ecer.findings import FindingsError
    from ecer.services.indicators import indicator_progress

    try:
        with open_store(_existing(store)) as st:
            res = indicator_progress(st, region=region, indicator=indicator, year=year)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    frame = res.latest if latest else res.progress
    if fmt != "table":
        print_findings(res.findings)
        text = render_frame(frame, fmt, extra={"meta": res.meta, "findings": [f.model_dump() for f in res.findings]})
        if text is not None:
            typer.echo(text)
        return
    names = {i.code: (i.name_zh, i.unit, i.target_phrase()[0]) for i in res.indicators}
    shown = frame.with_columns(
        pl.col("indicator_code").replace_strict({k: v[0] for k, v in names.items()}, default="").alias("name"),
        pl.col("indicator_code").replace_strict({k: v[1] for k, v in names.items()}, default="").alias("unit"),
        pl.col("indicator_code").replace_strict({k: v[2] for k, v in names.items()}, default="").alias("target"),
        pl.col("value").round(2), pl.col("required_to_date").round(2), pl.col("gap").round(2),
        (pl.col("completion") * 100).round(1).alias("completion_pct"),
    )
    render_frame(shown, "table", title="重点工程指标进度 / key-project indicator progress", columns={
        "region_code": "地区 region", "name": "指标 indicator", "year": "年份 year", "value": "数值 value",
        "unit": "单位 unit", "target": "目标 target", "required_to_date": "进度要求 required", "gap": "距目标 to go",
        "completion_pct": "完成度 %", "status_zh": "状态 status"})
    console.print("进度要求按均衡路径（水平与下降：几何；累计量：线性），ECER 的假定；未写基年的目标按 2020 年计。/ "
                  "Required to date on the even path (geometric for levels and reductions, linear for amounts), "
                  "ECER's assumption; targets without a base year are read against 2020.", highlight=False)
    print_findings(res.findings)


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="report file: .xlsx, .html or .pdf")],
    store: StoreOpt = None,
    region: RegionOpt = None,
    indicator: IndicatorOpt = None,
    year: YearOpt = None,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
) -> None:
    """重点工程指标进展报告（XLSX / 可打印 HTML / PDF）/ The key-project indicator report."""
    from ecer.findings import FindingsError, make
    from ecer.services.indicators import write_store_report

    if lang not in ("zh", "en"):
        _fail([make("E_UNKNOWN_NAME", kind="语言 / language", value=lang, valid="zh, en")])
    try:
        with open_store(_existing(store)) as st:
            path = write_store_report(st, output, region=region, indicator=indicator, year=year, lang=lang)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    console.print(f"[green]已写出 / written[/green] {path}")
