r"""Progress of pollutant emissions against their targets, with the barometer's grades — on the machinery every target
shares, not a copy of it: a percentage target is tracked by :func:`ecer.core.targets.tracking.track` (issue 8 §6,
"one progress machinery"), a quantity on :mod:`ecer.core.targets.progress` and :mod:`ecer.core.targets.barometer`.

Two kinds of target:

* **a percentage of total emissions** (国发〔2021〕33号 二: COD −8 % … 2025 vs 2020). Total emissions are a quantity
  to reduce, like an intensity: the cumulative reduction D_t = 1 − E_t/E_0, the even pace R_t = 1 − (1 − T)^{t/5}
  and the year's requirement R_1 = 1 − (1 − T)^{1/5}; the barometer grades the year's change ΔE = E_t/E_{t−1} − 1
  against R_1 exactly as the energy barometer grades an intensity: 一级 (red) emissions rose ("不降反升"), 二级
  (yellow) fell less than R_1, 三级 (green) on pace. A floor target ("10%以上") is graded against its floor.
* **a key-project reduction quantity** Q assigned to a region (33号 四(二): "将重点工程减排量下达地方"; from the
  14th FYP the regions are assessed on it, METHODS §3.1). Achieved A_t = Σ_{s ≤ t} ΔE_cut,s over the plan's years;
  required to date Q·t/n — an even *linear* pace, since Q is an amount, not a rate (ECER's assumption [C], stated in
  every output); the year's share r_t/Q is graded against 1/n with the same grades (一级: the year's net reductions
  were negative; 二级: less than 1/n of Q; 三级: the rest).

Grades are given for the plan's years only (base < year ≤ target year); the thresholds are the barometer's
(:class:`ecer.core.targets.barometer.Thresholds`).
"""

from __future__ import annotations

import polars as pl

from ecer.core.targets import progress as pg
from ecer.core.targets.barometer import DEFAULT_THRESHOLDS, Thresholds, color_of, intensity_grade
from ecer.core.targets.tracking import Target, track
from ecer.findings import Finding, FindingsError, Location, make

PERCENT_COLUMNS = [
    "region_code",
    "pollutant",
    "year",
    "base_year",
    "target_year",
    "years_elapsed",
    "base_emissions",
    "emissions_prev",
    "emissions",
    "target_reduction",
    "change_yoy",
    "reduction_cumulative",
    "required_annual",
    "required_cumulative",
    "progress_ratio",
    "on_pace",
    "target_met",
    "grade",
    "color",
]
QUANTITY_COLUMNS = [
    "region_code",
    "pollutant",
    "year",
    "base_year",
    "target_year",
    "years_elapsed",
    "assigned",
    "reduction_year",
    "achieved_cumulative",
    "required_cumulative",
    "remaining",
    "achieved_share",
    "progress_ratio",
    "on_pace",
    "target_met",
    "grade",
    "color",
]


