"""Write a formula once, over polars expressions, and call it with plain numbers too.

The pipeline passes column expressions (``pl.col("total_energy")``) and gets an expression back; a doctest or a
hand calculation passes numbers and gets a number back — the same code runs in both, as pvlib's functions take
scalars and arrays alike. ``None`` stands for a missing value (a null), which every formula propagates.

>>> @elementwise
... def double(x):
...     return x * 2
>>> double(1.5), double(None)
(3.0, None)
>>> import polars as pl
>>> pl.DataFrame({"a": [1.0, 2.0]}).select(double(pl.col("a")))["a"].to_list()
[2.0, 4.0]
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

import polars as pl

P = ParamSpec("P")

Num = float | int | pl.Expr | None
"""A number, a missing value (None) or a polars expression of numbers."""
Flag = bool | pl.Expr
"""A boolean or a polars expression of booleans."""


def _lit(value: Any) -> Any:
    if isinstance(value, bool):
        return pl.lit(value, dtype=pl.Boolean)
    if isinstance(value, (int, float)):
        return pl.lit(float(value), dtype=pl.Float64)
    if value is None:
        return pl.lit(None, dtype=pl.Float64)
    return value  # settings objects (thresholds) pass through


def elementwise(fn: Callable[P, pl.Expr]) -> Callable[P, Any]:
    """Decorate a formula written over ``pl.Expr``: with any expression argument it returns the expression,
    with only numbers (or None) it evaluates them and returns a number (or None)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        if any(isinstance(v, pl.Expr) for v in (*args, *kwargs.values())):
            return fn(*args, **kwargs)
        expr = fn(*[_lit(a) for a in args], **{k: _lit(v) for k, v in kwargs.items()})
        return pl.select(expr.alias("_")).item()

    return wrapper
