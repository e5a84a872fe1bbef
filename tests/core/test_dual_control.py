"""The dual-control core against the hand-worked case (tests/handcase.py) and invariants."""

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.handcase import CALORIFIC, ENERGY, EXPECTED, EXPECTED_2024_BEIJING_CHANGE, REGIONS, TARGETS

from ecer.core.dual_control import AssessmentInputs, assess
from ecer.core.dual_control.assess import edition_for_year
from ecer.models.rules import RuleEdition

E2021 = RuleEdition(edition="2021", name_zh="2021", name_en="2021", effective_from="2021-12-28",
                    feedstock="exclude_total_and_intensity", renewable_electricity="increment_total_only")
E2022 = E2021.model_copy(update={"edition": "2022", "effective_from": "2022-11-16"})
E2024 = E2021.model_copy(update={"edition": "2024", "effective_from": "2024-02-02",
                                 "renewable_electricity": "all_total_and_intensity",
                                 "other_nonfossil": "exclude_total_and_intensity"})
EDITIONS = [E2021, E2022, E2024]
FACTORS = {"calorific": CALORIFIC, "coal_equivalent": {2020: 0.3, 2021: 0.3}}


def _run(edition, energy=ENERGY, **kw):
    table, findings = assess(AssessmentInputs(energy=energy, targets=TARGETS, regions=REGIONS),
                             edition.model_copy(update={"recompute_earlier_years": True}), EDITIONS, FACTORS, **kw)
    return {r["region_code"]: r for r in table.iter_rows(named=True)}, findings


def test_hand_case_edition_2022():
    rows, _ = _run(E2022)
    for region, expected in EXPECTED.items():
        for col, value in expected.items():
            got = rows[region][col]
            if isinstance(value, float):
                tol = 1e-6 if value.is_integer() else (5e-6 if abs(value) < 1 else 5e-5)  # hand values: 6 d.p. / 4 d.p.
                assert got == pytest.approx(value, abs=tol), (region, col)
            else:
                assert got == value, (region, col)
    assert rows["110000"]["total_color"] == "exempt"
    assert rows["120000"]["intensity_color"] == "yellow"
    assert rows["130000"]["intensity_color"] == "red"
    assert rows["110000"]["name_zh"] == "北京市"


def test_hand_case_edition_2024_excludes_all_nonfossil_from_intensity():
    rows, _ = _run(E2024)
    assert rows["110000"]["intensity_change_yoy"] == pytest.approx(EXPECTED_2024_BEIJING_CHANGE, abs=5e-6)
    assert rows["110000"]["nonfossil_deduction"] == pytest.approx(2458.0)
    assert rows["110000"]["renewable_deduction_total"] == 0.0


def test_renewables_stay_in_intensity_under_2022():
    """1258号: the increment leaves the total only — intensity is unchanged by renewable data."""
    no_ren = ENERGY.with_columns(renewable_electricity=pl.lit(0.0))
    with_ren, _ = _run(E2022)
    without, _ = _run(E2022, energy=no_ren)
    assert with_ren["110000"]["intensity"] == pytest.approx(without["110000"]["intensity"])
    assert with_ren["110000"]["energy_for_total"] < without["110000"]["energy_for_total"]


def test_rules_in_force_by_year_unless_recomputed():
    chosen = E2024
    assert edition_for_year(2021, chosen, EDITIONS).edition == "2021"
    assert edition_for_year(2023, chosen, EDITIONS).edition == "2022"
    assert edition_for_year(2025, chosen, EDITIONS).edition == "2024"
    assert edition_for_year(2021, chosen.model_copy(update={"recompute_earlier_years": True}), EDITIONS).edition == "2024"
    # asking for 2022 never applies a newer edition
    assert edition_for_year(2025, E2022, EDITIONS).edition == "2022"


def test_monthly_rows_build_the_year():
    """Twelve equal months per year give the same annual result as the annual rows."""
    months = []
    for row in ENERGY.iter_rows(named=True):
        for m in range(1, 13):
            r = dict(row)
            r["period"] = f"{row['period']}-{m:02d}"
            for c in ("total_energy", "feedstock_energy", "renewable_electricity", "other_nonfossil_energy",
                      "separately_listed_energy", "separately_listed_value_added", "gdp_constant"):
                r[c] = row[c] / 12
            months.append(r)
    annual, _ = _run(E2022)
    table, _ = assess(AssessmentInputs(energy=pl.DataFrame(months), targets=TARGETS, regions=REGIONS), E2022,
                      EDITIONS, FACTORS, periods=["2021", "2021H1", "2021-07YTD"])
    assert set(table["period"].to_list()) == {"2021", "2021H1", "2021-07YTD"}
    y = table.filter((pl.col("period") == "2021") & (pl.col("region_code") == "120000")).row(0, named=True)
    assert y["intensity_change_yoy"] == pytest.approx(annual["120000"]["intensity_change_yoy"])
    h1 = table.filter((pl.col("period") == "2021H1") & (pl.col("region_code") == "120000")).row(0, named=True)
    assert h1["intensity_change_yoy"] == pytest.approx(-0.018868, abs=5e-6)  # equal months: same rate


