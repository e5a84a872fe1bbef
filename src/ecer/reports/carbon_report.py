"""The carbon dual-control report (碳排放双控进展报告, issue 8 §3, §5): XLSX, printable HTML and PDF of the carbon
service's frames (:func:`ecer.services.carbon.carbon_progress`) — a document a director signs.

Input (:class:`CarbonReportInput`): the CO2-intensity progress (:data:`ecer.core.carbon.progress.PROGRESS_COLUMNS`),
the CO2 totals by method (:data:`ecer.models.carbon.TOTAL_COLUMNS`), the energy and carbon views side by side
(:data:`ecer.core.carbon.progress.SIDE_COLUMNS`, may be empty), every finding, and what was used (``meta``: the grid
factor's year convention and scope, the target). The service hands these over as they are.

Content (:func:`build_carbon_report`, one model for the three writers, on the pollutant report's printable layout):

* 概要 — sentences: what is counted (fossil combustion, net purchased electricity and heat; non-fossil energy and
  feedstock not), the target (国发〔2021〕23号: −18 % 2025 vs 2020); the regions' sum — CO2 in 万tCO2 in the base and
  the latest year with the change in 万tCO2 and %, the intensity of the sum and its cumulative reduction against the
  even-pace requirement; each region when there are at most three, else the count by grade (names of the red ones);
  the energy and carbon views compared; the findings counted; **the grid factor's year convention stated as an
  assumption with its confidence [C]**;
* 分地区进展 — each region's latest year (CO2, its change, GDP, intensity, cumulative reduction, requirement,
  progress, grade, pace) and a bar chart (inline SVG) of the cumulative reduction against the requirement;
* 能耗与碳排放 — energy intensity and carbon intensity side by side, with the CO2 per tce;
* 排放构成 — CO2 by method (combustion, electricity, heat) and the feedstock CO2 left out, every region and year;
* 逐年进展 — every region and year; 问题清单; 依据与方法.

Units: CO2 in tonnes [t] in the frames, shown in 万tCO2 (10⁴ t, :func:`ecer.units.factor`); GDP 亿元 at constant
prices; intensities in tCO2/万元 and tce/万元. Text cells of the XLSX are written with ``write_string`` after
:data:`ecer.safe_cells.FORMULA_START` neutralisation; the HTML is escaped (Jinja2 autoescape). Chinese by default,
English with ``lang="en"``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from ecer.findings import Finding, FindingsError, make
from ecer.reports.findings_text import findings_by_kind
from ecer.reports.labels import COLORS, GRADE_COLOR, code_label
from ecer.reports.pollutant_report import _T, _safe
from ecer.reports.svg_charts import FONT, bar_vs_required, short_name
from ecer.units import factor

WAN_T = factor("t", "万吨")  # 1 t = 10⁻⁴ 万吨
GRADE_MEANING: dict[int, tuple[str, str]] = {
    1: ("碳排放强度不降反升", "carbon intensity rose"),
    2: ("有所下降但慢于当年要求", "fell, but less than the year's requirement"),
    3: ("达到当年要求", "on pace with the year's requirement"),
}
METHODS_ZH = {"combustion": "化石能源燃烧", "electricity": "净调入电力", "heat": "净购入热力"}
PRINT_ROWS = 60


@dataclass(frozen=True)
class Column:
    """A table column: ``kind`` text | int | wan_t (t shown in 万吨) | pct | ratio (2 decimals) | int4 (an intensity,
    4 decimals) | grade (coloured by the row's ``_color``) | grade2 (a second grade, ``_color2`` in the XLSX)."""

    key: str
    label: str
    kind: str = "text"


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    print_limit: int | None = None  # rows the HTML/PDF prints (the XLSX has them all)


@dataclass(frozen=True)
class CarbonReportInput:
    """What the report reads: ``progress`` (PROGRESS_COLUMNS), ``totals`` (TOTAL_COLUMNS), ``side`` (SIDE_COLUMNS or
    empty), ``findings``, ``meta`` (``grid_year_lag``, ``grid_scope``, ``convention``, ``target`` with size,
    base_year, target_year, source; as the service gives it), ``names`` region code → (Chinese, English or None)
    defaulting to the bundled catalog, ``data_origin`` (a ``data_origin`` code of :mod:`ecer.reports.labels`),
    ``as_of`` (the report date) and ``data_source`` (in words)."""

    progress: pl.DataFrame
    totals: pl.DataFrame
    side: pl.DataFrame = field(default_factory=pl.DataFrame)
    findings: Sequence[Finding] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    names: Mapping[str, tuple[str, str | None]] | None = None
    data_origin: str = "user"
    as_of: str = ""
    data_source: str = ""


@dataclass
class CarbonReport:
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
        "html_lang": "zh-CN", "title": "碳排放双控进展报告", "title_en": "Carbon dual control: CO2-intensity progress report",
        "page_counter": '"第 " counter(page) " 页，共 " counter(pages) " 页"',
        "h_summary": "一、概要", "h_region": "二、分地区进展", "h_side": "三、能耗强度与碳排放强度对照",
        "h_totals": "四、排放构成", "h_yearly": "五、逐年进展", "h_findings": "六、问题清单",
        "h_sources": "七、依据与计算方法", "sources": "依据", "methods": "计算方法与假设",
        "no_findings": "未发现问题。", "fix": "处理：", "where": "位置：", "sign": "签发：", "date": "日期：",
        "f_asof": "报告日期", "f_source": "数据来源", "f_origin": "数据性质", "f_years": "核算年份", "f_regions": "地区",
        "f_grid": "电网排放因子取值", "f_target": "目标", "sep": "、", "none": "无",
        "s_summary": "概要", "s_region": "分地区进展", "s_side": "能耗与碳排放", "s_totals": "排放构成",
        "s_yearly": "逐年进展", "s_findings": "问题清单", "s_sources": "依据与方法",
        "chart": "碳排放强度累计降低率（较 2020 年）", "chart_value": "累计降低率", "chart_req": "均衡进度要求",
        "no_rows": "无数据。", "more": "以上列出前 {shown} 行，另有 {n} 行，见 Excel 报告（全部行）。",
        "chart_note": "图中条形为碳排放强度累计降低率（较基年），颜色为当年预警等级，黑色竖线为均衡进度要求（累计）。",
    },
    "en": {
        "html_lang": "en", "title": "Carbon dual control: CO2-intensity progress report", "title_en": "",
        "page_counter": '"page " counter(page) " of " counter(pages)',
        "h_summary": "1. Summary", "h_region": "2. Progress by region", "h_side": "3. Energy and carbon intensity",
        "h_totals": "4. CO2 by source", "h_yearly": "5. Year by year", "h_findings": "6. Findings",
        "h_sources": "7. Sources and methods", "sources": "Sources", "methods": "Methods and assumptions",
        "no_findings": "No findings.", "fix": "Fix: ", "where": "Where: ", "sign": "Signed: ", "date": "Date: ",
        "f_asof": "Report date", "f_source": "Data", "f_origin": "Nature of the data", "f_years": "Years accounted",
        "f_regions": "Regions", "f_grid": "Grid emission factor", "f_target": "Target", "sep": ", ", "none": "none",
        "s_summary": "Summary", "s_region": "By region", "s_side": "Energy and carbon", "s_totals": "CO2 by source",
        "s_yearly": "Year by year", "s_findings": "Findings", "s_sources": "Sources and methods",
        "chart": "Cumulative reduction of carbon intensity since 2020", "chart_value": "cumulative reduction",
        "chart_req": "even-pace requirement", "no_rows": "No data.",
        "more": "The first {shown} rows are printed; {n} more are in the Excel report (every row).",
        "chart_note": "Bars: the cumulative reduction of carbon intensity since the base year, coloured by the year's "
                      "barometer grade; black tick: the even-pace requirement to date.",
    },
}  # fmt: skip


