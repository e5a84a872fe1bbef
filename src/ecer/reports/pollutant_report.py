"""The pollutant total-emission control report (主要污染物总量减排进展报告, issue 8 §5): XLSX, printable HTML and PDF
of the core's frames (:mod:`ecer.core.pollutants`) — a document a director signs.

Input (:class:`PollutantReportInput`): the ledger (:func:`ecer.core.pollutants.account`), percentage progress with
barometer grades (:func:`ecer.core.pollutants.percentage_progress`), optionally key-project quantity progress
(:func:`ecer.core.pollutants.quantity_progress`) and the measures counted (:func:`ecer.core.pollutants.
measure_reductions`), every finding of the run, and the region names. The service hands these over as they are.

Content (:func:`build_pollutant_report`, one model for the three writers):

* 概要 — sentences per pollutant: base-year and latest emissions in 万吨 (tonnes beside), the cumulative reduction
  (rate and absolute) against the 国发〔2021〕33号 target and against the even-pace requirement of that year, the
  barometer grade in words; the key-project quantity achieved against what is due; the reductions by kind; the
  findings counted;
* 分地区进展 — one row per region and pollutant at its latest year, and a bar chart (inline SVG) of the cumulative
  reduction per region against the even-pace requirement, coloured by grade;
* 重点工程减排量 — the key-project quantity progress year by year;
* 减排措施 — reductions by kind (工程 / 结构 / 管理) in tonnes per region, pollutant and year, and every measure;
* 排放台账 — E_t = E_{t−1} + new − cuts, year by year;
* 问题清单 — every finding in words (message, where, fix);
* 依据与方法 — the documents and clauses of the targets and quotas, and the formulas used.

Units: emissions and reductions in tonnes [t] in the frames; the summary and the region table state 万吨 (10⁴ t,
converted with :func:`ecer.units.factor`) with tonnes beside. Text cells of the XLSX are written with
``write_string`` after :data:`ecer.safe_cells.FORMULA_START` neutralisation (never a formula); the HTML is escaped
(Jinja2 autoescape). Chinese edition by default, English with ``lang="en"``.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
import polars as pl
import xlsxwriter

from ecer import refdata
from ecer.findings import Finding, FindingsError, make
from ecer.models.pollutants import MEASURE_KINDS, POLLUTANTS
from ecer.reports.findings_text import findings_by_kind
from ecer.reports.labels import COLORS, GRADE_COLOR, code_label
from ecer.reports.svg_charts import FONT, bar_vs_required, short_name
from ecer.reports.wording import one_language
from ecer.safe_cells import FORMULA_START
from ecer.units import factor

Kind = Literal["text", "wan_t", "t", "pct", "ratio", "int", "grade"]
WAN_T = factor("t", "万吨")  # 1 t = 10⁻⁴ 万吨

METHOD_WORDS: dict[str, tuple[str, str]] = {
    "sewage_plant": ("污水处理厂（工程减排）", "sewage plant (engineering)"),
    "efficiency_raise": ("治理设施效率提高（工程减排）", "treatment efficiency raised (engineering)"),
    "closure": ("关停淘汰（结构减排）", "closure (structural)"),
    "management": ("管理减排（稳定运行次月起计）", "management (from the month after stable operation)"),
    "reported": ("直接填报", "reported as computed elsewhere"),
}
GRADE_MEANING: dict[int, tuple[str, str]] = {
    1: ("排放量不降反升", "emissions rose"),
    2: ("有所下降但慢于当年要求", "fell, but less than the year's requirement"),
    3: ("达到当年要求", "on pace with the year's requirement"),
}
QUANTITY_GRADE_MEANING: dict[int, tuple[str, str]] = {
    1: ("当年净减排量为负", "the year's net reductions were negative"),
    2: ("当年减排量少于年均应完成量", "the year's reductions were below the yearly share"),
    3: ("当年减排量达到年均应完成量", "the year's reductions reached the yearly share"),
}


@dataclass(frozen=True)
class PollutantReportInput:
    """What the report reads. ``ledger``: ``ecer.core.pollutants.ledger.LEDGER_COLUMNS``; ``progress``:
    ``PERCENT_COLUMNS``; ``quantity``: ``QUANTITY_COLUMNS`` or None; ``measures``: ``MEASURE_SCHEMA`` (+ ``method``)
    or None; ``findings``: every finding of the run; ``names``: region code → (Chinese name, English name or None),
    defaulting to the bundled region catalog; ``assignments``: the key-project table with doc_no and clause
    (:func:`ecer.core.pollutants.targets.key_project_assignments`) for the sources, or None; ``data_origin``: a
    ``data_origin`` code of :mod:`ecer.reports.labels` (``synthetic`` for the demo); ``as_of``: the date of the
    report; ``data_source``: where the data came from, in words."""

    ledger: pl.DataFrame
    progress: pl.DataFrame
    quantity: pl.DataFrame | None = None
    measures: pl.DataFrame | None = None
    findings: Sequence[Finding] = ()
    names: Mapping[str, tuple[str, str | None]] | None = None
    assignments: pl.DataFrame | None = None
    data_origin: str = "user"
    as_of: str = ""
    data_source: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = "text"


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    print_limit: int | None = None  # rows the HTML/PDF prints (the XLSX has them all)


@dataclass
class PollutantReport:
    lang: str
    title: str
    facts: list[tuple[str, str]]
    summary: list[str]
    origin_note: str
    tables: list[Table]
    charts: list[str]
    findings: list[Any]
    sources: list[str]
    methods: list[str]
    labels: dict[str, str]


LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN", "title": "主要污染物总量减排进展报告", "title_en": "Pollutant total-emission control report",
        "page_counter": '"第 " counter(page) " 页，共 " counter(pages) " 页"',
        "h_summary": "一、概要", "h_region": "二、分地区进展", "h_quantity": "三、重点工程减排量完成情况",
        "h_measures": "四、减排措施（按类型）", "h_ledger": "五、排放台账", "h_findings": "六、问题清单",
        "h_sources": "七、依据与计算方法", "sources": "依据", "methods": "计算方法与假设",
        "no_findings": "未发现问题。", "fix": "处理：", "where": "位置：", "sign": "签发：", "date": "日期：",
        "f_asof": "报告日期", "f_source": "数据来源", "f_origin": "数据性质", "f_years": "核算年份",
        "f_regions": "地区", "f_pollutants": "污染物", "none": "无", "sep": "、",
        "s_summary": "概要", "s_region": "分地区进展", "s_quantity": "重点工程减排量", "s_measures": "减排措施",
        "s_measure_list": "措施清单", "s_ledger": "排放台账", "s_findings": "问题清单", "s_sources": "依据与方法",
        "chart": "累计降低率（较基年）", "chart_value": "累计降低率", "chart_req": "均衡进度要求",
        "no_rows": "无数据。",
        "more": "以上列出前 {shown} 行，另有 {n} 行，见 Excel 报告（全部行）。",
        "chart_note": "图中条形为累计降低率（较基年），颜色为当年预警等级（较上年变化与当年要求比较），黑色竖线为均衡进度要求（累计）。",
    },
    "en": {
        "html_lang": "en", "title": "Pollutant total-emission control report", "title_en": "",
        "page_counter": '"page " counter(page) " of " counter(pages)',
        "h_summary": "1. Summary", "h_region": "2. Progress by region", "h_quantity": "3. Key-project reductions",
        "h_measures": "4. Reduction measures by kind", "h_ledger": "5. Emission ledger", "h_findings": "6. Findings",
        "h_sources": "7. Sources and methods", "sources": "Sources", "methods": "Methods and assumptions",
        "no_findings": "No findings.", "fix": "Fix: ", "where": "Where: ", "sign": "Signed: ", "date": "Date: ",
        "f_asof": "Report date", "f_source": "Data", "f_origin": "Nature of the data", "f_years": "Years accounted",
        "f_regions": "Regions", "f_pollutants": "Pollutants", "none": "none", "sep": ", ",
        "s_summary": "Summary", "s_region": "By region", "s_quantity": "Key-project reductions",
        "s_measures": "Measures by kind", "s_measure_list": "Measures", "s_ledger": "Ledger", "s_findings": "Findings",
        "s_sources": "Sources and methods", "chart": "Cumulative reduction since the base year",
        "chart_value": "cumulative reduction", "chart_req": "even-pace requirement", "no_rows": "No data.",
        "more": "The first {shown} rows are printed; {n} more are in the Excel report (every row).",
        "chart_note": "Bars: the cumulative reduction since the base year, coloured by the year's barometer grade (the "
                      "year's change against the year's requirement); black tick: the even-pace requirement to date.",
    },
}  # fmt: skip


def _zh(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _wan(t: Any) -> str:
    """Tonnes as 万吨 with four decimals (5.0665)."""
    return "—" if _missing(t) else f"{float(t) * WAN_T:,.4f}"


def _t(t: Any) -> str:
    """Tonnes with thousands separators and up to two decimals (1,003.25; 600)."""
    if _missing(t):
        return "—"
    s = f"{float(t):,.2f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _pct(x: Any, d: int = 2) -> str:
    if _missing(x):
        return "—"
    s = f"{float(x) * 100:.{d}f}%"
    return s[1:] if s.startswith("-") and not s.strip("-0.%") else s


def _ratio(x: Any) -> str:
    return "—" if _missing(x) else f"{float(x):.2f}"


def pollutant_name(code: str, lang: str = "zh") -> str:
    """化学需氧量（COD） / chemical oxygen demand (COD); an unknown code as given."""
    pair = POLLUTANTS.get(code)
    if pair is None:
        return code
    return f"{pair[0]}（{code}）" if lang == "zh" else f"{pair[1]} ({code})"


def kind_name(kind: str, lang: str = "zh") -> str:
    pair = MEASURE_KINDS.get(kind)
    return kind if pair is None else (pair[0] if lang == "zh" else pair[1])


def grade_words(grade: Any, lang: str = "zh", *, quantity: bool = False) -> str:
    """一级（红）：排放量不降反升 / grade 1 (red): emissions rose; — without a grade."""
    if _missing(grade):
        return _zh(lang, "无等级（规划期外）", "no grade (outside the plan)")
    g = int(grade)
    meaning = (QUANTITY_GRADE_MEANING if quantity else GRADE_MEANING)[g]
    return f"{code_label('grade', g, lang)}{_zh(lang, '：', ': ')}{meaning[0] if lang == 'zh' else meaning[1]}"


def _catalog_names(codes: list[str]) -> dict[str, tuple[str, str | None]]:
    from ecer.refdata.lookups import regions

    hit = regions().filter(pl.col("region_code").is_in(codes))
    return {r["region_code"]: (r["name_zh"], r["name_en"]) for r in hit.iter_rows(named=True)}


def _region_namer(data: PollutantReportInput, lang: str) -> dict[str, str]:
    codes = sorted(set(data.ledger["region_code"].to_list()) | set(data.progress["region_code"].to_list()))
    names = dict(_catalog_names(codes))
    if data.names:
        names.update(data.names)
    out = {}
    for c in codes:
        zh, en = names.get(c, (None, None))
        if lang == "en":
            out[c] = f"{en or zh} ({c})" if (en or zh) else f"region {c}"
        else:
            out[c] = f"{zh}（{c}）" if zh else f"地区 {c}"
    return out


def _target_words(row: Mapping[str, Any], at_least: Mapping[str, bool], lang: str) -> str:
    floor = at_least.get(row["pollutant"], False)
    t = _pct(row["target_reduction"], 0 if abs(row["target_reduction"] * 100 - round(row["target_reduction"] * 100))
             < 1e-9 else 2)
    if lang == "zh":
        return f"{row['target_year']} 年比 {row['base_year']} 年下降 {t}{'以上' if floor else ''}"
    return f"down {t}{' or more' if floor else ''} by {row['target_year']} from {row['base_year']}"


def _national_targets() -> pl.DataFrame:
    """国发〔2021〕33号's targets in fractions (:func:`ecer.core.pollutants.targets.national_targets`) with the quoted
    sentence of the catalog table."""
    from ecer.core.pollutants.targets import national_targets

    quotes = refdata.load("pollutant_targets_national").data.select("pollutant", "quote")
    return national_targets().join(quotes, on="pollutant", how="left")


def _latest(frame: pl.DataFrame) -> pl.DataFrame:
    """Each region and pollutant at its latest year."""
    if frame.is_empty():
        return frame
    return (
        frame.sort("region_code", "pollutant", "year")
        .group_by("region_code", "pollutant", maintain_order=True)
        .last()
    )


def _percent_sentence(r: Mapping[str, Any], region: str, at_least: Mapping[str, bool], cite: str,
                      lang: str) -> str:
    p = pollutant_name(r["pollutant"], lang)
    d, e0, et = r["reduction_cumulative"], r["base_emissions"], r["emissions"]
    cut = e0 - et
    on = r["on_pace"]
    if lang == "zh":
        change = (f"较基年累计下降 {_pct(d)}（减少 {_wan(cut)} 万吨，即 {_t(cut)} 吨）" if d >= 0 else
                  f"较基年不降反升 {_pct(-d)}（增加 {_wan(-cut)} 万吨，即 {_t(-cut)} 吨）")
        pace = "达到" if on else "落后于"
        met = ""
        if r["target_met"] is not None:
            met = f"，规划目标{'已完成' if r['target_met'] else '未完成'}"
        yoy = r["change_yoy"]
        yoy_text = (f"较上年{'下降' if yoy < 0 else '上升'} {_pct(abs(yoy))}（当年要求下降 "
                    f"{_pct(r['required_annual'])}）") if not _missing(yoy) else "较上年无可比数据"
        return (f"{region}{p}：{r['base_year']} 年（基年）排放 {_wan(e0)} 万吨（{_t(e0)} 吨），{r['year']} 年排放 "
                f"{_wan(et)} 万吨（{_t(et)} 吨），{change}；目标为 {_target_words(r, at_least, lang)}（{cite}），"
                f"按均衡进度 {r['year']} 年应累计下降 {_pct(r['required_cumulative'])}，{pace}均衡进度{met}"
                f"（进度比 {_ratio(r['progress_ratio'])}）；{r['year']} 年排放量{yoy_text}，预警等级为"
                f"{grade_words(r['grade'], lang)}。")
    change = (f"down {_pct(d)} since the base year ({_wan(cut)} 10⁴ t, i.e. {_t(cut)} t less)" if d >= 0 else
              f"up {_pct(-d)} since the base year instead of down ({_wan(-cut)} 10⁴ t, i.e. {_t(-cut)} t more)")
    met = "" if r["target_met"] is None else f"; the plan's target is {'met' if r['target_met'] else 'not met'}"
    yoy = r["change_yoy"]
    yoy_text = (f"{'fell' if yoy < 0 else 'rose'} {_pct(abs(yoy))} on the year before (the year's requirement: "
                f"down {_pct(r['required_annual'])})") if not _missing(yoy) else "has no previous year to compare"
    return (f"{region}, {p}: {_wan(e0)} 10⁴ t ({_t(e0)} t) in {r['base_year']} (base year), {_wan(et)} 10⁴ t "
            f"({_t(et)} t) in {r['year']}, {change}; the target is {_target_words(r, at_least, lang)} ({cite}); "
            f"the even pace asks for a cumulative reduction of {_pct(r['required_cumulative'])} by {r['year']}, so "
            f"the region is {'on' if on else 'behind'} pace (progress ratio {_ratio(r['progress_ratio'])}){met}; "
            f"in {r['year']} emissions {yoy_text}: {grade_words(r['grade'], lang)}.")


def _quantity_sentence(r: Mapping[str, Any], region: str, lang: str) -> str:
    p = pollutant_name(r["pollutant"], lang)
    share_year = r["assigned"] / 5.0
    if lang == "zh":
        pace = "达到" if r["on_pace"] else "落后于"
        return (f"{region}{p}重点工程减排量：下达 {_t(r['assigned'])} 吨（{r['base_year']}—{r['target_year']} 年），截至 "
                f"{r['year']} 年累计完成 {_t(r['achieved_cumulative'])} 吨，占下达量的 {_pct(r['achieved_share'], 1)}，"
                f"按时序应完成 {_t(r['required_cumulative'])} 吨（进度比 {_ratio(r['progress_ratio'])}，{pace}时序进度），"
                f"尚余 {_t(r['remaining'])} 吨；{r['year']} 年减排 {_t(r['reduction_year'])} 吨（年均应完成 "
                f"{_t(share_year)} 吨），预警等级为{grade_words(r['grade'], lang, quantity=True)}。")
    return (f"{region}, {p} key-project reductions: {_t(r['assigned'])} t assigned ({r['base_year']}–"
            f"{r['target_year']}); {_t(r['achieved_cumulative'])} t achieved by {r['year']}, "
            f"{_pct(r['achieved_share'], 1)} of the quota, against {_t(r['required_cumulative'])} t due at a linear "
            f"pace (progress ratio {_ratio(r['progress_ratio'])}, {'on' if r['on_pace'] else 'behind'} pace), "
            f"{_t(r['remaining'])} t to go; {_t(r['reduction_year'])} t in {r['year']} (yearly share "
            f"{_t(share_year)} t): {grade_words(r['grade'], lang, quantity=True)}.")


def _kinds_sentence(led: pl.DataFrame, pollutant: str, region: str, lang: str) -> str:
    y0, y1 = int(led["year"].min()), int(led["year"].max())  # type: ignore[arg-type]
    sums = {k: float(led[f"reduction_{k}"].sum()) for k in MEASURE_KINDS}
    total = sum(sums.values())
    new = float(led["new_emissions"].sum())
    p = pollutant_name(pollutant, lang)
    years = f"{y0}—{y1}" if y0 != y1 else f"{y0}"
    parts = []
    for k, v in sums.items():
        share = f"（{_pct(v / total, 1)}）" if lang == "zh" and total > 0 else (
            f" ({_pct(v / total, 1)})" if total > 0 else "")
        parts.append(f"{kind_name(k, lang)} {_t(v)} {_zh(lang, '吨', 't')}{share}")
    if lang == "zh":
        none = "" if led["has_increment"].any() else "（未填报新增量，按 0 计）"
        return (f"{region}{p} {years} 年核算减排量合计 {_t(total)} 吨，其中" + "、".join(parts)
                + f"；同期新增排放量 {_t(new)} 吨{none}。")
    none = "" if led["has_increment"].any() else " (none given, counted as 0)"
    return (f"{region}, {p}, {years}: reductions {_t(total)} t in all — " + ", ".join(parts)
            + f"; new emissions over the same years {_t(new)} t{none}.")


PRINT_ROWS = {"quantity": 130, "measures": 130, "measure_list": 60, "ledger": 60}
"""Rows of the long tables the HTML/PDF prints; the XLSX holds every row (the printout says how many are left)."""
TOTAL = "total"  # the region code of the regions' sum in the summary (never shown: it is named in words)
_SUM_COLUMNS = ("base_emissions", "emissions_prev", "new_emissions", "reduction_engineering", "reduction_structural",
                "reduction_management", "reduction_total", "emissions")


def _total_ledger(ledger: pl.DataFrame, codes: list[str], lang: str) -> tuple[pl.DataFrame, str] | None:
    """The ledger summed over the regions, per pollutant and year — when they are all of one level in the catalog
    (so none contains another: provinces, or cities) and share each pollutant's base year — with the words naming
    the sum (31 个省（自治区、直辖市）合计); None otherwise. Σ E_t is accounted like a region's E_t (the balance is
    linear), so its progress is the core's :func:`~ecer.core.pollutants.percentage_progress` of the sum."""
    from ecer.refdata.lookups import regions

    cat = regions().filter(pl.col("region_code").is_in(codes))
    levels = set(cat["level"].to_list())
    if cat.height != len(codes) or len(levels) != 1 or levels == {"national"}:
        return None
    if ledger.group_by("pollutant").agg(pl.col("base_year").n_unique().alias("n"))["n"].max() != 1:
        return None
    level = levels.pop()
    total = ledger.group_by("pollutant", "year", "base_year").agg(
        *[pl.col(c).sum() for c in _SUM_COLUMNS], pl.col("measures").sum(), pl.col("has_increment").any(),
    ).with_columns(region_code=pl.lit(TOTAL)).sort("pollutant", "year")
    group = code_label("level_group", level, lang)
    words = f"{len(codes)} 个{group}合计" if lang == "zh" else f"the {len(codes)} {group} together"
    return total, words


