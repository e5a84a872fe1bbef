"""Defaults the assessment takes from the catalog when the data lack them, each visible in `target_source`."""

import pytest
from tests.handcase import ENERGY, REGIONS

from ecer.services import dual_control
from ecer.storage import Store


def test_targets_default_to_published_then_national():
    with Store.memory() as st:
        st.load("regions", REGIONS, file="r.csv", who="t", why="t")
        import polars as pl

        shandong = ENERGY.filter(pl.col("region_code") == "130000").with_columns(region_code=pl.lit("370000"))
        st.load("energy", pl.concat([ENERGY, shandong]), file="e.csv", who="t", why="t")
        result = dual_control.assess(store=st, period="2021", edition="2022")
    rows = {r["region_code"]: r for r in result.table.iter_rows(named=True)}
    # 北京, 天津 and 河北 published 14 %, 14.5 % and 15 % (catalog provincial_intensity_targets_14th, 2026); 山东
    # published none ("完成国家分解任务"), so it takes the national 13.5 % of 国发〔2021〕33号 and says so.
    assert rows["110000"]["five_year_target"] == pytest.approx(0.14)
    assert rows["110000"]["target_source"].startswith("catalog provincial_intensity_targets_14th")
    assert rows["120000"]["five_year_target"] == pytest.approx(0.145)
    assert rows["130000"]["five_year_target"] == pytest.approx(0.15)
    assert rows["370000"]["five_year_target"] == pytest.approx(0.135)
    assert rows["370000"]["target_source"].startswith("parent 100000; 国发〔2021〕33号")
    assert rows["370000"]["target_status"] == "inherited"
    assert "no published 14th-FYP target" in rows["370000"]["target_note"] and "未公布" in rows["370000"]["target_note"]
    assert rows["130000"]["target_note"] is None
    # yearly requirement from 14.5 %: 1 − 0.855^(1/5) = 1 − exp(ln 0.855 / 5) = 1 − exp(−0.0313308) = 0.030845
    assert rows["120000"]["required_reduction_annual"] == pytest.approx(0.030845, abs=5e-7)


def test_data_folder_regions_are_known_to_its_energy_file(tmp_path):
    """A county defined in the folder's regions file may be used by its energy file (no store involved)."""
    import polars as pl
    from tests.handcase import ENERGY as E

    from ecer.ingest import write_frame

    regions = pl.DataFrame({"region_code": ["370102"], "name_zh": ["历下区"], "name_en": ["Lixia"],
                            "level": ["county"], "parent_code": ["370100"]})
    write_frame(regions, "regions", tmp_path / "regions.csv")
    write_frame(E.filter(pl.col("region_code") == "130000").with_columns(region_code=pl.lit("370102")),
                "energy", tmp_path / "energy.csv")
    result = dual_control.assess(data_dir=tmp_path, period="2021", edition="2022")
    row = result.table.row(0, named=True)
    assert row["region_code"] == "370102" and row["intensity_change_yoy"] == pytest.approx(0.029412, abs=5e-6)
    # 济南 and 山东 have no target: the chain reaches the nation
    assert row["target_source"].startswith("parent 370100; parent 370000; parent 100000; 国发〔2021〕33号")


def test_a_county_needs_no_regions_file(tmp_path):
    """Any GB/T 2260 county is known from the catalog (regions 2024): its energy file loads without a regions
    file, and its target comes down the chain county → city → province (浙江's published 14.5 %)."""
    import polars as pl
    from tests.handcase import ENERGY as E

    from ecer.ingest import write_frame
    from ecer.services.loading import read_file

    write_frame(E.filter(pl.col("region_code") == "130000").with_columns(region_code=pl.lit("330106")),
                "energy", tmp_path / "energy.csv")
    assert read_file(tmp_path / "energy.csv", "energy").ok
    result = dual_control.assess(data_dir=tmp_path, period="2021", edition="2022")
    row = result.table.row(0, named=True)
    assert (row["region_code"], row["name_zh"], row["level"], row["parent_code"]) == ("330106", "西湖区", "county", "330100")
    assert row["five_year_target"] == pytest.approx(0.145)
    assert row["target_source"].startswith("parent 330100; parent 330000; catalog provincial_intensity_targets_14th")
