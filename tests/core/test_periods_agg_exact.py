"""Periods built from months (``ecer.core.dual_control.periods_agg``), every column of every built row worked by
hand: quarters, halves, the year and the year-to-date periods of months with distinct values, the kinds option,
a period given directly, incomplete years, the defaults of missing columns, coal rates and data origins, and the
W_PERIOD_SUM_DIFFERS / W_PERIOD_NOT_BUILT findings field by field, at the tolerance exactly.

Units: energy tce, renewable electricity MWh, GDP and value added 亿元 (yi_CNY)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from ecer.core.dual_control.periods_agg import (
    NUMERIC,
    SUM_TOLERANCE,
    derive_periods,
    derive_periods_with_findings,
    period_findings,
    with_defaults,
)
from ecer.models.energy import ENERGY_COLUMNS
from tests.core.cases import energy

# --- the defaults of missing columns ------------------------------------------------------------------------------


def test_missing_basis_rate_and_origin_get_their_defaults() -> None:
    """An older frame without electricity_basis, electricity_coal_rate and data_origin: 等价值 (coal_equivalent, as
    NBS statistics), an unknown (null, float) rate and the user's data."""
    out = with_defaults(pl.DataFrame({"region_code": ["110000", "120000"], "total_energy": [1.0, 2.0]}))
    assert out.columns == [
        "region_code",
        "total_energy",
        "electricity_basis",
        "electricity_coal_rate",
        "data_origin",
    ]
    assert out.schema["electricity_coal_rate"] == pl.Float64
    assert out.rows() == [
        ("110000", 1.0, "coal_equivalent", None, "user"),
        ("120000", 2.0, "coal_equivalent", None, "user"),
    ]


def test_columns_present_are_kept_and_only_a_missing_basis_is_filled() -> None:
    frame = pl.DataFrame(
        {
            "region_code": ["110000", "120000"],
            "electricity_basis": ["calorific", None],
            "electricity_coal_rate": [305.5, None],
            "data_origin": ["synthetic", None],
        }
    )
    out = with_defaults(frame)
    assert out.columns == frame.columns
    assert out.rows() == [
        ("110000", "calorific", 305.5, "synthetic"),
        ("120000", "coal_equivalent", None, None),
    ]
    # one column missing: only it is added
    assert with_defaults(frame.drop("data_origin")).columns == [*frame.columns[:3], "data_origin"]
    assert with_defaults(frame.drop("electricity_coal_rate")).columns == [
        "region_code",
        "electricity_basis",
        "data_origin",
        "electricity_coal_rate",
    ]
    assert (
        with_defaults(frame.drop("electricity_basis")).get_column("electricity_basis").to_list()
        == ["coal_equivalent"] * 2
    )


# --- every column of the built rows -------------------------------------------------------------------------------

Q1_MONTHS = {  # Jan, Feb, Mar 2021 of 110000; each column's three values and their running sums
    "total_energy": (100.0, 200.0, 400.0),  # 100, 300, 700
    "feedstock_energy": (1.0, 2.0, 4.0),  # 1, 3, 7
    "renewable_electricity": (10.0, 20.0, 40.0),  # 10, 30, 70
    "other_nonfossil_energy": (3.0, 5.0, 9.0),  # 3, 8, 17
    "separately_listed_energy": (0.5, 0.25, 0.125),  # 0.5, 0.75, 0.875
    "separately_listed_value_added": (7.0, 0.0, 1.0),  # 7, 7, 8
    "gdp_constant": (30.0, 31.0, 32.0),  # 30, 61, 93
}


def _q1(**over: Any) -> pl.DataFrame:
    rows = [
        {
            "region_code": "110000",
            "period": f"2021-{m:02d}",
            **{c: v[m - 1] for c, v in Q1_MONTHS.items()},
            "electricity_basis": "coal_equivalent",
            "electricity_coal_rate": 300.0,
            **{k: (v(m) if callable(v) else v) for k, v in over.items()},
        }
        for m in (1, 2, 3)
    ]
    return energy(rows)


def _row(period: str, sums: tuple[float, ...], rate: float | None = 300.0, origin: str = "user") -> tuple:  # type: ignore[type-arg]
    return ("110000", period, *sums, 2020, "coal_equivalent", rate, origin)


