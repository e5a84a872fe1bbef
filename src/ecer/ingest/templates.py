"""Input templates: the columns users fill in, with bilingual headers, display units and rules.

Header convention (what ``write_template`` writes)::

    能源消费总量（万吨标准煤）/ total_energy (万tce)

Chinese name with the unit in brackets, a slash, the English name with the unit in brackets. The reader
accepts either half alone too, any bracket style (（）, (), [], 【】), any case and spacing, and a few
aliases (``地区代码`` / ``行政区划代码``...). Display units may differ from the canonical units of
``ecer.models``; the reader converts with ``ecer.units.factor``.

>>> spec = TEMPLATES["energy"]
>>> spec.column("total_energy").header
'能源消费总量（万吨标准煤）/ total_energy (万tce)'
>>> [c.name for c in spec.columns][:3]
['region_code', 'period', 'total_energy']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ecer.models.carbon import CARBON_ENERGY_COLUMNS
from ecer.models.energy import ENERGY_COLUMNS, ENERGY_UNITS
from ecer.models.enterprises import (
    CARRIERS,
    ENTERPRISE_COLUMNS,
    PRODUCTION_UNIT_COLUMNS,
    UNIT_PERFORMANCE_COLUMNS,
)
from ecer.models.factors import ELECTRICITY_FACTOR_COLUMNS
from ecer.models.projects import PROJECT_COLUMNS
from ecer.models.region import REGION_COLUMNS
from ecer.models.targets import ANNUAL_TARGET_COLUMNS, TARGET_COLUMNS

Kind = Literal["code", "period", "number", "percent", "year", "text", "enum", "date"]


@dataclass(frozen=True)
class ColumnSpec:
    """One template column.

    ``required``: the column must be present. ``cell_required``: when present, no cell may be empty.
    ``default``: value used when the whole column is absent (never per cell). ``unit_zh``/``unit_en``:
    display unit labels (parse with ``ecer.units.parse_unit``); ``canonical_unit``: unit in the output
    frame. ``choices``: for enums, accepted spellings → canonical value.
    """

    name: str
    zh: str
    kind: Kind
    meaning_zh: str
    meaning_en: str
    example: str
    required: bool = True
    cell_required: bool = True
    default: object = None
    unit_zh: str | None = None
    unit_en: str | None = None
    canonical_unit: str | None = None
    nonneg: bool = True
    aliases: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()  # bracketed notes in a header that are not units, e.g. 可比价
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def header(self) -> str:
        """The header the template writes."""
        if self.kind == "percent":
            return f"{self.zh}（%）/ {self.name} (%)"
        if self.unit_zh:
            quals = "".join(f"（{q}）" for q in self.qualifiers[:1])
            return f"{self.zh}{quals}（{self.unit_zh}）/ {self.name} ({self.unit_en})"
        return f"{self.zh} / {self.name}"

    @property
    def has_unit(self) -> bool:
        return self.kind == "percent" or self.unit_zh is not None


@dataclass(frozen=True)
class TemplateSpec:
    """A template: its columns in order, the key that must be unique, and the output column order."""

    name: str
    title_zh: str
    title_en: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    output_columns: tuple[str, ...]
    notes: tuple[str, ...] = ()  # extra lines for the 说明 sheet (e.g. the basis a value must be on)

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"template {self.name!r} has no column {name!r}")

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


_REGION_CODE = ColumnSpec(
    "region_code", "地区代码", "code", "行政区划代码（GB/T 2260，6 位数字；全国用 100000）",
    "administrative division code (GB/T 2260, 6 digits; 100000 for the nation)", "110000",
    aliases=("行政区划代码", "区划代码", "地区编码", "代码", "code", "region"),
)


def _energy(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, required: bool = False,
            unit_zh: str = "万吨标准煤", unit_en: str = "万tce", aliases: tuple[str, ...] = (),
            qualifiers: tuple[str, ...] = ()) -> ColumnSpec:
    return ColumnSpec(name, zh, "number", meaning_zh, meaning_en, example, required=required,
                      default=None if required else 0.0, unit_zh=unit_zh, unit_en=unit_en,
                      canonical_unit=ENERGY_UNITS[name], aliases=aliases, qualifiers=qualifiers)


_ENERGY = TemplateSpec(
    name="energy", title_zh="地区能源消费数据", title_en="regional energy data",
    columns=(
        _REGION_CODE,
        ColumnSpec("period", "期间", "period", "统计期：年 2021、半年 2021H1、季 2021Q3、月 2021-07、1—7月累计 2021-07YTD",
                   "period: year 2021, half 2021H1, quarter 2021Q3, month 2021-07, Jan–Jul 2021-07YTD", "2021",
                   aliases=("时期", "统计期", "报告期", "年份", "年度", "year")),
        _energy("total_energy", "能源消费总量", "全部能源消费量（当量值或等价值，按统计口径）",
                "total energy consumption", "12.3456", required=True, aliases=("综合能源消费量",)),
        _energy("feedstock_energy", "原料用能", "用作原料的能源消费量（不计入能耗双控，发改环资〔2022〕803号）",
                "energy used as feedstock (out of dual control, NDRC 2022 No. 803)", "1.2"),
        _energy("renewable_electricity", "可再生能源电力消费量", "可再生能源电力消费量（发改运行〔2021〕1258号等）",
                "renewable electricity consumed", "300", unit_zh="万千瓦时", unit_en="万kWh"),
        _energy("other_nonfossil_energy", "其他非化石能源消费量", "核电等其他非化石能源消费量（2024 年口径）",
                "nuclear and other non-fossil energy (2024 rule)", "0"),
        _energy("separately_listed_energy", "国家重大项目能耗单列量", "国家重大项目能耗单列量（发改环资〔2021〕1310号）",
                "energy of separately listed national projects", "0.5", aliases=("能耗单列量",)),
        _energy("separately_listed_value_added", "单列项目增加值", "单列项目的增加值（可比价）",
                "value added of the separately listed projects (constant prices)", "0", unit_zh="亿元",
                unit_en="10^8 CNY", qualifiers=("可比价", "不变价", "constant prices", "comparable prices")),
        _energy("gdp_constant", "地区生产总值", "按“可比价基年”价格计算的地区生产总值",
                "GDP at the constant prices of price_base_year", "1.5", required=True, unit_zh="亿元",
                unit_en="10^8 CNY", aliases=("GDP", "地区生产总值可比价"),
                qualifiers=("可比价", "不变价", "constant prices", "comparable prices")),
        ColumnSpec("price_base_year", "可比价基年", "year", "GDP 可比价的基年，全文件必须一致",
                   "base year of GDP constant prices; one for the whole file", "2020",
                   aliases=("价格基年", "基年", "base_year")),
        ColumnSpec("electricity_basis", "电力折标口径", "enum",
                   "能源消费总量中一次电力的折标方法：coal_equivalent 等价值（发电煤耗计算法，国家统计局口径，缺省）/ calorific 当量值；"
                   "扣除可再生能源电力时采用同一口径",
                   "how total energy carries primary electricity: coal_equivalent (等价值, 发电煤耗计算法, as NBS "
                   "statistics; the default) / calorific (当量值); renewable electricity is deducted on the same basis",
                   "coal_equivalent", required=False, cell_required=False, default="coal_equivalent",
                   aliases=("折标口径", "电力折算方法"),
                   choices={"coal_equivalent": "coal_equivalent", "等价值": "coal_equivalent",
                            "发电煤耗计算法": "coal_equivalent", "发电煤耗法": "coal_equivalent",
                            "calorific": "calorific", "当量值": "calorific", "电热当量计算法": "calorific"}),
        ColumnSpec("electricity_coal_rate", "发电煤耗", "number",
                   "该年等价值折标系数（发电煤耗，克标准煤/千瓦时），如省统计局公布；空则用系数文件或全国值",
                   "the year's coal rate for the coal-equivalent value (gce/kWh), e.g. as the provincial statistics "
                   "bureau publishes it; empty: the factor file's or the national value", "",
                   required=False, cell_required=False, default=None, unit_zh="克标准煤/千瓦时", unit_en="gce/kWh",
                   canonical_unit="gce/kWh", aliases=("等价值系数", "coal_rate")),
        ColumnSpec("data_origin", "数据性质", "enum", "official 官方 / synthetic 模拟 / partly synthetic 部分模拟 / user 用户",
                   "official / synthetic / partly synthetic / user", "user", required=False, default="user",
                   aliases=("数据来源类型",),
                   choices={"official": "official", "官方": "official", "synthetic": "synthetic",
                            "模拟": "synthetic", "partly synthetic": "partly synthetic",
                            "部分模拟": "partly synthetic", "user": "user", "用户": "user"}),
    ),
    key=("region_code", "period"),
    output_columns=tuple(ENERGY_COLUMNS),
)

_REGIONS = TemplateSpec(
    name="regions", title_zh="地区表", title_en="regions",
    columns=(
        _REGION_CODE,
        ColumnSpec("name_zh", "地区名称", "text", "中文名称", "name in Chinese", "北京市",
                   aliases=("名称", "中文名称", "name")),
        ColumnSpec("name_en", "英文名称", "text", "英文名称（可空）", "name in English (may be empty)", "Beijing",
                   required=False, cell_required=False, default=""),
        ColumnSpec("level", "级别", "enum", "national 全国 / province 省 / city 市 / county 县",
                   "national / province / city / county", "province", aliases=("层级", "行政级别"),
                   choices={"national": "national", "全国": "national", "国家": "national",
                            "province": "province", "省": "province", "省级": "province",
                            "city": "city", "市": "city", "地级": "city", "地市": "city", "市级": "city",
                            "county": "county", "县": "county", "县级": "county", "区县": "county"}),
        ColumnSpec("parent_code", "上级地区代码", "code", "上级地区的代码（省级可空）",
                   "parent region's code (empty for provinces)", "", required=False, cell_required=False,
                   aliases=("上级代码", "parent")),
    ),
    key=("region_code",),
    output_columns=tuple(REGION_COLUMNS),
)


def _pct(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, required: bool = False,
         nonneg: bool = True) -> ColumnSpec:
    return ColumnSpec(name, zh, "percent", meaning_zh, meaning_en, example, required=required,
                      cell_required=required, canonical_unit="1", nonneg=nonneg)


_TARGETS = TemplateSpec(
    name="targets", title_zh="能耗双控目标", title_en="dual-control targets",
    columns=(
        _REGION_CODE,
        ColumnSpec("plan", "规划期", "enum", "五年规划：14th 十四五 / 13th 十三五 / 15th 十五五",
                   "five-year plan: 14th / 13th / 15th", "14th",
                   choices={"14th": "14th", "十四五": "14th", "13th": "13th", "十三五": "13th",
                            "15th": "15th", "十五五": "15th"}),
        ColumnSpec("base_year", "基期年", "year", "规划基期年", "plan base year", "2020"),
        ColumnSpec("target_year", "目标年", "year", "规划目标年", "plan target year", "2025"),
        _pct("intensity_reduction_basic", "能耗强度降低基本目标", "五年累计降低百分数（13.5 表示 13.5%）",
             "five-year reduction in percent (13.5 means 13.5 %)", "13.5", required=True),
        _pct("intensity_reduction_incentive", "能耗强度降低激励目标", "激励目标（可空）",
             "incentive target (may be empty)", "14.5"),
        _pct("gdp_growth_plan", "地区生产总值年均增速预期", "规划年均增速（可空，可为负）",
             "planned yearly GDP growth (may be empty or negative)", "6", nonneg=False),
        ColumnSpec("total_increment_cap", "能源消费总量增量上限", "number", "五年能源消费增量上限（可空）",
                   "five-year cap on the increment of total energy (may be empty)", "1500",
                   required=False, cell_required=False, unit_zh="万吨标准煤", unit_en="万tce",
                   canonical_unit="tce"),
        ColumnSpec("source", "来源", "text", "目标出处：文件号和条款", "where the target comes from: document and clause",
                   "国发〔2021〕33号 附件1"),
    ),
    key=("region_code", "plan"),
    output_columns=tuple(TARGET_COLUMNS),
)

_ANNUAL_TARGETS = TemplateSpec(
    name="annual_targets", title_zh="年度能耗强度目标", title_en="annual intensity targets",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "目标年份", "year of the target", "2021"),
        _pct("intensity_reduction", "能耗强度降低年度目标", "当年比上年降低百分数（3 表示 3%；可为负表示允许上升）",
             "reduction on the previous year in percent (3 means 3 %; negative allows a rise)", "3",
             required=True, nonneg=False),
        ColumnSpec("source", "来源", "text", "目标出处：文件号和条款（各省报国家发展改革委备案的年度目标）",
                   "where the target comes from (the annual target a province filed with NDRC)",
                   "发改环资〔2021〕1310号 第(四)条"),
    ),
    key=("region_code", "year"),
    output_columns=tuple(ANNUAL_TARGET_COLUMNS),
)

_ELECTRICITY_FACTORS = TemplateSpec(
    name="electricity_factors", title_zh="电力等价值折标系数（发电煤耗）", title_en="electricity coal-equivalent factors",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "系数所属年份", "year of the factor", "2023"),
        ColumnSpec("coal_rate", "发电煤耗", "number", "等价值折标系数：发电煤耗（克标准煤/千瓦时）",
                   "coal rate for the coal-equivalent value (gce/kWh)", "303.5", unit_zh="克标准煤/千瓦时",
                   unit_en="gce/kWh", canonical_unit="gce/kWh", aliases=("等价值系数", "煤耗")),
        ColumnSpec("rate", "煤耗口径", "enum", "generation 发电煤耗（国家统计局发电煤耗计算法所用）/ supply 供电煤耗",
                   "generation (发电, what NBS's 发电煤耗计算法 uses) / supply (供电)", "generation", required=False,
                   default="generation",
                   choices={"generation": "generation", "发电": "generation", "发电煤耗": "generation",
                            "supply": "supply", "供电": "supply", "供电煤耗": "supply"}),
        ColumnSpec("source", "来源", "text", "出处：发布机构、文件或统计年鉴及页码", "where the value comes from",
                   "某省统计年鉴 2024 表 7-2"),
    ),
    key=("region_code", "year"),
    output_columns=tuple(ELECTRICITY_FACTOR_COLUMNS),
)

# --- enterprises, production units and their performance (issue 7 §1) -----------------------------------------
_YES_NO = {"yes": "yes", "是": "yes", "y": "yes", "true": "yes", "1": "yes", "√": "yes",
           "no": "no", "否": "no", "n": "no", "false": "no", "0": "no"}

_CREDIT_CODE = ColumnSpec(
    "credit_code", "统一社会信用代码", "text", "18 位统一社会信用代码（GB 32100-2015，按校验码检查；字母大写）",
    "18-character unified social credit code (GB 32100-2015, check character verified; capital letters)",
    "914403001922038216", aliases=("信用代码", "社会信用代码", "企业信用代码", "credit code", "uscc"),
)

_ENTERPRISES = TemplateSpec(
    name="enterprises", title_zh="企业名录", title_en="enterprises",
    columns=(
        _CREDIT_CODE,
        ColumnSpec("name", "企业名称", "text", "企业全称（与营业执照一致）", "the enterprise's full registered name",
                   "某某水泥有限公司", aliases=("单位名称", "名称", "enterprise")),
        _REGION_CODE,
        ColumnSpec("industry_code", "行业代码", "text",
                   "国民经济行业分类代码（GB/T 4754-2017），大类 2 位、中类 3 位或小类 4 位数字，不带门类字母，如 3011",
                   "GB/T 4754-2017 industry code: division (2 digits), group (3) or class (4), without the section "
                   "letter, e.g. 3011", "3011", aliases=("国民经济行业代码", "行业分类代码", "industry")),
        ColumnSpec("key_energy_user", "重点用能单位", "enum",
                   "是否重点用能单位（年综合能源消费量 1 万吨标准煤及以上等，《节约能源法》第五十二条）：是 / 否",
                   "key energy-using unit (重点用能单位, Energy Conservation Law art. 52): yes / no", "是",
                   aliases=("是否重点用能单位", "key energy user"), choices=_YES_NO),
    ),
    key=("credit_code",),
    output_columns=tuple(ENTERPRISE_COLUMNS),
)

_UNITS = TemplateSpec(
    name="production_units", title_zh="生产装置（生产线）", title_en="production units",
    columns=(
        ColumnSpec("unit_id", "装置编号", "text", "装置或生产线的唯一编号（自行编定，全库唯一）",
                   "the unit's id (your own, unique in the store)", "HN-CEM-001-L1",
                   aliases=("生产线编号", "装置代码", "unit id", "unit")),
        ColumnSpec("credit_code", "企业统一社会信用代码", "text",
                   "所属企业的统一社会信用代码；企业须已导入（ecer load enterprises）或在同一次导入中",
                   "credit code of the unit's enterprise: already loaded (`ecer load enterprises`) or in the same load",
                   "914403001922038216", aliases=("统一社会信用代码", "信用代码", "enterprise")),
        ColumnSpec("unit_name", "装置名称", "text", "装置或生产线名称（可空）", "the unit's name (may be empty)",
                   "2 号熟料线", required=False, cell_required=False, default=""),
        ColumnSpec("field", "重点领域", "text", "能效标杆水平和基准水平的重点领域，按参考目录 benchmark_fields 填写，如 水泥熟料",
                   "the benchmark field as the catalog names it (table benchmark_fields), e.g. 水泥熟料", "水泥熟料",
                   aliases=("领域", "行业领域", "benchmark field")),
        ColumnSpec("sub_category", "细分类别", "text",
                   "该领域标杆/基准水平表中的产品或工艺类别（benchmark_levels 的 sub_category），无细分填 通用",
                   "the product or process as in the levels table (benchmark_levels sub_category); 通用 when none",
                   "通用", aliases=("类别", "工艺类别", "产品类别", "sub category")),
        ColumnSpec("capacity", "产能", "number", "设计产能（数值；单位写在“产能单位”列）",
                   "design capacity (the number; its unit in capacity_unit)", "150", aliases=("设计产能",)),
        ColumnSpec("capacity_unit", "产能单位", "text", "产能的单位，如 万t/a、t/d、万m2/a（可被单位库解析）",
                   "the capacity's unit, e.g. 万t/a, t/d, 万m2/a (must parse as a unit)", "万t/a"),
        ColumnSpec("start_year", "投产年份", "year", "投产年份", "year the unit started production", "2012",
                   aliases=("投产年", "start year")),
        ColumnSpec("upgradable", "可改造", "enum",
                   "能否在期限内改造达到基准水平以上：是（缺省，空格也视为是）/ 否（列入淘汰退出清单）",
                   "can it be retrofitted above baseline by the deadline: yes (the default, also for an empty cell) / no (exit list)", "是",
                   required=False, cell_required=False, default="yes", aliases=("是否可改造", "能否改造"),
                   choices=_YES_NO),
    ),
    key=("unit_id",),
    output_columns=tuple(PRODUCTION_UNIT_COLUMNS),
)

_CARRIER_LABELS: dict[str, tuple[str, str, str, str, str]] = {
    # column: (zh, unit_zh, unit_en, meaning_zh, meaning_en)
    "raw_coal": ("原煤", "吨", "t", "原煤消费量（实物量）", "raw coal used (physical quantity)"),
    "washed_coal": ("洗精煤", "吨", "t", "洗精煤消费量", "washed coal used"),
    "coke": ("焦炭", "吨", "t", "焦炭消费量", "coke used"),
    "fuel_oil": ("燃料油", "吨", "t", "燃料油消费量", "fuel oil used"),
    "diesel": ("柴油", "吨", "t", "柴油消费量", "diesel used"),
    "natural_gas": ("天然气", "万立方米", "万m3", "气田天然气消费量（油田天然气或其他燃气请折标后填入“其他能源”）",
                    "gas-field natural gas used (oil-field gas or other gases: convert and use other_energy)"),
    "electricity": ("电力", "兆瓦时", "MWh", "电力消费量，按当量值 0.1229 千克标准煤/千瓦时折标（GB/T 2589）",
                    "electricity used, at its calorific value 0.1229 kgce/kWh (GB/T 2589)"),
    "heat": ("热力", "吉焦", "GJ", "热力（蒸汽、热水）消费量", "heat (steam, hot water) used"),
}


def _carrier(name: str) -> ColumnSpec:
    zh, unit_zh, unit_en, mzh, men = _CARRIER_LABELS[name]
    return ColumnSpec(name, zh, "number", mzh, men, "", required=False, cell_required=False, default=None,
                      unit_zh=unit_zh, unit_en=unit_en, canonical_unit=CARRIERS[name][1],
                      qualifiers=("气田", "气田天然气", "gas field") if name == "natural_gas" else ())


_PERFORMANCE_COLUMNS = (
    ColumnSpec("unit_id", "装置编号", "text", "生产装置编号（须已在生产装置表中）", "the production unit's id (in the "
               "production units table)", "HN-CEM-001-L1", aliases=("生产线编号", "装置代码", "unit id", "unit")),
    ColumnSpec("period", "期间", "period", "统计期：年 2023 或月 2023-07", "period: a year 2023 or a month 2023-07",
               "2023", aliases=("时期", "统计期", "报告期", "年份", "year")),
    ColumnSpec("output", "产量", "number", "该期产量，按指标分母的单位（如熟料 t、陶瓷砖 m2、平板玻璃 重量箱）",
               "output of the period, in the unit of the indicator's denominator (t of clinker, m2 of tiles, 重量箱 of "
               "flat glass)", "7000", aliases=("产品产量",)),
    ColumnSpec("output_unit", "产量单位", "text", "产量的单位；空则为指标分母的单位", "the output's unit; empty: the "
               "indicator's denominator", "t", required=False, cell_required=False, default=""),
    ColumnSpec("unit_energy", "单位产品能耗", "number",
               "按该领域指标口径的单位产品能耗（见说明页各领域的指标和口径，如水泥熟料为可比熟料综合能耗）；"
               "空则由各能源品种消费量按 GB/T 2589 计算",
               "unit-product energy on the field's indicator basis (see the notes: cement clinker is 可比熟料综合能耗, "
               "comparable-clinker basis); empty: computed from the carriers by GB/T 2589",
               "110.8", required=False, cell_required=False, nonneg=False, aliases=("能效值", "单位产品综合能耗")),
    ColumnSpec("unit_energy_unit", "能耗单位", "text", "单位产品能耗的单位；空则为该领域指标的单位（如 kgce/t）",
               "unit of unit_energy; empty: the indicator's unit (e.g. kgce/t)", "kgce/t", required=False,
               cell_required=False, default=""),
    *(_carrier(c) for c in CARRIERS),
    ColumnSpec("other_energy", "其他能源", "number",
               "其他能源消费量（已折标准煤），余热余能回收外供为负", "other energy already in standard coal; recovered "
               "energy supplied outside is negative", "", required=False, cell_required=False, default=None,
               unit_zh="吨标准煤", unit_en="tce", canonical_unit="tce", nonneg=False),
)

_PERFORMANCE_NOTES = (
    ("每行一个装置一个期间（年 2023 或月 2023-07）。单位产品能耗二选一：直接填“单位产品能耗”（按该领域指标的口径和单位），"
    "或留空并填写各能源品种的消费量，程序按 GB/T 2589 折标准煤后除以产量计算（电力按当量值）。"),
    ("One row per unit and period (a year 2023 or a month 2023-07). Either fill unit_energy (on the field's "
    "indicator basis and unit), or leave it empty and fill the carriers used: ECER converts them to standard coal "
    "by GB/T 2589 (electricity at its calorific value) and divides by the output."),
    ("口径：数值必须按参考目录 benchmark_levels 中该领域指标的名称和口径填报（如水泥熟料：可比熟料综合能耗；炼油：单位能量因数"
    "综合能耗；合成氨、电石：单位产品综合能耗）。数值远离 [0.5 × 标杆, 2 × 基准] 时给出警告（可能是口径或 万吨/吨 之类的单位错误）。"),
    ("Basis: the value must be on the basis the levels table names for the field (cement clinker: 可比熟料综合能耗, "
    "comparable clinker; refining: per energy factor; ammonia, calcium carbide: per unit of product). A value far "
    "outside [0.5 × benchmark, 2 × baseline] is warned about (another basis, or a 万/1000-style unit slip)."),
    ("各领域的指标、单位和口径：ecer catalog show benchmark_levels。 Fields, indicators and units: "
    "`ecer catalog show benchmark_levels`."),
)

_PERFORMANCE = TemplateSpec(
    name="unit_performance", title_zh="装置能效数据", title_en="unit performance",
    columns=_PERFORMANCE_COLUMNS,
    key=("unit_id", "period"),
    output_columns=tuple(c for c in UNIT_PERFORMANCE_COLUMNS if c not in ("comprehensive_energy", "energy_source")),
    notes=_PERFORMANCE_NOTES,
)

UNIT_TEMPLATES = (_ENTERPRISES, _UNITS, _PERFORMANCE)


# --- two-high (两高) project inventory (issue 7 §5) ------------------------------------------------------------------
def _text(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, required: bool = False,
          aliases: tuple[str, ...] = ()) -> ColumnSpec:
    return ColumnSpec(name, zh, "text", meaning_zh, meaning_en, example, required=required, cell_required=required,
                      default="" if not required else None, aliases=aliases)


def _date(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str,
          aliases: tuple[str, ...] = ()) -> ColumnSpec:
    return ColumnSpec(name, zh, "date", meaning_zh + "（YYYY-MM-DD，可空）", meaning_en + " (YYYY-MM-DD; may be empty)",
                      example, required=False, cell_required=False, aliases=aliases)


def _num(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, unit_zh: str | None = None,
         unit_en: str | None = None, canonical: str | None = None, required: bool = False,
         nonneg: bool = True) -> ColumnSpec:
    return ColumnSpec(name, zh, "number", meaning_zh, meaning_en, example, required=required, cell_required=required,
                      unit_zh=unit_zh, unit_en=unit_en, canonical_unit=canonical, nonneg=nonneg)


_PROJECTS = TemplateSpec(
    name="projects", title_zh="“两高”项目清单", title_en="two-high project inventory",
    columns=(
        _text("project_id", "项目编号", "项目唯一编号（本清单内不重复）", "unique project id", "P-2024-001", required=True,
              aliases=("项目代码", "编号")),
        _text("name", "项目名称", "项目名称", "project name", "某钢铁公司 200 万吨短流程炼钢项目", required=True),
        _text("credit_code", "统一社会信用代码", "建设单位的统一社会信用代码（GB 32100-2015，18 位，校验位必须正确）",
              "the owner's unified social credit code (GB 32100-2015, 18 characters, check character verified)",
              "914403001922038216", required=True, aliases=("信用代码", "企业信用代码")),
        ColumnSpec("region_code", "所在地区代码", "code", "项目所在地的行政区划代码（GB/T 2260，6 位）",
                   "GB/T 2260 code of the project's region (6 digits)", "130200",
                   aliases=("地区代码", "行政区划代码", "region")),
        _text("industry_code", "行业代码", "国民经济行业分类代码（GB/T 4754-2017，2–4 位数字）",
              "industry code (GB/T 4754-2017, 2–4 digits)", "3110", required=True, aliases=("国民经济行业代码",)),
        ColumnSpec("sector", "“两高”行业", "enum", "煤电 / 石化 / 化工 / 钢铁 / 有色金属冶炼 / 建材（环环评〔2021〕45号）",
                   "one of the six sectors (coal power, petrochemicals, chemicals, steel, non-ferrous smelting, "
                   "building materials; 环环评〔2021〕45号)", "钢铁", aliases=("行业类别", "两高行业"),
                   choices={"煤电": "coal_power", "coal_power": "coal_power", "石化": "petrochemical",
                            "petrochemical": "petrochemical", "化工": "chemical", "chemical": "chemical",
                            "钢铁": "steel", "steel": "steel", "有色金属冶炼": "nonferrous_smelting", "有色": "nonferrous_smelting",
                            "nonferrous_smelting": "nonferrous_smelting", "建材": "building_materials",
                            "building_materials": "building_materials"}),
        ColumnSpec("status", "项目状态", "enum", "拟建 / 在建 / 建成（国发〔2021〕33号 四(三)）",
                   "planned (拟建) / under construction (在建) / built (建成)", "拟建", aliases=("状态",),
                   choices={"拟建": "planned", "planned": "planned", "在建": "under_construction",
                            "under_construction": "under_construction", "建成": "built", "已建成": "built",
                            "built": "built", "存量": "built"}),
        _num("capacity", "产能", "设计产能（数值，单位见下一列）", "design capacity (number; unit in the next column)", "200",
             required=True),
        _text("capacity_unit", "产能单位", "产能的单位，如 万吨/年、万千瓦", "unit of the capacity, e.g. 万吨/年, 万千瓦",
              "万吨/年", required=True),
        _text("benchmark_field", "能效标杆领域", "能效标杆水平和基准水平表中的领域（如 水泥熟料、炼油、电解铝；无对应领域可空）",
              "field of the benchmark table (e.g. 水泥熟料, 炼油, 电解铝; empty when none applies)", "水泥熟料"),
        _text("benchmark_sub_category", "能效标杆子类", "领域下的产品或工艺子类（表中为“通用”或仅一行时可空）",
              "product or process within the field (empty when the field has one row)", ""),
        _num("design_unit_energy", "设计单位产品能耗", "设计单位产品能耗，按该领域指标的口径和单位（可为负，如转炉工序）",
             "design unit-product energy on the field's indicator basis and unit (may be negative, e.g. converter)",
             "98", nonneg=False),
        _text("design_unit_energy_unit", "设计能耗单位", "设计单位产品能耗的单位，须与标杆表一致，如 kgce/t",
              "unit of the design value; must be the benchmark table's, e.g. kgce/t", "kgce/t"),
        _num("annual_energy", "年综合能源消费量", "项目达产后年综合能源消费量（当量值，按节能审查口径）",
             "annual comprehensive energy at full output (as in the energy review)", "52000",
             unit_zh="吨标准煤", unit_en="tce", canonical="tce", required=True),
        _text("energy_review_no", "节能审查意见文号", "节能审查批复文号（未审查为空）", "energy-review approval number (empty if none)",
              "冀发改能审〔2022〕12号"),
        _date("energy_review_date", "节能审查日期", "节能审查批复日期", "date of the energy-review approval", "2022-03-15"),
        _text("eia_no", "环评批复文号", "环境影响评价批复文号（未批复为空）", "EIA approval number (empty if none)",
              "冀环审〔2022〕30号"),
        _date("eia_date", "环评批复日期", "环评批复日期", "date of the EIA approval", "2022-04-20"),
        _date("construction_start", "开工日期", "实际开工日期（拟建为空）", "construction start (empty for planned)",
              "2022-06-01"),
        _date("operation_start", "投产日期", "投产日期（建成项目；拟建、在建为预计投产日期）",
              "start of operation (built; expected date otherwise)", "2024-01-01"),
        _text("capacity_replacement_plan", "产能置换方案", "产能置换方案文号或说明（无为空）",
              "capacity-replacement plan: its number or description (empty if none)", "冀工信原〔2022〕5号"),
        _num("capacity_replacement_amount", "置换退出产能", "置换方案退出的产能（与产能同单位）",
             "capacity retired by the replacement plan (unit of the capacity)", "250"),
        ColumnSpec("energy_replacement_kind", "能耗替代方式", "enum", "等量替代 / 减量替代 / 无（发改环资〔2021〕1310号 (十二)）",
                   "equal (等量) / reduction (减量) / none", "等量替代", required=False, cell_required=False,
                   default="none",
                   choices={"等量替代": "equal", "等量": "equal", "equal": "equal", "减量替代": "reduction",
                            "减量": "reduction", "reduction": "reduction", "无": "none", "none": "none"}),
        _num("energy_replacement_tce", "替代能耗量", "能耗替代方案腾出的年能耗量", "annual energy freed by the replacement plan",
             "52000", unit_zh="吨标准煤", unit_en="tce", canonical="tce"),
        _text("energy_replacement_source", "替代来源", "腾出能耗的来源（关停、改造的企业或项目）",
              "where the freed energy comes from (plants closed or retrofitted)", "某水泥厂 2 号线关停"),
        ColumnSpec("national_major", "国家规划布局项目", "enum", "是 / 否：是否为国家规划布局内的重大项目（红色预警暂停节能审查的例外）",
                   "yes / no: a major project in the national plan (the exception to the red-grade suspension)", "否",
                   required=False, cell_required=False, default="no",
                   choices={"是": "yes", "yes": "yes", "否": "no", "no": "no"}),
        _text("notes", "备注", "备注", "notes", ""),
    ),
    key=("project_id",),
    output_columns=tuple(PROJECT_COLUMNS),
)

# --- carbon dual control: energy by carrier for CO2 accounting (issue 8 §3) -----------------------------------------
_CARBON_ENERGY = TemplateSpec(
    name="carbon_energy", title_zh="分品种能源消费（碳排放核算）", title_en="energy by carrier (CO2 accounting)",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "统计年份", "data year", "2023", aliases=("年度", "统计年份")),
        _text("carrier", "能源品种", "燃料品种名（如 烟煤、柴油、天然气，见 ecer catalog show carbon_fuel_factors）；电力 = 净调入（净购入）电量；"
              "热力 = 净购入热力；非化石能源：水电、风电、太阳能发电、核电、生物质能、地热能、一次电力",
              "fuel name (e.g. 烟煤, 柴油, 天然气; `ecer catalog show carbon_fuel_factors`); 电力 = net imported "
              "(purchased) electricity; 热力 = purchased heat; non-fossil: 水电, 风电, 太阳能发电, 核电, 生物质能, 地热能, 一次电力",
              "烟煤", required=True, aliases=("品种", "燃料品种")),
        ColumnSpec("use", "用途", "enum", "fuel 燃料、动力用能（缺省）/ feedstock 原料用能（不计燃烧排放，发改环资〔2022〕803号）",
                   "fuel (fuel and power; the default when the column is absent) / feedstock (non-energy use: no "
                   "combustion CO2); when the column is there, every cell is filled", "fuel",
                   required=False, cell_required=True, default="fuel",
                   choices={"fuel": "fuel", "燃料": "fuel", "燃料动力": "fuel", "燃料、动力用能": "fuel", "能源": "fuel",
                            "feedstock": "feedstock", "原料": "feedstock", "原料用能": "feedstock"}),
        _num("quantity", "消费量", "实物消费量（单位见下一列）；电力、热力为净调入量，可为负（净调出）",
             "quantity used (unit in the next column); for 电力 and 热力 the net import, which may be negative",
             "10000", required=True, nonneg=False),
        _text("unit", "计量单位", "消费量的单位，如 t、万吨、万立方米、亿立方米、MWh、万千瓦时、GJ",
              "unit of the quantity, e.g. t, 万吨, 万立方米, 亿立方米, MWh, 万千瓦时, GJ", "t", required=True, aliases=("单位",)),
        _num("ncv", "低位发热量", "实测低位发热量，吉焦/吨或吉焦/万立方米（按因子表的计量单位；空则用缺省值；天然气等只给区间的燃料必须填写）",
             "measured NCV, GJ per t or per 10⁴ m³ (the factor table's unit; empty: the default; required for fuels the "
             "table gives as a range, e.g. 天然气)", ""),
        _num("carbon_content", "单位热值含碳量", "实测单位热值含碳量，吨碳/吉焦（tC/GJ；空则用缺省值）",
             "measured carbon content per unit heat, tC/GJ (empty: the default)", ""),
        ColumnSpec("oxidation", "碳氧化率", "percent", "实测碳氧化率（%；空则用缺省值）", "measured oxidation rate (%; empty: "
                   "the default)", "", required=False, cell_required=False, default=None, canonical_unit="1"),
        _num("emission_factor", "排放因子", "电力：电网排放因子 tCO2/MWh；热力：tCO2/GJ（空则用 MEE/NBS 因子或 0.11）",
             "electricity: grid factor tCO2/MWh; heat: tCO2/GJ (empty: the MEE/NBS factor, or 0.11)", ""),
        _text("grid_region", "区域电网", "区域电网（华北、东北、华东、华中、西北、南方、西南；按区域因子核算时填写）",
              "grid region (华北 …; for regional grid factors)", ""),
        ColumnSpec("data_origin", "数据性质", "enum", "official 官方 / synthetic 模拟 / partly synthetic 部分模拟 / user 用户",
                   "official / synthetic / partly synthetic / user", "user", required=False, default="user",
                   aliases=("数据来源类型",),
                   choices={"official": "official", "官方": "official", "synthetic": "synthetic",
                            "模拟": "synthetic", "partly synthetic": "partly synthetic",
                            "部分模拟": "partly synthetic", "user": "user", "用户": "user"}),
    ),
    key=("region_code", "year", "carrier", "use"),
    output_columns=tuple(CARBON_ENERGY_COLUMNS),
    notes=(("每个地区、年份、能源品种和用途一行；CO2 = 消费量 × 低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12（缺省参数：鲁环发〔2022〕4号 "
            "表2-3）；电力 × 电网排放因子（缺省取核算年份前 2 年的全国平均因子），热力 × 0.11 tCO2/GJ；非化石能源和原料用能不计燃烧排放。"),
           ("One row per region, year, carrier and use; CO2 = quantity × NCV × carbon content × oxidation × 44/12 "
            "(defaults: 鲁环发〔2022〕4号 表2-3); electricity × grid factor (by default the national average of two "
            "years before); heat × 0.11 tCO2/GJ; non-fossil energy and feedstock carry no combustion CO2.")),
)

TEMPLATES: dict[str, TemplateSpec] = {t.name: t for t in (_ENERGY, _REGIONS, _TARGETS, _ANNUAL_TARGETS,
                                                          _ELECTRICITY_FACTORS, *UNIT_TEMPLATES, _PROJECTS,
                                                          _CARBON_ENERGY)}


# --- pollutant total-emission control (issue 8 §1; wt-pol-data) ------------------------------------------------------
from ecer.models.pollutants import (
    METHODS as _POLLUTANT_METHODS,
)
from ecer.models.pollutants import (
    POLLUTANT_ALIASES,
    POLLUTANT_EMISSION_COLUMNS,
    POLLUTANT_INCREMENT_COLUMNS,
    POLLUTANT_MEASURE_COLUMNS,
    POLLUTANT_TARGET_COLUMNS,
)

_POLLUTANT = ColumnSpec(
    "pollutant", "污染物", "enum", "COD 化学需氧量 / NH3-N 氨氮 / NOx 氮氧化物 / VOCs 挥发性有机物",
    "COD / NH3-N / NOx / VOCs (Chinese names accepted)", "COD", aliases=("污染物名称", "污染物种类", "因子"),
    choices=POLLUTANT_ALIASES,
)
_P_YEAR = ColumnSpec("year", "年份", "year", "核算年份", "accounting year", "2021",
                     aliases=("年度", "核算年份", "核算年度"))
_P_ORIGIN = ColumnSpec(
    "data_origin", "数据性质", "enum", "official 官方 / synthetic 模拟 / user 用户（缺省）",
    "official / synthetic / user (the default)", "user", required=False, cell_required=False, default="user",
    aliases=("数据来源类型",),
    choices={"official": "official", "官方": "official", "synthetic": "synthetic", "模拟": "synthetic",
             "合成": "synthetic", "user": "user", "用户": "user"},
)
_P_SOURCE = _text("source", "来源", "数据出处：统计年报、核算报告、文件号等（可空）",
                  "where the value comes from: statistics, accounting report, document (may be empty)",
                  "某省生态环境统计年报 2020")
_P_NOTES = _text("notes", "备注", "备注（可空）", "notes (may be empty)", "")


def _tonnes(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, required: bool = False,
            nonneg: bool = True, aliases: tuple[str, ...] = ()) -> ColumnSpec:
    """A mass column headed in 吨 (t); a header in 万吨 is converted (× 10⁴), like energy's 万tce."""
    return ColumnSpec(name, zh, "number", meaning_zh + "（表头写 万吨 时按万吨换算）",
                      meaning_en + " (a header in 万吨 is converted)", example, required=required,
                      cell_required=required, unit_zh="吨", unit_en="t", canonical_unit="t", nonneg=nonneg,
                      aliases=aliases)


