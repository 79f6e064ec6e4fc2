"""The scale-out rows of the benchmark (issue 9): Dask engine and loading into a SPARQL server.

One command: ``.venv/bin/python benchmarks/scale.py [--words N]``. On the same news corpus as
``benchmarks/run.py`` (``benchmarks/corpus.py``, made from ``../shared``), it times

- the local extraction (one process, pipeline load included, as the CLI runs it);
- ``--engine dask`` on a ``LocalCluster`` of 1 and 2 worker processes, cold (cluster start and
  each worker's pipeline load) and warm (pipelines already loaded);
- loading the document graphs into a real Oxigraph server (the ``oxigraph`` package's
  ``oxigraph serve`` on 127.0.0.1, a temporary store) through the Graph Store Protocol:
  first load and a rebuild that replaces every graph, in triples per second.

It writes ``benchmarks/results/<date>-vm-scale.md`` and ``.json`` with the machine's
description.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import news_documents, word_count, write_corpus  # noqa: E402
from benchmarks.run import machine  # noqa: E402


def _server(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = Path(sys.executable).parent / "oxigraph"
    proc = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("oxigraph serve did not answer within 30 s")


def run(words: int) -> dict:
    """Measure every row; return them with the machine's description."""
    from graphbuilder.build import extract_documents
    from graphbuilder.engines.dask_engine import DaskExecutor, local_cluster
    from graphbuilder.rdf.mapping import document_graph, records_to_dataset
    from graphbuilder.resolve.merge import merge_documents
    from graphbuilder.store.sparql_server import open_sparql_sink

    tmp = Path(tempfile.mkdtemp(prefix="gb-scale-"))
    paths = write_corpus(news_documents(words), tmp / "news")
    n_words = word_count(paths)
    rows: list[dict] = []

    def row(name: str, docs: int, seconds: float) -> None:
        rows.append(
            {
                "run": name,
                "documents": docs,
                "seconds": seconds,
                "docs_per_s": docs / seconds,
                "words_per_s": n_words / seconds,
                "load_average": os.getloadavg()[0],
            }
        )
        print(rows[-1], file=sys.stderr, flush=True)

    started = time.perf_counter()
    records, _ = extract_documents(paths)
    row("local, 1 process, pipeline load included", len(records), time.perf_counter() - started)
    for workers in (1, 2):
        started = time.perf_counter()
        with local_cluster(workers) as address:
            dask = DaskExecutor(scheduler=address)
            done, _ = extract_documents(paths, executor=dask)  # workers load spaCy
            warm_start = time.perf_counter()
            done, _ = extract_documents(paths, executor=dask)
            warm = time.perf_counter() - warm_start
        total = time.perf_counter() - started
        row(
            f"dask, {workers} worker(s), cold (cluster start, pipeline loads)",
            len(done),
            total - warm,
        )
        row(f"dask, {workers} worker(s), warm (pipelines loaded)", len(done), warm)

    entities, merged = merge_documents(records)
    dataset = records_to_dataset(merged, entities)
    graphs = [(r.article.doc_id, document_graph(dataset, r.article.doc_id)) for r in merged]
    triples = sum(len(g) for _, g in graphs)
    loads = []
    proc, url = _server(tmp / "db")
    try:
        sink = open_sparql_sink(f"sparql:{url}")
        for label in ("first load", "rebuild, every graph replaced"):
            started = time.perf_counter()
            for doc_id, graph in graphs:
                sink.replace_document(doc_id, graph)
            seconds = time.perf_counter() - started
            loads.append(
                {
                    "run": f"Oxigraph server, {label}",
                    "graphs": len(graphs),
                    "triples": triples,
                    "seconds": seconds,
                    "triples_per_s": triples / seconds,
                }
            )
            print(loads[-1], file=sys.stderr, flush=True)
        sink.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return {"machine": machine(), "words": n_words, "extraction": rows, "loading": loads}


def report(res: dict) -> str:
    """The results as Markdown."""
    m = res["machine"]
    lines = [
        f"# graphbuilder scale-out benchmark, {date.today().isoformat()}",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']}; Python {m['python']}; "
        f"load average at start {tuple(round(x, 2) for x in m['load_average_at_start'])}.",
        f"Command: `.venv/bin/python benchmarks/scale.py --words {res['words_requested']}`.",
        "",
        f"## Extraction: local and Dask ({res['words']:,} words)",
        "",
        "| run | documents | s | docs/s | words/s | load average |",
        "|---|---|---|---|---|---|",
    ]
    for r in res["extraction"]:
        lines.append(
            f"| {r['run']} | {r['documents']} | {r['seconds']:.1f} | {r['docs_per_s']:.2f} | "
            f"{r['words_per_s']:,.0f} | {r['load_average']:.2f} |"
        )
    lines += [
        "",
        "## Loading into an Oxigraph server (Graph Store Protocol, one named graph per document)",
        "",
        "| run | graphs | triples | s | triples/s |",
        "|---|---|---|---|---|",
    ]
    for r in res["loading"]:
        lines.append(
            f"| {r['run']} | {r['graphs']} | {r['triples']:,} | {r['seconds']:.1f} | "
            f"{r['triples_per_s']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    res = run(args.words)
    res["words_requested"] = args.words
    stem = args.results / f"{date.today().isoformat()}-vm-scale"
    args.results.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(report(res), encoding="utf-8")
    print(report(res))


if __name__ == "__main__":
    main()
