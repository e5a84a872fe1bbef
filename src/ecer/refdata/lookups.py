"""Typed look-ups over the catalog: the region list and the electricity conversion factors.

>>> electricity_factor(2023, "calorific")   # 当量值 0.1229 kgce/kWh = 0.1229 tce/MWh
0.1229
>>> electricity_factor(2020, "coal_equivalent")   # 等价值 305.5 gce/kWh
0.3055
>>> f = coal_equivalent_factors()[2020]
>>> f.tce_per_mwh, f.rate, f.scope
(0.3055, 'supply', '全国6000千瓦及以上火电厂')
>>> regions().filter(pl.col("region_code") == "330100")["name_zh"].item()
'杭州市'
>>> regions().filter(pl.col("region_code") == "330106")["parent_code"].item()   # 西湖区
'330100'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import polars as pl

from ecer import units
from ecer.findings import FindingsError, make
from ecer.models.region import REGION_COLUMNS
from ecer.refdata.catalog import load
from ecer.refdata.manifest import CONFIDENCE_ORDER
from ecer.units import parse_unit

METHODS = ("calorific", "coal_equivalent")
RATES = ("generation", "supply")  # preferred first: NBS's 发电煤耗计算法 uses the generation rate
RATE_ZH = {"generation": "发电标准煤耗", "supply": "供电标准煤耗"}
CALORIFIC_GCE_PER_KWH = 3600 / 29.307  # 122.8: no coal rate can be below the heat content of a kWh


def regions(edition: str | None = None) -> pl.DataFrame:
    """GB/T 2260 regions: ``region_code, name_zh, name_en, level, parent_code, short_name_zh``.

    The newest edition (2024, the Ministry of Civil Affairs list at 2024-12-31) has the nation (100000),
    the 31 mainland provinces and every prefecture- and county-level unit; 2023 has the nation, the
    provinces and the cities of 河北, 浙江 and 广东. ``parent_code`` is null for the nation and the
    provinces; the districts of the municipalities and the counties directly under a province have the
    province as parent. ``name_en`` and ``short_name_zh`` are null where no name is sourced. Cached:
    the same frame is returned on every call (do not modify it in place).
    """
    return _regions(None if edition is None else str(edition))


@lru_cache(maxsize=8)
def _regions(edition: str | None) -> pl.DataFrame:
    return load("regions", edition).data.select([*REGION_COLUMNS, "short_name_zh"])


@dataclass(frozen=True)
class ElectricityFactor:
    """One electricity-to-standard-coal factor and what it is, for any output that uses it.

    method : ``"calorific"`` (当量值) or ``"coal_equivalent"`` (等价值, 发电煤耗法)
    year : data year; None for the year-independent calorific value
    rate : ``"generation"`` (发电标准煤耗, the rate NBS's 发电煤耗计算法 uses), ``"supply"`` (供电标准煤耗,
        per kWh after the plants' own use) or None (calorific; an edition without a rate column)
    value, unit : the number as published, e.g. 305.5 ``gce/kWh``
    tce_per_mwh : the factor k [tce/MWh] (= kgce/kWh)
    scope : what the number covers as the source words it (全国6000千瓦及以上火电厂, or the user's own)
    label_zh, label_en : one line naming factor, basis and document, for reports and terminals
    source : document number and clause (``user: …`` for a supplied factor)
    reference : where the number was read (page, file, quotation)
    confidence : high | medium | low, or ``user`` for a factor the user supplied
    note : caveat to show with it (e.g. that a supply rate is not NBS's generation rate)
    """

    method: str
    year: int | None
    rate: str | None
    value: float
    unit: str
    tce_per_mwh: float
    scope: str
    label_zh: str
    label_en: str
    source: str
    confidence: str
    note: str = ""
    reference: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _tce_per_mwh(value: float, unit: str) -> float:
    return round(float(units.Q_(value, parse_unit(unit)).to("tce/MWh").magnitude), 10)


def _labels(method: str, year: int | None, rate: str | None, value: float, unit: str, scope: str,
            doc: str) -> tuple[str, str]:
    number = f"{value:g} {unit}"
    if method == "calorific":
        return f"当量值 {number}（{doc}）", f"calorific value (当量值) {number} ({doc})"
    if rate is None:
        return (f"等价值 {year} 年：{scope} {number}（{doc}）",
                f"coal-equivalent value (等价值) {year}: {scope} {number} ({doc}); rate not labelled")
    en_rate = "generation coal rate" if rate == "generation" else "supply coal rate"
    of_scope = f" of {scope}" if scope else ""
    return (f"等价值 {year} 年：{scope}{RATE_ZH[rate]} {number}（{doc}）",
            f"coal-equivalent value (等价值) {year}: {en_rate} ({RATE_ZH[rate]}){of_scope}, {number} ({doc})")


def _note(method: str, rate: str | None) -> str:
    if method == "coal_equivalent" and rate != "generation":
        return ("NBS's 发电煤耗计算法 converts primary electricity at the generation rate (发电标准煤耗); this factor is "
                + ("a supply rate (供电标准煤耗), a few per cent higher" if rate == "supply" else "not labelled")
                + ". Supply the year's generation rate with your data if you have it.")
    return ""


def _factor(row: dict[str, Any]) -> ElectricityFactor:
    method, rate = str(row["method"]), row.get("rate")
    year = None if row.get("year") is None else int(row["year"])
    value, unit = float(row["value"]), str(row["unit"])
    scope = str(row.get("scope") or row.get("basis") or "")
    zh, en = _labels(method, year, rate, value, unit, scope, str(row["doc_no"]))
    return ElectricityFactor(method=method, year=year, rate=rate, value=value, unit=unit,
                             tce_per_mwh=_tce_per_mwh(value, unit), scope=scope, label_zh=zh, label_en=en,
                             source=f"{row['doc_no']} {row['clause']}", reference=str(row["source"]),
                             confidence=str(row["confidence"]), note=_note(method, rate))


def _preference(f: ElectricityFactor) -> tuple[int, int]:
    rate_rank = RATES.index(f.rate) if f.rate in RATES else len(RATES)
    return rate_rank, CONFIDENCE_ORDER.get(f.confidence, len(CONFIDENCE_ORDER))


def _rows(method: str, edition: str | None, min_confidence: str | None = None) -> list[dict[str, Any]]:
    df = load("electricity_conversion", edition, min_confidence=min_confidence).data
    return df.filter(pl.col("method") == method).to_dicts()


def coal_equivalent_factors(edition: str | None = None, *,
                            min_confidence: str | None = None) -> dict[int, ElectricityFactor]:
    """The shipped coal-equivalent factors (等价值), one per year: ``{year: ElectricityFactor}``, years ascending.

    Where a year has more than one row the generation rate (发电标准煤耗, what NBS's 发电煤耗计算法 uses) wins
    over the supply rate (供电标准煤耗), then the higher confidence, then the first row. Each factor names its
    rate, scope, document and confidence (see :class:`ElectricityFactor`); ``tce_per_mwh`` is the number to use.
    A year missing here has no shipped factor: ask :func:`coal_equivalent_factor` for the error to show.
    """
    return _best(_factor(row) for row in _rows("coal_equivalent", edition, min_confidence))


def _best(factors: Iterable[ElectricityFactor]) -> dict[int, ElectricityFactor]:
    best: dict[int, ElectricityFactor] = {}
    for f in factors:
        if f.year is not None and (f.year not in best or _preference(f) < _preference(best[f.year])):
            best[f.year] = f
    return dict(sorted(best.items()))


def missing_factor_error(year: int, years: list[int]) -> FindingsError:
    """The error for a year without a coal-equivalent factor: it tells the user how to supply one.

    For callers that look several years up at once (the dual-control service): ``years`` are the years available.
    """
    return FindingsError([make("E_ELECTRICITY_FACTOR_NOT_SHIPPED", year=year,
                               years=", ".join(str(y) for y in years) or "none")])


def coal_equivalent_factor(year: int, *, edition: str | None = None, rate: str | None = None) -> ElectricityFactor:
    """The coal-equivalent factor (等价值) of ``year``; ``rate`` None prefers generation over supply.

    Raises ``FindingsError``: ``E_ELECTRICITY_FACTOR_NOT_SHIPPED`` when the year has no shipped factor (of that rate),
    with the fix (supply the year's factor with the data, or load the official value as a new edition);
    ``E_UNKNOWN_NAME`` for a rate other than generation / supply. Never falls back to the calorific value.
    """
    if rate is not None and rate not in RATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="煤耗口径 (coal rate)", value=rate, valid=", ".join(RATES))])
    rows = (_factor(row) for row in _rows("coal_equivalent", edition))
    factors = _best(f for f in rows if rate is None or f.rate == rate)
    if int(year) not in factors:
        raise missing_factor_error(int(year), sorted(factors))
    return factors[int(year)]


def calorific_factor(edition: str | None = None) -> ElectricityFactor:
    """The calorific value (当量值) 0.1229 kgce/kWh of GB/T 2589 附录A, year-independent."""
    return _factor(_rows("calorific", edition)[0])


def electricity_factor_detail(year: int | None, method: str, *, edition: str | None = None) -> ElectricityFactor:
    """The factor of ``method`` for ``year`` with its labels and source (``year`` may be None for calorific).

    Unknown methods raise ``FindingsError`` (E_UNKNOWN_NAME); a coal-equivalent year without a factor raises
    E_ELECTRICITY_FACTOR_NOT_SHIPPED (see :func:`coal_equivalent_factor`).
    """
    if method not in METHODS:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="折标方法 (conversion method)", value=method,
                                  valid=", ".join(METHODS))])
    if method == "calorific":
        return calorific_factor(edition)
    if year is None:
        raise FindingsError([make("E_VALUE_INVALID", value=method, detail="coal_equivalent needs a year",
                                  fix_zh="指定年份", fix_en="give the year")])
    return coal_equivalent_factor(int(year), edition=edition)


def electricity_factor(year: int, method: str, *, edition: str | None = None) -> float:
    """Standard coal per unit of electricity [tce/MWh] for ``year`` by ``method``.

    ``calorific`` (当量值) = 3 600 kJ/kWh ÷ 29 307 kJ/kgce = 0.1229 kgce/kWh, any year (GB/T 2589
    Annex A). ``coal_equivalent`` (等价值 / 发电煤耗法) = that year's national coal rate [gce/kWh] ÷ 1000,
    the generation rate where shipped, else the supply rate (:func:`coal_equivalent_factors`); a year
    without one raises ``FindingsError`` (E_ELECTRICITY_FACTOR_NOT_SHIPPED) saying how to supply it.
    kgce/kWh and tce/MWh are numerically equal.
    """
    return electricity_factor_detail(year, method, edition=edition).tce_per_mwh


def supplied_electricity_factor(value: float, unit: str = "gce/kWh", *, year: int | None = None,
                                rate: str = "generation", scope: str = "", source: str = "user") -> ElectricityFactor:
    """A coal-equivalent factor the user supplies with the data (a provincial bureau's yearly 发电煤耗).

    >>> f = supplied_electricity_factor(290.5, year=2022, scope="某省", source="user: 省统计局")
    >>> f.tce_per_mwh, f.rate
    (0.2905, 'generation')
    >>> f.label_zh
    '等价值 2022 年：某省发电标准煤耗 290.5 gce/kWh（user: 省统计局）'

    Raises ``FindingsError`` (E_UNIT_INVALID, E_VALUE_INVALID, E_UNKNOWN_NAME) for a unit that is not
    standard coal per energy, a rate below the heat content of a kWh (122.8 gce/kWh) or above 500 gce/kWh
    (a kgce/gce slip), or a rate other than generation / supply.
    """
    if rate not in RATES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="煤耗口径 (coal rate)", value=rate, valid=", ".join(RATES))])
    try:
        gce_per_kwh = float(units.Q_(float(value), parse_unit(unit)).to("gce/kWh").magnitude)
    except Exception:  # noqa: BLE001 - an unknown or wrong-dimension unit becomes a finding
        raise FindingsError([make("E_UNIT_INVALID", column="发电煤耗 (coal rate)", value=unit,
                                  expected="gce/kWh, kgce/kWh")]) from None
    if not CALORIFIC_GCE_PER_KWH < gce_per_kwh < 500:
        raise FindingsError([make("E_VALUE_INVALID", value=f"{value:g} {unit}",
                                  detail=f"a coal rate must lie between {CALORIFIC_GCE_PER_KWH:.1f} and 500 gce/kWh",
                                  fix_zh="核对数值和单位（克标准煤/千瓦时）", fix_en="check the number and its unit (gce/kWh)")])
    zh, en = _labels("coal_equivalent", year, rate, float(value), unit, scope, source)
    return ElectricityFactor(method="coal_equivalent", year=year, rate=rate, value=float(value), unit=unit,
                             tce_per_mwh=round(gce_per_kwh / 1000, 10), scope=scope, label_zh=zh, label_en=en,
                             source=source, confidence="user", note=_note("coal_equivalent", rate))
