"""End to end on the seed article with the real pipeline: relations and stances against the gold.

The scoring follows ``shared/gold/README.md`` (names normalised; a record maps to the gold id
whose names hold its entity's label or one of its aliases; optional gold items are ignored).
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.slow


def _norm(name: str) -> str:
    s = name.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@pytest.fixture(scope="module")
def seed(nlp, seed_article, seed_gold):
    from graphbuilder.ingest import read_article
    from graphbuilder.nlp.run import process_articles

    gold = json.loads(seed_gold.read_text(encoding="utf-8"))
    ((_, doc),) = list(process_articles(nlp, [read_article(seed_article)]))
    names = {}
    for e in gold["entities"]:
        for n in e["names"]:
            names.setdefault(_norm(n), e["id"])

    def gid(key):
        if key == doc._.gb_author:
            return gold["author"]
        ent = doc._.gb_entities.get(key)
        if ent is None:
            return None
        for n in [ent.label, *sorted(ent.aliases)]:
            if _norm(n) in names:
                return names[_norm(n)]
        return None

    return doc, gold, gid


def _f1(tp, fp, fn):
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return 2 * p * r / max(1e-9, p + r)


def test_seed_relations(seed):
    from graphbuilder.extract.relations import extract_relations

    doc, gold, gid = seed
    got = {(gid(r.subject), r.predicate, gid(r.object)) for r in extract_relations(doc)}
    req = {(r["s"], r["p"], r["o"]) for r in gold["relations"] if r["required"]}
    opt = {(r["s"], r["p"], r["o"]) for r in gold["relations"] if not r["required"]}
    tp = len(got & req)
    assert _f1(tp, len(got - req - opt), len(req - got)) >= 0.85


def test_seed_stances(seed):
    from graphbuilder.extract.stances import extract_stances

    doc, gold, gid = seed
    used, tp, fp, agree = set(), 0, 0, 0
    for s in extract_stances(doc):
        h, t = gid(s.holder), gid(s.target)
        hit = next(
            (
                k
                for k, g in enumerate(gold["stances"])
                if h in g["holder"] and t in g["target"] and s.polarity == g["polarity"]
            ),
            None,
        )
        if hit is None:
            fp += 1
        elif gold["stances"][hit]["required"] and hit not in used:
            used.add(hit)
            tp += 1
            agree += s.stance_type == gold["stances"][hit]["type"]
    n_req = sum(g["required"] for g in gold["stances"])
    assert _f1(tp, fp, n_req - tp) >= 0.70
    assert agree / max(1, tp) >= 0.60
