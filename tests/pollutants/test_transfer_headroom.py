"""Pollutant headroom for the transfer match, from the ledger of the hand case (tests/pollutant_handcase.py).

Worked by hand, region 350100, last accounted year 2022 (t = 2 of n = 5, 国发〔2021〕33号 二 targets):
  COD: R_2 = 1 − 0.92^0.4 = 1 − 0.9671974 = 0.0328026; allowed 50 000 × 0.9671974 = 48 359.87 t;
       ledger 51 551.75 t → headroom 48 359.87 − 51 551.75 = −3 191.88 t (above its path: no room);
  NOx: R_2 = 1 − 0.9^0.4 = 0.0412685; allowed 8 000 × 0.9587315 = 7 669.852 t; ledger 7 260 t → 409.852 t.
A project needing 400 t NOx fits; one needing 410 t does not.
"""

from __future__ import annotations

import pytest

from ecer.core.transfer.constraints import intensity_headroom, total_headroom
from ecer.services.transfer import _pollutant_headroom, match


def test_total_and_intensity_headroom_by_hand() -> None:
    assert total_headroom(8000.0, 1 - 0.9 ** 0.4, 7260.0) == pytest.approx(409.852, abs=1e-3)
    # carbon, 北京-like figures: I_0 0.4 t/万元, R_t 0.1468, GDP 40 000 亿元 (= 4·10⁸ 万元), CO2 1.5·10⁸ t:
    # allowed 0.4 × 0.8532 × 4·10⁸ = 1.36512·10⁸ t → headroom −1.3488·10⁷ t
    assert intensity_headroom(0.4, 0.1468, 40_000.0, 1.5e8, scale=1.0e4) == pytest.approx(-1.3488e7, rel=1e-12)


def test_pollutant_headroom_from_the_ledger(handcase_store) -> None:
    head, year = _pollutant_headroom(handcase_store, ["350100"])
    assert year == 2022
    assert head["pollutant:NOx"]["350100"] == pytest.approx(409.852, abs=1e-3)
    assert head["pollutant:COD"]["350100"] == pytest.approx(-3191.88, abs=1e-2)


@pytest.mark.parametrize(("need", "fits"), [(400.0, True), (410.0, False)])
def test_a_match_applies_the_pollutant_headroom(handcase_store, need: float, fits: bool) -> None:
    project = {"project_id": "X", "name": "手算项目", "industry_code": "1810", "nox_t": need, "status": "intention"}
    m = match(handcase_store, project, regions=["350100"])
    assert "pollutant:NOx" in m.headroom_sources and "2022" in m.headroom_sources["pollutant:NOx"]
    assert "pollutant:NOx" not in [n.constraint for n in m.not_applied]
    row = m.frame.row(0, named=True)
    assert row["constraints_ok"] is fits
    assert ("氮氧化物排放剩余空间：需 " + f"{need:,.1f} t，" + ("剩余" if fits else "仅剩") + " 409.9 t") in row["reasons_zh"]
