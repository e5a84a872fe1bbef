"""TOPSIS of the transfer index (ecer.core.transfer.index) at its edges: regions equidistant from both ideals, a
region at zero distance from both (the neutral closeness ½), and the normalisation option of rank_regions."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.transfer import rank_regions, topsis


def test_regions_equally_far_from_both_ideals_are_ranked_not_refused() -> None:
    # minmax, w = 1: a = (1, 0) → z = (1, 0); b = (0, 1) → z = (0, 1); ideal (1, 1), anti (0, 0)
    # region 1: D+ = √(0 + 1) = 1, D− = √(1 + 0) = 1; region 2 the mirror: C = 1/2 each (D+ + D− = 2 > 0: spread)
    dp, dm, c = topsis(
        {"a": [1.0, 0.0], "b": [0.0, 1.0]},
        {"a": "benefit", "b": "benefit"},
        {"a": 1.0, "b": 1.0},
        normalisation="minmax",
    )
    assert (dp, dm, c) == ([1.0, 1.0], [1.0, 1.0], [0.5, 0.5])


def test_a_region_at_zero_distance_from_both_ideals_gets_the_neutral_closeness_one_half() -> None:
    # minmax, w = 3e-162: z = (0, ½, 1), v = (0, 1.5e-162, 3e-162); ideal 3e-162, anti 0
    # the middle region: (1.5e-162)² = 2.25e-324 underflows to 0 → D+ = D− = 0 → C = ½ (no 0/0);
    # the others: D = √((3e-162)²) with the square a subnormal (≈ 3.1e-162 after rounding) → C = 0 and 1
    dp, dm, c = topsis({"a": [0.0, 1.0, 2.0]}, {"a": "benefit"}, {"a": 3e-162}, normalisation="minmax")
    assert dp[1] == 0.0 and dm[1] == 0.0
    assert dp[0] > 0.0 and dp[2] == 0.0 and dm[0] == 0.0 and dm[2] > 0.0
    assert c == [0.0, 0.5, 1.0]


def test_rank_regions_passes_the_minmax_normalisation_on() -> None:
    # a = (3, 4, 0) benefit, b = (1, 2, 2) cost, w = ½ each; minmax: z_a = (0.75, 1, 0), z_b = (1, 0, 0), v = ½ z,
    # ideal (½, ½), anti (0, 0): X D+ = 0.125, D− = √(0.375² + 0.5²) = 0.625, C = ⅚; Y D+ = D− = ½, C = ½;
    # Z D+ = √0.5, D− = 0, C = 0 (vector normalisation would give 0.774362, 12/17, 0)
    wide = pl.DataFrame({"region_code": ["X", "Y", "Z"], "a": [3.0, 4.0, 0.0], "b": [1.0, 2.0, 2.0]})
    out, w = rank_regions(
        wide, {"a": "benefit", "b": "cost"}, weights={"a": 0.5, "b": 0.5}, normalisation="minmax"
    )
    assert w is None
    assert out.columns == ["rank", "region_code", "closeness", "d_plus", "d_minus", "a", "b"]
    assert out["region_code"].to_list() == ["X", "Y", "Z"] and out["rank"].to_list() == [1, 2, 3]
    assert out["closeness"].to_list() == pytest.approx([5 / 6, 0.5, 0.0], abs=1e-12)
    assert out["d_plus"].to_list() == pytest.approx([0.125, 0.5, 0.5**0.5], abs=1e-12)
    assert out["d_minus"].to_list() == pytest.approx([0.625, 0.5, 0.0], abs=1e-12)
