"""Regional industrial transfer in the services (issue 9 §3, §4; 工信部联政法〔2021〕215号; docs/transfer.md).

* :func:`transfer_file_findings` — the checks a ``transfer_indicators`` or ``transfer_projects`` file must pass
  before it loads (one direction and one unit per indicator; special-type attributes name a type of 215号 四;
  sharing schedules cover the agreement's years), the same for ``ecer transfer check``/``load`` and
  ``ecer check``/``ecer load``;
* :func:`rank` — the transfer index of the stored indicators of a year: entropy weights (or equal weights), TOPSIS
  with vector or min-max normalisation, regions ranked with their names and macro-regions;
* :func:`match` — one project of the library (or given fields) against candidate regions: the guidance's direction,
  the headroom filters from ECER's own data (dual control from the assessment of the stored energy data; carbon
  from the stored energy by carrier and pollutants from the ledger, each as what the even path of its target allows
  less the actual; land and labour headroom only where loaded as indicators), the closeness; what was not applied is
  said;
* :func:`project_history` — every stored version of a project (the library is append-only: the store keeps them);
* :func:`sharing` — a project's origin/destination shares of output value, tax and land by year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.transfer import (
    Classification,
    MatchResult,
    NotApplied,
    classify,
    constraint_label,
    match_project,
    parse_schedule,
    rank_regions,
    sharing_schedule,
)
from ecer.core.transfer.index import NORMALISATIONS, WHAT
from ecer.core.transfer.rules import CLASS_LABELS, MACRO_LABELS, province_of
from ecer.findings import Finding, FindingsError, Location, bilingual, make
from ecer.models.transfer import POLLUTANT_NEEDS, SHARE_COLUMNS

INDICATORS = "transfer_indicators"
PROJECTS = "transfer_projects"
HEADROOM_INDICATORS: dict[str, str] = {"dual_control_headroom": "dual_control", "carbon_headroom": "carbon",
                                       "land_available": "land", "labour_available": "labour",
                                       **{f"pollutant_headroom:{p}": f"pollutant:{p}" for p in POLLUTANT_NEEDS.values()}}
"""Indicators that also serve as constraint headroom (their unit must be the constraint's)."""
SHARE_KIND_OF = {"output_share_origin": "output_value", "tax_share_origin": "tax", "land_share_origin": "land"}


def _names() -> dict[str, str]:
    df = refdata.load("regions").data
    return dict(zip(df["region_code"].to_list(), df["name_zh"].to_list(), strict=True))


def _macro() -> dict[str, str]:
    return dict(refdata.load("macro_regions").data.select("region_code", "macro_region").iter_rows())


# --- file checks ---------------------------------------------------------------------------------------------------
def transfer_file_findings(frame: pl.DataFrame, template: str, *, file: str | None = None,
                           source_rows: list[int] | None = None, headers: dict[str, str] | None = None) -> list[Finding]:
    """The checks of a validated transfer frame beyond the template's own (see the module docstring)."""
    headers = headers or {}
    rows = source_rows or list(range(2, frame.height + 2))

    def loc(i: int, col: str) -> Location:
        return Location(file=file, row=rows[i] if i < len(rows) else None, column=headers.get(col, col))

    found: list[Finding] = []
    what = "承接产业转移评价指标 / transfer indicators" if template == INDICATORS else "产业转移项目库 / transfer projects"
    if template == INDICATORS:
        types = set(refdata.load("transfer_special_region_types").data["type_id"].to_list())
        seen: dict[str, tuple[str, str, int]] = {}
        for i, r in enumerate(frame.iter_rows(named=True)):
            code = str(r["indicator_code"])
            if code.startswith("special:"):
                if code.split(":", 1)[1] not in types:
                    found.append(make("E_TRANSFER_UNKNOWN", location=loc(i, "indicator_code"),
                                      what="特殊类型地区 / special-type region", value=code,
                                      known=", ".join(f"special:{t}" for t in sorted(types))))
                elif r["direction"] != "attribute":
                    found.append(make("E_TRANSFER_VALUE_INVALID", location=loc(i, "direction"), what=what,
                                      record=code, column="direction", value=r["direction"],
                                      detail="特殊类型地区是属性，方向须为 attribute / a special type is an attribute"))
                continue
            first = seen.setdefault(code, (r["direction"], r["unit"], rows[i] if i < len(rows) else i))
            if (r["direction"], r["unit"]) != first[:2]:
                found.append(make("E_TRANSFER_VALUE_INVALID", location=loc(i, "direction"), what=what, record=code,
                                  column="direction / unit", value=f"{r['direction']} / {r['unit']}",
                                  detail=f"与第 {first[2]} 行的 {first[0]} / {first[1]} 不同：一个指标须同方向、同单位 / "
                                         f"differs from row {first[2]} ({first[0]} / {first[1]}): one direction and "
                                         "unit per indicator"))
        return found
    for i, r in enumerate(frame.iter_rows(named=True)):
        code = str(r["industry_code"] or "")
        if not (code.isdigit() and 2 <= len(code) <= 4):
            found.append(make("E_TRANSFER_VALUE_INVALID", location=loc(i, "industry_code"), what=what,
                              record=r["project_id"], column="industry_code", value=code,
                              detail="须为 2–4 位数字（GB/T 4754-2017） / must be 2–4 digits (GB/T 4754-2017)"))
        schedules = [c for c in SHARE_COLUMNS if r.get(c)]
        a, b = r.get("agreement_start"), r.get("agreement_end")
        if schedules and (a is None or b is None):
            found.append(make("E_TRANSFER_SHARE_INVALID", location=loc(i, "agreement_start"),
                              record=f"项目 {r['project_id']}", value=r[schedules[0]],
                              detail="有分享比例但缺协议起止年 / shares without the agreement's first and last year"))
            continue
        for c in schedules:
            try:
                parse_schedule(str(r[c]), int(a or 0), int(b or 0), record=f"项目 {r['project_id']}")
            except FindingsError as e:
                found += [f.model_copy(update={"location": loc(i, c)}) for f in e.findings]
    return found


def check_transfer_file(path: Path | str, template: str, *, store: Any = None) -> Any:
    """Validate a transfer file (no store change)."""
    from ecer.services.loading import check_file

    return check_file(path, template, store=store)


def load_transfer(store: Any, template: str, path: Path | str, *, who: str | None = None, why: str = "",
                  revise: bool = False) -> Any:
    """Validate and load a transfer file atomically; changed rows need ``revise`` (the confirmation)."""
    from ecer.services.loading import load_files

    return load_files(store, template, [Path(path)], who=who, why=why, revise=revise)


# --- ranking -------------------------------------------------------------------------------------------------------
@dataclass
class Ranking:
    """The ranked regions, the weights, the indicators used and what was left out."""

    year: int
    normalisation: str
    weighting: str
    frame: pl.DataFrame
    weights: pl.DataFrame
    indicators: pl.DataFrame
    findings: list[Finding] = field(default_factory=list)
    data_origin: list[str] = field(default_factory=list)


def stored_indicators(store: Any) -> pl.DataFrame:
    df = store.current(INDICATORS)
    if df.is_empty():
        raise FindingsError([make("E_TRANSFER_NO_DATA", what=WHAT, year="", year_en="")])
    return df


def rank(store: Any, *, year: int | None = None, normalisation: str = "vector", weighting: str = "entropy",
         indicators: list[str] | None = None, regions: list[str] | None = None) -> Ranking:
    """The transfer index of the stored indicators of ``year`` (default the latest). Regions missing a value of a
    chosen indicator are left out with a warning (never filled in)."""
    if normalisation not in NORMALISATIONS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="归一化方法 / normalisation", value=normalisation,
                                  valid=", ".join(NORMALISATIONS))])
    if weighting not in ("entropy", "equal"):
        raise FindingsError([make("E_UNKNOWN_NAME", kind="赋权方法 / weighting", value=weighting,
                                  valid="entropy, equal")])
    df = stored_indicators(store).filter(pl.col("direction") != "attribute")
    years = sorted(set(df["year"].to_list()))
    if year is None:
        year = years[-1]
    df = df.filter(pl.col("year") == year)
    if df.is_empty():
        raise FindingsError([make("E_TRANSFER_NO_DATA", what=WHAT, year=f" {year} 年的", year_en=f" for {year}")])
    known_ind = sorted(set(df["indicator_code"].to_list()))
    if indicators:
        bad = [i for i in indicators if i not in known_ind]
        if bad:
            raise FindingsError([make("E_TRANSFER_UNKNOWN", what="指标 / indicator", value=", ".join(bad),
                                      known=", ".join(known_ind))])
        df = df.filter(pl.col("indicator_code").is_in(indicators))
    if regions:
        bad = [r for r in regions if r not in set(df["region_code"].to_list())]
        if bad:
            raise FindingsError([make("E_TRANSFER_UNKNOWN", what="地区 / region", value=", ".join(bad),
                                      known=", ".join(sorted(set(df["region_code"].to_list()))))])
        df = df.filter(pl.col("region_code").is_in(regions))
    meta = (df.group_by("indicator_code").agg(pl.col("name_zh").first(), pl.col("unit").first(),
                                               pl.col("direction").first(), pl.col("source").first())
            .sort("indicator_code"))
    codes = meta["indicator_code"].to_list()
    wide = df.pivot(on="indicator_code", index="region_code", values="value").select("region_code", *codes)
    complete = wide.drop_nulls()
    findings: list[Finding] = []
    if complete.height < wide.height:
        gone = wide.filter(pl.any_horizontal(pl.all().is_null()))
        missing = sorted({c for c in codes for v in gone[c].to_list() if v is None})
        findings.append(make("W_TRANSFER_REGION_INCOMPLETE", count=gone.height,
                             regions=", ".join(gone["region_code"].to_list()), missing=", ".join(missing)))
    if complete.height < 2:
        raise FindingsError([make("E_TRANSFER_TOO_FEW_REGIONS", what=WHAT, count=complete.height), *findings])
    directions = dict(meta.select("indicator_code", "direction").iter_rows())
    fixed = dict.fromkeys(codes, 1.0 / len(codes)) if weighting == "equal" else None
    ranked, ew = rank_regions(complete, directions, weights=fixed, normalisation=normalisation)  # type: ignore[arg-type]
    names, macro = _names(), _macro()
    ranked = ranked.with_columns(
        pl.col("region_code").replace_strict(names, default="").alias("name_zh"),
        pl.col("region_code").map_elements(lambda c: MACRO_LABELS.get(macro.get(province_of(c), ""), ("", ""))[0],
                                           return_dtype=pl.String).alias("macro_region_zh"),
    ).select("rank", "region_code", "name_zh", "macro_region_zh", "closeness", "d_plus", "d_minus", *codes)
    w = ew.weights if ew is not None else fixed
    assert w is not None
    weights = meta.with_columns(
        pl.col("indicator_code").replace_strict(w, return_dtype=pl.Float64).alias("weight"),
        pl.col("indicator_code").replace_strict(ew.entropy if ew else dict.fromkeys(codes, None),
                                                return_dtype=pl.Float64).alias("entropy"),
    )
    origins = sorted(set(df.filter(pl.col("region_code").is_in(complete["region_code"].to_list()))
                         ["data_origin"].fill_null("user").to_list()))
    return Ranking(year, normalisation, weighting, ranked, weights, meta, findings, origins)


