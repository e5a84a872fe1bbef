"""Defaults the assessment takes from the catalog when the data lack them, each visible in `target_source`."""

import pytest
from tests.handcase import ENERGY, REGIONS

from ecer.services import dual_control
from ecer.storage import Store


def test_targets_default_to_published_then_national():
    with Store.memory() as st:
        st.load("regions", REGIONS, file="r.csv", who="t", why="t")
        st.load("energy", ENERGY, file="e.csv", who="t", why="t")
        result = dual_control.assess(store=st, period="2021", edition="2022")
    rows = {r["region_code"]: r for r in result.table.iter_rows(named=True)}
    # 北京 and 天津 published 14 % and 14.5 % (catalog provincial_intensity_targets_14th); 河北 is a gap there,
    # so it takes the national 13.5 % of 国发〔2021〕33号.
    assert rows["110000"]["five_year_target"] == pytest.approx(0.14)
    assert rows["110000"]["target_source"].startswith("catalog provincial_intensity_targets_14th")
    assert rows["120000"]["five_year_target"] == pytest.approx(0.145)
    assert rows["130000"]["five_year_target"] == pytest.approx(0.135)
    assert rows["130000"]["target_source"] == "parent 100000"
    # yearly requirement from 14.5 %: 1 − 0.855^(1/5) = 1 − exp(ln 0.855 / 5) = 1 − exp(−0.0313308) = 0.030845
    assert rows["120000"]["required_reduction_annual"] == pytest.approx(0.030845, abs=5e-7)
