"""Shared helpers: the hand-worked pollutant case (tests/pollutant_handcase.py) written as template files, and a
store with it loaded through the files — so every layer from the templates up meets the same hand-worked numbers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from ecer.ingest.templates import TEMPLATES
from ecer.storage import Store
from tests import pollutant_handcase as hc


def write(path: Path, template: str, rows: list[dict[str, Any]], *, headers: dict[str, str] | None = None) -> Path:
    """A file of ``template`` with its bilingual headers (``headers`` replaces some), one line per row; a value
    None is an empty cell; columns no row names are left out."""
    spec = TEMPLATES[template]
    used = [c for c in spec.columns if any(c.name in r for r in rows)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([(headers or {}).get(c.name, c.header) for c in used])
        for r in rows:
            w.writerow(["" if r.get(c.name) is None else str(r[c.name]) for c in used])
    return path


def emission_rows() -> list[dict[str, Any]]:
    return [{"region_code": r["region_code"], "pollutant": r["pollutant"], "year": r["year"],
             "emissions": r["emissions"]} for r in hc.BASE.iter_rows(named=True)]


PERCENT = {"eta", "eta_prev", "run", "run_prev"}


def measure_rows() -> list[dict[str, Any]]:
    """The hand-case measures as a user fills the template: efficiencies in percent, stable year as a year."""
    out = []
    for r in hc.MEASURES.iter_rows(named=True):
        row = {k: v for k, v in r.items() if v is not None}
        for c in PERCENT & set(row):
            row[c] = round(row[c] * 100, 9)
        if "stable_year" in row:
            row["stable_year"] = int(row["stable_year"])
        if "stable_month" in row:
            row["stable_month"] = int(row["stable_month"])
        out.append(row)
    return out


def increment_rows() -> list[dict[str, Any]]:
    return [{"region_code": hc.REGION, "pollutant": "COD", "year": y, "new_emissions": v}
            for y, v in hc.EXPECTED_NEW.items()]


def quota_rows() -> list[dict[str, Any]]:
    return [{"region_code": r["region_code"], "pollutant": r["pollutant"], "base_year": r["base_year"],
             "target_year": r["target_year"], "key_project_reduction": r["assigned"],
             "source": "synthetic quota of the hand case"} for r in hc.QUOTA.iter_rows(named=True)]


@pytest.fixture
def handcase_files(tmp_path: Path) -> dict[str, Path]:
    return {
        "pollutant_emissions": write(tmp_path / "emissions.csv", "pollutant_emissions", emission_rows()),
        "pollutant_measures": write(tmp_path / "measures.csv", "pollutant_measures", measure_rows()),
        "pollutant_increments": write(tmp_path / "increments.csv", "pollutant_increments", increment_rows()),
        "pollutant_targets": write(tmp_path / "targets.csv", "pollutant_targets", quota_rows()),
    }


@pytest.fixture
def handcase_store(handcase_files: dict[str, Path]) -> Store:
    from ecer.services.pollutants import load_pollutant_file

    store = Store.memory()
    for name in ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets"):
        load_pollutant_file(store, handcase_files[name], who="test", why="hand case")
    return store
