"""A small store for the transfer tests: the hand case of tests/transfer/test_service_cli.py."""

from __future__ import annotations

import csv
from pathlib import Path

from ecer.ingest.templates import TEMPLATES


def write(path: Path, template: str, rows: list[dict[str, object]]) -> Path:
    """A CSV with the template's own headers for the columns the rows use."""
    cols = [c for c in TEMPLATES[template].columns if any(c.name in r for r in rows)]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.header for c in cols])
        for r in rows:
            w.writerow(["" if r.get(c.name) is None else r.get(c.name) for c in cols])
    return path


def _ind(region: str, code: str, value: float, unit: str, direction: str, name: str) -> dict[str, object]:
    return {"region_code": region, "year": 2023, "indicator_code": code, "name_zh": name, "value": value,
            "unit": unit, "direction": direction, "source": "hand case (synthetic)", "data_origin": "synthetic"}


# a = market (benefit): 河南 3, 四川 4, 北京 0; b = wage index (cost): 河南 1, 四川 2, 北京 2
INDICATOR_ROWS = [
    _ind("410000", "market", 3, "1", "benefit", "市场潜力"), _ind("510000", "market", 4, "1", "benefit", "市场潜力"),
    _ind("110000", "market", 0, "1", "benefit", "市场潜力"), _ind("410000", "wage", 1, "1", "cost", "工资指数"),
    _ind("510000", "wage", 2, "1", "cost", "工资指数"), _ind("110000", "wage", 2, "1", "cost", "工资指数"),
    _ind("410000", "special:old_revolutionary", 1, "1", "attribute", "革命老区"),
]
PROJECT_ROWS = [
    {"project_id": "P-LAB", "name": "服装厂转移", "industry_code": "1810", "energy_tce": 3000, "jobs": 1200,
     "origin_region": "440000", "destination_region": "110000", "status": "已签约", "agreement_start": 2024,
     "agreement_end": 2026, "tax_share_origin": "2024:60%;2025-2026:40%", "annual_tax": 500},
    {"project_id": "P-ENE", "name": "生物质燃料项目", "industry_code": "2541", "energy_tce": 50000, "status": "意向",
     "origin_region": "320000"},
    {"project_id": "P-2H", "name": "炼铁项目", "industry_code": "3110", "energy_tce": 900000, "status": "意向",
     "origin_region": "130000"},
]
