"""Edges of the dual-control core that the first mutation sample left open (docs/mutation.md, "open" survivors):
a non-default tolerance, an assessment without any electricity factors, the order and base-year growth of
I_RENEWABLE_READINGS_DIFFER, the cap of the period-sum check, unknown (null) verdicts in the assessment, a target
given twice, the order of intensity findings and a ratio that is not a number. Units: tce, 10⁸ CNY. Every expected
value is worked out from the input by hand (in the docstring)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, assess
from ecer.core.dual_control.periods_agg import period_findings
from ecer.core.dual_control.plausibility import implausible_values
from ecer.core.targets.assessment import intensity_outcome, total_exempt
from ecer.core.targets.barometer import Thresholds, total_grade
from ecer.core.targets.inheritance import resolve_targets
from tests.core import cases
from tests.core.cases import CALORIFIC, REGIONS, editions, energy, run, target, targets


def _assess(data: pl.DataFrame, *, thresholds: Thresholds | None = None, **inputs: object) -> pl.DataFrame:
    chosen = refdata.rule_edition("2022", recompute_earlier_years=True)
    args = {
        "energy": data,
        "targets": targets(target("110000", 0.135)),
        "regions": REGIONS,
        "electricity_factors": CALORIFIC,
        **inputs,
    }
    extra = {} if thresholds is None else {"thresholds": thresholds}
    table, _ = assess(AssessmentInputs(**args), chosen, editions(), **extra)  # type: ignore[arg-type]
    return table


# --- the tolerance of the assessment -----------------------------------------------------------------------------


def test_a_larger_tolerance_counts_a_reduction_just_short_of_the_pace_as_met() -> None:
    """14th plan, target 13.5 % over 2020 → 2025: the even pace after one year is 1 − 0.865^(1/5) = 2.8589 %.
    北京 E 10000 → 9720, GDP 100 → 100: the intensity fell 1 − 97.2/100 = 2.8 %, short of the pace by 0.0589
    percentage points. With the default tolerance (10⁻⁹) neither the annual check nor the progress check is met;
    with a tolerance of 0.001 (0.1 percentage point) both are."""
    data = energy(
        [
            {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
            for p, e in (("2020", 10000.0), ("2021", 9720.0))
        ]
    )
    strict = _assess(data).filter(pl.col("period") == "2021").row(0, named=True)
    loose = (
        _assess(data, thresholds=Thresholds(tolerance=0.001))
        .filter(pl.col("period") == "2021")
        .row(0, named=True)
    )
    for r in (strict, loose):
        assert r["intensity_reduction_cumulative"] == pytest.approx(0.028, abs=1e-12)
        assert r["required_reduction_cumulative"] == pytest.approx(1 - 0.865**0.2, abs=1e-12)
    assert (strict["intensity_annual_met"], strict["intensity_progress_met"]) == (False, False)
    assert (loose["intensity_annual_met"], loose["intensity_progress_met"]) == (True, True)


# --- no electricity factors at all --------------------------------------------------------------------------------


def test_without_any_electricity_factors_rows_without_electricity_are_assessed() -> None:
    """No factor table at all (electricity_factors=None) and no renewable electricity to convert: nothing needs a
    factor, so 2021 is assessed as usual — intensity (9800/100)/(10000/100) − 1 = −2 %, energy growth −2 %. The rows
    are on the calorific basis (the default), so the rate is labelled "calorific", with no factor value or source."""
    data = energy(
        [
            {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
            for p, e in (("2020", 10000.0), ("2021", 9800.0))
        ]
    )
    table = _assess(data, electricity_factors=None)
    r = table.filter(pl.col("period") == "2021").row(0, named=True)
    assert r["intensity_change_yoy"] == pytest.approx(-0.02, abs=1e-12)
    assert r["energy_growth_yoy"] == pytest.approx(-0.02, abs=1e-12)
    assert (r["electricity_factor"], r["electricity_factor_rate"], r["electricity_factor_source"]) == (
        None,
        "calorific",
        None,
    )
    assert table.schema["electricity_factor_rate"] in (
        pl.String,
        pl.Categorical,
    )  # text (categorical since the batches)


# --- I_RENEWABLE_READINGS_DIFFER: order and the base-year growth --------------------------------------------------


def test_the_two_readings_are_listed_by_region_with_both_growths() -> None:
    """天津 and 北京 (given in that order) on the same path, cap 561.9 tce on E₂₀₂₀ = 10000 → allowed growth
    (1.05619)^(1/5) − 1 = 1.0994 %. 2023 over the previous year: (10900 − 1500 × 0.1229)/10600 − 1
    = 10715.65/10600 − 1 = +1.0910 % → "+1.09%", 三级; over the 2020 base: (10900 − 3000 × 0.1229)/(10600 − 1500
    × 0.1229) − 1 = 10531.3/10415.65 − 1 = +1.1104 % → "+1.11%", 二级. One finding per region, 北京 110000 first."""
    data = energy(cases.renewable_path("120000") + cases.renewable_path("110000"))
    tgts = targets(target("120000", 0.135, cap=561.9), target("110000", 0.135, cap=561.9))
    _, findings = run(data, tgts, periods=["2023"])
    differ = [f for f in findings if f.code == "I_RENEWABLE_READINGS_DIFFER"]
    assert [f.evidence["region"] for f in differ] == ["110000", "120000"]
    for f in differ:
        assert (f.evidence["growth_previous"], f.evidence["growth_base"]) == ("+1.09%", "+1.11%")
        assert "counted over the 2020 base +1.11% (二级 / grade 2)" in f.message_en
        assert "按“较 2020 年累计新增”扣除时 +1.11%（二级 / grade 2）" in f.message_zh


# --- the cap of the period-sum check ------------------------------------------------------------------------------


def test_more_period_sums_differing_than_the_cap_are_counted() -> None:
    """60 regions, each with twelve months of 1 tce and a 2021 year given as 13 tce (the months sum to 12): 60
    W_PERIOD_SUM_DIFFERS; the first 50 (by region) are listed and one W_FINDINGS_TRUNCATED counts 60."""
    codes = [f"{110000 + i}" for i in range(60)]
    rows = [
        {"region_code": c, "period": f"2021-{m:02d}", "total_energy": 1.0, "gdp_constant": 1.0}
        for c in codes
        for m in range(1, 13)
    ] + [{"region_code": c, "period": "2021", "total_energy": 13.0, "gdp_constant": 12.0} for c in codes]
    findings = period_findings(energy(rows))
    sums = [f for f in findings if f.code == "W_PERIOD_SUM_DIFFERS"]
    assert [f.evidence["region"] for f in sums] == codes[:50]
    assert {(f.evidence["given"], f.evidence["summed"]) for f in sums} == {(13.0, 12.0)}
    cut = [f for f in findings if f.code == "W_FINDINGS_TRUNCATED"]
    assert len(cut) == 1
    assert (cut[0].evidence["finding_code"], cut[0].evidence["total"], cut[0].evidence["shown"]) == (
        "W_PERIOD_SUM_DIFFERS",
        60,
        50,
    )


# --- unknown verdicts in the assessment (targets/assessment.py) ---------------------------------------------------


def test_an_unknown_annual_verdict_is_never_read_as_met() -> None:
    """Annual check unknown (null): with progress not met the outcome is unknown (null), with progress met (and the
    rules counting it, 1310号 第(十三)条) it is met by progress — never "met" outright."""
    frame = pl.DataFrame(
        {"annual": [None, None], "progress": [False, True]},
        schema={"annual": pl.Boolean, "progress": pl.Boolean},
    )
    got = (
        frame.select(
            intensity_outcome(
                pl.col("annual"), pl.col("progress"), progress_counts=pl.lit(True), five_year=pl.lit(False)
            )
        )
        .to_series()
        .to_list()
    )
    assert got == [None, "met_by_progress"]


def test_an_unknown_incentive_verdict_does_not_exempt_the_total() -> None:
    """1310号 第(九)条 exempts the total only where the incentive target is reached; an unknown (null) verdict in the
    five-year assessment, with the exemption ruled, is not an exemption."""
    frame = pl.DataFrame({"reached": [None, True]}, schema={"reached": pl.Boolean})
    got = (
        frame.select(
            total_exempt(
                pl.col("reached"),
                exemption_ruled=pl.lit(True),
                five_year=pl.lit(True),
                pro_rata=pl.lit(False),
            )
        )
        .to_series()
        .to_list()
    )
    assert got == [False, True]


# --- a target given twice -----------------------------------------------------------------------------------------


def test_a_target_given_twice_for_one_plan_keeps_the_last_row() -> None:
    """北京's 14th-plan target given twice, 10 % then 14.5 %: the later row (14.5 %, source "second") is the one
    kept, as a later load replaces an earlier one."""
    tree = pl.DataFrame(
        {"region_code": ["110000"], "parent_code": [None]}, schema_overrides={"parent_code": pl.String}
    )
    tgts = targets(
        {**target("110000", 0.10), "source": "first"},
        {**target("110000", 0.145), "source": "second"},
    )
    got = resolve_targets(tree, tgts).select(
        "region_code", "plan", "intensity_reduction_basic", "target_source"
    )
    assert got.rows() == [("110000", "14th", 0.145, "second")]


# --- plausibility: order of the intensity findings, a ratio that is not a number ----------------------------------


def test_intensities_out_of_range_are_listed_by_region_within_a_period() -> None:
    """Five regions in one year, given in reverse code order, each with 1 tce of energy for 100 亿元 of GDP:
    1/(100 × 10⁴) = 10⁻⁶ 吨标准煤/万元, far below the plausible range — five findings, in region order."""
    codes = ["150000", "140000", "130000", "120000", "110000"]
    data = pl.DataFrame(
        {"region_code": codes, "period": ["2021"] * 5, "total_energy": [1.0] * 5, "gdp_constant": [100.0] * 5}
    )
    found = [f for f in implausible_values(data) if f.evidence.get("kind") == "intensity_range"]
    assert [f.evidence["region"] for f in found] == sorted(codes)
    assert {f.evidence["value"] for f in found} == {"1e-06 吨标准煤/万元"}


def test_a_ratio_that_is_not_a_number_is_not_reported_as_a_jump() -> None:
    """2020 10000 tce, 2021 NaN (not a number; the ingest refuses such a cell, the core is called directly here):
    NaN / 10000 is NaN, which is not a jump of more than an order of magnitude — no jump or unit-slip finding. (The
    GDP column, 100 in both years, has ratio 1.)"""
    data = pl.DataFrame(
        {
            "region_code": ["110000"] * 2,
            "period": ["2020", "2021"],
            "total_energy": [10000.0, math.nan],
            "gdp_constant": [100.0, 100.0],
        }
    )
    kinds = [f.evidence.get("kind") for f in implausible_values(data)]
    assert "jump" not in kinds and "unit_slip" not in kinds


# --- found by the fresh sample of core/ (seed 20261212) -----------------------------------------------------------


def test_before_33hao_separately_listed_energy_is_not_deducted() -> None:
    """The 2016 edition (13th plan, 2015 → 2020) has no exclusion of separately listed national projects: 北京 with
    500 tce separately listed in both years keeps its whole total, 9800 tce in 2016 (not 9300); intensity
    (9800/100)/(10000/100) − 1 = −2 %."""
    rows = [
        {
            "region_code": "110000",
            "period": p,
            "total_energy": e,
            "gdp_constant": 100.0,
            "separately_listed_energy": 500.0,
        }
        for p, e in (("2015", 10000.0), ("2016", 9800.0))
    ]
    table, _ = run(energy(rows), targets(target("110000", 0.17, plan="13th")), edition="2016")
    r = table[("110000", "2016")]
    assert (r["energy_for_intensity"], r["separately_listed_deduction"]) == (9800.0, 0.0)
    assert r["intensity_change_yoy"] == pytest.approx(-0.02, abs=1e-12)


def test_the_table_is_ordered_by_period_then_region() -> None:
    """天津 rows given before 北京's, and 2022 before 2021: the table lists 2021 (110000, 120000), then 2022."""
    rows = [
        {"region_code": c, "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
        for c in ("120000", "110000")
        for p in ("2022", "2021", "2020")
    ]
    table = _assess(energy(rows), targets=targets(target("120000", 0.135), target("110000", 0.135)))
    assert table.select("period", "region_code").rows() == [
        ("2021", "110000"),
        ("2021", "120000"),
        ("2022", "110000"),
        ("2022", "120000"),
    ]


def test_periods_not_built_are_listed_by_region() -> None:
    """Five regions given in the order 150000, 130000, 110000, 140000, 120000, each with December on the
    coal-equivalent basis and the other months calorific: 2021 is not built for any; W_PERIOD_NOT_BUILT in region
    order."""
    rows = [
        {
            "region_code": c,
            "period": f"2021-{m:02d}",
            "total_energy": 100.0,
            "gdp_constant": 10.0,
            "electricity_basis": "coal_equivalent" if m == 12 else "calorific",
            "electricity_coal_rate": 300.0 if m == 12 else None,
        }
        for c in ("150000", "130000", "110000", "140000", "120000")
        for m in range(1, 13)
    ]
    found = [
        f.evidence["region"]
        for f in period_findings(energy(rows))
        if f.code == "W_PERIOD_NOT_BUILT" and f.evidence["period"] == "2021"
    ]
    assert found == ["110000", "120000", "130000", "140000", "150000"]


def test_a_year_outside_every_plan_says_so_in_chinese_too() -> None:
    """2009 is in none of the plans 12th (2010 → 2015) … 15th (2025 → 2030): the Chinese detail says it is in no known
    plan (十二五–十五五), not that it belongs to a plan without targets."""
    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
        for p in ("2008", "2009")
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135)), periods=["2009"])
    f = next(f for f in findings if f.code == "E_PERIOD_OUTSIDE_PLAN")
    assert "2009 年不在已知的五年规划内（12th–15th）" in f.message_zh
    assert "年属于" not in f.message_zh


