"""The progress frame carries the indicator's own target year (an Int64 column), not a default."""

from __future__ import annotations

import polars as pl

from ecer.core.indicators import Indicator, progress

IND = Indicator(code="x_share", name_zh="测试占比", name_en="test share", project_no=1, project_zh="测试",
                project_en="test", kind="level", direction="at_least", target=50.0, target_text="50以上", unit="%",
                base_year=2020, target_year=2030, doc_no="测试", clause="一")


def test_frame_target_year_column() -> None:
    v = pl.DataFrame({"region_code": ["A", "A"], "year": [2020, 2021], "value": [40.0, 42.0]})
    out, _ = progress(v, IND)
    assert out.schema["target_year"] == pl.Int64
    assert out["target_year"].to_list() == [2030, 2030]
    assert out["base_year"].to_list() == [2020, 2020]
