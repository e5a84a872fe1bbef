"""Words for every code the assessment table carries, in Chinese and English, and the number formats of the
reports. A report never prints a raw code, a Python value (``True``, ``None``) or a switch name: it prints these.

>>> code_label("period_kind", "YTD"), code_label("level", "province"), code_label("color", "red")
('1—N月累计', '省', '红')
>>> code_label("bool", True), code_label("bool", False, "en"), code_label("outcome", "met_by_progress")
('是', 'no', '以五年进度视同完成')
>>> code_label("allowed_growth_basis", "gdp_plan+gdp_above_plan")
'按规划经济增速；经济超预期调增'
>>> code_label("allowed_growth_basis", "increment_cap+gdp_above_plan", "en")
'increment cap; raised, GDP above plan'
>>> code_label("plan", "14th", "en"), code_label("level", None)
('14th Five-Year Plan', '—')
>>> fmt(-0.031, "pct"), fmt(64_714_455.9 / 1e4, "wan_tce"), fmt(0.7871, "wan_tce", decimals=4), fmt(None, "pct")
('-3.10%', '6,471.45', '0.7871', '—')
>>> fmt(-0.00001, "pct")
'0.00%'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, Protocol

import polars as pl

from ecer.findings import Finding

Kind = Literal["text", "source", "pct", "wan_tce", "yi", "intensity", "factor", "int", "mark"]

# code family → code → (中文, English)
CODES: dict[str, dict[Any, tuple[str, str]]] = {
    "period_kind": {"Y": ("年", "year"), "H": ("半年", "half-year"), "Q": ("季", "quarter"), "M": ("月", "month"),
                    "YTD": ("1—N月累计", "year to date")},
    "level": {"national": ("全国", "national"), "province": ("省", "province"), "city": ("市", "city"),
              "county": ("县", "county")},
    "level_group": {"national": ("全国", "China"), "province": ("省（自治区、直辖市）", "provinces"),
                    "city": ("地级市", "cities"), "county": ("县（市、区）", "counties")},
    "color": {"red": ("红", "red"), "yellow": ("黄", "yellow"), "green": ("绿", "green"), "grey": ("无等级", "no grade")},
    "grade": {1: ("一级（红）", "grade 1 (red)"), 2: ("二级（黄）", "grade 2 (yellow)"),
              3: ("三级（绿）", "grade 3 (green)")},
    "bool": {True: ("是", "yes"), False: ("否", "no")},
    "outcome": {"met": ("完成", "met"), "met_by_progress": ("以五年进度视同完成", "met by five-year progress"),
                "not_met": ("未完成", "not met"), "exempt": ("免予考核", "exempt")},
    "assessment_scope": {"annual": ("年度考核", "annual assessment"),
                         "five_year": ("五年规划当期考核", "five-year assessment")},
    "electricity_basis": {"calorific": ("当量值", "calorific value"),
                          "coal_equivalent": ("等价值", "coal equivalent")},
    "electricity_factor_rate": {"generation": ("发电煤耗", "generation rate"), "supply": ("供电煤耗", "supply rate"),
                                "given": ("数据给定", "given in the data"),
                                "calorific": ("当量值", "calorific value")},
    "plan": {"12th": ("“十二五”", "12th Five-Year Plan"), "13th": ("“十三五”", "13th Five-Year Plan"),
             "14th": ("“十四五”", "14th Five-Year Plan"), "15th": ("“十五五”", "15th Five-Year Plan")},
    "plan_status": {"in_plan": ("规划期内", "in the plan"), "base_year": ("规划基期年", "the plan's base year"),
                    "no_target": ("无目标", "no target")},
    "target_status": {"own": ("本地区目标", "own target"), "inherited": ("沿用上级目标", "the parent's target")},
    "annual_target_source": {"even_pace": ("按五年目标均衡进度", "even pace of the five-year target"),
                             "filed annual target": ("已报送的年度目标", "filed annual target")},
    "allowed_growth_part": {"gdp_plan": ("按规划经济增速", "GDP plan"),
                            "increment_cap": ("按五年增量上限", "increment cap"),
                            "gdp_above_plan": ("经济超预期调增", "raised, GDP above plan")},
    "data_origin": {"official": ("官方统计", "official"), "synthetic": ("模拟（演示用合成数据）", "synthetic (demo)"),
                    "partly synthetic": ("部分模拟", "partly synthetic"), "user": ("用户提供", "user-supplied")},
    "reading": {"previous_year": ("较上年新增（1258号原文读法）", "over the previous year (1258号 as written)"),
                "base_year": ("较基期年累计新增", "cumulative over the base year")},
    "finding_level": {"error": ("错误", "errors"), "warning": ("警告", "warnings"), "info": ("提示", "notes")},
}
NO_VALUE = "—"

# Barometer colours (一级 红 / 二级 黄 / 三级 绿; METHODS.md §5.1): fill colour, text colour.
COLORS: dict[str, tuple[str, str]] = {
    "red": ("#d93b30", "#ffffff"),
    "yellow": ("#f5c518", "#1a1a1a"),
    "green": ("#2e9d4f", "#ffffff"),
    "grey": ("#e0e0e0", "#1a1a1a"),
}
GRADE_COLOR = {1: "red", 2: "yellow", 3: "green"}


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


def zh_en(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def code_label(family: str, value: Any, lang: str = "zh") -> str:
    """The words for ``value`` of a code family in ``lang``; ``—`` for no value. ``allowed_growth_basis`` codes
    join their parts (``gdp_plan+gdp_above_plan``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if family == "allowed_growth_basis":
        parts = [code_label("allowed_growth_part", p, lang) for p in str(value).split("+") if p]
        return ("；" if lang == "zh" else "; ").join(parts)
    if family == "annual_target_source" and value not in CODES[family]:
        from ecer.reports.wording import source_text

        return source_text(str(value), lang)  # the source note of a filed annual target
    pair = CODES[family].get(value)
    if pair is None:
        return str(value)
    return pair[0] if lang == "zh" else pair[1]


def grade_text(grade: Any, lang: str = "zh") -> str:
    """``一级 红`` / ``1 red`` for a table cell; ``—`` without a grade."""
    if grade is None:
        return NO_VALUE
    g = int(grade)
    color = code_label("color", GRADE_COLOR.get(g), lang)
    return f"{'一二三'[g - 1]}级 {color}" if lang == "zh" else f"{g} {color}"


def fmt(value: Any, kind: Kind, lang: str = "zh", *, decimals: int | None = None) -> str:
    """A value as report text: fractions as % (two decimals), 万tce and 亿元 with thousands separators, intensity
    with four decimals, factors [tce/MWh] with four."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if kind == "pct":
        text = f"{value * 100:.{2 if decimals is None else decimals}f}%"
        return text[1:] if text.startswith("-") and not text.strip("-0.%") else text  # no "-0.00%"
    if kind in ("wan_tce", "yi"):
        return f"{value:,.{2 if decimals is None else decimals}f}"
    if kind in ("intensity", "factor"):
        return f"{value:.{4 if decimals is None else decimals}f}"
    if kind == "int":
        return f"{int(value):d}"
    if isinstance(value, bool):
        return code_label("bool", value, lang)
    return str(value)


def excel_format(kind: Kind, decimals: int | None = None) -> str | None:
    """The Excel number format of a kind (``None``: text)."""
    d = {"pct": 2, "wan_tce": 2, "yi": 2, "intensity": 4, "factor": 4}.get(kind)
    if kind == "int":
        return "0"
    if d is None:
        return None
    d = d if decimals is None else decimals
    body = ("#,##0" if kind in ("wan_tce", "yi") else "0") + ("." + "0" * d if d else "")
    return body + ("%" if kind == "pct" else "")


def magnitude_decimals(values: list[Any], kind: Kind) -> int | None:
    """Four decimals for energies and GDP when every value is below 100 (a small region: 0.7871 万tce), else the
    kind's default."""
    if kind not in ("wan_tce", "yi"):
        return None
    nums = [abs(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)
            and v != 0]
    return 4 if nums and max(nums) < 100 else None
