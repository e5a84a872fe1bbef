"""Use case: assess energy dual control from the store or straight from input files.

Gathers the inputs (store or ``--data DIR``), the rule editions and electricity factors (refdata),
runs the pure core and returns an :class:`AssessmentResult` that the CLI, API, web and reports share.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, Thresholds
from ecer.core.dual_control import assess as core_assess
from ecer.core.dual_control.assess import ASSESSMENT_UNITS
from ecer.findings import Finding, FindingsError, Location, make
from ecer.models.region import NATIONAL_CODE, REGION_CODE_RE
from ecer.models.rules import RuleEdition
from ecer.models.targets import PLANS, plan_of_year
from ecer.periods import Period

DEFAULT_EDITION = "2024"
OPTION_KEYS = ("recompute_earlier_years", "separately_listed_remove_value_added", "renewable_increment_reading",
               "incentive_exemption_pro_rata")
TABLE_FILES = {"regions": "regions", "energy": "energy", "targets": "targets", "annual_targets": "annual_targets",
               "electricity_factors": "electricity_factors"}


@dataclass
class AssessmentResult:
    """What an assessment returns: the table (``ecer.core.dual_control.ASSESSMENT_COLUMNS``), findings,
    the rule edition asked for (with its options) and metadata (source, periods, data origin)."""

    table: pl.DataFrame
    findings: list[Finding]
    edition: RuleEdition
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition.model_dump(),
            "meta": self.meta,
            "rows": self.table.to_dicts(),
            "findings": [f.model_dump() for f in self.findings],
        }


def editions() -> list[RuleEdition]:
    """Every rule edition of the catalog (read once per process: the catalog ships with the package)."""
    return list(_editions())


@functools.cache
def _editions() -> tuple[RuleEdition, ...]:
    return tuple(refdata.rule_edition(e) for e in refdata.rule_editions())


def electricity_factors(user: pl.DataFrame | None = None) -> pl.DataFrame:
    """Electricity conversion factors k [tce/MWh] for the core (``ecer.core.dual_control.exclusions.FACTOR_COLUMNS``).

    * calorific (当量值, GB/T 2589): one value, any year;
    * coal_equivalent (等价值, 发电煤耗计算法) national values by year from the catalog table
      ``electricity_conversion``, each labelled with its rate (generation 发电 / supply 供电) and source;
    * the user's own factors (table ``electricity_factors``: region_code, year, coal_rate [gce/kWh], rate, source),
      which win over the catalog's for their region (``100000``: every region) and year.
    A year with none of these is reported by the core (E_ELECTRICITY_FACTOR_MISSING), never filled in.
    """
    cal = refdata.calorific_factor()
    rows: list[dict[str, Any]] = [{"region_code": None, "year": None, "basis": "calorific", "factor": cal.tce_per_mwh,
                                   "rate": "calorific", "source": cal.label_zh}]
    for year, f in sorted(refdata.coal_equivalent_factors().items()):
        rows.append({"region_code": None, "year": year, "basis": "coal_equivalent", "factor": f.tce_per_mwh,
                     "rate": f.rate, "source": f"全国 {f.label_zh}"})
    if user is not None and not user.is_empty():
        for row in user.iter_rows(named=True):
            rows.append({"region_code": row["region_code"], "year": int(row["year"]), "basis": "coal_equivalent",
                         "factor": float(row["coal_rate"]) / 1000, "rate": row.get("rate") or "generation",
                         "source": f"用户系数 user factor {row['region_code']} {row['year']}: {row['coal_rate']:g} gce/kWh"
                                   + (f" ({row['source']})" if row.get("source") else "")})
    return pl.DataFrame(rows, schema={"region_code": pl.String, "year": pl.Int64, "basis": pl.String,
                                      "factor": pl.Float64, "rate": pl.String, "source": pl.String})


def national_intensity_target() -> dict[str, Any]:
    """The national 2025 energy-intensity reduction target of 国发〔2021〕33号 二、主要目标, as a fraction."""
    frame = refdata.load("targets_gf2021_33").frame
    row = frame.filter(pl.col("indicator_cn").str.starts_with("单位国内生产总值能源消耗")).row(0, named=True)
    return {"value": float(row["value"]) / 100, "source": f"{row['doc_no']} {row['clause']}"}


def choose_edition(edition: str | None, options: Mapping[str, Any] | None) -> RuleEdition:
    opts = dict(options or {})
    unknown = set(opts) - set(OPTION_KEYS) - {"total_red_margin"}
    if unknown:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="选项 / option", value=", ".join(sorted(unknown)),
                                  valid=", ".join(OPTION_KEYS + ("total_red_margin",)))])
    overrides = {k: v for k, v in opts.items() if k in OPTION_KEYS and v is not None}
    return refdata.rule_edition(edition or DEFAULT_EDITION, **overrides)


def read_inputs_from_store(store: Any, *, region: str | None = None, periods: list[str] | None = None,
                           chosen: RuleEdition | None = None) -> dict[str, pl.DataFrame]:
    """The tables an assessment reads, in one read session of the store (one consistent view).

    With ``region`` and/or ``periods`` only the energy rows the answer depends on are asked for
    (:func:`energy_scope`); the other tables are small (a row per region, plan or year) and read whole.
    """
    with store.reading():
        tables = {name: store.current(name) for name in TABLE_FILES if name != "energy"}
        scope = energy_scope(tables["regions"], region=region, periods=periods, chosen=chosen)
        tables["energy"] = store.current("energy", **scope)
    return tables


def energy_scope(store_regions: pl.DataFrame | None, *, region: str | None = None,
                 periods: list[str] | None = None, chosen: RuleEdition | None = None,
                 regions: list[str] | None = None) -> dict[str, list[str]]:
    """The energy rows an assessment of ``region`` (all if None) and ``periods`` (normalised labels; None: every
    period of ``chosen``'s plan years) depends on, as ``Store.current`` filters (``{}``: the whole table).

    * **regions** — the region, and its parent (the store's regions, else GB/T 2260; a province's is the nation):
      the plausibility check compares a region with its parent ("a part above the whole"). A region's own rows
      need no other region's: inherited targets come from the targets table, not from energy rows.
    * **periods** — for each period of year *y*: the years *y*−1 (the same period a year earlier, and the
      previous period of its kind for the plausibility check) to *y*, and from the base year of *y*'s plan
      (the same period of the base year, the base year's total for an increment cap, and the chain of yearly
      renewable increments from the base year, 1258号); of those years, the period's own kind, the year (the base
      year's total) and the months (which build both when they are not given). Without periods: every period
      of the chosen edition's plan, from its base year to its target year.

    >>> energy_scope(None, region="110000")
    {'region_code': ['100000', '110000']}
    >>> energy_scope(None, regions=["110000", "510000"])   # several regions: each with its parent
    {'region_code': ['100000', '110000', '510000']}
    >>> scope = energy_scope(None, periods=["2021Q3"])
    >>> sorted({p[:4] for p in scope["period"]}), [p for p in scope["period"] if "-" not in p]
    (['2020', '2021'], ['2020', '2020Q1', '2020Q2', '2020Q3', '2020Q4', '2021', '2021Q1', '2021Q2', '2021Q3', '2021Q4'])
    """
    scope: dict[str, list[str]] = {}
    asked = ([region] if region is not None else []) + list(regions or [])
    if asked:
        codes = set(asked)
        for code in asked:
            parent = _parent_of(store_regions, code)
            if parent:
                codes.add(parent)
        scope["region_code"] = sorted(codes)
    wanted: dict[int, set[str]] = {}  # year → period kinds needed
    if periods:
        for label in periods:
            p = Period.parse(label)
            plan = plan_of_year(p.year)
            first = min(p.year - 1, PLANS[plan][0]) if plan else p.year - 1
            for y in range(first, p.year + 1):
                wanted.setdefault(y, {"Y", "M"}).add(p.kind)
    elif chosen is not None and asked:
        for y in range(chosen.plan_base_year, chosen.plan_target_year + 1):
            wanted[y] = {"Y", "H", "Q", "YTD", "M"}
    if wanted:
        scope["period"] = sorted(str(q) for y, kinds in wanted.items() for q in _periods_of(y, kinds))
    return scope


def _periods_of(year: int, kinds: set[str]) -> list[Period]:
    per_kind = {"Y": [0], "H": [1, 2], "Q": [1, 2, 3, 4], "M": list(range(1, 13)), "YTD": list(range(1, 13))}
    return [Period(year, k, i) for k in ("Y", "H", "Q", "YTD", "M") if k in kinds for i in per_kind[k]]


def _parent_of(store_regions: pl.DataFrame | None, code: str) -> str | None:
    """The parent the plausibility check compares a region with: the store's regions win over GB/T 2260; a
    province without one is compared with the nation (``ecer.core.dual_control.plausibility``)."""
    for frame in (store_regions, refdata.regions()):
        if frame is None or frame.is_empty() or "parent_code" not in frame.columns:
            continue
        hit = frame.filter(pl.col("region_code") == code)
        if hit.height:
            parent = hit.get_column("parent_code")[0]
            if parent:
                return str(parent)
            break
    return NATIONAL_CODE if code.endswith("0000") and code != NATIONAL_CODE else None


def read_inputs_from_dir(data_dir: Path) -> dict[str, pl.DataFrame]:
    """Read ``regions``, ``energy``, ``targets``, ``annual_targets`` files (.csv/.xlsx) from a folder.

    Every ``energy*.csv|xlsx`` file is read; a file with errors stops the run with its findings.
    """
    from ecer.services.loading import read_file  # local: loading imports this module's siblings

    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FindingsError([make("E_NO_DATA", detail=f"不是目录：{data_dir} / not a folder: {data_dir}")])
    out: dict[str, pl.DataFrame] = {}
    findings: list[Finding] = []
    for name in TABLE_FILES:
        files = sorted(p for p in data_dir.iterdir()
                       if p.suffix.lower() in (".csv", ".xlsx") and p.stem.lower().startswith(name)
                       and not (name == "targets" and p.stem.lower().startswith("targets_annual")))
        frames = []
        for p in files:
            template = "annual_targets" if name == "annual_targets" else name
            res = read_file(p, template, extra_regions=out.get("regions"), accept_implausible=True)
            findings += res.findings
            if res.frame is not None:
                frames.append(res.frame)
        if frames:
            out[name] = pl.concat(frames, how="vertical_relaxed")
    errors = [f for f in findings if f.level == "error"]
    if errors:
        raise FindingsError(errors)
    if "energy" not in out:
        raise FindingsError([make("E_NO_DATA", detail=f"目录 {data_dir} 中没有 energy*.csv 或 energy*.xlsx 文件 / "
                                                  f"no energy*.csv or energy*.xlsx in {data_dir}")])
    return out


def _with_reference_defaults(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Fill regions from GB/T 2260 and the national target from 国发〔2021〕33号 where the data lack them."""
    ref_regions = refdata.regions().select("region_code", "name_zh", "name_en", "level", "parent_code")
    regions = tables.get("regions")
    if regions is None or regions.is_empty():
        regions = ref_regions
    else:
        regions = pl.concat([regions.select(ref_regions.columns),
                             ref_regions.join(regions.select("region_code"), on="region_code", how="anti")],
                            how="vertical_relaxed")
    tables["regions"] = regions
    national = national_intensity_target()
    targets = tables.get("targets")
    if targets is None or targets.is_empty() or "100000" not in targets.get_column("region_code").to_list():
        row = pl.DataFrame({"region_code": ["100000"], "plan": ["14th"], "base_year": [2020], "target_year": [2025],
                            "intensity_reduction_basic": [national["value"]],
                            "intensity_reduction_incentive": [None], "gdp_growth_plan": [None],
                            "total_increment_cap": [None], "source": [national["source"]]},
                           schema_overrides={"intensity_reduction_incentive": pl.Float64,
                                             "gdp_growth_plan": pl.Float64, "total_increment_cap": pl.Float64})
        targets = row if targets is None or targets.is_empty() else pl.concat(
            [targets.select(row.columns), row], how="vertical_relaxed")
    if "plan" not in targets.columns:
        targets = targets.with_columns(plan=pl.lit("14th"))
    own_14th = targets.filter(pl.col("plan") == "14th").select("region_code")
    published = provincial_targets().join(own_14th, on="region_code", how="anti")
    tables["targets"] = pl.concat([targets, published.select(targets.columns)], how="vertical_relaxed")
    tables["target_notes"] = target_notes(own_14th)
    annual = tables.get("annual_targets")
    published_annual = catalog_annual_targets()
    if annual is None or annual.is_empty():
        tables["annual_targets"] = published_annual
    else:
        tables["annual_targets"] = pl.concat(
            [annual.select(published_annual.columns),
             published_annual.join(annual.select("region_code", "year"), on=["region_code", "year"], how="anti")],
            how="vertical_relaxed")
    return tables


def catalog_annual_targets() -> pl.DataFrame:
    """Published annual intensity targets (catalog ``provincial_annual_intensity_targets``: the nation's yearly
    targets of the government work reports, and the provinces' where found) as annual-target rows; a region's own
    filed target for a year always wins."""
    frame = refdata.load("provincial_annual_intensity_targets").frame.filter(
        pl.col("intensity_reduction_pct").is_not_null())
    return pl.DataFrame({
        "region_code": frame["region_code"], "year": frame["year"].cast(pl.Int64),
        "intensity_reduction": frame["intensity_reduction_pct"].cast(pl.Float64) / 100,
        "source": "catalog provincial_annual_intensity_targets: " + frame["doc_no"] + " (" + frame["confidence"] + ")",
    }, schema={"region_code": pl.String, "year": pl.Int64, "intensity_reduction": pl.Float64, "source": pl.String})


def target_notes(own: pl.DataFrame) -> pl.DataFrame:
    """``region_code, plan, target_note`` for provinces whose 14th-FYP target is "none published" in the catalog and
    who have no target of their own: they inherit the national value, and the note says so beside it."""
    frame = refdata.load("provincial_intensity_targets_14th").frame
    schema = {"region_code": pl.String, "plan": pl.String, "target_note": pl.String}
    if "status" not in frame.columns:
        return pl.DataFrame(schema=schema)
    none = frame.filter(pl.col("status") == "none_published").join(own, on="region_code", how="anti")
    notes = [{"region_code": r["region_code"], "plan": "14th",
              "target_note": "未公布“十四五”能耗强度目标，沿用上级目标 / no published 14th-FYP target; the parent's applies"
                             + (f"（已查 searched: {r['searched']}）" if r.get("searched") else "")}
             for r in none.iter_rows(named=True)]
    return pl.DataFrame(notes, schema=schema)


def provincial_targets() -> pl.DataFrame:
    """The provinces' published 14th-FYP basic intensity targets (catalog ``provincial_intensity_targets_14th``)
    as target rows; a province's own loaded target always wins over these."""
    frame = refdata.load("provincial_intensity_targets_14th").frame
    if "status" in frame.columns:
        frame = frame.filter(pl.col("status") == "published")
    frame = frame.filter(pl.col("basic_target_pct").is_not_null())
    return pl.DataFrame({
        "region_code": frame["region_code"], "plan": "14th", "base_year": 2020, "target_year": 2025,
        "intensity_reduction_basic": frame["basic_target_pct"].cast(pl.Float64) / 100,
        "intensity_reduction_incentive": frame["incentive_target_pct"].cast(pl.Float64) / 100,
        "gdp_growth_plan": None, "total_increment_cap": None,
        "source": "catalog provincial_intensity_targets_14th: " + frame["doc_no"] + " (" + frame["confidence"] + ")",
    }, schema_overrides={"gdp_growth_plan": pl.Float64, "total_increment_cap": pl.Float64})


def _check_format(periods: list[str] | None, region: str | None) -> list[str] | None:
    """Malformed periods (E_PERIOD_MALFORMED) and region codes (E_REGION_MALFORMED) stop the request."""
    found = []
    parsed: list[str] = []
    for p in periods or []:
        try:
            parsed.append(str(Period.parse(p)))
        except ValueError:
            found.append(make("E_PERIOD_MALFORMED", location=Location(column="period"), value=str(p)))
    if region is not None and not REGION_CODE_RE.match(region):
        found.append(make("E_REGION_MALFORMED", location=Location(column="region"), value=region))
    if found:
        raise FindingsError(found)
    return parsed or None


def _check_region(tables: dict[str, pl.DataFrame], region: str | None) -> None:
    """A region neither the catalog, the store's regions nor the energy data know is E_REGION_UNKNOWN."""
    if region is None:
        return
    known = set(tables["regions"].get_column("region_code").to_list()) | set(
        tables["energy"].get_column("region_code").to_list())
    if region not in known:
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region"), value=region)])


def assess(
    *,
    store: Any = None,
    data_dir: Path | None = None,
    period: str | list[str] | None = None,
    region: str | None = None,
    edition: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> AssessmentResult:
    """Assess dual control: from files in ``data_dir`` when given, else from ``store``.

    period : one label or a list (default: every period of the plan years); region : one GB/T 2260 code
    (its rows only); edition : rule edition (default: the newest, with the rules in force per period unless
    ``options['recompute_earlier_years']``); options : open choices of the edition and
    ``total_red_margin`` for the barometer.

    Raises ``FindingsError`` when the request cannot be answered: a malformed period or region
    (E_PERIOD_MALFORMED, E_REGION_MALFORMED), a region nobody knows (E_REGION_UNKNOWN), no data for the region or
    a period asked (E_NO_DATA), a period outside every plan with targets (E_PERIOD_OUTSIDE_PLAN).
    """
    chosen = choose_edition(edition, options)
    periods = _check_format([period] if isinstance(period, str) else period, region)
    if data_dir is not None:
        tables = read_inputs_from_dir(Path(data_dir))
        return _assess_tables(tables, f"files in {Path(data_dir).name}", chosen, periods, region, options)
    if store is None:
        raise FindingsError([make("E_NO_DATA", detail="既没有指定数据库，也没有指定数据目录 / neither a store nor a data "
                                                      "folder was given")])
    if region is None and periods is None:
        return _assess_tables(read_inputs_from_store(store), "store", chosen, periods, region, options)
    # Only the rows the answer depends on (energy_scope); the rows are those of the whole computation.
    try:
        narrow = read_inputs_from_store(store, region=region, periods=periods, chosen=chosen)
        return _assess_tables(narrow, "store", chosen, periods, region, options)
    except FindingsError as exc:
        if any(f.code == "E_STORE_BUSY" for f in exc.findings):
            raise
    # The request cannot be answered (no data, an unknown region, …): the whole table says exactly why, as before.
    return _assess_tables(read_inputs_from_store(store), "store", chosen, periods, region, options)


def assess_plan_years(store: Any, regions: list[str], *, edition: str | None = None,
                      options: Mapping[str, Any] | None = None) -> AssessmentResult:
    """The annual periods of the chosen edition's plan (after its base year) that the stored data of ``regions``
    have, assessed for those regions only: what :func:`ecer.services.projects.region_position` reads for a region's
    remaining headroom (its latest in-plan year), without assessing every region and every period kind (the transfer
    matching asks for its candidate regions only).

    Each row is the row :func:`assess` gives for the same region and period with no filter: a region's assessment
    depends on its own rows (and its parent's for the plausibility check), which :func:`energy_scope` reads. Raises
    ``FindingsError`` as :func:`assess`: a malformed region code (E_REGION_MALFORMED); no year of the plan in the
    data of the regions (E_NO_DATA)."""
    from ecer.core.dual_control.periods_agg import derive_periods

    chosen = choose_edition(edition, options)
    codes = sorted(set(regions))
    bad = [make("E_REGION_MALFORMED", location=Location(column="region"), value=c) for c in codes
           if not REGION_CODE_RE.match(c)]
    if bad:
        raise FindingsError(bad)
    lo, hi = chosen.plan_base_year, chosen.plan_target_year
    years = [str(y) for y in range(lo + 1, hi + 1)]
    with store.reading():
        tables = {name: store.current(name) for name in TABLE_FILES if name != "energy"}
        tables["energy"] = store.current("energy", **energy_scope(tables["regions"], regions=codes, periods=years))
    own = tables["energy"].filter(pl.col("region_code").cast(pl.String).is_in(codes))
    built = set(derive_periods(own, ("Y",)).get_column("period").cast(pl.String).to_list()) if own.height else set()
    present = [y for y in years if y in built]
    if not present:
        raise FindingsError([make("E_NO_DATA", detail=f"所选地区没有 {lo + 1}–{hi} 年的年度数据 / the regions have no "
                                                      f"annual data for {lo + 1}–{hi}")])
    return _assess_tables(tables, "store", chosen, present, None, options, region_codes=codes)


def _assess_tables(tables: dict[str, pl.DataFrame], source: str, chosen: RuleEdition, periods: list[str] | None,
                   region: str | None, options: Mapping[str, Any] | None,
                   region_codes: list[str] | None = None) -> AssessmentResult:
    if tables.get("energy") is None or tables["energy"].is_empty():
        raise FindingsError([make("E_NO_DATA", detail="能源消费表为空 / the energy table is empty")])
    tables = _with_reference_defaults(tables)
    _check_region(tables, region)
    margin = (options or {}).get("total_red_margin")
    thresholds = Thresholds() if margin is None else Thresholds(total_red_margin=float(margin))
    inputs = AssessmentInputs(energy=tables["energy"], targets=tables.get("targets"),
                              annual_targets=tables.get("annual_targets"), regions=tables["regions"],
                              electricity_factors=electricity_factors(tables.get("electricity_factors")),
                              target_notes=tables.get("target_notes"))
    table, findings = core_assess(inputs, chosen, editions(), periods=periods,
                                  region_codes=[region] if region else region_codes, thresholds=thresholds)
    blocking = [f for f in findings if f.code in ("E_NO_DATA", "E_PERIOD_OUTSIDE_PLAN")]
    if periods and blocking:
        raise FindingsError(blocking)
    if region and table.is_empty():
        raise FindingsError([make("E_NO_DATA", location=Location(column="region"),
                                  detail=f"地区 {region} 没有所选期间的数据 / region {region} has no data for the "
                                         "periods asked")])
    origins = sorted(table.get_column("data_origin").drop_nulls().unique().cast(pl.String).to_list()) \
        if not table.is_empty() else []
    # lazily: the eager unique of a big table made of many chunks (a batched assessment) copies both columns first
    applied = dict(table.lazy().select("period", "rule_edition").unique().collect().iter_rows()) \
        if not table.is_empty() else {}
    period_list = sorted(applied, key=lambda s: Period.parse(s).sort_key())
    all_editions = {e.edition: e for e in editions()}
    meta = {
        "source": source,
        "units": ASSESSMENT_UNITS,
        "periods": period_list,
        "data_origin": origins,
        "synthetic": any("synthetic" in o for o in origins),
        "thresholds": thresholds.model_dump(),
        "editions_applied": sorted(set(applied.values()), key=lambda e: all_editions[e].effective_from
                                   if e in all_editions else e),
        "edition_by_period": {p: applied[p] for p in period_list},
        "edition_names": {e: {"zh": all_editions[e].name_zh, "en": all_editions[e].name_en,
                              "effective_from": all_editions[e].effective_from}
                          for e in set(applied.values()) if e in all_editions},
        "errors": sum(f.level == "error" for f in findings),
    }
    return AssessmentResult(table=table, findings=findings, edition=chosen, meta=meta)


def list_periods(store: Any) -> list[str]:
    """Periods that can be assessed from the store (given or built from complete months)."""
    from ecer.core.dual_control.periods_agg import derive_periods

    energy = store.current("energy")
    if energy.is_empty():
        return []
    labels = derive_periods(energy).get_column("period").unique().to_list()
    return sorted(labels, key=lambda s: Period.parse(s).sort_key())


def assessable_periods(store: Any) -> list[dict[str, Any]]:
    """The periods of the store that can be assessed, in order, each with its kind, year, plan and whether it is a
    plan's base year.

    A period can be assessed when its year lies in a plan that has targets (loaded, or the reference targets of the
    14th FYP) — it is graded — or when it is the base year of such a plan — it is shown, not graded against that plan
    (2020 for the 14th FYP). Other periods (2019 without 13th-FYP targets, say) are left out: ``assess`` refuses them
    (E_PERIOD_OUTSIDE_PLAN).

    Returns dicts ``period, kind (Y|H|Q|YTD|M), year, plan, graded, base_year, base_of_plan, plan_base_year,
    label_zh``.
    """
    labels = list_periods(store)
    if not labels:
        return []
    tables = _with_reference_defaults({"regions": store.current("regions"), "targets": store.current("targets")})
    with_targets = set(tables["targets"].get_column("plan").drop_nulls().to_list())
    base_of = {base: name for name, (base, _) in PLANS.items()}
    out = []
    for label in labels:
        p = Period.parse(label)
        plan, of = plan_of_year(p.year), base_of.get(p.year)
        graded, base = plan in with_targets, of in with_targets
        if not (graded or base):
            continue
        out.append({"period": label, "kind": p.kind, "year": p.year, "plan": plan, "graded": graded,
                    "base_year": base, "base_of_plan": of if base else None,
                    "plan_base_year": PLANS[plan][0] if plan else None, "label_zh": p.label_zh})
    return out
