"""Uploads of the unit templates through the API: a bad credit code is 422 naming its row and reason; enterprises,
then units, then performance load one after the other against the store; a unit of an unknown enterprise is 422."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

HUAWEI = "914403001922038216"


def _post(client: TestClient, template: str, text: str):
    data = ("\ufeff" + text).encode("utf-8")
    return client.post(
        f"/api/uploads/{template}",
        files={"file": (f"{template}.csv", data, "text/csv")},
        data={"who": "tester", "why": "api test"},
    )


def test_units_by_upload(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    bad = _post(
        client,
        "enterprises",
        f"统一社会信用代码,企业名称,地区代码,行业代码,重点用能单位\n{HUAWEI[:-1]}7,甲,440300,3011,是\n",
    )
    assert bad.status_code == 422
    [f] = [f for f in bad.json()["findings"] if f["code"] == "E_CREDIT_CODE_INVALID"]
    assert f["location"]["row"] == 2 and "gives '6'" in f["message_en"]
    orphan = _post(
        client,
        "production_units",
        "装置编号,企业统一社会信用代码,重点领域,细分类别,产能,产能单位,投产年份\n"
        f"C1,{HUAWEI},水泥熟料,通用,150,万t/a,2012\n",
    )
    assert orphan.status_code == 422
    assert [f["code"] for f in orphan.json()["findings"] if f["level"] == "error"] == ["E_ENTERPRISE_UNKNOWN"]
    ok = _post(
        client,
        "enterprises",
        f"统一社会信用代码,企业名称,地区代码,行业代码,重点用能单位\n{HUAWEI},甲,440300,3011,是\n",
    )
    assert ok.status_code == 200, ok.text
    assert (
        _post(
            client,
            "production_units",
            "装置编号,企业统一社会信用代码,重点领域,细分类别,产能,产能单位,投产年份\n"
            f"C1,{HUAWEI},水泥熟料,通用,150,万t/a,2012\n",
        ).status_code
        == 200
    )
    perf = _post(
        client,
        "unit_performance",
        "装置编号,期间,产量（t）,原煤（吨）,电力（兆瓦时）\nC1,2023,7000,1000,500\n",
    )
    assert perf.status_code == 200, perf.text
