"""`ecer energy convert`: messages in both languages and exit codes (2 bad usage, 1 input the tables cannot convert)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["energy", "convert", *args])
    return res.exit_code, res.output


def test_json_total_and_basis() -> None:
    code, out = _run("原煤=1000t", "电力=500MWh", "-f", "json")
    assert code == 0, out
    body = json.loads(out)
    assert body["total_tce"] == pytest.approx(775.75, abs=1e-9)  # 1000 × 0.7143 + 500 × 0.1229, unrounded
    assert [r["basis"] for r in body["rows"]] == ["原煤 0.7143 kgce/kg (GB/T 2589 (edition not named))",
                                                  "calorific value (当量值) 0.1229 kgce/kWh (GB/T 2589-2008)"]


@pytest.mark.parametrize(("item", "zh", "en"), [
    ("原煤=1000", "1000 后缺少单位", "the unit is missing after 1000"),
    ("原煤=", "“=”后缺少数值和单位", "the value and unit are missing after '='"),
    ("=5t", "“=”前缺少能源品种", "the carrier is missing before '='"),
    ("原煤=abc t", "“abc t”不以数值开头", "'abc t' does not start with a number"),
    ("原煤1000t", "缺少“=”", "there is no '='"),
])
def test_malformed_items_are_bad_usage(item: str, zh: str, en: str) -> None:
    code, out = _run(item)
    assert code == 2, out
    assert "E_QUANTITY_MALFORMED" in out and zh in out and en in out
    assert "原煤=1000t" in out  # the fix shows the form


def test_every_malformed_item_is_reported_at_once() -> None:
    code, out = _run("原煤=1000", "=5t", "电力=500MWh")
    assert code == 2 and out.count("E_QUANTITY_MALFORMED") == 4  # two findings, two languages each


def test_a_unit_is_not_a_number() -> None:
    code, out = _run("原煤=5e")  # no exponent digits: '5' then the unit 'e', which is not a unit
    assert code == 1 and "E_UNIT_INVALID" in out


def test_natural_gas_without_kind_lists_the_kinds() -> None:
    code, out = _run("天然气=2万m3")
    assert code == 2, out
    assert "E_CARRIER_AMBIGUOUS" in out and "油田天然气 1.3300" in out and "气田天然气 1.2143" in out
    code, out = _run("气田天然气=2万m3", "-f", "json")
    assert code == 0 and json.loads(out)["total_tce"] == pytest.approx(24.286)


def test_coal_equivalent_year_without_factor_and_a_supplied_rate() -> None:
    code, out = _run("电力=500MWh", "--electricity", "coal_equivalent", "--year", "2022")
    assert code == 1 and "E_ELECTRICITY_FACTOR_NOT_SHIPPED" in out and "2022" in out
    code, out = _run("电力=500MWh", "--year", "2022", "--coal-rate", "290", "-f", "json")
    assert code == 0, out
    row = json.loads(out)["rows"][0]
    assert row["tce"] == pytest.approx(145.0) and "generation coal rate (发电标准煤耗)" in row["basis"]
    code, out = _run("电力=500MWh", "--electricity", "calorific", "--coal-rate", "290")
    assert code == 1 and "E_VALUE_INVALID" in out
    code, out = _run("电力=500MWh", "--coal-rate", "0.29")
    assert code == 1 and "122.8" in out
