"""The dual-control assessment: ECER against one hand-written DuckDB SQL query computing the same numbers.

    .venv/bin/python benchmarks/assess_baseline.py --counties 3000 --check     # compare the numbers row by row
    .venv/bin/python benchmarks/assess_baseline.py --counties 3000 30000 --runs 5   # the timing table
    .venv/bin/python benchmarks/assess_baseline.py --counties 3000 --runs 3 --src /path/to/old/src --no-check

The data: N synthetic counties × 60 months (2020–2024, every energy column filled, calorific electricity basis),
each county with its own 14th-FYP target (13.5 % basic, 15 % incentive, 5 % planned GDP growth), written to a
DuckDB store (cached under the temp folder by N). Both sides read that store file and assess every period of
2021–2024 (months, and the quarters, halves, years and year-to-date periods built from complete months) under one
rule edition: 2022 (发改运行〔2022〕1258号 + 发改环资〔2022〕803号) applied to every year of the plan
(``recompute_earlier_years``), previous-year reading of the renewable increment.

* ECER: ``ecer.services.dual_control.assess(store=…)`` — what ``ecer dual-control assess`` and the API run.
* baseline: :data:`BASELINE_SQL`, one query over the store's tables (latest committed version of each key, the
  derived periods, previous-year and base-year joins, exclusions, progress, barometer, assessment), what a skilled
  engineer would write for this data: it does not carry targets down the region tree, annual targets, increment
  caps, user electricity factors or findings (the data need none of them).

Each timed run is a fresh process (``--child``) so its peak RSS (VmHWM) is its own; ECER and baseline
runs alternate; the table shows medians of the wall time, of the CPU time (user + system, every thread of the
process: on a shared machine it moves less than the wall time) and of the peak RSS. ``--src DIR`` times ECER from
another checkout's ``src`` folder (the code before a change; the row-by-row check always runs this checkout).
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EDITION, OPTIONS = "2022", {"recompute_earlier_years": True}
CALORIFIC = 0.1229  # tce/MWh, 当量值 (GB/T 2589); the baseline reads it from the store's factor table when given

# The numbers compared row by row (ECER's ASSESSMENT_COLUMNS names).
NUMBERS = ["energy_for_intensity", "energy_for_total", "energy_for_total_prev", "renewable_electricity_tce",
           "renewable_increment", "renewable_deduction_total", "renewable_deduction_cumulative", "gdp",
           "intensity", "intensity_prev", "intensity_base", "intensity_change_yoy", "energy_growth_yoy",
           "gdp_growth_yoy", "intensity_reduction_cumulative", "energy_growth_cumulative", "gdp_growth_cumulative",
           "required_reduction_annual", "required_reduction_cumulative", "incentive_required_cumulative",
           "progress_ratio", "allowed_energy_growth_plan", "allowed_energy_growth",
           "allowed_energy_growth_cumulative", "energy_allowed"]
CODES = ["plan_status", "intensity_grade", "total_grade", "intensity_color", "total_color", "assessment_scope",
         "intensity_annual_met", "intensity_progress_met", "incentive_reached", "total_annual_met",
         "total_progress_met", "total_exempt", "intensity_assessment", "total_assessment"]

BASELINE_SQL = r"""
WITH
ok AS (SELECT load_id FROM loads WHERE status = 'committed'),
energy AS (SELECT * FROM energy WHERE load_id IN (SELECT load_id FROM ok)
           QUALIFY version = max(version) OVER (PARTITION BY region_code, period)),
targets AS (SELECT * FROM targets WHERE load_id IN (SELECT load_id FROM ok) AND plan = '14th'
            QUALIFY version = max(version) OVER (PARTITION BY region_code, plan)),
months AS (
    SELECT *, CAST(substr(period, 1, 4) AS INTEGER) AS y, CAST(substr(period, 6, 2) AS INTEGER) AS m
    FROM energy WHERE regexp_full_match(period, '\d{4}-\d{2}')),
-- every period a month belongs to: kind, index, first and last month
slots(kind, idx, lo, hi) AS (
    VALUES ('Q', 1, 1, 3), ('Q', 2, 4, 6), ('Q', 3, 7, 9), ('Q', 4, 10, 12), ('H', 1, 1, 6), ('H', 2, 7, 12),
           ('Y', 0, 1, 12), ('YTD', 1, 1, 1), ('YTD', 2, 1, 2), ('YTD', 3, 1, 3), ('YTD', 4, 1, 4),
           ('YTD', 5, 1, 5), ('YTD', 6, 1, 6), ('YTD', 7, 1, 7), ('YTD', 8, 1, 8), ('YTD', 9, 1, 9),
           ('YTD', 10, 1, 10), ('YTD', 11, 1, 11), ('YTD', 12, 1, 12)),
