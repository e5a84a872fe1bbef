"""Analysis use cases (issue 9): LMDI decomposition of stored or supplied data, and the allocation of a national
intensity target among the stored regions.

* :func:`lmdi_region` — a region's energy between two years from the store's energy table. When the store holds
  the region's sub-regions (regions whose ``parent_code`` is the region), they are the sub-categories:
  E = Σ_i G·(G_i/G)·(E_i/G_i), giving activity, regional-structure and intensity effects; otherwise the single term
  E = G·(E/G) gives activity and intensity. When the store holds the region's own sector rows (template
  ``sector_energy``) for every year asked, they come first: E = Σ_i Q·(Q_i/Q)·(E_i/Q_i) (+ E_household), giving the
  activity, industrial-structure and sectoral-intensity effects (identities energy, intensity and co2; see
  :func:`sector_frame`). The run says which data it used (``LmdiRun.data_zh`` / ``data_en``).
* :func:`lmdi_file` — a CSV or XLSX with ``period, sector, energy, value_added`` (identities energy, intensity),
  ``period, sector, fuel, energy, co2, value_added`` (co2), ``period, population, gdp, energy, co2`` (kaya), or
  ``period`` + the factor columns for a custom identity (``factors=[...]``, optional ``categories``).
* :func:`allocate_regions` — the provinces (children of 100000, else the regions of level province) with their base-year
  energy and GDP from the store (years summed from complete months when only months are stored), target-year GDP
  from an assumed annual growth rate, allocated by a named method.

Units: energy in tce and GDP in 10⁸ CNY at constant prices as stored (``docs/CONTRACTS.md``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ecer.core.analysis import allocation as al
from ecer.core.analysis import lmdi
from ecer.core.pollutants.decompose import Indicator
from ecer.findings import FindingsError, Location, make

NATIONAL = "100000"
REGION_IDENTITY = lmdi.Identity(
    "energy_region", "能源消费总量（分地区）", "total energy use (by region)",
    (lmdi.Factor("activity", "经济规模效应", "activity"),
     lmdi.Factor("structure", "地区结构效应", "regional structure"),
     lmdi.Factor("intensity", "地区能耗强度效应", "regional intensity")),
    ("sector",), "tce",
)
SINGLE_IDENTITY = lmdi.Identity(
    "energy_single", "能源消费总量", "total energy use",
    (lmdi.Factor("activity", "经济规模效应", "activity"), lmdi.Factor("intensity", "能耗强度效应", "energy intensity")),
    (), "tce",
)


@dataclass(frozen=True)
class LmdiRun:
    """A decomposition and what it was made from: ``region`` (code and name, or the file), ``series`` (its steps;
    one step for a single pair of periods), ``result`` (the decomposition from the first to the last period:
    the chained cumulative or the fixed-base last step)."""

    subject: str
    subject_en: str
    series: lmdi.Series
    identity: lmdi.Identity
    model: str
    form: str
    data_zh: str = ""
    data_en: str = ""

    def waterfall(self) -> list[dict[str, Any]]:
        """Waterfall rows (additive): start, one bar per effect with its base, end; multiplicative: the factors."""
        s = self.series
        first, last = s.steps[0], s.steps[-1]
        rows: list[dict[str, Any]] = [{"key": "start", "label_zh": f"{first.start} 年", "label_en": first.start,
                                       "value": first.v0, "base": 0.0, "kind": "total"}]
        level = first.v0
        for f in self.identity.factors:
            v = s.cumulative[f.name]
            if self.form == "additive":
                rows.append({"key": f.name, "label_zh": f.zh, "label_en": f.en, "value": v,
                             "base": min(level, level + v), "kind": "up" if v >= 0 else "down"})
                level += v
            else:
                rows.append({"key": f.name, "label_zh": f.zh, "label_en": f.en, "value": v, "base": 0.0,
                             "kind": "up" if v >= 1 else "down"})
        rows.append({"key": "end", "label_zh": f"{last.end} 年", "label_en": last.end, "value": last.vt, "base": 0.0,
                     "kind": "total"})
        return rows

    def to_dict(self) -> dict[str, Any]:
        s = self.series
        zh, en = s.check.text()
        return {
            "subject": self.subject, "subject_en": self.subject_en, "identity": self.identity.name,
            "identity_zh": self.identity.zh, "identity_en": self.identity.en, "data_zh": self.data_zh,
            "data_en": self.data_en, "model": self.model, "form": self.form, "basis": s.basis,
            "basis_zh": s.label_zh, "basis_en": s.label_en, "unit": self.identity.unit,
            "start": s.steps[0].start, "end": s.steps[-1].end, "v0": s.steps[0].v0, "vt": s.steps[-1].vt,
            "effects": [{"factor": f.name, "label_zh": f.zh, "label_en": f.en, "value": s.cumulative[f.name]}
                        for f in self.identity.factors],
            "steps": [{"start": st.start, "end": st.end, "v0": st.v0, "vt": st.vt, "total": st.total,
                       **{f.name: st.effects[f.name] for f in self.identity.factors}} for st in s.steps],
            "check": {"total": s.check.total, "explained": s.check.explained, "residual": s.check.residual,
                      "relative": s.check.relative, "ok": s.check.ok, "text_zh": zh, "text_en": en},
            "waterfall": self.waterfall(),
        }


def _years(start: int, end: int) -> list[int]:
    if end <= start:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"结束年 {end} 须晚于起始年 {start} / the end year must be after "
                                  "the start year")])
    return list(range(start, end + 1))


def annual_energy(store: Any) -> pl.DataFrame:
    """The stored energy rows with the years that only complete months give added (summed months, as the
    assessment builds them: :func:`ecer.core.dual_control.periods_agg.derive_periods`)."""
    from ecer.core.dual_control.periods_agg import derive_periods

    energy = store.current("energy")
    if energy.is_empty():
        return energy
    return derive_periods(energy, ("Y",))


def _children(regions: pl.DataFrame, region: str) -> list[str]:
    """The region's sub-regions: those whose parent_code is it; for the nation, the provinces when no parent is
    recorded."""
    if regions.is_empty():
        return []
    kids = regions.filter(pl.col("parent_code").cast(pl.Utf8) == region)["region_code"].cast(pl.Utf8).to_list()
    if not kids and region == NATIONAL:
        kids = regions.filter(pl.col("level") == "province")["region_code"].cast(pl.Utf8).to_list()
    return kids


def _names(store: Any) -> dict[str, str]:
    r = store.current("regions")
    if r.is_empty():
        return {}
    return dict(zip(r["region_code"].cast(pl.Utf8), r["name_zh"].cast(pl.Utf8), strict=True))


HOUSEHOLD = "household"
STORE_IDENTITIES = ("energy", "intensity", "co2")
"""The identities ``lmdi_region`` computes from the store (intensity and co2 need the sector rows)."""
_HOUSEHOLD_FACTOR = {
    "energy": lmdi.Factor("household", "居民生活用能效应", "household energy"),
    "intensity": lmdi.Factor("household", "居民生活用能（按 GDP）效应", "household energy per GDP"),
    "co2": lmdi.Factor("household", "居民生活排放效应", "household CO2"),
}
SECTOR_CO2 = lmdi.Identity(
    "co2", "二氧化碳排放量", "CO2 emissions",
    (lmdi.Factor("activity", "经济规模效应", "activity"), lmdi.Factor("structure", "产业结构效应", "structure"),
     lmdi.Factor("intensity", "部门能耗强度效应", "sectoral intensity"),
     lmdi.Factor("emission_factor", "能源碳强度效应（燃料结构与排放因子）", "carbon intensity of energy (fuel mix and "
                 "emission factors)")),
    ("sector",), "tCO2",
)


def sector_identity(identity: str, household: bool) -> lmdi.Identity:
    """The identity of a decomposition of stored sector rows: :data:`ecer.core.analysis.lmdi.ENERGY`,
    :data:`~ecer.core.analysis.lmdi.INTENSITY` or :data:`SECTOR_CO2`, with the factor ``household`` appended when
    居民生活 rows are there (see :func:`sector_frame`)."""
    base = {"energy": lmdi.ENERGY, "intensity": lmdi.INTENSITY, "co2": SECTOR_CO2}[identity]
    if not household:
        return base
    return lmdi.Identity(base.name, base.zh, base.en, (*base.factors, _HOUSEHOLD_FACTOR[identity]), base.categories,
                         base.unit)


def sector_frame(rows: pl.DataFrame, identity: str) -> tuple[pl.DataFrame, bool]:
    r"""The factor frame of stored sector rows (``year, sector, energy [tce], value_added [10⁸ CNY], co2 [t]``).

    Production sectors i (value added Q_i, converted to 10⁴ CNY so intensities are tce/10⁴ CNY):

    * energy: E = Σ_i Q·(Q_i/Q)·(E_i/Q_i) (Ang 2015, Table 1, quantity indicator; Q = Σ_i Q_i);
    * intensity: E/Q = Σ_i (Q_i/Q)·(E_i/Q_i) (Ang 2015, intensity indicator);
    * co2: C = Σ_i Q·(Q_i/Q)·(E_i/Q_i)·(C_i/E_i), the last factor being the sector's carbon intensity of energy
      [tCO2/tce] (the fuel mix and the emission factors together: the store has no sector × fuel split).

    居民生活 (households) has energy but no value added, so it cannot take the production factors. Its row carries
    the factor ``household`` (E_h; E_h/Q for the intensity identity; C_h for co2) and 1 for every other factor,
    while the production rows carry household = 1 [C]: V_i stays the product of its factors on every row, the
    household's change falls wholly on its own effect (L(V_h^T, V_h^0)·ln(V_h^T/V_h^0) = ΔV_h) and the
    decomposition stays perfect in both forms. Returns the frame and whether a household factor is in it."""
    prod = rows.filter(pl.col("sector") != HOUSEHOLD)
    house = rows.filter(pl.col("sector") == HOUSEHOLD)
    data = prod.select(pl.col("year").cast(pl.Utf8).alias("period"), "sector",
                       pl.col("energy").cast(pl.Float64), (pl.col("value_added").cast(pl.Float64) * 1e4).alias("value_added"),
                       pl.col("co2").cast(pl.Float64))
    if identity == "co2":
        frame = lmdi.co2_frame(data.with_columns(fuel=pl.lit("all"))).drop("fuel", "fuel_mix")
    else:
        frame = lmdi.energy_frame(data)
        if identity == "intensity":
            frame = frame.drop("activity")
    has_house = not house.is_empty()
    if not has_house:
        return frame, False
    periods = frame.select("period").unique()
    value = "co2" if identity == "co2" else "energy"
    h = periods.join(house.select(pl.col("year").cast(pl.Utf8).alias("period"),
                                  pl.col(value).cast(pl.Float64).alias("household")), on="period", how="left")
    h = h.with_columns(pl.col("household").fill_null(0.0))
    if identity == "intensity":
        q = data.group_by("period").agg(pl.col("value_added").sum().alias("_q"))
        h = h.join(q, on="period", how="left").with_columns(pl.col("household") / pl.col("_q")).drop("_q")
    others = [c for c in frame.columns if c not in ("period", "sector")]
    h = h.with_columns(sector=pl.lit(HOUSEHOLD), **{c: pl.lit(1.0) for c in others}).select(*frame.columns, "household")
    return pl.concat([frame.with_columns(household=pl.lit(1.0)), h]), True


def stored_sectors(store: Any, region: str, years: list[int]) -> tuple[pl.DataFrame, list[int]]:
    """The region's stored sector rows of ``years`` and the years among them that have none (production rows)."""
    from ecer.storage import TABLES

    if "sector_energy" not in TABLES:  # pragma: no cover - the table is always declared
        return pl.DataFrame(), years
    rows = store.current("sector_energy")
    if rows.is_empty():
        return rows, years
    rows = rows.filter((pl.col("region_code") == region) & pl.col("year").is_in(years))
    have = set(rows.filter(pl.col("sector") != HOUSEHOLD)["year"].to_list())
    return rows, [y for y in years if y not in have]


