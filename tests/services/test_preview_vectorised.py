"""The revision preview compares a file with the store in the engine (issue 6 §5); it must say exactly what the
row-by-row comparison says: the same new / changed / unchanged counts, the same changes in row then column order,
the same rows to load. The oracle below is the straightforward loop, written from the rule in ``preview``'s
docstring: a value is unchanged when both are empty, or equal, or (floats) both NaN or within 1e-12 relative."""

from __future__ import annotations

import math

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecer.services.loading import preview
from ecer.storage import Store
from ecer.storage.schemas import TABLES, polars_dtype

KEY = ["region_code", "period"]
CODES = ["110000", "120000", "130000"]
PERIODS = ["2020", "2021"]


def _oracle(stored: pl.DataFrame, frame: pl.DataFrame, values: list[str]):
    old = {(r["region_code"], r["period"]): r for r in stored.iter_rows(named=True)}

    def equal(a, b):
        if a is None or b is None:
            return a is None and b is None
        if isinstance(a, float) and isinstance(b, float):
            return (
                a == b or (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
            )
        return a == b

    new_rows, changed, changes, keep = 0, 0, [], []
    for r in frame.iter_rows(named=True):
        k = (r["region_code"], r["period"])
        if k not in old:
            new_rows += 1
            keep.append(k)
            continue
        diff = [(c, old[k][c], r[c]) for c in values if not equal(r[c], old[k][c])]
        if diff:
            changed += 1
            keep.append(k)
            changes += [(k, c, o, n) for c, o, n in diff]
    return new_rows, changed, frame.height - new_rows - changed, changes, keep


floats = st.one_of(
    st.none(), st.sampled_from([0.0, 1.0, 1.0 + 1e-13, 1.0 + 1e-9, 2.5, 1e6, 1e6 * (1 + 5e-13)])
)
rows = st.lists(
    st.tuples(
        st.sampled_from(CODES), st.sampled_from(PERIODS), floats, floats, st.sampled_from([2015, 2020])
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda t: t[:2],
)


def _full(frame: pl.DataFrame) -> pl.DataFrame:
    """Every stored energy column; the ones not given are 0 / 'user' (as a template default would fill them)."""
    spec = TABLES["energy"]
    fill = {
        c: pl.lit(
            "user" if polars_dtype(spec.types[c]) == pl.String else 0, dtype=polars_dtype(spec.types[c])
        )
        for c in spec.columns
        if c not in frame.columns
    }
    return frame.with_columns(**fill).select(spec.columns)


def _energy(rs) -> pl.DataFrame:
    return _full(
        pl.DataFrame(
            [
                {
                    "region_code": c,
                    "period": p,
                    "total_energy": t,
                    "gdp_constant": t,
                    "feedstock_energy": f,
                    "price_base_year": y,
                }
                for c, p, t, f, y in rs
            ],
            schema_overrides={
                "total_energy": pl.Float64,
                "gdp_constant": pl.Float64,
                "feedstock_energy": pl.Float64,
                "price_base_year": pl.Int64,
            },
        )
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=rows, after=rows)
def test_preview_says_what_the_row_by_row_comparison_says(before, after):
    before = [(c, p, t if t is not None else 1.0, f, y) for c, p, t, f, y in before]  # total is required
    after = [(c, p, t if t is not None else 1.0, f, y) for c, p, t, f, y in after]
    with Store.memory() as s:
        s.load("energy", _energy(before), file="a.csv", who="t", why="t")
        stored = s.current("energy")
        frame = _energy(after)
        got = preview(s, "energy", frame, file="b.csv")
    values = [c for c in stored.columns if c not in KEY and c in frame.columns]
    new_rows, changed, unchanged, changes, keep = _oracle(stored, frame, values)
    assert (got.new_rows, got.changed_rows, got.unchanged_rows) == (new_rows, changed, unchanged)
    assert [(tuple(c.key.values()), c.column, c.old, c.new) for c in got.changes] == changes
    assert got.to_load is not None
    assert [tuple(r) for r in got.to_load.select(KEY).iter_rows()] == keep


def test_a_million_row_reload_is_compared_without_a_python_loop_per_row():
    n = 200_000
    frame = pl.DataFrame(
        {
            "region_code": [f"{110000 + i // 100:06d}" for i in range(n)],
            "period": [str(1900 + i % 100) for i in range(n)],
            "total_energy": [float(i + 1) for i in range(n)],
            "gdp_constant": [1.0] * n,
            "price_base_year": [2020] * n,
        }
    )
    frame = _full(frame)
    with Store.memory() as s:
        s.load("energy", frame, file="a.csv", who="t", why="t")
        revised = frame.with_columns(
            pl.when(pl.int_range(n) == 123).then(7.5).otherwise(pl.col("total_energy")).alias("total_energy")
        )
        got = preview(s, "energy", revised, file="b.csv")
    assert (got.new_rows, got.changed_rows, got.unchanged_rows) == (0, 1, n - 1)
    assert [(c.column, c.old, c.new) for c in got.changes] == [("total_energy", 124.0, 7.5)]
