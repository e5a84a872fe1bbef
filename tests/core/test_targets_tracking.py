"""The one progress machinery (ecer.core.targets.tracking): cases worked by hand.

Even pace R_t = 1 − (1 − T)^{t/n} (1310号 第(十三)条, [C]); grades of the 629号 barometer; chaining rule
D_cum,t = 1 − (1 − D_cum,t−1)(1 − D_t) (METHODS §6.2). Hand values:
  T = 18 %, n = 5: ln 0.82 = −0.1984509
                   R_1 = 1 − 0.82^0.2 = 1 − exp(−0.0396902) = 1 − 0.9610872 = 0.0389128 (series to x⁴)
                   R_2 = 1 − 0.82^0.4 = 1 − exp(−0.0793804) = 1 − 0.9236885 = 0.0763115
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ecer.core.targets import progress as pg
from ecer.core.targets.tracking import TRACK_COLUMNS, Target, track, track_changes

T18 = Target(size=0.18, base_year=2020, target_year=2025, label="碳排放强度 / CO2 intensity")
R1, R2 = 0.0389128, 0.0763115


def test_two_year_chained_case_by_hand() -> None:
    # intensity 1.0 → 0.97 (−3 %) → 0.9312 (−4 %: 0.97 × 0.96)
    # cumulative: 2021 3 %; 2022 1 − 0.97 × 0.96 = 1 − 0.9312 = 6.88 %
    # progress 2021: 0.03 / 0.0389128 = 0.770955; 2022: 0.0688 / 0.0763115 = 0.901568
    # grades: 2021 fell 3 % < R_1 3.89 % → 2 (yellow); 2022 fell 4 % ≥ 3.89 % → 3 (green)
    df = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2021, 2022], "v": [1.0, 0.97, 0.9312]})
    out, findings = track(df, T18, key=["region_code"], value="v")
    assert findings == [] and out.columns == ["region_code", *TRACK_COLUMNS]
    r21, r22 = out.filter(pl.col("year") == 2021).row(0, named=True), out.filter(pl.col("year") == 2022).row(0, named=True)
    assert r21["required_annual"] == pytest.approx(R1, abs=1e-6) and r22["required_cumulative"] == pytest.approx(R2, abs=1e-6)
    assert r21["achieved_cumulative"] == pytest.approx(0.03) and r22["achieved_cumulative"] == pytest.approx(0.0688)
    assert r22["achieved_yoy"] == pytest.approx(0.04)
    assert r21["progress_ratio"] == pytest.approx(0.770955, abs=1e-5) and r22["progress_ratio"] == pytest.approx(0.901568, abs=1e-5)
    assert (r21["grade"], r21["color"], r22["grade"], r22["color"]) == (2, "yellow", 3, "green")
    assert (r21["on_pace"], r22["on_pace"]) == (False, False)
    # the same from the published yearly changes, chained
    ch = pl.DataFrame({"region_code": ["A"] * 2, "year": [2021, 2022], "c": [-0.03, -0.04]})
    out2, f2 = track_changes(ch, T18, key=["region_code"], change="c")
    assert f2 == []
    assert out2["achieved_cumulative"].to_list() == pytest.approx([0.03, 0.0688])
    assert out2["grade"].to_list() == [2, 3]
    assert out2["achieved_cumulative"][-1] == pytest.approx(pg.chain_reductions([0.03, 0.04]))


def test_rise_is_red_and_target_met_only_in_the_target_year() -> None:
    # 2021 rose 1 % → grade 1 (不降反升); 2025 reaches 1 − 0.8 = 20 % ≥ 18 % → target met
    df = pl.DataFrame({"r": ["A"] * 3, "year": [2020, 2021, 2025], "v": [1.0, 1.01, 0.80]})
    out, findings = track(df, T18, key=["r"], value="v")
    assert out["grade"].to_list()[:2] == [None, 1] and out["target_met"].to_list() == [None, None, True]
    assert [f.code for f in findings] == ["W_TARGET_YEAR_GAP"]  # 2025 has no 2024 before it
    assert out["grade"].to_list()[2] is None


def test_increase_direction_mirrors_the_barometer() -> None:
    # a share that must rise 10 % in 5 years: R_1 = 1.1^0.2 − 1 = exp(0.2 × 0.0953102) − 1 = 0.0192449
    # 2021 up 3 % (0.20 → 0.206) → green; 2022 down (0.206 → 0.205) → red; cumulative 2022: 0.205/0.2 − 1 = 2.5 %
    up = Target(size=0.10, base_year=2020, target_year=2025, direction="increase")
    df = pl.DataFrame({"r": ["A"] * 3, "year": [2020, 2021, 2022], "v": [0.20, 0.206, 0.205]})
    out, _ = track(df, up, key=["r"], value="v")
    assert out["required_annual"][0] == pytest.approx(0.0192449, abs=1e-7)
    assert out["grade"].to_list() == [None, 3, 1]
    assert out["achieved_cumulative"][2] == pytest.approx(0.025)


def test_missing_base_is_named_and_rows_kept() -> None:
    df = pl.DataFrame({"r": ["A", "B", "B"], "year": [2021, 2020, 2021], "v": [1.0, 1.0, 0.95]})
    out, findings = track(df, T18, key=["r"], value="v")
    assert out.height == 3
    assert [(f.code, f.evidence["record"]) for f in findings] == [("E_TARGET_BASE_MISSING", "A"),
                                                                   ("W_TARGET_YEAR_GAP", "A")]
    assert out.filter(pl.col("r") == "A")["progress_ratio"].to_list() == [None]


def test_chain_with_a_hole_is_not_a_chain() -> None:
    ch = pl.DataFrame({"r": ["A", "A"], "year": [2021, 2023], "c": [-0.03, -0.04]})
    out, findings = track_changes(ch, T18, key=["r"], change="c")
    assert out["achieved_cumulative"].to_list() == [pytest.approx(0.03), None]
    assert [f.code for f in findings] == ["W_TARGET_YEAR_GAP"]


def test_target_years_must_be_ordered() -> None:
    with pytest.raises(ValidationError):
        Target(size=0.1, base_year=2025, target_year=2020)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-0.2, 0.2).filter(lambda c: abs(c) > 1e-6 and abs(abs(c) - R1) > 1e-6), min_size=1, max_size=5))  # off the grade edges
def test_levels_and_chained_changes_agree(changes: list[float]) -> None:
    levels = [1.0]
    for c in changes:
        levels.append(levels[-1] * (1 + c))
    years = list(range(2020, 2021 + len(changes)))
    a, _ = track(pl.DataFrame({"r": "A", "year": years, "v": levels}), T18, key=["r"], value="v")
    b, _ = track_changes(pl.DataFrame({"r": "A", "year": years[1:], "c": changes}), T18, key=["r"], change="c")
    assert a.filter(pl.col("year") > 2020)["achieved_cumulative"].to_list() == pytest.approx(
        b["achieved_cumulative"].to_list(), abs=1e-12)
    assert a.filter(pl.col("year") > 2020)["grade"].to_list() == b["grade"].to_list()


# --- amounts at the even linear pace and targets to reach a level (wt-indicators) ---------------------------------
from ecer.core.targets.tracking import level_target, track_amounts


def test_amounts_linear_pace_by_hand() -> None:
    # 国发〔2021〕33号 三(六): 2000 节约型公共机构示范单位 by 2025 from 2020, n = 5 → Q/n = 400 a year.
    # cumulative 350 (2021), 900 (2022): required 400, 800; progress 350/400 = 0.875, 900/800 = 1.125;
    # increments 350 < 400 → 二级 yellow; 550 ≥ 400 → 三级 green. Target met only at 2025: 1990 < 2000 → False.
    t = Target(size=2000, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    df = pl.DataFrame({"r": ["A"] * 3, "year": [2021, 2022, 2025], "value": [350.0, 900.0, 1990.0]})
    out, findings = track_amounts(df, t, key=["r"])
    got = out.filter(pl.col("year") > 2020)
    assert got["required_cumulative"].to_list() == pytest.approx([400.0, 800.0, 2000.0])
    assert got["progress_ratio"].to_list() == pytest.approx([0.875, 1.125, 0.995])
    assert got["grade"].to_list() == [2, 3, None]  # 2025's year before (2024) is missing: no grade
    assert got["color"].to_list() == ["yellow", "green", "grey"]
    assert got["target_met"].to_list() == [None, None, False]
    assert [f.code for f in findings] == ["W_TARGET_YEAR_GAP"]


def test_amount_that_falls_is_red() -> None:
    t = Target(size=8, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    out, _ = track_amounts(pl.DataFrame({"r": ["A", "A"], "year": [2021, 2022], "value": [2.0, 1.5]}), t, key=["r"])
    assert out.filter(pl.col("year") == 2022)["grade"].item() == 1


def test_linear_target_must_be_a_positive_amount() -> None:
    with pytest.raises(ValidationError):
        Target(size=0.0, base_year=2020, target_year=2025, direction="increase", path="even_linear")
    with pytest.raises(ValidationError):
        Target(size=5.0, base_year=2020, target_year=2025, direction="decrease", path="even_linear")


def test_level_target_path_reaches_the_level() -> None:
    # straw use 80 % (2020) → ≥ 86 % (2025): T = 86/80 − 1 = 0.075; 1.075^(1/5) = exp(0.01446414) = 1 + 0.01446414
    # + 0.00010460 + 0.00000050 = 1.0145692,
    # so the level required in 2021 is 80 × 1.0145692 = 81.16554 %, and 86 % in 2025.
    t = level_target(86, 80, base_year=2020, target_year=2025)
    df = pl.DataFrame({"r": ["A"] * 3, "year": [2020, 2021, 2025], "value": [80.0, 81.0, 86.0]})
    out, _ = track(df, t, key=["r"])
    req = out["required_cumulative"].to_list()
    assert 80 * (1 + req[1]) == pytest.approx(81.16554, abs=1e-4)
    assert 80 * (1 + req[2]) == pytest.approx(86.0)
    assert out["on_pace"].to_list() == [None, False, True]
    with pytest.raises(ValueError):
        level_target(86, 0.0, base_year=2020, target_year=2025)


def test_chained_changes_have_the_same_column_types_as_tracked_levels() -> None:
    # published changes carry no levels: value, value_prev and value_base are null, but typed Float64 like the
    # output of track(), so that the two can be stacked (pl.concat) for a report
    df = pl.DataFrame({"r": ["A", "A"], "year": [2021, 2022], "change": [-0.03, -0.04]})
    t = Target(size=0.18, base_year=2020, target_year=2025)
    out, _ = track_changes(df, t, key=["r"])
    levels, _ = track(pl.DataFrame({"r": ["A"] * 2, "year": [2020, 2021], "value": [1.0, 0.97]}), t, key=["r"])
    assert out.schema == levels.schema
    assert out["value_prev"].to_list() == [None, None]
    assert pl.concat([levels, out]).height == 4
