"""HTML and Markdown readers (the HTML fixture is a made-up report written for these tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphbuilder.ingest import read_article

DATA = Path(__file__).parent / "data"
HTML = DATA / "border-talks.html"


@pytest.fixture(scope="module")
def html_article():
    return read_article(HTML)


def test_html_metadata(html_article):
    assert html_article.title == "Border talks resume in Dushanbe"
    assert html_article.author == "Marta Ilyina"
    assert html_article.date == "2023-03-14"
    assert html_article.place == "Dushanbe"


def test_html_text_is_the_article(html_article):
    paragraphs = html_article.text.split("\n\n")
    assert paragraphs[0] == "Border talks resume in Dushanbe"
    assert paragraphs[1].startswith("DUSHANBE, March 14 (Example Wire) - Delegations of")
    assert paragraphs[-1] == (
        "Analysts in Bishkek were more cautious, noting that similar commitments made in 2021 "
        "did not prevent renewed clashes a year later."
    )
    assert len(paragraphs) == 5
    assert "Kyrgyz President Sadyr Japarov welcomed the agreement" in html_article.text


@pytest.mark.parametrize(
    "clutter",
    [
        "SECRET",  # script and style content
        "dataLayer",
        "font-family",
        "Share on",
        "Tweet",
        "Related articles",
        "CSTO ministers meet in Minsk",
        "Subscribe",
        "All rights reserved",
        "Log in",
        "cookies",
        "Home",
    ],
)
def test_html_clutter_absent(html_article, clutter):
    assert clutter not in html_article.text


def test_html_saved_as_txt_is_read_as_html(tmp_path, html_article):
    path = tmp_path / "saved-page.txt"
    shutil.copy(HTML, path)
    article = read_article(path)
    assert article.text == html_article.text
    assert article.title == html_article.title


def test_html_fragment_without_article_markup(tmp_path):
    path = tmp_path / "fragment.htm"
    path.write_text(
        "<div><b>Ministers</b> of the two states met in Astana on Friday and agreed to hold "
        "the next round of talks in April, a spokesman said.</div>",
        encoding="utf-8",
    )
    assert read_article(path).text == (
        "Ministers of the two states met in Astana on Friday and agreed to hold the next round "
        "of talks in April, a spokesman said."
    )


MARKDOWN = """---
title: "Ministers meet in Astana"
author: Jane Roe
date: 2023-04-02
---

# Ministers meet in Astana

![map of the border](map.png)

The **foreign ministers** of Kazakhstan and Uzbekistan met in
[Astana](https://example.org/astana) on Sunday, the *ministry* said.

## Water

- Both sides backed a joint commission on the Syr Darya.
- They will meet again in `June`.

```python
print("code is not prose")
```

> "We agreed on the essentials," the Kazakh minister said.
"""


def test_markdown_reader(tmp_path):
    path = tmp_path / "astana.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.author, article.date) == (
        "Ministers meet in Astana",
        "Jane Roe",
        "2023-04-02",
    )
    assert article.text.split("\n\n") == [
        "Ministers meet in Astana",
        "The foreign ministers of Kazakhstan and Uzbekistan met in Astana on Sunday, the "
        "ministry said.",
        "Water",
        "Both sides backed a joint commission on the Syr Darya.",
        "They will meet again in June.",
        '"We agreed on the essentials," the Kazakh minister said.',
    ]


def test_markdown_without_front_matter_uses_first_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Talks stall\n\nThe talks stalled on Monday over the transit fees.\n")
    article = read_article(path)
    assert article.title == "Talks stall"
    assert article.text == "Talks stall\n\nThe talks stalled on Monday over the transit fees."


def test_html_site_name_is_the_publisher(tmp_path):
    path = tmp_path / "release.html"
    path.write_text(
        '<html><head><meta property="og:site_name" content="Ministry of Foreign Affairs of '
        'Estonia"><title>Estonia condemns the attack</title></head><body><article><p>The '
        "ministry condemned the attack on the school in Kunduz and called for an independent "
        "investigation of the events.</p></article></body></html>",
        encoding="utf-8",
    )
    assert read_article(path).publisher == "Ministry of Foreign Affairs of Estonia"


def test_html_without_site_name_has_no_publisher(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text(
        "<div>Ministers of the two states met in Astana on Friday and agreed to hold the next "
        "round of talks in April, a spokesman said.</div>",
        encoding="utf-8",
    )
    assert read_article(path).publisher is None


def test_markdown_front_matter_publisher(tmp_path):
    path = tmp_path / "release.md"
    path.write_text(
        "---\ntitle: Statement\npublisher: Ministry of Foreign Affairs of Estonia\n---\n\n"
        "We condemn the attack on the school in Kunduz and call for an investigation.\n",
        encoding="utf-8",
    )
    assert read_article(path).publisher == "Ministry of Foreign Affairs of Estonia"
