"""Any SPARQL 1.1 server as a store: ``--store sparql:URL`` (Oxigraph, Fuseki, GraphDB, Virtuoso).

Each document's triples live in their own named graph, :func:`graphbuilder.rdf.iris.graph_iri`
of its ``doc_id``, so rebuilding a document replaces exactly its triples and no other
document's. Writes use the SPARQL 1.1 Graph Store HTTP Protocol: a document graph that fits in
one batch (``batch_triples`` triples, ``batch_bytes`` bytes) is one ``PUT`` of N-Triples onto
its named graph; a larger one is ``PUT`` then ``POST`` in bounded batches into a fresh
temporary named graph, then one SPARQL Update ``MOVE <tmp> TO <graph>``. The server runs each
request as one transaction: readers see the old graph or the new one, never a half-written one.
A request that fails for a transient reason (no connection, time-out, HTTP 408, 429 or 5xx) is
retried ``retries`` times with exponential back-off, then reported as a
:class:`~graphbuilder.errors.StoreError` naming the URL and the HTTP status; the temporary
graph is dropped and the document's previous graph is left as it was. A server without a
Graph Store endpoint gets the batches as ``INSERT DATA`` updates instead.

Endpoints. ``URL`` is the server's base or dataset address; the query, update and graph store
endpoints are found by the conventions (SPARQL Protocol, probed with harmless requests):

============  =================  ==========================  ===================================
server        query              update                      graph store
============  =================  ==========================  ===================================
Oxigraph      ``URL/query``      ``URL/update``              ``URL/store``
Fuseki        ``URL/sparql``     ``URL/update``              ``URL/data``
GraphDB       ``URL`` (repo)     ``URL/statements``          ``URL/rdf-graphs/service``
Virtuoso      ``URL/sparql``     ``URL/sparql``              (none: ``INSERT DATA``)
============  =================  ==========================  ===================================

or given explicitly (``query_url``, ``update_url``, ``store_url``).

Queries see the union of the documents' graphs as their default graph, each triple once, as
on the local store. On Oxigraph and Fuseki servers, whose default graph is a graph of its own,
the sink keeps that deduplicated union there itself: every document write is a fresh temporary
named graph, then one SPARQL Update that removes from the default graph the triples only the
old document graph held, moves the temporary graph onto the document's graph and copies its
triples into the default graph (:func:`swap_update`), one transaction, so two writers never
interleave one document's triples and readers see the documents and their union agree.
Queries then read the default graph. A server whose default graph is empty (written before)
is asked for its own union instead: Oxigraph with its ``union-default-graph`` parameter (a
bag that repeats a triple once per graph holding it, which slowed joins tenfold), Fuseki with
``urn:x-arq:UnionGraph``; GraphDB and Virtuoso read the union of all graphs by default.

Only the standard library speaks HTTP here (:mod:`urllib.request`); proxies from the
environment are used except for loopback addresses.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.query import Result

from graphbuilder.errors import QueryError, StoreError
from graphbuilder.rdf.iris import graph_iri
from graphbuilder.rdf.namespaces import GB_IRI, GBR_IRI, PREFIXES, SCHEMA_IRI

__all__ = [
    "SPARQL_SCHEME",
    "SparqlServerSink",
    "open_sparql_sink",
    "ServerStore",
    "open_server_store",
    "run_named_query_on_server",
    "run_query_on_server",
    "server_url",
    "swap_update",
]

#: The prefix of a store address that names a SPARQL server: ``sparql:http://host:7878``.
SPARQL_SCHEME = "sparql:"

_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
_RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_GRAPH_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?<", re.IGNORECASE)
_ENDPOINT_SUFFIX = re.compile(r"/(query|sparql|update|store|data)/?$")
_DOCUMENT_IRI = f"{GBR_IRI}document/"
_TEMPORARY_IRI = f"{GBR_IRI}graph-tmp/"


def swap_update(target: str, temporary: str | None, *, union: bool) -> str:
    """SPARQL Update replacing document graph ``target`` by ``temporary`` in one transaction.

    Parameters
    ----------
    target : str
        The document's graph IRI.
    temporary : str or None
        A filled temporary graph, moved onto ``target``; None drops ``target``.
    union : bool
        Also keep the default graph the deduplicated union of the document graphs: first
        remove from it the triples no other document graph holds (temporary graphs of other
        writers do not count), then copy the new graph's triples into it.

    Returns
    -------
    str

    Examples
    --------
    >>> print(swap_update("http://g", None, union=False))
    DROP SILENT GRAPH <http://g>
    """
    parts = []
    if union:
        parts.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
            f'FILTER (?other != <{target}> && !STRSTARTS(STR(?other), "{_TEMPORARY_IRI}")) }} }}'
        )
    if temporary is None:
        parts.append(f"DROP SILENT GRAPH <{target}>")
    else:
        # Not MOVE SILENT: from a graph that does not exist it would empty the target.
        parts.append(f"MOVE <{temporary}> TO <{target}>")
        if union:
            parts.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    return " ;\n".join(parts)


def server_url(address: str) -> str:
    """Return the http(s) URL of a ``sparql:URL`` store address (the prefix is optional).

    Parameters
    ----------
    address : str
        ``"sparql:http://127.0.0.1:7878"`` or ``"http://127.0.0.1:7878/"``.

    Returns
    -------
    str
        The URL without the ``sparql:`` prefix and trailing ``/``.

    Raises
    ------
    StoreError
        When the address is not an http or https URL.

    Examples
    --------
    >>> server_url("sparql:http://127.0.0.1:7878/")
    'http://127.0.0.1:7878'
    """
    url = address[len(SPARQL_SCHEME) :] if address.startswith(SPARQL_SCHEME) else address
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(
            f"{address}: not a SPARQL server address; expected sparql:http://HOST:PORT[/dataset]"
        )
    return url.rstrip("/")


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class _Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


class _HTTPFailure(StoreError):
    """A request failed for good; ``status`` is the last HTTP status (None: no response)."""

    def __init__(self, message: str, status: int | None):
        super().__init__(message)
        self.status = status


def _first_line(body: bytes, limit: int = 200) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else ""
    return line[:limit]


class SparqlServerSink:
    """A SPARQL 1.1 server holding one named graph per document.

    A :class:`graphbuilder.store.protocol.GraphSink`: ``name`` (``"sparql:URL"``),
    ``documents``, ``replace_document``, ``remove_document``, ``flush``, ``close``. Use
    :func:`open_sparql_sink` to make one. Endpoints are found on first use.

    Parameters
    ----------
    url : str
        Base or dataset address (``sparql:`` prefix allowed).
    query_url, update_url, store_url : str, optional
        Explicit endpoints (SPARQL query, SPARQL update, Graph Store); found by convention when
        not given.
    batch_triples : int
        Most triples sent in one request.
    batch_bytes : int
        Most bytes of N-Triples sent in one request (a batch ends at whichever bound comes
        first; one triple longer than this still goes alone).
    retries : int
        Retries of a request that failed transiently (so ``retries + 1`` attempts).
    timeout : float
        Seconds to wait for each response.
    backoff : float
        Seconds before the first retry, doubled for each next one.
    use_graph_store : bool
        Write through the Graph Store Protocol where the server has it (default); False
        sends every batch as SPARQL Update ``INSERT DATA``.
    """

    def __init__(
        self,
        url: str,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        *,
        batch_triples: int = 50_000,
        batch_bytes: int = 16 * 2**20,
        retries: int = 3,
        timeout: float = 60,
        backoff: float = 0.5,
        use_graph_store: bool = True,
    ):
        self.url = server_url(url)
        self.name = SPARQL_SCHEME + self.url
        self.base = _ENDPOINT_SUFFIX.sub("", self.url)
        self._query_url = server_url(query_url) if query_url else None
        self._update_url = server_url(update_url) if update_url else None
        self._store_url = server_url(store_url) if store_url else None
        # Without the Graph Store Protocol, batches go as SPARQL Update INSERT DATA.
        self._store_probed = self._store_url is not None or not use_graph_store
        self.batch_triples = max(1, int(batch_triples))
        self.batch_bytes = max(1, int(batch_bytes))
        self.retries = max(0, int(retries))
        self.timeout = timeout
        self.backoff = backoff
        self.flavour: str | None = None  # "oxigraph", "fuseki" or None (union by default)
        self._flavour_probed = False
        self._own_union: bool | None = None  # the default graph holds our union (asked once)
        if _is_loopback(self.url):
            self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        else:
            self._opener = urllib.request.build_opener()

    # ------------------------------------------------------------------ HTTP
    def _request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        retries: int | None = None,
    ) -> _Response:
        """Send one request, retrying transient failures; raise _HTTPFailure when it fails."""
        attempts = (self.retries if retries is None else retries) + 1
        status: int | None = None
        reason = ""
        for attempt in range(attempts):
            self._wait(attempt)
            request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    resp = _Response(response.status, response.headers, response.read())
                    self._note_flavour(resp.headers)
                    return resp
            except urllib.error.HTTPError as err:
                status, body = err.code, err.read()
                self._note_flavour(err.headers)
                reason = _first_line(body) or err.reason
                if status not in _RETRY_STATUS:
                    break
            except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
                status = None
                reason = str(getattr(err, "reason", None) or err) or type(err).__name__
        tried = f" after {attempts} attempts" if attempts > 1 and _retryable(status) else ""
        what = f"HTTP {status}" if status is not None else "no response"
        raise _HTTPFailure(f"{method} {url}: {what}{tried}: {reason}", status)

    def _wait(self, attempt: int) -> None:
        """Sleep before retry ``attempt`` (none before the first try): ``backoff`` seconds,
        doubled for each next retry."""
        if attempt:
            time.sleep(self.backoff * 2 ** (attempt - 1))

    def _note_flavour(self, headers) -> None:
        if self.flavour is not None or headers is None:
            return
        server = (headers.get("Server") or "").lower()
        if "oxigraph" in server:
            self.flavour = "oxigraph"
        elif "fuseki" in server or headers.get("Fuseki-Request-Id"):
            self.flavour = "fuseki"

    # ------------------------------------------------------------------ endpoints
    def _probe_query(self, url: str) -> bool | None:
        """True: a SPARQL query endpoint; False: something else answered; None: no answer."""
        form = urllib.parse.urlencode({"query": "ASK {}"}).encode()
        try:
            resp = self._request(
                "POST",
                url,
                data=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json",
                },
                retries=0,
            )
            return "boolean" in json.loads(resp.body.decode("utf-8"))
        except _HTTPFailure as err:
            return None if err.status is None else False
        except (ValueError, UnicodeDecodeError):
            return False

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint (found on first use; a server still starting is waited
        for, ``retries`` times with back-off)."""
        if self._query_url is None:
            candidates = [f"{self.base}/query", f"{self.base}/sparql", self.base]
            if self.url not in candidates:
                candidates.insert(0, self.url)
            for attempt in range(self.retries + 1):
                self._wait(attempt)
                answers = []
                for candidate in candidates:
                    answer = self._probe_query(candidate)
                    if answer:
                        self._query_url = candidate
                        return candidate
                    answers.append(answer)
                if any(a is False for a in answers):
                    break  # the server answers, but no candidate is a query endpoint
            else:
                raise StoreError(
                    f"{self.url}: no SPARQL server answers (connection failed "
                    f"{self.retries + 1} times); is it running?"
                )
            raise StoreError(
                f"{self.url}: no SPARQL query endpoint answers (tried "
                f"{', '.join(candidates)}); give --query-url"
            )
        return self._query_url

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (found on first use with a no-op ``INSERT DATA {}``)."""
        if self._update_url is None:
            query_url = self.query_url
            candidates = [f"{self.base}/update", f"{self.base}/statements", query_url]
            for candidate in dict.fromkeys(candidates):
                try:
                    self._update(candidate, "INSERT DATA { }", retries=0)
                except StoreError:
                    continue
                self._update_url = candidate
                break
            else:
                raise StoreError(
                    f"{self.url}: no SPARQL update endpoint accepts updates (tried "
                    f"{', '.join(dict.fromkeys(candidates))}); give --update-url"
                )
        return self._update_url

    @property
    def store_url(self) -> str | None:
        """The Graph Store Protocol endpoint, or None when the server has none."""
        if not self._store_probed:
            self._store_probed = True
            for candidate in (
                f"{self.base}/store",
                f"{self.base}/data",
                f"{self.base}/rdf-graphs/service",
            ):
                try:
                    self._request("HEAD", f"{candidate}?default", retries=0)
                except StoreError:
                    continue
                self._store_url = candidate
                break
        return self._store_url

    def _update(self, url: str, update: str, *, retries: int | None = None) -> None:
        self._request(
            "POST",
            url,
            data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            retries=retries,
        )

    def update(self, update: str) -> None:
        """Run one SPARQL 1.1 Update request (one transaction on the server).

        Parameters
        ----------
        update : str
            The update text.

        Raises
        ------
        StoreError
            The server refused it or did not answer after the retries.
        """
        self._update(self.update_url, update)
        self._own_union = None  # an update may have emptied the default graph: ask again

    # ------------------------------------------------------------------ reading
    def _know_flavour(self) -> None:
        if self.flavour is None and not self._flavour_probed:
            self._flavour_probed = True  # an endpoint given explicitly was not probed
            self._probe_query(self.query_url)

    def keeps_union(self) -> bool:
        """Whether the server's default graph holds the sink's deduplicated union.

        True on an Oxigraph or Fuseki server whose default graph is not empty (asked once;
        a write through this sink makes it so). GraphDB, Virtuoso and unknown servers answer
        False: their default graph is the union of all graphs already.
        """
        self._know_flavour()
        if self.flavour not in ("oxigraph", "fuseki"):
            return False
        if self._own_union is None:
            resp = self._post_query_raw("ASK { ?s ?p ?o }")
            self._own_union = bool(json.loads(resp.body.decode("utf-8")).get("boolean"))
        return self._own_union

    def _post_query_raw(self, text: str) -> _Response:
        """POST a query that reads the server's default graph as it is."""
        return self._request(
            "POST",
            self.query_url,
            data=urllib.parse.urlencode([("query", text)]).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )

    def _post_query(self, text: str, *, union: bool, accept: str) -> _Response:
        """POST one query (SPARQL Protocol, form-encoded); HTTP 400 becomes SyntaxError."""
        url = self.query_url  # found first: the probe also tells the server's flavour
        fields: list[tuple[str, str]] = [("query", text)]
        if union and not _FROM.search(text) and not self.keeps_union():
            if self.flavour == "oxigraph":
                fields.append(("union-default-graph", ""))
            elif self.flavour == "fuseki":
                fields.append(("default-graph-uri", "urn:x-arq:UnionGraph"))
        try:
            return self._request(
                "POST",
                url,
                data=urllib.parse.urlencode(fields).encode("utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            )
        except _HTTPFailure as err:
            if err.status == 400:
                raise SyntaxError(f"the SPARQL server rejected the query: {err}") from None
            raise

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union of the documents' graphs.

        The vocabulary prefixes (``gb:``, ``gbr:``, ``schema:``, ``prov:`` ...) the query does
        not declare are declared for it.

        Parameters
        ----------
        sparql : str
            SELECT, ASK, CONSTRUCT or DESCRIBE.

        Returns
        -------
        rdflib.query.Result
            As from ``rdflib.Graph.query``: rows of rdflib terms for SELECT, ``askAnswer`` for
            ASK, ``graph`` for CONSTRUCT and DESCRIBE.

        Raises
        ------
        QueryError
            The server rejected the query (HTTP 400: syntax, unknown function ...).
        StoreError
            The server cannot be reached or failed.
        """
        try:
            resp = self._post_query(_with_prefixes(sparql), union=True, accept=_RESULTS_ACCEPT)
        except SyntaxError as err:
            raise QueryError(str(err)) from None
        return _parse_result(resp, self.query_url)

    def documents(self) -> dict:
        """List the documents the server holds, by ``doc_id``.

        Returns
        -------
        dict of str to graphbuilder.store.documents.DocumentInfo
            ``doc_id``, ``sha256`` and ``source`` (``schema:url``, else ``gb:sourcePath``) of
            the ``gb:Document`` node of each named graph.

        Raises
        ------
        StoreError
        """
        from graphbuilder.store.documents import DocumentInfo

        result = self.query(
            f"""SELECT ?doc ?sha ?url ?path WHERE {{
  GRAPH ?g {{
    ?doc a <{GB_IRI}Document> ; <{GB_IRI}sha256> ?sha .
    OPTIONAL {{ ?doc <{SCHEMA_IRI}url> ?url }}
    OPTIONAL {{ ?doc <{GB_IRI}sourcePath> ?path }}
  }}
  FILTER (!STRSTARTS(STR(?g), "{_TEMPORARY_IRI}"))
}}"""
        )
        docs: dict = {}
        for row in result:
            doc = str(row.doc)
            doc_id = doc[len(_DOCUMENT_IRI) :] if doc.startswith(_DOCUMENT_IRI) else doc
            source = row.url if row.url is not None else row.path
            docs[doc_id] = DocumentInfo(
                doc_id, str(row.sha), None if source is None else str(source)
            )
        return docs

    def count_triples(self, doc_id: str | None = None) -> int:
        """Return the number of triples in one document's graph, or in all named graphs."""
        where = f"GRAPH <{graph_iri(doc_id)}>" if doc_id is not None else "GRAPH ?g"
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} {{ ?s ?p ?o }} }}")
        return int(next(iter(result))[0])

    # ------------------------------------------------------------------ writing
    def replace_document(self, doc_id: str, graph: Graph, info=None) -> int:
        """Make ``graph`` the whole named graph of document ``doc_id`` on the server.

        The graph goes in batches (Graph Store ``PUT`` then ``POST``) into a fresh temporary
        named graph, which one SPARQL Update then swaps in for ``graph_iri(doc_id)``, keeping
        the default graph the deduplicated union where the server allows
        (:func:`swap_update`): one transaction, so two writers never interleave one
        document's triples. On any failure the temporary graph is dropped (best effort) and
        the document's previous graph is left as it was.

        Parameters
        ----------
        doc_id : str
            ``Article.doc_id``.
        graph : rdflib.Graph
            The document's triples (blank nodes are skolemized so that batches agree on them).
        info : graphbuilder.store.documents.DocumentInfo, optional
            Not needed: the graph holds the document's ``gb:Document`` node.

        Returns
        -------
        int
            Triples written.

        Raises
        ------
        StoreError
            A request failed after its retries (the message names the URL and HTTP status).
        """
        target = graph_iri(doc_id)
        if any(isinstance(term, BNode) for triple in graph for term in triple):
            graph = graph.skolemize()
        lines = _ntriples_lines(graph)
        if not lines:
            self.remove_document(doc_id)
            return 0
        temporary = URIRef(f"{_TEMPORARY_IRI}{uuid.uuid4().hex}")
        try:
            for i, batch in enumerate(self._batches(lines)):
                self._write_batch(temporary, batch, first=i == 0)
            self._move(temporary, target)
        except StoreError:
            try:
                self._update(self.update_url, f"DROP SILENT GRAPH <{temporary}>", retries=0)
            except StoreError:
                pass
            raise
        return len(lines)

    def remove_document(self, doc_id: str) -> None:
        """Drop the named graph of document ``doc_id`` (nothing happens if it is absent).

        Raises
        ------
        StoreError
        """
        self._swap(str(graph_iri(doc_id)), None)

    def _swap(self, target: str, temporary: str | None) -> None:
        """Send the sink's own swap of a document graph; it keeps the default graph the union
        when the server does, so that is not asked again before the next document."""
        union = self._union_writes()
        self._update(self.update_url, swap_update(target, temporary, union=union))
        self._own_union = union or None

    def _union_writes(self) -> bool:
        """Whether writes keep the default graph the union (Oxigraph and Fuseki servers)."""
        keeps = self.keeps_union()
        if self.flavour not in ("oxigraph", "fuseki"):
            return False
        if not keeps and self._has_named_graphs():
            # written before, without the union: make it once, then keep it
            self.update(
                "CLEAR SILENT DEFAULT ;\n"
                "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER (!STRSTARTS(STR(?g), "{_TEMPORARY_IRI}")) }}'
            )
        self._own_union = True
        return True

    def _has_named_graphs(self) -> bool:
        resp = self._post_query_raw(
            f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (!STRSTARTS(STR(?g), "{_TEMPORARY_IRI}")) }}'
        )
        return bool(json.loads(resp.body.decode("utf-8")).get("boolean"))

    def _batches(self, lines: list[bytes]) -> Iterator[bytes]:
        batch: list[bytes] = []
        size = 0
        for line in lines:
            if batch and (len(batch) >= self.batch_triples or size + len(line) > self.batch_bytes):
                yield b"".join(batch)
                batch, size = [], 0
            batch.append(line)
            size += len(line)
        if batch:
            yield b"".join(batch)

    def _write_batch(self, graph: URIRef, body: bytes, *, first: bool) -> None:
        """PUT (first) or POST one batch of N-Triples into ``graph``; without a Graph Store
        endpoint, ``INSERT DATA`` (after ``DROP SILENT GRAPH`` for the first batch)."""
        store = self.store_url
        if store is not None:
            query = urllib.parse.urlencode({"graph": str(graph)})
            self._request(
                "PUT" if first else "POST",
                f"{store}?{query}",
                data=body,
                headers={"Content-Type": "application/n-triples"},
            )
        else:
            drop = b"DROP SILENT GRAPH <%s> ;\n" % str(graph).encode() if first else b""
            data = drop + b"INSERT DATA { GRAPH <%s> {\n%s} }" % (str(graph).encode(), body)
            self._request(
                "POST",
                self.update_url,
                data=data,
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )

    def _move(self, temporary: URIRef, target: URIRef) -> None:
        try:
            self._swap(str(target), str(temporary))
        except StoreError:
            # An earlier attempt may have been applied with its response lost: then the
            # temporary graph is gone and the target is filled.
            if not self._ask_graph(temporary) and self._ask_graph(target):
                return
            raise

    def _ask_graph(self, graph: URIRef) -> bool:
        try:
            return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").askAnswer)
        except StoreError:
            return False

    # ------------------------------------------------------------------ life cycle
    def flush(self) -> int:
        """Return the number of distinct triples over all named graphs (writes are immediate).

        On a server whose default graph holds the sink's union (Oxigraph, Fuseki), the
        derived stance summaries are recomputed first, all of them, in one update
        (:func:`graphbuilder.rdf.mapping.stance_summary_update`): between a build's writes
        and its flush they count the stances of before.

        Raises
        ------
        StoreError
        """
        if self.flavour in ("oxigraph", "fuseki") and self.keeps_union():
            from graphbuilder.rdf.mapping import stance_summary_update

            self.update(stance_summary_update())
        result = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
            "{ GRAPH ?g { ?s ?p ?o } } }"
        )
        return int(next(iter(result))[0])

    def close(self) -> None:
        """Release the sink (no connection is kept open between requests)."""

    def __enter__(self) -> SparqlServerSink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SparqlServerSink({self.url!r})"


