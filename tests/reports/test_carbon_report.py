"""The carbon dual-control report (issue 8 §3, §5): sentences with absolute figures beside rates, Chinese labels, the
grid factor's year convention stated as an assumption with its [C], and no raw Python values — on a hand case.

Hand case (the carbon core's worked case, docs/carbon.md): region 130000, CO2 1 000 000 → 1 018 500 → 1 026 648 t on
GDP 100 → 105 → 110.25 亿元. Intensities 1 000 000 / (100 × 10⁴) = 1.0000, 0.9700, 0.9312 tCO2/万元; cumulative
reduction 2022 = 1 − 0.9312 = 6.88 %; even pace R_2 = 1 − 0.82^(2/5) = 7.631 %; progress 6.88 / 7.631 = 90.2 %;
2022's change 0.9312/0.97 − 1 = −4 % ≥ R_1 = 1 − 0.82^(1/5) = 3.89 % → 三级（绿）. CO2 2022 = 102.6648 万吨, up
1 026 648 − 1 018 500 = 8 148 t = 0.81 万吨 (0.80 %) on 2021.
"""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from ecer.core.carbon.factors import co2_intensity_target
from ecer.core.carbon.progress import carbon_progress
from ecer.reports.carbon_report import (
    CarbonReportInput,
    build_carbon_report,
    render_carbon_html,
    write_carbon_report,
)

TOTALS = pl.DataFrame({"region_code": ["130000"] * 3, "year": [2020, 2021, 2022],
                       "co2_combustion": [1e6, 1.0185e6, 1.026648e6], "co2_electricity": [0.0] * 3,
                       "co2_heat": [0.0] * 3, "co2": [1e6, 1.0185e6, 1.026648e6],
                       "co2_feedstock_excluded": [0.0] * 3, "rows_in_error": [0] * 3})
GDP = pl.DataFrame({"region_code": ["130000"] * 3, "year": [2020, 2021, 2022], "gdp": [100.0, 105.0, 110.25]})
META = {"grid_year_lag": 2, "grid_scope": "national_average", "target": co2_intensity_target().model_dump(mode="json")}


def _data(**kw: object) -> CarbonReportInput:
    progress, findings = carbon_progress(TOTALS.select("region_code", "year", "co2"), GDP, co2_intensity_target())
    return CarbonReportInput(progress=progress, totals=TOTALS, findings=findings, meta=META, as_of="2026-12-01",
                             data_source="手算样例", **kw)  # type: ignore[arg-type]


def test_summary_states_absolute_figures_beside_rates_and_the_assumption() -> None:
    rep = build_carbon_report(_data())
    text = "\n".join(rep.summary)
    assert "河北省（130000）：2020 年（基年）二氧化碳排放 100.00 万吨，2022 年 102.66 万吨，较上年增加 0.81 万吨（0.80%）" in text
    assert "碳排放强度由 1.0000 降至 0.9312 吨二氧化碳/万元，累计下降 6.88%，按均衡进度 2022 年应累计下降 7.63%，落后于均衡进度" in text
    assert "（完成进度 90.2%）" in text
    assert "因子年份取核算年份减 2 年（Y − 2）" in text and "置信度 [C]" in text
    assert ("电网排放因子取值", "Y − 2（假设，置信度 [C]）") in rep.facts
    region = next(t for t in rep.tables if t.key == "region")
    assert region.rows[0]["grade"] == 3 and region.rows[0]["year"] == 2022


def test_the_three_writers_and_no_raw_python_values(tmp_path: Path) -> None:
    html = render_carbon_html(_data(data_origin="synthetic"))
    plain = re.sub(r"<[^>]+>", " ", html)
    for raw in ("None", "True", "False", "nan", "null"):
        assert not re.search(rf"\b{raw}\b", plain), raw
    assert "三级（绿）" in plain and "模拟（演示用合成数据）" in plain
    xlsx = write_carbon_report(_data(), tmp_path / "c.xlsx")
    book = fastexcel.read_excel(xlsx)
    assert book.sheet_names == ["概要", "分地区进展", "排放构成", "逐年进展", "问题清单", "依据与方法"]
    region = book.load_sheet_by_name("分地区进展", header_row=1).to_polars()
    assert region["二氧化碳排放（万吨）"][0] == pytest.approx(102.6648)  # a number, in 万吨 as the header says
    assert region["强度累计降低率"][0] == pytest.approx(0.0688, abs=1e-9)
    en = render_carbon_html(_data(), "en")
    assert "Y − 2" in en and "confidence [C]" in en
    with pytest.raises(Exception, match="E_UNKNOWN_NAME"):
        write_carbon_report(_data(), tmp_path / "c.docx")