# --- matching ------------------------------------------------------------------------------------------------------
@dataclass
class Match:
    """A project's match: the project, its class, the ordered candidates, the constraints not applied anywhere,
    where each headroom came from, and its sharing schedule."""

    project: dict[str, Any]
    classification: Classification
    frame: pl.DataFrame
    not_applied: list[NotApplied]
    headroom_sources: dict[str, str]
    ranking: Ranking | None
    sharing: pl.DataFrame | None
    findings: list[Finding] = field(default_factory=list)


def get_project(store: Any, project_id: str) -> dict[str, Any]:
    df = store.current(PROJECTS)
    hit = df.filter(pl.col("project_id") == project_id)
    if hit.is_empty():
        known = ", ".join(df["project_id"].head(20).to_list()) or "—"
        raise FindingsError([make("E_TRANSFER_UNKNOWN", what="项目 / project", value=project_id, known=known)])
    return hit.row(0, named=True)


def project_history(store: Any, project_id: str) -> pl.DataFrame:
    """Every stored version of a project, oldest first (the store never overwrites a version)."""
    get_project(store, project_id)
    return store.history(PROJECTS, {"project_id": project_id})


def _needs(project: dict[str, Any]) -> dict[str, float | None]:
    needs: dict[str, float | None] = {"dual_control": project.get("energy_tce"), "carbon": project.get("co2_t"),
                                      "land": project.get("land_ha"), "labour": project.get("jobs")}
    for col, code in POLLUTANT_NEEDS.items():
        needs[f"pollutant:{code}"] = project.get(col)
    return needs


