"""Use case: the carbon dual-control report of the stored data (issue 8 §3, §5) — the service's progress
(:func:`ecer.services.carbon.carbon_progress`) handed to the report writer (:mod:`ecer.reports.carbon_report`) as it
is. The API (``/api/carbon/report.*``), ``ecer carbon report`` and the demo call it.

>>> import inspect
>>> list(inspect.signature(write_store_report).parameters)
['store', 'path', 'region', 'settings', 'lang', 'data_source']
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ecer.reports.carbon_report import CarbonReportInput, write_carbon_report


def data_origin(origins: list[str]) -> str:
    """``synthetic`` when every stored row says so, ``partly synthetic`` when some do, else ``user``.

    >>> data_origin(["synthetic"]), data_origin(["synthetic", "user"]), data_origin([])
    ('synthetic', 'partly synthetic', 'user')
    """
    synthetic = {o for o in origins if "synthetic" in str(o).lower()}
    if not synthetic:
        return "user"
    return "synthetic" if synthetic == set(origins) else "partly synthetic"


def report_input(result: Any, *, as_of: str = "", data_source: str = "") -> CarbonReportInput:
    """The report's input from a :class:`ecer.services.carbon.CarbonResult`."""
    return CarbonReportInput(progress=result.progress, totals=result.totals, side=result.side,
                             findings=list(result.findings), meta=dict(result.meta),
                             data_origin=data_origin(list(result.meta.get("data_origin") or [])),
                             as_of=as_of or dt.date.today().isoformat(), data_source=data_source)


def write_store_report(store: Any, path: str | Path, *, region: str | None = None, settings: Any = None,
                       lang: str = "zh", data_source: str = "") -> Path:
    """Write the report of the stored ``carbon_energy`` data to ``path`` (.xlsx, .html or .pdf; ``lang`` zh or en).
    Raises ``FindingsError`` as :func:`ecer.services.carbon.carbon_progress` does (E_NO_DATA), E_UNKNOWN_NAME for
    another suffix, E_PDF_NO_CJK_FONT for a PDF without a CJK font."""
    from ecer.services.carbon import carbon_progress

    result = carbon_progress(store, settings=settings, region=region)
    source = data_source or ("ECER 数据库" if lang == "zh" else "the ECER store")
    return write_carbon_report(report_input(result, data_source=source), path, lang)
