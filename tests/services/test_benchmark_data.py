"""Enterprises, production units and unit performance (issue 7 §1): templates, checks, atomic loads, revisions and
``performance_frame``. Expected values are worked by hand in the comments."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ecer.cli.main import app
from ecer.core.identifiers import CREDIT_CODE_CHARACTERS, credit_code_check_character
from ecer.findings import FindingsError
from ecer.ingest import read_table, write_template
from ecer.services.benchmark_data import PERFORMANCE_SCHEMA, basis_window, incomplete_years, performance_frame
from ecer.services.loading import load_files
from ecer.storage import Store

HUAWEI = "914403001922038216"  # Huawei Technologies Co., Ltd. (business licence); check character 6
TENCENT = "9144030071526726XG"  # Tencent Technology (Shenzhen) Co., Ltd.; check character G

THIRD = "91440300MA5F00000" + credit_code_check_character(
    "91440300MA5F00000"
)  # a code made valid by GB 32100

ENT_HEADER = ["统一社会信用代码", "企业名称", "地区代码", "行业代码", "重点用能单位"]
UNIT_HEADER = [
    "装置编号",
    "企业统一社会信用代码",
    "重点领域",
    "细分类别",
    "产能",
    "产能单位",
    "投产年份",
    "可改造",
]
PERF_CARRIERS = ["装置编号", "期间", "产量", "原煤（吨）", "电力（兆瓦时）"]
PERF_REPORTED = ["装置编号", "期间", "产量", "单位产品能耗"]


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "ent": _csv(
            tmp_path / "ent.csv",
            ENT_HEADER,
            [[HUAWEI, "甲水泥", "440300", "3011", "是"], [TENCENT, "乙钢铁", "440300", "3120", "否"]],
        ),
        "units": _csv(
            tmp_path / "units.csv",
            UNIT_HEADER,
            [
                ["C1", HUAWEI, "水泥熟料", "通用", 150, "万t/a", 2012, "是"],
                ["S1", TENCENT, "炼钢", "转炉工序", 300, "万t/a", 2008, "否"],
            ],
        ),
        # 1 000 t raw coal × 0.7143 tce/t + 500 MWh × 0.1229 tce/MWh = 714.3 + 61.45 = 775.75 tce over 7 000 t
        "perf": _csv(tmp_path / "perf.csv", PERF_CARRIERS, [["C1", "2023", 7000, 1000, 500]]),
    }


def _load_all(store: Store, files: dict[str, Path], **kw: object):
    return load_files(
        store,
        "unit_performance",
        [files["perf"]],
        with_files=[("enterprises", files["ent"]), ("production_units", files["units"])],
        **kw,
    )


# --- credit codes -------------------------------------------------------------------------------------------------
def test_bad_credit_code_is_rejected_with_its_row_and_reason(tmp_path: Path) -> None:
    bad = HUAWEI[:-1] + "7"  # one character changed: the check character
    p = _csv(
        tmp_path / "e.csv",
        ENT_HEADER,
        [[HUAWEI, "甲", "440300", "3011", "是"], [bad, "乙", "440300", "3011", "否"]],
    )
    r = read_table(p, "enterprises", known_regions={"440300"})
    assert r.frame is None
    [f] = [f for f in r.findings if f.code == "E_CREDIT_CODE_INVALID"]
    assert f.location is not None and f.location.row == 3 and f.location.column == "统一社会信用代码"
    assert f.evidence["value"] == bad
    # GB 32100 gives 6 for the first 17 characters of Huawei's code (worked in tests/core/test_identifiers.py)
    assert "is '7', GB 32100-2015 gives '6'" in f.message_en and "应为“6”" in f.message_zh


def test_a_changed_middle_character_is_caught_too(tmp_path: Path) -> None:
    # position 10 '1' → '2': the weighted sum changes by W_10 = 3^9 mod 31 = 29, so the check character no longer fits
    bad = HUAWEI[:9] + "2" + HUAWEI[10:]
    p = _csv(tmp_path / "e.csv", ENT_HEADER, [[bad, "甲", "440300", "3011", "是"]])
    r = read_table(p, "enterprises", known_regions={"440300"})
    assert [f.code for f in r.errors] == ["E_CREDIT_CODE_INVALID"]


@settings(max_examples=60, deadline=None)
@given(pos=st.integers(0, 16), char=st.sampled_from(CREDIT_CODE_CHARACTERS))
def test_any_single_substitution_in_the_first_17_is_rejected(pos: int, char: str) -> None:
    """Property: GB 32100's weights 3^i mod 31 are non-zero and 31 is prime, so any one substituted character among
    the first 17 changes the sum mod 31 and the check character no longer fits."""
    if HUAWEI[pos] == char:
        return
    code = HUAWEI[:pos] + char + HUAWEI[pos + 1 :]
    data = (f"统一社会信用代码,企业名称,地区代码,行业代码,重点用能单位\n{code},甲,440300,3011,是\n").encode()
    r = read_table(data, "enterprises", filename="e.csv", known_regions={"440300"})
    assert [f.code for f in r.errors] == ["E_CREDIT_CODE_INVALID"]


def test_industry_codes(tmp_path: Path) -> None:
    p = _csv(
        tmp_path / "e.csv",
        ENT_HEADER,
        [
            [HUAWEI, "甲", "440300", "3011", "是"],  # 水泥制造: listed
            [TENCENT, "乙", "440300", "3199", "否"],  # division 31 is complete
            [THIRD, "丙", "440300", "1311", "否"],
        ],
    )
    r = read_table(p, "enterprises", known_regions={"440300"})
    codes = {(f.code, f.location.row if f.location else None) for f in r.findings}
    assert ("E_INDUSTRY_CODE_INVALID", 3) in codes  # 3199: no such class in 黑色金属冶炼和压延加工业
    assert (
        "W_INDUSTRY_CODE_UNVERIFIED",
        4,
    ) in codes  # 1311 (谷物磨制): division 13 listed without its classes
    assert not any(c == "E_INDUSTRY_CODE_INVALID" and row == 2 for c, row in codes)


def test_region_code_decision_is_the_energy_templates(tmp_path: Path) -> None:
    p = _csv(tmp_path / "e.csv", ENT_HEADER, [[HUAWEI, "甲", "990000", "3011", "是"]])
    r = read_table(p, "enterprises", known_regions={"440300"})
    assert [f.code for f in r.errors] == ["E_REGION_UNKNOWN"]


# --- production units ---------------------------------------------------------------------------------------------
def test_unit_whose_enterprise_is_missing(tmp_path: Path, files: dict[str, Path]) -> None:
    with Store.memory() as store:
        before = store.snapshot()
        with pytest.raises(FindingsError) as exc:
            load_files(
                store, "production_units", [files["units"]]
            )  # no enterprises stored, none with the load
        [f1, f2] = [f for f in exc.value.findings if f.code == "E_ENTERPRISE_UNKNOWN"]
        assert (f1.location.row, f1.evidence["value"]) == (2, HUAWEI)  # type: ignore[union-attr]
        assert (f2.location.row, f2.evidence["value"]) == (3, TENCENT)  # type: ignore[union-attr]
        assert all(store.snapshot()[k].equals(v) for k, v in before.items())
        # the same file loads once its enterprises are in the same load
        out = load_files(
            store, "production_units", [files["units"]], with_files=[("enterprises", files["ent"])]
        )
        assert [r.table for r in out.receipts] == ["enterprises", "production_units"]


def test_unknown_field_and_sub_category(tmp_path: Path) -> None:
    p = _csv(
        tmp_path / "u.csv",
        UNIT_HEADER,
        [
            ["A", HUAWEI, "水泥", "通用", 1, "万t/a", 2012, "是"],
            ["B", HUAWEI, "水泥熟料", "白水泥", 1, "万t/a", 2012, "是"],
            ["C", HUAWEI, "建筑陶瓷", "吸水率>10%的陶瓷砖", 1, "万m2/a", 2012, ""],
            ["D", HUAWEI, "水泥熟料", "通用", 1, "吨箱/a", 2012, "否"],
        ],
    )
    r = read_table(p, "production_units")
    got = sorted((f.code, f.location.row) for f in r.findings if f.location)  # type: ignore[misc]
    assert ("E_BENCHMARK_FIELD_UNKNOWN", 2) in got
    assert ("E_SUB_CATEGORY_UNKNOWN", 3) in got
    assert ("E_UNIT_INVALID", 5) in got  # 吨箱/a does not parse
    assert not any(row == 4 for _, row in got)  # the short name 建筑陶瓷 is the catalog's field


def test_upgradable_defaults_to_yes(tmp_path: Path) -> None:
    p = _csv(tmp_path / "u.csv", UNIT_HEADER[:-1], [["A", HUAWEI, "水泥熟料", "通用", 1, "万t/a", 2012]])
    r = read_table(p, "production_units")
    assert r.frame is not None and r.frame["upgradable"].to_list() == ["yes"]


# --- unit performance ---------------------------------------------------------------------------------------------
def test_unit_energy_from_carriers_by_hand(files: dict[str, Path]) -> None:
    with Store.memory() as store:
        _load_all(store, files)
        row = store.current("unit_performance").row(0, named=True)
        assert row["comprehensive_energy"] == pytest.approx(775.75)  # tce
        assert row["unit_energy"] == pytest.approx(
            110.821428, rel=1e-6
        )  # 775.75 tce / 7 000 t = 110.82 kgce/t
        assert (row["unit_energy_unit"], row["energy_source"]) == ("kgce/t", "carriers")
        frame = performance_frame(store)
        assert dict(frame.schema) == PERFORMANCE_SCHEMA
        got = frame.row(0, named=True)
        assert got == {
            "unit_id": "C1",
            "enterprise": HUAWEI,
            "region": "440300",
            "field": "水泥熟料",
            "sub_category": "通用",
            "year": 2023,
            "capacity": 150.0,
            "capacity_unit": "万t/a",
            "output": 7000.0,
            "unit_energy": pytest.approx(110.821428, rel=1e-6),
            "upgradable": True,
        }


def test_reported_value_in_another_unit_is_converted(tmp_path: Path, files: dict[str, Path]) -> None:
    perf = _csv(tmp_path / "p.csv", [*PERF_REPORTED, "能耗单位"], [["C1", "2023", 7000, 0.108, "tce/t"]])
    with Store.memory() as store:
        load_files(
            store,
            "unit_performance",
            [perf],
            with_files=[("enterprises", files["ent"]), ("production_units", files["units"])],
        )
        assert store.current("unit_performance")["unit_energy"][0] == pytest.approx(108.0)  # 0.108 tce/t


def test_months_make_a_year_only_when_all_twelve_are_there(tmp_path: Path, files: dict[str, Path]) -> None:
    # C1: Jan–Jun 500 t at 100 kgce/t, Jul–Dec 1 000 t at 120 kgce/t (all 12 months); S1: 11 months only (left out)
    rows = [["C1", f"2023-{m:02d}", 500 if m <= 6 else 1000, 100 if m <= 6 else 120] for m in range(1, 13)]
    rows += [["S1", f"2023-{m:02d}", 1000, -20] for m in range(1, 12)]
    perf = _csv(tmp_path / "m.csv", PERF_REPORTED, rows)
    with Store.memory() as store:
        load_files(
            store,
            "unit_performance",
            [perf],
            with_files=[("enterprises", files["ent"]), ("production_units", files["units"])],
        )
        frame = performance_frame(store, year=2023)
        assert frame["unit_id"].to_list() == ["C1"]
        # output 6 × 500 + 6 × 1 000 = 9 000 t; energy (6 × 500 × 100 + 6 × 1 000 × 120) / 9 000 = 1 020 000 / 9 000
        assert frame["output"][0] == pytest.approx(9000.0)
        assert frame["unit_energy"][0] == pytest.approx(113.3333333)
        gaps = incomplete_years(store)
        assert gaps.to_dicts() == [{"unit_id": "S1", "year": 2023, "months": list(range(1, 12))}]


def test_basis_warning_for_a_tce_slip(tmp_path: Path, files: dict[str, Path]) -> None:
    # cement clinker levels 100 (benchmark) / 117 (baseline) kgce/t: window [50, 234]; 0.108 (tce/t written as
    # kgce/t) is outside, and ×1000 = 108 falls inside
    perf = _csv(tmp_path / "p.csv", PERF_REPORTED, [["C1", "2023", 7000, 0.108], ["C1", "2022", 7000, 112]])
    with Store.memory() as store:
        out = _load_all(store, {**files, "perf": perf})
        [w] = [f for f in out.findings if f.code == "W_UNIT_ENERGY_BASIS"]
        assert w.location is not None and w.location.row == 2
        assert w.evidence["window"] == "[50, 234]" and "×1000" in w.message_en
        assert "可比熟料综合能耗" in w.fix_zh  # the basis the levels table names for cement (1464号: 可比熟料综合能耗)
        assert store.current("unit_performance").height == 2  # warned, not refused, not changed
        assert store.current("unit_performance", period="2023")["unit_energy"][0] == 0.108


def test_basis_window_by_hand() -> None:
    assert basis_window(100, 117) == (50.0, 234.0)  # 0.5 × 100, 2 × 117
    assert basis_window(-30, -10) == (-90.0, 50.0)  # W = 30: −30 − 60, −10 + 60
    assert basis_window(1100, 1350) == (550.0, 2700.0)


def test_negative_converter_value_is_accepted(tmp_path: Path, files: dict[str, Path]) -> None:
    perf = _csv(tmp_path / "p.csv", PERF_REPORTED, [["S1", "2023", 3_000_000, -25]])
    with Store.memory() as store:
        out = _load_all(store, {**files, "perf": perf})
        assert not [f for f in out.findings if f.level != "info"]
        assert performance_frame(store)["unit_energy"].to_list() == [-25.0]


def test_unknown_unit_and_missing_energy(tmp_path: Path, files: dict[str, Path]) -> None:
    perf = _csv(
        tmp_path / "p.csv",
        PERF_REPORTED,
        [["X9", "2023", 10, 100], ["C1", "2023", 10, ""], ["C1", "2023Q1", 10, 100]],
    )
    with Store.memory() as store:
        with pytest.raises(FindingsError) as exc:
            _load_all(store, {**files, "perf": perf})
        got = {(f.code, f.location.row) for f in exc.value.findings if f.location and f.level == "error"}
        assert ("E_UNIT_ENERGY_MISSING", 3) in got and ("E_VALUE_INVALID", 4) in got
        assert all(t.is_empty() for t in store.snapshot().values())
    perf2 = _csv(tmp_path / "p2.csv", PERF_REPORTED, [["X9", "2023", 10, 100]])
    with Store.memory() as store:
        with pytest.raises(FindingsError) as exc:
            _load_all(store, {**files, "perf": perf2})
        assert [(f.code, f.location.row) for f in exc.value.errors] == [("E_UNIT_UNKNOWN", 2)]  # type: ignore[union-attr]


# --- atomic loads and revisions -----------------------------------------------------------------------------------
def test_failed_load_leaves_the_store_as_it_was(
    tmp_path: Path, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.load(
            "enterprises",
            pl.DataFrame(
                {
                    "credit_code": ["91110000MA0000000X"[:17] + "0"],
                    "name": ["x"],
                    "region_code": ["110000"],
                    "industry_code": ["3011"],
                    "key_energy_user": ["no"],
                }
            ),
            file="seed.csv",
            who="t",
            why="seed",
        )
        before = store.snapshot()
        calls = {"n": 0}
        original = Store._insert_log

        def fail_third(self: Store, log: pl.DataFrame) -> None:
            calls["n"] += 1
            if calls["n"] == 3:  # enterprises and units went in; the performance load fails
                raise RuntimeError("disk full")
            original(self, log)

        monkeypatch.setattr(Store, "_insert_log", fail_third)
        with pytest.raises(RuntimeError, match="disk full"):
            _load_all(store, files)
        monkeypatch.undo()
        after = store.snapshot()
        assert after.keys() == before.keys() and all(after[k].equals(before[k]) for k in before)


def test_reload_shows_a_revision_preview(tmp_path: Path, files: dict[str, Path]) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.duckdb")
    args = [
        "load",
        "unit_performance",
        str(files["perf"]),
        "--store",
        db,
        "--with",
        f"enterprises={files['ent']}",
        "--with",
        f"production_units={files['units']}",
    ]
    assert runner.invoke(app, args).exit_code == 0
    changed = _csv(
        tmp_path / "units2.csv", UNIT_HEADER, [["C1", HUAWEI, "水泥熟料", "通用", 200, "万t/a", 2012, "是"]]
    )
    res = runner.invoke(app, ["load", "production_units", str(changed), "--store", db])
    assert res.exit_code == 1
    assert "E_REVISION_UNCONFIRMED" in res.output and "unit_id=C1" in res.output and "150" in res.output
    with Store.open(db) as store:
        assert store.current("production_units", unit_id="C1")["capacity"][0] == 150.0  # nothing loaded
    res = runner.invoke(app, ["load", "production_units", str(changed), "--store", db, "--revise"])
    assert res.exit_code == 0
    with Store.open(db) as store:
        hist = store.history("production_units", {"unit_id": "C1"})
        assert hist["capacity"].to_list() == [150.0, 200.0] and hist["version"].to_list() == [1, 2]


def test_cli_check_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = _csv(tmp_path / "e.csv", ENT_HEADER, [[HUAWEI[:-1] + "7", "甲", "440300", "3011", "是"]])
    res = runner.invoke(app, ["check", str(bad)])
    assert res.exit_code == 1 and "E_CREDIT_CODE_INVALID" in res.output and "第 2 行" in res.output


@pytest.mark.parametrize("name", ["enterprises", "production_units", "unit_performance"])
def test_templates_are_written_and_read_back(tmp_path: Path, name: str) -> None:
    p = write_template(name, tmp_path / f"{name}.xlsx")
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["数据", "说明"]
    if name == "unit_performance":
        text = " ".join(str(c) for row in wb["说明"].iter_rows(values_only=True) for c in row if c)
        assert "可比熟料综合能耗" in text  # the basis note
        assert "水泥熟料" in text and "kgce/t" in text  # the per-field indicator list from the catalog


# --- invariants ---------------------------------------------------------------------------------------------------
_qty = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(coal=_qty, power=_qty, heat=_qty, output=st.floats(min_value=1, max_value=1e7), k=st.floats(0.01, 100))
def test_unit_energy_from_carriers_is_scale_free(
    coal: float, power: float, heat: float, output: float, k: float
) -> None:
    """Scaling every quantity and the output by k leaves the unit energy unchanged (it is a ratio), and the total
    is the coefficient-weighted sum (0.7143 tce/t, 0.1229 tce/MWh, 0.03412 tce/GJ, GB/T 2589 附录A)."""
    from ecer.services.benchmark_data import IndicatorUnit, comprehensive_tce

    frame = pl.DataFrame(
        {"raw_coal": [coal, coal * k], "electricity": [power, power * k], "heat": [heat, heat * k]}
    )
    tce = comprehensive_tce(frame).to_list()
    assert tce[0] == pytest.approx(coal * 0.7143 + power * 0.1229 + heat * 0.03412, rel=1e-9, abs=1e-9)
    unit = IndicatorUnit.parse("kgce/t")
    assert unit is not None
    a = unit.from_tce(tce[0], output, "")
    b = unit.from_tce(tce[1], output * k, "")
    assert a is not None and b is not None and b == pytest.approx(a, rel=1e-9, abs=1e-9)
    # the output in 万t gives the same kgce per t
    c = unit.from_tce(tce[0], output / 1e4, "万t")
    assert c == pytest.approx(a, rel=1e-9, abs=1e-9)


@given(b=st.floats(-1e4, 1e5, allow_nan=False), d=st.floats(0.001, 1e4))
def test_basis_window_holds_both_levels(b: float, d: float) -> None:
    lo, hi = basis_window(b, b + d)
    assert lo <= b and b + d <= hi


def test_store_checks_are_capped_like_the_ingest_ones(tmp_path: Path) -> None:
    """250 units of an unknown enterprise: 200 findings listed, the other 50 counted (W_FINDINGS_TRUNCATED)."""
    p = _csv(
        tmp_path / "u.csv",
        UNIT_HEADER,
        [[f"U{i}", HUAWEI, "水泥熟料", "通用", 1, "万t/a", 2012, "是"] for i in range(250)],
    )
    with Store.memory() as store, pytest.raises(FindingsError) as exc:
        load_files(store, "production_units", [p])
    codes = [f.code for f in exc.value.findings]
    assert codes.count("E_ENTERPRISE_UNKNOWN") == 200
    [t] = [f for f in exc.value.findings if f.code == "W_FINDINGS_TRUNCATED"]
    assert (t.evidence["finding_code"], t.evidence["total"], t.evidence["shown"]) == (
        "E_ENTERPRISE_UNKNOWN",
        250,
        200,
    )
