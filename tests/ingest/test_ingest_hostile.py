"""Hostile files are refused cheaply, before any parser inflates them (issue 6 §3)."""

from __future__ import annotations

import io
import zipfile

import polars as pl
import xlsxwriter

from ecer.cli.common import render_frame
from ecer.ingest import read_table
from ecer.ingest.templates import TEMPLATES

HEADERS = [c.header for c in TEMPLATES["energy"].columns if c.required]


def _bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b"<c><v>0</v></c>" * 65536
            for _ in range(size // len(block)):
                f.write(block)
    return buf.getvalue()


def test_zip_bomb_by_ratio_is_refused():
    r = read_table(_bomb(50_000_000), None, filename="bomb.xlsx")
    assert [f.code for f in r.findings] == ["E_FILE_TOO_LARGE"]
    assert r.findings[0].evidence["measure"] == "ratio" and "bomb.xlsx" in r.findings[0].text("en")


def test_zip_bomb_by_size_is_refused(monkeypatch):
    monkeypatch.setenv("ECER_MAX_UNCOMPRESSED_BYTES", "10000000")
    monkeypatch.setenv("ECER_MAX_COMPRESSION_RATIO", "100000")
    r = read_table(_bomb(20_000_000), None, filename="bomb.xlsx")
    assert {f.evidence["measure"] for f in r.findings} == {"total"}


def test_formula_error_cell_is_its_own_finding():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, ["110000", "2021", 1, 2, 2020])
    ws.write_formula(2, 2, "=1/0", None, "#DIV/0!")
    wb.close()
    r = read_table(buf.getvalue(), "energy", filename="e.xlsx")
    f = r.findings[0]
    assert f.code == "E_CELL_FORMULA_ERROR" and (f.location.row, f.location.column) == (3, "C")
    assert "#DIV/0!" in f.message_zh and "#DIV/0!" in f.message_en and f.fix_zh and f.fix_en


def test_wrong_formats_get_one_clean_message():
    png = read_table(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, None, filename="a.csv")
    assert [f.code for f in png.findings] == ["E_FILE_FORMAT"] and "PNG" in png.findings[0].message_en
    cut = read_table(b"PK\x03\x04garbage", None, filename="a.xlsx")
    assert [f.code for f in cut.findings] == ["E_FILE_FORMAT"]
    csv_as_xlsx = read_table(("\n".join([",".join(HEADERS), "110000,2021,1,2,2020"]) + "\n").encode(), "energy",
                             filename="a.xlsx")
    assert csv_as_xlsx.ok


def test_full_width_code_is_malformed():
    text = ",".join(HEADERS) + "\n１１００００,2021,1,2,2020\n"
    r = read_table(text.encode(), "energy", filename="e.csv")
    assert [f.code for f in r.errors] == ["E_REGION_MALFORMED"]


def test_csv_output_neutralises_formulas_but_not_numbers():
    out = render_frame(pl.DataFrame({"name": ['=HYPERLINK("http://evil","x")', "ok"], "v": [-3.2, 1.0]}), "csv")
    assert out is not None and "'=HYPERLINK" in out and "-3.2" in out and "'-3.2" not in out


def _check_peak_rss(path, env_extra=None):
    """Exit code, output and peak RSS [MB] of ``ecer check FILE`` measured in a wrapper process (so that no earlier
    child of the test process counts)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    ecer = Path(sys.executable).with_name("ecer")
    wrapper = ("import json, resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, "
               "text=True); print(json.dumps([p.returncode, p.stdout + p.stderr, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))")
    done = subprocess.run([sys.executable, "-c", wrapper, str(ecer), "check", str(path)], capture_output=True,
                          text=True, check=True, timeout=300, env={**os.environ, **(env_extra or {})})
    return json.loads(done.stdout)


def test_ecer_check_on_bombs_stays_under_300_mb(tmp_path):
    # One sheet part inflating to 300 MB from well under 1 MB (the file: 1.1 MB → 1.2 GB in one cell).
    ratio = tmp_path / "ratio_bomb.xlsx"
    ratio.write_bytes(_bomb(300_000_000))
    assert ratio.stat().st_size < 2_000_000
    rc, out, peak = _check_peak_rss(ratio)
    assert rc == 1 and "E_FILE_TOO_LARGE" in out and "ratio_bomb.xlsx" in out, out
    assert peak < 300, f"peak RSS {peak:.0f} MB"
    # The same file under a ratio limit it passes, but a size limit it does not.
    rc, out, peak = _check_peak_rss(ratio, {"ECER_MAX_COMPRESSION_RATIO": "1000000",
                                            "ECER_MAX_ENTRY_BYTES": "100000000"})
    assert rc == 1 and "E_FILE_TOO_LARGE" in out, out
    assert peak < 300, f"peak RSS {peak:.0f} MB"


def _ole(*streams: str) -> bytes:
    """The start of an OLE2 compound file (magic D0 CF 11 E0 A1 B1 1A E1, 512-byte header) with directory entries
    naming ``streams`` (UTF-16-LE, as in a real file) — what an Excel 97–2003 .xls looks like to a byte sniffer."""
    body = b"".join(s.encode("utf-16-le").ljust(128, b"\x00") for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + body


def test_old_binary_xls_gets_one_clean_message_and_never_reaches_the_excel_reader(monkeypatch):
    from ecer.ingest import reader

    def no_calamine(*a, **k):
        raise AssertionError("an .xls must be refused before the Excel reader")

    monkeypatch.setattr(reader, "open_workbook", no_calamine)
    for name in ("old.xls", "old.xlsx", "old.csv"):  # whatever the name says, the bytes decide
        r = read_table(_ole("Root Entry", "Workbook", "\x05SummaryInformation"), None, filename=name)
        assert [f.code for f in r.findings] == ["E_FILE_FORMAT"], name
        f = r.findings[0]
        assert ".xls" in f.message_en and ".xlsx or CSV" in f.message_en and "另存为" in f.message_zh
        assert f.location is not None and f.location.file == name
        assert "calamine" not in f.message_en.lower() and r.frame is None


def test_old_binary_xls_by_path_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from ecer.cli.main import app

    p = tmp_path / "2019年能耗.xls"
    p.write_bytes(_ole("Root Entry", "Workbook"))
    res = CliRunner().invoke(app, ["check", str(p), "--lang", "en"])
    assert res.exit_code == 1, res.output
    assert "E_FILE_FORMAT" in res.output and "save it as .xlsx or CSV" in res.output.replace("\n", " ")


def test_password_protected_workbook_keeps_its_own_message():
    r = read_table(_ole("Root Entry", "EncryptedPackage"), None, filename="locked.xlsx")
    assert [f.code for f in r.findings] == ["E_FILE_FORMAT"] and "password" in r.findings[0].message_en
