"""``/api/analysis/lmdi`` and ``/api/analysis/allocation``: LMDI decomposition of a region's stored energy between
two years, and the allocation of a national intensity target among the stored provinces (issue 9 §1, §2;
:mod:`ecer.services.analysis`).

Status codes tell the truth (``{"findings": [...]}`` as every route): a malformed region or a bad parameter
(years out of order, a target outside (−1, 1)) is 422; an unknown model, form, basis or method is 404
(``E_UNKNOWN_NAME``); a region the store does not know is 404 (``E_REGION_UNKNOWN``); a year without data is 404
(``E_NO_DATA``); a sign change or a target the bounds cannot meet is 422.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from ecer.api.deps import StoreDep
from ecer.api.errors import FindingsBody
from ecer.api.params import REGION_HELP, REGION_PATTERN
from ecer.api.serialize import jsonable
from ecer.findings import FindingsError, Location, make

router = APIRouter(prefix="/api/analysis", tags=["analysis"])


@router.get("/lmdi", summary="LMDI decomposition / 因素分解")
def lmdi(
    store: StoreDep,
    region_code: str = Query(..., pattern=REGION_PATTERN, description=REGION_HELP),
    start: int = Query(..., ge=1990, le=2100, description="base year"),
    end: int = Query(..., ge=1990, le=2100, description="last year (after start)"),
    model: str = Query("LMDI-I", description="LMDI-I | LMDI-II"),
    form: str = Query("additive", description="additive | multiplicative"),
    basis: str = Query("chained", description="chained | fixed"),
    every_year: bool = Query(False, description="a series year by year between start and end"),
    identity: str = Query("energy", description="energy | intensity | co2 (intensity and co2 need the stored sector "
                          "rows, template sector_energy)"),
) -> dict[str, Any]:
    """The effects of the change in the region's total energy [tce] (or energy intensity, or CO2): activity,
    industrial structure and sectoral intensity (plus household energy) from the region's stored sector rows when
    every year has them; otherwise the regional structure when the store holds the region's sub-regions, or
    activity and intensity alone. ``data_zh`` / ``data_en`` say which data were used. The perfect-decomposition
    check and the waterfall rows come with it."""
    from ecer.services import analysis

    if end <= start:
        raise FindingsError([make("E_VALUE_INVALID", location=Location(column="end"), value=str(end),
                                  detail=f"end: 须晚于 start {start} / must be after start {start}",
                                  fix_zh="选择晚于起始年的结束年", fix_en="pick an end year after the start year")])
    run = analysis.lmdi_region(store, region_code, start, end, model=model, form=form, basis=basis,
                               step=every_year, identity=identity)
    return jsonable(run.to_dict())


def _json_matrix(text: str | None) -> Any:
    if text is None or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise FindingsError([make("E_AHP_MATRIX", location=Location(column="ahp_matrix"), row="—", column="—",
                                  row_name="—", column_name="—", value=text[:80],
                                  detail="不是 JSON / it is not JSON")]) from None


def _names(text: str | None) -> list[str] | None:
    return [x.strip() for x in text.split(",") if x.strip()] if text else None


def _allocate(store: Any, target: float, method: str, base_year: int, target_year: int, gdp_growth: float,
              margin: float, tiers: int, gap: float, weighting: str, indicators: list[str] | None, ahp_matrix: Any,
              dea_inputs: list[str] | None, dea_outputs: list[str] | None,
              region_data: list[dict[str, Any]] | None) -> dict[str, Any]:
    from ecer.services import analysis

    if target_year <= base_year:
        raise FindingsError([make("E_VALUE_INVALID", location=Location(column="target_year"), value=str(target_year),
                                  detail=f"target_year: 须晚于 base_year {base_year} / must be after {base_year}",
                                  fix_zh="选择晚于基年的目标年", fix_en="pick a target year after the base year")])
    matrix = analysis.ahp_from_json(ahp_matrix) if ahp_matrix is not None else None
    extra = analysis.region_data_from_rows(region_data) if region_data else None
    res = analysis.allocate_regions(store, target, method, base_year=base_year, target_year=target_year,
                                    gdp_growth=gdp_growth, margin=margin, tiers=tiers, gap=gap, weighting=weighting,
                                    indicators=indicators, ahp_matrix=matrix, dea_inputs=dea_inputs,
                                    dea_outputs=dea_outputs, region_data=extra,
                                    region_file="region_data" if extra is not None else None)
    return jsonable(analysis.allocation_dict(res))


@router.get("/allocation", summary="Target allocation / 目标分解")
def allocation(
    store: StoreDep,
    target: float = Query(..., gt=-1, lt=1, description="national intensity cut, 0.135 = 13.5 %"),
    method: str = Query("tiers", description="tiers | composite | zsg_dea"),
    base_year: int = Query(2020, ge=1990, le=2100),
    target_year: int = Query(2025, ge=1990, le=2100),
    gdp_growth: float = Query(0.055, gt=-0.5, lt=0.5, description="assumed annual GDP growth"),
    margin: float = Query(0.01, ge=0, lt=0.5, description="incentive target = basic + margin"),
    tiers: int = Query(5, ge=1, le=34),
    gap: float = Query(0.01, ge=0, lt=0.2),
    weighting: str = Query("entropy", description="composite weights: entropy | ahp | user"),
    indicators: str | None = Query(None, description="composite indicators, comma-separated, NAME or NAME:cost "
                                   "(default gdp_per_unit_energy:cost, gdp_share)"),
    ahp_matrix: str | None = Query(None, description='AHP pairwise matrix as JSON: [[1,3],[0.3333,1]] or '
                                   '{"indicators": [...], "matrix": [[...]]} (Saaty 1–9 scale)'),
    dea_inputs: str | None = Query(None, description="ZSG-DEA inputs, comma-separated (default energy)"),
    dea_outputs: str | None = Query(None, description="ZSG-DEA outputs, comma-separated (default gdp)"),
) -> dict[str, Any]:
    """Every province's basic and incentive targets with the reason, the aggregate check (1 − ΣE_T/ΣG_T ÷
    ΣE_0/ΣG_0 against the national target), the weights (AHP: λmax, CI, CR) and the method's notes. The store
    gives energy and GDP only: extra DEA inputs or indicators need ``POST`` with ``region_data``."""
    return _allocate(store, target, method, base_year, target_year, gdp_growth, margin, tiers, gap, weighting,
                     _names(indicators), _json_matrix(ahp_matrix), _names(dea_inputs), _names(dea_outputs), None)


class AllocationRequest(BaseModel):
    """The allocation's parameters with the region data and the AHP matrix as JSON."""

    model_config = ConfigDict(extra="forbid", strict=True)  # JSON false is not 0 and "5" is not 5

    target: float = Field(..., gt=-1, lt=1, description="national intensity cut, 0.135 = 13.5 %")
    method: str = Field("tiers", description="tiers | composite | zsg_dea")
    base_year: int = Field(2020, ge=1990, le=2100)
    target_year: int = Field(2025, ge=1990, le=2100)
    gdp_growth: float = Field(0.055, gt=-0.5, lt=0.5)
    margin: float = Field(0.01, ge=0, lt=0.5)
    tiers: int = Field(5, ge=1, le=34)
    gap: float = Field(0.01, ge=0, lt=0.2)
    weighting: str = Field("entropy", description="entropy | ahp | user")
    indicators: list[str] | None = Field(None, max_length=10, description="NAME or NAME:cost")
    ahp_matrix: list[list[StrictInt | StrictFloat | StrictStr]] | dict[str, Any] | None = Field(
        None, description='rows of Saaty judgements, or {"indicators": [...], "matrix": [[...]]}')
    dea_inputs: list[str] | None = Field(None, max_length=20, description="energy and region_data columns")
    dea_outputs: list[str] | None = Field(None, max_length=20, description="gdp and region_data columns")
    region_data: list[dict[str, Any]] | None = Field(None, max_length=1000, description="rows: region_code and "
                                                     "numeric columns (capital, labour, co2, indicators)")


@router.post("/allocation", summary="Target allocation with region data / 目标分解（附地区数据）",
             responses={400: {"model": FindingsBody, "description": "the body is not JSON (E_HTTP)"}})
def allocation_post(store: StoreDep, body: AllocationRequest) -> dict[str, Any]:
    """As ``GET /api/analysis/allocation``, with extra region columns (DEA inputs and outputs, indicators) in
    ``region_data`` and the AHP matrix as a JSON array."""
    return _allocate(store, body.target, body.method, body.base_year, body.target_year, body.gdp_growth,
                     body.margin, body.tiers, body.gap, body.weighting, body.indicators, body.ahp_matrix,
                     body.dea_inputs, body.dea_outputs, body.region_data)
