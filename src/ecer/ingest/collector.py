"""Collects findings for one input file, at most ``cap`` per code plus one W_FINDINGS_TRUNCATED summary.

A 1 M-row file with a bad column must not produce 1 M objects: checks count every bad cell with a
vectorised mask and hand over only the first ``cap`` rows.

>>> c = Collector(file="e.csv", sheet=None, cap=2)
>>> c.add_many("E_NEGATIVE", 5, [dict(row=r, column="total", value=-r) for r in (3, 4)])
>>> [(f.code, f.location.row if f.location else None) for f in c.findings()]
[('E_NEGATIVE', 3), ('E_NEGATIVE', 4), ('W_FINDINGS_TRUNCATED', None)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ecer.findings import Finding, Location, make

DEFAULT_CAP = 200


class Collector:
    def __init__(self, *, file: str, sheet: str | None, cap: int = DEFAULT_CAP):
        self.file = file
        self.sheet = sheet
        self.cap = cap
        self._items: list[Finding] = []
        self._total: Counter[str] = Counter()
        self._shown: Counter[str] = Counter()

    def add(self, code: str, *, row: int | None = None, column: str | None = None, **evidence: Any) -> None:
        """One finding at (row, column) of this file; counted always, kept while under the cap."""
        self._total[code] += 1
        if self._shown[code] < self.cap:
            self._shown[code] += 1
            loc = Location(file=self.file, sheet=self.sheet, row=row, column=column)
            if column is not None:
                evidence.setdefault("column", column)
            self._items.append(make(code, location=loc, **evidence))

    def add_many(self, code: str, total: int, items: Iterable[dict[str, Any]]) -> None:
        """``total`` findings of one code of which ``items`` (dicts with row, column, evidence) are the first."""
        room = max(self.cap - self._shown[code], 0)
        n = 0
        for it in items:
            if n >= room:
                break
            it = dict(it)
            loc = Location(file=self.file, sheet=self.sheet, row=it.pop("row", None), column=it.get("column"))
            self._items.append(make(code, location=loc, **it))
            n += 1
        self._shown[code] += n
        self._total[code] += max(total, n)

    def has_errors(self) -> bool:
        return any(f.level == "error" for f in self._items)

    def count(self, code: str) -> int:
        return self._total[code]

    def findings(self) -> list[Finding]:
        """File-level findings first, then by row and column; truncation summaries last."""
        def key(f: Finding) -> tuple[int, int, str]:
            row = f.location.row if f.location and f.location.row is not None else -1
            return (row, 0 if f.level == "error" else 1, f.code)

        out = sorted(self._items, key=key)
        for code, total in sorted(self._total.items()):
            shown = self._shown[code]
            if total > shown:
                out.append(make("W_FINDINGS_TRUNCATED", location=Location(file=self.file, sheet=self.sheet),
                                finding_code=code, total=total, shown=shown))
        return out
