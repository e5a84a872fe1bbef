"""Task decomposition (ecer.core.pollutants.decompose) compared whole: every output column of a hand-worked split by
each method, both reasons word for word, the options (column names, gap factor, indicators, floor) and each
finding's code, location and entire evidence (mutation testing). 国发〔2021〕33号 四(二); METHODS §3.3."""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.pollutants.decompose import OUTPUT_COLUMNS, Indicator, decompose
from ecer.findings import FindingsError, Location

WHAT = "减排任务分解 / task decomposition"


def _close(actual: list, expected: list) -> None:
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected, strict=True):
        if isinstance(e, float):
            assert a == pytest.approx(e, rel=1e-12, abs=1e-12), (actual, expected)
        else:
            assert a == e, (actual, expected)


def _columns(out: pl.DataFrame, **expected: list) -> None:  # type: ignore[type-arg]
    """Each column named in ``expected`` equal to its list, floats to 1e-12 (``_close``)."""
    for column, values in expected.items():
        _close(out[column].to_list(), values)


def _refused(*args: object, **kwargs: object) -> list:
    with pytest.raises(FindingsError) as e:
        decompose(*args, **kwargs)  # type: ignore[arg-type]
    return e.value.findings


def test_base_proportional_split_with_every_column_and_both_reasons() -> None:
    # weights 300 : 100 : 0 (Σ 400) → shares 0.75, 0.25, 0; T = 40 → 30, 10, 0 t; rates 10 %, 10 %, none
    df = pl.DataFrame({"region_code": ["A", "B", "C"], "base_emissions": [300.0, 100.0, 0.0]})
    out, findings = decompose(df, 40.0)
    assert findings == [] and out.columns == OUTPUT_COLUMNS
    assert out["region_code"].to_list() == ["A", "B", "C"]
    _close(out["base_emissions"].to_list(), [300.0, 100.0, 0.0])
    assert out["gap"].to_list() == [None] * 3 and out["index"].to_list() == [None] * 3
    _close(out["weight"].to_list(), [300.0, 100.0, 0.0])
    _close(out["share"].to_list(), [0.75, 0.25, 0.0])
    _close(out["task"].to_list(), [30.0, 10.0, 0.0])
    assert out["task_rate"].to_list() == [0.1, 0.1, None]
    assert out["method"].to_list() == ["base_proportional"] * 3
    assert out["reason_zh"].to_list() == [
        "按基数比例：基年排放量 300 t 占合计 400 t 的 75%；分得任务 30 t（基年排放量的 10%）",
        "按基数比例：基年排放量 100 t 占合计 400 t 的 25%；分得任务 10 t（基年排放量的 10%）",
        "按基数比例：基年排放量 0 t 占合计 400 t 的 0%；基年排放量为 0，不分配任务",
    ]
    assert out["reason_en"].to_list() == [
        "base-proportional: base emissions 300 t are 75% of the total 400 t; task 30 t (10% of its base)",
        "base-proportional: base emissions 100 t are 25% of the total 400 t; task 10 t (10% of its base)",
        "base-proportional: base emissions 0 t are 0% of the total 400 t; no base emissions, so no task",
    ]
    assert out.schema == pl.Schema(
        {
            "region_code": pl.Utf8,
            "base_emissions": pl.Float64,
            "gap": pl.Float64,
            "index": pl.Float64,
            "weight": pl.Float64,
            "share": pl.Float64,
            "task": pl.Float64,
            "task_rate": pl.Float64,
            "method": pl.Utf8,
            "reason_zh": pl.Utf8,
            "reason_en": pl.Utf8,
        }
    )


def test_the_region_and_base_columns_can_have_other_names() -> None:
    df = pl.DataFrame({"city": [350100, 350200], "E": [60.0, 20.0]})
    out, _ = decompose(df, 8.0, region_column="city", base_column="E")
    # 60 : 20 → 6 and 2 t; the output keeps its own column names, the codes as text
    assert out.select("region_code", "base_emissions", "task").rows() == [
        ("350100", 60.0, 6.0),
        ("350200", 20.0, 2.0),
    ]


