"""Energy accounting in standard coal (GB/T 2589-2020 《综合能耗计算通则》)."""

from __future__ import annotations

from collections.abc import Mapping


def comprehensive_energy(quantities: Mapping[str, float], coefficients: Mapping[str, float]) -> float:
    r"""Comprehensive energy consumption in standard coal (综合能源消费量).

    .. math:: E = \sum_i q_i \cdot k_i

    quantities : physical quantity of each energy carrier consumed, in the unit its coefficient is per
        (e.g. t of raw coal, 10⁴ m³ of gas, MWh of electricity)
    coefficients : conversion coefficient of each carrier [tce per physical unit] (GB/T 2589 附录 A;
        the package's ``coal_coefficients`` reference table)
    Returns E [tce]. A carrier with no coefficient is an error (never silently dropped).

    Reference: GB/T 2589-2020 §4 (综合能耗 = Σ 各种能源 × 折标准煤系数).

    >>> round(comprehensive_energy({"原煤": 1000, "电力": 500}, {"原煤": 0.7143, "电力": 0.1229}), 9)  # rounded to show
    775.75
    """
    missing = sorted(set(quantities) - set(coefficients))
    if missing:
        raise KeyError(f"no standard-coal coefficient for {missing}; known: {sorted(coefficients)}")
    return sum(q * coefficients[k] for k, q in quantities.items())


def electricity_to_tce(mwh: float, factor_tce_per_mwh: float) -> float:
    r"""Electricity in standard coal.

    .. math:: E = W \cdot k

    mwh : electricity W [MWh]
    factor_tce_per_mwh : k [tce/MWh] — the calorific value (当量值, 0.1229 tce/MWh = 0.1229 kgce/kWh,
        GB/T 2589) or the year's coal-equivalent value (等价值, 发电煤耗法, ≈ 0.3 tce/MWh); the caller names
        which, nothing here chooses.
    Returns E [tce].

    >>> round(electricity_to_tce(1000, 0.1229), 6)
    122.9
    """
    return mwh * factor_tce_per_mwh