derived AS (
    SELECT region_code, y, kind, idx,
           sum(total_energy) AS total_energy, sum(feedstock_energy) AS feedstock_energy,
           sum(renewable_electricity) AS renewable_electricity,
           sum(other_nonfossil_energy) AS other_nonfossil_energy,
           sum(separately_listed_energy) AS separately_listed_energy, sum(gdp_constant) AS gdp_constant,
           min(price_base_year) AS price_base_year, min(electricity_basis) AS electricity_basis
    FROM months JOIN slots ON m BETWEEN lo AND hi
    GROUP BY region_code, y, kind, idx, hi, lo
    HAVING count(*) = hi - lo + 1 AND count(DISTINCT price_base_year) = 1 AND count(DISTINCT electricity_basis) = 1),
rows AS (
    SELECT region_code, y, 'M' AS kind, m AS idx, total_energy, feedstock_energy, renewable_electricity,
           other_nonfossil_energy, separately_listed_energy, gdp_constant, price_base_year, electricity_basis
    FROM months
    UNION ALL SELECT * FROM derived),
measured AS (  -- edition 2022: feedstock and separately listed energy out of total and intensity
    SELECT region_code, y, kind, idx, price_base_year AS pb, gdp_constant AS g, renewable_electricity AS r,
           CASE WHEN electricity_basis = 'calorific' THEN $calorific END AS k,
           total_energy - feedstock_energy - separately_listed_energy AS ei
    FROM rows),
chained AS (  -- 1258号: each year's new renewable electricity over the year before, in tce, summed over the plan
    SELECT c.*, p.ei AS ei_prev, p.g AS g_prev0, p.pb AS pb_prev, p.r AS r_prev, p.k AS k_prev,
           CASE WHEN p.r IS NULL THEN NULL WHEN greatest(c.r - p.r, 0) = 0 THEN 0
                ELSE greatest(c.r - p.r, 0) * c.k END AS d_tce
    FROM measured c LEFT JOIN measured p
      ON p.region_code = c.region_code AND p.y = c.y - 1 AND p.kind = c.kind AND p.idx = c.idx
    WHERE c.y BETWEEN 2021 AND 2025),
cur AS (
    SELECT c.*, b.ei AS ei_base, b.g AS g_base0, b.pb AS pb_base, b.r AS r_base,
           CASE WHEN count(*) FILTER (WHERE d_tce IS NULL) OVER w = 0 AND count(*) OVER w = c.y - 2020
                THEN sum(d_tce) OVER w END AS chain,
           t.intensity_reduction_basic AS tb, t.intensity_reduction_incentive AS ti, t.gdp_growth_plan AS gp,
           CAST(c.y - 2020 AS DOUBLE) AS t
    FROM chained c
    LEFT JOIN measured b ON b.region_code = c.region_code AND b.y = 2020 AND b.kind = c.kind AND b.idx = c.idx
    LEFT JOIN targets t ON t.region_code = c.region_code
    WINDOW w AS (PARTITION BY c.region_code, c.kind, c.idx ORDER BY c.y)),
step1 AS (
    SELECT *,
           CASE WHEN pb_prev = pb THEN g_prev0 END AS g_prev, CASE WHEN pb_base = pb THEN g_base0 END AS g_base,
           ei / (g * 1e4) AS intensity,
           CASE WHEN r_prev IS NOT NULL THEN greatest(r - r_prev, 0) END AS inc,
           CASE WHEN r = 0 THEN 0 ELSE r * k END AS r_tce,
           CASE WHEN tb IS NOT NULL THEN 1 - pow(1 - tb, 1 / 5) END AS req,
           1 - pow(1 - tb, t / 5) AS req_cum, 1 - pow(1 - ti, t / 5) AS inc_cum
    FROM cur WHERE y BETWEEN 2021 AND 2024),
step2 AS (
    SELECT *,
           ei_prev / (g_prev * 1e4) AS intensity_prev, ei_base / (g_base * 1e4) AS intensity_base,
           ei - CASE WHEN inc = 0 THEN 0 ELSE inc * k END AS tot,
           g / g_prev - 1 AS gdp_growth_yoy, g / g_base - 1 AS gdp_growth_cumulative
    FROM step1),
