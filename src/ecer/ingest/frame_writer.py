"""Write a frame in canonical columns and units as a file any ``ecer load`` reads back unchanged.

Headers are the template's bilingual names with the *canonical* unit (tce, MWh, 亿元; percent columns
as %), so no value is rescaled except fractions shown as percent.

>>> import polars as pl, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> f = pl.DataFrame({"region_code": ["110000"], "year": [2021], "intensity_reduction": [0.031], "source": ["x"]})
>>> _ = write_frame(f, "annual_targets", p)
>>> p.read_text(encoding="utf-8-sig").splitlines()[1]
'110000,2021,3.1,x'
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ecer.ingest.templates import TEMPLATES

CANONICAL_LABELS = {"tce": "tce", "MWh": "MWh", "yi_CNY": "亿元"}


def write_frame(frame: pl.DataFrame, template: str, path: str | Path) -> Path:
    """Write ``frame`` (canonical columns of ``template``) to ``path`` as CSV (UTF-8 with BOM)."""
    spec = TEMPLATES[template]
    out = {}
    for c in spec.columns:
        if c.name not in frame.columns:
            continue
        col = frame.get_column(c.name)
        if c.kind == "percent":
            out[f"{c.zh}（%）/ {c.name} (%)"] = (col * 100).round_sig_figs(15)
        elif c.canonical_unit:
            label = CANONICAL_LABELS.get(c.canonical_unit, c.canonical_unit)
            out[f"{c.zh}（{label}）/ {c.name} ({label})"] = col
        else:
            out[f"{c.zh} / {c.name}"] = col
    path = Path(path)
    with path.open("wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        pl.DataFrame(out).write_csv(fh)
    return path
