"""``/api/carbon/progress``, ``/api/carbon/side-by-side`` and ``/api/carbon/report.{xlsx|html|pdf}``: carbon dual
control (issue 8 §3, §5) over the stored ``carbon_energy`` rows (:func:`ecer.services.carbon.carbon_progress`), every
finding in the payload.

Status codes tell the truth (``{"findings": [...]}`` as every route): a malformed region, a year outside 1990–2100, a
grid lag outside 0–10 or an unknown grid scope is 422; a region neither the GB/T 2260 catalog nor the store knows is
404 (``E_REGION_UNKNOWN``); no carbon_energy rows (for the region) is 404 (``E_NO_DATA``, saying what to load); a
year with no accounted row is 404 (``E_NO_DATA``, naming the years there are).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Literal

import polars as pl
from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.api.params import REGION_HELP, REGION_PATTERN, enum
from ecer.api.serialize import frame_records, jsonable
from ecer.findings import FindingsError, Location, make

router = APIRouter(prefix="/api/carbon", tags=["carbon"])

RegionQ = Query(None, pattern=REGION_PATTERN, description=REGION_HELP)
YearQ = Query(None, ge=1990, le=2100, description="only this year (default: every year; 1990–2100)")
LagQ = Query(2, ge=0, le=10, description="grid factor of year Y − lag for accounting year Y (default 2, the national "
                                         "practice as ECER reads it, confidence [C]; 0 = same year)")
Scope = Literal["national_average", "national_residual", "regional_grid_average", "provincial_average"]
ScopeQ = Query("national_average", description="grid factor scope")
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _region(store: Any, cache: Any, region_code: str | None) -> str | None:
    """A code neither the catalog nor the store knows is 404 (as the pollutant routes)."""
    if region_code is None:
        return None
    from ecer.services.loading import known_regions

    if region_code not in cached(store, cache, "known_regions", (), lambda: known_regions(store)):
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region_code"), value=region_code)])
    return region_code


def _result(store: Any, cache: Any, region_code: str | None, grid_lag: int, grid_scope: str) -> Any:
    from ecer.core.carbon import CarbonSettings
    from ecer.services.carbon import carbon_progress

    region = _region(store, cache, region_code)
    settings = CarbonSettings.model_validate({"grid_year_lag": grid_lag, "grid_scope": grid_scope})
    return cached(store, cache, "carbon_progress", (region, grid_lag, grid_scope),
                  lambda: carbon_progress(store, settings=settings, region=region))


def _year(frame: pl.DataFrame, year: int | None, value: str) -> pl.DataFrame:
    """The rows of ``year`` (all when None); a year without an accounted ``value`` is 404 naming the years there are."""
    if year is None:
        return frame
    have = sorted({int(y) for y in frame.filter(pl.col(value).is_not_null())["year"].to_list()})
    if year not in have:
        shown = ", ".join(map(str, have)) or "—"
        raise FindingsError([make("E_NO_DATA", detail=(f"{year} 年没有碳排放核算结果（有：{shown}）/ no CO2 accounted "
                                                      f"for {year} (there are: {shown})"))])
    return frame.filter(pl.col("year") == year)


def _named(frame: pl.DataFrame) -> pl.DataFrame:
    from ecer.refdata.lookups import regions

    if "region_code" not in frame.columns or frame.is_empty():
        return frame
    names = regions().select("region_code", pl.col("name_zh").alias("region_name_zh"),
                             pl.col("name_en").alias("region_name_en"))
    return frame.join(names, on="region_code", how="left", maintain_order="left")


def _findings(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in findings]


@router.get("/progress", summary="CO2-intensity progress / 碳排放强度降低进度")
def progress(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    year: int | None = YearQ,
    grid_lag: int = LagQ,
    grid_scope: Scope = ScopeQ,
) -> dict[str, Any]:
    """Each region and year: CO2 [t] (combustion + net imported electricity + net purchased heat; non-fossil and
    feedstock not counted), GDP [亿元, constant prices], carbon intensity C = CO2 / (GDP × 10⁴) [tCO2/万元], its
    change, the cumulative reduction D_t = 1 − C_t/C_0 against the even pace R_t = 1 − (1 − 0.18)^{t/5} (国发〔2021〕
    23号), progress D_t/R_t and the barometer grade (一级 red: rose; 二级 yellow: fell less than R_1; 三级 green).
    ``rows``: the progress; ``totals``: CO2 by method; ``latest``: each region's latest year with an intensity;
    ``meta``: the grid factor's year convention (an assumption, [C]), the scope and the target."""
    res = _result(store, cache, region_code, grid_lag, grid_scope)
    rows = _year(res.progress, year, "co2")
    totals = res.totals if year is None else res.totals.filter(pl.col("year") == year)
    with_i = res.progress.filter(pl.col("intensity").is_not_null()).sort("region_code", "year")
    latest = with_i.group_by("region_code", maintain_order=True).last() if with_i.height else with_i
    return {"rows": frame_records(_named(rows)), "totals": frame_records(_named(totals)),
            "latest": frame_records(_named(latest)), "findings": _findings(res.findings),
            "meta": jsonable(res.meta), "units": {"co2": "t", "gdp": "亿元", "intensity": "tCO2/万元"}}


