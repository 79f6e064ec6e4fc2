"""msgpack codecs of the records kept in Doc extensions, so a Doc keeps them through bytes.

spaCy writes ``doc.user_data`` (where the ``doc._.gb_*`` values live) with srsly's msgpack:
``Doc.to_bytes``, ``DocBin(store_user_data=True)``, and the worker processes of
``nlp.pipe(n_process=2)``, which send every Doc both ways as bytes. The records of
:mod:`graphbuilder.records` are dataclasses, which msgpack cannot write; this module turns each
into plain data and back:

``{"__gb_record__": "<class name>", "<field>": <value>, ...}``

Every value is a str, int, float, None, list or another such map, so the written form is also
JSON-serialisable (sets are written as sorted lists, so the same records give the same bytes).
The codecs are registered in srsly's catalogue registries ``msgpack_encoders`` and
``msgpack_decoders``: through the ``srsly_msgpack_encoders`` / ``srsly_msgpack_decoders`` entry
points of ``pyproject.toml`` (any process with graphbuilder installed reads a DocBin of ours),
and by :func:`register_codecs` (called by
:func:`graphbuilder.nlp.extensions.register_extensions`) for a checkout that is not installed.

msgpack does not tell lists from tuples: read back, a list-valued extension
(``doc._.gb_mentions``) is a tuple, as spaCy documents for ``user_data``; the fields of a record
get their declared kind back (sets for ``Entity.aliases`` and ``Entity.documents``).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, get_origin, get_type_hints

from graphbuilder.records import Article, Entity, Evidence, Mention, Relation, Stance

__all__ = [
    "RECORD_TAG",
    "decode_record",
    "encode_record",
    "plain",
    "record_data",
    "register_codecs",
]

#: The key naming a record's class in its plain form.
RECORD_TAG = "__gb_record__"
#: The name the codecs are registered under (in srsly's registries and entry points).
CODEC_NAME = "graphbuilder_records"

_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (Article, Mention, Entity, Evidence, Relation, Stance)
}
_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(f.name for f in fields(cls)) for name, cls in _TYPES.items()
}
#: Fields typed ``set[...]`` (msgpack has no sets: they travel as lists and come back as sets).
_SET_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(
        f.name for f in fields(cls) if get_origin(get_type_hints(cls)[f.name]) in (set, frozenset)
    )
    for name, cls in _TYPES.items()
}


def record_data(obj: Any) -> dict[str, Any] | None:
    """The plain form of one record (nested records stay records), or None for anything else.

    Parameters
    ----------
    obj : object
        An :class:`~graphbuilder.records.Article`, ``Mention``, ``Entity``, ``Evidence``,
        ``Relation`` or ``Stance`` (exactly that class).

    Returns
    -------
    dict or None
        ``{RECORD_TAG: class name, field: value ...}``, sets as sorted lists.
    """
    name = type(obj).__name__
    if _TYPES.get(name) is not type(obj):
        return None
    data: dict[str, Any] = {RECORD_TAG: name}
    for field_name in _FIELDS[name]:
        value = getattr(obj, field_name)
        if isinstance(value, set | frozenset):
            value = sorted(value)
        data[field_name] = value
    return data


def encode_record(obj: Any, chain=None) -> Any:
    """srsly msgpack encoder: a record as its plain form; anything else to ``chain``.

    Parameters
    ----------
    obj : object
        What msgpack could not write itself.
    chain : callable, optional
        The next encoder (srsly composes the registered ones).

    Returns
    -------
    object
        A dict for a record, else ``chain(obj)`` (or ``obj`` without a chain).
    """
    data = record_data(obj)
    if data is not None:
        return data
    return obj if chain is None else chain(obj)


def decode_record(obj: Any, chain=None) -> Any:
    """srsly msgpack decoder (an ``object_hook``): a record's plain form as the record.

    Parameters
    ----------
    obj : object
        A map just read (its nested maps are decoded already).
    chain : callable, optional
        The next decoder.

    Returns
    -------
    object
        The record for a map tagged with :data:`RECORD_TAG`, else ``chain(obj)``.
    """
    if isinstance(obj, dict):
        name = obj.get(RECORD_TAG)
        cls = _TYPES.get(name) if isinstance(name, str) else None
        if cls is not None:
            values = {k: v for k, v in obj.items() if k != RECORD_TAG}
            for field_name in _SET_FIELDS.get(name, ()):
                values[field_name] = set(values.get(field_name) or ())
            return cls(**values)
    return obj if chain is None else chain(obj)


def register_codecs() -> None:
    """Register :func:`encode_record` and :func:`decode_record` with srsly (idempotent; the
    entry points of an installed graphbuilder register the same functions by the same name)."""
    import srsly

    srsly.msgpack_encoders.register(CODEC_NAME, func=encode_record)
    srsly.msgpack_decoders.register(CODEC_NAME, func=decode_record)


def plain(value: Any) -> Any:
    """``value`` as JSON-serialisable data: records as their plain form (nested too), sets as
    sorted lists, tuples as lists, dict keys as given (``json.dumps`` writes int keys as str).

    Parameters
    ----------
    value : object
        An extension value (a record, or a dict/list/tuple/set of records and scalars).

    Returns
    -------
    object
        Made of dict, list, str, int, float, bool and None only.
    """
    data = record_data(value)
    if data is not None:
        return {k: plain(v) for k, v in data.items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
