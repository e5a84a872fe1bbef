"""Dual-control rule editions as typed data (the values live in ``ecer/refdata/dual_control_rules/<edition>/rules.toml``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

RenewableTreatment = Literal[
    "none",  # counted like any energy
    "increment_total_only",  # R_t − R_base deducted from the total check; still in intensity
    "all_total_and_intensity",  # all of it out of total and intensity (base and target period)
]
FeedstockTreatment = Literal["none", "exclude_total_and_intensity"]
NonfossilTreatment = Literal["none", "exclude_total_and_intensity"]
RenewableReading = Literal[
    "previous_year",  # 1258号 as written: each year's increment over the previous year, in that year's total check
    "base_year",  # the cumulative increment over the 2020 base, deducted from every year's total
]


class Clause(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_no: str
    clause: str
    quote: str
    source: str


class RuleEdition(BaseModel):
    """One edition of the dual-control accounting rules.

    Each switch names the clause that rules it (``clauses``); options the texts leave open are
    explicit fields with documented defaults, never silent choices.
    """

    model_config = ConfigDict(frozen=True)

    edition: str
    name_zh: str
    name_en: str
    effective_from: str  # ISO date the rule took effect; it governs periods that end on or after it
    supersedes: str | None = None
    feedstock: FeedstockTreatment
    renewable_electricity: RenewableTreatment
    renewable_base_year: int = 2020
    other_nonfossil: NonfossilTreatment = "none"
    separately_listed_excluded: bool = True
    incentive_exempts_total: bool = True  # 1310号 第(九)条, in the five-year assessment
    five_year_progress_counts_as_annual: bool = True  # 1310号 第(十三)条
    # Open choices (defaults documented in the edition file):
    separately_listed_remove_value_added: bool = False
    recompute_earlier_years: bool = False
    renewable_increment_reading: RenewableReading = "previous_year"
    incentive_exemption_pro_rata: bool = False
    plan_base_year: int = 2020
    plan_target_year: int = 2025
    clauses: dict[str, Clause] = {}
