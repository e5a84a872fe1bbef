r"""The regional industrial-transfer evaluation index (区域承接产业转移评价指数): entropy weights, TOPSIS, ranking.

工信部联政法〔2021〕215号 八: "加强产业转移跟踪评估，构建区域承接产业转移评价指数，科学评估承接产业转移情况和成效". The
guidance names the index but no method; ECER uses the entropy-weight TOPSIS common in the Chinese literature (e.g.
刘威 & 许伟 2024, 民族八省区承接产业转移能力, entropy-weight TOPSIS). Every indicator has a direction: ``benefit``
(more is better for the receiving region, e.g. remaining dual-control headroom) or ``cost`` (less is better, e.g.
the average wage).

Entropy weights (熵权法), for m regions i and n indicators j:

.. math::
    z_{ij} = \frac{x_{ij} - \min_i x_{ij}}{\max_i x_{ij} - \min_i x_{ij}} \ (\text{benefit}), \quad
    z_{ij} = \frac{\max_i x_{ij} - x_{ij}}{\max_i x_{ij} - \min_i x_{ij}} \ (\text{cost})

    p_{ij} = z_{ij} / \textstyle\sum_i z_{ij}, \qquad
    e_j = -\frac{1}{\ln m} \sum_i p_{ij} \ln p_{ij} \ \ (0 \cdot \ln 0 = 0), \qquad
    d_j = 1 - e_j, \qquad w_j = d_j / \textstyle\sum_k d_k

No shift (the "+0.0001" of many papers) is added: 0·ln 0 is taken as its limit 0, so a region at the minimum keeps
p = 0 and no column's information is distorted. A column with the same value in every region carries no
information: e_j = 1 by definition (every p_ij = 1/m), so its weight is 0 by the formula, not by a special case.

TOPSIS (逼近理想解排序法), normalisation a parameter:

.. math::
    r_{ij} = x_{ij} / \sqrt{\textstyle\sum_i x_{ij}^2} \ (\text{vector}) \quad\text{or}\quad r_{ij} = z_{ij}
    \ (\text{min-max, direction already applied})

    v_{ij} = w_j r_{ij}; \quad v^+_j = \max_i v_{ij}, v^-_j = \min_i v_{ij} \ (\text{benefit; swapped for cost under
    vector normalisation})

    D^+_i = \lVert v_i - v^+ \rVert_2, \quad D^-_i = \lVert v_i - v^- \rVert_2, \quad C_i = D^-_i / (D^+_i + D^-_i)
    \in [0, 1]

Regions are ranked by C_i, highest first; equal closeness (to 12 significant digits) shares a rank (1, 2, 2, 4).
Every result depends only on the set of regions, never on their order (property tests).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from ecer.findings import FindingsError, make

Direction = Literal["benefit", "cost"]
Normalisation = Literal["vector", "minmax"]
NORMALISATIONS: tuple[str, ...] = ("vector", "minmax")
WHAT = "承接产业转移评价指数 / transfer index"


@dataclass(frozen=True)
class Weights:
    """Entropy weights of the indicators, with their entropies e_j and divergences d_j = 1 − e_j [all 1]."""

    weights: dict[str, float]
    entropy: dict[str, float]
    divergence: dict[str, float]


def _check(values: Mapping[str, Sequence[float]], directions: Mapping[str, str]) -> int:
    if not values:
        raise FindingsError([make("E_TRANSFER_VALUE_INVALID", what=WHAT, record="指标 / indicators", column="indicator",
                                  value="—", detail="没有指标 / no indicator given")])
    lengths = {len(v) for v in values.values()}
    if len(lengths) != 1:
        raise ValueError("every indicator needs one value per region")
    m = lengths.pop()
    if m < 2:
        raise FindingsError([make("E_TRANSFER_TOO_FEW_REGIONS", what=WHAT, count=m)])
    for code, col in values.items():
        if directions.get(code) not in ("benefit", "cost"):
            raise FindingsError([make("E_TRANSFER_VALUE_INVALID", what=WHAT, record=code, column="direction",
                                      value=directions.get(code), detail="须为 benefit 或 cost / must be benefit or cost")])
        for i, x in enumerate(col):
            if x is None or not math.isfinite(x):
                raise FindingsError([make("E_TRANSFER_VALUE_INVALID", what=WHAT, record=f"{code} #{i + 1}",
                                          column="value", value=x, detail="不是有限数值 / not a finite number")])
    return m


def minmax_scores(column: Sequence[float], direction: str) -> list[float] | None:
    """z_ij ∈ [0, 1] of one indicator (1 = best region); None when every region has the same value."""
    lo, hi = min(column), max(column)
    if hi == lo:
        return None
    span = hi - lo
    return [(x - lo) / span if direction == "benefit" else (hi - x) / span for x in column]


def entropy_weights(values: Mapping[str, Sequence[float]], directions: Mapping[str, str]) -> Weights:
    """Entropy weights w_j [1] (Σ w_j = 1) of the indicators ``values`` (indicator → one value per region, any unit:
    min-max scoring removes it) with ``directions`` (indicator → benefit | cost). Formula in the module docstring.

    >>> w = entropy_weights({"a": [0.0, 5.0, 10.0], "b": [0.0, 0.0, 1.0]}, {"a": "benefit", "b": "benefit"})
    >>> round(w.weights["a"], 6), round(w.weights["b"], 6)
    (0.296082, 0.703918)
    """
    m = _check(values, directions)
    entropy: dict[str, float] = {}
    for code, col in values.items():
        z = minmax_scores(col, directions[code])
        if z is None:
            entropy[code] = 1.0  # every p_ij = 1/m: e_j = −(1/ln m)·m·(1/m)·ln(1/m) = 1
            continue
        total = math.fsum(z)
        h = -math.fsum(p * math.log(p) for p in (zi / total for zi in z) if p > 0.0)  # 0·ln 0 = 0
        entropy[code] = min(1.0, max(0.0, h / math.log(m)))
    divergence = {c: 1.0 - e for c, e in entropy.items()}
    dsum = math.fsum(divergence.values())
    if dsum <= 0.0:
        raise FindingsError([make("E_TRANSFER_NO_SPREAD", what=WHAT)])
    return Weights({c: d / dsum for c, d in divergence.items()}, entropy, divergence)


def topsis(values: Mapping[str, Sequence[float]], directions: Mapping[str, str], weights: Mapping[str, float],
           *, normalisation: Normalisation = "vector") -> tuple[list[float], list[float], list[float]]:
    """TOPSIS distances D⁺, D⁻ and closeness C ∈ [0, 1] per region (same order as the values). ``weights`` [1] need
    not sum to 1 (only their ratios matter); ``normalisation`` = vector (r = x/‖x‖₂, the original Hwang & Yoon
    1981 form) or minmax (r = z). Formula in the module docstring.

    >>> d_plus, d_minus, c = topsis({"a": [1.0, 2.0, 3.0]}, {"a": "benefit"}, {"a": 1.0}, normalisation="minmax")
    >>> c
    [0.0, 0.5, 1.0]
    """
    m = _check(values, directions)
    if normalisation not in NORMALISATIONS:
        raise FindingsError([make("E_TRANSFER_UNKNOWN", what="归一化方法 / normalisation", value=normalisation,
                                  known=", ".join(NORMALISATIONS))])
    cols: list[list[float]] = []
    for code, col in values.items():
        w = float(weights.get(code, 0.0))
        if normalisation == "minmax":
            z = minmax_scores(col, directions[code])
            r = [0.0] * m if z is None else z
            v = [w * x for x in r]
            best, worst = max(v), min(v)
        else:
            norm = math.sqrt(math.fsum(x * x for x in col))
            r = [0.0] * m if norm == 0.0 else [x / norm for x in col]
            v = [w * x for x in r]
            best, worst = (max(v), min(v)) if directions[code] == "benefit" else (min(v), max(v))
        cols.append([(x - best) ** 2 for x in v] + [(x - worst) ** 2 for x in v])
    d_plus = [math.sqrt(math.fsum(c[i] for c in cols)) for i in range(m)]
    d_minus = [math.sqrt(math.fsum(c[m + i] for c in cols)) for i in range(m)]
    if all(dp + dm == 0.0 for dp, dm in zip(d_plus, d_minus, strict=True)):
        raise FindingsError([make("E_TRANSFER_NO_SPREAD", what=WHAT)])
    closeness = [dm / (dp + dm) if dp + dm > 0.0 else 0.5 for dp, dm in zip(d_plus, d_minus, strict=True)]
    return d_plus, d_minus, [min(1.0, max(0.0, c)) for c in closeness]


def ranks(scores: Sequence[float]) -> list[int]:
    """Competition ranks, highest score first; scores equal to 12 significant digits share a rank.

    >>> ranks([0.2, 0.9, 0.2, 0.5])
    [3, 1, 3, 2]
    """
    keyed = [float(f"{s:.12g}") for s in scores]
    return [1 + sum(1 for o in keyed if o > k) for k in keyed]


RANKING_COLUMNS = ["rank", "region_code", "closeness", "d_plus", "d_minus"]


def rank_regions(wide: pl.DataFrame, directions: Mapping[str, str], *, weights: Mapping[str, float] | None = None,
                 normalisation: Normalisation = "vector") -> tuple[pl.DataFrame, Weights | None]:
    """Rank the regions of a wide frame (``region_code`` + one column per indicator, complete) by TOPSIS with
    entropy weights (or the given ``weights``). Returns the ranking (``RANKING_COLUMNS`` plus the indicators' values,
    best first, ties by region code) and the entropy weights (None when weights were given)."""
    codes = [c for c in wide.columns if c != "region_code"]
    values = {c: [float(x) for x in wide[c].to_list()] for c in codes}
    ew = None
    if weights is None:
        ew = entropy_weights(values, directions)
        weights = ew.weights
    d_plus, d_minus, c = topsis(values, directions, weights, normalisation=normalisation)
    out = wide.with_columns(pl.Series("closeness", c, dtype=pl.Float64), pl.Series("d_plus", d_plus, dtype=pl.Float64),
                            pl.Series("d_minus", d_minus, dtype=pl.Float64),
                            pl.Series("rank", ranks(c), dtype=pl.Int64))
    out = out.select(*RANKING_COLUMNS, *codes).sort(["rank", "region_code"])
    return out, ew
