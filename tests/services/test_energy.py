"""Comprehensive energy from physical quantities with the GB/T 2589 coefficients of the catalog.

Hand calculation (coefficients from GB/T 2589 附录A as shipped in refdata ``coal_coefficients``):
1 000 t raw coal × 0.7143 kgce/kg = 714.3 tce; 500 MWh × 0.1229 kgce/kWh (当量值) = 61.45 tce;
1 万m³ natural gas × 1.2143 kgce/m³ = 12.143 tce; 2 t diesel × 1.4571 kgce/kg = 2.9142 tce;
total 790.8072 tce. At the 2020 等价值 305.5 gce/kWh the 500 MWh are 152.75 tce.
"""

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.findings import FindingsError
from ecer.services.energy import comprehensive_energy


def test_hand_calculation():
    total, lines = comprehensive_energy({"原煤": (1000, "t"), "电力": (500, "MWh"), "天然气": (1, "万m3"),
                                         "柴油": (2, "吨")})
    assert total == pytest.approx(790.8072, abs=1e-9)
    assert [round(ln.tce, 6) for ln in lines] == [714.3, 61.45, 12.143, 2.9142]


def test_electricity_coal_equivalent_needs_a_sourced_year():
    total, _ = comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent", year=2020)
    assert total == pytest.approx(152.75)
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"电力": (500, "MWh")}, electricity_method="coal_equivalent", year=2023)
    assert "2023" in err.value.findings[0].message_en


def test_unknown_carrier_and_wrong_unit_are_errors_not_dropped():
    with pytest.raises(FindingsError) as err:
        comprehensive_energy({"原煤": (1000, "MWh"), "木头": (5, "t")})
    codes = sorted(f.code for f in err.value.findings)
    assert codes == ["E_UNIT_INVALID", "E_UNKNOWN_NAME"]


def test_cli():
    res = CliRunner().invoke(app, ["energy", "convert", "原煤=1000t", "电力=500MWh", "-f", "json"])
    assert res.exit_code == 0, res.output
    assert '"total_tce": 775.75' in res.stdout