def _input(name: str, zh: str, meaning_zh: str, meaning_en: str, example: str, *, unit_zh: str | None = None,
           unit_en: str | None = None, canonical: str | None = None, kind: Kind = "number") -> ColumnSpec:
    """An input of a measure's method: the column may be absent and its cells empty (the method decides which it
    needs: a missing one is an error at its row)."""
    return ColumnSpec(name, zh, kind, meaning_zh, meaning_en, example, required=False, cell_required=False,
                      unit_zh=unit_zh, unit_en=unit_en, canonical_unit=canonical)


_POLLUTANT_EMISSIONS = TemplateSpec(
    name="pollutant_emissions", title_zh="地区主要污染物排放量", title_en="regional pollutant emissions",
    columns=(
        _REGION_CODE, _POLLUTANT, _P_YEAR,
        _tonnes("emissions", "排放量", "该年排放总量（基年或统计年份）", "the year's total emissions (base or reported year)",
                "50000", required=True, aliases=("排放总量",)),
        _P_SOURCE, _P_NOTES, _P_ORIGIN,
    ),
    key=("region_code", "pollutant", "year"),
    output_columns=tuple(POLLUTANT_EMISSION_COLUMNS),
    notes=(
        ("每行一个地区、一种污染物、一年。基年排放量是核算的起点（遵循基数）：减排措施和新增量须有其地区和污染物的基年排放量。"
         "数值按吨填报；表头写“排放量（万吨）”时按万吨换算。一个省的排放量超过全国总量、或逐年相差 10 倍以上，视为单位错误（万吨/吨）。"),
        ("One row per region, pollutant and year. The base-year emissions are where the accounting starts: measures "
         "and new emissions need their region's and pollutant's base. Values in tonnes; a header '排放量（万吨）' is "
         "read in 万吨. A province above the national total, or a 10× jump from one year to the next, is taken for a "
         "万吨/吨 slip.")),
)

