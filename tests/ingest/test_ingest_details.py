"""Details of the ingest validators that the mutation sample of the ingest checks (docs/mutation.md) found untested:
what the row-check findings name, cells left empty inside the exclusion check, the fixes of E_VALUE_INVALID, a
0 % target and the type of an absent optional column. Every expected text and number is read off the input by
hand (1 万吨标准煤 = 10⁴ tce; percent / 100)."""

from __future__ import annotations

import polars as pl

from ecer.ingest import check_file, read_table
from ecer.ingest.cells import parse_numbers, parse_years
from tests.ingest.conftest import DATA
from tests.projects.conftest import file_row, write_projects

# the full bilingual headers of the energy and targets templates, as in the files under tests/data/ingest/bad
ENERGY_HEADER = (DATA / "bad" / "feedstock_above_total.csv").read_text(encoding="utf-8").splitlines()[0]
TARGETS_HEADER = (DATA / "bad" / "targets_years.csv").read_text(encoding="utf-8").splitlines()[0]
EXCLUSION_COLUMNS = ["feedstock_energy", "separately_listed_energy", "other_nonfossil_energy"]


def _read(header: str, *rows: str, template: str = "energy"):  # type: ignore[no-untyped-def]
    text = "\n".join([header, *rows]) + "\n"
    return read_table(text.encode(), template, filename="x.csv", known_regions={"110000"})


def _codes(r) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f.code for f in r.findings)


def test_feedstock_above_the_total_names_both_values_as_entered_with_their_unit() -> None:
    """feedstock 20 万吨标准煤 against a total of 12.3456 万吨标准煤 (columns: total, feedstock, renewable, other
    non-fossil, separately listed, its value added, GDP, price base, origin): both are named as entered."""
    r = _read(ENERGY_HEADER, "110000,2021,12.3456,20,300,0,0.5,0,1.5,2020,user")
    assert _codes(r) == ["E_FEEDSTOCK_ABOVE_TOTAL"]
    f = r.errors[0]
    assert f.message_zh == "原料用能 20 万吨标准煤 大于能源消费总量 12.3456 万吨标准煤"
    assert (
        f.message_en == "feedstock energy 20 万吨标准煤 exceeds total energy consumption 12.3456 万吨标准煤"
    )


def test_exclusions_above_the_total_name_the_columns_added_up() -> None:
    """feedstock 1 + separately listed 8 + other non-fossil 5 = 14 万吨标准煤 = 140000 tce of exclusions against a
    total of 12 万吨标准煤 = 120000 tce; feedstock alone (1) is not above the total, so only the sum is reported,
    naming the three columns it added up."""
    r = _read(ENERGY_HEADER, "110000,2021,12,1,300,5,8,0,1.5,2020,user")
    assert _codes(r) == ["E_EXCLUSIONS_ABOVE_TOTAL"]
    f = r.errors[0]
    assert (f.evidence["excluded"], f.evidence["total"]) == ("140000 tce", "120000 tce")
    assert f.evidence["columns"] == EXCLUSION_COLUMNS


def test_an_empty_exclusion_cell_is_reported_as_required_and_counts_as_nothing_in_the_sum() -> None:
    """other non-fossil left empty: E_REQUIRED for that cell. The parsed parts, feedstock 8 + separately listed 4 =
    12 万吨标准煤, equal the total 12 万吨标准煤 — not above it, so no E_EXCLUSIONS_ABOVE_TOTAL (the empty cell
    adds nothing, not even 1 tce)."""
    r = _read(ENERGY_HEADER, "110000,2021,12,8,300,,4,0,1.5,2020,user")
    assert _codes(r) == ["E_REQUIRED"]
    assert r.errors[0].evidence["field"] == "other_nonfossil_energy"


def test_with_the_feedstock_cell_empty_the_other_exclusions_are_still_checked() -> None:
    """feedstock left empty (E_REQUIRED); separately listed 8 + other non-fossil 5 = 13 万吨标准煤 = 130000 tce is
    above the total 12 万吨标准煤 = 120000 tce: reported too (an unknown feedstock is not "feedstock above the
    total", which alone would suppress the sum check)."""
    r = _read(ENERGY_HEADER, "110000,2021,12,,300,5,8,0,1.5,2020,user")
    assert _codes(r) == ["E_EXCLUSIONS_ABOVE_TOTAL", "E_REQUIRED"]
    f = next(f for f in r.errors if f.code == "E_EXCLUSIONS_ABOVE_TOTAL")
    assert (f.evidence["excluded"], f.evidence["total"]) == ("130000 tce", "120000 tce")


def test_mixed_price_bases_are_listed_in_the_order_of_their_first_row(bad, known) -> None:  # type: ignore[no-untyped-def]
    """price_base_mixed.csv: row 2 at 2020 prices, row 3 at 2015 prices → "2020, 2015"."""
    f = check_file(bad / "price_base_mixed.csv", "energy", known).errors[0]
    assert f.message_en == "GDP is on mixed constant-price bases: this file has 2020, 2015"
    assert f.message_zh == "GDP 可比价基年不一致：本文件含 2020, 2015"


def test_a_target_year_not_after_the_base_year_says_what_to_check(bad, known) -> None:  # type: ignore[no-untyped-def]
    """targets_years.csv: base year 2025, target year 2020."""
    f = check_file(bad / "targets_years.csv", "targets", known).errors[0]
    assert f.message_en == "value '2020' is invalid: target year must be after base year 2025"
    assert (f.fix_zh, f.fix_en) == ("核对基期年和目标年", "check the base and target years")


