"""Pollutant total-emission control (总量控制) in the core: reduction accounting, the emission ledger, progress against
the targets, and the decomposition of reduction tasks (issue 8 §1–§2; METHODS §3; docs/pollutants.md).

* :mod:`.accounting` — one formula per function: engineering (sewage plant Q·(C_in − C_out), efficiency raise),
  structural (a closed plant's previous-year emissions), management (counted from the second month after stable
  operation), new increments (population × per-capita coefficient), the balance E_t = E_{t−1} + new − cut;
* :mod:`.measures` — :func:`measure_reductions`: a measure's method and physical inputs → the year's reduction;
* :mod:`.ledger` — :func:`account`: base-year emissions carried forward with the increments and measures;
* :mod:`.progress` — against a percentage target and against a key-project reduction quantity, with the grades
  of the shared barometer (:mod:`ecer.core.targets`);
* :mod:`.decompose` — :func:`decompose`: base-proportional, burden-weighted, composite-index splits;
* :mod:`.targets` — the catalog's targets in the core's units (fractions, tonnes).

Masses are in tonnes [t] throughout.
"""

from ecer.core.pollutants.decompose import METHODS, Indicator, decompose
from ecer.core.pollutants.ledger import LEDGER_COLUMNS, account
from ecer.core.pollutants.measures import measure_reductions
from ecer.core.pollutants.progress import percentage_progress, quantity_progress

__all__ = [
    "LEDGER_COLUMNS",
    "METHODS",
    "Indicator",
    "account",
    "decompose",
    "measure_reductions",
    "percentage_progress",
    "quantity_progress",
]
