"""Vectorised cell parsing: one template column of text cells → typed values plus masks of bad cells.

Numbers: plain decimals or scientific notation; thousands separators are accepted only in the strict
form ``1,234,567.8`` (groups of three). Excel numeric cells keep full precision. Text like ``12万``,
``n/a``, ``-``, ``TRUE`` is not a number. Codes, periods and years are checked on the distinct values
only (a million rows usually hold a few hundred distinct codes).

>>> import polars as pl
>>> p = parse_numbers(pl.Series(["1,234.5", "12", "1,23", None, "nan"]), None)
>>> p.values.to_list()[:2], p.bad.to_list()
([1234.5, 12.0], [False, False, True, False, True])
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import polars as pl

from ecer.ingest.headers import norm
from ecer.models.region import REGION_CODE_RE
from ecer.periods import Period

_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"
_YEAR_MIN, _YEAR_MAX = 1949, 2100


@dataclass
class Parsed:
    """Typed values (null where the cell is empty or bad) and the mask of bad non-empty cells."""

    values: pl.Series
    bad: pl.Series


_SPACES = " \t\r\n\u3000\u00a0"


def clean_text_expr(name: str) -> pl.Expr:
    """Strip spaces (incl. full-width and no-break); empty → null."""
    t = pl.col(name).cast(pl.String).str.strip_chars(_SPACES)
    return pl.when(t.str.len_bytes() > 0).then(t).otherwise(None).alias(name)


def clean_frame(frame: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    """``frame`` with :func:`clean_text_expr` applied to ``cols`` — the same cells, computed cheaper: every column
    is stripped, and only the columns where a stripped cell is empty are then nulled (most columns have none,
    and the nulling cost as much as the strip).

    >>> clean_frame(pl.DataFrame({"a": [" 1 ", "\u3000", None], "b": ["x", "y ", "z"]}), ["a", "b"]).rows()
    [('1', 'x'), (None, 'y'), (None, 'z')]
    """
    out = frame.with_columns(pl.col(c).cast(pl.String).str.strip_chars(_SPACES) for c in cols)
    empty = out.select((pl.col(c).str.len_bytes() == 0).any() for c in cols).row(0) if cols else ()
    nulled = [c for c, e in zip(cols, empty, strict=True) if e]
    return out.with_columns(pl.when(pl.col(c).str.len_bytes() > 0).then(pl.col(c)).alias(c) for c in nulled) \
        if nulled else out


def parse_numbers(text: pl.Series, numbers: pl.Series | None) -> Parsed:
    """Text cells (and, for Excel, the same cells read as floats) → Float64."""
    v = text.cast(pl.Float64, strict=False)
    if numbers is not None:
        v = numbers.fill_null(v)
        v = _null_where(v, text.str.to_lowercase().is_in(["true", "false"]).fill_null(False))  # Excel booleans
    failed = text.is_not_null() & v.is_null()
    if failed.any():  # only the cells that did not parse are tried with thousands separators
        sep = text.str.contains(_THOUSANDS).fill_null(False) & failed
        if sep.any():
            v = v.zip_with(~sep, text.str.replace_all(",", "").cast(pl.Float64, strict=False))
    finite = v.is_finite().fill_null(False)
    bad = text.is_not_null() & ~finite
    return Parsed(_null_where(v, ~finite), bad)


def _null_where(v: pl.Series, mask: pl.Series) -> pl.Series:
    return pl.select(pl.when(mask).then(None).otherwise(v)).to_series().alias(v.name)


def _map_uniques(text: pl.Series, fn: object, dtype: pl.DataType | type[pl.DataType]) -> Parsed:
    uniq = text.drop_nulls().unique().to_list()
    mapping = {}
    for u in uniq:
        v = fn(u)  # type: ignore[operator]
        if v is not None:
            mapping[u] = v
    values = text.replace_strict(mapping, default=None, return_dtype=dtype) if mapping else \
        pl.Series(text.name, [None] * len(text), dtype=dtype)
    return Parsed(values, text.is_not_null() & values.is_null())


def _period(u: str) -> str | None:
    try:
        return str(Period.parse(u))
    except ValueError:
        return None


def _year(u: str) -> int | None:
    s = u.removesuffix(".0")
    if len(s) == 4 and s.isascii() and s.isdigit() and _YEAR_MIN <= int(s) <= _YEAR_MAX:
        return int(s)
    return None


def parse_periods(text: pl.Series) -> Parsed:
    """Period labels → canonical strings (``2021q3`` → ``2021Q3``)."""
    return _map_uniques(text, _period, pl.String)


def parse_years(text: pl.Series) -> Parsed:
    """Four-digit years 1949–2100 → Int64."""
    return _map_uniques(text, _year, pl.Int64)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00(?:\.0+)?)?)?$")


def _date(u: str) -> str | None:
    m = _DATE.match(u.strip())
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def parse_dates(text: pl.Series) -> Parsed:
    """Calendar dates → ISO text ``YYYY-MM-DD`` (2022-03-15, 2022/3/15, 2022.3.15, 2022年3月15日; a spreadsheet date
    cell read as ``2022-03-15 00:00:00``). The same day written another way is the same date, never another one.

    >>> parse_dates(pl.Series(["2022/3/5", "2022年3月15日", "2022-02-30", None])).values.to_list()
    ['2022-03-05', '2022-03-15', None, None]
    """
    return _map_uniques(text, _date, pl.String)


def parse_codes(text: pl.Series) -> Parsed:
    """GB/T 2260 region codes: exactly six digits, kept as text."""
    ok = text.str.contains(REGION_CODE_RE.pattern)
    return Parsed(pl.select(pl.when(ok).then(text)).to_series().alias(text.name), text.is_not_null() & ~ok)


def parse_enum(text: pl.Series, choices: dict[str, str]) -> Parsed:
    """Accepted spellings (matched after NFKC, case-folding, spaces removed) → canonical value."""
    keys = {norm(k): v for k, v in choices.items()}
    return _map_uniques(text, lambda u: keys.get(norm(u)), pl.String)
