"""The hand-worked pollutant case (tests/pollutant_handcase.py, worked in its docstring) through the core."""

from __future__ import annotations

import polars as pl
import pytest

from ecer.core.pollutants import (
    account,
    decompose,
    measure_reductions,
    percentage_progress,
    quantity_progress,
)
from ecer.core.pollutants import accounting as ac
from ecer.core.pollutants.targets import key_project_assignments, national_targets
from tests import pollutant_handcase as hc


def _increments() -> pl.DataFrame:
    years = [2021, 2022]
    return pl.DataFrame(
        {"region_code": [hc.REGION] * 2, "pollutant": ["COD"] * 2, "year": years}
    ).with_columns(
        new_emissions=pl.Series(
            [
                ac.domestic_increment(
                    hc.POPULATION[y], hc.COD_PER_CAPITA, hc.POPULATION[y - 1], hc.COD_PER_CAPITA
                )
                for y in years
            ]
        )
    )


def _ledger() -> pl.DataFrame:
    led, findings = account(hc.BASE, measure_reductions(hc.MEASURES), _increments())
    assert findings == []
    return led


def test_measures() -> None:
    out = measure_reductions(hc.MEASURES)
    got = {(r["measure_id"], r["year"]): (r["kind"], r["reduction"]) for r in out.iter_rows(named=True)}
    assert got.keys() == hc.EXPECTED_REDUCTIONS.keys()
    for k, (kind, t) in hc.EXPECTED_REDUCTIONS.items():
        assert got[k][0] == kind and got[k][1] == pytest.approx(t, abs=1e-9), k


def test_new_emissions() -> None:
    assert dict(_increments().select("year", "new_emissions").iter_rows()) == pytest.approx(hc.EXPECTED_NEW)


def test_ledger() -> None:
    got = {
        (r["pollutant"], r["year"]): (r["reduction_total"], r["emissions"])
        for r in _ledger().iter_rows(named=True)
    }
    assert got.keys() == hc.EXPECTED_LEDGER.keys()
    for k, v in hc.EXPECTED_LEDGER.items():
        assert got[k] == pytest.approx(v, abs=1e-6), k


def test_progress_against_the_national_targets() -> None:
    out, findings = percentage_progress(_ledger(), national_targets())
    assert findings == []
    got = {(r["pollutant"], r["year"]): r for r in out.iter_rows(named=True)}
    assert got.keys() == hc.EXPECTED_PERCENT.keys()
    for k, (change, cum, ratio, grade) in hc.EXPECTED_PERCENT.items():
        r = got[k]
        assert r["change_yoy"] == pytest.approx(change, abs=1e-7), k
        assert r["reduction_cumulative"] == pytest.approx(cum, abs=1e-7), k
        if ratio is not None:
            assert r["progress_ratio"] == pytest.approx(ratio, abs=1e-6), k
        assert r["grade"] == grade, k


def test_progress_against_the_quota() -> None:
    out, findings = quantity_progress(_ledger(), hc.QUOTA)
    assert findings == []
    got = {(r["pollutant"], r["year"]): r for r in out.iter_rows(named=True)}
    for k, (achieved, ratio, grade) in hc.EXPECTED_QUANTITY.items():
        assert got[k]["achieved_cumulative"] == pytest.approx(achieved, abs=1e-6), k
        assert got[k]["progress_ratio"] == pytest.approx(ratio, abs=1e-6), k
        assert got[k]["grade"] == grade, k


def test_decomposition_of_fujians_task() -> None:
    task = key_project_assignments().filter(
        (pl.col("region_code") == "350000") & (pl.col("pollutant") == "COD")
    )
    assert task["assigned"].item() == hc.FUJIAN_COD_TASK
    for method, expected in hc.EXPECTED_DECOMPOSITION.items():
        out, _ = decompose(hc.CITIES, hc.FUJIAN_COD_TASK, method, gap_factor=0.5)
        assert out["task"].to_list() == pytest.approx(expected, abs=1e-9), method
