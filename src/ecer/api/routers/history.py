"""``/api/history/{table}``: every version of the rows users loaded, with who, when and why."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ecer.api.deps import StoreDep
from ecer.api.serialize import frame_records
from ecer.findings import FindingsError, make
from ecer.storage import TABLES

router = APIRouter(prefix="/api/history", tags=["history"])


@router.get("/{table}", summary="Version history / 数据修改历史")
def history(
    store: StoreDep,
    table: str,
    region_code: str | None = Query(None, description="GB/T 2260 code"),
    period: str | None = Query(None, description="period (energy table)"),
    year: int | None = Query(None, description="year (annual_targets table)"),
) -> list[dict[str, Any]]:
    """All versions of the matching rows, oldest first, with ``version``, ``valid_from``, ``changed_by``,
    ``reason`` and ``load_id``. Nothing is ever overwritten: a reload adds a version."""
    if table not in TABLES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="表 / table", value=table, valid=", ".join(TABLES))])
    key = {k: v for k, v in (("region_code", region_code), ("period", period), ("year", year))
           if v is not None and k in TABLES[table].columns}
    return frame_records(store.history(table, key))