def _retryable(status: int | None) -> bool:
    return status is None or status in _RETRY_STATUS


def _ntriples_lines(graph: Graph) -> list[bytes]:
    data = graph.serialize(format="nt", encoding="utf-8")
    return [line + b"\n" for line in data.split(b"\n") if line.strip()]


def _with_prefixes(sparql: str, prefixes: dict[str, str] | None = None) -> str:
    declared = {
        m.group(1).lower() for m in re.finditer(r"PREFIX\s+([\w-]*)\s*:", sparql, re.IGNORECASE)
    }
    wanted = PREFIXES if prefixes is None else prefixes
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in wanted.items() if p.lower() not in declared]
    return "\n".join([*missing, sparql]) if missing else sparql


def _parse_result(resp: _Response, url: str) -> Result:
    ctype = resp.content_type
    try:
        if ctype == "application/sparql-results+json":
            return Result.parse(io.BytesIO(resp.body), format="json")
        if ctype in _GRAPH_FORMATS:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=resp.body, format=_GRAPH_FORMATS[ctype])
            return result
    except Exception as err:  # the server sent something its content type does not parse as
        raise StoreError(f"{url}: unreadable {ctype} results: {err}") from None
    raise StoreError(f"{url}: unexpected result type {ctype or 'none'!r}")


