"""The demo's transfer data (issue 9 §3–4): synthetic indicators for the 31 provinces and three synthetic projects.

Everything here is **synthetic** (``data_origin`` = synthetic, ``source`` and ``notes`` say so), made so the ranking,
the radar and the matching have something to show; no figure is an official statistic:

* ``market_size`` (benefit, 亿元) — the demo calibration's approximate 2020 GDP (``demo/calibration/provinces.csv``,
  itself rounded and marked as not official);
* ``energy_intensity`` (cost, tce/万元) — demo energy ÷ demo GDP from the same file;
* ``avg_wage`` (cost, 元/年), ``land_price`` (cost, 元/m²), ``rd_intensity`` (benefit, %) — seeded draws that grow
  with the demo GDP per unit energy, so richer provinces cost more and innovate more (a plausible shape, not data).

Projects: a garment plant (1810, labour-intensive) from 广东, a biomass liquid-fuel plant (2541, energy-intensive,
not in the two-high prefixes 251/252) from 江苏 and an iron-making project (3110, two-high) from 河北, with a tax-sharing
agreement on the first. Same seed → the same files, byte for byte.

>>> d = generate()
>>> d["transfer_indicators"].height, d["transfer_projects"].height  # 31 provinces × 5 indicators, 3 projects
(155, 3)
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import polars as pl

from ecer.ingest.templates import TEMPLATES

CALIBRATION = Path(__file__).resolve().parent.parent / "demo" / "calibration" / "provinces.csv"
SEED = 20260912
YEAR = 2023
SOURCE = "SYNTHETIC 合成演示数据（非官方）/ synthetic demo data, not official"
INDICATORS = {  # code: (name_zh, unit, direction)
    "market_size": ("市场规模（演示 GDP）", "亿元", "benefit"),
    "energy_intensity": ("单位GDP能耗（演示）", "tce/万元", "cost"),
    "avg_wage": ("平均工资（模拟）", "元/年", "cost"),
    "land_price": ("工业地价（模拟）", "元/m²", "cost"),
    "rd_intensity": ("研发投入强度（模拟）", "%", "benefit"),
}


def generate() -> dict[str, pl.DataFrame]:
    """The two frames in the templates' column names (indicator rows sorted by region and indicator)."""
    rng = random.Random(SEED)
    cal = pl.read_csv(CALIBRATION, schema_overrides={"region_code": pl.String})
    rows: list[dict[str, Any]] = []
    for r in cal.sort("region_code").iter_rows(named=True):
        gdp, energy = float(r["gdp_2020_yi_cny"]), float(r["energy_2020_wan_tce"])
        productivity = gdp / energy  # 亿元 per 万tce = 万元 per tce
        values = {
            "market_size": round(gdp, 0),
            "energy_intensity": round(energy / gdp, 4),
            "avg_wage": round(60000 + 9000 * productivity * rng.uniform(0.85, 1.15), -2),
            "land_price": round(150 + 120 * productivity * rng.uniform(0.7, 1.3), 0),
            "rd_intensity": round(min(6.5, 0.6 + 0.9 * productivity * rng.uniform(0.6, 1.4)), 2),
        }
        for code, (name, unit, direction) in INDICATORS.items():
            rows.append({"region_code": r["region_code"], "year": YEAR, "indicator_code": code, "name_zh": name,
                         "value": values[code], "unit": unit, "direction": direction, "source": SOURCE,
                         "notes": "演示用，不得作为决策依据 / for the demo only", "data_origin": "synthetic"})
    projects = [
        {"project_id": "TP-DEMO-1", "name": "某服装企业生产基地转移（模拟）", "industry_code": "1810", "two_high": "no",
         "energy_tce": 2500, "co2_t": 6000, "jobs": 1500, "land_ha": 12, "origin_region": "440000",
         "destination_region": "", "status": "intended", "agreement_start": 2025, "agreement_end": 2030,
         "tax_share_origin": "2025-2027:50%;2028-2030:30%", "annual_output_value": 80000, "annual_tax": 3000},
        {"project_id": "TP-DEMO-2", "name": "某生物质液体燃料项目转移（模拟）", "industry_code": "2541", "two_high": "no",
         "energy_tce": 150000, "co2_t": 380000, "nox_t": 60, "jobs": 400, "land_ha": 30, "origin_region": "320000",
         "destination_region": "640000", "status": "signed"},
        {"project_id": "TP-DEMO-3", "name": "某炼铁项目（模拟，“两高”）", "industry_code": "3110", "two_high": "yes",
         "energy_tce": 900000, "co2_t": 2200000, "jobs": 900, "land_ha": 80, "origin_region": "130000",
         "destination_region": "", "status": "intended"},
    ]
    cols = [c.name for c in TEMPLATES["transfer_projects"].columns]
    proj = pl.DataFrame([{c: p.get(c, "synthetic" if c == "data_origin" else None) for c in cols} for p in projects],
                        schema=dict.fromkeys(cols, pl.String), strict=False)
    return {"transfer_indicators": pl.DataFrame(rows), "transfer_projects": proj}


def write(folder: Path) -> dict[str, Path]:
    """The demo files in the templates' headers (CSV with BOM)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for name, df in generate().items():
        spec = TEMPLATES[name]
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            cols = [c for c in spec.columns if c.name in df.columns]
            w.writerow([c.header for c in cols])
            for row in df.iter_rows(named=True):
                w.writerow(["" if row[c.name] is None else row[c.name] for c in cols])
        out[name] = path
    return out


def load_demo_transfer(store: Any, out: Path, console: Any = None) -> dict[str, Path]:
    """``ecer demo``: write the files under ``out/transfer`` and load them (the ordinary atomic load), then write the
    transfer report of the latest year — the entropy-weight TOPSIS ranking with its radar, and the match of the demo's
    garment project TP-DEMO-1 — as ``out/transfer_report.{html,xlsx,pdf}`` (issue 9 acceptance: a ranking with
    reports). A PDF that cannot be written (no CJK font: ``E_PDF_NO_CJK_FONT``) is said on ``console``; the HTML and
    XLSX are kept."""
    from ecer.findings import FindingsError
    from ecer.reports.transfer import write_transfer_report
    from ecer.services.transfer import load_transfer, match, rank

    files = write(out / "transfer")
    for name, path in files.items():
        load_transfer(store, name, path, who="ecer demo", why="synthetic demo transfer data (issue 9 §3)")
    ranking = rank(store)
    matched = match(store, "TP-DEMO-1")
    reports = {f"report_{ext}": write_transfer_report(out / f"transfer_report.{ext}", ranking, matched)
               for ext in ("html", "xlsx")}
    try:
        reports["report_pdf"] = write_transfer_report(out / "transfer_report.pdf", ranking, matched)
    except FindingsError as exc:
        if console is not None:
            console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
    return {**files, **reports}
