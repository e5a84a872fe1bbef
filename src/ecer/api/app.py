"""The ECER web application: REST API (OpenAPI at ``/docs``, local assets) and dashboard in one process.

>>> app = create_app("unused.duckdb")  # the store opens on first use, not here
>>> paths = app.openapi()["paths"]
>>> [p for p in ("/api/assessments", "/api/benchmark/units", "/api/projects/{project_id}", "/api/catalog") if p not in paths]
[]
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ecer.api.cache import ResultCache
from ecer.api.deps import StoreHolder
from ecer.api.errors import ERROR_RESPONSES, document_error_bodies, install_handlers
from ecer.api.fast_path import AssessmentFastPath
from ecer.api.params import place_enums
from ecer.api.routers import (
    analysis,
    assessments,
    benchmark,
    carbon,
    catalog,
    docs,
    editions,
    history,
    indicators,
    pages,
    periods,
    pollutants,
    projects,
    regions,
    reports,
    templates,
    transfer,
    uploads,
)
from ecer.api.settings import DEFAULT_MAX_UPLOAD_BYTES, Settings
from ecer.api.web_assets import STATIC_DIR

DESCRIPTION = (
    "ECER 节能减排平台接口：参考数据目录、地区、数据上传、能耗双控评估。错误一律以 findings 列表返回。\n\n"
    "ECER API: reference catalog, regions, uploads, dual-control assessment. Errors are always "
    '`{"findings": [...]}` with stable codes, messages and fixes in Chinese and English.'
)


def create_app(store_path: str | Path | None = None, *,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, freeze_when_warm: bool = False) -> FastAPI:
    """Build the app. ``store_path`` defaults to ``$ECER_STORE`` (else ``ecer.duckdb`` in the current dir).

    max_upload_bytes : largest accepted upload [bytes]; bigger bodies are refused while being read (413).
    freeze_when_warm : for a server process (``ecer serve``): once warm, keep the garbage collector off the
    objects then alive (``ecer.api.fast_path.AssessmentFastPath``).
    """
    env = Settings.from_env()
    path = Path(store_path) if store_path is not None else env.store_path
    settings = dataclasses.replace(env, store_path=path, max_upload_bytes=max_upload_bytes)
    holder = StoreHolder(path, wait=settings.store_wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(title="ECER 节能减排", version="0.2.0", description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store_holder = holder
    app.state.result_cache = ResultCache()
    install_handlers(app, html_not_found=pages.not_found_page)
    # every router documents the findings body of its errors (404/422/500/503), declared once here
    for module in (catalog, regions, uploads, templates, history, assessments, reports, periods, editions, docs,
                   projects, benchmark, pollutants, carbon, transfer, indicators, analysis, pages):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    # a cached assessment asked again is sent as ready-made bytes before FastAPI's routing (ecer.api.fast_path)
    app.add_middleware(AssessmentFastPath, freeze_when_warm=freeze_when_warm)

    fastapi_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's schema with every error response documented as ``{"findings": [...]}`` (ecer.api.errors)."""
        return place_enums(document_error_bodies(fastapi_openapi()))

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def run(host: str | None = None, port: int | None = None, store_path: str | Path | None = None) -> None:
    """Serve with uvicorn; binds ``$ECER_HOST`` or 127.0.0.1 unless ``host`` is given."""
    import uvicorn

    env = Settings.from_env()
    uvicorn.run(create_app(store_path, freeze_when_warm=True), host=host or env.host, port=port or env.port,
                access_log=False)
