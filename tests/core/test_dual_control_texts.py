"""Dual control right by the texts (issue 5 §1): cases worked by hand, each with the clause it checks.

Units: tce, 10⁸ CNY (GDP at 2020 prices), MWh; rates as fractions. Intensity I = E / (G·10⁴) [tce/10⁴ CNY].
Even pace of T = 13.5 %: R₁ = 1 − 0.865^(1/5) = 0.0285885; R₂ = 1 − 0.865^(2/5) = 0.0563597; of T_inc = 16 %:
R₁ = 1 − 0.84^(1/5) = 0.0342697, R₂ = 1 − 0.84^(2/5) = 0.0673650.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.core.cases import energy, renewable_path, run, target, targets

R1, R2 = 1 - 0.865 ** 0.2, 1 - 0.865 ** 0.4
INC1, INC2 = 1 - 0.84 ** 0.2, 1 - 0.84 ** 0.4


def test_hand_values_of_the_pace() -> None:
    assert R1 == pytest.approx(0.0285885, abs=1e-7) and R2 == pytest.approx(0.0563597, abs=1e-7)
    assert INC1 == pytest.approx(0.0342697, abs=1e-7) and INC2 == pytest.approx(0.0673650, abs=1e-7)


# --- §1.1 actual GDP above plan raises the allowed total (国发〔2021〕33号 四(一)) ---------------------------------

def _overshoot_case(gdp_2021: float) -> dict:
    annual = pl.DataFrame({"region_code": ["110000"], "year": [2021], "intensity_reduction": [0.03],
                           "source": ["filed 3 %"]})
    data = energy([{"region_code": "110000", "period": "2020", "total_energy": 10000.0, "gdp_constant": 100.0},
                   {"region_code": "110000", "period": "2021", "total_energy": 10476.0, "gdp_constant": gdp_2021}])
    rows, _ = run(data, targets(target("110000", 0.135, gdp_growth=0.06)), annual=annual)
    return rows[("110000", "2021")]


def test_gdp_above_plan_raises_the_allowed_total() -> None:
    """Plan 6 %, actual 8 %, yearly requirement 3 % (filed), energy +4.76 %: allowed by the plan
    (1.06)(0.97) − 1 = 2.82 % (4.76 % would be 一级, 1.94 pp above it); raised for the GDP overshoot to
    (1.08)(0.97) − 1 = 4.76 % → 三级, not red. Intensity: (10476/108)/(10000/100) − 1 = −3 % = the target → 三级."""
    r = _overshoot_case(108.0)
    assert r["energy_growth_yoy"] == pytest.approx(0.0476, abs=1e-12)
    assert r["gdp_growth_yoy"] == pytest.approx(0.08, abs=1e-12)
    assert r["required_reduction_annual"] == 0.03 and r["annual_target_source"] == "filed 3 %"
    assert r["allowed_energy_growth_plan"] == pytest.approx(1.06 * 0.97 - 1, abs=1e-12)
    assert r["allowed_energy_growth"] == pytest.approx(1.08 * 0.97 - 1, abs=1e-12)
    assert r["allowed_growth_basis"] == "gdp_plan+gdp_above_plan"
    assert r["total_grade"] == 3 and r["total_color"] == "green"
    assert r["intensity_change_yoy"] == pytest.approx(-0.03, abs=1e-12) and r["intensity_grade"] == 3
    assert r["energy_allowed"] == pytest.approx(10000 * 1.08 * 0.97, abs=1e-6)  # absolute: 10476 tce


def test_gdp_below_plan_keeps_the_plan_allowance() -> None:
    """Actual GDP +5 % < plan 6 %: the plan's 2.82 % stands; energy +4.76 % is 1.94 pp above → 一级."""
    r = _overshoot_case(105.0)
    assert r["allowed_energy_growth"] == pytest.approx(1.06 * 0.97 - 1, abs=1e-12)
    assert r["allowed_growth_basis"] == "gdp_plan" and r["total_grade"] == 1


# --- §1.2 deductions on the data's basis, with the year's factor ------------------------------------------------

def _renewables(basis: str, rate_2021: float | None) -> pl.DataFrame:
    return energy([
        {"region_code": "110000", "period": "2020", "total_energy": 10000.0, "gdp_constant": 100.0,
         "renewable_electricity": 10000.0, "electricity_basis": basis, "electricity_coal_rate": 305.5},
        {"region_code": "110000", "period": "2021", "total_energy": 10500.0, "gdp_constant": 105.0,
         "renewable_electricity": 20000.0, "electricity_basis": basis, "electricity_coal_rate": rate_2021}])


