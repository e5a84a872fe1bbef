"""``ecer dual-control``: assess energy dual control from the store or straight from files, and write reports.

The options both commands share are declared once (``Annotated`` aliases) and gathered in :class:`AssessOptions`.
Exit codes (``ecer.cli.common.exit_for``): 0 assessed; 1 data problem (no data for the period or region, a period
outside every plan, a missing electricity factor, bad input files); 2 bad usage (unknown edition, malformed period
or region code, unknown option value); 3 store busy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

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
)

app = typer.Typer(no_args_is_help=True)

FORMATS = ("table", "json", "csv")
REPORT_SUFFIXES = (".xlsx", ".html", ".pdf")
READINGS = ("previous_year", "base_year")
COLUMNS_ZH = {
    "region_code": "代码", "name_zh": "地区", "period": "期间", "rule_edition": "规则",
    "energy_for_total": "总量考核能耗(万tce)", "intensity": "强度(tce/万元)",
    "intensity_change_yoy": "强度同比", "intensity_reduction_cumulative": "累计降低",
    "required_reduction_cumulative": "进度要求", "intensity_color": "强度预警",
    "energy_growth_yoy": "总量增速", "allowed_energy_growth": "允许增速", "total_color": "总量预警",
    "intensity_assessment": "强度考核", "total_assessment": "总量考核",
}
COLOR_ZH = {"red": "一级 红", "yellow": "二级 黄", "green": "三级 绿", "grey": "—"}
OUTCOME_ZH = {"met": "完成", "met_by_progress": "以五年进度视同完成", "not_met": "未完成", "exempt": "免予考核"}

PeriodOpt = Annotated[list[str] | None, typer.Option(
    "--period", "-p", help="2021, 2021H1, 2021Q3, 2021-07, 2021-07YTD (repeatable; default: every plan period)")]
RegionOpt = Annotated[str | None, typer.Option(help="GB/T 2260 code, e.g. 110000")]
RulesOpt = Annotated[str | None, typer.Option("--rules", help="rule edition: 2016 | 2021-09 | 2021 | 2022 | 2024 "
                                              "(default 2024, each period under the rules in force on its last day)")]
RecomputeOpt = Annotated[bool, typer.Option("--recompute-earlier-years/--rules-in-force",
                                            help="apply the chosen edition to every year of its plan")]
ValueAddedOpt = Annotated[bool, typer.Option("--remove-listed-value-added",
                                             help="also remove separately listed projects' value added from GDP")]
ReadingOpt = Annotated[str | None, typer.Option(
    "--renewable-reading", help="new renewable electricity (1258号): previous_year (the text, default) | base_year")]
ProRataOpt = Annotated[bool, typer.Option(
    "--incentive-pro-rata/--incentive-five-year-only",
    help="apply the incentive-target exemption of the total inside the plan too (1310号 第(九)条 rules it for the "
         "five-year assessment only)")]
MarginOpt = Annotated[float | None, typer.Option(
    "--total-red-margin", min=0, max=1, help="barometer: growth above the allowed growth by more than this fraction "
                                             "is 一级 (default 0.01)")]
DataOpt = Annotated[Path | None, typer.Option("--data", help="assess straight from the files in this folder")]
StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]


@dataclass(frozen=True)
class AssessOptions:
    """What ``assess`` and ``report`` both take."""

    period: list[str] | None
    region: str | None
    rules: str | None
    recompute: bool
    remove_value_added: bool
    reading: str | None
    pro_rata: bool
    margin: float | None
    data: Path | None
    store: str | None

    def service_options(self) -> dict[str, Any]:
        return {"recompute_earlier_years": self.recompute,
                "separately_listed_remove_value_added": self.remove_value_added,
                "renewable_increment_reading": self.reading, "incentive_exemption_pro_rata": self.pro_rata,
                "total_red_margin": self.margin}


def _run(o: AssessOptions) -> Any:
    """Run the assessment from files or the store; print findings and exit on errors."""
    from ecer.findings import FindingsError, make
    from ecer.services.dual_control import assess as run

    try:
        if o.reading is not None and o.reading not in READINGS:
            raise FindingsError([make("E_UNKNOWN_NAME", kind="读法 / reading", value=o.reading,
                                      valid=", ".join(READINGS))])
        if o.data is not None:
            return run(data_dir=o.data, period=o.period, region=o.region, edition=o.rules,
                       options=o.service_options())
        with open_store(existing_store_location(o.store)) as st:
            return run(store=st, period=o.period, region=o.region, edition=o.rules, options=o.service_options())
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None


def _title(result: Any) -> str:
    by_period = result.meta.get("edition_by_period", {})
    applied = sorted(set(by_period.values()))
    rules = ", ".join(applied) if applied else result.edition.edition
    asked = result.edition.edition
    how = "按各期适用版本 / rules in force per period" if not result.edition.recompute_earlier_years else \
        "全部按所选版本重算 / all years under the chosen edition"
    return f"能耗双控评估 / dual-control assessment — 所选规则 chosen {asked}；实际适用 applied {rules}（{how}）"


def _finish(result: Any) -> None:
    """Warnings on stderr; the synthetic-data note; exit 1 when the assessment has errors (e.g. a missing factor)."""
    if result.meta.get("synthetic"):
        err_console.print("[yellow]注意：数据部分为合成数据 / note: the data are partly synthetic[/yellow]",
                          highlight=False)
    errors = [f for f in result.findings if f.level == "error"]
    if errors:
        err_console.print(f"[red]评估有 {len(errors)} 个错误，部分结果未能计算 / the assessment has {len(errors)} "
                          "error(s): some results could not be computed[/red]", highlight=False)
        raise typer.Exit(exit_for(errors))


@app.command("assess")
def assess(
    period: PeriodOpt = None,
    region: RegionOpt = None,
    rules: RulesOpt = None,
    recompute: RecomputeOpt = False,
    remove_value_added: ValueAddedOpt = False,
    reading: ReadingOpt = None,
    pro_rata: ProRataOpt = False,
    margin: MarginOpt = None,
    data: DataOpt = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write to this file instead of the screen")] = None,
) -> None:
    """评估能耗双控：预警（晴雨表）与考核 / Assess dual control: the barometer (预警) and the assessment (考核)."""
    import polars as pl

    from ecer.findings import make

    if fmt not in FORMATS:
        print_findings([make("E_UNKNOWN_NAME", kind="格式 / format", value=fmt, valid=", ".join(FORMATS))])
        raise typer.Exit(2)
    result = _run(AssessOptions(period, region, rules, recompute, remove_value_added, reading, pro_rata, margin,
                                data, store))
    shown = [f for f in result.findings if f.level != "info"] + [f for f in result.findings if f.level == "info"]
    if shown:
        print_findings(shown, limit=30)
    table = result.table
    if fmt == "table":
        from ecer.cli.percent import percent_text

        table = table.with_columns(
            [percent_text(table.get_column(c))
             for c in ("intensity_change_yoy", "intensity_reduction_cumulative", "required_reduction_cumulative",
                       "energy_growth_yoy", "allowed_energy_growth")]
            + [(pl.col("energy_for_total") / 1e4).round(2).alias("energy_for_total"),
               pl.col("intensity").round(4)]
            + [pl.col(c).replace_strict(COLOR_ZH, default="—") for c in ("intensity_color", "total_color")]
            + [pl.col(c).replace_strict(OUTCOME_ZH, default="—") for c in ("intensity_assessment",
                                                                           "total_assessment")]
        )
    text = render_frame(table, fmt, title=_title(result), columns=COLUMNS_ZH,
                        extra={"edition": result.edition.edition, "meta": result.meta,
                               "findings": [f.model_dump(mode="json") for f in result.findings]})
    if text is not None:
        if output:
            output.write_text(text, encoding="utf-8")
            console.print(f"已写入 / written {output}")
        else:
            typer.echo(text)
    _finish(result)


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report file: .xlsx, .html (printable) or .pdf")],
    period: PeriodOpt = None,
    region: RegionOpt = None,
    rules: RulesOpt = None,
    recompute: RecomputeOpt = False,
    remove_value_added: ValueAddedOpt = False,
    reading: ReadingOpt = None,
    pro_rata: ProRataOpt = False,
    margin: MarginOpt = None,
    data: DataOpt = None,
    store: StoreOpt = None,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
) -> None:
    """输出评估报告（Excel、可打印 HTML 或 PDF）/ Write the assessment report (Excel, printable HTML or PDF)."""
    from ecer.findings import FindingsError, make
    from ecer.reports import write_report

    suffix = output.suffix.lower()
    bad = []
    if suffix not in REPORT_SUFFIXES:
        bad.append(make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=suffix or output.name,
                        valid=", ".join(REPORT_SUFFIXES)))
    if lang not in ("zh", "en"):
        bad.append(make("E_UNKNOWN_NAME", kind="语言 / language", value=lang, valid="zh, en"))
    if bad:
        print_findings(bad)
        raise typer.Exit(2)
    result = _run(AssessOptions(period, region, rules, recompute, remove_value_added, reading, pro_rata, margin,
                                data, store))
    try:
        write_report(result, output, lang=lang)
    except FindingsError as exc:  # e.g. E_PDF_NO_CJK_FONT: no Chinese font for the PDF
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    console.print(f"已生成 / written {output}")
    _finish(result)