def open_sparql_sink(
    url: str,
    query_url: str | None = None,
    update_url: str | None = None,
    *,
    store_url: str | None = None,
    batch_triples: int = 50_000,
    retries: int = 3,
    timeout: float = 60,
    backoff: float = 0.5,
) -> SparqlServerSink:
    """Open a SPARQL 1.1 server as the store of a build and check that it answers.

    Parameters
    ----------
    url : str
        ``sparql:URL`` or ``URL``: the server's base or dataset address.
    query_url, update_url, store_url : str, optional
        Explicit endpoints; otherwise found by the Oxigraph, Fuseki and GraphDB conventions.
    batch_triples : int
        Most triples per write request (default 50,000).
    retries : int
        Retries of a transiently failed request (default 3).
    timeout : float
        Seconds per request (default 60).
    backoff : float
        Seconds before the first retry, doubled each time (default 0.5).

    Returns
    -------
    SparqlServerSink

    Raises
    ------
    StoreError
        The address is not http(s), or no query endpoint answers.

    Examples
    --------
    >>> with open_sparql_sink("sparql:http://127.0.0.1:7878") as sink:  # doctest: +SKIP
    ...     sink.replace_document(doc_id, document_graph(ds, doc_id))
    """
    sink = SparqlServerSink(
        url,
        query_url,
        update_url,
        store_url,
        batch_triples=batch_triples,
        retries=retries,
        timeout=timeout,
        backoff=backoff,
    )
    sink.query_url  # noqa: B018  (probe now: fail early, before any document is parsed)
    return sink


