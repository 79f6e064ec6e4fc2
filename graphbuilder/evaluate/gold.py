"""Score a graph against a hand-made gold annotation (``shared/gold/*.json``).

The scoring rules are those of ``shared/gold/README.md``; each function cites the rule it
implements. Where the README leaves a case open, the reading chosen is written in the
docstring of the function that makes the choice:

- A graph entity whose ``rdfs:label`` or any ``skos:altLabel`` normalises to a forbidden name
  is a false positive and matches no gold entity (rule 3, "always a false positive").
- A duplicate (a second graph entity matching the same gold entity) is a false positive, also
  for optional gold entities: only the first match of an optional entity is ignored (rule 2).
- Relation triples and stances whose ends do not both map to gold ids are not scored at all:
  rules 4 and 5 score only those "whose subject and object / holder and target map to gold
  ids".
- Relations are scored as the set of gold-id triples ``(s, p, o)`` they map to: a second graph
  triple mapping to the same gold relation (through duplicate entities) is ignored, as for
  stances ("each gold stance is counted once").
- Stances are assigned to required gold stances by a maximum bipartite matching (networkx), so
  the count of right stances does not depend on the order of the graph; among matchings of
  that size, the one with most agreeing stance types is taken.
- A ratio whose denominator is 0 is reported as 0.0 (precision, recall, F1) or ``None``
  (stance-type agreement with no right stance).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from graphbuilder.errors import GraphbuilderError
from graphbuilder.names import normalize_name as normalise_name
from graphbuilder.rdf.io import load_graph
from graphbuilder.rdf.namespaces import GB
from graphbuilder.records import ENTITY_CLASSES, RELATION_TYPES

POLARITIES: tuple[str, ...] = ("Positive", "Negative")


class GoldFileError(GraphbuilderError):
    """A gold annotation file is missing, is not JSON, or does not follow the gold format.

    The message names the file and the fault, e.g.
    ``"gold.json: entities[2]: 'type' must be one of Person, Country, ..."``.
    """

    exit_code = 2


# --------------------------------------------------------------------------------------------
# Gold annotation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One gold entity: ``id``, ``type`` (one of the five classes), ``required``, ``names``."""

    id: str
    type: str
    required: bool
    names: tuple[str, ...]
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One gold relation ``(s, p, o)`` between gold ids; ``p`` is a local name (``leaderOf``)."""

    s: str
    p: str
    o: str
    required: bool


@dataclass(frozen=True, slots=True)
class GoldStance:
    """One gold stance: any id of ``holder`` and any id of ``target`` is right."""

    holder: tuple[str, ...]
    target: tuple[str, ...]
    polarity: str
    type: str
    required: bool
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold annotation of one document (the format of ``shared/gold/README.md``)."""

    path: str
    document: str | None
    author: str | None
    published: str | None
    entities: tuple[GoldEntity, ...]
    forbidden_names: tuple[str, ...]
    relations: tuple[GoldRelation, ...]
    stances: tuple[GoldStance, ...]

    def entity(self, gold_id: str) -> GoldEntity:
        """The gold entity with id ``gold_id`` (KeyError if absent)."""
        for ent in self.entities:
            if ent.id == gold_id:
                return ent
        raise KeyError(gold_id)


def _fail(path: Path, where: str, fault: str) -> GoldFileError:
    prefix = f"{path}: {where}: " if where else f"{path}: "
    return GoldFileError(prefix + fault)


def _get(path: Path, obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict):
        raise _fail(path, where, "must be a JSON object")
    if key not in obj:
        raise _fail(path, where, f"missing '{key}'")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise _fail(path, where, f"'{key}' must be {names}, not {type(value).__name__}")
    return value


