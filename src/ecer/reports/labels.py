"""Column labels, number formats and grade colours shared by the XLSX and HTML reports.

Fractions (−0.031) print as percentages ("-3.10%"); energies in tce print in 万tce; GDP in 亿元.

>>> fmt_value("intensity_change_yoy", -0.031)
'-3.10%'
>>> fmt_value("total_energy", 420_000_000.0)
'42,000.00'
>>> fmt_value("gdp", None)
'—'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, Protocol

import polars as pl

from ecer.findings import Finding

Kind = Literal["text", "pct", "energy", "money", "intensity", "ratio", "int", "bool"]

# column → (中文, English, kind). Energies [tce] are shown in 万tce; GDP [10⁸ CNY] in 亿元;
# intensity [tce/10⁴ CNY]; fractions as %.
COLUMNS: dict[str, tuple[str, str, Kind]] = {
    "region_code": ("地区代码", "Region code", "text"),
    "name_zh": ("地区", "Region (zh)", "text"),
    "name_en": ("英文名称", "Region", "text"),
    "level": ("级别", "Level", "text"),
    "parent_code": ("上级地区代码", "Parent code", "text"),
    "period": ("期间", "Period", "text"),
    "period_kind": ("期间类型", "Period kind", "text"),
    "year": ("年份", "Year", "int"),
    "rule_edition": ("核算规则版本", "Rule edition", "text"),
    "total_energy": ("能源消费总量（万吨标准煤）", "Total energy (10⁴ tce)", "energy"),
    "feedstock_energy": ("原料用能（万吨标准煤）", "Feedstock energy (10⁴ tce)", "energy"),
    "renewable_electricity_tce": ("可再生能源电力（万吨标准煤）", "Renewable electricity (10⁴ tce)", "energy"),
    "renewable_deduction_total": ("总量核算扣除可再生能源（万吨标准煤）", "Renewable deduction, total (10⁴ tce)", "energy"),
    "nonfossil_deduction": ("非化石能源扣除（万吨标准煤）", "Non-fossil deduction (10⁴ tce)", "energy"),
    "separately_listed_energy": ("国家重大项目能耗单列（万吨标准煤）", "Separately listed (10⁴ tce)", "energy"),
    "energy_for_total": ("总量考核能耗（万吨标准煤）", "Energy for total check (10⁴ tce)", "energy"),
    "energy_for_intensity": ("强度考核能耗（万吨标准煤）", "Energy for intensity (10⁴ tce)", "energy"),
    "gdp": ("地区生产总值（亿元，可比价）", "GDP (10⁸ CNY, constant prices)", "money"),
    "intensity": ("能耗强度（吨标准煤/万元）", "Intensity (tce/10⁴ CNY)", "intensity"),
    "intensity_change_yoy": ("能耗强度同比变化", "Intensity change y/y", "pct"),
    "energy_growth_yoy": ("能源消费同比增速", "Energy growth y/y", "pct"),
    "gdp_growth_yoy": ("GDP 同比增速", "GDP growth y/y", "pct"),
    "required_reduction_annual": ("年度强度降低要求", "Required annual reduction", "pct"),
    "intensity_reduction_cumulative": ("累计强度降低率（较基期）", "Cumulative reduction vs base", "pct"),
    "required_reduction_cumulative": ("累计进度要求", "Required cumulative reduction", "pct"),
    "progress_ratio": ("进度完成率", "Progress ratio", "pct"),
    "five_year_target": ("五年基本目标", "Five-year basic target", "pct"),
    "incentive_target": ("五年激励目标", "Five-year incentive target", "pct"),
    "target_source": ("目标来源", "Target source", "text"),
    "incentive_reached": ("达到激励目标", "Incentive target reached", "bool"),
    "total_exempt": ("免予总量考核", "Exempt from total check", "bool"),
    "allowed_energy_growth": ("能源消费允许增速", "Allowed energy growth", "pct"),
    "intensity_grade": ("强度预警等级", "Intensity grade", "int"),
    "intensity_color": ("强度预警颜色", "Intensity colour", "text"),
    "total_grade": ("总量预警等级", "Total grade", "int"),
    "total_color": ("总量预警颜色", "Total colour", "text"),
    "annual_target_met": ("完成年度目标", "Annual target met", "bool"),
    "data_origin": ("数据性质", "Data origin", "text"),
}

# Barometer colours (一级 红 / 二级 黄 / 三级 绿; METHODS.md §5.1): fill colour, text colour.
COLORS: dict[str, tuple[str, str]] = {
    "red": ("#d93b30", "#ffffff"),
    "yellow": ("#f5c518", "#1a1a1a"),
    "green": ("#2e9d4f", "#ffffff"),
    "grey": ("#bdbdbd", "#1a1a1a"),
    "exempt": ("#4a86c5", "#ffffff"),
}
COLOR_NAMES: dict[str, tuple[str, str]] = {
    "red": ("一级（红灯）", "grade 1 (red)"),
    "yellow": ("二级（黄灯）", "grade 2 (yellow)"),
    "green": ("三级（绿灯）", "grade 3 (green)"),
    "grey": ("无数据", "no data"),
    "exempt": ("免予考核", "exempt"),
}
ORIGIN_NAMES = {"official": "官方", "synthetic": "模拟", "partly synthetic": "部分模拟", "user": "用户"}


class ResultLike(Protocol):
    """What the reports read from an assessment result (ecer.services.dual_control.AssessmentResult)."""

    @property
    def table(self) -> pl.DataFrame: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def edition(self) -> Any: ...
    @property
    def meta(self) -> Mapping[str, Any]: ...


def label(column: str, lang: str = "zh") -> str:
    """The header of a column in ``lang`` ('zh' or 'en'); unknown columns keep their name."""
    zh, en, _ = COLUMNS.get(column, (column, column, "text"))
    return zh if lang == "zh" else en


def kind(column: str) -> Kind:
    return COLUMNS.get(column, ("", "", "text"))[2]


def fmt_value(column: str, value: Any, lang: str = "zh") -> str:
    """A cell as text for HTML: % with two decimals, 万tce and 亿元 with thousands separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    k = kind(column)
    if k == "pct":
        return f"{value * 100:.2f}%"
    if k == "energy":
        return f"{value / 1e4:,.2f}"
    if k == "money":
        return f"{value:,.2f}"
    if k == "intensity":
        return f"{value:.4f}"
    if k == "bool":
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if column in ("intensity_color", "total_color") and value in COLOR_NAMES:
        return COLOR_NAMES[value][0 if lang == "zh" else 1]
    return str(value)


