"""Write src/ecer/unit_factors.py: pint's factor between every two of ECER's unit aliases of one dimension.

Run: .venv/bin/python scripts/build_unit_factors.py (after adding an alias or a unit to ``ecer.units``). The table is
pint's own answer (``ecer.units.factor`` on the parsed units), written out so that a check or load whose header
units are ECER's labels converts them without importing pint and building its registry (≈ 0.45 s of every process
that reads a file). ``tests/test_units_periods.py`` recomputes every entry with the registry and fails when one
differs, is missing or is left over.
"""

from __future__ import annotations

from pathlib import Path

from ecer import units

OUT = Path(__file__).resolve().parents[1] / "src" / "ecer" / "unit_factors.py"


def table() -> dict[tuple[str, str], float]:
    """``(from, to) → factor`` for every ordered pair of alias units (registry names) of one dimensionality."""
    names = sorted(set(units._ALIASES.values()))
    parsed = {n: units.parse_unit(n) for n in names}
    return {(a, b): units.factor(parsed[a], parsed[b]) for a in names for b in names
            if a != b and parsed[a].dimensionality == parsed[b].dimensionality}


def main() -> None:
    rows = "\n".join(f"    ({a!r}, {b!r}): {f!r}," for (a, b), f in sorted(table().items()))
    OUT.write_text(f'''"""pint's factor between every two of ECER's unit aliases of one dimension (registry names), for
``ecer.units.factor`` without the registry. Written by scripts/build_unit_factors.py — do not edit; the test
``tests/test_units_periods.py::test_the_factor_table_is_pints`` recomputes it with pint."""

FACTORS: dict[tuple[str, str], float] = {{
{rows}
}}
''', encoding="utf-8")
    print(f"{OUT}: {rows.count(chr(10)) + 1} factors")


if __name__ == "__main__":
    main()
