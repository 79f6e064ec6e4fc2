"""Quality of the NLP path on public annotated data: ``.venv/bin/python
benchmarks/quality/evaluate_data.py [--limit N] [--only re3d,plover,newsmtsc] [--write]``.

The data sets are read at run time from ``../shared/data`` (``$GRAPHBUILDER_SHARED/data``);
none of their text is copied into the repository. A data set whose folder is absent is
skipped with a message. Every document or sentence becomes an :class:`Article` and runs
through the real pipeline (:func:`graphbuilder.nlp.run.process_articles`); the records are
read with :func:`graphbuilder.nlp.run.records_from_doc` (KB background facts are left out:
only what is read from the text is scored).

re3d (Dstl 2017; ``re3d/<source>/{documents,entities,relations}.json``)
    Gold annotations with ``confidence >= 0.5`` (the usual convention, see SOURCE.md).

    Entities: our mentions of kind name, title, demonym, description and pronoun (re3d
    annotates pronouns and descriptions too: "we", "he", "the regime") against the gold
    Person, Organisation, Location and Nationality spans. A mention matches a gold span it
    overlaps (character offsets). Class mapping (ours -> re3d): Person -> Person,
    Organization -> Organisation, Location -> Location, Country -> Location | Organisation |
    Nationality (re3d types a state as a place, as the government acting, or as a demonym),
    Event -> not scored (re3d has no event class; reported apart). "untyped" ignores the
    class; "typed" requires the mapping to agree. Precision counts a mention overlapping a gold
    span of another re3d type (Temporal, Weapon ...) as a false positive.

    Relations: ``InChargeOf`` (source in charge of target) ~ our ``leaderOf``/``officialOf``
    (person -> state/organization); ``BelongsTo`` (source belongs to target) ~ our
    ``memberOf``/``partOf``. A gold relation is mapped to the entities whose mentions overlap
    its source and target spans; ours is right when a gold relation of the mapped type joins
    the same (subject, object) in that direction. Recall is also given over the "reachable"
    gold relations (both arguments are mentions of ours).

    Stances: ``Likes`` ~ Positive, ``Dislikes`` ~ Negative (holder = source, target =
    target). Precision counts our stances whose (holder, target) has a gold Likes/Dislikes;
    "extended" also accepts ``AlliesOf`` as Positive and ``FightingAgainst`` as Negative
    between the pair, either direction.

    Dates: re3d documents are from 2016-2017; the article date is set to 2016-07-01 (office
    holders are resolved on that date).

PLOVER GSR (``plover_gsr/PLOVER_GSR_CAMEO.json``)
    Event -> polarity: SUPPORT, AGREE, COOPERATE, AID, CONCEDE, CONSULT -> Positive;
    DISAPPROVE, REJECT, THREATEN, PROTEST, SANCTION, COERCE, ASSAULT, FIGHT -> Negative;
    DEMAND, INVESTIGATE, MOBILIZE, RETREAT -> no polarity (stances on them are listed, not
    scored). An actor maps to our entities whose mentions overlap the actor text in the
    sentence, or whose label/aliases share a content token with it. A stance of ours is right
    when its holder is a source actor, its target a target actor and the polarity agrees.

NewsMTSC devtest_rw (``newsmtsc/devtest_rw.jsonl``)
    Sentiment toward a target person (2 negative, 4 neutral, 6 positive). The target maps to
    the entity of our mentions overlapping its span; every stance of ours with that target is
    compared with the gold polarity (a proxy: sentiment is not stance). Date 2018-01-01.

Output: tables on stdout; with ``--compare <earlier results.json>`` a before/after table; with
``--write`` also ``benchmarks/quality/results.md`` (and a
``results.json`` beside it) with the date, the figures and the ten most common false-positive
patterns per layer, with short examples (at most ~15 words each).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", PROJECT.parent / "shared"))
DATA = SHARED / "data"

RE3D_DATE = "2016-07-01"
PLOVER_DATE = "2000-01-01"
NEWSMTSC_DATE = "2018-01-01"
MIN_CONF = 0.5
MENTION_KINDS = ("name", "title", "demonym", "description", "pronoun")
OUR_TO_RE3D = {
    "Person": {"Person"},
    "Organization": {"Organisation"},
    "Location": {"Location"},
    "Country": {"Location", "Organisation", "Nationality"},
}
RE3D_SCORED = ("Person", "Organisation", "Location", "Nationality")
REL_MAP = {
    "leaderOf": "InChargeOf",
    "officialOf": "InChargeOf",
    "memberOf": "BelongsTo",
    "partOf": "BelongsTo",
}
PLOVER_POLARITY = {
    **dict.fromkeys(("SUPPORT", "AGREE", "COOPERATE", "AID", "CONCEDE", "CONSULT"), "Positive"),
    **dict.fromkeys(
        ("DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT", "FIGHT"),
        "Negative",
    ),
}
NEWSMTSC_POLARITY = {2.0: "Negative", 4.0: "Neutral", 6.0: "Positive"}
STOP = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "in",
    "for",
    "to",
    "on",
    "'s",
    "s",
    "forces",
    "troops",
    "government",
    "officials",
    "official",
    "leaders",
    "people",
    "military",
}


# ------------------------------------------------------------------------------------ helpers
def _article(
    text: str,
    source: str,
    date: str | None,
    title: str | None = None,
    publisher: str | None = None,
):
    from graphbuilder.records import Article

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        source=source, text=text, sha256=sha, title=title, date=date, publisher=publisher
    )


def re3d_publisher(source: str) -> str:
    """The publisher of a re3d document: its source folder's name ("CENTCOM", "UK Government",
    "Australian Department of Foreign Affairs"), as the site name of the page it was taken
    from reaches ``Article.publisher`` when the page is read as HTML (trafilatura's
    ``sitename``: ``og:site_name`` or the JSON-LD publisher)."""
    return source.replace("_", " ")


def _short(text: str, words: int = 15) -> str:
    parts = re.sub(r"\s+", " ", text).strip().split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _prf(tp: int, n_pred: int, n_gold: int, tp_gold: int | None = None) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = (tp_gold if tp_gold is not None else tp) / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "P": round(p, 3),
        "R": round(r, 3),
        "F1": round(f, 3),
        "pred": n_pred,
        "gold": n_gold,
        "tp": tp,
    }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _run(nlp, articles):
    from graphbuilder.nlp.run import process_articles, records_from_doc

    for article, doc in process_articles(nlp, articles):
        yield article, doc, records_from_doc(doc)


def _label(rec, key: str) -> str:
    ent = rec.entities.get(key)
    return ent.label if ent else key


def _ner_label(doc, start: int, end: int) -> str:
    for ent in doc.ents:
        if _overlap(ent.start_char, ent.end_char, start, end):
            return ent.label_
    return ""


@dataclass
class Patterns:
    """False-positive patterns: category -> count and a few examples."""

    counts: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, category: str, example: str) -> None:
        self.counts[category] += 1
        if len(self.examples[category]) < 3:
            self.examples[category].append(_short(example))

    def top(self, n: int = 10) -> list[tuple[str, int, list[str]]]:
        return [(c, k, self.examples[c]) for c, k in self.counts.most_common(n)]


# --------------------------------------------------------------------------------------- re3d
def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_re3d(limit: int | None) -> list[dict]:
    base = DATA / "re3d"
    docs = []
    for source in sorted(p for p in base.iterdir() if p.is_dir()):
        if not (source / "documents.json").is_file():
            continue
        ents = defaultdict(list)
        uncertain = defaultdict(list)  # spans the experts marked, of confidence < MIN_CONF
        rels = defaultdict(list)
        for e in _read_jsonl(source / "entities.json"):
            if e.get("confidence", 1) >= MIN_CONF:
                ents[e["documentId"]].append(e)
            else:
                uncertain[e["documentId"]].append(e)
        for r in _read_jsonl(source / "relations.json"):
            if r.get("confidence", 1) >= MIN_CONF:
                rels[r["documentId"]].append(r)
        for d in _read_jsonl(source / "documents.json"):
            docs.append(
                {
                    "id": d["_id"],
                    "source": source.name,
                    "text": d["text"],
                    "title": d.get("title"),
                    "entities": ents[d["_id"]],
                    "uncertain": uncertain[d["_id"]],
                    "relations": rels[d["_id"]],
                }
            )
    return docs[:limit] if limit else docs


def _keys_over(rec, start: int, end: int) -> set[str]:
    return {
        m.entity for m in rec.mentions if m.end > m.start and _overlap(m.start, m.end, start, end)
    }


def re3d_articles(docs: list[dict]) -> list:
    """One Article per re3d document of :func:`load_re3d`, dated ``RE3D_DATE``, with its title
    and its source folder's publisher (:func:`re3d_publisher`)."""
    return [
        _article(
            d["text"],
            f"re3d:{d['source']}:{d['id']}",
            RE3D_DATE,
            d["title"],
            re3d_publisher(d["source"]),
        )
        for d in docs
    ]


