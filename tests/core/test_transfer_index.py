"""Entropy weights and TOPSIS of the transfer index, worked by hand, and their invariants (issue 9 §3 acceptance)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ecer.core.transfer import entropy_weights, rank_regions, ranks, topsis
from ecer.findings import FindingsError


def test_entropy_worked_by_hand() -> None:
    # a = (0, 5, 10) → z = (0, 0.5, 1), p = (0, 1/3, 2/3)
    # e_a = −(1/ln 3)(⅓ ln ⅓ + ⅔ ln ⅔) = (0.366204 + 0.270310)/1.098612 = 0.579380, d_a = 0.420620
    # b = (0, 0, 1) → p = (0, 0, 1): e_b = 0 (0·ln 0 = 0, 1·ln 1 = 0), d_b = 1
    # w_a = 0.420620/1.420620 = 0.296082, w_b = 1/1.420620 = 0.703918
    w = entropy_weights({"a": [0.0, 5.0, 10.0], "b": [0.0, 0.0, 1.0]}, {"a": "benefit", "b": "benefit"})
    assert w.entropy["a"] == pytest.approx(0.579380, abs=1e-6)
    assert w.entropy["b"] == 0.0
    assert w.weights["a"] == pytest.approx(0.296082, abs=1e-6)
    assert w.weights["b"] == pytest.approx(0.703918, abs=1e-6)


def test_cost_column_is_the_mirror_of_a_benefit_column() -> None:
    # cost (10, 5, 0) scores z = (0, 0.5, 1): the same as benefit (0, 5, 10)
    w = entropy_weights({"a": [10.0, 5.0, 0.0], "b": [0.0, 0.0, 1.0]}, {"a": "cost", "b": "benefit"})
    assert w.weights["a"] == pytest.approx(0.296082, abs=1e-6)


def test_constant_column_gets_zero_weight_by_the_formula() -> None:
    # every p = 1/m → e = 1, d = 0; the other column takes all the weight
    w = entropy_weights({"a": [7.0, 7.0, 7.0], "b": [1.0, 2.0, 3.0]}, {"a": "benefit", "b": "cost"})
    assert w.entropy["a"] == 1.0 and w.weights["a"] == 0.0 and w.weights["b"] == 1.0


def test_no_spread_and_too_few_regions_are_errors() -> None:
    with pytest.raises(FindingsError) as e:
        entropy_weights({"a": [1.0, 1.0]}, {"a": "benefit"})
    assert e.value.findings[0].code == "E_TRANSFER_NO_SPREAD"
    with pytest.raises(FindingsError) as e:
        entropy_weights({"a": [1.0]}, {"a": "benefit"})
    assert e.value.findings[0].code == "E_TRANSFER_TOO_FEW_REGIONS"
    with pytest.raises(FindingsError) as e:
        entropy_weights({"a": [1.0, float("nan")]}, {"a": "benefit"})
    assert e.value.findings[0].code == "E_TRANSFER_VALUE_INVALID"
    with pytest.raises(FindingsError):
        entropy_weights({"a": [1.0, 2.0]}, {"a": "more"})


VALUES = {"a": [3.0, 4.0, 0.0], "b": [1.0, 2.0, 2.0]}
DIRS = {"a": "benefit", "b": "cost"}


def test_topsis_vector_worked_by_hand() -> None:
    # ‖a‖ = 5 → r_a = (0.6, 0.8, 0); ‖b‖ = 3 → r_b = (⅓, ⅔, ⅔); w = (½, ½)
    # v_a = (0.3, 0.4, 0): ideal 0.4, anti 0; v_b = (⅙, ⅓, ⅓), cost: ideal ⅙, anti ⅓
    # 1: D+ = 0.1 = 3/30, D− = √(0.09 + 1/36) = √106/30, C = √106/(3 + √106) = 10.29563/13.29563 = 0.774362
    # 2: D+ = ⅙, D− = 0.4, C = 0.4/0.566667 = 12/17 = 0.705882
    # 3: D+ = √(0.16 + 1/36) = 13/30, D− = 0, C = 0
    dp, dm, c = topsis(VALUES, DIRS, {"a": 0.5, "b": 0.5}, normalisation="vector")
    assert dp == pytest.approx([0.1, 1 / 6, 13 / 30], abs=1e-9)
    assert dm == pytest.approx([0.343188, 0.4, 0.0], abs=1e-6)
    assert c == pytest.approx([math.sqrt(106) / (3 + math.sqrt(106)), 12 / 17, 0.0], abs=1e-12)
    assert c[0] == pytest.approx(0.774362, abs=1e-6)


def test_topsis_minmax_worked_by_hand() -> None:
    # z_a = (0.75, 1, 0); z_b (cost) = (1, 0, 0); v = ½ z; ideal (½, ½), anti (0, 0)
    # 1: D+ = 0.125, D− = √(0.375² + 0.5²) = 0.625, C = 0.625/0.75 = ⅚
    # 2: D+ = 0.5, D− = 0.5, C = ½;  3: D+ = √0.5, D− = 0, C = 0
    dp, _dm, c = topsis(VALUES, DIRS, {"a": 0.5, "b": 0.5}, normalisation="minmax")
    assert dp == pytest.approx([0.125, 0.5, math.sqrt(0.5)])
    assert c == pytest.approx([5 / 6, 0.5, 0.0])


def test_unknown_normalisation_is_an_error() -> None:
    with pytest.raises(FindingsError) as e:
        topsis(VALUES, DIRS, {"a": 1.0, "b": 1.0}, normalisation="zscore")  # type: ignore[arg-type]
    assert e.value.findings[0].code == "E_TRANSFER_UNKNOWN"


def test_ranks_share_ties() -> None:
    assert ranks([0.2, 0.9, 0.2, 0.5]) == [3, 1, 3, 2]
    assert ranks([0.5, 0.5]) == [1, 1]


def test_rank_regions_orders_best_first() -> None:
    import polars as pl

    wide = pl.DataFrame({"region_code": ["X", "Y", "Z"], **VALUES})
    out, w = rank_regions(wide, DIRS, weights={"a": 0.5, "b": 0.5}, normalisation="minmax")
    assert out["region_code"].to_list() == ["X", "Y", "Z"] and out["rank"].to_list() == [1, 2, 3]
    assert w is None


matrices = st.integers(2, 7).flatmap(lambda m: st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=m, max_size=m), min_size=n, max_size=n),
    st.lists(st.sampled_from(["benefit", "cost"]), min_size=n, max_size=n),
    st.permutations(list(range(m))))))


def _spread(cols: list[list[float]]) -> bool:
    return any(max(c) - min(c) > 1e-6 * max(1.0, max(abs(x) for x in c)) for c in cols)


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_entropy_weights_sum_to_one_and_ignore_region_order(case: tuple) -> None:
    cols, dirs, perm = case
    assume(_spread(cols))
    values = {f"i{j}": c for j, c in enumerate(cols)}
    directions = {f"i{j}": d for j, d in enumerate(dirs)}
    w = entropy_weights(values, directions)
    assert math.fsum(w.weights.values()) == pytest.approx(1.0, abs=1e-12)
    assert all(0.0 <= x <= 1.0 for x in w.weights.values())
    shuffled = {k: [v[i] for i in perm] for k, v in values.items()}
    w2 = entropy_weights(shuffled, directions)
    for k in values:
        assert w2.weights[k] == pytest.approx(w.weights[k], abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(matrices, st.sampled_from(["vector", "minmax"]))
def test_topsis_closeness_in_unit_interval_and_ignores_region_order(case: tuple, norm: str) -> None:
    cols, dirs, perm = case
    assume(_spread(cols))
    values = {f"i{j}": c for j, c in enumerate(cols)}
    directions = {f"i{j}": d for j, d in enumerate(dirs)}
    w = entropy_weights(values, directions).weights
    try:
        _, _, c = topsis(values, directions, w, normalisation=norm)  # type: ignore[arg-type]
    except FindingsError as e:  # vector normalisation of a weighted-constant matrix: no spread at all
        assert e.findings[0].code == "E_TRANSFER_NO_SPREAD"
        return
    assert all(0.0 <= x <= 1.0 for x in c)
    shuffled = {k: [v[i] for i in perm] for k, v in values.items()}
    _, _, c2 = topsis(shuffled, directions, w, normalisation=norm)  # type: ignore[arg-type]
    for new_pos, old in enumerate(perm):
        assert c2[new_pos] == pytest.approx(c[old], abs=1e-9)
