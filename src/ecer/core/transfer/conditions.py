r"""The conditions of the guidance's directions measured by the region's transfer indicators (工信部联政法〔2021〕215号 二).

The directions name conditions the destination should meet — 劳动力丰富、区位交通便利 (labour-intensive), 中心城市、省域副中心城市
(technology-intensive), 清洁能源优势 (energy-intensive) — but no indicator and no threshold. The table
``transfer_condition_measures`` says, for each part of a condition, which ``transfer_indicators`` code measures it and
how (ECER's reading, every row cited):

* ``at_least_median`` — met when the region's value x_r is at least the median of the values of the regions being
  matched that have it, :math:`x_r \ge \operatorname{median}\{x_i\}` (the text gives no threshold, so the reason says
  "relative to the candidates' median"); the median of an even count is the mean of the two middle values;
* ``at_least`` — met when :math:`x_r \ge` the row's threshold (in the indicator's unit), whose source the row names;
* ``flag`` — met when the value is 1 (an attribute: 1 = yes, 0 = no; e.g. ``central_city``).

A part whose indicator is not loaded, or has no value for the region, is *not measured*: it stays a condition to
verify, and the reason names the indicator that is missing. Each measured reason gives the value, the comparison and
the clause.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GUIDANCE = "工信部联政法〔2021〕215号"


@dataclass(frozen=True)
class ConditionCheck:
    """One part of a condition for one region: measured or not, met or not (None when not measured), and why."""

    part_id: str
    condition: str
    measured: bool
    met: bool | None
    reason_zh: str
    reason_en: str


def _fmt(x: float) -> str:
    if not math.isfinite(x) or abs(x) >= 1e15:
        return f"{x:.3e}"
    return f"{x:,.0f}" if x == int(x) else f"{x:,.4g}" if abs(x) < 1 else f"{x:,.2f}"


def _clause(row: Mapping[str, object]) -> str:
    clause = str(row.get("clause") or "").split("、")[0]
    return f"{row.get('doc_no') or GUIDANCE} {clause}".strip()


def medians(measures: Iterable[Mapping[str, object]], regions: Iterable[str],
            values: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, int]]:
    """The median [the indicator's unit] and count of each ``at_least_median`` indicator over ``regions`` (those with
    a value), as (median, n); an indicator no region has is left out.

    >>> medians([{"indicator_code": "a", "comparison": "at_least_median"}], ["X", "Y", "Z"],
    ...         {"a": {"X": 1.0, "Y": 4.0, "Z": 2.0, "Q": 99.0}})
    {'a': (2.0, 3)}
    """
    regions = list(regions)
    out: dict[str, tuple[float, int]] = {}
    for row in measures:
        code = str(row["indicator_code"])
        if row["comparison"] != "at_least_median" or code in out:
            continue
        xs = [float(values[code][r]) for r in regions if code in values and values[code].get(r) is not None]
        if xs:
            out[code] = (statistics.median(xs), len(xs))
    return out


def check_conditions(conditions: Iterable[str], region: str, measures: Iterable[Mapping[str, object]],
                     values: Mapping[str, Mapping[str, float]], medians_: Mapping[str, tuple[float, int]],
                     units: Mapping[str, str] | None = None) -> list[ConditionCheck]:
    """Every part of ``conditions`` (condition ids of ``transfer_directions``) for ``region``: ``values`` maps an
    indicator code to {region: value}; ``medians_`` is :func:`medians` over the regions being matched; ``units`` maps
    an indicator code to its unit (shown in the reason). Formulas in the module docstring.

    >>> rows = [{"part_id": "labour", "condition": "labour_transport", "part_zh": "劳动力丰富", "part_en": "ample labour",
    ...          "indicator_code": "labour_force", "comparison": "at_least_median", "clause": "二、推进产业国内梯度转移"}]
    >>> [c.met for c in check_conditions(["labour_transport"], "X", rows, {"labour_force": {"X": 5.0}},
    ...                                    {"labour_force": (3.0, 3)})]
    [True]
    """
    units = units or {}
    wanted = set(conditions)
    out: list[ConditionCheck] = []
    for row in measures:
        cond = str(row["condition"])
        if cond not in wanted:
            continue
        pid, code, how = str(row["part_id"]), str(row["indicator_code"]), str(row["comparison"])
        pzh, pen, where = str(row["part_zh"]), str(row["part_en"]), _clause(row)
        table = values.get(code)
        if table is None or table.get(region) is None:
            scope_zh, scope_en = ("未导入指标", "not loaded") if table is None else ("该地区没有指标", "has no value for the region")
            out.append(ConditionCheck(pid, cond, False, None, f"{pzh}：{scope_zh} {code}，待核实（{where}）",
                                      f"{pen}: indicator {code} {scope_en}, to verify ({where})"))
            continue
        x = float(table[region])
        unit = units.get(code) or ""
        uzh = f" {unit}" if unit and unit != "1" else ""
        uen = uzh if uzh.isascii() else ""
        if how == "flag":
            met = x == 1.0
            rzh = f"{pzh}：{code} = {_fmt(x)}（1 = 是），{'满足' if met else '不满足'}（{where}）"
            ren = f"{pen}: {code} = {_fmt(x)} (1 = yes): {'met' if met else 'not met'} ({where})"
        elif how == "at_least":
            t = float(str(row["threshold"]))
            src = str(row.get("threshold_source") or "")
            met = x >= t
            rzh = (f"{pzh}：{code} = {_fmt(x)}{uzh}，{'不低于' if met else '低于'}阈值 {_fmt(t)}{uzh}（阈值依据：{src}），"
                   f"{'满足' if met else '不满足'}（{where}）")
            ren = (f"{pen}: {code} = {_fmt(x)}{uen}, {'at least' if met else 'below'} the threshold {_fmt(t)}{uen} "
                   f"(threshold: {src}): {'met' if met else 'not met'} ({where})")
        else:  # at_least_median
            m, n = medians_[code]
            met = x >= m
            rzh = (f"{pzh}：{code} = {_fmt(x)}{uzh}，{'不低于' if met else '低于'}候选地区中位数 {_fmt(m)}{uzh}（{n} 个地区；"
                   f"指导意见未给出阈值，按候选地区中位数比较），{'满足' if met else '不满足'}（{where}）")
            ren = (f"{pen}: {code} = {_fmt(x)}{uen}, {'at least' if met else 'below'} the candidates' median "
                   f"{_fmt(m)}{uen} ({n} regions; the guidance gives no threshold: relative to the candidates' median): "
                   f"{'met' if met else 'not met'} ({where})")
        out.append(ConditionCheck(pid, cond, True, met, rzh, ren))
    return out