def _dual_control_headroom(store: Any, regions: list[str]) -> tuple[dict[str, float], list[str]]:
    """Remaining dual-control headroom [tce] per region from the assessment of the stored energy data
    (``services.projects.region_position``); regions without it are listed with the reason.

    Only the candidate regions and the plan's years are assessed (``dual_control.assess_plan_years``: the position's
    headroom is its latest in-plan year, and each region's rows equal those of the full assessment); when that
    cannot answer (no year of the plan for these regions), the full assessment gives the reason, as before."""
    from ecer.services.projects import region_position

    out: dict[str, float] = {}
    why: list[str] = []
    from ecer.services import dual_control as dc

    if store.current("energy").is_empty():
        return out, ["库中没有能源消费数据 / the store holds no energy data"]
    try:
        try:
            assessed = dc.assess_plan_years(store, regions)
        except FindingsError as exc:
            if any(f.code == "E_STORE_BUSY" for f in exc.findings):
                raise
            assessed = dc.assess(store=store)
    except FindingsError as exc:
        if any(f.code == "E_STORE_BUSY" for f in exc.findings):
            raise
        return out, [f.message_zh + " / " + f.message_en for f in exc.findings[:2]]
    for r in regions:
        pos = region_position(store, r, assessed=assessed)
        if pos.headroom is not None:
            out[r] = pos.headroom.remaining
        else:
            why.append(f"{r}: {pos.no_data or pos.headroom_note or '—'}")
    return out, why


