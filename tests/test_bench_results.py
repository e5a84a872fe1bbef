"""``make bench-quick`` — the benchmarks at small sizes, one run each — writes a well-formed results table: one row
per job and size, every row with every column, the ratios those of the runs it recorded, the header naming the
command, the commit and the load average; written atomically. The runs are real (small) ones; the figures are never
asserted (benchmarks are measurements), only that the table tells what the runs measured. About a minute on the
shared 2-core machine: those tests are marked ``slow`` (``-m "not slow"`` leaves them out of a quick local run)."""

from __future__ import annotations

import json
import re
import shlex
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import results as writer  # benchmarks/results.py


def _bench_quick_command() -> list[str]:
    """The command line of the Makefile's ``bench-quick`` recipe (run here without ``make``: its ``env``
    prerequisite would re-sync the environment under the running suite)."""
    text = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^bench-quick:.*\n\t(.+)$", text, re.MULTILINE)
    assert recipe, "the Makefile has a bench-quick target"
    words = shlex.split(recipe.group(1).replace("$(VENV)/bin/python", "PYTHON"))
    assert words[:2] == ["PYTHON", "benchmarks/results.py"] and "--quick" in words
    return [sys.executable, *words[1:]]


def _table(md: str) -> list[dict[str, str]]:
    lines = [ln for ln in md.splitlines() if ln.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split(" | ")]
    assert header == list(writer.COLUMNS)
    assert lines[1] == "|" + " --- |" * len(header)
    rows = []
    for ln in lines[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", ln.strip())[1:-1]]
        assert len(cells) == len(header), ln
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench") / "results.md"
    cmd = _bench_quick_command()
    cmd[cmd.index("--out") + 1] = str(out)
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out, out.read_text(encoding="utf-8"), json.loads(out.with_suffix(".json").read_text())


@pytest.mark.slow
def test_the_table_has_every_job_and_every_column(quick: tuple[Path, str, dict[str, Any]]) -> None:
    out, md, _ = quick
    assert md.startswith(writer.MARK + "\n# Benchmark results (quick")
    assert "Written by `make bench-quick`" in md and "CPUs" in md and "shared machine" in md
    rows = _table(md)
    jobs = [r["job"] for r in rows]
    assert (
        sum(j.startswith("`ecer check`") for j in jobs) == sum(j.startswith("`ecer load`") for j in jobs) == 1
    )
    assert sum(j.startswith("dual-control assessment") for j in jobs) == 1
    assert {"`ecer --help` (whole process)", "`ecer catalog list` (whole process)"} <= set(jobs)
    server = [r for r in rows if r["job"].startswith("server:")]
    assert [r["size"] for r in server] == ["1 client (async)", "10 clients (async)"]
    for r in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC · [0-9a-f]{7,}\+?", r["measured · commit"]), r
        assert re.fullmatch(r"\d+\.\d–\d+\.\d", r["load average"]), r
    for r in server:
        assert re.fullmatch(
            r"p50 \d+ / p95 \d+ / p99 \d+ ms, [\d,]+ answers/s; CPU per answer: server [\d.]+ ms, "
            r"client [\d.]+ ms",
            r["ECER"],
        ), r["ECER"]  # no errors, none stuck
    assert not [
        p for p in out.parent.iterdir() if p.name.endswith(".tmp")
    ]  # written by renaming, nothing left


@pytest.mark.slow
def test_the_ratios_are_those_of_the_recorded_runs(quick: tuple[Path, str, dict[str, Any]]) -> None:
    _, md, raw = quick
    rows = _table(md)
    by_job = {r["job"]: r for r in raw["results"]}
    ingest = by_job["ingest"]["outputs"][0]
    base = statistics.median(r["seconds"] for r in ingest["runs"]["baseline"])
    for name in ("ecer check", "ecer load"):
        (row,) = [r for r in rows if r["job"].startswith(f"`{name}`")]
        t = statistics.median(r["seconds"] for r in ingest["runs"][name])
        assert row["ECER"] == f"{t:.2f} s" and row["baseline"] == f"{base:.2f} s"
        assert row["ECER / baseline"] == f"{t / base:.2f}×"
        assert row["size"].startswith(f"{ingest['rows']:,} rows")
    ((n, runs),) = by_job["assess"]["outputs"][0]["runs"].items()
    (row,) = [r for r in rows if r["job"].startswith("dual-control")]
    assert row["ECER / baseline"] == f"{runs['ecer'][0]['seconds'] / runs['baseline'][0]['seconds']:.2f}×"
    assert row["size"].startswith(f"{int(n):,} × 60 months")
    help_row = next(r for r in rows if r["job"].startswith("`ecer --help`"))
    assert help_row["ECER"] == f"{by_job['cli']['outputs'][0]['runs']['--help'][0]:.2f} s"


@pytest.mark.slow
def test_only_reruns_some_jobs_and_keeps_the_others(
    quick: tuple[Path, str, dict[str, Any]], tmp_path: Path
) -> None:
    _, md, raw = quick
    copy = tmp_path / "results.md"
    copy.with_suffix(".json").write_text(json.dumps(raw))
    readme = tmp_path / "README.md"
    readme.write_text(f"# Benchmarks\nbefore\n{writer.BEGIN}\nold table\n{writer.END}\nafter\n")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "results.py"),
            "--quick",
            "--only",
            "cli",
            "--out",
            str(copy),
            "--readme",
            str(readme),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    again = _table(copy.read_text())
    first = _table(md)
    assert [r["job"] for r in again] == [r["job"] for r in first]  # every job still there, in the same order

    def not_cli(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [r for r in rows if not r["job"].endswith("(whole process)")]

    assert not_cli(again) == not_cli(first)  # the rows not run again, unchanged
    text = readme.read_text()
    assert text.startswith("# Benchmarks\nbefore\n" + writer.BEGIN + "\n### Results (quick")
    assert text.endswith(writer.END + "\nafter\n") and "old table" not in text
    assert _table(text) == again


def test_a_failed_job_is_a_row_that_says_so() -> None:
    failed = {
        "job": "assess",
        "quick": False,
        "command": "make bench",
        "started": "2026-12-02 04:00 UTC",
        "finished": "2026-12-02 04:01 UTC",
        "commit": "abc1234",
        "load_average": [1.0, 2.5],
        "outputs": [],
        "failed": "`assess_baseline.py --counties 3000` exited with 1",
    }
    (row,) = _table(writer.render([failed], "make bench"))
    assert row["job"] == "assess: **failed**" and row["ECER"] == failed["failed"]
    assert row["load average"] == "1.0–2.5" and row["measured · commit"] == "2026-12-02 04:00 UTC · abc1234"
    assert "Not run yet: ingest, cli, server" in writer.render([failed], "make bench")
