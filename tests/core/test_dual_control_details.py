"""Details of the assessment that the mutation run (docs/mutation.md) found untested: target notes, the E_NO_DATA
messages, an assessment without a regions table, and months on different electricity bases. Units: tce, 10⁸ CNY.
Every expected value is read off the input by hand (a note passed through, a period named, a label)."""

from __future__ import annotations

import polars as pl

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, assess
from ecer.core.dual_control.periods_agg import period_findings
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
    assert table.schema["target_note"] == pl.String
    assert table.filter(pl.col("period") == "2021").get_column("target_note").to_list() == [None]


def test_without_a_regions_table_a_region_is_named_by_its_code_and_has_no_level() -> None:
    table, _ = _assess(energy(TWO_YEARS), regions=None)
    row = table.filter(pl.col("period") == "2021").row(0, named=True)
    assert (row["name_zh"], row["level"], row["parent_code"]) == ("110000", None, None)
    assert table.schema["level"] == pl.String and table.schema["parent_code"] == pl.String


def test_a_period_asked_for_without_data_is_named() -> None:
    _, findings = run(energy(TWO_YEARS), targets(target("110000", 0.135)), periods=["2021", "2023"])
    no_data = [f for f in findings if f.code == "E_NO_DATA"]
    assert len(no_data) == 1
    assert "2023 has no data" in no_data[0].message_en and "2023 没有数据" in no_data[0].message_zh


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
    assert "its months are on different electricity bases" in f.message_en
    assert "各月电力折标口径不同" in f.message_zh
