"""``/api/indicators/catalog|progress`` and ``/api/indicators/report.{xlsx|html|pdf}``: the key-project indicators of
国发〔2021〕33号 (issue 8 §4-§5) over the stored ``indicator_values`` (:mod:`ecer.services.indicators`), every finding in
the payload.

Status codes tell the truth (``{"findings": [...]}`` as every route): a malformed region or a year outside 1990–2100
is 422; a year before the plan's base year 2020 is 422 (``E_VALUE_INVALID``: there is no progress to measure); a
region neither the GB/T 2260 catalog nor the store knows is 404 (``E_REGION_UNKNOWN``); an unknown indicator code 404
(``E_INDICATOR_UNKNOWN``); no values for the selection 404 (``E_INDICATOR_NO_DATA``, saying what to load).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.api.params import REGION_HELP, REGION_PATTERN, enum
from ecer.api.serialize import frame_records, jsonable
from ecer.findings import FindingsError, Location, make

router = APIRouter(prefix="/api/indicators", tags=["indicators"])

RegionQ = Query(None, pattern=REGION_PATTERN, description=REGION_HELP)
IndicatorQ = Query(None, min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_]+$",
                   description="indicator code (GET /api/indicators/catalog), e.g. straw_use, nev_share")
YearQ = Query(None, ge=2020, le=2100,
              description="values up to this year, 2020 (the plan's base year) or later (default: all)")
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
PLAN_BASE = 2020


def _year(year: int | None) -> int | None:
    if year is not None and year < PLAN_BASE:
        raise FindingsError([make(
            "E_VALUE_INVALID", location=Location(column="year"), value=str(year),
            detail=f"year: 须不早于规划基年 {PLAN_BASE} / must not be before the plan's base year {PLAN_BASE}",
            fix_zh=f"选择 {PLAN_BASE} 年及以后的年份", fix_en=f"pick {PLAN_BASE} or a later year")])
    return year


def _indicator_json(i: Any) -> dict[str, Any]:
    zh, en = i.target_phrase()
    return {"code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "project_no": i.project_no,
            "project_zh": i.project_zh, "project_en": i.project_en, "kind": i.kind, "direction": i.direction,
            "target": i.target, "target_text": i.target_text, "target_zh": zh, "target_en": en, "unit": i.unit,
            "base_year": i.base_year, "target_year": i.target_year, "source": i.source, "notes": i.notes}


def _named(frame: Any) -> Any:
    """``region_name_zh`` / ``region_name_en`` beside ``region_code`` from the bundled GB/T 2260 catalog."""
    import polars as pl

    from ecer.refdata.lookups import regions

    if frame.is_empty():
        return frame
    names = regions().select("region_code", pl.col("name_zh").alias("region_name_zh"),
                             pl.col("name_en").alias("region_name_en"))
    return frame.join(names, on="region_code", how="left", maintain_order="left")


def _progress(store: Any, cache: Any, region: str | None, indicator: str | None, year: int | None) -> Any:
    from ecer.services import indicators as si

    key = (region, indicator, _year(year))
    return cached(store, cache, "indicator_progress", key,
                  lambda: si.indicator_progress(store, region=region, indicator=indicator, year=year))


@router.get("/catalog", summary="Key-project indicator catalogue / 重点工程指标目录")
def catalog() -> dict[str, Any]:
    """Every indicator of 国发〔2021〕33号 二 and 三 with its stable code, kind (level, reduction, quantity,
    qualitative), target, unit, base and target year and source."""
    from ecer.services.indicators import indicator_catalogue

    return {"rows": [_indicator_json(i) for i in indicator_catalogue()]}


@router.get("/progress", summary="Indicator progress and status / 重点工程指标进展")
def progress(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    indicator: str | None = IndicatorQ,
    year: int | None = YearQ,
) -> dict[str, Any]:
    """Each stored value against its target: the level required to date on the even path, what is still to go,
    the share of the way done and the status (达标 green, 进度滞后 yellow, 未达标 red, 无法评估 grey). ``rows``: the
    latest year of each region and indicator; ``years``: every year; ``indicators``: the catalogue entries used."""
    res = _progress(store, cache, region_code, indicator, year)
    return {"rows": frame_records(_named(res.latest)), "years": frame_records(_named(res.progress)),
            "indicators": [_indicator_json(i) for i in res.indicators],
            "findings": [f.model_dump(mode="json") for f in res.findings], "meta": jsonable(res.meta)}


@router.get("/report.{fmt}", summary="Indicator report / 重点工程指标进展报告", response_class=Response)
def report(
    store: StoreDep,
    cache: CacheDep,
    fmt: str = PathParam(description="xlsx | html | pdf", json_schema_extra=enum(list(MEDIA))),
    region_code: str | None = RegionQ,
    indicator: str | None = IndicatorQ,
    year: int | None = YearQ,
    lang: Literal["zh", "en"] = Query("zh", description="zh | en"),
) -> Response:
    """The report an official signs (:mod:`ecer.reports.indicator_report`): Excel, printable HTML or PDF, with the
    same status codes as /api/indicators/progress."""
    from ecer.services.indicators import write_store_report

    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt,
                                  valid=", ".join(MEDIA))])
    _progress(store, cache, region_code, indicator, year)  # the status codes of /progress before any writing
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"  # a fixed name: nothing from the request becomes a path
        write_store_report(store, path, region=region_code, indicator=indicator, year=year, lang=lang)
        body = path.read_bytes()
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'{disposition}; filename="ecer-indicators.{fmt}"'})
