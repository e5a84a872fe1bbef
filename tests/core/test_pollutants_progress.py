"""Progress of pollutant emissions against percentage targets and key-project quantities, with the barometer grades.

The grades are the energy barometer's (ecer.core.targets.barometer, 629号): 一级 red = rose, 二级 yellow = fell
less than the year's requirement, 三级 green = on pace. Requirements worked out by hand:
T = 10 % over 5 years → R_1 = 1 − 0.9^(1/5) = 1 − e^(0.2·ln 0.9) = 1 − e^(−0.0210721) = 0.0208516;
R_2 = 1 − 0.9^(2/5) = 1 − e^(−0.0421442) = 0.0412685. T = 8 % → R_1 = 1 − 0.92^(1/5) = 1 − e^(−0.0166763) = 0.0166763 − 0.0166763²/2 + … = 0.0165380.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.pollutants.ledger import account
from ecer.core.pollutants.progress import (
    PERCENT_COLUMNS,
    QUANTITY_COLUMNS,
    percentage_progress,
    quantity_progress,
)
from ecer.core.pollutants.targets import key_project_assignments, national_base_emissions, national_targets
from ecer.core.targets.barometer import Thresholds
from ecer.core.targets.tracking import Target, track
from ecer.findings import FindingsError, Location


def _ledger(emissions: list[float], base_year: int = 2020) -> pl.DataFrame:
    years = list(range(base_year + 1, base_year + len(emissions)))
    return pl.DataFrame(
        {
            "region_code": ["A"] * len(years),
            "pollutant": ["NOx"] * len(years),
            "year": years,
            "base_year": [base_year] * len(years),
            "base_emissions": [emissions[0]] * len(years),
            "emissions_prev": emissions[:-1],
            "emissions": emissions[1:],
        }
    )


TARGET_NOX = pl.DataFrame(
    {"pollutant": ["NOx"], "target_reduction": [0.10], "base_year": [2020], "target_year": [2025]}
)


def test_percentage_progress_hand_case() -> None:
    # 2020 base 1000 t; then 1010, 985, 960, 950, 895, 890 (2026, after the plan)
    out, findings = percentage_progress(_ledger([1000, 1010, 985, 960, 950, 895, 890]), TARGET_NOX)
    assert findings == []
    assert out.columns == PERCENT_COLUMNS
    rows = {r["year"]: r for r in out.iter_rows(named=True)}
    # 2021: +1 % — rose → 一级 red
    assert rows[2021]["change_yoy"] == pytest.approx(0.01) and rows[2021]["grade"] == 1
    assert rows[2021]["color"] == "red"
    # 2022: 985/1010 − 1 = −2.4752 %, a fall ≥ R_1 = 2.0852 % → 三级; cumulative D = 1.5 % < R_2 = 4.1268 %,
    # progress 0.015 / 0.0412685 = 0.36347, not on pace (the barometer grades the year, the pace is shown apart)
    r = rows[2022]
    assert r["change_yoy"] == pytest.approx(-0.0247525, abs=1e-7) and r["grade"] == 3
    assert r["required_annual"] == pytest.approx(0.0208516, abs=1e-7)
    assert r["required_cumulative"] == pytest.approx(0.0412685, abs=1e-7)
    assert r["reduction_cumulative"] == pytest.approx(0.015) and r["progress_ratio"] == pytest.approx(
        0.36347, abs=1e-5
    )
    assert r["on_pace"] is False and r["target_met"] is None
    # 2023: 960/985 − 1 = −2.538 % → green; 2024: 950/960 − 1 = −1.0417 % < 2.0852 % → 二级 yellow
    assert (rows[2023]["grade"], rows[2024]["grade"], rows[2024]["color"]) == (3, 2, "yellow")
    # 2025, the target year: D = 1 − 895/1000 = 10.5 % ≥ 10 % → met; the year −5.79 % → green
    assert rows[2025]["reduction_cumulative"] == pytest.approx(0.105) and rows[2025]["target_met"] is True
    assert rows[2025]["on_pace"] is True and rows[2025]["grade"] == 3
    # 2026 is outside the plan: not graded
    assert rows[2026]["grade"] is None and rows[2026]["color"] == "grey"


def test_percentage_target_missed_at_the_target_year() -> None:
    # 1000 → … → 905 in 2025: D = 9.5 % < 10 %
    out, _ = percentage_progress(_ledger([1000, 990, 970, 950, 930, 905]), TARGET_NOX)
    assert out.filter(pl.col("year") == 2025)["target_met"].item() is False


def test_thresholds_are_the_barometers() -> None:
    # a rise of 0.5 % is red by default and yellow when the barometer counts only rises above 1 % as a rise
    led = _ledger([1000, 1005])
    assert percentage_progress(led, TARGET_NOX)[0]["grade"].item() == 1
    assert (
        percentage_progress(led, TARGET_NOX, thresholds=Thresholds(intensity_rise=0.01))[0]["grade"].item()
        == 2
    )


def test_national_targets_on_the_national_ledger() -> None:
    # NOx 2020: 1019.7 万吨 = 10 197 000 t (MEE). Synthetic: 2021 cut 300 000 t, 2022 cut 100 000 t, no new emissions.
    # 2021: 9 897 000 / 10 197 000 − 1 = −2.9420 % ≥ R_1 (2.0852 %) → green
    # 2022: 9 797 000 / 9 897 000 − 1 = −1.0104 % → yellow
    base = national_base_emissions().filter(pl.col("pollutant").is_in(["NOx", "COD"]))
    m = pl.DataFrame(
        [
            ("100000", "NOx", 2021, "s", "structural", 300_000.0),
            ("100000", "NOx", 2022, "e", "engineering", 100_000.0),
        ],
        schema=["region_code", "pollutant", "year", "measure_id", "kind", "reduction"],
        orient="row",
    )
    led, _ = account(base, m, through_year=2022)
    out, findings = percentage_progress(led, national_targets())
    assert findings == []  # NOx and COD both have a national target
    nox = out.filter(pl.col("pollutant") == "NOx").sort("year")
    assert nox["change_yoy"].to_list() == pytest.approx([-0.0294204, -0.0101041], abs=1e-7)
    assert nox["grade"].to_list() == [3, 2]
    # COD carried flat: 0 % change against R_1 = 1.65380 % for −8 % → yellow both years
    cod = out.filter(pl.col("pollutant") == "COD")
    assert cod["required_annual"].to_list() == pytest.approx([0.0165380] * 2, abs=1e-7)
    assert cod["grade"].to_list() == [2, 2]


def test_region_specific_targets() -> None:
    led = pl.concat([_ledger([1000, 990]), _ledger([1000, 990]).with_columns(region_code=pl.lit("B"))])
    tg = pl.DataFrame(
        {
            "region_code": ["A", "B"],
            "pollutant": ["NOx", "NOx"],
            "target_reduction": [0.03, 0.10],
            "base_year": [2020, 2020],
            "target_year": [2025, 2025],
        }
    )
    out = {r["region_code"]: r for r in percentage_progress(led, tg)[0].iter_rows(named=True)}
    # −1 %: A's R_1 = 1 − 0.97^0.2 = 1 − e^(−0.0060918) = 0.0060733 → green; B's 2.0852 % → yellow
    assert out["A"]["required_annual"] == pytest.approx(0.0060733, abs=1e-7)
    assert (out["A"]["grade"], out["B"]["grade"]) == (3, 2)


def _reductions(values: list[float]) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame(
        {
            "region_code": ["350000"] * n,
            "pollutant": ["COD"] * n,
            "year": list(range(2021, 2021 + n)),
            "base_year": [2020] * n,
            "reduction_total": values,
        }
    )


def test_key_project_quantity_hand_case() -> None:
    # 福建 COD: 6.86 万吨 = 68 600 t (from the catalog); the even yearly share Q/5 = 13 720 t
    q = key_project_assignments().filter(pl.col("region_code") == "350000")
    out, findings = quantity_progress(_reductions([15_000, 12_000, -500, 20_000, 22_100]), q)
    assert findings == []
    assert out.columns == QUANTITY_COLUMNS
    rows = {r["year"]: r for r in out.iter_rows(named=True)}
    # 2021: 15 000 ≥ 13 720 → green; 15 000 / 13 720 = 1.093294 of the pace
    assert rows[2021]["assigned"] == 68_600 and rows[2021]["grade"] == 3
    assert rows[2021]["progress_ratio"] == pytest.approx(1.093294, abs=1e-6) and rows[2021]["on_pace"] is True
    # 2022: 12 000 < 13 720 → yellow; cumulative 27 000 vs 27 440 → 0.983965, behind
    assert rows[2022]["grade"] == 2 and rows[2022]["achieved_cumulative"] == 27_000
    assert (
        rows[2022]["progress_ratio"] == pytest.approx(0.983965, abs=1e-6) and rows[2022]["on_pace"] is False
    )
    # 2023: −500 (a net reversal) → red; remaining 68 600 − 26 500 = 42 100
    assert rows[2023]["grade"] == 1 and rows[2023]["remaining"] == 42_100
    # 2025: cumulative 15 000 + 12 000 − 500 + 20 000 + 22 100 = 68 600 = Q → met, share 1
    assert rows[2025]["achieved_cumulative"] == 68_600 and rows[2025]["target_met"] is True
    assert rows[2025]["achieved_share"] == 1.0 and rows[2024]["target_met"] is None


def test_key_project_quantity_other_pollutants_and_regions_are_left_out() -> None:
    # the ledger row of 350000 COD is compared only with 350000 COD; NOx has no ledger rows here
    out, _ = quantity_progress(_reductions([1.0]), key_project_assignments())
    assert out.select("region_code", "pollutant").unique().rows() == [("350000", "COD")]


def test_series_without_a_target_are_named() -> None:
    # a ledger with NOx of A and of B, a target for A only: B is not compared, and the finding says so
    led = pl.concat([_ledger([1000, 990]), _ledger([1000, 990]).with_columns(region_code=pl.lit("B"))])
    tg = TARGET_NOX.with_columns(region_code=pl.lit("A"))
    out, findings = percentage_progress(led, tg)
    assert out["region_code"].to_list() == ["A"]
    assert [f.code for f in findings] == ["I_POLLUTANT_NO_TARGET"] and "B NOx" in findings[0].message_en
    # a quota for another province: 350000 COD has none
    q = key_project_assignments().filter(pl.col("region_code") == "620000")
    out, findings = quantity_progress(_reductions([1.0]), q)
    assert out.height == 0 and findings[0].evidence["series"] == "350000 COD"


def test_quantity_progress_refuses_a_zero_assignment() -> None:
    q = pl.DataFrame(
        {
            "region_code": ["350000"],
            "pollutant": ["COD"],
            "assigned": [0.0],
            "base_year": [2020],
            "target_year": [2025],
        }
    )
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions([1.0]), q)
    assert e.value.findings[0].code == "E_POLLUTANT_VALUE_INVALID"


def test_progress_refuses_missing_columns() -> None:
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger([1000, 990]).drop("emissions_prev"), TARGET_NOX)
    assert [f.code for f in e.value.findings] == ["E_POLLUTANT_COLUMN_MISSING"]
    assert "emissions_prev" in e.value.findings[0].message_en


def test_a_missing_ledger_column_is_named_with_the_table_and_the_columns_needed() -> None:
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger([1000, 990]).drop("emissions_prev"), TARGET_NOX)
    assert e.value.findings[0].message_en == (
        "emission ledger: column 'emissions_prev' is missing (needed: region_code, pollutant, year, base_year, "
        "base_emissions, emissions_prev, emissions)"
    )


def test_the_thresholds_tolerance_decides_on_pace_for_a_quantity() -> None:
    # Q = 68 600 t (福建 COD), pace after one year Q/5 = 13 720 t. The tolerance is a fraction of Q: ε = 10⁻⁵ is
    # 0.686 t. 13 719.5 t is 0.5 t short (0.5 / 68 600 = 7.29·10⁻⁶ of Q < ε): on pace; 13 719 t is 1 t short
    # (1.458·10⁻⁵ of Q > ε): not. With the default ε = 10⁻⁹ (0.0000686 t) 13 719.5 t is not on pace.
    # Before the fix ε was added to tonnes: 13 719.5 + 10⁻⁵ < 13 720, not on pace.
    q = key_project_assignments().filter(pl.col("region_code") == "350000")
    strict, _ = quantity_progress(_reductions([13_719.5]), q)
    inside, _ = quantity_progress(_reductions([13_719.5]), q, thresholds=Thresholds(tolerance=1e-5))
    outside, _ = quantity_progress(_reductions([13_719.0]), q, thresholds=Thresholds(tolerance=1e-5))
    assert strict["on_pace"].to_list() == [False]
    assert inside["on_pace"].to_list() == [True]
    assert outside["on_pace"].to_list() == [False]


def test_the_quantity_tolerance_is_relative_at_its_exact_boundary() -> None:
    # binary-exact numbers: Q = 1024 t over n = 4 years, ε = 1/16. After one year the pace is 1/4 of Q = 256 t;
    # 192 t is 192/1024 = 3/16 of Q, and 3/16 + 1/16 = 4/16 = the pace: on pace exactly at the boundary; 191 t is
    # below it. At the target year (t = n = 4): 960 t = 15/16 of Q, 15/16 + 1/16 = 1 → met; 959 t → not met.
    q = pl.DataFrame(
        {"region_code": ["350000"], "pollutant": ["COD"], "assigned": [1024.0], "base_year": [2020], "target_year": [2024]}
    )
    loose = Thresholds(tolerance=1 / 16)
    at, _ = quantity_progress(_reductions([192.0]), q, plan_years=4, thresholds=loose)
    below, _ = quantity_progress(_reductions([191.0]), q, plan_years=4, thresholds=loose)
    assert at["on_pace"].to_list() == [True] and below["on_pace"].to_list() == [False]
    met, _ = quantity_progress(_reductions([192.0, 256.0, 256.0, 256.0]), q, plan_years=4, thresholds=loose)
    missed, _ = quantity_progress(_reductions([191.0, 256.0, 256.0, 256.0]), q, plan_years=4, thresholds=loose)
    assert met["target_met"].to_list() == [None, None, None, True]
    assert missed["target_met"].to_list() == [None, None, None, False]


def test_the_missing_column_is_located_and_series_are_counted() -> None:
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger([1000, 990]).drop("emissions_prev"), TARGET_NOX)
    loc = e.value.findings[0].location
    assert loc is not None and loc.column == "emissions_prev"
    # NOx of A and of B, a target for A only: one series (B NOx) is not compared
    led = pl.concat([_ledger([1000, 990]), _ledger([1000, 990]).with_columns(region_code=pl.lit("B"))])
    _, findings = percentage_progress(led, TARGET_NOX.with_columns(region_code=pl.lit("A")))
    assert findings[0].message_en == (
        "1 region and pollutant series have no percentage target and are not compared: B NOx"
    )


def test_progress_is_sorted_by_region_first() -> None:
    # the ledger lists B before A; the output is A 2021, A 2022, B 2021, B 2022
    led = pl.concat(
        [_ledger([1000, 990, 980]).with_columns(region_code=pl.lit("B")), _ledger([1000, 990, 980])]
    )
    out, _ = percentage_progress(led, TARGET_NOX)
    assert out.select("region_code", "year").rows() == [("A", 2021), ("A", 2022), ("B", 2021), ("B", 2022)]


def test_quantity_progress_counts_the_years_since_the_base_and_names_a_zero_assignment() -> None:
    # 2021–2023 after the base 2020: 1, 2, 3 years elapsed
    q = key_project_assignments().filter(pl.col("region_code") == "350000")
    out, _ = quantity_progress(_reductions([1.0, 2.0, 3.0]), q)
    assert out["years_elapsed"].to_list() == [1, 2, 3]
    zero = q.with_columns(assigned=pl.lit(0.0))
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions([1.0]), zero.filter(pl.col("pollutant") == "COD"))
    assert e.value.findings[0].message_en == (
        "key-project reductions: 'assigned' of 350000 COD is 0.0, which is invalid: must be > 0"
    )


def test_a_ledger_without_the_reduction_column_is_named_for_a_quantity() -> None:
    q = key_project_assignments().filter(pl.col("region_code") == "350000")
    with pytest.raises(FindingsError) as e:
        quantity_progress(_reductions([1.0]).drop("reduction_total"), q)
    assert e.value.findings[0].message_en == (
        "emission ledger: column 'reduction_total' is missing (needed: region_code, pollutant, year, base_year, "
        "reduction_total)"
    )


# --- one progress machinery (issue 8 §6): percentage progress is ecer.core.targets.tracking.track ---------------


def test_percentage_progress_agrees_with_track_on_a_hand_case() -> None:
    # NOx of A: 1000 t in 2020 → 980 → 955 t; T = 10 % by 2025 (n = 5).
    # D_1 = 1 − 980/1000 = 0.02, D_2 = 1 − 955/1000 = 0.045; R_1 = 0.0208516, R_2 = 0.0412685 (module docstring);
    # p_2 = 0.045 / 0.0412685 = 1.090420; ΔE_1 = −2 % < R_1 → 二级 yellow; ΔE_2 = 955/980 − 1 = −2.5510 % ≥ R_1 → green
    out, findings = percentage_progress(_ledger([1000, 980, 955]), TARGET_NOX)
    assert findings == []
    assert out["reduction_cumulative"].to_list() == pytest.approx([0.02, 0.045])
    assert out["required_cumulative"].to_list() == pytest.approx([0.0208516, 0.0412685], abs=1e-7)
    assert out["change_yoy"].to_list() == pytest.approx([-0.02, -0.0255102], abs=1e-7)
    assert out["progress_ratio"][1] == pytest.approx(1.090420, abs=1e-6)
    assert out["grade"].to_list() == [2, 3] and out["color"].to_list() == ["yellow", "green"]
    assert out["on_pace"].to_list() == [False, True]
    # the same series through the tracking machinery directly: the same figures, column for column
    levels = pl.DataFrame({"region_code": ["A"] * 3, "pollutant": ["NOx"] * 3, "year": [2020, 2021, 2022],
                           "value": [1000.0, 980.0, 955.0]})
    tracked, _ = track(levels, Target(size=0.10, base_year=2020, target_year=2025), key=["region_code", "pollutant"])
    tracked = tracked.filter(pl.col("year") > 2020)
    for ours, theirs in [("reduction_cumulative", "achieved_cumulative"), ("required_cumulative", "required_cumulative"),
                         ("required_annual", "required_annual"), ("change_yoy", "change_yoy"),
                         ("progress_ratio", "progress_ratio"), ("on_pace", "on_pace"), ("grade", "grade"),
                         ("color", "color"), ("years_elapsed", "years_elapsed"), ("target_met", "target_met")]:
        assert out[ours].to_list() == tracked[theirs].to_list(), ours


def test_a_year_after_the_target_year_requires_the_target_not_more() -> None:
    # base 2020, target 2022 (n = 2), T = 10 %: the ledger runs on to 2023. The requirement stays at T = 0.10 after
    # the target year (track clips t at n); 2023 is not graded (outside the plan). Emissions 1000 → 960 → 900 → 890:
    # D_2022 = 0.10 → met at the target year exactly; D_2023 = 0.11.
    tg = TARGET_NOX.with_columns(target_year=pl.lit(2022))
    out, _ = percentage_progress(_ledger([1000, 960, 900, 890]), tg)
    rows = {r["year"]: r for r in out.iter_rows(named=True)}
    assert rows[2022]["required_cumulative"] == pytest.approx(0.10) and rows[2022]["target_met"] is True
    assert rows[2023]["required_cumulative"] == pytest.approx(0.10) and rows[2023]["grade"] is None
    assert rows[2023]["reduction_cumulative"] == pytest.approx(0.11) and rows[2023]["on_pace"] is True


def test_a_missing_ledger_year_is_a_gap_not_a_guess() -> None:
    # 2022 missing from the ledger: 2023's change has no year before it → W_TARGET_YEAR_GAP, no grade for 2023
    led = _ledger([1000, 980, 960, 940]).filter(pl.col("year") != 2022)
    out, findings = percentage_progress(led, TARGET_NOX)
    assert out["year"].to_list() == [2021, 2023] and out["grade"].to_list() == [2, None]
    (gap,) = findings
    assert gap.code == "W_TARGET_YEAR_GAP"
    assert gap.message_en == (
        "total pollutant emissions: A NOx has no value for the year before 2023: that year's change and grade are "
        "left empty"
    )
    assert gap.message_zh.startswith("污染物排放总量：A NOx 缺少 2023 年的上一年数值")


def test_a_target_that_cannot_be_tracked_is_refused_by_name() -> None:
    # T = −1.5 (a rise of 150 %? nothing falls by more than 100 %) and a target year equal to its base year
    tg = pl.DataFrame({"pollutant": ["NOx"], "target_reduction": [-1.5], "base_year": [2020], "target_year": [2020]})
    with pytest.raises(FindingsError) as e:
        percentage_progress(_ledger([1000, 980]), tg)
    first, second = e.value.findings
    assert first.location is not None and (first.location.row, first.location.column) == (1, "target_reduction")
    assert first.message_en == (
        "targets: 'target_reduction' of NOx 2020 is -1.5, which is invalid: must be a fraction above −1"
    )
    assert second.location is not None and second.location.column == "target_year"
    assert second.message_en.endswith("is 2020, which is invalid: must be a year after the base year 2020")
    assert second.message_zh.endswith("值 2020 无效：须为晚于基年 2020 的年份")


def test_a_target_row_without_a_percentage_is_not_a_percentage_target() -> None:
    # a quantity-only target row (T empty): A NOx is named as not compared, nothing refused
    tg = TARGET_NOX.with_columns(target_reduction=pl.lit(None, pl.Float64))
    out, findings = percentage_progress(_ledger([1000, 980]), tg)
    assert out.height == 0 and out.columns == PERCENT_COLUMNS
    assert [f.code for f in findings] == ["I_POLLUTANT_NO_TARGET"]


def test_a_target_of_minus_100_percent_and_a_target_year_equal_to_its_base_are_both_named() -> None:
    # row 2 (NOx): T = −1 is not above −1 (nothing falls by more than 100 %), and 2020 is not after the base 2020
    led = pl.DataFrame({"region_code": ["A"] * 2, "pollutant": ["COD"] * 2, "year": [2021, 2022],
                        "base_year": [2020] * 2, "base_emissions": [1000.0] * 2,
                        "emissions_prev": [1000.0, 990.0], "emissions": [990.0, 960.0]})
    tg = pl.DataFrame({"pollutant": ["COD", "NOx"], "target_reduction": [0.08, -1.0], "base_year": [2020, 2020],
                       "target_year": [2025, 2020]})
    with pytest.raises(FindingsError) as e:
        percentage_progress(led, tg)
    f = e.value.findings
    assert [x.location for x in f] == [Location(row=2, column="target_reduction"), Location(row=2, column="target_year")]
    assert [x.evidence for x in f] == [
        {"what": "减排目标 / targets", "record": "NOx 2020", "column": "target_reduction", "value": -1.0,
         "detail": "须为大于 −1 的比例 / must be a fraction above −1"},
        {"what": "减排目标 / targets", "record": "NOx 2020", "column": "target_year", "value": 2020,
         "detail": "须为晚于基年 2020 的年份 / must be a year after the base year 2020"}]
    assert f[1].message_en == ("targets: 'target_year' of NOx 2020 is 2020, which is invalid: must be a year after the "
                               "base year 2020")
