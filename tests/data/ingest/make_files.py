"""Make the small ingest test files: good/ (one per accepted form) and bad/ (one per bad-input class).

Run from the repository root: ``.venv/bin/python tests/data/ingest/make_files.py``. The outputs are
committed; the expected values are worked out by hand in tests/ingest/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from ecer.ingest.templates import TEMPLATES

HERE = Path(__file__).parent
GOOD, BAD = HERE / "good", HERE / "bad"
E = [c.header for c in TEMPLATES["energy"].columns]  # 11 columns, template order
R = [c.header for c in TEMPLATES["regions"].columns]
T = [c.header for c in TEMPLATES["targets"].columns]
# region, period, total, feedstock, renewable, other non-fossil, separately listed, its VA, GDP, base, origin
ROW = ["110000", "2021", "12.3456", "1.2", "300", "0", "0.5", "0", "1.5", "2020", "user"]


def row(**kw: str) -> list[str]:
    names = [c.name for c in TEMPLATES["energy"].columns]
    r = list(ROW)
    for k, v in kw.items():
        r[names.index(k)] = v
    return r


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    path.write_bytes(csv_text(rows).encode(encoding))


def workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2024, 1, 1)})
    return wb


def good() -> None:
    GOOD.mkdir(exist_ok=True)
    # UTF-8, full bilingual template headers; the GDP of row 4 uses a thousands separator
    write_csv(GOOD / "energy_utf8.csv", [
        E, ROW,
        row(region_code="120000", period="2021H1", total_energy="8", feedstock_energy="0", renewable_electricity="0",
            separately_listed_energy="0", gdp_constant="0.8"),
        row(region_code="130100", period="2021-07", gdp_constant="1,234.5", data_origin="official"),
    ])
    # UTF-8 with BOM, English-only headers in other decimal units (tce, MWh, 万元), no optional columns
    write_csv(GOOD / "energy_bom.csv", [
        ["region_code", "period", "total_energy (tce)", "renewable_electricity (MWh)", "gdp_constant (万元)",
         "price_base_year"],
        ["130000", "2021Q3", "123456", "3000", "15000", "2020"],
    ], encoding="utf-8-sig")
    # GBK, Chinese-only headers, a title row above the header
    write_csv(GOOD / "energy_gbk.csv", [
        ["2021年各地区能源消费情况", "", "", "", ""],
        ["地区代码", "期间", "能源消费总量（万吨标准煤）", "地区生产总值（可比价）（亿元）", "可比价基年"],
        ["110000", "2021", "12.3456", "1.5", "2020"],
    ], encoding="gbk")
    # XLSX: a notes sheet first, then data under a title row and a blank row, a blank data row, numbers
    # typed as numbers (region code too) and a formula with its cached value
    wb = workbook(GOOD / "energy_title_blank.xlsx")
    wb.add_worksheet("说明").write_string(0, 0, "本表填报说明 / notes")
    ws = wb.add_worksheet("能源")
    ws.write_string(0, 0, "2021年各地区能源消费情况 / energy use by region, 2021")
    for j, h in enumerate(E[:4] + [E[8], E[9]]):
        ws.write_string(2, j, h)
    ws.write_row(3, 0, [110000, "2021", 12.3456, 1.2, 1.5, 2020])
    ws.write_row(5, 0, [120000, "2021", 8, 0, 0.8, 2020])
    ws.write_formula(5, 2, "=C4-4.3456", None, 8)  # cached value 8 (= 12.3456 − 4.3456)
    ws.write_number(6, 0, 130000)
    ws.write_string(6, 1, "2021")
    ws.write_row(6, 2, [1 / 3, 0, 2.5, 2020])
    wb.close()
    write_csv(GOOD / "regions.csv", [
        R,
        ["100000", "全国", "China", "national", ""],
        ["110000", "北京市", "Beijing", "province", ""],
        ["130000", "河北省", "Hebei", "省", ""],
        ["130100", "石家庄市", "", "city", "130000"],
    ])
    wb = workbook(GOOD / "targets.xlsx")
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, T)
    ws.write_row(1, 0, ["110000", "十四五", 2020, 2025, 14.5, 16, 6, 1500, "国发〔2021〕33号 附件1"])
    ws.write_row(2, 0, ["130000", "14th", 2020, 2025, 14.5, "", "", "", "国发〔2021〕33号 附件1"])
    wb.close()


def bad() -> None:
    BAD.mkdir(exist_ok=True)
    files: dict[str, list[list[str]]] = {
        "region_malformed.csv": [E, ROW, row(region_code="11000")],
        "region_unknown.csv": [E, row(region_code="990000")],
        "duplicate_key.csv": [E, ROW, row(region_code="120000"), row(total_energy="13")],
        "not_number.csv": [E, row(total_energy="12万")],
        "negative.csv": [E, ROW, row(region_code="120000", gdp_constant="-1.5")],
        "feedstock_above_total.csv": [E, row(feedstock_energy="20")],
        "exclusions_above_total.csv": [E, row(total_energy="12", feedstock_energy="8", separately_listed_energy="5")],
        "price_base_mixed.csv": [E, ROW, row(region_code="120000", price_base_year="2015")],
        "price_base_malformed.csv": [E, row(price_base_year="20")],
        "period_malformed.csv": [E, row(period="2021-13")],
        "required_empty.csv": [E, row(gdp_constant="")],
        "value_invalid.csv": [E, row(data_origin="官方数据")],
        "missing_column.csv": [[h for h in E if "gdp_constant" not in h], ROW[:8] + ROW[9:]],
        "unknown_column.csv": [E + ["备注 / note"], ROW + ["x"]],
        "duplicate_column.csv": [E + [E[2]], ROW + ["12"]],
        "unlabelled_data.csv": [E, ROW + ["stray"]],
        "unit_mismatch.csv": [["地区代码", "期间", "能源消费总量（亿元）", "地区生产总值（亿元）", "可比价基年"],
                              ["110000", "2021", "12.3456", "1.5", "2020"]],
        "unit_unknown.csv": [["地区代码", "期间", "能源消费总量（万桶）", "地区生产总值（亿元）", "可比价基年"],
                             ["110000", "2021", "12.3456", "1.5", "2020"]],
        "unit_calorific.csv": [["地区代码", "期间", "能源消费总量（万tce）", "可再生能源电力消费量（万tce）",
                                "地区生产总值（亿元）", "可比价基年"], ["110000", "2021", "12.3456", "1", "1.5", "2020"]],
        "unit_missing.csv": [["地区代码", "期间", "能源消费总量", "地区生产总值（亿元）", "可比价基年"],
                             ["110000", "2021", "12.3456", "1.5", "2020"]],
        "header_only.csv": [E],
        "not_a_table.csv": [["hello world"], ["some notes"], ["more notes"]],
        "region_parent.csv": [R, ["130000", "河北省", "Hebei", "province", ""],
                              ["130100", "石家庄市", "Shijiazhuang", "city", "140000"]],
        "level_invalid.csv": [R, ["130000", "河北省", "Hebei", "省会", ""]],
        "targets_percent_over.csv": [T, ["110000", "14th", "2020", "2025", "135", "", "", "", "src"]],
        "targets_percent_fraction.csv": [T, ["110000", "14th", "2020", "2025", "0.135", "", "", "", "src"]],
        "targets_years.csv": [T, ["110000", "14th", "2025", "2020", "13.5", "", "", "", "src"]],
    }
    for name, rows in files.items():
        write_csv(BAD / name, rows)
    (BAD / "empty.csv").write_bytes(b"")
    (BAD / "bad_encoding.csv").write_bytes(b"\xff\xfe\xff,\x80\n")
    (BAD / "corrupt.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip file")
    wb = workbook(BAD / "wrong_sheet.xlsx")
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, E)
    ws.write_row(1, 0, ROW)
    wb.close()


if __name__ == "__main__":
    good()
    bad()
    print(f"wrote {len(list(GOOD.iterdir()))} good and {len(list(BAD.iterdir()))} bad files")
