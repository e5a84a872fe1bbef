"""Which rule edition governs a period.

An edition governs the periods that **end** on or after the day it took effect (docs/decisions/0001 item 3): the
2021 H1 barometer (Jan–Jun 2021, published Aug 2021) falls under the 13th-FYP practice, the year 2021 under
国发〔2021〕33号 (2021-12-28), January 2024 under the 2022 rules and February 2024 under the notice of 2024-02-02.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ecer.models.rules import RuleEdition
from ecer.periods import Period

# Open choices of the edition asked for carry over to the edition that governs a period.
CARRIED_OPTIONS = ("separately_listed_remove_value_added", "renewable_increment_reading", "incentive_exemption_pro_rata")


def edition_for_period(period: Period, chosen: RuleEdition, editions: Sequence[RuleEdition]) -> RuleEdition:
    """The edition that governs ``period`` when ``chosen`` is asked for.

    With ``chosen.recompute_earlier_years`` the chosen edition governs every period of its own plan years
    (``plan_base_year`` < year ≤ ``plan_target_year``). Otherwise a period keeps the edition in force on its last
    day: the newest edition not newer than ``chosen`` whose ``effective_from`` is on or before that day (the
    oldest one for periods before any). The chosen edition's open choices carry over.

    >>> from ecer.models.rules import RuleEdition
    >>> def ed(name, day): return RuleEdition(edition=name, name_zh=name, name_en=name, effective_from=day,
    ...                                       feedstock="none", renewable_electricity="none")
    >>> eds = [ed("2016", "2016-12-20"), ed("2021-09", "2021-09-11"), ed("2021", "2021-12-28"), ed("2024", "2024-02-02")]
    >>> [edition_for_period(Period.parse(p), eds[-1], eds).edition for p in ("2021H1", "2021Q3", "2021", "2024-01", "2024Q1")]
    ['2016', '2021-09', '2021', '2021', '2024']
    """
    if chosen.recompute_earlier_years and chosen.plan_base_year < period.year <= chosen.plan_target_year:
        return chosen
    limit = date.fromisoformat(chosen.effective_from)
    candidates = sorted((e for e in editions if date.fromisoformat(e.effective_from) <= limit),
                        key=lambda e: e.effective_from) or [chosen]
    end = period.end
    pick = candidates[0]
    for e in candidates:
        if date.fromisoformat(e.effective_from) <= end:
            pick = e
    if pick.edition == chosen.edition:
        return chosen
    return pick.model_copy(update={k: getattr(chosen, k) for k in CARRIED_OPTIONS})
