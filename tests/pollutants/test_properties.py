"""Invariants of the data path, by hypothesis: a value under a 万吨 header is read as exactly 10⁴ times the tonnes it
names, and the ledger of any loaded data keeps the balance E_t = E_base + Σ new − Σ cut."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecer.ingest import read_table
from ecer.services import pollutants as svc
from ecer.storage import Store
from tests.pollutants.conftest import write

amounts = st.decimals(min_value="0", max_value="9999999", places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(amounts, min_size=1, max_size=4, unique=True))
def test_wan_tonnes_are_ten_thousand_tonnes(values: list) -> None:
    with tempfile.TemporaryDirectory() as d:
        rows = [{"region_code": "350100", "pollutant": "COD", "year": 2020 + i, "emissions": str(v)}
                for i, v in enumerate(values)]
        p = write(Path(d) / "e.csv", "pollutant_emissions", rows, headers={"emissions": "排放量（万吨）/ emissions (万吨)"})
        r = read_table(p, "pollutant_emissions")
        assert r.frame is not None, [f.text("en") for f in r.findings]
        for got, v in zip(r.frame["emissions"].to_list(), values, strict=True):
            assert got == pytest.approx(float(v) * 10_000, rel=1e-14, abs=1e-9)


cuts = st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=1, max_size=3)


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=5_000, max_value=50_000), cuts, cuts,
       st.lists(st.floats(min_value=-200, max_value=800, allow_nan=False), min_size=2, max_size=2))
def test_the_ledger_keeps_the_balance(base: float, cut21: list, cut22: list, new: list) -> None:
    with tempfile.TemporaryDirectory() as d:
        store = Store.memory()
        svc.load_pollutant_file(store, write(Path(d) / "e.csv", "pollutant_emissions",
                                             [{"region_code": "350100", "pollutant": "NOx", "year": 2020,
                                               "emissions": repr(base)}]))
        measures = [{"region_code": "350100", "pollutant": "NOx", "year": y, "measure_id": f"m{y}-{i}",
                     "method": "closure", "prev_emissions_t": repr(c)}
                    for y, cs in ((2021, cut21), (2022, cut22)) for i, c in enumerate(cs)]
        svc.load_pollutant_file(store, write(Path(d) / "m.csv", "pollutant_measures", measures))
        svc.load_pollutant_file(store, write(Path(d) / "i.csv", "pollutant_increments",
                                             [{"region_code": "350100", "pollutant": "NOx", "year": 2021 + k,
                                               "new_emissions": repr(v)} for k, v in enumerate(new)]))
        led = svc.pollutant_ledger(store).ledger.sort("year")
        last = led.row(-1, named=True)
        assert last["emissions"] == pytest.approx(base + sum(new) - sum(cut21) - sum(cut22), rel=1e-12, abs=1e-6)
        # and no more reductions than measures: each year's cut is exactly its closures' previous-year emissions
        assert led["reduction_structural"].to_list() == pytest.approx([sum(cut21), sum(cut22)], abs=1e-9)
