"""The synthetic demo projects (``ecer.services.demo_projects``): the checks recover the recorded truth."""

from __future__ import annotations

from ecer.services import demo_projects as dp
from ecer.services import projects as sp


def _flagged(evals, code):
    return {e.project["project_id"] for e in evals if any(f.code == code for f in e.findings)}


def test_checks_recover_the_recorded_truth(tmp_path):
    data = dp.generate()
    assert data.projects.height == data.params["projects"] == 300
    path, _ = dp.write(tmp_path, data)
    result = sp.check_projects_file(path)  # the ordinary template check: no row refused, nothing dropped
    assert result.frame is not None and result.frame.height == 300
    assert not [f for f in result.findings if f.level == "error"]
    evals = sp.evaluate(None, projects=result.frame.to_dicts(), as_of="2026-12-01")
    t = data.truth
    no_review = set(t.filter(~t["has_energy_review"])["project_id"])
    started = set(t.filter(t["status"] != "planned")["project_id"])
    planned = set(t.filter(t["status"] == "planned")["project_id"])
    # generated without an energy review: started ones are exactly the W_ flags, planned ones the I_ (pending) notes
    assert _flagged(evals, "W_PROJECT_ENERGY_REVIEW_MISSING") == no_review & started
    assert _flagged(evals, "I_PROJECT_ENERGY_REVIEW_PENDING") == no_review & planned
    # designed worse than benchmark (e > B, lower is better): exactly the W_PROJECT_BELOW_BENCHMARK flags
    below = set(t.filter(t["below_benchmark"])["project_id"])
    assert below == set(t.filter(t["design_unit_energy"] > t["benchmark"])["project_id"])
    assert _flagged(evals, "W_PROJECT_BELOW_BENCHMARK") == below
    assert 0 < len(no_review & started) and 0 < len(below) < 300


def test_same_seed_same_file(tmp_path):
    a, _ = dp.write(tmp_path / "a")
    b, _ = dp.write(tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
