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
* ``zsg_dea`` — zero-sum-gains DEA (Lins, Gomes, Soares de Mello & Soares de Mello 2003, EJOR 148:312-322,
  proportional reduction strategy; Gomes & Lins 2008, JORS 59:616-623, for emission allocation) with m inputs and s
  outputs: energy is the input allocated, its total fixed at the national target; other inputs (capital, labour, an
  undesirable output such as CO₂ entered as an input, as Gomes & Lins do) and outputs (target-year GDP, others) are
  the user's columns. Each round solves the input-oriented CCR model (envelopment form, one linear programme per
  region, scipy HiGHS); the proportional cuts x_i ← x_i·θ_i (each followed by a rescaling to the fixed total, the
  freed energy going to the regions in proportion to what they hold) are taken to their limit in one step, each
  inefficient region's energy cut to x_i·φ_i with φ_i its energy-only efficiency (:func:`allocate_zsg_dea`); the
  rounds end when every θ_i ≥ 1 − 10⁻⁹. With one input and one output θ_i = (y_i/x_i)/max_j(y_j/x_j) in closed
  form and the end point is x_i = X·y_i/Σy.

Targets are held within [low, high] (default −0.5 … 0.6): a target beyond them is clipped and the shift solved
with the clipping, or E_ALLOCATION_UNREACHABLE when no shift can meet the national target.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.core.pollutants.decompose import Indicator
from ecer.core.pollutants.decompose import decompose as decompose_task
from ecer.findings import Finding, FindingsError, Location, make

