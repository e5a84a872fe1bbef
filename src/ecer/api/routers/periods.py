"""``/api/periods``: the periods that have data in the store."""

from __future__ import annotations

from fastapi import APIRouter

from ecer.api.deps import StoreDep
from ecer.services import dual_control

router = APIRouter(prefix="/api/periods", tags=["assessments"])


@router.get("", summary="Periods with data / 有数据的期间")
def list_periods(store: StoreDep) -> list[str]:
    """Period labels (``2021``, ``2021H1``, ``2021-07``...) as the assessment accepts them."""
    return [str(p) for p in dual_control.list_periods(store)]
