"""``/docs``: Swagger UI served from the local swagger-ui-dist copy (never a CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from ecer.api.web_assets import missing_vendor_files

router = APIRouter(include_in_schema=False)

_VENDOR = "/static/vendor/swagger-ui"


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    missing = [f for f in missing_vendor_files() if f.startswith("swagger-ui/")]
    if missing:
        return HTMLResponse(
            "<!doctype html><meta charset='utf-8'><title>ECER API</title>"
            "<p>接口文档资源未安装：请先运行 <code>make setup</code>（或 scripts/build_web_assets.sh）。</p>"
            "<p>API docs assets are not installed: run <code>make setup</code> "
            "(or scripts/build_web_assets.sh). The schema is at <a href='/openapi.json'>/openapi.json</a>.</p>",
            status_code=503,
        )
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title="ECER API",
        swagger_js_url=f"{_VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{_VENDOR}/swagger-ui.css",
        swagger_favicon_url=f"{_VENDOR}/favicon-32x32.png",
    )
