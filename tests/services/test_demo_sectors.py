"""The demo's sector rows (issue 9 §1): every row synthetic, the sectors adding up to the demo's yearly energy (at
most, and at least 99 %: the drawn unallocated remainder is 0–1 %) and their value added to the demo's GDP exactly,
the same bytes from the same seed, loaded without an error, and the demo's national LMDI showing the structure
effect from them.

The national 2020 demo totals are the NBS 2020 communiqué's 49.8亿 tce and 1 015 986亿元 (docs/demo-data.md): the
twelve demo months of 100000 add up to them.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.services import analysis
from ecer.services import demo_sectors as ds
from ecer.services.demo import bundled_files
from ecer.services.loading import load_file
from ecer.storage import Store


def test_rows_add_up_to_the_demo_totals_and_are_synthetic() -> None:
    d = ds.generate()
    assert set(d["data_origin"]) == {"synthetic"} and d.height == 32 * 7 * 4
    assert d.filter(pl.col("sector") == "household")["value_added"].is_null().all()
    sums = d.group_by("region_code", "year").agg(pl.col("energy").sum(), pl.col("value_added").sum())
    t = sums.join(ds.yearly_totals(), on=["region_code", "year"])
    assert t.height == 32 * 7
    ratio = (t["energy"] / t["total_energy"]).to_list()
    assert max(ratio) <= 1.0 + 1e-9 and min(ratio) >= 0.99 - 1e-9
    assert (t["value_added"] - t["gdp"]).abs().max() < 1e-6  # type: ignore[operator]
    nation = t.filter((pl.col("region_code") == "100000") & (pl.col("year") == 2020)).row(0, named=True)
    assert nation["total_energy"] == pytest.approx(498000, rel=1e-6) and nation["gdp"] == pytest.approx(1015986, rel=1e-6)


def test_same_seed_same_file(tmp_path: Path) -> None:
    assert ds.write(tmp_path / "a").read_bytes() == ds.write(tmp_path / "b").read_bytes()


def test_loads_and_the_national_lmdi_has_a_structure_effect(tmp_path: Path) -> None:
    store = Store.memory()
    for template, path in bundled_files():
        if template in ("regions", "energy"):
            load_file(store, template, path, who="test", why="demo energy")
    ds.load_demo_sectors(store, tmp_path)
    assert store.current("sector_energy").height == 32 * 7 * 4
    run = analysis.lmdi_region(store, "100000", 2020, 2025, step=True)
    eff = run.series.cumulative
    assert [f.name for f in run.identity.factors] == ["activity", "structure", "intensity", "household"]
    # the demo moves value added from industry (about 1 tce per 10⁴ CNY) to services (about 0.1): a saving
    assert eff["structure"] < 0 and eff["activity"] > 0 and run.series.check.ok
    assert "sector_energy" in run.data_zh
