"""The rules an assessment applied, as sentences: every switch of a rule edition in words, each with the document
and clause that rule it, and the periods each edition governed.

>>> from ecer import refdata
>>> s = rule_sentences(refdata.rule_edition("2021"), "zh")
>>> s[1].text, s[1].cite
('新增可再生能源电力消费量不纳入能源消费总量考核，仍计入能耗强度核算；新增量按每年较上一年新增计算，在当年总量考核中扣除（以 2020 年为基数）。', '国发〔2021〕33号 四、(一)；发改运行〔2022〕1258号 通知 二（新增量的计算）')
>>> edition_heading(refdata.rule_edition("2021"), "zh")
'2021 版规则（国发〔2021〕33号；发改环资〔2021〕1310号，2021-12-28 起施行）'
>>> periods_in_words(["2021-01", "2021-02", "2021-03", "2021Q1", "2021"], "zh")
'年：2021年；季：2021年第1季度；月：2021年1月至2021年3月'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ecer.periods import Period
from ecer.reports.labels import code_label
from ecer.reports.wording import doc_numbers, period_label


@dataclass(frozen=True)
class RuleSentence:
    """One rule in words, the document and clause that rule it (``cite``) and their words (``quote``)."""

    text: str
    cite: str = ""
    quote: str = ""
    source: str = ""


def _s(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


# The catalog's clause notes are English; the Chinese report says them in Chinese.
_CLAUSE_ZH: list[tuple[str, str]] = [
    (r"13th-FYP practice", "“十三五”时期做法"),
    (r" introduces the exclusion on (\d{4}-\d{2}-\d{2})", r"（\1 起扣除）"),
    (r" introduces the general exclusion", "（其后一般性扣除）"),
    (r" introduces the exclusion", "（其后引入扣除）"),
    (r" \(introduced in (\d{4})\)", r"（\1 年起施行）"),
    (r" \(silent\)", "（未作规定）"),
    (r" \(quota-weight surplus only\)", "（仅限超额消纳量）"),
    (r" \(how the increment is counted\)", "（新增量的计算）"),
    (r" \(deduction in the 14th-FYP provincial assessment\)", "（“十四五”省级考核中扣除）"),
    (r" \(deduction from the total, not from intensity\)", "（从总量中扣除，不从强度中扣除）"),
    (r" \(principle\)", "（原则）"),
    (r" \(cross-province certificates\)", "（跨省绿证）"),
    (r" \(green certificates\)", "（绿证）"),
    (r" \(accounting of intensity and its decline rate\)", "（能耗强度及其降低率的核算）"),
    (r"measure (\d+) \(Tianjin practice; the national texts are silent\)", r"第 \1 条措施（天津做法；国家文件未规定）"),
    (r"measure (\d+)", r"第 \1 条措施"),
    (r" \(scope of the exemption\)", "（免予考核的范围）"),
    (r"^not stated$", "未作规定"),
]


def _top_level_parts(text: str) -> list[str]:
    """``a; b (c; d) / e`` → ``['a', 'b (c; d)', 'e']``: split on ; and / outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth == 0 and ch in ";；/":
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in [*parts, cur.strip()] if p]


def _clause_words(clause: str, docs: list[str], lang: str) -> list[str]:
    """A clause as citations, short references (``33号``) written out (``国发〔2021〕33号``)."""
    if lang == "zh":
        for pat, zh in _CLAUSE_ZH:
            clause = re.sub(pat, zh, clause or "")
    out = []
    for part in _top_level_parts(clause or ""):
        short = re.match(r"^(\d+号)\s*(.*)$", part)
        full = next((d for d in docs if short and d.endswith(short.group(1))
                     and not d[: -len(short.group(1))][-1:].isdigit()), None)
        if short and full:
            out.append(f"{full} {short.group(2)}".strip())
        elif len(docs) == 1 and not doc_numbers(part):
            out.append(f"{docs[0]} {part}")
        else:
            out.append(part)
    return out or docs


def _base(cite: str) -> str:
    return re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", cite)


def _cite(edition: Any, lang: str, *keys: str) -> tuple[str, str, str]:
    clauses = getattr(edition, "clauses", None) or {}
    found = [clauses[k] for k in keys if k in clauses]
    parts: list[str] = []
    for c in found:
        for p in _clause_words(c.clause, doc_numbers(c.doc_no) or [c.doc_no], lang):
            if _base(p) not in {_base(q) for q in parts}:  # one citation of a clause, its first note kept
                parts.append(p)
    sep = "；" if lang == "zh" else "; "
    return (sep.join(parts), "；".join(dict.fromkeys(c.quote for c in found)),
            "; ".join(dict.fromkeys(c.source for c in found)))


