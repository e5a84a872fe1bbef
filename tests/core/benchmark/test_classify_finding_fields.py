"""W_BENCHMARK_SAVING_UNIT: an indicator unit without an energy numerator gives no tce saving."""

from __future__ import annotations

import polars as pl

from ecer.core.benchmark import classification_findings, classify_units


def test_saving_unit_finding_fields() -> None:
    perf = pl.DataFrame({
        "unit_id": ["u1"], "enterprise": ["甲"], "region": ["370000"], "field": ["测试领域"],
        "sub_category": ["通用"], "year": [2024], "capacity": [10.0], "capacity_unit": ["万吨/年"],
        "output": [1000.0], "unit_energy": [1.5],
    })
    levels = pl.DataFrame({
        "field": ["测试领域"], "sub_category": ["通用"], "indicator": ["单耗"], "unit": ["t/t"],
        "benchmark_value": [1.0], "baseline_value": [2.0], "direction": ["lower_is_better"],
    })
    out = classify_units(perf, levels, "2021")
    r = out.row(0, named=True)
    # saving to the benchmark (1.5 − 1.0) × 1000 = 500 t; t/t has no energy numerator → no tce figure
    assert r["saving_to_benchmark"] == 500.0 and r["saving_to_benchmark_tce"] is None
    fs = [f for f in classification_findings(out) if f.code == "W_BENCHMARK_SAVING_UNIT"]
    assert len(fs) == 1
    f = fs[0]
    assert f.evidence == {"field": "测试领域", "unit": "t/t", "output_unit": "the denominator of t/t"}
    assert f.message_zh == "指标单位 t/t 乘以产量单位 the denominator of t/t 不能换算为吨标准煤，测试领域 的节能量未计算"
    assert "the savings of 测试领域 were not computed" in f.message_en
