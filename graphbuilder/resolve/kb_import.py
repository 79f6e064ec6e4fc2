"""Import a saved Wikidata SPARQL result into a knowledge-base CSV, so users extend the KB
without code.

Expected input: the standard SPARQL 1.1 Query Results JSON format
(``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``) as the Wikidata Query
Service downloads it ("Download > JSON file"). Columns (SPARQL variable names):

``item`` (required)
    The Wikidata entity IRI, ``http://www.wikidata.org/entity/Q232``.
``itemLabel`` (required)
    The English label (``SERVICE wikibase:label``).
``altLabel`` or ``altLabels`` (optional)
    Other names; several rows per item and/or one ``|``-separated value
    (``GROUP_CONCAT(DISTINCT ?alt; separator="|")``).
``demonym`` (optional)
    Demonyms, same conventions (countries only).
``subclass`` (optional)
    A finer class name for the ontology (``City``, ``ArmedGroup`` ...).

Example query::

    SELECT ?item ?itemLabel (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?altLabel)
    WHERE { ?item wdt:P31 wd:Q484652 .
            OPTIONAL { ?item skos:altLabel ?alt FILTER(LANG(?alt) = "en") }
            SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }
    GROUP BY ?item ?itemLabel

Rows are merged by QID into the target CSV (default ``ontology/kb/imported.csv``), aliases
deduplicated; each row's source is ``Wikidata import <file name> <date>``.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.outputs import write_csv_atomic
from graphbuilder.paths import kb_dir

KINDS = {
    "person": ("Person", "person"),
    "country": ("Country", "country"),
    "organization": ("Organization", "org"),
    "location": ("Location", "place"),
    "event": ("Event", "event"),
}
FIELDS = [
    "id", "cls", "subclass", "label", "aliases", "demonyms", "qid",
    "part_of", "member_of", "located_in", "ambiguous", "source",
]  # fmt: skip
_QID_RE = re.compile(r"(Q[1-9]\d*)$")


def _values(binding: dict, *names: str) -> list[str]:
    out = []
    for name in names:
        cell = binding.get(name)
        if isinstance(cell, dict) and cell.get("value"):
            out.extend(v.strip() for v in str(cell["value"]).split("|") if v.strip())
    return out


def read_sparql_json(path: str | Path) -> dict[str, dict[str, list[str] | str]]:
    """Read a Wikidata SPARQL JSON result into ``{qid: {"label", "aliases", "demonyms",
    "subclass"}}``.

    Parameters
    ----------
    path : str or pathlib.Path
        The saved result file.

    Returns
    -------
    dict
        One record per QID, in first-seen order; aliases and demonyms deduplicated.

    Raises
    ------
    KnowledgeBaseError
        The file is unreadable, not JSON, not a SPARQL result, lacks ``item``/``itemLabel``,
        or a binding's ``item`` is not a Wikidata entity IRI.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise KnowledgeBaseError(f"{path}: cannot read ({err.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KnowledgeBaseError(f"{path}: not a JSON file ({err})") from None
    try:
        variables = data["head"]["vars"]
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError):
        raise KnowledgeBaseError(
            f"{path}: not a SPARQL JSON result (needs head.vars and results.bindings)"
        ) from None
    for need in ("item", "itemLabel"):
        if need not in variables:
            raise KnowledgeBaseError(f"{path}: the result has no '{need}' column")
    records: dict[str, dict] = {}
    for n, binding in enumerate(bindings, start=1):
        iri = (binding.get("item") or {}).get("value", "")
        match = _QID_RE.search(iri)
        if not match:
            raise KnowledgeBaseError(f"{path}: binding {n}: item {iri!r} is not a Wikidata IRI")
        qid = match.group(1)
        labels = _values(binding, "itemLabel")
        rec = records.setdefault(qid, {"label": "", "aliases": [], "demonyms": [], "subclass": ""})
        if labels and not rec["label"] and labels[0] != qid:
            rec["label"] = labels[0]
        for alias in _values(binding, "altLabel", "altLabels"):
            if alias not in rec["aliases"]:
                rec["aliases"].append(alias)
        for dem in _values(binding, "demonym", "demonyms"):
            if dem not in rec["demonyms"]:
                rec["demonyms"].append(dem)
        sub = _values(binding, "subclass")
        if sub and not rec["subclass"]:
            rec["subclass"] = sub[0]
    return {q: r for q, r in records.items() if r["label"]}


def import_wikidata(
    path: str | Path,
    kind: str = "organization",
    into: str | Path | None = None,
    today: str | None = None,
) -> tuple[Path, int, int]:
    """Merge a saved Wikidata SPARQL JSON result into a KB CSV.

    Parameters
    ----------
    path : str or pathlib.Path
        The SPARQL JSON result (see the module docstring for the columns).
    kind : {"person", "country", "organization", "location", "event"}
        The entity class of every row.
    into : str or pathlib.Path, optional
        The target CSV, or a folder (then ``<folder>/imported.csv``); default
        ``ontology/kb/imported.csv``.
    today : str, optional
        ISO date written in the source column (default: today).

    Returns
    -------
    tuple of (pathlib.Path, int, int)
        The CSV written, rows added, rows updated.

    Raises
    ------
    KnowledgeBaseError
        Unknown ``kind``, a bad input file, or an existing target CSV with another header.

    Examples
    --------
    >>> import_wikidata("cities.json", kind="location")  # doctest: +SKIP
    (PosixPath('.../ontology/kb/imported.csv'), 12, 0)
    """
    if kind not in KINDS:
        raise KnowledgeBaseError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    cls, prefix = KINDS[kind]
    src = Path(path)
    records = read_sparql_json(src)
    target = Path(into) if into is not None else kb_dir() / "imported.csv"
    if target.is_dir() or (into is not None and not target.suffix):
        target = target / "imported.csv"
    rows: list[dict[str, str]] = []
    if target.exists():
        header, numbered = read_csv_rows(target)
        if header != FIELDS:
            raise KnowledgeBaseError(f"{target}: header {header} is not the KB entity header")
        rows = [row for _, row in numbered]
    by_qid = {r["qid"]: r for r in rows if r.get("qid")}
    source = f"Wikidata import {src.name} {today or _dt.date.today().isoformat()}"
    added = updated = 0
    for qid, rec in records.items():
        row = by_qid.get(qid)
        if row is None:
            row = {f: "" for f in FIELDS}
            row.update(id=f"{prefix}/wd-{qid}", cls=cls, qid=qid, label=rec["label"])
            row["subclass"] = rec["subclass"]
            row["source"] = source
            rows.append(row)
            by_qid[qid] = row
            added += 1
        else:
            updated += 1
            if source not in row["source"].split("; "):
                row["source"] = f"{row['source']}; {source}" if row["source"] else source
        aliases = [a for a in row["aliases"].split("|") if a]
        for alias in rec["aliases"]:
            if alias not in aliases and alias != row["label"]:
                aliases.append(alias)
        row["aliases"] = "|".join(aliases)
        demonyms = [d for d in row["demonyms"].split("|") if d]
        demonyms += [d for d in rec["demonyms"] if d not in demonyms]
        row["demonyms"] = "|".join(demonyms)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_csv_atomic(target, FIELDS, rows)
    return target, added, updated
