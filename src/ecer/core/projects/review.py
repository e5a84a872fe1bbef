"""Project review against regional headroom (issue 7 §7): the region's assessed consumption and intensity path to the
plan's target year with and without one project, the grade it would get, the share of the remaining increment the
project takes and the replacement it needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecer.core.targets.barometer import intensity_grade


@dataclass(frozen=True)
class RegionPath:
    """Year rows ``year, energy_without, energy_with, gdp, intensity_without, intensity_with, grade_without,
    grade_with`` and the summary at the target year."""

    region_code: str
    rows: list[dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)


def ramp_factor(year: int, start_year: int, ramp_up: list[float]) -> float:
    """Share of full output in ``year``: 0 before ``start_year``, then ``ramp_up[k]`` in the k-th year of operation,
    the last value after the list ends.

    >>> [ramp_factor(y, 2024, [0.5, 0.8, 1.0]) for y in (2023, 2024, 2025, 2026, 2030)]
    [0.0, 0.5, 0.8, 1.0, 1.0]
    """
    if year < start_year or not ramp_up:
        return 0.0
    k = year - start_year
    return ramp_up[min(k, len(ramp_up) - 1)]


def project_path(
    *,
    region_code: str,
    latest_year: int,
    latest_energy: float,
    base_energy: float,
    latest_gdp: float,
    base_gdp: float,
    gdp_growth: float,
    intensity_target: float,
    base_year: int,
    target_year: int,
    allowed_target_energy: float,
    project_tce: float,
    replaced_tce: float,
    start_year: int,
    ramp_up: list[float],
    region_growth: float | None = None,
) -> RegionPath:
    r"""The path from the latest assessed year Y to the target year T.

    .. math::
        E_t = E_Y (1 + g_r)^{t-Y}, \quad E'_t = E_t + r(t)\,\max(P - S, 0), \quad G_t = G_Y (1 + g_G)^{t-Y},
        \quad I_t = E_t / G_t

        D_T = 1 - I_T / I_0, \quad \text{share} = \max(P - S, 0) / (E_{allowed,T} - E_Y)

    E [tce] assessed totals (cumulative basis since the base year B); g_r : the region's own growth without the
    project, default its average since the base year :math:`(E_Y/E_0)^{1/(Y-B)} - 1` (an assumption [C]: the
    recent past continues); G [10⁸ CNY, constant prices], g_G : planned GDP growth [1/yr]; P : the project's annual
    energy [tce], S : its energy replacement [tce], r(t) : the ramp-up factor (:func:`ramp_factor`); I [tce/10⁴ CNY];
    T : the five-year basic intensity target. Each year's intensity grade follows the barometer (1 if intensity rises,
    2 if it falls less than the even pace 1 − (1 − T)^{1/5}, else 3); the target year is "met" when D_T ≥ T.

    Reference: 国发〔2021〕33号 四(一), 发改环资〔2021〕1310号 (十二); METHODS.md §5.2 for the grades.

    >>> r = project_path(region_code="130000", latest_year=2021, latest_energy=2100.0, base_energy=2000.0,
    ...     latest_gdp=2.04, base_gdp=2.0, gdp_growth=0.05, intensity_target=0.135, base_year=2020, target_year=2025,
    ...     allowed_target_energy=2500.0, project_tce=100.0, replaced_tce=0.0, start_year=2024, ramp_up=[0.5, 1.0],
    ...     region_growth=0.0)
    >>> [(row["year"], row["energy_with"]) for row in r.rows]
    [(2022, 2100.0), (2023, 2100.0), (2024, 2150.0), (2025, 2200.0)]
    >>> r.summary["share_of_remaining"], r.summary["replacement_to_stay_within"]
    (0.25, 0.0)
    """
    net = max(project_tce - replaced_tce, 0.0)
    years_done = latest_year - base_year
    if region_growth is None:
        region_growth = (latest_energy / base_energy) ** (1 / years_done) - 1 if years_done > 0 else 0.0
    i0 = base_energy / (base_gdp * 1e4)
    required = 1 - (1 - intensity_target) ** (1 / (target_year - base_year))
    rows = []
    prev_wo = prev_w = latest_energy / (latest_gdp * 1e4)
    for t in range(latest_year + 1, target_year + 1):
        e_wo = latest_energy * (1 + region_growth) ** (t - latest_year)
        e_w = e_wo + ramp_factor(t, start_year, ramp_up) * net
        g = latest_gdp * (1 + gdp_growth) ** (t - latest_year)
        i_wo, i_w = e_wo / (g * 1e4), e_w / (g * 1e4)
        rows.append(
            {
                "year": t,
                "energy_without": e_wo,
                "energy_with": e_w,
                "gdp": g,
                "intensity_without": i_wo,
                "intensity_with": i_w,
                "grade_without": intensity_grade(i_wo / prev_wo - 1, required),
                "grade_with": intensity_grade(i_w / prev_w - 1, required),
            }
        )
        prev_wo, prev_w = i_wo, i_w
    last = (
        rows[-1]
        if rows
        else {
            "energy_without": latest_energy,
            "energy_with": latest_energy,
            "intensity_without": prev_wo,
            "intensity_with": prev_w,
        }
    )
    remaining = allowed_target_energy - latest_energy
    red_wo, red_w = 1 - last["intensity_without"] / i0, 1 - last["intensity_with"] / i0
    summary = {
        "target_year": target_year,
        "allowed_target_energy": allowed_target_energy,
        "remaining_increment": remaining,
        "project_tce": project_tce,
        "replaced_tce": replaced_tce,
        "net_tce": net,
        "share_of_remaining": (net / remaining) if remaining > 0 else None,
        "reduction_without": red_wo,
        "reduction_with": red_w,
        "intensity_target": intensity_target,
        "target_met_without": red_wo >= intensity_target - 1e-12,
        "target_met_with": red_w >= intensity_target - 1e-12,
        "energy_without": last["energy_without"],
        "energy_with": last["energy_with"],
        "replacement_to_stay_within": min(net, max(last["energy_with"] - allowed_target_energy, 0.0)),
        "region_growth": region_growth,
        "gdp_growth": gdp_growth,
        "start_year": start_year,
        "ramp_up": ramp_up,
    }
    return RegionPath(region_code, rows, summary)
