r"""The pollutant report (XLSX, HTML, PDF) on the hand-worked case of tests/pollutant_handcase.py (worked in its
docstring): the figures a director signs, in 万吨 with tonnes beside, the grades in words, no raw codes or Python
values, every finding, injection-safe.

Worked by hand (region 350100, synthetic):
  COD: base 50 000 t = 5.0000 万吨; 2022 51 551.75 t = 5.1552 万吨; D_2022 = 1 − 51 551.75/50 000 = −3.1035 %
       (1 551.75 t more); even pace 2022: 1 − 0.92^0.4 = 1 − e^{0.4·ln 0.92} = 1 − e^{−0.033353} = 3.2803 %;
       ΔE_2022 = 51 551.75/50 664.75 − 1 = +1.7507 % vs R_1 = 1 − 0.92^0.2 = 1.6538 % → 一级（红）.
       Reductions 2021–2022: engineering 492.75 + 100 = 592.75 t, structural 350.5 t, management 25 + 35 = 60 t,
       total 1 003.25 t (592.75/1 003.25 = 59.1 %); new emissions 1 533 + 1 022 = 2 555 t.
       Quota 3 000 t: achieved 1 003.25 t = 33.44 %, due 3 000·2/5 = 1 200 t, ratio 0.836 → 0.84; 2022 135 < 600
       → 二级（黄）.
  NOx: 8 000 t = 0.8000 万吨 → 7 260 t = 0.7260 万吨, D = 9.25 % (740 t = 0.0740 万吨); even pace 1 − 0.9^0.4 =
       4.1268 %, ratio 0.0925/0.0412685 = 2.24 → 三级（绿）.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import fastexcel
import markupsafe
import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecer.findings import FindingsError
from ecer.reports import pdf_report
from ecer.reports.pollutant_report import (
    PollutantReportInput,
    render_pollutant_html,
    write_pollutant_report,
    write_pollutant_xlsx,
)
from tests import pollutant_handcase as hc
from tests.ci import cannot_run
from tests.reports.pollutant_cases import handcase_input
from tests.reports.text import CJK, RAW, visible_text, words

SHEETS = ["概要", "分地区进展", "重点工程减排量", "减排措施", "措施清单", "排放台账", "问题清单", "依据与方法"]


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pollutant_xlsx(handcase_input(), tmp_path_factory.mktemp("pol") / "r.xlsx")


def _sheet(path: Path, name: str) -> pl.DataFrame:
    return fastexcel.read_excel(path).load_sheet(name, header_row=1).to_polars()


def _row(df: pl.DataFrame, **eq: object) -> dict[str, object]:
    hit = df
    for k, v in eq.items():
        hit = hit.filter(pl.col(k) == v)
    assert hit.height == 1, (eq, hit)
    return hit.row(0, named=True)


def test_xlsx_region_sheet_by_hand(xlsx: Path) -> None:
    assert fastexcel.read_excel(xlsx).sheet_names == SHEETS
    df = _sheet(xlsx, "分地区进展")
    cod = _row(df, 污染物="化学需氧量（COD）")
    assert cod["地区"] == "福州市（350100）" and cod["年份"] == 2022
    assert cod["基年排放量（万吨）"] == pytest.approx(5.0) and cod["排放量（万吨）"] == pytest.approx(5.155175)
    assert cod["较基年减少（吨）"] == pytest.approx(-1551.75)
    assert cod["累计降低率"] == pytest.approx(-0.031035, abs=1e-6)
    assert cod["均衡进度要求（累计）"] == pytest.approx(0.032803, abs=1e-6)
    assert cod["较上年变化"] == pytest.approx(0.0175072, abs=1e-6)
    assert cod["当年要求降幅"] == pytest.approx(0.016538, abs=1e-6)
    assert cod["预警等级"] == "一级（红）" and cod["目标"] == "2025 年比 2020 年下降 8%"
    nox = _row(df, 污染物="氮氧化物（NOx）")
    assert nox["排放量（万吨）"] == pytest.approx(0.726) and nox["较基年减少（吨）"] == pytest.approx(740.0)
    assert nox["累计降低率"] == pytest.approx(0.0925) and nox["进度比"] == pytest.approx(2.241420, abs=1e-5)
    assert nox["均衡进度要求（累计）"] == pytest.approx(0.0412685, abs=1e-6)
    assert nox["预警等级"] == "三级（绿）" and nox["目标"] == "2025 年比 2020 年下降 10%以上"


def test_xlsx_measures_quota_and_ledger_by_hand(xlsx: Path) -> None:
    kinds = _sheet(xlsx, "减排措施")
    c21 = _row(kinds, 污染物="化学需氧量（COD）", 年份=2021)
    assert (c21["工程减排（吨）"], c21["结构减排（吨）"], c21["管理减排（吨）"], c21["减排量合计（吨）"]) == pytest.approx(
        (492.75, 350.5, 25.0, 868.25))
    assert c21["新增排放量（吨）"] == pytest.approx(1533.0)
    c22 = _row(kinds, 污染物="化学需氧量（COD）", 年份=2022)
    assert (c22["工程减排（吨）"], c22["管理减排（吨）"], c22["减排量合计（吨）"]) == pytest.approx((100.0, 35.0, 135.0))
    listed = _sheet(xlsx, "措施清单")
    got = {(r["措施编号"], int(r["年份"])): r["当年减排量（吨）"] for r in listed.iter_rows(named=True)}
    assert got == pytest.approx({k: t for k, (_, t) in hc.EXPECTED_REDUCTIONS.items()})
    assert _row(listed, 措施编号="mill")["核算方法"] == "关停淘汰（结构减排）"
    q = _row(_sheet(xlsx, "重点工程减排量"), 污染物="化学需氧量（COD）", 年份=2022)
    assert q["累计完成（吨）"] == pytest.approx(1003.25) and q["按时序应完成（吨）"] == pytest.approx(1200.0)
    assert q["完成比例"] == pytest.approx(1003.25 / 3000) and q["预警等级"] == "二级（黄）"
    led = _sheet(xlsx, "排放台账")
    assert _row(led, 污染物="化学需氧量（COD）", 年份=2022)["本年排放量（吨）"] == pytest.approx(51551.75)
    assert _row(led, 污染物="氮氧化物（NOx）", 年份=2021)["新增量数据"] == "未填报，按 0 计"


def test_xlsx_no_codes_no_python_values(xlsx: Path) -> None:
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert not RAW & words(c.value), (ws.title, c.coordinate, c.value)
                assert not isinstance(c.value, bool), (ws.title, c.coordinate)
    summary = [c for row in book["概要"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "签发：" in summary and any(s.startswith("数据说明：本报告使用的地区数据为模拟") for s in summary)


@pytest.fixture(scope="module")
def zh() -> str:
    return visible_text(render_pollutant_html(handcase_input()))


def test_html_sentences_by_hand(zh: str) -> None:
    text = re.sub(r"\s+", " ", zh)
    for s in (
        ("福州市（350100）化学需氧量（COD）：2020 年（基年）排放 5.0000 万吨（50,000 吨），2022 年排放 5.1552 万吨"
         "（51,551.75 吨），较基年不降反升 3.10%（增加 0.1552 万吨，即 1,551.75 吨）"),
        "目标为 2025 年比 2020 年下降 8%（国发〔2021〕33号 二、主要目标），按均衡进度 2022 年应累计下降 3.28%，落后于均衡进度",
        "2022 年排放量较上年上升 1.75%（当年要求下降 1.65%），预警等级为一级（红）：排放量不降反升。",
        ("氮氧化物（NOx）：2020 年（基年）排放 0.8000 万吨（8,000 吨），2022 年排放 0.7260 万吨（7,260 吨），较基年累计下降 "
         "9.25%（减少 0.0740 万吨，即 740 吨）"),
        "达到均衡进度（进度比 2.24）",
        ("重点工程减排量：下达 3,000 吨（2020—2025 年），截至 2022 年累计完成 1,003.25 吨，占下达量的 33.4%，按时序应完成 "
         "1,200 吨（进度比 0.84，落后于时序进度）"),
        ("核算减排量合计 1,003.25 吨，其中工程减排 592.75 吨（59.1%）、结构减排 350.5 吨（34.9%）、管理减排 60 吨（6.0%）；"
         "同期新增排放量 2,555 吨。"),
        "签发：",
    ):
        assert s in text, s
    assert "数据说明：本报告使用的地区数据为模拟（演示用合成数据）" in text


def test_html_no_codes_or_python_values(zh: str) -> None:
    assert not RAW & words(zh)
    for raw in ("sewage_plant", "efficiency_raise", "closure", "engineering", "structural", "management",
                "reported", "reduction_total"):
        assert raw not in zh, raw


def test_findings_reach_the_report(tmp_path: Path) -> None:
    """A measure dated in the base year is not counted and warned (W_POLLUTANT_MEASURE_BEFORE_BASE): the report
    lists it in words, with its fix, in both languages and in the XLSX."""
    from ecer.core.pollutants import account, measure_reductions

    old = pl.DataFrame([{**dict.fromkeys(hc.MEASURE_INPUT_SCHEMA), "region_code": hc.REGION, "pollutant": "COD",
                         "year": 2020, "measure_id": "old-plant", "method": "reported", "kind": "engineering",
                         "reduction_t": 10.0}], schema=hc.MEASURE_INPUT_SCHEMA)
    _, findings = account(hc.BASE, measure_reductions(pl.concat([hc.MEASURES, old])))
    assert [f.code for f in findings] == ["W_POLLUTANT_MEASURE_BEFORE_BASE"]
    data = handcase_input(findings=findings)
    text = visible_text(render_pollutant_html(data))
    assert "警告（1）" in text and "old-plant" in text and "的年份不晚于基年 2020，未计入核算" in text
    assert "处理：基年及以前的削减已含在基年排放量中" in text
    assert "问题清单：0 个错误，1 个警告，0 个提示" in text
    en = visible_text(render_pollutant_html(data, "en"))
    assert "is dated in or before the base year 2020 and is not counted" in en
    cells = fastexcel.read_excel(write_pollutant_xlsx(data, tmp_path / "f.xlsx")).load_sheet(
        "问题清单", header_row=0).to_polars()
    assert cells["代码"].to_list() == ["W_POLLUTANT_MEASURE_BEFORE_BASE"]


def test_english_edition(tmp_path: Path) -> None:
    page = render_pollutant_html(handcase_input(), "en")
    assert '<html lang="en">' in page
    text = re.sub(r"\s+", " ", visible_text(page))
    for s in ("福州市 (350100), chemical oxygen demand (COD): 5.0000 10⁴ t (50,000 t) in 2020",
              "up 3.10% since the base year instead of down", "grade 1 (red): emissions rose",
              "grade 3 (green): on pace", "1,003.25 t achieved by 2022", "engineering 592.75 t (59.1%)"):
        assert s in text, s
    # Chinese only in the region's name (the catalog has no English one), document numbers and quoted words
    for zh_word in ("概要", "分地区进展", "预警等级", "万吨", "工程减排", "签发"):
        assert zh_word not in text, zh_word
    raw = {w for w in RAW if "_" in w} | {"True", "False", "None", "nan"}
    assert not raw & words(text)
    names = fastexcel.read_excel(write_pollutant_xlsx(handcase_input(), tmp_path / "en.xlsx", "en")).sheet_names
    assert names == ["Summary", "By region", "Key-project reductions", "Measures by kind", "Measures", "Ledger",
                     "Findings", "Sources and methods"]
    assert CJK.search(text)  # the quoted sentence of 国发〔2021〕33号 stays in Chinese


EVIL = '=HYPERLINK("http://evil","x")'
SCRIPT = "<script>alert(1)</script>"


def test_injection_safe(tmp_path: Path) -> None:
    """A region named like a formula and a measure id like a script: text cells in the XLSX (never a formula, a
    leading quote), escaped in the HTML."""
    m = handcase_input().measures
    assert m is not None
    data = handcase_input(names={hc.REGION: (EVIL, None)},
                          measures=m.with_columns(measure_id=pl.when(pl.col("measure_id") == "mill")
                                                  .then(pl.lit(SCRIPT)).otherwise(pl.col("measure_id"))))
    path = write_pollutant_xlsx(data, tmp_path / "x.xlsx")
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode("utf-8"), n
    book = openpyxl.load_workbook(path)
    hits = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert hits and all(c.data_type == "s" and c.value.startswith("'=") for c in hits)
    page = render_pollutant_html(data)
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unknown_format_and_language(tmp_path: Path) -> None:
    with pytest.raises(FindingsError) as exc:
        write_pollutant_report(handcase_input(), tmp_path / "r.docx")
    assert [f.code for f in exc.value.findings] == ["E_UNKNOWN_NAME"]
    with pytest.raises(FindingsError):
        render_pollutant_html(handcase_input(), "fr")


@pytest.mark.browser
def test_pdf(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if pdf_report.cjk_font() is None or shutil.which("pdftotext") is None:
        cannot_run("no CJK font or poppler-utils: apt-get install fonts-noto-cjk poppler-utils")
    pdf = write_pollutant_report(handcase_input(), tmp_path / "r.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "主要污染物总量减排进展报告" in text and "国发〔2021〕33号" in text and "第 1 页，共" in text
    assert "1,003.25" in text and "51,551.75" in text


def test_pdf_refused_without_a_cjk_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_report, "cjk_font", lambda: None)
    with pytest.raises(FindingsError) as exc:
        write_pollutant_report(handcase_input(), tmp_path / "r.pdf")
    assert [f.code for f in exc.value.findings] == ["E_PDF_NO_CJK_FONT"]
    assert not (tmp_path / "r.pdf").exists()


def _provinces(codes: list[str], bases: list[float], cuts: list[float]) -> PollutantReportInput:
    from ecer.core.pollutants import account, percentage_progress
    from ecer.core.pollutants.targets import national_targets

    base = pl.DataFrame({"region_code": codes, "pollutant": ["COD"] * len(codes), "year": [2020] * len(codes),
                         "emissions": bases})
    m = pl.DataFrame({"region_code": codes, "pollutant": ["COD"] * len(codes), "year": [2021] * len(codes),
                      "measure_id": [f"M{i}" for i in range(len(codes))], "kind": ["engineering"] * len(codes),
                      "reduction": cuts})
    ledger, f1 = account(base, m)
    progress, f2 = percentage_progress(ledger, national_targets())
    return PollutantReportInput(ledger=ledger, progress=progress, findings=[*f1, *f2], data_origin="synthetic")


def test_many_regions_summed_by_hand() -> None:
    """Four provinces (synthetic): COD 1 000 / 2 000 / 3 000 / 4 000 t in 2020, cut 100 / 50 / 0 / 200 t in 2021.
    Sum 10 000 → 9 650 t: D = 350/10 000 = 3.50 % (0.0350 万吨), ΔE = −3.5 % ≥ R_1 = 1.6538 % → 三级（绿）; progress
    0.035/0.016538 = 2.12. By province: −10 %, −2.5 %, 0 % (not a rise, less than R_1 → 二级), −5 % → 0 red, 1 yellow,
    3 green."""
    data = _provinces(["110000", "120000", "130000", "140000"], [1000.0, 2000.0, 3000.0, 4000.0],
                      [100.0, 50.0, 0.0, 200.0])
    text = re.sub(r"\s+", " ", visible_text(render_pollutant_html(data)))
    assert ("4 个省（自治区、直辖市）合计化学需氧量（COD）：2020 年（基年）排放 1.0000 万吨（10,000 吨），2021 年排放 0.9650 万吨"
            "（9,650 吨），较基年累计下降 3.50%（减少 0.0350 万吨，即 350 吨）") in text
    assert "合计比照全国目标" in text and "（进度比 2.12）" in text and "预警等级为三级（绿）：达到当年要求" in text
    assert "一级（红）0 个、二级（黄）1 个、三级（绿）3 个" in text
    assert "合计化学需氧量（COD） 2021 年核算减排量合计 350 吨，其中工程减排 350 吨（100.0%）" in text
    assert "本报告核算 4 个地区 1 种主要污染物 2021 年的排放量" in text
    assert not RAW & words(text)
    # a province with one of its cities: no sum (the city is inside the province), only the counts
    mixed = _provinces(["350000", "350100", "110000", "120000"], [9000.0, 1000.0, 1000.0, 1000.0],
                       [10.0, 10.0, 10.0, 10.0])
    text = visible_text(render_pollutant_html(mixed))
    assert "合计化学需氧量" not in text and "个地区最新年份预警等级" in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=30), measure=st.text(min_size=1, max_size=30))
def test_any_text_stays_text(tmp_path: Path, name: str, measure: str) -> None:
    """Whatever a user typed as a region name or a measure id: no XLSX cell is a formula, the HTML never carries it
    unescaped (property)."""
    m = handcase_input().measures
    assert m is not None
    data = handcase_input(names={hc.REGION: (name, None)},
                          measures=m.with_columns(measure_id=pl.lit(measure)))
    path = write_pollutant_xlsx(data, tmp_path / "p.xlsx")
    with zipfile.ZipFile(path) as z:
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    page = render_pollutant_html(data)
    body = page[page.index("<body>"):]
    for text in (name, measure):
        assert str(markupsafe.escape(text)) in body  # as Jinja escapes it: &lt; &gt; &amp; &#34; &#39;
    assert "<script" not in body.lower()  # the printable report has no script, and gets none from the data


def test_long_lists_print_a_part_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printout lists the first rows of a long table and says how many more the XLSX holds: the hand case's 7
    measures with a limit of 3 → 3 printed, "另有 4 行"; the workbook keeps all 7."""
    from ecer.reports import pollutant_report as pr

    monkeypatch.setitem(pr.PRINT_ROWS, "measure_list", 3)
    page = render_pollutant_html(handcase_input())
    section = page[page.index('id="t-measure_list"'):page.index('id="t-ledger"')]
    assert section.count("<tr>") == 1 + 3  # the head and three rows
    assert "以上列出前 3 行，另有 4 行，见 Excel 报告（全部行）。" in section
    listed = _sheet(write_pollutant_xlsx(handcase_input(), tmp_path / "all.xlsx"), "措施清单")
    assert listed.height == 7


