"""The catalog's carbon factors in the core's units (``ecer.core.carbon.factors``), compared whole.

Two kinds of check: the stored tables, every row and column against the raw catalog rows converted by hand
(NCV already in GJ per activity unit: × 1; carbon content t/TJ → t/GJ: × 10⁻³; oxidation % → fraction: × 10⁻²;
grid kgCO2/kWh = tCO2/MWh: × 1; heat t/GJ: × 1); and made-up tables in other units (served in place of the catalog's
with ``monkeypatch``) where each conversion factor is not 1, so a conversion applied the wrong way round shows:
NCV 20 000 MJ/t = 20 GJ/t, 0.3 TJ/10⁴m³ = 300 GJ/10⁴m³; carbon 30 kg/GJ = 0.03 t/GJ; grid 556.8 g/kWh =
0.5568 t/MWh; heat 110 kg/GJ = 0.11 t/GJ.
"""

from __future__ import annotations

from types import SimpleNamespace

import polars as pl
import pytest

from ecer import refdata
from ecer.core.carbon import factors as fx
from ecer.core.targets.tracking import Target

REAL_LOAD = refdata.load


def serve(
    monkeypatch: pytest.MonkeyPatch, name: str, data: pl.DataFrame, units: dict[str, str] | None = None
) -> None:
    """Serve ``data`` (with a manifest giving ``units``) as table ``name``; other tables as stored."""
    manifest = SimpleNamespace(spec=lambda c: SimpleNamespace(unit=(units or {})[c]))

    def load(table: str, edition: str | None = None, **kw: object):
        return (
            SimpleNamespace(data=data, manifest=manifest)
            if table == name
            else REAL_LOAD(table, edition, **kw)
        )

    monkeypatch.setattr(refdata, "load", load)


# --- fuel factors --------------------------------------------------------------------------------------------------


def test_fuel_factors_every_row_is_the_catalogs_converted_by_hand() -> None:
    raw = REAL_LOAD("carbon_fuel_factors").data
    out = fx.fuel_factors()
    assert (
        out.columns
        == fx.FUEL_COLUMNS
        == [
            "carrier",
            "group",
            "activity_unit",
            "ncv",
            "ncv_min",
            "ncv_max",
            "carbon_content",
            "oxidation",
            "factor_source",
            "confidence",
            "notes",
        ]
    )
    assert out.height == raw.height
    for got, r in zip(out.iter_rows(named=True), raw.iter_rows(named=True), strict=True):
        assert r["unit"] == f"GJ/{r['activity_unit']}"  # so the NCV needs no conversion
        want = {
            "carrier": r["fuel"],
            "group": r["group"],
            "activity_unit": r["activity_unit"],
            "ncv": r["ncv"],
            "ncv_min": r["ncv_min"],
            "ncv_max": r["ncv_max"],
            "carbon_content": r["carbon_content"] / 1000,
            "oxidation": r["oxidation"] / 100,
            "factor_source": f"{r['doc_no']} {r['clause']}; NCV: {r['ncv_attribution']}; 含碳量: "
            f"{r['cc_attribution']}",
            "confidence": r["confidence"],
            "notes": r["notes"],
        }
        assert got.keys() == want.keys()
        for k, v in want.items():
            assert (k, got[k]) == (k, pytest.approx(v, rel=1e-12) if isinstance(v, float) else v)


def _fields(table: pl.DataFrame, carrier: str, *columns: str) -> tuple:  # type: ignore[type-arg]
    """``columns`` of the first row of ``carrier``."""
    return table.filter(pl.col("carrier") == carrier).select(columns).row(0)


def test_fuel_factors_of_bituminous_coal_and_natural_gas() -> None:
    # 鲁环发〔2022〕4号 表2-3: 烟煤 19.570 GJ/t, 26.1 tC/TJ, 93 %; 天然气 NCV 322.38～389.31 GJ/10⁴Nm³, 15.30 tC/TJ, 99 %
    f = fx.fuel_factors("2022")
    coal = f.filter(pl.col("carrier") == "烟煤").row(0, named=True)
    assert _fields(f, "烟煤", "ncv", "ncv_min", "carbon_content", "oxidation") == (19.57, None, 0.0261, 0.93)
    assert coal["factor_source"] == (
        "鲁环发〔2022〕4号 (reprinting the national defaults) 钢铁行业指南 附录2 四、表2-3 "
        "常用化石燃料相关参数推荐值; NCV: 中国温室气体清单研究 2007 (表2-3 注2); "
        "含碳量: 省级温室气体清单编制指南（试行） (表2-3 注3)"
    )
    gas = _fields(f, "天然气", "ncv", "ncv_min", "ncv_max", "carbon_content", "oxidation", "activity_unit")
    assert gas == (None, 322.38, 389.31, 0.0153, 0.99, "wan_m3")


