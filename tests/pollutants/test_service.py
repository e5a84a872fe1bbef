"""The service on the hand-worked case loaded through the template files (tests/pollutant_handcase.py has the
arithmetic): the ledger, the measures' reductions, progress against the national targets and the quota, and a
decomposition."""

from __future__ import annotations

import json
import math

import polars as pl
import pytest

from ecer.core.pollutants.decompose import Indicator
from ecer.findings import FindingsError
from ecer.services import pollutants as svc
from ecer.storage import Store
from tests import pollutant_handcase as hc


def test_ledger_gives_the_hand_worked_values(handcase_store: Store) -> None:
    led = svc.pollutant_ledger(handcase_store)
    got = {(r["pollutant"], r["year"]): (r["reduction_total"], r["emissions"]) for r in led.ledger.iter_rows(named=True)}
    # COD 2021 = 50 000 + 1 533 − (492.75 + 350.5 + 25) = 50 664.75; 2022 = 50 664.75 + 1 022 − 135 = 51 551.75;
    # NOx 2021 = 8 000 − 440 = 7 560; 2022 = 7 560 − 300 = 7 260
    assert set(got) == set(hc.EXPECTED_LEDGER)
    for k, (cut, e) in hc.EXPECTED_LEDGER.items():
        assert got[k][0] == pytest.approx(cut, abs=1e-9)
        assert got[k][1] == pytest.approx(e, abs=1e-9)
    assert [f for f in led.findings if f.level == "error"] == []
    assert led.meta["base_years"] == {"350100 COD": 2020, "350100 NOx": 2020}
    assert set(led.ledger["region_name"]) == {"福州市"}


def test_measure_table_counts_each_measure_by_its_method(handcase_store: Store) -> None:
    t = svc.measure_table(handcase_store)
    got = {(r["measure_id"], r["year"]): (r["kind"], r["reduction"]) for r in t.iter_rows(named=True)}
    # efficiencies were entered in percent (80, 60, 95, 90): 2000 × (0.80 × 0.95 − 0.60 × 0.90) = 440
    for k, (kind, v) in hc.EXPECTED_REDUCTIONS.items():
        assert got[k][0] == kind
        assert got[k][1] == pytest.approx(v, abs=1e-9)
    assert t.filter(pl.col("measure_id") == "mill")["method_zh"].to_list() == ["关停淘汰"]


def test_progress_against_national_targets_and_the_quota(handcase_store: Store) -> None:
    pr = svc.pollutant_progress(handcase_store, as_of_year=2022)
    pct = {(r["pollutant"], r["year"]): r for r in pr.percentage.iter_rows(named=True)}
    for k, (yoy, cum, ratio, grade) in hc.EXPECTED_PERCENT.items():
        assert pct[k]["change_yoy"] == pytest.approx(yoy, abs=1e-6)
        assert pct[k]["reduction_cumulative"] == pytest.approx(cum, abs=1e-6)
        assert pct[k]["grade"] == grade
        if ratio is not None:
            assert pct[k]["progress_ratio"] == pytest.approx(ratio, abs=1e-6)
    # the region has no target of its own: the national one is used, and said so
    assert {r["target_source"] for r in pct.values()} == {svc.NATIONAL_SOURCE}
    assert any(f.code == "I_POLLUTANT_NATIONAL_TARGET" and f.evidence["count"] == 2 for f in pr.findings)
    qty = {(r["pollutant"], r["year"]): r for r in pr.quantity.iter_rows(named=True)}
    for k, (achieved, ratio, grade) in hc.EXPECTED_QUANTITY.items():
        assert qty[k]["achieved_cumulative"] == pytest.approx(achieved, abs=1e-9)
        assert qty[k]["progress_ratio"] == pytest.approx(ratio, abs=1e-6)
        assert qty[k]["grade"] == grade
    s = {r["pollutant"]: r for r in pr.summary.iter_rows(named=True)}
    # COD 2022: 51 551.75 t, +1.7507 % on 2021 → 一级 red; quota 1 003.25 of 1 200 required → 0.836042, yellow
    assert s["COD"]["emissions"] == pytest.approx(51_551.75)
    assert (s["COD"]["percent_grade"], s["COD"]["quantity_grade"]) == (1, 2)
    assert s["NOx"]["remaining"] == pytest.approx(1_500 - 740)  # Q − A_2022
    json.dumps(pr.to_dict(), default=str)  # serialisable for the API


def test_a_loaded_regional_target_replaces_the_national_one(handcase_store: Store, tmp_path) -> None:
    from tests.pollutants.conftest import write

    f = write(tmp_path / "t.csv", "pollutant_targets", [
        {"region_code": hc.REGION, "pollutant": "NOx", "base_year": 2020, "target_year": 2025,
         "target_reduction": 12, "key_project_reduction": 1500, "source": "synthetic"}])
    svc.load_pollutant_file(handcase_store, f, revise=True)
    pr = svc.pollutant_progress(handcase_store, as_of_year=2021)
    nox = pr.percentage.filter(pl.col("pollutant") == "NOx").row(0, named=True)
    # R_1 = 1 − 0.88^0.2 = 0.0252441; NOx fell 5.5 % → green; progress 0.055 / 0.0252441 = 2.17873
    assert nox["target_reduction"] == pytest.approx(0.12)
    assert nox["required_annual"] == pytest.approx(1 - 0.88 ** 0.2)
    assert nox["progress_ratio"] == pytest.approx(0.055 / (1 - 0.88 ** 0.2))
    assert nox["target_source"] == "synthetic"


