"""The demo's synthetic indicator values load through the ordinary load and give the statuses worked by hand.

Hand values (n = 5, base 2020): energy_intensity R_4 = 1 − 0.865^{0.8} = 1 − exp(−0.1160206) = 1 − 0.8904568
= 10.95432 %. 北京 (110000): yearly falls 3.1, 2.9, 3.0, 2.6 % chain to 1 − 0.969 × 0.971 × 0.970 × 0.974 = 11.11 %
≥ R_4 → 达标; 河南 (410000) 7.2 % < R_4 → 进度滞后. The nation's public_demo_units: 1 560 by 2024 against 2000 × 4/5 =
1 600 → 进度滞后, 440 to go.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.services.demo_indicators import DEMO_FILE, load_demo_indicators
from ecer.services.indicators import indicator_progress
from ecer.storage import Store


def test_demo_values_are_synthetic_and_load(tmp_path: Path) -> None:
    raw = pl.read_csv(DEMO_FILE, schema_overrides={"region_code": pl.String})
    assert set(raw["data_origin"]) == {"synthetic"} and raw["note"].str.contains("SYNTHETIC").all()
    assert sorted(set(raw["year"])) == [2020, 2021, 2022, 2023, 2024]
    st = Store.memory()
    files = load_demo_indicators(st, tmp_path)
    assert st.current("indicator_values").height == raw.height
    res = indicator_progress(st)
    latest = {(r["region_code"], r["indicator_code"]): r for r in res.latest.iter_rows(named=True)}
    bj = latest[("110000", "energy_intensity")]
    assert bj["value"] == pytest.approx(11.11) and bj["required_to_date"] == pytest.approx(10.95432, abs=1e-5)
    assert bj["status_zh"] == "达标"
    assert latest[("410000", "energy_intensity")]["status_zh"] == "进度滞后"
    nation = latest[("100000", "public_demo_units")]
    assert nation["status_zh"] == "进度滞后" and nation["gap"] == pytest.approx(440.0)
    assert res.meta["data_origin"] == ["synthetic"]
    html = files["report html"].read_text(encoding="utf-8")
    assert "合成" in html and "仅用于演示" in html
    assert files["report xlsx"].stat().st_size > 0