def test_a_quarter_and_its_year_to_date_periods_are_the_sums_of_their_months_in_every_column() -> None:
    """Q1 = Jan + Feb + Mar; 2021-02YTD = Jan + Feb; the price base (2020), the basis and the common coal rate
    (300) carried over; no half or year (their months are not all there). The months come first, unchanged."""
    data = _q1()
    out = derive_periods(data)
    assert out.columns == ENERGY_COLUMNS
    months = out.head(3)
    assert months.equals(data.select(ENERGY_COLUMNS))
    built = sorted(out.slice(3).rows())
    assert built == [
        _row("2021-01YTD", (100.0, 1.0, 10.0, 3.0, 0.5, 7.0, 30.0)),
        _row("2021-02YTD", (300.0, 3.0, 30.0, 8.0, 0.75, 7.0, 61.0)),
        _row("2021-03YTD", (700.0, 7.0, 70.0, 17.0, 0.875, 8.0, 93.0)),
        _row("2021Q1", (700.0, 7.0, 70.0, 17.0, 0.875, 8.0, 93.0)),
    ]
    assert out.schema == data.select(ENERGY_COLUMNS).schema


def _built(out: pl.DataFrame, column: str = "total_energy") -> dict[str, Any]:
    """{period: ``column``} of the built periods (all but the months, YYYY-MM)."""
    return dict(out.filter(pl.col("period").str.len_chars() != 7).select("period", column).rows())


def test_coal_rates_carry_over_only_when_the_months_share_one() -> None:
    """Jan 300, Feb none, Mar 305.5 gce/kWh: Jan YTD and Feb YTD have the one rate 300 (a missing rate is no
    second rate); Mar YTD and Q1 have two rates: none."""
    out = derive_periods(_q1(electricity_coal_rate=lambda m: {1: 300.0, 2: None, 3: 305.5}[m]))
    rates = _built(out, "electricity_coal_rate")
    assert rates == {"2021-01YTD": 300.0, "2021-02YTD": 300.0, "2021-03YTD": None, "2021Q1": None}


def test_months_of_different_origins_build_partly_synthetic_periods() -> None:
    """Jan and Feb official, Mar synthetic: Jan/Feb YTD official, Mar YTD and Q1 partly synthetic."""
    out = derive_periods(_q1(data_origin=lambda m: "synthetic" if m == 3 else "official"))
    assert _built(out, "data_origin") == {
        "2021-01YTD": "official",
        "2021-02YTD": "official",
        "2021-03YTD": "partly synthetic",
        "2021Q1": "partly synthetic",
    }


def test_a_missing_value_in_a_month_counts_as_zero_in_the_sums() -> None:
    # Feb's feedstock missing: 1 + 0 + 4 = 5 in Q1 and Mar YTD, 1 in Feb YTD
    out = derive_periods(
        _q1(feedstock_energy=lambda m: None if m == 2 else Q1_MONTHS["feedstock_energy"][m - 1])
    )
    got = _built(out, "feedstock_energy")
    assert got == {"2021-01YTD": 1.0, "2021-02YTD": 1.0, "2021-03YTD": 5.0, "2021Q1": 5.0}


def _year(
    energy_of_month: dict[int, float], region: str = "110000", year: int = 2021, **over: Any
) -> list[dict]:  # type: ignore[type-arg]
    return [
        {"region_code": region, "period": f"{year}-{m:02d}", "total_energy": e, "gdp_constant": 10.0, **over}
        for m, e in energy_of_month.items()
    ]


MONTHS_1_TO_12 = {m: float(m) for m in range(1, 13)}  # month m: m tce
ALL_BUILT = {  # Q: 1+2+3 = 6, 4+5+6 = 15, 24, 33; H: 21, 57; year 78; YTD m: m(m+1)/2
    "2021Q1": 6.0,
    "2021Q2": 15.0,
    "2021Q3": 24.0,
    "2021Q4": 33.0,
    "2021H1": 21.0,
    "2021H2": 57.0,
    "2021": 78.0,
    **{f"2021-{m:02d}YTD": m * (m + 1) / 2 for m in range(1, 13)},
}


