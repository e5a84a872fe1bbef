"""Implausible values, continued (``ecer.core.dual_control.plausibility``): every field of a part above its whole
and of an intensity out of range, where each region's parent comes from (the regions table, else a province's
parent is the nation), the four limits of the intensity range, the focus, duplicate rows and key columns that are
not text.

Units: total energy tce (shown in 万吨标准煤 = tce / 10⁴), GDP 亿元; intensity = E / (G × 10⁴) tce per 10⁴ CNY.
Values are displayed with ``,.4g``."""

from __future__ import annotations

import polars as pl

from ecer.core.dual_control.plausibility import implausible_values, in_focus
from tests.core.cases import REGIONS
from tests.core.test_dc_plausibility_exact import frame, of_kind

# --- a part above its whole ---------------------------------------------------------------------------------------

# 2021: the nation 5e8 tce, 1e5 亿元 (intensity 5e8/1e9 = 0.5); 北京 2e7 tce (< 5e8), 1.2e5 亿元 (> 1e5: GDP above
# the nation; 2e7/1.2e9 = 0.0167); 河北 1e6 tce, 3000 亿元 (0.0333); 石家庄 (parent 河北 in REGIONS) 1.5e6 tce (> 1e6:
# energy above its province), 2000 亿元 (0.075). No other finding.
TREE = [
    ("100000", "2021", 5.0e8, 1.0e5),
    ("110000", "2021", 2.0e7, 1.2e5),
    ("130000", "2021", 1.0e6, 3000.0),
    ("130100", "2021", 1.5e6, 2000.0),
]
CITY_ABOVE = {
    "region": "130100",
    "period": "2021",
    "column": "total_energy",
    "column_zh": "能源消费总量",
    "value": "150 万吨标准煤",
    "kind": "above_parent",
    "parent": "130000",
    "parent_value": "100 万吨标准煤",
    "reason_zh": "大于上级地区 130000 的 100 万吨标准煤，部分不能大于整体",
    "reason_en": "above its parent 130000 (100 万tce): a part cannot exceed the whole",
    "fix_zh": "核对地区代码、单位和数值",
    "fix_en": "check the region codes, units and values",
}
PROVINCE_GDP_ABOVE = {
    "region": "110000",
    "period": "2021",
    "column": "gdp_constant",
    "column_zh": "地区生产总值",
    "value": "1.2e+05 亿元",
    "kind": "above_parent",
    "parent": "100000",
    "parent_value": "1e+05 亿元",
    "reason_zh": "大于上级地区 100000 的 1e+05 亿元，部分不能大于整体",
    "reason_en": "above its parent 100000 (1e+05 10^8 CNY): a part cannot exceed the whole",
    "fix_zh": "核对地区代码、单位和数值",
    "fix_en": "check the region codes, units and values",
}


def test_parts_above_their_whole_are_errors_when_loading_with_every_field() -> None:
    found = implausible_values(frame(TREE), REGIONS, strict=True)
    assert [(f.code, f.level) for f in found] == [("E_IMPLAUSIBLE_VALUE", "error")] * 2
    assert [f.evidence for f in found] == [CITY_ABOVE, PROVINCE_GDP_ABOVE]  # energy's findings before GDP's
    assert found[0].message_zh == (
        "地区 130100 2021 的能源消费总量 150 万吨标准煤：大于上级地区 130000 的 100 万吨标准煤，部分不能大于整体"
    )


def test_parts_above_their_whole_of_stored_data_are_warnings() -> None:
    found = implausible_values(frame(TREE), REGIONS)
    assert [(f.code, f.level) for f in found] == [("W_IMPLAUSIBLE_VALUE", "warning")] * 2
    assert [f.evidence for f in found] == [CITY_ABOVE, PROVINCE_GDP_ABOVE]


def test_without_a_regions_table_only_a_province_has_a_parent_the_nation() -> None:
    """No regions, a regions table without parent_code, or an empty one: 石家庄 130100 has no known parent (it does
    not end in 0000); 北京 110000 is still compared with the nation."""
    no_parent_column = REGIONS.drop("parent_code")
    empty = REGIONS.clear()
    for regions in (None, no_parent_column, empty):
        found = implausible_values(frame(TREE), regions)
        assert [f.evidence for f in found] == [PROVINCE_GDP_ABOVE]


