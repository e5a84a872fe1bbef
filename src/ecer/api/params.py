"""What the API's parameters look like, declared once so the OpenAPI document says what the server accepts.

* ``period`` and ``region`` carry their pattern and are checked by FastAPI; a value that does not match is
  answered with the same finding the services give (``E_PERIOD_MALFORMED`` / ``E_REGION_MALFORMED``, 422 —
  :data:`MALFORMED_CODES`, used by ``ecer.api.errors``).
* ``edition``, a report's or template's format and the names of templates, tables and catalog tables list
  their values as an ``enum``; another value is answered by the service (``E_UNKNOWN_NAME``, 404, naming the
  valid ones), as before.

>>> import re
>>> [bool(re.match(PERIOD_PATTERN, p)) for p in ("2021", "2021H1", "2021q3", "2021-07", "2021-07YTD")]
[True, True, True, True, True]
>>> [bool(re.match(PERIOD_PATTERN, p)) for p in ("2021-13", "1948", "2101", " 2021", "2021H3", "21")]
[False, False, False, False, False, False]
>>> bool(re.match(REGION_PATTERN, "110000")), bool(re.match(REGION_PATTERN, "11000"))
(True, False)
"""

from __future__ import annotations

from typing import Any

from ecer import refdata

# Period.parse accepts years 1949–2100 (the PRC's statistics), halves, quarters, months and years to date.
PERIOD_PATTERN = (r"^(19(49|[5-9][0-9])|20[0-9]{2}|2100)([Hh][12]|[Qq][1-4]|-(0[1-9]|1[0-2])([Yy][Tt][Dd])?)?$")
REGION_PATTERN = r"^[0-9]{6}$"
PERIOD_HELP = "2021, 2021H1, 2021Q3, 2021-07 or 2021-07YTD (years 1949–2100)"
REGION_HELP = "6-digit GB/T 2260 code (national: 100000)"
MALFORMED_CODES = {"period": "E_PERIOD_MALFORMED", "region": "E_REGION_MALFORMED",
                   "region_code": "E_REGION_MALFORMED"}


def enum(values: list[str]) -> dict[str, Any]:
    """``json_schema_extra`` documenting the values a string parameter takes."""
    return {"enum": list(values)}


def place_enums(schema: dict[str, Any]) -> dict[str, Any]:
    """In an OpenAPI ``schema``, move a parameter's ``enum`` into the string branch of its ``anyOf`` (an optional
    parameter is "a string or null": the enum belongs to the string, null stays allowed).

    >>> s = {"paths": {"/x": {"get": {"parameters": [{"schema": {"anyOf": [{"type": "string"}, {"type": "null"}],
    ...                                                        "enum": ["a"]}}]}}}}
    >>> place_enums(s)["paths"]["/x"]["get"]["parameters"][0]["schema"]
    {'anyOf': [{'type': 'string', 'enum': ['a']}, {'type': 'null'}]}
    """
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            for param in op.get("parameters", []):
                s = param.get("schema", {})
                if "enum" in s and "anyOf" in s:
                    values = s.pop("enum")
                    for branch in s["anyOf"]:
                        if branch.get("type") == "string":
                            branch["enum"] = values
    return schema


def rule_editions() -> list[str]:
    return list(refdata.rule_editions())


def catalog_names() -> list[str]:
    return sorted(t.name for t in refdata.list_tables())
