"""Decomposing a reduction task among sub-regions: hand cases for each method, refusals, and the properties every
method must keep (the total preserved, nothing negative, a region without base or burden getting what the method
says). 国发〔2021〕33号 四(二); METHODS §3.3.
"""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ecer.core.pollutants.decompose import OUTPUT_COLUMNS, Indicator, class_gap, concentration_gap, decompose
from ecer.findings import FindingsError

# 福建's COD task, 6.86 万吨 = 68 600 t, split among three synthetic cities with base emissions 300 000 / 150 000 /
# 50 000 t (sum 500 000). Water: A meets its class (Ⅲ vs Ⅲ), B is Ⅴ against Ⅲ, C is 劣Ⅴ (6) against Ⅳ.
CITIES = pl.DataFrame(
    {
        "region_code": ["350100", "350200", "350300"],
        "base_emissions": [300_000.0, 150_000.0, 50_000.0],
        "water_class": [3, 5, 6],
        "target_class": [3, 3, 4],
        "gdp_per_capita": [12.0, 8.0, 6.0],
        "industry_share": [0.30, 0.45, 0.40],
    }
).with_columns(gap=class_gap(pl.col("water_class"), pl.col("target_class")))
TASK = 68_600.0


def _tasks(out: pl.DataFrame) -> list[float]:
    return out["task"].to_list()


def test_gaps() -> None:
    assert CITIES["gap"].to_list() == [0.0, 2.0, 2.0]
    assert concentration_gap(52.5, 35) == pytest.approx(0.5)  # PM2.5 52.5 vs 35 μg/m³: 1.5 − 1
    assert concentration_gap(35, 35) == 0.0


def test_base_proportional() -> None:
    # shares 300/500 = 0.6, 0.3, 0.1 → 41 160, 20 580, 6 860 t; every city 68 600/500 000 = 13.72 % of its base
    out, findings = decompose(CITIES, TASK)
    assert out.columns == OUTPUT_COLUMNS and findings == []
    assert _tasks(out) == pytest.approx([41_160.0, 20_580.0, 6_860.0], abs=1e-9)
    assert out["share"].to_list() == pytest.approx([0.6, 0.3, 0.1])
    assert out["task_rate"].to_list() == pytest.approx([0.1372] * 3)
    assert "60%" in out["reason_zh"][0] and "500000 t" in out["reason_en"][0]
    assert out["reason_en"][0].endswith("task 41160 t (13.72% of its base)")
    assert out["reason_zh"][2].endswith("分得任务 6860 t（基年排放量的 13.72%）")


def test_burden_weighted() -> None:
    # λ = 0.5: w = 300 000 × (1 + 0) = 300 000; 150 000 × (1 + 0.5·2) = 300 000; 50 000 × 2 = 100 000; Σ 700 000
    # → 68 600 × 3/7 = 29 400, 29 400, 68 600 × 1/7 = 9 800
    out, _ = decompose(CITIES, TASK, "burden_weighted", gap_factor=0.5)
    assert _tasks(out) == pytest.approx([29_400.0, 29_400.0, 9_800.0], abs=1e-9)
    # the city meeting its class carries relatively less: 9.8 % of its base against 19.6 % for the others
    assert out["task_rate"].to_list() == pytest.approx([0.098, 0.196, 0.196])
    assert "质量达标" in out["reason_zh"][0] and "quality target met" in out["reason_en"][0]
    assert "× (1 + 0.5 × quality gap 2) = 300000" in out["reason_en"][1]


def test_composite_index() -> None:
    # min-max scores: GDP per capita (benefit, 0.5): A 1, B (8−6)/6 = 1/3, C 0;
    # industry share (benefit, 0.3): A 0, B 1, C (0.40−0.30)/0.15 = 2/3; water gap (benefit, 0.2): A 0, B 1, C 1.
    # index A = 0.5; B = 0.5/3 + 0.3 + 0.2 = 0.666667; C = 0.3·2/3 + 0.2 = 0.4
    # weights = base × index: 150 000, 100 000, 20 000 (Σ 270 000) → 68 600 × 5/9, × 10/27, × 2/27
    ind = [Indicator("gdp_per_capita", 0.5), Indicator("industry_share", 0.3), Indicator("gap", 0.2)]
    out, _ = decompose(CITIES, TASK, "composite_index", indicators=ind)
    assert out["index"].to_list() == pytest.approx([0.5, 2 / 3, 0.4])
    assert _tasks(out) == pytest.approx([38_111.111111, 25_407.407407, 5_081.481481], abs=1e-6)
    assert "gdp_per_capita 1×0.5" in out["reason_en"][0]
    # weights are normalised: 5 : 3 : 2 gives the same split
    ind2 = [Indicator("gdp_per_capita", 5), Indicator("industry_share", 3), Indicator("gap", 2)]
    assert _tasks(decompose(CITIES, TASK, "composite_index", indicators=ind2)[0]) == pytest.approx(
        _tasks(out)
    )


