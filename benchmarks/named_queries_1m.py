"""Named queries on the synthetic graph at ~1.03M triples, in memory and on disk (issue 15).

``.venv/bin/python benchmarks/named_queries_1m.py WORK`` writes the synthetic graph of
:func:`benchmarks.run.synthetic_records` (14,000 documents, with the derived stance
summaries that :func:`graphbuilder.store.oxigraph.rebuild_union_graph` computes) to
``WORK/graph.nq`` and an on-disk store ``WORK/kg`` once, then prints the median ms of 5 runs
(after one warm-up; a single run when the warm-up takes over 10 s) of each named query:

* with its parameters set as ``benchmarks/run.py --only queries`` set its optional ones
  (optional entities: the entity of median document count of its class; required ones: the
  hubs "Person 0" and "Country 0"; documents: the first two), and the optional document of
  ``entities-by-documents`` set: the whole answer, and its first page (``limit=100``);
* with the hub entity of its class as its first optional entity parameter (the others
  unset): the whole answer and its first page;
* with no parameter where all are optional (a listing of the whole graph): its first page.

Three stores: ``disk`` (RocksDB, named graphs and their union), ``memory`` (``pyoxigraph.Store()``
holding the same quads) and ``memory-union`` (in memory, the union alone, as ``graphbuilder
query GRAPH_FILE`` and :func:`graphbuilder.api.query` now load a file or dataset for queries
that read no named graph).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import (  # noqa: E402
    TYPICAL_CLASSES,
    TYPICAL_PARAMS,
    _median_entity,
    _quads,
    synthetic_records,
)

PAGE = 100
#: the entity of most documents of each class (the skewed choice of synthetic_records)
HUBS = {"Person": "Person 0", "Country": "Country 0", "Organization": "Organization 0"}
SLOW = 10.0  # seconds: a warm-up slower than this is not repeated


def prepare(work: Path) -> tuple[Path, Path]:
    """Write ``WORK/graph.nq`` (named graphs, their union, the summaries) and ``WORK/kg``."""
    import pyoxigraph as ox

    from graphbuilder.store.oxigraph import rebuild_union_graph

    nq, kg = work / "graph.nq", work / "kg"
    if not nq.exists():
        records, entities = synthetic_records(14000)
        store = ox.Store()
        store.extend(list(_quads(records, entities)))
        rebuild_union_graph(store)
        store.dump(output=str(nq), format=ox.RdfFormat.N_QUADS)
    if not kg.exists():
        disk = ox.Store(str(kg))
        disk.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        disk.flush()
        disk.optimize()
        del disk
    return nq, kg


def timed(store, name: str, params: dict, limit: int | None) -> tuple[float, int]:
    """Median ms of 5 runs after a warm-up (the warm-up alone when it is slow), and rows."""
    from graphbuilder.store.query import run_named_query

    start = time.perf_counter()
    result = run_named_query(store, name, params, limit=limit)
    first = time.perf_counter() - start
    if first > SLOW:
        return first * 1000, len(result.rows)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = run_named_query(store, name, params, limit=limit)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(result.rows)


def main(work: Path) -> None:
    import pyoxigraph as ox

    from graphbuilder.store.oxigraph import union_only
    from graphbuilder.store.query import list_named_queries

    work.mkdir(parents=True, exist_ok=True)
    nq, kg = prepare(work)
    stores = {
        "memory": ox.Store(),
        "memory-union": ox.Store(),
        "disk": ox.Store.read_only(str(kg)),
    }
    stores["memory"].load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    stores["memory-union"].extend(union_only(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)))
    memory = stores["memory"]
    n = sum(1 for _ in memory.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    typical = {cls: _median_entity(memory, cls) for cls in TYPICAL_CLASSES}
    docs = ["0000000000000000", "0000000000000001"]
    print(f"{n:,} distinct triples; typical entities {typical}")
    cases = []
    for q in list_named_queries():
        params = {}
        for p in q.params:
            if p.optional and p.kind == "entity":
                params[p.name] = typical[TYPICAL_PARAMS.get(p.name, "Person")]
            elif p.kind == "document":
                params[p.name] = docs[0] if p.name == "old" else docs[1]
            elif p.name in ("country", "target"):
                params[p.name] = "Country 0"
            else:
                params[p.name] = "Person 0"
        cases.append((q.name, params, None))
        cases.append((q.name, params, PAGE))
        optional = [p for p in q.params if p.optional and p.kind == "entity"]
        if optional:  # the hub entity as the first optional parameter, the others unset
            hub = HUBS[TYPICAL_PARAMS.get(optional[0].name, "Person")]
            cases.append((q.name, {optional[0].name: hub}, None))
            cases.append((q.name, {optional[0].name: hub}, PAGE))
        if all(p.optional for p in q.params):
            cases.append((q.name, {}, PAGE))
    head = " | ".join(f"{s} ms" for s in stores)
    print(f"| query | parameters | rows asked | {head} | rows |")
    print("|---|---|---|" + "---|" * len(stores) + "---|")
    for name, params, limit in cases:
        cells, rows = [], 0
        for store in stores.values():
            ms, rows = timed(store, name, params, limit)
            cells.append(f"{ms:,.1f}")
        asked = "all" if limit is None else f"first {limit}"
        shown = ", ".join(f"{k}={v}" for k, v in params.items()) or "(none: whole graph)"
        print(f"| {name} | {shown} | {asked} | {' | '.join(cells)} | {rows} |", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/gb-queries-1m"))