step3 AS (
    SELECT *,
           intensity / intensity_prev - 1 AS intensity_change_yoy, tot / ei_prev - 1 AS energy_growth_yoy,
           1 - intensity / intensity_base AS red_cum, (ei - chain) / ei_base - 1 AS energy_growth_cumulative,
           CASE WHEN tb IS NOT NULL THEN (1 + gp) * (1 - req) - 1 END AS allowed_plan,
           CASE WHEN tb IS NOT NULL THEN pow(1 + gp, t) * (1 - req_cum) - 1 END AS allowed_cum_plan
    FROM step2),
step4 AS (
    SELECT *,
           (1 + allowed_plan) * coalesce(greatest(1, (1 + gdp_growth_yoy) / (1 + gp)), 1) - 1 AS allowed,
           (1 + allowed_cum_plan)
             * coalesce(greatest(1, (1 + gdp_growth_cumulative) / (1 + (pow(1 + gp, t) - 1))), 1) - 1 AS allowed_cum
    FROM step3),
graded AS (
    SELECT *,
           CASE WHEN tb IS NULL THEN NULL
                WHEN intensity_change_yoy IS NULL OR isnan(intensity_change_yoy) THEN NULL
                WHEN intensity_change_yoy > 0 + 1e-9 THEN 1 WHEN req IS NULL THEN NULL
                WHEN -intensity_change_yoy + 1e-9 < req THEN 2 ELSE 3 END AS intensity_grade,
           CASE WHEN tb IS NULL OR energy_growth_yoy IS NULL OR allowed IS NULL OR isnan(energy_growth_yoy)
                     OR isnan(allowed) THEN NULL
                WHEN energy_growth_yoy <= allowed + 1e-9 THEN 3 WHEN energy_growth_yoy <= allowed + $margin + 1e-9
                THEN 2 ELSE 1 END AS total_grade,
           kind = 'Y' AND tb IS NOT NULL AS is_year, y = 2025 AS five
    FROM step4),
assessed AS (
    SELECT *,
           CASE WHEN is_year AND intensity_change_yoy IS NOT NULL AND req IS NOT NULL
                THEN -intensity_change_yoy + 1e-9 >= req END AS annual_met,
           CASE WHEN is_year AND red_cum IS NOT NULL AND req_cum IS NOT NULL THEN red_cum + 1e-9 >= req_cum END
             AS progress_met,
           CASE WHEN is_year AND red_cum IS NOT NULL AND inc_cum IS NOT NULL THEN red_cum + 1e-9 >= inc_cum END
             AS incentive_reached,
           CASE WHEN is_year AND energy_growth_yoy IS NOT NULL AND allowed IS NOT NULL
                THEN energy_growth_yoy <= allowed + 1e-9 END AS total_annual_met,
           CASE WHEN is_year AND energy_growth_cumulative IS NOT NULL AND allowed_cum IS NOT NULL
                THEN energy_growth_cumulative <= allowed_cum + 1e-9 END AS total_progress_met
    FROM graded),
outcome AS (
    SELECT *,
           CASE WHEN is_year THEN coalesce(incentive_reached, false) AND five END AS total_exempt,
           CASE WHEN NOT is_year THEN NULL
                WHEN five THEN CASE WHEN progress_met THEN 'met' WHEN progress_met IS NOT NULL THEN 'not_met' END
                WHEN annual_met IS NULL AND progress_met IS NULL THEN NULL WHEN annual_met THEN 'met'
                WHEN progress_met THEN 'met_by_progress' WHEN annual_met IS NULL THEN NULL ELSE 'not_met' END
             AS intensity_assessment
    FROM assessed)