def _need(df: pl.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FindingsError(
            [
                make(
                    "E_POLLUTANT_COLUMN_MISSING",
                    location=Location(column=c),
                    what=what,
                    column=c,
                    expected=", ".join(columns),
                )
                for c in missing
            ]
        )


def _untargeted(ledger: pl.DataFrame, targets: pl.DataFrame, on: list[str], what: str) -> list[Finding]:
    """An info finding naming the ledger's series that have no target to compare with (not silently left out)."""
    series = ledger.select(
        "region_code", "pollutant", *[c for c in on if c not in ("region_code", "pollutant")]
    )
    left = (
        series.unique().join(targets.select(on).unique(), on=on, how="anti").sort("region_code", "pollutant")
    )
    if left.height == 0:
        return []
    names = ", ".join(f"{r['region_code']} {r['pollutant']}" for r in left.iter_rows(named=True))
    return [make("I_POLLUTANT_NO_TARGET", what=what, count=left.height, series=names)]


PERCENT_LABEL = "污染物排放总量 / total pollutant emissions"
_KEY = ["region_code", "pollutant"]
# the columns of ecer.core.targets.tracking.track this module keeps, under its own names
_FROM_TRACK = {
    "years_elapsed": "years_elapsed",
    "change_yoy": "change_yoy",
    "achieved_cumulative": "reduction_cumulative",
    "required_annual": "required_annual",
    "required_cumulative": "required_cumulative",
    "progress_ratio": "progress_ratio",
    "on_pace": "on_pace",
    "target_met": "target_met",
    "grade": "grade",
    "color": "color",
}


def _bad_targets(tg: pl.DataFrame) -> list[Finding]:
    """A percentage target that cannot be tracked: T ≤ −1 or not a number (nothing can fall more than 100 %), or a
    target year missing or not after its base year. (A row without T is not a percentage target: left out.)"""
    out: list[Finding] = []
    for r in tg.iter_rows(named=True):
        i = r["_row"]  # the row of the targets table given (rows left out before this keep their numbers)
        record = " ".join(str(r[c]) for c in ("region_code", "pollutant", "base_year") if c in r and r[c] is not None)
        t = r["target_reduction"]
        if not t > -1:
            out.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=i, column="target_reduction"),
                    what="减排目标 / targets",
                    record=record,
                    column="target_reduction",
                    value=t,
                    detail="须为大于 −1 的比例 / must be a fraction above −1",
                )
            )
        if r["base_year"] is None or r["target_year"] is None or r["target_year"] <= r["base_year"]:
            out.append(
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(row=i, column="target_year"),
                    what="减排目标 / targets",
                    record=record,
                    column="target_year",
                    value="—" if r["target_year"] is None else r["target_year"],
                    detail=f"须为晚于基年 {r['base_year']} 的年份 / must be a year after the base year {r['base_year']}",
                )
            )
    return out


def _track_part(part: pl.DataFrame, target: Target) -> tuple[pl.DataFrame, list[Finding]]:
    """The ledger rows of one target tracked by :func:`ecer.core.targets.tracking.track`: the levels are the
    ledger's emissions by year, with the base year's ``base_emissions`` as the level of the base year."""
    by = target.base_year
    levels = pl.concat(
        [
            part.filter(pl.col("year") != by).select(*_KEY, pl.col("year").cast(pl.Int64), pl.col("emissions")),
            part.select(*_KEY, pl.lit(by, pl.Int64).alias("year"), pl.col("base_emissions").alias("emissions"))
            .unique(subset=_KEY, keep="first", maintain_order=True),
        ]
    )
    tracked, findings = track(levels, target, key=_KEY, value="emissions")
    picked = tracked.select(*_KEY, "year", *[pl.col(a).alias(b) for a, b in _FROM_TRACK.items()])
    return part.with_columns(pl.col("year").cast(pl.Int64)).join(picked, on=[*_KEY, "year"], how="left"), findings