def eval_re3d(nlp, limit: int | None, fps: dict[str, Patterns]) -> dict:
    docs = load_re3d(limit)
    arts = re3d_articles(docs)
    ent_c = Counter()
    rel_c = Counter()
    st_c = Counter()
    by_type = defaultdict(Counter)
    for d, (_, doc, rec) in zip(docs, _run(nlp, arts), strict=True):
        text = d["text"]
        gold = d["entities"]
        scored = [g for g in gold if g["type"] in RE3D_SCORED]
        ours = [m for m in rec.mentions if m.kind in MENTION_KINDS and m.end > m.start]
        # --- entities: precision over our mentions
        for m in ours:
            cls = rec.entities[m.entity].cls
            if cls == "Event":
                ent_c["event_mentions"] += 1
                continue
            hits = [g for g in gold if _overlap(m.start, m.end, g["begin"], g["end"])]
            hit_scored = [g for g in hits if g["type"] in RE3D_SCORED]
            ent_c["pred"] += 1
            ent_c[f"pred_{m.kind}"] += 1
            if hit_scored:
                ent_c["tp_untyped"] += 1
            if any(g["type"] in OUR_TO_RE3D[cls] for g in hit_scored):
                ent_c["tp_typed"] += 1
                ent_c[f"tp_{m.kind}"] += 1
                continue
            sent = _sentence_around(text, m.start)
            if hit_scored:
                cat = f"class {cls} for re3d {hit_scored[0]['type']}"
                fps["entity_class"].add(f"{cat} ({m.kind})", f"'{m.text}' in: {sent}")
                continue
            if hits:
                cat = f"{m.kind} over a re3d {hits[0]['type']}"
            else:
                ner = _ner_label(doc, m.start, m.end)
                cat = f"{m.kind} '{m.text}' ({cls}{', ' + ner if ner else ''})"
                cat = _entity_fp_category(m, cls, ner)
            fps["entity"].add(cat, f"'{m.text}' in: {sent}")
        # --- entities: recall over gold spans
        for g in scored:
            ent_c["gold"] += 1
            by_type[g["type"]]["gold"] += 1
            hits = [
                m
                for m in ours
                if _overlap(m.start, m.end, g["begin"], g["end"])
                and rec.entities[m.entity].cls != "Event"
            ]
            if hits:
                ent_c["gold_found_untyped"] += 1
                by_type[g["type"]]["untyped"] += 1
            if any(g["type"] in OUR_TO_RE3D[rec.entities[m.entity].cls] for m in hits):
                ent_c["gold_found_typed"] += 1
                by_type[g["type"]]["typed"] += 1
            has_cap = any(ch.isupper() for ch in g["value"])
            if has_cap:
                ent_c["gold_named"] += 1
                if hits:
                    ent_c["gold_named_found"] += 1
        # --- relations
        gold_rel = defaultdict(set)  # type -> {(s, o)}
        gold_any = set()
        for r in d["relations"]:
            ss = _keys_over(rec, r["sourceBegin"], r["sourceEnd"])
            oo = _keys_over(rec, r["targetBegin"], r["targetEnd"])
            pairs = {(s, o) for s in ss for o in oo if s != o}
            gold_any |= pairs | {(o, s) for s, o in pairs}
            gold_rel[r["type"]] |= pairs
            if r["type"] in ("InChargeOf", "BelongsTo"):
                rel_c[f"gold_{r['type']}"] += 1
                if pairs:
                    rel_c[f"reach_{r['type']}"] += 1
                    ours_pairs = {
                        (x.subject, x.object)
                        for x in rec.relations
                        if x.origin == "text" and REL_MAP.get(x.predicate) == r["type"]
                    }
                    if pairs & ours_pairs:
                        rel_c[f"found_{r['type']}"] += 1
            if r["type"] in ("Likes", "Dislikes"):
                pol = "Positive" if r["type"] == "Likes" else "Negative"
                st_c["gold"] += 1
                if pairs:
                    st_c["gold_reach"] += 1
                    got = [s for s in rec.stances if (s.holder, s.target) in pairs]
                    if got:
                        st_c["gold_pair_found"] += 1
                    if any(s.polarity == pol for s in got):
                        st_c["gold_found"] += 1
        seen_rel = set()
        for x in rec.relations:
            if x.origin != "text":
                continue
            k = (x.subject, x.predicate, x.object)
            if k in seen_rel:
                continue
            seen_rel.add(k)
            typ = REL_MAP[x.predicate] if x.predicate in REL_MAP else None
            if typ is None:
                rel_c["pred_other"] += 1
                continue
            rel_c[f"pred_{typ}"] += 1
            if (x.subject, x.object) in gold_rel[typ]:
                rel_c[f"tp_{typ}"] += 1
                continue
            if (x.subject, x.object) in gold_any:
                cat = f"{x.predicate}: pair has another re3d relation"
            else:
                cat = f"{x.predicate}: pair has no re3d relation"
            ex = f"{_label(rec, x.subject)} -> {_label(rec, x.object)} | {x.evidence.text}"
            fps["relation"].add(cat, ex)
        pol_gold = {}
        ext_gold = {}
        for t, pol in (("Likes", "Positive"), ("Dislikes", "Negative")):
            for p in gold_rel[t]:
                pol_gold.setdefault(p, set()).add(pol)
        for t, pol in (("AlliesOf", "Positive"), ("FightingAgainst", "Negative")):
            for s, o in gold_rel[t]:
                ext_gold.setdefault((s, o), set()).add(pol)
                ext_gold.setdefault((o, s), set()).add(pol)
        for s in rec.stances:
            st_c["pred"] += 1
            pair = (s.holder, s.target)
            if s.polarity in pol_gold.get(pair, ()):
                st_c["tp"] += 1
                st_c["tp_ext"] += 1
                continue
            if s.polarity in ext_gold.get(pair, ()):
                st_c["tp_ext"] += 1
                continue
            if pair in pol_gold or pair in ext_gold:
                cat = f"wrong polarity ({s.polarity} {s.stance_type}, cue '{s.cue}')"
            elif pair in gold_any:
                cat = f"pair has a non-stance re3d relation (cue '{s.cue}')"
            else:
                cat = f"pair without re3d relation (cue '{s.cue}')"
            ex = f"{_label(rec, s.holder)} -> {_label(rec, s.target)} | {s.evidence.text}"
            fps["stance"].add(cat, ex)
    out = {
        "documents": len(docs),
        "entities_untyped": _prf(
            ent_c["tp_untyped"], ent_c["pred"], ent_c["gold"], ent_c["gold_found_untyped"]
        ),
        "entities_typed": _prf(
            ent_c["tp_typed"], ent_c["pred"], ent_c["gold"], ent_c["gold_found_typed"]
        ),
        "entities_named_recall": round(ent_c["gold_named_found"] / max(1, ent_c["gold_named"]), 3),
        "entities_by_gold_type": {
            t: {
                "gold": c["gold"],
                "R_untyped": round(c["untyped"] / max(1, c["gold"]), 3),
                "R_typed": round(c["typed"] / max(1, c["gold"]), 3),
            }
            for t, c in sorted(by_type.items())
        },
        "entities_precision_by_kind": {
            k: {
                "pred": ent_c[f"pred_{k}"],
                "P_typed": round(ent_c[f"tp_{k}"] / max(1, ent_c[f"pred_{k}"]), 3),
            }
            for k in MENTION_KINDS
        },
        "event_mentions_not_scored": ent_c["event_mentions"],
    }
    for typ in ("InChargeOf", "BelongsTo"):
        prf = _prf(
            rel_c[f"tp_{typ}"], rel_c[f"pred_{typ}"], rel_c[f"gold_{typ}"], rel_c[f"found_{typ}"]
        )
        prf["R_reachable"] = round(rel_c[f"found_{typ}"] / max(1, rel_c[f"reach_{typ}"]), 3)
        prf["reachable"] = rel_c[f"reach_{typ}"]
        out[f"relations_{typ}"] = prf
    out["relations_other_predicates"] = rel_c["pred_other"]
    st = _prf(st_c["tp"], st_c["pred"], st_c["gold"], st_c["gold_found"])
    st["found"] = st_c["gold_found"]
    st["P_extended"] = round(st_c["tp_ext"] / max(1, st_c["pred"]), 3)
    st["gold_reachable"] = st_c["gold_reach"]
    st["gold_pair_found_any_polarity"] = st_c["gold_pair_found"]
    out["stances"] = st
    return out


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos)) if e >= 0]
    end = min(ends) if ends else len(text)
    return text[start : end + 1].strip()


