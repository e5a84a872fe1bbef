"""Pollutant reduction accounting by type, new increments, the balance and the ledger: cases worked by hand.

Formulas: METHODS §3.2 (十二五 主要污染物总量减排核算细则). Every expected value below is worked out in the comment
beside it, independently of the code.
"""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecer.core.pollutants import accounting as ac
from ecer.core.pollutants.ledger import LEDGER_COLUMNS, account
from ecer.findings import FindingsError, Location
from ecer.units import Q_

# --- engineering -------------------------------------------------------------------------------------------------


def test_sewage_plant_engineering_reduction() -> None:
    # 2022: 2 万m³/d × 365 d = 7.3·10⁶ m³; COD 280 → 40 mg/L: 7.3·10⁶ × 240 g/m³ = 1.752·10⁹ g = 1752 t
    # 2021: 1.5 万m³/d × 365 d = 5.475·10⁶ m³; 280 → 50 mg/L: 5.475·10⁶ × 230 = 1.25925·10⁹ g = 1259.25 t
    # reduction counted in 2022 = 1752 − 1259.25 = 492.75 t
    removed_2022 = ac.sewage_removal(2e4 * 365, 280, 40)
    removed_2021 = ac.sewage_removal(1.5e4 * 365, 280, 50)
    assert removed_2022 == pytest.approx(1752.0, abs=1e-9)
    assert removed_2021 == pytest.approx(1259.25, abs=1e-9)
    assert ac.removal_increase(removed_2022, removed_2021) == pytest.approx(492.75, abs=1e-9)


def test_sewage_plant_with_units() -> None:
    # NH3-N: 50 000 m³/d × 365 d × (30 − 5) mg/L = 1.825·10⁷ m³ × 25 g/m³ = 4.5625·10⁸ g = 456.25 t
    m = ac.sewage_plant_removal_q(Q_(50_000, "m**3/day"), Q_(30, "mg/L"), Q_(5, "mg/L"), Q_(365, "day"))
    assert float(m.to("t").magnitude) == pytest.approx(456.25, abs=1e-9)
    # the same in 万m³ and g/m³: 1825 万m³ × 25 g/m³
    m2 = ac.sewage_plant_removal_q(Q_(1825, "wan_m3"), Q_(30, "g/m**3"), Q_(5, "g/m**3"))
    assert float(m2.to("t").magnitude) == pytest.approx(456.25, abs=1e-9)
    assert ac.MG_PER_L_TIMES_M3_IN_T == pytest.approx(1e-6, rel=1e-15)


@pytest.mark.parametrize(
    ("flow", "period"),
    [
        (Q_(1, "wan_m3/day"), None),  # a rate without its period
        (Q_(1, "wan_m3"), Q_(365, "day")),  # a volume with a period
        (Q_(1, "t/day"), Q_(365, "day")),  # a mass, not a volume
    ],
)
def test_sewage_plant_refuses_wrong_dimensions(flow: object, period: object) -> None:
    with pytest.raises(ValueError, match="sewage removal needs a volume"):
        ac.sewage_plant_removal_q(flow, Q_(250, "mg/L"), Q_(50, "mg/L"), period)  # type: ignore[arg-type]


def test_efficiency_raise() -> None:
    # coal SO2: 100 000 t coal × 1 % S × 1.6 = 1600 t generated; η 70 % → 95 %: 1600 × 0.25 = 400 t
    assert ac.efficiency_raise(100_000 * 0.01 * 1.6, 0.95, 0.70) == pytest.approx(400.0, abs=1e-9)
    # NOx with operating rates: 2000 t × (0.80 × 0.95 − 0.60 × 0.90) = 2000 × (0.76 − 0.54) = 440 t
    assert ac.efficiency_raise(2000, 0.80, 0.60, 0.95, 0.90) == pytest.approx(440.0, abs=1e-9)


# --- structural, management ----------------------------------------------------------------------------------------


def test_structural_reduction() -> None:
    # a cement line closed in 2022 emitted 350.5 t NOx in 2021: the 2022 reduction is 350.5 t; if 50 t were still
    # emitted in 2022 before the closure, 300.5 t
    assert ac.structural_reduction(350.5) == 350.5
    assert ac.structural_reduction(350.5, 50) == 300.5