def percentage_progress(
    ledger: pl.DataFrame,
    targets: pl.DataFrame,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[pl.DataFrame, list[Finding]]:
    r"""Each ledger year against a percentage target of total emissions (module docstring), tracked by the one
    progress machinery, :func:`ecer.core.targets.tracking.track` (direction ``decrease``, issue 8 §6).

    .. math:: D_t = 1 - E_t/E_0, \quad R_t = 1 - (1-T)^{\min(t, n)/n}, \quad p = D_t / R_t, \quad
              \Delta E = E_t / E_{t-1} - 1 \;\to\; \text{grade}(\Delta E, R_1)

    ledger : :func:`ecer.core.pollutants.ledger.account` output (region_code, pollutant, year, base_year,
    base_emissions, emissions_prev, emissions [t]); targets : pollutant, target_reduction T [1], base_year,
    target_year, and optionally region_code (without it a target applies to every region;
    :func:`~ecer.core.pollutants.targets.national_targets`). n = target_year − base_year (the plan's length, 5 for a
    five-year plan); E_0 is the ledger's base_emissions and E_{t−1} the ledger's previous year (a missing year is a
    ``W_TARGET_YEAR_GAP`` and leaves that year's change and grade empty). Series without a target (or whose base
    year differs from the target's) are not compared and are named in an ``I_POLLUTANT_NO_TARGET`` finding; a target
    without T or with a target year not after its base year is refused (``E_POLLUTANT_VALUE_INVALID``). Returns
    ``PERCENT_COLUMNS``: reductions and requirements [1], on_pace (D_t + ε ≥ R_t), target_met (D_t + ε ≥ T, at the
    target year only), grade 1–3 and colour (ε = ``thresholds.tolerance`` [1]).

    Reference: 国发〔2021〕33号 二; ``ecer.core.targets.tracking`` (even pace: 1310号 第(十三)条, [C]);
    ``ecer.core.targets.barometer`` (629号 grades).

    >>> led = pl.DataFrame({"region_code": ["A"] * 2, "pollutant": ["COD"] * 2, "year": [2021, 2022],
    ...                     "base_year": [2020] * 2, "base_emissions": [1000.0] * 2,
    ...                     "emissions_prev": [1000.0, 990.0], "emissions": [990.0, 960.0]})
    >>> tg = pl.DataFrame({"pollutant": ["COD"], "target_reduction": [0.08], "base_year": [2020],
    ...                    "target_year": [2025]})
    >>> percentage_progress(led, tg)[0].select("year", "grade", "color").rows()  # −1.0 % < 1.654 %; −3.03 % ≥ it
    [(2021, 2, 'yellow'), (2022, 3, 'green')]
    """
    _need(
        ledger,
        ["region_code", "pollutant", "year", "base_year", "base_emissions", "emissions_prev", "emissions"],
        "排放台账 / emission ledger",
    )
    _need(targets, ["pollutant", "target_reduction", "base_year", "target_year"], "减排目标 / targets")
    on = ["pollutant", "base_year", *(["region_code"] if "region_code" in targets.columns else [])]
    tg = targets.with_row_index("_row", offset=1).filter(pl.col("target_reduction").is_not_null())
    bad = _bad_targets(tg.filter(pl.col("base_year").is_not_null()))
    if bad:
        raise FindingsError(bad)
    tg = tg.select(*on, "target_reduction", "target_year")
    df = ledger.join(tg, on=on, how="inner")
    findings = _untargeted(ledger, tg, on, "百分比目标 / percentage target")
    parts: list[pl.DataFrame] = []
    groups = df.group_by(["target_reduction", "base_year", "target_year"], maintain_order=True)
    for (size, base_year, target_year), part in groups:
        target = Target(
            size=float(size),
            base_year=int(base_year),
            target_year=int(target_year),
            label=PERCENT_LABEL,
            thresholds=thresholds,
        )
        tracked, found = _track_part(part, target)
        parts.append(tracked)
        findings += found
    if not parts:  # nothing to compare: the same columns, typed, without rows (the target is never used)
        parts.append(_track_part(df.head(0), Target(size=0.0, base_year=2020, target_year=2025))[0])
    out = pl.concat(parts, how="diagonal_relaxed")
    return out.select(PERCENT_COLUMNS).sort("region_code", "pollutant", "year"), findings


def quantity_progress(
    ledger: pl.DataFrame,
    assigned: pl.DataFrame,
    *,
    reduction_column: str = "reduction_total",
    plan_years: int = 5,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[pl.DataFrame, list[Finding]]:
    r"""Each ledger year against the key-project reduction quantity Q assigned to the region (module docstring).

    .. math:: A_t = \sum_{s \le t} r_s, \quad p = \frac{A_t}{Q \, t / n}, \quad
              \text{grade}(-r_t / Q,\; 1/n)

    ledger : region_code, pollutant, year, base_year and the year's reductions r_t [t] in ``reduction_column``
    (``reduction_total`` of the ledger, or a column of key-project reductions only); assigned : region_code,
    pollutant, assigned Q [t] (> 0), base_year, target_year (:func:`~ecer.core.pollutants.targets.
    key_project_assignments`). The ledger must have every year from the base year on (``account`` does); series
    without an assignment are named in an ``I_POLLUTANT_NO_TARGET`` finding. Returns
    ``QUANTITY_COLUMNS``: achieved and required to date and remaining [t], achieved_share A_t/Q [1], progress_ratio,
    on_pace (A_t/Q + ε ≥ t/n), target_met (A_t/Q + ε ≥ 1, at the target year), grade 1–3 and colour. The
    tolerance ε (``thresholds.tolerance``) is **relative**, a fraction of Q [1], as for a percentage target: with
    ε = 10⁻⁵ and Q = 68 600 t, 0.686 t short of the pace is still on pace (ε is never read as tonnes).

    Reference: 国发〔2021〕33号 四(二); linear pace [C]; grades of ``ecer.core.targets.barometer`` (629号).

    >>> led = pl.DataFrame({"region_code": ["A"] * 2, "pollutant": ["COD"] * 2, "year": [2021, 2022],
    ...                     "base_year": [2020] * 2, "reduction_total": [300.0, 100.0]})
    >>> q = pl.DataFrame({"region_code": ["A"], "pollutant": ["COD"], "assigned": [1000.0], "base_year": [2020],
    ...                   "target_year": [2025]})
    >>> quantity_progress(led, q)[0].select("year", "achieved_cumulative", "progress_ratio", "grade").rows()
    [(2021, 300.0, 1.5, 3), (2022, 400.0, 1.0, 2)]
    """
    _need(
        ledger,
        ["region_code", "pollutant", "year", "base_year", reduction_column],
        "排放台账 / emission ledger",
    )
    _need(
        assigned,
        ["region_code", "pollutant", "assigned", "base_year", "target_year"],
        "重点工程减排量 / key-project reductions",
    )
    bad = assigned.filter(~(pl.col("assigned") > 0) | pl.col("assigned").is_null() | pl.col("assigned").cast(pl.Float64).is_nan())
    if bad.height:
        raise FindingsError(
            [
                make(
                    "E_POLLUTANT_VALUE_INVALID",
                    location=Location(column="assigned"),
                    what="重点工程减排量 / key-project reductions",
                    record=f"{r['region_code']} {r['pollutant']}",
                    column="assigned",
                    value=r["assigned"],
                    detail="须大于 0 / must be > 0",
                )
                for r in bad.iter_rows(named=True)
            ]
        )
    key = ["region_code", "pollutant", "base_year"]
    findings = _untargeted(ledger, assigned, key, "重点工程减排量 / key-project reduction")
    df = (
        ledger.select(*key, "year", pl.col(reduction_column).alias("reduction_year"))
        .join(assigned.select(*key, "assigned", "target_year"), on=key, how="inner")
        .sort("region_code", "pollutant", "year")
    )
    Q, n = pl.col("assigned"), float(plan_years)
    t = (pl.col("year") - pl.col("base_year")).cast(pl.Float64)
    in_plan = (pl.col("year") > pl.col("base_year")) & (pl.col("year") <= pl.col("target_year"))
    df = (
        df.with_columns(
            years_elapsed=(pl.col("year") - pl.col("base_year")).cast(pl.Int64),
            achieved_cumulative=pl.when(in_plan).then(pl.col("reduction_year").cum_sum().over(key)),
            required_cumulative=Q * pl.min_horizontal(t, pl.lit(n)) / n,
        )
        .with_columns(
            remaining=Q - pl.col("achieved_cumulative"),
            achieved_share=pl.col("achieved_cumulative") / Q,
        )
        .with_columns(
            progress_ratio=pg.progress_ratio(pl.col("achieved_cumulative"), pl.col("required_cumulative")),
            # the tolerance ε is a fraction of Q [1] (like every tolerance of Thresholds), never tonnes: the
            # shares of Q are compared, A_t/Q + ε ≥ min(t, n)/n and A_t/Q + ε ≥ 1
            on_pace=pg.target_met(
                pl.col("achieved_share"), pl.min_horizontal(t, pl.lit(n)) / n, thresholds.tolerance
            ),
            target_met=pl.when(pl.col("year") == pl.col("target_year")).then(
                pg.target_met(pl.col("achieved_share"), pl.lit(1.0), thresholds.tolerance)
            ),
            grade=pl.when(in_plan).then(
                intensity_grade(-pl.col("reduction_year") / Q, pl.lit(1.0 / n), thresholds=thresholds)
            ),
        )
        .with_columns(color=color_of(pl.col("grade")))
    )
    return df.select(QUANTITY_COLUMNS).sort("region_code", "pollutant", "year"), findings
