"""A CSV file on disk read by path: no bytes object, no decoded string, no re-encoded copy.

``sources.read_csv`` takes the whole file as bytes, decodes it to a ``str`` and (for GB18030) encodes it again
before polars parses it — four copies of a big file. Here the file is checked for UTF-8 in chunks (bounded
memory), then polars reads the path itself; a GB18030 file is transcoded in chunks to a UTF-8 temporary file
first. Anything unusual (ragged rows, a parse error, bytes neither UTF-8 nor GB18030) returns None and the caller
falls back to the bytes path, so findings and error messages stay exactly those of ``sources.read_csv``.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import polars as pl

from ecer.ingest.sources import RawSheet

CHUNK = 8 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_BLANK = b" \t\r\n\x0b\x0c"


def sniff(path: Path, chunk: int = CHUNK) -> tuple[str | None, bool]:
    """(encoding, has text): 'utf-8', 'utf-8-sig' or None when the file is not UTF-8; whether any non-blank byte
    follows the BOM. Reads ``chunk`` bytes at a time."""
    dec = codecs.getincrementaldecoder("utf-8")()
    enc: str | None = "utf-8"
    has_text = False
    with path.open("rb") as fh:
        first = True
        while True:
            block = fh.read(chunk)
            if first and block.startswith(_BOM):
                enc, block = "utf-8-sig", block[3:]
            first = False
            if not block:
                break
            if not has_text and block.strip(_BLANK):
                has_text = True
            if enc is not None:
                try:
                    dec.decode(block)
                except UnicodeDecodeError:
                    enc = None
                    if has_text:
                        break
        if enc is not None:
            try:
                dec.decode(b"", final=True)
            except UnicodeDecodeError:
                enc = None
    return enc, has_text


def transcode_gb18030(path: Path, out: Path, chunk: int = CHUNK) -> bool:
    """Write ``path`` (GB18030) to ``out`` as UTF-8, ``chunk`` bytes at a time; False if it is not GB18030."""
    dec = codecs.getincrementaldecoder("gb18030")()
    try:
        with path.open("rb") as src, out.open("wb") as dst:
            while block := src.read(chunk):
                dst.write(dec.decode(block).encode("utf-8"))
            dst.write(dec.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        return False
    return True


def _parse(path: Path) -> pl.DataFrame | None:
    try:
        df = pl.read_csv(path, has_header=False, infer_schema=False, raise_if_empty=False, quote_char='"')
    except pl.exceptions.PolarsError:
        return None  # ragged rows or a malformed file: the bytes path sizes the schema / words the error
    return df.rename({c: f"c{i}" for i, c in enumerate(df.columns)})


def read_csv_path(path: Path) -> RawSheet | None:
    """All cells of a CSV file as text, like ``sources.read_csv(path.read_bytes())``; None: use that instead."""
    enc, has_text = sniff(path)
    if not has_text:
        return None
    if enc is not None:
        df = _parse(path)  # polars reads UTF-8 and skips a UTF-8 BOM itself
    else:
        with tempfile.TemporaryDirectory(prefix="ecer-csv-") as tmp:
            utf8 = Path(tmp) / "utf8.csv"
            if not transcode_gb18030(path, utf8):
                return None
            df = _parse(utf8)
    return None if df is None else RawSheet(None, df)