def _entity_fp_category(m, cls: str, ner: str) -> str:
    """A coarse pattern for a mention overlapping no gold entity."""
    if m.kind == "pronoun":
        return f"pronoun '{m.text.lower()}' ({cls})"
    if m.kind == "description":
        return f"description '{m.text.lower()}' ({cls})"
    if m.kind == "title":
        return "title mention not annotated"
    if m.kind == "demonym":
        return "demonym not annotated"
    words = m.text.split()
    if all(w[:1].isupper() for w in words if w.isalpha()) and len(words) > 1 and cls != "Person":
        return f"capitalised multi-word name ({cls}, NER {ner or 'KB'})"
    return f"name ({cls}, NER {ner or 'KB'})"


# ------------------------------------------------------------------------------------- PLOVER
def load_plover(limit: int | None) -> list[dict]:
    path = DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    recs = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    return recs[:limit] if limit else recs


def _actors(field_value) -> list[str]:
    if not field_value or not isinstance(field_value, list):
        return []
    return [a.get("actorText", "") for a in field_value if a.get("actorText")]


def _content_tokens(text: str) -> set[str]:
    from graphbuilder.names import normalize_name

    return {w for w in normalize_name(text).split() if w not in STOP and len(w) > 2}


def _actor_keys(rec, text: str, actor: str) -> set[str]:
    """Entity keys of a gold actor's text: the mentions over it (a capital also as the state
    whose government sits there, as the gold's "Berlin rejected" means Germany and our stances
    read it: ``seats.csv``), else the entities sharing a content word with it."""
    keys: set[str] = set()
    actor = re.sub(r"\s+", " ", actor).strip()
    for mt in re.finditer(re.escape(actor), text, flags=re.I):
        keys |= _keys_over(rec, mt.start(), mt.end())
    if keys:
        return keys | {s for k in keys if (s := _seat_state(k))}
    toks = _content_tokens(actor)
    for key, ent in rec.entities.items():
        names = {ent.label, *ent.aliases}
        if any(toks & _content_tokens(n) for n in names):
            keys.add(key)
    return keys