def _summary_regions(codes: list[str]) -> list[str]:
    """The regions the summary speaks of: the national total if present, else every region when few (≤ 3)."""
    if "100000" in codes:
        return ["100000"]
    return codes if len(codes) <= 3 else []


def build_pollutant_report(data: PollutantReportInput, lang: str = "zh") -> PollutantReport:
    """The report model of ``data`` in ``lang`` (``zh`` or ``en``)."""
    if lang not in LABELS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告语言 / report language", value=lang, valid="zh, en")])
    L = LABELS[lang]
    names = _region_namer(data, lang)
    nat = _national_targets()
    at_least = dict(zip(nat["pollutant"], nat["at_least"], strict=True))
    cites = {r["pollutant"]: f"{r['doc_no']} {r['clause']}" for r in nat.iter_rows(named=True)}
    prog = data.progress
    latest = _latest(prog)
    regions = sorted(set(data.ledger["region_code"].to_list()))
    pollutants = [p for p in POLLUTANTS if p in set(data.ledger["pollutant"].to_list())]
    pollutants += sorted(set(data.ledger["pollutant"].to_list()) - set(pollutants))
    years = data.ledger["year"] if data.ledger.height else pl.Series([], dtype=pl.Int64)

    # --- summary
    summary: list[str] = []
    n_reg = len(regions)
    y0, y1 = (int(years.min()), int(years.max())) if years.len() else (0, 0)  # type: ignore[arg-type]
    yr = L["none"] if not years.len() else (f"{y0}" if y0 == y1 else f"{y0}—{y1}")
    if lang == "zh":
        summary.append(f"本报告核算 {n_reg} 个地区 {len(pollutants)} 种主要污染物 {yr} 年的排放量、减排量和目标进展，"
                       "目标依据国发〔2021〕33号《“十四五”节能减排综合工作方案》。")
    else:
        summary.append(f"This report accounts the emissions, reductions and progress of {n_reg} region(s) for "
                       f"{len(pollutants)} pollutant(s), {yr}, against the targets of 国发〔2021〕33号 (the 14th FYP "
                       "comprehensive work plan for energy saving and emission reduction).")
    focus = _summary_regions(regions)
    total = None if focus else _total_ledger(data.ledger, regions, lang)
    total_latest = pl.DataFrame()
    if total is not None:
        from ecer.core.pollutants import percentage_progress

        total_progress, _ = percentage_progress(total[0], nat.drop("quote"))
        total_latest = _latest(total_progress)
    for p in pollutants:
        if total is not None:
            for r in total_latest.filter(pl.col("pollutant") == p).iter_rows(named=True):
                cite = _zh(lang, f"{cites.get(p, '')}，合计比照全国目标", f"{cites.get(p, '')}, the sum against the "
                           "national target")
                summary.append(_percent_sentence(r, total[1], at_least, cite, lang))
            led = total[0].filter(pl.col("pollutant") == p)
            if led.height:
                summary.append(_kinds_sentence(led, p, total[1], lang))
        for r in latest.filter(pl.col("pollutant") == p).iter_rows(named=True):
            if r["region_code"] in focus:
                cite = one_language(str(r.get("target_source") or cites.get(p, "")), lang)
                summary.append(_percent_sentence(r, names[r["region_code"]], at_least, cite, lang))
        if data.quantity is not None:
            for r in _latest(data.quantity).filter(pl.col("pollutant") == p).iter_rows(named=True):
                if r["region_code"] in focus:
                    summary.append(_quantity_sentence(r, names[r["region_code"]], lang))
        for code in focus:
            led = data.ledger.filter((pl.col("region_code") == code) & (pl.col("pollutant") == p))
            if led.height:
                summary.append(_kinds_sentence(led, p, names[code], lang))
        if data.quantity is not None and not focus:
            q = _latest(data.quantity).filter(pl.col("pollutant") == p)
            if q.height:
                on = q.filter(pl.col("on_pace"))["region_code"].to_list()
                behind = [names.get(c, c) for c in q.filter(~pl.col("on_pace"))["region_code"].to_list()]
                summary.append(_zh(
                    lang,
                    f"{pollutant_name(p, lang)}重点工程减排量：{q.height} 个地区有下达量，{len(on)} 个达到时序进度"
                    + (f"，{len(behind)} 个落后（{'、'.join(behind)}）" if behind else "") + "。",
                    f"{pollutant_name(p, lang)} key-project quotas: {q.height} region(s) have one, {len(on)} on pace"
                    + (f", {len(behind)} behind ({', '.join(behind)})" if behind else "") + "."))
        graded = latest.filter((pl.col("pollutant") == p) & pl.col("grade").is_not_null())
        if n_reg > 1 and graded.height:
            by = {g: [names[c] for c in graded.filter(pl.col("grade") == g)["region_code"].to_list()]
                  for g in (1, 2, 3)}
            if lang == "zh":
                summary.append(f"{pollutant_name(p, lang)}：{graded.height} 个地区最新年份预警等级为一级（红）"
                               f"{len(by[1])} 个{'（' + '、'.join(by[1]) + '）' if by[1] else ''}、二级（黄）"
                               f"{len(by[2])} 个、三级（绿）{len(by[3])} 个。")
            else:
                summary.append(f"{pollutant_name(p, lang)}: of {graded.height} regions in their latest year, "
                               f"{len(by[1])} are grade 1 (red){' (' + ', '.join(by[1]) + ')' if by[1] else ''}, "
                               f"{len(by[2])} grade 2 (yellow) and {len(by[3])} grade 3 (green).")
    n = {lv: sum(f.level == lv for f in data.findings) for lv in ("error", "warning", "info")}
    summary.append(_zh(lang, f"问题清单：{n['error']} 个错误，{n['warning']} 个警告，{n['info']} 个提示（见“问题清单”）。",
                       f"Findings: {n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s) (see "
                       "Findings)."))
    origin = code_label("data_origin", data.data_origin, lang)
    if data.data_origin in ("synthetic", "partly synthetic"):
        origin_note = _zh(lang, f"数据说明：本报告使用的地区数据为{origin}，仅用于演示，不代表任何地区的实际排放。",
                          f"About the data: the regional data of this report are {origin}, for demonstration "
                          "only; they are no region's actual emissions.")
    else:
        origin_note = _zh(lang, f"数据说明：数据性质为{origin}。", f"About the data: {origin}.")

    facts = [
        (L["f_asof"], data.as_of or "—"),
        (L["f_source"], data.data_source or "—"),
        (L["f_origin"], origin),
        (L["f_years"], yr),
        (L["f_regions"], L["sep"].join(names[c] for c in regions) if n_reg <= 12 else
         _zh(lang, f"{n_reg} 个地区", f"{n_reg} regions")),
        (L["f_pollutants"], L["sep"].join(pollutant_name(p, lang) for p in pollutants) or L["none"]),
    ]

    # --- tables
    tables: list[Table] = []
    region_cols = [
        Column("region", _zh(lang, "地区", "Region")), Column("pollutant", _zh(lang, "污染物", "Pollutant")),
        Column("base_year", _zh(lang, "基年", "Base year"), "int"),
        Column("base_emissions", _zh(lang, "基年排放量（万吨）", "Base-year emissions [10⁴ t]"), "wan_t"),
        Column("year", _zh(lang, "年份", "Year"), "int"),
        Column("emissions", _zh(lang, "排放量（万吨）", "Emissions [10⁴ t]"), "wan_t"),
        Column("cut", _zh(lang, "较基年减少（吨）", "Less than the base year [t]"), "t"),
        Column("reduction_cumulative", _zh(lang, "累计降低率", "Cumulative reduction"), "pct"),
        Column("target", _zh(lang, "目标", "Target")),
        Column("required_cumulative", _zh(lang, "均衡进度要求（累计）", "Even-pace requirement (cumulative)"), "pct"),
        Column("progress_ratio", _zh(lang, "进度比", "Progress ratio"), "ratio"),
        Column("change_yoy", _zh(lang, "较上年变化", "Change on the year before"), "pct"),
        Column("required_annual", _zh(lang, "当年要求降幅", "Year's required cut"), "pct"),
        Column("grade", _zh(lang, "预警等级", "Barometer grade"), "grade"),
        Column("status", _zh(lang, "进度", "Pace")),
    ]
    rows = []
    for r in latest.iter_rows(named=True):
        status = _zh(lang, "达到均衡进度" if r["on_pace"] else "落后于均衡进度",
                     "on pace" if r["on_pace"] else "behind pace")
        if r["target_met"] is not None:
            status += _zh(lang, "；目标" + ("已完成" if r["target_met"] else "未完成"),
                          "; target " + ("met" if r["target_met"] else "not met"))
        rows.append({**r, "region": names[r["region_code"]], "pollutant": pollutant_name(r["pollutant"], lang),
                     "cut": r["base_emissions"] - r["emissions"], "target": _target_words(r, at_least, lang),
                     "status": status, "_color": GRADE_COLOR.get(r["grade"], "grey")})
    tables.append(Table("region", L["h_region"], region_cols, rows,
                        _zh(lang, "每个地区和污染物的最新年份；均衡进度 R_t = 1 − (1 − T)^{t/5}。",
                            "Each region and pollutant in its latest year; even pace R_t = 1 − (1 − T)^(t/5).")))

    if data.quantity is not None and data.quantity.height:
        qcols = [
            Column("region", _zh(lang, "地区", "Region")), Column("pollutant", _zh(lang, "污染物", "Pollutant")),
            Column("year", _zh(lang, "年份", "Year"), "int"),
            Column("assigned", _zh(lang, "下达重点工程减排量（吨）", "Quota assigned [t]"), "t"),
            Column("reduction_year", _zh(lang, "当年减排量（吨）", "Reductions of the year [t]"), "t"),
            Column("achieved_cumulative", _zh(lang, "累计完成（吨）", "Achieved to date [t]"), "t"),
            Column("required_cumulative", _zh(lang, "按时序应完成（吨）", "Due to date [t]"), "t"),
            Column("remaining", _zh(lang, "尚余（吨）", "Remaining [t]"), "t"),
            Column("achieved_share", _zh(lang, "完成比例", "Share of the quota"), "pct"),
            Column("progress_ratio", _zh(lang, "进度比", "Progress ratio"), "ratio"),
            Column("grade", _zh(lang, "预警等级", "Barometer grade"), "grade"),
        ]
        qrows = [{**r, "region": names.get(r["region_code"], r["region_code"]),
                  "pollutant": pollutant_name(r["pollutant"], lang), "_color": GRADE_COLOR.get(r["grade"], "grey")}
                 for r in data.quantity.sort("region_code", "pollutant", "year").iter_rows(named=True)]
        tables.append(Table("quantity", L["h_quantity"], qcols, qrows, print_limit=PRINT_ROWS["quantity"], note=
                            _zh(lang, "时序要求按线性进度：Q·t/5（ECER 的假设）；当年减排量与年均应完成量 Q/5 比较定级。",
                                "Due to date at a linear pace, Q·t/5 (ECER's assumption); the year's reductions "
                                "are graded against the yearly share Q/5.")))

    kcols = [
        Column("region", _zh(lang, "地区", "Region")), Column("pollutant", _zh(lang, "污染物", "Pollutant")),
        Column("year", _zh(lang, "年份", "Year"), "int"),
        Column("new_emissions", _zh(lang, "新增排放量（吨）", "New emissions [t]"), "t"),
        *[Column(f"reduction_{k}", _zh(lang, f"{kind_name(k, lang)}（吨）", f"{kind_name(k, lang)} [t]"), "t")
          for k in MEASURE_KINDS],
        Column("reduction_total", _zh(lang, "减排量合计（吨）", "Reductions in all [t]"), "t"),
        Column("measures", _zh(lang, "措施数", "Measures"), "int"),
    ]
    led_rows = [{**r, "region": names.get(r["region_code"], r["region_code"]),
                 "pollutant": pollutant_name(r["pollutant"], lang)}
                for r in data.ledger.sort("region_code", "pollutant", "year").iter_rows(named=True)]
    tables.append(Table("measures", L["h_measures"], kcols, led_rows, print_limit=PRINT_ROWS["measures"], note=
                        _zh(lang, "ΔE_减排 = 工程减排 + 结构减排 + 管理减排；每项措施只计当年较上年新增的减排量。",
                            "ΔE_cut = engineering + structural + management; each measure counts only what it "
                            "cuts beyond the year before.")))
    if data.measures is not None and data.measures.height:
        mcols = [
            Column("region", _zh(lang, "地区", "Region")), Column("pollutant", _zh(lang, "污染物", "Pollutant")),
            Column("year", _zh(lang, "年份", "Year"), "int"),
            Column("measure_id", _zh(lang, "措施编号", "Measure")),
            Column("method", _zh(lang, "核算方法", "Method")), Column("kind", _zh(lang, "减排类型", "Kind")),
            Column("reduction", _zh(lang, "当年减排量（吨）", "Reduction of the year [t]"), "t"),
            Column("counted", _zh(lang, "计入核算", "Counted")),
        ]
        # a measure dated in or before its series' base year is in the base already: listed, not counted (the
        # ledger's W_POLLUTANT_MEASURE_BEFORE_BASE)
        base_years = {(r["region_code"], r["pollutant"]): r["base_year"]
                      for r in data.ledger.select("region_code", "pollutant", "base_year").unique().iter_rows(
                          named=True)}
        mrows = []
        for r in data.measures.sort("region_code", "pollutant", "year", "measure_id").iter_rows(named=True):
            m = r.get("method")
            mw = METHOD_WORDS.get(m) if m else None
            base_year = base_years.get((r["region_code"], r["pollutant"]))
            counted = base_year is not None and r["year"] > base_year
            mrows.append({**r, "region": names.get(r["region_code"], r["region_code"]),
                          "pollutant": pollutant_name(r["pollutant"], lang),
                          "method": (mw[0] if lang == "zh" else mw[1]) if mw else (m or "—"),
                          "kind": kind_name(r["kind"], lang),
                          "counted": _zh(lang, "是" if counted else (
                              f"否（不晚于基年 {base_year}，已含在基年排放量中）" if base_year is not None else "否（无基年排放量）"),
                              "yes" if counted else (f"no (in or before the base year {base_year}: in the base already)"
                                                     if base_year is not None else "no (no base-year emissions)"))})
        tables.append(Table("measure_list", _zh(lang, "措施清单", "Measures"), mcols, mrows,
                            print_limit=PRINT_ROWS["measure_list"]))
    lcols = [
        Column("region", _zh(lang, "地区", "Region")), Column("pollutant", _zh(lang, "污染物", "Pollutant")),
        Column("year", _zh(lang, "年份", "Year"), "int"),
        Column("emissions_prev", _zh(lang, "上年排放量（吨）", "Emissions the year before [t]"), "t"),
        Column("new_emissions", _zh(lang, "新增排放量（吨）", "New emissions [t]"), "t"),
        Column("increment_note", _zh(lang, "新增量数据", "New-emission data")),
        Column("reduction_total", _zh(lang, "减排量（吨）", "Reductions [t]"), "t"),
        Column("emissions", _zh(lang, "本年排放量（吨）", "Emissions [t]"), "t"),
    ]
    lrows = [{**r, "increment_note": _zh(lang, "已填报" if r["has_increment"] else "未填报，按 0 计",
                                         "given" if r["has_increment"] else "none given, counted as 0")}
             for r in led_rows]
    tables.append(Table("ledger", L["h_ledger"], lcols, lrows,
                        _zh(lang, "E_t = E_{t−1} + 新增量 − 减排量（吨）。", "E_t = E_{t−1} + new − reductions [t]."),
                        print_limit=PRINT_ROWS["ledger"]))

    # --- chart: cumulative reduction by region vs even pace, one per pollutant
    charts = []
    for p in pollutants:
        sub = latest.filter(pl.col("pollutant") == p)
        if not sub.height:
            continue
        bars = [(short_name(names[r["region_code"]].split("（")[0].split(" (")[0]), r["reduction_cumulative"],
                 r["required_cumulative"], GRADE_COLOR.get(r["grade"], "grey")) for r in sub.iter_rows(named=True)]
        charts.append(bar_vs_required(bars, title=f"{pollutant_name(p, lang)} {L['chart']}",
                                      value_label=L["chart_value"], required_label=L["chart_req"]))

    # --- sources and methods
    sources = []
    quotes: dict[str, str] = {}
    for r in nat.iter_rows(named=True):
        if r["pollutant"] in pollutants:
            cite = f"{r['doc_no']} {r['clause']}"
            sources.append(f"{pollutant_name(r['pollutant'], lang)}{_zh(lang, '：', ': ')}"
                           f"{_target_words(r, at_least, lang)} — {cite}")
            if r.get("quote"):
                quotes.setdefault(r["quote"], cite)
    for quote, cite in quotes.items():  # the sentence the targets are read from, once
        sources.append(f"{cite}{_zh(lang, '原文：', ', the text: ')}“{quote}”")
    if data.assignments is not None and data.assignments.height:
        for r in data.assignments.iter_rows(named=True):
            if data.quantity is not None and r["region_code"] in set(data.quantity["region_code"].to_list()):
                sources.append(_zh(lang, f"{names.get(r['region_code'], r['region_code'])}{pollutant_name(r['pollutant'])}"
                                   f"重点工程减排量 {_t(r['assigned'])} 吨 — {r['doc_no']} {r['clause']}",
                                   f"{names.get(r['region_code'], r['region_code'])}, "
                                   f"{pollutant_name(r['pollutant'], lang)}: key-project quota {_t(r['assigned'])} t "
                                   f"— {r['doc_no']} {r['clause']}"))
    for frame, what in ((data.progress, ("减排目标", "Targets")), (data.quantity, ("重点工程减排量", "Key-project quotas"))):
        if frame is None or "target_source" not in frame.columns:
            continue
        by_source: dict[str, list[str]] = {}
        for r in frame.select("region_code", "pollutant", "target_source").unique(maintain_order=True).iter_rows(
                named=True):
            if r["target_source"]:
                by_source.setdefault(one_language(str(r["target_source"]), lang), []).append(
                    f"{names.get(r['region_code'], r['region_code'])} {pollutant_name(r['pollutant'], lang)}")
        for src, series in by_source.items():
            shown = L["sep"].join(series[:8]) + (_zh(lang, f" 等 {len(series)} 项", f" and others, {len(series)} in all")
                                                if len(series) > 8 else "")
            sources.append(f"{what[0] if lang == 'zh' else what[1]}{_zh(lang, '：', ': ')}{src}"
                           f"{_zh(lang, '（', ' (')}{shown}{_zh(lang, '）', ')')}")
    sources.append(_zh(lang, "重点工程减排量下达地方、分解与考核：国发〔2021〕33号 四(二)。",
                       "Key-project reductions assigned to the regions and assessed: 国发〔2021〕33号 四(二)."))
    methods = [
        _zh(lang, "排放台账：E_t = E_{t−1} + ΔE_新增 − ΔE_减排，ΔE_减排 = R_工程 + R_结构 + R_管理（主要污染物总量减排核算细则）。",
            "Ledger: E_t = E_{t−1} + ΔE_new − ΔE_cut, ΔE_cut = R_engineering + R_structural + R_management "
            "(the accounting rules of total-emission reduction, 总量减排核算细则)."),
        _zh(lang, "工程减排（污水处理厂）：M = V ×（C_进 − C_出）× 10⁻⁶ 吨（V 立方米，C 毫克/升），当年减排量为较上年新增的去除量。",
            "Engineering (sewage plant): M = V × (C_in − C_out) × 10⁻⁶ t (V m³, C mg/L); the year's reduction is "
            "the removal beyond the year before."),
        _zh(lang, "工程减排（治理设施效率提高）：R = G_t ×（η_t·r_t − η_{t−1}·r_{t−1}），G 产生量，η 去除率，r 运行率。",
            "Engineering (efficiency raised): R = G_t × (η_t·r_t − η_{t−1}·r_{t−1}); G generated, η removal "
            "efficiency, r run rate."),
        _zh(lang, "结构减排（关停淘汰）：关停当年计其上年排放量。", "Structural (closure): the closed plant's previous-year "
            "emissions, in the year of the closure."),
        _zh(lang, "管理减排：自稳定运行次月起按月计，当年计 R_年 × 月数/12，其余月份计入次年。",
            "Management: counted from the month after stable operation, R_year × months/12 in that year, the "
            "other months the year after."),
        _zh(lang, "新增量（城镇生活）：ΔE =（P_t·e_t − P_{t−1}·e_{t−1}）× 365 × 10⁻⁶ 吨（P 人，e 克/人·日）。",
            "New emissions (urban domestic): ΔE = (P_t·e_t − P_{t−1}·e_{t−1}) × 365 × 10⁻⁶ t (P persons, "
            "e g/person/day)."),
        _zh(lang, "百分比目标：累计降低率 D_t = 1 − E_t/E_0；均衡进度 R_t = 1 − (1 − T)^{t/5}（按五年等比例推进，ECER 的假设）；"
            "当年变化 ΔE = E_t/E_{t−1} − 1 与当年要求 R_1 比较定级：一级（红）不降反升，二级（黄）降幅小于 R_1，三级（绿）达到 R_1。",
            "Percentage target: cumulative reduction D_t = 1 − E_t/E_0; even pace R_t = 1 − (1 − T)^(t/5) "
            "(ECER's assumption of an even geometric pace); the year's change ΔE = E_t/E_{t−1} − 1 graded against "
            "R_1: grade 1 (red) emissions rose, grade 2 (yellow) fell less than R_1, grade 3 (green) on pace."),
        _zh(lang, "重点工程减排量：累计完成 A_t = Σ 当年减排量，按时序应完成 Q·t/5（线性进度，ECER 的假设）；当年减排量与 Q/5 比较定级。",
            "Key-project quota: achieved A_t = Σ the years' reductions, due Q·t/5 (a linear pace, ECER's "
            "assumption); the year's reductions graded against Q/5."),
    ]
    return PollutantReport(
        lang=lang,
        title=L["title"],
        facts=facts,
        summary=summary,
        origin_note=origin_note,
        tables=tables,
        charts=charts,
        findings=findings_by_kind(list(data.findings), {c: n for c, n in names.items()}, lang),
        sources=sources,
        methods=methods,
        labels=L,
    )


