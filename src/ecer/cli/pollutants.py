"""``ecer pollutants``: pollutant total-emission control (总量减排) — check and load the four templates, the emission
ledger, progress against the targets with the barometer's grades, the measures, and the decomposition of a task.

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): a file with errors, no pollutant data, a year
without data, or a ledger with errors exits 1 (the ledger is still printed); an unknown pollutant, method or
template exits 2; a busy store 3. Heavy imports happen inside the commands, so ``ecer --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    store_location,
)

if TYPE_CHECKING:
    import polars as pl

    from ecer.findings import Finding

app = typer.Typer(no_args_is_help=True)
StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table | csv | json")]
RegionOpt = Annotated[list[str] | None, typer.Option("--region", help="region code (repeatable)")]
PollutantOpt = Annotated[
    list[str] | None, typer.Option("--pollutant", help="COD | NH3-N | NOx | VOCs, or the Chinese name (repeatable)")
]
TemplateOpt = Annotated[
    str | None,
    typer.Option("--template", help="pollutant_emissions | pollutant_measures | pollutant_increments | "
                 "pollutant_targets (default: from the file's headers)"),
]
GRADES = {1: "一级（红）/ 1 red", 2: "二级（黄）/ 2 yellow", 3: "三级（绿）/ 3 green"}
POLLUTANT_LABELS = {"COD": "化学需氧量 COD", "NH3-N": "氨氮 NH3-N", "NOx": "氮氧化物 NOx", "VOCs": "挥发性有机物 VOCs"}


def _existing(store: str | None) -> str:
    """The store to read: an absent DuckDB file is ``E_POLLUTANT_NO_DATA`` saying what to load (exit 1)."""
    from ecer.findings import FindingsError, make

    try:
        return existing_store_location(store)
    except FindingsError:
        _fail([make("E_POLLUTANT_NO_DATA", detail=f"数据库 {store_location(store)} 不存在 / the store "
                    f"{store_location(store)} does not exist")])
        raise


def _fail(findings: list[Finding], message: str | None = None) -> None:
    print_findings(findings)
    if message:
        err_console.print(message)
    raise typer.Exit(exit_for(findings))


def _pct(v: float | None, sign: bool = True) -> str:
    if v is None:
        return "—"
    return f"{100 * v:+.2f}%" if sign else f"{100 * v:.2f}%"


def _short_sources(percent: str | None, quantity: str | None) -> str:
    """百分比：全国/地区；重点工程：目录/地区 — the full sources are listed under the table."""
    from ecer.services.pollutants import CATALOG_DOC, NATIONAL_SOURCE

    p = "—" if percent is None else ("全国 national" if percent == NATIONAL_SOURCE else "地区 regional")
    q = "—" if quantity is None else ("目录 catalog" if quantity.startswith(CATALOG_DOC) else "地区 regional")
    return f"{p} / {q}"


def _print_changes(changes: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="将修改的数值 / values that would change", header_style="bold")
    for col in ("文件 file", "记录 key", "列 column", "原值 old", "新值 new", "单位 unit"):
        table.add_column(col)
    for c in changes[:200]:
        key = c.get("key") or {}
        key_text = ", ".join(f"{k}={v}" for k, v in key.items()) if isinstance(key, dict) else str(key)
        table.add_row(str(c.get("file", "")), key_text, str(c.get("column", "")), str(c.get("old", "")),
                      str(c.get("new", "")), str(c.get("unit") or ""))
    err_console.print(table)


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="a pollutant file (.csv / .xlsx; `ecer template pollutant_emissions` …)")],
    template: TemplateOpt = None,
    store: StoreOpt = None,
    accept_implausible: Annotated[bool, typer.Option("--accept-implausible", help="take implausible emissions as "
                                                     "warnings (as a load with this option)")] = False,
) -> None:
    """校验污染物数据文件（不导入）；有库时按库中数据核对合理性 / Validate a pollutant file without loading it
    (against the store's rows when a store exists: the same findings a load reports)."""
    from ecer.findings import FindingsError
    from ecer.services.pollutants import check_pollutant_file

    try:
        loc = store_location(store)
        if Path(loc.removeprefix("duckdb:")).exists() or loc.startswith("spark:"):
            with open_store(loc) as st:
                result = check_pollutant_file(file, template=template, store=st,
                                              accept_implausible=accept_implausible)
        else:
            result = check_pollutant_file(file, template=template, accept_implausible=accept_implausible)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    print_findings(result.findings)
    if result.errors or result.frame is None:
        err_console.print(f"[red]{len(result.errors)} 个错误，文件不能导入 / errors: the file cannot be loaded[/red]")
        raise typer.Exit(exit_for(result.errors) if result.errors else 1)
    if result.template == "pollutant_measures":
        _print_reductions(result.frame)
    console.print(f"[green]通过 / ok[/green] {file.name}（{result.template}）：{result.rows_read} 行 / rows")


def _print_reductions(frame: pl.DataFrame) -> None:
    from ecer.core.pollutants import measure_reductions
    from ecer.models.pollutants import MEASURE_KINDS, METHODS

    counted = measure_reductions(frame)
    shown = counted.with_columns(
        method=counted["method"].replace_strict({k: f"{v[0]} {k}" for k, v in METHODS.items()}),
        kind=counted["kind"].replace_strict({k: v[0] for k, v in MEASURE_KINDS.items()}),
    )
    render_frame(shown, "table", title="各措施当年削减量（吨）/ each measure's reduction in its year (t)",
                 columns={"region_code": "地区 region", "pollutant": "污染物 pollutant", "year": "年份 year",
                          "measure_id": "措施 measure", "method": "核算方法 method", "kind": "类型 kind",
                          "reduction": "削减量 t"})


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="a pollutant file")],
    template: TemplateOpt = None,
    store: StoreOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "--revise", help="confirm changes to values already stored (without "
                                      "it, such a load shows the changes and loads nothing)")] = False,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept with every row's version)")] = "",
    accept_implausible: Annotated[bool, typer.Option("--accept-implausible", help="load implausible emissions "
                                                     "after checking them; they stay as warnings")] = False,
) -> None:
    """导入污染物数据（全部校验通过才导入；修改库中已有数值须 --yes 确认）/ Load a pollutant file atomically;
    changing stored values needs --yes."""
    from ecer.findings import FindingsError
    from ecer.services.pollutants import load_pollutant_file

    try:
        with open_store(store_location(store)) as st:
            outcome = load_pollutant_file(st, file, template=template, who=who, why=why, revise=yes,
                                          accept_implausible=accept_implausible)
    except FindingsError as exc:
        print_findings(exc.findings)
        revision = next((f for f in exc.findings if f.code == "E_REVISION_UNCONFIRMED"), None)
        if revision is not None:
            _print_changes(revision.evidence.get("changes", []))
            err_console.print("确认修改请加 --yes / to apply these changes, add --yes")
        err_console.print("[red]未导入任何数据 / nothing was loaded[/red]")
        raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(outcome.findings)
    for r in outcome.receipts:
        console.print(f"[green]已导入 / loaded[/green] {r.file}: {r.rows} 行 rows → {r.table} ({r.new_keys} 新 new, "
                      f"{r.revised_keys} 修改 revised)")
    if not outcome.receipts:
        console.print("[yellow]没有新的或修改的数据行，库未改变 / no new or changed rows: the store is unchanged[/yellow]")


