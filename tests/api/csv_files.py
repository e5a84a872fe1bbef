"""Small template files for upload tests, written out literally (headers as the ingest templates print them)."""

from __future__ import annotations

REGIONS_HEADER = "地区代码 / region_code,地区名称 / name_zh,英文名称 / name_en,级别 / level,上级地区代码 / parent_code"
ENERGY_HEADER = (
    "地区代码 / region_code,期间 / period,能源消费总量（万吨标准煤）/ total_energy (万tce),"
    "地区生产总值（可比价）（亿元）/ gdp_constant (10^8 CNY),可比价基年 / price_base_year"
)


def csv_bytes(header: str, *rows: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


GOOD_REGIONS = csv_bytes(REGIONS_HEADER, "110000,北京市,Beijing,province,", "120000,天津市,Tianjin,province,")

# 12.3456 万tce = 123 456 tce; 1500.5 亿元 stays 1500.5 (10^8 CNY).
GOOD_ENERGY = csv_bytes(ENERGY_HEADER, "110000,2021,12.3456,1500.5,2020", "120000,2021,8,900,2020")

# Row 3 (the spreadsheet row: header is row 1) has a total that is not a number.
BAD_ENERGY = csv_bytes(ENERGY_HEADER, "110000,2021,12.3456,1500.5,2020", "120000,2021,十二,900,2020")
