"""Matching a transfer project (industry, energy need, emissions, labour, land) to candidate destinations, with reasons.

For each candidate region: the direction rule of the project's class (``ecer.core.transfer.rules``), the constraint
filters (``ecer.core.transfer.constraints``) and the region's closeness C ∈ [0, 1] of the transfer index
(``ecer.core.transfer.index``). The direction's conditions (劳动力丰富、区位交通便利; 中心城市; 清洁能源优势) are measured
by the region's indicators named in ``transfer_condition_measures`` where they are loaded
(``ecer.core.transfer.conditions``), and stay conditions to verify, naming the missing indicator, where not. A region
is a *candidate* when it is within the direction, meets every applied constraint and every measured condition;
candidates are ordered by closeness (highest first), then the others, each with the reasons in Chinese and English,
the conditions still to verify and the constraints not applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from ecer.core.transfer.conditions import check_conditions, medians
from ecer.core.transfer.constraints import NotApplied, check_regions, constraint_label
from ecer.core.transfer.rules import Classification, eligibility, province_of

ENVIRONMENT_CONDITION = "energy_carbon_environment"
MATCH_COLUMNS = ["order", "region_code", "macro_region", "candidate", "direction_ok", "constraints_ok", "conditions_ok",
                 "closeness", "index_rank", "rule_id", "reasons_zh", "reasons_en", "to_verify_zh", "to_verify_en", "not_applied"]
CONDITION_TEXT: dict[str, tuple[str, str]] = {
    "labour_transport": ("劳动力丰富、区位交通便利（核对劳动力和交通指标）", ("ample labour and good transport (check the labour and "
                         "transport indicators)")),
    "central_city": ("转入地为中心城市或省域副中心城市、创新要素丰富", ("the destination is a central or sub-central city rich in "
                     "innovation")),
    "energy_carbon_environment": ("满足能源、碳排放、生态环境分区管控及环保能效安全标准",
                                  "energy, carbon, ecological zoning, environmental, efficiency and safety conditions met"),
    "with_manufacturing": ("与所服务的制造业协同转移", "moves with the manufacturing it serves"),
}


@dataclass(frozen=True)
class MatchResult:
    """The ordered candidates and the constraints applied to no region."""

    frame: pl.DataFrame
    not_applied: list[NotApplied]
    classification: Classification


def match_project(classification: Classification, needs: Mapping[str, float | None], regions: Iterable[str],
                  macro: Mapping[str, str], directions: Iterable[Mapping[str, str]],
                  headroom: Mapping[str, Mapping[str, float] | None],
                  closeness: Mapping[str, tuple[float, int]] | None = None,
                  measures: Iterable[Mapping[str, object]] = (),
                  condition_values: Mapping[str, Mapping[str, float]] | None = None,
                  units: Mapping[str, str] | None = None) -> MatchResult:
    """Match one project to ``regions`` (GB/T 2260 codes). ``macro`` maps province codes to macro-regions;
    ``closeness`` maps region → (C, index rank) when a ranking exists; ``measures`` are the rows of
    ``transfer_condition_measures``, ``condition_values`` indicator code → {region: value} of the loaded indicators
    they name (the medians are taken over ``regions``), ``units`` their units. See the module docstring."""
    regions = list(dict.fromkeys(regions))
    rules = list(directions)
    measures = list(measures)
    values = condition_values or {}
    mids = medians(measures, regions, values)
    checks, missing = check_regions(regions, needs, headroom)
    closeness = closeness or {}
    not_global = {m.constraint for m in missing}
    rows = []
    for region, chk in zip(regions, checks, strict=True):
        m = macro.get(province_of(region))
        el = eligibility(classification.industry_class, m, rules)
        verify_zh, verify_en = [], []
        measured = check_conditions(el.conditions, region, measures, values, mids, units)
        cond_zh = [c.reason_zh for c in measured if c.measured]
        cond_en = [c.reason_en for c in measured if c.measured]
        verify_zh += [c.reason_zh for c in measured if not c.measured]
        verify_en += [c.reason_en for c in measured if not c.measured]
        cond_ok = None if not any(c.measured for c in measured) else all(c.met for c in measured if c.measured)
        for cond in el.conditions:
            if cond != ENVIRONMENT_CONDITION and any(r["condition"] == cond for r in measures):
                continue  # every part measured above, or named as to verify with the indicator missing
            zh, en = CONDITION_TEXT.get(cond, (cond, cond))
            if cond == ENVIRONMENT_CONDITION and not any(r["condition"] == cond for r in measures):
                # no measure row for its clean-energy part (清洁能源优势) was given: that part is to verify as well
                zh, en = "清洁能源优势，" + zh, "clean-energy advantage; " + en
            if cond == ENVIRONMENT_CONDITION:
                env = [c for c in (*sorted(not_global), *chk.not_applied) if needs.get(c) is not None
                       and (c in ("dual_control", "carbon") or c.startswith("pollutant:"))]
                if not env and chk.applied:
                    continue  # checked by the headroom filters (their reasons say how)
                zh += "；未核查：" + "、".join(constraint_label(c)[0] for c in env) if env else ""
                en += "; not checked: " + ", ".join(constraint_label(c)[1] for c in env) if env else ""
            verify_zh.append(zh)
            verify_en.append(en)
        c = closeness.get(region)
        rows.append({
            "region_code": region, "macro_region": m, "candidate": el.eligible and chk.passed and cond_ok is not False,
            "direction_ok": el.eligible, "constraints_ok": chk.passed, "conditions_ok": cond_ok,
            "closeness": c[0] if c else None, "index_rank": c[1] if c else None, "rule_id": el.rule_id,
            "reasons_zh": "；".join([classification.reason_zh, *el.reasons_zh, *cond_zh, *chk.reasons_zh]),
            "reasons_en": "; ".join([classification.reason_en, *el.reasons_en, *cond_en, *chk.reasons_en]),
            "to_verify_zh": "；".join(verify_zh), "to_verify_en": "; ".join(verify_en),
            "not_applied": ";".join([*sorted(not_global), *chk.not_applied]),
        })
    schema = {"region_code": pl.String, "macro_region": pl.String, "candidate": pl.Boolean, "direction_ok": pl.Boolean,
              "constraints_ok": pl.Boolean, "conditions_ok": pl.Boolean, "closeness": pl.Float64, "index_rank": pl.Int64, "rule_id": pl.String,
              "reasons_zh": pl.String, "reasons_en": pl.String, "to_verify_zh": pl.String, "to_verify_en": pl.String,
              "not_applied": pl.String}
    frame = pl.DataFrame(rows, schema=schema)
    frame = frame.sort([pl.col("candidate").not_(), pl.col("closeness").is_null(), -pl.col("closeness").fill_null(0.0),
                        "region_code"])
    frame = frame.with_row_index("order", offset=1).with_columns(pl.col("order").cast(pl.Int64)).select(MATCH_COLUMNS)
    return MatchResult(frame, missing, classification)
