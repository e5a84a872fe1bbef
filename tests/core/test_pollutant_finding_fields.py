"""Pollutant findings: the location of a bad increment year; the burden-weighted reason of a region at its target."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.pollutants.decompose import decompose
from ecer.core.pollutants.ledger import account
from ecer.findings import FindingsError, Location


def test_increment_year_not_after_base_location() -> None:
    base = pl.DataFrame({"region_code": ["A"], "pollutant": ["COD"], "year": [2020], "emissions": [1000.0]})
    measures = pl.DataFrame(schema={"region_code": pl.Utf8, "pollutant": pl.Utf8, "year": pl.Int64,
                                    "measure_id": pl.Utf8, "kind": pl.Utf8, "reduction": pl.Float64})
    inc = pl.DataFrame({"region_code": ["A", "A"], "pollutant": ["COD", "COD"], "year": [2021, 2019],
                        "new_emissions": [5.0, 7.0]})
    with pytest.raises(FindingsError) as exc:
        account(base, measures, inc)
    (f,) = exc.value.findings
    assert f.code == "E_POLLUTANT_VALUE_INVALID"
    assert f.location == Location(row=2, column="year")
    assert f.evidence["column"] == "year" and f.evidence["value"] == 2019
    assert f.evidence["record"] == "A COD 2019"
    assert "须晚于基年 2020" in f.message_zh


def test_burden_weighted_met_region_reason() -> None:
    # w_A = 300·(1 + 1·0) = 300, w_B = 100·(1 + 1·1) = 200, Σ 500 → A 60 % = 24 t (8 % of 300), B 40 % = 16 t
    df = pl.DataFrame({"region_code": ["A", "B"], "base_emissions": [300.0, 100.0], "gap": [0.0, 1.0]})
    out, _ = decompose(df, 40, "burden_weighted")
    zh = out["reason_zh"].to_list()
    assert zh[0] == ("按治理任务（质量差距）加权：权重 = 基年排放量 300 t ×（1 + 1 × 质量差距 0）= 300（质量达标，仅按基数），"
                     "占权重合计 500 的 60%；分得任务 24 t（基年排放量的 8%）")
    assert "= 300（质量达标，仅按基数），占权重合计" in zh[0]
    assert "质量达标" not in zh[1]
    assert out["reason_en"][0].startswith(
        "burden-weighted by the quality gap: weight = base 300 t × (1 + 1 × quality gap 0) = 300 "
        "(quality target met: base only), 60% of the weights' total 500")
