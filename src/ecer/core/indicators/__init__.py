r"""Key-project indicators of 国发〔2021〕33号 (issue 8 §4): the catalogue, value checks, progress and status.

Every indicator is "a target with a direction, a base year, a path and a barometer" (issue 8 §6) and is tracked by the
one machinery of :mod:`ecer.core.targets.tracking`; this module only says which target each indicator is and reads
the result as a status. Four kinds (column ``kind`` of the reference table ``targets_gf2021_33``, ECER's reading of the
text):

* ``level`` — a share, rate or capacity that must reach a level L by the target year (新能源汽车新车销售占比 20 %
  左右, 秸秆综合利用率 ≥ 86 %). The value is the level itself, in the catalogue's unit. The path runs from the region's
  base-year value x₀ to L on the even geometric pace (:func:`~ecer.core.targets.tracking.level_target`): required
  to date :math:`\min(x_0 (1 + R_t), L)`; a region already at L must keep it. "左右" (about) is read as the level
  itself (reaching it is meeting it) — ECER's assumption [C].
* ``reduction`` — a reduction of T % against the base year (单位GDP能耗下降13.5 %). The value is the cumulative
  reduction achieved since the base year, in % (0 at the base year); it is tracked as the index
  :math:`x_t = 100 - D_t` with a ``decrease`` target T/100: :math:`R_t = 1 - (1 - T)^{t/n}`.
* ``quantity`` — an amount to accumulate from the base year (5.3 亿吨 capacity, 2000 家, 8 万公里, −20 百分点).
  The value is the amount achieved since the base year; the even pace is linear, :math:`Q t / n`
  (:func:`~ecer.core.targets.tracking.track_amounts`).
* ``qualitative`` — a target in words (全面执行, 大幅提升): it cannot be graded and is never given a number;
  status 无法评估.

Rows of the text without a base year ("by 2025", "14th FYP period") are read against the plan's base year 2020.

Status of a region's year (colours as the barometer's):

* 达标 (green) — the target's level is reached, or, before the target year, the value is on or ahead of the even path;
* 进度滞后 (yellow) — before the target year, behind the even path;
* 未达标 (red) — at or after the target year, the target is not reached;
* 无法评估 (grey) — a qualitative target, no value, or no base-year value to set the path from;
* 基期 (grey) — the base year itself.
"""

from __future__ import annotations

import math
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict

from ecer.core.targets.tracking import Target, level_target, track, track_amounts
from ecer.findings import Finding, Location, make

Kind = Literal["level", "reduction", "quantity", "qualitative"]
KINDS: tuple[str, ...] = ("level", "reduction", "quantity", "qualitative")
PLAN_BASE_YEAR = 2020
"""The base year of the 14th FYP plan, for rows of the text that give none (ECER's reading [C])."""

STATUS: dict[str, tuple[str, str, str]] = {
    "met": ("达标", "met / on track", "green"),
    "behind": ("进度滞后", "behind pace", "yellow"),
    "missed": ("未达标", "target missed", "red"),
    "na": ("无法评估", "cannot be assessed", "grey"),
    "base": ("基期", "base year", "grey"),
}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "level": ("达到水平", "reach a level"),
    "reduction": ("比基年下降", "reduction vs the base year"),
    "quantity": ("累计完成量", "amount to accumulate"),
    "qualitative": ("定性目标", "qualitative"),
}
PROGRESS_COLUMNS = [
    "region_code",
    "indicator_code",
    "year",
    "base_year",
    "target_year",
    "value",
    "value_base",
    "target_value",
    "required_to_date",
    "gap",
    "completion",
    "progress_ratio",
    "grade",
    "status",
    "status_zh",
    "status_en",
    "color",
]
"""Columns of :func:`progress`: value, base value, target and required level to date [the indicator's unit]; gap =
what is still to go to the target [unit] (≤ 0 when reached); completion = share of the way from the base to the
target [1]; progress_ratio = achieved / required to date (tracking's) [1]; grade 1–3 of the year's change (barometer);
status key (:data:`STATUS`), its Chinese and English labels and colour."""

PERCENT_UNITS = ("%",)
NATIONAL = "100000"
"""The region code of the nation (GB/T 2260 convention of ECER): the amounts of the text are its targets."""
TOLERANCE = 1e-9


