"""Wording helpers of the reports: periods in words, one language out of bilingual text, source notes in words.

>>> period_label("2021-07YTD"), period_label("2021H1", "en"), period_label("2024-02", "en")
('2021年1—7月', '2021 H1', 'Feb 2024')
>>> one_language("总量增速 +2.85%（二级 / grade 2）", "zh"), one_language("grew +2.85% (二级 / grade 2)", "en")
('总量增速 +2.85%（二级）', 'grew +2.85% (grade 2)')
>>> one_language("用户系数 user factor 100000 2024: 300 gce/kWh (演示用合成值，非官方数据 / synthetic demo value)", "en",
...              drop_labels=True)
'user factor 100000 2024: 300 gce/kWh (synthetic demo value)'
>>> relabel_periods("地区 120000 2023-05：增速", "zh")
'地区 120000 2023年5月：增速'
>>> source_text("basic: official: 甘政发〔2022〕41号 二、主要目标 (high confidence) | incentive: synthetic demo (basic + 1 pp)")
'基本目标：官方文件 甘政发〔2022〕41号 二、主要目标（可信度：高）；激励目标：演示用合成值（基本目标加 1 个百分点）'
"""

from __future__ import annotations

import re

from ecer.periods import Period

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〔〕—…·"
HAS_CJK = re.compile(f"[{CJK}]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PERIOD_TOKEN = re.compile(r"(?<![\d-])(\d{4}(?:-(?:0[1-9]|1[0-2])(?:YTD)?|H[12]|Q[1-4]))(?![\d\w])")


def period_label(period: str, lang: str = "zh") -> str:
    """A period in words (``2021年1—7月``, ``Jan–Jul 2021``); text that is not a period stays as it is."""
    try:
        p = Period.parse(period)
    except ValueError:
        return str(period)
    if lang == "zh":
        return f"{p.year}年1月（累计）" if p.kind == "YTD" and p.index == 1 else p.label_zh
    if p.kind == "Y":
        return str(p.year)
    if p.kind in ("H", "Q"):
        return f"{p.year} {p.kind}{p.index}"
    if p.kind == "M":
        return f"{_MONTHS[p.index - 1]} {p.year}"
    return f"Jan–{_MONTHS[p.index - 1]} {p.year}" if p.index > 1 else f"Jan {p.year} (year to date)"


def relabel_periods(text: str, lang: str = "zh") -> str:
    """Period codes inside a text (``2023-05YTD``) replaced by their words; bare years stay."""
    return _PERIOD_TOKEN.sub(lambda m: period_label(m.group(1), lang), text)


_PAIR = re.compile(rf"([^\s/（(，,；;：:|][^/（(，,；;：:|]*?[{CJK}][^/（()）]*?)\s+/\s+([^/（()）]*?[A-Za-z][^/（()）]*?)(?=[)）]|$)")
_CJK_RUN = re.compile(f"[{CJK}]+(?:[ 0-9A-Za-z.+%-]*[{CJK}]+)*")


def one_language(text: str, lang: str, *, drop_labels: bool = False) -> str:
    """Keep one side of the ``中文 / English`` pairs a text carries; with ``drop_labels`` English also drops the
    Chinese labels an English phrase repeats (``用户系数 user factor``). Text without pairs stays as it is."""
    if not text:
        return ""
    out = _PAIR.sub(lambda m: m.group(1).strip() if lang == "zh" else m.group(2).strip(), text)
    if lang != "zh" and drop_labels:
        out = re.sub(f"[{CJK}]+[{CJK}\\w]*\\s+(?=[A-Za-z])", "", out)
    return re.sub(r"\(\s+", "(", out).strip()


_SOURCE_KEYS = {"basic": ("基本目标", "basic target"), "incentive": ("激励目标", "incentive target"),
                "gdp_growth_plan": ("规划经济增速", "planned GDP growth"),
                "total_increment_cap": ("总量增量上限", "increment cap")}
_SOURCE_WORDS: list[tuple[str, str, str]] = [  # (pattern, 中文, English)
    (r"synthetic demo \(basic \+ 1 pp\)", "演示用合成值（基本目标加 1 个百分点）", "synthetic demo value (basic + 1 pp)"),
    (r"synthetic demo(?! value)", "演示用合成值", "synthetic demo value"),
    (r"national ([\d.]+) % \((.*?)\) applied to the province", r"全国目标 \1%（\2）适用于本省",
     r"the national \1 % (\2) applied to the province"),
    (r"demo city target \(province target ± up to 1 pp\)", "演示用城市目标（在省级目标上下 1 个百分点内）",
     "demo city target (within 1 pp of the province's)"),
    (r"\(news, ([\d-]+)\) news report", r"（新闻，\1）", r"(news report, \1)"),
    (r"\(per the official 解读\)", "（据官方解读）", "(per the official explanation)"),
    (r"\brow (\d+)", r"第 \1 行", r"row \1"),
    (r"synthetic:\s*", "模拟：", "synthetic: "),
    (r"official:\s*", "官方文件 ", "official: "),
    (r"catalog provincial_intensity_targets_14th:\s*", "各省“十四五”目标目录：", "catalog of provincial 14th-FYP targets: "),
    (r"\s*\(high confidence\)", "（可信度：高）", " (high confidence)"),
    (r"\s*\(medium confidence\)", "（可信度：中）", " (medium confidence)"),
    (r"\s*\(low confidence\)", "（可信度：低）", " (low confidence)"),
    (r"\s*\((high|medium|low)\)$", "", ""),
    (r"demo annual target around the even pace of the five-year target", "演示用年度目标（接近五年目标的均衡进度）",
     "demo annual target near the even pace of the five-year target"),
    (r"hand case", "手算示例", "hand case"),
    (r"^plan$|^own$", "规划目标", "plan target"),
]


def source_text(text: str | None, lang: str = "zh", names: dict[str, str] | None = None) -> str:
    """A target's source note in words: ``basic: official: …`` → ``基本目标：官方文件 …``; inherited targets name
    the parent region (``parent 130000; …`` → ``沿用上级 河北省：…``). Unknown wording passes through."""
    if not text:
        return "—"
    parts = []
    for part in str(text).split(" | "):
        key, _, rest = part.partition(": ")
        head = ""
        if key in _SOURCE_KEYS and rest:
            head, part = _SOURCE_KEYS[key][0 if lang == "zh" else 1] + ("：" if lang == "zh" else ": "), rest
        m = re.match(r"parent (\d{6});\s*(.*)$", part)
        if m:
            name = (names or {}).get(m.group(1), m.group(1))
            part = (f"沿用上级 {name}：" if lang == "zh" else f"inherited from {name}: ") + m.group(2)
        for pat, zh, en in _SOURCE_WORDS:
            part = re.sub(pat, zh if lang == "zh" else en, part)
        parts.append(head + one_language(part, lang))
    return ("；" if lang == "zh" else "; ").join(parts)


_FACTOR_WORDS: list[tuple[str, str, str]] = [
    (r"用户系数 user factor (\d{6}) (\d{4}): ?", r"用户系数（\1，\2 年）：", r"user factor (\1, \2): "),
    (r"发电煤耗 generation rate", "发电煤耗", "generation coal rate"),
    (r"供电煤耗 supply rate", "供电煤耗", "supply coal rate"),
    (r"^全国 (\d{4}) ", r"全国 \1 年", r"national \1, "),
    (r"^当量值 ", "当量值 ", "calorific value "),
]


def factor_source_text(text: str | None, lang: str = "zh", names: dict[str, str] | None = None) -> str:
    """An electricity factor's source in words: ``用户系数 user factor 100000 2024: 300 gce/kWh (…)`` →
    ``用户系数（全国，2024 年）：300 gce/kWh（…）``."""
    if not text:
        return "—"
    out = str(text)
    for pat, zh, en in _FACTOR_WORDS:
        out = re.sub(pat, zh if lang == "zh" else en, out)
    for code, name in (names or {}).items():
        out = out.replace(f"（{code}，", f"（{name}，").replace(f"({code}, ", f"({name}, ")
    out = one_language(out, lang, drop_labels=True)
    return re.sub(r" \((.*)\)$", r"（\1）", out) if lang == "zh" else out


def doc_numbers(text: str) -> list[str]:
    """Document numbers (``国发〔2021〕33号``) in a text, in order, each once."""
    seen: list[str] = []
    for d in re.findall(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", text or ""):
        if d not in seen:
            seen.append(d)
    return seen
