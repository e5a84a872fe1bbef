"""One report model for every format: :func:`build_report` turns an assessment result into the sections the XLSX,
the HTML and the PDF render — title and facts, the data-origin note, the summary in sentences, counts by level,
the multi-period summary, the chart, results by level, targets and their sources, the rules applied (sentences with
their clauses, and the periods each edition governed), the assumptions, the findings and a sign-off block.

Everything in it is already words in the report's language or a number in its shown unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from ecer.findings import FindingsError
from ecer.periods import Period
from ecer.reports.findings_text import FindingGroup, findings_by_kind
from ecer.reports.labels import ResultLike, code_label, fmt, magnitude_decimals
from ecer.reports.rules_text import (
    RuleSentence,
    edition_heading,
    periods_in_words,
    recompute_sentence,
    rule_sentences,
)
from ecer.reports.tables import (
    LEVELS,
    Table,
    assessment_table,
    barometer_table,
    history_table,
    level_rows,
    region_name,
    results_tables,
    targets_table,
)
from ecer.reports.wording import factor_source_text, period_label

TITLE = {"zh": "能耗双控目标完成情况评估报告", "en": "Energy dual-control assessment report"}


@dataclass(frozen=True)
class RuleBlock:
    """An edition applied: its heading, the periods it governed (in words) and its rules as sentences."""

    edition: str
    heading: str
    governs: str
    sentences: list[RuleSentence]


@dataclass
class Report:
    lang: str
    title: str
    period: str | None
    period_words: str
    facts: list[tuple[str, str]]
    origin_note: str
    synthetic: bool
    summary: list[str]
    barometer: Table
    assessment: Table | None
    history: Table
    chart: list[tuple[str, float | None, float | None, str]]
    chart_title: str
    results: list[Table]
    targets: Table
    factors: list[str]
    rules_note: str
    editions: list[RuleBlock]
    assumptions: list[str]
    findings: list[FindingGroup]
    n_rows: int
    section_titles: dict[str, str] = field(default_factory=dict)
    today: str = field(default_factory=lambda: date.today().isoformat())


def report_period(result: ResultLike) -> str | None:
    """The period shown in detail: ``meta['period']`` if given, else the latest year (without a year, the latest
    period) in the table."""
    if result.meta.get("period"):
        return str(result.meta["period"])
    t = result.table
    if t.is_empty():
        return None
    years = t.filter(pl.col("period_kind") == "Y") if "period_kind" in t.columns else t
    pool = years if not years.is_empty() else t
    return max(pool["period"].unique().to_list(), key=lambda s: Period.parse(s).sort_key())


def chart_rows(result: ResultLike, period: str | None) -> pl.DataFrame:
    """Rows of the chart: the period's provinces if there are any (else every region), in code order."""
    t = result.table
    if period is None:
        return t.head(0)
    t = t.filter(pl.col("period") == period)
    prov = t.filter(pl.col("level") == "province")
    return (prov if not prov.is_empty() else t).sort("region_code")


def applied_editions(result: ResultLike) -> dict[str, Any]:
    """The rule editions that governed the table's periods (``RuleEdition`` objects), by name, oldest first: the
    chosen one as the result carries it, the others from the catalog with the chosen one's open choices."""
    chosen = result.edition
    names = result.table["rule_edition"].drop_nulls().unique().to_list() if "rule_edition" in result.table.columns \
        else []
    out: dict[str, Any] = {}
    for name in names:
        if name == chosen.edition:
            out[name] = chosen
            continue
        try:
            from ecer import refdata
            from ecer.core.dual_control.editions import CARRIED_OPTIONS

            out[name] = refdata.rule_edition(name).model_copy(
                update={k: getattr(chosen, k) for k in CARRIED_OPTIONS})
        except FindingsError:  # an edition the catalog does not know: named, without sentences
            out[name] = None
    return dict(sorted(out.items(), key=lambda kv: getattr(kv[1], "effective_from", kv[0])))


def _names(t: pl.DataFrame, lang: str) -> dict[str, str]:
    if t.is_empty():
        return {}
    rows = t.unique("region_code").select("region_code", "name_zh", "name_en").to_dicts()
    return {r["region_code"]: region_name(r, lang) for r in rows}


def _listing(names: list[str], lang: str, limit: int = 8) -> str:
    if not names:
        return ""
    shown = ("、" if lang == "zh" else ", ").join(names[:limit])
    more = len(names) - limit
    if more > 0:
        shown += f"等 {len(names)} 个" if lang == "zh" else f" and {more} more"
    return f"（{shown}）" if lang == "zh" else f" ({shown})"