def _str_list(path: Path, obj: dict, key: str, where: str) -> tuple[str, ...]:
    values = _get(path, obj, key, list, where)
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise _fail(path, where, f"'{key}' must be a non-empty list of non-empty strings")
    return tuple(values)


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold annotation file.

    Parameters
    ----------
    path : str or Path
        A JSON file in the format of ``shared/gold/README.md``.

    Returns
    -------
    Gold
        The annotation, with every id reference checked.

    Raises
    ------
    GoldFileError
        When the file is missing or unreadable, is not JSON, or breaks the format (a missing
        field, a wrong type, an unknown entity class, relation, polarity, or an id used in a
        relation or stance that no entity has). The message names the file and the place.

    Examples
    --------
    >>> gold = load_gold("../shared/gold/csto-summit-2022.json")  # doctest: +SKIP
    >>> gold.entity("putin").type
    'Person'
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(path, "", "gold file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise _fail(path, "", f"cannot read gold file ({err})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise _fail(
            path, "", f"not valid JSON (line {err.lineno} column {err.colno}: {err.msg})"
        ) from None
    if not isinstance(data, dict):
        raise _fail(path, "", "the top level must be a JSON object")

    entities: list[GoldEntity] = []
    for i, item in enumerate(_get(path, data, "entities", list, "")):
        where = f"entities[{i}]"
        ent_id = _get(path, item, "id", str, where)
        ent_type = _get(path, item, "type", str, where)
        if ent_type not in ENTITY_CLASSES:
            raise _fail(path, where, f"'type' must be one of {', '.join(ENTITY_CLASSES)}")
        wikidata = item.get("wikidata")
        if wikidata is not None and not isinstance(wikidata, str):
            raise _fail(path, where, "'wikidata' must be a string")
        entities.append(
            GoldEntity(
                id=ent_id,
                type=ent_type,
                required=_get(path, item, "required", bool, where),
                names=_str_list(path, item, "names", where),
                wikidata=wikidata,
            )
        )
    ids = [e.id for e in entities]
    dup_ids = sorted({i for i in ids if ids.count(i) > 1})
    if dup_ids:
        raise _fail(path, "entities", f"duplicate id(s): {', '.join(dup_ids)}")
    known = set(ids)

    def check_id(gold_id: str, where: str) -> str:
        if gold_id not in known:
            raise _fail(path, where, f"unknown entity id '{gold_id}'")
        return gold_id

    forbidden = data.get("forbidden_names", [])
    if not isinstance(forbidden, list) or not all(isinstance(n, str) for n in forbidden):
        raise _fail(path, "forbidden_names", "must be a list of strings")

    relations: list[GoldRelation] = []
    for i, item in enumerate(data.get("relations", [])):
        where = f"relations[{i}]"
        pred = _get(path, item, "p", str, where)
        if pred not in RELATION_TYPES:
            raise _fail(path, where, f"'p' must be one of {', '.join(RELATION_TYPES)}")
        relations.append(
            GoldRelation(
                s=check_id(_get(path, item, "s", str, where), where),
                p=pred,
                o=check_id(_get(path, item, "o", str, where), where),
                required=_get(path, item, "required", bool, where),
            )
        )

    stances: list[GoldStance] = []
    for i, item in enumerate(data.get("stances", [])):
        where = f"stances[{i}]"
        polarity = _get(path, item, "polarity", str, where)
        if polarity not in POLARITIES:
            raise _fail(path, where, "'polarity' must be Positive or Negative")
        evidence = item.get("evidence", "") if isinstance(item, dict) else ""
        stances.append(
            GoldStance(
                holder=tuple(check_id(h, where) for h in _str_list(path, item, "holder", where)),
                target=tuple(check_id(t, where) for t in _str_list(path, item, "target", where)),
                polarity=polarity,
                type=_get(path, item, "type", str, where),
                required=_get(path, item, "required", bool, where),
                evidence=evidence if isinstance(evidence, str) else "",
            )
        )

    author = data.get("author")
    return Gold(
        path=str(path),
        document=data.get("document") if isinstance(data.get("document"), str) else None,
        author=author if isinstance(author, str) else None,
        published=str(data["published"]) if data.get("published") is not None else None,
        entities=tuple(entities),
        forbidden_names=tuple(forbidden),
        relations=tuple(relations),
        stances=tuple(stances),
    )


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(slots=True)
class LayerScore:
    """Counts and ratios of one layer (entities, relations or stances).

    ``missed`` lists what the gold requires and the graph lacks (gold ids, gold triples,
    stance evidence); ``wrong`` lists the false positives of the graph (labels, triples,
    stance summaries). ``ignored`` counts graph items that matched an optional gold item (or
    a gold stance already counted).
    """

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0.0 when the graph has nothing scored in this layer."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0.0 when the gold requires nothing in this layer."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (rule 6), 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return data


@dataclass(slots=True)
class TypeAgreement:
    """Share of right stances whose ``gb:stanceType`` agrees with the gold type (rule 5)."""

    agreed: int = 0
    total: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """agreed / total, ``None`` when no stance is right."""
        return self.agreed / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["share"] = self.share
        return data


@dataclass(slots=True)
class Score:
    """The score of one graph against one gold annotation, per layer."""

    gold: str
    entities_untyped: LayerScore
    entities_typed: LayerScore
    relations: LayerScore
    stances: LayerScore
    stance_types: TypeAgreement
    graph: str | None = None

    @property
    def layers(self) -> tuple[LayerScore, ...]:
        return (self.entities_untyped, self.entities_typed, self.relations, self.stances)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what ``graphbuilder eval --json`` prints)."""
        return {
            "gold": self.gold,
            "graph": self.graph,
            "entities_untyped": self.entities_untyped.to_dict(),
            "entities_typed": self.entities_typed.to_dict(),
            "relations": self.relations.to_dict(),
            "stances": self.stances.to_dict(),
            "stance_type_agreement": self.stance_types.to_dict(),
        }


# --------------------------------------------------------------------------------------------
# Graph side
# --------------------------------------------------------------------------------------------

_CLASS_IRIS: dict[URIRef, str] = {GB[c]: c for c in ENTITY_CLASSES}
_RELATION_IRIS: dict[URIRef, str] = {GB[p]: p for p in RELATION_TYPES}
_POLARITY_IRIS: dict[URIRef, str] = {GB[p]: p for p in POLARITIES}


def _local_name(term: Any) -> str:
    text = str(term)
    return re.split(r"[#/]", text)[-1]


def _entity_classes(graph: rdflib.Graph, node: Any) -> set[str]:
    """The entity classes of ``node``: its ``rdf:type`` among the five, plus any of them
    reached through ``rdfs:subClassOf*`` where the graph carries the ontology's hierarchy."""
    found: set[str] = set()
    for cls in graph.objects(node, RDF.type):
        for sup in graph.transitive_objects(cls, RDFS.subClassOf):
            if sup in _CLASS_IRIS:
                found.add(_CLASS_IRIS[sup])
    return found


