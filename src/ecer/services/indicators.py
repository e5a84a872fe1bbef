"""Key-project indicators in the services: the catalogue, check and load the ``indicator_values`` template, and the
progress and status of the stored values (issue 8 §4; docs/indicators.md).

* :func:`indicator_catalogue` — the indicators of the reference table ``targets_gf2021_33``;
* :func:`file_findings` — the catalogue checks a file must pass before it loads (the same for ``ecer indicators
  check``, ``ecer indicators load``, ``ecer check``/``ecer load`` and the upload API);
* :func:`check_indicator_file`, :func:`load_indicators` — as the other templates (atomic, preview, revisions need
  ``revise``);
* :func:`indicator_progress` — every stored value against its target, per region, indicator and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer import refdata
from ecer.core.indicators import (
    PROGRESS_COLUMNS,
    Indicator,
    by_code,
    catalogue,
    check_values,
    latest,
    progress,
)
from ecer.findings import Finding, FindingsError, make

TEMPLATE = "indicator_values"
CATALOGUE_TABLE = "targets_gf2021_33"


def indicator_catalogue(edition: str | None = None) -> list[Indicator]:
    """The key-project indicators (reference table ``targets_gf2021_33``, the edition given or the current one)."""
    return catalogue(refdata.load(CATALOGUE_TABLE, edition).frame)


def file_findings(frame: pl.DataFrame, *, file: str | None = None,
                  source_rows: list[int] | None = None) -> list[Finding]:
    """The catalogue findings of a validated ``indicator_values`` frame (errors keep it from loading)."""
    return check_values(frame, indicator_catalogue(), file=file, source_rows=source_rows)


def check_indicator_file(path: Path | str, *, store: Any = None) -> Any:
    """Validate an ``indicator_values`` file (no store change): the template's checks and the catalogue's."""
    from ecer.services.loading import check_file

    return check_file(path, TEMPLATE, store=store)


def load_indicators(store: Any, path: Path | str, *, who: str | None = None, why: str = "",
                    revise: bool = False) -> Any:
    """Validate and load an ``indicator_values`` file atomically (see ``ecer.services.loading.load_files``)."""
    from ecer.services.loading import load_files

    return load_files(store, TEMPLATE, [Path(path)], who=who, why=why, revise=revise)


def unknown_indicator(code: str) -> FindingsError:
    known = ", ".join(i.code for i in indicator_catalogue()[:6])
    return FindingsError([make("E_INDICATOR_UNKNOWN", where_zh="指标参数", where_en="--indicator", indicator=code, known=known)])


def check_region(store: Any, region: str) -> None:
    """A malformed code is E_REGION_MALFORMED; one neither the GB/T 2260 catalog nor the store knows E_REGION_UNKNOWN."""
    import re

    from ecer.findings import Location
    from ecer.services.loading import known_regions

    if not re.fullmatch(r"\d{6}", region):
        raise FindingsError([make("E_REGION_MALFORMED", location=Location(column="region_code"), value=region)])
    if region not in known_regions(store):
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region_code"), value=region)])


@dataclass
class IndicatorResult:
    """Progress of every stored value (:data:`ecer.core.indicators.PROGRESS_COLUMNS`), the latest year of each
    region and indicator, the indicators concerned, the findings, and what was used."""

    progress: pl.DataFrame
    latest: pl.DataFrame
    indicators: list[Indicator]
    findings: list[Finding]
    meta: dict[str, Any] = field(default_factory=dict)


def indicator_progress(store: Any, *, region: str | None = None, indicator: str | None = None,
                       year: int | None = None) -> IndicatorResult:
    """The stored ``indicator_values`` against their targets, for a region and an indicator (or all), up to ``year``.

    Raises ``FindingsError``: ``E_INDICATOR_UNKNOWN`` for an indicator not in the catalogue, ``E_INDICATOR_NO_DATA``
    when the store has no values (for the region, indicator, years)."""
    cat = indicator_catalogue()
    codes = by_code(cat)
    if indicator is not None and indicator not in codes:
        raise unknown_indicator(indicator)
    if region is not None:
        check_region(store, region)
    filters: dict[str, Any] = {}
    if region:
        filters["region_code"] = region
    if indicator:
        filters["indicator_code"] = indicator
    data = store.current(TEMPLATE, **filters)
    if year is not None and not data.is_empty():
        data = data.filter(pl.col("year") <= year)
    if data.is_empty():
        what = " ".join(x for x in (region, indicator, f"≤{year}" if year else None) if x)
        raise FindingsError([make("E_INDICATOR_NO_DATA", detail=(f"没有 {what} 的指标数值 / no indicator values for {what}"
                                                                 if what else "库中没有指标数值 / the store has no "
                                                                 "indicator values"))])
    frames: list[pl.DataFrame] = []
    findings: list[Finding] = []
    used: list[Indicator] = []
    for code in sorted(set(data["indicator_code"].to_list()), key=lambda c: [i.code for i in cat].index(c)
                       if c in codes else 999):
        ind = codes.get(code)
        if ind is None:  # a code that left the catalogue after it was loaded: say so, never drop silently
            findings.append(make("E_INDICATOR_UNKNOWN", where_zh="库中的数值", where_en="stored values", indicator=code,
                                 known=", ".join(list(codes)[:6])))
            continue
        out, f = progress(data.filter(pl.col("indicator_code") == code), ind)
        frames.append(out)
        findings += f
        used.append(ind)
    prog = pl.concat(frames) if frames else pl.DataFrame(schema={c: pl.String for c in PROGRESS_COLUMNS})
    origins = sorted(set(data["data_origin"].drop_nulls().to_list())) if "data_origin" in data.columns else []
    meta = {"pace": "even geometric path from the base value to a level or a reduction R_t = 1 − (1 − T)^(t/n); "
                    "even linear pace Q·t/n for an amount [C]",
            "base_year_note": "rows of 国发〔2021〕33号 without a base year are read against 2020 [C]",
            "data_origin": origins, "region": region, "indicator": indicator, "year": year}
    return IndicatorResult(progress=prog, latest=latest(prog), indicators=used, findings=findings, meta=meta)


def data_origin(data: pl.DataFrame) -> str:
    """``synthetic`` when every stored value says so, ``partly synthetic`` when some do, else ``user``/``official``.

    >>> data_origin(pl.DataFrame({"data_origin": ["synthetic", "user"]}))
    'partly synthetic'
    """
    origins = set(data["data_origin"].drop_nulls().to_list()) if "data_origin" in data.columns else set()
    synthetic = {o for o in origins if "synthetic" in str(o)}
    if synthetic:
        return "synthetic" if synthetic == origins else "partly synthetic"
    return "official" if origins == {"official"} else "user"


def write_store_report(store: Any, path: str | Path, *, region: str | None = None, indicator: str | None = None,
                       year: int | None = None, lang: str = "zh", data_source: str = "") -> Path:
    """Write the indicator report of the stored values to ``path`` (.xlsx, .html or .pdf). Raises ``FindingsError``
    as :func:`indicator_progress` does, E_UNKNOWN_NAME for another suffix, E_PDF_NO_CJK_FONT without a CJK font."""
    import datetime as dt

    from ecer.reports.indicator_report import IndicatorReportInput, write_indicator_report

    res = indicator_progress(store, region=region, indicator=indicator, year=year)
    origins = res.meta["data_origin"]
    data = IndicatorReportInput(progress=res.progress, indicators=res.indicators, findings=res.findings,
                                data_origin=data_origin(pl.DataFrame({"data_origin": origins}, schema={
                                    "data_origin": pl.String})),
                                as_of=dt.date.today().isoformat(),
                                data_source=data_source or ("ECER 数据库" if lang == "zh" else "the ECER store"))
    return write_indicator_report(data, path, lang)
