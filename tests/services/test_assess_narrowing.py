"""A region or period query reads only the energy rows its answer depends on (``dual_control.energy_scope``), and
answers exactly what the whole computation answers for it.

The demo store, plus a few rows that make findings: 北京 2022 given directly at 5 % above the sum of its months
(W_PERIOD_SUM_DIFFERS), 石家庄 2023-05 above 河北's (W_IMPLAUSIBLE_VALUE above_parent and a jump) and 长安区
(130102, a county the demo lacks) with 2022 only (W_MISSING_COMPARISON). For each query the narrowed result's
rows equal the whole computation's (every column, every value), its findings are all in the whole computation's,
and the only findings it leaves out are the whole table's period findings about other regions or periods.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ecer.findings import FindingsError
from ecer.services import dual_control
from ecer.storage import Store

# Findings computed over the whole energy table, not only the answer's rows (core.periods_agg.period_findings).
TABLE_WIDE = {"W_PERIOD_SUM_DIFFERS", "W_PERIOD_NOT_BUILT"}

CASES: list[tuple[str | None, str | None, str | None, dict[str, Any]]] = [
    ("110000", "2021", None, {}),
    ("110000", "2022", None, {}),                       # W_PERIOD_SUM_DIFFERS on the answer's own row
    ("110000", "2023", "2022", {"renewable_increment_reading": "base_year"}),   # the chain of increments
    ("110000", "2024H2", None, {"recompute_earlier_years": True}),
    ("130000", "2022Q1", None, {}),
    ("130100", "2023-05", None, {}),                    # a city above its province
    ("130100", "2023-05YTD", "2022", {}),
    ("130102", "2022", None, {}),                       # a county with one year: no comparison period
    ("100000", "2025", None, {}),                       # the five-year assessment
    ("100000", "2020", None, {}),                       # the base year
    (None, "2023-05", None, {}),
    (None, "2022", None, {"total_red_margin": 0.02}),
    ("440000", None, None, {}),                         # every period of the plan, one region
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from ecer.services.demo import build_store

    path = Path(tmp_path_factory.mktemp("narrow")) / "demo.duckdb"
    build_store(path).close()
    s = Store.open(path)
    energy = s.current("energy")
    months_2022 = energy.filter((pl.col("region_code") == "110000") & pl.col("period").str.starts_with("2022-"))
    flows = ["total_energy", "feedstock_energy", "renewable_electricity", "other_nonfossil_energy",
             "separately_listed_energy", "separately_listed_value_added", "gdp_constant"]
    given_2022 = months_2022.group_by("region_code").agg(
        *[(pl.col(c).sum() * 1.05) for c in flows],
        *[pl.col(c).first() for c in energy.columns if c not in flows and c not in ("region_code", "period")],
    ).with_columns(period=pl.lit("2022")).select(energy.columns)
    hebei_may = energy.filter((pl.col("region_code") == "130000") & (pl.col("period") == "2023-05"))
    city_may = hebei_may.with_columns(region_code=pl.lit("130100"), total_energy=pl.col("total_energy") * 1.5)
    county = energy.filter((pl.col("region_code") == "130100") & pl.col("period").str.starts_with("2022-")
                           ).with_columns(*[(pl.col(c) * 0.1) for c in ("total_energy", "gdp_constant")],
                                          region_code=pl.lit("130102"))
    s.load("energy", pl.concat([given_2022, city_may, county]), file="perturb.csv", who="t", why="findings")
    yield s
    s.close()


def _whole(store: Store, region: str | None, period: str | None, edition: str | None,
           options: dict[str, Any]) -> dual_control.AssessmentResult:
    """The computation over every stored row, filtered to the region and periods afterwards (by the core)."""
    chosen = dual_control.choose_edition(edition, options)
    periods = [period] if period else None
    return dual_control._assess_tables(dual_control.read_inputs_from_store(store), "store", chosen, periods,
                                       region, options)


def _dumps(result: dual_control.AssessmentResult) -> list[str]:
    return [f.model_dump_json() for f in result.findings]


@pytest.mark.parametrize(("region", "period", "edition", "options"), CASES)
def test_narrowed_equals_the_whole_computation(store: Store, region: str | None, period: str | None,
                                               edition: str | None, options: dict[str, Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _spy(store, monkeypatch)
    narrow = dual_control.assess(store=store, region=region, period=period, edition=edition, options=options)
    assert len(asked) == 1 and asked[0], "the energy table was read whole (or twice: a fallback)"
    monkeypatch.undo()
    whole = _whole(store, region, period, edition, options)
    assert not narrow.table.is_empty()
    assert_frame_equal(narrow.table, whole.table)
    assert narrow.meta == {**whole.meta}
    mine, all_ = _dumps(narrow), _dumps(whole)
    assert set(mine) <= set(all_), "the narrowed run found something the whole one did not"
    for f in whole.findings:
        if f.model_dump_json() in mine:
            continue
        assert f.code in TABLE_WIDE, f
        about = (f.evidence.get("region"), f.evidence.get("period"))
        assert about[0] != region or about[1] != period, f"a finding about the answer was left out: {f}"


def test_the_findings_the_answer_needs_are_there(store: Store) -> None:
    codes = lambda r: {f.code for f in r.findings}
    assert "W_PERIOD_SUM_DIFFERS" in codes(dual_control.assess(store=store, region="110000", period="2022"))
    city = dual_control.assess(store=store, region="130100", period="2023-05")
    assert {(f.evidence.get("kind"), f.evidence.get("parent")) for f in city.findings
            if f.code == "W_IMPLAUSIBLE_VALUE"} >= {("above_parent", "130000")}
    county = dual_control.assess(store=store, region="130102", period="2022")
    assert "W_MISSING_COMPARISON" in codes(county)


def _spy(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record the filters of every read of the energy table."""
    asked: list[dict[str, Any]] = []
    current = store.current

    def spy(table: str, **filters: Any) -> pl.DataFrame:
        if table == "energy":
            asked.append(filters)
        return current(table, **filters)

    monkeypatch.setattr(store, "current", spy)
    return asked


def test_a_region_query_asks_the_store_for_its_rows_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _spy(store, monkeypatch)
    result = dual_control.assess(store=store, region="130100", period="2023Q2")
    assert asked and set(asked[0]["region_code"]) == {"130100", "130000"}
    years = {p[:4] for p in asked[0]["period"]}
    assert years == {"2020", "2021", "2022", "2023"}  # the base year 2020 to the period's year
    assert not any(p.endswith("YTD") or "H" in p for p in asked[0]["period"])  # only Q, Y and months
    assert set(result.table.get_column("region_code")) == {"130100"}


def test_errors_are_those_of_the_whole_computation(store: Store) -> None:
    """A question that cannot be answered gets the whole table's answer (the narrowed run falls back to it)."""
    for region, period in (("130102", "2021"), ("999999", "2021"), ("110000", "2019")):
        with pytest.raises(FindingsError) as narrow:
            dual_control.assess(store=store, region=region, period=period)
        with pytest.raises(FindingsError) as whole:
            _whole(store, region, period, None, {})
        assert [f.model_dump() for f in narrow.value.findings] == [f.model_dump() for f in whole.value.findings]
