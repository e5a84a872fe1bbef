"""What the transfer index, the guidance's rules and the matching say, field by field (issue 5 §3.3, mutation).

Every expected value is worked out by hand from the input in the comment beside it; the findings' texts are read off
their templates in ``ecer.findings`` (E_TRANSFER_*), the directions off ``refdata`` table ``transfer_directions``
(工信部联政法〔2021〕215号 二–五), the formulas off the module docstring of ``ecer.core.transfer.index``.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.transfer import (
    check_regions,
    classify,
    eligibility,
    entropy_weights,
    match_project,
    parse_schedule,
    rank_regions,
    sharing_schedule,
    topsis,
)
from ecer.core.transfer.constraints import constraint_label
from ecer.core.transfer.index import minmax_scores
from ecer.core.transfer.rules import province_of
from ecer.findings import FindingsError

WHAT = "承接产业转移评价指数 / transfer index"


def _refusal(values: dict, directions: dict) -> dict:
    with pytest.raises(FindingsError) as e:
        entropy_weights(values, directions)
    assert len(e.value.findings) == 1
    f = e.value.findings[0]
    return {"code": f.code, "zh": f.message_zh, "en": f.message_en, "evidence": f.evidence}


def test_no_indicator_is_refused_with_every_field() -> None:
    f = _refusal({}, {})
    assert f["code"] == "E_TRANSFER_VALUE_INVALID"
    assert f["evidence"] == {"what": WHAT, "record": "指标 / indicators", "column": "indicator", "value": "—",
                             "detail": "没有指标 / no indicator given"}
    assert f["en"] == ("transfer index: 'indicator' of 指标 / indicators is —, which is invalid: no indicator given")


def test_one_region_is_too_few_and_two_are_enough() -> None:
    f = _refusal({"a": [1.0]}, {"a": "benefit"})
    assert f["code"] == "E_TRANSFER_TOO_FEW_REGIONS" and f["evidence"] == {"what": WHAT, "count": 1}
    assert f["zh"] == "承接产业转移评价指数：只有 1 个地区有完整的指标值，至少需要 2 个"
    # two regions (the boundary): a = (1, 3) → z = (0, 1), p = (0, 1), e = 0, d = 1, w = 1
    w = entropy_weights({"a": [1.0, 3.0]}, {"a": "benefit"})
    assert w.weights == {"a": 1.0} and w.entropy == {"a": 0.0} and w.divergence == {"a": 1.0}


def test_columns_of_different_lengths_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="^every indicator needs one value per region$"):
        entropy_weights({"a": [1.0, 2.0], "b": [1.0, 2.0, 3.0]}, {"a": "benefit", "b": "benefit"})


def test_a_direction_that_is_not_benefit_or_cost_names_the_indicator() -> None:
    f = _refusal({"a": [1.0, 2.0], "b": [2.0, 1.0]}, {"a": "cost", "b": "more"})
    assert f["code"] == "E_TRANSFER_VALUE_INVALID"
    assert f["evidence"] == {"what": WHAT, "record": "b", "column": "direction", "value": "more",
                             "detail": "须为 benefit 或 cost / must be benefit or cost"}
    # an indicator given no direction at all: its value is None (directions.get)
    assert _refusal({"a": [1.0, 2.0]}, {})["evidence"]["value"] is None


def test_a_missing_or_infinite_value_names_its_position() -> None:
    # positions count from 1: None is the first value of a, inf the second value of b
    f = _refusal({"a": [None, 2.0]}, {"a": "cost"})
    assert f["evidence"] == {"what": WHAT, "record": "a #1", "column": "value", "value": None,
                             "detail": "不是有限数值 / not a finite number"}
    f = _refusal({"a": [1.0, 2.0], "b": [1.0, math.inf]}, {"a": "cost", "b": "benefit"})
    assert f["evidence"]["record"] == "b #2" and f["evidence"]["value"] == math.inf


def test_no_spread_names_the_index() -> None:
    f = _refusal({"a": [4.0, 4.0], "b": [0.5, 0.5]}, {"a": "cost", "b": "benefit"})
    assert f["code"] == "E_TRANSFER_NO_SPREAD" and f["evidence"] == {"what": WHAT}


def test_minmax_scores_by_hand() -> None:
    # (1, 3, 2): lo 1, hi 3, span 2 → benefit (x − 1)/2 = (0, 1, 0.5); cost (3 − x)/2 = (1, 0, 0.5)
    assert minmax_scores([1.0, 3.0, 2.0], "benefit") == [0.0, 1.0, 0.5]
    assert minmax_scores([1.0, 3.0, 2.0], "cost") == [1.0, 0.0, 0.5]
    assert minmax_scores([2.0, 2.0], "benefit") is None


def test_entropy_and_divergence_of_two_columns_by_hand() -> None:
    # a = (0, 1, 1) → z = (0, 1, 1), p = (0, ½, ½): e_a = −(1/ln 3)(2 · ½ ln ½) = ln 2 / ln 3 = 0.630930
    # b = (1, 2, 4) cost → z = ((4−1)/3, (4−2)/3, 0) = (1, ⅔, 0), p = (0.6, 0.4, 0):
    #   e_b = −(0.6 ln 0.6 + 0.4 ln 0.4)/ln 3 = (0.306495 + 0.366516)/1.098612 = 0.612602
    # d = (0.369070, 0.387398), Σ 0.756468 → w = (0.487886, 0.512114)
    w = entropy_weights({"a": [0.0, 1.0, 1.0], "b": [1.0, 2.0, 4.0]}, {"a": "benefit", "b": "cost"})
    assert w.entropy["a"] == pytest.approx(math.log(2) / math.log(3), abs=1e-12)
    assert w.entropy["b"] == pytest.approx(0.612602, abs=1e-6)
    assert w.divergence["a"] == pytest.approx(1 - math.log(2) / math.log(3), abs=1e-12)
    assert w.divergence["b"] == pytest.approx(0.387398, abs=1e-6)
    assert w.weights["a"] == pytest.approx(0.487886, abs=1e-6)
    assert w.weights["b"] == pytest.approx(0.512114, abs=1e-6)


def test_the_unknown_normalisation_lists_the_known_ones() -> None:
    with pytest.raises(FindingsError) as e:
        topsis({"a": [1.0, 2.0]}, {"a": "cost"}, {"a": 1.0}, normalisation="zscore")  # type: ignore[arg-type]
    f = e.value.findings[0]
    assert f.evidence == {"what": "归一化方法 / normalisation", "value": "zscore", "known": "vector, minmax"}
    assert f.message_en == "normalisation 'zscore' does not exist (known: vector, minmax)"


def test_an_indicator_without_a_weight_counts_for_nothing() -> None:
    # weights.get(code, 0.0): b has no weight, so only a counts; a = (1, 2, 3) benefit, minmax: z = (0, ½, 1),
    # v = z, ideal 1, anti 0 → D+ = (1, ½, 0), D− = (0, ½, 1), C = (0, ½, 1)
    dp, dm, c = topsis({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, {"a": "benefit", "b": "benefit"}, {"a": 1.0},
                       normalisation="minmax")
    assert dp == [1.0, 0.5, 0.0] and dm == [0.0, 0.5, 1.0] and c == [0.0, 0.5, 1.0]


def test_vector_topsis_of_a_cost_column_by_hand() -> None:
    # a = (3, 4) cost, w = 1: ‖a‖ = 5, v = (0.6, 0.8); cost: ideal min 0.6, anti max 0.8
    # 1: D+ = 0, D− = 0.2, C = 1;  2: D+ = 0.2, D− = 0, C = 0
    dp, dm, c = topsis({"a": [3.0, 4.0]}, {"a": "cost"}, {"a": 1.0}, normalisation="vector")
    assert dp == pytest.approx([0.0, 0.2], abs=1e-15) and dm == pytest.approx([0.2, 0.0], abs=1e-15)
    assert c == [1.0, 0.0]
    # a column of zeros (‖x‖ = 0) beside a: r = 0, it adds nothing
    assert topsis({"a": [3.0, 4.0], "z": [0.0, 0.0]}, {"a": "cost", "z": "benefit"}, {"a": 1.0, "z": 1.0})[2] == [1.0, 0.0]


def test_a_weighted_constant_matrix_has_no_spread() -> None:
    # vector normalisation of (2, 2): r = (½√2, ½√2), v equal → D+ = D− = 0 for both regions
    with pytest.raises(FindingsError) as e:
        topsis({"a": [2.0, 2.0]}, {"a": "benefit"}, {"a": 1.0})
    assert e.value.findings[0].code == "E_TRANSFER_NO_SPREAD" and e.value.findings[0].evidence == {"what": WHAT}


def test_rank_regions_with_entropy_weights_every_column() -> None:
    # one indicator a = (2, 6, 4) benefit: z = (0, 1, ½), p = (0, ⅔, ⅓), w_a = 1 (the only column)
    # vector: ‖a‖ = √56, v = (2, 6, 4)/√56; ideal 6/√56, anti 2/√56
    # D+ = (4, 0, 2)/√56, D− = (0, 4, 2)/√56 → C = (0, 1, ½); ranks Y 1, Z 2, X 3
    wide = pl.DataFrame({"region_code": ["X", "Y", "Z"], "a": [2.0, 6.0, 4.0]})
    out, w = rank_regions(wide, {"a": "benefit"})
    assert w is not None and w.weights == {"a": 1.0}
    assert out.columns == ["rank", "region_code", "closeness", "d_plus", "d_minus", "a"]
    assert out.schema["rank"] == pl.Int64 and out.schema["closeness"] == pl.Float64
    assert out["region_code"].to_list() == ["Y", "Z", "X"] and out["rank"].to_list() == [1, 2, 3]
    assert out["closeness"].to_list() == pytest.approx([1.0, 0.5, 0.0])
    s = math.sqrt(56)
    assert out["d_plus"].to_list() == pytest.approx([0.0, 2 / s, 4 / s])
    assert out["d_minus"].to_list() == pytest.approx([4 / s, 2 / s, 0.0])
    assert out["a"].to_list() == [6.0, 4.0, 2.0]


def test_equal_closeness_shares_a_rank_and_sorts_by_region_code() -> None:
    # a = (1, 3, 1) benefit, minmax, w = 1: C = (0, 1, 0) → ranks (2, 1, 2); the tie Q, P sorted P first
    wide = pl.DataFrame({"region_code": ["Q", "R", "P"], "a": [1.0, 3.0, 1.0]})
    out, _ = rank_regions(wide, {"a": "benefit"}, weights={"a": 1.0}, normalisation="minmax")
    assert out.select("rank", "region_code").rows() == [(1, "R"), (2, "P"), (2, "Q")]


# --- the guidance's rules (ecer.core.transfer.rules), on hand-made rows so that every reason can be read in full ---


ROWS = [{"code": "17", "industry_class": "labour_intensive", "name_zh": "纺织业"},
        {"code": "171", "industry_class": "technology_intensive", "name_zh": ""},
        {"code": "25", "industry_class": "energy_intensive"}]
RULES = [
    {"rule_id": "never", "industry_class": "two_high", "kind": "exclusion", "macro_regions": None, "condition": None,
     "condition_zh": None, "condition_en": None, "quote": "坚决遏制", "clause": "二"},
    {"rule_id": "lab", "industry_class": "labour_intensive", "kind": "direction", "macro_regions": "central;west",
     "condition": "labour_transport", "condition_zh": "劳动力丰富", "condition_en": "ample labour", "quote": "引导劳动密集型",
     "clause": "二"},
    {"rule_id": "en", "industry_class": "energy_intensive", "kind": "direction", "macro_regions": "west",
     "condition": "energy_carbon_environment", "condition_zh": "清洁能源", "condition_en": "clean energy",
     "quote": "向西部集聚", "clause": "二"},
    {"rule_id": "tech", "industry_class": "technology_intensive", "kind": "direction", "macro_regions": "northeast",
     "condition": "", "condition_zh": "无", "condition_en": "none", "quote": "技术", "clause": "三"},
]
G = "工信部联政法〔2021〕215号"


def test_the_longest_prefix_wins_and_the_reason_names_it() -> None:
    c = classify(" 1711 ", ROWS)  # stripped; 171 (3 digits) beats 17; its name is empty, so none is shown
    assert (c.industry_class, c.matched_code) == ("technology_intensive", "171")
    assert c.reason_zh == "行业代码 1711 属技术密集型产业（171）"
    assert c.reason_en == "industry code 1711 is technology-intensive (171)"
    c = classify("1721", ROWS)  # only 17 matches; its name is shown after the code
    assert (c.industry_class, c.matched_code) == ("labour_intensive", "17")
    assert c.reason_zh == "行业代码 1721 属劳动密集型产业（17 纺织业）"
    assert c.reason_en == "industry code 1721 is labour-intensive (17 纺织业)"
    # the rows in the other order: still the longest prefix, not the last or first match
    assert classify("1711", list(reversed(ROWS))).matched_code == "171"


def test_an_unlisted_code_is_unclassified_with_the_guidance_named() -> None:
    c = classify("0511", ROWS)
    assert (c.industry_class, c.matched_code) == ("unclassified", None)
    assert c.reason_zh == f"行业代码 0511 不在{G}所列行业类别中"
    assert c.reason_en == f"industry code 0511 is in none of the classes named by {G}"
    assert classify(None, ROWS).industry_class == "unclassified"  # type: ignore[arg-type]


def test_two_high_by_prefix_or_by_flag_says_which() -> None:
    c = classify("2511", ROWS, two_high_prefixes=["", "251"])  # an empty prefix matches nothing
    assert (c.industry_class, c.matched_code) == ("two_high", "251")
    assert c.reason_zh == "行业代码 2511 属“两高”行业（前缀 251）"
    assert c.reason_en == "industry code 2511 is in a two-high sector (prefix 251)"
    c = classify("1711", ROWS, two_high_prefixes=["251"], two_high=True)
    assert (c.industry_class, c.matched_code) == ("two_high", None)
    assert c.reason_zh == "项目标记为“两高”项目" and c.reason_en == "the project is flagged two-high"
    # flagged and in a two-high sector: the sector is named
    c = classify("2511", ROWS, two_high_prefixes=["251"], two_high=True)
    assert c.matched_code == "251" and "前缀 251" in c.reason_zh
    assert classify("2611", ROWS, two_high_prefixes=[""]).industry_class == "unclassified"


def test_eligibility_reasons_in_full() -> None:
    e = eligibility("labour_intensive", "west", RULES)
    assert (e.eligible, e.rule_id, e.conditions) == (True, "lab", ["labour_transport"])
    assert e.reasons_zh == [f"劳动密集型产业可向西部转移，条件：劳动力丰富（{G} 二：“引导劳动密集型”）"]
    assert e.reasons_en == [f"labour-intensive may move to the west, provided: ample labour ({G} 二：“引导劳动密集型”)"]
    e = eligibility("labour_intensive", "northeast", RULES)
    assert (e.eligible, e.rule_id, e.conditions) == (False, "lab", [])
    assert e.reasons_zh == [f"劳动密集型产业的承接方向为中部、西部，转入地属东北（{G} 二：“引导劳动密集型”）"]
    assert e.reasons_en == [(f"the direction for labour-intensive is central, west; the destination is north-east "
                             f"({G} 二：“引导劳动密集型”)")]
    # a rule with an empty condition: eligible, nothing left to verify
    e = eligibility("technology_intensive", "northeast", RULES)
    assert (e.eligible, e.rule_id, e.conditions) == (True, "tech", [])


def test_eligibility_of_a_two_high_project_an_unknown_region_and_a_class_without_direction() -> None:
    e = eligibility("two_high", "east", RULES)
    assert (e.eligible, e.rule_id, e.conditions) == (False, "never", [])
    assert e.reasons_zh == [f"“两高”项目不按产业转移匹配，须按“两高”项目清单审查（{G} 二：“坚决遏制”）"]
    assert e.reasons_en == [(f"a two-high project is not matched as a transfer; it goes to the two-high review "
                             f"({G} 二：“坚决遏制”)")]
    e = eligibility("two_high", "east", RULES[1:])  # no exclusion row: the guidance alone is cited
    assert (e.eligible, e.rule_id) == (False, None) and e.reasons_zh[0].endswith(f"（{G}）")
    e = eligibility("labour_intensive", None, RULES)
    assert (e.eligible, e.rule_id) == (False, None)
    assert e.reasons_zh == ["转入地不属于 31 个省级行政区，无法确定所属四大地区"]
    assert e.reasons_en == ["the destination is in none of the 31 provinces: its macro-region is unknown"]
    e = eligibility("producer_services", "east", RULES)
    assert (e.eligible, e.rule_id, e.conditions) == (True, None, [])
    assert e.reasons_zh == [f"{G}未对生产性服务业规定承接方向，仅按指标和约束评价"]
    assert e.reasons_en == [f"{G} gives no direction for producer services: judged on indicators and constraints only"]
    # a class the labels do not know is named by its id
    assert eligibility("robots", "east", RULES).reasons_en == [
        f"{G} gives no direction for robots: judged on indicators and constraints only"]


def test_province_of() -> None:
    assert province_of("640102") == "640000"


# --- matching (ecer.core.transfer.matching) ---

MACRO = {"620000": "west", "640000": "west", "410000": "central"}
ENV_ZH = "清洁能源优势，满足能源、碳排放、生态环境分区管控及环保能效安全标准"
ENV_EN = "clean-energy advantage; energy, carbon, ecological zoning, environmental, efficiency and safety conditions met"


def test_match_project_every_column_by_hand() -> None:
    cls = classify("2511", ROWS)  # energy-intensive (prefix 25): direction rule "en", west only, environment condition
    r = match_project(cls, {"dual_control": 100.0, "carbon": None, "pollutant:NOx": 5.0},
                      ["410000", "640000", "620100", "620100"], MACRO, RULES,
                      {"dual_control": {"620100": 200.0, "410000": 500.0}, "pollutant:NOx": None},
                      {"620100": (0.4, 2), "410000": (0.9, 1)})
    assert r.classification is cls
    # carbon: no need stated; NOx: a need but no headroom in the store → applied to no region, in that order
    assert [(m.constraint, m.reason_en) for m in r.not_applied] == [
        ("carbon", "the project states no such need"), ("pollutant:NOx", "the store holds no such headroom")]
    f = r.frame
    assert f.columns == ["order", "region_code", "macro_region", "candidate", "direction_ok", "constraints_ok",
                         "conditions_ok", "closeness", "index_rank", "rule_id", "reasons_zh", "reasons_en", "to_verify_zh",
                         "to_verify_en", "not_applied"]
    assert f.schema["order"] == pl.Int64 and f.schema["index_rank"] == pl.Int64
    rows = f.to_dicts()
    # 620100 (甘肃 prefecture, west): eligible, 100 ≤ 200 met → candidate, C 0.4; 640000 (west): eligible, no
    # dual-control data (not checked, nothing failed) → candidate without closeness, after 620100; 410000 (central)
    # is outside the direction → last although its closeness 0.9 is the highest; 620100 given twice counts once
    # no condition measures given: conditions_ok is None (not measured) for every region, never True
    assert [(x["order"], x["region_code"], x["macro_region"], x["candidate"], x["direction_ok"], x["constraints_ok"],
             x["conditions_ok"], x["closeness"], x["index_rank"], x["rule_id"]) for x in rows] == [
        (1, "620100", "west", True, True, True, None, 0.4, 2, "en"),
        (2, "640000", "west", True, True, True, None, None, None, "en"),
        (3, "410000", "central", False, False, True, None, 0.9, 1, "en")]
    gansu, ningxia, henan = rows
    assert gansu["reasons_zh"] == ("行业代码 2511 属高载能行业（25）；"
                                   f"高载能行业可向西部转移，条件：清洁能源（{G} 二：“向西部集聚”）；"
                                   "能耗双控剩余空间：需 100.0 tce，剩余 200.0 tce，满足")
    assert gansu["reasons_en"] == ("industry code 2511 is energy-intensive (25); "
                                   f"energy-intensive may move to the west, provided: clean energy ({G} 二：“向西部集聚”); "
                                   "remaining dual-control headroom: needs 100.0 tce, 200.0 tce remain: met")
    # the environment condition: the NOx need was not checked anywhere (carbon: no need, so not listed)
    assert gansu["to_verify_zh"] == ENV_ZH + "；未核查：氮氧化物排放剩余空间"
    assert gansu["to_verify_en"] == ENV_EN + "; not checked: remaining NOx headroom"
    assert gansu["not_applied"] == "carbon;pollutant:NOx"
    # 宁夏: the dual-control check was skipped for want of data, so it is also to verify, after the global ones
    assert ningxia["to_verify_zh"] == ENV_ZH + "；未核查：氮氧化物排放剩余空间、能耗双控剩余空间"
    assert ningxia["to_verify_en"] == ENV_EN + "; not checked: remaining NOx headroom, remaining dual-control headroom"
    assert ningxia["not_applied"] == "carbon;pollutant:NOx;dual_control"
    assert ningxia["reasons_en"].endswith("; remaining dual-control headroom: no data for the region, not checked")
    assert henan["to_verify_zh"] == "" and henan["to_verify_en"] == ""
    assert henan["reasons_en"].endswith("the destination is central (工信部联政法〔2021〕215号 二：“向西部集聚”); "
                                        "remaining dual-control headroom: needs 100.0 tce, 500.0 tce remain: met")


def test_a_checked_environment_condition_is_not_repeated_and_candidates_go_by_closeness() -> None:
    cls = classify("2511", ROWS)
    r = match_project(cls, {"dual_control": 100.0}, ["620100", "620200", "620300", "640000"], MACRO, RULES,
                      {"dual_control": {"620100": 200.0, "620200": 300.0, "620300": 400.0, "640000": 50.0}},
                      {"620100": (0.4, 3), "620200": (0.9, 1), "620300": (0.4, 2), "640000": (1.0, 0)})
    rows = r.frame.to_dicts()
    # all three 甘肃 regions pass: closeness 0.9 first, then the tie 0.4 by region code; 宁夏 fails (50 < 100)
    assert [(x["region_code"], x["candidate"]) for x in rows] == [
        ("620200", True), ("620100", True), ("620300", True), ("640000", False)]
    # every headroom the condition asks for was checked by the filters: nothing is left to verify
    assert [x["to_verify_zh"] for x in rows] == ["", "", "", ""]
    assert rows[3]["reasons_zh"].endswith("能耗双控剩余空间：需 100.0 tce，仅剩 50.0 tce，不满足")
    assert rows[3]["not_applied"] == "" and r.not_applied == []


def test_a_condition_other_than_the_environment_is_stated_as_is() -> None:
    # labour-intensive (17) in the west: condition labour_transport, stated in full whatever was checked
    r = match_project(classify("1721", ROWS), {}, ["620100"], MACRO, RULES, {})
    row = r.frame.row(0, named=True)
    assert row["to_verify_zh"] == "劳动力丰富、区位交通便利（核对劳动力和交通指标）"
    assert row["to_verify_en"] == "ample labour and good transport (check the labour and transport indicators)"
    assert row["closeness"] is None and row["candidate"] is True and row["not_applied"] == ""
    # a condition id without a text is shown by its id
    rules = [{**RULES[1], "condition": "port_access"}]
    assert match_project(classify("1721", ROWS), {}, ["620100"], MACRO, rules, {}).frame["to_verify_en"][0] == \
        "port_access"


# --- the sharing schedule and the constraint filters, every field (215号 五: 利益分享机制) ---



@pytest.mark.parametrize(("text", "first", "last", "detail"), [
    ("2024:50%", 2025, 2024, "协议起始年 2025 晚于终止年 2024 / the agreement starts after it ends"),
    ("2024=50%", 2024, 2024, "无法识别“2024=50%” / cannot read '2024=50%'"),
    ("2024:101%", 2024, 2024, "比例 101% 不在 0–100% 之间 / share outside 0–100%"),
    ("2024:1.5", 2024, 2024, "比例 1.5 不在 0–100% 之间 / share outside 0–100%"),
    ("2025-2024:50%", 2024, 2025, "年份 2025–2024 不在协议期 2024–2025 内 / years outside the agreement"),
    ("2024-2026:50%", 2024, 2025, "年份 2024–2026 不在协议期 2024–2025 内 / years outside the agreement"),
    ("2024-2025:50%；2025:10%", 2024, 2025, "2025 年重复 / year 2025 given twice"),
    ("2024:50%", 2024, 2026, "协议期内 2025, 2026 年没有分享比例 / no share for 2025, 2026"),
])
def test_a_bad_schedule_says_what_is_wrong(text: str, first: int, last: int, detail: str) -> None:
    with pytest.raises(FindingsError) as e:
        parse_schedule(text, first, last, record="项目 P1")
    assert [(f.code, f.evidence) for f in e.value.findings] == [
        ("E_TRANSFER_SHARE_INVALID", {"record": "项目 P1", "value": text, "detail": detail})]


def test_schedule_edges_by_hand() -> None:
    # 0 % and 100 % are shares; "2024 至 2025 ： 100 %" with spaces and full-width colon; no record → "—"
    assert parse_schedule("2026:0;2024 至 2025 ： 100 %", 2024, 2026) == {2024: 1.0, 2025: 1.0, 2026: 0.0}
    with pytest.raises(FindingsError) as e:
        parse_schedule("", 2024, 2024)
    assert e.value.findings[0].evidence["record"] == "—"


def test_sharing_by_year_amounts_and_without_amounts() -> None:
    # land 10 ha in 2024 and 20 ha in 2025, origin 30 % then 50 %: origin 3 and 10, destination 7 and 10;
    # output value without amounts: the shares only; a year without an amount stays empty
    df, findings = sharing_schedule({"land": {2025: 0.5, 2024: 0.3}, "output_value": {2024: 0.2}},
                                    {"land": {2024: 10.0, 2025: 20.0}, "output_value": None})
    assert findings == [] and df.columns == ["year", "kind", "total", "origin_share", "origin", "destination"]
    assert df.rows() == [(2024, "land", 10.0, 0.3, 3.0, 7.0), (2025, "land", 20.0, 0.5, 10.0, 10.0),
                         (2024, "output_value", None, 0.2, None, None)]
    df, _ = sharing_schedule({"tax": {2024: 0.5, 2025: 0.5}}, {"tax": {2024: 100.0}})
    assert df.rows()[1] == (2025, "tax", None, 0.5, None, None)
    with pytest.raises(FindingsError) as e:
        sharing_schedule({"jobs": {2024: 0.5}}, {})
    assert e.value.findings[0].evidence == {"what": "分享指标 / shared indicator", "value": "jobs",
                                            "known": "output_value, tax, land"}


def test_constraint_reasons_in_full() -> None:
    # need 1 234.5 tce against 2 000 (met), against 1 000 (not met), against no data (not checked)
    checks, missing = check_regions(["A", "B", "C"], {"dual_control": 1234.5},
                                    {"dual_control": {"A": 2000.0, "B": 1000.0, "C": None}})
    a, b, c = checks
    assert (a.passed, a.applied, a.failed, a.not_applied) == (True, ["dual_control"], [], [])
    assert a.reasons_zh == ["能耗双控剩余空间：需 1,234.5 tce，剩余 2,000.0 tce，满足"]
    assert a.reasons_en == ["remaining dual-control headroom: needs 1,234.5 tce, 2,000.0 tce remain: met"]
    assert (b.passed, b.failed) == (False, ["dual_control"])
    assert b.reasons_en == ["remaining dual-control headroom: needs 1,234.5 tce, only 1,000.0 tce remain: not met"]
    assert (c.passed, c.applied, c.not_applied) == (True, [], ["dual_control"])  # a None headroom is no data
    assert c.reasons_zh == ["能耗双控剩余空间：该地区无数据，未核查"] and missing == []
    zero, _ = check_regions(["A", "B"], {"land": 0.0}, {"land": {"A": 0.0, "B": -1.0}})
    # a need of 0 against 0 is met (need ≤ H and need ≤ 0); against −1 it is not (0 > −1: the region is over)
    assert [x.passed for x in zero] == [True, False]
    huge, _ = check_regions(["A"], {"carbon": 2e15}, {"carbon": {"A": 1e15}})
    assert huge[0].reasons_en == ["remaining carbon headroom: needs 2.000e+15 tCO2, only 1.000e+15 tCO2 remain: not met"]
    assert constraint_label("water") == ("water", "water", "")
    assert constraint_label("pollutant:SO2") == ("SO2排放剩余空间", "remaining SO2 headroom", "t")
    assert constraint_label("labour")[2] == "人 persons"
