"""Use case: the two-high (两高) project inventory — load, check, decide, list, work list, review.

* ``load_projects`` / ``check_projects_file``: the ``projects`` template through the foundation's atomic,
  revision-confirming load (:mod:`ecer.services.loading`).
* ``evaluate``: every check of ``ecer.core.projects`` for stored projects, with the region's position from the
  dual-control assessment of the stored energy data, and the suggested disposition.
* ``decide``: an officer's decision appended to ``project_decisions`` (one key per decision: never revised;
  the previous decision is named in the new row). ``decisions`` lists them oldest first.
* ``worklist_xlsx``: the 工作清单 as XLSX; ``review``: the region's path to the plan's target year with and without
  the project (issue 7 §7).
"""

from __future__ import annotations

import datetime as _dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.projects import (
    Disposition,
    RegionPosition,
    TwoHighRules,
    check_project,
    load_rules,
    remaining_headroom,
    suggest_disposition,
)
from ecer.core.projects.review import RegionPath, project_path
from ecer.findings import Finding, FindingsError, Location, make
from ecer.ingest import IngestResult
from ecer.models.projects import DISPOSITIONS, STATUSES
from ecer.periods import Period

DEFAULT_BENCHMARK_EDITION = "2021"  # the complete table; the 2023 edition in the catalog lists its gaps


@dataclass
class ProjectEvaluation:
    """One project's checks, the suggested disposition and the last officer decision (None if none)."""

    project: dict[str, Any]
    findings: list[Finding]
    disposition: Disposition
    region: RegionPosition
    last_decision: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def check_projects_file(path: Path | str, *, store: Any = None) -> IngestResult:
    """Validate a project file (no store change)."""
    from ecer.services.loading import check_file

    return check_file(path, "projects", store=store)


def load_projects(
    store: Any, path: Path | str, *, who: str | None = None, why: str = "", revise: bool = False
) -> Any:
    """Validate and load a project file atomically (see ``ecer.services.loading.load_files``)."""
    from ecer.services.loading import load_files

    return load_files(store, "projects", [Path(path)], who=who, why=why, revise=revise)


def list_projects(store: Any, *, region: str | None = None, status: str | None = None) -> pl.DataFrame:
    """The stored projects (current versions), filtered by region code and status (拟建/在建/建成 or the ids)."""
    filters: dict[str, Any] = {}
    if region:
        filters["region_code"] = region
    if status:
        filters["status"] = _status_id(status)
    return store.current("projects", **filters)


def _status_id(status: str) -> str:
    by_zh = {v: k for k, v in STATUSES.items()}
    if status in STATUSES:
        return status
    if status in by_zh:
        return by_zh[status]
    valid = ", ".join(f"{k}/{v}" for k, v in STATUSES.items())
    raise FindingsError([make("E_UNKNOWN_NAME", kind="项目状态 / status", value=status, valid=valid)])


def get_project(store: Any, project_id: str) -> dict[str, Any]:
    rows = store.current("projects", bookkeeping=True, project_id=project_id)
    if rows.is_empty():
        raise FindingsError(
            [make("E_PROJECT_UNKNOWN", location=Location(column="project"), value=project_id)]
        )
    return rows.row(0, named=True)


