"""Generate ``ontology/lexicon/target_nouns.csv``: nouns naming acts, agreements and measures
that a stance can be about ("rejected the ceasefire plan", "criticized the sanctions").

A stance whose target phrase names no entity is kept when its head noun is one of these: the
extractor mints a ``gb:Event`` for the phrase (``graphbuilder.extract.targets``).

Source: the CAMEO verb dictionary of PETRARCH2 (``shared/data/petrarch2_dictionaries/
CAMEO.2.0.txt``, MIT licence, (c) the PETRARCH2 authors):

1. every member of the noun synsets that name political acts and agreements
   (``&CEASEFIRE &NEGOTIATION &MEDIATION &PROPOSAL &TREATY &PROGRAM &DISPUTE &FIGHT &SOLUTION
   &INVESTIGATION &PKO``);
2. every one-word object of a verb pattern (``- * SANCTIONS [163]``) and every head word of a
   bracketed phrase of a pattern (``{JOINT COMMUNIQUE}``, ``(FOR INVASION)``) that occurs in
   at least ``MIN_PATTERNS`` patterns (phrase heads only from ``PHRASE_HEADS``, the acts among
   them): the things political actors are coded as acting on;

minus the words of ``EXCLUDED`` below: persons, groups, places and concrete objects (they are
entities or nothing, never a minted event), stance nouns themselves (support, criticism ...,
read as cues, not targets) and particles that the pattern syntax leaves as objects.

Run from the project root: ``python scripts/lexicon/gen_target_nouns.py [SHARED_DIR]``
(default ``../shared``). The output is sorted and deterministic.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

SYNSETS = (
    "CEASEFIRE",
    "NEGOTIATION",
    "MEDIATION",
    "PROPOSAL",
    "TREATY",
    "PROGRAM",
    "DISPUTE",
    "FIGHT",
    "SOLUTION",
    "INVESTIGATION",
    "PKO",
)
MIN_PATTERNS = 2
# Not events: persons and groups, places and buildings, concrete things, stance nouns (cues),
# pattern particles. Each is a pattern object in CAMEO.2.0.txt.
EXCLUDED = {
    # persons and groups
    "ambassador",
    "envoy",
    "minister",
    "diplomat",
    "delegation",
    "police",
    "forces",
    "troops",
    "prisoners",
    "prisoner",
    "party",
    "people",
    "refugee",
    "refugees",
    "hostage",
    "hostages",
    "soldiers",
    "rebels",
    "leader",
    "leaders",
    "official",
    "officials",
    "government",
    "opposition",
    "military",
    "army",
    "suspect",
    "suspects",
    "negotiator",
    "mediator",
    "president",
    "journalist",
    "journalists",
    "civilians",
    "population",
    "spokesman",
    # places, buildings, land
    "border",
    "land",
    "home",
    "base",
    "camp",
    "airport",
    "embassy",
    "territory",
    "town",
    "city",
    "country",
    "region",
    "area",
    "office",
    "capital",
    "village",
    "zone",
    "post",
    "stronghold",
    "headquarters",
    "parliament",
    "seat",
    "court",
    # concrete things and money
    "tanks",
    "shell",
    "supplies",
    "fund",
    "funds",
    "debt",
    "credit",
    "loan",
    "money",
    "food",
    "weapons",
    "weapon",
    "arms",
    "aircraft",
    "car",
    "oil",
    "gas",
    "fire",
    "goods",
    "equipment",
    "grant",
    "grants",
    "cash",
    "ship",
    "ships",
    "missile",
    "missiles",
    "vehicle",
    "plane",
    "letter",
    "message",
    "report",
    "document",
    "documents",
    "comment",
    "comments",
    "evidence",
    "information",
    "data",
    # stance and attitude nouns: cues of the stance lexicon, not its targets
    "support",
    "backing",
    "criticism",
    "concern",
    "concerns",
    "protest",
    "protests",
    "warning",
    "threat",
    "threats",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "condemnation",
    "objection",
    "denial",
    "demand",
    "demands",
    "appeal",
    "request",
    "call",
    "hope",
    "fears",
    "alarm",
    "doubt",
    "doubts",
    "confidence",
    "willingness",
    "commitment",
    "ultimatum",
    "claim",
    "claims",
    "offer",
    "invitation",
    "permission",
    "praise",
    "help",
    "assistance",
    "aid",
    "relief",
    "cooperation",
    "ties",
    "relations",
    "right",
    "rights",
    "independence",
    # abstract goals every side claims: no act to take a side on
    "peace",
    "stability",
    "security",
    "unity",
    "development",
    "progress",
    "freedom",
    "democracy",
    # particles and fragments of the pattern syntax
    "down",
    "off",
    "out",
    "back",
    "with",
    "withdraw",
    "up",
    "in",
    "on",
    "to",
    "for",
    "of",
    "control",
    "order",
    "access",
    "entry",
    "trade",
    "traffic",
    "emergency",
    "participation",
    "effort",
    "efforts",
    "attempt",
    "search",
    "release",
    "if",
    "into",
    "from",
    "away",
    "themselves",
    "outside",
    "impossible",
    "positively",
    "bitterly",
    "arguing",
    "investigate",
    "against",  # a preposition, a verb and an adjective that patterns leave as objects
    "meet",
    "diplomatic",
    # more persons, places and things among the pattern objects
    "activist",
    "apostate",
    "convict",
    "dictator",
    "engineer",
    "fighter",
    "fighters",
    "insurgents",
    "immigrants",
    "members",
    "militant",
    "officers",
    "peace-keeper",
    "peacekeeper",
    "protester",
    "demonstrators",
    "terrorist",
    "innocent",
    "guilty",
    "responsible",
    "dead",
    "billions",
    "tonnes",
    "bridge",
    "flag",
    "grenade",
    "gunfire",
    "homes",
    "house",
    "houses",
    "mosque",
    "offices",
    "road",
    "rocket",
    "shelters",
    "stations",
    "tank",
    "television",
    "pipeline",
    "medal",
    "prize",
    "flight",
    "flights",
    "visa",
    "assets",
    # attitudes and outcomes: stance cues or nothing, not the thing a stance is about
    "fear",
    "fury",
    "grip",
    "horror",
    "irritation",
    "regret",
    "sadness",
    "shock",
    "sympathy",
    "satisfaction",
    "scepticism",
    "gratitude",
    "dismay",
    "displeasure",
    "disappointment",
    "disapproval",
    "misgiving",
    "mistrust",
    "optimism",
    "outrage",
    "readiness",
    "reluctance",
    "determination",
    "desire",
    "position",
    "positions",
    "attitude",
    "role",
    "responsibility",
    "priority",
    "success",
    "failure",
    "victory",
    "defeat",
    "need",
    "situation",
    "issue",
    "answer",
    "result",
    "respects",
    "condolence",
    "condolences",
    "blessing",
    "forgiveness",
    "friendship",
    "solidarity",
    "hostility",
    "welcome",
    "farewell",
    "apology",
    "insult",
    "pressure",
    "involvement",
    "presence",
    "link",
    "contact",
    "understanding",
    "explanation",
    "clarification",
    "assurance",
    "assertion",
    "speculation",
    "rebuff",
}
# Heads of bracketed pattern phrases taken (the others are mostly persons, places, particles)
PHRASE_HEADS = {
    "invasion",
    "warrant",
    "package",
    "communique",
    "statement",
    "occupation",
    "exercise",
    "exercises",
    "intervention",
    "amendment",
    "convention",
    "process",
    "rapprochement",
    "tariff",
    "suspension",
    "buildup",
    "policies",
    "strategy",
    "measure",
    "action",
    "murder",
    "detention",
    "torture",
    "penalty",
    "siege",
    "maneuvers",
    "manoeuvres",
    "operations",
    "strikes",
    "raids",
    "abuses",
    "terrorism",
    "confrontation",
    "clash",
    "halt",
    "return",
}
OBJECT = re.compile(r"^-\s+\*\s+\{?([A-Z][A-Z_-]*)\}?\s+\[")
# the last word of a bracketed phrase of a pattern: "{JOINT COMMUNIQUE}", "(FOR INVASION)"
PHRASE_HEAD = re.compile(r"[{(]([^{}()\[\]]*?)([A-Z][A-Z_-]+)\s*[})]")


def _words(name: str) -> list[str]:
    return [w for w in name.lower().replace("_", " ").split() if w]


def generate(cameo: Path) -> list[dict[str, str]]:
    """Rows ``noun, evidence, source`` from the CAMEO dictionary, sorted by noun.

    Parameters
    ----------
    cameo : Path
        ``CAMEO.2.0.txt``.

    Returns
    -------
    list of dict
        One row per noun (lower case, one word).
    """
    lines = cameo.read_text(encoding="utf-8", errors="replace").splitlines()
    rows: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(lines, 1):
        if line.startswith("&"):
            current = line[1:].strip()
            continue
        if line.startswith("+") and current in SYNSETS:
            words = _words(line[1:].strip())
            if len(words) == 1 and words[0] not in EXCLUDED:
                rows.setdefault(
                    words[0],
                    {"noun": words[0], "evidence": f"synset &{current}", "line": str(number)},
                )
        elif not line.startswith(("+", "&")):
            current = None if line.strip() == "" else current
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        m = OBJECT.match(line)
        if m:
            words = _words(m.group(1))
            if len(words) == 1:
                counts[words[0]] += 1
                first.setdefault(words[0], number)
        if line.startswith("-"):
            pattern = line.split("[", 1)[0]
            for head in PHRASE_HEAD.finditer(pattern):
                words = _words(head.group(2))
                if len(words) == 1 and words[0] in PHRASE_HEADS:
                    counts[words[0]] += 1
                    first.setdefault(words[0], number)
    for noun, n in counts.items():
        if n >= MIN_PATTERNS and noun not in EXCLUDED and noun not in rows:
            rows[noun] = {
                "noun": noun,
                "evidence": f"object of {n} verb patterns",
                "line": str(first[noun]),
            }
    out = []
    for noun in sorted(rows):
        r = rows[noun]
        out.append(
            {
                "noun": noun,
                "source": f"CAMEO.2.0.txt line {r['line']}: {r['evidence']}",
            }
        )
    return out


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    cameo = shared / "data" / "petrarch2_dictionaries" / "CAMEO.2.0.txt"
    target = Path("ontology/lexicon/target_nouns.csv")
    rows = generate(cameo)
    with target.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Nouns naming acts, agreements and measures a stance can be about; a stance toward\n"
            "# a phrase headed by one of them and naming no entity gets a minted gb:Event.\n"
            "# Generated by scripts/lexicon/gen_target_nouns.py from the PETRARCH2 CAMEO verb\n"
            "# dictionary (MIT); do not edit by hand. Matched on the lemma (plural nouns too).\n"
        )
        writer = csv.DictWriter(fh, fieldnames=["noun", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{target}: {len(rows)} nouns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
