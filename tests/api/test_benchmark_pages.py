"""The benchmarking page shells without a browser: ``/benchmark`` lists the shipped editions and is linked from the
navigation; a unit the store does not hold is an HTML 404 naming it, in the page language."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_benchmark_page_and_unknown_unit(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    page = client.get("/benchmark")
    assert page.status_code == 200
    assert '<option value="2021">' in page.text and '<option value="2023">' in page.text
    assert 'href="/benchmark"' in client.get("/").text
    zh = client.get("/benchmark/units/U-404")
    assert zh.status_code == 404
    assert "数据库中没有装置“U-404”" in zh.text
    en = client.get("/benchmark/units/U-404", params={"lang": "en"})
    assert en.status_code == 404
    assert "The store holds no production unit &#39;U-404&#39;" in en.text  # the apostrophes HTML-escaped