def region_position(
    store: Any, region_code: str, *, edition: str | None = None, year: int | None = None, assessed: Any = None
) -> RegionPosition:
    """The region's dual-control position from the foundation's assessment of the stored energy data: the latest
    graded period's intensity grade, the latest assessed year's progress and the plan's remaining headroom
    (``ecer.core.projects.remaining_headroom``). ``year``: the position as of that year (periods up to its end only;
    default the latest). A region without data says so (``no_data``); nothing is assumed, not even its province's
    figures. ``assessed``: an assessment of every region already made (``dual_control.assess``), reused instead of
    assessing the region again (the transfer matching asks for many regions)."""
    from ecer.services import dual_control as dc

    try:
        result = assessed if assessed is not None else dc.assess(store=store, region=region_code, edition=edition)
    except FindingsError as exc:
        if any(f.code == "E_STORE_BUSY" for f in exc.findings):
            raise
        return RegionPosition(
            region_code, no_data="; ".join(f.message_zh + " / " + f.message_en for f in exc.findings[:2])
        )
    t = result.table.filter(pl.col("region_code") == region_code)
    if t.is_empty():
        return RegionPosition(region_code, no_data="评估结果为空 / the assessment has no rows")
    t = t.with_columns(
        _key=pl.col("period").map_elements(
            lambda s: Period.parse(s).sort_key(), return_dtype=pl.List(pl.Int64)
        )
    )
    if year is not None:
        t = t.filter(pl.col("year") <= year)
    graded = t.filter(pl.col("intensity_grade").is_not_null()).sort("_key")
    years = t.filter((pl.col("period_kind") == "Y") & (pl.col("plan_status") == "in_plan")).sort("_key")
    period = graded["period"][-1] if graded.height else None
    grade = int(graded["intensity_grade"][-1]) if graded.height else None
    if years.is_empty():
        return RegionPosition(
            region_code,
            period=period,
            intensity_grade=grade,
            no_data="没有规划期内的年度数据 / no year of the plan period has data",
        )
    y = years.row(-1, named=True)
    cum = (y["energy_for_intensity"] or 0.0) - (y["renewable_deduction_cumulative"] or 0.0)
    growth = y["energy_growth_cumulative"]
    headroom, note = None, None
    if growth is None or growth <= -1:
        note = (
            f"{y['period']} 没有较基期年的累计增速（缺少基期年数据） / {y['period']} has no cumulative growth since the "
            "base year (no base-year data)"
        )
    else:
        headroom = remaining_headroom(
            cum / (1 + growth),
            cum,
            increment_cap=y["total_increment_cap"],
            gdp_growth_plan=y["gdp_growth_plan"],
            intensity_target=y["five_year_target"],
        )
    met = y["intensity_progress_met"]
    return RegionPosition(
        region_code,
        period=period,
        intensity_grade=grade,
        progress_met=None if met is None else bool(met),
        headroom=headroom,
        headroom_period=y["period"],
        plan=y["plan"],
        headroom_note=note,
    )


def _levels(edition: str | None) -> tuple[pl.DataFrame, str]:
    t = refdata.load("benchmark_levels", edition or DEFAULT_BENCHMARK_EDITION)
    return t.frame, t.edition


def decisions(store: Any, project_id: str | None = None) -> pl.DataFrame:
    """Officer decisions, oldest first (all of them: nothing is ever overwritten)."""
    d = store.current("project_decisions", **({"project_id": project_id} if project_id else {}))
    return d.sort(["decided_at", "decision_id"])


def evaluate(
    store: Any,
    project_id: str | None = None,
    *,
    as_of: str | None = None,
    benchmark_edition: str | None = None,
    rules: TwoHighRules | None = None,
    rule_edition: str | None = None,
    projects: list[dict[str, Any]] | None = None,
) -> list[ProjectEvaluation]:
    """Check one stored project (or all) and suggest a disposition. ``as_of``: the check date (default today, UTC).

    ``projects``: rows to check instead of the stored ones (a file read but not loaded: ``ecer projects check``);
    the region positions and decisions still come from the store (``store`` may be None: no region data)."""
    rules = rules or load_rules()
    when = as_of or _dt.datetime.now(_dt.UTC).date().isoformat()
    if projects is None:
        projects = [get_project(store, project_id)] if project_id else store.current("projects").to_dicts()
    levels, edition = _levels(benchmark_edition)
    all_decisions = (
        decisions(store, project_id)
        if store is not None
        else pl.DataFrame(schema={"project_id": pl.String, "decided_at": pl.Datetime("us", "UTC")})
    )
    positions: dict[str, RegionPosition] = {}
    out = []
    for p in projects:
        code = p["region_code"]
        if code not in positions:
            positions[code] = (
                region_position(store, code, edition=rule_edition)
                if store is not None
                else RegionPosition(code, no_data="没有指定数据库 / no store given")
            )
        found = check_project(
            p, levels=levels, edition=edition, region=positions[code], rules=rules, as_of=when
        )
        disp = suggest_disposition(found, p["status"], rules)
        mine = all_decisions.filter(pl.col("project_id") == p["project_id"])
        last = mine.row(-1, named=True) if mine.height else None
        out.append(
            ProjectEvaluation(
                p,
                found,
                disp,
                positions[code],
                last,
                {"as_of": when, "benchmark_edition": edition, "rules_edition": rules.edition},
            )
        )
    return out


