"""Fixtures: the example graph built through records_to_dataset from hand-made records.

``example`` and ``example_dataset`` are shared with ``tests/store`` (``tests/conftest.py``).
"""

from __future__ import annotations

import pytest

from graphbuilder.rdf.mapping import dataset_to_graph


@pytest.fixture(scope="session")
def example_graph(example_dataset):
    return dataset_to_graph(example_dataset)
