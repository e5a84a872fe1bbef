"""The sector_energy template (issue 9 §1): its checks (each finding with its row and column), the load, and LMDI
from the stored sector rows through the service, the CLI (exit codes) and the API (status codes).

The store is the hand case of tests/handcase.py (Tianjin 120000: total energy 5000 → 5200 tce, GDP 5 → 5.3 亿元,
2020 → 2021). Tianjin's sector rows (hand-made, in tce and 亿元):

    2020  secondary  E = 3000  Q = 2.0     tertiary  E = 1500  Q = 3.0     household  E = 400
    2021  secondary  E = 3150  Q = 2.1     tertiary  E = 1800  Q = 3.2     household  E = 250

The sums, 4900 of 5000 tce (2020) and 5200 of 5200 (2021), stay within the totals; the household rows are loaded
in one test only.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.test_handcase_layers import write_files
from typer.testing import CliRunner

from ecer.api.app import create_app
from ecer.cli.main import app
from ecer.ingest import TEMPLATES
from ecer.services import analysis
from ecer.services.loading import check_file, load_file
from ecer.storage import Store

runner = CliRunner()
HEAD = {c.name: c.header for c in TEMPLATES["sector_energy"].columns}
TCE_HEAD = "能源消费量（吨标准煤）/ energy (tce)"
COLS = ["region_code", "year", "sector", "energy", "value_added", "price_base_year"]
ROWS = [
    ("120000", 2020, "第二产业", 3000, 2.0, 2020), ("120000", 2020, "tertiary", 1500, 3.0, 2020),
    ("120000", 2021, "secondary", 3150, 2.1, 2020), ("120000", 2021, "第三产业", 1800, 3.2, 2020),
]
HOUSE = [("120000", 2020, "居民生活", 400, "", 2020), ("120000", 2021, "household", 250, "", 2020)]


def write(path: Path, rows: list[tuple[object, ...]], *, energy_head: str = TCE_HEAD,
          cols: list[str] = COLS) -> Path:
    heads = [energy_head if c == "energy" else HEAD[c] for c in cols]
    lines = [",".join(heads)] + [",".join(str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the hand case's regions and energy, and no sector rows."""
    folder = write_files(tmp_path_factory.mktemp("data") / "d")
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    for name in ("regions", "energy"):
        res = runner.invoke(app, ["load", name, str(folder / f"{name}.csv"), "--store", str(path)])
        assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def store(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base store with Tianjin's two production sectors (no household rows)."""
    path = tmp_path_factory.mktemp("s2") / "s.duckdb"
    path.write_bytes(base.read_bytes())
    f = write(tmp_path_factory.mktemp("f") / "sectors.csv", ROWS)
    res = runner.invoke(app, ["load", "sector_energy", str(f), "--store", str(path)])
    assert res.exit_code == 0, res.output
    return path


def _findings(base: Path, f: Path, **kw: object) -> list[tuple[str, int | None, str | None]]:
    with Store.at(str(base)) as st:
        r = check_file(f, "sector_energy", store=st, **kw)  # type: ignore[arg-type]
    return [(x.code, x.location.row if x.location else None, x.location.column if x.location else None)
            for x in r.findings]


def test_template_columns_and_canonical_rows(base: Path, tmp_path: Path) -> None:
    assert [c.name for c in TEMPLATES["sector_energy"].columns] == [
        "region_code", "year", "sector", "energy", "value_added", "price_base_year", "co2", "data_origin"]
    f = write(tmp_path / "b.csv", ROWS + HOUSE)
    with Store.at(str(base)) as st:
        r = check_file(f, "sector_energy", store=st)
    assert r.ok, r.findings
    assert r.frame is not None
    # spellings become the codes of lmdi_sectors; 3000 tce stays 3000 tce; value added stays in 亿元
    assert r.frame["sector"].to_list() == ["secondary", "tertiary", "secondary", "tertiary", "household", "household"]
    assert r.frame["energy"].to_list()[:2] == [3000.0, 1500.0] and r.frame["value_added"].to_list()[:2] == [2.0, 3.0]
    # `ecer check FILE` without a template name finds this one from the headers (and not energy)
    assert check_file(f, None).template == "sector_energy"


def test_the_code_list() -> None:
    # lmdi_sectors 2018: 3 industries + 居民生活 + the 20 sections A–T of GB/T 4754-2017 表5, of which A is primary,
    # B–E (mining, manufacturing, utilities, construction) secondary and F–T tertiary (三次产业划分规定)
    from ecer.services.sectors import sector_codes, sector_lookup

    codes = sector_codes()
    assert len(codes) == 24 and [c for c, v in codes.items() if not v["value_added"]] == ["household"]
    sections = {c: v["industry"] for c, v in codes.items() if v["scheme"] == "sections"}
    assert sorted(sections) == [chr(x) for x in range(ord("A"), ord("T") + 1)]
    assert [c for c, i in sections.items() if i == "secondary"] == ["B", "C", "D", "E"] and sections["A"] == "primary"
    assert sector_lookup()["第二产业"] == "secondary" and sector_lookup()["制造业"] == "C"


def test_unknown_sector_mixed_schemes_and_value_added(base: Path, tmp_path: Path) -> None:
    rows = [("120000", 2020, "第四产业", 10, 1.0, 2020),      # row 2: no such sector
            ("120000", 2020, "C", 3000, 2.0, 2020),           # row 3: a section beside the industries of row 4
            ("120000", 2020, "第三产业", 1000, 3.0, 2020),
            ("120000", 2020, "居民生活", 100, 0.5, 2020),      # row 5: households have no value added
            ("120000", 2021, "第二产业", 3000, "", 2020)]      # row 6: a production sector needs one
    got = _findings(base, write(tmp_path / "c.csv", rows))
    assert ("E_SECTOR_UNKNOWN", 2, HEAD["sector"]) in got
    assert ("E_SECTOR_SCHEME_MIXED", 3, HEAD["sector"]) in got
    assert ("E_SECTOR_VALUE_ADDED", 5, HEAD["value_added"]) in got
    assert ("E_SECTOR_VALUE_ADDED", 6, HEAD["value_added"]) in got


def test_duplicates_negative_and_two_spellings(base: Path, tmp_path: Path) -> None:
    got = _findings(base, write(tmp_path / "d.csv", [*ROWS, ("120000", 2021, "第三产业", -5, 3.2, 2020)]))
    assert ("E_DUPLICATE_KEY", 6, HEAD["sector"]) in got and ("E_NEGATIVE", 6, TCE_HEAD) in got
    # 第二产业 and secondary are one sector: the second is a duplicate once the spelling is mapped
    got = _findings(base, write(tmp_path / "e.csv", [*ROWS, ("120000", 2020, "secondary", 5, 0.1, 2020)]))
    assert ("E_DUPLICATE_KEY", 6, HEAD["sector"]) in got


def test_sum_above_total_names_both_values(base: Path, tmp_path: Path) -> None:
    # 2020: 3000 + 1500 + 600 = 5100 tce against Tianjin's 5000: 2 % above, beyond the 1 % tolerance
    rows = [*ROWS, ("120000", 2020, "居民生活", 600, "", 2020)]
    with Store.at(str(base)) as st:
        r = check_file(write(tmp_path / "f.csv", rows), "sector_energy", store=st)
    above = [f for f in r.findings if f.code == "E_SECTOR_ABOVE_TOTAL"]
    assert len(above) == 1 and above[0].location is not None and above[0].location.row == 2
    assert above[0].location.column == TCE_HEAD
    assert "5,100 tce" in above[0].message_zh and "5,000 tce" in above[0].message_zh
    assert "5,100 tce" in above[0].message_en and "100 tce" in above[0].message_en and r.frame is None
    # 4900 + 50 = 4950 < 5000: fine; 5040 is within 1 % of 5000: fine too
    for extra in (50, 140):
        got = _findings(base, write(tmp_path / f"g{extra}.csv", [*ROWS, ("120000", 2020, "居民生活", extra + 400, "",
                                                                         2020)]))
        assert "E_SECTOR_ABOVE_TOTAL" not in [g[0] for g in got]
    # accepted: a warning, and the rows load
    with Store.at(str(base)) as st:
        r = check_file(write(tmp_path / "h.csv", rows), "sector_energy", store=st, accept_implausible=True)
    assert "W_SECTOR_ABOVE_TOTAL" in [f.code for f in r.findings] and r.frame is not None


def test_unit_slip(base: Path, tmp_path: Path) -> None:
    # tce figures under a 万tce header: 2020 sum 4500 万tce = 45 000 000 tce, 9000 times Tianjin's 5000 tce
    got = _findings(base, write(tmp_path / "i.csv", ROWS, energy_head=HEAD["energy"]))
    assert ("E_SECTOR_UNIT_SLIP", 2, HEAD["energy"]) in got  # the sum of 2020, reported on its first row
    # and the row itself: 30 000 000 tce ÷ 20 000 万元 = 1500 tce per 10⁴ CNY, far above 200
    assert sum(1 for g in got if g[0] == "E_SECTOR_UNIT_SLIP") == 2 + 4


def test_no_total_in_store_is_a_note(base: Path, tmp_path: Path) -> None:
    got = _findings(base, write(tmp_path / "j.csv", [("110000", 2019, "secondary", 10, 0.01, 2020)]))
    assert got == [("I_SECTOR_TOTAL_UNCHECKED", 2, TCE_HEAD)]


def _l(a: float, b: float) -> float:
    """Logarithmic mean, written out: L(a, b) = (a − b) / ln(a / b) (Ang 2005, eq. 2)."""
    return (a - b) / math.log(a / b)


def test_two_sector_lmdi_from_the_store(store: Path) -> None:
    # Ang (2005) additive LMDI-I on E = Σ_i Q·S_i·I_i (Ang 2015, Table 1), Q in 亿元 (the unit cancels in the logs):
    #   Q: 5 → 5.3; S_2 (secondary) 2/5 = 0.4 → 2.1/5.3; S_3 (tertiary) 0.6 → 3.2/5.3;
    #   I_2 = 3000/2 = 1500 → 3150/2.1 = 1500 (unchanged); I_3 = 1500/3 = 500 → 1800/3.2 = 562.5.
    #   L_2 = L(3150, 3000) = 150/ln 1.05 ≈ 3074.4;  L_3 = L(1800, 1500) = 300/ln 1.2 ≈ 1645.4
    #   activity  = (L_2 + L_3)·ln(5.3/5)                               ≈ 4719.8 × 0.058269 ≈ 275.0 tce
    #   structure = L_2·ln((2.1/5.3)/0.4) + L_3·ln((3.2/5.3)/0.6)       ≈ −29.1 + 10.3 ≈ −18.8 tce
    #   intensity = L_2·ln 1 + L_3·ln(562.5/500)                        ≈ 1645.4 × 0.11778 ≈ 193.8 tce
    #   sum = 450 tce = (3150 + 1800) − (3000 + 1500)
    l2, l3 = _l(3150, 3000), _l(1800, 1500)
    with Store.at(str(store)) as st:
        run = analysis.lmdi_region(st, "120000", 2020, 2021)
    eff = run.series.cumulative
    assert eff["activity"] == pytest.approx((l2 + l3) * math.log(5.3 / 5), rel=1e-12)
    assert eff["structure"] == pytest.approx(l2 * math.log(2.1 / 5.3 / 0.4) + l3 * math.log(3.2 / 5.3 / 0.6), rel=1e-12)
    assert eff["intensity"] == pytest.approx(l3 * math.log(1.125), rel=1e-12)
    assert eff["activity"] == pytest.approx(275.0, abs=0.1) and eff["structure"] == pytest.approx(-18.8, abs=0.1)
    d = run.to_dict()
    assert d["v0"] == 4500 and d["vt"] == 4950 and d["check"]["ok"]
    assert [w["key"] for w in d["waterfall"]] == ["start", "activity", "structure", "intensity", "end"]
    assert "sector_energy" in d["data_zh"] and "第二产业" in d["data_zh"] and "structure effect" in d["data_en"]
    # intensity identity: I = E/Q = Σ S_i·I_i in tce per 10⁴ CNY: 4500/50000 = 0.09 → 4950/53000
    with Store.at(str(store)) as st:
        ir = analysis.lmdi_region(st, "120000", 2020, 2021, identity="intensity")
    assert ir.series.steps[0].v0 == pytest.approx(0.09, rel=1e-12)
    lw2, lw3 = _l(3150 / 53000, 3000 / 50000), _l(1800 / 53000, 1500 / 50000)
    assert ir.series.cumulative["intensity"] == pytest.approx(lw3 * math.log(1.125), rel=1e-12)
    assert ir.series.cumulative["structure"] == pytest.approx(
        lw2 * math.log(2.1 / 5.3 / 0.4) + lw3 * math.log(3.2 / 5.3 / 0.6), rel=1e-12)


def test_household_is_its_own_effect(base: Path, tmp_path: Path) -> None:
    # With 居民生活 400 → 250 the production effects are those above and the household effect is exactly
    # L(250, 400)·ln(250/400) = 250 − 400 = −150 tce; multiplicatively D_h = exp(−150 / L(V^T, V^0)),
    # V = 4900 → 5200 (Ang 2005, eq. 6), and the product of the D's is 5200/4900.
    path = tmp_path / "s.duckdb"
    path.write_bytes(base.read_bytes())
    with Store.at(str(path)) as st:
        load_file(st, "sector_energy", write(tmp_path / "h.csv", ROWS + HOUSE))
        add = analysis.lmdi_region(st, "120000", 2020, 2021).series.cumulative
        mul = analysis.lmdi_region(st, "120000", 2020, 2021, form="multiplicative").series.cumulative
    assert add["household"] == pytest.approx(-150, rel=1e-12)
    assert add["intensity"] == pytest.approx(_l(1800, 1500) * math.log(1.125), rel=1e-12)
    assert mul["household"] == pytest.approx(math.exp(-150 / _l(5200, 4900)), rel=1e-12)
    assert math.prod(mul.values()) == pytest.approx(5200 / 4900, rel=1e-12)


def test_without_sector_rows_the_old_paths_say_so(base: Path) -> None:
    with Store.at(str(base)) as st:
        run = analysis.lmdi_region(st, "120000", 2020, 2021)
        assert [f.name for f in run.identity.factors] == ["activity", "intensity"]
        assert "没有分部门数据" in run.data_zh and "no structure effect" in run.data_en
        with pytest.raises(Exception) as e:
            analysis.lmdi_region(st, "120000", 2020, 2021, identity="intensity")
    assert e.value.findings[0].code == "E_NO_DATA"  # type: ignore[attr-defined]


def test_cli_exit_codes(store: Path, base: Path) -> None:
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "120000", "--start", "2020", "--end", "2021",
                              "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "产业结构效应" in res.output and "sector_energy" in res.output
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "120000", "--from", "2020", "--to", "2021",
                              "--identity", "co2", "--store", str(store)])
    assert res.exit_code == 1 and "E_NO_DATA" in res.output  # no CO2 in the sector rows
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "120000", "--from", "2020", "--to", "2021",
                              "--identity", "intensity", "--store", str(base)])
    assert res.exit_code == 1 and "E_NO_DATA" in res.output
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "120000", "--from", "2020", "--to", "2021",
                              "--identity", "kaya", "--store", str(store)])
    assert res.exit_code == 2 and "E_UNKNOWN_NAME" in res.output
    res = runner.invoke(app, ["analysis", "lmdi", "--region", "990000", "--from", "2020", "--to", "2021",
                              "--store", str(store)])
    assert res.exit_code == 2 and "E_REGION_UNKNOWN" in res.output


def test_api_status(store: Path) -> None:
    q = {"region_code": "120000", "start": 2020, "end": 2021}
    with TestClient(create_app(store)) as c:
        ok = c.get("/api/analysis/lmdi", params=q)
        assert ok.status_code == 200
        body = ok.json()
        assert [e["factor"] for e in body["effects"]] == ["activity", "structure", "intensity"]
        assert "sector_energy" in body["data_en"]
        assert c.get("/api/analysis/lmdi", params={**q, "identity": "co2"}).status_code == 404
        assert c.get("/api/analysis/lmdi", params={**q, "identity": "kaya"}).status_code == 404
        assert c.get("/api/analysis/lmdi", params={**q, "region_code": "990000"}).status_code == 404
        assert c.get("/api/analysis/lmdi", params={**q, "region_code": "12"}).status_code == 422
