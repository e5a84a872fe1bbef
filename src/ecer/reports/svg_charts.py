"""Charts as inline SVG, drawn in Python (no JavaScript, no network): they print crisply and render
the same in every browser and in WeasyPrint.

>>> svg = bar_vs_required([("北京", 0.05, 0.03, "green"), ("河北", -0.01, 0.03, "red")], title="累计降低率")
>>> svg.startswith("<svg") and "北京" in svg and "#d93b30" in svg
True
"""

from __future__ import annotations

import math
from html import escape

from ecer.reports.labels import COLORS

FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"


_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def short_name(name: str) -> str:
    """A region's short name for chart labels: 内蒙古自治区 → 内蒙古, 北京市 → 北京 (全国 stays).

    >>> short_name("广西壮族自治区"), short_name("杭州市"), short_name("全国")
    ('广西', '杭州', '全国')
    """
    for s in _SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[: -len(s)]
    return name


def _text_px(text: str) -> int:
    """Width of ``text`` at 11 px type: a CJK glyph about 11 px, a Latin one about 6.5."""
    return round(sum(11 if ord(ch) > 0x2E7F else 6.5 for ch in text))


def _nice_step(span: float) -> float:
    """A round tick step (1, 2 or 5 × 10ⁿ) giving about five ticks over ``span``."""
    raw = span / 5 if span > 0 else 0.01
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def bar_vs_required(rows: list[tuple[str, float | None, float | None, str]], *, title: str = "",
                    value_label: str = "实际", required_label: str = "要求", width: int = 680) -> str:
    """Horizontal bars of a value per region (a fraction, shown in %) coloured by grade, with a black
    tick at the required value. ``rows``: (label, value, required, colour name in COLORS)."""
    row_h, top, right = 17, 44, 56
    left = 14 + max([44, *(_text_px(r[0]) for r in rows)])
    height = top + row_h * max(len(rows), 1) + 30
    vals = [v for _, v, r, _ in rows for v in (v, r) if v is not None]
    lo, hi = min([0.0, *vals]), max([0.0, *vals])
    step = _nice_step(hi - lo)
    lo = step * math.floor(lo / step)
    hi = step * math.ceil(hi / step) if hi > lo else lo + step
    plot_w = width - left - right

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * plot_w

    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{escape(FONT)}" font-size="11" role="img">'),
           (f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-size="13" font-weight="bold">'
            f'{escape(title)}</text>')]
    # legend: the tick after the first label, however long it is
    second = left + 16 + _text_px(value_label) + 18
    out.append(f'<rect x="{left}" y="24" width="12" height="9" fill="{COLORS["green"][0]}"/>'
               f'<text x="{left + 16}" y="32">{escape(value_label)}</text>'
               f'<line x1="{second}" y1="23" x2="{second}" y2="34" stroke="#111" stroke-width="2"/>'
               f'<text x="{second + 6}" y="32">{escape(required_label)}</text>')
    tick = lo
    while tick <= hi + step / 2:
        xt = x(tick)
        out.append(f'<line x1="{xt:.1f}" y1="{top - 4}" x2="{xt:.1f}" y2="{height - 26}" '
                   f'stroke="{"#888" if abs(tick) < step / 2 else "#e3e3e3"}" stroke-width="1"/>'
                   f'<text x="{xt:.1f}" y="{height - 12}" text-anchor="middle" fill="#555">'
                   f'{tick * 100:.0f}%</text>')
        tick += step
    for i, (name, v, req, color) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{escape(name)}</text>')
        if v is not None:
            x0, x1 = sorted((x(0.0), x(v)))
            fill = COLORS.get(color, COLORS["grey"])[0]
            out.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 0.5):.1f}" height="{row_h - 5}" '
                       f'fill="{fill}"><title>{escape(name)} {v * 100:.2f}%</title></rect>')
            tx = x1 + 3 if v >= 0 else x0 - 3
            out.append(f'<text x="{tx:.1f}" y="{y + 12}" text-anchor="{"start" if v >= 0 else "end"}" '
                       f'font-size="9" fill="#333">{v * 100:.2f}%</text>')
        if req is not None:
            xr = x(req)
            out.append(f'<line x1="{xr:.1f}" y1="{y + 1}" x2="{xr:.1f}" y2="{y + row_h - 1}" '
                       f'stroke="#111" stroke-width="2"/>')
    out.append("</svg>")
    return "".join(out)
