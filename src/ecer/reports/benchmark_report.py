"""Benchmarking work lists and report (issue 7 §3, §6): XLSX work lists, printable HTML and PDF of one
:class:`ecer.services.benchmarking.BenchmarkResult`.

Sheets / sections: 概况 (sentences with absolute capacity beside every share), 标杆产能占比 (shares vs the > 30 %
goal of 发改产业〔2021〕1609号 and each guide's target), 基准以下产能 (capacity below baseline with its deadline),
改造清单 (retrofit list with the guides' technology paths, 发改产业〔2022〕200号), 淘汰清单 (exit list), 能效对标分类
(every unit), 发现 (every finding, both languages) and 代码说明 (the codes used). Every code is shown in Chinese;
text cells go through :func:`ecer.safe_cells.neutralised` and are written with ``write_string`` (never a formula).
The PDF is the printable HTML rendered by WeasyPrint, as :mod:`ecer.reports.pdf_report` does (E_PDF_NO_CJK_FONT
without a CJK font).
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from ecer.findings import FindingsError, codes, make
from ecer.safe_cells import neutralised

CLASS_ZH = {
    "benchmark": "标杆水平",
    "between": "标杆与基准之间",
    "below_baseline": "基准水平以下",
    "no_level": "无对标水平",
    "no_value": "缺少能耗数据",
}
DIRECTION_ZH = {"lower_is_better": "越低越好", "higher_is_better": "越高越好"}
BOOL_ZH = {True: "是", False: "否"}

UNIT_COLUMNS: list[tuple[str, str]] = [
    ("unit_id", "装置编号"),
    ("enterprise", "统一社会信用代码"),
    ("region", "地区代码"),
    ("field", "领域"),
    ("sub_category", "细分类别"),
    ("year", "年份"),
    ("capacity", "产能"),
    ("capacity_unit", "产能单位"),
    ("output", "产量"),
    ("indicator", "指标"),
    ("unit", "指标单位"),
    ("unit_energy", "单位产品能耗"),
    ("benchmark_value", "标杆水平"),
    ("baseline_value", "基准水平"),
    ("level_class", "对标结果"),
    ("gap_to_benchmark", "距标杆差距"),
    ("gap_to_benchmark_pct", "距标杆差距(%)"),
    ("gap_to_baseline", "距基准差距"),
    ("gap_to_baseline_pct", "距基准差距(%)"),
    ("saving_to_benchmark_tce", "达标杆年节能量(tce)"),
    ("saving_to_baseline_tce", "达基准年节能量(tce)"),
    ("deadline", "改造期限"),
    ("upgradable", "可按期改造"),
]
RETROFIT_COLUMNS = [*UNIT_COLUMNS, ("technology_paths", "改造技术路径（指南）")]
SHARE_COLUMNS: list[tuple[str, str]] = [
    ("field", "领域"),
    ("region", "地区代码"),
    ("year", "年份"),
    ("capacity_unit", "产能单位"),
    ("capacity_classified", "已对标产能"),
    ("capacity_at_benchmark", "标杆水平产能"),
    ("capacity_between", "标杆与基准之间产能"),
    ("capacity_below_baseline", "基准以下产能"),
    ("capacity_unclassified", "未能对标产能"),
    ("units_classified", "已对标装置数"),
    ("share_at_benchmark_pct", "标杆产能占比(%)"),
    ("goal_pct", "目标(%，超过)"),
    ("meets_goal", "达到目标"),
    ("guide_target_text", "指南目标(%)"),
    ("meets_guide_target", "达到指南目标"),
    ("share_below_baseline_pct", "基准以下占比(%)"),
    ("deadline", "基准以下改造期限"),
]
BELOW_COLUMNS: list[tuple[str, str]] = [
    ("field", "领域"),
    ("region", "地区代码"),
    ("year", "年份"),
    ("deadline", "改造或淘汰期限"),
    ("capacity_unit", "产能单位"),
    ("capacity_below_baseline", "基准以下产能"),
    ("capacity_not_upgradable", "其中不能按期改造"),
    ("units", "装置数"),
]


def _zh(frame: pl.DataFrame) -> pl.DataFrame:
    """Chinese words for the codes (class, direction, booleans)."""
    out = frame
    if "level_class" in out.columns:
        out = out.with_columns(pl.col("level_class").replace_strict(CLASS_ZH, default=pl.col("level_class")))
    if "direction" in out.columns:
        out = out.with_columns(pl.col("direction").replace_strict(DIRECTION_ZH, default=pl.col("direction")))
    for c in ("upgradable", "meets_goal", "meets_guide_target"):
        if c in out.columns:
            out = out.with_columns(pl.col(c).replace_strict(BOOL_ZH, default=None, return_dtype=pl.String))
    return out


def _n(v: float | None, d: int = 2) -> str:
    if v is None:
        return "—"
    return f"{v:,.{d}f}".rstrip("0").rstrip(".") if d else f"{v:,.0f}"


def field_shares(result: Any) -> pl.DataFrame:
    """Shares by field for the latest year, all regions together (the core's :func:`capacity_shares` over the
    classified units with the region set to 全部) — what the printed summary states."""
    from ecer.core.benchmark import capacity_shares

    c = result.classified
    if c.is_empty():
        return result.shares.clear()
    latest = c.filter(pl.col("year") == c["year"].max()).with_columns(pl.lit("全部").alias("region"))
    goal = float(result.shares["goal_pct"][0]) if result.shares.height else 30.0
    return capacity_shares(latest, goal)


def summary_sentences(result: Any) -> list[str]:
    """One sentence per field (latest year, all regions): capacity at benchmark in absolute terms beside its share
    and the goal; below-baseline capacity with its deadline; the retrofit and exit lists' sizes."""
    out = [f"对标版本：{result.edition} 年版能效标杆水平和基准水平（{_origin_zh(result.levels_origin)}）。"]
    for r in field_shares(result).iter_rows(named=True):
        share = r["share_at_benchmark_pct"]
        goal = "达到" if r["meets_goal"] else "未达到"
        out.append(
            f"{r['field']}（{r['year']} 年，全部地区）：已对标产能 {_n(r['capacity_classified'])} "
            f"{r['capacity_unit']}，其中标杆水平 {_n(r['capacity_at_benchmark'])} {r['capacity_unit']}，占 "
            f"{_n(share, 1)}%（目标超过 {_n(r['goal_pct'], 0)}%，{goal}）；基准水平以下 "
            f"{_n(r['capacity_below_baseline'])} {r['capacity_unit']}，占 {_n(r['share_below_baseline_pct'], 1)}%"
            + (f"，须于 {r['deadline']} 前完成改造或淘汰" if r["capacity_below_baseline"] else "")
            + "。"
        )
    saving = result.retrofit["saving_to_baseline_tce"].drop_nulls().sum() if result.retrofit.height else 0.0
    out.append(
        f"改造清单 {result.retrofit.height} 台（套）装置，全部达到基准水平每年可节能约 {_n(saving, 0)} 吨标准煤；"
        f"淘汰清单 {result.exit.height} 台（套）装置。"
    )
    errors = sum(f.level == "error" for f in result.findings)
    warnings = sum(f.level == "warning" for f in result.findings)
    out.append(f"发现：{errors} 个错误，{warnings} 个警示（见“发现”）。")
    return out


