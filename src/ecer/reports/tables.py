"""The tables of the report model: results by level (absolute figures beside rates), targets and their sources,
barometer and assessment counts by level, and the multi-period summary. Every cell is a number in the shown unit,
words, a coloured grade (:class:`Mark`) or empty — never a code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.reports.columns import cell_value, spec
from ecer.reports.labels import GRADE_COLOR, Kind, code_label, grade_text, magnitude_decimals
from ecer.reports.wording import period_label

LEVELS = ("national", "province", "city", "county")
LEVEL_ORDER = {lvl: i for i, lvl in enumerate(LEVELS)}


@dataclass(frozen=True)
class Col:
    """A column of a report table: header (with unit), kind of value, decimals, header colour, Excel width."""

    label: str
    kind: Kind = "text"
    decimals: int | None = None
    color: str | None = None
    width: int = 11
    wrap: bool = False  # the text may wrap (long words); names, numbers and grades never do


@dataclass(frozen=True)
class Mark:
    """A cell shown on a grade colour (``red``/``yellow``/``green``/``grey``)."""

    text: str
    color: str


Cell = str | int | float | Mark | None


@dataclass
class Table:
    key: str
    title: str
    columns: list[Col]
    rows: list[list[Cell]]
    row_classes: list[str] = field(default_factory=list)
    note: str = ""
    wide: bool = False  # printed on landscape pages


def level_rows(t: pl.DataFrame) -> pl.DataFrame:
    """Rows in report order: national, provinces, cities (under their province), counties."""
    if t.is_empty():
        return t
    return (t.with_columns(_o=pl.col("level").replace_strict(LEVEL_ORDER, default=9, return_dtype=pl.Int64),
                           _p=pl.col("parent_code").fill_null(""))
            .sort(["_o", "_p", "region_code"]).drop("_o", "_p"))


def region_name(row: dict[str, Any], lang: str) -> str:
    return str(row.get("name_zh" if lang == "zh" else "name_en") or row.get("name_zh") or row["region_code"])


def _grade_mark(grade: Any, lang: str, plan_status: Any = None) -> Mark:
    """The grade on its colour; an ungraded base year or region without target says so."""
    if grade is None and plan_status in ("base_year", "no_target"):
        return Mark(code_label("plan_status", plan_status, lang), "grey")
    return Mark(grade_text(grade, lang), GRADE_COLOR.get(int(grade), "grey") if grade is not None else "grey")


def _outcome_mark(outcome: Any, lang: str) -> Cell:
    if outcome is None:
        return None
    color = {"met": "green", "met_by_progress": "green", "not_met": "red", "exempt": "grey"}.get(outcome, "grey")
    return Mark(code_label("outcome", outcome, lang), color)


def _data_col(column: str, lang: str, values: list[Any], label: str | None = None, width: int = 11) -> Col:
    s = spec(column)
    return Col(label or s.label(lang), s.kind, magnitude_decimals(values, s.kind), width=width)


def _num(row: dict[str, Any], column: str, lang: str) -> Any:
    return cell_value(column, row.get(column), lang)


def results_tables(rows: pl.DataFrame, level: str, lang: str, names: dict[str, str], heading: str) -> list[Table]:
    """For one level: the intensity table and the total table of the detail period, each titled with the period and
    the edition that governed it."""
    zh = lang == "zh"
    recs = rows.to_dicts()
    if not recs:
        return []
    edition = recs[0].get("rule_edition")
    when = period_label(str(recs[0]["period"]), lang)
    suffix = (f"（{when}，按 {edition} 版规则核算）" if zh else f" ({when}, under the {edition} rules)") if edition else ""
    sub = level in ("city", "county")
    name_col = [Col("地区" if zh else "Region", width=14)] + ([Col("上级" if zh else "Parent", width=10)] if sub else [])

    def head(r: dict[str, Any]) -> list[Cell]:
        parent = names.get(r.get("parent_code") or "", r.get("parent_code") or "—")
        return [region_name(r, lang), parent] if sub else [region_name(r, lang)]

    def col(c: str, label: str | None = None, width: int = 11) -> Col:
        return _data_col(c, lang, [_num(r, c, lang) for r in recs], label, width)

    year = rows["period_kind"][0] == "Y" if "period_kind" in rows.columns else False
    i_cols = [col("energy_for_intensity"), col("gdp"), col("intensity", "能耗强度 本期（吨标准煤/万元）" if zh else
                                                              "Intensity [tce/10⁴ CNY]"),
              col("intensity_prev", "上年同期" if zh else "a year earlier"),
              col("intensity_base", "基期" if zh else "base year"),
              col("intensity_change_yoy", "同比变化" if zh else "Change y/y [%]"),
              col("required_reduction_annual", "本期降低要求" if zh else "Required [%]"),
              col("intensity_reduction_cumulative", "累计降低率" if zh else "Cumulative reduction [%]"),
              col("required_reduction_cumulative", "累计进度要求" if zh else "Required to date [%]"),
              col("progress_ratio"), Col("强度预警" if zh else "Intensity grade", "mark", width=10)]
    i_cols += [Col("强度考核" if zh else "Intensity assessment", "mark", width=12)] if year else []
    i_rows = [head(r) + [_num(r, c, lang) for c in ("energy_for_intensity", "gdp", "intensity", "intensity_prev",
                                                     "intensity_base", "intensity_change_yoy",
                                                     "required_reduction_annual", "intensity_reduction_cumulative",
                                                     "required_reduction_cumulative", "progress_ratio")]
              + [_grade_mark(r.get("intensity_grade"), lang, r.get("plan_status"))]
              + ([_outcome_mark(r.get("intensity_assessment"), lang)] if year else []) for r in recs]
    t_cols = [col("total_energy"), col("feedstock_deduction", "原料用能扣除" if zh else "Feedstock deducted"),
              col("nonfossil_deduction", "非化石能源扣除" if zh else "Non-fossil deducted"),
              col("separately_listed_deduction", "单列项目扣除" if zh else "Listed projects deducted"),
              col("renewable_deduction_total", "新增可再生能源扣除（仅总量）" if zh else "New renewables deducted"),
              col("energy_for_total"), col("energy_for_total_prev", "上年同期（万吨标准煤）" if zh else
                                           "a year earlier [10⁴ tce]"),
              col("energy_growth_yoy", "同比增速" if zh else "Growth y/y [%]"),
              col("allowed_energy_growth", "允许增速" if zh else "Allowed growth [%]"),
              col("energy_allowed", "允许总量（万吨标准煤）" if zh else "Allowed total [10⁴ tce]"),
              Col("允许增速依据" if zh else "Allowed growth from", width=16, wrap=True),
              Col("电力折标（吨标准煤/兆瓦时）" if zh else "Electricity factor [tce/MWh]", width=14),
              Col("总量预警" if zh else "Total grade", "mark", width=10)]
    t_cols += [Col("总量考核" if zh else "Total assessment", "mark", width=12)] if year else []
    t_rows = [head(r) + [_num(r, c, lang) for c in ("total_energy", "feedstock_deduction", "nonfossil_deduction",
                                                     "separately_listed_deduction", "renewable_deduction_total",
                                                     "energy_for_total", "energy_for_total_prev", "energy_growth_yoy",
                                                     "allowed_energy_growth", "energy_allowed")]
              + [code_label("allowed_growth_basis", r.get("allowed_growth_basis"), lang), _factor_text(r, lang),
                 _grade_mark(r.get("total_grade"), lang, r.get("plan_status"))]
              + ([_outcome_mark(r.get("total_assessment"), lang)] if year else []) for r in recs]
    classes = [f"level-{r.get('level')}" for r in recs]
    return [_prune(Table(f"results intensity-{level}",
                         f"{heading}{'：能耗强度' if zh else ': energy intensity'}{suffix}",
                         name_col + i_cols, i_rows, classes, wide=True)),
            _prune(Table(f"results total-{level}", f"{heading}{'：能源消费总量' if zh else ': total energy'}{suffix}",
                         name_col + t_cols, t_rows, classes, wide=True))]


def _prune(table: Table) -> Table:
    """Without the number columns that are empty in every row (e.g. no base-year data)."""
    keep = [j for j, c in enumerate(table.columns)
            if c.kind in ("text", "source", "mark") or any(r[j] is not None for r in table.rows)]
    return Table(table.key, table.title, [table.columns[j] for j in keep], [[r[j] for j in keep] for r in table.rows],
                 table.row_classes, table.note, table.wide)


def _factor_text(r: dict[str, Any], lang: str) -> str:
    """``等价值 0.2990`` (the rate and source are listed under the table)."""
    k = r.get("electricity_factor")
    if k is None:
        return "—"
    basis = r.get("electricity_basis")
    words = {"coal_equivalent": "coal eq."}.get(basis or "") if lang != "zh" else None
    return f"{words or code_label('electricity_basis', basis, lang)} {k:.4f}"


def targets_table(rows: pl.DataFrame, lang: str, names: dict[str, str], title: str) -> Table:
    """Each region's targets for the detail period, with their source and note; what every row shares (the same
    basis of the requirement, the same source of a part) is said once in the table's note."""
    zh = lang == "zh"
    sep = "；" if zh else "; "
    recs = rows.to_dicts()
    keys = ("five_year_target", "incentive_target", "gdp_growth_plan", "total_increment_cap",
            "required_reduction_annual")
    basis = [cell_value("annual_target_source", r.get("annual_target_source"), lang) or "—" for r in recs]
    status = [cell_value("target_status", r.get("target_status"), lang) or "—" for r in recs]
    sources = []
    for r in recs:
        note = cell_value("target_note", r.get("target_note"), lang, names)
        src = cell_value("target_source", r.get("target_source"), lang, names) or "—"
        sources.append([p for p in src.split(sep) if p] + ([note] if note else []))
    common = [p for p in (sources[0] if sources else []) if len(recs) > 1 and all(p in s for s in sources)]
    notes = []
    if len(set(basis)) == 1 and recs:
        notes.append(f"{spec('annual_target_source').label(lang)}：{basis[0]}" if zh else
                     f"{spec('annual_target_source').label(lang)}: {basis[0]}")
    notes += common
    cols = [Col("地区" if zh else "Region", width=14), Col("级别" if zh else "Level", width=6)]
    cols += [_data_col(c, lang, [_num(r, c, lang) for r in recs]) for c in keys]
    cols += [Col(spec("annual_target_source").label(lang), width=16, wrap=True)] if len(set(basis)) > 1 else []
    cols += [Col(spec("target_status").label(lang), width=10),
             Col("目标来源及说明" if zh else "Source and note", "source", width=60)]
    out = []
    for r, b, st, src in zip(recs, basis, status, sources, strict=True):
        own = sep.join(p for p in src if p not in common) or ("见表注" if zh else "see the note")
        out.append([region_name(r, lang), code_label("level", r.get("level"), lang)]
                   + [_num(r, c, lang) for c in keys] + ([b] if len(set(basis)) > 1 else []) + [st, own])
    note = (("表注（各行相同）：" if zh else "Note (every row): ") + sep.join(notes)) if notes else ""
    return _prune(Table("targets", title, cols, out, [f"level-{r.get('level')}" for r in recs], note, wide=True))


