"""Data survive closing and reopening the store (DuckDB file; Spark external Parquet tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecer.storage import Store
from tests.storage.sample import FakeClock, correction, energy


def test_duckdb_file_reopens(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb", clock=FakeClock()) as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
    with Store.open(tmp_path / "s.duckdb", clock=FakeClock()) as s:
        # The reopened store's clock restarts at T0, but valid_from stays after the last load.
        s.load("energy", correction(), file="f.csv", who="b", why="y")
        hist = s.history("energy", {"region_code": "110000", "period": "2021"})
    assert hist["version"].to_list() == [1, 2]
    assert hist["valid_from"][1] > hist["valid_from"][0]


@pytest.mark.spark
def test_spark_tables_reattach(spark_session: Any, tmp_path: Path) -> None:
    with Store.spark(spark_session, path=tmp_path / "tables", database="reattach_a") as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
        before = s.current("energy")
    # A new catalog entry (as a new session would have) over the same files sees the same data.
    with Store.spark(spark_session, path=tmp_path / "tables", database="reattach_b") as s:
        assert s.current("energy").equals(before)
        assert s.counts()["loads"] == 1


def test_file_without_a_newer_table_reads_it_empty_and_a_load_adds_it(tmp_path: Path) -> None:
    """A store file written before a table existed: reads see the table empty, the next load creates it."""
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store.open(path, clock=FakeClock()) as s:
        s.load("energy", energy(), file="e.csv", who="a", why="x")
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE annual_targets")
    con.close()
    with Store.open(path, clock=FakeClock()) as s:
        assert s.current("annual_targets").height == 0 and s.counts()["energy"] == 4
        s.load("energy", correction(), file="f.csv", who="b", why="y")
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert "annual_targets" in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    finally:
        con.close()


def test_a_store_written_before_new_columns_reads_and_loads(tmp_path):
    """A DuckDB file whose energy table predates the electricity basis columns (0.1.0): reading gives the documented
    defaults (等价值 basis, no coal rate); the next load adds the columns and keeps the old rows."""
    import duckdb
    import polars as pl

    from ecer.storage import Store
    from tests.handcase import ENERGY

    path = tmp_path / "old.duckdb"
    with Store.open(path) as st:
        st.load("energy", ENERGY.drop("electricity_basis", "electricity_coal_rate"), file="e.csv", who="t", why="old")
    con = duckdb.connect(str(path))
    con.execute('ALTER TABLE energy DROP COLUMN "electricity_basis"')
    con.execute('ALTER TABLE energy DROP COLUMN "electricity_coal_rate"')
    con.close()
    with Store.open(path) as st:
        old = st.current("energy")
        assert old["electricity_basis"].to_list() == ["coal_equivalent"] * 6
        assert old["electricity_coal_rate"].null_count() == 6
        st.load("energy", ENERGY.filter(pl.col("period") == "2021").with_columns(period=pl.lit("2022")),
                file="e2.csv", who="t", why="new")
        now = st.current("energy")
    assert now.height == 9 and set(now["electricity_basis"].to_list()) == {"coal_equivalent", "calorific"}
    assert now.filter(pl.col("period") == "2020")["electricity_basis"].to_list() == ["coal_equivalent"] * 3


def test_a_pollutant_increments_table_without_the_population_inputs_reads_and_loads(tmp_path):
    """An increments table written before the domestic-increment inputs existed (new_emissions only): its rows read
    with the inputs empty, and the next load adds the columns and keeps the old row's 120 t."""
    import duckdb
    import polars as pl

    from ecer.storage import Store

    row = {"region_code": "110000", "pollutant": "COD", "year": 2021, "new_emissions": 120.0,
           "urban_population": None, "urban_population_prev": None, "per_capita_g_d": None,
           "source": "t", "note": None}
    path = tmp_path / "old.duckdb"
    with Store.open(path) as st:
        from ecer.storage.schemas import TABLES
        cols = TABLES["pollutant_increments"].columns
        st.load("pollutant_increments", pl.DataFrame([{c: row.get(c) for c in cols}],
                                                     schema={c: (pl.Int64 if c == "year" else pl.Float64
                                                                 if c in ("new_emissions", "urban_population",
                                                                          "urban_population_prev",
                                                                          "per_capita_g_d") else pl.String)
                                                             for c in cols}),
                file="i.csv", who="t", why="old")
    con = duckdb.connect(str(path))
    for c in ("urban_population", "urban_population_prev", "per_capita_g_d"):
        con.execute(f'ALTER TABLE pollutant_increments DROP COLUMN "{c}"')
    con.close()
    with Store.open(path) as st:
        old = st.current("pollutant_increments")
        assert old["new_emissions"].to_list() == [120.0]
        assert old["urban_population"].to_list() == [None]
        new = old.select(cols).with_columns(year=pl.lit(2022, pl.Int64), new_emissions=pl.lit(None, pl.Float64),
                                            urban_population=pl.lit(2.0e6), urban_population_prev=pl.lit(1.9e6),
                                            per_capita_g_d=pl.lit(60.0))
        st.load("pollutant_increments", new, file="i2.csv", who="t", why="new")
        now = st.current("pollutant_increments").sort("year")
    assert now["year"].to_list() == [2021, 2022]
    assert now["new_emissions"].to_list() == [120.0, None]
    assert now["urban_population"].to_list() == [None, 2.0e6]
