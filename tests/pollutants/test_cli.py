"""``ecer pollutants``: exit codes tell the truth, and the hand-case values reach the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ecer.cli.main import app
from tests.pollutants.conftest import write

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["pollutants", *args], env={"COLUMNS": "240"})
    return r.exit_code, r.output


def _loaded(files: dict[str, Path], tmp_path: Path) -> str:
    store = str(tmp_path / "s.duckdb")
    for name in ("pollutant_emissions", "pollutant_measures", "pollutant_increments", "pollutant_targets"):
        code, out = _run("load", str(files[name]), "--store", store)
        assert code == 0, out
    return store


def test_no_store_and_no_data_exit_1_saying_what_to_load(tmp_path: Path) -> None:
    code, out = _run("ledger", "--store", str(tmp_path / "none.duckdb"))
    assert code == 1 and "E_POLLUTANT_NO_DATA" in out and "ecer pollutants load" in out
    code, out = _run("progress", "--as-of-year", "2022", "--store", str(tmp_path / "none.duckdb"))
    assert code == 1 and "E_POLLUTANT_NO_DATA" in out


def test_load_ledger_progress_on_the_hand_case(handcase_files: dict[str, Path], tmp_path: Path) -> None:
    store = _loaded(handcase_files, tmp_path)
    code, out = _run("ledger", "--store", store, "-f", "json")
    assert code == 0
    rows = {(r["pollutant"], r["year"]): r["emissions"] for r in json.loads(out)["rows"]}
    # 50 000 + 1 533 − 868.25 = 50 664.75; 50 664.75 + 1 022 − 135 = 51 551.75; 8 000 − 440 = 7 560; − 300 = 7 260
    assert rows == {("COD", 2021): 50_664.75, ("COD", 2022): 51_551.75, ("NOx", 2021): 7_560.0,
                    ("NOx", 2022): 7_260.0}
    code, out = _run("ledger", "--store", store)
    assert code == 0 and "51,551.75" in out and "化学需氧量" in out
    code, out = _run("progress", "--as-of-year", "2022", "--store", store)
    assert code == 0 and "一级（红）" in out and "+1.75%" in out  # COD 51 551.75 / 50 664.75 − 1 = +1.7507 %
    code, out = _run("progress", "--as-of-year", "2024", "--store", store)
    assert code == 1 and "E_POLLUTANT_NO_DATA" in out
    code, out = _run("ledger", "--store", store, "--pollutant", "SO3")
    assert code == 2 and "E_UNKNOWN_NAME" in out


def test_check_exit_codes(handcase_files: dict[str, Path], tmp_path: Path) -> None:
    code, out = _run("check", str(handcase_files["pollutant_measures"]))
    assert code == 0 and "492.75" in out  # 7.3·10⁶ m³ × 240 mg/L × 10⁻⁶ − 1 259.25
    bad = write(tmp_path / "bad.csv", "pollutant_emissions",
                [{"region_code": "990000", "pollutant": "COD", "year": 2020, "emissions": 1}])
    code, out = _run("check", str(bad))
    assert code == 1 and "E_REGION_UNKNOWN" in out
    code, out = _run("check", str(bad), "--template", "energy")
    assert code == 2 and "E_UNKNOWN_NAME" in out


def test_a_revision_needs_yes(handcase_files: dict[str, Path], tmp_path: Path) -> None:
    store = _loaded(handcase_files, tmp_path)
    changed = write(tmp_path / "e2.csv", "pollutant_emissions",
                    [{"region_code": "350100", "pollutant": "COD", "year": 2020, "emissions": 51_000}])
    code, out = _run("load", str(changed), "--store", store)
    assert code == 1 and "E_REVISION_UNCONFIRMED" in out and "--yes" in out and "51000" in out
    code, out = _run("load", str(changed), "--store", store, "--yes")
    assert code == 0 and "1 修改 revised" in out


def test_decompose(tmp_path: Path) -> None:
    p = tmp_path / "cities.csv"
    p.write_text("地区代码,基年排放量（吨）,质量差距\n350100,300000,0\n350200,150000,2\n350300,50000,2\n", encoding="utf-8")
    code, out = _run("decompose", str(p), "--total", "6.86", "--unit", "万吨", "--method", "burden_weighted",
                     "--gap-factor", "0.5", "-f", "json")
    assert code == 0, out
    # 6.86 万吨 = 68 600 t; weights 300 000, 300 000, 100 000 → 29 400, 29 400, 9 800
    assert [r["task"] for r in json.loads(out)["rows"]] == [29_400.0, 29_400.0, 9_800.0]
    code, out = _run("decompose", str(p), "--total", "1", "--method", "magic")
    assert code == 2 and "E_UNKNOWN_NAME" in out


def test_a_ledger_with_an_orphan_measure_prints_and_exits_1(handcase_files: dict[str, Path], tmp_path: Path) -> None:
    store = _loaded(handcase_files, tmp_path)
    orphan = write(tmp_path / "m2.csv", "pollutant_measures", [
        {"region_code": "350200", "pollutant": "COD", "year": 2021, "measure_id": "X", "method": "closure",
         "prev_emissions_t": 10}])
    assert _run("load", str(orphan), "--store", store)[0] == 0
    code, out = _run("ledger", "--store", store)
    # the ledger of 350100 is still shown (50 664.75 t), and the measure without a base is an error: exit 1
    assert code == 1 and "50,664.75" in out and "E_POLLUTANT_NO_BASE" in out
