r"""Dual-control assessment of regions and periods (vectorised; pure).

For each assessed region-period p (tce, 10⁸ CNY, fractions):

* exclusions of the rule edition that governs p (:mod:`.exclusions`), applied alike to p, to the same
  period a year earlier (p−1) and to the same period of the plan's base year (p₀);
* intensity :math:`I = E^{int} / (G^{int}\cdot 10^4)` [tce/10⁴ CNY]; year-on-year change
  :math:`\Delta I = I_p / I_{p-1} - 1`; cumulative reduction :math:`D = 1 - I_p / I_{p_0}`;
* requirements: yearly :math:`R = ` the province's annual target if filed, else
  :math:`1-(1-T)^{1/5}`; cumulative even pace :math:`R_t = 1-(1-T)^{t/5}`, t = year − base year;
* incentive target reached when :math:`D \ge 1-(1-T_{inc})^{t/5}` → total exempt (1310号 第(九)条);
* allowed total growth: from the increment cap :math:`(1+\Delta E_{max}/E_0)^{1/5}-1`, else from planned
  GDP growth :math:`(1+g_G)(1-R)-1` (33号 四(一));
* grades (:mod:`.barometer`), and ``annual_target_met`` = :math:`-\Delta I \ge R`, or on the five-year
  track when the edition counts five-year progress as annual (1310号 第(十三)条).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from ecer.core.dual_control.barometer import DEFAULT_THRESHOLDS, Thresholds
from ecer.core.dual_control.exclusions import apply_edition, with_period_columns
from ecer.core.dual_control.periods_agg import derive_periods
from ecer.findings import Finding, make
from ecer.models.region import NATIONAL_CODE as NATIONAL
from ecer.models.rules import RuleEdition
from ecer.periods import Period

ASSESSMENT_COLUMNS = [
    "region_code", "name_zh", "name_en", "level", "parent_code",
    "period", "period_kind", "year", "rule_edition",
    "total_energy", "feedstock_energy", "renewable_electricity_tce", "renewable_deduction_total",
    "nonfossil_deduction", "separately_listed_energy", "energy_for_total", "energy_for_intensity", "gdp",
    "intensity", "intensity_change_yoy", "energy_growth_yoy", "gdp_growth_yoy",
    "required_reduction_annual", "intensity_reduction_cumulative", "required_reduction_cumulative",
    "progress_ratio", "five_year_target", "incentive_target", "target_source",
    "incentive_reached", "total_exempt", "allowed_energy_growth",
    "intensity_grade", "intensity_color", "total_grade", "total_color", "annual_target_met", "data_origin",
]  # fmt: skip

# Unit of every numeric column ("1" = a fraction: −0.031 is a 3.1 % fall; ecer.units labels).
ASSESSMENT_UNITS = {
    **{c: "tce" for c in ("total_energy", "feedstock_energy", "renewable_electricity_tce", "renewable_deduction_total",
                          "nonfossil_deduction", "separately_listed_energy", "energy_for_total",
                          "energy_for_intensity")},
    "gdp": "yi_CNY",
    "intensity": "tce/wan_CNY",
    **{c: "1" for c in ("intensity_change_yoy", "energy_growth_yoy", "gdp_growth_yoy", "required_reduction_annual",
                        "intensity_reduction_cumulative", "required_reduction_cumulative", "progress_ratio",
                        "five_year_target", "incentive_target", "allowed_energy_growth")},
}

Factors = Mapping[str, Mapping[int, float] | float]


@dataclass(frozen=True)
class AssessmentInputs:
    """Tables the assessment reads, in the canonical columns (ecer.models)."""

    energy: pl.DataFrame
    targets: pl.DataFrame | None = None
    annual_targets: pl.DataFrame | None = None
    regions: pl.DataFrame | None = None
    extra: dict[str, object] = field(default_factory=dict)


def edition_for_year(year: int, chosen: RuleEdition, editions: Sequence[RuleEdition]) -> RuleEdition:
    """The edition that governs periods of ``year`` when ``chosen`` is asked for.

    With ``chosen.recompute_earlier_years`` the chosen edition governs every year. Otherwise each year
    keeps the edition in force then (the newest one not newer than ``chosen`` whose effective year is
    ≤ ``year``; the oldest for years before any edition). The chosen edition's open options carry over.
    """
    if chosen.recompute_earlier_years:
        return chosen
    limit = date.fromisoformat(chosen.effective_from)
    candidates = sorted(
        (e for e in editions if date.fromisoformat(e.effective_from) <= limit),
        key=lambda e: e.effective_from,
    ) or [chosen]
    pick = candidates[0]
    for e in candidates:
        if date.fromisoformat(e.effective_from).year <= year:
            pick = e
    if pick.edition == chosen.edition:
        return chosen
    return pick.model_copy(
        update={
            "separately_listed_remove_value_added": chosen.separately_listed_remove_value_added,
            "electricity_method": chosen.electricity_method,
        }
    )


def _resolve_targets(regions: pl.DataFrame, targets: pl.DataFrame | None) -> pl.DataFrame:
    """One five-year target row per region. A region without its own inherits its parent's (up the chain:
    county → city → province → nation; a province's parent is the nation, 100000), and ``target_source``
    says where each came from: the target row's ``source`` text, or ``parent CODE; <the parent's source>``
    (so a county shows the whole chain up to the target it took). Increment caps are
    absolute and are never inherited."""
    cols = ["intensity_reduction_basic", "intensity_reduction_incentive", "gdp_growth_plan", "total_increment_cap"]
    if targets is None or targets.is_empty():
        return regions.select("region_code").with_columns(
            [pl.lit(None, pl.Float64).alias(c) for c in cols] + [pl.lit(None, pl.String).alias("target_source")]
        )
    src = pl.col("source") if "source" in targets.columns else pl.lit(None, pl.String)
    own = targets.with_columns(target_source=pl.coalesce(pl.when(src.str.len_chars() > 0).then(src), pl.lit("own")))
    own = own.select(["region_code", *cols, "target_source"]).unique("region_code", keep="last")
    parent = pl.when(pl.col("parent_code").is_not_null()).then(pl.col("parent_code")).when(
        pl.col("region_code").str.ends_with("0000") & (pl.col("region_code") != NATIONAL)).then(pl.lit(NATIONAL))
    # Targets of regions that have no data (the nation, a province above the cities loaded) still pass down.
    codes = pl.concat([regions.select("region_code", "parent_code"),
                       own.join(regions.select("region_code"), on="region_code", how="anti").select(
                           "region_code", pl.lit(None, pl.String).alias("parent_code"))])
    out = codes.select("region_code", parent.alias("_parent")).join(own, on="region_code", how="left")
    inheritable = [c for c in cols if c != "total_increment_cap"]
    for _ in range(4):  # county → city → province → nation
        have = out.filter(pl.col("intensity_reduction_basic").is_not_null()).select(
            pl.col("region_code").alias("_parent"), *[pl.col(c).alias(f"_p_{c}") for c in inheritable],
            pl.col("target_source").alias("_p_source"))
        step = out.join(have, on="_parent", how="left")
        take = pl.col("intensity_reduction_basic").is_null() & pl.col("_p_intensity_reduction_basic").is_not_null()
        out = step.with_columns(
            [pl.when(take).then(pl.col(f"_p_{c}")).otherwise(pl.col(c)).alias(c) for c in inheritable]
            + [pl.when(take).then(pl.concat_str(pl.lit("parent "), pl.col("_parent"), pl.lit("; "), pl.col("_p_source")))
               .otherwise(pl.col("target_source")).alias("target_source")]
        ).drop([f"_p_{c}" for c in inheritable] + ["_p_source"])
    return out.select(["region_code", *cols, "target_source"])


def _regions_frame(inputs: AssessmentInputs) -> pl.DataFrame:
    codes = inputs.energy.select("region_code").unique()
    if inputs.regions is not None and not inputs.regions.is_empty():
        reg = inputs.regions.select("region_code", "name_zh", "name_en", "level", "parent_code")
        return codes.join(reg, on="region_code", how="left")
    return codes.with_columns(
        name_zh=pl.col("region_code"), name_en=pl.col("region_code"),
        level=pl.lit(None, pl.String), parent_code=pl.lit(None, pl.String),
    )


def assess(
    inputs: AssessmentInputs,
    chosen: RuleEdition,
    editions: Sequence[RuleEdition],
    factors: Factors,
    *,
    periods: Sequence[str] | None = None,
    region_codes: Sequence[str] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Assess dual control for regions and periods. Returns (table in ASSESSMENT_COLUMNS, findings).

    inputs : energy rows (monthly rows also build Q/H/Y/YTD periods), targets, annual targets, regions;
    chosen : the rule edition asked for; editions : all known editions (for the rules in force per year);
    factors : electricity conversion [tce/MWh] per method ("calorific", "coal_equivalent"): one value or
        one per year; periods : the periods to assess (default: every period of the plan years after the
        base year); region_codes : restrict to these regions.
    """
    findings: list[Finding] = []
    base_year, target_year = chosen.plan_base_year, chosen.plan_target_year
    plan_years = target_year - base_year
    data = derive_periods(inputs.energy)
    data = with_period_columns(data, base_year)
    if periods:
        wanted = [str(Period.parse(p)) for p in periods]
    else:
        wanted = sorted(
            {p for p, y in data.select("period", "year").unique().iter_rows() if base_year < y <= target_year},
            key=lambda s: Period.parse(s).sort_key(),
        )
    if not wanted:
        raise_empty = make("E_NO_DATA", detail=f"no periods after {base_year} in the data")
        return pl.DataFrame(schema={c: pl.String for c in ASSESSMENT_COLUMNS}), [raise_empty]
    regions = _regions_frame(inputs)
    # The whole region tree carries targets down (a county's chain passes through cities without data).
    tree = regions if inputs.regions is None or inputs.regions.is_empty() else pl.concat(
        [regions.select("region_code", "parent_code"),
         inputs.regions.select("region_code", "parent_code").join(regions, on="region_code", how="anti")])
    tgt = _resolve_targets(tree, inputs.targets)

    by_edition: dict[str, tuple[RuleEdition, list[str]]] = {}
    for p in wanted:
        e = edition_for_year(Period.parse(p).year, chosen, editions)
        by_edition.setdefault(e.edition, (e, []))[1].append(p)

    parts = []
    for edition, plist in by_edition.values():
        method_factors = factors.get(edition.electricity_method)
        if method_factors is None:
            raise KeyError(f"no electricity factors for method {edition.electricity_method!r}")
        m = apply_edition(data, edition, method_factors)
        missing_years = sorted(
            set(m.filter(pl.col("renewable_electricity_tce").is_null() & (pl.col("renewable_electricity") > 0))
                .get_column("year").unique().to_list())
        )
        for y in missing_years:
            findings.append(make("E_VALUE_INVALID", value=y, detail=f"no {edition.electricity_method} electricity factor for {y}",
                                 fix_zh="改用 calorific（当量值）方法，或导入该年的等价值系数",
                                 fix_en="use the calorific (当量值) method, or load that year's coal-equivalent factor"))
        parts.append(_assess_edition(m, plist, edition, tgt, inputs.annual_targets, base_year, plan_years, thresholds))
    out = pl.concat(parts, how="vertical_relaxed")
    out = out.join(regions, on="region_code", how="left")
    if region_codes:
        out = out.filter(pl.col("region_code").is_in(list(region_codes)))
    findings += _price_base_findings(out) + _missing_findings(out)
    out = out.with_columns(_sort=pl.col("period").map_elements(lambda s: str(Period.parse(s).sort_key()), return_dtype=pl.String))
    out = out.sort("_sort", "region_code").drop("_sort")
    return out.select(ASSESSMENT_COLUMNS), findings


