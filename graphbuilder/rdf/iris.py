"""The only place graphbuilder mints IRIs (all under ``gbr:``).

Scheme (deterministic: the same input gives the same IRI in every run and on every machine):

============================  =============================================================
resource                      IRI
============================  =============================================================
entity linked to Wikidata     ``gbr:Q232`` (the QID; one node per real thing across runs)
other entity                  ``gbr:<slug>-<h>``: ``slug`` an ASCII form of the entity key,
                              ``h`` 10 hex digits of SHA-256 of the key (``gbr:person-sadyr-
                              japarov-1f0c...``)
document                      ``gbr:document/<doc_id>``
named graph of a document     ``gbr:graph/<doc_id>``
stance                        ``gbr:stance/<h>``: hash of holder, target, type, polarity,
                              document and offsets
reified relation statement    ``gbr:statement/<h>``: hash of subject, predicate, object,
                              source (document or KB entry) and offsets
knowledge-base entry          ``gbr:kb/<slug>-<h>``
stance summary (derived)      ``gbr:summary/<h>``: 20 hex digits of SHA-256 of the holder,
                              target and polarity IRIs joined by spaces (computable in
                              SPARQL too, :func:`stance_summary_iri`)
graph of the stance summaries ``gbr:graph/stance-summaries``
============================  =============================================================

Slugs: Unicode NFKD, combining marks dropped, ASCII letters and digits kept, every other run
of characters becomes ``-``, at most 48 characters; an empty slug becomes ``x``. So no user
text ever reaches an IRI unescaped, and every IRI is a valid absolute IRI that Turtle,
N-Triples, SPARQL and pyoxigraph accept (entity local names are also valid Turtle prefixed
names). The hash suffix keeps keys that slug alike apart ("Georgia (country)" vs "Georgia").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from graphbuilder.rdf.namespaces import GBR_IRI

__all__ = [
    "slugify",
    "entity_iri",
    "document_iri",
    "graph_iri",
    "stance_iri",
    "statement_iri",
    "kb_entry_iri",
    "stance_summary_iri",
    "summary_graph_iri",
    "SUMMARY_IRI_SPARQL",
]

_QID = re.compile(r"Q[1-9][0-9]{0,11}")
_SAFE_ID = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 48
_HASH_LEN = 10
_SEP = "\x1f"  # unit separator: cannot appear in the parts, so hashed tuples cannot collide


def _digest(*parts: object, length: int = _HASH_LEN) -> str:
    text = _SEP.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def slugify(text: str, max_length: int = _SLUG_MAX) -> str:
    """Return an ASCII slug of ``text``: lower-case letters and digits joined by ``-``.

    Parameters
    ----------
    text : str
        Any Unicode text.
    max_length : int
        Longest slug returned, in characters.

    Returns
    -------
    str
        Matches ``[a-z0-9]+(-[a-z0-9]+)*``; ``"x"`` when nothing of ``text`` survives.

    Examples
    --------
    >>> slugify("Sadyr Japarov")
    'sadyr-japarov'
    >>> slugify("Georgia (country)")
    'georgia-country'
    >>> slugify("Zürich / Genève")
    'zurich-geneve'
    >>> slugify("北京")
    'x'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "x"


def entity_iri(entity_key: str, qid: str | None = None) -> URIRef:
    """Mint the IRI of an entity.

    Parameters
    ----------
    entity_key : str
        The entity's stable key (``Entity.key``: ``"country/KAZ"``, ``"Person:sadyr japarov"``).
    qid : str or None
        Its Wikidata item id (``"Q232"``) where known; a value that is not a QID is ignored.

    Returns
    -------
    rdflib.URIRef
        ``gbr:<QID>`` when ``qid`` is a QID, else ``gbr:<slug>-<hash>``.

    Examples
    --------
    >>> str(entity_iri("country/KAZ", "Q232"))
    'https://w3id.org/graphbuilder/resource/Q232'
    >>> str(entity_iri("Country:georgia (country)")).startswith(
    ...     "https://w3id.org/graphbuilder/resource/country-georgia-country-")
    True
    """
    if qid is not None and _QID.fullmatch(qid.strip()):
        return URIRef(GBR_IRI + qid.strip())
    return URIRef(f"{GBR_IRI}{slugify(entity_key)}-{_digest('entity', entity_key)}")


def _id_segment(value: str) -> str:
    """A path segment for an id: the id itself when it is plain ASCII, else slug + hash."""
    if _SAFE_ID.fullmatch(value) and len(value) <= 64:
        return value
    return f"{slugify(value)}-{_digest('id', value)}"


