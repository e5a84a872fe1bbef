"""``/api/uploads/{template}``: upload a filled template (CSV or XLSX), check it, load it into the store.

The body is read into memory under the size limit (413 ``E_FILE_TOO_LARGE``) and checked as ``ecer check`` does
(``ecer.services.loading.check_bytes``); row errors and implausible values come back as 422 ``{"findings": [...]}``
with file, sheet, row, column, value and fix. An upload that would change stored values answers 409 with every
change (``changes``) and loads nothing until it is sent again with ``revise=true``. A clean file is loaded
atomically (``ecer.services.loading.load_frames``); the 200 body lists every finding, the receipt and the counts.

Each change (409 and 200) carries, besides ``file, key, column, old, new, unit`` (canonical units, as ``ecer load``
prints them), what the upload page shows: ``key_values`` (the key as fields), the region's names, the column's
label and its template display unit with ``old_display``/``new_display`` in it (``1.06`` 万吨标准煤 for 10600 tce;
percentages in %), ``in_file`` (false: the file has no such column, so the template's default, e.g. 0, would
replace the stored value), and ``key_labels`` in the body names the key columns.

The store is used twice, each a short session of its own: a read of the known region codes, then the load
(the only time the file is open read-write). Reading the body and parsing it hold nothing, so other
requests and other processes keep using the store meanwhile.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ecer import refdata
from ecer.api.deps import SettingsDep, StoreDep
from ecer.api.errors import FindingsBody, findings_payload
from ecer.api.params import enum
from ecer.api.serialize import jsonable
from ecer.api.upload_body import Upload, read_upload
from ecer.findings import FindingsError, has_errors, make
from ecer.ingest.templates import TEMPLATES, ColumnSpec
from ecer.services.loading import Preview, changes_frame, check_bytes, load_frames, preview
from ecer.storage import Store
from ecer.units import factor

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
                        "revise": {"type": "boolean", "description": "apply changes to values already stored (without "
                                   "it, such an upload answers 409 with every change and loads nothing)"},
                        "accept_implausible": {"type": "boolean", "description": "load values that look implausible "
                                               "(a 10⁴ unit slip, a region above its parent) after checking them"},
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
             responses={409: {"model": FindingsBody, "description": "E_REVISION_UNCONFIRMED: the upload would change "
                                                                     "stored values; `changes` lists them"},
                        413: {"model": FindingsBody, "description": "E_FILE_TOO_LARGE"},
                        422: {"model": FindingsBody, "description": "row errors, implausible values"}})
async def upload(request: Request, settings: SettingsDep, store: StoreDep,
                 template: str = Path(description="template name (GET /api/uploads)",
                                      json_schema_extra=enum(sorted(TEMPLATES)))) -> JSONResponse:
    """Check the file and, when it has no errors, load it; warnings are returned with the receipt."""
    if template not in TEMPLATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板/template", value=template,
                                  valid=", ".join(sorted(TEMPLATES)))])
    up = await read_upload(request, settings.max_upload_bytes)
    return await run_in_threadpool(_check_and_load, store, template, up)


def _flag(up: Upload, name: str) -> bool:
    return (up.fields.get(name) or "").strip().lower() in ("1", "true", "yes", "on")


def _check_and_load(store: Store, template: str, up: Upload) -> JSONResponse:
    """The same checks as ``ecer check`` / ``ecer load`` (``services.loading``): 422 with the findings when the file
    has errors (implausible values included unless ``accept_implausible``); 409 with every change when it would change
    stored values and ``revise`` is not set; else 200 with the receipt and every finding."""
    result = check_bytes(up.content, up.filename, template, store=store, sheet=up.fields.get("sheet") or None,
                         accept_implausible=_flag(up, "accept_implausible"))
    if has_errors(result.findings) or result.frame is None:
        return JSONResponse(findings_payload(result.findings, file=up.filename, template=template),
                            status_code=422)
    try:
        receipts, notes, previews = load_frames(
            store, template, [(up.filename, result.frame)], who=up.fields.get("who") or "web",
            why=up.fields.get("why") or "web upload", revise=_flag(up, "revise"),
            present={up.filename: set(result.columns)})
    except FindingsError as exc:
        if any(f.code == "E_REVISION_UNCONFIRMED" for f in exc.findings):
            preview = preview_counts(store, template, result.frame, up.filename, set(result.columns))
            return JSONResponse(findings_payload([*exc.findings, *result.findings], file=up.filename,
                                                 template=template, **preview), status_code=409)
        raise
    p = previews[0]
    body = findings_payload([*result.findings, *notes], file=up.filename, template=template,
                            rows=result.frame.height, new_rows=p.new_rows, changed_rows=p.changed_rows,
                            unchanged_rows=p.unchanged_rows,
                            changes=described_changes(store, template, previews, set(result.columns)),
                            key_labels=key_labels(template), receipt=jsonable(receipts[0]) if receipts else None)
    return JSONResponse(body, status_code=200)


def preview_counts(store: Store, template: str, frame: object, filename: str,
                   file_columns: set[str] | None = None) -> dict[str, object]:
    """What a confirmed load would do: new, changed and unchanged rows and every change."""
    p = preview(store, template, frame, file=filename, present=file_columns)  # type: ignore[arg-type]
    return {"rows": p.new_rows + p.changed_rows + p.unchanged_rows, "new_rows": p.new_rows,
            "changed_rows": p.changed_rows, "unchanged_rows": p.unchanged_rows,
            "changes": described_changes(store, template, [p], file_columns), "key_labels": key_labels(template)}


def key_labels(template: str) -> dict[str, dict[str, str]]:
    """The template's key columns with their labels: ``{"period": {"zh": "期间", "en": "period"}}``."""
    spec = TEMPLATES[template]
    return {k: {"zh": spec.column(k).zh, "en": _label_en(spec.column(k))} for k in spec.key}