LEDGER_LABELS = {
    "region_code": "地区代码 code", "region_name": "地区 region", "pollutant_label": "污染物 pollutant",
    "year": "年份 year", "emissions_prev": "上年排放量 t", "new_emissions": "新增量 t",
    "reduction_engineering": "工程减排 t", "reduction_structural": "结构减排 t", "reduction_management": "管理减排 t",
    "reduction_total": "削减量合计 t", "emissions": "核算排放量 t", "reported_emissions": "统计排放量 t",
    "note": "说明 note",
}


@app.command("ledger")
def ledger(
    store: StoreOpt = None,
    region: RegionOpt = None,
    pollutant: PollutantOpt = None,
    through_year: Annotated[int | None, typer.Option("--through-year", help="last year (default: the last year of "
                                                     "any measure or new emissions)")] = None,
    fmt: FormatOpt = "table",
) -> None:
    """总量减排核算台账：E_t = E_{t−1} + 新增量 − 削减量（吨）/ The emission ledger, year by year (t)."""
    import polars as pl

    from ecer.findings import FindingsError
    from ecer.services.pollutants import pollutant_ledger

    try:
        with open_store(_existing(store)) as st:
            result = pollutant_ledger(st, regions=region, pollutants=pollutant, through_year=through_year)
    except FindingsError as exc:
        _fail(exc.findings, "[red]没有台账 / no ledger[/red]")
        return
    frame = result.ledger.with_columns(
        pollutant_label=pl.col("pollutant").replace_strict(POLLUTANT_LABELS, default=pl.col("pollutant")),
        note=pl.when(~pl.col("has_increment")).then(pl.lit("无新增量数据，按 0 计 / no new-emission row: 0"))
        .otherwise(pl.lit("")),
    )
    if fmt == "table":
        render_frame(frame, fmt, title=f"总量减排核算台账 / emission ledger（基年 base {_bases(result.meta)}；吨 t）",
                     columns=LEDGER_LABELS)
    else:
        text = render_frame(result.ledger, fmt, extra={"meta": result.meta,
                                                        "findings": [f.model_dump() for f in result.findings]})
        typer.echo(text)
    print_findings(result.findings)
    if result.errors:
        raise typer.Exit(exit_for(result.errors))


