"""The two-high rules as data (``ecer/refdata/two_high_rules``): sectors and their GB/T 4754 prefixes, which projects
need capacity replacement, energy replacement by the region's warning grade, thresholds, deadlines and the
disposition (处置意见) each check suggests. Every rule carries its document, clause and quote."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import polars as pl

from ecer import refdata

TABLE = "two_high_rules"


@dataclass(frozen=True)
class Rule:
    """One row of the rules table."""

    rule_id: str
    kind: str
    subject: str
    condition: str
    value: str
    quote: str
    doc_no: str
    clause: str
    confidence: str

    @property
    def statuses(self) -> tuple[str, ...]:
        """Project statuses (拟建/在建/建成 → planned/under_construction/built) named in ``condition``."""
        words = {"拟建": "planned", "在建": "under_construction", "建成": "built"}
        return tuple(words[w] for w in self.condition.split(";") if w in words)

    def evidence(self) -> dict[str, Any]:
        """What a finding cites: rule, document, clause and the words."""
        return {
            "rule": self.rule_id,
            "doc_no": self.doc_no,
            "clause": self.clause,
            "quote": self.quote,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class TwoHighRules:
    """All rules of one edition."""

    edition: str
    rules: tuple[Rule, ...]

    def of(self, kind: str) -> list[Rule]:
        return [r for r in self.rules if r.kind == kind]

    @property
    def sector_prefixes(self) -> dict[str, tuple[str, ...]]:
        """Sector id → GB/T 4754 code prefixes (inferred; a mismatch is a warning only)."""
        out: dict[str, tuple[str, ...]] = {}
        for r in self.of("sector"):
            out[r.subject] = out.get(r.subject, ()) + tuple(p for p in r.condition.split(";") if p)
        return out

    def threshold(self, name: str) -> tuple[float, Rule]:
        r = next(r for r in self.of("threshold") if r.subject == name)
        return float(r.value), r

    def deadline(self, name: str) -> Rule:
        return next(r for r in self.of("deadline") if r.subject == name)

    def disposition(self, code: str, status: str) -> Rule | None:
        """The disposition rule for a finding code and project status, or None (the finding suggests nothing)."""
        return next((r for r in self.of("disposition") if r.subject == code and status in r.statuses), None)

    def capacity_rule(self, sector: str, field: str, sub_category: str) -> Rule | None:
        """The capacity-replacement rule for a project: by sector id, or by a keyword in its benchmark field or
        sub-category (炼油, 电石, 尿素, 水泥熟料, 平板玻璃, 电解铝)."""
        for r in self.of("capacity_replacement"):
            if r.subject == sector or (r.subject and (r.subject in field or r.subject in sub_category)):
                return r
        return None

    def energy_rule(self, subject: str) -> Rule | None:
        return next((r for r in self.of("energy_replacement") if r.subject == subject), None)


def rules_from_frame(frame: pl.DataFrame, edition: str) -> TwoHighRules:
    """Rules from the rows of the table (columns of its manifest)."""
    rows = tuple(
        Rule(**{k: ("" if r[k] is None else str(r[k])) for k in Rule.__dataclass_fields__})
        for r in frame.iter_rows(named=True)
    )
    return TwoHighRules(edition, rows)


@lru_cache(maxsize=4)
def load_rules(edition: str | None = None) -> TwoHighRules:
    """The shipped rules (newest edition unless ``edition``)."""
    t = refdata.load(TABLE, edition)
    return rules_from_frame(t.frame, t.edition)