SELECT region_code,
       CASE kind WHEN 'Y' THEN CAST(y AS VARCHAR) WHEN 'H' THEN y || 'H' || idx WHEN 'Q' THEN y || 'Q' || idx
                 WHEN 'M' THEN y || '-' || lpad(CAST(idx AS VARCHAR), 2, '0')
                 ELSE y || '-' || lpad(CAST(idx AS VARCHAR), 2, '0') || 'YTD' END AS period,
       CASE WHEN tb IS NOT NULL THEN 'in_plan' ELSE 'no_target' END AS plan_status,
       ei AS energy_for_intensity, tot AS energy_for_total, ei_prev AS energy_for_total_prev,
       r_tce AS renewable_electricity_tce, inc AS renewable_increment, ei - tot AS renewable_deduction_total,
       chain AS renewable_deduction_cumulative, g AS gdp, intensity, intensity_prev, intensity_base,
       intensity_change_yoy, energy_growth_yoy, gdp_growth_yoy, red_cum AS intensity_reduction_cumulative,
       energy_growth_cumulative, gdp_growth_cumulative, req AS required_reduction_annual,
       req_cum AS required_reduction_cumulative, inc_cum AS incentive_required_cumulative,
       CASE WHEN req_cum > 0 THEN red_cum / req_cum END AS progress_ratio,
       allowed_plan AS allowed_energy_growth_plan, allowed AS allowed_energy_growth,
       allowed_cum AS allowed_energy_growth_cumulative, ei_prev * (1 + allowed) AS energy_allowed,
       intensity_grade, total_grade,
       CASE intensity_grade WHEN 1 THEN 'red' WHEN 2 THEN 'yellow' WHEN 3 THEN 'green' ELSE 'grey' END
         AS intensity_color,
       CASE total_grade WHEN 1 THEN 'red' WHEN 2 THEN 'yellow' WHEN 3 THEN 'green' ELSE 'grey' END AS total_color,
       CASE WHEN is_year THEN CASE WHEN five THEN 'five_year' ELSE 'annual' END END AS assessment_scope,
       annual_met AS intensity_annual_met, progress_met AS intensity_progress_met, incentive_reached,
       total_annual_met, total_progress_met, total_exempt, intensity_assessment,
       CASE WHEN total_exempt THEN 'exempt' WHEN NOT is_year THEN NULL
            WHEN five THEN CASE WHEN total_progress_met THEN 'met' WHEN total_progress_met IS NOT NULL
                                THEN 'not_met' END
            WHEN total_annual_met IS NULL AND total_progress_met IS NULL THEN NULL WHEN total_annual_met THEN 'met'
            WHEN total_progress_met THEN 'met_by_progress' WHEN total_annual_met IS NULL THEN NULL ELSE 'not_met'
       END AS total_assessment
