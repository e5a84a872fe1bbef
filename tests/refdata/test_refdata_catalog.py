"""The catalog: every table loads and validates; editions, confidence filter, errors."""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.findings import FindingsError
from ecer.refdata.manifest import Manifest
from ecer.refdata.validate import validate
from ecer.units import parse_unit

ALL = [(t, e) for t in refdata.table_names() for e in refdata.editions(t)]

EXPECTED_TABLES = {
    "targets_gf2021_33", "coal_coefficients", "electricity_conversion", "grid_co2_factors", "benchmark_levels",
    "benchmark_fields", "dual_control_rules", "regions", "provincial_2020_bulletin", "pollutant_targets_national",
    "retrofit_capacity_shares_2022", "retrofit_technologies_2022", "region_code_changes", "benchmark_level_gaps",
    "pollutant_key_project_reductions_14th", "pollutant_emissions_national",
}


def test_catalog_has_the_required_tables() -> None:
    assert EXPECTED_TABLES <= set(refdata.table_names())
    infos = {t.name: t for t in refdata.list_tables()}
    assert infos["benchmark_levels"].editions == ["2021", "2023"]
    assert infos["dual_control_rules"].editions == ["2016", "2021", "2021-09", "2022", "2024"]
    assert infos["targets_gf2021_33"].rows == 40


@pytest.mark.parametrize(("name", "edition"), ALL)
def test_every_edition_loads_with_sources(name: str, edition: str) -> None:
    t = refdata.load(name, edition)
    df = t.data
    # an edition may ship no rows only when its manifest lists what is missing (benchmark_levels 2023)
    assert df.height > 0 or (t.manifest.gaps and "benchmark_level_gaps" in t.manifest.source)
    for col in ("doc_no", "clause", "source", "confidence"):
        assert df[col].null_count() == 0, f"{name}/{edition}: empty {col}"
        assert (df[col].str.strip_chars() != "").all()
    assert set(df["confidence"].unique()) <= {"high", "medium", "low"}
    assert t.manifest.name == name and t.manifest.edition == edition
    assert t.manifest.title_zh and t.manifest.title_en and t.manifest.doc_no


@pytest.mark.parametrize(("name", "edition"), ALL)
def test_every_unit_parses(name: str, edition: str) -> None:
    t = refdata.load(name, edition)
    labels = set(t.data["unit"].drop_nulls()) if "unit" in t.data.columns else set()
    labels |= {c.unit for c in t.manifest.columns if c.unit and not c.unit.startswith("@")}
    for label in labels:
        parse_unit(label)  # raises ValueError when unknown


def test_numbers_are_numeric_after_load() -> None:
    df = refdata.load("benchmark_levels", "2021").data
    assert df.schema["benchmark_value"] == pl.Float64 and df.schema["baseline_value"] == pl.Float64
    assert refdata.load("targets_gf2021_33").data.schema["target_year"] == pl.Int64


def test_newest_edition_by_default() -> None:
    assert refdata.load("benchmark_levels").edition == "2023"
    assert refdata.load("benchmark_levels", "2021").edition == "2021"
    assert refdata.load("dual_control_rules").edition == "2024"


def test_min_confidence_filters_rows() -> None:
    everything = refdata.load("benchmark_fields")
    assert everything.data.height == 36
    assert refdata.load("benchmark_fields", min_confidence="high").data.height == 26
    assert refdata.load("benchmark_fields", min_confidence="medium").data.height == 36
    cc = refdata.load("coal_coefficients")
    high = refdata.load("coal_coefficients", min_confidence="high").data
    assert set(high["confidence"]) == {"high"} and 0 < high.height < cc.data.height
    assert [f.code for f in everything.findings] == ["W_REFDATA_UNVERIFIED"]


def test_2023_benchmarks_never_copy_2021_values_silently() -> None:
    # No official wording of a 2023 value was found: the edition ships no rows and lists every field as a gap.
    assert refdata.load("benchmark_levels", "2023").data.height == 0
    gaps = " ".join(refdata.load("benchmark_levels", "2023").manifest.gaps)
    assert "11" in gaps and "never copied" in gaps


def test_unknown_table_is_a_bilingual_error() -> None:
    with pytest.raises(FindingsError) as exc:
        refdata.load("no_such_table")
    f = exc.value.findings[0]
    assert f.code == "E_UNKNOWN_NAME"
    assert "targets_gf2021_33" in f.message_zh and "targets_gf2021_33" in f.message_en
    assert "未知" in f.message_zh and "unknown" in f.message_en


def test_unknown_edition_lists_the_valid_ones() -> None:
    with pytest.raises(FindingsError) as exc:
        refdata.load("benchmark_levels", "1999")
    f = exc.value.findings[0]
    assert f.code == "E_UNKNOWN_NAME" and "2021, 2023" in f.message_en


def test_unknown_confidence_level() -> None:
    with pytest.raises(FindingsError) as exc:
        refdata.load("regions", min_confidence="certain")
    assert "high, medium, low" in exc.value.findings[0].message_en


MANIFEST = Manifest.model_validate({
    "name": "demo", "title_zh": "演示", "title_en": "demo", "edition": "1", "doc_no": "d",
    "columns": [{"name": "value", "type": "float", "unit": "@unit", "required": True},
                {"name": "unit", "type": "str"},
                {"name": "kind", "type": "str", "allowed": ["a", "b"]}]})


def _frame(**over: list[str | None]) -> pl.DataFrame:
    base: dict[str, list[str | None]] = {"value": ["1.5"], "unit": ["kgce/t"], "kind": ["a"], "doc_no": ["d"],
                                         "clause": ["c"], "source": ["s"], "confidence": ["high"]}
    base.update(over)
    return pl.DataFrame(base, schema={k: pl.Utf8 for k in base})


def test_validation_accepts_a_good_row() -> None:
    assert validate(_frame(), MANIFEST, "demo.csv") == []


@pytest.mark.parametrize(("over", "code", "column"), [
    ({"source": [None]}, "E_REQUIRED", "source"),
    ({"doc_no": [None]}, "E_REQUIRED", "doc_no"),
    ({"value": ["abc"]}, "E_NOT_NUMBER", "value"),
    ({"unit": ["吨香蕉"]}, "E_VALUE_INVALID", "unit"),
    ({"confidence": ["sure"]}, "E_VALUE_INVALID", "confidence"),
    ({"kind": ["z"]}, "E_VALUE_INVALID", "kind"),
])
def test_validation_names_file_row_and_column(over: dict[str, list[str | None]], code: str, column: str) -> None:
    findings = validate(_frame(**over), MANIFEST, "demo.csv")
    assert [(f.code, f.location.column, f.location.row, f.location.file) for f in findings if f.location] == [
        (code, column, 2, "demo.csv")]


def test_validation_reports_a_missing_column() -> None:
    findings = validate(_frame().drop("clause"), MANIFEST, "demo.csv")
    assert [(f.code, f.evidence["column"]) for f in findings] == [("E_HEADER_MISSING", "clause")]
