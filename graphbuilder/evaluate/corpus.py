"""Score a multi-document graph against a folder of gold annotations in one go.

Each gold file names the document it annotates (``"document"``, a path relative to
``shared/``, rule "Format" of ``shared/gold/README.md``). A document's part of the graph is its
named graph in a quad file (``graph.trig``, ``.nq``): the graph that holds the ``gb:Document``
whose ``gb:sourcePath`` (or ``schema:url``) ends with that path. Each part is scored with
:func:`graphbuilder.evaluate.gold.score_graph`; the corpus figures are the mean over the
documents of each layer's precision, recall and F1 (a macro mean: every article weighs the
same), beside the pooled (micro) counts.

Choices where the README is silent:

- A gold file whose document is not in the graph scores 0 in every layer (the builder found
  nothing there) and is listed as absent; it is not dropped from the mean.
- A triple file (``.ttl``, ``.nt``) holds no per-document graphs: it is scored whole when it
  describes one document, and refused with an error when it describes more than one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import rdflib
from rdflib import RDF

from graphbuilder.errors import GraphFileError
from graphbuilder.evaluate.gold import (
    GoldFileError,
    LayerScore,
    Score,
    load_gold,
    score_graph,
)
from graphbuilder.rdf.io import QUAD_FORMATS, format_for_path, load_dataset
from graphbuilder.rdf.namespaces import GB, SCHEMA

LAYERS: tuple[str, ...] = ("entities_untyped", "entities_typed", "relations", "stances")


@dataclass(slots=True)
class CorpusScore:
    """Per-document scores of one graph against a folder of gold files, and their means.

    ``documents`` maps each gold file's name to its :class:`Score`; ``absent`` lists the gold
    files whose document is not in the graph (scored as empty graphs).
    """

    gold_dir: str
    graph: str
    documents: dict[str, Score] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)

    def mean(self, layer: str, measure: str) -> float:
        """Macro mean over documents of ``measure`` (``precision``/``recall``/``f1``) of a layer.

        Returns 0.0 for an empty corpus.
        """
        values = [getattr(getattr(s, layer), measure) for s in self.documents.values()]
        return sum(values) / len(values) if values else 0.0

    def pooled(self, layer: str) -> LayerScore:
        """The counts of ``layer`` summed over documents (micro figures)."""
        total = LayerScore(name=layer)
        for score in self.documents.values():
            part = getattr(score, layer)
            total.tp += part.tp
            total.fp += part.fp
            total.fn += part.fn
            total.ignored += part.ignored
        return total

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``graphbuilder eval --gold DIR --json``)."""
        return {
            "gold": self.gold_dir,
            "graph": self.graph,
            "absent": list(self.absent),
            "mean": {
                layer: {m: self.mean(layer, m) for m in ("precision", "recall", "f1")}
                for layer in LAYERS
            },
            "pooled": {layer: self.pooled(layer).to_dict() for layer in LAYERS},
            "documents": {name: s.to_dict() for name, s in self.documents.items()},
        }


def _path_parts(text: str) -> tuple[str, ...]:
    return tuple(p for p in PurePath(text.replace("\\", "/")).parts if p not in ("", ".", "/"))


def _ends_with(source: str, document: str) -> bool:
    src, doc = _path_parts(source), _path_parts(document)
    return bool(doc) and len(src) >= len(doc) and src[-len(doc) :] == doc


def document_graphs(graph_path: str | Path) -> dict[str, rdflib.Graph]:
    """The per-document graphs of a graph file, keyed by each document's source path or URL.

    Parameters
    ----------
    graph_path : str or Path
        A quad file (``.trig``, ``.nq``: one named graph per document, as ``build`` writes),
        a build's output folder (its ``graph.trig``), or a triple file describing a single
        document.

    Returns
    -------
    dict of str to rdflib.Graph
        ``gb:sourcePath`` (or ``schema:url``) of each ``gb:Document`` -> the graph holding it.

    Raises
    ------
    GraphFileError
        The file is missing or does not parse, or it is a triple file describing more than one
        document (its per-document parts cannot be told apart).
    """
    path = Path(graph_path)
    if path.is_dir() and (path / "graph.trig").is_file():
        path = path / "graph.trig"
    dataset = load_dataset(path)
    parts: dict[str, rdflib.Graph] = {}
    graphs = (
        [g for g in dataset.graphs() if len(g)]
        if format_for_path(path) in QUAD_FORMATS
        else [dataset.default_graph]
    )
    for graph in graphs:
        for doc in graph.subjects(RDF.type, GB.Document):
            for prop in (GB.sourcePath, SCHEMA.url):
                for value in graph.objects(doc, prop):
                    parts[str(value)] = graph
    if len(graphs) == 1 and len(set(graphs[0].subjects(RDF.type, GB.Document))) > 1:
        raise GraphFileError(
            f"{path}: holds several documents in one graph; score the per-document "
            "graph.trig instead"
        )
    return parts


