"""Allocation with region data, ZSG-DEA inputs and outputs and AHP matrices through the service, the CLI (exit
codes, findings naming file, row and column) and the API (GET and POST, status codes), on the hand case of
tests/handcase.py: Beijing 10000 tce / GDP 10 亿元, Tianjin 5000 / 5, Hebei 2000 / 2 in 2020 — every intensity
1000 tce per 亿元 — with the same assumed GDP growth."""

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
from ecer.services import analysis
from ecer.storage import Store

runner = CliRunner()
E0 = {"110000": 10000.0, "120000": 5000.0, "130000": 2000.0}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_files(tmp_path_factory.mktemp("data") / "d")
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    for name in ("regions", "energy", "targets"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(path)])
        assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("inputs")
    (d / "regions.csv").write_text("region_code,capital,equity\n110000,400,3\n120000,200,2\n130000,400,1\n",
                                   encoding="utf-8")
    (d / "ahp.csv").write_text("indicator,gdp_per_unit_energy,gdp_share,equity\ngdp_per_unit_energy,1,3,5\n"
                               "gdp_share,1/3,1,3\nequity,1/5,1/3,1\n", encoding="utf-8")
    (d / "ahp_bad.csv").write_text("indicator,gdp_per_unit_energy,gdp_share,equity\ngdp_per_unit_energy,1,3,5\n"
                                   "gdp_share,1/3,1,3\nequity,1/5,1/2,1\n", encoding="utf-8")
    (d / "ahp_inconsistent.csv").write_text("indicator,gdp_per_unit_energy,gdp_share,equity\n"
                                            "gdp_per_unit_energy,1,9,1/9\ngdp_share,1/9,1,9\nequity,9,1/9,1\n",
                                            encoding="utf-8")
    pl.DataFrame({"indicator": ["gdp_per_unit_energy", "gdp_share"], "gdp_per_unit_energy": [1.0, 0.25],
                  "gdp_share": [4.0, 1.0]}).write_excel(d / "ahp2.xlsx")
    (d / "regions_bad.csv").write_text("region_code,capital\n110000,400\n120000,abc\n990000,1\n", encoding="utf-8")
    return d


def _composite_hand(w: list[float]) -> dict[str, float]:
    # Scores: energy productivity is equal everywhere → score 1 for all (min-max of equal values); GDP share
    # 10/17, 5/17, 2/17 → 1, 3/8, 0; equity 3, 2, 1 → 1, ½, 0; floor 0.1: z' = 0.1 + 0.9 z. With equal
    # intensities and growth the aggregate is Σ (E0_i/ΣE0)·t_i, so t_i = 0.135·I_i / Σ_j (E0_j/ΣE0)·I_j.
    z = {"110000": (1.0, 1.0, 1.0), "120000": (1.0, 0.1 + 0.9 * 3 / 8, 0.55), "130000": (1.0, 0.1, 0.1)}
    index = {k: math.fsum(a * b for a, b in zip(w, v, strict=True)) for k, v in z.items()}
    weighted = math.fsum(E0[k] / 17000 * index[k] for k in E0)
    return {k: 0.135 * index[k] / weighted for k in E0}


def test_service_composite_ahp_three_indicators(store: Path, files: Path) -> None:
    # AHP weights of the 3×3 matrix a12 = 3, a13 = 5, a23 = 3: normalised row geometric means (exact for n = 3)
    gm = [15 ** (1 / 3), 1.0, 15 ** (-1 / 3)]
    w = [g / sum(gm) for g in gm]
    with Store.at(str(store)) as st:
        res = analysis.allocate_regions(
            st, 0.135, "composite", base_year=2020, target_year=2025, gdp_growth=0.055, weighting="ahp",
            indicators=["gdp_per_unit_energy:cost", "gdp_share", "equity"],
            ahp_matrix=analysis.read_ahp_matrix(files / "ahp.csv"), ahp_file="ahp.csv",
            region_data=analysis.read_region_data(files / "regions.csv"), region_file="regions.csv")
    t = dict(zip(res.regions["region_code"], res.regions["basic_target"], strict=True))
    assert t == pytest.approx(_composite_hand(w), abs=1e-12)
    d = analysis.allocation_dict(res)
    assert d["weights"] == pytest.approx(dict(zip(["gdp_per_unit_energy", "gdp_share", "equity"], w, strict=True)))
    lmax = 1 + (5 / 9) ** (1 / 3) + (9 / 5) ** (1 / 3)
    assert d["lambda_max"] == pytest.approx(lmax, abs=1e-12)
    assert d["consistency_index"] == pytest.approx((lmax - 3) / 2, abs=1e-12)
    assert d["consistency_ratio"] == pytest.approx((lmax - 3) / 2 / 0.58, abs=1e-12)


