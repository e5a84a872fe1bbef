"""Use case: check and load user files into the store — atomically, with the same findings ``check`` prints, and
never overwriting stored values without an explicit confirmation.

* ``check_file`` reads and validates a file without touching the store: cell and row errors, and the implausible
  values (a 10⁴ unit slip, a region above its parent, an intensity no economy has) measured against the store's
  rows when a store is given.
* ``preview`` compares a validated frame with the store: new rows, unchanged rows, and every changed value
  (region, period, column, old → new).
* ``load_files`` validates every file first; loads nothing when any has an error, when an implausible value is not
  accepted (``accept_implausible``), or when a stored value would change without ``revise``; then loads the new and
  changed rows of each file in one atomic store load (unchanged rows are not written again). The old values stay
  in the history (``ecer history``).
"""

from __future__ import annotations

import contextlib
import getpass
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.dual_control.plausibility import implausible_values
from ecer.findings import Finding, FindingsError, Location, make
from ecer.ingest import IngestResult, read_table
from ecer.ingest.collector import DEFAULT_CAP
from ecer.ingest.spill import Spill
from ecer.ingest.templates import TEMPLATES

TEMPLATE_TABLES = {"regions": "regions", "energy": "energy", "targets": "targets", "annual_targets": "annual_targets",
                   "electricity_factors": "electricity_factors", "enterprises": "enterprises",
                   "production_units": "production_units", "unit_performance": "unit_performance",
                   "projects": "projects", "carbon_energy": "carbon_energy"}
# pollutant total-emission control (issue 8 §1; wt-pol-data): template name = table name
TEMPLATE_TABLES.update({t: t for t in ("pollutant_emissions", "pollutant_measures", "pollutant_increments",
                                       "pollutant_targets")})
# regional industrial transfer (issue 9 §3; wt-transfer)
TEMPLATE_TABLES.update({t: t for t in ("transfer_indicators", "transfer_projects")})
# key-project indicators (issue 8 §4; wt-indicators)
TEMPLATE_TABLES["indicator_values"] = "indicator_values"
# sectoral energy for LMDI (issue 9 §1; wt-sector)
TEMPLATE_TABLES["sector_energy"] = "sector_energy"
# Files loaded together (``load_files(..., with_files=...)``) are checked and loaded in this order, so a unit may name
# an enterprise of the same load and a performance row a unit of the same load.
LOAD_ORDER = ("regions", "enterprises", "production_units", "unit_performance")
MAX_CHANGES_LISTED = 200
#: A validated file's rows: in memory, or on disk as Parquet parts (a big file streamed in batches).
Rows = pl.DataFrame | Spill


