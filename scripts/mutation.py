"""Run mutmut (pinned in the dev extra) so that it also mutates the core's formulas.

mutmut 3 skips every decorated function, because copying a decorated function can repeat its side effects
(a route registered twice). ECER's formulas are decorated with ``ecer.core.vector.elementwise`` — a pure
wrapper with no side effect at definition time — and they are the heart of the core, so this runner lets
mutmut mutate functions whose only decorator is ``elementwise``: the trampoline, the original copy and the
mutants each keep the decorator, which passes polars expressions straight through, so each mutant computes
exactly what the edited source would. Every other decorated function is still skipped.

It also makes mutmut's fork server safe and fast with polars (``forkserver_warmup = "import"``): the server
imports pytest, hypothesis, polars and ECER's core and ingest modules but computes nothing, so each mutant's child
starts with everything imported and polars' thread pool not yet created. (mutmut's default warm-up, a
``pytest --collect-only``, imports the test modules, which build polars frames at module level
(``tests/core/cases.py``); that starts polars' thread pool in the server, and every child forked from it then
waits for pool threads that do not exist — the "hangs" and timeouts of the first runs.) The warm-up checks this
(a forked child must be able to compute) and stops the run with a clear message otherwise.

Usage (``make mutation`` does this): ``python scripts/mutation.py run --max-children 1``, then
``python scripts/mutation.py score``. A reproducible, stratified random sample of the core's mutants:
``python scripts/mutation.py sample 450 --seed 20261202`` (runs them, then prints the estimate and its 95 %
confidence interval). Configuration: ``[tool.mutmut]`` in pyproject.toml; results: docs/mutation.md.
"""

from __future__ import annotations

import importlib
import math
import os
import pkgutil
import random
import signal
import sys
from collections import Counter, defaultdict
from importlib.metadata import entry_points
from pathlib import Path

# one polars thread per mutant child: one worker uses one core of the shared machine, and the CPU-time limit
# mutmut sets per child is not eaten by a thread pool
os.environ.setdefault("POLARS_MAX_THREADS", "1")

import click
import libcst as cst
from libcst.metadata import PositionProvider
from mutmut.__main__ import _run, cli, create_mutants, store_lines_covered_by_tests
from mutmut.configuration import ForkServerWarmup, config
from mutmut.mutation import file_mutation
from mutmut.mutation.data import SourceFileMutationData
from mutmut.runners.harness import PytestRunner
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import (
    copy_also_copy_files,
    copy_src_dir,
    setup_source_paths,
    walk_mutatable_files,
)

ALLOWED_DECORATORS = {"elementwise"}

_visitor = file_mutation.MutationVisitor
_skip = _visitor._skip_node_and_children


def _only_allowed_decorators(node: cst.FunctionDef) -> bool:
    return len(node.decorators) > 0 and all(
        isinstance(d.decorator, cst.Name) and d.decorator.value in ALLOWED_DECORATORS for d in node.decorators
    )


def _skip_node_and_children(self: file_mutation.MutationVisitor, node: cst.CSTNode) -> bool:
    if isinstance(node, cst.FunctionDef) and _only_allowed_decorators(node):
        # the same checks mutmut makes for an undecorated function
        position = self.get_metadata(PositionProvider, node, None)
        if position and position.start.line in self._ignored_node_lines:
            self.ignored_functions.add(node.name.value)
            return True
        return node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
    return _skip(self, node)


_visitor._skip_node_and_children = _skip_node_and_children  # type: ignore[method-assign]


class _NoDoctestsOfMutantCopies:
    """A mutant copy (``x_name__mutmut_3``) keeps the docstring of its function, so pytest's doctest finder would
    collect the same doctest once per mutant; deselect those copies (the function's own doctest still runs)."""

    def pytest_collection_modifyitems(self, config: object, items: list) -> None:  # type: ignore[type-arg]
        copies = [i for i in items if "__mutmut_" in i.nodeid]
        if copies:
            items[:] = [i for i in items if "__mutmut_" not in i.nodeid]
            config.hook.pytest_deselected(items=copies)  # type: ignore[attr-defined]


_execute = PytestRunner.execute_pytest


# pytest plugins (entry points, group pytest11) the core and ingest tests do not use; schemathesis alone costs
# every mutant's child about 7 s of imports on the shared machine
DISABLED_PLUGINS = ("schemathesis",)


