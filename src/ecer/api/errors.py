"""Errors as findings: every error response is ``{"findings": [...]}`` with a status chosen by code.

Handlers cover :class:`ecer.findings.FindingsError`, request validation errors, HTTP errors (404/405...)
and, as a last resort, any exception: it is logged with its traceback on the server and the client gets
one generic ``E_INTERNAL`` finding, never a stack trace.

>>> status_for([make("E_UNKNOWN_NAME", kind="table", value="x", valid="a")])
404
>>> status_for([make("E_NOT_NUMBER", value="abc")])
422
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ecer.api.params import MALFORMED_CODES
from ecer.api.settings import RETRY_AFTER_SECONDS
from ecer.findings import Finding, FindingsError, Location, make

log = logging.getLogger("ecer.api")

STATUS_BY_CODE: dict[str, int] = {
    "E_UNKNOWN_NAME": 404,
    "E_REGION_UNKNOWN": 404,
    "E_PROJECT_UNKNOWN": 404,
    "E_NO_DATA": 404,
    "E_POLLUTANT_NO_DATA": 404,
    "E_TRANSFER_NO_DATA": 404,
    "E_TRANSFER_UNKNOWN": 404,
    "E_INDICATOR_NO_DATA": 404,
    "E_INDICATOR_UNKNOWN": 404,
    "E_REVISION_UNCONFIRMED": 409,
    "E_FILE_TOO_LARGE": 413,
    "E_PDF_NO_CJK_FONT": 503,
    "E_STORE_BUSY": 503,
    "E_INTERNAL": 500,
}


class FindingModel(BaseModel):
    """One finding, as every error body carries it (``ecer.findings.Finding``)."""

    code: str = Field(description="stable code, see docs/findings.md")
    level: Literal["error", "warning", "info"]
    message_zh: str
    message_en: str
    fix_zh: str = ""
    fix_en: str = ""
    evidence: dict[str, Any] = Field(default_factory=dict, description="the values that triggered it")
    location: dict[str, Any] | None = Field(None, description="file, sheet, row, column (input findings)")


class FindingsBody(BaseModel):
    """The body of every error response."""

    findings: list[FindingModel]


_ERR = {"model": FindingsBody}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {**_ERR, "description": "unknown name or region (E_UNKNOWN_NAME, E_REGION_UNKNOWN), no data (E_NO_DATA), "
                                 "or no such path (E_HTTP)"},
    405: {**_ERR, "description": "method not allowed on this path (E_HTTP; the Allow header lists the methods)"},
    422: {**_ERR, "description": "malformed input (E_PERIOD_MALFORMED, E_REGION_MALFORMED, E_VALUE_INVALID, "
                                 "E_UPLOAD_MALFORMED, E_PERIOD_OUTSIDE_PLAN …)"},
    500: {**_ERR, "description": "unexpected error: one E_INTERNAL finding whose reference is in the server log"},
    503: {**_ERR, "description": "the store is busy (E_STORE_BUSY)"},
}

# Renders the HTML "page not found" for a browser (set by the app: ``install_handlers(app, html_not_found=...)``).
HtmlNotFound = Callable[[Request], Response]
_JSON_PREFIXES = ("/api/", "/static/", "/openapi.json")


def status_for(findings: Sequence[Finding], default: int = 422) -> int:
    """HTTP status for a list of findings: the first error whose code has a mapped status, else ``default``."""
    for f in findings:
        if f.level == "error" and f.code in STATUS_BY_CODE:
            return STATUS_BY_CODE[f.code]
    return default


def findings_payload(findings: Sequence[Finding], **extra: Any) -> dict[str, Any]:
    """The JSON body shared by every endpoint that reports findings."""
    return {"findings": [f.model_dump(mode="json") for f in findings], **extra}


def findings_response(findings: Sequence[Finding], status_code: int | None = None) -> JSONResponse:
    """The findings as a JSON response; a 503 (``E_STORE_BUSY``) says when to try again (``Retry-After``)."""
    status = status_code or status_for(findings)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    return JSONResponse(findings_payload(findings), status_code=status, headers=headers)


def _validation_findings(exc: RequestValidationError) -> list[Finding]:
    """One finding per invalid parameter: a period or region that does not match its documented pattern is the
    services' ``E_PERIOD_MALFORMED`` / ``E_REGION_MALFORMED``; anything else ``E_VALUE_INVALID`` naming it."""
    out: list[Finding] = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        column = loc[-1] if loc else None
        value = err.get("input")
        if err.get("type") == "string_pattern_mismatch" and column in MALFORMED_CODES:
            out.append(make(MALFORMED_CODES[column], location=Location(column=column), value=str(value)[:200]))
            continue
        out.append(make(
            "E_VALUE_INVALID",
            location=Location(column=column),
            value="" if value is None or isinstance(value, dict) else str(value)[:200],
            detail=f"{'.'.join(loc)}: {err.get('msg', '')}",
            fix_zh="按 /docs 中的接口说明填写该参数", fix_en="give this parameter as described at /docs",
        ))
    return out