class Indicator(BaseModel):
    """One indicator of the catalogue. target : the number of the target (None for a qualitative one) [unit]."""

    model_config = ConfigDict(frozen=True)

    code: str
    name_zh: str
    name_en: str
    project_no: int
    project_zh: str
    project_en: str
    kind: Kind
    direction: str
    target: float | None
    target_text: str
    unit: str
    base_year: int
    target_year: int
    doc_no: str
    clause: str
    notes: str = ""

    @property
    def source(self) -> str:
        return f"{self.doc_no} {self.clause}"

    @property
    def short_zh(self) -> str:
        """The Chinese name without the direction words the sentences add (比2020年下降, 降低, 削减).

        >>> Indicator(code="x", name_zh="单位国内生产总值能源消耗比2020年下降", name_en="", project_no=0, project_zh="",
        ...     project_en="", kind="reduction", direction="reduction", target=13.5, target_text="13.5", unit="%",
        ...     base_year=2020, target_year=2025, doc_no="", clause="").short_zh
        '单位国内生产总值能源消耗'
        """
        import re

        return re.sub(r"(比\d{4}年)?(下降|降低|削减)$", "", self.name_zh) or self.name_zh

    @property
    def label(self) -> str:
        return f"{self.name_zh} / {self.name_en}"

    @property
    def is_share(self) -> bool:
        """A percentage level (a share or rate), bounded by 0 and 100 %."""
        return self.kind == "level" and self.unit in PERCENT_UNITS

    def target_phrase(self) -> tuple[str, str]:
        """The target as a sentence fragment, Chinese and English (the text's own wording for a qualitative one)."""
        if self.target is None:
            return self.target_text, f"'{self.target_text}' (qualitative)"
        v = f"{self.target:g}"
        u = self.unit
        if self.kind == "reduction":
            return (f"{self.target_year}年比{self.base_year}年下降{v}{u}",
                    f"down {v} {u} on {self.base_year} by {self.target_year}")
        if self.kind == "quantity":
            return f"{self.base_year}–{self.target_year}年累计{v}{u}", f"{v} {u} in {self.base_year}–{self.target_year}"
        if self.direction == "at_most":
            return f"{self.target_year}年不高于{v}{u}", f"at most {v} {u} by {self.target_year}"
        word = "左右" if self.direction == "about" else "以上"
        return (f"{self.target_year}年达到{v}{u}{word}",
                f"{'about' if self.direction == 'about' else 'at least'} {v} {u} by {self.target_year}")


def _none_if_empty(x: object) -> object:
    return None if x is None or (isinstance(x, str) and not x.strip()) else x


def catalogue(frame: pl.DataFrame) -> list[Indicator]:
    """The indicators of the reference table ``targets_gf2021_33`` (its frame, as ``refdata.load(...).frame``).

    A row without ``base_year`` is read against :data:`PLAN_BASE_YEAR`; a qualitative row keeps target None.
    """
    out: list[Indicator] = []
    for r in frame.sort("row_id").iter_rows(named=True):
        value = _none_if_empty(r.get("value"))
        base = _none_if_empty(r.get("base_year"))
        out.append(Indicator(
            code=str(r["indicator_code"]), name_zh=str(r["indicator_cn"]), name_en=str(r["indicator_en"]),
            project_no=int(r["project_no"]), project_zh=str(r["project_cn"]), project_en=str(r["project_en"] or ""),
            kind=r["kind"], direction=str(r["direction"]),
            target=None if value is None or r["kind"] == "qualitative" else float(value),  # type: ignore[arg-type]
            target_text=str(r["value_text"]), unit=str(r.get("unit") or ""),
            base_year=int(base) if base is not None else PLAN_BASE_YEAR,  # type: ignore[call-overload]
            target_year=int(r["target_year"]), doc_no=str(r["doc_no"]), clause=str(r["clause"]),
            notes=str(r.get("notes") or "")))
    return out


def by_code(indicators: list[Indicator]) -> dict[str, Indicator]:
    return {i.code: i for i in indicators}


def _where(row: dict[str, object]) -> str:
    """The row's region and year as written ("—" when it has neither; an empty cell is left out, never "None")."""
    parts = [str(row[k]) for k in ("region_code", "year") if row.get(k) is not None and str(row[k]).strip()]
    return " ".join(parts) or "—"


