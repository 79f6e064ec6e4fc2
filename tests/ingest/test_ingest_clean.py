"""Clutter cues and structural rules on pages of other shapes than the seed (texts written
for these tests), and the metadata parsers."""

from __future__ import annotations

import pytest

from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.ingest import clean_text, extract_metadata
from graphbuilder.ingest.cues import load_clutter_cues
from graphbuilder.ingest.metadata import parse_byline, parse_date, parse_date_line, parse_dateline

WIRE_PAGE = """Home
World
Menu

Minsk hosts defence ministers

By John Doe and Ann Smith
Published: Tuesday, 14 November 2023, 10:05 GMT
4 min read

Share this article

MINSK, Nov 14 (Example Wire) - Defence ministers of the alliance met in Minsk on Tuesday
and agreed to hold joint exercises in the spring, the host country's ministry said.

Photo: Example Wire / A. Photographer

Read also: Talks on the border stall again

Advertisement

"We are ready to respond to any threat," the minister told reporters after the meeting.

Follow us on Telegram, VK, Facebook and X
We use cookies to improve your experience. By continuing you accept our cookie policy.

The next meeting is planned for May in Astana.

Reporting by John Doe; Editing by Ann Smith

Related articles
Ministers sign water accord
Leaders meet in Bishkek

© 2023 Example Wire. All rights reserved.
"""


def test_wire_page():
    text = clean_text(WIRE_PAGE)
    assert text.split("\n\n") == [
        "Minsk hosts defence ministers",
        "MINSK, Nov 14 (Example Wire) - Defence ministers of the alliance met in Minsk on "
        "Tuesday and agreed to hold joint exercises in the spring, the host country's "
        "ministry said.",
        '"We are ready to respond to any threat," the minister told reporters after the meeting.',
        "The next meeting is planned for May in Astana.",
    ]


def test_wire_page_metadata():
    assert extract_metadata(WIRE_PAGE) == {
        "title": "Minsk hosts defence ministers",  # the menu lines before it are skipped
        "author": "John Doe",
        "date": "2023-11-14",
        "place": "Minsk",
    }


def test_plain_article_without_page_chrome_is_unchanged():
    text = (
        "Kazakhstan and Russia signed a gas agreement on Friday.\n\n"
        "The deal covers transit through 2030, officials said.\n\n"
        "Critics said the price was too low."
    )
    assert clean_text(text) == text
    assert extract_metadata(text) == {"title": None, "author": None, "date": None, "place": None}


def test_article_sentences_mentioning_platforms_or_comments_are_kept():
    text = (
        "The regulator blocked Facebook, Instagram and Twitter in March, citing the law on "
        "extremism.\n\n"
        "Lawmakers said rules for social networks would be tightened after the elections, "
        "and critics called the move censorship."
    )
    assert clean_text(text) == text


def test_calendar_and_digit_rows_removed():
    page = (
        "The council met on Monday and approved the budget for the coming year.\n\n"
        "• May 2024\n    Mon Tues Wed Thurs Fri Sat Sun\n    12345\n    6789101112\n"
        "    13141516171819\n  • Subscribe to Example news\n\n  • Thank you!\n"
    )
    assert clean_text(page) == (
        "The council met on Monday and approved the budget for the coming year."
    )


def test_tail_cue_early_in_page_does_not_cut_the_article():
    page = (
        "Tags: politics, security\n\n"
        "The alliance held its summit in Moscow and adopted a statement on the border.\n\n"
        "Leaders agreed to meet again next year in Minsk to review the progress made."
    )
    assert clean_text(page).split("\n\n") == page.split("\n\n")[1:]


def test_hard_wrapped_paragraph_is_joined():
    page = (
        "The foreign ministers of the two states met in Tashkent on Wednesday to discuss\n"
        "the water sharing agreement, a spokesman for the ministry said.\n"
        "He gave no further details.\n"
    )
    assert clean_text(page) == (
        "The foreign ministers of the two states met in Tashkent on Wednesday to discuss the "
        "water sharing agreement, a spokesman for the ministry said.\n\nHe gave no further "
        "details."
    )


def test_paragraphs_are_separated_by_blank_lines():
    page = "Title line of the piece\nBy Jane Doe\n2024-01-05\n\nTokayev\n\nHe spoke at length."
    assert clean_text(page) == "Title line of the piece\n\nTokayev\n\nHe spoke at length."


def test_every_cue_row_is_documented():
    cues = load_clutter_cues()
    assert len(cues) >= 30
    assert {"views", "subscribe", "comment_policy", "calendar", "error_report", "tags"} <= {
        c.kind for c in cues
    }


def test_bad_cue_file_names_the_row(tmp_path):
    path = tmp_path / "clutter.csv"
    path.write_text("kind,scope,max_words,pattern,note,source\nx,line,,(unclosed,n,s\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_clutter_cues(path)
    assert str(info.value).startswith(f"{path}: row 2: bad pattern")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("17.05.2022 01:36", "2022-05-17"),
        ("2022-05-17T01:36:00+03:00", "2022-05-17"),
        ("May 17, 2022", "2022-05-17"),
        ("17 May 2022", "2022-05-17"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("3rd of March 2020", "2020-03-03"),
        ("05/17/2022", "2022-05-17"),
        ("17/05/2022", "2022-05-17"),
        ("31.02.2022", None),
        ("in 2022", None),
    ],
)
def test_parse_date(text, iso):
    found = parse_date(text)
    assert (found[0] if found else None) == iso


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Ainur Kurmanov.", "Ainur Kurmanov"),
        ("By Jane Q. Doe, Reuters", "Jane Q. Doe"),
        ("Author: Oksana Petrenko-Lee", "Oksana Petrenko-Lee"),
        ("By John Doe and Ann Smith", "John Doe"),
        ("Central Asia. Only the CSTO will save", None),
        ("Views: 4970", None),
        ("Tokayev", None),
    ],
)
def test_parse_byline(line, author):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("(Moscow time), Almaty", (None, "Almaty")),
        ("17.05.2022 01:36 (Moscow time), Almaty", ("2022-05-17", "Almaty")),
        ("Posted on 2024-01-05 at 10:00 UTC", ("2024-01-05", None)),
        ("Views: 4970", None),
        ("Leaders met on 17 May 2022 in the Kremlin to discuss the crisis", None),
    ],
)
def test_parse_date_line(line, parsed):
    assert parse_date_line(line) == parsed


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("MOSCOW, May 16 (Reuters) - Russia said", "Moscow"),
        ("NUR-SULTAN, Kazakhstan — The president", "Nur-Sultan"),
        ("BISHKEK (AP) — Officials", "Bishkek"),
        ("NATO said on Monday it would", None),
        ("The CSTO met - again", None),
    ],
)
def test_parse_dateline(paragraph, place):
    assert parse_dateline(paragraph) == place
