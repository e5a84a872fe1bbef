"""No silent skips in CI: every skip goes through tests/ci.py, which fails instead when ``CI=true``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import ci

TESTS = Path(__file__).parent
ROOT = TESTS.parent
# pytest.skip(…), pytest.importorskip(…), @pytest.mark.skip / skipif, pytest.mark.skip(…) as a value
SKIP = re.compile(r"\bpytest\s*\.\s*(skip\s*\(|importorskip\s*\(|mark\s*\.\s*skip(if)?\b)")


def test_every_skip_goes_through_the_ci_rule() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name in ("ci.py", Path(__file__).name):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SKIP.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == [], "use tests.ci.cannot_run / import_or_skip instead:\n" + "\n".join(offenders)


def test_skips_outside_ci_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("", "false", "0"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.skip.Exception, match="no Java"):
            ci.cannot_run("no Java")
    for value in ("true", "TRUE", "1", "yes"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match="CI=true and this test cannot run: no Java"):
            ci.cannot_run("no Java")
        with pytest.raises(pytest.fail.Exception, match="not installed"):
            ci.import_or_skip("ecer_no_such_module", "not installed")
    ci.skip_unless_able(None)  # able: nothing happens, even in CI
    assert ci.import_or_skip("json", "stdlib").dumps([1]) == "[1]"


def test_ci_script_sets_ci_true() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^export CI=true$", script, re.MULTILINE)
    assert "apt-get install" in script  # the install step stays
    assert script.index("export CI=true") < script.index("make test")
