"""Generate ``ontology/kb/wikidata.csv``: Wikidata QIDs for KB rows, each with its source.

The QIDs are read from public files that carry them, never typed in; every output row names
the file, its commit and the line the QID stands on, so a reader can check it:

``usc-isi-i2/t2wml`` ``backend/causx/country_entities.py`` (MIT)
    Wikidata's countries and territories, item -> English label and description. Matched
    where the label equals the KB label or a KB alias, and no other item has that label.
``cfmessias/geografia`` ``data/countries_profiles.csv``
    One row per country with its Wikidata item (``qid``) and ISO 3166-1 alpha-3 code (an
    export of Wikidata; Wikidata's data is CC0). Matched on the alpha-3 code of the
    ``country/<alpha-3>`` rows, used only for a country the first file does not match and
    where the item is not given to another KB row (this file gives Tajikistan and Saint
    Martin items the first file and other sources give to other things).
``cfmessias/geografia`` ``data/leaders_history.csv``
    Heads of state and of government per country (Wikidata P35/P6 and the office holders'
    P39 statements) with the person's item (``person_qid``), role and dates. A KB office
    term of ``offices.csv`` with role ``head_of_state`` or ``head_of_government`` is matched
    to a row of the same country and role whose name equals the KB label or an alias
    (accents, case and punctuation ignored), or, where no name is equal, the row whose
    dated term overlaps the KB term and whose name is closest to a KB name: difflib ratio,
    plus 0.5 where it shares a word (or one that differs by a letter or two: "Alexandre",
    "Alexander") or the regnal number ("Abdullah II da Jordânia", the
    file has Portuguese labels); the best must score ``NEAR`` and lead the next item by
    ``MARGIN`` (the file lists a consort or a predecessor whose term overlaps). A person whose
    terms give two different QIDs gets none (reported).
``confirmordeny/supraverden`` ``data/general_list.yaml`` (CC BY-SA 4.0)
    International organisations with their ``Wikidata_code``. Matched where the KB label or
    a KB alias equals the English name or another English name of the entry, or where the
    KB label is the entry's English abbreviation and no other entry has it.

A KB row that already has a QID is confirmed when a source gives the same one; where a
source gives another QID, the sourced one is written and the difference reported (the
hand-entered KB values were typed in without a file to cite; e.g. the CSTO had the item of
the Asian Development Bank). A QID that two KB rows would get is written for neither.
``graphbuilder.resolve.kb`` reads ``wikidata.csv`` and sets the QID of each listed entity.
Rows no file gives are listed by hand, with the reason, in ``sources/wikidata_missing.csv``.

Run from the repository root with the fetched repositories (git directories or clones)::

    .venv/bin/python scripts/kb/gen_wikidata_qids.py --geografia PATH --supraverden PATH

The output is deterministic (rows sorted by id).
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.outputs import write_csv_atomic  # noqa: E402

KB = ROOT / "ontology" / "kb"
OUT = KB / "wikidata.csv"
QID = re.compile(r"^Q[1-9][0-9]*$")
# Words too common in names to tell two people apart (Arabic and royal name parts).
COMMON = {"bin", "ibn", "al", "el", "abd", "abdul", "of", "the", "de", "da", "do", "von"}
NEAR, MARGIN = 0.6, 0.1  # least name score of a near match, and its lead over the next
NUMERALS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xvi"}


def norm(name: str) -> str:
    """Return ``name`` without accents, case, hyphens or punctuation ("Kassym-Jomart" ->
    "kassym jomart"), "-isation" spelt "-ization"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[-‐‑–—_/]", " ", s)
    s = re.sub(r"[^\w +&]", "", s)
    s = re.sub(r"isation\b", "ization", s)  # British and American spelling
    return " ".join(s.split())


def git_file(repo: Path, path: str) -> tuple[str, str]:
    """Return ``(commit, text)`` of ``path`` at HEAD of the git repository ``repo``."""
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    text = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return commit, text


def csv_lines(text: str) -> list[tuple[int, dict[str, str]]]:
    """Parse CSV text into ``(line number, row)`` pairs (line of the row's first field)."""
    reader = csv.DictReader(io.StringIO(text))
    out = []
    start = 2
    for row in reader:
        out.append((start, row))
        start = reader.line_num + 1
    return out