async def _on_findings_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FindingsError)
    return findings_response(exc.findings)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return findings_response(_validation_findings(exc), 422)


def wants_html(request: Request) -> bool:
    """A browser navigating to a page (GET, ``Accept: text/html``), not an API client or an asset request.

    >>> from starlette.requests import Request
    >>> def req(path, accept): return Request({"type": "http", "method": "GET", "path": path,
    ...                                        "headers": [(b"accept", accept.encode())]})
    >>> wants_html(req("/nope", "text/html,application/xhtml+xml")), wants_html(req("/api/nope", "text/html"))
    (True, False)
    >>> wants_html(req("/nope", "application/json")), wants_html(req("/nope", "*/*"))
    (False, False)
    """
    if request.method not in ("GET", "HEAD") or request.url.path.startswith(_JSON_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def allowed_methods(request: Request, fallback: str = "") -> str:
    """The ``Allow`` header of a 405: the methods the OpenAPI document lists for the request's path (Starlette
    names only the first matching route's, so a path with a GET and a POST route answered ``Allow: GET``).

    >>> allowed_methods_for("/api/x/7", {"/api/x/{id}": {"get": {}, "post": {}}, "/api/y": {"get": {}}})
    'GET, POST'
    """
    openapi = getattr(request.app, "openapi", None)
    paths = openapi().get("paths", {}) if callable(openapi) else {}
    return allowed_methods_for(request.url.path, paths) or fallback


def allowed_methods_for(path: str, paths: dict[str, Any]) -> str:
    """The methods (upper case, document order) of the first OpenAPI path template that matches ``path``."""
    for template, operations in paths.items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return ", ".join(m.upper() for m in operations if m in _HTTP_METHODS)
    return ""


_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _http_error_handler(html_not_found: HtmlNotFound | None) -> Callable[[Request, Exception], Any]:
    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404 and html_not_found is not None and wants_html(request):
            return html_not_found(request)
        finding = make("E_HTTP", status=exc.status_code, detail=str(exc.detail))
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request, headers.get("Allow", ""))
        return JSONResponse(findings_payload([finding]), status_code=exc.status_code, headers=headers or None)

    return on_http_error


async def _on_any_error(request: Request, exc: Exception) -> JSONResponse:
    ref = f"{id(exc):x}"[-8:]
    log.exception("unhandled error %s on %s %s", ref, request.method, request.url.path, exc_info=exc)
    return findings_response([make("E_INTERNAL", ref=ref)], 500)


def install_handlers(app: FastAPI, *, html_not_found: HtmlNotFound | None = None) -> None:
    """Register the findings exception handlers on ``app``. With ``html_not_found``, a browser asking for an
    unknown page gets that HTML 404 page; API clients (and every ``/api/...`` path) still get findings JSON."""
    app.add_exception_handler(FindingsError, _on_findings_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler(html_not_found))
    app.add_exception_handler(Exception, _on_any_error)


def document_error_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every error response of an OpenAPI ``schema`` that names no body the findings body (the routers'
    :data:`ERROR_RESPONSES` put ``FindingsBody`` in the components), and drop FastAPI's validation-error schemas
    when nothing uses them (ECER answers validation errors with findings).

    >>> s = {"paths": {"/x": {"post": {"responses": {"413": {"description": "too large"}}}}}}
    >>> document_error_bodies(s)["paths"]["/x"]["post"]["responses"]["413"]["content"]
    {'application/json': {'schema': {'$ref': '#/components/schemas/FindingsBody'}}}
    """
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/FindingsBody"}}}
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            for status, response in op.get("responses", {}).items():
                if str(status)[:1] in ("4", "5") and "content" not in response:
                    response["content"] = ref
    components = schema.get("components", {}).get("schemas", {})
    paths = str(schema.get("paths", {}))
    for name in ("HTTPValidationError", "ValidationError"):
        if f"#/components/schemas/{name}'" not in paths:
            components.pop(name, None)
    return schema
