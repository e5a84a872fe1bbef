"""The pollutant templates: round trip, one bad file per error with its exact code, row and column, the 万吨/吨
plausibility checks, revisions that need confirmation, and check == load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ecer.findings import FindingsError
from ecer.ingest import read_table, write_template
from ecer.ingest.templates import TEMPLATES
from ecer.services import pollutants as svc
from ecer.storage import Store
from tests.pollutants.conftest import emission_rows, measure_rows, write

NAMES = ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_template_has_the_bilingual_headers(name: str, suffix: str, tmp_path: Path) -> None:
    p = write_template(name, tmp_path / f"t{suffix}")
    if suffix == ".csv":
        header = p.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header == [c.header for c in TEMPLATES[name].columns]
    else:
        df = pl.read_excel(p, sheet_name="数据", has_header=False)
        assert df.row(0) == tuple(c.header for c in TEMPLATES[name].columns)


def test_round_trip_of_the_hand_case(handcase_files: dict[str, Path]) -> None:
    for name, path in handcase_files.items():
        r = read_table(path, None)
        assert r.template == name  # inferred from the headers
        assert r.ok, [f.text("en") for f in r.findings]
    m = read_table(handcase_files["pollutant_measures"], "pollutant_measures").frame
    assert m is not None
    scr = m.filter(pl.col("measure_id") == "SCR").row(0, named=True)
    # 80 % → 0.8 ; 95 % → 0.95 (percent header converted to a fraction)
    assert (scr["eta"], scr["eta_prev"], scr["run"], scr["run_prev"]) == pytest.approx((0.8, 0.6, 0.95, 0.9))
    assert scr["data_origin"] == "user"


def test_wan_tonnes_header_and_chinese_pollutant_names(tmp_path: Path) -> None:
    p = write(tmp_path / "e.csv", "pollutant_emissions",
              [{"region_code": "350100", "pollutant": "化学需氧量", "year": 2020, "emissions": 5},
               {"region_code": "350100", "pollutant": "氨氮", "year": 2020, "emissions": 0.25},
               {"region_code": "350100", "pollutant": "nox", "year": 2020, "emissions": 0.8}],
              headers={"emissions": "排放量（万吨）"})
    r = read_table(p, "pollutant_emissions")
    assert r.ok
    # 5 万吨 = 50 000 t; 0.25 万吨 = 2 500 t; 0.8 万吨 = 8 000 t
    assert r.frame is not None
    assert r.frame.select("pollutant", "emissions").rows() == [("COD", 50_000.0), ("NH3-N", 2_500.0),
                                                               ("NOx", 8_000.0)]


def _codes(path: Path, template: str, store: Any = None) -> list[tuple[str, int | None, str | None]]:
    r = svc.check_pollutant_file(path, template=template, store=store)
    return [(f.code, f.location.row if f.location else None, f.location.column if f.location else None)
            for f in r.findings if f.level != "info"]


E = TEMPLATES["pollutant_emissions"]
M = TEMPLATES["pollutant_measures"]


def test_bad_emissions_file(tmp_path: Path) -> None:
    rows = [
        {"region_code": "350100", "pollutant": "COD", "year": 2020, "emissions": 50_000},
        {"region_code": "990000", "pollutant": "COD", "year": 2020, "emissions": 1},  # row 3: unknown region
        {"region_code": "350100", "pollutant": "SO3", "year": 2020, "emissions": 1},  # row 4: unknown pollutant
        {"region_code": "350100", "pollutant": "COD", "year": 2020, "emissions": 2},  # row 5: repeated key
        {"region_code": "350100", "pollutant": "NOx", "year": 2020, "emissions": -3},  # row 6: negative
        {"region_code": "350100", "pollutant": "NOx", "year": 2021, "emissions": "abc"},  # row 7: not a number
    ]
    got = _codes(write(tmp_path / "bad.csv", "pollutant_emissions", rows), "pollutant_emissions")
    h = E.column("emissions").header
    assert ("E_REGION_UNKNOWN", 3, E.column("region_code").header) in got
    assert ("E_VALUE_INVALID", 4, E.column("pollutant").header) in got
    assert ("E_DUPLICATE_RECORD", 5, E.column("year").header) in got
    assert ("E_NEGATIVE", 6, h) in got
    assert ("E_NOT_NUMBER", 7, h) in got


def test_bad_measures_file(tmp_path: Path) -> None:
    rows = [
        # row 2: a sewage plant without its effluent concentration
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "A", "method": "污水处理厂",
         "volume_m3": 1e6, "c_in_mg_l": 250, "removed_prev_t": 0},
        # row 3: efficiency 120 %
        {"region_code": "350100", "pollutant": "NOx", "year": 2021, "measure_id": "B", "method": "efficiency_raise",
         "generated_t": 100, "eta": 120, "eta_prev": 50},
        # row 4: month 13
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "C", "method": "management",
         "annual_reduction_t": 10, "stable_year": 2021, "stable_month": 13},
        # row 5: reported without a kind
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "D", "method": "reported",
         "reduction_t": 5},
        # row 6: a closure with a volume it does not use (a warning: never silently left out)
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "E", "method": "closure",
         "prev_emissions_t": 10, "volume_m3": 5},
        # row 7: an unknown method
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "F", "method": "magic"},
    ]
    got = _codes(write(tmp_path / "bad.csv", "pollutant_measures", rows), "pollutant_measures")
    assert ("E_POLLUTANT_VALUE_INVALID", 2, M.column("c_out_mg_l").header) in got
    assert ("E_POLLUTANT_VALUE_INVALID", 3, M.column("eta").header) in got
    assert ("E_POLLUTANT_VALUE_INVALID", 4, M.column("stable_month").header) in got
    assert ("E_UNKNOWN_NAME", 5, M.column("kind").header) in got
    assert ("W_POLLUTANT_INPUT_UNUSED", 6, M.column("volume_m3").header) in got
    assert ("E_VALUE_INVALID", 7, M.column("method").header) in got
    # every finding is in both languages and names its file
    r = svc.check_pollutant_file(tmp_path / "bad.csv")
    assert all(f.message_zh and f.message_en and f.location and f.location.file == "bad.csv" for f in r.findings)


def test_an_implausible_stable_year_is_refused_at_the_template_check(tmp_path: Path) -> None:
    # accounting year 2021: 20230 and −5 are not 4-digit years 1949–2100 (the cell check); 2030 is one, but after
    # the accounting year (the core's check, at the file's row and header): it would count 0 months of 2021
    base = {"region_code": "350100", "pollutant": "COD", "year": 2021, "method": "management",
            "annual_reduction_t": 60, "stable_month": 7}
    rows = [base | {"measure_id": "A", "stable_year": 20230}, base | {"measure_id": "B", "stable_year": -5},
            base | {"measure_id": "C", "stable_year": 2030}, base | {"measure_id": "D", "stable_year": 2021}]
    path = write(tmp_path / "years.csv", "pollutant_measures", rows)
    h = M.column("stable_year").header
    got = _codes(path, "pollutant_measures")
    assert ("E_VALUE_INVALID", 2, h) in got and ("E_VALUE_INVALID", 3, h) in got
    assert ("E_POLLUTANT_VALUE_INVALID", 4, h) in got
    assert not [g for g in got if g[1] == 5]  # 2021 is accepted
    r = svc.check_pollutant_file(path, template="pollutant_measures")
    (late,) = [f for f in r.findings if f.code == "E_POLLUTANT_VALUE_INVALID"]
    assert "350100 COD 2021 C" in late.message_en and "is 2030" in late.message_en
    assert "from 1949 to the accounting year 2021" in late.message_en
    assert "1949 年至核算年份 2021" in late.message_zh


def test_bad_targets_file(tmp_path: Path) -> None:
    t = TEMPLATES["pollutant_targets"]
    rows = [{"region_code": "350000", "pollutant": "COD", "base_year": 2020, "target_year": 2025, "source": "x"},
            {"region_code": "350000", "pollutant": "NOx", "base_year": 2025, "target_year": 2020,
             "target_reduction": 10, "source": "x"}]
    got = _codes(write(tmp_path / "t.csv", "pollutant_targets", rows), "pollutant_targets")
    assert ("E_POLLUTANT_TARGET_EMPTY", 2, t.column("target_reduction").header) in got
    assert ("E_VALUE_INVALID", 3, t.column("target_year").header) in got


def test_a_province_above_the_national_total_is_a_unit_slip(tmp_path: Path) -> None:
    # 福建 COD 2 564 800 t? The nation's 2020 COD is 2 564.8 万吨 = 25 648 000 t; 30 000 000 t is above it
    rows = [{"region_code": "350000", "pollutant": "COD", "year": 2020, "emissions": 30_000_000}]
    p = write(tmp_path / "e.csv", "pollutant_emissions", rows)
    got = _codes(p, "pollutant_emissions")
    assert got == [("E_POLLUTANT_IMPLAUSIBLE", 2, E.column("emissions").header)]
    ok = svc.check_pollutant_file(p, accept_implausible=True)
    assert ok.ok and [f.code for f in ok.findings] == ["W_POLLUTANT_IMPLAUSIBLE"]


def test_a_tenfold_jump_against_the_store_is_a_unit_slip(tmp_path: Path) -> None:
    store = Store.memory()
    svc.load_pollutant_file(store, write(tmp_path / "a.csv", "pollutant_emissions", emission_rows()))
    # 2021 COD written in 万吨 under the 吨 header: 5.07 against 50 000 t in 2020 → ratio 1.014e-4 < 0.1
    p = write(tmp_path / "b.csv", "pollutant_emissions",
              [{"region_code": "350100", "pollutant": "COD", "year": 2021, "emissions": 5.07},
               {"region_code": "350100", "pollutant": "NOx", "year": 2021, "emissions": 7_600}])  # fine: 0.95
    got = _codes(p, "pollutant_emissions", store)
    assert got == [("E_POLLUTANT_IMPLAUSIBLE", 2, E.column("emissions").header)]
    # without the store there is nothing to compare with: no finding
    assert _codes(p, "pollutant_emissions") == []


def test_check_and_load_report_the_same_findings(tmp_path: Path) -> None:
    store = Store.memory()
    rows = measure_rows()
    rows[0] = {**rows[0], "kind": "engineering"}  # unused by sewage_plant: a warning, loads
    p = write(tmp_path / "m.csv", "pollutant_measures", rows)
    svc.load_pollutant_file(store, write(tmp_path / "e.csv", "pollutant_emissions", emission_rows()))
    checked = svc.check_pollutant_file(p, store=store)
    loaded = svc.load_pollutant_file(store, p)
    assert [f.model_dump() for f in checked.findings] == [
        f.model_dump() for f in loaded.findings if f.code not in ("I_ROWS_UNCHANGED", "I_REVISION_APPLIED")]
    assert [f.code for f in checked.findings] == ["W_POLLUTANT_INPUT_UNUSED"]
    bad = write(tmp_path / "bad.csv", "pollutant_emissions",
                [{"region_code": "350100", "pollutant": "COD", "year": 2021, "emissions": 5.07}])
    checked_bad = svc.check_pollutant_file(bad, store=store)
    with pytest.raises(FindingsError) as e:
        svc.load_pollutant_file(store, bad)
    assert [f.model_dump() for f in e.value.findings] == [f.model_dump() for f in checked_bad.findings]
    assert store.current("pollutant_emissions").height == 2  # nothing loaded


def test_a_revision_shows_a_preview_and_needs_confirmation(tmp_path: Path) -> None:
    store = Store.memory()
    svc.load_pollutant_file(store, write(tmp_path / "a.csv", "pollutant_emissions", emission_rows()))
    rows = emission_rows()
    rows[0]["emissions"] = 51_000  # COD 2020: 50 000 → 51 000
    p = write(tmp_path / "b.csv", "pollutant_emissions", rows)
    with pytest.raises(FindingsError) as e:
        svc.load_pollutant_file(store, p)
    (f,) = e.value.findings
    assert f.code == "E_REVISION_UNCONFIRMED"
    assert f.evidence["changes"] == [{"file": "b.csv", "key": {"region_code": "350100", "pollutant": "COD",
                                                              "year": 2020},
                                      "column": "emissions", "old": 50_000.0, "new": 51_000.0, "unit": "t"}]
    assert store.current("pollutant_emissions", pollutant="COD")["emissions"].to_list() == [50_000.0]
    out = svc.load_pollutant_file(store, p, revise=True, who="bob", why="revised statistics")
    assert [r.revised_keys for r in out.receipts] == [1]
    assert store.current("pollutant_emissions", pollutant="COD")["emissions"].to_list() == [51_000.0]
    hist = store.history("pollutant_emissions", {"region_code": "350100", "pollutant": "COD", "year": 2020})
    assert hist["emissions"].to_list() == [50_000.0, 51_000.0]


def test_a_file_of_another_template_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("地区代码,地区名称,级别\n350100,福州市,city\n", encoding="utf-8")
    with pytest.raises(FindingsError) as e:
        svc.check_pollutant_file(p)
    assert e.value.findings[0].code == "E_UNKNOWN_NAME"


def test_new_emissions_from_the_urban_population(tmp_path: Path) -> None:
    store = Store.memory()
    svc.load_pollutant_file(store, write(tmp_path / "e.csv", "pollutant_emissions", emission_rows()))
    rows = [  # the hand case's residents: 2 500 000 → 2 560 000 → 2 600 000 at 70 g COD per person and day
        {"region_code": "350100", "pollutant": "COD", "year": 2021, "urban_population": 2_560_000,
         "urban_population_prev": 2_500_000, "per_capita_g_d": 70},
        {"region_code": "350100", "pollutant": "COD", "year": 2022, "new_emissions": 1_000,
         "urban_population": 2_600_000, "urban_population_prev": 2_560_000, "per_capita_g_d": 70},
        {"region_code": "350100", "pollutant": "NOx", "year": 2021, "urban_population": 1},  # row 4: incomplete
    ]
    p = write(tmp_path / "i.csv", "pollutant_increments", rows)
    inc = TEMPLATES["pollutant_increments"]
    got = _codes(p, "pollutant_increments", store)
    # 2022: given 1 000 t beside (2 600 000 − 2 560 000) × 70 × 365 × 10⁻⁶ = 1 022 t computed: a warning
    assert ("W_POLLUTANT_INCREMENT_BOTH", 3, inc.column("new_emissions").header) in got
    assert ("E_POLLUTANT_INCREMENT_MISSING", 4, inc.column("new_emissions").header) in got
    svc.load_pollutant_file(store, write(tmp_path / "ok.csv", "pollutant_increments", rows[:2]))
    t = svc.increment_table(store).sort("year")
    # 2021: (2 560 000 − 2 500 000) × 70 × 365 × 10⁻⁶ = 1 533 t, from the population; 2022: the given 1 000 t
    assert t["new_emissions"].to_list() == pytest.approx([1_533.0, 1_000.0])
    assert t["new_emissions_basis"].to_list() == ["population", "given"]
    led = svc.pollutant_ledger(store).ledger.filter(pl.col("pollutant") == "COD").sort("year")
    assert led["new_emissions"].to_list() == pytest.approx([1_533.0, 1_000.0])


def test_an_efficiency_written_as_a_fraction_is_questioned(tmp_path: Path) -> None:
    rows = [{"region_code": "350100", "pollutant": "NOx", "year": 2021, "measure_id": "SCR", "method": "效率提升",
             "generated_t": 1000, "eta": 0.8, "eta_prev": 50}]
    got = _codes(write(tmp_path / "m.csv", "pollutant_measures", rows),
                                 template="pollutant_measures")
    # 0.8 in a % column is 0.8 % — likely meant 80 %: a warning at the cell (the value is not changed)
    assert got == [("W_PERCENT_LOOKS_FRACTION", 2, M.column("eta").header)]


def test_a_filled_xlsx_reads_like_the_csv(handcase_files: dict[str, Path], tmp_path: Path) -> None:
    import xlsxwriter

    csv_read = read_table(handcase_files["pollutant_measures"], "pollutant_measures").frame
    assert csv_read is not None
    text = handcase_files["pollutant_measures"].read_text(encoding="utf-8").splitlines()
    book = xlsxwriter.Workbook(str(tmp_path / "m.xlsx"))
    sheet = book.add_worksheet("数据")
    for i, line in enumerate(text):
        for j, cell in enumerate(line.split(",")):
            if cell == "":
                continue
            try:
                sheet.write_number(i, j, float(cell)) if i else sheet.write_string(i, j, cell)
            except ValueError:
                sheet.write_string(i, j, cell)
    book.close()
    xlsx_read = read_table(tmp_path / "m.xlsx", None)
    assert xlsx_read.template == "pollutant_measures" and xlsx_read.frame is not None
    assert xlsx_read.frame.equals(csv_read)


def test_a_measure_cutting_more_than_the_base_is_a_unit_slip(tmp_path: Path) -> None:
    store = Store.memory()
    svc.load_pollutant_file(store, write(tmp_path / "e.csv", "pollutant_emissions", emission_rows()))
    # the sewage plant's volume written in 万立方米 under a 立方米 header would be tiny; here the other way round:
    # 7.3·10¹⁰ m³ × 240 mg/L × 10⁻⁶ = 17 520 000 t removed, less 1 259.25 — far above COD's 50 000 t base
    rows = [{"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "WWTP-1",
             "method": "sewage_plant", "volume_m3": 7.3e10, "c_in_mg_l": 280, "c_out_mg_l": 40,
             "removed_prev_t": 1259.25},
            {"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "mill", "method": "closure",
             "prev_emissions_t": 350.5}]
    p = write(tmp_path / "m.csv", "pollutant_measures", rows)
    got = _codes(p, "pollutant_measures", store)
    assert got == [("E_POLLUTANT_MEASURE_IMPLAUSIBLE", 2, M.column("measure_id").header)]
    with pytest.raises(FindingsError):
        svc.load_pollutant_file(store, p)
    assert store.current("pollutant_measures").is_empty()
    out = svc.load_pollutant_file(store, p, accept_implausible=True)
    assert [f.code for f in out.findings if f.level == "warning"] == ["W_POLLUTANT_MEASURE_IMPLAUSIBLE"]


def test_a_jump_within_the_file_and_a_zero_neighbour(tmp_path: Path) -> None:
    rows = [{"region_code": "350100", "pollutant": "NOx", "year": 2020, "emissions": 8_000},
            {"region_code": "350100", "pollutant": "NOx", "year": 2021, "emissions": 80_001},  # 10.0001× 2020
            {"region_code": "350100", "pollutant": "VOCs", "year": 2020, "emissions": 0},
            {"region_code": "350100", "pollutant": "VOCs", "year": 2021, "emissions": 500}]  # after 0: no ratio
    got = _codes(write(tmp_path / "e.csv", "pollutant_emissions", rows), "pollutant_emissions")
    # 80 001 / 8 000 = 10.0001 > 10 flags 2021; seen from 2021, 8 000 / 80 001 = 0.099999 < 0.1 flags 2020 too
    assert got == [("E_POLLUTANT_IMPLAUSIBLE", 2, E.column("emissions").header),
                   ("E_POLLUTANT_IMPLAUSIBLE", 3, E.column("emissions").header)]
    rows[1]["emissions"] = 80_000  # exactly 10×: not above the factor
    assert _codes(write(tmp_path / "f.csv", "pollutant_emissions", rows), "pollutant_emissions") == []


def test_an_unused_input_names_the_method_in_each_language(tmp_path: Path) -> None:
    # row 2: a closure (关停淘汰 / closure) with a volume of 5 m³ it does not use: the warning names the measure, the
    # method in the message's own language, the column's header and the value as read (a float: 5.0)
    rows = [{"region_code": "350100", "pollutant": "COD", "year": 2021, "measure_id": "E", "method": "closure",
             "prev_emissions_t": 10, "volume_m3": 5}]
    r = svc.check_pollutant_file(write(tmp_path / "m.csv", "pollutant_measures", rows),
                                 template="pollutant_measures")
    (f,) = [f for f in r.findings if f.code == "W_POLLUTANT_INPUT_UNUSED"]
    header = M.column("volume_m3").header
    assert f.message_zh == f"措施 E 的核算方法为 关停淘汰，不使用“{header}”（值 5.0），该值不参加计算"
    assert f.message_en == (f"measure E is accounted by closure, which does not use '{header}' (value 5.0); the value "
                            "takes no part")
    assert f.location is not None and (f.location.file, f.location.row, f.location.column) == ("m.csv", 2, header)
