"""Run SPARQL on an Oxigraph store: ad-hoc queries and the named queries of ``queries/*.rq``.

Named queries are data files. Each starts with a header of comment lines::

    # name: leaders-of
    # description: Who leads a country or organization, with the evidence.
    # param: country entity optional - the country or organization led

An ``# order: ?a DESC(?b)`` line gives the order of the rows of a whole answer, sorted here
after the query ran (:func:`sort_rows`) rather than by a SPARQL ``ORDER BY``, which would
sort every row before the first one is returned: a page of a listing (``limit``, ``offset``)
then costs only its own rows, in the store's own order (the same order for every page of
one store).

``param`` lines give the parameter (a variable of the query's SELECT projection), its kind
(``entity``: resolved by label or alias to an entity IRI; ``document``: by id, title, source
path or URL to a ``gb:Document``; ``string``; ``integer``) and ``optional`` when the query runs
without it. Values are bound as RDF terms in a ``VALUES`` block written from their
N-Triples form (:func:`inject_values`), never pasted into the query text as the user typed
them, so quotes or SPARQL syntax in a value are inert. Comment lines ``#@params`` and
``#+NAME pattern`` place the binding where it drives the joins (see :func:`inject_values`).

The vocabulary prefixes (``gb: gbr: wd: prov: skos: schema: rdf: rdfs: owl: xsd:``) are
predeclared. Queries see the union of all graphs as their default graph, each triple once: a
store written by graphbuilder keeps that union as its default graph, which queries read
(:func:`graphbuilder.store.oxigraph.reads_union`); ``GRAPH`` still reaches the per-document
named graphs. SPARQL Update is refused unless allowed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graphbuilder.errors import QueryError
from graphbuilder.paths import queries_dir
from graphbuilder.rdf.namespaces import PREFIXES
from graphbuilder.store.oxigraph import reads_union

__all__ = [
    "QueryParam",
    "NamedQuery",
    "QueryResult",
    "list_named_queries",
    "load_named_query",
    "parse_named_query",
    "normalise_label",
    "resolve_entity",
    "resolve_document",
    "bind_params",
    "run_query",
    "run_named_query",
    "format_result",
    "inject_values",
    "query_form",
    "is_update",
    "syntax_message",
    "RESULT_FORMATS",
    "sort_rows",
    "with_limit",
    "reads_named_graphs",
]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_KINDS = ("entity", "document", "string", "integer")
_UPDATE_WORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}  # fmt: skip
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_PROLOGUE = re.compile(
    r"""(?:\s+|\#[^\n]*(?:\n|\Z)|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)""",
    re.IGNORECASE,
)
_HEADER = re.compile(r"#\s*(name|description|param|order)\s*:\s*(.*)", re.IGNORECASE)
_ORDER_ITEM = re.compile(r"(?:(ASC|DESC)\(\s*)?\?([A-Za-z_][A-Za-z0-9_]*)\s*\)?", re.IGNORECASE)
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query: ``?name`` of its projection, bound to one RDF term."""

    name: str
    kind: str = "entity"
    optional: bool = False
    help: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query file of ``queries/``: its name, description, parameters and SPARQL text."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path | None = None
    #: ``(variable, descending)`` pairs of the ``# order:`` line (see :func:`sort_rows`)
    order: tuple[tuple[str, bool], ...] = ()

    def param(self, name: str) -> QueryParam | None:
        """Return the parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