def _sector_words(rows: pl.DataFrame, years: list[int]) -> tuple[str, str]:
    from ecer.services.sectors import sector_label

    codes = sorted(set(rows["sector"].to_list()), key=lambda c: (c == HOUSEHOLD, c))
    zh = "、".join(sector_label(c)[0] for c in codes)
    en = ", ".join(sector_label(c)[1] for c in codes)
    ys = "、".join(str(y) for y in years)
    return (f"库中该地区的分部门数据（分部门能源消费和增加值表 sector_energy：{zh}；{ys} 年），含产业结构效应",
            (f"the region's stored sector rows (sector_energy: {en}; {', '.join(str(y) for y in years)}), with the "
             "structure effect"))


def lmdi_region(store: Any, region: str, start: int, end: int, *, model: str = "LMDI-I", form: str = "additive",
                basis: str = "chained", step: bool = False, identity: str = "energy") -> LmdiRun:
    """Decompose the region's ``identity`` (energy, intensity or co2) from ``start`` to ``end`` (years) from the
    store. ``step``: every year between (chained or fixed-base series), else the two years only. The region's own
    sector rows (``sector_energy``) are used when every year has them (:func:`sector_frame`); otherwise energy is
    decomposed over the sub-regions or as one term, and intensity and co2 have no data. Raises E_REGION_UNKNOWN,
    E_UNKNOWN_NAME, E_NO_DATA, E_LMDI_*."""
    from ecer.models.region import REGION_CODE_RE

    if not REGION_CODE_RE.match(region):
        raise FindingsError([make("E_REGION_MALFORMED", location=Location(column="region"), value=region)])
    if identity not in STORE_IDENTITIES:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="恒等式（库中数据） / identity (stored data)", value=identity,
                                  valid=", ".join(STORE_IDENTITIES))])
    energy = annual_energy(store)
    regions = store.current("regions")
    known = set(energy["region_code"].cast(pl.Utf8).to_list()) if not energy.is_empty() else set()
    if not regions.is_empty():
        known |= set(regions["region_code"].cast(pl.Utf8).to_list())
    sector_rows, lacking = stored_sectors(store, region, _years(start, end) if step else [start, end])
    if not sector_rows.is_empty():
        known.add(region)
    if region not in known:
        raise FindingsError([make("E_REGION_UNKNOWN", location=Location(column="region"), value=region)])
    years = _years(start, end) if step else [start, end]
    if years[-1] <= years[0]:
        _years(start, end)
    names = _names(store)
    name = names.get(region, region)
    if not lacking:
        return _lmdi_sectors(sector_rows, region, name, years, identity, model=model, form=form, basis=basis)
    gap_zh = gap_en = ""
    if not sector_rows.is_empty():
        gap_zh = f"（分部门数据缺 {'、'.join(str(y) for y in lacking)} 年，未用）"
        gap_en = f" (the sector rows lack {', '.join(str(y) for y in lacking)}, so they were not used)"
    if identity != "energy":
        raise FindingsError([make("E_NO_DATA", detail=f"{name}（{region}）没有 {'、'.join(str(y) for y in lacking)} 年的"
                                  f"分部门能源消费和增加值，{identity} 恒等式需要分部门数据（ecer template sector_energy）/ "
                                  f"no sector rows of {region} for {', '.join(str(y) for y in lacking)}: the {identity} "
                                  "identity needs sector data (`ecer template sector_energy`, then `ecer load "
                                  "sector_energy`)")])
    e = energy.filter(pl.col("period").is_in([str(y) for y in years])).select(
        pl.col("region_code").cast(pl.Utf8), "period", pl.col("total_energy").cast(pl.Float64),
        pl.col("gdp_constant").cast(pl.Float64)) if not energy.is_empty() else pl.DataFrame(
        schema={"region_code": pl.Utf8, "period": pl.Utf8, "total_energy": pl.Float64, "gdp_constant": pl.Float64})
    children = _children(regions, region)
    sub = e.filter(pl.col("region_code").is_in(children)) if children else pl.DataFrame()
    wanted = {str(y) for y in years}
    complete = sorted(
        c for c in (sub["region_code"].unique().to_list() if not sub.is_empty() else [])
        if wanted <= set(sub.filter(pl.col("region_code") == c)["period"].to_list()))
    if len(complete) >= 2:
        sub = sub.filter(pl.col("region_code").is_in(complete))
        frame = lmdi.energy_frame(sub.rename({"region_code": "sector", "total_energy": "energy",
                                              "gdp_constant": "value_added"}))
        series = lmdi.decompose_series(frame, REGION_IDENTITY, years, basis=basis, model=model, form=form)
        return LmdiRun(f"{name}（{region}，{len(complete)} 个下级地区合计）",
                       f"{region} (sum of {len(complete)} sub-regions)", series, REGION_IDENTITY, model, form,
                       f"库中 {len(complete)} 个下级地区的能源消费总量和 GDP（能源消费表 energy），结构效应为地区结构{gap_zh}",
                       f"the stored total energy and GDP of {len(complete)} sub-regions (energy table); the structure "
                       f"effect is the regional structure{gap_en}")
    own = e.filter(pl.col("region_code") == region)
    missing = [str(y) for y in years if str(y) not in own["period"].to_list()]
    if missing:
        raise FindingsError([make("E_NO_DATA", detail=f"{name}（{region}）没有 {', '.join(missing)} 年的能源消费和 "
                                  f"GDP / no energy and GDP of {region} for {', '.join(missing)}")])
    frame = own.select("period", pl.col("gdp_constant").alias("activity"),
                       (pl.col("total_energy") / pl.col("gdp_constant")).alias("intensity"))
    ident = SINGLE_IDENTITY
    series = lmdi.decompose_series(frame, ident, years, basis=basis, model=model, form=form)
    return LmdiRun(f"{name}（{region}）", region, series, ident, model, form,
                   f"库中该地区的能源消费总量和 GDP（能源消费表 energy），没有分部门数据，因此没有结构效应{gap_zh}",
                   f"the region's stored total energy and GDP (energy table); without sector rows there is no "
                   f"structure effect{gap_en}")


