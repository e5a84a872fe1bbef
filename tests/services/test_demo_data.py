"""The demo data set: calibrated to the official 2020 figures, deterministic, labelled."""

from __future__ import annotations

import filecmp
from pathlib import Path

import polars as pl
import pytest

from ecer.models import ANNUAL_TARGET_COLUMNS, ENERGY_COLUMNS, REGION_COLUMNS, TARGET_COLUMNS
from ecer.services.demo_data import BUNDLE_DIR, DemoData, generate, write_bundle

# 国家统计局 国家发展和改革委员会 国家能源局《2020年分省(区、市)万元地区生产总值能耗降低率等指标公报》
# (2021-08-23): 2020 intensity change [%] and energy-consumption growth [%]; typed in from the bulletin.
BULLETIN_2020 = {
    "110000": (-9.18, -8.1), "120000": (-3.07, -1.7), "130000": (-3.01, 0.7), "140000": (-2.88, 0.6),
    "150000": (6.89, 7.1), "210000": (3.96, 4.6), "220000": (-1.57, 0.8), "230000": (-1.70, -0.8),
    "310000": (-6.64, -5.1), "320000": (-3.10, 0.5), "330000": (6.34, 10.1), "340000": (2.03, 6.0),
    "350000": (-1.83, 1.4), "360000": (-2.27, 1.5), "370000": (-2.41, 1.1), "410000": (0.76, 2.0),
    "420000": (-1.17, -6.1), "430000": (-1.98, 1.7), "440000": (-1.16, 1.1), "450000": (1.05, 4.8),
    "460000": (-3.12, 0.3), "500000": (-3.88, -0.2), "510000": (-1.79, 1.9), "520000": (-2.45, 1.9),
    "530000": (2.71, 6.8), "610000": (-1.89, 0.3), "620000": (-0.20, 3.7), "630000": (-3.47, -2.0),
    "640000": (-0.16, 3.7), "650000": (-0.70, 2.7), "100000": (-0.1, 2.2),
}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate()


@pytest.fixture(scope="module")
def annual(demo: DemoData) -> dict[tuple[str, int], tuple[float, float]]:
    sums = (demo.energy.with_columns(pl.col("period").str.slice(0, 4).cast(pl.Int64).alias("year"))
            .group_by("region_code", "year").agg(pl.col("total_energy").sum(), pl.col("gdp_constant").sum(),
                                                 pl.len().alias("n")))
    assert set(sums["n"].to_list()) == {12}
    return {(r, y): (e, g) for r, y, e, g, _ in sums.iter_rows()}


def test_columns_are_canonical(demo: DemoData) -> None:
    assert demo.energy.columns == ENERGY_COLUMNS
    assert demo.regions.columns == REGION_COLUMNS
    assert demo.targets.columns == TARGET_COLUMNS
    assert demo.annual_targets.columns == ANNUAL_TARGET_COLUMNS


def test_regions(demo: DemoData) -> None:
    r = demo.regions
    assert r.filter(pl.col("level") == "province").height == 31
    assert r.filter(pl.col("level") == "national")["region_code"].to_list() == ["100000"]
    cities = r.filter(pl.col("level") == "city")
    # prefecture-level cities: 河北 11, 浙江 11, 广东 21
    assert cities.group_by("parent_code").len().sort("parent_code").rows() == [
        ("130000", 11), ("330000", 11), ("440000", 21)]
    assert r.filter(pl.col("region_code") == "330100")["name_zh"].item().startswith("杭州")


def test_months_cover_2019_to_2025(demo: DemoData) -> None:
    periods = sorted(set(demo.energy["period"].to_list()))
    assert periods[0] == "2019-01" and periods[-1] == "2025-12" and len(periods) == 84
    assert demo.energy.height == 75 * 84


def test_national_2020_total_is_49_8_yi_tce(annual: dict) -> None:
    # NBS 2020 communiqué: 全年能源消费总量49.8亿吨标准煤; GDP 1 015 986亿元
    e, g = annual[("100000", 2020)]
    assert abs(e / 4.98e9 - 1) < 0.005
    assert abs(g / 1_015_986 - 1) < 0.005


@pytest.mark.parametrize("code", sorted(BULLETIN_2020))
def test_2020_rates_match_the_bulletin(annual: dict, code: str) -> None:
    di_pct, ge_pct = BULLETIN_2020[code]
    e20, g20 = annual[(code, 2020)]
    e19, g19 = annual[(code, 2019)]
    intensity_change = ((e20 / g20) / (e19 / g19) - 1) * 100
    assert intensity_change == pytest.approx(di_pct, abs=0.01)
    assert (e20 / e19 - 1) * 100 == pytest.approx(ge_pct, abs=0.01)


def test_provincial_levels_are_plausible(annual: dict) -> None:
    assert 4.0e8 < annual[("370000", 2020)][0] < 4.4e8  # 山东 ~4.2亿 tce
    assert 3.2e8 < annual[("440000", 2020)][0] < 3.6e8  # 广东 ~3.4亿
    assert annual[("540000", 2020)][0] < 0.1e8 and annual[("460000", 2020)][0] < 0.3e8


def test_cities_add_up_to_their_province(annual: dict, demo: DemoData) -> None:
    cities = demo.regions.filter(pl.col("level") == "city")
    for parent in ("130000", "330000", "440000"):
        codes = cities.filter(pl.col("parent_code") == parent)["region_code"].to_list()
        for y in (2019, 2023):
            e = sum(annual[(c, y)][0] for c in codes)
            g = sum(annual[(c, y)][1] for c in codes)
            assert e == pytest.approx(annual[(parent, y)][0], rel=1e-6)
            assert g == pytest.approx(annual[(parent, y)][1], rel=1e-5)


