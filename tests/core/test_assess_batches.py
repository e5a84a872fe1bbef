"""Assessing in batches of regions gives the table and the findings of assessing everything at once.

The core cuts a big input into batches of regions (``assess._BATCH_ROWS`` energy rows each) so that one batch's
working frames are freed before the next. Each region's periods and numbers depend on its own rows only; the
findings about periods are merged across batches (the first 50 of each code, the truncation notice counting every
batch) and the plausibility check still reads the whole input (a county above its province is found when the two
fall in different batches). Here the same input runs whole and in batches of 100 rows, and both answers must be
identical, row by row and finding by finding.
"""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ecer.core.dual_control import AssessmentInputs, assess
from ecer.core.dual_control.periods_agg import NUMERIC
from ecer.models.rules import RuleEdition

E2022 = RuleEdition(
    edition="2022",
    name_zh="2022",
    name_en="2022",
    effective_from="2022-11-16",
    feedstock="exclude_total_and_intensity",
    renewable_electricity="increment_total_only",
    recompute_earlier_years=True,
)
CALORIFIC = 0.1229

PROVINCES = ["110000", "120000"]
COUNTIES = [f"{p[:2]}01{i:02d}" for p in PROVINCES for i in range(1, 21)]


def _energy() -> pl.DataFrame:
    rows = []
    for n, code in enumerate(PROVINCES + COUNTIES):
        scale = 50.0 if code in PROVINCES else 1.0
        if code == "120105":
            scale = 80.0  # a county above its province: W_IMPLAUSIBLE_VALUE above_parent
        for year in (2020, 2021, 2022):
            for m in range(1, 13):
                if code == "110107" and year == 2021 and m == 5:
                    continue  # a missing month: no 2021Q2, H1, year or YTD from May on
                total = scale * (1000.0 + 10 * n + year - 2020 + m / 10)
                rows.append(
                    {
                        "region_code": code,
                        "period": f"{year}-{m:02d}",
                        "total_energy": total,
                        "feedstock_energy": total * 0.05,
                        "renewable_electricity": total * (1.0 + (year - 2020) * 0.1),
                        "other_nonfossil_energy": 0.0,
                        "separately_listed_energy": total * 0.01,
                        "separately_listed_value_added": 0.0,
                        "gdp_constant": scale * (10.0 + n / 10 + year - 2020),
                        # a month on another price base: its periods are not built (W_PERIOD_NOT_BUILT)
                        "price_base_year": 2015 if (code == "120110" and year == 2022 and m == 3) else 2020,
                        "electricity_basis": "coal_equivalent" if code == "110112" else "calorific",
                        "electricity_coal_rate": None,
                        "data_origin": "synthetic",
                    }
                )
            # the year given directly, 1 % off the sum of its months in two columns: W_PERIOD_SUM_DIFFERS (> 50)
            months = [r for r in rows if r["region_code"] == code and r["period"].startswith(f"{year}-")]
            given = {c: sum(r[c] for r in months) for c in NUMERIC}  # every flow column of the energy table
            given["total_energy"] *= 1.01
            given["gdp_constant"] *= 0.99
            rows.append({**months[0], **given, "period": str(year)})
    return pl.DataFrame(rows, schema_overrides={"electricity_coal_rate": pl.Float64})


def _inputs() -> AssessmentInputs:
    regions = pl.DataFrame(
        {
            "region_code": PROVINCES + COUNTIES,
            "name_zh": PROVINCES + COUNTIES,
            "name_en": PROVINCES + COUNTIES,
            "level": ["province"] * 2 + ["county"] * len(COUNTIES),
            "parent_code": [None, None] + [f"{c[:2]}0000" for c in COUNTIES],
        }
    )
    targets = pl.DataFrame(
        {
            "region_code": PROVINCES,
            "plan": "14th",
            "base_year": 2020,
            "target_year": 2025,
            "intensity_reduction_basic": [0.14, 0.145],
            "intensity_reduction_incentive": 0.16,
            "gdp_growth_plan": 0.06,
            "total_increment_cap": None,
            "source": "test",
        },
        schema_overrides={"total_increment_cap": pl.Float64},
    )
    factors = pl.DataFrame(
        {
            "region_code": [None],
            "year": [None],
            "basis": ["calorific"],
            "factor": [CALORIFIC],
            "rate": ["calorific"],
            "source": ["当量值"],
        },
        schema={
            "region_code": pl.String,
            "year": pl.Int64,
            "basis": pl.String,
            "factor": pl.Float64,
            "rate": pl.String,
            "source": pl.String,
        },
    )
    return AssessmentInputs(energy=_energy(), targets=targets, regions=regions, electricity_factors=factors)


