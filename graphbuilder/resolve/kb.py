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
- ``kb.title_words() -> frozenset[str]``: the words of the office titles.
- ``kb.office_for_title(words) -> str | None``: the office id a title phrase names
  ("president", "prime minister", "defence minister" ...), from ``ontology/lexicon/offices.csv``.
- ``kb.patterns() -> list[dict]``: spaCy EntityRuler patterns ``{"label", "pattern", "id"}``.

Data files
----------
Every ``*.csv`` directly in the KB folder is read (UTF-8, header row); its kind is told by
its header (``sources/`` holds generator inputs and is not read):

entity files (``countries.csv``, ``organizations.csv``, ``people.csv``, ``places*.csv``,
``regions.csv``, ``imported.csv`` ...)
    ``id, cls, label, source`` required; optional ``subclass, aliases, demonyms, qid,
    part_of, member_of, located_in, ambiguous``. Lists are ``|``-separated. A row of an
    ``imported*.csv`` file whose QID is already in the KB is merged into that entry (its
    aliases added) instead of creating a second entry.
terms (``offices.csv``)
    ``person, office, org, relation, start, end, roles, source``: ``relation`` is
    ``leaderOf`` or ``officialOf``; ``start``/``end`` are ISO dates (``YYYY``, ``YYYY-MM``
    or ``YYYY-MM-DD``; ``end`` empty while in office, otherwise the day the term ended,
    normally the successor's first day); ``roles`` is ``head_of_state``,
    ``head_of_government`` or both (``|``).
memberships (``memberships*.csv``)
    ``member, org, start, end, source``: filled into ``KBEntry.member_of``.
context cues (``context_cues.csv``)
    ``word, reading, source``: a word next to an ambiguous place name that asks for one kind
    of place (``governor`` -> ``Region``, a state or province; ``president`` -> ``Country``;
    ``mayor`` -> ``City``), read by :mod:`graphbuilder.resolve.context`; in
    ``kb.context_cues`` (lower-case word -> reading).
name particles (``name_particles.csv``)
    ``particle, source``: function words and name particles ("of", "the", "de", "al",
    "von" ...) that real names write in lower case; see :func:`lowercase_words`.
lower-case names (``lowercase_names.csv``)
    ``name, reason, source``: labels and aliases allowed although they hold a lower-case
    common word ("Haqqani network", "Kursk region"); a ``name`` with ``{placeholders}``
    allows every name its pattern makes (``{demonym} foreign ministry``). Any other name with
    such a word is a descriptive phrase, not a name (:meth:`KnowledgeBase.descriptive_names`).
subclasses (``subclasses.csv``)
    ``subclass, parent, label, comment, source``: the finer classes an entity row may name
    (``IntergovernmentalOrganization`` under ``Organization``); a row naming a subclass that
    is not listed, or listed under another class, is an error. Without the file any
    subclass is accepted.
Wikidata links (``wikidata.csv``)
    ``id, qid, source``: the Wikidata item of a KB entity, with the public file (repository,
    commit, path, line) it was read from; written by ``scripts/kb/gen_wikidata_qids.py``.
    It sets ``KBEntry.qid`` (replacing a QID typed into the entity row) and
    ``KBEntry.qid_source``; an unknown id or a QID already given to another entity is an
    error.
leader offices (``leader_offices.csv``)
    ``country, leader_office, source``: the office whose holder *is* the state's leader
    where that is not the head of state (United Kingdom: ``prime_minister``; Germany:
    ``chancellor``; Iran: ``supreme_leader``).
ministry templates (``ministry_templates.csv``)
    ``key, id_template, subclass, label_template, alias_templates,
    demonym_alias_templates, covered_by, source``: expanded by code for every sovereign state
    (``org/mfa-KAZ`` "Ministry of Foreign Affairs of Kazakhstan", alias "Kazakh Foreign
    Ministry", part of ``country/KAZ``); no ministry is listed per country. ``covered_by``
    (``country/GBR=org/uk-foreign-office|...``) names hand-made entries that are that
    ministry: the generated names are added to them instead.

Leaders
-------
``holders("head_of_state", org)`` and ``holders("head_of_government", org)`` select terms by
their ``roles``; ``holders("leader", org)`` returns the holders of the state's leader office
from ``leader_offices.csv`` when listed, else the head of state (so "the head of Kazakhstan"
/ "the Kazakh leader" is the President of Kazakhstan, "the British leader" the UK Prime
Minister); for an organization it is the holders of any ``leaderOf`` office.

Errors
------
A malformed row raises :class:`graphbuilder.errors.KnowledgeBaseError` naming the file and
line: a missing required column or value, an unknown class, a badly formed QID or date, a
duplicate id, a row with more fields than the header, a subclass not in ``subclasses.csv``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.names import normalize_name
from graphbuilder.paths import kb_dir, lexicon_dir

ENTITY_CLASSES = ("Person", "Country", "Organization", "Location", "Event")
SPACY_LABELS = {
    "Person": "PERSON",
    "Country": "GPE",
    "Organization": "ORG",
    "Location": "LOC",
    "Event": "EVENT",
}
QID_RE = re.compile(r"^Q[1-9]\d*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RELATIONS = ("leaderOf", "officialOf")
CUE_READINGS = ("Region", "Country", "City")
ROLES = ("head_of_state", "head_of_government")


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
    qid_source : str
        Where the QID was read (file, commit and line), for a QID from ``wikidata.csv``.
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
    file : str
        The data file (name only) the row was read from.
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
    file: str = ""
    qid_source: str = ""


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """A person's term in an office: ``person`` held ``office`` of ``org`` from ``start`` to
    ``end`` (ISO dates; ``end`` None while in office). ``relation`` is ``leaderOf`` or
    ``officialOf``. ``roles`` says whether the office is the state's head of state and/or
    head of government."""

    person: str
    office: str
    org: str
    relation: str
    start: str
    end: str | None = None
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    roles: tuple[str, ...] = ()

    def in_force(self, on_date: str) -> bool:
        """True when the term covers the ISO date ``on_date``: ``start <= day < end``, a
        year or month alone taken as its first day for the start and its last for the end."""
        day = on_date[:10]
        return _pad_start(self.start or "0000") <= day and (
            self.end is None or day < _pad_end(self.end)
        )


@dataclass(frozen=True, slots=True)
class SubclassDef:
    """A finer class of the ontology: ``name`` is a subclass of ``parent`` (one of the five
    entity classes), with an English ``label`` and ``comment`` for the ontology."""

    name: str
    parent: str
    label: str
    comment: str = ""
    source: str = ""


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    out: list[str] = []
    for part in value.split("|"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return tuple(out)


_EDGE_PUNCT = "()[]{}\"'’‘“”,.;:!?"


def lowercase_words(name: str, particles: frozenset[str] | set[str]) -> list[str]:
    """Return the lower-case common words of a name: the words with no capital letter that
    are not function words or name particles.

    A word is a whitespace-separated token stripped of edge punctuation; one that does not
    start with a letter ("9/11", "6th") is skipped; a hyphenated word is kept when every
    part is a particle ("al-" compounds are capitalised after the hyphen anyway).

    Parameters
    ----------
    name : str
        A label or alias.
    particles : set of str
        Lower-case function words and name particles (``name_particles.csv``).

    Returns
    -------
    list of str
        The offending words in order; empty for a proper name.

    Examples
    --------
    >>> lowercase_words("UN peacekeeping", {"of", "the"})
    ['peacekeeping']
    >>> lowercase_words("Islamic State of Iraq and the Levant", {"of", "and", "the"})
    []
    """
    out = []
    for token in name.split():
        word = token.strip(_EDGE_PUNCT)
        if not word or not word[0].isalpha() or any(c.isupper() for c in word):
            continue
        parts = [p for p in re.split(r"[-–]", word.casefold()) if p]
        if parts and all(p in particles for p in parts):
            continue
        out.append(word)
    return out


def _template_regex(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".+".join(re.escape(p) for p in pieces) + r"\Z")


def _pad_start(d: str) -> str:
    return d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d


def _pad_end(d: str) -> str:
    if len(d) == 4:
        return d + "-12-31"
    if len(d) == 7:
        return d + "-31"
    return d


def _need(path: Path, line: int, row: dict[str, str], *cols: str) -> None:
    for col in cols:
        if not row.get(col):
            raise KnowledgeBaseError(f"{path}:{line}: empty required column '{col}'")


def _check_date(path: Path, line: int, value: str, col: str) -> None:
    if value and not DATE_RE.match(value):
        raise KnowledgeBaseError(f"{path}:{line}: '{col}' is not an ISO date: {value!r}")


class KnowledgeBase:
    """The loaded, indexed knowledge base (see the module docstring for the files).

    Attributes
    ----------
    entries : dict of str to KBEntry
        Every entity by id.
    terms : list of OfficeTerm
        Every office term.
    directory : pathlib.Path
        The folder it was loaded from.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries: dict[str, KBEntry] = {}
        self.terms: list[OfficeTerm] = []
        self.leader_offices: dict[str, str] = {}
        self._titles: dict[str, tuple[str, str]] = {}
        self._by_name: dict[str, list[str]] = {}
        self._by_demonym: dict[str, str] = {}
        self._by_qid: dict[str, str] = {}
        self._terms_by_org: dict[str, list[OfficeTerm]] = {}
        self._terms_by_person: dict[str, list[OfficeTerm]] = {}
        self._member_counts: dict[str, int] = {}
        self._patterns: list[dict] | None = None
        self.subclasses: dict[str, SubclassDef] = {}
        self.name_particles: frozenset[str] = frozenset()
        self.lowercase_names: dict[str, str] = {}
        self.seats: dict[str, str] = {}
        # member -> org -> the (start, end) periods of memberships*.csv (ISO dates or "")
        self.membership_periods: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self.context_cues: dict[str, str] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls, directory: str | Path | None = None, lexicons: str | Path | None = None
    ) -> KnowledgeBase:
        """Read every KB data file of ``directory`` and index it.

        Parameters
        ----------
        directory : str or pathlib.Path, optional
            The KB folder; default :func:`graphbuilder.paths.kb_dir` (``--kb``,
            ``$GRAPHBUILDER_KB``, else ``ontology/kb``).
        lexicons : str or pathlib.Path, optional
            The lexicon folder whose ``offices.csv`` holds the office titles; default
            :func:`graphbuilder.paths.lexicon_dir` (``--lexicons``,
            ``$GRAPHBUILDER_LEXICONS``, else ``ontology/lexicon``).

        Returns
        -------
        KnowledgeBase

        Raises
        ------
        KnowledgeBaseError
            The folder is missing or a row is malformed (the message names file and line).
        """
        folder = kb_dir(directory)
        if not folder.is_dir():
            raise KnowledgeBaseError(f"{folder}: knowledge-base folder not found")
        kb = cls(folder)
        entity_rows: list[tuple[Path, int, dict[str, str]]] = []
        member_rows: list[tuple[Path, int, dict[str, str]]] = []
        template_rows: list[tuple[Path, int, dict[str, str]]] = []
        term_rows: list[tuple[Path, int, dict[str, str]]] = []
        qid_rows: list[tuple[Path, int, dict[str, str]]] = []
        for path in sorted(folder.glob("*.csv")):
            header, rows = read_csv_rows(path)
            cols = set(header)
            if {"person", "office", "org"} <= cols:
                term_rows.extend((path, n, r) for n, r in rows)
            elif {"member", "org"} <= cols:
                member_rows.extend((path, n, r) for n, r in rows)
            elif {"country", "leader_office"} <= cols:
                for n, r in rows:
                    _need(path, n, r, "country", "leader_office", "source")
                    kb.leader_offices[r["country"]] = r["leader_office"]
            elif {"seat", "country"} <= cols:
                for n, r in rows:
                    _need(path, n, r, "seat", "country", "source")
                    kb.seats[r["seat"]] = r["country"]
            elif {"word", "reading"} <= cols:
                for n, r in rows:
                    _need(path, n, r, "word", "reading", "source")
                    if r["reading"] not in CUE_READINGS:
                        raise KnowledgeBaseError(
                            f"{path}:{n}: reading {r['reading']!r} is not one of "
                            f"{', '.join(CUE_READINGS)}"
                        )
                    kb.context_cues[r["word"].casefold()] = r["reading"]
            elif "particle" in cols:
                for n, r in rows:
                    _need(path, n, r, "particle", "source")
                kb.name_particles |= {r["particle"].casefold() for _, r in rows}
            elif {"name", "reason"} <= cols:
                for n, r in rows:
                    _need(path, n, r, "name", "reason", "source")
                    kb.lowercase_names[r["name"]] = r["reason"]
            elif {"subclass", "parent"} <= cols and "id" not in cols:
                for n, r in rows:
                    kb._add_subclass(path, n, r)
            elif {"id", "qid", "source"} <= cols and "cls" not in cols:
                qid_rows.extend((path, n, r) for n, r in rows)
            elif "id_template" in cols:
                template_rows.extend((path, n, r) for n, r in rows)
            elif {"id", "cls", "label"} <= cols:
                entity_rows.extend((path, n, r) for n, r in rows)
            else:
                raise KnowledgeBaseError(
                    f"{path}:1: unknown header {header}; see graphbuilder.resolve.kb"
                )
        if kb.subclasses:
            for path, line, row in entity_rows + template_rows:
                kb._check_subclass(path, line, row)
        imported = [t for t in entity_rows if t[0].name.startswith("imported")]
        for path, line, row in [t for t in entity_rows if t not in imported]:
            kb._add_entity(path, line, row)
        for path, line, row in template_rows:
            kb._expand_template(path, line, row)
        for path, line, row in imported:
            kb._add_entity(path, line, row, merge_by_qid=True)
        relinked = {row.get("id") for _, _, row in qid_rows}
        kb._by_qid = {q: eid for q, eid in kb._by_qid.items() if eid not in relinked}
        for path, line, row in qid_rows:
            kb._set_qid(path, line, row)
        kb._add_memberships(member_rows)
        for path, line, row in term_rows:
            kb._add_term(path, line, row)
        kb._load_titles(lexicon_dir(lexicons) / "offices.csv")
        kb._index()
        return kb

    def _add_entity(
        self, path: Path, line: int, row: dict[str, str], merge_by_qid: bool = False
    ) -> None:
        _need(path, line, row, "id", "cls", "label", "source")
        if row["cls"] not in ENTITY_CLASSES:
            raise KnowledgeBaseError(
                f"{path}:{line}: class {row['cls']!r} is not one of {', '.join(ENTITY_CLASSES)}"
            )
        qid = row.get("qid") or None
        if qid and not QID_RE.match(qid):
            raise KnowledgeBaseError(f"{path}:{line}: malformed Wikidata QID {qid!r}")
        if merge_by_qid and qid and qid in self._by_qid:
            old = self.entries[self._by_qid[qid]]
            extra = tuple(a for a in (row["label"], *_split(row.get("aliases"))) if a != old.label)
            self.entries[old.id] = replace(old, aliases=tuple(dict.fromkeys(old.aliases + extra)))
            return
        if row["id"] in self.entries:
            prev = self.entries[row["id"]]
            raise KnowledgeBaseError(
                f"{path}:{line}: duplicate id {row['id']!r} (first in {prev.file})"
            )
        entry = KBEntry(
            id=row["id"],
            cls=row["cls"],
            label=row["label"],
            aliases=tuple(a for a in _split(row.get("aliases")) if a != row["label"]),
            qid=qid,
            subclass=row.get("subclass") or None,
            demonyms=_split(row.get("demonyms")),
            part_of=_split(row.get("part_of")),
            member_of=_split(row.get("member_of")),
            located_in=_split(row.get("located_in")),
            ambiguous=_split(row.get("ambiguous")),
            source=row["source"],
            file=path.name,
        )
        self.entries[entry.id] = entry
        if qid:
            self._by_qid.setdefault(qid, entry.id)

    def _set_qid(self, path: Path, line: int, row: dict[str, str]) -> None:
        """Give entity ``row["id"]`` the sourced QID of a ``wikidata.csv`` row (it replaces a
        QID the entity row carries: the linked file is the cited one). The caller has taken
        the re-linked entities out of the QID index."""
        _need(path, line, row, "id", "qid", "source")
        qid = row["qid"]
        if not QID_RE.match(qid):
            raise KnowledgeBaseError(f"{path}:{line}: malformed Wikidata QID {qid!r}")
        old = self.entries.get(row["id"])
        if old is None:
            raise KnowledgeBaseError(f"{path}:{line}: unknown entity id {row['id']!r}")
        if self._by_qid.get(qid, old.id) != old.id:
            raise KnowledgeBaseError(
                f"{path}:{line}: {qid} is already the QID of {self._by_qid[qid]!r}"
            )
        self.entries[old.id] = replace(old, qid=qid, qid_source=row["source"])
        self._by_qid[qid] = old.id

    def _add_subclass(self, path: Path, line: int, row: dict[str, str]) -> None:
        _need(path, line, row, "subclass", "parent", "label", "source")
        if row["parent"] not in ENTITY_CLASSES:
            raise KnowledgeBaseError(
                f"{path}:{line}: parent {row['parent']!r} is not one of {', '.join(ENTITY_CLASSES)}"
            )
        if row["subclass"] in self.subclasses or row["subclass"] in ENTITY_CLASSES:
            raise KnowledgeBaseError(f"{path}:{line}: duplicate subclass {row['subclass']!r}")
        self.subclasses[row["subclass"]] = SubclassDef(
            name=row["subclass"],
            parent=row["parent"],
            label=row["label"],
            comment=row.get("comment", ""),
            source=row["source"],
        )

    def _check_subclass(self, path: Path, line: int, row: dict[str, str]) -> None:
        sub = row.get("subclass")
        if not sub:
            return
        parent = row.get("cls") or ("Organization" if "id_template" in row else "")
        known = self.subclasses.get(sub)
        if known is None:
            raise KnowledgeBaseError(
                f"{path}:{line}: subclass {sub!r} is not defined in subclasses.csv"
            )
        if parent and known.parent != parent:
            raise KnowledgeBaseError(
                f"{path}:{line}: subclass {sub!r} is a subclass of {known.parent}, not {parent}"
            )

    def _expand_template(self, path: Path, line: int, row: dict[str, str]) -> None:
        _need(path, line, row, "key", "id_template", "label_template", "source")
        states = [
            e
            for e in list(self.entries.values())
            if e.cls == "Country" and e.subclass == "SovereignState"
        ]
        covered = dict(pair.split("=", 1) for pair in _split(row.get("covered_by")) if "=" in pair)
        for state in states:
            code = state.id.split("/", 1)[1]
            values = {"code": code, "country": state.label}
            eid = covered.get(state.id) or row["id_template"].format(**values)
            aliases: list[str] = []
            for name in (state.label, *[a for a in state.aliases if " " not in a]):
                for tpl in _split(row.get("alias_templates")):
                    aliases.append(tpl.format(code=code, country=name))
            for dem in state.demonyms:
                for tpl in _split(row.get("demonym_alias_templates")):
                    aliases.append(tpl.format(code=code, country=state.label, demonym=dem))
            label = row["label_template"].format(**values)
            if eid in self.entries:  # a hand-made entry covers this ministry: add the names
                old = self.entries[eid]
                names = (label, *aliases)
                extra = tuple(a for a in names if a != old.label and a not in old.aliases)
                self.entries[eid] = replace(old, aliases=old.aliases + tuple(dict.fromkeys(extra)))
                continue
            self.entries[eid] = KBEntry(
                id=eid,
                cls="Organization",
                label=label,
                aliases=tuple(a for a in dict.fromkeys(aliases) if a != label),
                subclass=row.get("subclass") or "GovernmentBody",
                part_of=(state.id,),
                source=f"{row['source']} ({path.name} '{row['key']}' x {state.id})",
                file=path.name,
            )

    def _add_memberships(self, rows: list[tuple[Path, int, dict[str, str]]]) -> None:
        extra: dict[str, list[str]] = {}
        for path, line, row in rows:
            _need(path, line, row, "member", "org", "source")
            _check_date(path, line, row.get("start", ""), "start")
            _check_date(path, line, row.get("end", ""), "end")
            period = (row.get("start", ""), row.get("end", ""))
            by_org = self.membership_periods.setdefault(row["member"], {})
            by_org.setdefault(row["org"], []).append(period)
            if row.get("end"):
                continue  # a past membership: not in member_of, but in membership_periods
            extra.setdefault(row["member"], []).append(row["org"])
        for member, orgs in extra.items():
            entry = self.entries.get(member)
            if entry is None:
                continue  # dangling ids are reported by the KB integrity tests
            merged = tuple(dict.fromkeys(entry.member_of + tuple(orgs)))
            self.entries[member] = replace(entry, member_of=merged)

    def _add_term(self, path: Path, line: int, row: dict[str, str]) -> None:
        _need(path, line, row, "person", "office", "org", "relation", "start", "source")
        if row["relation"] not in RELATIONS:
            raise KnowledgeBaseError(
                f"{path}:{line}: relation {row['relation']!r} is not leaderOf or officialOf"
            )
        _check_date(path, line, row["start"], "start")
        _check_date(path, line, row.get("end", ""), "end")
        roles = _split(row.get("roles"))
        for role in roles:
            if role not in ROLES:
                raise KnowledgeBaseError(f"{path}:{line}: unknown role {role!r}")
        self.terms.append(
            OfficeTerm(
                person=row["person"],
                office=row["office"],
                org=row["org"],
                relation=row["relation"],
                start=row["start"],
                end=row.get("end") or None,
                source=row["source"],
                extra={"file": path.name, "line": line},
                roles=roles,
            )
        )

    def _load_titles(self, path: Path) -> None:
        if not path.is_file():
            return
        _, rows = read_csv_rows(path)
        for line, row in rows:
            _need(path, line, row, "title", "office", "relation")
            self._titles[normalize_name(row["title"])] = (row["office"], row["relation"])

    def _index(self) -> None:
        for entry in self.entries.values():
            for name in (entry.label, *entry.aliases, *entry.demonyms):
                key = normalize_name(name)
                if key:
                    ids = self._by_name.setdefault(key, [])
                    if entry.id not in ids:
                        ids.append(entry.id)
            if entry.cls == "Country":
                for dem in entry.demonyms:
                    self._by_demonym.setdefault(normalize_name(dem), entry.id)
            for org in entry.member_of:
                self._member_counts[org] = self._member_counts.get(org, 0) + 1
        for term in self.terms:
            self._terms_by_org.setdefault(term.org, []).append(term)
            self._terms_by_person.setdefault(term.person, []).append(term)

    # ------------------------------------------------------------------ queries
    def lookup(self, name: str) -> list[KBEntry]:
        """Return the entries whose label, alias or demonym normalises like ``name``.

        Parameters
        ----------
        name : str
            A surface form ("Zhaparov", "the CSTO's", "Kyrgyz Republic").

        Returns
        -------
        list of KBEntry
            In file order; empty when unknown.
        """
        return [self.entries[i] for i in self._by_name.get(normalize_name(name), ())]

    def by_qid(self, qid: str) -> KBEntry | None:
        """Return the entry with Wikidata item ``qid`` (``"Q232"``), or None."""
        eid = self._by_qid.get(qid)
        return self.entries.get(eid) if eid else None

    def demonym(self, word: str) -> KBEntry | None:
        """Return the state a demonym or adjective stands for ("Kazakh" -> Kazakhstan).

        Parameters
        ----------
        word : str
            "Kazakh", "Kazakhstani", "Russian", "U.S."-style adjectives are looked up as names.

        Returns
        -------
        KBEntry or None
        """
        eid = self._by_demonym.get(normalize_name(word))
        return self.entries.get(eid) if eid else None

    def holders(self, office: str, org_id: str, on_date: str | None = None) -> list[OfficeTerm]:
        """Return the terms of ``office`` of ``org_id`` in force on ``on_date``.

        Parameters
        ----------
        office : str
            An office id (``president``, ``prime_minister``, ``foreign_minister``,
            ``defense_minister``, ``secretary_general`` ...), or one of the roles
            ``head_of_state`` / ``head_of_government``, or ``leader`` (see the module
            docstring).
        org_id : str
            KB id of the state or organization (``country/KAZ``, ``org/csto``).
        on_date : str, optional
            ISO date ``YYYY-MM-DD`` (a longer date-time is cut to its date). A term is in
            force when ``start <= on_date < end``. None: every term.

        Returns
        -------
        list of OfficeTerm
            Latest start first.
        """
        terms = self._terms_by_org.get(org_id, [])
        if office == "leader":
            lead = self.leader_offices.get(org_id)
            if lead:
                chosen = [t for t in terms if t.office == lead]
            elif org_id.startswith("country/"):
                chosen = [t for t in terms if "head_of_state" in t.roles]
            else:
                chosen = [t for t in terms if t.relation == "leaderOf"]
        elif office in ROLES:
            chosen = [t for t in terms if office in t.roles or t.office == office]
        else:
            chosen = [t for t in terms if t.office == office]
        if on_date:
            day = on_date[:10]
            chosen = [t for t in chosen if t.in_force(day)]
        return sorted(chosen, key=lambda t: t.start, reverse=True)

    def state_of_seat(self, entity_id: str) -> str | None:
        """The country whose government sits in ``entity_id`` (a capital), or None.

        From ``seats.csv`` (capitals from GeoNames, see ``scripts/kb/gen_seats.py``); only ids
        of the KB's own entries answer.

        Examples
        --------
        >>> load_kb().state_of_seat("place/beijing")
        'country/CHN'
        >>> load_kb().state_of_seat("place/shanghai") is None
        True
        """
        country = self.seats.get(entity_id)
        return country if country in self.entries else None

    def member_count(self, org_id: str) -> int:
        """Number of KB entries that are members of ``org_id`` (193 for the UN)."""
        return self._member_counts.get(org_id, 0)

    def memberships_on(self, member_id: str, on_date: str) -> list[str]:
        """The organizations ``member_id`` belonged to on the ISO date ``on_date``.

        Memberships with dates (``memberships*.csv``: ``start <= day < end``, a year or month
        alone read as in :meth:`OfficeTerm.in_force`) count on the days they cover, past
        ones included ("the UK in the EU" in 2015); a member_of without dates counts always.

        >>> kb = load_kb()
        >>> "org/nato" in kb.memberships_on("country/FIN", "2022-05-16")
        False
        >>> "org/nato" in kb.memberships_on("country/FIN", "2024-01-01")
        True
        """
        day = on_date[:10]
        entry = self.entries.get(member_id)
        dated = self.membership_periods.get(member_id, {})
        orgs = list(dict.fromkeys([*(entry.member_of if entry else ()), *dated]))
        out = []
        for org in orgs:
            periods = dated.get(org)
            if not periods or any(
                _pad_start(start or "0000") <= day and (not end or day < _pad_end(end))
                for start, end in periods
            ):
                out.append(org)
        return out

    def terms_of(self, person_id: str) -> list[OfficeTerm]:
        """Return every office term of ``person_id``, earliest first."""
        return sorted(self._terms_by_person.get(person_id, []), key=lambda t: t.start)

    def office_for_title(self, words: str | list[str] | tuple[str, ...]) -> str | None:
        """Return the office id a title phrase names, from ``ontology/lexicon/offices.csv``.

        Parameters
        ----------
        words : str or sequence of str
            "President", "prime minister", ["Defence", "Minister"], "Secretary-General".

        Returns
        -------
        str or None
        """
        text = words if isinstance(words, str) else " ".join(words)
        hit = self._titles.get(normalize_name(text))
        return hit[0] if hit else None

    def title_first_words(self) -> frozenset[str]:
        """The first word (normalised) of every title of ``offices.csv``: a token that is not
        one of them cannot start a title, so title matching skips it without a lookup."""
        cached = getattr(self, "_title_first", None)
        if cached is None:
            cached = frozenset(t.split()[0] for t in self._titles if t)
            self._title_first = cached
        return cached

    def title_words(self) -> frozenset[str]:
        """Every word (normalised, lower case) of the titles of ``offices.csv``: "president",
        "minister", "spokesperson", "secretary" ... A capitalised one is a title, no name.

        Returns
        -------
        frozenset of str
        """
        cached = getattr(self, "_title_words", None)
        if cached is None:
            cached = frozenset(w for t in self._titles for w in re.split(r"[\s-]+", t) if w)
            self._title_words = cached
        return cached

    def relation_for_office(self, office: str) -> str | None:
        """Return ``leaderOf`` or ``officialOf`` for an office id, per the title lexicon."""
        for off, rel in self._titles.values():
            if off == office:
                return rel
        return None

    def descriptive_names(self) -> list[tuple[str, str, list[str]]]:
        """Return the labels and aliases that hold a lower-case common word and are not
        allowed by ``lowercase_names.csv``: descriptive phrases rather than names, which a
        case-sensitive ruler matches inside longer phrases ("UN peacekeeping" in "UN
        peacekeeping missions").

        Returns
        -------
        list of (str, str, list of str)
            ``(entry id, name, lower-case words)``; empty when the data is clean.
        """
        exact = {n for n in self.lowercase_names if "{" not in n}
        patterns = [_template_regex(n) for n in self.lowercase_names if "{" in n]
        out = []
        for entry in self.entries.values():
            for name in (entry.label, *entry.aliases):
                words = lowercase_words(name, self.name_particles)
                if not words or name in exact or any(p.match(name) for p in patterns):
                    continue
                out.append((entry.id, name, words))
        return out

    def patterns(self) -> list[dict]:
        """Return spaCy EntityRuler patterns for every label and alias (not demonyms).

        Each pattern is ``{"label": PERSON|GPE|ORG|LOC|EVENT, "pattern": <phrase>, "id":
        <kb id>}`` (``Country`` -> GPE, ``Location`` -> LOC). Phrase patterns match the exact
        case, so "US" matches only upper case and "Chad"/"Turkey" only capitalised; the
        ruler tokenises hyphenated names itself and a possessive "'s" is a separate token.
        Dropped: names under two characters, a leading "the" (the ruler matches the rest),
        and names whose lower case is an English stop word unless written in capitals
        ("US", "WHO", "IS" stay; "Us" would not).

        Returns
        -------
        list of dict
        """
        if self._patterns is None:
            from spacy.lang.en.stop_words import STOP_WORDS

            out: list[dict] = []
            for entry in self.entries.values():
                label = SPACY_LABELS[entry.cls]
                seen: set[str] = set()
                for name in (entry.label, *entry.aliases):
                    text = re.sub(r"^[Tt]he\s+", "", name).strip()
                    if len(text) < 2 or text in seen:
                        continue
                    if text.lower() in STOP_WORDS and not text.isupper():
                        continue
                    seen.add(text)
                    out.append({"label": label, "pattern": text, "id": entry.id})
            self._patterns = out
        return list(self._patterns)

    def __len__(self) -> int:
        return len(self.entries)


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str, lexicons: str) -> KnowledgeBase:
    return KnowledgeBase.load(folder, lexicons)


def load_kb(
    directory: str | Path | None = None, lexicons: str | Path | None = None
) -> KnowledgeBase:
    """Return the knowledge base of ``directory``, cached per (KB, lexicon) folder.

    Parameters
    ----------
    directory : str or pathlib.Path, optional
        Default :func:`graphbuilder.paths.kb_dir` (``--kb``, ``$GRAPHBUILDER_KB``, else
        ``ontology/kb``).
    lexicons : str or pathlib.Path, optional
        The lexicon folder of the office titles; default :func:`graphbuilder.paths.lexicon_dir`.

    Returns
    -------
    KnowledgeBase

    Raises
    ------
    KnowledgeBaseError
        See :meth:`KnowledgeBase.load`.
    """
    folder = kb_dir(directory).resolve()
    return _load_cached(str(folder), str(lexicon_dir(lexicons).resolve()))


def clear_cache() -> None:
    """Forget every cached knowledge base (after the data files changed)."""
    _load_cached.cache_clear()
