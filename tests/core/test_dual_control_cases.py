"""Cases worked by hand for what the foundation's suite did not cover (issue 5 §3.2), and the conflicts and
implausible values the assessment must report (§2.1, §2.4). Units: tce, 10⁸ CNY, MWh."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest

from ecer.core.dual_control.periods_agg import derive_periods, period_findings
from ecer.core.dual_control.plausibility import implausible_values
from ecer.core.targets.barometer import Thresholds, intensity_grade, total_grade
from ecer.core.targets.progress import chain_reductions
from tests.core.cases import energy, run, target, targets

R1 = 1 - 0.865 ** 0.2


def test_2024_excludes_nuclear_and_other_nonfossil() -> None:
    """2023 E 10000, N (nuclear) 500; 2024 E 10600, N 600; G 100 → 105. Under 2024 (发改环资〔2024〕113号) N leaves
    both years: (10000/105)/(9500/100) − 1 = +0.2506 %; under 2022 it stays: (10600/105)/(10000/100) − 1 = +0.9524 %."""
    data = energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": g,
                    "other_nonfossil_energy": n} for p, e, g, n in (("2020", 9000.0, 90.0, 400.0),
                                                                  ("2023", 10000.0, 100.0, 500.0),
                                                                  ("2024", 10600.0, 105.0, 600.0))])
    tg = targets(target("110000", 0.135))
    rows, _ = run(data, tg, edition="2024", periods=["2024"])
    r = rows[("110000", "2024")]
    assert r["nonfossil_deduction"] == 600.0 and r["energy_for_intensity"] == 10000.0
    assert r["intensity_change_yoy"] == pytest.approx((10000 / 105) / (9500 / 100) - 1, abs=1e-12)
    rows, _ = run(data, tg, edition="2022", periods=["2024"])
    assert rows[("110000", "2024")]["nonfossil_deduction"] == 0.0
    assert rows[("110000", "2024")]["intensity_change_yoy"] == pytest.approx((10600 / 105) / 100 - 1, abs=1e-12)


def test_separately_listed_value_added_leaves_gdp_when_chosen() -> None:
    """北京 2021 (tests/handcase.py): S = 300 tce leaves the energy; with its value added V = 0.5 亿元 removed
    too (津发改双碳〔2022〕93号): I = 9100 / (10.1·10⁴) = 0.0900990; ΔI = 0.0900990/0.09 − 1 = +0.1100 %
    (instead of −4.6122 % with GDP unchanged)."""
    from tests.handcase import ENERGY, TARGETS

    data = ENERGY.with_columns(separately_listed_value_added=pl.when(
        (pl.col("region_code") == "110000") & (pl.col("period") == "2021")).then(0.5).otherwise(0.0))
    rows, _ = run(data, TARGETS, separately_listed_remove_value_added=True)
    r = rows[("110000", "2021")]
    assert r["gdp"] == pytest.approx(10.1) and r["intensity"] == pytest.approx(9100 / 101000)
    assert r["intensity_change_yoy"] == pytest.approx(9100 / 101000 / 0.09 - 1, abs=1e-12)
    rows, _ = run(data, TARGETS)
    assert rows[("110000", "2021")]["intensity_change_yoy"] == pytest.approx(9100 / 106000 / 0.09 - 1, abs=1e-12)


def test_filed_annual_target_replaces_the_even_pace() -> None:
    """天津 2021: ΔI = −1.8868 %. Against the even pace R₁ = 2.859 % → 二级; against its filed annual target of
    1.5 % (1310号 第(四)条: 结合本地区实际确定年度目标并报国家发展改革委备案) → 三级, annual target met."""
    from tests.handcase import ENERGY, TARGETS

    annual = pl.DataFrame({"region_code": ["120000"], "year": [2021], "intensity_reduction": [0.015],
                           "source": ["天津 2021 年度目标（备案）"]})
    rows, _ = run(ENERGY, TARGETS, annual=annual)
    r = rows[("120000", "2021")]
    assert r["required_reduction_annual"] == 0.015 and r["annual_target_source"] == "天津 2021 年度目标（备案）"
    assert r["intensity_grade"] == 3 and r["intensity_annual_met"] is True
    assert rows[("130000", "2021")]["required_reduction_annual"] == pytest.approx(R1, abs=1e-12)  # not filed


def test_incentive_pace_told_apart_from_basic_pace() -> None:
    """2021 cumulative 3 %: ≥ the basic pace R₁(13.5 %) = 2.859 %, < the incentive pace R₁(16 %) = 3.427 %."""
    data = energy([{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
                   for p, e in (("2020", 10000.0), ("2021", 9700.0))])
    rows, _ = run(data, targets(target("110000", 0.135, incentive=0.16)))
    r = rows[("110000", "2021")]
    assert r["required_reduction_cumulative"] == pytest.approx(R1, abs=1e-12)
    assert r["incentive_required_cumulative"] == pytest.approx(1 - 0.84 ** 0.2, abs=1e-12)
    assert r["intensity_progress_met"] is True and r["incentive_reached"] is False


def test_cumulative_reduction_over_three_years() -> None:
    """ΔI −2 %, −3 %, −4 % (G constant): 2023 vs 2020 = 1 − 0.98·0.97·0.96 = 8.7424 % — the base year, not the
    previous one; the chaining rule gives the same; required R₃ = 1 − 0.865^(3/5) = 8.3337 % → on track."""
    e = [10000.0, 9800.0, 9800.0 * 0.97, 9800.0 * 0.97 * 0.96]
    data = energy([{"region_code": "110000", "period": str(2020 + i), "total_energy": v, "gdp_constant": 100.0}
                   for i, v in enumerate(e)])
    rows, _ = run(data, targets(target("110000", 0.135)))
    r = rows[("110000", "2023")]
    assert r["intensity_change_yoy"] == pytest.approx(-0.04, abs=1e-12)
    assert r["intensity_reduction_cumulative"] == pytest.approx(1 - 0.98 * 0.97 * 0.96, abs=1e-12)
    assert r["intensity_reduction_cumulative"] == pytest.approx(chain_reductions([0.02, 0.03, 0.04]), abs=1e-12)
    assert r["required_reduction_cumulative"] == pytest.approx(1 - 0.865 ** 0.6, abs=1e-12)
    assert r["progress_ratio"] == pytest.approx((1 - 0.98 * 0.97 * 0.96) / (1 - 0.865 ** 0.6), abs=1e-12)


def test_h1_and_h2_from_months_with_different_values() -> None:
    """2020: every month E 100; 2021: Jan–Jun 100, Jul–Dec 200; G 10 every month. H1 600 vs 600 → ΔI 0;
    H2 1200 vs 600 → +100 %; the year 1800 vs 1200 → +50 %; Q3 600 vs 300 → +100 %."""
    rows = [{"region_code": "110000", "period": f"2020-{m:02d}", "total_energy": 100.0, "gdp_constant": 10.0}
            for m in range(1, 13)]
    rows += [{"region_code": "110000", "period": f"2021-{m:02d}", "total_energy": 100.0 if m <= 6 else 200.0,
              "gdp_constant": 10.0} for m in range(1, 13)]
    out, _ = run(energy(rows), targets(target("110000", 0.135)), periods=["2021H1", "2021H2", "2021", "2021Q3"])
    assert out[("110000", "2021H1")]["intensity_change_yoy"] == pytest.approx(0.0, abs=1e-12)
    assert out[("110000", "2021H2")]["intensity_change_yoy"] == pytest.approx(1.0, abs=1e-12)
    assert out[("110000", "2021H2")]["total_energy"] == 1200.0
    assert out[("110000", "2021")]["intensity_change_yoy"] == pytest.approx(0.5, abs=1e-12)
    assert out[("110000", "2021Q3")]["total_energy"] == 600.0


def test_months_on_mixed_price_bases_do_not_build_the_year() -> None:
    """December at 2015 prices: the year, H2 and Q4 are not built (W_PERIOD_NOT_BUILT names them); H1 is."""
    rows = [{"region_code": "110000", "period": f"2021-{m:02d}", "total_energy": 100.0, "gdp_constant": 10.0,
             "price_base_year": 2015 if m == 12 else 2020} for m in range(1, 13)]
    data = energy(rows)
    periods = set(derive_periods(data)["period"].to_list())
    assert "2021H1" in periods and {"2021", "2021H2", "2021Q4"}.isdisjoint(periods)
    not_built = {f.evidence["period"] for f in period_findings(data) if f.code == "W_PERIOD_NOT_BUILT"}
    assert {"2021", "2021H2", "2021Q4", "2021-12YTD"} <= not_built and "2021H1" not in not_built


def test_edition_first_year_months() -> None:
    """The 2024 notice took effect on 2024-02-02: January 2024 is assessed under 2022 (nuclear counted), February
    under 2024 (nuclear 10 out of both Feb 2024 and Feb 2023): (100/10)/(90/10) − 1 = +11.11 % vs
    (110/10)/(100/10) − 1 = +10 % in January."""
    rows = [{"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 10.0,
             "other_nonfossil_energy": 10.0} for p, e in (("2023-01", 100.0), ("2023-02", 100.0),
                                                          ("2024-01", 110.0), ("2024-02", 110.0))]
    out, _ = run(energy(rows), targets(target("110000", 0.135)), edition="2024", recompute=False,
                 periods=["2024-01", "2024-02"])
    jan, feb = out[("110000", "2024-01")], out[("110000", "2024-02")]
    assert jan["rule_edition"] == "2022" and jan["nonfossil_deduction"] == 0.0
    assert jan["intensity_change_yoy"] == pytest.approx(0.1, abs=1e-12)
    assert feb["rule_edition"] == "2024" and feb["nonfossil_deduction"] == 10.0
    assert feb["intensity_change_yoy"] == pytest.approx(100 / 90 - 1, abs=1e-12)


def test_values_exactly_at_the_thresholds() -> None:
    th = Thresholds()
    assert intensity_grade(-R1, R1) == 3  # a fall exactly at the requirement is on pace
    assert intensity_grade(-R1 + 1e-6, R1) == 2 and intensity_grade(0.0, R1) == 2  # unchanged: fell less
    assert intensity_grade(1e-6, R1) == 1
    assert total_grade(0.02, 0.02) == 3 and total_grade(0.03, 0.02, thresholds=th) == 2  # margin 1 pp
    assert total_grade(0.0300001, 0.02) == 1


def test_feedstock_equal_to_the_total_is_accepted() -> None:
    """Feedstock = total (a region of pure feedstock use): not an input error (only above the total is); the
    counted energy is 0 under the 2022 edition; it stays counted under the 2016 edition."""
    data = energy([{"region_code": "110000", "period": p, "total_energy": 100.0, "feedstock_energy": 100.0,
                    "gdp_constant": 1.0} for p in ("2020", "2021")])
    rows, _ = run(data, targets(target("110000", 0.135)))
    assert rows[("110000", "2021")]["energy_for_intensity"] == 0.0


def test_annual_row_and_its_months_disagree() -> None:
    """Months of 2021 add up to 12000 tce; the annual row says 12500 (+4.17 %): the annual row is used and a
    warning names both values (§2.1)."""
    rows = [{"region_code": "110000", "period": f"2021-{m:02d}", "total_energy": 1000.0, "gdp_constant": 10.0}
            for m in range(1, 13)]
    rows += [{"region_code": "110000", "period": "2021", "total_energy": 12500.0, "gdp_constant": 120.0},
             {"region_code": "110000", "period": "2020", "total_energy": 12000.0, "gdp_constant": 115.0}]
    out, findings = run(energy(rows), targets(target("110000", 0.135)), periods=["2021"])
    assert out[("110000", "2021")]["total_energy"] == 12500.0
    differ = [f for f in findings if f.code == "W_PERIOD_SUM_DIFFERS"]
    assert [(f.evidence["period"], f.evidence["column"], f.evidence["given"], f.evidence["summed"]) for f in differ] \
        == [("2021", "total_energy", 12500.0, 12000.0)]
    assert differ[0].evidence["difference"] == "+4.17%"
    assert "12,500 tce" in differ[0].message_zh and "12,000 tce" in differ[0].message_en


def test_wan_tce_slip_is_caught() -> None:
    """2021 typed in tce under a 万tce header: 10⁴ times 2020 (§2.4). Strict (loading): an error naming the slip;
    the intensity (7.2e11 / (4e4·10⁴) = 1800 tce/万元) is far out of range too."""
    e = pl.DataFrame({"region_code": ["110000", "110000"], "period": ["2020", "2021"],
                      "total_energy": [7.0e7, 7.2e11], "gdp_constant": [36000.0, 40000.0]})
    found = implausible_values(e, strict=True)
    kinds = {(f.code, f.evidence["kind"], f.evidence["period"]) for f in found}
    assert ("E_IMPLAUSIBLE_VALUE", "unit_slip", "2021") in kinds
    assert ("E_IMPLAUSIBLE_VALUE", "intensity_range", "2021") in kinds
    slip = next(f for f in found if f.evidence["kind"] == "unit_slip")
    assert "万吨标准煤与吨标准煤" in slip.message_zh and "10⁴" in slip.message_en
    assert {f.code for f in implausible_values(e, strict=False)} == {"W_IMPLAUSIBLE_VALUE"}


def test_a_province_above_the_nation_and_a_jump() -> None:
    e = pl.DataFrame({"region_code": ["100000", "110000", "110000", "120000", "120000"],
                      "period": ["2021", "2021", "2020", "2020", "2021"],
                      "total_energy": [1.0e8, 2.0e8, 1.9e8, 1.0e6, 2.0e7], "gdp_constant": [1e6, 5e4, 5e4, 1e4, 1e4]})
    found = implausible_values(e, strict=True)
    above = [f for f in found if f.evidence["kind"] == "above_parent"]
    assert [(f.evidence["region"], f.evidence["parent"], f.code) for f in above] == [
        ("110000", "100000", "E_IMPLAUSIBLE_VALUE")]
    jump = [f for f in found if f.evidence["kind"] == "jump"]
    assert [(f.evidence["region"], f.evidence["ratio"], f.code) for f in jump] == [
        ("120000", 20.0, "W_IMPLAUSIBLE_VALUE")]


def test_demo_data_graded_through_the_real_assessment() -> None:
    """The bundled demo data through the real assessment agree with an independent computation from the CSV with
    plain Python: 2021 under the 2021 edition (33号: feedstock and separately listed energy out of both years; GDP
    unchanged); ΔI = (E₂₀₂₁/G₂₀₂₁)/(E₂₀₂₀/G₂₀₂₀) − 1; 一级 if it rose, 二级 if it fell less than the filed annual
    target, else 三级."""
    from ecer.services import dual_control
    from ecer.services.demo import build_store

    folder = Path(__file__).resolve().parents[2] / "src" / "ecer" / "demo" / "data"
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    with open(folder / "energy.csv", encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row[1][:4].isdigit() or row[1][:4] not in ("2020", "2021"):
                continue
            e_wan = float(row[2]) - float(row[3]) - float(row[6])  # 万tce: total − feedstock − separately listed
            sums[(row[0], row[1][:4])][0] += e_wan
            sums[(row[0], row[1][:4])][1] += float(row[8])
    annual = {}
    with open(folder / "annual_targets.csv", encoding="utf-8") as f:
        for row in csv.reader(f):
            if row[1] == "2021":
                annual[row[0]] = float(row[2]) / 100
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(Path(tmp) / "demo.duckdb")
        try:
            result = dual_control.assess(store=store, period="2021", edition="2024")
        finally:
            store.close()
    got = {r["region_code"]: r for r in result.table.iter_rows(named=True)}
    for code in ("110000", "330000", "440000", "620000", "100000"):
        (e1, g1), (e0, g0) = sums[(code, "2021")], sums[(code, "2020")]
        change = (e1 / g1) / (e0 / g0) - 1
        grade = 1 if change > 0 else 2 if -change < annual[code] else 3
        r = got[code]
        assert r["rule_edition"] == "2021"
        assert r["intensity_change_yoy"] == pytest.approx(change, abs=1e-9), code
        assert r["intensity_grade"] == grade, code
