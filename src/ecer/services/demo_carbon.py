"""The demo's carbon data (issue 8 §3, §7): ``carbon_energy`` rows (energy by carrier) for the 31 demo provinces,
2020–2024, worked out of the demo's own energy data so the carbon view and the energy view of a province agree —
every row **synthetic** (``data_origin`` = synthetic).

For each province and year the bundled monthly energy (``demo/data/energy.csv``) is summed to the year: total energy
T, feedstock F, renewable electricity R [万kWh] (万tce). Then, with the parameters of
``ecer/demo/carbon/params.json`` (seeded):

* **non-fossil** rows 水电, 风电, 太阳能发电 split R, and 核电 the demo's other non-fossil energy N [万tce] (no
  combustion CO2; counted at ``renewable_tce_per_mwh`` on the energy side, ≈ the 2020 coal rate of thermal power);
* **net imported electricity** 电力 = a drawn share of T (negative for a net exporter) at the same rate, in 万kWh;
* **feedstock** 烟煤 (原料用能) = F, in 万吨 at the table's NCV (no combustion CO2, reported as excluded);
* the **fossil fuels** share the rest, T − F − R − N − net import: 烟煤 (a drawn 2020 share drifting by a drawn
  step a year — most provinces move from coal to gas, a few back), 柴油 and 汽油, 天然气 (with the NCV 389.31
  GJ/10⁴m³ the user must give, the table having a range), each converted with its NCV (``carbon_fuel_factors``)
  from tce at 29.3076 GJ/tce.

The grid factor: the catalog has MEE/NBS national averages for data years 2021–2023 only, so under the default
convention (year − 2) the 2020–2022 rows have none; those rows carry the supplied ``emission_factor`` 0.5810
tCO2/MWh (环办气候函〔2022〕111号, the national factor for enterprise reporting) and say so in this docstring and
docs/demo-data.md; 2023 and 2024 take the 2021 and 2022 averages by the convention.

Same seed → the same file, byte for byte.

>>> d = generate()
>>> d["region_code"].n_unique(), sorted(set(d["year"]))
(31, [2020, 2021, 2022, 2023, 2024])
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.carbon.factors import fuel_factors
from ecer.ingest.templates import TEMPLATES

DEMO = Path(__file__).resolve().parent.parent / "demo"
PARAMS = DEMO / "carbon" / "params.json"


def params() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PARAMS.read_text(encoding="utf-8"))
    return data


def _canonical(header: str) -> str:
    """``地区代码 / region_code`` → ``region_code``; ``能源消费总量（万吨标准煤）/ total_energy (万tce)`` → ``total_energy``."""
    return re.sub(r"\s*\(.*\)$", "", header.split("/ ")[-1]).strip()


def annual_energy(years: list[int] | None = None) -> pl.DataFrame:
    """The bundled demo energy of the provinces summed to years with all 12 months: region_code, year, total_energy,
    feedstock_energy [万tce], renewable_electricity [万kWh], other_nonfossil_energy (nuclear) [万tce], gdp [亿元,
    constant prices] — each sum rounded to the
    file's own precision, so the order of the additions cannot change a digit of the generated file."""
    years = years or params()["years"]
    raw = pl.read_csv(DEMO / "data" / "energy.csv", infer_schema_length=0)
    raw = raw.rename({c: _canonical(c) for c in raw.columns})
    regions = pl.read_csv(DEMO / "data" / "regions.csv", infer_schema_length=0)
    regions = regions.rename({c: _canonical(c) for c in regions.columns})
    provinces = regions.filter(pl.col("level") == "province")["region_code"].to_list()
    num = ["total_energy", "feedstock_energy", "renewable_electricity", "other_nonfossil_energy", "gdp_constant"]
    monthly = raw.filter(pl.col("region_code").is_in(provinces) & pl.col("period").str.contains(r"^\d{4}-\d{2}$"))
    return (monthly.with_columns(*[pl.col(c).cast(pl.Float64).fill_null(0.0) for c in num],
                                 year=pl.col("period").str.slice(0, 4).cast(pl.Int64))
            .group_by("region_code", "year").agg(*[pl.col(c).sum().round(d) for c, d in zip(num, (4, 4, 1, 4, 2),
                                                                                              strict=True)],
                                                 months=pl.len())
            .filter((pl.col("months") == 12) & pl.col("year").is_in(years))
            .rename({"gdp_constant": "gdp"}).drop("months").sort("region_code", "year"))


def _u(rng: random.Random, lo_hi: list[float]) -> float:
    return rng.uniform(lo_hi[0], lo_hi[1])


