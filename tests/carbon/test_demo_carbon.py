"""The demo's carbon data (issue 8 §3, §7): every row synthetic, consistent with the demo's energy data, the same
bytes from the same seed, loaded without an error, and the store's monthly GDP summed to years for the intensity.

Energy consistency, worked from the template's own conversion: a fuel row's tce = quantity × NCV / 29.3076 GJ/tce
(烟煤 19.570 GJ/t, 柴油 42.652, 汽油 43.07: 鲁环发〔2022〕4号 表2-3; 天然气 the NCV the row gives, 389.31 GJ/10⁴m³),
electricity rows (non-fossil and the net import) at 0.3055 tce/MWh; they add up to the province's total energy of
the year, the sum of its 12 demo months. 北京 2020 is the calibration level 6 800 万tce (demo/calibration/provinces.csv)
and its GDP 36 100 亿元.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ecer.services import demo_carbon as dc
from ecer.services.carbon import carbon_progress
from ecer.services.demo import bundled_files
from ecer.services.loading import load_file
from ecer.storage import Store

NCV = {"烟煤": 19.570, "柴油": 42.652, "汽油": 43.07}
ELECTRIC = {"水电", "风电", "太阳能发电", "核电", "电力"}


def _tce(r: dict) -> float:
    if r["carrier"] in ELECTRIC:
        return r["quantity"] * 10 * 0.3055  # 万kWh → MWh → tce
    if r["carrier"] == "天然气":
        return r["quantity"] * 1e4 * r["ncv"] / 29.3076  # 亿m³ → 10⁴ m³ × GJ/10⁴m³
    return r["quantity"] * 1e4 * NCV[r["carrier"]] / 29.3076  # 万吨 → t × GJ/t


def test_rows_add_up_to_the_demo_energy_and_are_labelled_synthetic() -> None:
    d = dc.generate()
    assert set(d["data_origin"]) == {"synthetic"}
    assert d["region_code"].n_unique() == 31 and sorted(set(d["year"])) == [2020, 2021, 2022, 2023, 2024]
    sums = {(r["region_code"], r["year"]): 0.0 for r in d.iter_rows(named=True)}
    for r in d.iter_rows(named=True):
        sums[(r["region_code"], r["year"])] += _tce(r)
    assert sums[("110000", 2020)] == pytest.approx(6800e4, rel=1e-6)
    energy = dc.annual_energy()
    for e in energy.iter_rows(named=True):
        assert sums[(e["region_code"], e["year"])] == pytest.approx(e["total_energy"] * 1e4, rel=1e-5)
    gas = d.filter(pl.col("carrier") == "天然气")
    assert set(gas["ncv"]) == {389.31}  # the table gives only a range: the row must give it
    # no national average grid factor of 2018–2020 in the catalog: the 2020–2022 rows supply 0.5810
    power = d.filter(pl.col("carrier") == "电力")
    assert set(power.filter(pl.col("year") <= 2022)["emission_factor"]) == {0.581}
    assert power.filter(pl.col("year") >= 2023)["emission_factor"].is_null().all()


def test_same_seed_same_file(tmp_path: Path) -> None:
    assert dc.write(tmp_path / "a").read_bytes() == dc.write(tmp_path / "b").read_bytes()


def test_the_demo_file_loads_and_gives_intensity_on_the_summed_months(tmp_path: Path) -> None:
    store = Store.memory()
    for template, path in bundled_files():
        if template in ("regions", "energy"):
            load_file(store, template, path, who="test", why="demo energy")
    dc.load_demo_carbon(store, tmp_path)
    res = carbon_progress(store, region="110000")
    assert not [f for f in res.findings if f.level == "error"]
    p = res.progress.filter(pl.col("year") == 2020).row(0, named=True)
    assert p["gdp"] == pytest.approx(36100, abs=0.05)  # 12 demo months summed
    assert p["intensity"] == pytest.approx(p["co2"] / (36100e4), rel=1e-5)
    rows = res.rows.filter((pl.col("carrier") == "电力") & (pl.col("year") == 2023))
    assert rows["co2"][0] == pytest.approx(rows["quantity"][0] * 10 * 0.5568, rel=1e-9)  # 2021 factor (Y − 2)
    assert set(res.progress.filter(pl.col("year") > 2020)["grade"].drop_nulls()) <= {1, 2, 3}
    assert res.progress.filter(pl.col("year") > 2020)["grade"].null_count() == 0


def test_the_demo_writes_the_carbon_report_and_the_cli_writes_it_from_a_store(tmp_path: Path) -> None:
    import fastexcel
    from typer.testing import CliRunner

    from ecer.cli.main import app

    db = tmp_path / "s.duckdb"
    run = CliRunner().invoke
    r = run(app, ["carbon", "report", "-o", str(tmp_path / "c.html"), "--store", str(db)])
    assert r.exit_code == 1 and not (tmp_path / "c.html").exists()  # no store
    with Store.open(db) as store:
        for template, path in bundled_files():
            if template in ("regions", "energy"):
                load_file(store, template, path, who="test", why="demo energy")
        written = dc.run_carbon_demo(store, tmp_path, kinds=("xlsx", "html"))
    assert set(written) == {"carbon_energy", "report_xlsx", "report_html"}
    assert written["report_html"] == tmp_path / "carbon_report.html"
    html = written["report_html"].read_text(encoding="utf-8")
    assert "31 个地区合计：2020 年（基年）二氧化碳排放" in html and "模拟（演示用合成数据）" in html
    assert fastexcel.read_excel(written["report_xlsx"]).sheet_names[:3] == ["概要", "分地区进展", "能耗与碳排放"]
    r = run(app, ["carbon", "report", "-o", str(tmp_path / "c.docx"), "--store", str(db)])
    assert r.exit_code == 2 and "E_UNKNOWN_NAME" in r.output
    r = run(app, ["carbon", "report", "-o", str(tmp_path / "c.html"), "--store", str(db), "--grid-lag", "-1"])
    assert r.exit_code == 2
    r = run(app, ["carbon", "report", "-o", str(tmp_path / "c.html"), "--store", str(db), "--region", "990000"])
    assert r.exit_code == 1 and not (tmp_path / "c.html").exists()  # no rows for the region
    r = run(app, ["carbon", "report", "-o", str(tmp_path / "c.html"), "--store", str(db), "--region", "110000"])
    assert r.exit_code == 0, r.output
    assert "北京市（110000）：2020 年（基年）二氧化碳排放" in (tmp_path / "c.html").read_text(encoding="utf-8")