_METHOD_CHOICES = {k: k for k in _POLLUTANT_METHODS} | {zh: k for k, (zh, _en) in _POLLUTANT_METHODS.items()} | {
    "污水处理": "sewage_plant", "效率提升": "efficiency_raise", "关停": "closure", "淘汰": "closure",
    "结构减排": "closure", "填报": "reported"}

_POLLUTANT_MEASURES = TemplateSpec(
    name="pollutant_measures", title_zh="污染物减排措施", title_en="pollutant reduction measures",
    columns=(
        _REGION_CODE, _POLLUTANT, _P_YEAR,
        _text("measure_id", "措施编号", "减排措施（项目）编号，同一地区、污染物、年份内唯一", "the measure's id (unique per "
              "region, pollutant and year)", "WWTP-1", required=True, aliases=("项目编号", "措施代码", "measure")),
        ColumnSpec("method", "核算方法", "enum",
                   "sewage_plant 污水处理厂 / efficiency_raise 治理设施效率提升 / closure 关停淘汰 / management 管理减排 / "
                   "reported 直接填报（填减排类型和削减量）",
                   "sewage_plant / efficiency_raise / closure / management / reported (give kind and reduction_t)",
                   "sewage_plant", aliases=("方法", "核算方式"), choices=_METHOD_CHOICES),
        ColumnSpec("kind", "减排类型", "enum", "仅“直接填报”需要：engineering 工程减排 / structural 结构减排 / management 管理减排",
                   "only for 'reported': engineering / structural / management", "", required=False,
                   cell_required=False,
                   choices={"engineering": "engineering", "工程减排": "engineering", "工程": "engineering",
                            "structural": "structural", "结构减排": "structural", "结构": "structural",
                            "management": "management", "管理减排": "management", "管理": "management"}),
        _input("volume_m3", "处理水量", "污水处理厂：当年处理水量", "sewage plant: volume treated in the year", "7300000",
               unit_zh="立方米", unit_en="m3", canonical="m3"),
        _input("c_in_mg_l", "进水浓度", "污水处理厂：年均进水浓度", "sewage plant: mean influent concentration", "280",
               unit_zh="mg/L", unit_en="mg/L", canonical="mg/L"),
        _input("c_out_mg_l", "出水浓度", "污水处理厂：年均出水浓度", "sewage plant: mean effluent concentration", "40",
               unit_zh="mg/L", unit_en="mg/L", canonical="mg/L"),
        _input("removed_prev_t", "上年去除量", "污水处理厂：上年去除量（新建厂填 0）", "sewage plant: removed the year "
               "before (0 for a new plant)", "1259.25", unit_zh="吨", unit_en="t", canonical="t"),
        _input("generated_t", "产生量", "效率提升：当年污染物产生量", "efficiency raise: pollutant generated in the year",
               "2000", unit_zh="吨", unit_en="t", canonical="t"),
        _input("eta", "去除效率", "效率提升：当年综合去除效率（80 表示 80%）", "efficiency raise: removal efficiency this "
               "year (80 means 80 %)", "80", unit_zh="%", unit_en="%", canonical="1"),
        _input("eta_prev", "上年去除效率", "效率提升：上年综合去除效率", "efficiency raise: removal efficiency the year "
               "before", "60", unit_zh="%", unit_en="%", canonical="1"),
        _input("run", "投运率", "效率提升：当年投运率（空为 100%）", "efficiency raise: share of the year run (empty: 100 %)",
               "95", unit_zh="%", unit_en="%", canonical="1"),
        _input("run_prev", "上年投运率", "效率提升：上年投运率（空为 100%）", "efficiency raise: run rate the year before "
               "(empty: 100 %)", "90", unit_zh="%", unit_en="%", canonical="1"),
        _input("prev_emissions_t", "关停前上年排放量", "关停淘汰：企业上年排放量（环境统计库）", "closure: the plant's "
               "previous-year emissions (environmental statistics)", "350.5", unit_zh="吨", unit_en="t", canonical="t"),
        _input("current_emissions_t", "当年剩余排放量", "关停淘汰：当年仍有的排放量（全部关停为空或 0）", "closure: "
               "emissions still in the year (empty or 0 when wholly closed)", "", unit_zh="吨", unit_en="t",
               canonical="t"),
        _input("annual_reduction_t", "全年减排量", "管理减排：稳定运行一整年的减排量", "management: reduction over a full "
               "year of stable operation", "60", unit_zh="吨", unit_en="t", canonical="t"),
        _input("stable_year", "稳定运行年份", "管理减排：达到稳定运行的年份", "management: year stable operation began",
               "2021", kind="year"),
        _input("stable_month", "稳定运行月份", "管理减排：达到稳定运行的月份 1–12（自次月起计）", "management: month "
               "stable operation began, 1–12 (counted from the next month)", "7"),
        ColumnSpec("reduction_t", "削减量", "number", "直接填报：按其他方法（在线监测、物料衡算）核算的当年削减量",
                   "reported: the year's reduction computed elsewhere (CEMS, material balance)", "100",
                   required=False, cell_required=False, unit_zh="吨", unit_en="t", canonical_unit="t", nonneg=False),
        _P_SOURCE, _P_NOTES, _P_ORIGIN,
    ),
    key=("region_code", "pollutant", "year", "measure_id"),
    output_columns=tuple(POLLUTANT_MEASURE_COLUMNS),
    notes=(
        ("每行一项措施在一个核算年份的数据；只填其核算方法需要的列：sewage_plant 填处理水量、进出水浓度、上年去除量；"
         "efficiency_raise 填产生量、当年和上年去除效率（投运率可空）；closure 填关停前上年排放量；management 填全年减排量、"
         "稳定运行年份和月份；reported 填减排类型和削减量。其他列留空（填了会提示未使用）。"),
        ("One row per measure and accounting year; fill only the columns its method needs: sewage_plant volume, "
         "concentrations in and out, removed the year before; efficiency_raise generated, efficiencies this year "
         "and the year before (run rates optional); closure the previous-year emissions; management the full-year "
         "reduction, stable year and month; reported the kind and the reduction. Leave the other columns empty "
         "(a filled one is reported as unused)."),
        ("公式见 docs/pollutants.md：污水处理厂 Q×(C进−C出)×10⁻⁶ 减上年去除量；效率提升 G×(η×r − η上年×r上年)；关停 上年排放量 − 当年排放量；"
         "管理减排 自稳定运行次月起按月计。"),
        ("Formulas in docs/pollutants.md: sewage plant Q×(C_in−C_out)×10⁻⁶ less the year before's removal; efficiency "
         "G×(η·r − η_prev·r_prev); closure the previous-year emissions less the current; management counted by month "
         "from the month after stable operation.")),
)

