"""Shared helpers: a project row, a project file written with the template's headers, the hand-case store."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from ecer.ingest.templates import TEMPLATES
from ecer.models.projects import PROJECT_COLUMNS
from ecer.storage import Store
from tests.handcase import ENERGY, REGIONS, TARGETS

HUAWEI = "914403001922038216"  # a real licence code (GB 32100 check character '6')


def project(**over: Any) -> dict[str, Any]:
    """A canonical project row (as the store returns it): a planned cement-clinker line with nothing missing but
    what ``over`` takes away."""
    base: dict[str, Any] = dict.fromkeys(PROJECT_COLUMNS)
    base.update(
        project_id="P",
        name="水泥熟料线",
        credit_code=HUAWEI,
        region_code="120000",
        industry_code="3011",
        sector="building_materials",
        status="planned",
        capacity=1000.0,  # 1000 t × 98 kgce/t = 98 tce: consistent with the 100 tce/yr below (ratio 1.02)
        capacity_unit="吨/年",
        benchmark_field="水泥熟料",
        benchmark_sub_category="",
        design_unit_energy=98.0,
        design_unit_energy_unit="kgce/t",
        annual_energy=100.0,
        capacity_replacement_plan="置换方案",
        energy_replacement_kind="none",
        national_major="no",
    )
    base.update(over)
    return base


def write_projects(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A project file with the template's bilingual headers; values as text (empty for None)."""
    spec = TEMPLATES["projects"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in spec.columns])
        for r in rows:
            w.writerow(["" if r.get(c.name) is None else r[c.name] for c in spec.columns])
    return path


def file_row(**over: Any) -> dict[str, Any]:
    """A project as a user fills the template (Chinese words for enums)."""
    base = {
        "project_id": "P1",
        "name": "某钢铁短流程",
        "credit_code": HUAWEI,
        "region_code": "130000",
        "industry_code": "3120",
        "sector": "钢铁",
        "status": "在建",
        "capacity": "100",
        "capacity_unit": "万吨/年",
        "benchmark_field": "炼钢",
        "benchmark_sub_category": "电弧炉冶炼（公称容量≥50吨）",
        "design_unit_energy": "65",
        "design_unit_energy_unit": "kgce/t",
        "annual_energy": "60000",
        "eia_no": "冀环审〔2022〕1号",
        "eia_date": "2022-04-01",
        "construction_start": "2022-06-01",
    }
    base.update(over)
    return base


@pytest.fixture
def store() -> Store:
    s = Store.memory()
    for name, frame in (("regions", REGIONS), ("energy", ENERGY), ("targets", TARGETS)):
        s.load(name, frame, file=f"{name}.csv", who="test", why="hand case")
    return s