def test_coal_equivalent_basis_deducts_at_the_years_factor() -> None:
    """Totals on the 等价值 basis (NBS 发电煤耗计算法), 2021 coal rate 300 gce/kWh given with the data: the new
    renewable electricity (20000 − 10000) MWh leaves the total at 0.300 tce/MWh = 3000 tce (not 1229 tce at the
    calorific 0.1229): E_tot = 10500 − 3000 = 7500; growth 7500 / 10000 − 1 = −25 % (2022 edition, 1258号)."""
    rows, findings = run(_renewables("coal_equivalent", 300.0), targets(target("110000", 0.135, gdp_growth=0.05)))
    r = rows[("110000", "2021")]
    assert r["electricity_factor"] == pytest.approx(0.3) and r["electricity_factor_rate"] == "given"
    assert "300" in r["electricity_factor_source"]
    assert r["renewable_deduction_total"] == pytest.approx(3000.0)
    assert r["energy_for_total"] == pytest.approx(7500.0)
    assert r["energy_growth_yoy"] == pytest.approx(-0.25)
    assert r["energy_for_intensity"] == pytest.approx(10500.0)  # still in intensity (1258号: 仍纳入能耗强度考核)
    assert not [f for f in findings if f.level == "error"]


def test_calorific_basis_deducts_at_the_calorific_value() -> None:
    rows, _ = run(_renewables("calorific", None), targets(target("110000", 0.135, gdp_growth=0.05)))
    r = rows[("110000", "2021")]
    assert r["renewable_deduction_total"] == pytest.approx(1229.0)  # 10000 MWh × 0.1229 tce/MWh
    assert r["energy_for_total"] == pytest.approx(9271.0) and r["electricity_basis"] == "calorific"


def test_factor_file_region_then_national() -> None:
    """Without a rate in the data: the region's own factor of the year (287 gce/kWh) wins over the national one
    (290), which applies to every other region: deductions 10000 × 0.287 = 2870 and 10000 × 0.290 = 2900 tce."""
    base = _renewables("coal_equivalent", None)
    other = base.with_columns(region_code=pl.lit("120000"))
    factors = pl.DataFrame({"region_code": [None, "110000", "100000"], "year": [None, 2021, 2021],
                            "basis": ["calorific", "coal_equivalent", "coal_equivalent"],
                            "factor": [0.1229, 0.287, 0.290], "rate": ["calorific", "generation", "generation"],
                            "source": ["GB/T 2589", "北京统计年鉴", "national"]})
    tg = targets(target("110000", 0.135, gdp_growth=0.05), target("120000", 0.135, gdp_growth=0.05))
    rows, _ = run(pl.concat([base, other]), tg, factors=factors)
    assert rows[("110000", "2021")]["renewable_deduction_total"] == pytest.approx(2870.0)
    assert rows[("110000", "2021")]["electricity_factor_source"] == "北京统计年鉴"
    assert rows[("120000", "2021")]["renewable_deduction_total"] == pytest.approx(2900.0)


def test_a_year_without_a_factor_is_an_error_never_the_calorific_value() -> None:
    rows, findings = run(_renewables("coal_equivalent", None), targets(target("110000", 0.135, gdp_growth=0.05)))
    r = rows[("110000", "2021")]
    assert r["electricity_factor"] is None and r["renewable_deduction_total"] is None
    assert r["energy_for_total"] is None and r["total_grade"] is None
    missing = [f for f in findings if f.code == "E_ELECTRICITY_FACTOR_MISSING"]
    assert [f.evidence["year"] for f in missing] == [2021] and missing[0].level == "error"
    assert "110000" in missing[0].evidence["regions"]
    assert "electricity_factors" in missing[0].fix_en and "发电煤耗" in missing[0].fix_zh


# --- §1.3 barometer and assessment are two things (629号 vs 1310号 第(十三)条, 第(九)条) ----------------------------

def _progress_case() -> pl.DataFrame:
    """G = 100 every year; I₂₀₂₀ = 0.01; 2021 −6 %; 2022 −2 % (E = 9212): cumulative 1 − 0.9212 = 7.88 %."""
    return energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
                   for p, e in (("2020", 10000.0), ("2021", 9400.0), ("2022", 9212.0))])