def test_progress_of_a_year_without_data_is_no_data(handcase_store: Store) -> None:
    with pytest.raises(FindingsError) as e:
        svc.pollutant_progress(handcase_store, as_of_year=2023)
    assert [f.code for f in e.value.findings] == ["E_POLLUTANT_NO_DATA"]
    with pytest.raises(FindingsError) as e:
        svc.pollutant_progress(handcase_store, as_of_year=2020)
    assert [f.code for f in e.value.findings] == ["E_POLLUTANT_NO_DATA"]


def test_an_empty_store_has_no_data() -> None:
    with pytest.raises(FindingsError) as e:
        svc.pollutant_ledger(Store.memory())
    assert e.value.findings[0].code == "E_POLLUTANT_NO_DATA"
    assert "ecer pollutants load" in e.value.findings[0].fix_en


def test_pollutants_by_chinese_name_and_unknown(handcase_store: Store) -> None:
    led = svc.pollutant_ledger(handcase_store, pollutants=["氮氧化物"])
    assert set(led.ledger["pollutant"]) == {"NOx"}
    with pytest.raises(FindingsError) as e:
        svc.pollutant_ledger(handcase_store, pollutants=["SO3"])
    assert e.value.findings[0].code == "E_UNKNOWN_NAME"


def test_decompose_task_preserves_the_total() -> None:
    # 68 600 t among 300 000 / 150 000 / 50 000 t: 41 160 / 20 580 / 6 860; λ = 0.5 with gaps 0, 2, 2:
    # weights 300 000, 300 000, 100 000 → 29 400 / 29 400 / 9 800
    for method, expected in hc.EXPECTED_DECOMPOSITION.items():
        r = svc.decompose_task(hc.CITIES, total=hc.FUJIAN_COD_TASK, method=method, gap_factor=0.5)
        assert r.table["task"].to_list() == pytest.approx(expected)
        assert math.fsum(r.table["task"].to_list()) == pytest.approx(hc.FUJIAN_COD_TASK, abs=1e-9)
        assert r.to_dict()["method_zh"]


def test_decompose_task_composite_index() -> None:
    # one benefit indicator 1, 2, 3 → scores 0, 0.5, 1 with floor 0.5 → index 0.5, 0.75, 1;
    # weights 300 000·0.5 = 150 000, 150 000·0.75 = 112 500, 50 000·1 = 50 000 (Σ 312 500) → 68 600 × share
    cities = hc.CITIES.with_columns(heavy=pl.Series([1.0, 2.0, 3.0]))
    r = svc.decompose_task(cities, total=68_600, method="composite_index",
                           indicators=[Indicator("heavy", 1.0)], floor=0.5)
    assert r.table["task"].to_list() == pytest.approx([68_600 * 150_000 / 312_500, 68_600 * 112_500 / 312_500,
                                                       68_600 * 50_000 / 312_500])


def test_read_task_regions_converts_wan_tonnes(tmp_path) -> None:
    p = tmp_path / "cities.csv"
    p.write_text("地区代码,基年排放量（万吨）,质量差距\n350100,30,0\n350200,15,2\n350300,x,2\n", encoding="utf-8")
    frame, found = svc.read_task_regions(p)
    assert frame["base_emissions"].to_list()[:2] == [300_000.0, 150_000.0]  # 30 万吨 = 300 000 t
    assert [(f.code, f.location.row, f.location.column) for f in found] == [("E_NOT_NUMBER", 4, "基年排放量（万吨）")]


def test_reported_emissions_stand_beside_the_accounted_and_orphans_are_errors(handcase_store: Store,
                                                                             tmp_path) -> None:
    from tests.pollutants.conftest import write

    # the statistics report COD 2021 at 51 000 t; the ledger accounts 50 664.75 t: difference −335.25 t (−0.657 %)
    svc.load_pollutant_file(handcase_store, write(tmp_path / "r.csv", "pollutant_emissions", [
        {"region_code": hc.REGION, "pollutant": "COD", "year": 2021, "emissions": 51_000}]))
    # a measure of a city without base emissions: an error naming it; the rest is still accounted
    svc.load_pollutant_file(handcase_store, write(tmp_path / "m.csv", "pollutant_measures", [
        {"region_code": "350200", "pollutant": "COD", "year": 2021, "measure_id": "X", "method": "closure",
         "prev_emissions_t": 10}]))
    led = svc.pollutant_ledger(handcase_store)
    row = led.ledger.filter((pl.col("pollutant") == "COD") & (pl.col("year") == 2021)).row(0, named=True)
    assert row["emissions"] == pytest.approx(50_664.75)  # the accounted figure is not replaced
    assert row["reported_emissions"] == 51_000.0
    assert row["reported_difference"] == pytest.approx(-335.25)
    info = [f for f in led.findings if f.code == "I_POLLUTANT_REPORTED_DIFFERS"]
    assert len(info) == 1 and info[0].evidence["difference"] == "-0.66%"
    assert [f.code for f in led.errors] == ["E_POLLUTANT_NO_BASE"]
    assert "350200" in led.errors[0].message_zh
    # the measure named in each language (the English text once began with the Chinese table name)
    assert led.errors[0].message_en.startswith("reduction measures: X 350200 COD 2021 has no base-year emissions")
    assert led.errors[0].message_zh.startswith("减排措施：X 350200 COD 2021 没有基年排放量")
    assert "350200" not in set(led.ledger["region_code"])
