"""Constraint filters on candidate destinations: a project's needs against a region's remaining headroom.

Each constraint compares one need of the project with the region's remaining headroom in the same unit:

* ``dual_control`` — the project's annual energy [tce] against the region's remaining dual-control headroom
  H = E_allowed,T − E_Y [tce] (``ecer.core.projects.headroom``; 国发〔2021〕33号 四(一), 发改环资〔2021〕1310号 (十二));
* ``carbon`` — the project's CO2 [t/yr] against a remaining carbon headroom [tCO2];
* ``pollutant:<code>`` — the project's emissions of a pollutant [t/yr] against a remaining pollutant headroom [t];
* ``land`` — the project's land [ha] against the land available for industry [ha];
* ``labour`` — the project's jobs [persons] against the labour available [persons] (215号 二: 劳动力丰富).

A region passes a constraint when need ≤ headroom (a headroom ≤ 0 fails any positive need). The filters are
truthful about what they could not check: a constraint whose headroom is not known at all (``None``: nothing in
the store), a need the project does not state, or a region missing from a known headroom table is reported as
*not applied*, with the reason, never as passed. 215号 二 makes energy, carbon and environmental conditions the
premise of moving energy-intensive industry west ("在满足产业、能源、碳排放等政策的条件下"): these filters are how ECER
checks them, as far as the store has the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

CONSTRAINT_LABELS: dict[str, tuple[str, str, str]] = {
    "dual_control": ("能耗双控剩余空间", "remaining dual-control headroom", "tce"),
    "carbon": ("碳排放剩余空间", "remaining carbon headroom", "tCO2"),
    "land": ("可用工业用地", "industrial land available", "ha"),
    "labour": ("可用劳动力", "labour available", "人 persons"),
}


POLLUTANT_LABELS: dict[str, tuple[str, str]] = {
    "COD": ("化学需氧量", "COD"), "NH3-N": ("氨氮", "NH3-N"), "NOx": ("氮氧化物", "NOx"), "VOCs": ("挥发性有机物", "VOCs"),
}


def constraint_label(cid: str) -> tuple[str, str, str]:
    """Chinese label, English label and unit of a constraint id.

    >>> constraint_label("pollutant:NH3-N")[:2]
    ('氨氮排放剩余空间', 'remaining NH3-N headroom')
    """
    if cid.startswith("pollutant:"):
        code = cid.split(":", 1)[1]
        zh, en = POLLUTANT_LABELS.get(code, (code, code))
        return f"{zh}排放剩余空间", f"remaining {en} headroom", "t"
    return CONSTRAINT_LABELS.get(cid, (cid, cid, ""))


@dataclass(frozen=True)
class RegionCheck:
    """The constraints of one region: passed (every applied one met), and what was and was not applied."""

    region_code: str
    passed: bool
    applied: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_applied: list[str] = field(default_factory=list)
    reasons_zh: list[str] = field(default_factory=list)
    reasons_en: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NotApplied:
    """A constraint not applied to any region, and why (zh/en)."""

    constraint: str
    reason_zh: str
    reason_en: str


def _fmt(x: float) -> str:
    return f"{x:,.1f}" if abs(x) < 1e15 else f"{x:.3e}"


def check_regions(regions: list[str], needs: Mapping[str, float | None],
                  headroom: Mapping[str, Mapping[str, float] | None]) -> tuple[list[RegionCheck], list[NotApplied]]:
    """Apply every constraint of ``headroom`` ∪ ``needs`` to each region.

    needs : constraint id → the project's need (unit of ``constraint_label``) or None (not stated);
    headroom : constraint id → {region_code: remaining headroom} or None (not known in the store).
    Returns one ``RegionCheck`` per region (same order) and the constraints applied to no region at all.

    >>> checks, missing = check_regions(["A", "B"], {"dual_control": 100.0, "carbon": 50.0},
    ...                                 {"dual_control": {"A": 400.0, "B": 80.0}, "carbon": None})
    >>> [(c.region_code, c.passed, c.failed) for c in checks], [m.constraint for m in missing]
    ([('A', True, []), ('B', False, ['dual_control'])], ['carbon'])
    """
    ids = list(dict.fromkeys([*needs, *headroom]))
    globally: list[NotApplied] = []
    active: list[str] = []
    for cid in ids:
        zh, en, _ = constraint_label(cid)
        if needs.get(cid) is None:
            globally.append(NotApplied(cid, "项目未给出该项需求", "the project states no such need"))
        elif headroom.get(cid) is None:
            globally.append(NotApplied(cid, "库中没有该剩余空间数据", "the store holds no such headroom"))
        else:
            active.append(cid)
    out: list[RegionCheck] = []
    for region in regions:
        applied, failed, skipped, rz, re_ = [], [], [], [], []
        for cid in active:
            zh, en, unit = constraint_label(cid)
            table = headroom[cid]
            assert table is not None
            need = needs[cid]
            assert need is not None
            if region not in table or table[region] is None:
                skipped.append(cid)
                rz.append(f"{zh}：该地区无数据，未核查")
                re_.append(f"{en}: no data for the region, not checked")
                continue
            h = float(table[region])
            applied.append(cid)
            if need <= h and (h > 0 or need <= 0):
                rz.append(f"{zh}：需 {_fmt(need)} {unit}，剩余 {_fmt(h)} {unit}，满足")
                re_.append(f"{en}: needs {_fmt(need)} {unit}, {_fmt(h)} {unit} remain: met")
            else:
                failed.append(cid)
                rz.append(f"{zh}：需 {_fmt(need)} {unit}，仅剩 {_fmt(h)} {unit}，不满足")
                re_.append(f"{en}: needs {_fmt(need)} {unit}, only {_fmt(h)} {unit} remain: not met")
        out.append(RegionCheck(region, not failed, applied, failed, skipped, rz, re_))
    return out, globally


# --- headroom on the even path (carbon and pollutants from ECER's own data; issue 9 §3) ---------------------------
def total_headroom(base: float, required_cumulative: float, actual: float) -> float:
    """Remaining headroom of a total that must fall [unit of ``base``]: what the even path allows this year less
    what the region emits, :math:`H_t = E_0 (1 - R_t) - E_t`.

    ``R_t`` is the cumulative reduction the even pace requires by year t (``required_cumulative`` of
    :func:`ecer.core.targets.tracking.track`: :math:`R_t = 1 - (1 - T)^{t/n}`); a negative H is a region already above
    its path (no room for a new emitter). Reading the pollutant targets of 国发〔2021〕33号 二 (COD and NH3-N −8 %,
    NOx and VOCs −10 % by 2025) as a yearly allowance along that path is ECER's assumption [C].

    >>> round(total_headroom(1000.0, 0.1, 850.0), 9)   # allowed 900 t, emits 850 t → 50 t remain
    50.0
    """
    return base * (1.0 - required_cumulative) - actual


def intensity_headroom(intensity_base: float, required_cumulative: float, activity: float, actual: float,
                       *, scale: float = 1.0) -> float:
    """Remaining headroom of a total under an intensity target [unit of ``actual``]: what the even-path intensity
    allows at this year's activity less the actual total, :math:`H_t = I_0 (1 - R_t) \\cdot G_t \\cdot s - C_t`.

    For carbon: ``intensity_base`` in tCO2/万元, ``activity`` the constant-price GDP in 亿元, ``scale`` = 10⁴ 万元 per
    亿元, ``actual`` the year's CO2 in t (the CO2-intensity target −18 % of 国发〔2021〕23号 on the even pace, ECER's
    assumption [C], as for the barometer).

    >>> round(intensity_headroom(0.5, 0.1, 1000.0, 4.0e6, scale=1.0e4), 6)   # 0.45 t/万元 × 10⁷ 万元 − 4 Mt
    500000.0
    """
    return intensity_base * (1.0 - required_cumulative) * activity * scale - actual
