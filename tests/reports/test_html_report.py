"""The printable HTML report: Chinese title, grade colours, formatted numbers, inline SVG, offline."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ecer.reports import render_html, write_html
from tests.reports.fake_result import FakeResult


class _Cells(HTMLParser):
    """Collects the <title>, and every table row as a list of (text, attributes) cells."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self.rows, self.tags = "", [], set()
        self._cell: list[str] | None = None
        self._attrs: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.add(tag)
        if tag == "title":
            self._in_title = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._attrs = [], {k: v or "" for k, v in attrs}

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "title":
            self._in_title = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(("".join(self._cell).strip(), self._attrs))
            self._cell = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, _Cells]:
    path = write_html(FakeResult(), tmp_path_factory.mktemp("h") / "report.html")
    text = path.read_text(encoding="utf-8")
    p = _Cells()
    p.feed(text)
    return text, p


def _row(p: _Cells, name: str) -> list[tuple[str, dict[str, str]]]:
    return next(r for r in p.rows if r and r[0][0] == name)


def test_title_and_language(page: tuple[str, _Cells]) -> None:
    text, p = page
    assert p.title.startswith("能耗双控目标完成情况评估报告")
    assert '<html lang="zh-CN">' in text and "Noto Sans CJK SC" in text and "Microsoft YaHei" in text
    assert "@page { size: A4" in text


def test_numbers_formatted(page: tuple[str, _Cells]) -> None:
    _, p = page
    beijing = [c[0] for c in _row(p, "北京")]
    assert beijing[1] == "-3.10%"  # intensity change y/y, -0.031
    assert "108.39%" in beijing  # progress 0.031 / 0.0286
    assert [c[0] for c in _row(p, "内蒙古")][1] == "4.55%"
    assert [c[0] for c in _row(p, "西藏")][1] == "—"


def test_grade_colours(page: tuple[str, _Cells]) -> None:
    _, p = page
    cells = {name: _row(p, name) for name in ("北京", "河北", "内蒙古", "西藏")}
    expect = {"北京": ("三级（绿灯）", "#2e9d4f"), "河北": ("二级（黄灯）", "#f5c518"),
              "内蒙古": ("一级（红灯）", "#d93b30"), "西藏": ("无数据", "#bdbdbd")}
    for name, (text, colour) in expect.items():
        grade = next(c for c in cells[name] if "grade" in c[1].get("class", ""))
        assert grade[0] == text and f"background:{colour}" in grade[1]["style"]
    total = [c for c in _row(p, "唐山") if "grade" in c[1].get("class", "")][1]
    assert total[0] == "免予考核"


def test_chart_is_inline_svg_and_offline(page: tuple[str, _Cells]) -> None:
    text, p = page
    assert "svg" in p.tags and "script" not in p.tags
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert "累计能耗强度降低率与进度要求" in svg and "内蒙古" in svg and "-4.55%" in svg
    # no network: the only URL is the SVG namespace
    assert text.count("http") == text.count("http://www.w3.org/2000/svg")


def test_findings_and_rules(page: tuple[str, _Cells]) -> None:
    text, _ = page
    assert "[W_MISSING_COMPARISON]" in text and "第 7 行" in text
    assert "发改环资〔2022〕803号" in text and "模拟" in text


def test_english() -> None:
    text = render_html(FakeResult(), lang="en")
    assert "<title>Energy dual-control assessment report" in text and "grade 1 (red)" in text