def test_composite_index_cost_direction_and_floor() -> None:
    # GDP per capita as a cost (poorer → more task): scores A 0, B 2/3, C 1; weights 0, 100 000, 50 000
    out, _ = decompose(CITIES, 1500, "composite_index", indicators=[Indicator("gdp_per_capita", 1, "cost")])
    assert _tasks(out) == pytest.approx([0.0, 1000.0, 500.0])
    assert "index 0 " in out["reason_en"][0]
    # floor 0.5: scores 0.5, 0.5 + 0.5·2/3 = 5/6, 1 → weights 150 000, 125 000, 50 000 (Σ 325 000)
    out, _ = decompose(
        CITIES, 3250, "composite_index", indicators=[Indicator("gdp_per_capita", 1, "cost")], floor=0.5
    )
    assert _tasks(out) == pytest.approx([1500.0, 1250.0, 500.0])


def test_zero_base_region_gets_nothing() -> None:
    df = CITIES.with_columns(base_emissions=pl.Series([300_000.0, 0.0, 50_000.0]))
    for method in ("base_proportional", "burden_weighted"):
        out, _ = decompose(df, 700, method)
        assert out["task"][1] == 0.0 and out["task_rate"][1] is None
        assert "no base emissions" in out["reason_en"][1]


def test_task_above_base_is_reported() -> None:
    # λ = 10: C's weight 50 000 × 21 = 1 050 000 of Σ 300 000 + 3 150 000 + 1 050 000 = 4 500 000;
    # a task of 400 000 t gives C 93 333 t > its 50 000 t
    out, findings = decompose(CITIES, 400_000, "burden_weighted", gap_factor=10)
    assert out["task"][2] == pytest.approx(400_000 * 1_050_000 / 4_500_000)
    assert [f.code for f in findings] == ["W_DECOMPOSITION_TASK_ABOVE_BASE"] * 2  # B: 280 000 > 150 000 too
    assert "350300" in findings[1].message_en


@pytest.mark.parametrize(
    ("df", "kwargs", "code"),
    [
        (CITIES, {"method": "lottery"}, "E_UNKNOWN_NAME"),
        (CITIES.drop("base_emissions"), {}, "E_POLLUTANT_COLUMN_MISSING"),
        (CITIES.drop("gap"), {"method": "burden_weighted"}, "E_POLLUTANT_COLUMN_MISSING"),
        (CITIES.with_columns(base_emissions=pl.Series([1.0, -2.0, 3.0])), {}, "E_POLLUTANT_VALUE_INVALID"),
        (CITIES.with_columns(base_emissions=pl.Series([1.0, None, 3.0])), {}, "E_POLLUTANT_VALUE_INVALID"),
        (
            CITIES.with_columns(gap=pl.Series([0.0, -1.0, 0.0])),
            {"method": "burden_weighted"},
            "E_POLLUTANT_VALUE_INVALID",
        ),
        (pl.concat([CITIES, CITIES.head(1)]), {}, "E_DUPLICATE_RECORD"),
        (CITIES.with_columns(base_emissions=pl.lit(0.0)), {}, "E_DECOMPOSITION_NO_WEIGHT"),
        (CITIES, {"total": -5.0}, "E_POLLUTANT_VALUE_INVALID"),
        (CITIES, {"method": "burden_weighted", "gap_factor": -1.0}, "E_POLLUTANT_VALUE_INVALID"),
        (CITIES, {"method": "composite_index"}, "E_POLLUTANT_VALUE_INVALID"),  # no indicators
        (
            CITIES,
            {"method": "composite_index", "indicators": [Indicator("gap", 0)]},
            "E_POLLUTANT_VALUE_INVALID",
        ),
        (
            CITIES,
            {"method": "composite_index", "indicators": [Indicator("nope", 1)]},
            "E_POLLUTANT_COLUMN_MISSING",
        ),
    ],
)
def test_refusals(df: pl.DataFrame, kwargs: dict[str, object], code: str) -> None:
    args = {"total": TASK, **kwargs}
    with pytest.raises(FindingsError) as e:
        decompose(df, **args)  # type: ignore[arg-type]
    assert code in {f.code for f in e.value.findings}
    assert all(f.message_zh and f.message_en for f in e.value.findings)


# --- properties ----------------------------------------------------------------------------------------------------