def rule_sentences(edition: Any, lang: str = "zh") -> list[RuleSentence]:
    """Every switch of ``edition`` (ecer.models.rules.RuleEdition) as a sentence with its clause."""
    e, out = edition, []

    def add(text: str, *keys: str) -> None:
        out.append(RuleSentence(text, *_cite(e, lang, *keys)))

    add(_s(lang, "原料用能从能源消费总量和能耗强度核算中扣除（基期和考核期同步扣除，地区生产总值不作调整）。",
           "Feedstock energy is deducted from the total and from the intensity, in the base and the assessed period "
           "alike; GDP is not adjusted.") if e.feedstock == "exclude_total_and_intensity" else
        _s(lang, "原料用能计入能源消费总量和能耗强度，不作扣除。",
           "Feedstock energy is counted in the total and in the intensity (no deduction)."), "feedstock")
    base = e.renewable_base_year
    if e.renewable_electricity == "increment_total_only":
        reading = (_s(lang, "新增量按每年较上一年新增计算，在当年总量考核中扣除",
                      "the increment is counted each year over the previous year and deducted in that year's total "
                      "check") if e.renewable_increment_reading == "previous_year" else
                   _s(lang, f"新增量按较 {base} 年累计新增计算，从各年总量中扣除",
                      f"the cumulative increment over {base} is deducted from every year's total"))
        add(_s(lang, f"新增可再生能源电力消费量不纳入能源消费总量考核，仍计入能耗强度核算；{reading}（以 {base} 年为基数）。",
               f"New renewable electricity is left out of the total check but still counted in the intensity; "
               f"{reading} ({base} is the base)."), "renewable_electricity", "renewable_increment_reading")
    elif e.renewable_electricity == "all_total_and_intensity":
        add(_s(lang, "可再生能源电力消费量全部从能源消费总量和能耗强度核算中扣除（基期和考核期同步扣除）。",
               "All renewable electricity is deducted from the total and from the intensity, in the base and the "
               "assessed period alike."), "renewable_electricity")
    else:
        add(_s(lang, "可再生能源电力计入能源消费总量和能耗强度，不作扣除。",
               "Renewable electricity is counted in the total and in the intensity (no deduction)."),
            "renewable_electricity")
    add(_s(lang, "核电等其他非化石能源从能源消费总量和能耗强度核算中扣除。",
           "Nuclear and other non-fossil energy are deducted from the total and from the intensity.")
        if e.other_nonfossil == "exclude_total_and_intensity" else
        _s(lang, "核电等其他非化石能源计入能源消费总量和能耗强度。",
           "Nuclear and other non-fossil energy are counted in the total and in the intensity."), "other_nonfossil")
    add(_s(lang, "国家重大项目能耗单列，其能耗从能源消费总量和能耗强度考核中扣除。",
           "Energy of separately listed national major projects is deducted from the total and the intensity checks.")
        if e.separately_listed_excluded else
        _s(lang, "国家重大项目能耗不单列，计入考核。",
           "Energy of national major projects is not listed separately: it counts in the checks."),
        "separately_listed_excluded")
    if e.separately_listed_excluded:
        add(_s(lang, "单列项目的增加值同时从地区生产总值中扣除（可选做法，天津做法）。",
               "The value added of separately listed projects is removed from GDP as well (an option; Tianjin's "
               "practice).") if e.separately_listed_remove_value_added else
            _s(lang, "单列项目的增加值不从地区生产总值中扣除（国家文件未规定扣除）。",
               "The value added of separately listed projects stays in GDP (the national texts do not remove it)."),
            "separately_listed_remove_value_added")
    if e.incentive_exempts_total:
        scope = (_s(lang, "规划期内各年按进度提前适用（可选做法，非原文规定）",
                    "applied pro rata in the plan's earlier years too (an option, not in the text)")
                 if e.incentive_exemption_pro_rata else
                 _s(lang, "规划期内各年的年度考核不提前适用", "not applied early in the annual assessments"))
        add(_s(lang, f"能耗强度降低达到激励目标的地区，其能源消费总量在五年规划当期考核中免予考核；{scope}。",
               f"A region whose intensity reduction reaches the incentive target is exempt from the total's "
               f"five-year assessment; {scope}."), "incentive_exempts_total", "incentive_exemption_pro_rata")
    else:
        add(_s(lang, "达到激励目标不免除能源消费总量考核。",
               "Reaching the incentive target does not exempt the total from assessment."), "incentive_exempts_total")
    add(_s(lang, "完成五年规划当期能耗双控进度目标的地区，视为完成年度目标。",
           "A region on track for its five-year targets is deemed to have met its annual targets.")
        if e.five_year_progress_counts_as_annual else
        _s(lang, "年度目标按当年降低率考核，不以五年进度视同完成。",
           "Annual targets are assessed on the year's own reduction; five-year progress does not count instead."),
        "five_year_progress_counts_as_annual")
    return out


