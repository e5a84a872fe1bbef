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
from ecer.findings import Location

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


# --- every field of the value checks' findings (issue 5 §3.3, mutation); texts read off ecer.findings' templates ---

KNOWN = "energy_intensity, energy_total, cod_total, nh3n_total, nox_total, vocs_total"  # the first 6 codes, in order


def _checked(rows: dict, **kw: object) -> list:
    return check_values(pl.DataFrame(rows), CAT, **kw)  # type: ignore[arg-type]


def test_an_unknown_code_names_the_file_row_and_the_first_six_codes() -> None:
    # the code is stripped (" xx " → "xx"); the frame's first row is file row 2 unless row_offset says otherwise
    f = _checked({"region_code": ["110000"], "year": [2022], "indicator_code": [" xx "], "value": [1.0], "unit": ["%"]},
                 file="v.xlsx", row_offset=5)
    assert [x.code for x in f] == ["E_INDICATOR_UNKNOWN"]
    assert f[0].location == Location(file="v.xlsx", row=5, column="indicator_code")
    assert f[0].evidence == {"where_zh": "v.xlsx 第 5 行（110000 2022）", "where_en": "v.xlsx row 5 (110000 2022)",
                             "indicator": "xx", "known": KNOWN}
    assert f[0].message_en == "v.xlsx row 5 (110000 2022): the indicator code 'xx' is not in the key-project catalogue"
    # without a file name: 文件 / file; an empty code is unknown too
    f = _checked({"region_code": ["110000"], "year": [2022], "indicator_code": [None], "value": [1.0]})
    assert f[0].evidence["where_zh"] == "文件 第 2 行（110000 2022）" and f[0].evidence["where_en"] == \
        "file row 2 (110000 2022)" and f[0].evidence["indicator"] == ""


def test_the_reader_s_rows_are_used_and_an_empty_region_or_year_is_left_out() -> None:
    # source_rows give the file rows (10, 11); the third row has none listed → its index + row_offset = 2 + 2 = 4
    f = _checked({"region_code": ["110000", None, None], "year": [2022, 2023, None],
                  "indicator_code": ["xx", "yy", "zz"], "value": [1.0, 1.0, 1.0]}, source_rows=[10, 11])
    assert [x.location.row for x in f if x.location] == [10, 11, 4]
    assert [x.evidence["where_en"] for x in f] == ["file row 10 (110000 2022)", "file row 11 (2023)", "file row 4 (—)"]
    assert f[2].evidence["where_zh"] == "文件 第 4 行（—）"


def test_a_unit_mismatch_names_both_units_and_the_indicator() -> None:
    f = _checked({"region_code": ["110000"], "year": [2022], "indicator_code": ["straw_use"], "value": [86.0],
                  "unit": [" 万 "]}, file="v.xlsx")
    assert f[0].code == "E_INDICATOR_UNIT_MISMATCH"
    assert f[0].location == Location(file="v.xlsx", row=2, column="unit")
    assert f[0].evidence == {"where_zh": "v.xlsx 第 2 行（110000 2022）", "where_en": "v.xlsx row 2 (110000 2022)",
                             "indicator": "straw_use", "name_zh": "秸秆综合利用率",
                             "name_en": "straw comprehensive utilisation rate", "unit": "万", "expected": "%"}
    # a blank unit is the catalogue's; a qualitative target's unit is not compared (it has none)
    assert _checked({"region_code": ["A", "A"], "year": [2022, 2022], "indicator_code": ["straw_use", "green_building"],
                     "value": [86.0, None], "unit": ["  ", "万"]}) == []


def test_a_number_for_a_qualitative_target_is_kept_with_a_warning() -> None:
    f = _checked({"region_code": ["A"], "year": [2022], "indicator_code": ["green_building"], "value": [1.0]})
    g = IND["green_building"]
    assert f[0].code == "W_INDICATOR_QUALITATIVE_VALUE"
    assert f[0].location == Location(file=None, row=2, column="value")
    assert f[0].evidence == {"where_zh": "文件 第 2 行（A 2022）", "where_en": "file row 2 (A 2022)",
                             "indicator": "green_building", "name_zh": g.name_zh, "name_en": g.name_en,
                             "target_text": g.target_text, "value": 1.0}


def test_no_number_is_named_as_such() -> None:
    f = _checked({"region_code": ["A", "A"], "year": [2022, 2023], "indicator_code": ["straw_use", "straw_use"],
                  "value": [None, float("nan")]})
    assert [(x.code, x.location.column if x.location else None) for x in f] == [
        ("E_INDICATOR_VALUE_INVALID", "value")] * 2
    assert f[0].evidence == {"where_zh": "文件 第 2 行（A 2022）", "where_en": "file row 2 (A 2022)",
                             "indicator": "straw_use", "value": "", "detail": "不是数字 / not a number"}
    assert f[0].message_en == "file row 2 (A 2022): the value '' of indicator straw_use is invalid: not a number"
    # a text in the value column (an object column) is no number either
    f = _checked({"region_code": ["A"], "year": [2022], "indicator_code": ["straw_use"], "value": ["86"]})
    assert f[0].code == "E_INDICATOR_VALUE_INVALID" and f[0].evidence["value"] == "86"


