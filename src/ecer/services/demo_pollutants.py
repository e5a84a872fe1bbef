"""The demo's pollutant data (issue 8 §7): the real 2020 national totals split among the 31 demo provinces, and
seeded synthetic measures of every method and new emissions for 2021–2023, in the four pollutant templates.

* **Base (2020)**: the national totals of COD, NH3-N, NOx and VOCs (catalog table ``pollutant_emissions_national``,
  real) split among the provinces in proportion to their demo energy use (``demo/calibration/provinces.csv``,
  ``energy_2020_wan_tce``) with :func:`ecer.core.pollutants.decompose` (base-proportional) — so the provinces add
  up to the national total exactly (to the hundredth of a tonne). The split is **synthetic**.
* **Measures and new emissions (2021–2023)**, all **synthetic** (``data_origin`` = synthetic, ``notes`` say so):
  per province, pollutant and year a cut of a drawn share of the base (``yearly_cut_share``; a share of the series
  cut too little, so the barometer has red and yellow grades to show), split among the methods of
  ``params.json`` ``methods``, each measure's inputs worked back from the reduction it should count: a sewage plant
  removes R·k more than the year before (k ∈ ``removed_over_reduction``), V = removed / (C_in − C_out) / 10⁻⁶; an
  efficiency raise η_prev → η on G = R / (η − η_prev); a closure's previous-year emissions R; a management measure
  R a year from a drawn month (counted from the next month, and the rest the year after, within 2023); reported
  VOCs reductions as given. New emissions are a drawn share of the base (COD and NH3-N noted as the urban
  population growth × the per-capita coefficient that gives them).
* Targets: none are loaded — the progress uses the national percentages of 国发〔2021〕33号 (and says so) and the
  catalog's key-project quantities of the 8 provinces it has.

Parameters: ``ecer/demo/pollutants/params.json``. Same seed → the same files, byte for byte.

>>> d = generate()
>>> sorted(d), d["pollutant_emissions"].height  # 31 provinces × 4 pollutants
(['pollutant_emissions', 'pollutant_increments', 'pollutant_measures'], 124)
"""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.pollutants import decompose
from ecer.core.pollutants.targets import national_base_emissions
from ecer.ingest.templates import TEMPLATES
from ecer.models.pollutants import POLLUTANTS

PARAMS = Path(__file__).resolve().parent.parent / "demo" / "pollutants" / "params.json"
CALIBRATION = Path(__file__).resolve().parent.parent / "demo" / "calibration" / "provinces.csv"
SYNTHETIC_NOTE = "SYNTHETIC 合成演示数据（非官方）/ synthetic demo data, not official"
PERCENT_INPUTS = ("eta", "eta_prev")


def params() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PARAMS.read_text(encoding="utf-8"))
    return data


def provincial_base() -> pl.DataFrame:
    """2020 emissions by province [t]: the national totals split by demo energy use, adding up exactly (in hundredths
    of a tonne) to the national figure of each pollutant."""
    cal = pl.read_csv(CALIBRATION, schema_overrides={"region_code": pl.String}).select(
        "region_code", pl.col("energy_2020_wan_tce").cast(pl.Float64).alias("base_emissions"))
    national = national_base_emissions().filter(pl.col("pollutant").is_in(list(POLLUTANTS)))
    rows = []
    for r in national.iter_rows(named=True):
        split, _ = decompose(cal, r["emissions"], "base_proportional")
        cents = [round(t * 100) for t in split["task"].to_list()]
        k = max(range(len(cents)), key=lambda i: cents[i])
        cents[k] += round(r["emissions"] * 100) - sum(cents)  # the rounding residual on the largest province
        rows += [{"region_code": c, "pollutant": r["pollutant"], "year": r["year"], "emissions": v / 100}
                 for c, v in zip(split["region_code"].to_list(), cents, strict=True)]
    return pl.DataFrame(rows)


def _u(rng: random.Random, lo_hi: list[float]) -> float:
    return rng.uniform(lo_hi[0], lo_hi[1])


def _r(x: float, digits: int = 2) -> float:
    return round(x, digits)


def generate(p: dict[str, Any] | None = None) -> dict[str, pl.DataFrame]:
    """The three demo tables as a user fills the templates (canonical column names; efficiencies in percent)."""
    p = p or params()
    rng = random.Random(p["seed"])
    base = provincial_base()
    years: list[int] = p["years"]
    measures: list[dict[str, Any]] = []
    increments: list[dict[str, Any]] = []
    for b in base.sort("region_code", "pollutant").iter_rows(named=True):
        region, poll, e0 = b["region_code"], b["pollutant"], b["emissions"]
        slack = rng.random() < p["share_of_series_cutting_too_little"]
        for y in years:
            cut = e0 * (_u(rng, p["too_little_cut_share"]) if slack else _u(rng, p["yearly_cut_share"]))
            new = e0 * _u(rng, p["yearly_new_share"])
            note = SYNTHETIC_NOTE
            if poll in p["per_capita_g_per_day"]:
                coef = p["per_capita_g_per_day"][poll]
                note += f"；约合城镇人口增加 {new / (coef * 365e-6):,.0f} 人 × {coef} g/人/日"
            increments.append({"region_code": region, "pollutant": poll, "year": y, "new_emissions": _r(new),
                               "source": "ecer demo", "notes": note, "data_origin": "synthetic"})
            for method, share in p["methods"][poll].items():
                measures += _measures(rng, p, region, poll, y, method, cut * share, years[-1])
    emissions = base.with_columns(source=pl.lit("国家 2020 年排放总量按演示能耗比例分配 / national 2020 total split by "
                                                "demo energy use"), notes=pl.lit(SYNTHETIC_NOTE),
                                  data_origin=pl.lit("synthetic"))
    return {"pollutant_emissions": emissions, "pollutant_measures": pl.DataFrame(measures, infer_schema_length=None),
            "pollutant_increments": pl.DataFrame(increments)}


