"""The ``ecer`` command line (typer + rich).

Exit codes: 0 success; 1 the input has errors (findings printed); 2 bad usage (unknown name, malformed
period); 3 the store is busy or unavailable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ecer.api.settings import DEFAULT_HOST, DEFAULT_PORT, Settings
from ecer.cli import _typer_start
from ecer.cli import benchmark as benchmark_cli
from ecer.cli import catalog as catalog_cli
from ecer.cli import data as data_cli
from ecer.cli.analysis import app as analysis_app
from ecer.cli.carbon import app as carbon_app
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
from ecer.cli.dual_control import app as dual_control_app
from ecer.cli.energy import app as energy_app
from ecer.cli.indicators import app as indicators_app
from ecer.cli.pollutants import app as pollutants_app
from ecer.cli.projects import app as projects_app
from ecer.cli.transfer import app as transfer_app

_typer_start.install()  # no pydantic for the options nobody gave (the --help flag of every command)

app = typer.Typer(
    name="ecer",
    help="ECER 节能减排 — energy conservation & emission reduction policy as software.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
app.add_typer(catalog_cli.app, name="catalog", help="参考数据目录 / the reference catalog (targets, coefficients, rules).")
app.add_typer(dual_control_app, name="dual-control", help="能耗双控 / energy dual control.")
app.add_typer(energy_app, name="energy", help="折标准煤 / energy in standard coal (GB/T 2589).")
app.add_typer(benchmark_cli.app, name="benchmark", help="能效标杆与基准对标 / energy-efficiency benchmarking.")
app.add_typer(projects_app, name="projects", help="“两高”项目清单 / the two-high project inventory.")
app.add_typer(pollutants_app, name="pollutants", help="主要污染物总量减排 / pollutant total-emission control.")
app.add_typer(carbon_app, name="carbon", help="碳排放双控 / carbon dual control (CO2 from energy, intensity).")
app.add_typer(transfer_app, name="transfer",
              help="产业有序转移 / regional industrial transfer (index, matching, project library).")
app.add_typer(indicators_app, name="indicators", help="重点工程指标 / key-project indicators of 国发〔2021〕33号.")
app.add_typer(analysis_app, name="analysis", help="因素分解与目标分配 / LMDI decomposition and target allocation.")
data_cli.register(app)

StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]


@app.command("load")
def load(
    name: Annotated[str, typer.Argument(help="template: regions | energy | targets | annual_targets | "
                                              "electricity_factors | enterprises | production_units | "
                                              "unit_performance | projects | carbon_energy | pollutant_emissions | "
                                              "pollutant_measures | pollutant_increments | pollutant_targets | "
                                              "transfer_indicators | transfer_projects | "
                                              "indicator_values | sector_energy")],
    files: Annotated[list[Path], typer.Argument(help="CSV or XLSX file(s)")],
    store: StoreOpt = None,
    who: Annotated[str | None, typer.Option(help="who loads (default: login name)")] = None,
    why: Annotated[str, typer.Option(help="why (kept with every row's version)")] = "",
    sheet: Annotated[str | None, typer.Option(help="worksheet name (XLSX)")] = None,
    revise: Annotated[bool, typer.Option("--revise", help="apply changes to values already in the store (without "
                                         "it, a load that would change stored values shows the changes and loads "
                                         "nothing)")] = False,
    accept_implausible: Annotated[bool, typer.Option("--accept-implausible", help="load values that look implausible "
                                                     "(a 10⁴ unit slip, a region above its parent) after checking "
                                                     "them; they stay as warnings")] = False,
    with_: Annotated[list[str] | None, typer.Option("--with", help=data_cli.WITH_HELP + "; all files load in one "
                                                    "transaction")] = None,
) -> None:
    """导入文件：先校验全部文件，有任何错误则一行也不导入；修改库中已有数值须加 --revise 确认 / Load files into the
    store: every file is validated first and any error loads nothing; changing stored values needs --revise."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ecer.findings import FindingsError
    from ecer.services.loading import load_files

    companions = data_cli.parse_with(with_)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("校验并导入 / validating and loading", total=2 * (len(files) + len(companions)))

        def step(what: str, path: Path) -> None:
            bar.update(task, advance=1, description=f"{'已校验 checked' if what == 'checked' else '已导入 loaded'} "
                                                    f"{path.name}")

        try:
            with open_store(store_location(store)) as st:
                outcome = load_files(st, name, files, who=who, why=why, sheet=sheet, revise=revise,
                                     accept_implausible=accept_implausible, progress=step, with_files=companions)
        except FindingsError as exc:
            bar.stop()
            print_findings(exc.findings)
            revision = next((f for f in exc.findings if f.code == "E_REVISION_UNCONFIRMED"), None)
            if revision is not None:
                _print_changes(revision.evidence.get("changes", []))
            err_console.print("[red]未导入任何数据 / nothing was loaded[/red]")
            raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(outcome.findings)
    for r in outcome.receipts:
        console.print(f"[green]已导入 / loaded[/green] {r.file}: {r.rows} 行 rows → {r.table} (load {r.load_id}; "
                      f"{r.new_keys} 新 new, {r.revised_keys} 修改 revised)")
    if not outcome.receipts:
        console.print("[yellow]没有新的或修改的数据行，库未改变 / no new or changed rows: the store is unchanged[/yellow]")


