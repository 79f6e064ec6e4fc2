"""Property tests of clean_text over arbitrary Unicode (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuilder.ingest import clean_text, extract_metadata
from graphbuilder.ingest.text import normalize_chars

# Lines built from a mix of article-like words, clutter words, digits, separators and any
# Unicode character, so that the cues and the header rules get exercised.
WORDS = st.sampled_from(
    [  # fmt: skip
        "The",
        "summit",
        "CSTO",
        "said",
        "Putin",
        "Views:",
        "4970",
        "Subscribe",
        "to",
        "news",
        "Telegram,",
        "YouTube,",
        "Zen",
        "By",
        "17.05.2022",
        "01:36",
        "(Moscow time),",
        "Almaty",
        "May",
        "2024",
        "Mon",
        "Tues",
        "Wed",
        "Tags:",
        ",",
        "If",
        "you",
        "find",
        "an",
        "error",
        "Ctrl",
        "+",
        "Enter",
        "Dear",
        "Readers,",
        "©",
        "Thank",
        "you!",
        "12345",
        "•",
        "-",
        ".",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\r",
        "\t",
        "«",
        "»",
        "“",
        "”",
    ]
)
LINE = st.one_of(
    st.lists(WORDS, max_size=25).map(" ".join),
    st.text(max_size=80),
)
PAGE = st.lists(st.one_of(LINE, st.just("")), max_size=30).map("\n".join)
ANY_TEXT = st.one_of(PAGE, st.text(max_size=400))


def _squeezed(text: str) -> str:
    return " ".join(normalize_chars(text).split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_clean_text_never_crashes_and_keeps_input_order(text):
    out = clean_text(text)
    assert isinstance(out, str)
    assert out == out.strip()
    assert "\n\n\n" not in out
    source = _squeezed(text)
    pos = 0
    for paragraph in out.split("\n\n") if out else []:
        assert paragraph
        assert "\n" not in paragraph
        found = source.find(paragraph, pos)
        assert found >= 0, (paragraph, source)
        pos = found + len(paragraph)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_extract_metadata_never_crashes(text):
    meta = extract_metadata(text)
    assert set(meta) == {"title", "author", "date", "place"}
    assert all(v is None or isinstance(v, str) for v in meta.values())
    if meta["date"]:
        assert len(meta["date"]) == 10 and meta["date"][4] == "-"
