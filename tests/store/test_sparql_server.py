"""A real Oxigraph server (``oxigraph serve``) as the store: write, query, rebuild, failures.

The server runs as a subprocess (``scripts/oxigraph-server.sh``, as the README starts it) on
127.0.0.1 with a temporary store for this module; the
documents are the two hand-made example documents mapped by ``records_to_dataset``.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graphbuilder.errors import QueryError, StoreError
from graphbuilder.rdf.example import example_records
from graphbuilder.rdf.iris import graph_iri
from graphbuilder.rdf.mapping import (
    dataset_to_graph,
    document_graph,
    records_to_dataset,
    stance_summary_graph,
)
from graphbuilder.rdf.namespaces import GB
from graphbuilder.store.protocol import DocumentInfo, GraphSink
from graphbuilder.store.sparql_server import (
    SparqlServerSink,
    open_sparql_sink,
    run_named_query_on_server,
    run_query_on_server,
    server_url,
)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "oxigraph-server.sh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_cli() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server CLI is not installed (pip install '.[test]')")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of an Oxigraph server on 127.0.0.1 with a temporary on-disk store."""
    folder = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    log = (folder / "server.log").open("wb")
    _oxigraph_cli()  # skips when the server is not installed
    # The README's command: scripts/oxigraph-server.sh STORE_DIR HOST:PORT (exec's the server).
    proc = subprocess.Popen(
        ["bash", str(SCRIPT), str(folder / "db"), f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {(folder / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def example():
    docs, ents = example_records()
    return docs, ents, records_to_dataset(docs, ents)


@pytest.fixture()
def sink(server, example):
    """A sink on the server, holding exactly the two example documents."""
    docs, _ents, ds = example
    sink = open_sparql_sink(f"sparql:{server}")
    sink.update("DROP SILENT ALL")
    for rec in docs:
        sink.replace_document(rec.article.doc_id, document_graph(ds, rec.article.doc_id))
    yield sink
    sink.close()


_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _canonical(triples) -> set:
    """Triples with xsd:decimal literals compared by value (a store writes "0.900" as "0.9")."""
    out = set()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == _DECIMAL:
            o = ("decimal", Decimal(str(o)))
        out.add((s, p, o))
    return out


def _server_graph(sink: SparqlServerSink, doc_id: str) -> set:
    g = graph_iri(doc_id)
    result = sink.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    return _canonical(result.graph)


def _graph_names(sink: SparqlServerSink) -> set[str]:
    return {str(row.g) for row in sink.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")}


def test_endpoints_found_by_oxigraph_convention(sink, server):
    assert sink.query_url == f"{server}/query"
    assert sink.update_url == f"{server}/update"
    assert sink.store_url == f"{server}/store"
    assert sink.flavour == "oxigraph"


def test_explicit_endpoints_still_query_the_union(sink, server):
    explicit = SparqlServerSink(server, f"{server}/query", f"{server}/update")
    assert explicit.query("ASK { gbr:Q232 a gb:Country }").askAnswer is True
    assert explicit.flavour == "oxigraph"


def test_server_url_strips_scheme_and_rejects_other_addresses():
    assert server_url("sparql:http://127.0.0.1:7878/") == "http://127.0.0.1:7878"
    with pytest.raises(StoreError, match="not a SPARQL server address"):
        server_url("sparql:/data/store")


def test_each_document_is_its_own_named_graph(sink, example):
    docs, _ents, ds = example
    for rec in docs:
        doc_id = rec.article.doc_id
        local = document_graph(ds, doc_id)
        assert _server_graph(sink, doc_id) == _canonical(local)
        assert sink.count_triples(doc_id) == len(local)
    assert sink.count_triples() == sum(len(document_graph(ds, r.article.doc_id)) for r in docs)


def test_documents_lists_sha256_and_source(sink, example):
    docs, _ents, ds = example
    assert sink.documents() == {
        r.article.doc_id: DocumentInfo(r.article.doc_id, r.article.sha256, r.article.source)
        for r in docs
    }
    assert isinstance(sink, GraphSink)
    assert sink.name == f"sparql:{sink.url}"
    union = set()
    for r in docs:
        union |= _canonical(document_graph(ds, r.article.doc_id))
    # and the derived stance summaries (8 triples each: counts, and the strongest evidence;
    # a link to each stance counted, and one from a positive summary to its negative one),
    # computed at the flush over the documents' union
    summaries = stance_summary_graph(dataset_to_graph(ds))
    stances = len(set(summaries.objects(None, GB.summarizedStance)))
    links = len(set(summaries.subject_objects(GB.opposingSummary)))
    assert len(summaries) == 8 * len(set(summaries.subjects())) + stances + links
    assert (stances, links) == (6, 1)
    assert sink.flush() == len(union) + len(summaries)
    counts = sink.query("SELECT ?n WHERE { ?s gb:stanceCount ?n }")
    want = sorted(int(n) for n in summaries.objects(None, GB.stanceCount))
    assert sorted(int(r.n) for r in counts) == want


def test_queries_see_the_union_of_the_documents(sink, server):
    result = sink.query(
        "SELECT DISTINCT ?label WHERE { ?st gb:stanceType gb:Criticism ; gb:holder ?h . "
        "?h rdfs:label ?label } ORDER BY ?label"
    )
    assert [str(r.label) for r in result] == [
        "Jane O'Doe",
        "Kassym-Jomart Tokayev",
        "Nikol Pashinyan",
    ]
    assert sink.query("ASK { gbr:Q232 a gb:Country }").askAnswer is True
    counted = run_query_on_server(f"sparql:{server}", "SELECT (COUNT(*) AS ?n) { ?s a gb:Stance }")
    assert counted.values("n") == ["6"]


def test_named_query_runs_on_the_server(sink, server):
    result = run_named_query_on_server(f"sparql:{server}", "stances-of", {"entity": "Pashinyan"})
    assert result.kind == "select"
    assert "Pashinyan again criticized the CSTO." in result.values("evidence")
    assert len(result.rows) == 2
    assert set(result.values("stanceType")) == {"https://w3id.org/graphbuilder/ontology#Criticism"}


def test_query_command_runs_on_the_server(sink, server, capsys):
    from graphbuilder.cli import main

    with pytest.raises(SystemExit) as done:
        main(
            [
                "query",
                f"sparql:{server}",
                "--name",
                "stances-of",
                "-p",
                "entity=Pashinyan",
                "--format",
                "csv",
            ]
        )
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Pashinyan again criticized the CSTO." in out
    with pytest.raises(SystemExit) as done:
        main(["query", "--store", f"sparql:{server}", "ASK { gbr:Q232 a gb:Country }"])
    assert done.value.code == 0
    assert "true" in capsys.readouterr().out.lower()


def test_build_command_writes_into_the_server_with_explicit_endpoints(server, tmp_path, capsys):
    from pathlib import Path

    from graphbuilder.cli import main

    examples = Path(__file__).resolve().parents[2] / "examples"
    args = ["build", str(examples), "-o", str(tmp_path / "out"), "--store", f"sparql:{server}"]
    args += ["--query-url", f"{server}/query", "--update-url", f"{server}/update", "--no-view"]
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 0, capsys.readouterr().err
    result = run_query_on_server(
        f"sparql:{server}", "ASK { ?s gb:holder/rdfs:label 'Vladimir Putin'@en }"
    )
    assert result.boolean is True


def test_rejected_query_is_a_query_error(sink, server):
    with pytest.raises(QueryError, match="HTTP 400"):
        sink.query("SELEC ?x WHERE { ?x ?y ?z }")
    with pytest.raises(QueryError, match="syntax"):
        run_query_on_server(f"sparql:{server}", "SELECT WHERE {")


def test_rebuilding_one_document_replaces_exactly_its_triples(sink, example):
    docs, ents, ds = example
    first, second = docs
    before_second = _server_graph(sink, second.article.doc_id)
    # The first document, re-extracted: one stance dropped, a relation's confidence changed.
    changed = replace(
        first,
        stances=first.stances[:2],
        relations=[replace(first.relations[0], confidence=0.5), *first.relations[1:]],
    )
    new_graph = document_graph(records_to_dataset([changed], ents), first.article.doc_id)
    written = sink.replace_document(first.article.doc_id, new_graph)
    assert written == len(new_graph)
    assert _server_graph(sink, first.article.doc_id) == _canonical(new_graph)
    assert _server_graph(sink, second.article.doc_id) == before_second
    assert _graph_names(sink) == {str(graph_iri(r.article.doc_id)) for r in docs}
    stances = sink.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s a gb:Stance } }")
    assert int(next(iter(stances))[0]) == 5


def test_batches_are_bounded_and_add_up(server, example):
    docs, _ents, ds = example
    doc_id = docs[0].article.doc_id
    local = document_graph(ds, doc_id)
    sink = open_sparql_sink(server, batch_triples=7)
    batches = list(sink._batches(sorted(line + b"\n" for line in _nt_lines(local))))
    assert len(batches) == -(-len(local) // 7)
    assert all(batch.count(b"\n") <= 7 for batch in batches)
    sink.replace_document(doc_id, local)
    assert _server_graph(sink, doc_id) == _canonical(local)


@pytest.mark.parametrize("batch", [7, 50_000])
def test_sparql_update_writes_without_graph_store(server, example, batch):
    docs, _ents, ds = example
    doc_id = docs[1].article.doc_id
    local = document_graph(ds, doc_id)
    sink = SparqlServerSink(server, batch_triples=batch, use_graph_store=False)
    sink.replace_document(doc_id, Graph())  # an empty graph: the document's graph dropped
    assert sink.count_triples(doc_id) == 0
    assert sink.replace_document(doc_id, local) == len(local)
    assert sink.store_url is None
    assert _server_graph(sink, doc_id) == _canonical(local)


def _nt_lines(graph: Graph) -> list[bytes]:
    return [x for x in graph.serialize(format="nt", encoding="utf-8").split(b"\n") if x.strip()]


def test_rejected_batch_leaves_the_previous_graph(sink, example):
    docs, _ents, ds = example
    doc_id = docs[1].article.doc_id
    before = _server_graph(sink, doc_id)
    bad = Graph()
    for i in range(20):
        bad.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)))
    # A relative IRI: rdflib writes it, an N-Triples parser must refuse it.
    bad.add((URIRef("relative/iri"), URIRef("http://example.org/p"), Literal("x")))
    for batch in (5, 50_000):  # a temporary graph and MOVE, or one PUT
        small = open_sparql_sink(sink.url, batch_triples=batch, retries=0)
        with pytest.raises(StoreError, match=r"/store\?graph=.*HTTP 400"):
            small.replace_document(doc_id, bad)
        assert _server_graph(sink, doc_id) == before
    assert _graph_names(sink) == {str(graph_iri(r.article.doc_id)) for r in docs}


def test_remove_document_drops_only_its_graph(sink, example):
    docs, _ents, ds = example
    first, second = (r.article.doc_id for r in docs)
    sink.remove_document(first)
    assert sink.count_triples(first) == 0
    assert sink.count_triples(second) == len(document_graph(ds, second))
    assert set(sink.documents()) == {second}
    sink.remove_document(first)  # absent: nothing happens


class _Failing(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def _fail(self):
        type(self).requests.append(self.command)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"storage on fire")

    do_GET = do_POST = do_PUT = do_HEAD = _fail

    def log_message(self, *args):
        pass


@pytest.fixture()
def failing_server():
    _Failing.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_server_error_is_retried_then_reported(failing_server, example):
    docs, _ents, ds = example
    doc_id = docs[0].article.doc_id
    sink = SparqlServerSink(
        failing_server,
        f"{failing_server}/query",
        f"{failing_server}/update",
        f"{failing_server}/store",
        retries=2,
        backoff=0.01,
    )
    with pytest.raises(StoreError) as info:
        sink.replace_document(doc_id, document_graph(ds, doc_id))
    message = str(info.value)
    assert f"PUT {failing_server}/store?graph=" in message
    assert "HTTP 500 after 3 attempts: storage on fire" in message
    assert _Failing.requests.count("PUT") == 3


def test_unreachable_server_is_a_store_error():
    port = _free_port()
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}: no SPARQL server answers"):
        open_sparql_sink(f"sparql:http://127.0.0.1:{port}", retries=1, backoff=0.01)