def test_same_data_graded_by_barometer_and_assessment_differently() -> None:
    """2022: ΔI = −2 % < R₁ = 2.859 % → barometer 二级 (降低率未达到进度要求); but the cumulative 7.88 % ≥ R₂ =
    5.636 % → the assessment counts the annual target as met by five-year progress (1310号 第(十三)条)."""
    rows, _ = run(_progress_case(), targets(target("110000", 0.135, incentive=0.16, gdp_growth=0.0)))
    r = rows[("110000", "2022")]
    assert r["intensity_change_yoy"] == pytest.approx(-0.02, abs=1e-12)
    assert r["intensity_reduction_cumulative"] == pytest.approx(0.0788, abs=1e-12)
    assert r["required_reduction_cumulative"] == pytest.approx(R2, abs=1e-12)
    assert (r["intensity_grade"], r["intensity_color"]) == (2, "yellow")
    assert r["intensity_annual_met"] is False and r["intensity_progress_met"] is True
    assert r["intensity_assessment"] == "met_by_progress" and r["assessment_scope"] == "annual"
    # total: growth 9212/9400 − 1 = −2 %; allowed (1 + 0)(1 − R₁) − 1 = −2.859 %: 0.859 pp above, within the
    # 1 pp margin → 二级; cumulative −7.88 % ≤ allowed (1 − R₂) − 1 = −5.636 % → met by progress.
    assert r["allowed_energy_growth"] == pytest.approx(-R1, abs=1e-12)
    assert r["total_grade"] == 2 and r["total_assessment"] == "met_by_progress"


def test_without_1310_progress_does_not_count() -> None:
    """The 2016 edition (13th-FYP practice) has no 第(十三)条: the same year is not met."""
    rows, _ = run(_progress_case(), targets(target("110000", 0.135, gdp_growth=0.0)), edition="2016",
                  periods=["2022"])
    assert rows[("110000", "2022")]["intensity_assessment"] == "not_met"
    assert rows[("110000", "2022")]["intensity_grade"] == 2  # the barometer does not change


def test_incentive_exempts_the_total_in_the_five_year_assessment_only() -> None:
    """2022: cumulative 7.88 % ≥ the incentive pace R₂(16 %) = 6.737 % → incentive reached, but 2022 is an
    annual assessment: exempt only with the explicit pro-rata option (1310号 第(九)条: 五年规划当期考核)."""
    tg = targets(target("110000", 0.135, incentive=0.16, gdp_growth=0.0))
    rows, _ = run(_progress_case(), tg)
    r = rows[("110000", "2022")]
    assert r["incentive_required_cumulative"] == pytest.approx(INC2, abs=1e-12)
    assert r["incentive_reached"] is True and r["total_exempt"] is False and r["total_assessment"] != "exempt"
    rows, _ = run(_progress_case(), tg, incentive_exemption_pro_rata=True)
    assert rows[("110000", "2022")]["total_exempt"] is True
    assert rows[("110000", "2022")]["total_assessment"] == "exempt"
    assert rows[("110000", "2022")]["total_grade"] == 2  # the barometer still warns


@pytest.mark.parametrize(("e_2025", "assessment", "exempt"), [(8300.0, "met", True), (8500.0, "met", False),
                                                             (8700.0, "not_met", False)])
def test_five_year_assessment(e_2025: float, assessment: str, exempt: bool) -> None:
    """2025 against 2020 (G constant): D = 1 − E₂₀₂₅/10000 = 17 %, 15 %, 13 %: met when ≥ T = 13.5 %; the total
    exempt when ≥ T_inc = 16 %; else the total is assessed by its cumulative growth (−15 % ≤ −13.5 % allowed)."""
    path = (("2020", 10000.0), ("2021", 9600.0), ("2022", 9200.0), ("2023", 8900.0), ("2024", 8600.0),
            ("2025", e_2025))
    data = energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0} for p, e in path])
    rows, _ = run(data, targets(target("110000", 0.135, incentive=0.16, gdp_growth=0.0)), edition="2024")
    r = rows[("110000", "2025")]
    assert r["assessment_scope"] == "five_year"
    assert r["intensity_reduction_cumulative"] == pytest.approx(1 - e_2025 / 10000, abs=1e-12)
    assert r["intensity_assessment"] == assessment and r["total_exempt"] is exempt
    assert r["total_assessment"] == ("exempt" if exempt else "met" if e_2025 == 8500.0 else "not_met")


