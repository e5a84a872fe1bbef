"""The demo's pollutant data: the real 2020 national totals as the base, split exactly, everything else labelled
synthetic, every method present, and the files load and account without an error."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.core.pollutants.targets import national_base_emissions
from ecer.services import demo_pollutants as dp
from ecer.services.pollutants import pollutant_progress
from ecer.storage import Store


def test_the_split_adds_up_to_the_real_national_totals() -> None:
    base = dp.provincial_base()
    sums = {r["pollutant"]: r["emissions"] for r in base.group_by("pollutant").agg(pl.col("emissions").sum())
            .iter_rows(named=True)}
    # 2 564.8 万吨 COD = 25 648 000 t; 98.4 万吨 NH3-N = 984 000 t; 1 019.7 万吨 NOx; 610.2 万吨 VOCs
    assert sums["COD"] == pytest.approx(25_648_000, abs=0.01)
    assert sums["NH3-N"] == pytest.approx(984_000, abs=0.01)
    assert sums["NOx"] == pytest.approx(10_197_000, abs=0.01)
    assert sums["VOCs"] == pytest.approx(6_102_000, abs=0.01)
    nat = national_base_emissions()
    assert nat.filter(pl.col("pollutant") == "COD")["emissions"].to_list() == [25_648_000.0]
    assert base["region_code"].n_unique() == 31


def test_every_row_is_labelled_synthetic_and_every_method_is_there() -> None:
    d = dp.generate()
    for frame in d.values():
        assert set(frame["data_origin"]) == {"synthetic"}
        assert frame["notes"].str.starts_with("SYNTHETIC").all()
    assert set(d["pollutant_measures"]["method"]) == {"sewage_plant", "efficiency_raise", "closure", "management",
                                                     "reported"}


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = dp.write(tmp_path / "a")
    b = dp.write(tmp_path / "b")
    assert all(a[k].read_bytes() == b[k].read_bytes() for k in a)


def test_the_demo_files_load_and_give_progress(tmp_path: Path) -> None:
    store = Store.memory()
    dp.load_demo_pollutants(store, tmp_path)
    assert store.current("pollutant_emissions").height == 124
    pr = pollutant_progress(store, as_of_year=2023)
    assert pr.errors == []
    assert pr.summary.height == 124
    assert set(pr.summary["percent_grade"].drop_nulls()) == {1, 2, 3}  # the demo shows every grade
    # 福建's catalog quantity (6.86 万吨 COD) is what its progress is measured against
    fj = pr.summary.filter((pl.col("region_code") == "350000") & (pl.col("pollutant") == "COD")).row(0, named=True)
    assert fj["assigned"] == 68_600.0
