"""Assessment JSON for the hand-worked case of tests/handcase.py (values worked by hand in its docstring)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecer.storage import Store
from tests import handcase


@pytest.fixture
def loaded_client(store_path: Path, make_client: Callable[..., TestClient]) -> TestClient:
    with Store.open(store_path) as store:
        store.load("regions", handcase.REGIONS, file="regions.csv", who="t", why="hand case")
        store.load("energy", handcase.ENERGY, file="energy.csv", who="t", why="hand case")
        store.load("targets", handcase.TARGETS, file="targets.csv", who="t", why="hand case")
    return make_client()


def test_assessment_values_match_the_hand_case(loaded_client: TestClient) -> None:
    r = loaded_client.get("/api/assessments", params={"period": "2021", "edition": "2022"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["edition"]["edition"] == "2022"
    rows = {row["region_code"]: row for row in body["rows"] if row["period"] == "2021"}
    bj, tj, hb = rows["110000"], rows["120000"], rows["130000"]
    # 北京: I_2020 = 9000/(10×10⁴) = 0.09; I_2021 = 9100/(10.6×10⁴) = 0.0858491; ΔI = −4.6122 %.
    assert bj["energy_for_intensity"] == pytest.approx(9100.0)
    assert bj["intensity"] == pytest.approx(9100 / 106_000, rel=1e-6)
    assert bj["intensity_change_yoy"] == pytest.approx(-0.046122, abs=1e-6)
    assert bj["renewable_deduction_total"] == pytest.approx(1229.0)  # (20000 − 10000) MWh × 0.1229
    assert bj["energy_for_total"] == pytest.approx(7871.0)
    # the incentive pace is reached, but 2021 is an annual assessment: exempt only in the five-year one (第(九)条)
    assert (bj["intensity_grade"], bj["intensity_color"], bj["total_exempt"]) == (3, "green", False)
    assert bj["incentive_reached"] is True and bj["intensity_assessment"] == "met"
    # Required pace 1 − 0.865^(1/5) = 0.028589 (14th FYP 13.5 %, even geometric pace).
    assert bj["required_reduction_cumulative"] == pytest.approx(1 - 0.865 ** 0.2, abs=1e-6)
    # 天津: ΔI = 5200/53000 / 0.1 − 1 = −1.8868 % < 2.8589 % → 二级 yellow; total 一级 red.
    assert tj["intensity_change_yoy"] == pytest.approx(-0.018868, abs=1e-6)
    assert (tj["intensity_grade"], tj["intensity_color"], tj["total_grade"]) == (2, "yellow", 1)
    # 河北: ΔI = 2100/20400 / 0.1 − 1 = +2.9412 % → 一级 red.
    assert hb["intensity_change_yoy"] == pytest.approx(0.029412, abs=1e-6)
    assert (hb["intensity_grade"], hb["intensity_color"]) == (1, "red")


def test_region_filter_and_strict_json(loaded_client: TestClient) -> None:
    r = loaded_client.get("/api/assessments", params={"region": "130000", "edition": "2022"})
    assert r.status_code == 200
    rows = r.json()["rows"]
    assert rows and {row["region_code"] for row in rows} == {"130000"}
    for row in rows:  # strict JSON: floats are finite or null
        for v in row.values():
            assert not (isinstance(v, float) and not math.isfinite(v))


def test_periods_and_editions(loaded_client: TestClient) -> None:
    periods = loaded_client.get("/api/periods").json()
    assert {"2020", "2021"} <= set(periods)
    editions = loaded_client.get("/api/editions").json()
    assert {"2021", "2022", "2024"} <= {e["edition"] for e in editions}
    assert sum(e["is_default"] for e in editions) == 1


@pytest.mark.parametrize(("query", "code"), [({"period": "2021-13"}, "E_PERIOD_MALFORMED"),
                                            ({"region": "11"}, "E_REGION_MALFORMED")])
def test_malformed_query_is_422_finding(client: TestClient, query: dict[str, str], code: str) -> None:
    r = client.get("/api/assessments", params=query)
    assert r.status_code == 422
    assert [f["code"] for f in r.json()["findings"]] == [code]


def test_empty_store_is_404_no_data(client: TestClient) -> None:
    r = client.get("/api/assessments", params={"period": "2021"})
    assert r.status_code == 404
    assert r.json()["findings"][0]["code"] == "E_NO_DATA"
