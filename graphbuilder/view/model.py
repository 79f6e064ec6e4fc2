"""Read a graphbuilder RDF graph into the plain data the HTML view draws.

No pyvis and no HTML here: :func:`view_data` walks the graph's triples (rdflib's SPARQL engine
is far too slow for 2,000-node graphs, see ``shared/spec/performance-notes.md``) and returns
:class:`ViewData`, lists of plain dicts for nodes and edges plus the legend and filter values.

What is drawn (the RDF contract of ``shared/spec/vocabulary.md``):

* a **node** per entity: a resource typed with ``gb:Person``, ``gb:Country``,
  ``gb:Organization``, ``gb:Location``, ``gb:Event`` or a subclass of one (from the graph's own
  ``rdfs:subClassOf`` triples and ``ontology/graphbuilder.ttl``), and any other resource that
  is the subject or object of a relation or the holder or target of a stance (class ``Other``);
* an **edge** per distinct relation triple between two entities (``gb:leaderOf`` ...; any
  predicate between two entities except ``owl:sameAs``), with the evidence of all the
  ``rdf:Statement`` resources that reify it. The edge is a *knowledge-base fact* when none of
  those statements is read from a ``gb:Document`` (``gb:fromKnowledgeBase true``, or a
  ``prov:wasDerivedFrom`` that is not a document, or no statement at all);
* an **edge** per ``gb:Stance`` from its holder to its target.

A graph with none of these shapes (e.g. a SPARQL CONSTRUCT result of other terms) is drawn
generically: every resource-to-resource triple is an edge labelled by its predicate.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graphbuilder.errors import GraphFileError
from graphbuilder.paths import ontology_dir
from graphbuilder.rdf.namespaces import GB, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD
from graphbuilder.rdf.ontology import load_ontology

__all__ = ["ViewData", "view_data", "load_style", "style_path"]

#: the entity classes of the contract, in the order of the legend
ENTITY_CLASSES: dict[URIRef, str] = {
    GB.Person: "Person",
    GB.Country: "Country",
    GB.Organization: "Organization",
    GB.Location: "Location",
    GB.Event: "Event",
}

#: predicates that are never drawn as an edge between two entities
_NOT_EDGES = {
    RDF.type,
    OWL.sameAs,
    GB.mentionedIn,
    GB.kbEntry,
    SKOS.altLabel,
    RDFS.label,
    RDFS.seeAlso,
}

_WD_QID = re.compile(r"^Q[1-9][0-9]*$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def style_path() -> Path:
    """Return ``ontology/view/style.json``, the colours, shapes and layout figures of the view."""
    return ontology_dir() / "view" / "style.json"


@lru_cache(maxsize=4)
def _load_style_cached(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as err:
        raise GraphFileError(f"{path}: cannot read the view style: {err}") from None


def load_style(path: Path | None = None) -> dict[str, Any]:
    """Load the view style (colours and shapes by class, edge colours, physics figures).

    Parameters
    ----------
    path : pathlib.Path, optional
        A JSON style file; default :func:`style_path`.

    Returns
    -------
    dict
        The parsed JSON (shared, do not mutate).

    Raises
    ------
    GraphFileError
        The file is missing or is not valid JSON.
    """
    return _load_style_cached(str(path or style_path()))


def _ontology() -> Graph:
    """The ontology (:func:`graphbuilder.rdf.ontology.load_ontology`, parsed once), for
    subclasses and labels; empty if absent or broken: the view still works without it."""
    try:
        return load_ontology()
    except GraphFileError:
        return Graph()


@dataclass
class ViewData:
    """What the page draws: vis-network node and edge dicts, and the legend and filter values.

    Attributes
    ----------
    nodes : list of dict
        One per entity: ``id`` (IRI), ``label``, ``cls`` (legend key), ``aliases``, ``wd``
        (Wikidata QID or ``None``), ``docs`` (indices into ``documents``), ``mentions``,
        ``degree``, and the vis fields ``color``, ``shape``, ``size`` (pixels), ``x``/``y``
        (initial position in pixels, absent for large graphs).
    edges : list of dict
        One per relation triple or stance: ``id``, ``from``, ``to``, ``kind`` (``relation`` or
        ``stance``), ``type`` (legend key), ``label``, ``polarity`` (``positive``,
        ``negative`` or ``None``), ``kb`` (knowledge-base fact), ``docs``, ``evidence`` (list
        of dicts: ``text``, ``doc``, ``attribution``, ``confidence``), ``topic``, and vis
        fields (``color``, ``width``, ``dashes``, ``smooth``).
    classes, types, documents : list of dict
        The legend and filter values, each with a ``key``, a ``label`` and a ``count``.
    """

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    classes: list[dict[str, Any]] = field(default_factory=list)
    types: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)


def _local(iri: Node) -> str:
    text = str(iri)
    for sep in ("#", "/", ":"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
            break
    return text


def _words(name: str) -> str:
    return _CAMEL.sub(" ", name).lower()


def _first_literal(graph: Graph, subject: Node, predicate: URIRef) -> Literal | None:
    best = None
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal):
            if obj.language in (None, "en"):
                return obj
            best = best or obj
    return best


def _float(lit: Node | None) -> float | None:
    if not isinstance(lit, Literal):
        return None
    try:
        return float(lit.toPython())
    except (TypeError, ValueError):
        return None


def _truthy(lit: Node | None) -> bool:
    return isinstance(lit, Literal) and str(lit).strip().lower() in ("true", "1")


class _Reader:
    """One pass over a graph; the state of :func:`view_data`."""

    def __init__(self, graph: Graph, style: dict[str, Any]) -> None:
        self.g = graph
        self.style = style
        self.onto = _ontology()
        self.doc_index: dict[Node, int] = {}
        self.documents: list[dict[str, Any]] = []
        self._class_cache: dict[Node, str | None] = {}

    # -- classes and labels -------------------------------------------------------------------
    def class_of(self, type_iri: Node) -> str | None:
        """Legend key of an ``rdf:type`` value, following ``rdfs:subClassOf`` (graph, ontology)."""
        if type_iri in self._class_cache:
            return self._class_cache[type_iri]
        found, seen, todo = None, set(), [type_iri]
        while todo and found is None:
            cur = todo.pop()
            if cur in seen:
                continue
            seen.add(cur)
            if cur in ENTITY_CLASSES:
                found = ENTITY_CLASSES[cur]
                break
            for src in (self.g, self.onto):
                todo.extend(src.objects(cur, RDFS.subClassOf))
        self._class_cache[type_iri] = found
        return found

    def predicate_label(self, pred: URIRef) -> str:
        for src in (self.g, self.onto):
            lit = _first_literal(src, pred, RDFS.label)
            if lit is not None:
                return str(lit)
        return _words(_local(pred))

    def document(self, doc: Node) -> int:
        """Index of a document in :attr:`documents` (added on first sight)."""
        if doc not in self.doc_index:
            name = _first_literal(self.g, doc, SCHEMA.name)
            self.doc_index[doc] = len(self.documents)
            self.documents.append(
                {"key": str(doc), "label": str(name) if name else _local(doc), "count": 0}
            )
        return self.doc_index[doc]

    def is_document(self, node: Node) -> bool:
        return (node, RDF.type, GB.Document) in self.g

    # -- provenance ---------------------------------------------------------------------------
    def provenance(self, res: Node) -> tuple[list[dict[str, Any]], list[int], bool]:
        """Evidence items, document indices, and whether ``res`` is a knowledge-base fact."""
        kb = _truthy(self.g.value(res, GB.fromKnowledgeBase))
        sources = list(self.g.objects(res, PROV.wasDerivedFrom))
        doc_sources = [s for s in sources if self.is_document(s)]
        if not doc_sources:
            kb = True
        docs = [] if kb else sorted({self.document(d) for d in doc_sources})
        attribution = self.g.value(res, GB.attribution)
        conf = _float(self.g.value(res, GB.confidence))
        texts = [str(t) for t in self.g.objects(res, GB.evidence) if isinstance(t, Literal)]
        doc_labels = [self.documents[i]["label"] for i in docs]
        if kb and not doc_labels:
            doc_labels = [_local(s) for s in sources] or ["knowledge base"]
        items = [
            {
                "text": text,
                "doc": "; ".join(doc_labels),
                "attribution": _words(_local(attribution)) if attribution else None,
                "confidence": conf,
                "kb": kb,
            }
            for text in (sorted(texts) or [""])
        ]
        return items, docs, kb


def view_data(graph: Graph, style: dict[str, Any] | None = None) -> ViewData:
    """Turn a graphbuilder graph into the nodes, edges and legend of the HTML view.

    Parameters
    ----------
    graph : rdflib.Graph
        Any graph (a :class:`rdflib.Dataset` is read as the union of its graphs). Terms are
        those of ``shared/spec/vocabulary.md``; other shapes are drawn generically.
    style : dict, optional
        The view style; default :func:`load_style`.

    Returns
    -------
    ViewData
        Nodes sorted by IRI, edges in a stable order (relations, then stances, by IRI); node
        sizes from the degree in a :class:`networkx.MultiDiGraph` of the drawn edges, initial
        positions from :func:`networkx.spring_layout` (seeded) for graphs up to
        ``style["layout"]["python_layout_max_nodes"]`` nodes.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''@prefix gb: <https://w3id.org/graphbuilder/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:x:a> a gb:Person ; rdfs:label "A"@en ; gb:leaderOf <urn:x:b> .
    ... <urn:x:b> a gb:Country ; rdfs:label "B"@en .''', format="turtle")
    >>> d = view_data(g)
    >>> [(n["label"], n["cls"]) for n in d.nodes], [e["label"] for e in d.edges]
    ([('A', 'Person'), ('B', 'Country')], ['leader of'])
    """
    style = style or load_style()
    r = _Reader(graph, style)
    g = graph

    # -- entities -------------------------------------------------------------------------------
    entity_cls: dict[Node, str] = {}
    for s, t in g.subject_objects(RDF.type):
        if isinstance(s, Literal):
            continue
        cls = r.class_of(t)
        if cls is not None and (s not in entity_cls or entity_cls[s] == "Other"):
            entity_cls[s] = cls

    # -- stances -------------------------------------------------------------------------------
    stances = sorted(set(g.subjects(RDF.type, GB.Stance)), key=str)
    stance_set = set(stances)
    for st in stances:
        for p in (GB.holder, GB.target):
            v = g.value(st, p)
            if v is not None and v not in entity_cls:
                entity_cls[v] = "Other"

    # -- relations: direct triples and reified statements ---------------------------------------
    statements: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
    for st in set(g.subjects(RDF.type, RDF.Statement)) | set(g.subjects(RDF.subject, None)):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is None or p is None or o is None or isinstance(o, Literal):
            continue
        statements[(s, p, o)].append(st)

    triples: set[tuple[Node, Node, Node]] = set()
    skip = _NOT_EDGES | {GB.holder, GB.target, GB.polarity, GB.stanceType, GB.attribution}
    skip |= {RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom}
    if entity_cls:
        for s, p, o in g:
            if p in skip or s in stance_set:
                continue
            if s in entity_cls and o in entity_cls and isinstance(o, (URIRef, BNode)):
                triples.add((s, p, o))
        for s, p, o in statements:
            if s in entity_cls or o in entity_cls:
                triples.add((s, p, o))
                for x in (s, o):
                    entity_cls.setdefault(x, "Other")
    else:  # a graph of other shapes: draw every resource-to-resource triple
        for s, p, o in g:
            if p != RDF.type and isinstance(o, (URIRef, BNode)) and not isinstance(s, Literal):
                triples.add((s, p, o))
                entity_cls.setdefault(s, "Other")
                entity_cls.setdefault(o, "Other")

    # -- edges -------------------------------------------------------------------------------
    est = style["edges"]
    edges: list[dict[str, Any]] = []
    for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        stmts = sorted(statements.get((s, p, o), []), key=str)
        evidence: list[dict[str, Any]] = []
        docs: set[int] = set()
        kb = True
        for st in stmts:
            items, d, is_kb = r.provenance(st)
            evidence.extend(items)
            docs.update(d)
            kb = kb and is_kb
        evidence.sort(key=lambda item: item["kb"])  # what was read from documents first
        look = est["kb"] if kb else est["relation"]
        edges.append(
            {
                "from": str(s),
                "to": str(o),
                "kind": "relation",
                "type": _local(p),
                "label": r.predicate_label(p),
                "polarity": None,
                "kb": kb,
                "docs": sorted(docs),
                "evidence": evidence,
                "topic": None,
                "color": look["color"],
                "width": look["width"],
                "font": {"color": look.get("font_color", "#444444")},
                "dashes": False,
            }
        )
    for st in stances:
        holder, target = g.value(st, GB.holder), g.value(st, GB.target)
        if holder is None or target is None:
            continue
        pol = g.value(st, GB.polarity)
        polarity = {GB.Positive: "positive", GB.Negative: "negative"}.get(pol)
        stype = g.value(st, GB.stanceType)
        attribution = g.value(st, GB.attribution)
        items, docs, _kb = r.provenance(st)
        topic = _first_literal(g, st, GB.topic)
        look = est.get(polarity or "unknown_polarity", est["unknown_polarity"])
        type_key = _local(stype) if stype is not None else "Stance"
        edges.append(
            {
                "from": str(holder),
                "to": str(target),
                "kind": "stance",
                "type": type_key,
                "label": _words(type_key),
                "polarity": polarity,
                "kb": False,
                "docs": docs,
                "evidence": items,
                "topic": str(topic) if topic is not None else None,
                "color": look["color"],
                "width": look["width"],
                "font": {"color": look.get("font_color", "#444444")},
                "dashes": list(est["author_dashes"]) if attribution == GB.AuthorOpinion else False,
                "stance": str(st),
            }
        )

    # several edges between one pair: bend them apart so all stay visible
    pair_count: Counter[frozenset[str]] = Counter()
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"
        pair = frozenset((e["from"], e["to"]))
        k = pair_count[pair]
        pair_count[pair] += 1
        e["_k"] = k
    for e in edges:
        pair = frozenset((e["from"], e["to"]))
        if pair_count[pair] > 1:
            k = e.pop("_k")
            # alternate sides; reversed edges bend the other way on their own
            side = "curvedCW" if (k % 2 == 0) == (e["from"] < e["to"]) else "curvedCCW"
            e["smooth"] = {
                "enabled": True,
                "type": side,
                "roundness": est["multi_edge_roundness"] * (k // 2 + 1),
            }
        else:
            e.pop("_k")

    # -- nodes -------------------------------------------------------------------------------
    nx_graph = nx.MultiDiGraph()
    nx_graph.add_nodes_from(str(n) for n in entity_cls)
    nx_graph.add_edges_from((e["from"], e["to"]) for e in edges)
    nst, classes = style["node"], style["classes"]
    degree = dict(nx_graph.degree())
    max_deg = max(degree.values(), default=1) or 1
    mentioned: dict[Node, set[int]] = defaultdict(set)
    for ent, doc in g.subject_objects(GB.mentionedIn):
        if ent in entity_cls:
            mentioned[ent].add(r.document(doc))
    nodes: list[dict[str, Any]] = []
    for ent in sorted(entity_cls, key=str):
        cls = entity_cls[ent]
        label = _first_literal(g, ent, RDFS.label) or _first_literal(g, ent, SKOS.prefLabel)
        label = str(label) if label is not None else _local(ent)
        aliases = sorted({str(a) for a in g.objects(ent, SKOS.altLabel)} - {label})
        wd = None
        for same in g.objects(ent, OWL.sameAs):
            if str(same).startswith(str(WD)) and _WD_QID.match(str(same)[len(str(WD)) :]):
                wd = str(same)[len(str(WD)) :]
                break
        mentions = g.value(ent, GB.mentionCount)
        deg = degree.get(str(ent), 0)
        size = nst["min_size"] + (nst["max_size"] - nst["min_size"]) * (deg / max_deg) ** 0.5
        look = classes.get(cls, classes["Other"])
        nodes.append(
            {
                "id": str(ent),
                "label": label,
                "cls": cls,
                "aliases": aliases,
                "wd": wd,
                "docs": sorted(mentioned.get(ent, ())),
                "mentions": int(_float(mentions)) if _float(mentions) is not None else None,
                "degree": deg,
                "color": look["color"],
                "shape": look["shape"],
                "size": round(size, 1),
            }
        )
    for e in edges:
        for i in e["docs"]:
            r.documents[i]["count"] += 1

    lay = style["layout"]
    if 0 < len(nodes) <= lay["python_layout_max_nodes"]:
        undirected = nx.Graph(nx_graph)
        scale = lay["spacing"] * max(len(nodes), 4) ** 0.5
        pos = nx.spring_layout(undirected, seed=lay["seed"], scale=scale)
        for n in nodes:
            x, y = pos[n["id"]]
            n["x"], n["y"] = round(float(x), 1), round(float(y), 1)

    # -- legend and filter values ---------------------------------------------------------------
    cls_count = Counter(n["cls"] for n in nodes)
    order = style.get("class_order", list(classes))
    legend = [
        {
            "key": c,
            "label": classes.get(c, classes["Other"]).get("label", c),
            "color": classes.get(c, classes["Other"])["color"],
            "shape": classes.get(c, classes["Other"])["shape"],
            "count": cls_count[c],
        }
        for c in order
        if cls_count[c]
    ]
    type_count: Counter[tuple[str, str, str]] = Counter(
        (e["kind"], e["type"], e["label"]) for e in edges
    )
    types = [
        {"key": t, "label": label, "kind": kind, "count": n}
        for (kind, t, label), n in sorted(type_count.items())
    ]
    return ViewData(nodes=nodes, edges=edges, classes=legend, types=types, documents=r.documents)