def test_burden_weighted_split_with_a_gap_factor_of_two() -> None:
    # w_A = 300·(1 + 2·0) = 300, w_B = 100·(1 + 2·1.5) = 400, Σ 700; T = 70 → 30 and 40 t (10 % and 40 %)
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "g": [0.0, 1.5]})
    out, findings = decompose(df, 70.0, "burden_weighted", gap_column="g", gap_factor=2.0)
    assert findings == []
    _columns(
        out,
        gap=[0.0, 1.5],
        index=[None, None],
        weight=[300.0, 400.0],
        share=[3 / 7, 4 / 7],
        task=[30.0, 40.0],
        task_rate=[0.1, 0.4],
        method=["burden_weighted"] * 2,
    )
    assert out["reason_zh"].to_list() == [
        (
            "按治理任务（质量差距）加权：权重 = 基年排放量 300 t ×（1 + 2 × 质量差距 0）= 300（质量达标，仅按基数），"
            "占权重合计 700 的 42.86%；分得任务 30 t（基年排放量的 10%）"
        ),
        (
            "按治理任务（质量差距）加权：权重 = 基年排放量 100 t ×（1 + 2 × 质量差距 1.5）= 400，"
            "占权重合计 700 的 57.14%；分得任务 40 t（基年排放量的 40%）"
        ),
    ]
    assert out["reason_en"].to_list() == [
        (
            "burden-weighted by the quality gap: weight = base 300 t × (1 + 2 × quality gap 0) = 300 (quality target "
            "met: base only), 42.86% of the weights' total 700; task 30 t (10% of its base)"
        ),
        (
            "burden-weighted by the quality gap: weight = base 100 t × (1 + 2 × quality gap 1.5) = 400, 57.14% of the "
            "weights' total 700; task 40 t (40% of its base)"
        ),
    ]


def test_a_gap_factor_of_zero_is_the_base_proportional_split() -> None:
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "gap": [0.0, 5.0]})
    out, _ = decompose(df, 40.0, "burden_weighted", gap_factor=0.0)
    _close(out["task"].to_list(), [30.0, 10.0])
    # the default λ = 1: w = 300, 100·6 = 600 → 40/900 · 300 = 13.333…, 26.666…
    out, _ = decompose(df, 40.0, "burden_weighted")
    _close(out["weight"].to_list(), [300.0, 600.0])
    _close(out["task"].to_list(), [40 / 3, 80 / 3])


COMPOSITE = pl.DataFrame(
    {
        "region_code": ["A", "B", "C"],
        "base_emissions": [100.0, 100.0, 200.0],
        "x": [10.0, 20.0, 15.0],
        "y": [1.0, 5.0, 2.0],
    }
)
INDICATORS = (Indicator("x", 3.0), Indicator("y", 1.0, "cost"))


