"""One pint registry for ECER, with China's energy-statistics units.

Units defined here (everything else is pint's own):

* ``kgce`` — kilogram of coal equivalent, 29 307 kJ (7 000 kcal) lower heating value, GB/T 2589-2020 §3;
  ``tce`` = 1 000 kgce; ``wan_tce`` (万tce) = 10⁴ tce.
* ``kgoe`` — kilogram of oil equivalent, 41 816 kJ (10 000 kcal), GB/T 2589-2020; ``toe_gb`` = 1 000 kgoe
  (the header label "toe" maps to it; pint's own ``toe`` is the IEA's 41.868 GJ and is not used).
* ``CNY`` — yuan, a currency dimension of its own; ``wan_CNY`` (万元) = 10⁴ CNY; ``yi_CNY`` (亿元) = 10⁸ CNY.

Energy in coal equivalent is an *energy* here (kgce → joule), so a conversion from kWh to kgce by
its calorific value (当量值, 0.1229 kgce/kWh) is a plain unit conversion, while the coal-equivalent
method (等价值 / 发电煤耗法) is *not*: it needs a yearly coefficient and is done explicitly in
``ecer.core.energy``. Nothing converts silently: every number that crosses a boundary is a
``Quantity`` or carries its unit in a column name or metadata.

>>> from ecer.units import Q_, ureg  # built at first use (``registry``)
>>> q = Q_(1, "wan_tce").to("tce")
>>> float(q.magnitude)
10000.0
>>> round(float(Q_(1, "kWh").to("kgce").magnitude), 4)  # 当量值: 3 600 kJ / 29 307 kJ
0.1228
>>> parse_unit("万吨标准煤") == ureg.Unit("wan_tce")
True
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pint

    ureg: pint.UnitRegistry
    Q_ = pint.UnitRegistry().Quantity
    Quantity = pint.Quantity

# The registry is built at its first use, not at import (pint's import and the registry's parse of its definitions
# take ≈ 0.5 s, and a check or load whose header units are the template's own needs neither: see ``alias``).
# ``ureg``, ``Q_`` and ``Quantity`` stay attributes of this module (``__getattr__``); one registry per process, built
# under a lock (quantities of two registries cannot be combined, and the server runs requests on several threads).
_REGISTRY: list[pint.UnitRegistry] = []
_LOCK = threading.Lock()


def registry() -> pint.UnitRegistry:
    """The process's one pint registry with ECER's units (built at the first call)."""
    if _REGISTRY:
        return _REGISTRY[0]
    with _LOCK:
        if not _REGISTRY:
            import pint

            reg: pint.UnitRegistry = pint.UnitRegistry(on_redefinition="raise", autoconvert_offset_to_baseunit=False)
            reg.define("kilogram_coal_equivalent = 29307 * kilojoule = kgce")
            reg.define("gram_coal_equivalent = 0.001 * kgce = gce")
            reg.define("tonne_coal_equivalent = 1000 * kgce = tce")
            reg.define("wan_tonne_coal_equivalent = 10000 * tce = wan_tce = 万tce")
            reg.define("yi_tonne_coal_equivalent = 100000000 * tce = yi_tce = 亿tce")
            reg.define("kilogram_oil_equivalent = 41816 * kilojoule = kgoe")
            reg.define("tonne_oil_equivalent_gb = 1000 * kgoe = toe_gb")  # pint's own `toe` is the IEA 41.868 GJ
            reg.define("CNY = [currency] = yuan")
            reg.define("wan_CNY = 10000 * CNY = 万元")
            reg.define("yi_CNY = 100000000 * CNY = 亿元")
            reg.define("wan_kWh = 10000 * kWh = 万千瓦时")
            reg.define("wan_cubic_metre = 10000 * meter ** 3 = wan_m3")
            reg.define("yi_cubic_metre = 100000000 * meter ** 3 = yi_m3")
            reg.define("wan_tonne = 10000 * tonne = wan_t")
            reg.define("yi_tonne = 100000000 * tonne = yi_t")
            reg.define("wan_kilometre = 10000 * kilometer = wan_km")
            reg.define("yi_kWh = 100000000 * kWh = 亿千瓦时")
            _REGISTRY.append(reg)
    return _REGISTRY[0]


def __getattr__(name: str) -> Any:
    if name == "ureg":
        return registry()
    if name == "Q_":
        return registry().Quantity
    if name == "Quantity":
        import pint

        return pint.Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Labels people write in headers, mapped onto registry units. Keys are matched after removing
# spaces and case-folding.
_ALIASES: dict[str, str] = {
    "tce": "tce", "吨标准煤": "tce", "吨标煤": "tce", "t标准煤": "tce",
    "万tce": "wan_tce", "万吨标准煤": "wan_tce", "万吨标煤": "wan_tce", "10^4tce": "wan_tce", "10⁴tce": "wan_tce",
    "亿tce": "yi_tce", "亿吨标准煤": "yi_tce",
    "kgce": "kgce", "千克标准煤": "kgce", "千克标煤": "kgce", "gce": "gce", "克标准煤": "gce",
    "kgoe": "kgoe", "千克标准油": "kgoe", "toe": "toe_gb", "吨标准油": "toe_gb",
    "kwh": "kWh", "千瓦时": "kWh", "度": "kWh",
    "mwh": "MWh", "兆瓦时": "MWh", "gwh": "GWh", "twh": "TWh",
    "万kwh": "wan_kWh", "万千瓦时": "wan_kWh", "亿kwh": "yi_kWh", "亿千瓦时": "yi_kWh",
    "万m3": "wan_m3", "万立方米": "wan_m3", "万m³": "wan_m3", "亿m3": "yi_m3", "亿立方米": "yi_m3", "亿m³": "yi_m3",
    "吨": "t", "万吨": "wan_t", "亿吨": "yi_t", "千克": "kg", "公斤": "kg", "立方米": "m**3", "m³": "m**3",
    "万公里": "wan_km", "吉焦": "GJ", "兆焦": "MJ",
    "万m3/d": "wan_m3/day", "万立方米/日": "wan_m3/day", "万吨/d": "wan_t/day", "万吨/日": "wan_t/day",
    "元": "CNY", "cny": "CNY", "万元": "wan_CNY", "10^4cny": "wan_CNY", "10⁴cny": "wan_CNY",
    "亿元": "yi_CNY", "10^8cny": "yi_CNY", "10⁸cny": "yi_CNY",
    "tce/万元": "tce/wan_CNY", "吨标准煤/万元": "tce/wan_CNY", "tce/10^4cny": "tce/wan_CNY",
    # reference-data labels (ecer.refdata): coal rates, per-area/volume coefficients, CO2 factors, counts
    "gce/kwh": "mkgce/kWh", "克标准煤/千瓦时": "mkgce/kWh", "kgce/kwh": "kgce/kWh", "千克标准煤/千瓦时": "kgce/kWh",
    "kgce/m2": "kgce/m**2", "kgce/m3": "kgce/m**3", "m3": "m**3", "m2": "m**2",
    "kgoe/(t·能量因数)": "kgoe/t", "kgce/重量箱": "kgce/count",
    "kgco2/kwh": "kg/kWh", "tco2/mwh": "t/MWh", "家": "count", "百分点": "percent", "%": "percent",
}


def _key(label: str) -> str:
    return re.sub(r"\s+", "", label).casefold()


_ALIAS_KEYS: dict[str, str] = {}
for _label, _unit in _ALIASES.items():
    _ALIAS_KEYS.setdefault(_key(_label), _unit)
_NAMES = frozenset(_ALIASES.values())  # the registry's own spelling of every alias's unit (``yi_CNY``, ``MWh``)


def alias(label: str) -> str | None:
    """The registry unit a header label names when it is one of ECER's aliases (spaces and case ignored) or the
    registry's own name of one (exactly as written), else ``None`` — without building the registry.

    >>> alias(" 万吨标准煤 "), alias("MWH"), alias("yi_CNY"), alias("furlong")
    ('wan_tce', 'MWh', 'yi_CNY', None)
    """
    unit = _ALIAS_KEYS.get(_key(label))
    if unit is None and label.strip() in _NAMES:
        return label.strip()
    return unit


def parse_unit(label: str) -> pint.Unit:
    """Parse a unit label as written in a header (Chinese or English) into a registry unit.

    Raises ``ValueError`` naming the label when it is not known.

    >>> str(parse_unit("亿元"))
    'yi_CNY'
    >>> str(parse_unit(" MWh "))
    'megawatt_hour'
    """
    import pint

    ureg = registry()
    unit = alias(label)
    if unit is not None:
        return ureg.Unit(unit)
    try:
        return ureg.Unit(label.strip())
    except (pint.errors.UndefinedUnitError, AttributeError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown unit {label!r}") from exc


def _shortcut(a: object, b: object) -> float | None:
    """pint's factor from ``a`` to ``b`` when both are ECER's labels of one dimension (1 for one unit twice; else
    ``ecer.unit_factors``, pint's own answers written out), without the registry; ``None`` otherwise."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return None
    ua, ub = alias(a), alias(b)
    if ua is None or ub is None:
        return None
    if ua == ub:
        return 1.0
    from ecer.unit_factors import FACTORS

    return FACTORS.get((ua, ub))


def _both_aliases(a: object, b: object) -> bool:
    return isinstance(a, str) and isinstance(b, str) and alias(a) is not None and alias(b) is not None


def same_unit(a: str | pint.Unit, b: str | pint.Unit) -> bool:
    """True when two labels name the same unit (not merely the same dimension).

    >>> same_unit("万tce", "万吨标准煤"), same_unit("tce", "万tce")
    (True, False)
    """
    f = _shortcut(a, b)
    if f is not None:
        return abs(f - 1) < 1e-12
    if _both_aliases(a, b):  # the factor table holds every pair of one dimension: these are two dimensions
        return False
    ua = parse_unit(a) if isinstance(a, str) else a
    ub = parse_unit(b) if isinstance(b, str) else b
    if ua.dimensionality != ub.dimensionality:
        return False
    return bool(abs(registry().Quantity(1, ua).to(ub).magnitude - 1) < 1e-12)


def factor(from_unit: str | pint.Unit, to_unit: str | pint.Unit) -> float:
    """Multiplicative factor from one unit to another of the same dimension (``ValueError`` for a label no unit
    has, pint's ``DimensionalityError`` — a ``TypeError`` — for two dimensions).

    >>> factor("万tce", "tce"), factor("亿元", "万元"), factor("吨标准煤", "tce")
    (10000.0, 10000.0, 1.0)
    """
    f = _shortcut(from_unit, to_unit)
    if f is not None:
        return f
    fu = parse_unit(from_unit) if isinstance(from_unit, str) else from_unit
    tu = parse_unit(to_unit) if isinstance(to_unit, str) else to_unit
    return float(registry().Quantity(1, fu).to(tu).magnitude)