class ServerStore:
    """A SPARQL server seen through the query API of a ``pyoxigraph.Store``.

    :mod:`graphbuilder.store.query` (ad-hoc and named queries, parameter resolution, result
    formats) calls ``store.query(text, prefixes=..., use_default_graph_as_union=...)`` and
    ``store.update(text, prefixes=...)``; this class answers those calls over HTTP with the
    same pyoxigraph result types, so every query feature works on a server unchanged.

    Parameters
    ----------
    sink : SparqlServerSink
        The server connection (endpoints, retries, time-out).
    """

    def __init__(self, sink: SparqlServerSink):
        self.sink = sink

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        **options,
    ):
        """Run a query; return ``QuerySolutions``, ``QueryBoolean`` or a list of ``Triple``.

        Raises
        ------
        SyntaxError
            The server rejected the query (HTTP 400).
        StoreError
            The server cannot be reached or failed.
        """
        import pyoxigraph as ox

        unsupported = sorted(k for k, v in options.items() if v is not None)
        if unsupported:
            raise StoreError(f"{self.sink.url}: {', '.join(unsupported)} not supported on a server")
        text = _with_prefixes(query, prefixes or {})
        resp = self.sink._post_query(
            text,
            union=use_default_graph_as_union,
            accept="application/sparql-results+json, application/n-triples;q=0.9",
        )
        ctype = resp.content_type
        try:
            if ctype == "application/sparql-results+json":
                return ox.parse_query_results(resp.body, format=ox.QueryResultsFormat.JSON)
            if ctype in _GRAPH_FORMATS:
                fmt = ox.RdfFormat.TURTLE if ctype == "text/turtle" else ox.RdfFormat.N_TRIPLES
                return [quad.triple for quad in ox.parse(resp.body, format=fmt)]
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"{self.sink.query_url}: unreadable {ctype} results: {err}") from None
        raise StoreError(f"{self.sink.query_url}: unexpected result type {ctype or 'none'!r}")

    def update(self, update: str, *, prefixes: dict[str, str] | None = None) -> None:
        """Run a SPARQL Update on the server (HTTP 400 raises SyntaxError)."""
        try:
            self.sink.update(_with_prefixes(update, prefixes or {}))
        except _HTTPFailure as err:
            if err.status == 400:
                raise SyntaxError(f"the SPARQL server rejected the update: {err}") from None
            raise


