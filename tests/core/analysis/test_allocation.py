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


# --- ZSG-DEA with several inputs and outputs (linear programmes) -------------------------------------------------

FIVE = pl.DataFrame({"region_code": ["A", "B", "C", "D", "E"], "energy_0": [120.0, 80.0, 300.0, 45.0, 210.0],
                     "gdp_0": [100.0, 400.0, 350.0, 90.0, 500.0], "gdp_t": [140.0, 520.0, 420.0, 130.0, 610.0]})


@pytest.mark.parametrize("regions", [TWO, FIVE], ids=["two", "five"])
def test_zsg_dea_linear_programme_reproduces_the_closed_form(regions: pl.DataFrame) -> None:
    # One input, one output: the CCR programme's θ equals (y/x)/max(y/x), so both paths give the same allocation.
    closed = al.allocate_zsg_dea(regions, 0.135, solver="closed_form")
    lp = al.allocate_zsg_dea(regions, 0.135, solver="lp")
    for col in ("efficiency", "energy_t", "basic_target", "incentive_target"):
        assert lp.regions[col].to_list() == pytest.approx(closed.regions[col].to_list(), abs=1e-9, rel=0)
    # and the default (auto) is the closed form for one input and one output
    assert al.allocate_zsg_dea(regions, 0.135).regions["basic_target"].to_list() == closed.regions[
        "basic_target"].to_list()


def test_ccr_two_inputs_hand_case() -> None:
    # Input-oriented CCR, envelopment form (Charnes, Cooper & Rhodes 1978; Lins et al. 2003 eq. (1) with radial
    # input contraction). Three DMUs, one unit of output each, inputs (energy, capital): A (2, 4), B (4, 2), C (4, 4).
    # A and B are extreme points of the input frontier: θ = 1. For C: min θ s.t. 2λA + 4λB + 4λC ≤ 4θ,
    # 4λA + 2λB + 4λC ≤ 4θ, λA + λB + λC ≥ 1. λA = λB = ½ gives the point (3, 3) = 0.75·(4, 4), so θ ≤ 0.75; the
    # multiplier form proves it optimal: v = (⅛, ⅛) with v·x_C = 1, u = 0.75 satisfies u ≤ v·x_A = 0.75 and
    # u ≤ v·x_B = 0.75, so θ_C = u·y_C = 0.75.
    assert al.ccr_efficiency([[2, 4], [4, 2], [4, 4]], [[1], [1], [1]]) == pytest.approx([1, 1, 0.75], abs=1e-9)


def test_ccr_two_outputs_hand_case() -> None:
    # One input (1 each) and two outputs: A (4, 1), B (1, 4), C (2, 2). The output frontier of one unit of input is
    # the segment A-B, y1 + y2 = 5; C's ray meets it at (2.5, 2.5), so θ_C = 2/2.5 = 0.8 (λA = λB = 0.4 produce
    # (2, 2) with input 0.8). Multiplier check: v = 1, u = (0.2, 0.2) gives u·y_A = u·y_B = 1 ≤ v·x and
    # u·y_C = 0.8, so the dual bound meets the primal one: θ_C = 0.8.
    assert al.ccr_efficiency([[1], [1], [1]], [[4, 1], [1, 4], [2, 2]]) == pytest.approx([1, 1, 0.8], abs=1e-9)


THREE = pl.DataFrame({"region_code": ["A", "B", "C"], "energy_0": [100.0, 100.0, 100.0],
                      "gdp_0": [400.0, 100.0, 200.0], "gdp_t": [400.0, 100.0, 200.0],
                      "jobs": [100.0, 400.0, 200.0], "capital": [400.0, 200.0, 400.0]})


