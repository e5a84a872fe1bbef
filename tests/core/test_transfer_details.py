"""What the transfer index, the guidance's rules and the matching say, field by field (issue 5 §3.3, mutation).

Every expected value is worked out by hand from the input in the comment beside it; the findings' texts are read off
their templates in ``ecer.findings`` (E_TRANSFER_*), the directions off ``refdata`` table ``transfer_directions``
(工信部联政法〔2021〕215号 二–五), the formulas off the module docstring of ``ecer.core.transfer.index``.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer.core.transfer import entropy_weights, rank_regions, topsis
from ecer.core.transfer.index import minmax_scores
from ecer.findings import FindingsError

WHAT = "承接产业转移评价指数 / transfer index"


def _refusal(values: dict, directions: dict) -> dict:
    with pytest.raises(FindingsError) as e:
        entropy_weights(values, directions)
    assert len(e.value.findings) == 1
    f = e.value.findings[0]
    return {"code": f.code, "zh": f.message_zh, "en": f.message_en, "evidence": f.evidence}


def test_no_indicator_is_refused_with_every_field() -> None:
    f = _refusal({}, {})
    assert f["code"] == "E_TRANSFER_VALUE_INVALID"
    assert f["evidence"] == {"what": WHAT, "record": "指标 / indicators", "column": "indicator", "value": "—",
                             "detail": "没有指标 / no indicator given"}
    assert f["en"] == ("transfer index: 'indicator' of 指标 / indicators is —, which is invalid: no indicator given")


def test_one_region_is_too_few_and_two_are_enough() -> None:
    f = _refusal({"a": [1.0]}, {"a": "benefit"})
    assert f["code"] == "E_TRANSFER_TOO_FEW_REGIONS" and f["evidence"] == {"what": WHAT, "count": 1}
    assert f["zh"] == "承接产业转移评价指数：只有 1 个地区有完整的指标值，至少需要 2 个"
    # two regions (the boundary): a = (1, 3) → z = (0, 1), p = (0, 1), e = 0, d = 1, w = 1
    w = entropy_weights({"a": [1.0, 3.0]}, {"a": "benefit"})
    assert w.weights == {"a": 1.0} and w.entropy == {"a": 0.0} and w.divergence == {"a": 1.0}


def test_columns_of_different_lengths_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="^every indicator needs one value per region$"):
        entropy_weights({"a": [1.0, 2.0], "b": [1.0, 2.0, 3.0]}, {"a": "benefit", "b": "benefit"})


def test_a_direction_that_is_not_benefit_or_cost_names_the_indicator() -> None:
    f = _refusal({"a": [1.0, 2.0], "b": [2.0, 1.0]}, {"a": "cost", "b": "more"})
    assert f["code"] == "E_TRANSFER_VALUE_INVALID"
    assert f["evidence"] == {"what": WHAT, "record": "b", "column": "direction", "value": "more",
                             "detail": "须为 benefit 或 cost / must be benefit or cost"}
    # an indicator given no direction at all: its value is None (directions.get)
    assert _refusal({"a": [1.0, 2.0]}, {})["evidence"]["value"] is None


def test_a_missing_or_infinite_value_names_its_position() -> None:
    # positions count from 1: None is the first value of a, inf the second value of b
    f = _refusal({"a": [None, 2.0]}, {"a": "cost"})
    assert f["evidence"] == {"what": WHAT, "record": "a #1", "column": "value", "value": None,
                             "detail": "不是有限数值 / not a finite number"}
    f = _refusal({"a": [1.0, 2.0], "b": [1.0, math.inf]}, {"a": "cost", "b": "benefit"})
    assert f["evidence"]["record"] == "b #2" and f["evidence"]["value"] == math.inf


def test_no_spread_names_the_index() -> None:
    f = _refusal({"a": [4.0, 4.0], "b": [0.5, 0.5]}, {"a": "cost", "b": "benefit"})
    assert f["code"] == "E_TRANSFER_NO_SPREAD" and f["evidence"] == {"what": WHAT}


def test_minmax_scores_by_hand() -> None:
    # (1, 3, 2): lo 1, hi 3, span 2 → benefit (x − 1)/2 = (0, 1, 0.5); cost (3 − x)/2 = (1, 0, 0.5)
    assert minmax_scores([1.0, 3.0, 2.0], "benefit") == [0.0, 1.0, 0.5]
    assert minmax_scores([1.0, 3.0, 2.0], "cost") == [1.0, 0.0, 0.5]
    assert minmax_scores([2.0, 2.0], "benefit") is None


def test_entropy_and_divergence_of_two_columns_by_hand() -> None:
    # a = (0, 1, 1) → z = (0, 1, 1), p = (0, ½, ½): e_a = −(1/ln 3)(2 · ½ ln ½) = ln 2 / ln 3 = 0.630930
    # b = (1, 2, 4) cost → z = ((4−1)/3, (4−2)/3, 0) = (1, ⅔, 0), p = (0.6, 0.4, 0):
    #   e_b = −(0.6 ln 0.6 + 0.4 ln 0.4)/ln 3 = (0.306495 + 0.366516)/1.098612 = 0.612602
    # d = (0.369070, 0.387398), Σ 0.756468 → w = (0.487886, 0.512114)
    w = entropy_weights({"a": [0.0, 1.0, 1.0], "b": [1.0, 2.0, 4.0]}, {"a": "benefit", "b": "cost"})
    assert w.entropy["a"] == pytest.approx(math.log(2) / math.log(3), abs=1e-12)
    assert w.entropy["b"] == pytest.approx(0.612602, abs=1e-6)
    assert w.divergence["a"] == pytest.approx(1 - math.log(2) / math.log(3), abs=1e-12)
    assert w.divergence["b"] == pytest.approx(0.387398, abs=1e-6)
    assert w.weights["a"] == pytest.approx(0.487886, abs=1e-6)
    assert w.weights["b"] == pytest.approx(0.512114, abs=1e-6)


def test_the_unknown_normalisation_lists_the_known_ones() -> None:
    with pytest.raises(FindingsError) as e:
        topsis({"a": [1.0, 2.0]}, {"a": "cost"}, {"a": 1.0}, normalisation="zscore")  # type: ignore[arg-type]
    f = e.value.findings[0]
    assert f.evidence == {"what": "归一化方法 / normalisation", "value": "zscore", "known": "vector, minmax"}
    assert f.message_en == "normalisation 'zscore' does not exist (known: vector, minmax)"


def test_an_indicator_without_a_weight_counts_for_nothing() -> None:
    # weights.get(code, 0.0): b has no weight, so only a counts; a = (1, 2, 3) benefit, minmax: z = (0, ½, 1),
    # v = z, ideal 1, anti 0 → D+ = (1, ½, 0), D− = (0, ½, 1), C = (0, ½, 1)
    dp, dm, c = topsis({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, {"a": "benefit", "b": "benefit"}, {"a": 1.0},
                       normalisation="minmax")
    assert dp == [1.0, 0.5, 0.0] and dm == [0.0, 0.5, 1.0] and c == [0.0, 0.5, 1.0]


def test_vector_topsis_of_a_cost_column_by_hand() -> None:
    # a = (3, 4) cost, w = 1: ‖a‖ = 5, v = (0.6, 0.8); cost: ideal min 0.6, anti max 0.8
    # 1: D+ = 0, D− = 0.2, C = 1;  2: D+ = 0.2, D− = 0, C = 0
    dp, dm, c = topsis({"a": [3.0, 4.0]}, {"a": "cost"}, {"a": 1.0}, normalisation="vector")
    assert dp == pytest.approx([0.0, 0.2], abs=1e-15) and dm == pytest.approx([0.2, 0.0], abs=1e-15)
    assert c == [1.0, 0.0]
    # a column of zeros (‖x‖ = 0) beside a: r = 0, it adds nothing
    assert topsis({"a": [3.0, 4.0], "z": [0.0, 0.0]}, {"a": "cost", "z": "benefit"}, {"a": 1.0, "z": 1.0})[2] == [1.0, 0.0]


def test_a_weighted_constant_matrix_has_no_spread() -> None:
    # vector normalisation of (2, 2): r = (½√2, ½√2), v equal → D+ = D− = 0 for both regions
    with pytest.raises(FindingsError) as e:
        topsis({"a": [2.0, 2.0]}, {"a": "benefit"}, {"a": 1.0})
    assert e.value.findings[0].code == "E_TRANSFER_NO_SPREAD" and e.value.findings[0].evidence == {"what": WHAT}


def test_rank_regions_with_entropy_weights_every_column() -> None:
    # one indicator a = (2, 6, 4) benefit: z = (0, 1, ½), p = (0, ⅔, ⅓), w_a = 1 (the only column)
    # vector: ‖a‖ = √56, v = (2, 6, 4)/√56; ideal 6/√56, anti 2/√56
    # D+ = (4, 0, 2)/√56, D− = (0, 4, 2)/√56 → C = (0, 1, ½); ranks Y 1, Z 2, X 3
    wide = pl.DataFrame({"region_code": ["X", "Y", "Z"], "a": [2.0, 6.0, 4.0]})
    out, w = rank_regions(wide, {"a": "benefit"})
    assert w is not None and w.weights == {"a": 1.0}
    assert out.columns == ["rank", "region_code", "closeness", "d_plus", "d_minus", "a"]
    assert out.schema["rank"] == pl.Int64 and out.schema["closeness"] == pl.Float64
    assert out["region_code"].to_list() == ["Y", "Z", "X"] and out["rank"].to_list() == [1, 2, 3]
    assert out["closeness"].to_list() == pytest.approx([1.0, 0.5, 0.0])
    s = math.sqrt(56)
    assert out["d_plus"].to_list() == pytest.approx([0.0, 2 / s, 4 / s])
    assert out["d_minus"].to_list() == pytest.approx([4 / s, 2 / s, 0.0])
    assert out["a"].to_list() == [6.0, 4.0, 2.0]


def test_equal_closeness_shares_a_rank_and_sorts_by_region_code() -> None:
    # a = (1, 3, 1) benefit, minmax, w = 1: C = (0, 1, 0) → ranks (2, 1, 2); the tie Q, P sorted P first
    wide = pl.DataFrame({"region_code": ["Q", "R", "P"], "a": [1.0, 3.0, 1.0]})
    out, _ = rank_regions(wide, {"a": "benefit"}, weights={"a": 1.0}, normalisation="minmax")
    assert out.select("rank", "region_code").rows() == [(1, "R"), (2, "P"), (2, "Q")]
