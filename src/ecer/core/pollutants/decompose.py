r"""Decomposing a reduction task among sub-regions (减排任务分解), by named methods that preserve the total exactly.

国发〔2021〕33号 四(二): "优化总量减排指标分解方式，按照可监测、可核查、可考核的原则，将重点工程减排量下达地方，
污染治理任务较重的地方承担相对较多的减排任务". The methods (METHODS §3.3):

* ``base_proportional`` — by base-year emissions: w_i = E_i (the equal-percentage split: every region cuts the same
  share of its base);
* ``burden_weighted`` — by base emissions raised by the region's environmental-quality gap g_i ≥ 0 (water: the
  section's class above its target class; air: the concentration above the standard): w_i = E_i·(1 + λ·g_i). A
  region that meets its quality target (g_i = 0) keeps its base weight, so it carries relatively less; λ = 0 is
  the base-proportional split;
* ``composite_index`` — by base emissions times a composite index of indicators: w_i = E_i·I_i,
  I_i = Σ_j ŵ_j·z_ij with min-max scores z_ij ∈ [0, 1] (benefit: more of the indicator → more task; cost: less →
  more), weights ŵ_j normalised to sum 1, and an optional floor f (z' = f + (1 − f)·z). The reduction *rate* of
  each region is then proportional to its index (METHODS §2.2, composite-index allocation, applied to a total).

In every method the task is T_i = T·w_i / Σ_j w_j, so Σ T_i = T; the rounding residual of the floating-point sum
(≤ 10⁻¹² T) is put on the largest share, so the tasks add up to T as exactly as a float sum can. A region with
zero base emissions gets no task in any method (there is nothing of it to reduce). Weights in ECER's own choice
of functional form are [C]: the 33号 sentence names the principle, not a formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from ecer.core.vector import Num, elementwise
from ecer.findings import Finding, FindingsError, Location, make

METHODS: dict[str, tuple[str, str]] = {
    "base_proportional": ("按基数比例", "base-proportional"),
    "burden_weighted": ("按治理任务（质量差距）加权", "burden-weighted by the quality gap"),
    "composite_index": ("按综合指数", "composite index"),
}
OUTPUT_COLUMNS = [
    "region_code",
    "base_emissions",
    "gap",
    "index",
    "weight",
    "share",
    "task",
    "task_rate",
    "method",
    "reason_zh",
    "reason_en",
]
WHAT = "减排任务分解 / task decomposition"


@dataclass(frozen=True)
class Indicator:
    """One indicator of the composite index: its column, weight (≥ 0) and direction.

    ``benefit``: a higher value means a heavier burden or a greater capacity to cut, hence more task (e.g. the
    share of heavy industry, GDP per capita, the concentration gap); ``cost``: a lower value means more task.
    """

    column: str
    weight: float
    direction: Literal["benefit", "cost"] = "benefit"


@elementwise
def concentration_gap(concentration: Num, standard: Num) -> pl.Expr:
    r"""Air (or water) quality gap of a concentration over its standard or target, never negative.

    .. math:: g = \max(0,\; C / C_{std} - 1)

    concentration : C, e.g. annual mean PM2.5 [μg/m³]; standard : C_std, the standard or target [same unit, > 0].
    Returns g [1]; 0 when the standard is met.

    Reference: METHODS §3.3 (environmental-capacity or quality-gap weighted decomposition); the form is ours [C].

    >>> round(concentration_gap(42, 35), 9), concentration_gap(30, 35)  # PM2.5 42 vs the 35 μg/m³ grade-2 limit
    (0.2, 0.0)
    """
    return pl.max_horizontal(concentration / standard - 1, pl.lit(0.0))  # type: ignore[operator]


@elementwise
def class_gap(water_class: Num, target_class: Num) -> pl.Expr:
    r"""Water quality gap of a monitoring section: classes above its target class, never negative.

    .. math:: g = \max(0,\; k - k^{*})

    water_class : k, the section's class (Ⅰ = 1 … Ⅴ = 5, 劣Ⅴ = 6) [1]; target_class : k*, its target class [1].
    Returns g [classes]; 0 when the target is met.

    Reference: METHODS §3.3 ("for water: the gap between section quality and the target class"); the form is
    ours [C].

    >>> class_gap(5, 3), class_gap(6, 4), class_gap(2, 3)  # Ⅴ vs Ⅲ, 劣Ⅴ vs Ⅳ, Ⅱ vs Ⅲ
    (2.0, 2.0, 0.0)
    """
    return pl.max_horizontal(water_class - target_class, pl.lit(0.0))  # type: ignore[operator]


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _pct(x: float) -> str:
    return f"{100 * x:.4g}%"


def _invalid(record: str, column: str, value: object, detail: str) -> Finding:
    return make(
        "E_POLLUTANT_VALUE_INVALID",
        location=Location(column=column),
        what=WHAT,
        record=record,
        column=column,
        value=value,
        detail=detail,
    )


def _number_problem(v: object, *, positive: bool = False, signed: bool = False) -> str | None:
    if v is None:
        return "空值 / empty"
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(float(v)):
        return "不是有限数 / not a finite number"
    if signed:
        return None
    if float(v) < 0 or (positive and float(v) == 0):
        return ("须大于 0 / must be > 0") if positive else "为负 / negative"
    return None


def _check(
    regions: pl.DataFrame,
    total: float,
    method: str,
    region_column: str,
    base_column: str,
    extra: Sequence[str],
    signed: Sequence[str] = (),
) -> None:
    if method not in METHODS:
        raise FindingsError(
            [
                make(
                    "E_UNKNOWN_NAME",
                    kind="分解方法 / decomposition method",
                    value=method,
                    valid=", ".join(METHODS),
                )
            ]
        )
    needed = [region_column, base_column, *extra, *signed]
    missing = [c for c in needed if c not in regions.columns]
    if missing:
        raise FindingsError(
            [
                make(
                    "E_POLLUTANT_COLUMN_MISSING",
                    location=Location(column=c),
                    what=WHAT,
                    column=c,
                    expected=", ".join(needed),
                )
                for c in missing
            ]
        )
    findings: list[Finding] = []
    problem = _number_problem(total)
    if problem:
        findings.append(_invalid("total", "total", total, problem))
    seen: dict[str, int] = {}
    for i, row in enumerate(regions.iter_rows(named=True), start=1):
        code = str(row[region_column])
        if code in seen:
            findings.append(
                make(
                    "E_DUPLICATE_RECORD",
                    location=Location(row=i, column=region_column),
                    key=f"{region_column} {code}",
                    other_row=seen[code],
                )
            )
        seen.setdefault(code, i)
        for c in (base_column, *extra, *signed):
            problem = _number_problem(row[c], signed=c in signed and c not in (base_column, *extra))
            if problem:
                findings.append(_invalid(code, c, row[c], problem))
    if findings:
        raise FindingsError(findings)


def _scores(values: list[float], direction: str) -> list[float]:
    """Min-max scores in [0, 1]; an indicator equal in every region scores 1 everywhere (it does not discriminate)."""
    lo, hi = min(values), max(values)
    if hi == lo:
        return [1.0] * len(values)
    if direction == "benefit":
        return [(v - lo) / (hi - lo) for v in values]
    return [(hi - v) / (hi - lo) for v in values]


def decompose(
    regions: pl.DataFrame,
    total: float,
    method: str = "base_proportional",
    *,
    region_column: str = "region_code",
    base_column: str = "base_emissions",
    gap_column: str = "gap",
    gap_factor: float = 1.0,
    indicators: Sequence[Indicator] = (),
    floor: float = 0.0,
) -> tuple[pl.DataFrame, list[Finding]]:
    r"""Split a reduction task T among regions by a named method; the tasks add up to T.

    .. math:: T_i = T \cdot \frac{w_i}{\sum_j w_j}, \qquad
              w_i = E_i \;|\; E_i (1 + \lambda g_i) \;|\; E_i \sum_j \hat w_j z_{ij}

    regions : one row per region with ``region_column`` and ``base_column`` (base-year emissions E_i [t], ≥ 0),
    plus ``gap_column`` (quality gap g_i [1], ≥ 0; :func:`concentration_gap`, :func:`class_gap`) for
    ``burden_weighted`` and the indicators' columns for ``composite_index``; total : T [t] (e.g. a province's
    key-project reduction, or 8 % of the base for an equal-percentage reading); gap_factor : λ ≥ 0 [1];
    indicators : the composite index's indicators (weights ≥ 0, not all 0; normalised here); floor : f ∈ [0, 1).

    Returns the regions (``OUTPUT_COLUMNS``: weight, share [1], task [t], task_rate = T_i/E_i [1], the method, and
    the reason in Chinese and English) and warnings (``W_DECOMPOSITION_TASK_ABOVE_BASE`` where a task exceeds the
    region's base). Bad input raises ``FindingsError`` (``E_UNKNOWN_NAME``, ``E_POLLUTANT_COLUMN_MISSING``,
    ``E_POLLUTANT_VALUE_INVALID``, ``E_DUPLICATE_RECORD``, ``E_DECOMPOSITION_NO_WEIGHT``); nothing is dropped.

    Reference: 国发〔2021〕33号 四(二); METHODS §3.3; module docstring.

    >>> df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "gap": [0.0, 1.0]})
    >>> out, _ = decompose(df, 40)  # 300 : 100 → 30 and 10 t, both 10 % of their base
    >>> out["task"].to_list(), out["task_rate"].to_list()
    ([30.0, 10.0], [0.1, 0.1])
    >>> out, _ = decompose(df, 40, "burden_weighted")  # w = 300·(1+0) = 300, 100·(1+1) = 200 → 24 and 16 t
    >>> out["task"].to_list()
    [24.0, 16.0]
    """
    extra: list[str] = []  # must be ≥ 0
    signed: list[str] = []  # any finite number (an indicator may be a growth rate)
    if method == "burden_weighted":
        extra = [gap_column]
    elif method == "composite_index":
        signed = list(dict.fromkeys(i.column for i in indicators))
    _check(regions, total, method, region_column, base_column, extra, signed)
    setting_problems = []
    if not (math.isfinite(gap_factor) and gap_factor >= 0):
        setting_problems.append(_invalid("gap_factor", "gap_factor", gap_factor, "须 ≥ 0 / must be ≥ 0"))
    if not (math.isfinite(floor) and 0 <= floor < 1):
        setting_problems.append(_invalid("floor", "floor", floor, "须在 [0, 1) 内 / must be in [0, 1)"))
    if method == "composite_index":
        if not indicators:
            setting_problems.append(
                _invalid(
                    "indicators", "indicators", "[]", "至少需要一个指标 / at least one indicator is needed"
                )
            )
        for ind in indicators:
            problem = _number_problem(ind.weight)
            if problem or ind.direction not in ("benefit", "cost"):
                setting_problems.append(
                    _invalid(
                        f"indicator {ind.column}",
                        "weight/direction",
                        f"{ind.weight}/{ind.direction}",
                        problem or "direction: benefit | cost",
                    )
                )
        if indicators and not setting_problems and math.fsum(i.weight for i in indicators) == 0:
            setting_problems.append(
                _invalid("indicators", "weight", 0, "权重之和须大于 0 / the weights must not all be 0")
            )
    if setting_problems:
        raise FindingsError(setting_problems)

    codes = [str(c) for c in regions[region_column].to_list()]
    base = [float(v) for v in regions[base_column].to_list()]
    n = len(codes)
    gaps: list[float | None] = [None] * n
    index: list[float | None] = [None] * n
    parts: list[str] = [""] * n
    if method == "base_proportional":
        weight = list(base)
    elif method == "burden_weighted":
        g_values = [float(v) for v in regions[gap_column].to_list()]
        gaps = list(g_values)
        weight = [e * (1 + gap_factor * g) for e, g in zip(base, g_values, strict=True)]
    else:
        wsum = math.fsum(i.weight for i in indicators)
        norm = [i.weight / wsum for i in indicators]
        scores = [_scores([float(v) for v in regions[i.column].to_list()], i.direction) for i in indicators]
        idx = [
            math.fsum(w * (floor + (1 - floor) * s[k]) for w, s in zip(norm, scores, strict=True))
            for k in range(n)
        ]
        index = list(idx)
        weight = [e * ix for e, ix in zip(base, idx, strict=True)]
        parts = [
            " + ".join(
                f"{i.column} {_fmt(s[k])}×{_fmt(w)}" for i, s, w in zip(indicators, scores, norm, strict=True)
            )
            for k in range(n)
        ]
    wtotal = math.fsum(weight)
    if n == 0 or wtotal <= 0:
        raise FindingsError([make("E_DECOMPOSITION_NO_WEIGHT", method=" / ".join(METHODS[method]), total=_fmt(total))])
    share = [w / wtotal for w in weight]
    task = [total * s for s in share]
    if n:
        residual = total - math.fsum(task)
        # the largest task takes the residual; ties (e.g. every task underflowed to 0) go to the largest weight,
        # so a region without weight never gets a task
        k = max(range(n), key=lambda j: (task[j], weight[j]))
        task[k] += residual
    findings: list[Finding] = []
    reasons_zh, reasons_en = [], []
    name_zh, name_en = METHODS[method]
    for k in range(n):
        e, w, s = base[k], weight[k], share[k]
        if method == "base_proportional":
            zh = f"{name_zh}：基年排放量 {_fmt(e)} t 占合计 {_fmt(wtotal)} t 的 {_pct(s)}"
            en = f"{name_en}: base emissions {_fmt(e)} t are {_pct(s)} of the total {_fmt(wtotal)} t"
        elif method == "burden_weighted":
            g = gaps[k] or 0.0
            met_zh, met_en = (
                ("（质量达标，仅按基数）", " (quality target met: base only)") if g == 0 else ("", "")
            )
            zh = (
                f"{name_zh}：权重 = 基年排放量 {_fmt(e)} t ×（1 + {_fmt(gap_factor)} × 质量差距 {_fmt(g)}）= "
                f"{_fmt(w)}{met_zh}，占权重合计 {_fmt(wtotal)} 的 {_pct(s)}"
            )
            en = (
                f"{name_en}: weight = base {_fmt(e)} t × (1 + {_fmt(gap_factor)} × quality gap {_fmt(g)}) = "
                f"{_fmt(w)}{met_en}, {_pct(s)} of the weights' total {_fmt(wtotal)}"
            )
        else:
            ix = index[k] or 0.0
            zh = (
                f"{name_zh}：指数 {_fmt(ix)}（{parts[k]}），权重 = 基年排放量 {_fmt(e)} t × 指数 = {_fmt(w)}，"
                f"占权重合计 {_fmt(wtotal)} 的 {_pct(s)}"
            )
            en = (
                f"{name_en}: index {_fmt(ix)} ({parts[k]}); weight = base {_fmt(e)} t × index = {_fmt(w)}, "
                f"{_pct(s)} of the weights' total {_fmt(wtotal)}"
            )
        if e == 0:
            zh += "；基年排放量为 0，不分配任务"
            en += "; no base emissions, so no task"
        else:
            zh += f"；分得任务 {_fmt(task[k])} t（基年排放量的 {_pct(task[k] / e)}）"
            en += f"; task {_fmt(task[k])} t ({_pct(task[k] / e)} of its base)"
        reasons_zh.append(zh)
        reasons_en.append(en)
        if task[k] > e * (1 + 1e-12):
            findings.append(
                make(
                    "W_DECOMPOSITION_TASK_ABOVE_BASE",
                    method=f"{name_zh} / {name_en}",
                    region=codes[k],
                    task=_fmt(task[k]),
                    base=_fmt(e),
                )
            )
    out = pl.DataFrame(
        {
            "region_code": codes,
            "base_emissions": base,
            "gap": gaps,
            "index": index,
            "weight": weight,
            "share": share,
            "task": task,
            "task_rate": [t / e if e > 0 else None for t, e in zip(task, base, strict=True)],
            "method": [method] * n,
            "reason_zh": reasons_zh,
            "reason_en": reasons_en,
        },
        schema={
            "region_code": pl.Utf8,
            "base_emissions": pl.Float64,
            "gap": pl.Float64,
            "index": pl.Float64,
            "weight": pl.Float64,
            "share": pl.Float64,
            "task": pl.Float64,
            "task_rate": pl.Float64,
            "method": pl.Utf8,
            "reason_zh": pl.Utf8,
            "reason_en": pl.Utf8,
        },
    )
    return out, findings
