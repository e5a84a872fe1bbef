r"""The hand-worked pollutant case, for every layer that will show it (the core now; templates, loads, CLI, API and
reports when they come): measures by method, new emissions, the ledger, progress against the national targets and
a key-project quota, and a decomposition. All numbers of region 350100 are synthetic (labelled so); the national
targets are 国发〔2021〕33号's, 福建's COD task 6.86 万吨 is the province's plan's.

Region 350100 (synthetic), base 2020: COD 50 000 t, NOx 8 000 t.

New emissions (urban domestic COD, 70 g/person/day):
  2021: (2 560 000 − 2 500 000) × 70 × 365 × 10⁻⁶ = 1 533 t;  2022: (2 600 000 − 2 560 000) × 70 × 365 × 10⁻⁶ = 1 022 t.

Measures:

=========  ====  =====  ================  ==============================================================  ========
id         year  poll.  method            worked                                                          t
=========  ====  =====  ================  ==============================================================  ========
WWTP-1     2021  COD    sewage_plant      7.3·10⁶ m³ × (280 − 40) mg/L × 10⁻⁶ = 1 752; less 1 259.25       492.75
mill       2021  COD    closure           previous-year emissions 350.5, now closed                       350.5
bypass     2021  COD    management        stable July 2021, 60 t/a: Aug–Dec 5/12 × 60                     25
bypass     2022  COD    management        the other 7 months: 7/12 × 60                                   35
WWTP-2     2022  COD    reported          engineering, computed elsewhere                                 100
SCR        2021  NOx    efficiency_raise  2000 × (0.80 × 0.95 − 0.60 × 0.90) = 2000 × 0.22                440
SCR-2      2022  NOx    efficiency_raise  1000 × (0.8 − 0.5), run rates 1                                 300
=========  ====  =====  ================  ==============================================================  ========

Ledger: COD 2021 = 50 000 + 1 533 − (492.75 + 350.5 + 25 = 868.25) = 50 664.75;
        COD 2022 = 50 664.75 + 1 022 − (35 + 100 = 135) = 51 551.75;
        NOx 2021 = 8 000 − 440 = 7 560;  NOx 2022 = 7 560 − 300 = 7 260.

Against 国发〔2021〕33号 (COD −8 %, NOx −10 %; R_1 = 1 − 0.92^0.2 = 0.0165380, 1 − 0.9^0.2 = 0.0208516;
R_2 = 1 − 0.9^0.4 = 0.0412685):
  COD 2021: 50 664.75/50 000 − 1 = +1.3295 % → 一级 red; 2022: 51 551.75/50 664.75 − 1 = +1.7507 % → red;
            D_2022 = 1 − 51 551.75/50 000 = −3.1035 %.
  NOx 2021: 7 560/8 000 − 1 = −5.5 % ≥ 2.0852 % → 三级 green; D = 5.5 %, progress 0.055/0.0208516 = 2.63768;
      2022: 7 260/7 560 − 1 = −3.9683 % → green; D = 1 − 7 260/8 000 = 9.25 %, progress 0.0925/0.0412685 = 2.24142.

Against a key-project quota (synthetic: COD 3 000 t, NOx 1 500 t; even yearly share Q/5 = 600 and 300 t):
  COD 2021: 868.25 ≥ 600 → green; 2022: 135 < 600 → 二级 yellow; achieved 1 003.25 vs 1 200 → 0.836042, behind.
  NOx 2021: 440 ≥ 300 → green; 2022: 300 = 300 → green (on the line); achieved 740 vs 600 → 1.233333.

Decomposition of 福建's COD task, 68 600 t, among three synthetic cities (base 300 000 / 150 000 / 50 000 t; water
class Ⅲ/Ⅲ, Ⅴ/Ⅲ, 劣Ⅴ/Ⅳ → gaps 0, 2, 2): base-proportional 41 160 / 20 580 / 6 860; burden-weighted λ = 0.5:
weights 300 000, 300 000, 100 000 → 29 400 / 29 400 / 9 800.
"""

from __future__ import annotations

import polars as pl

REGION = "350100"
BASE = pl.DataFrame(
    {
        "region_code": [REGION] * 2,
        "pollutant": ["COD", "NOx"],
        "year": [2020] * 2,
        "emissions": [50_000.0, 8_000.0],
    }
)
POPULATION = {2020: 2_500_000, 2021: 2_560_000, 2022: 2_600_000}  # urban residents (synthetic)
COD_PER_CAPITA = 70.0  # g/person/day (the local rule METHODS §3.2 quotes)

