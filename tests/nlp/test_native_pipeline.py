"""Issue 14, spaCy-native: graphbuilder's components run inside ``nlp.pipe``, declare what they
read and write, take their data from their configured folders, keep their extension values
through bytes, and load again from disk in a fresh process (real spaCy pipeline)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from graphbuilder.nlp.extensions import doc_extensions
from graphbuilder.nlp.run import process_articles, records_from_doc
from graphbuilder.paths import use_data
from tests.helpers import make_article

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parent.parent.parent
TEXT = (
    "Kazakhstan's president meets the CSTO\n\n"
    "Kassym-Jomart Tokayev, the President of Kazakhstan, condemned Russia on Monday. "
    "He praised the CSTO and said the organization would send troops to Almaty. "
    "The G7 members, including Japan and Canada, criticized China."
)
TEXTS = [
    TEXT,
    "NATO members, namely Turkey and Hungary, opposed the plan.",
    "The European Union welcomed the agreement. Emmanuel Macron of France supported it.",
]


def _records(nlp, texts, **kwargs):
    articles = [make_article(t, date="2023-05-01") for t in texts]
    out = []
    for article, doc in process_articles(nlp, articles, **kwargs):
        assert doc._.gb_article == article
        out.append(records_from_doc(doc))
    return out


def test_analyze_pipes_reports_no_missing_requirement(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}
    summary = analysis["summary"]
    assert nlp.pipe_names[0] == "gb_article"
    assert "doc._.gb_article" in summary["gb_article"]["assigns"]
    assert {"doc._.gb_article", "doc.spans", "token.dep"} <= set(summary["gb_linker"]["requires"])
    assert "span._.gb_entity" in summary["gb_linker"]["assigns"]
    extractor = set(summary["gb_extractor"]["requires"])
    assert {"doc._.gb_token_entity", "doc._.gb_author", "token.lemma"} <= extractor


def test_components_run_inside_nlp_pipe_as_they_did_by_hand(nlp):
    """process_articles gives what the former loop gave: spaCy's components in nlp.pipe,
    then each gb_* component after ner called by hand on the Doc."""
    article = make_article(TEXT, date="2023-05-01")
    own = ["gb_kb_ruler", "gb_entity_spans", "gb_linker", "gb_extractor"]
    with nlp.select_pipes(disable=own):
        [doc] = list(nlp.pipe([article.text]))
    doc._.gb_article = article
    for name in own:
        doc = nlp.get_pipe(name)(doc)
    by_hand = records_from_doc(doc)
    [(_, inside)] = list(process_articles(nlp, [article]))
    assert records_from_doc(inside) == by_hand
    assert {s.stance_type for s in by_hand.stances} >= {"Condemnation", "Praise"}


def test_plain_call_gets_an_article_from_the_text(nlp):
    doc = nlp("Kassym-Jomart Tokayev condemned Russia.")
    assert doc._.gb_article.text == doc.text
    assert doc._.gb_article.doc_id == make_article(doc.text).doc_id
    assert [(s.holder, s.target) for s in doc._.gb_stances] == [
        ("person/kassym-jomart-tokayev", "country/RUS")
    ]


def test_two_spacy_processes_give_the_same_records(nlp):
    """n_process=2: the whole pipeline runs in spaCy's workers; the Docs come back as bytes."""
    one = _records(nlp, TEXTS)
    two = _records(nlp, TEXTS, n_process=2, batch_size=1)
    assert two == one
    assert len(one[0].stances) >= 2


def test_spawned_spacy_processes_give_the_same_records(nlp, monkeypatch):
    """As above with the ``spawn`` start method (macOS, Windows): the components are pickled
    into fresh processes, which load nothing else of the parent."""
    import multiprocessing

    import spacy.language

    monkeypatch.setattr(spacy.language, "mp", multiprocessing.get_context("spawn"))
    assert _records(nlp, TEXTS[1:], n_process=2, batch_size=1) == _records(nlp, TEXTS[1:])


