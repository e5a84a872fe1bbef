"""Details of the assessment that the mutation run (docs/mutation.md) found untested: target notes, the E_NO_DATA
messages, an assessment without a regions table, and months on different electricity bases. Units: tce, 10⁸ CNY.
Every expected value is read off the input by hand (a note passed through, a period named, a label)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, assess
from ecer.core.dual_control.exclusions import assign_electricity_factors
from ecer.core.dual_control.periods_agg import derive_periods, period_findings
from ecer.core.dual_control.plausibility import implausible_values
from ecer.core.targets.inheritance import resolve_targets
from tests.core import cases
from tests.core.cases import CALORIFIC, REGIONS, editions, energy, run, target, targets

TWO_YEARS = [
    {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
    for p, e in (("2020", 10000.0), ("2021", 9800.0))
]


def _assess(data: pl.DataFrame, **inputs: object) -> tuple[pl.DataFrame, list]:  # type: ignore[type-arg]
    chosen = refdata.rule_edition("2022", recompute_earlier_years=True)
    args = {
        "energy": data,
        "targets": targets(target("110000", 0.135)),
        "regions": REGIONS,
        "electricity_factors": CALORIFIC,
        **inputs,
    }
    return assess(AssessmentInputs(**args), chosen, editions())  # type: ignore[arg-type]


def test_a_target_note_reaches_its_region_and_plan_only() -> None:
    notes = pl.DataFrame(
        {
            "region_code": ["110000", "110000"],
            "plan": ["14th", "13th"],
            "target_note": ["京政发 2021 note", "13th-plan note"],
        }
    )
    table, _ = _assess(energy(TWO_YEARS), target_notes=notes)
    row = table.filter(pl.col("period") == "2021").row(0, named=True)
    assert row["target_note"] == "京政发 2021 note"  # 2021 is in the 14th plan (2020 → 2025), not the 13th


def test_without_notes_the_note_column_is_empty_text() -> None:
    table, _ = _assess(energy(TWO_YEARS))
    assert table.schema["target_note"] == pl.Categorical  # text (repeated text is categorical), never Null
    assert table.filter(pl.col("period") == "2021").get_column("target_note").to_list() == [None]


def test_without_a_regions_table_a_region_is_named_by_its_code_and_has_no_level() -> None:
    table, _ = _assess(energy(TWO_YEARS), regions=None)
    row = table.filter(pl.col("period") == "2021").row(0, named=True)
    assert (row["name_zh"], row["level"], row["parent_code"]) == ("110000", None, None)
    assert table.schema["level"] == pl.Categorical and table.schema["parent_code"] == pl.Categorical  # text


def test_a_period_asked_for_without_data_is_named() -> None:
    _, findings = run(energy(TWO_YEARS), targets(target("110000", 0.135)), periods=["2021", "2023"])
    no_data = [f for f in findings if f.code == "E_NO_DATA"]
    assert len(no_data) == 1
    assert "2023 has no data" in no_data[0].message_en and "2023 没有数据" in no_data[0].message_zh
    assert no_data[0].evidence == {"detail": "2023 没有数据 / 2023 has no data", "period": "2023"}  # the face reads it


def test_data_only_before_the_plan_is_no_data_after_its_base_year() -> None:
    # the 14th plan's base year is 2020: a 2019 row alone leaves nothing to assess (lo < year ≤ hi)
    data = energy(
        [{"region_code": "110000", "period": "2019", "total_energy": 10000.0, "gdp_constant": 100.0}]
    )
    table, findings = run(data, targets(target("110000", 0.135)))
    assert table == {}
    no_data = [f for f in findings if f.code == "E_NO_DATA"]
    assert len(no_data) == 1 and "no periods after 2020 in the data" in no_data[0].message_en


def test_only_the_missing_period_is_reported_when_nothing_asked_for_has_data() -> None:
    _, findings = run(energy(TWO_YEARS), targets(target("110000", 0.135)), periods=["2023"])
    assert [f.code for f in findings if f.code == "E_NO_DATA"] == ["E_NO_DATA"]
    assert "2023 has no data" in next(f for f in findings if f.code == "E_NO_DATA").message_en


def test_months_on_different_electricity_bases_do_not_build_the_year_and_say_why() -> None:
    """December converted at the coal-equivalent rate, the other months calorific: the year is not built."""
    rows = [
        {
            "region_code": "110000",
            "period": f"2021-{m:02d}",
            "total_energy": 100.0,
            "gdp_constant": 10.0,
            "electricity_basis": "coal_equivalent" if m == 12 else "calorific",
            "electricity_coal_rate": 300.0 if m == 12 else None,
        }
        for m in range(1, 13)
    ]
    f = next(
        f
        for f in period_findings(energy(rows))
        if f.code == "W_PERIOD_NOT_BUILT" and f.evidence["period"] == "2021"
    )
    assert (
        f.message_en
        == "region 110000: 2021 is not built from its months: its months are on different electricity bases"
    )
    assert "各月电力折标口径不同" in f.message_zh


def test_a_price_base_differing_from_the_base_year_only_is_reported() -> None:
    """2020 at 2020 prices, 2021 and 2022 at 2015 prices: 2021 differs from its previous year and from the plan's
    base year 2020; 2022 has the same base as 2021 (its previous year) but still not that of 2020 — both are
    reported (either comparison on another base makes the GDP comparison unknown)."""
    rows = [
        {
            "region_code": "110000",
            "period": p,
            "total_energy": 10000.0,
            "gdp_constant": 100.0,
            "price_base_year": b,
        }
        for p, b in (("2020", 2020), ("2021", 2015), ("2022", 2015))
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    differs = sorted(f.evidence["period"] for f in findings if f.code == "W_PRICE_BASE_DIFFERS")
    assert differs == ["2021", "2022"]


def test_region_codes_restrict_the_table() -> None:
    rows = [{**r, "region_code": code} for code in ("110000", "120000") for r in TWO_YEARS]
    chosen = refdata.rule_edition("2022", recompute_earlier_years=True)
    inputs = AssessmentInputs(
        energy=energy(rows),
        targets=targets(target("110000", 0.135)),
        regions=REGIONS,
        electricity_factors=CALORIFIC,
    )
    table, _ = assess(inputs, chosen, editions(), region_codes=["120000"])
    assert set(table.get_column("region_code").to_list()) == {"120000"}


def test_a_city_above_its_province_is_found_through_the_regions_table() -> None:
    """石家庄市 130100 has 2000 tce in 2021, 河北省 130000 only 1000: a part above its whole. Only the regions table
    says 130100 belongs to 130000 (a province's parent is read off its code, a city's is not)."""
    rows = [
        {"region_code": code, "period": p, "total_energy": e, "gdp_constant": 100.0}
        for code, e in (("130000", 1000.0), ("130100", 2000.0))
        for p in ("2020", "2021")
    ]
    _, findings = run(energy(rows), targets(target("130000", 0.135)))
    above = [f for f in findings if f.evidence.get("kind") == "above_parent"]
    assert {(f.evidence["region"], f.evidence["parent"], f.evidence["period"]) for f in above} == {
        ("130100", "130000", "2021")
    }


def test_a_regions_own_coal_equivalent_factor_comes_before_the_national_one() -> None:
    """2021, coal-equivalent basis, no coal rate in the rows: 北京 has its own factor (0.29 tce/MWh, supply rate),
    天津 has none and takes the national one (0.30, generation rate); each keeps its own label. Only the three
    documented columns are added."""
    factors = pl.DataFrame(
        {
            "region_code": [None, "110000"],
            "year": [2021, 2021],
            "basis": ["coal_equivalent", "coal_equivalent"],
            "factor": [0.30, 0.29],
            "rate": ["generation", "supply"],
            "source": ["national label", "北京 label"],
        },
        schema_overrides={"region_code": pl.String},
    )
    frame = pl.DataFrame(
        {
            "region_code": ["110000", "120000"],
            "year": [2021, 2021],
            "electricity_basis": ["coal_equivalent"] * 2,
            "electricity_coal_rate": [None, None],
        },
        schema_overrides={"electricity_coal_rate": pl.Float64},
    )
    out = assign_electricity_factors(frame, factors)
    assert out.columns == [
        *frame.columns,
        "electricity_factor",
        "electricity_factor_rate",
        "electricity_factor_source",
    ]
    got = {
        r[0]: r[1:]
        for r in out.select(
            "region_code", "electricity_factor", "electricity_factor_rate", "electricity_factor_source"
        ).iter_rows()
    }
    assert got == {"110000": (0.29, "supply", "北京 label"), "120000": (0.30, "generation", "national label")}


def test_a_renewable_chain_is_counted_by_year_whatever_the_row_order() -> None:
    """The 2022 edition (increment only, 14th plan from 2020): renewable electricity 0, 100, 300 MWh in 2020–2022,
    calorific 0.1229 tce/MWh. 2022's chain is the increments 100 + 200 = 300 MWh × 0.1229 = 36.87 tce, whether the
    rows come in year order or reversed."""
    rows = [
        {
            "region_code": "110000",
            "period": str(y),
            "total_energy": 10000.0,
            "gdp_constant": 100.0,
            "renewable_electricity": r,
        }
        for y, r in ((2020, 0.0), (2021, 100.0), (2022, 300.0))
    ]
    for data in (energy(rows), energy(rows[::-1])):
        out, _ = run(data, targets(target("110000", 0.135)))
        assert out[("110000", "2022")]["renewable_deduction_cumulative"] == pytest.approx(
            300 * 0.1229, abs=1e-9
        )


def _months(**overrides: object) -> list[dict[str, object]]:
    return [
        {
            "region_code": "110000",
            "period": f"2021-{m:02d}",
            "total_energy": 100.0,
            "gdp_constant": 10.0,
            **{k: (v(m) if callable(v) else v) for k, v in overrides.items()},
        }
        for m in range(1, 13)
    ]


def test_a_year_built_from_months_keeps_their_common_coal_rate() -> None:
    # every month converted at 300 gce/kWh: the year built from them is at 300 gce/kWh too
    rows = _months(electricity_basis="coal_equivalent", electricity_coal_rate=300.0)
    year = derive_periods(energy(rows)).filter(pl.col("period") == "2021").row(0, named=True)
    assert (year["total_energy"], year["electricity_coal_rate"]) == (1200.0, 300.0)


def test_a_year_built_from_official_and_synthetic_months_is_partly_synthetic() -> None:
    rows = _months(data_origin=lambda m: "synthetic" if m == 12 else "official")
    built = derive_periods(energy(rows)).filter(pl.col("period").is_in(["2021", "2021H1"]))
    assert dict(built.select("period", "data_origin").iter_rows()) == {
        "2021": "partly synthetic",
        "2021H1": "official",
    }


def test_a_column_outside_the_template_is_empty_in_built_rows() -> None:
    # a user's extra column (a note per month) cannot be summed: the built quarter has it empty, the months keep it
    data = energy(_months()).with_columns(note=pl.lit("月报"))
    out = derive_periods(data)
    assert out.filter(pl.col("period") == "2021Q1").get_column("note").to_list() == [None]
    assert out.filter(pl.col("period") == "2021-01").get_column("note").to_list() == ["月报"]


def test_a_sum_difference_names_the_number_of_months() -> None:
    rows = [
        *_months(),
        {"region_code": "110000", "period": "2021", "total_energy": 1250.0, "gdp_constant": 120.0},
    ]
    differ = [f for f in period_findings(energy(rows)) if f.code == "W_PERIOD_SUM_DIFFERS"]
    assert [(f.evidence["period"], f.evidence["months"], f.evidence["summed"]) for f in differ] == [
        ("2021", 12, 1200.0)
    ]


def test_an_electricity_basis_differing_from_the_previous_or_the_base_period_names_that_period() -> None:
    """Q1 of 2020 calorific, Q1 of 2021 and 2022 at 300 gce/kWh: 2021Q1 differs from 2020Q1 twice (its previous
    quarter a year before and the plan's base quarter); 2022Q1 differs only from the base quarter 2020Q1."""
    rows = cases.renewable_rows(
        "110000",
        (("2020Q1", "calorific", None), ("2021Q1", "coal_equivalent", 300.0), ("2022Q1", "coal_equivalent", 300.0)),
    )
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    got = sorted(
        (f.evidence["period"], f.evidence["other_period"], f.evidence["other_basis"])
        for f in findings
        if f.code == "W_ELECTRICITY_BASIS_DIFFERS"
    )
    assert got == [
        ("2021Q1", "2020Q1", "calorific"),
        ("2021Q1", "2020Q1", "calorific"),
        ("2022Q1", "2020Q1", "calorific"),
    ]


def test_a_supply_rate_proxy_is_reported_in_gce_per_kwh() -> None:
    # 0.2962 tce/MWh = 296.2 gce/kWh (1 tce/MWh = 1000 gce/kWh)
    rows = [{**r, "renewable_electricity": 100.0, "electricity_basis": "coal_equivalent"} for r in TWO_YEARS]
    _, findings = run(
        energy(rows),
        targets(target("110000", 0.135)),
        factors=cases.coal_equivalent_factors([2020, 2021], "supply", 0.2962),
    )
    supply = [f for f in findings if f.code == "W_ELECTRICITY_SUPPLY_RATE"]
    assert [(f.evidence["year"], f.evidence["value"], f.evidence["source"]) for f in supply] == [
        (2021, 296.2, "2021 supply label")
    ]


def test_a_missing_factor_of_the_previous_year_is_reported_and_more_than_ten_regions_are_counted() -> None:
    """2022 assessed against 2021 (previous year) and 2020 (plan base): factors exist for 2020 and 2022 only, so 2021
    is missing for each of the 12 regions: ten are named, "(+2)" counts the rest."""
    codes = [f"{11 + i}0000" for i in range(12)]
    rows = cases.coal_equivalent_rows(codes, ["2020", "2021", "2022"])
    _, findings = run(
        energy(rows),
        targets(target("110000", 0.135)),
        periods=["2022"],
        factors=cases.coal_equivalent_factors([2020, 2022]),
    )
    missing = [f for f in findings if f.code == "E_ELECTRICITY_FACTOR_MISSING"]
    assert [(f.evidence["year"], f.evidence["count"]) for f in missing] == [(2021, 12)]
    assert missing[0].evidence["regions"] == ", ".join(codes[:10]) + " … (+2)"


def test_without_the_base_year_the_missing_comparisons_are_named() -> None:
    """Data for 2021 and 2022 only: 2021 has no previous year (2020) to compare with; 2022 has its year-on-year
    change but no base year 2020 for the cumulative reduction."""
    rows = [
        {"region_code": "110000", "period": p, "total_energy": e, "gdp_constant": 100.0}
        for p, e in (("2021", 10000.0), ("2022", 9800.0))
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    got = sorted(
        (f.evidence["region"], f.evidence["assessed_period"], f.evidence["period"], f.evidence["what"])
        for f in findings
        if f.code == "W_MISSING_COMPARISON" and "assessed_period" in f.evidence
    )
    assert got == [
        ("110000", "2021", "2020", "同比变化 / year-on-year change"),
        ("110000", "2022", "2020", "累计降低率与进度 / cumulative reduction and progress"),
    ]


def test_missing_growth_plan_and_missing_targets_name_the_region_and_what_cannot_be_computed() -> None:
    """北京 has a 14th-plan target without planned GDP growth or an increment cap: its total cannot be graded. 天津
    has data but no target at all (nor has the nation above it): no progress, no grades."""
    rows = [{**r, "region_code": code} for code in ("110000", "120000") for r in TWO_YEARS]
    _, findings = run(energy(rows), targets(target("110000", 0.135)))
    got = {
        (f.evidence.get("region"), f.evidence["period"], f.evidence["what"])
        for f in findings
        if f.code == "W_MISSING_COMPARISON"
    }
    assert (
        "110000",
        "GDP 增速预期或增量上限 / planned GDP growth or increment cap",
        "总量预警 / the total's grade",
    ) in got
    assert ("120000", "14th 目标 / 14th targets", "进度与预警等级 / progress and grades") in got


def test_a_year_outside_every_plan_names_the_plans_and_the_years_that_can_be_assessed() -> None:
    # PLANS: 12th (2010→2015) … 15th (2025→2030): 2009 is in none; assessable years are 2011 (after the first
    # base year) to 2030
    rows = [
        {"region_code": "110000", "period": p, "total_energy": 10000.0, "gdp_constant": 100.0}
        for p in ("2008", "2009")
    ]
    _, findings = run(energy(rows), targets(target("110000", 0.135)), periods=["2009"])
    outside = [f for f in findings if f.code == "E_PERIOD_OUTSIDE_PLAN"]
    assert len(outside) == 1
    f = outside[0]
    assert "2009 is in none of the known plans (12th–15th)" in f.message_en
    assert "2011–2030" in f.fix_zh and "2011–2030" in f.fix_en


def _jumps(periods_values: list[tuple[str, float]]) -> list:  # type: ignore[type-arg]
    e = pl.DataFrame(
        {
            "region_code": ["120000"] * len(periods_values),
            "period": [p for p, _ in periods_values],
            "total_energy": [v for _, v in periods_values],
            "gdp_constant": [1e4] * len(periods_values),
        }
    )
    return [f for f in implausible_values(e) if f.evidence["kind"] == "jump"]


def test_a_jump_names_region_period_column_and_the_factor() -> None:
    # 2.0e7 / 1.0e6 = 20: "20 times 2020"
    (f,) = _jumps([("2020", 1.0e6), ("2021", 2.0e7)])
    assert f.code == "W_IMPLAUSIBLE_VALUE"
    assert f.message_en.startswith("region 120000, 2021, total_energy: ")
    assert "20 times 2020" in f.message_en and "的 20 倍" in f.message_zh
    assert "地区 120000 2021 的能源消费总量" in f.message_zh


def test_a_quarter_without_its_year_earlier_quarter_is_compared_with_the_quarter_before() -> None:
    # no 2021Q1: 2022Q1 is compared with 2021Q4 (the previous quarter), 2.0e7 / 1.0e6 = 20
    (f,) = _jumps([("2021Q4", 1.0e6), ("2022Q1", 2.0e7)])
    assert (f.evidence["period"], f.evidence["other_period"], f.evidence["ratio"]) == (
        "2022Q1",
        "2021Q4",
        20.0,
    )


def test_a_year_is_compared_with_the_previous_year_only_never_across_a_gap() -> None:
    # 2019 → 2021 ×20, but 2020 is missing: no comparison, no jump
    assert _jumps([("2019", 1.0e6), ("2021", 2.0e7)]) == []


def test_without_targets_the_resolved_table_is_empty_with_text_keys() -> None:
    out = resolve_targets(REGIONS.select("region_code", "parent_code"), None)
    assert out.height == 0
    assert out.schema["region_code"] == pl.String and out.schema["plan"] == pl.String


def test_parts_above_their_whole_are_listed_by_region_then_period() -> None:
    """北京 above the nation in 2022, 石家庄市 above 河北省 (through the regions table) in 2021: 110000 comes first."""
    e = pl.DataFrame(
        {
            "region_code": ["100000", "110000", "130000", "130100"] * 2,
            "period": ["2021"] * 4 + ["2022"] * 4,
            "total_energy": [9.0e8, 1.0e8, 1.0e6, 2.0e6, 9.0e8, 9.5e8, 1.0e6, 0.5e6],
            "gdp_constant": [1e6, 1e5, 1e4, 1e3, 1e6, 1e5, 1e4, 1e3],
        }
    )
    above = [
        f
        for f in implausible_values(e, REGIONS)
        if f.evidence["kind"] == "above_parent" and f.evidence["column"] == "total_energy"
    ]
    assert [(f.evidence["region"], f.evidence["period"], f.code) for f in above] == [
        ("110000", "2022", "W_IMPLAUSIBLE_VALUE"),
        ("130100", "2021", "W_IMPLAUSIBLE_VALUE"),
    ]


def test_more_jumps_than_the_cap_are_counted_in_a_truncation_warning() -> None:
    # 51 regions each ×20 from 2020 to 2021: 50 listed, one W_FINDINGS_TRUNCATED naming the check and 51 in all
    codes = [f"{i:06d}" for i in range(200001, 200052)]
    e = pl.DataFrame(
        {
            "region_code": codes * 2,
            "period": ["2020"] * 51 + ["2021"] * 51,
            "total_energy": [1.0e6] * 51 + [2.0e7] * 51,
            "gdp_constant": [1e4] * 102,
        }
    )
    found = implausible_values(e)
    truncated = [f for f in found if f.code == "W_FINDINGS_TRUNCATED"]
    assert [(f.evidence["finding_code"], f.evidence["total"], f.evidence["shown"]) for f in truncated] == [
        ("IMPLAUSIBLE total_energy", 51, 50)
    ]
    assert (
        sum(1 for f in found if f.evidence.get("kind") == "jump" and f.evidence["column"] == "total_energy")
        == 50
    )


def test_an_intensity_far_out_of_range_names_its_value_and_the_likely_unit_slip() -> None:
    # 7.2e11 tce / (4e4 × 10⁸ CNY = 4e8 × 10⁴ CNY) = 1800 tce per 10⁴ CNY: thousands of times any real intensity
    e = pl.DataFrame(
        {"region_code": ["110000"], "period": ["2021"], "total_energy": [7.2e11], "gdp_constant": [4.0e4]}
    )
    (f,) = [f for f in implausible_values(e) if f.evidence["kind"] == "intensity_range"]
    assert f.code == "W_IMPLAUSIBLE_VALUE"  # not strict by default
    assert f.message_en.startswith("region 110000, 2021, total_energy / gdp_constant: 1800 吨标准煤/万元: ")
    assert f.message_en.endswith("; energy or GDP is most likely in the wrong unit (a factor of 10⁴)")
    assert f.message_zh.endswith("，很可能是能源或 GDP 的单位填错（相差 10⁴ 倍）")
    assert f.fix_en == "check the units of total energy (万tce) and GDP (10^8 CNY)"


def test_more_intensities_out_of_range_than_the_cap_are_counted() -> None:
    # 51 regions, 1e5 tce / (1e5 亿元 × 10⁴) = 1e-4 tce per 10⁴ CNY each: below 0.01, 50 listed and one count of 51
    codes = [f"{i:06d}" for i in range(200001, 200052)]
    e = pl.DataFrame({"region_code": codes, "period": ["2021"] * 51, "total_energy": [1.0e5] * 51,
                      "gdp_constant": [1.0e5] * 51})
    found = implausible_values(e)
    assert sum(1 for f in found if f.evidence.get("kind") == "intensity_range") == 50
    truncated = [f for f in found if f.code == "W_FINDINGS_TRUNCATED"]
    assert [(f.evidence["finding_code"], f.evidence["total"], f.evidence["shown"]) for f in truncated] == [
        ("IMPLAUSIBLE total_energy / gdp_constant", 51, 50)
    ]


def test_zero_energy_is_not_an_intensity_out_of_range() -> None:
    e = pl.DataFrame(
        {"region_code": ["110000"], "period": ["2021"], "total_energy": [0.0], "gdp_constant": [4.0e4]}
    )
    assert [f for f in implausible_values(e) if f.evidence.get("kind") == "intensity_range"] == []


def test_a_part_above_its_whole_names_region_period_and_column() -> None:
    e = pl.DataFrame(
        {
            "region_code": ["100000", "110000"],
            "period": ["2022", "2022"],
            "total_energy": [9.0e8, 9.5e8],
            "gdp_constant": [1e6, 1e5],
        }
    )
    (f,) = [f for f in implausible_values(e) if f.evidence["kind"] == "above_parent"]
    assert f.message_en.startswith("region 110000, 2022, total_energy: ")
    assert f.message_zh.startswith("地区 110000 2022 的能源消费总量 ")


def test_more_parts_above_the_nation_than_the_cap_are_counted() -> None:
    # 51 provinces (codes ending in 0000, parent 100000), each 2e6 tce against the nation's 1e6
    codes = [f"{i:02d}0000" for i in range(11, 62)]
    e = pl.DataFrame(
        {
            "region_code": ["100000", *codes],
            "period": ["2021"] * 52,
            "total_energy": [1.0e6] + [2.0e6] * 51,
            "gdp_constant": [1e5] + [1e4] * 51,
        }
    )
    truncated = [f for f in implausible_values(e) if f.code == "W_FINDINGS_TRUNCATED"]
    assert [(f.evidence["finding_code"], f.evidence["total"], f.evidence["shown"]) for f in truncated] == [
        ("ABOVE PARENT total_energy", 51, 50)
    ]


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.sampled_from([1.0, 3.0, 20.0, 1.0e4, 4.0e4, 0.0]), min_size=5 * 8, max_size=5 * 8),
    gdp=st.lists(st.sampled_from([1.0, 5.0, 1.0e-4, 60.0]), min_size=5 * 8, max_size=5 * 8),
    chunk=st.integers(min_value=1, max_value=12),
)
def test_regions_compared_a_chunk_at_a_time_give_the_findings_of_the_whole_frame(
    values: list[float], gdp: list[float], chunk: int
) -> None:
    """Every region of REGIONS × 8 periods (years, and months with their year-earlier months): the findings with
    the frame taken a few rows' worth of regions at a time (``CHUNK_ROWS``) are exactly those of one pass — jumps,
    slips, parts above their whole (a city above its province, provinces above the nation), intensities."""
    from ecer.core.dual_control import plausibility

    periods = ["2020", "2021", "2022", "2020-01", "2020-02", "2021-01", "2021-02", "2021-03"]
    codes = REGIONS["region_code"].to_list()
    e = pl.DataFrame(
        {
            "region_code": [c for c in codes for _ in periods],
            "period": periods * len(codes),
            "total_energy": [v * 1e6 for v in values],
            "gdp_constant": [g * 1e4 for g in gdp],
        }
    )
    whole = implausible_values(e, REGIONS, strict=True, focus=e.head(20))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plausibility, "CHUNK_ROWS", chunk)
        chunked = implausible_values(e, REGIONS, strict=True, focus=e.head(20).lazy(), unique_keys=True)
    assert chunked == whole


def test_parts_above_their_whole_are_found_when_child_and_parent_are_in_different_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ecer.core.dual_control import plausibility

    monkeypatch.setattr(plausibility, "CHUNK_ROWS", 1)  # every region its own chunk (8 rows: 8 chunks)
    test_parts_above_their_whole_are_listed_by_region_then_period()
