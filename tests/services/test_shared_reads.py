"""A load reads the store's current rows once and shares them (``ecer.services.loading.SharedReads``): the findings,
the revision preview and the stored rows and versions are exactly those of the same load with every caller reading
the store itself in key order (as before the sharing), and a memo is never given after the store changed.

The files are small hand-made energy files (tce and 10⁸ CNY in the canonical columns, written in the template's
units by ``write_frame``): a first load of new rows, then a file that revises one stored value by +1 万tce, adds a row
and has a jump of more than 10× over the previous month (W_IMPLAUSIBLE_VALUE, kind "jump",
``ecer.core.dual_control.plausibility``: 1.2e6 tce against 1.0e5 tce a month before is 12×).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.findings import FindingsError
from ecer.ingest import write_frame
from ecer.services import loading
from ecer.services.loading import SharedReads, load_files
from ecer.storage import Store

REGIONS = pl.DataFrame({"region_code": ["110100", "110101", "110102"], "name_zh": ["市", "县一", "县二"],
                        "name_en": ["City", "County 1", "County 2"], "level": ["city", "county", "county"],
                        "parent_code": ["110000", "110100", "110100"]})


def _energy(rows: list[tuple[str, str, float, float]]) -> pl.DataFrame:
    n = len(rows)
    return pl.DataFrame({
        "region_code": [r[0] for r in rows], "period": [r[1] for r in rows],
        "total_energy": [r[2] for r in rows], "feedstock_energy": [0.0] * n, "renewable_electricity": [0.0] * n,
        "other_nonfossil_energy": [0.0] * n, "separately_listed_energy": [0.0] * n,
        "separately_listed_value_added": [0.0] * n, "gdp_constant": [r[3] for r in rows],
        "price_base_year": [2020] * n, "data_origin": ["user"] * n})


FIRST = _energy([("110100", "2021-01", 3.0e5, 100.0), ("110100", "2021-02", 3.1e5, 101.0),
                 ("110101", "2021-01", 1.0e5, 40.0), ("110101", "2021-02", 1.0e5, 41.0),
                 ("110102", "2021-01", 1.5e5, 50.0), ("110102", "2021-02", 1.6e5, 51.0)])
# 110101 2021-02 revised (+1 万tce = +1e4 tce); 110102 2021-03 new, 12× its February (a jump, a warning)
SECOND = _energy([("110101", "2021-01", 1.0e5, 40.0), ("110101", "2021-02", 1.1e5, 41.0),
                  ("110102", "2021-03", 1.92e6, 52.0)])


def _files(tmp: Path) -> tuple[Path, Path, Path]:
    tmp.mkdir(parents=True, exist_ok=True)
    out = tmp / "regions.csv", tmp / "first.csv", tmp / "second.csv"
    write_frame(REGIONS, "regions", out[0])
    write_frame(FIRST, "energy", out[1])
    write_frame(SECOND, "energy", out[2])
    return out


def _run(tmp: Path) -> dict[str, object]:
    """The load sequence: regions, the first file, the second without and then with ``revise``; what each step
    reported and the stored rows (every version, without the load ids and times, which differ from run to run)."""
    regions, first, second = _files(tmp)
    seen: dict[str, object] = {}
    with Store.open(tmp / "s.duckdb") as st:
        load_files(st, "regions", [regions], who="t", why="regions")
        one = load_files(st, "energy", [first], who="t", why="first")
        seen["first"] = ([f.model_dump(exclude={"location"}) for f in one.findings],
                         [(p.new_rows, p.changed_rows, p.unchanged_rows, p.changes) for p in one.previews])
        with pytest.raises(FindingsError) as refused:
            load_files(st, "energy", [second], who="t", why="second")
        seen["refused"] = [f.model_dump() for f in refused.value.findings]
        two = load_files(st, "energy", [second], who="t", why="second", revise=True, accept_implausible=True)
        seen["second"] = ([f.model_dump() for f in two.findings],
                          [(p.new_rows, p.changed_rows, p.unchanged_rows, p.changes) for p in two.previews],
                          [(r.rows, r.new_keys, r.revised_keys) for r in two.receipts])
        snap = st.snapshot()
        seen["stored"] = {t: (g := f.drop([c for c in ("load_id", "valid_from", "loaded_at") if c in f.columns]))
                          .sort(g.columns, nulls_last=True) for t, f in snap.items()}
    return seen


def test_shared_reads_give_what_every_caller_reading_the_store_gives(tmp_path, monkeypatch):
    shared = _run(tmp_path / "shared")
    # as before the sharing: every caller reads the store itself, always in key order
    monkeypatch.setattr(loading, "_shared", lambda store: store)
    real = Store.current
    monkeypatch.setattr(Store, "current", lambda self, table, ordered=True, **kw: real(self, table, **kw))
    alone = _run(tmp_path / "alone")
    assert shared.keys() == alone.keys()
    for step in ("first", "refused", "second"):
        assert shared[step] == alone[step], step
    for table, frame in shared["stored"].items():  # type: ignore[union-attr]
        assert frame.equals(alone["stored"][table]), table  # type: ignore[index]
    # the sequence did what the files say (worked out by hand above)
    findings, previews, receipts = shared["second"]  # type: ignore[misc]
    assert previews[0][:3] == (1, 1, 1)  # one new row, one revised, one unchanged
    (change,) = previews[0][3]
    assert (change.key, change.column, change.old, change.new) == (
        {"region_code": "110101", "period": "2021-02"}, "total_energy", 1.0e5, 1.1e5)
    assert receipts == [(2, 1, 1)]
    jumps = [f for f in findings if f["code"] == "W_IMPLAUSIBLE_VALUE"]
    assert [(f["evidence"]["region"], f["evidence"]["period"], f["evidence"]["kind"]) for f in jumps] == [
        ("110102", "2021-03", "jump")]
    assert jumps[0]["evidence"]["ratio"] == pytest.approx(12.0)
    assert next(f["code"] for f in shared["refused"]) == "E_REVISION_UNCONFIRMED"  # type: ignore[index]
    energy = shared["stored"]["energy"]  # type: ignore[index]
    assert energy.height == 8 and energy.filter(pl.col("version") == 2).height == 1


def test_a_load_reads_each_table_once(tmp_path, monkeypatch):
    regions, first, second = _files(tmp_path)
    calls: list[str] = []
    real = Store.current

    def counted(self, table, **kw):  # type: ignore[no-untyped-def]
        if set(kw) <= {"ordered"}:  # the whole table (in key order or not)
            calls.append(table)
        return real(self, table, **kw)

    with Store.open(tmp_path / "s.duckdb") as st:
        load_files(st, "regions", [regions], who="t", why="regions")
        load_files(st, "energy", [first], who="t", why="first")
        monkeypatch.setattr(Store, "current", counted)
        load_files(st, "energy", [second], who="t", why="second", revise=True, accept_implausible=True)
    # before the sharing: regions twice (known codes, parents) and energy twice (plausibility, preview)
    assert sorted(calls) == ["energy", "regions"]


def test_a_memo_is_read_again_once_the_store_changed(tmp_path):
    regions, first, _ = _files(tmp_path)
    with Store.open(tmp_path / "s.duckdb") as st, Store.open(tmp_path / "s.duckdb") as other:
        load_files(st, "regions", [regions], who="t", why="regions")
        shared = SharedReads(st)
        assert shared.current("energy").is_empty()
        assert shared.current("energy") is shared.current("energy")  # unchanged store: the memo
        load_files(other, "energy", [first], who="t", why="by another store object")
        assert shared.current("energy").height == 6  # the other load changed the version: read again
        before = shared.current("regions")
        shared.load("regions", REGIONS.with_columns(name_en=pl.lit("x")), file="r.csv", who="t", why="rename")
        after = shared.current("regions")
        assert before.get_column("name_en").to_list() != after.get_column("name_en").to_list() == ["x"] * 3