def _bases(meta: dict[str, Any]) -> str:
    years = sorted(set(meta.get("base_years", {}).values()))
    return "、".join(str(y) for y in years) or "—"


PROGRESS_LABELS = {
    "region_name": "地区 region", "pollutant_label": "污染物 pollutant", "emissions": "排放量 t",
    "change": "较上年 vs last year", "cumulative": "较基年 vs base", "target": "目标 target",
    "required": "进度要求（较基年）required", "percent_grade_label": "预警等级 grade",
    "quantity": "重点工程减排量 完成/下达 t", "quantity_share": "完成比例 done",
    "quantity_grade_label": "重点工程等级 grade", "source": "目标来源 百分比/重点工程 source",
}


@app.command("progress")
def progress(
    as_of_year: Annotated[int, typer.Option("--as-of-year", help="the year to report (e.g. 2022)")],
    store: StoreOpt = None,
    region: RegionOpt = None,
    pollutant: PollutantOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """减排目标进度和预警等级（百分比目标与重点工程减排量）/ Progress against the percentage targets and the
    key-project quantities, with the barometer's grades, as of a year."""
    import polars as pl

    from ecer.findings import FindingsError
    from ecer.services.pollutants import pollutant_progress

    try:
        with open_store(_existing(store)) as st:
            result = pollutant_progress(st, as_of_year=as_of_year, regions=region, pollutants=pollutant)
    except FindingsError as exc:
        _fail(exc.findings, "[red]没有进度结果 / no progress[/red]")
        return
    if fmt != "table":
        typer.echo(render_frame(result.summary, fmt, extra={"as_of_year": as_of_year, "meta": result.meta,
                                                             "findings": [f.model_dump() for f in result.findings]}))
        return
    rows = []
    for r in result.summary.iter_rows(named=True):
        rows.append({
            "region_name": f"{r['region_name']} {r['region_code']}",
            "pollutant_label": POLLUTANT_LABELS.get(r["pollutant"], r["pollutant"]),
            "emissions": r["emissions"],
            "change": _pct(r["change_yoy"]),
            "cumulative": _pct(None if r["reduction_cumulative"] is None else -r["reduction_cumulative"]),
            "target": "—" if r["target_reduction"] is None else f"−{100 * r['target_reduction']:g}%（{r['base_year']}–"
                      f"{r['target_year']}）",
            "required": _pct(None if r["required_cumulative"] is None else -r["required_cumulative"]),
            "percent_grade_label": GRADES.get(r["percent_grade"], "—"),
            "quantity": "—" if r["assigned"] is None else f"{r['achieved_cumulative']:,.2f} / {r['assigned']:,.2f}",
            "quantity_share": _pct(r["achieved_share"], sign=False) if r["assigned"] is not None else "—",
            "quantity_grade_label": GRADES.get(r["quantity_grade"], "—"),
            "source": _short_sources(r["percent_source"], r["quantity_source"]),
        })
    render_frame(pl.DataFrame(rows), "table", columns=PROGRESS_LABELS,
                 title=f"{as_of_year} 年污染物减排进度 / pollutant reduction progress, {as_of_year}")
    sources = sorted({s for c in ("percent_source", "quantity_source") for s in result.summary[c].drop_nulls()})
    console.print("目标来源 / sources: " + "；".join(sources), highlight=False)
    console.print("预警等级：一级（红）排放量不降反升；二级（黄）降幅低于当年进度要求；三级（绿）达到进度要求。重点工程减排量按规划期平均"
                  "进度（每年 1/5）评价（ECER 的假定）。/ Grades: 1 red — emissions rose; 2 yellow — fell less than the "
                  "year's requirement; 3 green — on pace. Key-project quantities are graded against an even 1/5 a "
                  "year (ECER's assumption).", highlight=False)
    print_findings(result.findings)
    if result.errors:
        raise typer.Exit(exit_for(result.errors))


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report file: .xlsx, .html (printable) or .pdf")],
    as_of_year: Annotated[int, typer.Option("--as-of-year", help="the year to report (e.g. 2023)")],
    store: StoreOpt = None,
    region: RegionOpt = None,
    pollutant: PollutantOpt = None,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
) -> None:
    """输出污染物总量减排报告（Excel、可打印 HTML 或 PDF）/ Write the pollutant total-emission control report (Excel,
    printable HTML or PDF) of the stored data as of a year."""
    from ecer.findings import FindingsError, make
    from ecer.services.pollutant_reports import write_store_report

    suffixes = (".xlsx", ".html", ".pdf")
    bad = []
    if output.suffix.lower() not in suffixes:
        bad.append(make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=output.suffix or output.name,
                        valid=", ".join(suffixes)))
    if lang not in ("zh", "en"):
        bad.append(make("E_UNKNOWN_NAME", kind="语言 / language", value=lang, valid="zh, en"))
    if bad:
        _fail(bad)
    try:
        with open_store(_existing(store)) as st:
            write_store_report(st, output, as_of_year=as_of_year, regions=region, pollutants=pollutant, lang=lang)
    except FindingsError as exc:
        _fail(exc.findings, "[red]未生成报告 / no report written[/red]")
        return
    console.print(f"已生成 / written {output}")


