"""Carbon progress (``carbon_progress``) and the energy and carbon views side by side (``energy_and_carbon``)
compared whole: the columns, their types, the values of every row and the findings in order, worked by hand.

Target used throughout: −19 % from 2020 to 2022 (n = 2), so the even pace is round: R_1 = 1 − 0.81^(1/2) = 0.1,
R_2 = 1 − 0.81 = 0.19. Intensity C = E / (G × 10⁴) [tCO2 per 10⁴ CNY] with G in 10⁸ CNY (国发〔2021〕23号 二).
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.carbon.progress import (
    ASSESSED_ENERGY_COLUMNS,
    PROGRESS_COLUMNS,
    SIDE_COLUMNS,
    carbon_progress,
    energy_and_carbon,
)
from ecer.core.targets.tracking import TRACK_COLUMNS, Target

T19 = Target(size=0.19, base_year=2020, target_year=2022)


def frame(name: str, rows: list[tuple[str, int, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={"region_code": pl.Utf8, "year": pl.Int64, name: pl.Float64}, orient="row"
    )


# A: 2020 2 000 000 t on 200 → 2e6 / 2e6 = 1.0; 2021 1 800 000 t on 200 → 0.9; 2022 1 700 000 t on 250 → 0.68
# B: no 2020; 2021 400 000 t on 40 → 1.0; 2022 500 000 t and no GDP
# C: 2021 1 000 t on GDP 0.5 (positive though below 1) → 1 000 / 5 000 = 0.2; C has no target in the mapping
# D: 2020 and 2022 only (GDP 100 both): 1e6 / 1e6 = 1.0, 0.9e6 / 1e6 = 0.9 — 2021 is a gap
TOT = frame(
    "co2",
    [
        ("B", 2022, 5e5),
        ("A", 2022, 1.7e6),
        ("D", 2022, 9e5),
        ("A", 2021, 1.8e6),
        ("A", 2020, 2e6),
        ("B", 2021, 4e5),
        ("C", 2021, 1000.0),
        ("D", 2020, 1e6),
    ],
)
GDP = frame(
    "gdp",
    [
        ("A", 2020, 200.0),
        ("A", 2021, 200.0),
        ("A", 2022, 250.0),
        ("B", 2021, 40.0),
        ("C", 2021, 0.5),
        ("D", 2020, 100.0),
        ("D", 2022, 100.0),
    ],
)


def test_carbon_progress_whole_frame_and_findings_in_order() -> None:
    out, findings = carbon_progress(TOT, GDP, {"A": T19, "B": T19, "D": T19})
    assert (
        out.columns
        == PROGRESS_COLUMNS
        == ["region_code", "co2", "gdp", "intensity", "co2_change_yoy", *TRACK_COLUMNS]
    )
    assert out.schema["intensity"] == pl.Float64 and out.schema["co2_change_yoy"] == pl.Float64
    cols = [
        "region_code",
        "year",
        "co2",
        "gdp",
        "intensity",
        "co2_change_yoy",
        "value",
        "achieved_cumulative",
        "required_cumulative",
    ]
    # A 2021: CO2 1.8/2.0 − 1 = −0.1, cumulative 1 − 0.9 = 0.1; A 2022: 1.7/1.8 − 1 = −1/18, 1 − 0.68 = 0.32
    # B 2022: CO2 5/4 − 1 = +0.25 although the intensity is null; D 2022: no 2021, so no CO2 change; 1 − 0.9 = 0.1
    # C is not tracked at all (no target): not in the output
    got = out.select(cols).rows()
    want = [
        ("A", 2020, 2e6, 200.0, 1.0, None, 1.0, 0.0, 0.0),
        ("A", 2021, 1.8e6, 200.0, 0.9, -0.1, 0.9, 0.1, 0.1),
        ("A", 2022, 1.7e6, 250.0, 0.68, -1 / 18, 0.68, 0.32, 0.19),
        ("B", 2021, 4e5, 40.0, 1.0, None, 1.0, None, 0.1),
        ("B", 2022, 5e5, None, None, 0.25, None, None, 0.19),
        ("D", 2020, 1e6, 100.0, 1.0, None, 1.0, 0.0, 0.0),
        ("D", 2022, 9e5, 100.0, 0.9, None, 0.9, 0.1, 0.19),
    ]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g == pytest.approx(w, abs=1e-12)
    # the GDP findings first (region and year order), then each targeted region's tracking findings in region order
    # (B: no base value, then gaps at 2021 — no 2020 — and at 2022, whose intensity is null; D: a gap at 2022, whose
    # year before is missing), then the untargeted regions
    assert [(f.code, f.evidence.get("record"), f.evidence.get("year")) for f in findings] == [
        ("E_CARBON_GDP_MISSING", "B 2022", None),
        ("E_TARGET_BASE_MISSING", "B", None),
        ("W_TARGET_YEAR_GAP", "B", 2021),
        ("W_TARGET_YEAR_GAP", "B", 2022),
        ("W_TARGET_YEAR_GAP", "D", 2022),
        ("I_TARGET_MISSING", None, None),
    ]
    assert findings[-1].evidence == {"what": "目标 / target", "count": 1, "series": "C"}
    assert findings[-1].message_en == "1 regions have no target and are not compared: C"
    assert findings[0].message_zh == "B 2022：没有可比价地区生产总值，无法计算碳排放强度"


def test_one_target_for_every_region_tracks_them_all_and_names_no_untargeted_region() -> None:
    out, findings = carbon_progress(TOT, GDP, T19)
    assert out["region_code"].to_list() == ["A", "A", "A", "B", "B", "C", "D", "D"]
    # C 2021: 1 000 / (0.5 × 10⁴) = 0.2 — a GDP of 0.5 is positive: no GDP finding for it
    assert out.filter(pl.col("region_code") == "C").select("gdp", "intensity").row(0) == (
        0.5,
        pytest.approx(0.2),
    )
    assert "I_TARGET_MISSING" not in [f.code for f in findings]
    assert [f.evidence for f in findings if f.code == "E_CARBON_GDP_MISSING"] == [{"record": "B 2022"}]


def test_several_untargeted_regions_are_counted_and_listed_in_order() -> None:
    _, findings = carbon_progress(TOT, GDP, {"B": T19})
    assert findings[-1].evidence == {"what": "目标 / target", "count": 3, "series": "A, C, D"}


def test_each_region_is_tracked_against_its_own_target() -> None:
    # A against −19 % by 2022 (R_2 = 0.19) and D against −36 % by 2022 (R_2 = 0.36; R_1 = 1 − 0.64^0.5 = 0.2)
    out, _ = carbon_progress(TOT, GDP, {"A": T19, "D": Target(size=0.36, base_year=2020, target_year=2022)})
    req = (
        out.filter(pl.col("year") == 2022)
        .select("region_code", "required_cumulative", "required_annual")
        .rows()
    )
    assert req == [
        ("A", pytest.approx(0.19), pytest.approx(0.1)),
        ("D", pytest.approx(0.36), pytest.approx(0.2)),
    ]


def test_no_targeted_region_with_data_gives_an_empty_frame_of_the_columns() -> None:
    out, findings = carbon_progress(TOT, GDP, {"Z": T19})
    assert out.height == 0 and out.columns == PROGRESS_COLUMNS
    assert [f.code for f in findings] == ["E_CARBON_GDP_MISSING", "I_TARGET_MISSING"]
    assert findings[1].evidence == {"what": "目标 / target", "count": 4, "series": "A, B, C, D"}


def test_the_co2_change_compares_region_by_region() -> None:
    # A 2021 and E 2021 both 1 000 t; A 2020 500 t, E 2020 2 000 t: A +100 %, E −50 % — never across regions
    tot = frame("co2", [("A", 2020, 500.0), ("E", 2020, 2000.0), ("A", 2021, 1000.0), ("E", 2021, 1000.0)])
    gdp = frame("gdp", [("A", 2020, 1.0), ("E", 2020, 1.0), ("A", 2021, 1.0), ("E", 2021, 1.0)])
    out, _ = carbon_progress(tot, gdp, T19)
    assert out.select("region_code", "year", "co2_change_yoy").rows() == [
        ("A", 2020, None),
        ("A", 2021, pytest.approx(1.0)),
        ("E", 2020, None),
        ("E", 2021, pytest.approx(-0.5)),
    ]


def test_integer_and_numeric_code_inputs_are_cast() -> None:
    # year as i32, co2 as integers, GDP as integers: 3 000 000 / (300 × 10⁴) = 1.0
    tot = pl.DataFrame({"region_code": ["A"], "year": pl.Series([2020], dtype=pl.Int32), "co2": [3_000_000]})
    gdp = pl.DataFrame({"region_code": ["A"], "year": pl.Series([2020], dtype=pl.Int32), "gdp": [300]})
    out, findings = carbon_progress(tot, gdp, T19)
    assert findings == [] and out.select("year", "co2", "gdp", "intensity").row(0) == (2020, 3e6, 300.0, 1.0)
    assert (out.schema["year"], out.schema["co2"], out.schema["gdp"]) == (pl.Int64, pl.Float64, pl.Float64)


# --- the side view ------------------------------------------------------------------------------------------------

# energy A: 2020 500 000 tce on 200 → 0.25 tce/10⁴ CNY; 2021 540 000 on 200 → 0.27 (+8 %); 2022 600 000 on 250 → 0.24
EN = frame("energy", [("A", 2021, 540_000.0), ("A", 2020, 500_000.0), ("A", 2022, 600_000.0)])
CO = frame("co2", [("A", 2020, 2e6), ("A", 2021, 1.8e6), ("A", 2022, 1.7e6)])
GD = frame("gdp", [("A", 2020, 200.0), ("A", 2021, 200.0), ("A", 2022, 250.0)])


def test_the_side_view_whole_frame() -> None:
    out, findings = energy_and_carbon(EN, CO, GD, energy_target=T19, carbon_target=T19)
    assert findings == []
    assert out.columns == SIDE_COLUMNS
    # energy: cumulative 1 − 0.27/0.25 = −0.08, then 1 − 0.24/0.25 = 0.04; change +0.08, then 0.24/0.27 − 1 = −1/9
    # progress 2021 −0.08/0.1 = −0.8 (rose: grade 1, red); 2022 0.04/0.19; carbon as in carbon_progress (A)
    # carbon content: 2e6/5e5 = 4.0; 1.8e6/5.4e5 = 3.3333…; 1.7e6/6e5 = 2.8333…
    want = [
        ("A", 2020, 200.0, 5e5, 0.25, None, 0.0, 0.0, None, None, 1.0, 0.0, 0.0, None, 4.0),
        ("A", 2021, 200.0, 5.4e5, 0.27, 0.08, -0.08, 0.1, -0.8, False, 0.9, 0.1, 0.1, 1.0, 1.8 / 0.54),
        (
            "A",
            2022,
            250.0,
            6e5,
            0.24,
            -1 / 9,
            0.04,
            0.19,
            0.04 / 0.19,
            False,
            0.68,
            0.32,
            0.19,
            0.32 / 0.19,
            1.7 / 0.6,
        ),
    ]
    got = out.select(
        "region_code",
        "year",
        "gdp",
        "energy",
        "energy_intensity",
        "energy_change_yoy",
        "energy_reduction_cumulative",
        "energy_required_cumulative",
        "energy_progress_ratio",
        "energy_on_pace",
        "carbon_intensity",
        "carbon_reduction_cumulative",
        "carbon_required_cumulative",
        "carbon_progress_ratio",
        "co2_per_tce",
    ).rows()
    for g, w in zip(got, want, strict=True):
        assert g == pytest.approx(w, abs=1e-12)
    assert out["co2"].to_list() == [2e6, 1.8e6, 1.7e6]
    # carbon intensity change: 0.9/1.0 − 1 = −0.1; 0.68/0.9 − 1 = −0.2444…
    assert out["carbon_change_yoy"].to_list() == [None, pytest.approx(-0.1), pytest.approx(0.68 / 0.9 - 1)]
    assert out["energy_grade"].to_list()[1] == 1 and out["energy_color"].to_list()[1] == "red"
    assert out["carbon_on_pace"].to_list()[1:] == [True, True]


def test_the_carbon_content_needs_a_positive_energy() -> None:
    # energy −10 tce (a net export reported as energy): no content; 0.5 tce with 1.5 t: 3.0
    en = frame("energy", [("A", 2020, -10.0), ("A", 2021, 0.5)])
    co = frame("co2", [("A", 2020, 30.0), ("A", 2021, 1.5)])
    gdp = frame("gdp", [("A", 2020, 1.0), ("A", 2021, 1.0)])
    out, _ = energy_and_carbon(en, co, gdp, energy_target=T19, carbon_target=T19)
    assert out["co2_per_tce"].to_list() == [None, pytest.approx(3.0)]


def test_the_side_view_findings_energy_first_then_carbon_each_gdp_gap_once() -> None:
    # energy A 2020–2021, B 2021 (no GDP for B); CO2 A 2020–2022 (no GDP for 2022), B 2021. Energy target for A only,
    # carbon target for every region. Energy: GDP B 2021 missing; its untargeted note names B. Carbon: GDP A 2022 and
    # B 2021 missing — B 2021 already said by the energy side, A 2022 is the carbon side's own; then the tracking's
    # (base values first: B has no 2020; then gaps: A 2022 has no intensity, B 2021 no year before)
    en = frame("energy", [("A", 2020, 5e5), ("A", 2021, 5e5), ("B", 2021, 1e5)])
    co = frame("co2", [("A", 2020, 2e6), ("A", 2021, 1.8e6), ("A", 2022, 1.7e6), ("B", 2021, 3e5)])
    gdp = frame("gdp", [("A", 2020, 200.0), ("A", 2021, 200.0)])
    out, findings = energy_and_carbon(en, co, gdp, energy_target={"A": T19}, carbon_target=T19)
    assert [(f.code, f.evidence.get("record")) for f in findings] == [
        ("E_CARBON_GDP_MISSING", "B 2021"),
        ("I_TARGET_MISSING", None),
        ("E_CARBON_GDP_MISSING", "A 2022"),
        ("E_TARGET_BASE_MISSING", "B"),
        ("W_TARGET_YEAR_GAP", "A"),
        ("W_TARGET_YEAR_GAP", "B"),
    ]
    assert findings[1].evidence == {"what": "目标 / target", "count": 1, "series": "B"}
    # rows of either side: A 2020–2022 and B 2021; A 2022 has CO2 only
    assert out.select("region_code", "year", "energy", "co2").rows() == [
        ("A", 2020, 5e5, 2e6),
        ("A", 2021, 5e5, 1.8e6),
        ("A", 2022, None, 1.7e6),
        ("B", 2021, 1e5, 3e5),
    ]


def test_a_given_energy_intensity_is_used_as_is_and_needs_no_gdp() -> None:
    # the assessment's intensities 0.3 and 0.27 (−10 %: cumulative 0.1 = R_1, progress 1.0); no GDP rows at all for
    # the energy side is no error; the carbon side has its own GDP finding for 2021... none: CO2 only for 2020
    en = pl.DataFrame(
        {
            "region_code": ["A", "A"],
            "year": [2020, 2021],
            "energy": [None, 9e5],
            "energy_intensity": [0.3, 0.27],
        }
    )
    co = frame("co2", [("A", 2020, 1e6)])
    gdp = frame("gdp", [("A", 2020, 100.0)])
    out, findings = energy_and_carbon(en, co, gdp, energy_target=T19, carbon_target=T19)
    assert findings == []
    assert out.select(
        "year", "gdp", "energy", "energy_intensity", "energy_reduction_cumulative", "carbon_intensity"
    ).rows() == [(2020, 100.0, None, 0.3, 0.0, 1.0), (2021, None, 9e5, 0.27, pytest.approx(0.1), None)]
    assert out["co2_per_tce"].to_list() == [None, None]


def _a_2020_2021(**energy: list) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:  # type: ignore[type-arg]
    """Region A in 2020 and 2021: the energy frame with ``energy``'s columns, CO2 1e6 t and GDP 100 亿元 both years."""
    en = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], **energy})
    co = frame("co2", [("A", 2020, 1e6), ("A", 2021, 1e6)])
    gdp = frame("gdp", [("A", 2020, 100.0), ("A", 2021, 100.0)])
    return en, co, gdp


