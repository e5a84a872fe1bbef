"""Text cells safe to open in a spreadsheet: OWASP's advice against CSV (formula) injection.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, WPS and
LibreOffice as a formula; a CSV export prefixes such a cell with a single quote (the spreadsheet shows the text
as written, the quote hidden). Only text columns are touched: a number such as −3.2 stays a number. XLSX exports
write text with ``write_string`` (never a formula), so they need no prefix. Source: OWASP, "CSV Injection".

>>> import polars as pl
>>> neutralised(pl.DataFrame({"name": ["=1+1", "北京市", "-x", "@SUM(A1)"], "v": [-3.2, 1.0, 2.0, 3.0]})).rows()
[("'=1+1", -3.2), ('北京市', 1.0), ("'-x", 2.0), ("'@SUM(A1)", 3.0)]
"""

from __future__ import annotations

import polars as pl

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(name: str) -> pl.Expr:
    """The text column ``name`` (String or Categorical) as String, with a leading single quote on every cell that
    starts like a formula."""
    c = pl.col(name).cast(pl.String)
    return pl.when(c.str.contains(FORMULA_START)).then(pl.lit("'") + c).otherwise(c).alias(name)


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text column (String or Categorical) neutralised (numbers and other types untouched).

    >>> neutralised(pl.DataFrame({"name": ["=1+1", "x"]}, schema={"name": pl.Categorical}))["name"].to_list()
    ["'=1+1", 'x']
    """
    return frame.with_columns(neutralise_formulas(c) for c, t in frame.schema.items()
                              if t in (pl.String, pl.Categorical))


def safe_csv(frame: pl.DataFrame) -> str:
    """CSV text of ``frame`` safe to open in a spreadsheet."""
    return neutralised(frame).write_csv()
