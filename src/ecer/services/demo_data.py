"""The bundled demo data set: 31 provinces, the nation and the prefecture-level cities of 浙江, 广东 and
河北, monthly 2019-01 … 2025-12, with five-year and annual targets.

What is real and what is not (docs/demo-data.md):

* Official (each row of ``ecer/demo/calibration/*.csv`` names its source): the national 2020 total energy
  consumption (49.8亿 tce) and GDP (1 015 986亿元), NBS 2020 communiqué; every province's 2020 intensity
  change and energy-consumption growth, 2020 provincial bulletin (西藏 is 数据暂缺 there: invented);
  the provinces' own 14th-FYP basic intensity targets where the catalog has them (20 of 31).
* Approximate, labelled: provincial 2020 levels of energy and GDP (rounded magnitudes, not official).
* Synthetic: everything else — monthly shapes, 2021–2025, feedstock/renewable/nuclear shares, the
  separately listed projects, cities, incentive targets, planned GDP growth, annual targets.

2019 follows from the 2020 rates: E₂₀₁₉ = E₂₀₂₀ / (1+g_E) and G₂₀₁₉ = G₂₀₂₀ · (1+ΔI) / (1+g_E), so that
(E₂₀₂₀/G₂₀₂₀) / (E₂₀₁₉/G₂₀₁₉) − 1 = ΔI exactly. Same seed → same data, byte for byte.

>>> d = generate()
>>> d.energy.filter(pl.col("region_code") == "100000")["period"].head(2).to_list()
['2019-01', '2019-02']
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ecer.models import ANNUAL_TARGET_COLUMNS, ENERGY_COLUMNS, REGION_COLUMNS, TARGET_COLUMNS

CALIBRATION_DIR = Path(__file__).resolve().parent.parent / "demo" / "calibration"
BUNDLE_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"
NATIONAL = "100000"
YEARS = tuple(range(2019, 2026))
PRICE_BASE_YEAR = 2020
# Sizing only: MWh of renewable electricity per tce of "share" (≈ 发电煤耗 300 gce/kWh). Synthetic.
_TCE_PER_MWH_SIZING = 0.300
_NORTH = ("11", "12", "13", "14", "15", "21", "22", "23", "37", "41", "61", "62", "63", "64", "65", "54")
# Separately listed national projects (国家重大项目能耗单列, 发改环资〔2021〕1310号 第(六)条): synthetic
# demo projects, share of the province's 2020 total energy by year 2021…2025; the city that hosts them.
_SEPARATE = {"210000": ((0.010, 0.025, 0.035, 0.040, 0.042), None),
             "330000": ((0.015, 0.030, 0.040, 0.045, 0.047), "330900")}
_SEPARATE_TCE_PER_WAN_CNY = 2.0  # synthetic intensity of those projects → their value added
_GDP_PATH = (0.081, 0.030, 0.052, 0.050, 0.049)  # synthetic national-ish growth 2021…2025


@dataclass(frozen=True)
class DemoData:
    """The demo tables in the canonical columns (ecer.models): regions, energy (monthly), targets
    (14th FYP) and annual_targets."""

    regions: pl.DataFrame
    energy: pl.DataFrame
    targets: pl.DataFrame
    annual_targets: pl.DataFrame
    electricity_factors: pl.DataFrame


def bundle_dir() -> Path:
    """The folder of the bundled demo files (``ecer/demo/data``)."""
    return BUNDLE_DIR


def _read(name: str) -> list[dict[str, str]]:
    with open(CALIBRATION_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _month_shape(rng: random.Random, code: str, year: int, kind: str) -> list[float]:
    """Monthly shares of a year (sum 1): heating peak in the north, cooling in the south, the Spring
    Festival dip in February, the 2020 Q1 (COVID-19) slump; small seeded noise. Synthetic."""
    north = code[:2] in _NORTH
    out = []
    for m in range(1, 13):
        days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] / 30.4
        if kind == "gdp":
            w = (0.225, 0.245, 0.250, 0.280)[(m - 1) // 3] / 3 * (0.92 if m == 2 else 1.0)
            if year == 2020 and m <= 3:
                w *= (0.90, 0.80, 0.92)[m - 1]
            w *= 1 + rng.gauss(0, 0.004)
        else:
            heat = (0.10 if north else 0.02) * math.cos(2 * math.pi * (m - 1) / 12)
            cool = (0.02 if north else 0.07) * math.cos(2 * math.pi * (m - 7.5) / 12)
            w = days * (1 + heat + cool) * (0.93 if m == 2 else 1.0)
            if kind == "hydro":
                w *= 1 + 0.25 * math.cos(2 * math.pi * (m - 7.5) / 12)
            if year == 2020 and m in (2, 3):
                w *= 0.86 if m == 2 else 0.95
            w *= 1 + rng.gauss(0, 0.008)
        out.append(w)
    s = sum(out)
    return [w / s for w in out]


def _province_years(rng: random.Random, p: dict[str, str], trend: float) -> dict[int, dict[str, float]]:
    """Annual values of one province: total energy, GDP [10⁸ CNY], components [tce, MWh]."""
    e20 = float(p["energy_2020_wan_tce"]) * 1e4
    g20 = float(p["gdp_2020_yi_cny"])
    di, ge = float(p["intensity_change_2020_pct"]) / 100, float(p["energy_growth_2020_pct"]) / 100
    fs, rs, ns = (float(p[k]) for k in ("feedstock_share", "renewable_share", "nuclear_share"))
    years = {2020: {"E": e20, "G": g20}, 2019: {"E": e20 / (1 + ge), "G": g20 * (1 + di) / (1 + ge)}}
    offset = rng.gauss(0, 0.007)
    for i, y in enumerate(range(2021, 2026)):
        g = _GDP_PATH[i] + offset + rng.gauss(0, 0.004)
        d = trend + rng.gauss(0, 0.008)
        prev = years[y - 1]
        years[y] = {"E": prev["E"] * (1 + g) * (1 + d), "G": prev["G"] * (1 + g)}
    r20 = rs * e20 / _TCE_PER_MWH_SIZING
    sep = _SEPARATE.get(p["region_code"])
    for y, v in years.items():
        jitter = 1.0 if y <= 2020 else 1 + rng.gauss(0, 0.03)
        v["feedstock"] = fs * v["E"] * jitter
        v["nuclear"] = ns * v["E"]
        v["renewable"] = r20 / 1.06 if y == 2019 else r20
        if y > 2020:
            v["renewable"] = years[y - 1]["renewable"] * (1 + rng.uniform(0.06, 0.14))
        v["separate"] = sep[0][y - 2021] * e20 if sep and y > 2020 else 0.0
        v["separate_va"] = v["separate"] / _SEPARATE_TCE_PER_WAN_CNY / 1e4
    return years


def _monthly_rows(rng: random.Random, code: str, years: dict[int, dict[str, float]],
                  origin: dict[int, str], hydro: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for y in YEARS:
        v = years[y]
        se, sg = _month_shape(rng, code, y, "energy"), _month_shape(rng, code, y, "gdp")
        sr = _month_shape(rng, code, y, "hydro" if hydro else "energy")
        for m in range(12):
            rows.append({
                "region_code": code, "period": f"{y}-{m + 1:02d}",
                "total_energy": v["E"] * se[m], "feedstock_energy": v["feedstock"] * se[m],
                "renewable_electricity": v["renewable"] * sr[m], "other_nonfossil_energy": v["nuclear"] * se[m],
                "separately_listed_energy": v["separate"] * se[m],
                "separately_listed_value_added": v["separate_va"] * se[m],
                "gdp_constant": v["G"] * sg[m], "price_base_year": PRICE_BASE_YEAR, "data_origin": origin[y],
            })
    return rows


def _scale(rows: list[dict[str, object]], code: str, origin: dict[int, str], ke: dict[int, float],
           kg: dict[int, float]) -> list[dict[str, object]]:
    """Rows of one derived region: a copy of ``rows`` with energy × ke[year], GDP × kg[year]."""
    out = []
    for r in rows:
        y = int(str(r["period"])[:4])
        n = dict(r, region_code=code, data_origin=origin[y])
        for k in ENERGY_COLUMNS[2:9]:
            n[k] = float(r[k]) * (kg[y] if k in ("gdp_constant", "separately_listed_value_added") else ke[y])  # type: ignore[arg-type]
        out.append(n)
    return out


def _aggregate(rows: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    acc: dict[str, dict[str, float]] = {}
    for r in rows:
        a = acc.setdefault(str(r["period"]), {k: 0.0 for k in ENERGY_COLUMNS[2:9]})
        for k in a:
            a[k] += float(r[k])  # type: ignore[arg-type]
    return acc


def _round(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Round to what the bundle stores (tce and MWh to 1, 10⁸ CNY to 0.01) so generate() == files."""
    for r in rows:
        for k in ENERGY_COLUMNS[2:7]:
            r[k] = float(round(float(r[k])))  # type: ignore[arg-type]
        for k in ("separately_listed_value_added", "gdp_constant"):
            r[k] = round(float(r[k]), 2)  # type: ignore[arg-type]
    for r in rows:
        r.setdefault("electricity_basis", "coal_equivalent")  # totals carry electricity at 等价值, as NBS's do
        r.setdefault("electricity_coal_rate", None)  # the factor file and the catalog give the year's rate
    schema = {c: (pl.Utf8 if c in ("region_code", "period", "data_origin", "electricity_basis") else
                  pl.Int64 if c == "price_base_year" else pl.Float64) for c in ENERGY_COLUMNS}
    return pl.DataFrame(rows, schema=schema).select(ENERGY_COLUMNS)