def test_twelve_months_build_four_quarters_two_halves_the_year_and_twelve_year_to_dates() -> None:
    out = derive_periods(energy(_year(MONTHS_1_TO_12)))
    assert _built(out) == ALL_BUILT
    assert out.height == 12 + 4 + 2 + 1 + 12
    year = out.filter(pl.col("period") == "2021").select(
        "gdp_constant", "price_base_year", "electricity_basis", "data_origin"
    )
    assert year.row(0) == (120.0, 2020, "calorific", "user")


@pytest.mark.parametrize(
    ("kinds", "periods"),
    [
        (("Q",), ["2021Q1", "2021Q2", "2021Q3", "2021Q4"]),
        (("H",), ["2021H1", "2021H2"]),
        (("Y",), ["2021"]),
        (("YTD",), [f"2021-{m:02d}YTD" for m in range(1, 13)]),
        (("Y", "YTD"), ["2021", *[f"2021-{m:02d}YTD" for m in range(1, 13)]]),
        (("H", "Q"), ["2021H1", "2021H2", "2021Q1", "2021Q2", "2021Q3", "2021Q4"]),
        ((), []),
    ],
)
def test_only_the_kinds_asked_for_are_built(kinds: tuple[str, ...], periods: list[str]) -> None:
    got = _built(derive_periods(energy(_year(MONTHS_1_TO_12)), kinds))
    assert got == {p: ALL_BUILT[p] for p in periods}
    data, found = derive_periods_with_findings(energy(_year(MONTHS_1_TO_12)), kinds)
    assert _built(data) == got and found == []


def test_a_period_missing_a_month_is_not_built() -> None:
    """No November: Q4, H2, the year and the November and December YTDs are not built; the rest are (Q3 24,
    Oct YTD 55)."""
    months = {m: e for m, e in MONTHS_1_TO_12.items() if m != 11}
    got = _built(derive_periods(energy(_year(months))))
    missing = {"2021Q4", "2021H2", "2021", "2021-11YTD", "2021-12YTD"}
    assert got == {p: v for p, v in ALL_BUILT.items() if p not in missing}


def test_each_year_and_region_is_built_from_its_own_months() -> None:
    """110000 2020 (month m: 2m tce) and 2021 (m tce), 120000 2021 (10m tce): years 156, 78 and 780."""
    rows = _year({m: 2.0 * m for m in range(1, 13)}, year=2020) + _year(MONTHS_1_TO_12)
    rows += _year({m: 10.0 * m for m in range(1, 13)}, region="120000")
    out = derive_periods(energy(rows))
    years = out.filter(pl.col("period").str.len_chars() == 4).sort("region_code", "period")
    assert years.select("region_code", "period", "total_energy").rows() == [
        ("110000", "2020", 156.0),
        ("110000", "2021", 78.0),
        ("120000", "2021", 780.0),
    ]
    ytd = out.filter(pl.col("period") == "2020-02YTD").get_column("total_energy").to_list()
    assert ytd == [6.0]  # 2 + 4: 2020's months only


def test_a_period_given_directly_wins_over_its_months() -> None:
    """2021Q1 given as 6.5 and 2021-03YTD as 7 (the months sum to 6): the given rows stay, once each; Q2 is built."""
    rows = _year(MONTHS_1_TO_12) + [
        {"region_code": "110000", "period": "2021Q1", "total_energy": 6.5, "gdp_constant": 30.0},
        {"region_code": "110000", "period": "2021-03YTD", "total_energy": 7.0, "gdp_constant": 30.0},
    ]
    out = derive_periods(energy(rows))
    assert out.filter(pl.col("period") == "2021Q1").get_column("total_energy").to_list() == [6.5]
    assert out.filter(pl.col("period") == "2021-03YTD").get_column("total_energy").to_list() == [7.0]
    assert out.filter(pl.col("period") == "2021Q2").get_column("total_energy").to_list() == [15.0]
    assert out.height == 14 + 4 + 2 + 1 + 12 - 2


def test_without_months_the_frame_is_returned_with_its_defaults() -> None:
    data = pl.DataFrame({"region_code": ["110000"], "period": ["2021"], "total_energy": [5.0]})
    expected = data.with_columns(
        electricity_basis=pl.lit("coal_equivalent"),
        electricity_coal_rate=pl.lit(None, pl.Float64),
        data_origin=pl.lit("user"),
    )
    assert derive_periods(data).equals(expected)
    out, found = derive_periods_with_findings(data)
    assert out.equals(expected) and found == []
    assert period_findings(data) == []


