"""``ecer transfer``: regional industrial transfer (工信部联政法〔2021〕215号) — check and load the indicators and the
key-project library, rank regions by the transfer index, match a project to candidate regions, show a project's
history and sharing, write the report.

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): a file with errors, an empty store, an unknown
project, region or indicator exits 1; a bad option value (normalisation, weighting, kind) exits 2 through the
finding's code. A match that finds no candidate region exits 1 (the answer is "none"), with every reason printed.
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
KINDS = {"indicators": "transfer_indicators", "projects": "transfer_projects",
         "transfer_indicators": "transfer_indicators", "transfer_projects": "transfer_projects"}
KindArg = Annotated[str, typer.Argument(help="indicators (transfer_indicators) | projects (transfer_projects)")]
NormOpt = Annotated[str, typer.Option("--normalisation", "-n", help="TOPSIS normalisation: vector | minmax")]


def _fail(findings: list[Finding]) -> None:
    print_findings(findings)
    raise typer.Exit(exit_for(findings) or 1)


def _kind(kind: str) -> str:
    from ecer.findings import FindingsError, make

    if kind not in KINDS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板 / template", value=kind, valid="indicators, projects")])
    return KINDS[kind]


@app.command("check")
def check(kind: KindArg, file: Annotated[Path, typer.Argument(help="CSV or XLSX file")], store: StoreOpt = None) -> None:
    """校验承接产业转移评价指标或项目库文件（不导入）/ Validate an indicators or projects file without loading it."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import check_transfer_file

    try:
        template = _kind(kind)
        loc = store_location(store)
        if Path(loc.removeprefix("duckdb:")).exists() or loc.startswith("spark:"):
            with open_store(loc) as st:
                result = check_transfer_file(file, template, store=st)
        else:
            result = check_transfer_file(file, template)
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
    kind: KindArg,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file")],
    store: StoreOpt = None,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept in the history)")] = "",
    revise: Annotated[bool, typer.Option("--revise", help="apply changes to stored rows (after the preview)")] = False,
) -> None:
    """导入评价指标或项目库（全部校验通过才导入；修改已有行须先预览再加 --revise；历史版本保留）/ Load atomically; changes to
    stored rows are previewed and need --revise; every earlier version is kept."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import load_transfer

    try:
        template = _kind(kind)
        with open_store(store_location(store)) as st:
            outcome = load_transfer(st, template, file, who=who, why=why, revise=revise)
    except FindingsError as exc:
        print_findings(exc.findings)
        console.print("[red]未导入任何数据 / nothing was loaded[/red]")
        raise typer.Exit(exit_for(exc.findings) or 1) from None
    print_findings(outcome.findings)
    for r in outcome.receipts:
        console.print(f"[green]已导入 / loaded[/green] {r.file}: {r.rows} 行 rows ({r.new_keys} 新 new, "
                      f"{r.revised_keys} 修改 revised)")


def _split(text: str | None) -> list[str] | None:
    return [t.strip() for t in text.split(",") if t.strip()] if text else None


@app.command("rank")
def rank_cmd(
    store: StoreOpt = None,
    year: Annotated[int | None, typer.Option(help="indicator year (default: the latest)")] = None,
    normalisation: NormOpt = "vector",
    weighting: Annotated[str, typer.Option(help="entropy (熵权) | equal (等权)")] = "entropy",
    indicators: Annotated[str | None, typer.Option(help="indicator codes, comma-separated (default: all)")] = None,
    regions: Annotated[str | None, typer.Option(help="region codes, comma-separated (default: all)")] = None,
    fmt: FormatOpt = "table",
) -> None:
    """区域承接产业转移评价指数排序（熵权 TOPSIS）/ Rank regions by the transfer index (entropy-weight TOPSIS)."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import rank

    try:
        with open_store(existing_store_location(store)) as st:
            res = rank(st, year=year, normalisation=normalisation, weighting=weighting,
                       indicators=_split(indicators), regions=_split(regions))
    except FindingsError as exc:
        _fail(exc.findings)
        return
    print_findings(res.findings)
    if fmt in ("json", "csv"):
        text = render_frame(res.frame, fmt, extra={"year": res.year, "normalisation": res.normalisation,
                                                   "weighting": res.weighting, "weights": res.weights.to_dicts(),
                                                   "data_origin": res.data_origin})
        if text is not None:
            typer.echo(text)
        return
    import polars as pl

    if "synthetic" in res.data_origin:
        console.print("[yellow]含模拟数据（synthetic）/ contains synthetic data[/yellow]")
    render_frame(res.weights.with_columns(pl.col("weight").round(4), pl.col("entropy").round(4)), "table",
                 title=f"{res.year} 年指标权重（{'熵权' if res.weighting == 'entropy' else '等权'}）/ weights",
                 columns={"indicator_code": "指标 code", "name_zh": "名称", "unit": "单位 unit",
                          "direction": "方向 direction", "weight": "权重 weight", "entropy": "熵值 entropy"})
    render_frame(res.frame.with_columns(pl.col("closeness").round(4)), "table",
                 title=f"承接产业转移评价指数 {res.year}（TOPSIS，{res.normalisation}）/ transfer index",
                 columns={"rank": "排名 rank", "region_code": "地区 region", "name_zh": "名称", "macro_region_zh": "四大地区",
                          "closeness": "贴近度 C"})


