r"""Values that cannot be right: the 万tce/tce slip, a jump of more than an order of magnitude, a part above the
whole, an intensity no economy has.

Each check compares a row's total energy (tce) and GDP (10⁸ CNY) with what it should resemble:

* **the unit slip** — the value is about 10⁴ times (or 10⁻⁴ of) the same period a year earlier or the previous
  period of the same kind (10^3.3 … 10^4.7): the typical 万tce typed as tce (or 亿元 as 万元);
* **a jump** — more than 10 times, or less than a tenth of, that comparison period (but no slip);
* **above the parent** — a region's value above its parent's for the same period (a province above the nation, a
  city above its province): a part cannot exceed the whole;
* **intensity out of range** — E / G outside 0.001 … 100 tce/10⁴ CNY (error: a unit slip is the likely cause;
  China's 2020 intensity was 0.49) or outside 0.01 … 20 (warning).

``strict`` (loading) makes the slip, the part above the whole and the intensity far out of range errors
(``E_IMPLAUSIBLE_VALUE``: nothing loads unless the user accepts them explicitly); otherwise (assessing data
already stored, or accepted) every check gives ``W_IMPLAUSIBLE_VALUE``.
"""

from __future__ import annotations

import math

import polars as pl

from ecer.findings import Finding, make
from ecer.models.region import NATIONAL_CODE
from ecer.periods import Period

SLIP_LOW, SLIP_HIGH = 10 ** 3.3, 10 ** 4.7  # ratio band of a 10⁴ unit slip [1]
JUMP = 10.0  # a change by more than this factor is a jump [1]
INTENSITY_ERROR = (0.001, 100.0)  # tce / 10⁴ CNY
INTENSITY_WARN = (0.01, 20.0)
_COLUMNS = {"total_energy": ("能源消费总量", "total energy", 1e4, "万吨标准煤", "万tce"),
            "gdp_constant": ("地区生产总值", "GDP", 1.0, "亿元", "10^8 CNY")}
_CAP = 50
CHUNK_ROWS = 1_000_000  # rows of regions compared at a time (``implausible_values``)


def _show(column: str, value: float) -> str:
    _, _, div, unit_zh, _ = _COLUMNS[column]
    return f"{value / div:,.4g} {unit_zh}"


def _previous_of_kind(label: str) -> str:
    p = Period.parse(label)
    if p.kind in ("Y",):
        return str(p.shift_years(-1))
    if p.kind == "YTD":
        return str(p.shift_years(-1))
    n = {"H": 2, "Q": 4, "M": 12}[p.kind]
    return str(Period(p.year - 1, p.kind, n) if p.index == 1 else Period(p.year, p.kind, p.index - 1))


def _jump(column: str) -> pl.Expr:
    """The row's value of ``column`` differs from its comparison period's by more than ``JUMP`` (as
    :func:`_ratio_findings` decides)."""
    v, ov = pl.col(column), pl.coalesce(f"_yoy_{column}", f"_prev_{column}")
    r = v / ov
    return (ov.is_not_null() & (ov > 0) & (v > 0) & (pl.max_horizontal(r, 1 / r) > JUMP)).fill_null(False)


