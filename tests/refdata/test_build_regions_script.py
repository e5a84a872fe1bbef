"""scripts/build_regions.py on a small made-up source (known truth): lists, parents, derived changes and the
successors read from a change note."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_regions.py"

Y2020 = """330000 浙江省
330100 杭州市
330103 下城区
330104 江干区
330105 拱墅区
330109 萧山区
341400 巢湖市
341402 居巢区
500000 重庆市
500101 万州区
429004 仙桃市
810000 香港特别行政区
"""
Y2021 = """330000 浙江省
330100 杭州市
330102 上城区
330105 拱墅区
330109 萧山区
330114 钱塘区
340100 合肥市
340181 巢湖市
500000 重庆市
500101 万州区
429004 仙桃市
810000 香港特别行政区
"""
DIFF = """## 浙江省人民政府关于调整杭州市部分行政区划的通知
# 文号：浙政发〔2021〕7号
# 日期：2021年3月11日
# 来源：[浙江省人民政府网站](https://example.org/zj)
#
# 正文
-330103 下城区>拱墅区
-330104 江干区>上城区,钱塘区
+330102 上城区<江干区
+330114 钱塘区<江干区,萧山区
## 撤销地级巢湖市
# 文号：国函〔2011〕84号
-341400 巢湖市
-341402 居巢区>巢湖市
+340181 巢湖市<居巢区
"""


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_regions", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_regions"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "diff").mkdir()
    (tmp_path / "data" / "2020.txt").write_text(Y2020, encoding="utf-8")
    (tmp_path / "data" / "2021.txt").write_text(Y2021, encoding="utf-8")
    (tmp_path / "diff" / "2020-2021.diff").write_text(DIFF, encoding="utf-8")
    return tmp_path


def test_list_and_parents(script: ModuleType, source: Path) -> None:
    table = script.read_list(source, 2021)
    assert "810000" not in table  # outside the mainland: left out
    assert script.parent("330102", table) == "330100"
    assert script.parent("500101", table) == "500000"   # no 500100 row: the municipality
    assert script.parent("429004", table) == "420000"   # 省直辖县级: the province
    assert script.parent("340100", table) == "340000" and script.parent("330000", table) is None


def test_changes(script: ModuleType, source: Path) -> None:
    rows = {(r["change"], r["region_code"]): r for r in script.changes(source, 2020, 2021, "abc")}
    assert set(rows) == {("retired", "330103"), ("retired", "330104"), ("retired", "341400"),
                         ("retired", "341402"), ("added", "330102"), ("added", "330114"), ("added", "340100"),
                         ("added", "340181")}
    jg = rows[("retired", "330104")]
    assert (jg["related_codes"], jg["related_names"]) == ("330102;330114", "上城区;钱塘区")
    assert (jg["doc_no"], jg["note_date"], jg["confidence"], jg["basis"]) == (
        "浙政发〔2021〕7号", "2021年3月11日", "high", "derived")
    assert "https://example.org/zj" in jg["source"] and "data/2020.txt, data/2021.txt @abc" in jg["source"]
    assert rows[("retired", "330103")]["related_codes"] == "330105"
    assert rows[("added", "330114")]["related_codes"] == "330104;330109"
    # 居巢区 became the county-level 巢湖市 (a name in both lists, resolved in the later one)
    assert rows[("retired", "341402")]["related_codes"] == "340181"
    # the prefecture had children, so its line names no successor: inferred from its county's, medium
    chaohu = rows[("retired", "341400")]
    assert (chaohu["related_codes"], chaohu["confidence"]) == ("340100", "medium")
    assert "inferred" in chaohu["notes"]
    # a new prefecture without a note of its own: its predecessor is inferred from its county's (居巢区 → 巢湖市)
    hefei = rows[("added", "340100")]
    assert (hefei["related_codes"], hefei["confidence"]) == ("341400", "medium")
    assert hefei["clause"].startswith("derived") and hefei["doc_no"] == "民政部 县以上行政区划代码 2020→2021"