def test_composite_index_split_with_a_cost_indicator_and_a_floor() -> None:
    # weights 3 : 1 → 0.75, 0.25. x (benefit, 10…20): 0, 1, 0.5; y (cost, 1…5): (5−1)/4 = 1, 0, (5−2)/4 = 0.75.
    # floor 0.2: z' = 0.2 + 0.8 z → x 0.2, 1, 0.6; y 1, 0.2, 0.8.
    # I = 0.75·z'x + 0.25·z'y: A 0.15 + 0.25 = 0.4, B 0.75 + 0.05 = 0.8, C 0.45 + 0.2 = 0.65
    # w = E·I: 40, 80, 130 (Σ 250) → shares 0.16, 0.32, 0.52; T = 50 → 8, 16, 26 t (8 %, 16 %, 13 %)
    out, findings = decompose(COMPOSITE, 50.0, "composite_index", indicators=INDICATORS, floor=0.2)
    assert findings == []
    _columns(
        out,
        gap=[None] * 3,
        index=[0.4, 0.8, 0.65],
        weight=[40.0, 80.0, 130.0],
        share=[0.16, 0.32, 0.52],
        task=[8.0, 16.0, 26.0],
        task_rate=[0.08, 0.16, 0.13],
        method=["composite_index"] * 3,
    )
    # the reasons list the unfloored scores times the normalised weights
    assert out["reason_zh"].to_list() == [
        (
            "按综合指数：指数 0.4（x 0×0.75 + y 1×0.25），权重 = 基年排放量 100 t × 指数 = 40，占权重合计 250 的 16%；"
            "分得任务 8 t（基年排放量的 8%）"
        ),
        (
            "按综合指数：指数 0.8（x 1×0.75 + y 0×0.25），权重 = 基年排放量 100 t × 指数 = 80，占权重合计 250 的 32%；"
            "分得任务 16 t（基年排放量的 16%）"
        ),
        (
            "按综合指数：指数 0.65（x 0.5×0.75 + y 0.75×0.25），权重 = 基年排放量 200 t × 指数 = 130，占权重合计 250 的 "
            "52%；分得任务 26 t（基年排放量的 13%）"
        ),
    ]
    assert out["reason_en"][0] == (
        "composite index: index 0.4 (x 0×0.75 + y 1×0.25); weight = base 100 t × index = 40, 16% of the weights' "
        "total 250; task 8 t (8% of its base)"
    )


def test_composite_index_without_a_floor() -> None:
    # f = 0: I = 0.75·x + 0.25·y: A 0.25, B 0.75, C 0.375 + 0.1875 = 0.5625; w = 25, 75, 112.5 (Σ 212.5)
    out, _ = decompose(COMPOSITE, 85.0, "composite_index", indicators=INDICATORS)
    _close(out["index"].to_list(), [0.25, 0.75, 0.5625])
    _close(out["weight"].to_list(), [25.0, 75.0, 112.5])
    # T·w/Σ = 85/212.5 = 0.4 per unit of weight → 10, 30, 45 t
    _close(out["task"].to_list(), [10.0, 30.0, 45.0])


def test_a_task_above_the_base_is_warned_with_the_method_region_task_and_base() -> None:
    # w_A = 100, w_B = 10·(1 + 99) = 1000 (Σ 1100); T = 55 → A 5 t, B 50 t > its base 10 t
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [100.0, 10.0], "gap": [0.0, 99.0]})
    out, findings = decompose(df, 55.0, "burden_weighted")
    _close(out["task"].to_list(), [5.0, 50.0])
    assert [(f.code, f.level, f.evidence) for f in findings] == [
        (
            "W_DECOMPOSITION_TASK_ABOVE_BASE",
            "warning",
            {
                "method": "按治理任务（质量差距）加权 / burden-weighted by the quality gap",
                "region": "B",
                "task": "50",
                "base": "10",
            },
        )
    ]
    assert (
        findings[0].message_zh == "按“按治理任务（质量差距）加权”分解：B 分得任务 50 t，超过其基年排放量 10 t"
    )
    assert findings[0].message_en == (
        "decomposition by 'burden-weighted by the quality gap': B is given 50 t, more than its base emissions of 10 t"
    )


# --- refusals ----------------------------------------------------------------------------------------------------------

TWO = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "gap": [0.0, 1.0]})


def test_an_unknown_method_is_named_with_the_methods_there_are() -> None:
    (f,) = _refused(TWO, 40.0, "magic")
    assert (f.code, f.location) == ("E_UNKNOWN_NAME", None)
    assert f.evidence == {
        "kind": "分解方法 / decomposition method",
        "value": "magic",
        "valid": "base_proportional, burden_weighted, composite_index",
    }


def test_missing_columns_are_named_with_every_column_the_method_needs() -> None:
    fs = _refused(TWO.drop("gap"), 40.0, "burden_weighted")
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        (
            "E_POLLUTANT_COLUMN_MISSING",
            Location(column="gap"),
            {"what": WHAT, "column": "gap", "expected": "region_code, base_emissions, gap"},
        )
    ]
    fs = _refused(COMPOSITE.drop("x", "y"), 1.0, "composite_index", indicators=INDICATORS)
    assert [f.evidence for f in fs] == [
        {"what": WHAT, "column": c, "expected": "region_code, base_emissions, x, y"} for c in ("x", "y")
    ]