def test_a_total_growth_or_allowance_that_is_not_a_number_has_no_grade() -> None:
    """The barometer's total grade needs both the growth and the allowed growth: NaN in either (polars orders NaN
    above every number, so it would read as a rise far above the allowance) gives no grade; 3 % against an allowed
    2 % is 二级 (within the 1-point red margin)."""
    frame = pl.DataFrame({"g": [math.nan, 0.03, 0.03], "a": [0.02, math.nan, 0.02]})
    got = frame.select(total_grade(pl.col("g"), pl.col("a"))).to_series().to_list()
    assert got == [None, None, 2]


def test_a_part_equal_to_its_whole_is_not_above_it() -> None:
    """石家庄市 130100 with 1000 tce, the whole of 河北省 130000's 1000 tce in 2021 (a part may equal its whole — e.g.
    the only city with data): not above its parent, no above_parent finding; 1000.01 tce would be."""

    def found(city: float) -> list[str]:
        data = pl.DataFrame(
            {
                "region_code": ["130000", "130100"],
                "period": ["2021", "2021"],
                "total_energy": [1000.0, city],
                "gdp_constant": [100.0, 50.0],
            }
        )
        return [
            f.evidence["region"]
            for f in implausible_values(data, REGIONS)
            if f.evidence.get("kind") == "above_parent"
        ]

    assert found(1000.0) == []
    assert found(1000.01) == ["130100"]