def _decision_id(decision: str) -> str:
    by_zh = {v: k for k, v in DISPOSITIONS.items()}
    if decision in DISPOSITIONS:
        return decision
    if decision in by_zh:
        return by_zh[decision]
    valid = ", ".join(f"{k}/{v}" for k, v in DISPOSITIONS.items())
    raise FindingsError(
        [
            make(
                "E_DECISION_INVALID",
                location=Location(column="decision"),
                detail=f"“{decision}”不是处置意见 / '{decision}' is not a disposition",
                fix_zh=f"填写以下之一：{valid}",
                fix_en=f"use one of: {valid}",
            )
        ]
    )


def decide(
    store: Any,
    project_id: str,
    *,
    decision: str,
    by: str,
    reason: str,
    when: _dt.datetime | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """Append an officer's decision: who, when, why, the decision, the previous decision (kept, never overwritten),
    the suggested disposition at the time and the project version decided on. Returns the stored row."""
    choice = _decision_id(decision)
    problems = []
    if not by.strip():
        problems.append(("决定人为空 / who decided is empty", "用 --by 填写姓名或工号", "give --by NAME"))
    if not reason.strip():
        problems.append(("理由为空 / the reason is empty", "用 --reason 说明理由", "give --reason TEXT"))
    if problems:
        raise FindingsError(
            [
                make("E_DECISION_INVALID", location=Location(column="decision"), detail=d, fix_zh=z, fix_en=e)
                for d, z, e in problems
            ]
        )
    project = get_project(store, project_id)
    ev = evaluate(store, project_id, as_of=as_of)[0]
    previous = ev.last_decision
    row = {
        "decision_id": uuid.uuid4().hex,
        "project_id": project_id,
        "decision": choice,
        "decided_by": by.strip(),
        "decided_at": (when or _dt.datetime.now(_dt.UTC)),
        "decision_reason": reason,
        "previous_decision": previous["decision"] if previous else None,
        "previous_decision_id": previous["decision_id"] if previous else None,
        "suggested_disposition": ev.disposition.disposition,
        "project_version": int(project["version"]),
    }
    frame = pl.DataFrame(
        [row],
        schema={
            "decision_id": pl.String,
            "project_id": pl.String,
            "decision": pl.String,
            "decided_by": pl.String,
            "decided_at": pl.Datetime("us", "UTC"),
            "decision_reason": pl.String,
            "previous_decision": pl.String,
            "previous_decision_id": pl.String,
            "suggested_disposition": pl.String,
            "project_version": pl.Int64,
        },
    )
    store.load("project_decisions", frame, file=f"decision:{project_id}", who=by.strip(), why=reason)
    return row


def project_history(store: Any, project_id: str) -> pl.DataFrame:
    """Every stored version of the project row, oldest first (loads and revisions)."""
    get_project(store, project_id)
    return store.history("projects", {"project_id": project_id})


def review(
    store: Any,
    project_id: str,
    *,
    start_year: int | None = None,
    ramp_up: list[float] | None = None,
    annual_tce: float | None = None,
    region_growth: float | None = None,
    rule_edition: str | None = None,
    as_of_year: int | None = None,
) -> RegionPath:
    """§7: the region's assessed consumption and intensity to the plan's target year with and without the project
    (``ecer.core.projects.review.project_path``), from the stored assessment of its region.

    The path starts from the region's position as of ``as_of_year``: by default the last assessed year before the
    project's first year of operation (``start_year``, else the year of ``operation_start``), so a project is
    reviewed against the region as it stood before it runs — the latest year when the project has no start date or
    starts after the data end."""
    from ecer.services import dual_control as dc

    p = get_project(store, project_id)
    first = start_year or (int(p["operation_start"][:4]) if p.get("operation_start") else None)
    year_asked = as_of_year
    if as_of_year is None and first is not None:
        as_of_year = first - 1
    position = region_position(store, p["region_code"], edition=rule_edition, year=as_of_year)
    if year_asked is None and as_of_year is not None and position.headroom_period is None:
        # the default year precedes the region's data in the plan: the latest position (``as_of`` in the summary)
        position = region_position(store, p["region_code"], edition=rule_edition)
    if position.no_data is not None or position.headroom is None:
        raise FindingsError(
            [
                make(
                    "W_PROJECT_REGION_NO_DATA",
                    project=project_id,
                    region=p["region_code"],
                    detail=position.no_data or "没有五年规划目标 / no plan target",
                )
            ]
        )
    result = dc.assess(store=store, region=p["region_code"], edition=rule_edition)
    y = result.table.filter(pl.col("period") == position.headroom_period).row(0, named=True)
    missing = [
        c for c in ("gdp", "gdp_growth_cumulative", "gdp_growth_plan", "five_year_target") if y[c] is None
    ]
    if missing:  # the path needs them; nothing is assumed in their place
        raise FindingsError(
            [
                make(
                    "W_PROJECT_REGION_NO_DATA",
                    project=project_id,
                    region=p["region_code"],
                    detail=f"{position.headroom_period} 缺少 {', '.join(missing)} / {position.headroom_period} lacks "
                    f"{', '.join(missing)} (planned GDP growth and the five-year target are needed for the path)",
                )
            ]
        )
    year = int(y["year"])
    start = first if first is not None else year + 1
    path = project_path(
        region_code=p["region_code"],
        latest_year=year,
        latest_energy=position.headroom.latest_energy,
        base_energy=position.headroom.base_energy,
        latest_gdp=float(y["gdp"]),
        base_gdp=float(y["gdp"]) / (1 + float(y["gdp_growth_cumulative"])),
        gdp_growth=float(y["gdp_growth_plan"]),
        intensity_target=float(y["five_year_target"]),
        base_year=int(y["year"]) - _years_since_base(y),
        target_year=_target_year(y),
        allowed_target_energy=position.headroom.allowed_target_energy,
        project_tce=float(annual_tce if annual_tce is not None else p["annual_energy"]),
        replaced_tce=float(p.get("energy_replacement_tce") or 0.0)
        if p.get("energy_replacement_kind") != "none"
        else 0.0,
        start_year=start,
        ramp_up=ramp_up or [1.0],
        region_growth=region_growth,
    )
    # the replacement the rules ask for (1310号 (十二); grade 2: 等量), beside the one the arithmetic needs
    rules = load_rules()
    rule = None
    if position.progress_met is False:
        rule = rules.energy_rule("progress_not_met")
    elif position.intensity_grade == 2:
        rule = rules.energy_rule("2")
    path.summary.update(
        replacement_by_rule=path.summary["project_tce"] if rule is not None else 0.0,
        replacement_rule=rule.evidence() if rule is not None else None,
        as_of=position.headroom_period,
        region_grade=position.intensity_grade,
        region_grade_period=position.period,
        region_progress_met=position.progress_met,
    )
    return path


def _years_since_base(y: dict[str, Any]) -> int:
    from ecer.models.targets import PLANS

    return int(y["year"]) - PLANS[y["plan"]][0]


def _target_year(y: dict[str, Any]) -> int:
    from ecer.models.targets import PLANS

    return PLANS[y["plan"]][1]


def write_review_report(
    store: Any,
    project_id: str,
    output: Path | str,
    *,
    as_of: str | None = None,
    lang: str = "zh",
    **path_options: Any,
) -> tuple[Path, str]:
    """Write the project review report (``ecer.reports.project_review``: HTML, or PDF for a ``.pdf`` name) with the
    checks, the suggested disposition, the §7 path (``review``; ``path_options`` as it takes them) and the decision
    history. A region without the data for the path still gets the report, which says why (returned as the second
    value, empty when the path was drawn). ``lang``: ``zh`` or ``en``, the report's edition."""
    from ecer.reports.project_review import write_project_review

    (ev,) = evaluate(store, project_id, as_of=as_of)
    no_path = ""
    try:
        path: RegionPath | None = review(store, project_id, **path_options)
    except FindingsError as exc:
        if not all(f.code == "W_PROJECT_REGION_NO_DATA" for f in exc.findings):
            raise
        path = None
        no_path = "; ".join(f.message_en if lang == "en" else f.message_zh for f in exc.findings)
    written = write_project_review(
        ev, decisions(store, project_id).to_dicts(), path, output, no_path=no_path, lang=lang
    )
    return written, no_path
