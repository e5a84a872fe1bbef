r"""Dual-control assessment of regions and periods (vectorised; pure). Every number comes from one formula function
(:mod:`.formulas`, :mod:`ecer.core.targets`), the same the doctests show.

For each region-period p (tce, 10⁸ CNY, fractions):

* the **rule edition** in force on the period's last day (:mod:`.editions`) and the **plan** its year belongs to
  (``ecer.models.PLANS``: 2021–2025 the 14th, 2016–2020 the 13th — so 2020, the 14th's base year, is graded only
  against the 13th plan's targets when they are loaded, else shown as the base year);
* exclusions of that edition (:mod:`.exclusions`), applied alike to p, to the same period a year earlier (p−1) and
  to the same period of the plan's base year (p₀); electricity on the basis the data carry it, with the year's factor;
* intensity :math:`I = E^{int}/(G^{int}\cdot 10^4)`; change :math:`\Delta I = I_p/I_{p-1} - 1`; cumulative
  reduction :math:`D = 1 - I_p/I_{p_0}`; requirements: the year's filed annual target, else the even pace
  :math:`1-(1-T)^{1/5}`; cumulative :math:`1-(1-T)^{t/5}`;
* allowed growth of the total: from the increment cap, else from planned GDP growth (33号 四(一)), raised when actual
  GDP growth beats the plan ("经济增速超过预期目标的地区可相应调整能源消费总量目标");
* the **barometer** (预警): grades against the period's requirement only (:mod:`ecer.core.targets.barometer`);
* the **assessment** (考核) of years: annual (1310号 第(十三)条: five-year progress counts) or five-year (the plan's
  target year; 第(九)条: the incentive target exempts the total) — :mod:`ecer.core.targets.assessment`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from ecer.core.dual_control import formulas as fm
from ecer.core.dual_control.editions import edition_for_period
from ecer.core.dual_control.exclusions import (
    FACTOR_COLUMNS,
    apply_edition,
    assign_electricity_factors,
    with_period_columns,
)
from ecer.core.dual_control.periods_agg import derive_periods_with_findings, with_defaults
from ecer.core.dual_control.plausibility import implausible_values, in_focus
from ecer.core.targets import assessment as am
from ecer.core.targets import progress as pg
from ecer.core.targets.barometer import DEFAULT_THRESHOLDS, Thresholds, color_of, intensity_grade, total_grade
from ecer.core.targets.inheritance import resolve_targets
from ecer.findings import Finding, make
from ecer.models.rules import RuleEdition
from ecer.models.targets import PLANS, plan_of_year
from ecer.periods import Period

IDENTITY = ["region_code", "name_zh", "name_en", "level", "parent_code", "period", "period_kind", "year", "plan",
            "plan_status", "rule_edition"]
MEASURES = ["total_energy", "feedstock_energy", "feedstock_deduction", "renewable_electricity", "electricity_basis",
            "electricity_factor", "electricity_factor_rate", "electricity_factor_source", "renewable_electricity_tce",
            "renewable_increment", "renewable_deduction_total", "renewable_deduction_cumulative",
            "nonfossil_deduction", "separately_listed_energy", "separately_listed_deduction", "energy_for_intensity",
            "energy_for_total", "energy_for_total_prev", "gdp", "price_base_year", "intensity", "intensity_prev",
            "intensity_base"]
CHANGES = ["intensity_change_yoy", "energy_growth_yoy", "gdp_growth_yoy", "intensity_reduction_cumulative",
           "energy_growth_cumulative", "gdp_growth_cumulative"]
TARGETS = ["five_year_target", "incentive_target", "gdp_growth_plan", "total_increment_cap", "target_source",
           "target_status", "target_note", "required_reduction_annual", "annual_target_source",
           "required_reduction_cumulative", "incentive_required_cumulative", "progress_ratio",
           "allowed_energy_growth_plan", "allowed_energy_growth", "allowed_growth_basis",
           "allowed_energy_growth_cumulative", "energy_allowed"]
BAROMETER = ["intensity_grade", "intensity_color", "total_grade", "total_color"]
ASSESSMENT = ["assessment_scope", "intensity_annual_met", "intensity_progress_met", "intensity_assessment",
              "incentive_reached", "total_exempt", "total_annual_met", "total_progress_met", "total_assessment"]
ASSESSMENT_COLUMNS = [*IDENTITY, *MEASURES, *CHANGES, *TARGETS, *BAROMETER, *ASSESSMENT, "data_origin"]

# Unit of every numeric column ("1" = a fraction: −0.031 is a 3.1 % fall; ecer.units labels).
_TCE = ["total_energy", "feedstock_energy", "feedstock_deduction", "renewable_electricity_tce",
        "renewable_deduction_total", "renewable_deduction_cumulative", "nonfossil_deduction",
        "separately_listed_energy", "separately_listed_deduction", "energy_for_intensity", "energy_for_total",
        "energy_for_total_prev", "total_increment_cap", "energy_allowed"]
_FRACTIONS = [*CHANGES, "five_year_target", "incentive_target", "gdp_growth_plan", "required_reduction_annual",
              "required_reduction_cumulative", "incentive_required_cumulative", "progress_ratio",
              "allowed_energy_growth_plan", "allowed_energy_growth", "allowed_energy_growth_cumulative"]
ASSESSMENT_UNITS: dict[str, str] = {
    **{c: "tce" for c in _TCE},
    **{c: "1" for c in _FRACTIONS},
    "renewable_electricity": "MWh", "renewable_increment": "MWh", "electricity_factor": "tce/MWh",
    "gdp": "yi_CNY", "intensity": "tce/wan_CNY", "intensity_prev": "tce/wan_CNY", "intensity_base": "tce/wan_CNY",
}
_CAP = 50
# The working columns the findings read beside ASSESSMENT_COLUMNS (kept with every batch's result until then).
_FINDING_COLUMNS = ["_pb_differs", "_eb_prev", "_eb_base", "_growth_other", "_grade_other", "_reading"]
# The rows the row findings (_price_base_findings, _basis_findings, _missing_findings, _reading_findings) may name,
# and the columns they read: each batch keeps only those (a few rows) instead of carrying the private columns of
# every row to the end (6 columns × 3.7 M rows at 30,000 counties × 60 months). A superset of each function's own
# filter, which it applies again.
_FINDABLE = pl.any_horizontal(
    pl.col("_pb_differs").fill_null(False),
    (pl.col("_eb_prev") != pl.col("electricity_basis")).fill_null(False),
    (pl.col("_eb_base") != pl.col("electricity_basis")).fill_null(False),
    ((pl.col("plan_status") == "in_plan") & (pl.col("intensity_change_yoy").is_null()
                                             | pl.col("intensity_reduction_cumulative").is_null()
                                             | pl.col("allowed_energy_growth").is_null())).fill_null(False),
    ((pl.col("plan_status") == "no_target") & pl.col("plan").is_not_null()).fill_null(False),
    (pl.col("_grade_other") != pl.col("total_grade")).fill_null(False),
)
_FINDABLE_COLUMNS = ["region_code", "period", "plan", "plan_status", "price_base_year", "electricity_basis",
                     "intensity_change_yoy", "intensity_reduction_cumulative", "allowed_energy_growth",
                     "energy_growth_yoy", "total_grade", *_FINDING_COLUMNS]


@dataclass(frozen=True)
class AssessmentInputs:
    """Tables the assessment reads, in the canonical columns (ecer.models).

    electricity_factors : rows in ``exclusions.FACTOR_COLUMNS`` — the calorific value and the coal-equivalent
    factors by year (national, and a region's own); target_notes : ``region_code, plan, target_note`` shown
    beside a region's target (e.g. "no published target").
    """

    energy: pl.DataFrame
    targets: pl.DataFrame | None = None
    annual_targets: pl.DataFrame | None = None
    regions: pl.DataFrame | None = None
    electricity_factors: pl.DataFrame | None = None
    target_notes: pl.DataFrame | None = None
    extra: dict[str, object] = field(default_factory=dict)


def _regions_frame(inputs: AssessmentInputs, codes: pl.DataFrame) -> pl.DataFrame:
    if inputs.regions is not None and not inputs.regions.is_empty():
        reg = inputs.regions.select("region_code", "name_zh", "name_en", "level",
                                    pl.col("parent_code").cast(pl.String)).unique("region_code", keep="first")
        return codes.join(reg, on="region_code", how="left")
    return codes.with_columns(
        name_zh=pl.col("region_code"), name_en=pl.col("region_code"),
        level=pl.lit(None, pl.String), parent_code=pl.lit(None, pl.String),
    )


def _factors(inputs: AssessmentInputs) -> pl.DataFrame:
    if inputs.electricity_factors is not None:
        return inputs.electricity_factors.select(FACTOR_COLUMNS)
    return pl.DataFrame(schema={"region_code": pl.String, "year": pl.Int64, "basis": pl.String,
                                "factor": pl.Float64, "rate": pl.String, "source": pl.String})


def assess(
    inputs: AssessmentInputs,
    chosen: RuleEdition,
    editions: Sequence[RuleEdition],
    *,
    periods: Sequence[str] | None = None,
    region_codes: Sequence[str] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Assess dual control for regions and periods. Returns (table in ASSESSMENT_COLUMNS, findings).

    inputs : energy rows (monthly rows also build Q/H/Y/YTD periods), targets (by plan), annual targets, regions,
    electricity factors; chosen : the rule edition asked for; editions : all known editions (for the rules in force
    per period); periods : the periods to assess (default: every period of the chosen edition's plan years after its
    base year); region_codes : restrict to these regions.
    """
    energy = with_defaults(inputs.energy)
    # The months summed once, into the period kinds the answer needs: those asked for and the year (a base year's
    # total for an increment cap); every kind when no periods are given.
    kinds: tuple[str, ...] = ("Q", "H", "Y", "YTD")
    if periods:
        asked_kinds = {Period.parse(p).kind for p in periods}
        kinds = tuple(k for k in kinds if k == "Y" or k in asked_kinds)
    factors = _factors(inputs)
    codes = energy.select("region_code").unique()
    regions = _regions_frame(inputs, codes)
    # The whole region tree carries targets down (a county's chain passes through cities without data).
    tree = regions.select("region_code", "parent_code")
    if inputs.regions is not None and not inputs.regions.is_empty():
        tree = pl.concat([tree, inputs.regions.select("region_code", pl.col("parent_code").cast(pl.String))
                         .join(regions, on="region_code", how="anti")]).unique("region_code", keep="first")
    tgt = resolve_targets(tree, inputs.targets)
    if inputs.target_notes is not None and not inputs.target_notes.is_empty():
        tgt = tgt.join(inputs.target_notes.select("region_code", "plan", "target_note"), on=["region_code", "plan"],
                       how="left")
    else:
        tgt = tgt.with_columns(target_note=pl.lit(None, pl.String))
    asked = [str(Period.parse(p)) for p in periods] if periods else None
    lo, hi = chosen.plan_base_year, chosen.plan_target_year
    edition_of: dict[str, RuleEdition] = {}
    # the regions' names, level and parent as the answer shows them (categorical: joined to every row)
    shown = regions.with_columns(pl.col(pl.String).exclude("region_code").cast(pl.Categorical))
    # Every region's periods, measures and assessment depend on its own rows only (targets come from the tree
    # above, the plausibility check below reads the whole input), so a big input is assessed in batches of regions,
    # in region order: a batch's working frames are freed before the next, only its result rows are kept.
    groups: list[list[str] | None] = [*_region_batches(energy)] if energy.height > _WHOLE_ROWS else [None]  # None: all
    # The plausibility check reads the whole input (a region beside its parent, a period beside the one before):
    # it runs before the batches, while no result is held, and is narrowed to the assessed rows at the end.
    implausible = implausible_values(energy, inputs.regions, strict=False)
    given_periods = set(energy.get_column("period").unique().to_list()) if implausible else set()
    period_findings: list[list[Finding]] = []
    outs: list[pl.DataFrame] = []
    findable: list[pl.DataFrame] = []  # per batch: the rows a finding below may name (_FINDABLE)
    runs: list[list[tuple[str, int, int]]] = []  # per batch: (period, first row, rows) of its sorted result
    missing: list[pl.DataFrame] = []
    have: set[str] = set()
    offered: set[str] = set()
    for group in groups:
        data, found = _prepared(energy.filter(pl.col("region_code").is_in(group)) if group is not None else energy,
                                kinds, factors)
        period_findings.append(found)
        labels = data.select("period", "year").unique()
        here = set(labels.get_column("period").to_list())
        have |= here
        if asked is None:
            offered |= {p for p, y in labels.iter_rows() if lo < y <= hi}
        by_edition: dict[str, tuple[RuleEdition, list[str]]] = {}
        for p in sorted(here.intersection(asked if asked is not None else offered),
                        key=lambda s: Period.parse(s).sort_key()):
            e = edition_of.get(p) or edition_of.setdefault(p, edition_for_period(Period.parse(p), chosen, editions))
            by_edition.setdefault(e.edition + repr(e.recompute_earlier_years), (e, []))[1].append(p)
        if by_edition:
            parts = [_assess_edition(apply_edition(data, edition), plist, edition, tgt, inputs.annual_targets,
                                     thresholds) for edition, plist in by_edition.values()]
            # Only the answer's columns and those its findings read are kept (not the inputs carried through).
            part = pl.concat(parts, how="vertical_relaxed").join(shown, on="region_code", how="left").select(
                *ASSESSMENT_COLUMNS, *_FINDING_COLUMNS)
            if region_codes:
                part = part.filter(pl.col("region_code").is_in(list(region_codes)))
            # The batch's rows in the answer's order (period, then region code): the batches are consecutive runs
            # of region codes, so the whole answer is each period's run of every batch in turn (no gather of the
            # whole table at the end).
            order = {p: i for i, (_, plist) in enumerate(by_edition.values()) for p in plist}
            order = {p: i for i, p in enumerate(sorted(order, key=lambda s: Period.parse(s).sort_key()))}
            # Text that repeats (labels, sources, outcomes) is made categorical before the sort, which then moves
            # 4 bytes a row instead of a string (the keys of the sort stay text until after it).
            part = part.with_columns(pl.col(pl.String).exclude("region_code", "period", *_FINDING_COLUMNS).cast(
                pl.Categorical), _o=pl.col("period").replace_strict(order, return_dtype=pl.Int32)).sort(
                "_o", "region_code", maintain_order=True)
            labels_of = {i: p for p, i in order.items()}
            rle = part.get_column("_o").rle()
            starts = (rle.struct.field("len").cum_sum() - rle.struct.field("len")).to_list()
            runs.append([(labels_of[o], a, n) for o, a, n in zip(rle.struct.field("value").to_list(), starts,
                                                                  rle.struct.field("len").to_list(), strict=True)])
            # Text that repeats (codes, labels, sources, outcomes) is kept as categorical: 4 bytes a row instead of
            # a string each (``to_dicts``, ``to_list`` and comparisons with text see plain strings).
            findable.append(part.filter(_FINDABLE).select(_FINDABLE_COLUMNS))
            outs.append(part.select(ASSESSMENT_COLUMNS).with_columns(pl.col(pl.String).cast(pl.Categorical)))
            del parts, part
        missing.append(_factor_missing(data))
        del data, labels
    findings = _merged_period_findings(period_findings)
    wanted = sorted(set(asked if asked is not None else offered), key=lambda s: Period.parse(s).sort_key())
    for p in [p for p in wanted if p not in have]:
        findings.append(make("E_NO_DATA", detail=f"{p} 没有数据 / {p} has no data", period=p))
    wanted = [p for p in wanted if p in have]
    if not wanted:
        if not any(f.code == "E_NO_DATA" for f in findings):
            findings.append(make("E_NO_DATA", detail=f"没有 {chosen.plan_base_year} 年以后的期间 / no periods after "
                                                     f"{chosen.plan_base_year} in the data"))
        return pl.DataFrame(schema={c: pl.String for c in ASSESSMENT_COLUMNS}), findings
    out = pl.concat(outs, how="vertical_relaxed", rechunk=False) if len(outs) > 1 else outs[0]
    named = pl.concat(findable, how="vertical_relaxed")
    del findable
    findings += _factor_findings(pl.concat(missing), out) + _price_base_findings(named) + _basis_findings(named)
    findings += _missing_findings(named) + _plan_findings(out, wanted) + _reading_findings(named)
    if implausible:
        focus = out.select("region_code", "period").filter(pl.col("period").is_in(list(given_periods)))
        findings += in_focus(implausible, focus)
        del focus
    del out
    return _in_order(outs, runs), findings


def _in_order(outs: list[pl.DataFrame], runs: list[list[tuple[str, int, int]]]) -> pl.DataFrame:
    """The batches' results (each sorted by period, then region code; ``runs``: each period's rows in it) as one
    table in ASSESSMENT_COLUMNS ordered by period (``Period.sort_key``), then region code: every period's run of
    each batch in turn (batches are consecutive region codes).

    Nothing is copied: the table is a concatenation of slices of the batches' columns (one chunk per period and
    batch). Making each column contiguous would allocate it anew while the batches' pieces are freed, which the
    allocator does not give back at once: at 30,000 counties × 60 months that took the peak from 2.2 to 2.8 GB and
    3.8 s, where the slices take 1 s (benchmarks/README.md, 2026-12-03)."""
    if len(outs) == 1:
        return outs.pop().select(ASSESSMENT_COLUMNS)
    rank = {p: i for i, p in enumerate(sorted({p for r in runs for p, _, _ in r}, key=lambda s: Period.parse(s).sort_key()))}
    pieces = sorted((rank[p], b, a, n) for b, r in enumerate(runs) for p, a, n in r)
    # One select per batch, then slices of it: a select per slice parsed the 71 column names anew for each of the
    # ≈ 4,500 pieces at 30,000 × 60 (3.4 s of a profile; benchmarks/README.md, 2026-12-04 "the assessment's pieces")
    whole = [o.select(ASSESSMENT_COLUMNS) for o in outs]
    out = pl.concat([whole[b].slice(a, n) for _, b, a, n in pieces], rechunk=False)
    whole.clear()
    outs.clear()
    return out


# An input of up to _WHOLE_ROWS energy rows is assessed whole (3,000 counties × 60 months: one batch is faster than
# four, 1.76 against 1.91 s on the idle machine); a bigger one in batches of about _BATCH_ROWS energy rows (≈ 830
# counties × 60 months), which hold fewer working columns at once: at 30,000 × 60 the peak RSS is 2.6 GB instead
# of 2.75-2.8 GB for the same CPU as batches of 300,000 (benchmarks/README.md, 2026-12-02 third).
_WHOLE_ROWS = 300_000
_BATCH_ROWS = 50_000


def _region_batches(energy: pl.DataFrame) -> list[list[str]]:
    """The region codes of ``energy`` in order: one batch up to ``_WHOLE_ROWS`` energy rows, else batches of about
    ``_BATCH_ROWS`` energy rows (a region is never split)."""
    counts = energy.group_by("region_code").len().sort("region_code")
    if energy.height <= _WHOLE_ROWS:
        return [counts.get_column("region_code").to_list()]
    batch = (counts.get_column("len").cum_sum() - counts.get_column("len")) // _BATCH_ROWS
    return [g.get_column("region_code").to_list() for g in counts.with_columns(_b=batch).partition_by(
        "_b", maintain_order=True)]


def _prepared(energy: pl.DataFrame, kinds: tuple[str, ...], factors: pl.DataFrame
              ) -> tuple[pl.DataFrame, list[Finding]]:
    """One batch's rows with the derived periods, the period columns, the plan and the electricity factors, and
    the findings about its periods (:func:`derive_periods_with_findings`)."""
    data, findings = derive_periods_with_findings(energy, kinds)
    years = data.get_column("year").unique().to_list() if "year" in data.columns else sorted(
        {Period.parse(p).year for p in data.get_column("period").unique().to_list()})
    base_years = {y: PLANS[plan][0] for y in years if (plan := plan_of_year(y)) is not None}
    data = with_period_columns(data, base_years).with_columns(
        plan=pl.col("year").replace_strict({y: plan_of_year(y) for y in years}, default=None, return_dtype=pl.String))
    return assign_electricity_factors(data, factors), findings


def _merged_period_findings(per_batch: list[list[Finding]]) -> list[Finding]:
    """The period findings of batches of regions (in region order) as :func:`derive_periods_with_findings` gives
    them for the whole input: each code's first ``_CAP`` (they are sorted by region first), then the truncation
    notice with the total over every batch."""
    if len(per_batch) == 1:
        return per_batch[0]
    out: list[Finding] = []
    for code in ("W_PERIOD_NOT_BUILT", "W_PERIOD_SUM_DIFFERS"):
        out += [f for fs in per_batch for f in fs if f.code == code][:_CAP]
    total = 0
    for fs in per_batch:
        cut = [f for f in fs if f.code == "W_FINDINGS_TRUNCATED"]
        total += int(cut[0].evidence["total"]) if cut else sum(f.code == "W_PERIOD_SUM_DIFFERS" for f in fs)
    if total > _CAP:
        out.append(make("W_FINDINGS_TRUNCATED", finding_code="W_PERIOD_SUM_DIFFERS", total=total, shown=_CAP))
    return out


def _times_factor(mwh: pl.Expr, factor: pl.Expr) -> pl.Expr:
    return pl.when(mwh == 0).then(pl.lit(0.0)).otherwise(fm.electricity_tce(mwh, factor))


def _assess_edition(m: pl.DataFrame, plist: list[str], edition: RuleEdition, tgt: pl.DataFrame,
                    annual: pl.DataFrame | None, th: Thresholds) -> pl.DataFrame:
    keep = {"energy_for_intensity": "_ei", "gdp_for_intensity": "_g", "price_base_year": "_pb",
            "renewable_electricity": "_r", "electricity_factor": "_k", "electricity_basis": "_eb"}
    # One lazy plan, collected at the end on polars' in-memory engine: no frame between each two steps, and the
    # columns no step reads are not carried through the joins (3,000 × 60: 0.34 s against 0.39 s eager and 0.50 s
    # on the streaming engine)
    prev = m.select("region_code", pl.col("period").alias("prev_period"),
                    *[pl.col(c).alias(f"{a}_prev") for c, a in keep.items()])
    base = m.select("region_code", pl.col("period").alias("base_period"),
                    *[pl.col(c).alias(f"{a}_base") for c, a in keep.items()])
    base_year = m.filter(pl.col("period_kind") == "Y").select(
        "region_code", pl.col("year").alias("_base_y"), pl.col("energy_for_intensity").alias("_ei_base_year"))
    cur = (
        m.lazy().filter(pl.col("period").is_in(plist))
        .join(prev.lazy(), on=["region_code", "prev_period"], how="left")
        .join(base.lazy(), on=["region_code", "base_period"], how="left")
        .with_columns(_base_y=pl.col("base_period").str.slice(0, 4).cast(pl.Int64))
        .join(base_year.lazy(), on=["region_code", "_base_y"], how="left")
        .join(tgt.lazy(), on=["region_code", "plan"], how="left")
    )
    if annual is not None and not annual.is_empty():
        ann = annual.select("region_code", pl.col("year").cast(pl.Int64), pl.col("intensity_reduction").alias("_annual"),
                            pl.col("source").alias("_annual_source") if "source" in annual.columns
                            else pl.lit(None, pl.String).alias("_annual_source")).unique(["region_code", "year"], keep="last")
        cur = cur.join(ann.lazy(), on=["region_code", "year"], how="left")
    else:
        cur = cur.with_columns(_annual=pl.lit(None, pl.Float64), _annual_source=pl.lit(None, pl.String))
    # GDP of two periods compares only on one price base: otherwise the comparison GDP is unknown (null), never
    # silently mixed (a W_PRICE_BASE_DIFFERS finding names the rows).
    cur = cur.with_columns(
        _g_prev=pl.when(pl.col("_pb_prev") == pl.col("price_base_year")).then(pl.col("_g_prev")),
        _g_base=pl.when(pl.col("_pb_base") == pl.col("price_base_year")).then(pl.col("_g_base")),
        _pb_differs=(pl.col("_pb_prev").is_not_null() & (pl.col("_pb_prev") != pl.col("price_base_year")))
        | (pl.col("_pb_base").is_not_null() & (pl.col("_pb_base") != pl.col("price_base_year"))),
        _plan_base=pl.col("plan").replace_strict({k: v[0] for k, v in PLANS.items()}, default=None,
                                                 return_dtype=pl.Int64),
        _plan_target=pl.col("plan").replace_strict({k: v[1] for k, v in PLANS.items()}, default=None,
                                                   return_dtype=pl.Int64),
    )
    n = (pl.col("_plan_target") - pl.col("_plan_base")).cast(pl.Float64)
    t = (pl.col("year") - pl.col("_plan_base")).cast(pl.Float64)
    T, Ti = pl.col("intensity_reduction_basic"), pl.col("intensity_reduction_incentive")
    has_target = T.is_not_null()
    is_base_year = pl.col("year").is_in([b for b, _ in PLANS.values()])
    cur = cur.with_columns(
        plan_status=pl.when(has_target).then(pl.lit("in_plan")).when(is_base_year).then(pl.lit("base_year"))
        .otherwise(pl.lit("no_target")),
        gdp=pl.col("gdp_for_intensity"),
        intensity=fm.energy_intensity(pl.col("energy_for_intensity"), pl.col("gdp_for_intensity")),
        intensity_prev=fm.energy_intensity(pl.col("_ei_prev"), pl.col("_g_prev")),
        intensity_base=fm.energy_intensity(pl.col("_ei_base"), pl.col("_g_base")),
    )
    # New renewable electricity: both readings of 1258号, the edition's choice applied, the other kept for a finding.
    increments = edition.renewable_electricity == "increment_total_only"
    zero = pl.lit(0.0)
    r, r_prev, r_base = pl.col("renewable_electricity"), pl.col("_r_prev"), pl.col("_r_base")
    d_prev = fm.renewable_increment(r, r_prev) if increments else zero
    d_base = fm.renewable_increment(r, r_base) if increments else zero
    d_base_prev = fm.renewable_increment(r_prev, r_base) if increments else zero
    k, k_prev = pl.col("electricity_factor"), pl.col("_k_prev")
    cur = cur.with_columns(
        _tot_p=fm.energy_for_total(pl.col("energy_for_intensity"), _times_factor(d_prev, k)),
        _ref_p=pl.col("_ei_prev"),
        _tot_b=fm.energy_for_total(pl.col("energy_for_intensity"), _times_factor(d_base, k)),
        _ref_b=fm.energy_for_total(pl.col("_ei_prev"), _times_factor(d_base_prev, k_prev)),
        _inc_p=d_prev, _inc_b=d_base,
        _cum_p=pl.col("_chain_tce") if increments else zero,
        _cum_b=_times_factor(d_base, k),
    ).with_columns(
        _growth_p=pg.relative_change(pl.col("_tot_p"), pl.col("_ref_p")),
        _growth_b=pg.relative_change(pl.col("_tot_b"), pl.col("_ref_b")),
    )
    s = "b" if edition.renewable_increment_reading == "base_year" else "p"
    cur = cur.with_columns(
        renewable_increment=pl.col(f"_inc_{s}") if increments else pl.lit(None, pl.Float64),
        renewable_deduction_total=pl.col("energy_for_intensity") - pl.col(f"_tot_{s}"),
        renewable_deduction_cumulative=pl.col(f"_cum_{s}"),
        energy_for_total=pl.col(f"_tot_{s}"),
        energy_for_total_prev=pl.col(f"_ref_{s}"),
        energy_growth_yoy=pl.col(f"_growth_{s}"),
        _growth_other=pl.col("_growth_b" if s == "p" else "_growth_p"),
    )
    cur = cur.with_columns(
        intensity_change_yoy=pg.relative_change(pl.col("intensity"), pl.col("intensity_prev")),
        gdp_growth_yoy=pg.relative_change(pl.col("gdp"), pl.col("_g_prev")),
        intensity_reduction_cumulative=pg.cumulative_reduction(pl.col("intensity"), pl.col("intensity_base")),
        energy_growth_cumulative=pg.relative_change(
            fm.energy_for_total(pl.col("energy_for_intensity"), pl.col("renewable_deduction_cumulative")),
            pl.col("_ei_base")),
        gdp_growth_cumulative=pg.relative_change(pl.col("gdp"), pl.col("_g_base")),
        five_year_target=T,
        incentive_target=Ti,
        required_reduction_annual=pl.when(has_target).then(
            pl.coalesce(pl.col("_annual"), pg.even_pace_requirement(T, pl.lit(1.0), n))),
        annual_target_source=pl.when(pl.col("_annual").is_not_null()).then(
            pl.coalesce(pl.col("_annual_source"), pl.lit("filed annual target")))
        .when(has_target).then(pl.lit("even_pace")),
        required_reduction_cumulative=pg.even_pace_requirement(T, t, n),
        incentive_required_cumulative=pg.even_pace_requirement(Ti, t, n),
    )
    cum, req_cum = pl.col("intensity_reduction_cumulative"), pl.col("required_reduction_cumulative")
    req = pl.col("required_reduction_annual")
    g_plan, g_act = pl.col("gdp_growth_plan"), pl.col("gdp_growth_yoy")
    cap, e0 = pl.col("total_increment_cap"), pl.col("_ei_base_year")
    use_cap = cap.is_not_null() & e0.is_not_null()
    cur = cur.with_columns(
        progress_ratio=pg.progress_ratio(cum, req_cum),
        allowed_energy_growth_plan=pl.when(~has_target).then(None).when(use_cap).then(
            fm.allowed_growth_from_cap(e0, cap, pl.lit(1.0), n)).otherwise(fm.allowed_growth_from_gdp(g_plan, req)),
        allowed_energy_growth_cumulative=pl.when(~has_target).then(None).when(use_cap).then(
            fm.allowed_growth_from_cap(e0, cap, t, n)).otherwise(fm.allowed_growth_from_gdp(g_plan, req_cum, t)),
    ).with_columns(
        allowed_energy_growth=fm.adjusted_allowed_growth(pl.col("allowed_energy_growth_plan"), g_act, g_plan),
        allowed_energy_growth_cumulative=fm.adjusted_allowed_growth(
            pl.col("allowed_energy_growth_cumulative"), pl.col("gdp_growth_cumulative"), (1 + g_plan) ** t - 1),
        _overshoot=fm.gdp_overshoot(g_act, g_plan) > 1,
    ).with_columns(
        allowed_growth_basis=pl.when(pl.col("allowed_energy_growth").is_null()).then(None).otherwise(
            pl.concat_str(pl.when(use_cap).then(pl.lit("increment_cap")).otherwise(pl.lit("gdp_plan")),
                          pl.when(pl.col("_overshoot")).then(pl.lit("+gdp_above_plan")).otherwise(pl.lit("")))),
        energy_allowed=pl.col("energy_for_total_prev") * (1 + pl.col("allowed_energy_growth")),
    )
    # The barometer: the period against its requirement, nothing else.
    graded = pl.col("plan_status") == "in_plan"
    cur = cur.with_columns(
        intensity_grade=pl.when(graded).then(intensity_grade(pl.col("intensity_change_yoy"), req, thresholds=th)),
        total_grade=pl.when(graded).then(total_grade(pl.col("energy_growth_yoy"), pl.col("allowed_energy_growth"),
                                                     thresholds=th)),
        _grade_other=pl.when(graded).then(total_grade(pl.col("_growth_other"), pl.col("allowed_energy_growth"),
                                                      thresholds=th)),
    ).with_columns(intensity_color=color_of(pl.col("intensity_grade")), total_color=color_of(pl.col("total_grade")))
    # The assessment: years only; the plan's target year is the five-year assessment.
    is_year = (pl.col("period_kind") == "Y") & graded
    five = pl.col("year") == pl.col("_plan_target")
    counts = pl.lit(edition.five_year_progress_counts_as_annual)
    cur = cur.with_columns(
        assessment_scope=pl.when(is_year).then(pl.when(five).then(pl.lit("five_year")).otherwise(pl.lit("annual"))),
        intensity_annual_met=pl.when(is_year).then(pg.target_met(-pl.col("intensity_change_yoy"), req, th.tolerance)),
        intensity_progress_met=pl.when(is_year).then(pg.target_met(cum, req_cum, th.tolerance)),
        incentive_reached=pl.when(is_year).then(
            pg.target_met(cum, pl.col("incentive_required_cumulative"), th.tolerance)),
        total_annual_met=pl.when(is_year).then(
            pg.growth_within(pl.col("energy_growth_yoy"), pl.col("allowed_energy_growth"), th.tolerance)),
        total_progress_met=pl.when(is_year).then(
            pg.growth_within(pl.col("energy_growth_cumulative"), pl.col("allowed_energy_growth_cumulative"),
                             th.tolerance)),
    ).with_columns(
        total_exempt=pl.when(is_year).then(am.total_exempt(
            pl.col("incentive_reached"), exemption_ruled=pl.lit(edition.incentive_exempts_total), five_year=five,
            pro_rata=pl.lit(edition.incentive_exemption_pro_rata))),
    ).with_columns(
        intensity_assessment=pl.when(is_year).then(am.intensity_outcome(
            pl.col("intensity_annual_met"), pl.col("intensity_progress_met"), progress_counts=counts, five_year=five)),
        total_assessment=pl.when(is_year).then(am.total_outcome(
            pl.col("total_annual_met"), pl.col("total_progress_met"), exempt=pl.col("total_exempt"),
            progress_counts=counts, five_year=five)),
    )
    cur = cur.with_columns(_reading=pl.lit(edition.renewable_increment_reading))
    keep_private = _FINDING_COLUMNS
    names = cur.collect_schema().names()
    return cur.select([c for c in names if not c.startswith("_") or c in keep_private]
                      ).drop(["prev_period", "base_period", "gdp_for_intensity"], strict=False).collect(engine="in-memory")


def _factor_missing(data: pl.DataFrame) -> pl.DataFrame:
    """``year, region_code`` of the rows whose electricity had to be converted and have no factor."""
    return data.filter((pl.col("renewable_electricity") > 0) & pl.col("electricity_factor").is_null()).select(
        "year", "region_code")


def _factor_findings(need: pl.DataFrame, out: pl.DataFrame) -> list[Finding]:
    """E_ELECTRICITY_FACTOR_MISSING for the years where electricity had to be converted and no factor exists
    (``need``: :func:`_factor_missing`); W_ELECTRICITY_SUPPLY_RATE where a supply-rate proxy was used."""
    years = set(out.get_column("year").unique().to_list())
    years |= {y - 1 for y in years} | {PLANS[p][0] for p in out.get_column("plan").drop_nulls().unique().to_list()}
    need = need.filter(pl.col("year").is_in(list(years)))
    findings = []
    for y, regs in need.group_by("year").agg(pl.col("region_code").unique().sort()).sort("year").iter_rows():
        shown = ", ".join(regs[:10]) + (f" … (+{len(regs) - 10})" if len(regs) > 10 else "")
        findings.append(make("E_ELECTRICITY_FACTOR_MISSING", year=y, regions=shown, count=len(regs)))
    supply = out.select("year", "electricity_factor", "electricity_factor_source", "electricity_factor_rate").filter(
        pl.col("electricity_factor_rate") == "supply").select(
        "year", "electricity_factor", "electricity_factor_source").unique("year").sort("year")
    for y, k, src in supply.iter_rows():
        findings.append(make("W_ELECTRICITY_SUPPLY_RATE", year=y, value=round(k * 1000, 2), source=src))
    return findings


def _price_base_findings(out: pl.DataFrame) -> list[Finding]:
    rows = out.select("region_code", "period", "price_base_year", "_pb_differs").filter(pl.col("_pb_differs")).sort(
        "region_code", "period")
    return [make("W_PRICE_BASE_DIFFERS", region=r, period=p, base=b) for r, p, b, _ in rows.head(_CAP).iter_rows()]


def _basis_findings(out: pl.DataFrame) -> list[Finding]:
    found = []
    for other in ("_eb_prev", "_eb_base"):
        rows = out.select("region_code", "period", "plan", "electricity_basis", other).filter(
            pl.col(other).is_not_null() & (pl.col(other) != pl.col("electricity_basis"))).sort("region_code", "period")
        for r in rows.head(_CAP).iter_rows(named=True):
            p = Period.parse(r["period"])
            op = p.shift_years(-1) if other == "_eb_prev" else Period(PLANS[r["plan"]][0], p.kind, p.index)
            found.append(make("W_ELECTRICITY_BASIS_DIFFERS", region=r["region_code"], period=r["period"],
                              basis=r["electricity_basis"], other_period=str(op), other_basis=r[other]))
    return found


def _missing_findings(out: pl.DataFrame) -> list[Finding]:
    findings = []
    graded = out.select("region_code", "period", "plan", "plan_status", "intensity_change_yoy", "_pb_differs",
                        "intensity_reduction_cumulative", "allowed_energy_growth", "energy_growth_yoy").filter(
        pl.col("plan_status") == "in_plan")
    no_prev = graded.filter(pl.col("intensity_change_yoy").is_null() & ~pl.col("_pb_differs")).select(
        "region_code", "period").sort("region_code", "period")
    for region, period in no_prev.head(_CAP).iter_rows():
        findings.append(make("W_MISSING_COMPARISON", region=region, period=str(Period.parse(period).shift_years(-1)),
                             assessed_period=period, what="同比变化 / year-on-year change"))
    no_base = graded.filter(pl.col("intensity_reduction_cumulative").is_null() & ~pl.col("_pb_differs")
                            & pl.col("intensity_change_yoy").is_not_null()).select("region_code", "period", "plan"
                                                                                    ).sort("region_code", "period")
    for region, period, plan in no_base.head(_CAP).iter_rows():
        p = Period.parse(period)
        findings.append(make("W_MISSING_COMPARISON", region=region, period=str(Period(PLANS[plan][0], p.kind, p.index)),
                             assessed_period=period, what="累计降低率与进度 / cumulative reduction and progress"))
    no_allowed = graded.filter(pl.col("allowed_energy_growth").is_null() & pl.col("energy_growth_yoy").is_not_null()
                               ).get_column("region_code").unique().sort()
    for region in no_allowed.head(_CAP).to_list():
        findings.append(make("W_MISSING_COMPARISON", region=region, period="GDP 增速预期或增量上限 / planned GDP growth "
                             "or increment cap", what="总量预警 / the total's grade"))
    # a year in no plan at all is E_PERIOD_OUTSIDE_PLAN (_plan_findings), not a plan's missing targets
    no_target = out.select("region_code", "plan", "plan_status").filter(
        (pl.col("plan_status") == "no_target") & pl.col("plan").is_not_null()).select(
        "region_code", "plan").unique().sort("region_code", "plan")
    for region, plan in no_target.head(_CAP).iter_rows():
        findings.append(make("W_MISSING_COMPARISON", region=region, period=f"{plan} 目标 / {plan} targets",
                             what="进度与预警等级 / progress and grades"))
    return findings


_PLAN_ZH = {"12th": "“十二五”", "13th": "“十三五”", "14th": "“十四五”", "15th": "“十五五”"}


def _plan_findings(out: pl.DataFrame, wanted: list[str]) -> list[Finding]:
    """I_BASE_YEAR for base-year periods without the previous plan's targets; E_PERIOD_OUTSIDE_PLAN for periods no
    region can be graded in (no plan, or no targets for its plan)."""
    findings = []
    first, last = min(b for b, _ in PLANS.values()) + 1, max(t for _, t in PLANS.values())
    status = out.select("period", "plan_status", "plan").group_by("period").agg(pl.col("plan_status").unique(),
                                                                                pl.col("plan").first())
    by = {p: (set(s), plan) for p, s, plan in status.iter_rows()}
    names = list(PLANS)
    for p in wanted:
        if p not in by:
            continue
        st, plan = by[p]
        if "in_plan" in st:
            continue
        year = Period.parse(p).year
        if "base_year" in st:
            nxt = next((k for k, (b, _) in PLANS.items() if b == year), plan)
            findings.append(make("I_BASE_YEAR", period=p, plan=nxt, plan_zh=_PLAN_ZH.get(nxt, nxt), previous=plan,
                                 previous_zh=_PLAN_ZH.get(plan, plan)))
        else:
            findings.append(make("E_PERIOD_OUTSIDE_PLAN", period=p, first=first, last=last,
                                 detail_zh=(f"{year} 年属于{_PLAN_ZH.get(plan, plan)}规划，但没有该规划的目标" if plan
                                            else f"{year} 年不在已知的五年规划内（{names[0]}–{names[-1]}）"),
                                 detail_en=(f"{year} belongs to the {plan} plan, which has no targets loaded" if plan
                                            else f"{year} is in none of the known plans ({names[0]}–{names[-1]})")))
    return findings


def _reading_findings(out: pl.DataFrame) -> list[Finding]:
    """I_RENEWABLE_READINGS_DIFFER where the two readings of 1258号 grade the total differently."""
    rows = out.select("region_code", "period", "energy_growth_yoy", "total_grade", "_growth_other", "_grade_other",
                      "_reading").filter(pl.col("_grade_other").is_not_null() & pl.col("total_grade").is_not_null()
                                         & (pl.col("_grade_other") != pl.col("total_grade"))).sort("region_code", "period")
    grade = {1: "一级 / grade 1", 2: "二级 / grade 2", 3: "三级 / grade 3"}
    used = {"previous_year": ("较上年新增", "over the previous year"), "base_year": ("较 2020 年累计新增", "over the 2020 base")}
    found = []
    for r in rows.head(_CAP).iter_rows(named=True):
        mine = (r["energy_growth_yoy"], grade[r["total_grade"]])
        other = (r["_growth_other"], grade[r["_grade_other"]])
        prev, base = (mine, other) if r["_reading"] == "previous_year" else (other, mine)
        found.append(make("I_RENEWABLE_READINGS_DIFFER", region=r["region_code"], period=r["period"],
                          growth_previous=f"{prev[0]:+.2%}", grade_previous=prev[1], growth_base=f"{base[0]:+.2%}",
                          grade_base=base[1], used=used[r["_reading"]][1], used_zh=used[r["_reading"]][0]))
    return found


__all__ = ["ASSESSMENT_COLUMNS", "ASSESSMENT_UNITS", "AssessmentInputs", "assess"]