def _assess_edition(
    m: pl.DataFrame,
    plist: list[str],
    edition: RuleEdition,
    tgt: pl.DataFrame,
    annual: pl.DataFrame | None,
    base_year: int,
    plan_years: int,
    th: Thresholds,
) -> pl.DataFrame:
    keep = ["region_code", "period", "energy_for_intensity", "energy_for_total", "gdp_for_intensity",
            "price_base_year"]
    prev = m.select(keep).rename({"period": "prev_period", "energy_for_intensity": "_ei_prev",
                                  "energy_for_total": "_et_prev", "gdp_for_intensity": "_g_prev",
                                  "price_base_year": "_pb_prev"})
    base = m.select(keep).rename({"period": "base_period", "energy_for_intensity": "_ei_base",
                                  "energy_for_total": "_et_base", "gdp_for_intensity": "_g_base",
                                  "price_base_year": "_pb_base"})
    base_annual = m.filter(pl.col("period") == str(base_year)).select(
        "region_code", pl.col("energy_for_total").alias("_et_base_year"))
    cur = (
        m.filter(pl.col("period").is_in(plist))
        .join(prev, on=["region_code", "prev_period"], how="left")
        .join(base, on=["region_code", "base_period"], how="left")
        .join(base_annual, on="region_code", how="left")
        .join(tgt, on="region_code", how="left")
    )
    if annual is not None and not annual.is_empty():
        cur = cur.join(annual.select("region_code", "year", pl.col("intensity_reduction").alias("_annual")),
                       on=["region_code", "year"], how="left")
    else:
        cur = cur.with_columns(_annual=pl.lit(None, pl.Float64))
    # GDP of two periods compares only on one price base: otherwise the comparison GDP is unknown (null),
    # never silently mixed (a W_PRICE_BASE_DIFFERS finding names the rows).
    cur = cur.with_columns(
        _g_prev=pl.when(pl.col("_pb_prev") == pl.col("price_base_year")).then(pl.col("_g_prev")),
        _g_base=pl.when(pl.col("_pb_base") == pl.col("price_base_year")).then(pl.col("_g_base")),
        price_base_differs=(pl.col("_pb_prev").is_not_null() & (pl.col("_pb_prev") != pl.col("price_base_year")))
        | (pl.col("_pb_base").is_not_null() & (pl.col("_pb_base") != pl.col("price_base_year"))),
    )
    t = (pl.col("year") - base_year).cast(pl.Float64)
    T = pl.col("intensity_reduction_basic")
    Ti = pl.col("intensity_reduction_incentive")
    intensity = pl.col("energy_for_intensity") / (pl.col("gdp_for_intensity") * 1e4)
    i_prev = pl.col("_ei_prev") / (pl.col("_g_prev") * 1e4)
    i_base = pl.col("_ei_base") / (pl.col("_g_base") * 1e4)
    cur = cur.with_columns(
        gdp=pl.col("gdp_for_intensity"),
        intensity=intensity,
        intensity_change_yoy=intensity / i_prev - 1,
        energy_growth_yoy=pl.col("energy_for_total") / pl.col("_et_prev") - 1,
        gdp_growth_yoy=pl.col("gdp_for_intensity") / pl.col("_g_prev") - 1,
        intensity_reduction_cumulative=1 - intensity / i_base,
        required_reduction_cumulative=1 - (1 - T).pow(t / plan_years),
        required_reduction_annual=pl.coalesce(pl.col("_annual"), 1 - (1 - T).pow(1.0 / plan_years)),
        _incentive_required=1 - (1 - Ti).pow(t / plan_years),
        five_year_target=T,
        incentive_target=Ti,
    )
    cum, req_cum = pl.col("intensity_reduction_cumulative"), pl.col("required_reduction_cumulative")
    cur = cur.with_columns(
        progress_ratio=pl.when(req_cum > 0).then(cum / req_cum),
        _on_track=(cum + th.tolerance >= req_cum).fill_null(False),
        incentive_reached=pl.when(Ti.is_not_null() & cum.is_not_null()).then(cum + th.tolerance >= pl.col("_incentive_required")),
    )
    cur = cur.with_columns(
        total_exempt=(pl.col("incentive_reached").fill_null(False) & pl.lit(edition.incentive_exempts_total)),
        allowed_energy_growth=pl.when(pl.col("total_increment_cap").is_not_null() & pl.col("_et_base_year").is_not_null())
        .then((1 + pl.col("total_increment_cap") / pl.col("_et_base_year")).pow(1.0 / plan_years) - 1)
        .otherwise((1 + pl.col("gdp_growth_plan")) * (1 - pl.col("required_reduction_annual")) - 1),
    )
    change, req = pl.col("intensity_change_yoy"), pl.col("required_reduction_annual")
    on_track = pl.col("_on_track") & pl.lit(edition.five_year_progress_counts_as_annual)
    cur = cur.with_columns(
        intensity_grade=pl.when(change.is_null() | change.is_nan()).then(None)
        .when(change > th.intensity_rise + th.tolerance).then(1)
        .when(req.is_null()).then(None)
        .when((-change + th.tolerance < req) & ~on_track).then(2)
        .otherwise(3).cast(pl.Int8),
        annual_target_met=pl.when(change.is_null() | req.is_null()).then(None)
        .otherwise((-change + th.tolerance >= req) | on_track),
    )
    g, allowed = pl.col("energy_growth_yoy"), pl.col("allowed_energy_growth")
    cur = cur.with_columns(
        total_grade=pl.when(pl.col("total_exempt") | g.is_null() | allowed.is_null()).then(None)
        .when(g <= allowed + th.tolerance).then(3)
        .when(g <= allowed + th.total_red_margin + th.tolerance).then(2)
        .otherwise(1).cast(pl.Int8),
    )
    color = {1: "red", 2: "yellow", 3: "green"}
    cur = cur.with_columns(
        intensity_color=pl.col("intensity_grade").replace_strict(color, default="grey", return_dtype=pl.String),
        total_color=pl.when(pl.col("total_exempt")).then(pl.lit("exempt")).otherwise(
            pl.col("total_grade").replace_strict(color, default="grey", return_dtype=pl.String)),
    )
    return cur.drop([c for c in cur.columns if c.startswith("_")] + ["prev_period", "base_period", "gdp_for_intensity"])


def _price_base_findings(out: pl.DataFrame) -> list[Finding]:
    rows = out.filter(pl.col("price_base_differs")).select("region_code", "period", "price_base_year")
    return [make("W_PRICE_BASE_DIFFERS", region=r, period=p, base=b) for r, p, b in rows.head(50).iter_rows()]


def _missing_findings(out: pl.DataFrame) -> list[Finding]:
    findings = []
    no_prev = out.filter(pl.col("intensity_change_yoy").is_null()).select("region_code", "period")
    for region, period in no_prev.head(50).iter_rows():
        findings.append(make("W_MISSING_COMPARISON", region=region, period=str(Period.parse(period).shift_years(-1)),
                             what="同比变化 / year-on-year change"))
    no_target = out.filter(pl.col("five_year_target").is_null()).get_column("region_code").unique().sort()
    for region in no_target.head(50).to_list():
        findings.append(make("W_MISSING_COMPARISON", region=region, period="2021–2025 目标 / target",
                             what="进度与预警等级 / progress and grades"))
    return findings
