"""Comprehensive energy from physical quantities with the GB/T 2589 coefficients of the catalog.

Hand calculation (coefficients from GB/T 2589 附录A as shipped in refdata ``coal_coefficients`` 2026):
1 000 t raw coal × 0.7143 kgce/kg = 714.3 tce; 500 MWh × 0.1229 kgce/kWh (当量值) = 61.45 tce;
1 万m³ 气田天然气 × 1.2143 kgce/m³ = 12.143 tce; 2 t diesel × 1.4571 kgce/kg = 2.9142 tce;
total 790.8072 tce. 1 万m³ 油田天然气 × 1.3300 = 13.3 tce. 100 GJ heat × 0.03412 kgce/MJ = 3.412 tce.
At the 2020 等价值 305.5 gce/kWh (supply rate, 1519号) the 500 MWh are 152.75 tce; at a supplied 290 gce/kWh, 145 tce.
"""

import pytest

from ecer import refdata
from ecer.findings import FindingsError
from ecer.services.energy import comprehensive_energy


def test_hand_calculation():
    total, lines = comprehensive_energy({"原煤": (1000, "t"), "电力": (500, "MWh"), "气田天然气": (1, "万m3"),
                                         "柴油": (2, "吨")})
    assert total == pytest.approx(790.8072, abs=1e-9)
    assert [round(ln.tce, 6) for ln in lines] == [714.3, 61.45, 12.143, 2.9142]


def test_every_line_names_its_coefficient_and_basis():
    _, lines = comprehensive_energy({"油田天然气": (1, "万m3"), "热力": (100, "GJ"), "电力": (500, "MWh")})
    by = {ln.carrier: ln for ln in lines}
    assert by["油田天然气"].tce == pytest.approx(13.3)
    assert by["油田天然气"].basis == "油田天然气 1.3300 kgce/m3 (GB/T 2589-2008)"
    assert by["热力"].tce == pytest.approx(3.412) and by["热力"].basis.startswith("热力 0.03412 kgce/MJ")
    assert "calorific value (当量值) 0.1229 kgce/kWh" in by["电力"].basis
    assert all(ln.source for ln in lines)


def test_natural_gas_needs_its_kind():
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"天然气": (2, "万m3")})
    f = err.value.findings[0]
    assert f.code == "E_CARRIER_AMBIGUOUS" and f.evidence["kinds"] == ["油田天然气", "气田天然气"]
    assert "油田天然气 1.3300 kgce/m3" in f.message_en and "气田天然气 1.2143 kgce/m3" in f.message_en
    assert "气田天然气=2万m3" in f.fix_zh
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"煤泥": (3, "t")})
    assert err.value.findings[0].code == "E_CARRIER_AMBIGUOUS" and "0.2857-0.4286" in err.value.findings[0].message_en


def test_electricity_coal_equivalent_needs_a_year_with_a_factor():
    total, lines = comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent", year=2020)
    assert total == pytest.approx(152.75)
    assert "supply coal rate (供电标准煤耗)" in lines[0].basis and "305.5 gce/kWh" in lines[0].basis
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent", year=2023)
    f = err.value.findings[0]
    assert f.code == "E_ELECTRICITY_FACTOR_NOT_SHIPPED" and "2023" in f.message_en
    assert "calorific" not in lines[0].basis  # never a silent fallback
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent")
    assert "needs a year" in err.value.findings[0].message_en


def test_a_supplied_factor_replaces_the_shipped_one():
    own = refdata.supplied_electricity_factor(290, year=2023, scope="某省", source="user: 省统计局 2023")
    total, lines = comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent", year=2023,
                                        electricity_factor=own)
    assert total == pytest.approx(145.0)
    assert lines[0].source == "user: 省统计局 2023" and "generation coal rate" in lines[0].basis


def test_unknown_carrier_and_wrong_unit_are_errors_not_dropped():
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"原煤": (1000, "MWh"), "木头": (5, "t")})
    codes = sorted(f.code for f in err.value.findings)
    assert codes == ["E_UNIT_INVALID", "E_UNKNOWN_NAME"]