# --- mutation sample 20261213 (docs/mutation.md) ------------------------------------------------------------------


def _jump_frame(codes: list[str], before: float, after: float) -> pl.DataFrame:
    n = len(codes)
    return pl.DataFrame(
        {
            "region_code": codes * 2,
            "period": ["2020"] * n + ["2021"] * n,
            "total_energy": [before] * n + [after] * n,
            "gdp_constant": [1e4] * (2 * n),
        }
    )


def test_exactly_as_many_jumps_as_the_cap_are_all_listed_without_a_truncation() -> None:
    """50 regions each ×20 from 2020 to 2021: the cap is 50, so all 50 are listed and nothing is truncated."""
    found = implausible_values(_jump_frame([f"{i:06d}" for i in range(200001, 200051)], 1.0e6, 2.0e7))
    assert [f for f in found if f.code == "W_FINDINGS_TRUNCATED"] == []
    assert sum(1 for f in found if f.evidence.get("kind") == "jump") == 50


def test_a_fall_by_more_than_ten_times_is_shown_as_a_fraction() -> None:
    """2.0e7 → 1.0e6 tce: 1.0e6 / 2.0e7 = 0.05 = 1/20, "1/20 times 2020" (never "0 times")."""
    (f,) = [
        f for f in implausible_values(_jump_frame(["120000"], 2.0e7, 1.0e6)) if f.evidence["kind"] == "jump"
    ]
    assert "1/20 times 2020" in f.message_en and "的 1/20 倍" in f.message_zh
    assert f.evidence["ratio"] == 0.05