def test_barometer_mix_2021_to_2025(annual: dict) -> None:
    """Some provinces miss the pace: intensity rises in some province-years, falls short in others."""
    provinces = [c for c in BULLETIN_2020 if c != "100000"] + ["540000"]
    changes = []
    for c in provinces:
        for y in range(2021, 2026):
            (e1, g1), (e0, g0) = annual[(c, y)], annual[(c, y - 1)]
            changes.append((e1 / g1) / (e0 / g0) - 1)
    assert sum(d > 0 for d in changes) >= 5  # red
    assert sum(-0.0286 < d <= 0 for d in changes) >= 5  # yellow (short of the 13.5 % even pace)
    assert sum(d <= -0.0286 for d in changes) >= 30  # green


def test_components_and_labels(demo: DemoData) -> None:
    e = demo.energy
    assert (e["feedstock_energy"] + e["other_nonfossil_energy"] + e["separately_listed_energy"]
            + e["renewable_electricity"] * 0.3 < e["total_energy"]).all()
    assert e.filter(pl.col("separately_listed_energy") > 0)["region_code"].unique().sort().to_list() == [
        "100000", "210000", "330000", "330900"]
    assert e.filter(pl.col("period") < "2021")["separately_listed_energy"].sum() == 0
    assert e.filter(pl.col("region_code") == "440000")["other_nonfossil_energy"].min() > 0  # nuclear
    assert e.filter(pl.col("region_code") == "110000")["other_nonfossil_energy"].max() == 0
    assert set(e["price_base_year"].to_list()) == {2020}
    origin = dict(e.filter(pl.col("period").is_in(["2020-06", "2023-06"]))
                  .select(pl.concat_str("region_code", "period"), "data_origin").iter_rows())
    assert origin["3700002020-06"] == "partly synthetic"
    assert origin["3700002023-06"] == "synthetic"
    assert origin["5400002020-06"] == "synthetic"  # 西藏: 数据暂缺 in the bulletin
    assert origin["3301002020-06"] == "synthetic"


def test_targets(demo: DemoData) -> None:
    t = {r[0]: r for r in demo.targets.iter_rows()}
    assert t["120000"][4] == pytest.approx(0.145) and "天津市" in t["120000"][8]  # published
    assert t["620000"][4] == pytest.approx(0.125)
    assert t["370000"][4] == pytest.approx(0.135) and t["370000"][8].startswith("basic: synthetic")
    assert t["100000"][4] == pytest.approx(0.135) and "国发〔2021〕33号" in t["100000"][8]
    assert all(r[5] == pytest.approx(r[4] + 0.01) and "incentive: synthetic" in r[8] for r in t.values())
    a = demo.annual_targets
    assert a.height == 75 * 5 and a["intensity_reduction"].is_between(0.015, 0.045).all()


def test_deterministic_and_bundle_is_current(tmp_path: Path) -> None:
    paths = write_bundle(tmp_path)
    assert [p.name for p in paths] == ["regions.csv", "energy.csv", "targets.csv", "annual_targets.csv",
                                      "electricity_factors.csv"]
    for p in paths:
        assert filecmp.cmp(p, BUNDLE_DIR / p.name, shallow=False), f"{p.name} differs: rerun write_bundle()"
    assert not generate(7).energy.equals(generate().energy)


def test_calibration_agrees_with_refdata() -> None:
    """The demo calibration's copy of the 2020 bulletin equals refdata's ``provincial_2020_bulletin``."""
    from ecer import refdata
    from ecer.services.demo_data import _read

    ref = refdata.load("provincial_2020_bulletin").data
    ref_rates = {c: (di, ge) for c, di, ge in ref.select(
        "region_code", "energy_intensity_change_pct", "total_energy_consumption_growth_pct").iter_rows()}
    cal = {p["region_code"]: p for p in _read("provinces.csv")}
    for code, (di, ge) in BULLETIN_2020.items():
        assert ref_rates[code] == pytest.approx((di, ge)), code
        if code != "100000":
            assert float(cal[code]["intensity_change_2020_pct"]) == di
            assert float(cal[code]["energy_growth_2020_pct"]) == ge
    assert ref_rates.get("540000", (None, None))[0] is None  # 西藏: 数据暂缺 → synthetic in the demo


def test_bundle_reads_back_through_the_ingest_templates() -> None:
    from ecer.services import loading
    d = generate()
    for name, canonical in (("regions", d.regions), ("energy", d.energy), ("targets", d.targets)):
        res = loading.read_file(BUNDLE_DIR / f"{name}.csv", name)
        assert not [f for f in res.findings if f.level == "error"], res.findings[:3]
        got = res.frame.select(canonical.columns)
        assert got.height == canonical.height
        if name == "energy":
            row = got.filter((pl.col("region_code") == "370000") & (pl.col("period") == "2020-07")).row(0, named=True)
            want = canonical.filter((pl.col("region_code") == "370000") & (pl.col("period") == "2020-07")).row(
                0, named=True)
            for k in ("total_energy", "renewable_electricity", "gdp_constant"):
                assert row[k] == pytest.approx(want[k], rel=1e-9)
        if name == "targets":
            assert got["intensity_reduction_basic"].to_list() == pytest.approx(
                canonical["intensity_reduction_basic"].to_list())
