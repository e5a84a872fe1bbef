"""Two-high (两高) projects and the officer decisions on them: canonical columns and vocabularies.

国发〔2021〕33号 四(三): "对在建、拟建、建成的高耗能高排放项目（以下称“两高”项目）开展评估检查，建立工作清单，
明确处置意见". The six sectors follow 环环评〔2021〕45号 (see ``refdata/two_high_rules``).
"""

from __future__ import annotations

PROJECT_COLUMNS = [
    "project_id",
    "name",
    "credit_code",
    "region_code",
    "industry_code",
    "sector",
    "status",
    "capacity",
    "capacity_unit",
    "benchmark_field",
    "benchmark_sub_category",
    "design_unit_energy",
    "design_unit_energy_unit",
    "annual_energy",
    "energy_review_no",
    "energy_review_date",
    "eia_no",
    "eia_date",
    "construction_start",
    "operation_start",
    "capacity_replacement_plan",
    "capacity_replacement_amount",
    "energy_replacement_kind",
    "energy_replacement_tce",
    "energy_replacement_source",
    "national_major",
    "notes",
]
PROJECT_FLOATS = [
    "capacity",
    "design_unit_energy",
    "annual_energy",
    "capacity_replacement_amount",
    "energy_replacement_tce",
]

DECISION_COLUMNS = [
    "decision_id",
    "project_id",
    "decision",
    "decided_by",
    "decided_at",
    "decision_reason",
    "previous_decision",
    "previous_decision_id",
    "suggested_disposition",
    "project_version",
]

#: Sector ids → Chinese names (the six sectors of 环环评〔2021〕45号).
SECTORS: dict[str, str] = {
    "coal_power": "煤电",
    "petrochemical": "石化",
    "chemical": "化工",
    "steel": "钢铁",
    "nonferrous_smelting": "有色金属冶炼",
    "building_materials": "建材",
}
#: Project status ids → the words of 33号 四(三).
STATUSES: dict[str, str] = {"planned": "拟建", "under_construction": "在建", "built": "建成"}
#: Dispositions (处置意见), mildest first; the most severe applicable one is suggested.
DISPOSITIONS: dict[str, str] = {"continue": "继续", "rectify": "整改", "suspend": "暂停", "exit": "退出"}
DISPOSITION_ORDER: dict[str, int] = {d: i for i, d in enumerate(DISPOSITIONS)}
#: Energy replacement (能耗替代) kinds of 1310号 (十二).
REPLACEMENT_KINDS: dict[str, str] = {"none": "无", "equal": "等量替代", "reduction": "减量替代"}