def test_a_unit_slip_keeps_its_ratio_in_the_evidence() -> None:
    """1.0e6 → 1.0e10 tce: ×10 000 = 10⁴, in the slip band 10^3.3–10^4.7: kind unit_slip, ratio 10000.0."""
    (f,) = [
        f
        for f in implausible_values(_jump_frame(["120000"], 1.0e6, 1.0e10))
        if f.evidence["kind"] == "unit_slip"
    ]
    assert f.evidence["ratio"] == 10000.0 and f.evidence["other_period"] == "2020"


def test_one_mwh_of_renewable_electricity_is_converted() -> None:
    """1 MWh × 0.1229 tce/MWh (当量值) = 0.1229 tce; 0 MWh is exactly 0 tce."""
    rows = [
        {
            "region_code": "110000",
            "period": p,
            "total_energy": 10000.0,
            "gdp_constant": 100.0,
            "renewable_electricity": r,
        }
        for p, r in (("2020", 0.0), ("2021", 1.0))
    ]
    got, _ = run(energy(rows), targets(target("110000", 0.135)), periods=["2020", "2021"])
    assert got[("110000", "2021")]["renewable_electricity_tce"] == pytest.approx(0.1229, abs=1e-12)
    assert got[("110000", "2020")]["renewable_electricity_tce"] == 0.0


