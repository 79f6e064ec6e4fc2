"""The msgpack codecs of the records in Doc extensions (graphbuilder.nlp.codec), without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

import srsly

from graphbuilder.nlp.codec import RECORD_TAG, plain, register_codecs
from graphbuilder.records import Article, Entity, Evidence, Mention, Relation, Stance

EVIDENCE = Evidence("Kazakhstan joined the CSTO.", 0, 27)
VALUES = {
    "article": Article("a.txt", "Kazakhstan joined the CSTO.", "ab" * 32, date="2022-11-23"),
    "entities": {
        "country/KAZ": Entity(
            "country/KAZ", "Country", "Kazakhstan", {"Kazakh", "RK"}, "Q232", documents={"d1"}
        )
    },
    "mentions": [Mention("Kazakhstan", 0, 10, "country/KAZ", "name", 0)],
    "relations": [Relation("country/KAZ", "memberOf", "org/csto", 0.9, EVIDENCE)],
    "stances": [
        Stance("country/KAZ", "org/csto", "Positive", "Support", "AuthorOpinion", EVIDENCE)
    ],
    "token_entity": {0: "country/KAZ"},
}


def test_records_round_trip_through_msgpack():
    register_codecs()
    back = srsly.msgpack_loads(srsly.msgpack_dumps(VALUES))
    assert back == VALUES
    assert back["entities"]["country/KAZ"].aliases == {"Kazakh", "RK"}
    assert back["relations"][0].evidence == EVIDENCE


def test_written_form_is_plain_json_with_sorted_sets():
    data = plain(VALUES)
    assert json.loads(json.dumps(data)) == {**data, "token_entity": {"0": "country/KAZ"}}
    entity = data["entities"]["country/KAZ"]
    assert entity[RECORD_TAG] == "Entity" and entity["aliases"] == ["Kazakh", "RK"]
    assert data["stances"][0]["evidence"] == {
        RECORD_TAG: "Evidence",
        "text": "Kazakhstan joined the CSTO.",
        "char_start": 0,
        "char_end": 27,
    }


def test_codec_module_imports_nothing_heavy():
    """srsly loads the codecs through an entry point whenever it packs or unpacks (spaCy's own
    import included): their module must not import spaCy or the rest of graphbuilder."""
    code = (
        "import sys, graphbuilder.nlp.codec; "
        "print(sorted(m for m in sys.modules if m.startswith(('spacy', 'graphbuilder'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.replace("'", '"')) == [
        "graphbuilder",
        "graphbuilder.nlp",
        "graphbuilder.nlp.codec",
        "graphbuilder.records",
        "graphbuilder.version",
    ]
