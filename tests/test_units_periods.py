"""Units and periods: every header alias parses; conversions round-trip; period labels round-trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecer import units
from ecer.periods import Period


@pytest.mark.parametrize("label", sorted(units._ALIASES))
def test_every_alias_parses(label):
    assert units.parse_unit(label) is not None


ENERGY_UNITS = ["tce", "kgce", "万tce", "亿tce", "gce", "kWh", "MWh", "万kWh", "亿kWh", "kgoe", "toe", "GJ"]
MONEY = ["元", "万元", "亿元"]


@given(a=st.sampled_from(ENERGY_UNITS), b=st.sampled_from(ENERGY_UNITS), x=st.floats(1e-6, 1e12))
def test_energy_conversions_round_trip(a, b, x):
    assert x * units.factor(a, b) * units.factor(b, a) == pytest.approx(x, rel=1e-12)


def test_known_factors():
    """GB/T 2589: 1 kgce = 29 307 kJ, 1 kgoe = 41 816 kJ; 1 万tce = 10⁴ tce; 1 亿元 = 10⁴ 万元."""
    assert units.factor("kgce", "kJ") == pytest.approx(29307)
    assert units.factor("kgoe", "kgce") == pytest.approx(41816 / 29307)
    assert units.factor("万tce", "tce") == 1e4 and units.factor("亿元", "万元") == 1e4
    assert units.factor("万m3", "m**3") == 1e4 and units.factor("亿吨", "万吨") == 1e4
    assert not units.same_unit("toe", "万tce") and units.same_unit("元", "CNY")
    with pytest.raises(ValueError):
        units.parse_unit("万桶")
    assert all(not units.same_unit(m, e) for m in MONEY for e in ENERGY_UNITS)


@given(year=st.integers(1990, 2060), kind=st.sampled_from(["Y", "H", "Q", "M", "YTD"]), i=st.integers(1, 12))
def test_period_labels_round_trip(year, kind, i):
    index = {"Y": 0, "H": 1 + i % 2, "Q": 1 + i % 4, "M": i, "YTD": i}[kind]
    p = Period(year, kind, index)
    assert Period.parse(str(p)) == p
    assert p.shift_years(-1).shift_years(1) == p
    assert len(p.months) == round(p.fraction_of_year * 12)
