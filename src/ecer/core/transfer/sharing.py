r"""Origin/destination sharing of output value, tax and land indicators over the years of an agreement.

工信部联政法〔2021〕215号 八: "鼓励产业转出地和承接地建立产值、收益、用地等指标的分享机制". The guidance fixes no shares;
an agreement states, for each indicator, the origin's share s_y ∈ [0, 1] year by year. ECER writes it as segments
``first-last:share`` separated by ``;`` (``2024-2026:60%;2027-2030:40%``; a share as 0.6 or 60%). For each year y
of the agreement and indicator k with annual amount A_k (output value 万元, tax 万元, land ha):

.. math::
    O_{k,y} = s_{k,y} A_{k,y}, \qquad D_{k,y} = A_{k,y} - O_{k,y}, \qquad O_{k,y} + D_{k,y} = A_{k,y}

The destination's amount is computed as the remainder, so origin + destination = total holds in every year. A year
of the agreement that no segment covers is an error (the agreement would be silent about it), as are overlapping
segments, years outside the agreement and shares outside [0, 1].
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import polars as pl

from ecer.findings import Finding, FindingsError, make

SHARE_KINDS: dict[str, tuple[str, str, str]] = {
    "output_value": ("产值", "output value", "万元"),
    "tax": ("税收", "tax revenue", "万元"),
    "land": ("用地指标", "land indicator", "ha"),
}
SCHEDULE_COLUMNS = ["year", "kind", "total", "origin_share", "origin", "destination"]
_SEGMENT = re.compile(r"^\s*(\d{4})\s*(?:[-–~至]\s*(\d{4}))?\s*[:：]\s*([0-9.]+)\s*(%?)\s*$")


def parse_schedule(text: str, first_year: int, last_year: int, *, record: str = "") -> dict[int, float]:
    """Year → origin share [1] for every year of the agreement, from ``first-last:share;…``.

    >>> parse_schedule("2024-2025:60%;2026:0.25", 2024, 2026)
    {2024: 0.6, 2025: 0.6, 2026: 0.25}
    """
    def bad(detail: str) -> FindingsError:
        return FindingsError([make("E_TRANSFER_SHARE_INVALID", record=record or "—", value=text, detail=detail)])

    if first_year > last_year:
        raise bad(f"协议起始年 {first_year} 晚于终止年 {last_year} / the agreement starts after it ends")
    out: dict[int, float] = {}
    for part in [p for p in re.split(r"[;；]", text or "") if p.strip()]:
        m = _SEGMENT.match(part)
        if not m:
            raise bad(f"无法识别“{part.strip()}” / cannot read '{part.strip()}'")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        share = float(m.group(3)) / (100.0 if m.group(4) else 1.0)
        if not math.isfinite(share) or not 0.0 <= share <= 1.0:
            raise bad(f"比例 {m.group(3)}{m.group(4)} 不在 0–100% 之间 / share outside 0–100%")
        if a > b or a < first_year or b > last_year:
            raise bad(f"年份 {a}–{b} 不在协议期 {first_year}–{last_year} 内 / years outside the agreement")
        for y in range(a, b + 1):
            if y in out:
                raise bad(f"{y} 年重复 / year {y} given twice")
            out[y] = share
    gaps = [y for y in range(first_year, last_year + 1) if y not in out]
    if gaps:
        raise bad(f"协议期内 {', '.join(map(str, gaps))} 年没有分享比例 / no share for {', '.join(map(str, gaps))}")
    return dict(sorted(out.items()))


def sharing_schedule(shares: Mapping[str, Mapping[int, float]],
                     amounts: Mapping[str, float | Mapping[int, float] | None]) -> tuple[pl.DataFrame, list[Finding]]:
    """The year-by-year split of each indicator: ``shares`` kind → {year: origin share}; ``amounts`` kind → annual
    amount (one number for every year, or year → amount; None: shares only, amounts left empty).

    >>> df, _ = sharing_schedule({"tax": {2024: 0.6, 2025: 0.4}}, {"tax": 1000.0})
    >>> df.select("year", "origin", "destination").rows()
    [(2024, 600.0, 400.0), (2025, 400.0, 600.0)]
    """
    rows: list[dict[str, object]] = []
    findings: list[Finding] = []
    for kind, by_year in shares.items():
        if kind not in SHARE_KINDS:
            raise FindingsError([make("E_TRANSFER_UNKNOWN", what="分享指标 / shared indicator", value=kind,
                                      known=", ".join(SHARE_KINDS))])
        amount = amounts.get(kind)
        for year, s in sorted(by_year.items()):
            total = amount.get(year) if isinstance(amount, Mapping) else amount
            origin = None if total is None else s * float(total)
            dest = None if total is None or origin is None else float(total) - origin
            rows.append({"year": year, "kind": kind, "total": None if total is None else float(total),
                         "origin_share": s, "origin": origin, "destination": dest})
    schema = {"year": pl.Int64, "kind": pl.String, "total": pl.Float64, "origin_share": pl.Float64,
              "origin": pl.Float64, "destination": pl.Float64}
    return pl.DataFrame(rows, schema=schema).select(SCHEDULE_COLUMNS), findings
