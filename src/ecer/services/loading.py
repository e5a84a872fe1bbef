"""Use case: check and load user files into the store, atomically.

``check`` reads and validates without touching the store; ``load`` validates first and writes only a
file with no errors, in one atomic store load (a failed load leaves the store exactly as it was).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.findings import FindingsError, Location, make
from ecer.ingest import IngestResult, read_table

TEMPLATE_TABLES = {"regions": "regions", "energy": "energy", "targets": "targets", "annual_targets": "annual_targets",
                   "electricity_factors": "electricity_factors"}


def known_regions(store: Any = None, extra: pl.DataFrame | None = None) -> set[str]:
    """Region codes a data file may use: GB/T 2260 reference regions, the store's, and ``extra``'s."""
    codes = set(refdata.regions().get_column("region_code").to_list())
    if store is not None:
        codes |= set(store.current("regions").get_column("region_code").to_list())
    if extra is not None and "region_code" in extra.columns:
        codes |= set(extra.get_column("region_code").to_list())
    return codes


def read_file(path: Path | str, template: str | None, *, store: Any = None, sheet: str | None = None,
              extra_regions: pl.DataFrame | None = None) -> IngestResult:
    """Read and validate one file against a template (``None``: inferred from its headers).

    Region codes must be GB/T 2260 reference regions, the store's, or ``extra_regions``' (a regions
    file read alongside)."""
    path = Path(path)
    if not path.is_file():
        raise FindingsError([make("E_FILE_FORMAT", detail=f"{path} does not exist")])
    return read_table(path, template, filename=path.name, sheet=sheet,
                      known_regions=known_regions(store, extra_regions))


def _table_for(template: str) -> str:
    try:
        return TEMPLATE_TABLES[template]
    except KeyError:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板 / template", value=template,
                                  valid=", ".join(TEMPLATE_TABLES))]) from None


def load_frame(store: Any, template: str, frame: pl.DataFrame, *, file: str, who: str | None = None,
               why: str = "") -> Any:
    """Load a validated frame as a new version of its rows (atomic; returns the store's receipt)."""
    return store.load(_table_for(template), frame, file=file, who=who or _user(), why=why or f"load {file}")


def load_file(store: Any, template: str, path: Path | str, *, who: str | None = None, why: str = "",
              sheet: str | None = None) -> Any:
    """Validate ``path`` and load it whole, or raise ``FindingsError`` and load nothing."""
    path = Path(path)
    result = read_file(path, template, store=store, sheet=sheet)
    errors = [f for f in result.findings if f.level == "error"]
    if errors or result.frame is None:
        raise FindingsError(errors or [make("E_FILE_EMPTY")])
    return load_frame(store, template, result.frame, file=path.name, who=who, why=why)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def load_files(store: Any, template: str, paths: list[Path], *, who: str | None = None, why: str = "",
               sheet: str | None = None, progress: Callable[[str, Path], None] | None = None) -> list[Any]:
    """Validate every file first; load them only if none has an error (then each load is atomic).

    ``progress(step, path)`` is called after each step ("checked", "loaded") for a progress bar.
    Raises ``FindingsError`` with the errors of every bad file, having loaded nothing.
    """
    frames: list[tuple[Path, pl.DataFrame]] = []
    errors = []
    for p in paths:
        result = read_file(p, template, store=store, sheet=sheet)
        file_errors = [f for f in result.findings if f.level == "error"]
        if result.frame is None and not file_errors:
            file_errors = [make("E_FILE_EMPTY", location=Location(file=Path(p).name))]
        errors += file_errors
        if result.frame is not None:
            frames.append((Path(p), result.frame))
        if progress:
            progress("checked", Path(p))
    if errors:
        raise FindingsError(errors)
    receipts = []
    for p, frame in frames:
        receipts.append(load_frame(store, template, frame, file=p.name, who=who, why=why))
        if progress:
            progress("loaded", p)
    return receipts
