"""Fixtures of the extraction tests: the lexicons and a Doc builder over the plain model."""

from __future__ import annotations

import pytest

from graphbuilder.extract.lexicon import load_lexicons
from tests.extract.helpers import make_doc


@pytest.fixture(scope="session")
def lexicons():
    return load_lexicons()


@pytest.fixture(scope="session")
def build(base_nlp):
    """``build(text, mentions, author=None)`` -> Doc with mentions mapped as the linker would."""

    def _build(text, mentions, author=None):
        return make_doc(base_nlp, text, mentions, author=author)

    return _build
