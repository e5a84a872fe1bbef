"""Details of LMDI series and target allocation that no test read (issue 5 §3.3, mutation sample 20261217).

Hand values in the comments; the LMDI hand case is the HAND frame of tests/core/analysis/test_lmdi.py (V 150 → 175,
METHODS: Ang 2015), the allocation case the TWO frame of tests/core/analysis/test_allocation.py.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.analysis import allocation as al
from ecer.core.analysis import lmdi
from ecer.findings import FindingsError
from tests.core.analysis.test_allocation import TWO
from tests.core.analysis.test_lmdi import HAND


def test_an_unknown_series_basis_lists_the_known_ones() -> None:
    with pytest.raises(FindingsError) as e:
        lmdi.decompose_series(lmdi.energy_frame(HAND), lmdi.ENERGY, [2015, 2020], basis="rolling")
    f = e.value.findings[0]
    assert f.code == "E_UNKNOWN_NAME"
    assert f.evidence == {"kind": "时间序列方式 / series basis", "value": "rolling", "valid": "chained, fixed"}


def test_two_periods_are_one_step_and_say_so() -> None:
    s = lmdi.decompose_series(lmdi.energy_frame(HAND), lmdi.ENERGY, [2015, 2020])
    assert (s.label_zh, s.label_en) == ("两期一次分解", "one step between the two periods")
    assert len(s.steps) == 1 and math.fsum(s.cumulative.values()) == pytest.approx(25, rel=1e-12)  # 175 − 150


def test_a_chained_multiplicative_series_multiplies_to_the_total_ratio() -> None:
    # HAND through 2017 (A 60 tce / 20, B 150 tce / 300): V 150 → 210 → 175. Chained multiplicative effects are the
    # products of the steps' ratios, and their product is the total ratio 175/150 = 7/6 (perfect in logs)
    mid = pl.DataFrame({"period": ["2017", "2017"], "sector": ["A", "B"], "energy": [60.0, 150.0],
                        "value_added": [20.0, 300.0]})
    s = lmdi.decompose_series(lmdi.energy_frame(pl.concat([HAND, mid])), lmdi.ENERGY, [2015, 2017, 2020],
                              form="multiplicative")
    assert math.prod(s.cumulative.values()) == pytest.approx(7 / 6, rel=1e-12)
    assert s.check.ok and s.check.total == pytest.approx(7 / 6, rel=1e-15)
    assert [st.start for st in s.steps] == ["2015", "2017"]


def test_a_custom_identity_is_named_by_its_name_unless_given_a_chinese_one() -> None:
    i = lmdi.custom_identity("kaya2", ["pop", "gdp_pc"])
    assert (i.name, i.zh) == ("kaya2", "kaya2")
    assert lmdi.custom_identity("kaya2", ["pop", "gdp_pc"], zh="卡亚").zh == "卡亚"


def test_the_allocation_shows_each_region_s_energy_productivity() -> None:
    # productivity G₀/E₀ × 10⁴: A 100/100 × 10⁴ = 10 000, B 400/100 × 10⁴ = 40 000 (TWO's units)
    res = al.allocate_tiers(TWO, 0.15, tiers=2, gap=0.10, margin=0.02)
    got = dict(res.regions.select("region_code", "productivity").iter_rows())
    assert got == {"A": pytest.approx(1e4), "B": pytest.approx(4e4)}


@pytest.mark.parametrize(("tiers", "gap", "detail"), [
    (0, 0.01, "档数 / tiers 0 ≥ 1, 档差 / gap 0.01 ≥ 0"),
    (2, -0.1, "档数 / tiers 2 ≥ 1, 档差 / gap -0.1 ≥ 0"),
    (2, math.nan, "档数 / tiers 2 ≥ 1, 档差 / gap nan ≥ 0"),
])
def test_bad_tiers_or_gap_are_refused_with_both(tiers: int, gap: float, detail: str) -> None:
    with pytest.raises(FindingsError) as e:
        al.allocate_tiers(TWO, 0.15, tiers=tiers, gap=gap)
    f = e.value.findings[0]
    assert (f.code, f.evidence) == ("E_ALLOCATION_INPUT", {"detail": detail})


def test_a_matrix_that_is_not_square_or_too_large_is_refused() -> None:
    n = max(al.saaty_ri())  # Saaty's RI table (reference table ahp_random_index): orders 1 … 10
    assert n == 10
    for bad, k in (([], 0), ([[1.0, 2.0], [0.5]], 2)):  # empty, ragged
        with pytest.raises(FindingsError) as e:
            al.ahp_weights(bad)
        f = e.value.findings[0]
        assert f.code == "E_AHP_MATRIX"
        assert f.evidence["detail"] == (f"须为方阵，行数与列数都等于指标数 {k} / it must be square, with as many rows "
                                        f"and columns as indicators ({k})")
    with pytest.raises(FindingsError) as e:
        al.ahp_weights([[1.0] * (n + 1)] * (n + 1))  # 11 × 11: beyond the RI table
    assert [(f.code, f.evidence) for f in e.value.findings] == [
        ("E_ALLOCATION_INPUT", {"detail": "AHP 判断矩阵最多 10 阶（RI 表的范围） / the AHP matrix may have order 10 at "
                                          "most (the range of the RI table)"})]


# --- LMDI refusals, every field (the frame is energy_frame(HAND): periods 2015, 2020; sectors A, B) ---

def _lmdi_refusal(fn) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    with pytest.raises(FindingsError) as e:
        fn()
    return [(f.code, f.evidence) for f in e.value.findings]


FR = lmdi.energy_frame(HAND)
NEEDED = "period, sector, activity, structure, intensity"  # the period, ENERGY's category and its three factors


def test_lmdi_input_refusals_name_the_column_the_row_and_the_factor() -> None:
    assert _lmdi_refusal(lambda: lmdi.decompose(FR.drop("intensity"), lmdi.ENERGY, 2015, 2020)) == [
        ("E_LMDI_INPUT", {"detail": f"缺少列 / missing column 'intensity' (需要 / needed: {NEEDED})"})]
    # sector A's activity empty in both periods: one finding each, in row order (2015 before 2020)
    empty_a = FR.with_columns(activity=pl.when(pl.col("sector") == "A").then(None).otherwise(pl.col("activity")))
    assert _lmdi_refusal(lambda: lmdi.decompose(empty_a, lmdi.ENERGY, 2015, 2020)) == [
        ("E_LMDI_INPUT", {"detail": f"period={p}, sector=A: “activity” = None，须为有限数 / must be a finite number"})
        for p in ("2015", "2020")]
    b_2015 = FR.filter((pl.col("sector") == "B") & (pl.col("period") == "2015"))  # energy_frame's rows are unordered
    assert _lmdi_refusal(lambda: lmdi.decompose(pl.concat([FR, b_2015]), lmdi.ENERGY, 2015, 2020)) == [
        ("E_LMDI_INPUT", {"detail": "period=2015, sector=B 重复 / appears 2 times"})]
    assert _lmdi_refusal(lambda: lmdi.decompose(FR, lmdi.ENERGY, 2015, 2020, form="ratio")) == [
        ("E_UNKNOWN_NAME", {"kind": "分解形式 / form", "value": "ratio", "valid": "additive, multiplicative"})]


def test_lmdi_pair_refusals() -> None:
    no_b_2020 = FR.filter(~((pl.col("sector") == "B") & (pl.col("period") == "2020")))
    assert _lmdi_refusal(lambda: lmdi.decompose(no_b_2020, lmdi.ENERGY, 2015, 2020)) == [
        ("E_LMDI_INPUT", {"detail": "sector=B 只出现在一个时期；新出现或消失的分项在另一时期填 0 / appears in one period "
                                    "only; give the other period with zeros for a sub-category that appears or vanishes"})]
    # B's intensity 1 → −0.5: the factor and the sector's aggregate V_B (50 → −75) both change sign
    neg = FR.with_columns(intensity=pl.when((pl.col("sector") == "B") & (pl.col("period") == "2020")).then(-0.5)
                          .otherwise(pl.col("intensity")))
    assert _lmdi_refusal(lambda: lmdi.decompose(neg, lmdi.ENERGY, 2015, 2020)) == [
        ("E_LMDI_SIGN_CHANGE", {"record": "sector=B", "factor": "intensity", "start": "2015", "end": "2020",
                                "v0": "1", "vt": "-0.5"}),
        ("E_LMDI_SIGN_CHANGE", {"record": "sector=B", "factor": "V_i", "start": "2015", "end": "2020",
                                "v0": "50", "vt": "-75"})]
    assert _lmdi_refusal(lambda: lmdi.decompose(FR, lmdi.ENERGY, 2015, 2025)) == [
        ("E_LMDI_PERIOD_MISSING", {"period": "2025", "known": "2015, 2020"})]


def test_lmdi_identity_without_categories_and_a_zero_aggregate() -> None:
    two = lmdi.custom_identity("two", ["a", "b"])
    twice = pl.DataFrame({"period": ["1", "1", "2"], "a": [1.0, 2.0, 3.0], "b": [1.0, 1.0, 1.0]})
    assert _lmdi_refusal(lambda: lmdi.decompose(twice, two, 1, 2)) == [
        ("E_LMDI_INPUT", {"detail": "period=1 重复 / appears 2 times"})]
    # V = a·b: 0 in period 1, 3 in period 2 — a ratio 3/0 has no logarithm
    zero = pl.DataFrame({"period": ["1", "2"], "a": [0.0, 3.0], "b": [1.0, 1.0]})
    assert _lmdi_refusal(lambda: lmdi.decompose(zero, two, 1, 2, form="multiplicative")) == [
        ("E_LMDI_AGGREGATE_ZERO", {"identity": "two", "start": "1", "end": "2", "v0": "0", "vt": "3",
                                   "model": "LMDI-I multiplicative"})]
    assert _lmdi_refusal(lambda: lmdi.custom_identity("x", ["a", "a"])) == [
        ("E_LMDI_INPUT", {"detail": "自定义恒等式须有互不相同的因素 / a custom identity needs distinct factors"})]


@pytest.mark.parametrize(("periods", "got"), [([2015], "2015"), ([2015, "2015"], "2015, 2015"), ([], "—")])
def test_a_series_needs_two_distinct_periods(periods: list, got: str) -> None:
    assert _lmdi_refusal(lambda: lmdi.decompose_series(FR, lmdi.ENERGY, periods)) == [
        ("E_LMDI_INPUT", {"detail": "时间序列须有至少两个不同的时期 / a series needs at least two distinct periods "
                                    f"(got {got})"})]


# --- allocation refusals, every field (TWO: A and B; the hand case of tests/core/analysis/test_allocation.py) ---


def _alloc_refusal(fn) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    with pytest.raises(FindingsError) as e:
        fn()
    return [(f.code, f.evidence) for f in e.value.findings]


def test_allocation_inputs_are_refused_with_the_region_and_column() -> None:
    assert _alloc_refusal(lambda: al.allocate_tiers(TWO.drop("gdp_t"), 0.15)) == [
        ("E_ALLOCATION_INPUT", {"detail": "缺少列 / missing column 'gdp_t' (需要 / needed: region_code, energy_0, gdp_0, "
                                          "gdp_t)"})]
    # one region, a national target of 1 (a 100 % cut), A twice, and B's energy 0: every problem is named
    bad = pl.DataFrame({"region_code": ["A", "A", "B"], "energy_0": [100.0, 100.0, 0.0], "gdp_0": [100.0] * 3,
                        "gdp_t": [150.0] * 3})
    assert _alloc_refusal(lambda: al.allocate_tiers(bad, 1.0)) == [
        ("E_ALLOCATION_INPUT", {"detail": "全国目标 / national target 1.0: 须在 −1 与 1 之间 （0.135 表示降低 13.5%） / must "
                                          "lie between −1 and 1 (0.135 = a 13.5 % cut)"}),
        ("E_ALLOCATION_INPUT", {"detail": "A 重复 / appears twice"}),
        ("E_ALLOCATION_INPUT", {"detail": "B 的 “energy_0” = 0.0，须为正的有限数 / 'energy_0' of B is 0.0, it must be a "
                                          "positive finite number"})]
    assert _alloc_refusal(lambda: al.allocate_tiers(TWO.head(1), 0.15)) == [
        ("E_ALLOCATION_INPUT", {"detail": "至少需要两个地区 / at least two regions are needed"})]
    assert _alloc_refusal(lambda: al.allocate(TWO, 0.15, "equal")) == [
        ("E_UNKNOWN_NAME", {"kind": "分配方法 / allocation method", "value": "equal",
                            "valid": "tiers, composite, zsg_dea"})]


def test_an_unreachable_national_target_says_what_the_method_can_reach() -> None:
    # tiers (default 5, here k = 2, gap 1 point), targets held in [−50 %, 60 %]: the highest reachable aggregate is
    # with both at 60 %: E_T = 150 × 0.4 + 200 × 0.4 = 140, A = 1 − 140/380 = 63.16 %; the lowest, both at −50 %:
    # E_T = 150 × 1.5 + 200 × 1.5 = 525, A = 1 − 525/380 = −38.16 % — a 99 % cut is out of reach
    [(code, ev)] = _alloc_refusal(lambda: al.allocate_tiers(TWO, 0.99))
    assert code == "E_ALLOCATION_UNREACHABLE"
    assert ev == {"method": "按能源产出率分档 / tiers", "target": "99.00%", "low": "-50.00%", "high": "60.00%",
                  "reach_low": "-38.16%", "reach_high": "63.16%"}


def test_ahp_refusals_and_an_inconsistent_matrix_by_hand() -> None:
    # a_12 = 2 asks a_21 = 1/2; 2 is written there: the finding names row 2, column 1 and the value it should be
    assert _alloc_refusal(lambda: al.ahp_weights([[1.0, 2.0], [2.0, 1.0]])) == [
        ("E_AHP_MATRIX", {"row": 2, "column": 1, "row_name": "2", "column_name": "1", "value": 2.0,
                          "detail": "与第 1 行第 2 列的 2 不互反（应为 0.5） / it is not the reciprocal of 2 in row 1, "
                                    "column 2 (it should be 0.5)"})]
    # a circular matrix (1 ≻ 3 ≻ 2 ≻ 1, each twice): every row sums to 3.5, so w = ⅓ each, λmax = 3.5,
    # CI = (3.5 − 3)/2 = 0.25, CR = 0.25 / RI(3) 0.58 = 0.431 ≥ 0.10
    circ = [[1.0, 2.0, 0.5], [0.5, 1.0, 2.0], [2.0, 0.5, 1.0]]
    assert _alloc_refusal(lambda: al.ahp_weights(circ)) == [
        ("E_AHP_INCONSISTENT", {"cr": "0.431", "n": 3, "lmax": "3.5000"})]
    # a 2 × 2 matrix is always consistent: CR = 0
    w, lmax, cr = al.ahp_weights([[1.0, 3.0], [1 / 3, 1.0]])
    assert w == pytest.approx([0.75, 0.25]) and lmax == pytest.approx(2.0) and cr == 0.0


def test_composite_refusals() -> None:
    from ecer.core.pollutants.decompose import Indicator

    gdp = [Indicator("gdp_per_capita", 1.0, "benefit")]
    assert _alloc_refusal(lambda: al.allocate_composite(TWO, 0.15, gdp, weighting="delphi")) == [
        ("E_UNKNOWN_NAME", {"kind": "赋权方法 / weighting", "value": "delphi", "valid": "entropy, ahp, user"})]
    assert _alloc_refusal(lambda: al.allocate_composite(TWO, 0.15, [])) == [
        ("E_ALLOCATION_INPUT", {"detail": "综合指数法至少需要一个指标 / the composite index needs an indicator"})]
    assert _alloc_refusal(lambda: al.allocate_composite(TWO, 0.15, gdp, weighting="ahp")) == [
        ("E_ALLOCATION_INPUT", {"detail": "AHP 赋权需要判断矩阵 / AHP weighting needs a comparison matrix"})]
    assert _alloc_refusal(lambda: al.allocate_composite(TWO, 0.15, gdp, weighting="ahp",
                                                        ahp_matrix=[[1.0, 1.0], [1.0, 1.0]])) == [
        ("E_ALLOCATION_INPUT", {"detail": "判断矩阵 2 阶，指标 1 个 / the matrix has order 2 for 1 indicators"})]
    assert _alloc_refusal(lambda: al.allocate_composite(TWO, 0.15, [Indicator("gdp_per_capita", 0.0, "benefit")],
                                                        weighting="user")) == [
        ("E_ALLOCATION_INPUT", {"detail": "指标权重须非负且不全为 0 / weights must be ≥ 0, not all 0"})]
    assert _alloc_refusal(lambda: al.entropy_weights([[1.0, 2.0]])) == [
        ("E_ALLOCATION_INPUT", {"detail": "熵权法至少需要两个地区 / entropy weights need at least two regions"})]


# --- LMDI factor frames by hand (METHODS: Ang 2015 Table 1; Kaya 1990) ---


def test_the_co2_frame_by_hand() -> None:
    # 2020: sector S burns coal 30 tce → 80 tCO2 and hydro 10 tce → 0 (value added 100 on each fuel row);
    # sector T coal 20 tce → 50 tCO2 (value added 100). Q = 200; S: E_S = 40, intensity 40/100 = 0.4, mixes
    # 30/40 = 0.75 and 10/40 = 0.25, factors 80/30 and 0/10; T: intensity 20/100 = 0.2, mix 1, factor 50/20 = 2.5
    data = pl.DataFrame({"period": ["2020"] * 3, "sector": ["S", "S", "T"], "fuel": ["coal", "hydro", "coal"],
                         "energy": [30.0, 10.0, 20.0], "co2": [80.0, 0.0, 50.0], "value_added": [100.0] * 3})
    f = lmdi.co2_frame(data)
    assert f.columns == ["period", "sector", "fuel", "activity", "structure", "intensity", "fuel_mix",
                         "emission_factor"]
    assert f.select("sector", "fuel").rows() == [("S", "coal"), ("S", "hydro"), ("T", "coal")]
    assert f["activity"].to_list() == [200.0] * 3 and f["structure"].to_list() == [0.5] * 3
    assert f["intensity"].to_list() == pytest.approx([0.4, 0.4, 0.2])
    assert f["fuel_mix"].to_list() == pytest.approx([0.75, 0.25, 1.0])
    assert f["emission_factor"].to_list() == pytest.approx([80 / 30, 0.0, 2.5])
    # the product of the factors is each fuel's CO2: 200 × 0.5 × 0.4 × 0.75 × 80/30 = 80
    assert math.prod(f.row(0)[3:]) == pytest.approx(80.0)
    assert _lmdi_refusal(lambda: lmdi.co2_frame(data.drop("fuel", "co2"))) == [
        ("E_LMDI_INPUT", {"detail": "缺少列 / missing column 'fuel'"}),
        ("E_LMDI_INPUT", {"detail": "缺少列 / missing column 'co2'"})]


def test_the_kaya_and_intensity_frames_by_hand() -> None:
    # P 2, G 10, E 5, C 15: affluence G/P = 5, energy intensity E/G = 0.5, carbon intensity C/E = 3
    k = lmdi.kaya_frame(pl.DataFrame({"period": [2020], "population": [2], "gdp": [10.0], "energy": [5.0],
                                      "co2": [15.0]}))
    assert k.rows() == [("2020", 2.0, 5.0, 0.5, 3.0)]
    assert k.columns == ["period", "population", "affluence", "energy_intensity", "carbon_intensity"]
    assert _lmdi_refusal(lambda: lmdi.kaya_frame(pl.DataFrame({"period": [2020], "gdp": [1.0], "energy": [1.0]}))) == [
        ("E_LMDI_INPUT", {"detail": "缺少列 / missing column 'population'"}),
        ("E_LMDI_INPUT", {"detail": "缺少列 / missing column 'co2'"})]
    i = lmdi.intensity_frame(HAND)
    assert i.columns == ["period", "sector", "structure", "intensity"]
    assert _lmdi_refusal(lambda: lmdi.energy_frame(HAND.drop("value_added"))) == [
        ("E_LMDI_INPUT", {"detail": "缺少列 / missing column 'value_added'"})]
    assert _lmdi_refusal(lambda: lmdi.energy_frame(HAND.with_columns(energy=pl.lit(-1.0)))) == [
        ("E_LMDI_INPUT", {"detail": "值 / value -1.0: 须为非负有限数 / must be a finite number ≥ 0"})]
