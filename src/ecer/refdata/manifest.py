"""The ``manifest.toml`` of one edition of a reference table: what it is, where it comes from, its columns.

Every edition folder ``ecer/refdata/<table>/<edition>/`` holds a ``manifest.toml`` and its data
(``data.csv``, or the file named by ``data``, e.g. ``rules.toml``). The standard columns ``doc_no``,
``clause``, ``source`` and ``confidence`` are required in every table and are not repeated in the
manifest's ``columns``.

>>> m = Manifest.model_validate({"name": "t", "title_zh": "表", "title_en": "table", "edition": "2021",
...     "doc_no": "国发〔2021〕33号", "columns": [{"name": "value", "type": "float", "unit": "@unit"}]})
>>> m.column_names()
['value', 'doc_no', 'clause', 'source', 'confidence']
"""

from __future__ import annotations

import tomllib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ColumnType = Literal["str", "int", "float", "bool"]
Confidence = Literal["high", "medium", "low"]
CONFIDENCE_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
STANDARD_COLUMNS: tuple[str, ...] = ("doc_no", "clause", "source", "confidence")
OPTIONAL_STANDARD_COLUMNS: tuple[str, ...] = ("notes",)
ROW_UNIT = "@unit"  # a column whose unit is given row by row in the ``unit`` column


class ColumnSpec(BaseModel):
    """One column: its type, unit (a label, or ``@unit`` for the row's ``unit`` cell) and rules."""

    model_config = ConfigDict(frozen=True)

    name: str
    type: ColumnType = "str"
    unit: str | None = None
    required: bool = False
    allowed: list[str] | None = None
    pattern: str | None = None
    description: str = ""


class Manifest(BaseModel):
    """What an edition of a reference table is: title, document, date, superseded edition, gaps."""

    model_config = ConfigDict(frozen=True)

    name: str
    title_zh: str
    title_en: str
    edition: str
    doc_no: str
    issued: str = ""
    supersedes: str = ""
    source: str = ""
    data: str = "data.csv"
    key: list[str] = Field(default_factory=list)
    confidence_summary: str = ""
    gaps: list[str] = Field(default_factory=list)
    columns: list[ColumnSpec] = Field(default_factory=list)
    display: list[str] = Field(default_factory=list)
    """Columns the terminal view (``ecer catalog show``) prints for a wide table; empty = all."""
    origin: str = "shipped"
    """``shipped`` (in the package) or ``user`` (imported with ``ecer catalog import``)."""
    provenance: str = ""
    """For a user edition: the file it was imported from, its SHA-256 and when (``ecer catalog list`` shows it)."""

    def column_names(self) -> list[str]:
        """The table's own columns followed by the standard ones, in output order."""
        own = [c.name for c in self.columns]
        return own + [c for c in STANDARD_COLUMNS if c not in own]

    def spec(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)


def parse_manifest(text: str) -> Manifest:
    """Parse the text of a ``manifest.toml``."""
    return Manifest.model_validate(tomllib.loads(text))
