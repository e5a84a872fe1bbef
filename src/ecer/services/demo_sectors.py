"""The demo's sector data (issue 9 §1): ``sector_energy`` rows for the nation and the 31 demo provinces, 2019–2025 —
every row **synthetic** (``data_origin`` = synthetic), split out of the demo's own yearly energy and GDP so that the
sector rows and the energy view agree.

For each region and year the bundled monthly energy (``demo/data/energy.csv``) is summed to the year: total energy T
[万tce] and GDP G [亿元, 2020 prices]. With the parameters of ``ecer/demo/sectors/params.json`` (seeded, one draw per
region):

* energy: 第一产业, 第三产业 and 居民生活 take a drawn 2020 share of T each, drifting by a drawn step a year (services
  and households up, agriculture flat or down); an unallocated remainder of a drawn 0–1 % of T stays out (the
  statistical difference of an energy balance), and 第二产业 takes the rest, so the sectors add up to T or just below;
* value added: 第一产业 and 第二产业 take a drawn 2020 share of G, drifting down by a drawn step a year, and 第三产业 the
  rest, so the three add up to G exactly (居民生活 has none);
* no CO2 column: a sector split of the demo's carbon accounts would be a second invention on top of the first.

So the LMDI of the demo's energy from the stored sector rows has a structure effect (the economy moves from
industry to services) besides activity, intensity and households. Same seed → the same file, byte for byte.

>>> d = generate()
>>> d["region_code"].n_unique(), sorted(set(d["year"]))[:2], sorted(set(d["sector"]))
(32, [2019, 2020], ['household', 'primary', 'secondary', 'tertiary'])
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import polars as pl

from ecer.ingest.templates import TEMPLATES
from ecer.services.demo_carbon import _canonical

DEMO = Path(__file__).resolve().parent.parent / "demo"
PARAMS = DEMO / "sectors" / "params.json"
NATIONAL = "100000"
SECTORS = ("primary", "secondary", "tertiary", "household")
NAMES_ZH = {"primary": "第一产业", "secondary": "第二产业", "tertiary": "第三产业", "household": "居民生活"}


def params() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PARAMS.read_text(encoding="utf-8"))
    return data


def yearly_totals() -> pl.DataFrame:
    """The nation's and the provinces' demo energy [万tce] and GDP [亿元] summed over the 12 months of each year:
    region_code, year, total_energy, gdp (rounded to the file's precision, so the order of additions cannot matter)."""
    raw = pl.read_csv(DEMO / "data" / "energy.csv", infer_schema_length=0)
    raw = raw.rename({c: _canonical(c) for c in raw.columns})
    regions = pl.read_csv(DEMO / "data" / "regions.csv", infer_schema_length=0)
    regions = regions.rename({c: _canonical(c) for c in regions.columns})
    keep = regions.filter(pl.col("level").is_in(["national", "province"]))["region_code"].to_list()
    monthly = raw.filter(pl.col("region_code").is_in(keep) & pl.col("period").str.contains(r"^\d{4}-\d{2}$"))
    return (monthly.with_columns(year=pl.col("period").str.slice(0, 4).cast(pl.Int64),
                                 total_energy=pl.col("total_energy").cast(pl.Float64),
                                 gdp=pl.col("gdp_constant").cast(pl.Float64))
            .group_by("region_code", "year")
            .agg(pl.col("total_energy").sum().round(4), pl.col("gdp").sum().round(2), months=pl.len())
            .filter(pl.col("months") == 12).drop("months").sort("region_code", "year"))


def _u(rng: random.Random, lo_hi: list[float]) -> float:
    return rng.uniform(lo_hi[0], lo_hi[1])


def generate(p: dict[str, Any] | None = None) -> pl.DataFrame:
    """The sector rows in the template's column names: energy in 万tce, value added in 亿元 at 2020 prices."""
    p = p or params()
    rng = random.Random(p["seed"])
    totals = yearly_totals()
    rows: list[dict[str, Any]] = []
    for region in sorted(set(totals["region_code"].to_list())):
        e0 = {s: _u(rng, v) for s, v in p["energy_share_2020"].items()}
        ed = {s: _u(rng, v) / 100 for s, v in p["energy_drift_pp"].items()}
        gap = _u(rng, p["unallocated"])
        q0 = {s: _u(rng, v) for s, v in p["value_added_share_2020"].items()}
        qd = {s: _u(rng, v) / 100 for s, v in p["value_added_drift_pp"].items()}
        for r in totals.filter(pl.col("region_code") == region).iter_rows(named=True):
            t, g, k = r["total_energy"], r["gdp"], r["year"] - p["base_year"]
            energy = {s: round(t * max(0.0, e0[s] + ed[s] * k), 4) for s in e0}
            energy["secondary"] = round(t * (1 - gap) - sum(energy.values()), 4)
            va = {s: round(g * max(0.0, q0[s] + qd[s] * k), 2) for s in q0}
            va["tertiary"] = round(g - sum(va.values()), 2)
            for s in SECTORS:
                rows.append({"region_code": region, "year": r["year"], "sector": s, "energy": energy[s],
                             "value_added": va.get(s), "price_base_year": 2020, "data_origin": "synthetic"})
    return pl.DataFrame(rows)


def write(folder: Path, frame: pl.DataFrame | None = None) -> Path:
    """Write ``sector_energy_demo.csv`` (the template's bilingual headers, sectors in Chinese) into ``folder``."""
    frame = generate() if frame is None else frame
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sector_energy_demo.csv"
    cols = [c for c in TEMPLATES["sector_energy"].columns if c.name in frame.columns]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in cols])
        for row in frame.iter_rows(named=True):
            w.writerow([NAMES_ZH[row["sector"]] if c.name == "sector" else
                        ("" if row[c.name] is None else row[c.name]) for c in cols])
    return path


def load_demo_sectors(store: Any, out: Path) -> dict[str, Path]:
    """``ecer demo``: write ``out/sectors/sector_energy_demo.csv`` and load it (the ordinary atomic load)."""
    from ecer.services.loading import load_file

    path = write(out / "sectors")
    load_file(store, "sector_energy", path, who="ecer demo", why="synthetic demo sector data")
    return {"sector_energy": path}
