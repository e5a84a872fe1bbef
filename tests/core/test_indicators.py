"""Key-project indicators (国发〔2021〕33号 三): one hand-worked case per kind, on the tracking machinery.

Hand values (n = 5, base 2020):
  level, straw ≥ 86 % from 80 %: (86/80)^(1/5) = exp(ln 1.075 / 5) = exp(0.01446414) = 1.0145692 → 2021 needs
      80 × 1.0145692 = 81.16554 %;
  reduction, energy intensity −13.5 %: R_1 = 1 − 0.865^0.2 = 1 − exp(−0.0290052) = 0.0285890 (2.8589 %),
      R_2 = 1 − exp(−0.0580104) = 1 − 0.9436402 = 0.0563598 (5.63598 %);
  quantity, 2000 demonstration units: 400 a year (linear).
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.core.indicators import KINDS, Indicator, by_code, catalogue, check_values, latest, progress

CAT = catalogue(refdata.load("targets_gf2021_33").frame)
IND = by_code(CAT)


def _values(rows: list[tuple[str, int, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"region_code": pl.String, "year": pl.Int64, "value": pl.Float64}, orient="row")


def _by_year(df: pl.DataFrame, region: str = "A") -> dict[int, dict[str, object]]:
    return {r["year"]: r for r in df.filter(pl.col("region_code") == region).iter_rows(named=True)}


def test_catalogue_codes_are_unique_and_cover_every_row() -> None:
    assert len(CAT) == 40 and len(IND) == 40
    assert {i.kind for i in CAT} == set(KINDS)
    for i in CAT:
        assert (i.kind == "qualitative") == (i.direction == "qualitative") == (i.target is None), i.code
        assert i.base_year == 2020 and i.target_year == 2025
    assert IND["nev_share"].target == 20 and IND["nev_share"].unit == "%"
    assert IND["straw_use"].target == 86 and IND["straw_use"].kind == "level"
    assert IND["jjj_farm_ammonia"].kind == "reduction" and IND["solvent_coatings"].unit == "百分点"


def test_level_share_by_hand() -> None:
    v = _values([("A", 2020, 80.0), ("A", 2021, 81.0), ("A", 2025, 85.5),
                 ("B", 2020, 80.0), ("B", 2021, 82.0), ("B", 2025, 86.0)])
    out, findings = progress(v, IND["straw_use"])
    a, b = _by_year(out, "A"), _by_year(out, "B")
    assert a[2021]["required_to_date"] == pytest.approx(81.16554, abs=1e-4)
    assert (a[2020]["status_zh"], a[2021]["status_zh"], a[2025]["status_zh"]) == ("基期", "进度滞后", "未达标")
    assert (a[2021]["color"], a[2025]["color"]) == ("yellow", "red")
    assert a[2025]["gap"] == pytest.approx(0.5) and a[2025]["completion"] == pytest.approx(5.5 / 6)
    assert (b[2021]["status_zh"], b[2025]["status_zh"]) == ("达标", "达标") and b[2025]["color"] == "green"
    assert findings == [] or all(f.code == "W_TARGET_YEAR_GAP" for f in findings)


def test_level_already_reached_must_be_kept() -> None:
    # 畜禽粪污综合利用率 ≥ 80 %: a region at 82 % in 2020 needs 80 % (not 82 %) every year
    out, _ = progress(_values([("A", 2020, 82.0), ("A", 2021, 79.0), ("A", 2022, 81.0)]), IND["manure_use"])
    a = _by_year(out)
    assert a[2021]["required_to_date"] == pytest.approx(80.0) and a[2021]["status"] == "behind"
    assert a[2022]["status"] == "met" and a[2022]["completion"] is None


def test_nev_share_official_figures() -> None:
    # national NEV share of new-vehicle sales: 5.4 % in 2020, 25.6 % in 2022 (中国汽车工业协会 annual releases);
    # 33号 三(四) asks for about 20 % by 2025 → reached three years early
    out, _ = progress(_values([("100000", 2020, 5.4), ("100000", 2022, 25.6)]), IND["nev_share"])
    r = _by_year(out, "100000")[2022]
    assert r["status_zh"] == "达标" and r["gap"] == pytest.approx(20 - 25.6)


def test_reduction_by_hand() -> None:
    v = _values([("A", 2021, 2.7), ("A", 2022, 6.0), ("A", 2025, 13.0)])
    out, _ = progress(v, IND["energy_intensity"])
    a = _by_year(out)
    assert 2020 not in a  # the base year (D = 0) is implied, not invented as a row
    assert a[2021]["required_to_date"] == pytest.approx(2.85890, abs=1e-4)
    assert a[2022]["required_to_date"] == pytest.approx(5.63598, abs=1e-4)
    assert [a[y]["status"] for y in (2021, 2022, 2025)] == ["behind", "met", "missed"]
    assert a[2025]["gap"] == pytest.approx(0.5) and a[2022]["completion"] == pytest.approx(6 / 13.5)
    # index 100 − D: 97.3 → 94.0 is a fall of 1 − 94/97.3 = 3.39 % ≥ R_1 → 三级
    assert a[2022]["grade"] == 3


def test_quantity_by_hand() -> None:
    # the 2000 units are the whole country's (region 100000); a province's count is listed, never graded against it
    out, findings = progress(_values([("100000", 2021, 350.0), ("100000", 2022, 900.0), ("100000", 2025, 2000.0),
                                      ("110000", 2022, 60.0)]), IND["public_demo_units"])
    a = _by_year(out, "100000")
    bj = _by_year(out, "110000")[2022]
    assert bj["status"] == "na" and bj["value"] == 60.0 and bj["required_to_date"] is None
    assert [f.code for f in findings] == ["I_INDICATOR_NATIONAL_AMOUNT", "W_TARGET_YEAR_GAP"]  # 2024 missing
    assert "110000" in findings[0].message_en
    assert [a[y]["required_to_date"] for y in (2021, 2022, 2025)] == pytest.approx([400.0, 800.0, 2000.0])
    assert [a[y]["status_zh"] for y in (2021, 2022, 2025)] == ["进度滞后", "达标", "达标"]
    assert a[2021]["progress_ratio"] == pytest.approx(0.875)


def test_qualitative_is_never_graded() -> None:
    out, findings = progress(_values([("A", 2022, 1.0)]), IND["green_building"])
    r = _by_year(out)[2022]
    assert r["status_zh"] == "无法评估" and r["value"] is None and r["target_value"] is None
    assert [f.code for f in findings] == ["I_INDICATOR_QUALITATIVE"]
    assert "全面执行" in findings[0].message_zh


def test_level_without_base_cannot_be_assessed() -> None:
    out, findings = progress(_values([("A", 2022, 50.0)]), IND["rural_sewage"])
    assert _by_year(out)[2022]["status"] == "na"
    assert "E_TARGET_BASE_MISSING" in [f.code for f in findings]


def test_latest_takes_the_last_year() -> None:
    out, _ = progress(_values([("A", 2021, 2.7), ("A", 2022, 6.0)]), IND["energy_intensity"])
    assert latest(out)["year"].to_list() == [2022]


def test_check_values_findings() -> None:
    frame = pl.DataFrame({
        "region_code": ["110000"] * 7, "year": [2022] * 7,
        "indicator_code": ["nev_shar", "straw_use", "straw_use", "energy_intensity", "green_building", "manure_use",
                           "straw_use"],
        "value": [20.0, 86.0, 120.0, 150.0, 1.0, None, 86.0],
        "unit": ["%", "万", "%", "%", "", "%", ""],
    })
    findings = check_values(frame, CAT, file="v.xlsx")
    codes = [(f.code, f.location.row if f.location else None) for f in findings]
    assert codes == [("E_INDICATOR_UNKNOWN", 2), ("E_INDICATOR_UNIT_MISMATCH", 3), ("E_INDICATOR_VALUE_RANGE", 4),
                     ("E_INDICATOR_VALUE_RANGE", 5), ("W_INDICATOR_QUALITATIVE_VALUE", 6),
                     ("E_INDICATOR_VALUE_INVALID", 7)]
    unit = findings[1]
    assert "万" in unit.message_zh and "%" in unit.message_en and "row 3" in unit.message_en


def test_indicator_phrases_are_sentences() -> None:
    assert IND["straw_use"].target_phrase() == ("2025年达到86%以上", "at least 86 % by 2025")
    assert IND["energy_intensity"].target_phrase()[0] == "2025年比2020年下降13.5%"
    assert isinstance(IND["green_building"], Indicator) and IND["green_building"].target_phrase()[0] == "全面执行"
