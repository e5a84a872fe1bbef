"""``/api/history/{table}``: every version of the rows users loaded, with who, when and why."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query

from ecer.api.deps import StoreDep
from ecer.api.params import PERIOD_HELP, PERIOD_PATTERN, REGION_HELP, REGION_PATTERN, enum
from ecer.api.serialize import frame_records
from ecer.services.history import history as history_service
from ecer.storage import TABLES

router = APIRouter(prefix="/api/history", tags=["history"])


@router.get("/{table}", summary="Version history / 数据修改历史")
def history(
    store: StoreDep,
    table: str = Path(description="stored table", json_schema_extra=enum(list(TABLES))),
    region_code: str | None = Query(None, pattern=REGION_PATTERN, description=REGION_HELP),
    period: str | None = Query(None, pattern=PERIOD_PATTERN, description=f"{PERIOD_HELP} (energy table)"),
    year: int | None = Query(None, description="year (annual_targets table)"),
) -> list[dict[str, Any]]:
    """All versions of the matching rows, oldest first, with ``version``, ``valid_from``, ``changed_by``,
    ``reason`` and ``load_id``. Nothing is ever overwritten: a revision adds a version. An unknown table or region,
    or no rows for the key asked, is 404; a malformed region or period 422."""
    return frame_records(history_service(store, table, region=region_code, period=period, year=year))
