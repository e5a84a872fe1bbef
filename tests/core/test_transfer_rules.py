"""The guidance's directions, constraint filters, matching and sharing (工信部联政法〔2021〕215号 二–五, 八)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer import refdata
from ecer.core.transfer import (
    check_regions,
    classify,
    eligibility,
    match_project,
    parse_schedule,
    sharing_schedule,
)
from ecer.findings import FindingsError

CLASSES = refdata.load("transfer_industry_classes").data.to_dicts()
DIRECTIONS = refdata.load("transfer_directions").data.to_dicts()
MACRO = dict(refdata.load("macro_regions").data.select("region_code", "macro_region").iter_rows())
TWO_HIGH = [p for r in refdata.load("two_high_rules").data.filter(kind="sector").to_dicts()
            for p in str(r["condition"]).split(";")]


def test_classification_by_longest_prefix() -> None:
    assert classify("1810", CLASSES).industry_class == "labour_intensive"
    assert classify("3911", CLASSES).industry_class == "technology_intensive"
    assert classify("7491", CLASSES).industry_class == "producer_services"
    assert classify("7492", CLASSES).industry_class == "unclassified"   # only 7491 工业设计 of division 74 is named
    assert classify("0511", CLASSES).industry_class == "unclassified"


def test_two_high_first() -> None:
    # 3110 炼铁 is in the steel two-high sector: never matched by transfer, though also energy-intensive
    c = classify("3110", CLASSES, two_high_prefixes=TWO_HIGH)
    assert c.industry_class == "two_high"
    assert classify("3110", CLASSES).industry_class == "energy_intensive"
    assert classify("1810", CLASSES, two_high=True).industry_class == "two_high"
    e = eligibility("two_high", "west", DIRECTIONS)
    assert not e.eligible and e.rule_id == "two_high_never_by_transfer" and "坚决遏制" in e.reasons_zh[0]


@pytest.mark.parametrize(("cls", "macro", "ok"), [
    ("labour_intensive", "central", True), ("labour_intensive", "west", True), ("labour_intensive", "northeast", False),
    ("labour_intensive", "east", False), ("technology_intensive", "northeast", True),
    ("technology_intensive", "east", False), ("energy_intensive", "west", True), ("energy_intensive", "central", False),
    ("energy_intensive", "northeast", False), ("producer_services", "east", True), ("unclassified", "east", True),
])
def test_directions_of_section_two(cls: str, macro: str, ok: bool) -> None:
    e = eligibility(cls, macro, DIRECTIONS)
    assert e.eligible is ok
    assert e.reasons_zh and e.reasons_en
    if cls != "unclassified":
        assert "215号" in e.reasons_zh[0]


def test_unknown_macro_region_is_not_eligible() -> None:
    assert not eligibility("labour_intensive", None, DIRECTIONS).eligible


def test_constraints_report_what_was_not_applied() -> None:
    checks, missing = check_regions(
        ["A", "B", "C"], {"dual_control": 100.0, "carbon": 50.0, "pollutant:NOx": None, "land": 10.0},
        {"dual_control": {"A": 100.0, "B": 99.9}, "carbon": None, "pollutant:NOx": {"A": 1.0}, "land": {"A": -5.0}})
    a, b, c = checks
    assert a.passed is False and a.failed == ["land"] and a.applied == ["dual_control", "land"]  # need = headroom meets
    assert b.failed == ["dual_control"] and b.not_applied == ["land"]
    assert c.passed and c.applied == [] and c.not_applied == ["dual_control", "land"]
    assert {m.constraint: m.reason_en for m in missing} == {"carbon": "the store holds no such headroom",
                                                            "pollutant:NOx": "the project states no such need"}
    assert "不满足" in b.reasons_zh[0] and "99.9" in b.reasons_zh[0]


def test_match_energy_intensive_project() -> None:
    cls = classify("2541", CLASSES)  # 生物质液体燃料生产: division 25, energy-intensive; not 251/252 (two-high)
    assert cls.industry_class == "energy_intensive"
    r = match_project(cls, {"dual_control": 50_000.0, "carbon": 120_000.0},
                      ["640000", "620000", "410000", "320000"], MACRO, DIRECTIONS,
                      {"dual_control": {"640000": 20_000.0, "620000": 300_000.0, "410000": 900_000.0}, "carbon": None},
                      {"640000": (0.9, 1), "620000": (0.4, 3), "410000": (0.8, 2), "320000": (0.95, 0)})
    rows = r.frame.to_dicts()
    # only 甘肃 is western with enough headroom; 宁夏 is western but lacks headroom; 河南, 江苏 are not western
    assert [x["region_code"] for x in rows if x["candidate"]] == ["620000"]
    assert rows[0]["region_code"] == "620000" and "碳排放剩余空间" in rows[0]["to_verify_zh"]
    ningxia = next(x for x in rows if x["region_code"] == "640000")
    assert ningxia["direction_ok"] and not ningxia["constraints_ok"]
    assert [m.constraint for m in r.not_applied] == ["carbon"]
    assert next(x for x in rows if x["region_code"] == "320000")["not_applied"] == "carbon;dual_control"


def test_sharing_worked_case() -> None:
    # an agreement 2024–2028: the origin keeps 60 % of tax for 3 years, then 30 %; tax 1 000 万元 a year
    shares = parse_schedule("2024-2026:60%;2027-2028:0.3", 2024, 2028)
    df, _ = sharing_schedule({"tax": shares}, {"tax": 1000.0})
    assert df.select("year", "origin", "destination").rows() == [
        (2024, 600.0, 400.0), (2025, 600.0, 400.0), (2026, 600.0, 400.0), (2027, 300.0, 700.0), (2028, 300.0, 700.0)]


@pytest.mark.parametrize("text", ["2024-2025:60%", "2024-2026:60%;2026:10%", "2024-2026:120%", "2023-2026:50%",
                                  "2024-2026=50%", ""])
def test_bad_schedules(text: str) -> None:
    with pytest.raises(FindingsError) as e:
        parse_schedule(text, 2024, 2026, record="项目 P1")
    assert e.value.findings[0].code == "E_TRANSFER_SHARE_INVALID"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1e9)), min_size=1, max_size=12))
def test_sharing_conserves_the_total_every_year(years: list[tuple[float, float]]) -> None:
    shares = {2020 + i: s for i, (s, _) in enumerate(years)}
    amounts = {2020 + i: a for i, (_, a) in enumerate(years)}
    df, _ = sharing_schedule({"output_value": shares}, {"output_value": amounts})
    for row in df.iter_rows(named=True):
        assert row["origin"] + row["destination"] == pytest.approx(row["total"], rel=1e-12, abs=1e-6)
        assert 0.0 <= row["origin"] <= row["total"] + 1e-6
