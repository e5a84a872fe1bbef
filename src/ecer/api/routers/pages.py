"""Dashboard pages (``/``, ``/region/{code}``, ``/upload``, ``/projects``, ``/projects/{id}``, ``/benchmark``,
``/benchmark/units/{id}``, ``/pollutants``): Jinja2 shells whose JS fetches the API.

The pages never call services: they render the UI strings and the chosen language, and the browser
gets every number from ``/api/...`` over HTTP.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from ecer.api.deps import CacheDep, StoreDep, cached
from ecer.api.web_assets import TEMPLATES_DIR, load_strings, missing_vendor_files, pick_lang
from ecer.findings import make
from ecer.models.region import REGION_CODE_RE
from ecer.services.loading import known_regions

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

LangQuery = Query(None, description="zh (default) or en")


def _context(request: Request, lang: str | None, page: str, **extra: Any) -> dict[str, Any]:
    chosen = pick_lang(lang)
    strings = load_strings()
    return {
        "request": request,
        "page": page,
        "lang": chosen,
        "lang_explicit": lang is not None,
        "t": strings[chosen],
        "strings": strings,
        "missing_vendor": missing_vendor_files(),
        **extra,
    }


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    return templates.TemplateResponse(request, "overview.html", _context(request, lang, "overview"))


@router.get("/region/{code}", response_class=HTMLResponse)
def region(
    request: Request, store: StoreDep, cache: CacheDep, code: str, lang: str | None = LangQuery
) -> HTMLResponse:
    """The region page; a malformed code, or a code neither the GB/T 2260 catalog nor the store knows, is an HTML 404
    that says which (E_REGION_MALFORMED / E_REGION_UNKNOWN, as the API answers)."""
    if not REGION_CODE_RE.match(code):
        ctx = _context(request, lang, "notfound", code="", reason="region_code")
        return templates.TemplateResponse(request, "not_found.html", ctx, status_code=404)
    if code not in cached(store, cache, "known_regions", (), lambda: known_regions(store)):
        finding = make("E_REGION_UNKNOWN", value=code)
        ctx = _context(request, lang, "notfound", code=code, reason="region_unknown", finding=finding)
        return templates.TemplateResponse(request, "not_found.html", ctx, status_code=404)
    return templates.TemplateResponse(request, "region.html", _context(request, lang, "region", code=code))


def not_found_page(request: Request) -> HTMLResponse:
    """The HTML 404 a browser gets for an unknown page (``ecer.api.errors`` calls it; API paths keep JSON)."""
    ctx = _context(request, request.query_params.get("lang"), "notfound", code="", reason="page")
    return templates.TemplateResponse(request, "not_found.html", ctx, status_code=404)


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    return templates.TemplateResponse(request, "upload.html", _context(request, lang, "upload"))


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """The two-high project inventory (filters: region, sector, status, suggested disposition)."""
    return templates.TemplateResponse(request, "projects.html", _context(request, lang, "projects"))


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: str, lang: str | None = LangQuery) -> HTMLResponse:
    """One project: checks with evidence, suggested disposition, §7 path chart, review form and history (the JS
    fetches ``/api/projects/{id}``; an unknown project shows the API's E_PROJECT_UNKNOWN)."""
    ctx = _context(request, lang, "project", project_id=project_id)
    return templates.TemplateResponse(request, "project.html", ctx)


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon (204) rather than a 404 in every browser console."""
    return Response(status_code=204)


def _benchmark_editions() -> list[str]:
    from ecer.refdata.catalog import editions

    return editions("benchmark_levels")


@router.get("/benchmark", response_class=HTMLResponse)
def benchmark_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """A field's distribution of units with the benchmark and baseline lines, the capacity shares against the 30 %
    goal and below baseline with the deadline, and shares by province on the map (the JS fetches
    ``/api/benchmark/units|shares``; an edition without rows shows the API's gap findings)."""
    ctx = _context(request, lang, "benchmark", editions=_benchmark_editions())
    return templates.TemplateResponse(request, "benchmark.html", ctx)


@router.get("/benchmark/units/{unit_id}", response_class=HTMLResponse)
def benchmark_unit_page(
    request: Request, store: StoreDep, unit_id: str, lang: str | None = LangQuery
) -> HTMLResponse:
    """One production unit: values by year, class, gaps, savings [tce], its guide's retrofit techniques and every
    finding that names it; a unit the store does not hold is an HTML 404."""
    units = store.current("production_units")
    if units.is_empty() or unit_id not in set(units["unit_id"].to_list()):
        ctx = _context(request, lang, "notfound", code=unit_id, reason="unit_unknown")
        return templates.TemplateResponse(request, "not_found.html", ctx, status_code=404)
    ctx = _context(request, lang, "benchmark_unit", unit_id=unit_id, editions=_benchmark_editions())
    return templates.TemplateResponse(request, "benchmark_unit.html", ctx)


@router.get("/analysis", response_class=HTMLResponse)
def analysis_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """LMDI waterfall of a region's energy change and the allocation of the national intensity target on the map
    and in a table (the JS fetches ``/api/analysis/lmdi|allocation``; an error shows the API's findings)."""
    return templates.TemplateResponse(request, "analysis.html", _context(request, lang, "analysis"))


@router.get("/pollutants", response_class=HTMLResponse)
def pollutants_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """Pollutant total-emission control: progress by region on the map (barometer grades of the chosen pollutant
    and year), the progress table with the key-project quotas, the reduction-measures table and every finding (the
    JS fetches ``/api/pollutants/progress|measures``; no data shows the API's E_POLLUTANT_NO_DATA message)."""
    return templates.TemplateResponse(request, "pollutants.html", _context(request, lang, "pollutants"))


@router.get("/carbon", response_class=HTMLResponse)
def carbon_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """Carbon dual control: CO2-intensity progress by region on the map (barometer grades of the chosen year), the
    table with CO2, GDP, intensity, cumulative reduction, requirement and grade, and every finding (the JS fetches
    ``/api/carbon/progress``; no data shows the API's E_NO_DATA message and what to load)."""
    return templates.TemplateResponse(request, "carbon.html", _context(request, lang, "carbon"))


@router.get("/transfer", response_class=HTMLResponse)
def transfer_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """Regional industrial transfer: the transfer-index ranking as a bar chart, the radar of a region's indicator
    scores against the mean, the weights table (the JS fetches ``/api/transfer/ranking``; no data shows the API's
    E_TRANSFER_NO_DATA message)."""
    return templates.TemplateResponse(request, "transfer.html", _context(request, lang, "transfer"))


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    """Key-project indicators of 国发〔2021〕33号: one card per indicator of the chosen region with its target, latest
    value, a progress bar and the status colour (the JS fetches ``/api/indicators/progress``; no data shows the API's
    E_INDICATOR_NO_DATA message)."""
    return templates.TemplateResponse(request, "indicators.html", _context(request, lang, "indicators"))
