"""Target allocation (ecer.core.analysis.allocation): hand-worked cases, the aggregate check, entropy and AHP
weights, ZSG-DEA, and the properties of issue 9 §2."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer.core.analysis import allocation as al
from ecer.core.pollutants.decompose import Indicator
from ecer.findings import FindingsError

# Hand case. A: E0 = 100 tce, G0 = 100, GT = 150 (productivity 1); B: E0 = 100, G0 = 400, GT = 800 (productivity 4).
# National intensity I0 = 200/500 = 0.4. With targets t_A, t_B: E_T = 150(1 − t_A) + 0.25·800(1 − t_B),
# ΣG_T = 950, A = 1 − E_T/(950·0.4) = 1 − E_T/380. A 15 % national cut needs E_T = 0.85·380 = 323 tce.
TWO = pl.DataFrame({"region_code": ["A", "B"], "energy_0": [100.0, 100.0], "gdp_0": [100.0, 400.0],
                    "gdp_t": [150.0, 800.0], "gdp_per_capita": [9.0, 3.0]})


def test_aggregate_is_not_the_mean_of_targets() -> None:
    # t = 20 %, 10 %: E_T = 120 + 180 = 300, A = 1 − 300/380 = 0.210526…, not the mean 15 %.
    assert al.aggregate([100, 100], [100, 400], [150, 800], [0.2, 0.1]) == pytest.approx(1 - 300 / 380, rel=1e-14)


def test_tiers_hand_case() -> None:
    # Two tiers, gap 10 points: B (more productive) gets s, A gets s + 0.1.
    # E_T = 150(0.9 − s) + 200(1 − s) = 335 − 350 s = 323 → s = 12/350 = 0.0342857…
    res = al.allocate_tiers(TWO, 0.15, tiers=2, gap=0.10, margin=0.02)
    out = {r["region_code"]: r for r in res.regions.iter_rows(named=True)}
    assert out["B"]["basic_target"] == pytest.approx(12 / 350, abs=1e-12)
    assert out["A"]["basic_target"] == pytest.approx(12 / 350 + 0.1, abs=1e-12)
    assert (out["B"]["tier"], out["A"]["tier"]) == (1, 2)
    assert out["A"]["incentive_target"] == pytest.approx(out["A"]["basic_target"] + 0.02)
    assert res.aggregate_basic == pytest.approx(0.15, abs=1e-12) and res.ok
    assert out["A"]["energy_t"] + out["B"]["energy_t"] == pytest.approx(323)
    # the mean of the targets (8.43 %) is far from the national 15 %
    assert res.regions["basic_target"].mean() == pytest.approx(12 / 350 + 0.05)
    assert "tier 2 of 2" in out["A"]["reason_en"] and "第 2 档" in out["A"]["reason_zh"]
    assert res.aggregate_incentive > res.aggregate_basic


def test_composite_hand_case_user_weights() -> None:
    # One benefit indicator (GDP per capita: A 9, B 3) → scores 1, 0; floor 0.1 → index 1.0, 0.1, mean 0.55.
    # t = c·I/0.55: E_T = 150(1 − c/0.55) + 200(1 − 0.1c/0.55) = 350 − 170c/0.55 = 323 → c = 27·0.55/170,
    # t_A = 27/170 = 0.158823…, t_B = 2.7/170.
    res = al.allocate_composite(TWO, 0.15, [Indicator("gdp_per_capita", 1.0)], weighting="user")
    t = dict(zip(res.regions["region_code"], res.regions["basic_target"], strict=True))
    assert t["A"] == pytest.approx(27 / 170, abs=1e-12) and t["B"] == pytest.approx(2.7 / 170, abs=1e-12)
    assert res.ok and res.weights == {"gdp_per_capita": 1.0}


def test_zsg_dea_hand_case() -> None:
    # ΣE_T fixed at 323 tce, shared in proportion to the output GT (one input, one output: METHODS §2.2, the final
    # allocation is X_total·y_i/Σy): A 323·150/950 = 51, B 323·800/950 = 272 tce; both end at intensity 0.34.
    # t_A = 1 − 0.34/1 = 66 %, t_B = 1 − 0.34/0.25 = −36 % (B may raise its intensity).
    res = al.allocate_zsg_dea(TWO, 0.15)
    out = {r["region_code"]: r for r in res.regions.iter_rows(named=True)}
    assert out["A"]["energy_t"] == pytest.approx(51) and out["B"]["energy_t"] == pytest.approx(272)
    assert out["A"]["basic_target"] == pytest.approx(0.66) and out["B"]["basic_target"] == pytest.approx(-0.36)
    # initial CCR efficiencies at the current intensities: y/x = 1 and 4 → 0.25 and 1
    assert out["A"]["efficiency"] == pytest.approx(0.25) and out["B"]["efficiency"] == pytest.approx(1.0)
    assert res.ok


def test_entropy_weights_hand_case() -> None:
    # Scores (3 regions × 2 indicators): column 1 = 0, 0.5, 1 → p = 0, 1/3, 2/3,
    # e1 = −(1/ln 3)(⅓ ln ⅓ + ⅔ ln ⅔) (0·ln 0 = 0); column 2 = 1, 0, 0 → p = 1, 0, 0, e2 = 0.
    e1 = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(3)
    w = al.entropy_weights([[0.0, 1.0], [0.5, 0.0], [1.0, 0.0]])
    assert w[0] == pytest.approx((1 - e1) / (2 - e1), rel=1e-12)
    assert w[1] == pytest.approx(1 / (2 - e1), rel=1e-12)
    assert e1 == pytest.approx(0.579380, abs=1e-6)


def test_ahp_weights_and_consistency() -> None:
    w, lmax, cr = al.ahp_weights([[1, 3], [1 / 3, 1]])  # 2×2 is always consistent: 0.75, 0.25
    assert w == pytest.approx([0.75, 0.25]) and lmax == pytest.approx(2) and cr == 0
    with pytest.raises(FindingsError) as err:  # circular judgements: a ≫ b ≫ c ≫ a
        al.ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    f = err.value.findings[0]
    assert f.code == "E_AHP_INCONSISTENT" and "CR" in f.message_zh and "inconsistent" in f.message_en
    with pytest.raises(FindingsError):
        al.ahp_weights([[1, 2], [2, 1]])  # not reciprocal


def test_composite_with_ahp_reports_cr() -> None:
    regions = TWO.with_columns(pl.Series("industry_share", [0.3, 0.5]))
    inds = [Indicator("gdp_per_capita", 0), Indicator("industry_share", 0)]
    res = al.allocate_composite(regions, 0.15, inds, weighting="ahp", ahp_matrix=[[1, 3], [1 / 3, 1]])
    assert res.weights["gdp_per_capita"] == pytest.approx(0.75) and res.consistency_ratio == 0 and res.ok


def test_bad_inputs() -> None:
    with pytest.raises(FindingsError) as err:
        al.allocate(TWO, 0.15, "equal")
    assert err.value.findings[0].code == "E_UNKNOWN_NAME"
    with pytest.raises(FindingsError) as err:
        al.allocate_tiers(TWO.with_columns(pl.lit(0.0).alias("energy_0")), 0.15)
    assert err.value.findings[0].code == "E_ALLOCATION_INPUT"
    with pytest.raises(FindingsError) as err:  # 99 % cut with targets held below 60 %
        al.allocate_tiers(TWO, 0.99)
    assert err.value.findings[0].code == "E_ALLOCATION_UNREACHABLE"


def test_pollutant_task_delegates_to_the_pollutant_decomposition() -> None:
    # base-proportional: 300 : 100 share a 40 t task as 30 and 10 t
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0]})
    out, _ = al.allocate_pollutant_task(df, 40)
    assert out["task"].to_list() == [30.0, 10.0]


region = st.tuples(
    st.floats(min_value=10, max_value=1e5), st.floats(min_value=10, max_value=1e5),
    st.floats(min_value=1.0, max_value=2.0), st.floats(min_value=0, max_value=10),
)


@settings(max_examples=50, deadline=None)
@given(rows=st.lists(region, min_size=2, max_size=8), national=st.floats(min_value=0.0, max_value=0.3),
       method=st.sampled_from(["tiers", "composite", "zsg_dea"]))
def test_property_allocation_meets_its_aggregate(rows: list[tuple[float, float, float, float]], national: float,
                                                 method: str) -> None:
    df = pl.DataFrame({"region_code": [f"R{i}" for i in range(len(rows))], "energy_0": [r[0] for r in rows],
                       "gdp_0": [r[1] for r in rows], "gdp_t": [r[1] * r[2] for r in rows],
                       "x": [r[3] for r in rows]})
    kw = {"indicators": [Indicator("x", 1.0)]} if method == "composite" else {}
    try:
        res = al.allocate(df, national, method, **kw)
    except FindingsError as err:  # only when the bounds make the target unreachable
        assert err.findings[0].code == "E_ALLOCATION_UNREACHABLE"
        return
    recomputed = al.aggregate(df["energy_0"].to_list(), df["gdp_0"].to_list(), df["gdp_t"].to_list(),
                              res.regions["basic_target"].to_list())
    assert abs(recomputed - national) <= 1e-9


scores = st.lists(st.lists(st.floats(min_value=0, max_value=1), min_size=3, max_size=3), min_size=2, max_size=10)


@settings(max_examples=100, deadline=None)
@given(matrix=scores, perm_seed=st.randoms())
def test_property_entropy_weights_sum_to_one_and_ignore_region_order(matrix: list[list[float]],
                                                                     perm_seed: object) -> None:
    w = al.entropy_weights(matrix)
    assert math.fsum(w) == pytest.approx(1.0, abs=1e-12) and all(x >= 0 for x in w)
    shuffled = list(matrix)
    perm_seed.shuffle(shuffled)  # type: ignore[attr-defined]
    assert al.entropy_weights(shuffled) == pytest.approx(w, abs=1e-12)
