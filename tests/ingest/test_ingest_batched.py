"""Batched validation (issue 6 §5) gives exactly the findings, frame and row numbers of validating the file whole:
every bad and good test file, and files with errors in different batches — duplicates that straddle batches, a
code over its cap across two columns, blank rows in several batches, a column whose only data is in a late batch,
price bases that differ between batches."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecer.ingest import batched, read_table
from ecer.ingest.templates import TEMPLATES

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
KNOWN = {"110000", "120000", "130000", "130100"}
WHOLE = 10**12
HEAD = ",".join(
    c.header
    for c in TEMPLATES["energy"].columns
    if c.name
    in (
        "region_code",
        "period",
        "total_energy",
        "feedstock_energy",
        "other_nonfossil_energy",
        "gdp_constant",
        "price_base_year",
    )
)


def _read(monkeypatch, data: bytes, batch: int, **kw):
    monkeypatch.setattr(batched, "BATCH_ROWS", batch)
    calls = []
    real = batched.validate_batched

    def spy(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(batched, "validate_batched", spy)
    r = read_table(
        data, kw.pop("template", None), filename="f.csv", known_regions=kw.pop("known", KNOWN), **kw
    )
    return r, bool(calls)


def _same(a, b) -> None:
    assert [f.model_dump() for f in a.findings] == [f.model_dump() for f in b.findings]
    assert (a.frame is None) == (b.frame is None)
    if a.frame is not None and b.frame is not None:
        assert a.frame.equals(b.frame, null_equal=True)
    assert (a.rows_read, a.source_rows, a.template, a.header_row, a.columns, a.units) == (
        b.rows_read,
        b.source_rows,
        b.template,
        b.header_row,
        b.columns,
        b.units,
    )


CSV_FILES = sorted(p for p in (DATA / "bad").glob("*.csv")) + sorted((DATA / "good").glob("*.csv"))


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("batch", [1, 2])
def test_every_test_file_gives_the_same_findings_batched(monkeypatch, path, batch):
    data = path.read_bytes()
    whole, used_whole = _read(monkeypatch, data, WHOLE)
    parts, used = _read(monkeypatch, data, batch)
    assert not used_whole
    if whole.template in batched.BATCHED_TEMPLATES and whole.rows_read > batch:
        assert used  # the file was really split
    _same(parts, whole)


def _energy_file() -> bytes:
    """32 data rows (file rows 2–33 plus blank lines), errors spread so that batches of 3, 5 or 7 split them."""
    rows = [f"110000,{2000 + i},{i + 1},0.1,0,{i + 5},2020" for i in range(30)]
    rows[2] = "110000,2002,abc,0.1,0,7,2020"  # E_NOT_NUMBER in total_energy
    rows[3] = "110000,2003,4,zz,0,8,2020"  # E_NOT_NUMBER in feedstock
    rows[9] = "110000,2009,x,y,0,14,2020"  # both, one row
    rows[11] = "120000,2001,5,9,0,16,2020"  # feedstock above total
    rows[14] = "110000,2001,1,0.1,0,6,2020"  # duplicate of row 1 (2001): across batches
    rows[17] = "999999,2017,1,0.1,0,6,2020"  # unknown region
    rows[20] = "330104,2020,1,0.1,0,6,2020"  # retired region
    rows[22] = "110000,2022,-3,0.1,0,6,2015"  # negative; a second price base
    rows[25] = "110000,2013,1,0.1,,6,2020"  # duplicate of rows[13] (2013), batches apart
    rows[27] = "110000,2027,3,1,3,6,2020"  # exclusions above total
    rows[29] = "110000,20x,1,0.1,0,6,2020"  # malformed period
    lines = [
        HEAD,
        *rows[:5],
        "",
        *rows[5:16],
        ",,,,,,",
        *rows[16:],
        "",
        "110000,2031,1,0.1,0,7,2020",
        "110000,2001,1,0.1,0,8,2020",
    ]  # a third copy of 2001 in the last batch
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("batch", [1, 3, 5, 7, 16])
@pytest.mark.parametrize("cap", [1, 2, 200])
def test_errors_in_different_batches_give_the_same_findings(monkeypatch, batch, cap):
    data = _energy_file()
    whole, _ = _read(monkeypatch, data, WHOLE, template="energy", cap=cap)
    parts, used = _read(monkeypatch, data, batch, template="energy", cap=cap)
    assert used
    _same(parts, whole)
    codes = {f.code for f in whole.findings}
    assert {
        "E_DUPLICATE_KEY",
        "E_NOT_NUMBER",
        "E_FEEDSTOCK_ABOVE_TOTAL",
        "E_REGION_UNKNOWN",
        "E_REGION_RETIRED",
        "E_NEGATIVE",
        "E_PRICE_BASE_MIXED",
        "E_EXCLUSIONS_ABOVE_TOTAL",
        "E_PERIOD_MALFORMED",
        "W_BLANK_ROWS_SKIPPED",
    } <= codes
    if (
        cap == 200
    ):  # by hand: rows[i] is file row i + 2 / + 3 / + 4 after each blank line; 2001 is on rows 3, 17
        # and 36 (the last line), 2013 on rows 16 and 29
        dups = sorted(
            (f.location.row, f.evidence["other_row"]) for f in whole.findings if f.code == "E_DUPLICATE_KEY"
        )
        assert dups == [(17, 3), (29, 16), (36, 3)]


def test_a_clean_file_in_batches_gives_the_same_frame(monkeypatch):
    rows = [
        f"{c},{y},{y - 1990}.5,0.1,0,{y - 1995},2020" for c in ("110000", "120000") for y in range(2000, 2025)
    ]
    data = ("\n".join([HEAD, *rows]) + "\n").encode()
    whole, _ = _read(monkeypatch, data, WHOLE, template="energy")
    parts, used = _read(monkeypatch, data, 4, template="energy")
    assert used and whole.ok and parts.ok
    _same(parts, whole)
    assert (
        parts.frame is not None and parts.frame.height == 50 and parts.frame["total_energy"][0] == 10.5 * 1e4
    )


cell = st.sampled_from(["1", "2.5", "", "-1", "abc", "1,000", " 3 ", "1e3"])
row = st.tuples(
    st.sampled_from(["110000", "120000", "999999", "11000", "330104"]),
    st.sampled_from(["2020", "2021", "2021Q1", "20x", ""]),
    cell,
    cell,
    cell,
    cell,
    st.sampled_from(["2020", "2015", "", "20"]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.one_of(row, st.just(None)), min_size=1, max_size=25),
    batch=st.integers(1, 9),
    cap=st.sampled_from([1, 3, 200]),
)
def test_random_files_give_the_same_findings_in_any_batch_size(monkeypatch, rows, batch, cap):
    lines = [HEAD] + ["" if r is None else ",".join(r) for r in rows]
    data = ("\n".join(lines) + "\n").encode()
    whole, _ = _read(monkeypatch, data, WHOLE, template="energy", cap=cap)
    parts, _ = _read(monkeypatch, data, batch, template="energy", cap=cap)
    _same(parts, whole)


def _streamed(monkeypatch, path: Path, batch: int, **kw):
    from ecer.ingest import reader

    monkeypatch.setattr(reader, "STREAM_BYTES", 0)
    monkeypatch.setattr(batched, "BATCH_ROWS", batch)
    monkeypatch.setattr(reader, "read_csv_path", lambda p: pytest.fail("a streamed file is not read whole"))
    return read_table(path, kw.pop("template", None), known_regions=KNOWN, **kw)


@pytest.mark.parametrize("batch", [1, 3, 7])
def test_a_csv_streamed_from_disk_gives_the_findings_of_the_whole_file(monkeypatch, tmp_path, batch):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _energy_file())  # with a BOM, as Excel writes CSV UTF-8
    whole, _ = _read(monkeypatch, path.read_bytes(), WHOLE, template="energy", cap=2)
    streamed = _streamed(monkeypatch, path, batch, template="energy", cap=2, filename="f.csv")
    _same(streamed, whole)


@pytest.mark.parametrize(
    "path",
    [p for p in CSV_FILES if p.name not in ("bad_encoding.csv",)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_test_file_streamed_gives_the_same_findings(monkeypatch, tmp_path, path):
    from ecer.ingest import reader

    data = path.read_bytes()
    whole, _ = _read(monkeypatch, data, WHOLE)
    monkeypatch.setattr(reader, "STREAM_BYTES", 0)
    monkeypatch.setattr(batched, "BATCH_ROWS", 1)
    copy = tmp_path / "f.csv"
    copy.write_bytes(data)
    _same(read_table(copy, None, filename="f.csv", known_regions=KNOWN), whole)


def test_a_ragged_csv_falls_back_to_the_whole_file_route(monkeypatch, tmp_path):
    from ecer.ingest import reader

    path = tmp_path / "r.csv"
    path.write_bytes(
        (
            HEAD
            + "\n"
            + "\n".join(["110000,2020,1,0.1,0,5,2020"] * 5)
            + "\n110000,2021,1,0.1,0,5,2020,x,y"
            + "\n"
        ).encode()
    )
    whole, _ = _read(monkeypatch, path.read_bytes(), WHOLE, template="energy")
    monkeypatch.setattr(reader, "STREAM_BYTES", 0)
    monkeypatch.setattr(batched, "BATCH_ROWS", 2)
    _same(read_table(path, "energy", filename="f.csv", known_regions=KNOWN), whole)
    assert any(f.code == "E_HEADER_UNKNOWN" for f in whole.findings)
