"""Use case: the pollutant total-emission control report of the stored data (issue 8 §5) — the service's progress
(:func:`ecer.services.pollutants.pollutant_progress`) handed to the report writer
(:mod:`ecer.reports.pollutant_report`) as it is. The API (``/api/pollutants/report.*``) calls it; so can the CLI
and the demo.

>>> import inspect
>>> list(inspect.signature(write_store_report).parameters)
['store', 'path', 'as_of_year', 'regions', 'pollutants', 'lang', 'data_source']
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl

from ecer.reports.pollutant_report import PollutantReportInput, write_pollutant_report


def data_origin(measures: pl.DataFrame) -> str:
    """``synthetic`` when every stored measure says so, ``partly synthetic`` when some do, else ``user`` (the
    ``data_origin`` codes the reports word: 模拟（演示用合成数据）, 部分模拟, 用户提供).

    >>> data_origin(pl.DataFrame({"data_origin": ["synthetic", "synthetic"]})), data_origin(pl.DataFrame())
    ('synthetic', 'user')
    """
    if "data_origin" not in measures.columns:
        return "user"
    origins = set(measures["data_origin"].drop_nulls().to_list())
    synthetic = {o for o in origins if "synthetic" in str(o).lower()}
    if not synthetic:
        return "user"
    return "synthetic" if synthetic == origins else "partly synthetic"


def report_input(result: Any, *, as_of: str = "", data_source: str = "") -> PollutantReportInput:
    """The report's input from a :class:`ecer.services.pollutants.ProgressResult`: its ledger and measures up to
    ``as_of_year``, its percentage and quantity progress, every finding."""
    measures = result.ledger.measures
    return PollutantReportInput(
        ledger=result.ledger.ledger.filter(pl.col("year") <= result.as_of_year),
        progress=result.percentage,
        quantity=result.quantity,
        measures=measures.filter(pl.col("year") <= result.as_of_year),
        findings=list(result.findings),
        data_origin=data_origin(measures),
        as_of=as_of or dt.date.today().isoformat(),
        data_source=data_source,
    )


def write_store_report(store: Any, path: str | Path, *, as_of_year: int, regions: list[str] | None = None,
                       pollutants: list[str] | None = None, lang: str = "zh", data_source: str = "") -> Path:
    """Write the report of the stored data as of ``as_of_year`` to ``path`` (.xlsx, .html or .pdf; ``lang`` zh or
    en). Raises ``FindingsError`` as :func:`ecer.services.pollutants.pollutant_progress` does (E_POLLUTANT_NO_DATA
    saying what to load), E_UNKNOWN_NAME for another suffix, E_PDF_NO_CJK_FONT for a PDF without a CJK font."""
    from ecer.services.pollutants import pollutant_progress

    result = pollutant_progress(store, as_of_year=as_of_year, regions=regions, pollutants=pollutants)
    source = data_source or ("ECER 数据库" if lang == "zh" else "the ECER store")
    return write_pollutant_report(report_input(result, data_source=source), path, lang)