def _summary(rows: pl.DataFrame, period: str, rules: str, lang: str) -> list[str]:
    zh = lang == "zh"
    out = []
    covered = []
    for level in LEVELS:
        n = rows.filter(pl.col("level") == level).height
        if n:
            covered.append(code_label("level_group", level, lang) if level == "national" else
                         (f"{n} 个{code_label('level_group', level, lang)}" if zh else
                          f"{code_label('level_group', level, lang)} ({n})"))
    words = period_label(period, lang)
    out.append(f"本报告评估{words}能耗双控目标完成情况，范围为{'、'.join(covered)}，按 {rules}核算。" if zh else
               f"This report assesses energy dual control for {words}: {', '.join(covered)}, under {rules}.")
    nat = rows.filter(pl.col("level") == "national").to_dicts()
    if nat:
        r = nat[0]
        def E(c: str) -> str:
            v = r[c] / 1e4 if r.get(c) is not None else None
            return fmt(v, "wan_tce", decimals=magnitude_decimals([v], "wan_tce"))

        def P(c: str) -> str:
            return fmt(r.get(c), "pct")

        allowed = r.get("energy_allowed") is not None
        ch = r.get("intensity_change_yoy")
        move = ("下降" if ch is not None and ch < 0 else "上升") if zh else ("fell" if ch is not None and ch < 0
                                                                         else "rose")
        ch_abs = fmt(abs(ch) if ch is not None else None, "pct")
        if zh:
            limit = (f"（允许增速 {P('allowed_energy_growth')}，允许总量 {E('energy_allowed')} 万吨标准煤）" if allowed
                     else "（无允许增速）")
            out.append(f"全国：能源消费总量 {E('total_energy')} 万吨标准煤，总量考核能耗 {E('energy_for_total')} 万吨标准煤，"
                       f"同比增长 {P('energy_growth_yoy')}{limit}；能耗强度 {fmt(r.get('intensity'), 'intensity')} 吨标准煤/万元，"
                       f"同比{move} {ch_abs}（本期降低要求 {P('required_reduction_annual')}），较基期累计降低 "
                       f"{P('intensity_reduction_cumulative')}（进度要求 {P('required_reduction_cumulative')}）；"
                       f"强度预警{_grade(r.get('intensity_grade'), lang)}，总量预警{_grade(r.get('total_grade'), lang)}。")
        else:
            limit = (f" (allowed {P('allowed_energy_growth')}, an allowed total of {E('energy_allowed')} 10⁴ tce)"
                     if allowed else " (no allowed growth)")
            out.append(f"China: total energy {E('total_energy')} 10⁴ tce, energy for the total check "
                       f"{E('energy_for_total')} 10⁴ tce, growth {P('energy_growth_yoy')}{limit}; intensity "
                       f"{fmt(r.get('intensity'), 'intensity')} tce/10⁴ CNY, which {move} {ch_abs} y/y (required "
                       f"{P('required_reduction_annual')}) and {P('intensity_reduction_cumulative')} since the base "
                       f"year (required {P('required_reduction_cumulative')}); intensity "
                       f"{_grade(r.get('intensity_grade'), lang)}, total {_grade(r.get('total_grade'), lang)}.")
    for level in ("province", "city", "county"):
        lv = rows.filter(pl.col("level") == level)
        if lv.is_empty():
            continue
        parts = []
        for c, what in (("intensity_grade", "能耗强度" if zh else "intensity"),
                        ("total_grade", "能源消费总量" if zh else "total")):
            counts = []
            for g in (1, 2, 3):
                names = [region_name(r, lang) for r in lv.filter(pl.col(c) == g).to_dicts()]
                n = len(names)
                counts.append((f"{_grade(g, lang)} {n} 个" if zh else f"{n} {_grade(g, lang)}")
                              + (_listing(names, lang) if g == 1 else ""))
            parts.append(f"{what}{'，'.join(counts)}" if zh else f"{what}: {', '.join(counts)}")
        group = code_label("level_group", level, lang)
        out.append(f"{lv.height} 个{group}中，{'；'.join(parts)}。" if zh else
                   f"{group[:1].upper()}{group[1:]} ({lv.height}): {'; '.join(parts)}.")
        if lv["assessment_scope"].drop_nulls().len():
            scope = code_label("assessment_scope", lv["assessment_scope"].drop_nulls()[0], lang)
            a_parts = []
            for c, what in (("intensity_assessment", "强度" if zh else "intensity"),
                            ("total_assessment", "总量" if zh else "total")):
                v = lv[c].to_list()
                met = v.count("met") + v.count("met_by_progress")
                missed = [region_name(r, lang) for r in lv.filter(pl.col(c) == "not_met").to_dicts()]
                by_progress = v.count("met_by_progress")
                s = (f"{what}目标完成 {met} 个" + (f"（其中以五年进度视同完成 {by_progress} 个）" if by_progress else "")
                     + f"，未完成 {len(missed)} 个{_listing(missed, lang)}" if zh else
                     f"{what} met by {met}" + (f" ({by_progress} by five-year progress)" if by_progress else "")
                     + f", not met by {len(missed)}{_listing(missed, lang)}")
                if c == "total_assessment" and v.count("exempt"):
                    s += f"，免予考核 {v.count('exempt')} 个" if zh else f", exempt: {v.count('exempt')}"
                a_parts.append(s)
            out.append(f"{scope}：{'；'.join(a_parts)}。" if zh else f"{scope[:1].upper()}{scope[1:]}: {'; '.join(a_parts)}.")
    return out