# --- §1.4 editions before 33号; 2020 is the base year ----------------------------------------------------------

def _months_2020_2021() -> pl.DataFrame:
    """Equal months: 2020 E 1000, F 100, G 10; 2021 (Jan–Sep) E 1010, F 150, G 10.5."""
    rows = [{"region_code": "110000", "period": f"2020-{m:02d}", "total_energy": 1000.0, "feedstock_energy": 100.0,
             "gdp_constant": 10.0} for m in range(1, 13)]
    rows += [{"region_code": "110000", "period": f"2021-{m:02d}", "total_energy": 1010.0, "feedstock_energy": 150.0,
              "gdp_constant": 10.5} for m in range(1, 10)]
    return energy(rows)


def test_2021_h1_is_graded_under_the_edition_before_33() -> None:
    """2021 H1 ends 2021-06-30, before 1310号 (2021-09) and 33号 (2021-12-28): the 2016 edition, feedstock counted:
    I = 6060/(63·10⁴) vs 6000/(60·10⁴) → ΔI = 0.0096190/0.01 − 1 = −3.8095 %. 2021 Q3 (ends 09-30) falls under
    1310号 (2021-09 edition). Recomputed under 2024 (feedstock out): (5160/63)/(5400/60) − 1 = −8.9947 %."""
    tg = targets(target("110000", 0.135))
    rows, _ = run(_months_2020_2021(), tg, edition="2024", recompute=False, periods=["2021H1", "2021Q3"])
    h1 = rows[("110000", "2021H1")]
    assert h1["rule_edition"] == "2016" and h1["feedstock_deduction"] == 0.0
    assert h1["intensity_change_yoy"] == pytest.approx(6060 / 63 / 100 - 1, abs=1e-12)
    assert h1["intensity_change_yoy"] == pytest.approx(-0.038095, abs=1e-6)
    assert rows[("110000", "2021Q3")]["rule_edition"] == "2021-09"
    rows, _ = run(_months_2020_2021(), tg, edition="2024", recompute=True, periods=["2021H1"])
    again = rows[("110000", "2021H1")]
    assert again["rule_edition"] == "2024" and again["feedstock_deduction"] == pytest.approx(900.0)
    assert again["intensity_change_yoy"] == pytest.approx((5160 / 63) / (5400 / 60) - 1, abs=1e-12)


def test_2020_is_the_base_year_not_graded_against_the_14th_plan() -> None:
    data = energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": g}
                   for p, e, g in (("2019", 10000.0, 95.0), ("2020", 10100.0, 100.0))])
    rows, findings = run(data, targets(target("110000", 0.135)), periods=["2020"])
    r = rows[("110000", "2020")]
    assert r["plan"] == "13th" and r["plan_status"] == "base_year"
    assert r["intensity_grade"] is None and r["assessment_scope"] is None
    assert r["intensity"] == pytest.approx(10100 / 100e4)  # the levels are still shown
    assert [f.code for f in findings if f.code == "I_BASE_YEAR"] == ["I_BASE_YEAR"]


def test_2020_graded_against_the_13th_plan_when_its_targets_are_loaded() -> None:
    """13th FYP: 15 % (国发〔2016〕74号), base 2015. 2020 is its target year (five-year assessment); the yearly
    requirement 1 − 0.85^(1/5) = 3.1983 %; ΔI = (10100/100)/(10000/95) − 1 = −4.05 % → 三级."""
    data = energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": g}
                   for p, e, g in (("2015", 11000.0, 80.0), ("2019", 10000.0, 95.0), ("2020", 10100.0, 100.0))])
    tg = targets(target("110000", 0.135), target("110000", 0.15, plan="13th"))
    rows, _ = run(data, tg, edition="2024", recompute=False, periods=["2020"])
    r = rows[("110000", "2020")]
    assert r["plan_status"] == "in_plan" and r["rule_edition"] == "2016" and r["five_year_target"] == 0.15
    assert r["required_reduction_annual"] == pytest.approx(1 - 0.85 ** 0.2, abs=1e-12)
    assert r["intensity_change_yoy"] == pytest.approx(10100 / 100 / (10000 / 95) - 1, abs=1e-12)
    assert r["intensity_grade"] == 3 and r["assessment_scope"] == "five_year"
    # cumulative vs 2015: 1 − (10100/100)/(11000/80) = 26.545 % ≥ 15 % → met
    assert r["intensity_reduction_cumulative"] == pytest.approx(1 - (10100 / 100) / (11000 / 80), abs=1e-12)
    assert r["intensity_assessment"] == "met"