def test_zsg_dea_two_outputs_hand_case() -> None:
    # Outputs GDP and jobs per 100 tce: A (4, 1), B (1, 4), C (2, 2) → θ = 1, 1, 0.8 (test above). GDP does not
    # grow, so the energy total for a 10 % cut is X = 0.9·300 = 270 tce and the first allocation 90 tce each.
    # Proportional reduction (Lins et al. 2003): C cuts to 90·0.8 = 72, the 18 tce freed is shared by rescaling
    # (90, 90, 72) to 270: A = B = 270·90/252 = 96.428571…, C = 270·72/252 = 77.142857…. One input: rescaling every
    # region's input by one factor keeps everyone on the frontier, so this is the end. Targets t = 1 − x/100:
    # A = B = 1 − 270/280 = 1/28 (3.57 %), C = 1 − 270·0.8/280 = 8/35 (22.86 %).
    res = al.allocate_zsg_dea(THREE, 0.10, outputs=["gdp", "jobs"])
    out = {r["region_code"]: r for r in res.regions.iter_rows(named=True)}
    assert [out[k]["efficiency"] for k in "ABC"] == pytest.approx([1, 1, 0.8], abs=1e-9)
    assert [out[k]["energy_t"] for k in "ABC"] == pytest.approx([2700 / 28, 2700 / 28, 270 * 0.8 / 2.8], abs=1e-7)
    assert [out[k]["basic_target"] for k in "ABC"] == pytest.approx([1 / 28, 1 / 28, 8 / 35], abs=1e-9)
    assert res.parameter == 2 and res.ok and abs(res.aggregate_basic - 0.10) <= 1e-9
    assert "jobs" in res.notes[-1][1] and "HiGHS" in res.notes[-1][1]


def test_zsg_dea_two_inputs_hand_case() -> None:
    # Inputs energy and capital per unit of GDP (GDP 400, 100, 200): A (0.25, 1), B (1, 2), C (0.5, 2).
    # Scaled by GDP these are the rays; CCR θ at the start: A is efficient (least of both per GDP: A dominates C
    # in capital per GDP 1 < 2 and energy 0.25 < 0.5, and B in both), so θ_B and θ_C come from A alone:
    # θ_B = max over inputs of (A's input per GDP / B's) = max(0.25/1, 1/2) = 0.5, θ_C = max(0.25/0.5, 1/2) = 0.5
    # (with one efficient peer and one output the envelopment LP gives λ_A = y_o/y_A and θ = max_i λ_A x_iA/x_io).
    res = al.allocate_zsg_dea(THREE, 0.10, inputs=["energy", "capital"])
    out = {r["region_code"]: r for r in res.regions.iter_rows(named=True)}
    assert [out[k]["efficiency"] for k in "ABC"] == pytest.approx([1, 0.5, 0.5], abs=1e-9)
    # The end: total energy conserved at 270 tce, every region efficient with the final energies, A gains.
    energy = [out[k]["energy_t"] for k in "ABC"]
    assert math.fsum(energy) == pytest.approx(270, rel=1e-12)
    final = al.ccr_efficiency([[e, c] for e, c in zip(energy, [400, 200, 400], strict=True)],
                              [[400], [100], [200]])
    assert min(final) >= 1 - 1e-9
    assert out["A"]["basic_target"] < 0.10 < out["C"]["basic_target"] and res.ok


def test_zsg_dea_degenerate_inputs_give_findings() -> None:
    zero = THREE.with_columns(pl.Series("capital", [400.0, 0.0, 400.0]))
    with pytest.raises(FindingsError) as err:
        al.allocate_zsg_dea(zero, 0.1, inputs=["energy", "capital"])
    f = err.value.findings[0]
    assert f.code == "E_ALLOCATION_INPUT" and "B" in f.message_en and "capital" in f.message_en
    with pytest.raises(FindingsError) as err:  # a column the file does not have
        al.allocate_zsg_dea(THREE, 0.1, inputs=["energy", "labour"])
    assert "labour" in err.value.findings[0].message_en
    with pytest.raises(FindingsError) as err:  # the allocated input must be among the inputs
        al.allocate_zsg_dea(THREE, 0.1, inputs=["capital"])
    assert "energy" in err.value.findings[0].message_en
    with pytest.raises(FindingsError) as err:
        al.allocate_zsg_dea(THREE, 0.1, inputs=["energy", "capital"], solver="closed_form")
    assert err.value.findings[0].code == "E_ALLOCATION_INPUT"
    with pytest.raises(FindingsError) as err:  # a case that needs two rounds, allowed one
        al.allocate_zsg_dea(THREE, 0.1, outputs=["gdp", "jobs"], max_iterations=1)
    assert err.value.findings[0].code == "E_ZSG_DEA_FAILED" and "0.800000" in err.value.findings[0].message_en