def _zh(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def wan_t(t: Any) -> str:
    """Tonnes as 万吨 with two decimals: 147 470 000 t → 14,747.00.

    >>> wan_t(147_470_000.0), wan_t(None)
    ('14,747.00', '—')
    """
    return "—" if _missing(t) else f"{float(t) * WAN_T:,.2f}"


def pct(x: Any, d: int = 2) -> str:
    """A fraction in percent: 0.1468 → 14.68%; −0.0003 → −0.03%; None → —."""
    if _missing(x):
        return "—"
    s = f"{float(x) * 100:.{d}f}%"
    return s[1:] if s.startswith("-") and not s.strip("-0.%") else s.replace("-", "−")


def _num(x: Any, d: int) -> str:
    return "—" if _missing(x) else f"{float(x):,.{d}f}"


def grade_words(grade: Any, lang: str = "zh") -> str:
    """二级（黄）：有所下降但慢于当年要求 / grade 2 (yellow): fell, but less than the year's requirement."""
    if _missing(grade):
        return _zh(lang, "无等级（基年或无数据）", "no grade (base year or no data)")
    g = int(grade)
    m = GRADE_MEANING[g]
    return f"{code_label('grade', g, lang)}{_zh(lang, '：', ': ')}{m[0] if lang == 'zh' else m[1]}"


def _namer(data: CarbonReportInput, lang: str) -> dict[str, str]:
    from ecer.refdata.lookups import regions

    codes = sorted(set(data.progress["region_code"].to_list()) | set(data.totals["region_code"].to_list()) |
                   (set(data.side["region_code"].to_list()) if "region_code" in data.side.columns else set()))
    hit = regions().filter(pl.col("region_code").is_in(codes))
    names: dict[str, tuple[str, str | None]] = {r["region_code"]: (r["name_zh"], r["name_en"])
                                                for r in hit.iter_rows(named=True)}
    names.update(data.names or {})
    out = {}
    for c in codes:
        zh, en = names.get(c, (None, None))
        out[c] = (f"{zh}（{c}）" if zh else f"地区 {c}") if lang == "zh" else (f"{en or zh} ({c})" if (en or zh)
                                                                             else f"region {c}")
    return out


def _latest(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Each region at its latest year with a value in ``value``."""
    f = frame.filter(pl.col(value).is_not_null())
    return f.sort("region_code", "year").group_by("region_code", maintain_order=True).last() if f.height else f


def _convention_words(meta: Mapping[str, Any], lang: str) -> str:
    from ecer.core.carbon.accounting import SCOPE_ZH

    lag = int(meta.get("grid_year_lag", 2))
    scope = str(meta.get("grid_scope", "national_average"))
    scope_zh = SCOPE_ZH.get(scope, scope)
    if lang == "zh":
        year = f"核算年份减 {lag} 年（Y − {lag}）" if lag else "核算当年（Y）"
        return (f"净调入电力按生态环境部、国家统计局公布的{scope_zh}电网排放因子计算，因子年份取{year}。这是 ECER 按全国通行"
                "做法所作的假设，置信度 [C]（未见文件明文规定因子年份），核算时可另行指定因子年份；"
                "文件中直接填写排放因子的行按所填因子计算。")
    year = f"the factor of year Y − {lag} for accounting year Y" if lag else "the factor of the same year"
    return (f"Net imported electricity is counted with the MEE/NBS {scope.replace('_', ' ')} grid emission factor, "
            f"{year}. This is ECER's assumption following national practice, confidence [C] (no document stating the "
            "factor year was found); another factor year can be chosen for the accounting; rows that give their own "
            "factor use it.")


def build_carbon_report(data: CarbonReportInput, lang: str = "zh") -> CarbonReport:
    """The report model of ``data`` in ``lang`` (``zh`` or ``en``)."""
    if lang not in LABELS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告语言 / report language", value=lang, valid="zh, en")])
    L = LABELS[lang]
    names = _namer(data, lang)
    prog = data.progress
    target = dict(data.meta.get("target") or {})
    size = float(target.get("size", 0.18))
    base_year = int(target.get("base_year", 2020))
    target_year = int(target.get("target_year", 2025))
    t_source = str(target.get("source") or "国发〔2021〕23号 二、主要目标")
    regions = sorted(set(prog["region_code"].to_list()))
    years = sorted({int(y) for y in data.totals.filter(pl.col("co2").is_not_null())["year"].to_list()})
    yr = L["none"] if not years else (f"{years[0]}" if len(years) == 1 else f"{years[0]}—{years[-1]}")
    latest = _latest(prog, "intensity")
    n_reg = len(regions)

    summary: list[str] = [_zh(
        lang,
        f"本报告核算 {n_reg} 个地区 {yr} 年能源活动二氧化碳排放（化石能源燃烧、净调入电力和净购入热力；非化石能源和原料用能不计入）、"
        f"碳排放强度（单位地区生产总值二氧化碳排放，按可比价地区生产总值）及其较 {base_year} 年的累计降低率。目标依据{t_source}："
        f"到 {target_year} 年单位国内生产总值二氧化碳排放比 {base_year} 年下降 {size:.0%}；按均衡进度逐年考察（国办发〔2024〕39号"
        "：以强度控制为主、总量控制为辅）。",
        f"This report accounts the energy-related CO2 of {n_reg} region(s), {yr} (fossil fuel combustion, net imported "
        "electricity and net purchased heat; non-fossil energy and feedstock are not counted), the carbon intensity "
        f"(CO2 per unit of GDP at constant prices) and its cumulative reduction since {base_year}, against {t_source}: "
        f"CO2 per unit of GDP down {size:.0%} by {target_year} from {base_year}, at an even pace (国办发〔2024〕39号: "
        "intensity control first, total control auxiliary).")]
    # the regions' sum (or the one region): CO2 and intensity of the sum
    tot = prog.filter(pl.col("co2").is_not_null() & pl.col("gdp").is_not_null()).group_by("year").agg(
        pl.col("co2").sum(), pl.col("gdp").sum(), pl.len().alias("n")).sort("year")
    full = tot.filter(pl.col("n") == tot["n"].max()) if tot.height else tot
    if full.height >= 2 and int(full["year"][0]) == base_year:
        e0, g0 = float(full["co2"][0]), float(full["gdp"][0])
        last = full.row(full.height - 1, named=True)
        prev = full.row(full.height - 2, named=True)
        c0, c1 = e0 / (g0 * 1e4), last["co2"] / (last["gdp"] * 1e4)
        d = 1 - c1 / c0
        t_el = last["year"] - base_year
        req = 1 - (1 - size) ** (t_el / (target_year - base_year))
        dco2 = last["co2"] - prev["co2"]
        who = names[regions[0]] if n_reg == 1 else _zh(lang, f"{full['n'][0]} 个地区合计", f"the {full['n'][0]} regions together")
        summary.append(_zh(
            lang,
            f"{who}：{base_year} 年（基年）二氧化碳排放 {wan_t(e0)} 万吨，{last['year']} 年 {wan_t(last['co2'])} 万吨，较上年"
            f"{'增加' if dco2 > 0 else '减少'} {wan_t(abs(dco2))} 万吨（{pct(dco2 / prev['co2'])}）；碳排放强度由 {c0:.4f} "
            f"降至 {c1:.4f} 吨二氧化碳/万元，累计下降 {pct(d)}，按均衡进度 {last['year']} 年应累计下降 {pct(req)}，"
            + ("达到均衡进度" if d >= req - 1e-12 else "落后于均衡进度") + f"（完成进度 {pct(d / req if req else None, 1)}）。",
            f"{who}: CO2 {wan_t(e0)} 10⁴ t in {base_year} (base year) and {wan_t(last['co2'])} 10⁴ t in {last['year']}, "
            f"{'up' if dco2 > 0 else 'down'} {wan_t(abs(dco2))} 10⁴ t ({pct(dco2 / prev['co2'])}) on the year before; "
            f"carbon intensity from {c0:.4f} to {c1:.4f} tCO2 per 10⁴ CNY, a cumulative reduction of {pct(d)} against "
            f"an even-pace requirement of {pct(req)} for {last['year']}: "
            + ("on pace" if d >= req - 1e-12 else "behind pace") + f" (progress {pct(d / req if req else None, 1)})."))
    if 1 < n_reg <= 3:
        for r in latest.iter_rows(named=True):
            summary.append(_region_sentence(r, names[r["region_code"]], lang))
    graded = latest.filter(pl.col("grade").is_not_null())
    if n_reg > 1 and graded.height:
        y = int(graded["year"].max())  # type: ignore[arg-type]
        by = {g: [names[c] for c in graded.filter(pl.col("grade") == g)["region_code"].to_list()] for g in (1, 2, 3)}
        summary.append(_zh(
            lang,
            f"最新年份（{y} 年）{graded.height} 个地区中，预警等级一级（红，碳排放强度不降反升）{len(by[1])} 个"
            f"{'（' + '、'.join(by[1]) + '）' if by[1] else ''}、二级（黄）{len(by[2])} 个、三级（绿）{len(by[3])} 个；"
            f"{int(graded['on_pace'].sum())} 个地区达到均衡进度。",
            f"In the latest year ({y}), of {graded.height} regions {len(by[1])} are grade 1 (red, carbon intensity rose)"
            f"{' (' + ', '.join(by[1]) + ')' if by[1] else ''}, {len(by[2])} grade 2 (yellow) and {len(by[3])} grade 3 "
            f"(green); {int(graded['on_pace'].sum())} are on pace."))
    side_latest = pl.DataFrame()
    if "carbon_on_pace" in data.side.columns:
        both = data.side.filter(pl.col("carbon_on_pace").is_not_null() & pl.col("energy_on_pace").is_not_null())
        side_latest = _latest(both, "carbon_intensity") if both.height else both
    if side_latest.height:
        e, c = side_latest["energy_on_pace"], side_latest["carbon_on_pace"]
        nb, ne, nc = int((e & c).sum()), int((e & ~c).sum()), int((~e & c).sum())
        nn = side_latest.height - nb - ne - nc
        k = [float(v) for v in side_latest["co2_per_tce"].drop_nulls().to_list()]
        lo, hi = (f"{min(k):.2f}", f"{max(k):.2f}") if k else ("", "")
        span = lo if lo == hi else f"{lo}—{hi}"
        ks = _zh(lang, f"单位能耗二氧化碳排放 {span} 吨/吨标准煤。", f"CO2 per tce {span} t.") if span else ""
        if side_latest.height == 1:
            r = side_latest.row(0, named=True)
            summary.append(_zh(
                lang,
                f"{names[r['region_code']]} {r['year']} 年能耗强度累计下降 {pct(r['energy_reduction_cumulative'])}（要求 "
                f"{pct(r['energy_required_cumulative'])}，{code_label('grade', r['energy_grade'], lang)}），碳排放强度累计下降 "
                f"{pct(r['carbon_reduction_cumulative'])}（要求 {pct(r['carbon_required_cumulative'])}，"
                f"{code_label('grade', r['carbon_grade'], lang)}）。{ks}",
                f"{names[r['region_code']]} in {r['year']}: energy intensity {pct(r['energy_reduction_cumulative'])} "
                f"below the base (required {pct(r['energy_required_cumulative'])}, "
                f"{code_label('grade', r['energy_grade'], lang)}), carbon intensity "
                f"{pct(r['carbon_reduction_cumulative'])} (required {pct(r['carbon_required_cumulative'])}, "
                f"{code_label('grade', r['carbon_grade'], lang)}). {ks}"))
    if side_latest.height > 1:
        summary.append(_zh(
            lang,
            f"能耗强度与碳排放强度对照（{side_latest.height} 个地区的最新年份）：两项均达到均衡进度 {nb} 个，仅能耗强度达到 {ne} 个，"
            f"仅碳排放强度达到 {nc} 个，均未达到 {nn} 个。{ks}",
            f"Energy and carbon intensity side by side ({side_latest.height} regions, latest year): both on pace {nb}, "
            f"energy only {ne}, carbon only {nc}, neither {nn}. {ks}"))
    n = {lv: sum(f.level == lv for f in data.findings) for lv in ("error", "warning", "info")}
    summary.append(_zh(lang, f"问题清单：{n['error']} 个错误，{n['warning']} 个警告，{n['info']} 个提示（见“问题清单”）。",
                       f"Findings: {n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s)."))
    summary.append(_zh(lang, "假设：", "Assumption: ") + _convention_words(data.meta, lang)
                   + _zh(lang, "均衡进度 R_t = 1 − (1 − T)^{t/5} 亦为 ECER 的假设 [C]。",
                         " The even pace R_t = 1 − (1 − T)^(t/5) is ECER's assumption too [C]."))

    origin = code_label("data_origin", data.data_origin, lang)
    origin_note = (_zh(lang, f"数据说明：本报告使用的地区数据为{origin}，仅用于演示，不代表任何地区的实际排放。",
                       f"About the data: the regional data of this report are {origin}, for demonstration only; "
                       "they are no region's actual emissions.")
                   if data.data_origin in ("synthetic", "partly synthetic")
                   else _zh(lang, f"数据说明：数据性质为{origin}。", f"About the data: {origin}."))
    lag = int(data.meta.get("grid_year_lag", 2))
    facts = [
        (L["f_asof"], data.as_of or "—"), (L["f_source"], data.data_source or "—"), (L["f_origin"], origin),
        (L["f_years"], yr),
        (L["f_regions"], L["sep"].join(names[c] for c in regions) if n_reg <= 12 else
         _zh(lang, f"{n_reg} 个地区", f"{n_reg} regions")),
        (L["f_target"], _zh(lang, f"单位地区生产总值二氧化碳排放 {target_year} 年比 {base_year} 年下降 {size:.0%}（{t_source}）",
                            f"CO2 per unit of GDP down {size:.0%} by {target_year} from {base_year} ({t_source})")),
        (L["f_grid"], _zh(lang, f"Y − {lag}（假设，置信度 [C]）" if lag else "当年（假设，置信度 [C]）",
                          f"Y − {lag} (assumption, confidence [C])" if lag else "same year (assumption, [C])")),
    ]
    tables, charts = _tables(data, latest, names, lang, L)
    sources = [
        _zh(lang, f"目标：{t_source}“到2025年，……单位国内生产总值二氧化碳排放比2020年下降18%”。",
            f"Target: {t_source}, \"by 2025 … CO2 per unit of GDP 18% below 2020\"."),
        _zh(lang, "碳排放双控制度：国办发〔2024〕39号《加快构建碳排放双控制度体系工作方案》。",
            "Carbon dual control: 国办发〔2024〕39号 (work plan for the carbon dual-control system)."),
        _zh(lang, "燃料缺省参数：鲁环发〔2022〕4号 附录2 表2-3（低位发热量、单位热值含碳量、碳氧化率）；热力 0.11 tCO2/GJ（表2-5）。",
            "Fuel defaults: 鲁环发〔2022〕4号 annex 2 table 2-3 (NCV, carbon content, oxidation); heat 0.11 tCO2/GJ "
            "(table 2-5)."),
        _zh(lang, "电网排放因子：生态环境部、国家统计局公告（2021 年因子 2024-04-12 公布，2022 年因子 2024-12-20 公布）；"
            "环办气候〔2021〕9号 附件2 §7.1.1“购入使用电量乘以电网排放因子”。",
            "Grid factors: MEE/NBS announcements (the 2021 factors published 2024-04-12, the 2022 ones 2024-12-20); "
            "环办气候〔2021〕9号 annex 2 §7.1.1."),
        _zh(lang, "原料用能不计燃烧排放：发改环资〔2022〕803号。", "Feedstock not counted as combustion: 发改环资〔2022〕803号."),
    ]
    methods = [
        _zh(lang, "燃烧排放 E = AD × NCV × CC × OF × 44/12（IPCC 2006 第2卷；省级温室气体清单编制指南（试行））。",
            "Combustion E = AD × NCV × CC × OF × 44/12 (IPCC 2006 Vol. 2; provincial GHG inventory guidelines)."),
        _zh(lang, "净调入电力 E = 净调入电量（MWh）× 电网排放因子（tCO2/MWh），净调出为负；净购入热力 E = 热量（GJ）× 0.11。",
            "Electricity E = net import [MWh] × grid factor [tCO2/MWh] (a net export negative); heat E = GJ × 0.11."),
        _zh(lang, "碳排放强度 C_t = E_t /（G_t × 10⁴）吨二氧化碳/万元（G 亿元，可比价）；累计降低率 D_t = 1 − C_t / C_0，"
            "与逐年降低率连乘 1 − ∏(1 − d_s) 相同。",
            "Carbon intensity C_t = E_t / (G_t × 10⁴) tCO2 per 10⁴ CNY (G in 10⁸ CNY, constant prices); cumulative "
            "reduction D_t = 1 − C_t / C_0, equal to chaining the yearly reductions 1 − ∏(1 − d_s)."),
        _zh(lang, "均衡进度 R_t = 1 − (1 − T)^{t/5}；完成进度 D_t / R_t；预警等级：一级（红）强度上升，二级（黄）降幅小于当年要求"
            " R_1，三级（绿）达到 R_1（国家发展改革委 629号 预警等级方法，ECER 用于碳排放强度）。",
            "Even pace R_t = 1 − (1 − T)^(t/5); progress D_t / R_t; grades: 1 red intensity rose, 2 yellow fell less "
            "than R_1, 3 green on pace (the NDRC barometer of 629号, applied to carbon intensity by ECER)."),
        _convention_words(data.meta, lang),
    ]
    return CarbonReport(lang=lang, title=L["title"], facts=facts, summary=summary, origin_note=origin_note,
                        tables=tables, charts=charts,
                        findings=findings_by_kind(list(data.findings), dict(names), lang),
                        sources=sources, methods=methods, labels=L)


def _region_sentence(r: Mapping[str, Any], region: str, lang: str) -> str:
    ch = r["co2_change_yoy"]
    if lang == "zh":
        return (f"{region}：{r['year']} 年二氧化碳排放 {wan_t(r['co2'])} 万吨"
                + ("" if _missing(ch) else f"（较上年{'增加' if ch > 0 else '下降'} {pct(abs(ch))}）")
                + f"，碳排放强度 {_num(r['intensity'], 4)} 吨/万元，较 {r['base_year']} 年累计下降 "
                f"{pct(r['achieved_cumulative'])}（均衡进度要求 {pct(r['required_cumulative'])}），预警等级 "
                f"{grade_words(r['grade'], lang)}。")
    return (f"{region}: CO2 {wan_t(r['co2'])} 10⁴ t in {r['year']}"
            + ("" if _missing(ch) else f" ({'up' if ch > 0 else 'down'} {pct(abs(ch))} on the year before)")
            + f", carbon intensity {_num(r['intensity'], 4)} t per 10⁴ CNY, {pct(r['achieved_cumulative'])} below "
            f"{r['base_year']} (even pace {pct(r['required_cumulative'])}), {grade_words(r['grade'], lang)}.")


def _tables(data: CarbonReportInput, latest: pl.DataFrame, names: Mapping[str, str], lang: str,
            L: Mapping[str, str]) -> tuple[list[Table], list[str]]:
    def pace(r: Mapping[str, Any]) -> str:
        if _missing(r.get("on_pace")):
            return "—"
        s = _zh(lang, "达到均衡进度" if r["on_pace"] else "落后于均衡进度", "on pace" if r["on_pace"] else "behind pace")
        if r.get("target_met") is not None:
            s += _zh(lang, "；目标" + ("已完成" if r["target_met"] else "未完成"),
                     "; target " + ("met" if r["target_met"] else "not met"))
        return s

    region_cols = [
        Column("region", _zh(lang, "地区", "Region")), Column("year", _zh(lang, "年份", "Year"), "int"),
        Column("co2", _zh(lang, "二氧化碳排放（万吨）", "CO2 [10⁴ t]"), "wan_t"),
        Column("co2_change_yoy", _zh(lang, "排放较上年变化", "CO2 change on the year before"), "pct"),
        Column("gdp", _zh(lang, "地区生产总值（亿元，可比价）", "GDP [10⁸ CNY, constant prices]"), "ratio"),
        Column("intensity", _zh(lang, "碳排放强度（吨/万元）", "Carbon intensity [t/10⁴ CNY]"), "int4"),
        Column("change_yoy", _zh(lang, "强度较上年变化", "Intensity change on the year before"), "pct"),
        Column("achieved_cumulative", _zh(lang, "强度累计降低率", "Cumulative reduction"), "pct"),
        Column("required_cumulative", _zh(lang, "均衡进度要求（累计）", "Even-pace requirement"), "pct"),
        Column("progress_ratio", _zh(lang, "完成进度", "Progress"), "pct"),
        Column("grade", _zh(lang, "预警等级", "Barometer grade"), "grade"),
        Column("pace", _zh(lang, "进度", "Pace")),
    ]

    def rows_of(frame: pl.DataFrame) -> list[dict[str, Any]]:
        return [{**r, "region": names.get(r["region_code"], r["region_code"]), "pace": pace(r),
                 "_color": GRADE_COLOR.get(r.get("grade") or 0, "grey")} for r in frame.iter_rows(named=True)]

    tables = [Table("region", L["h_region"], region_cols, rows_of(latest),
                    _zh(lang, "每个地区有碳排放强度的最新年份；均衡进度 R_t = 1 − (1 − T)^{t/5}。",
                        "Each region in its latest year with a carbon intensity; even pace R_t = 1 − (1 − T)^(t/5)."))]
    if "carbon_intensity" in data.side.columns and data.side.height:
        side = data.side.filter(pl.col("co2").is_not_null() & pl.col("region_code").is_in(list(names)))
        s_cols = [
            Column("region", _zh(lang, "地区", "Region")), Column("year", _zh(lang, "年份", "Year"), "int"),
            Column("energy_intensity", _zh(lang, "能耗强度（吨标准煤/万元）", "Energy intensity [tce/10⁴ CNY]"), "int4"),
            Column("energy_reduction_cumulative", _zh(lang, "能耗强度累计降低", "Energy: cumulative reduction"), "pct"),
            Column("energy_required_cumulative", _zh(lang, "能耗强度进度要求", "Energy: requirement"), "pct"),
            Column("energy_grade", _zh(lang, "能耗预警", "Energy grade"), "grade"),
            Column("carbon_intensity", _zh(lang, "碳排放强度（吨/万元）", "Carbon intensity [t/10⁴ CNY]"), "int4"),
            Column("carbon_reduction_cumulative", _zh(lang, "碳排放强度累计降低", "Carbon: cumulative reduction"), "pct"),
            Column("carbon_required_cumulative", _zh(lang, "碳排放强度进度要求", "Carbon: requirement"), "pct"),
            Column("carbon_grade", _zh(lang, "碳排放预警", "Carbon grade"), "grade2"),
            Column("co2_per_tce", _zh(lang, "单位能耗排放（吨/吨标准煤）", "CO2 per tce [t]"), "ratio"),
        ]
        s_rows = [{**r, "region": names.get(r["region_code"], r["region_code"]), "grade": r["energy_grade"],
                   "_color": GRADE_COLOR.get(r["energy_grade"] or 0, "grey"),
                   "_color2": GRADE_COLOR.get(r["carbon_grade"] or 0, "grey")}
                  for r in side.sort("region_code", "year").iter_rows(named=True)]
        tables.append(Table("side", L["h_side"], s_cols, s_rows, print_limit=PRINT_ROWS, note=_zh(
            lang, "能耗强度为能耗双控评估的结果（扣除原料用能、非化石能源等，按适用的规则版本）；能耗强度目标 13.5%（国发〔2021〕33号），"
            "碳排放强度目标 18%（国发〔2021〕23号）。",
            "Energy intensity as the dual-control assessment computes it (feedstock, non-fossil energy … deducted "
            "under the applicable rule edition); targets 13.5 % (国发〔2021〕33号) and 18 % (国发〔2021〕23号).")))
    t_cols = [
        Column("region", _zh(lang, "地区", "Region")), Column("year", _zh(lang, "年份", "Year"), "int"),
        Column("co2_combustion", _zh(lang, "化石能源燃烧（万吨）", "Combustion [10⁴ t]"), "wan_t"),
        Column("co2_electricity", _zh(lang, "净调入电力（万吨）", "Net imported electricity [10⁴ t]"), "wan_t"),
        Column("co2_heat", _zh(lang, "净购入热力（万吨）", "Net purchased heat [10⁴ t]"), "wan_t"),
        Column("co2", _zh(lang, "合计（万吨）", "Total [10⁴ t]"), "wan_t"),
        Column("co2_feedstock_excluded", _zh(lang, "原料用能（不计入，万吨）", "Feedstock, not counted [10⁴ t]"), "wan_t"),
        Column("rows_in_error", _zh(lang, "有错误的行", "Rows in error"), "int"),
    ]
    t_rows = [{**r, "region": names.get(r["region_code"], r["region_code"])}
              for r in data.totals.sort("region_code", "year").iter_rows(named=True)]
    tables.append(Table("totals", L["h_totals"], t_cols, t_rows, print_limit=PRINT_ROWS, note=_zh(
        lang, "某地区某年有一行无法核算时，该年合计为空（见问题清单）：缺一个品种的合计不是合计。",
        "A region-year with a row that cannot be accounted has no total (see the findings).")))
    yearly = data.progress.sort("region_code", "year")
    tables.append(Table("yearly", L["h_yearly"], region_cols, rows_of(yearly), print_limit=PRINT_ROWS))
    chart_rows = [(short_name(names.get(r["region_code"], r["region_code"])), r["achieved_cumulative"],
                   r["required_cumulative"], GRADE_COLOR.get(r["grade"] or 0, "grey"))
                  for r in latest.iter_rows(named=True)]
    charts = [bar_vs_required(chart_rows, title=L["chart"], value_label=L["chart_value"],
                              required_label=L["chart_req"])] if chart_rows else []
    return tables, charts


# ---------------------------------------------------------------------------------------------------------- writers

def _cell_text(row: Mapping[str, Any], col: Column, lang: str) -> str:
    v: Any = row.get(col.key)
    if col.kind in ("grade", "grade2"):
        return code_label("grade", None if _missing(v) else int(v), lang)
    if _missing(v):
        return "—"
    if col.kind == "wan_t":
        return wan_t(v)
    if col.kind == "pct":
        return pct(v)
    if col.kind == "ratio":
        return _num(v, 2)
    if col.kind == "int4":
        return _num(v, 4)
    if col.kind == "int":
        return str(int(v))
    return str(v)


def render_carbon_html(data: CarbonReportInput, lang: str = "zh", *, font: str | None = None) -> str:
    """The printable report as one HTML string (no JavaScript, no network; the chart as inline SVG; the pollutant
    report's layout). The side-by-side table's carbon grade is printed in words (二级（黄）), coloured in the XLSX."""
    rep = build_carbon_report(data, lang)
    html = _T.render(rep=rep, L=rep.labels, colors=COLORS, cell=lambda r, c: _cell_text(r, c, lang),
                     font=(f"'{font}', " if font else "") + FONT)
    return html


def write_carbon_html(data: CarbonReportInput, path: str | Path, lang: str = "zh") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_carbon_html(data, lang), encoding="utf-8")
    return path


def write_carbon_pdf(data: CarbonReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The printable HTML as an A4 PDF (WeasyPrint); ``FindingsError`` E_PDF_NO_CJK_FONT without a CJK font."""
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=render_carbon_html(data, lang, font=font)).write_pdf(str(path))
    return path


_XLSX_FORMATS = {"wan_t": "#,##0.00", "pct": "0.00%", "ratio": "#,##0.00", "int4": "0.0000", "int": "0"}


def write_carbon_xlsx(data: CarbonReportInput, path: str | Path, lang: str = "zh") -> Path:
    """The workbook: 概要 (facts, sentences, sign-off), one sheet per table (numbers as numbers in their formats, CO2
    in 万吨 as the headers say, grades coloured), 问题清单, 依据与方法."""
    rep = build_carbon_report(data, lang)
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
    ws.write_string(r + 1, 1, _safe(rep.origin_note), wrap)
    r += 3
    ws.write_string(r, 0, L["h_summary"], head)
    for s in rep.summary:
        ws.write_string(r, 1, _safe(s), wrap)
        r += 1
    ws.write_string(r + 1, 0, L["sign"])
    ws.write_string(r + 2, 0, L["date"])
    sheets = {"region": L["s_region"], "side": L["s_side"], "totals": L["s_totals"], "yearly": L["s_yearly"]}
    for t in rep.tables:
        ws = wb.add_worksheet(sheets[t.key])
        ws.write_string(0, 0, _safe(t.title + (f"  {t.note}" if t.note else "")))
        for j, c in enumerate(t.columns):
            ws.write_string(1, j, c.label, head)
            ws.set_column(j, j, 22 if c.kind == "text" else 14)
        for i, row in enumerate(t.rows, start=2):
            for j, c in enumerate(t.columns):
                v: Any = row.get(c.key)
                if c.kind in ("grade", "grade2"):
                    color = row.get("_color2" if c.kind == "grade2" else "_color", "grey")
                    ws.write_string(i, j, _cell_text(row, c, lang), grades[color])
                elif _missing(v):
                    continue
                elif c.kind == "text":
                    ws.write_string(i, j, _safe(str(v)), wrap)
                else:
                    ws.write_number(i, j, float(v) * (WAN_T if c.kind == "wan_t" else 1.0), nums[c.kind])
        ws.freeze_panes(2, 2)
    ws = wb.add_worksheet(L["s_findings"])
    for j, h in enumerate((_zh(lang, "级别", "Level"), _zh(lang, "说明", "Message"), _zh(lang, "位置", "Where"),
                           _zh(lang, "处理", "Fix"), _zh(lang, "代码", "Code"))):
        ws.write_string(0, j, h, head)
    ws.set_column(1, 1, 90)
    ws.set_column(2, 3, 40)
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


WRITERS = {".xlsx": write_carbon_xlsx, ".html": write_carbon_html, ".pdf": write_carbon_pdf}


def write_carbon_report(data: CarbonReportInput, path: str | Path, lang: str = "zh") -> Path:
    """Write the report to ``path`` as its suffix names (.xlsx, .html or .pdf); another suffix is E_UNKNOWN_NAME."""
    p = Path(path)
    writer = WRITERS.get(p.suffix.lower())
    if writer is None:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=p.suffix or str(p),
                                  valid=", ".join(WRITERS))])
    return writer(data, p, lang)
