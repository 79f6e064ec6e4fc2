"""Why pyoxigraph's in-memory store is slower than its disk store here (issue 15).

``.venv/bin/python benchmarks/memory_layout.py WORK`` reads ``WORK/graph.nq`` and ``WORK/kg``
written by ``benchmarks/named_queries_1m.py`` and times, on three stores (in memory with the
named graphs and their union; in memory with the union alone; on disk), one pattern with
subject and predicate bound (the label of the hub entity "Person 0") and three named queries.
The in-memory store has no combined index: a two-term pattern walks every quad of its
subject (or object) in every graph (see ``graphbuilder.store.oxigraph.union_only``).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _ms(call, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(work: Path) -> None:
    import pyoxigraph as ox

    from graphbuilder.rdf.namespaces import PREFIXES
    from graphbuilder.store.oxigraph import union_only
    from graphbuilder.store.query import run_named_query

    nq = str(work / "graph.nq")
    stores = {"memory": ox.Store(), "memory-union": ox.Store()}
    stores["memory"].load(path=nq, format=ox.RdfFormat.N_QUADS)
    stores["memory-union"].extend(union_only(ox.parse(path=nq, format=ox.RdfFormat.N_QUADS)))
    stores["disk"] = ox.Store.read_only(str(work / "kg"))
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    find = 'SELECT ?e WHERE { ?e rdfs:label "Person 0"@en }'
    hub = next(iter(stores["disk"].query(find, prefixes=PREFIXES)))["e"]
    cases = [
        ("stances-of", {"entity": "Person 0"}),
        ("members-of", {"organization": "Organization 50"}),
        ("document-diff", {"old": "0000000000000000", "new": "0000000000000001"}),
    ]
    print("| measure | " + " | ".join(f"{s} ms" for s in stores) + " |")
    print("|---|" + "---|" * len(stores))
    cells = []
    for store in stores.values():
        pattern = (hub, label, None, ox.DefaultGraph())
        cells.append(f"{_ms(lambda s=store, p=pattern: list(s.quads_for_pattern(*p))):.2f}")
    print("| `<Person 0> rdfs:label ?l` | " + " | ".join(cells) + " |")
    for name, params in cases:
        cells = []
        for store in stores.values():
            ms = _ms(lambda s=store, n=name, p=params: run_named_query(s, n, p))
            cells.append(f"{ms:,.1f}")
        print(f"| {name} {params} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/gb-queries-1m"))