def test_zsg_dea_all_regions_alike_is_a_warning_not_nan() -> None:
    # Every region with the same inputs per output: all CCR-efficient at the start, nothing moves, every target is
    # the national one (here GDP grows alike, so x_i = 0.9·E0_i·1.2 and t_i = 10 %).
    same = pl.DataFrame({"region_code": ["A", "B", "C"], "energy_0": [10.0, 20.0, 30.0], "gdp_0": [1.0, 2.0, 3.0],
                         "gdp_t": [1.2, 2.4, 3.6], "capital": [5.0, 10.0, 15.0]})
    res = al.allocate_zsg_dea(same, 0.1, inputs=["energy", "capital"])
    assert res.regions["basic_target"].to_list() == pytest.approx([0.1] * 3, abs=1e-12)
    assert [f.code for f in res.findings] == ["W_ZSG_DEA_ALL_EFFICIENT"]
    assert "national target 10.00%" in res.findings[0].message_en


def test_zsg_dea_solver_failure_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    import scipy.optimize

    class Failed:
        status, x, message = 2, None, "The problem is infeasible."

    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: Failed())
    with pytest.raises(FindingsError) as err:
        al.allocate_zsg_dea(THREE, 0.1, inputs=["energy", "capital"])
    f = err.value.findings[0]
    assert f.code == "E_ZSG_DEA_FAILED" and "infeasible" in f.message_en and "region 1" in f.message_en


dea_region = st.tuples(st.floats(min_value=10, max_value=1e4), st.floats(min_value=10, max_value=1e4),
                       st.floats(min_value=1.0, max_value=1.5), st.floats(min_value=1, max_value=1e3),
                       st.floats(min_value=1, max_value=1e3))


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(dea_region, min_size=2, max_size=7), national=st.floats(min_value=-0.1, max_value=0.3),
       two_outputs=st.booleans())
def test_property_multi_input_zsg_dea_meets_the_aggregate_and_conserves_energy(
        rows: list[tuple[float, float, float, float, float]], national: float, two_outputs: bool) -> None:
    df = pl.DataFrame({"region_code": [f"R{i}" for i in range(len(rows))], "energy_0": [r[0] for r in rows],
                       "gdp_0": [r[1] for r in rows], "gdp_t": [r[1] * r[2] for r in rows],
                       "capital": [r[3] for r in rows], "jobs": [r[4] for r in rows]})
    res = al.allocate_zsg_dea(df, national, inputs=["energy", "capital"],
                              outputs=["gdp", "jobs"] if two_outputs else ["gdp"])
    recomputed = al.aggregate(df["energy_0"].to_list(), df["gdp_0"].to_list(), df["gdp_t"].to_list(),
                              res.regions["basic_target"].to_list())
    assert abs(recomputed - national) <= 1e-9
    total = (1 - national) * df["energy_0"].sum() / df["gdp_0"].sum() * df["gdp_t"].sum()
    assert math.fsum(res.regions["energy_t"].to_list()) == pytest.approx(total, rel=1e-12)
    assert all(math.isfinite(t) for t in res.regions["basic_target"].to_list())


# Captured from the property test above (hypothesis draw, two outputs): (energy_0, gdp_0, growth, capital, jobs).
# R1 and R2 have R3's GDP, capital and jobs but 100 times its energy; R0 = R4 is the capital-light region.
SLOW_ROWS = [(5604.69800994849, 2938.596630309639, 1.2278870865112637, 1.1, 593.9486401262786),
             (1000.0, 1000.0, 1.0, 352.524797697761, 903.9403018133951),
             (1000.0, 1000.0, 1.0, 352.524797697761, 903.9403018133951),
             (10.0, 1000.0, 1.0, 352.524797697761, 903.9403018133951),
             (5604.69800994849, 2938.596630309639, 1.2278870865112637, 1.1, 593.9486401262786)]
SLOW_NATIONAL = 0.23744324262168767


def _dea_frame(rows: list[tuple[float, float, float, float, float]]) -> pl.DataFrame:
    return pl.DataFrame({"region_code": [f"R{i}" for i in range(len(rows))], "energy_0": [r[0] for r in rows],
                         "gdp_0": [r[1] for r in rows], "gdp_t": [r[1] * r[2] for r in rows],
                         "capital": [r[3] for r in rows], "jobs": [r[4] for r in rows]})


