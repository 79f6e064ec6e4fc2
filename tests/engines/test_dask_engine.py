"""The Dask engine: a LocalCluster of 2 workers gives the same graph as the local build.

One cluster serves the whole module (each worker loads the real spaCy pipeline once, which is
most of this module's time); the texts are short news items written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from graphbuilder.build import extract_documents
from graphbuilder.engines.dask_engine import (
    DaskExecutor,
    local_cluster,
    partition_paths,
)
from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset
from graphbuilder.resolve.merge import merge_documents

pytestmark = pytest.mark.slow

TEXTS = {
    "astana.txt": (
        "Kazakh President Kassym-Jomart Tokayev hosted Russian President Vladimir Putin in "
        "Astana on Monday. Tokayev said Kazakhstan supports the Collective Security Treaty "
        "Organization and welcomed closer cooperation with Moscow."
    ),
    "yerevan.txt": (
        "Armenian Prime Minister Nikol Pashinyan criticized the CSTO for failing to respond to "
        "attacks on Armenia. Pashinyan refused to sign the final declaration of the summit."
    ),
    "kabul.txt": (
        "UN Secretary-General Antonio Guterres condemned the Taliban's ban on secondary "
        "education for girls in Afghanistan. Guterres urged the Taliban to reopen the schools."
    ),
    "bishkek.txt": (
        "Kyrgyz President Sadyr Japarov met Uzbek President Shavkat Mirziyoyev in Bishkek. "
        "Japarov praised the border agreement between Kyrgyzstan and Uzbekistan."
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("news")
    paths = []
    for name, text in TEXTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        paths.append(folder / name)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    paths.insert(2, empty)
    return paths


@pytest.fixture(scope="module")
def scheduler():
    """Address of a LocalCluster with 2 worker processes (the engine's own cluster helper)."""
    with local_cluster(n_workers=2) as address:
        yield address


@pytest.fixture(scope="module")
def local_result(corpus, nlp):
    return extract_documents(corpus, nlp=nlp)


def _graph(records):
    entities, merged = merge_documents(records)
    return dataset_to_graph(records_to_dataset(merged, entities))


def test_partitions_are_contiguous_and_cover_the_input():
    paths = [Path(f"{i}.txt") for i in range(7)]
    parts = partition_paths(paths, 3)
    assert [len(p) for p in parts] == [3, 2, 2]
    assert [p for part in parts for p in part] == paths
    assert partition_paths(paths[:2], 5) == [[paths[0]], [paths[1]]]


def test_dask_build_equals_local_build(corpus, scheduler, local_result):
    records, problems = extract_documents(corpus, executor=DaskExecutor(scheduler=scheduler))
    local_records, local_problems = local_result
    assert [r.article.source for r in records] == [r.article.source for r in local_records]
    assert problems == local_problems
    assert len(problems) == 1 and "empty.txt" in problems[0]
    graph, local_graph = _graph(records), _graph(local_records)
    assert len(graph) == len(local_graph) > 100
    assert isomorphic(graph, local_graph)


def test_graph_does_not_depend_on_the_partitions(corpus, scheduler, local_result):
    seen = []
    executor = DaskExecutor(scheduler=scheduler, partitions=len(corpus))
    records, problems = extract_documents(corpus, executor=executor, progress=seen.append)
    assert isomorphic(_graph(records), _graph(local_result[0]))
    assert sorted(p.index for p in seen) == list(range(1, len(corpus) + 1))
    assert sum(p.problem is not None for p in seen) == 1
    read = {str(p) for p in corpus if p.stat().st_size}
    assert {p.source for p in seen if p.problem is None} == read


def test_serial_two_workers_and_dask_builds_give_one_graph(corpus, scheduler, nlp, tmp_path):
    from rdflib import Graph

    from graphbuilder.build import build

    runs = {
        "serial": {"nlp": nlp},
        "jobs2": {"n_process": 2},
        "dask": {"engine": "dask", "scheduler": scheduler},
    }
    graphs, summaries = {}, {}
    for name, options in runs.items():
        summaries[name] = build(corpus, tmp_path / name, view=False, **options)
        graphs[name] = Graph().parse(tmp_path / name / "graph.ttl")
    assert len(graphs["serial"]) == summaries["serial"].triples > 100
    for name in ("jobs2", "dask"):
        assert isomorphic(graphs[name], graphs["serial"]), name
        assert summaries[name].skipped == summaries["serial"].skipped
        assert (summaries[name].documents, summaries[name].added) == (4, 4)
        assert summaries[name].words == summaries["serial"].words > 50
