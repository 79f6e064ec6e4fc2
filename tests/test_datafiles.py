"""The one CSV reader of the data files: rows with their line numbers, faults named."""

from __future__ import annotations

import pytest

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.errors import KnowledgeBaseError


def test_rows_keep_their_line_numbers_past_comments_and_blank_lines(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("# a note\ncue,type\n support ,Support\n\n# more\nreject,Opposition\n")
    header, rows = read_csv_rows(path, ("cue", "type"), comments=True)
    assert header == ["cue", "type"]
    assert rows == [
        (3, {"cue": "support", "type": "Support"}),
        (6, {"cue": "reject", "type": "Opposition"}),
    ]


def test_faults_name_the_file_and_the_line(tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text("id,label\nx,X,extra\n")
    with pytest.raises(KnowledgeBaseError, match=r"kb\.csv:2: more fields than the header's 2"):
        read_csv_rows(path)
    with pytest.raises(KnowledgeBaseError, match=r"kb\.csv: missing column\(s\) source"):
        read_csv_rows(path, ("id", "source"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,label\nx,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(KnowledgeBaseError, match=r"latin\.csv: not UTF-8"):
        read_csv_rows(latin)
    with pytest.raises(KnowledgeBaseError, match=r"absent\.csv: cannot read"):
        read_csv_rows(tmp_path / "absent.csv")


def test_lexicon_words_reads_one_column_of_the_lexicon_folder_in_effect(tmp_path):
    from graphbuilder.datafiles import lexicon_words
    from graphbuilder.paths import use_data

    (tmp_path / "words.csv").write_text(
        "noun,sector\n# a note\nRabbi,religion\nfarmer,agriculture\n,religion\n", encoding="utf-8"
    )
    with use_data(lexicons=tmp_path):
        assert lexicon_words("words.csv", comments=True) == {"rabbi", "farmer"}
        only = lexicon_words("words.csv", where=("sector", frozenset({"religion"})), comments=True)
        assert only == {"rabbi"}
        assert lexicon_words("absent.csv") == frozenset()
        with pytest.raises(KnowledgeBaseError, match="missing column"):
            lexicon_words("words.csv", "verb", comments=True)
