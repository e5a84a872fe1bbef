"""Fractions as signed percentages for the CLI's table, vectorised: ``percent_text(s)`` equals
``[f"{v:+.2%}" for v in s]`` (nulls stay null) without a Python call per row.

Python's ``%`` format multiplies by 100 (one float product) and rounds that product's exact binary value to two
decimals. Here the product p is scaled once more (p × 100) and rounded in the engine; that equals Python's rounding
unless the scaled value lies within 10⁻⁶ of a half (the second product's rounding error could cross it), the value
is zero, not finite, or too large for the error bound — those few rows are formatted by Python itself.

>>> import polars as pl
>>> percent_text(pl.Series([0.046122, -0.0001, 0.5, None, 0.000125])).to_list()
['+4.61%', '-0.01%', '+50.00%', None, '+0.01%']
"""

from __future__ import annotations

import polars as pl


def percent_text(values: pl.Series) -> pl.Series:
    """``f"{v:+.2%}"`` of every value of ``values`` (Float64 fractions), as a String series; nulls stay null."""
    p = values.cast(pl.Float64) * 100.0
    scaled = p * 100.0
    frac = scaled - scaled.floor()
    python = (((frac - 0.5).abs() < 1e-6) | ~p.is_finite() | (scaled.abs() > 1e9) | (p == 0)).fill_null(False)
    frame = pl.DataFrame({"p": p, "scaled": scaled, "python": python}).with_columns(
        scaled=pl.when(pl.col("python")).then(0.0).otherwise(pl.col("scaled"))
    )  # those rows are Python's
    digits = pl.col("scaled").abs().round(0).cast(pl.Int64)
    text = frame.select(
        pl.concat_str(
            pl.when(pl.col("p") < 0).then(pl.lit("-")).otherwise(pl.lit("+")),
            (digits // 100).cast(pl.String),
            pl.lit("."),
            (digits % 100).cast(pl.String).str.zfill(2),
            pl.lit("%"),
        ).alias("text")
    ).to_series()
    if python.any():
        idx = python.arg_true()
        fixed = [f"{v:+.2%}" for v in values.cast(pl.Float64).gather(idx).to_list()]
        text = text.scatter(idx, pl.Series(fixed, dtype=pl.String))
    return text.alias(values.name)
