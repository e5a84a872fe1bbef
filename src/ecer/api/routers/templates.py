"""``/api/templates``: the blank input templates as downloads (the files ``ecer template`` writes)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import Response

from ecer.api.params import enum
from ecer.findings import FindingsError, make
from ecer.ingest import TEMPLATES, write_template

router = APIRouter(prefix="/api/templates", tags=["uploads"])
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv; charset=utf-8"}


@router.get("", summary="Input templates / 填报模板")
def list_templates() -> list[dict[str, Any]]:
    """Every template with its titles and download links."""
    return [{"name": t.name, "title_zh": t.title_zh, "title_en": t.title_en,
             "xlsx": f"/api/templates/{t.name}.xlsx", "csv": f"/api/templates/{t.name}.csv"}
            for t in TEMPLATES.values()]


@router.get("/{name}.{fmt}", summary="Download a template / 下载填报模板", response_class=Response)
def download(name: str = PathParam(description="template name", json_schema_extra=enum(list(TEMPLATES))),
             fmt: str = PathParam(description="xlsx | csv", json_schema_extra=enum(list(MEDIA)))) -> Response:
    """The template as .xlsx (数据 and 说明 sheets) or .csv (UTF-8 with BOM); an unknown name or format is 404."""
    if name not in TEMPLATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板 / template", value=name, valid=", ".join(TEMPLATES))])
    if fmt not in MEDIA:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="格式 / format", value=fmt, valid="xlsx, csv")])
    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(name, Path(tmp) / f"template.{fmt}")  # a fixed file name: nothing from the request
        body = path.read_bytes()
    return Response(body, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="ecer-{name}.{fmt}"'})
