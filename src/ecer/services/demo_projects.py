"""A seeded synthetic set of two-high (两高) projects over the demo regions (issue 7 §8), in the ``projects``
template format, with each project's true parameters recorded (``truth``), so tests can check that the checks of
``ecer.core.projects`` recover them.

Parameters: ``ecer/demo/projects/params.json`` (seed, number of projects, status shares, share with an energy review
(节能审查), share designed worse than benchmark, annual energy range [tce], the production lines drawn from, each a
field and sub-category of the 2021 benchmark table). Per project, with B the benchmark and L the baseline of its
line (lower is better for every line used; B < L) and S = L − B:

* worse than benchmark (``below_benchmark``): design e = B + u·S, u ∈ [0.1, 0.9]
* at or better than benchmark: e = B − u·S/4, u ∈ [0, 1)
* ``has_energy_review``: an approval number and date (2022-03-01, before the EIA of 2022-04-01 and the start of
  construction on 2022-06-01); without one, both fields are empty.
* capacity C drawn from the line's ``capacities`` [万t/a]; the annual energy at design output
  E = C · 10⁴ · e / 1000 · u [tce/yr] with u ∈ ``utilisation`` (kgce/t lines: 1 kgce = 10⁻³ tce), so it agrees
  with capacity × design (W_PROJECT_ENERGY_INCONSISTENT's window 0.5–2); a share ``share_energy_slip`` of the
  projects state E in 万tce as if tce (E / 10⁴, truth ``energy_slip`` true, ``annual_energy_true`` the figure
  before the slip), which the check must find.
* operation: built projects run from 2024-01-01, those under construction plan to from 2025-06-01 (so their review
  path runs from the region as it stood in 2024); planned ones give no date.

Every project has a capacity-replacement plan and no energy replacement (so those checks name only what the region
asks for). Same seed → the same file, byte for byte.

>>> d = generate(projects=20)
>>> d.projects.height, d.truth.height, set(d.truth["status"]) <= {"planned", "under_construction", "built"}
(20, 20, True)
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
from ecer.models.projects import SECTORS, STATUSES
from ecer.refdata import load

PARAMS = Path(__file__).resolve().parent.parent / "demo" / "projects" / "params.json"


@dataclass(frozen=True)
class ProjectSet:
    projects: pl.DataFrame  # as a user fills the template (Chinese words for sector and status)
    truth: (
        pl.DataFrame
    )  # project_id, region_code, sector, status, has_energy_review, below_benchmark, design, B, L,
    # capacity, annual_energy_true, energy_slip
    params: dict[str, Any]


def params() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PARAMS.read_text(encoding="utf-8"))
    return data


def demo_regions() -> list[str]:
    """The provinces of the bundled demo regions."""
    from ecer.services.demo_data import bundle_dir

    with (bundle_dir() / "regions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    return [r[0] for r in rows if r[3] == "province"]


def _credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(CREDIT_CODE_CHARACTERS) for _ in range(9))
    return body + credit_code_check_character(body)


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    x, acc = rng.random(), 0.0
    for k, v in shares.items():
        acc += v
        if x < acc:
            return k
    return list(shares)[-1]


def generate(
    *, projects: int | None = None, seed: int | None = None, regions: list[str] | None = None
) -> ProjectSet:
    """The synthetic projects and their truth (deterministic for a seed)."""
    p = params()
    n = projects if projects is not None else int(p["projects"])
    rng = random.Random(seed if seed is not None else p["seed"])
    regions = regions or demo_regions()
    levels = load("benchmark_levels", p["benchmark_edition"]).frame
    rows, truth = [], []
    for i in range(n):
        line = rng.choice(p["lines"])
        lv = levels.filter(
            (pl.col("field") == line["field"]) & (pl.col("sub_category") == line["sub_category"])
        )
        bench, base = float(lv["benchmark_value"][0]), float(lv["baseline_value"][0])
        span = base - bench
        below = rng.random() < p["share_below_benchmark"]
        design = bench + rng.uniform(0.1, 0.9) * span if below else bench - rng.random() * span / 4
        design = round(design, 1)
        if not below and design > bench:  # rounding never crosses the line
            design = bench
        if below and design <= bench:
            design = round(bench + 0.1, 1)
        has_review = rng.random() < p["share_with_energy_review"]
        status = _pick(rng, p["status_shares"])
        region = rng.choice(regions)
        capacity = rng.choice(line["capacities"])
        lo, hi = p["utilisation"]
        annual_true = round(capacity * 1e4 * design / 1000 * rng.uniform(lo, hi))
        slip = rng.random() < p["share_energy_slip"]
        annual = round(annual_true / 1e4, 2) if slip else annual_true
        pid = f"DEMO-P{i + 1:04d}"
        rows.append(
            {
                "project_id": pid,
                "name": f"演示{line['field']}项目{i + 1:04d}",
                "credit_code": _credit_code(rng, region),
                "region_code": region,
                "industry_code": line["industry_code"],
                "sector": SECTORS[line["sector"]],
                "status": STATUSES[status],
                "capacity": str(capacity),
                "capacity_unit": line["capacity_unit"],
                "benchmark_field": line["field"],
                "benchmark_sub_category": line["sub_category"],
                "design_unit_energy": f"{design:.1f}",
                "design_unit_energy_unit": line["unit"],
                "annual_energy": f"{annual:g}" if slip else str(annual),
                "energy_review_no": f"演示发改能审〔2022〕{i + 1}号" if has_review else "",
                "energy_review_date": "2022-03-01" if has_review else "",
                "eia_no": f"演示环审〔2022〕{i + 1}号",
                "eia_date": "2022-04-01",
                "construction_start": "2022-06-01" if status != "planned" else "",
                "operation_start": {"built": "2024-01-01", "under_construction": "2025-06-01"}.get(
                    status, ""
                ),
                "capacity_replacement_plan": f"演示产能置换方案{i + 1:04d}",
                "energy_replacement_kind": "无",
                "notes": "合成演示数据 / synthetic demo data",
            }
        )
        truth.append(
            {
                "project_id": pid,
                "region_code": region,
                "sector": line["sector"],
                "status": status,
                "has_energy_review": has_review,
                "below_benchmark": below,
                "design_unit_energy": design,
                "benchmark": bench,
                "baseline": base,
                "capacity": float(capacity),
                "annual_energy_true": float(annual_true),
                "energy_slip": slip,
            }
        )
    cols = [c.name for c in TEMPLATES["projects"].columns]
    frame = pl.DataFrame(
        [{c: r.get(c, "") for c in cols} for r in rows], schema=dict.fromkeys(cols, pl.String)
    )
    return ProjectSet(frame, pl.DataFrame(truth), p)


def write(folder: Path, data: ProjectSet | None = None) -> tuple[Path, Path]:
    """Write ``projects_demo.csv`` (the template's bilingual headers) and ``projects_truth.csv`` into ``folder``."""
    data = data or generate()
    folder.mkdir(parents=True, exist_ok=True)
    spec = TEMPLATES["projects"]
    path = folder / "projects_demo.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([c.header for c in spec.columns])
        for r in data.projects.iter_rows(named=True):
            w.writerow([r[c.name] or "" for c in spec.columns])
    truth = folder / "projects_truth.csv"
    data.truth.write_csv(truth)
    return path, truth


def _review_candidate(store: Any, evals: list[Any]) -> Any:
    """The project the demo's review report shows: the first with a finding calling for a disposition whose region
    path can be drawn and leaves it a share of the remaining increment, and whose figures agree (under construction: the path runs from the
    region as it stood the year before operation); the first flagged one when none can."""
    from ecer.findings import FindingsError
    from ecer.services import projects as sp

    flagged = [e for e in evals if e.disposition.disposition != "continue"] or evals
    for e in flagged[:40]:
        if not e.project.get("operation_start") or any(
            f.code == "W_PROJECT_ENERGY_INCONSISTENT" for f in e.findings
        ):
            continue
        try:
            path = sp.review(store, e.project["project_id"])
        except FindingsError:
            continue
        if path.rows and path.summary["share_of_remaining"] is not None:
            return e
    return flagged[0]


def load_demo_projects(store: Any, out: Path, console: Any = None) -> dict[str, Path]:
    """``make demo``: generate, load into ``store`` (the ordinary atomic load), and write the work list (XLSX) and the
    review report of the first project that has a finding under ``out/``. Returns the files written."""
    from ecer.findings import FindingsError
    from ecer.reports.projects_xlsx import write_worklist
    from ecer.services import projects as sp

    data_file, truth_file = write(out / "projects")
    sp.load_projects(store, data_file, who="ecer demo", why="synthetic demo projects (issue 7 §8)")
    evals = sp.evaluate(store)
    worklist = write_worklist(evals, out / "projects_worklist.xlsx")
    flagged = _review_candidate(store, evals)
    report, _ = sp.write_review_report(store, flagged.project["project_id"], out / "project_review.html")
    files = {"projects": data_file, "truth": truth_file, "worklist": worklist, "review_html": report}
    try:
        pdf, _ = sp.write_review_report(store, flagged.project["project_id"], out / "project_review.pdf")
        files["review_pdf"] = pdf
    except FindingsError as exc:  # no CJK font (E_PDF_NO_CJK_FONT): keep the HTML, say so
        if console is not None:
            console.print(f"[yellow]{exc.findings[0].bilingual()}[/yellow]", highlight=False)
    return files
