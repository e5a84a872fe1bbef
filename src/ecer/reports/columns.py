"""Every column of the assessment table (``ecer.core.dual_control.ASSESSMENT_COLUMNS``) as a report shows it: a
header in Chinese and English with its unit, the kind of number, the divisor from the table's unit to the shown
one, and the code family whose words replace its codes.

Energies [tce] are shown in 万tce (÷10⁴), electricity [MWh] in 亿kWh (÷10⁵), GDP in 亿元, fractions as %.

>>> spec("energy_for_total").zh, spec("energy_for_total").scale
('总量考核能耗（万吨标准煤）', 10000.0)
>>> cell_value("energy_for_total", 7871.0, "zh"), cell_value("intensity_color", "red", "zh")
(0.7871, '红')
>>> cell_value("total_exempt", False, "en"), cell_value("period", "2021-07YTD", "zh")
('no', '2021年1—7月')
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ecer.reports.labels import Kind, code_label
from ecer.reports.wording import factor_source_text, period_label, source_text


@dataclass(frozen=True)
class ColumnSpec:
    zh: str
    en: str
    kind: Kind = "text"
    scale: float = 1.0
    family: str | None = None  # code family in ecer.reports.labels.CODES

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


_T, _E = "（万吨标准煤）", " [10⁴ tce]"


def _tce(zh: str, en: str) -> ColumnSpec:
    return ColumnSpec(zh + _T, en + _E, "wan_tce", 1e4)


def _pct(zh: str, en: str) -> ColumnSpec:
    return ColumnSpec(zh, en + " [%]", "pct")


def _code(zh: str, en: str, family: str) -> ColumnSpec:
    return ColumnSpec(zh, en, "text", 1.0, family)


SPECS: dict[str, ColumnSpec] = {
    "region_code": ColumnSpec("行政区划代码", "Region code"),
    "name_zh": ColumnSpec("地区", "Region (Chinese name)"),
    "name_en": ColumnSpec("地区（英文）", "Region"),
    "level": _code("级别", "Level", "level"),
    "parent_code": ColumnSpec("上级区划代码", "Parent code"),
    "period": ColumnSpec("期间", "Period"),
    "period_kind": _code("期间类型", "Period kind", "period_kind"),
    "year": ColumnSpec("年份", "Year", "int"),
    "plan": _code("五年规划", "Five-year plan", "plan"),
    "plan_status": _code("规划状态", "Plan status", "plan_status"),
    "rule_edition": ColumnSpec("核算规则", "Rule edition"),
    "total_energy": _tce("能源消费总量", "Total energy"),
    "feedstock_energy": _tce("原料用能", "Feedstock energy"),
    "feedstock_deduction": _tce("原料用能扣除", "Feedstock deducted"),
    "renewable_electricity": ColumnSpec("可再生能源电力（亿千瓦时）", "Renewable electricity [10⁸ kWh]", "yi", 1e5),
    "electricity_basis": _code("电力折标口径", "Electricity basis", "electricity_basis"),
    "electricity_factor": ColumnSpec("电力折标系数（吨标准煤/兆瓦时）", "Electricity factor [tce/MWh]", "factor"),
    "electricity_factor_rate": _code("系数类型", "Factor rate", "electricity_factor_rate"),
    "electricity_factor_source": ColumnSpec("系数来源", "Factor source", "source"),
    "renewable_electricity_tce": _tce("可再生能源电力折标量", "Renewable electricity"),
    "renewable_increment": ColumnSpec("新增可再生能源电力（亿千瓦时）", "New renewable electricity [10⁸ kWh]", "yi",
                                      1e5),
    "renewable_deduction_total": _tce("新增可再生能源扣除（仅总量）", "New renewables deducted (total only)"),
    "renewable_deduction_cumulative": _tce("累计扣除新增可再生能源", "New renewables deducted, cumulative"),
    "nonfossil_deduction": _tce("非化石能源扣除", "Non-fossil deducted"),
    "separately_listed_energy": _tce("国家重大项目单列能耗", "Separately listed energy"),
    "separately_listed_deduction": _tce("单列能耗扣除", "Separately listed deducted"),
    "energy_for_intensity": _tce("强度考核能耗", "Energy for intensity"),
    "energy_for_total": _tce("总量考核能耗", "Energy for the total check"),
    "energy_for_total_prev": _tce("上年同期总量考核能耗", "Same period a year earlier"),
    "gdp": ColumnSpec("地区生产总值（亿元，可比价）", "GDP [10⁸ CNY, constant prices]", "yi"),
    "price_base_year": ColumnSpec("可比价基年", "Price base year", "int"),
    "intensity": ColumnSpec("能耗强度（吨标准煤/万元）", "Intensity [tce/10⁴ CNY]", "intensity"),
    "intensity_prev": ColumnSpec("上年同期能耗强度", "Intensity a year earlier", "intensity"),
    "intensity_base": ColumnSpec("基期能耗强度", "Base-year intensity", "intensity"),
    "intensity_change_yoy": _pct("能耗强度同比变化", "Intensity change y/y"),
    "energy_growth_yoy": _pct("总量考核能耗同比增速", "Energy growth y/y"),
    "gdp_growth_yoy": _pct("经济同比增速", "GDP growth y/y"),
    "intensity_reduction_cumulative": _pct("能耗强度累计降低率（较基期）", "Cumulative intensity reduction"),
    "energy_growth_cumulative": _pct("能耗累计增长（较基期）", "Cumulative energy growth"),
    "gdp_growth_cumulative": _pct("经济累计增长（较基期）", "Cumulative GDP growth"),
    "five_year_target": _pct("五年基本目标", "Five-year basic target"),
    "incentive_target": _pct("五年激励目标", "Five-year incentive target"),
    "gdp_growth_plan": _pct("规划经济增速", "Planned GDP growth"),
    "total_increment_cap": _tce("五年能耗增量上限", "Five-year increment cap"),
    "target_source": ColumnSpec("目标来源", "Target source", "source"),
    "target_status": _code("目标状态", "Target status", "target_status"),
    "target_note": ColumnSpec("目标说明", "Target note", "source"),
    "required_reduction_annual": _pct("年度强度降低要求", "Required reduction this period"),
    "annual_target_source": _code("年度要求依据", "Basis of the requirement", "annual_target_source"),
    "required_reduction_cumulative": _pct("累计进度要求", "Required cumulative reduction"),
    "incentive_required_cumulative": _pct("激励目标累计进度", "Incentive pace to date"),
    "progress_ratio": _pct("进度完成率", "Progress ratio"),
    "allowed_energy_growth_plan": _pct("规划允许增速", "Allowed growth (plan)"),
    "allowed_energy_growth": _pct("允许增速", "Allowed growth"),
    "allowed_growth_basis": _code("允许增速依据", "Basis of the allowed growth", "allowed_growth_basis"),
    "allowed_energy_growth_cumulative": _pct("累计允许增长", "Allowed growth to date"),
    "energy_allowed": _tce("允许总量", "Allowed total"),
    "intensity_grade": ColumnSpec("强度预警等级", "Intensity grade", "int"),
    "intensity_color": _code("强度预警颜色", "Intensity colour", "color"),
    "total_grade": ColumnSpec("总量预警等级", "Total grade", "int"),
    "total_color": _code("总量预警颜色", "Total colour", "color"),
    "assessment_scope": _code("考核类型", "Assessment", "assessment_scope"),
    "intensity_annual_met": _code("完成年度强度目标", "Annual intensity target met", "bool"),
    "intensity_progress_met": _code("完成强度进度目标", "Intensity on track", "bool"),
    "intensity_assessment": _code("强度考核结果", "Intensity assessment", "outcome"),
    "incentive_reached": _code("达到激励目标进度", "Incentive pace reached", "bool"),
    "total_exempt": _code("总量免予考核", "Total exempt", "bool"),
    "total_annual_met": _code("完成年度总量目标", "Annual total target met", "bool"),
    "total_progress_met": _code("完成总量进度目标", "Total on track", "bool"),
    "total_assessment": _code("总量考核结果", "Total assessment", "outcome"),
    "data_origin": _code("数据性质", "Data origin", "data_origin"),
}


def spec(column: str) -> ColumnSpec:
    """The spec of a column; a column the table carries but this module does not know is shown as text."""
    return SPECS.get(column, ColumnSpec(column, column))


def cell_value(column: str, value: Any, lang: str = "zh", names: dict[str, str] | None = None) -> Any:
    """A table value as the report shows it: a number in the shown unit, or words (never a code or a Python
    literal); ``None`` stays ``None`` (an empty cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = spec(column)
    if s.family:
        return code_label(s.family, value, lang)
    if column == "period":
        return period_label(str(value), lang)
    if column == "rule_edition":
        return f"{value} 版" if lang == "zh" else f"{value} edition"
    if column == "electricity_factor_source":
        return factor_source_text(str(value), lang, names)
    if s.kind == "source":
        return source_text(str(value), lang, names)
    if isinstance(value, bool):
        return code_label("bool", value, lang)
    if isinstance(value, (int, float)) and s.kind != "text":
        return value / s.scale if s.scale != 1 else value
    return value