FROM outcome
"""


# --- the data -------------------------------------------------------------------------------------------------
def store_path(n: int) -> Path:
    return Path(tempfile.gettempdir()) / f"ecer-bench-assess-{n}.duckdb"


def build_store(n: int, *, seed: int = 7) -> Path:
    """The store of N synthetic counties × 60 months with targets (built once per N)."""
    path = store_path(n)
    if path.exists():
        return path
    import numpy as np
    import polars as pl

    sys.path.insert(0, str(Path(__file__).parent))
    from run_all import counties, months

    from ecer.storage import Store

    regions = counties(n)
    codes = regions.filter(pl.col("level") == "county").get_column("region_code").to_list()
    periods = months(2020, 2024)
    rng = np.random.default_rng(seed)
    rows = len(codes) * len(periods)
    # Levels per county with a mild trend and noise, so changes are those of a plausible economy.
    level = np.repeat(rng.uniform(2e4, 4e5, len(codes)), len(periods))
    trend = np.tile(np.arange(len(periods)) / 12, len(codes))
    total = level * (1.02 ** trend) * rng.uniform(0.85, 1.15, rows)
    gdp = np.repeat(rng.uniform(10, 300, len(codes)), len(periods)) * (1.055 ** trend) * rng.uniform(0.9, 1.1, rows)
    energy = pl.DataFrame({
        "region_code": np.repeat(codes, len(periods)),
        "period": np.tile(periods, len(codes)),
        "total_energy": total.round(1),
        "feedstock_energy": (total * rng.uniform(0, 0.15, rows)).round(1),
        "renewable_electricity": (total * rng.uniform(0.5, 1.5, rows)).round(1),
        "other_nonfossil_energy": (total * rng.uniform(0, 0.02, rows)).round(1),
        "separately_listed_energy": (total * rng.uniform(0, 0.03, rows)).round(1),
        "separately_listed_value_added": rng.uniform(0, 0.5, rows).round(3),
        "gdp_constant": gdp.round(3),
        "price_base_year": np.full(rows, 2020),
        "electricity_basis": ["calorific"] * rows,
        "electricity_coal_rate": [None] * rows,
        "data_origin": ["synthetic"] * rows,
    }, schema_overrides={"electricity_coal_rate": pl.Float64})
    targets = pl.DataFrame({"region_code": codes, "plan": "14th", "base_year": 2020, "target_year": 2025,
                            "intensity_reduction_basic": 0.135, "intensity_reduction_incentive": 0.15,
                            "gdp_growth_plan": 0.05, "total_increment_cap": None, "source": "bench"},
                           schema_overrides={"total_increment_cap": pl.Float64})
    tmp = path.with_suffix(".tmp.duckdb")
    tmp.unlink(missing_ok=True)
    with Store.open(tmp) as store:
        store.load("regions", regions, file="regions", who="bench", why="bench")
        store.load("energy", energy.select(store_columns("energy")), file="energy", who="bench", why="bench")
        store.load("targets", targets.select(store_columns("targets")), file="targets", who="bench", why="bench")
    tmp.rename(path)
    return path


def store_columns(table: str) -> list[str]:
    from ecer.storage.schemas import TABLES

    return list(TABLES[table].columns)


# --- the two sides --------------------------------------------------------------------------------------------
def run_ecer(path: Path) -> Any:
    from ecer.services.dual_control import assess
    from ecer.storage import Store

    with Store.open(path) as store:
        return assess(store=store, edition=EDITION, options=OPTIONS).table


def run_baseline(path: Path) -> Any:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        sql = BASELINE_SQL.replace("$calorific", repr(CALORIFIC)).replace("$margin", "0.01")
        return con.sql(sql).pl()
    finally:
        con.close()


# --- comparing ------------------------------------------------------------------------------------------------
QUANTITIES = {"energy_for_intensity", "energy_for_total", "energy_for_total_prev", "renewable_electricity_tce",
              "renewable_increment", "renewable_deduction_total", "renewable_deduction_cumulative", "gdp",
              "energy_allowed"}


def compare(ecer: Any, base: Any, rel: float = 1e-9, floor: float = 1e-12, floor_quantity: float = 1e-6) -> list[str]:
    """Differences between the two tables, row by row (keys: region_code, period); [] when they agree.

    Numbers agree within ``rel`` (relative) or an absolute floor: months summed in another order make a growth
    rate of 4e-7 differ by 4e-16 (``floor`` for fractions) and an increment of two equal year-to-date sums of
    ~10⁶ MWh 0 or 2e-10 (``floor_quantity`` for tce, MWh, 10⁸ CNY), which no relative tolerance absorbs; codes
    and grades exactly."""
    import polars as pl

    problems = []
    if ecer.height != base.height:
        problems.append(f"rows: ECER {ecer.height:,}, baseline {base.height:,}")
    keys = [pl.col("region_code", "period").cast(pl.String)]  # ECER holds repeated text as categorical
    j = ecer.select(*keys, *NUMBERS, *CODES).join(
        base.select(*keys, *NUMBERS, *CODES), on=["region_code", "period"], how="full", suffix="_b", coalesce=True)
    for c in NUMBERS:
        a, b = pl.col(c).cast(pl.Float64), pl.col(f"{c}_b").cast(pl.Float64)
        least = floor_quantity if c in QUANTITIES else floor
        same = (a.is_null() & b.is_null()) | (a.is_nan() & b.is_nan()) | (
            (a - b).abs() <= pl.max_horizontal(rel * pl.max_horizontal(a.abs(), b.abs()), pl.lit(least)))
        bad = j.filter(~same.fill_null(False))
        if bad.height:
            ex = bad.select("region_code", "period", c, f"{c}_b").head(3).rows()
            problems.append(f"{c}: {bad.height:,} rows differ, e.g. {ex}")
    for c in CODES:
        a, b = pl.col(c).cast(pl.String), pl.col(f"{c}_b").cast(pl.String)
        bad = j.filter(~a.eq_missing(b))
        if bad.height:
            ex = bad.select("region_code", "period", c, f"{c}_b").head(3).rows()
            problems.append(f"{c}: {bad.height:,} rows differ, e.g. {ex}")
    return problems


def check(n: int) -> bool:
    path = build_store(n)
    ecer, base = run_ecer(path), run_baseline(path)
    problems = compare(ecer, base)
    print(f"{n:,} counties × 60 months: {ecer.height:,} assessed rows (ECER), {base.height:,} (baseline); "
          + ("every number agrees (1e-9 relative; absolute 1e-12 for fractions, 1e-6 for quantities), every grade and outcome is the same" if not problems
             else "DIFFERENCES:\n  " + "\n  ".join(problems)))
    return not problems


# --- timing ---------------------------------------------------------------------------------------------------
def child(side: str, n: int) -> None:
    """One timed run in this process; prints JSON (seconds, peak RSS in MB, rows)."""
    path = store_path(n)
    fn = run_ecer if side == "ecer" else run_baseline
    if side == "ecer":  # imports are not the assessment (the server has them; `make setup` compiles them)
        import ibis

        import ecer.core.dual_control
        import ecer.refdata.catalog
        import ecer.services.dual_control
        import ecer.storage
        import ecer.units

        ibis.duckdb  # noqa: B018 - the DuckDB backend is imported on first use (the server has it loaded)
        ecer.units.registry()  # pint's registry, built at its first use (the assessment converts the electricity
        # factors with it; a server has built it at its first request): outside the timing, as when it was built at import
    else:
        import duckdb  # noqa: F401
        import polars  # noqa: F401
    t0, c0 = time.perf_counter(), cpu_seconds()
    table = fn(path)
    dt, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    print(json.dumps({"seconds": dt, "cpu": cpu, "rss_mb": peak_rss_mb(), "rows": table.height}))


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (every thread) [s]."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident set size [MB]: VmHWM (it starts afresh at exec, where ``ru_maxrss`` keeps the
    parent's peak from before the fork), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(side: str, n: int, src: str | None = None) -> dict[str, float]:
    env = dict(os.environ)
    if src and side == "ecer":
        env["PYTHONPATH"] = str(Path(src).resolve())
    out = subprocess.run([sys.executable, __file__, "--child", side, "--counties", str(n)], check=True,
                         capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(sizes: list[int], runs: int, src: str | None = None, json_file: str | None = None) -> None:
    print(f"# {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start; {runs} alternating runs each, medians; "
          f"ECER from {src or 'this checkout'}")
    print("| size | ECER | baseline (DuckDB SQL) | ratio | ECER CPU | baseline CPU | CPU ratio | ECER peak RSS | "
          "baseline peak RSS | rows | load average |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    every: dict[str, dict[str, list[dict[str, float]]]] = {}
    for n in sizes:
        build_store(n)
        res: dict[str, list[dict[str, float]]] = {"ecer": [], "baseline": []}
        every[str(n)] = res
        for i in range(runs):
            for side in ("ecer", "baseline"):
                res[side].append(timed(side, n, src))
                r = res[side][-1]
                print(f"#   run {i + 1} {side:8s} {r['seconds']:7.2f} s wall {r.get('cpu', 0):7.2f} s CPU "
                      f"{r['rss_mb']:7,.0f} MB  load average {os.getloadavg()[0]:.1f}", flush=True)
        med = {s: statistics.median(r["seconds"] for r in v) for s, v in res.items()}
        cpu = {s: statistics.median(r.get("cpu", 0.0) for r in v) for s, v in res.items()}
        rss = {s: statistics.median(r["rss_mb"] for r in v) for s, v in res.items()}
        print(f"| {n:,} × 60 | {med['ecer']:.2f} s | {med['baseline']:.2f} s | "
              f"{med['ecer'] / med['baseline']:.1f}× | {cpu['ecer']:.2f} s | {cpu['baseline']:.2f} s | "
              f"{cpu['ecer'] / cpu['baseline']:.1f}× | {rss['ecer']:,.0f} MB | {rss['baseline']:,.0f} MB | "
              f"{int(res['ecer'][0]['rows']):,} | {os.getloadavg()[0]:.1f} |", flush=True)
    if json_file:  # every run, for the results table (benchmarks/results.py)
        Path(json_file).write_text(json.dumps({"script": "assess_baseline", "runs": every}, indent=1) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counties", type=int, nargs="+", default=[3000, 30000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="compare the numbers row by row, no timing")
    ap.add_argument("--no-check", action="store_true", help="time without comparing first")
    ap.add_argument("--src", default=None, help="time ECER from this src folder (an older checkout; PYTHONPATH)")
    ap.add_argument("--child", choices=["ecer", "baseline"], help=argparse.SUPPRESS)
    ap.add_argument("--json", default=None, metavar="FILE", help="also write every run as JSON (benchmarks/results.py)")
    args = ap.parse_args()
    if args.child:
        child(args.child, args.counties[0])
        return
    checked = [] if args.no_check else [check(n) for n in args.counties]  # every size checked, then judged
    ok = all(checked)
    if not ok:
        sys.exit(1)
    if not args.check:
        bench(args.counties, args.runs, args.src, args.json)


if __name__ == "__main__":
    main()
