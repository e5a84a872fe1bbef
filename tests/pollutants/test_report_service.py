"""``ecer.services.pollutant_reports.write_store_report``: the report of the stored hand case (loaded through the
template files, tests/pollutants/conftest.py) with the hand-worked figures of tests/pollutant_handcase.py."""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import pytest

from ecer.findings import FindingsError
from ecer.services.pollutant_reports import write_store_report
from ecer.storage import Store
from tests.reports.text import visible_text


def test_report_of_the_store_by_hand(handcase_store: Store, tmp_path: Path) -> None:
    html = write_store_report(handcase_store, tmp_path / "r.html", as_of_year=2022)
    text = re.sub(r"\s+", " ", visible_text(html.read_text(encoding="utf-8")))
    # COD 2022 = 51 551.75 t = 5.1552 万吨, +1.7507 % on 2021 → 一级（红）; the loaded quota 3 000 t: 1 003.25 done
    assert "2022 年排放 5.1552 万吨（51,551.75 吨），较基年不降反升 3.10%" in text
    assert "预警等级为一级（红）：排放量不降反升" in text and "下达 3,000 吨（2020—2025 年）" in text
    assert "数据来源 ECER 数据库" in text
    # the 2021 report stops at 2021: COD 50 664.75 t = 5.0665 万吨, its reductions 868.25 t
    y21 = write_store_report(handcase_store, tmp_path / "r21.xlsx", as_of_year=2021)
    kinds = fastexcel.read_excel(y21).load_sheet("减排措施", header_row=1).to_polars()
    assert kinds["年份"].to_list() == [2021.0, 2021.0]
    assert sorted(kinds["减排量合计（吨）"].to_list()) == pytest.approx([440.0, 868.25])


def test_no_data_is_said(tmp_path: Path) -> None:
    with pytest.raises(FindingsError) as exc:
        write_store_report(Store.memory(), tmp_path / "r.html", as_of_year=2022)
    assert [f.code for f in exc.value.findings] == ["E_POLLUTANT_NO_DATA"]
    assert not (tmp_path / "r.html").exists()