def test_months_on_different_price_bases_or_electricity_bases_are_not_summed() -> None:
    """Mar at 2015 prices (or on the calorific basis): Jan/Feb YTD built, Mar YTD and Q1 not."""
    for over in (
        {"price_base_year": lambda m: 2015 if m == 3 else 2020},
        {"electricity_basis": lambda m: "calorific" if m == 3 else "coal_equivalent"},
    ):
        assert sorted(_built(derive_periods(_q1(**over)))) == ["2021-01YTD", "2021-02YTD"]


def test_duplicate_months_build_no_period() -> None:
    """January given twice: each period with January has more rows than months (3 rows for Jan–Feb...): none of
    them is built; nothing without January is missing a month, so Q2..Q4 are built (15, 24, 33)."""
    rows = _year(MONTHS_1_TO_12) + _year({1: 1.0})
    got = _built(derive_periods(energy(rows)))
    assert got == {"2021Q2": 15.0, "2021Q3": 24.0, "2021Q4": 33.0, "2021H2": 57.0}


# --- the findings ------------------------------------------------------------------------------------------------


def _given(period: str, **values: float) -> dict[str, Any]:
    return {"region_code": "110000", "period": period, "total_energy": 0.0, "gdp_constant": 0.0, **values}


def test_a_given_year_above_its_months_names_both_values_and_the_difference() -> None:
    """Months 1..12 tce (78) and GDP 10 each (120); the year given as 78.5 tce: (78.5 − 78)/78 = +0.64 %, 0.5 > 0.001
    × 78.5; GDP 120 given, equal."""
    data = energy(_year(MONTHS_1_TO_12) + [_given("2021", total_energy=78.5, gdp_constant=120.0)])
    (f,) = period_findings(data)
    assert (f.code, f.level) == ("W_PERIOD_SUM_DIFFERS", "warning")
    assert f.evidence == {
        "region": "110000",
        "period": "2021",
        "column": "total_energy",
        "unit": "tce",
        "given": 78.5,
        "summed": 78.0,
        "months": 12,
        "given_text": "78.5",
        "summed_text": "78",
        "difference": "+0.64%",
    }
    assert f.message_en == (
        "region 110000, 2021, total_energy: given as 78.5 tce, its 12 months add up to 78 tce (+0.64%); "
        "the assessment uses the value given"
    )


def test_a_given_quarter_below_its_months_in_two_columns_is_listed_column_by_column() -> None:
    """Q1 given as 5 tce (months 1+2+3 = 6: −16.67 %) and GDP 25 (30: −16.67 %); renewable 12.5 MWh
    against months of 0: the difference has no base (—). Sorted by column name."""
    data = energy(
        _year(MONTHS_1_TO_12)
        + [_given("2021Q1", total_energy=5.0, gdp_constant=25.0, renewable_electricity=12.5)]
    )
    found = period_findings(data, kinds=("Q",))
    assert [f.evidence for f in found] == [
        {
            "region": "110000",
            "period": "2021Q1",
            "column": c,
            "unit": unit,
            "given": g,
            "summed": s,
            "months": 3,
            "given_text": gt,
            "summed_text": st,
            "difference": d,
        }
        for c, unit, g, s, gt, st, d in [
            ("gdp_constant", "yi_CNY", 25.0, 30.0, "25", "30", "-16.67%"),
            ("renewable_electricity", "MWh", 12.5, 0.0, "12.5", "0", "—"),
            ("total_energy", "tce", 5.0, 6.0, "5", "6", "-16.67%"),
        ]
    ]


def test_values_are_shown_with_thousands_separators_and_four_decimals_at_most() -> None:
    # months of 1000.123456 tce: Q1 3000.370368 → "3,000.3704"; given 12,345.6 → "12,345.6"
    rows = _year({1: 1000.123456, 2: 1000.123456, 3: 1000.123456}) + [
        _given("2021Q1", total_energy=12345.6, gdp_constant=30.0)
    ]
    (f,) = period_findings(energy(rows), kinds=("Q",))
    assert (f.evidence["given_text"], f.evidence["summed_text"]) == ("12,345.6", "3,000.3704")


