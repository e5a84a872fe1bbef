"""Annual intensity targets (2021–2025) and the 13th-FYP targets: only rows with a source, gaps listed.

Golden values are typed by hand from the quoted words.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata

ANNUAL = "provincial_annual_intensity_targets"
T13 = "provincial_intensity_targets_13th"


def _codes() -> set[str]:
    return set(refdata.regions().filter(pl.col("level").is_in(["national", "province"]))["region_code"])


def test_annual_table_loads_and_validates() -> None:
    t = refdata.load(ANNUAL)
    assert t.edition == "2026"
    assert not [f for f in t.findings if f.code.startswith("E_")]
    df = t.data
    assert df.columns == ["region_code", "year", "intensity_reduction_pct", "value_text", "doc_no", "clause",
                          "source", "confidence", "notes"]
    assert df.select("region_code", "year").is_duplicated().sum() == 0
    assert set(df["region_code"]) <= _codes()


def test_annual_values_are_plausible_and_match_the_words() -> None:
    df = refdata.load(ANNUAL).data
    assert df["year"].is_between(2021, 2025).all()
    assert df["intensity_reduction_pct"].is_between(0, 10, closed="none").all()
    for r in df.iter_rows(named=True):
        assert f"{float(r['intensity_reduction_pct']):g}%" in str(r["value_text"]), r
        assert "http" in str(r["source"]), r


@pytest.mark.parametrize(("code", "year", "pct"), [
    ("100000", 2021, 3.0),   # 2021 政府工作报告：“单位国内生产总值能耗降低3%左右”
    ("100000", 2024, 2.5),   # 2024 政府工作报告：“单位国内生产总值能耗降低2.5%左右”
    ("100000", 2025, 3.0),   # 2025 政府工作报告：“单位国内生产总值能耗降低3%左右”
    ("420000", 2021, 2.5),   # 湖北 2021 计划报告：“单位生产总值能耗降低2.5%左右”
])
def test_annual_golden(code: str, year: int, pct: float) -> None:
    df = refdata.load(ANNUAL).data
    row = df.filter((pl.col("region_code") == code) & (pl.col("year") == year))
    assert row["intensity_reduction_pct"].to_list() == [pct]


def test_annual_years_without_a_number_are_gaps_not_rows() -> None:
    t = refdata.load(ANNUAL)
    df = t.data
    assert df.filter((pl.col("region_code") == "100000") & pl.col("year").is_in([2022, 2023])).is_empty()
    gaps = " ".join(t.manifest.gaps)
    assert "National 2022" in gaps and "National 2023" in gaps and "统筹考核" in gaps


def test_13th_table_has_only_the_verified_rows() -> None:
    t = refdata.load(T13)
    assert t.edition == "2016" and t.manifest.doc_no == "国发〔2016〕74号"
    assert not [f for f in t.findings if f.code.startswith("E_")]
    rows = {r["region_code"]: r for r in t.data.iter_rows(named=True)}
    assert sorted(rows) == ["100000", "410000"]
    # 国发〔2016〕74号 (中国政府网 summary): “全国万元国内生产总值能耗比2015年下降15%，能源消费总量控制在50亿吨标准煤以内”
    nat = rows["100000"]
    assert (nat["intensity_reduction_pct"], nat["total_energy_cap_10k_tce"]) == (15.0, 500000.0)
    assert nat["basis"] == "national_plan" and nat["confidence"] == "high"
    # 河南: “国家下达我省能耗增量控制在3540万吨标准煤以内、万元生产总值能耗下降16%的目标”
    henan = rows["410000"]
    assert (henan["intensity_reduction_pct"], henan["increment_cap_10k_tce"]) == (16.0, 3540.0)
    assert henan["basis"] == "state_allocation" and henan["confidence"] == "medium"
    for r in rows.values():
        assert (r["base_year"], r["target_year"]) == (2015, 2020)
        assert f"{float(r['intensity_reduction_pct']):g}%" in str(r["value_text"])


def test_13th_gaps_say_the_annex_was_not_found() -> None:
    gaps = " ".join(refdata.load(T13).manifest.gaps)
    assert "annex" in gaps and "30 provinces" in gaps


def test_new_tables_are_in_the_catalog_listing() -> None:
    infos = {t.name: t for t in refdata.list_tables()}
    assert infos["provincial_intensity_targets_14th"].editions == ["2021", "2026"]
    assert infos["provincial_intensity_targets_14th"].rows == 31
    assert infos[ANNUAL].rows == 4 and infos[T13].rows == 2
