"""The CLI's percentages: vectorised, and exactly Python's own formatting."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(-2, 2),
            st.integers(-200000, 200000).map(lambda n: n / 100000),
            st.integers(-2000, 2000).map(lambda n: n / 8000),
        ),
        max_size=50,
    )
)
def test_cli_percentages_are_pythons_own(values: list[float | None]) -> None:
    """The CLI's vectorised ``+4.61%`` text is exactly Python's ``f"{v:+.2%}"``, ties and signs included."""
    from ecer.cli.percent import percent_text

    got = percent_text(pl.Series("x", values, dtype=pl.Float64)).to_list()
    assert got == [None if v is None else f"{v:+.2%}" for v in values]
