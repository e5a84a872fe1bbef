"""A helper process that holds a DuckDB store file (or its writer flag) until the test lets go."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = """
import sys, time
mode, path = sys.argv[1], sys.argv[2]
if mode == "flag":
    from pathlib import Path
    from ecer.storage.locks import WriterFlag
    flag = WriterFlag(Path(path))
    assert flag.try_acquire()
else:
    import duckdb
    con = duckdb.connect(path, read_only=(mode == "ro"))
print("ready", flush=True)
line = sys.stdin.readline()  # hold until the test writes a line (or closes our stdin)
if line.strip():
    time.sleep(float(line))
"""


@contextmanager
def holding(path: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    """Another process holds ``path``: ``rw`` / ``ro`` (a raw DuckDB connection) or ``flag`` (the writer's flag).

    The holder lets go when the block ends (or earlier: write a line to its stdin)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, mode, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "ready", proc.stderr.read() if proc.stderr else line
        yield proc
    finally:
        assert proc.stdin is not None
        try:
            proc.stdin.close()
        except BrokenPipeError:  # pragma: no cover
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait(timeout=10)


def release(proc: subprocess.Popen[str]) -> None:
    """Ask the holder to let go now."""
    assert proc.stdin is not None
    proc.stdin.write("0\n")
    proc.stdin.flush()
