"""Checks on a file's bytes *before* any parser sees them: what the file really is, and whether a zip (xlsx) would
inflate beyond the limits. Cheap: only the zip directory is read for the limits, and the sheets are scanned in
chunks for formula-error cells (``t="e"``), never inflated whole.

Limits come from the environment (``ECER_MAX_*``, see :class:`ZipLimits`); the defaults hold a real 1 M-row
template (about 150 MB of sheet XML) and refuse a zip bomb long before it costs memory.

>>> sniff(b"\\x89PNG\\r\\n\\x1a\\n....", "a.csv")
('refuse', 'PNG image')
>>> sniff(b"region,period\\n", "a.xlsx")
('csv', '')
>>> sniff("地区".encode("utf-16"), "a.csv")
('csv-utf16', '')
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape

from ecer.findings import Finding, Location, make

DEFAULT_MAX_UNCOMPRESSED = 1_000_000_000  # all entries together [bytes]
DEFAULT_MAX_ENTRY = 500_000_000  # one entry [bytes]
DEFAULT_MAX_RATIO = 200.0  # uncompressed / compressed, per entry above RATIO_FLOOR bytes
RATIO_FLOOR = 1_000_000  # small entries (styles, shared strings of a blank template) may compress very well
DEFAULT_MAX_ENTRIES = 10_000

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"), (b"\x1f\x8b", "gzip archive"), (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"BM", "BMP image"), (b"{\\rtf", "RTF document"),
    (b"\x00\x00\x01\x00", "icon"), (b"MZ", "Windows program"), (b"\x7fELF", "program"),
]
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMULA_ERRORS = ("#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                  "#GETTING_DATA")


def _env_number(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {text!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {text!r}")
    return value


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on a zip-based file (xlsx): ``ECER_MAX_UNCOMPRESSED_BYTES`` (all entries inflated, default 1 GB),
    ``ECER_MAX_ENTRY_BYTES`` (one entry, 500 MB), ``ECER_MAX_COMPRESSION_RATIO`` (inflated / compressed per entry
    over 1 MB, 200), ``ECER_MAX_ZIP_ENTRIES`` (10 000).

    >>> ZipLimits.from_env({"ECER_MAX_COMPRESSION_RATIO": "50"}).ratio
    50.0
    """

    total: int = DEFAULT_MAX_UNCOMPRESSED
    entry: int = DEFAULT_MAX_ENTRY
    ratio: float = DEFAULT_MAX_RATIO
    entries: int = DEFAULT_MAX_ENTRIES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ZipLimits:
        env = os.environ if env is None else env
        return cls(total=int(_env_number(env, "ECER_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED)),
                   entry=int(_env_number(env, "ECER_MAX_ENTRY_BYTES", DEFAULT_MAX_ENTRY)),
                   ratio=_env_number(env, "ECER_MAX_COMPRESSION_RATIO", DEFAULT_MAX_RATIO),
                   entries=int(_env_number(env, "ECER_MAX_ZIP_ENTRIES", DEFAULT_MAX_ENTRIES)))


def sniff(data: bytes, filename: str) -> tuple[str, str]:
    """What the bytes are, whatever the name says: ('xlsx'|'xls'|'csv'|'csv-utf16'|'refuse', why refused)."""
    head = data[:16]
    if head.startswith(ZIP_MAGIC):
        return "xlsx", ""
    if head.startswith(OLE_MAGIC):
        return "xls", ""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv-utf16", ""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return "refuse", what
    sample = data[:4096]
    if b"\x00" in sample:
        return "refuse", "binary data, not text"
    return "csv", ""


def _refused(file: str, detail: str) -> Finding:
    return make("E_FILE_FORMAT", location=Location(file=file), detail=detail)


def check_zip(data: bytes, file: str, limits: ZipLimits | None = None) -> list[Finding]:
    """E_FILE_TOO_LARGE when the zip's directory says it would inflate beyond ``limits``; E_FILE_FORMAT when it is
    not a readable zip or not an Excel workbook. Reads the central directory only."""
    limits = limits or ZipLimits.from_env()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return [_refused(file, "不是完整的 Excel（zip/xlsx）文件（可能已损坏或未传完） / not a complete Excel (zip/xlsx) file "
                               "(damaged or cut short)")]
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        what = "OpenDocument (.ods)" if "mimetype" in names else "Word/PowerPoint" if any(
            n.startswith(("word/", "ppt/")) for n in names) else "zip"
        return [_refused(file, f"是 {what} 压缩包，不是 Excel 工作簿 / a {what} archive, not an Excel workbook")]
    too_large: list[tuple[str, float, float, str | None]] = []
    if len(infos) > limits.entries:
        too_large.append(("entries", len(infos), limits.entries, None))
    total = sum(i.file_size for i in infos)
    if total > limits.total:
        too_large.append(("total", total, limits.total, None))
    for i in infos:
        if i.file_size > limits.entry:
            too_large.append(("entry", i.file_size, limits.entry, i.filename))
        elif i.file_size > RATIO_FLOOR and i.file_size > limits.ratio * max(i.compress_size, 1):
            too_large.append(("ratio", round(i.file_size / max(i.compress_size, 1)), limits.ratio, i.filename))
    return [_limit_finding(file, *t) for t in too_large[:3]]


_WHAT = {"total": ("解压后总大小（字节）", "uncompressed size in bytes"),
         "entry": ("部件 {part} 解压后大小（字节）", "uncompressed size in bytes of {part}"),
         "ratio": ("部件 {part} 的压缩比", "compression ratio of {part}"),
         "entries": ("压缩包部件数", "number of zip parts")}


def _limit_finding(file: str, what: str, value: float, limit: float, part: str | None) -> Finding:
    zh, en = (t.format(part=part) for t in _WHAT[what])
    return make("E_FILE_TOO_LARGE", location=Location(file=file), what=f"{zh} / {en}", size=f"{value:,.0f}",
                limit=f"{limit:,.0f}", measure=what, value=value, max=limit, part=part,
                settings="ECER_MAX_UNCOMPRESSED_BYTES, ECER_MAX_ENTRY_BYTES, ECER_MAX_COMPRESSION_RATIO, "
                         "ECER_MAX_ZIP_ENTRIES")


_SHEET_REL = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_SHEET_REL2 = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL2 = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_ERR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?\bt="e"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)
_ERR_CELL2 = re.compile(rb'<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)
CHUNK = 1 << 20
MAX_ERRORS_LISTED = 50


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part (``xl/worksheets/sheet1.xml``) → the sheet's name as Excel shows it."""
    try:
        wb = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {i: t for i, t in _REL.findall(rels)} | {i: t for t, i in _REL2.findall(rels)}
    pairs = _SHEET_REL.findall(wb) + [(n, i) for i, n in _SHEET_REL2.findall(wb)]
    out = {}
    for name, rid in pairs:
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else "xl/" + target
        out[part] = unescape(name.decode("utf-8", "replace"))
    return out


def formula_errors(data: bytes, file: str, sheet: str | None = None) -> list[Finding]:
    """E_CELL_FORMULA_ERROR for each cell whose cached value is an Excel error (``#DIV/0!``, ``#REF!`` …): a reader
    would see an empty cell. Scans the sheets' XML in 1 MB chunks (call after :func:`check_zip`)."""
    out: list[Finding] = []
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = _sheet_names(zf)
        parts = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        for part in parts:
            name = names.get(part, part.rsplit("/", 1)[-1])
            if sheet is not None and name != sheet:
                continue
            out += _scan(zf, part, file, name)
            if len(out) >= MAX_ERRORS_LISTED:
                break
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return out
    return out[:MAX_ERRORS_LISTED]


def _scan(zf: zipfile.ZipFile, part: str, file: str, sheet: str) -> list[Finding]:
    found: list[Finding] = []
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(CHUNK):
            buf = tail + chunk
            cut = buf.rfind(b"</c>")
            if cut < 0:
                tail = buf[-CHUNK:]  # no complete cell yet; keep a bounded tail
                continue
            head, tail = buf[:cut + 4], buf[cut + 4:]
            if b't="e"' in head:
                hits = [(c, r, v) for c, r, v in _ERR_CELL.findall(head)] + _ERR_CELL2.findall(head)
                for col, row, value in hits:
                    found.append(make("E_CELL_FORMULA_ERROR", location=Location(
                        file=file, sheet=sheet, row=int(row.decode("ascii")), column=col.decode("ascii")),
                        value=value.decode("utf-8", "replace"), cell=(col + row).decode("ascii")))
                    if len(found) >= MAX_ERRORS_LISTED:
                        return found
    return found


def guard(data: bytes, file: str, sheet: str | None = None, limits: ZipLimits | None = None) -> tuple[str, list[Finding]]:
    """The file's real kind and the findings that refuse it before parsing (empty list: go on and parse)."""
    kind, why = sniff(data, file)
    if kind == "refuse":
        return kind, [_refused(file, f"文件内容是{why}，不是 CSV 或 Excel 表格 / the file is a {why}, not a CSV or "
                                     "Excel table")]
    if kind == "xlsx":
        found = check_zip(data, file, limits)
        if found:
            return kind, found
        return kind, formula_errors(data, file, sheet)
    if kind == "xls":
        return kind, xls_check(data, file)
    return kind, []


def xls_check(data: bytes, file: str) -> list[Finding]:
    """An OLE file (bytes ``D0 CF 11 E0``) is always refused, before any parser sees it: a password-protected xlsx
    (``EncryptedPackage``), a Word document, or an old binary .xls workbook (Excel 97–2003), which ECER does not
    read — the user saves it as .xlsx or CSV. One clean bilingual E_FILE_FORMAT each, never the Excel reader's text.

    >>> [f.code for f in xls_check(OLE_MAGIC + bytes(504), "old.xls")]
    ['E_FILE_FORMAT']
    """
    probe = data[:1 << 16]
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
        return [_refused(file, "工作簿设有密码保护，请取消密码后另存为 .xlsx / the workbook is password-protected: "
                               "remove the password and save it as .xlsx")]
    if "WordDocument".encode("utf-16-le") in probe:
        return [_refused(file, "是 Word 文档，不是 Excel 工作簿 / a Word document, not an Excel workbook")]
    return [_refused(file, "是旧版二进制 Excel 文件（.xls，Excel 97–2003），不支持；请在 Excel 中“另存为” .xlsx 或 "
                           "CSV UTF-8 后重新提交 / an old binary Excel file (.xls, Excel 97–2003), which is not read: "
                           "open it in Excel, save it as .xlsx or CSV UTF-8, and check that file")]
