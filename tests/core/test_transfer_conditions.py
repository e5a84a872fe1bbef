"""The directions' conditions measured by the region's indicators (工信部联政法〔2021〕215号 二; table
transfer_condition_measures; ecer.core.transfer.conditions), cases worked by hand."""

from __future__ import annotations

from ecer import refdata
from ecer.core.transfer.conditions import check_conditions, medians

MEASURES = refdata.load("transfer_condition_measures").data.to_dicts()
# labour_force [万人] over four candidates: 5 000, 3 000, 2 000, 1 000 → median (3 000 + 2 000)/2 = 2 500
LABOUR = {"labour_force": {"A": 5000.0, "B": 3000.0, "C": 2000.0, "D": 1000.0}}


def test_the_median_of_the_candidates_by_hand() -> None:
    assert medians(MEASURES, ["A", "B", "C", "D"], LABOUR) == {"labour_force": (2500.0, 4)}
    # a region outside the match does not move the median: A, B, C only → 3 000
    assert medians(MEASURES, ["A", "B", "C"], LABOUR) == {"labour_force": (3000.0, 3)}


def test_pass_fail_and_missing_indicator() -> None:
    mids = medians(MEASURES, ["A", "B", "C", "D"], LABOUR)
    units = {"labour_force": "万人"}
    a = {c.part_id: c for c in check_conditions(["labour_transport"], "A", MEASURES, LABOUR, mids, units)}
    assert a["labour"].measured and a["labour"].met is True
    assert a["labour"].reason_zh == ("劳动力丰富：labour_force = 5,000 万人，不低于候选地区中位数 2,500 万人（4 个地区；"
                                     "指导意见未给出阈值，按候选地区中位数比较），满足（工信部联政法〔2021〕215号 二）")
    assert "relative to the candidates' median" in a["labour"].reason_en and "万" not in a["labour"].reason_en
    # transport_access is not loaded: to verify, the reason names it
    assert not a["transport"].measured and a["transport"].met is None
    assert a["transport"].reason_zh == "区位交通便利：未导入指标 transport_access，待核实（工信部联政法〔2021〕215号 二）"
    assert a["transport"].reason_en == ("convenient location and transport: indicator transport_access not loaded, "
                                        "to verify (工信部联政法〔2021〕215号 二)")
    c = {x.part_id: x for x in check_conditions(["labour_transport"], "C", MEASURES, LABOUR, mids, units)}
    assert c["labour"].met is False and "2,000 万人，低于候选地区中位数 2,500 万人" in c["labour"].reason_zh
    assert "not met" in c["labour"].reason_en
    # loaded, but not for this region
    e = {x.part_id: x for x in check_conditions(["labour_transport"], "E", MEASURES, LABOUR, mids, units)}
    assert not e["labour"].measured and "该地区没有指标 labour_force" in e["labour"].reason_zh


def test_flag_and_a_stated_threshold() -> None:
    flag = {"central_city": {"A": 1.0, "B": 0.0}}
    a = check_conditions(["central_city"], "A", MEASURES, flag, {})
    b = check_conditions(["central_city"], "B", MEASURES, flag, {})
    assert [x.met for x in a] == [True] and [x.met for x in b] == [False]
    assert "central_city = 1（1 = 是），满足" in a[0].reason_zh
    row = {"part_id": "p", "condition": "x", "part_zh": "条件", "part_en": "condition", "indicator_code": "k",
           "comparison": "at_least", "threshold": 50.0, "threshold_source": "某文件 第三条", "doc_no": "某文件",
           "clause": "三、某条"}
    low = check_conditions(["x"], "A", [row], {"k": {"A": 49.9}}, {}, {"k": "%"})
    assert low[0].met is False and "低于阈值 50 %（阈值依据：某文件 第三条）" in low[0].reason_zh
    assert check_conditions(["x"], "A", [row], {"k": {"A": 50.0}}, {})[0].met is True   # at the threshold: met
    # a condition the project's direction does not have is not checked at all
    assert check_conditions(["with_manufacturing"], "A", MEASURES, flag, {}) == []


def test_every_measure_belongs_to_a_direction_and_a_threshold_names_its_source() -> None:
    conditions = set(refdata.load("transfer_directions").data["condition"].drop_nulls().to_list())
    for row in MEASURES:
        assert row["condition"] in conditions, row
        assert row["part_zh"] in row["quote"], row            # the guidance's own words
        if row["comparison"] == "at_least":
            assert row["threshold"] is not None and row["threshold_source"], row
