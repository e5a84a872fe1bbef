"""Dual-control rule editions from ``ecer/refdata/dual_control_rules/<edition>/rules.toml``.

>>> rule_editions()
['2016', '2021-09', '2021', '2022', '2024']
>>> r = rule_edition("2024", recompute_earlier_years=True)
>>> r.renewable_electricity, r.other_nonfossil, r.recompute_earlier_years
('all_total_and_intensity', 'exclude_total_and_intensity', True)
"""

from __future__ import annotations

import tomllib
from typing import Any

from pydantic import ValidationError

from ecer.findings import FindingsError, make
from ecer.models.rules import RuleEdition
from ecer.refdata.catalog import edition_folder, editions, load

TABLE = "dual_control_rules"
_FIXED = {"edition", "clauses"}


def rule_editions() -> list[str]:
    """Editions of the dual-control rules, in the order they took effect (oldest first)."""
    return sorted(editions(TABLE), key=lambda e: str(_document(e)["rule"]["effective_from"]))


def _document(edition: str) -> dict[str, Any]:
    load(TABLE, edition)  # validates: every clause has doc_no, clause, quote, source, confidence
    raw = edition_folder(TABLE, edition).joinpath("rules.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def rule_options(edition: str) -> dict[str, dict[str, Any]]:
    """The documented open choices of an edition: ``{field: {"default", "zh", "en"}}``."""
    return dict(_document(str(edition)).get("options", {}))


def rule_edition(edition: str, **overrides: Any) -> RuleEdition:
    """The rule edition as a typed ``RuleEdition``; ``overrides`` set open choices explicitly.

    An unknown edition or option name raises ``FindingsError`` (E_UNKNOWN_NAME, listing the valid
    ones); a value of the wrong kind raises it with E_VALUE_INVALID.
    """
    doc = _document(str(edition))
    fields = [f for f in RuleEdition.model_fields if f not in _FIXED]
    bad = [k for k in overrides if k not in fields]
    if bad:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="规则选项 (rule option)", value=k, valid=", ".join(fields))
                             for k in bad])
    clauses = {k: {f: v for f, v in c.items() if f != "confidence"} for k, c in doc.get("clauses", {}).items()}
    try:
        return RuleEdition.model_validate({**doc["rule"], **overrides, "clauses": clauses})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise FindingsError([make("E_VALUE_INVALID", value=overrides.get(field, err.get("input")),
                                  detail=f"{field}: {err['msg']}", fix_zh=f"检查选项 {field} 的取值",
                                  fix_en=f"check the value of option {field}")]) from None