def _grade(g: Any, lang: str) -> str:
    return code_label("grade", int(g), lang) if g is not None else ("无等级" if lang == "zh" else "no grade")


def _origin(result: ResultLike, lang: str) -> tuple[str, bool, str]:
    t = result.table
    origins = sorted(set(t["data_origin"].drop_nulls().to_list())) if "data_origin" in t.columns else []
    synthetic = any("synthetic" in o for o in origins) or bool(result.meta.get("synthetic"))
    words = ("、" if lang == "zh" else ", ").join(code_label("data_origin", o, lang) for o in origins) or "—"
    if synthetic:
        note = ("数据说明：本报告使用的数据含模拟数据（演示用合成数据），不是官方统计数据；部分目标和折标系数同为演示值"
                "（见目标来源）。评估结果仅供演示，不得作为考核依据。" if lang == "zh" else
                "Data note: this report uses synthetic (demo) data, not official statistics; some targets and "
                "factors are demo values as well (see the target sources). The results are a demonstration and "
                "must not be used for an assessment.")
    else:
        note = (f"数据说明：数据性质为{words}。" if lang == "zh" else f"Data note: the data are {words}.")
    return note, synthetic, words


def _source_words(source: Any, lang: str) -> str:
    s = str(source or "")
    if s == "store":
        return "ECER 数据库" if lang == "zh" else "the ECER store"
    if s.startswith("files in "):
        return (f"文件夹 {s[9:]} 中的文件" if lang == "zh" else f"the files in {s[9:]}")
    return s or "—"


def _factors(rows: pl.DataFrame, names: dict[str, str], lang: str) -> list[str]:
    """The electricity factors the detail period used, each once, in words."""
    if "electricity_factor_source" not in rows.columns:
        return []
    used = rows.select("electricity_basis", "electricity_factor", "electricity_factor_rate",
                       "electricity_factor_source").unique().drop_nulls("electricity_factor").sort(
        "electricity_factor_source")
    out = []
    for basis, k, rate, source in used.iter_rows():
        b = code_label("electricity_basis", basis, lang)
        if rate not in (None, "calorific"):
            b += f"（{code_label('electricity_factor_rate', rate, lang)}）" if lang == "zh" else \
                f" ({code_label('electricity_factor_rate', rate, lang)})"
        src = factor_source_text(source, lang, names)
        out.append(f"{b} {k:.4f} 吨标准煤/兆瓦时：{src}" if lang == "zh" else f"{b} {k:.4f} tce/MWh: {src}")
    return out


def _rule_blocks(result: ResultLike, editions: dict[str, Any], lang: str) -> list[RuleBlock]:
    t = result.table
    blocks = []
    for name, e in editions.items():
        periods = t.filter(pl.col("rule_edition") == name)["period"].unique().to_list()
        years = sorted(Period.parse(p).year for p in periods if Period.parse(p).kind == "Y")
        heading = edition_heading(e, lang) if e is not None else (f"{name} 版规则" if lang == "zh" else
                                                                 f"the {name} rules")
        if years and lang == "zh":
            heading = f"{'、'.join(str(y) for y in years)} 年按 {heading}核算"
        elif years:
            heading = f"{', '.join(str(y) for y in years)}: assessed under {heading}"
        blocks.append(RuleBlock(name, heading[:1].upper() + heading[1:], periods_in_words(periods, lang),
                                rule_sentences(e, lang) if e is not None else []))
    return blocks


SECTIONS = {
    "summary": ("一、概况", "1. Summary"), "counts": ("二、预警和考核结果统计", "2. Counts by level"),
    "history": ("三、各期概览", "3. Periods at a glance"), "chart": ("四、累计降低率与进度要求", "4. Reduction vs required"),
    "results": ("五、各地区评估结果", "5. Results by region"), "targets": ("六、目标及其来源", "6. Targets and sources"),
    "rules": ("七、核算规则及依据", "7. Rules applied and their clauses"),
    "assumptions": ("八、计算方法与假设", "8. Method and assumptions"), "findings": ("九、问题清单", "9. Findings"),
    "signoff": ("审核签发", "Sign-off"),
}


