"""Fixtures: the example graph built through records_to_dataset from hand-made records."""

from __future__ import annotations

import pytest

from graphbuilder.rdf.example import example_records
from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset


@pytest.fixture(scope="session")
def example():
    """(docs, entities) of the two example documents."""
    return example_records()


@pytest.fixture(scope="session")
def example_dataset(example):
    docs, ents = example
    return records_to_dataset(docs, ents)


@pytest.fixture(scope="session")
def example_graph(example_dataset):
    return dataset_to_graph(example_dataset)
