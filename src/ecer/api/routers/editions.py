"""``/api/editions``: the dual-control rule editions (``ecer.refdata``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ecer import refdata
from ecer.api.serialize import jsonable
from ecer.services import dual_control

router = APIRouter(prefix="/api/editions", tags=["assessments"])


@router.get("", summary="Rule editions / 规则版本")
def list_editions() -> list[dict[str, Any]]:
    """Each edition with its switches, open options and the clauses that rule them; ``is_default`` marks
    the edition an assessment uses when none is asked for."""
    default = getattr(dual_control, "DEFAULT_EDITION", None)
    return [{**jsonable(refdata.rule_edition(e)), "is_default": e == default} for e in refdata.rule_editions()]