def _entity_nodes(graph: rdflib.Graph) -> list[Any]:
    """Every resource typed with one of the five entity classes (rule 2), in a stable order."""
    nodes = {s for cls in _CLASS_IRIS for s in graph.subjects(RDF.type, cls)}
    # Subclass instances, where the graph carries rdfs:subClassOf triples.
    for cls in list(_CLASS_IRIS):
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(graph.subjects(RDF.type, sub))
    return sorted(nodes, key=str)


def _names(graph: rdflib.Graph, node: Any, prop: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, Literal))


def _display(graph: rdflib.Graph, node: Any) -> str:
    labels = _names(graph, node, RDFS.label) or _names(graph, node, SKOS.altLabel)
    return labels[0] if labels else str(node)


@dataclass(slots=True)
class _EntityMatch:
    """Which graph entity maps to which gold id (None: no match), and which are forbidden."""

    gold_of: dict[Any, str | None]
    forbidden: set[Any]
    classes: dict[Any, set[str]]


def _match_entities(graph: rdflib.Graph, gold: Gold) -> _EntityMatch:
    """Map graph entities to gold ids (rule 2).

    A graph entity matches the gold entity that has its ``rdfs:label`` among its names,
    failing that one of its ``skos:altLabel``s. Where a label (or, failing labels, the
    alt labels) fits several gold entities, the first in the gold file is taken. An entity
    with a label or alt label that normalises to a forbidden name matches nothing (rule 3).
    """
    index: dict[str, str] = {}
    for ent in gold.entities:
        for name in ent.names:
            index.setdefault(normalise_name(name), ent.id)
    order = {ent.id: i for i, ent in enumerate(gold.entities)}
    forbidden_keys = {normalise_name(n) for n in gold.forbidden_names} - {""}

    gold_of: dict[Any, str | None] = {}
    forbidden: set[Any] = set()
    classes: dict[Any, set[str]] = {}
    for node in _entity_nodes(graph):
        classes[node] = _entity_classes(graph, node)
        labels = [normalise_name(n) for n in _names(graph, node, RDFS.label)]
        alts = [normalise_name(n) for n in _names(graph, node, SKOS.altLabel)]
        if forbidden_keys.intersection(labels + alts):
            forbidden.add(node)
            gold_of[node] = None
            continue
        hits = [index[k] for k in labels if k in index] or [index[k] for k in alts if k in index]
        gold_of[node] = min(hits, key=order.__getitem__) if hits else None
    return _EntityMatch(gold_of=gold_of, forbidden=forbidden, classes=classes)