def test_service_matrix_in_another_order_is_reordered(store: Path) -> None:
    # The same judgements named in the order (gdp_share, gdp_per_unit_energy): weights follow the names.
    with Store.at(str(store)) as st:
        res = analysis.allocate_regions(st, 0.135, "composite", base_year=2020, target_year=2025, gdp_growth=0.055,
                                        weighting="ahp", ahp_matrix=(["gdp_share", "gdp_per_unit_energy"],
                                                                     [[1, 1 / 3], [3, 1]]))
    assert res.weights == pytest.approx({"gdp_per_unit_energy": 0.75, "gdp_share": 0.25})


def test_service_zsg_dea_with_capital(store: Path, files: Path) -> None:
    # Energy per GDP is the same (1000 tce per 亿元) in every province, so no radial contraction of (energy, capital)
    # can be matched by another province's energy: every CCR θ is 1, nothing moves and every target is 13.5 %,
    # with the warning that says so.
    with Store.at(str(store)) as st:
        res = analysis.allocate_regions(st, 0.135, "zsg_dea", base_year=2020, target_year=2025, gdp_growth=0.055,
                                        dea_inputs=["energy", "capital"],
                                        region_data=analysis.read_region_data(files / "regions.csv"))
    assert res.regions["basic_target"].to_list() == pytest.approx([0.135] * 3, abs=1e-12)
    assert res.regions["efficiency"].to_list() == pytest.approx([1.0] * 3, abs=1e-9)
    assert [f.code for f in res.findings] == ["W_ZSG_DEA_ALL_EFFICIENT"]
    assert "capital" in res.notes[-3][1] and "HiGHS" in res.notes[-3][1]


def test_cli_composite_ahp_and_zsg_dea(store: Path, files: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "composite", "--weights", "ahp",
                              "--ahp-matrix", str(files / "ahp.csv"), "--indicator", "gdp_per_unit_energy:cost",
                              "--indicator", "gdp_share", "--indicator", "equity", "--region-data",
                              str(files / "regions.csv"), "--store", str(store), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "λmax = 3.0385, CI = 0.0193, CR = 0.0332" in res.output and "equity 0.1047" in res.output
    html = out.read_text(encoding="utf-8")
    assert "3.0385" in html and "0.0193" in html and "None" not in html
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "zsg_dea", "--dea-inputs",
                              "energy,capital", "--dea-outputs", "gdp", "--region-data", str(files / "regions.csv"),
                              "--store", str(store)])
    assert res.exit_code == 0 and "W_ZSG_DEA_ALL_EFFICIENT" in res.output and "energy, capital" in res.output
    # a 2×2 matrix from XLSX: 4 : 1 → 0.8, 0.2
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "composite", "--weighting",
                              "ahp", "--ahp-matrix", str(files / "ahp2.xlsx"), "--store", str(store)])
    assert res.exit_code == 0 and "gdp_per_unit_energy 0.8000, gdp_share 0.2000" in res.output, res.output


@pytest.mark.parametrize(("args", "expect"), [
    # row 4 of the file is equity; its gdp_share cell 1/2 is not the reciprocal of 3
    (["--method", "composite", "--weights", "ahp", "--ahp-matrix", "ahp_bad.csv", "--indicator",
      "gdp_per_unit_energy:cost", "--indicator", "gdp_share", "--indicator", "equity", "--region-data",
      "regions.csv"], ["E_AHP_MATRIX", "row 4", "column gdp_share", "row 3 (equity), column 2 (gdp_share)"]),
    (["--method", "composite", "--weights", "ahp", "--ahp-matrix", "ahp_inconsistent.csv", "--indicator",
      "gdp_per_unit_energy:cost", "--indicator", "gdp_share", "--indicator", "equity", "--region-data",
      "regions.csv"], ["E_AHP_INCONSISTENT"]),
    (["--method", "composite", "--weights", "ahp"], ["E_ALLOCATION_INPUT", "--ahp-matrix"]),
    (["--method", "composite", "--weights", "ahp", "--ahp-matrix", "ahp.csv"], ["E_AHP_MATRIX", "equity"]),
    (["--method", "zsg_dea", "--dea-inputs", "energy,capital"], ["E_ALLOCATION_INPUT", "capital"]),
    (["--method", "zsg_dea", "--dea-inputs", "capital", "--region-data", "regions.csv"], ["must include energy"]),
    (["--method", "zsg_dea", "--region-data", "regions_bad.csv"], ["E_NOT_NUMBER", "row 3", "column capital"]),
])
def test_cli_allocation_input_errors_exit_1(store: Path, files: Path, args: list[str], expect: list[str]) -> None:
    args = [str(files / a) if a.endswith((".csv", ".xlsx")) else a for a in args]
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", *args, "--store", str(store)])
    assert res.exit_code == 1, res.output
    flat = " ".join(res.output.split())
    for e in expect:
        assert e in flat, res.output


