"""`ecer check` and `ecer load` decide region codes the same way (issue 6 §3): with a store, a region stored there
is known to both; without one, `check` knows the GB/T 2260 catalog only and says so."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.findings import FindingsError
from ecer.ingest.templates import TEMPLATES
from ecer.services.loading import check_file, load_files
from ecer.storage import Store

runner = CliRunner()
ENERGY = [c.header for c in TEMPLATES["energy"].columns if c.required]
REGIONS = [c.header for c in TEMPLATES["regions"].columns]
STORED_ONLY = "110199"  # a county registered in the store only: not a GB/T 2260 catalog code
NOWHERE = "990101"  # in neither


@pytest.fixture
def files(tmp_path):
    regions = tmp_path / "regions.csv"
    regions.write_text(
        ",".join(REGIONS) + f"\n{STORED_ONLY},试验县,Test County,county,110000\n", encoding="utf-8"
    )
    energy = tmp_path / "energy.csv"
    energy.write_text(
        ",".join(ENERGY) + f"\n110000,2021,1,2,2020\n{STORED_ONLY},2021,1,2,2020\n{NOWHERE},2021,1,2,2020\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.duckdb"
    res = runner.invoke(
        app, ["load", "regions", str(regions), "--store", str(store), "--who", "t", "--why", "t"]
    )
    assert res.exit_code == 0, res.output
    return store, energy


def _region_findings(findings):
    return sorted(
        (f.code, f.location.row, f.evidence.get("value")) for f in findings if f.code.startswith("E_REGION")
    )


def test_check_with_store_and_load_give_the_same_region_findings(files):
    store_path, energy = files
    with Store.open(store_path) as st:
        checked = check_file(energy, "energy", store=st)
        with pytest.raises(FindingsError) as refused:
            load_files(st, "energy", [energy], who="t", why="t")
        assert st.counts()["energy"] == 0  # refused: nothing loaded
    # worked out by hand: row 2 is a catalog code, row 3 is in the store, row 4 is nowhere
    assert _region_findings(checked.findings) == [("E_REGION_UNKNOWN", 4, NOWHERE)]
    assert _region_findings(refused.value.findings) == _region_findings(checked.findings)


def test_check_without_store_says_it_checked_the_catalog_only(files):
    store_path, energy = files
    plain = runner.invoke(app, ["check", "-t", "energy", str(energy), "--lang", "en"])
    text = plain.output.replace("\n", " ")
    assert plain.exit_code == 1
    assert (
        f"'{STORED_ONLY}'" in text and f"'{NOWHERE}'" in text
    )  # the store's region is unknown to the catalog
    assert "I_REGIONS_CATALOG_ONLY" in text and "--store" in text
    with_store = runner.invoke(
        app, ["check", "-t", "energy", str(energy), "--store", str(store_path), "--lang", "en"]
    )
    text = with_store.output.replace("\n", " ")
    assert with_store.exit_code == 1
    assert f"'{NOWHERE}'" in text and f"'{STORED_ONLY}'" not in text and "I_REGIONS_CATALOG_ONLY" not in text
    load = runner.invoke(
        app, ["load", "energy", str(energy), "--store", str(store_path), "--who", "t", "--why", "t"]
    )
    text = load.output.replace("\n", " ")
    assert load.exit_code == with_store.exit_code == 1
    assert f"'{NOWHERE}'" in text and f"'{STORED_ONLY}'" not in text


def test_a_clean_file_checked_without_store_gets_the_note_but_exits_0(tmp_path):
    energy = tmp_path / "e.csv"
    energy.write_text(",".join(ENERGY) + "\n110000,2021,1,2,2020\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(energy), "--lang", "zh"])
    assert res.exit_code == 0, res.output
    assert "I_REGIONS_CATALOG_ONLY" in res.output and "GB/T 2260 目录" in res.output
