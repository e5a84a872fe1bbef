r"""One progress machinery for every target: "a target with a direction, a base year, a path and a barometer".

Energy intensity, carbon intensity, each pollutant's total and each key-project indicator are tracked the same way
(issue 8 §6). :func:`track` takes a series of levels (an intensity, a total, a share) by key and year, and
:func:`track_changes` a series of published yearly changes; both return the same columns, computed by the one
implementation of :mod:`ecer.core.targets.progress` (changes, cumulative reduction, even pace, chaining) and
:mod:`ecer.core.targets.barometer` (grades and colours):

* direction ``decrease`` (an intensity, an emission total): achieved :math:`D_t = 1 - x_t/x_0`; required to date
  :math:`R_t = 1 - (1 - T)^{t/n}`; the year is graded on its change against :math:`R_1` — 一级 (red) it rose
  ("不降反升"), 二级 (yellow) it fell less than required, 三级 (green) on pace (发改办环资〔2021〕629号);
* direction ``increase`` (a share that must rise): achieved :math:`D_t = x_t/x_0 - 1`; required
  :math:`R_t = (1 + T)^{t/n} - 1`; graded on the mirror image (一级: it fell).

The path is the even geometric pace for a rate or a level (ECER's assumption [C], stated in every output,
METHODS §5.2); an *amount* to accumulate from zero (:func:`track_amounts`: capacity retrofitted, units set up) has the
even linear pace :math:`R_t = Q t/n` instead, graded on the year's increment against :math:`Q/n` (一级: the amount
fell). A target to reach a *level* (a share ≥ 86 %) is a relative change from the region's base value
(:func:`level_target`). ``n`` is the plan's length, target year − base year. Published yearly changes are chained
(:func:`ecer.core.targets.progress.chain_reductions`): :math:`D_{cum,t} = 1 - (1 - D_{cum,t-1})(1 - D_t)` (the NDRC
chaining rule of the intensity assessment, METHODS §6.2).

Years after the base year and up to the target year are graded; the base year itself and later years carry their
levels and cumulative figures only.
"""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ecer.core.targets import progress as pg
from ecer.core.targets.barometer import DEFAULT_THRESHOLDS, Thresholds, color_of, intensity_grade
from ecer.findings import Finding, FindingsError, Location, make

Direction = Literal["decrease", "increase"]
Path = Literal["even_geometric", "even_linear"]
PATHS = ("even_geometric", "even_linear")

TRACK_COLUMNS = [
    "year",
    "base_year",
    "target_year",
    "years_elapsed",
    "value",
    "value_prev",
    "value_base",
    "change_yoy",
    "achieved_yoy",
    "achieved_cumulative",
    "required_annual",
    "required_cumulative",
    "progress_ratio",
    "on_pace",
    "target_met",
    "grade",
    "color",
]
"""The columns :func:`track` adds after the key: levels (``value``, ``value_prev``, ``value_base``; null for
:func:`track_changes`), the signed change on the year before (``change_yoy``), the year's and the cumulative
achievement in the target's direction (``achieved_yoy``, ``achieved_cumulative`` [1], positive = good), the even-pace
requirements, progress ratio, on_pace, target_met (at the target year only), grade 1–3 and colour."""


class Target(BaseModel):
    """A target: its direction, size, base and target years, path and barometer thresholds.

    size : T [1], positive (0.18 = down 18 % for ``decrease``, up 18 % for ``increase``) — for the path
    ``even_linear`` the amount Q to accumulate [the amount's unit], direction ``increase``; base_year, target_year :
    the plan's years (n = target_year − base_year); path : ``even_geometric`` or ``even_linear`` (amounts); label : what is tracked, bilingual
    (``"碳排放强度 / CO2 intensity"``), used in findings; source : document and clause of the target.

    >>> Target(size=0.18, base_year=2020, target_year=2025).plan_years
    5
    """

    model_config = ConfigDict(frozen=True)

    size: float = Field(gt=-1.0)
    base_year: int
    target_year: int
    direction: Direction = "decrease"
    path: Path = "even_geometric"
    label: str = "指标 / indicator"
    source: str = ""
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    @model_validator(mode="after")
    def _years(self) -> Target:
        if self.target_year <= self.base_year:
            raise ValueError(f"target year {self.target_year} must be after the base year {self.base_year}")
        if self.path == "even_linear" and (self.direction != "increase" or self.size <= 0):
            raise ValueError("an even_linear target is a positive amount to accumulate (direction increase)")
        return self

    @property
    def plan_years(self) -> int:
        return self.target_year - self.base_year