_POLLUTANT_INCREMENTS = TemplateSpec(
    name="pollutant_increments", title_zh="污染物新增量", title_en="new pollutant emissions",
    columns=(
        _REGION_CODE, _POLLUTANT, _P_YEAR,
        ColumnSpec("new_emissions", "新增排放量", "number",
                   "当年比上年新增的排放量（可为负）；空则按下列人口和人均系数计算（表头写 万吨 时按万吨换算）",
                   "new emissions of the year over the year before (may be negative); empty: computed from the "
                   "population and coefficient below (a header in 万吨 is converted)", "1533", required=False,
                   cell_required=False, unit_zh="吨", unit_en="t", canonical_unit="t", nonneg=False,
                   aliases=("新增量",)),
        _input("urban_population", "城镇常住人口", "城镇生活源：当年城镇常住人口（人）", "domestic sources: urban "
               "residents this year (persons)", "2560000"),
        _input("urban_population_prev", "上年城镇常住人口", "城镇生活源：上年城镇常住人口（人）", "domestic sources: "
               "urban residents the year before (persons)", "2500000"),
        _input("per_capita_g_d", "人均产生系数", "城镇生活源：人均污染物产生系数（克/人·日，如 COD 70）",
               "domestic sources: per-capita generation coefficient (g per person and day, e.g. COD 70)", "70"),
        _P_SOURCE, _P_NOTES, _P_ORIGIN,
    ),
    key=("region_code", "pollutant", "year"),
    output_columns=tuple(POLLUTANT_INCREMENT_COLUMNS),
    notes=(
        ("每行一个地区、一种污染物、一年的新增量合计（吨）。新增排放量二选一：直接填写，或留空并填写城镇常住人口（当年、上年）和人均"
         "产生系数，按 (P当年 − P上年) × 系数 × 365 × 10⁻⁶ 计算。没有新增量行的年份按 0 计，台账中注明。"),
        ("One row per region, pollutant and year: the year's new emissions in all (t). Either give them, or leave "
         "them empty and give the urban population (this year and the year before) and the per-capita coefficient: "
         "(P_t − P_t−1) × coefficient × 365 × 10⁻⁶. A year without a row counts 0, and the ledger says so.")),
)

