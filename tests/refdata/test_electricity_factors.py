"""Coal-equivalent electricity factors (等价值): the 2026 edition against the text it quotes, the generation-vs-supply
preference, the error for a year without a factor, factors the user supplies, and the dual-control reading.

The official sentence (发改运行〔2021〕1519号, 附件 一, read in the PDF of the policy collection
github:yeahqiona/Dual-carbon-policies, 'Source data/400、关于开展全国煤电机组改造升级的通知.pdf'):
«2020年全国6000千瓦及以上火电厂供电煤耗为305.5克标准煤/千瓦时，比2015年下降9.9克/千瓦时，比2010年下降27.5克/千瓦时，
比2005年下降64.5克/千瓦时» — a supply (供电) rate; 2015, 2010 and 2005 follow by addition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from ecer import refdata
from ecer.findings import FindingsError
from ecer.refdata import catalog
from ecer.refdata.lookups import RATES

TABLE = "electricity_conversion"
QUOTE = ("2020年全国6000千瓦及以上火电厂供电煤耗为305.5克标准煤/千瓦时，比2015年下降9.9克/千瓦时，比2010年下降27.5克/千瓦时，"
         "比2005年下降64.5克/千瓦时")


def _rows() -> pl.DataFrame:
    return refdata.load(TABLE, "2026").data.filter(pl.col("method") == "coal_equivalent")


def test_values_follow_from_the_quoted_sentence() -> None:
    base = float(re.search(r"供电煤耗为([\d.]+)克", QUOTE).group(1))  # type: ignore[union-attr]
    drops = {int(y): float(d) for y, d in re.findall(r"比(\d{4})年下降([\d.]+)克", QUOTE)}
    expected = {2020: base, **{y: round(base + d, 1) for y, d in drops.items()}}
    assert expected == {2020: 305.5, 2015: 315.4, 2010: 333.0, 2005: 370.0}
    shipped = {r["year"]: r["value"] for r in _rows().iter_rows(named=True)}
    assert shipped == expected
    row2020 = _rows().filter(pl.col("year") == 2020).row(0, named=True)
    assert QUOTE in row2020["source"].replace("\n", "") and "1519号" in row2020["doc_no"]
    assert row2020["confidence"] == "high"  # the official text itself was read


def test_every_coal_rate_is_labelled_supply_or_generation_with_its_scope() -> None:
    for row in _rows().iter_rows(named=True):
        assert row["rate"] in RATES and row["scope"], row
        # 1519号 speaks of 供电煤耗: every value taken from it is a supply rate
        if "1519号" in row["doc_no"]:
            assert row["rate"] == "supply" and row["scope"] == "全国6000千瓦及以上火电厂"
        assert row["unit"] == "gce/kWh" and 3600 / 29.307 < row["value"] < 400


def test_2010_agrees_with_an_independent_report() -> None:
    # interfax 2011-10-25 (SERC/NDRC): "consumed on average 333 grams of coal per kilowatt hour (kWh) ... in 2010"
    row = _rows().filter(pl.col("year") == 2010).row(0, named=True)
    assert row["value"] == 333.0 and "interfax.com" in row["source"] and row["confidence"] == "high"
    derived = _rows().filter(pl.col("year").is_in([2005, 2015]))
    assert set(derived["confidence"]) == {"medium"}  # arithmetic from the one sentence only


def test_factor_objects_name_rate_basis_and_source() -> None:
    f = refdata.coal_equivalent_factors()[2020]
    assert (f.method, f.year, f.rate, f.value, f.unit) == ("coal_equivalent", 2020, "supply", 305.5, "gce/kWh")
    assert f.tce_per_mwh == pytest.approx(0.3055)
    assert "供电标准煤耗" in f.label_zh and "supply coal rate" in f.label_en and "1519号" in f.label_en
    assert f.source.startswith("发改运行〔2021〕1519号") and "yeahqiona" in f.reference
    assert "generation" in f.note  # a supply rate says it is not NBS's generation rate
    assert sorted(refdata.coal_equivalent_factors()) == [2005, 2010, 2015, 2020]
    cal = refdata.calorific_factor()
    assert (cal.method, cal.year, cal.rate, cal.tce_per_mwh) == ("calorific", None, None, 0.1229)
    assert "当量值" in cal.label_zh and cal.note == ""
    assert refdata.electricity_factor_detail(None, "calorific") == cal


def test_a_year_without_a_factor_says_how_to_supply_one() -> None:
    for call in (lambda: refdata.electricity_factor(2022, "coal_equivalent"),
                 lambda: refdata.coal_equivalent_factor(2022),
                 lambda: refdata.coal_equivalent_factor(2020, rate="generation")):
        with pytest.raises(FindingsError) as exc:
            call()
        f = exc.value.findings[0]
        assert f.code == "E_ELECTRICITY_FACTOR_NOT_SHIPPED" and f.level == "error"
        assert "supply the year's factor with your data" in f.fix_en and "new electricity_conversion edition" in f.fix_en
        assert "随数据提供该年的发电煤耗" in f.fix_zh and "不会改用当量值" in f.fix_zh
    with pytest.raises(FindingsError) as exc:
        refdata.electricity_factor(2022, "coal_equivalent")
    assert "2022" in exc.value.findings[0].message_en and "2005, 2010, 2015, 2020" in exc.value.findings[0].message_en
    with pytest.raises(FindingsError) as exc:
        refdata.coal_equivalent_factor(2020, rate="net")
    assert exc.value.findings[0].code == "E_UNKNOWN_NAME"


def test_supplied_factor() -> None:
    f = refdata.supplied_electricity_factor(0.2905, "kgce/kWh", year=2022, scope="某省", source="user: 省统计局")
    assert f.tce_per_mwh == pytest.approx(0.2905) and f.rate == "generation" and f.confidence == "user"
    assert "某省发电标准煤耗" in f.label_zh and f.note == ""
    s = refdata.supplied_electricity_factor(300, rate="supply")
    assert s.tce_per_mwh == pytest.approx(0.300) and "supply" in s.note
    for bad, code in [((0.29,), "E_VALUE_INVALID"), ((2900,), "E_VALUE_INVALID"), ((290, "t"), "E_UNIT_INVALID")]:
        with pytest.raises(FindingsError) as exc:
            refdata.supplied_electricity_factor(*bad)  # type: ignore[arg-type]
        assert exc.value.findings[0].code == code
    with pytest.raises(FindingsError) as exc:
        refdata.supplied_electricity_factor(290, rate="net")
    assert exc.value.findings[0].code == "E_UNKNOWN_NAME"


def test_dual_control_reads_the_same_factors() -> None:
    # services.dual_control builds the assessment's factor table from the lookups (one factor per year: the
    # generation rate when a year has both), labelled with its rate.
    import polars as pl

    from ecer.services.dual_control import electricity_factors

    got = electricity_factors()
    assert got.filter(pl.col("basis") == "calorific")["factor"].to_list() == pytest.approx([0.1229])
    ce = got.filter(pl.col("basis") == "coal_equivalent")
    assert dict(ce.select("year", "factor").iter_rows()) == pytest.approx(
        {y: f.tce_per_mwh for y, f in refdata.coal_equivalent_factors().items()})
    assert dict(ce.select("year", "rate").iter_rows())[2020] == "supply"  # 305.5 is a 供电 rate (1519号)


# --- preference between rows of one year (temporary catalog; the values are TEST FIXTURES) ----------------

FIXTURE_ROWS = """\
method,year,rate,scope,value,unit,basis,doc_no,clause,source,confidence
calorific,,,any year,0.1229,kgce/kWh,当量值,GB/T 2589-2008,附录A,fixture,high
coal_equivalent,2022,supply,fixture,300.0,gce/kWh,supply (TEST FIXTURE),TEST,-,not official,high
coal_equivalent,2022,generation,fixture,290.0,gce/kWh,generation (TEST FIXTURE),TEST,-,not official,low
coal_equivalent,2023,supply,fixture,310.0,gce/kWh,supply (TEST FIXTURE),TEST,-,not official,low
coal_equivalent,2023,supply,fixture,305.0,gce/kWh,supply (TEST FIXTURE),TEST,-,not official,medium
"""


@pytest.fixture
def fixture_edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from importlib.resources import files

    root = tmp_path / "refdata"
    (root / TABLE / "2030").mkdir(parents=True)
    manifest = files("ecer.refdata").joinpath(TABLE, "2026", "manifest.toml").read_text(encoding="utf-8")
    (root / TABLE / "2030" / "manifest.toml").write_text(manifest.replace('edition = "2026"', 'edition = "2030"'),
                                                         encoding="utf-8")
    (root / TABLE / "2030" / "data.csv").write_text(FIXTURE_ROWS, encoding="utf-8")
    monkeypatch.setattr(catalog, "_root", lambda: root)
    catalog._index.cache_clear()
    catalog._load_cached.cache_clear()
    yield root
    catalog._index.cache_clear()
    catalog._load_cached.cache_clear()


def test_generation_rate_is_preferred_then_confidence(fixture_edition: Path) -> None:
    got = refdata.coal_equivalent_factors()
    assert got[2022].rate == "generation" and got[2022].tce_per_mwh == pytest.approx(0.290)  # despite low confidence
    assert got[2023].tce_per_mwh == pytest.approx(0.305)  # two supply rows: the medium one beats the low one
    assert refdata.coal_equivalent_factor(2022, rate="supply").tce_per_mwh == pytest.approx(0.300)
    assert refdata.electricity_factor(2022, "coal_equivalent") == pytest.approx(0.290)
    assert refdata.coal_equivalent_factors(min_confidence="medium")[2022].rate == "supply"
