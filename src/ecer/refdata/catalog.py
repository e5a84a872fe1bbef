"""The catalog: find the tables and editions shipped in ``ecer/refdata``, load and validate one.

Data are read with :mod:`importlib.resources`, so the catalog works from a source tree and from an
installed wheel alike.

>>> t = load("targets_gf2021_33")
>>> t.edition, t.manifest.doc_no, t.data.height
('2021', '国发〔2021〕33号', 40)
>>> editions("benchmark_levels")
['2021', '2023']
"""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import polars as pl

from ecer.findings import Finding, FindingsError, make
from ecer.refdata.index import (
    PACKAGE,
    TableInfo,
    edition_key,
    index_of,
    merge_indexes,
    user_index,
    user_provenance,
    user_root,
)
from ecer.refdata.manifest import CONFIDENCE_ORDER, Manifest, parse_manifest
from ecer.refdata.validate import cast, validate

__all__ = ["PACKAGE", "RefTable", "TableInfo", "edition_folder", "editions", "list_tables", "load", "load_shipped",
           "table_names"]


@dataclass(frozen=True)
class RefTable:
    """One edition of a reference table: its manifest, its rows, and warnings about unverified rows."""

    manifest: Manifest
    data: pl.DataFrame
    findings: list[Finding] = field(default_factory=list)

    @property
    def frame(self) -> pl.DataFrame:
        """The rows (alias of ``data``)."""
        return self.data

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def edition(self) -> str:
        return self.manifest.edition


_edition_key = edition_key


def _root() -> Traversable:
    return files(PACKAGE)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[str]]:
    """The shipped tables (cached); :func:`_all` adds the user catalog's editions."""
    return index_of(_root())


def _all() -> dict[str, list[str]]:
    return merge_indexes(_index(), user_index())


def _user_folder(name: str, edition: str) -> Traversable | None:
    folder = user_root() / name / edition
    return folder if (folder / "manifest.toml").is_file() else None


def table_names() -> list[str]:
    """Names of all tables in the catalog (shipped and user)."""
    return list(_all())


def _unknown(kind: str, value: str, valid: list[str]) -> FindingsError:
    return FindingsError([make("E_UNKNOWN_NAME", kind=kind, value=value, valid=", ".join(valid))])


def editions(name: str) -> list[str]:
    """Editions of a table, oldest first; an unknown name raises ``FindingsError`` (E_UNKNOWN_NAME)."""
    idx = _all()
    if name not in idx:
        raise _unknown("参考表 (reference table)", name, list(idx))
    return list(idx[name])


def edition_folder(name: str, edition: str | None) -> Traversable:
    eds = editions(name)
    ed = eds[-1] if edition is None else str(edition)
    if ed not in eds:
        raise _unknown(f"{name} 版本 / {name} edition", ed, eds)
    return _user_folder(name, ed) or _root().joinpath(name, ed)


def _rules_frame(raw: bytes) -> pl.DataFrame:
    """The clause table of a rule edition (``rules.toml``): one row per switch, all text."""
    doc = tomllib.loads(raw.decode("utf-8"))
    rule = doc.get("rule", {})
    rows = []
    for switch, c in doc.get("clauses", {}).items():
        value = rule.get(switch)
        rows.append({"switch": switch, "value": None if value is None else str(value).lower(),
                     "quote": c.get("quote"), "doc_no": c.get("doc_no"), "clause": c.get("clause"),
                     "source": c.get("source"), "confidence": c.get("confidence")})
    return pl.DataFrame(rows, schema={k: pl.Utf8 for k in
                                      ["switch", "value", "quote", "doc_no", "clause", "source", "confidence"]})


def _read(folder: Traversable, m: Manifest) -> pl.DataFrame:
    raw = folder.joinpath(m.data).read_bytes()
    if m.data.endswith(".toml"):
        return _rules_frame(raw)
    return pl.read_csv(io.BytesIO(raw), infer_schema_length=0)


def _load_folder(name: str, folder: Traversable, label_root: str) -> RefTable:
    m = parse_manifest(folder.joinpath("manifest.toml").read_text(encoding="utf-8"))
    text = _read(folder, m)
    label = f"{label_root}/{name}/{m.edition}/{m.data}"
    errors = validate(text, m, label)
    if errors:
        raise FindingsError(errors)
    data = cast(text, m)
    warnings = []
    for level in ("medium", "low"):
        n = data.filter(pl.col("confidence") == level).height
        if n:
            warnings.append(make("W_REFDATA_UNVERIFIED", name=f"{name}/{m.edition}", count=n, confidence=level))
    return RefTable(manifest=m, data=data, findings=warnings)


@lru_cache(maxsize=64)
def _load_cached(name: str, edition: str | None) -> RefTable:
    """A shipped edition (cached), even when a user edition of that name takes its place in :func:`load`."""
    shipped = _index().get(name)
    if not shipped:
        raise _unknown("参考表 (reference table)", name, list(_index()))
    ed = shipped[-1] if edition is None else str(edition)
    if ed not in shipped:
        raise _unknown(f"{name} 版本 / {name} edition", ed, shipped)
    return _load_folder(name, _root().joinpath(name, ed), "ecer/refdata")


def load_shipped(name: str, edition: str) -> RefTable:
    """The edition as shipped in the package, ignoring the user catalog."""
    return _load_cached(name, str(edition))


def _resolve(name: str, edition: str | None) -> str:
    eds = editions(name)
    return eds[-1] if edition is None else str(edition)


def load(name: str, edition: str | None = None, *, min_confidence: str | None = None) -> RefTable:
    """Load one edition of a reference table (the newest when ``edition`` is None), validated.

    ``min_confidence`` keeps rows at or above a level: ``"high"`` keeps only high rows, ``"medium"``
    high and medium, ``"low"`` or None everything. Unknown names, editions or levels raise
    ``FindingsError`` with ``E_UNKNOWN_NAME`` listing the valid ones; invalid data raise it with the
    validation findings (file, row, column).
    """
    ed = _resolve(name, edition)
    user = _user_folder(name, ed)
    # a user edition is read from disk on every load (an import may have replaced it); shipped ones are cached
    table = _load_folder(name, user, str(user_root())) if user is not None else _load_cached(name, ed)
    if min_confidence is None:
        return table
    if min_confidence not in CONFIDENCE_ORDER:
        raise _unknown("置信度 (confidence level)", str(min_confidence), list(CONFIDENCE_ORDER))
    keep = [c for c, rank in CONFIDENCE_ORDER.items() if rank <= CONFIDENCE_ORDER[min_confidence]]
    return RefTable(manifest=table.manifest, data=table.data.filter(pl.col("confidence").is_in(keep)),
                    findings=table.findings)


def list_tables() -> list[TableInfo]:
    """Every table of the catalog, described by its newest edition (loads and validates each)."""
    out = []
    user = user_index()
    for name, eds in _all().items():
        t = load(name)
        m = t.manifest
        out.append(TableInfo(name=name, editions=list(eds), newest=m.edition, title_zh=m.title_zh,
                             title_en=m.title_en, doc_no=m.doc_no, rows=t.data.height,
                             user_editions=user_provenance(name, user.get(name, []))))
    return out