_POLLUTANT_TARGETS = TemplateSpec(
    name="pollutant_targets", title_zh="地区污染物减排目标", title_en="regional pollutant reduction targets",
    columns=(
        _REGION_CODE, _POLLUTANT,
        ColumnSpec("base_year", "基年", "year", "目标的基年（十四五为 2020）", "the target's base year (2020 for the 14th "
                   "FYP)", "2020", aliases=("基期年",)),
        ColumnSpec("target_year", "目标年", "year", "目标年（十四五为 2025）", "the target year (2025 for the 14th FYP)",
                   "2025"),
        _pct("target_reduction", "排放总量降低目标", "目标年比基年降低的百分数（8 表示 8%；可空）",
             "reduction of total emissions by the target year in percent (8 means 8 %; may be empty)", "8"),
        _tonnes("key_project_reduction", "重点工程减排量", "规划期内下达的重点工程减排量（可空）",
                "key-project reduction assigned for the plan period (may be empty)", "68600"),
        _text("source", "来源", "目标出处：文件号和条款", "where the target comes from: document and clause",
              "福建省“十四五”节能减排综合工作实施方案 二", required=True),
    ),
    key=("region_code", "pollutant", "base_year"),
    output_columns=tuple(POLLUTANT_TARGET_COLUMNS),
    notes=(
        "百分比目标和重点工程减排量至少填一项。未导入地区目标的，进度按国发〔2021〕33号 的全国目标比照计算并注明。",
        ("Give the percentage, the key-project quantity, or both. A region without a loaded target is compared with "
         "the national targets of 国发〔2021〕33号, and the output says so.")),
)