def _need(df: pl.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FindingsError([make("E_CARBON_COLUMN_MISSING", location=Location(column=c), what=what, column=c,
                                  expected=", ".join(columns)) for c in missing])


def _record(row: dict[str, object], key: list[str]) -> str:
    return " ".join(str(row[k]) for k in key) or "—"


def _requirements(df: pl.DataFrame, target: Target) -> pl.DataFrame:
    """Add requirements, progress, on_pace, target_met, grade and colour to ``achieved_*`` and ``change_yoy``."""
    T, n = target.size, float(target.plan_years)
    t = pl.col("years_elapsed").cast(pl.Float64)
    if target.path == "even_linear":
        pace = pg.even_linear_requirement
    else:
        pace = pg.even_pace_requirement if target.direction == "decrease" else pg.even_pace_growth
    tol = target.thresholds.tolerance
    in_plan = (pl.col("year") > target.base_year) & (pl.col("year") <= target.target_year)
    # the barometer grades a fall of a decreasing indicator; for a rising one, the mirror image
    graded_change = pl.col("change_yoy") if target.direction == "decrease" else -pl.col("change_yoy")
    df = df.with_columns(
        required_annual=pace(T, pl.lit(1.0), n),
        required_cumulative=pace(T, pl.min_horizontal(t, pl.lit(n)), n),
    )
    cum, req = pl.col("achieved_cumulative"), pl.col("required_cumulative")
    return df.with_columns(
        progress_ratio=pl.when(pl.col("year") > target.base_year).then(pg.progress_ratio(cum, req)),
        on_pace=pl.when(pl.col("year") > target.base_year).then(pg.target_met(cum, req, tol)),
        target_met=pl.when(pl.col("year") == target.target_year).then(pg.target_met(cum, pl.lit(T), tol)),
        grade=pl.when(in_plan).then(intensity_grade(graded_change, pl.col("required_annual"),
                                                    thresholds=target.thresholds)),
    ).with_columns(color=color_of(pl.col("grade")))


def _gap_findings(df: pl.DataFrame, key: list[str], target: Target) -> list[Finding]:
    gaps = df.filter((pl.col("year") > target.base_year) & (pl.col("year") <= target.target_year)
                     & pl.col("change_yoy").is_null())
    return [make("W_TARGET_YEAR_GAP", what=target.label, record=_record(r, key), year=r["year"])
            for r in gaps.iter_rows(named=True)]


def track(frame: pl.DataFrame, target: Target, *, key: list[str], value: str = "value") -> tuple[pl.DataFrame,
                                                                                              list[Finding]]:
    r"""Track a series of levels against ``target``.

    .. math:: D_t = 1 - x_t/x_0 \;(\text{decrease}), \quad D_t = x_t/x_0 - 1 \;(\text{increase}), \quad
              p = D_t / R_t, \quad \Delta x = x_t/x_{t-1} - 1 \to \text{grade}

    frame : ``key`` columns, ``year`` and the level in ``value`` [any unit, the same throughout a series];
    target : :class:`Target`; key : the columns naming a series (e.g. ``["region_code"]``). Returns the key and
    :data:`TRACK_COLUMNS` for every row, sorted by key and year, and findings: ``E_TARGET_BASE_MISSING`` for a series
    without its base-year value (its rows have null progress; nothing is dropped), ``W_TARGET_YEAR_GAP`` for a plan year
    whose previous year is missing.

    Reference: :mod:`ecer.core.targets.progress` (1310号 第(十三)条; even pace [C]); 629号 grades.

    >>> df = pl.DataFrame({"r": ["A"] * 3, "year": [2020, 2021, 2022], "value": [1.0, 0.97, 0.9312]})
    >>> out, _ = track(df, Target(size=0.18, base_year=2020, target_year=2025), key=["r"])
    >>> [round(x, 4) for x in out["achieved_cumulative"]], out["grade"].to_list()  # −3 %, −4 %: 1 − 0.97 × 0.96
    ([0.0, 0.03, 0.0688], [None, 2, 3])
    """
    _need(frame, [*key, "year", value], target.label)
    df = frame.select(*key, pl.col("year").cast(pl.Int64), pl.col(value).cast(pl.Float64).alias("value")).sort(
        [*key, "year"])
    base = df.filter(pl.col("year") == target.base_year).select(*key, pl.col("value").alias("value_base"))
    prev = df.select(*key, (pl.col("year") + 1).alias("year"), pl.col("value").alias("value_prev"))
    df = df.join(base, on=key, how="left", nulls_equal=True).join(prev, on=[*key, "year"], how="left",
                                                                   nulls_equal=True)
    # achieved in the target's direction: a reduction 1 − x/x₀ for a decreasing indicator, a rise x/x₀ − 1 otherwise
    achieved = pg.cumulative_reduction if target.direction == "decrease" else pg.relative_change
    df = df.with_columns(
        base_year=pl.lit(target.base_year, pl.Int64),
        target_year=pl.lit(target.target_year, pl.Int64),
        years_elapsed=(pl.col("year") - target.base_year).cast(pl.Int64),
        change_yoy=pg.relative_change(pl.col("value"), pl.col("value_prev")),
        achieved_yoy=achieved(pl.col("value"), pl.col("value_prev")),
        achieved_cumulative=pl.when(pl.col("year") >= target.base_year).then(
            achieved(pl.col("value"), pl.col("value_base"))),
    )
    findings = [make("E_TARGET_BASE_MISSING", what=target.label, record=_record(r, key), base_year=target.base_year)
                for r in df.filter(pl.col("value_base").is_null()).select(key).unique().sort(key).iter_rows(named=True)]
    out = _requirements(df, target)
    return out.select(*key, *TRACK_COLUMNS).sort([*key, "year"]), findings + _gap_findings(out, key, target)


def track_changes(frame: pl.DataFrame, target: Target, *, key: list[str], change: str = "change") -> tuple[
        pl.DataFrame, list[Finding]]:
    r"""Track published yearly changes (an intensity "fell 3.4 %" each year) against ``target``, chaining them.

    .. math:: D_{cum,t} = 1 - \prod_{s \le t} (1 - d_s), \quad d_s = -c_s \;(\text{decrease})

    frame : ``key``, ``year`` and the signed yearly change c_s in ``change`` [1] (−0.034 = fell 3.4 %), one row per
    plan year (base year + 1 …). Returns the same columns as :func:`track` (levels null). A series missing a year has
    no cumulative figure from that year on (``W_TARGET_YEAR_GAP``): a chain with a hole is not a chain.

    Reference: NDRC chaining rule (METHODS §6.2); :func:`ecer.core.targets.progress.chain_reductions`.

    >>> df = pl.DataFrame({"r": ["A", "A"], "year": [2021, 2022], "change": [-0.03, -0.04]})
    >>> out, _ = track_changes(df, Target(size=0.18, base_year=2020, target_year=2025), key=["r"])
    >>> [round(x, 4) for x in out["achieved_cumulative"]], [round(x, 4) for x in out["progress_ratio"]]
    ([0.03, 0.0688], [0.771, 0.9016])
    """
    _need(frame, [*key, "year", change], target.label)
    sign = 1.0 if target.direction == "decrease" else -1.0
    df = frame.select(*key, pl.col("year").cast(pl.Int64), pl.col(change).cast(pl.Float64).alias("change_yoy")).filter(
        pl.col("year") > target.base_year).sort([*key, "year"])
    expected = (pl.col("year") - target.base_year).cast(pl.Int64)
    rank = pl.int_range(1, pl.len() + 1).over(key)
    contiguous = (expected == rank).cum_min().over(key)
    df = df.with_columns(
        base_year=pl.lit(target.base_year, pl.Int64),
        target_year=pl.lit(target.target_year, pl.Int64),
        years_elapsed=expected,
        value=pl.lit(None, pl.Float64),
        value_prev=pl.lit(None, pl.Float64),
        value_base=pl.lit(None, pl.Float64),
        achieved_yoy=-sign * pl.col("change_yoy"),
    ).with_columns(
        # 1 − Π(1 − d_s) in the target's direction; sign −1 makes it Π(1 + d_s) − 1 for a rising indicator
        achieved_cumulative=pl.when(contiguous).then(
            sign * (1 - (1 - sign * pl.col("achieved_yoy")).cum_prod().over(key)))
    )
    out = _requirements(df, target)
    gaps = out.filter(pl.col("achieved_cumulative").is_null())
    findings = [make("W_TARGET_YEAR_GAP", what=target.label, record=_record(r, key), year=r["year"])
                for r in gaps.iter_rows(named=True)]
    return out.select(*key, *TRACK_COLUMNS).sort([*key, "year"]), findings


def track_amounts(frame: pl.DataFrame, target: Target, *, key: list[str], value: str = "value") -> tuple[
        pl.DataFrame, list[Finding]]:
    r"""Track a cumulative amount (achieved since the base year) against an amount Q at the even linear pace.

    .. math:: A_t \;(\text{given}), \quad R_t = Q \, t/n, \quad p = A_t / R_t, \quad
              \Delta A = A_t - A_{t-1} \to \text{grade}(-\Delta A,\; Q/n)

    frame : ``key``, ``year`` and the cumulative amount A_t in ``value`` [the target's unit]; A at the base year is 0
    by definition (an amount *since* the base year), so a missing base-year row is taken as 0 and a non-zero one is
    kept as given. target : :class:`Target` with ``path="even_linear"`` and ``size`` = Q. Returns the key and
    :data:`TRACK_COLUMNS`: ``value``, ``achieved_cumulative`` = A_t, ``change_yoy`` = ``achieved_yoy`` = ΔA [unit],
    the requirements [unit], grade (一级: A fell; 二级: ΔA < Q/n; 三级: the rest) and colour; findings
    ``W_TARGET_YEAR_GAP`` for a plan year without the year before.

    Reference: linear pace [C] as :func:`ecer.core.pollutants.progress.quantity_progress` (国发〔2021〕33号 四(二));
    grades of :mod:`ecer.core.targets.barometer` (629号).

    >>> df = pl.DataFrame({"r": ["A", "A"], "year": [2021, 2022], "value": [500.0, 700.0]})
    >>> t = Target(size=2000, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    >>> out, _ = track_amounts(df, t, key=["r"])
    >>> out.select("year", "required_cumulative", "progress_ratio", "grade").rows()  # 400/yr required
    [(2020, 0.0, None, None), (2021, 400.0, 1.25, 3), (2022, 800.0, 0.875, 2)]
    """
    if target.path != "even_linear":
        raise ValueError("track_amounts needs a target with path='even_linear'")
    _need(frame, [*key, "year", value], target.label)
    df = frame.select(*key, pl.col("year").cast(pl.Int64), pl.col(value).cast(pl.Float64).alias("value"))
    keys = df.select(key).unique()
    zero = keys.with_columns(year=pl.lit(target.base_year, pl.Int64), value=pl.lit(0.0, pl.Float64))
    df = pl.concat([df, zero.join(df, on=[*key, "year"], how="anti", nulls_equal=True)]).sort([*key, "year"])
    prev = df.select(*key, (pl.col("year") + 1).alias("year"), pl.col("value").alias("value_prev"))
    df = df.join(prev, on=[*key, "year"], how="left", nulls_equal=True).with_columns(
        base_year=pl.lit(target.base_year, pl.Int64),
        target_year=pl.lit(target.target_year, pl.Int64),
        years_elapsed=(pl.col("year") - target.base_year).cast(pl.Int64),
        value_base=pl.lit(0.0, pl.Float64),
        change_yoy=pl.col("value") - pl.col("value_prev"),
    ).with_columns(
        achieved_yoy=pl.col("change_yoy"),
        achieved_cumulative=pl.when(pl.col("year") >= target.base_year).then(pl.col("value")),
    )
    out = _requirements(df, target)
    return out.select(*key, *TRACK_COLUMNS).sort([*key, "year"]), _gap_findings(out, key, target)


def level_target(level: float, base_value: float, *, base_year: int, target_year: int, at_most: bool = False,
                 label: str = "指标 / indicator", source: str = "",
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Target:
    r"""The :class:`Target` of reaching a level L from a region's base value x₀ (a share that must reach 86 %).

    .. math:: T = \max(L/x_0 - 1,\, 0) \;(\text{at least}), \quad T = \max(1 - L/x_0,\, 0) \;(\text{at most})

    level : L, base_value : x₀ [the same unit, x₀ > 0]; at_most : the level is a ceiling. A region already at or past
    the level gets T = 0: nothing more to gain, the level is to be kept (the caller compares with L itself). The
    required level to date is :math:`x_0 (1 + R_t)` (:math:`x_0 (1 - R_t)` at most), which reaches L at the target
    year on the even geometric path [C].

    >>> round(level_target(86, 80, base_year=2020, target_year=2025).size, 12)  # 86/80 − 1
    0.075
    >>> level_target(86, 90, base_year=2020, target_year=2025).size, level_target(40, 50, base_year=2020,
    ...     target_year=2025, at_most=True).direction
    (0.0, 'decrease')
    """
    if not base_value > 0:
        raise ValueError(f"the base value must be > 0 to set a path to a level, got {base_value}")
    size = max(1 - level / base_value, 0.0) if at_most else max(level / base_value - 1, 0.0)
    return Target(size=size, base_year=base_year, target_year=target_year,
                  direction="decrease" if at_most else "increase", label=label, source=source, thresholds=thresholds)