class SharedReads:
    """A store seen by one load: ``current(table)`` (no filters) is read once and given again to every check and
    preview of the load (the regions for the known codes and the parents, the energy rows for the plausibility
    checks and the revision preview), instead of once per caller. Everything else is the store's own.

    A memo is given again only while the store's version (:meth:`Store.version`, a ``stat`` on a DuckDB file) is
    the one it was read at, so a load committed meanwhile, by this process or another, is read again; a table is
    also forgotten when this load writes it. The frame given is the store's ``current(table)`` itself (same rows,
    same order), so no result changes — only the number of reads (``benchmarks/README.md``, 2026-12-02). The
    plausibility checks and the preview ask for the rows unordered (``ordered=False``): they join them on the key."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._rows: dict[tuple[str, bool], tuple[str, pl.DataFrame]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _version(self) -> str | None:
        version = getattr(self._store, "version", None)
        return version() if callable(version) else None

    def current(self, table: str, *, ordered: bool = True, **kw: Any) -> pl.DataFrame:
        if kw:  # filtered or with bookkeeping: the store's own read
            return self._store.current(table, ordered=ordered, **kw)
        mark = self._version()  # taken before the read: a load committed during it makes the memo stale
        if mark is None:
            return self._store.current(table, ordered=ordered)
        hit = self._rows.get((table, ordered))
        if hit is not None and hit[0] == mark:
            return hit[1]
        rows = self._store.current(table, ordered=ordered)
        self._rows[(table, ordered)] = (mark, rows)
        return rows

    def _forget(self, table: str) -> None:
        for ordered in (True, False):
            self._rows.pop((table, ordered), None)

    def load(self, table: str, *args: Any, **kw: Any) -> Any:
        self._forget(table)
        try:
            return self._store.load(table, *args, **kw)
        finally:
            self._forget(table)


def _shared(store: Any) -> Any:
    """``store`` as one load sees it (:class:`SharedReads`), once."""
    return store if store is None or isinstance(store, SharedReads) else SharedReads(store)


@dataclass(frozen=True)
class Change:
    """One stored value a load would change."""

    key: dict[str, Any]
    column: str
    old: Any
    new: Any
    unit: str | None = None


@dataclass
class Preview:
    """What loading a frame would do to the store."""

    table: str
    file: str
    new_rows: int
    changed_rows: int
    unchanged_rows: int
    changes: list[Change] = field(default_factory=list)
    to_load: pl.DataFrame | Spill | None = None

    @property
    def changed_values(self) -> int:
        return len(self.changes)


@dataclass
class LoadOutcome:
    """What ``load_files`` did: the store's receipts, the findings of every file (warnings and notes: the same
    ``check`` prints), and the preview of each file."""

    receipts: list[Any]
    findings: list[Finding]
    previews: list[Preview]


def known_regions(store: Any = None, extra: pl.DataFrame | None = None) -> set[str]:
    """Region codes a data file may use: GB/T 2260 reference regions, the store's, and ``extra``'s.

    The one decision for ``ecer check`` (with ``--store`` the store's regions count, as for a load), ``ecer load``
    and the upload API: all of them reach it through :func:`check_file` / :func:`check_bytes`. Without a store,
    ``ecer check`` says so with :func:`regions_scope_note`."""
    codes = set(refdata.regions().get_column("region_code").to_list())
    if store is not None:
        codes |= set(store.current("regions").get_column("region_code").to_list())
    if extra is not None and "region_code" in extra.columns:
        codes |= set(extra.get_column("region_code").to_list())
    return codes


def regions_scope_note(file: str, template: str | None, *, with_regions_file: bool) -> Finding | None:
    """I_REGIONS_CATALOG_ONLY for a file checked without a store: its region codes were checked against the GB/T 2260
    catalog (and a regions file) only, where a load would also accept the store's regions. None when the template
    has no region-code column."""
    if template not in TEMPLATES or not any(c.kind == "code" for c in TEMPLATES[template].columns):
        return None
    zh, en = ("GB/T 2260 目录和 --regions 文件", "the GB/T 2260 catalog and the --regions file") if with_regions_file \
        else ("GB/T 2260 目录", "the GB/T 2260 catalog")
    return make("I_REGIONS_CATALOG_ONLY", location=Location(file=file), against_zh=zh, against_en=en)


def _table_for(template: str) -> str:
    try:
        return TEMPLATE_TABLES[template]
    except KeyError:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板 / template", value=template,
                                  valid=", ".join(TEMPLATE_TABLES))]) from None


def _region_parents(store: Any = None) -> pl.DataFrame:
    ref = refdata.regions().select("region_code", pl.col("parent_code").cast(pl.String))
    if store is None:
        return ref
    own = store.current("regions").select("region_code", pl.col("parent_code").cast(pl.String))
    return pl.concat([own, ref.join(own, on="region_code", how="anti")])


def plausibility(frame: Rows, *, store: Any = None, file: str | None = None,
                 accept: bool = False) -> list[Finding]:
    """Implausible values of an energy frame about to be loaded, measured against the store's rows (the file's rows
    replace the stored ones with the same key). Errors unless ``accept`` (then warnings). Only the four columns the
    checks compare are read (region and period as categoricals), also from a spilled frame."""
    cols = ["region_code", "period", "total_energy", "gdp_constant"]
    rows = frame.lazy()
    narrow = rows.select(pl.col("region_code", "period").cast(pl.Categorical), "total_energy", "gdp_constant")
    context = narrow.collect()
    if store is not None:
        stored = store.current("energy", ordered=False)  # anti-joined on the key: no sort needed
        if not stored.is_empty():
            stored = stored.select(pl.col("region_code", "period").cast(pl.Categorical), *cols[2:])
            context = pl.concat([stored.join(context.select("region_code", "period"),
                                             on=["region_code", "period"], how="anti"), context])
    found = implausible_values(context, _region_parents(store), strict=not accept, focus=rows, unique_keys=True)
    if file:
        found = [f.model_copy(update={"location": Location(file=file, column=str(f.evidence.get("column", "")))})
                 for f in found]
    return found


def check_file(path: Path | str, template: str | None, *, store: Any = None, sheet: str | None = None,
               extra_regions: pl.DataFrame | None = None, accept_implausible: bool = False,
               extra: dict[str, pl.DataFrame] | None = None) -> IngestResult:
    """Read and validate one file against a template (``None``: inferred from its headers), without loading it.

    Region codes must be GB/T 2260 reference regions, the store's, or ``extra_regions``' (a regions file read
    alongside). An energy file is also checked for implausible values (against the store's rows when given);
    they are errors unless ``accept_implausible``. The same function decides for ``ecer check``, ``ecer load`` and
    the upload API (:func:`check_bytes`). ``extra``: validated frames of other templates read alongside (the same
    load): a production unit's enterprise and a performance row's unit may be there instead of in the store.
    """
    path = Path(path)
    if not path.is_file():
        raise FindingsError([make("E_FILE_FORMAT", location=Location(file=path.name),
                                  detail=f"{path} 不存在 / {path} does not exist")])
    return _checked(path, path.name, template, store, sheet, extra_regions, accept_implausible, extra)


def check_bytes(data: bytes, filename: str, template: str | None, *, store: Any = None, sheet: str | None = None,
                accept_implausible: bool = False) -> IngestResult:
    """:func:`check_file` for an uploaded file's bytes."""
    return _checked(bytes(data), filename, template, store, sheet, None, accept_implausible)


def _checked(source: Path | bytes, name: str, template: str | None, store: Any, sheet: str | None,
             extra_regions: pl.DataFrame | None, accept_implausible: bool,
             extra: dict[str, pl.DataFrame] | None = None) -> IngestResult:
    extra = extra or {}
    store = _shared(store)  # the regions read once for the known codes and the parents
    result = read_table(source, template, filename=name, sheet=sheet,
                        known_regions=known_regions(store, extra_regions if extra_regions is not None
                                                    else extra.get("regions")))
    if result.has_frame and not result.errors and result.template in ("production_units", "unit_performance"):
        _check_units(result, name, store, extra)
    if result.has_frame and result.template == "carbon_energy" and not result.errors and result.frame is not None:
        from ecer.services.carbon import blocks, carbon_file_findings

        found = carbon_file_findings(result.frame, file=name)
        result.findings = result.findings + found
        if blocks(found):
            result.frame = None
    if result.has_frame and result.template == "energy" and not result.errors:
        rows: Rows | None = result.spill if result.spill is not None else result.frame
        assert rows is not None
        found = plausibility(rows, store=store, file=name, accept=accept_implausible)
        result.findings = result.findings + found
        if any(f.level == "error" for f in found):
            result.frame = None
    if result.has_frame and result.template == "pollutant_emissions" and not result.errors:
        from ecer.services.pollutants import emission_plausibility

        assert result.frame is not None
        found = emission_plausibility(result.frame, store=store, file=name, source_rows=result.source_rows,
                                      header=result.columns.get("emissions", "emissions"), accept=accept_implausible)
        result.findings = result.findings + found
        if any(f.level == "error" for f in found):
            result.frame = None
    if result.has_frame and result.template == "pollutant_measures" and not result.errors and store is not None:
        from ecer.services.pollutants import measure_plausibility

        assert result.frame is not None
        found = measure_plausibility(result.frame, store=store, file=name, source_rows=result.source_rows,
                                     header=result.columns.get("measure_id", "measure_id"), accept=accept_implausible)
        result.findings = result.findings + found
        if any(f.level == "error" for f in found):
            result.frame = None
    if result.has_frame and result.template in ("transfer_indicators", "transfer_projects") and not result.errors:
        from ecer.services.transfer import transfer_file_findings  # issue 9 §3 (wt-transfer)

        assert result.frame is not None
        found = transfer_file_findings(result.frame, result.template, file=name, source_rows=result.source_rows,
                                       headers=result.columns)
        result.findings = result.findings + found
        if any(f.level == "error" for f in found):
            result.frame = None
    if result.has_frame and result.template == "indicator_values" and not result.errors and result.frame is not None:
        from ecer.services.indicators import file_findings

        found = file_findings(result.frame, file=name, source_rows=result.source_rows)
        result.findings = result.findings + _capped(found, name)
        if any(f.level == "error" for f in found):
            result.frame = None
    if result.has_frame and result.template == "sector_energy" and not result.errors and result.frame is not None:
        from ecer.services.sectors import sector_file_findings

        frame, found = sector_file_findings(result.frame, store=store, file=name, source_rows=result.source_rows,
                                            headers=result.columns, units=result.units, accept=accept_implausible)
        if result.spill is not None:  # a streamed file: the rows to load are the checked frame (sectors as codes)
            result.spill.close()
            result.spill = None
        result.frame = frame
        result.findings = result.findings + _capped(found, name)
        if any(f.level == "error" for f in found):
            result.frame = None
    return result


read_file = check_file  # the name the data-folder reader uses


def _check_units(result: IngestResult, name: str, store: Any, extra: dict[str, pl.DataFrame]) -> None:
    """The checks of a production_units or unit_performance file that need the store (or the same load)."""
    from ecer.services import benchmark_data

    assert result.frame is not None
    if result.template == "production_units":
        found = benchmark_data.check_enterprises(result.frame, result.source_rows, file=name,
                                                 header=result.columns.get("credit_code", "credit_code"), store=store,
                                                 extra=extra.get("enterprises"))
    else:
        result.frame, found = benchmark_data.enrich_performance(
            result.frame, result.source_rows, file=name, headers=result.columns, store=store,
            extra_units=extra.get("production_units"))
    result.findings = result.findings + _capped(found, name)
    if any(f.level == "error" for f in found):
        result.frame = None


def _capped(found: list[Finding], file: str, cap: int = DEFAULT_CAP) -> list[Finding]:
    """At most ``cap`` findings per code, the rest counted in one W_FINDINGS_TRUNCATED (as the ingest collector)."""
    kept: list[Finding] = []
    counts: dict[str, int] = {}
    for f in found:
        counts[f.code] = counts.get(f.code, 0) + 1
        if counts[f.code] <= cap:
            kept.append(f)
    kept += [make("W_FINDINGS_TRUNCATED", location=Location(file=file), finding_code=code, total=n, shown=cap)
             for code, n in counts.items() if n > cap]
    return kept


def _equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return bool(a == b)


def preview(store: Any, template: str, frame: Rows, *, file: str,
            present: set[str] | None = None) -> Preview:
    """Compare ``frame`` (validated, canonical columns) with the store's current rows of its table.

    ``present``: the columns the file itself has (``IngestResult.columns``). A column the file leaves out is not a
    change for a row already stored: the row keeps its stored value there (the template's default, e.g. 0, fills it
    for new rows only) — leaving a column out never overwrites what is stored."""
    from ecer.storage import TABLES

    table = _table_for(template)
    spec = TABLES[table]
    key = list(spec.key)
    values = [c for c in spec.columns if c not in key and c in frame.columns]
    store = _shared(store)  # the load's shared read (the plausibility checks read the same rows)
    current = store.current(table, ordered=False)  # joined on the key, the result put in file order: no sort needed
    if current.is_empty():
        return Preview(table, file, frame.height, 0, 0, [], frame)
    if isinstance(frame, Spill):  # compared with stored rows in memory (see docs/templates.md, "How a big file is read")
        frame = frame.collect()
    joined = frame.with_row_index("_i").join(
        current.select(*key, *[pl.col(c).alias(f"_old_{c}") for c in values]).with_columns(_stored=pl.lit(True)),
        on=key, how="left")
    absent = [c for c in values if present is not None and c not in present]
    if absent:  # stored rows keep what the file does not say
        joined = joined.with_columns([pl.when(pl.col("_stored").fill_null(False)).then(pl.col(f"_old_{c}"))
                                      .otherwise(pl.col(c)).alias(c) for c in absent])
    units = {c.name: c.canonical_unit for c in TEMPLATES[template].columns} if template in TEMPLATES else {}
    # Compared in the engine, column by column (``_same`` is ``_equal`` vectorised); only the rows with a change are
    # walked in Python, to list their changed values in row, then column, order.
    stored = pl.col("_stored").fill_null(False)
    joined = joined.sort("_i").with_columns(
        [_same(c, joined.schema[c], joined.schema[f"_old_{c}"]).alias(f"_same_{c}") for c in values])
    differs = stored & ~pl.all_horizontal([pl.col(f"_same_{c}") for c in values]) if values else pl.lit(False)
    joined = joined.with_columns(_changed=differs)
    changed = joined.filter("_changed")
    changes: list[Change] = []
    for r in changed.select(*key, *values, *[f"_old_{c}" for c in values], *[f"_same_{c}" for c in values]) \
            .iter_rows(named=True):
        for c in values:
            if not r[f"_same_{c}"]:
                changes.append(Change({k: r[k] for k in key}, c, r[f"_old_{c}"], r[c], units.get(c)))
    new_rows = int(joined.select((~stored).sum()).item())
    stored_rows = frame.height - new_rows
    keep = joined.filter(~stored | pl.col("_changed"))
    return Preview(table, file, new_rows, changed.height, stored_rows - changed.height, changes,
                   keep.select(frame.columns))


def _same(c: str, new_type: pl.DataType, old_type: pl.DataType) -> pl.Expr:
    """``_equal(new, old)`` for every row of column ``c`` at once: both empty; or equal; floats also when both NaN or
    within 1e-12 relative (``math.isclose(rel_tol=1e-12, abs_tol=0)``)."""
    new, old = pl.col(c), pl.col(f"_old_{c}")
    both_null, one_null = new.is_null() & old.is_null(), new.is_null() | old.is_null()
    if new_type.is_float() and old_type.is_float():
        close = new.is_finite() & old.is_finite() & ((new - old).abs() <= 1e-12 * pl.max_horizontal(new.abs(), old.abs()))
        eq = (new == old) | (new.is_nan() & old.is_nan()) | close
    else:
        eq = new == old
    return pl.when(both_null).then(True).when(one_null).then(False).otherwise(eq.fill_null(False))


def changes_frame(previews: list[Preview]) -> pl.DataFrame:
    """Every change of the previews as a table: file, key, column, old, new, unit (for the CLI and the API)."""
    rows = [{"file": p.file, "key": ", ".join(f"{k}={v}" for k, v in c.key.items()), "column": c.column,
             "old": "" if c.old is None else str(c.old), "new": "" if c.new is None else str(c.new),
             "unit": c.unit or ""} for p in previews for c in p.changes]
    return pl.DataFrame(rows, schema={k: pl.String for k in ("file", "key", "column", "old", "new", "unit")})


def _revision_error(previews: list[Preview]) -> Finding:
    changed = [p for p in previews if p.changes]
    files = "、".join(p.file for p in changed)
    sample = changed[0].changes[0]
    shown = ", ".join(f"{k}={v}" for k, v in sample.key.items())
    return make("E_REVISION_UNCONFIRMED", location=Location(file=changed[0].file),
                files=files, rows=sum(p.changed_rows for p in changed), values=sum(p.changed_values for p in changed),
                first=f"{shown} {sample.column}: {sample.old} → {sample.new}",
                changes=[{"file": p.file, "key": c.key, "column": c.column, "old": c.old, "new": c.new,
                          "unit": c.unit} for p in changed for c in p.changes][:MAX_CHANGES_LISTED])


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def load_frames(store: Any, template: str, frames: list[tuple[str, Rows]], *, who: str | None = None,
                why: str = "", revise: bool = False, present: dict[str, set[str]] | None = None,
                progress: Callable[[str, str], None] | None = None) -> tuple[list[Any], list[Finding], list[Preview]]:
    """Load validated frames ``(file name, frame)``: refuse (E_REVISION_UNCONFIRMED, nothing loaded) when a stored
    value would change and ``revise`` is False; otherwise load each file's new and changed rows atomically.
    ``present``: file name → the columns that file has (see :func:`preview`)."""
    table = _table_for(template)
    store = _shared(store)
    previews = [preview(store, template, frame, file=name, present=(present or {}).get(name))
                for name, frame in frames]
    if not revise and any(p.changes for p in previews):
        raise FindingsError([_revision_error(previews)])
    receipts, notes = [], []
    for p in previews:
        if p.to_load is not None and p.to_load.height:
            rows = p.to_load.paths if isinstance(p.to_load, Spill) else p.to_load  # parts: the engine reads them
            receipts.append(store.load(table, rows, file=p.file, who=who or _user(), why=why or f"load {p.file}"))
        if p.changed_rows:
            notes.append(make("I_REVISION_APPLIED", location=Location(file=p.file), file=p.file, rows=p.changed_rows,
                              values=p.changed_values))
        if p.unchanged_rows:
            notes.append(make("I_ROWS_UNCHANGED", location=Location(file=p.file), file=p.file, rows=p.unchanged_rows))
        if progress:
            progress("loaded", p.file)
    return receipts, notes, previews


def load_files(store: Any, template: str, paths: list[Path], *, who: str | None = None, why: str = "",
               sheet: str | None = None, revise: bool = False, accept_implausible: bool = False,
               progress: Callable[[str, Path], None] | None = None,
               with_files: list[tuple[str, Path]] | None = None) -> LoadOutcome:
    """Validate every file first; load them only if none has an error and every change is confirmed.

    ``progress(step, path)`` is called after each step ("checked", "loaded") for a progress bar. Raises
    ``FindingsError`` with the errors of every bad file (or the revision to confirm), having loaded nothing.
    ``with_files``: (template, path) of files of other templates loaded in the same load — checked first (in
    ``LOAD_ORDER``), so the main files may refer to them, and written in one store transaction with the main files.
    """
    _table_for(template)
    store = _shared(store)
    groups: dict[str, list[Path]] = {}
    for t, p in with_files or []:
        _table_for(t)
        groups.setdefault(t, []).append(Path(p))
    groups.setdefault(template, [])
    groups[template] += [Path(p) for p in paths]
    order = sorted(groups, key=lambda t: LOAD_ORDER.index(t) if t in LOAD_ORDER else -1)
    checked: dict[str, list[tuple[str, Rows]]] = {}
    extra: dict[str, pl.DataFrame] = {}
    present: dict[str, set[str]] = {}
    findings: list[Finding] = []
    for t in order:
        for p in groups[t]:
            result = check_file(p, t, store=store, sheet=sheet, accept_implausible=accept_implausible, extra=extra)
            if not result.has_frame and not result.errors:
                result.findings.append(make("E_FILE_EMPTY", location=Location(file=Path(p).name)))
            findings += result.findings
            if result.has_frame:
                rows = result.spill if result.spill is not None else result.frame
                assert rows is not None
                checked.setdefault(t, []).append((Path(p).name, rows))
                present[Path(p).name] = set(result.columns)
            if progress:
                progress("checked", Path(p))
        if t in checked and t in LOAD_ORDER:  # what later files of the load may refer to
            extra[t] = pl.concat([f if isinstance(f, pl.DataFrame) else f.collect() for _, f in checked[t]],
                                 how="diagonal_relaxed")
    try:
        return _load_checked(store, order, groups, checked, present, findings, who=who, why=why, revise=revise,
                             progress=progress)
    finally:  # the rows a big file spilled to disk are not needed once loaded (or refused)
        for files in checked.values():
            for _, f in files:
                if isinstance(f, Spill):
                    f.close()


def _load_checked(store: Any, order: list[str], groups: dict[str, list[Path]], checked: dict[str, list[tuple[str, Rows]]],
                  present: dict[str, set[str]], findings: list[Finding], *, who: str | None, why: str, revise: bool,
                  progress: Callable[[str, Path], None] | None) -> LoadOutcome:
    errors = [f for f in findings if f.level == "error"]
    if errors:
        raise FindingsError(errors + [f for f in findings if f.level != "error"])
    by_name = {Path(p).name: Path(p) for ps in groups.values() for p in ps}

    def step(what: str, name: str) -> None:
        if progress:
            progress(what, by_name[name])

    receipts: list[Any] = []
    notes: list[Finding] = []
    previews: list[Preview] = []
    if len(checked) > 1:
        # preview every table first: an unconfirmed revision in any file loads nothing
        pending = [preview(store, t, frame, file=n, present=present.get(n)) for t in order for n, frame in
                   checked.get(t, [])]
        if not revise and any(p.changes for p in pending):
            raise FindingsError([_revision_error(pending)])
    # several tables: one transaction for all of them (DuckDB); one table: as before, one store load per file
    with store.engine.writing() if len(checked) > 1 else contextlib.nullcontext():
        for t in order:
            r, n, pv = load_frames(store, t, checked.get(t, []), who=who, why=why, revise=revise, present=present,
                                   progress=step)
            receipts += r
            notes += n
            previews += pv
    return LoadOutcome(receipts, findings + notes, previews)


def load_file(store: Any, template: str, path: Path | str, *, who: str | None = None, why: str = "",
              sheet: str | None = None, revise: bool = False, accept_implausible: bool = False) -> Any:
    """Validate ``path`` and load it whole (see ``load_files``); returns the store's receipt (None when every row
    was already stored unchanged)."""
    out = load_files(store, template, [Path(path)], who=who, why=why, sheet=sheet, revise=revise,
                     accept_implausible=accept_implausible)
    return out.receipts[0] if out.receipts else None


def load_frame(store: Any, template: str, frame: pl.DataFrame, *, file: str, who: str | None = None,
               why: str = "", revise: bool = False) -> Any:
    """Load one validated frame (see ``load_frames``); returns the store's receipt or None."""
    receipts, _, _ = load_frames(store, template, [(file, frame)], who=who, why=why, revise=revise)
    return receipts[0] if receipts else None