def _print_changes(changes: list[dict[str, object]]) -> None:
    """The revision preview: one line per changed value (region, period, column, old → new)."""
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
    if len(changes) >= 200:
        err_console.print("… 只列出前 200 个 / only the first 200 are listed")


@app.command("history")
def history(
    table: Annotated[str, typer.Argument(help="regions | energy | targets | annual_targets | electricity_factors")],
    region: Annotated[str | None, typer.Option(help="GB/T 2260 code")] = None,
    period: Annotated[str | None, typer.Option(help="period (energy)")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
) -> None:
    """数据修改历史（谁、何时、为何）/ Every version of the rows, with who, when and why."""
    from ecer.findings import FindingsError
    from ecer.services.history import history as run

    try:
        with open_store(existing_store_location(store)) as st:
            frame = run(st, table, region=region, period=period)
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    text = render_frame(frame, fmt, title=f"{table} 历史 / history")
    if text is not None:
        typer.echo(text)


@app.command("serve")
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(envvar="ECER_HOST", help="address to listen on (127.0.0.1: this machine "
                                      "only)")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(envvar="ECER_PORT", min=1, max=65535, help="port")] = DEFAULT_PORT,
) -> None:
    """启动仪表盘和 REST API / Serve the dashboard and the REST API."""
    import uvicorn

    from ecer.api.app import create_app

    console.print(f"仪表盘 / dashboard: [bold]http://{host}:{port}[/bold]   API: http://{host}:{port}/docs   "
                  "(Ctrl-C 停止 / to stop)")
    # no access log (a line per request costs the server's time); gc frozen once warm (ecer.api.fast_path)
    uvicorn.run(create_app(store_location(store), freeze_when_warm=True), host=host, port=port, log_level="warning",
                access_log=False)


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option(help="folder for the demo store and the reports")] = Path("out"),
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve", help="serve the dashboard afterwards "
                                              "(also off when ECER_NO_SERVE=1)")] = True,
) -> None:
    """演示：用内置演示数据建库、评估全部省份和期间、输出报告并启动仪表盘 / Build the demo store from the bundled
    data, assess every province and period, write the reports, then serve the dashboard."""
    from ecer.findings import FindingsError
    from ecer.services.demo import run_demo

    try:
        store_file = run_demo(out, console=console)
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    if serve_after and os.environ.get("ECER_NO_SERVE", "") not in ("1", "true", "yes"):
        env = Settings.from_env()  # called directly, so read $ECER_HOST / $ECER_PORT here
        serve(store=str(store_file), host=env.host, port=env.port)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
