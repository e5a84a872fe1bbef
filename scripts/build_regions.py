"""Rebuild the ``regions`` and ``region_code_changes`` catalog CSVs from the Ministry of Civil Affairs code lists.

Source: the yearly lists 民政部《中华人民共和国县以上行政区划代码》 (state at 31 December of each year) and the
change notes between consecutive years, as transcribed in the CC0 dataset yescallop/areacodes
(``data/<year>.txt``: ``code name`` per line; ``diff/<a>-<b>.diff``: the changes with the approving document).
The dataset is not downloaded by this script and not committed; get it with
``git clone https://github.com/yescallop/areacodes`` and pass the folder:

    python scripts/build_regions.py --source ../areacodes --commit eed219a --year 2024 --since 2005

Writes ``src/ecer/refdata/regions/<year>/data.csv`` and ``src/ecer/refdata/region_code_changes/<year>/data.csv``
(the manifests are written by hand). English and short names are kept from the ``regions/2023`` edition where
the Chinese name is unchanged; other rows leave them empty (no machine translation).

Parent rule (the MCA list has no placeholder rows such as 110100 市辖区 or 429000 省直辖县级行政区划): a
county-level code's parent is the prefecture-level code with its first four digits when that code is in the
list, else its province (municipalities' districts and counties, 省直辖县级行政区划); a prefecture's parent
is its province; a province has no parent (the nation, 100000, is implied).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFDATA = ROOT / "src" / "ecer" / "refdata"
OUTSIDE = ("71", "81", "82")  # 台湾省, 香港, 澳门: in the MCA list, outside ECER's statistics
DATASET = "yescallop/areacodes"
LICENCE = "CC0 1.0"
REGION_FIELDS = ["region_code", "name_zh", "short_name_zh", "name_en", "level", "parent_code", "data_year",
                 "doc_no", "clause", "source", "confidence"]
CHANGE_FIELDS = ["from_year", "to_year", "change", "region_code", "name_zh", "new_name_zh", "related_codes",
                 "related_names", "basis", "note_date", "doc_no", "clause", "source", "confidence", "notes"]
LEVEL_CLAUSE = {"province": "省级行政区划代码", "city": "地级行政区划代码", "county": "县级行政区划代码"}


def read_list(source: Path, year: int) -> dict[str, str]:
    """One year's list: code -> name, in file order (codes outside the mainland dropped)."""
    out: dict[str, str] = {}
    for line in (source / "data" / f"{year}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, name = line.split(maxsplit=1)
            if not code.startswith(OUTSIDE):
                out[code] = name.strip()
    return out


def level(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def parent(code: str, table: dict[str, str]) -> str | None:
    """The parent code in the same list (see the module docstring); None for a province."""
    if level(code) == "province":
        return None
    city = code[:4] + "00"
    return city if level(code) == "county" and city in table else code[:2] + "0000"


@dataclass
class Note:
    """The comment block (change description) above a group of change lines."""

    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Line:
    op: str            # "-" retired, "+" added, "=" area moved
    code: str
    name: str
    arrow: str         # ">" (area went to) or "<" (area came from) or "" (a record with children)
    selectors: list[str]
    note: Note


LINE_RE = re.compile(r"^([-+=])(\d{6}) ([^<>]+?)([<>](.*))?$")


def read_diff(source: Path, a: int, b: int) -> list[Line]:
    lines: list[Line] = []
    note, fresh = Note(), False
    for raw in (source / "diff" / f"{a}-{b}.diff").read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("#"):
            if not fresh:
                note, fresh = Note(), True
            text = raw.lstrip("#").strip()
            if raw.startswith("## ") and not note.title:
                note.title = text
            elif "：" in text and len(text.split("：", 1)[0]) <= 6:
                key, value = text.split("：", 1)
                note.meta.setdefault(key.strip(), value.strip())
            continue
        fresh = False
        m = LINE_RE.match(raw.strip())
        if not m:
            raise ValueError(f"diff/{a}-{b}.diff: cannot read {raw!r}")
        attr = m.group(5) or ""
        lines.append(Line(m.group(1), m.group(2), m.group(3).strip(), (m.group(4) or "")[:1],
                          [s for s in attr.split(",") if s], note))
    return lines


def resolve(selector: str, line: Line, own: dict[str, str], other: dict[str, str]) -> tuple[list[str], bool]:
    """Codes in ``other`` that a selector names; the flag says it was marked ``!`` (no official notice)."""
    if selector.endswith("?"):
        return [], False
    flagged = selector.endswith("!")
    value = selector.rstrip("!")
    if value == ".":
        return ([line.code] if line.code in other else []), flagged
    if value == "..":
        up = parent(line.code, own) or ""
        return ([up] if up in other else []), flagged
    if value == "_":
        value = line.name
    hits = [c for c, n in other.items() if n == value]
    if len(hits) > 1:  # the same name elsewhere: take the one near the line's own record
        near = [c for c in hits if c[:4] == line.code[:4]] or [c for c in hits if c[:2] == line.code[:2]]
        hits = near if len(near) == 1 else hits
    if not hits:  # a name prefixed with its parent's, e.g. 徐州市鼓楼区
        for i in range(2, len(value) - 1):
            ups = [c for c, n in other.items() if n == value[:i]]
            if len(ups) == 1:
                hits = [c for c, n in other.items() if n == value[i:] and parent(c, other) == ups[0]]
                break
    if len(hits) != 1:
        raise ValueError(f"{line.op}{line.code} {line.name}: selector {selector!r} gives {hits}")
    return hits, flagged


def note_fields(note: Note, a: int, b: int, commit: str) -> dict[str, str]:
    src = note.meta.get("来源", "")
    link = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 \2", src)
    lists = f"民政部 {a}年、{b}年 县以上行政区划代码 ({DATASET} data/{a}.txt, data/{b}.txt @{commit}, {LICENCE})"
    return {
        "note_date": note.meta.get("日期", note.meta.get("时间", "")),
        "doc_no": note.meta.get("文号", "") or f"民政部 县以上行政区划代码 {a}→{b}",
        "clause": note.title or f"derived: 民政部 {a} and {b} lists compared",
        "source": lists + f"; change note: {DATASET} diff/{a}-{b}.diff" + (f"; {link}" if link else ""),
    }


def changes(source: Path, a: int, b: int, commit: str) -> list[dict[str, str]]:
    old, new = read_list(source, a), read_list(source, b)
    by_code: dict[tuple[str, str], Line] = {}
    transfers: list[Line] = []
    for ln in read_diff(source, a, b):
        if ln.code.startswith(OUTSIDE):
            continue
        if ln.op == "=":
            transfers.append(ln)
        else:
            by_code[(ln.op, ln.code)] = ln
    rows: list[dict[str, str]] = []

    def row(change: str, code: str, name: str, ln: Line | None, related: list[str], names: dict[str, str],
            flagged: bool, **extra: str) -> None:
        note = note_fields(ln.note if ln else Note(), a, b, commit)
        rows.append({"from_year": str(a), "to_year": str(b), "change": change, "region_code": code, "name_zh": name,
                     "new_name_zh": "", "related_codes": ";".join(related),
                     "related_names": ";".join(names[c] for c in related),
                     "basis": "note" if change.startswith("area") else "derived", **note,
                     "confidence": "medium" if flagged else "high", "notes": "", **extra})

    def targets(ln: Line | None, own: dict[str, str], other: dict[str, str]) -> tuple[list[str], bool]:
        got: list[str] = []
        flagged = False
        if ln is None:
            return got, flagged
        for s in ln.selectors:
            codes, f = resolve(s, ln, own, other)
            got += [c for c in codes if c not in got]
            flagged |= f and bool(codes)
        return got, flagged

    retired = [c for c in old if c not in new]
    for code in retired:
        hit = by_code.get(("-", code))
        succ, flagged = targets(hit, old, new)
        row("retired", code, old[code], hit, succ, new, flagged)
    for code in [c for c in new if c not in old]:
        hit = by_code.get(("+", code))
        pred, flagged = targets(hit, new, old)
        row("added", code, new[code], hit, pred, old, flagged)
    for code in [c for c in old if c in new and old[c] != new[c]]:
        hit = by_code.get(("+", code)) or by_code.get(("-", code))
        row("renamed", code, old[code], hit, [], new, False, new_name_zh=new[code])
    for ln in transfers:
        own, other = (old, new) if ln.arrow == ">" else (new, old)
        rel, flagged = targets(ln, own, other)
        change = "area_ceded" if ln.arrow == ">" else "area_received"
        row(change, ln.code, old.get(ln.code, ln.name), ln, [c for c in rel if c != ln.code], other, flagged)
    _infer_parents(rows, old, new)
    return rows


def _infer_parents(rows: list[dict[str, str]], old: dict[str, str], new: dict[str, str]) -> None:
    """A retired (added) prefecture whose diff line names no successor (predecessor), because it had
    children, gets the parents of its counties' successors (predecessors), marked medium."""
    for change, here, there in (("retired", old, new), ("added", new, old)):
        link = {r["region_code"]: r["related_codes"].split(";") for r in rows
                if r["change"] == change and r["related_codes"]}
        for r in rows:
            if r["change"] != change or r["related_codes"] or level(r["region_code"]) == "county":
                continue
            kids = [c for c in here if c != r["region_code"] and parent(c, here) == r["region_code"]]
            ups: list[str] = []
            for k in kids:
                for s in link.get(k, [k] if k in there else []):
                    p = s if level(s) != "county" else parent(s, there) or s
                    if p not in ups:
                        ups.append(p)
            if ups:
                word = "successors" if change == "retired" else "predecessors"
                r.update(related_codes=";".join(ups), related_names=";".join(there[c] for c in ups),
                         confidence="medium", notes=f"inferred: the parents of its counties' {word}")


def regions(source: Path, year: int, commit: str) -> list[dict[str, str]]:
    table = read_list(source, year)
    with (REFDATA / "regions" / "2023" / "data.csv").open(encoding="utf-8") as fh:
        prior = {r["region_code"]: r for r in csv.DictReader(fh)}
    src = (f"民政部 {year}年中华人民共和国县以上行政区划代码 (state at {year}-12-31), transcribed in {DATASET} "
           f"data/{year}.txt @{commit} ({LICENCE})")
    nation = dict(prior["100000"], data_year=str(year))
    out = [nation]
    for code, name in table.items():
        old = prior.get(code)
        kept = old is not None and old["name_zh"] == name
        lv = level(code)
        out.append({
            "region_code": code, "name_zh": name, "short_name_zh": old["short_name_zh"] if old and kept else "",
            "name_en": old["name_en"] if old and kept else "", "level": lv, "parent_code": parent(code, table) or "",
            "data_year": str(year), "doc_no": "GB/T 2260", "clause": LEVEL_CLAUSE[lv],
            "source": src + ("; name_en, short_name_zh: ECER regions/2023" if kept else ""), "confidence": "high",
        })
    return out


def write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, required=True, help="a checkout of yescallop/areacodes")
    ap.add_argument("--commit", required=True, help="the checkout's commit, written into every row's source")
    ap.add_argument("--year", type=int, default=2024, help="the data year of the new regions edition")
    ap.add_argument("--since", type=int, default=2005, help="first year of the code-change table")
    args = ap.parse_args(argv)
    write(REFDATA / "regions" / str(args.year) / "data.csv", REGION_FIELDS, regions(args.source, args.year, args.commit))
    rows = [r for a in range(args.since, args.year) for r in changes(args.source, a, a + 1, args.commit)]
    write(REFDATA / "region_code_changes" / str(args.year) / "data.csv", CHANGE_FIELDS, rows)


if __name__ == "__main__":
    main()
