"""The match assesses dual control for its candidate regions and the plan's years only (issue 9 §3): on the demo's
own data (energy of 75 regions by month, carbon by carrier, the pollutant ledger, the transfer indicators) the answer
is the one the full assessment gives, row for row and word for word."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.findings import FindingsError, make
from ecer.services import dual_control as dc
from ecer.services import transfer as st
from ecer.services.demo import build_store
from ecer.services.demo_carbon import load_demo_carbon
from ecer.services.demo_pollutants import load_demo_pollutants
from ecer.services.demo_transfer import write as write_transfer


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    store = build_store(out / "d.duckdb")
    try:
        load_demo_pollutants(store, out)
        load_demo_carbon(store, out)
        for name, path in write_transfer(out / "transfer").items():
            st.load_transfer(store, name, path)
    finally:
        store.close()
    return out / "d.duckdb"


@pytest.mark.slow
def test_plan_years_of_the_candidates_are_the_full_assessment_rows(demo_db: Path) -> None:
    from ecer.storage import Store

    regions = ["510000", "620000", "640000", "650000"]
    with Store.open(demo_db) as s:
        narrow = dc.assess_plan_years(s, regions).table
        full = dc.assess(store=s).table
    assert sorted(set(narrow["region_code"].cast(pl.String).to_list())) == regions
    assert set(narrow["period_kind"].cast(pl.String).to_list()) == {"Y"}
    keys = narrow.select(pl.col("region_code").cast(pl.String), pl.col("period").cast(pl.String))
    same = (full.with_columns(pl.col("region_code").cast(pl.String), pl.col("period").cast(pl.String))
            .join(keys, on=["region_code", "period"], how="semi"))
    assert same.height == narrow.height > 0

    def plain(t: pl.DataFrame) -> pl.DataFrame:
        return t.with_columns(pl.col(pl.Categorical).cast(pl.String)).sort("region_code", "period")

    assert plain(narrow).equals(plain(same))


@pytest.mark.slow
def test_match_is_the_same_as_with_the_full_assessment(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecer.storage import Store

    full_assess = dc.assess

    def no_full(*_a: object, **_k: object) -> None:
        raise AssertionError("the fast match ran a full dual-control assessment")

    with Store.open(demo_db) as s:
        monkeypatch.setattr(dc, "assess", no_full)   # neither the headroom nor the carbon progress assesses all
        fast = st.match(s, "TP-DEMO-2")
        monkeypatch.setattr(dc, "assess", full_assess)
        assert "dual_control" in fast.headroom_sources and "carbon" in fast.headroom_sources
        assert "pollutant:NOx" in fast.headroom_sources

        def refuse(*_a: object, **_k: object) -> None:  # the previous path: every region and period assessed
            raise FindingsError([make("E_NO_DATA", detail="forced")])

        monkeypatch.setattr(dc, "assess_plan_years", refuse)
        slow = st.match(s, "TP-DEMO-2")
    assert fast.frame.equals(slow.frame)
    assert fast.headroom_sources == slow.headroom_sources
    assert [m.constraint for m in fast.not_applied] == [m.constraint for m in slow.not_applied]
    assert [f.message_zh for f in fast.findings] == [f.message_zh for f in slow.findings]
