"""First-person holders (:mod:`graphbuilder.extract.holders`), on sentences written for the
tests, run through the real pipeline: "we" in a quote is its speaker, in an institution's own
statement its publisher; negated and control forms beside each."""

from __future__ import annotations

import hashlib

from graphbuilder.nlp.run import process_articles
from graphbuilder.records import Article


def _run(nlp, text, *, author=None, publisher=None):
    art = Article(
        source="test.html",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        date="2024-01-01",
        author=author,
        publisher=publisher,
    )
    [(_, doc)] = list(process_articles(nlp, [art]))
    return doc


def _stances(doc):
    ents = doc._.gb_entities
    return {
        (ents[s.holder].label, ents[s.target].label, s.polarity, s.attribution)
        for s in doc._.gb_stances
    }


def _pronouns(doc):
    ents = doc._.gb_entities
    return [(m.text, ents[m.entity].label) for m in doc._.gb_mentions if m.kind == "pronoun"]


def test_we_in_a_quote_is_the_speaker(nlp):
    doc = _run(nlp, '"We strongly condemn Armenia," said Hikmet Hajiyev, an Azerbaijani aide.')
    assert ("Hikmet Hajiyev", "Armenia", "Negative", "DirectQuote") in _stances(doc)
    assert ("We", "Hikmet Hajiyev") in _pronouns(doc)


def test_negated_we_in_a_quote_gives_no_condemnation(nlp):
    doc = _run(nlp, '"We do not condemn Armenia," said Hikmet Hajiyev, an Azerbaijani aide.')
    assert not any(s.stance_type == "Condemnation" for s in doc._.gb_stances)


def test_we_in_a_press_release_is_the_publisher(nlp):
    text = "We condemn the Taliban for the attack on the school in Kunduz."
    doc = _run(nlp, text, publisher="Ministry of Foreign Affairs of Estonia")
    ents = doc._.gb_entities
    publisher = ents[doc._.gb_publisher]
    assert publisher.label == "Ministry of Foreign Affairs of Estonia"
    assert publisher.cls == "Organization"
    found = _stances(doc)
    assert (publisher.label, "Taliban", "Negative", "AuthorOpinion") in found
    assert ("We", publisher.label) in _pronouns(doc)


def test_we_without_a_publisher_stays_unresolved(nlp):
    doc = _run(nlp, "We condemn the Taliban for the attack on the school in Kunduz.")
    assert doc._.gb_publisher is None
    assert _pronouns(doc) == []
    assert doc._.gb_stances == []


def test_we_of_a_signed_article_is_not_the_publisher(nlp):
    # an op-ed's "we" may be its author, the nation or the reader: left alone
    text = "We condemn the Taliban for the attack on the school in Kunduz."
    doc = _run(nlp, text, author="Maria Lind", publisher="The Baltic Times")
    assert not any(label == "The Baltic Times" for _, label in _pronouns(doc))


def test_i_of_a_signed_article_is_its_author(nlp):
    doc = _run(nlp, "I strongly criticize Hungary for its veto.", author="Maria Lind")
    assert ("Maria Lind", "Hungary", "Negative", "AuthorOpinion") in _stances(doc)


def test_us_the_country_is_not_a_pronoun(nlp):
    text = '"The US must lift the sanctions," said Hikmet Hajiyev, an Azerbaijani aide.'
    doc = _run(nlp, text)
    assert ("US", "Hikmet Hajiyev") not in _pronouns(doc)


def test_i_after_a_block_quote_is_its_speaker_in_an_unsigned_text(nlp):
    text = (
        "Ministers met on Monday.\n\nSpeaking today, Minister Jane Doe said:\n\n"
        "I welcome the plan of Kenya.\n\n"
        "We are proud of our work. I condemn the attack by Uganda.\n"
    )
    doc = _run(nlp, text, publisher="Ministry of Foreign Affairs")
    held = {(h, t, p) for h, t, p, _ in _stances(doc)}
    assert ("Jane Doe", "Kenya", "Positive") in held
    assert ("Jane Doe", "Uganda", "Negative") in held  # the paragraph after the block quote


def test_i_without_a_block_quote_or_of_a_signed_text_is_not_the_quoted_speaker(nlp):
    doc = _run(nlp, "Ministers met on Monday. I condemn the attack by Uganda.")
    assert _stances(doc) == set()
    text = (
        "Speaking today, Minister Jane Doe said:\n\nI welcome the plan of Kenya.\n\n"
        "I condemn the attack by Uganda.\n"
    )
    doc = _run(nlp, text, author="John Roe")
    assert ("Jane Doe", "Uganda", "Negative") not in {s[:3] for s in _stances(doc)}
