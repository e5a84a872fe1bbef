r"""Allocating a national energy-intensity target among regions (强度目标分解), by named methods.

Every method returns each region's *basic* target t_i (a fractional cut of its intensity over the plan, 0.135 =
13.5 %) and an *incentive* target t_i + m (发改环资〔2021〕1310号: each province gets a basic target and a higher
incentive target; the margin m is the user's, 0.01 by default [C]). The aggregate of the regions is

.. math:: A(t) = 1 - \frac{\sum_i E_i^T / \sum_i G_i^T}{\sum_i E_i^0 / \sum_i G_i^0},
   \qquad E_i^T = \frac{E_i^0}{G_i^0}(1 - t_i)\,G_i^T

(METHODS §2.2 aggregation check: it is **not** the mean of the targets). E [tce], G [10⁸ CNY at constant prices],
G^T the regions' GDP expected in the target year. The sums are over the regions given: provincial sums exceed the
national figures (a known statistical gap), so the calibration is to the regions' own aggregate. A(t) is
increasing in every t_i, so each method's free parameter is solved by bisection until A equals the national target
to 10⁻¹² (checked to 10⁻⁹):

* ``tiers`` — energy productivity G/E (1310号: "以能源产出率为重要依据"): regions ranked by G^0/E^0 into k tiers of
  equal size (12th FYP: five tiers 18/17/16/15/10 %); tier j (0 = most productive) gets t = s + j·gap, so the most
  productive regions cut least (METHODS §2.2 item 3); the common shift s is solved;
* ``composite`` — a composite index I_i = Σ_j w_j z_ij of min-max scores (benefit: more of the indicator → more
  cut; cost: less → more) with entropy weights, AHP weights or the user's; t_i = c·I_i/Ī with c solved (METHODS
  §2.2 item 2);
* ``zsg_dea`` — zero-sum-gains DEA (Lins et al. 2003, EJOR 148:312-322, proportional reduction strategy) with
  energy as the one input whose total is fixed at the national target and target-year GDP as the one output: the
  iteration x_i ← x_i·E_i^CCR, renormalised to the total, ends when every CCR efficiency is 1. Only one input and
  one output: the multi-output CCR model needs a linear-programming solver, and none (scipy) is in the lock.

Targets are held within [low, high] (default −0.5 … 0.6): a target beyond them is clipped and the shift solved
with the clipping, or E_ALLOCATION_UNREACHABLE when no shift can meet the national target.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.core.pollutants.decompose import Indicator
from ecer.core.pollutants.decompose import decompose as decompose_task
from ecer.findings import Finding, FindingsError, make

METHODS: dict[str, tuple[str, str]] = {
    "tiers": ("按能源产出率分档", "energy-productivity tiers"),
    "composite": ("综合指数法", "composite index"),
    "zsg_dea": ("零和收益 DEA", "zero-sum-gains DEA"),
}
WEIGHTINGS = ("entropy", "ahp", "user")
TOLERANCE = 1e-9
# Saaty's random consistency index RI by matrix order n (Saaty 1980, The Analytic Hierarchy Process, McGraw-Hill,
# Table 1.7 — the values used in most Chinese AHP applications).
SAATY_RI: dict[int, float] = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                              10: 1.49}


@dataclass(frozen=True)
class Allocation:
    """The result of one allocation run.

    ``regions``: region_code, energy_0 [tce], gdp_0, gdp_t [10⁸ CNY], productivity [10⁴ CNY/tce], the method's
    ``rank``/``tier``/``index``, ``basic_target`` and ``incentive_target`` [fraction], ``energy_t`` [tce] (the
    energy the basic target allows in the target year), ``share`` of Σ energy_t, ``reason_zh``/``reason_en``.
    ``aggregate_basic`` / ``aggregate_incentive``: A(t) of the two target sets; ``residual``: A(basic) − national;
    ``weights``: indicator → weight (composite); ``notes``: bilingual lines on how the run was made.
    """

    method: str
    national_target: float
    margin: float
    regions: pl.DataFrame
    aggregate_basic: float
    aggregate_incentive: float
    residual: float
    parameter: float
    weights: dict[str, float] = field(default_factory=dict)
    consistency_ratio: float | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return abs(self.residual) <= TOLERANCE


def _error(code: str, **evidence: Any) -> FindingsError:
    return FindingsError([make(code, **evidence)])


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def aggregate(energy_0: Sequence[float], gdp_0: Sequence[float], gdp_t: Sequence[float],
              targets: Sequence[float]) -> float:
    r"""Aggregate intensity cut of a set of regional targets (module docstring):

    .. math:: A = 1 - \frac{\sum_i E_i^0/G_i^0\,(1-t_i)\,G_i^T \,/\, \sum_i G_i^T}{\sum_i E_i^0 / \sum_i G_i^0}

    energy_0 : E^0 [tce]; gdp_0, gdp_t : G^0, G^T [10⁸ CNY constant prices]; targets : t [fraction]. Returns A.

    >>> round(aggregate([100, 100], [100, 400], [100, 400], [0.2, 0.1]), 12)  # (0.8·100 + 0.9·100)/200
    0.15
    """
    e_t = math.fsum(e / g0 * (1 - t) * gt for e, g0, gt, t in zip(energy_0, gdp_0, gdp_t, targets, strict=True))
    return 1 - (e_t / math.fsum(gdp_t)) / (math.fsum(energy_0) / math.fsum(gdp_0))


def _solve(fn: Callable[[float], float], target: float, lo: float, hi: float, what: str,
           reach: Callable[[], tuple[float, float]]) -> float:
    """Bisection for fn(p) = target with fn increasing on [lo, hi]."""
    f_lo, f_hi = fn(lo), fn(hi)
    if not (f_lo - 1e-12 <= target <= f_hi + 1e-12):
        r_lo, r_hi = reach()
        raise _error("E_ALLOCATION_UNREACHABLE", method=what, target=_pct(target), low=_pct(r_lo), high=_pct(r_hi),
                     reach_low=_pct(f_lo), reach_high=_pct(f_hi))
    for _ in range(200):
        mid = (lo + hi) / 2
        if fn(mid) < target:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * max(1.0, abs(hi)):
            break
    return (lo + hi) / 2


def _validate(regions: pl.DataFrame, national: float, extra: Sequence[str] = ()) -> None:
    needed = ["region_code", "energy_0", "gdp_0", "gdp_t", *extra]
    missing = [c for c in needed if c not in regions.columns]
    findings: list[Finding] = [make("E_ALLOCATION_INPUT", detail=f"缺少列 / missing column '{c}' (需要 / needed: "
                                    f"{', '.join(needed)})") for c in missing]
    if findings:
        raise FindingsError(findings)
    if regions.height < 2:
        findings.append(make("E_ALLOCATION_INPUT", detail="至少需要两个地区 / at least two regions are needed"))
    if not (isinstance(national, (int, float)) and math.isfinite(national) and -1 < national < 1):
        findings.append(make("E_ALLOCATION_INPUT", detail=f"全国目标 / national target {national}: 须在 −1 与 1 之间 "
                             "（0.135 表示降低 13.5%） / must lie between −1 and 1 (0.135 = a 13.5 % cut)"))
    seen: set[str] = set()
    for row in regions.iter_rows(named=True):
        code = str(row["region_code"])
        if code in seen:
            findings.append(make("E_ALLOCATION_INPUT", detail=f"{code} 重复 / appears twice"))
        seen.add(code)
        for c in ("energy_0", "gdp_0", "gdp_t", *extra):
            v = row[c]
            if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or (
                c in ("energy_0", "gdp_0", "gdp_t") and v <= 0
            ):
                findings.append(make("E_ALLOCATION_INPUT", detail=f"{code} 的 “{c}” = {v}，须为正的有限数 / '{c}' of "
                                     f"{code} is {v}, it must be a positive finite number"))
    if findings:
        raise FindingsError(findings)


def _finish(method: str, regions: pl.DataFrame, national: float, margin: float, targets: list[float],
            parameter: float, reasons: list[tuple[str, str]], extra: dict[str, list[Any]], **kw: Any) -> Allocation:
    e0, g0, gt = (regions[c].cast(pl.Float64).to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    incentive = [t + margin for t in targets]
    agg_b = aggregate(e0, g0, gt, targets)
    agg_i = aggregate(e0, g0, gt, incentive)
    energy_t = [e / a * (1 - t) * b for e, a, b, t in zip(e0, g0, gt, targets, strict=True)]
    total_t = math.fsum(energy_t)
    out = pl.DataFrame({
        "region_code": regions["region_code"].cast(pl.Utf8),
        "energy_0": e0, "gdp_0": g0, "gdp_t": gt,
        "productivity": [a / e * 1e4 for a, e in zip(g0, e0, strict=True)],
        **extra,
        "basic_target": targets, "incentive_target": incentive,
        "energy_t": energy_t, "share": [x / total_t for x in energy_t],
        "reason_zh": [r[0] for r in reasons], "reason_en": [r[1] for r in reasons],
    })
    residual = agg_b - national
    zh, en = METHODS[method]
    notes = [((f"方法：{zh}；全国目标 {_pct(national)}，各地区汇总 {_pct(agg_b)}（1 − ΣE_T/ΣG_T ÷ ΣE_0/ΣG_0，"
              f"不是各地目标的平均数），残差 {residual:.1e}"),
              (f"method: {en}; national target {_pct(national)}, aggregate of the regions {_pct(agg_b)} (1 − ΣE_T/ΣG_T ÷ "
              f"ΣE_0/ΣG_0, not the mean of the targets), residual {residual:.1e}")),
             (f"激励目标 = 基本目标 + {_pct(margin)}，汇总 {_pct(agg_i)}",
              f"incentive target = basic target + {_pct(margin)}; aggregate {_pct(agg_i)}")]
    result = Allocation(method, national, margin, out, agg_b, agg_i, residual, parameter, notes=notes, **kw)
    if not result.ok:
        raise _error("E_ALLOCATION_UNREACHABLE", method=zh + " / " + en, target=_pct(national), low="—", high="—",
                     reach_low=_pct(agg_b), reach_high=_pct(agg_b))
    return result


def allocate_tiers(regions: pl.DataFrame, national: float, *, tiers: int = 5, gap: float = 0.01,
                   margin: float = 0.01, low: float = -0.5, high: float = 0.6) -> Allocation:
    """Energy-productivity tiers (module docstring). ``regions``: region_code, energy_0, gdp_0, gdp_t. Regions
    are ranked by G^0/E^0 (highest first, ties by region code) and cut into ``tiers`` groups of sizes as equal as
    possible (the first groups one larger); tier j's target is s + j·``gap`` clipped to [low, high]."""
    _validate(regions, national)
    if tiers < 1 or not math.isfinite(gap) or gap < 0:
        raise _error("E_ALLOCATION_INPUT", detail=f"档数 / tiers {tiers} ≥ 1, 档差 / gap {gap} ≥ 0")
    d = regions.with_columns(pl.col("region_code").cast(pl.Utf8))
    e0, g0, gt = (d[c].cast(pl.Float64).to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    n = d.height
    k = min(tiers, n)
    order = sorted(range(n), key=lambda i: (-g0[i] / e0[i], d["region_code"][i]))
    size, extra_one = divmod(n, k)
    tier = [0] * n
    rank = [0] * n
    pos = 0
    for j in range(k):
        for _ in range(size + (1 if j < extra_one else 0)):
            tier[order[pos]] = j
            rank[order[pos]] = pos + 1
            pos += 1

    def targets(s: float) -> list[float]:
        return [min(high, max(low, s + tier[i] * gap)) for i in range(n)]

    s = _solve(lambda x: aggregate(e0, g0, gt, targets(x)), national, low - k * gap, high, "按能源产出率分档 / tiers",
               lambda: (low, high))
    t = targets(s)
    reasons = [
        ((f"能源产出率 {g0[i] / e0[i] * 1e4:.4g} 万元/tce，在 {n} 个地区中居第 {rank[i]} 位，列第 {tier[i] + 1} 档（共 {k} 档，"
         f"档差 {_pct(gap)}），基本目标 {_pct(t[i])}"),
         (f"energy productivity {g0[i] / e0[i] * 1e4:.4g} 10⁴ CNY/tce, rank {rank[i]} of {n}, tier {tier[i] + 1} of {k} "
         f"(gap {_pct(gap)} between tiers): basic target {_pct(t[i])}"))
        for i in range(n)
    ]
    return _finish("tiers", d, national, margin, t, s, reasons, {"rank": rank, "tier": [j + 1 for j in tier]})


def entropy_weights(values: Sequence[Sequence[float]]) -> list[float]:
    r"""Entropy weights of indicators (columns) over regions (rows) from min-max scores z_ij ∈ [0, 1].

    .. math:: p_{ij} = z_{ij}/\sum_i z_{ij},\; e_j = -\frac{1}{\ln m}\sum_i p_{ij}\ln p_{ij}\;(0\ln 0 = 0),\;
              w_j = (1-e_j)/\sum_k (1-e_k)

    values : m ≥ 2 rows of scores [1]. Returns weights summing to 1. An indicator equal in every region (all
    scores equal) has e_j = 1 and weight 0; when every indicator is so, the weights are equal [C].

    Reference: METHODS §4.2 (entropy weights, 0·ln 0 = 0); Shannon entropy weighting as in 刘威 & 许伟 (2024).

    >>> [round(w, 6) for w in entropy_weights([[0.0, 1.0], [1.0, 1.0]])]  # indicator 2 does not discriminate
    [1.0, 0.0]
    """
    m = len(values)
    if m < 2:
        raise _error("E_ALLOCATION_INPUT", detail="熵权法至少需要两个地区 / entropy weights need at least two regions")
    n = len(values[0])
    d = []
    for j in range(n):
        col = [values[i][j] for i in range(m)]
        total = math.fsum(col)
        if total == 0:
            d.append(0.0)
            continue
        e = -math.fsum(p * math.log(p) for p in (x / total for x in col) if p > 0) / math.log(m)
        d.append(max(0.0, 1 - e))
    s = math.fsum(d)
    return [x / s for x in d] if s > 0 else [1 / n] * n


def ahp_weights(matrix: Sequence[Sequence[float]]) -> tuple[list[float], float, float]:
    r"""AHP weights from a reciprocal pairwise-comparison matrix (Saaty 1980): the principal eigenvector by power
    iteration, λmax = mean_i (Aw)_i/w_i, CI = (λmax − n)/(n − 1), CR = CI/RI(n) with Saaty's RI table.

    Returns (weights summing to 1, λmax, CR). Raises E_AHP_INCONSISTENT when CR ≥ 0.10 and E_ALLOCATION_INPUT
    for a matrix that is not square, positive and reciprocal (a_ji = 1/a_ij).

    >>> w, lmax, cr = ahp_weights([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])  # consistent: 4/7, 2/7, 1/7
    >>> [round(x, 9) for x in w], round(lmax, 9), round(cr, 9)
    ([0.571428571, 0.285714286, 0.142857143], 3.0, 0.0)
    """
    n = len(matrix)
    if n == 0 or n > max(SAATY_RI) or any(len(r) != n for r in matrix):
        raise _error("E_ALLOCATION_INPUT", detail=f"AHP 判断矩阵须为 1–{max(SAATY_RI)} 阶方阵 / the AHP matrix must be "
                     f"square of order 1–{max(SAATY_RI)}")
    for i in range(n):
        for j in range(n):
            a = matrix[i][j]
            if not (a > 0 and math.isfinite(a)) or abs(a * matrix[j][i] - 1) > 1e-6:
                raise _error("E_ALLOCATION_INPUT", detail=f"AHP 判断矩阵 ({i + 1},{j + 1}) = {a}：须为正且互反 / must be "
                             "positive and reciprocal (a_ji = 1/a_ij)")
    w = [1 / n] * n
    for _ in range(1000):
        aw = [math.fsum(matrix[i][j] * w[j] for j in range(n)) for i in range(n)]
        s = math.fsum(aw)
        new = [x / s for x in aw]
        if max(abs(a - b) for a, b in zip(new, w, strict=True)) < 1e-15:
            w = new
            break
        w = new
    aw = [math.fsum(matrix[i][j] * w[j] for j in range(n)) for i in range(n)]
    lmax = math.fsum(aw[i] / w[i] for i in range(n)) / n
    cr = 0.0 if n <= 2 else max(0.0, (lmax - n) / (n - 1)) / SAATY_RI[n]
    if cr >= 0.10:
        raise _error("E_AHP_INCONSISTENT", cr=f"{cr:.3f}", n=n, lmax=f"{lmax:.4f}")
    return w, lmax, cr


def _scores(values: list[float], direction: str) -> list[float]:
    lo, hi = min(values), max(values)
    if hi == lo:
        return [1.0] * len(values)
    return [(v - lo) / (hi - lo) if direction == "benefit" else (hi - v) / (hi - lo) for v in values]


def allocate_composite(regions: pl.DataFrame, national: float, indicators: Sequence[Indicator], *,
                       weighting: str = "entropy", ahp_matrix: Sequence[Sequence[float]] | None = None,
                       margin: float = 0.01, floor: float = 0.1, high: float = 0.6) -> Allocation:
    """Composite-index allocation (module docstring). ``indicators``: columns of ``regions`` with their direction
    (and weight, for ``weighting="user"``); ``weighting``: entropy | ahp (``ahp_matrix`` over the indicators in
    order) | user. Scores are min-max in [0, 1], raised by ``floor`` (z' = f + (1 − f)·z) so that no region's
    index is 0; t_i = c·I_i/Ī, clipped to ``high``, with c solved."""
    if weighting not in WEIGHTINGS:
        raise _error("E_UNKNOWN_NAME", kind="赋权方法 / weighting", value=weighting, valid=", ".join(WEIGHTINGS))
    if not indicators:
        raise _error("E_ALLOCATION_INPUT", detail="综合指数法至少需要一个指标 / the composite index needs an indicator")
    _validate(regions, national, [i.column for i in indicators])
    d = regions.with_columns(pl.col("region_code").cast(pl.Utf8))
    e0, g0, gt = (d[c].cast(pl.Float64).to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    n = d.height
    cols = [_scores(d[i.column].cast(pl.Float64).to_list(), i.direction) for i in indicators]
    matrix = [[cols[j][r] for j in range(len(indicators))] for r in range(n)]
    cr: float | None = None
    if weighting == "entropy":
        w = entropy_weights(matrix)
    elif weighting == "ahp":
        if ahp_matrix is None:
            raise _error("E_ALLOCATION_INPUT", detail="AHP 赋权需要判断矩阵 / AHP weighting needs a comparison matrix")
        if len(ahp_matrix) != len(indicators):
            raise _error("E_ALLOCATION_INPUT", detail=f"判断矩阵 {len(ahp_matrix)} 阶，指标 {len(indicators)} 个 / the "
                         f"matrix has order {len(ahp_matrix)} for {len(indicators)} indicators")
        w, _, cr = ahp_weights(ahp_matrix)
    else:
        raw = [i.weight for i in indicators]
        if any(x < 0 or not math.isfinite(x) for x in raw) or math.fsum(raw) <= 0:
            raise _error("E_ALLOCATION_INPUT", detail="指标权重须非负且不全为 0 / weights must be ≥ 0, not all 0")
        w = [x / math.fsum(raw) for x in raw]
    index = [math.fsum(w[j] * (floor + (1 - floor) * matrix[r][j]) for j in range(len(w))) for r in range(n)]
    mean = math.fsum(index) / n

    def targets(c: float) -> list[float]:
        return [min(high, c * x / mean) for x in index]

    c = _solve(lambda x: aggregate(e0, g0, gt, targets(x)), national, -1.0, high * 10, "综合指数法 / composite",
               lambda: (-1.0, high))
    t = targets(c)
    names = ", ".join(f"{i.column} {w[j]:.3f}" for j, i in enumerate(indicators))
    reasons = [
        ((f"综合指数 {index[r]:.4f}（平均 {mean:.4f}；权重 {names}），基本目标 = {c:.4f} × {index[r]:.4f}/{mean:.4f} = "
         f"{_pct(t[r])}"), (f"composite index {index[r]:.4f} (mean {mean:.4f}; weights {names}): basic target = "
         f"{c:.4f} × {index[r]:.4f}/{mean:.4f} = {_pct(t[r])}"))
        for r in range(n)
    ]
    res = _finish("composite", d, national, margin, t, c, reasons, {"index": index},
                  weights={i.column: w[j] for j, i in enumerate(indicators)}, consistency_ratio=cr)
    wz, we = {"entropy": ("熵权法", "entropy"), "ahp": ("层次分析法", "AHP"), "user": ("用户权重", "user")}[weighting]
    res.notes.append((f"赋权：{wz}" + (f"，一致性比率 CR = {cr:.3f} < 0.10" if cr is not None else ""),
                      f"weights: {we}" + (f", consistency ratio CR = {cr:.3f} < 0.10" if cr is not None else "")))
    return res


def allocate_zsg_dea(regions: pl.DataFrame, national: float, *, margin: float = 0.01,
                     max_iterations: int = 100) -> Allocation:
    """ZSG-DEA with one input (energy) and one output (target-year GDP) (module docstring). The fixed total is
    ΣE^T = (1 − national)·(ΣE^0/ΣG^0)·ΣG^T; the iteration starts from each region's energy at its current intensity
    scaled to that total. CCR efficiency with one input and one output: E_i = (y_i/x_i)/max_j(y_j/x_j)."""
    _validate(regions, national)
    d = regions.with_columns(pl.col("region_code").cast(pl.Utf8))
    e0, g0, gt = (d[c].cast(pl.Float64).to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    n = d.height
    total = (1 - national) * math.fsum(e0) / math.fsum(g0) * math.fsum(gt)
    x = [e / a * b for e, a, b in zip(e0, g0, gt, strict=True)]
    scale = total / math.fsum(x)
    x = [v * scale for v in x]
    first_eff: list[float] = []
    iterations = 0
    for iterations in range(1, max_iterations + 1):
        best = max(gt[i] / x[i] for i in range(n))
        eff = [gt[i] / x[i] / best for i in range(n)]
        if not first_eff:
            first_eff = eff
        if min(eff) >= 1 - 1e-12:
            break
        x = [x[i] * eff[i] for i in range(n)]
        s = total / math.fsum(x)
        x = [v * s for v in x]
    t = [1 - (x[i] / gt[i]) / (e0[i] / g0[i]) for i in range(n)]
    reasons = [
        ((f"初始 CCR 效率 {first_eff[i]:.4f}；零和分配后目标年能耗 {x[i]:.6g} tce（全国总量 {total:.6g} tce 不变），"
         f"基本目标 {_pct(t[i])}"), (f"initial CCR efficiency {first_eff[i]:.4f}; after the zero-sum reallocation "
         f"{x[i]:.6g} tce in the target year (national total {total:.6g} tce fixed): basic target {_pct(t[i])}"))
        for i in range(n)
    ]
    res = _finish("zsg_dea", d, national, margin, t, float(iterations), reasons, {"efficiency": first_eff})
    res.notes.append((f"零和收益 DEA：单投入（能耗）单产出（目标年 GDP），比例削减策略迭代 {iterations} 次后各地区 CCR 效率均为 1",
                      (f"ZSG-DEA: one input (energy), one output (target-year GDP); the proportional reduction strategy "
                      f"reached CCR efficiency 1 everywhere after {iterations} iteration(s)")))
    return res


def allocate(regions: pl.DataFrame, national: float, method: str, **kw: Any) -> Allocation:
    """Dispatch to the method named (``tiers``, ``composite``, ``zsg_dea``); E_UNKNOWN_NAME otherwise."""
    if method == "tiers":
        return allocate_tiers(regions, national, **kw)
    if method == "composite":
        return allocate_composite(regions, national, **kw)
    if method == "zsg_dea":
        return allocate_zsg_dea(regions, national, **kw)
    raise _error("E_UNKNOWN_NAME", kind="分配方法 / allocation method", value=method, valid=", ".join(METHODS))


def allocate_pollutant_task(regions: pl.DataFrame, total: float, method: str = "base_proportional",
                            **kw: Any) -> tuple[pl.DataFrame, list[Finding]]:
    """A pollutant reduction task [t] shared among regions: delegates to
    :func:`ecer.core.pollutants.decompose.decompose` (methods base_proportional, burden_weighted, composite_index;
    Σ task = total exactly), which returns every region's task, share and bilingual reason, and its warnings."""
    return decompose_task(regions, total, method, **kw)
