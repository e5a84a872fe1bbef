"""Reading rendered reports as text: what a reader sees, without markup."""

from __future__ import annotations

import html
import re

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”《》〔〕]")
# Codes and Python values a report must never print (the words for them are in ecer.reports.labels).
RAW = {"True", "False", "None", "nan", "null", "national", "province", "city", "county", "red", "yellow", "green",
       "grey", "met", "not_met", "met_by_progress", "exempt", "annual", "five_year", "coal_equivalent", "calorific",
       "generation", "supply", "even_pace", "gdp_plan", "increment_cap", "gdp_above_plan", "in_plan", "base_year",
       "no_target", "own", "inherited", "synthetic", "user", "official", "14th", "YTD", "feedstock",
       "renewable_electricity", "other_nonfossil", "incentive_exempts_total", "recompute_earlier_years",
       "previous_year", "exclude_total_and_intensity", "increment_total_only", "all_total_and_intensity", "store"}


def visible_text(page: str, *, drop_original: bool = False) -> str:
    """The text of an HTML report (no tags, no SVG markup); ``drop_original``: without the Chinese originals the
    English report quotes (``lang="zh-CN"`` spans)."""
    body = page[page.index("<body>"):]
    if drop_original:
        body = re.sub(r'<span class="orig" lang="zh-CN">.*?</span>', " ", body, flags=re.DOTALL)
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def words(text: str) -> set[str]:
    """Latin words of a text, leaving out CLI options (``--total-red-margin``) and finding codes (``W_…``)."""
    text = re.sub(r"--[a-z-]+", " ", text)
    text = re.sub(r"\b[EWI]_[A-Z_]+\b", " ", text)
    return set(re.findall(r"[A-Za-z_0-9]*[A-Za-z_][A-Za-z_0-9]*", text))
