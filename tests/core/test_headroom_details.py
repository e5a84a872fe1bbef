"""A region's remaining dual-control headroom, its boundaries and its share, by hand (issue 5 §3.3, mutation).

Formula (``ecer.core.projects.headroom.remaining_headroom``, 国发〔2021〕33号 四(一); 国发〔2016〕74号 附件):
g₅ = ΔE_max / E₀ (increment cap) or (1 + g_G)ⁿ (1 − T) − 1 (planned GDP growth and the basic intensity target);
E_allowed = E₀ (1 + g₅); H = E_allowed − E_Y; share = project / H, none when H ≤ 0.
"""

from __future__ import annotations

import pytest

from ecer.core.projects.headroom import Headroom, remaining_headroom


def test_a_base_of_one_tce_is_a_base() -> None:
    # E₀ = 1 tce (the smallest positive base one would write), cap 0.5: g₅ = 0.5, allowed 1.5, H = 1.5 − 1.2 = 0.3
    h = remaining_headroom(1.0, 1.2, increment_cap=0.5, gdp_growth_plan=None, intensity_target=None)
    assert h is not None and h.allowed_target_energy == 1.5 and h.remaining == pytest.approx(0.3)
    # a base just above zero still has a headroom: E₀ 0.001, cap 0.001 → g₅ = 1, allowed 0.001 × 2 = 0.002
    h = remaining_headroom(0.001, 0.0, increment_cap=0.001, gdp_growth_plan=None, intensity_target=None)
    assert h is not None and h.allowed_target_energy == 0.002 and h.allowed_growth == 1.0
    assert remaining_headroom(-5.0, 1.0, increment_cap=1.0, gdp_growth_plan=None, intensity_target=None) is None


def test_a_zero_cap_is_a_cap_not_a_missing_one() -> None:
    # ΔE_max = 0 (no growth allowed): g₅ = 0, allowed = E₀ = 800, H = 800 − 790 = 10, although a GDP plan is given
    h = remaining_headroom(800.0, 790.0, increment_cap=0.0, gdp_growth_plan=0.06, intensity_target=0.14)
    assert h is not None
    assert (h.allowed_target_energy, h.allowed_growth, h.basis, h.remaining) == (800.0, 0.0, "increment_cap", 10.0)


def test_the_gdp_plan_with_other_plan_years() -> None:
    # g_G 10 %/yr over n = 2 years, T = 20 %: g₅ = 1.1² × 0.8 − 1 = 1.21 × 0.8 − 1 = −0.032;
    # E₀ 1000 → allowed 968, E_Y 900 → H = 68; share of a 17 tce project = 17/68 = 0.25
    h = remaining_headroom(1000.0, 900.0, increment_cap=None, gdp_growth_plan=0.10, intensity_target=0.20,
                           plan_years=2)
    assert h is not None and h.basis == "gdp_plan"
    assert h.allowed_growth == pytest.approx(-0.032, abs=1e-12)
    assert h.allowed_target_energy == pytest.approx(968.0, abs=1e-9)
    assert h.remaining == pytest.approx(68.0, abs=1e-9) and h.share(17.0) == pytest.approx(0.25)
    # the default n is 5: 1.1⁵ × 0.8 − 1 = 1.61051 × 0.8 − 1 = 0.288408
    h5 = remaining_headroom(1000.0, 900.0, increment_cap=None, gdp_growth_plan=0.10, intensity_target=0.20)
    assert h5 is not None and h5.allowed_growth == pytest.approx(0.288408, abs=1e-12)


def test_half_a_plan_is_no_headroom() -> None:
    # a growth plan without the intensity target, or the target without the plan: the total cannot be stated
    assert remaining_headroom(1000.0, 900.0, increment_cap=None, gdp_growth_plan=0.05, intensity_target=None) is None
    assert remaining_headroom(1000.0, 900.0, increment_cap=None, gdp_growth_plan=None, intensity_target=0.135) is None


def test_no_share_of_nothing_left() -> None:
    # H = 0 exactly (allowed 1000, latest 1000) and H < 0: any project exceeds it, so no share
    assert Headroom(900.0, 1000.0, 1000.0, 0.111, "increment_cap").share(1.0) is None
    assert Headroom(900.0, 1100.0, 1000.0, 0.111, "increment_cap").share(1.0) is None
    assert Headroom(900.0, 999.0, 1000.0, 0.111, "increment_cap").share(0.5) == 0.5