def test_a_reduction_of_100_percent_or_more_says_to_enter_a_percentage(bad, known) -> None:  # type: ignore[no-untyped-def]
    """targets_percent_over.csv: a basic target of 135 (%)."""
    f = check_file(bad / "targets_percent_over.csv", "targets", known).errors[0]
    assert (f.fix_zh, f.fix_en) == ("填写百分数，如 13.5", "enter a percentage such as 13.5")


def test_a_zero_percent_is_not_taken_for_a_fraction() -> None:
    """An incentive target and a GDP growth plan of 0 (%) are zero, not a fraction like 0.135 that should have been
    13.5: no W_PERCENT_LOOKS_FRACTION; the basic 13.5 % becomes 0.135."""
    r = _read(TARGETS_HEADER, "110000,14th,2020,2025,13.5,0,0,,src", template="targets")
    assert r.findings == []
    row = r.frame.row(0, named=True)
    assert (
        row["intensity_reduction_basic"],
        row["intensity_reduction_incentive"],
        row["gdp_growth_plan"],
    ) == (
        0.135,
        0.0,
        0.0,
    )


def test_an_absent_optional_number_column_is_an_empty_number_column(good) -> None:  # type: ignore[no-untyped-def]
    """energy_bom.csv has no electricity_coal_rate column (optional, no default): the canonical frame has it as
    Float64 nulls (a number column), not as a column of unknown type."""
    r = check_file(good / "energy_bom.csv")
    assert r.frame is not None
    assert r.frame.schema["electricity_coal_rate"] == pl.Float64
    assert r.frame["electricity_coal_rate"].to_list() == [None]


def test_an_invalid_choice_lists_the_accepted_spellings(bad, known) -> None:  # type: ignore[no-untyped-def]
    """value_invalid.csv: data origin "官方数据". The energy template accepts official/官方, synthetic/模拟,
    partly synthetic/部分模拟 and user/用户 (each value's spellings joined by "/"): the message and the fix list them."""
    f = check_file(bad / "value_invalid.csv", "energy", known).errors[0]
    valid = "official/官方, synthetic/模拟, partly synthetic/部分模拟, user/用户"
    assert (f.fix_zh, f.fix_en) == (f"填写以下之一：{valid}", f"enter one of: {valid}")
    assert valid in f.message_zh and valid in f.message_en


def test_an_excel_boolean_in_a_number_column_is_not_a_number() -> None:
    """Excel gives TRUE/FALSE cells also as the numbers 1 and 0; as text they are booleans, not numbers: both cells
    are bad and have no value; "12" is 12."""
    p = parse_numbers(pl.Series(["TRUE", "false", "12"]), pl.Series([1.0, 0.0, 12.0]))
    assert p.values.to_list() == [None, None, 12.0]
    assert p.bad.to_list() == [True, True, False]


def test_a_year_column_is_whole_numbers_even_when_no_cell_is_a_year() -> None:
    """ "20" is not a four-digit year and the other cell is empty: no value, one bad cell, and the column stays Int64
    (as when some cell is a year: "2020" → 2020)."""
    p = parse_years(pl.Series(["20", None]))
    assert (p.values.dtype, p.values.to_list(), p.bad.to_list()) == (pl.Int64, [None, None], [True, False])
    assert parse_years(pl.Series(["2020", "20"])).values.to_list() == [2020, None]


def test_a_year_that_is_not_a_year_says_how_to_write_one() -> None:
    """A targets row with base year "20": not a four-digit year 1949–2100; the fix asks for a year such as 2020."""
    r = _read(TARGETS_HEADER, "110000,14th,20,2025,13.5,,,,src", template="targets")
    assert _codes(r) == ["E_VALUE_INVALID"]
    f = r.errors[0]
    assert f.evidence["field"] == "base_year" and f.evidence["value"] == "20"
    assert f.evidence["detail"] == "不是 1949–2100 的四位年份 / not a 4-digit year 1949–2100"
    assert "not a 4-digit year 1949–2100" in f.message_en and "不是 1949–2100 的四位年份" in f.message_zh
    assert (f.fix_zh, f.fix_en) == ("填写如 2020 的年份", "enter a year such as 2020")


def test_a_date_that_does_not_exist_says_how_to_write_a_date(tmp_path, known) -> None:  # type: ignore[no-untyped-def]
    """A project whose EIA approval date is 2022-02-30 (February has 28 days in 2022): not a valid date; the fix
    asks for YYYY-MM-DD."""
    path = write_projects(tmp_path / "projects.csv", [file_row(eia_date="2022-02-30")])
    r = check_file(path, "projects", known)
    bad = [f for f in r.errors if f.code == "E_VALUE_INVALID"]
    assert [(f.evidence["field"], f.evidence["value"]) for f in bad] == [("eia_date", "2022-02-30")]
    assert bad[0].evidence["detail"] == "不是有效日期 / not a valid date"
    assert "not a valid date" in bad[0].message_en and "不是有效日期" in bad[0].message_zh
    assert bad[0].fix_en == "write the date as YYYY-MM-DD, e.g. 2022-03-15"
    assert bad[0].fix_zh == "按 YYYY-MM-DD 填写日期，如 2022-03-15"


def test_an_invalid_choice_is_said_in_one_language_per_message():
    """Issue 5 §5: an English message entirely in English (the valid choices may be Chinese words, quoted), a Chinese
    message in Chinese. The detail of a choice column is "可选：… / valid: …"; each message takes its half."""
    from ecer.findings import make

    f = make("E_VALUE_INVALID", value="也许", detail="可选：是/yes, 否/no / valid: 是/yes, 否/no", fix_zh="", fix_en="")
    assert f.message_zh == "值“也许”无效：可选：是/yes, 否/no"
    assert f.message_en == "value '也许' is invalid: valid: 是/yes, 否/no"
