"""Carbon dual control (碳排放双控) in the core: CO2 from energy by carrier, carbon intensity, and progress against the
CO2-intensity target on the machinery every target shares (issue 8 §3, §6; METHODS §6; docs/carbon.md).

* :mod:`.formulas` — one formula per function: combustion AD × NCV × CC × OF × 44/12, purchased electricity and heat,
  carbon intensity;
* :mod:`.factors` — the catalog's factors and targets in the core's units;
* :mod:`.accounting` — :func:`region_emissions` (each energy row's CO2, with the exclusions) and :func:`region_totals`;
* :mod:`.progress` — :func:`carbon_progress` (intensity, reduction, chaining, grades via
  :mod:`ecer.core.targets.tracking`) and :func:`side_by_side` (the energy and carbon views of a region).

CO2 in tonnes [t]; GDP in 10⁸ CNY at constant prices; intensities per 10⁴ CNY.
"""

from ecer.core.carbon.accounting import DEFAULT_SETTINGS, CarbonSettings, region_emissions, region_totals

__all__ = ["DEFAULT_SETTINGS", "CarbonSettings", "region_emissions", "region_totals"]
