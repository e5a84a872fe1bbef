"""Validate a big CSV in batches of rows: the same findings as validating it whole, without holding the whole
file several times (its cleaned text, typed values and raw cells) at once.

Each batch of data rows is cleaned, typed and checked on its own; a :class:`Recorder` keeps, per check and column,
only the count and the first ``cap`` findings. What needs the whole file is kept small: the key columns and row
numbers (duplicates, even across batches), the price bases with their counts and first rows, the blank rows and
which columns hold data. At the end the recorded checks are replayed into the file's collector in the order
whole-file validation makes them, so the cap, the counts and the order of the findings are exactly the same
(``tests/ingest/test_ingest_batched.py`` compares both on files with errors in every batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ecer.findings import Finding, codes
from ecer.ingest.cells import clean_frame
from ecer.ingest.collector import Collector
from ecer.ingest.columns import Mapped, map_columns
from ecer.ingest.rowchecks import check_duplicates, check_price_base, check_rows_local, price_bases
from ecer.ingest.spill import Spill
from ecer.ingest.templates import TemplateSpec
from ecer.ingest.validate import ROW, Typed, check_cells, output_frame

BATCH_ROWS = 100_000  # data rows per batch (250,000 peaked ≈ 150 MB higher at 10 M rows, for the same CPU time)
BATCHED_TEMPLATES = (
    "energy",
    "targets",
    "annual_targets",
    "electricity_factors",
)  # not regions: parents need all


@dataclass
class _Site:
    """One check on one column (or one row check), summed over batches."""

    code: str
    total: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)


class Recorder(Collector):
    """A collector for one phase over all batches: per (code, column) the total and the first ``cap`` items."""

    def __init__(self, *, file: str, sheet: str | None, cap: int) -> None:
        super().__init__(file=file, sheet=sheet, cap=cap)
        self.sites: dict[tuple[str, str | None], _Site] = {}
        self.errors = False

    def add(self, code: str, *, row: int | None = None, column: str | None = None, **evidence: Any) -> None:
        self.add_many(code, 1, [dict(row=row, column=column, **evidence)])

    def add_many(self, code: str, total: int, items: Iterable[dict[str, Any]]) -> None:
        got: list[dict[str, Any]] = []
        for it in items:
            if len(got) >= self.cap:
                break
            got.append(dict(it))
        if not got and total <= 0:
            return
        column = got[0].get("column") if got else None
        site = self.sites.setdefault((code, column), _Site(code))
        room = self.cap - len(site.items)
        site.items += got[: max(room, 0)]
        site.total += max(total, len(got))
        self.errors = self.errors or self._level(code) == "error"

    @staticmethod
    def _level(code: str) -> str:
        return codes()[code].level

    def has_errors(self) -> bool:
        return self.errors

    def findings(self) -> list[Finding]:  # pragma: no cover - a recorder is replayed, never read
        raise NotImplementedError

    def replay(self, col: Collector, order: dict[str | None, int]) -> None:
        """Into ``col``, as whole-file validation calls it: the sites of one code in ``order`` of their column."""
        for (code, column), site in sorted(
            self.sites.items(), key=lambda kv: order.get(kv[0][1], len(order))
        ):
            col.add_many(code, site.total, site.items)


def slices(text: pl.DataFrame, h: int, size: int | None = None) -> Iterator[tuple[int, pl.DataFrame]]:
    """The data rows of a sheet held whole (header at row index ``h``), ``size`` rows at a time: (file row of the
    batch's first row, the batch) — zero-copy slices."""
    size = size or BATCH_ROWS
    for start in range(0, max(text.height - (h + 1), 0), size):
        yield h + 2 + start, text.slice(h + 1 + start, size)


def validate_batched(
    batches: Iterable[tuple[int, pl.DataFrame]],
    cols: list[str],
    header: list[str | None],
    spec: TemplateSpec,
    known_regions: set[str] | None,
    col: Collector,
    *,
    spill: bool = False,
) -> tuple[pl.DataFrame | Spill | None, int, pl.Series, list[Mapped]] | None:
    """``batches``: (file row of the first row, raw cells c0..cN) of the data rows below the header, in file order.
    Returns (canonical frame or None, rows read, row numbers, mapped columns), or None when the file has no data
    row (the caller reports E_FILE_EMPTY). Findings go to ``col`` only once every batch was read, so a reader error
    in a batch (raised from ``batches``) leaves ``col`` as it was. ``spill``: each batch's canonical rows are
    written to a :class:`Spill` on disk as soon as they are checked (the frame returned is the spill), so the
    whole file is never held in memory."""
    mapped = map_columns(header, [True] * len(cols), spec, Collector(file=col.file, sheet=col.sheet, cap=0))
    by_name = {m.spec.name: m for m in mapped}
    key = [k for k in spec.key if k in by_name]
    cells = Recorder(file=col.file, sheet=col.sheet, cap=col.cap)
    local = Recorder(file=col.file, sheet=col.sheet, cap=col.cap)
    has_data = [False] * len(cols)
    blank_total, blank_first = 0, None
    blank_rows: list[int] = []
    keys: list[pl.DataFrame] = []
    bases: list[pl.DataFrame] = []
    outputs: list[pl.DataFrame] | None = []
    spilled: Spill | None = Spill() if spill else None
    numbers: list[pl.Series] = []
    for first, raw in batches:
        batch = clean_frame(raw, cols)
        del raw
        batch = batch.with_row_index(ROW, offset=first).with_columns(pl.col(ROW).cast(pl.Int64))
        blank = (
            batch.select(pl.all_horizontal(pl.col(c).is_null() for c in cols)).to_series() if cols else None
        )
        if blank is not None and blank.any():
            rows = batch.filter(blank)[ROW]
            blank_first = int(rows[0]) if blank_first is None else blank_first
            blank_total += len(rows)
            blank_rows += rows.head(50 - len(blank_rows)).to_list()
            batch = batch.filter(~blank)
        if batch.height == 0:
            continue
        seen = batch.select(pl.col(c).is_not_null().any() for c in cols).row(0)
        has_data = [a or bool(b) for a, b in zip(has_data, seen, strict=True)]
        typed = check_cells(batch, None, mapped, spec, known_regions, cells)
        check_rows_local(typed, spec, local)
        if len(key) == len(
            spec.key
        ):  # categorical keys: 4 bytes a cell however many rows (the duplicate check)
            keys.append(
                typed.frame.select(
                    ROW,
                    *[
                        pl.col(k).cast(pl.Categorical) if typed.frame.schema[k] == pl.String else pl.col(k)
                        for k in key
                    ],
                )
            )
        if "price_base_year" in by_name:
            bases.append(price_bases(typed))
        numbers.append(batch[ROW])
        if outputs is not None and not (cells.errors or local.errors or col.has_errors()):
            if spilled is not None:
                spilled.write(output_frame(typed, spec))
            else:
                outputs.append(output_frame(typed, spec))
        else:
            outputs = None  # an error: no frame will be returned, stop building it
            if spilled is not None:
                spilled.close()
        del typed, batch
    if blank_total:
        col.add("W_BLANK_ROWS_SKIPPED", row=blank_first, count=blank_total, rows=blank_rows)
    if not numbers:
        return None
    mapped = map_columns(header, has_data, spec, col)  # the header's findings, now that the data are known
    cells.replay(col, {m.header: i for i, m in enumerate(mapped)})
    if keys:  # the rows whose key hash repeats hold every duplicate: the exact check runs on them only
        every = pl.concat(keys)
        del keys
        repeats = every.select(pl.struct(key).hash().is_duplicated()).to_series()
        check_duplicates(
            Typed(every.filter(repeats).with_columns(pl.col(pl.Categorical).cast(pl.String)), by_name),
            spec,
            col,
        )
        del every, repeats
    local.replay(col, {})
    if bases:
        merged = pl.concat(bases).group_by("price_base_year").agg(pl.col("n").sum(), pl.col("first").min())
        check_price_base(Typed(pl.DataFrame(), by_name), col, merged)
    row_numbers = pl.concat(numbers)
    frame: pl.DataFrame | Spill | None = None
    if col.has_errors() or outputs is None:
        if spilled is not None:
            spilled.close()
    else:
        frame = spilled if spilled is not None else pl.concat(outputs, rechunk=False)
    return frame, row_numbers.len(), row_numbers, mapped
