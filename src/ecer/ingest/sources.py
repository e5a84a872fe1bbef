"""Raw cells from CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) and Excel (.xlsx/.xlsm via fastexcel; an old binary .xls
is refused by ``guards.xls_check`` before it gets here).

Everything is read as text, one column per spreadsheet column, row *i* of the frame being spreadsheet
row *i + 1*. Excel files are also read as floats, so a number keeps its full precision (the text view of
a float cell is rounded to 9 digits by the Excel reader). Nothing is evaluated: formula cells give the
value Excel cached when it saved the file; macros are never run.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import fastexcel
import polars as pl

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class SourceError(Exception):
    """The bytes cannot be read as a table; ``detail`` says why (in English, for the finding)."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


@dataclass
class RawSheet:
    """Cells of one sheet: ``text`` (all String, columns c0..cN); ``numbers`` (Float64, same shape) or None."""

    name: str | None
    text: pl.DataFrame
    numbers: pl.DataFrame | None = None


def kind_of(data: bytes, filename: str) -> str:
    """'xlsx', 'xls' or 'csv', by the file's first bytes, then by its name.

    >>> kind_of(b"PK\\x03\\x04...", "a.csv"), kind_of(b"a,b", "a.csv"), kind_of(b"", "x.xlsx")
    ('xlsx', 'csv', 'xlsx')
    """
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        return "xls"
    low = filename.lower()
    if low.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if low.endswith(".xls"):
        return "xls"
    return "csv"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312).

    >>> decode_text("地区".encode("gbk"))
    ('地区', 'gb18030')
    >>> decode_text(b"\\xef\\xbb\\xbfa,b")
    ('a,b', 'utf-8-sig')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (Excel's "Unicode text")
        try:
            text = data.decode("utf-16")
            if any(sep in text[:2000] for sep in (",", "\t", "\n")):
                return text, "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 nor GBK/GB18030 text (byte {exc.start})") from None


def _rename(df: pl.DataFrame) -> pl.DataFrame:
    return df.rename({c: f"c{i}" for i, c in enumerate(df.columns)})


def read_csv(data: bytes) -> RawSheet:
    """All cells of a CSV as text; blank lines stay as all-null rows so row numbers match the file."""
    text, enc = decode_text(data)
    if not text.strip():
        return RawSheet(None, pl.DataFrame())
    raw = data[3:] if enc == "utf-8-sig" else data if enc == "utf-8" else text.encode("utf-8")
    kw = {"has_header": False, "infer_schema": False, "raise_if_empty": False, "quote_char": '"'}
    try:
        df = pl.read_csv(raw, **kw)  # type: ignore[arg-type]
    except pl.exceptions.ComputeError as exc:
        if "more fields" not in str(exc):
            raise SourceError(str(exc).splitlines()[0]) from None
        # ragged rows: the first line is narrower than a later one; size the schema to the widest row
        width = max((len(r) for r in csv.reader(io.StringIO(text))), default=0)
        try:
            df = pl.read_csv(raw, **kw, schema={f"c{i}": pl.String for i in range(width)},  # type: ignore[arg-type]
                             missing_columns="insert")
        except pl.exceptions.PolarsError as exc2:
            raise SourceError(str(exc2).splitlines()[0]) from None
    except pl.exceptions.PolarsError as exc:
        raise SourceError(str(exc).splitlines()[0]) from None
    return RawSheet(None, _rename(df))


def open_workbook(data: bytes) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(data)
    except Exception:  # noqa: BLE001 - calamine raises its own hierarchy and plain errors
        raise SourceError("不是可读取的 Excel 工作簿（可能已损坏） / not a readable Excel workbook (damaged?)") from None


def read_sheet(reader: fastexcel.ExcelReader, name: str, n_rows: int | None = None) -> RawSheet:
    """One sheet's cells as text and as floats, from spreadsheet row 1 (leading blank rows kept)."""
    try:
        text = reader.load_sheet(name, dtypes="string", header_row=None, skip_rows=0, n_rows=n_rows).to_polars()
        nums = None
        if n_rows is None and text.width:
            nums = _rename(reader.load_sheet(name, dtypes="float", header_row=None, skip_rows=0,
                                             n_rows=n_rows).to_polars())
    except Exception as exc:  # noqa: BLE001 - any reader failure becomes an E_FILE_FORMAT finding
        raise SourceError(f"cannot read sheet {name!r}: {exc}") from None
    return RawSheet(name, _rename(text), nums)


def head_rows(sheet: RawSheet, n: int) -> list[list[str | None]]:
    """The first ``n`` rows as lists of stripped strings (None for empty cells)."""
    out = []
    for row in sheet.text.head(n).iter_rows():
        out.append([(v.strip() or None) if isinstance(v, str) else None for v in row])
    return out
