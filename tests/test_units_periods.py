"""Units and periods against values worked out by hand: a wrong alias, factor or month list fails here.

Units: every header alias maps to the unit written below, and its factor to a reference unit is the
one worked out by hand (GB/T 2589-2020: 1 kgce = 29 307 kJ, 1 kgoe = 41 816 kJ; 1 kWh = 3 600 kJ; 万 =
10⁴, 亿 = 10⁸). Energy conversions between every pair of units equal the ratio of their hand-worked
kJ values. Periods: the months of every kind are listed by hand (2021H2 = Jul–Dec, 2021Q3 = Jul–Sep,
2021-07YTD = Jan–Jul).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecer import units
from ecer.periods import Period

# alias → (unit it must parse to, reference unit, factor alias → reference worked out by hand)
ALIASES: dict[str, tuple[str, str, float]] = {
    **dict.fromkeys(["tce", "吨标准煤", "吨标煤", "t标准煤"], ("tce", "kgce", 1e3)),
    **dict.fromkeys(["万tce", "万吨标准煤", "万吨标煤", "10^4tce", "10⁴tce"], ("wan_tce", "tce", 1e4)),
    **dict.fromkeys(["亿tce", "亿吨标准煤"], ("yi_tce", "tce", 1e8)),
    **dict.fromkeys(["kgce", "千克标准煤", "千克标煤"], ("kgce", "kJ", 29_307)),
    **dict.fromkeys(["gce", "克标准煤"], ("gce", "kJ", 29.307)),
    **dict.fromkeys(["kgoe", "千克标准油"], ("kgoe", "kJ", 41_816)),
    # GB/T 2589 toe = 1 000 kgoe = 41.816 GJ (pint's own toe is the IEA's 41.868 GJ: must not be used)
    **dict.fromkeys(["toe", "吨标准油"], ("toe_gb", "GJ", 41.816)),
    **dict.fromkeys(["kwh", "千瓦时", "度"], ("kWh", "kJ", 3_600)),
    **dict.fromkeys(["mwh", "兆瓦时"], ("MWh", "kWh", 1e3)),
    "gwh": ("GWh", "kWh", 1e6),
    "twh": ("TWh", "kWh", 1e9),
    **dict.fromkeys(["万kwh", "万千瓦时"], ("wan_kWh", "MWh", 10)),
    **dict.fromkeys(["亿kwh", "亿千瓦时"], ("yi_kWh", "kWh", 1e8)),
    **dict.fromkeys(["万m3", "万立方米", "万m³"], ("wan_m3", "m**3", 1e4)),
    **dict.fromkeys(["亿m3", "亿立方米", "亿m³"], ("yi_m3", "m**3", 1e8)),
    **dict.fromkeys(["立方米", "m³", "m3"], ("m**3", "L", 1e3)),
    "m2": ("m**2", "cm**2", 1e4),
    "吨": ("t", "kg", 1e3),
    "万吨": ("wan_t", "t", 1e4),
    "亿吨": ("yi_t", "wan_t", 1e4),
    **dict.fromkeys(["千克", "公斤"], ("kg", "g", 1e3)),
    "万公里": ("wan_km", "km", 1e4),
    "吉焦": ("GJ", "MJ", 1e3),
    "兆焦": ("MJ", "kJ", 1e3),
    **dict.fromkeys(["万m3/d", "万立方米/日"], ("wan_m3/day", "m**3/hour", 1e4 / 24)),
    **dict.fromkeys(["万吨/d", "万吨/日"], ("wan_t/day", "t/day", 1e4)),
    **dict.fromkeys(["元", "cny"], ("CNY", "CNY", 1)),
    **dict.fromkeys(["万元", "10^4cny", "10⁴cny"], ("wan_CNY", "CNY", 1e4)),
    **dict.fromkeys(["亿元", "10^8cny", "10⁸cny"], ("yi_CNY", "wan_CNY", 1e4)),
    # intensity: 1 tce / 10⁴ CNY = 1 000 kgce / 10 000 CNY = 0.1 kgce/CNY
    **dict.fromkeys(["tce/万元", "吨标准煤/万元", "tce/10^4cny"], ("tce/wan_CNY", "kgce/CNY", 0.1)),
    # coal rates: 1 gce/kWh = 10⁻³ kgce/kWh
    **dict.fromkeys(["gce/kwh", "克标准煤/千瓦时"], ("mkgce/kWh", "kgce/kWh", 1e-3)),
    **dict.fromkeys(["kgce/kwh", "千克标准煤/千瓦时"], ("kgce/kWh", "gce/kWh", 1e3)),
    "kgce/m2": ("kgce/m**2", "gce/m**2", 1e3),
    "kgce/m3": ("kgce/m**3", "kgce/L", 1e-3),
    "kgoe/(t·能量因数)": ("kgoe/t", "kgoe/kg", 1e-3),
    "kgce/重量箱": ("kgce/count", "gce/count", 1e3),
    "kgco2/kwh": ("kg/kWh", "g/kWh", 1e3),
    "tco2/mwh": ("t/MWh", "kg/kWh", 1),  # 1 000 kg per 1 000 kWh
    "家": ("count", "count", 1),
    **dict.fromkeys(["百分点", "%"], ("percent", "dimensionless", 0.01)),
}


def test_the_hand_table_covers_every_alias():
    assert set(ALIASES) == set(units._ALIASES)


@pytest.mark.parametrize("label", sorted(ALIASES))
def test_every_alias_is_its_unit_with_the_hand_factor(label):
    unit, reference, hand = ALIASES[label]
    parsed = units.parse_unit(label)
    assert parsed == units.ureg.Unit(unit), (label, str(parsed))
    assert units.factor(parsed, reference) == pytest.approx(hand, rel=1e-12), label
    assert units.parse_unit(f"  {label.upper()} ") == parsed  # spaces and case do not matter


@pytest.mark.parametrize("a", sorted(ALIASES))
def test_the_registry_free_shortcut_agrees_with_pint(a):
    """``factor`` and ``same_unit`` answer two labels of one unit without the registry (``alias``): for every pair
    of aliases the answer is pint's own, from the parsed units."""
    pa = units.parse_unit(a)
    for b in sorted(ALIASES):
        pb = units.parse_unit(b)
        assert units.same_unit(a, b) == units.same_unit(pa, pb), (a, b)
        if pa.dimensionality == pb.dimensionality:
            assert units.factor(a, b) == pytest.approx(units.factor(pa, pb), rel=1e-12), (a, b)
        else:
            with pytest.raises(TypeError):  # pint's DimensionalityError
                units.factor(a, b)
    assert units.alias(a) == ALIASES[a][0]


