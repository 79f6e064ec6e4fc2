"""Negation, modality and hedging of a cue, read from its dependents in the parse.

The cue words live in ``ontology/lexicon/modality.csv``; this module only walks the parse.
:func:`apply_modality` says what a stance becomes when its cue is negated or refused:

=======================================  ==============================================
sentence                                  result
=======================================  ==============================================
"did not support", "never backed"         flipped: Opposition, Negative, confidence x 0.6
"would not send", "will not join"         Refusal (a negated commitment or volition)
"refused to support", "declined to back"  Refusal
"refused to condemn", "did not criticize" dropped (not being negative is no stance)
"no longer opposes"                       dropped
"no longer supports"                      flipped, confidence x 0.6
hedged ("may", "reportedly"), "if ..."    kept, confidence x the cue's weight
=======================================  ==============================================
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphbuilder.extract.lexicon import ModalityLexicon, StanceCue

FLIP_FACTOR = 0.6  # confidence factor of a stance read from a negated positive cue


@dataclass(frozen=True, slots=True)
class Modality:
    """How a cue token is qualified.

    Attributes
    ----------
    negated : bool
        A negation governs the cue ("not", "never", "no").
    cessation : bool
        The negation says the stance stopped ("no longer", "not anymore").
    volitional : bool
        A modal of will or ability goes with the negation ("would not", "cannot").
    refused : bool
        The cue is the complement of a refusal verb ("refused to condemn").
    factor : float
        Confidence factor from hedges and conditions, in (0, 1].
    markers : tuple of str
        The words that qualified the cue, for the topic/debugging.
    """

    negated: bool = False
    cessation: bool = False
    volitional: bool = False
    refused: bool = False
    factor: float = 1.0
    markers: tuple[str, ...] = ()


def _verbal_head(tok: Token) -> Token:
    """The verb carrying auxiliaries and negation for a cue: itself, or the copula of a
    predicative adjective/noun ("is not concerned")."""
    if (
        (tok.pos_ in ("ADJ", "NOUN") or tok.tag_ == "VBN")
        and tok.dep_ in ("acomp", "attr")
        and tok.head != tok
    ):
        # a participle as the adjective ("is not opposed to") too
        return tok.head
    return tok


def _governors(head: Token, depth: int = 3) -> list[Token]:
    """The verbs an infinitive or purpose clause depends on, whose negation and hedges are the
    cue's: "did not move a resolution to condemn X", "apparently became the first state to
    support X" (the same chain as :func:`graphbuilder.extract.syntax.subject` climbs)."""
    out: list[Token] = []
    v = head
    for _ in range(depth):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if v.head == v or not infinitive or v.dep_ not in ("xcomp", "advcl", "acl", "relcl"):
            break
        gov = v.head
        if gov.pos_ in ("NOUN", "PROPN", "ADJ") and gov.head != gov:
            gov = gov.head  # the noun or adjective the infinitive hangs on, then its verb
        if gov.pos_ not in ("VERB", "AUX"):
            break
        out.append(gov)
        v = gov
    return out


def modality_of(tok: Token, lex: ModalityLexicon) -> Modality:
    """Read negation, refusal, volition and hedges around the cue token ``tok``.

    Parameters
    ----------
    tok : Token
        The cue (a verb, a noun, a predicative adjective).
    lex : ModalityLexicon
        From :func:`graphbuilder.extract.lexicon.load_modality_lexicon`.

    Returns
    -------
    Modality
    """
    head = _verbal_head(tok)
    negated = cessation = volitional = refused = False
    factor = 1.0
    markers: list[str] = []
    scope = {tok, head, *_governors(head)}
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        scope.add(tok.head)  # "reportedly expressed optimism": the light verb's modality
    for t in scope:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lex.has("negation", low)):
                if lex.has("negation", low) or c.dep_ == "neg":
                    negated = True
                    markers.append(low)
            if lex.has("cessation", low) or (
                c.dep_ == "neg" and any(lex.has("cessation", g.lower_) for g in c.head.children)
            ):
                if lex.has("cessation", low):
                    cessation = True
                    markers.append(low)
            if c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children):
                negated = True  # "no longer": the negation hangs on the adverb
                cessation = cessation or lex.has("cessation", low)
                markers.append(low)
            if c.dep_ == "aux" and lex.has("volitional", low):
                volitional = True
                markers.append(low)
            if c.dep_ in ("aux", "advmod") and lex.has("hedge", c.lemma_.lower()):
                factor *= lex.weight("hedge", c.lemma_.lower())
                markers.append(low)
    # "refused to condemn": the cue is the xcomp of a refusal verb
    if head.dep_ == "xcomp" and lex.has("refusal", head.head.lemma_.lower()):
        refused = True
        markers.append(head.head.lemma_.lower())
    # "is not ready to endorse": the xcomp of a negated adjective of readiness
    gov = head.head
    if head.dep_ == "xcomp" and lex.has("readiness", gov.lemma_.lower()):
        copula = _verbal_head(gov)
        if any(c.dep_ == "neg" for t in {gov, copula} for c in t.children):
            refused = True
            markers.append(f"not {gov.lemma_.lower()}")
    # "it seems that ...", "appears to support": hedging verbs above the cue
    # "if X supports ...": a condition anywhere on the path to the root
    for anc in [head, *head.ancestors]:
        if anc != head and lex.has("hedge", anc.lemma_.lower()) and anc.pos_ == "VERB":
            factor *= lex.weight("hedge", anc.lemma_.lower())
            markers.append(anc.lemma_.lower())
        if anc.dep_ == "advcl":
            for c in anc.children:
                if c.dep_ == "mark" and lex.has("conditional", c.lower_):
                    factor *= lex.weight("conditional", c.lower_)
                    markers.append(c.lower_)
    return Modality(negated, cessation and negated, volitional, refused, factor, tuple(markers))


def apply_modality(cue: StanceCue, mod: Modality) -> tuple[str, str, float] | None:
    """The (stance type, polarity, confidence factor) a cue yields under ``mod``, or None when
    the sentence states no stance (see the module table).

    Parameters
    ----------
    cue : StanceCue
    mod : Modality

    Returns
    -------
    tuple of (str, str, float) or None
    """
    factor = mod.factor * cue.confidence
    if cue.frame == "commitment":
        if mod.refused:
            return "Refusal", "Negative", factor
        if mod.negated and not mod.cessation:
            return "Refusal", "Negative", factor * (1.0 if mod.volitional else 0.8)
        return None
    positive = cue.polarity == "Positive"
    if mod.refused:
        return ("Refusal", "Negative", factor) if positive else None
    if mod.negated:
        if not positive:
            return None
        if mod.volitional and not mod.cessation:
            return "Refusal", "Negative", factor
        return "Opposition", "Negative", factor * FLIP_FACTOR
    return cue.stance_type, cue.polarity, factor