def _score_entities(
    graph: rdflib.Graph, gold: Gold, match: _EntityMatch, typed: bool
) -> LayerScore:
    """Entity layer (rules 2 and 3), with the class ignored or required to agree.

    Per gold entity, the graph entities matching it are ordered with the right-class ones
    first (typed only), then by IRI: the first one is the match (a true
    positive when the gold entity is required, ignored when optional) and every other one is
    a duplicate (false positive). Typed: a graph entity of the wrong class matching a
    required gold entity is a false positive; one matching an optional gold entity is ignored.
    An entity with exactly one entity class is of the right class when that class is the gold
    type; one with several classes (against the contract) is never.
    """
    layer = LayerScore("entities (typed)" if typed else "entities (untyped)")
    by_gold: dict[str, list[Any]] = {}
    for node, gold_id in match.gold_of.items():
        if node in match.forbidden:
            layer.fp += 1
            layer.wrong.append(f"{_display(graph, node)} (forbidden name)")
        elif gold_id is None:
            layer.fp += 1
            layer.wrong.append(f"{_display(graph, node)} (not in gold)")
        else:
            by_gold.setdefault(gold_id, []).append(node)

    def right_class(node: Any, ent: GoldEntity) -> bool:
        return match.classes[node] == {ent.type}

    def class_text(node: Any) -> str:
        return "/".join(sorted(match.classes[node])) or "?"

    for ent in gold.entities:
        nodes = by_gold.get(ent.id, [])
        if typed:
            nodes = sorted(nodes, key=lambda n: (not right_class(n, ent), str(n)))
        matched = False
        for i, node in enumerate(nodes):
            label = _display(graph, node)
            if typed and not right_class(node, ent):
                if ent.required:
                    layer.fp += 1
                    layer.wrong.append(
                        f"{label} (class {class_text(node)}, gold {ent.id} is {ent.type})"
                    )
                elif i == 0:
                    layer.ignored += 1
                else:
                    layer.fp += 1
                    layer.wrong.append(f"{label} (duplicate of {ent.id})")
                continue
            if i == 0:
                matched = True
                if ent.required:
                    layer.tp += 1
                else:
                    layer.ignored += 1
            else:
                layer.fp += 1
                layer.wrong.append(f"{label} (duplicate of {ent.id})")
        if ent.required and not matched:
            layer.fn += 1
            layer.missed.append(f"{ent.id} ({ent.type}: {ent.names[0]})")
    return layer


def _score_relations(graph: rdflib.Graph, gold: Gold, match: _EntityMatch) -> LayerScore:
    """Relation layer (rule 4).

    Every direct triple with one of the five ``gb:`` relation properties whose subject and
    object both map to gold ids is turned into the gold-id triple ``(s, p, o)``; triples with
    an end that maps to no gold id are not scored. Each distinct gold-id triple is right when
    it is a required gold relation, ignored when it is an optional one, a false positive
    otherwise; further graph triples mapping to the same gold-id triple are ignored.
    """
    layer = LayerScore("relations")
    required = {(r.s, r.p, r.o) for r in gold.relations if r.required}
    optional = {(r.s, r.p, r.o) for r in gold.relations if not r.required}
    seen: dict[tuple[str, str, str], str] = {}
    for prop, pname in sorted(_RELATION_IRIS.items(), key=lambda kv: kv[1]):
        for s, o in sorted(graph.subject_objects(prop), key=lambda so: (str(so[0]), str(so[1]))):
            s_id, o_id = match.gold_of.get(s), match.gold_of.get(o)
            if s_id is None or o_id is None:
                continue
            key = (s_id, pname, o_id)
            if key in seen:
                layer.ignored += 1
                continue
            seen[key] = f"{_display(graph, s)} {pname} {_display(graph, o)}"
            if key in required:
                layer.tp += 1
            elif key in optional:
                layer.ignored += 1
            else:
                layer.fp += 1
                layer.wrong.append(f"{seen[key]} (as {s_id} {pname} {o_id})")
    for r in gold.relations:
        if r.required and (r.s, r.p, r.o) not in seen:
            layer.fn += 1
            layer.missed.append(f"{r.s} {r.p} {r.o}")
    return layer