def test_the_tolerance_is_relative_to_the_larger_of_the_two_and_exclusive() -> None:
    """Months 1..12 (78) with the year given as g, tolerance t: a finding when |g − 78| > t × max(|g|, 78).
    t = 0.5: g = 156 → 78 > 78 no; g = 156.5 → 78.5 > 78.25 yes; g = 39 → 39 > 39 no; g = 38 → 40 > 39 yes;
    default 0.001: g = 78.078 → 0.078 ≤ 0.078078 no, g = 78.1 → 0.1 > 0.0781 yes."""

    def differs(g: float, **kw: float) -> bool:
        data = energy(_year(MONTHS_1_TO_12) + [_given("2021", total_energy=g, gdp_constant=120.0)])
        a = [f.evidence["given"] for f in period_findings(data, ("Y",), **kw)]
        _, b = derive_periods_with_findings(data, ("Y",), **kw)
        assert [f.evidence["given"] for f in b] == a
        return a == [g]

    assert SUM_TOLERANCE == 0.001
    assert not differs(156.0, tolerance=0.5) and differs(156.5, tolerance=0.5)
    assert not differs(39.0, tolerance=0.5) and differs(38.0, tolerance=0.5)
    assert not differs(78.078) and differs(78.1)
    assert not differs(78.5, tolerance=0.01) and differs(78.5)


def test_negative_values_are_compared_by_their_size() -> None:
    """Months of −1 tce (the year −12) and a year given as −20, tolerance 0.5: |−20 + 12| = 8 ≤ 0.5 × 20 = 10, no
    finding (against the sum's size 12 alone, 6, it would be one); given −5: 7 > 0.5 × 12 = 6, a finding."""
    months = {m: -1.0 for m in range(1, 13)}

    def differs(g: float) -> list[float]:
        data = energy(_year(months) + [_given("2021", total_energy=g, gdp_constant=120.0)])
        return [f.evidence["given"] for f in period_findings(data, ("Y",), tolerance=0.5)]

    assert differs(-20.0) == []
    assert differs(-5.0) == [-5.0]
    # the sum negative and large, the given small: months −2 (−24), given −13: 11 ≤ 12, none
    months = {m: -2.0 for m in range(1, 13)}
    assert differs(-13.0) == []


def test_a_period_on_mixed_bases_is_not_compared_with_its_given_value() -> None:
    """Mar at 2015 prices and Q1 given as 100 (the months sum to 6): Q1 is not built, not compared (the sum is not
    meaningful) and not reported as not built (it is given)."""
    rows = _year({1: 1.0, 2: 2.0, 3: 3.0}, price_base_year=2020)
    rows[2]["price_base_year"] = 2015
    rows.append(_given("2021Q1", total_energy=100.0, gdp_constant=30.0))
    assert period_findings(energy(rows), ("Q",)) == []


def _not_built(
    rows: list[dict], kinds: tuple[str, ...] = ("Q", "H", "Y", "YTD")
) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return [
        (f.evidence["region"], f.evidence["period"], f.evidence["reason_zh"], f.evidence["reason_en"])
        for f in period_findings(energy(rows), kinds)
        if f.code == "W_PERIOD_NOT_BUILT"
    ]


GDP_BASES = ("各月 GDP 价格基年不同", "its months are on different GDP price bases")
EL_BASES = ("各月电力折标口径不同", "its months are on different electricity bases")


def test_a_period_not_built_names_the_reason_price_bases_first() -> None:
    """Q1 of 110000: Mar at 2015 prices; of 120000: Mar on the coal-equivalent basis; of 130000: both — the price
    bases are named. Listed by region."""
    rows = _year({1: 1.0, 2: 2.0, 3: 3.0}, region="130000")
    rows[2].update(price_base_year=2015, electricity_basis="coal_equivalent")
    more = _year({1: 1.0, 2: 2.0, 3: 3.0}, region="120000")
    more[2]["electricity_basis"] = "coal_equivalent"
    rows += more
    more = _year({1: 1.0, 2: 2.0, 3: 3.0}, region="110000")
    more[2]["price_base_year"] = 2015
    rows += more
    assert _not_built(rows, ("Q",)) == [
        ("110000", "2021Q1", *GDP_BASES),
        ("120000", "2021Q1", *EL_BASES),
        ("130000", "2021Q1", *GDP_BASES),
    ]
    (f,) = [f for f in period_findings(energy(rows[:3]), ("Q",))]
    assert f.evidence == {
        "region": "130000",
        "period": "2021Q1",
        "reason_zh": GDP_BASES[0],
        "reason_en": GDP_BASES[1],
    }
    assert f.message_zh == "地区 130000 的 2021Q1 未由月度数据汇总：各月 GDP 价格基年不同"


