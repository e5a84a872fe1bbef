"""Use case: the demo — build a store from the bundled demo data, assess, write the reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress

from ecer.safe_cells import neutralised
from ecer.services.dual_control import assess
from ecer.services.loading import load_file

LOAD_ORDER = ("regions", "electricity_factors", "energy", "targets", "annual_targets")


def bundled_files() -> list[tuple[str, Path]]:
    """The bundled demo files in load order, as (template, path)."""
    from ecer.services.demo_data import bundle_dir

    folder = bundle_dir()
    out = []
    for name in LOAD_ORDER:
        for p in sorted(folder.glob(f"{name}*.csv")):
            if name == "targets" and p.stem.startswith("targets_annual"):
                continue
            out.append((name, p))
    return out


def build_store(store_file: Path, console: Console | None = None) -> Any:
    """Create a fresh store at ``store_file`` and load every bundled demo file into it."""
    from ecer.storage import Store

    for p in (store_file, store_file.with_suffix(store_file.suffix + ".wal")):
        if p.exists():
            p.unlink()
    files = bundled_files()
    store = Store.open(store_file)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("导入演示数据 / loading demo data", total=len(files))
        for template, path in files:
            load_file(store, template, path, who="ecer demo", why="bundled demo data (partly synthetic)")
            progress.advance(task)
    return store


def run_demo(out: Path, console: Console | None = None) -> Path:
    """Build ``out/ecer-demo.duckdb``, assess every region and period, write reports under ``out/``.

    Returns the store file (the dashboard serves it)."""
    from ecer.findings import FindingsError
    from ecer.reports import write_html, write_pdf, write_xlsx

    console = console or Console()
    out.mkdir(parents=True, exist_ok=True)
    store_file = out / "ecer-demo.duckdb"
    store = build_store(store_file, console)
    try:
        with console.status("评估能耗双控 / assessing dual control …"):
            result = assess(store=store)
        from ecer.services.demo_projects import load_demo_projects  # issue 7: synthetic two-high projects

        with console.status("两高项目演示数据 / demo two-high projects …"):
            for kind, p in load_demo_projects(store, out, console).items():
                console.print(f"  {kind:11} → {p}")
        from ecer.services.demo_pollutants import (
            load_demo_pollutants,  # issue 8 §7: synthetic splits and measures
            write_demo_pollutant_reports,
        )

        with console.status("污染物减排演示数据 / demo pollutant data …"):
            for kind, p in load_demo_pollutants(store, out, console).items():
                console.print(f"  {kind:20} → {p}")
            for kind, p in write_demo_pollutant_reports(store, out, console).items():
                console.print(f"  {kind:20} → {p}")
        from ecer.services.demo_carbon import run_carbon_demo  # issue 8 §3: synthetic energy by carrier

        with console.status("碳排放双控演示数据 / demo carbon data …"):
            for kind, p in run_carbon_demo(store, out, console).items():
                console.print(f"  {kind:20} → {p}")
        from ecer.services.demo_transfer import load_demo_transfer  # issue 9 §3: synthetic transfer data

        with console.status("产业转移演示数据 / demo transfer data …"):
            for kind, p in load_demo_transfer(store, out, console).items():
                console.print(f"  {kind:20} → {p}")
        from ecer.services.demo_indicators import (
            load_demo_indicators,  # issue 8 §4, §7: synthetic indicator values
        )

        with console.status("重点工程指标演示数据 / demo key-project indicators …"):
            for kind, p in load_demo_indicators(store, out, console).items():
                console.print(f"  {kind:20} → {p}")
        from ecer.services.demo_sectors import (
            load_demo_sectors,  # issue 9 §1: synthetic sector split for LMDI
        )

        with console.status("分部门能源演示数据 / demo sector data …"):
            for kind, p in load_demo_sectors(store, out).items():
                console.print(f"  {kind:20} → {p}")
    finally:
        store.close()
    reports = {
        "xlsx": out / "dual_control_assessment.xlsx",
        "html": out / "dual_control_assessment.html",
        "pdf": out / "dual_control_assessment.pdf",
        "csv": out / "dual_control_assessment.csv",
        "json": out / "dual_control_assessment.json",
    }
    with console.status("输出报告 / writing reports …"):
        write_xlsx(result, reports["xlsx"])
        write_html(result, reports["html"])
        try:
            write_pdf(result, reports["pdf"])
        except FindingsError as exc:  # no CJK font on this machine: say so, keep the other reports
            console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
            del reports["pdf"]
        neutralised(result.table).write_csv(reports["csv"])
        reports["json"].write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1, default=str),
                                   encoding="utf-8")
    t = result.table
    console.print(f"评估 / assessed: {t.height} 行 rows, {t['region_code'].n_unique()} 地区 regions, "
                  f"{t['period'].n_unique()} 期间 periods; 规则 rules {result.edition.edition} "
                  f"(applied: {', '.join(result.meta['editions_applied'])})")
    for kind, p in reports.items():
        console.print(f"  {kind:5} → {p}")
    from ecer.services.demo_benchmark import run_benchmark_demo  # issue 7: units, benchmarking reports

    run_benchmark_demo(store_file, out, console)
    from ecer.services.demo_analysis import run_analysis_demo  # issue 9: LMDI waterfall and target allocation

    run_analysis_demo(store_file, out, console)
    console.print("[yellow]演示数据部分为合成数据 / the demo data are partly synthetic[/yellow]")
    return store_file
