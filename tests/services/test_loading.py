"""Loading is atomic: every bad-input class is refused with its bilingual error and the store is unchanged.

The bad files are the ingest suite's (tests/data/ingest/bad/, one per class); here they go through the
load path users take (`ecer load` and the loading service) into a store that already holds data.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from tests.handcase import ENERGY, REGIONS, TARGETS
from tests.ingest.test_ingest_bad_files import CASES
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.findings import FindingsError
from ecer.services.loading import load_file, read_file
from ecer.storage import Store

BAD = Path(__file__).resolve().parents[1] / "data" / "ingest" / "bad"
GOOD = Path(__file__).resolve().parents[1] / "data" / "ingest" / "good"
# region_parent.csv names parent 140000, unknown to the ingest suite's small region set but a real
# province (山西) for the loader, which knows every GB/T 2260 province: it loads, and is tested below.
LOAD_CASES = [c for c in CASES if c[0] != "region_parent.csv"] + [("wrong_sheet.xlsx", "energy", "E_SHEET_MISSING")]


def _filled(path: Path) -> Store:
    st = Store.open(path)
    st.load("regions", REGIONS, file="regions.csv", who="t", why="setup")
    st.load("energy", ENERGY, file="energy.csv", who="t", why="setup")
    st.load("targets", TARGETS, file="targets.csv", who="t", why="setup")
    return st


def _same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> bool:
    return a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a)


@pytest.mark.parametrize("case", LOAD_CASES, ids=[c[0] for c in LOAD_CASES])
def test_bad_file_is_refused_and_store_unchanged(tmp_path, case):
    name, template, code = case[0], case[1] or "energy", case[2]
    with _filled(tmp_path / "s.duckdb") as st:
        before = st.snapshot()
        with pytest.raises(FindingsError) as err:
            load_file(st, template, BAD / name, who="t", why="bad", sheet="数据" if name.endswith("sheet.xlsx") else None)
        assert code in {f.code for f in err.value.errors}
        f = next(f for f in err.value.errors if f.code == code)
        assert f.message_zh and f.message_en and f.fix_zh and f.fix_en
        assert _same(before, st.snapshot())


def test_cli_load_prints_both_languages_and_loads_nothing(tmp_path):
    path = tmp_path / "s.duckdb"
    _filled(path).close()
    with Store.open(path) as st:
        before = st.snapshot()
    res = CliRunner().invoke(app, ["load", "energy", str(BAD / "not_number.csv"), "--store", str(path)])
    assert res.exit_code == 1
    text = res.output
    assert "not_number.csv" in text and "不是数字" in text and "is not a number" in text and "12万" in text
    with Store.open(path) as st:
        assert _same(before, st.snapshot())


def test_unknown_parent_is_refused_on_load(tmp_path):
    f = tmp_path / "regions.csv"
    f.write_text((BAD / "region_parent.csv").read_text(encoding="utf-8").replace("140000", "990000"), encoding="utf-8")
    with _filled(tmp_path / "s.duckdb") as st:
        before = st.snapshot()
        with pytest.raises(FindingsError) as err:
            load_file(st, "regions", f, who="t", why="bad")
        assert [e.code for e in err.value.errors] == ["E_REGION_PARENT"]
        assert _same(before, st.snapshot())


def test_good_files_load_and_reloading_keeps_history(tmp_path):
    """An identical reload writes nothing (noted); a changed reload needs --revise and keeps the old version."""
    from ecer.services.loading import load_files

    with Store.open(tmp_path / "s.duckdb") as st:
        st.load("regions", REGIONS, file="regions.csv", who="t", why="setup")
        load_file(st, "energy", GOOD / "energy_gbk.csv", who="alice", why="first")
        again = load_files(st, "energy", [GOOD / "energy_gbk.csv"], who="bob", why="again")
        assert again.receipts == [] and [f.code for f in again.findings] == ["I_ROWS_UNCHANGED"]
        cur = st.current("energy")
        assert cur.height == read_file(GOOD / "energy_gbk.csv", "energy", store=st).frame.height >= 1
        key = cur.select("region_code", "period").row(0, named=True)
        assert st.history("energy", key).get_column("changed_by").to_list() == ["alice"]
        changed = tmp_path / "energy_changed.csv"
        text = (GOOD / "energy_gbk.csv").read_bytes().decode("gb18030").splitlines()  # title row, header, data
        cells = text[2].split(",")
        cells[2] = str(float(cells[2]) + 1)  # total energy of the first data row, +1 万tce
        changed.write_text("\n".join([*text[:2], ",".join(cells), *text[3:]]) + "\n", encoding="utf-8")
        before = st.snapshot()
        with pytest.raises(FindingsError) as err:
            load_files(st, "energy", [changed], who="carol", why="revision")
        (f,) = err.value.errors
        assert f.code == "E_REVISION_UNCONFIRMED" and f.evidence["values"] == 1 and f.evidence["rows"] == 1
        assert f.evidence["changes"][0]["column"] == "total_energy"
        assert f.evidence["changes"][0]["new"] - f.evidence["changes"][0]["old"] == pytest.approx(1e4)
        assert _same(before, st.snapshot())
        done = load_files(st, "energy", [changed], who="carol", why="revision", revise=True)
        assert done.receipts[0].rows == 1 and done.receipts[0].revised_keys == 1
        assert "I_REVISION_APPLIED" in {f.code for f in done.findings}
        assert st.history("energy", key).get_column("changed_by").to_list() == ["alice", "carol"]


def test_cli_loads_several_files_only_when_all_are_clean(tmp_path):
    path = tmp_path / "s.duckdb"
    _filled(path).close()
    with Store.open(path) as st:
        before = st.snapshot()
    both = [str(GOOD / "energy_utf8.csv"), str(BAD / "negative.csv")]
    res = CliRunner().invoke(app, ["load", "energy", *both, "--store", str(path)])
    assert res.exit_code == 1 and "negative.csv" in res.output and "nothing was loaded" in res.output
    with Store.open(path) as st:
        assert _same(before, st.snapshot())
    two = [str(GOOD / "energy_utf8.csv"), str(GOOD / "energy_bom.csv")]
    refused = CliRunner().invoke(app, ["load", "energy", *two, "--store", str(path), "--why", "two files"])
    # 110000 2021 is already stored with other values: the changes are listed, nothing loads without --revise
    assert refused.exit_code == 1 and "E_REVISION_UNCONFIRMED" in refused.output
    assert "10600.0" in refused.output and "123456.0" in refused.output and "nothing was loaded" in refused.output
    with Store.open(path) as st:
        assert _same(before, st.snapshot())
    ok = CliRunner().invoke(app, ["load", "energy", *two, "--store", str(path), "--why", "two files", "--revise"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.count("已导入 / loaded") == 2 and "I_REVISION_APPLIED" in ok.output


def test_a_column_the_file_leaves_out_keeps_the_stored_value(tmp_path):
    """北京 2021 is stored with feedstock 1200 tce (tests/handcase.py); a revision file with only the required columns
    changes the total (10600 → 12000 tce) and keeps the feedstock 1200, the renewables 20000 MWh and the separately
    listed 300 tce — the template's default 0 applies to new rows only."""
    from ecer.services.loading import load_files

    f = tmp_path / "partial.csv"
    f.write_text("地区代码,期间,能源消费总量（万吨标准煤）,地区生产总值（亿元）,可比价基年,电力折标口径\n"
                 "110000,2021,1.2,10.6,2020,calorific\n130000,2022,0.25,2.1,2020,calorific\n", encoding="utf-8")
    with _filled(tmp_path / "s.duckdb") as st:
        with pytest.raises(FindingsError) as err:
            load_files(st, "energy", [f], why="partial")
        changes = err.value.errors[0].evidence["changes"]
        assert [(c["column"], c["old"], c["new"]) for c in changes] == [("total_energy", 10600.0, 12000.0)]
        load_files(st, "energy", [f], why="partial", revise=True)
        row = st.current("energy", region_code="110000", period="2021").row(0, named=True)
        assert (row["total_energy"], row["feedstock_energy"], row["renewable_electricity"],
                row["separately_listed_energy"]) == (12000.0, 1200.0, 20000.0, 300.0)
        new = st.current("energy", region_code="130000", period="2022").row(0, named=True)
        assert new["feedstock_energy"] == 0.0 and new["total_energy"] == 2500.0