def generate(p: dict[str, Any] | None = None) -> pl.DataFrame:
    """The ``carbon_energy`` rows as a user fills the template (canonical column names)."""
    p = p or params()
    rng = random.Random(p["seed"])
    ncv = {r["carrier"]: r["ncv"] for r in fuel_factors().iter_rows(named=True)}
    gj = p["gj_per_tce"]
    rate = p["renewable_tce_per_mwh"]  # tce/MWh
    supplied = p["supplied_grid_factor"]
    rows: list[dict[str, Any]] = []

    def row(region: str, year: int, carrier: str, quantity: float, unit: str, **extra: Any) -> None:
        rows.append({"region_code": region, "year": year, "carrier": carrier, "use": extra.pop("use", "fuel"),
                     "quantity": quantity, "unit": unit, **extra, "data_origin": "synthetic"})

    energy = annual_energy(p["years"])
    for region, frame in energy.group_by("region_code", maintain_order=True):
        code = str(region[0])
        coal0, oil_rest = _u(rng, p["coal_share_2020"]), _u(rng, p["oil_share_of_rest"])
        drift, imp = _u(rng, p["coal_share_drift_per_year"]), _u(rng, p["net_import_share"])
        for r in frame.iter_rows(named=True):
            y, total = r["year"], r["total_energy"] * 1e4  # tce
            renewable_mwh = r["renewable_electricity"] * 10  # 万kWh → MWh
            nuclear_mwh = r["other_nonfossil_energy"] * 1e4 / rate
            import_mwh = imp * total / rate
            fossil = max(total - r["feedstock_energy"] * 1e4 - (renewable_mwh + nuclear_mwh + import_mwh) * rate,
                         0.05 * total)
            coal = min(max(coal0 + drift * (y - p["years"][0]), 0.2), 0.9)
            oil = (1 - coal) * oil_rest
            for carrier, share in p["renewable_split"].items():
                row(code, y, carrier, round(renewable_mwh * share / 10, 1), "万千瓦时")
            if nuclear_mwh > 0:
                row(code, y, "核电", round(nuclear_mwh / 10, 1), "万千瓦时")
            factor = {"emission_factor": supplied["t_per_mwh"]} if y in supplied["years"] else {}
            row(code, y, "电力", round(import_mwh / 10, 1), "万千瓦时", **factor)
            if r["feedstock_energy"] > 0:
                row(code, y, "烟煤", round(r["feedstock_energy"] * 1e4 * gj / ncv["烟煤"] / 1e4, 4), "万吨",
                    use="feedstock")
            row(code, y, "烟煤", round(fossil * coal * gj / ncv["烟煤"] / 1e4, 4), "万吨")
            row(code, y, "柴油", round(fossil * oil * 0.6 * gj / ncv["柴油"] / 1e4, 4), "万吨")
            row(code, y, "汽油", round(fossil * oil * 0.4 * gj / ncv["汽油"] / 1e4, 4), "万吨")
            gas = fossil * (1 - coal - oil)
            row(code, y, "天然气", round(gas * gj / p["gas_ncv_gj_per_wan_m3"] / 1e4, 4), "亿立方米",
                ncv=p["gas_ncv_gj_per_wan_m3"])
    return pl.DataFrame(rows, infer_schema_length=None)


def write(folder: Path, frame: pl.DataFrame | None = None) -> Path:
    """Write ``carbon_energy_demo.csv`` (the template's bilingual headers) into ``folder``; returns the file."""
    frame = generate() if frame is None else frame
    folder.mkdir(parents=True, exist_ok=True)
    spec = TEMPLATES["carbon_energy"]
    cols = [c for c in spec.columns if c.name in frame.columns]
    path = folder / "carbon_energy_demo.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in cols])
        for r in frame.iter_rows(named=True):
            w.writerow(["" if r[c.name] is None else r[c.name] for c in cols])
    return path


def load_demo_carbon(store: Any, out: Path) -> Path:
    """``ecer demo``: write ``out/carbon/carbon_energy_demo.csv`` and load it (the ordinary atomic load)."""
    from ecer.services.carbon import load_carbon

    path = write(out / "carbon")
    load_carbon(store, path, who="ecer demo", why="synthetic demo carbon data on the demo energy (issue 8 §3)")
    return path


def run_carbon_demo(store: Any, out: Path, console: Any = None,
                    kinds: tuple[str, ...] = ("xlsx", "html", "pdf")) -> dict[str, Path]:
    """``ecer demo``'s carbon step: load the synthetic ``carbon_energy`` rows and write the carbon dual-control
    report ``out/carbon_report.{xlsx,html,pdf}`` (a PDF that cannot be written — no CJK font — is said on the console
    and left out). Returns kind → file."""
    from ecer.findings import FindingsError
    from ecer.reports.carbon_report import write_carbon_report
    from ecer.services.carbon import carbon_progress
    from ecer.services.carbon_reports import report_input

    written = {"carbon_energy": load_demo_carbon(store, out)}
    data = report_input(carbon_progress(store), data_source="ECER 演示数据库（合成数据）")
    for kind in kinds:
        try:
            written[f"report_{kind}"] = write_carbon_report(data, out / f"carbon_report.{kind}")
        except FindingsError as exc:
            if kind != "pdf":
                raise
            if console is not None:
                console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
    return written
