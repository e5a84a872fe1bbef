"""Ingest side by side: ``ecer load`` (the real CLI, whole process) against a hand-written DuckDB baseline.

    .venv/bin/python benchmarks/ingest_baseline.py [--rows 1000000] [--runs 5] [--src DIR] [--stored]

The baseline is what a careful analyst would write by hand: DuckDB ``read_csv`` of the same file (all text), the
same essential checks in SQL (required cells present, numbers parse, non-negative, region codes known, no
duplicate (region, period)) and an INSERT into a table, in one transaction. Each job runs in its own process
(``python -c``), runs alternate (ECER, baseline, ECER, ...), and the medians of time and peak RSS
(``wait4`` → ``ru_maxrss``, the whole process) are printed with the ECER/baseline ratio, and the CPU time
(user + system, every thread) with its ratio: on a shared machine it moves less than the wall time. ``--src DIR`` runs an
older checkout's ``src`` (for before/after); ``--stored`` also times ``ecer load`` into a store that already holds
the file (the revision preview compares every row, nothing is written). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BASELINE = r'''
import sys, duckdb
csv, regions, db = sys.argv[1:4]
con = duckdb.connect(db)
con.execute("CREATE TABLE IF NOT EXISTS energy (region_code VARCHAR, period VARCHAR, total_energy DOUBLE, "
            "feedstock_energy DOUBLE, renewable_electricity DOUBLE, other_nonfossil_energy DOUBLE, "
            "separately_listed_energy DOUBLE, separately_listed_value_added DOUBLE, gdp_constant DOUBLE, "
            "price_base_year BIGINT, data_origin VARCHAR, _row BIGINT)")
con.execute(f"CREATE TEMP TABLE known AS SELECT column0 AS code FROM read_csv('{regions}', header=true, all_varchar=true, columns={{'column0':'VARCHAR','n1':'VARCHAR','n2':'VARCHAR','n3':'VARCHAR','n4':'VARCHAR'}})")
names = ["region_code", "period", "total_energy", "feedstock_energy", "renewable_electricity", "other_nonfossil_energy",
         "separately_listed_energy", "separately_listed_value_added", "gdp_constant", "price_base_year", "data_origin"]
cols = "{" + ",".join(f"'{n}':'VARCHAR'" for n in names) + "}"
con.execute(f"CREATE TEMP TABLE raw AS SELECT row_number() OVER () + 1 AS _row, * FROM read_csv('{csv}', header=true, columns={cols})")
nums = names[2:9]
checks = [f"SELECT 'E_REQUIRED', min(_row), count(*) FROM raw WHERE region_code IS NULL OR period IS NULL OR total_energy IS NULL"]
for n in nums:
    checks.append(f"SELECT 'E_NOT_NUMBER', min(_row), count(*) FROM raw WHERE {n} IS NOT NULL AND NOT isfinite(TRY_CAST({n} AS DOUBLE))")
    checks.append(f"SELECT 'E_NEGATIVE', min(_row), count(*) FROM raw WHERE TRY_CAST({n} AS DOUBLE) < 0")
checks.append("SELECT 'E_REGION_MALFORMED', min(_row), count(*) FROM raw WHERE NOT regexp_full_match(region_code, '[0-9]{6}')")
checks.append("SELECT 'E_REGION_UNKNOWN', min(_row), count(*) FROM raw ANTI JOIN known ON raw.region_code = known.code")
checks.append("SELECT 'E_DUPLICATE_KEY', min(_row), count(*) FROM (SELECT _row, count(*) OVER (PARTITION BY region_code, period) AS n FROM raw) WHERE n > 1")
found = [r for q in checks for r in con.execute(q).fetchall() if r[2]]
if found:
    sys.exit(f"baseline findings: {found}")
con.execute("BEGIN")
con.execute("INSERT INTO energy SELECT region_code, period, " + ", ".join(f"CAST({n} AS DOUBLE)" for n in nums)
            + ", CAST(price_base_year AS BIGINT), data_origin, _row FROM raw")
con.execute("COMMIT")
'''


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MB) and CPU time (s, user + system, every thread) of one process."""
    with tempfile.TemporaryFile() as log:  # not a pipe: a full pipe would block the child
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        log.seek(0)
        err = log.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[:3]} failed:\n{err[-2000:]}")
    return dt, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def write_files(d: Path, rows: int) -> None:
    """Write ``regions.csv`` and ``energy.csv`` of about ``rows`` rows into ``d``, and ``files.json`` (their sizes)."""
    import polars as pl
    from run_all import counties, energy_rows, months

    from ecer.ingest import write_frame

    # 334 months (1998-03 … 2025-12) per county at most: more rows take more counties, so that every period is a
    # valid one (years 1949–2100); 1 M rows are 3,000 counties, 10 M rows 29,941.
    regions = counties(max(3000, -(-rows // 334)))
    write_frame(regions, "regions", d / "regions.csv")
    codes = regions.filter(pl.col("level") == "county").get_column("region_code").to_list()
    n_months = max(1, -(-rows // len(codes)))
    write_frame(energy_rows(codes, months(2025 - n_months // 12 - 1, 2025)[-n_months:]), "energy", d / "energy.csv")
    size = (d / "energy.csv").stat().st_size / 1e6
    (d / "files.json").write_text(json.dumps({"counties": len(codes), "months": n_months, "csv_mb": size}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--src", default=None, help="run ECER from this src directory (an older checkout)")
    ap.add_argument("--tmp", default=None, help="folder for the files (default: a temporary one)")
    ap.add_argument("--stored", action="store_true",
                    help="also time `ecer load` into a store that already holds the file (every row unchanged)")
    ap.add_argument("--json", default=None, metavar="FILE", help="also write every run as JSON (benchmarks/results.py)")
    ap.add_argument("--write-files", default=None, metavar="DIR", help=argparse.SUPPRESS)  # the child that writes them
    args = ap.parse_args()
    if args.write_files:
        write_files(Path(args.write_files), args.rows)
        return
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    ecer = [sys.executable, "-c", "import sys; from ecer.cli.main import app; sys.argv[0]='ecer'; sys.exit(app())"]
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        d = Path(tmp)
        # The files are written by a process of their own: this one stays small. A child's ru_maxrss (wait4) starts
        # from the high-water RSS of the process that spawned it (Linux keeps it across vfork + exec), so a parent
        # that had built the 10 M-row frame put a floor of ≈ 1.6 GB under every run's peak.
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--write-files", str(d),
                        "--rows", str(args.rows)], check=True)
        meta = json.loads((d / "files.json").read_text())
        codes_n, n_months, size = meta["counties"], meta["months"], meta["csv_mb"]
        run([*ecer, "load", "--store", str(d / "base.duckdb"), "regions", str(d / "regions.csv"), "--who", "b",
             "--why", "b"], env)
        print(f"# {args.rows:,} rows requested, {size:.0f} MB CSV, {args.runs} alternating runs")
        res: dict[str, list[tuple[float, float, float]]] = {"ecer check": [], "ecer load": [], "baseline": []}
        if args.stored:  # a store holding the file already: the load compares every row and writes none
            shutil.copy(d / "base.duckdb", d / "full.duckdb")
            run([*ecer, "load", "--store", str(d / "full.duckdb"), "energy", str(d / "energy.csv"), "--who", "b",
                 "--why", "b"], env)
            res["ecer load (stored)"] = []
        for i in range(args.runs):
            res["ecer check"].append(run([*ecer, "check", "-t", "energy", "--regions", str(d / "regions.csv"),
                                          str(d / "energy.csv")], env))
            shutil.copy(d / "base.duckdb", d / f"s{i}.duckdb")
            res["ecer load"].append(run([*ecer, "load", "--store", str(d / f"s{i}.duckdb"), "energy",
                                         str(d / "energy.csv"), "--who", "b", "--why", "b"], env))
            (d / f"s{i}.duckdb").unlink()
            if args.stored:
                shutil.copy(d / "full.duckdb", d / f"f{i}.duckdb")
                res["ecer load (stored)"].append(run([*ecer, "load", "--store", str(d / f"f{i}.duckdb"), "energy",
                                                      str(d / "energy.csv"), "--who", "b", "--why", "b"], env))
                (d / f"f{i}.duckdb").unlink()
            res["baseline"].append(run([sys.executable, "-c", BASELINE, str(d / "energy.csv"), str(d / "regions.csv"),
                                        str(d / f"b{i}.duckdb")]))
            (d / f"b{i}.duckdb").unlink()
            print(f"  run {i + 1}: " + "  ".join(f"{k} {v[-1][0]:.2f} s {v[-1][1]:.0f} MB (CPU {v[-1][2]:.1f} s)"
                                                for k, v in res.items()), flush=True)
        # On a shared machine the CPU time (user + system of the whole process) moves less than the wall time.
        base_t = statistics.median(r[0] for r in res["baseline"])
        base_c = statistics.median(r[2] for r in res["baseline"])
        for k, v in res.items():
            t, m, c = (statistics.median(r[j] for r in v) for j in range(3))
            print(f"{k:12s} median {t:6.2f} s  peak RSS {m:6.0f} MB  ratio to baseline {t / base_t:4.2f}  "
                  f"CPU {c:6.1f} s (ratio {c / base_c:4.2f})")
        if args.json:  # every run of every job, for the results table (benchmarks/results.py)
            runs = {k: [{"seconds": r[0], "rss_mb": r[1], "cpu": r[2]} for r in v] for k, v in res.items()}
            Path(args.json).write_text(json.dumps({"script": "ingest_baseline", "rows": codes_n * n_months,
                                                   "csv_mb": size, "runs": runs}, indent=1) + "\n")


if __name__ == "__main__":
    main()