def _label_en(col: ColumnSpec) -> str:
    """A short English label: the meaning up to its first bracket or semicolon."""
    text = col.meaning_en.split(" (")[0].split(";")[0].split(":")[0].strip()
    return col.name.replace("_", " ") if not text or " / " in text else text


def _display(col: ColumnSpec | None, unit: str | None) -> tuple[float, str | None, str | None]:
    """Divisor from the canonical value to the template's display unit, and that unit's zh/en labels."""
    if col is None:
        return 1.0, unit, unit
    if col.kind == "percent":
        return 0.01, "%", "%"
    if col.kind == "number" and col.unit_zh and col.canonical_unit:
        try:
            return factor(col.unit_zh, col.canonical_unit), col.unit_zh, col.unit_en
        except (ValueError, KeyError, TypeError):  # a label the unit registry does not know: stay canonical
            return 1.0, col.canonical_unit, col.canonical_unit
    return 1.0, None, None


def _shown(value: object, divisor: float) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(f"{value / divisor:.12g}")  # no float noise: 10600 tce → 1.06 万tce


def _region_names(store: Store) -> dict[str, tuple[str, str]]:
    names = {r["region_code"]: (r["name_zh"] or "", r["name_en"] or "")
             for r in refdata.regions().select("region_code", "name_zh", "name_en").iter_rows(named=True)}
    own = store.current("regions")
    if not own.is_empty():
        for r in own.select("region_code", "name_zh", "name_en").iter_rows(named=True):
            names[r["region_code"]] = (r["name_zh"] or "", r["name_en"] or "")
    return names


def described_changes(store: Store, template: str, previews: list[Preview],
                      file_columns: set[str] | None = None) -> list[dict[str, Any]]:
    """Every change as ``changes_frame`` lists it, plus what the upload page shows (module docstring).
    ``file_columns``: the canonical columns the file has (``IngestResult.columns``); None: unknown."""
    rows = jsonable(changes_frame(previews))
    changes = [c for p in previews for c in p.changes]
    if not changes:
        return list(rows)
    spec = TEMPLATES[template]
    cols = {c.name: c for c in spec.columns}
    names = _region_names(store) if any("region_code" in c.key for c in changes) else {}
    out = []
    for row, c in zip(rows, changes, strict=True):
        col = cols.get(c.column)
        divisor, unit_zh, unit_en = _display(col, c.unit)
        code = str(c.key.get("region_code", ""))
        zh, en = names.get(code, ("", ""))
        out.append({**row, "key_values": {k: jsonable(v) for k, v in c.key.items()},
                    "region_name_zh": zh or None, "region_name_en": en or zh or None,
                    "column_zh": col.zh if col else c.column, "column_en": _label_en(col) if col else c.column,
                    "display_unit_zh": unit_zh, "display_unit_en": unit_en,
                    "old_display": jsonable(_shown(c.old, divisor)), "new_display": jsonable(_shown(c.new, divisor)),
                    "in_file": None if file_columns is None else c.column in file_columns})
    return out
