"""Generate ``ontology/lexicon/group_nouns.csv``: nouns naming non-state groups of people
("rebels", "farmers", "prisoners", "protesters") that, with a state's demonym before them
("Afghan rebels", "French farmers"), name a group the linker makes an entity of
(``graphbuilder.resolve.groups``), affiliated with that state but not the state itself.

Source: the CAMEO agents dictionary of PETRARCH2 (``shared/data/petrarch2_dictionaries/
Phoenix.agents.txt``, MIT licence, (c) 2014 Open Event Data Alliance). Every entry is a phrase
with an agent code (``ARMED_REBEL [~REB]``, ``FARMER [~AGR]``); CAMEO codes a phrase with a
country before it as that country's agent ("French farmers" = FRAAGR). For each head word (the
last word of an entry) the code of its one-word entry is taken ("FIGHTER [~UAF]"), else the
code of most of the entries it heads; kept are the heads whose code
is a non-state sector (``NON_STATE`` below: rebels, opposition, civilians, labour, farmers,
refugees, education, media, health, religion, business, crime, unidentified armed forces,
human rights, NGOs) (``MIN_ENTRIES``: one entry suffices). State
sectors (government, military, police, judiciary, legislature, intelligence) are left out:
there the demonym stands for the state ("French police" -> France, ``demonym_heads.csv``).
Left out too are the heads of ``EXCLUDED``: things and institutions rather than people
(vessels, schools, companies, websites), too general words (group, man, leader, party) and
heads that also stand for the state in ``demonym_heads.csv``.

Run from the project root: ``python scripts/lexicon/gen_group_nouns.py [SHARED_DIR]``
(default ``../shared``). The output is sorted and deterministic.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "ontology" / "lexicon" / "group_nouns.csv"
HEADS = ROOT / "ontology" / "lexicon" / "demonym_heads.csv"
MIN_ENTRIES = 1
# CAMEO sector codes of groups that are not the state (CAMEO manual 1.1b3, ch. 3 "Actor codes")
NON_STATE = {
    "REB": "rebels",
    "OPP": "opposition",
    "CVL": "civilians",
    "LAB": "labour",
    "AGR": "agriculture",
    "REF": "refugees",
    "EDU": "education",
    "MED": "media",
    "HLH": "health",
    "REL": "religion",
    "MUS": "religion",
    "CHR": "religion",
    "JEW": "religion",
    "HIN": "religion",
    "BUD": "religion",
    "BUS": "business",
    "CRM": "criminals",
    "UAF": "unidentified armed forces",
    "HRI": "human rights",
    "NGO": "non-governmental organizations",
    "RAD": "radicals",
    "PPL": "people",
    "ENV": "environment",
    "ELI": "elites",
    "PTY": "political parties",
}
EXCLUDED = {
    # "member" heads PARTY_MEMBER but names the members of any body ("members of the council")
    "member",
    # things and institutions, not people
    "aerospace",
    "agrobusiness",
    "airline",
    "airliner",
    "airway",
    "archdiocese",
    "blog",
    "business",
    "cartel",
    "college",
    "company",
    "conglomerate",
    "conservatory",
    "containership",
    "corp",
    "corporation",
    "diocese",
    "facility",
    "firm",
    "freighter",
    "gazette",
    "industry",
    "infirmary",
    "institution",
    "jetliner",
    "jumbojet",
    "kindergarden",
    "kindergarten",
    "magazine",
    "monastary",
    "monastery",
    "neighborhood",
    "neighbourhood",
    "newspaper",
    "preschool",
    "press",
    "publication",
    "religion",
    "sanatarium",
    "sanatorium",
    "sanitarium",
    "school",
    "schoolhouse",
    "settlement",
    "site",
    "station",
    "supertanker",
    "tabloid",
    "tanker",
    "telecom",
    "television",
    "university",
    "vessel",
    "village",
    "website",
    "manafacture",
    "liberation",
    "rights",
    "front",
    "wing",
    "movement",
    "alliance",
    "association",
    "federation",
    "society",
    "union",
    "organisation",
    "organization",
    "squad",
    "gang",
    "gangdom",
    "gangland",
    "mob",
    "rabble",
    "insurgence",
    "insurgency",
    "rebellion",
    "revolt",
    "uprising",
    "leadership",
    "opposition",
    "militia",
    "syndicate",
    "mafia",
    "maffia",
    # too general, or not a group
    "group",
    "man",
    "men",
    "woman",
    "women",
    "person",
    "persons",
    "people",
    "leader",
    "parties",
    "maker",
    "owner",
    "boss",
    "candidate",
    "grader",
    "schooler",
    "retired",
    "naturalized",
    "islamic",
    "jewish",
    "hebrew",
    "doc",
    "professional",
    "provider",
    "practitioner",
    "family",
    "child",
    "children",
    "infant",
    "girl",
    "mother",
    "victim",
    "victims",
    "vip",
    "actor",
    "population",
    "community",
    "electorate",
    "tinginist",
    "kanidurgu",
    "branokker",
    "traffiker",
    "enterpreneur",
    "filmaker",
    "opthamologist",
    "educatee",
    "cropper",
    "oiler",
    "monger",
    "snitcher",
    "tourer",
    "consul",
    "army",
    "warrior",
    "predator",
}
ENTRY = re.compile(r"^([A-Z][A-Z0-9_'\-]*)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]+)\]")


def heads_by_code(path: Path) -> dict[str, tuple[str, int, bool]]:
    """Head word -> (majority sector code, entries, one-word entry) over the agents file."""
    codes: dict[str, Counter] = defaultdict(Counter)
    single: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = ENTRY.match(line.split("#")[0].rstrip())
        if not m:
            continue
        words = [w for w in m.group(1).split("_") if w]
        head = words[-1].lower()
        codes[head][m.group(2)[:3]] += 1
        if len(words) == 1:
            single.setdefault(head, m.group(2)[:3])
    out = {}
    for head, c in codes.items():
        code, _ = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out[head] = (single.get(head, code), sum(c.values()), head in single)
    return out


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    agents = shared / "data" / "petrarch2_dictionaries" / "Phoenix.agents.txt"
    state_heads = {r["head"].strip().lower() for r in csv.DictReader(HEADS.open(encoding="utf-8"))}
    rows = []
    for head, (code, n, one_word) in sorted(heads_by_code(agents).items()):
        if code not in NON_STATE or head in EXCLUDED or head in state_heads:
            continue
        if n < MIN_ENTRIES and not one_word:
            continue
        if not re.fullmatch(r"[a-z][a-z\-]+", head):
            continue
        rows.append((head, code, NON_STATE[code]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Nouns naming non-state groups of people; after a state's demonym\n"
            '# ("Afghan rebels") they name a group entity (gb:SocialGroup) affiliated with\n'
            "# that state.\n"
            "# Generated by scripts/lexicon/gen_group_nouns.py from the PETRARCH2 CAMEO agents\n"
            "# dictionary (Phoenix.agents.txt, MIT); do not edit by hand. Matched on the lemma.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["noun", "cameo_sector", "sector", "source"])
        for head, code, sector in rows:
            writer.writerow([head, code, sector, "PETRARCH2 Phoenix.agents.txt"])
    print(f"{len(rows)} nouns -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