@dataclass
class QueryResult:
    """A materialised query result.

    Attributes
    ----------
    kind : str
        ``"select"``, ``"ask"``, ``"graph"`` (CONSTRUCT / DESCRIBE) or ``"update"``.
    variables : list of str
        SELECT variables, without ``?``.
    rows : list of tuple
        SELECT rows: one pyoxigraph term or None (unbound) per variable.
    boolean : bool or None
        The ASK answer.
    triples : list of pyoxigraph.Triple
        CONSTRUCT / DESCRIBE triples.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def values(self, variable: str) -> list[str | None]:
        """Return the plain values (IRI or lexical form) of one SELECT column."""
        i = self.variables.index(variable)
        return [None if r[i] is None else r[i].value for r in self.rows]


# ---------------------------------------------------------------------- named queries


def parse_named_query(text: str, path: Path | None = None) -> NamedQuery:
    """Parse a named query file: header comments, then the SPARQL text.

    Parameters
    ----------
    text : str
        The file's content.
    path : pathlib.Path or None
        Where it was read from (for messages); its stem is the default name.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryError
        When a ``param`` line is malformed or has an unknown kind.
    """
    name = path.stem if path else ""
    description = ""
    params: list[QueryParam] = []
    order: list[tuple[str, bool]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "name":
            name = value
        elif key == "order":
            for item in value.split():
                m = _ORDER_ITEM.fullmatch(item)
                if not m:
                    raise QueryError(
                        f"{path or 'query'}: bad order item {item!r}; expected ?var, "
                        "ASC(?var) or DESC(?var)"
                    )
                order.append((m.group(2), (m.group(1) or "").upper() == "DESC"))
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            spec, _, help_text = value.partition(" - ")
            words = spec.split()
            if len(words) < 2 or words[1] not in _KINDS:
                raise QueryError(
                    f"{path or 'query'}: bad param line {value!r}; expected "
                    f"'NAME KIND [optional] - help' with KIND one of {', '.join(_KINDS)}"
                )
            params.append(
                QueryParam(
                    words[0].lstrip("?$"), words[1], "optional" in words[2:], help_text.strip()
                )
            )
    return NamedQuery(name, description, tuple(params), text, path, tuple(order))


def list_named_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Return the named queries of ``queries/`` (or ``folder``), sorted by name."""
    folder = folder or queries_dir()
    if not folder.is_dir():
        return []
    queries = [
        parse_named_query(p.read_text(encoding="utf-8"), p) for p in sorted(folder.glob("*.rq"))
    ]
    return sorted(queries, key=lambda q: q.name)


def load_named_query(name: str, folder: Path | None = None) -> NamedQuery:
    """Return the named query ``name``.

    Raises
    ------
    QueryError
        When there is no such query (the message lists the known names).
    """
    queries = {q.name: q for q in list_named_queries(folder)}
    if name not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise QueryError(f"unknown named query {name!r}; known: {known}")
    return queries[name]


# ---------------------------------------------------------------------- parameters