# Synthetic national coal rates [gce/kWh] for the demo years the catalog has no sourced value for: a smooth path
# near the published supply rates, labelled synthetic on every row. Never used outside the demo.
_DEMO_COAL_RATES = {2019: 307.0, 2020: 305.5, 2021: 303.5, 2022: 302.0, 2023: 301.0, 2024: 300.0, 2025: 299.0}


def _demo_factors() -> pl.DataFrame:
    """The demo's electricity-factor file: synthetic national coal rates for the years without a catalog value."""
    from ecer.refdata import load

    table = load("electricity_conversion").data
    sourced = {int(y) for y in table.filter(pl.col("method") == "coal_equivalent")["year"].drop_nulls().to_list()}
    rows = [{"region_code": NATIONAL, "year": y, "coal_rate": v, "rate": "generation",
             "source": "演示用合成值，非官方数据 / synthetic demo value, not an official figure"}
            for y, v in _DEMO_COAL_RATES.items() if y not in sourced]
    return pl.DataFrame(rows, schema={"region_code": pl.Utf8, "year": pl.Int64, "coal_rate": pl.Float64,
                                      "rate": pl.Utf8, "source": pl.Utf8})


def _published_targets() -> dict[str, tuple[float, str]]:
    """The provinces' own 14th-FYP basic targets from the catalog (refdata provincial_intensity_targets_14th)."""
    from ecer.refdata import load

    frame = load("provincial_intensity_targets_14th").frame
    if "status" in frame.columns:  # edition 2026 lists every province; only published rows carry a number
        frame = frame.filter(frame["status"] == "published")
    return {r["region_code"]: (float(r["basic_target_pct"]) / 100,
                               f"official: {r['doc_no']} {r['clause']} ({r['confidence']} confidence)")
            for r in frame.iter_rows(named=True)}


