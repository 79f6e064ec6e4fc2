"""The knowledge base: countries, organizations, groups, places, people and their offices.

Loaded from the data files in ``ontology/kb/`` (each row with its source). This module only
reads and indexes them; the data lives in the files.

INTERFACE (stable; other modules code against it):

- ``KBEntry``: one entity of the KB.
- ``OfficeTerm``: one person's term in one office.
- ``KnowledgeBase.load(directory=None) -> KnowledgeBase`` (cached per directory by ``load_kb``).
- ``kb.entries: dict[str, KBEntry]`` by id.
- ``kb.lookup(name) -> list[KBEntry]``: entries whose label, alias or demonym normalises to
  ``normalize_name(name)``.
- ``kb.demonym(word) -> KBEntry | None``: the state an adjective or demonym stands for
  ("Kazakh" -> Kazakhstan).
- ``kb.holders(office, org_id, on_date) -> list[OfficeTerm]``: who held ``office`` of
  ``org_id`` on ISO date ``on_date`` (all terms when ``on_date`` is None).
- ``kb.terms_of(person_id) -> list[OfficeTerm]``.
- ``kb.office_for_title(words) -> str | None``: the office id a title phrase names
  ("president", "prime minister", "defence minister" ...), from ``ontology/lexicon/offices.csv``.
- ``kb.patterns() -> list[dict]``: spaCy EntityRuler patterns ``{"label", "pattern", "id"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One knowledge-base entity.

    Attributes
    ----------
    id : str
        Stable id, ``<kind>/<slug>``: ``country/KAZ`` (ISO 3166 alpha-3), ``org/csto``,
        ``person/kassym-jomart-tokayev``, ``place/moscow``, ``group/taliban``, ``event/...``.
    cls : str
        Person, Country, Organization, Location or Event.
    label : str
        Canonical English name.
    aliases : tuple of str
        Other names: official, short, historical, transliterated, acronyms, other languages'
        acronyms ("ODKB").
    qid : str or None
        Wikidata QID (``Q232``).
    subclass : str or None
        Finer class for the ontology (IntergovernmentalOrganization, ArmedGroup,
        GovernmentBody, City, Region ...).
    demonyms : tuple of str
        Adjectives and demonyms that stand for the state ("Kazakh", "Kazakhstani").
    part_of, member_of, located_in : tuple of str
        KB ids, for background relations.
    ambiguous : tuple of str
        Aliases knowingly shared with another entry.
    source : str
        Where the row comes from (package and version, Wikidata, a named reference).
    """

    id: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    subclass: str | None = None
    demonyms: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """A person's term in an office: ``person`` held ``office`` of ``org`` from ``start`` to
    ``end`` (ISO dates; ``end`` None while in office). ``relation`` is ``leaderOf`` or
    ``officialOf``."""

    person: str
    office: str
    org: str
    relation: str
    start: str
    end: str | None = None
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