@st.composite
def _regions(draw: st.DrawFn) -> pl.DataFrame:
    n = draw(st.integers(1, 12))
    base = draw(st.lists(st.one_of(st.just(0.0), st.floats(0, 1e7, allow_nan=False)), min_size=n, max_size=n))
    assume(sum(base) > 0)
    gap = draw(st.lists(st.one_of(st.just(0.0), st.floats(0, 5)), min_size=n, max_size=n))
    x = draw(st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n))
    y = draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    return pl.DataFrame(
        {"region_code": [f"R{i}" for i in range(n)], "base_emissions": base, "gap": gap, "x": x, "y": y}
    )


_total = st.floats(0, 1e7, allow_nan=False)
_settings = settings(max_examples=60, deadline=None)


def _keeps_the_total(out: pl.DataFrame, total: float) -> None:
    tasks = out["task"].to_list()
    assert abs(math.fsum(tasks) - total) <= 1e-9 * max(1.0, total)
    assert math.fsum(out["share"].to_list()) == pytest.approx(1.0, abs=1e-9)
    assert all(t >= 0 for t in tasks)
    for r in out.iter_rows(named=True):  # no base, no task
        if r["base_emissions"] == 0:
            assert r["task"] == 0.0
    assert out["reason_zh"].null_count() == 0 and out["reason_en"].str.len_chars().min() > 0  # type: ignore[operator]


@_settings
@given(_regions(), _total)
def test_base_proportional_properties(df: pl.DataFrame, total: float) -> None:
    out, _ = decompose(df, total)
    _keeps_the_total(out, total)
    base = df["base_emissions"].to_list()
    assert out["share"].to_list() == pytest.approx([b / math.fsum(base) for b in base], abs=1e-12)


@_settings
@given(_regions(), _total, st.floats(0, 3))
def test_burden_weighted_properties(df: pl.DataFrame, total: float, lam: float) -> None:
    out, _ = decompose(df, total, "burden_weighted", gap_factor=lam)
    _keeps_the_total(out, total)
    w = [e * (1 + lam * g) for e, g in zip(df["base_emissions"], df["gap"], strict=True)]
    for r, wi in zip(out.iter_rows(named=True), w, strict=True):
        if r["gap"] == 0:  # a region meeting its quality target: its base weight over the weights' total
            assert r["task"] == pytest.approx(total * r["base_emissions"] / math.fsum(w), rel=1e-9, abs=1e-6)
        assert r["weight"] == pytest.approx(wi)
    # λ = 0 is the base-proportional split
    assert _tasks(decompose(df, total, "burden_weighted", gap_factor=0)[0]) == pytest.approx(
        _tasks(decompose(df, total)[0]), rel=1e-9, abs=1e-6
    )


@_settings
@given(_regions(), _total, st.floats(0.01, 1), st.floats(0, 1), st.sampled_from(["benefit", "cost"]))
def test_composite_index_properties(
    df: pl.DataFrame, total: float, wx: float, wy: float, direction: str
) -> None:
    ind = [Indicator("x", wx, direction), Indicator("y", wy)]  # type: ignore[arg-type]
    try:
        out, _ = decompose(df, total, "composite_index", indicators=ind)
    except FindingsError as e:  # only when no region with base emissions has a positive index
        assert [f.code for f in e.findings] == ["E_DECOMPOSITION_NO_WEIGHT"]
        return
    _keeps_the_total(out, total)
    assert all(0 <= i <= 1 + 1e-12 for i in out["index"].to_list())
    for r in out.iter_rows(named=True):  # a region with index 0 carries no task
        if r["index"] == 0:
            assert r["task"] == 0.0


@_settings
@given(_regions(), _total)
def test_a_constant_indicator_is_the_base_split(df: pl.DataFrame, total: float) -> None:
    out, _ = decompose(
        df.with_columns(c=pl.lit(7.0)), total, "composite_index", indicators=[Indicator("c", 1)]
    )
    assert _tasks(out) == pytest.approx(_tasks(decompose(df, total)[0]), rel=1e-9, abs=1e-6)


# --- what a refusal says (mutation sample 20261213: the messages' fields) ----------------------------------------


def test_a_refused_value_names_the_region_the_column_and_why() -> None:
    # 350200's base −2.0 t: E_POLLUTANT_VALUE_INVALID with what = 任务分解, record = the region code,
    # column = base_emissions, value −2.0, detail 为负 (not ≥ 0); read off the template of findings.py
    df = CITIES.with_columns(base_emissions=pl.Series([1.0, -2.0, 3.0]))
    with pytest.raises(FindingsError) as e:
        decompose(df, TASK)
    (f,) = e.value.findings
    assert f.message_en == (
        "task decomposition: 'base_emissions' of 350200 is -2.0, which is invalid: negative"
    )
    assert f.message_zh == "减排任务分解：350200 的“base_emissions”值 -2.0 无效：为负"
    assert f.location is not None and f.location.column == "base_emissions"


