"""Actors that are not names: the first person of a statement.

A first-person pronoun ("we", "I", "us") is a mention of whoever speaks:

- inside a direct quote (:mod:`graphbuilder.extract.quotes`, block quotes of "X said:"
  included), the quote's speaker: '"We will not allow X to ...," said the spokesman' is the
  spokesman's;
- outside quotes, in an institution's own statement (a press release: the article has a
  publisher, ``Article.publisher``, and no byline author), "we" / "us" is the publisher;
  "I" / "me" of a signed article is its author; in an unsigned one, "I" / "me" after a block
  quote ('Minister X said:' and a paragraph) is that quote's speaker: the statement goes on
  in the paragraphs after the one the quote reader takes (nothing marks its end, but an
  unsigned text has no other "I");
- otherwise it stays unresolved (an op-ed's "we" may be its author, the nation or the reader).

The referents are written into ``doc._.gb_token_entity`` before the stances are read, so every
extractor reads "we" like any other mention of that entity, and each becomes a ``pronoun``
mention (provenance of the entity in the text). These are the speaker and author readings
of first-person deixis (Fillmore 1975, *Santa Cruz Lectures on Deixis*; Levinson 1983,
*Pragmatics*, ch. 2): the first person refers to the producer of the utterance, and a
corporate author's "we" to that institution.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.extract.quotes import Quote, quote_of_token
from graphbuilder.nlp.extensions import sentence_index
from graphbuilder.records import Mention

SINGULAR = frozenset({"i", "me", "myself"})
PLURAL = frozenset({"we", "us", "ourselves"})
# possessives ("our security", "my country") are left to the phrase they are in: what they
# own is the speaker's side, never the other end of the speaker's stance ("We reject any
# interference in our affairs," X said of Y: the stance is toward Y)


def _is_first_person(tok: Token) -> bool:
    low = tok.lower_
    if low not in SINGULAR | PLURAL:
        return False
    if low == "us" and tok.text.isupper():
        return False  # "US": the country
    return tok.pos_ == "PRON" and tok.tag_ == "PRP"


def first_person_referents(doc: Doc, quotes: list[Quote]) -> dict[int, str]:
    """The entity each first-person pronoun of ``doc`` stands for.

    Parameters
    ----------
    doc : Doc
        After the linker (``doc._.gb_token_entity``, ``doc._.gb_author``,
        ``doc._.gb_publisher`` set).
    quotes : list of Quote
        From :func:`graphbuilder.extract.quotes.find_quotes`.

    Returns
    -------
    dict of int to str
        Token index -> entity key, for pronouns not already in a mention: the quote's speaker
        inside a quote with a known speaker; outside quotes, the publisher for "we"/"us" when
        the article has a publisher and no author, the author for "I"/"me" when it has one,
        else the speaker of the last block quote before it.
        Possessives ("our", "my") are not resolved.
    """
    qindex = quote_of_token(quotes)
    author = doc._.gb_author
    publisher = doc._.gb_publisher
    known = doc._.gb_token_entity or {}
    blocks = sorted((q for q in quotes if q.how == "block" and q.speaker), key=lambda q: q.start)
    out: dict[int, str] = {}
    for tok in doc:
        if tok.i in known or not _is_first_person(tok):
            continue
        q = qindex.get(tok.i)
        if q is not None:
            if q.speaker and q.how != "scare":
                out[tok.i] = q.speaker
            continue
        if tok.lower_ in PLURAL:
            if publisher and not author:
                out[tok.i] = publisher
        elif author:
            out[tok.i] = author
        else:
            speaker = _block_speaker_before(blocks, tok.idx)
            if speaker:
                out[tok.i] = speaker
    return out


def _block_speaker_before(blocks: list[Quote], char: int) -> str | None:
    """The speaker of the last block quote ("X said:" and a paragraph) that ends before
    character ``char``, None when there is none."""
    speaker = None
    for q in blocks:
        if q.end <= char:
            speaker = q.speaker
    return speaker


def resolve_first_person(doc: Doc, quotes: list[Quote]) -> dict[int, str]:
    """Write the referents of :func:`first_person_referents` onto the Doc: into
    ``doc._.gb_token_entity`` and as ``pronoun`` mentions in ``doc._.gb_mentions`` (each
    entity's mention count goes up by one).

    Parameters
    ----------
    doc : Doc
        As for :func:`first_person_referents`.
    quotes : list of Quote

    Returns
    -------
    dict of int to str
        The referents written.
    """
    refs = first_person_referents(doc, quotes)
    if not refs:
        return refs
    entities = doc._.gb_entities or {}
    refs = {i: k for i, k in refs.items() if k in entities}
    token_entity = dict(doc._.gb_token_entity or {})
    mentions = list(doc._.gb_mentions or [])
    for i, key in sorted(refs.items()):
        tok = doc[i]
        token_entity[i] = key
        mentions.append(
            Mention(
                text=tok.text,
                start=tok.idx,
                end=tok.idx + len(tok.text),
                entity=key,
                kind="pronoun",
                sentence=sentence_index(doc, i),
            )
        )
        entities[key].mentions += 1
    doc._.gb_token_entity = token_entity
    doc._.gb_mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.entity))
    return refs