def _seat_state(key: str) -> str | None:
    from graphbuilder.resolve.kb import load_kb

    return load_kb().state_of_seat(key)


def eval_plover(nlp, limit: int | None, fps: dict[str, Patterns]) -> dict:
    recs = load_plover(limit)
    arts = [_article(r["text"], f"plover:{r['id']}", PLOVER_DATE) for r in recs]
    c = Counter()
    by_event = defaultdict(Counter)
    for r, (_, _doc, rec) in zip(recs, _run(nlp, arts), strict=True):
        pol = PLOVER_POLARITY.get(r["event"])
        src = set().union(
            *[_actor_keys(rec, r["text"], a) for a in _actors(r.get("source"))] or [set()]
        )
        tar = set().union(
            *[_actor_keys(rec, r["text"], a) for a in _actors(r.get("target"))] or [set()]
        )
        has_target = bool(_actors(r.get("target")))
        c["records"] += 1
        if pol and has_target:
            c["gold"] += 1
            by_event[r["event"]]["gold"] += 1
            if src and tar:
                c["gold_reach"] += 1
            got = [s for s in rec.stances if s.holder in src and s.target in tar]
            if got:
                c["pair_found"] += 1
            if any(s.polarity == pol for s in got):
                c["found"] += 1
                by_event[r["event"]]["found"] += 1
        for s in rec.stances:
            ex = f"{_label(rec, s.holder)} -> {_label(rec, s.target)} | {r['text']}"
            if pol is None or not has_target:
                c["pred_unscored"] += 1
                continue
            c["pred"] += 1
            right_pair = s.holder in src and s.target in tar
            if right_pair and s.polarity == pol:
                c["tp"] += 1
                continue
            if right_pair:
                cat = f"wrong polarity: {r['event']} read as {s.stance_type} (cue '{s.cue}')"
            elif s.holder in tar and s.target in src:
                cat = f"reversed holder/target (cue '{s.cue}')"
            elif s.holder not in src and s.target in tar:
                cat = f"wrong holder (cue '{s.cue}')"
            elif s.holder in src:
                cat = f"wrong target (cue '{s.cue}')"
            else:
                cat = f"neither actor (cue '{s.cue}')"
            fps["stance"].add(f"PLOVER {cat}", ex)
    out = _prf(c["tp"], c["pred"], c["gold"], c["found"])
    out.update(
        {
            "records": c["records"],
            "found": c["found"],
            "gold_actors_mapped": c["gold_reach"],
            "pair_found_any_polarity": c["pair_found"],
            "stances_on_unscored_events": c["pred_unscored"],
            "recall_by_event": {
                e: f"{v['found']}/{v['gold']}" for e, v in sorted(by_event.items())
            },
        }
    )
    return out