def check_values(frame: pl.DataFrame, indicators: list[Indicator], *, row_offset: int = 2,
                 file: str | None = None, source_rows: list[int] | None = None) -> list[Finding]:
    """Check indicator values against the catalogue: code, unit, range. Pure; returns findings, never raises.

    frame : region_code, year, indicator_code, value [the catalogue's unit], unit (may be empty: the catalogue's is
    assumed). Findings: ``E_INDICATOR_UNKNOWN`` (not a catalogue code), ``E_INDICATOR_UNIT_MISMATCH`` (e.g. 万 for %),
    ``E_INDICATOR_VALUE_INVALID`` (no number), ``E_INDICATOR_VALUE_RANGE`` (a share or rate outside 0–100 %, a
    reduction above 100 %, a negative level or amount, a region's amount above the national target — a 万 slip),
    ``W_INDICATOR_QUALITATIVE_VALUE`` (a number for a qualitative target). row_offset : the file row of the frame's
    first row (2 = below a header row); source_rows : the file row of each frame row (the reader's), instead.
    """
    cat = by_code(indicators)
    known = ", ".join(list(cat)[:6])
    findings: list[Finding] = []
    for i, r in enumerate(frame.iter_rows(named=True)):
        row = source_rows[i] if source_rows is not None and i < len(source_rows) else i + row_offset
        where = {"where_zh": f"{file or '文件'} 第 {row} 行（{_where(r)}）",
                 "where_en": f"{file or 'file'} row {row} ({_where(r)})"}
        code = str(r.get("indicator_code") or "").strip()
        ind = cat.get(code)
        if ind is None:
            findings.append(make("E_INDICATOR_UNKNOWN", location=Location(file=file, row=row, column="indicator_code"),
                                 **where, indicator=code, known=known))
            continue
        unit = str(r.get("unit") or "").strip()
        if unit and unit != ind.unit and ind.kind != "qualitative":
            findings.append(make("E_INDICATOR_UNIT_MISMATCH", location=Location(file=file, row=row, column="unit"),
                                 **where, indicator=code, name_zh=ind.name_zh, name_en=ind.name_en, unit=unit,
                                 expected=ind.unit))
            continue
        value = r.get("value")
        if ind.kind == "qualitative":
            if value is not None:
                findings.append(make("W_INDICATOR_QUALITATIVE_VALUE", location=Location(file=file, row=row,
                                                                                         column="value"),
                                     **where, indicator=code, name_zh=ind.name_zh, name_en=ind.name_en,
                                     target_text=ind.target_text, value=value))
            continue
        if value is None or not isinstance(value, int | float) or math.isnan(value):
            findings.append(make("E_INDICATOR_VALUE_INVALID", location=Location(file=file, row=row, column="value"),
                                 **where, indicator=code, value="" if value is None else value,
                                 detail="不是数字 / not a number"))
            continue
        detail = _impossible(ind, float(value), national=str(r.get("region_code") or "") == NATIONAL)
        if detail:
            findings.append(make("E_INDICATOR_VALUE_RANGE", location=Location(file=file, row=row, column="value"),
                                 **where, indicator=code, name_zh=ind.name_zh, name_en=ind.name_en, value=f"{value:g}",
                                 unit=ind.unit, detail_zh=detail[0], detail_en=detail[1]))
    return findings


def _impossible(ind: Indicator, v: float, *, national: bool = False) -> tuple[str, str] | None:
    """Why a value cannot be (zh, en), or None. A share/rate lies in 0–100 %; a reduction in % cannot exceed 100 %;
    a region's amount cannot exceed the whole country's target (the national figure of 33号 三)."""
    if ind.is_share and not 0 <= v <= 100:
        return "比例或比率须在 0–100% 之间", "a share or rate lies between 0 and 100 %"
    if ind.kind == "reduction" and ind.unit in PERCENT_UNITS and v > 100:
        return "下降幅度不能超过 100%", "a reduction cannot exceed 100 %"
    if ind.kind == "level" and v < 0:
        return "水平值不能为负", "a level cannot be negative"
    if ind.kind == "quantity" and ind.unit != "百分点" and v < 0:
        return "累计完成量不能为负", "an accumulated amount cannot be negative"
    if (ind.kind == "quantity" and not national and ind.target is not None and ind.unit != "百分点"
            and v > ind.target):
        return (f"一个地区的累计量超过全国目标 {ind.target:g}{ind.unit}（可能是单位错写，如 万/亿）",
                f"a region's amount above the national target of {ind.target:g} {ind.unit} (a unit slip, e.g. 万/亿?)")
    return None


def _status(year: int, ind: Indicator, value: float | None, reached: bool | None, on_path: bool | None) -> str:
    if year == ind.base_year:
        return "base"
    if value is None or reached is None or year < ind.base_year:
        return "na"
    if reached or (year < ind.target_year and on_path):
        return "met"
    return "behind" if year < ind.target_year else "missed"


