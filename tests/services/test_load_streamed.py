"""A big file streamed from disk in batches loads exactly as the same file read whole (issue 6 §5).

The streamed route (``reader.STREAM_BYTES`` set to 0 here, batches of a few rows) keeps the validated rows on disk
(``ecer.ingest.spill``) and the store's engine reads them inside the load's transaction; the whole route holds the
frame. Both must store the same rows and versions, give the same findings and receipts, refuse the same things
(nothing written), and leave no spilled file behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from tests.handcase import REGIONS

from ecer.findings import FindingsError
from ecer.ingest import batched, reader, write_frame
from ecer.services.loading import load_files
from ecer.storage import Store


def _energy(months: int = 14) -> pl.DataFrame:
    """Three provinces × ``months`` months from 2020-01, steady values (no implausible jump)."""
    periods = [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(months)]
    codes = ["110000", "120000", "130000"]
    n = len(codes) * len(periods)
    return pl.DataFrame(
        {
            "region_code": [c for c in codes for _ in periods],
            "period": periods * len(codes),
            "total_energy": [6.0e5 + 1000.0 * (i % 7) for i in range(n)],
            "feedstock_energy": [1.0e4] * n,
            "gdp_constant": [3000.0 + (i % 5) for i in range(n)],
            "price_base_year": [2020] * n,
            "data_origin": ["synthetic"] * n,
        }
    )


@pytest.fixture
def spills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder spilled rows go to (the system's temporary folder, moved here to be looked at)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _load(store: Store, path: Path, monkeypatch: pytest.MonkeyPatch, *, streamed: bool, **kw: object):
    with monkeypatch.context() as m:
        if streamed:
            m.setattr(reader, "STREAM_BYTES", 0)
            m.setattr(batched, "BATCH_ROWS", 5)
            m.setattr(reader, "read_csv_path", lambda p: pytest.fail("a streamed file is not read whole"))
        staged: list[int] = []
        original = Store._staged_parquet

        def spy(self: Store, table: str, paths: list[str], file: str) -> object:
            staged.append(len(paths))
            return original(self, table, paths, file)

        m.setattr(Store, "_staged_parquet", spy)
        try:
            return load_files(store, "energy", [path], who="t", why="w", **kw), staged  # type: ignore[arg-type]
        except FindingsError as exc:
            return exc, staged


def _stores(tmp_path: Path) -> tuple[Store, Store]:
    a, b = Store.open(tmp_path / "whole.duckdb"), Store.open(tmp_path / "streamed.duckdb")
    for s in (a, b):
        s.load("regions", REGIONS, file="regions.csv", who="t", why="setup")
    return a, b


def _rows(store: Store) -> pl.DataFrame:
    return store.current("energy", bookkeeping=True).drop("load_id", "valid_from")


def test_a_streamed_load_stores_what_the_whole_file_stores(tmp_path, monkeypatch, spills):
    path = write_frame(_energy(), "energy", tmp_path / "e.csv")
    whole, streamed = _stores(tmp_path)
    (w, w_staged), (s, s_staged) = (
        _load(whole, path, monkeypatch, streamed=False),
        _load(streamed, path, monkeypatch, streamed=True),
    )
    assert w_staged == [] and s_staged == [9]  # 42 rows in batches of 5: the engine read 9 parts
    assert (
        [(r.rows, r.new_keys, r.revised_keys) for r in s.receipts]
        == [(r.rows, r.new_keys, r.revised_keys) for r in w.receipts]
        == [(42, 42, 0)]
    )
    assert s.findings == w.findings
    assert _rows(streamed).equals(_rows(whole))
    assert list(spills.iterdir()) == []  # the spilled parts are gone once loaded

    # a revision of one value: refused without --revise (nothing written), then version 2 with it
    changed = _energy().with_columns(
        pl.when(pl.int_range(pl.len()) == 30)
        .then(pl.col("total_energy") + 5000.0)
        .otherwise(pl.col("total_energy"))
        .alias("total_energy")
    )
    path2 = write_frame(changed, "energy", tmp_path / "e2.csv")
    before = streamed.snapshot()
    (w, _), (s, _) = (
        _load(whole, path2, monkeypatch, streamed=False),
        _load(streamed, path2, monkeypatch, streamed=True),
    )
    assert isinstance(s, FindingsError) and isinstance(w, FindingsError)
    assert [f.code for f in s.findings] == ["E_REVISION_UNCONFIRMED"] and s.findings == w.findings
    assert all(a.equals(b) for a, b in zip(before.values(), streamed.snapshot().values(), strict=True))
    (w, _), (s, s_staged) = (
        _load(whole, path2, monkeypatch, streamed=False, revise=True),
        _load(streamed, path2, monkeypatch, streamed=True, revise=True),
    )
    assert [(r.rows, r.new_keys, r.revised_keys) for r in s.receipts] == [(1, 0, 1)]
    assert [f.code for f in s.findings] == [f.code for f in w.findings]
    assert _rows(streamed).equals(_rows(whole))
    key = {"region_code": changed["region_code"][30], "period": changed["period"][30]}
    assert streamed.history("energy", key)["version"].to_list() == [1, 2]
    assert list(spills.iterdir()) == []
    whole.close()
    streamed.close()


def test_an_implausible_value_in_a_streamed_file_is_refused_as_in_the_whole_file(
    tmp_path, monkeypatch, spills
):
    # 2020-06 of 120000 ×10⁴ (as if a unit were mixed up): a unit slip, an error on load
    frame = _energy().with_columns(
        pl.when((pl.col("region_code") == "120000") & (pl.col("period") == "2020-06"))
        .then(pl.col("total_energy") * 1e4)
        .otherwise(pl.col("total_energy"))
        .alias("total_energy")
    )
    path = write_frame(frame, "energy", tmp_path / "e.csv")
    whole, streamed = _stores(tmp_path)
    before = streamed.snapshot()
    (w, _), (s, s_staged) = (
        _load(whole, path, monkeypatch, streamed=False),
        _load(streamed, path, monkeypatch, streamed=True),
    )
    assert isinstance(s, FindingsError) and s.findings == w.findings  # type: ignore[union-attr]
    slips = [f for f in s.findings if f.evidence.get("kind") == "unit_slip"]
    # 2020-06 is 10⁴ times 2020-05 (no 2019-06 to compare with), and 2020-07 a 10⁴th of 2020-06
    assert [(f.code, f.evidence["region"], f.evidence["period"]) for f in slips] == [
        ("E_IMPLAUSIBLE_VALUE", "120000", "2020-06"),
        ("E_IMPLAUSIBLE_VALUE", "120000", "2020-07"),
    ]
    assert s_staged == []
    assert all(a.equals(b) for a, b in zip(before.values(), streamed.snapshot().values(), strict=True))
    assert list(spills.iterdir()) == []
    whole.close()
    streamed.close()