def _targets(rng: random.Random, regions: list[dict[str, object]], basic: dict[str, tuple[float, str]],
             ) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows, annual = [], []
    for reg in regions:
        code = str(reg["region_code"])
        if code in basic:
            t, src = basic[code]
        else:  # a city: the province's target ± a synthetic step
            t = basic[str(reg["parent_code"])][0] + rng.choice((-0.01, 0.0, 0.0, 0.005, 0.01))
            src = "synthetic: demo city target (province target ± up to 1 pp)"
        rows.append({"region_code": code, "plan": "14th", "base_year": 2020, "target_year": 2025,
                     "intensity_reduction_basic": round(t, 4), "intensity_reduction_incentive": round(t + 0.01, 4),
                     "gdp_growth_plan": round(0.055 + rng.uniform(-0.01, 0.012), 3), "total_increment_cap": None,
                     "source": f"basic: {src} | incentive: synthetic demo (basic + 1 pp) | "
                               "gdp_growth_plan: synthetic demo"})
        pace = 1 - (1 - t) ** (1 / 5)
        for y in range(2021, 2026):
            annual.append({"region_code": code, "year": y, "intensity_reduction": round(pace + rng.gauss(0, 0.003), 3),
                           "source": "synthetic: demo annual target around the even pace of the five-year target"})
    return (pl.DataFrame(rows, schema_overrides={"total_increment_cap": pl.Float64}).select(TARGET_COLUMNS),
            pl.DataFrame(annual).select(ANNUAL_TARGET_COLUMNS))


