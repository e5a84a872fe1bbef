"""``ecer carbon``: carbon dual control — check and load the ``carbon_energy`` template (energy by carrier by region
and year), and the CO2 accounting and CO2-intensity progress of the stored data.

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): a file with errors, an empty store or an unknown
region exits 1; a bad option value (a negative lag, an unknown grid scope) exits 2. Findings about the data (a grid
factor missing for a year) are part of the answer and are printed with it; they do not change a progress run's exit
code unless every region's total is missing.
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
GRADE_ZH = {1: "一级（红）", 2: "二级（黄）", 3: "三级（绿）"}


def _fail(findings: list[Finding]) -> None:
    print_findings(findings)
    raise typer.Exit(exit_for(findings))


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="carbon_energy file (.csv / .xlsx; `ecer template carbon_energy`)")],
    store: StoreOpt = None,
) -> None:
    """校验分品种能源消费文件及其碳排放核算（不导入）/ Validate a carbon_energy file and its CO2 accounting, without
    loading it (the same checks as `ecer carbon load`)."""
    from ecer.findings import FindingsError
    from ecer.services.carbon import check_carbon_file

    try:
        loc = store_location(store)
        if Path(loc.removeprefix("duckdb:")).exists() or loc.startswith("spark:"):
            with open_store(loc) as st:
                result = check_carbon_file(file, store=st)
        else:
            result = check_carbon_file(file)
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
    file: Annotated[Path, typer.Argument(help="carbon_energy file")],
    store: StoreOpt = None,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept in the history)")] = "",
    revise: Annotated[bool, typer.Option("--revise", help="apply changes to stored rows")] = False,
) -> None:
    """导入分品种能源消费（全部校验通过才导入；修改已有数据须 --revise）/ Load a carbon_energy file atomically."""
    from ecer.findings import FindingsError
    from ecer.services.carbon import load_carbon

    try:
        with open_store(store_location(store)) as st:
            outcome = load_carbon(st, file, who=who, why=why, revise=revise)
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
    region: Annotated[str | None, typer.Option(help="region code (default: every region)")] = None,
    grid_lag: Annotated[int, typer.Option("--grid-lag", help="grid factor of year Y − LAG for accounting year Y "
                                          "(default 2, the national practice [C]; 0 = same year)")] = 2,
    grid_scope: Annotated[str, typer.Option(help="national_average | national_residual | regional_grid_average | "
                                            "provincial_average")] = "national_average",
    view: Annotated[str, typer.Option(help="progress | totals | rows | side (energy and carbon side by side)")] =
    "progress",
    fmt: FormatOpt = "table",
) -> None:
    """碳排放强度降低进度：分地区二氧化碳排放、强度、累计降低率、进度要求和预警等级 / CO2 intensity progress by region."""
    from pydantic import ValidationError

    from ecer.core.carbon import CarbonSettings
    from ecer.findings import FindingsError, make
    from ecer.services.carbon import carbon_progress

    views = ("progress", "totals", "rows", "side")
    try:
        if view not in views:
            raise FindingsError([make("E_UNKNOWN_NAME", kind="视图 / view", value=view, valid=", ".join(views))])
        try:
            settings = CarbonSettings.model_validate({"grid_year_lag": grid_lag, "grid_scope": grid_scope})
        except ValidationError:
            raise FindingsError([make("E_UNKNOWN_NAME", kind="电网因子设置 / grid factor setting",
                                      value=f"--grid-lag {grid_lag} --grid-scope {grid_scope}",
                                      valid="--grid-lag 0–10; --grid-scope national_average, national_residual, "
                                            "regional_grid_average, provincial_average")]) from None
        with open_store(existing_store_location(store)) as st:
            res = carbon_progress(st, settings=settings, region=region)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    frame = {"progress": res.progress, "totals": res.totals, "rows": res.rows, "side": res.side}[view]
    if fmt in ("json", "csv"):
        print_findings(res.findings)
        text = render_frame(frame, fmt, extra={"meta": res.meta, "findings": [f.model_dump() for f in res.findings]})
        if text is not None:
            typer.echo(text)
        return
    print_findings(res.findings)
    console.print(f"电网排放因子取值 / grid factor: {res.meta['convention']}, {res.meta['grid_scope']}；"
                  f"进度要求按五年均速（几何）/ even geometric pace [C]；目标 / target: 单位GDP二氧化碳排放下降 "
                  f"{res.meta['target']['size']:.0%}（{res.meta['target']['source']}）", markup=False)
    if view == "progress":
        import polars as pl

        shown = frame.with_columns(
            (pl.col("co2") / 1e4).round(2).alias("co2_wan_t"),
            pl.col("intensity").round(4),
            (pl.col("change_yoy") * 100).round(2).alias("change_yoy_pct"),
            (pl.col("achieved_cumulative") * 100).round(2).alias("reduction_cum_pct"),
            (pl.col("required_cumulative") * 100).round(2).alias("required_cum_pct"),
            (pl.col("progress_ratio") * 100).round(1).alias("progress_pct"),
            pl.col("grade").replace_strict(GRADE_ZH, default="", return_dtype=pl.String).alias("grade_zh"),
        )
        render_frame(shown, "table", title="碳排放强度降低进度 / CO2-intensity progress", columns={
            "region_code": "地区 region", "year": "年份 year", "co2_wan_t": "CO2（万吨）", "gdp": "GDP（亿元）",
            "intensity": "强度 tCO2/万元", "change_yoy_pct": "同比 %", "reduction_cum_pct": "累计降低 %",
            "required_cum_pct": "进度要求 %", "progress_pct": "完成进度 %", "grade_zh": "预警 grade"})
    else:
        render_frame(frame, "table", title=f"碳排放 / CO2 ({view})")
    missing = "intensity" if view == "progress" else "co2"
    if view in ("progress", "totals") and frame.height and frame[missing].null_count() == frame.height:
        raise typer.Exit(1)  # no region has an answer (no total, or no GDP): say so in the exit code


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report file: .xlsx, .html (printable) or .pdf")],
    store: StoreOpt = None,
    region: Annotated[str | None, typer.Option(help="region code (default: every region)")] = None,
    grid_lag: Annotated[int, typer.Option("--grid-lag", help="grid factor of year Y − LAG (default 2 [C])")] = 2,
    grid_scope: Annotated[str, typer.Option(help="national_average | national_residual | regional_grid_average | "
                                            "provincial_average")] = "national_average",
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
) -> None:
    """输出碳排放双控进展报告（Excel、可打印 HTML 或 PDF）/ Write the carbon dual-control report (Excel, printable
    HTML or PDF) of the stored data."""
    from pydantic import ValidationError

    from ecer.core.carbon import CarbonSettings
    from ecer.findings import FindingsError, make
    from ecer.services.carbon_reports import write_store_report

    suffixes = (".xlsx", ".html", ".pdf")
    bad = []
    if output.suffix.lower() not in suffixes:
        bad.append(make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=output.suffix or output.name,
                        valid=", ".join(suffixes)))
    if lang not in ("zh", "en"):
        bad.append(make("E_UNKNOWN_NAME", kind="语言 / language", value=lang, valid="zh, en"))
    try:
        settings = CarbonSettings.model_validate({"grid_year_lag": grid_lag, "grid_scope": grid_scope})
    except ValidationError:
        bad.append(make("E_UNKNOWN_NAME", kind="电网因子设置 / grid factor setting",
                        value=f"--grid-lag {grid_lag} --grid-scope {grid_scope}",
                        valid="--grid-lag 0–10; --grid-scope national_average, national_residual, "
                              "regional_grid_average, provincial_average"))
    if bad:
        _fail(bad)
    try:
        with open_store(existing_store_location(store)) as st:
            write_store_report(st, output, region=region, settings=settings, lang=lang)
    except FindingsError as exc:
        print_findings(exc.findings)
        console.print("[red]未生成报告 / no report written[/red]")
        raise typer.Exit(exit_for(exc.findings)) from None
    console.print(f"已生成 / written {output}")
