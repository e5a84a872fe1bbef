"""The transfer guidance's structure as reference data (工信部联政法〔2021〕215号; NBS 2011 four-region division)."""

from __future__ import annotations

from ecer import refdata
from ecer.refdata import catalog


def test_nbs_2011_division_counts_and_members() -> None:
    # 国家统计局《东西中部和东北地区划分方法》(2011-06-13): 东部 10, 中部 6, 西部 12, 东北 3
    df = refdata.load("macro_regions").data
    counts = dict(df.group_by("macro_region").len().iter_rows())
    assert counts == {"east": 10, "central": 6, "west": 12, "northeast": 3}
    by_code = dict(zip(df["region_code"], df["macro_region"], strict=True))
    assert by_code["150000"] == "west"       # 内蒙古 is western in the NBS list, though northern
    assert by_code["450000"] == "west"       # 广西
    assert by_code["460000"] == "east"       # 海南
    assert by_code["210000"] == "northeast"  # 辽宁
    assert by_code["140000"] == "central"    # 山西
    provinces = set(refdata.load("regions").data.filter(refdata.load("regions").data["level"] == "province")["region_code"])
    assert set(df["region_code"]) == provinces


def test_industry_classes_quote_the_guidance_and_name_real_codes() -> None:
    df = refdata.load("transfer_industry_classes").data
    text_words = {"labour_intensive": "劳动密集型", "technology_intensive": "技术密集型", "energy_intensive": "高载能",
                  "producer_services": "生产性服务业"}
    for row in df.iter_rows(named=True):
        assert text_words[row["industry_class"]] in row["quote"], row
        assert row["confidence"] in ("medium", "low")   # the guidance names no codes: never high
    divisions = dict(zip(*[refdata.load("industry_codes").data[c] for c in ("code", "name_zh")], strict=True))
    for row in df.filter(df["code"].str.len_chars() == 2).iter_rows(named=True):
        assert divisions[row["code"]] == row["name_zh"]
    # the six energy-intensive divisions
    assert sorted(df.filter(df["industry_class"] == "energy_intensive")["code"]) == ["25", "26", "30", "31", "32", "44"]


def test_directions_as_the_text_says() -> None:
    df = refdata.load("transfer_directions").data
    rules = {r["rule_id"]: r for r in df.iter_rows(named=True)}
    assert rules["labour_to_central_west"]["macro_regions"] == "central;west"
    assert rules["technology_to_central_west_northeast"]["macro_regions"] == "central;west;northeast"
    assert rules["energy_to_west_clean"]["macro_regions"] == "west"
    assert rules["two_high_never_by_transfer"]["kind"] == "exclusion"
    assert "西部清洁能源优势地区" in rules["energy_to_west_clean"]["quote"]
    assert "中西部劳动力丰富、区位交通便利" in rules["labour_to_central_west"]["quote"]


def test_special_types_are_the_six_of_section_four() -> None:
    df = refdata.load("transfer_special_region_types").data
    assert sorted(df["name_zh"]) == sorted(["脱贫地区", "革命老区", "边境地区", "资源型地区", "老工业城市", "产业转型升级示范区"])
    for row in df.iter_rows(named=True):
        assert row["clause"].startswith("四")


def test_tables_validate() -> None:
    for name in ("macro_regions", "transfer_industry_classes", "transfer_directions", "transfer_special_region_types",
                 "transfer_condition_measures"):
        assert catalog.load(name).data.height > 0