def test_a_parent_in_the_regions_table_comes_before_the_nation() -> None:
    """A table that puts 北京 110000 under 河北 130000: 北京 (2e7 tce, 1.2e5 亿元) is above 河北 (1e6 tce, 3000 亿元)
    in both columns, and it is compared with 河北, not with the nation; 河北, not in this table, is a province: its
    parent is the nation; 石家庄, not in this table either, has no parent."""
    regions = pl.DataFrame({"region_code": ["110000"], "parent_code": ["130000"]})
    found = implausible_values(frame(TREE), regions)
    assert [(f.evidence["region"], f.evidence["column"], f.evidence["parent"]) for f in found] == [
        ("110000", "total_energy", "130000"),
        ("110000", "gdp_constant", "130000"),
    ]
    assert (
        found[0].evidence["reason_en"]
        == "above its parent 130000 (100 万tce): a part cannot exceed the whole"
    )


def test_the_nation_has_no_parent_and_a_province_is_compared_in_its_own_period_only() -> None:
    # the nation 7e8 tce in 2021, 5e8 in 2022; 北京 6e8 in 2021 (below the nation's 2021 value, though above its
    # 2022 one: never compared with another period) and 5.5e8 in 2022 (above 5e8); the nation has no parent
    e = frame(
        [
            ("100000", "2021", 7.0e8, 1.0e5),
            ("100000", "2022", 5.0e8, 1.0e5),
            ("110000", "2021", 6.0e8, 1.0e4),
            ("110000", "2022", 5.5e8, 1.0e4),
        ]
    )
    found = of_kind(implausible_values(e, REGIONS), "above_parent")
    assert [(f.evidence["region"], f.evidence["period"], f.evidence["column"]) for f in found] == [
        ("110000", "2022", "total_energy")
    ]


def test_a_part_just_above_its_whole_beyond_the_rounding_tolerance_is_reported() -> None:
    # tolerance 1e-9 relative: 1000 × (1 + 1e-9) = 1000.000001 is not above; 1000.00001 (1e-8 relative) is
    def above(city: float) -> list[str]:
        e = frame([("130000", "2021", 1000.0, 100.0), ("130100", "2021", city, 50.0)])
        return [f.evidence["region"] for f in of_kind(implausible_values(e, REGIONS), "above_parent")]

    assert above(1000.0000005) == []
    assert above(1000.00001) == ["130100"]
    assert above(999.99) == []


def test_more_parts_above_the_nation_than_the_cap_are_counted_for_gdp_too() -> None:
    # 51 provinces each 2e4 亿元 against the nation's 1e4 (energy 1e7 each, below the nation's 1e8; intensities
    # 1e7/2e8 = 0.05 and 1e8/1e8 = 1)
    codes = [f"{i:02d}0000" for i in range(11, 62)]
    e = frame([("100000", "2021", 1.0e8, 1.0e4)] + [(c, "2021", 1.0e7, 2.0e4) for c in codes])
    found = implausible_values(e)
    assert [f.evidence for f in found if f.code == "W_FINDINGS_TRUNCATED"] == [
        {"finding_code": "ABOVE PARENT gdp_constant", "total": 51, "shown": 50}
    ]
    above = of_kind(found, "above_parent")
    assert [f.evidence["region"] for f in above] == codes[:50]
    assert {f.evidence["column"] for f in above} == {"gdp_constant"}


# --- the intensity range ------------------------------------------------------------------------------------------

REASON_ZH = "超出 0.01–20.0 吨标准煤/万元的合理范围（2020 年全国为 0.49）"
REASON_EN = "outside the plausible 0.01–20.0 tce/10^4 CNY (China 2020: 0.49)"
FAR_ZH = "，很可能是能源或 GDP 的单位填错（相差 10⁴ 倍）"
FAR_EN = "; energy or GDP is most likely in the wrong unit (a factor of 10⁴)"


def _intensity(value: str, intensity: float, far: bool, region: str = "110000") -> dict[str, object]:
    return {
        "region": region,
        "period": "2021",
        "column": "total_energy / gdp_constant",
        "column_zh": "能耗强度",
        "value": value,
        "kind": "intensity_range",
        "intensity": intensity,
        "reason_zh": REASON_ZH + (FAR_ZH if far else ""),
        "reason_en": REASON_EN + (FAR_EN if far else ""),
        "fix_zh": "核对能源消费总量（万吨标准煤）和地区生产总值（亿元）的单位",
        "fix_en": "check the units of total energy (万tce) and GDP (10^8 CNY)",
    }