def normalise_label(text: str) -> str:
    """Normalise a name for matching: NFKC, case-folded, spaces collapsed, no dots, quotes
    or leading "the".

    Examples
    --------
    >>> normalise_label("  the  U.N. ")
    'un'
    >>> normalise_label("KAZAKHSTAN") == normalise_label("Kazakhstan")
    True
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(re.sub(r"[.\u2019'\"`]", "", text).split())
    return text[4:] if text.startswith("the ") else text


_LABELS = """
SELECT ?e ?label ?main WHERE {
  { ?e rdfs:label ?label BIND(true AS ?main) }
  UNION { ?e skos:altLabel ?label BIND(false AS ?main) }
  FILTER EXISTS { ?e a ?c FILTER(?c IN (gb:Person, gb:Country, gb:Organization, gb:Location,
                                        gb:Event)) }
}"""


_EXACT = """
SELECT ?e ?main WHERE {
  { ?e rdfs:label ?name BIND(true AS ?main) } UNION { ?e skos:altLabel ?name BIND(false AS ?main) }
  FILTER EXISTS { ?e a ?c FILTER(?c IN (gb:Person, gb:Country, gb:Organization, gb:Location,
                                        gb:Event)) }
}"""


def resolve_entity(store: ox.Store, value: str) -> ox.NamedNode:
    """Find the entity a user means by ``value``: a label or alias (case-insensitive), an IRI.

    Parameters
    ----------
    store : pyoxigraph.Store
    value : str
        ``"kazakhstan"``, ``"the U.N."``, ``"gbr:Q232"``, ``"wd:Q232"``, ``"<https://...>"``.

    Returns
    -------
    pyoxigraph.NamedNode
        The entity IRI. Canonical labels win over aliases; failing both, a name that ends
        with ``value`` (a surname: "Kamaletdinov" for "Sultan Kamaletdinov") when only one
        entity has such a name.

    Raises
    ------
    QueryError
        When nothing matches, or several entities match equally (the message lists them).
    """
    union = reads_union(store)
    iri = _as_iri(value)
    if iri is not None:
        if iri.value.startswith(PREFIXES["wd"]):
            q = inject_values("SELECT ?e WHERE { ?e owl:sameAs ?w }", {"w": iri})
            for row in store.query(q, prefixes=PREFIXES, use_default_graph_as_union=union):
                return row["e"]
        return iri
    wanted = normalise_label(value)
    main, alias = set(), set()
    # the name as written, looked up in the index first (no scan of every label)
    exact = inject_values(_EXACT, {"name": ox.Literal(value.strip(), language="en")})
    for row in store.query(exact, prefixes=PREFIXES, use_default_graph_as_union=union):
        (main if row["main"].value == "true" else alias).add(row["e"])
    if main or alias:
        hits = main or alias
        if len(hits) == 1:
            return next(iter(hits))
        main, alias = set(), set()
    # one scan of the labels: equal names, and (a surname "Kamaletdinov" or the end of a
    # longer name) the names ending in it
    tail, ending = f" {wanted}", set()
    for row in store.query(_LABELS, prefixes=PREFIXES, use_default_graph_as_union=union):
        label = normalise_label(row["label"].value)
        if label == wanted:
            (main if row["main"].value == "true" else alias).add(row["e"])
        elif wanted and label.endswith(tail):
            ending.add(row["e"])
    hits = main or alias or ending
    if not hits:
        raise QueryError(f"no entity with the label or alias {value!r}")
    if len(hits) > 1:
        names = ", ".join(sorted(h.value for h in hits))
        raise QueryError(f"{value!r} names several entities: {names}; give an IRI")
    return next(iter(hits))


def _as_iri(value: str) -> ox.NamedNode | None:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    else:
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_\-./]+", local):
            value = PREFIXES[prefix] + local
        elif not re.match(r"https?://", value):
            return None
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise QueryError(f"{value!r} is not a valid IRI") from None


_DOCS = """
SELECT ?d ?sha ?name ?url ?path WHERE {
  ?d a gb:Document .
  OPTIONAL { ?d gb:sha256 ?sha } OPTIONAL { ?d schema:name ?name }
  OPTIONAL { ?d schema:url ?url } OPTIONAL { ?d gb:sourcePath ?path }
}"""


def resolve_document(store: ox.Store, value: str) -> ox.NamedNode:
    """Find a ``gb:Document`` by its id (a prefix of ``gb:sha256``), title, path, URL or IRI.

    Raises
    ------
    QueryError
        When no document or several documents match.
    """
    wanted = value.strip()
    union = reads_union(store)
    if re.fullmatch(r"[0-9a-f]{16}", wanted.lower()):
        # a doc_id (Article.doc_id): its IRI is minted from it, one lookup, no scan
        from graphbuilder.rdf.iris import document_iri

        doc = ox.NamedNode(str(document_iri(wanted.lower())))
        ask = inject_values("ASK { ?d a gb:Document }", {"d": doc})
        if store.query(ask, prefixes=PREFIXES, use_default_graph_as_union=union):
            return doc
    wanted_label = normalise_label(wanted)
    hits = set()
    for row in store.query(_DOCS, prefixes=PREFIXES, use_default_graph_as_union=union):
        doc = row["d"]
        sha = row["sha"].value if row["sha"] else ""
        names = [row[k].value for k in ("name", "url", "path") if row[k] is not None]
        if (
            doc.value == wanted.strip("<>")
            or (len(wanted) >= 6 and sha.startswith(wanted.lower()))
            or any(normalise_label(n) == wanted_label for n in names)
            or any(Path(n).name == wanted for n in names)
        ):
            hits.add(doc)
    if not hits:
        raise QueryError(f"no document with the id, title, path or URL {value!r}")
    if len(hits) > 1:
        raise QueryError(f"{value!r} names several documents; give its id (sha256 prefix)")
    return next(iter(hits))


def bind_params(
    store: ox.Store, query: NamedQuery, params: dict[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Resolve the user's parameter values to RDF terms for a named query.

    Parameters
    ----------
    store : pyoxigraph.Store
    query : NamedQuery
    params : dict of str to str
        ``{"country": "Kazakhstan"}``.

    Returns
    -------
    dict of str to term
        Variable name -> RDF term, for ``run_query(bindings=...)``. A query without declared
        parameters takes every value as an entity (resolved by label or alias).

    Raises
    ------
    QueryError
        For an unknown parameter, a missing required one, or a value that resolves to nothing.
    """
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    if not query.params:
        query = NamedQuery(
            query.name, query.description,
            tuple(QueryParam(k) for k in params), query.text, query.path, query.order,
        )  # fmt: skip
    for key in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise QueryError(f"parameter name {key!r} is not a SPARQL variable name")
        if query.param(key) is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {key!r}; known: {known}")
    for p in query.params:
        if p.name not in params:
            if not p.optional:
                raise QueryError(f"query {query.name!r} needs --param {p.name}=... ({p.help})")
            continue
        value = params[p.name]
        if p.kind == "entity":
            term = resolve_entity(store, value)
        elif p.kind == "document":
            term = resolve_document(store, value)
        elif p.kind == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise QueryError(f"parameter {p.name} must be an integer, not {value!r}")
            term = ox.Literal(value.strip(), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
        else:
            term = ox.Literal(value)
        out[p.name] = term
    return out


# ---------------------------------------------------------------------- running


def query_form(text: str) -> str:
    """Return the first keyword after the prologue (``SELECT``, ``INSERT`` ...), upper case."""
    pos = 0
    while True:
        m = _PROLOGUE.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    word = re.match(r"[A-Za-z]+", text[pos:])
    return word.group(0).upper() if word else ""


def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL Update (``INSERT``, ``DELETE``, ``DROP`` ...).

    Examples
    --------
    >>> is_update("PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"), is_update("ASK {}")
    (True, False)
    """
    return query_form(text) in _UPDATE_WORDS


def _where_brace(text: str) -> int:
    """Index of the ``{`` opening the outer WHERE group (outside comments, strings, IRIs)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])
            if m:
                i += m.end()
                continue
        if c == "{":
            return i
        i += 1
    raise QueryError("the query has no WHERE group to bind parameters in")


