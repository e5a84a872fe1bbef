"""Header cells → template columns and their units; finding the header row under title rows.

A header cell is split into names and bracketed groups. Names (either side of ``/``) must all point to
one template column; bracketed groups are units, except the column's known qualifiers (可比价...).

>>> h = parse_header("能源消费总量（万吨标准煤）/ total_energy (万tce)", TEMPLATES["energy"])
>>> h.column, h.unit_labels
('total_energy', ('万吨标准煤', '万tce'))
>>> parse_header("Total Energy [tce]", TEMPLATES["energy"]).column
'total_energy'
>>> parse_header("备注", TEMPLATES["energy"]).column is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ecer.ingest.templates import TEMPLATES, ColumnSpec, TemplateSpec

HEADER_SEARCH_ROWS = 10  # the header must be within the first this many rows
_GROUP = re.compile(r"[(\[【]([^()\[\]【】]*)[)\]】]")
_SPLIT = re.compile(r"[/|]")


def norm(text: str) -> str:
    """Key for matching names: NFKC (full-width → half-width), case-folded, no spaces, _ or -."""
    return re.sub(r"[\s_\-·]+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class HeaderCell:
    """What a header cell says: the column it names (or None) and the unit labels in its brackets."""

    text: str
    column: str | None
    unit_labels: tuple[str, ...]
    ambiguous: bool = False


def _names(spec: ColumnSpec) -> set[str]:
    return {norm(n) for n in (spec.name, spec.zh, *spec.aliases)}


def parse_header(text: str, template: TemplateSpec) -> HeaderCell:
    """Match one header cell against a template's columns."""
    t = unicodedata.normalize("NFKC", text).strip()
    groups = [g.strip() for g in _GROUP.findall(t)]
    bare = _GROUP.sub(" ", t)
    tokens = [norm(x) for x in _SPLIT.split(bare) if norm(x)]
    hits: set[str] = set()
    unmatched = False
    for tok in tokens:
        found = [c.name for c in template.columns if tok in _names(c)]
        if found:
            hits.update(found)
        else:
            unmatched = True
    if len(hits) != 1 or unmatched:
        return HeaderCell(text, None, tuple(groups), ambiguous=len(hits) > 1)
    name = hits.pop()
    spec = template.column(name)
    quals = {norm(q) for q in spec.qualifiers}
    units = tuple(g for g in groups if norm(g) not in quals and g) if spec.has_unit else ()
    return HeaderCell(text, name, units)


def score_row(cells: list[str | None], template: TemplateSpec) -> int:
    """How many distinct template columns a row's cells name."""
    return len({h.column for c in cells if c for h in [parse_header(c, template)] if h.column})


def find_header_row(rows: list[list[str | None]], template: TemplateSpec) -> tuple[int, int] | None:
    """(index, score) of the best header row among the first rows; None when no row names ≥ 2 columns.

    >>> rows = [["2021年能源消费表", None], [None, None], ["地区代码", "期间"], ["110000", "2021"]]
    >>> find_header_row(rows, TEMPLATES["energy"])
    (2, 2)
    """
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        s = score_row(row, template)
        if s >= 2 and (best is None or s > best[1]):
            best = (i, s)
    return best


def infer_template(rows: list[list[str | None]]) -> str | None:
    """The template whose header best matches the first rows (more matched columns wins).

    >>> infer_template([["地区代码", "地区名称", "级别", "上级地区代码"]])
    'regions'
    """
    scored = []
    for name, spec in TEMPLATES.items():
        hit = find_header_row(rows, spec)
        if hit:
            # prefer more matched columns, then the larger share of the template's required columns
            scored.append((hit[1], hit[1] / max(len(spec.required), 1), name))
    if not scored:
        return None
    scored.sort(reverse=True)
    return scored[0][2]
