"""``/api/carbon/progress|side-by-side|report``: the carbon hand case of tests/carbon/test_service_cli.py (worked in
its docstring) loaded through the template files, read back over HTTP with the hand-worked figures; truthful status
codes (unknown region 404, malformed region or year 422, a bad grid setting 422, no data 404, a year without data 404).

Hand case, region 130000: CO2 2020 = 17 417.4957 (1 万吨 烟煤) + 100 000 MWh × 0.58 = 75 417.4957 t; 2021 = 17 417.4957
+ 90 000 × 0.58 = 69 617.4957 t (0.1 万吨 feedstock and 风电 not counted). GDP 36 000 → 38 340 亿元: carbon intensity
75 417.4957 / 3.6·10⁸ = 0.000209493 → 0.000181579 tCO2/万元, reduction 13.3244 % ≥ R_1 = 1 − 0.82^0.2 = 3.8912 %
→ 三级 (green). Energy: 32 000 → 32 500 万tce, intensity 0.888889 → 0.847679 tce/万元, reduction 4.6361 % ≥ 1 − 0.865^0.2
= 2.8614 % → 三级 (green); CO2 per tce 2021 = 69 617.4957 / 325 000 000 = 0.000214208.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fastexcel
import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.services import carbon as sc
from ecer.services.loading import load_file
from ecer.storage import Store
from tests.carbon.test_service_cli import ROWS, _energy_file, write


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    d = tmp_path_factory.mktemp("carbonapi")
    db = d / "c.duckdb"
    with Store.open(db) as st:
        load_file(st, "energy", _energy_file(), who="t", why="hand case")
        sc.load_carbon(st, write(d / "c.csv", ROWS), who="t", why="hand case")
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("carbonempty") / "e.duckdb"
    with Store.open(db) as st:
        load_file(st, "energy", _energy_file(), who="t", why="energy only")
    with TestClient(create_app(db)) as c:
        yield c


def test_progress_by_hand(client: TestClient) -> None:
    res = client.get("/api/carbon/progress")
    assert res.status_code == 200, res.text
    body = res.json()
    rows = {r["year"]: r for r in body["rows"]}
    assert rows[2020]["co2"] == pytest.approx(75_417.4957, abs=1e-3)
    assert rows[2021]["co2"] == pytest.approx(69_617.4957, abs=1e-3)
    assert rows[2021]["intensity"] == pytest.approx(69_617.4957 / 3.834e8, rel=1e-9)
    assert rows[2021]["achieved_cumulative"] == pytest.approx(0.133244, abs=1e-6)
    assert rows[2021]["required_cumulative"] == pytest.approx(0.038912, abs=1e-6)
    assert rows[2021]["grade"] == 3 and rows[2021]["region_name_zh"] == "河北省"
    assert body["latest"][0]["year"] == 2021
    assert body["meta"]["grid_year_lag"] == 2 and "Y−2" in body["meta"]["convention"]
    assert {t["year"]: t["co2_feedstock_excluded"] for t in body["totals"]}[2021] == pytest.approx(1_741.74957,
                                                                                                   abs=1e-4)
    assert "I_CARBON_FEEDSTOCK_EXCLUDED" in {f["code"] for f in body["findings"]}
    one = client.get("/api/carbon/progress", params={"year": 2021, "region_code": "130000"}).json()
    assert [r["year"] for r in one["rows"]] == [2021]


def test_side_by_side_by_hand(client: TestClient) -> None:
    res = client.get("/api/carbon/side-by-side", params={"region_code": "130000", "year": 2021})
    assert res.status_code == 200, res.text
    r = res.json()["rows"][0]
    assert r["energy_intensity"] == pytest.approx(32_500 / 38_340, rel=1e-9)
    assert r["energy_reduction_cumulative"] == pytest.approx(0.046361, abs=1e-6)
    assert r["carbon_reduction_cumulative"] == pytest.approx(0.133244, abs=1e-6)
    assert (r["energy_grade"], r["carbon_grade"]) == (3, 3)
    assert r["co2_per_tce"] == pytest.approx(0.000214208, rel=1e-5)


def test_reports(client: TestClient, tmp_path: Path) -> None:
    res = client.get("/api/carbon/report.xlsx")
    assert res.status_code == 200 and res.headers["content-type"].startswith("application/vnd.openxml")
    (tmp_path / "r.xlsx").write_bytes(res.content)
    assert fastexcel.read_excel(tmp_path / "r.xlsx").sheet_names[0] == "概要"
    html = client.get("/api/carbon/report.html", params={"lang": "en"})
    assert html.status_code == 200 and "confidence [C]" in html.text
    assert client.get("/api/carbon/report.docx").status_code == 404


@pytest.mark.parametrize(("route", "params", "status", "code"), [
    ("/api/carbon/progress", {"region_code": "990000"}, 404, "E_REGION_UNKNOWN"),
    ("/api/carbon/progress", {"region_code": "13"}, 422, None),
    ("/api/carbon/progress", {"year": "20x1"}, 422, None),
    ("/api/carbon/progress", {"year": 2023}, 404, "E_NO_DATA"),
    ("/api/carbon/progress", {"grid_lag": 11}, 422, None),
    ("/api/carbon/progress", {"grid_scope": "moon"}, 422, None),
    ("/api/carbon/side-by-side", {"region_code": "990000"}, 404, "E_REGION_UNKNOWN"),
    ("/api/carbon/side-by-side", {"year": 2019}, 404, "E_NO_DATA"),
    ("/api/carbon/report.pdf", {"region_code": "990000"}, 404, "E_REGION_UNKNOWN"),
    ("/api/carbon/report.html", {"region_code": "110000"}, 404, "E_NO_DATA"),  # known region, no carbon rows
])
def test_truthful_codes(client: TestClient, route: str, params: dict[str, object], status: int,
                        code: str | None) -> None:
    res = client.get(route, params=params)
    assert res.status_code == status, res.text
    assert res.json()["findings"]
    if code:
        assert code in {f["code"] for f in res.json()["findings"]}


def test_no_carbon_rows_is_404(empty: TestClient) -> None:
    for route in ("/api/carbon/progress", "/api/carbon/side-by-side", "/api/carbon/report.xlsx"):
        res = empty.get(route)
        assert res.status_code == 404 and "E_NO_DATA" in {f["code"] for f in res.json()["findings"]}, route
