"""ECER benchmarks. Results are written by hand into benchmarks/README.md; nothing here is a test.

    .venv/bin/python benchmarks/run_all.py [--rows 1000000]

1. validate and load a 1 M-row regional-energy CSV (3,000 synthetic counties × 28 years of months);
2. assess 31 provinces × 60 monthly periods; 3. assess 3,000 counties × 60 monthly periods.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

from ecer import refdata
from ecer.core.dual_control import AssessmentInputs, assess
from ecer.ingest import write_frame
from ecer.services.dual_control import choose_edition, editions, electricity_factors
from ecer.services.loading import load_file, read_file


def counties(n: int) -> pl.DataFrame:
    provinces = refdata.regions().filter(pl.col("level") == "province").get_column("region_code").to_list()
    codes, parents = [], []
    for i in range(n):
        p = provinces[i % len(provinces)]
        k = i // len(provinces)
        city = p[:2] + f"{k // 90 + 1:02d}00"
        codes.append(p[:2] + f"{k // 90 + 1:02d}{k % 90 + 1:02d}")
        parents.append(city)
    cities = sorted(set(parents))
    return pl.DataFrame({
        "region_code": cities + codes,
        "name_zh": [f"市{c}" for c in cities] + [f"县{c}" for c in codes],
        "name_en": [f"City {c}" for c in cities] + [f"County {c}" for c in codes],
        "level": ["city"] * len(cities) + ["county"] * len(codes),
        "parent_code": [c[:2] + "0000" for c in cities] + parents,
    })


def energy_rows(codes: list[str], months: list[str], seed: int = 7) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    n = len(codes) * len(months)
    total = rng.uniform(1e4, 5e5, n)
    return pl.DataFrame({
        "region_code": np.repeat(codes, len(months)),
        "period": np.tile(months, len(codes)),
        "total_energy": total.round(1),
        "feedstock_energy": (total * rng.uniform(0, 0.2, n)).round(1),
        "renewable_electricity": rng.uniform(0, 1e5, n).round(1),
        "other_nonfossil_energy": np.zeros(n),
        "separately_listed_energy": np.zeros(n),
        "separately_listed_value_added": np.zeros(n),
        "gdp_constant": rng.uniform(5, 500, n).round(3),
        "price_base_year": np.full(n, 2020),
        "data_origin": ["synthetic"] * n,
    })


def months(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]


def timed(label: str, fn):
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label:60s} {dt:8.2f} s")
    return out, dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    print(f"# {platform.processor() or platform.machine()}, {platform.python_version()}, polars {pl.__version__}")
    from ecer.storage import Store

    n_counties = 3000
    regions = counties(n_counties)
    codes = regions.filter(pl.col("level") == "county").get_column("region_code").to_list()
    n_months = max(1, -(-args.rows // n_counties))  # ceil: at least --rows rows
    all_months = months(2025 - n_months // 12 - 1, 2025)[-n_months:]
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        write_frame(regions, "regions", tmpd / "regions.csv")
        big = energy_rows(codes, all_months)
        write_frame(big, "energy", tmpd / "energy.csv")
        print(f"energy CSV: {big.height:,} rows, {(tmpd / 'energy.csv').stat().st_size / 1e6:.0f} MB")
        with Store.open(tmpd / "bench.duckdb") as store:
            load_file(store, "regions", tmpd / "regions.csv", who="bench", why="bench")
            res, _ = timed(f"validate {big.height:,}-row CSV (ecer check)", lambda: read_file(tmpd / "energy.csv", "energy", store=store))
            assert not [f for f in res.findings if f.level == "error"], res.findings[:3]
            timed(f"validate + load {big.height:,}-row CSV atomically (ecer load)",
                  lambda: load_file(store, "energy", tmpd / "energy.csv", who="bench", why="bench"))
    chosen = choose_edition("2022", None)
    eds, factors = editions(), electricity_factors()
    prov = refdata.regions().filter(pl.col("level") == "province")
    for label, reg, codes_ in (("31 provinces", prov, prov.get_column("region_code").to_list()),
                               ("3,000 counties", regions, codes)):
        data = energy_rows(codes_, months(2020, 2024))  # 60 monthly periods
        target_rows = pl.DataFrame({"region_code": codes_, "plan": "14th", "base_year": 2020, "target_year": 2025,
                                    "intensity_reduction_basic": 0.135, "intensity_reduction_incentive": 0.15,
                                    "gdp_growth_plan": 0.05, "total_increment_cap": None, "source": "bench"},
                                   schema_overrides={"total_increment_cap": pl.Float64})
        inputs = AssessmentInputs(energy=data, targets=target_rows, regions=reg)
        periods = months(2021, 2024)
        (table, _), _ = timed(f"assess {label} × 60 monthly periods ({len(periods)} assessed months + derived)",
                              lambda inputs=inputs, periods=periods: assess(inputs, chosen, eds, factors, periods=periods))
        (table2, _), _ = timed(f"assess {label}, every period kind (M, Q, H, Y, YTD) 2021–2024",
                               lambda inputs=inputs: assess(inputs, chosen, eds, factors))
        print(f"   → {table.height:,} and {table2.height:,} assessed rows")


if __name__ == "__main__":
    main()
