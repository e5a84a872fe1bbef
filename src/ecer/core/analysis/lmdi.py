r"""LMDI index decomposition (对数平均迪氏指数分解): LMDI-I and LMDI-II, additive and multiplicative.

An *identity* is data: a named list of factors whose product, summed over sub-categories (sectors, or sector ×
fuel), is the aggregate, V = Σ_i V_i with V_i = x_{1,i}·x_{2,i}···x_{n,i}. Between a base period 0 and a target
period T the change in V is split among the factors:

* additive LMDI-I (Ang 2005, eq. 3): ΔV_tot = V^T − V^0 = Σ_k ΔV_xk,
  ΔV_xk = Σ_i L(V_i^T, V_i^0)·ln(x_{k,i}^T / x_{k,i}^0);
* multiplicative LMDI-I (Ang 2005, eq. 6, and the link ΔV_xk / ln D_xk = L(V^T, V^0)):
  D_tot = V^T/V^0 = Π_k D_xk, D_xk = exp(ΔV_xk / L(V^T, V^0));
* LMDI-II (Ang & Choi 1997; Ang 2004, Energy Policy 32:1131-1139, Table 2), with shares w_i = V_i/V:
  ln D_xk = Σ_i [L(w_i^T, w_i^0) / Σ_j L(w_j^T, w_j^0)]·ln(x_{k,i}^T / x_{k,i}^0), and additive
  ΔV_xk = L(V^T, V^0)·ln D_xk.

L is the logarithmic mean, L(a, b) = (a − b)/ln(a/b), with its limits L(a, a) = a and L(a, 0) = 0.

Zero values use the analytical limits of Ang, Zhang & Choi (1998), Energy 23(6):489-495, Table 2 (also in Ang &
Liu 2007, Energy Policy 35:238-246, which is why the small-value δ substitution is not used: Wood & Lenzen 2006,
Energy Policy 34:1326-1331, show its errors): a sub-category that appears (V_i^0 = 0 < V_i^T) contributes V_i^T
through the factor that was zero, one that vanishes contributes −V_i^0, and a sub-category zero in both periods
contributes nothing. When several factors of one sub-category are zero at the same end, the contribution is
shared equally among them [C] (the 1998 table has one zero factor per cell; sharing keeps the decomposition
perfect). LMDI-II applies the same limits to the shares. Values that change sign between the two periods have no
logarithmic mean (Ang & Liu 2007, Energy Policy 35:739-742): they are rejected with E_LMDI_SIGN_CHANGE.

Every result carries a :class:`Check`: the effects sum to the total change (additive) or multiply to the ratio
(multiplicative) to 10⁻⁹ relative; a larger residual raises E_LMDI_NOT_PERFECT rather than return a wrong answer.

Time series (Ang 2015, Energy Policy 86:233-238, §3.4): *chained* (period-wise: additive effects add up, the
multiplicative ones multiply) or *fixed-base* (every year against the base year). Additive LMDI-I is path
dependent, so the two differ; each series is labelled with its basis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

import polars as pl

from ecer.core.vector import Num, elementwise
from ecer.findings import Finding, FindingsError, make

Model = Literal["LMDI-I", "LMDI-II"]
Form = Literal["additive", "multiplicative"]
Basis = Literal["chained", "fixed"]
MODELS: tuple[str, ...] = ("LMDI-I", "LMDI-II")
FORMS: tuple[str, ...] = ("additive", "multiplicative")
BASES: dict[str, tuple[str, str]] = {
    "chained": ("逐期链式（加法 LMDI-I 与路径有关，结果可能不同于一次分解）",
                "chained period by period (additive LMDI-I is path dependent: the sum may differ from one step)"),
    "fixed": ("定基（每期与基期比较）", "fixed base (every period against the base period)"),
}
TOLERANCE = 1e-9
#: Share of |V⁰| + |Vᵗ| below which an additive residual is the rounding of the aggregates, not the method's
#: (:class:`Check`): with TOLERANCE, a residual up to 10⁻¹³ (|V⁰| + |Vᵗ|) — ≈ 450 units in the last place.
ROUNDING_SHARE = 1e-4
LOG_LIMIT = 700.0  # exp(700) ≈ 1e304: a multiplicative effect beyond it is not a float


@dataclass(frozen=True)
class Factor:
    """One factor of an identity: its column name and its Chinese and English labels."""

    name: str
    zh: str
    en: str


@dataclass(frozen=True)
class Identity:
    """An identity V = Σ_i Π_k x_{k,i}: the factors and the columns naming a sub-category i (none: one term)."""

    name: str
    zh: str
    en: str
    factors: tuple[Factor, ...]
    categories: tuple[str, ...] = ()
    unit: str = ""

    @property
    def factor_names(self) -> list[str]:
        return [f.name for f in self.factors]


ENERGY = Identity(
    "energy", "能源消费总量", "total energy use",
    (Factor("activity", "经济规模效应", "activity"), Factor("structure", "产业结构效应", "structure"),
     Factor("intensity", "部门能耗强度效应", "sectoral intensity")),
    ("sector",), "tce",
)
INTENSITY = Identity(
    "intensity", "单位 GDP 能耗", "energy intensity",
    (Factor("structure", "产业结构效应", "structure"), Factor("intensity", "部门能耗强度效应", "sectoral intensity")),
    ("sector",), "tce/10⁴ CNY",
)
CO2 = Identity(
    "co2", "二氧化碳排放量", "CO2 emissions",
    (Factor("activity", "经济规模效应", "activity"), Factor("structure", "产业结构效应", "structure"),
     Factor("intensity", "部门能耗强度效应", "sectoral intensity"), Factor("fuel_mix", "能源结构效应", "fuel mix"),
     Factor("emission_factor", "排放因子效应", "emission factor")),
    ("sector", "fuel"), "tCO2",
)
KAYA = Identity(
    "kaya", "Kaya 恒等式（二氧化碳）", "Kaya identity (CO2)",
    (Factor("population", "人口效应", "population"), Factor("affluence", "人均 GDP 效应", "GDP per capita"),
     Factor("energy_intensity", "能耗强度效应", "energy intensity"),
     Factor("carbon_intensity", "能源碳强度效应", "carbon intensity of energy")),
    (), "tCO2",
)
IDENTITIES: dict[str, Identity] = {i.name: i for i in (ENERGY, INTENSITY, CO2, KAYA)}


def _log_ratio(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """ln(a/b) for a, b of the same sign: log1p((a − b)/b) when a/b is within (1/2, 3/2), where ln(a/b) would lose
    digits, and ln(a/b) elsewhere (log1p near −1 would lose them instead)."""
    r = (a - b) / b
    return pl.when(r.abs() < 0.5).then(r.log1p()).otherwise((a / b).log())


@elementwise
def logmean(a: Num, b: Num) -> pl.Expr:
    r"""Logarithmic mean of two numbers of the same sign, with its analytical limits.

    .. math:: L(a,b) = \frac{a-b}{\ln(a/b)},\quad L(a,a) = a,\quad L(a,0) = L(0,b) = 0

    a, b : any unit, the same for both (same sign; a sign change has no logarithmic mean). Returns L in that unit.
    ln(a/b) is computed as log1p((a − b)/b) when a and b are close, which keeps its precision.

    Reference: Ang (2005), Energy Policy 33:867-871, eq. (2) and its note L(x, x) = x; the zero limit is from Ang,
    Zhang & Choi (1998), Energy 23(6):489-495 (L(a,b) → 0 as b → 0, since the logarithm diverges).

    >>> round(logmean(2.0, 1.0), 12), logmean(5.0, 5.0), logmean(3.0, 0.0), round(logmean(-2.0, -1.0), 12)
    (1.442695040889, 5.0, 0.0, -1.442695040889)
    """
    return (
        pl.when(a == b).then(a)
        .when((a == 0) | (b == 0)).then(0.0)
        .otherwise((a - b) / _log_ratio(a, b))  # type: ignore[operator, arg-type]
    )


def _cell(v0: pl.Expr, vt: pl.Expr, x0: pl.Expr, xt: pl.Expr, nz0: pl.Expr, nzt: pl.Expr) -> pl.Expr:
    """One cell L(v^T, v^0)·ln(x^T/x^0) with the limits of Ang, Zhang & Choi (1998) Table 2 (module docstring)."""
    return (
        pl.when((v0 == 0) & (vt == 0)).then(0.0)
        .when(v0 == 0).then(pl.when(x0 == 0).then(vt / nz0).otherwise(0.0))
        .when(vt == 0).then(pl.when(xt == 0).then(-v0 / nzt).otherwise(0.0))
        .otherwise(logmean(vt, v0) * _log_ratio(xt, x0))
    )


@dataclass(frozen=True)
class Check:
    """Perfect decomposition: additive ΣΔV_xk − ΔV_tot; multiplicative ΠD_xk / D_tot − 1 (``residual``), and the
    residual over ``scale`` (``relative``). For additive results the scale is the largest of |ΔV_tot|, the
    |ΔV_xk|, the sum of the absolute sub-category contributions Σ_i Σ_k |ΔV_xk,i| — the condition of the sum, so
    that effects that offset each other (structure +500, intensity −500, total 0.01) are judged by the size of the
    figures the float sum adds — and ``ROUNDING_SHARE`` × (|V⁰| + |Vᵗ|): ΔV_tot is itself the difference of two
    aggregates, each rounded to about 10⁻¹⁶ of itself, so a change far smaller than the aggregates cannot be checked
    to 10⁻⁹ of itself (V 16.000001171875 → 16: ΔV = −1.17 × 10⁻⁶, whose own rounding error, 3.6 × 10⁻¹⁵, is
    3 × 10⁻⁹ of it; found by the property test). For multiplicative results it is max(1, Σ|ln D_xk|) (the residual
    is already a ratio). ``ok`` when relative ≤ 10⁻⁹."""

    total: float
    explained: float
    residual: float
    relative: float
    ok: bool
    scale: float = 1.0

    def text(self) -> tuple[str, str]:
        state_zh, state_en = ("通过", "passed") if self.ok else ("未通过", "FAILED")
        return (
            f"完全分解检验{state_zh}：各效应合计 {self.explained:.10g}，总变化 {self.total:.10g}，相对残差 {self.relative:.1e}",
            (f"perfect-decomposition check {state_en}: effects give {self.explained:.10g}, total "
             f"{self.total:.10g}, relative residual {self.relative:.1e}"),
        )


@dataclass(frozen=True)
class Decomposition:
    """One LMDI decomposition from ``start`` to ``end``.

    ``total``: ΔV_tot (additive) or D_tot (multiplicative); ``effects``: factor → ΔV_xk or D_xk in the order of the
    identity; ``by_category``: the additive LMDI-I contributions of every sub-category (columns: the category
    columns, then one per factor; empty for other models); ``v0``/``vt``: the aggregate in the two periods.
    """

    identity: Identity
    model: str
    form: str
    start: str
    end: str
    v0: float
    vt: float
    total: float
    effects: dict[str, float]
    check: Check
    by_category: pl.DataFrame = field(default_factory=pl.DataFrame)

    def effects_frame(self) -> pl.DataFrame:
        """The effects as rows: factor, label_zh, label_en, value (and share of the total change, additive)."""
        rows = []
        for f in self.identity.factors:
            value = self.effects[f.name]
            share = value / self.total if self.form == "additive" and self.total != 0 else None
            rows.append({"factor": f.name, "label_zh": f.zh, "label_en": f.en, "value": value, "share": share})
        return pl.DataFrame(rows, schema={"factor": pl.Utf8, "label_zh": pl.Utf8, "label_en": pl.Utf8,
                                          "value": pl.Float64, "share": pl.Float64})


@dataclass(frozen=True)
class Series:
    """A time series of decompositions: ``steps`` (chained: each period against the one before; fixed: each
    period against the first), and for a chained series the ``cumulative`` effects (sums or products of the steps)
    with their own check. ``label_zh``/``label_en`` name the basis."""

    basis: str
    steps: list[Decomposition]
    cumulative: dict[str, float]
    check: Check
    label_zh: str
    label_en: str


def _error(code: str, **evidence: Any) -> FindingsError:
    return FindingsError([make(code, **evidence)])


def _validate(frame: pl.DataFrame, identity: Identity, period: str) -> None:
    needed = [period, *identity.categories, *identity.factor_names]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"缺少列 / missing column '{c}' (需要 / needed: "
                                  f"{', '.join(needed)})") for c in missing])
    findings: list[Finding] = []
    for row in frame.select(needed).iter_rows(named=True):
        for name in identity.factor_names:
            v = row[name]
            if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                where = ", ".join(f"{c}={row[c]}" for c in (period, *identity.categories))
                findings.append(make("E_LMDI_INPUT", detail=f"{where}: “{name}” = {v}，须为有限数 / must be a "
                                     "finite number"))
    dupes = frame.group_by([period, *identity.categories]).len().filter(pl.col("len") > 1)
    for row in dupes.iter_rows(named=True):
        where = ", ".join(f"{c}={row[c]}" for c in (period, *identity.categories))
        findings.append(make("E_LMDI_INPUT", detail=f"{where} 重复 / appears {row['len']} times"))
    if findings:
        raise FindingsError(findings)


def _pair(frame: pl.DataFrame, identity: Identity, start: str, end: str, period: str) -> pl.DataFrame:
    """Join the rows of the two periods by sub-category: columns <factor>_0, <factor>_t, v0, vt."""
    f = frame.with_columns(pl.col(period).cast(pl.Utf8))
    names = identity.factor_names
    parts = []
    for p, suffix in ((start, "_0"), (end, "_t")):
        sub = f.filter(pl.col(period) == p)
        if sub.is_empty():
            known = ", ".join(sorted(set(f[period].to_list())))
            raise _error("E_LMDI_PERIOD_MISSING", period=p, known=known or "—")
        sub = sub.select(*identity.categories, *[pl.col(n).cast(pl.Float64).alias(n + suffix) for n in names])
        parts.append(sub)
    if identity.categories:
        both = parts[0].join(parts[1], on=list(identity.categories), how="full", coalesce=True)
        lost = both.filter(pl.any_horizontal(pl.col(n + s).is_null() for n in names for s in ("_0", "_t")))
        if not lost.is_empty():
            row = lost.row(0, named=True)
            which = ", ".join(f"{c}={row[c]}" for c in identity.categories)
            raise _error("E_LMDI_INPUT", detail=f"{which} 只出现在一个时期；新出现或消失的分项在另一时期填 0 / appears "
                         "in one period only; give the other period with zeros for a sub-category that appears or "
                         "vanishes")
    else:
        if parts[0].height != 1 or parts[1].height != 1:
            raise _error("E_LMDI_INPUT", detail="无分项的恒等式每期一行 / an identity without sub-categories takes one "
                         "row per period")
        both = pl.concat(parts, how="horizontal")
    prod0 = pl.lit(1.0)
    prodt = pl.lit(1.0)
    for n in names:
        prod0 = prod0 * pl.col(n + "_0")
        prodt = prodt * pl.col(n + "_t")
    both = both.with_columns(v0=prod0, vt=prodt)
    _signs(both, identity, start, end)
    return both


def _signs(both: pl.DataFrame, identity: Identity, start: str, end: str) -> None:
    findings: list[Finding] = []
    for row in both.iter_rows(named=True):
        where = ", ".join(f"{c}={row[c]}" for c in identity.categories) or identity.name
        for a, b, what in [(row[n + "_0"], row[n + "_t"], n) for n in identity.factor_names] + [
            (row["v0"], row["vt"], "V_i")
        ]:
            if a * b < 0:
                findings.append(make("E_LMDI_SIGN_CHANGE", record=where, factor=what, start=start, end=end,
                                     v0=f"{a:.6g}", vt=f"{b:.6g}"))
    if findings:
        raise FindingsError(findings)


def _nz(names: list[str], suffix: str) -> pl.Expr:
    return pl.sum_horizontal([(pl.col(n + suffix) == 0).cast(pl.Float64) for n in names])


def _scale(total: float, values: Sequence[float], gross: float = 0.0, aggregates: float = 0.0) -> float:
    """The scale of an additive check (:class:`Check`); ``aggregates``: |V⁰| + |Vᵗ|."""
    return max([abs(total), gross, ROUNDING_SHARE * aggregates, *[abs(v) for v in values]]) or 1.0


def _make_check(total: float, explained: float, scale: float) -> Check:
    residual = explained - total
    relative = abs(residual) / scale
    return Check(total, explained, residual, relative, relative <= TOLERANCE, scale)


def _log_check(total: float, logs: Sequence[float]) -> Check:
    """Multiplicative check in logs: residual ΠD_xk/D_tot − 1, relative |Σ ln D_xk − ln D_tot| over
    max(1, Σ|ln D_xk|) (the condition of the sum of logs; 1 in every ordinary case)."""
    sum_logs = math.fsum(logs)
    scale = max(1.0, math.fsum(abs(v) for v in logs))
    gap = sum_logs - math.log(total)
    relative = abs(gap) / scale
    return Check(total, math.exp(sum_logs), math.expm1(gap), relative, relative <= TOLERANCE, scale)


def decompose(
    frame: pl.DataFrame,
    identity: Identity,
    start: str | int,
    end: str | int,
    *,
    model: str = "LMDI-I",
    form: str = "additive",
    period: str = "period",
) -> Decomposition:
    """Decompose the change of the identity's aggregate from period ``start`` to ``end`` (formulas: module
    docstring). ``frame``: one row per period and sub-category with one column per factor (any units whose product
    is the aggregate's unit). Raises FindingsError: E_LMDI_INPUT, E_LMDI_PERIOD_MISSING, E_LMDI_SIGN_CHANGE,
    E_LMDI_AGGREGATE_ZERO (a multiplicative result or LMDI-II needs a non-zero aggregate in both periods),
    E_LMDI_II_DEGENERATE (LMDI-II when the sub-categories present in both periods carry almost none of the
    aggregate, so its weights Σ_j L(w_j) vanish),
    E_UNKNOWN_NAME (model or form)."""
    for kind, value, valid in (("LMDI 模型 / LMDI model", model, MODELS), ("分解形式 / form", form, FORMS)):
        if value not in valid:
            raise _error("E_UNKNOWN_NAME", kind=kind, value=value, valid=", ".join(valid))
    _validate(frame, identity, period)
    s, e = str(start), str(end)
    both = _pair(frame, identity, s, e, period)
    names = identity.factor_names
    v0, vt = float(both["v0"].sum()), float(both["vt"].sum())
    need_nonzero = form == "multiplicative" or model == "LMDI-II"
    if need_nonzero and (v0 == 0 or vt == 0 or v0 * vt < 0):
        raise _error("E_LMDI_AGGREGATE_ZERO", identity=identity.zh, start=s, end=e, v0=f"{v0:.6g}", vt=f"{vt:.6g}",
                     model=f"{model} {form}")
    nz0, nzt = _nz(names, "_0"), _nz(names, "_t")
    by_category = pl.DataFrame()
    if model == "LMDI-I":
        cells = both.select(
            *identity.categories,
            *[_cell(pl.col("v0"), pl.col("vt"), pl.col(n + "_0"), pl.col(n + "_t"), nz0, nzt).alias(n) for n in names],
        )
        by_category = cells
        additive = {n: float(cells[n].sum()) for n in names}
        gross = float(cells.select(pl.sum_horizontal(pl.col(n).abs() for n in names)).sum().item())
        lv = logmean(vt, v0)
        logs = {n: additive[n] / lv for n in names} if need_nonzero else {}
    else:
        shares = both.with_columns(w0=pl.col("v0") / v0, wt=pl.col("vt") / vt)
        weight_sum = float(shares.select(logmean(pl.col("wt"), pl.col("w0")).sum()).item())
        cells = shares.select(
            [_cell(pl.col("w0"), pl.col("wt"), pl.col(n + "_0"), pl.col(n + "_t"), nz0, nzt).alias(n) for n in names]
        )
        logs = {n: float(cells[n].sum()) / weight_sum for n in names}
        if max(abs(v) for v in logs.values()) > LOG_LIMIT:
            raise _error("E_LMDI_II_DEGENERATE", identity=identity.zh, start=s, end=e, weight=f"{weight_sum:.3g}")
        lv = logmean(vt, v0)
        additive = {n: lv * logs[n] for n in names}
        gross = abs(lv / weight_sum) * float(cells.select(pl.sum_horizontal(pl.col(n).abs() for n in names))
                                             .sum().item())
    if form == "additive":
        effects = additive
        total = vt - v0
        check = _make_check(total, math.fsum(effects.values()),
                            _scale(total, list(effects.values()), gross, abs(v0) + abs(vt)))
    else:
        effects = {n: math.exp(logs[n]) for n in names}
        total = vt / v0
        check = _log_check(total, list(logs.values()))
    if not check.ok:
        raise _error("E_LMDI_NOT_PERFECT", identity=identity.zh, start=s, end=e, relative=f"{check.relative:.2e}")
    return Decomposition(identity, model, form, s, e, v0, vt, total, effects, check, by_category)


def decompose_series(
    frame: pl.DataFrame,
    identity: Identity,
    periods: Sequence[str | int],
    *,
    basis: str = "chained",
    model: str = "LMDI-I",
    form: str = "additive",
    period: str = "period",
) -> Series:
    """Decompose over ``periods`` (in order, at least two): ``chained`` — each period against the one before, the
    cumulative effects being the sums (additive) or products (multiplicative) of the steps, which equal the total
    change from the first to the last period exactly but, for additive LMDI-I, not the one-step effects (path
    dependence); ``fixed`` — each period against the first. Errors as :func:`decompose`, and E_UNKNOWN_NAME for
    the basis, E_LMDI_INPUT for fewer than two periods."""
    if basis not in BASES:
        raise _error("E_UNKNOWN_NAME", kind="时间序列方式 / series basis", value=basis, valid=", ".join(BASES))
    ps = [str(p) for p in periods]
    if len(ps) < 2 or len(set(ps)) != len(ps):
        raise _error("E_LMDI_INPUT", detail=f"时间序列须有至少两个不同的时期 / a series needs at least two distinct "
                     f"periods (got {', '.join(ps) or '—'})")
    if basis == "chained":
        steps = [decompose(frame, identity, a, b, model=model, form=form, period=period) for a, b in pairwise(ps)]
    else:
        steps = [decompose(frame, identity, ps[0], b, model=model, form=form, period=period) for b in ps[1:]]
    names = identity.factor_names
    if basis == "chained":
        if form == "additive":
            cumulative = {n: math.fsum(s.effects[n] for s in steps) for n in names}
            total = steps[-1].vt - steps[0].v0
            gross = math.fsum(st.check.scale for st in steps)
            check = _make_check(total, math.fsum(cumulative.values()),
                                _scale(total, list(cumulative.values()), gross, abs(steps[0].v0) + abs(steps[-1].vt)))
        else:
            logs = {n: math.fsum(math.log(s.effects[n]) for s in steps) for n in names}
            cumulative = {n: math.exp(v) for n, v in logs.items()}
            check = _log_check(steps[-1].vt / steps[0].v0, list(logs.values()))
    else:
        cumulative = dict(steps[-1].effects)
        check = steps[-1].check
    zh, en = BASES[basis] if len(steps) > 1 else ("两期一次分解", "one step between the two periods")
    return Series(basis, steps, cumulative, check, zh, en)


# --- factor frames for the standard identities ---------------------------------------------------------------------


def _ratio(num: pl.Expr, den: pl.Expr, other_num: pl.Expr, other_den: pl.Expr) -> pl.Expr:
    """num/den; an undefined 0/0 takes the other period's ratio (or 0 when that is undefined too) [C], so that a
    sub-category that appears or vanishes is carried by the factor that actually goes to or from zero."""
    other = pl.when(other_den != 0).then(other_num / other_den).otherwise(0.0)
    return pl.when(den != 0).then(num / den).otherwise(other)


def _sector_frame(data: pl.DataFrame, keys: list[str], period: str, values: list[str]) -> pl.DataFrame:
    """Complete the panel (every key in every period, missing values 0), with the values of the other period
    (first/last in the data) beside each row for the 0/0 rule."""
    missing = [c for c in [period, *keys, *values] if c not in data.columns]
    if missing:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"缺少列 / missing column '{c}'") for c in missing])
    d = data.with_columns(pl.col(period).cast(pl.Utf8), *[pl.col(v).cast(pl.Float64) for v in values])
    for row in d.select(values).iter_rows():
        for v in row:
            if v is None or not math.isfinite(v) or v < 0:
                raise _error("E_LMDI_INPUT", detail=f"值 / value {v}: 须为非负有限数 / must be a finite number ≥ 0")
    d = d.group_by([period, *keys]).agg([pl.col(v).sum() for v in values])
    grid = d.select(period).unique().join(d.select(keys).unique(), how="cross")
    return grid.join(d, on=[period, *keys], how="left").with_columns(pl.col(v).fill_null(0.0) for v in values)


def energy_frame(data: pl.DataFrame, *, period: str = "period", sector: str = "sector", energy: str = "energy",
                 value_added: str = "value_added") -> pl.DataFrame:
    r"""Factor frame for :data:`ENERGY`: E = Σ_i Q·(Q_i/Q)·(E_i/Q_i) (METHODS: Ang 2015 Table 1, quantity indicator).

    data : one row per period and sector with energy E_i [tce] and value added Q_i [10⁴ CNY, constant prices].
    Returns period, sector, activity Q [10⁴ CNY], structure Q_i/Q [1], intensity E_i/Q_i [tce/10⁴ CNY].
    """
    d = _sector_frame(data, [sector], period, [energy, value_added])
    d = d.with_columns(q=pl.col(value_added).sum().over(period))
    return _with_other(d, period, [sector], [energy, value_added]).select(
        pl.col(period).alias("period"), pl.col(sector).alias("sector"),
        pl.col("q").alias("activity"),
        (pl.col(value_added) / pl.col("q")).alias("structure"),
        _ratio(pl.col(energy), pl.col(value_added), pl.col(energy + "_o"), pl.col(value_added + "_o"))
        .alias("intensity"),
    )


def intensity_frame(data: pl.DataFrame, *, period: str = "period", sector: str = "sector", energy: str = "energy",
                    value_added: str = "value_added") -> pl.DataFrame:
    r"""Factor frame for :data:`INTENSITY`: I = E/Q = Σ_i S_i·I_i with S_i = Q_i/Q, I_i = E_i/Q_i (Ang 2015, intensity
    indicator). Returns period, sector, structure [1], intensity [tce/10⁴ CNY]; the aggregate is E/Q."""
    return energy_frame(data, period=period, sector=sector, energy=energy, value_added=value_added).drop("activity")


def co2_frame(data: pl.DataFrame, *, period: str = "period", sector: str = "sector", fuel: str = "fuel",
              energy: str = "energy", co2: str = "co2", value_added: str = "value_added") -> pl.DataFrame:
    r"""Factor frame for :data:`CO2`: C = Σ_{i,j} Q·(Q_i/Q)·(E_i/Q_i)·(E_ij/E_i)·(C_ij/E_ij).

    data : one row per period, sector and fuel with the fuel's energy E_ij [tce], its CO2 C_ij [tCO2] (0 for a
    non-fossil fuel) and the sector's value added Q_i [10⁴ CNY] repeated on each fuel row. Returns period, sector,
    fuel and the five factors (activity [10⁴ CNY], structure [1], intensity [tce/10⁴ CNY], fuel_mix [1],
    emission_factor [tCO2/tce]).
    """
    missing = [c for c in [period, sector, fuel, energy, co2, value_added] if c not in data.columns]
    if missing:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"缺少列 / missing column '{c}'") for c in missing])
    va = data.group_by([period, sector]).agg(pl.col(value_added).cast(pl.Float64).max().alias("_va"))
    d = _sector_frame(data, [sector, fuel], period, [energy, co2])
    va = va.with_columns(pl.col(period).cast(pl.Utf8))
    d = d.join(va, on=[period, sector], how="left").with_columns(pl.col("_va").fill_null(0.0))
    d = d.with_columns(e_i=pl.col(energy).sum().over([period, sector]))
    q = va.group_by(period).agg(pl.col("_va").sum().alias("q"))
    d = d.join(q, on=period, how="left")
    d = _with_other(d, period, [sector, fuel], [energy, co2, "_va", "e_i"])
    return d.select(
        pl.col(period).alias("period"), pl.col(sector).alias("sector"), pl.col(fuel).alias("fuel"),
        pl.col("q").alias("activity"),
        (pl.col("_va") / pl.col("q")).alias("structure"),
        _ratio(pl.col("e_i"), pl.col("_va"), pl.col("e_i_o"), pl.col("_va_o")).alias("intensity"),
        _ratio(pl.col(energy), pl.col("e_i"), pl.col(energy + "_o"), pl.col("e_i_o")).alias("fuel_mix"),
        _ratio(pl.col(co2), pl.col(energy), pl.col(co2 + "_o"), pl.col(energy + "_o")).alias("emission_factor"),
    ).sort("period", "sector", "fuel")


def kaya_frame(data: pl.DataFrame, *, period: str = "period", population: str = "population", gdp: str = "gdp",
               energy: str = "energy", co2: str = "co2") -> pl.DataFrame:
    r"""Factor frame for :data:`KAYA`: C = P·(G/P)·(E/G)·(C/E) (Kaya 1990). data : one row per period with population
    P [10⁴ persons], GDP G [10⁸ CNY], energy E [tce], CO2 C [tCO2], all > 0. Returns period and the four factors."""
    missing = [c for c in [period, population, gdp, energy, co2] if c not in data.columns]
    if missing:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"缺少列 / missing column '{c}'") for c in missing])
    return data.select(
        pl.col(period).cast(pl.Utf8).alias("period"),
        pl.col(population).cast(pl.Float64).alias("population"),
        (pl.col(gdp) / pl.col(population)).alias("affluence"),
        (pl.col(energy) / pl.col(gdp)).alias("energy_intensity"),
        (pl.col(co2) / pl.col(energy)).alias("carbon_intensity"),
    )


def _with_other(d: pl.DataFrame, period: str, keys: list[str], values: list[str]) -> pl.DataFrame:
    """Beside each row, the values of the same sub-category in the nearest period that has them non-zero (the
    'other end' used by the 0/0 rule): the latest earlier or the earliest later non-zero value."""
    d = d.sort(period)
    out = d
    for v in values:
        nonzero = pl.when(pl.col(v) != 0).then(pl.col(v))
        filled = nonzero.forward_fill().over(keys).fill_null(nonzero.backward_fill().over(keys))
        out = out.with_columns(filled.fill_null(0.0).alias(v + "_o"))
    return out


def custom_identity(name: str, factors: Sequence[str], categories: Sequence[str] = (), *, zh: str | None = None,
                    unit: str = "") -> Identity:
    """A user-defined identity: the aggregate is Σ over ``categories`` of the product of the ``factors`` columns."""
    if not factors or len(set(factors)) != len(factors):
        raise _error("E_LMDI_INPUT", detail="自定义恒等式须有互不相同的因素 / a custom identity needs distinct factors")
    return Identity(name, zh or name, name, tuple(Factor(f, f, f) for f in factors), tuple(categories), unit)