def test_a_region_given_twice_names_the_first_row() -> None:
    # rows 1–3 are CITIES, row 4 repeats 350100 (row 1): "region_code 350100 appears twice (also on row 1)"
    with pytest.raises(FindingsError) as e:
        decompose(pl.concat([CITIES, CITIES.head(1)]), TASK)
    (f,) = e.value.findings
    assert f.code == "E_DUPLICATE_RECORD"
    assert f.message_en == "region_code 350100 appears twice (also on row 1)"
    assert f.location is not None and (f.location.row, f.location.column) == (4, "region_code")


def test_an_indicator_with_an_unknown_direction_is_named() -> None:
    # Indicator("gap", 1, "sideways"): record "indicator gap", column "weight/direction", value "1/sideways"
    with pytest.raises(FindingsError) as e:
        decompose(CITIES, TASK, "composite_index", indicators=[Indicator("gap", 1, "sideways")])  # type: ignore[arg-type]
    (f,) = e.value.findings
    assert f.message_en == (
        "task decomposition: 'weight/direction' of indicator gap is 1/sideways, which is invalid: "
        "direction: benefit | cost"
    )


def test_a_negative_total_and_a_base_that_is_not_a_number_are_named() -> None:
    # total −5 t: record and column "total"; 350300's base NaN: "not a finite number"
    df = CITIES.with_columns(base_emissions=pl.Series([1.0, 2.0, math.nan]))
    with pytest.raises(FindingsError) as e:
        decompose(df, -5.0)
    assert [f.message_en for f in e.value.findings] == [
        "task decomposition: 'total' of total is -5.0, which is invalid: negative",
        "task decomposition: 'base_emissions' of 350300 is nan, which is invalid: not a finite number",
    ]


def test_a_floor_of_one_is_refused() -> None:
    # f must be in [0, 1): f = 1 would give every region the index 1 whatever its indicators
    with pytest.raises(FindingsError) as e:
        decompose(CITIES, TASK, "composite_index", indicators=[Indicator("gap", 1)], floor=1.0)
    (f,) = e.value.findings
    assert f.message_en == "task decomposition: 'floor' of floor is 1.0, which is invalid: must be in [0, 1)"


def test_a_task_equal_to_the_base_is_not_above_it_and_a_bad_gap_factor_is_named() -> None:
    # T = Σ E = 500 000 t by base: every region's task is its whole base (300 000, 150 000, 50 000) — not above it
    out, findings = decompose(CITIES, 500_000)
    assert _tasks(out) == [300_000.0, 150_000.0, 50_000.0] and findings == []
    with pytest.raises(FindingsError) as e:
        decompose(CITIES, TASK, "burden_weighted", gap_factor=-1.0)
    assert e.value.findings[0].message_en == (
        "task decomposition: 'gap_factor' of gap_factor is -1.0, which is invalid: must be ≥ 0"
    )


def test_the_composite_reason_lists_each_indicator_score_times_its_weight() -> None:
    """Two indicators, weights 3 and 1 → normalised 0.75 and 0.25 (floor 0): x (benefit) 1, 3 → scores 0, 1;
    y is 5 in both regions → scores 1, 1 (no discrimination). Index A = 0.75·0 + 0.25·1 = 0.25, B = 1; weights
    300 × 0.25 = 75 and 100 × 1 = 100 (Σ 175); tasks 40 × 75/175 = 17.1429 t and 40 × 100/175 = 22.8571 t."""
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "x": [1.0, 3.0], "y": [5.0, 5.0]})
    out, _ = decompose(df, 40, "composite_index", indicators=[Indicator("x", 3, "benefit"), Indicator("y", 1, "cost")])
    assert out["index"].to_list() == [0.25, 1.0]
    assert out["task"].to_list() == pytest.approx([40 * 75 / 175, 40 * 100 / 175])
    assert out["reason_en"].to_list()[0] == (
        "composite index: index 0.25 (x 0×0.75 + y 1×0.25); weight = base 300 t × index = 75, 42.86% of the "
        "weights' total 175; task 17.1429 t (5.714% of its base)")
    assert out["reason_zh"].to_list()[1] == (
        "按综合指数：指数 1（x 1×0.75 + y 1×0.25），权重 = 基年排放量 100 t × 指数 = 100，占权重合计 175 的 57.14%；"
        "分得任务 22.8571 t（基年排放量的 22.86%）")
