"""A validated frame kept on disk, batch by batch: Parquet parts in a temporary folder (``Spill``).

A big file validated in batches (``ingest.batched``) writes each batch's canonical rows here instead of holding them
all, so the whole file is never one frame in memory. Readers scan the parts lazily (``lazy()``: polars reads only
the columns and rows a plan needs) or hand the paths to the store, whose engine reads them itself (``Store.load``
with a ``Spill``: DuckDB's ``read_parquet`` inside the load's transaction). The folder is removed when the spill is
closed or garbage-collected; a killed process leaves it in the system's temporary folder, never in the store.

>>> import polars as pl
>>> s = Spill()
>>> s.write(pl.DataFrame({"a": [1, 2]})); s.write(pl.DataFrame({"a": [3]}))
>>> s.height, s.lazy().select(pl.col("a").sum()).collect().item()
(3, 6)
>>> s.close(); s.paths
[]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl


class Spill:
    """Parquet parts of one validated frame, in file order (all with the same schema)."""

    def __init__(self) -> None:
        self._dir: tempfile.TemporaryDirectory[str] | None = tempfile.TemporaryDirectory(prefix="ecer-spill-")
        self.paths: list[Path] = []
        self.height = 0
        self.schema: pl.Schema | None = None

    def write(self, frame: pl.DataFrame) -> None:
        """Append one batch (uncompressed-fast LZ4 Parquet, no statistics: it is read once, whole)."""
        assert self._dir is not None, "a closed spill"
        path = Path(self._dir.name) / f"part-{len(self.paths):05d}.parquet"
        frame.write_parquet(path, compression="lz4", statistics=False)
        self.paths.append(path)
        self.height += frame.height
        self.schema = self.schema or frame.schema

    @property
    def columns(self) -> list[str]:
        return [] if self.schema is None else list(self.schema.names())

    def lazy(self) -> pl.LazyFrame:
        """The rows as a lazy scan of the parts (nothing is read until collected)."""
        if not self.paths:
            return pl.LazyFrame(schema=self.schema)
        return pl.scan_parquet([str(p) for p in self.paths])

    def collect(self) -> pl.DataFrame:
        """The whole frame in memory (for callers that need it; the load and the checks do not)."""
        return self.lazy().collect()

    def close(self) -> None:
        """Remove the parts (idempotent)."""
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
        self.paths = []
