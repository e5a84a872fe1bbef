"""The catalog's index read from the manifests alone — no polars, pint or pydantic — so ``ecer catalog list``
starts fast. Loading and validating a table is :func:`ecer.refdata.catalog.load`; a test keeps this index equal to
:func:`ecer.refdata.catalog.list_tables` (names, editions, titles, documents, row counts).

>>> [t.name for t in table_infos()][:3]
['ahp_random_index', 'benchmark_fields', 'benchmark_level_gaps']
"""

from __future__ import annotations

import csv
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "ecer.refdata"


@dataclass(frozen=True)
class TableInfo:
    """One table of the catalog, described by its newest edition."""

    name: str
    editions: list[str]
    newest: str
    title_zh: str
    title_en: str
    doc_no: str
    rows: int
    user_editions: dict[str, str] = field(default_factory=dict)
    """Editions imported by users (``ecer catalog import``) → their provenance (file, SHA-256, time)."""


def root() -> Traversable:
    return files(PACKAGE)


def edition_key(edition: str) -> tuple[int, str, str]:
    """Editions named by year (``2021``, ``2021-09``) sort by their number, then their suffix; others first.

    >>> sorted(["2024", "2021-09", "2016", "gb2589", "2021"], key=edition_key)
    ['gb2589', '2016', '2021', '2021-09', '2024']
    """
    m = re.match(r"^(\d+)(.*)$", edition)
    return (1, m.group(1).rjust(12, "0"), m.group(2)) if m else (0, edition, "")


def index_of(folder: Traversable) -> dict[str, list[str]]:
    """Table name → its editions, oldest first (the folders under ``folder`` with a ``manifest.toml``)."""
    out: dict[str, list[str]] = {}
    for table in folder.iterdir():
        if not table.is_dir() or table.name.startswith(("_", ".")):
            continue
        eds = [e.name for e in table.iterdir() if e.is_dir() and e.joinpath("manifest.toml").is_file()]
        if eds:
            out[table.name] = sorted(eds, key=edition_key)
    return dict(sorted(out.items()))


@lru_cache(maxsize=1)
def index() -> dict[str, list[str]]:
    """The shipped tables and their editions (:func:`index_of` the package folder)."""
    return index_of(root())


def user_root() -> Path:
    """The user catalog: ``$ECER_HOME/catalog`` (``ECER_HOME`` defaults to ``~/.ecer``); see ``user_catalog``."""
    home = os.environ.get("ECER_HOME")
    return (Path(home) if home else Path.home() / ".ecer") / "catalog"


def user_index() -> dict[str, list[str]]:
    """Tables and editions of the user catalog (not cached: an import changes it)."""
    folder = user_root()
    return index_of(folder) if folder.is_dir() else {}


def merge_indexes(shipped: dict[str, list[str]], user: dict[str, list[str]]) -> dict[str, list[str]]:
    """Shipped and user editions together, each table's editions sorted (a user edition named like a shipped one
    appears once)."""
    out = {k: list(v) for k, v in shipped.items()}
    for name, eds in user.items():
        out[name] = sorted(set(out.get(name, [])) | set(eds), key=edition_key)
    return dict(sorted(out.items()))


def user_provenance(name: str, editions: list[str]) -> dict[str, str]:
    """Edition → provenance line of each user edition of a table."""
    out = {}
    for ed in editions:
        m = tomllib.loads((user_root() / name / ed / "manifest.toml").read_text(encoding="utf-8"))
        out[ed] = str(m.get("provenance", "")) or "user import"
    return out


def _rows(folder: Traversable, data: str) -> int:
    raw = folder.joinpath(data).read_bytes().decode("utf-8-sig")
    if data.endswith(".toml"):
        return len(tomllib.loads(raw).get("clauses", {}))
    records = [r for r in csv.reader(io.StringIO(raw)) if r]
    return max(len(records) - 1, 0)  # less the header


def table_infos() -> list[TableInfo]:
    """Every table of the catalog, described by its newest edition's manifest (not validated: ``load`` does)."""
    out = []
    user = user_index()
    for name, eds in merge_indexes(index(), user).items():
        mine = user.get(name, [])
        folder: Traversable = user_root() / name / eds[-1] if eds[-1] in mine else root().joinpath(name, eds[-1])
        m = tomllib.loads(folder.joinpath("manifest.toml").read_text(encoding="utf-8"))
        out.append(TableInfo(name=name, editions=list(eds), newest=str(m.get("edition", eds[-1])),
                             title_zh=m["title_zh"], title_en=m["title_en"], doc_no=m["doc_no"],
                             rows=_rows(folder, m.get("data", "data.csv")), user_editions=user_provenance(name, mine)))
    return out