# ----------------------------------------------------------------------------------- NewsMTSC
def load_newsmtsc(limit: int | None) -> list[dict]:
    path = DATA / "newsmtsc" / "devtest_rw.jsonl"
    recs = _read_jsonl(path)
    return recs[:limit] if limit else recs


def eval_newsmtsc(nlp, limit: int | None, fps: dict[str, Patterns]) -> dict:
    recs = load_newsmtsc(limit)
    arts = [
        _article(r["sentence_normalized"], f"newsmtsc:{i}", NEWSMTSC_DATE)
        for i, r in enumerate(recs)
    ]
    c = Counter()
    for r, (_, _doc, rec) in zip(recs, _run(nlp, arts), strict=True):
        for t in r["targets"]:
            gold = NEWSMTSC_POLARITY.get(t["polarity"])
            c["targets"] += 1
            c[f"gold_{gold}"] += 1
            keys = _keys_over(rec, t["from"], t["to"])
            if keys:
                c["target_linked"] += 1
            got = [s for s in rec.stances if s.target in keys]
            if not got:
                continue
            c["with_stance"] += 1
            pols = {s.polarity for s in got}
            c[f"stance_on_{gold}"] += 1
            if gold in pols and len(pols) == 1:
                c["agree"] += 1
            elif gold != "Neutral":
                c["disagree"] += 1
                s = got[0]
                ex = f"{_label(rec, s.holder)} -> {t['mention']} | {r['sentence_normalized']}"
                fps["stance"].add(
                    f"NewsMTSC {gold} target read as {s.polarity} (cue '{s.cue}')", ex
                )
    polar = c["gold_Positive"] + c["gold_Negative"]
    on_polar = c["stance_on_Positive"] + c["stance_on_Negative"]
    return {
        "targets": c["targets"],
        "targets_linked": c["target_linked"],
        "targets_with_stance": c["with_stance"],
        "polarity_agreement": round(c["agree"] / max(1, on_polar), 3),
        "agree": c["agree"],
        "disagree": c["disagree"],
        "coverage_of_polar_targets": round(on_polar / max(1, polar), 3),
        "stances_on_neutral_targets": c["stance_on_Neutral"],
    }


