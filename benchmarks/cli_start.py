"""Whole-process start of the CLI: ``ecer --help`` and ``ecer catalog list``, median of N runs (issue 6 §7: goal
< 0.4 s). Each run is a new process, timed from spawn to exit; output goes to /dev/null.

    .venv/bin/python benchmarks/cli_start.py [--runs 7]

Where the time goes: ``.venv/bin/python -X importtime -c "import ecer.cli.main"``. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
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


def once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", default=None, metavar="FILE", help="also write every run as JSON (benchmarks/results.py)")
    args = ap.parse_args()
    exe = ecer_executable()
    once(exe + ["--help"])  # warm the file cache
    print("| command | median | min | max | runs | goal |")
    print("| --- | --- | --- | --- | --- | --- |")
    times: dict[str, list[float]] = {" ".join(c): [] for c in COMMANDS}
    for _ in range(args.runs):  # alternating
        for c in COMMANDS:
            times[" ".join(c)].append(once(exe + c))
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| `ecer {name}` | {med:.2f} s | {min(ts):.2f} s | {max(ts):.2f} s | {len(ts)} | "
              f"< 0.4 s {'✔' if med < 0.4 else '✘'} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"script": "cli_start", "runs": times}, indent=1) + "\n")


if __name__ == "__main__":
    main()
