"""Every field of the implausible-value findings (``ecer.core.dual_control.plausibility``), worked by hand: the
万tce/tce and 亿元/万元 unit slips, jumps of more than an order of magnitude (and exactly at the factor 10, at the
slip band's edges 10^3.3 and 10^4.7), the comparison period of each period kind, parts above their whole, the
intensity range at each of its four limits, the focus and the duplicate rows.

Units: total energy in tce (shown in 万吨标准煤 = tce / 10⁴), GDP in 亿元 (10⁸ CNY), intensity E / (G × 10⁴) in
tce per 10⁴ CNY. Values are displayed with ``,.4g`` (four significant digits, exponent form from 10⁴ up)."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.dual_control.plausibility import implausible_values

SLIP_LOW, SLIP_HIGH = 10**3.3, 10**4.7  # 1995.26…, 50118.7… (the band of a 10⁴ slip)


def frame(rows: list[tuple[str, str, float, float]]) -> pl.DataFrame:
    """(region, period, total energy tce, GDP 10⁸ CNY) rows."""
    return pl.DataFrame(
        {
            "region_code": [r[0] for r in rows],
            "period": [r[1] for r in rows],
            "total_energy": [float(r[2]) for r in rows],
            "gdp_constant": [float(r[3]) for r in rows],
        }
    )


def of_kind(found: list, kind: str) -> list:  # type: ignore[type-arg]
    return [f for f in found if f.evidence.get("kind") == kind]


# --- the unit slip ------------------------------------------------------------------------------------------------


def _energy_slip() -> pl.DataFrame:
    # 2020: 2.5e6 tce = 250 万tce; 2021: 2.0e10 tce (万tce typed as tce) = 2e6 万tce; 2e10 / 2.5e6 = 8000, in the
    # slip band. GDP 1e4 → 1.1e4 (×1.1, no jump). Intensities: 2.5e6/(1e4·1e4) = 0.025 (in range),
    # 2e10/(1.1e4·1e4) = 181.8… (far out of range).
    return frame([("120000", "2020", 2.5e6, 1.0e4), ("120000", "2021", 2.0e10, 1.1e4)])


ENERGY_SLIP_EVIDENCE = {
    "region": "120000",
    "period": "2021",
    "column": "total_energy",
    "column_zh": "能源消费总量",
    "value": "2e+06 万吨标准煤",
    "kind": "unit_slip",
    "ratio": 8000.0,
    "other_period": "2020",
    "other_value": "250 万吨标准煤",
    "reason_zh": "约为 2020（250 万吨标准煤）的 8,000 倍，像是万吨标准煤与吨标准煤混用（相差 10⁴ 倍）",
    "reason_en": "about 8,000 times 2020 (250 万tce): it looks like 万tce and tce mixed up (a factor of 10⁴)",
    "fix_zh": "核对单位：本列按万吨标准煤填写",
    "fix_en": "check the unit: this column is in 万tce",
}


def test_a_wan_tce_slip_is_an_error_when_loading_and_names_both_periods_and_the_factor() -> None:
    (f,) = of_kind(implausible_values(_energy_slip(), strict=True), "unit_slip")
    assert (f.code, f.level) == ("E_IMPLAUSIBLE_VALUE", "error")
    assert f.evidence == ENERGY_SLIP_EVIDENCE
    assert f.message_en == (
        "region 120000, 2021, total_energy: 2e+06 万吨标准煤: about 8,000 times 2020 (250 万tce): it looks like "
        "万tce and tce mixed up (a factor of 10⁴)"
    )


def test_a_wan_tce_slip_of_stored_data_is_a_warning_with_the_same_evidence() -> None:
    found = implausible_values(_energy_slip())  # strict is off by default
    (f,) = of_kind(found, "unit_slip")
    assert (f.code, f.level) == ("W_IMPLAUSIBLE_VALUE", "warning")
    assert f.evidence == ENERGY_SLIP_EVIDENCE
    assert implausible_values(_energy_slip(), strict=False) == found


def test_the_whole_list_for_a_slip_has_the_slip_then_the_far_intensity() -> None:
    """Strict: the slip (total_energy), no GDP finding (×1.1), then the 2021 intensity 2e10/(1.1e4 × 10⁴) =
    181.81… > 100: far out of range, an error; 2020's 0.025 is within 0.01–20."""
    found = implausible_values(_energy_slip(), strict=True)
    assert [(f.code, f.evidence["kind"], f.evidence["period"]) for f in found] == [
        ("E_IMPLAUSIBLE_VALUE", "unit_slip", "2021"),
        ("E_IMPLAUSIBLE_VALUE", "intensity_range", "2021"),
    ]
    assert found[1].evidence["intensity"] == pytest.approx(2e10 / 1.1e8, rel=1e-12)


