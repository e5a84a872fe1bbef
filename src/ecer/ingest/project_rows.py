"""Row checks of the two-high project template: the owner's credit code (GB 32100-2015 check character) and the
GB/T 4754 industry code; a sector its industry code does not belong to is a warning (the prefixes are ECER's reading,
``refdata/two_high_rules``)."""

from __future__ import annotations

import re

import polars as pl

from ecer.core.identifiers import credit_code_problem
from ecer.ingest.collector import Collector
from ecer.ingest.validate import ROW, Typed
from ecer.models.projects import SECTORS

INDUSTRY_CODE = re.compile(r"^\d{2,4}$")


def _reason_zh(en: str) -> str:
    if en.startswith("check character"):
        return (
            f"校验位错误（{en.split(',')[0].split('is ')[-1]} 应为 {en.split('gives ')[-1].split(' ')[0]}）"
        )
    if en.startswith("a credit code has"):
        return f"应为 18 位，此代码 {en.split('has ')[-1].split(' ')[0]} 位"
    return "含有 GB 32100-2015 不允许的字符（" + en.split(" is not")[0].removeprefix("character ") + "）"


def check_projects(t: Typed, col: Collector) -> None:
    """E_PROJECT_CREDIT_CODE, E_PROJECT_INDUSTRY_CODE with row and column; W_PROJECT_SECTOR_INDUSTRY."""
    f = t.frame
    if "credit_code" in t.mapped:
        m = t.mapped["credit_code"]
        for r, v in f.select(ROW, "credit_code").iter_rows():
            if v is None:
                continue
            why = credit_code_problem(v)
            if why is not None:
                col.add(
                    "E_PROJECT_CREDIT_CODE",
                    row=r,
                    column=m.header,
                    value=v,
                    reason_en=why,
                    reason_zh=_reason_zh(why),
                    field="credit_code",
                )
    if "industry_code" in t.mapped:
        m = t.mapped["industry_code"]
        for r, v in f.select(ROW, "industry_code").iter_rows():
            if v is not None and not INDUSTRY_CODE.match(v):
                col.add("E_PROJECT_INDUSTRY_CODE", row=r, column=m.header, value=v, field="industry_code")
    check_replacement(t, col)
    check_energy(t, col)
    if "industry_code" in t.mapped and "sector" in t.mapped:
        from ecer.core.projects.rules import load_rules

        prefixes = load_rules().sector_prefixes
        m = t.mapped["industry_code"]
        ok = f.filter(pl.col("industry_code").is_not_null() & pl.col("sector").is_not_null())
        for r, pid, code, sector in ok.select(ROW, "project_id", "industry_code", "sector").iter_rows():
            want = prefixes.get(sector, ())
            if want and INDUSTRY_CODE.match(code) and not any(code.startswith(p) for p in want):
                col.add(
                    "W_PROJECT_SECTOR_INDUSTRY",
                    row=r,
                    column=m.header,
                    project=pid,
                    industry_code=code,
                    sector=sector,
                    sector_zh=SECTORS[sector],
                    prefixes=", ".join(want),
                )


def check_replacement(t: Typed, col: Collector) -> None:
    """An energy-replacement amount with the kind 无 (none), or a kind without an amount, is contradictory: the
    amount would be left out of the checks, so it is an error (nothing a user entered is silently dropped)."""
    if "energy_replacement_tce" not in t.mapped:
        return
    m = t.mapped["energy_replacement_tce"]
    f = t.frame
    kind = (
        f["energy_replacement_kind"]
        if "energy_replacement_kind" in f.columns
        else pl.Series([None] * f.height)
    )
    for r, k, v in zip(f[ROW].to_list(), kind.to_list(), f["energy_replacement_tce"].to_list(), strict=True):
        if v is not None and v > 0 and (k is None or k == "none"):
            col.add(
                "E_VALUE_INVALID",
                row=r,
                column=m.header,
                value=str(v),
                detail="已填替代能耗量，但能耗替代方式为空或“无” / an amount is given but the replacement kind is "
                "empty or none",
                fix_zh="填写能耗替代方式（等量替代 / 减量替代），或删去替代能耗量",
                fix_en="give the replacement kind (equal / reduction), or remove the amount",
            )


def check_energy(t: Typed, col: Collector) -> None:
    """W_PROJECT_ENERGY_INCONSISTENT / I_PROJECT_ENERGY_UNCHECKED at the row and the annual-energy column: the
    annual comprehensive energy against capacity × design unit energy (``ecer.core.projects.checks``; the same
    check the project's evaluation runs). The indicator's unit comes from the 2021 table, the one the checks use."""
    needed = ("annual_energy", "capacity", "design_unit_energy", "benchmark_field")
    if not all(c in t.mapped for c in needed):
        return
    from ecer import refdata
    from ecer.core.projects.checks import check_energy_consistency
    from ecer.core.projects.rules import load_rules

    levels, rules = refdata.load("benchmark_levels", "2021").frame, load_rules()
    m = t.mapped["annual_energy"]
    f = t.frame
    cols = [c for c in f.columns if c != ROW]
    for r, row in zip(f[ROW].to_list(), f.select(cols).iter_rows(named=True), strict=True):
        row.setdefault("project_id", None)
        for found in check_energy_consistency(row, levels, rules):
            col.add(found.code, row=r, column=m.header, **found.evidence)