def _compared(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows with a jump in either column, with the values of both columns in their comparison periods (same
    period a year earlier ``_yoy``, the previous period of its kind ``_prev``): one pair of joins for both
    columns."""
    labels = frame.get_column("period").unique().to_list()
    refs = pl.DataFrame({"period": labels, "_yoy": [str(Period.parse(p).shift_years(-1)) for p in labels],
                         "_prev": [_previous_of_kind(p) for p in labels]}).cast(pl.Categorical)
    # each (region, period) as one integer (the two categorical codes side by side): a join on one integer column
    # is several times cheaper than on two columns
    def key(period: str) -> pl.Expr:
        return pl.col("region_code").to_physical().cast(pl.UInt64) * (1 << 32) + pl.col(period).to_physical().cast(pl.UInt64)

    values = frame.lazy().select(key("period").alias("_k"), *_COLUMNS)
    f = frame.lazy().select("region_code", "period", *_COLUMNS).join(refs.lazy(), on="period")
    f = f.with_columns(key("_yoy").alias("_k_yoy"), key("_prev").alias("_k_prev"))
    for ref in ("_yoy", "_prev"):
        f = f.join(values.rename({"_k": f"_k{ref}", **{c: f"{ref}_{c}" for c in _COLUMNS}}), on=f"_k{ref}",
                   how="left")
    f = f.drop("_k_yoy", "_k_prev")
    return f.filter(pl.any_horizontal(_jump(c) for c in _COLUMNS)).collect()


def _texts(hits: pl.DataFrame) -> pl.DataFrame:
    """Categorical key columns of a frame of hits back to text (sorted as text, reported as text)."""
    return hits.with_columns(pl.col(c).cast(pl.String) for c in hits.columns
                             if hits.schema[c] == pl.Categorical)


def _ratio_findings(compared: pl.DataFrame, column: str, strict: bool) -> list[Finding]:
    f = compared.select(
        "region_code", "period", pl.col(column).alias("_v"),
        _other=pl.when(pl.col(f"_yoy_{column}").is_not_null()).then(pl.col("_yoy")).otherwise(pl.col("_prev")),
        _ov=pl.coalesce(f"_yoy_{column}", f"_prev_{column}"),
    ).filter(pl.col("_ov").is_not_null() & (pl.col("_ov") > 0) & (pl.col("_v") > 0))
    f = f.with_columns(_r=pl.col("_v") / pl.col("_ov"))
    big = pl.max_horizontal(pl.col("_r"), 1 / pl.col("_r"))
    hits = f.filter(big > JUMP).with_columns(_slip=(big >= SLIP_LOW) & (big <= SLIP_HIGH)).pipe(_texts).sort(
        "region_code", "period")
    zh, _en, _, unit_zh, unit_en = _COLUMNS[column]
    out = []
    for r in hits.head(_CAP).iter_rows(named=True):
        ratio = r["_r"]
        times = f"{ratio:,.0f}" if ratio >= 1 else f"1/{1 / ratio:,.0f}"
        if r["_slip"]:
            pair_zh = "万吨标准煤与吨标准煤" if column == "total_energy" else "亿元与万元"
            pair_en = "万tce and tce" if column == "total_energy" else "亿元 (10^8 CNY) and 万元 (10^4 CNY)"
            code = "E_IMPLAUSIBLE_VALUE" if strict else "W_IMPLAUSIBLE_VALUE"
            out.append(make(code, region=r["region_code"], period=r["period"], column=column, column_zh=zh,
                            value=_show(column, r["_v"]), kind="unit_slip", ratio=ratio, other_period=r["_other"],
                            other_value=_show(column, r["_ov"]),
                            reason_zh=f"约为 {r['_other']}（{_show(column, r['_ov'])}）的 {times} 倍，像是{pair_zh}混用（相差 10⁴ 倍）",
                            reason_en=f"about {times} times {r['_other']} ({r['_ov'] / _COLUMNS[column][2]:,.4g} {unit_en}): "
                                      f"it looks like {pair_en} mixed up (a factor of 10⁴)",
                            fix_zh=f"核对单位：本列按{unit_zh}填写", fix_en=f"check the unit: this column is in {unit_en}"))
        else:
            out.append(make("W_IMPLAUSIBLE_VALUE", region=r["region_code"], period=r["period"], column=column,
                            column_zh=zh, value=_show(column, r["_v"]), kind="jump", ratio=ratio,
                            other_period=r["_other"], other_value=_show(column, r["_ov"]),
                            reason_zh=f"是 {r['_other']}（{_show(column, r['_ov'])}）的 {times} 倍，变化超过一个数量级",
                            reason_en=f"{times} times {r['_other']} ({r['_ov'] / _COLUMNS[column][2]:,.4g} {unit_en}): "
                                      "a change of more than an order of magnitude",
                            fix_zh="核对两个期间的数值和单位", fix_en="check both periods' values and units"))
    if hits.height > _CAP:
        out.append(make("W_FINDINGS_TRUNCATED", finding_code=f"IMPLAUSIBLE {column}", total=hits.height, shown=_CAP))
    return out


def _parents(frame: pl.DataFrame, regions: pl.DataFrame | None) -> pl.DataFrame:
    """``region_code, parent_code`` (categorical) of every region of ``frame``: from ``regions``, else a province's
    parent is the nation."""
    codes = frame.select(pl.col("region_code").cast(pl.String)).unique()
    if regions is not None and not regions.is_empty() and "parent_code" in regions.columns:
        parents = codes.join(regions.select("region_code", pl.col("parent_code").cast(pl.String)), on="region_code",
                             how="left")
    else:
        parents = codes.with_columns(parent_code=pl.lit(None, pl.String))
    parents = parents.with_columns(parent_code=pl.when(pl.col("parent_code").is_not_null()).then(pl.col("parent_code"))
                                   .when(pl.col("region_code").str.ends_with("0000")
                                         & (pl.col("region_code") != NATIONAL_CODE)).then(pl.lit(NATIONAL_CODE)))
    return parents.cast(pl.Categorical)


def _above_parent(frame: pl.DataFrame, parents: pl.DataFrame, parent_rows: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``frame`` above their parent's row of the same period in either column (``_p_<column>``: the
    parent's value). ``parent_rows``: the rows of regions that are a parent (the only ones compared with)."""
    above = (pl.col(c) > pl.col(f"_p_{c}") * (1 + 1e-9) for c in _COLUMNS)
    return frame.lazy().select("region_code", "period", *_COLUMNS).join(parents.lazy(), on="region_code").join(
        parent_rows.lazy(), on=["parent_code", "period"], how="inner").filter(
        pl.any_horizontal(above).fill_null(False)).collect()


def _parent_findings(pairs: pl.DataFrame, column: str, strict: bool) -> list[Finding]:
    hits = pairs.select("region_code", "period", "parent_code", pl.col(column).alias("_v"),
                        pl.col(f"_p_{column}").alias("_pv")).filter(pl.col("_v") > pl.col("_pv") * (1 + 1e-9)).pipe(
        _texts).sort("region_code", "period")
    zh, _, div, _, unit_en = _COLUMNS[column]
    code = "E_IMPLAUSIBLE_VALUE" if strict else "W_IMPLAUSIBLE_VALUE"
    out = [make(code, region=r["region_code"], period=r["period"], column=column, column_zh=zh,
                value=_show(column, r["_v"]), kind="above_parent", parent=r["parent_code"],
                parent_value=_show(column, r["_pv"]),
                reason_zh=f"大于上级地区 {r['parent_code']} 的 {_show(column, r['_pv'])}，部分不能大于整体",
                reason_en=f"above its parent {r['parent_code']} ({r['_pv'] / div:,.4g} {unit_en}): a part cannot exceed "
                          "the whole",
                fix_zh="核对地区代码、单位和数值", fix_en="check the region codes, units and values")
           for r in hits.head(_CAP).iter_rows(named=True)]
    if hits.height > _CAP:
        out.append(make("W_FINDINGS_TRUNCATED", finding_code=f"ABOVE PARENT {column}", total=hits.height, shown=_CAP))
    return out


def _intensity_findings(frame: pl.DataFrame, strict: bool) -> list[Finding]:
    f = frame.filter((pl.col("gdp_constant") > 0) & (pl.col("total_energy") > 0)).with_columns(
        _i=pl.col("total_energy") / (pl.col("gdp_constant") * 1e4))
    lo, hi = INTENSITY_WARN
    elo, ehi = INTENSITY_ERROR
    hits = f.filter((pl.col("_i") < lo) | (pl.col("_i") > hi)).pipe(_texts).sort("region_code", "period")
    out = []
    for r in hits.head(_CAP).iter_rows(named=True):
        far = r["_i"] < elo or r["_i"] > ehi
        code = "E_IMPLAUSIBLE_VALUE" if strict and far else "W_IMPLAUSIBLE_VALUE"
        out.append(make(code, region=r["region_code"], period=r["period"], column="total_energy / gdp_constant",
                        column_zh="能耗强度", value=f"{r['_i']:.4g} 吨标准煤/万元", kind="intensity_range",
                        intensity=r["_i"],
                        reason_zh=f"超出 {lo}–{hi} 吨标准煤/万元的合理范围（2020 年全国为 0.49）"
                                  + ("，很可能是能源或 GDP 的单位填错（相差 10⁴ 倍）" if far else ""),
                        reason_en=f"outside the plausible {lo}–{hi} tce/10^4 CNY (China 2020: 0.49)"
                                  + ("; energy or GDP is most likely in the wrong unit (a factor of 10⁴)" if far else ""),
                        fix_zh="核对能源消费总量（万吨标准煤）和地区生产总值（亿元）的单位",
                        fix_en="check the units of total energy (万tce) and GDP (10^8 CNY)"))
    if hits.height > _CAP:  # as the other checks: the rest are counted, never dropped without a word
        out.append(make("W_FINDINGS_TRUNCATED", finding_code="IMPLAUSIBLE total_energy / gdp_constant",
                        total=hits.height, shown=_CAP))
    return out


def implausible_values(energy: pl.DataFrame, regions: pl.DataFrame | None = None, *, strict: bool = False,
                       focus: pl.DataFrame | pl.LazyFrame | None = None, unique_keys: bool = False) -> list[Finding]:
    """Findings on values that cannot be right (see the module docstring).

    energy : rows in the canonical energy columns (tce, 10⁸ CNY), e.g. a file and the stored rows together;
    regions : ``region_code, parent_code`` for the part-above-whole check; strict : errors for the slips (when
    loading); focus : ``region_code, period`` of the rows being loaded (a frame, or a lazy one: only the keys findings
    name are looked up in it) — findings are kept only for them (the other
    rows are the context they are compared with); unique_keys : the caller guarantees one row per (region, period)
    (a validated file and the stored rows it does not replace), so the last of each is not looked for.

    >>> e = pl.DataFrame({"region_code": ["110000"] * 2, "period": ["2020", "2021"],
    ...                   "total_energy": [7.0e7, 7.2e11], "gdp_constant": [36000.0, 40000.0]})
    >>> [(f.code, f.evidence["kind"], f.evidence["period"]) for f in implausible_values(e, strict=True)][:2]
    [('E_IMPLAUSIBLE_VALUE', 'unit_slip', '2021'), ('E_IMPLAUSIBLE_VALUE', 'intensity_range', '2021')]
    """
    if energy.is_empty():
        return []
    # region and period as categoricals inside (4-byte codes: the joins over millions of rows stay small); the hits
    # are turned back into text before they are sorted and reported
    frame = energy.select(*[pl.col(c).cast(pl.Categorical) if energy.schema[c] in (pl.String, pl.Categorical)
                            else pl.col(c).cast(pl.String).cast(pl.Categorical) for c in ("region_code", "period")],
                          "total_energy", "gdp_constant")
    if not unique_keys:
        frame = frame.unique(["region_code", "period"], keep="last")
    found: list[Finding] = []
    # Rows are compared with rows of the same region (the periods before) and with their parent's rows: the frame
    # is taken ``CHUNK_ROWS`` rows' worth of regions at a time, so the joins never hold every row with the values
    # it is compared with; the hits of all chunks are the hits of the whole frame (reported in sorted order).
    parents = _parents(frame, regions)
    parent_rows = frame.join(parents.select(pl.col("parent_code").alias("region_code")).unique().drop_nulls(),
                             on="region_code", how="semi").rename({"region_code": "parent_code",
                                                                   **{c: f"_p_{c}" for c in _COLUMNS}})
    n = max(1, -(-frame.height // CHUNK_ROWS))
    chunks = [frame] if n == 1 else [frame.filter(pl.col("region_code").to_physical() % n == i) for i in range(n)]
    compared = pl.concat([_compared(c) for c in chunks])
    pairs = pl.concat([_above_parent(c, parents, parent_rows) for c in chunks])
    del chunks
    for column in _COLUMNS:
        found += _ratio_findings(compared, column, strict)
        found += _parent_findings(pairs, column, strict)
    del compared, pairs
    found += _intensity_findings(frame, strict)
    if focus is not None:
        found = in_focus(found, focus)
    return [f for f in found if not _nan(f)]


def in_focus(found: list[Finding], focus: pl.DataFrame | pl.LazyFrame) -> list[Finding]:
    """The findings of :func:`implausible_values` (without a focus) that name a row of ``focus``
    (``region_code, period``), and the truncation notices; in their order."""
    if not found:
        return found
    # Only the few keys findings name are looked up in the focus (a join, not a set of every focus row).
    named = pl.DataFrame([(f.evidence.get("region"), f.evidence.get("period")) for f in found],
                         schema={"region_code": pl.String, "period": pl.String}, orient="row").unique()
    # the few named keys are the hashed side: a big (lazy) focus is streamed past them, never held
    hit = focus.lazy().select(pl.col("region_code", "period").cast(pl.String)).join(
        named.lazy(), on=["region_code", "period"], how="semi").unique().collect()
    keys = set(hit.iter_rows())
    return [f for f in found if f.code == "W_FINDINGS_TRUNCATED"
            or (f.evidence.get("region"), f.evidence.get("period")) in keys]


def _nan(f: Finding) -> bool:
    v = f.evidence.get("ratio")
    return isinstance(v, float) and math.isnan(v)