def test_a_server_without_query_endpoint_is_named(failing_server):
    with pytest.raises(StoreError, match="no SPARQL query endpoint answers .*/query, .*/sparql"):
        open_sparql_sink(failing_server, retries=0)


def _default_graph(sink) -> set:
    """The server's default graph as it is (no union asked for)."""
    import json as _json

    resp = sink._post_query_raw("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    rows = _json.loads(resp.body.decode("utf-8"))["results"]["bindings"]
    return {(r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows}


def _union_of_graphs(sink) -> set:
    resp = sink._post_query_raw("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    import json as _json

    rows = _json.loads(resp.body.decode("utf-8"))["results"]["bindings"]
    return {(r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows}


def test_the_sink_keeps_its_own_deduplicated_union(sink, example):
    docs, ents, ds = example
    first, second = (r.article.doc_id for r in docs)
    union = _default_graph(sink)
    assert union == _union_of_graphs(sink) and sink.keeps_union()
    shared = [t for t in union if t[2] == "Kazakhstan"]  # an entity label both documents hold
    assert shared
    # a query counts a shared triple once: the default graph, not Oxigraph's bag union
    counted = sink.query('SELECT (COUNT(*) AS ?n) { gbr:Q232 rdfs:label "Kazakhstan"@en }')
    assert int(next(iter(counted))[0]) == 1
    changed = replace(docs[0], stances=docs[0].stances[:1])
    sink.replace_document(first, document_graph(records_to_dataset([changed], ents), first))
    assert _default_graph(sink) == _union_of_graphs(sink)
    sink.remove_document(first)
    assert _default_graph(sink) == _union_of_graphs(sink)
    assert len(_default_graph(sink)) == len(document_graph(ds, second))
    assert _graph_names(sink) == {str(graph_iri(second))}


def test_a_server_written_without_the_union_gets_it_on_the_next_write(sink, example):
    docs, _ents, ds = example
    sink.update("CLEAR DEFAULT")  # as an older graphbuilder left it: named graphs only
    assert not sink.keeps_union()
    assert sink.query("ASK { gbr:Q232 a gb:Country }").askAnswer is True  # the server's union
    first = docs[0].article.doc_id
    sink.replace_document(first, document_graph(ds, first))
    assert sink.keeps_union() and _default_graph(sink) == _union_of_graphs(sink)