def test_a_gdp_slip_names_yi_yuan_and_wan_yuan() -> None:
    # GDP 2020: 2500 亿元; 2021: 2.0e7 (万元 typed under 亿元): 2e7 / 2500 = 8000 → slip. Energy 1e7 → 1.1e7 tce
    # (×1.1). The 2021 intensity 1.1e7/(2e7·1e4) = 5.5e-5 is far below 0.001 (ignored here).
    e = frame([("120000", "2020", 1.0e7, 2500.0), ("120000", "2021", 1.1e7, 2.0e7)])
    (f,) = of_kind(implausible_values(e, strict=True), "unit_slip")
    assert f.code == "E_IMPLAUSIBLE_VALUE"
    assert f.evidence == {
        "region": "120000",
        "period": "2021",
        "column": "gdp_constant",
        "column_zh": "地区生产总值",
        "value": "2e+07 亿元",
        "kind": "unit_slip",
        "ratio": 8000.0,
        "other_period": "2020",
        "other_value": "2,500 亿元",
        "reason_zh": "约为 2020（2,500 亿元）的 8,000 倍，像是亿元与万元混用（相差 10⁴ 倍）",
        "reason_en": "about 8,000 times 2020 (2,500 10^8 CNY): it looks like 亿元 (10^8 CNY) and 万元 (10^4 CNY) "
        "mixed up (a factor of 10⁴)",
        "fix_zh": "核对单位：本列按亿元填写",
        "fix_en": "check the unit: this column is in 10^8 CNY",
    }


def test_a_slip_downwards_is_shown_as_one_in_so_many_times() -> None:
    # 2020: 2.0e10 tce (2e6 万tce, the slip), 2021: 2.5e6 tce: ratio 2.5e6/2e10 = 1.25e-4 = 1/8000
    e = frame([("120000", "2020", 2.0e10, 1.0e4), ("120000", "2021", 2.5e6, 1.0e4)])
    (f,) = of_kind(implausible_values(e), "unit_slip")
    assert f.evidence["period"] == "2021" and f.evidence["ratio"] == pytest.approx(1.25e-4, rel=1e-12)
    assert (
        f.evidence["reason_zh"]
        == "约为 2020（2e+06 万吨标准煤）的 1/8,000 倍，像是万吨标准煤与吨标准煤混用（相差 10⁴ 倍）"
    )
    assert f.evidence["reason_en"].startswith("about 1/8,000 times 2020 (2e+06 万tce): ")


# --- the jump -----------------------------------------------------------------------------------------------------


def test_a_jump_has_every_field_and_stays_a_warning_when_loading() -> None:
    # 2020: 1.0e6 tce (100 万tce), 2021: 3.0e7 tce (3000 万tce): ×30, more than 10 but outside the slip band.
    # GDP 1e4 both years; intensities 0.01 (exactly the lower limit: none) and 0.3.
    e = frame([("120000", "2020", 1.0e6, 1.0e4), ("120000", "2021", 3.0e7, 1.0e4)])
    found = implausible_values(e, strict=True)
    assert len(found) == 1
    (f,) = found
    assert (f.code, f.level) == ("W_IMPLAUSIBLE_VALUE", "warning")
    assert f.evidence == {
        "region": "120000",
        "period": "2021",
        "column": "total_energy",
        "column_zh": "能源消费总量",
        "value": "3,000 万吨标准煤",
        "kind": "jump",
        "ratio": 30.0,
        "other_period": "2020",
        "other_value": "100 万吨标准煤",
        "reason_zh": "是 2020（100 万吨标准煤）的 30 倍，变化超过一个数量级",
        "reason_en": "30 times 2020 (100 万tce): a change of more than an order of magnitude",
        "fix_zh": "核对两个期间的数值和单位",
        "fix_en": "check both periods' values and units",
    }


def test_a_gdp_jump_names_the_gdp_column_and_its_unit() -> None:
    # GDP 2020: 1000 亿元, 2021: 12000 亿元 → ×12; energy 1e7 → 1.2e7 tce (×1.2)
    # intensities 1e7/(1e3·1e4) = 1.0 and 1.2e7/(1.2e4·1e4) = 0.1: in range
    e = frame([("120000", "2020", 1.0e7, 1000.0), ("120000", "2021", 1.2e7, 12000.0)])
    (f,) = implausible_values(e, strict=True)
    assert f.code == "W_IMPLAUSIBLE_VALUE"
    assert f.evidence == {
        "region": "120000",
        "period": "2021",
        "column": "gdp_constant",
        "column_zh": "地区生产总值",
        "value": "1.2e+04 亿元",
        "kind": "jump",
        "ratio": 12.0,
        "other_period": "2020",
        "other_value": "1,000 亿元",
        "reason_zh": "是 2020（1,000 亿元）的 12 倍，变化超过一个数量级",
        "reason_en": "12 times 2020 (1,000 10^8 CNY): a change of more than an order of magnitude",
        "fix_zh": "核对两个期间的数值和单位",
        "fix_en": "check both periods' values and units",
    }


