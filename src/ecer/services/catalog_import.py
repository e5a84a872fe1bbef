"""Use case: import a whole official table into the user catalog (``ecer catalog import benchmark-levels``).

The file (CSV in UTF-8 or GBK, or Excel) is read with the ingest layer's readers and guards; the first non-empty
row is the header. Every cell is checked (:mod:`ecer.refdata.benchmark_import`); any error refuses the whole file
and nothing is written. A valid table becomes a user edition under ``$ECER_HOME/catalog/benchmark_levels/<E>/``
(:mod:`ecer.refdata.user_catalog`), written atomically, with its provenance (file name, SHA-256, time of import),
which ``ecer catalog list`` and ``ecer catalog show`` print.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ecer import refdata
from ecer.findings import Finding, Location, make
from ecer.ingest.guards import guard
from ecer.ingest.sources import RawSheet, SourceError, head_rows, kind_of, open_workbook, read_csv, read_sheet
from ecer.refdata import benchmark_import as bi
from ecer.refdata import user_catalog
from ecer.refdata.catalog import load_shipped
from ecer.refdata.index import index as shipped_index
from ecer.refdata.index import user_provenance
from ecer.refdata.validate import validate

TABLES = {"benchmark-levels": bi.TABLE}


@dataclass(frozen=True)
class ImportResult:
    """Where the edition went (None when refused) and the findings (errors refuse; info says what happened)."""

    folder: Path | None
    rows: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.folder is not None


def _sheet(data: bytes, file: str, sheet: str | None) -> RawSheet | Finding:
    try:
        if kind_of(data, file) == "csv":
            return read_csv(data)
        reader = open_workbook(data)
        names = list(reader.sheet_names)
        if sheet is not None and sheet not in names:
            return make("E_SHEET_MISSING", expected=sheet, found="、".join(names))
        return read_sheet(reader, sheet or names[0])
    except SourceError as exc:
        return make("E_FILE_FORMAT", detail=exc.detail)


HEADER_SEARCH_ROWS = 20


def _rows(
    raw: RawSheet,
) -> tuple[int, list[str | None], list[tuple[int, list[str | None]]], list[int], list[int]]:
    """The header's spreadsheet row and cells, the data rows (spreadsheet row number, cells), the blank rows between
    them, and the non-empty rows above the header (a title or a note: not data; reported).

    The header is the first of the first 20 rows with at least ``MIN_HEADINGS`` recognised headings, else the
    first non-empty row (whose unknown headings are then reported)."""
    cells = head_rows(raw, raw.text.height)
    nonempty = [i for i, r in enumerate(cells) if any(c is not None for c in r)]
    if not nonempty:
        return 0, [], [], [], []
    start = next(
        (i for i in nonempty[:HEADER_SEARCH_ROWS] if bi.header_score(cells[i]) >= bi.MIN_HEADINGS),
        nonempty[0],
    )
    filled = [i for i in nonempty if i > start]
    last = filled[-1] if filled else start
    seen = set(filled)
    blank = [i + 1 for i in range(start + 1, last) if i not in seen]
    above = [i + 1 for i in nonempty if i < start]
    return start + 1, cells[start], [(i + 1, cells[i]) for i in filled], blank, above


def import_benchmark_levels(
    path: Path, edition: str, *, doc_no: str | None = None, sheet: str | None = None, replace: bool = False
) -> ImportResult:
    """Check ``path`` and store it as the user edition ``edition`` of ``benchmark_levels`` (see module docstring).

    ``doc_no``: the document number for rows without a 文号 cell (default: the shipped edition's of that name).
    ``replace``: replace an existing *user* edition of that name (a shipped edition is never touched: a user
    edition of the same name takes its place on load, and I_CATALOG_SHADOWS_SHIPPED says so).
    """
    file = path.name
    data = path.read_bytes()
    if not data.replace(b"\xef\xbb\xbf", b"").strip():
        return ImportResult(None, 0, [make("E_FILE_EMPTY")])
    _, refused = guard(data, file, sheet)
    if refused:
        return ImportResult(None, 0, refused)
    raw = _sheet(data, file, sheet)
    if isinstance(raw, Finding):
        return ImportResult(None, 0, [raw])
    header_row, header, body, blank, above = _rows(raw)
    if not body:
        return ImportResult(None, 0, [make("E_FILE_EMPTY")])
    width = max(len(header), *(len(c) for _, c in body))
    has_data = [any(i < len(c) and c[i] is not None for _, c in body) for i in range(width)]
    mapping, findings = bi.map_header(header, file, header_row, has_data)
    if findings:
        return ImportResult(None, 0, findings)
    rows = [
        (n, {name: (cells[i] if i < len(cells) else None) for i, name in mapping.items()})
        for n, cells in body
    ]
    fields = refdata.load("benchmark_fields").data
    known = fields["field"].to_list()
    findings = bi.check_rows(rows, file, known)
    shipped = shipped_index().get(bi.TABLE, [])
    template = load_shipped(bi.TABLE, shipped[0]).manifest  # every shipped edition has the columns
    same = load_shipped(bi.TABLE, edition) if edition in shipped else None
    doc = doc_no or (same.manifest.doc_no if same else None)
    if doc is None and any(not r.get("doc_no") for _, r in rows):
        missing = make("E_REQUIRED", location=Location(file=file, row=header_row, column="doc_no"))
        findings.append(
            missing.model_copy(
                update={
                    "fix_zh": "在表中填写“文号”列，或用 --doc-no 给出文号",
                    "fix_en": "fill in a 文号 (doc_no) column or pass --doc-no",
                }
            )
        )
    existing = user_catalog.edition_dir(bi.TABLE, edition)
    if existing is not None and not replace:
        prov = user_provenance(bi.TABLE, [edition])[edition]
        findings.append(make("E_CATALOG_EDITION_EXISTS", name=bi.TABLE, edition=edition, provenance=prov))
    if any(f.level == "error" for f in findings):
        return ImportResult(None, 0, findings)
    sha = hashlib.sha256(data).hexdigest()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    provenance = f"{file}, sha256 {sha[:16]}, imported {when}"
    title = (
        (same.manifest.title_zh, same.manifest.title_en)
        if same
        else (
            f"能效标杆水平和基准水平（用户导入，{edition}）",
            f"Benchmark and baseline levels (user edition {edition})",
        )
    )
    covered = {str(r["field"]) for _, r in rows}
    m = bi.user_manifest(
        template,
        edition,
        doc_no=doc or "",
        title=title,
        provenance=provenance,
        rows=len(rows),
        missing_fields=[f for f in known if f not in covered],
    )
    frame = bi.build_rows(rows, file, fields, doc or "", m.column_names())
    problems = validate(frame, m, file)  # the catalog's own check, before anything is written
    if problems:
        return ImportResult(None, 0, problems)
    folder = user_catalog.write_edition(m, frame, replace=replace)
    out = [
        make(
            "I_CATALOG_IMPORTED",
            rows=len(rows),
            name=bi.TABLE,
            edition=edition,
            path=str(folder),
            provenance=provenance,
        )
    ]
    if same is not None:
        out.append(
            make("I_CATALOG_SHADOWS_SHIPPED", name=bi.TABLE, edition=edition, shipped_rows=same.data.height)
        )
    if above:
        out.append(
            make(
                "I_IMPORT_ROWS_ABOVE_HEADER",
                location=Location(file=file, row=above[0]),
                rows="、".join(map(str, above)),
                header_row=header_row,
            )
        )
    if blank:
        out.append(
            make(
                "W_BLANK_ROWS_SKIPPED",
                location=Location(file=file, row=blank[0]),
                count=len(blank),
                rows=blank[:50],
            )
        )
    return ImportResult(folder, len(rows), out)
