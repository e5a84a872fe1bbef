"""The reference tables' validation checks each distinct value once (``_clean``) and goes cell by cell only for a
table with a finding: both ways must agree on every shipped table and on every kind of bad cell."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.refdata import catalog, validate
from ecer.refdata.manifest import Manifest, parse_manifest

MANIFEST = Manifest.model_validate({
    "name": "t", "title_zh": "表", "title_en": "t", "edition": "1", "doc_no": "d",
    "columns": [{"name": "value", "type": "float", "unit": "@unit"}, {"name": "unit", "type": "str"},
                {"name": "n", "type": "int"}, {"name": "flag", "type": "bool"},
                {"name": "kind", "type": "str", "allowed": ["a", "b"]},
                {"name": "code", "type": "str", "pattern": r"\d{6}"}]})
GOOD = {"value": ["1.5", "2"], "unit": ["kgce/t", "kgce/t"], "n": ["3", "4"], "flag": ["true", "no"],
        "kind": ["a", "b"], "code": ["110000", "120000"], "doc_no": ["d", "d"], "clause": ["c", "c"],
        "source": ["s", "s"], "confidence": ["high", "medium"]}


def slow(df: pl.DataFrame, m: Manifest, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as mp:
        mp.setattr(validate, "_clean", lambda *_: False)
        return [f"{f.code} {f.location.row} {f.location.column}" for f in validate.validate(df, m, "t.csv")]


def both(df: pl.DataFrame, monkeypatch: pytest.MonkeyPatch, m: Manifest = MANIFEST) -> list[str]:
    fast = [f"{f.code} {f.location.row} {f.location.column}" for f in validate.validate(df, m, "t.csv")]
    assert fast == slow(df, m, monkeypatch)
    return fast


def test_a_good_table_has_no_findings_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    assert both(pl.DataFrame(GOOD), monkeypatch) == []


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("value", "x", ["E_NOT_NUMBER 3 value"]),
    ("value", None, []),                              # an optional number may be empty
    ("n", "4.5", ["E_NOT_NUMBER 3 n"]),               # an int column with a fraction
    ("flag", "maybe", ["E_VALUE_INVALID 3 flag"]),
    ("kind", "c", ["E_VALUE_INVALID 3 kind"]),
    ("code", "11000x", ["E_VALUE_INVALID 3 code"]),
    ("source", None, ["E_REQUIRED 3 source"]),        # a standard column is required
    ("confidence", "sure", ["E_VALUE_INVALID 3 confidence"]),
    ("unit", None, ["E_VALUE_INVALID 3 value"]),      # a number without its row's unit
    ("unit", "furlongs", []),                         # pint's own units are units
    ("unit", "xyzzy", ["E_VALUE_INVALID 3 unit"]),    # a unit that does not parse
])
def test_every_kind_of_bad_cell_is_found_on_its_row(column: str, value: str | None, expected: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    df = pl.DataFrame(GOOD).with_row_index("_i").with_columns(
        pl.when(pl.col("_i") == 1).then(pl.lit(value, pl.String)).otherwise(pl.col(column)).alias(column)).drop("_i")
    assert both(df, monkeypatch) == expected
    assert validate._clean(df, validate._specs(MANIFEST)) is (expected == [])


@pytest.mark.parametrize("name", catalog.table_names())
def test_every_shipped_table_is_clean_both_ways(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for edition in catalog.editions(name):
        folder = catalog.edition_folder(name, edition)
        m = parse_manifest(folder.joinpath("manifest.toml").read_text(encoding="utf-8"))
        text = catalog._read(folder, m)
        assert both(text, monkeypatch, m) == []