# ---------------------------------------------------------------------------------------------------------- HTML

_T = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="{{ L.html_lang }}"><head><meta charset="utf-8"><title>{{ rep.title }}</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-center { content: {{ L.page_counter|safe }}; font-size: 8pt; } }
body { font-family: {{ font }}; font-size: 10pt; line-height: 1.5; color: #222; max-width: 270mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 14pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 6pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; } th { background: #eee; }
thead { display: table-header-group; } td.num { text-align: right; white-space: nowrap; }
.grade { font-weight: bold; } .note { font-size: 8.5pt; color: #555; } .code { font-family: monospace; color: #555; }
.lead p { margin: 3pt 0; } .origin { background: #fff6d6; padding: 4pt; } .sign { margin-top: 18pt; }
</style></head><body>
<h1>{{ rep.title }}</h1>{% if L.title_en %}<p class="note">{{ L.title_en }}</p>{% endif %}
<table>{% for k, v in rep.facts %}<tr><th style="width:20%">{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<p class="origin">{{ rep.origin_note }}</p>
<h2>{{ L.h_summary }}</h2>
<div class="lead">{% for s in rep.summary %}<p>{{ s }}</p>{% endfor %}</div>
{% for t in rep.tables %}
{% if t.key == 'region' %}{% for svg in rep.charts %}{{ svg|safe }}{% endfor %}{% endif %}
<h2 id="t-{{ t.key }}">{{ t.title }}</h2>
{% if t.note %}<p class="note">{{ t.note }}</p>{% endif %}
{% if t.key == 'region' and rep.charts %}<p class="note">{{ L.chart_note }}</p>{% endif %}
<table><thead><tr>{% for c in t.columns %}<th>{{ c.label }}</th>{% endfor %}</tr></thead><tbody>
{% for r in (t.rows if t.print_limit is none else t.rows[:t.print_limit]) %}<tr>{% for c in t.columns %}{% set v = cell(r, c) %}{% if c.kind == 'grade' %}<td class="grade" style="background:{{ colors[r._color][0] }};color:{{ colors[r._color][1] }}">{{ v }}</td>{% elif c.kind == 'text' %}<td>{{ v }}</td>{% else %}<td class="num">{{ v }}</td>{% endif %}{% endfor %}</tr>
{% else %}<tr><td colspan="{{ t.columns|length }}">{{ L.no_rows }}</td></tr>{% endfor %}
</tbody></table>
{% if t.print_limit is not none and t.rows|length > t.print_limit %}<p class="note">{{ L.more|replace("{n}", (t.rows|length - t.print_limit)|string)|replace("{shown}", t.print_limit|string) }}</p>{% endif %}
{% endfor %}
<h2>{{ L.h_findings }}</h2>
{% set ns = namespace(any=false) %}
{% for g in rep.findings %}{% if g.items %}{% set ns.any = true %}<h3>{{ g.title }}（{{ g.items|length }}）</h3><ol>
{% for f in g.items %}<li>{{ f.text }} <span class="code">{{ f.code }}</span>{% if f.where %}<br><span class="note">{{ L.where }}{{ f.where }}</span>{% endif %}{% if f.fix %}<br>{{ L.fix }}{{ f.fix }}{% endif %}</li>{% endfor %}</ol>{% endif %}{% endfor %}
{% if not ns.any %}<p>{{ L.no_findings }}</p>{% endif %}
<h2>{{ L.h_sources }}</h2>
<h3>{{ L.sources }}</h3><ol>{% for s in rep.sources %}<li>{{ s }}</li>{% endfor %}</ol>
<h3>{{ L.methods }}</h3><ol>{% for s in rep.methods %}<li>{{ s }}</li>{% endfor %}</ol>
<p class="sign">{{ L.sign }}____________________　　{{ L.date }}____________________</p>
</body></html>"""
)


def _cell_text(row: Mapping[str, Any], col: Column, lang: str) -> str:
    v: Any = row.get(col.key)
    if col.kind == "grade":
        return code_label("grade", None if _missing(v) else int(v), lang)
    if _missing(v):
        return "—"
    if col.kind == "wan_t":
        return _wan(v)
    if col.kind == "t":
        return _t(v)
    if col.kind == "pct":
        return _pct(v)
    if col.kind == "ratio":
        return _ratio(v)
    if col.kind == "int":
        return str(int(v))
    return str(v)


def render_pollutant_html(data: PollutantReportInput, lang: str = "zh", *, font: str | None = None) -> str:
    """The printable report as one HTML string (no JavaScript, no network; charts as inline SVG)."""
    rep = build_pollutant_report(data, lang)
    return _T.render(rep=rep, L=rep.labels, colors=COLORS, cell=lambda r, c: _cell_text(r, c, lang),
                     font=(f"'{font}', " if font else "") + FONT)


def write_pollutant_html(data: PollutantReportInput, path: str | Path, lang: str = "zh") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_pollutant_html(data, lang), encoding="utf-8")
    return path


def write_pollutant_pdf(data: PollutantReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The printable HTML as an A4 PDF (WeasyPrint, as :mod:`ecer.reports.pdf_report`); ``FindingsError``
    E_PDF_NO_CJK_FONT without a CJK font (nothing is written)."""
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=render_pollutant_html(data, lang, font=font)).write_pdf(str(path))
    return path


# ---------------------------------------------------------------------------------------------------------- XLSX

_FORMULA = re.compile(FORMULA_START)
_XLSX_FORMATS = {"wan_t": "#,##0.0000", "t": "#,##0.00", "pct": "0.00%", "ratio": "0.00", "int": "0"}


def _safe(text: str) -> str:
    """A text cell that starts like a formula gets a leading single quote (OWASP, as :mod:`ecer.safe_cells`)."""
    return "'" + text if _FORMULA.match(text) else text


def write_pollutant_xlsx(data: PollutantReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The workbook: 概要 (facts, the sentences, sign-off), one sheet per table with numbers as numbers in their
    formats and grades coloured, 问题清单 (every finding, both the message and the fix) and 依据与方法."""
    rep = build_pollutant_report(data, lang)
    L = rep.labels
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 14})
    nums = {k: wb.add_format({"num_format": f}) for k, f in _XLSX_FORMATS.items()}
    grades = {c: wb.add_format({"bg_color": fill, "font_color": ink, "bold": True}) for c, (fill, ink) in COLORS.items()}

    ws = wb.add_worksheet(L["s_summary"])
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 120)
    ws.write_string(0, 0, rep.title, bold)
    r = 2
    for k, fact in rep.facts:
        ws.write_string(r, 0, k, head)
        ws.write_string(r, 1, _safe(fact), wrap)
        r += 1
    r += 1
    ws.write_string(r, 1, _safe(rep.origin_note), wrap)
    r += 2
    ws.write_string(r, 0, L["h_summary"], head)
    for s in rep.summary:
        ws.write_string(r, 1, _safe(s), wrap)
        r += 1
    r += 1
    ws.write_string(r, 0, L["sign"])
    ws.write_string(r + 1, 0, L["date"])

    sheet_names = {"region": L["s_region"], "quantity": L["s_quantity"], "measures": L["s_measures"],
                   "measure_list": L["s_measure_list"], "ledger": L["s_ledger"]}
    for t in rep.tables:
        ws = wb.add_worksheet(sheet_names[t.key])
        ws.write_string(0, 0, _safe(t.title + (f"  {t.note}" if t.note else "")))
        for j, c in enumerate(t.columns):
            ws.write_string(1, j, c.label, head)
            ws.set_column(j, j, 22 if c.kind == "text" else 14)
        for i, row in enumerate(t.rows, start=2):
            for j, c in enumerate(t.columns):
                v: Any = row.get(c.key)
                if c.kind == "grade":
                    ws.write_string(i, j, _cell_text(row, c, lang), grades[row.get("_color", "grey")])
                elif _missing(v):
                    continue
                elif c.kind == "text":
                    ws.write_string(i, j, _safe(str(v)), wrap)
                else:  # 万吨 columns hold tonnes in the frames: written in 万吨, as their header says
                    ws.write_number(i, j, float(v) * (WAN_T if c.kind == "wan_t" else 1.0), nums[c.kind])
        ws.freeze_panes(2, 2)

    ws = wb.add_worksheet(L["s_findings"])
    heads = [_zh(lang, "级别", "Level"), _zh(lang, "说明", "Message"), _zh(lang, "位置", "Where"),
             _zh(lang, "处理", "Fix"), _zh(lang, "代码", "Code")]
    for j, h in enumerate(heads):
        ws.write_string(0, j, h, head)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 90)
    ws.set_column(2, 3, 40)
    ws.set_column(4, 4, 34)
    i = 1
    for g in rep.findings:
        for f in g.items:
            for j, v in enumerate((g.title, f.text, f.where, f.fix, f.code)):
                ws.write_string(i, j, _safe(v or ""), wrap)
            i += 1
    if i == 1:
        ws.write_string(1, 1, L["no_findings"])

    ws = wb.add_worksheet(L["s_sources"])
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 140)
    i = 0
    for title, items in ((L["sources"], rep.sources), (L["methods"], rep.methods)):
        ws.write_string(i, 0, title, head)
        for s in items:
            ws.write_string(i, 1, _safe(s), wrap)
            i += 1
        i += 1
    wb.close()
    return path


WRITERS = {".xlsx": write_pollutant_xlsx, ".html": write_pollutant_html, ".pdf": write_pollutant_pdf}


def write_pollutant_report(data: PollutantReportInput, path: str | Path, lang: str = "zh") -> Path:
    """Write the report to ``path`` as its suffix names (.xlsx, .html or .pdf); another suffix is E_UNKNOWN_NAME."""
    p = Path(path)
    writer = WRITERS.get(p.suffix.lower())
    if writer is None:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=p.suffix or str(p),
                                  valid=", ".join(WRITERS))])
    return writer(data, p, lang)
