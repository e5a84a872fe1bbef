"""``/api/analysis/lmdi`` and ``/api/analysis/allocation``: LMDI decomposition of a region's stored energy between
two years, and the allocation of a national intensity target among the stored provinces (issue 9 §1, §2;
:mod:`ecer.services.analysis`).

Status codes tell the truth (``{"findings": [...]}`` as every route): a malformed region or a bad parameter
(years out of order, a target outside (−1, 1)) is 422; an unknown model, form, basis or method is 404
(``E_UNKNOWN_NAME``); a region the store does not know is 404 (``E_REGION_UNKNOWN``); a year without data is 404
(``E_NO_DATA``); a sign change or a target the bounds cannot meet is 422.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ecer.api.deps import StoreDep
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
) -> dict[str, Any]:
    """Every province's basic and incentive targets with the reason, the aggregate check (1 − ΣE_T/ΣG_T ÷
    ΣE_0/ΣG_0 against the national target) and the method's notes."""
    from ecer.services import analysis

    if target_year <= base_year:
        raise FindingsError([make("E_VALUE_INVALID", location=Location(column="target_year"), value=str(target_year),
                                  detail=f"target_year: 须晚于 base_year {base_year} / must be after {base_year}",
                                  fix_zh="选择晚于基年的目标年", fix_en="pick a target year after the base year")])
    res = analysis.allocate_regions(store, target, method, base_year=base_year, target_year=target_year,
                                    gdp_growth=gdp_growth, margin=margin, tiers=tiers, gap=gap)
    return jsonable(analysis.allocation_dict(res))
