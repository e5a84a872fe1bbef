"""Turn service results (polars frames, pydantic models, dataclasses) into strict JSON values.

JSON has no NaN or infinity: they become ``null``. Dates become ISO strings.

>>> import polars as pl
>>> frame_records(pl.DataFrame({"a": [1.5, float("nan")], "b": ["x", None]}))
[{'a': 1.5, 'b': 'x'}, {'a': None, 'b': None}]
>>> jsonable({"p": Path("x/y"), "n": float("inf"), "t": (1, 2)})
{'p': 'x/y', 'n': None, 't': [1, 2]}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import BaseModel


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (recursing into mappings, sequences, models and dataclasses)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return jsonable(float(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, pl.DataFrame):
        return frame_records(value)
    if isinstance(value, BaseModel):
        return jsonable(value.model_dump(mode="python"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    return str(value)


def frame_records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as JSON-safe dicts (NaN and infinities as ``None``)."""
    return [jsonable(row) for row in frame.to_dicts()]