def _carbon_headroom(store: Any, regions: list[str]) -> tuple[dict[str, float], str | None]:
    """Remaining carbon headroom [tCO2] per region from the stored ``carbon_energy`` rows: at the latest graded year t
    of each region, the CO2 its even-path intensity allows at that year's GDP less its CO2
    (:func:`ecer.core.transfer.constraints.intensity_headroom`); ({}, None) when the store has no carbon data."""
    from ecer.core.transfer.constraints import intensity_headroom
    from ecer.services.carbon import carbon_progress

    try:
        prog = carbon_progress(store, with_side=False).progress  # the progress only: no second dual-control assessment
    except FindingsError as exc:
        if any(f.code == "E_NO_DATA" for f in exc.findings):
            return {}, None
        raise
    graded = prog.filter(pl.col("region_code").is_in(regions) & (pl.col("years_elapsed") > 0)
                         & (pl.col("year") <= pl.col("target_year")) & pl.col("value_base").is_not_null()
                         & pl.col("required_cumulative").is_not_null() & pl.col("co2").is_not_null()
                         & pl.col("gdp").is_not_null())
    if graded.is_empty():
        return {}, None
    latest = graded.sort("year").group_by("region_code").last()
    out = {r["region_code"]: intensity_headroom(r["value_base"], r["required_cumulative"], r["gdp"], r["co2"],
                                                scale=1.0e4)
           for r in latest.iter_rows(named=True)}
    years = sorted(set(latest["year"].to_list()))
    return out, "–".join(str(y) for y in (years[0], years[-1]) if y is not None) if len(years) > 1 else str(years[0])


def _pollutant_headroom(store: Any, regions: list[str]) -> tuple[dict[str, dict[str, float]], int | None]:
    """Remaining headroom [t] per pollutant and region from the stored pollutant ledger: at the last accounted year
    t, the emissions the even path allows (E_0 (1 − R_t)) less the ledger's emissions
    (:func:`ecer.core.transfer.constraints.total_headroom`); ({}, None) when the store has no pollutant data."""
    from ecer.core.transfer.constraints import total_headroom
    from ecer.services.pollutants import pollutant_ledger, pollutant_progress

    try:
        ledger = pollutant_ledger(store)
        last = ledger.meta.get("through_year")
        if last is None:
            return {}, None
        summary = pollutant_progress(store, as_of_year=int(last), accounted=ledger).summary  # the same ledger, once
    except FindingsError as exc:
        if any(f.code in ("E_NO_DATA", "E_POLLUTANT_NO_DATA", "E_POLLUTANT_NO_BASE") for f in exc.findings):
            return {}, None
        raise
    out: dict[str, dict[str, float]] = {}
    rows = summary.filter(pl.col("region_code").is_in(regions) & pl.col("required_cumulative").is_not_null()
                          & pl.col("base_emissions").is_not_null() & pl.col("emissions").is_not_null())
    for r in rows.iter_rows(named=True):
        out.setdefault(f"pollutant:{r['pollutant']}", {})[r["region_code"]] = total_headroom(
            r["base_emissions"], r["required_cumulative"], r["emissions"])
    return out, int(last)


