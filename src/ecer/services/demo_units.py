"""A seeded synthetic population of enterprises, production units and their yearly performance (issue 7 §8), in the
template format of ``enterprises``, ``production_units`` and ``unit_performance``, with each unit's true class.

Parameters: ``ecer/demo/units/params.json`` (seed, edition, share of units at benchmark / between / below baseline,
share of below-baseline units not upgradable, capacities, utilisation, years). Every unit gets a true class drawn with
``class_shares`` and a unit energy inside that class's interval of its sub-category's levels in ``edition`` (lower
is better for every shipped row; benchmark < baseline):

* benchmark: e = B − u·D, u ∈ [0.02, 1)            (S = baseline − benchmark; D = S/2, at most 0.4·B if B > 0)
* between:   e = B + u·S, u ∈ [0.02, 0.98]
* below:     e = L + u·S/2, u ∈ [0.02, 1)          (L = baseline)

so a classifier run on the loaded data must recover ``truth.csv`` exactly. The later year improves by
``improvement_per_year`` of its distance to the better edge of the class interval (the class stays). A ``carriers_share`` of the kgce/t rows
give raw coal and electricity instead of the value (positive levels only): E = e·output/1000 tce, electricity = share·E / 0.1229 tce/MWh,
raw coal = (1 − share)·E / 0.7143 tce/t. Same seed → the same files, byte for byte.

>>> d = generate(units=40)
>>> d.units.height, sorted(set(d.truth["true_class"])) <= ["below_baseline", "benchmark", "between"]
(40, True)
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.identifiers import CREDIT_CODE_CHARACTERS, credit_code_check_character
from ecer.ingest.templates import TEMPLATES
from ecer.refdata import load
from ecer.refdata.unit_catalog import field_key, industry_codes

PARAMS = Path(__file__).resolve().parent.parent / "demo" / "units" / "params.json"
CLASSES = ("benchmark", "between", "below_baseline")


@dataclass(frozen=True)
class Population:
    enterprises: pl.DataFrame
    units: pl.DataFrame
    performance: pl.DataFrame
    truth: pl.DataFrame
    params: dict[str, Any]


def params() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PARAMS.read_text(encoding="utf-8"))
    return data


def _credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(CREDIT_CODE_CHARACTERS) for _ in range(9))
    return body + credit_code_check_character(body)


def _industry_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for r in industry_codes().filter(pl.col("benchmark_fields").is_not_null()).iter_rows(named=True):
        for f in str(r["benchmark_fields"]).split(";"):
            out.setdefault(f, r["code"])
    return out


def _depth(bench: float, base: float) -> float:
    """How far below the benchmark a benchmark-class unit may be: S/2, but at most 0.4·B for a positive benchmark
    (the basis warning's window starts at 0.5·B)."""
    s = base - bench
    return min(s / 2, 0.4 * bench) if bench > 0 else s / 2


def _energy(rng: random.Random, cls: str, bench: float, base: float) -> float:
    s = base - bench
    if cls == "benchmark":
        return bench - rng.uniform(0.02, 1.0) * _depth(bench, base)
    if cls == "between":
        return bench + rng.uniform(0.02, 0.98) * s
    return base + rng.uniform(0.02, 1.0) * s / 2


def _capacity(rng: random.Random, denominator: str, p: dict[str, Any]) -> tuple[float, str, float]:
    """(capacity, its unit, yearly capacity in the indicator's denominator)."""
    lo, hi = p["capacity_log10"].get(denominator, p["capacity_log10"]["t"])
    size = 10 ** rng.uniform(lo, hi)
    if denominator == "m2":
        return round(size / 1e4, 1), "万m2/a", round(size / 1e4, 1) * 1e4
    if denominator == "重量箱":  # capacity in t/d of glass melt; 1 重量箱 = 50 kg of 2 mm glass
        return round(size), "t/d", round(size) * 365 * 20
    return round(size / 1e4, 1), "万t/a", round(size / 1e4, 1) * 1e4


def generate(*, units: int | None = None, seed: int | None = None) -> Population:
    """The population (``units`` and ``seed`` override the parameters)."""
    p = params()
    n = units or int(p["units"])
    rng = random.Random(seed if seed is not None else p["seed"])
    levels = load("benchmark_levels", p["edition"]).frame.filter(
        pl.col("benchmark_value") < pl.col("baseline_value")
    )
    rows = levels.select(
        "field", pl.col("sub_category").fill_null("通用"), "unit", "benchmark_value", "baseline_value"
    ).to_dicts()
    industry = _industry_of()
    shares = [p["class_shares"][c] for c in CLASSES]
    ent_rows: list[dict[str, Any]] = []
    unit_rows: list[dict[str, Any]] = []
    perf_rows: list[dict[str, Any]] = []
    truth_rows: list[dict[str, Any]] = []
    lo_u, hi_u = p["units_per_enterprise"]
    while len(unit_rows) < n:
        level = rng.choice(rows)
        region = rng.choice(p["provinces"])
        code = _credit_code(rng, region)
        k = min(rng.randint(lo_u, hi_u), n - len(unit_rows))
        yearly_tce = 0.0
        for j in range(k):
            uid = f"U{len(unit_rows) + 1:05d}"
            cls = rng.choices(CLASSES, weights=shares)[0]
            bench, base = float(level["benchmark_value"]), float(level["baseline_value"])
            denominator = str(level["unit"]).split("/", 1)[1].strip("()")
            capacity, cap_unit, yearly = _capacity(rng, denominator, p)
            upgradable = (
                "否"
                if cls == "below_baseline" and rng.random() < p["not_upgradable_share_below_baseline"]
                else "是"
            )
            unit_rows.append(
                {
                    "unit_id": uid,
                    "credit_code": code,
                    "unit_name": f"{j + 1} 号线",
                    "field": level["field"],
                    "sub_category": level["sub_category"],
                    "capacity": capacity,
                    "capacity_unit": cap_unit,
                    "start_year": rng.randint(1995, 2021),
                    "upgradable": upgradable,
                }
            )
            e = _energy(rng, cls, bench, base)
            carriers = str(level["unit"]) == "kgce/t" and bench > 0 and rng.random() < p["carriers_share"]
            for y, year in enumerate(p["years"]):
                # move towards the better edge of the class's interval by a fraction: the class stays
                s = base - bench
                edge = {
                    "benchmark": bench - _depth(bench, base),
                    "between": bench + 0.02 * s,
                    "below_baseline": base + 0.01 * s,
                }[cls]
                ey = e - (e - edge) * p["improvement_per_year"] * y
                output = round(yearly * rng.uniform(*p["utilisation"]))
                row: dict[str, Any] = {
                    "unit_id": uid,
                    "period": str(year),
                    "output": output,
                    "unit_energy": None,
                    "raw_coal": None,
                    "electricity": None,
                }
                if carriers:
                    total = ey * output / 1000  # tce
                    row["electricity"] = p["carrier_electricity_share"] * total / 0.1229
                    row["raw_coal"] = (1 - p["carrier_electricity_share"]) * total / 0.7143
                else:
                    row["unit_energy"] = round(ey, 6)
                perf_rows.append(row)
                truth_rows.append(
                    {
                        "unit_id": uid,
                        "year": year,
                        "true_class": cls,
                        "unit_energy": ey,
                        "from_carriers": carriers,
                    }
                )
                if str(level["unit"]).startswith("kgce"):
                    yearly_tce = max(yearly_tce, ey * output / 1000)
        ent_rows.append(
            {
                "credit_code": code,
                "name": f"模拟企业{len(ent_rows) + 1:04d}",
                "region_code": region,
                "industry_code": industry.get(
                    field_key(str(level["field"])), industry.get(str(level["field"]), "26")
                ),
                "key_energy_user": "是" if yearly_tce >= 10_000 else "否",
            }
        )
    return Population(
        pl.DataFrame(ent_rows),
        pl.DataFrame(unit_rows),
        pl.DataFrame(perf_rows, infer_schema_length=None),
        pl.DataFrame(truth_rows),
        p,
    )


def _write(path: Path, template: str, frame: pl.DataFrame) -> Path:
    spec = TEMPLATES[template]
    cols = [c for c in spec.columns if c.name in frame.columns]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in cols])
        for r in frame.select([c.name for c in cols]).iter_rows():
            w.writerow(["" if v is None else (repr(v) if isinstance(v, float) else v) for v in r])
    return path


def write_bundle(folder: Path, population: Population | None = None) -> dict[str, Path]:
    """Write enterprises.csv, production_units.csv, unit_performance.csv (template format) and truth.csv."""
    pop = population or generate()
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "enterprises": _write(folder / "enterprises.csv", "enterprises", pop.enterprises),
        "production_units": _write(folder / "production_units.csv", "production_units", pop.units),
        "unit_performance": _write(folder / "unit_performance.csv", "unit_performance", pop.performance),
    }
    pop.truth.write_csv(folder / "truth.csv")
    out["truth"] = folder / "truth.csv"
    return out