def test_an_intensity_below_the_plausible_range_is_a_warning_even_when_loading() -> None:
    # 5e4 tce / (1000 亿元 × 1e4) = 0.005 < 0.01, but not below 0.001: a warning
    (f,) = implausible_values(frame([("110000", "2021", 5.0e4, 1000.0)]), strict=True)
    assert (f.code, f.level) == ("W_IMPLAUSIBLE_VALUE", "warning")
    assert f.evidence == _intensity("0.005 吨标准煤/万元", 0.005, far=False)


def test_an_intensity_far_below_the_range_is_an_error_when_loading_only() -> None:
    # 5e3 / 1e7 = 0.0005 < 0.001: far out of range
    e = frame([("110000", "2021", 5.0e3, 1000.0)])
    (strict,) = implausible_values(e, strict=True)
    (stored,) = implausible_values(e)
    assert (strict.code, stored.code) == ("E_IMPLAUSIBLE_VALUE", "W_IMPLAUSIBLE_VALUE")
    assert strict.evidence == stored.evidence == _intensity("0.0005 吨标准煤/万元", 0.0005, far=True)


def test_an_intensity_far_above_the_range_names_the_unit_slip() -> None:
    # 3e9 / (10 亿元 × 1e4) = 3e4 > 100
    (f,) = implausible_values(frame([("110000", "2021", 3.0e9, 10.0)]), strict=True)
    assert f.code == "E_IMPLAUSIBLE_VALUE"
    assert f.evidence == _intensity("3e+04 吨标准煤/万元", 30000.0, far=True)


def test_each_limit_of_the_intensity_range_is_itself_plausible() -> None:
    """GDP 1 亿元 = 1e4 万元, so E tce gives E / 1e4: 100 → 0.01 (the lower warning limit, plausible), 99 → 0.0099
    (warning); 200000 → 20 (plausible), 200100 → 20.01 (warning); 1e6 → 100 (the error limit: only a warning),
    1.001e6 → 100.1 (an error when loading); 10 → 0.001 (a warning), 9 → 0.0009 (an error). One region each (no
    region is compared with another: no parents, one period)."""
    cases = {
        "110000": 100.0,
        "120000": 99.0,
        "130000": 200000.0,
        "140000": 200100.0,
        "150000": 1.0e6,
        "210000": 1.001e6,
        "220000": 10.0,
        "230000": 9.0,
    }
    found = implausible_values(frame([(c, "2021", e, 1.0) for c, e in cases.items()]), strict=True)
    assert [(f.evidence["region"], f.code, f.evidence["intensity"]) for f in found] == [
        ("120000", "W_IMPLAUSIBLE_VALUE", 0.0099),
        ("140000", "W_IMPLAUSIBLE_VALUE", 20.01),
        ("150000", "W_IMPLAUSIBLE_VALUE", 100.0),
        ("210000", "E_IMPLAUSIBLE_VALUE", 100.1),
        ("220000", "W_IMPLAUSIBLE_VALUE", 0.001),
        ("230000", "E_IMPLAUSIBLE_VALUE", 0.0009),
    ]
    assert found[1].evidence == _intensity("20.01 吨标准煤/万元", 20.01, far=False, region="140000")
    assert found[3].evidence["reason_en"] == REASON_EN + FAR_EN


def test_an_intensity_needs_positive_energy_and_gdp_but_not_above_one() -> None:
    # 1 tce / (0.5 亿元 × 1e4) = 0.0002 and 0.5 tce / (1 亿元 × 1e4) = 0.00005: both far below; GDP 0 or energy 0
    # give no intensity at all
    e = frame(
        [
            ("110000", "2021", 1.0, 0.5),
            ("120000", "2021", 0.5, 1.0),
            ("130000", "2021", 1.0e6, 0.0),
            ("140000", "2021", 0.0, 100.0),
        ]
    )
    found = implausible_values(e)
    assert [(f.evidence["region"], f.evidence["intensity"]) for f in found] == [
        ("110000", 0.0002),
        ("120000", 5e-05),
    ]


def test_intensities_are_listed_by_region_then_period() -> None:
    # 0.0005 each (5e3 / 1e7), given in reverse order
    rows = [(c, p, 5.0e3, 1000.0) for c in ("120000", "110000") for p in ("2022", "2020")]
    found = implausible_values(frame(rows))
    assert [(f.evidence["region"], f.evidence["period"]) for f in found] == [
        ("110000", "2020"),
        ("110000", "2022"),
        ("120000", "2020"),
        ("120000", "2022"),
    ]