@pytest.mark.parametrize("periods", [None, ["2022", "2022Q2", "2021-06YTD"]])
def test_batches_of_regions_give_the_whole_answer(
    monkeypatch: pytest.MonkeyPatch, periods: list[str] | None
) -> None:
    import sys

    core = sys.modules["ecer.core.dual_control.assess"]
    inputs = _inputs()
    whole, whole_findings = assess(inputs, E2022, [E2022], periods=periods)
    prepared = []
    real = core._prepared
    monkeypatch.setattr(core, "_WHOLE_ROWS", 100)
    monkeypatch.setattr(core, "_BATCH_ROWS", 100)
    monkeypatch.setattr(core, "_prepared", lambda *a, **k: prepared.append(1) or real(*a, **k))
    batched, batched_findings = assess(inputs, E2022, [E2022], periods=periods)
    assert len(prepared) > 10  # 42 regions of 38–39 rows, whole regions per batch of about 100 rows
    assert_frame_equal(batched, whole)
    assert [f.model_dump() for f in batched_findings] == [f.model_dump() for f in whole_findings]
    codes = {f.code for f in whole_findings}
    # the findings that span batches are there to be merged: the test would not see a merge that loses them
    assert {
        "W_PERIOD_SUM_DIFFERS",
        "W_FINDINGS_TRUNCATED",
        "W_PERIOD_NOT_BUILT",
        "W_IMPLAUSIBLE_VALUE",
        "E_ELECTRICITY_FACTOR_MISSING",
    } <= codes
    assert whole.height > 0


def test_text_columns_are_categorical_and_read_as_plain_strings() -> None:
    """Repeated text (codes, labels, sources, outcomes) is held as categorical (4 bytes a row); every face reads
    it as plain strings: ``to_dicts``, ``to_list``, comparisons with text, JSON."""
    import json

    table, _ = assess(_inputs(), E2022, [E2022])
    text = [c for c, t in table.schema.items() if t in (pl.String, pl.Categorical)]
    assert {"region_code", "period", "name_zh", "electricity_factor_source", "intensity_color"} <= set(text)
    assert all(table.schema[c] == pl.Categorical for c in text)
    row = table.filter((pl.col("region_code") == "110101") & (pl.col("period") == "2022")).to_dicts()[0]
    assert (row["region_code"], row["period"], row["assessment_scope"]) == ("110101", "2022", "annual")
    assert all(isinstance(row[c], str) for c in text if row[c] is not None)
    assert json.loads(json.dumps(row))["electricity_factor_source"] == "当量值"
    assert table.get_column("period").unique().sort().to_list()[:2] == ["2021", "2021-01"]


def test_a_period_found_only_in_an_earlier_batch_has_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 2 rows: 110000 (2020, 2021) is the first batch, 120000 (2020Q1, 2021Q1) the second. 2021 exists
    only in the first batch: it is assessed and no E_NO_DATA names it (mutation sample 20261215, assess_157)."""
    import sys

    from tests.core.cases import energy, run, target, targets

    core = sys.modules["ecer.core.dual_control.assess"]
    monkeypatch.setattr(core, "_BATCH_ROWS", 2)
    rows = [
        {"region_code": r, "period": p, "total_energy": 1000.0, "gdp_constant": 10.0}
        for r, p in (("110000", "2020"), ("110000", "2021"), ("120000", "2020Q1"), ("120000", "2021Q1"))
    ]
    got, findings = run(
        energy(rows), targets(target("110000", 0.135), target("120000", 0.135)), periods=["2021", "2021Q1"]
    )
    assert [f for f in findings if f.code == "E_NO_DATA"] == []
    assert set(got) == {("110000", "2021"), ("120000", "2021Q1")}


def test_up_to_the_whole_limit_the_regions_are_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """With at most ``_WHOLE_ROWS`` energy rows the regions are one batch; above it, batches of about
    ``_BATCH_ROWS`` rows starting where the rows before a region reach a multiple of it. Limits 4 and 2 by hand:
    4 rows (A 2, B 2) → [[A, B]]; 5 rows (A 2, B 2, C 1) → rows before A, B, C = 0, 2, 4 → batches 0, 1, 2."""
    import sys

    core = sys.modules["ecer.core.dual_control.assess"]
    monkeypatch.setattr(core, "_WHOLE_ROWS", 4)
    monkeypatch.setattr(core, "_BATCH_ROWS", 2)
    four = pl.DataFrame({"region_code": ["B", "A", "B", "A"]})
    assert core._region_batches(four) == [["A", "B"]]
    five = pl.DataFrame({"region_code": ["C", "B", "A", "B", "A"]})
    assert core._region_batches(five) == [["A"], ["B"], ["C"]]