POLLUTANT_TEMPLATES = (_POLLUTANT_EMISSIONS, _POLLUTANT_MEASURES, _POLLUTANT_INCREMENTS, _POLLUTANT_TARGETS)
TEMPLATES.update({t.name: t for t in POLLUTANT_TEMPLATES})


# --- regional industrial transfer (issue 9 §3; wt-transfer) ---------------------------------------------------------
from ecer.models.transfer import STATUSES as _T_STATUSES
from ecer.models.transfer import TRANSFER_INDICATOR_COLUMNS, TRANSFER_PROJECT_COLUMNS

_T_ORIGIN = ColumnSpec(
    "data_origin", "数据性质", "enum", "official 官方 / synthetic 模拟 / user 用户（缺省）",
    "official / synthetic / user (the default)", "user", required=False, cell_required=False, default="user",
    aliases=("数据来源类型",),
    choices={"official": "official", "官方": "official", "synthetic": "synthetic", "模拟": "synthetic",
             "合成": "synthetic", "user": "user", "用户": "user"},
)

_TRANSFER_INDICATORS = TemplateSpec(
    name="transfer_indicators", title_zh="承接产业转移评价指标", title_en="transfer evaluation indicators",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "指标年份", "year of the value", "2023", aliases=("年度", "统计年份")),
        _text("indicator_code", "指标代码", "指标代码（如 avg_wage、land_price、dual_control_headroom；特殊类型地区写 "
              "special:<类型>，如 special:old_revolutionary）", "indicator code (e.g. avg_wage, land_price, "
              "dual_control_headroom; a special-type membership is special:<type>, e.g. special:old_revolutionary)",
              "avg_wage", required=True, aliases=("指标", "indicator")),
        _text("name_zh", "指标名称", "指标中文名称（报告用）", "the indicator's Chinese name (for reports)", "城镇非私营单位平均工资"),
        _num("value", "数值", "指标值（单位见下一列；特殊类型地区填 1 表示属于）", "the value (unit in the next column; 1 = member "
             "for a special-type attribute)", "98000", required=True, nonneg=False),
        _text("unit", "单位", "数值的单位，如 元/年、万元/亩、tce、%、1", "unit of the value, e.g. 元/年, 万元/亩, tce, %, 1", "元/年",
              required=True, aliases=("计量单位",)),
        ColumnSpec("direction", "指标方向", "enum", "benefit 效益型（越大越有利于承接）/ cost 成本型（越小越有利）/ attribute 属性（不参加评分）",
                   "benefit (more is better for the receiving region) / cost (less is better) / attribute (not scored)",
                   "cost", aliases=("方向", "指标属性"),
                   choices={"benefit": "benefit", "效益型": "benefit", "正向": "benefit", "+": "benefit",
                            "cost": "cost", "成本型": "cost", "负向": "cost", "逆向": "cost", "-": "cost", "−": "cost",
                            "attribute": "attribute", "属性": "attribute"}),
        _text("source", "来源", "数据出处：统计年鉴、公报、文件号等", "where the value comes from: yearbook, bulletin, document",
              "某省统计年鉴 2024 表 4-12", required=True),
        _text("notes", "备注", "备注（可空）", "notes (may be empty)", ""),
        _T_ORIGIN,
    ),
    key=("region_code", "year", "indicator_code"),
    output_columns=tuple(TRANSFER_INDICATOR_COLUMNS),
    notes=(
        ("每行一个地区、一年、一个指标。方向：效益型指标越大越有利于承接（如剩余能耗空间、市场潜力），成本型越小越有利（如平均工资、工业地价）。"
         "一个指标在各地区须同方向、同单位。特殊类型地区（工信部联政法〔2021〕215号 四）的名单不随系统提供，请按 special:<类型> 填 1。"),
        ("One row per region, year and indicator. Benefit indicators favour a region when larger (remaining energy "
         "headroom, market potential), cost indicators when smaller (average wage, industrial land price). An "
         "indicator has one direction and one unit in every region. Special-type membership (215号 §四) is not "
         "shipped: give special:<type> with value 1.")),
)

