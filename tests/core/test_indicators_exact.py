"""Key-project indicators (ecer.core.indicators): whole findings and whole progress frames, worked by hand.

Every expected number below is computed in the comments from the module docstring's formulas (ECER's reading of
国发〔2021〕33号 三, n = 2025 − 2020 = 5) and the data file ``targets_gf2021_33``; none is produced by the code under
test. Hand-made indicators keep the arithmetic readable; the catalogue's own rows are used where a unit matters.

  reduction T = 13.5 %: index x = 100 − D; R_1 = 1 − 0.865^0.2 = 1 − exp(0.2 × ln 0.865) = 1 − exp(−0.0290052)
      = 1 − 0.9714114 = 0.0285886 (2.85886 %); R_5 = 1 − 0.865 = 0.135 (13.5 %).
  quantity Q = 2000: R_t = 2000 t / 5 = 400 t.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.core.indicators import (
    PROGRESS_COLUMNS,
    Indicator,
    by_code,
    catalogue,
    check_values,
    latest,
    progress,
)
from ecer.findings import Location

CAT = catalogue(refdata.load("targets_gf2021_33").frame)
IND = by_code(CAT)

RED = Indicator(
    code="red",
    name_zh="测试强度比2020年下降",
    name_en="test intensity",
    project_no=1,
    project_zh="工程",
    project_en="project",
    kind="reduction",
    direction="reduction",
    target=13.5,
    target_text="13.5",
    unit="%",
    base_year=2020,
    target_year=2025,
    doc_no="文号",
    clause="三",
)
QTY = Indicator(
    code="qty",
    name_zh="示范单位",
    name_en="demo units",
    project_no=2,
    project_zh="工程",
    project_en="project",
    kind="quantity",
    direction="at_least",
    target=2000.0,
    target_text="2000",
    unit="家",
    base_year=2020,
    target_year=2025,
    doc_no="文号",
    clause="四",
)
QUAL = Indicator(
    code="qual",
    name_zh="定性",
    name_en="qualitative one",
    project_no=3,
    project_zh="工程",
    project_en="project",
    kind="qualitative",
    direction="qualitative",
    target=None,
    target_text="全面执行",
    unit="",
    base_year=2020,
    target_year=2025,
    doc_no="文号",
    clause="五",
)

SCHEMA = {
    "region_code": pl.String,
    "indicator_code": pl.String,
    "year": pl.Int64,
    "base_year": pl.Int64,
    "target_year": pl.Int64,
    "value": pl.Float64,
    "value_base": pl.Float64,
    "target_value": pl.Float64,
    "required_to_date": pl.Float64,
    "gap": pl.Float64,
    "completion": pl.Float64,
    "progress_ratio": pl.Float64,
    "grade": pl.Int8,
    "status": pl.String,
    "status_zh": pl.String,
    "status_en": pl.String,
    "color": pl.String,
}

LABELS = {
    "met": ("达标", "met / on track", "green"),
    "behind": ("进度滞后", "behind pace", "yellow"),
    "missed": ("未达标", "target missed", "red"),
    "na": ("无法评估", "cannot be assessed", "grey"),
    "base": ("基期", "base year", "grey"),
}


def _values(rows: list[tuple[str, int, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={"region_code": pl.String, "year": pl.Int64, "value": pl.Float64}, orient="row"
    )


def _row(
    code: str,
    region: str,
    year: int,
    value: float | None,
    value_base: float | None,
    target: float | None,
    required: float | None,
    gap: float | None,
    completion: float | None,
    ratio: float | None,
    grade: int | None,
    status: str,
) -> dict[str, object]:
    zh, en, color = LABELS[status]
    return {
        "region_code": region,
        "indicator_code": code,
        "year": year,
        "base_year": 2020,
        "target_year": 2025,
        "value": value,
        "value_base": value_base,
        "target_value": target,
        "required_to_date": required,
        "gap": gap,
        "completion": completion,
        "progress_ratio": ratio,
        "grade": grade,
        "status": status,
        "status_zh": zh,
        "status_en": en,
        "color": color,
    }


def _assert_frame(out: pl.DataFrame, expected: list[dict[str, object]]) -> None:
    assert out.columns == PROGRESS_COLUMNS
    assert dict(out.schema) == SCHEMA
    got = out.rows(named=True)
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g.keys() == e.keys()
        for k, v in e.items():
            if isinstance(v, float):
                assert g[k] == pytest.approx(v, rel=1e-5, abs=1e-9), (g["region_code"], g["year"], k)
            else:
                assert g[k] == v, (g["region_code"], g["year"], k)


# --- reduction ---------------------------------------------------------------------------------------------------


def test_reduction_with_its_base_year_given_whole_frame_and_findings() -> None:
    # A: 2020 D = 0 (given: kept once, status 基期), 2021 2.7 %, 2025 13.5 % exactly (met exactly, no tolerance
    # needed: 100 − 13.5 = 86.5 and back are exact in binary). B: 2025 13.49999995 % (5e-8 points short).
    v = _values(
        [("A", 2020, 0.0), ("A", 2021, 2.7), ("A", 2025, 13.5), ("B", 2020, 0.0), ("B", 2025, 13.49999995)]
    )
    out, findings = progress(v, RED)
    # 2020: required R_0 = 0; gap 13.5 − 0; completion 0 / 13.5 = 0; no ratio or grade at the base year
    # 2021: required 2.85886 %; gap 13.5 − 2.7 = 10.8; completion 2.7 / 13.5 = 0.2; achieved 1 − 97.3/100 = 0.027,
    #       ratio 0.027 / 0.0285886 = 0.944433; change 97.3/100 − 1 = −0.027, a fall of 2.7 % < R_1 2.86 % → 二级 (2)
    # 2025: required 13.5; gap 0; completion 1; ratio 0.135 / 0.135 = 1; no 2024 → no change, no grade; reached → met
    # B 2025: 13.49999995 + 1e-9 < 13.5 → not reached at the target year → 未达标, although on pace in fractions
    #       (0.1349999995 + 1e-9 ≥ 0.135): the target year is graded on the level, not the pace
    _assert_frame(
        out,
        [
            _row("red", "A", 2020, 0.0, 0.0, 13.5, 0.0, 13.5, 0.0, None, None, "base"),
            _row("red", "A", 2021, 2.7, 0.0, 13.5, 2.85886, 10.8, 0.2, 0.944433, 2, "behind"),
            _row("red", "A", 2025, 13.5, 0.0, 13.5, 13.5, 0.0, 1.0, 1.0, None, "met"),
            _row("red", "B", 2020, 0.0, 0.0, 13.5, 0.0, 13.5, 0.0, None, None, "base"),
            _row(
                "red",
                "B",
                2025,
                13.49999995,
                0.0,
                13.5,
                13.5,
                5e-8,
                13.49999995 / 13.5,
                0.1349999995 / 0.135,
                None,
                "missed",
            ),
        ],
    )
    assert [(f.code, f.level, f.evidence, f.location) for f in findings] == [
        (
            "W_TARGET_YEAR_GAP",
            "warning",
            {"what": "测试强度比2020年下降 / test intensity", "record": "A", "year": 2025},
            None,
        ),
        (
            "W_TARGET_YEAR_GAP",
            "warning",
            {"what": "测试强度比2020年下降 / test intensity", "record": "B", "year": 2025},
            None,
        ),
    ]
    assert findings[0].message_en == (
        "test intensity: A has no value for the year before 2025: that year's change and grade are left empty"
    )
    assert (
        findings[0].message_zh
        == "测试强度比2020年下降：A 缺少 2025 年的上一年数值，该年的逐年变化和预警等级空缺"
    )


def test_reduction_without_its_base_year_adds_no_row() -> None:
    # D = 3 % in 2021 ≥ R_1 2.85886 % → on pace; the implied base row (D = 0) is not shown
    # ratio 0.03 / 0.0285886 = 1.049369; change 97/100 − 1 = −0.03, a fall of 3 % ≥ R_1 → 三级 (3)
    out, findings = progress(_values([("A", 2021, 3.0)]), RED)
    _assert_frame(out, [_row("red", "A", 2021, 3.0, 0.0, 13.5, 2.85886, 10.5, 3 / 13.5, 1.049369, 3, "met")])
    assert findings == []


def test_reduction_after_the_target_year_is_graded_on_the_level() -> None:
    # 2026 (after the plan): required stays R_5 (t capped at n) = 13.5; 13.6 reached → met, 13.0 → missed;
    # years after the target year get no grade
    out, _ = progress(_values([("A", 2026, 13.6), ("B", 2026, 13.0)]), RED)
    _assert_frame(
        out,
        [
            _row("red", "A", 2026, 13.6, 0.0, 13.5, 13.5, -0.1, 13.6 / 13.5, 0.136 / 0.135, None, "met"),
            _row("red", "B", 2026, 13.0, 0.0, 13.5, 13.5, 0.5, 13.0 / 13.5, 0.13 / 0.135, None, "missed"),
        ],
    )


# --- quantity ----------------------------------------------------------------------------------------------------


def test_quantity_whole_frame_with_a_base_row_and_a_region() -> None:
    # nation 100000: 2020 0 (given, kept), 2021 350, 2022 900, 2024 1900 (2023 missing), 2025 2000 (exactly Q)
    # 2020: required 0, gap 2000, completion 0, no ratio, no grade, 基期
    # 2021: required 400, gap 1650, completion 350/2000 = 0.175, ratio 350/400 = 0.875, ΔA 350 < 400 → 2, behind
    # 2022: required 800, gap 1100, completion 0.45, ratio 900/800 = 1.125, ΔA 550 ≥ 400 → 3, met
    # 2024: required 1600, gap 100, completion 0.95, ratio 1900/1600 = 1.1875, no 2023 → no grade, met (on pace)
    # 2025: required 2000, gap 0, completion 1, ratio 1, ΔA 100 < 400 → 2, reached → met
    # 110000 2022 60: listed, not graded; its target is still the indicator's 2000
    v = _values(
        [
            ("100000", 2020, 0.0),
            ("100000", 2021, 350.0),
            ("100000", 2022, 900.0),
            ("100000", 2024, 1900.0),
            ("100000", 2025, 2000.0),
            ("110000", 2022, 60.0),
        ]
    )
    out, findings = progress(v, QTY)
    _assert_frame(
        out,
        [
            _row("qty", "100000", 2020, 0.0, 0.0, 2000.0, 0.0, 2000.0, 0.0, None, None, "base"),
            _row("qty", "100000", 2021, 350.0, 0.0, 2000.0, 400.0, 1650.0, 0.175, 0.875, 2, "behind"),
            _row("qty", "100000", 2022, 900.0, 0.0, 2000.0, 800.0, 1100.0, 0.45, 1.125, 3, "met"),
            _row("qty", "100000", 2024, 1900.0, 0.0, 2000.0, 1600.0, 100.0, 0.95, 1.1875, None, "met"),
            _row("qty", "100000", 2025, 2000.0, 0.0, 2000.0, 2000.0, 0.0, 1.0, 1.0, 2, "met"),
            _row("qty", "110000", 2022, 60.0, None, 2000.0, None, None, None, None, None, "na"),
        ],
    )
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "I_INDICATOR_NATIONAL_AMOUNT",
            "info",
            {
                "indicator": "qty",
                "name_zh": "示范单位",
                "name_en": "demo units",
                "target": "2000",
                "unit": "家",
                "regions": "110000",
            },
        ),
        ("W_TARGET_YEAR_GAP", "warning", {"what": "示范单位 / demo units", "record": "100000", "year": 2024}),
    ]
    assert findings[0].message_en == (
        "indicator qty (demo units): the target of 2000 家 is the whole country's and "
        "is not assigned to regions: the values of 110000 are listed, not graded"
    )
    assert findings[1].message_en == (
        "demo units: 100000 has no value for the year before 2024: that year's change "
        "and grade are left empty"
    )


def test_quantity_just_short_at_the_target_year_and_without_its_base_row() -> None:
    # 1999.9 in 2025 (2024 1600 given): not reached (1999.9 + 1e-9 < 2000) → missed; gap 0.1, completion 0.99995,
    # ratio 1999.9 / 2000 = 0.99995, ΔA 399.9 < 400 → 2; 2024: 1600 = required 1600 exactly → on pace, met,
    # ratio 1, completion 0.8, no 2023 → no grade. No base row given → none shown.
    out, findings = progress(_values([("100000", 2024, 1600.0), ("100000", 2025, 1999.9)]), QTY)
    _assert_frame(
        out,
        [
            _row("qty", "100000", 2024, 1600.0, 0.0, 2000.0, 1600.0, 400.0, 0.8, 1.0, None, "met"),
            _row("qty", "100000", 2025, 1999.9, 0.0, 2000.0, 2000.0, 0.1, 0.99995, 0.99995, 2, "missed"),
        ],
    )
    assert [(f.code, f.evidence) for f in findings] == [
        ("W_TARGET_YEAR_GAP", {"what": "示范单位 / demo units", "record": "100000", "year": 2024})
    ]


def test_quantity_of_regions_only() -> None:
    # no national row: every row is a region's, listed as 无法评估; one note names both regions in order
    out, findings = progress(_values([("120000", 2021, 5.0), ("110000", 2021, 3.0)]), QTY)
    _assert_frame(
        out,
        [
            _row("qty", "110000", 2021, 3.0, None, 2000.0, None, None, None, None, None, "na"),
            _row("qty", "120000", 2021, 5.0, None, 2000.0, None, None, None, None, None, "na"),
        ],
    )
    assert [f.evidence["regions"] for f in findings] == ["110000, 120000"]


# --- qualitative ---------------------------------------------------------------------------------------------------


def test_qualitative_whole_frame_and_schema() -> None:
    # no number is ever kept; the base year is 基期, every other year 无法评估; target_value stays a Float64 null
    out, findings = progress(_values([("A", 2022, 1.0), ("A", 2020, 2.0), ("A", 2019, 3.0)]), QUAL)
    _assert_frame(
        out,
        [
            _row("qual", "A", 2019, None, None, None, None, None, None, None, None, "na"),
            _row("qual", "A", 2020, None, None, None, None, None, None, None, None, "base"),
            _row("qual", "A", 2022, None, None, None, None, None, None, None, None, "na"),
        ],
    )
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "I_INDICATOR_QUALITATIVE",
            "info",
            {"indicator": "qual", "name_zh": "定性", "name_en": "qualitative one", "target_text": "全面执行"},
        )
    ]
    assert findings[0].message_en == (
        "indicator qual (qualitative one) is a qualitative target ('全面执行'): there is "
        "no number to compare with, its status is 'cannot be assessed'"
    )


def test_an_empty_series_gives_an_empty_frame_of_the_full_schema() -> None:
    for ind in (QUAL, RED, QTY):
        out, _ = progress(_values([]), ind)
        assert out.height == 0 and out.columns == PROGRESS_COLUMNS and dict(out.schema) == SCHEMA


# --- level: before the base year; the base-year checks ---------------------------------------------------------------


def test_a_level_year_before_the_base_year_cannot_be_assessed() -> None:
    # straw_use ≥ 86 % from 80 %: 2019 (before the plan) is listed but never graded (status 无法评估)
    out, _ = progress(_values([("A", 2019, 90.0), ("A", 2020, 80.0)]), IND["straw_use"])
    got = out.select("year", "status").rows()
    assert got == [(2019, "na"), (2020, "base")]


def test_level_at_exactly_the_level_before_the_target_year_is_met() -> None:
    # 2021 at 86 % exactly (the level itself): reached → met; gap 86 − 86 = 0; completion (86 − 80)/(86 − 80) = 1
    out, _ = progress(_values([("A", 2020, 80.0), ("A", 2021, 86.0)]), IND["straw_use"])
    r = out.filter(pl.col("year") == 2021).row(0, named=True)
    assert (r["status"], r["gap"], r["completion"]) == ("met", 0.0, 1.0)


# --- check_values ------------------------------------------------------------------------------------------------


def _checked(rows: dict, **kw: object) -> list:
    return check_values(pl.DataFrame(rows), CAT, **kw)  # type: ignore[arg-type]


def test_a_negative_level_that_is_not_a_share_is_impossible_whole_finding() -> None:
    # incineration_capacity: a level of 80 万吨/d (not a share): −1 is impossible, 0 is possible
    f = _checked(
        {
            "region_code": ["A", "A"],
            "year": [2022, 2022],
            "indicator_code": ["incineration_capacity", "incineration_capacity"],
            "value": [-1.0, 0.0],
        },
        file="v.xlsx",
    )
    assert len(f) == 1
    assert (f[0].code, f[0].level) == ("E_INDICATOR_VALUE_RANGE", "error")
    assert f[0].location == Location(file="v.xlsx", row=2, column="value")
    assert f[0].evidence == {
        "where_zh": "v.xlsx 第 2 行（A 2022）",
        "where_en": "v.xlsx row 2 (A 2022)",
        "indicator": "incineration_capacity",
        "name_zh": "城镇生活垃圾焚烧处理能力",
        "name_en": "urban household-waste incineration capacity",
        "value": "-1",
        "unit": "万吨/d",
        "detail_zh": "水平值不能为负",
        "detail_en": "a level cannot be negative",
    }
    assert f[0].message_en == (
        "v.xlsx row 2 (A 2022): indicator incineration_capacity (urban household-waste "
        "incineration capacity) has the value -1 万吨/d, which is impossible: a level cannot be "
        "negative"
    )
    assert f[0].message_zh == (
        "v.xlsx 第 2 行（A 2022）：指标 incineration_capacity（城镇生活垃圾焚烧处理能力）的数值 -1万吨/d "
        "不可能：水平值不能为负"
    )


def test_amount_boundaries_zero_and_a_fraction_and_percentage_points_above_the_target() -> None:
    # public_demo_units (家): 0 and 0.5 are possible amounts (only < 0 is impossible);
    # solvent_coatings (quantity in 百分点, 20): 25 points in a region is no amount of units, never compared with
    # the national figure; public_demo_units at exactly the national 2000 in a region is possible
    f = _checked(
        {
            "region_code": ["A"] * 4,
            "year": [2022] * 4,
            "indicator_code": [
                "public_demo_units",
                "public_demo_units",
                "solvent_coatings",
                "public_demo_units",
            ],
            "value": [0.0, 0.5, 25.0, 2000.0],
        }
    )
    assert f == []


def test_a_reduction_of_exactly_100_and_a_share_at_its_bounds_pass_an_int_value_is_a_number() -> None:
    # energy_intensity 100 % (not > 100) and straw_use 0 / 100 pass; an int value (86) is a number
    f = _checked(
        {
            "region_code": ["A"] * 4,
            "year": [2022] * 4,
            "indicator_code": ["energy_intensity", "straw_use", "straw_use", "straw_use"],
            "value": [100, 0, 100, 86],
        }
    )
    assert f == []
    f = _checked({"region_code": ["A"], "year": [2022], "indicator_code": ["straw_use"], "value": [101]})
    assert (
        f[0].evidence["value"] == "101"
        and f[0].evidence["detail_en"] == "a share or rate lies between 0 and 100 %"
    )


def test_a_national_amount_above_the_target_is_kept_and_the_unit_of_a_match_passes() -> None:
    # 100000 may exceed 2000 (it is the nation); a unit equal to the catalogue's ("家") passes
    f = _checked(
        {
            "region_code": ["100000"],
            "year": [2025],
            "indicator_code": ["public_demo_units"],
            "value": [2500.0],
            "unit": ["家"],
        }
    )
    assert f == []
    # the same in a region: above the national 2000 → the unit-slip finding, level error, column value
    f = _checked(
        {
            "region_code": ["110000"],
            "year": [2025],
            "indicator_code": ["public_demo_units"],
            "value": [2500.0],
            "unit": ["家"],
        },
        row_offset=7,
    )
    assert [(x.code, x.level, x.location, x.evidence["detail_en"]) for x in f] == [
        (
            "E_INDICATOR_VALUE_RANGE",
            "error",
            Location(file=None, row=7, column="value"),
            "a region's amount above the national target of 2000 家 (a unit slip, e.g. 万/亿?)",
        )
    ]


def test_the_levels_of_the_other_value_findings() -> None:
    f = _checked(
        {
            "region_code": ["A"] * 4,
            "year": [2022] * 4,
            "indicator_code": ["xx", "straw_use", "green_building", "straw_use"],
            "value": [1.0, 1.0, 1.0, None],
            "unit": ["", "万", "", ""],
        },
        file="v.xlsx",
    )
    # every finding names the file, its row (2 + index) and the column at fault
    assert [(x.code, x.level, x.location) for x in f] == [
        ("E_INDICATOR_UNKNOWN", "error", Location(file="v.xlsx", row=2, column="indicator_code")),
        ("E_INDICATOR_UNIT_MISMATCH", "error", Location(file="v.xlsx", row=3, column="unit")),
        ("W_INDICATOR_QUALITATIVE_VALUE", "warning", Location(file="v.xlsx", row=4, column="value")),
        ("E_INDICATOR_VALUE_INVALID", "error", Location(file="v.xlsx", row=5, column="value")),
    ]
    assert f[2].message_en == (
        "v.xlsx row 4 (A 2022): indicator green_building ("
        + IND["green_building"].name_en
        + ") is a qualitative target ('"
        + IND["green_building"].target_text
        + "'); the value 1.0 is kept but not graded"
    )


# --- what is qualitative; region order of the findings; the catalogue's text fields -------------------------------


def test_a_target_without_a_number_or_a_qualitative_kind_is_never_graded() -> None:
    # either condition suffices: a level without a target, a qualitative kind with a stray number
    no_number = RED.model_copy(update={"kind": "level", "direction": "at_least", "target": None})
    stray = QUAL.model_copy(update={"target": 5.0})
    for ind in (no_number, stray):
        out, findings = progress(_values([("A", 2020, 1.0), ("A", 2021, 2.0)]), ind)
        assert out.select("year", "value", "status").rows() == [(2020, None, "base"), (2021, None, "na")], (
            ind.code
        )
        assert [f.code for f in findings] == ["I_INDICATOR_QUALITATIVE"]


def test_the_findings_follow_the_region_order_whatever_the_input_order() -> None:
    # B's rows come first and its first year (2022) is earlier than A's (2023); both lack the year before (the
    # implied base row D = 0 is 2020) → W_TARGET_YEAR_GAP for A 2023, then B 2022 (regions in code order)
    out, findings = progress(_values([("B", 2022, 3.0), ("A", 2023, 9.0)]), RED)
    assert [(f.evidence["record"], f.evidence["year"]) for f in findings] == [("A", 2023), ("B", 2022)]
    assert out.select("region_code", "year").rows() == [("A", 2023), ("B", 2022)]
    # eight regions in reverse order, each with a gap year 2022: the notes come in code order R1 … R8
    regions = [f"R{k}" for k in range(8, 0, -1)]
    _, findings = progress(_values([(r, 2022, 5.0) for r in regions]), RED)
    assert [f.evidence["record"] for f in findings] == sorted(regions)


def test_catalogue_keeps_the_project_name_document_and_clause() -> None:
    # a hand-made row: every field passes through (base year empty → the plan's 2020)
    frame = pl.DataFrame(
        {
            "row_id": [1],
            "indicator_code": ["lvl"],
            "indicator_cn": ["水平"],
            "indicator_en": ["level"],
            "project_no": [4],
            "project_cn": ["工程四"],
            "project_en": ["project four"],
            "kind": ["level"],
            "direction": ["at_least"],
            "value": [30.0],
            "value_text": ["30%"],
            "unit": ["%"],
            "base_year": [None],
            "target_year": [2025],
            "doc_no": ["文号甲"],
            "clause": ["三、(一)"],
            "notes": ["注"],
        }
    )
    (i,) = catalogue(frame)
    assert i.model_dump() == {
        "code": "lvl",
        "name_zh": "水平",
        "name_en": "level",
        "project_no": 4,
        "project_zh": "工程四",
        "project_en": "project four",
        "kind": "level",
        "direction": "at_least",
        "target": 30.0,
        "target_text": "30%",
        "unit": "%",
        "base_year": 2020,
        "target_year": 2025,
        "doc_no": "文号甲",
        "clause": "三、(一)",
        "notes": "注",
    }
    assert i.source == "文号甲 三、(一)"


# --- level: whole frames -----------------------------------------------------------------------------------------

LVL = Indicator(
    code="lvl",
    name_zh="测试利用率",
    name_en="test rate",
    project_no=5,
    project_zh="工程",
    project_en="project",
    kind="level",
    direction="at_least",
    target=86.0,
    target_text="86以上",
    unit="%",
    base_year=2020,
    target_year=2025,
    doc_no="文号",
    clause="三",
)


def test_a_level_at_least_whole_frame() -> None:
    # A from x0 = 80 to L = 86: T = 86/80 − 1 = 0.075; ln 1.075 = 0.0723207, / 5 = 0.01446414
    #   R_1 = exp(0.01446414) − 1 = 0.0145693 → required 80 × 1.0145693 = 81.16554
    #   R_2 = exp(0.02892828) − 1 = 0.0293508 → required 80 × 1.0293508 = 82.34806
    #   2021 81: gap 5, completion (81 − 80)/6 = 1/6, ratio 0.0125 / 0.0145693 = 0.857968, rise 1.25 % < R_1 → 2,
    #            81 < 81.16554 → behind
    #   2022 83.5: gap 2.5, completion 3.5/6, ratio (83.5/80 − 1) / R_2 = 0.04375 / 0.0293508 = 1.490590,
    #            rise 83.5/81 − 1 = 3.09 % ≥ R_1 → 3, on the path → met
    #   2025 86: required min(80 × 1.075, 86) = 86, gap 0, completion 1, ratio 0.075/0.075 = 1, no 2024 → no grade
    # B from x0 = 90, already past 86: T = 0, the level is to be kept: required min(90, 86) = 86 every year; no
    #   completion (L − x0 = −4 ≤ 0) and no ratio (R = 0)
    #   2021 85: gap 1, it fell (85/90 − 1 < 0) → 1, below 86 → behind; 2022 86: gap 0, rise ≥ R = 0 → 3, met
    v = _values(
        [
            ("A", 2020, 80.0),
            ("A", 2021, 81.0),
            ("A", 2022, 83.5),
            ("A", 2025, 86.0),
            ("B", 2020, 90.0),
            ("B", 2021, 85.0),
            ("B", 2022, 86.0),
        ]
    )
    out, findings = progress(v, LVL)
    _assert_frame(
        out,
        [
            _row("lvl", "A", 2020, 80.0, 80.0, 86.0, 80.0, 6.0, 0.0, None, None, "base"),
            _row("lvl", "A", 2021, 81.0, 80.0, 86.0, 81.16554, 5.0, 1 / 6, 0.857968, 2, "behind"),
            _row("lvl", "A", 2022, 83.5, 80.0, 86.0, 82.34806, 2.5, 3.5 / 6, 1.490590, 3, "met"),
            _row("lvl", "A", 2025, 86.0, 80.0, 86.0, 86.0, 0.0, 1.0, 1.0, None, "met"),
            _row("lvl", "B", 2020, 90.0, 90.0, 86.0, 86.0, -4.0, None, None, None, "base"),
            _row("lvl", "B", 2021, 85.0, 90.0, 86.0, 86.0, 1.0, None, None, 1, "behind"),
            _row("lvl", "B", 2022, 86.0, 90.0, 86.0, 86.0, 0.0, None, None, 3, "met"),
        ],
    )
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        ("W_TARGET_YEAR_GAP", "warning", {"what": "测试利用率 / test rate", "record": "A", "year": 2025})
    ]


def test_a_level_just_short_at_the_target_year_is_missed() -> None:
    # 85.99 in 2025 (2024 85.5): 85.99 − 86 + 1e-9 < 0 → 未达标; gap 0.01; completion 5.99/6
    out, _ = progress(_values([("A", 2020, 80.0), ("A", 2024, 85.5), ("A", 2025, 85.99)]), LVL)
    r = out.filter(pl.col("year") == 2025).row(0, named=True)
    assert (r["status"], r["color"]) == ("missed", "red")
    assert r["gap"] == pytest.approx(0.01) and r["completion"] == pytest.approx(5.99 / 6)


def test_a_level_without_a_usable_base_whole_rows_and_findings() -> None:
    # A: base 0 → no path (E_INDICATOR_VALUE_INVALID, whole); its 2021 value 50 is kept, everything else empty
    # B: a negative base −5 is refused the same way
    v = _values([("A", 2020, 0.0), ("A", 2021, 50.0), ("B", 2020, -5.0)])
    out, findings = progress(v, LVL)
    _assert_frame(
        out,
        [
            _row("lvl", "A", 2020, 0.0, None, 86.0, None, None, None, None, None, "base"),
            _row("lvl", "A", 2021, 50.0, None, 86.0, None, None, None, None, None, "na"),
            _row("lvl", "B", 2020, -5.0, None, 86.0, None, None, None, None, None, "base"),
        ],
    )
    assert [(f.code, f.level, f.location, f.evidence["value"], f.evidence["where_en"]) for f in findings] == [
        ("E_INDICATOR_VALUE_INVALID", "error", None, 0.0, "A 2020"),
        ("E_INDICATOR_VALUE_INVALID", "error", None, -5.0, "B 2020"),
    ]
    assert findings[0].message_en == (
        "A 2020: the value '0.0' of indicator lvl is invalid: the base-year value must be > 0 to set a path"
    )
    assert findings[0].message_zh == "A 2020年：指标 lvl 的数值“0.0”无效：基年数值须大于 0 才能设定进度路径"
    # no base-year row at all: E_TARGET_BASE_MISSING only, whole
    out, findings = progress(_values([("C", 2022, 50.0)]), LVL)
    _assert_frame(out, [_row("lvl", "C", 2022, 50.0, None, 86.0, None, None, None, None, None, "na")])
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "E_TARGET_BASE_MISSING",
            "error",
            {"what": "测试利用率 / test rate", "record": "C", "base_year": 2020},
        )
    ]
    assert findings[0].message_en == (
        "test rate: C has no value for the base year 2020, so no cumulative progress can be computed"
    )


def test_an_at_most_level_whole_frame() -> None:
    # 60 % → at most 50 %: T = 1 − 50/60 = 1/6; required 60 × (5/6)^(t/5); (5/6)^0.2 = exp(−0.0364643) = 0.9641925
    #   2021 57: required 57.85155, gap −(50 − 57) = 7, completion (57 − 60)/(50 − 60) = 0.3,
    #            ratio (1 − 57/60) / (1 − 0.9641925) = 0.05 / 0.0358075 = 1.396355, fell 5 % ≥ 3.58 % → 3, met
    #   2025 49: required max(60 × 5/6, 50) = 50, gap −1, completion 1.1, ratio (1 − 49/60) / (1/6) = 1.1,
    #            no 2024 → no grade, reached (49 ≤ 50) → met
    ind = LVL.model_copy(update={"direction": "at_most", "target": 50.0})
    out, _ = progress(_values([("A", 2020, 60.0), ("A", 2021, 57.0), ("A", 2025, 49.0)]), ind)
    _assert_frame(
        out,
        [
            _row("lvl", "A", 2020, 60.0, 60.0, 50.0, 60.0, 10.0, 0.0, None, None, "base"),
            _row("lvl", "A", 2021, 57.0, 60.0, 50.0, 57.85155, 7.0, 0.3, 1.396355, 3, "met"),
            _row("lvl", "A", 2025, 49.0, 60.0, 50.0, 50.0, -1.0, 1.1, 1.1, None, "met"),
        ],
    )


def test_a_blank_region_is_left_out_of_the_place() -> None:
    # region "  " (blank) is not written: "file row 2 (2022)"; a blank year cell likewise
    f = _checked({"region_code": ["  "], "year": [2022], "indicator_code": ["xx"], "value": [1.0]})
    assert (f[0].evidence["where_en"], f[0].evidence["where_zh"]) == (
        "file row 2 (2022)",
        "文件 第 2 行（2022）",
    )


# --- latest ------------------------------------------------------------------------------------------------------


def test_latest_orders_regions_by_code_within_an_indicator() -> None:
    # B's only year (2021) comes before A's (2023) when sorted by year; the cards are still A, then B, per
    # indicator in code order (qty before red)
    a, _ = progress(_values([("B", 2021, 3.0), ("A", 2022, 5.0), ("A", 2023, 9.0)]), RED)
    b, _ = progress(_values([("110000", 2021, 1.0), ("100000", 2022, 500.0)]), QTY)
    got = latest(pl.concat([a, b]))
    assert got.columns == PROGRESS_COLUMNS
    assert got.select("indicator_code", "region_code", "year", "value").rows() == [
        ("qty", "100000", 2022, 500.0),
        ("qty", "110000", 2021, 1.0),
        ("red", "A", 2023, 9.0),
        ("red", "B", 2021, 3.0),
    ]