@app.command("match")
def match_cmd(
    project: Annotated[str, typer.Argument(help="project id in the library (`ecer transfer load projects`)")],
    store: StoreOpt = None,
    year: Annotated[int | None, typer.Option(help="indicator year of the index (default: the latest)")] = None,
    normalisation: NormOpt = "vector",
    regions: Annotated[str | None, typer.Option(help="candidate region codes, comma-separated")] = None,
    top: Annotated[int, typer.Option(help="rows to show in the table (0 = all)")] = 10,
    fmt: FormatOpt = "table",
) -> None:
    """为转移项目匹配承接地区（方向规则 + 约束 + 指数），逐条说明理由 / Match a project to candidate regions, with reasons."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import match

    try:
        with open_store(existing_store_location(store)) as st:
            res = match(st, project, year=year, normalisation=normalisation, regions=_split(regions))
    except FindingsError as exc:
        _fail(exc.findings)
        return
    print_findings(res.findings)
    if fmt in ("json", "csv"):
        text = render_frame(res.frame, fmt, extra={
            "project": {k: v for k, v in res.project.items() if not str(k).startswith("_")},
            "industry_class": res.classification.industry_class, "headroom_sources": res.headroom_sources,
            "not_applied": [m.constraint for m in res.not_applied]})
        if text is not None:
            typer.echo(text)
    else:
        console.print(f"项目 / project {res.project.get('project_id')} {res.project.get('name') or ''}："
                      f"{res.classification.reason_zh}", markup=False)
        for cid, src in res.headroom_sources.items():
            console.print(f"约束数据来源 / headroom source: {cid} ← {src}", markup=False)
        shown = res.frame.head(top) if top else res.frame
        for r in shown.iter_rows(named=True):
            mark = "✔ 候选 candidate" if r["candidate"] else "✘ 不符 not a candidate"
            c = "—" if r["closeness"] is None else f"{r['closeness']:.4f}"
            console.print(f"{r['order']}. {r['region_code']} {r['name_zh']}  {mark}  C = {c}", markup=False)
            console.print(f"   {r['reasons_zh']}", markup=False)
            if r["to_verify_zh"]:
                console.print(f"   待核实 / to verify: {r['to_verify_zh']}", markup=False)
    if not res.frame["candidate"].any():
        console.print("[red]没有符合方向和约束的承接地区 / no region meets the direction and the constraints[/red]")
        raise typer.Exit(1)


@app.command("history")
def history_cmd(project: Annotated[str, typer.Argument(help="project id")], store: StoreOpt = None,
                fmt: FormatOpt = "table") -> None:
    """项目库中一个项目的全部历史版本 / every stored version of a project (oldest first)."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import project_history

    try:
        with open_store(existing_store_location(store)) as st:
            df = project_history(st, project)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    text = render_frame(df, fmt, title=f"项目 {project} 历史 / history")
    if text is not None:
        typer.echo(text)


@app.command("share")
def share_cmd(project: Annotated[str, typer.Argument(help="project id")], store: StoreOpt = None,
              fmt: FormatOpt = "table") -> None:
    """转出地与承接地按年分享产值、税收、用地指标 / the origin/destination sharing by year of the agreement."""
    from ecer.findings import FindingsError
    from ecer.services.transfer import get_project, sharing

    try:
        with open_store(existing_store_location(store)) as st:
            df = sharing(get_project(st, project))
    except FindingsError as exc:
        _fail(exc.findings)
        return
    if df is None:
        console.print("[red]该项目没有分享协议 / the project has no sharing agreement[/red]")
        raise typer.Exit(1)
    text = render_frame(df, fmt, title=f"项目 {project} 分享 / sharing", columns={
        "year": "年份 year", "kind": "指标 kind", "total": "合计 total", "origin_share": "转出地比例 share",
        "origin": "转出地 origin", "destination": "承接地 destination"} if fmt == "table" else None)
    if text is not None:
        typer.echo(text)


@app.command("report")
def report_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="report file: .xlsx, .html or .pdf")],
    store: StoreOpt = None,
    year: Annotated[int | None, typer.Option(help="indicator year (default: the latest)")] = None,
    normalisation: NormOpt = "vector",
    project: Annotated[str | None, typer.Option(help="also match this project of the library")] = None,
) -> None:
    """承接产业转移评价报告（排序、指标雷达图、项目匹配）/ the transfer report (ranking, radar of indicators, match)."""
    from ecer.findings import FindingsError, make
    from ecer.reports.transfer import write_transfer_report
    from ecer.services.transfer import match, rank

    try:
        if out.suffix.lower() not in (".xlsx", ".html", ".pdf"):
            raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=out.suffix or out.name,
                                      valid=".xlsx, .html, .pdf")])
        with open_store(existing_store_location(store)) as st:
            ranking = rank(st, year=year, normalisation=normalisation)
            m = match(st, project, year=year, normalisation=normalisation) if project else None
    except FindingsError as exc:
        _fail(exc.findings)
        return
    try:
        write_transfer_report(out, ranking, m)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    console.print(f"[green]已写出 / written[/green] {out}")
