"""Direct quotes and their speakers.

A quote is text between quotation marks (“…”, «…», "…"). Its speaker is found, in this order:

1. ``after``: a verb of saying after the closing mark in the same sentence
   ("“…,” said Kassym-Jomart Tokayev.", "“…,” he noted.");
2. ``before``: a verb of saying before the opening mark in the same sentence
   ("Tokayev said: “…”", "he did not hide the fact that “…”");
3. ``continuation``: the quote runs straight into another quote (only spaces between),
   follows in the same paragraph the sentence that attributed the quote before it
   ("“…,” said Tokayev. “…”"), or reopens in the next paragraph, and shares its speaker;
4. ``next-paragraph``: the quote ends its paragraph and the next paragraph names the speaker
   (a verb of saying with an entity subject, or a paragraph that is just a person's name);
5. ``previous-paragraph``: the previous paragraph ends with a colon after a verb of saying.

A paragraph without quotation marks right after such a colon ("Minister X said:" then "We
condemn ..."), the block quote of press releases and transcripts, is a quote of that speaker
too (``how`` ``block``); only that one paragraph, as nothing marks where the statement ends.

The speaker is the entity of the subject of that verb (through ``doc._.gb_token_entity``, so
pronouns and titles resolved by the coreference count), or the entity the subject belongs to
("the final document of the summit notes" -> the summit). Short quotes without a verb
("the “international community”") are scare quotes: ``speech`` False, no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graphbuilder.extract.lexicon import default_lexicons
from graphbuilder.extract.syntax import entity, entity_class, np_entities, owner_entities, subject
from graphbuilder.nlp.extensions import sentence_index

OPENING = "“«„"
CLOSING = "”»"
NEUTRAL = '"'
MIN_SPEECH_WORDS = 4  # fewer words and no verb: a scare quote, not speech
SPEAKER_CLASSES = ("Person", "Country", "Organization", "Event")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation.

    Attributes
    ----------
    start, end : int
        Character offsets of the quoted text in ``doc.text`` (marks excluded, end exclusive).
    text : str
        The quoted text.
    speaker : str or None
        Entity key of the speaker, None when unknown.
    how : str
        How the speaker was found: ``after``, ``before``, ``continuation``,
        ``next-paragraph``, ``previous-paragraph``, ``block`` (an unmarked paragraph after
        "X said:"), ``none``; ``scare`` for scare quotes.
    token_start, token_end : int
        Token span of the quoted text (end exclusive).
    speech : bool
        Whether it is reported speech (False for scare quotes).
    """

    start: int
    end: int
    text: str
    speaker: str | None
    how: str
    token_start: int
    token_end: int
    speech: bool = True


def _pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) character offsets of quotation marks; an unclosed quote ends at the
    next opening mark or at the end of its paragraph."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPENING or ch == NEUTRAL:
                open_at = i
            continue
        if ch in CLOSING or ch == NEUTRAL:
            pairs.append((open_at, i))
            open_at = None
        elif ch in OPENING:
            # reopened without closing: the first quote ends before this mark
            pairs.append((open_at, _trim_end(text, open_at, i)))
            open_at = i
        elif ch == "\n" and text[i : i + 2] == "\n\n":
            pairs.append((open_at, _trim_end(text, open_at, i)))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, len(text.rstrip())))
    return pairs


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", pos)
    end = len(text) if end < 0 else end
    return start, end


def _speaker_of_verb(verb: Token) -> str | None:
    subj = subject(verb)
    if subj is None:
        return None
    for key in [*np_entities(subj), *owner_entities(subj)]:
        if entity_class(subj.doc, key) in (*SPEAKER_CLASSES, None):
            return key
    return None


def _reporting_verbs(tokens: Iterable[Token], reporting: frozenset[str]) -> list[Token]:
    return [t for t in tokens if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in reporting]


