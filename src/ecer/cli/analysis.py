"""``ecer analysis``: LMDI decomposition (``lmdi``) and the allocation of a national intensity target among regions
(``allocate``), with rich tables and -o reports (.xlsx / .html / .pdf).

Exit codes as everywhere (:data:`ecer.cli.common.EXIT_CODES`): an unknown region, a period without data, a file
with errors or a sign change exits 1; an unknown identity, model or method exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ecer.cli.common import STORE_HELP, console, existing_store_location, exit_for, open_store, print_findings

if TYPE_CHECKING:
    from ecer.findings import Finding

app = typer.Typer(no_args_is_help=True)
StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="report file: .xlsx, .html or .pdf")]
LangOpt = Annotated[str, typer.Option("--lang", help="report language: zh | en")]


def _fail(findings: list[Finding]) -> None:
    print_findings(findings)
    raise typer.Exit(exit_for(findings))


def _num(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:,.6g}"


@app.command("lmdi")
def lmdi_cmd(
    start: Annotated[str, typer.Option("--from", "--start", help="base period (year), e.g. 2020")],
    end: Annotated[str, typer.Option("--to", "--end", help="last period, e.g. 2024")],
    region: Annotated[str | None, typer.Option("--region", help="region code (decompose the stored energy data)")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="CSV/XLSX with sector data (instead of --region)")] = None,
    identity: Annotated[str, typer.Option("--identity", help="energy | intensity | co2 (--region: from the stored "
                                          "sector rows; energy also without them) | kaya | custom (--file)")]
    = "energy",
    factor: Annotated[list[str] | None, typer.Option("--factor", help="custom identity: a factor column (repeat)")]
    = None,
    category: Annotated[list[str] | None, typer.Option("--category", help="custom identity: a sub-category column")]
    = None,
    model: Annotated[str, typer.Option("--model", help="LMDI-I | LMDI-II")] = "LMDI-I",
    form: Annotated[str, typer.Option("--form", help="additive | multiplicative")] = "additive",
    basis: Annotated[str, typer.Option("--basis", help="chained | fixed (with --every-year or several periods)")]
    = "chained",
    every_year: Annotated[bool, typer.Option("--every-year", help="decompose year by year between --from and --to")]
    = False,
    store: StoreOpt = None,
    output: OutOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """LMDI 因素分解 / LMDI decomposition of a region's energy, intensity or CO2 (store) or of a file's data.

    With --region the region's stored sector rows (sector_energy) give the structure effect when every year has
    them; otherwise energy is decomposed over the stored sub-regions or as activity × intensity. The output says
    which data were used."""
    from rich.table import Table

    from ecer.findings import FindingsError, make
    from ecer.services import analysis

    try:
        if (region is None) == (file is None):
            raise FindingsError([make("E_UNKNOWN_NAME", kind="数据来源 / data source", value="—",
                                      valid="--region CODE | --file PATH")])
        if file is not None:
            periods = [start, end]
            if every_year and start.isdigit() and end.isdigit():
                periods = [str(y) for y in range(int(start), int(end) + 1)]
            run = analysis.lmdi_file(file, identity, periods, model=model, form=form, basis=basis,
                                     factors=factor, categories=category)
        else:
            if not (start.isdigit() and end.isdigit()):
                raise FindingsError([make("E_PERIOD_MALFORMED", value=f"{start} / {end}")])
            with open_store(existing_store_location(store)) as st:
                run = analysis.lmdi_region(st, str(region), int(start), int(end), model=model, form=form,
                                           basis=basis, step=every_year, identity=identity)
        d = run.to_dict()
        if output is not None:
            from ecer.reports.analysis_report import write_analysis_report

            write_analysis_report("lmdi", d, output, lang)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    form_zh = "加法" if form == "additive" else "乘法"
    table = Table(title=f"{d['subject']} {d['identity_zh']} {d['start']}→{d['end']}  {d['model']} {form_zh}/{form}")
    table.add_column("因素 / factor")
    table.add_column(f"效应 / effect ({d['unit'] if form == 'additive' else '×'})", justify="right")
    for e in d["effects"]:
        table.add_row(f"{e['label_zh']} / {e['label_en']}", _num(e["value"]))
    total = d["vt"] - d["v0"] if form == "additive" else d["vt"] / d["v0"]
    table.add_row("合计 / total", _num(total))
    console.print(table)
    console.print(f"{_num(d['v0'])} → {_num(d['vt'])} {d['unit']}; {d['basis_zh']} / {d['basis_en']}")
    if d.get("data_zh"):
        console.print(f"数据 / data: {d['data_zh']}", highlight=False)
        console.print(f"data: {d['data_en']}", highlight=False)
    console.print(d["check"]["text_zh"])
    console.print(d["check"]["text_en"])
    if output is not None:
        console.print(f"[green]报告 / report:[/green] {output}")


@app.command("allocate")
def allocate_cmd(
    target: Annotated[float, typer.Option("--target", help="national intensity cut, 0.135 = 13.5 %")],
    method: Annotated[str, typer.Option("--method", help="分配方法 / method: tiers | composite | zsg_dea")] = "tiers",
    base_year: Annotated[int, typer.Option("--base-year", help="base year of the plan")] = 2020,
    target_year: Annotated[int, typer.Option("--target-year", help="target year")] = 2025,
    gdp_growth: Annotated[float, typer.Option("--gdp-growth", help="assumed annual GDP growth, 0.055 = 5.5 %")]
    = 0.055,
    margin: Annotated[float, typer.Option("--margin", help="incentive target = basic + margin")] = 0.01,
    tiers: Annotated[int, typer.Option("--tiers", help="number of tiers (tiers method)")] = 5,
    gap: Annotated[float, typer.Option("--gap", help="gap between tiers, 0.01 = 1 point")] = 0.01,
    weighting: Annotated[str, typer.Option("--weighting", "--weights", help="综合指数法赋权 / composite weights: "
                                           "entropy | ahp (with --ahp-matrix) | user (equal)")] = "entropy",
    ahp_matrix: Annotated[Path | None, typer.Option("--ahp-matrix", help="AHP 两两比较判断矩阵 CSV/XLSX（首行与首列为指标名，"
                                                    "Saaty 1–9 标度，可写 1/3） / AHP pairwise matrix CSV/XLSX (indicator "
                                                    "names in the first row and column, Saaty 1–9 scale, 1/3 allowed)")]
    = None,
    indicator: Annotated[list[str] | None, typer.Option("--indicator", help="综合指数法指标（可重复），NAME 或 NAME:cost / "
                                                        "composite indicator (repeat), NAME or NAME:cost")] = None,
    region_data: Annotated[Path | None, typer.Option("--region-data", help="地区补充数据 CSV/XLSX：region_code 与数值列"
                                                     "（资本、劳动、CO2、指标） / extra region columns CSV/XLSX: region_code "
                                                     "and numeric columns (capital, labour, co2, indicators)")] = None,
    dea_inputs: Annotated[str, typer.Option("--dea-inputs", help="ZSG-DEA 投入，逗号分隔，须含 energy / ZSG-DEA inputs, "
                                            "comma-separated, energy included (e.g. energy,capital,labour)")]
    = "energy",
    dea_outputs: Annotated[str, typer.Option("--dea-outputs", help="ZSG-DEA 产出，逗号分隔，gdp 为目标年 GDP / ZSG-DEA "
                                             "outputs, comma-separated, gdp = target-year GDP")] = "gdp",
    store: StoreOpt = None,
    output: OutOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """分解全国强度目标 / Allocate the national energy-intensity target among the stored provinces."""
    from rich.table import Table

    from ecer.findings import FindingsError
    from ecer.services import analysis

    try:
        extra = analysis.read_region_data(region_data) if region_data is not None else None
        matrix = analysis.read_ahp_matrix(ahp_matrix) if ahp_matrix is not None else None
        with open_store(existing_store_location(store)) as st:
            res = analysis.allocate_regions(
                st, target, method, base_year=base_year, target_year=target_year, gdp_growth=gdp_growth,
                margin=margin, tiers=tiers, gap=gap, weighting=weighting, indicators=indicator, ahp_matrix=matrix,
                ahp_file=ahp_matrix.name if ahp_matrix is not None else None,
                dea_inputs=[x.strip() for x in dea_inputs.split(",") if x.strip()],
                dea_outputs=[x.strip() for x in dea_outputs.split(",") if x.strip()],
                region_data=extra, region_file=region_data.name if region_data is not None else None)
        d = analysis.allocation_dict(res)
        if output is not None:
            from ecer.reports.analysis_report import write_analysis_report

            write_analysis_report("allocation", d, output, lang)
    except FindingsError as exc:
        _fail(exc.findings)
        return
    table = Table(title=f"{d['method_zh']} / {d['method_en']}: {target:.2%}")
    for c in ("地区 / region", "基年能耗 tce", "基本目标 / basic", "激励目标 / incentive", "依据 / reason"):
        table.add_column(c, justify="left" if c.startswith(("地区", "依据")) else "right")
    for r in d["regions"]:
        table.add_row(f"{r['region_code']} {r.get('name_zh') or ''}", _num(r["energy_0"]), f"{r['basic_target']:.2%}",
                      f"{r['incentive_target']:.2%}", r["reason_zh"])
    console.print(table)
    if d["weights"]:
        console.print("权重 / weights: " + ", ".join(f"{k} {v:.4f}" for k, v in d["weights"].items()))
    if d["lambda_max"] is not None:
        console.print(f"AHP: λmax = {d['lambda_max']:.4f}, CI = {d['consistency_index']:.4f}, "
                      f"CR = {d['consistency_ratio']:.4f} < 0.10")
    for n in d["notes"]:
        console.print(n["zh"])
        console.print(n["en"])
    if res.findings:
        print_findings(res.findings)
    if output is not None:
        console.print(f"[green]报告 / report:[/green] {output}")
