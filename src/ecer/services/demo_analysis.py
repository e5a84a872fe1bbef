"""The demo's LMDI run and allocation (issue 9 §4): the nation's energy 2020 → the last demo year decomposed with
the provinces as sub-categories (activity, regional structure, regional intensity), and the 14th-FYP national cut
of 13.5 % (国发〔2021〕33号) allocated among the provinces by energy-productivity tiers. The demo data are partly
synthetic, and so are these results."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from rich.console import Console

from ecer.findings import FindingsError
from ecer.reports.analysis_report import write_analysis_report
from ecer.services import analysis
from ecer.storage import Store

NATIONAL_CUT_14TH = 0.135  # 国发〔2021〕33号: 单位国内生产总值能源消耗比2020年下降13.5%


def run_analysis_demo(store_file: Path, out: Path, console: Console) -> dict[str, Path]:
    """Write ``out/lmdi_national.{html,xlsx}`` and ``out/allocation_tiers.{html,xlsx}``; a finding is printed, not
    raised (the rest of the demo stands)."""
    written: dict[str, Path] = {}
    with Store.at(str(store_file)) as st:
        energy = analysis.annual_energy(st)
        years = sorted(int(p) for p in energy["period"].unique().to_list() if str(p).isdigit())
        try:
            start = 2020 if 2020 in years else years[0]  # the 14th plan's base year
            run = analysis.lmdi_region(st, analysis.NATIONAL, start, years[-1], step=True)
            d = run.to_dict()
            for suffix in ("html", "xlsx"):
                written[f"lmdi {suffix}"] = write_analysis_report("lmdi", d, out / f"lmdi_national.{suffix}")
            res = analysis.allocate_regions(st, NATIONAL_CUT_14TH, "tiers", base_year=2020, target_year=2025,
                                            gdp_growth=0.055)
            a = analysis.allocation_dict(res)
            for suffix in ("html", "xlsx"):
                written[f"allocation {suffix}"] = write_analysis_report("allocation", a, out / f"allocation_tiers.{suffix}")
        except (FindingsError, IndexError, pl.exceptions.PolarsError) as exc:
            text = exc.findings[0].bilingual() if isinstance(exc, FindingsError) else str(exc)
            console.print(f"[yellow]因素分解演示未完成 / the analysis demo did not finish: {text}[/yellow]",
                          highlight=False)
            return written
    for kind, p in written.items():
        console.print(f"  {kind:15} → {p}")
    return written
