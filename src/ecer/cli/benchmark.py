"""``ecer benchmark``: classify production units against the benchmark and baseline levels of one edition, the
capacity shares against the > 30 % goal, the retrofit and exit lists, and the report (XLSX work lists, HTML, PDF).

Exit codes (``ecer.cli.common.exit_for``): 0 benchmarked; 1 data problem (no unit performance in the store for the
filters, no unit classifiable under the edition — e.g. 2023, whose rows are gaps); 2 bad usage (unknown edition or
field, malformed or unknown region, unknown format); 3 store busy. Every finding is printed on stderr.
"""

from __future__ import annotations

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
EditionOpt = Annotated[
    str | None, typer.Option("--edition", help="benchmark edition: 2021 | 2023 (default: newest)")
]
YearOpt = Annotated[int | None, typer.Option("--year", help="only this year")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="GB/T 2260 code of the enterprises' region")]
FieldOpt = Annotated[str | None, typer.Option("--field", help="benchmark field, e.g. 水泥熟料")]
StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table | json | csv")]

CLASSIFY_ZH = {
    "unit_id": "装置",
    "region": "地区",
    "field": "领域",
    "sub_category": "细分",
    "year": "年份",
    "capacity": "产能",
    "capacity_unit": "单位",
    "unit_energy": "单位产品能耗",
    "unit": "指标单位",
    "benchmark_value": "标杆",
    "baseline_value": "基准",
    "level_class_zh": "对标结果",
    "gap_to_baseline_pct": "距基准(%)",
    "saving_to_benchmark_tce": "达标杆节能(tce/a)",
    "deadline": "期限",
}
SHARES_ZH = {
    "field": "领域",
    "region": "地区",
    "year": "年份",
    "capacity_unit": "单位",
    "capacity_classified": "已对标产能",
    "capacity_at_benchmark": "标杆产能",
    "share_at_benchmark_pct": "标杆占比(%)",
    "goal_pct": "目标(%)",
    "meets_goal": "达标",
    "capacity_below_baseline": "基准以下产能",
    "deadline": "期限",
}
LISTS_ZH = {
    "list": "清单",
    "unit_id": "装置",
    "region": "地区",
    "field": "领域",
    "year": "年份",
    "capacity": "产能",
    "capacity_unit": "单位",
    "level_class_zh": "对标结果",
    "deadline": "期限",
    "saving_to_baseline_tce": "达基准节能(tce/a)",
    "technology_paths": "改造技术路径",
}


def _bad_format(fmt: str) -> None:
    from ecer.findings import make

    if fmt not in FORMATS:
        print_findings([make("E_UNKNOWN_NAME", kind="格式 / format", value=fmt, valid=", ".join(FORMATS))])
        raise typer.Exit(2)


def _run(
    store: str | None, edition: str | None, year: int | None, region: str | None, field: str | None
) -> Any:
    """Benchmark the store; print every finding; exit on errors and when nothing could be classified."""
    from ecer.findings import FindingsError
    from ecer.services.benchmarking import benchmark_store, nothing_classified

    try:
        with open_store(existing_store_location(store)) as st:
            result = benchmark_store(st, edition, year=year, region=region, field=field)
    except FindingsError as exc:
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(result.findings, limit=50)
    if nothing_classified(result):
        err_console.print(
            f"[red]在 {result.edition} 年版下没有一台装置能对标（见上列发现）/ no unit could be "
            f"classified under edition {result.edition} (see the findings above)[/red]",
            highlight=False,
        )
        raise typer.Exit(1)
    return result


