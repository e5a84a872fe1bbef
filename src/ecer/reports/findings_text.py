"""Findings as the reports list them: errors, warnings and notes; each in the report's language (re-rendered from
its registered template with one-language evidence), its region by name and its period in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ecer.findings import codes
from ecer.periods import is_period
from ecer.reports.labels import code_label
from ecer.reports.wording import one_language, period_label, relabel_periods

_FINDINGS_SHOWN = 25  # per code in the HTML/PDF; the Excel report lists them all


@dataclass(frozen=True)
class FindingItem:
    level: str
    code: str
    region: str
    period: str
    where: str
    text: str
    fix: str


@dataclass
class FindingGroup:
    level: str
    title: str
    items: list[FindingItem]


def _message(f: Any, lang: str) -> tuple[str, str]:
    """A finding's message and fix in one language: re-rendered from its registered template with each evidence
    value in that language ("二级 / grade 2" → "二级"), or, for a finding not made from its template, cleaned."""
    msg, fix = (f.message_zh, f.fix_zh) if lang == "zh" else (f.message_en, f.fix_en)
    c = codes().get(f.code)
    ev = f.evidence or {}
    if c is not None and ev:
        tmpl, fix_tmpl = (c.zh, c.fix_zh) if lang == "zh" else (c.en, c.fix_en)
        raw, clean = _Fields(ev), _Fields({k: one_language(v, lang) if isinstance(v, str) else v
                                           for k, v in ev.items()})
        try:
            if tmpl.format_map(raw) == msg:
                msg = tmpl.format_map(clean)
            if fix_tmpl.format_map(raw) == fix:
                fix = fix_tmpl.format_map(clean)
        except (ValueError, IndexError):  # a template this evidence does not fill: keep the message
            pass
    return one_language(msg, lang), one_language(fix, lang)


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def findings_by_kind(findings: list[Any], names: dict[str, str], lang: str) -> list[FindingGroup]:
    """Errors, warnings and notes, each finding in one language with its region named and its period in words."""
    groups = []
    for level in ("error", "warning", "info"):
        items = []
        for f in (f for f in findings if f.level == level):
            ev = f.evidence or {}
            code = str(ev.get("region") or "")
            name = names.get(code, code)
            period = str(ev.get("period") or "")
            period = period if is_period(period) else ""
            text, fix = _message(f, lang)
            if code:  # the region is named in its own column: drop "地区 120000 2023-05：" from the message
                text = _strip_region_prefix(text, code, period)
                text = text.replace(f"地区 {code}", name).replace(f"region {code}", name)
            where = f.location.text(lang) if f.location else ""
            items.append(FindingItem(level, f.code, name if code else "", period_label(period, lang) if period else "",
                                     where, relabel_periods(text, lang), fix))
        title = code_label("finding_level", level, lang)
        groups.append(FindingGroup(level, title[:1].upper() + title[1:], items))
    return groups


def _strip_region_prefix(text: str, code: str, period: str) -> str:
    pat = rf"^(?:地区 |region ){code}[,，]?\s*(?:{re.escape(period)})?\s*[：:]\s*" if period else \
        rf"^(?:地区 |region ){code}[：:]\s*"
    return re.sub(pat, "", text)


def shown_findings(group: FindingGroup) -> tuple[list[FindingItem], int]:
    """The findings of a group the HTML/PDF lists (at most ``_FINDINGS_SHOWN`` per code) and how many are left."""
    seen: dict[str, int] = {}
    shown = []
    for item in group.items:
        seen[item.code] = seen.get(item.code, 0) + 1
        if seen[item.code] <= _FINDINGS_SHOWN:
            shown.append(item)
    return shown, len(group.items) - len(shown)