def document_part(parts: dict[str, rdflib.Graph], document: str) -> rdflib.Graph | None:
    """The graph of :func:`document_graphs` whose source path or URL ends with ``document`` (a
    gold file's ``"document"``, relative to ``shared/``), or None when no part is that one."""
    return next((g for src, g in parts.items() if _ends_with(src, document)), None)


def score_corpus(gold_dir: str | Path, graph_path: str | Path) -> CorpusScore:
    """Score each document's part of a graph against the gold file that annotates it.

    Parameters
    ----------
    gold_dir : str or Path
        A folder of gold files (``*.json``, format of ``shared/gold/README.md``).
    graph_path : str or Path
        The graph (see :func:`document_graphs`).

    Returns
    -------
    CorpusScore
        One :class:`Score` per gold file (sorted by file name) and the means per layer.

    Raises
    ------
    GoldFileError
        The folder is missing, holds no ``*.json``, or a gold file is malformed or names no
        document.
    GraphFileError
        See :func:`document_graphs`.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldFileError(f"{gold_dir}: no such gold folder")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldFileError(f"{gold_dir}: no gold files (*.json) in the folder")
    parts = document_graphs(graph_path)
    result = CorpusScore(gold_dir=str(gold_dir), graph=str(graph_path))
    for file in files:
        gold = load_gold(file)
        if not gold.document:
            raise GoldFileError(f"{file}: names no document (key 'document')")
        part = document_part(parts, gold.document)
        if part is None:
            result.absent.append(file.name)
            part = rdflib.Graph()
        score = score_graph(part, gold)
        score.graph = str(graph_path)
        result.documents[file.name] = score
    return result


def format_corpus_score(score: CorpusScore) -> str:
    """The text report of ``graphbuilder eval --gold DIR``: a row per document, then the means.

    Parameters
    ----------
    score : CorpusScore

    Returns
    -------
    str
        A table of F1 per layer (entities typed, relations, stances) with the stance counts
        per document, a ``mean`` row (macro) and a ``pooled`` row (micro), then the absent
        documents.
    """
    head = f"{'document':<44} {'ent.typed':>9} {'relations':>9} {'stances':>8}  stance tp/fp/fn"
    lines = [head, "-" * len(head)]
    for name, s in score.documents.items():
        st = s.stances
        lines.append(
            f"{name[:44]:<44} {s.entities_typed.f1:>9.3f} {s.relations.f1:>9.3f} "
            f"{st.f1:>8.3f}  {st.tp}/{st.fp}/{st.fn}"
        )
    lines.append("-" * len(head))
    lines.append(
        f"{'mean (' + str(len(score.documents)) + ' documents)':<44} "
        f"{score.mean('entities_typed', 'f1'):>9.3f} {score.mean('relations', 'f1'):>9.3f} "
        f"{score.mean('stances', 'f1'):>8.3f}"
    )
    pooled = {layer: score.pooled(layer) for layer in LAYERS}
    st = pooled["stances"]
    lines.append(
        f"{'pooled':<44} {pooled['entities_typed'].f1:>9.3f} {pooled['relations'].f1:>9.3f} "
        f"{st.f1:>8.3f}  {st.tp}/{st.fp}/{st.fn}"
    )
    lines.append("")
    for layer in LAYERS:
        lines.append(
            f"mean {layer:<17} P={score.mean(layer, 'precision'):.3f} "
            f"R={score.mean(layer, 'recall'):.3f} F1={score.mean(layer, 'f1'):.3f}"
        )
    if score.absent:
        lines.append("")
        lines.append(f"not in the graph ({len(score.absent)}): " + ", ".join(score.absent))
    return "\n".join(lines)