def test_extension_values_survive_a_docbin_round_trip(nlp):
    [(_, doc)] = list(process_articles(nlp, [make_article(TEXT, date="2023-05-01")]))
    before = records_from_doc(doc)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [back] = list(DocBin(store_user_data=True).from_bytes(data).get_docs(Vocab()))
    assert records_from_doc(back) == before
    assert back._.gb_token_entity == doc._.gb_token_entity
    assert [e._.gb_entity for e in back.ents] == [e._.gb_entity for e in doc.ents]
    extensions = doc_extensions(back)
    assert extensions == doc_extensions(doc)
    assert json.loads(json.dumps(extensions))["gb_author"] is None
    doc_id = doc._.gb_article.doc_id
    assert before.entities["country/KAZ"].documents == {doc_id}  # sets come back as sets
    assert records_from_doc(back).entities["country/KAZ"].documents == {doc_id}


_RELOAD = """
import json, sys
import spacy
assert "graphbuilder.nlp.components" not in sys.modules
nlp = spacy.load(sys.argv[1])  # the gb_* factories come from the spacy_factories entry points
from graphbuilder.nlp.extensions import doc_extensions
print(json.dumps({"pipes": nlp.pipe_names, "doc": doc_extensions(nlp(sys.argv[2]))}))
"""


def test_saved_pipeline_loads_in_a_fresh_process_with_the_same_extensions(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    done = subprocess.run(
        [sys.executable, "-c", _RELOAD, str(tmp_path / "pipeline"), TEXT],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    reloaded = json.loads(done.stdout)
    assert reloaded["pipes"] == nlp.pipe_names
    here = json.loads(json.dumps(doc_extensions(nlp(TEXT))))
    assert reloaded["doc"] == here
    assert any(s["stance_type"] == "Condemnation" for s in here["gb_stances"])


def test_configured_lexicon_folder_is_read_even_when_another_is_in_effect(nlp, tmp_path):
    """A pipeline configured with its own lexicon folder reads the inclusion cues ("X members,
    including Y") from it, not from the folder in effect while it runs."""
    from graphbuilder.nlp.pipeline import load_pipeline

    default = PROJECT / "ontology" / "lexicon"
    mine = tmp_path / "lexicon"
    shutil.copytree(default, mine)
    cues = (default / "relation_cues.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (mine / "relation_cues.csv").write_text(
        "".join(line for line in cues if ",inclusion," not in line), encoding="utf-8"
    )
    text = "The G7 members, including Japan and Canada, condemned Russia."
    custom = load_pipeline(lexicon_dir=mine)
    assert custom.get_pipe("gb_extractor").data_dirs[1] == str(mine.resolve())
    with use_data(lexicons=default):
        [ours] = _records(custom, [text])
        [theirs] = _records(nlp, [text])
    assert sorted(s.holder for s in theirs.stances) == ["country/CAN", "country/JPN"]
    assert [s.holder for s in ours.stances] == ["org/g7"]


def test_readme_pipeline_example_prints_what_it_says(capsys):
    """The ``python`` block of the README's "How it works" section runs and prints the line
    its last comment shows."""
    import re

    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## How it works\n") :]
    section = section.split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    expected = code.rstrip().splitlines()[-1].removeprefix("# ")
    assert capsys.readouterr().out.strip() == expected


def test_nlp_initialize_reads_the_configured_folders(tmp_path):
    """spaCy's own ``nlp.initialize`` initializes the components from their factory config."""
    import spacy

    lexicons = tmp_path / "lexicon"
    shutil.copytree(PROJECT / "ontology" / "lexicon", lexicons)
    blank = spacy.blank("en")
    blank.add_pipe("gb_article")
    linker = blank.add_pipe("gb_linker", config={"kb_dir": str(PROJECT / "ontology" / "kb")})
    extractor = blank.add_pipe("gb_extractor", config={"lexicon_dir": str(lexicons)})
    assert not linker.is_initialized
    blank.initialize()
    assert linker.data_dirs[0] == str((PROJECT / "ontology" / "kb").resolve())
    assert extractor.data_dirs == (None, str(lexicons.resolve()))
    assert blank.config["components"]["gb_extractor"]["lexicon_dir"] == str(lexicons)