def read_kb(name: str) -> list[dict[str, str]]:
    with (KB / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def names_of(row: dict[str, str]) -> set[str]:
    return {norm(n) for n in [row["label"], *row.get("aliases", "").split("|")] if n.strip()}


def t2wml_countries(repo: Path) -> dict[str, tuple[str, str]]:
    """``{kb id: (qid, source)}`` for the country rows, from t2wml's country_entities.py."""
    path = "backend/causx/country_entities.py"
    commit, text = git_file(repo, path)
    lines = {
        m.group(1): text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"(Q\d+)": \{', text)
    }
    items = ast.literal_eval(text.split("=", 1)[1].strip())
    by_label: dict[str, set[str]] = defaultdict(set)
    for qid, item in items.items():
        by_label[norm(item["label"])].add(qid)
    out = {}
    for row in read_kb("countries.csv"):
        qids = by_label.get(norm(row["label"]), set())
        if len(qids) != 1:
            qids = set().union(*(by_label.get(n, set()) for n in names_of(row)))
        if len(qids) > 1 and row["qid"] in qids:
            qids = {row["qid"]}  # the names fit several items, one of them the KB's
        if len(qids) == 1:
            (qid,) = qids
            out[row["id"]] = (qid, f"usc-isi-i2/t2wml@{commit[:12]} {path} line {lines[qid]}")
    return out


def countries(repo: Path) -> dict[str, tuple[str, str]]:
    """``{kb id: (qid, source)}`` for the country rows, from countries_profiles.csv."""
    path = "data/countries_profiles.csv"
    commit, text = git_file(repo, path)
    by_iso: dict[str, tuple[str, int]] = {}
    for line, r in csv_lines(text):
        if QID.match(r.get("qid", "")) and r.get("iso3"):
            by_iso[r["iso3"]] = (r["qid"], line)
    out = {}
    for row in read_kb("countries.csv"):
        iso = row["id"].removeprefix("country/")
        if iso in by_iso:
            qid, line = by_iso[iso]
            out[row["id"]] = (qid, f"cfmessias/geografia@{commit[:12]} {path} line {line}")
    return out


def _overlap(a0: str, a1: str, b0: str, b1: str) -> bool:
    """Whether the terms [a0, a1) and [b0, b1) overlap (empty end: still in office)."""
    a1, b1 = a1 or "9999", b1 or "9999"
    return (a0 or "0000") < b1 and (b0 or "0000") < a1


def leaders(repo: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """``{person id: (qid, source)}`` from leaders_history.csv, and the conflicts found."""
    path = "data/leaders_history.csv"
    commit, text = git_file(repo, path)
    rows = defaultdict(list)
    for line, r in csv_lines(text):
        if QID.match(r.get("person_qid", "")):
            rows[(r["iso3"], r["role"])].append((line, r))
    people = {r["id"]: r for r in read_kb("people.csv")}
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for term in read_kb("offices.csv"):
        person = people.get(term["person"])
        if person is None or not term["org"].startswith("country/"):
            continue
        iso = term["org"].removeprefix("country/")
        names = names_of(person)
        words = {w for n in names for w in n.split() if len(w) > 2 and w not in COMMON} - NUMERALS
        numerals = set(norm(person["label"]).split()) & NUMERALS
        for role in filter(None, term["roles"].split("|")):
            exact, near = {}, {}
            for line, r in rows.get((iso, role), []):
                name = norm(r["person"])
                if name in names:
                    exact.setdefault(r["person_qid"], line)
                elif (
                    r["start"][:4].isdigit()
                    and term["start"]
                    and abs(int(r["start"][:4]) - int(term["start"][:4])) <= 1
                    and _overlap(term["start"], term["end"], r["start"][:10], r["end"][:10])
                ):
                    parts = set(name.split())
                    score = max(SequenceMatcher(None, name, n).ratio() for n in names)
                    if numerals & parts or any(
                        SequenceMatcher(None, w, x).ratio() >= 0.8 for w in words for x in parts
                    ):
                        score += 0.5
                    if score > near.get(r["person_qid"], (0.0, 0))[0]:
                        near[r["person_qid"]] = (score, line)
            ranked = sorted(near.items(), key=lambda kv: -kv[1][0])
            hit = exact
            if not hit and ranked:
                best, second = ranked[0][1][0], (ranked[1][1][0] if len(ranked) > 1 else 0.0)
                if best >= NEAR and best - second >= MARGIN:
                    hit = {ranked[0][0]: ranked[0][1][1]}
            for qid, line in hit.items():
                found[person["id"]].setdefault(qid, line)
    out, conflicts = {}, []
    for pid, qids in sorted(found.items()):
        if len(qids) > 1:
            conflicts.append(f"{pid}: {path} gives {sorted(qids)}")
            continue
        ((qid, line),) = qids.items()
        out[pid] = (qid, f"cfmessias/geografia@{commit[:12]} {path} line {line}")
    return out, conflicts


def supraverden(repo: Path) -> dict[str, tuple[str, str]]:
    """``{kb id: (qid, source)}`` for organization rows, from general_list.yaml."""
    path = "data/general_list.yaml"
    commit, text = git_file(repo, path)
    entries: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            entries.append({"_key": line.rstrip()[:-1].strip("'\"")})
        elif entries and line.startswith("  ") and not line.startswith("   "):
            key, _, value = line.strip().partition(":")
            entries[-1][key] = value.strip().strip("'\"")
            if key == "Wikidata_code":
                entries[-1]["_line"] = str(n)
    by_name: dict[str, set[int]] = defaultdict(set)
    by_abbr: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        if not QID.match(e.get("Wikidata_code", "")):
            continue
        for key, value in e.items():
            if key == "Name_en" or (key.startswith("Name_other") and key.endswith("_en")):
                by_name[norm(value)].add(i)
            elif key == "Abbreviation_en":
                by_abbr[norm(value)].add(i)
    out = {}
    for row in read_kb("organizations.csv"):
        hits: set[int] = set()
        for name in names_of(row):
            hits |= by_name.get(name, set())
        if not hits and len(by_abbr.get(norm(row["label"]), ())) == 1:
            hits = set(by_abbr[norm(row["label"])])
        qids = {entries[i]["Wikidata_code"] for i in hits}
        if len(qids) == 1:
            i = min(hits)
            source = f"confirmordeny/supraverden@{commit[:12]} {path} line {entries[i]['_line']}"
            out[row["id"]] = (entries[i]["Wikidata_code"], source)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geografia", type=Path, required=True, help="cfmessias/geografia")
    ap.add_argument("--supraverden", type=Path, required=True, help="confirmordeny/supraverden")
    ap.add_argument("--t2wml", type=Path, required=True, help="usc-isi-i2/t2wml")
    args = ap.parse_args(argv)
    current = {
        r["id"]: r["qid"]
        for name in ("countries.csv", "organizations.csv", "people.csv")
        for r in read_kb(name)
    }
    problems: list[str] = []
    people, conflicts = leaders(args.geografia)
    problems += conflicts
    # In order of preference: a source later in the list is used where the earlier ones
    # have nothing, or where it confirms the QID the KB row already has.
    t2wml = t2wml_countries(args.t2wml)
    taken = {qid: eid for eid, (qid, _) in t2wml.items()}
    geografia = {
        eid: hit for eid, hit in countries(args.geografia).items() if taken.get(hit[0], eid) == eid
    }
    sources = [
        t2wml,
        geografia,
        people,
        supraverden(args.supraverden),
    ]
    found: dict[str, tuple[str, str]] = {}
    for eid in sorted(set().union(*sources)):
        cands = [src[eid] for src in sources if eid in src]
        confirmed = [c for c in cands if c[0] == current.get(eid)]
        found[eid] = (confirmed or cands)[0]
        if len({q for q, _ in cands}) > 1:
            problems.append(f"sources differ: {eid}: {cands}; written {found[eid][0]}")
    owners: dict[str, list[str]] = defaultdict(list)
    for eid, (qid, _) in found.items():
        owners[qid].append(eid)
    rows = []
    for eid, (qid, source) in sorted(found.items()):
        if len(owners[qid]) > 1:
            problems.append(f"not written: {qid} given to {' and '.join(owners[qid])}")
            continue
        if current.get(eid) and current[eid] != qid:
            problems.append(f"corrected: {eid}: KB had {current[eid]}, {source} gives {qid}")
        rows.append([eid, qid, source])
    write_csv_atomic(OUT, ["id", "qid", "source"], rows)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
