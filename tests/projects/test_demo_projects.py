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
    # annual energy: consistent with capacity × design except the recorded 万tce slips, which the check finds —
    # at their rows in the file check, and in the evaluation
    slips = set(t.filter(t["energy_slip"])["project_id"])
    assert 0 < len(slips) < 30
    at_rows = {f.evidence["project"] for f in result.findings if f.code == "W_PROJECT_ENERGY_INCONSISTENT"}
    assert at_rows == slips == _flagged(evals, "W_PROJECT_ENERGY_INCONSISTENT")
    assert {
        f.evidence["slip_power"]
        for e in evals
        for f in e.findings
        if f.code == "W_PROJECT_ENERGY_INCONSISTENT"
    } == {-4}


def test_demo_annual_energy_is_capacity_times_design_by_hand():
    """E = C [万t/a] × 10⁴ × e [kgce/t] / 1000 × u, u ∈ [0.9, 1.1] (params ``utilisation``)."""
    t = dp.generate().truth
    ratio = t["annual_energy_true"] / (t["capacity"] * 1e4 * t["design_unit_energy"] / 1000)
    assert ratio.min() >= 0.9 - 1e-4 and ratio.max() <= 1.1 + 1e-4


def test_same_seed_same_file(tmp_path):
    a, _ = dp.write(tmp_path / "a")
    b, _ = dp.write(tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()


def test_demo_review_report_shows_a_path_with_a_share_of_the_remaining_increment(tmp_path):
    """``make demo``'s review report: a flagged project whose region path to 2025 is drawn from the region as it stood
    the year before the project runs, with the share of the remaining increment it takes (a number, not '—')."""
    import re

    from ecer.services.demo import build_store

    store = build_store(tmp_path / "demo.duckdb")
    try:
        files = dp.load_demo_projects(store, tmp_path)
        html = files["review_html"].read_text(encoding="utf-8")
        shown = re.search(r"占地区剩余用能增量 ([\d,.]+) 吨标准煤的 ([\d.]+)%", html)
        assert shown is not None, html[:2000]
        assert float(shown.group(1).replace(",", "")) > 0 and 0 < float(shown.group(2)) < 100
        assert ">2025<" in html  # a year row of the path
        # the regions' positions are a mix: some with headroom left, some above their allowed total
        remaining = [sp.region_position(store, code, year=2024).headroom for code in dp.demo_regions()[:31]]
        left = [h.remaining > 0 for h in remaining if h is not None]
        assert 0 < sum(left) < len(left)
    finally:
        store.close()
