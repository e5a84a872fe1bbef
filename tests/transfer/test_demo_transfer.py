"""The demo's transfer data: every row synthetic, the files load through the templates and rank 31 provinces."""

from __future__ import annotations

from pathlib import Path

from ecer.reports.pdf_report import cjk_font
from ecer.services import demo_transfer as dt
from ecer.services import transfer as st
from ecer.storage import Store


def test_demo_files_load_and_rank(tmp_path: Path) -> None:
    d = dt.generate()
    assert set(d["transfer_indicators"]["data_origin"].to_list()) == {"synthetic"}
    assert set(d["transfer_projects"]["data_origin"].to_list()) == {"synthetic"}
    with Store.open(tmp_path / "d.duckdb") as s:
        files = dt.load_demo_transfer(s, tmp_path)
        pdf = ["report_pdf"] if cjk_font() else []   # the PDF needs a CJK font (E_PDF_NO_CJK_FONT otherwise)
        assert sorted(files) == ["report_html", *pdf, "report_xlsx", "transfer_indicators", "transfer_projects"]
        r = st.rank(s)
        assert r.frame.height == 31 and r.data_origin == ["synthetic"]
        html = files["report_html"].read_text(encoding="utf-8")
        # the report names the demo's garment project it matched, and the constraints it could not check in words
        # (a store without energy data: dual-control headroom not applied), never as raw ids or Python values
        assert "某服装企业生产基地转移" in html and "未核查的约束：能耗双控剩余空间" in html
        assert "dual_control（" not in html and "pollutant:COD" not in html and "None" not in html
        assert files["report_xlsx"].stat().st_size > 0
        m = st.match(s, "TP-DEMO-3")
    assert m.classification.industry_class == "two_high" and not m.frame["candidate"].any()
    assert dt.write(tmp_path / "again")["transfer_indicators"].read_bytes() == files["transfer_indicators"].read_bytes()