METHODS: dict[str, tuple[str, str]] = {
    "tiers": ("按能源产出率分档", "energy-productivity tiers"),
    "composite": ("综合指数法", "composite index"),
    "zsg_dea": ("零和收益 DEA", "zero-sum-gains DEA"),
}
WEIGHTINGS = ("entropy", "ahp", "user")
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Allocation:
    """The result of one allocation run.

    ``regions``: region_code, energy_0 [tce], gdp_0, gdp_t [10⁸ CNY], productivity [10⁴ CNY/tce], the method's
    ``rank``/``tier``/``index``, ``basic_target`` and ``incentive_target`` [fraction], ``energy_t`` [tce] (the
    energy the basic target allows in the target year), ``share`` of Σ energy_t, ``reason_zh``/``reason_en``.
    ``aggregate_basic`` / ``aggregate_incentive``: A(t) of the two target sets; ``residual``: A(basic) − national;
    ``weights``: indicator → weight (composite); ``consistency_ratio``, ``lambda_max``, ``consistency_index``: the
    AHP matrix's CR, λmax and CI (AHP weighting); ``notes``: bilingual lines on how the run was made; ``findings``:
    warnings of the run (none stop it).
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
    lambda_max: float | None = None
    consistency_index: float | None = None
    findings: list[Finding] = field(default_factory=list)

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


@functools.cache
def saaty_ri() -> dict[int, float]:
    """Saaty's random consistency index RI by matrix order n [1], from the reference table ``ahp_random_index``
    (Saaty 1980, The Analytic Hierarchy Process, McGraw-Hill; orders 1–10)."""
    from ecer import refdata

    df = refdata.load("ahp_random_index").data
    return {int(n): float(v) for n, v in zip(df["n"], df["ri"], strict=True)}


def check_ahp_matrix(matrix: Sequence[Sequence[Any]], names: Sequence[str] | None = None, *,
                     file: str | None = None, first_row: int = 2) -> list[Finding]:
    """E_AHP_MATRIX findings for every cell of a pairwise-comparison matrix that is not a positive finite number
    on Saaty's 1–9 scale (1/9 ≤ a_ij ≤ 9), not 1 on the diagonal, or not reciprocal (|a_ij·a_ji − 1| > 0.005, so
    that 0.333 written for 1/3 passes and 0.33 does not [C]). ``names``: the
    indicators in order (row i and column j are named by them); ``file``: the user's file, whose row of matrix row
    i is ``first_row`` + i (a header row above). A matrix that is not square is one finding."""
    n = len(matrix)
    labels = list(names) if names is not None else [str(i + 1) for i in range(n)]

    def loc(i: int, j: int) -> Location | None:
        return Location(file=file, row=first_row + i, column=labels[j]) if file else None

    def bad(i: int, j: int, value: Any, zh: str, en: str) -> Finding:
        return make("E_AHP_MATRIX", location=loc(i, j), row=i + 1, column=j + 1, row_name=labels[i],
                    column_name=labels[j], value=value, detail=f"{zh} / {en}")

    if n == 0 or any(len(r) != n for r in matrix) or len(labels) != n:
        return [make("E_AHP_MATRIX", location=Location(file=file) if file else None, row="—", column="—",
                     row_name="—", column_name="—", value="—", detail=f"须为方阵，行数与列数都等于指标数 {len(labels)} / it "
                     f"must be square, with as many rows and columns as indicators ({len(labels)})")]
    out: list[Finding] = []
    num: list[list[float | None]] = []
    for i in range(n):
        row: list[float | None] = []
        for j in range(n):
            a = matrix[i][j]
            ok = isinstance(a, (int, float)) and not isinstance(a, bool) and math.isfinite(a) and a > 0
            if not ok:
                out.append(bad(i, j, a, "须为正数", "it must be a positive number"))
                row.append(None)
            elif i == j and abs(a - 1) > 1e-9:
                out.append(bad(i, j, a, "对角线须为 1", "the diagonal must be 1"))
                row.append(None)
            elif not (1 / 9 - 1e-9 <= a <= 9 + 1e-9):
                out.append(bad(i, j, a, "超出 Saaty 1–9 标度（1/9–9）", "it is outside Saaty's 1–9 scale (1/9 to 9)"))
                row.append(None)
            else:
                row.append(float(a))
        num.append(row)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = num[i][j], num[j][i]
            if a is not None and b is not None and abs(a * b - 1) > 0.005:
                out.append(bad(j, i, b, f"与第 {i + 1} 行第 {j + 1} 列的 {a:g} 不互反（应为 {1 / a:.4g}）",
                               f"it is not the reciprocal of {a:g} in row {i + 1}, column {j + 1} (it should be "
                               f"{1 / a:.4g})"))
    return out


def ahp_weights(matrix: Sequence[Sequence[float]], names: Sequence[str] | None = None, *,
                file: str | None = None) -> tuple[list[float], float, float]:
    r"""AHP weights from a reciprocal pairwise-comparison matrix (Saaty 1980): the principal eigenvector by power
    iteration, λmax = mean_i (Aw)_i/w_i, CI = (λmax − n)/(n − 1), CR = CI/RI(n) with Saaty's RI table
    (:func:`saaty_ri`, reference table ``ahp_random_index``).

    Returns (weights summing to 1 [1], λmax [1], CR [1]). Raises E_AHP_MATRIX for every cell that is not positive,
    on the 1–9 scale and reciprocal (:func:`check_ahp_matrix`), E_ALLOCATION_INPUT for an order beyond the RI
    table, and E_AHP_INCONSISTENT when CR ≥ 0.10 (Saaty's threshold: CR < 0.10 is acceptable).

    >>> w, lmax, cr = ahp_weights([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])  # consistent: 4/7, 2/7, 1/7
    >>> [round(x, 9) for x in w], round(lmax, 9), round(cr, 9)
    ([0.571428571, 0.285714286, 0.142857143], 3.0, 0.0)
    """
    ri = saaty_ri()
    n = len(matrix)
    if n > max(ri):
        raise _error("E_ALLOCATION_INPUT", detail=f"AHP 判断矩阵最多 {max(ri)} 阶（RI 表的范围） / the AHP matrix may have "
                     f"order {max(ri)} at most (the range of the RI table)")
    problems = check_ahp_matrix(matrix, names, file=file)
    if problems:
        raise FindingsError(problems)
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
    cr = 0.0 if n <= 2 else max(0.0, (lmax - n) / (n - 1)) / ri[n]
    if cr >= 0.10:
        raise _error("E_AHP_INCONSISTENT", cr=f"{cr:.3f}", n=n, lmax=f"{lmax:.4f}")
    return w, lmax, cr


def consistency_index(lmax: float, n: int) -> float:
    """Saaty's consistency index CI = (λmax − n)/(n − 1) [1]; 0 for n ≤ 2 (such a matrix is always consistent)."""
    return 0.0 if n <= 2 else max(0.0, (lmax - n) / (n - 1))


def _scores(values: list[float], direction: str) -> list[float]:
    lo, hi = min(values), max(values)
    if hi == lo:
        return [1.0] * len(values)
    return [(v - lo) / (hi - lo) if direction == "benefit" else (hi - v) / (hi - lo) for v in values]


def allocate_composite(regions: pl.DataFrame, national: float, indicators: Sequence[Indicator], *,
                       weighting: str = "entropy", ahp_matrix: Sequence[Sequence[float]] | None = None,
                       ahp_file: str | None = None, margin: float = 0.01, floor: float = 0.1,
                       high: float = 0.6) -> Allocation:
    """Composite-index allocation (module docstring). ``indicators``: columns of ``regions`` with their direction
    (and weight, for ``weighting="user"``); ``weighting``: entropy | ahp (``ahp_matrix`` over the indicators in
    order; ``ahp_file`` names the user's file in the findings) | user. Scores are min-max in [0, 1], raised by ``floor`` (z' = f + (1 − f)·z) so that no region's
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
    lmax: float | None = None
    if weighting == "entropy":
        w = entropy_weights(matrix)
    elif weighting == "ahp":
        if ahp_matrix is None:
            raise _error("E_ALLOCATION_INPUT", detail="AHP 赋权需要判断矩阵 / AHP weighting needs a comparison matrix")
        if len(ahp_matrix) != len(indicators):
            raise _error("E_ALLOCATION_INPUT", detail=f"判断矩阵 {len(ahp_matrix)} 阶，指标 {len(indicators)} 个 / the "
                         f"matrix has order {len(ahp_matrix)} for {len(indicators)} indicators")
        w, lmax, cr = ahp_weights(ahp_matrix, [i.column for i in indicators], file=ahp_file)
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
                  weights={i.column: w[j] for j, i in enumerate(indicators)}, consistency_ratio=cr, lambda_max=lmax,
                  consistency_index=None if lmax is None else consistency_index(lmax, len(w)))
    wz, we = {"entropy": ("熵权法", "entropy"), "ahp": ("层次分析法", "AHP"), "user": ("用户权重", "user")}[weighting]
    ci = res.consistency_index
    res.notes.append((f"赋权：{wz}" + (f"，λmax = {lmax:.4f}，一致性指标 CI = {ci:.4f}，一致性比率 CR = {cr:.3f} < 0.10"
                                    if cr is not None else ""),
                      f"weights: {we}" + (f", λmax = {lmax:.4f}, consistency index CI = {ci:.4f}, consistency ratio "
                                          f"CR = {cr:.3f} < 0.10" if cr is not None else "")))
    return res


DEA_ENERGY = "energy"
DEA_GDP = "gdp"
DEA_TOLERANCE = 1e-9
"""End of the ZSG-DEA rounds: every region's CCR efficiency θ_i ≥ 1 − DEA_TOLERANCE [1, θ is dimensionless]. It
bounds the solver's round-off, not the distance to the end point (that is reached exactly, :func:`allocate_zsg_dea`):
HiGHS returns a vertex of these small programmes, and θ of a region on the frontier came back as 1 to within
2·10⁻¹² (worst of 600 random allocations of the property test's shape: energies 10 … 10⁴ tce, other columns
1 … 10³, two inputs) and 4·10⁻¹¹ (200 with three inputs and two outputs), 25 times inside 10⁻⁹; a θ that round-off
left below it costs one more round (the region is cut by at least θ)."""


def _ccr_programmes(inputs: Sequence[Sequence[float]], outputs: Sequence[Sequence[float]],
                    contracted: Sequence[bool]) -> list[float]:
    """min θ of every DMU o s.t. Σ_j λ_j x_ij ≤ θ x_io (inputs contracted), Σ_j λ_j x_ij ≤ x_io (the others),
    Σ_j λ_j y_rj ≥ y_ro, λ ≥ 0, by HiGHS; θ in (0, 1] [1]. E_ZSG_DEA_FAILED for a programme without solution."""
    import numpy as np
    from scipy.optimize import linprog

    # every column in units of its mean: θ does not depend on the units, and HiGHS's worst round-off on θ over
    # 600 property-test allocations (columns 1 … 10⁴) falls from 4·10⁻¹¹ to 2·10⁻¹²
    x = np.asarray(inputs, dtype=float)
    x = x / x.mean(axis=0)
    y = np.asarray(outputs, dtype=float)
    y = y / y.mean(axis=0)
    n, m = x.shape
    s = y.shape[1]
    mask = np.asarray(contracted, dtype=float)
    c = np.zeros(n + 1)
    c[0] = 1.0
    a = np.zeros((m + s, n + 1))
    a[:m, 1:] = x.T
    a[m:, 1:] = -y.T
    b = np.zeros(m + s)
    out: list[float] = []
    for o in range(n):
        a[:m, 0] = -x[o] * mask
        b[:m] = x[o] * (1 - mask)
        b[m:] = -y[o]
        res = linprog(c, A_ub=a, b_ub=b, bounds=[(0, None)] * (n + 1), method="highs")
        theta = float(res.x[0]) if res.status == 0 and res.x is not None else math.nan
        if not (math.isfinite(theta) and theta > 0):
            raise _error("E_ZSG_DEA_FAILED", detail=f"第 {o + 1} 个地区的 CCR 线性规划无解（{res.message}） / the CCR "
                         f"linear programme of region {o + 1} has no solution ({res.message})")
        out.append(min(1.0, theta))
    return out


def ccr_efficiency(inputs: Sequence[Sequence[float]], outputs: Sequence[Sequence[float]]) -> list[float]:
    r"""Input-oriented CCR efficiency of every DMU (Charnes, Cooper & Rhodes 1978, EJOR 2:429-444), envelopment
    form, one linear programme per DMU o solved by HiGHS (``scipy.optimize.linprog``):

    .. math:: \theta_o = \min \theta \quad\text{s.t.}\quad \sum_j \lambda_j x_{ij} \le \theta x_{io}\;(i = 1..m),\quad
              \sum_j \lambda_j y_{rj} \ge y_{ro}\;(r = 1..s),\quad \lambda_j \ge 0

    inputs : n rows (DMUs) × m positive inputs; outputs : n rows × s positive outputs (any units: θ does not depend
    on them). Returns θ_o ∈ (0, 1] [1] (a solver's 1 + 10⁻¹⁵ is read as 1). A programme the solver cannot finish
    raises E_ZSG_DEA_FAILED.

    >>> [round(t, 9) for t in ccr_efficiency([[2, 4], [4, 2], [4, 4]], [[1], [1], [1]])]  # C = 0.75 of A-B's midpoint
    [1.0, 1.0, 0.75]
    """
    return _ccr_programmes(inputs, outputs, [True] * len(inputs[0]))


def ccr_input_efficiency(inputs: Sequence[Sequence[float]], outputs: Sequence[Sequence[float]],
                         k: int) -> list[float]:
    r"""Input-oriented CCR efficiency of input k alone, the others held (sub-vector efficiency, Färe, Grosskopf &
    Lovell 1994, *Production Frontiers* §3.1; the non-discretionary-input model of Banker & Morey 1986, Oper. Res.
    34:513-521), one HiGHS programme per DMU o:

    .. math:: \varphi_o = \min \varphi \quad\text{s.t.}\quad \sum_j \lambda_j x_{kj} \le \varphi x_{ko},\quad
              \sum_j \lambda_j x_{ij} \le x_{io}\;(i \ne k),\quad \sum_j \lambda_j y_{rj} \ge y_{ro},\quad
              \lambda_j \ge 0

    φ_o·x_ko is the least amount of input k with which DMU o's other inputs still make its outputs on the CCR
    technology, so φ_o ≤ θ_o (:func:`ccr_efficiency`) and, with φ_o < 1, DMU o cut to φ_o·x_ko has θ = 1. Shapes
    and units as :func:`ccr_efficiency`; returns φ_o ∈ (0, 1] [1].

    >>> [round(t, 9) for t in ccr_input_efficiency([[2, 4], [4, 2], [4, 4]], [[1], [1], [1]], 0)]  # C → (2, 4) = A
    [1.0, 1.0, 0.5]
    """
    return _ccr_programmes(inputs, outputs, [i == k for i in range(len(inputs[0]))])


def _ccr_single(x: Sequence[float], y: Sequence[float]) -> list[float]:
    """CCR efficiency with one input and one output in closed form: θ_i = (y_i/x_i)/max_j(y_j/x_j) [1]."""
    best = max(b / a for a, b in zip(x, y, strict=True))
    return [b / a / best for a, b in zip(x, y, strict=True)]


def _dea_columns(names: Sequence[str], special: str, special_column: str, regions: pl.DataFrame,
                 kind: tuple[str, str]) -> list[str]:
    """The columns of ``regions`` the DEA names stand for (``special`` → ``special_column``)."""
    cols: list[str] = []
    for name in names:
        col = special_column if name == special else name
        if col in cols:
            raise _error("E_ALLOCATION_INPUT", detail=f"DEA {kind[0]}“{name}”重复 / the DEA {kind[1]} '{name}' is "
                         "listed twice")
        cols.append(col)
    return cols


def allocate_zsg_dea(regions: pl.DataFrame, national: float, *, inputs: Sequence[str] = (DEA_ENERGY,),
                     outputs: Sequence[str] = (DEA_GDP,), margin: float = 0.01, solver: str = "auto",
                     max_iterations: int = 1000) -> Allocation:
    r"""ZSG-DEA allocation of the energy total (module docstring).

    ``inputs``: names of the DEA inputs, ``energy`` (the input allocated, required) and columns of ``regions``
    (capital, labour, an undesirable output such as CO₂ entered as an input); ``outputs``: ``gdp`` (the target-year
    GDP ``gdp_t``) and columns of ``regions``. Every DEA column must be a positive finite number in every region.

    The energy total is fixed by the national target, X = (1 − t)·(ΣE^0/ΣG^0)·ΣG^T [tce]; the first allocation is
    each region at its current intensity, x_i = E_i^0/G_i^0·G_i^T, scaled to X. Each round computes the CCR
    efficiencies θ_i (:func:`ccr_efficiency`; with one input and one output in closed form, ``solver="auto"``)
    and ends the rounds when min θ_i ≥ 1 − :data:`DEA_TOLERANCE` (10⁻⁹); otherwise every region with
    θ_i < 1 − 10⁻⁹ cuts its energy to x_i·φ_i, φ_i its energy-only efficiency (:func:`ccr_input_efficiency`, the
    other inputs and the outputs held; φ_i = θ_i with energy the only input), and x is rescaled to X. The other
    inputs and outputs do not change. Target t_i = 1 − (x_i/G_i^T)/(E_i^0/G_i^0). ``solver``: auto | lp |
    closed_form (one input, one output only).

    This is the end point of Lins et al.'s (2003) proportional reduction with every region cutting at once
    (x_i ← x_i·θ_i, rescaled to X, repeated), reached in one round instead of in the limit: (1) rescaling every
    region's energy by one factor changes no θ (CCR efficiency does not depend on an input's unit), so the rounds
    are the unscaled cuts x_i ← x_i·θ_i followed by one rescaling; (2) a cut region stays inside the CCR technology
    of the data (x_i·θ_i, the energy of its radial projection, is no less than the least energy x_i·φ_i its other
    inputs allow) and the efficient regions, which span the technology, do not move, so the technology, hence
    every θ and φ, is the same in every round; (3) region i's energy then falls monotonically towards the one point
    of its energy axis where θ = 1 with its other inputs held, x_i·φ_i (every point of that axis above it is inside
    the technology, θ < 1). The proportional rounds themselves converge only linearly: on a facet with weights
    (v_e, v_o) the error shrinks by the factor v_o·x_o/(v_e·x_e + v_o·x_o) per round, the other inputs' share of
    the facet's cost, as close to 1 as the data make it — a region whose energy peer has 1/100 of its energy and
    the same capital and outputs still had θ = 0.99941 after 1000 rounds, and near a facet almost parallel to the
    energy axis θ ≥ 1 − 10⁻⁹ is met while the energy is still above its end (by 0.09 %, test_allocation). The
    loop runs on to ``max_iterations`` only to mop up LP round-off: normally one cutting round and one checking
    round (two rounds, or one when every region is efficient at the start).

    Findings: E_ALLOCATION_INPUT (a missing, non-positive or repeated DEA column, no energy input),
    E_ZSG_DEA_FAILED (a programme without solution, or no convergence in ``max_iterations`` rounds),
    W_ZSG_DEA_ALL_EFFICIENT (every region efficient at the start: every target equals the national one).
    """
    if DEA_ENERGY not in inputs:
        raise _error("E_ALLOCATION_INPUT", detail=f"DEA 投入须包含 {DEA_ENERGY}（分配的就是能耗） / the DEA inputs must "
                     f"include {DEA_ENERGY} (it is the input allocated)")
    if not outputs:
        raise _error("E_ALLOCATION_INPUT", detail="DEA 至少需要一个产出 / DEA needs at least one output")
    if solver not in ("auto", "lp", "closed_form"):
        raise _error("E_UNKNOWN_NAME", kind="求解方法 / solver", value=solver, valid="auto, lp, closed_form")
    in_cols = _dea_columns(inputs, DEA_ENERGY, "energy_0", regions, ("投入", "input"))
    out_cols = _dea_columns(outputs, DEA_GDP, "gdp_t", regions, ("产出", "output"))
    extra_cols = [c for c in (*in_cols, *out_cols) if c not in ("energy_0", "gdp_0", "gdp_t")]
    _validate(regions, national, extra_cols)
    bad = [make("E_ALLOCATION_INPUT", detail=f"{r['region_code']} 的 “{c}” = {r[c]}，DEA 的投入产出须为正数 / '{c}' of "
                f"{r['region_code']} is {r[c]}: DEA inputs and outputs must be positive")
           for r in regions.iter_rows(named=True) for c in extra_cols if r[c] <= 0]
    if bad:
        raise FindingsError(bad)
    single = len(in_cols) == 1 and len(out_cols) == 1
    if solver == "closed_form" and not single:
        raise _error("E_ALLOCATION_INPUT", detail="闭式解只适用于单投入单产出 / the closed form needs one input and one "
                     "output")
    closed = solver == "closed_form" or (solver == "auto" and single)
    d = regions.with_columns(pl.col("region_code").cast(pl.Utf8))
    e0, g0, gt = (d[c].cast(pl.Float64).to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    n = d.height
    k = in_cols.index("energy_0")
    fixed_in = [d[c].cast(pl.Float64).to_list() for c in in_cols]
    y = [[float(v) for v in row] for row in zip(*(d[c].cast(pl.Float64).to_list() for c in out_cols), strict=True)]
    total = (1 - national) * math.fsum(e0) / math.fsum(g0) * math.fsum(gt)
    x = [e / a * b for e, a, b in zip(e0, g0, gt, strict=True)]
    scale = total / math.fsum(x)
    x = [v * scale for v in x]

    def table(energy: list[float]) -> list[list[float]]:
        cols = [energy if j == k else fixed_in[j] for j in range(len(in_cols))]
        return [list(r) for r in zip(*cols, strict=True)]

    def efficiency(energy: list[float]) -> list[float]:
        if closed:
            return _ccr_single(energy, [r[0] for r in y])
        return ccr_efficiency(table(energy), y)

    tolerance = 1e-12 if closed else DEA_TOLERANCE
    first_eff: list[float] = []
    iterations = 0
    converged = False
    for iterations in range(1, max_iterations + 1):
        eff = efficiency(x)
        if not first_eff:
            first_eff = eff
        if min(eff) >= 1 - tolerance:
            converged = True
            break
        # the limit of the proportional cuts (docstring): φ = θ with energy the only input; φ ≤ θ in exact
        # arithmetic, and min(φ, θ) keeps at least the proportional cut should round-off say otherwise
        cut = eff if len(in_cols) == 1 else ccr_input_efficiency(table(x), y, k)
        x = [x[i] * min(cut[i], eff[i]) if eff[i] < 1 - tolerance else x[i] for i in range(n)]
        s = total / math.fsum(x)
        x = [v * s for v in x]
    if not converged:
        raise _error("E_ZSG_DEA_FAILED", detail=f"迭代 {max_iterations} 次后仍有地区 CCR 效率低于 1（最低 {min(eff):.6f}） / "
                     f"after {max_iterations} rounds a region's CCR efficiency is still below 1 (lowest "
                     f"{min(eff):.6f})")
    t = [1 - (x[i] / gt[i]) / (e0[i] / g0[i]) for i in range(n)]
    reasons = [
        ((f"初始 CCR 效率 {first_eff[i]:.4f}；零和分配后目标年能耗 {x[i]:.6g} tce（全国总量 {total:.6g} tce 不变），"
         f"基本目标 {_pct(t[i])}"), (f"initial CCR efficiency {first_eff[i]:.4f}; after the zero-sum reallocation "
         f"{x[i]:.6g} tce in the target year (national total {total:.6g} tce fixed): basic target {_pct(t[i])}"))
        for i in range(n)
    ]
    warnings: list[Finding] = []
    if iterations == 1:
        warnings.append(make("W_ZSG_DEA_ALL_EFFICIENT", n=n, m=len(in_cols), s=len(out_cols),
                             target=_pct(national)))
    res = _finish("zsg_dea", d, national, margin, t, float(iterations), reasons, {"efficiency": first_eff},
                  findings=warnings)
    names_in, names_out = ", ".join(inputs), ", ".join(outputs)
    how_zh = "单投入单产出闭式解" if closed else ("每轮每个地区解一个 CCR 线性规划（HiGHS），削减时再解一个只缩减能耗的"
                                          "线性规划，一步达到比例削减的极限")
    how_en = "one input and one output in closed form" if closed else (
        "one CCR linear programme per region and round (HiGHS), and an energy-only one to cut, which reaches the limit "
        "of the proportional cuts in one step")
    res.notes.append(((f"零和收益 DEA：投入 {names_in}，产出 {names_out}（gdp 为目标年 GDP）；{how_zh}；比例削减策略迭代 "
                       f"{iterations} 次后各地区 CCR 效率均为 1（容差 {DEA_TOLERANCE:.0e}），全国能耗总量 {total:.6g} tce 不变"),
                      (f"ZSG-DEA: inputs {names_in}, outputs {names_out} (gdp is the target-year GDP); {how_en}; the "
                       f"proportional reduction strategy reached CCR efficiency 1 everywhere (tolerance "
                       f"{DEA_TOLERANCE:.0e}) after {iterations} round(s), the national energy total {total:.6g} tce "
                       "fixed")))
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