_GRADE_HEADS = ((1, "red"), (2, "yellow"), (3, "green"))


def barometer_table(rows: pl.DataFrame, lang: str, title: str) -> Table:
    """Counts per grade for intensity and for total, one row per level."""
    zh = lang == "zh"
    cols = [Col("级别" if zh else "Level", width=16), Col("地区数" if zh else "Regions", "int", width=8)]
    for what_zh, what_en in (("能耗强度", "intensity"), ("能源消费总量", "total")):
        cols += [Col(f"{what_zh} {grade_text(g, lang)}" if zh else f"{what_en}: {grade_text(g, lang)}", "int",
                     color=c, width=9) for g, c in _GRADE_HEADS]
        cols += [Col(f"{what_zh} 无等级" if zh else f"{what_en}: no grade", "int", width=9)]
    out = []
    for level in LEVELS:
        sub = rows.filter(pl.col("level") == level)
        if sub.is_empty():
            continue
        line: list[Cell] = [code_label("level_group", level, lang), sub.height]
        for c in ("intensity_grade", "total_grade"):
            values = sub[c].to_list()
            line += [sum(v == g for v in values) for g, _ in _GRADE_HEADS] + [sum(v is None for v in values)]
        out.append(line)
    return Table("barometer", title, cols, out)


def assessment_table(rows: pl.DataFrame, lang: str, title: str) -> Table | None:
    """Counts per outcome of the assessment of a year, one row per level; None when the period is not a year."""
    zh = lang == "zh"
    if "assessment_scope" not in rows.columns or rows["assessment_scope"].drop_nulls().is_empty():
        return None
    outcomes = {"intensity_assessment": ("met", "met_by_progress", "not_met"),
                "total_assessment": ("met", "met_by_progress", "not_met", "exempt")}
    color = {"met": "green", "met_by_progress": "green", "not_met": "red", "exempt": None}
    cols = [Col("级别" if zh else "Level", width=16), Col("考核类型" if zh else "Assessment", width=14)]
    for c, codes in outcomes.items():
        what = ("强度" if zh else "intensity") if c.startswith("intensity") else ("总量" if zh else "total")
        cols += [Col(f"{what} {code_label('outcome', o, lang)}" if zh else f"{what}: {code_label('outcome', o, lang)}",
                     "int", color=color[o], width=10) for o in codes]
    out = []
    for level in LEVELS:
        sub = rows.filter((pl.col("level") == level) & pl.col("assessment_scope").is_not_null())
        if sub.is_empty():
            continue
        scope = code_label("assessment_scope", sub["assessment_scope"][0], lang)
        line: list[Cell] = [code_label("level_group", level, lang), scope]
        for c, codes in outcomes.items():
            values = sub[c].to_list()
            line += [sum(v == o for v in values) for o in codes]
        out.append(line)
    return Table("assessment", title, cols, out)


