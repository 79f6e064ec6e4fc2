"""Generate ``ontology/kb/subdivisions.csv``: first-level divisions of the large federations.

The states, provinces, territories and federal subjects of the federations listed in
``ontology/kb/sources/federations.csv`` (US states, Russian federal subjects, Indian states
...), from pycountry's ISO 3166-2 data (top-level subdivisions only; types a federation's row
lists under ``skip_types`` are left out: US outlying areas are ISO 3166-1 territories of
their own). Each row is a ``Location`` of subclass ``Region`` with id ``place/<iso code>``
(``place/us-ga``), ``located_in`` its country.

Names: pycountry gives each division's name in its own language; English names, aliases and
"same entity as an existing KB row" (``kb_id``: Berlin the Land is the city Berlin) come from
``ontology/kb/sources/subdivision_names.csv``. A federation marked ``english_names=yes``
(Russia, Germany, Ethiopia) must have a row there for every division. An accented label also
gets its unaccented spelling as an alias ("Nuevo León" -> "Nuevo Leon"). A division whose name
is a city of the same country in ``places.csv`` is labelled "<name> State" / "<name>
Province" (Nigeria's "Lagos State"; the bare name stays with the city); other names shared
with another KB entry (the country Georgia, Punjab in India and in Pakistan) are listed in
the row's ``ambiguous`` column, and linking chooses by context
(:mod:`graphbuilder.resolve.context`).

US states also get their AP Stylebook abbreviation as an alias ("Fla.", "N.C.", "Tenn.": the
``ap_abbr`` of the ``us`` package; the states AP writes in full, "Ohio", "Texas", have none), the
form US news writes after a city ("Ocala, Fla.") and a legislator's party ("D-Fla."). Postal
codes ("FL", "OR", "ME") are not added: several are English words.

Run from the repository root after ``gen_countries.py`` and ``gen_places.py``::

    .venv/bin/python scripts/kb/gen_subdivisions.py
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import pycountry
import us

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.outputs import write_csv_atomic  # noqa: E402
from graphbuilder.resolve.kb import normalize_name  # noqa: E402

KB = ROOT / "ontology" / "kb"
FEDERATIONS = KB / "sources" / "federations.csv"
NAMES = KB / "sources" / "subdivision_names.csv"
OUT = KB / "subdivisions.csv"
FIELDS = [
    "id", "cls", "subclass", "label", "aliases", "demonyms", "qid",
    "part_of", "member_of", "located_in", "ambiguous", "source",
]  # fmt: skip
SUFFIX = {"State": "State", "Province": "Province"}
"""pycountry division type -> the word English adds to tell the division from its city."""
OTHER_FILES = (
    "countries.csv", "places.csv", "regions.csv", "organizations.csv", "people.csv",
    "events.csv",
)  # fmt: skip


def fold(text: str) -> str:
    """Strip accents ("Nuevo León" -> "Nuevo Leon"); other characters unchanged."""
    norm = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in norm if not unicodedata.combining(c)))


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _kb_names() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """normalised name -> ids of the other KB files; and -> countries of their cities."""
    owners: dict[str, set[str]] = {}
    city_country: dict[str, set[str]] = {}
    for name in OTHER_FILES:
        for row in _read(KB / name):
            for n in [row["label"], *row.get("aliases", "").split("|")]:
                if not n:
                    continue
                owners.setdefault(normalize_name(n), set()).add(row["id"])
                if row.get("subclass") == "City" and row.get("located_in"):
                    city_country.setdefault(normalize_name(n), set()).add(row["located_in"])
    return owners, city_country


def ap_abbreviation(code: str) -> str | None:
    """The AP Stylebook abbreviation of a US state (``"US-FL"`` -> ``"Fla."``), from the ``us``
    package; None for another country's division and for a state AP writes in full."""
    if not code.startswith("US-"):
        return None
    state = us.states.lookup(code[3:])
    abbr = getattr(state, "ap_abbr", None) if state else None
    return abbr if abbr and abbr.endswith(".") else None


def main() -> int:
    federations = _read(FEDERATIONS)
    names = {r["code"]: r for r in _read(NAMES)}
    owners, city_country = _kb_names()
    kb_ids = set().union(*owners.values())
    pkg = f"pycountry {version('pycountry')} (ISO 3166-2)"
    rows: list[dict[str, str]] = []
    errors: list[str] = []
    for fed in federations:
        country = pycountry.countries.get(alpha_2=fed["alpha2"])
        country_id = f"country/{country.alpha_3}"
        skip = {t for t in fed.get("skip_types", "").split("|") if t}
        subs = [
            s for s in pycountry.subdivisions.get(country_code=fed["alpha2"])
            if s.parent_code is None and s.type not in skip
        ]  # fmt: skip
        for sub in sorted(subs, key=lambda s: s.code):
            own = names.get(sub.code, {})
            if own.get("kb_id"):
                if own["kb_id"] not in kb_ids:
                    errors.append(f"{sub.code}: kb_id {own['kb_id']} is not in the KB")
                continue
            if fed.get("english_names") == "yes" and not own.get("label"):
                errors.append(f"{sub.code} ({sub.name}): no English name in {NAMES.name}")
                continue
            label = own.get("label") or sub.name
            aliases = [a for a in own.get("aliases", "").split("|") if a]
            if not own.get("label") and country_id in city_country.get(normalize_name(label), ()):
                if sub.type not in SUFFIX:
                    errors.append(f"{sub.code} ({label}) is a city's name; name it in {NAMES.name}")
                    continue
                label = f"{label} {SUFFIX[sub.type]}"
            ap = ap_abbreviation(sub.code)
            if ap and ap not in aliases:
                aliases.append(ap)
            for name in (label, *list(aliases)):
                if fold(name) != name and fold(name) not in aliases and fold(name) != label:
                    aliases.append(fold(name))
            source = f"{pkg} {sub.code} {sub.type} '{sub.name}'; {fed['source']}"
            if ap:
                source += f"; us {version('us')}: AP Stylebook abbreviation {ap!r}"
            if own.get("source"):
                source += f"; {own['source']}"
            rows.append({
                "id": f"place/{sub.code.lower()}", "cls": "Location", "subclass": "Region",
                "label": label, "aliases": "|".join(a for a in aliases if a != label),
                "demonyms": "", "qid": own.get("qid", ""), "part_of": "", "member_of": "",
                "located_in": country_id, "ambiguous": "", "source": source,
            })  # fmt: skip
    if errors:
        for err in errors:
            print(f"{FEDERATIONS.name}/{NAMES.name}: {err}", file=sys.stderr)
        return 1
    mine: dict[str, set[str]] = {}
    for row in rows:
        for n in [row["label"], *row["aliases"].split("|")]:
            if n:
                mine.setdefault(normalize_name(n), set()).add(row["id"])
    for row in rows:
        shared = [
            n for n in [row["label"], *row["aliases"].split("|")]
            if n and (len(mine[normalize_name(n)]) > 1 or normalize_name(n) in owners)
        ]  # fmt: skip
        row["ambiguous"] = "|".join(dict.fromkeys(shared))
    rows.sort(key=lambda r: r["id"])
    write_csv_atomic(OUT, FIELDS, rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}", file=sys.stderr)
    for row in rows:
        if row["ambiguous"]:
            others = set().union(
                *(owners.get(normalize_name(n), set()) for n in row["ambiguous"].split("|"))
            )
            print(
                f"  shared: {row['id']} {row['ambiguous']!r} with {sorted(others)}", file=sys.stderr
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