# --- the input: empty, duplicate keys, numbers as keys, the focus --------------------------------------------------


def test_no_rows_have_no_findings() -> None:
    assert implausible_values(frame([])) == []
    assert implausible_values(frame([]), REGIONS, strict=True, focus=frame([])) == []


def test_of_two_rows_with_the_same_key_the_last_one_counts() -> None:
    """2020 given as 1e6 and then as 1e7 tce; 2021 1.2e7: against the last 2020 row ×1.2 (no jump) — against the
    first it would be ×12. Intensities 1e6..1.2e7 / (1e4·1e4) = 0.01…0.12, in range."""
    e = frame(
        [("120000", "2020", 1.0e6, 1.0e4), ("120000", "2020", 1.0e7, 1.0e4), ("120000", "2021", 1.2e7, 1.0e4)]
    )
    assert implausible_values(e) == []
    # the caller's promise of unique keys is taken (the rows are not deduplicated): the first 2020 row is compared
    # with too, ×12 (a jump; the duplicate key may repeat it)
    assert {f.evidence["ratio"] for f in implausible_values(e, unique_keys=True)} == {12.0}


def test_region_and_period_given_as_numbers_are_read_as_text() -> None:
    # 120000, 2020 → 2021: 1e6 → 3e7 tce (×30)
    e = pl.DataFrame(
        {
            "region_code": [120000, 120000],
            "period": [2020, 2021],
            "total_energy": [1.0e6, 3.0e7],
            "gdp_constant": [1e4] * 2,
        }
    )
    (f,) = implausible_values(e)
    assert (f.evidence["region"], f.evidence["period"], f.evidence["other_period"], f.evidence["ratio"]) == (
        "120000",
        "2021",
        "2020",
        30.0,
    )


def test_categorical_keys_are_read_as_they_are() -> None:
    e = frame([("120000", "2020", 1.0e6, 1.0e4), ("120000", "2021", 3.0e7, 1.0e4)]).with_columns(
        pl.col("region_code", "period").cast(pl.Categorical)
    )
    (f,) = implausible_values(e)
    assert (f.evidence["region"], f.evidence["period"], f.evidence["ratio"]) == ("120000", "2021", 30.0)


def _two_jumps() -> pl.DataFrame:
    # 110000 and 120000 each ×30 in 2021 (1e6 → 3e7 tce)
    return frame(
        [(c, p, v, 1.0e4) for c in ("110000", "120000") for p, v in (("2020", 1.0e6), ("2021", 3.0e7))]
    )


def test_the_focus_keeps_the_findings_of_its_rows_only() -> None:
    focus = pl.DataFrame({"region_code": ["120000"], "period": ["2021"]})
    for f in (focus, focus.lazy(), focus.with_columns(pl.all().cast(pl.Categorical))):
        assert [
            (x.evidence["region"], x.evidence["period"]) for x in implausible_values(_two_jumps(), focus=f)
        ] == [("120000", "2021")]
    # the comparison rows themselves (2020) name no finding: nothing in focus
    assert (
        implausible_values(_two_jumps(), focus=pl.DataFrame({"region_code": ["120000"], "period": ["2020"]}))
        == []
    )


def test_in_focus_keeps_the_truncation_notices_and_the_order() -> None:
    found = implausible_values(_two_jumps())
    assert in_focus([], pl.DataFrame({"region_code": ["120000"], "period": ["2021"]})) == []
    focus = pl.DataFrame({"region_code": ["120000", "110000"], "period": ["2021", "2021"]})
    assert in_focus(found, focus) == found  # both, in their order (110000 first)
    codes = [f"{i:06d}" for i in range(200001, 200052)]  # 51 jumps ×30: 50 listed and a notice
    many = implausible_values(
        frame([(c, p, v, 1.0e4) for c in codes for p, v in (("2020", 1e6), ("2021", 3e7))])
    )
    kept = in_focus(many, pl.DataFrame({"region_code": ["200002"], "period": ["2021"]}))
    assert [(f.code, f.evidence.get("region")) for f in kept] == [
        ("W_IMPLAUSIBLE_VALUE", "200002"),
        ("W_FINDINGS_TRUNCATED", None),
    ]