@router.get("/side-by-side", summary="Energy and carbon views of a region / 能耗与碳排放对照")
def side_by_side(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    year: int | None = YearQ,
    grid_lag: int = LagQ,
    grid_scope: Scope = ScopeQ,
) -> dict[str, Any]:
    """The energy and the carbon view of each region and year on the same machinery: energy intensity [tce/万元] (the
    dual-control assessment's, after its exclusions) and carbon intensity [tCO2/万元], each with its change,
    cumulative reduction, even-pace requirement (13.5 % and 18 %), progress and grade, and the CO2 per tce. Empty
    ``rows`` with an explaining finding when the dual-control assessment cannot run (no energy rows)."""
    res = _result(store, cache, region_code, grid_lag, grid_scope)
    side = res.side
    if side.height and region_code is not None:
        side = side.filter(pl.col("region_code") == region_code)
    if side.is_empty():
        raise FindingsError([make("E_NO_DATA", detail=(
            "没有可对照的能源消费数据：请先载入 energy（能耗双控）/ no energy data to set beside the carbon view: "
            "load the energy template first"))])
    rows = _year(side, year, "carbon_intensity")
    return {"rows": frame_records(_named(rows)), "findings": _findings(res.findings), "meta": jsonable(res.meta),
            "units": {"energy": "tce", "energy_intensity": "tce/万元", "co2": "t", "carbon_intensity": "tCO2/万元",
                      "co2_per_tce": "tCO2/tce", "gdp": "亿元"}}


@router.get("/report.{fmt}", summary="Carbon dual-control report / 碳排放双控进展报告", response_class=Response)
def report(
    store: StoreDep,
    cache: CacheDep,
    fmt: str = PathParam(description="xlsx | html | pdf", json_schema_extra=enum(list(MEDIA))),
    region_code: str | None = RegionQ,
    grid_lag: int = LagQ,
    grid_scope: Scope = ScopeQ,
    lang: Literal["zh", "en"] = Query("zh", description="zh | en"),
) -> Response:
    """The report a director signs (:mod:`ecer.reports.carbon_report`): Excel, printable HTML or PDF, with the same
    status codes as /api/carbon/progress (an unknown format 404)."""
    from ecer.reports.carbon_report import write_carbon_report
    from ecer.services.carbon_reports import report_input

    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt,
                                  valid=", ".join(MEDIA))])
    res = _result(store, cache, region_code, grid_lag, grid_scope)
    data = report_input(res, data_source="ECER 数据库" if lang == "zh" else "the ECER store")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"  # a fixed name: nothing from the request becomes a path
        write_carbon_report(data, path, lang)
        body = path.read_bytes()
    name = f"ecer-carbon{'-' + region_code if region_code else ''}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