def _lmdi_sectors(rows: pl.DataFrame, region: str, name: str, years: list[int], identity: str, *, model: str,
                  form: str, basis: str) -> LmdiRun:
    bases = sorted(set(rows.filter(pl.col("sector") != HOUSEHOLD)["price_base_year"].drop_nulls().to_list()))
    if len(bases) > 1:
        raise FindingsError([make("E_LMDI_INPUT", detail=f"{region} 的分部门增加值用了不同的可比价基年 {bases} / the sector "
                                  f"rows of {region} are at the constant prices of different base years {bases}")])
    if identity == "co2":
        lacking = rows.filter(pl.col("co2").is_null())
        if not lacking.is_empty():
            which = sorted({f"{y} {s}" for y, s in lacking.select("year", "sector").iter_rows()})
            raise FindingsError([make("E_NO_DATA", detail=f"{name}（{region}）的分部门数据缺二氧化碳排放量（{'、'.join(which)}）"
                                      f" / the sector rows of {region} lack CO2 ({', '.join(which)})")])
    frame, household = sector_frame(rows, identity)
    ident = sector_identity(identity, household)
    series = lmdi.decompose_series(frame, ident, years, basis=basis, model=model, form=form)
    zh, en = _sector_words(rows, years)
    n = rows.filter(pl.col("sector") != HOUSEHOLD)["sector"].n_unique()
    return LmdiRun(f"{name}（{region}，{n} 个部门）", f"{region} ({n} sectors)", series, ident, model, form, zh, en)


