"""coal_coefficients 2026: heat, natural gas by kind, and the standard (and edition) named on every row.

Values worked out independently: 1 MJ ÷ 29.307 MJ/kgce = 0.034122 kgce/MJ (heat, 当量值), which the Fujian 2020
用能权 allocation prints as «34.12 — 热力折标系数，单位：吨标准煤/太焦»; GB/T 2589-2008 gives 油田天然气 9310 kcal/m³
(38931 kJ/m³ with its 4.1816 kJ/kcal) and 气田天然气 8500 kcal/m³ against 7000 kcal/kgce, i.e. 1.3300 and 1.2143 kgce/m³.
"""

from __future__ import annotations

import polars as pl
import pytest

from ecer import refdata
from ecer.units import Q_

ATTRIBUTIONS = {"GB/T 2589-2008", "GB/T 2589-2020", "GB/T 2589 (edition not named)", "other standard"}


def _table() -> pl.DataFrame:
    return refdata.load("coal_coefficients", "2026").data


def _row(energy: str) -> dict[str, object]:
    return _table().filter(pl.col("energy") == energy).row(0, named=True)


def test_2026_is_the_default_and_the_old_edition_is_untouched() -> None:
    assert refdata.editions("coal_coefficients") == ["gb2589", "2026"]
    assert refdata.load("coal_coefficients").edition == "2026"
    old = refdata.load("coal_coefficients", "gb2589").data
    gas = old.filter(pl.col("energy") == "天然气").row(0, named=True)
    assert (gas["value"], gas["unit"]) == (1.2143, "kgce/m3")  # never edited
    assert old.filter(pl.col("energy") == "热力")["value"].item() == 0.0341


def test_heat() -> None:
    heat = _row("热力")
    assert (heat["value"], heat["unit"], heat["unit_physical"]) == (0.03412, "kgce/MJ", "MJ")
    assert round(1 / 29.307, 5) == heat["value"]  # 1 MJ over the 29.307 MJ in a kgce
    # 0.03412 kgce/MJ = 34.12 kgce/GJ = 34.12 tce/TJ, as the Fujian text prints it
    assert float(Q_(heat["value"], "kgce/MJ").to("tce/TJ").magnitude) == pytest.approx(34.12)
    assert float(Q_(heat["value"], "kgce/MJ").to("kgce/GJ").magnitude) == pytest.approx(34.12)
    assert "34.12" in str(heat["source"]) and heat["confidence"] == "high"


def test_natural_gas_by_kind() -> None:
    assert _table().filter(pl.col("energy") == "天然气").height == 0  # the generic name is not a carrier
    kinds = _table().filter(pl.col("group") == "天然气")
    assert dict(zip(kinds["energy"], kinds["value"], strict=True)) == {"油田天然气": 1.3300, "气田天然气": 1.2143}
    assert set(kinds["unit"]) == {"kgce/m3"} and set(kinds["attribution"]) == {"GB/T 2589-2008"}
    assert round(9310 / 7000, 4) == 1.3300 and round(8500 / 7000, 4) == 1.2143
    assert round(38931 / (7000 * 4.1816), 4) == 1.3300
    oil, gas = _row("油田天然气"), _row("气田天然气")
    assert "38931" in str(oil["ncv_reference"]) and "GB/T 2589-2008" in str(oil["source"])
    assert "GB/T2589—2008" in str(gas["source"])  # the code page that names the edition for 1.2143


def test_every_row_names_its_standard_and_edition() -> None:
    df = _table()
    assert df["attribution"].null_count() == 0 and set(df["attribution"]) <= ATTRIBUTIONS
    for row in df.iter_rows(named=True):
        if row["attribution"] == "other standard":
            assert not row["doc_no"].startswith("GB/T 2589"), row
        else:
            assert row["doc_no"].startswith("GB/T 2589"), row
            edition = row["attribution"].removeprefix("GB/T 2589").strip()
            if edition.startswith("-"):
                assert row["doc_no"].startswith(row["attribution"]), row  # 2008 named in both columns
            else:
                assert "not named" in row["doc_no"], row


def test_no_legacy_electricity_row() -> None:
    # the yearly 等价值 lives in electricity_conversion; only the calorific value stays here
    elec = _table().filter(pl.col("energy").str.starts_with("电力"))
    assert elec["energy"].to_list() == ["电力 (当量值)"] and elec["value"].item() == 0.1229