def _sheet(
    wb: Any, name: str, frame: pl.DataFrame, columns: list[tuple[str, str]], head: Any, wrap: Any
) -> None:
    ws = wb.add_worksheet(name)
    cols = [(k, label) for k, label in columns if k in frame.columns]
    safe = neutralised(_zh(frame))
    for j, (_, label) in enumerate(cols):
        ws.write_string(0, j, label, head)
    for i, row in enumerate(safe.iter_rows(named=True), start=1):
        for j, (key, _) in enumerate(cols):
            v = row[key]
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_string(i, j, BOOL_ZH[v])
            elif isinstance(v, (int, float)):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, str(v), wrap)
    for j, (key, _) in enumerate(cols):
        ws.set_column(j, j, 60 if key == "technology_paths" else 14)
    ws.freeze_panes(1, 1)


def write_benchmark_xlsx(result: Any, path: str | Path) -> Path:
    """Write the benchmarking work lists as XLSX at ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}
    )
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("概况")
    ws.set_column(0, 0, 120)
    for i, s in enumerate(summary_sentences(result)):
        ws.write_string(i, 0, neutralised(pl.DataFrame({"s": [s]}))["s"][0], wrap)
    _sheet(wb, "标杆产能占比", result.shares, SHARE_COLUMNS, head, wrap)
    _sheet(wb, "基准以下产能", result.below_baseline, BELOW_COLUMNS, head, wrap)
    _sheet(wb, "改造清单", result.retrofit, RETROFIT_COLUMNS, head, wrap)
    _sheet(wb, "淘汰清单", result.exit, UNIT_COLUMNS, head, wrap)
    _sheet(wb, "能效对标分类", result.classified, UNIT_COLUMNS, head, wrap)
    _sheet(wb, "发现", findings_frame(result.findings), FINDING_COLUMNS, head, wrap)
    legend = wb.add_worksheet("代码说明")
    for j, label in enumerate(("代码", "中文", "English")):
        legend.write_string(0, j, label, head)
    registry = codes()
    entries = [(c, registry[c].zh, registry[c].en) for c in sorted({f.code for f in result.findings})]
    entries += [(k, v, k) for k, v in CLASS_ZH.items()]
    for r, (code, zh, en) in enumerate(entries, start=1):
        legend.write_string(r, 0, code)
        legend.write_string(r, 1, zh, wrap)
        legend.write_string(r, 2, en, wrap)
    legend.set_column(0, 0, 36)
    legend.set_column(1, 2, 70)
    wb.close()
    return path


FINDING_COLUMNS = [("level", "级别"), ("code", "代码"), ("message_zh", "说明"), ("message_en", "English")]
LEVEL_ZH = {"error": "错误", "warning": "警示", "info": "提示"}


def findings_frame(findings: list[Any]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "level": [LEVEL_ZH[f.level] for f in findings],
            "code": [f.code for f in findings],
            "message_zh": [f.text("zh") for f in findings],
            "message_en": [f.text("en") for f in findings],
        },
        schema=dict.fromkeys(("level", "code", "message_zh", "message_en"), pl.String),
    )


PRINT_ROWS = 30
PRINT_KEYS = (
    "unit_id",
    "region",
    "field",
    "sub_category",
    "year",
    "capacity",
    "capacity_unit",
    "unit_energy",
    "unit",
    "benchmark_value",
    "baseline_value",
    "gap_to_baseline_pct",
    "saving_to_baseline_tce",
    "deadline",
)
PRINT_UNIT_COLUMNS = [(k, label) for k, label in UNIT_COLUMNS if k in PRINT_KEYS]
PRINT_RETROFIT_COLUMNS = [*PRINT_UNIT_COLUMNS, ("technology_paths", "改造技术路径（指南）")]
"""Rows of each list in the printed report; the XLSX work lists hold all."""


def _html_table(title: str, frame: pl.DataFrame, columns: list[tuple[str, str]], limit: int = 200) -> str:
    cols = [(k, label) for k, label in columns if k in frame.columns]
    shown = _zh(frame).head(limit)
    rows = []
    for r in shown.iter_rows(named=True):
        cells = []
        for k, _ in cols:
            v = r[k]
            if isinstance(v, float):
                cells.append(f'<td class="num">{escape(_n(v))}</td>')
            else:
                cells.append(f"<td>{escape('—' if v is None else str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>另有 {frame.height - limit} 行，见 XLSX 工作清单。</p>" if frame.height > limit else ""
    head = "".join(f"<th>{escape(label)}</th>" for _, label in cols)
    body = "".join(rows) or f'<tr><td colspan="{len(cols)}">无</td></tr>'
    return f"<h2>{escape(title)}（{frame.height} 行）</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def render_benchmark_html(result: Any, *, font: str | None = None) -> str:
    """The printable report: summary sentences, shares, below-baseline capacity, the two lists, the findings."""
    family = f"'{font}', " if font else ""
    css = (
        f"@page {{ size: A4 landscape; margin: 14mm; @bottom-center {{ content: '第 ' counter(page) ' 页'; }} }}"
        f"body {{ font-family: {family}'Noto Sans CJK SC', sans-serif; font-size: 9pt; }}"
        "table { border-collapse: collapse; width: 100%; margin-bottom: 10pt; }"
        "th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; }"
        "th { background: #DDEBF7; } td.num { text-align: right; } thead { display: table-header-group; }"
    )
    summary = "".join(f"<p>{escape(s)}</p>" for s in summary_sentences(result))
    parts = [
        (
            f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>能效对标报告 {escape(result.edition)}'
            f"</title><style>{css}</style></head><body>"
        ),
        f"<h1>重点领域能效对标报告（{escape(result.edition)} 年版标杆水平和基准水平）</h1>",
        (
            "<p>依据：《关于发布〈高耗能行业重点领域能效标杆水平和基准水平（2021年版）〉的通知》（发改产业〔2021〕1609号）；《工业重点领域能效标杆水平和基准水平（2023年版）》（发改产业〔2023〕723号）；"
            "《高耗能行业重点领域节能降碳改造升级实施指南（2022年版）》（发改产业〔2022〕200号）。</p>"
        ),
        f"<h2>概况</h2>{summary}",
        _html_table("标杆产能占比（最近年份，全部地区）", field_shares(result), SHARE_COLUMNS),
        _html_table("基准以下产能及期限", result.below_baseline, BELOW_COLUMNS, PRINT_ROWS),
        _html_table("改造清单", result.retrofit, PRINT_RETROFIT_COLUMNS, PRINT_ROWS),
        _html_table("淘汰清单", result.exit, PRINT_UNIT_COLUMNS, PRINT_ROWS),
        _html_table("发现", findings_frame(result.findings), FINDING_COLUMNS, PRINT_ROWS),
        "</body></html>",
    ]
    return "".join(parts)


def write_benchmark_html(result: Any, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_benchmark_html(result), encoding="utf-8")
    return path


def write_benchmark_pdf(result: Any, path: str | Path) -> Path:
    """The printable HTML as PDF (WeasyPrint); ``FindingsError`` E_PDF_NO_CJK_FONT without a CJK font."""
    from ecer.reports.pdf_report import cjk_font

    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=render_benchmark_html(result, font=font)).write_pdf(str(path))
    return path


def write_benchmark_reports(result: Any, folder: str | Path) -> dict[str, Path]:
    """benchmark_worklists.xlsx, benchmark_report.html and benchmark_report.pdf under ``folder`` (the PDF raises
    E_PDF_NO_CJK_FONT after the other two are written)."""
    folder = Path(folder)
    out = {
        "xlsx": write_benchmark_xlsx(result, folder / "benchmark_worklists.xlsx"),
        "html": write_benchmark_html(result, folder / "benchmark_report.html"),
    }
    out["pdf"] = write_benchmark_pdf(result, folder / "benchmark_report.pdf")
    return out


def _origin_zh(origin: str) -> str:
    """Where the levels came from, in words: the package's own table, or a table the user imported (its provenance)."""
    if origin == "shipped":
        return "随软件发布的参考数据，每行附官方原文"
    return "用户导入的表：" + origin.removeprefix("user: ")