def _execute_pytest(self: PytestRunner, params: list[str], **kwargs: object) -> int:
    plugins = list(kwargs.pop("plugins", None) or [])  # type: ignore[call-overload]
    disabled = [a for name in DISABLED_PLUGINS for a in ("-p", f"no:{name}")]
    return _execute(self, [*disabled, *params], plugins=[*plugins, _NoDoctestsOfMutantCopies()], **kwargs)


PytestRunner.execute_pytest = _execute_pytest  # type: ignore[method-assign]


# --- a fork server that imports but does not compute -------------------------------------------------------------

WARM_UP_MODULES = ("pytest", "_pytest.doctest", "hypothesis", "polars", "ecer.findings", "ecer.refdata")
WARM_UP_PACKAGES = (
    "ecer.core",
    "ecer.ingest",
)  # every module under these (the mutated copies in mutants/src)


def _polars_fork_safe() -> bool:
    """True if a child forked from this process can still compute with polars: polars' thread pool (created on
    the first computation, not on import) does not survive a fork, a child forked after it waits forever."""
    pid = os.fork()
    if pid == 0:
        signal.alarm(60)
        try:
            import polars as pl

            pl.DataFrame({"a": list(range(10_000))}).select(pl.col("a").sum()).item()
        except Exception:  # noqa: BLE001 -- any failure means "not fork-safe"
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


_warm_up = PytestRunner.warm_up


def _warm_up_imports_only(self: PytestRunner) -> None:
    if config().forkserver_warmup != ForkServerWarmup.IMPORT or config().preload_modules_file:
        _warm_up(self)
        return
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    # the pytest plugins each child's pytest.main would otherwise import again (about 3 s per mutant)
    for ep in entry_points(group="pytest11"):
        if ep.name not in DISABLED_PLUGINS:
            importlib.import_module(ep.value.split(":")[0])
    for package in WARM_UP_PACKAGES:
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
            importlib.import_module(info.name)
    if not _polars_fork_safe():
        raise RuntimeError(
            "mutation warm-up: a module imported by the fork server computed with polars, so every mutant's "
            "child would hang; keep module-level code of ecer.core / ecer.ingest free of polars computations "
            "(or set forkserver_warmup = 'none')"
        )


PytestRunner.warm_up = _warm_up_imports_only  # type: ignore[method-assign]

# mutmut's forced-fail check (every test must fail when MUTANT_UNDER_TEST=fail) runs the whole selection, which
# collects every test module first (minutes here); one test file that calls a mutated function proves the same:
# the trampolines are in place and a failing mutant fails the run.
FORCED_FAIL_TESTS = ["tests/core/test_energy.py"]


def _run_forced_fail(self: PytestRunner) -> int:
    return self.run_tests(mutant_name=None, tests=FORCED_FAIL_TESTS)


PytestRunner.run_forced_fail = _run_forced_fail  # type: ignore[method-assign]


# --- score and sample --------------------------------------------------------------------------------------------

DETECTED = {"killed"}