def _energy_ratio(before: float, after: float) -> list:  # type: ignore[type-arg]
    """The ratio findings (jump, slip) of 120000 going from ``before`` to ``after`` tce, GDP 1 亿元 both years."""
    found = implausible_values(frame([("120000", "2020", before, 1.0), ("120000", "2021", after, 1.0)]))
    return [
        (f.evidence["kind"], f.evidence["ratio"])
        for f in found
        if f.evidence["kind"] in ("jump", "unit_slip")
    ]


def test_a_change_of_exactly_ten_times_is_not_a_jump_and_just_more_is() -> None:
    # 1000 → 10000: ×10 exactly (not more than 10); → 10010: ×10.01; 10000 → 1000: ×1/10 exactly; → 999: 1/10.01…
    assert _energy_ratio(1000.0, 10000.0) == []
    assert _energy_ratio(1000.0, 10010.0) == [("jump", 10.01)]
    assert _energy_ratio(10000.0, 1000.0) == []
    assert _energy_ratio(10000.0, 999.0) == [("jump", 0.0999)]


def test_the_slip_band_includes_both_of_its_edges() -> None:
    # 1 tce → 10^3.3 tce: ratio exactly SLIP_LOW (a slip); 1995 (below it) a jump; 10^4.7 exactly a slip; 50119
    # (above it) a jump
    assert _energy_ratio(1.0, SLIP_LOW) == [("unit_slip", SLIP_LOW)]
    assert _energy_ratio(1.0, 1995.0) == [("jump", 1995.0)]
    assert _energy_ratio(1.0, SLIP_HIGH) == [("unit_slip", SLIP_HIGH)]
    assert _energy_ratio(1.0, 50119.0) == [("jump", 50119.0)]
    # downwards: 50119 → 1 is 1/50119 (a jump), 10^4.7 → 1 is 1/10^4.7 (a slip), 1995 → 1 a jump
    assert _energy_ratio(50119.0, 1.0) == [("jump", 1 / 50119.0)]
    assert _energy_ratio(SLIP_HIGH, 1.0) == [("unit_slip", 1 / SLIP_HIGH)]
    assert _energy_ratio(1995.0, 1.0) == [("jump", 1 / 1995.0)]


def test_values_below_one_are_compared_but_zero_is_never() -> None:
    # 0.5 → 20 tce: ×40 (a jump); 20 → 0.5: ×1/40; 0 → 20 and 20 → 0: no ratio (division by zero), no finding
    assert _energy_ratio(0.5, 20.0) == [("jump", 40.0)]
    assert _energy_ratio(20.0, 0.5) == [("jump", 0.025)]
    assert _energy_ratio(0.0, 20.0) == []
    assert _energy_ratio(20.0, 0.0) == []
    assert _energy_ratio(-5.0, 200.0) == []  # a negative value is no base of comparison
    assert _energy_ratio(200.0, -5.0) == []


# --- the comparison period ----------------------------------------------------------------------------------------


def _compared_with(rows: list[tuple[str, float]]) -> list[tuple[str, str, float]]:
    e = frame([("120000", p, v, 1.0e4) for p, v in rows])
    return [
        (f.evidence["period"], f.evidence["other_period"], f.evidence["ratio"])
        for f in of_kind(implausible_values(e), "jump")
    ]


def test_a_month_is_compared_with_the_same_month_a_year_earlier_before_the_month_before() -> None:
    # 2021-03 3e6 against 2020-03 1e5 (×30, the year-earlier month wins) — not against 2021-02 2e6 (×1.5);
    # 2021-02 has neither 2020-02 nor 2021-01: no comparison
    assert _compared_with([("2020-03", 1.0e5), ("2021-02", 2.0e6), ("2021-03", 3.0e6)]) == [
        ("2021-03", "2020-03", 30.0)
    ]


def test_without_its_year_earlier_month_a_month_is_compared_with_the_month_before() -> None:
    # 2021-01 has no 2020-01: compared with 2020-12 (×20); 2021-05 with 2021-04 (×1/20 = 0.05)
    assert _compared_with(
        [("2020-12", 1.0e5), ("2021-01", 2.0e6), ("2021-04", 2.0e6), ("2021-05", 1.0e5)]
    ) == [
        ("2021-01", "2020-12", 20.0),
        ("2021-05", "2021-04", 0.05),
    ]