def test_an_increment_cap_sets_the_allowed_growth_year_and_cumulative() -> None:
    """E₀ = 10 000 tce (2020), cap ΔE = 1 000 tce over five years: allowed per year (1 + 1000/10000)^(1/5) − 1 =
    1.1^0.2 − 1 = 0.0192449; cumulative to 2022 (t = 2) 1.1^0.4 − 1 = 0.0388601. No planned GDP growth: no raise."""
    rows = [
        {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": g}
        for p, e, g in (("2020", 10000.0, 100.0), ("2021", 10100.0, 102.0), ("2022", 10300.0, 104.0))
    ]
    got, _ = run(energy(rows), targets(target("110000", 0.135, cap=1000.0)))
    r = got[("110000", "2022")]
    assert r["allowed_energy_growth"] == pytest.approx(0.0192449, abs=1e-7)
    assert r["allowed_energy_growth_cumulative"] == pytest.approx(0.0388601, abs=1e-7)
    assert r["allowed_growth_basis"] == "increment_cap"


def test_basis_findings_come_in_period_order_within_a_region() -> None:
    """Q1 of 2020 calorific, Q1 of 2021 and 2022 coal-equivalent, given newest first: against the base quarter 2020Q1
    the findings name 2021Q1 then 2022Q1."""
    rows = cases.renewable_rows(
        "110000",
        (
            ("2022Q1", "coal_equivalent", 300.0),
            ("2021Q1", "coal_equivalent", 300.0),
            ("2020Q1", "calorific", None),
        ),
    )
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    got = [
        (f.evidence["period"], f.evidence["other_period"])
        for f in findings
        if f.code == "W_ELECTRICITY_BASIS_DIFFERS"
    ]
    # the previous-period comparisons first (2021Q1 vs 2020Q1), then the base-period ones in period order
    assert got == [("2021Q1", "2020Q1"), ("2021Q1", "2020Q1"), ("2022Q1", "2020Q1")]


def test_the_two_readings_name_the_one_used_in_both_languages() -> None:
    """The 2022 edition reads 1258号 "每年较上一年新增" as over the previous year: "used: over the previous year",
    "本次采用“较上年新增”" (the path of the test above, 北京 only, 2023)."""
    data = energy(cases.renewable_path("110000"))
    _, findings = run(data, targets(target("110000", 0.135, cap=561.9)), periods=["2023"])
    (f,) = [f for f in findings if f.code == "I_RENEWABLE_READINGS_DIFFER"]
    assert f.message_en.endswith("used: over the previous year")
    assert f.message_zh.endswith("本次采用“较上年新增”")


def test_the_base_year_note_names_both_plans() -> None:
    """2020 is the 14th plan's base year and the 13th plan's last: the note names both."""
    data = energy(
        [
            {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": g}
            for p, e, g in (("2019", 10000.0, 95.0), ("2020", 10100.0, 100.0))
        ]
    )
    _, findings = run(data, targets(target("110000", 0.135)), periods=["2020"])
    (f,) = [f for f in findings if f.code == "I_BASE_YEAR"]
    assert f.message_en == (
        "2020 is the base year of the 14th plan and is not graded against its targets; load 13th targets to grade "
        "it against the 13th plan"
    )
    assert (
        f.message_zh
        == "2020 是“十四五”规划的基期年，不按该规划目标评价；导入“十三五”目标后按“十三五”规划评价"
    )


def test_targets_missing_for_two_plans_are_named_in_plan_order() -> None:
    """北京 without any target, with 2016 (13th plan) and 2021 (14th plan) assessed: the missing targets are named
    13th first, then 14th."""
    data = energy(
        [
            {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
            for p in ("2015", "2016", "2020", "2021")
        ]
    )
    _, findings = run(data, None, periods=["2016", "2021"])
    got = [
        f.evidence["period"]
        for f in findings
        if f.code == "W_MISSING_COMPARISON" and "targets" in str(f.evidence["period"])
    ]
    assert got == ["13th 目标 / 13th targets", "14th 目标 / 14th targets"]
