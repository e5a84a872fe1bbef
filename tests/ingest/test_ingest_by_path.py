"""A CSV file read by path (``ingest.csvpath``) gives exactly what the same bytes give (``sources.read_csv``)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.ingest import read_table
from ecer.ingest.csvpath import read_csv_path, sniff, transcode_gb18030

HEAD = "地区代码,期间,能源消费总量（万吨标准煤）,原料用能（万吨标准煤）,地区生产总值（亿元）,可比价基年\n"
BODY = ("110000,2021,12.3456,1,1.5,2020\n"
        "\n"
        "110000,2021,-3,x,1.5,2020\n"      # duplicate key, negative, not a number
        "999999,2022,5,9,abc,2019\n"       # unknown region, feedstock above total, bad GDP, mixed price base
        " 120000 ,2021M3,,,2,2020\n")      # required total missing


def _same(a, b) -> None:
    assert [f.model_dump() for f in a.findings] == [f.model_dump() for f in b.findings]
    assert (a.rows_read, a.source_rows, a.template, a.header_row, a.columns, a.units) == \
        (b.rows_read, b.source_rows, b.template, b.header_row, b.columns, b.units)
    assert (a.frame is None) == (b.frame is None)
    if a.frame is not None:
        assert a.frame.equals(b.frame)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("body", [BODY, "110000,2021,1,0.5,1.5,2020\n120000,2021,2,0,1,2020\n"])
def test_path_equals_bytes(tmp_path: Path, encoding: str, body: str) -> None:
    data = (HEAD + body).encode(encoding)
    p = tmp_path / "e.csv"
    p.write_bytes(data)
    assert read_csv_path(p) is not None  # the path route was taken, not the fallback
    known = {"110000", "120000"}
    _same(read_table(p, None, known_regions=known), read_table(data, None, filename="e.csv", known_regions=known))


def test_gb18030_by_path_is_transcoded_in_chunks(tmp_path: Path) -> None:
    p = tmp_path / "g.csv"
    p.write_bytes((HEAD + "".join(f"110000,{y},1,0.5,1.5,2020\n" for y in range(2001, 2051))).encode("gb18030"))
    assert sniff(p, chunk=7) == (None, True)
    out = tmp_path / "u.csv"
    assert transcode_gb18030(p, out, chunk=7)  # multi-byte characters split across chunks
    assert out.read_text("utf-8") == p.read_bytes().decode("gb18030")
    r = read_table(p, "energy", known_regions={"110000"})
    assert r.ok and r.frame is not None and r.frame.height == 50 and r.source_rows[:2] == [2, 3]


def test_utf8_split_across_chunks_is_still_utf8(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_bytes(("\ufeff" + HEAD).encode("utf-8"))
    assert sniff(p, chunk=5) == ("utf-8-sig", True)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf \n", b"a,b\n1\n1,2,3\n", b"\xff\xfe\x00\x81"])
def test_unusual_files_fall_back_to_the_bytes_path(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(data)
    _same(read_table(p, "energy"), read_table(data, "energy", filename="x.csv"))


def test_row_numbers_are_a_column(tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    p.write_bytes((HEAD + "110000,2021,1,0.5,1.5,2020\n\n120000,2021,2,0,1,2020\n").encode())
    r = read_table(p, "energy", known_regions={"110000", "120000"})
    assert isinstance(r.row_numbers, pl.Series) and r.source_rows == [2, 4]
