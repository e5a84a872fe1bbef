"""LMDI decomposition (ecer.core.analysis.lmdi): hand-worked cases, a published oracle, zero values, sign changes,
path dependence and the perfect-decomposition property."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer.core.analysis import lmdi
from ecer.findings import FindingsError

LN2 = math.log(2)

# Hand-worked two-sector case (energy, tce; value added, 10⁴ CNY):
#            Q_A  E_A   Q_B  E_B     Q    E
#   period 0  50  100    50   50   100  150
#   period T  50  100   150   75   200  175
# Factors: activity Q 100 → 200; structure S_A 0.5 → 0.25, S_B 0.5 → 0.75; intensity I_A 2 → 2, I_B 1 → 0.5.
# Sector A: V_A = 100 in both periods, so L(100, 100) = 100 (L(a,a) = a — the bug METHODS §1.3 finds in PyLMDI
#   would give 0 here and lose A's offsetting effects): activity 100·ln 2, structure 100·ln 0.5 = −100·ln 2,
#   intensity 100·ln 1 = 0.
# Sector B: V_B 50 → 75, L = 25/ln 1.5 = 61.65735…: activity L·ln 2, structure L·ln 1.5 = 25 exactly,
#   intensity L·ln 0.5 = −L·ln 2.
# Totals: activity = 100 ln 2 + L ln 2 = 112.05250…, structure = 25 − 100 ln 2 = −44.31471…,
#   intensity = −L ln 2 = −42.73778…; sum = 25 = 175 − 150.
HAND = pl.DataFrame(
    {
        "period": ["2015", "2015", "2020", "2020"],
        "sector": ["A", "B", "A", "B"],
        "energy": [100.0, 50.0, 100.0, 75.0],
        "value_added": [50.0, 50.0, 50.0, 150.0],
    }
)
L_B = 25 / math.log(1.5)


def test_logmean_limits() -> None:
    assert lmdi.logmean(7.0, 7.0) == 7.0  # L(a,a) = a (Ang 2005)
    assert lmdi.logmean(7.0, 0.0) == 0.0 and lmdi.logmean(0.0, 7.0) == 0.0  # Ang, Zhang & Choi 1998
    assert lmdi.logmean(2.0, 1.0) == pytest.approx(1 / LN2, rel=1e-15)  # (2 − 1)/ln 2
    # L lies between the geometric and arithmetic means (Ang 2005): √(4·9) = 6 < L(4, 9) < 6.5
    assert 6 < lmdi.logmean(4.0, 9.0) < 6.5


def test_hand_case_additive_lmdi_i() -> None:
    frame = lmdi.energy_frame(HAND)
    res = lmdi.decompose(frame, lmdi.ENERGY, 2015, 2020)
    assert res.v0 == 150 and res.vt == 175 and res.total == 25
    assert res.effects["activity"] == pytest.approx(100 * LN2 + L_B * LN2, rel=1e-12)
    assert res.effects["structure"] == pytest.approx(25 - 100 * LN2, rel=1e-12)
    assert res.effects["intensity"] == pytest.approx(-L_B * LN2, rel=1e-12)
    assert res.effects["activity"] == pytest.approx(112.05250, abs=1e-5)
    assert res.check.ok and res.check.relative <= 1e-12
    a = res.by_category.filter(pl.col("sector") == "A").row(0, named=True)
    assert a["activity"] == pytest.approx(100 * LN2) and a["intensity"] == 0


def test_hand_case_multiplicative_is_linked_to_additive() -> None:
    # Ang (2005): D_xk = exp(ΔV_xk / L(V^T, V^0)); L(175, 150) = 25/ln(7/6); D_tot = 7/6.
    frame = lmdi.energy_frame(HAND)
    res = lmdi.decompose(frame, lmdi.ENERGY, "2015", "2020", form="multiplicative")
    lv = 25 / math.log(175 / 150)
    assert res.total == pytest.approx(7 / 6)
    assert res.effects["structure"] == pytest.approx(math.exp((25 - 100 * LN2) / lv), rel=1e-12)
    assert math.prod(res.effects.values()) == pytest.approx(7 / 6, rel=1e-12)
    assert res.check.ok


def test_hand_case_intensity_identity() -> None:
    # I = E/Q: 1.5 → 0.875. V_A = S_A·I_A: 1 → 0.5, L = 0.5/ln 2; structure_A = L·ln 0.5 = −0.5, intensity_A = 0.
    # V_B: 0.5 → 0.375, L = 0.125/ln(4/3); structure_B = L·ln 1.5, intensity_B = L·ln 0.5.
    res = lmdi.decompose(lmdi.intensity_frame(HAND), lmdi.INTENSITY, 2015, 2020)
    lb = 0.125 / math.log(4 / 3)
    assert res.total == pytest.approx(-0.625)
    assert res.effects["structure"] == pytest.approx(-0.5 + lb * math.log(1.5), rel=1e-12)
    assert res.effects["intensity"] == pytest.approx(lb * math.log(0.5), rel=1e-12)


def test_hand_case_lmdi_ii() -> None:
    # Shares w_A: 100/150 = 2/3 → 100/175 = 4/7; w_B: 1/3 → 3/7 (Ang & Choi 1997, METHODS §1.1).
    # ln D_k = Σ_i L(w_i) ln(x_k,i ratio) / Σ_j L(w_j); ΔV_k = L(175, 150)·ln D_k.
    la, lb = lmdi.logmean(4 / 7, 2 / 3), lmdi.logmean(3 / 7, 1 / 3)
    s = la + lb
    ln_struct = (la * math.log(0.5) + lb * math.log(1.5)) / s
    ln_act = LN2  # activity doubles in both sectors, so its weighted mean log is ln 2 whatever the weights
    frame = lmdi.energy_frame(HAND)
    mult = lmdi.decompose(frame, lmdi.ENERGY, 2015, 2020, model="LMDI-II", form="multiplicative")
    assert mult.effects["structure"] == pytest.approx(math.exp(ln_struct), rel=1e-12)
    assert mult.effects["activity"] == pytest.approx(2.0, rel=1e-12)
    add = lmdi.decompose(frame, lmdi.ENERGY, 2015, 2020, model="LMDI-II")
    assert add.effects["activity"] == pytest.approx(25 / math.log(7 / 6) * ln_act, rel=1e-12)
    assert math.fsum(add.effects.values()) == pytest.approx(25, rel=1e-12)


# Published oracle: MatthewHeun/LMDIR (MIT), tests/testthat/test_util.R, "fillrow option works as expected":
# Ghana's energy LMDI 2003-2004, where the electric heaters (HTH.600.C) vanish in 2004 with the VALCO smelters'
# shutdown (case 2 of Ang, Zhang & Choi 1998 Table 2). Factors E.ktoe, eta_ij, phi_i, phi_ij; the 2004 heater row is
# the test's fillrow (42, 42, 42, 0). Expected ΔV by factor and D by factor as given there.
GHANA = pl.DataFrame(
    {
        "period": ["2003", "2003", "2004", "2004"],
        "cat": ["heaters", "fans", "heaters", "fans"],
        "E": [7909.898576, 7909.898576, 42.0, 7962.921168],
        "eta": [0.168054745, 0.072489945, 42.0, 0.101321321],
        "phi_i": [0.521283202, 0.078700891, 42.0, 0.059104816],
        "phi_ij": [0.009258785, 0.036152202, 0.0, 0.036042366],
    }
)


def test_lmdir_ghana_oracle_with_a_vanishing_category() -> None:
    ident = lmdi.custom_identity("ghana", ["E", "eta", "phi_i", "phi_ij"], ["cat"])
    add = lmdi.decompose(GHANA, ident, 2003, 2004)
    assert add.total == pytest.approx(-6.328451992, abs=1e-6)  # inputs given to 9 decimals
    expected = [0.011188553, 0.56076961, -0.479535332, -6.420874823]
    assert list(add.effects.values()) == pytest.approx(expected, abs=1e-6)
    mult = lmdi.decompose(GHANA, ident, 2003, 2004, form="multiplicative")
    assert mult.total == pytest.approx(0.2135822730663597, rel=1e-9)
    assert list(mult.effects.values()) == pytest.approx([1.002733012, 1.146589093, 0.889606884, 0.208820902],
                                                       abs=1e-8)


def test_sector_that_appears_uses_the_analytical_limit() -> None:
    # Sector C is absent in 2015 and uses 10 tce on 20 (10⁴ CNY) in 2020. Its 2015 intensity is 0/0, taken from
    # 2020 (0.5), so only its structure factor goes from 0: Table 2 case 1 gives structure_C = V_C^T = 10, and
    # case 3 gives activity_C = intensity_C = 0.
    data = pl.concat([HAND, pl.DataFrame({"period": ["2020"], "sector": ["C"], "energy": [10.0],
                                          "value_added": [20.0]})])
    res = lmdi.decompose(lmdi.energy_frame(data), lmdi.ENERGY, 2015, 2020)
    c = res.by_category.filter(pl.col("sector") == "C").row(0, named=True)
    assert (c["activity"], c["structure"], c["intensity"]) == (0.0, 10.0, 0.0)
    assert res.total == 35 and res.check.ok
    # The small-value substitution (Ang & Liu 2007) only tends to the limit, slowly (the logarithm): at δ ≈ 1e-9 it
    # still misses it by about 3 % — the error Wood & Lenzen (2006) warn of, and why ECER uses the limits.
    tiny = data.with_columns(pl.when(pl.col("sector") == "C").then(pl.lit(10.0)).otherwise(pl.col("energy"))
                             .alias("energy"))
    tiny = pl.concat([tiny, pl.DataFrame({"period": ["2015"], "sector": ["C"], "energy": [1e-9],
                                          "value_added": [2e-9]})])
    approx = lmdi.decompose(lmdi.energy_frame(tiny), lmdi.ENERGY, 2015, 2020)
    a = approx.by_category.filter(pl.col("sector") == "C").row(0, named=True)
    assert 9.5 < a["structure"] < 9.9


def test_sector_that_vanishes_and_zero_in_both_periods() -> None:
    # Case 2: V_i^0 = 50 → 0 through the factor that goes to 0 gives −50; case 5–8: a zero-emission fuel (emission
    # factor 0 in both periods, e.g. hydro power) contributes nothing whatever its other factors do.
    ident = lmdi.custom_identity("t", ["a", "b"], ["k"])
    frame = pl.DataFrame({
        "period": ["0", "0", "0", "1", "1", "1"],
        "k": ["x", "y", "hydro", "x", "y", "hydro"],
        "a": [10.0, 5.0, 7.0, 10.0, 8.0, 9.0],
        "b": [5.0, 2.0, 0.0, 0.0, 2.0, 0.0],
    })
    res = lmdi.decompose(frame, ident, 0, 1)
    x = res.by_category.filter(pl.col("k") == "x").row(0, named=True)
    hydro = res.by_category.filter(pl.col("k") == "hydro").row(0, named=True)
    assert (x["a"], x["b"]) == (0.0, -50.0)
    assert (hydro["a"], hydro["b"]) == (0.0, 0.0)
    assert res.total == 16 - 60 and res.check.ok


def test_co2_identity_with_non_fossil_fuel() -> None:
    # One sector, coal and hydro; hydro has zero CO2. C = Q·1·(E/Q)·(E_j/E)·(C_j/E_j).
    # 2015: Q 100, coal 80 tce (200 tCO2), hydro 20 tce; 2020: Q 150, coal 90 tce (225 tCO2), hydro 60 tce.
    # Coal: V 200 → 225, L = 25/ln 1.125; activity L·ln 1.5; intensity L·ln((150/150)/(100/100)) = 0;
    # fuel mix L·ln((90/150)/(80/100)) = L·ln 0.75; emission factor L·ln(2.5/2.5) = 0.
    data = pl.DataFrame({
        "period": ["2015", "2015", "2020", "2020"], "sector": ["s"] * 4, "fuel": ["coal", "hydro"] * 2,
        "energy": [80.0, 20.0, 90.0, 60.0], "co2": [200.0, 0.0, 225.0, 0.0], "value_added": [100.0] * 2 + [150.0] * 2,
    })
    res = lmdi.decompose(lmdi.co2_frame(data), lmdi.CO2, 2015, 2020)
    lc = 25 / math.log(1.125)
    assert res.effects["activity"] == pytest.approx(lc * math.log(1.5), rel=1e-12)
    assert res.effects["fuel_mix"] == pytest.approx(lc * math.log(0.75), rel=1e-12)
    assert res.effects["intensity"] == pytest.approx(0, abs=1e-12)
    assert res.effects["emission_factor"] == pytest.approx(0, abs=1e-12)
    assert res.total == 25


def test_kaya_multiplicative_effects_are_the_factor_ratios() -> None:
    # With one term, D_xk = exp(L·ln(x^T/x^0)/L) = x^T/x^0: population 1.1, GDP per capita 2/1.1·…
    # P 1000 → 1100, G 500 → 1000, E 400 → 600, C 1000 → 1200.
    data = pl.DataFrame({"period": ["a", "b"], "population": [1000.0, 1100.0], "gdp": [500.0, 1000.0],
                         "energy": [400.0, 600.0], "co2": [1000.0, 1200.0]})
    res = lmdi.decompose(lmdi.kaya_frame(data), lmdi.KAYA, "a", "b", form="multiplicative")
    assert res.effects["population"] == pytest.approx(1.1)
    assert res.effects["affluence"] == pytest.approx(2 / 1.1)
    assert res.effects["energy_intensity"] == pytest.approx(0.75)
    assert res.effects["carbon_intensity"] == pytest.approx(0.8)
    assert res.total == pytest.approx(1.2)


def test_sign_change_is_rejected_bilingually() -> None:
    ident = lmdi.custom_identity("net", ["flow"], ["k"])
    frame = pl.DataFrame({"period": ["0", "1"], "k": ["net export", "net export"], "flow": [-5.0, 3.0]})
    with pytest.raises(FindingsError) as err:
        lmdi.decompose(frame, ident, 0, 1)
    f = err.value.findings[0]
    assert f.code == "E_LMDI_SIGN_CHANGE" and "正负号" in f.message_zh and "changes sign" in f.message_en
    assert "net export" in f.message_en


def test_negative_in_both_periods_is_decomposed() -> None:
    # Net exports −10 → −20 with one factor: the effect is the whole change, −10; L(−20, −10) = −10/ln 2 < 0.
    ident = lmdi.custom_identity("net", ["flow", "one"], ["k"])
    frame = pl.DataFrame({"period": ["0", "1"], "k": ["e", "e"], "flow": [-10.0, -20.0], "one": [1.0, 1.0]})
    res = lmdi.decompose(frame, ident, 0, 1)
    assert res.effects == {"flow": pytest.approx(-10.0), "one": 0.0}


def test_multiplicative_needs_a_nonzero_aggregate() -> None:
    ident = lmdi.custom_identity("t", ["a"], ["k"])
    frame = pl.DataFrame({"period": ["0", "1"], "k": ["x", "x"], "a": [0.0, 3.0]})
    assert lmdi.decompose(frame, ident, 0, 1).effects == {"a": 3.0}  # additive LMDI-I: case 1
    with pytest.raises(FindingsError) as err:
        lmdi.decompose(frame, ident, 0, 1, form="multiplicative")
    assert err.value.findings[0].code == "E_LMDI_AGGREGATE_ZERO"


def test_missing_period_and_bad_names() -> None:
    frame = lmdi.energy_frame(HAND)
    with pytest.raises(FindingsError) as err:
        lmdi.decompose(frame, lmdi.ENERGY, 2015, 2025)
    assert err.value.findings[0].code == "E_LMDI_PERIOD_MISSING" and "2025" in err.value.findings[0].message_en
    with pytest.raises(FindingsError) as err:
        lmdi.decompose(frame, lmdi.ENERGY, 2015, 2020, model="LMDI-III")
    assert err.value.findings[0].code == "E_UNKNOWN_NAME"


def test_chained_and_fixed_base_series_differ_for_additive_lmdi_i() -> None:
    # Three periods; sector B's intensity falls then recovers. Chained sums equal the total change exactly, but the
    # effects differ from the one-step (fixed-base) decomposition: additive LMDI-I is path dependent (Ang 2015).
    mid = pl.DataFrame({"period": ["2017", "2017"], "sector": ["A", "B"], "energy": [60.0, 150.0],
                        "value_added": [20.0, 300.0]})
    data = pl.concat([HAND, mid])
    frame = lmdi.energy_frame(data)
    chained = lmdi.decompose_series(frame, lmdi.ENERGY, [2015, 2017, 2020])
    fixed = lmdi.decompose_series(frame, lmdi.ENERGY, [2015, 2017, 2020], basis="fixed")
    assert math.fsum(chained.cumulative.values()) == pytest.approx(25, rel=1e-12) and chained.check.ok
    assert math.fsum(fixed.cumulative.values()) == pytest.approx(25, rel=1e-12)
    assert abs(chained.cumulative["structure"] - fixed.cumulative["structure"]) > 1e-3
    assert "路径" in chained.label_zh and "path dependent" in chained.label_en
    assert [s.start for s in fixed.steps] == ["2015", "2015"]


positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)
maybe_zero = st.one_of(positive, st.just(0.0))


@settings(max_examples=60, deadline=None)
@given(
    n_cat=st.integers(min_value=1, max_value=4),
    n_fac=st.integers(min_value=1, max_value=4),
    data=st.data(),
)
def test_property_perfect_decomposition(n_cat: int, n_fac: int, data: st.DataObject) -> None:
    names = [f"f{k}" for k in range(n_fac)]
    rows = []
    for p in ("0", "1"):
        for i in range(n_cat):
            # the first category stays positive so that the aggregate is never zero; the others may hold zeros
            draw = positive if i == 0 else maybe_zero
            rows.append({"period": p, "cat": str(i), **{n: data.draw(draw) for n in names}})
    frame = pl.DataFrame(rows)
    ident = lmdi.custom_identity("p", names, ["cat"])
    for model in lmdi.MODELS:
        for form in lmdi.FORMS:
            try:
                res = lmdi.decompose(frame, ident, 0, 1, model=model, form=form)
            except FindingsError as err:
                # only LMDI-II may give up, and only when a sub-category is zero in one period (its weights vanish)
                assert model == "LMDI-II" and err.findings[0].code == "E_LMDI_II_DEGENERATE"
                assert frame.select(pl.any_horizontal(pl.col(n) == 0 for n in names).any()).item()
                continue
            assert res.check.ok
            if form == "additive":
                # the scale is at least the total change and the effects, and at most the absolute aggregates
                # times the largest log ratio of the data (ln 1e6 < 14 per factor) — the condition of the sum
                assert res.check.scale >= abs(res.vt - res.v0)
                assert res.check.scale <= max((abs(res.v0) + abs(res.vt)) * 14 * n_fac * n_cat, 1.0)
                assert abs(math.fsum(res.effects.values()) - (res.vt - res.v0)) <= 1e-9 * res.check.scale
            else:
                logs = [math.log(d) for d in res.effects.values()]
                assert abs(math.fsum(logs) - math.log(res.vt / res.v0)) <= 1e-9 * res.check.scale


def test_a_change_far_smaller_than_the_aggregates_is_still_a_perfect_decomposition() -> None:
    # Found by the property test above (mutmut's clean run, 2026-12-03). Category 0: 1600 × 1 × 0.01 = 16 in both
    # periods; category 1: 0.01171875 × 0.01 × 0.01 = 1.171875e-6, then every factor 0. V⁰ = 16.000001171875,
    # Vᵗ = 16, ΔV = −1.171875e-6 — whose own rounding (≈ 3.6e-15) is 3e-9 of it, so it cannot be checked to 1e-9
    # of itself. Category 1 vanishes with its three factors zero at once: −V₁⁰ shared equally, −3.90625e-7 each.
    names = ["f0", "f1", "f2"]
    cells = {("0", "0"): [1600.0, 1.0, 0.01], ("0", "1"): [0.01171875, 0.01, 0.01],
             ("1", "0"): [1600.0, 1.0, 0.01], ("1", "1"): [0.0, 0.0, 0.0]}
    frame = pl.DataFrame([{"period": p, "cat": c, **dict(zip(names, v, strict=True))} for (p, c), v in cells.items()])
    ident = lmdi.custom_identity("p", names, ["cat"])
    res = lmdi.decompose(frame, ident, 0, 1, model="LMDI-I", form="additive")
    assert res.check.ok and res.total == pytest.approx(-1.171875e-6, rel=1e-6)
    assert [res.effects[n] for n in names] == pytest.approx([-3.90625e-7] * 3, rel=1e-6)
    # the scale is the rounding share of the aggregates, 1e-4 × (16.000001171875 + 16), not the tiny change itself
    assert res.check.scale == pytest.approx(1e-4 * 32.000001171875, rel=1e-12)
    ii = lmdi.decompose(frame, ident, 0, 1, model="LMDI-II", form="additive")
    assert ii.check.ok and math.fsum(ii.effects.values()) == pytest.approx(-1.171875e-6, rel=1e-6)
