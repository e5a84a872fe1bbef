r"""The hand-worked dual-control case used across the layers.

Data (tce; renewable electricity in MWh; GDP in 10⁸ CNY at 2020 prices), rule edition 2022
(发改运行〔2022〕1258号 + 发改环资〔2022〕803号), totals carrying electricity at the calorific value (当量值, so
renewables are deducted at 0.1229 tce/MWh), targets T = 13.5 %, incentive 16 %, planned GDP growth 5 %:

====== ====== ====== ======= ======== ===== ====
region year   E      F       R (MWh)  S     G
====== ====== ====== ======= ======== ===== ====
110000 2020   10000  1000    10000    0     10
110000 2021   10600  1200    20000    300   10.6
120000 2020   5000   0       0        0     5
120000 2021   5200   0       0        0     5.3
130000 2020   2000   0       0        0     2
130000 2021   2100   0       0        0     2.04
====== ====== ====== ======= ======== ===== ====

Required yearly reduction R = 1 − 0.865^(1/5) = 0.028589; incentive pace 1 − 0.84^(1/5) = 0.034270.

110000 (北京): E_int,2020 = 10000 − 1000 = 9000; E_int,2021 = 10600 − 1200 − 300 = 9100.
  I_2020 = 9000 / (10 × 10⁴) = 0.09; I_2021 = 9100 / (10.6 × 10⁴) = 0.0858491 tce/10⁴ CNY.
  ΔI = 0.0858491 / 0.09 − 1 = −0.046122 → fell 4.61 % ≥ 2.86 % → 三级 green; cumulative = 0.046122,
  progress = 0.046122 / 0.028589 = 1.6133; 0.046122 ≥ 0.034270 → incentive pace reached, but 2021 is an
  annual assessment: the total is exempt only in the five-year assessment (1310号 第(九)条), so not exempt.
  Total: ΔR = (20000 − 10000) × 0.1229 = 1229 tce; E_tot,2021 = 9100 − 1229 = 7871; E_tot,2020 = 9000;
  growth = 7871 / 9000 − 1 = −0.125444 → 三级 green.
120000 (天津): I_2020 = 0.1; I_2021 = 5200 / 53000 = 0.0981132; ΔI = −0.018868 < 0.028589 → 二级 yellow;
  assessment: not met (cumulative 0.018868 < 0.028589 too).
  Growth = 0.04; allowed by the plan (planned GDP growth 5 %) = 1.05 × (1 − 0.028589) − 1 = 0.019982; actual
  GDP grew 6 % > 5 %, so (33号 四(一)) allowed = 1.06 × (1 − 0.028589) − 1 = 0.029696;
  0.04 > 0.029696 + 0.01 → total 一级 red.
130000 (河北): I_2020 = 0.1; I_2021 = 2100 / 20400 = 0.1029412; ΔI = +0.029412 → 一级 red.
  Growth = 0.05; allowed from the cap 500 tce = (1 + 500 / 2000)^(1/5) − 1 = 0.045640 (GDP grew 2 % < 5 %:
  no raise); 0.045640 < 0.05 ≤ 0.055640 → total 二级 yellow.

Under the 2024 edition (all non-fossil out of total and intensity), 110000:
  E_int,2020 = 10000 − 1000 − 1229 = 7771; E_int,2021 = 10600 − 1200 − 300 − 2458 = 6642;
  ΔI = (6642 / 106000) / (7771 / 100000) − 1 = −0.193663.
"""

import polars as pl

ENERGY = pl.DataFrame(
    {
        "region_code": ["110000", "110000", "120000", "120000", "130000", "130000"],
        "period": ["2020", "2021"] * 3,
        "total_energy": [10000.0, 10600.0, 5000.0, 5200.0, 2000.0, 2100.0],
        "feedstock_energy": [1000.0, 1200.0, 0.0, 0.0, 0.0, 0.0],
        "renewable_electricity": [10000.0, 20000.0, 0.0, 0.0, 0.0, 0.0],
        "other_nonfossil_energy": [0.0] * 6,
        "separately_listed_energy": [0.0, 300.0, 0.0, 0.0, 0.0, 0.0],
        "separately_listed_value_added": [0.0] * 6,
        "gdp_constant": [10.0, 10.6, 5.0, 5.3, 2.0, 2.04],
        "price_base_year": [2020] * 6,
        "electricity_basis": ["calorific"] * 6,
        "electricity_coal_rate": [None] * 6,
        "data_origin": ["user"] * 6,
    },
    schema_overrides={"electricity_coal_rate": pl.Float64},
)
REGIONS = pl.DataFrame(
    {
        "region_code": ["110000", "120000", "130000"],
        "name_zh": ["北京市", "天津市", "河北省"],
        "name_en": ["Beijing", "Tianjin", "Hebei"],
        "level": ["province"] * 3,
        "parent_code": [None, None, None],
    },
    schema_overrides={"parent_code": pl.String},
)
TARGETS = pl.DataFrame(
    {
        "region_code": ["110000", "120000", "130000"],
        "plan": ["14th"] * 3,
        "base_year": [2020] * 3,
        "target_year": [2025] * 3,
        "intensity_reduction_basic": [0.135] * 3,
        "intensity_reduction_incentive": [0.16] * 3,
        "gdp_growth_plan": [0.05, 0.05, 0.05],
        "total_increment_cap": [None, None, 500.0],
        "source": ["hand case"] * 3,
    }
)
CALORIFIC = 0.1229  # tce/MWh (0.1229 kgce/kWh, GB/T 2589)
FACTORS = pl.DataFrame(
    {"region_code": [None], "year": [None], "basis": ["calorific"], "factor": [CALORIFIC], "rate": ["calorific"],
     "source": ["GB/T 2589 当量值 0.1229 kgce/kWh"]},
    schema_overrides={"region_code": pl.String, "year": pl.Int64},
)

# Expected values, worked by hand above.
EXPECTED = {
    "110000": {"intensity_change_yoy": -0.046122, "intensity_grade": 3, "total_grade": 3, "total_exempt": False,
               "incentive_reached": True, "energy_for_total": 7871.0, "energy_for_intensity": 9100.0,
               "energy_growth_yoy": -0.125444, "renewable_deduction_total": 1229.0, "progress_ratio": 1.6133,
               "intensity_assessment": "met", "total_assessment": "met"},
    "120000": {"intensity_change_yoy": -0.018868, "intensity_grade": 2, "total_grade": 1,
               "allowed_energy_growth_plan": 0.019982, "allowed_energy_growth": 0.029696, "total_exempt": False,
               "allowed_growth_basis": "gdp_plan+gdp_above_plan", "intensity_assessment": "not_met",
               "total_assessment": "not_met"},
    "130000": {"intensity_change_yoy": 0.029412, "intensity_grade": 1, "total_grade": 2,
               "allowed_energy_growth": 0.045640, "allowed_growth_basis": "increment_cap",
               "intensity_assessment": "not_met"},
}
EXPECTED_2024_BEIJING_CHANGE = -0.193663
