"""The extraction lexicons load and reject malformed rows."""

from __future__ import annotations

import pytest

from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.extract.lexicon import load_stance_lexicon


def test_issue_cues_present(lexicons):
    types = {c.cue: (c.stance_type, c.polarity) for c in lexicons.stances.cues if c.pos == "VERB"}
    assert types["support"] == ("Support", "Positive")
    assert types["condemn"] == ("Condemnation", "Negative")
    assert types["call for"] == ("Proposal", "Positive")
    assert types["rely on"] == ("Cooperation", "Positive")
    assert "say" in lexicons.reporting


def test_bad_row_names_file_and_line(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("cue,pos,stance_type,polarity,frame\nsupport,VERB,Support,Negative,agent\n")
    with pytest.raises(KnowledgeBaseError, match=r"cues.csv:2"):
        load_stance_lexicon(bad)
