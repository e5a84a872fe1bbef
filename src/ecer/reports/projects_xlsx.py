"""The two-high work list (工作清单, 国发〔2021〕33号 四(三)) as XLSX: one row per project with its checks, the
suggested disposition with reasons and clauses, and the last officer decision; Chinese labels for every code.

Text is written with ``write_string`` (never a formula) and passed through ``ecer.safe_cells.neutralised`` so a
cell a user typed as ``=…`` stays text in any spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from ecer.findings import codes
from ecer.models.projects import DISPOSITIONS, REPLACEMENT_KINDS, SECTORS, STATUSES
from ecer.safe_cells import neutralised

COLUMNS: list[tuple[str, str]] = [
    ("project_id", "项目编号"),
    ("name", "项目名称"),
    ("credit_code", "统一社会信用代码"),
    ("region_code", "地区代码"),
    ("sector", "“两高”行业"),
    ("status", "项目状态"),
    ("industry_code", "行业代码"),
    ("capacity", "产能"),
    ("capacity_unit", "产能单位"),
    ("annual_energy", "年综合能耗（吨标准煤）"),
    ("benchmark", "能效对标"),
    ("energy_review", "节能审查"),
    ("eia", "环评批复"),
    ("replacement", "产能/能耗替代"),
    ("headroom", "占剩余用能增量"),
    ("checks", "核查发现"),
    ("codes", "发现代码"),
    ("suggested", "建议处置"),
    ("reasons", "处置理由及依据"),
    ("last_decision", "最近处置决定"),
    ("decided_by", "决定人"),
    ("decided_at", "决定时间"),
    ("decision_reason", "决定理由"),
]


def worklist_frame(evals: list[Any]) -> pl.DataFrame:
    """The work list as a frame with Chinese values for every code (status, sector, disposition, findings)."""
    rows = []
    for e in evals:
        p, d = e.project, e.last_decision
        by_code = {f.code: f for f in e.findings}
        bench = next(
            (
                by_code[c].message_zh
                for c in (
                    "W_PROJECT_BELOW_BASELINE_PAST_DEADLINE",
                    "W_PROJECT_BELOW_BASELINE",
                    "W_PROJECT_BELOW_BENCHMARK",
                    "I_PROJECT_AT_BENCHMARK",
                    "W_PROJECT_BENCHMARK_UNKNOWN",
                )
                if c in by_code
            ),
            "不适用",
        )
        share = by_code.get("I_PROJECT_HEADROOM_SHARE")
        rep = []
        if p.get("capacity_replacement_plan"):
            rep.append(f"产能置换：{p['capacity_replacement_plan']}")
        if p.get("energy_replacement_kind") not in (None, "none"):
            rep.append(
                f"{REPLACEMENT_KINDS[p['energy_replacement_kind']]} {p.get('energy_replacement_tce') or 0:g} 吨标准煤"
                f"（{p.get('energy_replacement_source') or ''}）"
            )
        rows.append(
            {
                "project_id": p["project_id"],
                "name": p["name"],
                "credit_code": p["credit_code"],
                "region_code": p["region_code"],
                "sector": SECTORS.get(p["sector"], p["sector"]),
                "status": STATUSES.get(p["status"], p["status"]),
                "industry_code": p["industry_code"],
                "capacity": p["capacity"],
                "capacity_unit": p["capacity_unit"],
                "annual_energy": p["annual_energy"],
                "benchmark": bench,
                "energy_review": " ".join(
                    x for x in (p.get("energy_review_no"), p.get("energy_review_date")) if x
                )
                or "无",
                "eia": " ".join(x for x in (p.get("eia_no"), p.get("eia_date")) if x) or "无",
                "replacement": "；".join(rep) or "无",
                "headroom": share.evidence.get("share", "")
                if share
                else (
                    by_code["W_PROJECT_REGION_NO_DATA"].message_zh
                    if "W_PROJECT_REGION_NO_DATA" in by_code
                    else "不适用"
                ),
                "checks": "\n".join(
                    f"{'【警示】' if f.level == 'warning' else '【提示】'}{f.message_zh}" for f in e.findings
                ),
                "codes": ", ".join(f.code for f in e.findings),
                "suggested": DISPOSITIONS[e.disposition.disposition],
                "reasons": "\n".join(
                    f"{DISPOSITIONS[r['disposition']]}：{r['message_zh']}（{r['doc_no']} {r['clause']}）"
                    for r in e.disposition.reasons
                )
                or "无需处置的发现",
                "last_decision": DISPOSITIONS.get(d["decision"], d["decision"]) if d else "尚无",
                "decided_by": d["decided_by"] if d else "",
                "decided_at": str(d["decided_at"]) if d else "",
                "decision_reason": d["decision_reason"] if d else "",
            }
        )
    schema = {k: (pl.Float64 if k in ("capacity", "annual_energy") else pl.String) for k, _ in COLUMNS}
    return pl.DataFrame(rows, schema=schema)


def write_worklist(evals: list[Any], path: str | Path) -> Path:
    """Write the work list and a legend of every code it uses (Chinese and English)."""
    path = Path(path)
    frame = neutralised(worklist_frame(evals))
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}
    )
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("工作清单")
    meta = evals[0].meta if evals else {}
    ws.write_string(
        0,
        0,
        f"“两高”项目工作清单（国发〔2021〕33号 四(三)）  核查日期 {meta.get('as_of', '')}  能效标杆 "
        f"{meta.get('benchmark_edition', '')} 年版  规则 {meta.get('rules_edition', '')}",
    )
    for j, (_, label) in enumerate(COLUMNS):
        ws.write_string(1, j, label, head)
    for i, row in enumerate(frame.iter_rows(named=True), start=2):
        for j, (key, _) in enumerate(COLUMNS):
            v = row[key]
            if v is None:
                continue
            if isinstance(v, float):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, str(v), wrap)
    widths = {
        "name": 28,
        "checks": 70,
        "reasons": 60,
        "benchmark": 40,
        "codes": 30,
        "replacement": 30,
        "decision_reason": 30,
    }
    for j, (key, _) in enumerate(COLUMNS):
        ws.set_column(j, j, widths.get(key, 14))
    ws.freeze_panes(2, 2)
    legend = wb.add_worksheet("代码说明")
    for j, label in enumerate(("代码", "中文", "English")):
        legend.write_string(0, j, label, head)
    r = 1
    used = sorted({f.code for e in evals for f in e.findings})
    registry = codes()
    entries: list[tuple[str, str, str]] = [(c, registry[c].zh, registry[c].en) for c in used]
    entries += [(k, v, k) for k, v in {**STATUSES, **SECTORS, **DISPOSITIONS, **REPLACEMENT_KINDS}.items()]
    for code, zh, en in entries:
        legend.write_string(r, 0, code)
        legend.write_string(r, 1, zh, wrap)
        legend.write_string(r, 2, en, wrap)
        r += 1
    legend.set_column(0, 0, 40)
    legend.set_column(1, 2, 70)
    wb.close()
    return path