def open_server_store(
    url: str,
    query_url: str | None = None,
    update_url: str | None = None,
    *,
    timeout: float = 60,
    retries: int = 3,
) -> ServerStore:
    """Open a SPARQL server for :mod:`graphbuilder.store.query` (see :class:`ServerStore`).

    Raises
    ------
    StoreError
        The address is not http(s), or no query endpoint answers.
    """
    return ServerStore(
        open_sparql_sink(url, query_url, update_url, retries=retries, timeout=timeout)
    )


def run_query_on_server(
    url: str,
    sparql: str,
    *,
    bindings: dict[str, object] | None = None,
    allow_update: bool = False,
    timeout: float | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
):
    """Run one SPARQL query on a server (``graphbuilder query sparql:URL "SELECT ..."``).

    The same as :func:`graphbuilder.store.query.run_query` on a local store: vocabulary
    prefixes predeclared, the union of the documents' graphs as default graph, updates refused
    unless ``allow_update``.

    Parameters
    ----------
    url : str
        ``sparql:URL`` or ``URL`` (base or dataset address).
    sparql : str
        The query.
    bindings : dict of str to pyoxigraph term, optional
        Values bound in a ``VALUES`` block (see :func:`graphbuilder.store.query.run_query`).
    allow_update : bool
        Run a SPARQL Update.
    timeout : float, optional
        Seconds before giving up (default: 60 per HTTP request).
    query_url, update_url : str, optional
        Endpoints, when not found by convention.

    Returns
    -------
    graphbuilder.store.query.QueryResult

    Raises
    ------
    QueryError
        The server rejected the query (syntax), an update was not allowed, or time-out.
    StoreError
        The server cannot be reached or failed.
    """
    from graphbuilder.store.query import run_query

    store = open_server_store(url, query_url, update_url, timeout=timeout or 60)
    return run_query(store, sparql, bindings=bindings, allow_update=allow_update, timeout=timeout)


def run_named_query_on_server(
    url: str,
    name: str,
    params: dict[str, str] | None = None,
    *,
    timeout: float | None = None,
    folder=None,
    query_url: str | None = None,
):
    """Run a named query of ``queries/`` on a server (``graphbuilder query sparql:URL NAME``).

    Parameters
    ----------
    url : str
        ``sparql:URL`` or ``URL``.
    name : str
        e.g. ``"stances-of"``.
    params : dict of str to str, optional
        e.g. ``{"entity": "Pashinyan"}``; resolved by label or alias on the server's data.
    timeout : float, optional
        Seconds.
    folder : pathlib.Path, optional
        Another folder of ``.rq`` files.
    query_url : str, optional
        The query endpoint, when not found by convention.

    Returns
    -------
    graphbuilder.store.query.QueryResult

    Raises
    ------
    QueryError
        Unknown query, bad or missing parameter, rejected query, time-out.
    StoreError
        The server cannot be reached or failed.
    """
    from graphbuilder.store.query import run_named_query

    store = open_server_store(url, query_url, timeout=timeout or 60)
    return run_named_query(store, name, params, timeout=timeout, folder=folder)
