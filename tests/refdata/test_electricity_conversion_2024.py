"""Electricity coal-equivalent factor (等价值, 发电煤耗法): the 2020 edition against its source, and an edition
*without* a ``rate`` column (``coal_equivalent`` rows only, other methods unknown) checked end to end through
``electricity_factor`` and ``services.dual_control.electricity_factors``. The shipped 2026 layout (a ``rate``
column, generation or supply) is tested in ``test_electricity_factors.py``.

No sourced national figure for 2019 or 2021-2024 was found yet, so the newer-edition checks run on a
temporary catalog whose 2022 rows are TEST FIXTURES (300.0 / 290.0 gce/kWh), not official numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import polars as pl
import pytest

from ecer import refdata
from ecer.findings import FindingsError
from ecer.refdata import catalog

TABLE = "electricity_conversion"


# --- shipped values, checked against the page that states them ---------------------------------------

def test_2020_coal_equivalent_matches_its_source() -> None:
    # https://tothetick.com/ndrc-china-to-improve-coal-fired-power-plants/ (NDRC statement on 发改运行〔2021〕1519号):
    # "The average amount of coal used in power generation was 305.5 grams per kWh in 2020,
    #  compared to 370 grams per kWh in 2005."
    df = refdata.load(TABLE, "2020").data
    row = df.filter((pl.col("method") == "coal_equivalent") & (pl.col("year") == 2020)).row(0, named=True)
    assert (row["value"], row["unit"]) == (305.5, "gce/kWh")
    assert "tothetick.com" in row["source"] and "1519" in row["doc_no"]
    assert row["confidence"] == "medium"  # one secondary source only
    assert refdata.electricity_factor(2020, "coal_equivalent") == pytest.approx(0.3055)  # 305.5 / 1000


@pytest.mark.parametrize("edition", refdata.editions(TABLE))
def test_every_coal_rate_is_physically_possible(edition: str) -> None:
    # A coal rate below the calorific value (3600 kJ/kWh ÷ 29.307 kJ/gce = 122.8 gce/kWh) would mean an
    # efficiency above 100 %; above 400 gce/kWh is older than any Chinese national average since 2005
    # (370 in 2005, same source as above). Catches kgce/gce slips.
    df = refdata.load(TABLE, edition).data.filter(pl.col("method").str.starts_with("coal_equivalent"))
    assert df.height > 0
    for row in df.iter_rows(named=True):
        assert row["unit"] == "gce/kWh" and row["year"] is not None
        assert 3600 / 29.307 < row["value"] < 400, row


# --- a newer edition with generation- and supply-basis rows (temporary catalog, fixture values) -------

FIXTURE_MANIFEST = """\
name = "electricity_conversion"
title_zh = "电力折标准煤系数（测试夹具）"
title_en = "Electricity to standard coal (test fixture)"
edition = "2024"
doc_no = "TEST FIXTURE"
supersedes = "2020"
key = ["method", "year"]
columns = [
  { name = "method", type = "str", required = true, allowed = ["calorific", "coal_equivalent", "coal_equivalent_supply"] },
  { name = "year", type = "int" },
  { name = "value", type = "float", unit = "@unit", required = true },
  { name = "unit", type = "str", required = true },
  { name = "basis", type = "str", required = true },
]
"""

FIXTURE_ROWS = """\
method,year,value,unit,basis,doc_no,clause,source,confidence
calorific,,0.1229,kgce/kWh,当量值,GB/T 2589-2008,附录A,fixture copy of the 2020 edition,high
coal_equivalent,2020,305.5,gce/kWh,supply (copied from 2020 edition),发改运行〔2021〕1519号,一,fixture copy,medium
coal_equivalent_supply,2022,290.0,gce/kWh,supply basis (TEST FIXTURE),TEST FIXTURE,-,not an official figure,low
coal_equivalent,2022,300.0,gce/kWh,generation basis (TEST FIXTURE),TEST FIXTURE,-,not an official figure,low
"""


@pytest.fixture
def newer_edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "refdata"
    shipped = files("ecer.refdata").joinpath(TABLE, "2020")
    (root / TABLE / "2020").mkdir(parents=True)
    for name in ("manifest.toml", "data.csv"):
        (root / TABLE / "2020" / name).write_bytes(shipped.joinpath(name).read_bytes())
    (root / TABLE / "2024").mkdir()
    (root / TABLE / "2024" / "manifest.toml").write_text(FIXTURE_MANIFEST, encoding="utf-8")
    (root / TABLE / "2024" / "data.csv").write_text(FIXTURE_ROWS, encoding="utf-8")
    monkeypatch.setattr(catalog, "_root", lambda: root)
    catalog._index.cache_clear()
    catalog._load_cached.cache_clear()
    yield root
    catalog._index.cache_clear()
    catalog._load_cached.cache_clear()


def test_newest_edition_is_used_and_supply_rows_are_ignored(newer_edition: Path) -> None:
    assert refdata.editions(TABLE) == ["2020", "2024"]
    assert refdata.load(TABLE).edition == "2024"
    # 300.0 gce/kWh ÷ 1000 = 0.3 kgce/kWh = 0.3 tce/MWh (the 290.0 supply-basis row must not be used)
    assert refdata.electricity_factor(2022, "coal_equivalent") == pytest.approx(0.300)
    assert refdata.electricity_factor(2020, "coal_equivalent") == pytest.approx(0.3055)
    with pytest.raises(FindingsError) as exc:  # the 2020 edition still has no 2022 value
        refdata.electricity_factor(2022, "coal_equivalent", edition="2020")
    assert "2022" in exc.value.findings[0].message_en
    with pytest.raises(FindingsError) as exc:  # supply rows are reference only, not a lookup method
        refdata.electricity_factor(2022, "coal_equivalent_supply")
    assert exc.value.findings[0].code == "E_UNKNOWN_NAME"


def test_dual_control_service_reads_the_newer_edition(newer_edition: Path) -> None:
    from ecer.services.dual_control import electricity_factors

    got = electricity_factors()
    cal = got.filter(pl.col("basis") == "calorific")
    assert cal["factor"].to_list() == pytest.approx([0.1229]) and cal["year"].to_list() == [None]
    ce = dict(got.filter(pl.col("basis") == "coal_equivalent").select("year", "factor").iter_rows())
    assert ce == pytest.approx({2020: 0.3055, 2022: 0.300})  # the 290.0 supply-basis row is not used
    # a user's own factor for a region and year is passed on, in tce/MWh, after the catalog's
    user = pl.DataFrame({"region_code": ["330000"], "year": [2022], "coal_rate": [287.0], "rate": ["generation"],
                         "source": ["浙江统计年鉴"]})
    mine = electricity_factors(user).filter(pl.col("region_code") == "330000").row(0, named=True)
    assert mine["factor"] == pytest.approx(0.287) and "浙江统计年鉴" in mine["source"]
