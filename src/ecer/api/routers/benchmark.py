"""``/api/benchmark/units|shares|lists``: the benchmarking of the stored production units under one edition
(:func:`ecer.services.benchmarking.benchmark_store`) as JSON, with every finding.

Errors as the other routes (``{"findings": [...]}``): unknown edition or field, unknown region, no unit performance
for the filters, or no unit classifiable under the edition (the 2023 edition ships without its rows: the gap
findings are returned) are 404; a malformed region or a bad parameter 422.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ecer.api.deps import StoreDep
from ecer.api.params import REGION_HELP, REGION_PATTERN
from ecer.api.serialize import frame_records
from ecer.findings import FindingsError, make

router = APIRouter(prefix="/api/benchmark", tags=["benchmark"])

EDITION_PATTERN = r"^\d{4}$"


def _run(store: Any, edition: str | None, year: int | None, region: str | None, field: str | None) -> Any:
    from ecer.services.benchmarking import benchmark_store, nothing_classified

    result = benchmark_store(store, edition, year=year, region=region, field=field)
    if nothing_classified(result):
        raise FindingsError(
            [
                make("E_NO_DATA", detail=f"没有装置能按 {result.edition} 年版分类 / no unit could be classified under edition "
                                f"{result.edition}"),
                *result.findings,
            ]
        )
    return result


def with_region_names(frame: Any) -> Any:
    """The frame with ``region_name_zh`` / ``region_name_en`` beside its ``region`` code, from the bundled region
    catalog (``ecer.refdata.lookups.regions``; null where the catalog has no name, the code is still there).

    >>> import polars as pl
    >>> with_region_names(pl.DataFrame({"region": ["440300", "990000"]})).rows()
    [('440300', '深圳市', 'Shenzhen'), ('990000', None, None)]
    """
    import polars as pl

    from ecer.refdata.lookups import regions

    if "region" not in frame.columns or frame.is_empty():
        return frame
    names = regions().select(
        pl.col("region_code").alias("region"),
        pl.col("name_zh").alias("region_name_zh"),
        pl.col("name_en").alias("region_name_en"),
    )
    return frame.join(names, on="region", how="left", maintain_order="left")


def _body(result: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "edition": result.edition,
        "levels_origin": result.levels_origin,
        "rows": rows,
        "findings": [f.model_dump(mode="json") for f in result.findings],
    }


EditionQ = Query(None, pattern=EDITION_PATTERN, description="benchmark edition, e.g. 2021 (default: newest)")
YearQ = Query(None, ge=1900, le=2100, description="only this year")
RegionQ = Query(None, pattern=REGION_PATTERN, description=REGION_HELP)
FieldQ = Query(None, min_length=1, max_length=40, description="benchmark field, e.g. 水泥熟料")


@router.get("/units", summary="Units benchmarked / 装置能效对标")
def units(
    store: StoreDep,
    edition: str | None = EditionQ,
    year: int | None = YearQ,
    region: str | None = RegionQ,
    field: str | None = FieldQ,
) -> dict[str, Any]:
    """Each unit-year's class (标杆 / between / 基准以下), gaps in the indicator's unit and in %, yearly savings
    [tce] to each level, and the deadline; ``findings`` lists every finding of the run."""
    r = _run(store, edition, year, region, field)
    return _body(r, frame_records(with_region_names(r.classified)))


@router.get("/shares", summary="Capacity share at benchmark / 标杆产能占比")
def shares(
    store: StoreDep,
    edition: str | None = EditionQ,
    year: int | None = YearQ,
    region: str | None = RegionQ,
    field: str | None = FieldQ,
) -> dict[str, Any]:
    """Capacity at benchmark, between and below baseline by field, region and year, the share against the > 30 %
    goal (发改产业〔2021〕1609号) and each guide's target (发改产业〔2022〕200号)."""
    r = _run(store, edition, year, region, field)
    return _body(r, frame_records(with_region_names(r.shares)))


@router.get("/lists", summary="Retrofit and exit lists / 改造与淘汰清单")
def lists(
    store: StoreDep,
    edition: str | None = EditionQ,
    year: int | None = YearQ,
    region: str | None = RegionQ,
    field: str | None = FieldQ,
) -> dict[str, Any]:
    """``retrofit``: units below baseline that can be upgraded, with the guide's technology paths; ``exit``: units
    below baseline marked not upgradable in time; ``below_baseline``: the capacity with its deadline."""
    r = _run(store, edition, year, region, field)
    return {
        "edition": r.edition,
        "levels_origin": r.levels_origin,
        "retrofit": frame_records(with_region_names(r.retrofit)),
        "exit": frame_records(with_region_names(r.exit)),
        "below_baseline": frame_records(with_region_names(r.below_baseline)),
        "findings": [f.model_dump(mode="json") for f in r.findings],
    }