@pytest.mark.parametrize(
    ("stable", "year", "through", "lag", "months"),
    [
        ((2023, 7), 2023, 12, 1, 5),  # stable in July: August–December
        ((2023, 7), 2023, 6, 1, 0),  # the 2023 half-year ends before August
        ((2023, 7), 2024, 12, 1, 12),  # the next year in full
        ((2023, 7), 2024, 6, 1, 6),  # the next half-year in full
        ((2023, 12), 2023, 12, 1, 0),  # stable in December: counted from January
        ((2023, 12), 2024, 12, 1, 12),
        ((2023, 1), 2023, 12, 1, 11),  # stable in January: February–December
        ((2023, 7), 2022, 12, 1, 0),  # before it was built
        ((2023, 7), 2023, 12, 2, 4),  # the other reading ("two months after"): September–December
        ((2023, 11), 2024, 12, 2, 12),  # start carried into January 2024
        ((2023, 12), 2024, 12, 2, 11),  # start carried into February 2024
    ],
)
def test_counted_months(stable: tuple[int, int], year: int, through: int, lag: int, months: int) -> None:
    assert ac.counted_months(stable[0], stable[1], year, through, lag) == months


def test_management_reduction() -> None:
    # a bypass removed, stable in July 2023, 60 t a year: 2023 counts 5 months, 60 × 5/12 = 25 t; 2024: 60 t
    assert ac.management_reduction(60, ac.counted_months(2023, 7, 2023)) == pytest.approx(25.0, abs=1e-12)
    assert ac.management_reduction(60, ac.counted_months(2023, 7, 2024)) == pytest.approx(60.0, abs=1e-12)
    assert ac.management_reduction(60, ac.counted_months(2023, 7, 2023, 6)) == 0.0


def test_management_increment() -> None:
    # stable in July 2023, 60 t a year: 2023 Aug–Dec 5/12 × 60 = 25 t; 2024 12 − 5 = 7 more months, 35 t; 2025 0
    assert [ac.management_increment(60, 2023, 7, y) for y in (2022, 2023, 2024, 2025)] == pytest.approx(
        [0.0, 25.0, 35.0, 0.0]
    )
    # half-years: H1 2024 (6 months) against H1 2023 (0): 30 t; H1 2025 against H1 2024: 0
    assert ac.management_increment(60, 2023, 7, 2024, 6) == pytest.approx(30.0)
    assert ac.management_increment(60, 2023, 7, 2025, 6) == 0.0


@settings(max_examples=100, deadline=None)
@given(
    st.floats(0, 1e6, allow_nan=False),
    st.integers(2015, 2030),
    st.integers(1, 12),
    st.integers(1, 3),
)
def test_management_increments_add_up_to_one_full_year(
    annual: float, year: int, month: int, lag: int
) -> None:
    # whatever the start, the increments over the years count the full-year reduction exactly once
    total = math.fsum(
        ac.management_increment(annual, year, month, y, 12, lag) for y in range(year - 1, year + 4)
    )
    assert total == pytest.approx(annual, rel=1e-12, abs=1e-9)


def test_months_as_columns() -> None:
    df = pl.DataFrame(
        {"sy": [2023, 2023, 2022], "sm": [7, 1, 3], "y": [2023, 2023, 2023], "r": [60.0, 24.0, 12.0]}
    )
    out = df.select(
        ac.management_reduction(pl.col("r"), ac.counted_months(pl.col("sy"), pl.col("sm"), pl.col("y")))
    )
    # 60 × 5/12 = 25; 24 × 11/12 = 22; 12 × 12/12 = 12
    assert out.to_series().to_list() == pytest.approx([25.0, 22.0, 12.0])


# --- new increments, balance ---------------------------------------------------------------------------------------


def test_domestic_increment() -> None:
    # 2.5 million → 2.56 million urban residents, 70 g COD/person/day: 60 000 × 70 g × 365 d = 1.533·10⁹ g = 1533 t
    assert ac.domestic_increment(2.56e6, 70, 2.5e6, 70) == pytest.approx(1533.0, abs=1e-9)
    # the coefficient falls to 68: (2.56e6 × 68 − 2.5e6 × 70) g/d = (174.08 − 175)·10⁶ = −0.92·10⁶ g/d → −335.8 t
    assert ac.domestic_increment(2.56e6, 68, 2.5e6, 70) == pytest.approx(-335.8, abs=1e-9)
    # generation of the year: 2.5e6 × 70 × 365 × 10⁻⁶ = 63 875 t
    assert ac.domestic_generation(2.5e6, 70) == pytest.approx(63_875.0, abs=1e-9)


