"""The demo's benchmarking part (issue 7 §8, `make demo`): load the seeded unit population into the demo store
(:func:`ecer.services.demo_units.write_bundle`, then one ``load_files`` of enterprises with the production units
and their performance as companions) and write the benchmarking reports under ``out/`` for the 2021 edition (the
2023 edition ships without its rows; its 36 fields are gaps).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

EDITION = "2021"


def run_benchmark_demo(
    store_file: Path, out: Path, console: Console, units: int | None = None
) -> dict[str, Path]:
    """Load the unit population (``units`` of them; default the parameters' count) into ``store_file``, benchmark it
    under 2021, write the reports under ``out``."""
    from ecer.findings import FindingsError
    from ecer.reports.benchmark_report import write_benchmark_html, write_benchmark_pdf, write_benchmark_xlsx
    from ecer.services.benchmarking import benchmark_store
    from ecer.services.demo_units import generate, write_bundle
    from ecer.services.loading import load_files
    from ecer.storage import Store

    bundle = write_bundle(out / "demo_units", generate(units=units))
    with (
        console.status("导入演示装置 / loading the demo production units …"),
        Store.open(store_file) as store,
    ):
        load_files(
            store,
            "enterprises",
            [bundle["enterprises"]],
            who="ecer demo",
            why="seeded synthetic unit population",
            with_files=[
                ("production_units", bundle["production_units"]),
                ("unit_performance", bundle["unit_performance"]),
            ],
        )
        result = benchmark_store(store, EDITION)
    reports = {
        "xlsx": out / "benchmark_worklists.xlsx",
        "html": out / "benchmark_report.html",
        "pdf": out / "benchmark_report.pdf",
    }
    with console.status("输出能效对标报告 / writing the benchmarking reports …"):
        write_benchmark_xlsx(result, reports["xlsx"])
        write_benchmark_html(result, reports["html"])
        try:
            write_benchmark_pdf(result, reports["pdf"])
        except FindingsError as exc:  # no CJK font: say so, keep the other reports
            console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
            del reports["pdf"]
    console.print(
        f"能效对标 / benchmarked: {result.classified.height} 装置年 unit-years under {result.edition}; "
        f"改造 retrofit {result.retrofit.height}, 淘汰 exit {result.exit.height}"
    )
    for kind, p in reports.items():
        console.print(f"  {kind:5} → {p}")
    return reports