def read_any(path: Path) -> pl.DataFrame:
    """A CSV (UTF-8 or GBK) or XLSX file as a frame; E_FILE_FORMAT / E_FILE_EMPTY otherwise."""
    try:
        if path.suffix.lower() in (".xlsx", ".xls"):
            df = pl.read_excel(path)
        else:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gbk")
            df = pl.read_csv(text.encode("utf-8"), infer_schema_length=10000)
    except FileNotFoundError:
        raise FindingsError([make("E_FILE_FORMAT", location=Location(file=str(path)), detail="文件不存在 / no such "
                                  "file")]) from None
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file
        raise FindingsError([make("E_FILE_FORMAT", location=Location(file=path.name), detail=str(exc)[:200])]) from None
    if df.is_empty():
        raise FindingsError([make("E_FILE_EMPTY", location=Location(file=path.name))])
    return df


def lmdi_file(path: Path, identity: str, periods: list[str], *, model: str = "LMDI-I", form: str = "additive",
              basis: str = "chained", factors: list[str] | None = None, categories: list[str] | None = None
              ) -> LmdiRun:
    """Decompose the data of a file over ``periods`` (two or more) by a named identity (energy, intensity, co2,
    kaya) or ``custom`` with ``factors``. Raises E_FILE_*, E_UNKNOWN_NAME, E_LMDI_*."""
    data = read_any(path)
    if "period" in data.columns:
        data = data.with_columns(pl.col("period").cast(pl.Utf8))
    builders: dict[str, Callable[[pl.DataFrame], pl.DataFrame]] = {"energy": lmdi.energy_frame, "intensity": lmdi.intensity_frame, "co2": lmdi.co2_frame,
                "kaya": lmdi.kaya_frame}
    if identity == "custom":
        if not factors:
            raise FindingsError([make("E_LMDI_INPUT", detail="自定义恒等式需要 --factor / a custom identity needs "
                                      "--factor columns")])
        ident = lmdi.custom_identity("custom", factors, categories or [])
        frame = data
    elif identity in builders:
        ident = lmdi.IDENTITIES[identity]
        frame = builders[identity](data)
    else:
        raise FindingsError([make("E_UNKNOWN_NAME", kind="恒等式 / identity", value=identity,
                                  valid=", ".join([*builders, "custom"]))])
    series = lmdi.decompose_series(frame, ident, periods, basis=basis, model=model, form=form)
    return LmdiRun(path.name, path.name, series, ident, model, form)