def report_period(result: ResultLike) -> str | None:
    """The period the charts show: ``meta['period']`` if given, else the latest year (or, without a
    year, the latest period) in the table."""
    if result.meta.get("period"):
        return str(result.meta["period"])
    t = result.table
    if t.is_empty():
        return None
    years = t.filter(pl.col("period_kind") == "Y") if "period_kind" in t.columns else t
    pool = years if not years.is_empty() else t
    return str(pool.sort(["year", "period"])["period"][-1])


def chart_rows(result: ResultLike, period: str | None) -> pl.DataFrame:
    """Rows of the chart period, provinces only if there are any (else every region), in code order."""
    t = result.table
    if period is None:
        return t.head(0)
    t = t.filter(pl.col("period") == period)
    prov = t.filter(pl.col("level") == "province")
    return (prov if not prov.is_empty() else t).sort("region_code")


_OPTIONS = {
    "feedstock": "原料用能", "renewable_electricity": "可再生能源电力", "renewable_base_year": "可再生能源基期年",
    "other_nonfossil": "其他非化石能源", "separately_listed_excluded": "扣除国家重大项目单列能耗",
    "separately_listed_remove_value_added": "同时扣除单列项目增加值", "recompute_earlier_years": "按本版规则重算以前年度",
    "electricity_method": "电力折标方法", "incentive_exempts_total": "达到激励目标免予总量考核",
    "five_year_progress_counts_as_annual": "五年进度达标视同完成年度目标", "plan_base_year": "规划基期年",
    "plan_target_year": "规划目标年",
}


def edition_rows(edition: Any, lang: str = "zh") -> list[tuple[str, str]]:
    """(label, value) lines describing the rule edition and its options."""
    if edition is None:
        return []
    zh = lang == "zh"
    rows = [("版本" if zh else "Edition", str(edition.edition)),
            ("名称" if zh else "Name", str(edition.name_zh if zh else edition.name_en)),
            ("生效日期" if zh else "Effective from", str(edition.effective_from))]
    for opt, opt_zh in _OPTIONS.items():
        if getattr(edition, opt, None) is not None:
            rows.append((f"{opt_zh}（{opt}）" if zh else opt, str(getattr(edition, opt, None))))
    return rows


def clause_rows(edition: Any) -> list[tuple[str, str, str, str, str]]:
    """(key, doc_no, clause, quote, source) of each clause the edition cites."""
    clauses = getattr(edition, "clauses", None) or {}
    return [(k, c.doc_no, c.clause, c.quote, c.source) for k, c in clauses.items()]


def meta_rows(meta: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Metadata as (key, text) rows; long lists are summarised as "n: first … last".

    >>> meta_rows({"periods": [str(y) for y in range(2001, 2021)], "source": "store"})
    [('periods', '20: 2001 … 2020'), ('source', 'store')]
    """
    out = []
    for k, v in (meta or {}).items():
        if k == "units":  # the column headers carry the units
            continue
        if isinstance(v, (list, tuple)) and len(v) > 8:
            out.append((str(k), f"{len(v)}: {v[0]} … {v[-1]}"))
        else:
            out.append((str(k), str(v)))
    return out