@pytest.mark.parametrize(
    ("total", "detail"),
    [(None, "空值 / empty"), (math.inf, "不是有限数 / not a finite number"), (-1.0, "为负 / negative")],
)
def test_a_total_that_is_empty_not_finite_or_negative_is_refused(total: object, detail: str) -> None:
    (f,) = _refused(TWO, total)
    assert (f.code, f.location) == ("E_POLLUTANT_VALUE_INVALID", Location(column="total"))
    assert f.evidence == {
        "what": WHAT,
        "record": "total",
        "column": "total",
        "value": total,
        "detail": detail,
    }


def test_a_total_of_zero_gives_every_region_no_task() -> None:
    out, findings = decompose(TWO, 0.0)
    assert out["task"].to_list() == [0.0, 0.0] and findings == []


def test_regions_given_twice_and_bad_values_are_each_named() -> None:
    df = pl.DataFrame(
        {
            "region_code": ["A", "B", "A", "A"],
            "base_emissions": [1.0, -2.0, 3.0, None],
            "gap": [0.0, 1.0, -0.5, 0.0],
        }
    )
    fs = _refused(df, 10.0, "burden_weighted")
    assert [(f.code, f.location, f.evidence) for f in fs] == [
        ("E_POLLUTANT_VALUE_INVALID", Location(column="base_emissions"),
         {"what": WHAT, "record": "B", "column": "base_emissions", "value": -2.0, "detail": "为负 / negative"}),
        ("E_DUPLICATE_RECORD", Location(row=3, column="region_code"), {"key": "region_code A", "other_row": 1}),
        ("E_POLLUTANT_VALUE_INVALID", Location(column="gap"),
         {"what": WHAT, "record": "A", "column": "gap", "value": -0.5, "detail": "为负 / negative"}),
        ("E_DUPLICATE_RECORD", Location(row=4, column="region_code"), {"key": "region_code A", "other_row": 1}),
        ("E_POLLUTANT_VALUE_INVALID", Location(column="base_emissions"),
         {"what": WHAT, "record": "A", "column": "base_emissions", "value": None, "detail": "空值 / empty"}),
    ]  # fmt: skip


def test_an_indicator_may_be_negative_but_not_empty_and_the_base_may_not_be_negative() -> None:
    # a negative indicator value (a growth rate) is fine: x −10, 0, 10 scores 0, 0.5, 1 → I = 0, 0.5, 1
    df = pl.DataFrame(
        {"region_code": ["A", "B", "C"], "base_emissions": [10.0, 10.0, 10.0], "x": [-10.0, 0.0, 10.0]}
    )
    out, _ = decompose(df, 3.0, "composite_index", indicators=[Indicator("x", 1.0)])
    _close(out["task"].to_list(), [0.0, 1.0, 2.0])
    fs = _refused(
        df.with_columns(x=pl.Series([1.0, None, 2.0])),
        3.0,
        "composite_index",
        indicators=[Indicator("x", 1.0)],
    )
    assert [f.evidence for f in fs] == [
        {"what": WHAT, "record": "B", "column": "x", "value": None, "detail": "空值 / empty"}
    ]
    # the base column used as an indicator too is still checked as a base (once as each): −10 is refused twice
    neg = df.with_columns(base_emissions=pl.Series([10.0, -10.0, 10.0]))
    fs = _refused(neg, 3.0, "composite_index", indicators=[Indicator("base_emissions", 1.0)])
    assert [f.evidence for f in fs] == [
        {"what": WHAT, "record": "B", "column": "base_emissions", "value": -10.0, "detail": "为负 / negative"}
    ] * 2


