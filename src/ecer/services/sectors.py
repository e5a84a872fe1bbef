"""Sectoral energy in the services (issue 9 §1; docs/templates.md, docs/analysis.md): the checks a ``sector_energy``
file must pass before it loads, and the stored sector rows of a region as the LMDI needs them.

* :func:`sector_codes` — the code list (reference table ``lmdi_sectors``): code → scheme, names, whether the
  sector has value added; :func:`sector_lookup` maps every accepted spelling to its code;
* :func:`sector_file_findings` — what the template alone cannot check: the sector codes (spellings mapped to the
  code the store keeps), one scheme per region and year, value added on production sectors and not on 居民生活,
  the sectoral intensity far outside what an economy has (a 万tce / tce slip), and the sectors' sum against the
  region's stored total energy (above it beyond :data:`TOLERANCE`, or 10³ times off: a unit slip). The same for
  ``ecer check``/``ecer load`` and the upload API (through :func:`ecer.services.loading.check_file`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import polars as pl

from ecer import refdata
from ecer.findings import Finding, Location, make
from ecer.models.sectors import SECTOR_TABLE

TABLE = "sector_energy"
TOLERANCE = 0.01
"""The sectors may add up to at most (1 + 1 %) × the region's total energy [C]: rounding of published sector
figures; statistical differences of the energy balance (平衡差额) are of this order."""
SLIP_RATIO = 1000.0
"""A sectors' sum at least 10³ times the total, or at most 10⁻³ of it, is a 万/1 unit slip (10⁴), not a gap [C]."""
INTENSITY_RANGE = (1e-4, 200.0)
"""Sectoral energy intensity [tce/10⁴ CNY] outside this is taken for a unit slip [C]: the published sectoral
intensities of Chinese provinces lie between about 0.005 (finance, real estate) and about 10 (power supply, a
heavy-industry section); a 10⁴ slip of any of them leaves the range."""


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, dict[str, Any]]:
    """code → {scheme, name_zh, name_en, industry, value_added (bool)} of the reference table ``lmdi_sectors``."""
    df = refdata.load(SECTOR_TABLE).data
    return {r["code"]: {"scheme": r["scheme"], "name_zh": r["name_zh"], "name_en": r["name_en"],
                        "industry": r["industry"], "value_added": r["value_added"] == "true"}
            for r in df.iter_rows(named=True)}


@lru_cache(maxsize=1)
def sector_lookup() -> dict[str, str]:
    """Every accepted spelling (code, Chinese and English names, aliases; case and spaces ignored) → code."""
    out: dict[str, str] = {}
    for r in refdata.load(SECTOR_TABLE).data.iter_rows(named=True):
        for v in [r["code"], r["name_zh"], r["name_en"], *str(r["aliases"] or "").split(";")]:
            if v:
                out[_norm(v)] = r["code"]
    return out


def _norm(v: str) -> str:
    return "".join(str(v).split()).lower()


def sector_label(code: str) -> tuple[str, str]:
    """The sector's Chinese and English names (the code itself when unknown)."""
    s = sector_codes().get(code)
    return (s["name_zh"], s["name_en"]) if s else (code, code)


def _tce(v: float) -> str:
    return f"{v:,.0f} tce"


def sector_file_findings(frame: pl.DataFrame, *, store: Any = None, file: str | None = None,
                         source_rows: list[int] | None = None, headers: dict[str, str] | None = None,
                         units: dict[str, str] | None = None, accept: bool = False
                         ) -> tuple[pl.DataFrame, list[Finding]]:
    """The checks of a validated ``sector_energy`` frame (module docstring): returns the frame with every sector
    spelled as its code, and the findings (errors keep the file from loading; the slip and above-total findings
    are warnings when ``accept``)."""
    headers = headers or {}
    rows = source_rows or list(range(2, frame.height + 2))
    codes, lookup = sector_codes(), sector_lookup()

    def loc(i: int, col: str) -> Location:
        return Location(file=file, row=rows[i] if i < len(rows) else None, column=headers.get(col, col))

    found: list[Finding] = []
    mapped: list[str | None] = []
    for i, v in enumerate(frame["sector"].to_list()):
        code = lookup.get(_norm(v or ""))
        if code is None and len(str(v).strip()) == 1:
            code = lookup.get(_norm(str(v).upper()))
        mapped.append(code)
        if code is None:
            found.append(make("E_SECTOR_UNKNOWN", location=loc(i, "sector"), value=v))
    f = frame.with_columns(pl.Series("sector", [m or v for m, v in zip(mapped, frame["sector"].to_list(), strict=True)],
                                     dtype=pl.String), pl.Series("_i", range(frame.height)))
    known = f.filter(pl.Series(m is not None for m in mapped))
    # two spellings of one sector (第二产业 and secondary) are one key twice
    seen: dict[tuple[str, int, str], int] = {}
    for r in known.iter_rows(named=True):
        k = (r["region_code"], r["year"], r["sector"])
        if k in seen:
            found.append(make("E_DUPLICATE_KEY", location=loc(r["_i"], "sector"), region=k[0],
                              period=f"{k[1]} {k[2]}", other_row=rows[seen[k]] if seen[k] < len(rows) else seen[k]))
        else:
            seen[k] = r["_i"]
    for (region, year), g in known.group_by(["region_code", "year"], maintain_order=True):
        schemes = {codes[s]["scheme"] for s in g["sector"].to_list()} - {"household"}
        if len(schemes) > 1:
            found.append(make("E_SECTOR_SCHEME_MIXED", location=loc(int(g["_i"][0]), "sector"), region=region,
                              year=year, sectors_zh="、".join(sector_label(c)[0] for c in sorted(set(g["sector"]))),
                              sectors_en=", ".join(sorted(set(g["sector"].to_list())))))
    for r in known.iter_rows(named=True):
        zh, en = sector_label(r["sector"])
        va = r["value_added"]
        if codes[r["sector"]]["value_added"] and (va is None or va <= 0):
            found.append(make("E_SECTOR_VALUE_ADDED", location=loc(r["_i"], "value_added"), region=r["region_code"],
                              year=r["year"], sector_zh=zh, sector_en=en,
                              detail_zh="生产部门须有大于 0 的增加值", detail_en="a production sector needs value added above 0",
                              fix_zh="填写该部门按可比价计算的增加值", fix_en="give the sector's value added at constant prices"))
        elif not codes[r["sector"]]["value_added"] and va:
            found.append(make("E_SECTOR_VALUE_ADDED", location=loc(r["_i"], "value_added"), region=r["region_code"],
                              year=r["year"], sector_zh=zh, sector_en=en,
                              detail_zh=f"居民生活没有增加值，此处为 {va:g} 亿元",
                              detail_en=f"households have no value added, here {va:g} (10^8 CNY)",
                              fix_zh="居民生活行的增加值留空", fix_en="leave value added empty on the household row"))
    found += _slips(known, loc, headers, accept)
    found += _against_total(known, store, loc, headers, accept)
    return f.drop("_i"), found