def test_a_period_outside_every_plan_is_an_error() -> None:
    data = energy([{"region_code": "110000", "period": p, "total_energy": 1.0, "gdp_constant": 1.0}
                   for p in ("2030", "2031")])
    _, findings = run(data, targets(target("110000", 0.135)), periods=["2031"])
    assert [f.code for f in findings if f.level == "error"] == ["E_PERIOD_OUTSIDE_PLAN"]


# --- §1.5 1258号: each year's increment over the previous year ---------------------------------------------------

def test_1258_previous_year_reading() -> None:
    """As written ("每年较上一年新增"): 2023's increment is 4000 − 2500 = 1500 MWh = 184.35 tce, deducted from 2023
    (10900 − 184.35 = 10715.65) and compared with 2022's actual 10600: +1.0910 %. Over the plan the increments of
    each year add up: 2000 (2021) + 0 (2022 fell) + 1500 = 3500 MWh = 430.15 tce → cumulative growth
    (10900 − 430.15)/10000 − 1 = +4.6985 %."""
    rows, _ = run(energy(renewable_path()), targets(target("110000", 0.135, gdp_growth=0.05)))
    r = rows[("110000", "2023")]
    assert r["renewable_increment"] == pytest.approx(1500.0)
    assert r["renewable_deduction_total"] == pytest.approx(184.35)
    assert r["energy_for_total_prev"] == pytest.approx(10600.0)
    assert r["energy_growth_yoy"] == pytest.approx((10900 - 184.35) / 10600 - 1, abs=1e-12)
    assert r["renewable_deduction_cumulative"] == pytest.approx(3500 * 0.1229)
    assert r["energy_growth_cumulative"] == pytest.approx((10900 - 430.15) / 10000 - 1, abs=1e-12)
    assert rows[("110000", "2022")]["renewable_deduction_total"] == 0.0  # a fall is not added back


def test_1258_base_year_reading() -> None:
    """Over the 2020 base: 2023 deducts 4000 − 1000 = 3000 MWh = 368.7 tce, 2022 deducts 1500 MWh = 184.35 tce:
    growth (10900 − 368.7)/(10600 − 184.35) − 1 = +1.1088 %."""
    rows, _ = run(energy(renewable_path()), targets(target("110000", 0.135, gdp_growth=0.05)),
                  renewable_increment_reading="base_year")
    r = rows[("110000", "2023")]
    assert r["renewable_deduction_total"] == pytest.approx(368.7)
    assert r["energy_for_total_prev"] == pytest.approx(10600 - 184.35)
    assert r["energy_growth_yoy"] == pytest.approx((10900 - 368.7) / (10600 - 184.35) - 1, abs=1e-12)
    assert r["energy_growth_cumulative"] == pytest.approx((10900 - 368.7) / 10000 - 1, abs=1e-12)


def test_the_two_readings_are_shown_where_they_grade_differently() -> None:
    """With an increment cap of 561.9 tce on E₂₀₂₀ = 10000 the allowed growth is (1.05619)^(1/5) − 1 = 1.0994 %:
    the previous-year reading grows +1.0910 % → 三级, the base-year reading +1.1088 % → 二级. The edition's reading
    (previous year) grades the total; a note shows the other."""
    rows, findings = run(energy(renewable_path()), targets(target("110000", 0.135, cap=561.9)), periods=["2023"])
    r = rows[("110000", "2023")]
    assert r["allowed_energy_growth"] == pytest.approx(1.05619 ** 0.2 - 1, abs=1e-12)
    assert r["allowed_growth_basis"] == "increment_cap" and r["total_grade"] == 3
    differ = [f for f in findings if f.code == "I_RENEWABLE_READINGS_DIFFER"]
    assert len(differ) == 1 and differ[0].evidence["period"] == "2023"
    assert differ[0].evidence["grade_previous"].startswith("三级")
    assert differ[0].evidence["grade_base"].startswith("二级")
    rows, _ = run(energy(renewable_path()), targets(target("110000", 0.135, cap=561.9)), periods=["2023"],
                  renewable_increment_reading="base_year")
    assert rows[("110000", "2023")]["total_grade"] == 2
