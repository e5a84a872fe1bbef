"""A region's remaining dual-control headroom (剩余用能增量) for the plan period, and a project's share of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headroom:
    """The region's position: assessed totals [tce] and what is left until the plan's target year."""

    base_energy: float
    latest_energy: float
    allowed_target_energy: float
    allowed_growth: float
    basis: str  # increment_cap | gdp_plan

    @property
    def remaining(self) -> float:
        """E_allowed,T − E_Y [tce]; negative when the region is already above its allowed total."""
        return self.allowed_target_energy - self.latest_energy

    def share(self, project_tce: float) -> float | None:
        """project / remaining [1]; None when nothing remains (remaining ≤ 0: any project exceeds it)."""
        return project_tce / self.remaining if self.remaining > 0 else None


def remaining_headroom(
    base_energy: float,
    latest_energy: float,
    *,
    increment_cap: float | None,
    gdp_growth_plan: float | None,
    intensity_target: float | None,
    plan_years: int = 5,
) -> Headroom | None:
    r"""The assessed total the plan allows in its target year, and what remains of it.

    .. math::
        g_5 = \Delta E_{max} / E_0 \ \text{(increment cap)} \quad\text{or}\quad
        g_5 = (1 + g_G)^{n} (1 - T) - 1 \ \text{(planned GDP growth and the basic intensity target)}

        E_{allowed,T} = E_0 (1 + g_5), \qquad H = E_{allowed,T} - E_Y

    base_energy : E_0, assessed total of the plan's base year [tce]; latest_energy : E_Y, the latest assessed year
    on the same (cumulative) basis [tce]; increment_cap : ΔE_max [tce] or None; gdp_growth_plan : g_G [1/yr];
    intensity_target : T, the five-year basic reduction [1]; plan_years : n. Returns None when neither a cap nor a
    planned growth with a target is known (the headroom cannot be stated).

    Reference: 国发〔2021〕33号 四(一) (总量目标根据地区生产总值增速目标和能耗强度降低基本目标确定); 国发〔2016〕74号
    附件 (increment caps); 发改环资〔2021〕1310号 (十二) (节能审查与本地区能耗双控目标做好衔接). Planned, not actual,
    GDP growth is used for the five-year allowance (an assumption [C]: the raise for growth above the plan is not
    known in advance).

    >>> h = remaining_headroom(2000.0, 2100.0, increment_cap=500.0, gdp_growth_plan=0.05, intensity_target=0.135)
    >>> h.allowed_target_energy, h.remaining, h.share(100.0)
    (2500.0, 400.0, 0.25)
    >>> round(remaining_headroom(5000.0, 5200.0, increment_cap=None, gdp_growth_plan=0.05,
    ...                          intensity_target=0.135).remaining, 4)
    319.9178
    """
    if base_energy <= 0:
        return None
    if increment_cap is not None:
        g5, basis = increment_cap / base_energy, "increment_cap"
    elif gdp_growth_plan is not None and intensity_target is not None:
        g5, basis = (1 + gdp_growth_plan) ** plan_years * (1 - intensity_target) - 1, "gdp_plan"
    else:
        return None
    return Headroom(base_energy, latest_energy, base_energy * (1 + g5), g5, basis)
