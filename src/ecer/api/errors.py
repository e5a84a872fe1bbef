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
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ecer.api.settings import RETRY_AFTER_SECONDS
from ecer.findings import Finding, FindingsError, Location, make

log = logging.getLogger("ecer.api")

STATUS_BY_CODE: dict[str, int] = {
    "E_UNKNOWN_NAME": 404,
    "E_NO_DATA": 404,
    "E_FILE_TOO_LARGE": 413,
    "E_STORE_BUSY": 503,
    "E_INTERNAL": 500,
}


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
    out: list[Finding] = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        column = loc[-1] if loc else None
        value = err.get("input")
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


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    finding = make("E_HTTP", status=exc.status_code, detail=str(exc.detail))
    return JSONResponse(findings_payload([finding]), status_code=exc.status_code, headers=exc.headers)


async def _on_any_error(request: Request, exc: Exception) -> JSONResponse:
    ref = f"{id(exc):x}"[-8:]
    log.exception("unhandled error %s on %s %s", ref, request.method, request.url.path, exc_info=exc)
    return findings_response([make("E_INTERNAL", ref=ref)], 500)


def install_handlers(app: FastAPI) -> None:
    """Register the findings exception handlers on ``app``."""
    app.add_exception_handler(FindingsError, _on_findings_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_any_error)
