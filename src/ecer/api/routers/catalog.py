"""``/api/catalog``: the reference tables shipped in the package (``ecer.refdata``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query

from ecer import refdata
from ecer.api.params import catalog_names, enum
from ecer.api.serialize import frame_records, jsonable

router = APIRouter(prefix="/api/catalog", tags=["catalog"])


@router.get("", summary="List reference tables / 参考数据目录")
def list_catalog() -> list[dict[str, Any]]:
    """Every reference table with its editions, document numbers and sources."""
    return [jsonable(info) for info in refdata.list_tables()]


@router.get("/{name}", summary="Show one reference table / 查看参考数据表")
def show_table(name: str = Path(description="reference table (see /api/catalog)", json_schema_extra=enum(catalog_names())),
               edition: str | None = Query(None, description="edition; newest if omitted")) -> dict[str, Any]:
    """The table's manifest and rows; an unknown name or edition is a 404 ``E_UNKNOWN_NAME`` finding."""
    table = refdata.load(name, edition)
    return {"manifest": jsonable(table.manifest), "rows": frame_records(table.frame)}
