"""``ecer template`` and ``ecer check``: blank input templates, and checking a filled-in file.

Exit codes (see ecer.cli.common.exit_for): 0 clean (warnings allowed), 1 the file has errors, 2 bad usage
(unknown template name).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ecer.cli.common import console, exit_for, print_findings

if TYPE_CHECKING:
    import polars as pl

# The templates' names (``ecer.ingest.TEMPLATES``; a test keeps them equal): the help text needs them before any
# command runs, and ecer.ingest brings polars and xlsxwriter.
TEMPLATE_NAMES = ("energy", "regions", "targets", "annual_targets", "electricity_factors", "enterprises",
                  "production_units", "unit_performance", "projects", "carbon_energy",
                  # pollutant total-emission control (issue 8 §1)
                  "pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets",
                  # regional industrial transfer (issue 9 §3)
                  "transfer_indicators", "transfer_projects",
                  # key-project indicators (issue 8 §4)
                  "indicator_values",
                  # sectoral energy for LMDI (issue 9 §1)
                  "sector_energy")


def parse_with(values: list[str] | None) -> list[tuple[str, Path]]:
    """``--with TEMPLATE=FILE`` options → (template, path); a bad one is E_UNKNOWN_NAME (exit 2)."""
    out = []
    for v in values or []:
        name, sep, file = v.partition("=")
        if not sep or name not in TEMPLATE_NAMES:
            _unknown_template(name if sep else v)
        out.append((name, Path(file)))
    return out


WITH_HELP = ("a file of another template checked and loaded with this one, as TEMPLATE=FILE (repeatable), e.g. "
             "--with enterprises=企业.xlsx: production units may name its enterprises, performance rows its units")


class Lang(str, Enum):
    zh = "zh"
    en = "en"
    both = "both"


def _unknown_template(name: str) -> None:
    from ecer.findings import make

    f = make("E_UNKNOWN_NAME", kind="模板 / template", value=name, valid=", ".join(TEMPLATE_NAMES))
    print_findings([f])
    raise typer.Exit(exit_for([f]))


TEMPLATE_HELP = "template: " + " | ".join(TEMPLATE_NAMES)


def template_cmd(
    name: Annotated[str, typer.Argument(help=TEMPLATE_HELP)],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write, .xlsx or .csv "
                                                 "(default NAME.xlsx)")] = None,
) -> None:
    """生成空白填报模板 / Write a blank input template (.xlsx with a 说明 sheet, or .csv in UTF-8 with BOM).

    Templates: regions (地区表), energy (地区能源消费数据), targets (能耗双控目标), annual_targets (年度能耗强度目标),
    electricity_factors (电力等价值折标系数), enterprises (企业名录), production_units (生产装置),
    unit_performance (装置能效数据), projects (“两高”项目清单), carbon_energy (分品种能源消费，碳排放核算),
    pollutant_emissions (地区主要污染物排放量),
    pollutant_measures (污染物减排措施), pollutant_increments (污染物新增量), pollutant_targets (地区污染物减排目标),
    transfer_indicators (承接产业转移评价指标), transfer_projects (产业转移重点项目库), indicator_values (重点工程指标数值),
    sector_energy (分部门能源消费和增加值，LMDI 产业结构效应).
    """
    from ecer.ingest import TEMPLATES, write_template

    if name not in TEMPLATES:
        _unknown_template(name)
    out = output or Path(f"{name}.xlsx")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        out = out.with_suffix(".xlsx")
    write_template(name, out)
    console.print(f"已生成 / wrote {out}  ({TEMPLATES[name].title_zh} / {TEMPLATES[name].title_en})", highlight=False)


def check_cmd(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8 or GBK) or XLSX file")],
    template: Annotated[str | None, typer.Option("--template", "-t", help=TEMPLATE_HELP + " "
                                                 "(default: inferred from the header)")] = None,
    sheet: Annotated[str | None, typer.Option(help="worksheet (XLSX; default: the first that has the header)")] = None,
    lang: Annotated[Lang, typer.Option(help="language of the findings")] = Lang.both,
    regions: Annotated[Path | None, typer.Option(help="a regions file (template `regions`) whose codes the file "
                                                 "may use besides the GB/T 2260 catalog")] = None,
    store: Annotated[str | None, typer.Option("--store", help="also check against this store (its regions, and "
                                              "its stored values for implausible jumps)")] = None,
    with_: Annotated[list[str] | None, typer.Option("--with", help=WITH_HELP)] = None,
) -> None:
    """检查文件，不导入（与 ecer load 的判断相同）/ Check a file against its template without loading it (the same
    checks as `ecer load`)."""
    from ecer.findings import FindingsError
    from ecer.services.loading import check_file, regions_scope_note

    if template is not None and template not in TEMPLATE_NAMES:
        _unknown_template(template)
    companions = parse_with(with_)
    try:
        extra = None
        if regions is not None:
            reg = check_file(regions, "regions")
            if reg.frame is None:
                print_findings(reg.findings, lang.value)
                raise typer.Exit(exit_for(reg.findings))
            extra = reg.frame
        if store is not None:
            from ecer.cli.common import existing_store_location, open_store

            with open_store(existing_store_location(store)) as st:
                others = _companions(companions, st, extra)
                res = check_file(file, template, store=st, sheet=sheet, extra_regions=extra, extra=others)
        else:
            res = check_file(file, template, sheet=sheet, extra_regions=extra, extra=_companions(companions, None, extra))
            note = regions_scope_note(file.name, res.template, with_regions_file=extra is not None)
            if note is not None:  # a load also accepts the store's regions: say what this check could not know
                res.findings = [*res.findings, note]
    except FindingsError as exc:
        print_findings(exc.findings, lang.value)
        raise typer.Exit(exit_for(exc.findings)) from None
    print_findings(res.findings, lang.value)
    n_err = len(res.errors)
    n_warn = sum(f.level == "warning" for f in res.findings)
    where = f"{file.name}" + (f" [{res.sheet}]" if res.sheet else "")
    summary_zh = f"{where}：模板 {res.template or '?'}，{res.rows_read} 行，{n_err} 个错误，{n_warn} 个警告"
    summary_en = f"{where}: template {res.template or '?'}, {res.rows_read} rows, {n_err} errors, {n_warn} warnings"
    style = "red" if n_err else "green"
    if lang is not Lang.en:
        console.print(summary_zh, style=style, highlight=False, markup=False)
    if lang is not Lang.zh:
        console.print(summary_en, style=style, highlight=False, markup=False)
    if n_err:
        raise typer.Exit(exit_for(res.errors))


def _companions(companions: list[tuple[str, Path]], store: object,
                regions: pl.DataFrame | None) -> dict[str, pl.DataFrame]:
    """Check the --with files (in load order); their frames are what the checked file may refer to. A bad companion
    prints its findings and exits with its code."""
    import polars

    from ecer.services.loading import LOAD_ORDER, check_file

    frames: dict[str, pl.DataFrame] = {}
    for name, path in sorted(companions, key=lambda c: LOAD_ORDER.index(c[0]) if c[0] in LOAD_ORDER else -1):
        res = check_file(path, name, store=store, extra_regions=regions, extra=frames)
        if res.frame is None:
            print_findings(res.findings)
            raise typer.Exit(exit_for(res.findings))
        frames[name] = polars.concat([frames[name], res.frame], how="diagonal_relaxed") if name in frames else res.frame
    return frames


def register(app: typer.Typer) -> None:
    """Add ``template`` and ``check`` to the main ``ecer`` app."""
    app.command("template")(template_cmd)
    app.command("check")(check_cmd)