def test_a_year_earlier_value_that_is_not_a_jump_hides_a_jump_against_the_month_before() -> None:
    # 2021-03 2e6 against 2020-03 1e6 (×2): no finding, although 2021-02 1e5 is ×20 below it
    assert _compared_with([("2020-03", 1.0e6), ("2021-02", 1.0e5), ("2021-03", 2.0e6)]) == []


def test_halves_and_quarters_go_back_to_the_last_one_of_the_year_before() -> None:
    # 2021H1 (no 2020H1) with 2020H2: ×20; 2021Q1 (no 2020Q1) with 2020Q4: ×30; 2021Q3 with 2021Q2: ×40;
    # 2021H2 with 2020H2 (it exists), not 2021H1: ×1 (1e5 both), no finding; 2021Q2 with 2021Q1: ×1/30
    rows = [
        ("2020H2", 1.0e5),
        ("2021H1", 2.0e6),
        ("2021H2", 1.0e5),
        ("2020Q4", 1.0e5),
        ("2021Q1", 3.0e6),
        ("2021Q2", 1.0e5),
        ("2021Q3", 4.0e6),
    ]
    assert _compared_with(rows) == [
        ("2021H1", "2020H2", 20.0),
        ("2021Q1", "2020Q4", 30.0),
        ("2021Q2", "2021Q1", 1 / 30),
        ("2021Q3", "2021Q2", 40.0),
    ]


def test_a_year_to_date_is_compared_with_the_same_months_a_year_earlier_only() -> None:
    # 2021-07YTD with 2020-07YTD: ×25; 2021-06YTD has no 2020-06YTD and is never compared with another YTD
    rows = [("2020-07YTD", 1.0e5), ("2021-07YTD", 2.5e6), ("2021-06YTD", 9.0e7)]
    assert _compared_with(rows) == [("2021-07YTD", "2020-07YTD", 25.0)]


def test_a_year_is_compared_with_the_year_before() -> None:
    # 2019 1e5 → 2020 2e6 (×20) → 2021 2.2e6 (×1.1)
    assert _compared_with([("2019", 1.0e5), ("2020", 2.0e6), ("2021", 2.2e6)]) == [("2020", "2019", 20.0)]


def test_jumps_are_listed_by_region_then_period_and_both_columns_are_checked_separately() -> None:
    """Given in reverse order: 130000 and 120000 each ×20 in energy in 2021 and 2022 (1e5 → 2e6 → 4e7); 110000 ×15
    in GDP in 2021 (100 → 1500 亿元, energy 1e6 → 1.5e6: ×1.5). Energy findings first (by region, then period),
    then GDP."""
    rows = []
    for code in ("130000", "120000"):
        rows += [(code, "2022", 4.0e7, 1e4), (code, "2021", 2.0e6, 1e4), (code, "2020", 1.0e5, 1e4)]
    rows += [("110000", "2021", 1.5e6, 1500.0), ("110000", "2020", 1.0e6, 100.0)]
    found = [f for f in implausible_values(frame(rows)) if f.evidence["kind"] == "jump"]
    assert [
        (f.evidence["column"], f.evidence["region"], f.evidence["period"], f.evidence["ratio"]) for f in found
    ] == [
        ("total_energy", "120000", "2021", 20.0),
        ("total_energy", "120000", "2022", 20.0),
        ("total_energy", "130000", "2021", 20.0),
        ("total_energy", "130000", "2022", 20.0),
        ("gdp_constant", "110000", "2021", 15.0),
    ]


def test_more_gdp_jumps_than_the_cap_are_counted_under_the_gdp_column() -> None:
    # 51 regions, GDP ×20 (100 → 2000 亿元), energy 1e6 both years: 50 GDP jumps listed, one truncation notice
    codes = [f"{i:06d}" for i in range(200001, 200052)]
    rows = [(c, "2020", 1.0e6, 100.0) for c in codes] + [(c, "2021", 1.0e6, 2000.0) for c in codes]
    found = implausible_values(frame(rows))
    truncated = [f for f in found if f.code == "W_FINDINGS_TRUNCATED"]
    assert [f.evidence for f in truncated] == [
        {"finding_code": "IMPLAUSIBLE gdp_constant", "total": 51, "shown": 50}
    ]
    jumps = of_kind(found, "jump")
    assert len(jumps) == 50 and {f.evidence["column"] for f in jumps} == {"gdp_constant"}
    assert [f.evidence["region"] for f in jumps] == codes[:50]
