"""``/api/uploads/{template}``: upload a filled template (CSV or XLSX), check it, load it into the store.

The body is read into memory under the size limit (413 ``E_FILE_TOO_LARGE``) and parsed from bytes by
``ecer.ingest.read_table``; row errors come back as 422 ``{"findings": [...]}`` with file, sheet, row,
column, value and fix. A clean file is loaded atomically by ``ecer.services.loading.load_frame``.

The store is used twice, each a short session of its own: a read of the known region codes, then the load
(the only time the file is open read-write). Reading the body and parsing it hold nothing, so other
requests and other processes keep using the store meanwhile.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ecer import ingest
from ecer.api.deps import SettingsDep, StoreDep
from ecer.api.errors import findings_payload
from ecer.api.serialize import jsonable
from ecer.api.upload_body import Upload, read_upload
from ecer.findings import FindingsError, has_errors, make
from ecer.ingest.templates import TEMPLATES
from ecer.services.loading import known_regions, load_frame
from ecer.storage import Store

router = APIRouter(prefix="/api/uploads", tags=["uploads"])

_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "CSV (UTF-8/GBK) or XLSX"},
                        "who": {"type": "string", "description": "who loads it (kept in the store's history)"},
                        "why": {"type": "string", "description": "why (kept in the store's history)"},
                        "sheet": {"type": "string", "description": "XLSX sheet; the first matching if omitted"},
                    },
                }
            }
        },
    }
}


@router.get("", summary="Upload templates / 可上传的模板")
def list_templates() -> list[str]:
    """Names accepted as ``{template}``."""
    return sorted(TEMPLATES)


@router.post("/{template}", summary="Upload a template file / 上传数据文件", openapi_extra=_BODY_DOC,
             responses={413: {"description": "E_FILE_TOO_LARGE"}, 422: {"description": "row errors"}})
async def upload(template: str, request: Request, settings: SettingsDep, store: StoreDep) -> JSONResponse:
    """Check the file and, when it has no errors, load it; warnings are returned with the receipt."""
    if template not in TEMPLATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板/template", value=template,
                                  valid=", ".join(sorted(TEMPLATES)))])
    up = await read_upload(request, settings.max_upload_bytes)
    return await run_in_threadpool(_check_and_load, store, template, up)


def _check_and_load(store: Store, template: str, up: Upload) -> JSONResponse:
    known = known_regions(store)  # one read session
    result = ingest.read_table(up.content, template, filename=up.filename,
                               sheet=up.fields.get("sheet") or None, known_regions=known)
    if has_errors(result.findings) or result.frame is None:
        return JSONResponse(findings_payload(result.findings, file=up.filename, template=template),
                            status_code=422)
    receipt = load_frame(store, template, result.frame, file=up.filename,  # one write session
                         who=up.fields.get("who") or "web", why=up.fields.get("why") or "web upload")
    body = findings_payload(result.findings, file=up.filename, template=template,
                            rows=result.frame.height, receipt=jsonable(receipt))
    return JSONResponse(body, status_code=200)