# -------------------------------------------------------------------------------------- report
def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _table(title: str, rows: list[tuple]) -> str:
    lines = [f"### {title}", "", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines) + "\n"


def _flat(prefix: str, value) -> list[tuple]:
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out += _flat(f"{prefix}.{k}" if prefix else k, v)
        return out
    return [(prefix, value)]


def _compare(before: dict, after: dict) -> str:
    fb, fa = dict(_flat("", before)), dict(_flat("", after))
    lines = ["## Before -> after", "", "| measure | before | after |", "|---|---|---|"]
    for k, v in fa.items():
        if k in fb and fb[k] != v and not isinstance(v, str):
            lines.append(f"| {k} | {fb[k]} | {v} |")
    return "\n".join(lines) + "\n"


def render(
    results: dict, fps: dict[str, Patterns], limit: int | None, before: dict | None = None
) -> str:
    parts = [
        "# NLP quality on public data",
        "",
        f"Date: {_dt.date.today().isoformat()}, commit {_commit()}"
        + (f", --limit {limit}" if limit else "")
        + ". Command: `.venv/bin/python benchmarks/quality/evaluate_data.py --write`. "
        "Method and mappings: the docstring of `evaluate_data.py`.",
        "",
    ]
    if before:
        parts.append(f"Before = commit {before.get('commit')} ({before.get('date')}).\n")
        parts.append(_compare(before["results"], results))
    for name, res in results.items():
        if isinstance(res, str):
            parts.append(f"### {name}\n\n{res}\n")
            continue
        parts.append(_table(name, _flat("", res)))
    parts.append("## Most common false-positive patterns\n")
    for layer, pats in fps.items():
        parts.append(f"### {layer}\n")
        parts.append("| # | pattern | count | examples |")
        parts.append("|---|---|---|---|")
        for i, (cat, n, ex) in enumerate(pats.top(10), 1):
            exs = " <br> ".join(e.replace("|", "/") for e in ex[:2])
            parts.append(f"| {i} | {cat.replace('|', '/')} | {n} | {exs} |")
        parts.append("")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="documents/sentences per data set")
    ap.add_argument("--only", default="re3d,plover,newsmtsc")
    ap.add_argument("--write", action="store_true", help="write results.md and results.json")
    ap.add_argument("--out", default=str(HERE / "results"), help="path stem of the results")
    ap.add_argument("--compare", default=None, help="a results.json of an earlier run")
    args = ap.parse_args(argv)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found (the public data sets are not in this clone)")
        return 0
    sys.path.insert(0, str(PROJECT))
    from graphbuilder.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    fps = {k: Patterns() for k in ("entity", "entity_class", "relation", "stance")}
    results: dict = {}
    runners = {
        "re3d": (DATA / "re3d", eval_re3d),
        "plover": (DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json", eval_plover),
        "newsmtsc": (DATA / "newsmtsc" / "devtest_rw.jsonl", eval_newsmtsc),
    }
    for name in wanted:
        path, fn = runners[name]
        if not path.exists():
            msg = f"skipped: {path} not found"
            print(f"{name}: {msg}")
            results[name] = msg
            continue
        results[name] = fn(nlp, args.limit, fps)
        print(_table(name, _flat("", results[name])))
    for layer, pats in fps.items():
        print(f"--- top false positives: {layer}")
        for cat, n, ex in pats.top(10):
            print(f"{n:5d}  {cat}\n        e.g. {ex[0]}")
    if args.write:
        out = Path(args.out)
        before = json.loads(Path(args.compare).read_text()) if args.compare else None
        text = render(results, fps, args.limit, before)
        out.with_suffix(".md").write_text(text, encoding="utf-8")
        payload = {
            "date": _dt.date.today().isoformat(),
            "commit": _commit(),
            "limit": args.limit,
            "results": results,
            "false_positives": {k: p.top(10) for k, p in fps.items()},
        }
        out.with_suffix(".json").write_text(json.dumps(payload, indent=1), encoding="utf-8")
        print(f"written {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
