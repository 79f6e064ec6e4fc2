"""Where the project's data files live.

The knowledge base, the lexicons, the ontology, the SHACL shapes and the named queries are
data files in the repository (``ontology/``, ``queries/``), not Python literals. The package is
installed editable (``pip install -e .``), so they are found beside the package; the
``GRAPHBUILDER_HOME`` environment variable points elsewhere (a folder holding ``ontology/``
and ``queries/``).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_home() -> Path:
    """Return the folder that holds ``ontology/`` and ``queries/``.

    Returns
    -------
    pathlib.Path
        ``$GRAPHBUILDER_HOME`` when set, else the parent of the ``graphbuilder`` package.
    """
    env = os.environ.get("GRAPHBUILDER_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """Return ``ontology/``: the OWL ontology, SHACL shapes, ``kb/`` and ``lexicon/``."""
    return project_home() / "ontology"


def kb_dir() -> Path:
    """Return ``ontology/kb/``: the knowledge base data files."""
    return ontology_dir() / "kb"


def lexicon_dir() -> Path:
    """Return ``ontology/lexicon/``: stance cues, titles and other word lists."""
    return ontology_dir() / "lexicon"


def queries_dir() -> Path:
    """Return ``queries/``: the named SPARQL queries (``*.rq``)."""
    return project_home() / "queries"
