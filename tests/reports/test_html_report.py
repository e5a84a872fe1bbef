"""The printable HTML report as a reader sees it: words for every code, absolute figures beside the rates, the
findings, the edition of each period, print CSS, offline; the English report in English."""

from __future__ import annotations

import re

import pytest

from ecer.reports import render_html, write_html
from ecer.services.dual_control import AssessmentResult
from tests.reports.text import CJK, RAW, visible_text, words


@pytest.fixture(scope="module")
def zh(levels_result: AssessmentResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_html(levels_result, tmp_path_factory.mktemp("h") / "report.html").read_text(encoding="utf-8")


def test_print_page_and_offline(zh: str) -> None:
    assert '<html lang="zh-CN">' in zh and "<title>能耗双控目标完成情况评估报告 · 2022年</title>" in zh
    assert "@page {" in zh and "size: A4" in zh and "counter(page)" in zh and "counter(pages)" in zh
    assert "@page wide { size: A4 landscape" in zh and "thead { display: table-header-group; }" in zh
    assert "font-family: 'Noto Sans CJK SC'" in zh  # the font list is CSS, not HTML-escaped
    assert "<script" not in zh and zh.count("http") == zh.count("http://www.w3.org/2000/svg")
    assert "<svg" in zh and "累计降低率" in zh[zh.index("<svg"):]


def test_no_codes_or_python_values(zh: str) -> None:
    text = visible_text(zh)
    # Latin letters only in names, units and standards (no digits: the data folder's name is in the facts)
    latin = {w for w in words(text) if not any(ch.isdigit() for ch in w)}
    assert latin <= {"ECER", "Excel", "GDP", "N", "T", "E", "t", "kgce", "kWh", "GB", "A"}, latin
    assert not RAW & words(text)
    for label in ("全国", "省（自治区、直辖市）", "地级市", "一级 红", "二级 黄", "三级 绿", "无等级", "完成", "未完成",
                  "以五年进度视同完成", "年度考核", "当量值", "按五年目标均衡进度", "“十四五”", "沿用上级目标",
                  "本地区目标", "模拟（演示用合成数据）", "按规划经济增速"):
        assert label in text, label


def _cells(page: str, name: str) -> list[list[str]]:
    """The rows (cell texts) whose first cell is ``name``, in every table."""
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.DOTALL):
        cells = [visible_text("<body>" + c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.DOTALL)]
        if cells and cells[0] == name:
            rows.append(cells)
    return rows


def test_hand_case_figures_beside_rates(handcase_result: AssessmentResult) -> None:
    page = render_html(handcase_result)
    intensity, total, target = _cells(page, "北京市")
    assert intensity == ["北京市", "0.9100", "10.6000", "0.0858", "0.0900", "0.0900", "-4.61%", "2.86%", "4.61%",
                         "2.86%", "161.33%", "三级 绿", "完成"]
    assert total[:2] == ["北京市", "1.0600"] and "0.7871" in total and "0.9000" in total and "0.9267" in total
    assert "-12.54%" in total and "2.97%" in total and "当量值 0.1229" in total
    assert target[2:5] == ["13.50%", "16.00%", "5.00%"]


def test_findings_editions_and_assumptions(zh: str) -> None:
    text = visible_text(zh)
    findings = text[text.index("九、问题清单"):]
    assert "警告（1 条）" in findings and "W_MISSING_COMPARISON" in findings and "全国" in findings
    assert "2021 年按 2021 版规则（国发〔2021〕33号" in text and "2022 年按 2022 版规则（发改运行〔2022〕1258号" in text
    assert "〔依据 发改环资〔2022〕803号" in text
    for words_ in ("均衡（几何）进度", "超过 1 个百分点以上为一级（红）", "较上年新增（1258号原文读法）",
                   "仅在五年规划当期考核（规划目标年）中适用", "各期按期末日有效的规则核算"):
        assert words_ in text, words_
    assert "数据说明：本报告使用的数据含模拟数据" in text and "模拟数据，仅供演示" in zh  # and in the page footer
    assert "审核签发" in text and "签发：" in text


def test_english_is_english(levels_result: AssessmentResult) -> None:
    page = render_html(levels_result, "en")
    assert '<html lang="en">' in page and "<title>Energy dual-control assessment report · 2022</title>" in page
    text = visible_text(page, drop_original=True)
    assert not CJK.search(text), CJK.findall(text)
    raw = {w for w in RAW if "_" in w} | {"True", "False", "None", "nan", "YTD"}
    assert not raw & words(text)
    for phrase in ("China", "Tangshan", "grade 2 (yellow)", "Annual assessment", "met by five-year progress",
                   "2021: assessed under the 2021 rules", "the parent's target", "Warnings (1)"):
        assert phrase in text, phrase
    # document numbers stay in the original, marked as Chinese
    assert '<span class="orig" lang="zh-CN">国发〔2021〕33号' in page
