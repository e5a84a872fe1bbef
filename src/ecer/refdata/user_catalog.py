"""The user catalog: editions of reference tables that users imported (``ecer catalog import``), beside the shipped ones.

Where: ``$ECER_HOME/catalog/<table>/<edition>/`` (``ECER_HOME`` defaults to ``~/.ecer``), the same layout as the
package's ``ecer/refdata/<table>/<edition>/``: a ``manifest.toml`` (with ``origin = "user"`` and a ``provenance``
line: file, SHA-256, time of import) and its ``data.csv``. The catalog (:mod:`ecer.refdata.catalog`) lists user editions
with the shipped ones; a user edition named like a shipped one takes its place on load (the shipped one comes back when
the folder is deleted). Writes are atomic: the new edition is written to a temporary folder beside its place and
renamed into it, so a failed import leaves the catalog exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from ecer.refdata.index import user_root
from ecer.refdata.manifest import ColumnSpec, Manifest

__all__ = ["edition_dir", "manifest_toml", "remove_edition", "user_root", "write_edition"]


def edition_dir(name: str, edition: str) -> Path | None:
    """The folder of a user edition, or None when there is none."""
    folder = user_root() / name / edition
    return folder if (folder / "manifest.toml").is_file() else None


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _column(c: ColumnSpec) -> str:
    parts = [f"name = {_toml_value(c.name)}", f"type = {_toml_value(c.type)}"]
    if c.unit:
        parts.append(f"unit = {_toml_value(c.unit)}")
    if c.required:
        parts.append("required = true")
    if c.allowed is not None:
        parts.append(f"allowed = {_toml_value(c.allowed)}")
    if c.pattern:
        parts.append(f"pattern = {_toml_value(c.pattern)}")
    if c.description:
        parts.append(f"description = {_toml_value(c.description)}")
    return "  { " + ", ".join(parts) + " },"


def manifest_toml(m: Manifest) -> str:
    """A manifest as TOML text (what :func:`ecer.refdata.manifest.parse_manifest` reads back)."""
    lines = []
    for key in (
        "name",
        "title_zh",
        "title_en",
        "edition",
        "doc_no",
        "issued",
        "supersedes",
        "source",
        "data",
        "confidence_summary",
        "origin",
        "provenance",
    ):
        lines.append(f"{key} = {_toml_value(getattr(m, key))}")
    for key in ("key", "display", "gaps"):
        lines.append(f"{key} = {_toml_value(list(getattr(m, key)))}")
    lines.append("columns = [")
    lines += [_column(c) for c in m.columns]
    lines.append("]")
    return "\n".join(lines) + "\n"


def write_edition(m: Manifest, data: pl.DataFrame, *, replace: bool = False) -> Path:
    """Write one user edition atomically and return its folder.

    The manifest and the CSV are written to a temporary folder in the table's folder, then renamed into place;
    an existing user edition is replaced only with ``replace`` (else ``FileExistsError``), and only after the new
    one is complete.
    """
    table = user_root() / m.name
    table.mkdir(parents=True, exist_ok=True)
    final = table / m.edition
    if final.exists() and not replace:
        raise FileExistsError(str(final))
    tmp = Path(tempfile.mkdtemp(prefix=f".{m.edition}.", dir=table))
    try:
        (tmp / "manifest.toml").write_text(manifest_toml(m), encoding="utf-8")
        data.write_csv(tmp / m.data)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if final.exists():
        old = table / f".{m.edition}.old-{os.getpid()}"
        final.rename(old)
    try:
        tmp.rename(final)
    except BaseException:
        if old is not None:
            old.rename(final)  # put the previous edition back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def remove_edition(name: str, edition: str) -> bool:
    """Delete a user edition (the shipped edition of that name, if any, is used again); False if there was none."""
    folder = edition_dir(name, edition)
    if folder is None:
        return False
    shutil.rmtree(folder)
    return True