def pct_1(frame: Any) -> Any:
    """The table's percentage columns (``*_pct``, already ×100) with one decimal, as the CLI shows shares
    (``ecer projects review``: 25.0%); json and csv keep the full value.

    >>> import polars as pl
    >>> pct_1(pl.DataFrame({"share_pct": [31.24567, 30.0, None], "n": [1, 2, 3]}))["share_pct"].to_list()
    ['31.2', '30.0', None]
    """
    import polars as pl

    cols = [c for c in frame.columns if c.endswith("_pct") and frame.schema[c].is_numeric()]
    return frame.with_columns(
        pl.col(c).map_elements(lambda v: f"{v:.1f}", return_dtype=pl.String, skip_nulls=True) for c in cols
    )


def _emit(frame: Any, fmt: str, title: str, columns: dict[str, str], result: Any) -> None:
    if fmt == "table":  # words and one-decimal percentages for the table; json and csv keep codes and full values
        import polars as pl

        frame = pct_1(frame)
        if "meets_goal" in frame.columns:
            frame = frame.with_columns(
                pl.col("meets_goal").replace_strict(
                    {True: "是", False: "否"}, default="—", return_dtype=pl.String
                )
            )
    text = render_frame(
        frame,
        fmt,
        title=title,
        columns=columns,
        extra={
            "edition": result.edition,
            "levels_origin": result.levels_origin,
            "findings": [f.model_dump(mode="json") for f in result.findings],
        },
    )
    if text is not None:
        typer.echo(text)
    if any(f.level == "error" for f in result.findings):
        raise typer.Exit(1)


@app.command("classify")
def classify(
    edition: EditionOpt = None,
    year: YearOpt = None,
    region: RegionOpt = None,
    field: FieldOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """每台装置对标：标杆、之间、基准以下，差距与节能量 / Each unit's class, gaps and savings."""
    _bad_format(fmt)
    r = _run(store, edition, year, region, field)
    _emit(r.classified, fmt, f"能效对标 / benchmark classes — {r.edition} 年版", CLASSIFY_ZH, r)


@app.command("shares")
def shares(
    edition: EditionOpt = None,
    year: YearOpt = None,
    region: RegionOpt = None,
    field: FieldOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """标杆产能占比（目标超过30%）/ Capacity share at benchmark against the > 30 % goal."""
    _bad_format(fmt)
    r = _run(store, edition, year, region, field)
    _emit(r.shares, fmt, f"标杆产能占比 / capacity at benchmark — {r.edition} 年版", SHARES_ZH, r)


@app.command("lists")
def lists(
    edition: EditionOpt = None,
    year: YearOpt = None,
    region: RegionOpt = None,
    field: FieldOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """改造清单与淘汰清单 / The retrofit list and the exit list."""
    import polars as pl

    _bad_format(fmt)
    r = _run(store, edition, year, region, field)
    both = pl.concat(
        [
            r.retrofit.with_columns(pl.lit("改造 retrofit").alias("list")),
            r.exit.with_columns(pl.lit("淘汰 exit").alias("list")),
        ],
        how="diagonal_relaxed",
    )
    _emit(both, fmt, f"改造与淘汰清单 / retrofit and exit lists — {r.edition} 年版", LISTS_ZH, r)


@app.command("report")
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="folder for the XLSX, HTML and PDF")],
    edition: EditionOpt = None,
    year: YearOpt = None,
    region: RegionOpt = None,
    field: FieldOpt = None,
    store: StoreOpt = None,
) -> None:
    """输出能效对标工作清单（Excel）与可打印报告（HTML、PDF）/ Write the work lists (XLSX) and the report (HTML,
    PDF)."""
    from ecer.findings import FindingsError
    from ecer.reports.benchmark_report import write_benchmark_reports

    r = _run(store, edition, year, region, field)
    try:
        written = write_benchmark_reports(r, output)
    except FindingsError as exc:  # E_PDF_NO_CJK_FONT: the XLSX and HTML are written
        print_findings(exc.findings)
        raise typer.Exit(exit_for(exc.findings)) from None
    for p in written.values():
        console.print(f"已生成 / written {p}")
    if any(f.level == "error" for f in r.findings):
        raise typer.Exit(1)