def progress(values: pl.DataFrame, ind: Indicator) -> tuple[pl.DataFrame, list[Finding]]:
    r"""Progress and status of one indicator for every region and year given (module docstring).

    values : region_code, year, value [the indicator's unit] (other indicators' rows must be filtered out first).
    Returns :data:`PROGRESS_COLUMNS` sorted by region and year, and findings (``I_INDICATOR_QUALITATIVE``, and the
    tracking machinery's ``E_TARGET_BASE_MISSING`` / ``W_TARGET_YEAR_GAP``).

    Worked example, 秸秆综合利用率 ≥ 86 % from 80 % in 2020: 2021 needs 80 × (86/80)^{1/5} = 81.17 %; 81 % is
    behind (进度滞后), 82 % on track (达标).

    >>> ind = Indicator(code="straw_use", name_zh="秸秆综合利用率", name_en="straw use", project_no=5,
    ...     project_zh="农业农村", project_en="rural", kind="level", direction="at_least", target=86.0,
    ...     target_text="稳定在86以上", unit="%", base_year=2020, target_year=2025, doc_no="国发〔2021〕33号",
    ...     clause="三、(五)")
    >>> v = pl.DataFrame({"region_code": ["A", "A", "B", "B"], "year": [2020, 2021, 2020, 2021],
    ...                   "value": [80.0, 81.0, 80.0, 82.0]})
    >>> progress(v, ind)[0].filter(pl.col("year") == 2021)["status_zh"].to_list()
    ['进度滞后', '达标']
    """
    df = values.select(pl.col("region_code").cast(pl.String), pl.col("year").cast(pl.Int64),
                       pl.col("value").cast(pl.Float64)).sort("region_code", "year")
    findings: list[Finding] = []
    rows: list[dict[str, object]] = []
    if ind.kind == "qualitative" or ind.target is None:
        findings.append(make("I_INDICATOR_QUALITATIVE", indicator=ind.code, name_zh=ind.name_zh, name_en=ind.name_en,
                             target_text=ind.target_text))
        for r in df.iter_rows(named=True):
            rows.append({**r, "value": None, "status": "base" if r["year"] == ind.base_year else "na"})
        return _frame(rows, ind), findings
    L = ind.target
    if ind.kind == "quantity":
        # an amount of the text is the whole country's: it is not assigned to a region, so a region has nothing to
        # be measured against (its value is shown, never graded against the national amount)
        regional = df.filter(pl.col("region_code") != NATIONAL)
        if regional.height:
            findings.append(make("I_INDICATOR_NATIONAL_AMOUNT", indicator=ind.code, name_zh=ind.name_zh,
                                 name_en=ind.name_en, target=f"{L:g}", unit=ind.unit,
                                 regions=", ".join(sorted(set(regional["region_code"].to_list())))))
            rows += [{**r, "status": "na"} for r in regional.iter_rows(named=True)]
        df = df.filter(pl.col("region_code") == NATIONAL)
    for (region,), part in df.group_by(["region_code"], maintain_order=True):
        tracked, f = _track(part.with_columns(region_code=pl.lit(region)), ind, L)
        findings += f
        for r in tracked.iter_rows(named=True):
            rows.append({k: r.get(k) for k in ("region_code", "year", "value", "value_base", "target_value",
                                               "required_to_date", "gap", "completion", "progress_ratio", "grade",
                                               "status")})
    return _frame(rows, ind), findings


