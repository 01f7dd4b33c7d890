"""Selections of entries that the places stage searches by spelling, made once when the cache is
built rather than by a scan of every entry in every process that needs them (each scan cost
0.03–0.2 s, paid again by each worker of a parallel ingest)."""

from __future__ import annotations

from array import array
from collections import defaultdict

from newsmap.gazetteer.entries import ADMIN1, CITY, COUNTRY, OTHER, _Entry
from newsmap.gazetteer.names import fold

FUZZY_MIN_POPULATION = 1000  # smaller settlements are matched by spelling only in a stated region
MAJOR_MIN_POPULATION = 50_000


def selections(entries: list[_Entry], admin1_index: dict[str, int]) -> dict:
    folded = [fold(entry.name) for entry in entries]
    fuzzy: dict[str, set[str]] = defaultdict(set)
    cities_by_country: dict[str, array] = defaultdict(lambda: array("i"))
    cities_by_region: dict[int, array] = defaultdict(lambda: array("i"))
    major, regions_and_countries, continents = array("i"), array("i"), array("i")
    for index, entry in enumerate(entries):
        name = folded[index]
        if name and (entry.kind != CITY or entry.population >= FUZZY_MIN_POPULATION):
            fuzzy[name[0]].add(name)
        if entry.kind == CITY:
            cities_by_country[entry.country].append(index)
            if entry.admin1_code:
                cities_by_region[admin1_index[entry.admin1_code]].append(index)
        if entry.kind in (ADMIN1, COUNTRY) or entry.kind == CITY and entry.population >= MAJOR_MIN_POPULATION:
            major.append(index)
        if entry.kind in (ADMIN1, COUNTRY):
            regions_and_countries.append(index)
        elif entry.kind == OTHER and not entry.country:
            continents.append(index)
    return {
        "folded_names": "\n".join(name.replace("\n", " ") for name in folded),
        "fuzzy_names": {initial: "\n".join(sorted(names)) for initial, names in fuzzy.items()},
        "cities_by_country": dict(cities_by_country),
        "cities_by_region": dict(cities_by_region),
        "major_entries": major,
        "region_and_country_entries": regions_and_countries,
        "continent_entries": continents,
    }