def test_impossible_values_and_their_boundaries() -> None:
    # straw_use (a share in %): 0 and 100 are possible, −1 and 100.5 are not; a reduction in % above 100 is not;
    # solvent_coatings (quantity in 百分点) may be negative; public_demo_units (quantity, national target 2000 家):
    # −1 is impossible, 2000 is possible, 2001 in a region is above the national target, in 100000 it is the nation
    rows = [("A", "straw_use", 0.0), ("A", "straw_use", 100.0), ("A", "straw_use", -1.0), ("A", "straw_use", 100.5),
            ("A", "energy_intensity", 100.0), ("A", "energy_intensity", 101.0), ("A", "solvent_coatings", -3.0),
            ("A", "public_demo_units", -1.0), ("A", "public_demo_units", 2000.0), ("A", "public_demo_units", 2001.0),
            ("100000", "public_demo_units", 2001.0)]
    f = _checked({"region_code": [r[0] for r in rows], "year": [2022] * len(rows),
                  "indicator_code": [r[1] for r in rows], "value": [r[2] for r in rows]})
    assert [(x.location.row if x.location else None, x.evidence["detail_en"]) for x in f] == [
        (4, "a share or rate lies between 0 and 100 %"), (5, "a share or rate lies between 0 and 100 %"),
        (7, "a reduction cannot exceed 100 %"), (9, "an accumulated amount cannot be negative"),
        (11, "a region's amount above the national target of 2000 家 (a unit slip, e.g. 万/亿?)")]
    assert f[0].evidence == {"where_zh": "文件 第 4 行（A 2022）", "where_en": "file row 4 (A 2022)",
                             "indicator": "straw_use", "name_zh": "秸秆综合利用率",
                             "name_en": "straw comprehensive utilisation rate", "value": "-1", "unit": "%",
                             "detail_zh": "比例或比率须在 0–100% 之间", "detail_en": "a share or rate lies between 0 and 100 %"}
    assert f[2].evidence["detail_zh"] == "下降幅度不能超过 100%"
    assert f[3].evidence["detail_zh"] == "累计完成量不能为负"
    assert f[4].evidence["detail_zh"] == "一个地区的累计量超过全国目标 2000家（可能是单位错写，如 万/亿）"
    assert f[4].location == Location(file=None, row=11, column="value")


def test_catalogue_reads_a_hand_made_table() -> None:
    # rows out of order (row_id 2 before 1); row 2 is qualitative with a stray value (kept as no target), no base
    # year (" " → the plan's 2020), no unit, no English project name and no notes (→ "")
    frame = pl.DataFrame({
        "row_id": [2, 1], "indicator_code": ["q", "lvl"], "indicator_cn": ["定性", "水平"], "indicator_en": ["qual", "level"],
        "project_no": ["3", 1], "project_cn": ["工程三", "工程一"], "project_en": [None, "project one"],
        "kind": ["qualitative", "level"], "direction": ["qualitative", "about"], "value": ["5", "20"],
        "value_text": ["全面执行", "20%左右"], "unit": [None, "%"], "base_year": [" ", "2019"], "target_year": [2025, "2025"],
        "doc_no": ["国发〔2021〕33号", "国发〔2021〕33号"], "clause": ["三、(九)", "三、(四)"], "notes": [None, "n"],
    }, strict=False)
    lvl, q = catalogue(frame)
    assert (lvl.code, lvl.target, lvl.unit, lvl.base_year, lvl.target_year, lvl.project_no, lvl.project_en,
            lvl.notes, lvl.direction, lvl.source) == ("lvl", 20.0, "%", 2019, 2025, 1, "project one", "n", "about",
                                                      "国发〔2021〕33号 三、(四)")
    assert (q.code, q.target, q.unit, q.base_year, q.project_no, q.project_en, q.notes, q.target_text) == (
        "q", None, "", 2020, 3, "", "", "全面执行")
    assert lvl.target_phrase() == ("2025年达到20%左右", "about 20 % by 2025")
    assert q.target_phrase() == ("全面执行", "'全面执行' (qualitative)")


# --- progress of levels: at most, a base of 0, the notes' fields (mutation, issue 5 §3.3) ---


def _at_most() -> Indicator:
    """A hand-made "at most 50 % by 2025" level (e.g. a coal share), base 2020."""
    return Indicator(code="coal_share", name_zh="煤炭消费比重", name_en="coal share", project_no=1, project_zh="工程",
                     project_en="project", kind="level", direction="at_most", target=50.0, target_text="50%以下",
                     unit="%", base_year=2020, target_year=2025, doc_no="文号", clause="三")


