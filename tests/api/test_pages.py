"""Dashboard pages and /docs: local assets only, Chinese by default, English on request."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from ecer.api import web_assets
from ecer.api.routers import docs as docs_router
from ecer.api.routers import pages as pages_router
from tests.ci import cannot_run

PAGES = ["/", "/region/110000", "/upload"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_chinese_by_default_and_english_on_request(client: TestClient, path: str) -> None:
    zh = client.get(path)
    en = client.get(path, params={"lang": "en"})
    assert zh.status_code == en.status_code == 200
    assert '<html lang="zh-CN">' in zh.text and "数据上传" in zh.text
    assert '<html lang="en">' in en.text and ">Upload<" in en.text


@pytest.mark.parametrize("path", [*PAGES, "/docs"])
def test_no_external_assets(client: TestClient, path: str) -> None:
    html = client.get(path).text
    refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    assert refs, "page has no asset references at all"
    assert [r for r in refs if re.match(r"^(https?:)?//", r)] == []


def test_docs_use_local_swagger(client: TestClient) -> None:
    if web_assets.missing_vendor_files():
        cannot_run("vendor assets not built: run scripts/build_web_assets.sh")
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "/api/uploads/{template}" in client.get("/openapi.json").json()["paths"]


def test_missing_vendor_assets_say_run_make_setup(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = ["echarts.min.js", "china.json", "swagger-ui/swagger-ui-bundle.js"]
    monkeypatch.setattr(pages_router, "missing_vendor_files", lambda: missing)
    monkeypatch.setattr(docs_router, "missing_vendor_files", lambda: missing)
    page = client.get("/")
    assert "make setup" in page.text and "echarts.min.js" in page.text
    assert "/static/vendor/echarts.min.js" not in page.text
    docs = client.get("/docs")
    assert docs.status_code == 503 and "make setup" in docs.text


def test_malformed_region_page_is_404(client: TestClient) -> None:
    assert client.get("/region/abc").status_code == 404


def test_strings_have_both_languages_and_cover_every_template_key() -> None:
    raw = json.loads(web_assets.STRINGS_FILE.read_text(encoding="utf-8"))
    assert set(raw) == {"zh", "en"} and set(raw["zh"]) == set(raw["en"])
    used: set[str] = set()
    for f in [*web_assets.TEMPLATES_DIR.glob("*.html"), *(web_assets.STATIC_DIR / "js").glob("*.js")]:
        text = f.read_text(encoding="utf-8")
        used |= set(re.findall(r'data-i18n="([^"]+)"', text))
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z0-9_.]+)"', text))
    # t("grade." + g): a prefix; some key must start with it
    prefixes = {k for k in used if k.endswith(".")}
    assert [p for p in prefixes if not any(k.startswith(p) for k in raw["zh"])] == []
    used -= prefixes
    assert used and used <= set(raw["zh"]), sorted(used - set(raw["zh"]))
    assert all(v.strip() for lang in raw.values() for v in lang.values())


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_unknown_page_is_an_html_404_for_a_browser(client: TestClient) -> None:
    zh = client.get("/nope", headers=BROWSER)
    assert zh.status_code == 404 and zh.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in zh.text and "页面不存在" in zh.text and "/nope" in zh.text
    en = client.get("/nope", params={"lang": "en"}, headers=BROWSER)
    assert en.status_code == 404 and '<html lang="en">' in en.text and "Page not found" in en.text


def test_unknown_api_path_stays_json_even_for_a_browser(client: TestClient) -> None:
    for path, headers in (("/api/nope", BROWSER), ("/nope", {"Accept": "application/json"}), ("/nope", {})):
        r = client.get(path, headers=headers)
        assert r.status_code == 404 and r.json()["findings"][0]["code"] == "E_HTTP", path


def test_html_404_escapes_the_path(client: TestClient) -> None:
    r = client.get("/<script>alert(1)</script>", headers=BROWSER)
    assert r.status_code == 404 and "<script>alert(1)</script>" not in r.text


def test_unknown_region_page_is_an_html_404_with_the_finding(client: TestClient) -> None:
    r = client.get("/region/990000", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "E_REGION_UNKNOWN" in r.text and "990000" in r.text
    en = client.get("/region/990000", params={"lang": "en"}, headers={"accept": "text/html"})
    assert en.status_code == 404 and "unknown region code" in en.text and "未知" not in en.text.split('<main')[-1].split('<script')[0]
    assert client.get("/region/330106", headers={"accept": "text/html"}).status_code == 200  # a county of the catalog