def generate(seed: int = 2021) -> DemoData:
    """Generate the demo data set (deterministic for a seed); see the module docstring for what is real."""
    rng = random.Random(seed)
    provinces, cities = _read("provinces.csv"), _read("cities.csv")
    nat = {r["quantity"]: r for r in _read("national.csv")}
    regions: list[dict[str, object]] = [
        {"region_code": NATIONAL, "name_zh": "全国", "name_en": "China", "level": "national", "parent_code": None}]
    regions += [{"region_code": p["region_code"], "name_zh": p["name_zh"], "name_en": p["name_en"],
                 "level": "province", "parent_code": None} for p in provinces]
    regions += [{"region_code": c["region_code"], "name_zh": c["name_zh"], "name_en": c["name_en"],
                 "level": "city", "parent_code": c["parent_code"]} for c in cities]
    # province trend classes 2021–2025 (seeded): 4 lag (intensity rises), 7 slow, the rest on track
    order = [p["region_code"] for p in provinces]
    rng.shuffle(order)
    trend = {c: (0.008 if i < 4 else -0.018 if i < 11 else -0.034) for i, c in enumerate(order)}
    rows: list[dict[str, object]] = []
    prov_years: dict[str, dict[int, dict[str, float]]] = {}
    for p in provinces:
        code = p["region_code"]
        prov_years[code] = _province_years(rng, p, trend[code])
        first = "partly synthetic" if p["rate_origin"] == "official" else "synthetic"
        origin = {y: first if y <= 2020 else "synthetic" for y in YEARS}
        rows += _monthly_rows(rng, code, prov_years[code], origin, float(p["renewable_share"]) >= 0.25)
    # the nation: the provinces' months scaled to the official 2019/2020 totals (approximate provincial
    # levels need not add up to the national total, nor do official ones); 2021+ keeps the 2020 ratio.
    e20 = float(nat["energy_2020"]["value"]) * 1e4
    g20 = float(nat["gdp_2020"]["value"])
    di, ge = (float(nat[k]["value"]) / 100 for k in ("intensity_change_2020_pct", "energy_growth_2020_pct"))
    target_nat = {2020: (e20, g20), 2019: (e20 / (1 + ge), g20 * (1 + di) / (1 + ge))}
    sums = {y: (sum(v[y]["E"] for v in prov_years.values()), sum(v[y]["G"] for v in prov_years.values()))
            for y in YEARS}
    ke = {y: target_nat.get(y, target_nat[2020])[0] / (sums[y][0] if y <= 2020 else sums[2020][0]) for y in YEARS}
    kg = {y: target_nat.get(y, target_nat[2020])[1] / (sums[y][1] if y <= 2020 else sums[2020][1]) for y in YEARS}
    agg = _aggregate(rows)
    nat_rows = [dict(region_code=NATIONAL, period=p, price_base_year=PRICE_BASE_YEAR, data_origin="", **v)
                for p, v in sorted(agg.items())]
    nat_origin = {y: "partly synthetic" if y <= 2020 else "synthetic" for y in YEARS}
    out = _scale(nat_rows, NATIONAL, nat_origin, ke, kg)
    out += rows + _city_rows(rng, cities, rows)
    basic = {NATIONAL: (float(nat["target_basic_pct"]["value"]) / 100, "official: " + nat["target_basic_pct"]["source"])}
    basic |= {p["region_code"]: (float(p["target_basic_pct"]) / 100,
                                 ("official: " if p["target_origin"] == "official" else "") + p["target_source"])
              for p in provinces}
    basic |= _published_targets()
    targets, annual = _targets(rng, regions, basic)
    regions_df = _official_names(pl.DataFrame(regions, schema={c: pl.Utf8 for c in REGION_COLUMNS}))
    return DemoData(regions_df, _round(out), targets, annual, _demo_factors())


def _city_rows(rng: random.Random, cities: list[dict[str, str]], rows: list[dict[str, object]],
               ) -> list[dict[str, object]]:
    """Cities: the province's months × yearly city shares (GDP weight; energy weight = GDP weight ×
    intensity factor) drifting by a seeded rate, normalised so the cities add up to the province."""
    by_prov: dict[str, list[dict[str, object]]] = {}
    for r in rows:
        by_prov.setdefault(str(r["region_code"]), []).append(r)
    out: list[dict[str, object]] = []
    origin = {y: "synthetic" for y in YEARS}
    for parent in sorted({c["parent_code"] for c in cities}):
        cs = [c for c in cities if c["parent_code"] == parent]
        drift = {c["region_code"]: (rng.gauss(0, 0.02), rng.gauss(0, 0.01)) for c in cs}
        we = {y: {c["region_code"]: float(c["gdp_weight"]) * float(c["intensity_factor"])
                  * math.exp(drift[c["region_code"]][0] * (y - 2020)) for c in cs} for y in YEARS}
        wg = {y: {c["region_code"]: float(c["gdp_weight"]) * math.exp(drift[c["region_code"]][1] * (y - 2020))
                  for c in cs} for y in YEARS}
        sep_city = _SEPARATE.get(parent, (None, None))[1]
        for c in cs:
            code = c["region_code"]
            ke = {y: we[y][code] / sum(we[y].values()) for y in YEARS}
            kg = {y: wg[y][code] / sum(wg[y].values()) for y in YEARS}
            crow = _scale(by_prov[parent], code, origin, ke, kg)
            host = code == sep_city
            for r, src in zip(crow, by_prov[parent], strict=True):
                # the separately listed project sits in its host city only; the rest is shared out
                y = int(str(src["period"])[:4])
                sep, va = float(src["separately_listed_energy"]), float(src["separately_listed_value_added"])  # type: ignore[arg-type]
                r["total_energy"] = (float(src["total_energy"]) - sep) * ke[y] + (sep if host else 0.0)  # type: ignore[arg-type]
                r["gdp_constant"] = (float(src["gdp_constant"]) - va) * kg[y] + (va if host else 0.0)  # type: ignore[arg-type]
                r["separately_listed_energy"], r["separately_listed_value_added"] = (sep, va) if host else (0.0, 0.0)
            out += crow
    return out