_INPUTS = [
    "volume_m3",
    "c_in_mg_l",
    "c_out_mg_l",
    "removed_prev_t",
    "generated_t",
    "eta",
    "eta_prev",
    "run",
    "run_prev",
    "prev_emissions_t",
    "current_emissions_t",
    "annual_reduction_t",
    "stable_year",
    "stable_month",
    "reduction_t",
]
MEASURE_INPUT_SCHEMA = {
    "region_code": pl.Utf8,
    "pollutant": pl.Utf8,
    "year": pl.Int64,
    "measure_id": pl.Utf8,
    "method": pl.Utf8,
    "kind": pl.Utf8,
} | dict.fromkeys(_INPUTS, pl.Float64)


def _m(pollutant: str, year: int, mid: str, method: str, **inputs: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(MEASURE_INPUT_SCHEMA)
    row.update(region_code=REGION, pollutant=pollutant, year=year, measure_id=mid, method=method, **inputs)
    return row


MEASURES = pl.DataFrame(
    [
        _m(
            "COD",
            2021,
            "WWTP-1",
            "sewage_plant",
            volume_m3=7.3e6,
            c_in_mg_l=280.0,
            c_out_mg_l=40.0,
            removed_prev_t=1259.25,
        ),
        _m("COD", 2021, "mill", "closure", prev_emissions_t=350.5),
        _m(
            "COD", 2021, "bypass", "management", annual_reduction_t=60.0, stable_year=2021.0, stable_month=7.0
        ),
        _m(
            "COD", 2022, "bypass", "management", annual_reduction_t=60.0, stable_year=2021.0, stable_month=7.0
        ),
        _m("COD", 2022, "WWTP-2", "reported", kind="engineering", reduction_t=100.0),
        _m(
            "NOx",
            2021,
            "SCR",
            "efficiency_raise",
            generated_t=2000.0,
            eta=0.8,
            eta_prev=0.6,
            run=0.95,
            run_prev=0.9,
        ),
        _m("NOx", 2022, "SCR-2", "efficiency_raise", generated_t=1000.0, eta=0.8, eta_prev=0.5),
    ],
    schema=MEASURE_INPUT_SCHEMA,
)
EXPECTED_REDUCTIONS = {  # (measure, year) → (kind, t)
    ("WWTP-1", 2021): ("engineering", 492.75),
    ("mill", 2021): ("structural", 350.5),
    ("bypass", 2021): ("management", 25.0),
    ("bypass", 2022): ("management", 35.0),
    ("WWTP-2", 2022): ("engineering", 100.0),
    ("SCR", 2021): ("engineering", 440.0),
    ("SCR-2", 2022): ("engineering", 300.0),
}
EXPECTED_NEW = {2021: 1533.0, 2022: 1022.0}
EXPECTED_LEDGER = {  # (pollutant, year) → (reduction_total, emissions)
    ("COD", 2021): (868.25, 50_664.75),
    ("COD", 2022): (135.0, 51_551.75),
    ("NOx", 2021): (440.0, 7_560.0),
    ("NOx", 2022): (300.0, 7_260.0),
}
EXPECTED_PERCENT = {  # (pollutant, year) → (change_yoy, reduction_cumulative, progress_ratio, grade)
    ("COD", 2021): (0.013295, -0.013295, None, 1),
    ("COD", 2022): (0.0175072, -0.031035, None, 1),
    ("NOx", 2021): (-0.055, 0.055, 2.637683, 3),
    ("NOx", 2022): (-0.0396825, 0.0925, 2.241420, 3),
}
QUOTA = pl.DataFrame(
    {
        "region_code": [REGION] * 2,
        "pollutant": ["COD", "NOx"],
        "assigned": [3_000.0, 1_500.0],
        "base_year": [2020] * 2,
        "target_year": [2025] * 2,
    }
)
EXPECTED_QUANTITY = {  # (pollutant, year) → (achieved_cumulative, progress_ratio, grade)
    ("COD", 2021): (868.25, 1.447083, 3),
    ("COD", 2022): (1003.25, 0.836042, 2),
    ("NOx", 2021): (440.0, 1.466667, 3),
    ("NOx", 2022): (740.0, 1.233333, 3),
}
CITIES = pl.DataFrame(
    {
        "region_code": ["350100", "350200", "350300"],
        "base_emissions": [300_000.0, 150_000.0, 50_000.0],
        "gap": [0.0, 2.0, 2.0],
    }
)
FUJIAN_COD_TASK = 68_600.0  # 6.86 万吨, 福建省“十四五”节能减排综合工作实施方案 二
EXPECTED_DECOMPOSITION = {
    "base_proportional": [41_160.0, 20_580.0, 6_860.0],
    "burden_weighted": [29_400.0, 29_400.0, 9_800.0],  # gap_factor 0.5
}
