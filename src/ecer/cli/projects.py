"""``ecer projects``: the two-high (两高) project inventory — check and load the template, list, show, decide,
the work list (工作清单) as XLSX, and the review of one project against its region's headroom.

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): a file with errors or an unknown project exits 1;
an unknown status or decision exits 2; compliance findings about a project are the command's answer (exit 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="check date YYYY-MM-DD (default today, UTC)")]
BenchOpt = Annotated[
    str | None, typer.Option("--benchmark-edition", help="benchmark table edition (default 2021)")
]


def _fail(findings: list[Finding]) -> None:
    print_findings(findings)
    raise typer.Exit(exit_for(findings))


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="project file (.csv / .xlsx; `ecer template projects`)")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
    benchmark_edition: BenchOpt = None,
) -> None:
    """校验项目清单文件并核查各项目（不导入）/ Validate a project file and check its projects, without loading.

    With a store (``--store``, ``$ECER_STORE`` or ./ecer.duckdb when it exists) the regions' dual-control position
    comes from its energy data; without one, the headroom checks say there is no data."""
    from ecer.findings import FindingsError
    from ecer.models.projects import DISPOSITIONS
    from ecer.services.projects import check_projects_file, evaluate

    try:
        loc = store_location(store)
        if Path(loc.removeprefix("duckdb:")).exists() or loc.startswith("spark:"):
            with open_store(loc) as st:
                result = check_projects_file(file, store=st)
                evals = (
                    evaluate(
                        st, projects=result.frame.to_dicts(), as_of=as_of, benchmark_edition=benchmark_edition
                    )
                    if result.frame is not None
                    else []
                )
        else:
            result = check_projects_file(file)
            evals = (
                evaluate(
                    None, projects=result.frame.to_dicts(), as_of=as_of, benchmark_edition=benchmark_edition
                )
                if result.frame is not None
                else []
            )
    except FindingsError as exc:
        _fail(exc.findings)
        return
    print_findings(result.findings)
    if result.errors:
        console.print(
            f"[red]{len(result.errors)} 个错误，文件不能导入 / errors: the file cannot be loaded[/red]"
        )
        raise typer.Exit(exit_for(result.errors))
    at_rows = {(f.code, f.evidence.get("project")) for f in result.findings}  # said once, at the row
    for e in evals:
        d = e.disposition
        console.print(
            f"[bold]{e.project['project_id']}[/bold] 建议处置 / suggested: {DISPOSITIONS[d.disposition]} "
            f"({d.disposition})",
            highlight=False,
        )
        for f in e.findings:
            if (f.code, e.project["project_id"]) in at_rows:
                console.print(
                    f"  {f.level.upper():7} [{f.code}] 见上文第 {_row_of(result.findings, f)} 行 / "
                    f"see row {_row_of(result.findings, f)} above",
                    markup=False,
                )
                continue
            console.print(f"  {f.level.upper():7} {f.text('zh')}", markup=False)
    console.print(f"[green]通过 / ok[/green] {file.name}: {result.rows_read} 个项目 / projects")


def _row_of(findings: list[Finding], f: Finding) -> str:
    hit = next(
        (g for g in findings if g.code == f.code and g.evidence.get("project") == f.evidence.get("project")),
        None,
    )
    return str(hit.location.row) if hit is not None and hit.location is not None else "?"


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="project file")],
    store: StoreOpt = None,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept in the history)")] = "",
    revise: Annotated[bool, typer.Option("--revise", help="apply changes to stored projects")] = False,
) -> None:
    """导入项目清单（全部校验通过才导入；修改已有项目须 --revise）/ Load a project file atomically."""
    from ecer.findings import FindingsError
    from ecer.services.projects import load_projects

    try:
        with open_store(store_location(store)) as st:
            outcome = load_projects(st, file, who=who, why=why, revise=revise)
    except FindingsError as exc:
        print_findings(exc.findings)
        console.print("[red]未导入任何数据 / nothing was loaded[/red]")
        raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(outcome.findings)
    for r in outcome.receipts:
        console.print(
            f"[green]已导入 / loaded[/green] {r.file}: {r.rows} 行 rows ({r.new_keys} 新 new, "
            f"{r.revised_keys} 修改 revised)"
        )


def _rows(evals: list[Any]) -> list[dict[str, Any]]:
    from ecer.models.projects import DISPOSITIONS, SECTORS, STATUSES

    out = []
    for e in evals:
        p, d = e.project, e.last_decision
        out.append(
            {
                "project_id": p["project_id"],
                "name": p["name"],
                "region_code": p["region_code"],
                "sector": SECTORS.get(p["sector"], p["sector"]),
                "status": STATUSES.get(p["status"], p["status"]),
                "annual_energy_tce": p["annual_energy"],
                "suggested": DISPOSITIONS[e.disposition.disposition],
                "reasons": "; ".join(
                    r["code"] for r in e.disposition.reasons if r["disposition"] != "continue"
                ),
                "warnings": sum(f.level == "warning" for f in e.findings),
                "last_decision": DISPOSITIONS.get(d["decision"], "") if d else "",
                "decided_by": d["decided_by"] if d else "",
            }
        )
    return out


@app.command("list")
def list_(
    store: StoreOpt = None,
    region: Annotated[str | None, typer.Option(help="region code")] = None,
    status: Annotated[
        str | None, typer.Option(help="拟建 | 在建 | 建成 (planned | under_construction | built)")
    ] = None,
    fmt: FormatOpt = "table",
    as_of: AsOfOpt = None,
    benchmark_edition: BenchOpt = None,
) -> None:
    """项目清单及建议处置 / The stored projects with their suggested disposition."""
    import polars as pl

    from ecer.findings import FindingsError
    from ecer.services.projects import evaluate, list_projects

    try:
        with open_store(existing_store_location(store)) as st:
            ids = list_projects(st, region=region, status=status).get_column("project_id").to_list()
            evals = [
                e
                for e in evaluate(st, as_of=as_of, benchmark_edition=benchmark_edition)
                if e.project["project_id"] in set(ids)
            ]
    except FindingsError as exc:
        _fail(exc.findings)
        return
    frame = pl.DataFrame(
        _rows(evals),
        schema={
            "project_id": pl.String,
            "name": pl.String,
            "region_code": pl.String,
            "sector": pl.String,
            "status": pl.String,
            "annual_energy_tce": pl.Float64,
            "suggested": pl.String,
            "reasons": pl.String,
            "warnings": pl.Int64,
            "last_decision": pl.String,
            "decided_by": pl.String,
        },
    )
    text = render_frame(frame, fmt, title=f"“两高”项目 / two-high projects ({frame.height})")
    if text is not None:
        typer.echo(text)


@app.command("show")
def show(
    project: Annotated[str, typer.Argument(help="project id")],
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    as_of: AsOfOpt = None,
    benchmark_edition: BenchOpt = None,
) -> None:
    """一个项目：核查结果、建议处置及理由、处置决定历史 / One project: checks, suggested disposition, decisions."""
    import json

    from ecer.findings import FindingsError
    from ecer.models.projects import DISPOSITIONS
    from ecer.services.projects import decisions, evaluate, project_history

    try:
        with open_store(existing_store_location(store)) as st:
            ev = evaluate(st, project, as_of=as_of, benchmark_edition=benchmark_edition)[0]
            hist = decisions(st, project)
            versions = project_history(st, project)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    if fmt == "json":
        typer.echo(
            json.dumps(
                {
                    "project": ev.project,
                    "findings": [f.model_dump() for f in ev.findings],
                    "suggested_disposition": ev.disposition.disposition,
                    "reasons": ev.disposition.reasons,
                    "decisions": hist.to_dicts(),
                    "versions": versions.height,
                    "meta": ev.meta,
                },
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return
    p = ev.project
    console.print(
        f"[bold]{p['project_id']} {p['name']}[/bold]  地区 region {p['region_code']}  版本 version "
        f"{p['version']}（共 {versions.height} 个版本 / versions）"
    )
    console.print(
        f"建议处置 / suggested: [bold]{DISPOSITIONS[ev.disposition.disposition]} "
        f"({ev.disposition.disposition})[/bold]"
    )
    for r in ev.disposition.reasons:
        console.print(
            f"  · {DISPOSITIONS[r['disposition']]} ← [{r['code']}] {r['message_zh']}（{r['doc_no']} {r['clause']}）",
            markup=False,
        )
    console.print("核查 / checks:")
    for f in ev.findings:
        console.print(f"  {f.level.upper():7} {f.text('zh')}", markup=False)
    console.print(f"项目版本 / project versions ({versions.height}):")
    for v in versions.iter_rows(named=True):
        console.print(f"  v{v['version']}  {v['valid_from']}  {v['changed_by']}: {v['reason']}", markup=False)
    console.print(f"处置决定历史 / decision history ({hist.height}):")
    for d in hist.iter_rows(named=True):
        prev = DISPOSITIONS.get(d["previous_decision"] or "", "—")
        console.print(
            f"  {d['decided_at']}  {d['decided_by']}: {DISPOSITIONS[d['decision']]} ({d['decision']}) "
            f"← 此前 previous {prev}; 建议 suggested {DISPOSITIONS.get(d['suggested_disposition'], '')}; "
            f"理由 reason: {d['decision_reason']}",
            markup=False,
        )


@app.command("decide")
def decide(
    project: Annotated[str, typer.Argument(help="project id")],
    decision: Annotated[
        str, typer.Option(help="继续 | 整改 | 暂停 | 退出 (continue | rectify | suspend | exit)")
    ],
    by: Annotated[str, typer.Option("--by", help="who decides")],
    reason: Annotated[str, typer.Option(help="why")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """记录处置决定（只追加，旧决定保留）/ Record an officer's decision (append-only; earlier ones are kept)."""
    from ecer.findings import FindingsError
    from ecer.models.projects import DISPOSITIONS
    from ecer.services.projects import decide as run

    try:
        with open_store(existing_store_location(store)) as st:
            row = run(st, project, decision=decision, by=by, reason=reason, as_of=as_of)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    prev = DISPOSITIONS.get(row["previous_decision"] or "", "—")
    console.print(
        f"[green]已记录 / recorded[/green] {project}: {DISPOSITIONS[row['decision']]} ({row['decision']}), "
        f"此前 previous {prev}; 决定 {row['decision_id']}"
    )