def _condition_values(ind: pl.DataFrame | None, codes: set[str]) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """The loaded indicators that measure the directions' conditions (``transfer_condition_measures``): code →
    {region: its latest year's value}, and code → unit; a code not loaded is absent (its condition stays to verify)."""
    if ind is None:
        return {}, {}
    rows = ind.filter(pl.col("indicator_code").is_in(sorted(codes)) & pl.col("value").is_not_null())
    values: dict[str, dict[str, float]] = {}
    units: dict[str, str] = {}
    for code, part in rows.sort("year").group_by("indicator_code", maintain_order=True):
        latest = part.group_by("region_code").agg(pl.col("value").last())
        name = str(code[0])
        values[name] = {r: float(v) for r, v in latest.iter_rows()}
        units[name] = str(part["unit"][0] or "")
    return values, units


def match(store: Any, project: dict[str, Any] | str, *, year: int | None = None, normalisation: str = "vector",
          regions: list[str] | None = None) -> Match:
    """Match a project (a stored project id, or its fields) to candidate regions (default: the ranked regions,
    else the 31 provinces). See the module docstring."""
    if isinstance(project, str):
        project = get_project(store, project)
    findings: list[Finding] = []
    two_high_prefixes = [p for r in refdata.load("two_high_rules").data.filter(kind="sector").to_dicts()
                         for p in str(r["condition"] or "").split(";") if p]
    classes = refdata.load("transfer_industry_classes").data.to_dicts()
    cls = classify(str(project.get("industry_code") or ""), classes, two_high_prefixes=two_high_prefixes,
                   two_high=project.get("two_high") == "yes")
    ranking: Ranking | None = None
    try:
        ranking = rank(store, year=year, normalisation=normalisation)
        findings += ranking.findings
    except FindingsError as e:
        if not any(f.code in ("E_TRANSFER_NO_DATA", "E_TRANSFER_TOO_FEW_REGIONS") for f in e.findings):
            raise
        findings += [f.model_copy(update={"level": "warning"}) if f.level == "error" else f for f in e.findings]
    if regions is None:
        regions = ranking.frame["region_code"].to_list() if ranking else refdata.load("macro_regions").data[
            "region_code"].to_list()
    known = set(_names())
    bad = [r for r in regions if r not in known]
    if bad:
        raise FindingsError([make("E_TRANSFER_UNKNOWN", what="地区 / region", value=", ".join(bad),
                                  known="GB/T 2260 代码 / GB/T 2260 codes")])
    headroom: dict[str, dict[str, float] | None] = dict.fromkeys(["dual_control", "carbon", "land", "labour",
                                                                  *(f"pollutant:{p}" for p in POLLUTANT_NEEDS.values())])
    sources: dict[str, str] = {}
    dc, why = _dual_control_headroom(store, regions)
    if dc:
        headroom["dual_control"] = dc
        sources["dual_control"] = "能耗双控评估（库中能源消费数据） / the dual-control assessment of the stored energy data"
    needs = _needs(project)
    # carbon and pollutant headroom from ECER's own accounts, when the project states the need (the even path of the
    # targets read as a yearly allowance: ECER's assumption [C], docs/transfer.md)
    computed: set[str] = {"dual_control"} if dc else set()
    if needs.get("carbon") is not None:
        ch, years = _carbon_headroom(store, regions)
        if ch:
            headroom["carbon"] = ch
            computed.add("carbon")
            sources["carbon"] = (f"碳排放双控核算（库中分品种能源消费，{years} 年，按强度均衡进度折算允许排放量）/ the carbon "
                                 f"accounts of the stored energy by carrier ({years}; the CO2 the even-pace intensity "
                                 "allows, less the actual)")
    if any(needs.get(f"pollutant:{p}") is not None for p in POLLUTANT_NEEDS.values()):
        ph, year = _pollutant_headroom(store, regions)
        for cid, table in ph.items():
            if needs.get(cid) is None:
                continue
            headroom[cid] = table
            computed.add(cid)
            sources[cid] = (f"污染物减排台账（{year} 年，按目标均衡进度折算允许排放量）/ the pollutant ledger ({year}; the "
                            "emissions the even pace of the target allows, less the actual)")
    # headroom loaded as indicators (the user's own figures), for what ECER does not compute
    try:
        ind = stored_indicators(store)
    except FindingsError:
        ind = None
    if ind is not None:
        for code, cid in HEADROOM_INDICATORS.items():
            rows = ind.filter(pl.col("indicator_code") == code)
            if rows.is_empty() or cid in computed:
                continue
            latest = rows.sort("year").group_by("region_code").agg(pl.col("value").last(), pl.col("year").last())
            headroom[cid] = dict(latest.select("region_code", "value").iter_rows())
            sources[cid] = f"评价指标 {code}（用户导入） / indicator {code} (loaded by the user)"
    closeness = ({r: (c, k) for r, c, k in ranking.frame.select("region_code", "closeness", "rank").iter_rows()}
                 if ranking else {})
    measures = refdata.load("transfer_condition_measures").data.to_dicts()
    values, units = _condition_values(ind, {str(r["indicator_code"]) for r in measures})
    result: MatchResult = match_project(cls, needs, regions, _macro(),
                                        refdata.load("transfer_directions").data.to_dicts(), headroom, closeness,
                                        measures=measures, condition_values=values, units=units)
    names = _names()
    frame = result.frame.with_columns(pl.col("region_code").replace_strict(names, default="").alias("name_zh"))
    groups: dict[tuple[str, str], list[str]] = {}
    for m in result.not_applied:
        groups.setdefault((m.reason_zh, m.reason_en), []).append(m.constraint)
    for (rzh, ren), cids in groups.items():
        extra_zh = extra_en = ""
        if "dual_control" in cids and why:
            extra_zh = "（双控：" + "；".join(bilingual(w)[0] for w in why[:3]) + "）"
            extra_en = " (dual control: " + "; ".join(bilingual(w)[1] for w in why[:3]) + ")"
        stored = ren.startswith("the store")
        findings.append(make(
            "I_TRANSFER_CONSTRAINT_NOT_APPLIED", constraint_zh="、".join(constraint_label(c)[0] for c in cids),
            constraint_en=", ".join(constraint_label(c)[1] for c in cids), reason_zh=rzh + extra_zh,
            reason_en=ren + extra_en,
            fix_zh="导入能源消费数据和双控目标，或以评价指标导入剩余空间（指标代码见 docs/transfer.md）" if stored else
            "需要时在项目库中填写该项需求",
            fix_en="load energy data and targets, or load the headroom as an indicator (codes in docs/transfer.md)"
            if stored else "give the need in the project library if it matters"))
    dest = project.get("destination_region")
    if dest and cls.industry_class != "two_high":
        row = frame.filter(pl.col("region_code") == dest)
        if row.height and not row["direction_ok"][0]:
            mr = _macro().get(province_of(dest)) or ""
            czh, cen = CLASS_LABELS.get(cls.industry_class, (cls.industry_class, cls.industry_class))
            findings.append(make("W_TRANSFER_DIRECTION_UNMET", project=project.get("project_id", "—"), region=dest,
                                 macro_zh=MACRO_LABELS.get(mr, ("未知", "unknown"))[0],
                                 macro_en=MACRO_LABELS.get(mr, ("未知", "unknown"))[1], class_zh=czh,
                                 class_en=cen, rule=row["rule_id"][0] or "—"))
    return Match(project, cls, frame, result.not_applied, sources, ranking, sharing(project), findings)


def sharing(project: dict[str, Any]) -> pl.DataFrame | None:
    """The project's sharing schedule by year (None when it has no agreement)."""
    a, b = project.get("agreement_start"), project.get("agreement_end")
    shares = {SHARE_KIND_OF[c]: parse_schedule(str(project[c]), int(a), int(b), record=f"项目 {project.get('project_id')}")
              for c in SHARE_COLUMNS if project.get(c) and a is not None and b is not None}
    if not shares:
        return None
    amounts = {"output_value": project.get("annual_output_value"), "tax": project.get("annual_tax"),
               "land": project.get("land_ha")}
    df, _ = sharing_schedule(shares, amounts)
    return df