def document_iri(doc_id: str) -> URIRef:
    """Mint the IRI of a document (``gbr:document/<doc_id>``).

    Parameters
    ----------
    doc_id : str
        ``Article.doc_id`` (16 hex digits); any other text is slugged and hashed.

    Returns
    -------
    rdflib.URIRef

    Examples
    --------
    >>> str(document_iri("0123456789abcdef"))
    'https://w3id.org/graphbuilder/resource/document/0123456789abcdef'
    """
    return URIRef(f"{GBR_IRI}document/{_id_segment(doc_id)}")


def graph_iri(doc_id: str) -> URIRef:
    """Mint the name of the named graph that holds every triple read from one document.

    Parameters
    ----------
    doc_id : str
        ``Article.doc_id``.

    Returns
    -------
    rdflib.URIRef
        ``gbr:graph/<doc_id>``.
    """
    return URIRef(f"{GBR_IRI}graph/{_id_segment(doc_id)}")


def kb_entry_iri(kb_id: str) -> URIRef:
    """Mint the IRI of a knowledge-base entry (``gbr:kb/<slug>-<hash>``).

    Parameters
    ----------
    kb_id : str
        The entry's id in ``ontology/kb/`` (e.g. ``"country/KAZ"``).

    Returns
    -------
    rdflib.URIRef
    """
    return URIRef(f"{GBR_IRI}kb/{slugify(kb_id)}-{_digest('kb', kb_id)}")


def stance_iri(
    holder: str,
    target: str,
    stance_type: str,
    polarity: str,
    doc_id: str | None,
    char_start: int,
    char_end: int,
) -> URIRef:
    """Mint the IRI of a stance from its content.

    The same stance read twice from the same sentence gets the same IRI (so it merges); the
    topic, cue and confidence are not part of its identity.

    Parameters
    ----------
    holder, target : str
        Entity keys.
    stance_type, polarity : str
        Local names (``"Criticism"``, ``"Negative"``).
    doc_id : str or None
        The document it was read from.
    char_start, char_end : int
        Character offsets of the evidence sentence.

    Returns
    -------
    rdflib.URIRef
        ``gbr:stance/<20 hex digits>``.
    """
    h = _digest(
        "stance", holder, target, stance_type, polarity, doc_id, char_start, char_end, length=20
    )
    return URIRef(f"{GBR_IRI}stance/{h}")


def statement_iri(
    subject: str,
    predicate: str,
    obj: str,
    source: str | None,
    char_start: int | None = None,
    char_end: int | None = None,
) -> URIRef:
    """Mint the IRI of the reification (``rdf:Statement``) of one relation from one source.

    Parameters
    ----------
    subject, obj : str
        Entity keys.
    predicate : str
        Relation local name (``"leaderOf"``).
    source : str or None
        The document id, or ``"kb:<entry>"`` for a knowledge-base fact.
    char_start, char_end : int or None
        Offsets of the evidence sentence (None for knowledge-base facts).

    Returns
    -------
    rdflib.URIRef
        ``gbr:statement/<20 hex digits>``.
    """
    h = _digest("statement", subject, predicate, obj, source, char_start, char_end, length=20)
    return URIRef(f"{GBR_IRI}statement/{h}")


#: The SPARQL expression of :func:`stance_summary_iri` over ``?h ?t ?pol`` (holder, target,
#: polarity IRIs): the same IRI, so a store can mint it in an update.
SUMMARY_IRI_SPARQL = (
    f'IRI(CONCAT("{GBR_IRI}summary/", '
    'SUBSTR(SHA256(CONCAT(STR(?h), " ", STR(?t), " ", STR(?pol))), 1, 20)))'
)


def stance_summary_iri(holder: str, target: str, polarity: str) -> URIRef:
    """Mint the IRI of the derived summary of one holder's stances toward one target.

    Parameters
    ----------
    holder, target, polarity : str
        The IRIs of the holder and target entities and of ``gb:Positive`` / ``gb:Negative``.

    Returns
    -------
    rdflib.URIRef
        ``gbr:summary/<h>``, ``h`` the first 20 hex digits of SHA-256 of the three IRIs
        joined by single spaces (an IRI holds no space, so the joined text is unambiguous);
        :data:`SUMMARY_IRI_SPARQL` computes the same IRI in SPARQL.

    Examples
    --------
    >>> str(stance_summary_iri("urn:a", "urn:b", "urn:p"))[-28:]
    'summary/1e14fba22cfa89d44c8a'
    """
    text = f"{holder} {target} {polarity}"
    h = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return URIRef(f"{GBR_IRI}summary/{h}")


def summary_graph_iri() -> URIRef:
    """Return the name of the named graph holding the derived stance summaries.

    Returns
    -------
    rdflib.URIRef
        ``gbr:graph/stance-summaries`` (a document's graph is ``gbr:graph/<16 hex digits>``,
        so the names never meet).
    """
    return URIRef(f"{GBR_IRI}graph/stance-summaries")
