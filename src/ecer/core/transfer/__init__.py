"""Regional industrial transfer (工信部联政法〔2021〕215号): the evaluation index (entropy weights, TOPSIS), the
guidance's direction rules, headroom constraint filters, project matching and origin/destination sharing. Pure:
polars and the reference tables only."""

from ecer.core.transfer.constraints import NotApplied, RegionCheck, check_regions, constraint_label
from ecer.core.transfer.index import Weights, entropy_weights, rank_regions, ranks, topsis
from ecer.core.transfer.matching import MatchResult, match_project
from ecer.core.transfer.rules import Classification, Eligibility, classify, eligibility, province_of
from ecer.core.transfer.sharing import SHARE_KINDS, parse_schedule, sharing_schedule

__all__ = [
           "SHARE_KINDS",
           "Classification",
           "Eligibility",
           "MatchResult",
           "NotApplied",
           "RegionCheck",
           "Weights",
           "check_regions",
           "classify",
           "constraint_label",
           "eligibility",
           "entropy_weights",
           "match_project",
           "parse_schedule",
           "province_of",
           "rank_regions",
           "ranks",
           "sharing_schedule",
           "topsis",
]