def _statuses(scope: str) -> dict[str, dict[str, str]]:
    """{source file: {mutant: status}} for the mutatable files whose path starts with ``scope``."""
    out: dict[str, dict[str, str]] = {}
    for path in walk_mutatable_files():
        if not str(path).startswith(scope):
            continue
        data = SourceFileMutationData(path=path)
        data.load()
        out[str(path)] = {k: status_by_exit_code[v] for k, v in sorted(data.exit_code_by_key.items())}
    return out


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n (95 % for z = 1.96)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _print_table(statuses: dict[str, dict[str, str]], population: dict[str, int]) -> tuple[int, int, int]:
    print("| file | mutants | checked | killed | timeout | survived | no tests | other | killed % |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals: Counter[str] = Counter()
    for path, by_name in statuses.items():
        c = Counter(by_name.values())
        checked = len(by_name) - c["not checked"]
        other = checked - c["killed"] - c["timeout"] - c["survived"] - c["no tests"]
        pct = f"{100 * c['killed'] / checked:.1f}" if checked else "–"
        short = path.removeprefix("src/ecer/")
        print(
            f"| `{short}` | {population[path]} | {checked} | {c['killed']} | {c['timeout']} | {c['survived']} "
            f"| {c['no tests']} | {other} | {pct} |"
        )
        totals.update(c)
        totals["checked"] += checked
    return totals["checked"], totals["killed"], totals["timeout"]


@cli.command()
@click.option("--scope", default="src/ecer/core/", show_default=True, help="source path prefix")
@click.option(
    "--sample", "sample_file", type=click.Path(exists=True), help="score only the mutants listed here"
)
def score(scope: str, sample_file: str | None) -> None:
    """Print the mutation score per file (killed / checked) for SCOPE, or the estimate from a sample."""
    statuses = _statuses(scope)
    population = {p: len(v) for p, v in statuses.items()}
    if sample_file:
        chosen = set(Path(sample_file).read_text().split())
        statuses = {p: {k: s for k, s in v.items() if k in chosen} for p, v in statuses.items()}
        statuses = {p: v for p, v in statuses.items() if v}
    checked, killed, timeout = _print_table(statuses, population)
    survivors = sorted(
        k for v in statuses.values() for k, s in v.items() if s not in DETECTED | {"not checked"}
    )
    unchecked = sum(1 for v in statuses.values() for s in v.values() if s == "not checked")
    print()
    if unchecked:
        print(f"WARNING: {unchecked} mutants not checked yet; the score below is over the checked ones only")
    if not checked:
        print("no mutant checked yet")
        return
    lo, hi = _wilson(killed, checked)
    label = "SAMPLE" if sample_file else "RUN"
    print(
        f"{label} {scope}: {killed} killed of {checked} checked = {100 * killed / checked:.1f} % "
        f"(timeouts {timeout}, counted as not killed)"
    )
    if sample_file:
        # stratified estimate (strata = files, weights = their share of the mutants) over the files with at least
        # one checked mutant; a file with none is named, not guessed
        done_by_file = {p: [s for s in v.values() if s != "not checked"] for p, v in statuses.items()}
        missing = sorted(p for p, d in done_by_file.items() if not d)
        big_n = sum(population[p] for p, d in done_by_file.items() if d)
        est = var = 0.0
        for p, done in done_by_file.items():
            if not done:
                continue
            n_h, w_h = len(done), population[p] / big_n
            p_h = sum(1 for s in done if s in DETECTED) / n_h
            est += w_h * p_h
            if n_h > 1:
                var += w_h**2 * (1 - n_h / population[p]) * p_h * (1 - p_h) / (n_h - 1)
        half = 1.96 * math.sqrt(var)
        print(
            f"stratified estimate for the {big_n} mutants of the files sampled: {100 * est:.1f} % "
            f"(95 % CI {100 * max(0.0, est - half):.1f}–{100 * min(1.0, est + half):.1f} %); "
            f"Wilson 95 % CI of the pooled sample {100 * lo:.1f}–{100 * hi:.1f} %"
        )
        if missing:
            print(f"NOT in the estimate (no sampled mutant checked yet): {', '.join(missing)}")
    else:
        print(f"Wilson 95 % CI {100 * lo:.1f}–{100 * hi:.1f} %")
    print(f"not killed ({len(survivors)}):")
    for name in survivors:
        print("   ", name)


def _stratified(names_by_file: dict[str, list[str]], n: int, seed: int) -> list[str]:
    """A uniformly random sample of about ``n`` names, allocated to files in proportion to their size (largest
    remainder; at least 2 per file, or all of a smaller file), drawn with ``random.Random(seed)`` over the
    sorted files and names, so the same seed and source give the same sample."""
    total = sum(len(v) for v in names_by_file.values())
    quota = {p: n * len(v) / total for p, v in names_by_file.items()}
    alloc = {p: math.floor(q) for p, q in quota.items()}
    for p in sorted(quota, key=lambda p: (alloc[p] - quota[p], p))[: n - sum(alloc.values())]:
        alloc[p] += 1
    alloc = {p: min(len(names_by_file[p]), max(2, a)) for p, a in alloc.items()}
    rng = random.Random(seed)
    chosen: list[str] = []
    for p in sorted(names_by_file):
        chosen += sorted(rng.sample(sorted(names_by_file[p]), alloc[p]))
    return chosen


@cli.command()
@click.argument("n", type=int)
@click.option("--seed", type=int, required=True)
@click.option("--scope", default="src/ecer/core/", show_default=True, help="source path prefix")
@click.option("--max-children", type=int, default=1, show_default=True)
@click.option("--select-only", is_flag=True, help="write the list, do not run it")
def sample(n: int, seed: int, scope: str, max_children: int, select_only: bool) -> None:
    """Run a stratified uniformly random sample of N mutants of SCOPE (list in mutants/sample-SEED-N.txt)."""
    Path("mutants").mkdir(exist_ok=True)
    # the same generation steps as `mutmut run`, so that the mutants exist before they are drawn
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    store_lines_covered_by_tests()
    create_mutants(max_children)
    names = {p: sorted(v) for p, v in _statuses(scope).items()}
    chosen = _stratified(names, n, seed)
    out = Path("mutants") / f"sample-{seed}-{n}.txt"
    out.write_text("\n".join(chosen) + "\n")
    counts = defaultdict(int, Counter(".".join(c.split(".")[:-1]) for c in chosen))
    print(f"{len(chosen)} mutants of {sum(len(v) for v in names.values())} drawn (seed {seed}) -> {out}")
    for module, k in sorted(counts.items()):
        print(f"    {module}: {k}")
    if not select_only:
        _run(chosen, max_children)
    sys.argv = [sys.argv[0], "score", "--scope", scope, "--sample", str(out)]
    cli()


@cli.command(name="try")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--tests", "tests", multiple=True, required=True, help="test file or node id to run (repeatable)"
)
@click.option("--quiet", is_flag=True, help="print only the survivors and the count")
def try_mutants(names: tuple[str, ...], tests: tuple[str, ...], quiet: bool) -> None:
    """Run only TESTS against each mutant NAME (or every mutant whose name starts with NAME, e.g.
    ``ecer.core.energy.x_to_tce``) and print killed / SURVIVED. A quick check, while writing a test, that it kills
    the mutants it is meant to; it does not change mutmut's results (the score comes from ``run`` / ``sample``).
    The mutants must exist (``mutants/src``, made by ``run`` or ``sample``); the tests run from the project, so a
    new test file needs no copying. Each mutant runs in a child forked from a process that has imported pytest,
    polars and the (mutated) core, as mutmut's own fork server does."""
    import pytest

    src = (Path("mutants") / "src").resolve()
    if not src.is_dir():
        raise click.ClickException(
            "no mutants/src: generate the mutants first (scripts/mutation.py sample 1 --seed 1 --select-only)"
        )
    known = sorted(k for v in _statuses("src/").values() for k in v)

    def matches(name: str, key: str) -> bool:
        module, _, func = name.rpartition(".")
        plain = f"{module}.x_{func}" if module and not func.startswith(("x_", "xǁ")) else name
        return key == name or key.startswith((name + ".", name + "__mutmut_", plain + "__mutmut_"))

    chosen = [k for n in names for k in known if matches(n, k)]
    if not chosen:
        raise click.ClickException(f"no mutant named or starting with {', '.join(names)}")
    sys.path.insert(0, str(src))
    os.environ["PYTHONPATH"] = str(src)
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    for ep in entry_points(group="pytest11"):
        if ep.name not in DISABLED_PLUGINS:
            importlib.import_module(ep.value.split(":")[0])
    for package in WARM_UP_PACKAGES:
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
            importlib.import_module(info.name)
    if not importlib.import_module("ecer").__file__.startswith(str(src)):  # type: ignore[union-attr]
        raise click.ClickException("ecer was not imported from mutants/src")
    args = [
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:schemathesis",
        "-m",
        "not spark and not browser",
        *tests,
    ]

    def run(mutant: str) -> int:
        pid = os.fork()
        if pid == 0:
            os.environ["MUTANT_UNDER_TEST"] = mutant
            if mutant or quiet:  # a mutant's output is noise
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
            signal.alarm(120)
            os._exit(int(pytest.main(list(args))))
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    if run("") != 0:
        raise click.ClickException("the tests fail without any mutant: fix them first")
    survived = 0
    for name in chosen:
        rc = run(name)
        survived += rc == 0
        if rc == 0 or not quiet:
            status = "SURVIVED" if rc == 0 else ("timeout" if rc < 0 else "killed")
            print(f"{status:9} {name}", flush=True)
    print(f"{len(chosen) - survived} killed, {survived} survived of {len(chosen)}")


if __name__ == "__main__":
    cli()
