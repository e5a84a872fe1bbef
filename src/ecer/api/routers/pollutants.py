"""``/api/pollutants/ledger|progress|measures`` and ``/api/pollutants/report.{xlsx|html|pdf}``: pollutant
total-emission control (issue 8 §5) over the stored emissions, measures and new emissions
(:mod:`ecer.services.pollutants`), every finding in the payload.

Status codes tell the truth (``{"findings": [...]}`` as every route): a malformed region, pollutant or year is 422;
a region neither the GB/T 2260 catalog nor the store knows is 404 (``E_REGION_UNKNOWN``); an unknown pollutant 404
(``E_UNKNOWN_NAME``); no data for the selection — no emissions, no measures, or a year the ledger does not reach —
is 404 (``E_POLLUTANT_NO_DATA``, saying what to load); a year not after the base year is 422
(``E_VALUE_INVALID``: there is no progress to measure).
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

router = APIRouter(prefix="/api/pollutants", tags=["pollutants"])

RegionQ = Query(None, pattern=REGION_PATTERN, description=REGION_HELP)
PollutantQ = Query(None, min_length=1, max_length=40, description="COD | NH3-N | NOx | VOCs, or 化学需氧量 …")
YearHelp = "accounting year (1990–2100)"
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _regions(store: Any, cache: Any, region_code: str | None) -> list[str] | None:
    """``[region_code]``, or None for every region; a code neither the catalog nor the store knows is 404."""
    if region_code is None:
        return None
    from ecer.services.loading import known_regions

    if region_code not in cached(store, cache, "known_regions", (), lambda: known_regions(store)):
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region_code"), value=region_code)])
    return [region_code]


def _named(frame: pl.DataFrame) -> pl.DataFrame:
    """``region_name_zh`` / ``region_name_en`` beside ``region_code`` from the bundled catalog (the store's own
    names are the service's ``region_name``)."""
    from ecer.refdata.lookups import regions

    if "region_code" not in frame.columns or frame.is_empty():
        return frame
    names = regions().select("region_code", pl.col("name_zh").alias("region_name_zh"),
                             pl.col("name_en").alias("region_name_en"))
    out = frame.drop([c for c in ("region_name_zh", "region_name_en") if c in frame.columns])
    out = out.join(names, on="region_code", how="left", maintain_order="left")
    if "region_name" in out.columns:  # a region only the store knows keeps the store's name
        out = out.with_columns(region_name_zh=pl.coalesce("region_name_zh", "region_name"))
    return out


def _ledger(store: Any, cache: Any, regions: list[str] | None, pollutant: str | None,
            through_year: int | None = None) -> Any:
    from ecer.services import pollutants as spol

    key = (tuple(regions or ()), pollutant, through_year)
    return cached(store, cache, "pollutant_ledger", key, lambda: spol.pollutant_ledger(
        store, regions=regions, pollutants=[pollutant] if pollutant else None, through_year=through_year))


def _years(ledger: Any) -> list[int]:
    led = ledger.ledger
    return sorted({int(y) for y in led.filter(pl.col("year") > pl.col("base_year"))["year"].to_list()})


def _progress(store: Any, cache: Any, regions: list[str] | None, pollutant: str | None,
              as_of_year: int | None) -> tuple[Any, list[int]]:
    """The service's ProgressResult as of ``as_of_year`` (default: the ledger's last year) and the years a user may
    pick; a year not after every base year is 422, a year the ledger does not reach 404 (the service's)."""
    from ecer.services import pollutants as spol

    led = _ledger(store, cache, regions, pollutant)
    years = _years(led)
    if as_of_year is None:
        if not years:
            raise FindingsError([make("E_POLLUTANT_NO_DATA", detail=(
                "库中只有基年排放量，没有减排措施或新增量可核算进度 / the store has base-year emissions only: no "
                "measure or new-emission rows to account progress with"))])
        as_of_year = years[-1]
    first_base = min(led.meta.get("base_years", {}).values(), default=None)
    if first_base is not None and as_of_year <= first_base:
        raise FindingsError([make(
            "E_VALUE_INVALID", location=Location(column="as_of_year"), value=str(as_of_year),
            detail=f"as_of_year: 须晚于基年 {first_base} / must be after the base year {first_base}",
            fix_zh=f"选择 {first_base} 年以后的年份", fix_en=f"pick a year after {first_base}")])
    key = (tuple(regions or ()), pollutant, as_of_year)
    result = cached(store, cache, "pollutant_progress", key, lambda: spol.pollutant_progress(
        store, as_of_year=as_of_year, regions=regions, pollutants=[pollutant] if pollutant else None))
    return result, years


def _findings(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in findings]


@router.get("/ledger", summary="Emission ledger / 排放台账")
def ledger(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    pollutant: str | None = PollutantQ,
    through_year: int | None = Query(None, ge=1990, le=2100, description="last year of the ledger (" + YearHelp + ")"),
) -> dict[str, Any]:
    """Year by year for each region and pollutant: E_t = E_{t−1} + new emissions − (engineering + structural +
    management reductions) [t], from its base year (the earliest stored emissions), with the reported emissions of
    later years beside the accounted ones; ``findings`` lists every finding of the accounting."""
    led = _ledger(store, cache, _regions(store, cache, region_code), pollutant, through_year)
    return {"rows": frame_records(_named(led.ledger)), "findings": _findings(led.findings),
            "meta": jsonable(led.meta), "unit": "t"}


@router.get("/progress", summary="Progress against the targets / 减排目标进展")
def progress(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    pollutant: str | None = PollutantQ,
    as_of_year: int | None = Query(None, ge=1990, le=2100, description="as of this year (default: the latest "
                                                                        "accounted year)"),
) -> dict[str, Any]:
    """Each region and pollutant as of ``as_of_year``: the cumulative reduction D_t = 1 − E_t/E_0 against the
    target of 国发〔2021〕33号 (or a loaded regional target) and its even pace R_t = 1 − (1 − T)^{t/5}, the year's
    barometer grade (一级 red: emissions rose; 二级 yellow: fell less than R_1; 三级 green), and the key-project
    quota achieved against Q·t/5. ``rows``: one per region and pollutant in ``as_of_year``; ``percentage`` and
    ``quantity``: every year up to it; ``years``: the years that can be asked for."""
    regions = _regions(store, cache, region_code)
    result, years = _progress(store, cache, regions, pollutant, as_of_year)
    return {
        "as_of_year": result.as_of_year,
        "years": years,
        "rows": frame_records(_named(result.summary)),
        "percentage": frame_records(_named(result.percentage)),
        "quantity": frame_records(_named(result.quantity)),
        "findings": _findings(result.findings),
        "meta": jsonable(result.meta),
        "unit": "t",
    }


@router.get("/measures", summary="Reduction measures / 减排措施")
def measures(
    store: StoreDep,
    cache: CacheDep,
    region_code: str | None = RegionQ,
    pollutant: str | None = PollutantQ,
    year: int | None = Query(None, ge=1990, le=2100, description="only this year (" + YearHelp + ")"),
) -> dict[str, Any]:
    """Every stored measure with the reduction it counts in its year [t] (its method and kind), and ``by_kind``:
    the ledger's reductions by kind (工程 / 结构 / 管理) and new emissions per region, pollutant and year. No
    measure for the selection is 404 (E_POLLUTANT_NO_DATA)."""
    led = _ledger(store, cache, _regions(store, cache, region_code), pollutant)
    rows = led.measures
    by_kind = led.ledger.select("region_code", "pollutant", "year", "new_emissions", "reduction_engineering",
                                "reduction_structural", "reduction_management", "reduction_total", "measures")
    if year is not None:
        rows, by_kind = rows.filter(pl.col("year") == year), by_kind.filter(pl.col("year") == year)
    if rows.is_empty():
        scope = f" {year}" if year is not None else ""
        raise FindingsError([make("E_POLLUTANT_NO_DATA", detail=(
            f"没有减排措施{scope}，请先载入 pollutant_measures / no reduction measures{scope}: load "
            "pollutant_measures first"))])
    return {"rows": frame_records(_named(rows)), "by_kind": frame_records(_named(by_kind)),
            "findings": _findings(led.findings), "unit": "t"}


@router.get("/report.{fmt}", summary="Pollutant report / 污染物总量减排报告", response_class=Response)
def report(
    store: StoreDep,
    cache: CacheDep,
    fmt: str = PathParam(description="xlsx | html | pdf", json_schema_extra=enum(list(MEDIA))),
    region_code: str | None = RegionQ,
    pollutant: str | None = PollutantQ,
    as_of_year: int | None = Query(None, ge=1990, le=2100, description="as of this year (default: the latest)"),
    lang: Literal["zh", "en"] = Query("zh", description="zh | en"),
) -> Response:
    """The report a director signs (:mod:`ecer.reports.pollutant_report`): Excel, printable HTML or PDF, with the
    same status codes as /api/pollutants/progress."""
    from ecer.reports.pollutant_report import write_pollutant_report
    from ecer.services.pollutant_reports import report_input

    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt,
                                  valid=", ".join(MEDIA))])
    result, _ = _progress(store, cache, _regions(store, cache, region_code), pollutant, as_of_year)
    data = report_input(result, data_source="ECER 数据库" if lang == "zh" else "the ECER store")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"  # a fixed name: nothing from the request becomes a path
        write_pollutant_report(data, path, lang)
        body = path.read_bytes()
    name = f"ecer-pollutants-{result.as_of_year}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
