"""ecer analysis: the service over a store, the CLI (tables, reports, exit codes) and the API routes (status codes),
on the hand case of tests/handcase.py (Beijing 10000 → 10600 tce with GDP 10 → 10.6 亿元; Tianjin 5000 → 5200 tce
with GDP 5 → 5.3; Hebei 2000 → 2100 tce with GDP 2 → 2.04; every 2020 intensity 1000 tce per 亿元)."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient
from tests.test_handcase_layers import write_files
from typer.testing import CliRunner

from ecer.api.app import create_app
from ecer.cli.main import app
from ecer.core.analysis import allocation as al
from ecer.services import analysis
from ecer.storage import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_files(tmp_path_factory.mktemp("data") / "d")
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    for name in ("regions", "energy", "targets"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(path)])
        assert res.exit_code == 0, res.output
    return path


def test_region_lmdi_hand_case(store: Path) -> None:
    # Tianjin: E = G·(E/G); L(5200, 5000) = 200/ln 1.04; activity = L·ln(5.3/5) = L·ln 1.06,
    # intensity = L·ln((5200/5.3)/(5000/5)) = L·ln(1.04/1.06); they sum to 200 tce.
    with Store.at(str(store)) as st:
        run = analysis.lmdi_region(st, "120000", 2020, 2021)
    lv = 200 / math.log(1.04)
    eff = run.series.cumulative
    assert eff["activity"] == pytest.approx(lv * math.log(1.06), rel=1e-12)
    assert eff["intensity"] == pytest.approx(lv * math.log(1.04 / 1.06), rel=1e-12)
    d = run.to_dict()
    assert d["check"]["ok"] and [w["key"] for w in d["waterfall"]] == ["start", "activity", "intensity", "end"]
    # the waterfall's floating bar for a fall starts at the level after it: 5000 + activity − |intensity|
    fall = d["waterfall"][2]
    assert fall["kind"] == "down" and fall["base"] == pytest.approx(5000 + eff["activity"] + eff["intensity"])


def test_allocation_hand_case(store: Path) -> None:
    # Every province has intensity 1000 in 2020 and the same GDP growth, so A = Σ (E_0,i/ΣE_0)·t_i.
    # Two tiers (ties in productivity broken by code): 110000, 120000 get s; 130000 gets s + 0.01.
    # (15000 s + 2000 (s + 0.01))/17000 = 0.135 → s = 0.135 − 0.02/17 = 0.133823…
    with Store.at(str(store)) as st:
        res = analysis.allocate_regions(st, 0.135, "tiers", base_year=2020, target_year=2025, gdp_growth=0.055,
                                        tiers=2)
    t = dict(zip(res.regions["region_code"], res.regions["basic_target"], strict=True))
    assert t["110000"] == pytest.approx(0.135 - 0.02 / 17, abs=1e-12) and t["130000"] == pytest.approx(
        0.135 - 0.02 / 17 + 0.01, abs=1e-12)
    r = res.regions
    assert al.aggregate(r["energy_0"].to_list(), r["gdp_0"].to_list(), r["gdp_t"].to_list(),
                        r["basic_target"].to_list()) == pytest.approx(0.135, abs=1e-12)
    assert r["name_zh"].to_list() == ["北京市", "天津市", "河北省"]


def test_lmdi_file_custom_and_sectoral(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    pl.DataFrame({"period": ["2015", "2015", "2020", "2020"], "sector": ["A", "B", "A", "B"],
                  "energy": [100.0, 50.0, 100.0, 75.0], "value_added": [50.0, 50.0, 50.0, 150.0]}).write_csv(f)
    run = analysis.lmdi_file(f, "energy", ["2015", "2020"])
    assert run.series.cumulative["structure"] == pytest.approx(25 - 100 * math.log(2), rel=1e-12)  # test_lmdi.py


@pytest.mark.parametrize(("args", "code", "exit_code"), [
    (["--region", "990000"], "E_REGION_UNKNOWN", 2),
    (["--region", "11"], "E_REGION_MALFORMED", 2),
    (["--region", "110000", "--model", "LMDI-III"], "E_UNKNOWN_NAME", 2),
])
def test_cli_lmdi_errors(store: Path, args: list[str], code: str, exit_code: int) -> None:
    res = runner.invoke(app, ["analysis", "lmdi", "--from", "2020", "--to", "2021", *args, "--store", str(store)])
    assert res.exit_code == exit_code and code in res.output, res.output


def test_cli_lmdi_no_data_and_report(store: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "110000", "--from", "2020", "--to", "2023",
                              "--store", str(store)])
    assert res.exit_code == 1 and "E_NO_DATA" in res.output
    out = tmp_path / "l.html"
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "110000", "--from", "2020", "--to", "2021",
                              "--store", str(store), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "经济规模效应" in res.output and "perfect-decomposition check passed" in res.output
    html = out.read_text(encoding="utf-8")
    # Beijing's intensity is unchanged (10600/10.6 = 10000/10): the whole 600 tce is the activity effect
    assert "<svg" in html and "变化 600 tce" in html and "None" not in html and "nan" not in html


def test_cli_allocate_and_xlsx(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "zsg_dea", "--store",
                              str(store), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0 and "零和收益 DEA" in res.output
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "equal", "--store", str(store)])
    assert res.exit_code == 2 and "E_UNKNOWN_NAME" in res.output
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--base-year", "2023", "--store",
                              str(store)])
    assert res.exit_code == 1 and "E_NO_DATA" in res.output


def test_api_status_codes(store: Path) -> None:
    with TestClient(create_app(store)) as c:
        ok = c.get("/api/analysis/lmdi", params={"region_code": "120000", "start": 2020, "end": 2021})
        assert ok.status_code == 200 and ok.json()["check"]["ok"] is True
        assert c.get("/api/analysis/lmdi", params={"region_code": "990000", "start": 2020, "end": 2021}
                     ).status_code == 404
        assert c.get("/api/analysis/lmdi", params={"region_code": "110000", "start": 2020, "end": 2023}
                     ).status_code == 404
        r = c.get("/api/analysis/lmdi", params={"region_code": "110000", "start": 2021, "end": 2020})
        assert r.status_code == 422 and r.json()["findings"][0]["code"] == "E_VALUE_INVALID"
        assert c.get("/api/analysis/lmdi", params={"region_code": "11", "start": 2020, "end": 2021}
                     ).status_code == 422
        assert c.get("/api/analysis/lmdi", params={"region_code": "110000", "start": 2020, "end": 2021,
                                                   "model": "X"}).status_code == 404
        a = c.get("/api/analysis/allocation", params={"target": 0.135, "method": "composite"})
        assert a.status_code == 200 and abs(a.json()["aggregate_basic"] - 0.135) < 1e-9
        assert c.get("/api/analysis/allocation", params={"target": 1.5}).status_code == 422
        assert c.get("/api/analysis/allocation", params={"target": 0.1, "base_year": 2023}).status_code == 404
        assert c.get("/api/analysis/allocation", params={"target": 0.1, "method": "x"}).status_code == 404