_IF_BOUND = re.compile(r"#\+([A-Za-z_][A-Za-z0-9_]*(?:\|[A-Za-z_][A-Za-z0-9_]*)*)\s(.*)")


def inject_values(query: str, bindings: dict[str, object]) -> str:
    """Return ``query`` with ``VALUES (?a ?b) { (term term) }`` opening its WHERE group.

    Two kinds of comment lines of a query place the parameters where they make the query
    fast (Oxigraph uses a binding to drive the joins of the group it stands in, not of a
    UNION branch, subquery or OPTIONAL next to it; see ``queries/README.md``):

    ``#@params``
        Replaced by the same ``VALUES`` block: a group that starts with it joins from the
        bound terms (inside a subquery, only where the subquery projects the parameters).
    ``#+NAME pattern``
        Becomes ``pattern`` when parameter ``NAME`` is bound, and stays a comment when it
        is not (a pattern that only an optional parameter's value makes sense of).
        ``#+A|B text`` becomes ``text`` when ``A`` or ``B`` is bound (e.g. an ``ORDER BY``
        that is cheap only over one entity's rows).

    Parameters
    ----------
    query : str
    bindings : dict of str to pyoxigraph term
        Each term is written in its N-Triples form (IRIs in ``<>``, literals quoted and
        escaped by pyoxigraph), so a value cannot change the query's structure.

    Returns
    -------
    str

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> q = inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": ox.Literal('a" } DROP ALL')})
    >>> 'VALUES (?x) { ("a\\\\" } DROP ALL") }' in q
    True
    >>> lines = ["SELECT ?d ?n WHERE {", "  #+d ?e ex:in ?d .", "  {", "    #@params"]
    >>> lines.append("  ?e ?p ?n } }")
    >>> q = inject_values("\\n".join(lines), {"d": ox.NamedNode("http://x/d")})
    >>> q.splitlines()[3:]
    ['  ?e ex:in ?d .', '  {', '    VALUES (?d) { (<http://x/d>) }', '  ?e ?p ?n } }']
    """
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    terms = []
    for name in names:
        term = bindings[name]
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise QueryError(f"parameter {name} must be bound to an IRI or a literal")
        terms.append(str(term))
    at = _where_brace(query) + 1
    values = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(terms) + ") }"
    query = query[:at] + "\n  " + values + "\n" + query[at:]
    lines = []
    for line in query.split("\n"):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped == "#@params":
            line = indent + values
        else:
            m = _IF_BOUND.match(stripped)
            if m and any(name in bindings for name in m.group(1).split("|")):
                line = indent + m.group(2)
        lines.append(line)
    return "\n".join(lines)