def _measures(rng: random.Random, p: dict[str, Any], region: str, poll: str, year: int, method: str,
              reduction: float, last_year: int) -> list[dict[str, Any]]:
    mid = f"{region}-{poll}-{year}-{method}"
    row: dict[str, Any] = {"region_code": region, "pollutant": poll, "year": year, "measure_id": mid,
                           "method": method, "source": "ecer demo", "notes": SYNTHETIC_NOTE,
                           "data_origin": "synthetic"}
    if method == "sewage_plant":
        c_in, c_out = _u(rng, p["influent_mg_l"][poll]), _u(rng, p["effluent_mg_l"][poll])
        removed = reduction * _u(rng, p["removed_over_reduction"])
        volume = removed / ((c_in - c_out) * 1e-6)
        return [row | {"volume_m3": _r(volume, 0), "c_in_mg_l": _r(c_in, 1), "c_out_mg_l": _r(c_out, 1),
                       "removed_prev_t": _r(removed - reduction)}]
    if method == "efficiency_raise":
        eta_prev = _u(rng, p["eta_prev"])
        eta = min(eta_prev + _u(rng, p["eta_raise"]), 0.95)
        return [row | {"generated_t": _r(reduction / (eta - eta_prev)), "eta": _r(100 * eta, 1),
                       "eta_prev": _r(100 * eta_prev, 1)}]
    if method == "closure":
        return [row | {"prev_emissions_t": _r(reduction)}]
    if method == "reported":
        return [row | {"kind": "engineering", "reduction_t": _r(reduction)}]
    month = rng.randint(1, 9)  # management: R a year from the month after ``month``
    annual = reduction * 12 / (12 - month)  # so the start year counts ``reduction``
    out = [row | {"annual_reduction_t": _r(annual), "stable_year": year, "stable_month": month}]
    if year + 1 <= last_year:
        out.append(out[0] | {"year": year + 1})
    return out


def write(folder: Path, data: dict[str, pl.DataFrame] | None = None) -> dict[str, Path]:
    """Write the three files (the templates' bilingual headers) into ``folder``; returns template → path."""
    data = data or generate()
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, frame in data.items():
        spec = TEMPLATES[name]
        cols = [c for c in spec.columns if c.name in frame.columns]
        path = folder / f"{name}_demo.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([c.header for c in cols])
            for r in frame.iter_rows(named=True):
                w.writerow(["" if r[c.name] is None or (isinstance(r[c.name], float) and math.isnan(r[c.name]))
                            else r[c.name] for c in cols])
        out[name] = path
    return out


def load_demo_pollutants(store: Any, out: Path, console: Any = None) -> dict[str, Path]:
    """``ecer demo``: write the files under ``out/pollutants`` and load them (the ordinary atomic load, emissions
    first). Returns template → file."""
    from ecer.services.pollutants import load_pollutant_file

    files = write(out / "pollutants")
    for name in ("pollutant_emissions", "pollutant_measures", "pollutant_increments"):
        load_pollutant_file(store, files[name], template=name, who="ecer demo",
                            why="synthetic demo pollutant data on the real 2020 national totals (issue 8 §7)")
    return files


def write_demo_pollutant_reports(store: Any, out: Path, console: Any = None,
                                 kinds: tuple[str, ...] = ("xlsx", "html", "pdf")) -> dict[str, Path]:
    """``ecer demo``: the pollutant total-emission control report of the loaded demo data, as of the last demo year,
    in ``out/pollutant_report.{xlsx,html,pdf}`` (:func:`ecer.services.pollutant_reports.write_store_report`). A PDF
    that cannot be written (no CJK font on this machine) is said on the console and left out; the others stay.
    Returns kind → file."""
    from ecer.findings import FindingsError
    from ecer.services.pollutant_reports import write_store_report

    year = max(params()["years"])
    written: dict[str, Path] = {}
    for kind in kinds:
        try:
            written[f"report_{kind}"] = write_store_report(store, out / f"pollutant_report.{kind}", as_of_year=year,
                                                           data_source="ECER 演示数据库（合成数据）")
        except FindingsError as exc:
            if kind != "pdf":
                raise
            if console is not None:
                console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
    return written