def allocation_regions(store: Any, base_year: int, target_year: int, gdp_growth: float) -> pl.DataFrame:
    """The provinces' base-year energy and GDP, and GDP in the target year at ``gdp_growth`` a year [C, the user's
    assumption]: region_code, name_zh, energy_0, gdp_0, gdp_t, gdp_per_unit_energy. The provinces are the regions
    whose parent is 100000, else those of level ``province`` (cities are never added to them)."""
    if target_year <= base_year:
        raise FindingsError([make("E_ALLOCATION_INPUT", detail=f"目标年 {target_year} 须晚于基年 {base_year} / the target "
                                  "year must be after the base year")])
    if not (-0.5 < gdp_growth < 0.5):
        raise FindingsError([make("E_ALLOCATION_INPUT", detail=f"GDP 年增速 {gdp_growth} 须在 −0.5 与 0.5 之间 / the "
                                  "GDP growth rate must lie between −0.5 and 0.5 (0.055 = 5.5 %)")])
    energy = annual_energy(store)
    regions = store.current("regions")
    if energy.is_empty():
        raise FindingsError([make("E_NO_DATA", detail="库中没有能源消费数据 / no energy data in the store")])
    e = energy.filter(pl.col("period") == str(base_year)).select(
        pl.col("region_code").cast(pl.Utf8), pl.col("total_energy").cast(pl.Float64).alias("energy_0"),
        pl.col("gdp_constant").cast(pl.Float64).alias("gdp_0"))
    provinces = _children(regions, NATIONAL)
    if provinces:
        e = e.filter(pl.col("region_code").is_in(provinces))
    else:  # no region table: the codes of provinces (GB/T 2260: the last four digits 0)
        e = e.filter((pl.col("region_code") != NATIONAL) & pl.col("region_code").str.ends_with("0000"))
    if e.height < 2:
        raise FindingsError([make("E_NO_DATA", detail=f"{base_year} 年少于两个省级地区有能源消费和 GDP / fewer than two "
                                  f"provinces have energy and GDP for {base_year}")])
    names = _names(store)
    factor = (1 + gdp_growth) ** (target_year - base_year)
    return e.with_columns(
        name_zh=pl.col("region_code").replace_strict(names, default=pl.col("region_code")),
        gdp_t=pl.col("gdp_0") * factor,
        gdp_per_unit_energy=pl.col("gdp_0") / pl.col("energy_0"),
    ).sort("region_code")