def test_the_factor_table_is_pints():
    """``ecer.unit_factors`` (written by scripts/build_unit_factors.py) is pint's factor for every ordered pair of
    alias units of one dimension — none missing, none left over, each equal to the registry's."""
    from ecer.unit_factors import FACTORS

    names = sorted(set(units._ALIASES.values()))
    parsed = {n: units.parse_unit(n) for n in names}
    expected = {(a, b) for a in names for b in names if a != b and parsed[a].dimensionality == parsed[b].dimensionality}
    assert set(FACTORS) == expected, "run .venv/bin/python scripts/build_unit_factors.py"
    for (a, b), f in FACTORS.items():
        assert f == units.factor(parsed[a], parsed[b]), (a, b)
    assert FACTORS[("wan_tce", "tce")] == 1e4 and FACTORS[("wan_kWh", "MWh")] == 10.0  # by hand: 10⁴ tce; 10⁴ kWh


def test_alias_names_the_registry_unit_without_building_it():
    assert units.alias(" 万吨标准煤 ") == "wan_tce" and units.alias("MWH") == "MWh" and units.alias("yi_CNY") == "yi_CNY"
    assert units.alias("yi_cny") is None and units.alias("furlong") is None  # registry names are exact, as in pint
    assert units.factor("亿元", "yi_CNY") == 1.0 and units.factor("tce", "吨标准煤") == 1.0


