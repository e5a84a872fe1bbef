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
ElectricityMethod = Literal["calorific", "coal_equivalent"]


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
    effective_from: str  # ISO date the rule took effect
    supersedes: str | None = None
    feedstock: FeedstockTreatment
    renewable_electricity: RenewableTreatment
    renewable_base_year: int = 2020
    other_nonfossil: NonfossilTreatment = "none"
    separately_listed_excluded: bool = True
    # Open choices (defaults documented in the edition file):
    separately_listed_remove_value_added: bool = False
    recompute_earlier_years: bool = False
    electricity_method: ElectricityMethod = "calorific"
    incentive_exempts_total: bool = True
    five_year_progress_counts_as_annual: bool = True
    plan_base_year: int = 2020
    plan_target_year: int = 2025
    clauses: dict[str, Clause] = {}
