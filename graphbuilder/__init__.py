"""graphbuilder: a knowledge graph builder for news and opinion writing on international politics.

Reads articles, finds the leaders, states and organizations they name, the relations between
them and the stances they take, and writes an RDF graph whose every fact carries the document
and sentence it came from (see ``../shared/spec/vocabulary.md`` for the terms).

Nothing is loaded at import time; the pipeline is built by
:func:`graphbuilder.nlp.pipeline.load_pipeline`.
"""

__version__ = "0.1.0"
