"""``/api/transfer/ranking``, ``/api/transfer/match`` and ``/api/transfer/report.{xlsx|html|pdf}``: the regional
industrial-transfer index and project matching (工信部联政法〔2021〕215号; :mod:`ecer.services.transfer`).

Status codes tell the truth (``{"findings": [...]}``): no indicators in the store, or none for the year, is 404
(``E_TRANSFER_NO_DATA``); an unknown project, indicator or region is 404 (``E_TRANSFER_UNKNOWN``); an unknown
normalisation or weighting is 404 (``E_UNKNOWN_NAME``, as every unknown name); fewer than two complete regions, or
no spread at all, is 422.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.api.params import enum
from ecer.api.serialize import frame_records, jsonable

router = APIRouter(prefix="/api/transfer", tags=["transfer"])
YearQ = Query(None, ge=1990, le=2100, description="indicator year (default: the latest)")
NormQ = Query("vector", description="TOPSIS normalisation: vector | minmax", json_schema_extra=enum(["vector", "minmax"]))
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _rank(store: Any, cache: Any, year: int | None, normalisation: str, weighting: str) -> Any:
    from ecer.services.transfer import rank

    return cached(store, cache, "transfer_rank", (year, normalisation, weighting),
                  lambda: rank(store, year=year, normalisation=normalisation, weighting=weighting))


@router.get("/ranking", summary="Transfer index ranking / 承接产业转移评价指数排序")
def ranking(store: StoreDep, cache: CacheDep, year: int | None = YearQ, normalisation: str = NormQ,
            weighting: str = Query("entropy", description="entropy | equal", json_schema_extra=enum(["entropy", "equal"])),
            ) -> dict[str, Any]:
    """The ranked regions (rank, region, name, macro-region, closeness C ∈ [0, 1], D⁺, D⁻ and the indicator values),
    the weights (indicator, name, unit, direction, entropy, weight) and, per region, the radar scores (min-max
    scores z ∈ [0, 1] of each indicator, 1 = best) with the mean of all regions."""
    from ecer.reports.transfer import radar_scores

    res = _rank(store, cache, year, normalisation, weighting)
    radar: dict[str, list[float]] = {}
    names: list[str] = []
    mean: list[float] = []
    for code in res.frame["region_code"].to_list():
        _, names, own, mean = radar_scores(res, code)
        radar[code] = own
    return {"year": res.year, "normalisation": res.normalisation, "weighting": res.weighting,
            "data_origin": res.data_origin, "weights": frame_records(res.weights), "ranking": frame_records(res.frame),
            "radar": {"indicators": names, "mean": mean, "regions": radar},
            "findings": [f.model_dump() for f in res.findings]}


@router.get("/match/{project_id}", summary="Match a transfer project / 转移项目匹配承接地区")
def match(store: StoreDep, project_id: str = PathParam(..., min_length=1, max_length=80), year: int | None = YearQ,
          normalisation: str = NormQ) -> dict[str, Any]:
    """One project of the library against the ranked regions: its class under 215号, every region in order
    (candidates first) with the direction, the constraints, the direction's conditions measured by the loaded
    indicators (``conditions_ok``; empty when none was measured), the closeness, the reasons in Chinese and English
    and the conditions still to verify; the constraints not applied and why (findings); the sharing schedule by year."""
    from ecer.services.transfer import match as do_match

    m = do_match(store, project_id, year=year, normalisation=normalisation)
    return {"project": jsonable({k: v for k, v in m.project.items() if k not in ("load_id",)}),
            "industry_class": m.classification.industry_class, "classification_zh": m.classification.reason_zh,
            "classification_en": m.classification.reason_en, "headroom_sources": m.headroom_sources,
            "not_applied": [{"constraint": x.constraint, "reason_zh": x.reason_zh, "reason_en": x.reason_en}
                            for x in m.not_applied],
            "regions": frame_records(m.frame),
            "sharing": frame_records(m.sharing) if m.sharing is not None else None,
            "findings": [f.model_dump() for f in m.findings]}


@router.get("/report.{fmt}", summary="Transfer report / 承接产业转移评价报告")
def report(store: StoreDep, cache: CacheDep, fmt: str = PathParam(..., json_schema_extra=enum(list(MEDIA))),
           year: int | None = YearQ, normalisation: str = NormQ,
           project_id: str | None = Query(None, max_length=80, description="also match this project")) -> Response:
    """The report as XLSX, HTML or PDF (ranking with bar chart, radar of the first region, weights, optional match)."""
    from ecer.findings import FindingsError, make
    from ecer.reports.transfer import write_transfer_report
    from ecer.services.transfer import match as do_match

    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="报告格式 / report format", value=fmt, valid=", ".join(MEDIA))])
    res = _rank(store, cache, year, normalisation, "entropy")
    m = do_match(store, project_id, year=year, normalisation=normalisation) if project_id else None
    with tempfile.TemporaryDirectory() as d:
        p = write_transfer_report(Path(d) / f"transfer.{fmt}", res, m)
        body = p.read_bytes()
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="transfer_{res.year}.{fmt}"'})
