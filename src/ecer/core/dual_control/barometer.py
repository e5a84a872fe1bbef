"""The dual-control early-warning barometer (能耗双控晴雨表): three grades for intensity and for total.

一级 (red): 能耗强度不降反升 — intensity rose; 二级 (yellow): 降低率未达到进度要求 — fell less than
required; 三级 (green): the rest. Source: 发改办环资〔2021〕629号 (as reposted, POLICY_RULES.md §h);
发改环资〔2021〕1310号 第(十五)条; colours as provinces use them (江西 526号 (八), 河南 豫政办〔2021〕65号).

The criterion for the total-consumption grades was never published, so its margin is a setting.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field

COLORS = {1: "red", 2: "yellow", 3: "green", None: "grey"}


class Thresholds(BaseModel):
    """Configurable thresholds of the barometer.

    intensity_rise : a change above this counts as a rise (一级) [1]; 0 by the 2021 notice.
    total_red_margin : growth more than this above the allowed growth is 一级 (red), up to it 二级 [1].
        Not published by NDRC; default 0.01 (one percentage point) is our assumption [C].
    tolerance : rounding tolerance for comparisons [1].
    """

    model_config = ConfigDict(frozen=True)

    intensity_rise: float = 0.0
    total_red_margin: float = Field(0.01, ge=0)
    tolerance: float = 1e-9


DEFAULT_THRESHOLDS = Thresholds()


def intensity_grade(
    change: float | None,
    required_reduction: float | None,
    *,
    on_five_year_track: bool = False,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> int | None:
    """Grade the intensity change of a period (year on year).

    change : signed intensity change ΔI [1]; required_reduction : required yearly reduction R [1];
    on_five_year_track : True when cumulative progress meets the even-pace five-year requirement, which
        counts as meeting the annual target (发改环资〔2021〕1310号 第(十三)条) and so lifts 二级 to 三级.
    Returns 1, 2, 3, or None when there is no change to grade.

    >>> intensity_grade(0.004, 0.03), intensity_grade(-0.01, 0.03), intensity_grade(-0.035, 0.03)
    (1, 2, 3)
    >>> intensity_grade(-0.01, 0.03, on_five_year_track=True)
    3
    """
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return None
    if change > thresholds.intensity_rise + thresholds.tolerance:
        return 1
    if required_reduction is None or (isinstance(required_reduction, float) and math.isnan(required_reduction)):
        return None
    if -change + thresholds.tolerance < required_reduction and not on_five_year_track:
        return 2
    return 3


def total_grade(
    energy_growth: float | None,
    allowed_growth: float | None,
    *,
    exempt: bool = False,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> int | None:
    """Grade the growth of assessed total energy consumption against the allowed growth.

    energy_growth, allowed_growth : [1]. ``exempt`` (incentive target reached, 1310号 第(九)条) gives None:
    the total is not assessed. Returns 1, 2, 3 or None.

    >>> total_grade(0.05, 0.03), total_grade(0.035, 0.03), total_grade(0.02, 0.03), total_grade(0.05, 0.03, exempt=True)
    (1, 2, 3, None)
    """
    if exempt or energy_growth is None or allowed_growth is None:
        return None
    if any(isinstance(x, float) and math.isnan(x) for x in (energy_growth, allowed_growth)):
        return None
    if energy_growth <= allowed_growth + thresholds.tolerance:
        return 3
    if energy_growth <= allowed_growth + thresholds.total_red_margin + thresholds.tolerance:
        return 2
    return 1
