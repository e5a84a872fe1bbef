"""The checks of one two-high project, each a finding with its evidence and the clause it applies, and the
disposition (处置意见) they suggest.

Statuses: ``planned`` 拟建, ``under_construction`` 在建, ``built`` 建成 (国发〔2021〕33号 四(三)). Dates are ISO text
(``YYYY-MM-DD``), so they compare as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.core.benchmark.formulas import HIGHER_IS_BETTER, LOWER_IS_BETTER
from ecer.core.projects.headroom import Headroom
from ecer.core.projects.plausibility import consistency, likely_cause
from ecer.core.projects.rules import Rule, TwoHighRules
from ecer.findings import Finding, make
from ecer.models.projects import DISPOSITION_ORDER, DISPOSITIONS, REPLACEMENT_KINDS, SECTORS, STATUSES

NEW = ("planned", "under_construction")
_KIND_ZH = {"reduction": "减量", "equal_or_reduction": "等量或减量", "equal": "等量"}


@dataclass(frozen=True)
class RegionPosition:
    """What the dual-control assessment of the stored energy data says about the project's region.

    period / intensity_grade : the latest graded period and its intensity warning grade (1 red, 2 yellow, 3 green);
    progress_met : whether the latest assessed year met the basic target's progress; headroom : the plan's remaining
    increment (None when it cannot be stated); no_data : why nothing could be assessed (None when assessed)."""

    region_code: str
    period: str | None = None
    intensity_grade: int | None = None
    progress_met: bool | None = None
    headroom: Headroom | None = None
    headroom_period: str | None = None
    plan: str | None = None
    no_data: str | None = None
    headroom_note: str | None = None  # why ``headroom`` is None although the region was assessed


@dataclass(frozen=True)
class Disposition:
    """The suggested disposition and the reasons (one per finding that calls for one)."""

    disposition: str
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label_zh(self) -> str:
        return DISPOSITIONS[self.disposition]


def _fmt(x: float) -> str:
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _cite(rule: Rule | None) -> dict[str, Any]:
    return rule.evidence() if rule is not None else {}


def _with_rule(
    rules: TwoHighRules, code: str, for_status: str, fallback: Rule | None = None, **ev: Any
) -> Finding:
    rule = rules.disposition(code, for_status) or fallback
    return make(code, **ev, **_cite(rule))


def benchmark_row(
    levels: pl.DataFrame, field_name: str, sub_category: str
) -> tuple[dict[str, Any] | None, str]:
    """The catalog row for a field (exact name, or the one field whose name starts with it) and sub-category (exact;
    or the field's only row, or its 通用 row). Returns (row, "") or (None, why)."""
    rows = levels.filter(pl.col("field") == field_name)
    if rows.is_empty():
        rows = levels.filter(pl.col("field").str.starts_with(field_name))
        if rows.select("field").unique().height > 1:
            return None, f"领域“{field_name}”对应多个领域 / field '{field_name}' matches several fields"
    if rows.is_empty():
        return None, f"目录中没有领域“{field_name}” / the catalog has no field '{field_name}'"
    if sub_category:
        hit = rows.filter(pl.col("sub_category") == sub_category)
        if hit.is_empty():
            subs = ", ".join(str(s) for s in rows.get_column("sub_category").to_list())
            return (
                None,
                f"领域下没有子类“{sub_category}”（可选：{subs}） / no sub-category '{sub_category}' (valid: {subs})",
            )
        rows = hit
    elif rows.height > 1:
        general = rows.filter(pl.col("sub_category") == "通用")
        if general.height != 1:
            subs = ", ".join(str(s) for s in rows.get_column("sub_category").to_list())
            return None, f"须填写子类（可选：{subs}） / a sub-category is needed (valid: {subs})"
        rows = general
    if rows.height > 1:
        return None, "领域和子类对应多项指标 / the field and sub-category have several indicators"
    return rows.row(0, named=True), ""


def _higher_is_better(direction: str) -> bool:
    """The catalog's direction (``higher_is_better`` / ``lower_is_better``, :mod:`ecer.core.benchmark.formulas`)."""
    return direction == HIGHER_IS_BETTER


def _better_or_equal(value: float, level: float, direction: str) -> bool:
    """Whether ``value`` is at ``level`` or better: lower is better unless the indicator is ``higher_is_better``."""
    return value >= level if _higher_is_better(direction) else value <= level


def check_benchmark(
    p: dict[str, Any], levels: pl.DataFrame, edition: str, rules: TwoHighRules, as_of: str
) -> list[Finding]:
    """New and planned projects at benchmark level (发改产业〔2021〕1609号 二); built ones above baseline, with the
    retrofit deadline (1609号 三; 发改产业〔2022〕200号 三)."""
    field_name = (p.get("benchmark_field") or "").strip()
    if not field_name:
        return []
    pid, status = p["project_id"], p["status"]
    unknown = {
        "project": pid,
        "fix_zh": "按能效标杆水平表填写领域、子类、设计值及其单位",
        "fix_en": "give the benchmark table's field, sub-category, the design value and its unit",
    }
    row, why = benchmark_row(levels, field_name, (p.get("benchmark_sub_category") or "").strip())
    if row is None:
        return [make("W_PROJECT_BENCHMARK_UNKNOWN", detail=why, **unknown)]
    design = p.get("design_unit_energy")
    if design is None:
        return [
            make(
                "W_PROJECT_BENCHMARK_UNKNOWN",
                detail="未填设计单位产品能耗 / no design unit-product energy given",
                **unknown,
            )
        ]
    unit = str(row["unit"])
    given_unit = (p.get("design_unit_energy_unit") or "").strip()
    if given_unit.replace(" ", "").lower() != unit.replace(" ", "").lower():
        return [
            make(
                "W_PROJECT_BENCHMARK_UNKNOWN",
                detail=f"设计值单位“{given_unit}”与标杆表单位 {unit} 不同 / the design "
                f"value's unit '{given_unit}' is not the table's {unit}",
                **unknown,
            )
        ]
    direction = str(row.get("direction") or LOWER_IS_BETTER)
    bench, base = float(row["benchmark_value"]), float(row["baseline_value"])
    gap = bench - design if _higher_is_better(direction) else design - bench
    ev = {
        "project": pid,
        "indicator": row["indicator"],
        "design": _fmt(design),
        "unit": unit,
        "field": row["field"],
        "sub_category": row.get("sub_category") or "",
        "benchmark": _fmt(bench),
        "baseline": _fmt(base),
        "edition": edition,
        "direction": direction,
        "gap": _fmt(gap),
        "gap_pct": _pct(gap / abs(bench)) if bench else "—",
    }
    if _better_or_equal(design, bench, direction):
        return [make("I_PROJECT_AT_BENCHMARK", **ev)]
    if not _better_or_equal(design, base, direction):
        if status == "built":
            deadline = rules.deadline("below_baseline_2021")
            if as_of > deadline.value:
                return [
                    _with_rule(
                        rules,
                        "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE",
                        status,
                        deadline,
                        deadline=deadline.value,
                        **ev,
                    )
                ]
        return [_with_rule(rules, "W_PROJECT_BELOW_BASELINE", status, **ev)]
    return [_with_rule(rules, "W_PROJECT_BELOW_BENCHMARK", status, **ev)]


def check_energy_consistency(p: dict[str, Any], levels: pl.DataFrame, rules: TwoHighRules) -> list[Finding]:
    """The annual comprehensive energy against capacity × design unit-product energy in the indicator's unit
    (:mod:`ecer.core.projects.plausibility`; tolerance from the rules' ``energy_ratio_*`` / ``energy_factor_*``
    thresholds, ECER assumptions [C]). W_PROJECT_ENERGY_INCONSISTENT with both figures, the likely cause and the fix;
    I_PROJECT_ENERGY_UNCHECKED when the capacity's unit cannot be compared. Nothing when a figure is missing or the
    field cannot be matched (``check_benchmark`` reports that)."""
    annual, capacity, design = p.get("annual_energy"), p.get("capacity"), p.get("design_unit_energy")
    field_name = (p.get("benchmark_field") or "").strip()
    if annual is None or capacity is None or design is None or not field_name:
        return []
    row, _ = benchmark_row(levels, field_name, (p.get("benchmark_sub_category") or "").strip())
    if row is None:
        return []
    unit = str(row["unit"])
    given_unit = (p.get("design_unit_energy_unit") or "").strip()
    if given_unit.replace(" ", "").lower() != unit.replace(" ", "").lower():
        return []
    cap_unit = (p.get("capacity_unit") or "").strip()
    pid = p["project_id"]
    window = (rules.threshold("energy_ratio_low")[0], rules.threshold("energy_ratio_high")[0])
    ef_window = (rules.threshold("energy_factor_low")[0], rules.threshold("energy_factor_high")[0])
    try:
        c = consistency(
            float(capacity),
            cap_unit,
            float(design),
            unit,
            float(annual),
            window=window,
            energy_factor_window=ef_window,
        )
    except ValueError as exc:
        return [make("I_PROJECT_ENERGY_UNCHECKED", project=pid, detail=str(exc), unit=unit)]
    if c.consistent:
        return []
    cause_zh, cause_en = likely_cause(c)
    suggest_zh = suggest_en = ""
    if c.slip_power is not None:
        fixed = float(annual) / 10.0**c.slip_power
        suggest_zh = f"；若为单位之误，年综合能耗应约为 {_fmt(fixed)} tce"
        suggest_en = f"; if it is a unit slip, the annual energy would be about {_fmt(fixed)} tce"
    rule = rules.threshold("energy_ratio_low")[1]
    return [
        make(
            "W_PROJECT_ENERGY_INCONSISTENT",
            project=pid,
            annual=_fmt(float(annual)),
            capacity=_fmt(float(capacity)),
            capacity_unit=cap_unit,
            indicator=row["indicator"],
            design=_fmt(float(design)),
            unit=unit,
            expected=_fmt(c.expected_tce),
            ratio=f"{c.ratio:.3g}",
            ratio_value=c.ratio,
            expected_tce=c.expected_tce,
            low=_fmt(c.window[0]),
            high=_fmt(c.window[1]),
            basis_zh="，能量因数口径：比值即隐含的能量因数" if c.energy_factor_basis else "",
            basis_en="; energy-factor basis: the ratio is the implied energy factor"
            if c.energy_factor_basis
            else "",
            cause_zh=cause_zh,
            cause_en=cause_en,
            slip_power=c.slip_power,
            suggest_zh=suggest_zh,
            suggest_en=suggest_en,
            **_cite(rule),
        )
    ]


def check_approvals(p: dict[str, Any], rules: TwoHighRules, as_of: str) -> list[Finding]:
    """Energy review (节能审查) and EIA (环评) present for projects being built or built, and dated in a sensible
    order: approvals before construction, construction before operation, nothing after ``as_of``."""
    pid, status = p["project_id"], p["status"]
    ev = {"project": pid, "status": status, "status_zh": STATUSES[status]}
    out: list[Finding] = []
    has_review = bool(p.get("energy_review_no") or p.get("energy_review_date"))
    has_eia = bool(p.get("eia_no") or p.get("eia_date"))
    if not has_review:
        code = "I_PROJECT_ENERGY_REVIEW_PENDING" if status == "planned" else "W_PROJECT_ENERGY_REVIEW_MISSING"
        out.append(
            _with_rule(rules, code, status, severity="serious" if status != "planned" else "pending", **ev)
        )
    if not has_eia and status != "planned":
        out.append(_with_rule(rules, "W_PROJECT_EIA_MISSING", status, **ev))
    start, operation = p.get("construction_start"), p.get("operation_start")
    problems: list[tuple[str, str, dict[str, Any]]] = []
    for key, zh, en in (
        ("energy_review_date", "节能审查", "energy review"),
        ("eia_date", "环评批复", "EIA approval"),
    ):
        d = p.get(key)
        if d and start and d > start:
            problems.append(
                (
                    f"{zh}日期 {d} 晚于开工日期 {start}（未批先建）",
                    f"the {en} of {d} is dated after construction started on {start} (built before approval)",
                    {"date": d, "construction_start": start, "which": key},
                )
            )
    if start and operation and operation < start:
        problems.append(
            (
                f"投产日期 {operation} 早于开工日期 {start}",
                (f"operation ({operation}) starts before construction ({start})"),
                {"operation_start": operation, "construction_start": start},
            )
        )
    if status == "planned" and start and start <= as_of:
        problems.append(
            (
                f"状态为拟建，但已于 {start} 开工",
                f"status is planned but construction started on {start}",
                {"construction_start": start},
            )
        )
    if status != "planned" and not start:
        out.append(make("I_PROJECT_DATES_INCOMPLETE", project=pid, status=status, status_zh=STATUSES[status]))
    for key in ("energy_review_date", "eia_date", "construction_start"):
        d = p.get(key)
        if d and d > as_of:
            problems.append(
                (f"{key} {d} 晚于核查日期 {as_of}", f"{key} {d} is after the check date {as_of}", {key: d})
            )
    for zh, en, extra in problems:
        out.append(
            _with_rule(
                rules, "W_PROJECT_APPROVAL_ORDER", status, what_zh=zh, what_en=en, **extra, project=pid
            )
        )
    return out


def check_capacity_replacement(p: dict[str, Any], rules: TwoHighRules) -> list[Finding]:
    """Capacity replacement where the sector or field requires it (发改产业〔2021〕1464号 附件 二(四); 钢铁、水泥、
    玻璃: 工信部 产能置换实施办法)."""
    if p["status"] not in NEW:
        return []
    rule = rules.capacity_rule(
        p["sector"], p.get("benchmark_field") or "", p.get("benchmark_sub_category") or ""
    )
    if rule is None or (p.get("capacity_replacement_plan") or "").strip():
        return []
    subject = SECTORS.get(rule.subject, rule.subject)
    return [
        make(
            "W_PROJECT_CAPACITY_REPLACEMENT_MISSING",
            project=p["project_id"],
            subject=subject,
            kind=rule.value,
            kind_zh=_KIND_ZH.get(rule.value, rule.value),
            capacity=p.get("capacity"),
            **_cite(rules.disposition("W_PROJECT_CAPACITY_REPLACEMENT_MISSING", p["status"]) or rule),
            requirement=rule.rule_id,
            requirement_quote=rule.quote,
        )
    ]


def check_region(p: dict[str, Any], region: RegionPosition | None, rules: TwoHighRules) -> list[Finding]:
    """The region's side: no data (said, never assumed); the 2021 suspension of energy reviews in red-grade regions;
    energy replacement where the region is behind its target; the project's share of the remaining increment."""
    pid, status = p["project_id"], p["status"]
    annual = float(p.get("annual_energy") or 0.0)
    out: list[Finding] = []
    window, wrule = rules.threshold("window_guidance_tce")
    if annual >= window:
        out.append(make("I_PROJECT_WINDOW_GUIDANCE", project=pid, project_tce=_fmt(annual), **_cite(wrule)))
    if status not in NEW:
        return out
    code = p["region_code"]
    if region is None or region.no_data is not None:
        detail = region.no_data if region is not None else "未评估 / not assessed"
        out.append(make("W_PROJECT_REGION_NO_DATA", project=pid, region=code, detail=detail))
        return out
    awaiting_review = not (p.get("energy_review_no") or p.get("energy_review_date"))
    if (
        region.intensity_grade == 1
        and status == "planned"
        and awaiting_review
        and p.get("national_major") != "yes"
    ):
        rule = rules.energy_rule("1")
        out.append(
            make(
                "W_PROJECT_REGION_RED_SUSPENDED",
                project=pid,
                region=code,
                period=region.period,
                grade=1,
                **_cite(rules.disposition("W_PROJECT_REGION_RED_SUSPENDED", status) or rule),
            )
        )
    need: tuple[Rule, str, str] | None = None
    if region.intensity_grade == 2 and (r2 := rules.energy_rule("2")) is not None:
        need = (
            r2,
            f"{region.period} 能耗强度预警为二级（黄色）",
            f"has a grade-2 (yellow) intensity warning in {region.period}",
        )
    if region.progress_met is False and (rp := rules.energy_rule("progress_not_met")) is not None:
        need = (
            rp,
            f"{region.headroom_period} 未达到能耗强度降低基本目标进度要求",
            f"missed the basic intensity target's progress in {region.headroom_period}",
        )
    replaced = float(p.get("energy_replacement_tce") or 0.0)
    kind = p.get("energy_replacement_kind") or "none"
    if need is not None and status in need[0].statuses:
        rule, why_zh, why_en = need
        ev = {
            "project": pid,
            "region": code,
            "reason_zh": why_zh,
            "reason_en": why_en,
            "kind": rule.value,
            "kind_zh": _KIND_ZH.get(rule.value, rule.value),
            "needed": _fmt(annual),
            "requirement": rule.rule_id,
        }
        if kind == "none" or replaced <= 0:
            out.append(
                make(
                    "W_PROJECT_ENERGY_REPLACEMENT_MISSING",
                    **ev,
                    **_cite(rules.disposition("W_PROJECT_ENERGY_REPLACEMENT_MISSING", status) or rule),
                )
            )
        elif replaced < annual:
            out.append(
                make(
                    "W_PROJECT_ENERGY_REPLACEMENT_SHORT",
                    **ev,
                    given=_fmt(replaced),
                    **_cite(rules.disposition("W_PROJECT_ENERGY_REPLACEMENT_SHORT", status) or rule),
                )
            )
    h = region.headroom
    if h is None:
        out.append(
            make(
                "W_PROJECT_REGION_NO_DATA",
                project=pid,
                region=code,
                detail=region.headroom_note
                or "没有五年规划目标（增量上限或 GDP 增速预期与强度目标） / no plan target (an increment cap, or "
                "planned GDP growth with an intensity target)",
            )
        )
        return out
    net = max(annual - (replaced if kind != "none" else 0.0), 0.0)
    share = h.share(net)
    ev2 = {
        "project": pid,
        "region": code,
        "project_tce": _fmt(net),
        "gross_tce": _fmt(annual),
        "replaced_tce": _fmt(annual - net),
        "headroom": _fmt(h.remaining),
        "base_energy": _fmt(h.base_energy),
        "latest_energy": _fmt(h.latest_energy),
        "allowed_target_energy": _fmt(h.allowed_target_energy),
        "basis": h.basis,
        "period": region.headroom_period,
        "plan": region.plan or "",
        "plan_zh": {"14th": "“十四五”", "15th": "“十五五”", "13th": "“十三五”"}.get(region.plan or "", ""),
        "share": _pct(share) if share is not None else "—",
        "share_value": share,
    }
    out.append(make("I_PROJECT_HEADROOM_SHARE", **ev2))
    stop, srule = rules.threshold("headroom_share_suspend")
    warn, wrule2 = rules.threshold("headroom_share_warning")
    if net > 0 and (share is None or share >= stop):
        out.append(
            make(
                "W_PROJECT_HEADROOM_EXCEEDED",
                **ev2,
                threshold=_pct(stop),
                **_cite(rules.disposition("W_PROJECT_HEADROOM_EXCEEDED", status) or srule),
            )
        )
    elif share is not None and share >= warn:
        out.append(make("W_PROJECT_HEADROOM_LARGE", **ev2, threshold=_pct(warn), **_cite(wrule2)))
    return out


def check_project(
    p: dict[str, Any],
    *,
    levels: pl.DataFrame,
    edition: str,
    region: RegionPosition | None,
    rules: TwoHighRules,
    as_of: str,
) -> list[Finding]:
    """Every check of one project (a row in ``ecer.models.projects.PROJECT_COLUMNS``).

    levels : the benchmark catalog's rows (field, sub_category, indicator, unit, benchmark_value, baseline_value[,
    direction]) of ``edition``; region : the region's dual-control position (None: not assessed); as_of : the check
    date, ISO ``YYYY-MM-DD``.
    """
    return [
        *check_approvals(p, rules, as_of),
        *check_benchmark(p, levels, edition, rules, as_of),
        *check_energy_consistency(p, levels, rules),
        *check_capacity_replacement(p, rules),
        *check_region(p, region, rules),
    ]


def suggest_disposition(findings: list[Finding], status: str, rules: TwoHighRules) -> Disposition:
    """The most severe disposition (继续 < 整改 < 暂停 < 退出) any finding calls for by the rules' ``disposition``
    rows; 继续 (continue) when none does. Each reason names the finding, the disposition, the rule and clause."""
    reasons = []
    for f in findings:
        rule = rules.disposition(f.code, status)
        if rule is None:
            continue
        reasons.append(
            {
                "code": f.code,
                "disposition": rule.value,
                "rule": rule.rule_id,
                "doc_no": rule.doc_no,
                "clause": rule.clause,
                "message_zh": f.message_zh,
                "message_en": f.message_en,
            }
        )
    by_label = {v: k for k, v in DISPOSITIONS.items()}
    for r in reasons:
        r["disposition"] = by_label.get(r["disposition"], r["disposition"])
    if not reasons:
        return Disposition("continue", [])
    worst = max(reasons, key=lambda r: DISPOSITION_ORDER[r["disposition"]])["disposition"]
    return Disposition(worst, sorted(reasons, key=lambda r: -DISPOSITION_ORDER[r["disposition"]]))


__all__ = ["REPLACEMENT_KINDS", "Disposition", "RegionPosition", "check_project", "suggest_disposition"]
