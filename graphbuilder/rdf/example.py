"""A small hand-made example: the records of two short articles, for tests and docs.

Nothing here is read by the builder; it exists so that tests of the RDF mapping, the shapes,
the store and the named queries share one graph built through
:func:`graphbuilder.rdf.mapping.records_to_dataset`, and so that users can try the query and
export commands without running the NLP pipeline. Its texts deliberately contain hostile
characters (quotes, triple quotes, backslashes, newlines, tabs, emoji, right-to-left text) and
names with spaces, slashes, ``#``, parentheses and trailing dots.
"""

from __future__ import annotations

import hashlib

from graphbuilder.records import (
    Article,
    DocumentRecords,
    Entity,
    Evidence,
    Mention,
    Relation,
    Stance,
)

__all__ = ["example_entities", "example_records", "HOSTILE_TEXT"]

#: A sentence with every character class that breaks naive serialisers.
HOSTILE_TEXT = (
    'He said: "No \'deal\' """ here" \\ C:\\path\n\tnext line 😀 '
    "\u0645\u0631\u062d\u0628\u0627 (RTL) #1 / 2."
)


def example_entities() -> dict[str, Entity]:
    """Return the global (merged) entities of the example, by key."""
    ents = [
        Entity(
            "person/tokayev",
            "Person",
            "Kassym-Jomart Tokayev",
            {"Tokayev"},
            "Q380719",
            "person/tokayev",
        ),
        Entity(
            "country/KAZ",
            "Country",
            "Kazakhstan",
            {"Republic of Kazakhstan"},
            "Q232",
            "country/KAZ",
        ),
        Entity("country/ARM", "Country", "Armenia", set(), "Q399", "country/ARM"),
        Entity("country/KGZ", "Country", "Kyrgyzstan", {"Kyrgyz Republic"}, "Q813", "country/KGZ"),
        Entity("person/pashinyan", "Person", "Nikol Pashinyan", {"Pashinyan"}, "Q7065209"),
        Entity(
            "org/CSTO",
            "Organization",
            "Collective Security Treaty Organization",
            {"CSTO"},
            "Q170481",
            "org/CSTO",
            subclass="IntergovernmentalOrganization",
        ),
        Entity(
            "org/UN",
            "Organization",
            "United Nations",
            {"UN", "U.N."},
            "Q1065",
            "org/UN",
            subclass="IntergovernmentalOrganization",
        ),
        Entity("Person:jane o'doe", "Person", "Jane O'Doe", {"J. O'Doe"}),
        Entity("Country:georgia (country)", "Country", "Georgia (country)", {"Georgia"}),
        Entity(
            "Organization:u.s./nato #1",
            "Organization",
            "U.S./NATO #1 (task force)",
            {"U.S.", 'the "Force"'},
        ),
        Entity("Location:moscow", "Location", "Moscow", set(), subclass="City"),
    ]
    return {e.key: e for e in ents}


def _article(sentences: list[str], title: str, date: str, source: str) -> tuple[Article, list]:
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Evidence(s, pos, pos + len(s)))
        pos += len(s) + 1
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(source=source, text=text, sha256=sha, title=title, date=date), spans