def test_cli_region_data_with_an_unknown_code(store: Path, tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("region_code,capital\n110000,1\n120000,2\n130000,3\n990000,4\n", encoding="utf-8")
    res = runner.invoke(app, ["analysis", "allocate", "--target", "0.135", "--method", "zsg_dea", "--dea-inputs",
                              "energy,capital", "--region-data", str(f), "--store", str(store)])
    flat = " ".join(res.output.split())
    assert res.exit_code == 1 and "990000 is not one of the provinces allocated" in flat and "row 5" in flat


def test_api_ahp_and_dea(store: Path) -> None:
    with TestClient(create_app(store)) as c:
        ok = c.get("/api/analysis/allocation", params={"target": 0.135, "method": "composite", "weighting": "ahp",
                                                       "ahp_matrix": "[[1, 3], [0.3333, 1]]"})
        assert ok.status_code == 200, ok.text
        body = ok.json()
        # 2×2: w = a/(1 + a) with a = 3 → 0.75 (0.3333 for 1/3 shifts the eigenvector by < 1e-4), CR = CI = 0
        assert body["weights"]["gdp_per_unit_energy"] == pytest.approx(0.75, abs=1e-4)
        assert body["consistency_ratio"] == 0 and body["consistency_index"] == 0
        assert body["lambda_max"] == pytest.approx(2, abs=1e-4)
        r = c.get("/api/analysis/allocation", params={"target": 0.135, "method": "composite", "weighting": "ahp",
                                                      "ahp_matrix": "[[1, 3], [3, 1]]"})
        assert r.status_code == 422 and r.json()["findings"][0]["code"] == "E_AHP_MATRIX"
        assert r.json()["findings"][0]["evidence"]["row"] == 2
        r = c.get("/api/analysis/allocation", params={"target": 0.135, "method": "composite", "weighting": "ahp",
                                                      "ahp_matrix": "[[1, 3"})
        assert r.status_code == 422 and r.json()["findings"][0]["code"] == "E_AHP_MATRIX"
        r = c.get("/api/analysis/allocation", params={"target": 0.135, "method": "zsg_dea",
                                                      "dea_inputs": "energy,capital"})
        assert r.status_code == 422 and "capital" in r.json()["findings"][0]["message_en"]
        rows = [{"region_code": "110000", "capital": 400}, {"region_code": "120000", "capital": 200},
                {"region_code": "130000", "capital": 400}]
        p = c.post("/api/analysis/allocation", json={"target": 0.135, "method": "zsg_dea",
                                                     "dea_inputs": ["energy", "capital"], "region_data": rows})
        assert p.status_code == 200, p.text
        assert [f["code"] for f in p.json()["findings"]] == ["W_ZSG_DEA_ALL_EFFICIENT"]
        assert all(abs(r["basic_target"] - 0.135) < 1e-12 for r in p.json()["regions"])
        p = c.post("/api/analysis/allocation", json={
            "target": 0.135, "method": "composite", "weighting": "ahp",
            "indicators": ["gdp_per_unit_energy:cost", "gdp_share", "equity"],
            "ahp_matrix": {"indicators": ["gdp_per_unit_energy", "gdp_share", "equity"],
                           "matrix": [[1, 3, 5], ["1/3", 1, 3], ["1/5", "1/3", 1]]},
            "region_data": [{"region_code": "110000", "equity": 3}, {"region_code": "120000", "equity": 2},
                            {"region_code": "130000", "equity": 1}]})
        assert p.status_code == 200, p.text
        assert p.json()["lambda_max"] == pytest.approx(1 + (5 / 9) ** (1 / 3) + (9 / 5) ** (1 / 3), abs=1e-12)
        bad = c.post("/api/analysis/allocation", json={"target": 0.135, "method": "zsg_dea",
                                                       "region_data": [{"region_code": "110000", "capital": "x"}]})
        assert bad.status_code == 422
        f = bad.json()["findings"][0]
        assert f["code"] == "E_NOT_NUMBER" and f["location"]["row"] == 2 and f["location"]["column"] == "capital"
