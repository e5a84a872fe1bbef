"""Use case: pollutant total-emission control (总量减排) — check and load the four templates, the emission ledger,
progress against the targets, and the decomposition of a reduction task (issue 8 §1–§2, §7).

Public functions (stable: the API, the dashboard and the reports build on them; every result is a dataclass with
``to_dict()`` for JSON, its frames as lists of records):

* :func:`check_pollutant_file` — validate a file of ``pollutant_emissions``, ``pollutant_measures``,
  ``pollutant_increments`` or ``pollutant_targets`` (the template inferred from its headers when not given), with
  the store's rows for the plausibility checks; nothing is written. The same checks as :func:`load_pollutant_file`
  (both go through :func:`ecer.services.loading.check_file`).
* :func:`load_pollutant_file` — the foundation's atomic load (:func:`ecer.services.loading.load_files`): any error
  loads nothing; a stored value that would change is shown (``E_REVISION_UNCONFIRMED`` with every change) and
  loaded only with ``revise=True`` (``--yes`` on the command line).
* :func:`emission_plausibility` — a 万吨/吨 slip: a region's emissions above the national total of the same pollutant
  (table ``pollutant_emissions_national``, 2020), or more than 10× (or less than a tenth of) the same region's
  emissions in the year before or after (the file's rows and the store's). Errors unless accepted.
* :func:`measure_plausibility` — a measure cutting more than its region's base-year emissions of the pollutant
  (a unit slip in its inputs); errors unless accepted.
* :func:`pollutant_ledger` → :class:`LedgerResult`: the core ledger (:func:`ecer.core.pollutants.ledger.account`)
  of the stored emissions (each series' earliest year is its base), measures (their reduction by method,
  :func:`ecer.core.pollutants.measures.measure_reductions`) and new emissions, with the reported emissions of
  later years beside the accounted ones.
* :func:`pollutant_progress` → :class:`ProgressResult`: percentage progress (a region's loaded target, else the
  national target of 国发〔2021〕33号, said so in ``I_POLLUTANT_NATIONAL_TARGET``) and key-project quantity progress
  (a loaded quantity, else the catalog's ``pollutant_key_project_reductions_14th``), with the barometer's grades,
  up to ``as_of_year``; ``summary`` has one row per region and pollutant in ``as_of_year``.
* :func:`measure_table` — the stored measures with the reduction each counts (the reduction-measures table);
  :func:`increment_table` — the stored new emissions, given or from the urban population.
* :func:`read_task_regions` and :func:`decompose_task` → :class:`DecompositionResult`: a user-given total split among
  the regions of a table by a named method (:func:`ecer.core.pollutants.decompose.decompose`).

Masses are in tonnes [t] throughout (the templates convert a 万吨 header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.pollutants import (
    account,
    decompose,
    measure_reductions,
    percentage_progress,
    quantity_progress,
)
from ecer.core.pollutants.decompose import METHODS as DECOMPOSITION_METHODS
from ecer.core.pollutants.decompose import Indicator
from ecer.core.pollutants.targets import key_project_assignments, national_base_emissions, national_targets
from ecer.findings import Finding, FindingsError, Location, make
from ecer.ingest import IngestResult
from ecer.models.pollutants import MEASURE_INPUTS, METHODS, POLLUTANTS

POLLUTANT_TEMPLATES = ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets")
JUMP_FACTOR = 10.0
"""A year's emissions more than this many times (or less than its inverse) the neighbouring year's are taken for a
unit slip (万吨 written under a 吨 header is 10⁻⁴; the factor leaves real closures and new plants alone)."""
NATIONAL_SOURCE = "国发〔2021〕33号 二（全国目标比照 / national target）"
CATALOG_DOC = "参考目录 pollutant_key_project_reductions_14th / catalog:"
"""The start of the source of a key-project quantity taken from the catalog (its document and clause follow)."""
MAX_LISTED = 20


def _frames(obj: Any) -> Any:
    """Frames as lists of records, recursively (for ``to_dict``)."""
    if isinstance(obj, pl.DataFrame):
        return obj.to_dicts()
    if isinstance(obj, Finding):
        return obj.model_dump()
    if isinstance(obj, dict):
        return {k: _frames(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_frames(v) for v in obj]
    return obj


@dataclass
class LedgerResult:
    """The ledger (``ecer.core.pollutants.ledger.LEDGER_COLUMNS`` + region_name, pollutant_zh,
    reported_emissions [t], reported_difference [t]) and the findings; ``measures``: each stored measure with its
    reduction (:func:`measure_table`); ``meta``: through_year, regions, pollutants, base years."""

    ledger: pl.DataFrame
    findings: list[Finding]
    measures: pl.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    def to_dict(self) -> dict[str, Any]:
        return _frames({"ledger": self.ledger, "measures": self.measures, "findings": self.findings,
                        "meta": self.meta})


@dataclass
class ProgressResult:
    """Progress as of ``as_of_year``: ``percentage`` (``PERCENT_COLUMNS`` + target_source, every year up to it),
    ``quantity`` (``QUANTITY_COLUMNS`` + target_source), ``summary`` (one row per region and pollutant in
    ``as_of_year``: emissions, both progresses and grades), the ledger they come from, and the findings."""

    as_of_year: int
    percentage: pl.DataFrame
    quantity: pl.DataFrame
    summary: pl.DataFrame
    ledger: LedgerResult
    findings: list[Finding]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    def to_dict(self) -> dict[str, Any]:
        return _frames({"as_of_year": self.as_of_year, "percentage": self.percentage, "quantity": self.quantity,
                        "summary": self.summary, "findings": self.findings, "meta": self.meta})


@dataclass
class DecompositionResult:
    """A decomposition: ``table`` (``ecer.core.pollutants.decompose.OUTPUT_COLUMNS``: weight, share, task [t],
    task_rate, reasons in Chinese and English), the total [t], the method and its settings, the findings."""

    table: pl.DataFrame
    total: float
    method: str
    findings: list[Finding]
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _frames({"table": self.table, "total": self.total, "method": self.method,
                        "method_zh": DECOMPOSITION_METHODS[self.method][0],
                        "method_en": DECOMPOSITION_METHODS[self.method][1],
                        "settings": self.settings, "findings": self.findings})


# --- files ------------------------------------------------------------------------------------------------------


def _template_of(path: Path, template: str | None) -> str | None:
    if template is not None and template not in POLLUTANT_TEMPLATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="模板 / template", value=template,
                                  valid=", ".join(POLLUTANT_TEMPLATES))])
    return template


def check_pollutant_file(path: Path | str, *, template: str | None = None, store: Any = None,
                         accept_implausible: bool = False) -> IngestResult:
    """Validate a pollutant file without loading it (``template``: one of ``POLLUTANT_TEMPLATES``, or None to infer
    it from the headers; a file of another template is ``E_UNKNOWN_NAME``). The findings are the ones
    :func:`load_pollutant_file` reports for the same file and store."""
    from ecer.services.loading import check_file

    p = Path(path)
    result = check_file(p, _template_of(p, template), store=store, accept_implausible=accept_implausible)
    _only_pollutant(result, p)
    return result


def _only_pollutant(result: IngestResult, path: Path) -> None:
    if result.template is not None and result.template not in POLLUTANT_TEMPLATES:
        raise FindingsError([make("E_UNKNOWN_NAME", location=Location(file=path.name),
                                  kind="污染物模板 / pollutant template", value=result.template,
                                  valid=", ".join(POLLUTANT_TEMPLATES))])


def load_pollutant_file(store: Any, path: Path | str, *, template: str | None = None, who: str | None = None,
                        why: str = "", revise: bool = False, accept_implausible: bool = False) -> Any:
    """Validate and load a pollutant file atomically (:func:`ecer.services.loading.load_files`); returns its
    ``LoadOutcome``. Raises ``FindingsError`` (nothing loaded) on any error, or ``E_REVISION_UNCONFIRMED`` listing
    every stored value that would change when ``revise`` is False."""
    from ecer.ingest.headers import HEADER_SEARCH_ROWS
    from ecer.services.loading import load_files

    p = Path(path)
    name = _template_of(p, template)
    if name is None:
        probe = check_pollutant_file(p, store=store, accept_implausible=accept_implausible)
        name = probe.template
        if name is None:
            raise FindingsError(probe.findings or [make("E_HEADER_NOT_FOUND", location=Location(file=p.name),
                                                        rows=HEADER_SEARCH_ROWS, template="/".join(POLLUTANT_TEMPLATES),
                                                        where=p.name)])
    return load_files(store, name, [p], who=who, why=why, revise=revise, accept_implausible=accept_implausible)


def emission_plausibility(frame: pl.DataFrame, *, store: Any = None, file: str | None = None,
                          source_rows: list[int] | None = None, header: str = "emissions",
                          accept: bool = False) -> list[Finding]:
    """Implausible emissions of a ``pollutant_emissions`` frame [t] (module docstring): above the national total
    of the pollutant (the catalog's 2020 figure; region 100000 itself is compared with nothing), or a jump of more
    than ``JUMP_FACTOR`` × from the same region's neighbouring year (the file's rows replace the store's of the same
    key). ``E_POLLUTANT_IMPLAUSIBLE`` at the file's row and column, or ``W_POLLUTANT_IMPLAUSIBLE`` when
    ``accept``."""
    code = "W_POLLUTANT_IMPLAUSIBLE" if accept else "E_POLLUTANT_IMPLAUSIBLE"
    rows = source_rows if source_rows is not None else list(range(1, frame.height + 1))
    mine = frame.select("region_code", "pollutant", "year", "emissions").with_columns(
        _row=pl.Series(rows, dtype=pl.Int64))
    context = mine
    if store is not None:
        stored = store.current("pollutant_emissions").select("region_code", "pollutant", "year", "emissions")
        if not stored.is_empty():
            stored = stored.join(mine, on=["region_code", "pollutant", "year"], how="anti")
            context = pl.concat([mine, stored.with_columns(_row=pl.lit(None, pl.Int64))])
    national = {r["pollutant"]: r["emissions"] for r in national_base_emissions().iter_rows(named=True)}
    out: list[Finding] = []

    def add(r: dict[str, Any], zh: str, en: str) -> None:
        out.append(make(code, location=Location(file=file, row=r["_row"], column=header), region=r["region_code"],
                        pollutant=r["pollutant"], year=r["year"], value=_fmt(r["emissions"]), reason_zh=zh,
                        reason_en=en))

    for r in mine.iter_rows(named=True):
        total = national.get(r["pollutant"])
        if r["region_code"] != "100000" and total is not None and r["emissions"] > total:
            add(r, f"超过 2020 年全国排放总量 {_fmt(total)} t（可能把吨填成了万吨的表头，或数值多乘了 10⁴）",
                f"above the 2020 national total of {_fmt(total)} t (tonnes under a 万吨 header, or a value 10⁴ too big)")
    ordered = context.sort("region_code", "pollutant", "year")
    prev = ordered.with_columns(
        _prev=pl.col("emissions").shift(1).over("region_code", "pollutant"),
        _prev_year=pl.col("year").shift(1).over("region_code", "pollutant"),
        _next=pl.col("emissions").shift(-1).over("region_code", "pollutant"),
        _next_year=pl.col("year").shift(-1).over("region_code", "pollutant"),
    ).filter(pl.col("_row").is_not_null())
    for r in prev.iter_rows(named=True):
        for other, year in ((r["_prev"], r["_prev_year"]), (r["_next"], r["_next_year"])):
            v = r["emissions"]
            if other is None or year is None or abs(year - r["year"]) != 1 or other <= 0 or v <= 0:
                continue  # a zero on either side gives no ratio: none, then some emissions, is no unit slip
            ratio = v / other
            if ratio > JUMP_FACTOR or ratio < 1 / JUMP_FACTOR:
                add(r, f"是 {year} 年 {_fmt(other)} t 的 {ratio:.4g} 倍（相差 {JUMP_FACTOR:g} 倍以上，可能是万吨/吨单位错误）",
                    f"{ratio:.4g} times the {_fmt(other)} t of {year} (over {JUMP_FACTOR:g}×: a 万吨/吨 slip?)")
                break
    return out


def measure_plausibility(frame: pl.DataFrame, *, store: Any, file: str | None = None,
                         source_rows: list[int] | None = None, header: str = "measure_id",
                         accept: bool = False) -> list[Finding]:
    """A measure whose reduction in its year (by its method) exceeds its region's base-year emissions of the
    pollutant in the store (the earliest stored year) — a 万吨/吨 or 万立方米/立方米 slip in its inputs:
    ``E_POLLUTANT_MEASURE_IMPLAUSIBLE`` at the file's row, or the warning when ``accept``. A measure whose series has
    no stored emissions is not compared (the ledger reports it, ``E_POLLUTANT_NO_BASE``)."""
    code = "W_POLLUTANT_MEASURE_IMPLAUSIBLE" if accept else "E_POLLUTANT_MEASURE_IMPLAUSIBLE"
    stored = store.current("pollutant_emissions")
    if stored.is_empty():
        return []
    base = stored.sort("year").group_by("region_code", "pollutant").first().select(
        "region_code", "pollutant", pl.col("emissions").alias("_base"))
    rows = source_rows if source_rows is not None else list(range(1, frame.height + 1))
    counted = measure_reductions(frame).with_columns(_row=pl.Series(rows, dtype=pl.Int64))
    over = counted.join(base, on=["region_code", "pollutant"], how="inner").filter(
        pl.col("reduction").abs() > pl.col("_base"))
    return [make(code, location=Location(file=file, row=r["_row"], column=header), measure=r["measure_id"],
                 record=f"{r['region_code']} {r['pollutant']} {r['year']}", value=_fmt(r["reduction"]),
                 base=_fmt(r["_base"])) for r in over.iter_rows(named=True)]


def _fmt(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


# --- ledger ----------------------------------------------------------------------------------------------------


def _names() -> dict[str, str]:
    from ecer import refdata

    return dict(zip(refdata.regions()["region_code"].to_list(), refdata.regions()["name_zh"].to_list(), strict=True))


def _region_names(store: Any) -> dict[str, str]:
    names = _names()
    own = store.current("regions")
    names.update(dict(zip(own["region_code"].to_list(), own["name_zh"].to_list(), strict=True)))
    return names


def _filtered(frame: pl.DataFrame, regions: list[str] | None, pollutants: list[str] | None) -> pl.DataFrame:
    if regions:
        frame = frame.filter(pl.col("region_code").is_in(regions))
    if pollutants:
        frame = frame.filter(pl.col("pollutant").is_in(pollutants))
    return frame


def _pollutant_codes(pollutants: list[str] | None) -> list[str] | None:
    """Pollutant codes from codes or any spelling the templates accept; an unknown one is E_UNKNOWN_NAME."""
    if not pollutants:
        return None
    from ecer.ingest.headers import norm
    from ecer.models.pollutants import POLLUTANT_ALIASES

    keys = {norm(k): v for k, v in POLLUTANT_ALIASES.items()}
    out = []
    for p in pollutants:
        code = keys.get(norm(p))
        if code is None:
            raise FindingsError([make("E_UNKNOWN_NAME", kind="污染物 / pollutant", value=p,
                                      valid=", ".join(f"{k} {zh}" for k, (zh, _) in POLLUTANTS.items()))])
        out.append(code)
    return out


def measure_table(store: Any, *, regions: list[str] | None = None, pollutants: list[str] | None = None) -> pl.DataFrame:
    """The stored measures (current versions) with the reduction each counts in its year [t]: region_code,
    pollutant, year, measure_id, method, method_zh, kind, kind_zh, reduction, the method's inputs, source, notes,
    data_origin — sorted by region, pollutant, year, measure."""
    from ecer.models.pollutants import MEASURE_KINDS

    stored = _filtered(store.current("pollutant_measures"), regions, _pollutant_codes(pollutants))
    if stored.is_empty():
        return pl.DataFrame(schema={"region_code": pl.String, "pollutant": pl.String, "year": pl.Int64,
                                    "measure_id": pl.String, "method": pl.String, "method_zh": pl.String,
                                    "kind": pl.String, "kind_zh": pl.String, "reduction": pl.Float64})
    counted = measure_reductions(stored)
    out = stored.drop("kind").with_columns(kind=counted["kind"], reduction=counted["reduction"])
    out = out.with_columns(
        method_zh=pl.col("method").replace_strict({k: v[0] for k, v in METHODS.items()}, default=pl.col("method")),
        kind_zh=pl.col("kind").replace_strict({k: v[0] for k, v in MEASURE_KINDS.items()}, default=pl.col("kind")),
    )
    first = ["region_code", "pollutant", "year", "measure_id", "method", "method_zh", "kind", "kind_zh", "reduction"]
    return out.select(*first, *[c for c in out.columns if c not in first]).sort(
        "region_code", "pollutant", "year", "measure_id")


def increment_table(store: Any, *, regions: list[str] | None = None,
                    pollutants: list[str] | None = None) -> pl.DataFrame:
    """The stored new emissions [t], each row's given figure or, when it is empty, the urban domestic increment of
    its population inputs (:func:`ecer.core.pollutants.accounting.domestic_increment`:
    ΔE_new = (P_t − P_{t−1}) · e · 365 · 10⁻⁶ t, e in g/(person·d)); ``new_emissions_basis`` says which
    (``given`` / ``population``)."""
    from ecer.core.pollutants.accounting import domestic_increment

    inc = _filtered(store.current("pollutant_increments"), regions, _pollutant_codes(pollutants))
    computed = domestic_increment(pl.col("urban_population"), pl.col("per_capita_g_d"),
                                  pl.col("urban_population_prev"), pl.col("per_capita_g_d"))
    return inc.with_columns(
        new_emissions_basis=pl.when(pl.col("new_emissions").is_not_null()).then(pl.lit("given"))
        .otherwise(pl.lit("population")),
        new_emissions=pl.coalesce(pl.col("new_emissions"), computed),
    )


def _no_data(detail: str) -> FindingsError:
    return FindingsError([make("E_POLLUTANT_NO_DATA", detail=detail)])


def pollutant_ledger(store: Any, *, regions: list[str] | None = None, pollutants: list[str] | None = None,
                     through_year: int | None = None) -> LedgerResult:
    """The emission ledger of the stored data, year by year (``ecer.core.pollutants.ledger``):
    E_t = E_{t−1} + ΔE_new − (R_eng + R_str + R_man) [t], from each region's and pollutant's base — its earliest
    stored emissions year. ``regions``: region codes; ``pollutants``: codes or names (化学需氧量, COD …);
    ``through_year``: the last year (default the last year of any measure or new-emission row).

    Emissions stored for later years are the *reported* emissions, set beside the accounted ones
    (``reported_emissions``, ``reported_difference`` = accounted − reported) and never replace them. A measure or
    new-emission row without its base is ``E_POLLUTANT_NO_BASE`` (the rest is still accounted). No emissions at all
    raises ``E_POLLUTANT_NO_DATA``."""
    codes = _pollutant_codes(pollutants)
    emissions = _filtered(store.current("pollutant_emissions"), regions, codes)
    if emissions.is_empty():
        scope = f"（地区 {', '.join(regions)}）" if regions else ""
        scope_en = f" (regions {', '.join(regions)})" if regions else ""
        raise _no_data(f"库中没有排放量数据{scope} / the store has no emissions{scope_en}")
    emissions = emissions.sort("region_code", "pollutant", "year")
    base = emissions.group_by("region_code", "pollutant", maintain_order=True).first().select(
        "region_code", "pollutant", "year", "emissions")
    measures = measure_table(store, regions=regions, pollutants=codes)
    inc = increment_table(store, regions=regions, pollutants=codes).select(
        "region_code", "pollutant", "year", "new_emissions")
    keys = base.select("region_code", "pollutant")
    findings: list[Finding] = []
    for what, frame in (("减排措施 / reduction measures", measures), ("新增量 / new emissions", inc)):
        orphan = frame.join(keys, on=["region_code", "pollutant"], how="anti")
        for r in orphan.iter_rows(named=True):
            label = f"{r['measure_id']} " if "measure_id" in r else ""
            findings.append(make("E_POLLUTANT_NO_BASE", location=Location(column="region_code"), what=what,
                                 record=f"{label}{r['region_code']} {r['pollutant']} {r['year']}"))
    m = measures.join(keys, on=["region_code", "pollutant"], how="semi").select(
        "region_code", "pollutant", "year", "measure_id", "kind", "reduction")
    i = inc.join(keys, on=["region_code", "pollutant"], how="semi")
    ledger, warnings = account(base, m, i, through_year=through_year)
    findings += warnings
    reported = emissions.join(base.select("region_code", "pollutant", "year"),
                              on=["region_code", "pollutant", "year"], how="anti").select(
        "region_code", "pollutant", "year", pl.col("emissions").alias("reported_emissions"))
    names = _region_names(store)
    ledger = ledger.join(reported, on=["region_code", "pollutant", "year"], how="left").with_columns(
        reported_difference=pl.col("emissions") - pl.col("reported_emissions"),
        region_name=pl.col("region_code").replace_strict(names, default=pl.col("region_code")),
        pollutant_zh=pl.col("pollutant").replace_strict({k: v[0] for k, v in POLLUTANTS.items()},
                                                        default=pl.col("pollutant")),
    )
    differs = ledger.filter(pl.col("reported_emissions").is_not_null()
                            & ((pl.col("reported_difference").abs()) > 0.005 * pl.col("reported_emissions")))
    for r in differs.head(MAX_LISTED).iter_rows(named=True):
        findings.append(make("I_POLLUTANT_REPORTED_DIFFERS", record=f"{r['region_code']} {r['pollutant']} {r['year']}",
                             accounted=_fmt(r["emissions"]), reported=_fmt(r["reported_emissions"]),
                             difference=f"{r['reported_difference'] / r['reported_emissions']:+.2%}"))
    meta = {
        "through_year": int(ledger["year"].max()) if ledger.height else through_year,  # type: ignore[arg-type]
        "regions": sorted(set(base["region_code"].to_list())),
        "pollutants": sorted(set(base["pollutant"].to_list())),
        "base_years": {f"{r['region_code']} {r['pollutant']}": r["year"] for r in base.iter_rows(named=True)},
        "unit": "t",
    }
    return LedgerResult(ledger, findings, measures, meta)


# --- progress --------------------------------------------------------------------------------------------------


def _targets(store: Any, ledger: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, list[Finding]]:
    """The percentage targets (region_code, pollutant, base_year, target_year, target_reduction, target_source) and
    the key-project quantities (region_code, pollutant, assigned, base_year, target_year, target_source) of the
    ledger's series: the loaded ones first, then the national percentage and the catalog's quantities."""
    stored = store.current("pollutant_targets")
    series = ledger.select("region_code", "pollutant", "base_year").unique()
    pct = stored.filter(pl.col("target_reduction").is_not_null()).select(
        "region_code", "pollutant", "base_year", "target_year", "target_reduction",
        pl.col("source").alias("target_source"))
    missing = series.join(pct, on=["region_code", "pollutant", "base_year"], how="anti")
    nat = national_targets().select("pollutant", "base_year", "target_year", "target_reduction")
    fallback = missing.join(nat, on=["pollutant", "base_year"], how="inner").with_columns(
        target_source=pl.lit(NATIONAL_SOURCE))
    findings: list[Finding] = []
    if fallback.height:
        f = fallback.sort("region_code", "pollutant")
        names = ", ".join(f"{r['region_code']} {r['pollutant']}" for r in f.head(MAX_LISTED).iter_rows(named=True))
        if f.height > MAX_LISTED:
            names += f" … (+{f.height - MAX_LISTED})"
        findings.append(make("I_POLLUTANT_NATIONAL_TARGET", count=f.height, series=names))
    pct = pl.concat([pct, fallback.select(pct.columns)])
    qty = stored.filter(pl.col("key_project_reduction").is_not_null()).select(
        "region_code", "pollutant", pl.col("key_project_reduction").alias("assigned"), "base_year", "target_year",
        pl.col("source").alias("target_source"))
    catalog = key_project_assignments().select(
        "region_code", "pollutant", "assigned", "base_year", "target_year",
        pl.concat_str(pl.lit(CATALOG_DOC + " "), pl.col("doc_no"), pl.lit(" "), pl.col("clause")).alias("target_source"))
    catalog = catalog.join(qty, on=["region_code", "pollutant", "base_year"], how="anti").join(
        series, on=["region_code", "pollutant", "base_year"], how="semi")
    qty = pl.concat([qty, catalog])
    return pct, qty, findings


def pollutant_progress(store: Any, *, as_of_year: int, regions: list[str] | None = None,
                       pollutants: list[str] | None = None, accounted: LedgerResult | None = None) -> ProgressResult:
    """Progress of every region and pollutant as of ``as_of_year`` (``ecer.core.pollutants.progress``):

    * against a percentage target T: D_t = 1 − E_t/E_0 beside the even pace R_t = 1 − (1 − T)^{t/5}; the year's
      change E_t/E_{t−1} − 1 graded against R_1 (一级 red: emissions rose; 二级 yellow: fell less than R_1;
      三级 green);
    * against a key-project quantity Q: achieved A_t = Σ reductions beside Q·t/5; the year's reductions graded
      against Q/5.

    Targets: a region's loaded ``pollutant_targets`` row first; else the national percentage of 国发〔2021〕33号
    (``I_POLLUTANT_NATIONAL_TARGET`` names the series) and the catalog's key-project quantities (8 provinces).
    The ledger runs to ``as_of_year``; a year after the last measure or new-emission row of the selection has no
    accounting and raises ``E_POLLUTANT_NO_DATA``, as does a year not after every base year. ``accounted``: the
    :func:`pollutant_ledger` of the same ``regions`` and ``pollutants`` already made, reused instead of accounting
    again."""
    led = accounted if accounted is not None else pollutant_ledger(store, regions=regions, pollutants=pollutants)
    last = led.meta.get("through_year")
    first_base = min(led.meta["base_years"].values())
    if last is None or as_of_year > last:
        raise _no_data(
            f"{as_of_year} 年没有减排措施或新增量数据（已核算到 {last or '—'} 年）/ no measure or new-emission rows for "
            f"{as_of_year} (accounted through {last or '—'})")
    if as_of_year <= first_base:
        raise _no_data(f"{as_of_year} 年不晚于基年 {first_base}，没有进度可言 / {as_of_year} is not after the base year "
                       f"{first_base}: there is no progress to measure")
    ledger = led.ledger.filter(pl.col("year") <= as_of_year)
    pct_targets, qty_targets, findings = _targets(store, ledger)
    findings = [*led.findings, *findings]
    percentage, f1 = percentage_progress(ledger, pct_targets.drop("target_source"))
    quantity, f2 = quantity_progress(ledger, qty_targets.drop("target_source"))
    findings += f1 + f2
    percentage = percentage.join(pct_targets.select("region_code", "pollutant", "base_year", "target_source"),
                                 on=["region_code", "pollutant", "base_year"], how="left")
    quantity = quantity.join(qty_targets.select("region_code", "pollutant", "base_year", "target_source"),
                             on=["region_code", "pollutant", "base_year"], how="left")
    now = ledger.filter(pl.col("year") == as_of_year).select(
        "region_code", "region_name", "pollutant", "pollutant_zh", "year", "base_year", "base_emissions",
        "emissions", "reduction_total", "new_emissions")
    p = percentage.filter(pl.col("year") == as_of_year).select(
        "region_code", "pollutant", "target_reduction", "target_year", "change_yoy", "reduction_cumulative", "required_cumulative",
        "progress_ratio", pl.col("on_pace").alias("percent_on_pace"), pl.col("target_met").alias("percent_met"),
        pl.col("grade").alias("percent_grade"), pl.col("color").alias("percent_color"),
        pl.col("target_source").alias("percent_source"))
    q = quantity.filter(pl.col("year") == as_of_year).select(
        "region_code", "pollutant", "assigned", "achieved_cumulative",
        pl.col("required_cumulative").alias("quantity_required"), "remaining", "achieved_share",
        pl.col("progress_ratio").alias("quantity_progress_ratio"), pl.col("on_pace").alias("quantity_on_pace"),
        pl.col("target_met").alias("quantity_met"), pl.col("grade").alias("quantity_grade"),
        pl.col("color").alias("quantity_color"), pl.col("target_source").alias("quantity_source"))
    summary = now.join(p, on=["region_code", "pollutant"], how="left").join(
        q, on=["region_code", "pollutant"], how="left").sort("region_code", "pollutant")
    meta = {**led.meta, "as_of_year": as_of_year, "plan_years": 5,
            "pace_quantity": "linear Q·t/n (ECER's assumption [C])", "unit": "t"}
    return ProgressResult(as_of_year, percentage, quantity, summary, led, findings, meta)


# --- decomposition ---------------------------------------------------------------------------------------------

TASK_COLUMNS = ("region_code", "base_emissions", "gap")


def read_task_regions(path: Path | str) -> tuple[pl.DataFrame, list[Finding]]:
    """The region table of a decomposition from a CSV or XLSX file: region_code, base_emissions [t] (a header in
    万吨 is converted: ``基年排放量（万吨）``), optional gap [1] and any indicator columns (numbers, named as in the
    header). Returns the frame and findings (errors name the file, row and column); the frame is empty when a
    needed column is missing."""
    from ecer.ingest.headers import norm
    from ecer.ingest.sources import SourceError
    from ecer.units import factor

    p = Path(path)
    if not p.is_file():
        raise FindingsError([make("E_FILE_FORMAT", location=Location(file=p.name),
                                  detail=f"{p} 不存在 / {p} does not exist")])
    try:
        raw = pl.read_csv(p, infer_schema=False) if p.suffix.lower() == ".csv" else pl.read_excel(p, infer_schema_length=0)
    except (pl.exceptions.PolarsError, SourceError, OSError, ValueError) as exc:
        raise FindingsError([make("E_FILE_FORMAT", location=Location(file=p.name), detail=str(exc)[:200])]) from None
    names = {"region_code": ("region_code", "地区代码", "行政区划代码", "代码"),
             "base_emissions": ("base_emissions", "基年排放量", "排放量"), "gap": ("gap", "质量差距", "差距")}
    renames: dict[str, str] = {}
    scale: dict[str, float] = {}
    findings: list[Finding] = []
    for c in raw.columns:
        head = c.split("/")[0].strip()
        unit = None
        for o, cl in (("（", "）"), ("(", ")")):
            if o in head and head.endswith(cl):
                head, unit = head[: head.index(o)].strip(), head[head.index(o) + 1: -1]
        target = next((k for k, vs in names.items() if norm(head) in {norm(v) for v in vs}), None)
        if target is None:
            target = c.split("/")[-1].strip().split(" (")[0].split("（")[0].strip() or c
        if target == "base_emissions":
            try:
                scale[target] = factor(unit or "t", "t")
            except (ValueError, Exception):  # noqa: BLE001 - an unknown unit is reported, never guessed
                findings.append(make("E_UNIT_MISMATCH", location=Location(file=p.name, column=c), column=c,
                                     found=unit, expected="吨 / t, 万吨"))
        renames[c] = target
    frame = raw.rename(renames)
    for need in ("region_code", "base_emissions"):
        if need not in frame.columns:
            findings.append(make("E_HEADER_MISSING", location=Location(file=p.name), column=need,
                                 template="pollutant_emissions"))
    if findings:
        return pl.DataFrame(), findings
    numeric = [c for c in frame.columns if c != "region_code"]
    out = frame.with_columns(pl.col(c).str.strip_chars().cast(pl.Float64, strict=False) for c in numeric)
    for c in numeric:
        bad = frame.with_row_index("_i", 2).filter(pl.col(c).is_not_null() & out[c].is_null())
        for r in bad.iter_rows(named=True):
            header = next((h for h, t in renames.items() if t == c), c)
            findings.append(make("E_NOT_NUMBER", location=Location(file=p.name, row=r["_i"], column=header),
                                 value=r[c]))
    if "base_emissions" in scale:
        out = out.with_columns((pl.col("base_emissions") * scale["base_emissions"]).round_sig_figs(15))
    return out.with_columns(pl.col("region_code").str.strip_chars()), findings


def decompose_task(regions: pl.DataFrame, *, total: float, method: str = "base_proportional",
                   gap_factor: float = 1.0, indicators: list[Indicator] | None = None,
                   floor: float = 0.0) -> DecompositionResult:
    """Split ``total`` [t] among the ``regions`` (region_code, base_emissions [t], and gap [1] for
    ``burden_weighted`` or the indicators' columns for ``composite_index``) by ``method``
    (:data:`ecer.core.pollutants.decompose.METHODS`): T_i = T·w_i/Σw_j, so the tasks add up to T; each row gives the
    region's share and the reason in Chinese and English. Bad input raises ``FindingsError`` naming the region and
    column; an unknown method is ``E_UNKNOWN_NAME``."""
    table, findings = decompose(regions, total, method, gap_factor=gap_factor, indicators=tuple(indicators or ()),
                                floor=floor)
    settings: dict[str, Any] = {"gap_factor": gap_factor, "floor": floor,
                                "indicators": [{"column": i.column, "weight": i.weight, "direction": i.direction}
                                               for i in indicators or ()], "unit": "t"}
    return DecompositionResult(table, float(total), method, findings, settings)


__all__ = [
    "JUMP_FACTOR",
    "MEASURE_INPUTS",
    "POLLUTANT_TEMPLATES",
    "DecompositionResult",
    "LedgerResult",
    "ProgressResult",
    "check_pollutant_file",
    "decompose_task",
    "emission_plausibility",
    "increment_table",
    "load_pollutant_file",
    "measure_plausibility",
    "measure_table",
    "pollutant_ledger",
    "pollutant_progress",
    "read_task_regions",
]