def example_records() -> tuple[list[DocumentRecords], dict[str, Entity]]:
    """Return the records of two example documents and the global entities.

    Document 1 (``/corpus/summit.txt``): Tokayev leads Kazakhstan (read from text),
    Kazakhstan is a member of the CSTO (a knowledge-base fact), Pashinyan leads Armenia;
    the author criticizes the UN, Tokayev proposes something to the UN, Pashinyan
    criticizes the CSTO (a direct quote full of hostile characters).
    Document 2 (``https://example.org/news/2``): Tokayev criticizes the UN (a contradiction
    with document 1), Kyrgyzstan is a member of the CSTO, Georgia (country) opposes the task
    force "U.S./NATO #1", Pashinyan still criticizes the CSTO.

    Returns
    -------
    (list of DocumentRecords, dict of str to Entity)
    """
    ents = example_entities()
    a1, e1 = _article(
        [
            "President Kassym-Jomart Tokayev of Kazakhstan arrived in Moscow.",
            "The UN has failed the region, Jane O'Doe writes.",
            "Tokayev proposed that the UN send observers.",
            HOSTILE_TEXT,
            "Armenian Prime Minister Nikol Pashinyan refused to sign.",
        ],
        'CSTO summit: "allies" at odds',
        "2022-11-23",
        "/corpus/summit.txt",
    )
    d1 = a1.doc_id
    doc1 = DocumentRecords(
        article=a1,
        author="Person:jane o'doe",
        entities={
            k: ents[k]
            for k in (
                "person/tokayev",
                "country/KAZ",
                "org/UN",
                "person/pashinyan",
                "org/CSTO",
                "Person:jane o'doe",
                "Location:moscow",
                "country/ARM",
            )
        },
        mentions=[
            Mention("Kassym-Jomart Tokayev", 10, 31, "person/tokayev"),
            Mention("Kazakhstan", 35, 45, "country/KAZ"),
            Mention("Moscow", 57, 63, "Location:moscow"),
        ],
        relations=[
            Relation("person/tokayev", "leaderOf", "country/KAZ", 0.95, e1[0], doc_id=d1),
            Relation(
                "country/KAZ", "memberOf", "org/CSTO", 1.0, None, "kb", "country/KAZ", doc_id=d1
            ),
            Relation("person/pashinyan", "leaderOf", "country/ARM", 0.9, e1[4], doc_id=d1),
        ],
        stances=[
            Stance(
                "Person:jane o'doe",
                "org/UN",
                "Negative",
                "Criticism",
                "AuthorOpinion",
                e1[1],
                0.7,
                "fail",
                "the region",
                d1,
            ),
            Stance(
                "person/tokayev",
                "org/UN",
                "Positive",
                "Proposal",
                "ReportedSpeech",
                e1[2],
                0.8,
                "propose",
                "send observers",
                d1,
            ),
            Stance(
                "person/pashinyan",
                "org/CSTO",
                "Negative",
                "Criticism",
                "DirectQuote",
                e1[3],
                0.6666,
                "say",
                HOSTILE_TEXT,
                d1,
            ),
        ],
    )
    a2, e2 = _article(
        [
            "Tokayev sharply criticized the UN on Tuesday.",
            "Kyrgyzstan, a CSTO member, stayed silent.",
            "Georgia condemned the U.S./NATO #1 task force.",
            "Pashinyan again criticized the CSTO.",
        ],
        "Second thoughts",
        "2022-11-24T09:30:00+03:00",
        "https://example.org/news/2",
    )
    d2 = a2.doc_id
    doc2 = DocumentRecords(
        article=a2,
        entities={
            k: ents[k]
            for k in (
                "person/tokayev",
                "org/UN",
                "country/KGZ",
                "org/CSTO",
                "Country:georgia (country)",
                "Organization:u.s./nato #1",
                "person/pashinyan",
            )
        },
        relations=[
            Relation("country/KGZ", "memberOf", "org/CSTO", 0.85, e2[1], doc_id=d2),
        ],
        stances=[
            Stance(
                "person/tokayev",
                "org/UN",
                "Negative",
                "Criticism",
                "ReportedSpeech",
                e2[0],
                0.9,
                "criticize",
                None,
                d2,
            ),
            Stance(
                "Country:georgia (country)",
                "Organization:u.s./nato #1",
                "Negative",
                "Condemnation",
                "ReportedSpeech",
                e2[2],
                0.75,
                "condemn",
                None,
                d2,
            ),
            Stance(
                "person/pashinyan",
                "org/CSTO",
                "Negative",
                "Criticism",
                "ReportedSpeech",
                e2[3],
                0.85,
                "criticize",
                None,
                d2,
            ),
        ],
    )
    return [doc1, doc2], ents