def edition_docs(edition: Any) -> list[str]:
    """The documents an edition rests on: its catalog manifest's ``doc_no``, else those its clauses cite."""
    from ecer import refdata
    from ecer.findings import FindingsError

    try:
        return doc_numbers(refdata.load("dual_control_rules", edition.edition).manifest.doc_no or "")
    except FindingsError:  # an edition the catalog does not hold (a test's, a user's)
        clauses = getattr(edition, "clauses", None) or {}
        return doc_numbers(" ".join(c.doc_no for c in clauses.values()))


def edition_heading(edition: Any, lang: str = "zh") -> str:
    """``2021 版规则（国发〔2021〕33号；…，2021-12-28 起施行）``."""
    docs = ("；" if lang == "zh" else "; ").join(edition_docs(edition))
    if lang == "zh":
        return f"{edition.edition} 版规则（{docs + '，' if docs else ''}{edition.effective_from} 起施行）"
    return f"the {edition.edition} rules ({docs + ', ' if docs else ''}in force from {edition.effective_from})"


def recompute_sentence(edition: Any, lang: str = "zh") -> str:
    """How the editions were chosen per period (rules in force, or the chosen edition for every year)."""
    if edition.recompute_earlier_years:
        return _s(lang, f"规划期内各年份均按所选的 {edition.edition} 版规则重新核算（可选做法）。",
                  f"Every year of the plan is recomputed under the chosen {edition.edition} rules (an option).")
    return _s(lang, "各期按期末日有效的规则核算：以前年度不按新规则追溯重算。",
              "Each period is assessed under the rules in force on its last day; earlier years are not recomputed "
              "under newer rules.")


_KIND_ORDER = ("Y", "H", "Q", "M", "YTD")


def _ordinal(p: Period) -> int:
    per_year = {"Y": 1, "H": 2, "Q": 4, "M": 12, "YTD": 12}[p.kind]
    return p.year * per_year + p.index


def _short(p: Period, lang: str) -> str:
    """The end of a range within one year: ``1—8月`` after ``2021年1月（累计）至``."""
    if lang == "zh" and p.kind == "YTD":
        return f"1—{p.index}月"
    return period_label(str(p), lang)


def periods_in_words(periods: list[str], lang: str = "zh") -> str:
    """Periods grouped by kind, consecutive ones as ranges: ``月：2021年1月至2021年8月``."""
    parsed = sorted({Period.parse(p) for p in periods}, key=lambda p: p.sort_key())
    groups = []
    for kind in _KIND_ORDER:
        ps = [p for p in parsed if p.kind == kind]
        if not ps:
            continue
        runs: list[list[Period]] = [[ps[0]]]
        for p in ps[1:]:
            same_run = _ordinal(p) == _ordinal(runs[-1][-1]) + 1 and (kind != "YTD" or p.year == runs[-1][-1].year)
            runs[-1].append(p) if same_run else runs.append([p])
        sep = "至" if lang == "zh" else " to "
        words = [period_label(str(r[0]), lang) + (sep + _short(r[-1], lang) if len(r) > 1 else "") for r in runs]
        head = code_label("period_kind", kind, lang)
        groups.append(f"{head}：{'、'.join(words)}" if lang == "zh" else f"{head}: {', '.join(words)}")
    return ("；" if lang == "zh" else "; ").join(groups)


