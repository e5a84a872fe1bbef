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
