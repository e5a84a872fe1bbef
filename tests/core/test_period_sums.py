"""Periods built from months: the running year-to-date sums equal the sums of each period's months, worked out
here row by row in plain Python, for any set of months (gaps, mixed bases, coal rates, origins, nulls)."""

from __future__ import annotations

import math

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer.core.dual_control import periods_agg as pa
from ecer.periods import Period

NUMERIC = pa.NUMERIC


@st.composite
def month_rows(draw: st.DrawFn) -> pl.DataFrame:
    rows = []
    for region in draw(
        st.lists(st.sampled_from(["110000", "120000", "130100"]), min_size=1, max_size=3, unique=True)
    ):
        for year in draw(st.lists(st.sampled_from([2020, 2021]), min_size=1, max_size=2, unique=True)):
            for m in draw(st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True)):
                row = {"region_code": region, "period": f"{year}-{m:02d}"}
                for c in NUMERIC:
                    row[c] = draw(
                        st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False).map(lambda v: round(v, 3)))
                    )
                row["price_base_year"] = draw(st.sampled_from([2020, 2020, 2020, 2015]))
                row["electricity_basis"] = draw(
                    st.sampled_from(["calorific", "calorific", "coal_equivalent"])
                )
                row["electricity_coal_rate"] = draw(st.sampled_from([None, None, 300.0, 305.5]))
                row["data_origin"] = draw(st.sampled_from(["user", "user", "synthetic", None]))
                rows.append(row)
    schema = {
        "region_code": pl.String,
        "period": pl.String,
        **{c: pl.Float64 for c in NUMERIC},
        "price_base_year": pl.Int64,
        "electricity_basis": pl.String,
        "electricity_coal_rate": pl.Float64,
        "data_origin": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


def _by_hand(frame: pl.DataFrame, region: str, target: Period) -> dict[str, object] | None:
    """The sums of ``target``'s months for ``region`` when every month is present, else None."""
    rows = {r["period"]: r for r in frame.filter(pl.col("region_code") == region).iter_rows(named=True)}
    members = [rows.get(str(m)) for m in target.month_periods()]
    if any(r is None for r in members):
        return None
    got = [r for r in members if r is not None]
    rates = {r["electricity_coal_rate"] for r in got if r["electricity_coal_rate"] is not None}
    origins = {r["data_origin"] for r in got}
    return {
        **{c: sum(r[c] or 0.0 for r in got) for c in NUMERIC},
        "_need": len(got),
        "_bases": len({r["price_base_year"] for r in got}),
        "_el_bases": len({r["electricity_basis"] for r in got}),
        "electricity_coal_rate": rates.pop() if len(rates) == 1 else None,
        "data_origin": "partly synthetic" if len(origins) > 1 else origins.pop(),
    }


@settings(max_examples=60, deadline=None)
@given(month_rows())
def test_every_complete_period_is_the_sum_of_its_months(frame: pl.DataFrame) -> None:
    sums = pa._sums(frame, ("Q", "H", "Y", "YTD")).filter(pl.col("_n") == pl.col("_need"))
    got = {(r["region_code"], r["period"]): r for r in sums.iter_rows(named=True)}
    expected = {}
    for region in frame.get_column("region_code").unique().to_list():
        for year in {int(p[:4]) for p in frame.get_column("period").to_list()}:
            for target in pa._targets([year], ("Q", "H", "Y", "YTD")):
                want = _by_hand(frame, region, target)
                if want is not None:
                    expected[(region, str(target))] = want
    assert set(got) == set(expected)
    for key, want in expected.items():
        row = got[key]
        for c in NUMERIC:
            assert math.isclose(row[c], want[c], rel_tol=1e-12, abs_tol=1e-9), (key, c)
        assert row["_n"] == row["_need"] == want["_need"]
        assert (row["_bases"] > 1) == (want["_bases"] > 1) and row["_bases"] == want["_bases"], key
        assert row["_el_bases"] == want["_el_bases"], key
        assert row["electricity_coal_rate"] == want["electricity_coal_rate"], key
        assert row["data_origin"] == want["data_origin"], key


def test_duplicate_months_sum_the_rows_given_as_before() -> None:
    """Two rows for one month (two files): the joining way sums both, for every kind alike."""
    frame = pl.DataFrame(
        {
            "region_code": ["110000"] * 3,
            "period": ["2021-01", "2021-01", "2021-02"],
            **{c: [1.0, 2.0, 4.0] for c in NUMERIC},
            "price_base_year": 2020,
            "electricity_basis": "calorific",
            "electricity_coal_rate": None,
            "data_origin": "user",
        },
        schema_overrides={"electricity_coal_rate": pl.Float64},
    )
    ytd = pa._sums(frame, ("YTD",)).filter(pl.col("period") == "2021-02YTD").row(0, named=True)
    assert (
        ytd["total_energy"] == 7.0 and ytd["_n"] == 3 and ytd["_need"] == 2
    )  # 3 rows for 2 months: not built