FUEL_RAW = pl.DataFrame(
    [
        ("X", "solid", "t", 20_000.0, None, None, "MJ/t", 30.0, 0.9, "nx", "cx", "DOC", "CL", "high", None),
        (
            "Y",
            "gas",
            "wan_m3",
            None,
            0.3,
            0.4,
            "TJ/wan_m3",
            15.0,
            0.99,
            "ny",
            "cy",
            "DOC2",
            "CL2",
            "medium",
            "range",
        ),
    ],
    schema={
        "fuel": pl.Utf8,
        "group": pl.Utf8,
        "activity_unit": pl.Utf8,
        "ncv": pl.Float64,
        "ncv_min": pl.Float64,
        "ncv_max": pl.Float64,
        "unit": pl.Utf8,
        "carbon_content": pl.Float64,
        "oxidation": pl.Float64,
        "ncv_attribution": pl.Utf8,
        "cc_attribution": pl.Utf8,
        "doc_no": pl.Utf8,
        "clause": pl.Utf8,
        "confidence": pl.Utf8,
        "notes": pl.Utf8,
    },
    orient="row",
)


def test_fuel_factors_convert_each_rows_ncv_unit_and_the_manifests_units(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # X: 20 000 MJ/t = 20 GJ/t; 30 kg/GJ = 0.03 t/GJ; OF 0.9 (dimensionless)
    # Y: range 0.3–0.4 TJ/10⁴m³ = 300–400 GJ/10⁴m³; 15 kg/GJ = 0.015 t/GJ
    serve(
        monkeypatch,
        "carbon_fuel_factors",
        FUEL_RAW,
        {"carbon_content": "kg/GJ", "oxidation": "dimensionless"},
    )
    assert fx.fuel_factors().rows() == [
        ("X", "solid", "t", 20.0, None, None, 0.03, 0.9, "DOC CL; NCV: nx; 含碳量: cx", "high", None),
        (
            "Y",
            "gas",
            "wan_m3",
            None,
            300.0,
            400.0,
            0.015,
            0.99,
            "DOC2 CL2; NCV: ny; 含碳量: cy",
            "medium",
            "range",
        ),
    ]


def test_fuel_factors_oxidation_in_percent(monkeypatch: pytest.MonkeyPatch) -> None:
    # 90 % = 0.9; carbon 30 t/TJ = 0.03 t/GJ
    raw = FUEL_RAW.head(1).with_columns(oxidation=pl.lit(90.0), unit=pl.lit("GJ/t"), ncv=pl.lit(20.0))
    serve(monkeypatch, "carbon_fuel_factors", raw, {"carbon_content": "t/TJ", "oxidation": "percent"})
    assert fx.fuel_factors().select("ncv", "carbon_content", "oxidation").row(0) == (20.0, 0.03, 0.9)


# --- heat ----------------------------------------------------------------------------------------------------------


def test_heat_factors_of_the_catalog() -> None:
    # 鲁环发〔2022〕4号 表2-5 (citing GB/T 32151.5): 0.11 tCO2/GJ
    out = fx.heat_factors("2022")
    assert out.columns == ["carrier", "activity_unit", "factor", "factor_source", "confidence"]
    assert out.rows() == [
        (
            "热力",
            "GJ",
            0.11,
            "鲁环发〔2022〕4号 (citing GB/T 32151.5) 钢铁行业指南 附录2 表2-5 其他排放因子和参数推荐值 (注2)",
            "high",
        )
    ]


def test_heat_factors_convert_to_tonnes_per_activity_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    # 110 kg/GJ = 0.11 t/GJ; 2 t/TJ per TJ of activity … = 2 t/TJ
    raw = pl.DataFrame(
        {
            "carrier": ["热力", "蒸汽"],
            "activity_unit": ["GJ", "TJ"],
            "value": [110.0, 2.0],
            "unit": ["kg/GJ", "t/TJ"],
            "doc_no": ["D1", "D2"],
            "clause": ["c1", "c2"],
            "confidence": ["high", "low"],
        }
    )
    serve(monkeypatch, "carbon_indirect_factors", raw)
    assert fx.heat_factors().rows() == [
        ("热力", "GJ", 0.11, "D1 c1", "high"),
        ("蒸汽", "TJ", 2.0, "D2 c2", "low"),
    ]


# --- grid ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", refdata.editions("grid_co2_factors"))
def test_grid_factors_every_row_of_each_edition_sorted_by_year_scope_region(edition: str) -> None:
    raw = REAL_LOAD("grid_co2_factors", edition).data
    assert set(raw["unit"]) == {"kgCO2/kWh"}  # = tCO2/MWh
    want = sorted(
        (
            (
                r["year"],
                r["scope"],
                r["region"],
                r["region_code"],
                r["value"],
                f"{r['doc_no']} {r['clause']}",
                r["confidence"],
            )
            for r in raw.iter_rows(named=True)
        ),
        key=lambda t: (t[0], t[1], t[2]),
    )
    out = fx.grid_factors(edition)
    assert (
        out.columns
        == fx.GRID_COLUMNS
        == ["year", "scope", "region", "region_code", "t_per_mwh", "factor_source", "confidence"]
    )
    assert out.rows() == want


def test_grid_factors_convert_and_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    # 556.8 g/kWh = 0.5568 t/MWh; 0.7 t/MWh stays; 900 kg/MWh = 0.9 t/MWh. Sorted by year, then scope, then region
    raw = pl.DataFrame(
        {
            "year": [2022, 2021, 2021, 2021],
            "scope": ["a", "b", "a", "a"],
            "region": ["甲", "甲", "乙", "甲"],
            "region_code": ["1", "2", "3", "4"],
            "value": [556.8, 0.7, 900.0, 1.0],
            "unit": ["g/kWh", "t/MWh", "kg/MWh", "kgCO2/kWh"],
            "doc_no": ["D"] * 4,
            "clause": ["c1", "c2", "c3", "c4"],
            "confidence": ["high"] * 4,
        }
    )
    serve(monkeypatch, "grid_co2_factors", raw)
    out = fx.grid_factors()
    assert out.rows() == [
        (2021, "a", "乙", "3", 0.9, "D c3", "high"),
        (2021, "a", "甲", "4", 1.0, "D c4", "high"),
        (2021, "b", "甲", "2", 0.7, "D c2", "high"),
        (2022, "a", "甲", "1", 0.5568, "D c1", "high"),
    ]


def test_the_newer_grid_edition_is_the_default() -> None:
    newest = refdata.editions("grid_co2_factors")[-1]
    assert fx.grid_factors().equals(fx.grid_factors(newest))


# --- targets ---------------------------------------------------------------------------------------------------------


def test_the_national_energy_intensity_target_whole() -> None:
    # 国发〔2021〕33号 二、主要目标: 单位国内生产总值能源消耗比2020年下降 13.5 % by 2025
    assert fx.energy_intensity_target() == Target(
        size=0.135,
        base_year=2020,
        target_year=2025,
        direction="decrease",
        label="能耗强度 / energy intensity",
        source="国发〔2021〕33号 二、主要目标",
    )
    assert fx.energy_intensity_target("2021") == fx.energy_intensity_target()


def test_the_energy_target_reads_its_own_row_and_its_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    # a project row (project_no 1) and another indicator come first: neither is used; the unit "%" is per cent and a
    # unit pint knows is used as it is (0.12 dimensionless = 12 %)
    text = "单位国内生产总值能源消耗比2020年下降"
    raw = pl.DataFrame(
        {
            "project_no": [1, 0, 0],
            "indicator_cn": [text, "能源消费总量", text],
            "value": ["99", "5", "12.5"],
            "unit": ["%", "%", "%"],
            "base_year": ["2020", "2020", "2019"],
            "target_year": ["2024", "2025", "2023"],
            "doc_no": ["X", "Y", "Z号"],
            "clause": ["x", "y", "三"],
        }
    )
    serve(monkeypatch, "targets_gf2021_33", raw)
    assert fx.energy_intensity_target() == Target(
        size=0.125,
        base_year=2019,
        target_year=2023,
        direction="decrease",
        label="能耗强度 / energy intensity",
        source="Z号 三",
    )
    serve(
        monkeypatch, "targets_gf2021_33", raw.with_columns(value=pl.lit("0.12"), unit=pl.lit("dimensionless"))
    )
    assert fx.energy_intensity_target().size == 0.12


def test_the_national_co2_intensity_target_whole() -> None:
    # 国发〔2021〕23号 二: 单位国内生产总值二氧化碳排放比2020年下降18%
    raw = (
        REAL_LOAD("carbon_targets_national")
        .data.filter(pl.col("indicator") == "co2_intensity")
        .row(0, named=True)
    )
    assert fx.co2_intensity_target() == Target(
        size=0.18,
        base_year=2020,
        target_year=2025,
        direction="decrease",
        label="碳排放强度 / CO2 intensity",
        source=f"{raw['doc_no']} {raw['clause']}",
    )
    assert raw["doc_no"].startswith("国发〔2021〕23号")