STORE_INDICATORS = (Indicator("gdp_per_unit_energy", 1.0, "cost"), Indicator("gdp_share", 1.0))
RESERVED_COLUMNS = frozenset({"region_code", "name_zh", "energy_0", "gdp_0", "gdp_t", "gdp_per_unit_energy",
                              "gdp_share"})


def _number(text: Any) -> float | None:
    """A cell as a number: ints, floats, and text such as ``3``, ``0.25`` or a Saaty fraction ``1/3``; else None."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    s = str(text).strip()
    try:
        if "/" in s:
            a, b = s.split("/", 1)
            return float(a) / float(b)
        return float(s)
    except (ValueError, ZeroDivisionError):
        return None


def read_region_data(path: Path) -> pl.DataFrame:
    """The extra columns of the regions for an allocation from a CSV/XLSX file (:func:`region_data_from_rows`)."""
    raw = read_any(path)
    return region_data_from_rows(raw.to_dicts(), file=path.name)


def region_data_from_rows(rows: list[dict[str, Any]], *, file: str = "region_data") -> pl.DataFrame:
    """Region data rows: ``region_code`` and numeric columns (DEA inputs and outputs such as capital, labour, co2;
    composite indicators). Every cell must be a number (E_NOT_NUMBER naming file, row and column, the header being
    row 1); a code twice or a column named like ECER's own (energy_0, gdp_0, gdp_t, gdp_per_unit_energy,
    gdp_share, name_zh) is E_ALLOCATION_INPUT; no region_code column is E_HEADER_MISSING."""
    columns: list[str] = []
    for r in rows:
        for k in r:
            if str(k).strip() not in columns:
                columns.append(str(k).strip())
    rows = [{str(k).strip(): v for k, v in r.items()} for r in rows]
    if "region_code" not in columns:
        raise FindingsError([make("E_HEADER_MISSING", location=Location(file=file), column="region_code")])
    clash = [c for c in columns if c in RESERVED_COLUMNS - {"region_code"}]
    if clash:
        raise FindingsError([make("E_ALLOCATION_INPUT", location=Location(file=file, row=1, column=c),
                                  detail=f"列名“{c}”是 ECER 自己的列，请改名 / the column name '{c}' is one of ECER's "
                                  "own, rename it") for c in clash])
    findings = []
    data = [c for c in columns if c != "region_code"]
    cols: dict[str, list[Any]] = {c: [] for c in ("region_code", *data)}
    seen: set[str] = set()
    for i, row in enumerate(rows):
        raw_code = row.get("region_code")
        code = "" if raw_code is None else str(raw_code).strip()
        code = code.removesuffix(".0")
        if code in seen:
            findings.append(make("E_ALLOCATION_INPUT", location=Location(file=file, row=i + 2, column="region_code"),
                                 detail=f"地区 {code} 重复 / region {code} appears twice"))
        seen.add(code)
        cols["region_code"].append(code)
        for c in data:
            v = _number(row.get(c))
            if v is None or not math.isfinite(v):
                findings.append(make("E_NOT_NUMBER", location=Location(file=file, row=i + 2, column=c),
                                     value="" if row.get(c) is None else str(row.get(c))[:40]))
            cols[c].append(v)
    if findings:
        raise FindingsError(findings)
    return pl.DataFrame(cols, schema={"region_code": pl.Utf8, **{c: pl.Float64 for c in data}})


def read_ahp_matrix(path: Path) -> tuple[list[str], list[list[Any]]]:
    """A pairwise-comparison matrix from a CSV/XLSX file: the first row names the indicators (its first cell is
    free, e.g. ``indicator``), the first column repeats them in the same order, the cells are Saaty 1–9 judgements
    (numbers or fractions such as ``1/3``). Returns (names, matrix); a cell that is not a number stays as written,
    so that :func:`ecer.core.analysis.allocation.check_ahp_matrix` names it; row labels that differ from the
    header are E_AHP_MATRIX."""
    raw = read_any(path)
    names = [str(c).strip() for c in raw.columns[1:]]
    labels = [str(v).strip() for v in raw[raw.columns[0]].to_list()]
    if labels != names:
        raise FindingsError([make("E_AHP_MATRIX", location=Location(file=path.name, column=raw.columns[0]), row="—",
                                  column=1, row_name=", ".join(labels), column_name=raw.columns[0], value="—",
                                  detail=f"第一列须按同样顺序列出表头的指标 {', '.join(names)} / the first column must "
                                  f"list the header's indicators {', '.join(names)} in the same order")])
    matrix = [[(_number(v) if _number(v) is not None else ("" if v is None else str(v))) for v in row[1:]]
              for row in raw.iter_rows()]
    return names, matrix


def ahp_from_json(value: Any) -> tuple[list[str] | None, list[list[Any]]]:
    """An AHP matrix given as JSON: a list of rows (the indicators in their order), or ``{"indicators": [...],
    "matrix": [[...]]}``; cells numbers or fraction strings. Anything else is E_AHP_MATRIX."""
    names: list[str] | None = None
    rows = value
    if isinstance(value, dict):
        names = [str(x) for x in value.get("indicators", [])] or None
        rows = value.get("matrix")
    if not (isinstance(rows, list) and rows and all(isinstance(r, list) for r in rows)):
        raise FindingsError([make("E_AHP_MATRIX", row="—", column="—", row_name="—", column_name="—",
                                  value=str(value)[:80], detail="须为数字方阵（行的列表） / it must be a square "
                                  "matrix of numbers (a list of rows)")])
    return names, [[(_number(v) if _number(v) is not None else str(v)) for v in r] for r in rows]


def _indicators(specs: list[str] | None) -> list[Indicator]:
    """``NAME`` (benefit: more → more cut) or ``NAME:cost`` (less → more cut) for each composite indicator."""
    if not specs:
        return list(STORE_INDICATORS)
    out = []
    for spec in specs:
        name, _, direction = spec.partition(":")
        direction = direction.strip() or ("cost" if name.strip() == "gdp_per_unit_energy" else "benefit")
        if direction not in ("benefit", "cost"):
            raise FindingsError([make("E_UNKNOWN_NAME", kind="指标方向 / indicator direction", value=direction,
                                      valid="benefit, cost")])
        out.append(Indicator(name.strip(), 1.0, "cost" if direction == "cost" else "benefit"))
    return out


def _order_matrix(names: list[str] | None, matrix: list[list[Any]], indicators: list[Indicator],
                  file: str | None) -> list[list[Any]]:
    """The matrix in the order of ``indicators`` (a matrix without names is taken in that order)."""
    wanted = [i.column for i in indicators]
    if names is None:
        return matrix
    if sorted(names) != sorted(wanted):
        raise FindingsError([make("E_AHP_MATRIX", location=Location(file=file) if file else None, row="—",
                                  column="—", row_name=", ".join(names), column_name=", ".join(names), value="—",
                                  detail=f"矩阵的指标须与所用指标 {', '.join(wanted)} 相同 / the matrix must compare the "
                                  f"indicators used: {', '.join(wanted)}")])
    idx = [names.index(w) for w in wanted]
    return [[matrix[i][j] for j in idx] for i in idx]


def allocate_regions(store: Any, national: float, method: str, *, base_year: int, target_year: int,
                     gdp_growth: float, margin: float = 0.01, tiers: int = 5, gap: float = 0.01,
                     weighting: str = "entropy", indicators: list[str] | None = None,
                     ahp_matrix: tuple[list[str] | None, list[list[Any]]] | None = None, ahp_file: str | None = None,
                     dea_inputs: list[str] | None = None, dea_outputs: list[str] | None = None,
                     region_data: pl.DataFrame | None = None, region_file: str | None = None) -> al.Allocation:
    """Allocate ``national`` (0.135 = 13.5 %) among the stored provinces.

    ``region_data`` (:func:`read_region_data`, from ``region_file``): extra columns joined by region code — every
    province must have a row. The composite method uses ``indicators`` (``NAME`` or ``NAME:cost``, columns of the
    region data or the two the store gives) or, by default, energy productivity GDP/E (cost: the more productive cut
    less, as 1310号 reads) and the share of base-year GDP (benefit: larger economies carry more) [C]; ``weighting``
    entropy | ahp (``ahp_matrix`` = (names or None, rows), :func:`read_ahp_matrix` / :func:`ahp_from_json`) |
    user (equal). ZSG-DEA uses ``dea_inputs`` (``energy`` and columns) and ``dea_outputs`` (``gdp`` = target-year
    GDP, and columns); by default energy and GDP."""
    regions = allocation_regions(store, base_year, target_year, gdp_growth)
    if region_data is not None:
        regions = _join_region_data(regions, region_data, region_file)
    kw: dict[str, Any] = {"margin": margin}
    if method == "tiers":
        kw |= {"tiers": tiers, "gap": gap}
    elif method == "composite":
        regions = regions.with_columns(gdp_share=pl.col("gdp_0") / pl.col("gdp_0").sum())
        inds = _indicators(indicators)
        missing = [i.column for i in inds if i.column not in regions.columns]
        if missing:
            raise FindingsError([make("E_ALLOCATION_INPUT", detail=f"没有指标列“{c}”（地区补充数据中也没有） / no "
                                      f"indicator column '{c}' (nor in the region data)") for c in missing])
        if weighting not in al.WEIGHTINGS:
            raise FindingsError([make("E_UNKNOWN_NAME", kind="赋权方法 / weighting", value=weighting,
                                      valid=", ".join(al.WEIGHTINGS))])
        kw |= {"indicators": inds, "weighting": weighting}
        if weighting == "ahp":
            if ahp_matrix is None:
                raise FindingsError([make("E_ALLOCATION_INPUT", detail="AHP 赋权需要判断矩阵（--ahp-matrix 文件） / AHP "
                                          "weighting needs a comparison matrix (--ahp-matrix FILE)")])
            kw |= {"ahp_matrix": _order_matrix(ahp_matrix[0], ahp_matrix[1], inds, ahp_file), "ahp_file": ahp_file}
    elif method == "zsg_dea":
        kw |= {"inputs": dea_inputs or [al.DEA_ENERGY], "outputs": dea_outputs or [al.DEA_GDP]}
    res = al.allocate(regions, national, method, **kw)
    named = res.regions.join(regions.select("region_code", "name_zh"), on="region_code", how="left")
    res.notes.append((f"基年 {base_year}，目标年 {target_year}，GDP 年增速假定 {gdp_growth:.2%}",
                      f"base year {base_year}, target year {target_year}, GDP growth assumed at {gdp_growth:.2%} a year"))
    if region_data is not None:
        cols = ", ".join(c for c in region_data.columns if c != "region_code")
        src = region_file or "region data"
        res.notes.append((f"地区补充数据：{src}（{cols}）", f"region data: {src} ({cols})"))
    return dataclasses.replace(res, regions=named)


def _join_region_data(regions: pl.DataFrame, data: pl.DataFrame, file: str | None) -> pl.DataFrame:
    """The provinces with the region data's columns; a province without a row, or a row that is no province, is
    E_ALLOCATION_INPUT (naming the file's row)."""
    codes = regions["region_code"].to_list()
    findings = []
    given = data["region_code"].to_list()
    for i, code in enumerate(given):
        if code not in codes:
            findings.append(make("E_ALLOCATION_INPUT", location=Location(file=file, row=i + 2, column="region_code"),
                                 detail=f"{code} 不是参与分配的省级地区（{', '.join(codes)}） / {code} is not one of "
                                 f"the provinces allocated ({', '.join(codes)})"))
    for code in codes:
        if code not in given:
            findings.append(make("E_ALLOCATION_INPUT", location=Location(file=file, column="region_code"),
                                 detail=f"地区补充数据缺少 {code} / the region data has no row for {code}"))
    if findings:
        raise FindingsError(findings)
    return regions.join(data, on="region_code", how="left")


def allocation_dict(res: al.Allocation) -> dict[str, Any]:
    zh, en = al.METHODS[res.method]
    return {
        "method": res.method, "method_zh": zh, "method_en": en, "national_target": res.national_target,
        "margin": res.margin, "aggregate_basic": res.aggregate_basic, "aggregate_incentive": res.aggregate_incentive,
        "residual": res.residual, "ok": res.ok, "weights": res.weights, "consistency_ratio": res.consistency_ratio,
        "lambda_max": res.lambda_max, "consistency_index": res.consistency_index,
        "findings": [f.model_dump() for f in res.findings],
        "notes": [{"zh": a, "en": b} for a, b in res.notes], "regions": res.regions.to_dicts(),
    }
