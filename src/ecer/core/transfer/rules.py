"""The transfer guidance's directions (工信部联政法〔2021〕215号 二–五) as rules that explain every match.

A project's industry code (GB/T 4754-2017) gives its class by the longest matching prefix in the table
``transfer_industry_classes``; a code in the six two-high sectors (table ``two_high_rules``) or a project flagged
two-high is never matched by transfer (215号 二: "严格实施产能置换办法，坚决遏制“两高”项目盲目发展"; it goes to the
two-high review, ``ecer projects``). A destination's macro-region (NBS 2011, table ``macro_regions``) is eligible when
the class's direction row lists it; the row's condition (劳动力丰富、区位交通便利, 中心城市, 清洁能源优势 + energy,
carbon, environment) is stated with the reason and checked where ECER has data for it (the headroom filters of
``ecer.core.transfer.constraints``), otherwise reported as a condition to verify. A class with no direction row
("unclassified") is eligible everywhere, and the reason says that the guidance gives no direction for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CLASS_LABELS: dict[str, tuple[str, str]] = {
    "labour_intensive": ("劳动密集型产业", "labour-intensive"),
    "technology_intensive": ("技术密集型产业", "technology-intensive"),
    "energy_intensive": ("高载能行业", "energy-intensive"),
    "producer_services": ("生产性服务业", "producer services"),
    "two_high": ("“两高”项目", "two-high project"),
    "unclassified": ("未分类行业", "unclassified industry"),
}
MACRO_LABELS: dict[str, tuple[str, str]] = {
    "east": ("东部", "east"), "central": ("中部", "central"), "west": ("西部", "west"), "northeast": ("东北", "north-east"),
}
GUIDANCE = "工信部联政法〔2021〕215号"


@dataclass(frozen=True)
class Classification:
    """A project's class under the guidance, and why."""

    industry_class: str
    matched_code: str | None
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class Eligibility:
    """Whether a destination is within the guidance's directions for the class, with the rule and its reasons."""

    eligible: bool
    rule_id: str | None
    reasons_zh: list[str] = field(default_factory=list)
    reasons_en: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    """Condition ids the destination must still meet (checked by the constraint filters or to be verified)."""


def classify(industry_code: str, classes: Iterable[Mapping[str, str]], *, two_high_prefixes: Iterable[str] = (),
             two_high: bool = False) -> Classification:
    """The class of a GB/T 4754 code: two-high first (flag or prefix), then the longest class prefix.

    >>> rows = [{"code": "17", "industry_class": "labour_intensive", "quote": "劳动密集型产业"}]
    >>> classify("1711", rows).industry_class, classify("3110", rows, two_high_prefixes=["31"]).industry_class
    ('labour_intensive', 'two_high')
    """
    code = (industry_code or "").strip()
    if two_high or any(code.startswith(p) for p in two_high_prefixes if p):
        hit = next((p for p in two_high_prefixes if p and code.startswith(p)), None)
        why = "项目标记为“两高”项目" if two_high and hit is None else f"行业代码 {code} 属“两高”行业（前缀 {hit}）"
        why_en = "the project is flagged two-high" if two_high and hit is None else \
            f"industry code {code} is in a two-high sector (prefix {hit})"
        return Classification("two_high", hit, why, why_en)
    best: Mapping[str, str] | None = None
    for row in classes:
        p = str(row["code"])
        if code.startswith(p) and (best is None or len(p) > len(str(best["code"]))):
            best = row
    if best is None:
        return Classification("unclassified", None, f"行业代码 {code} 不在{GUIDANCE}所列行业类别中",
                              f"industry code {code} is in none of the classes named by {GUIDANCE}")
    zh, en = CLASS_LABELS[best["industry_class"]]
    name = f" {best['name_zh']}" if best.get("name_zh") else ""
    return Classification(best["industry_class"], str(best["code"]),
                          f"行业代码 {code} 属{zh}（{best['code']}{name}）",
                          f"industry code {code} is {en} ({best['code']}{name})")


def eligibility(industry_class: str, macro_region: str | None, directions: Iterable[Mapping[str, str]]) -> Eligibility:
    """Whether a destination in ``macro_region`` is within the direction rule of ``industry_class``.

    >>> rows = [{"rule_id": "r", "industry_class": "energy_intensive", "kind": "direction", "macro_regions": "west",
    ...          "condition": "energy_carbon_environment", "condition_zh": "清洁能源", "condition_en": "clean energy",
    ...          "quote": "向西部清洁能源优势地区集聚", "clause": "二"}]
    >>> eligibility("energy_intensive", "west", rows).eligible, eligibility("energy_intensive", "central", rows).eligible
    (True, False)
    """
    rows = list(directions)
    czh, cen = CLASS_LABELS.get(industry_class, (industry_class, industry_class))
    if macro_region is None:
        return Eligibility(False, None, ["转入地不属于 31 个省级行政区，无法确定所属四大地区"],
                           ["the destination is in none of the 31 provinces: its macro-region is unknown"])
    mzh, men = MACRO_LABELS[macro_region]
    if industry_class == "two_high":
        rule = next((r for r in rows if r["kind"] == "exclusion"), None)
        quote = f"{GUIDANCE} {rule['clause']}：“{rule['quote']}”" if rule else GUIDANCE
        return Eligibility(False, rule["rule_id"] if rule else None,
                           [f"“两高”项目不按产业转移匹配，须按“两高”项目清单审查（{quote}）"],
                           [f"a two-high project is not matched as a transfer; it goes to the two-high review ({quote})"])
    rule = next((r for r in rows if r["kind"] == "direction" and r["industry_class"] == industry_class), None)
    if rule is None:
        return Eligibility(True, None, [f"{GUIDANCE}未对{czh}规定承接方向，仅按指标和约束评价"],
                           [f"{GUIDANCE} gives no direction for {cen}: judged on indicators and constraints only"])
    allowed = [m for m in str(rule["macro_regions"] or "").split(";") if m]
    quote = f"{GUIDANCE} {rule['clause']}：“{rule['quote']}”"
    if macro_region not in allowed:
        names_zh = "、".join(MACRO_LABELS[m][0] for m in allowed)
        names_en = ", ".join(MACRO_LABELS[m][1] for m in allowed)
        return Eligibility(False, rule["rule_id"], [f"{czh}的承接方向为{names_zh}，转入地属{mzh}（{quote}）"],
                           [f"the direction for {cen} is {names_en}; the destination is {men} ({quote})"])
    cond = [rule["condition"]] if rule.get("condition") else []
    return Eligibility(True, rule["rule_id"],
                       [f"{czh}可向{mzh}转移，条件：{rule['condition_zh']}（{quote}）"],
                       [f"{cen} may move to the {men}, provided: {rule['condition_en']} ({quote})"], cond)


def province_of(region_code: str) -> str:
    """The province code of a GB/T 2260 code (first two digits + 0000)."""
    return region_code[:2] + "0000"
