"""Choosing a document's name spans from the statistical NER and the KB ruler.

The KB ruler (a spaCy ``span_ruler`` after ``ner``) writes every KB name it finds to
``doc.spans["gb_kb"]``, overlapping ones included; the model's entities stay in ``doc.ents``
until :func:`merge_name_spans` combines both:

1. the KB matches are reduced to the longest of each overlapping group (spaCy
   ``filter_spans``), and a KB match that cuts a longer proper-noun sequence is dropped
   ("Boston" of "Boston University", "Vladimir" of "Vladimir V. Putin", "China" of "China
   Coast Guard": :func:`name_runs`);
2. a model name (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT) is first split where it holds two
   names (:func:`_pieces`: "China's | Taiwan Affairs Office", "Ambassador to the UN | Nikki
   Haley", a person's leading office title dropped); a piece that holds KB matches and more wins
   when what it adds is itself part of a name, a capitalised word that is no office title,
   honorific, rank or preposition ("Boston *University*", "Kim *Dae-jung*"); one that only adds
   titles, determiners or punctuation ("Spokesperson Wang Wenbin", "the Kremlin's") loses to
   the KB matches inside it;
3. otherwise the longest span wins, a KB match on a tie (it carries the KB id);
4. a proper-noun run no span above touches, right after "near" or "outside", is a place
   (``GPE``): the model misses unfamiliar place names there ("Near Al Huwayjah, one strike
   ...", "outside Tal Hamid");
5. the model's other entities (dates, numbers) stay where nothing above overlaps them.

Before that, the place of a wire dateline at the start of a line ("DAYTON, Ohio (AP) _",
"BANGKOK, Thailand (AP)") is added as a KB match or a model ``GPE``
(:func:`with_dateline_places`): the model misses a place written in capitals or reads it as an
organization.

A model NORP span (a nationality or group: "U.S. Marines") never wins over the KB matches it
holds; alone it is read as a demonym by the linker.

In a title-case line (a headline: most words capitalised) capitalisation says nothing, so
steps 1 and 2 are skipped there and the KB matches win as before, unless the model's name
ends in an institution's or agreement's head ("The Windsor Framework").

The model's own entities are kept in ``doc.spans["gb_model"]`` for the linker, which reads the
model's label where it and the KB disagree (:mod:`graphbuilder.resolve.context`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

KB_SPANS_KEY = "gb_kb"
MODEL_SPANS_KEY = "gb_model"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
"""Model labels that name an entity (OntoNotes); the others (DATE, CARDINAL ...) are values."""
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_TITLE_CASE_SHARE = 0.75  # see title_case_sentences
_NEAR = frozenset({"near", "outside"})  # see merge_name_spans, step 4


@dataclass(frozen=True)
class SpanWords:
    """Words that are never part of a name, whatever their case.

    Attributes
    ----------
    not_name : frozenset of str
        Lower-case words without a trailing period: the words of the office titles
        (``ontology/lexicon/offices.csv``: "president", "minister", "spokesperson"),
        honorifics, ranks and locative prepositions (``name_context.csv``).
    titles : frozenset of str
        The words of the office titles alone (a subset of ``not_name``).
    heads : frozenset of str
        Generic heads of institutions ("command", "council", "university": ``generic_head``
        of ``name_context.csv``): a name ending in one is no person's.
    surname_ids : frozenset of str
        KB ids of the people and cities: names that may end a person's name after a first
        name ("George Washington"), unlike a region or a country ("Arch Caucasus foes").
    """

    not_name: frozenset[str]
    surname_ids: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()

    def blocks(self, token: Token) -> bool:
        """True when ``token`` cannot be a word of a name."""
        return token.lower_.rstrip(".") in self.not_name or token.lower_ in _DETERMINERS


def _is_name_word(token: Token, words: SpanWords) -> bool:
    """A capitalised proper-noun token that is no title word ("University", "V.", "Dae")."""
    text = token.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if words.blocks(token):
        return False
    return token.tag_ in _NAME_TAGS or token.pos_ == "PROPN"


def _attached(doc: Doc, i: int) -> bool:
    """True when token ``i`` is written against the previous one (no space between)."""
    return i > 0 and not doc[i - 1].whitespace_


def title_case_sentences(doc: Doc, names: Iterable[Span] = ()) -> set[int]:
    """Start tokens of the sentences that are written in title case (headlines).

    Counted are the alphabetic words of three or more letters outside the model's names and
    after the sentence's first word; a sentence is title case when it has at least two such
    words and at least 75% of them start with a capital ("Turkey Backs Sweden's NATO Bid
    After Talks" is; "Russian President Vladimir V. Putin met Xi Jinping in Beijing" is not).
    """
    in_name = {i for s in names for i in range(s.start, s.end)}
    out = set()
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        words = [t for t in sent[1:] if t.is_alpha and len(t) >= 3 and t.i not in in_name]
        if len(words) < 2:
            continue
        capital = sum(1 for t in words if t.text[0].isupper())
        if capital / len(words) >= _TITLE_CASE_SHARE:
            out.add(sent.start)
    return out


def name_runs(doc: Doc, words: SpanWords, skip: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Maximal runs of name words, as token ranges ``(start, end)``.

    A run is a sequence of capitalised proper nouns (:func:`_is_name_word`) within one
    sentence, joined by nothing but spaces or by hyphens written against both neighbours
    ("Kim Dae-jung", whose "jung" may be lower case). Title words, honorifics, determiners,
    punctuation and possessives end a run ("Russian President Vladimir V. Putin" gives
    "Russian" and "Vladimir V. Putin").

    Parameters
    ----------
    doc : Doc
        Tagged (``token.tag_``, ``token.pos_``).
    words : SpanWords
    skip : iterable of int
        Token indices that cannot be in a run (inside dates and numbers).

    Returns
    -------
    list of (int, int)
        Token index ranges, end exclusive; runs of one token included.
    """
    skipped = set(skip)
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if i in skipped or not _is_name_word(doc[i], words):
            i += 1
            continue
        start, end = i, i + 1
        while end < n and end not in skipped and not doc[end].is_sent_start:
            tok = doc[end]
            if _is_name_word(tok, words):
                end += 1
            elif (
                tok.text in ("-", "–")
                and _attached(doc, end)
                and end + 1 < n
                and _attached(doc, end + 1)
                and doc[end + 1].is_alpha
            ):
                end += 2
            else:
                break
        runs.append((start, end))
        i = end
    return runs


_OPEN_QUOTES = {'"': '"', "“": "”", "‘": "’", "«": "»"}


def _strip(span: Span) -> tuple[int, int]:
    """Token range of ``span`` without leading determiners and a trailing possessive or
    punctuation; a quotation opened inside the name is closed (the model's 'Party of "National
    Unity' becomes 'Party of "National Unity"')."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    opened = {t.text for t in doc[start:end] if t.text in _OPEN_QUOTES}
    if opened and end < len(doc):
        nxt = doc[end].text
        inside = [t.text for t in doc[start:end]]
        if nxt == '"' and inside.count('"') % 2:
            end += 1
        elif nxt != '"' and nxt in {_OPEN_QUOTES[q] for q in opened} and nxt not in inside:
            end += 1
    return start, end


def _cuts_a_run(kb: Span, runs: list[tuple[int, int]], covered: set[int]) -> bool:
    """True when the KB match lies inside a longer run holding a word no KB match covers (a
    sentence's first word does not count: it is capitalised anyway, "Arch Caucasus foes")."""
    doc = kb.doc
    for start, end in runs:
        if start <= kb.start and kb.end <= end and (end - start) > len(kb):
            for i in range(start, end):
                if i in covered or _joiner(doc[i]) or _sentence_initial(doc, i):
                    continue
                return True
    return False


def _sentence_initial(doc: Doc, i: int) -> bool:
    """True for a sentence's first word (after any opening quote or bracket)."""
    j = i
    while j > 0 and not doc[j].is_sent_start and doc[j - 1].is_punct and doc[j - 1].is_left_punct:
        j -= 1
    return j == 0 or doc[j].is_sent_start


def _joiner(token: Token) -> bool:
    return token.text in ("-", "–")


def _adds_a_name(
    model: tuple[int, int], inside: list[Span], doc: Doc, words: SpanWords, label: str
) -> bool:
    """True when the model span holds a name word outside the KB matches inside it (a
    sentence's first word only as the first name of a person whose other names are KB people
    or cities: "George Washington" is one, "Arch Caucasus foes" is not)."""
    covered = {i for k in inside for i in range(k.start, k.end)}
    for i in range(*model):
        if i in covered:
            continue
        token = doc[i]
        if token.is_space or "\n" in token.text:
            return False  # spread over lines: a page fragment, not a name
        if not _is_name_word(token, words):
            continue
        if not _sentence_initial(doc, i):
            return True
        if label == "PERSON" and all(k.id_ in words.surname_ids for k in inside):
            return True
    return False


def _one_name_of_parts(label: str, model: tuple[int, int], inside: list[Span], doc: Doc) -> bool:
    """True when a model name is made of KB matches of different classes written next to each
    other, the last of the model's class: "Vladimir" (a city) + "V. Putin" (a person) is one
    person's name, where "Russia Ukraine" (two countries) stays two names."""
    parts = sorted(inside, key=lambda k: k.start)
    if len(parts) < 2 or parts[0].start != model[0] or parts[-1].end != model[1]:
        return False
    for left, right in zip(parts, parts[1:], strict=False):
        if right.start != left.end or not doc[left.end - 1].whitespace_:
            return False
    labels = {k.label_ for k in parts}
    return len(labels) > 1 and label == parts[-1].label_


def _pieces(span: Span, kb: list[Span], words: SpanWords) -> list[Span]:
    """Split a model name where it holds two names.

    - A person's name loses the office titles it starts with while two words are left
      ("Spokesperson Wang Wenbin"; "Sultan Kamaletdinov" keeps its first name); coreference
      reads the title next to the name.
    - At an inner possessive: "China's Taiwan Affairs Office" is "China" and "Taiwan Affairs
      Office", "Beijing's Ministry of Foreign Affairs" is "Beijing" and "Ministry of ...".
    - A person's name that starts with a KB country or organization followed by two or more
      name words: "South Africa Phumzile Mlambo-Ngcuka" (a country name before one word stays
      a first name: "Israel Katz", "Jordan Bardella"); so is a model name of any label in that
      shape after a title's preposition ("Ambassador to the UN Nikki Haley", "deputy
      president of South Africa Phumzile Mlambo-Ngcuka", "Minister for the Middle East Tobias
      Ellwood"): the rest, when the KB does not know it, is the title's holder.
    """
    doc = span.doc
    start, end = _strip(span)
    if span.label_ == "PERSON":
        while end - start > 2 and doc[start].lower_.rstrip(".") in words.titles:
            start += 1  # "Spokesperson Wang Wenbin": the title is no part of the name
    if end <= start:
        return []
    out: list[Span] = []
    cut = start
    for i in range(start + 1, end - 1):
        if doc[i].tag_ == "POS":
            out.append(Span(doc, cut, i, label=span.label_))
            cut = i + 1
    out.append(Span(doc, cut, end, label=span.label_))
    last = out[-1]
    after_title = _after_title_preposition(doc, span.start, words)
    if span.label_ == "PERSON" or after_title:
        for k in kb:
            if k.start != last.start or k.end >= last.end or k.label_ not in ("GPE", "ORG", "LOC"):
                continue
            rest = [t for t in doc[k.end : last.end] if _is_name_word(t, words)]
            known = any(k.end <= o.start and o.end <= last.end for o in kb)
            institution = doc[last.end - 1].lower_ in words.heads
            if len(rest) >= 2 and not known and not institution:  # "U.S. Central Command"
                out[-1:] = [k, Span(doc, k.end, last.end, label="PERSON")]
                break
    return [p for p in out if len(p) > 0]


def _after_title_preposition(doc: Doc, start: int, words: SpanWords) -> bool:
    """True when the span at ``start`` follows "<title> of/to/for [the]" ("Ambassador to the",
    "Minister for the")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _DETERMINERS:
        i -= 1
    if i < 1 or doc[i].lower_ not in ("of", "to", "for"):
        return False
    return doc[i - 1].lower_ in words.not_name


def headline_sentences(doc: Doc, names: Iterable[Span] = ()) -> set[int]:
    """Start tokens of the sentences where capitals say nothing: the title-case ones
    (:func:`title_case_sentences`) and the headline, the text's first paragraph when it is one
    line of under 200 characters that does not end like a sentence (ingest puts the title
    there; "2015 Iran Nuclear deal: Tehran condemns ...")."""
    out = title_case_sentences(doc, names)
    if not doc.has_annotation("SENT_START"):
        return out
    text = doc.text
    lead = len(text) - len(text.lstrip())
    first = text[lead:].split("\n", 1)[0]
    if 0 < len(first) < 200 and not first.rstrip().endswith((".", "!", "?", ".”", '."')):
        end = lead + len(first)
        for sent in doc.sents:
            if sent.start_char >= end:
                break
            out.add(sent.start)
    return out


def merge_name_spans(doc: Doc, model: list[Span], kb: list[Span], words: SpanWords) -> list[Span]:
    """Combine the model's entities and the KB matches into one list of entity spans.

    Parameters
    ----------
    doc : Doc
        Tagged and parsed.
    model : list of Span
        The statistical NER's entities (any labels).
    kb : list of Span
        The KB ruler's matches, overlapping allowed; ``span.id_`` is the KB id.
    words : SpanWords
        Words that are no part of a name.

    Returns
    -------
    list of Span
        Non-overlapping spans in text order, fit for ``doc.ents``: the winning KB matches
        (label and ``ent_id_`` from the KB), the model names that win (the model's label,
        no id) and the model's other entities that nothing overlaps.
    """
    values = [s for s in model if s.label_ not in NAME_LABELS]
    names = [s for s in model if s.label_ in NAME_LABELS]
    headline = headline_sentences(doc, names)
    has_sents = doc.has_annotation("SENT_START")

    def in_headline(span: Span) -> bool:
        return has_sents and span.sent.start in headline

    kb_longest = filter_spans(kb)
    covered = {i for k in kb_longest for i in range(k.start, k.end)}
    skip = {i for s in values for i in range(s.start, s.end)}
    runs = name_runs(doc, words, skip)
    kb_kept = [k for k in kb_longest if in_headline(k) or not _cuts_a_run(k, runs, covered)]

    # (priority length, KB first on ties, span)
    candidates: list[tuple[int, int, Span]] = [(len(k), 1, k) for k in kb_kept]
    for name in names:
        for span in _pieces(name, kb_longest, words):
            if span.id_:  # a KB match split off a model name
                candidates.append((len(span), 1, span))
                continue
            start, end = span.start, span.end
            inside = [k for k in kb_kept if k.start < end and start < k.end]
            if inside and all(start <= k.start and k.end <= end for k in inside):
                if (end - start) > max(len(k) for k in inside) and (
                    (in_headline(span) and doc[end - 1].lower_ not in words.heads)
                    or span.label_ == "NORP"  # "U.S. Marines": the state, not a group name
                    or not (
                        _adds_a_name((start, end), inside, doc, words, span.label_)
                        or _one_name_of_parts(span.label_, (start, end), inside, doc)
                    )
                ):
                    continue  # adds only titles or punctuation: the KB matches win
            candidates.append((end - start, 0, span))
    held = {i for _, _, c in candidates for i in range(c.start, c.end)}
    for start, end in runs:
        if (
            start > 0
            and doc[start - 1].lower_ in _NEAR
            and not in_headline(doc[start:end])
            and not any(i in held for i in range(start, end))
        ):
            candidates.append((end - start, 0, Span(doc, start, end, label="GPE")))
    chosen: list[Span] = []
    taken: set[int] = set()
    for _, _, span in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2].start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    for span in values:
        if not any(i in taken for i in range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


_DASHES = frozenset({"-", "--", "—", "–", "_"})
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)


def _line_start(doc: Doc, i: int) -> bool:
    """True when token ``i`` starts the text or a line."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)


def _line_end(doc: Doc, i: int) -> bool:
    """True when token ``i`` is past the text's end or starts a new line."""
    return i >= len(doc) or (i > 0 and _line_start(doc, i))


def _place_words(doc: Doc, i: int, capitals: bool) -> int:
    """End of the run of place-name words from token ``i`` (at most four; hyphens written
    against both neighbours join: "Saint-Gall"): all in capitals ("MEXICO CITY") or, with
    ``capitals`` False, capitalised ("Saint-Gall")."""
    j, words = i, 0
    while j < len(doc) and words < 4 and not (j > i and _line_start(doc, j)):
        tok = doc[j]
        if tok.text in ("-", "–") and j > i and _attached(doc, j) and j + 1 < len(doc):
            if _attached(doc, j + 1) and doc[j + 1].is_alpha:
                j += 1
                continue
        ok = (
            tok.text.replace(".", "").isalpha()  # "Pa.", "N.C." after the comma
            and len(tok.text) >= 2
            and tok.text[0].isupper()
            and tok.lower_ not in _DETERMINERS
            and tok.lower_.rstrip(".") not in _MONTHS  # "Moscow March 5 (ITAR-TASS)"
        )
        if ok and capitals:
            ok = tok.text.isupper()
        if not ok:
            break
        j += 1
        words += 1
    return j if words else i


def dateline_places(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the places that open a wire dateline at the start of a line.

    A dateline is the place, optionally a region or country after a comma and a date, then
    the agency in parentheses and a dash (AP, Reuters, AFP style: "DAYTON, Ohio (AP) _",
    "BANGKOK, Thailand (AP)", "MOSCOW, May 16 (Reuters) -", "(Text) Saint-Gall,
    Switzerland, Feb 2 (AFP) --"). The statistical model, trained on running text, misses a
    place written in capitals or reads it as an organization. Accepted shapes:

    - the place in capitals ("MEXICO CITY"), followed by the agency in parentheses or by a
      dash;
    - a capitalised place ("Saint-Gall") only with both the agency and a dash (or the line's
      end) after it.

    A leading parenthesised word ("(Text)", a transcript's marker) is skipped.

    Parameters
    ----------
    doc : Doc

    Returns
    -------
    list of (int, int)
        Token ranges (end exclusive) of the place names, one per dateline.
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    for s in range(n):
        if not _line_start(doc, s) or doc[s].is_space:
            continue
        i = s
        if i + 2 < n and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_alpha:
            i += 3
        for capitals in (True, False):
            end = _place_words(doc, i, capitals)
            if end == i:
                continue
            k = end
            if k < n and doc[k].text == ",":  # ", Ohio" / ", Thailand"
                r = _place_words(doc, k + 1, False)
                if r > k + 1:
                    k = r
            while k < n and (  # a date: ", Feb 2", " March 5", ", 29 Apr"
                doc[k].text == ","
                or doc[k].like_num
                or doc[k].lower_.rstrip(".") in _MONTHS
                or (doc[k].text == "." and k > 0 and doc[k - 1].lower_ in _MONTHS)
            ):
                k += 1
            agency = False
            if k < n and doc[k].text == "(":
                m = k + 1
                while (
                    m < n
                    and m - k <= 4
                    and doc[m].text != ")"
                    and (doc[m].text[:1].isupper() or _attached(doc, m))
                ):
                    m += 1
                if m < n and doc[m].text == ")" and m > k + 1:
                    agency, k = True, m + 1
            dash = k < n and doc[k].text in _DASHES
            closes = dash or _line_end(doc, k)
            if (capitals and (agency or dash)) or (agency and closes):
                out.append((i, end))
                break
    return out


def with_dateline_places(
    doc: Doc,
    model: list[Span],
    kb: list[Span],
    place_of: Callable[[str], tuple[str, str] | None],
) -> tuple[list[Span], list[Span]]:
    """Add the places of the text's datelines (:func:`dateline_places`) to the name spans.

    A place the KB knows (``place_of`` gives its id and spaCy label) becomes a KB match; an
    unknown place becomes a model ``GPE`` replacing the model's spans over it (the model reads
    "DAYTON" as an organization and misses "Saint-Gall").

    Parameters
    ----------
    doc : Doc
    model, kb : list of Span
        The model's entities and the KB ruler's matches.
    place_of : callable
        Name -> ``(kb id, spaCy label)`` of the KB place or country it names, or None.

    Returns
    -------
    (list of Span, list of Span)
        The model spans and the KB matches with the dateline places.
    """
    for start, end in dateline_places(doc):
        span = doc[start:end]
        found = place_of(span.text)
        if found is not None:
            kb = [*kb, Span(doc, start, end, label=found[1], span_id=found[0])]
        else:
            model = [s for s in model if s.end <= start or end <= s.start]
            model.append(Span(doc, start, end, label="GPE"))
    return model, kb