@pytest.mark.parametrize("gap_factor", [-0.5, math.inf])
def test_a_gap_factor_below_zero_or_not_finite_is_refused(gap_factor: float) -> None:
    (f,) = _refused(TWO, 40.0, "burden_weighted", gap_factor=gap_factor)
    assert (f.code, f.location) == ("E_POLLUTANT_VALUE_INVALID", Location(column="gap_factor"))
    assert f.evidence == {
        "what": WHAT,
        "record": "gap_factor",
        "column": "gap_factor",
        "value": gap_factor,
        "detail": "须 ≥ 0 / must be ≥ 0",
    }


@pytest.mark.parametrize("floor", [-0.1, 1.0, math.nan])
def test_a_floor_outside_zero_to_one_is_refused(floor: float) -> None:
    (f,) = _refused(COMPOSITE, 1.0, "composite_index", indicators=INDICATORS, floor=floor)
    assert (f.code, f.location) == ("E_POLLUTANT_VALUE_INVALID", Location(column="floor"))
    assert {k: v for k, v in f.evidence.items() if k != "value"} == {
        "what": WHAT,
        "record": "floor",
        "column": "floor",
        "detail": "须在 [0, 1) 内 / must be in [0, 1)",
    }


def test_a_floor_just_below_one_is_accepted() -> None:
    # f = 0.99: z' = 0.99 + 0.01 z; x alone: A 0.99, B 1.0 → w = 99, 100 (Σ 199)
    df = COMPOSITE.head(2)
    out, _ = decompose(df, 199.0, "composite_index", indicators=[Indicator("x", 1.0)], floor=0.99)
    _close(out["task"].to_list(), [99.0, 100.0])


def test_the_indicator_settings_are_each_refused_by_name() -> None:
    (f,) = _refused(COMPOSITE, 1.0, "composite_index")
    assert f.evidence == {
        "what": WHAT,
        "record": "indicators",
        "column": "indicators",
        "value": "[]",
        "detail": "至少需要一个指标 / at least one indicator is needed",
    }
    fs = _refused(
        COMPOSITE,
        1.0,
        "composite_index",
        indicators=[Indicator("x", -1.0), Indicator("y", 1.0, "up")],  # type: ignore[arg-type]
    )
    assert [(f.location, f.evidence) for f in fs] == [
        (
            Location(column="weight/direction"),
            {
                "what": WHAT,
                "record": "indicator x",
                "column": "weight/direction",
                "value": "-1.0/benefit",
                "detail": "为负 / negative",
            },
        ),
        (
            Location(column="weight/direction"),
            {
                "what": WHAT,
                "record": "indicator y",
                "column": "weight/direction",
                "value": "1.0/up",
                "detail": "direction: benefit | cost",
            },
        ),
    ]
    (f,) = _refused(COMPOSITE, 1.0, "composite_index", indicators=[Indicator("x", 0.0), Indicator("y", 0.0)])
    assert f.evidence == {
        "what": WHAT,
        "record": "indicators",
        "column": "weight",
        "value": 0,
        "detail": "权重之和须大于 0 / the weights must not all be 0",
    }


def test_a_zero_weight_indicator_beside_a_weighted_one_is_accepted() -> None:
    # y weighs 0: the index is x alone (0, 1, 0.5) → w = 0, 100, 100 → T = 10 split 0, 5, 5
    out, _ = decompose(
        COMPOSITE, 10.0, "composite_index", indicators=[Indicator("x", 2.0), Indicator("y", 0.0)]
    )
    _close(out["task"].to_list(), [0.0, 5.0, 5.0])


def test_no_weight_anywhere_is_refused_with_the_method_and_the_total() -> None:
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [0.0, 0.0]})
    (f,) = _refused(df, 40.0)
    assert (f.code, f.location) == ("E_DECOMPOSITION_NO_WEIGHT", None)
    assert f.evidence == {"method": "按基数比例 / base-proportional", "total": "40"}
    assert (
        f.message_en
        == "decomposition by 'base-proportional': every region's weight is 0, the task of 40 t cannot be shared"
    )
    # no region at all
    (f,) = _refused(df.head(0), 12.5, "burden_weighted", gap_column="base_emissions")
    assert f.evidence == {
        "method": "按治理任务（质量差距）加权 / burden-weighted by the quality gap",
        "total": "12.5",
    }
