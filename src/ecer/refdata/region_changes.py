"""Region code changes: what a retired GB/T 2260 code became (catalog table ``region_code_changes``).

The table compares consecutive years of the Ministry of Civil Affairs code list (2005→2006 … 2023→2024):
``retired``, ``added``, ``renamed`` codes, and the area moved between codes that stay. A retired code's
``related_codes`` are the codes its area went to in the next year's list; :func:`successor_of` follows them
through later changes to the newest list.

>>> successor_of("330104")             # 江干区, retired 2021: to 上城区 and the new 钱塘区
['330102', '330114']
>>> successor_of("371202")             # 莱城区 (莱芜市), retired 2019
['370116']
>>> successor_of("330106")             # 西湖区 is current
['330106']
>>> r = retirement("330103")
>>> (r.name_zh, r.last_year, r.successors, r.successor_names)
('下城区', 2020, ['330105'], ['拱墅区'])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from ecer.refdata.catalog import load
from ecer.refdata.lookups import regions

TABLE = "region_code_changes"


@dataclass(frozen=True)
class Retirement:
    """A code that is not in the newest list: its name, the last year's list that had it, and the codes of the
    newest list that now cover its area (empty when the source names none)."""

    code: str
    name_zh: str
    last_year: int
    successors: list[str]
    successor_names: list[str]
    confidence: str
    doc_no: str


def region_code_changes(edition: str | None = None) -> pl.DataFrame:
    """The change table: ``from_year, to_year, change, region_code, name_zh, new_name_zh, related_codes,
    related_names, basis, note_date`` and the source columns (one row per change and code)."""
    return load(TABLE, edition).data


@lru_cache(maxsize=1)
def _retirements() -> dict[str, list[tuple[int, int, tuple[str, ...]]]]:
    """code -> its retirements (from_year, to_year, successor codes in to_year's list), oldest first."""
    rows = region_code_changes().filter(pl.col("change") == "retired").sort("from_year")
    out: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
    for code, a, b, rel in rows.select("region_code", "from_year", "to_year", "related_codes").iter_rows():
        out.setdefault(code, []).append((a, b, tuple(rel.split(";")) if rel else ()))
    return out


@lru_cache(maxsize=1)
def _current() -> frozenset[str]:
    return frozenset(regions().get_column("region_code").to_list())


def _follow(code: str, since: int, depth: int = 0) -> list[str]:
    later = [r for r in _retirements().get(code, []) if r[0] >= since]
    if not later or depth > 40:
        return [code] if code in _current() else []
    _, to_year, successors = later[0]
    out: list[str] = []
    for s in successors:
        out += [c for c in _follow(s, to_year, depth + 1) if c not in out]
    return out


def successor_of(code: str, year: int | None = None) -> list[str]:
    """Codes of the newest region list that cover the area of ``code``.

    A current code gives ``[code]``; a retired one its successors, followed through every later change
    (a split gives several); a code the tables do not know, or one retired without a named successor,
    gives ``[]``. ``year``: a year in which the code was in use (the data's year), to pick the right
    retirement of a code that was used twice; None takes the code's latest retirement.
    """
    code = str(code).strip()
    if year is None and code in _current():
        return [code]
    spans = _retirements().get(code, [])
    if not spans:
        return [code] if code in _current() else []
    usable = [r for r in spans if year is not None and r[0] >= year]
    since = usable[0][0] if usable else spans[-1][0]
    return _follow(code, since)


def retirement(code: str) -> Retirement | None:
    """The latest retirement of a code that is not in the newest list, or None (current or unknown)."""
    code = str(code).strip()
    if code in _current() or code not in _retirements():
        return None
    frame = region_code_changes()
    row = frame.filter((pl.col("change") == "retired") & (pl.col("region_code") == code)) \
        .sort("from_year").row(-1, named=True)
    succ = successor_of(code)
    names = dict(regions().filter(pl.col("region_code").is_in(succ)).select("region_code", "name_zh").iter_rows())
    return Retirement(code=code, name_zh=row["name_zh"], last_year=row["from_year"], successors=succ,
                      successor_names=[names.get(c, "") for c in succ], confidence=row["confidence"],
                      doc_no=row["doc_no"])
