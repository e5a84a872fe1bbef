"""PDF report of a dual-control assessment: the printable HTML report rendered by WeasyPrint (A4, page header and
footer with page numbers, results on landscape pages, CJK fonts embedded as subsets by the engine).

Chinese text needs a CJK font installed on the machine (Debian ``fonts-noto-cjk``; ``make setup`` and ``.ci/run``
install it as root when missing): without one, the report is refused with ``E_PDF_NO_CJK_FONT`` rather than printed
as empty boxes — the English report too, as it quotes documents and region names in Chinese.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ecer.findings import FindingsError, make
from ecer.reports.html_report import render_html
from ecer.reports.labels import ResultLike

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Source Han Sans SC", "Droid Sans Fallback")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first CJK font family fontconfig knows (``fc-list :lang=zh``), or None."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    families = {f.strip() for line in out.splitlines() for f in line.split(",") if f.strip()}
    return next((f for f in CJK_FAMILIES if f in families), next(iter(sorted(families)), None))


def write_pdf(result: ResultLike, path: str | Path, lang: str = "zh") -> Path:
    """Write the assessment ``result`` as an A4 PDF at ``path``; returns the path.

    Raises ``FindingsError`` (E_PDF_NO_CJK_FONT) when the machine has no CJK font."""
    font = cjk_font()
    if font is None:
        raise FindingsError([make("E_PDF_NO_CJK_FONT")])
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # subsetting chatter
    HTML(string=render_html(result, lang, for_print=True, font=font)).write_pdf(str(path))
    return path