def _slips(known: pl.DataFrame, loc: Any, headers: dict[str, str], accept: bool) -> list[Finding]:
    """Sectoral intensity E_i / Q_i [tce/10⁴ CNY] outside :data:`INTENSITY_RANGE` (Q_i stored in 10⁸ CNY)."""
    lo, hi = INTENSITY_RANGE
    out: list[Finding] = []
    code = "W_SECTOR_UNIT_SLIP" if accept else "E_SECTOR_UNIT_SLIP"
    for r in known.iter_rows(named=True):
        va, e = r["value_added"], r["energy"]
        if not va or va <= 0 or e is None or e <= 0:
            continue
        intensity = e / (va * 1e4)
        if lo <= intensity <= hi:
            continue
        zh, en = sector_label(r["sector"])
        out.append(make(code, location=loc(r["_i"], "energy"), region=r["region_code"], year=r["year"],
                        what_zh=f"{zh}的能耗强度", what_en=f"energy intensity of {en}",
                        reason_zh=f"{_tce(e)} ÷ {va:,.4g} 亿元 = {intensity:.3g} 吨标准煤/万元，超出 {lo:g}–{hi:g} 的合理范围",
                        reason_en=f"{_tce(e)} ÷ {va:,.4g} × 10^8 CNY = {intensity:.3g} tce per 10^4 CNY, outside the "
                                  f"plausible {lo:g}–{hi:g}",
                        header=headers.get("energy", "energy")))
    return out


def _against_total(known: pl.DataFrame, store: Any, loc: Any, headers: dict[str, str], accept: bool
                   ) -> list[Finding]:
    """The sectors' sum of each region and year against the stored total energy of that year."""
    from ecer.core.dual_control.periods_agg import derive_periods

    sums = (known.group_by(["region_code", "year"], maintain_order=True)
            .agg(pl.col("energy").sum().alias("sum"), pl.col("_i").min().alias("i")))
    totals: dict[tuple[str, str], float] = {}
    if store is not None:  # the file's regions only; a year stored as months is their sum (as the assessment)
        e = store.current("energy")
        e = e.filter(pl.col("region_code").is_in(sums["region_code"].unique().to_list()))
        if not e.is_empty():
            e = derive_periods(e, ("Y",))
            totals = {(r, p): t for r, p, t in e.select("region_code", "period", "total_energy").iter_rows()
                      if t is not None}
    out: list[Finding] = []
    for r in sums.iter_rows(named=True):
        region, year, s = r["region_code"], r["year"], float(r["sum"])
        total = totals.get((region, str(year)))
        where = loc(r["i"], "energy")
        if total is None:
            out.append(make("I_SECTOR_TOTAL_UNCHECKED", location=where, region=region, year=year, sum=_tce(s)))
            continue
        ratio = s / total if total > 0 else float("inf")
        if ratio >= SLIP_RATIO or (s > 0 and ratio <= 1 / SLIP_RATIO):
            out.append(make("W_SECTOR_UNIT_SLIP" if accept else "E_SECTOR_UNIT_SLIP", location=where, region=region,
                            year=year, what_zh="各部门能源消费量合计", what_en="the sectors' energy in all",
                            reason_zh=f"合计 {_tce(s)}，约为地区能源消费总量 {_tce(total)} 的 {ratio:.3g} 倍",
                            reason_en=f"{_tce(s)} in all, {ratio:.3g} times the region's total energy {_tce(total)}",
                            header=headers.get("energy", "energy")))
        elif s > total * (1 + TOLERANCE):
            out.append(make("W_SECTOR_ABOVE_TOTAL" if accept else "E_SECTOR_ABOVE_TOTAL", location=where,
                            region=region, year=year, sum=_tce(s), total=_tce(total), excess=_tce(s - total),
                            tolerance=f"{TOLERANCE:.0%}"))
    return out
