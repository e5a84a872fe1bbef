"""The PDF report, rendered by WeasyPrint and looked at: every page has ink, the Chinese title is in the text layer,
a CJK font is embedded; without a CJK font the report is refused (E_PDF_NO_CJK_FONT), not printed as boxes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from ecer.findings import FindingsError
from ecer.reports import pdf_report, write_pdf, write_report
from ecer.services.dual_control import AssessmentResult
from tests.ci import cannot_run

POPPLER = ("pdftoppm", "pdftotext", "pdffonts")


def _need_tools() -> None:
    missing = [t for t in POPPLER if shutil.which(t) is None]
    if missing:
        cannot_run(f"poppler-utils not installed ({', '.join(missing)}): apt-get install poppler-utils")
    if pdf_report.cjk_font() is None:
        cannot_run("no CJK font on this machine: apt-get install fonts-noto-cjk")


def _ink(png: Path) -> float:
    """Share of pixels that are not (near) white."""
    im = Image.open(png).convert("L")
    hist = im.histogram()
    return 1 - sum(hist[245:]) / (im.width * im.height)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_pages_text_and_fonts(levels_result: AssessmentResult, tmp_path: Path, lang: str) -> None:
    _need_tools()
    pdf = write_pdf(levels_result, tmp_path / "r.pdf", lang=lang)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 6  # summary, counts, chart, landscape results and targets, rules, findings
    for p in pages:
        assert _ink(p) > 0.005, f"{p.name} is blank"
    landscape = [p for p in pages if Image.open(p).width > Image.open(p).height]
    assert landscape, "the results tables print on landscape pages"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if lang == "zh":
        assert "能耗双控" in text and "2022 年按 2022 版规则" in text and "第 1 页，共" in text
    else:
        assert "Energy dual-control assessment report" in text and "page 1 of" in text
    assert "国发〔2021〕33号" in text  # document numbers print in Chinese in both reports
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    cjk = [f for f in fonts[2:] if any(k in f for k in ("CJK", "Hei", "Han", "Droid"))]
    assert cjk and all(f.split()[-5] == "yes" for f in cjk), fonts  # emb = yes


def test_refused_without_a_cjk_font(levels_result: AssessmentResult, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_report, "cjk_font", lambda: None)
    for lang in ("zh", "en"):  # the English report quotes documents and the data in Chinese too
        with pytest.raises(FindingsError) as exc:
            write_report(levels_result, tmp_path / "r.pdf", lang=lang)
        assert [f.code for f in exc.value.findings] == ["E_PDF_NO_CJK_FONT"]
    assert not (tmp_path / "r.pdf").exists()