_SHARE_HELP_ZH = "转出地分享比例，写成“起始年-终止年:比例”，多段用分号分隔，如 2024-2026:60%;2027-2030:40%（可空）"
_SHARE_HELP_EN = "the origin's share, as 'first-last:share' segments separated by ;, e.g. 2024-2026:60%;2027-2030:40% (may be empty)"
_TRANSFER_PROJECTS = TemplateSpec(
    name="transfer_projects", title_zh="产业转移重点项目库", title_en="key transfer-project library",
    columns=(
        _text("project_id", "项目编号", "项目唯一编号", "unique project id", "TP-2024-001", required=True, aliases=("编号",)),
        _text("name", "项目名称", "项目名称", "project name", "某服装企业生产基地转移项目", required=True),
        _text("industry_code", "行业代码", "国民经济行业分类代码（GB/T 4754-2017，2–4 位数字）",
              "industry code (GB/T 4754-2017, 2–4 digits)", "1810", required=True, aliases=("国民经济行业代码",)),
        ColumnSpec("two_high", "是否“两高”项目", "enum", "是 / 否（“两高”项目不按产业转移匹配，215号 二）",
                   "yes / no (a two-high project is not matched as a transfer, 215号 §二)", "否", required=False,
                   cell_required=False, default="no", choices={"是": "yes", "yes": "yes", "否": "no", "no": "no"}),
        _num("energy_tce", "年综合能耗", "项目达产后年综合能源消费量（可空）", "annual energy at full output (may be empty)",
             "3000", unit_zh="吨标准煤", unit_en="tce", canonical="tce"),
        _tonnes("co2_t", "年二氧化碳排放量", "年二氧化碳排放量（可空）", "annual CO2 (may be empty)", "7500"),
        _tonnes("cod_t", "年化学需氧量排放量", "年 COD 排放量（可空）", "annual COD (may be empty)", ""),
        _tonnes("nh3n_t", "年氨氮排放量", "年氨氮排放量（可空）", "annual NH3-N (may be empty)", ""),
        _tonnes("nox_t", "年氮氧化物排放量", "年 NOx 排放量（可空）", "annual NOx (may be empty)", "12"),
        _tonnes("vocs_t", "年挥发性有机物排放量", "年 VOCs 排放量（可空）", "annual VOCs (may be empty)", ""),
        _num("jobs", "用工人数", "项目用工人数，人（可空）", "jobs, persons (may be empty)", "1200"),
        _num("land_ha", "用地面积", "项目用地面积，公顷（可空）", "land in hectares (may be empty)", "20", unit_zh="ha",
             unit_en="ha", canonical="ha"),
        ColumnSpec("origin_region", "转出地代码", "code", "转出地行政区划代码（GB/T 2260）", "GB/T 2260 code of the origin",
                   "440300", aliases=("转出地",)),
        ColumnSpec("destination_region", "承接地代码", "code", "承接地行政区划代码（尚未确定可空）",
                   "GB/T 2260 code of the destination (empty while not chosen)", "360700", required=False,
                   cell_required=False, aliases=("承接地", "转入地")),
        ColumnSpec("status", "项目状态", "enum", " / ".join(f"{z} {k}" for k, (z, _e) in _T_STATUSES.items()),
                   " / ".join(_T_STATUSES), "已签约", aliases=("状态",),
                   choices={**{k: k for k in _T_STATUSES}, **{z: k for k, (z, _e) in _T_STATUSES.items()},
                            "签约": "signed", "投产": "operating", "终止": "cancelled"}),
        ColumnSpec("agreement_start", "协议起始年", "year", "分享协议起始年（无协议可空）", "first year of the sharing agreement "
                   "(empty if none)", "2024", required=False, cell_required=False),
        ColumnSpec("agreement_end", "协议终止年", "year", "分享协议终止年（含）", "last year of the agreement (inclusive)", "2030",
                   required=False, cell_required=False),
        _text("output_share_origin", "转出地产值分享比例", _SHARE_HELP_ZH, _SHARE_HELP_EN, "2024-2026:50%;2027-2030:30%"),
        _text("tax_share_origin", "转出地税收分享比例", _SHARE_HELP_ZH, _SHARE_HELP_EN, "2024-2026:40%;2027-2030:20%"),
        _text("land_share_origin", "转出地用地指标分享比例", _SHARE_HELP_ZH, _SHARE_HELP_EN, ""),
        _num("annual_output_value", "预计年产值", "达产后预计年产值（可空）", "expected annual output value (may be empty)",
             "50000", unit_zh="万元", unit_en="10^4 CNY", canonical="wan_CNY"),
        _num("annual_tax", "预计年税收", "达产后预计年税收（可空）", "expected annual tax (may be empty)", "2000",
             unit_zh="万元", unit_en="10^4 CNY", canonical="wan_CNY"),
        _text("notes", "备注", "备注（可空）", "notes (may be empty)", ""),
        _T_ORIGIN,
    ),
    key=("project_id",),
    output_columns=tuple(TRANSFER_PROJECT_COLUMNS),
    notes=(
        ("每行一个项目（工信部联政法〔2021〕215号 八：鼓励地方建立健全产业转移重点项目库）。再次导入同一项目编号即新增一个版本，历史版本保留。"
         "分享比例为转出地所得份额，承接地得其余部分；协议期内每一年都须有比例。"),
        ("One row per project (215号 §八: the key-project library). Loading a project id again adds a version; the "
         "earlier versions are kept. Shares are the origin's; the destination takes the rest; every year of the "
         "agreement needs a share.")),
)
TRANSFER_TEMPLATES = (_TRANSFER_INDICATORS, _TRANSFER_PROJECTS)
TEMPLATES.update({t.name: t for t in TRANSFER_TEMPLATES})
# --- key-project indicators of 国发〔2021〕33号 (issue 8 §4; wt-indicators) -----------------------------------------
from ecer.models.indicators import INDICATOR_VALUE_COLUMNS

