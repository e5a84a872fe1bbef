"""Bad frames become Findings (file, row, column, value, fix in zh and en) and load nothing."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.findings import Finding, FindingsError
from ecer.storage import Store
from tests.storage.sample import energy, regions


def _findings(store: Store, table: str, frame: pl.DataFrame) -> list[Finding]:
    before = store.counts()
    with pytest.raises(FindingsError) as err:
        store.load(table, frame, file="in.csv", who="t", why="t")
    assert store.counts() == before  # nothing written
    for f in err.value.findings:
        assert f.message_zh and f.message_en and f.fix_zh and f.fix_en
        assert f.location is not None and f.location.file == "in.csv"
    return err.value.findings


def test_bad_number_in_last_row(duck: Store) -> None:
    frame = energy().with_columns(pl.col("gdp_constant").cast(pl.String))
    frame = frame.with_columns(pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("1,5万"))
                               .otherwise(pl.col("gdp_constant")).alias("gdp_constant"))
    (f,) = _findings(duck, "energy", frame)
    assert (f.code, f.location.row, f.location.column, f.evidence["value"]) == (
        "E_NOT_NUMBER", 5, "gdp_constant", "1,5万")  # frame row 3 = sheet row 5 under one header line


def test_numeric_strings_are_accepted(duck: Store) -> None:
    frame = energy().with_columns(pl.col("total_energy").cast(pl.String).str.replace(r"\.0$", ""))
    duck.load("energy", frame, file="in.csv", who="t", why="t")
    assert duck.current("energy")["total_energy"].sum() == 299_000_000.0  # 67+70+80+82 million


def test_fractional_year_rejected(duck: Store) -> None:
    frame = pl.DataFrame({"region_code": ["110000"], "year": [2021.5], "intensity_reduction": [0.03],
                          "source": ["s"]})
    (f,) = _findings(duck, "annual_targets", frame)
    assert (f.code, f.location.column, f.location.row) == ("E_NOT_NUMBER", "year", 2)


def test_missing_and_unknown_columns(duck: Store) -> None:
    frame = energy().drop("gdp_constant").with_columns(version=pl.lit(7))
    found = {(f.code, f.location.column) for f in _findings(duck, "energy", frame)}
    assert found == {("E_HEADER_MISSING", "gdp_constant"), ("E_HEADER_UNKNOWN", "version")}


def test_duplicate_energy_key_names_both_rows(duck: Store) -> None:
    frame = pl.concat([energy(), energy().tail(1)])
    (f,) = _findings(duck, "energy", frame)
    assert f.code == "E_DUPLICATE_KEY"
    assert (f.location.row, f.evidence["other_row"], f.evidence["region"], f.evidence["period"]) == (
        6, 5, "120000", "2021")


def test_duplicate_region_key(duck: Store) -> None:
    (f,) = _findings(duck, "regions", pl.concat([regions(), regions().head(1)]))
    assert f.code == "E_VALUE_INVALID" and f.location.row == 4 and "row 2" in f.message_en


def test_empty_key_and_empty_frame(duck: Store) -> None:
    frame = regions().with_columns(region_code=pl.Series(["110000", " "]))
    (f,) = _findings(duck, "regions", frame)
    assert (f.code, f.location.row, f.location.column) == ("E_REQUIRED", 3, "region_code")
    (g,) = _findings(duck, "regions", regions().head(0))
    assert g.code == "E_FILE_EMPTY"
