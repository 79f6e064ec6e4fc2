"""Issue 14, package data: where the data folders are found, and a user's own KB and lexicons.

:mod:`graphbuilder.paths` is the one place that resolves ``ontology/``, ``queries/``, the
templates, the KB folder and the lexicon folder. A folder given by the user (``--kb``,
``--lexicons``, ``$GRAPHBUILDER_KB``, ``$GRAPHBUILDER_LEXICONS``) replaces the default one
whole, also for the loaders that take no folder argument.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from graphbuilder import paths
from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.rdf.iris import kb_entry_iri
from tests.custom_kb import ADDED, DROPPED, DROPPED_SOURCE, TEXT, custom_kb

PROJECT = Path(__file__).resolve().parent.parent
GB = "https://w3id.org/graphbuilder/ontology#"


def _clear_env(monkeypatch) -> None:
    for name in (paths.HOME_ENV, paths.KB_ENV, paths.LEXICONS_ENV):
        monkeypatch.delenv(name, raising=False)


# ------------------------------------------------------------------------------ resolution
def test_checkout_folders_are_found_beside_the_package(monkeypatch):
    _clear_env(monkeypatch)
    assert not paths.package_dir("ontology").exists()  # a checkout: mapped only into wheels
    assert paths.ontology_dir() == PROJECT / "ontology"
    assert paths.queries_dir() == PROJECT / "queries"
    assert paths.kb_dir() == PROJECT / "ontology" / "kb"
    assert paths.lexicon_dir() == PROJECT / "ontology" / "lexicon"
    assert (paths.package_dir("view", "templates") / "graph.html.j2").is_file()
    assert (paths.package_dir("analyze", "templates") / "report.html.j2").is_file()


def test_argument_beats_selection_beats_environment(monkeypatch, tmp_path):
    _clear_env(monkeypatch)
    env_kb, env_lex, sel_kb, arg = (tmp_path / n for n in ("ek", "el", "sk", "arg"))
    monkeypatch.setenv(paths.KB_ENV, str(env_kb))
    monkeypatch.setenv(paths.LEXICONS_ENV, str(env_lex))
    assert paths.kb_dir() == env_kb
    assert paths.lexicon_dir() == env_lex
    with paths.use_data(kb=sel_kb) as (kb, lex):
        assert kb == paths.kb_dir() == sel_kb
        assert lex == paths.lexicon_dir() == env_lex  # not selected: left as it was
        assert paths.kb_dir(arg) == arg
    assert paths.kb_dir() == env_kb  # the block restored the previous folders


def test_home_environment_moves_ontology_and_queries(monkeypatch, tmp_path):
    _clear_env(monkeypatch)
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    assert paths.ontology_dir() == tmp_path / "ontology"
    assert paths.queries_dir() == tmp_path / "queries"
    assert paths.kb_dir() == tmp_path / "ontology" / "kb"


def test_loaders_without_a_folder_follow_the_selected_lexicons(monkeypatch, tmp_path):
    """The cached loaders are cached per folder: a selected folder is read, and the default one
    again after the block (no stale cache, no mixing)."""
    from graphbuilder.extract.lexicon import default_lexicons
    from graphbuilder.extract.syntax import inclusion_words
    from graphbuilder.ingest.cues import load_clutter_cues
    from graphbuilder.resolve.lexicons import load_linking_lexicons

    _clear_env(monkeypatch)
    default_inclusion = inclusion_words()
    default_clutter = load_clutter_cues()
    lex = tmp_path / "lexicon"
    shutil.copytree(PROJECT / "ontology" / "lexicon", lex)
    cues = lex / "relation_cues.csv"
    with cues.open("a", encoding="utf-8") as fh:
        fh.write("amongst-them,inclusion,test\n")
    (lex / "clutter.csv").write_text(
        "kind,scope,max_words,pattern,note,source\nads,line,,^advert,,test\n", encoding="utf-8"
    )
    (lex / "pronouns.csv").write_text("pronoun,entity_class\nzir,Person\n", encoding="utf-8")
    with paths.use_data(lexicons=lex):
        assert "amongst-them" in inclusion_words()
        assert "amongst-them" in default_lexicons().relations.kinds["inclusion"]
        assert [c.kind for c in load_clutter_cues()] == ["ads"]
        assert set(load_linking_lexicons().pronouns) == {"zir"}
    assert inclusion_words() == default_inclusion
    assert load_clutter_cues() == default_clutter
    assert "zir" not in load_linking_lexicons().pronouns


def test_kb_office_titles_come_from_the_lexicon_folder_in_effect(tmp_path):
    from graphbuilder.resolve.kb import load_kb

    lex = tmp_path / "lexicon"
    shutil.copytree(PROJECT / "ontology" / "lexicon", lex)
    (lex / "offices.csv").write_text(
        "title,office,relation,source\ngrand vizier,prime_minister,leaderOf,test\n",
        encoding="utf-8",
    )
    mine = load_kb(lexicons=lex)
    assert mine.office_for_title(["grand", "vizier"]) == "prime_minister"
    assert mine.office_for_title(["president"]) is None
    assert load_kb().office_for_title(["president"]) == "president"


def test_missing_kb_folder_is_one_line_before_anything_is_written(monkeypatch, tmp_path):
    from graphbuilder.build import build

    _clear_env(monkeypatch)
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(KnowledgeBaseError, match=r"nope: knowledge-base folder not found$"):
        build([doc], out, kb_dir=tmp_path / "nope")
    monkeypatch.setenv(paths.LEXICONS_ENV, str(tmp_path / "gone"))
    with pytest.raises(
        KnowledgeBaseError, match=r"gone: lexicon folder not found \(from \$GRAPHBUILDER_LEXICONS\)"
    ):
        build([doc], out)
    assert not out.exists()


def test_fingerprint_names_the_folders_read(tmp_path):
    from graphbuilder.build import pipeline_fingerprint

    kb = custom_kb(tmp_path / "kb")
    assert pipeline_fingerprint() == pipeline_fingerprint(kb_dir=paths.kb_dir())
    assert pipeline_fingerprint(kb_dir=kb) != pipeline_fingerprint()


# ------------------------------------------------------------------------------ a custom KB
def _linked(graph: Graph, kb_id: str) -> set:
    """The entities of ``graph`` linked to the KB entry ``kb_id``."""
    return set(graph.subjects(URIRef(GB + "kbEntry"), kb_entry_iri(kb_id)))


def _build(tmp_path: Path, name: str, **kwargs) -> Graph:
    """Build :data:`TEXT` into ``tmp_path/name``; return its ``graph.ttl`` (all documents)."""
    from graphbuilder.build import build

    doc = tmp_path / "astana.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = tmp_path / name
    build([doc], out, view=False, **kwargs)
    return Graph().parse(out / "graph.ttl", format="turtle")


@pytest.mark.slow
def test_custom_kb_adds_an_entity_and_drops_a_default_one(nlp, tmp_path):
    default = _build(tmp_path, "default", nlp=nlp)
    assert _linked(default, DROPPED)
    assert not _linked(default, ADDED)  # a name the model finds, linked to nothing

    kb = custom_kb(tmp_path / "my-kb")
    mine = _build(tmp_path, "mine", kb_dir=kb)
    [added] = _linked(mine, ADDED)
    assert {str(o) for o in mine.objects(added, RDFS.label)} == {"Ilse Brandvold"}
    assert (added, RDF.type, URIRef(GB + "Person")) in mine

    # nothing of the dropped row: no entity linked to it, no trace of its id, IRI or strings
    assert not _linked(mine, DROPPED)
    text = "\n".join(" ".join(str(t) for t in triple) for triple in mine)
    for needle in (DROPPED, str(kb_entry_iri(DROPPED)), DROPPED_SOURCE, "Kasym-Zhomart"):
        assert needle not in text, needle