def _speaker_after(doc: Doc, q_end_tok: int, reporting: frozenset[str]) -> str | None:
    if q_end_tok >= len(doc):
        return None
    sent = doc[min(q_end_tok, len(doc) - 1)].sent
    after = [t for t in doc[q_end_tok : sent.end] if not t.is_space]
    if not after or any(t.text in OPENING for t in after):
        after = after[: next((k for k, t in enumerate(after) if t.text in OPENING), len(after))]
    # the attribution follows the quote closely ("," / "”" then the verb within a few words)
    for verb in _reporting_verbs(after[:8], reporting):
        key = _speaker_of_verb(verb)
        if key:
            return key
    return None


def _speaker_before(doc: Doc, q_start_tok: int, reporting: frozenset[str]) -> str | None:
    if q_start_tok <= 0:
        return None
    sent = doc[q_start_tok].sent
    before = [t for t in doc[sent.start : q_start_tok] if not t.is_space]
    for verb in reversed(_reporting_verbs(before, reporting)):
        key = _speaker_of_verb(verb)
        if key:
            return key
    return None


def _speaker_next_paragraph(doc: Doc, para_end: int, reporting: frozenset[str]) -> str | None:
    text = doc.text
    nxt_start = para_end
    while nxt_start < len(text) and text[nxt_start].isspace():
        nxt_start += 1
    if nxt_start >= len(text):
        return None
    _, nxt_end = _paragraph_bounds(text, nxt_start)
    span = doc.char_span(nxt_start, nxt_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if text[nxt_start] in OPENING or text[nxt_start] == NEUTRAL:
        return None
    words = [t for t in span if not t.is_punct and not t.is_space]
    keys = {entity(t) for t in words}
    if len(words) <= 4 and len(keys) == 1 and None not in keys:
        key = next(iter(keys))
        if entity_class(doc, key) in ("Person", None):
            return key  # a paragraph that is only a name (a caption, a signature)
    first = next(iter(span.sents))
    for verb in _reporting_verbs(first, reporting):
        key = _speaker_of_verb(verb)
        if key:
            return key
    return None


def _speaker_previous_paragraph(doc: Doc, para_start: int, reporting: frozenset[str]) -> str | None:
    text = doc.text
    end = para_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":":
        return None
    tok = doc.char_span(end - 1, end, alignment_mode="expand")
    if tok is None:
        return None
    sent = tok[0].sent
    for verb in reversed(_reporting_verbs(sent, reporting)):
        key = _speaker_of_verb(verb)
        if key:
            return key
    return None


def find_quotes(doc: Doc, reporting: frozenset[str] | None = None) -> list[Quote]:
    """Find the direct quotes of ``doc`` and their speakers.

    Parameters
    ----------
    doc : Doc
        A parsed Doc whose ``doc._.gb_token_entity`` maps tokens to entities (may be empty).
    reporting : frozenset of str, optional
        Lemmas of verbs of saying; defaults to ``ontology/lexicon/reporting_verbs.csv``.

    Returns
    -------
    list of Quote
        In text order.

    Examples
    --------
    For ``“We will not send troops,” said Tokayev.`` the quote ``We will not send troops,`` has
    speaker Tokayev's key and ``how == "after"``.
    """
    reporting = reporting if reporting is not None else default_lexicons().reporting
    text = doc.text
    raw: list[dict] = []
    for o, c in _pairs(text):
        start, end = o + 1, c
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is None or len(span) == 0:
            continue
        words = [t for t in span if t.is_alpha]
        speech = len(words) >= MIN_SPEECH_WORDS or any(t.pos_ in ("VERB", "AUX") for t in span)
        item = dict(start=start, end=end, span=span, speech=speech, close=c, open=o)
        raw.append(item)
    # speakers within the sentence
    for item in raw:
        span = item["span"]
        if not item["speech"]:
            item["speaker"], item["how"] = None, "scare"
            continue
        after_tok = span.end
        # skip the closing mark itself
        while after_tok < len(doc) and (doc[after_tok].is_punct or doc[after_tok].is_space):
            if doc[after_tok].text in OPENING:
                break
            after_tok += 1
        same_par = after_tok < len(doc) and "\n\n" not in text[item["close"] : doc[after_tok].idx]
        key = _speaker_after(doc, after_tok, reporting) if same_par else None
        how = "after"
        if key is None:
            key, how = _speaker_before(doc, span.start, reporting), "before"
        item["speaker"], item["how"] = key, (how if key else "none")
    speech = [it for it in raw if it["speech"]]
    # continuation: back to front (a quote running into the next one shares its speaker)
    for a, b in zip(reversed(speech[:-1]), reversed(speech[1:]), strict=True):
        if a["speaker"] is None and b["speaker"] is not None:
            between = text[a["close"] + 1 : b["open"]]
            if not between.strip() or between.strip() in ",.":
                a["speaker"], a["how"] = b["speaker"], "continuation"
    # "“A,” said X. “B.”": a quote right after the sentence that attributed the one before it,
    # in the same paragraph, is the same speaker's
    for prev, item in zip(speech[:-1], speech[1:], strict=True):
        if item["speaker"] is not None or prev["speaker"] is None or prev["how"] != "after":
            continue
        if "\n\n" in text[prev["close"] : item["open"]]:
            continue
        if sentence_index(doc, item["span"].start) - sentence_index(doc, prev["span"].end) <= 1:
            item["speaker"], item["how"] = prev["speaker"], "continuation"
    # across paragraph breaks
    for k, item in enumerate(speech):
        if item["speaker"] is not None:
            continue
        p_start, p_end = _paragraph_bounds(text, item["start"])
        tail = text[item["close"] + 1 : p_end].strip()
        if not tail:
            key = _speaker_next_paragraph(doc, p_end, reporting)
            if key:
                item["speaker"], item["how"] = key, "next-paragraph"
                continue
        if not text[p_start : item["open"]].strip():
            key = _speaker_previous_paragraph(doc, p_start, reporting)
            if key:
                item["speaker"], item["how"] = key, "previous-paragraph"
                continue
            if k > 0 and speech[k - 1]["speaker"] is not None:
                prev_end = speech[k - 1]["close"]
                if not text[prev_end + 1 : p_start].strip():
                    item["speaker"], item["how"] = speech[k - 1]["speaker"], "continuation"
    quotes = [
        Quote(
            start=it["start"],
            end=it["end"],
            text=text[it["start"] : it["end"]],
            speaker=it["speaker"],
            how=it["how"],
            token_start=it["span"].start,
            token_end=it["span"].end,
            speech=it["speech"],
        )
        for it in raw
    ]
    marked = [(it["open"], it["close"]) for it in raw]
    return sorted([*quotes, *_block_quotes(doc, reporting, marked)], key=lambda q: q.start)


def _block_quotes(
    doc: Doc, reporting: frozenset[str], marked: list[tuple[int, int]]
) -> list[Quote]:
    """Unmarked paragraphs right after a paragraph that ends "X said:" (see the module
    docstring), as quotes of X; a paragraph holding a quotation mark is left to the marks."""
    text = doc.text
    out: list[Quote] = []
    for m in re.finditer(r":[ \t]*\n[ \t]*\n\s*", text):
        start = m.end()
        if start >= len(text) or text[start] in OPENING or text[start] == NEUTRAL:
            continue
        _, end = _paragraph_bounds(text, start)
        end = _trim_end(text, start, end)
        if any(o < end and c >= start for o, c in marked):
            continue
        speaker = _speaker_previous_paragraph(doc, start, reporting)
        span = doc.char_span(start, end, alignment_mode="expand") if speaker else None
        if span is None or len(span) == 0:
            continue
        out.append(Quote(start, end, text[start:end], speaker, "block", span.start, span.end, True))
    return out


def quote_of_token(quotes: Iterable[Quote]) -> dict[int, Quote]:
    """Token index -> the speech quote containing it."""
    out: dict[int, Quote] = {}
    for q in quotes:
        if q.speech:
            for i in range(q.token_start, q.token_end):
                out[i] = q
    return out


def sentence_quote(sent: Span, index: dict[int, Quote]) -> Quote | None:
    """The speech quote covering most of ``sent`` (None if none covers any of it)."""
    hits = [index[t.i] for t in sent if t.i in index]
    return max(set(hits), key=hits.count) if hits else None