def test_the_assessments_energy_progress_is_shown_as_is_with_its_types() -> None:
    # all seven assessed columns given (as strings and ints to be cast): shown unchanged, never re-tracked
    en, co, gdp = _a_2020_2021(
        energy=[5e5, 5e5],
        energy_change_yoy=[None, -0.02],
        energy_reduction_cumulative=[0.0, 0.05],
        energy_required_cumulative=[None, 0.07],
        energy_progress_ratio=[None, 0.7142],
        energy_on_pace=[None, False],
        energy_grade=[None, 2],
        energy_color=["grey", "yellow"],
    )
    out, findings = energy_and_carbon(en, co, gdp, energy_target={"Z": T19}, carbon_target=T19)
    assert findings == []  # the energy target mapping is not used: no untargeted-region note from it
    assert out.select(*ASSESSED_ENERGY_COLUMNS).rows() == [
        (None, 0.0, None, None, None, None, "grey"),
        (-0.02, 0.05, 0.07, 0.7142, False, 2, "yellow"),
    ]
    assert {c: out.schema[c] for c in ASSESSED_ENERGY_COLUMNS} == {
        "energy_change_yoy": pl.Float64,
        "energy_reduction_cumulative": pl.Float64,
        "energy_required_cumulative": pl.Float64,
        "energy_progress_ratio": pl.Float64,
        "energy_on_pace": pl.Boolean,
        "energy_grade": pl.Int8,
        "energy_color": pl.Utf8,
    }
    # energy intensity computed from energy and GDP: 5e5 / (100 × 10⁴) = 0.5
    assert out["energy_intensity"].to_list() == [0.5, 0.5]


def test_six_of_the_seven_assessed_columns_are_not_enough() -> None:
    # without energy_color the levels are re-tracked: 0.5 → 0.45 (4.5e5 / 1e6) is a 10 % cumulative reduction
    en, co, gdp = _a_2020_2021(
        energy=[5e5, 4.5e5],
        energy_change_yoy=[None, -0.5],
        energy_reduction_cumulative=[0.0, 0.5],
        energy_required_cumulative=[None, 0.5],
        energy_progress_ratio=[None, 1.0],
        energy_on_pace=[None, True],
        energy_grade=[None, 3],
    )
    out, _ = energy_and_carbon(en, co, gdp, energy_target=T19, carbon_target=T19)
    assert out["energy_reduction_cumulative"].to_list() == [0.0, pytest.approx(0.1)]
    assert out["energy_change_yoy"].to_list() == [None, pytest.approx(-0.1)]
    assert out["energy_color"].to_list()[1] == "green"
