"""Read a user's CSV or Excel file against a template: canonical frame plus bilingual findings.

>>> r = read_table("地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年\\n"
...                "110000,2021,12.3456,1.5,2020\\n".encode(), "energy", filename="e.csv")
>>> r.ok, r.frame["total_energy"][0], r.source_rows
(True, 123456.0, [2])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer.findings import Finding, Location, make
from ecer.ingest import batched
from ecer.ingest.cells import clean_text_expr
from ecer.ingest.collector import DEFAULT_CAP, Collector
from ecer.ingest.columns import Mapped, map_columns
from ecer.ingest.csvpath import read_csv_path
from ecer.ingest.csvpath import sniff as sniff_text
from ecer.ingest.guards import guard, sniff
from ecer.ingest.headers import HEADER_SEARCH_ROWS, find_header_row, infer_template
from ecer.ingest.rowchecks import check_rows
from ecer.ingest.sources import RawSheet, SourceError, head_rows, open_workbook, read_csv, read_sheet
from ecer.ingest.spill import Spill
from ecer.ingest.templates import TEMPLATES
from ecer.ingest.validate import ROW, check_cells, output_frame

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # uploads through the API/web; the CLI reads files of any size
STREAM_BYTES = 32 * 1024 * 1024  # a CSV on disk at least this big is streamed in batches (``_streamed``)


@dataclass
class IngestResult:
    """``frame``: canonical columns and units, or None when there are errors. ``source_rows[i]``: the
    spreadsheet row (1-based) of the i-th data row. ``columns``/``units``: canonical name → header as
    written / header unit as written. ``spill``: a big file streamed from disk keeps its canonical rows there
    (on disk, :class:`~ecer.ingest.spill.Spill`) instead of in ``frame``; ``frame`` then reads them into memory
    when asked, and :meth:`lazy` scans them without that (what the checks and the load use)."""

    _frame: pl.DataFrame | None
    findings: list[Finding]
    rows_read: int = 0
    row_numbers: pl.Series | None = None
    template: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    spill: Spill | None = None

    @property
    def frame(self) -> pl.DataFrame | None:
        """The canonical frame in memory (a spilled one is read from disk on the first call)."""
        if self._frame is None and self.spill is not None:
            self._frame = self.spill.collect()
        return self._frame

    @frame.setter
    def frame(self, value: pl.DataFrame | None) -> None:
        self._frame = value
        if value is None and self.spill is not None:
            self.spill.close()
            self.spill = None

    @property
    def has_frame(self) -> bool:
        """A frame is there (in memory or spilled) — without reading a spilled one."""
        return self._frame is not None or self.spill is not None

    @property
    def height(self) -> int:
        """Rows of the frame (0 without one), without reading a spilled one."""
        if self._frame is not None:
            return self._frame.height
        return self.spill.height if self.spill is not None else 0

    def lazy(self) -> pl.LazyFrame | None:
        """The frame as a lazy polars frame (a scan of the spill, or the frame in memory); None without one."""
        if self._frame is not None:
            return self._frame.lazy()
        return self.spill.lazy() if self.spill is not None else None

    @property
    def source_rows(self) -> list[int]:
        """``row_numbers`` as a list (built on demand: a 10 M-row file's list is ~400 MB of Python ints)."""
        return [] if self.row_numbers is None else self.row_numbers.to_list()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


def check_size(size: int, *, filename: str, limit: int = MAX_UPLOAD_BYTES) -> Finding | None:
    """E_FILE_TOO_LARGE when an upload of ``size`` bytes is over ``limit``.

    >>> check_size(10, filename="a.csv", limit=5).code
    'E_FILE_TOO_LARGE'
    >>> check_size(5, filename="a.csv", limit=5) is None
    True
    """
    if size > limit:
        return make("E_FILE_TOO_LARGE", location=Location(file=filename), what="大小（字节） / size in bytes", size=size, limit=limit)
    return None


def _fail(col: Collector, code: str, tname: str | None = None, **ev: object) -> IngestResult:
    col.add(code, **ev)  # type: ignore[arg-type]
    return IngestResult(None, col.findings(), template=tname, sheet=col.sheet)


def _pick_sheet(data: bytes, template: str | None, sheet: str | None,
                col: Collector) -> tuple[RawSheet, str] | IngestResult:
    reader = open_workbook(data)
    names = list(reader.sheet_names)
    if sheet is not None and sheet not in names:
        return _fail(col, "E_SHEET_MISSING", template, expected=sheet, found="、".join(names))
    for name in [sheet] if sheet is not None else names:
        head = read_sheet(reader, name, n_rows=HEADER_SEARCH_ROWS)
        rows = head_rows(head, HEADER_SEARCH_ROWS)
        tname = template or infer_template(rows)
        if tname and find_header_row(rows, TEMPLATES[tname]):
            col.sheet = name
            return read_sheet(reader, name), tname
    where = ("工作表 / sheets: " + "、".join(names)) if names else "no sheets"
    return _fail(col, "E_HEADER_NOT_FOUND", template, rows=HEADER_SEARCH_ROWS, template=template or "/".join(TEMPLATES),
                 where=where)


def read_table(source: Path | bytes, template: str | None = None, *, filename: str | None = None,
               sheet: str | None = None, known_regions: set[str] | None = None, max_bytes: int | None = None,
               cap: int = DEFAULT_CAP) -> IngestResult:
    """Read and validate one table. ``template``: a name in TEMPLATES (energy, regions, targets), or None to infer it from the
    header. ``known_regions``: valid region codes (unknown codes are errors). ``max_bytes``: size limit
    (uploads). ``cap``: findings listed per code (the rest are counted in W_FINDINGS_TRUNCATED)."""
    name = filename or (source.name if isinstance(source, Path) else "upload")
    col = Collector(file=name, sheet=None, cap=cap)
    if template is not None and template not in TEMPLATES:
        return _fail(col, "E_UNKNOWN_NAME", kind="模板 / template", value=template, valid=", ".join(TEMPLATES))
    if isinstance(source, Path) and max_bytes is not None and source.stat().st_size > max_bytes:
        return _fail(col, "E_FILE_TOO_LARGE", template, what="大小（字节） / size in bytes", size=source.stat().st_size, limit=max_bytes)
    if isinstance(source, Path):
        with source.open("rb") as fh:
            head = fh.read(4096)
        # Only a plain-text CSV (by its bytes, as the guard decides) takes the path route; anything else is guarded.
        if sniff(head, name)[0] == "csv":
            if source.stat().st_size >= STREAM_BYTES:
                streamed = _streamed(source, template, known_regions, col)
                if streamed is not None:
                    return streamed
            by_path = read_csv_path(source)  # a big file is never held as bytes (see docs/templates.md)
            if by_path is not None:
                return _validate(by_path, template or infer_template(head_rows(by_path, HEADER_SEARCH_ROWS)),
                                 known_regions, col)
    data = source.read_bytes() if isinstance(source, Path) else bytes(source)
    if max_bytes is not None and len(data) > max_bytes:
        return _fail(col, "E_FILE_TOO_LARGE", template, what="大小（字节） / size in bytes", size=len(data), limit=max_bytes)
    if not data.replace(b"\xef\xbb\xbf", b"").strip():
        return _fail(col, "E_FILE_EMPTY", template)
    kind, refused = guard(data, name, sheet)  # before any parser: real kind, zip limits, formula errors
    if refused:
        return IngestResult(None, refused, template=template)
    try:
        if kind in ("csv", "csv-utf16"):
            raw = read_csv(data)
            rows = head_rows(raw, HEADER_SEARCH_ROWS)
            template = template or infer_template(rows)
        else:
            picked = _pick_sheet(data, template, sheet, col)
            if isinstance(picked, IngestResult):
                return picked
            raw, template = picked
    except SourceError as exc:
        return _fail(col, "E_FILE_FORMAT", template, detail=exc.detail)
    return _validate(raw, template, known_regions, col)


def _validate(raw: RawSheet, template: str | None, known_regions: set[str] | None, col: Collector) -> IngestResult:
    rows = head_rows(raw, HEADER_SEARCH_ROWS)
    if raw.text.height == 0 or not any(any(r) for r in rows):
        return _fail(col, "E_FILE_EMPTY", template)
    hit = find_header_row(rows, TEMPLATES[template]) if template else None
    if template is None or hit is None:
        return _fail(col, "E_HEADER_NOT_FOUND", template, rows=HEADER_SEARCH_ROWS,
                     template=template or "/".join(TEMPLATES), where=col.sheet or col.file)
    spec = TEMPLATES[template]
    h = hit[0]
    if raw.numbers is None and template in batched.BATCHED_TEMPLATES and raw.text.height - h - 1 > batched.BATCH_ROWS:
        header = rows[h] + [None] * (raw.text.width - len(rows[h]))
        done = batched.validate_batched(batched.slices(raw.text, h), raw.text.columns, header, spec, known_regions,
                                        col)
        raw.text = raw.text.clear()
        return _batched_result(done, template, h, col)
    text = raw.text.slice(h + 1).with_columns(clean_text_expr(c) for c in raw.text.columns)
    cols = raw.text.columns
    raw.text = raw.text.clear()  # the uncleaned cells are not needed again: free them before the checks
    text = text.with_row_index(ROW, offset=h + 2).with_columns(pl.col(ROW).cast(pl.Int64))
    nums = raw.numbers.slice(h + 1) if raw.numbers is not None and raw.numbers.width == raw.text.width else None
    blank = text.select(pl.all_horizontal(pl.col(c).is_null() for c in cols)).to_series() if cols else None
    if blank is not None and blank.any():
        blank_rows = text.filter(blank)[ROW]
        col.add("W_BLANK_ROWS_SKIPPED", row=int(blank_rows[0]), count=len(blank_rows), rows=blank_rows.head(50).to_list())
        text = text.filter(~blank)
        nums = nums.filter(~blank) if nums is not None else None
    if text.height == 0:
        return _fail(col, "E_FILE_EMPTY", template)
    header = rows[h] + [None] * (len(cols) - len(rows[h]))
    has_data = [bool(text[c].is_not_null().any()) for c in cols]
    mapped = map_columns(header, has_data, spec, col)
    typed = check_cells(text, nums, mapped, spec, known_regions, col)
    check_rows(typed, spec, known_regions, col)
    rows_read, row_numbers = text.height, text[ROW]
    del text, nums
    frame = None if col.has_errors() else output_frame(typed, spec)
    del typed
    return IngestResult(
        frame, col.findings(), rows_read=rows_read, row_numbers=row_numbers, template=template,
        sheet=col.sheet, header_row=h + 1, columns={m.spec.name: m.header for m in mapped},
        units={m.spec.name: m.unit_label for m in mapped if m.unit_label},
    )


def _batched_result(done: tuple[pl.DataFrame | Spill | None, int, pl.Series, list[Mapped]] | None, template: str,
                    h: int, col: Collector) -> IngestResult:
    if done is None:
        return _fail(col, "E_FILE_EMPTY", template)
    frame, rows_read, row_numbers, mapped = done
    spill = frame if isinstance(frame, Spill) else None
    return IngestResult(
        frame if isinstance(frame, pl.DataFrame) else None, col.findings(), spill=spill, rows_read=rows_read, row_numbers=row_numbers, template=template,
        sheet=col.sheet, header_row=h + 1, columns={m.spec.name: m.header for m in mapped},
        units={m.spec.name: m.unit_label for m in mapped if m.unit_label},
    )


def _streamed(path: Path, template: str | None, known_regions: set[str] | None, col: Collector) -> IngestResult | None:
    """A big UTF-8 CSV validated as polars streams it from disk in batches (``batched``): the file is never in memory
    whole. None: take the whole-file route instead (not UTF-8, a template not validated in batches, no header, or
    anything polars' streaming reader refuses — ragged rows, a bad quote — whose finding that route words)."""
    enc, has_text = sniff_text(path)
    if enc is None or not has_text:
        return None
    kw: dict[str, Any] = {"has_header": False, "infer_schema": False, "quote_char": '"', "raise_if_empty": False}
    try:
        head = pl.read_csv(path, n_rows=HEADER_SEARCH_ROWS, **kw)
    except pl.exceptions.PolarsError:
        return None
    names = {c: f"c{i}" for i, c in enumerate(head.columns)}
    head = head.rename(names)
    rows = head_rows(RawSheet(None, head), HEADER_SEARCH_ROWS)
    template = template or infer_template(rows)
    hit = find_header_row(rows, TEMPLATES[template]) if template else None
    if template not in batched.BATCHED_TEMPLATES or hit is None or not any(any(r) for r in rows):
        return None
    h = hit[0]

    def batches() -> Iterator[tuple[int, pl.DataFrame]]:
        first = 1  # file row of the next batch's first row
        for b in pl.scan_csv(path, **kw).collect_batches(chunk_size=batched.BATCH_ROWS, maintain_order=True):
            skip = max(h + 2 - first, 0)  # the rows above and of the header
            if skip < b.height:
                yield first + skip, b.slice(skip).rename(names)
            first += b.height

    header = rows[h] + [None] * (len(names) - len(rows[h]))
    try:
        done = batched.validate_batched(batches(), list(names.values()), header, TEMPLATES[template], known_regions,
                                        col, spill=True)
    except pl.exceptions.PolarsError:
        return None
    return _batched_result(done, template, h, col)


def check_file(path: str | Path, template: str | None = None, known_regions: set[str] | None = None, *,
               sheet: str | None = None, cap: int = DEFAULT_CAP) -> IngestResult:
    """Read a file from disk (.csv, .xlsx, .xlsm, .xls; the kind is taken from its first bytes)."""
    p = Path(path)
    if not p.is_file():
        col = Collector(file=str(p), sheet=None, cap=cap)
        return _fail(col, "E_FILE_FORMAT", template, detail=f"no such file: {p}")
    return read_table(p, template, filename=p.name, sheet=sheet, known_regions=known_regions, cap=cap)


def read_upload(data: bytes, filename: str, template: str | None = None, *, sheet: str | None = None,
                known_regions: set[str] | None = None, max_bytes: int = MAX_UPLOAD_BYTES) -> IngestResult:
    """An uploaded file (API / web): like ``read_table`` with the upload size limit."""
    return read_table(data, template, filename=filename, sheet=sheet, known_regions=known_regions,
                      max_bytes=max_bytes)