def _official_names(regions: pl.DataFrame) -> pl.DataFrame:
    """Names from ``ecer.refdata.regions()`` when that loader exists (GB/T 2260 full names)."""
    try:
        from ecer.refdata import regions as refdata_regions

        ref = pl.DataFrame(refdata_regions()).select("region_code", "name_zh", "name_en")
    except Exception:  # noqa: BLE001 - loader not there (yet): keep the calibration names
        return regions
    names = {c: (zh, en) for c, zh, en in ref.iter_rows()}
    return regions.with_columns(
        pl.col("region_code").replace_strict({c: v[0] for c, v in names.items()}, default=pl.col("name_zh"))
        .alias("name_zh"),
        pl.col("region_code").replace_strict({c: v[1] for c, v in names.items()}, default=pl.col("name_en"))
        .alias("name_en"))


def _fmt(v: object, scale: float = 1.0, decimals: int = 6) -> str:
    """Fixed decimals, trailing zeros stripped: the same float always prints the same text."""
    if v is None:
        return ""
    if isinstance(v, float):
        s = f"{v * scale:.{decimals}f}"
        return s.rstrip("0").rstrip(".") if "." in s else s
    return str(v)


def _template_columns(name: str, df: pl.DataFrame) -> list[tuple[str, str, float, int]]:
    """(canonical column, header, scale, decimals) in the ingest template's format: bilingual headers,
    display units (万tce, 万kWh, 亿元, %). Tables without a template keep their canonical names."""
    from ecer.ingest.templates import TEMPLATES
    from ecer.units import factor

    spec = TEMPLATES.get(name)
    out = []
    for c in df.columns:
        if spec is None:
            out.append((c, c, 1.0, 6))
            continue
        col = spec.column(c)
        scale = 100.0 if col.kind == "percent" else (
            factor(col.canonical_unit, col.unit_zh) if col.unit_zh and col.canonical_unit else 1.0)
        # keep the stored resolution: 1 tce = 0.0001 万tce, 1 MWh = 0.1 万kWh, 0.01 亿元, 0.01 %
        decimals = {1e-4: 4, 0.1: 1, 100.0: 2}.get(round(scale, 6), 2 if col.unit_zh else 6)
        out.append((c, col.header, scale, decimals))
    return out


def write_bundle(out_dir: Path | str | None = None, seed: int = 2021) -> list[Path]:
    """Write the demo data as CSV in the ingest template format (``ecer.ingest.templates``: bilingual
    headers, display units) into ``out_dir`` (default ``ecer/demo/data``): regions.csv, energy.csv,
    targets.csv, annual_targets.csv, electricity_factors.csv. UTF-8, ``\\n`` line ends.
    Returns the paths. Same seed → same bytes."""
    out = Path(out_dir) if out_dir is not None else BUNDLE_DIR
    out.mkdir(parents=True, exist_ok=True)
    d = generate(seed)
    paths = []
    for name, df in (("regions", d.regions), ("energy", d.energy), ("targets", d.targets),
                     ("annual_targets", d.annual_targets), ("electricity_factors", d.electricity_factors)):
        cols = _template_columns(name, df)
        path = out / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([h for _, h, _, _ in cols])
            for row in df.iter_rows():
                w.writerow([_fmt(v, sc, dec) for v, (_, _, sc, dec) in zip(row, cols, strict=True)])
        paths.append(path)
    return paths
