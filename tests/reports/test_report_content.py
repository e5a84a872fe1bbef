"""The report model: absolute figures beside rates (hand case), counts by level, the edition each period was
assessed under, the rules as sentences with clauses, findings by kind with region names."""

from __future__ import annotations

import pytest

from ecer.reports.content import build_report
from ecer.reports.tables import Mark, Table
from ecer.services.dual_control import AssessmentResult


def _row(t: Table, name: str) -> dict[str, object]:
    row = next(r for r in t.rows if r[0] == name)
    return {c.label: v for c, v in zip(t.columns, row, strict=True)}


def test_absolute_figures_beside_rates(handcase_result: AssessmentResult) -> None:
    """北京 2021 (tests/handcase.py): E_int 9100 tce, G 10.6 亿元, I 0.0858491 (0.09 a year earlier and in the base
    year), ΔI −4.6122 %; E_tot 7871 tce vs 9000, growth −12.5444 %, allowed 2.9696 % → 9000 × 1.029696 tce."""
    rep = build_report(handcase_result, "zh")
    intensity, total = (t for t in rep.results if t.key.endswith("province"))
    assert total.title == "全国和省级地区：能源消费总量（2021年，按 2022 版规则核算）"
    b = _row(intensity, "北京市")
    assert b["强度考核能耗（万吨标准煤）"] == pytest.approx(0.91)
    assert b["地区生产总值（亿元，可比价）"] == pytest.approx(10.6)
    assert b["能耗强度 本期（吨标准煤/万元）"] == pytest.approx(0.0858491, abs=1e-7)
    assert b["上年同期"] == pytest.approx(0.09) and b["基期"] == pytest.approx(0.09)
    assert b["同比变化"] == pytest.approx(-0.046122, abs=1e-6)
    assert b["本期降低要求"] == pytest.approx(0.028589, abs=1e-6)
    assert b["强度预警"] == Mark("三级 绿", "green") and b["强度考核"] == Mark("完成", "green")
    t = _row(total, "北京市")
    assert t["能源消费总量（万吨标准煤）"] == pytest.approx(1.06)
    assert t["总量考核能耗（万吨标准煤）"] == pytest.approx(0.7871)
    assert t["新增可再生能源扣除（仅总量）"] == pytest.approx(0.1229)
    assert t["上年同期（万吨标准煤）"] == pytest.approx(0.9)
    assert t["同比增速"] == pytest.approx(-0.125444, abs=1e-6)
    assert t["允许增速"] == pytest.approx(0.029696, abs=1e-6)
    assert t["允许总量（万吨标准煤）"] == pytest.approx(0.9 * 1.029696, abs=1e-6)
    assert t["电力折标（吨标准煤/兆瓦时）"] == "当量值 0.1229"
    assert t["允许增速依据"] == "按规划经济增速；经济超预期调增"
    # small figures keep four decimals (0.7871 万tce, not 0.79)
    assert next(c for c in total.columns if c.label == "总量考核能耗（万吨标准煤）").decimals == 4


def test_counts_by_level_and_summary(levels_result: AssessmentResult) -> None:
    rep = build_report(levels_result, "zh")
    assert rep.period == "2022"
    rows = {r[0]: r[1:] for r in rep.barometer.rows}
    # 2022: every province's intensity fell short (二级); totals 北京 三级, 天津 二级, 河北 三级
    assert rows["省（自治区、直辖市）"] == [3, 0, 3, 0, 0, 0, 1, 2, 0]
    assert rows["地级市"][0] == 1 and rows["全国"][0] == 1
    assessed = {r[0]: r[1:] for r in rep.assessment.rows} if rep.assessment else {}
    assert assessed["省（自治区、直辖市）"][0] == "年度考核"
    assert any("3 个省（自治区、直辖市）中" in s for s in rep.summary)
    assert any(s.startswith("年度考核：强度目标完成 1 个（其中以五年进度视同完成 1 个），未完成 2 个（天津市、河北省）")
               for s in rep.summary)


def test_each_period_names_its_edition(levels_result: AssessmentResult) -> None:
    rep = build_report(levels_result, "zh")
    headings = [b.heading for b in rep.editions]
    assert headings[0].startswith("2021 年按 2021 版规则（国发〔2021〕33号")
    assert headings[1].startswith("2022 年按 2022 版规则（发改运行〔2022〕1258号；发改环资〔2022〕803号")
    assert [(r[0], r[1]) for r in rep.history.rows if r[2] == "全国"] == [("2021年", "2021 版"), ("2022年", "2022 版")]
    en = build_report(levels_result, "en")
    assert en.editions[0].heading.startswith("2021: assessed under the 2021 rules")


def test_rules_as_sentences_with_clauses(levels_result: AssessmentResult) -> None:
    block = build_report(levels_result, "zh").editions[1]  # the 2022 rules
    texts = [s.text for s in block.sentences]
    assert texts[0].startswith("原料用能从能源消费总量和能耗强度核算中扣除")
    assert texts[1].startswith("新增可再生能源电力消费量不纳入能源消费总量考核，仍计入能耗强度核算；新增量按每年较上一年新增计算")
    assert block.sentences[0].cite.startswith("发改环资〔2022〕803号")
    assert "发改环资〔2021〕1310号 第(九)条" in block.sentences[5].cite
    assert all(s.text.endswith("。") for s in block.sentences)
    assert block.governs == "年：2022年"


def test_findings_grouped_with_region_names(levels_result: AssessmentResult) -> None:
    groups = {g.level: g for g in build_report(levels_result, "zh").findings}
    assert [g.title for g in groups.values()] == ["错误", "警告", "提示"]
    (item,) = groups["warning"].items
    assert item.code == "W_MISSING_COMPARISON" and item.region == "全国"
    assert " / " not in item.text and "planned" not in item.text  # one language (the evidence was bilingual)
    en = {g.level: g for g in build_report(levels_result, "en").findings}
    assert en["warning"].items[0].region == "China" and "planned GDP growth" in en["warning"].items[0].text


def test_targets_and_sources(levels_result: AssessmentResult) -> None:
    t = build_report(levels_result, "zh").targets
    tangshan = _row(t, "唐山市")
    assert tangshan["目标状态"] == "沿用上级目标" and tangshan["目标来源及说明"] == "沿用上级 河北省：手算示例"
    assert _row(t, "河北省")["五年能耗增量上限（万吨标准煤）"] == pytest.approx(0.05)
    assert t.note == "表注（各行相同）：年度要求依据：按五年目标均衡进度"


def test_origin_note(levels_result: AssessmentResult, handcase_result: AssessmentResult) -> None:
    assert build_report(levels_result, "zh").origin_note.startswith("数据说明：本报告使用的数据含模拟数据")
    rep = build_report(handcase_result, "zh")
    assert not rep.synthetic and rep.origin_note == "数据说明：数据性质为用户提供。"
    assert dict(rep.facts)["数据来源"].startswith("文件夹 ")
