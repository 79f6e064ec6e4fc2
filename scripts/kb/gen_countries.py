"""Generate ``ontology/kb/countries.csv`` from pycountry and ``sources/country_extras.csv``.

Every ISO 3166-1 entry of pycountry becomes one row ``country/<alpha-3>``; the extras file
(hand-entered from Wikipedia and Wikidata, each row sourced) supplies the common English
label where it differs from the ISO name ("Russia", "Iran", "Turkey"), further aliases,
demonyms, Wikidata QIDs and the subclass (SovereignState unless marked Territory), and adds
states outside ISO 3166-1 (Kosovo) or historical ones (Soviet Union, Yugoslavia).

Run from the repository root::

    .venv/bin/python scripts/kb/gen_countries.py

The output is deterministic (rows sorted by id) so regenerating gives the same bytes.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.outputs import write_csv_atomic  # noqa: E402

EXTRAS = ROOT / "ontology" / "kb" / "sources" / "country_extras.csv"
OUT = ROOT / "ontology" / "kb" / "countries.csv"
FIELDS = [
    "id",
    "cls",
    "subclass",
    "label",
    "aliases",
    "demonyms",
    "qid",
    "part_of",
    "member_of",
    "located_in",
    "ambiguous",
    "source",
]


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _clean(name: str | None) -> str | None:
    """Drop ISO inverted forms ("Korea, Republic of") and a leading "the"."""
    if not name:
        return None
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if re.search(r", (.* of( the)?|The .*)$", name) or "(" in name:
        return None
    return name


def build_rows() -> list[dict[str, str]]:
    with EXTRAS.open(encoding="utf-8", newline="") as fh:
        extras = {row["alpha3"]: row for row in csv.DictReader(fh)}
    version = getattr(pycountry, "__version__", None)
    if version is None:
        from importlib.metadata import version as _v

        version = _v("pycountry")
    rows = []
    seen = set()
    records = [(c, False) for c in pycountry.countries]
    historic = {c.alpha_3: c for c in pycountry.historic_countries}
    for code in extras:
        if pycountry.countries.get(alpha_3=code) is None:
            records.append((historic.get(code) or code, True))
    for rec, is_extra in records:
        if isinstance(rec, str):
            code, iso_names, iso_src = rec, [], ""
        else:
            code = rec.alpha_3
            iso_names = [
                getattr(rec, "common_name", None),
                rec.name,
                getattr(rec, "official_name", None),
            ]
            iso_src = f"pycountry {version} ({'historic ' if is_extra else ''}ISO 3166-1)"
        if code in seen:
            continue
        seen.add(code)
        extra = extras.get(code, {})
        if is_extra:  # historic ISO names are inverted lists ("USSR, Union of ..."): skip them
            iso_names = [n for n in iso_names if n and "," not in n]
        names = [n for n in (_clean(x) for x in iso_names) if n]
        label = extra.get("label") or (names[0] if names else None)
        if not label:
            raise SystemExit(f"{code}: no usable label; add one to {EXTRAS.name}")
        aliases: list[str] = []
        for a in names + _split(extra.get("aliases", "")):
            if a != label and a not in aliases:
                aliases.append(a)
        subclass = extra.get("subclass") or "SovereignState"
        source = "; ".join(s for s in (iso_src, extra.get("source", "")) if s)
        rows.append(
            {
                "id": f"country/{code}",
                "cls": "Country",
                "subclass": subclass,
                "label": label,
                "aliases": "|".join(aliases),
                "demonyms": extra.get("demonyms", ""),
                "qid": extra.get("qid", ""),
                "part_of": "",
                "member_of": "",
                "located_in": "",
                "ambiguous": extra.get("ambiguous", ""),
                "source": source,
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows


def main() -> int:
    rows = build_rows()
    write_csv_atomic(OUT, FIELDS, rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