def assumptions(chosen: Any, applied: list[Any], margin: float, lang: str = "zh") -> list[str]:
    """What the assessment assumed where the texts are silent or leave a choice, in sentences."""
    pp = f"{margin * 100:g}"
    out = [
        _s(lang, "本期降低要求：已报送年度目标的地区按其年度目标；未报送的按五年基本目标 T 的均衡（几何）进度计算，年度要求为 "
                 "1−(1−T)^(1/5)，累计进度要求为 1−(1−T)^(t/5)，t 为规划期已过年数。",
           "Required reductions: a region's filed annual target where there is one; otherwise the even (geometric) "
           "pace of the five-year basic target T: 1−(1−T)^(1/5) a year and 1−(1−T)^(t/5) after t years of the plan."),
        _s(lang, "能源消费允许增速：设有五年增量上限 ΔE 的，按 (1+ΔE/E₀)^(1/5)−1 均摊；未设上限的按 "
                 "(1+规划经济增速)×(1−本期降低要求)−1；经济增速超过预期目标的地区，允许增速按实际经济增速相应调增"
                 "（国发〔2021〕33号 四、(一)）。",
           "Allowed energy growth: with a five-year increment cap ΔE, (1+ΔE/E₀)^(1/5)−1; without one, "
           "(1+planned GDP growth)×(1−required reduction)−1; where GDP grew faster than planned, the allowed growth "
           "is raised with the actual growth (国发〔2021〕33号 四、(一))."),
        _s(lang, f"总量预警：增速不超过允许增速为三级（绿）；超过不足 {pp} 个百分点为二级（黄）；超过 {pp} 个百分点以上为一级（红）。"
                 f"该幅度国家未公布，是本系统的假设（可用 --total-red-margin 调整）。",
           f"Total barometer: growth within the allowed growth is grade 3 (green); up to {pp} percentage points above "
           f"it grade 2 (yellow); more than that grade 1 (red). NDRC has not published this margin: it is our "
           f"assumption (--total-red-margin changes it)."),
        _s(lang, "能耗强度预警：同比上升为一级（红）；下降但未达到本期降低要求为二级（黄）；达到要求为三级（绿）。",
           "Intensity barometer: a rise is grade 1 (red); a fall short of the requirement grade 2 (yellow); meeting "
           "it grade 3 (green)."),
    ]
    if any(e is not None and e.renewable_electricity == "increment_total_only" for e in applied):
        used = code_label("reading", chosen.renewable_increment_reading, lang)
        other = code_label("reading", "base_year" if chosen.renewable_increment_reading == "previous_year"
                           else "previous_year", lang)
        out.append(_s(lang, f"新增可再生能源电力（发改运行〔2022〕1258号）的扣除按“{used}”计算；按另一种读法（{other}）"
                            "预警等级不同的期间列入问题清单（提示）。可用 --renewable-reading 选择读法。",
                      f"New renewable electricity (发改运行〔2022〕1258号) is deducted {used}; periods where the other "
                      f"reading ({other}) gives a different grade are listed among the notes (--renewable-reading "
                      f"chooses the reading)."))
    if any(e is not None and e.incentive_exempts_total for e in applied):
        out.append(_s(lang, "激励目标免予总量考核在规划期内各年按进度提前适用（可选做法，1310号 第(九)条只规定五年规划当期考核）。",
                      "The incentive-target exemption of the total is applied pro rata in the plan's earlier years "
                      "(an option: 1310号 第(九)条 rules it for the five-year assessment only).")
                   if chosen.incentive_exemption_pro_rata else
                   _s(lang, "激励目标免予总量考核仅在五年规划当期考核（规划目标年）中适用，年度考核不提前适用"
                            "（发改环资〔2021〕1310号 第(九)条）。",
                      "The incentive-target exemption of the total applies in the five-year assessment (the plan's "
                      "target year) only, not in the annual assessments (发改环资〔2021〕1310号 第(九)条)."))
    out.append(_s(lang, "可再生能源电力按能源数据本身的折标口径（当量值或等价值）和当年的折标系数折算为标准煤；国家文件未规定折算口径。",
                  "Renewable electricity is converted to coal equivalent on the basis the energy data carry "
                  "(calorific value or coal equivalent) with that year's factor; the texts do not say which basis."))
    out.append(recompute_sentence(chosen, lang))
    out.append(_s(lang, "预警等级只比较本期与本期要求；考核仅针对年度，规划目标年为五年规划当期考核。",
                  "The barometer compares a period with its own requirement only; the assessment is of years, the "
                  "plan's target year being the five-year assessment."))
    return out
