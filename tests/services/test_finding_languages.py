"""The Chinese text of a message is Chinese and the English text English (issue 5 §2, §3.3): the details the
services, the CLI and the storage layer give ``E_NO_DATA`` and ``E_VALUE_INVALID`` were English sentences that the
Chinese message showed as they were, and the catalog's unknown edition lost the table's name in English. Each test reads the full text in both languages; the expected texts are the
code's template in ``ecer.findings`` (E_NO_DATA "没有可评估的数据：{detail}" / "no data to assess: {detail}";
E_VALUE_INVALID "值“{value}”无效：{detail}" / "value '{value}' is invalid: {detail}") filled by hand.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from ecer.findings import Finding, FindingsError


def _one(exc: pytest.ExceptionInfo[FindingsError]) -> Finding:
    (f,) = exc.value.findings
    return f


def test_no_store_and_no_folder() -> None:
    from ecer.services.dual_control import assess

    with pytest.raises(FindingsError) as e:
        assess(store=None)
    f = _one(e)
    assert f.message_zh == "没有可评估的数据：既没有指定数据库，也没有指定数据目录"
    assert f.message_en == "no data to assess: neither a store nor a data folder was given"


def test_a_data_folder_that_is_not_a_folder(tmp_path: Path) -> None:
    from ecer.services.dual_control import assess

    missing = tmp_path / "数据"  # a Chinese folder name stays as it is in the English text: it is the user's path
    with pytest.raises(FindingsError) as e:
        assess(data_dir=missing)
    f = _one(e)
    assert f.message_zh == f"没有可评估的数据：不是目录：{missing}"
    assert f.message_en == f"no data to assess: not a folder: {missing}"


def test_a_data_folder_without_energy_files(tmp_path: Path) -> None:
    from ecer.services.dual_control import assess

    with pytest.raises(FindingsError) as e:
        assess(data_dir=tmp_path)
    f = _one(e)
    assert f.message_zh == f"没有可评估的数据：目录 {tmp_path} 中没有 energy*.csv 或 energy*.xlsx 文件"
    assert f.message_en == f"no data to assess: no energy*.csv or energy*.xlsx in {tmp_path}"


def test_a_store_file_that_does_not_exist(tmp_path: Path) -> None:
    from ecer.cli.common import existing_store_location

    path = tmp_path / "none.duckdb"
    with pytest.raises(FindingsError) as e:
        existing_store_location(str(path))
    f = _one(e)
    assert f.message_zh == f"没有可评估的数据：数据库 {path} 不存在"
    assert f.message_en == f"no data to assess: store {path} does not exist"


def test_coal_equivalent_electricity_without_a_year() -> None:
    from ecer.services.energy import comprehensive_energy

    with pytest.raises(FindingsError) as e:
        comprehensive_energy({"电力": (500.0, "MWh")}, electricity_method="coal_equivalent")
    f = _one(e)
    assert f.text("zh") == "[E_VALUE_INVALID] 值“电力”无效：等价值口径须指定年份。处理：用 --year 指定年份"
    assert f.text("en") == "[E_VALUE_INVALID] value '电力' is invalid: coal_equivalent needs a year. Fix: give the year with --year"


def test_a_coal_rate_with_calorific_electricity() -> None:
    from ecer.cli.main import app

    r = CliRunner().invoke(app, ["energy", "convert", "电力=500MWh", "--electricity", "calorific", "--coal-rate", "300"])
    assert r.exit_code != 0
    assert ("[E_VALUE_INVALID] 值“--coal-rate”无效：发电煤耗是等价值口径的系数。处理：去掉 --electricity calorific"
            in r.output)
    assert ("[E_VALUE_INVALID] value '--coal-rate' is invalid: a coal rate is a coal-equivalent factor. Fix: drop "
            "--electricity calorific") in r.output


def test_more_bad_values_than_are_listed_are_counted_in_both_languages() -> None:
    from ecer.storage.frames import MAX_PER_COLUMN, coerce_frame

    # 25 rows whose base_year is "x": the first MAX_PER_COLUMN (20) are listed one by one, the 21st finding counts
    # the remaining 25 − 20 = 5
    n = 25
    frame = pl.DataFrame({"region_code": [f"{110000 + i}" for i in range(n)], "plan": ["14th"] * n,
                          "base_year": ["x"] * n, "target_year": ["2025"] * n, "intensity_reduction_basic": [13.5] * n,
                          "intensity_reduction_incentive": [None] * n, "gdp_growth_plan": [None] * n,
                          "total_increment_cap": [None] * n, "source": ["s"] * n},
                         schema_overrides={"intensity_reduction_incentive": pl.Float64, "gdp_growth_plan": pl.Float64,
                                           "total_increment_cap": pl.Float64})
    with pytest.raises(FindingsError) as e:
        coerce_frame("targets", frame, file="t.csv")
    more = [f for f in e.value.findings if f.evidence.get("value") == "…"]
    assert MAX_PER_COLUMN == 20 and len(more) == 1
    (f,) = more
    assert f.location is not None and (f.location.file, f.location.column) == ("t.csv", "base_year")
    assert f.text("zh") == "[E_VALUE_INVALID] 文件 t.csv，列 base_year：值“…”无效：该列另有 5 个无效值。处理：逐行改正该列"
    assert f.text("en") == ("[E_VALUE_INVALID] file t.csv, column base_year: value '…' is invalid: 5 more bad values in this "
                            "column. Fix: correct the column row by row")


def test_an_unknown_edition_names_the_table_in_both_languages() -> None:
    from ecer import refdata

    # the shipped regions editions are 2023 and 2024 (src/ecer/refdata/regions/)
    with pytest.raises(FindingsError) as e:
        refdata.load("regions", "1999")
    f = _one(e)
    assert f.message_zh == "未知的regions 版本“1999”，可选：2023, 2024"
    assert f.message_en == "unknown regions edition '1999'; valid: 2023, 2024"