def test_missing_comparison_period_is_reported_not_zero():
    table, findings = assess(AssessmentInputs(energy=ENERGY.filter(pl.col("region_code") != "130000")
                                              .vstack(ENERGY.filter((pl.col("region_code") == "130000") & (pl.col("period") == "2021"))),
                                              targets=TARGETS, regions=REGIONS), E2022, EDITIONS, FACTORS)
    hebei = table.filter(pl.col("region_code") == "130000").row(0, named=True)
    assert hebei["intensity_change_yoy"] is None and hebei["intensity_color"] == "grey"
    assert any(f.code == "W_MISSING_COMPARISON" and f.evidence["region"] == "130000" for f in findings)


@settings(max_examples=60, deadline=None)
@given(
    feed=st.floats(0, 0.5), sep=st.floats(0, 0.3), ren=st.floats(0, 5e4), growth=st.floats(-0.2, 0.5),
)
def test_exclusions_never_increase_counted_energy(feed, sep, ren, growth):
    """Property (DESIGN §8): under every edition assessed energy ≤ total energy, and both ≥ 0 here."""
    e = ENERGY.filter(pl.col("region_code") == "110000").with_columns(
        feedstock_energy=pl.col("total_energy") * feed,
        separately_listed_energy=pl.col("total_energy") * sep,
        renewable_electricity=pl.Series([ren, ren * (1 + growth)]),
    )
    for edition in EDITIONS:
        rows, _ = _run(edition, energy=e)
        r = rows["110000"]
        assert r["energy_for_intensity"] <= r["total_energy"] + 1e-9
        assert r["energy_for_total"] <= r["energy_for_intensity"] + 1e-9
        assert not math.isnan(r["intensity"])


def test_every_numeric_column_names_its_unit():
    from ecer.core.dual_control.assess import ASSESSMENT_UNITS
    from ecer.units import parse_unit, same_unit

    numeric = {c for c, t in assess(AssessmentInputs(energy=ENERGY, targets=TARGETS, regions=REGIONS), E2022, EDITIONS,
                                    FACTORS)[0].schema.items() if t.is_float()}
    assert numeric == set(ASSESSMENT_UNITS)
    fractions = {c for c in numeric if c.endswith(("_yoy", "_annual", "_cumulative", "_ratio", "_target", "_growth"))}
    assert {c for c, u in ASSESSMENT_UNITS.items() if u == "1"} == fractions
    for col, unit in ASSESSMENT_UNITS.items():  # the actual unit, not merely one that parses
        if col not in fractions:
            want = {"gdp": "亿元", "intensity": "吨标准煤/万元"}.get(col, "吨标准煤")
            assert same_unit(parse_unit(unit), want), (col, unit)


def test_gdp_on_different_price_bases_is_never_compared():
    """2020 GDP at 2015 prices vs 2021 GDP at 2020 prices: no intensity change, a warning naming the rows."""
    mixed = ENERGY.with_columns(
        price_base_year=pl.when(pl.col("period") == "2020").then(2015).otherwise(2020))
    table, findings = assess(AssessmentInputs(energy=mixed, targets=TARGETS, regions=REGIONS), E2022, EDITIONS, FACTORS)
    assert table.get_column("intensity_change_yoy").null_count() == 3
    assert table.get_column("intensity_color").to_list() == ["grey"] * 3
    warned = {(f.evidence["region"], f.evidence["period"]) for f in findings if f.code == "W_PRICE_BASE_DIFFERS"}
    assert warned == {("110000", "2021"), ("120000", "2021"), ("130000", "2021")}


def test_targets_are_inherited_up_the_chain_and_say_where_from():
    """A county without a target takes its city's; a city without one its province's; a province the nation's."""
    regions = pl.DataFrame({
        "region_code": ["100000", "130000", "130100", "130102", "120000"],
        "name_zh": ["全国", "河北省", "石家庄市", "长安区", "天津市"], "name_en": [""] * 5,
        "level": ["national", "province", "city", "county", "province"],
        "parent_code": [None, None, "130000", "130100", None]}, schema_overrides={"parent_code": pl.String})
    targets = pl.DataFrame({"region_code": ["100000", "130000"], "plan": "14th", "base_year": 2020,
                            "target_year": 2025, "intensity_reduction_basic": [0.135, 0.15],
                            "intensity_reduction_incentive": [None, 0.16], "gdp_growth_plan": [None, 0.06],
                            "total_increment_cap": [None, 1000.0], "source": ["国发〔2021〕33号", ""]},
                           schema_overrides={"intensity_reduction_incentive": pl.Float64, "gdp_growth_plan": pl.Float64})
    from ecer.core.dual_control.assess import _resolve_targets

    got = {r["region_code"]: r for r in _resolve_targets(regions, targets).iter_rows(named=True)}
    assert got["130102"]["intensity_reduction_basic"] == 0.15
    assert got["130102"]["target_source"] == "parent 130100; parent 130000; own"
    assert got["130100"]["target_source"] == "parent 130000; own" and got["130100"]["total_increment_cap"] is None
    assert got["130000"]["target_source"] == "own" and got["130000"]["total_increment_cap"] == 1000.0
    assert got["120000"]["intensity_reduction_basic"] == 0.135
    assert got["120000"]["target_source"] == "parent 100000; 国发〔2021〕33号"
    assert got["100000"]["target_source"] == "国发〔2021〕33号"