def test_periods_not_built_are_listed_by_period_within_a_region_and_capped_at_fifty() -> None:
    """Jan at 2015 prices in 12 months of each of 5 regions: per region Q1, H1, the year and the Feb..Dec YTDs are
    not built (14 each, 70 in all; the Jan YTD has January alone); the first 50 are listed (no truncation notice for these), sorted by region then
    period as text."""
    rows = []
    for c in ("150000", "140000", "130000", "120000", "110000"):
        year = _year(MONTHS_1_TO_12, region=c)
        year[0]["price_base_year"] = 2015
        rows += year
    got = _not_built(rows)
    per_region = sorted(["2021", "2021H1", "2021Q1", *[f"2021-{m:02d}YTD" for m in range(2, 13)]])
    expected = [(c, p) for c in ("110000", "120000", "130000", "140000", "150000") for p in per_region][:50]
    assert [(r, p) for r, p, _, _ in got] == expected
    assert len(period_findings(energy(rows))) == 50


def test_period_sum_findings_come_after_the_periods_not_built_and_are_sorted() -> None:
    """120000: the year given as 80 (months 78) and Q1 as 7 (6); 110000: Mar at 2015 prices → Q1 not built (kinds Q and Y), and its
    given year (100) is not compared. Not built first, then the sums by region,
    period."""
    rows = _year(MONTHS_1_TO_12, region="120000") + [
        {**_given("2021Q1", total_energy=7.0, gdp_constant=30.0), "region_code": "120000"},
        {**_given("2021", total_energy=80.0, gdp_constant=120.0), "region_code": "120000"},
    ]
    b = _year(MONTHS_1_TO_12, region="110000")
    b[2]["price_base_year"] = 2015
    rows += b + [_given("2021", total_energy=100.0, gdp_constant=120.0)]
    found = period_findings(energy(rows), ("Q", "Y"))
    assert [(f.code, f.evidence["region"], f.evidence["period"]) for f in found] == [
        ("W_PERIOD_NOT_BUILT", "110000", "2021Q1"),
        ("W_PERIOD_SUM_DIFFERS", "120000", "2021"),
        ("W_PERIOD_SUM_DIFFERS", "120000", "2021Q1"),
    ]
    assert [f.evidence.get("difference") for f in found[1:]] == ["+2.56%", "+16.67%"]  # 2/78, 1/6


def test_exactly_fifty_period_sums_differing_are_listed_without_a_notice() -> None:
    codes = [f"{110000 + i}" for i in range(50)]
    rows = [r for c in codes for r in _year({1: 1.0, 2: 2.0, 3: 3.0}, region=c)]
    rows += [{**_given("2021Q1", total_energy=7.0, gdp_constant=30.0), "region_code": c} for c in codes]
    found = period_findings(energy(rows), ("Q",))
    assert len(found) == 50 and {f.code for f in found} == {"W_PERIOD_SUM_DIFFERS"}


def test_the_findings_with_the_derived_periods_are_those_of_period_findings() -> None:
    rows = _year(MONTHS_1_TO_12) + [_given("2021", total_energy=80.0, gdp_constant=120.0)]
    data, found = derive_periods_with_findings(energy(rows))
    assert found == period_findings(energy(rows))
    assert [f.evidence["given"] for f in found] == [80.0]
    assert data.filter(pl.col("period") == "2021").get_column("total_energy").to_list() == [80.0]
    assert sorted(data.get_column("period").to_list()) == sorted(
        [f"2021-{m:02d}" for m in range(1, 13)] + list(ALL_BUILT)
    )


def test_numeric_columns_are_the_flows_of_the_energy_table() -> None:
    assert NUMERIC == [
        "total_energy",
        "feedstock_energy",
        "renewable_electricity",
        "other_nonfossil_energy",
        "separately_listed_energy",
        "separately_listed_value_added",
        "gdp_constant",
    ]
