"""The demo's transfer data: every row synthetic, the files load through the templates and rank 31 provinces."""

from __future__ import annotations

from pathlib import Path

from ecer.services import demo_transfer as dt
from ecer.services import transfer as st
from ecer.storage import Store


def test_demo_files_load_and_rank(tmp_path: Path) -> None:
    d = dt.generate()
    assert set(d["transfer_indicators"]["data_origin"].to_list()) == {"synthetic"}
    assert set(d["transfer_projects"]["data_origin"].to_list()) == {"synthetic"}
    with Store.open(tmp_path / "d.duckdb") as s:
        files = dt.load_demo_transfer(s, tmp_path)
        assert sorted(files) == ["transfer_indicators", "transfer_projects"]
        r = st.rank(s)
        assert r.frame.height == 31 and r.data_origin == ["synthetic"]
        m = st.match(s, "TP-DEMO-3")
    assert m.classification.industry_class == "two_high" and not m.frame["candidate"].any()
    assert dt.write(tmp_path / "again")["transfer_indicators"].read_bytes() == files["transfer_indicators"].read_bytes()
