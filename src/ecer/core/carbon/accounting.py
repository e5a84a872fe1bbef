r"""A region's CO2 from energy, by carrier and in total (issue 8 §3; METHODS §6.2; docs/carbon.md).

Each input row (region, year, carrier, use, quantity, unit) is counted by one method:

* **combustion** of a fossil fuel: :math:`E = AD \cdot NCV \cdot CC \cdot OF \cdot 44/12`, with the defaults of
  ``carbon_fuel_factors`` unless the row gives measured ``ncv``, ``carbon_content`` or ``oxidation``
  (:func:`ecer.core.carbon.formulas.combustion_co2`); the quantity is converted to the factor's unit with pint;
* **electricity** (电力, net purchased / net imported): :math:`E = W \cdot EF_{grid}` with the MEE/NBS grid factor of
  data year ``year − lag`` (``CarbonSettings.grid_year_lag``, 2 by default: the national practice of using the
  factor published two years earlier, stated in METHODS §6.2 without a document, so ECER's assumption [C]) and scope
  ``CarbonSettings.grid_scope`` (national average by default); a net export counts negative;
* **heat** (热力): :math:`E = Q \cdot 0.11` tCO2/GJ (``carbon_indirect_factors``);
* **non-fossil** carriers (:data:`ecer.models.carbon.NON_FOSSIL`): no CO2 — their exclusion is automatic;
* **feedstock** (``use = feedstock``, 原料用能) of a fossil fuel: no combustion CO2; what it would have emitted is
  reported in ``co2_excluded`` and an ``I_CARBON_FEEDSTOCK_EXCLUDED`` finding, never silently.

A missing factor, a factor the table gives only as a range, an unknown carrier or unit, or a bad number is a finding
naming the row; that row's CO2 is null (never 0) and so is its region's total for the year.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from ecer.core.carbon import factors as fx
from ecer.core.carbon.formulas import CO2_PER_C, combustion_co2, indirect_co2
from ecer.findings import Finding, FindingsError, Location, make
from ecer.models.carbon import ELECTRICITY, EMISSION_COLUMNS, HEAT, NON_FOSSIL, TOTAL_COLUMNS, USES
from ecer.units import factor

GridScope = Literal["national_average", "national_residual", "regional_grid_average", "provincial_average"]
SCOPE_ZH = {"national_average": "全国平均", "national_residual": "全国（不含市场化交易非化石电量）",
            "regional_grid_average": "区域", "provincial_average": "省级"}
WHAT = "能源消费 / energy use"


class CarbonSettings(BaseModel):
    """How purchased electricity is counted.

    grid_year_lag : the grid factor used for accounting year Y is the one of data year Y − lag [yr]; 2 by default
        (the national "year − 2" practice, METHODS §6.2; no document states it: [C]). 0 uses the same year's factor.
    grid_scope : ``national_average`` (全国电力平均, default), ``national_residual`` (excluding market-traded
        non-fossil power, for a user that accounts green power separately), ``regional_grid_average`` (the row's
        ``grid_region``) or ``provincial_average`` (the row's province).
    """

    model_config = ConfigDict(frozen=True)

    grid_year_lag: int = Field(2, ge=0, le=10)
    grid_scope: GridScope = "national_average"

    def convention(self) -> str:
        """The year convention in words, for findings and reports."""
        return (f"Y−{self.grid_year_lag} / 核算年份减 {self.grid_year_lag} 年" if self.grid_year_lag
                else "Y / 当年因子")


DEFAULT_SETTINGS = CarbonSettings()



def _tco2(value: float) -> str:
    """A CO2 figure [tCO2] as a message shows it, to 1 kg: ``-150.000``, ``2.444`` (the evidence keeps the exact
    value)."""
    return f"{value:,.3f}"

def _need(df: pl.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FindingsError([make("E_CARBON_COLUMN_MISSING", location=Location(column=c), what=WHAT, column=c,
                                  expected=", ".join(columns)) for c in missing])


def _optional(df: pl.DataFrame, name: str, dtype: pl.DataType) -> pl.Expr:
    return pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype)


def _record(r: dict[str, object]) -> str:
    return f"{r['region_code']} {r['year']} {r['carrier']}"


def _unit_factors(pairs: pl.DataFrame) -> dict[tuple[str, str], float | None]:
    out: dict[tuple[str, str], float | None] = {}
    for unit, target in pairs.iter_rows():
        try:
            out[(unit, target)] = factor(unit, target)
        except Exception:  # noqa: BLE001 - an unknown or wrong-dimension unit becomes a finding
            out[(unit, target)] = None
    return out


def _province(code: pl.Expr) -> pl.Expr:
    return code.str.slice(0, 2) + pl.lit("0000")


def _grid_lookup(df: pl.DataFrame, grid: pl.DataFrame, settings: CarbonSettings) -> pl.DataFrame:
    """Join the grid factor of data year ``year − lag`` and the settings' scope onto the electricity rows."""
    g = grid.filter(pl.col("scope") == settings.grid_scope)
    if settings.grid_scope == "provincial_average":
        on_left, on_right = [_province(pl.col("region_code")).alias("_grid_key")], "region_code"
    elif settings.grid_scope == "regional_grid_average":
        on_left, on_right = [pl.col("grid_region").alias("_grid_key")], "region"
    else:
        on_left, on_right = [pl.lit("全国").alias("_grid_key")], "region"
    g = g.select(pl.col("year").alias("factor_year"), pl.col(on_right).alias("_grid_key"),
                 pl.col("t_per_mwh").alias("_grid_factor"), pl.col("factor_source").alias("_grid_source"))
    return df.with_columns(*on_left).join(g, on=["factor_year", "_grid_key"], how="left")


def region_emissions(
    energy: pl.DataFrame,
    *,
    settings: CarbonSettings = DEFAULT_SETTINGS,
    fuels: pl.DataFrame | None = None,
    grid: pl.DataFrame | None = None,
    heat: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    r"""CO2 of each energy row (module docstring for the methods).

    .. math:: E = AD \cdot NCV \cdot CC \cdot OF \cdot 44/12 \;|\; W \cdot EF_{grid}(Y - lag) \;|\; Q \cdot EF_{heat}
              \;|\; 0 \;(\text{non-fossil, feedstock})

    energy : :data:`ecer.models.carbon.ENERGY_SCHEMA` (optional ``use``, ``ncv``, ``carbon_content``, ``oxidation``,
    ``emission_factor``, ``grid_region``); settings : :class:`CarbonSettings`; fuels, grid, heat : factor frames
    (:func:`~ecer.core.carbon.factors.fuel_factors`, :func:`~ecer.core.carbon.factors.grid_factors`,
    :func:`~ecer.core.carbon.factors.heat_factors`; the catalog's newest editions when None). Returns
    :data:`ecer.models.carbon.EMISSION_COLUMNS` (co2 [t]) in the input's order, and the findings. Missing columns
    raise ``FindingsError`` (E_CARBON_COLUMN_MISSING).

    Reference: IPCC 2006 Vol. 2; 省级温室气体清单编制指南（试行）; 鲁环发〔2022〕4号 附录2; MEE/NBS grid factors;
    发改环资〔2022〕803号 (feedstock); METHODS §6.

    >>> e = pl.DataFrame({"region_code": ["A"] * 2, "year": [2023] * 2, "carrier": ["烟煤", "电力"],
    ...                   "quantity": [1000.0, 10_000.0], "unit": ["t", "MWh"]})
    >>> rows, _ = region_emissions(e)
    >>> [round(x, 4) for x in rows["co2"]], rows["factor_year"].to_list()  # 2023 electricity at the 2021 factor
    ([1741.7496, 5568.0], [None, 2021])
    """
    _need(energy, ["region_code", "year", "carrier", "quantity", "unit"])
    fuels = fx.fuel_factors() if fuels is None else fuels
    grid = fx.grid_factors() if grid is None else grid
    heat = fx.heat_factors() if heat is None else heat
    heat_row = heat.filter(pl.col("carrier") == HEAT).row(0, named=True) if heat.height else None
    df = energy.with_row_index("_i").with_columns(
        pl.col("region_code").cast(pl.Utf8), pl.col("year").cast(pl.Int64), pl.col("carrier").cast(pl.Utf8),
        pl.col("quantity").cast(pl.Float64), pl.col("unit").cast(pl.Utf8),
        use=(pl.col("use").cast(pl.Utf8).fill_null("fuel") if "use" in energy.columns else pl.lit("fuel")),
        _ncv=_optional(energy, "ncv", pl.Float64()), _cc=_optional(energy, "carbon_content", pl.Float64()),
        _ox=_optional(energy, "oxidation", pl.Float64()), _ef=_optional(energy, "emission_factor", pl.Float64()),
        grid_region=_optional(energy, "grid_region", pl.Utf8()),
    )
    findings: list[Finding] = []
    bad: dict[int, bool] = {}

    def flag(rows: pl.DataFrame, code: str, **kw: object) -> None:
        for r in rows.iter_rows(named=True):
            bad[r["_i"]] = True
            ev: dict[str, Any] = {k: (v(r) if callable(v) else v) for k, v in kw.items()}
            findings.append(make(code, record=_record(r), **ev))

    flag(df.filter(~pl.col("use").is_in(list(USES))), "E_CARBON_VALUE_INVALID", what=WHAT, column="use",
         value=lambda r: r["use"], detail="用途须为 fuel 或 feedstock / use must be fuel or feedstock")
    own = pl.col("_ncv").is_not_null() & pl.col("_cc").is_not_null() & pl.col("_ox").is_not_null()
    known = set(fuels["carrier"].to_list())
    df = df.join(fuels.rename({c: f"d_{c}" for c in fuels.columns if c != "carrier"}), on="carrier", how="left")
    method = (pl.when(pl.col("carrier") == ELECTRICITY).then(pl.lit("electricity"))
              .when(pl.col("carrier") == HEAT).then(pl.lit("heat"))
              .when(pl.col("carrier").is_in(list(NON_FOSSIL))).then(pl.lit("non_fossil"))
              .when(pl.col("carrier").is_in(list(known)) | own).then(
                  pl.when(pl.col("use") == "feedstock").then(pl.lit("feedstock_excluded")).otherwise(pl.lit("combustion")))
              .otherwise(None))
    df = df.with_columns(method=method)
    flag(df.filter(pl.col("method").is_null()), "E_CARBON_CARRIER_UNKNOWN", carrier=lambda r: r["carrier"],
         known="、".join(sorted(known)[:12]) + " …")
    flag(df.filter((pl.col("use") == "feedstock") & pl.col("method").is_in(["electricity", "heat", "non_fossil"])),
         "E_CARBON_VALUE_INVALID", what=WHAT, column="use", value="feedstock",
         detail="原料用能只适用于化石燃料 / feedstock applies to fossil fuels only")
    # activity in the factor's unit (pint): fuels per their table unit, electricity MWh, heat GJ
    df = df.with_columns(activity_unit=pl.when(pl.col("method") == "electricity").then(pl.lit("MWh"))
                         .when(pl.col("method") == "heat").then(pl.lit("GJ"))
                         .when(pl.col("method") == "non_fossil").then(pl.col("unit"))
                         .otherwise(pl.col("d_activity_unit").fill_null(pl.col("unit"))))
    pairs = df.filter(pl.col("method").is_not_null()).select("unit", "activity_unit").unique()
    conv = _unit_factors(pairs)
    k = pl.Series([conv.get((u, a)) if m is not None else None
                   for u, a, m in zip(df["unit"], df["activity_unit"], df["method"], strict=True)], dtype=pl.Float64)
    df = df.with_columns(_k=k).with_columns(activity=pl.col("quantity") * pl.col("_k"))
    flag(df.filter(pl.col("method").is_not_null() & pl.col("_k").is_null()), "E_CARBON_UNIT_INVALID",
         carrier=lambda r: r["carrier"], unit=lambda r: r["unit"], expected=lambda r: r["activity_unit"])
    flag(df.filter(pl.col("quantity").is_null() | pl.col("quantity").is_nan()), "E_CARBON_VALUE_INVALID", what=WHAT,
         column="quantity", value=lambda r: r["quantity"], detail="须为数值 / must be a number")
    indirect = pl.col("method").is_in(["electricity", "heat"])
    flag(df.filter((pl.col("quantity") < 0) & ~indirect), "E_CARBON_VALUE_INVALID", what=WHAT, column="quantity",
         value=lambda r: r["quantity"], detail="燃料消费量不能为负 / a fuel quantity cannot be negative")
    for col, name, lo, hi in (("_ncv", "ncv", 0.0, None), ("_cc", "carbon_content", 0.0, 0.1),
                              ("_ox", "oxidation", 0.0, 1.0)):
        out_of = (pl.col(col) <= lo) | (pl.col(col) > hi if hi is not None else pl.lit(False))
        flag(df.filter(pl.col(col).is_not_null() & out_of), "E_CARBON_VALUE_INVALID", what=WHAT, column=name,
             value=lambda r, c=col: r[c],
             detail=f"须大于 {lo}" + (f" 且不大于 {hi}" if hi is not None else "")
             + f" / must be > {lo}" + (f" and ≤ {hi}" if hi is not None else ""))
    # fuel parameters: the row's own values first, then the table's defaults
    fuel_rows = pl.col("method").is_in(["combustion", "feedstock_excluded"])
    df = df.with_columns(_ncv_used=pl.coalesce("_ncv", "d_ncv"), _cc_used=pl.coalesce("_cc", "d_carbon_content"),
                         _ox_used=pl.coalesce("_ox", "d_oxidation"))
    flag(df.filter(fuel_rows & pl.col("_ncv_used").is_null() & pl.col("d_ncv_min").is_not_null()),
         "E_CARBON_FACTOR_RANGE", carrier=lambda r: r["carrier"], low=lambda r: r["d_ncv_min"],
         high=lambda r: r["d_ncv_max"], unit=lambda r: f"GJ/{r['activity_unit']}")
    flag(df.filter(fuel_rows & pl.col("d_ncv_min").is_null() & (pl.col("_ncv_used").is_null()
                                                               | pl.col("_cc_used").is_null()
                                                               | pl.col("_ox_used").is_null())),
         "E_CARBON_VALUE_INVALID", what=WHAT, column="ncv, carbon_content, oxidation", value="—",
         detail="缺少燃料参数 / fuel parameters missing")
    used = df.filter(fuel_rows & (pl.col("_ncv").is_null() | pl.col("_cc").is_null() | pl.col("_ox").is_null())
                     & pl.col("d_confidence").is_in(["medium", "low"]))
    for r in used.unique("carrier", keep="first").sort("carrier").iter_rows(named=True):
        findings.append(make("W_CARBON_FACTOR_UNVERIFIED", carrier=r["carrier"], confidence=r["d_confidence"],
                             note=r["d_notes"] or ""))
    ef_fuel = pl.col("_ncv_used") * pl.col("_cc_used") * pl.col("_ox_used") * CO2_PER_C
    # electricity: the grid factor of year − lag, unless the row supplies one
    df = df.with_columns(factor_year=pl.when(pl.col("method") == "electricity").then(
        pl.when(pl.col("_ef").is_null()).then(pl.col("year") - settings.grid_year_lag).otherwise(pl.col("year"))))
    df = _grid_lookup(df, grid, settings)
    need_grid = (pl.col("method") == "electricity") & pl.col("_ef").is_null()
    years = ", ".join(str(y) for y in sorted(set(grid.filter(pl.col("scope") == settings.grid_scope)["year"])))
    flag(df.filter(need_grid & pl.col("_grid_factor").is_null()), "E_CARBON_GRID_FACTOR_MISSING",
         convention=settings.convention(), factor_year=lambda r: r["factor_year"], scope=settings.grid_scope,
         scope_zh=SCOPE_ZH[settings.grid_scope], region=lambda r: r["_grid_key"] or "—", years=years or "—")
    heat_ef = pl.lit(None if heat_row is None else heat_row["factor"], pl.Float64)
    heat_src = pl.lit("" if heat_row is None else heat_row["factor_source"])
    if heat_row is None:
        flag(df.filter((pl.col("method") == "heat") & pl.col("_ef").is_null()), "E_CARBON_VALUE_INVALID", what=WHAT,
             column="emission_factor", value="—", detail="没有热力排放因子 / no heat factor")
    user_src = pl.lit("user / 用户提供")
    df = df.with_columns(
        emission_factor=pl.when(pl.col("method").is_in(["combustion", "feedstock_excluded"])).then(ef_fuel)
        .when(pl.col("method") == "electricity").then(pl.coalesce("_ef", "_grid_factor"))
        .when(pl.col("method") == "heat").then(pl.coalesce("_ef", heat_ef))
        .when(pl.col("method") == "non_fossil").then(pl.lit(0.0)),
        factor_unit=pl.when(pl.col("method") == "non_fossil").then(pl.lit("—"))
        .otherwise(pl.lit("t/") + pl.col("activity_unit")),
        factor_source=pl.when(pl.col("method") == "non_fossil").then(
            pl.lit("非化石能源不计燃烧排放 / non-fossil: no combustion CO2 (METHODS §6.2)"))
        .when(pl.col("method").is_in(["combustion", "feedstock_excluded"])).then(
            pl.when(pl.col("_ncv").is_not_null() | pl.col("_cc").is_not_null() | pl.col("_ox").is_not_null())
            .then(pl.concat_str(user_src, pl.lit("; "), pl.col("d_factor_source").fill_null(""))).otherwise(
                pl.col("d_factor_source")))
        .when(pl.col("_ef").is_not_null()).then(user_src)
        .when(pl.col("method") == "electricity").then(pl.col("_grid_source"))
        .when(pl.col("method") == "heat").then(heat_src),
    )
    net_export = df.filter(indirect & (pl.col("quantity") < 0) & pl.col("emission_factor").is_not_null())
    for r in net_export.iter_rows(named=True):
        findings.append(make("I_CARBON_NET_EXPORT", record=_record(r), carrier=r["carrier"],
                             value=f"{r['quantity']:g} {r['unit']}",
                             co2=None if r["activity"] is None else r["activity"] * r["emission_factor"],
                             co2_text="—" if r["activity"] is None else _tco2(r["activity"] * r["emission_factor"])))
    in_error = pl.col("_i").is_in(list(bad))
    co2 = (pl.when(pl.col("method") == "combustion").then(
        combustion_co2(pl.col("activity"), pl.col("_ncv_used"), pl.col("_cc_used"), pl.col("_ox_used")))
        .when(indirect).then(indirect_co2(pl.col("activity"), pl.col("emission_factor")))
        .when(pl.col("method").is_in(["non_fossil", "feedstock_excluded"])).then(pl.lit(0.0)))
    df = df.with_columns(
        co2=pl.when(in_error).then(None).otherwise(co2),
        co2_excluded=pl.when(in_error).then(None).when(pl.col("method") == "feedstock_excluded").then(
            pl.col("activity") * pl.col("emission_factor")).otherwise(pl.lit(0.0)),
        in_error=in_error,
    ).sort("_i")
    fs = df.filter((pl.col("method") == "feedstock_excluded") & ~pl.col("in_error"))
    if fs.height:
        excluded = float(fs["co2_excluded"].sum())
        findings.append(make("I_CARBON_FEEDSTOCK_EXCLUDED", count=fs.height, co2=excluded, co2_text=_tco2(excluded)))
    return df.select(EMISSION_COLUMNS), findings


def region_totals(rows: pl.DataFrame) -> pl.DataFrame:
    r"""A region's CO2 in a year, by method and in total.

    .. math:: E = E_{comb} + E_{elec} + E_{heat}

    rows : :func:`region_emissions` output. Returns :data:`ecer.models.carbon.TOTAL_COLUMNS` [t]; ``co2`` is null when
    any of the region-year's rows is in error (``rows_in_error`` > 0): a total that leaves a carrier out is not a
    total. Non-fossil carriers and feedstock add 0; feedstock's uncounted CO2 is in ``co2_feedstock_excluded``.

    >>> rows = pl.DataFrame({"region_code": ["A", "A"], "year": [2023, 2023], "method": ["combustion", "electricity"],
    ...                      "co2": [1741.7496, 5568.0], "co2_excluded": [0.0, 0.0], "in_error": [False, False]})
    >>> region_totals(rows).select("co2", "rows_in_error").rows()
    [(7309.7496, 0)]
    """
    def part(m: str) -> pl.Expr:  # null when a row of that method is in error, as the total
        mine = pl.col("method") == m
        return pl.when((pl.col("in_error") & mine).any()).then(None).otherwise(pl.col("co2").filter(mine).sum())

    return rows.group_by("region_code", "year").agg(
        co2_combustion=part("combustion"),
        co2_electricity=part("electricity"),
        co2_heat=part("heat"),
        co2=pl.when(pl.col("in_error").any()).then(None).otherwise(pl.col("co2").sum()),
        co2_feedstock_excluded=pl.col("co2_excluded").filter(pl.col("method") == "feedstock_excluded").sum(),
        rows_in_error=pl.col("in_error").sum().cast(pl.Int64),
    ).select(TOTAL_COLUMNS).sort("region_code", "year")
