"""ecer.core.energy: the sum over carriers of GB/T 2589-2020 §4 and its refusal of an unknown carrier."""

import pytest

from ecer.core.energy import comprehensive_energy


def test_a_carrier_without_a_coefficient_is_named_never_dropped():
    # 木头 has no coefficient: the error names it and the carriers that have one (dropping it would give
    # 1000 t × 0.7143 = 714.3 tce, too low)
    with pytest.raises(KeyError) as err:
        comprehensive_energy({"原煤": 1000, "木头": 5}, {"原煤": 0.7143, "电力": 0.1229})
    assert "['木头']" in str(err.value)
    assert "known: ['原煤', '电力']" in str(err.value)
