"""``validate.check_cells`` runs every column's parsing and checks as a few polars queries over the whole batch. It
must find exactly what the column-by-column parsers of ``ecer.ingest.cells`` (hand-tested in test_ingest_cells.py)
say, check by check: the typed values (after the unit factor), and per (code, column) every reported row and the
total. The cells are drawn from a vocabulary of hostile values (thousands separators strict and not, NaN and inf,
Excel booleans, fraction-like percents, negative numbers, malformed, unknown and retired region codes, period and
year spellings, enum spellings), so the rare branches (the thousands retry, the non-finite nulling, the retired
split) are taken in most examples."""

from __future__ import annotations

from collections import defaultdict

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecer.ingest.cells import (
    parse_codes,
    parse_dates,
    parse_enum,
    parse_numbers,
    parse_periods,
    parse_years,
)
from ecer.ingest.collector import Collector
from ecer.ingest.columns import Mapped
from ecer.ingest.templates import TEMPLATES
from ecer.ingest.validate import ROW, check_cells
from ecer.refdata import retirement

ENERGY = TEMPLATES["energy"]
TARGETS = TEMPLATES["targets"]
SPECS = [ENERGY.column("region_code"), ENERGY.column("period"), ENERGY.column("total_energy"),
         ENERGY.column("price_base_year"), ENERGY.column("data_origin"), ENERGY.column("electricity_coal_rate"),
         TARGETS.column("intensity_reduction_basic"), TARGETS.column("gdp_growth_plan"),
         TEMPLATES["unit_performance"].column("unit_energy"), TEMPLATES["projects"].column("energy_review_date"),
         TEMPLATES["regions"].column("name_zh")]
# 110101 is in the known set below; 110100 is unknown; 469003 (儋州市 as a county code) and 320102 (南京玄武区 before
# 2013) are retired GB/T 2260 codes when the catalog table lists them (either way the oracle asks ``retirement``).
VOCAB = {
    "code": ["110101", "110101", "110100", "469003", "320102", "12345", "11010x", None],
    "period": ["2021", "2021q3", "2021-07", "2021H1", "2021-13", "abc", None],
    "number": ["12", "-5", "1,234.5", "1,23", "12万", "nan", "inf", "-inf", "TRUE", "0.5", "1e3", "0", None],
    "percent": ["13.5", "0.5", "-0.2", "100", "150", "x", "nan", "0", None],
    "year": ["2020", "2020.0", "1900", "20x0", None],
    "enum": ["official", "官方", " Synthetic ", "bogus", None],
    "date": ["2022-03-15", "2022/3/5", "2022年3月15日", "2022-02-30", None],
    "text": ["北京", "x", None],
}
KNOWN = {"110101", "110102"}


def _oracle(text: pl.Series, spec):
    if spec.kind in ("number", "percent"):
        return parse_numbers(text, None)
    return {"code": parse_codes, "period": parse_periods, "year": parse_years, "date": parse_dates,
            "enum": lambda t: parse_enum(t, spec.choices)}[spec.kind](text)


def _expected(cols: dict[str, list[str | None]], mapped: list[Mapped], first_row: int):
    """(code, column) → list of reported rows, and the typed values, computed column by column."""
    want: dict[tuple[str, str], list[int]] = defaultdict(list)
    values: dict[str, list[object]] = {}
    rows = list(range(first_row, first_row + len(next(iter(cols.values())))))
    bad_code = {"number": "E_NOT_NUMBER", "percent": "E_NOT_NUMBER", "code": "E_REGION_MALFORMED",
                "period": "E_PERIOD_MALFORMED", "year": "E_VALUE_INVALID", "enum": "E_VALUE_INVALID",
                "date": "E_VALUE_INVALID"}
    for m in mapped:
        spec, text = m.spec, pl.Series(cols[m.spec.name], dtype=pl.String)

        def add(code: str, mask: list[bool], m: Mapped = m) -> None:
            want[(code, m.header)] += [r for r, hit in zip(rows, mask, strict=True) if hit]

        if spec.cell_required:
            add("E_REQUIRED", text.is_null().to_list())
        if spec.kind == "text":
            values[spec.name] = text.to_list()
            continue
        p = _oracle(text, spec)
        add("E_PRICE_BASE_MALFORMED" if spec.name == "price_base_year" else bad_code[spec.kind], p.bad.to_list())
        v = p.values.to_list()
        if spec.kind in ("number", "percent"):
            if spec.nonneg:
                add("E_NEGATIVE", [x is not None and x < 0 for x in v])
            if spec.kind == "percent":
                if spec.nonneg:
                    add("E_VALUE_INVALID", [x is not None and x >= 100 for x in v])
                add("W_PERCENT_LOOKS_FRACTION", [x is not None and 0 < abs(x) < 1 for x in v])
            if m.factor != 1.0:
                v = (p.values * m.factor).round_sig_figs(15).to_list()
        if spec.kind == "code":
            unknown = [x is not None and x not in KNOWN for x in v]
            retired = [u and (r := retirement(x)) is not None and bool(r.successors) for u, x in zip(unknown, v, strict=True)]
            add("E_REGION_UNKNOWN", [u and not r for u, r in zip(unknown, retired, strict=True)])
            add("E_REGION_RETIRED", retired)
        values[spec.name] = v
    return {k: rs for k, rs in want.items() if rs}, values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), n=st.integers(1, 40), first=st.integers(2, 500))
def test_check_cells_finds_what_the_column_parsers_find(data, n, first):
    cols = {s.name: data.draw(st.lists(st.sampled_from(VOCAB[s.kind]), min_size=n, max_size=n), label=s.name)
            for s in SPECS}
    factors = {s.name: data.draw(st.sampled_from([1.0, 1e4, 0.01]), label=f"factor {s.name}")
               for s in SPECS if s.kind in ("number", "percent")}
    mapped = [Mapped(i, s, f"h{i}", factors.get(s.name, 1.0)) for i, s in enumerate(SPECS)]
    # the batch as validate_batched hands it over: cleaned text c0..cN and the file's row numbers
    from ecer.ingest.cells import clean_text_expr

    frame = pl.DataFrame({f"c{i}": pl.Series(cols[s.name], dtype=pl.String) for i, s in enumerate(SPECS)})
    frame = frame.with_columns(clean_text_expr(c) for c in frame.columns)
    frame = frame.with_columns(pl.Series(ROW, range(first, first + n), dtype=pl.Int64))
    cleaned = {s.name: frame[f"c{i}"].to_list() for i, s in enumerate(SPECS)}
    col = Collector(file="f.csv", sheet=None, cap=10_000)
    typed = check_cells(frame, None, mapped, ENERGY, KNOWN, col)
    got: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f in col.findings():
        assert f.location is not None and f.location.row is not None, f
        got[(f.code, str(f.location.column))].append(f.location.row)
    want, values = _expected(cleaned, mapped, first)
    assert {k: sorted(v) for k, v in got.items()} == want
    for s in SPECS:
        assert typed.frame[s.name].to_list() == values[s.name], s.name
        assert typed.frame[f"raw__{s.name}"].to_list() == cleaned[s.name]
    assert typed.frame[ROW].to_list() == list(range(first, first + n))