def test_balance() -> None:
    # 50 000 + 1533 − (492.75 + 350.5 + 25) = 50 000 + 1533 − 868.25 = 50 664.75
    cut = ac.total_cut(492.75, 350.5, 25)
    assert cut == 868.25
    assert ac.emission_balance(50_000, 1533, cut) == 50_664.75


# --- the ledger ----------------------------------------------------------------------------------------------------

BASE = pl.DataFrame(
    {
        "region_code": ["350100", "350100", "350200"],
        "pollutant": ["COD", "NOx", "COD"],
        "year": [2020, 2020, 2020],
        "emissions": [50_000.0, 8_000.0, 30_000.0],
    }
)


def _measures(rows: list[tuple[str, str, int, str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["region_code", "pollutant", "year", "measure_id", "kind", "reduction"], orient="row"
    )


MEASURES = _measures(
    [
        ("350100", "COD", 2021, "WWTP-1", "engineering", 492.75),
        ("350100", "COD", 2021, "paper mill closed", "structural", 350.5),
        ("350100", "COD", 2021, "bypass", "management", 25.0),
        (
            "350100",
            "COD",
            2022,
            "bypass",
            "management",
            35.0,
        ),  # stable July 2021, 60 t/a: 25 t in 2021, 35 t more
        ("350100", "COD", 2022, "WWTP-2", "engineering", 100.0),
        ("350100", "NOx", 2022, "SCR", "engineering", 440.0),
    ]
)
INCREMENTS = pl.DataFrame(
    {"region_code": ["350100"], "pollutant": ["COD"], "year": [2021], "new_emissions": [1533.0]}
)


def test_ledger_hand_case() -> None:
    led, findings = account(BASE, MEASURES, INCREMENTS, through_year=2023)
    assert findings == []
    assert led.columns == LEDGER_COLUMNS
    rows = {(r["region_code"], r["pollutant"], r["year"]): r for r in led.iter_rows(named=True)}
    assert len(rows) == 9  # 3 series × 2021–2023
    r21 = rows[("350100", "COD", 2021)]
    # 50 000 + 1533 − 868.25 = 50 664.75
    assert (r21["reduction_engineering"], r21["reduction_structural"], r21["reduction_management"]) == (
        492.75,
        350.5,
        25.0,
    )
    assert r21["reduction_total"] == 868.25 and r21["emissions"] == 50_664.75 and r21["has_increment"]
    assert r21["measures"] == 3
    r22 = rows[("350100", "COD", 2022)]
    # 50 664.75 + 0 − (100 + 35) = 50 529.75; no new-emission row that year
    assert r22["emissions_prev"] == 50_664.75 and r22["emissions"] == 50_529.75
    assert r22["new_emissions"] == 0.0 and not r22["has_increment"]
    r23 = rows[("350100", "COD", 2023)]
    assert r23["emissions_prev"] == r23["emissions"] == 50_529.75 and r23["measures"] == 0
    # NOx: 8000 in 2021, 8000 − 440 = 7560 from 2022
    assert [rows[("350100", "NOx", y)]["emissions"] for y in (2021, 2022, 2023)] == [8000.0, 7560.0, 7560.0]
    # a series without any measure carries its base
    assert [rows[("350200", "COD", y)]["emissions"] for y in (2021, 2022, 2023)] == [30_000.0] * 3


def test_ledger_through_year_defaults_to_the_last_measure() -> None:
    led, _ = account(BASE, MEASURES, INCREMENTS)
    assert led["year"].max() == 2022


def test_ledger_with_nothing_to_account_has_no_rows() -> None:
    led, findings = account(BASE, MEASURES.head(0))
    assert led.height == 0 and led.columns == LEDGER_COLUMNS and findings == []


def test_ledger_reports_what_it_does_not_count() -> None:
    m = pl.concat(
        [
            MEASURES,
            _measures(
                [
                    (
                        "350100",
                        "COD",
                        2020,
                        "old",
                        "engineering",
                        999.0,
                    ),  # the base year: already in the base
                    (
                        "350100",
                        "COD",
                        2021,
                        "WWTP-3",
                        "engineering",
                        -84.0,
                    ),  # removed less than the year before
                ]
            ),
        ]
    )
    led, findings = account(BASE, m, INCREMENTS, through_year=2021)
    codes = sorted(f.code for f in findings)
    # the three 2022 measures lie after the ledger's last year: reported, not silently left out
    assert codes == [
        "I_POLLUTANT_AFTER_LEDGER",
        "W_POLLUTANT_MEASURE_BEFORE_BASE",
        "W_POLLUTANT_NEGATIVE_REDUCTION",
    ]
    after = next(f for f in findings if f.code == "I_POLLUTANT_AFTER_LEDGER")
    assert after.evidence == {"count": 3, "through_year": 2021}
    r = led.filter((pl.col("region_code") == "350100") & (pl.col("pollutant") == "COD")).row(0, named=True)
    # 492.75 − 84 = 408.75 engineering; total 408.75 + 350.5 + 25 = 784.25; 50 000 + 1533 − 784.25 = 50 748.75
    assert r["reduction_engineering"] == 408.75 and r["emissions"] == 50_748.75
    before = next(f for f in findings if f.code == "W_POLLUTANT_MEASURE_BEFORE_BASE")
    assert "old" in before.message_zh and "2020" in before.message_en


def test_a_text_cell_is_named_not_nulled() -> None:
    with pytest.raises(FindingsError) as e:
        account(BASE, MEASURES.with_columns(reduction=pl.Series(["1", "2", "x", "4", "5", "6"])))
    (f,) = e.value.findings
    assert f.location is not None and (f.location.row, f.location.column) == (3, "reduction")
    assert "is x, which is invalid" in f.message_en


def test_structural_counted_in_two_years_is_warned() -> None:
    # a closure counts once, in its year (structural_reduction); the same id in 2021 and 2022 is reported, counted
    m = _measures(
        [
            ("350200", "COD", 2021, "mill", "structural", 100.0),
            ("350200", "COD", 2022, "mill", "structural", 100.0),
        ]
    )
    led, findings = account(BASE, m)
    assert [f.code for f in findings] == ["W_POLLUTANT_STRUCTURAL_REPEATED"]
    assert "2021, 2022" in findings[0].message_en
    assert led.filter(pl.col("region_code") == "350200")["emissions"].to_list() == [29_900.0, 29_800.0]


def test_ledger_warns_below_zero() -> None:
    m = _measures([("350200", "COD", 2021, "too much", "structural", 30_001.0)])
    _, findings = account(BASE, m)
    assert [f.code for f in findings] == ["W_POLLUTANT_EMISSIONS_NEGATIVE"]
    assert "-1.0" in findings[0].message_en


@pytest.mark.parametrize(
    ("base", "measures", "increments", "code"),
    [
        (BASE.drop("emissions"), MEASURES, None, "E_POLLUTANT_COLUMN_MISSING"),
        (BASE, MEASURES.drop("kind"), None, "E_POLLUTANT_COLUMN_MISSING"),
        (pl.concat([BASE, BASE.head(1)]), MEASURES, None, "E_DUPLICATE_RECORD"),
        (BASE.with_columns(emissions=pl.lit(-1.0)), MEASURES, None, "E_POLLUTANT_VALUE_INVALID"),
        (BASE.with_columns(emissions=pl.lit(None, pl.Float64)), MEASURES, None, "E_POLLUTANT_VALUE_INVALID"),
        (BASE, _measures([("350100", "COD", 2021, "x", "bribery", 1.0)]), None, "E_UNKNOWN_NAME"),
        (BASE, _measures([("350300", "COD", 2021, "x", "engineering", 1.0)]), None, "E_POLLUTANT_NO_BASE"),
        (BASE, _measures([("350100", "VOCs", 2021, "x", "engineering", 1.0)]), None, "E_POLLUTANT_NO_BASE"),
        (
            BASE,
            _measures([("350100", "COD", 2021, "x", "engineering", math.nan)]),
            None,
            "E_POLLUTANT_VALUE_INVALID",
        ),
        (BASE, MEASURES, INCREMENTS.with_columns(year=pl.lit(2020)), "E_POLLUTANT_VALUE_INVALID"),
        (
            BASE,
            MEASURES.with_columns(reduction=pl.lit("lots")),
            None,
            "E_POLLUTANT_VALUE_INVALID",
        ),  # not a number
        (BASE, pl.concat([MEASURES, MEASURES.head(1)]), None, "E_DUPLICATE_RECORD"),  # counted twice
        (BASE, MEASURES, INCREMENTS.with_columns(region_code=pl.lit("350300")), "E_POLLUTANT_NO_BASE"),
    ],
)
def test_ledger_refuses_bad_input(
    base: pl.DataFrame, measures: pl.DataFrame, increments: pl.DataFrame | None, code: str
) -> None:
    with pytest.raises(FindingsError) as e:
        account(base, measures, increments)
    assert code in {f.code for f in e.value.findings}
    f = next(f for f in e.value.findings if f.code == code)
    assert f.message_zh and f.message_en and f.fix_zh and f.fix_en


# --- properties ----------------------------------------------------------------------------------------------------

_amount = st.floats(min_value=0, max_value=1e6, allow_nan=False)
_measure = st.tuples(
    st.sampled_from(["350100", "350200"]),
    st.integers(2021, 2025),
    st.sampled_from(["engineering", "structural", "management"]),
    _amount,
)


def _frame(ms: list[tuple[str, int, str, float]]) -> pl.DataFrame:
    return _measures([(r, "COD", y, f"m{i}", k, v) for i, (r, y, k, v) in enumerate(ms)])


@settings(max_examples=60, deadline=None)
@given(st.lists(_measure, max_size=12), _measure)
def test_adding_a_measure_never_raises_emissions(ms: list[tuple[str, int, str, float]], extra: tuple) -> None:
    base = BASE.filter(pl.col("pollutant") == "COD")
    before, _ = account(base, _frame(ms), through_year=2025)
    after, _ = account(base, _frame([*ms, extra]), through_year=2025)
    for b, a in zip(before.iter_rows(named=True), after.iter_rows(named=True), strict=True):
        assert a["emissions"] <= b["emissions"] + 1e-6
        # from its year on, in its region, lower by exactly its amount; elsewhere unchanged
        hit = a["region_code"] == extra[0] and a["year"] >= extra[1]
        assert a["emissions"] == pytest.approx(b["emissions"] - (extra[3] if hit else 0.0), abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_measure, max_size=12),
    st.lists(st.tuples(st.integers(2021, 2025), st.floats(-1e5, 1e5, allow_nan=False)), max_size=5),
)
def test_ledger_equals_the_closed_form(
    ms: list[tuple[str, int, str, float]], incs: list[tuple[int, float]]
) -> None:
    # E_t = E_base + Σ_{s ≤ t} (new_s − cut_s), the balance applied year after year
    base = BASE.filter(pl.col("pollutant") == "COD")
    inc = pl.DataFrame(
        [("350100", "COD", y, v) for y, v in incs],
        schema=["region_code", "pollutant", "year", "new_emissions"],
        orient="row",
    )
    led, _ = account(base, _frame(ms), inc, through_year=2025)
    for r in led.iter_rows(named=True):
        e0 = 50_000.0 if r["region_code"] == "350100" else 30_000.0
        new = sum(v for y, v in incs if y <= r["year"]) if r["region_code"] == "350100" else 0.0
        cut = sum(v for reg, y, _, v in ms if reg == r["region_code"] and y <= r["year"])
        assert r["emissions"] == pytest.approx(e0 + new - cut, abs=1e-6)


# --- what a refusal says (mutation sample 20261213: the messages' fields) ----------------------------------------


def test_a_negative_base_names_its_record() -> None:
    # BASE row 1 is 350100 COD 2020; −1.0 t is refused with what = 基年排放量, record "350100 COD 2020"
    with pytest.raises(FindingsError) as e:
        account(BASE.with_columns(emissions=pl.lit(-1.0)), MEASURES)
    first = e.value.findings[0]
    assert first.message_en == (
        "base-year emissions: 'emissions' of 350100 COD 2020 is -1.0, which is invalid: must be a finite number ≥ 0"
    )
    assert first.message_zh == "基年排放量：350100 COD 2020 的“emissions”值 -1.0 无效：须为非负有限数"
    assert first.location is not None and (first.location.row, first.location.column) == (1, "emissions")


def test_a_reduction_that_is_not_finite_names_its_record() -> None:
    # a measure of 350100 COD 2021 whose reduction is NaN (as a float: "nan")
    with pytest.raises(FindingsError) as e:
        account(BASE, _measures([("350100", "COD", 2021, "x", "engineering", math.nan)]))
    (f,) = e.value.findings
    assert f.message_en == (
        "reduction measures: 'reduction' of 350100 COD 2021 is nan, which is invalid: must be a finite number"
    )
    # an infinite new emission of 350100 COD 2021
    with pytest.raises(FindingsError) as e:
        account(BASE, MEASURES, INCREMENTS.with_columns(new_emissions=pl.lit(math.inf)))
    (f,) = e.value.findings
    assert f.message_zh == "新增量：350100 COD 2021 的“new_emissions”值 inf 无效：须为有限数"


def test_a_leap_year_counts_366_days_for_both_years() -> None:
    # +20 000 residents × 70 g × 366 d = 512.4 t (both years on 366 days)
    assert ac.domestic_increment(1_020_000, 70, 1_000_000, 70, 366) == pytest.approx(512.4, abs=1e-9)


def test_empty_keys_and_non_finite_values_are_located() -> None:
    # base row 1 without its year: located at (1, year), record without the empty field
    with pytest.raises(FindingsError) as e:
        account(BASE.with_columns(year=pl.Series([None, 2020, 2020], dtype=pl.Int64)), MEASURES)
    f = next(f for f in e.value.findings if f.location is not None and f.location.column == "year")
    assert f.location is not None and f.location.row == 1 and f.evidence["record"] == "350100 COD"
    # a measure without its year (row 1): E_POLLUTANT_KEY_EMPTY at (1, year)
    with pytest.raises(FindingsError) as e:
        account(BASE, _measures([("350100", "COD", None, "x", "engineering", 1.0)]))  # type: ignore[list-item]
    assert [(f.code, f.location.row, f.location.column) for f in e.value.findings if f.location] == [
        ("E_POLLUTANT_KEY_EMPTY", 1, "year")
    ]
    # a NaN reduction on row 2 and an unknown kind on row 1
    m = _measures(
        [("350100", "COD", 2021, "x", "bribery", 1.0), ("350100", "COD", 2021, "y", "engineering", math.nan)]
    )
    with pytest.raises(FindingsError) as e:
        account(BASE, m)
    assert [(f.code, f.location.row, f.location.column) for f in e.value.findings if f.location] == [
        ("E_UNKNOWN_NAME", 1, "kind"),
        ("E_POLLUTANT_VALUE_INVALID", 2, "reduction"),
    ]


def test_a_measure_counted_twice_names_its_key() -> None:
    # row 7 repeats row 1: 350100 COD 2021 WWTP-1 engineering
    with pytest.raises(FindingsError) as e:
        account(BASE, pl.concat([MEASURES, MEASURES.head(1)]))
    (f,) = e.value.findings
    assert f.message_en == "350100 COD 2021 WWTP-1 engineering appears twice (also on row 1)"
    assert f.location == Location(row=7, column="measure_id")  # the repeat is the 7th measure row


def test_a_year_without_new_emissions_says_false_not_unknown() -> None:
    # 2022 of 350100 COD has no increment row: has_increment False (not null)
    led, _ = account(BASE, MEASURES, INCREMENTS, through_year=2022)
    flags = led.filter((pl.col("region_code") == "350100") & (pl.col("pollutant") == "COD"))["has_increment"]
    assert flags.to_list() == [True, False]


def test_a_zero_reduction_is_not_a_negative_one_and_an_early_increment_is_named() -> None:
    # a measure that cut 0 t in 2021: counted, no W_POLLUTANT_NEGATIVE_REDUCTION
    _, findings = account(BASE, _measures([("350100", "COD", 2021, "idle", "engineering", 0.0)]))
    assert findings == []
    # new emissions dated 2020, the base year of 350100 COD: refused, naming the year column
    with pytest.raises(FindingsError) as e:
        account(BASE, MEASURES, INCREMENTS.with_columns(year=pl.lit(2020)))
    (f,) = e.value.findings
    assert f.message_en == (
        "new emissions: 'year' of 350100 COD 2020 is 2020, which is invalid: must be after the base year 2020"
    )


# --- the words of two refusals (issue 5 §3.3 brief: English entirely English, no "None") -------------------------


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_measure_without_base_is_named_in_each_language() -> None:
    # 350300 has no base-year row in BASE: the measure of row 1 is refused; the English text used to begin with
    # the Chinese table name ("减排措施 350300 COD 2021 has no base-year emissions")
    with pytest.raises(FindingsError) as e:
        account(BASE, _measures([("350300", "COD", 2021, "x", "engineering", 1.0)]))
    (f,) = e.value.findings
    assert f.code == "E_POLLUTANT_NO_BASE"
    assert f.location is not None and (f.location.row, f.location.column) == (1, "region_code")
    assert f.message_en == (
        "reduction measures: 350300 COD 2021 has no base-year emissions: accounting follows the base, nothing "
        "outside it can be counted"
    )
    assert not _cjk(f.message_en) and not _cjk(f.fix_en)
    assert f.message_zh == "减排措施：350300 COD 2021 没有基年排放量：遵循基数，基数外的量不能核算"


def test_new_emissions_without_base_say_so_in_english() -> None:
    with pytest.raises(FindingsError) as e:
        account(BASE, MEASURES, INCREMENTS.with_columns(region_code=pl.lit("350300")))
    (f,) = e.value.findings
    assert f.message_en.startswith("new emissions: 350300 COD 2021 has no base-year emissions")
    assert f.message_zh.startswith("新增量：350300 COD 2021 没有基年排放量")


def test_an_empty_key_names_the_missing_fields_in_words() -> None:
    # base row 1 (350100 COD) without its year; it used to say "'year' of 350100 COD is None"
    with pytest.raises(FindingsError) as e:
        account(BASE.with_columns(year=pl.Series([None, 2020, 2020], dtype=pl.Int64)), MEASURES)
    f = next(f for f in e.value.findings if f.code == "E_POLLUTANT_KEY_EMPTY")
    assert f.location is not None and (f.location.row, f.location.column) == (1, "year")
    assert f.message_en == (
        "base-year emissions, row 1 (350100 COD): no year; region code, pollutant and year are a record's key, "
        "and a record without its whole key cannot be counted"
    )
    assert f.message_zh.startswith("基年排放量第 1 行（350100 COD）缺少年份：")
    assert f.fix_en == "fill in the row's year" and f.fix_zh == "补填该行的年份"
    assert "None" not in f.message_en + f.message_zh


def test_a_measure_without_region_and_pollutant_names_both_and_is_not_called_baseless() -> None:
    # row 2 has neither region code nor pollutant: one finding naming both (not "has no base-year emissions")
    m = _measures(
        [("350100", "COD", 2021, "x", "engineering", 1.0), (None, None, 2021, "y", "engineering", 1.0)]  # type: ignore[list-item]
    )
    with pytest.raises(FindingsError) as e:
        account(BASE, m)
    (f,) = e.value.findings
    assert f.code == "E_POLLUTANT_KEY_EMPTY"
    assert f.location is not None and (f.location.row, f.location.column) == (2, "region_code")
    assert f.message_en.startswith("reduction measures, row 2 (2021): no region code and pollutant; ")
    assert f.message_zh.startswith("减排措施第 2 行（2021）缺少地区代码、污染物：")
    assert f.evidence["columns"] == "region_code, pollutant"


def test_a_year_without_measures_stays_in_the_ledger() -> None:
    # 350200 COD: base 30 000 t (2020), no measure and no increment at all; through 2022 its ledger still has 2021
    # and 2022, each with 0 t cut, 0 measures and the base carried: 30 000 t
    led, _ = account(BASE, MEASURES, INCREMENTS, through_year=2022)
    r = led.filter((pl.col("region_code") == "350200") & (pl.col("pollutant") == "COD"))
    assert r["year"].to_list() == [2021, 2022]
    assert r["measures"].to_list() == [0, 0] and r["reduction_total"].to_list() == [0.0, 0.0]
    assert r["emissions"].to_list() == [30_000.0, 30_000.0]
