"""Cross-engine: loads append versions; current/history/as_of read them back (DuckDB and Spark)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
import pytest

from ecer.models import ANNUAL_TARGET_COLUMNS, ENERGY_COLUMNS, REGION_COLUMNS
from ecer.storage import Store
from tests.storage.sample import T0, correction, energy, regions


def _worked_case(store: Store) -> None:
    store.load("regions", regions(), file="regions.csv", who="alice", why="initial regions")
    store.load("energy", energy(), file="energy_2020_2021.xlsx", who="alice", why="2020-2021 statistics")
    store.load("energy", correction(), file="fix.csv", who="bob", why="NBS revised Beijing 2021")


def test_worked_case_correction(store: Store) -> None:
    _worked_case(store)
    cur = store.current("energy")
    assert cur.columns == ENERGY_COLUMNS
    assert cur.height == 4  # 2 regions × 2 years, one row each
    totals = {(r["region_code"], r["period"]): r["total_energy"] for r in cur.iter_rows(named=True)}
    assert totals == {("110000", "2020"): 67_000_000.0, ("110000", "2021"): 69_500_000.0,
                      ("120000", "2020"): 80_000_000.0, ("120000", "2021"): 82_000_000.0}

    hist = store.history("energy", {"region_code": "110000", "period": "2021"})
    assert hist["version"].to_list() == [1, 2]
    assert hist["total_energy"].to_list() == [70_000_000.0, 69_500_000.0]
    assert hist["changed_by"].to_list() == ["alice", "bob"]
    assert hist["reason"].to_list() == ["2020-2021 statistics", "NBS revised Beijing 2021"]
    # load 0 = regions at T0, load 1 = energy at T0+1h, load 2 = correction at T0+2h (FakeClock)
    assert hist["valid_from"].to_list() == [T0 + timedelta(hours=1), T0 + timedelta(hours=2)]

    untouched = store.history("energy", {"region_code": "120000", "period": "2021"})
    assert untouched["version"].to_list() == [1]

    assert store.counts() == {"regions": 2, "energy": 5, "targets": 0, "annual_targets": 0, "electricity_factors": 0,
                              "enterprises": 0, "production_units": 0, "unit_performance": 0,
                              "projects": 0, "project_decisions": 0, "carbon_energy": 0, "pollutant_emissions": 0,
                              "pollutant_measures": 0, "pollutant_increments": 0, "pollutant_targets": 0,
                              "transfer_indicators": 0, "transfer_projects": 0,
                              "indicator_values": 0, "sector_energy": 0,
                              "loads": 3}
    log = store.loads()
    assert log["table"].to_list() == ["regions", "energy", "energy"]
    assert log["rows"].to_list() == [2, 4, 1]
    assert log["loaded_by"].to_list() == ["alice", "alice", "bob"]
    assert log["file"].to_list() == ["regions.csv", "energy_2020_2021.xlsx", "fix.csv"]
    assert set(log["status"]) == {"committed"}


def test_receipt_counts_new_and_revised_keys(store: Store) -> None:
    first = store.load("energy", energy(), file="e.csv", who="a", why="first")
    assert (first.rows, first.new_keys, first.revised_keys) == (4, 4, 0)
    # Reload: 1 revised key + 1 new key (a third year).
    extra = energy().filter(pl.col("region_code") == "120000").tail(1).with_columns(period=pl.lit("2022"))
    second = store.load("energy", pl.concat([correction(), extra]), file="e2.csv", who="b", why="more")
    assert (second.rows, second.new_keys, second.revised_keys) == (2, 1, 1)
    assert second.table == "energy" and second.loaded_by == "b" and second.status == "committed"
    assert store.loads()["load_id"].to_list() == [first.load_id, second.load_id]


def test_version_is_per_key_max_plus_one(store: Store) -> None:
    store.load("energy", energy(), file="a", who="a", why="1")
    store.load("energy", energy(), file="b", who="a", why="2")
    store.load("energy", correction(), file="c", who="a", why="3")
    versions = {(r["region_code"], r["period"], r["version"])
                for r in store.current("energy", bookkeeping=True).iter_rows(named=True)}
    assert versions == {("110000", "2020", 2), ("110000", "2021", 3), ("120000", "2020", 2),
                        ("120000", "2021", 2)}


def test_current_filters_and_bookkeeping(store: Store) -> None:
    _worked_case(store)
    bj = store.current("energy", region_code="110000")
    assert bj["period"].to_list() == ["2020", "2021"]
    y2021 = store.current("energy", period=["2021"], region_code=["110000", "120000"])
    assert y2021["region_code"].to_list() == ["110000", "120000"]
    assert store.current("energy", region_code="990000").height == 0
    full = store.current("energy", bookkeeping=True)
    assert full.columns == [*ENERGY_COLUMNS, "version", "load_id", "valid_from", "changed_by", "reason"]
    regs = store.current("regions")
    assert regs.columns == REGION_COLUMNS
    assert regs["parent_code"].to_list() == [None, None]


def test_as_of_shows_past_states(store: Store) -> None:
    _worked_case(store)  # regions T0, energy T0+1h, correction T0+2h
    key = (pl.col("region_code") == "110000") & (pl.col("period") == "2021")
    before_fix = store.as_of("energy", T0 + timedelta(hours=1, minutes=30))
    assert before_fix.filter(key)["total_energy"].to_list() == [70_000_000.0]
    after_fix = store.as_of("energy", (T0 + timedelta(hours=2)).isoformat())
    assert after_fix.filter(key)["total_energy"].to_list() == [69_500_000.0]
    before_energy = store.as_of("energy", T0.replace(tzinfo=None))  # naive = UTC; regions only
    assert before_energy.height == 0 and before_energy.columns == ENERGY_COLUMNS
    assert store.as_of("regions", T0).height == 2


def test_types_are_coerced_and_nulls_kept(store: Store) -> None:
    targets = pl.DataFrame({
        "region_code": ["110000"], "plan": ["14th"], "base_year": ["2020"], "target_year": [2025],
        "intensity_reduction_basic": [0.14], "intensity_reduction_incentive": [None],
        "gdp_growth_plan": [None], "total_increment_cap": [None], "source": ["synthetic"],
    })
    store.load("targets", targets, file="t.csv", who="a", why="x")
    cur = store.current("targets")
    assert cur["base_year"].to_list() == [2020] and cur.schema["base_year"] == pl.Int64
    assert cur["intensity_reduction_incentive"].to_list() == [None]
    annual = pl.DataFrame({"region_code": ["110000", "110000"], "year": [2021, 2022],
                           "intensity_reduction": [0.03, 0.025], "source": ["s", "s"]})
    store.load("annual_targets", annual, file="a.csv", who="a", why="x")
    assert store.current("annual_targets", year=2022)["intensity_reduction"].to_list() == [0.025]
    assert store.current("annual_targets").columns == ANNUAL_TARGET_COLUMNS


def test_snapshot_and_names(store: Store) -> None:
    assert store.table_names() == ["regions", "energy", "targets", "annual_targets", "electricity_factors",
                                   "enterprises", "production_units", "unit_performance", "projects", "project_decisions",
                                   "carbon_energy", "pollutant_emissions", "pollutant_measures", "pollutant_increments",
                                   "pollutant_targets", "transfer_indicators", "transfer_projects", "indicator_values",
                                   "sector_energy", "loads"]
    assert store.counts() == dict.fromkeys(store.table_names(), 0)
    _worked_case(store)
    snap = store.snapshot()
    assert list(snap) == store.table_names()
    assert {k: v.height for k, v in snap.items()} == store.counts()
    assert snap["energy"].schema["valid_from"] == pl.Datetime("us", "UTC")


def test_unknown_table_is_a_finding(store: Store) -> None:
    from ecer.findings import FindingsError

    with pytest.raises(FindingsError) as err:
        store.current("enegry")
    assert err.value.findings[0].code == "E_UNKNOWN_NAME"
    assert "energy" in err.value.findings[0].message_en


def test_unknown_filter_column_is_a_finding(store: Store) -> None:
    from ecer.findings import FindingsError

    with pytest.raises(FindingsError) as err:
        store.history("energy", {"region": "110000"})
    assert [f.evidence["value"] for f in err.value.findings] == ["region"]
    assert "region_code" in err.value.findings[0].message_en