def _track(part: pl.DataFrame, ind: Indicator, L: float) -> tuple[pl.DataFrame, list[Finding]]:
    """One region's series through :mod:`ecer.core.targets.tracking`, read as required level, gap and status."""
    key = ["region_code"]
    label, by, ty = ind.label, ind.base_year, ind.target_year
    tol = TOLERANCE
    out: pl.DataFrame
    if ind.kind == "reduction":
        # the cumulative reduction D [%] as the index 100 − D; the base year is D = 0 by definition
        given = part.filter(pl.col("year") == by).height > 0
        series = part if given else pl.concat([part, pl.DataFrame(
            {"region_code": [part["region_code"][0]], "year": [by], "value": [0.0]},
            schema=part.schema)]).sort("year")
        target = Target(size=L / 100, base_year=by, target_year=ty, direction="decrease", label=label,
                        source=ind.source)
        out, findings = track(series.with_columns(index=100 - pl.col("value")), target, key=key, value="index")
        out = out.with_columns(
            value=100 - pl.col("value"), value_base=100 - pl.col("value_base"),
            required_to_date=pl.col("required_cumulative") * 100,
        ).with_columns(target_value=pl.lit(L), gap=L - pl.col("value"), completion=pl.col("value") / L,
                       reached=pl.col("value") + tol >= L, on_path=pl.col("on_pace"))
        if not given:
            out = out.filter(pl.col("year") != by)
    elif ind.kind == "quantity":
        target = Target(size=L, base_year=by, target_year=ty, direction="increase", path="even_linear", label=label,
                        source=ind.source)
        given_base = part.filter(pl.col("year") == by).height > 0
        out, findings = track_amounts(part, target, key=key)
        out = out.with_columns(required_to_date=pl.col("required_cumulative")).with_columns(
            target_value=pl.lit(L), gap=L - pl.col("value"), completion=pl.col("value") / L,
            reached=pl.col("value") + tol >= L, on_path=pl.col("on_pace"))
        if not given_base:
            out = out.filter(pl.col("year") != by)
    else:  # level
        at_most = ind.direction == "at_most"
        base = part.filter(pl.col("year") == by)["value"]
        x0 = base[0] if base.len() else None
        if x0 is None or not x0 > 0:
            findings = [] if x0 is None else [make("E_INDICATOR_VALUE_INVALID", where_zh=f"{part['region_code'][0]} {by}年",
                                                    where_en=f"{part['region_code'][0]} {by}",
                                                    indicator=ind.code, value=x0,
                                                    detail="基年数值须大于 0 才能设定进度路径 / the base-year value must "
                                                           "be > 0 to set a path")]
            if x0 is None:
                findings.append(make("E_TARGET_BASE_MISSING", what=label, record=str(part["region_code"][0]),
                                     base_year=by))
            null = pl.lit(None, pl.Float64)
            out = part.with_columns(value_base=null, required_to_date=null, target_value=pl.lit(L),
                                    gap=null, completion=null, progress_ratio=null, grade=pl.lit(None, pl.Int8),
                                    reached=pl.lit(None, pl.Boolean), on_path=pl.lit(None, pl.Boolean))
        else:
            target = level_target(L, x0, base_year=by, target_year=ty, at_most=at_most, label=label,
                                  source=ind.source)
            out, findings = track(part, target, key=key)
            sign = -1.0 if at_most else 1.0
            req = pl.col("value_base") * (1 + sign * pl.col("required_cumulative"))
            out = out.with_columns(
                required_to_date=pl.min_horizontal(req, pl.lit(L)) if not at_most else pl.max_horizontal(req,
                                                                                                      pl.lit(L)),
                target_value=pl.lit(L),
                gap=sign * (L - pl.col("value")),
                completion=pl.when(sign * (L - x0) > tol).then((pl.col("value") - x0) / (L - x0)),
                reached=sign * (pl.col("value") - L) + tol >= 0,
            ).with_columns(on_path=sign * (pl.col("value") - pl.col("required_to_date")) + tol >= 0)
    statuses = [_status(r["year"], ind, r["value"], r["reached"], r["on_path"]) for r in out.iter_rows(named=True)]
    return out.with_columns(status=pl.Series(statuses, dtype=pl.String)), findings


def _frame(rows: list[dict[str, object]], ind: Indicator) -> pl.DataFrame:
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "region_code": pl.String, "year": pl.Int64, "value": pl.Float64, "value_base": pl.Float64,
        "target_value": pl.Float64, "required_to_date": pl.Float64, "gap": pl.Float64, "completion": pl.Float64,
        "progress_ratio": pl.Float64, "grade": pl.Int8, "status": pl.String}
    df = pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema)
    labels = pl.col("status")
    return df.with_columns(
        indicator_code=pl.lit(ind.code),
        base_year=pl.lit(ind.base_year, pl.Int64),
        target_year=pl.lit(ind.target_year, pl.Int64),
        target_value=pl.lit(ind.target, pl.Float64),
        status_zh=labels.replace_strict({k: v[0] for k, v in STATUS.items()}, return_dtype=pl.String),
        status_en=labels.replace_strict({k: v[1] for k, v in STATUS.items()}, return_dtype=pl.String),
        color=labels.replace_strict({k: v[2] for k, v in STATUS.items()}, return_dtype=pl.String),
    ).select(PROGRESS_COLUMNS).sort("region_code", "year")


def latest(progress_frame: pl.DataFrame) -> pl.DataFrame:
    """The latest year of each region and indicator (a dashboard card, a report's table)."""
    if progress_frame.height == 0:
        return progress_frame
    return progress_frame.sort("year").group_by(["region_code", "indicator_code"], maintain_order=True).last().sort(
        "indicator_code", "region_code")