def test_zsg_dea_slow_proportional_rounds_regression() -> None:
    # Regression (E_ZSG_DEA_FAILED at random in CI): the proportional cuts x ← x·θ converge only linearly; R1's and
    # R2's radial projections lean on the capital-light R0, so each round removes about 1/200 of their excess
    # energy and after 1000 rounds θ was still 0.999411. The end point of those cuts is R1 and R2 at R3's energy
    # (energy-only efficiency φ = 10/1000 = 0.01: R3 makes the same outputs with the same capital), R0, R3, R4
    # untouched, all rescaled to the fixed total X: found in one cutting round and one checking round.
    df = _dea_frame(SLOW_ROWS)
    res = al.allocate_zsg_dea(df, SLOW_NATIONAL, inputs=["energy", "capital"], outputs=["gdp", "jobs"])
    e0, g0, gt = (df[c].to_list() for c in ("energy_0", "gdp_0", "gdp_t"))
    total = (1 - SLOW_NATIONAL) * math.fsum(e0) / math.fsum(g0) * math.fsum(gt)
    cut = [e / a * b for e, a, b in zip(e0, g0, gt, strict=True)]
    cut[1] = cut[2] = cut[3]
    expected = [total * v / math.fsum(cut) for v in cut]
    energy = res.regions["energy_t"].to_list()
    assert energy == pytest.approx(expected, rel=1e-9)
    assert math.fsum(energy) == pytest.approx(total, rel=1e-12)
    assert abs(res.aggregate_basic - SLOW_NATIONAL) <= 1e-9 and res.parameter == 2 and res.ok
    table = [[e, c] for e, c in zip(energy, df["capital"].to_list(), strict=True)]
    outputs = [[g, j] for g, j in zip(gt, df["jobs"].to_list(), strict=True)]
    assert min(al.ccr_efficiency(table, outputs)) >= 1 - al.DEA_TOLERANCE


def test_zsg_dea_reaches_the_end_point_not_just_the_tolerance() -> None:
    # Captured (hypothesis draw, two outputs): the proportional rounds stopped after 13 rounds with every θ ≥ 1 − 10⁻⁹
    # while R6 could still cut 0.09 % of its energy with its capital held (φ = 0.99912: it sat just off a facet
    # almost parallel to the energy axis). The end point has no such slack: every energy-only efficiency is 1.
    rows = [(8949.99543062825, 117.73051528680992, 1.2787789066865296, 410.5441229347064, 1.0),
            (5262.932513888113, 5965.329753844834, 1.1916050268620249, 1.5, 169.09949042535195),
            (8342.781700399288, 10.000000000000002, 1.2491895306963536, 836.3218574852739, 224.95136520703196),
            (1000.0, 10000.0, 1.0901745359989299, 294.78655471819815, 322.9130980286339),
            (8949.99543062825, 117.73051528680992, 1.2787789066865296, 410.5441229347064, 1.0),
            (5262.932513888113, 5965.329753844834, 1.1916050268620249, 1.5, 169.09949042535195),
            (7032.772330011871, 8001.856361607813, 1.498560477998259, 328.09818987360717, 529.0458055894651)]
    df = _dea_frame(rows)
    res = al.allocate_zsg_dea(df, 0.12186978006445598, inputs=["energy", "capital"], outputs=["gdp", "jobs"])
    table = [[e, c] for e, c in zip(res.regions["energy_t"].to_list(), df["capital"].to_list(), strict=True)]
    outputs = [[g, j] for g, j in zip(df["gdp_t"].to_list(), df["jobs"].to_list(), strict=True)]
    assert min(al.ccr_efficiency(table, outputs)) >= 1 - al.DEA_TOLERANCE
    assert min(al.ccr_input_efficiency(table, outputs, 0)) >= 1 - al.DEA_TOLERANCE
    assert res.parameter == 2


def test_ccr_input_efficiency_hand_case() -> None:
    # Energy-only efficiency (capital held), one unit of output each: A (2, 4), B (4, 2), C (4, 4), D (8, 2).
    # C: the least energy with capital ≤ 4 is A's 2 → φ = 0.5 (θ_C = 0.75 ≥ φ); D: capital ≤ 2 allows only B → 4/8.
    # D is weakly efficient (θ_D = 1: B needs as much capital) with energy slack, so no proportional cut moves it and
    # allocate_zsg_dea cuts only regions with θ < 1. C cut to (2, 4) is A itself, so its radial θ becomes 1.
    x = [[2, 4], [4, 2], [4, 4], [8, 2]]
    y = [[1], [1], [1], [1]]
    assert al.ccr_input_efficiency(x, y, 0) == pytest.approx([1, 1, 0.5, 0.5], abs=1e-12)
    assert al.ccr_efficiency(x, y) == pytest.approx([1, 1, 0.75, 1], abs=1e-12)
    assert al.ccr_efficiency([[2, 4], [4, 2], [2, 4], [8, 2]], y) == pytest.approx([1] * 4, abs=1e-12)