@app.command("measures")
def measures(
    store: StoreOpt = None,
    region: RegionOpt = None,
    pollutant: PollutantOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """减排措施及其当年削减量 / The stored reduction measures with the reduction each counts."""
    from ecer.findings import FindingsError, make
    from ecer.services.pollutants import measure_table

    try:
        with open_store(_existing(store)) as st:
            frame = measure_table(st, regions=region, pollutants=pollutant)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    if frame.is_empty():
        _fail([make("E_POLLUTANT_NO_DATA", detail="库中没有减排措施 / the store has no reduction measures")])
    text = render_frame(frame, fmt, title=f"减排措施 / reduction measures ({frame.height})",
                        columns={"region_code": "地区 region", "pollutant": "污染物 pollutant", "year": "年份 year",
                                 "measure_id": "措施 measure", "method_zh": "核算方法 method",
                                 "kind_zh": "减排类型 kind", "reduction": "削减量 t", "source": "来源 source"})
    if text is not None:
        typer.echo(text)


@app.command("decompose")
def decompose_cmd(
    file: Annotated[Path, typer.Argument(help="region table (.csv / .xlsx): 地区代码, 基年排放量（吨 or 万吨）, "
                                         "optional 质量差距 and indicator columns")],
    total: Annotated[float, typer.Option("--total", help="the task to split, in --unit")],
    method: Annotated[str, typer.Option("--method", help="base_proportional | burden_weighted | "
                                        "composite_index")] = "base_proportional",
    unit: Annotated[str, typer.Option("--unit", help="unit of --total: 吨 / t or 万吨")] = "t",
    gap_factor: Annotated[float, typer.Option("--gap-factor", help="λ of burden_weighted")] = 1.0,
    indicator: Annotated[list[str] | None, typer.Option("--indicator", help="composite_index: COLUMN:WEIGHT or "
                                                        "COLUMN:WEIGHT:cost (repeatable)")] = None,
    floor: Annotated[float, typer.Option("--floor", help="composite_index score floor f in [0, 1)")] = 0.0,
    fmt: FormatOpt = "table",
) -> None:
    """减排任务分解：按所选方法把总任务分到各地区，合计等于总任务 / Split a reduction task among regions."""
    from ecer.core.pollutants.decompose import METHODS, Indicator
    from ecer.findings import FindingsError, make
    from ecer.services.pollutants import decompose_task, read_task_regions
    from ecer.units import factor

    if method not in METHODS:
        _fail([make("E_UNKNOWN_NAME", kind="分解方法 / decomposition method", value=method, valid=", ".join(METHODS))])
    try:
        scale = factor({"吨": "t", "万吨": "wan_t"}.get(unit, unit), "t")
    except Exception:  # noqa: BLE001 - any unknown unit is a usage error
        _fail([make("E_UNKNOWN_NAME", kind="单位 / unit", value=unit, valid="t, 吨, 万吨")])
        return
    indicators = []
    for spec in indicator or []:
        parts = spec.split(":")
        try:
            indicators.append(Indicator(parts[0], float(parts[1]), parts[2] if len(parts) > 2 else "benefit"))  # type: ignore[arg-type]
        except (IndexError, ValueError):
            _fail([make("E_UNKNOWN_NAME", kind="指标 / indicator", value=spec, valid="COLUMN:WEIGHT[:benefit|cost]")])
    try:
        regions, found = read_task_regions(file)
        if any(f.level == "error" for f in found):
            _fail(found)
        result = decompose_task(regions, total=total * scale, method=method, gap_factor=gap_factor,
                                indicators=indicators, floor=floor)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    if fmt != "table":
        typer.echo(render_frame(result.table, fmt, extra={"total": result.total, "method": method,
                                                          "settings": result.settings,
                                                          "findings": [f.model_dump() for f in result.findings]}))
        return
    zh, en = METHODS[method]
    render_frame(result.table, "table",
                 title=f"减排任务分解 / task decomposition：{zh} / {en}，总任务 total {result.total:,.2f} t",
                 columns={"region_code": "地区 region", "base_emissions": "基年排放量 t", "weight": "权重 weight",
                          "share": "份额 share", "task": "分得任务 t", "task_rate": "占基年比例 rate",
                          "reason_zh": "理由"})
    console.print(f"合计 / sum: {sum(result.table['task'].to_list()):,.6f} t", highlight=False)
    print_findings(result.findings)
