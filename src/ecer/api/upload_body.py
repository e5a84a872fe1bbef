"""Read an upload from the request body in memory, enforcing the size limit *while* reading.

Nothing touches the file system: the body is streamed into memory and stops as soon as it passes the
limit (413, ``E_FILE_TOO_LARGE``); a multipart body is split in memory with python-multipart. The
user's file name is only ever a label (:func:`safe_label`), never a path. A multipart body that is not
well-formed (no boundary, a malformed part header, a body that ends before its closing boundary) is a 422
``E_UPLOAD_MALFORMED`` finding, never a server error.

>>> safe_label("../../etc/passwd"), safe_label("C:\\\\data\\\\能耗 2021.xlsx"), safe_label("")
('passwd', '能耗 2021.xlsx', 'upload')
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from ecer.findings import FindingsError, Location, make

ENVELOPE_SLACK = 64 * 1024  # multipart headers and form fields around the file [bytes]


@dataclass
class Upload:
    """One uploaded file (bytes in memory) plus the text form fields sent with it."""

    filename: str
    content: bytes
    fields: dict[str, str] = field(default_factory=dict)


def safe_label(name: str | None, default: str = "upload") -> str:
    """A display label from a user-supplied file name: last path component, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return base[:120] or default


def _too_large(size: int | str, limit: int, filename: str | None = None) -> FindingsError:
    loc = Location(file=safe_label(filename)) if filename else None
    return FindingsError([make("E_FILE_TOO_LARGE", location=loc, what="大小（字节） / size in bytes", size=size, limit=limit)])


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing (``E_FILE_TOO_LARGE``) as soon as it exceeds ``limit`` + envelope slack."""
    cap = limit + ENVELOPE_SLACK
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(int(declared), limit)
    buf = bytearray()
    async for chunk in request.stream():
        buf += chunk
        if len(buf) > cap:
            raise _too_large(f">{limit}", limit)
    return bytes(buf)


def _malformed(detail: str) -> FindingsError:
    return FindingsError([make("E_UPLOAD_MALFORMED", detail=detail[:200])])


def parse_multipart(body: bytes, content_type: str, file_field: str = "file") -> Upload:
    """Split a ``multipart/form-data`` body in memory; the part named ``file_field`` is the file.

    >>> try:
    ...     parse_multipart(b'--B\\r\\nContent-Disposition form-data\\r\\n\\r\\nx\\r\\n--B--\\r\\n', "multipart/form-data; boundary=B")
    ... except FindingsError as exc:
    ...     print(exc.findings[0].code)
    E_UPLOAD_MALFORMED
    """
    try:
        _, params = parse_options_header(content_type)
    except (ValueError, FormParserError) as exc:
        raise _malformed(f"Content-Type: {exc}") from None
    boundary = params.get(b"boundary")
    if not boundary:
        raise _malformed("multipart/form-data without a boundary / 缺少 boundary")
    parts: list[tuple[dict[str, str], bytearray]] = []
    header_field = bytearray()
    header_value = bytearray()

    def on_part_begin() -> None:
        parts.append(({}, bytearray()))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        # latin-1 keeps the raw bytes; parse_options_header gives them back and they are decoded as UTF-8.
        parts[-1][0][header_field.decode("latin-1").lower()] = header_value.decode("latin-1")
        header_field.clear()
        header_value.clear()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(data[start:end])

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end, "on_part_data": on_part_data,
    })
    try:
        parser.write(body)
        parser.finalize()
        for headers, _ in parts:
            parse_options_header(headers.get("content-disposition", ""))
    except (ValueError, FormParserError) as exc:
        raise _malformed(str(exc)) from None
    if parser.state != MultipartState.END:
        raise _malformed("the body ends before its closing boundary / 请求体在结束分隔符之前中断")

    upload: Upload | None = None
    fields: dict[str, str] = {}
    for headers, data in parts:
        _, disp = parse_options_header(headers.get("content-disposition", ""))
        name = disp.get(b"name", b"").decode("utf-8", "replace")
        if name == file_field:
            raw_name = disp.get(b"filename", b"").decode("utf-8", "replace")
            upload = Upload(filename=safe_label(raw_name), content=bytes(data))
        elif name:
            fields[name] = bytes(data).decode("utf-8", "replace")[:500]
    if upload is None:
        raise _malformed(f"no form field `{file_field}` / 没有名为 {file_field} 的表单字段")
    upload.fields = fields
    return upload


async def read_upload(request: Request, limit: int) -> Upload:
    """The uploaded file from a multipart form (field ``file``) or a raw body (``?filename=``)."""
    body = await read_body(request, limit)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        upload = parse_multipart(body, content_type)
    else:
        upload = Upload(filename=safe_label(request.query_params.get("filename")), content=body,
                        fields={k: v for k, v in request.query_params.items() if k in ("who", "why")})
    if len(upload.content) > limit:
        raise _too_large(len(upload.content), limit, upload.filename)
    if not upload.content:
        raise FindingsError([make("E_FILE_EMPTY", location=Location(file=upload.filename))])
    return upload
