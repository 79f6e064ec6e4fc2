"""Quotes and their speakers."""

from __future__ import annotations

from graphbuilder.extract.quotes import find_quotes

M = [("Tokayev", "person/tokayev", "Person"), ("he", "person/tokayev", "Person")]


def test_speaker_after_quote(build, lexicons):
    doc = build("“We will defend the borders of our states,” said Tokayev.", M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert q.text == "We will defend the borders of our states,"
    assert (q.speaker, q.how, q.speech) == ("person/tokayev", "after", True)


def test_speaker_pronoun_after_quote(build, lexicons):
    doc = build("Tokayev spoke first.\n\n“Negotiations are not going well,” he concluded.", M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert (q.speaker, q.how) == ("person/tokayev", "after")


def test_speaker_next_paragraph(build, lexicons):
    doc = build("The summit ended.\n\n“We will defend our borders.”\n\nTokayev said this.", M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert (q.speaker, q.how) == ("person/tokayev", "next-paragraph")


def test_quote_running_into_next_quote_shares_speaker(build, lexicons):
    doc = build("“We responded promptly. “We will defend our borders,” said Tokayev.", M)
    q1, q2 = find_quotes(doc, lexicons.reporting)
    assert (q1.speaker, q1.how) == ("person/tokayev", "continuation")
    assert (q2.speaker, q2.how) == ("person/tokayev", "after")


def test_scare_quote_has_no_speaker(build, lexicons):
    doc = build("Tokayev cited the “international community” again.", M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert (q.speech, q.speaker, q.how) == (False, None, "scare")


def test_unmarked_paragraph_after_said_colon_is_a_block_quote(build, lexicons):
    text = "Tokayev said:\n\nWe will defend our borders.\n\nThe summit ended on Friday."
    doc = build(text, M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert (q.text, q.speaker, q.how, q.speech) == (
        "We will defend our borders.",
        "person/tokayev",
        "block",
        True,
    )
    # control: a colon after no verb of saying introduces no speech
    doc = build("The agenda included:\n\nWe will defend our borders.", M)
    assert find_quotes(doc, lexicons.reporting) == []
    # a marked quote after the colon is read by its marks, once
    doc = build("Tokayev said:\n\n“We will defend our borders.”", M)
    (q,) = find_quotes(doc, lexicons.reporting)
    assert (q.speaker, q.how != "block") == ("person/tokayev", True)


def test_quote_after_the_attribution_sentence_shares_its_speaker(build, lexicons):
    doc = build(
        "“We will defend the borders,” said Tokayev, the president. “We will not yield.”", M
    )
    first, second = find_quotes(doc, lexicons.reporting)
    assert (first.speaker, first.how) == ("person/tokayev", "after")
    assert (second.speaker, second.how) == ("person/tokayev", "continuation")


def test_quote_in_the_next_paragraph_after_an_attribution_is_not_continued(build, lexicons):
    # control: a new paragraph after "said X." may open another speaker's quote
    doc = build(
        "“We will defend the borders,” said Tokayev, the president.\n\n"
        "“We will not yield to anyone.”\n\nThe talks ended.",
        M,
    )
    first, second = find_quotes(doc, lexicons.reporting)
    assert first.speaker == "person/tokayev"
    assert second.speaker is None
