"""The synthetic unit population: loads clean through the templates, and its true classes are recovered from
``performance_frame`` by the plain level comparison (lower is better for every shipped row)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.refdata import load
from ecer.services.benchmark_data import performance_frame
from ecer.services.demo_units import CLASSES, generate, params, write_bundle
from ecer.services.loading import load_files
from ecer.storage import Store


def _classify(e: float, bench: float, base: float) -> str:
    # benchmark ≤ e ≤ baseline is "between"; better than (or at) the benchmark, or worse than the baseline
    if e <= bench:
        return "benchmark"
    return "below_baseline" if e > base else "between"


def test_population_loads_and_its_classes_are_recovered(tmp_path: Path) -> None:
    paths = write_bundle(tmp_path, generate(units=240, seed=7))
    with Store.memory() as store:
        out = load_files(
            store,
            "unit_performance",
            [paths["unit_performance"]],
            with_files=[
                ("enterprises", paths["enterprises"]),
                ("production_units", paths["production_units"]),
            ],
        )
        assert not [f for f in out.findings if f.level != "info"]  # no warning: every value on its basis
        frame = performance_frame(store, edition=params()["edition"])
    assert frame.height == 240 * len(params()["years"])
    levels = load("benchmark_levels", params()["edition"]).frame.select(
        "field", pl.col("sub_category").fill_null("通用"), "benchmark_value", "baseline_value"
    )
    got = frame.join(levels, on=["field", "sub_category"], how="left")
    assert got["benchmark_value"].null_count() == 0
    got = got.with_columns(
        pl.struct("unit_energy", "benchmark_value", "baseline_value")
        .map_elements(
            lambda r: _classify(r["unit_energy"], r["benchmark_value"], r["baseline_value"]),
            return_dtype=pl.String,
        )
        .alias("cls")
    )
    truth = pl.read_csv(paths["truth"])
    both = got.join(truth, on=["unit_id", "year"], how="inner")
    assert both.height == frame.height
    assert (both["cls"] == both["true_class"]).all()
    # values from carriers come back within float error of the generator's value
    carried = both.filter(pl.col("from_carriers"))
    assert carried.height > 0
    assert ((carried["unit_energy"] - carried["unit_energy_right"]).abs() < 1e-6).all()


def test_class_shares_follow_the_parameters() -> None:
    pop = generate()
    p = params()
    first = pop.truth.filter(pl.col("year") == p["years"][0])
    assert first.height == p["units"]
    for cls in CLASSES:
        share = first.filter(pl.col("true_class") == cls).height / first.height
        # n = 3 000: a binomial share's standard error is at most 0.009; 0.04 is > 4 of them
        assert share == pytest.approx(p["class_shares"][cls], abs=0.04)
    assert generate(units=50).truth.equals(generate(units=50).truth)  # same seed, same population