@dataclass(slots=True)
class _GraphStance:
    node: Any
    holders: set[str]
    targets: set[str]
    polarity: str | None
    type: str | None
    summary: str


def _excerpt(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _graph_stances(graph: rdflib.Graph, match: _EntityMatch) -> list[_GraphStance]:
    """The ``gb:Stance`` resources whose holder and target map to gold ids (rule 5)."""
    found: list[_GraphStance] = []
    for node in sorted(set(graph.subjects(RDF.type, GB.Stance)), key=str):
        holders = sorted(graph.objects(node, GB.holder), key=str)
        targets = sorted(graph.objects(node, GB.target), key=str)
        holder_ids = {match.gold_of[h] for h in holders if match.gold_of.get(h)}
        target_ids = {match.gold_of[t] for t in targets if match.gold_of.get(t)}
        if not holder_ids or not target_ids:
            continue
        pol = graph.value(node, GB.polarity)
        stype = graph.value(node, GB.stanceType)
        evidence = graph.value(node, GB.evidence)
        polarity = _POLARITY_IRIS.get(pol) if isinstance(pol, URIRef) else None
        type_name = _local_name(stype) if stype is not None else None
        summary = (
            f"{'/'.join(_display(graph, h) for h in holders)} "
            f"{polarity or '?'} {type_name or '?'} "
            f"{'/'.join(_display(graph, t) for t in targets)}"
        )
        if evidence is not None:
            summary += f' "{_excerpt(str(evidence))}"'
        found.append(_GraphStance(node, holder_ids, target_ids, polarity, type_name, summary))
    return found


def _fits(stance: _GraphStance, gs: GoldStance) -> bool:
    return (
        stance.polarity == gs.polarity
        and bool(stance.holders.intersection(gs.holder))
        and bool(stance.targets.intersection(gs.target))
    )


def _score_stances(
    graph: rdflib.Graph, gold: Gold, match: _EntityMatch
) -> tuple[LayerScore, TypeAgreement]:
    """Stance layer and stance-type agreement (rule 5).

    A graph stance fits a gold stance when one of its holders' gold ids is among the gold
    holders, one of its targets' among the gold targets, and the polarity is the same. Right
    stances are a maximum matching between graph stances and required gold stances (each
    gold stance counted once); among maximum matchings, one with most agreeing stance types.
    A graph stance left over that fits a required (already counted) or an optional gold stance
    is ignored; any other is a false positive (wrong polarity included).
    """
    layer = LayerScore("stances")
    types = TypeAgreement()
    stances = _graph_stances(graph, match)
    required = [i for i, gs in enumerate(gold.stances) if gs.required]

    bip = nx.Graph()
    bip.add_nodes_from(("g", j) for j in required)
    bip.add_nodes_from(("s", i) for i in range(len(stances)))
    for i, st in enumerate(stances):
        for j in required:
            gs = gold.stances[j]
            if _fits(st, gs):
                bip.add_edge(("s", i), ("g", j), weight=2 if st.type == gs.type else 1)
    pairs = nx.max_weight_matching(bip, maxcardinality=True)
    right: dict[int, int] = {}
    for a, b in pairs:
        s_node, g_node = (a, b) if a[0] == "s" else (b, a)
        right[s_node[1]] = g_node[1]

    for i, st in enumerate(stances):
        if i in right:
            gs = gold.stances[right[i]]
            layer.tp += 1
            types.total += 1
            if st.type == gs.type:
                types.agreed += 1
            else:
                types.disagreements.append(f"{st.summary} (gold type {gs.type})")
        elif any(_fits(st, gs) for gs in gold.stances):
            layer.ignored += 1
        else:
            layer.fp += 1
            layer.wrong.append(st.summary)
    matched_gold = set(right.values())
    for j in required:
        if j not in matched_gold:
            gs = gold.stances[j]
            layer.fn += 1
            layer.missed.append(
                f"{'/'.join(gs.holder)} {gs.polarity} {gs.type} {'/'.join(gs.target)}: "
                f'"{_excerpt(gs.evidence)}"'
            )
    return layer, types


def score_graph(graph: rdflib.Graph, gold: Gold) -> Score:
    """Score a graph against a gold annotation (``shared/gold/README.md``, rules 1-6).

    Parameters
    ----------
    graph : rdflib.Graph
        A graph in the vocabulary of ``shared/spec/vocabulary.md`` (``gb:`` classes,
        ``rdfs:label``/``skos:altLabel``, direct ``gb:`` relations, ``gb:Stance``).
    gold : Gold
        The annotation, from :func:`load_gold`.

    Returns
    -------
    Score
        Per layer (entities untyped and typed, relations, stances) the counts tp/fp/fn,
        precision, recall and F1 in [0, 1], what was missed and what was wrong; and the share
        of right stances whose type agrees.

    Examples
    --------
    >>> score = score_graph(rdflib.Graph(), gold)  # doctest: +SKIP
    >>> score.entities_untyped.recall
    0.0
    """
    match = _match_entities(graph, gold)
    stances, types = _score_stances(graph, gold, match)
    return Score(
        gold=gold.path,
        entities_untyped=_score_entities(graph, gold, match, typed=False),
        entities_typed=_score_entities(graph, gold, match, typed=True),
        relations=_score_relations(graph, gold, match),
        stances=stances,
        stance_types=types,
    )


def score_files(gold_path: str | Path, graph_path: str | Path) -> Score:
    """Load a gold file and a graph file and score the graph (what ``graphbuilder eval`` runs).

    Parameters
    ----------
    gold_path : str or Path
        The gold annotation (JSON).
    graph_path : str or Path
        The graph (see :func:`load_graph` for the formats).

    Returns
    -------
    Score

    Raises
    ------
    GoldFileError
        When the gold file is missing or malformed.
    GraphFileError
        When the graph file is missing or does not parse.
    """
    gold = load_gold(gold_path)
    score = score_graph(load_graph(graph_path), gold)
    score.graph = str(graph_path)
    return score


def format_score(score: Score, details: bool = True) -> str:
    """The text report of ``graphbuilder eval``: one line per layer, then misses and errors.

    Parameters
    ----------
    score : Score
    details : bool
        Also list what was missed and what was wrong, per layer.

    Returns
    -------
    str
        Lines like ``entities (untyped)     P=0.912 R=0.950 F1=0.931  tp=38 fp=4 fn=2``.
    """
    lines = []
    for layer in score.layers:
        lines.append(
            f"{layer.name:<23}P={layer.precision:.3f} R={layer.recall:.3f} F1={layer.f1:.3f}"
            f"  tp={layer.tp} fp={layer.fp} fn={layer.fn} ignored={layer.ignored}"
        )
    agree = score.stance_types
    share = "n/a" if agree.share is None else f"{agree.share:.3f}"
    lines.append(f"{'stance-type agreement':<23}{share} ({agree.agreed}/{agree.total})")
    if details:
        for layer in score.layers:
            for title, items in (("missed", layer.missed), ("wrong", layer.wrong)):
                if items:
                    lines.append("")
                    lines.append(f"{layer.name}: {title} ({len(items)})")
                    lines.extend(f"  - {item}" for item in items)
        if agree.disagreements:
            lines.append("")
            lines.append(f"stance types that disagree ({len(agree.disagreements)})")
            lines.extend(f"  - {item}" for item in agree.disagreements)
    return "\n".join(lines)