def test_a_template_unit_file_is_checked_without_pint(tmp_path):
    """The registry is built at its first use: a check whose header units are the template's own never imports
    pint (≈ 0.45 s of every ``ecer check`` / ``ecer load``), and converts nothing (factor 1)."""
    import subprocess
    import sys

    f = tmp_path / "energy.csv"
    f.write_text("地区代码 / region_code,期间 / period,能源消费总量（万吨标准煤）/ total_energy (万tce),"
                 "可再生能源电力消费量（万千瓦时）/ renewable_electricity (万kWh),地区生产总值（亿元）/ gdp_constant (亿元),"
                 "可比价基年 / price_base_year,数据性质 / data_origin\n"
                 "110000,2021,7000,1234.5,40000,2020,official\n110000,2022,7100,1300,41000,2020,official\n",
                 encoding="utf-8")
    code = ("import sys; from ecer.services.loading import check_file; r = check_file(sys.argv[1], 'energy'); "
            "assert not r.errors, r.errors; f = r.frame; print(f['total_energy'].to_list(), "
            "f['renewable_electricity'].to_list(), f['gdp_constant'].to_list(), 'pint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, check=False)
    # by hand: 1 万tce = 10⁴ tce; 1 万kWh = 10 MWh; 亿元 is the canonical unit
    assert out.stdout.split() == ["[70000000.0,", "71000000.0]", "[12345.0,", "13000.0]", "[40000.0,", "41000.0]",
                                  "False"], out.stdout + out.stderr


# Each energy unit in kJ, by hand: kgce 29 307 kJ, kgoe 41 816 kJ, kWh 3 600 kJ (GB/T 2589-2020).
ENERGY_KJ = {
    "gce": 29.307, "kgce": 29_307.0, "tce": 29_307e3, "万tce": 29_307e7, "亿tce": 29_307e11,
    "kWh": 3_600.0, "MWh": 3_600e3, "万kWh": 3_600e4, "亿kWh": 3_600e8,
    "kgoe": 41_816.0, "toe": 41_816e3, "GJ": 1e6,
}
MONEY = ["元", "万元", "亿元"]


@pytest.mark.parametrize("a", sorted(ENERGY_KJ))
@pytest.mark.parametrize("b", sorted(ENERGY_KJ))
def test_energy_factor_is_the_ratio_of_hand_worked_values(a, b):
    assert units.factor(a, b) == pytest.approx(ENERGY_KJ[a] / ENERGY_KJ[b], rel=1e-12)


@given(a=st.sampled_from(sorted(ENERGY_KJ)), b=st.sampled_from(sorted(ENERGY_KJ)), x=st.floats(1e-6, 1e12))
def test_a_quantity_converts_by_the_hand_factor(a, b, x):
    got = units.Q_(x, units.parse_unit(a)).to(units.parse_unit(b)).magnitude
    assert float(got) == pytest.approx(x * ENERGY_KJ[a] / ENERGY_KJ[b], rel=1e-12)


def test_known_factors():
    """GB/T 2589: 1 kgce = 29 307 kJ, 1 kgoe = 41 816 kJ; 1 万tce = 10⁴ tce; 1 亿元 = 10⁴ 万元."""
    assert units.factor("kgce", "kJ") == pytest.approx(29307)
    assert units.factor("kgoe", "kgce") == pytest.approx(41816 / 29307)
    assert units.factor("万tce", "tce") == 1e4 and units.factor("亿元", "万元") == 1e4
    assert units.factor("万m3", "m**3") == 1e4 and units.factor("亿吨", "万吨") == 1e4
    # 当量值: 1 亿kWh × 3 600 kJ/kWh ÷ 29 307 kJ/kgce = 12 283.7 tce = 1.22837 万tce
    assert units.factor("亿kWh", "万tce") == pytest.approx(1e8 * 3600 / 29307 / 1e7, rel=1e-12)
    assert units.factor("kWh", "kgce") == pytest.approx(0.122838, abs=1e-6)
    assert not units.same_unit("toe", "万tce") and units.same_unit("元", "CNY")
    assert units.same_unit("万吨标准煤", "10⁴tce") and not units.same_unit("tce", "万tce")
    with pytest.raises(ValueError, match="万桶"):
        units.parse_unit("万桶")
    with pytest.raises(Exception):  # noqa: B017 - pint's DimensionalityError: money is not energy
        units.factor("万元", "tce")
    assert all(not units.same_unit(m, e) for m in MONEY for e in ENERGY_KJ)


# --- periods ------------------------------------------------------------------------------------

MONTHS = {
    "2021": tuple(range(1, 13)),
    "2021H1": (1, 2, 3, 4, 5, 6),
    "2021H2": (7, 8, 9, 10, 11, 12),
    "2021Q1": (1, 2, 3),
    "2021Q2": (4, 5, 6),
    "2021Q3": (7, 8, 9),
    "2021Q4": (10, 11, 12),
    "2021-01": (1,),
    "2021-07": (7,),
    "2021-12": (12,),
    "2021-01YTD": (1,),
    "2021-07YTD": (1, 2, 3, 4, 5, 6, 7),
    "2021-12YTD": tuple(range(1, 13)),
}


@pytest.mark.parametrize("label", sorted(MONTHS))
def test_months_of_each_period(label):
    p = Period.parse(label)
    assert p.months == MONTHS[label]
    assert p.fraction_of_year == len(MONTHS[label]) / 12
    assert [str(m) for m in p.month_periods()] == [f"2021-{m:02d}" for m in MONTHS[label]]
    assert str(p) == label


def test_parsed_fields_labels_and_shifts():
    assert Period.parse("2021Q3") == Period(2021, "Q", 3)
    assert Period.parse(" 2021h2 ") == Period(2021, "H", 2)
    assert Period.parse("2021-07YTD") == Period(2021, "YTD", 7)
    assert Period.parse(2021) == Period(2021, "Y", 0)
    assert [Period.parse(t).label_zh for t in ("2021", "2021H2", "2021Q3", "2021-07", "2021-07YTD")] == [
        "2021年", "2021年下半年", "2021年第3季度", "2021年7月", "2021年1—7月"]
    assert str(Period.parse("2021H2").shift_years(-1)) == "2020H2"
    assert str(Period.parse("2021-07YTD").shift_years(-6)) == "2015-07YTD"
    for bad in ("2021H3", "2021Q0", "2021Q5", "2021-00", "2021-13", "21", "2021-7", "1900"):
        with pytest.raises(ValueError, match="malformed period"):
            Period.parse(bad)


@given(year=st.integers(1990, 2060), kind=st.sampled_from(["Y", "H", "Q", "M", "YTD"]), i=st.integers(1, 12))
def test_period_labels_round_trip_and_months_add_up(year, kind, i):
    index = {"Y": 0, "H": 1 + i % 2, "Q": 1 + i % 4, "M": i, "YTD": i}[kind]
    p = Period(year, kind, index)
    assert Period.parse(str(p)) == p
    assert p.shift_years(-1).shift_years(1) == p
    # months by rule, independent of the table above
    want = {"Y": range(1, 13), "H": range(6 * index - 5, 6 * index + 1), "Q": range(3 * index - 2, 3 * index + 1),
            "M": range(index, index + 1), "YTD": range(1, index + 1)}[kind]
    assert p.months == tuple(want)


def test_halves_and_quarters_partition_the_year():
    year = Period.parse("2021").months
    assert Period.parse("2021H1").months + Period.parse("2021H2").months == year
    assert sum((Period.parse(f"2021Q{q}").months for q in range(1, 5)), ()) == year
