"""``/api/pollutants/ledger|progress|measures|report``: the hand-worked case (tests/pollutant_handcase.py, worked in
its docstring) loaded through the template files, read back over HTTP with the hand-worked figures; truthful
status codes (unknown region 404, malformed 422, a year not after the base year 422, no data 404 with a message);
findings in the payload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fastexcel
import pytest
from fastapi.testclient import TestClient

from ecer.api.app import create_app
from ecer.storage import Store
from tests import pollutant_handcase as hc
from tests.pollutants.conftest import emission_rows, increment_rows, measure_rows, quota_rows, write

ORDER = ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets")


def handcase_db(folder: Path, *, extra_measures: list[dict[str, object]] | None = None) -> Path:
    """A DuckDB store at ``folder``/p.duckdb with the hand case loaded through its template files."""
    from ecer.services.pollutants import load_pollutant_file

    rows = {"pollutant_emissions": emission_rows(), "pollutant_measures": measure_rows() + (extra_measures or []),
            "pollutant_increments": increment_rows(), "pollutant_targets": quota_rows()}
    db = folder / "p.duckdb"
    with Store.open(db) as store:
        for name in ORDER:
            load_pollutant_file(store, write(folder / f"{name}.csv", name, rows[name]), who="t", why="hand case")
    return db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = handcase_db(tmp_path_factory.mktemp("polapi"))
    with TestClient(create_app(db)) as c:
        yield c


def test_ledger_by_hand(client: TestClient) -> None:
    res = client.get("/api/pollutants/ledger")
    assert res.status_code == 200, res.text
    got = {(r["pollutant"], r["year"]): (r["reduction_total"], r["emissions"]) for r in res.json()["rows"]}
    # COD 2021 = 50 000 + 1 533 − 868.25 = 50 664.75; 2022 = 50 664.75 + 1 022 − 135; NOx 8 000 − 440, − 300
    for k, v in hc.EXPECTED_LEDGER.items():
        assert got[k] == pytest.approx(v, abs=1e-6), k
    row = res.json()["rows"][0]
    assert row["region_name_zh"] == "福州市" and "findings" in res.json()


def test_progress_by_hand(client: TestClient) -> None:
    body = client.get("/api/pollutants/progress").json()
    assert body["as_of_year"] == 2022 and body["years"] == [2021, 2022]
    rows = {r["pollutant"]: r for r in body["rows"]}
    # COD 2022: +1.7507 % on 2021 → 一级 red; D = −3.1035 %. NOx 2022: −3.9683 % → green, D = 9.25 %, ratio 2.24142
    assert rows["COD"]["percent_grade"] == 1 and rows["COD"]["percent_color"] == "red"
    assert rows["COD"]["reduction_cumulative"] == pytest.approx(-0.031035, abs=1e-6)
    assert rows["NOx"]["percent_grade"] == 3 and rows["NOx"]["progress_ratio"] == pytest.approx(2.241420, abs=1e-5)
    # the quota (loaded, synthetic): COD achieved 1 003.25 of 1 200 due → 二级; NOx 740 ≥ 600 → 三级
    assert rows["COD"]["achieved_cumulative"] == pytest.approx(1003.25) and rows["COD"]["quantity_grade"] == 2
    assert rows["NOx"]["achieved_cumulative"] == pytest.approx(740.0) and rows["NOx"]["quantity_grade"] == 3
    # the percentage targets are the national ones, said so in a finding
    assert "I_POLLUTANT_NATIONAL_TARGET" in [f["code"] for f in body["findings"]]
    y21 = client.get("/api/pollutants/progress", params={"as_of_year": 2021}).json()
    assert {r["pollutant"]: r["percent_grade"] for r in y21["rows"]} == {"COD": 1, "NOx": 3}


def test_measures_by_hand(client: TestClient) -> None:
    body = client.get("/api/pollutants/measures").json()
    got = {(r["measure_id"], r["year"]): (r["kind"], r["reduction"]) for r in body["rows"]}
    assert got.keys() == hc.EXPECTED_REDUCTIONS.keys()
    for k, (kind, t) in hc.EXPECTED_REDUCTIONS.items():  # e.g. WWTP-1: 7.3e6 × (280 − 40) × 1e-6 − 1 259.25
        assert got[k][0] == kind and got[k][1] == pytest.approx(t), k
    kinds = {(r["pollutant"], r["year"]): r for r in body["by_kind"]}
    c21 = kinds[("COD", 2021)]
    assert (c21["reduction_engineering"], c21["reduction_structural"], c21["reduction_management"]) == \
        pytest.approx((492.75, 350.5, 25.0))
    one = client.get("/api/pollutants/measures", params={"year": 2022, "pollutant": "化学需氧量"}).json()
    assert sorted(r["measure_id"] for r in one["rows"]) == ["WWTP-2", "bypass"]


def test_truthful_status(client: TestClient) -> None:
    unknown = client.get("/api/pollutants/progress", params={"region_code": "990000"})
    assert unknown.status_code == 404 and unknown.json()["findings"][0]["code"] == "E_REGION_UNKNOWN"
    assert client.get("/api/pollutants/ledger", params={"region_code": "12"}).status_code == 422
    no_data = client.get("/api/pollutants/progress", params={"region_code": "110000"})  # known, nothing stored
    assert no_data.status_code == 404 and no_data.json()["findings"][0]["code"] == "E_POLLUTANT_NO_DATA"
    assert "110000" in no_data.json()["findings"][0]["message_zh"]
    base = client.get("/api/pollutants/progress", params={"as_of_year": 2020})  # the base year: nothing to measure
    assert base.status_code == 422 and base.json()["findings"][0]["code"] == "E_VALUE_INVALID"
    late = client.get("/api/pollutants/progress", params={"as_of_year": 2024})  # no accounting after 2022
    assert late.status_code == 404 and late.json()["findings"][0]["code"] == "E_POLLUTANT_NO_DATA"
    assert client.get("/api/pollutants/progress", params={"as_of_year": "20x2"}).status_code == 422
    assert client.get("/api/pollutants/progress", params={"as_of_year": 1800}).status_code == 422
    bad = client.get("/api/pollutants/ledger", params={"pollutant": "SO3"})
    assert bad.status_code == 404 and bad.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"
    none = client.get("/api/pollutants/measures", params={"year": 2019})
    assert none.status_code == 404 and none.json()["findings"][0]["code"] == "E_POLLUTANT_NO_DATA"
    fmt = client.get("/api/pollutants/report.docx")
    assert fmt.status_code == 404 and fmt.json()["findings"][0]["code"] == "E_UNKNOWN_NAME"


def test_empty_store_is_404_with_a_message(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.duckdb")) as c:
        for path in ("/api/pollutants/ledger", "/api/pollutants/progress", "/api/pollutants/measures",
                     "/api/pollutants/report.html"):
            res = c.get(path)
            assert res.status_code == 404, (path, res.text)
            f = res.json()["findings"][0]
            assert f["code"] == "E_POLLUTANT_NO_DATA" and "ecer template pollutant_emissions" in f["fix_zh"]


def test_report_downloads_by_hand(client: TestClient, tmp_path: Path) -> None:
    html = client.get("/api/pollutants/report.html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    text = html.text
    # COD: 5.0000 万吨 in 2020, 5.1552 万吨 (51,551.75 t) in 2022; the loaded quota 1,003.25 of 1,200 t due
    assert "2020 年（基年）排放 5.0000 万吨（50,000 吨），2022 年排放 5.1552 万吨（51,551.75 吨）" in text
    assert "截至 2022 年累计完成 1,003.25 吨" in text and "按时序应完成 1,200 吨" in text
    assert "比照国发〔2021〕33号 全国目标计算进度" in text  # the finding reaches the report
    xlsx = client.get("/api/pollutants/report.xlsx", params={"as_of_year": 2022})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    path = tmp_path / "r.xlsx"
    path.write_bytes(xlsx.content)
    region = fastexcel.read_excel(path).load_sheet("分地区进展", header_row=1).to_polars()
    cod = region.filter(region["污染物"] == "化学需氧量（COD）").row(0, named=True)
    assert cod["排放量（万吨）"] == pytest.approx(5.155175) and cod["预警等级"] == "一级（红）"
    en = client.get("/api/pollutants/report.html", params={"lang": "en"})
    assert en.status_code == 200 and '<html lang="en">' in en.text


def test_a_warning_reaches_every_face(tmp_path: Path) -> None:
    """A measure dated in the base year (2020) is loaded, not counted (W_POLLUTANT_MEASURE_BEFORE_BASE), and said
    in the ledger, the progress, the measures payloads and the report — the hand-worked figures unchanged."""
    old = {"region_code": hc.REGION, "pollutant": "COD", "year": 2020, "measure_id": "old-plant",
           "method": "reported", "kind": "engineering", "reduction_t": 10.0}
    with TestClient(create_app(handcase_db(tmp_path, extra_measures=[old]))) as c:
        for path in ("/api/pollutants/ledger", "/api/pollutants/progress", "/api/pollutants/measures"):
            body = c.get(path).json()
            codes = [f["code"] for f in body["findings"]]
            assert "W_POLLUTANT_MEASURE_BEFORE_BASE" in codes, (path, codes)
        rows = {(r["pollutant"], r["year"]): r["emissions"] for r in c.get("/api/pollutants/ledger").json()["rows"]}
        assert rows[("COD", 2022)] == pytest.approx(51_551.75)  # 10 t in the base year is not counted again
        text = c.get("/api/pollutants/report.html").text
        assert "减排措施 old-plant" in text and "的年份不晚于基年 2020，未计入核算" in text