_INDICATOR_VALUES = TemplateSpec(
    name="indicator_values", title_zh="重点工程指标数值", title_en="key-project indicator values",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "统计年份（基年 2020 起）", "data year (from the base year 2020)", "2022",
                   aliases=("年度", "统计年份")),
        _text("indicator_code", "指标代码", "重点工程指标代码（ecer indicators catalog 列出全部，如 nev_share、straw_use）",
              "key-project indicator code (`ecer indicators catalog` lists them, e.g. nev_share, straw_use)",
              "straw_use", required=True, aliases=("指标", "指标编码")),
        ColumnSpec("value", "数值", "number", "按目录单位填写：比例和比率为百分数（86 表示 86%），下降指标为比基年累计下降的百分数，"
                   "累计量为基年以来的累计完成量；定性指标留空",
                   "in the catalogue's unit: a share or rate in percent (86 means 86 %), a reduction as the cumulative "
                   "% fall since the base year, an amount as accumulated since the base year; empty for a qualitative "
                   "indicator", "86.5", required=True, cell_required=False, nonneg=False, aliases=("指标值", "值")),
        _text("unit", "单位", "数值的单位，须与目录一致（如 %、亿吨、家、万公里；空则按目录单位）",
              "unit of the value, must be the catalogue's (e.g. %, 亿吨, 家, 万公里; empty: the catalogue's)", "%",
              aliases=("计量单位",)),
        _text("source", "来源", "数据出处：统计公报、部门报告、文件号等", "where the value comes from: bulletin, "
              "department report, document", "某省统计公报 2022"),
        _text("note", "备注", "备注（定性指标的进展可写在此处）", "note (the progress of a qualitative indicator goes here)",
              "", aliases=("说明",)),
        ColumnSpec("data_origin", "数据性质", "enum", "official 官方 / synthetic 模拟 / user 用户（缺省）",
                   "official / synthetic / user (the default)", "user", required=False, cell_required=False,
                   default="user", aliases=("数据来源类型",),
                   choices={"official": "official", "官方": "official", "synthetic": "synthetic", "模拟": "synthetic",
                            "合成": "synthetic", "user": "user", "用户": "user"}),
    ),
    key=("region_code", "year", "indicator_code"),
    output_columns=tuple(INDICATOR_VALUE_COLUMNS),
    notes=(
        ("每行一个地区、一年、一个指标。数值按目录单位填写（ecer indicators catalog）：比例、比率为百分数（86% 写 86，不写 0.86）；"
         "“比2020年下降”的指标填累计下降百分数；“累计完成量”指标填基年以来的累计量。单位与目录不符、比例超出 0–100%、"
         "地区累计量超过全国目标，均视为错误（万/% 等单位错写）。定性指标不评估，不填数值。"),
        ("One row per region, year and indicator. Values in the catalogue's unit (`ecer indicators catalog`): a share "
         "or rate in percent (86 % is 86, not 0.86); a 'reduction vs 2020' as the cumulative % fall; an amount as "
         "accumulated since the base year. A unit other than the catalogue's, a share outside 0–100 %, or a region's "
         "amount above the national target is an error (a 万/% slip). Qualitative indicators are not graded and take "
         "no value.")),
)
TEMPLATES[_INDICATOR_VALUES.name] = _INDICATOR_VALUES

# --- sectoral energy for LMDI (issue 9 §1; wt-sector) ---------------------------------------------------------------
from ecer.models.sectors import SECTOR_ENERGY_COLUMNS

_SECTOR_ENERGY = TemplateSpec(
    name="sector_energy", title_zh="分部门能源消费和增加值", title_en="energy and value added by sector",
    columns=(
        _REGION_CODE,
        ColumnSpec("year", "年份", "year", "统计年份", "data year", "2023", aliases=("年度", "统计年份")),
        _text("sector", "部门", "部门代码或名称（参考表 lmdi_sectors）：三次产业 第一产业 / 第二产业 / 第三产业（primary / secondary / "
              "tertiary），或 GB/T 4754-2017 门类 A–T；另可有 居民生活（household）。同一地区同一年只用一种分法",
              "sector code or name (reference table lmdi_sectors): the three industries 第一产业 / 第二产业 / 第三产业 "
              "(primary / secondary / tertiary), or the GB/T 4754-2017 sections A–T; plus 居民生活 (household) if "
              "wanted. One scheme per region and year", "第二产业", required=True, aliases=("产业", "行业", "部门代码")),
        ColumnSpec("energy", "能源消费量", "number", "该部门的能源消费量（与地区能源消费总量同一口径，等价值）",
                   "the sector's energy consumption (on the basis of the region's total energy, coal equivalent)",
                   "12000.5", unit_zh="万吨标准煤", unit_en="万tce", canonical_unit="tce",
                   aliases=("部门能源消费量", "分部门能源消费量")),
        ColumnSpec("value_added", "增加值", "number", "该部门增加值，按“可比价基年”价格计算；居民生活留空",
                   "the sector's value added at the constant prices of price_base_year; empty for 居民生活",
                   "45000", required=False, cell_required=False, default=None, unit_zh="亿元", unit_en="10^8 CNY",
                   canonical_unit="yi_CNY", aliases=("部门增加值",),
                   qualifiers=("可比价", "不变价", "constant prices", "comparable prices")),
        ColumnSpec("price_base_year", "可比价基年", "year", "增加值可比价的基年，全文件一致，并与地区能源数据（energy）的基年相同",
                   "base year of the constant prices; one for the whole file, the same as the regional energy data's",
                   "2020", aliases=("价格基年", "基年", "base_year")),
        ColumnSpec("co2", "二氧化碳排放量", "number", "该部门的二氧化碳排放量（可空；表头写 万吨 时按万吨换算）",
                   "the sector's CO2 emissions (may be empty; a header in 万吨 is converted)", "",
                   required=False, cell_required=False, default=None, unit_zh="吨", unit_en="t", canonical_unit="t",
                   aliases=("CO2", "二氧化碳")),
        _T_ORIGIN,
    ),
    key=("region_code", "year", "sector"),
    output_columns=tuple(SECTOR_ENERGY_COLUMNS),
    notes=(
        ("每行一个地区、一年、一个部门。部门用三次产业（第一、二、三产业）或 GB/T 4754-2017 门类 A–T，可另加 居民生活（无增加值）；"
         "同一地区同一年只用一种分法。各部门能源消费量之和不得超过该地区该年的能源消费总量（energy 模板，容差 1%）。"
         "能源消费量表头写 万吨标准煤 或 吨标准煤 均可，程序按表头单位换算；增加值按 亿元 或 万元。LMDI 因素分解（ecer analysis "
         "lmdi --region）在有这些数据时计算产业结构效应。"),
        ("One row per region, year and sector. Sectors are the three industries or the GB/T 4754-2017 sections A–T, "
         "optionally with 居民生活 (households, no value added); one scheme per region and year. The sectors' energy "
         "may not add up to more than the region's total energy of the year (energy template, 1 % tolerance). The "
         "energy header may be in 万tce or tce, value added in 亿元 or 万元: values are converted by the header's unit. "
         "With these rows, LMDI (`ecer analysis lmdi --region`) computes the structure effect.")),
)
TEMPLATES[_SECTOR_ENERGY.name] = _SECTOR_ENERGY