def build_report(result: ResultLike, lang: str = "zh") -> Report:
    """The report model of ``result`` in ``lang`` ('zh' or 'en')."""
    from ecer.core.targets.barometer import DEFAULT_THRESHOLDS

    zh = lang == "zh"
    t = result.table
    period = report_period(result)
    rows = level_rows(t.filter(pl.col("period") == period)) if period else t.head(0)
    names = _names(t, lang)
    editions = applied_editions(result)
    detail_edition = rows["rule_edition"][0] if not rows.is_empty() else None
    e = editions.get(detail_edition) if detail_edition else None
    rules = (edition_heading(e, lang) if e is not None else
             (f"{detail_edition} 版规则" if zh else f"the {detail_edition} rules") if detail_edition else "—")
    words = period_label(period, lang) if period else "—"
    note, synthetic, origin_words = _origin(result, lang)
    plan = rows["plan"].drop_nulls()[0] if not rows.is_empty() and rows["plan"].drop_nulls().len() else None
    kind = Period.parse(period).kind if period else None
    kind_words = code_label("period_kind", kind, lang)
    facts = [("评估期" if zh else "Period", words if kind in (None, "Y") else
              (f"{words}（{kind_words}）" if zh else f"{words} ({kind_words})")),
             ("五年规划" if zh else "Plan", code_label("plan", plan, lang)),
             ("核算规则" if zh else "Rules", rules),
             ("所选规则版本" if zh else "Edition chosen", f"{result.edition.edition} 版" if zh else
              f"{result.edition.edition}"),
             ("数据来源" if zh else "Data source", _source_words(result.meta.get("source"), lang)),
             ("数据性质" if zh else "Data origin", origin_words),
             ("生成日期" if zh else "Generated", date.today().isoformat())]
    level_heads = {lvl: code_label("level_group", lvl, lang) for lvl in LEVELS}
    results: list[Table] = []
    top = rows.filter(pl.col("level").is_in(["national", "province"]))
    if not top.is_empty():
        results += results_tables(top, "province", lang, names, "全国和省级地区" if zh else "China and provinces")
    for lvl in ("city", "county"):
        sub = rows.filter(pl.col("level") == lvl)
        results += results_tables(sub, lvl, lang, names, level_heads[lvl])
    other = rows.filter(pl.col("level").is_null() | ~pl.col("level").is_in(list(LEVELS)))
    results += results_tables(other, "other", lang, names, "其他地区" if zh else "Other regions")
    chart = [(region_name(r, lang), r.get("intensity_reduction_cumulative"), r.get("required_reduction_cumulative"),
              str(r.get("intensity_color") or "grey")) for r in chart_rows(result, period).to_dicts()]
    findings = findings_by_kind(result.findings, names, lang)
    counts = {g.level: len(g.items) for g in findings}
    summary = _summary(rows, period, rules, lang) if period else [
        "没有可评估的数据。" if zh else "There is nothing to assess."]
    summary.append(f"问题清单共 {sum(counts.values())} 条：错误 {counts['error']} 条，警告 {counts['warning']} 条，"
                   f"提示 {counts['info']} 条（见第九节）。" if zh else
                   f"Findings: {sum(counts.values())} (errors {counts['error']}, warnings {counts['warning']}, "
                   f"notes {counts['info']}; section 9).")
    margin = float((result.meta.get("thresholds") or {}).get("total_red_margin", DEFAULT_THRESHOLDS.total_red_margin))
    return Report(
        lang=lang, title=TITLE[lang], period=period, period_words=words, facts=facts, origin_note=note,
        synthetic=synthetic, summary=summary,
        barometer=barometer_table(rows, lang, f"{words}预警等级（地区数）" if zh else f"{words}: barometer grades"),
        assessment=assessment_table(rows, lang, f"{words}考核结果（地区数）" if zh else f"{words}: assessment"),
        history=history_table(t, lang, "各期预警和考核（地区数）" if zh else "Grades and assessment by period"),
        chart=chart, chart_title=(f"{words}能耗强度累计降低率与进度要求（较基期）" if zh else
                                  f"{words}: cumulative intensity reduction vs required (since the base year)"),
        results=results,
        targets=targets_table(rows, lang, names, f"{words}各地区目标" if zh else f"{words}: targets"),
        factors=_factors(rows, names, lang), rules_note=recompute_sentence(result.edition, lang),
        editions=_rule_blocks(result, editions, lang),
        assumptions=_assumptions(result, editions, margin, lang), findings=findings, n_rows=t.height,
        section_titles={k: v[0] if zh else v[1] for k, v in SECTIONS.items()},
    )


def _assumptions(result: ResultLike, editions: dict[str, Any], margin: float, lang: str) -> list[str]:
    from ecer.reports.rules_text import assumptions

    return assumptions(result.edition, list(editions.values()), margin, lang)
