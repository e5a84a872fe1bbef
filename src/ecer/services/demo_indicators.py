"""The demo's key-project indicator values (issue 8 §7): a bundled, **synthetic** file
(``ecer/demo/indicators/indicator_values_demo.csv``: 4 provinces, 2020–2024, six indicators of 国发〔2021〕33号 and one
qualitative one), loaded through the ordinary ``indicator_values`` load, and the indicator report written from it.

Every row has ``data_origin = synthetic`` and the note ``SYNTHETIC 合成演示数据（非官方）``; the reports and the page say
so (the synthetic banner). The figures are invented: they describe no real province.

>>> import polars as pl
>>> pl.read_csv(DEMO_FILE, schema_overrides={"region_code": pl.String})["data_origin"].unique().to_list()
['synthetic']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "indicators" / "indicator_values_demo.csv"


def load_demo_indicators(store: Any, out: Path, console: Any = None) -> dict[str, Path]:
    """``ecer demo``: load the bundled synthetic values and write the indicator report under ``out/indicators``
    (xlsx, html and, with a CJK font, pdf). Returns kind → file."""
    from ecer.findings import FindingsError
    from ecer.services.indicators import load_indicators, write_store_report

    load_indicators(store, DEMO_FILE, who="ecer demo", why="synthetic demo key-project indicator values (issue 8 §7)")
    folder = out / "indicators"
    files = {"indicator_values": DEMO_FILE}
    for fmt in ("xlsx", "html", "pdf"):
        path = folder / f"indicator_report.{fmt}"
        try:
            files[f"report {fmt}"] = write_store_report(store, path, data_source="ECER 演示数据库（合成数据）")
        except FindingsError as exc:  # no CJK font for the PDF: say so, keep the others
            if console is not None:
                console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
    return files