_NUMERIC = {PREFIXES["xsd"] + t for t in ("integer", "decimal", "double", "float", "int", "long")}
_TAIL_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*$", re.IGNORECASE)


def _order_key(term: object) -> tuple:
    """SPARQL's order of terms (unbound, blank nodes, IRIs, literals; numbers by value)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        try:
            return (3, 0, float(term.value), "")
        except ValueError:
            pass
    return (3, 1, 0.0, getattr(term, "value", str(term)))


def sort_rows(
    variables: list[str], rows: list[tuple], order: tuple[tuple[str, bool], ...]
) -> list[tuple]:
    """Sort SELECT rows as ``ORDER BY`` would, by ``(variable, descending)`` keys.

    Terms compare as in SPARQL 1.1 section 15.1: unbound first, then blank nodes, IRIs and
    literals; numeric literals by value, other literals by their lexical form. Rows equal in
    every key keep the order of all their columns (so two stores give the same order).

    Parameters
    ----------
    variables : list of str
    rows : list of tuple
    order : tuple of (str, bool)
        e.g. ``(("documents", True), ("label", False))`` for ``DESC(?documents) ?label``;
        a variable the rows lack is skipped.

    Returns
    -------
    list of tuple

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> rows = [(ox.Literal("b"), ox.Literal("2", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#integer"))), (ox.Literal("a"), None)]
    >>> [r[0].value for r in sort_rows(["x", "n"], rows, (("n", True), ("x", False)))]
    ['b', 'a']
    """
    # every column first, so that rows equal in the keys still come in one order
    out = sorted(rows, key=lambda row: tuple(_order_key(t) for t in row))
    for name, descending in reversed(order):
        if name in variables:
            i = variables.index(name)
            out.sort(key=lambda row, i=i: _order_key(row[i]), reverse=descending)
    return out


def with_limit(query: str, limit: int | None = None, offset: int = 0) -> str:
    """Return a query with ``LIMIT`` / ``OFFSET`` appended (one page of its rows).

    Parameters
    ----------
    query : str
    limit : int or None
        Rows at most; None for no limit.
    offset : int
        Rows skipped first.

    Returns
    -------
    str

    Raises
    ------
    QueryError
        A negative limit or offset, or a query that ends with its own ``LIMIT``/``OFFSET``.

    Examples
    --------
    >>> with_limit("SELECT * WHERE { ?s ?p ?o }", 100, 200).splitlines()[-1]
    'LIMIT 100 OFFSET 200'
    """
    if limit is None and not offset:
        return query
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("--limit and --offset must be 0 or more")
    code = "\n".join(
        line.split("#", 1)[0] if "#" in line and "<" not in line else line
        for line in query.splitlines()
    )
    if _TAIL_LIMIT.search(code.rstrip()):
        raise QueryError("the query has its own LIMIT or OFFSET; give --limit/--offset or that")
    tail = ([f"LIMIT {limit}"] if limit is not None else []) + (
        [f"OFFSET {offset}"] if offset else []
    )
    return query.rstrip() + "\n" + " ".join(tail)


_COMMENT = re.compile(r"(?m)(^|\s)#[^\n]*")
_NAMED_GRAPH_WORDS = re.compile(r"\b(GRAPH|FROM|USING|WITH)\b", re.IGNORECASE)


def reads_named_graphs(query: str) -> bool:
    """Whether a query may read named graphs (``GRAPH``, ``FROM``, ``USING``, ``WITH``).

    Conservative: the words are looked for outside comments but also inside strings, so a
    query that merely mentions them is taken as reading named graphs.

    Examples
    --------
    >>> reads_named_graphs("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    True
    >>> reads_named_graphs("# the graph of a document\\nSELECT * WHERE { ?s ?p ?o }")
    False
    """
    return bool(_NAMED_GRAPH_WORDS.search(_COMMENT.sub(" ", query)))


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:400] or type(err).__name__


_SYNTAX_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def syntax_message(err: BaseException) -> str:
    """Return Oxigraph's SPARQL syntax error as one short line: where, and what was expected.

    Oxigraph lists every token it would accept (often hundreds of characters of character
    classes); the list is cut to its first items.

    Examples
    --------
    >>> syntax_message(SyntaxError("error at 1:10: expected CONSTRUCT"))
    'SPARQL syntax error at line 1, column 10: expected CONSTRUCT'
    """
    text = " ".join(str(err).split())
    m = _SYNTAX_AT.match(text)
    if not m:
        return f"SPARQL syntax error: {text[:200] or type(err).__name__}"
    line, column, detail = m.groups()
    if len(detail) > 120:
        detail = detail[:117].rsplit(",", 1)[0] + ", ..."
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


def run_query(
    store: ox.Store | str | os.PathLike[str],
    query: str,
    *,
    bindings: dict[str, object] | None = None,
    allow_update: bool = False,
    timeout: float | None = None,
    limit: int | None = None,
    offset: int = 0,
    order: tuple[tuple[str, bool], ...] = (),
) -> QueryResult:
    """Run a SPARQL query (or, if allowed, an update) on a store and materialise the result.

    Parameters
    ----------
    store : pyoxigraph.Store, or str or os.PathLike
        A store (in memory or on disk; a SPARQL server seen as a store), or the folder of an
        on-disk Oxigraph store, opened here (a read-only snapshot for a query, read-write
        for an update; the caller holds the store's write lock for an update).
    query : str
        SPARQL 1.1 query; the vocabulary prefixes are predeclared.
    bindings : dict of str to pyoxigraph term, or None
        Variable name -> RDF term. They are bound by a ``VALUES`` block written from the
        terms' N-Triples form at the start of the query's outer ``WHERE`` group (so they hold
        in every FILTER, BIND, OPTIONAL and subquery join); user text is never pasted in.
    allow_update : bool
        Run SPARQL Update (``INSERT``, ``DELETE``, ``DROP`` ...); refused otherwise.
    timeout : float or None
        Seconds. The query then runs in a worker process that is killed at the deadline
        (:mod:`graphbuilder.store.worker`): nothing keeps running or writing after the
        timeout, and an update that timed out leaves the store as it was. An on-disk store
        with a timeout is given by its folder (an open on-disk ``pyoxigraph.Store`` is
        refused: a worker cannot share it). A SPARQL server applies its own HTTP timeout.
    limit, offset : int
        One page of the rows: ``LIMIT`` / ``OFFSET`` appended to the query (see
        :func:`with_limit`); rows in the store's order unless the query has ``ORDER BY``.
    order : tuple of (str, bool)
        ``(variable, descending)`` keys the rows of a whole answer (no limit, no offset)
        are sorted by after the query (:func:`sort_rows`; a named query's ``# order:``).

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryError
        Syntax error, refused update, bad substitution or timeout, in one line.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> run_query(ox.Store(), "ASK { ?s ?p ?o }").boolean
    False
    >>> run_query(ox.Store(), "ASK { ?s ?p ?o }", timeout=30).boolean
    False
    """
    from graphbuilder.store.worker import apply_diff, on_disk, run_in_worker, update_diff

    form = query_form(query)
    if bindings:
        if form not in _QUERY_WORDS:
            raise QueryError("parameters can only be bound in SELECT, ASK, CONSTRUCT, DESCRIBE")
        query = inject_values(query, bindings)
    update = form in _UPDATE_WORDS
    if update and not allow_update:
        raise QueryError(f"{form} is a SPARQL update; refused without --allow-update")
    if limit is not None or offset:
        if form not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
            raise QueryError("--limit and --offset apply to SELECT, CONSTRUCT and DESCRIBE")
        query = with_limit(query, limit, offset)
    elif order:
        result = run_query(store, query, allow_update=allow_update, timeout=timeout)
        if result.kind == "select":
            result.rows = sort_rows(result.variables, result.rows, order)
        return result
    if isinstance(store, (str, os.PathLike)):
        path = str(Path(store))
        if timeout is None:
            return _checked(_execute_at, path, query, update)
        return _checked(run_in_worker, _execute_at, (path, query, update), timeout, spawn=True)
    if timeout is None or not isinstance(store, ox.Store):
        return _checked(_execute, store, query, update)
    if on_disk(store):
        raise QueryError(
            "a timeout on an on-disk store needs the store's folder, not an open store: "
            "run_query(PATH, ...) runs it in a worker stopped at the deadline"
        )
    if not update:
        return _checked(run_in_worker, _execute, (store, query, False), timeout)
    removed, added = _checked(run_in_worker, update_diff, (store, query, PREFIXES), timeout)
    apply_diff(store, removed, added)
    return QueryResult("update")


def _execute(store, query: str, update: bool) -> QueryResult:
    """Run ``query`` on ``store`` here and materialise the result."""
    if update:
        store.update(query, prefixes=PREFIXES)
        return QueryResult("update")
    union = reads_union(store)
    res = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=union)
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = [tuple(sol[i] for i in range(len(names))) for sol in res]
        return QueryResult("select", variables=names, rows=rows)
    return QueryResult("graph", triples=list(res))


def _execute_at(path: str, query: str, update: bool) -> QueryResult:
    """Open the on-disk store at ``path`` (snapshot, or read-write for an update), run."""
    from graphbuilder.store.worker import open_for

    store = open_for(path, update)
    result = _execute(store, query, update)
    if update:
        store.flush()
    return result


def _checked(call, *args, **kwargs):
    """``call(*args)``, with Oxigraph's errors turned into one-line QueryErrors."""
    try:
        return call(*args, **kwargs)
    except SyntaxError as err:
        raise QueryError(syntax_message(err)) from None
    except (RuntimeError, ValueError, OSError) as err:
        raise QueryError(f"query failed: {_one_line(err)}") from None


def run_named_query(
    store: ox.Store | str | os.PathLike[str],
    name: str,
    params: dict[str, str] | None = None,
    *,
    timeout: float | None = None,
    folder: Path | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a named query of ``queries/`` with its parameters bound as RDF terms.

    Parameters
    ----------
    store : pyoxigraph.Store, or str or os.PathLike
        A store, or the folder of an on-disk store (see :func:`run_query`).
    name : str
        e.g. ``"leaders-of"``; see :func:`list_named_queries`.
    params : dict of str to str or None
        e.g. ``{"country": "Kazakhstan"}``; entity values are resolved by label or alias.
    timeout : float or None
        Seconds; the query is stopped at the deadline (see :func:`run_query`).
    folder : pathlib.Path or None
        Another folder of ``.rq`` files.
    limit, offset : int
        One page of the rows (``limit`` rows after the first ``offset``), in the store's
        order; without them the whole answer, sorted by the query's ``# order:`` line.

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryError
        Unknown query, unknown or missing parameter, unresolvable value, timeout.
    """
    query = load_named_query(name, folder)
    if isinstance(store, (str, os.PathLike)):
        from graphbuilder.store.oxigraph import open_snapshot

        values = bind_params(open_snapshot(store), query, params or {})
    else:
        values = bind_params(store, query, params or {})
    return run_query(
        store,
        query.text,
        bindings=values,
        timeout=timeout,
        limit=limit,
        offset=offset,
        order=query.order,
    )


# ---------------------------------------------------------------------- output


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _short(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            local = term.value[len(iri) :]
            if term.value.startswith(iri) and re.fullmatch(r"[A-Za-z0-9_\-]+", local or "-"):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return str(term)


def _table(variables: list[str], rows: list[tuple]) -> str:
    cells = [[_short(t) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join([line, rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as text.

    Parameters
    ----------
    result : QueryResult
    fmt : str
        ``"table"`` (aligned columns, prefixed names), ``"csv"`` / ``"tsv"`` (SPARQL 1.1
        Query Results CSV and TSV), ``"json"`` (SPARQL 1.1 Query Results JSON). CONSTRUCT and
        DESCRIBE results are Turtle (table), N-Triples (csv, tsv) or JSON-LD (json).

    Returns
    -------
    str

    Raises
    ------
    QueryError
        For an unknown format.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.kind == "update":
        return "update done"
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)})
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        ox_fmt = {
            "table": ox.RdfFormat.TURTLE,
            "json": ox.RdfFormat.JSON_LD,
        }.get(fmt, ox.RdfFormat.N_TRIPLES)
        triples = sorted(result.triples, key=str)
        prefixes = PREFIXES if ox_fmt is ox.RdfFormat.TURTLE else None
        return ox.serialize(triples, format=ox_fmt, prefixes=prefixes).decode("utf-8")
    if fmt == "table":
        return _table(result.variables, result.rows)
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2)
    buf = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if t is None else t.value for t in row])
        return buf.getvalue()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"
