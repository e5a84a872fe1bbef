"""The assessment (考核) of a year against its targets — distinct from the barometer's warning grades.

* Intensity, annual assessment: met when the year's reduction meets its annual target; otherwise met *by
  progress* when the cumulative reduction is on the five-year pace and the rules count that (发改环资〔2021〕1310号
  第(十三)条: "对完成五年规划当期能耗双控进度目标的地区，可视为完成能耗双控年度目标"); else not met.
* Intensity, five-year assessment (the plan's target year): met when the cumulative reduction reaches the basic
  target (第(四)条: 基本目标为各地区必须确保完成的约束性目标).
* Total: exempt when the intensity reaches the incentive target — in the five-year assessment only (第(九)条:
  "在五年规划当期能耗双控考核中免予考核"); applying it pro rata inside the plan is an explicit option, off by
  default. Otherwise met when growth stays within the allowed growth, met by progress when the cumulative growth
  stays within the cumulative allowance (第(十三)条), else not met.

Outcomes are codes: ``met``, ``met_by_progress``, ``not_met``, ``exempt``; null when there is nothing to assess.
"""

from __future__ import annotations

import polars as pl

from ecer.core.vector import Flag, elementwise

OUTCOMES = ("met", "met_by_progress", "not_met", "exempt")


@elementwise
def intensity_outcome(annual_met: Flag, progress_met: Flag, *, progress_counts: Flag, five_year: Flag) -> pl.Expr:
    """Outcome of the intensity assessment of a year.

    annual_met : the year's reduction met its annual target (bool, or null); progress_met : the cumulative
    reduction met the requirement to date (at the plan's target year: the five-year basic target);
    progress_counts : the rules count five-year progress as the annual target (1310号 第(十三)条);
    five_year : this is the five-year assessment (the plan's target year).

    >>> intensity_outcome(True, False, progress_counts=True, five_year=False)
    'met'
    >>> intensity_outcome(False, True, progress_counts=True, five_year=False)
    'met_by_progress'
    >>> intensity_outcome(False, True, progress_counts=False, five_year=False)
    'not_met'
    >>> intensity_outcome(True, False, progress_counts=True, five_year=True)  # five years: the basic target decides
    'not_met'
    """
    five = (pl.when(progress_met.is_null()).then(None)  # type: ignore[union-attr]
            .when(progress_met).then(pl.lit("met")).otherwise(pl.lit("not_met")))
    annual = (pl.when(annual_met.is_null() & progress_met.is_null()).then(None)  # type: ignore[union-attr]
              .when(annual_met.fill_null(False)).then(pl.lit("met"))  # type: ignore[union-attr]
              .when(progress_met.fill_null(False) & progress_counts).then(pl.lit("met_by_progress"))  # type: ignore[union-attr]
              .when(annual_met.is_null()).then(None)  # type: ignore[union-attr]
              .otherwise(pl.lit("not_met")))
    return pl.when(five_year).then(five).otherwise(annual)


@elementwise
def total_exempt(incentive_reached: Flag, *, exemption_ruled: Flag, five_year: Flag, pro_rata: Flag) -> pl.Expr:
    """Whether the total is exempt from assessment (1310号 第(九)条).

    incentive_reached : the cumulative reduction reached the incentive target (at the plan's target year) or its
    even pace to date; exemption_ruled : the rules have the exemption; five_year : the five-year assessment;
    pro_rata : apply it inside the plan too (an explicit option).

    >>> total_exempt(True, exemption_ruled=True, five_year=True, pro_rata=False)
    True
    >>> total_exempt(True, exemption_ruled=True, five_year=False, pro_rata=False)
    False
    >>> total_exempt(True, exemption_ruled=True, five_year=False, pro_rata=True)
    True
    """
    return incentive_reached.fill_null(False) & exemption_ruled & (five_year | pro_rata)  # type: ignore[union-attr]


@elementwise
def total_outcome(annual_met: Flag, progress_met: Flag, *, exempt: Flag, progress_counts: Flag,
                  five_year: Flag) -> pl.Expr:
    """Outcome of the total's assessment: ``exempt`` first, then as :func:`intensity_outcome`.

    >>> total_outcome(False, False, exempt=True, progress_counts=True, five_year=True)
    'exempt'
    >>> total_outcome(False, True, exempt=False, progress_counts=True, five_year=False)
    'met_by_progress'
    """
    return pl.when(exempt).then(pl.lit("exempt")).otherwise(
        intensity_outcome(annual_met, progress_met, progress_counts=progress_counts, five_year=five_year))
