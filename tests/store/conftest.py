"""Fixtures: the example graph (hand-made records -> records_to_dataset) in Oxigraph stores."""

from __future__ import annotations

import pytest

from graphbuilder.rdf.io import write_dataset, write_turtle
from graphbuilder.store.oxigraph import load_file_into_store, load_into_store, open_store


@pytest.fixture(scope="session")
def graph_files(tmp_path_factory, example_dataset):
    folder = tmp_path_factory.mktemp("graphs")
    return {
        "ttl": write_turtle(example_dataset, folder / "graph.ttl"),
        "trig": write_dataset(example_dataset, folder / "graph.trig"),
    }


@pytest.fixture()
def memory_store(example_dataset):
    store = open_store()
    load_into_store(store, example_dataset)
    return store


@pytest.fixture()
def disk_store(tmp_path, graph_files):
    store = open_store(tmp_path / "oxigraph")
    load_file_into_store(store, graph_files["trig"])
    return store
