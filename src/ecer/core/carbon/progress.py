r"""Carbon intensity against its target, and the energy and carbon views of a region side by side — on the one
progress machinery every target shares (:mod:`ecer.core.targets.tracking`), not a copy of it.

* :func:`carbon_progress` — CO2 intensity :math:`C_t = E_t / (G_t \cdot 10^4)` [tCO2/10⁴ CNY] on constant-price GDP,
  its cumulative reduction :math:`D_t = 1 - C_t / C_0` (equal to the chain of the yearly reductions,
  :math:`1 - \prod (1 - d_s)`), the even pace :math:`R_t = 1 - (1 - T)^{t/n}`, progress :math:`D_t / R_t` and the
  barometer's grades (一级 red: rose; 二级 yellow: fell less than :math:`R_1`; 三级 green), with the absolute CO2, GDP
  and the CO2 total's own yearly change beside the rates (国办发〔2024〕39号: intensity control first, total control as
  the auxiliary instrument in the 15th FYP);
* :func:`energy_and_carbon` — the same for energy intensity and carbon intensity of a region, one row per region and
  year, and the carbon content of its energy (tCO2/tce).

Target: national 14th-FYP −18 % 2025 vs 2020 (国发〔2021〕23号 二、主要目标; :func:`ecer.core.carbon.factors.
co2_intensity_target`); a region's own target is passed as a mapping region code → :class:`Target`.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ecer.core.carbon.formulas import carbon_intensity
from ecer.core.dual_control.formulas import energy_intensity
from ecer.core.targets import progress as pg
from ecer.core.targets.tracking import TRACK_COLUMNS, Target, track
from ecer.findings import Finding, FindingsError, Location, make

PROGRESS_COLUMNS = ["region_code", "co2", "gdp", "intensity", "co2_change_yoy", *TRACK_COLUMNS]
""":func:`carbon_progress` output: region, CO2 [t], GDP [10⁸ CNY], intensity [tCO2/10⁴ CNY], the CO2 total's yearly
change [1], then :data:`ecer.core.targets.tracking.TRACK_COLUMNS` on the intensity (``value`` = intensity)."""

SIDE_COLUMNS = [
    "region_code", "year", "gdp", "energy", "energy_intensity", "energy_change_yoy", "energy_reduction_cumulative",
    "energy_required_cumulative", "energy_progress_ratio", "energy_on_pace", "energy_grade", "energy_color",
    "co2", "carbon_intensity", "carbon_change_yoy", "carbon_reduction_cumulative", "carbon_required_cumulative",
    "carbon_progress_ratio", "carbon_on_pace", "carbon_grade", "carbon_color", "co2_per_tce",
]
""":func:`energy_and_carbon` output: the two intensities [tce/10⁴ CNY, tCO2/10⁴ CNY] with their changes, cumulative
reductions, requirements, progress, on_pace, grades and colours, and the carbon content of energy [tCO2/tce]."""


def _need(df: pl.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FindingsError([make("E_CARBON_COLUMN_MISSING", location=Location(column=c), what=what, column=c,
                                  expected=", ".join(columns)) for c in missing])


def _with_gdp(values: pl.DataFrame, gdp: pl.DataFrame, value: str) -> tuple[pl.DataFrame, list[Finding]]:
    _need(gdp, ["region_code", "year", "gdp"], "地区生产总值 / GDP")
    g = gdp.select(pl.col("region_code").cast(pl.Utf8), pl.col("year").cast(pl.Int64), pl.col("gdp").cast(pl.Float64))
    df = values.join(g, on=["region_code", "year"], how="left")
    missing = df.filter(pl.col(value).is_not_null() & (pl.col("gdp").is_null() | ~(pl.col("gdp") > 0)))
    return df, [make("E_CARBON_GDP_MISSING", record=f"{r['region_code']} {r['year']}")
                for r in missing.sort("region_code", "year").iter_rows(named=True)]


def _by_region(df: pl.DataFrame, target: Target | Mapping[str, Target], value: str) -> tuple[pl.DataFrame,
                                                                                             list[Finding]]:
    if isinstance(target, Target):
        return track(df, target, key=["region_code"], value=value)
    parts, findings = [], []
    for code, t in sorted(target.items()):
        sub = df.filter(pl.col("region_code") == code)
        if sub.height:
            out, f = track(sub, t, key=["region_code"], value=value)
            parts.append(out)
            findings += f
    untargeted = sorted(set(df["region_code"].to_list()) - set(target))
    if untargeted:
        findings.append(make("I_TARGET_MISSING", what="目标 / target",
                             count=len(untargeted), series=", ".join(untargeted)))
    if not parts:
        return track(df.head(0), next(iter(target.values())), key=["region_code"], value=value)[0], findings
    return pl.concat(parts, how="vertical_relaxed"), findings


def carbon_progress(totals: pl.DataFrame, gdp: pl.DataFrame, target: Target | Mapping[str, Target]) -> tuple[
        pl.DataFrame, list[Finding]]:
    r"""Each region's CO2 intensity against its target (module docstring).

    .. math:: C_t = \frac{E_t}{G_t \cdot 10^4}, \quad D_t = 1 - \frac{C_t}{C_0}, \quad R_t = 1 - (1 - T)^{t/n},
              \quad p = \frac{D_t}{R_t}

    totals : region_code, year, co2 [t] (:func:`ecer.core.carbon.accounting.region_totals`; a null total stays null);
    gdp : region_code, year, gdp [10⁸ CNY, constant prices of one base year]; target : one :class:`Target` for every
    region, or a mapping region code → Target (regions without one are named in an ``I_TARGET_MISSING``
    finding). Returns :data:`PROGRESS_COLUMNS` and findings (``E_CARBON_GDP_MISSING``, ``E_TARGET_BASE_MISSING``,
    ``W_TARGET_YEAR_GAP``).

    Reference: 国发〔2021〕23号 二; :mod:`ecer.core.targets.tracking` (even pace [C]; 629号 grades; chaining rule).

    >>> tot = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2021, 2022], "co2": [1e6, 1.0185e6, 1.0476e6]})
    >>> gdp = pl.DataFrame({"region_code": ["A"] * 3, "year": [2020, 2021, 2022], "gdp": [100.0, 105.0, 112.5]})
    >>> out, _ = carbon_progress(tot, gdp, Target(size=0.18, base_year=2020, target_year=2025))
    >>> out.select("year", "grade").rows()
    [(2020, None), (2021, 2), (2022, 3)]
    """
    _need(totals, ["region_code", "year", "co2"], "碳排放 / CO2 totals")
    df = totals.select(pl.col("region_code").cast(pl.Utf8), pl.col("year").cast(pl.Int64),
                       pl.col("co2").cast(pl.Float64))
    df, findings = _with_gdp(df, gdp, "co2")
    df = df.with_columns(intensity=pl.when(pl.col("gdp") > 0).then(carbon_intensity(pl.col("co2"), pl.col("gdp"))))
    tracked, f2 = _by_region(df, target, "intensity")
    prev = df.select("region_code", (pl.col("year") + 1).alias("year"), pl.col("co2").alias("_co2_prev"))
    out = tracked.join(df.select("region_code", "year", "co2", "gdp"), on=["region_code", "year"], how="left").join(
        prev, on=["region_code", "year"], how="left").with_columns(
        intensity=pl.col("value"), co2_change_yoy=pg.relative_change(pl.col("co2"), pl.col("_co2_prev")))
    return out.select(PROGRESS_COLUMNS).sort("region_code", "year"), findings + f2


ASSESSED_ENERGY_COLUMNS = ("energy_change_yoy", "energy_reduction_cumulative", "energy_required_cumulative",
                           "energy_progress_ratio", "energy_on_pace", "energy_grade", "energy_color")
"""The energy-side columns :func:`energy_and_carbon` takes as given when ``energy`` carries them all (the dual-control
assessment's ``intensity_change_yoy``, ``intensity_reduction_cumulative``, ``required_reduction_cumulative``,
``progress_ratio``, on pace, ``intensity_grade`` and colour)."""


def energy_and_carbon(energy: pl.DataFrame, totals: pl.DataFrame, gdp: pl.DataFrame, *,
                      energy_target: Target | Mapping[str, Target],
                      carbon_target: Target | Mapping[str, Target]) -> tuple[pl.DataFrame, list[Finding]]:
    r"""The energy and carbon views of each region side by side, on the same machinery.

    .. math:: I_t = \frac{E^{int}_t}{G_t \cdot 10^4}, \quad C_t = \frac{E^{CO_2}_t}{G_t \cdot 10^4}, \quad
              k_t = \frac{E^{CO_2}_t}{E^{int}_t}

    energy : region_code, year, energy [tce] — the energy counted in the intensity check (after the rule edition's
    exclusions, e.g. the dual-control assessment's ``energy_for_intensity``), and optionally ``energy_intensity``
    [tce/10⁴ CNY] as the assessment computed it (then used as is; ``energy`` may be null, e.g. in the base year), and
    optionally all of :data:`ASSESSED_ENERGY_COLUMNS` (then the energy progress is the assessment's, not re-tracked);
    totals : region_code, year, co2 [t];
    gdp : region_code, year, gdp [10⁸ CNY, constant prices]; energy_target, carbon_target : as
    :func:`carbon_progress` (national: −13.5 % and −18 %, :mod:`ecer.core.carbon.factors`). Returns
    :data:`SIDE_COLUMNS` and the findings of both.

    Reference: 国发〔2021〕33号 二 and 国发〔2021〕23号 二; 国办发〔2024〕39号 (from energy to carbon dual control).

    >>> en = pl.DataFrame({"region_code": ["A"] * 2, "year": [2020, 2021], "energy": [5e5, 5.05e5]})
    >>> co = pl.DataFrame({"region_code": ["A"] * 2, "year": [2020, 2021], "co2": [1e6, 1.0185e6]})
    >>> gdp = pl.DataFrame({"region_code": ["A"] * 2, "year": [2020, 2021], "gdp": [100.0, 105.0]})
    >>> out, _ = energy_and_carbon(en, co, gdp, energy_target=Target(size=0.135, base_year=2020, target_year=2025),
    ...                            carbon_target=Target(size=0.18, base_year=2020, target_year=2025))
    >>> out.filter(pl.col("year") == 2021).select("energy_grade", "carbon_grade").row(0)  # −3.81 % ≥ 2.86 %; −3 % < 3.89 %
    (3, 2)
    """
    _need(energy, ["region_code", "year", "energy"], "能源消费 / energy")
    given = "energy_intensity" in energy.columns  # the dual-control assessment's own intensity, when passed
    # the assessment's own progress (its chained cumulative reduction over rule editions that rebase the base year,
    # its requirement and barometer grade), when passed: shown as is, so the side view never contradicts the
    # assessment (re-tracking the levels would mix a base under one edition's exclusions with a year under another's)
    assessed = set(ASSESSED_ENERGY_COLUMNS) <= set(energy.columns)
    en = energy.select(pl.col("region_code").cast(pl.Utf8), pl.col("year").cast(pl.Int64),
                       pl.col("energy").cast(pl.Float64),
                       *([pl.col("energy_intensity").cast(pl.Float64)] if given else []))
    en, f1 = _with_gdp(en, gdp, "energy")
    if not given:
        en = en.with_columns(energy_intensity=pl.when(pl.col("gdp") > 0).then(
            energy_intensity(pl.col("energy"), pl.col("gdp"))))
    else:  # the intensity is given: GDP is only shown, a missing one is not an error here
        f1 = []
    if assessed:
        f2: list[Finding] = []
        energy_side = energy.select(
            pl.col("region_code").cast(pl.Utf8), pl.col("year").cast(pl.Int64),
            *[pl.col(c).cast(pl.Float64) for c in ASSESSED_ENERGY_COLUMNS[:4]],
            pl.col("energy_on_pace").cast(pl.Boolean), pl.col("energy_grade").cast(pl.Int8),
            pl.col("energy_color").cast(pl.Utf8))
    else:
        et, f2 = _by_region(en, energy_target, "energy_intensity")
    ct, f3 = carbon_progress(totals, gdp, carbon_target)
    f3 = [f for f in f3 if f.code != "E_CARBON_GDP_MISSING" or f not in f1]

    def pick(df: pl.DataFrame, prefix: str) -> pl.DataFrame:
        return df.select("region_code", "year", pl.col("change_yoy").alias(f"{prefix}_change_yoy"),
                         pl.col("achieved_cumulative").alias(f"{prefix}_reduction_cumulative"),
                         pl.col("required_cumulative").alias(f"{prefix}_required_cumulative"),
                         pl.col("progress_ratio").alias(f"{prefix}_progress_ratio"),
                         pl.col("on_pace").alias(f"{prefix}_on_pace"), pl.col("grade").alias(f"{prefix}_grade"),
                         pl.col("color").alias(f"{prefix}_color"))

    out = (en.select("region_code", "year", "gdp", "energy", "energy_intensity")
           .join(energy_side if assessed else pick(et, "energy"), on=["region_code", "year"], how="full",
                 coalesce=True)
           .join(ct.select("region_code", "year", "co2", pl.col("intensity").alias("carbon_intensity"),
                           pl.col("gdp").alias("_gdp_c")), on=["region_code", "year"], how="full", coalesce=True)
           .join(pick(ct, "carbon"), on=["region_code", "year"], how="full", coalesce=True)
           .with_columns(gdp=pl.coalesce("gdp", "_gdp_c"),
                         co2_per_tce=pl.when(pl.col("energy") > 0).then(pl.col("co2") / pl.col("energy"))))
    return out.select(SIDE_COLUMNS).sort("region_code", "year"), f1 + f2 + f3