def history_table(t: pl.DataFrame, lang: str, title: str) -> Table:
    """The years (or, without years, the last twelve periods): rules, national figures, grade counts by level."""
    zh = lang == "zh"
    years = t.filter(pl.col("period_kind") == "Y")
    pool = years if not years.is_empty() else t
    from ecer.periods import Period

    periods = sorted(set(pool["period"].to_list()), key=lambda s: Period.parse(s).sort_key())[-12:]
    cols = [Col("期间" if zh else "Period", width=12), Col("核算规则" if zh else "Rules", width=10),
            Col("级别" if zh else "Level", width=14), Col("地区数" if zh else "Regions", "int", width=7)]
    cols += [Col(f"强度 {grade_text(g, lang)}" if zh else f"intensity {grade_text(g, lang)}", "int", color=c, width=8)
             for g, c in _GRADE_HEADS]
    cols += [Col(f"总量 {grade_text(g, lang)}" if zh else f"total {grade_text(g, lang)}", "int", color=c, width=8)
             for g, c in _GRADE_HEADS]
    cols += [Col("强度考核未完成" if zh else "intensity not met", "int", width=9),
             Col("总量考核未完成" if zh else "total not met", "int", width=9),
             Col("总量免予考核" if zh else "total exempt", "int", width=9)]
    out, classes = [], []
    for p in periods:
        sub = t.filter(pl.col("period") == p)
        rules = cell_value("rule_edition", sub["rule_edition"][0], lang)
        for level in LEVELS:
            lv = sub.filter(pl.col("level") == level)
            if lv.is_empty():
                continue
            ig, tg = lv["intensity_grade"].to_list(), lv["total_grade"].to_list()
            ia, ta = lv["intensity_assessment"].to_list(), lv["total_assessment"].to_list()
            year = lv["assessment_scope"].drop_nulls().len() > 0
            out.append([period_label(p, lang), rules, code_label("level_group", level, lang), lv.height]
                       + [sum(v == g for v in ig) for g, _ in _GRADE_HEADS]
                       + [sum(v == g for v in tg) for g, _ in _GRADE_HEADS]
                       + ([ia.count("not_met"), ta.count("not_met"), ta.count("exempt")] if year else [None] * 3))
            classes.append(f"level-{level}")
    return _prune(Table("history", title, cols, out, classes))
