"""The constraint filters of the transfer matching (ecer.core.transfer.constraints) exactly at their boundaries:
need equal to the headroom, and the number format switching to scientific at exactly 10¹⁵."""

from __future__ import annotations

from ecer.core.transfer import check_regions


def test_a_need_equal_to_the_headroom_is_met_and_a_hair_more_is_not() -> None:
    # need ≤ H: 300 against 300 is met; 300 against 299.9 is not
    checks, missing = check_regions(["A", "B"], {"land": 300.0}, {"land": {"A": 300.0, "B": 299.9}})
    a, b = checks
    assert missing == []
    assert (a.region_code, a.passed, a.applied, a.failed, a.not_applied) == ("A", True, ["land"], [], [])
    assert a.reasons_zh == ["可用工业用地：需 300.0 ha，剩余 300.0 ha，满足"]
    assert a.reasons_en == ["industrial land available: needs 300.0 ha, 300.0 ha remain: met"]
    assert (b.passed, b.failed) == (False, ["land"])
    assert b.reasons_zh == ["可用工业用地：需 300.0 ha，仅剩 299.9 ha，不满足"]
    assert b.reasons_en == ["industrial land available: needs 300.0 ha, only 299.9 ha remain: not met"]


def test_numbers_switch_to_scientific_notation_at_exactly_ten_to_the_fifteen() -> None:
    # |x| < 1e15 → thousands separators, one decimal; 1e15 itself → 1.000e+15
    checks, _ = check_regions(["A"], {"labour": 999_999_999_999_999.0}, {"labour": {"A": 1e15}})
    assert checks[0].reasons_en == [
        "labour available: needs 999,999,999,999,999.0 人 persons, 1.000e+15 人 persons remain: met"
    ]
