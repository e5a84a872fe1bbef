"""The ``indicator_values`` template's output and the store's ``indicator_values`` table (issue 8 §4).

One row per region, year and key-project indicator of 国发〔2021〕33号 (``indicator_code`` of the reference table
``targets_gf2021_33``): the value in the catalogue's unit (a share in %, a cumulative reduction in %, an amount in
亿吨 / 家 / 万公里 …; empty for a qualitative indicator), its unit as written (empty = the catalogue's), where it comes
from, a note, and whether it is official, synthetic or the user's.
"""

from __future__ import annotations

INDICATOR_VALUE_COLUMNS: list[str] = ["region_code", "year", "indicator_code", "value", "unit", "source", "note",
                                      "data_origin"]
"""Stored indicator values (table ``indicator_values``; key region_code, year, indicator_code)."""