def test_an_at_most_level_by_hand() -> None:
    # 60 % in 2020 → at most 50 % by 2025: T = 1 − 50/60 = 1/6 on the even pace, 2021 needs at most
    # 60 × (5/6)^0.2 = 60 × exp(0.2 × ln(5/6)) = 60 × exp(−0.0364643) = 60 × 0.9641925 = 57.85155 %
    v = _values([("A", 2020, 60.0), ("A", 2021, 57.0), ("A", 2025, 51.0),
                 ("B", 2020, 60.0), ("B", 2021, 58.0), ("B", 2025, 50.0)])
    out, _ = progress(v, _at_most())
    a, b = _by_year(out, "A"), _by_year(out, "B")
    assert a[2021]["required_to_date"] == pytest.approx(57.85155, abs=1e-4)
    assert [a[2021]["status"], b[2021]["status"]] == ["met", "behind"]  # 57 ≤ 57.85; 58 > 57.85
    # 2025: A at 51 % missed it by 1 point (gap = −(50 − 51) = 1), 9/10 of the way (51 − 60)/(50 − 60); B is at 50 %
    assert (a[2025]["status"], a[2025]["status_zh"], a[2025]["color"]) == ("missed", "未达标", "red")
    assert a[2025]["gap"] == pytest.approx(1.0) and a[2025]["completion"] == pytest.approx(0.9)
    assert (b[2025]["status"], b[2025]["gap"]) == ("met", 0.0)
    # the required level never goes below the target: by 2025 it is 60 × (5/6) = 50 exactly
    assert a[2025]["required_to_date"] == pytest.approx(50.0)


def test_a_level_with_a_base_of_zero_or_none_cannot_be_tracked_and_says_why() -> None:
    v = pl.DataFrame({"region_code": ["A", "A", "B", "B"], "year": [2020, 2021, 2020, 2022],
                      "value": [0.0, 50.0, None, 60.0]}, schema={"region_code": pl.String, "year": pl.Int64,
                                                                 "value": pl.Float64})
    out, findings = progress(v, IND["straw_use"])
    assert [f.code for f in findings] == ["E_INDICATOR_VALUE_INVALID", "E_TARGET_BASE_MISSING"]
    assert findings[0].evidence == {
        "where_zh": "A 2020年", "where_en": "A 2020", "indicator": "straw_use", "value": 0.0,
        "detail": "基年数值须大于 0 才能设定进度路径 / the base-year value must be > 0 to set a path"}
    assert findings[1].evidence == {"what": "秸秆综合利用率 / straw comprehensive utilisation rate", "record": "B",
                                    "base_year": 2020}
    assert out.select("region_code", "year", "status", "status_en", "color").rows() == [
        ("A", 2020, "base", "base year", "grey"), ("A", 2021, "na", "cannot be assessed", "grey"),
        ("B", 2020, "base", "base year", "grey"), ("B", 2022, "na", "cannot be assessed", "grey")]
    assert out["target_value"].to_list() == [86.0] * 4 and out["required_to_date"].to_list() == [None] * 4


def test_the_notes_of_a_qualitative_target_and_of_a_national_amount_name_their_fields() -> None:
    _, f = progress(_values([("A", 2022, 3.0)]), IND["green_building"])
    g = IND["green_building"]
    assert [x.evidence for x in f] == [{"indicator": "green_building", "name_zh": g.name_zh, "name_en": g.name_en,
                                        "target_text": "全面执行"}]
    out, f = progress(_values([("120000", 2022, 4.0), ("110000", 2022, 3.0), ("100000", 2022, 500.0)]),
                      IND["public_demo_units"])
    note = next(x for x in f if x.code == "I_INDICATOR_NATIONAL_AMOUNT")
    assert note.evidence == {"indicator": "public_demo_units", "name_zh": "节约型公共机构示范单位",
                             "name_en": "conservation-oriented public-institution demonstration units",
                             "target": "2000", "unit": "家", "regions": "110000, 120000"}
    # the nation's 500 of 2000 by 2022: the even line needs 2000 × 2/5 = 800, so it is behind
    nation = _by_year(out, "100000")[2022]
    assert nation["required_to_date"] == pytest.approx(800.0) and nation["status"] == "behind"
    assert [r["region_code"] for r in out.iter_rows(named=True)] == ["100000", "110000", "120000"]


def test_latest_is_the_last_year_of_each_region_and_indicator_in_code_order() -> None:
    a, _ = progress(_values([("B", 2021, 2.7), ("B", 2022, 6.0), ("A", 2023, 9.0), ("A", 2021, 3.0)]),
                    IND["energy_intensity"])
    b, _ = progress(_values([("A", 2020, 80.0), ("A", 2022, 82.0)]), IND["straw_use"])
    got = latest(pl.concat([b, a]))
    assert got.select("indicator_code", "region_code", "year").rows() == [
        ("energy_intensity", "A", 2023), ("energy_intensity", "B", 2022), ("straw_use", "A", 2022)]
    assert latest(a.head(0)).height == 0