@app.command("worklist")
def worklist(
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.xlsx")],
    store: StoreOpt = None,
    as_of: AsOfOpt = None,
    benchmark_edition: BenchOpt = None,
) -> None:
    """工作清单（XLSX）：每个项目、核查结果、建议处置、最近决定 / The work list as XLSX."""
    from ecer.findings import FindingsError
    from ecer.reports.projects_xlsx import write_worklist
    from ecer.services.projects import evaluate

    try:
        with open_store(existing_store_location(store)) as st:
            evals = evaluate(st, as_of=as_of, benchmark_edition=benchmark_edition)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    path = write_worklist(evals, output)
    console.print(f"[green]已写出 / written[/green] {path} ({len(evals)} 个项目 / projects)")


@app.command("review")
def review(
    project: Annotated[str, typer.Argument(help="project id")],
    store: StoreOpt = None,
    start_year: Annotated[
        int | None, typer.Option(help="first year of operation (default: operation_start)")
    ] = None,
    ramp_up: Annotated[
        str, typer.Option(help="share of full output per year of operation, e.g. 0.5,0.8,1")
    ] = "1",
    annual_tce: Annotated[
        float | None, typer.Option(help="annual energy at full output [tce] (default: the project's)")
    ] = None,
    region_growth: Annotated[
        float | None,
        typer.Option(
            help="the region's yearly growth without the project (default: its average since the base year)"
        ),
    ] = None,
    as_of_year: Annotated[
        int | None,
        typer.Option(
            help="start the path from the region as of this year (default: the year before operation)"
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="write the review report: FILE.html (printable) or FILE.pdf"),
    ] = None,
    lang: Annotated[str, typer.Option(help="the report's edition: zh | en")] = "zh",
) -> None:
    """项目对地区能耗双控的影响：到目标年有无项目的能耗和强度路径 / The region's path with and without the project.

    ``--output FILE``: the project review report (checks, disposition, path, decisions) as HTML or PDF."""
    import polars as pl

    from ecer.findings import FindingsError, make
    from ecer.services.projects import review as run

    try:
        try:
            ramp = [float(x) for x in ramp_up.split(",") if x.strip()]
        except ValueError:
            raise FindingsError(
                [
                    make(
                        "E_QUANTITY_MALFORMED",
                        item=ramp_up,
                        problem_zh="须为逗号分隔的数值",
                        problem_en="must be numbers separated by commas",
                    )
                ]
            ) from None
        if lang not in ("zh", "en"):
            raise FindingsError([make("E_UNKNOWN_NAME", kind="语言 / language", value=lang, valid="zh, en")])
        with open_store(existing_store_location(store)) as st:
            if output is not None:
                from ecer.services.projects import write_review_report

                written, no_path = write_review_report(
                    st,
                    project,
                    output,
                    start_year=start_year,
                    ramp_up=ramp,
                    annual_tce=annual_tce,
                    region_growth=region_growth,
                    as_of_year=as_of_year,
                    lang=lang,
                )
                console.print(f"已写出审核报告 / review report written: {written}", markup=False)
                if no_path:
                    console.print(f"无地区路径 / no region path: {no_path}", markup=False)
                return
            path = run(
                st,
                project,
                start_year=start_year,
                ramp_up=ramp,
                annual_tce=annual_tce,
                region_growth=region_growth,
                as_of_year=as_of_year,
            )
    except FindingsError as exc:
        _fail(exc.findings)
        return
    s = path.summary
    frame = pl.DataFrame(path.rows)
    text = render_frame(
        frame,
        fmt,
        title=f"地区 {path.region_code}：有无项目 {project} 的路径 / path with and without the project",
        extra={"summary": s},
    )
    if text is not None:
        typer.echo(text)
        return
    share = s["share_of_remaining"]
    console.print(
        f"剩余用能增量 / remaining increment: {s['remaining_increment']:,.1f} tce；项目净增 / project net "
        f"{s['net_tce']:,.1f} tce = {'—' if share is None else f'{share:.1%}'}"
    )
    console.print(
        f"{s['target_year']} 年强度累计降低 / cumulative intensity reduction: 无项目 without "
        f"{s['reduction_without']:.2%}，有项目 with {s['reduction_with']:.2%}（目标 target "
        f"{s['intensity_target']:.1%}）"
    )
    console.print(
        f"为不超过目标年允许总量所需替代 / replacement to stay within the allowed total: "
        f"{s['replacement_to_stay_within']:,.1f} tce"
    )
    if s.get("replacement_rule"):
        r = s["replacement_rule"]
        console.print(
            f"按规定须能耗替代 / replacement the rules ask for: {s['replacement_by_rule']:,.1f} tce"
            f"（{r['doc_no']} {r['clause']}：{r['quote']}）",
            markup=False,
        )
