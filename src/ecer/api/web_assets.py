"""Where the dashboard's templates, static files and UI strings live, and whether vendor assets are built.

``ecer.web`` holds no Python logic (templates, JS, CSS, ``i18n/strings.json``); the API serves it. The
layer rules keep ``ecer.api`` and ``ecer.web`` independent, so the folder is found on disk, not imported.

>>> sorted(load_strings())
['en', 'zh']
>>> load_strings()["zh"]["nav.overview"], load_strings()["en"]["nav.overview"]
('总览', 'Overview')
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import ecer

WEB_DIR = Path(ecer.__file__).resolve().parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STRINGS_FILE = WEB_DIR / "i18n" / "strings.json"
LANGS = ("zh", "en")

# Files the pages need from npm (scripts/build_web_assets.sh copies them; see docs/web.md).
VENDOR_FILES = (
    "echarts.min.js",
    "china.json",
    "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui/swagger-ui.css",
)


def missing_vendor_files(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Vendor files not built yet (empty when ``make setup`` has run)."""
    return [f for f in VENDOR_FILES if not (vendor_dir / f).is_file()]


@lru_cache(maxsize=1)
def load_strings() -> dict[str, dict[str, str]]:
    """All UI strings: ``{"zh": {key: text}, "en": {key: text}}`` (both languages have the same keys)."""
    data: dict[str, dict[str, str]] = json.loads(STRINGS_FILE.read_text(encoding="utf-8"))
    return {lang: data[lang] for lang in LANGS}


def pick_lang(value: str | None) -> str:
    """``en`` when asked for, Chinese otherwise.

    >>> pick_lang("en"), pick_lang("EN"), pick_lang(None), pick_lang("fr")
    ('en', 'en', 'zh', 'zh')
    """
    return "en" if (value or "").lower() == "en" else "zh"
