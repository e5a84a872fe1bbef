"""Measures by method → the reductions the ledger counts: one hand case per method, then through the ledger.

The same plants as tests/core/test_pollutants_accounting.py; every value worked out in the comments.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.pollutants.ledger import account
from ecer.core.pollutants.measures import measure_reductions
from ecer.findings import FindingsError

COLUMNS = [
    "region_code",
    "pollutant",
    "year",
    "measure_id",
    "method",
    "kind",
    "volume_m3",
    "c_in_mg_l",
    "c_out_mg_l",
    "removed_prev_t",
    "generated_t",
    "eta",
    "eta_prev",
    "run",
    "run_prev",
    "prev_emissions_t",
    "current_emissions_t",
    "annual_reduction_t",
    "stable_year",
    "stable_month",
    "reduction_t",
]


def _row(
    region: str, pollutant: str, year: int, mid: str, method: str, **inputs: object
) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(COLUMNS)
    row.update(region_code=region, pollutant=pollutant, year=year, measure_id=mid, method=method, **inputs)
    return row


SCHEMA = {c: pl.Utf8 for c in COLUMNS[:6]} | {c: pl.Float64 for c in COLUMNS[6:]} | {"year": pl.Int64}

MEASURES = pl.DataFrame(
    [
        # 2 万m³/d × 365 d = 7.3·10⁶ m³, 280 → 40 mg/L: 1752 t; the year before 1259.25 t → 492.75 t
        _row(
            "350100",
            "COD",
            2021,
            "WWTP-1",
            "sewage_plant",
            volume_m3=7.3e6,
            c_in_mg_l=280.0,
            c_out_mg_l=40.0,
            removed_prev_t=1259.25,
        ),
        # NOx 2000 t × (0.80 × 0.95 − 0.60 × 0.90) = 440 t
        _row(
            "350100",
            "NOx",
            2021,
            "SCR",
            "efficiency_raise",
            generated_t=2000.0,
            eta=0.8,
            eta_prev=0.6,
            run=0.95,
            run_prev=0.9,
        ),
        # run rates default to 1: 1000 × (0.8 − 0.5) = 300 t
        _row("350100", "NOx", 2022, "SCR-2", "efficiency_raise", generated_t=1000.0, eta=0.8, eta_prev=0.5),
        # a paper mill closed in 2021 that emitted 350.5 t COD in 2020; current emissions default to 0
        _row("350100", "COD", 2021, "mill", "closure", prev_emissions_t=350.5),
        # stable in July 2021, 60 t a year: 2021 Aug–Dec 25 t; 2022 the other 7 months, 35 t
        _row(
            "350100",
            "COD",
            2021,
            "bypass",
            "management",
            annual_reduction_t=60.0,
            stable_year=2021.0,
            stable_month=7.0,
        ),
        _row(
            "350100",
            "COD",
            2022,
            "bypass",
            "management",
            annual_reduction_t=60.0,
            stable_year=2021.0,
            stable_month=7.0,
        ),
        # computed elsewhere (CEMS): 100 t engineering
        _row("350100", "COD", 2022, "WWTP-2", "reported", kind="engineering", reduction_t=100.0),
    ],
    schema=SCHEMA,
)


def test_each_method() -> None:
    out = measure_reductions(MEASURES)
    got = {(r["measure_id"], r["year"]): (r["kind"], r["reduction"]) for r in out.iter_rows(named=True)}
    assert got[("WWTP-1", 2021)] == ("engineering", pytest.approx(492.75, abs=1e-9))
    assert got[("SCR", 2021)] == ("engineering", pytest.approx(440.0, abs=1e-9))
    assert got[("SCR-2", 2022)] == ("engineering", pytest.approx(300.0, abs=1e-9))
    assert got[("mill", 2021)] == ("structural", 350.5)
    assert got[("bypass", 2021)] == ("management", pytest.approx(25.0))
    assert got[("bypass", 2022)] == ("management", pytest.approx(35.0))
    assert got[("WWTP-2", 2022)] == ("engineering", 100.0)
    assert out["method"].to_list() == MEASURES["method"].to_list()  # the input's order


def test_through_the_ledger() -> None:
    base = pl.DataFrame(
        {
            "region_code": ["350100"] * 2,
            "pollutant": ["COD", "NOx"],
            "year": [2020] * 2,
            "emissions": [50_000.0, 8_000.0],
        }
    )
    led, findings = account(base, measure_reductions(MEASURES))
    assert findings == []
    e = {(r["pollutant"], r["year"]): r["emissions"] for r in led.iter_rows(named=True)}
    # COD 2021: 50 000 − (492.75 + 350.5 + 25) = 49 131.75; 2022: − (35 + 100) = 48 996.75
    assert e[("COD", 2021)] == pytest.approx(49_131.75) and e[("COD", 2022)] == pytest.approx(48_996.75)
    # NOx: 8000 − 440 = 7560; − 300 = 7260
    assert e[("NOx", 2021)] == pytest.approx(7560.0) and e[("NOx", 2022)] == pytest.approx(7260.0)


def test_only_the_columns_the_methods_need() -> None:
    m = pl.DataFrame(
        {
            "region_code": ["A"],
            "pollutant": ["COD"],
            "year": [2022],
            "measure_id": ["m"],
            "method": ["closure"],
            "prev_emissions_t": [12.0],
        }
    )
    assert measure_reductions(m)["reduction"].to_list() == [12.0]


def _with(i: int, **changes: object) -> pl.DataFrame:
    rows = MEASURES.to_dicts()
    rows[i].update(changes)
    return pl.DataFrame(rows, schema=SCHEMA)


@pytest.mark.parametrize(
    ("df", "code", "column"),
    [
        (_with(0, method="prayer"), "E_UNKNOWN_NAME", "method"),
        (_with(0, c_out_mg_l=None), "E_POLLUTANT_VALUE_INVALID", "c_out_mg_l"),  # never a default
        (_with(0, c_out_mg_l=300.0), "E_POLLUTANT_VALUE_INVALID", "c_out_mg_l"),  # effluent above influent
        (_with(0, volume_m3=-1.0), "E_POLLUTANT_VALUE_INVALID", "volume_m3"),
        (_with(1, eta=1.2), "E_POLLUTANT_VALUE_INVALID", "eta"),
        (_with(1, run=-0.1), "E_POLLUTANT_VALUE_INVALID", "run"),
        (_with(4, stable_month=13.0), "E_POLLUTANT_VALUE_INVALID", "stable_month"),
        (_with(4, stable_month=6.5), "E_POLLUTANT_VALUE_INVALID", "stable_month"),
        (_with(6, kind=None), "E_UNKNOWN_NAME", "kind"),
        (_with(6, kind="luck"), "E_UNKNOWN_NAME", "kind"),
        (MEASURES.drop("c_in_mg_l"), "E_POLLUTANT_COLUMN_MISSING", "c_in_mg_l"),
        (MEASURES.drop("method"), "E_POLLUTANT_COLUMN_MISSING", "method"),
    ],
)
def test_refusals(df: pl.DataFrame, code: str, column: str) -> None:
    with pytest.raises(FindingsError) as e:
        measure_reductions(df)
    f = next(f for f in e.value.findings if f.code == code)
    assert f.location is not None and f.location.column == column
    assert f.message_zh and f.message_en


def test_a_reported_reduction_may_be_negative() -> None:
    # a measure whose removal fell: counted as given; the ledger warns about it
    out = measure_reductions(_with(6, reduction_t=-5.0))
    assert out.filter(pl.col("measure_id") == "WWTP-2")["reduction"].item() == -5.0


# --- what a refusal says (mutation sample 20261213: the messages' fields) ----------------------------------------


def test_a_negative_input_names_the_measure_and_its_value() -> None:
    # row 1 is 350100 COD 2021 WWTP-1 (sewage_plant); a volume of −1.0 m³ is refused as negative
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(0, volume_m3=-1.0))
    (f,) = e.value.findings
    assert f.message_en == (
        "reduction measures: 'volume_m3' of 350100 COD 2021 WWTP-1 is -1.0, which is invalid: negative"
    )
    assert f.location is not None and (f.location.row, f.location.column) == (1, "volume_m3")


def test_a_missing_input_column_lists_the_columns_needed() -> None:
    # MEASURES has rows of all five methods: the key, then each method's inputs (methods in alphabetical order:
    # closure, efficiency_raise, management, reported, sewage_plant), then kind (for reported) — names only, so
    # the Chinese text is Chinese apart from the column names
    with pytest.raises(FindingsError) as e:
        measure_reductions(MEASURES.drop("c_in_mg_l"))
    (f,) = e.value.findings
    needed = ("region_code, pollutant, year, measure_id, method, prev_emissions_t, generated_t, eta, eta_prev, "
              "annual_reduction_t, stable_year, stable_month, reduction_t, volume_m3, c_in_mg_l, c_out_mg_l, "
              "removed_prev_t, kind")
    assert f.message_en == f"reduction measures: column 'c_in_mg_l' is missing (needed: {needed})"
    assert f.message_zh == f"减排措施缺少列“c_in_mg_l”（需要：{needed}）"
    assert f.location is not None and f.location.column == "c_in_mg_l"


def test_an_unknown_method_lists_the_methods() -> None:
    # row 1's method "prayer" is not one of the five of METHOD_KIND (module table)
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(0, method="prayer"))
    (f,) = e.value.findings
    assert f.message_en == (
        "unknown accounting method 'prayer'; valid: sewage_plant, efficiency_raise, closure, management, reported"
    )
    assert f.message_zh == (
        "未知的核算方法“prayer”，可选：sewage_plant, efficiency_raise, closure, management, reported"
    )


def test_every_missing_input_of_a_row_is_named_not_only_the_first() -> None:
    # row 1 (sewage_plant) without c_in and c_out: two findings, in the order of the method's inputs
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(0, c_in_mg_l=None, c_out_mg_l=None))
    assert [(f.location.row, f.location.column) for f in e.value.findings if f.location] == [
        (1, "c_in_mg_l"),
        (1, "c_out_mg_l"),
    ]


def test_a_month_out_of_range_names_the_measure() -> None:
    # row 5 is 350100 COD 2021 bypass (management); month 13.0
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(4, stable_month=13.0))
    (f,) = e.value.findings
    assert f.message_en == (
        "reduction measures: 'stable_month' of 350100 COD 2021 bypass is 13.0, which is invalid: must be a month 1–12"
    )


def test_an_unknown_kind_of_a_reported_reduction_names_its_row() -> None:
    # row 7 is WWTP-2 (reported); kind "luck"
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(6, kind="luck"))
    (f,) = e.value.findings
    assert f.location is not None and (f.location.row, f.location.column) == (7, "kind")
    assert f.message_en.startswith("unknown kind of reduction 'luck'; valid: ")


# --- an implausible stable year (issue 5 §3.3 brief: 20230 or −5 used to count 12 or 0 months silently) ----------


@pytest.mark.parametrize("year", [20230.0, -5.0, 1948.0, 2022.0, 2021.5])
def test_an_implausible_stable_year_is_refused_with_its_range(year: float) -> None:
    # row 5 is 350100 COD 2021 bypass (management), accounting year 2021. Before the fix: 20230 gave
    # n = 12 − 7 + 12·(2021 − 20230) < 0 → 0 months, −5 gave 12 months (60 t), both without a finding.
    # The range is 1949 (no statistics before) to the row's accounting year 2021 (a later stable year counts 0
    # months in 2021); 2021.5 is not a whole year.
    with pytest.raises(FindingsError) as e:
        measure_reductions(_with(4, stable_year=year))
    (f,) = e.value.findings
    assert f.code == "E_POLLUTANT_VALUE_INVALID"
    assert f.location is not None and (f.location.row, f.location.column) == (5, "stable_year")
    assert f.evidence["record"] == "350100 COD 2021 bypass" and f.evidence["value"] == year
    assert f.message_en.startswith(
        f"reduction measures: 'stable_year' of 350100 COD 2021 bypass is {year}, which is invalid: must be a whole "
        "year from 1949 to the accounting year 2021 (a measure stable after its accounting year counts 0 months in it"
    )
    assert "silently count as 0 or as a whole year" in f.message_en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in f.message_en)  # English entirely English
    assert f.message_zh.startswith(
        f"减排措施：350100 COD 2021 bypass 的“stable_year”值 {year} 无效：须为 1949 年至核算年份 2021之间的整数年份"
    )
    assert "计 0 个月" in f.message_zh


@pytest.mark.parametrize(("year", "reduction"), [(1949.0, 0.0), (2020.0, 35.0), (2021.0, 25.0)])
def test_the_ends_of_the_stable_year_range_are_accepted(year: float, reduction: float) -> None:
    # 60 t a year, stable in July, counted from August: stable in 2021 → 5 months of 2021 = 25 t; stable in 2020 →
    # 5 months of 2020, 12 of 2021, increment 7 months = 35 t; stable in 1949 → 12 months both years, 0 t
    out = measure_reductions(_with(4, stable_year=year))
    assert out.filter(pl.col("measure_id") == "bypass", pl.col("year") == 2021)["reduction"].item() == reduction


def test_every_missing_column_of_every_method_is_named_after_the_key_columns() -> None:
    # no measure_id (a key column); management lacks all three of its inputs; sewage_plant lacks c_out_mg_l and
    # removed_prev_t. Named in order: key columns, then the methods in alphabetical order (management, sewage_plant)
    m = pl.DataFrame({"region_code": ["A", "A"], "pollutant": ["COD", "COD"], "year": [2023, 2024],
                      "method": ["sewage_plant", "management"], "volume_m3": [7.3e6, None], "c_in_mg_l": [280.0, None]})
    with pytest.raises(FindingsError) as e:
        measure_reductions(m)
    f = e.value.findings
    assert [x.location.column if x.location else None for x in f] == [
        "measure_id", "annual_reduction_t", "stable_year", "stable_month", "c_out_mg_l", "removed_prev_t"]
    assert [x.evidence["column"] for x in f] == [x.location.column for x in f if x.location]
    # the key, then the inputs of the methods the rows name (management's three, then sewage_plant's four)
    assert f[0].evidence["expected"] == ("region_code, pollutant, year, measure_id, method, annual_reduction_t, "
                                         "stable_year, stable_month, volume_m3, c_in_mg_l, c_out_mg_l, removed_prev_t")