@pytest.mark.browser
def test_printable_html_in_chromium(tmp_path: Path) -> None:
    """The printable report in Debian's chromium: the chart's labels (the longest official province name among
    them) stay inside the chart, and it prints to A4."""
    import shutil
    from typing import Any

    from tests.ci import import_or_skip

    if not shutil.which("/usr/bin/chromium"):
        cannot_run("Debian chromium not installed: apt-get install -y chromium")
    sync_api: Any = import_or_skip("playwright.sync_api", "playwright for Python not installed")
    data = _provinces(["650000", "110000", "120000", "130000"], [1000.0, 2000.0, 3000.0, 4000.0],
                      [100.0, 50.0, 0.0, 200.0])
    path = write_pollutant_report(data, tmp_path / "r.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto(path.as_uri())
            lefts = page.eval_on_selector_all(
                "svg text", "els => els.map(e => e.getBoundingClientRect().left - "
                            "e.ownerSVGElement.getBoundingClientRect().left)")
            assert lefts and min(lefts) >= 0
            labels = page.eval_on_selector_all("svg text", "els => els.map(e => e.textContent)")
            assert "新疆" in labels and "北京" in labels
            assert page.title() == "主要污染物总量减排进展报告"
            page.pdf(path=str(tmp_path / "r.pdf"), format="A4", print_background=True)
            assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
        finally:
            browser.close()


def test_a_measure_before_the_base_is_listed_not_counted() -> None:
    """The old plant's 10 t in 2020 (the base year) is in the measure list, marked not counted; the sums by kind are
    the hand case's (COD engineering 592.75 t)."""
    from ecer.core.pollutants import account, measure_reductions

    old = pl.DataFrame([{**dict.fromkeys(hc.MEASURE_INPUT_SCHEMA), "region_code": hc.REGION, "pollutant": "COD",
                         "year": 2020, "measure_id": "old-plant", "method": "reported", "kind": "engineering",
                         "reduction_t": 10.0}], schema=hc.MEASURE_INPUT_SCHEMA)
    measures = measure_reductions(pl.concat([hc.MEASURES, old]))
    _, findings = account(hc.BASE, measures)
    page = render_pollutant_html(handcase_input(measures=measures, findings=findings))
    text = re.sub(r"\s+", " ", visible_text(page))
    assert "old-plant 直接填报 工程减排 10 否（不晚于基年 2020，已含在基年排放量中）" in text
    assert "WWTP-1 污水处理厂（工程减排） 工程减排 492.75 是" in text
    assert "工程减排 592.75 吨（59.1%）" in text
