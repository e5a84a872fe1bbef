"""Whole-process start of the CLI: ``ecer --help`` and ``ecer catalog list``, median of N runs (issue 6 §7: goal
< 0.4 s). Each run is a new process, timed from spawn to exit (wall) and by its CPU time (user + system, from
``wait4``: what a shared machine inflates least); output goes to /dev/null. The goal is read on the wall time.

    .venv/bin/python benchmarks/cli_start.py [--runs 7]

Where the time goes: ``.venv/bin/python -X importtime -c "import ecer.cli.main"``. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (["--help"], ["catalog", "list"])


def ecer_executable() -> list[str]:
    here = Path(sys.executable).parent / "ecer"
    found = here if here.exists() else shutil.which("ecer")
    return [str(found)] if found else [sys.executable, "-m", "ecer.cli.main"]


def once(cmd: list[str]) -> tuple[float, float]:
    """(wall [s], CPU user + system [s]) of one run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", default=None, metavar="FILE", help="also write every run as JSON (benchmarks/results.py)")
    args = ap.parse_args()
    exe = ecer_executable()
    once(exe + ["--help"])  # warm the file cache
    load = os.getloadavg()[0]
    print("| command | median | min | max | CPU median | runs | goal |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    times: dict[str, list[float]] = {" ".join(c): [] for c in COMMANDS}
    cpu: dict[str, list[float]] = {" ".join(c): [] for c in COMMANDS}
    for _ in range(args.runs):  # alternating
        for c in COMMANDS:
            wall, used = once(exe + c)
            times[" ".join(c)].append(wall)
            cpu[" ".join(c)].append(used)
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| `ecer {name}` | {med:.2f} s | {min(ts):.2f} s | {max(ts):.2f} s | {statistics.median(cpu[name]):.3f} s "
              f"| {len(ts)} | < 0.4 s {'✔' if med < 0.4 else '✘'} |")
    print(f"load average (1 min) at the start and end: {load:.1f}, {os.getloadavg()[0]:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"script": "cli_start", "runs": times, "cpu": cpu}, indent=1) + "\n")


if __name__ == "__main__":
    main()
