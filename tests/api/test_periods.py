"""``/api/periods``: only periods that can be assessed; ``?detail=true`` gives each one's kind and base-year mark."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient

from tests import handcase
from tests.api.store_cases import load_warning_case


@pytest.fixture
def warning_client(store_path: Path, make_client: Callable[..., TestClient]) -> TestClient:
    load_warning_case(store_path)
    return make_client()


def test_unassessable_years_are_left_out_and_the_base_year_kept(warning_client: TestClient) -> None:
    periods = warning_client.get("/api/periods").json()
    # 2019 has data, but the 13th plan has no targets: /api/assessments would refuse it (E_PERIOD_OUTSIDE_PLAN)
    assert "2019" not in periods
    assert warning_client.get("/api/assessments", params={"period": "2019"}).status_code == 422
    # 2020 (the 14th plan's base year) first, then 2021 and the periods built from its months, in order
    assert periods[:3] == ["2020", "2021", "2021H1"] and "2021-07YTD" in periods and periods[-1] == "2021-12"
    for p in periods:  # every period offered can be assessed
        assert warning_client.get("/api/assessments", params={"period": p}).status_code == 200, p


def test_detail_gives_kind_plan_and_base_year(warning_client: TestClient) -> None:
    detail = {d["period"]: d for d in warning_client.get("/api/periods", params={"detail": "true"}).json()}
    assert detail["2020"] == {"period": "2020", "kind": "Y", "year": 2020, "plan": "13th", "graded": False,
                              "base_year": True, "base_of_plan": "14th", "plan_base_year": 2015, "label_zh": "2020年"}
    assert detail["2021"]["graded"] is True and detail["2021"]["base_year"] is False
    assert detail["2021"]["plan"] == "14th" and detail["2021"]["plan_base_year"] == 2020
    kinds = {p: d["kind"] for p, d in detail.items()}
    assert (kinds["2021H1"], kinds["2021Q3"], kinds["2021-07YTD"], kinds["2021-07"]) == ("H", "Q", "YTD", "M")
    assert detail["2021-07YTD"]["label_zh"] == "2021年1—7月"
    assert list(detail) == warning_client.get("/api/periods").json()


def test_loaded_13th_plan_targets_make_its_years_assessable(store_path: Path,
                                                            make_client: Callable[..., TestClient]) -> None:
    thirteenth = handcase.TARGETS.head(1).with_columns(plan=pl.lit("13th"), base_year=pl.lit(2015, pl.Int64),
                                                       target_year=pl.lit(2020, pl.Int64))
    load_warning_case(store_path, targets=pl.concat([handcase.TARGETS, thirteenth]))
    detail = {d["period"]: d for d in make_client().get("/api/periods", params={"detail": "true"}).json()}
    assert detail["2019"]["graded"] is True and detail["2019"]["base_year"] is False
    # 2020 is graded against the 13th plan and stays the 14th plan's base year
    assert detail["2020"]["graded"] is True and detail["2020"]["base_year"] is True


def test_empty_store_has_no_periods(client: TestClient) -> None:
    assert client.get("/api/periods").json() == []
    assert client.get("/api/periods", params={"detail": "true"}).json() == []
