"""Allocation findings and reason texts, worked by hand.

The regions below have gdp_t = gdp_0, so the aggregate of the module docstring reduces to
A(t) = Σ E_i t_i / Σ E_i; with equal energy in both regions A is the plain mean of the two targets.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from ecer.core.analysis import allocation
from ecer.core.analysis.allocation import allocate_composite, allocate_tiers, allocate_zsg_dea
from ecer.core.pollutants.decompose import Indicator
from ecer.findings import FindingsError

# A: productivity 24 689 / 200 000 = 0.123445 → ×10⁴ = 1234.45 → "1234" (.4g); B: 2e6 / 2e5 ×10⁴ = 1e5
TIERS = pl.DataFrame({
    "region_code": ["A", "B"],
    "energy_0": [200000.0, 200000.0],
    "gdp_0": [24689.0, 2000000.0],
    "gdp_t": [24689.0, 2000000.0],
})


def test_tiers_reason_productivity_by_hand() -> None:
    # B is the more productive: tier 1 (t = s), A tier 2 (t = s + 0.01); A = mean = s + 0.005 = 0.135 → s = 0.13
    res = allocate_tiers(TIERS, 0.135)
    a = res.regions.filter(pl.col("region_code") == "A").row(0, named=True)
    assert a["reason_zh"] == ("能源产出率 1234 万元/tce，在 2 个地区中居第 2 位，列第 2 档（共 2 档，档差 1.00%），"
                              "基本目标 14.00%")
    assert a["reason_en"].startswith("energy productivity 1234 10⁴ CNY/tce, rank 2 of 2, tier 2 of 2")
    assert a["basic_target"] == pytest.approx(0.14)


def test_finish_unreachable_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    # a solver that returns the shift 0: t_B = 0, t_A = 0.01 → aggregate 0.005, not the national 0.135
    def wrong(*args: Any, **kw: Any) -> float:
        return 0.0

    monkeypatch.setattr(allocation, "_solve", wrong)
    with pytest.raises(FindingsError) as exc:
        allocate_tiers(TIERS, 0.135)
    (f,) = exc.value.findings
    assert f.code == "E_ALLOCATION_UNREACHABLE"
    assert f.evidence == {
        "method": "按能源产出率分档 / energy-productivity tiers",
        "target": "13.50%",
        "low": "—",
        "high": "—",
        "reach_low": "0.50%",
        "reach_high": "0.50%",
    }
    assert f.evidence["high"] == "—"
    assert "各地区目标限定在 —–— 之间时，汇总降低率只能在 0.50%–0.50% 之间" in f.message_zh
    assert "held within —–— the aggregate ranges only over 0.50%–0.50%" in f.message_en


def test_composite_reason_weights_list_by_hand() -> None:
    # x benefit: scores 0, 1; y cost: 1, 0; floor 0.1 → z' = 0.1 + 0.9 z; user weights 3 : 1 → 0.75, 0.25
    # I_A = 0.75·0.1 + 0.25·1.0 = 0.325, I_B = 0.75·1.0 + 0.25·0.1 = 0.775, mean 0.55
    # equal energy, gdp_t = gdp_0 → A = mean(t) = c → c = 0.135; t_A = 0.135·0.325/0.55 = 0.079773 → 7.98 %
    df = pl.DataFrame({
        "region_code": ["A", "B"],
        "energy_0": [100.0, 100.0], "gdp_0": [100.0, 100.0], "gdp_t": [100.0, 100.0],
        "x": [1.0, 2.0], "y": [1.0, 2.0],
    })
    inds = [Indicator("x", 3.0, "benefit"), Indicator("y", 1.0, "cost")]
    res = allocate_composite(df, 0.135, inds, weighting="user")
    assert res.weights == pytest.approx({"x": 0.75, "y": 0.25})
    a = res.regions.filter(pl.col("region_code") == "A").row(0, named=True)
    assert a["reason_zh"] == "综合指数 0.3250（平均 0.5500；权重 x 0.750, y 0.250），基本目标 = 0.1350 × 0.3250/0.5500 = 7.98%"
    assert "(mean 0.5500; weights x 0.750, y 0.250): basic target = 0.1350 × 0.3250/0.5500 = 7.98%" in a["reason_en"]


def test_zsg_dea_unknown_solver() -> None:
    with pytest.raises(FindingsError) as exc:
        allocate_zsg_dea(TIERS, 0.135, solver="simplex")
    (f,) = exc.value.findings
    assert f.code == "E_UNKNOWN_NAME"
    assert f.evidence == {"kind": "求解方法 / solver", "value": "simplex", "valid": "auto, lp, closed_form"}
    assert f.message_zh == "未知的求解方法“simplex”，可选：auto, lp, closed_form"
    assert f.message_en == "unknown solver 'simplex'; valid: auto, lp, closed_form"
