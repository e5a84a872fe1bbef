"""``/api/regions``: the regions in the store (latest version of each)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.api.serialize import frame_records

router = APIRouter(prefix="/api/regions", tags=["regions"])


@router.get("", summary="Regions / 地区")
def list_regions(
    store: StoreDep,
    cache: CacheDep,
    level: Literal["national", "province", "city", "county"] | None = Query(
        None, description="national | province | city | county"),
) -> list[dict[str, Any]]:
    """Regions as ``region_code, name_zh, name_en, level, parent_code`` (ordered by code; cached per store
    version)."""
    frame = cached(store, cache, "regions", (), lambda: store.current("regions"))
    if level is not None and "level" in frame.columns:
        frame = frame.filter(frame["level"] == level)
    if "region_code" in frame.columns:
        frame = frame.sort("region_code")
    return frame_records(frame)