# --- AHP matrices --------------------------------------------------------------------------------------------------

def test_ahp_three_by_three_hand_case() -> None:
    # a12 = 3, a13 = 5, a23 = 3. For a 3×3 reciprocal matrix λmax = 1 + (a13/(a12·a23))^⅓ + (a12·a23/a13)^⅓ and the
    # principal eigenvector is the normalised row geometric means (Saaty 1980; Crawford & Williams 1985):
    # λmax = 1 + (5/9)^⅓ + (9/5)^⅓ = 3.038511…, rows' geometric means 15^⅓, 1, 15^−⅓ → 0.63699, 0.25828, 0.10473;
    # CI = (λmax − 3)/2 = 0.019256, CR = CI/0.58 = 0.03320 < 0.10.
    lmax_hand = 1 + (5 / 9) ** (1 / 3) + (9 / 5) ** (1 / 3)
    gm = [15 ** (1 / 3), 1.0, 15 ** (-1 / 3)]
    w, lmax, cr = al.ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert lmax == pytest.approx(lmax_hand, abs=1e-12)
    assert w == pytest.approx([g / sum(gm) for g in gm], abs=1e-12)
    assert al.consistency_index(lmax, 3) == pytest.approx((lmax_hand - 3) / 2, abs=1e-12)
    assert cr == pytest.approx((lmax_hand - 3) / 2 / 0.58, abs=1e-12)


def test_saaty_ri_is_reference_data() -> None:
    # Saaty (1980): RI(3) = 0.58, RI(4) = 0.90, RI(5) = 1.12, RI(10) = 1.49.
    ri = al.saaty_ri()
    assert (ri[3], ri[4], ri[5], ri[10]) == (0.58, 0.90, 1.12, 1.49) and max(ri) == 10


def test_ahp_matrix_cells_are_checked_one_by_one() -> None:
    names = ["equity", "efficiency", "potential"]
    m = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 3, 1]]  # row 3, column 2 should be 1/2, not 1/3
    found = al.check_ahp_matrix(m, names, file="ahp.csv")
    assert len(found) == 1
    f = found[0]
    assert f.code == "E_AHP_MATRIX" and f.location is not None
    assert (f.location.file, f.location.row, f.location.column) == ("ahp.csv", 4, "efficiency")
    assert "row 3 (potential), column 2 (efficiency)" in f.message_en and "第 3 行（potential）第 2 列" in f.message_zh
    assert "0.5" in f.message_en
    bad = al.check_ahp_matrix([[1, 0], [-1, 1]], ["a", "b"])
    assert [(g.evidence["row"], g.evidence["column"]) for g in bad] == [(1, 2), (2, 1)]
    assert al.check_ahp_matrix([[1, 12], [1 / 12, 1]], ["a", "b"])[0].evidence["value"] == 12  # beyond 1–9
    assert al.check_ahp_matrix([[2, 1], [1, 1]], ["a", "b"])[0].evidence["row"] == 1  # diagonal not 1
    assert al.check_ahp_matrix([[1, 3], [0.333, 1]], ["a", "b"]) == []  # a rounded 1/3 passes
    assert al.check_ahp_matrix([[1, 2, 3]], ["a", "b", "c"])[0].code == "E_AHP_MATRIX"  # not square


def test_composite_ahp_reports_lambda_max_and_ci() -> None:
    regions = TWO.with_columns(pl.Series("industry_share", [0.3, 0.5]), pl.Series("potential", [2.0, 1.0]))
    inds = [Indicator("gdp_per_capita", 0), Indicator("industry_share", 0), Indicator("potential", 0)]
    res = al.allocate_composite(regions, 0.15, inds, weighting="ahp",
                                ahp_matrix=[[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert res.lambda_max == pytest.approx(1 + (5 / 9) ** (1 / 3) + (9 / 5) ** (1 / 3), abs=1e-12)
    assert res.consistency_index == pytest.approx((res.lambda_max - 3) / 2, abs=1e-12)
    assert res.consistency_ratio == pytest.approx(res.consistency_index / 0.58, abs=1e-12) and res.ok
    assert "λmax = 3.0385" in res.notes[-1][1] and "CI = 0.0193" in res.notes[-1][1]
