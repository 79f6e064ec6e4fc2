"""Named queries on the synthetic graph at 1,033,446 triples, in memory and on disk (issue 15).

``.venv/bin/python benchmarks/named_queries_1m.py WORK`` writes the synthetic graph of
:func:`benchmarks.run.synthetic_records` (14,000 documents) to ``WORK/graph.nq`` and an on-disk
store ``WORK/kg`` once, then prints the median ms of 5 runs (after one warm-up) of each named
query with its parameters set as ``benchmarks/run.py --query-params typical`` sets them
(optional entities: the entity of median document count of its class; required ones: the
hubs "Person 0" and "Country 0"; documents: the first two), and the optional document of
``entities-by-documents`` set (one document, not the whole listing, which ``run.py`` times).
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


def prepare(work: Path) -> tuple[Path, Path]:
    """Write ``WORK/graph.nq`` (named graphs and their union) and ``WORK/kg`` once."""
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


def main(work: Path) -> None:
    import pyoxigraph as ox

    from graphbuilder.store.query import list_named_queries, run_named_query

    work.mkdir(parents=True, exist_ok=True)
    nq, kg = prepare(work)
    disk = ox.Store.read_only(str(kg))
    memory = ox.Store()
    memory.load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    n = sum(1 for _ in memory.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    typical = {cls: _median_entity(memory, cls) for cls in TYPICAL_CLASSES}
    docs = ["0000000000000000", "0000000000000001"]
    print(f"{n:,} distinct triples; typical entities {typical}")
    print("| query | memory ms | disk ms | rows | parameters |")
    print("|---|---|---|---|---|")
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
        cells = []
        for store in (memory, disk):
            times = []
            for _ in range(6):
                start = time.perf_counter()
                result = run_named_query(store, q.name, params)
                times.append(time.perf_counter() - start)
            cells.append(f"{statistics.median(times[1:]) * 1000:,.1f}")
        print(f"| {q.name} | {cells[0]} | {cells[1]} | {len(result.rows)} | {params} |", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/gb-queries-1m"))
