"""Details of LMDI series and target allocation that no test read (issue 5 §3.3, mutation sample 20261217).

Hand values in the comments; the LMDI hand case is the HAND frame of tests/core/analysis/test_lmdi.py (V 150 → 175,
METHODS: Ang 2015), the allocation case the TWO frame of tests/core/analysis/test_allocation.py.
"""

from __future__ import annotations

import math

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
    import polars as pl

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


def test_a_matrix_that_is_not_square_is_refused_with_the_orders_allowed() -> None:
    n = max(al.SAATY_RI)  # Saaty's RI table: orders 1 … 10
    for bad in ([], [[1.0, 2.0], [0.5]], [[1.0] * (n + 1)] * (n + 1)):  # empty, ragged, 11 × 11
        with pytest.raises(FindingsError) as e:
            al.ahp_weights(bad)
        f = e.value.findings[0]
        assert f.code == "E_ALLOCATION_INPUT"
        assert f.evidence == {"detail": f"AHP 判断矩阵须为 1–{n} 阶方阵 / the AHP matrix must be square of order 1–{n}"}
